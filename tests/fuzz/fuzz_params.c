/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for parameter tables and the holiday calendar loader
 * (lib/params.h).  The first input byte chooses how to load; the rest is
 * the table text, given to xf_params_load_mem and xf_calendar_load_mem:
 *	bit 0	load the built-in defaults first (must succeed)
 *	bit 1	load the text a second time on top of the first
 *
 * Checked: a failed load leaves the table as it was (same dump); a table
 * dumps, and its dump loads into a fresh table that dumps the same (as
 * params.h promises for --dump-params); loading the same text again
 * changes nothing; every row of the dump is found by xf_params_get on
 * its first and last day for its own region; the chain of every region
 * starts with the region and ends with 全国; the value read as a
 * decimal, as fen and as a whole number agrees exactly.  The loaders
 * print diagnostics on standard error (scripts/run-fuzz leaves lines
 * starting "xf: " out of its log).  Any broken promise aborts.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "date.h"
#include "money.h"
#include "params.h"

/* Rows of a dump looked up, at most. */
#define MAXLOOKUP	64

__extension__ typedef __int128 i128;

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	 fail(const char *, const char *);
static char	*dump(const struct xf_params *, size_t *);
static i128	 ipow10(int);
static void	 check_values(const struct xf_param *);
static void	 check_chain(const char *);
static void	 check_rows(const struct xf_params *, const char *, size_t);

static void
fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_params: %s%s%s\n", what,
	    detail != NULL ? ": " : "", detail != NULL ? detail : "");
	abort();
}

/* The table as --dump-params writes it, in a malloc'd buffer. */
static char *
dump(const struct xf_params *p, size_t *len)
{
	FILE *fp;
	char *buf = NULL;

	*len = 0;
	if ((fp = open_memstream(&buf, len)) == NULL)
		abort();
	if (xf_params_dump(p, fp) != 0)
		fail("dump failed", NULL);
	if (fclose(fp) == EOF)
		abort();
	return buf;
}

static i128
ipow10(int n)
{
	i128 v = 1;

	while (n-- > 0)
		v *= 10;
	return v;
}

/* The three readings of a value agree with each other exactly. */
static void
check_values(const struct xf_param *r)
{
	struct xf_dec d = { 7, 7 }, d2;
	int64_t fen = 7;
	long n = 7;
	const char *why;
	int rd, rf, rl;

	why = NULL;
	rd = xf_params_dec(r, &d, &why);
	if (rd == -1 && (why == NULL || d.num != 7 || d.scale != 7))
		fail("params_dec failed without a reason or touched d",
		    r->name);
	why = NULL;
	rf = xf_params_fen(r, &fen, &why);
	if (rf == -1 && (why == NULL || fen != 7))
		fail("params_fen failed without a reason or touched fen",
		    r->name);
	why = NULL;
	rl = xf_params_long(r, &n, &why);
	if (rl == -1 && (why == NULL || n != 7))
		fail("params_long failed without a reason or touched n",
		    r->name);
	if (!r->has_value) {
		if (rd == 0 || rf == 0 || rl == 0 || r->value[0] != '\0')
			fail("a row without a value has one", r->name);
		return;
	}
	if (rd != 0)
		fail("params_dec refused a loaded value", r->value);
	if (d.num != r->dec.num || d.scale != r->dec.scale)
		fail("params_dec differs from the row's dec", r->value);
	if (xf_dec_parse(r->value, strlen(r->value), &d2, NULL) != 0 ||
	    d2.num != d.num || d2.scale != d.scale)
		fail("value does not parse as the row's dec", r->value);
	/* fen / 100 == num / 10^scale, and n == num / 10^scale. */
	if (rf == 0 && ((i128)fen * ipow10(d.scale) != (i128)d.num * 100 ||
	    fen > XF_MONEY_MAX || fen < -XF_MONEY_MAX))
		fail("params_fen is not the value", r->value);
	if (rf == -1 && d.scale <= 2 && (i128)d.num * ipow10(2 - d.scale) <=
	    XF_MONEY_MAX && (i128)d.num * ipow10(2 - d.scale) >= -XF_MONEY_MAX)
		fail("params_fen refused a value in range", r->value);
	if (rl == 0 && (i128)n * ipow10(d.scale) != (i128)d.num)
		fail("params_long is not the value", r->value);
	if (rl == -1 && (i128)d.num % ipow10(d.scale) == 0 &&
	    (i128)d.num / ipow10(d.scale) <= (i128)INT64_MAX &&
	    sizeof(long) == 8)
		fail("params_long refused a whole number", r->value);
}

static void
check_chain(const char *region)
{
	const char *chain[XF_PARAMS_CHAINMAX];
	size_t n;

	n = xf_params_chain(region, chain);
	if (n < 1 || n > XF_PARAMS_CHAINMAX)
		fail("chain length", region);
	if (region != NULL && strcmp(chain[0], region) != 0)
		fail("chain does not start with the region", region);
	if (strcmp(chain[n - 1], "全国") != 0)
		fail("chain does not end with 全国", region);
}

/*
 * Read the dump back with csvin and look every row up on its first and
 * last day, and just outside them.
 */
static void
check_rows(const struct xf_params *p, const char *text, size_t len)
{
	struct xf_csvopt opt;
	struct xf_csvin *in;
	struct xf_row row;
	struct xf_date from, to, out;
	const struct xf_param *r;
	FILE *fp;
	char *copy;
	size_t nrow = 0;
	int rc;

	if (len == 0)
		fail("empty dump", NULL);
	if ((copy = malloc(len)) == NULL)
		abort();
	memcpy(copy, text, len);
	if ((fp = fmemopen(copy, len, "r")) == NULL)
		abort();
	memset(&opt, 0, sizeof(opt));
	opt.encoding = XF_ENC_UTF8;
	if ((in = xf_csvin_new(fp, "<dump>", &opt)) == NULL)
		abort();
	if (xf_csvin_next(in, &row) != XF_CSV_ROW || row.nfield != 7 ||
	    strcmp(row.field[0], "name") != 0)
		fail("dump has no proper header", NULL);
	while ((rc = xf_csvin_next(in, &row)) != XF_CSV_EOF) {
		if (rc != XF_CSV_ROW || row.nfield != 7)
			fail("dump has a bad record", xf_csvin_error(in));
		if (++nrow > MAXLOOKUP)
			continue;
		if (xf_date_parse(row.field[4], row.len[4], &from, NULL,
		    NULL) != 0)
			fail("dump has a bad effective_from", row.field[4]);
		to.year = 9999;
		to.month = 12;
		to.day = 31;
		if (row.len[5] > 0 && xf_date_parse(row.field[5], row.len[5],
		    &to, NULL, NULL) != 0)
			fail("dump has a bad effective_to", row.field[5]);
		if (xf_date_diff(&from, &to) < 0)
			fail("dump has a row that ends before it starts",
			    row.field[0]);
		check_chain(row.field[1]);

		r = xf_params_get(p, row.field[0], row.field[1], &from);
		if (r == NULL || strcmp(r->name, row.field[0]) != 0 ||
		    strcmp(r->region, row.field[1]) != 0 ||
		    xf_date_diff(&r->from, &from) != 0)
			fail("row not found on its first day", row.field[0]);
		if (strcmp(r->value, row.field[2]) != 0 ||
		    strcmp(r->unit, row.field[3]) != 0 ||
		    strcmp(r->source, row.field[6]) != 0 ||
		    r->source[0] == '\0')
			fail("row found differs from the dump", row.field[0]);
		if (r->from_day != xf_date_to_days(&r->from) ||
		    r->to_day != xf_date_to_days(&to) ||
		    r->has_to != (row.len[5] > 0))
			fail("row's day numbers are wrong", row.field[0]);
		check_values(r);
		r = xf_params_get(p, row.field[0], row.field[1], &to);
		if (r == NULL || xf_date_diff(&r->from, &from) != 0)
			fail("row not found on its last day", row.field[0]);
		/* The day after: another row of the region, or none. */
		if (xf_date_add_days(&to, 1, &out) == 0 &&
		    (r = xf_params_get(p, row.field[0], row.field[1],
		    &out)) != NULL && strcmp(r->region, row.field[1]) == 0 &&
		    xf_date_diff(&r->from, &out) != 0)
			fail("another row of the region overlaps",
			    row.field[0]);
	}
	if (nrow != xf_params_count(p))
		fail("dump has another number of rows than the table", NULL);
	xf_csvin_close(in);
	fclose(fp);
	free(copy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xf_params *p, *q;
	struct xf_calendar *cal;
	struct xf_date day = { 2024, 5, 6 }, bad = { 2023, 2, 29 };
	const char *text;
	char *before, *after, *again;
	size_t n, blen, alen, glen, count;
	int opts, rc;

	if (size < 1)
		return 0;
	opts = data[0];
	text = (const char *)data + 1;
	n = size - 1;

	p = xf_params_new();
	if ((opts & 1) && xf_params_defaults(p) != 0)
		fail("the built-in table does not load", NULL);
	before = dump(p, &blen);
	count = xf_params_count(p);
	rc = xf_params_load_mem(p, text, n, "<fuzz>");
	if (rc != 0 && rc != -1)
		fail("load returned neither 0 nor -1", NULL);
	after = dump(p, &alen);
	if (rc == -1 && (xf_params_count(p) != count || alen != blen ||
	    memcmp(before, after, blen) != 0))
		fail("a failed load changed the table", NULL);
	if (rc == 0 && (opts & 2)) {
		if (xf_params_load_mem(p, text, n, "<again>") != 0)
			fail("a table that loaded once does not load again",
			    NULL);
		again = dump(p, &glen);
		if (glen != alen || memcmp(again, after, alen) != 0)
			fail("loading the same table again changed it", NULL);
		free(again);
	}

	/* The dump loads into a fresh table that dumps the same. */
	q = xf_params_new();
	if (xf_params_load_mem(q, after, alen, "<dump>") != 0)
		fail("the dump does not load", NULL);
	again = dump(q, &glen);
	if (glen != alen || memcmp(again, after, alen) != 0)
		fail("the dump of the loaded dump differs", NULL);
	if (xf_params_count(q) != xf_params_count(p))
		fail("the loaded dump has another number of rows", NULL);
	free(again);
	xf_params_free(q);

	check_rows(p, after, alen);
	check_chain(NULL);
	check_chain("延吉市");
	check_chain("延边州");
	if (xf_params_get(p, "petition_route_days", NULL, &bad) != NULL)
		fail("lookup on an invalid date", NULL);
	(void)xf_params_get(p, "petition_route_days", NULL, &day);
	free(before);
	free(after);
	xf_params_free(p);

	/* The same text as a holiday table. */
	if ((cal = xf_calendar_new()) == NULL)
		abort();
	rc = xf_calendar_load_mem(cal, text, n, "<fuzz>");
	if (rc != 0 && rc != -1)
		fail("calendar load returned neither 0 nor -1", NULL);
	(void)xf_calendar_is_restday(cal, &day);
	xf_calendar_free(cal);
	return 0;
}
