/* SPDX-License-Identifier: ISC */

/*
 * Calendar dates: parsing the forms petition exports use, printing ISO
 * 8601, day and month arithmetic under 民法典 第201-203条 (DOMAIN.md
 * section 0.3), ISO weeks, reporting periods ("buckets") and the official
 * holiday calendar (rest days and make-up working days).
 *
 * Dates are proleptic Gregorian, years 1 to 9999, with no time zone.
 * Unless a function says otherwise, a struct xf_date it is given must be
 * valid (xf_date_valid()); results for invalid dates are meaningless.
 * The module is pure: it never prints, never exits and keeps no global
 * state.  Only the calendar allocates memory.  Functions that can fail
 * return -1; where a reason helps the user, it is a static English string
 * (lower case, no full stop, no value in it: the caller quotes the value).
 */

#ifndef XF_DATE_H
#define XF_DATE_H

#include <stddef.h>

/* A calendar date.  Valid when xf_date_valid() says so. */
struct xf_date {
	int	year;		/* 1..9999 */
	int	month;		/* 1..12 */
	int	day;		/* 1..28, 29, 30 or 31 */
};

/* Day numbers (days since 1970-01-01) of 0001-01-01 and 9999-12-31. */
#define XF_DATE_MIN_DAYS	(-719162L)
#define XF_DATE_MAX_DAYS	2932896L

/* Buffer sizes, terminating NUL included. */
#define XF_DATE_STRLEN		11	/* "2024-05-06" */
#define XF_DATE_TIMELEN		9	/* "14:30:05" */
#define XF_DATE_BUCKETLEN	11	/* longest bucket label, "2024-05-06" */

/*
 * Reporting periods, and the units of xf_date_period_end().
 */
enum xf_period {
	XF_PERIOD_DAY,
	XF_PERIOD_WEEK,		/* ISO 8601 week, Monday to Sunday */
	XF_PERIOD_MONTH,
	XF_PERIOD_QUARTER,
	XF_PERIOD_YEAR
};

/* What the holiday calendar says about one date. */
enum xf_daykind {
	XF_DAY_HOLIDAY = 1,	/* 休: official rest day, even on a weekday */
	XF_DAY_WORKDAY = 2	/* 班: make-up working day, even on a weekend */
};

/* A holiday calendar; opaque, see xf_calendar_new(). */
struct xf_calendar;

/*
 * 1 if year is a Gregorian leap year (divisible by 4, and not by 100
 * unless by 400), else 0.
 */
int	 xf_date_is_leap(int year);

/*
 * Number of days in the month (28 to 31), or 0 if month is not 1..12.
 */
int	 xf_date_days_in_month(int year, int month);

/*
 * 1 if d names a real day between 0001-01-01 and 9999-12-31, else 0.
 */
int	 xf_date_valid(const struct xf_date *d);

/*
 * Days from 1970-01-01 to d (negative before 1970).  d must be valid;
 * the result for an invalid date is meaningless but harmless.
 */
long	 xf_date_to_days(const struct xf_date *d);

/*
 * The date whose day number is days.  Returns 0, or -1 (and leaves *d
 * alone) if days is outside XF_DATE_MIN_DAYS..XF_DATE_MAX_DAYS.
 */
int	 xf_date_from_days(long days, struct xf_date *d);

/*
 * Parse len bytes at s (not NUL-terminated; embedded NULs are just bad
 * bytes; s may be NULL when len is 0) into *d.  When secs is not NULL
 * it receives the time of day in seconds since midnight, or -1 when the
 * input has no time.  No memory is allocated.
 *
 * Accepted dates (Y four digits, M and D one or two digits):
 *	Y-M-D   Y/M/D   Y.M.D     the same separator twice
 *	Y年M月D日   Y年M月D      日 may be left out
 *	YYYYMMDD                  exactly eight digits
 * optionally followed by a time, separated by one or more spaces or by
 * one 'T' (after 日 the time may also follow directly):
 *	H:MM   H:MM:SS   H:MM:SS.fff   H时M分   H时M分S秒
 * H, and M and S in the Chinese form, have one or two digits; with
 * colons, minutes and seconds have two; fractions of a second (a Java
 * or database export's ".0") are accepted and dropped; 時 is read as 时.
 * Hours run 0-23, minutes and seconds 0-59.
 *
 * Full-width forms (U+FF01..U+FF5E: "２０２４－０５－０６", "１４：３０")
 * are read as their ASCII twins.  ASCII spaces and tabs before and after
 * the whole value are ignored; nothing else may surround it.
 *
 * Rejected: empty input, days that do not exist (2023-02-29, month 13),
 * years of other than four digits (so "24-5-6" and the ambiguous
 * "05/06/2024" fail), year 0000, mixed separators, a year and month
 * without a day, 号 for 日, time zones, and anything left over.
 *
 * Returns 0, or -1 leaving *d and *secs alone; then, if why is not NULL,
 * *why is set to a static string saying what is wrong.
 */
int	 xf_date_parse(const char *s, size_t len, struct xf_date *d,
	    int *secs, const char **why);

/*
 * Write d as "YYYY-MM-DD" and a NUL into buf.  Returns buf.
 */
char	*xf_date_format(const struct xf_date *d, char buf[XF_DATE_STRLEN]);

/*
 * Write a time of day given in seconds since midnight (0..86399) as
 * "HH:MM:SS" and a NUL into buf.  Returns buf, or NULL (writing nothing)
 * if secs is out of range.
 */
char	*xf_date_format_time(int secs, char buf[XF_DATE_TIMELEN]);

/*
 * *out = d + n days (n may be negative).  out may point at d.  Returns
 * 0, or -1 (leaving *out alone) if the result is outside years 1..9999.
 */
int	 xf_date_add_days(const struct xf_date *d, long n,
	    struct xf_date *out);

/*
 * *out = the same-numbered day n months after d (n may be negative),
 * clamped to the last day of a shorter month: 2024-01-31 + 1 month is
 * 2024-02-29, 2024-02-29 + 12 months is 2025-02-28.  out may point at d.
 * Returns 0, or -1 (leaving *out alone) outside years 1..9999.
 */
int	 xf_date_add_months(const struct xf_date *d, long n,
	    struct xf_date *out);

/*
 * The last day of a period of n units that begins with the event on
 * date from (receipt, acceptance), counted as 民法典 第201-202条 say:
 * counting starts the next day, so n days end on from + n (15 days from
 * 2024-05-06 end on 2024-05-21); n months or years end on the
 * same-numbered day as from in the final month, or that month's last day
 * (1 month from 2024-01-31 ends 2024-02-29).  A week is 7 days and a
 * quarter 3 months.  n = 0 gives from.  The result is not moved past rest
 * days; see xf_date_roll_forward() for 第203条.
 *
 * Returns 0, or -1 (leaving *end alone) if n is negative or the end is
 * past 9999-12-31.
 */
int	 xf_date_period_end(const struct xf_date *from, long n,
	    enum xf_period unit, struct xf_date *end);

/*
 * Days from a to b: positive when b is later, 0 when equal.
 */
long	 xf_date_diff(const struct xf_date *a, const struct xf_date *b);

/*
 * ISO 8601 day of the week: 1 Monday .. 7 Sunday.
 */
int	 xf_date_weekday(const struct xf_date *d);

/*
 * ISO 8601 week of d: *isoyear (which differs from d->year in the first
 * and last days of some years: 2024-12-30 is 2025-W01, 2021-01-03 is
 * 2020-W53) and *week (1..53).  Either pointer may be NULL.
 */
void	 xf_date_isoweek(const struct xf_date *d, int *isoyear, int *week);

/*
 * Number of ISO weeks (52 or 53) in ISO year isoyear.
 */
int	 xf_date_isoweeks_in_year(int isoyear);

/*
 * *d = day wday (1 Monday .. 7 Sunday) of ISO week week of isoyear.
 * Returns 0, or -1 (leaving *d alone) if week is not 1..weeks in that
 * year, wday is not 1..7, or the day is outside years 1..9999.
 */
int	 xf_date_from_isoweek(int isoyear, int week, int wday,
	    struct xf_date *d);

/*
 * The period named by the NUL-terminated string s: "day", "week",
 * "month", "quarter" or "year" (lower case, exactly).  Returns the
 * XF_PERIOD_ value, or -1 for anything else.
 */
int	 xf_period_parse(const char *s);

/*
 * The English name of a period, as xf_period_parse() takes it, or NULL
 * for a value outside the enum.
 */
const char *xf_period_name(enum xf_period p);

/*
 * Write the label of the period of kind p that holds d into buf (size
 * bytes): "2024-05-06", "2024-W19" (ISO year and week: 2024-12-30 is in
 * "2025-W01"), "2024-05", "2024-Q2" or "2024".  Labels of one kind sort
 * in time order as strings.  Returns the label's length, or -1 if p is
 * not a period or the label and its NUL do not fit (XF_DATE_BUCKETLEN
 * always fits); on -1 buf holds an empty string when size > 0.
 */
int	 xf_date_bucket(const struct xf_date *d, enum xf_period p, char *buf,
	    size_t size);

/*
 * First day of the period of kind p that holds d: d itself, the Monday
 * of its ISO week, the first of its month, of its quarter (January,
 * April, July or October) or of its year.  d is returned for a p outside
 * the enum.
 */
struct xf_date xf_date_bucket_start(const struct xf_date *d,
	    enum xf_period p);

/*
 * *out = first day of the period of kind p before, or after, the one
 * that holds d (d need not be a period's first day).  Returns 0, or -1
 * (leaving *out alone) outside years 1..9999 or for a bad p.
 */
int	 xf_date_bucket_prev(const struct xf_date *d, enum xf_period p,
	    struct xf_date *out);
int	 xf_date_bucket_next(const struct xf_date *d, enum xf_period p,
	    struct xf_date *out);

/*
 * *out = first day of the same period one year earlier, for
 * year-on-year (同比) comparisons: the same day, month, quarter or year
 * of the previous year (2024-02-29 compares with 2023-02-28), or the
 * same-numbered ISO week of the previous ISO year (2026-W10 with
 * 2025-W10; a week 53 with week 52 when the previous year has no week
 * 53).  Returns 0, or -1 (leaving *out alone) before year 2 or for a
 * bad p.
 */
int	 xf_date_bucket_yoy(const struct xf_date *d, enum xf_period p,
	    struct xf_date *out);

/*
 * A new, empty calendar, or NULL with errno set if out of memory.  An
 * empty calendar knows only weekends.  Free it with xf_calendar_free().
 */
struct xf_calendar *xf_calendar_new(void);

/*
 * Free cal and everything it holds.  NULL is allowed.
 */
void	 xf_calendar_free(struct xf_calendar *cal);

/*
 * Record that date d is of the given kind.  Any order is fine; loading
 * in date order is fastest.  Adding a date again with the same kind
 * changes nothing.  Returns 0, or -1 and, if why is not NULL, a static
 * reason in *why: d not valid, kind not an XF_DAY_ value, d already
 * recorded with the other kind, or out of memory (errno is then ENOMEM).
 * On -1 the calendar is unchanged.
 */
int	 xf_calendar_add(struct xf_calendar *cal, const struct xf_date *d,
	    enum xf_daykind kind, const char **why);

/*
 * 1 if the calendar holds at least one date in year, so that its rest
 * days for that year are known, else 0.  A NULL cal covers no year.
 */
int	 xf_calendar_covers(const struct xf_calendar *cal, int year);

/*
 * 1 if d is a rest day: an official holiday, or a Saturday or Sunday
 * that is not a make-up working day.  Else 0.  A NULL cal means weekends
 * only.
 */
int	 xf_calendar_is_restday(const struct xf_calendar *cal,
	    const struct xf_date *d);

/*
 * *out = d if d is a working day, else the first working day after it
 * (民法典 第203条: a period ending on a rest day ends on the day after
 * the rest).  out may point at d.  cal may be NULL (weekends only).
 *
 * Returns 0; 1 when the answer rests on a year the calendar does not
 * cover (some day it judged lies in such a year, so only weekends were
 * known there: warn the user); or -1, leaving *out alone, past
 * 9999-12-31.
 */
int	 xf_date_roll_forward(const struct xf_calendar *cal,
	    const struct xf_date *d, struct xf_date *out);

/*
 * *out = the n-th working day after d, counting from the next day, so
 * that 5 working days from a Friday before an ordinary weekend end on
 * the following Friday.  n = 0 gives d itself; a negative n counts back
 * to the n-th working day before d.  out may point at d.  cal may be
 * NULL (weekends only).
 *
 * Returns 0, 1 or -1 as xf_date_roll_forward() does.
 */
int	 xf_date_add_workdays(const struct xf_calendar *cal,
	    const struct xf_date *d, long n, struct xf_date *out);

#endif /* XF_DATE_H */
