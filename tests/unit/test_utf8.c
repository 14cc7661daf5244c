/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/utf8.c.  Expected values come from Python's strict
 * UTF-8 decoder (validity, and the start offset it reports in
 * UnicodeDecodeError), from its "surrogateescape" decoder (one
 * character per ill-formed byte, the counting rule of xf_utf8_len()),
 * and from unicodedata.normalize("NFKC"), which folds full-width forms
 * the same way; byte sequences at the edges of the well-formed ranges
 * are from Unicode table 3-7.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* A string literal and its length, NUL excluded. */
#define S(lit)	(lit), (sizeof(lit) - 1)

/* 1 if valid; else the offset, shifted so that a test can compare both. */
static long
check(const char *s, size_t n)
{
	size_t off = 12345;

	if (xf_utf8_valid(s, n, &off))
		return -1;
	return (long)off;
}

/*
 * Fold into a buffer of exactly n bytes (so that ASan catches a write
 * past n) and compare with want.
 */
static void
assert_folds(size_t (*f)(const char *, size_t, char *), const char *s,
    size_t n, const char *want)
{
	char *out;
	size_t len;

	if ((out = malloc(n > 0 ? n : 1)) == NULL)
		fail_msg("malloc");
	len = f(s, n, out);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(out, want, len);
	free(out);
}

static void
assert_trims(const char *s, size_t n, size_t wstart, size_t wlen)
{
	size_t start = 999, len = 999;

	xf_utf8_trim(s, n, &start, &len);
	assert_int_equal(start, wstart);
	assert_int_equal(len, wlen);
}

static void
valid__empty__valid(void **state)
{
	(void)state;
	assert_int_equal(check("", 0), -1);
}

static void
valid__ascii_and_chinese__valid(void **state)
{
	(void)state;
	assert_int_equal(check(S("plain ascii text, longer than eight")), -1);
	assert_int_equal(check(S("延吉市")), -1);
	assert_int_equal(check(S("信访人反映：2024年拖欠工资 12,000 元。")),
	    -1);
	/* NUL bytes are ASCII. */
	assert_int_equal(check("\0\0\0\0\0\0\0\0\0\0", 10), -1);
}

static void
valid__range_edges__valid(void **state)
{
	(void)state;
	assert_int_equal(check(S("\xc2\x80")), -1);		/* U+0080 */
	assert_int_equal(check(S("\xdf\xbf")), -1);		/* U+07FF */
	assert_int_equal(check(S("\xe0\xa0\x80")), -1);	/* U+0800 */
	assert_int_equal(check(S("\xed\x9f\xbf")), -1);	/* U+D7FF */
	assert_int_equal(check(S("\xee\x80\x80")), -1);	/* U+E000 */
	assert_int_equal(check(S("\xef\xbf\xbf")), -1);	/* U+FFFF */
	assert_int_equal(check(S("\xf0\x90\x80\x80")), -1);	/* U+10000 */
	assert_int_equal(check(S("\xf4\x8f\xbf\xbf")), -1);	/* U+10FFFF */
}

static void
valid__overlong__rejected_at_lead(void **state)
{
	(void)state;
	assert_int_equal(check(S("\xc0\x80")), 0);
	assert_int_equal(check(S("\xc1\xbf")), 0);
	assert_int_equal(check(S("\xe0\x80\xaf")), 0);
	assert_int_equal(check(S("\xe0\x9f\xbf")), 0);
	assert_int_equal(check(S("\xf0\x8f\xbf\xbf")), 0);
	assert_int_equal(check(S("ab\xc0\xaf")), 2);
}

static void
valid__surrogate__rejected(void **state)
{
	(void)state;
	assert_int_equal(check(S("\xed\xa0\x80")), 0);		/* U+D800 */
	assert_int_equal(check(S("\xed\xbf\xbf")), 0);		/* U+DFFF */
	/* A CESU-8 pair for U+1F600. */
	assert_int_equal(check(S("x\xed\xa0\xbd\xed\xb8\x80")), 1);
}

static void
valid__above_10ffff__rejected(void **state)
{
	(void)state;
	assert_int_equal(check(S("\xf4\x90\x80\x80")), 0);
	assert_int_equal(check(S("\xf5\x80\x80\x80")), 0);
	assert_int_equal(check(S("\xf7\xbf\xbf\xbf")), 0);
	assert_int_equal(check(S("\xf8\x88\x80\x80\x80")), 0);
}

static void
valid__stray_bytes__rejected(void **state)
{
	(void)state;
	assert_int_equal(check(S("\x80")), 0);
	assert_int_equal(check(S("\xbf")), 0);
	assert_int_equal(check(S("\xfe")), 0);
	assert_int_equal(check(S("\xff")), 0);
	assert_int_equal(check(S("abcdefghij\xbf")), 10);
	assert_int_equal(check("\0\0\0\0\0\0\0\0\0\xff", 10), 9);
}

static void
valid__truncated__offset_of_lead(void **state)
{
	(void)state;
	assert_int_equal(check(S("abc\xe5\xbb")), 3);
	assert_int_equal(check(S("abcdefgh\xe5\xbb\xb6\xe5")), 11);
	assert_int_equal(check(S("ok 信访 ok\xc3")), 12);
	assert_int_equal(check(S("\xf0\x9f\x98")), 0);
	/* Cut short by the length, not by a NUL. */
	assert_int_equal(check("\xe5\xbb\xb6", 2), 0);
}

static void
valid__bad_continuation__offset_of_lead(void **state)
{
	(void)state;
	assert_int_equal(check(S("0123456789abcdef\xe5x\xb6")), 16);
	assert_int_equal(check(S("\xe5\xbb\x41")), 0);
	assert_int_equal(check(S("延\xe5\xbb\xc0")), 3);
}

/* A bad byte at every position, to exercise the word-at-a-time path. */
static void
valid__bad_byte_anywhere__found(void **state)
{
	char buf[41];
	size_t pos;

	(void)state;
	for (pos = 0; pos < sizeof(buf); pos++) {
		memset(buf, 'a', sizeof(buf));
		buf[pos] = '\x80';
		assert_int_equal(check(buf, sizeof(buf)), (long)pos);
	}
}

static void
valid__badoff_null_or_success__untouched(void **state)
{
	size_t off = 77;

	(void)state;
	assert_int_equal(xf_utf8_valid(S("\xff"), NULL), 0);
	assert_int_equal(xf_utf8_valid(S("延吉"), &off), 1);
	assert_int_equal(off, 77);
}

/*
 * A run of three-byte characters (延, E5 BB B6) is checked in a loop of
 * its own: a bad byte at any offset is reported at the start of the
 * character it breaks, and so are a cut last character and a surrogate
 * (ED A0 80) inside the run.
 */
static void
valid__three_byte_run__bad_at_each_offset(void **state)
{
	char buf[24];
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(buf); k += 3)
		memcpy(buf + k, "\xe5\xbb\xb6", 3);
	assert_int_equal(check(buf, sizeof(buf)), -1);
	for (k = 0; k < sizeof(buf); k++) {
		char save = buf[k];

		buf[k] = (char)0xff;
		assert_int_equal(check(buf, sizeof(buf)), (long)(k - k % 3));
		buf[k] = 'a';	/* ASCII breaks the character, not the byte */
		if (k % 3 == 0)
			assert_int_equal(check(buf, sizeof(buf)), (long)k + 1);
		buf[k] = save;
	}
	assert_int_equal(check(buf, sizeof(buf) - 1), 21);
	memcpy(buf + 9, "\xed\xa0\x80", 3);
	assert_int_equal(check(buf, sizeof(buf)), 9);
}

static void
decode__each_length__value(void **state)
{
	uint32_t cp = 0;

	(void)state;
	assert_int_equal(xf_utf8_decode(S("A"), &cp), 1);
	assert_int_equal(cp, 0x41);
	assert_int_equal(xf_utf8_decode(S("\xc2\xa0x"), &cp), 2);
	assert_int_equal(cp, 0xA0);
	assert_int_equal(xf_utf8_decode(S("延吉"), &cp), 3);
	assert_int_equal(cp, 0x5EF6);
	assert_int_equal(xf_utf8_decode(S("\xf0\x90\x80\x80"), &cp), 4);
	assert_int_equal(cp, 0x10000);
	assert_int_equal(xf_utf8_decode(S("\xf4\x8f\xbf\xbf"), &cp), 4);
	assert_int_equal(cp, 0x10FFFF);
	assert_int_equal(xf_utf8_decode(S("\xe3\x80\x80"), NULL), 3);
}

static void
decode__empty__zero(void **state)
{
	uint32_t cp = 7;

	(void)state;
	assert_int_equal(xf_utf8_decode("", 0, &cp), 0);
	assert_int_equal(cp, 7);
}

static void
decode__ill_formed__minus_one(void **state)
{
	uint32_t cp = 7;

	(void)state;
	assert_int_equal(xf_utf8_decode(S("\x80"), &cp), -1);
	assert_int_equal(xf_utf8_decode(S("\xc0\x80"), &cp), -1);
	assert_int_equal(xf_utf8_decode(S("\xed\xa0\x80"), &cp), -1);
	assert_int_equal(xf_utf8_decode(S("\xf4\x90\x80\x80"), &cp), -1);
	assert_int_equal(xf_utf8_decode("\xe5\xbb\xb6", 2, &cp), -1);
	assert_int_equal(cp, 7);
}

static void
len__valid__code_points(void **state)
{
	(void)state;
	assert_int_equal(xf_utf8_len("", 0), 0);
	assert_int_equal(xf_utf8_len(S("abcdefghijk")), 11);
	assert_int_equal(xf_utf8_len(S("延吉市")), 3);
	assert_int_equal(xf_utf8_len(S("2024年5月6日上访 ok")), 14);
	assert_int_equal(xf_utf8_len(S("\xf0\x9f\x98\x80!")), 2);
}

static void
len__ill_formed__one_per_byte(void **state)
{
	(void)state;
	assert_int_equal(xf_utf8_len(S("\x80")), 1);
	assert_int_equal(xf_utf8_len(S("\xe5\xbb")), 2);
	assert_int_equal(xf_utf8_len(S("a\xff" "b")), 3);
	assert_int_equal(xf_utf8_len(S("延\xed\xa0\x80吉")), 5);
}

static void
halfwidth__full_width_forms__ascii(void **state)
{
	(void)state;
	assert_folds(xf_utf8_halfwidth, S("２０２４年５月６日"),
	    "2024年5月6日");
	assert_folds(xf_utf8_halfwidth, S("电话：１３８－４３３３－１２３４。"),
	    "电话:138-4333-1234。");
	assert_folds(xf_utf8_halfwidth, S("您好，请问！"), "您好,请问!");
	/* The ends of the range: U+FF01 ! and U+FF5E ~. */
	assert_folds(xf_utf8_halfwidth, S("（延吉）～＂＇＼"),
	    "(延吉)~\"'\\");
	assert_folds(xf_utf8_halfwidth, S("！～"), "!~");
}

static void
halfwidth__ideographic_space__space(void **state)
{
	(void)state;
	assert_folds(xf_utf8_halfwidth, S("ＩＤ：２２２４０１ｘ　ok"),
	    "ID:222401x ok");
	assert_folds(xf_utf8_halfwidth, S("\xe3\x80\x80"), " ");
}

static void
halfwidth__other_characters__unchanged(void **state)
{
	(void)state;
	assert_folds(xf_utf8_halfwidth, S("plain 信访。"), "plain 信访。");
	/* U+FF00 and U+FF5F lie just outside the range; U+FF61 too. */
	assert_folds(xf_utf8_halfwidth,
	    S("\xef\xbc\x80\xef\xbd\x9f\xef\xbd\xa1"),
	    "\xef\xbc\x80\xef\xbd\x9f\xef\xbd\xa1");
	/* U+3001 and U+3002, neighbours of U+3000. */
	assert_folds(xf_utf8_halfwidth, S("、。"), "、。");
	assert_folds(xf_utf8_halfwidth, "", 0, "");
}

static void
halfwidth__ill_formed__copied(void **state)
{
	(void)state;
	assert_folds(xf_utf8_halfwidth, S("１\xef\xbc"), "1\xef\xbc");
	assert_folds(xf_utf8_halfwidth, S("\xe3\x80"), "\xe3\x80");
	assert_folds(xf_utf8_halfwidth, S("\xff１\x80"), "\xff" "1\x80");
}

static void
halfwidth__in_place__same_result(void **state)
{
	char buf[] = "电话：１３８－４３３３－１２３４。";
	size_t len;

	(void)state;
	len = xf_utf8_halfwidth(buf, sizeof(buf) - 1, buf);
	assert_int_equal(len, 23);
	assert_memory_equal(buf, "电话:138-4333-1234。", 23);
}

static void
halfwidth_alnum__punctuation__kept(void **state)
{
	(void)state;
	assert_folds(xf_utf8_halfwidth_alnum,
	    S("电话：１３８－４３３３－１２３４。"), "电话：138－4333－1234。");
	assert_folds(xf_utf8_halfwidth_alnum, S("您好，请问！"),
	    "您好，请问！");
	assert_folds(xf_utf8_halfwidth_alnum, S("（延吉）～"), "（延吉）～");
}

static void
halfwidth_alnum__digits_letters_space__folded(void **state)
{
	(void)state;
	/* The ends of each range: ０ ９ Ａ Ｚ ａ ｚ, and U+3000. */
	assert_folds(xf_utf8_halfwidth_alnum, S("０９ＡＺａｚ　"), "09AZaz ");
	assert_folds(xf_utf8_halfwidth_alnum, S("ＩＤ：２２２４０１ｘ"),
	    "ID：222401x");
	/* Neighbours of the ranges: ／ ： ＠ ［ ｀ ｛. */
	assert_folds(xf_utf8_halfwidth_alnum, S("／：＠［｀｛"),
	    "／：＠［｀｛");
}

static void
halfwidth_alnum__in_place__same_result(void **state)
{
	char buf[] = "２０２４年，５月";
	size_t len;

	(void)state;
	len = xf_utf8_halfwidth_alnum(buf, sizeof(buf) - 1, buf);
	assert_int_equal(len, 14);
	assert_memory_equal(buf, "2024年，5月", 14);
}

static void
trim__ascii_whitespace__stripped(void **state)
{
	(void)state;
	assert_trims(S(" \t\r\n\v\fabc def \r\n"), 6, 7);
	assert_trims(S("abc"), 0, 3);
	assert_trims(S("  x  "), 2, 1);
}

static void
trim__unicode_blanks__stripped(void **state)
{
	(void)state;
	/* U+3000, U+00A0, U+FEFF before; U+00A0, U+3000 after. */
	assert_trims(S("\xe3\x80\x80\xc2\xa0\xef\xbb\xbf"
	    "张三\xc2\xa0\xe3\x80\x80"), 8, 6);
	assert_trims(S("\xef\xbb\xbf" "id"), 3, 2);
	assert_trims(S("延\xc2\xa0"), 0, 3);
	assert_trims(S("吉 \xef\xbb\xbf\t"), 0, 3);
}

static void
trim__inner_blanks__kept(void **state)
{
	(void)state;
	assert_trims(S(" 延吉\xe3\x80\x80市 "), 1, 12);
}

static void
trim__all_blank_or_empty__empty(void **state)
{
	(void)state;
	assert_trims("", 0, 0, 0);
	assert_trims(S(" \t\xe3\x80\x80\xc2\xa0 "), 8, 0);
}

static void
trim__partial_sequences__kept(void **state)
{
	(void)state;
	assert_trims(S("a\xc2"), 0, 2);
	assert_trims(S("a\xe3\x80"), 0, 3);
	assert_trims(S("\xa0" "a"), 0, 2);
	assert_trims(S("\x80\x80 "), 0, 2);
	/* U+3001 is not a blank. */
	assert_trims(S("\xe3\x80\x81"), 0, 3);
}

/*
 * xf_utf8_scan: OK, QUOTE or BAD.  By its contract BAD is exactly "not
 * well-formed or holds a NUL", QUOTE exactly "holds '"', CR, LF or the
 * delimiter"; the cases put each kind of byte at every offset of a text
 * long enough for the eight-byte and the two-character paths.
 */
#define SC_OK		XF_UTF8_SCAN_OK
#define SC_QUOTE	XF_UTF8_SCAN_QUOTE
#define SC_BAD		XF_UTF8_SCAN_BAD

static void
scan__clean_text__ok(void **state)
{
	(void)state;
	assert_int_equal(xf_utf8_scan("", 0, ','), SC_OK);
	assert_int_equal(xf_utf8_scan(S("plain ascii text; longer than "
	    "eight bytes"), ','), SC_OK);
	assert_int_equal(xf_utf8_scan(S("尊敬的信访局领导：本人在丹英街上班"),
	    ','), SC_OK);
	/* Full-width comma and quotes are not ASCII: nothing to quote. */
	assert_int_equal(xf_utf8_scan(S("工资，“自愿放弃”10000元 \t tab"),
	    ','), SC_OK);
	/* Edges of Unicode table 3-7, inside Chinese text. */
	assert_int_equal(xf_utf8_scan(S("延吉市\xe0\xa0\x80延吉市\xed\x9f\xbf"
	    "延吉\xf0\x90\x80\x80延\xf4\x8f\xbf\xbf\xc2\x80\xdf\xbf"), ','),
	    SC_OK);
}

static void
scan__special_at_every_offset__quote(void **state)
{
	static const char special[] = { '"', '\n', '\r', ',' };
	static const char harmless[] = { '\t', '\v', '\f', '\x01', ';', '\'' };
	char buf[41];
	size_t pos, k, n;

	(void)state;
	for (pos = 0; pos < sizeof(buf); pos++) {
		for (k = 0; k < sizeof(special); k++) {
			memset(buf, 'a', sizeof(buf));
			buf[pos] = special[k];
			assert_int_equal(xf_utf8_scan(buf, sizeof(buf), ','),
			    SC_QUOTE);
		}
		for (k = 0; k < sizeof(harmless); k++) {
			memset(buf, 'a', sizeof(buf));
			buf[pos] = harmless[k];
			assert_int_equal(xf_utf8_scan(buf, sizeof(buf), ','),
			    SC_OK);
		}
	}
	/*
	 * Every length up to 20, a special, NUL or harmless byte at every
	 * offset, after ASCII or after a Chinese character (E5 BB B6): the
	 * last bytes are read with an overlapping word.
	 */
	for (n = 1; n <= 20; n++)
		for (pos = 0; pos < n; pos++)
			for (k = 0; k < 2; k++) {
				memset(buf, 'a', n);
				if (k == 1 && n >= 4 && pos >= 3)
					memcpy(buf, "\xe5\xbb\xb6", 3);
				buf[pos] = ',';
				assert_int_equal(xf_utf8_scan(buf, n, ','),
				    SC_QUOTE);
				buf[pos] = '\t';
				assert_int_equal(xf_utf8_scan(buf, n, ','),
				    SC_OK);
				buf[pos] = '\0';
				assert_int_equal(xf_utf8_scan(buf, n, ','),
				    SC_BAD);
				buf[pos] = '\x80';
				assert_int_equal(xf_utf8_scan(buf, n, ','),
				    SC_BAD);
			}
	/* The delimiter is the one given. */
	assert_int_equal(xf_utf8_scan(S("a,b"), ';'), SC_OK);
	assert_int_equal(xf_utf8_scan(S("a;b"), ';'), SC_QUOTE);
	assert_int_equal(xf_utf8_scan(S("a\tb"), '\t'), SC_QUOTE);
	assert_int_equal(xf_utf8_scan(S("信访局,领导"), ','), SC_QUOTE);
	assert_int_equal(xf_utf8_scan(S("信访局领导信访局领导\n"), ','),
	    SC_QUOTE);
	/* A delimiter that is not ASCII: only '"', CR and LF. */
	assert_int_equal(xf_utf8_scan(S("a\xc2\xa9" "b"), 0xa9), SC_OK);
	assert_int_equal(xf_utf8_scan(S("a\xc2\xa9\"b"), 0xa9), SC_QUOTE);
}

static void
scan__nul_at_every_offset__bad(void **state)
{
	char buf[41];
	size_t pos;

	(void)state;
	for (pos = 0; pos < sizeof(buf); pos++) {
		memset(buf, 'a', sizeof(buf));
		buf[pos] = '\0';
		assert_int_equal(xf_utf8_scan(buf, sizeof(buf), ','), SC_BAD);
		/* Also after a byte to quote has been seen. */
		buf[0] = '"';
		if (pos > 0)
			assert_int_equal(xf_utf8_scan(buf, sizeof(buf), ','),
			    SC_BAD);
	}
	assert_int_equal(xf_utf8_scan("延吉\0", 7, ','), SC_BAD);
}

static void
scan__ill_formed__bad(void **state)
{
	(void)state;
	assert_int_equal(xf_utf8_scan(S("\xc0\x80"), ','), SC_BAD);
	assert_int_equal(xf_utf8_scan(S("\xe0\x9f\xbf"), ','), SC_BAD);
	assert_int_equal(xf_utf8_scan(S("\xed\xa0\x80"), ','), SC_BAD);
	assert_int_equal(xf_utf8_scan(S("\xf4\x90\x80\x80"), ','), SC_BAD);
	assert_int_equal(xf_utf8_scan(S("\xf5\x80\x80\x80"), ','), SC_BAD);
	assert_int_equal(xf_utf8_scan(S("abc,\xe5\xbb"), ','), SC_BAD);
	assert_int_equal(xf_utf8_scan(S("abcdefghij\xbf"), ','), SC_BAD);
	assert_int_equal(xf_utf8_scan(S("\"quoted\" \xff"), ','), SC_BAD);
	assert_int_equal(xf_utf8_scan("\xe5\xbb\xb6", 2, ','), SC_BAD);
}

/*
 * A run of 延 (E5 BB B6) with one character replaced, or one byte
 * broken, at every offset: E0 A0 80 and ED 9F BF are well-formed
 * (first and last of their lead bytes' ranges), E0 9F BF (overlong) and
 * ED A0 80 (a surrogate) are not; a byte 0xFF or 'a' anywhere breaks a
 * character.
 */
static void
scan__three_byte_run__each_offset(void **state)
{
	static const char *const good[] = { "\xe0\xa0\x80", "\xed\x9f\xbf",
	    "\xef\xbc\x8c", "\xe1\x80\x80" };
	static const char *const bad[] = { "\xe0\x9f\xbf", "\xed\xa0\x80",
	    "\xe5\xbb\x41", "\xe5\x41\xb6", "\xf0\xbb\xb6" };
	char buf[36];
	size_t k, j;

	(void)state;
	for (k = 0; k < sizeof(buf); k += 3)
		memcpy(buf + k, "\xe5\xbb\xb6", 3);
	assert_int_equal(xf_utf8_scan(buf, sizeof(buf), ','), SC_OK);
	for (k = 0; k < sizeof(buf); k += 3) {
		for (j = 0; j < sizeof(good) / sizeof(good[0]); j++) {
			memcpy(buf + k, good[j], 3);
			assert_int_equal(xf_utf8_scan(buf, sizeof(buf), ','),
			    SC_OK);
		}
		for (j = 0; j < sizeof(bad) / sizeof(bad[0]); j++) {
			memcpy(buf + k, bad[j], 3);
			assert_int_equal(xf_utf8_scan(buf, sizeof(buf), ','),
			    SC_BAD);
		}
		memcpy(buf + k, "\xe5\xbb\xb6", 3);
	}
	for (k = 0; k < sizeof(buf); k++) {
		char save = buf[k];

		buf[k] = (char)0xff;
		assert_int_equal(xf_utf8_scan(buf, sizeof(buf), ','), SC_BAD);
		buf[k] = 'a';
		assert_int_equal(xf_utf8_scan(buf, sizeof(buf), ','), SC_BAD);
		buf[k] = save;
	}
	/* Cut at every length: well-formed only at a character's end. */
	for (k = 0; k <= sizeof(buf); k++)
		assert_int_equal(xf_utf8_scan(buf, k, ','),
		    k % 3 == 0 ? SC_OK : SC_BAD);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid__empty__valid),
		cmocka_unit_test(valid__ascii_and_chinese__valid),
		cmocka_unit_test(valid__range_edges__valid),
		cmocka_unit_test(valid__overlong__rejected_at_lead),
		cmocka_unit_test(valid__surrogate__rejected),
		cmocka_unit_test(valid__above_10ffff__rejected),
		cmocka_unit_test(valid__stray_bytes__rejected),
		cmocka_unit_test(valid__truncated__offset_of_lead),
		cmocka_unit_test(valid__bad_continuation__offset_of_lead),
		cmocka_unit_test(valid__bad_byte_anywhere__found),
		cmocka_unit_test(valid__badoff_null_or_success__untouched),
		cmocka_unit_test(decode__each_length__value),
		cmocka_unit_test(decode__empty__zero),
		cmocka_unit_test(decode__ill_formed__minus_one),
		cmocka_unit_test(len__valid__code_points),
		cmocka_unit_test(len__ill_formed__one_per_byte),
		cmocka_unit_test(halfwidth__full_width_forms__ascii),
		cmocka_unit_test(halfwidth__ideographic_space__space),
		cmocka_unit_test(halfwidth__other_characters__unchanged),
		cmocka_unit_test(halfwidth__ill_formed__copied),
		cmocka_unit_test(halfwidth__in_place__same_result),
		cmocka_unit_test(halfwidth_alnum__punctuation__kept),
		cmocka_unit_test(halfwidth_alnum__digits_letters_space__folded),
		cmocka_unit_test(halfwidth_alnum__in_place__same_result),
		cmocka_unit_test(trim__ascii_whitespace__stripped),
		cmocka_unit_test(trim__unicode_blanks__stripped),
		cmocka_unit_test(trim__inner_blanks__kept),
		cmocka_unit_test(trim__all_blank_or_empty__empty),
		cmocka_unit_test(trim__partial_sequences__kept),
		cmocka_unit_test(valid__three_byte_run__bad_at_each_offset),
		cmocka_unit_test(scan__clean_text__ok),
		cmocka_unit_test(scan__special_at_every_offset__quote),
		cmocka_unit_test(scan__nul_at_every_offset__bad),
		cmocka_unit_test(scan__ill_formed__bad),
		cmocka_unit_test(scan__three_byte_run__each_offset),
	};

	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
