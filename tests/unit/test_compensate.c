/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/compensate.c: service length, the months of
 * 经济补偿, and every claim type through xf_compensate_run() on the
 * built-in parameter table, with the local figures DOMAIN.md could not
 * find given as columns.
 *
 * Where the expected values come from: DOMAIN.md's worked examples
 * (A.2: 7 years 4 months gives 7.5, 2 years 6 months gives 3, 4 months
 * gives 0.5, 20 years gives 20; 2019-09-16 to 2024-03-15 is 4 years 6
 * months, N = 5, and to 2024-03-14 it is 4 years 5 months 28 days, N =
 * 4.5; B.3: 2024 deaths get 20 x 51,821 = 1,036,420 yuan), the issue's
 * example component "经济补偿=7.5×6200.00=46500.00", and where DOMAIN.md
 * gives none, amounts worked by hand in the comment above each test
 * (checked with python3's fractions module as a calculator).
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compensate.h"
#include "date.h"
#include "money.h"
#include "params.h"

struct fx {
	struct xf_params *p;
	struct xf_compensator *x;
	struct xf_claim c;
	struct xf_award a;
	char		 spec[2048];
};

static int
setup(void **state)
{
	struct fx *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return -1;
	f->p = xf_params_new();
	if (xf_params_defaults(f->p) != 0)
		return -1;
	f->x = xf_compensate_new(f->p, NULL);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	xf_compensate_free(f->x);
	xf_params_free(f->p);
	free(f);
	return 0;
}

/*
 * Run a claim written "name=value|name=value|...": field names go to
 * their field, parameter names to the overrides.  Returns what
 * xf_compensate_run returns.
 */
static int
run(struct fx *f, const char *spec)
{
	char *p, *item, *eq;
	int i, fld;

	memset(&f->c, 0, sizeof(f->c));
	snprintf(f->spec, sizeof(f->spec), "%s", spec);
	for (p = f->spec; p != NULL; p = item) {
		item = strchr(p, '|');
		if (item != NULL)
			*item++ = '\0';
		eq = strchr(p, '=');
		assert_non_null(eq);
		*eq = '\0';
		fld = -1;
		for (i = 0; xf_compensate_field(i) != NULL; i++)
			if (strcmp(xf_compensate_field(i), p) == 0)
				fld = i;
		if (fld >= 0) {
			f->c.val[fld] = eq + 1;
			f->c.len[fld] = strlen(eq + 1);
			continue;
		}
		i = xf_compensate_param_index(p);
		assert_true(i >= 0);
		f->c.over[f->c.nover].param = i;
		f->c.over[f->c.nover].val = eq + 1;
		f->c.over[f->c.nover].len = strlen(eq + 1);
		f->c.nover++;
	}
	return xf_compensate_run(f->x, &f->c, &f->a);
}

/* Labour columns the local figures need (not found in DOMAIN.md). */
#define LOCAL	"avg_monthly_wage=6000|min_wage=1880|"

static void
service__domain_example_4y6m__54_months(void **state)
{
	struct xf_date s = { 2019, 9, 16 }, e = { 2024, 3, 15 };
	long m, d;

	(void)state;
	assert_int_equal(xf_compensate_service(&s, &e, &m, &d), 0);
	assert_int_equal(m, 54);
	assert_int_equal(d, 0);
	assert_int_equal(xf_compensate_halves(m, d), 10);
}

static void
service__domain_example_one_day_short__53_months_28_days(void **state)
{
	struct xf_date s = { 2019, 9, 16 }, e = { 2024, 3, 14 };
	long m, d;

	(void)state;
	assert_int_equal(xf_compensate_service(&s, &e, &m, &d), 0);
	assert_int_equal(m, 53);
	assert_int_equal(d, 28);	/* 2024-02-16 .. 2024-03-14 */
	assert_int_equal(xf_compensate_halves(m, d), 9);
}

/*
 * 2024-01-31 + 1 month is 2024-02-29 (民法典 第202条 clamp), so service
 * from 2024-01-31 to 2024-02-28 inclusive is one whole month.
 */
static void
service__month_end_start__clamped_month(void **state)
{
	struct xf_date s = { 2024, 1, 31 }, e = { 2024, 2, 28 }, e2 = { 2024,
	    2, 27 };
	long m, d;

	(void)state;
	assert_int_equal(xf_compensate_service(&s, &e, &m, &d), 0);
	assert_int_equal(m, 1);
	assert_int_equal(d, 0);
	assert_int_equal(xf_compensate_service(&s, &e2, &m, &d), 0);
	assert_int_equal(m, 0);
	assert_int_equal(d, 28);	/* 01-31 .. 02-27: 28 days */
}

static void
service__single_day__zero_months_one_day(void **state)
{
	struct xf_date s = { 2024, 5, 6 };
	long m, d;

	(void)state;
	assert_int_equal(xf_compensate_service(&s, &s, &m, &d), 0);
	assert_int_equal(m, 0);
	assert_int_equal(d, 1);
	assert_int_equal(xf_compensate_halves(m, d), 1);
}

static void
service__end_before_start__fails(void **state)
{
	struct xf_date s = { 2024, 5, 6 }, e = { 2024, 5, 5 };
	long m = -7, d = -7;

	(void)state;
	assert_int_equal(xf_compensate_service(&s, &e, &m, &d), -1);
}

static void
halves__domain_examples__as_domain_says(void **state)
{
	(void)state;
	assert_int_equal(xf_compensate_halves(7 * 12 + 4, 0), 15);
	assert_int_equal(xf_compensate_halves(2 * 12 + 6, 0), 6);
	assert_int_equal(xf_compensate_halves(4, 0), 1);
	assert_int_equal(xf_compensate_halves(20 * 12, 0), 40);
	assert_int_equal(xf_compensate_halves(0, 0), 0);
	/* 5 months 30 days is still under six months: half a month. */
	assert_int_equal(xf_compensate_halves(5, 30), 1);
	assert_int_equal(xf_compensate_halves(12, 1), 3);
}

/* The issue's example: 7 years 4 months at 6200.00 gives 46500.00. */
static void
run__severance_issue_example__46500(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, LOCAL "type=severance|date=2024-06-30|"
	    "avg_wage=6200|service_months=88"), 0);
	assert_int_equal(f->a.amount, 4650000);
	assert_false(f->a.has_monthly);
	assert_string_equal(f->a.components, "经济补偿=7.5×6200.00=46500.00");
	assert_non_null(strstr(f->a.basis, "劳动合同法 第46条、第47条"));
	assert_non_null(strstr(f->a.basis, "avg_monthly_wage=6000.00（列 "
	    "avg_monthly_wage）"));
	assert_string_equal(f->a.warnings, "");
}

/*
 * DOMAIN A.2 service convention through dates: the date column may be
 * empty (service_end fixes the parameters).  5 x 6200 = 31000;
 * 4.5 x 6200 = 27900.
 */
static void
run__severance_service_dates__domain_convention(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, LOCAL "type=severance|avg_wage=6200|"
	    "service_start=2019-09-16|service_end=2024-03-15"), 0);
	assert_int_equal(f->a.amount, 3100000);
	assert_int_equal(run(f, LOCAL "type=severance|avg_wage=6200|"
	    "service_start=2019-09-16|service_end=2024-03-14"), 0);
	assert_int_equal(f->a.amount, 2790000);
}

/*
 * DOMAIN 0.1: 100000.00 over 12 months is 8333.333...; exact, 7.5 x
 * 100000/12 = 62500.00.  Pre-rounding the average to 8333.33 would give
 * 7.5 x 8333.33 = 62499.975 -> 62499.98: the test must see 62500.00.
 */
static void
run__severance_average_not_prerounded__62500(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, LOCAL "type=severance|date=2024-06-30|"
	    "wage_total=100000|wage_months=12|service_months=88"), 0);
	assert_int_equal(f->a.amount, 6250000);
	assert_string_equal(f->a.components,
	    "经济补偿=7.5×100000.00/12=62500.00");
}

/*
 * 高于三倍 is strict (DOMAIN 0.2): exactly 3 x 6000 = 18000.00 with 20
 * years keeps N = 20: 20 x 18000 = 360000.00.  One fen more is capped:
 * W = 18000, N = 12: 216000.00.
 */
static void
run__severance_exactly_three_times__not_capped(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, LOCAL "type=severance|date=2024-06-30|"
	    "avg_wage=18000.00|service_months=240"), 0);
	assert_int_equal(f->a.amount, 36000000);
	assert_string_equal(f->a.warnings, "");
	assert_int_equal(run(f, LOCAL "type=severance|date=2024-06-30|"
	    "avg_wage=18000.01|service_months=240"), 0);
	assert_int_equal(f->a.amount, 21600000);
	assert_string_equal(f->a.components,
	    "经济补偿=12×3×6000.00=216000.00");
	assert_non_null(strstr(f->a.warnings, "第47条第二款"));
}

/* An ordinary worker with 20 years gets N = 20 (DOMAIN A.2). */
static void
run__severance_ordinary_20_years__n_20(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, LOCAL "type=severance|date=2024-06-30|"
	    "avg_wage=5000|service_months=240"), 0);
	assert_int_equal(f->a.amount, 10000000);	/* 20 x 5000 */
}

/*
 * Minimum-wage floor: 1000 < 1880, so W = 1880; 4 months is N = 0.5:
 * 940.00.  Exactly 1880.00 is not below: no warning.
 */
static void
run__severance_below_min_wage__floor(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, LOCAL "type=severance|date=2024-06-30|"
	    "avg_wage=1000|service_months=4"), 0);
	assert_int_equal(f->a.amount, 94000);
	assert_string_equal(f->a.components, "经济补偿=0.5×1880.00=940.00");
	assert_non_null(strstr(f->a.warnings, "实施条例 第27条"));
	assert_int_equal(run(f, LOCAL "type=severance|date=2024-06-30|"
	    "avg_wage=1880|service_months=4"), 0);
	assert_string_equal(f->a.warnings, "");
}

/* 代通知金 is the previous month's wage: 27900 + 6500 = 34400.00. */
static void
run__severance_notice_pay__adds_last_month(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, LOCAL "type=severance|avg_wage=6200|"
	    "service_start=2019-09-16|service_end=2024-03-14|notice_pay=1|"
	    "last_month_wage=6500"), 0);
	assert_int_equal(f->a.amount, 3440000);
	assert_string_equal(f->a.components,
	    "经济补偿=4.5×6200.00=27900.00;代通知金=6500.00");
	assert_int_equal(run(f, LOCAL "type=severance|avg_wage=6200|"
	    "service_months=3|notice_pay=1|date=2024-01-01"), -1);
	assert_non_null(strstr(f->a.error, "last_month_wage"));
}

/* 赔偿金 = 2 x EC, instead of it: 2 x 7.5 x 6200 = 93000.00. */
static void
run__unlawful__twice_ec(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, LOCAL "type=unlawful|date=2024-06-30|"
	    "avg_wage=6200|service_months=88"), 0);
	assert_int_equal(f->a.amount, 9300000);
	assert_string_equal(f->a.components, "赔偿金=2×7.5×6200.00=93000.00");
	assert_int_equal(run(f, LOCAL "type=unlawful|date=2024-06-30|"
	    "avg_wage=6200|service_months=88|notice_pay=1|"
	    "last_month_wage=6000"), -1);
}

/*
 * Pre-2008 service (DOMAIN A.7).  2005-03-01 to 2010-08-31: continuous,
 * 5 years 6 months -> N = 6, 6 x 5000 = 30000.00 with a warning.  Split:
 * before 2008 2 years 10 months -> 3 (481号: a part year is a year);
 * from 2008 2 years 8 months -> 3: 3 x 5000 + 3 x 5000 = 30000.00, in
 * two components.
 */
static void
run__severance_pre2008__continuous_warns_split_splits(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, LOCAL "type=severance|avg_wage=5000|"
	    "service_start=2005-03-01|service_end=2010-08-31"), 0);
	assert_int_equal(f->a.amount, 3000000);
	assert_non_null(strstr(f->a.warnings, "§A.7"));
	assert_int_equal(run(f, LOCAL "type=severance|avg_wage=5000|"
	    "service_start=2005-03-01|service_end=2010-08-31|pre2008=split"),
	    0);
	assert_int_equal(f->a.amount, 3000000);
	assert_string_equal(f->a.components,
	    "经济补偿(2008年前)=3×5000.00=15000.00;"
	    "经济补偿(2008年起)=3×5000.00=15000.00");
}

/* A placeholder without a value rejects the claim, naming it. */
static void
run__placeholder_without_value__rejected_with_how(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, "min_wage=1880|type=severance|"
	    "date=2024-06-30|avg_wage=6200|service_months=88"), -1);
	assert_non_null(strstr(f->a.error, "'avg_monthly_wage'"));
	assert_non_null(strstr(f->a.error, "placeholder"));
	assert_non_null(strstr(f->a.error, "add a column 'avg_monthly_wage' "
	    "or a --params row"));
}

/* 二倍工资: at most 11 months; 14 asked gives 11 x 5000 = 55000.00. */
static void
run__no_contract_months__capped_at_11(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, "type=no-contract|date=2024-06-30|"
	    "monthly_wage=5000|months=14"), 0);
	assert_int_equal(f->a.amount, 5500000);
	assert_string_equal(f->a.components, "二倍工资差额=11×5000.00=55000.00");
	assert_int_equal(run(f, "type=no-contract|date=2024-06-30|"
	    "monthly_wage=5000|months=11"), 0);
	assert_int_equal(f->a.amount, 5500000);
}

/*
 * From dates: work from 2024-01-15, no contract as of 2025-06-30.  The
 * double wage runs 2024-02-15 .. 2025-01-14 (the day before the first
 * anniversary): 11 months, 11 x 4000 = 44000.00.  Signed 2024-05-20:
 * 2024-02-15 .. 2024-05-19 is 3 months 5 days: 3 x 4000 = 12000.00.
 * Signed within the first month: nothing.
 */
static void
run__no_contract_dates__derives_months(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, "type=no-contract|date=2025-06-30|"
	    "monthly_wage=4000|work_start=2024-01-15"), 0);
	assert_int_equal(f->a.amount, 4400000);
	assert_int_equal(run(f, "type=no-contract|monthly_wage=4000|"
	    "work_start=2024-01-15|contract_signed=2024-05-20"), 0);
	assert_int_equal(f->a.amount, 1200000);
	assert_non_null(strstr(f->a.warnings, "5天"));
	assert_int_equal(run(f, "type=no-contract|monthly_wage=4000|"
	    "work_start=2024-01-15|contract_signed=2024-02-14"), 0);
	assert_int_equal(f->a.amount, 0);
}

/*
 * 加付赔偿金, 50%以上100%以下 both included: 10000 + 0.5 x 10000 =
 * 15000.00; + 1.0 x 10000 = 20000.00; 0.49 and 1.01 are rejected; no
 * rate: just the amount due.
 */
static void
run__arrears_rate_bounds__inclusive(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, "type=arrears|date=2024-06-30|"
	    "amount_due=10000|rate=0.5"), 0);
	assert_int_equal(f->a.amount, 1500000);
	assert_int_equal(run(f, "type=arrears|date=2024-06-30|"
	    "amount_due=10000|rate=100%"), 0);
	assert_int_equal(f->a.amount, 2000000);
	assert_int_equal(run(f, "type=arrears|date=2024-06-30|"
	    "amount_due=10000|rate=0.49"), -1);
	assert_non_null(strstr(f->a.error, "rate"));
	assert_int_equal(run(f, "type=arrears|date=2024-06-30|"
	    "amount_due=10000|rate=1.01"), -1);
	assert_int_equal(run(f, "type=arrears|amount_due=1,234.56"), 0);
	assert_int_equal(f->a.amount, 123456);
}

/*
 * Work injury, grade 5, cannot be given work: AVG 5000, contribution
 * 2500 is below 60% (3000), so W_own = 3000.  一次性伤残补助金 18 x 3000
 * = 54000.00; 伤残津贴 0.7 x 3000 = 2100 < min wage 2200, topped up to
 * 2200.00; 护理费 (partly) 0.3 x 5000 = 1500.00; monthly 3700.00.
 */
static void
run__injury_grade5_floor_and_nursing(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, "injury_avg_monthly_wage=5000|min_wage=2200|"
	    "type=injury|date=2024-06-30|grade=5|contribution_wage=2500|"
	    "no_work=1|care_level=1"), 0);
	assert_int_equal(f->a.amount, 5400000);
	assert_true(f->a.has_monthly);
	assert_int_equal(f->a.monthly, 370000);
	assert_string_equal(f->a.components,
	    "一次性伤残补助金=18×0.6×5000.00=54000.00;伤残津贴=2200.00;"
	    "生活护理费=0.3×5000.00=1500.00");
}

/*
 * 300% clamp, strict: contribution 15000.00 with AVG 5000 stays 15000
 * (exactly 300%); grade 1: 27 x 15000 = 405000.00, 伤残津贴 0.9 x 15000
 * = 13500.00.  15000.01 is clamped to 15000: same amounts, a warning.
 */
static void
run__injury_exactly_300_percent__not_clamped(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, "avg_monthly_wage=5000|min_wage=2200|"
	    "type=injury|date=2024-06-30|grade=1|contribution_wage=15000"), 0);
	assert_int_equal(f->a.amount, 40500000);
	assert_int_equal(f->a.monthly, 1350000);
	assert_string_equal(f->a.warnings, "");
	assert_int_equal(run(f, "avg_monthly_wage=5000|min_wage=2200|"
	    "type=injury|date=2024-06-30|grade=1|contribution_wage=15000.01"),
	    0);
	assert_int_equal(f->a.amount, 40500000);
	assert_non_null(strstr(f->a.warnings, "300%"));
}

/*
 * Grade 8 leaving, subsidies not configured: 11 x 4000 = 44000.00 and
 * a warning for each subsidy, never a 0 that looks like law.  Given as
 * columns: 44000 + 20000 + 15000 = 79000.00.  Grade 11 and grade 2
 * leaving are rejected.
 */
static void
run__injury_leave_subsidies__warn_when_unknown(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, "avg_monthly_wage=5000|type=injury|"
	    "date=2024-06-30|grade=8|contribution_wage=4000|leave=1"), 0);
	assert_int_equal(f->a.amount, 4400000);
	assert_false(f->a.has_monthly);
	assert_non_null(strstr(f->a.warnings, "一次性工伤医疗补助金未计入"));
	assert_non_null(strstr(f->a.warnings, "一次性伤残就业补助金未计入"));
	assert_null(strstr(f->a.components, "补助金=0"));
	assert_int_equal(run(f, "avg_monthly_wage=5000|type=injury|"
	    "date=2024-06-30|grade=8|contribution_wage=4000|leave=1|"
	    "medical_subsidy=20000|employment_subsidy=15000"), 0);
	assert_int_equal(f->a.amount, 7900000);
	assert_int_equal(run(f, "avg_monthly_wage=5000|type=injury|"
	    "date=2024-06-30|grade=11|contribution_wage=4000"), -1);
	assert_non_null(strstr(f->a.error, "grade"));
	assert_int_equal(run(f, "avg_monthly_wage=5000|type=injury|"
	    "date=2024-06-30|grade=2|contribution_wage=4000|leave=1"), -1);
}

/*
 * Death in 2024 (DOMAIN B.3): 一次性工亡补助金 20 x 51821 = 1036420.00;
 * 丧葬补助金 6 x 6000 = 36000.00; amount 1072420.00.  Dependants 配偶,
 * 子女, 父母+孤寡: 0.4 + 0.3 + 0.4 = 1.1 > 1, cut pro rata on W_own
 * 7000: 0.4/1.1 x 7000 = 2545.4545... -> 2545.45, 0.3/1.1 x 7000 =
 * 1909.0909... -> 1909.09; the monthly total is exactly 7000.00, while
 * the rounded shares add to 6999.99 (a warning says so).
 */
static void
run__death_2024_domain_figure_and_pro_rata(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, "injury_avg_monthly_wage=6000|type=death|"
	    "date=2024-06-01|contribution_wage=7000|"
	    "dependants=配偶;子女;父母+孤寡"), 0);
	assert_int_equal(f->a.amount, 107242000);
	assert_int_equal(f->a.monthly, 700000);
	assert_non_null(strstr(f->a.components,
	    "一次性工亡补助金=20×51821.00=1036420.00"));
	assert_non_null(strstr(f->a.components,
	    "抚恤金(配偶)=0.4/1.1×7000.00=2545.45"));
	assert_non_null(strstr(f->a.components,
	    "抚恤金(子女)=0.3/1.1×7000.00=1909.09"));
	assert_non_null(strstr(f->a.warnings, "6999.99"));
	/* 2025: 20 x 54188 = 1083760.00, + 36000. */
	assert_int_equal(run(f, "injury_avg_monthly_wage=6000|type=death|"
	    "date=2025-03-01"), 0);
	assert_int_equal(f->a.amount, 111976000);
	assert_false(f->a.has_monthly);
}

/*
 * Total exactly equal to the wage is not over it (不应高于): 配偶 +
 * 2 x 子女 = 0.4 + 0.6 = 1.0: no cut, 2800 + 2100 + 2100 = 7000.00.
 */
static void
run__death_total_equal_wage__no_cut(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, "injury_avg_monthly_wage=6000|type=death|"
	    "date=2024-06-01|contribution_wage=7000|after_leave=1|"
	    "dependants=配偶;子女;子女"), 0);
	assert_int_equal(f->a.amount, 3600000);	/* funeral only */
	assert_int_equal(f->a.monthly, 700000);
	assert_string_equal(f->a.components, "丧葬补助金=6×6000.00=36000.00;"
	    "抚恤金(配偶)=0.4×7000.00=2800.00;抚恤金(子女)=0.3×7000.00=2100.00;"
	    "抚恤金(子女)=0.3×7000.00=2100.00");
}

/*
 * Old multiples: 10 mu, 1000.00 a mu, land x10 = 100000.00.  0.2 mu a
 * person: 50 persons x 1000 x 6 = 300000 > 15 x 1000 x 10 = 150000:
 * capped, total 250000.00.  0.4 mu a person: 25 x 1000 x 6 = 150000 =
 * the cap exactly: not cut (最高不得超过 allows it).  Approved 30x:
 * resettlement may be 300000, but land + resettlement <= 30 x 1000 x 10
 * = 300000, so resettlement is 200000: total 300000.00.
 */
static void
run__land_multiples_caps(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, "type=land|method=multiples|date=2015-05-01|"
	    "area_mu=10|annual_output_mu=1000|land_multiple=10|"
	    "resettle_multiple=6|mu_per_person=0.2"), 0);
	assert_int_equal(f->a.amount, 25000000);
	assert_non_null(strstr(f->a.warnings, "15倍"));
	assert_int_equal(run(f, "type=land|method=multiples|date=2015-05-01|"
	    "area_mu=10|annual_output_mu=1000|land_multiple=10|"
	    "resettle_multiple=6|mu_per_person=0.4"), 0);
	assert_int_equal(f->a.amount, 25000000);
	assert_string_equal(f->a.warnings, "");
	assert_int_equal(run(f, "type=land|method=multiples|date=2015-05-01|"
	    "area_mu=10|annual_output_mu=1000|land_multiple=10|"
	    "resettle_multiple=6|mu_per_person=0.2|approved_multiple=30"), 0);
	assert_int_equal(f->a.amount, 30000000);
	/* Multiples after 2020 and a multiple out of range are refused. */
	assert_int_equal(run(f, "type=land|method=multiples|date=2021-05-01|"
	    "area_mu=10|annual_output_mu=1000|land_multiple=10|"
	    "resettle_multiple=6|mu_per_person=0.2"), -1);
	assert_int_equal(run(f, "type=land|method=multiples|date=2015-05-01|"
	    "area_mu=10|annual_output_mu=1000|land_multiple=11|"
	    "resettle_multiple=6|mu_per_person=0.2"), -1);
}

/*
 * Zone price: 2 ha = 30 mu x 50000.00 = 1500000.00; share 0.4: land
 * 600000.00, resettlement 900000.00; crops 800 x 30 = 24000.00.
 * Without a share: one component and a warning.  Without a price: the
 * placeholder rejects.
 */
static void
run__land_zone_price(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, "type=land|method=zone|date=2024-05-01|"
	    "area_ha=2|zone_price=5万|land_share=40%|crops_per_mu=800"), 0);
	assert_int_equal(f->a.amount, 152400000);
	assert_string_equal(f->a.components,
	    "土地补偿费=0.4×30×50000.00=600000.00;"
	    "安置补助费=0.6×30×50000.00=900000.00;"
	    "青苗补偿费=800.00×30=24000.00");
	assert_int_equal(run(f, "type=land|method=zone|date=2024-05-01|"
	    "area_mu=30|zone_price=50000"), 0);
	assert_int_equal(f->a.amount, 150000000);
	assert_non_null(strstr(f->a.warnings, "分配比例未配置"));
	assert_int_equal(run(f, "type=land|method=zone|date=2024-05-01|"
	    "area_mu=30"), -1);
	assert_non_null(strstr(f->a.error, "land_zone_price"));
}

/*
 * House, cash: 100 m2 x 8000.00 = 800000.00; one move at 10.00/m2 =
 * 1000.00; 30 months of temporary housing at 20.00/m2 with 24 agreed:
 * 100 x 20 x 24 = 48000.00 and 2 x 100 x 20 x 6 = 24000.00; total
 * 873000.00.  Exactly 24 months: no overrun, 48000.00.
 */
static void
run__house_overrun__double_fee(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, "type=house|method=cash|date=2024-05-01|"
	    "area_m2=100|price_m2=8000|move_fee_m2=10|temp_months=30|"
	    "temp_fee_m2_month=20|agreed_months=24"), 0);
	assert_int_equal(f->a.amount, 87300000);
	assert_non_null(strstr(f->a.components,
	    "临时安置费(逾期)=2×100×20.00×6=24000.00"));
	assert_int_equal(run(f, "type=house|method=cash|date=2024-05-01|"
	    "area_m2=100|price_m2=8000|move_fee_m2=10|temp_months=24|"
	    "temp_fee_m2_month=20|agreed_months=24"), 0);
	assert_int_equal(f->a.amount, 84900000);
}

/*
 * House, swap: 80 m2 x 6000 = 480000.00; new flat 90 m2 x 6500 =
 * 585000.00, owed by the owner; two moves at 12.00: 1920.00; total
 * 480000 - 585000 + 1920 = -103080.00 (the owner pays).
 */
static void
run__house_swap__negative_when_owner_pays(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, "type=house|method=swap|date=2024-05-01|"
	    "area_m2=80|price_m2=6000|new_area_m2=90|new_price_m2=6500|"
	    "move_fee_m2=12"), 0);
	assert_int_equal(f->a.amount, -10308000);
	assert_non_null(strstr(f->a.components,
	    "产权调换房屋价值=-90×6500.00=-585000.00"));
}

static void
run__bad_claims__rejected_with_reason(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, "type=pension|date=2024-01-01"), -1);
	assert_non_null(strstr(f->a.error, "unknown type 'pension'"));
	assert_int_equal(run(f, "type=|date=2024-01-01"), -1);
	assert_string_equal(f->a.error, "no type");
	assert_int_equal(run(f, LOCAL "type=severance|date=2024-13-01|"
	    "avg_wage=1|service_months=1"), -1);
	assert_non_null(strstr(f->a.error, "date:"));
	assert_int_equal(run(f, LOCAL "type=severance|date=2024-01-01|"
	    "avg_wage=abc|service_months=1"), -1);
	assert_non_null(strstr(f->a.error, "avg_wage: not a number 'abc'"));
	assert_int_equal(run(f, LOCAL "type=severance|date=2024-01-01|"
	    "avg_wage=6000|wage_total=72000|wage_months=12|"
	    "service_months=1"), -1);
	assert_int_equal(run(f, LOCAL "type=severance|service_months=12|"
	    "avg_wage=6000"), -1);
	assert_non_null(strstr(f->a.error, "no date"));
	assert_int_equal(run(f, "type=house|method=cash|date=2024-05-01|"
	    "area_m2=100|price_m2=8000"), -1);
	assert_non_null(strstr(f->a.error, "house_move_fee_m2"));
}

/* The parameter names a column may override. */
static void
param_index__known_and_unknown(void **state)
{
	(void)state;
	assert_int_equal(xf_compensate_param_index("no_such_param"), -1);
	assert_true(xf_compensate_param_index("min_wage") >= 0);
	assert_string_equal(xf_compensate_param(
	    xf_compensate_param_index("national_urban_income")),
	    "national_urban_income");
	assert_null(xf_compensate_param(-1));
	assert_null(xf_compensate_field(XF_CL_NFIELDS));
	assert_string_equal(xf_compensate_field(XF_CL_AVG_WAGE), "avg_wage");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(service__domain_example_4y6m__54_months),
		cmocka_unit_test(
		    service__domain_example_one_day_short__53_months_28_days),
		cmocka_unit_test(service__month_end_start__clamped_month),
		cmocka_unit_test(service__single_day__zero_months_one_day),
		cmocka_unit_test(service__end_before_start__fails),
		cmocka_unit_test(halves__domain_examples__as_domain_says),
		cmocka_unit_test(param_index__known_and_unknown),
		cmocka_unit_test_setup_teardown(
		    run__severance_issue_example__46500, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    run__severance_service_dates__domain_convention, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    run__severance_average_not_prerounded__62500, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    run__severance_exactly_three_times__not_capped, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    run__severance_ordinary_20_years__n_20, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    run__severance_below_min_wage__floor, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    run__severance_notice_pay__adds_last_month, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(run__unlawful__twice_ec, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    run__severance_pre2008__continuous_warns_split_splits,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    run__placeholder_without_value__rejected_with_how, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    run__no_contract_months__capped_at_11, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    run__no_contract_dates__derives_months, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    run__arrears_rate_bounds__inclusive, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    run__injury_grade5_floor_and_nursing, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    run__injury_exactly_300_percent__not_clamped, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    run__injury_leave_subsidies__warn_when_unknown, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    run__death_2024_domain_figure_and_pro_rata, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    run__death_total_equal_wage__no_cut, setup, teardown),
		cmocka_unit_test_setup_teardown(run__land_multiples_caps, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(run__land_zone_price, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(run__house_overrun__double_fee,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    run__house_swap__negative_when_owner_pays, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    run__bad_claims__rejected_with_reason, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
