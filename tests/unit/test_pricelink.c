/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/pricelink.c: the triggers, the rise paid and the
 * subsidy per person of DOMAIN.md section F, and the month and percent
 * readers.
 *
 * Every expected figure is worked by hand in the comment above its
 * assertion and was checked with python3 (fractions.Fraction for the
 * exact value, decimal.ROUND_HALF_UP for the one rounding).  Standards
 * are in fen: 700.00 yuan is 70000.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "money.h"
#include "pricelink.h"

/* A decimal from its text (test helper; the text is always good). */
static struct xf_dec
D(const char *s)
{
	struct xf_dec d;

	assert_int_equal(xf_dec_parse(s, strlen(s), &d, NULL), 0);
	return d;
}

/* The subsidy for a standard in fen and a rate, fen rounding, no minimum. */
static int64_t
sub(int64_t standard, int annual, const char *rate)
{
	struct xf_dec r = D(rate);
	int64_t fen = -1;

	assert_int_equal(xf_pl_subsidy(standard, annual, &r, NULL, &fen,
	    NULL), 0);
	return fen;
}

/* As sub(), rounded to unit fen with a minimum. */
static int64_t
subr(int64_t standard, int annual, const char *rate, int64_t unit,
    int64_t min)
{
	struct xf_pl_rounding rnd = { unit, min };
	struct xf_dec r = D(rate);
	int64_t fen = -1;

	assert_int_equal(xf_pl_subsidy(standard, annual, &r, &rnd, &fen,
	    NULL), 0);
	return fen;
}

static void
decide(const char *cpi, const char *food, const char *ct, const char *ft,
    struct xf_pl_decision *d)
{
	struct xf_dec a = D(cpi), b = D(food), c = D(ct), e = D(ft);

	xf_pl_decide(&a, &b, &c, &e, d);
}

/* DOMAIN F: "达到" includes equality, so CPI 3.5% meets a 3.5% trigger. */
static void
decide__cpi_equal_to_trigger__triggers(void **state)
{
	struct xf_pl_decision d;

	(void)state;
	decide("3.5", "1.0", "3.5", "6", &d);
	assert_int_equal(d.cpi_met, 1);
	assert_int_equal(d.food_met, 0);
	assert_int_equal(d.index, XF_PL_CPI);
	assert_int_equal(d.rate.num, 35);
	assert_int_equal(d.rate.scale, 1);
	/* Written differently, the same value: 3.50 vs 3.5. */
	decide("3.50", "1.0", "3.5", "6", &d);
	assert_int_equal(d.index, XF_PL_CPI);
}

/* 3.49 is below 3.5: nothing. */
static void
decide__cpi_just_below__none(void **state)
{
	struct xf_pl_decision d;

	(void)state;
	decide("3.49", "5.99", "3.5", "6", &d);
	assert_int_equal(d.cpi_met, 0);
	assert_int_equal(d.food_met, 0);
	assert_int_equal(d.index, XF_PL_NONE);
}

/* Food 6.0 reaches a trigger written "6". */
static void
decide__food_equal_to_trigger__triggers_food(void **state)
{
	struct xf_pl_decision d;

	(void)state;
	decide("2.0", "6.0", "3.5", "6", &d);
	assert_int_equal(d.food_met, 1);
	assert_int_equal(d.index, XF_PL_FOOD);
	assert_int_equal(d.rate.num, 60);
}

/* The temporary 3.0 trigger of 2022: CPI 3.0 meets it, 2.9 does not. */
static void
decide__temporary_trigger__three_percent(void **state)
{
	struct xf_pl_decision d;

	(void)state;
	decide("3.0", "2.0", "3.0", "6", &d);
	assert_int_equal(d.index, XF_PL_CPI);
	decide("2.9", "2.0", "3.0", "6", &d);
	assert_int_equal(d.index, XF_PL_NONE);
}

/* Both met: the higher rise is paid (DOMAIN F, 武汉 practice). */
static void
decide__both_met__higher_rise(void **state)
{
	struct xf_pl_decision d;

	(void)state;
	decide("3.6", "6.2", "3.5", "6", &d);
	assert_int_equal(d.cpi_met, 1);
	assert_int_equal(d.food_met, 1);
	assert_int_equal(d.index, XF_PL_FOOD);
	assert_int_equal(d.rate.num, 62);
	decide("7.05", "6.5", "3.5", "6", &d);
	assert_int_equal(d.index, XF_PL_CPI);
	assert_int_equal(d.rate.num, 705);
	assert_int_equal(d.rate.scale, 2);
}

/* Both met with equal rises: either pays the same; the CPI is named. */
static void
decide__both_equal__cpi(void **state)
{
	struct xf_pl_decision d;

	(void)state;
	decide("6.5", "6.50", "3.5", "6", &d);
	assert_int_equal(d.index, XF_PL_CPI);
}

/* Deflation is not an error, it just triggers nothing. */
static void
decide__negative_rises__none(void **state)
{
	struct xf_pl_decision d;

	(void)state;
	decide("-0.8", "-3.2", "3.5", "6", &d);
	assert_int_equal(d.index, XF_PL_NONE);
}

/* Urban: 700.00 x 3.5% = 24.50 exactly; 700.00 x 6.1% = 42.70. */
static void
subsidy__urban__standard_times_rate(void **state)
{
	(void)state;
	assert_int_equal(sub(70000, 0, "3.5"), 2450);
	assert_int_equal(sub(70000, 0, "6.1"), 4270);
	/* A zero standard pays zero. */
	assert_int_equal(sub(0, 0, "6.1"), 0);
}

/* Half a fen goes up: 701.50 x 3.0% = 21.045 -> 21.05 (not 21.04). */
static void
subsidy__half_fen__rounds_up(void **state)
{
	(void)state;
	assert_int_equal(sub(70150, 0, "3.0"), 2105);
	/* 701.50 x 3.1% = 21.7465 -> 21.75; 700.01 x 3.5% = 24.50035 ->
	 * 24.50. */
	assert_int_equal(sub(70150, 0, "3.1"), 2175);
	assert_int_equal(sub(70001, 0, "3.5"), 2450);
}

/*
 * Rural: the annual standard / 12, one rounding at the end.
 * 5400 / 12 x 6.3% = 450 x 0.063 = 28.35.
 * 4003 / 12 x 6% = 20.015 exactly -> 20.02; rounding the monthly
 * standard first (333.58) would give 333.58 x 0.06 = 20.0148 -> 20.01.
 * 4003 / 12 x 7.4% = 24.685166... -> 24.69; pre-rounded 24.6849 -> 24.68.
 */
static void
subsidy__rural__twelfth_rounded_once(void **state)
{
	(void)state;
	assert_int_equal(sub(540000, 1, "6.3"), 2835);
	assert_int_equal(sub(400300, 1, "6"), 2002);
	assert_int_equal(sub(400300, 1, "7.4"), 2469);
}

/*
 * To the yuan (桂林, 武汉: 四舍五入取整): 24.50 -> 25; 42.70 -> 43;
 * 5400/12 x 3.5% = 15.75 -> 16; 700 x 2.07% = 14.49 -> 14.
 */
static void
subsidy__yuan__half_up_to_whole_yuan(void **state)
{
	(void)state;
	assert_int_equal(subr(70000, 0, "3.5", 100, 0), 2500);
	assert_int_equal(subr(70000, 0, "6.1", 100, 0), 4300);
	assert_int_equal(subr(540000, 1, "3.5", 100, 0), 1600);
	assert_int_equal(subr(70000, 0, "2.07", 100, 0), 1400);
	/* Rounded once: 4003/12 x 7.4% = 24.685... -> 25, not via 24.69. */
	assert_int_equal(subr(400300, 1, "7.4", 100, 0), 2500);
	/* 700 x 3.57% = 24.99 -> 25; 700 x 3.5714% = 24.9998 -> 25. */
	assert_int_equal(subr(70000, 0, "3.57", 100, 0), 2500);
}

/*
 * The minimum (桂林: 10 yuan) applies after the rounding: 200.00 x 3.5%
 * = 7.00 -> 10.00; 700 x 3.5% = 24.50 stays; to the yuan 200 x 4.8% =
 * 9.60 -> 10 -> 10; 200 x 5.3% = 10.60 -> 11.
 */
static void
subsidy__minimum__after_rounding(void **state)
{
	(void)state;
	assert_int_equal(subr(20000, 0, "3.5", 1, 1000), 1000);
	assert_int_equal(subr(70000, 0, "3.5", 1, 1000), 2450);
	assert_int_equal(subr(20000, 0, "4.8", 100, 1000), 1000);
	assert_int_equal(subr(20000, 0, "5.3", 100, 1000), 1100);
	/* A minimum that is not whole yuan is paid as given. */
	assert_int_equal(subr(20000, 0, "3.5", 100, 1050), 1050);
}

static void
subsidy__bad_input__fails(void **state)
{
	struct xf_pl_rounding rnd = { 10, 0 };
	struct xf_dec r = D("3.5"), neg = D("-1");
	const char *why = NULL;
	int64_t fen = 7;

	(void)state;
	assert_int_equal(xf_pl_subsidy(-1, 0, &r, NULL, &fen, &why), -1);
	assert_string_equal(why, "negative standard");
	assert_int_equal(xf_pl_subsidy(100, 0, &neg, NULL, &fen, &why), -1);
	assert_string_equal(why, "negative rate");
	assert_int_equal(xf_pl_subsidy(100, 0, &r, &rnd, &fen, &why), -1);
	assert_string_equal(why, "bad rounding unit");
	/* 9e15 fen x 1000% = 9e16: beyond XF_MONEY_MAX. */
	r = D("1000");
	assert_int_equal(xf_pl_subsidy(XF_MONEY_MAX, 0, &r, NULL, &fen,
	    &why), -1);
	assert_string_equal(why, "too large");
	assert_int_equal(fen, 7);
}

/* 2450 fen x 1234 persons = 3023300 fen (30233.00 yuan). */
static void
payout__count_times_subsidy__exact(void **state)
{
	int64_t fen = 0, sum;

	(void)state;
	assert_int_equal(xf_pl_payout(2450, 1234, &fen), 0);
	assert_int_equal(fen, 3023300);
	assert_int_equal(xf_pl_payout(2450, 0, &fen), 0);
	assert_int_equal(fen, 0);
	assert_int_equal(xf_pl_payout(-1, 3, &fen), -1);
	assert_int_equal(xf_pl_payout(3, -1, &fen), -1);
	assert_int_equal(xf_pl_payout(XF_MONEY_MAX, 2, &fen), -1);
	assert_int_equal(xf_pl_payout(INT64_MAX, INT64_MAX, &fen), -1);
	sum = XF_MONEY_MAX - 1;
	assert_int_equal(xf_pl_add(&sum, 1), 0);
	assert_int_equal(sum, XF_MONEY_MAX);
	assert_int_equal(xf_pl_add(&sum, 1), -1);
	assert_int_equal(sum, XF_MONEY_MAX);
}

static void
month(const char *s, int y, int m)
{
	int yy = 0, mm = 0;
	const char *why = NULL;

	if (xf_pl_parse_month(s, strlen(s), &yy, &mm, &why) != 0)
		fail_msg("'%s': %s", s, why);
	assert_int_equal(yy, y);
	assert_int_equal(mm, m);
}

static void
badmonth(const char *s, const char *want)
{
	int yy = 7, mm = 7;
	const char *why = NULL;

	assert_int_equal(xf_pl_parse_month(s, strlen(s), &yy, &mm, &why),
	    -1);
	assert_string_equal(why, want);
	assert_int_equal(yy, 7);
	assert_int_equal(mm, 7);
}

static void
parse_month__forms__read(void **state)
{
	(void)state;
	month("2022-09", 2022, 9);
	month("2022-9", 2022, 9);
	month(" 2023/03 ", 2023, 3);
	month("2023.12", 2023, 12);
	month("202209", 2022, 9);
	month("2022年9月", 2022, 9);
	month("2022年09月", 2022, 9);
	month("２０２２－０９", 2022, 9);
	month("\xe3\x80\x80" "2022-09", 2022, 9);	/* U+3000 before */
	month("1900-01", 1900, 1);
	month("2199-12", 2199, 12);
}

static void
parse_month__bad__reason(void **state)
{
	(void)state;
	badmonth("", "empty");
	badmonth("  ", "empty");
	badmonth("2022-13", "month out of range");
	badmonth("2022-00", "month out of range");
	badmonth("202213", "month out of range");
	badmonth("1899-12", "year out of range (1900 to 2199)");
	badmonth("2200-01", "year out of range (1900 to 2199)");
	badmonth("2022-09-01", "not a month (expected YYYY-MM)");
	badmonth("22-09", "not a month (expected YYYY-MM)");
	badmonth("2022-", "not a month (expected YYYY-MM)");
	badmonth("2022-009", "not a month (expected YYYY-MM)");
	badmonth("2022年9", "not a month (expected YYYY-MM)");
	badmonth("2022年9月份", "not a month (expected YYYY-MM)");
	badmonth("2022", "not a month (expected YYYY-MM)");
	badmonth("Sep 2022", "not a month (expected YYYY-MM)");
	badmonth("2022-9x", "not a month (expected YYYY-MM)");
}

static void
pct(const char *s, int64_t num, int scale)
{
	struct xf_dec d = { 0, 0 };
	const char *why = NULL;

	if (xf_pl_parse_percent(s, strlen(s), &d, &why) != 0)
		fail_msg("'%s': %s", s, why);
	assert_int_equal(d.num, num);
	assert_int_equal(d.scale, scale);
}

static void
badpct(const char *s, const char *want)
{
	struct xf_dec d = { 7, 7 };
	const char *why = NULL;

	assert_int_equal(xf_pl_parse_percent(s, strlen(s), &d, &why), -1);
	assert_string_equal(why, want);
	assert_int_equal(d.num, 7);
}

/* "3.6%" means 3.6 percent, as "3.6" does; full-width forms fold. */
static void
parse_percent__forms__read(void **state)
{
	(void)state;
	pct("3.6", 36, 1);
	pct(" 3.6 ", 36, 1);
	pct("3.6%", 36, 1);
	pct("3.6 %", 36, 1);
	pct("３.６", 36, 1);
	pct("３．６％", 36, 1);
	pct("-0.8", -8, 1);
	pct("－０.８", -8, 1);
	pct("+2", 2, 0);
	pct("0", 0, 0);
	pct("1000", 1000, 0);
	pct("-1000.0", -10000, 1);
}

static void
parse_percent__bad__reason(void **state)
{
	(void)state;
	badpct("", "empty");
	badpct("%", "not a number");
	badpct("3.6%%", "not a number");
	badpct("%3.6", "not a number");
	badpct("3,6", "not a number");
	badpct("3.6‰", "not a number");
	badpct("abc", "not a number");
	badpct("3.", "no digits after decimal point");
	badpct(".5", "no digits before decimal point");
	badpct("1000.1", "out of range (-1000 to 1000)");
	badpct("-1001", "out of range (-1000 to 1000)");
	badpct("3.6e1", "not a number");
	badpct("0.0000000001", "more than nine decimal places");
}

static void
labels__groups_and_params__exact(void **state)
{
	static const char *const want[XF_PL_NGROUP] = {
		"城市低保", "农村低保", "特困人员", "孤儿", "失业保险金领取人员",
		"低保边缘", "失业补助金领取人员"
	};
	int g;

	(void)state;
	for (g = 0; g < XF_PL_NGROUP; g++) {
		assert_string_equal(xf_pl_group_name(g), want[g]);
		assert_int_equal(xf_pl_group_find(want[g], strlen(want[g])), g);
		assert_int_equal(xf_pl_group_rural(g), g == XF_PL_RURAL);
		assert_non_null(xf_pl_param_name(XF_PP_COVER0 + g));
	}
	assert_null(xf_pl_group_name(-1));
	assert_null(xf_pl_group_name(XF_PL_NGROUP));
	assert_int_equal(xf_pl_group_find("低保", 6), -1);
	assert_int_equal(xf_pl_group_find("城市低保 ", 13), -1);
	assert_string_equal(xf_pl_param_name(XF_PP_CPI_TRIGGER),
	    "pricelink_cpi_trigger");
	assert_string_equal(xf_pl_param_name(XF_PP_FOOD_TRIGGER),
	    "pricelink_food_trigger");
	assert_string_equal(xf_pl_param_name(XF_PP_DIBAO_RURAL),
	    "dibao_rural");
	assert_string_equal(xf_pl_param_name(XF_PP_COVER0 + XF_PL_EDGE),
	    "pricelink_cover_dibao_edge");
	assert_null(xf_pl_param_name(XF_PP_N));
	assert_string_equal(xf_pl_index_name(XF_PL_CPI), "CPI");
	assert_string_equal(xf_pl_index_name(XF_PL_FOOD), "食品CPI");
	assert_string_equal(xf_pl_index_name(XF_PL_NONE), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decide__cpi_equal_to_trigger__triggers),
		cmocka_unit_test(decide__cpi_just_below__none),
		cmocka_unit_test(decide__food_equal_to_trigger__triggers_food),
		cmocka_unit_test(decide__temporary_trigger__three_percent),
		cmocka_unit_test(decide__both_met__higher_rise),
		cmocka_unit_test(decide__both_equal__cpi),
		cmocka_unit_test(decide__negative_rises__none),
		cmocka_unit_test(subsidy__urban__standard_times_rate),
		cmocka_unit_test(subsidy__half_fen__rounds_up),
		cmocka_unit_test(subsidy__rural__twelfth_rounded_once),
		cmocka_unit_test(subsidy__yuan__half_up_to_whole_yuan),
		cmocka_unit_test(subsidy__minimum__after_rounding),
		cmocka_unit_test(subsidy__bad_input__fails),
		cmocka_unit_test(payout__count_times_subsidy__exact),
		cmocka_unit_test(parse_month__forms__read),
		cmocka_unit_test(parse_month__bad__reason),
		cmocka_unit_test(parse_percent__forms__read),
		cmocka_unit_test(parse_percent__bad__reason),
		cmocka_unit_test(labels__groups_and_params__exact),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
