/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for the group table (lib/rollup.h), the parser of
 * period labels that --merge reads from partials, and the shares
 * (lib/share.h).
 *
 * 1. The whole input is read as a period label of each kind: an accepted
 *    label must name the first day of its period and print back to
 *    itself.
 * 2. The input, cut at LF into records, drives a table: the first two
 *    bytes of a record pick a day (from 2023-12-01), the rest, cut at
 *    TAB, gives two key fields (any bytes); persons come from the
 *    length.  The records go into one table and, alternately, into two
 *    others whose states are then added into a fourth.  For each kind
 *    of period and several option sets, the finished rows of the single
 *    table and of the merged one must be the same bytes; the shares of
 *    each period must add up to 1000 tenths, and cases, persons and
 *    the comparison columns must add up to the period's and the base
 *    period's totals.  Any broken promise aborts; ASan and UBSan watch
 *    the rest.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "rollup.h"
#include "share.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAXREC	256

/* What the emit callback writes and checks. */
struct sink {
	char		*buf;
	size_t		 len, cap;
	int		 nkey;
	/* the period being checked */
	int		 open;
	struct xf_date	 period;
	uint64_t	 cshare, pshare, cases, persons, prevc, prevp;
	int		 hasprev;
};

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_rollup: %s\n", what);
	abort();
}

static void
put(struct sink *s, const void *p, size_t n)
{
	if (s->len + n + 1 > s->cap) {
		s->cap = (s->len + n + 1) * 2;
		if ((s->buf = realloc(s->buf, s->cap)) == NULL)
			fail("out of memory");
	}
	memcpy(s->buf + s->len, p, n);
	s->len += n;
	s->buf[s->len] = '\0';
}

static void
putn(struct sink *s, uint64_t v)
{
	char b[32];
	int n = snprintf(b, sizeof(b), "%llu|", (unsigned long long)v);

	put(s, b, (size_t)n);
}

/* The period just finished must add up. */
static void
close_period(struct sink *s)
{
	if (!s->open)
		return;
	if (s->cases > 0 && s->cshare != 1000)
		fail("case shares do not add up to 1000");
	if (s->persons > 0 && s->pshare != 1000)
		fail("person shares do not add up to 1000");
	s->open = 0;
}

static int
emit(void *arg, const struct xf_rollup_row *row)
{
	struct sink *s = arg;
	int i;

	if (row->kind != XF_ROLLUP_GRAND &&
	    (!s->open || memcmp(&s->period, &row->period,
	    sizeof(s->period)) != 0)) {
		close_period(s);
		s->open = 1;
		s->period = row->period;
		s->cshare = s->pshare = s->cases = s->persons = 0;
		s->prevc = s->prevp = 0;
		s->hasprev = row->has_prev;
	}
	if (row->kind == XF_ROLLUP_GROUP || row->kind == XF_ROLLUP_OTHER) {
		s->cshare += row->case_share;
		s->pshare += row->person_share;
		s->cases += row->cases;
		s->persons += row->persons;
		s->prevc += row->prev_cases;
		s->prevp += row->prev_persons;
		if (row->has_prev != s->hasprev)
			fail("has_prev differs within a period");
		if (row->case_share > 1000 || row->person_share > 1000)
			fail("share above 100%");
		if (row->has_change != (row->has_prev && row->prev_cases > 0))
			fail("has_change wrong");
	} else if (row->kind == XF_ROLLUP_TOTAL) {
		if (row->cases != s->cases || row->persons != s->persons)
			fail("total is not the sum of the rows");
		if (row->has_prev != s->hasprev || (row->has_prev &&
		    (row->prev_cases != s->prevc ||
		    row->prev_persons != s->prevp)))
			fail("total's prev is not the sum of the rows'");
	}
	putn(s, (uint64_t)row->kind);
	putn(s, (uint64_t)xf_date_to_days(&row->period) + 1000000);
	if (row->kind == XF_ROLLUP_GROUP)
		for (i = 0; i < s->nkey; i++) {
			putn(s, row->keylen[i]);
			put(s, row->key[i], row->keylen[i]);
		}
	putn(s, row->cases);
	putn(s, row->persons);
	putn(s, (uint64_t)row->sums[0]);
	putn(s, row->case_share);
	putn(s, row->person_share);
	putn(s, (uint64_t)row->has_prev);
	putn(s, row->prev_cases);
	putn(s, row->prev_persons);
	putn(s, (uint64_t)row->has_change);
	putn(s, (uint64_t)row->change);
	put(s, "\n", 1);
	return 0;
}

static int
rebuild(void *arg, const struct xf_rollup_row *row)
{
	return xf_rollup_add(arg, &row->period, row->key, row->keylen,
	    row->cases, row->persons, row->sums, NULL);
}

static void
labels(const uint8_t *data, size_t size)
{
	char buf[XF_DATE_BUCKETLEN];
	struct xf_date d, st;
	int p;

	for (p = XF_PERIOD_DAY; p <= XF_PERIOD_YEAR; p++) {
		if (xf_rollup_period_parse(p, (const char *)data, size,
		    &d) == -1)
			continue;
		if (!xf_date_valid(&d))
			fail("accepted label gives an invalid date");
		st = xf_date_bucket_start(&d, (enum xf_period)p);
		if (memcmp(&st, &d, sizeof(d)) != 0)
			fail("accepted label is not a period's first day");
		if (xf_date_bucket(&d, (enum xf_period)p, buf,
		    sizeof(buf)) != (int)size || memcmp(buf, data, size) != 0)
			fail("accepted label does not print back");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct xf_rollup_opt opts[] = {
		{ XF_ROLLUP_NOCOMPARE, 0, 0, NULL },
		{ XF_ROLLUP_PREV, 0, 1, "x" },
		{ XF_ROLLUP_YOY, 2, 1, "x" },
		{ XF_ROLLUP_PREV, 1, 0, "" },
	};
	const struct xf_date d0 = { 2023, 12, 1 };
	struct xf_rollup *one, *half[2], *merged;
	struct sink a, b;
	const char *kp[2];
	size_t kl[2], off = 0, nrec = 0, end, i;
	struct xf_date d;
	int64_t sum[1];
	int p, o;

	labels(data, size);
	for (p = XF_PERIOD_DAY; p <= XF_PERIOD_YEAR; p++) {
		one = xf_rollup_new(2, 1, p);
		half[0] = xf_rollup_new(2, 1, p);
		half[1] = xf_rollup_new(2, 1, p);
		merged = xf_rollup_new(2, 1, p);
		if (one == NULL || half[0] == NULL || half[1] == NULL ||
		    merged == NULL)
			fail("out of memory");
		for (off = 0, nrec = 0; off < size && nrec < MAXREC; nrec++) {
			const uint8_t *r = data + off, *tab;

			for (end = off; end < size && data[end] != '\n'; end++)
				;
			i = end - off;
			off = end + 1;
			if (i < 2)
				continue;
			if (xf_date_add_days(&d0, (long)((r[0] << 8 | r[1]) %
			    800), &d) == -1)
				fail("date");
			kp[0] = (const char *)r + 2;
			tab = memchr(r + 2, '\t', i - 2);
			kl[0] = tab == NULL ? i - 2 : (size_t)(tab - (r + 2));
			kp[1] = tab == NULL ? "" : (const char *)tab + 1;
			kl[1] = tab == NULL ? 0 : i - 2 - kl[0] - 1;
			sum[0] = (int64_t)i * 101 - 500;
			if (xf_rollup_add(one, &d, kp, kl, 1, 1 + i % 4, sum,
			    NULL) == -1 || xf_rollup_add(half[nrec % 2], &d,
			    kp, kl, 1, 1 + i % 4, sum, NULL) == -1)
				fail("add failed");
		}
		for (i = 0; i < 2; i++)
			if (xf_rollup_state(half[i], rebuild, merged, NULL) ==
			    -1)
				fail("state failed");
		for (o = 0; o < (int)(sizeof(opts) / sizeof(opts[0])); o++) {
			memset(&a, 0, sizeof(a));
			memset(&b, 0, sizeof(b));
			a.nkey = b.nkey = 2;
			if (xf_rollup_result(one, &opts[o], emit, &a, NULL) ==
			    -1 || xf_rollup_result(merged, &opts[o], emit, &b,
			    NULL) == -1)
				fail("result failed");
			close_period(&a);
			close_period(&b);
			if (a.len != b.len || (a.len > 0 &&
			    memcmp(a.buf, b.buf, a.len) != 0))
				fail("merged table differs from the single one");
			free(a.buf);
			free(b.buf);
		}
		xf_rollup_free(one);
		xf_rollup_free(half[0]);
		xf_rollup_free(half[1]);
		xf_rollup_free(merged);
	}
	return 0;
}
