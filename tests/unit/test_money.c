/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/money.c: parsing and formatting amounts in fen,
 * decimal factors, and exact rational amounts with one half-up rounding.
 *
 * Expected values were worked out by hand and checked with python3's
 * fractions.Fraction and decimal.Decimal as an independent calculator
 * (for example Fraction(10000000, 12) * 3 == 2500000, and
 * Fraction(500000) / Decimal("21.75") == Fraction(2000000, 87), which
 * is 22988.5... fen), never copied from this module's output.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "money.h"

struct ok_case {
	const char	*in;
	int64_t		 fen;
};

struct bad_case {
	const char	*in;
	const char	*why;
};

/* Parse every case and check its value; name the input on failure. */
static void
check_ok(const struct ok_case *c, size_t n)
{
	const char *why;
	int64_t fen;
	size_t i;

	for (i = 0; i < n; i++) {
		why = NULL;
		fen = -12345;
		if (xf_money_parse(c[i].in, strlen(c[i].in), &fen, &why) != 0) {
			print_error("'%s': refused: %s\n", c[i].in,
			    why != NULL ? why : "(no reason)");
			fail();
		}
		if (fen != c[i].fen) {
			print_error("'%s': got %lld fen, want %lld\n", c[i].in,
			    (long long)fen, (long long)c[i].fen);
			fail();
		}
	}
}

/* Parse every case, expect a refusal with the given reason. */
static void
check_bad(const struct bad_case *c, size_t n)
{
	const char *why;
	int64_t fen;
	size_t i;

	for (i = 0; i < n; i++) {
		why = NULL;
		fen = -12345;
		if (xf_money_parse(c[i].in, strlen(c[i].in), &fen, &why) !=
		    -1) {
			print_error("'%s': accepted as %lld fen\n", c[i].in,
			    (long long)fen);
			fail();
		}
		if (why == NULL || strcmp(why, c[i].why) != 0) {
			print_error("'%s': reason '%s', want '%s'\n", c[i].in,
			    why != NULL ? why : "(null)", c[i].why);
			fail();
		}
		/* A refusal leaves the output alone. */
		assert_int_equal(fen, -12345);
	}
}

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * Parsing: accepted forms.
 */

static void
money_parse__plain_decimal__fen(void **state)
{
	static const struct ok_case c[] = {
		{ "1234", 123400 },
		{ "1234.5", 123450 },
		{ "1234.50", 123450 },
		{ "0", 0 },
		{ "0.01", 1 },
		{ "0.1", 10 },
		{ "007", 700 },
		{ "46500.00", 4650000 },
	};

	(void)state;
	check_ok(c, NELEM(c));
}

static void
money_parse__thousands_separators__fen(void **state)
{
	static const struct ok_case c[] = {
		{ "1,234.50", 123450 },
		{ "1,234", 123400 },
		{ "12,345", 1234500 },
		{ "123,456.7", 12345670 },
		{ "1,234,567.89", 123456789 },
		{ "１，２３４．５０", 123450 },
		{ "1，234.5", 123450 },	/* mixed widths */
	};

	(void)state;
	check_ok(c, NELEM(c));
}

static void
money_parse__currency_marks__fen(void **state)
{
	static const struct ok_case c[] = {
		{ "¥1234", 123400 },		/* U+00A5 */
		{ "￥1234", 123400 },		/* U+FFE5 */
		{ "¥ 1234", 123400 },
		{ "RMB1234", 123400 },
		{ "rmb 1,234.5", 123450 },
		{ "CNY1234.56", 123456 },
		{ "人民币5000元整", 500000 },
		{ "¥1234元", 123400 },
	};

	(void)state;
	check_ok(c, NELEM(c));
}

static void
money_parse__yuan_suffix__fen(void **state)
{
	static const struct ok_case c[] = {
		{ "1234元", 123400 },
		{ "1234.5元", 123450 },
		{ "1234 元", 123400 },
		{ "5000元整", 500000 },
		{ "1,234.56元", 123456 },
	};

	(void)state;
	check_ok(c, NELEM(c));
}

static void
money_parse__wan__times_ten_thousand(void **state)
{
	static const struct ok_case c[] = {
		{ "3万", 3000000 },		/* 30000.00 */
		{ "3.5万元", 3500000 },		/* 35000.00 */
		{ "1.23456万", 1234560 },	/* 12345.60 */
		{ "1.234567万", 1234567 },	/* 12345.67 */
		{ "0.000001万", 1 },		/* 0.01 */
		{ "12.345万", 12345000 },	/* no ambiguity before 万 */
		{ "1,234万", 1234000000 },	/* 12 340 000.00 */
		{ "3 万", 3000000 },
		{ "-3万", -3000000 },
	};

	(void)state;
	check_ok(c, NELEM(c));
}

static void
money_parse__yi__times_hundred_million(void **state)
{
	static const struct ok_case c[] = {
		{ "2亿", INT64_C(20000000000) },	/* 200 000 000.00 */
		{ "1.5亿元", INT64_C(15000000000) },
		{ "0.0000000001亿", 1 },		/* 0.01 */
		{ "900000亿", XF_MONEY_MAX },		/* 9e13 yuan */
	};

	(void)state;
	check_ok(c, NELEM(c));
}

static void
money_parse__full_width_digits__fen(void **state)
{
	static const struct ok_case c[] = {
		{ "１２３４", 123400 },
		{ "１２３４．５", 123450 },
		{ "０．０５", 5 },
		{ "９万", 9000000 },
		{ "12３4.5６", 123456 },	/* mixed widths */
	};

	(void)state;
	check_ok(c, NELEM(c));
}

static void
money_parse__signs__fen(void **state)
{
	static const struct ok_case c[] = {
		{ "-5", -500 },
		{ "-0.50", -50 },
		{ "-0", 0 },
		{ "-0.00", 0 },
		{ "+5", 500 },
		{ "－５", -500 },		/* full-width minus */
		{ "＋5", 500 },
		{ "-¥5", -500 },
		{ "¥-5", -500 },
		{ "-RMB 1,234.50", -123450 },
		{ "-1234.5元", -123450 },
	};

	(void)state;
	check_ok(c, NELEM(c));
}

static void
money_parse__surrounding_spaces__ignored(void **state)
{
	static const struct ok_case c[] = {
		{ "  1234.50  ", 123450 },
		{ "\t5\t", 500 },
		{ " -5 ", -500 },
		{ " 3万元 ", 3000000 },
	};

	(void)state;
	check_ok(c, NELEM(c));
}

static void
money_parse__limits__accepted(void **state)
{
	static const struct ok_case c[] = {
		{ "90000000000000.00", XF_MONEY_MAX },
		{ "-90000000000000", -XF_MONEY_MAX },
		{ "90,000,000,000,000.00", XF_MONEY_MAX },
		{ "899999.9999999999亿", XF_MONEY_MAX - 1 },
		{ "0000000000000000000000001", 100 },
	};

	(void)state;
	check_ok(c, NELEM(c));
}

static void
money_parse__not_nul_terminated__reads_len_bytes(void **state)
{
	static const char buf[] = { '1', '2', '3', '4', '.', '5', '6' };
	static const char nul[] = { '1', '2', '\0' };
	const char *why = NULL;
	int64_t fen = 0;

	(void)state;
	assert_int_equal(xf_money_parse(buf, sizeof(buf), &fen, &why), 0);
	assert_int_equal(fen, 123456);
	assert_int_equal(xf_money_parse(buf, 2, &fen, &why), 0);
	assert_int_equal(fen, 1200);
	/* "1234." : stops right after the point. */
	assert_int_equal(xf_money_parse(buf, 5, &fen, &why), -1);
	assert_string_equal(why, "no digits after decimal point");
	/* An embedded NUL is just a bad character. */
	assert_int_equal(xf_money_parse(nul, sizeof(nul), &fen, &why), -1);
	assert_string_equal(why, "not a number");
	/* Half a full-width digit (cut inside its UTF-8 bytes). */
	assert_int_equal(xf_money_parse("１", 2, &fen, &why), -1);
	assert_string_equal(why, "not a number");
}

static void
money_parse__why_null__allowed(void **state)
{
	int64_t fen = 7;

	(void)state;
	assert_int_equal(xf_money_parse("x", 1, &fen, NULL), -1);
	assert_int_equal(fen, 7);
	assert_int_equal(xf_money_parse("", 0, &fen, NULL), -1);
}

/*
 * Parsing: refused forms.
 */

static void
money_parse__empty__refused(void **state)
{
	static const struct bad_case c[] = {
		{ "", "empty" },
		{ "   ", "empty" },
		{ "\t", "empty" },
	};

	(void)state;
	check_bad(c, NELEM(c));
}

static void
money_parse__ambiguous_separator__refused(void **state)
{
	static const struct bad_case c[] = {
		{ "1.234,50", "ambiguous decimal separator" },
		{ "1,234,50", "ambiguous decimal separator" },
		{ "1,5", "ambiguous decimal separator" },
		{ "1,23", "ambiguous decimal separator" },
		{ "12.345", "ambiguous decimal separator" },
		{ "1.000", "ambiguous decimal separator" },
		{ "123.456元", "ambiguous decimal separator" },
		{ "1.234.567", "ambiguous decimal separator" },
		{ "１．２３４，５０", "ambiguous decimal separator" },
	};

	(void)state;
	check_bad(c, NELEM(c));
}

static void
money_parse__bad_groups__refused(void **state)
{
	static const struct bad_case c[] = {
		{ "1,23.5", "misplaced thousands separator" },
		{ "1234,567", "misplaced thousands separator" },
		{ "1,,234", "misplaced thousands separator" },
		{ "1,2345", "misplaced thousands separator" },
		{ "1,234,5678", "misplaced thousands separator" },
		{ "1,", "misplaced thousands separator" },
		{ "1,.5", "misplaced thousands separator" },
		{ ",123", "not a number" },
	};

	(void)state;
	check_bad(c, NELEM(c));
}

static void
money_parse__too_many_decimals__refused(void **state)
{
	static const struct bad_case c[] = {
		{ "1234.567", "more than two decimal places" },
		{ "0.345", "more than two decimal places" },
		{ "1,234.567", "more than two decimal places" },
		{ "1.2345", "more than two decimal places" },
		{ "1.2300", "more than two decimal places" },
		{ "1.2345678万", "more than six decimal places" },
		{ "1.0000000万", "more than six decimal places" },
		{ "1.00000000001亿", "more than ten decimal places" },
	};

	(void)state;
	check_bad(c, NELEM(c));
}

static void
money_parse__not_a_number__refused(void **state)
{
	static const struct bad_case c[] = {
		{ "1e5", "not a number" },
		{ "1E5", "not a number" },
		{ "0x10", "not a number" },
		{ "abc", "not a number" },
		{ "12abc", "not a number" },
		{ "¥", "not a number" },
		{ "-", "not a number" },
		{ "元", "not a number" },
		{ "万", "not a number" },
		{ "1 234", "not a number" },
		{ "5整", "not a number" },
		{ "3万万", "not a number" },
		{ "5-", "not a number" },
		{ "(5)", "not a number" },
		{ "- 5", "not a number" },
		{ "5 5", "not a number" },
		{ "1.5.", "ambiguous decimal separator" },
		{ "RM5", "not a number" },
		{ "3元 整", "not a number" },
	};

	(void)state;
	check_bad(c, NELEM(c));
}

static void
money_parse__bad_sign_or_point__refused(void **state)
{
	static const struct bad_case c[] = {
		{ "--5", "repeated sign" },
		{ "+-5", "repeated sign" },
		{ "-¥-5", "repeated sign" },
		{ "－-5", "repeated sign" },
		{ ".5", "no digits before decimal point" },
		{ "-.5", "no digits before decimal point" },
		{ "5.", "no digits after decimal point" },
		{ "5.元", "no digits after decimal point" },
	};

	(void)state;
	check_bad(c, NELEM(c));
}

static void
money_parse__digits_after_unit__refused(void **state)
{
	static const struct bad_case c[] = {
		{ "3万5", "digits after unit" },
		{ "3万元5", "digits after unit" },
		{ "3元5角", "digits after unit" },
		{ "2亿3000万", "digits after unit" },
		{ "3万５", "digits after unit" },
	};

	(void)state;
	check_bad(c, NELEM(c));
}

static void
money_parse__overflow__refused(void **state)
{
	static const struct bad_case c[] = {
		{ "90000000000000.01", "too large" },
		{ "-90000000000000.01", "too large" },
		{ "90000000000001", "too large" },
		{ "92233720368547758.07", "too large" },
		{ "99999999999999999999999999999999", "too large" },
		{ "900000.0000000001亿", "too large" },
		{ "9000000001万", "too large" },
		{ "1000000亿", "too large" },
	};

	(void)state;
	check_bad(c, NELEM(c));
}

/*
 * Formatting.
 */

static void
money_format__ordinary__two_places(void **state)
{
	char buf[XF_MONEY_BUFSZ];

	(void)state;
	assert_string_equal(xf_money_format(4650000, buf, sizeof(buf)),
	    "46500.00");
	assert_string_equal(xf_money_format(0, buf, sizeof(buf)), "0.00");
	assert_string_equal(xf_money_format(1, buf, sizeof(buf)), "0.01");
	assert_string_equal(xf_money_format(10, buf, sizeof(buf)), "0.10");
	assert_string_equal(xf_money_format(100, buf, sizeof(buf)), "1.00");
	assert_string_equal(xf_money_format(123456789, buf, sizeof(buf)),
	    "1234567.89");
}

static void
money_format__negative__leading_minus(void **state)
{
	char buf[XF_MONEY_BUFSZ];

	(void)state;
	assert_string_equal(xf_money_format(-50, buf, sizeof(buf)), "-0.50");
	assert_string_equal(xf_money_format(-1, buf, sizeof(buf)), "-0.01");
	assert_string_equal(xf_money_format(-100000, buf, sizeof(buf)),
	    "-1000.00");
}

static void
money_format__int64_extremes__exact(void **state)
{
	char buf[XF_MONEY_BUFSZ];

	(void)state;
	assert_string_equal(xf_money_format(INT64_MAX, buf, sizeof(buf)),
	    "92233720368547758.07");
	assert_string_equal(xf_money_format(INT64_MIN, buf, sizeof(buf)),
	    "-92233720368547758.08");
	assert_int_equal(strlen("-92233720368547758.08") + 1, XF_MONEY_BUFSZ);
	assert_string_equal(xf_money_format(XF_MONEY_MAX, buf, sizeof(buf)),
	    "90000000000000.00");
	assert_string_equal(xf_money_format(-XF_MONEY_MAX, buf, sizeof(buf)),
	    "-90000000000000.00");
}

static void
money_format__small_buffer__null(void **state)
{
	char buf[XF_MONEY_BUFSZ];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	assert_null(xf_money_format(INT64_MIN, buf, XF_MONEY_BUFSZ - 1));
	assert_string_equal(buf, "");
	assert_non_null(xf_money_format(0, buf, 5));
	assert_string_equal(buf, "0.00");
	assert_null(xf_money_format(0, buf, 4));
	assert_string_equal(buf, "");
	buf[0] = 'x';
	assert_null(xf_money_format(0, buf, 0));
	assert_int_equal(buf[0], 'x');
}

static void
money_format__then_parse__same_fen(void **state)
{
	static const int64_t v[] = {
		0, 1, -1, 5, -5, 99, 100, -101, 4650000, 123456789,
		XF_MONEY_MAX, -XF_MONEY_MAX, XF_MONEY_MAX - 1
	};
	char buf[XF_MONEY_BUFSZ];
	int64_t fen;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(v); i++) {
		assert_non_null(xf_money_format(v[i], buf, sizeof(buf)));
		assert_int_equal(xf_money_parse(buf, strlen(buf), &fen, NULL),
		    0);
		assert_int_equal(fen, v[i]);
	}
}

/*
 * Decimal factors.
 */

static void
dec_parse__factors__num_and_scale(void **state)
{
	static const struct {
		const char	*in;
		int64_t		 num;
		int		 scale;
	} c[] = {
		{ "1.5", 15, 1 },
		{ "0.6", 6, 1 },
		{ "2", 2, 0 },
		{ "0.004", 4, 3 },
		{ "21.75", 2175, 2 },
		{ "1.50", 150, 2 },
		{ "-0.5", -5, 1 },
		{ "+3", 3, 0 },
		{ " 12 ", 12, 0 },
		{ "0.000000001", 1, 9 },
		{ "0", 0, 0 },
		{ "9223372036854775807", INT64_MAX, 0 },
		{ "-9223372036854775807", -INT64_MAX, 0 },
		{ "9223372036.854775807", INT64_MAX, 9 },
	};
	struct xf_dec d;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(c); i++) {
		d.num = -1;
		d.scale = -1;
		if (xf_dec_parse(c[i].in, strlen(c[i].in), &d, NULL) != 0) {
			print_error("'%s': refused\n", c[i].in);
			fail();
		}
		if (d.num != c[i].num || d.scale != c[i].scale) {
			print_error("'%s': got %lld/10^%d\n", c[i].in,
			    (long long)d.num, d.scale);
			fail();
		}
	}
}

static void
dec_parse__bad__refused_with_reason(void **state)
{
	static const struct bad_case c[] = {
		{ "", "empty" },
		{ "  ", "empty" },
		{ "abc", "not a number" },
		{ "1e3", "not a number" },
		{ "1,5", "not a number" },
		{ "-", "not a number" },
		{ "--1", "not a number" },
		{ "1.5x", "not a number" },
		{ "60%", "not a number" },
		{ "１.5", "not a number" },
		{ ".5", "no digits before decimal point" },
		{ "5.", "no digits after decimal point" },
		{ "0.0000000001", "more than nine decimal places" },
		{ "9223372036854775808", "too large" },
		{ "9223372036.854775808", "too large" },
		{ "99999999999999999999999", "too large" },
	};
	struct xf_dec d;
	const char *why;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(c); i++) {
		why = NULL;
		d.num = 77;
		d.scale = 7;
		if (xf_dec_parse(c[i].in, strlen(c[i].in), &d, &why) != -1) {
			print_error("'%s': accepted\n", c[i].in);
			fail();
		}
		if (why == NULL || strcmp(why, c[i].why) != 0) {
			print_error("'%s': reason '%s', want '%s'\n", c[i].in,
			    why != NULL ? why : "(null)", c[i].why);
			fail();
		}
		assert_int_equal(d.num, 77);
		assert_int_equal(d.scale, 7);
	}
}

static void
dec_parse__not_nul_terminated__reads_len_bytes(void **state)
{
	static const char buf[] = { '2', '1', '.', '7', '5' };
	struct xf_dec d;

	(void)state;
	assert_int_equal(xf_dec_parse(buf, 4, &d, NULL), 0);
	assert_int_equal(d.num, 217);
	assert_int_equal(d.scale, 1);
}

/*
 * Exact amounts.
 */

/* Parse a factor that is known to be good. */
static struct xf_dec
dec(const char *s)
{
	struct xf_dec d;

	assert_int_equal(xf_dec_parse(s, strlen(s), &d, NULL), 0);
	return d;
}

static int64_t
rounded(const struct xf_amount *a)
{
	int64_t fen = -999;

	assert_int_equal(xf_amount_round(a, &fen), 0);
	return fen;
}

/*
 * DOMAIN.md 0.1: twelve monthly wages summing to 100000.00 average to
 * 8333.333...; three months of that is 25000.00 when kept exact, but
 * 24999.99 if the average is rounded to 8333.33 first.
 */
static void
amount__average_wage_times_three__exact_not_prerounded(void **state)
{
	static const int64_t wage[12] = {
		820000, 815050, 833333, 840000, 812345, 860000,
		830000, 845000, 828272, 850000, 810000, 856000
	};	/* sum 10000000 fen = 100000.00 yuan */
	struct xf_amount sum, w, avg, ec, pre;
	int64_t fen;
	int i;

	(void)state;
	xf_amount_from_fen(&sum, 0);
	for (i = 0; i < 12; i++) {
		xf_amount_from_fen(&w, wage[i]);
		assert_int_equal(xf_amount_add(&sum, &sum, &w), 0);
	}
	assert_int_equal(rounded(&sum), 10000000);

	assert_int_equal(xf_amount_div_int(&avg, &sum, 12), 0);
	assert_int_equal(rounded(&avg), 833333);		/* 8333.33 */
	assert_true(avg.num == 2500000 && avg.den == 3);	/* reduced */

	/* Kept exact: 3 x 8333.333... = 25000.00. */
	assert_int_equal(xf_amount_mul_int(&ec, &avg, 3), 0);
	assert_int_equal(rounded(&ec), 2500000);
	assert_true(ec.num == 2500000 && ec.den == 1);

	/* Pre-rounded: 3 x 8333.33 = 24999.99, the result to avoid. */
	assert_int_equal(xf_amount_round(&avg, &fen), 0);
	xf_amount_from_fen(&pre, fen);
	assert_int_equal(xf_amount_mul_int(&pre, &pre, 3), 0);
	assert_int_equal(rounded(&pre), 2499999);

	/* N = 7.5 months: 100000 / 12 x 7.5 = 62500.00. */
	assert_int_equal(xf_amount_mul_dec(&ec, &avg, &(struct xf_dec){ 75,
	    1 }), 0);
	assert_int_equal(rounded(&ec), 6250000);
}

/*
 * DOMAIN.md 0.2: per-capita income equal to the standard is not below
 * it; 35999.99 / 3 = 11999.99666... is below 12000.00 although it
 * rounds to 12000.00.
 */
static void
amount_cmp__per_capita_vs_standard__exact(void **state)
{
	struct xf_amount income, pc, std;

	(void)state;
	xf_amount_from_fen(&std, 1200000);

	xf_amount_from_fen(&income, 3600000);
	assert_int_equal(xf_amount_div_int(&pc, &income, 3), 0);
	assert_int_equal(xf_amount_cmp(&pc, &std), 0);

	xf_amount_from_fen(&income, 3599999);
	assert_int_equal(xf_amount_div_int(&pc, &income, 3), 0);
	assert_int_equal(xf_amount_cmp(&pc, &std), -1);
	assert_int_equal(xf_amount_cmp(&std, &pc), 1);
	assert_int_equal(rounded(&pc), 1200000);

	xf_amount_from_fen(&income, 3600001);
	assert_int_equal(xf_amount_div_int(&pc, &income, 3), 0);
	assert_int_equal(xf_amount_cmp(&pc, &std), 1);
}

static void
amount_cmp__close_fractions__ordered(void **state)
{
	struct xf_amount a, b, zero, one;

	(void)state;
	/* 355/113 = 3.14159292... < 22/7 = 3.14285714... */
	xf_amount_from_fen(&a, 355);
	assert_int_equal(xf_amount_div_int(&a, &a, 113), 0);
	xf_amount_from_fen(&b, 22);
	assert_int_equal(xf_amount_div_int(&b, &b, 7), 0);
	assert_int_equal(xf_amount_cmp(&a, &b), -1);
	assert_int_equal(xf_amount_cmp(&b, &a), 1);
	assert_int_equal(xf_amount_cmp(&a, &a), 0);

	/* Negated, the order flips. */
	assert_int_equal(xf_amount_mul_int(&a, &a, -1), 0);
	assert_int_equal(xf_amount_mul_int(&b, &b, -1), 0);
	assert_int_equal(xf_amount_cmp(&a, &b), 1);

	/* Signs and zero. */
	xf_amount_from_fen(&zero, 0);
	xf_amount_from_fen(&one, 1);
	assert_int_equal(xf_amount_cmp(&a, &zero), -1);
	assert_int_equal(xf_amount_cmp(&zero, &one), -1);
	assert_int_equal(xf_amount_cmp(&zero, &zero), 0);
	assert_int_equal(xf_amount_cmp(&one, &a), 1);

	/* 1/3 > 0.333333 */
	xf_amount_from_fen(&a, 1);
	assert_int_equal(xf_amount_div_int(&a, &a, 3), 0);
	xf_amount_from_fen(&b, 333333);
	assert_int_equal(xf_amount_div_int(&b, &b, 1000000), 0);
	assert_int_equal(xf_amount_cmp(&a, &b), 1);
}

/*
 * Values whose cross products (about 2^189) do not fit in 128 bits are
 * still compared exactly.  X = (2^63 - 1)^2, Y = 2^63 - 2, Z = 2^63 - 3:
 * X/Y < (X + 1)/Y, and X/Y < X/Z.
 */
static void
amount_cmp__huge_terms__no_overflow(void **state)
{
	struct xf_amount a, b, c, tiny;

	(void)state;
	xf_amount_from_fen(&a, INT64_MAX);
	assert_int_equal(xf_amount_mul_int(&a, &a, INT64_MAX), 0);
	c = a;
	assert_int_equal(xf_amount_div_int(&a, &a, INT64_MAX - 1), 0);
	assert_int_equal(xf_amount_div_int(&c, &c, INT64_MAX - 2), 0);
	xf_amount_from_fen(&tiny, 1);
	assert_int_equal(xf_amount_div_int(&tiny, &tiny, INT64_MAX - 1), 0);
	assert_int_equal(xf_amount_add(&b, &a, &tiny), 0);

	assert_int_equal(xf_amount_cmp(&a, &b), -1);
	assert_int_equal(xf_amount_cmp(&b, &a), 1);
	assert_int_equal(xf_amount_cmp(&a, &c), -1);
	assert_int_equal(xf_amount_cmp(&c, &a), 1);
	assert_int_equal(xf_amount_mul_int(&a, &a, -1), 0);
	assert_int_equal(xf_amount_mul_int(&b, &b, -1), 0);
	assert_int_equal(xf_amount_cmp(&a, &b), 1);
}

static void
amount_round__half__away_from_zero(void **state)
{
	struct xf_amount a;

	(void)state;
	/* 0.005 yuan = 1/2 fen -> 0.01; -0.005 -> -0.01. */
	xf_amount_from_fen(&a, 1);
	assert_int_equal(xf_amount_div_int(&a, &a, 2), 0);
	assert_int_equal(rounded(&a), 1);
	xf_amount_from_fen(&a, -1);
	assert_int_equal(xf_amount_div_int(&a, &a, 2), 0);
	assert_int_equal(rounded(&a), -1);
	/* Also with the divisor negative. */
	xf_amount_from_fen(&a, 1);
	assert_int_equal(xf_amount_div_int(&a, &a, -2), 0);
	assert_int_equal(rounded(&a), -1);

	/* 7000.005 yuan exactly -> 7000.01; its negative -> -7000.01. */
	xf_amount_from_fen(&a, 1400001);
	assert_int_equal(xf_amount_div_int(&a, &a, 2), 0);
	assert_int_equal(rounded(&a), 700001);
	assert_int_equal(xf_amount_mul_int(&a, &a, -1), 0);
	assert_int_equal(rounded(&a), -700001);

	/* 1.5 x 100.01 = -150.015 with a negative factor -> -150.02. */
	xf_amount_from_fen(&a, 10001);
	assert_int_equal(xf_amount_mul_dec(&a, &a, &(struct xf_dec){ -15,
	    1 }), 0);
	assert_int_equal(rounded(&a), -15002);

	/* 1.5 x 12345.67 = 18518.505 -> 18518.51. */
	xf_amount_from_fen(&a, 1234567);
	assert_int_equal(xf_amount_mul_dec(&a, &a, &(struct xf_dec){ 15,
	    1 }), 0);
	assert_int_equal(rounded(&a), 1851851);
}

static void
amount_round__just_below_half__down(void **state)
{
	struct xf_amount a, eps;

	(void)state;
	/* 7000.005 yuan less a millionth of a fen -> 7000.00. */
	xf_amount_from_fen(&a, 1400001);
	assert_int_equal(xf_amount_div_int(&a, &a, 2), 0);
	xf_amount_from_fen(&eps, 1);
	assert_int_equal(xf_amount_div_int(&eps, &eps, 1000000), 0);
	assert_int_equal(xf_amount_sub(&a, &a, &eps), 0);
	assert_int_equal(rounded(&a), 700000);
	assert_int_equal(xf_amount_mul_int(&a, &a, -1), 0);
	assert_int_equal(rounded(&a), -700000);

	/* 0.4999 fen -> 0, -0.4999 -> 0, 0.5001 -> 1. */
	xf_amount_from_fen(&a, 4999);
	assert_int_equal(xf_amount_div_int(&a, &a, 10000), 0);
	assert_int_equal(rounded(&a), 0);
	xf_amount_from_fen(&a, -4999);
	assert_int_equal(xf_amount_div_int(&a, &a, 10000), 0);
	assert_int_equal(rounded(&a), 0);
	xf_amount_from_fen(&a, 5001);
	assert_int_equal(xf_amount_div_int(&a, &a, 10000), 0);
	assert_int_equal(rounded(&a), 1);

	/* Thirds: 1/3 -> 0, 2/3 -> 1, -2/3 -> -1. */
	xf_amount_from_fen(&a, 1);
	assert_int_equal(xf_amount_div_int(&a, &a, 3), 0);
	assert_int_equal(rounded(&a), 0);
	xf_amount_from_fen(&a, 2);
	assert_int_equal(xf_amount_div_int(&a, &a, 3), 0);
	assert_int_equal(rounded(&a), 1);
	xf_amount_from_fen(&a, -2);
	assert_int_equal(xf_amount_div_int(&a, &a, 3), 0);
	assert_int_equal(rounded(&a), -1);
}

static void
amount_round__beyond_money_max__refused(void **state)
{
	struct xf_amount a, half;
	int64_t fen = 42;

	(void)state;
	xf_amount_from_fen(&a, XF_MONEY_MAX);
	assert_int_equal(rounded(&a), XF_MONEY_MAX);
	xf_amount_from_fen(&a, -XF_MONEY_MAX);
	assert_int_equal(rounded(&a), -XF_MONEY_MAX);

	/* 9e15 + 0.5 fen rounds to 9e15 + 1: too large. */
	xf_amount_from_fen(&a, XF_MONEY_MAX);
	xf_amount_from_fen(&half, 1);
	assert_int_equal(xf_amount_div_int(&half, &half, 2), 0);
	assert_int_equal(xf_amount_add(&a, &a, &half), 0);
	assert_int_equal(xf_amount_round(&a, &fen), -1);
	assert_int_equal(fen, 42);

	/* -9e15 - 0.4 fen rounds to -9e15: fine. */
	xf_amount_from_fen(&a, -XF_MONEY_MAX * 10 - 4);
	assert_int_equal(xf_amount_div_int(&a, &a, 10), 0);
	assert_int_equal(rounded(&a), -XF_MONEY_MAX);

	xf_amount_from_fen(&a, INT64_MIN);
	assert_int_equal(xf_amount_round(&a, &fen), -1);
	assert_int_equal(fen, 42);
}

static void
amount__decimal_factors__exact(void **state)
{
	struct xf_dec f;
	struct xf_amount a, back;

	(void)state;
	/* Daily wage 5000.00 / 21.75 = 2000000/87 fen = 229.885... */
	xf_amount_from_fen(&a, 500000);
	f = dec("21.75");
	assert_int_equal(xf_amount_div_dec(&a, &a, &f), 0);
	assert_true(a.num == 2000000 && a.den == 87);
	assert_int_equal(rounded(&a), 22989);
	/* And back: x 21.75 gives 5000.00 exactly. */
	assert_int_equal(xf_amount_mul_dec(&back, &a, &f), 0);
	assert_true(back.num == 500000 && back.den == 1);

	/* 8333.33 x 0.6 = 4999.998 -> 5000.00. */
	xf_amount_from_fen(&a, 833333);
	f = dec("0.6");
	assert_int_equal(xf_amount_mul_dec(&a, &a, &f), 0);
	assert_int_equal(rounded(&a), 500000);

	/* 12345.67 x 0.004 = 49.38268 -> 49.38. */
	xf_amount_from_fen(&a, 1234567);
	f = dec("0.004");
	assert_int_equal(xf_amount_mul_dec(&a, &a, &f), 0);
	assert_true(a.num == 1234567 && a.den == 250);
	assert_int_equal(rounded(&a), 4938);

	/* x 2 and x "1.50" (unreduced factor). */
	xf_amount_from_fen(&a, 333);
	f = dec("2");
	assert_int_equal(xf_amount_mul_dec(&a, &a, &f), 0);
	assert_int_equal(rounded(&a), 666);
	f = dec("1.50");
	assert_int_equal(xf_amount_mul_dec(&a, &a, &f), 0);
	assert_true(a.num == 999 && a.den == 1);

	/* x 0 gives zero. */
	f = dec("0.000");
	assert_int_equal(xf_amount_mul_dec(&a, &a, &f), 0);
	assert_true(a.num == 0 && a.den == 1);
}

static void
amount__add_sub__exact_and_reduced(void **state)
{
	struct xf_amount a, third, sum;
	int i;

	(void)state;
	/* 1/3 + 1/3 + 1/3 = 1 fen exactly. */
	xf_amount_from_fen(&third, 1);
	assert_int_equal(xf_amount_div_int(&third, &third, 3), 0);
	xf_amount_from_fen(&sum, 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(xf_amount_add(&sum, &sum, &third), 0);
	assert_true(sum.num == 1 && sum.den == 1);

	/* 1/6 + 1/3 = 1/2; 1/2 - 1/2 = 0 (as 0/1). */
	xf_amount_from_fen(&a, 1);
	assert_int_equal(xf_amount_div_int(&a, &a, 6), 0);
	assert_int_equal(xf_amount_add(&a, &a, &third), 0);
	assert_true(a.num == 1 && a.den == 2);
	assert_int_equal(xf_amount_sub(&a, &a, &a), 0);
	assert_true(a.num == 0 && a.den == 1);

	/* 100.00 - 250.50 = -150.50; signs mixed both ways. */
	xf_amount_from_fen(&a, 10000);
	xf_amount_from_fen(&sum, 25050);
	assert_int_equal(xf_amount_sub(&a, &a, &sum), 0);
	assert_int_equal(rounded(&a), -15050);
	assert_int_equal(xf_amount_add(&a, &a, &sum), 0);
	assert_int_equal(rounded(&a), 10000);
	xf_amount_from_fen(&sum, -25050);
	assert_int_equal(xf_amount_sub(&a, &a, &sum), 0);
	assert_int_equal(rounded(&a), 35050);
}

/* A long chain stays reduced: (x / 7 / 12 x 12 x 7) a thousand times. */
static void
amount__long_chain__stays_reduced(void **state)
{
	struct xf_amount a, step;
	int i;

	(void)state;
	xf_amount_from_fen(&a, 123456789);
	for (i = 0; i < 1000; i++) {
		assert_int_equal(xf_amount_div_int(&a, &a, 7), 0);
		assert_int_equal(xf_amount_div_int(&a, &a, 12), 0);
		xf_amount_from_fen(&step, 1);
		assert_int_equal(xf_amount_div_int(&step, &step, 84), 0);
		assert_int_equal(xf_amount_add(&a, &a, &step), 0);
		assert_int_equal(xf_amount_sub(&a, &a, &step), 0);
		assert_int_equal(xf_amount_mul_int(&a, &a, 12), 0);
		assert_int_equal(xf_amount_mul_int(&a, &a, 7), 0);
	}
	assert_true(a.num == 123456789 && a.den == 1);
}

static void
amount__division_by_zero__refused(void **state)
{
	struct xf_amount a, r;
	struct xf_dec z = { 0, 0 }, z3 = { 0, 3 };

	(void)state;
	xf_amount_from_fen(&a, 100);
	xf_amount_from_fen(&r, 55);
	assert_int_equal(xf_amount_div_int(&r, &a, 0), -1);
	assert_true(r.num == 55 && r.den == 1);
	assert_int_equal(xf_amount_div_dec(&r, &a, &z), -1);
	assert_int_equal(xf_amount_div_dec(&r, &a, &z3), -1);
	assert_true(r.num == 55 && r.den == 1);
}

static void
amount__bad_scale__refused(void **state)
{
	struct xf_amount a, r;
	struct xf_dec big = { 1, XF_DEC_MAXSCALE + 1 }, neg = { 1, -1 };
	struct xf_dec max = { 1, XF_DEC_MAXSCALE };

	(void)state;
	xf_amount_from_fen(&a, 100);
	xf_amount_from_fen(&r, 55);
	assert_int_equal(xf_amount_mul_dec(&r, &a, &big), -1);
	assert_int_equal(xf_amount_mul_dec(&r, &a, &neg), -1);
	assert_int_equal(xf_amount_div_dec(&r, &a, &big), -1);
	assert_true(r.num == 55 && r.den == 1);
	/* 100 x 10^-9 = 1/10^7 fen. */
	assert_int_equal(xf_amount_mul_dec(&r, &a, &max), 0);
	assert_true(r.num == 1 && r.den == 10000000);
}

/*
 * Overflow is reported, never undefined: X = (2^63 - 1)^2 is below
 * 2^127 - 1, 2X is too, 3X and (2^63 - 1)^3 are not.
 */
static void
amount__overflow__refused(void **state)
{
	struct xf_amount x, r, t, neg, tiny, other;

	(void)state;
	xf_amount_from_fen(&x, INT64_MAX);
	assert_int_equal(xf_amount_mul_int(&x, &x, INT64_MAX), 0);

	/* Multiplication. */
	xf_amount_from_fen(&r, 9);
	assert_int_equal(xf_amount_mul_int(&r, &x, INT64_MAX), -1);
	assert_int_equal(xf_amount_mul_int(&r, &x, INT64_MIN), -1);
	assert_int_equal(xf_amount_mul_int(&r, &x, 3), -1);
	assert_int_equal(xf_amount_mul_dec(&r, &x, &(struct xf_dec){ 3,
	    0 }), -1);
	assert_true(r.num == 9 && r.den == 1);
	assert_int_equal(xf_amount_mul_int(&t, &x, 2), 0);

	/* Addition and subtraction. */
	assert_int_equal(xf_amount_add(&r, &t, &x), -1);
	assert_int_equal(xf_amount_mul_int(&neg, &x, -1), 0);
	assert_int_equal(xf_amount_sub(&r, &t, &neg), -1);
	assert_int_equal(xf_amount_mul_int(&neg, &t, -1), 0);
	assert_int_equal(xf_amount_sub(&r, &neg, &x), -1);
	assert_true(r.num == 9 && r.den == 1);
	/* Opposite signs cannot overflow. */
	assert_int_equal(xf_amount_add(&r, &t, &neg), 0);
	assert_true(r.num == 0 && r.den == 1);

	/* Denominators: 1 / (2^63 - 1)^3 does not fit. */
	xf_amount_from_fen(&tiny, 1);
	assert_int_equal(xf_amount_div_int(&tiny, &tiny, INT64_MAX), 0);
	assert_int_equal(xf_amount_div_int(&tiny, &tiny, INT64_MAX), 0);
	r = tiny;
	assert_int_equal(xf_amount_div_int(&r, &tiny, INT64_MAX), -1);
	assert_int_equal(xf_amount_div_int(&r, &tiny, INT64_MIN), -1);
	assert_true(r.num == tiny.num && r.den == tiny.den);

	/* Coprime denominators whose product does not fit. */
	xf_amount_from_fen(&other, 1);
	assert_int_equal(xf_amount_div_int(&other, &other, INT64_MAX - 1),
	    0);
	assert_int_equal(xf_amount_div_int(&other, &other, INT64_MAX - 1),
	    0);
	assert_int_equal(xf_amount_add(&r, &tiny, &other), -1);
	assert_int_equal(xf_amount_sub(&r, &tiny, &other), -1);
	assert_int_equal(xf_amount_cmp(&tiny, &other), -1);

	/* INT64_MIN as an amount and as a multiplier is fine. */
	xf_amount_from_fen(&r, INT64_MIN);
	assert_int_equal(xf_amount_mul_int(&r, &r, INT64_MIN), 0);
	assert_int_equal(xf_amount_cmp(&r, &x), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(money_parse__plain_decimal__fen),
		cmocka_unit_test(money_parse__thousands_separators__fen),
		cmocka_unit_test(money_parse__currency_marks__fen),
		cmocka_unit_test(money_parse__yuan_suffix__fen),
		cmocka_unit_test(money_parse__wan__times_ten_thousand),
		cmocka_unit_test(money_parse__yi__times_hundred_million),
		cmocka_unit_test(money_parse__full_width_digits__fen),
		cmocka_unit_test(money_parse__signs__fen),
		cmocka_unit_test(money_parse__surrounding_spaces__ignored),
		cmocka_unit_test(money_parse__limits__accepted),
		cmocka_unit_test(
		    money_parse__not_nul_terminated__reads_len_bytes),
		cmocka_unit_test(money_parse__why_null__allowed),
		cmocka_unit_test(money_parse__empty__refused),
		cmocka_unit_test(money_parse__ambiguous_separator__refused),
		cmocka_unit_test(money_parse__bad_groups__refused),
		cmocka_unit_test(money_parse__too_many_decimals__refused),
		cmocka_unit_test(money_parse__not_a_number__refused),
		cmocka_unit_test(money_parse__bad_sign_or_point__refused),
		cmocka_unit_test(money_parse__digits_after_unit__refused),
		cmocka_unit_test(money_parse__overflow__refused),
		cmocka_unit_test(money_format__ordinary__two_places),
		cmocka_unit_test(money_format__negative__leading_minus),
		cmocka_unit_test(money_format__int64_extremes__exact),
		cmocka_unit_test(money_format__small_buffer__null),
		cmocka_unit_test(money_format__then_parse__same_fen),
		cmocka_unit_test(dec_parse__factors__num_and_scale),
		cmocka_unit_test(dec_parse__bad__refused_with_reason),
		cmocka_unit_test(
		    dec_parse__not_nul_terminated__reads_len_bytes),
		cmocka_unit_test(
		    amount__average_wage_times_three__exact_not_prerounded),
		cmocka_unit_test(amount_cmp__per_capita_vs_standard__exact),
		cmocka_unit_test(amount_cmp__close_fractions__ordered),
		cmocka_unit_test(amount_cmp__huge_terms__no_overflow),
		cmocka_unit_test(amount_round__half__away_from_zero),
		cmocka_unit_test(amount_round__just_below_half__down),
		cmocka_unit_test(amount_round__beyond_money_max__refused),
		cmocka_unit_test(amount__decimal_factors__exact),
		cmocka_unit_test(amount__add_sub__exact_and_reduced),
		cmocka_unit_test(amount__long_chain__stays_reduced),
		cmocka_unit_test(amount__division_by_zero__refused),
		cmocka_unit_test(amount__bad_scale__refused),
		cmocka_unit_test(amount__overflow__refused),
	};

	return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
