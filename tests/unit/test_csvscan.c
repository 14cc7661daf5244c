/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for the record-boundary scanner (lib/csvscan.c): record
 * ends found where an LF outside quotes is, across every way of cutting
 * the input into buffers (UTF-8 characters cut too), and each thing that
 * makes an input not clean.  The expected offsets are counted by hand
 * from the literal inputs; random inputs are judged by a UTF-8 validator
 * written here from the Unicode Standard's table and by the offsets at
 * which their records were made.  Scans begun in the middle of an input
 * and joined (xf_csvscan_init_at, xf_csvscan_join) are tested too.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "csvscan.h"

/* Record ends seen, as offsets from the start of the whole input. */
#define MAXENDS	512
struct ends {
	size_t		 base;
	size_t		 off[MAXENDS];
	size_t		 n;
};

static void
on_record(void *arg, size_t end)
{
	struct ends *e = arg;

	if (e->n < MAXENDS)
		e->off[e->n] = e->base + end;
	e->n++;
}

/*
 * Scan S in pieces of at most STEP bytes, as a reader would (unconsumed
 * bytes handed in again).  Returns what xf_csvscan_end returns.
 */
static int
scan(struct xf_csvscan *sc, const char *s, size_t len, size_t step,
    struct ends *e, size_t maxfield)
{
	char buf[256];
	size_t have = 0, pos = 0, used, k;

	xf_csvscan_init(sc, ',', maxfield);
	memset(e, 0, sizeof(*e));
	while (pos < len) {
		k = len - pos < step ? len - pos : step;
		memcpy(buf + have, s + pos, k);
		pos += k;
		have += k;
		e->base = pos - have;
		used = xf_csvscan_feed(sc, buf, have, on_record, e);
		if (sc->err != NULL)
			break;
		memmove(buf, buf + used, have - used);
		have -= used;
	}
	return xf_csvscan_end(sc, have);
}

static int
scan_str(struct xf_csvscan *sc, const char *s, struct ends *e)
{
	return scan(sc, s, strlen(s), strlen(s) + 1, e, 1024);
}

/* Quoted LF, doubled quote, delimiter in quotes; cut at every step. */
static void
csvscan_feed__quoted_line_ends__cut_only_outside_quotes(void **state)
{
	/*
	 * "a,b\n" is bytes 0-3, "1,\"x\ny\"\n" 4-11, and "\"\"\"\",\"p,q\"\n"
	 * (4 + 1 + 5 + 1 bytes) 12-22: records end at 4, 12 and 23.
	 */
	static const char s[] = "a,b\n1,\"x\ny\"\n\"\"\"\",\"p,q\"\n";
	struct xf_csvscan sc;
	struct ends e;
	size_t step;

	(void)state;
	for (step = 1; step <= sizeof(s); step++) {
		assert_int_equal(scan(&sc, s, sizeof(s) - 1, step, &e, 1024),
		    0);
		assert_int_equal(e.n, 3);
		assert_int_equal(e.off[0], 4);
		assert_int_equal(e.off[1], 12);
		assert_int_equal(e.off[2], 23);
		assert_int_equal(sc.records, 3);
		assert_int_equal(sc.width, 2);
		assert_int_equal(sc.nolf, 0);
		assert_int_equal(sc.bytes, 23);
	}
}

/* 张 is E5 BC A0: a buffer of one byte cuts it twice. */
static void
csvscan_feed__utf8_cut_by_buffers__clean(void **state)
{
	static const char s[] = "a\n\xe5\xbc\xa0\n";
	struct xf_csvscan sc;
	struct ends e;
	size_t step;

	(void)state;
	for (step = 1; step <= 6; step++) {
		assert_int_equal(scan(&sc, s, 6, step, &e, 1024), 0);
		assert_int_equal(e.n, 2);
		assert_int_equal(e.off[1], 6);
	}
}

static void
csvscan_end__last_record_without_lf__counted_nolf(void **state)
{
	struct xf_csvscan sc;
	struct ends e;

	(void)state;
	assert_int_equal(scan_str(&sc, "a,b\n1,2", &e), 0);
	assert_int_equal(e.n, 1);
	assert_int_equal(sc.records, 2);
	assert_int_equal(sc.nolf, 1);
	/* A trailing delimiter ends an empty last field. */
	assert_int_equal(scan_str(&sc, "a,b\n1,", &e), 0);
	assert_int_equal(sc.records, 2);
	assert_int_equal(scan_str(&sc, "a,b\n1,\"\"", &e), 0);
	assert_int_equal(sc.records, 2);
}

static void
csvscan_end__header_only__one_record(void **state)
{
	struct xf_csvscan sc;
	struct ends e;

	(void)state;
	assert_int_equal(scan_str(&sc, "a,b\n", &e), 0);
	assert_int_equal(sc.records, 1);
	assert_int_equal(sc.nolf, 0);
	assert_int_equal(scan_str(&sc, "a,b", &e), 0);
	assert_int_equal(sc.records, 1);
	assert_int_equal(sc.nolf, 1);
}

/* Each of these is not clean. */
static void
csvscan_feed__unclean__err_set(void **state)
{
	static const char *bad[] = {
		"",			/* empty */
		"a,b\r\n1,2\r\n",	/* CRLF */
		"a,b\n1,\"x\ry\"\n",	/* CR in quotes */
		"\xef\xbb\xbf" "a,b\n",	/* BOM */
		"a,b\n1,\xff\n",	/* not UTF-8 */
		"a,b\n1,\xe5\xbc\n",	/* a character cut by the LF */
		"a,b\n1,\xe5\xbc",	/* and by the end */
		"a,b\n1,\xc0\x80\n",	/* overlong */
		"a,b\n1,\xed\xa0\x80\n",	/* a surrogate */
		"a,b\n1,x\"y\n",	/* quote in an unquoted field */
		"a,b\n1,\"x\"y\n",	/* text after a closing quote */
		"a,b\n1,\"x\" \n",	/* a space after it */
		"a,b\n1,\"x\n",		/* unterminated */
		"a,b\n1,2,3\n",		/* too many fields */
		"a,b\n1\n",		/* too few */
		"a,b\n\n1,2\n",		/* a blank line */
		"a,b\n1,2\n\n",		/* a blank line at the end */
	};
	struct xf_csvscan sc;
	struct ends e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(scan_str(&sc, bad[i], &e), -1);
		assert_non_null(sc.err);
	}
}

static void
csvscan_feed__nul__err_set(void **state)
{
	struct xf_csvscan sc;
	struct ends e;

	(void)state;
	assert_int_equal(scan(&sc, "a,b\n1,\0\n", 8, 100, &e, 1024), -1);
	assert_int_equal(scan(&sc, "a,b\n1,\"\0\"\n", 10, 100, &e, 1024),
	    -1);
}

/* "12345" is 5 bytes, 7 with its quotes: the raw length counts. */
static void
csvscan_feed__field_over_limit__err_set(void **state)
{
	static const char s[] = "a\n\"12345\"\n";
	struct xf_csvscan sc;
	struct ends e;

	(void)state;
	assert_int_equal(scan(&sc, s, sizeof(s) - 1, 3, &e, 7), 0);
	assert_int_equal(scan(&sc, s, sizeof(s) - 1, 3, &e, 6), -1);
	assert_int_equal(scan(&sc, "a\n12345", 7, 2, &e, 5), 0);
	assert_int_equal(scan(&sc, "a\n12345", 7, 2, &e, 4), -1);
}

/* Another delimiter: the comma is then text. */
static void
csvscan_init__tab__comma_is_text(void **state)
{
	struct xf_csvscan sc;
	struct ends e;

	(void)state;
	xf_csvscan_init(&sc, '\t', 100);
	memset(&e, 0, sizeof(e));
	assert_int_equal(xf_csvscan_feed(&sc, "a\tb\n1,2\t3\n", 10,
	    on_record, &e), 10);
	assert_int_equal(xf_csvscan_end(&sc, 0), 0);
	assert_int_equal(sc.width, 2);
	assert_int_equal(sc.records, 2);
}

/* Feed all of S to SC, which takes all of it unless it finds it unclean. */
static void
feed_all(struct xf_csvscan *sc, const char *s)
{
	size_t used = xf_csvscan_feed(sc, s, strlen(s), NULL, NULL);

	assert_int_equal(used, sc->err == NULL ? strlen(s) : 0);
}

/* "a,b\n1,2\n" then, guessed from byte 8, "3,4\n": one scan of 12. */
static void
csvscan_join__guess_right__one_scan(void **state)
{
	struct xf_csvscan a, b;

	(void)state;
	xf_csvscan_init(&a, ',', 100);
	feed_all(&a, "a,b\n1,2\n");
	xf_csvscan_init_at(&b, ',', 100, 8);
	feed_all(&b, "3,4\n5,6");
	assert_int_equal(b.records, 1);
	assert_int_equal(b.bytes, 15);
	assert_int_equal(xf_csvscan_join(&a, &b), 0);
	assert_null(a.err);
	assert_int_equal(a.records, 3);
	assert_int_equal(a.bytes, 15);
	assert_int_equal(xf_csvscan_end(&a, 0), 0);
	assert_int_equal(a.records, 4);
	assert_int_equal(a.nolf, 1);
}

/*
 * In "a,b\n1,\"x\n3,4\"\n5,6\n" the LF at byte 8 is inside quotes: a
 * guess that a record starts at 9 is refused, A left as it was, and A
 * going on over the same bytes finds the records.
 */
static void
csvscan_join__lf_inside_quotes__refused(void **state)
{
	struct xf_csvscan a, b;

	(void)state;
	xf_csvscan_init(&a, ',', 100);
	feed_all(&a, "a,b\n1,\"x\n");
	xf_csvscan_init_at(&b, ',', 100, 9);
	feed_all(&b, "3,4\"\n5,6\n");
	assert_non_null(b.err);
	assert_int_equal(xf_csvscan_join(&a, &b), -1);
	assert_null(a.err);
	assert_int_equal(a.records, 1);
	assert_int_equal(a.bytes, 9);
	feed_all(&a, "3,4\"\n5,6\n");
	assert_int_equal(xf_csvscan_end(&a, 0), 0);
	assert_int_equal(a.records, 3);
}

/* A guess from elsewhere than where A stopped is refused too. */
static void
csvscan_join__not_where_a_stopped__refused(void **state)
{
	struct xf_csvscan a, b;

	(void)state;
	xf_csvscan_init(&a, ',', 100);
	feed_all(&a, "a,b\n");
	xf_csvscan_init_at(&b, ',', 100, 8);
	feed_all(&b, "3,4\n");
	assert_int_equal(xf_csvscan_join(&a, &b), -1);
	assert_int_equal(a.records, 1);
}

/* B's records have three fields, the header two: not clean. */
static void
csvscan_join__other_width__err_set(void **state)
{
	struct xf_csvscan a, b;

	(void)state;
	xf_csvscan_init(&a, ',', 100);
	feed_all(&a, "a,b\n1,2\n");
	xf_csvscan_init_at(&b, ',', 100, 8);
	feed_all(&b, "3,4,5\n6,7,8\n");
	assert_null(b.err);
	assert_int_equal(xf_csvscan_join(&a, &b), 0);
	assert_non_null(a.err);
}

/*
 * A stretch that starts with U+FF01 (EF BC 81) is text, not a byte
 * order mark: only the input's first byte is looked at for one.
 */
static void
csvscan_init_at__ef_first__clean(void **state)
{
	struct xf_csvscan a, b;

	(void)state;
	xf_csvscan_init_at(&b, ',', 100, 4);
	feed_all(&b, "\xef\xbc\x81,2\n");
	assert_null(b.err);
	assert_int_equal(b.records, 1);
	xf_csvscan_init(&a, ',', 100);
	feed_all(&a, "\xef\xbc\x81,2\n");
	assert_non_null(a.err);
}

/*
 * Whether the N bytes at S are UTF-8, by the table of well-formed byte
 * sequences in the Unicode Standard (Table 3-7), written out here apart
 * from the scanner's own checks.
 */
static int
wellformed(const unsigned char *s, size_t n)
{
	size_t i = 0, len, k;
	unsigned char c, lo, hi;

	while (i < n) {
		c = s[i];
		if (c <= 0x7f) {
			i++;
			continue;
		}
		lo = 0x80;
		hi = 0xbf;
		if (c >= 0xc2 && c <= 0xdf)
			len = 2;
		else if (c == 0xe0) {
			len = 3;
			lo = 0xa0;
		} else if ((c >= 0xe1 && c <= 0xec) || c == 0xee || c == 0xef)
			len = 3;
		else if (c == 0xed) {
			len = 3;
			hi = 0x9f;
		} else if (c == 0xf0) {
			len = 4;
			lo = 0x90;
		} else if (c >= 0xf1 && c <= 0xf3)
			len = 4;
		else if (c == 0xf4) {
			len = 4;
			hi = 0x8f;
		} else
			return 0;
		if (n - i < len || s[i + 1] < lo || s[i + 1] > hi)
			return 0;
		for (k = 2; k < len; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xbf)
				return 0;
		i += len;
	}
	return 1;
}

static uint32_t
lcg(uint32_t *x)
{
	*x = *x * 1103515245U + 12345U;
	return *x >> 8;
}

/*
 * Random records of Chinese, other UTF-8, ASCII that stops a plain
 * field's word skip for nothing (space, '+', '!') and, now and then, a
 * sequence that is not UTF-8 (a surrogate, an overlong form, a code
 * point past U+10FFFF, a stray or cut byte), in plain and quoted fields,
 * with ',', tab and ';' (which the word skip tests exactly) between
 * them, fed in pieces of every size: clean exactly when the whole input
 * is UTF-8, and then every record end found where it was made.
 */
static void
csvscan_feed__random_utf8__verdict_and_ends_exact(void **state)
{
	static const char *const good[] = {
		"a", "Z9", " ", "+", "-", "!", "#", "\xe4\xbd\xa0", "\xe5\xa5\xbd",
		"\xef\xbc\x8c", "\xe1\x80\x80", "\xef\xbf\xbd", "\xed\x9f\xbf",
		"\xe0\xa0\x80", "\xc3\xa9", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf",
		"\xe6\x8b\x96\xe6\xac\xa0\xe5\xb7\xa5\xe8\xb5\x84",
	};
	static const char *const bad[] = {
		"\xed\xa0\x80", "\xe0\x9f\xbf", "\xc0\xaf", "\xc1\xbf",
		"\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\x80", "\xff",
		"\xe4\xbd", "\xe4", "\xf0\x9f\x98",
	};
	static const int delims[] = { ',', '\t', ';' };
	static char in[4096];
	char buf[600];
	struct xf_csvscan sc;
	struct ends e;
	size_t want[MAXENDS], nwant, len, have, pos, used, k, step;
	uint32_t x = 7;
	int trial, r, f, j, np, delim, quoted, nclean = 0, ndirty = 0;
	const char *pc;

	(void)state;
	for (trial = 0; trial < 3000; trial++) {
		delim = delims[lcg(&x) % 3];
		len = 0;
		nwant = 0;
		in[len++] = 'a';
		in[len++] = (char)delim;
		in[len++] = 'b';
		in[len++] = '\n';
		want[nwant++] = len;
		for (r = 0; r < 1 + (int)(lcg(&x) % 12); r++) {
			for (f = 0; f < 2; f++) {
				if (f > 0)
					in[len++] = (char)delim;
				quoted = lcg(&x) % 3 == 0;
				if (quoted)
					in[len++] = '"';
				np = (int)(lcg(&x) % 30);
				for (j = 0; j < np; j++) {
					if (quoted && lcg(&x) % 8 == 0) {
						pc = lcg(&x) % 2 ? "\"\"" : "\n";
						if (lcg(&x) % 2)
							pc = delim == ',' ? "," :
							    delim == ';' ? ";" : "\t";
					} else if (lcg(&x) % 150 == 0)
						pc = bad[lcg(&x) % (sizeof(bad) /
						    sizeof(bad[0]))];
					else
						pc = good[lcg(&x) % (sizeof(good) /
						    sizeof(good[0]))];
					memcpy(in + len, pc, strlen(pc));
					len += strlen(pc);
				}
				if (quoted)
					in[len++] = '"';
			}
			in[len++] = '\n';
			want[nwant++] = len;
		}
		assert_true(len < sizeof(in));

		xf_csvscan_init(&sc, delim, 100000);
		memset(&e, 0, sizeof(e));
		have = pos = 0;
		step = 1 + lcg(&x) % 300;
		while (pos < len) {
			k = len - pos < step ? len - pos : step;
			memcpy(buf + have, in + pos, k);
			pos += k;
			have += k;
			e.base = pos - have;
			used = xf_csvscan_feed(&sc, buf, have, on_record, &e);
			if (sc.err != NULL)
				break;
			memmove(buf, buf + used, have - used);
			have -= used;
		}
		if (wellformed((const unsigned char *)in, len)) {
			nclean++;
			assert_int_equal(xf_csvscan_end(&sc, have), 0);
			assert_int_equal(sc.records, nwant);
			assert_int_equal(e.n, nwant);
			for (k = 0; k < nwant; k++)
				assert_int_equal(e.off[k], want[k]);
		} else {
			ndirty++;
			assert_int_equal(xf_csvscan_end(&sc, have), -1);
		}
	}
	/* Both kinds were made, many of each. */
	assert_true(nclean > 500 && ndirty > 500);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    csvscan_feed__quoted_line_ends__cut_only_outside_quotes),
		cmocka_unit_test(csvscan_feed__utf8_cut_by_buffers__clean),
		cmocka_unit_test(
		    csvscan_end__last_record_without_lf__counted_nolf),
		cmocka_unit_test(csvscan_end__header_only__one_record),
		cmocka_unit_test(csvscan_feed__unclean__err_set),
		cmocka_unit_test(csvscan_feed__nul__err_set),
		cmocka_unit_test(csvscan_feed__field_over_limit__err_set),
		cmocka_unit_test(csvscan_init__tab__comma_is_text),
		cmocka_unit_test(csvscan_join__guess_right__one_scan),
		cmocka_unit_test(csvscan_join__lf_inside_quotes__refused),
		cmocka_unit_test(csvscan_join__not_where_a_stopped__refused),
		cmocka_unit_test(csvscan_join__other_width__err_set),
		cmocka_unit_test(csvscan_init_at__ef_first__clean),
		cmocka_unit_test(
		    csvscan_feed__random_utf8__verdict_and_ends_exact),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
