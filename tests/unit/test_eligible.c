/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/eligible.c: the decisions of DOMAIN.md section E on
 * hand-made households with fixed parameters, and the column readers.
 *
 * Every expected figure is worked in the comment above its test and was
 * checked with python3's fractions module as a calculator (amounts in
 * fen).  The boundaries follow DOMAIN.md 0.2: 低于 is strict (equal is
 * not eligible), 不超过/以上 include the number itself.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eligible.h"
#include "money.h"

#define MAXP	8

struct fx {
	struct xf_elig_household h;
	struct xf_elig_person	 p[MAXP];
	struct xf_elig_result	 r;
};

static struct fx F;

/* A decimal from its text (test helper; the text is always good). */
static struct xf_dec
D(const char *s)
{
	struct xf_dec d;

	assert_int_equal(xf_dec_parse(s, strlen(s), &d, NULL), 0);
	return d;
}

static void
setp(int k, const char *v, int placeholder)
{
	F.h.par[k].known = 1;
	F.h.par[k].dec = D(v);
	F.h.par[k].where = "test";
	F.h.par[k].source = placeholder ? "placeholder: test" : "test";
	F.h.par[k].placeholder = placeholder;
}

/*
 * The default fixture: urban standard 700 a month, rural 5400 a year,
 * edge multiplier 1.5, 特困 multiple 1.3 and list 2021, last year's
 * standard also 700; assets_limit_months and the 公租房, 临时救助 and
 * 医疗救助 figures are set by the tests that need them.
 */
static int
setup(void **state)
{
	(void)state;
	memset(&F, 0, sizeof(F));
	F.h.id = "H";
	F.h.p = F.p;
	setp(XF_EP_DIBAO_URBAN, "700", 1);
	setp(XF_EP_DIBAO_RURAL, "5400", 1);
	setp(XF_EP_EDGE_MULT, "1.5", 0);
	setp(XF_EP_TEKUN_MULT, "1.3", 0);
	setp(XF_EP_TEKUN_LIST, "2021", 0);
	setp(XF_EP_DIBAO_PREV, "700", 1);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	xf_elig_clear(&F.r);
	return 0;
}

/* Add a counted adult of age 40 with this monthly income in fen. */
static struct xf_elig_person *
add(int64_t income)
{
	struct xf_elig_person *p = &F.p[F.h.n++];

	memset(p, 0, sizeof(*p));
	p->name = "某";
	p->status = "";
	p->counted = 1;
	p->age = 40;
	p->income = income;
	return p;
}

static void
decide(int g)
{
	xf_elig_clear(&F.r);
	assert_int_equal(xf_elig_decide(&F.h, g, &F.r), 0);
	assert_non_null(F.r.reason);
	assert_non_null(F.r.trace);
}

/*
 * 1000.00 + 500.00 + 599.99 = 2099.99 for 3: per capita 699.99666...,
 * below 700 although it rounds to 700.00 (DOMAIN 0.1: never compare a
 * rounded per-capita income).  Allowance 700 x 3 - 2099.99 = 0.01.
 */
static void
decide__dibao_third_of_fen_below__eligible(void **state)
{
	(void)state;
	add(100000);
	add(50000);
	add(59999);
	decide(XF_ELIG_DIBAO);
	assert_int_equal(F.r.decided, 1);
	assert_int_equal(F.r.eligible, 1);
	assert_int_equal(F.r.has_monthly, 1);
	assert_int_equal(F.r.monthly, 1);
	assert_int_equal(F.r.placeholder, 1);
	assert_non_null(strstr(F.r.reason, "≈699.9967 <"));
}

/* 700 + 700 for 2: per capita exactly 700, not 低于 700 (DOMAIN 0.2). */
static void
decide__dibao_equal_standard__not_eligible(void **state)
{
	(void)state;
	add(70000);
	add(70000);
	decide(XF_ELIG_DIBAO);
	assert_int_equal(F.r.decided, 1);
	assert_int_equal(F.r.eligible, 0);
	assert_int_equal(F.r.has_monthly, 0);
	assert_non_null(strstr(F.r.reason, "700.00 ≥ 城市低保标准 700.00"));
}

/* One fen less in total: 1399.99 / 2 = 699.995 < 700; 1400 - 1399.99. */
static void
decide__dibao_one_fen_below__eligible(void **state)
{
	(void)state;
	add(70000);
	add(69999);
	decide(XF_ELIG_DIBAO);
	assert_int_equal(F.r.eligible, 1);
	assert_int_equal(F.r.monthly, 1);
}

/*
 * A member in prison (服刑) earning 3000 is not counted, nor is the 200
 * of income_excluded of the other: 1 member, 600 < 700, allowance 100.
 */
static void
decide__dibao_excluded_member_and_income__not_counted(void **state)
{
	struct xf_elig_person *p;

	(void)state;
	p = add(60000);
	p->excluded = 20000;
	p = add(300000);
	p->counted = 0;
	p->status = "服刑";
	assert_int_equal(xf_elig_counted(&F.h, NULL), 1);
	decide(XF_ELIG_DIBAO);
	assert_int_equal(F.r.eligible, 1);
	assert_int_equal(F.r.monthly, 10000);
	assert_non_null(strstr(F.r.trace, "服刑"));
	assert_non_null(strstr(F.r.trace, "另有不计入的收入 200.00"));
	assert_non_null(strstr(F.r.trace, "月标准 700.00 × 1 人 − 计入月收入 "
	    "600.00 = 100.00"));
}

/*
 * Rural, 5400 a year, 4 members, 1700 a month together: per capita
 * 1700 x 12 / 4 = 5100 a year < 5400.  Allowance (5400 x 4 - 1700 x 12)
 * / 12 = 1200 / 12 = 100.00 a month.
 */
static void
decide__dibao_rural_annual__eligible(void **state)
{
	(void)state;
	F.h.rural = 1;
	add(170000);
	add(0);
	add(0);
	add(0);
	decide(XF_ELIG_DIBAO);
	assert_int_equal(F.r.eligible, 1);
	assert_int_equal(F.r.monthly, 10000);
	assert_non_null(strstr(F.r.reason, "人均年收入 5100.00 < 农村低保标准"
	    " 5400.00"));
}

/* Rural 5400 a year, one member earning 450 a month: 5400 = 5400, no. */
static void
decide__dibao_rural_equal__not_eligible(void **state)
{
	(void)state;
	F.h.rural = 1;
	add(45000);
	decide(XF_ELIG_DIBAO);
	assert_int_equal(F.r.eligible, 0);
}

/*
 * Rounded once: rural 5000 a year, 2 members, 800 a month.  Exactly
 * 5000 x 2 / 12 - 800 = 33.333... -> 33.33; rounding the monthly
 * standard first (416.67 x 2 - 800) would give 33.34.
 */
static void
decide__dibao_rural_amount__rounded_once(void **state)
{
	(void)state;
	F.h.rural = 1;
	setp(XF_EP_DIBAO_RURAL, "5000", 0);
	add(80000);
	add(0);
	decide(XF_ELIG_DIBAO);
	assert_int_equal(F.r.eligible, 1);
	assert_int_equal(F.r.monthly, 3333);
	assert_int_equal(F.r.placeholder, 0);
}

/*
 * Assets: 2 months x 700 x 2 members = 2800.00; 2800.00 is within (不超过
 * includes the limit), 2800.01 is not.
 */
static void
decide__dibao_assets_at_limit__eligible(void **state)
{
	(void)state;
	setp(XF_EP_ASSETS_MONTHS, "2", 0);
	add(0);
	add(0);
	F.h.has_assets = 1;
	F.h.assets = 280000;
	decide(XF_ELIG_DIBAO);
	assert_int_equal(F.r.eligible, 1);
	assert_int_equal(F.r.monthly, 140000);
	F.h.assets = 280001;
	decide(XF_ELIG_DIBAO);
	assert_int_equal(F.r.decided, 1);
	assert_int_equal(F.r.eligible, 0);
	assert_non_null(strstr(F.r.reason, "2800.01 > 限额 2800.00"));
}

/* Assets given but no assets_limit_months: undecided, reason names it. */
static void
decide__dibao_assets_without_limit__undecided(void **state)
{
	(void)state;
	add(0);
	F.h.has_assets = 1;
	F.h.assets = 100;
	decide(XF_ELIG_DIBAO);
	assert_int_equal(F.r.decided, 0);
	assert_int_equal(F.r.eligible, 0);
	assert_non_null(strstr(F.r.reason, "assets_limit_months"));
}

/* No standard at all: undecided. */
static void
decide__dibao_no_standard__undecided(void **state)
{
	(void)state;
	F.h.par[XF_EP_DIBAO_URBAN].known = 0;
	add(0);
	decide(XF_ELIG_DIBAO);
	assert_int_equal(F.r.decided, 0);
	assert_non_null(strstr(F.r.reason, "dibao_urban"));
}

/* Everyone excluded: no counted member, not eligible. */
static void
decide__dibao_no_counted_member__not_eligible(void **state)
{
	(void)state;
	add(0)->counted = 0;
	decide(XF_ELIG_DIBAO);
	assert_int_equal(F.r.decided, 1);
	assert_int_equal(F.r.eligible, 0);
}

/*
 * 低保边缘: 2 members with 2100 together, per capita 1050 = 1.5 x 700:
 * not below (strict default), but within with --edge-inclusive; 2099.99
 * (1049.995) is below either way.
 */
static void
decide__edge_exactly_multiplier__strict_no_inclusive_yes(void **state)
{
	(void)state;
	add(105000);
	add(105000);
	decide(XF_ELIG_EDGE);
	assert_int_equal(F.r.decided, 1);
	assert_int_equal(F.r.eligible, 0);
	assert_non_null(strstr(F.r.reason, "1050.00 ≥ 1.5 × 城市低保标准 "
	    "1050.00"));
	F.h.edge_inclusive = 1;
	decide(XF_ELIG_EDGE);
	assert_int_equal(F.r.eligible, 1);
	F.h.edge_inclusive = 0;
	F.p[1].income = 104999;
	decide(XF_ELIG_EDGE);
	assert_int_equal(F.r.eligible, 1);
	assert_int_equal(F.r.has_monthly, 0);
}

/* A 低保 household is not a 低保边缘 one. */
static void
decide__edge_dibao_household__not_edge(void **state)
{
	(void)state;
	add(60000);
	decide(XF_ELIG_EDGE);
	assert_int_equal(F.r.eligible, 0);
	assert_non_null(strstr(F.r.reason, "已符合低保"));
}

/* Equal to the 低保 standard: not 低保, and 700 < 1050 so 低保边缘. */
static void
decide__edge_equal_dibao__edge(void **state)
{
	(void)state;
	add(70000);
	decide(XF_ELIG_EDGE);
	assert_int_equal(F.r.eligible, 1);
}

/*
 * 刚性支出困难家庭: 1100 a head fails 1050; after 200 of rigid costs
 * (2200 - 200) / 2 = 1000 < 1050 passes; after 100, 1050 is not below
 * 1050 (strict) unless inclusive; costs above the income leave 0.
 */
static void
decide__edge_rigid_cost__tested_after_deduction(void **state)
{
	struct xf_elig_person *a;

	(void)state;
	a = add(110000);
	add(110000);
	decide(XF_ELIG_EDGE);
	assert_int_equal(F.r.eligible, 0);
	assert_null(strstr(F.r.reason, "刚性支出"));
	a->rigid = 20000;
	decide(XF_ELIG_EDGE);
	assert_int_equal(F.r.decided, 1);
	assert_int_equal(F.r.eligible, 1);
	assert_non_null(strstr(F.r.reason, "刚性支出困难家庭：人均月收入扣除"
	    "刚性支出后 1000.00 < 1.5 × 城市低保标准 1050.00"));
	a->rigid = 10000;
	decide(XF_ELIG_EDGE);
	assert_int_equal(F.r.eligible, 0);
	assert_non_null(strstr(F.r.reason, "扣除刚性支出后 1050.00 ≥"));
	F.h.edge_inclusive = 1;
	decide(XF_ELIG_EDGE);
	assert_int_equal(F.r.eligible, 1);
	F.h.edge_inclusive = 0;
	a->rigid = 900000;
	decide(XF_ELIG_EDGE);
	assert_int_equal(F.r.eligible, 1);
	assert_non_null(strstr(F.r.reason, "扣除刚性支出后 0.00 <"));
	/* A member who does not count brings no cost either. */
	a->rigid = 20000;
	a->counted = 0;
	F.p[1].rigid = 0;
	decide(XF_ELIG_EDGE);
	assert_int_equal(F.r.eligible, 0);
}

/*
 * Rural: 5400 a year, edge 8100 a year.  800 a month is 9600 a year:
 * fails; less 200 a month of rigid costs, 7200 < 8100: passes.
 */
static void
decide__edge_rigid_cost_rural__annual_figures(void **state)
{
	struct xf_elig_person *a;

	(void)state;
	F.h.rural = 1;
	a = add(80000);
	decide(XF_ELIG_EDGE);
	assert_int_equal(F.r.eligible, 0);
	a->rigid = 20000;
	decide(XF_ELIG_EDGE);
	assert_int_equal(F.r.eligible, 1);
	assert_non_null(strstr(F.r.reason, "人均年收入扣除刚性支出后 "
	    "7200.00 < 1.5 × 农村低保标准 8100.00"));
}

/* A person alone, no income, no supporter, age a: 特困? */
static int
tekun_alone(int age, int kind, int grade, long list)
{
	struct xf_elig_person *p;

	F.h.n = 0;
	setp(XF_EP_TEKUN_LIST, list == 2016 ? "2016" : "2021", 0);
	p = add(0);
	p->age = age;
	p->dis_kind = kind;
	p->dis_grade = grade;
	p->supporter = XF_SUP_NONE;
	decide(XF_ELIG_TEKUN);
	assert_int_equal(F.r.decided, 1);
	return F.r.eligible;
}

/* 60周岁以上 includes 60; 未满16周岁 excludes 16. */
static void
decide__tekun_age_boundaries__60_and_15_yes(void **state)
{
	(void)state;
	assert_int_equal(tekun_alone(60, XF_DIS_NONE, 0, 2021), 1);
	assert_int_equal(tekun_alone(59, XF_DIS_NONE, 0, 2021), 0);
	assert_int_equal(tekun_alone(15, XF_DIS_NONE, 0, 2021), 1);
	assert_int_equal(tekun_alone(16, XF_DIS_NONE, 0, 2021), 0);
	assert_int_equal(tekun_alone(-1, XF_DIS_NONE, 0, 2021), 0);
}

/*
 * The two lists (DOMAIN E.4): 2016 智力/精神 1-2, 肢体 1; 2021 智力/精神
 * 1-3, 肢体 1-2, 视力 1.
 */
static void
decide__tekun_disability_lists__by_version(void **state)
{
	(void)state;
	assert_int_equal(tekun_alone(40, XF_DIS_LIMB, 1, 2016), 1);
	assert_int_equal(tekun_alone(40, XF_DIS_LIMB, 2, 2016), 0);
	assert_int_equal(tekun_alone(40, XF_DIS_LIMB, 2, 2021), 1);
	assert_int_equal(tekun_alone(40, XF_DIS_LIMB, 3, 2021), 0);
	assert_int_equal(tekun_alone(40, XF_DIS_INTELLECT, 2, 2016), 1);
	assert_int_equal(tekun_alone(40, XF_DIS_MENTAL, 3, 2016), 0);
	assert_int_equal(tekun_alone(40, XF_DIS_MENTAL, 3, 2021), 1);
	assert_int_equal(tekun_alone(40, XF_DIS_MENTAL, 4, 2021), 0);
	assert_int_equal(tekun_alone(40, XF_DIS_VISUAL, 1, 2016), 0);
	assert_int_equal(tekun_alone(40, XF_DIS_VISUAL, 1, 2021), 1);
	assert_int_equal(tekun_alone(40, XF_DIS_VISUAL, 2, 2021), 0);
	assert_int_equal(tekun_alone(40, XF_DIS_HEARING, 1, 2021), 0);
}

/*
 * Level: 1.3 x last year's standard per person.  Last year 650: 1.3 x
 * 650 = 845.00; two 特困 persons 1690.00.  Supporter 有 or unknown, or
 * own income equal to the standard (700), is not 特困.
 */
static void
decide__tekun_amount_and_conditions(void **state)
{
	struct xf_elig_person *p;

	(void)state;
	setp(XF_EP_DIBAO_PREV, "650", 0);
	p = add(0);
	p->age = 70;
	p->supporter = XF_SUP_UNABLE;
	p = add(69999);
	p->age = 10;
	p->supporter = XF_SUP_NONE;
	p = add(70000);
	p->age = 80;
	p->supporter = XF_SUP_NONE;
	p = add(0);
	p->age = 80;
	p->supporter = XF_SUP_HAS;
	p = add(0);
	p->age = 80;
	decide(XF_ELIG_TEKUN);
	assert_int_equal(F.r.eligible, 1);
	assert_int_equal(F.r.monthly, 169000);
	assert_non_null(strstr(F.r.reason, "特困 2 人"));
	assert_non_null(strstr(F.r.trace, "有生活来源"));
	assert_non_null(strstr(F.r.trace, "未填写"));
}

/*
 * 公租房: income limit 1500 a person a month, area 15 m2 a person,
 * employment 3 years.  3 members with 4500 and 44.99 m2: per capita 1500
 * is not below 1500; with 4499.99 it is; 45 m2 / 3 = 15 is not below
 * 15; non-local with 3 years (达到) qualifies, 2.5 does not.
 */
static void
decide__gongzufang_boundaries(void **state)
{
	(void)state;
	setp(XF_EP_GZF_INCOME, "1500", 1);
	setp(XF_EP_GZF_AREA, "15", 1);
	setp(XF_EP_GZF_YEARS, "3", 1);
	add(450000);
	add(0);
	add(0);
	F.h.has_area = 1;
	F.h.area = D("44.99");
	decide(XF_ELIG_GZF);
	assert_int_equal(F.r.eligible, 0);
	assert_non_null(strstr(F.r.reason, "1500.00 ≥"));
	F.p[0].income = 449999;
	decide(XF_ELIG_GZF);
	assert_int_equal(F.r.eligible, 1);
	F.h.area = D("45");
	decide(XF_ELIG_GZF);
	assert_int_equal(F.r.eligible, 0);
	F.h.area = D("44.99");
	F.p[1].has_emp = 1;
	F.p[1].emp_years = D("3");
	decide(XF_ELIG_GZF);
	assert_int_equal(F.r.eligible, 1);
	F.p[1].emp_years = D("2.5");
	decide(XF_ELIG_GZF);
	assert_int_equal(F.r.eligible, 0);
	F.h.par[XF_EP_GZF_INCOME].known = 0;
	decide(XF_ELIG_GZF);
	assert_int_equal(F.r.decided, 0);
}

/*
 * 临时救助: 3 months x 700 x 2 members = 4200.00 when a row has an
 * emergency cost; rural 5400/12 = 450 x 2 months x 1 = 900.00; none
 * without a cost.
 */
static void
decide__temp_aid_months_of_standard(void **state)
{
	struct xf_elig_person *p;

	(void)state;
	setp(XF_EP_TEMP_MONTHS, "3", 1);
	p = add(0);
	add(0);
	decide(XF_ELIG_TEMP);
	assert_int_equal(F.r.eligible, 0);
	p->emergency = 500000;
	decide(XF_ELIG_TEMP);
	assert_int_equal(F.r.eligible, 1);
	assert_int_equal(F.r.has_lump, 1);
	assert_int_equal(F.r.lump, 420000);
	F.h.n = 1;
	F.h.rural = 1;
	setp(XF_EP_TEMP_MONTHS, "2", 1);
	decide(XF_ELIG_TEMP);
	assert_int_equal(F.r.lump, 90000);
}

/*
 * A negative parameter (a typing error in --params) makes the decision
 * undecided, naming it, instead of a negative aid: temp_aid_months -3
 * once gave 临时救助 of -3 x 700 = -2100.00 (found by fuzz_eligible).
 * The 低保 standard negative: undecided too, not "eligible with any
 * income below -700".
 */
static void
decide__negative_parameter__undecided(void **state)
{
	struct xf_elig_person *p;

	(void)state;
	setp(XF_EP_TEMP_MONTHS, "-3", 0);
	p = add(0);
	p->emergency = 500000;
	decide(XF_ELIG_TEMP);
	assert_int_equal(F.r.decided, 0);
	assert_int_equal(F.r.eligible, 0);
	assert_int_equal(F.r.has_lump, 0);
	assert_non_null(strstr(F.r.reason, "temp_aid_months"));
	assert_non_null(strstr(F.r.reason, "-3"));
	setp(XF_EP_DIBAO_URBAN, "-700", 0);
	decide(XF_ELIG_DIBAO);
	assert_int_equal(F.r.decided, 0);
	assert_int_equal(F.r.eligible, 0);
	assert_non_null(strstr(F.r.reason, "dibao_urban"));
}

/*
 * 医疗救助 for a 低保 household, rate 0.7, no deductible, cap 5000: two
 * members with 0.05 each: 0.035 + 0.035 = 0.07 (rounded once, not
 * 0.04 + 0.04); 10000 gives 7000, capped at 5000.  A household neither
 * 低保 nor 特困 gets nothing.
 */
static void
decide__medical_rate_cap_rounded_once(void **state)
{
	struct xf_elig_person *a, *b;

	(void)state;
	setp(XF_EP_MED_RATE, "0.7", 0);
	setp(XF_EP_MED_DEDUCT, "0", 0);
	setp(XF_EP_MED_CAP, "5000", 1);
	a = add(0);
	b = add(0);
	a->medical = 5;
	b->medical = 5;
	decide(XF_ELIG_MEDICAL);
	assert_int_equal(F.r.eligible, 1);
	assert_int_equal(F.r.lump, 7);
	a->medical = 1000000;
	b->medical = 0;
	decide(XF_ELIG_MEDICAL);
	assert_int_equal(F.r.lump, 500000);
	/* deductible 1000: (3000 - 1000) x 0.7 = 1400 */
	setp(XF_EP_MED_DEDUCT, "1000", 0);
	a->medical = 300000;
	decide(XF_ELIG_MEDICAL);
	assert_int_equal(F.r.lump, 140000);
	a->income = 200000;
	decide(XF_ELIG_MEDICAL);
	assert_int_equal(F.r.decided, 1);
	assert_int_equal(F.r.eligible, 0);
}

/*
 * 医疗救助 for a 低保边缘 household (1000 a head: not 低保, below 1050):
 * only with the local rate; then its own deductible 500 and rate 0.5:
 * (3000 - 500) x 0.5 = 1250, not the 低保 figures (3000 x 0.7 = 2100).
 * The rate without the deductible leaves it undecided.
 */
static void
decide__medical_edge__local_rate_and_deductible(void **state)
{
	struct xf_elig_person *a;

	(void)state;
	setp(XF_EP_MED_RATE, "0.7", 0);
	setp(XF_EP_MED_DEDUCT, "0", 0);
	setp(XF_EP_MED_CAP, "5000", 1);
	a = add(100000);
	add(100000);
	a->medical = 300000;
	decide(XF_ELIG_MEDICAL);
	assert_int_equal(F.r.decided, 1);
	assert_int_equal(F.r.eligible, 0);
	assert_non_null(strstr(F.r.reason, "medical_aid_edge_rate"));
	setp(XF_EP_MED_EDGE_RATE, "0.5", 0);
	decide(XF_ELIG_MEDICAL);
	assert_int_equal(F.r.decided, 0);
	assert_non_null(strstr(F.r.reason, "medical_aid_edge_deductible"));
	setp(XF_EP_MED_EDGE_DEDUCT, "500", 0);
	decide(XF_ELIG_MEDICAL);
	assert_int_equal(F.r.decided, 1);
	assert_int_equal(F.r.eligible, 1);
	assert_int_equal(F.r.lump, 125000);
	assert_non_null(strstr(F.r.reason, "低保边缘家庭，救助 2 人"));
	/* 1100 a head is not 低保边缘: nothing, whatever the rate. */
	a->income = 120000;
	decide(XF_ELIG_MEDICAL);
	assert_int_equal(F.r.eligible, 0);
	assert_non_null(strstr(F.r.reason, "非低保、低保边缘家庭"));
}

/*
 * The shared outcomes (h->memo) change nothing: every programme, in the
 * order xf-eligible asks them and in the reverse order, gives the same
 * reason, trace and amounts as without the memo.  Households: 低保, one
 * 特困 member in a household that is not 低保, 低保边缘 with medical
 * aid, and undecided (no medical cap).
 */
static void
decide__with_memo__same_as_without(void **state)
{
	struct xf_elig_result want[XF_ELIG_NPROG], got;
	struct xf_elig_memo memo;
	struct xf_elig_person *p;
	int k, g, order;

	(void)state;
	setp(XF_EP_MED_RATE, "0.7", 0);
	setp(XF_EP_MED_DEDUCT, "0", 0);
	setp(XF_EP_MED_EDGE_RATE, "0.5", 0);
	setp(XF_EP_MED_EDGE_DEDUCT, "500", 0);
	setp(XF_EP_ASSETS_MONTHS, "24", 0);
	for (k = 0; k < 4; k++) {
		F.h.n = 0;
		F.h.memo = NULL;
		if (k == 3)
			F.h.par[XF_EP_MED_CAP].known = 0;
		else
			setp(XF_EP_MED_CAP, "5000", 1);
		p = add(k == 0 ? 30000 : k == 1 ? 0 : 100000);
		p->medical = 300000;
		if (k == 1) {
			/* Not 低保 (1000 a head), one 特困 member. */
			p->age = 70;
			p->supporter = XF_SUP_NONE;
			add(200000);
		} else
			add(100000);
		for (g = 0; g < XF_ELIG_NPROG; g++)
			assert_int_equal(xf_elig_decide(&F.h, g, &want[g]), 0);
		for (order = 0; order < 2; order++) {
			memset(&memo, 0, sizeof(memo));
			F.h.memo = &memo;
			for (g = 0; g < XF_ELIG_NPROG; g++) {
				int gg = order ? XF_ELIG_NPROG - 1 - g : g;

				assert_int_equal(xf_elig_decide(&F.h, gg, &got),
				    0);
				assert_int_equal(got.decided, want[gg].decided);
				assert_int_equal(got.eligible,
				    want[gg].eligible);
				assert_int_equal(got.monthly, want[gg].monthly);
				assert_int_equal(got.lump, want[gg].lump);
				assert_int_equal(got.placeholder,
				    want[gg].placeholder);
				assert_string_equal(got.reason, want[gg].reason);
				assert_string_equal(got.trace, want[gg].trace);
				xf_elig_clear(&got);
			}
			xf_elig_memo_clear(&memo);
			F.h.memo = NULL;
		}
		for (g = 0; g < XF_ELIG_NPROG; g++)
			xf_elig_clear(&want[g]);
	}
}

static void
decide__bad_programme__fails(void **state)
{
	(void)state;
	assert_int_equal(xf_elig_decide(&F.h, XF_ELIG_NPROG, &F.r), -1);
	assert_int_equal(F.r.decided, 0);
}

static void
elig_parse_status__values(void **state)
{
	int c = -1;
	const char *why = NULL;

	(void)state;
	assert_int_equal(xf_elig_parse_status(" ", 1, &c, NULL), 0);
	assert_int_equal(c, 1);
	assert_int_equal(xf_elig_parse_status("服刑", strlen("服刑"), &c,
	    NULL), 0);
	assert_int_equal(c, 0);
	assert_int_equal(xf_elig_parse_status("宣告失踪 ", strlen("宣告失踪 "),
	    &c, NULL), 0);
	assert_int_equal(c, 0);
	assert_int_equal(xf_elig_parse_status("保外就医", strlen("保外就医"),
	    &c, NULL), 0);
	assert_int_equal(c, 1);
	assert_int_equal(xf_elig_parse_status("出差", strlen("出差"), &c,
	    &why), -1);
	assert_non_null(why);
}

static void
elig_parse_disability__values(void **state)
{
	int k = -1, g = -1;
	const char *why = NULL;

	(void)state;
	assert_int_equal(xf_elig_parse_disability("", 0, &k, &g, NULL), 0);
	assert_int_equal(k, XF_DIS_NONE);
	assert_int_equal(g, 0);
	assert_int_equal(xf_elig_parse_disability("肢体一级",
	    strlen("肢体一级"), &k, &g, NULL), 0);
	assert_int_equal(k, XF_DIS_LIMB);
	assert_int_equal(g, 1);
	assert_int_equal(xf_elig_parse_disability("精神3级",
	    strlen("精神3级"), &k, &g, NULL), 0);
	assert_int_equal(k, XF_DIS_MENTAL);
	assert_int_equal(g, 3);
	assert_int_equal(xf_elig_parse_disability("视力四级",
	    strlen("视力四级"), &k, &g, NULL), 0);
	assert_int_equal(k, XF_DIS_VISUAL);
	assert_int_equal(g, 4);
	assert_int_equal(xf_elig_parse_disability("肢体五级",
	    strlen("肢体五级"), &k, &g, &why), -1);
	assert_non_null(why);
	assert_int_equal(xf_elig_parse_disability("肢体", strlen("肢体"),
	    &k, &g, NULL), -1);
	assert_int_equal(xf_elig_parse_disability("一级", strlen("一级"),
	    &k, &g, NULL), -1);
}

static void
elig_parse_hukou_supporter__values(void **state)
{
	int v = -1;

	(void)state;
	assert_int_equal(xf_elig_parse_hukou("城镇", strlen("城镇"), &v,
	    NULL), 0);
	assert_int_equal(v, 0);
	assert_int_equal(xf_elig_parse_hukou("农村", strlen("农村"), &v,
	    NULL), 0);
	assert_int_equal(v, 1);
	assert_int_equal(xf_elig_parse_hukou("", 0, &v, NULL), -1);
	assert_int_equal(xf_elig_parse_supporter("无能力", strlen("无能力"),
	    &v, NULL), 0);
	assert_int_equal(v, XF_SUP_UNABLE);
	assert_int_equal(xf_elig_parse_supporter("无", strlen("无"), &v,
	    NULL), 0);
	assert_int_equal(v, XF_SUP_NONE);
	assert_int_equal(xf_elig_parse_supporter("", 0, &v, NULL), 0);
	assert_int_equal(v, XF_SUP_UNKNOWN);
	assert_int_equal(xf_elig_parse_supporter("有的", strlen("有的"), &v,
	    NULL), -1);
}

static void
elig_prog_find__labels(void **state)
{
	(void)state;
	assert_int_equal(xf_elig_prog_find("低保", strlen("低保")),
	    XF_ELIG_DIBAO);
	assert_int_equal(xf_elig_prog_find(" 医疗救助", strlen(" 医疗救助")),
	    XF_ELIG_MEDICAL);
	assert_int_equal(xf_elig_prog_find("低保户", strlen("低保户")), -1);
	assert_string_equal(xf_elig_prog_name(XF_ELIG_EDGE), "低保边缘");
	assert_null(xf_elig_prog_name(-1));
	assert_string_equal(xf_elig_param_name(XF_EP_DIBAO_RURAL),
	    "dibao_rural");
	assert_null(xf_elig_param_name(XF_EP_DIBAO_PREV));
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(decide__dibao_third_of_fen_below__eligible),
		T(decide__dibao_equal_standard__not_eligible),
		T(decide__dibao_one_fen_below__eligible),
		T(decide__dibao_excluded_member_and_income__not_counted),
		T(decide__dibao_rural_annual__eligible),
		T(decide__dibao_rural_equal__not_eligible),
		T(decide__dibao_rural_amount__rounded_once),
		T(decide__dibao_assets_at_limit__eligible),
		T(decide__dibao_assets_without_limit__undecided),
		T(decide__dibao_no_standard__undecided),
		T(decide__dibao_no_counted_member__not_eligible),
		T(decide__edge_exactly_multiplier__strict_no_inclusive_yes),
		T(decide__edge_dibao_household__not_edge),
		T(decide__edge_equal_dibao__edge),
		T(decide__tekun_age_boundaries__60_and_15_yes),
		T(decide__tekun_disability_lists__by_version),
		T(decide__tekun_amount_and_conditions),
		T(decide__gongzufang_boundaries),
		T(decide__temp_aid_months_of_standard),
		T(decide__negative_parameter__undecided),
		T(decide__medical_rate_cap_rounded_once),
		T(decide__medical_edge__local_rate_and_deductible),
		T(decide__with_memo__same_as_without),
		T(decide__edge_rigid_cost__tested_after_deduction),
		T(decide__edge_rigid_cost_rural__annual_figures),
		T(decide__bad_programme__fails),
		T(elig_parse_status__values),
		T(elig_parse_disability__values),
		T(elig_parse_hukou_supporter__values),
		T(elig_prog_find__labels),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
