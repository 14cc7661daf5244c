/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/deadline.c: step lengths from the parameter table,
 * due dates under 民法典 第201-203条, today in 中国标准时间, and the
 * status of a case.
 *
 * How the expected values were found (never from this code):
 *   - calendar-day sums with python3 datetime and GNU date -d (e.g.
 *     date -d '2025-08-02 +60 days' gives 2025-10-01), weekdays with
 *     python3 strftime('%a');
 *   - rest days, make-up working days and working-day counts by hand from
 *     the 2024 and 2025 State Council notices in lib/data/holidays.csv
 *     (DOMAIN.md section G lists 2025), cross-checked with a ten-line
 *     python3 counter that reads that CSV;
 *   - today: TZ=Asia/Shanghai date -d @SECONDS +%F.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "deadline.h"
#include "params.h"

/* Fixture: the built-in parameters and calendar. */
struct fx {
	struct xf_params	*params;
	struct xf_calendar	*cal;
	struct xf_dl_config	 cfg;
};

static int
setup(void **state)
{
	struct fx *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return -1;
	f->params = xf_params_new();
	if (xf_params_defaults(f->params) == -1)
		return -1;
	if ((f->cal = xf_calendar_defaults()) == NULL)
		return -1;
	f->cfg.params = f->params;
	f->cfg.region = NULL;
	f->cfg.cal = f->cal;
	f->cfg.roll = 0;
	f->cfg.soon = 7;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	xf_calendar_free(f->cal);
	xf_params_free(f->params);
	free(f);
	return 0;
}

static struct xf_date
D(const char *s)
{
	struct xf_date d;

	if (xf_date_parse(s, strlen(s), &d, NULL, NULL) == -1)
		fail_msg("bad date in test: %s", s);
	return d;
}

static const char *
iso(const struct xf_date *d)
{
	static char buf[4][XF_DATE_STRLEN];
	static int i;

	i = (i + 1) % 4;
	return xf_date_format(d, buf[i]);
}

/* A case from a list of event, date pairs ending with -1. */
static struct xf_dl_case
mkcase(long extended, ...)
{
	struct xf_dl_case c;
	va_list ap;
	int e;

	memset(&c, 0, sizeof(c));
	c.extended = extended;
	va_start(ap, extended);
	while ((e = va_arg(ap, int)) != -1) {
		c.date[e] = D(va_arg(ap, const char *));
		c.has[e] = 1;
	}
	va_end(ap);
	return c;
}

/* Evaluate c on asof, expecting success. */
static struct xf_dl_result
eval_ok(struct fx *f, const char *asof, const struct xf_dl_case *c)
{
	struct xf_dl_result res;
	char why[512];

	f->cfg.asof = D(asof);
	why[0] = '\0';
	if (xf_deadline_eval(&f->cfg, c, &res, why, sizeof(why)) != 0)
		fail_msg("rejected: %s", why);
	return res;
}

/* Evaluate c on asof, expecting rejection; returns the reason. */
static const char *
eval_bad(struct fx *f, const char *asof, const struct xf_dl_case *c)
{
	static char why[512];
	struct xf_dl_result res;

	f->cfg.asof = D(asof);
	assert_int_equal(xf_deadline_eval(&f->cfg, c, &res, why,
	    sizeof(why)), -1);
	return why;
}

static void
unit__known_names__read(void **state)
{
	enum xf_dl_unit u;

	(void)state;
	assert_int_equal(xf_deadline_unit("日", &u), 0);
	assert_int_equal(u, XF_DL_DAYS);
	assert_int_equal(xf_deadline_unit("天", &u), 0);
	assert_int_equal(u, XF_DL_DAYS);
	assert_int_equal(xf_deadline_unit("自然日", &u), 0);
	assert_int_equal(u, XF_DL_DAYS);
	assert_int_equal(xf_deadline_unit("工作日", &u), 0);
	assert_int_equal(u, XF_DL_WORKDAYS);
	assert_int_equal(xf_deadline_unit(" 月 ", &u), 0);
	assert_int_equal(u, XF_DL_MONTHS);
	assert_int_equal(xf_deadline_unit("个月", &u), 0);
	assert_int_equal(u, XF_DL_MONTHS);
}

static void
unit__other_text__rejected(void **state)
{
	enum xf_dl_unit u = XF_DL_MONTHS;

	(void)state;
	assert_int_equal(xf_deadline_unit("", &u), -1);
	assert_int_equal(xf_deadline_unit("days", &u), -1);
	assert_int_equal(xf_deadline_unit("小时", &u), -1);
	assert_int_equal(xf_deadline_unit("日日", &u), -1);
	assert_int_equal(xf_deadline_unit("工作", &u), -1);
	assert_int_equal(u, XF_DL_MONTHS);
	assert_string_equal(xf_deadline_unit_name(XF_DL_WORKDAYS), "工作日");
}

static void
len__builtin_rows__15_and_60_days(void **state)
{
	struct fx *f = *state;
	struct xf_dl_len len;
	struct xf_date on = D("2025-06-01");
	const char *why = NULL;

	assert_int_equal(xf_deadline_len(xf_params_get(f->params,
	    "petition_accept_days", NULL, &on), &len, &why), 0);
	assert_int_equal(len.n, 15);
	assert_int_equal(len.unit, XF_DL_DAYS);
	assert_int_equal(xf_deadline_len(xf_params_get(f->params,
	    "petition_handle_days", NULL, &on), &len, &why), 0);
	assert_int_equal(len.n, 60);
	assert_int_equal(xf_deadline_len(xf_params_get(f->params,
	    "petition_extend_max_days", NULL, &on), &len, &why), 0);
	assert_int_equal(len.n, 30);
}

static void
len__bad_rows__reason(void **state)
{
	static const char table[] =
	    "name,region,value,unit,effective_from,effective_to,source\n"
	    "a,全国,1.5,日,2025-01-01,,s\n"
	    "b,全国,-1,日,2025-01-01,,s\n"
	    "c,全国,36501,日,2025-01-01,,s\n"
	    "d,全国,15,小时,2025-01-01,,s\n"
	    "e,全国,,日,2025-01-01,,placeholder: unknown\n"
	    "f,全国,36500,工作日,2025-01-01,,s\n";
	struct xf_params *p = xf_params_new();
	struct xf_date on = D("2025-06-01");
	struct xf_dl_len len = { 7, XF_DL_DAYS };
	const char *why = NULL;

	(void)state;
	assert_int_equal(xf_params_load_mem(p, table, sizeof(table) - 1,
	    "t"), 0);
	assert_int_equal(xf_deadline_len(xf_params_get(p, "a", NULL, &on),
	    &len, &why), -1);
	assert_string_equal(why, "not a whole number");
	assert_int_equal(xf_deadline_len(xf_params_get(p, "b", NULL, &on),
	    &len, &why), -1);
	assert_string_equal(why, "out of range 0 to 36500");
	assert_int_equal(xf_deadline_len(xf_params_get(p, "c", NULL, &on),
	    &len, &why), -1);
	assert_string_equal(why, "out of range 0 to 36500");
	assert_int_equal(xf_deadline_len(xf_params_get(p, "d", NULL, &on),
	    &len, &why), -1);
	assert_string_equal(why, "unit is not 日, 工作日 or 月");
	assert_int_equal(xf_deadline_len(xf_params_get(p, "e", NULL, &on),
	    &len, &why), -1);
	assert_string_equal(why, "no value");
	assert_int_equal(len.n, 7);
	assert_int_equal(xf_deadline_len(xf_params_get(p, "f", NULL, &on),
	    &len, &why), 0);
	assert_int_equal(len.n, 36500);
	assert_int_equal(len.unit, XF_DL_WORKDAYS);
	xf_params_free(p);
}

/* due(start, n, unit, roll) with the built-in calendar, as a string. */
static const char *
due(struct fx *f, const char *start, long n, enum xf_dl_unit unit,
    int roll, int *rc)
{
	struct xf_dl_len len = { n, unit };
	struct xf_date s = D(start), raw, d;

	*rc = xf_deadline_due(&s, &len, NULL, f->cal, roll, &raw, &d);
	if (*rc == -1)
		return "error";
	if (!roll)
		assert_string_equal(iso(&raw), iso(&d));
	return iso(&d);
}

static void
due__days__counted_from_next_day(void **state)
{
	struct fx *f = *state;
	int rc;

	/* 民法典 第201条: the day of receipt is not counted. */
	assert_string_equal(due(f, "2025-01-31", 15, XF_DL_DAYS, 0, &rc),
	    "2025-02-15");
	assert_int_equal(rc, 0);
	assert_string_equal(due(f, "2025-08-02", 60, XF_DL_DAYS, 0, &rc),
	    "2025-10-01");
	assert_string_equal(due(f, "2025-08-02", 0, XF_DL_DAYS, 0, &rc),
	    "2025-08-02");
}

static void
due__leap_and_year_end__calendar_exact(void **state)
{
	struct fx *f = *state;
	int rc;

	assert_string_equal(due(f, "2024-02-14", 15, XF_DL_DAYS, 0, &rc),
	    "2024-02-29");
	assert_string_equal(due(f, "2023-02-14", 15, XF_DL_DAYS, 0, &rc),
	    "2023-03-01");
	assert_string_equal(due(f, "2024-12-20", 15, XF_DL_DAYS, 0, &rc),
	    "2025-01-04");
	assert_string_equal(due(f, "2024-01-01", 60, XF_DL_DAYS, 0, &rc),
	    "2024-03-01");
	assert_string_equal(due(f, "2023-01-01", 60, XF_DL_DAYS, 0, &rc),
	    "2023-03-02");
}

static void
due__months__same_day_or_month_end(void **state)
{
	struct fx *f = *state;
	int rc;

	/* 民法典 第202条. */
	assert_string_equal(due(f, "2025-01-31", 1, XF_DL_MONTHS, 0, &rc),
	    "2025-02-28");
	assert_string_equal(due(f, "2024-01-31", 1, XF_DL_MONTHS, 0, &rc),
	    "2024-02-29");
	assert_string_equal(due(f, "2025-03-15", 2, XF_DL_MONTHS, 0, &rc),
	    "2025-05-15");
	assert_string_equal(due(f, "2024-08-31", 2, XF_DL_MONTHS, 0, &rc),
	    "2024-10-31");
}

static void
due__roll__past_weekend_and_holiday_block(void **state)
{
	struct fx *f = *state;
	int rc;

	/* Saturday 2025-02-15, Sunday 16th: Monday 17th. */
	assert_string_equal(due(f, "2025-01-31", 15, XF_DL_DAYS, 1, &rc),
	    "2025-02-17");
	assert_int_equal(rc, 0);
	/* 2025-10-01 opens the 10-01..10-08 National Day block. */
	assert_string_equal(due(f, "2025-08-02", 60, XF_DL_DAYS, 1, &rc),
	    "2025-10-09");
	/* 2025-05-02 is inside the 05-01..05-05 Labour Day block. */
	assert_string_equal(due(f, "2025-03-03", 60, XF_DL_DAYS, 1, &rc),
	    "2025-05-06");
	/* 2024-10-01..10-07: Tuesday 10-08. */
	assert_string_equal(due(f, "2024-08-02", 60, XF_DL_DAYS, 1, &rc),
	    "2024-10-08");
	/* A working day stays: Thursday 2024-02-29. */
	assert_string_equal(due(f, "2024-02-14", 15, XF_DL_DAYS, 1, &rc),
	    "2024-02-29");
}

static void
due__roll__makeup_sunday_is_working_day(void **state)
{
	struct fx *f = *state;
	int rc;

	/* Sunday 2025-09-28 is a 班 day (国办发明电〔2024〕12号). */
	assert_string_equal(due(f, "2025-09-13", 15, XF_DL_DAYS, 1, &rc),
	    "2025-09-28");
	assert_int_equal(rc, 0);
}

static void
due__workdays__skip_rest_count_makeup(void **state)
{
	struct fx *f = *state;
	int rc;

	/*
	 * From Friday 2025-09-26: 28th (Sunday, 班) 1, 29th 2, 30th 3,
	 * 10-01..10-08 rest, 9th 4, 10th 5.
	 */
	assert_string_equal(due(f, "2025-09-26", 5, XF_DL_WORKDAYS, 0, &rc),
	    "2025-10-10");
	/* Working days already end on a working day: rolling changes nothing. */
	assert_string_equal(due(f, "2025-09-26", 5, XF_DL_WORKDAYS, 1, &rc),
	    "2025-10-10");
	/* From Monday 2025-03-03, Qingming Friday 04-04 off: 04-15. */
	assert_string_equal(due(f, "2025-03-03", 30, XF_DL_WORKDAYS, 0, &rc),
	    "2025-04-15");
}

static void
due__extension__runs_from_the_end(void **state)
{
	struct fx *f = *state;
	struct xf_dl_len len = { 60, XF_DL_DAYS }, ext = { 30, XF_DL_DAYS };
	struct xf_date s = D("2025-03-03"), raw, d;

	/* 2025-03-03 + 60 = 05-02, + 30 = 06-01, a Sunday in 端午 05-31..06-02. */
	assert_int_equal(xf_deadline_due(&s, &len, &ext, f->cal, 0, &raw, &d),
	    0);
	assert_string_equal(iso(&raw), "2025-06-01");
	assert_string_equal(iso(&d), "2025-06-01");
	assert_int_equal(xf_deadline_due(&s, &len, &ext, f->cal, 1, &raw, &d),
	    0);
	assert_string_equal(iso(&raw), "2025-06-01");
	assert_string_equal(iso(&d), "2025-06-03");
}

static void
due__uncovered_year__flagged_only_when_consulted(void **state)
{
	struct fx *f = *state;
	int rc;

	/* 2026-12-20 + 15 = Monday 2027-01-04; no 2027 in the calendar. */
	assert_string_equal(due(f, "2026-12-20", 15, XF_DL_DAYS, 1, &rc),
	    "2027-01-04");
	assert_int_equal(rc, 1);
	assert_string_equal(due(f, "2026-12-20", 15, XF_DL_DAYS, 0, &rc),
	    "2027-01-04");
	assert_int_equal(rc, 0);
	/* 2023 is not covered either (the calendar starts in 2024). */
	assert_string_equal(due(f, "2023-02-14", 15, XF_DL_DAYS, 1, &rc),
	    "2023-03-01");
	assert_int_equal(rc, 1);
}

static void
due__past_9999__error(void **state)
{
	struct fx *f = *state;
	int rc;

	assert_string_equal(due(f, "9999-12-25", 15, XF_DL_DAYS, 0, &rc),
	    "error");
	assert_int_equal(rc, -1);
	assert_string_equal(due(f, "9999-12-16", 15, XF_DL_DAYS, 0, &rc),
	    "9999-12-31");
}

static void
today__utc_plus_8__day_changes_at_16z(void **state)
{
	struct xf_date d;

	(void)state;
	assert_int_equal(xf_deadline_today(0, &d), 0);
	assert_string_equal(iso(&d), "1970-01-01");
	assert_int_equal(xf_deadline_today(57599, &d), 0);
	assert_string_equal(iso(&d), "1970-01-01");
	assert_int_equal(xf_deadline_today(57600, &d), 0);
	assert_string_equal(iso(&d), "1970-01-02");
	assert_int_equal(xf_deadline_today(-28800, &d), 0);
	assert_string_equal(iso(&d), "1970-01-01");
	assert_int_equal(xf_deadline_today(-28801, &d), 0);
	assert_string_equal(iso(&d), "1969-12-31");
	/* 2025-01-01T15:59:59Z and T16:00:00Z, T16:30Z. */
	assert_int_equal(xf_deadline_today(1735747199LL, &d), 0);
	assert_string_equal(iso(&d), "2025-01-01");
	assert_int_equal(xf_deadline_today(1735747200LL, &d), 0);
	assert_string_equal(iso(&d), "2025-01-02");
	assert_int_equal(xf_deadline_today(1735749000LL, &d), 0);
	assert_string_equal(iso(&d), "2025-01-02");
	d = D("2000-01-01");
	assert_int_equal(xf_deadline_today(900000000000LL, &d), -1);
	assert_string_equal(iso(&d), "2000-01-01");
}

static void
eval__not_accepted__pending_until_due_day(void **state)
{
	struct fx *f = *state;
	struct xf_dl_case c = mkcase(0, XF_DL_RECEIVED, "2025-09-16", -1);
	struct xf_dl_result r;

	/* 2025-09-16 + 15 = 2025-10-01. */
	r = eval_ok(f, "2025-09-20", &c);
	assert_int_equal(r.current, XF_DL_ACCEPT);
	assert_string_equal(iso(&r.step[XF_DL_ACCEPT].due), "2025-10-01");
	assert_int_equal(r.step[XF_DL_HANDLE].set, 0);
	assert_int_equal(r.days_left, 11);
	assert_int_equal(r.status, XF_DL_PENDING);
	r = eval_ok(f, "2025-10-01", &c);
	assert_int_equal(r.days_left, 0);
	assert_int_equal(r.status, XF_DL_PENDING);
	r = eval_ok(f, "2025-10-02", &c);
	assert_int_equal(r.days_left, -1);
	assert_int_equal(r.status, XF_DL_ACCEPT_LATE);
	/* Received on the as-of day itself. */
	r = eval_ok(f, "2025-09-16", &c);
	assert_int_equal(r.days_left, 15);
	assert_int_equal(r.status, XF_DL_PENDING);
}

static void
eval__not_accepted_rolled__pending_through_holiday(void **state)
{
	struct fx *f = *state;
	struct xf_dl_case c = mkcase(0, XF_DL_RECEIVED, "2025-09-16", -1);
	struct xf_dl_result r;

	/* Due 10-01 moves to 10-09 past the National Day block. */
	f->cfg.roll = 1;
	r = eval_ok(f, "2025-10-05", &c);
	assert_string_equal(iso(&r.step[XF_DL_ACCEPT].raw), "2025-10-01");
	assert_string_equal(iso(&r.step[XF_DL_ACCEPT].due), "2025-10-09");
	assert_int_equal(r.days_left, 4);
	assert_int_equal(r.status, XF_DL_PENDING);
	f->cfg.roll = 0;
	r = eval_ok(f, "2025-10-05", &c);
	assert_int_equal(r.days_left, -4);
	assert_int_equal(r.status, XF_DL_ACCEPT_LATE);
}

static void
eval__in_hand__open_soon_overdue_boundaries(void **state)
{
	struct fx *f = *state;
	struct xf_dl_case c = mkcase(0, XF_DL_RECEIVED, "2025-03-01",
	    XF_DL_ACCEPTED, "2025-03-03", -1);
	struct xf_dl_result r;

	/* Accepted 2025-03-03: handle due 05-02; soon 7. */
	r = eval_ok(f, "2025-04-01", &c);
	assert_int_equal(r.current, XF_DL_HANDLE);
	assert_string_equal(iso(&r.step[XF_DL_ACCEPT].due), "2025-03-16");
	assert_string_equal(iso(&r.step[XF_DL_HANDLE].due), "2025-05-02");
	assert_int_equal(r.days_left, 31);
	assert_int_equal(r.status, XF_DL_OPEN);
	r = eval_ok(f, "2025-04-24", &c);
	assert_int_equal(r.days_left, 8);
	assert_int_equal(r.status, XF_DL_OPEN);
	r = eval_ok(f, "2025-04-25", &c);
	assert_int_equal(r.days_left, 7);
	assert_int_equal(r.status, XF_DL_SOON);
	r = eval_ok(f, "2025-05-02", &c);
	assert_int_equal(r.days_left, 0);
	assert_int_equal(r.status, XF_DL_SOON);
	r = eval_ok(f, "2025-05-03", &c);
	assert_int_equal(r.days_left, -1);
	assert_int_equal(r.status, XF_DL_OVERDUE);
}

static void
eval__soon_zero__only_the_due_day(void **state)
{
	struct fx *f = *state;
	struct xf_dl_case c = mkcase(0, XF_DL_RECEIVED, "2025-03-01",
	    XF_DL_ACCEPTED, "2025-03-03", -1);
	struct xf_dl_result r;

	f->cfg.soon = 0;
	r = eval_ok(f, "2025-05-01", &c);
	assert_int_equal(r.status, XF_DL_OPEN);
	r = eval_ok(f, "2025-05-02", &c);
	assert_int_equal(r.status, XF_DL_SOON);
	f->cfg.soon = 7;
}

static void
eval__closed__on_time_or_late_by_reply_date(void **state)
{
	struct fx *f = *state;
	struct xf_dl_case c = mkcase(0, XF_DL_RECEIVED, "2025-03-01",
	    XF_DL_ACCEPTED, "2025-03-03", XF_DL_REPLIED, "2025-05-02", -1);
	struct xf_dl_result r;

	r = eval_ok(f, "2025-06-30", &c);
	assert_int_equal(r.days_left, 0);
	assert_int_equal(r.status, XF_DL_DONE);
	c.date[XF_DL_REPLIED] = D("2025-05-03");
	r = eval_ok(f, "2025-06-30", &c);
	assert_int_equal(r.days_left, -1);
	assert_int_equal(r.status, XF_DL_DONE_LATE);
	/* The same reply with --roll-holidays: due 05-06, 3 days to spare. */
	f->cfg.roll = 1;
	r = eval_ok(f, "2025-06-30", &c);
	assert_string_equal(iso(&r.step[XF_DL_HANDLE].due), "2025-05-06");
	assert_int_equal(r.days_left, 3);
	assert_int_equal(r.status, XF_DL_DONE);
	f->cfg.roll = 0;
}

static void
eval__extension__added_then_rolled(void **state)
{
	struct fx *f = *state;
	struct xf_dl_case c = mkcase(30, XF_DL_RECEIVED, "2025-03-01",
	    XF_DL_ACCEPTED, "2025-03-03", -1);
	struct xf_dl_result r;

	/* 05-02 + 30 = Sunday 06-01, 端午 05-31..06-02. */
	r = eval_ok(f, "2025-05-20", &c);
	assert_string_equal(iso(&r.step[XF_DL_HANDLE].due), "2025-06-01");
	assert_int_equal(r.extended, 30);
	assert_int_equal(r.capped, 0);
	assert_int_equal(r.days_left, 12);
	assert_int_equal(r.status, XF_DL_OPEN);
	f->cfg.roll = 1;
	r = eval_ok(f, "2025-05-20", &c);
	assert_string_equal(iso(&r.step[XF_DL_HANDLE].due), "2025-06-03");
	assert_int_equal(r.days_left, 14);
	f->cfg.roll = 0;
	/* 10 days: 05-12. */
	c.extended = 10;
	r = eval_ok(f, "2025-05-20", &c);
	assert_string_equal(iso(&r.step[XF_DL_HANDLE].due), "2025-05-12");
	assert_int_equal(r.status, XF_DL_OVERDUE);
}

static void
eval__extension_over_limit__capped_at_30(void **state)
{
	struct fx *f = *state;
	struct xf_dl_case c = mkcase(45, XF_DL_RECEIVED, "2025-03-01",
	    XF_DL_ACCEPTED, "2025-03-03", -1);
	struct xf_dl_result r;

	r = eval_ok(f, "2025-06-05", &c);
	assert_int_equal(r.capped, 1);
	assert_int_equal(r.ext_given, 45);
	assert_int_equal(r.ext_max, 30);
	assert_int_equal(r.extended, 30);
	assert_string_equal(iso(&r.step[XF_DL_HANDLE].due), "2025-06-01");
	assert_int_equal(r.days_left, -4);
	assert_int_equal(r.status, XF_DL_OVERDUE);
	/* Exactly 30 (不超过30日 includes 30) is not capped. */
	c.extended = 30;
	r = eval_ok(f, "2025-06-05", &c);
	assert_int_equal(r.capped, 0);
	c.extended = 31;
	r = eval_ok(f, "2025-06-05", &c);
	assert_int_equal(r.capped, 1);
}

static void
eval__later_events__not_yet_happened(void **state)
{
	struct fx *f = *state;
	struct xf_dl_case c = mkcase(0, XF_DL_RECEIVED, "2025-03-01",
	    XF_DL_ACCEPTED, "2025-03-03", XF_DL_REPLIED, "2025-05-10", -1);
	struct xf_dl_result r;

	/* On 03-02 nothing but the receipt had happened. */
	r = eval_ok(f, "2025-03-02", &c);
	assert_int_equal(r.current, XF_DL_ACCEPT);
	assert_int_equal(r.step[XF_DL_HANDLE].set, 0);
	assert_int_equal(r.days_left, 14);
	assert_int_equal(r.status, XF_DL_PENDING);
	/* On 05-09 the case was overdue and still open. */
	r = eval_ok(f, "2025-05-09", &c);
	assert_int_equal(r.days_left, -7);
	assert_int_equal(r.status, XF_DL_OVERDUE);
	/* From 05-10 on: closed 8 days late. */
	r = eval_ok(f, "2025-05-10", &c);
	assert_int_equal(r.days_left, -8);
	assert_int_equal(r.status, XF_DL_DONE_LATE);
}

static void
eval__late_acceptance__noted(void **state)
{
	struct fx *f = *state;
	struct xf_dl_case c = mkcase(0, XF_DL_RECEIVED, "2025-01-31",
	    XF_DL_ACCEPTED, "2025-02-20", -1);
	struct xf_dl_result r;

	/* Accept due 02-15; accepted 5 days later; handle due 04-21. */
	r = eval_ok(f, "2025-03-01", &c);
	assert_int_equal(r.late_accept, 5);
	assert_string_equal(iso(&r.step[XF_DL_HANDLE].due), "2025-04-21");
	assert_int_equal(r.status, XF_DL_OPEN);
	c.date[XF_DL_ACCEPTED] = D("2025-02-15");
	r = eval_ok(f, "2025-03-01", &c);
	assert_int_equal(r.late_accept, 0);
}

static void
eval__review_and_recheck__latest_step_counts(void **state)
{
	struct fx *f = *state;
	struct xf_dl_case c = mkcase(0, XF_DL_RECEIVED, "2025-03-01",
	    XF_DL_ACCEPTED, "2025-03-03", XF_DL_REPLIED, "2025-04-20",
	    XF_DL_REPLY_RECEIVED, "2025-04-22",
	    XF_DL_REVIEW_REQUESTED, "2025-05-10", -1);
	struct xf_dl_result r;

	/* Review requested 05-10: decision due 06-09. */
	r = eval_ok(f, "2025-05-20", &c);
	assert_int_equal(r.current, XF_DL_REVIEW);
	assert_string_equal(iso(&r.step[XF_DL_HANDLE].due), "2025-05-02");
	assert_string_equal(iso(&r.step[XF_DL_REVIEW].due), "2025-06-09");
	assert_int_equal(r.days_left, 20);
	assert_int_equal(r.status, XF_DL_OPEN);
	assert_int_equal(r.late_review, 0);
	c.date[XF_DL_REVIEW_DECIDED] = D("2025-06-10");
	c.has[XF_DL_REVIEW_DECIDED] = 1;
	r = eval_ok(f, "2025-06-20", &c);
	assert_int_equal(r.days_left, -1);
	assert_int_equal(r.status, XF_DL_DONE_LATE);
	/* 复核 requested 07-01: due 07-31. */
	c.date[XF_DL_RECHECK_REQUESTED] = D("2025-07-01");
	c.has[XF_DL_RECHECK_REQUESTED] = 1;
	r = eval_ok(f, "2025-07-28", &c);
	assert_int_equal(r.current, XF_DL_RECHECK);
	assert_string_equal(iso(&r.step[XF_DL_RECHECK].due), "2025-07-31");
	assert_int_equal(r.days_left, 3);
	assert_int_equal(r.status, XF_DL_SOON);
	c.date[XF_DL_RECHECK_DECIDED] = D("2025-07-31");
	c.has[XF_DL_RECHECK_DECIDED] = 1;
	r = eval_ok(f, "2025-08-28", &c);
	assert_int_equal(r.days_left, 0);
	assert_int_equal(r.status, XF_DL_DONE);
}

static void
eval__review_requested_late__noted(void **state)
{
	struct fx *f = *state;
	struct xf_dl_case c = mkcase(0, XF_DL_RECEIVED, "2025-03-01",
	    XF_DL_ACCEPTED, "2025-03-03", XF_DL_REPLIED, "2025-04-20",
	    XF_DL_REPLY_RECEIVED, "2025-04-22",
	    XF_DL_REVIEW_REQUESTED, "2025-05-25", -1);
	struct xf_dl_result r;

	/* Reply received 04-22: window to 05-22; asked 05-25, 3 late. */
	r = eval_ok(f, "2025-05-26", &c);
	assert_int_equal(r.late_review, 3);
	c.date[XF_DL_REVIEW_REQUESTED] = D("2025-05-22");
	r = eval_ok(f, "2025-05-26", &c);
	assert_int_equal(r.late_review, 0);
}

static void
eval__inconsistent_dates__rejected_with_reason(void **state)
{
	struct fx *f = *state;
	struct xf_dl_case c;

	c = mkcase(0, XF_DL_RECEIVED, "2025-08-02", XF_DL_ACCEPTED,
	    "2025-07-30", -1);
	assert_string_equal(eval_bad(f, "2025-10-01", &c),
	    "accepted 2025-07-30 is before received 2025-08-02");
	c = mkcase(0, XF_DL_RECEIVED, "2025-08-02", XF_DL_ACCEPTED,
	    "2025-08-05", XF_DL_REPLIED, "2025-08-04", -1);
	assert_string_equal(eval_bad(f, "2025-10-01", &c),
	    "replied 2025-08-04 is before accepted 2025-08-05");
	c = mkcase(0, XF_DL_RECEIVED, "2025-08-02", XF_DL_REPLIED,
	    "2025-08-04", -1);
	assert_string_equal(eval_bad(f, "2025-10-01", &c),
	    "replied is 2025-08-04 but accepted is empty");
	c = mkcase(10, XF_DL_RECEIVED, "2025-08-02", -1);
	assert_string_equal(eval_bad(f, "2025-10-01", &c),
	    "extended_days is 10 but accepted is empty");
	c = mkcase(0, XF_DL_RECEIVED, "2025-10-02", -1);
	assert_string_equal(eval_bad(f, "2025-10-01", &c),
	    "received 2025-10-02 is after the as-of date 2025-10-01");
	c = mkcase(0, XF_DL_ACCEPTED, "2025-10-02", -1);
	assert_string_equal(eval_bad(f, "2025-10-01", &c),
	    "no received date");
	c = mkcase(0, XF_DL_RECEIVED, "2025-03-01", XF_DL_ACCEPTED,
	    "2025-03-03", XF_DL_REPLIED, "2025-04-20",
	    XF_DL_REVIEW_DECIDED, "2025-05-10", -1);
	assert_string_equal(eval_bad(f, "2025-10-01", &c),
	    "review_decided is 2025-05-10 but review_requested is empty");
	c = mkcase(0, XF_DL_RECEIVED, "2025-03-01", XF_DL_ACCEPTED,
	    "2025-03-03", XF_DL_REPLIED, "2025-04-20",
	    XF_DL_REPLY_RECEIVED, "2025-04-22",
	    XF_DL_REVIEW_REQUESTED, "2025-04-21", -1);
	assert_string_equal(eval_bad(f, "2025-10-01", &c),
	    "review_requested 2025-04-21 is before reply_received 2025-04-22");
}

static void
eval__same_day_events__accepted(void **state)
{
	struct fx *f = *state;
	struct xf_dl_case c = mkcase(0, XF_DL_RECEIVED, "2025-03-03",
	    XF_DL_ACCEPTED, "2025-03-03", XF_DL_REPLIED, "2025-03-03", -1);
	struct xf_dl_result r;

	/* Answered on the spot (当场答复): 60 days to spare. */
	r = eval_ok(f, "2025-03-03", &c);
	assert_int_equal(r.days_left, 60);
	assert_int_equal(r.status, XF_DL_DONE);
}

static void
eval__regulation_by_start_date__2005_or_2022(void **state)
{
	struct fx *f = *state;
	struct xf_dl_case c = mkcase(0, XF_DL_RECEIVED, "2022-04-30", -1);
	struct xf_dl_result r;

	r = eval_ok(f, "2022-05-01", &c);
	assert_string_equal(iso(&r.step[XF_DL_ACCEPT].due), "2022-05-15");
	assert_non_null(strstr(r.step[XF_DL_ACCEPT].len->source,
	    "国务院令第431号"));
	c.date[XF_DL_RECEIVED] = D("2022-05-01");
	r = eval_ok(f, "2022-05-01", &c);
	assert_non_null(strstr(r.step[XF_DL_ACCEPT].len->source,
	    "信访工作条例（2022）"));
}

static void
eval__before_2005__no_parameter_rejected(void **state)
{
	struct fx *f = *state;
	struct xf_dl_case c = mkcase(0, XF_DL_RECEIVED, "2005-04-30", -1);

	assert_string_equal(eval_bad(f, "2025-01-01", &c),
	    "no parameter 'petition_accept_days' in force on 2005-04-30 for "
	    "延吉市 (nor 延边州, 吉林省, 全国)");
	f->cfg.region = "上海市";
	assert_string_equal(eval_bad(f, "2025-01-01", &c),
	    "no parameter 'petition_accept_days' in force on 2005-04-30 for "
	    "上海市 (nor 全国)");
	f->cfg.region = NULL;
}

static void
eval__province_rows__workdays_by_region(void **state)
{
	static const char table[] =
	    "name,region,value,unit,effective_from,effective_to,source\n"
	    "petition_handle_days,吉林省,30,工作日,2025-01-01,,"
	    "placeholder: test row\n"
	    "petition_accept_days,延吉市,,日,2025-01-01,,"
	    "placeholder: 待定\n";
	struct fx *f = *state;
	struct xf_dl_case c = mkcase(0, XF_DL_RECEIVED, "2024-12-30",
	    XF_DL_ACCEPTED, "2025-03-03", -1);
	struct xf_dl_result r;
	const char *why;

	assert_int_equal(xf_params_load_mem(f->params, table,
	    sizeof(table) - 1, "t"), 0);
	/* 延吉市 falls back to 吉林省: 30 working days from 03-03. */
	r = eval_ok(f, "2025-04-01", &c);
	assert_string_equal(iso(&r.step[XF_DL_HANDLE].due), "2025-04-15");
	assert_int_equal(r.step[XF_DL_HANDLE].len->placeholder, 1);
	/* 珲春市 has its own chain, which reaches 吉林省 too. */
	f->cfg.region = "珲春市";
	r = eval_ok(f, "2025-04-01", &c);
	assert_string_equal(iso(&r.step[XF_DL_HANDLE].due), "2025-04-15");
	/* 上海市 falls back to 全国's 60 days. */
	f->cfg.region = "上海市";
	r = eval_ok(f, "2025-04-01", &c);
	assert_string_equal(iso(&r.step[XF_DL_HANDLE].due), "2025-05-02");
	f->cfg.region = NULL;
	/* A 延吉市 placeholder without a value stops a 2025 receipt. */
	c.date[XF_DL_RECEIVED] = D("2025-01-02");
	why = eval_bad(f, "2025-04-01", &c);
	assert_non_null(strstr(why, "parameter 'petition_accept_days' for "
	    "延吉市 in force on 2025-01-02 has no value"));
}

static void
eval__bad_unit_row__rejected(void **state)
{
	static const char table[] =
	    "name,region,value,unit,effective_from,effective_to,source\n"
	    "petition_accept_days,延边州,15,小时,2025-01-01,,s\n";
	struct fx *f = *state;
	struct xf_dl_case c = mkcase(0, XF_DL_RECEIVED, "2025-01-02", -1);

	assert_int_equal(xf_params_load_mem(f->params, table,
	    sizeof(table) - 1, "t.csv"), 0);
	assert_string_equal(eval_bad(f, "2025-04-01", &c),
	    "parameter 'petition_accept_days' for 延边州 in force on "
	    "2025-01-02 (t.csv:2): unit is not 日, 工作日 or 月: '15 小时'");
}

static void
status_name__all__labels(void **state)
{
	(void)state;
	assert_string_equal(xf_deadline_status_name(XF_DL_PENDING), "待受理");
	assert_string_equal(xf_deadline_status_name(XF_DL_ACCEPT_LATE),
	    "受理超期");
	assert_string_equal(xf_deadline_status_name(XF_DL_OPEN), "在办");
	assert_string_equal(xf_deadline_status_name(XF_DL_SOON), "临期");
	assert_string_equal(xf_deadline_status_name(XF_DL_OVERDUE), "超期未办");
	assert_string_equal(xf_deadline_status_name(XF_DL_DONE), "按期办结");
	assert_string_equal(xf_deadline_status_name(XF_DL_DONE_LATE),
	    "超期办结");
	assert_null(xf_deadline_status_name(XF_DL_NSTATUS));
	assert_string_equal(xf_deadline_step_name(XF_DL_RECHECK), "复核");
	assert_null(xf_deadline_step_name(XF_DL_NSTEP));
}

static void
explain__rolled_extended__full_sentence(void **state)
{
	struct fx *f = *state;
	struct xf_dl_case c = mkcase(45, XF_DL_RECEIVED, "2025-01-31",
	    XF_DL_ACCEPTED, "2025-02-20", -1);
	struct xf_dl_result r;
	char buf[1024];

	/*
	 * Accept due 02-15, a Saturday: 02-17 rolled, so 02-20 is 3 days
	 * late.  02-20 + 60 = 04-21, + 30 = 05-21 (a Wednesday).
	 */
	f->cfg.roll = 1;
	r = eval_ok(f, "2025-03-01", &c);
	f->cfg.roll = 0;
	assert_string_equal(xf_deadline_explain(&r, buf, sizeof(buf)),
	    "办理：受理2025-02-20起60日，延期30日，至2025-05-21；"
	    "依据：信访工作条例（2022）第34条：自受理之日起60日内办结；"
	    "延期上限依据：信访工作条例（2022）第34条：经本机关负责人批准可延长"
	    "不超过30日；延期45日超过上限30日，按30日计；"
	    "受理超期3日（受理期限至2025-02-17）");
}

static void
explain__holiday__both_dates(void **state)
{
	struct fx *f = *state;
	struct xf_dl_case c = mkcase(0, XF_DL_RECEIVED, "2025-09-16", -1);
	struct xf_dl_result r;
	char buf[1024];

	f->cfg.roll = 1;
	r = eval_ok(f, "2025-09-20", &c);
	f->cfg.roll = 0;
	assert_string_equal(xf_deadline_explain(&r, buf, sizeof(buf)),
	    "受理：收到2025-09-16起15日，至2025-10-01，逢休息日顺延至"
	    "2025-10-09；依据：信访工作条例（2022）第23条第二款：直接收到的"
	    "信访事项15日内书面告知是否受理");
}

static void
explain__small_buffer__cut_at_character(void **state)
{
	struct fx *f = *state;
	struct xf_dl_case c = mkcase(0, XF_DL_RECEIVED, "2025-09-16", -1);
	struct xf_dl_result r;
	char buf[8];

	/* "受理：" is 9 bytes: only "受理" (6) fits in 7 + NUL. */
	r = eval_ok(f, "2025-09-20", &c);
	assert_string_equal(xf_deadline_explain(&r, buf, sizeof(buf)),
	    "受理");
}

/* Each test gets fresh tables: some load rows of their own. */
#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(unit__known_names__read),
		T(unit__other_text__rejected),
		T(len__builtin_rows__15_and_60_days),
		T(len__bad_rows__reason),
		T(due__days__counted_from_next_day),
		T(due__leap_and_year_end__calendar_exact),
		T(due__months__same_day_or_month_end),
		T(due__roll__past_weekend_and_holiday_block),
		T(due__roll__makeup_sunday_is_working_day),
		T(due__workdays__skip_rest_count_makeup),
		T(due__extension__runs_from_the_end),
		T(due__uncovered_year__flagged_only_when_consulted),
		T(due__past_9999__error),
		T(today__utc_plus_8__day_changes_at_16z),
		T(eval__not_accepted__pending_until_due_day),
		T(eval__not_accepted_rolled__pending_through_holiday),
		T(eval__in_hand__open_soon_overdue_boundaries),
		T(eval__soon_zero__only_the_due_day),
		T(eval__closed__on_time_or_late_by_reply_date),
		T(eval__extension__added_then_rolled),
		T(eval__extension_over_limit__capped_at_30),
		T(eval__later_events__not_yet_happened),
		T(eval__late_acceptance__noted),
		T(eval__review_and_recheck__latest_step_counts),
		T(eval__review_requested_late__noted),
		T(eval__inconsistent_dates__rejected_with_reason),
		T(eval__same_day_events__accepted),
		T(eval__regulation_by_start_date__2005_or_2022),
		T(eval__before_2005__no_parameter_rejected),
		T(eval__province_rows__workdays_by_region),
		T(eval__bad_unit_row__rejected),
		T(status_name__all__labels),
		T(explain__rolled_extended__full_sentence),
		T(explain__holiday__both_dates),
		T(explain__small_buffer__cut_at_character),
	};

	return cmocka_run_group_tests_name("deadline", tests, NULL, NULL);
}
