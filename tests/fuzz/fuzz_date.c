/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for the date module (lib/date.h).  The whole input is
 * given to xf_date_parse; an accepted date must be valid, print and parse
 * back to itself, agree with a day count worked out here independently,
 * and go through day and month arithmetic, ISO weeks, buckets and the
 * holiday calendar without a sanitizer report or a broken promise.  The
 * numbers those calls need (days to add, months, working days) come from
 * a hash of the input.  Any broken promise aborts.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	 fail(const char *, const struct xf_date *);
static int	 leap(int);
static int	 mdays(int, int);
static long	 days_of(int, int, int);
static int	 same(const struct xf_date *, const struct xf_date *);
static int	 digits(const uint8_t *, size_t);
static int	 num(const uint8_t *, size_t);
static void	 check_simple_forms(const uint8_t *, size_t, int,
		    const struct xf_date *);
static void	 check_arith(const struct xf_date *, uint64_t);
static void	 check_buckets(const struct xf_date *);
static void	 check_calendar(const struct xf_date *, uint64_t);

static void
fail(const char *what, const struct xf_date *d)
{
	if (d != NULL)
		fprintf(stderr, "fuzz_date: %04d-%02d-%02d: %s\n", d->year,
		    d->month, d->day, what);
	else
		fprintf(stderr, "fuzz_date: %s\n", what);
	abort();
}

/* The Gregorian rules, written again so as not to trust date.c. */
static int
leap(int y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int
mdays(int y, int m)
{
	static const int len[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && leap(y) ? 29 : len[m - 1];
}

/* Days since 1970-01-01 by counting whole years and months. */
static long
days_of(int y, int m, int d)
{
	static const int before[12] = {
		0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
	};
	long py = y - 1;

	return XF_DATE_MIN_DAYS + 365 * py + py / 4 - py / 100 + py / 400 +
	    before[m - 1] + (m > 2 && leap(y)) + d - 1;
}

static int
same(const struct xf_date *a, const struct xf_date *b)
{
	return a->year == b->year && a->month == b->month && a->day == b->day;
}

static int
digits(const uint8_t *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int
num(const uint8_t *s, size_t n)
{
	size_t i;
	int v = 0;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/*
 * For the plainest forms, "YYYY-MM-DD", "YYYY/MM/DD" and "YYYYMMDD",
 * work out here whether the date exists and compare with what the parser
 * said.
 */
static void
check_simple_forms(const uint8_t *s, size_t n, int rc,
    const struct xf_date *d)
{
	int y, m, dd, ok;

	if (n == 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4] &&
	    digits(s, 4) && digits(s + 5, 2) && digits(s + 8, 2)) {
		y = num(s, 4);
		m = num(s + 5, 2);
		dd = num(s + 8, 2);
	} else if (n == 8 && digits(s, 8)) {
		y = num(s, 4);
		m = num(s + 4, 2);
		dd = num(s + 6, 2);
	} else
		return;
	ok = y >= 1 && m >= 1 && m <= 12 && dd >= 1 && dd <= mdays(y, m);
	if (ok != (rc == 0))
		fail(ok ? "real date refused" : "impossible date accepted",
		    NULL);
	if (ok && (d->year != y || d->month != m || d->day != dd))
		fail("wrong fields for a plain date", d);
}

/* Day and month arithmetic, checked against the day count above. */
static void
check_arith(const struct xf_date *d, uint64_t h)
{
	struct xf_date out, sentinel = { 1234, 5, 6 };
	long days, n, total;
	int rc, unit, y, m;

	days = xf_date_to_days(d);

	n = (long)(h % 7000001) - 3500000;
	out = sentinel;
	rc = xf_date_add_days(d, n, &out);
	if ((rc == 0) != (days + n >= XF_DATE_MIN_DAYS &&
	    days + n <= XF_DATE_MAX_DAYS))
		fail("add_days: wrong success", d);
	if (rc == 0 && (!xf_date_valid(&out) || xf_date_diff(d, &out) != n ||
	    xf_date_to_days(&out) != days + n))
		fail("add_days: wrong result", d);
	if (rc != 0 && !same(&out, &sentinel))
		fail("add_days: result touched on failure", d);

	n = (long)((h >> 23) % 240001) - 120000;
	total = (long)d->year * 12 + (d->month - 1) + n;
	y = (int)(total / 12);
	m = (int)(total % 12) + 1;
	out = sentinel;
	rc = xf_date_add_months(d, n, &out);
	if ((rc == 0) != (total >= 12 && y <= 9999))
		fail("add_months: wrong success", d);
	if (rc == 0 && (out.year != y || out.month != m ||
	    out.day != (d->day < mdays(y, m) ? d->day : mdays(y, m))))
		fail("add_months: wrong result", d);
	if (rc != 0 && !same(&out, &sentinel))
		fail("add_months: result touched on failure", d);

	/* n may be negative here: period_end must refuse it. */
	n = (long)((h >> 41) % 40001) - 2000;
	unit = (int)((h >> 60) % 5);
	out = sentinel;
	rc = xf_date_period_end(d, n, (enum xf_period)unit, &out);
	if (n < 0 && rc != -1)
		fail("period_end: negative count accepted", d);
	if (rc == 0) {
		struct xf_date want;
		int wrc;

		switch (unit) {
		case XF_PERIOD_DAY:
			wrc = xf_date_add_days(d, n, &want);
			break;
		case XF_PERIOD_WEEK:
			wrc = xf_date_add_days(d, n * 7, &want);
			break;
		case XF_PERIOD_MONTH:
			wrc = xf_date_add_months(d, n, &want);
			break;
		case XF_PERIOD_QUARTER:
			wrc = xf_date_add_months(d, n * 3, &want);
			break;
		default:
			wrc = xf_date_add_months(d, n * 12, &want);
			break;
		}
		if (wrc != 0 || !same(&want, &out))
			fail("period_end: not the same as adding", d);
	} else if (!same(&out, &sentinel))
		fail("period_end: result touched on failure", d);
}

/* ISO weeks and reporting periods. */
static void
check_buckets(const struct xf_date *d)
{
	char label[XF_DATE_BUCKETLEN], other[XF_DATE_BUCKETLEN];
	char iso[XF_DATE_STRLEN], want[32];
	struct xf_date start, out, prevday, back;
	int p, len, iy, wk, wd, rc;
	long days;

	days = xf_date_to_days(d);
	wd = xf_date_weekday(d);
	if (wd != (int)(((days + 3) % 7 + 7) % 7) + 1)
		fail("weekday", d);
	xf_date_isoweek(d, &iy, &wk);
	if (wk < 1 || wk > xf_date_isoweeks_in_year(iy) || iy < d->year - 1 ||
	    iy > d->year + 1)
		fail("isoweek out of range", d);
	if (xf_date_from_isoweek(iy, wk, wd, &back) != 0 || !same(&back, d))
		fail("from_isoweek does not give the date back", d);

	xf_date_format(d, iso);
	for (p = XF_PERIOD_DAY; p <= XF_PERIOD_YEAR; p++) {
		len = xf_date_bucket(d, (enum xf_period)p, label,
		    sizeof(label));
		if (len <= 0 || (size_t)len != strlen(label))
			fail("bucket label length", d);
		switch (p) {
		case XF_PERIOD_DAY:
			memcpy(want, iso, sizeof(iso));
			break;
		case XF_PERIOD_WEEK:
			snprintf(want, sizeof(want), "%04d-W%02d", iy, wk);
			break;
		case XF_PERIOD_MONTH:
			snprintf(want, sizeof(want), "%.7s", iso);
			break;
		case XF_PERIOD_QUARTER:
			snprintf(want, sizeof(want), "%.4s-Q%d", iso,
			    (d->month + 2) / 3);
			break;
		default:
			snprintf(want, sizeof(want), "%.4s", iso);
			break;
		}
		if (strcmp(label, want) != 0)
			fail("bucket label", d);
		/* Too small a buffer: -1 and an empty string. */
		if (xf_date_bucket(d, (enum xf_period)p, other,
		    (size_t)len) != -1 || other[0] != '\0')
			fail("bucket label cut", d);

		start = xf_date_bucket_start(d, (enum xf_period)p);
		if (!xf_date_valid(&start) || xf_date_diff(&start, d) < 0)
			fail("bucket_start after the date", d);
		xf_date_bucket(&start, (enum xf_period)p, other,
		    sizeof(other));
		if (strcmp(label, other) != 0)
			fail("bucket_start in another bucket", d);
		if (xf_date_add_days(&start, -1, &prevday) == 0) {
			xf_date_bucket(&prevday, (enum xf_period)p, other,
			    sizeof(other));
			if (strcmp(label, other) == 0)
				fail("bucket_start not the first day", d);
		}

		rc = xf_date_bucket_next(d, (enum xf_period)p, &out);
		if (rc == -1 && d->year < 9999)
			fail("bucket_next failed before year 9999", d);
		if (rc == 0) {
			if (xf_date_add_days(&out, -1, &prevday) != 0)
				fail("bucket_next at the start of time", d);
			xf_date_bucket(&prevday, (enum xf_period)p, other,
			    sizeof(other));
			if (xf_date_diff(d, &out) <= 0 ||
			    strcmp(label, other) != 0)
				fail("bucket_next not right after", d);
			back = xf_date_bucket_start(&out, (enum xf_period)p);
			if (!same(&back, &out))
				fail("bucket_next not a first day", d);
		}

		rc = xf_date_bucket_prev(d, (enum xf_period)p, &out);
		if (rc == -1 && d->year > 1)
			fail("bucket_prev failed after year 1", d);
		if (rc == 0) {
			if (xf_date_add_days(&start, -1, &prevday) != 0)
				fail("bucket_prev before the start of time",
				    d);
			back = xf_date_bucket_start(&prevday,
			    (enum xf_period)p);
			if (!same(&back, &out))
				fail("bucket_prev not the bucket before", d);
		}

		rc = xf_date_bucket_yoy(d, (enum xf_period)p, &out);
		if (rc == -1 && d->year > 2)
			fail("bucket_yoy failed after year 2", d);
		if (rc == 0) {
			back = xf_date_bucket_start(&out, (enum xf_period)p);
			if (!xf_date_valid(&out) || !same(&back, &out) ||
			    xf_date_diff(&out, d) <= 0)
				fail("bucket_yoy not an earlier first day", d);
			if (p == XF_PERIOD_WEEK) {
				int oy, ow, n;

				xf_date_isoweek(&out, &oy, &ow);
				n = xf_date_isoweeks_in_year(iy - 1);
				if (oy != iy - 1 || ow != (wk < n ? wk : n))
					fail("bucket_yoy week", d);
			} else if (out.year != d->year - 1 ||
			    (p == XF_PERIOD_QUARTER &&
			    (out.month - 1) / 3 != (d->month - 1) / 3) ||
			    ((p == XF_PERIOD_MONTH || p == XF_PERIOD_DAY) &&
			    out.month != d->month) ||
			    (p == XF_PERIOD_DAY && out.day !=
			    (d->day < mdays(out.year, out.month) ? d->day :
			    mdays(out.year, out.month))))
				fail("bucket_yoy not a year before", d);
		}
	}
	if (xf_date_bucket(d, (enum xf_period)5, label, sizeof(label)) != -1 ||
	    label[0] != '\0')
		fail("bucket of a bad period", d);
}

/* A small holiday calendar around the date. */
static void
check_calendar(const struct xf_date *d, uint64_t h)
{
	struct xf_calendar *cal;
	struct xf_date next, out, day;
	const char *why = NULL;
	long n;
	int rc, i;

	if ((cal = xf_calendar_new()) == NULL)
		abort();
	if (xf_calendar_add(cal, d, XF_DAY_HOLIDAY, &why) != 0)
		fail("calendar_add refused a valid date", d);
	if (xf_calendar_add(cal, d, XF_DAY_HOLIDAY, &why) != 0)
		fail("calendar_add refused the same date again", d);
	why = NULL;
	if (xf_calendar_add(cal, d, XF_DAY_WORKDAY, &why) != -1 ||
	    why == NULL || why[0] == '\0')
		fail("calendar_add took a date with both kinds", d);
	if (!xf_calendar_covers(cal, d->year) ||
	    !xf_calendar_is_restday(cal, d))
		fail("holiday not a rest day", d);
	/* A few more days after it, of either kind, from the hash. */
	for (i = 1; i <= 12; i++)
		if (xf_date_add_days(d, i, &day) == 0)
			xf_calendar_add(cal, &day, (h >> i) & 1 ?
			    XF_DAY_HOLIDAY : XF_DAY_WORKDAY, NULL);

	rc = xf_date_roll_forward(cal, d, &out);
	if (rc == -1 && d->year < 9999)
		fail("roll_forward failed before year 9999", d);
	if (rc >= 0 && (xf_date_diff(d, &out) <= 0 ||
	    xf_calendar_is_restday(cal, &out)))
		fail("roll_forward gave a rest day or no later day", d);

	n = (long)((h >> 13) % 81) - 40;
	rc = xf_date_add_workdays(cal, d, n, &out);
	if (rc == -1 && d->year > 1 && d->year < 9999)
		fail("add_workdays failed in the middle of time", d);
	if (rc >= 0 && n != 0 && (xf_calendar_is_restday(cal, &out) ||
	    (n > 0) != (xf_date_diff(d, &out) > 0)))
		fail("add_workdays gave a rest day or went the wrong way", d);
	if (rc >= 0 && n > 0) {
		/* Exactly n working days in (d, out]. */
		long k = 0;

		next = *d;
		while (xf_date_diff(&next, &out) > 0) {
			xf_date_add_days(&next, 1, &next);
			if (!xf_calendar_is_restday(cal, &next))
				k++;
		}
		if (k != n)
			fail("add_workdays counted wrong", d);
	}
	xf_calendar_free(cal);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xf_date d, d2, sentinel = { 4321, 7, 8 }, back;
	char iso[XF_DATE_STRLEN], tm[XF_DATE_TIMELEN], both[32], *str;
	const char *why = "unset";
	uint64_t h = 14695981039346656037ULL;
	size_t i;
	int secs = -7, secs2, rc, rc2, p;
	long days;

	for (i = 0; i < size; i++)
		h = (h ^ data[i]) * 1099511628211ULL;

	d = sentinel;
	rc = xf_date_parse(size > 0 ? (const char *)data : NULL, size, &d,
	    &secs, &why);
	rc2 = xf_date_parse(size > 0 ? (const char *)data : NULL, size, &d2,
	    NULL, NULL);
	if (rc != 0 && rc != -1)
		fail("parse returned neither 0 nor -1", NULL);
	if (rc != rc2)
		fail("parse depends on secs or why being given", NULL);
	check_simple_forms(data, size, rc, &d);

	/* The input as a period name. */
	if ((str = malloc(size + 1)) == NULL)
		abort();
	if (size > 0)
		memcpy(str, data, size);
	str[size] = '\0';
	p = xf_period_parse(str);
	if (p != -1 && (xf_period_name((enum xf_period)p) == NULL ||
	    strcmp(xf_period_name((enum xf_period)p), str) != 0))
		fail("period name does not match", NULL);
	free(str);

	if (rc == -1) {
		if (why == NULL || why[0] == '\0' || strcmp(why, "unset") == 0)
			fail("refused without a reason", NULL);
		if (!same(&d, &sentinel) || secs != -7)
			fail("result touched on failure", NULL);
		return 0;
	}
	if (!same(&d, &d2))
		fail("parse depends on secs being given", &d);
	if (!xf_date_valid(&d) || d.month < 1 || d.month > 12 || d.day < 1 ||
	    d.day > mdays(d.year, d.month) || d.year < 1 || d.year > 9999)
		fail("accepted an invalid date", &d);
	if (secs < -1 || secs > 86399)
		fail("time of day out of range", &d);

	/* Print and parse back. */
	if (xf_date_format(&d, iso) != iso || strlen(iso) != 10)
		fail("format", &d);
	if (xf_date_parse(iso, 10, &back, &secs2, NULL) != 0 ||
	    !same(&back, &d) || secs2 != -1)
		fail("formatted date does not parse back", &d);
	if (secs >= 0) {
		if (xf_date_format_time(secs, tm) != tm || strlen(tm) != 8)
			fail("format_time", &d);
		snprintf(both, sizeof(both), "%s %s", iso, tm);
		if (xf_date_parse(both, strlen(both), &back, &secs2,
		    NULL) != 0 || !same(&back, &d) || secs2 != secs)
			fail("formatted date and time do not parse back", &d);
		snprintf(both, sizeof(both), "%sT%s", iso, tm);
		if (xf_date_parse(both, strlen(both), &back, &secs2,
		    NULL) != 0 || !same(&back, &d) || secs2 != secs)
			fail("ISO date and time do not parse back", &d);
	}
	if (xf_date_format_time(-1, tm) != NULL ||
	    xf_date_format_time(86400, tm) != NULL)
		fail("format_time took a bad time", NULL);

	/* Day numbers. */
	days = xf_date_to_days(&d);
	if (days != days_of(d.year, d.month, d.day))
		fail("to_days disagrees with counting", &d);
	if (days < XF_DATE_MIN_DAYS || days > XF_DATE_MAX_DAYS)
		fail("to_days out of range", &d);
	back = sentinel;
	if (xf_date_from_days(days, &back) != 0 || !same(&back, &d))
		fail("from_days does not give the date back", &d);
	if (xf_date_from_days(XF_DATE_MAX_DAYS + 1 + (long)(h % 1000), &back)
	    != -1 || xf_date_from_days(XF_DATE_MIN_DAYS - 1 -
	    (long)(h % 1000), &back) != -1 || !same(&back, &d))
		fail("from_days took a day out of range", &d);

	check_arith(&d, h);
	check_buckets(&d);
	check_calendar(&d, h);
	return 0;
}
