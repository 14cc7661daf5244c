/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/date.c: parsing, printing, day and month arithmetic,
 * ISO weeks, reporting periods and the holiday calendar.
 *
 * Where the expected values come from: day numbers, weekdays and ISO
 * weeks from GNU date ("date -u -d X +%s", "+%G-W%V-%u"); day and month
 * sums worked by hand and checked with python3's datetime; deadlines from
 * DOMAIN.md section 0.3 and section G worked by hand; rest days from the
 * State Council notice for 2025 (国办发明电〔2024〕12号, DOMAIN.md section
 * G) and for 2026 (2025-11-04, Xinhua text), typed in here, not read from
 * lib/data/holidays.csv.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

/* d, printed, must equal the string want. */
#define assert_date(d, want) do {					\
	char buf_[XF_DATE_STRLEN];					\
	assert_string_equal(xf_date_format(&(d), buf_), (want));	\
} while (0)

/* s parses to the date want (a string) and secs to wsecs. */
#define assert_parses(s, want, wsecs) do {				\
	struct xf_date d_ = { 0, 0, 0 };				\
	const char *why_ = NULL;					\
	int secs_ = -2;							\
	assert_int_equal(xf_date_parse((s), strlen(s), &d_, &secs_,	\
	    &why_), 0);							\
	assert_date(d_, (want));					\
	assert_int_equal(secs_, (wsecs));				\
	assert_null(why_);						\
} while (0)

/* s is rejected with the reason want; the outputs are left alone. */
#define assert_rejected(s, want) do {					\
	struct xf_date d_ = { 7, 7, 7 };				\
	const char *why_ = NULL;					\
	int secs_ = -2;							\
	assert_int_equal(xf_date_parse((s), strlen(s), &d_, &secs_,	\
	    &why_), -1);						\
	assert_non_null(why_);						\
	assert_string_equal(why_, (want));				\
	assert_int_equal(d_.year, 7);					\
	assert_int_equal(d_.month, 7);					\
	assert_int_equal(d_.day, 7);					\
	assert_int_equal(secs_, -2);					\
} while (0)

static struct xf_date
mk(int y, int m, int d)
{
	struct xf_date t;

	t.year = y;
	t.month = m;
	t.day = d;
	return t;
}

/* Add every day from first to last, inclusive, as kind. */
static void
add_range(struct xf_calendar *cal, struct xf_date first, struct xf_date last,
    enum xf_daykind kind)
{
	struct xf_date d = first;

	for (;;) {
		assert_int_equal(xf_calendar_add(cal, &d, kind, NULL), 0);
		if (xf_date_diff(&d, &last) == 0)
			break;
		assert_int_equal(xf_date_add_days(&d, 1, &d), 0);
	}
}

static void
add_one(struct xf_calendar *cal, int y, int m, int d, enum xf_daykind kind)
{
	struct xf_date t = mk(y, m, d);

	assert_int_equal(xf_calendar_add(cal, &t, kind, NULL), 0);
}

/* 2025, from 国办发明电〔2024〕12号 as quoted in DOMAIN.md section G. */
static void
add_2025(struct xf_calendar *cal)
{
	add_one(cal, 2025, 1, 1, XF_DAY_HOLIDAY);
	add_one(cal, 2025, 1, 26, XF_DAY_WORKDAY);
	add_range(cal, mk(2025, 1, 28), mk(2025, 2, 4), XF_DAY_HOLIDAY);
	add_one(cal, 2025, 2, 8, XF_DAY_WORKDAY);
	add_range(cal, mk(2025, 4, 4), mk(2025, 4, 6), XF_DAY_HOLIDAY);
	add_one(cal, 2025, 4, 27, XF_DAY_WORKDAY);
	add_range(cal, mk(2025, 5, 1), mk(2025, 5, 5), XF_DAY_HOLIDAY);
	add_range(cal, mk(2025, 5, 31), mk(2025, 6, 2), XF_DAY_HOLIDAY);
	add_one(cal, 2025, 9, 28, XF_DAY_WORKDAY);
	add_range(cal, mk(2025, 10, 1), mk(2025, 10, 8), XF_DAY_HOLIDAY);
	add_one(cal, 2025, 10, 11, XF_DAY_WORKDAY);
}

/* 2026, New Year only: 01-01..03 off, Sunday 01-04 worked. */
static void
add_2026_new_year(struct xf_calendar *cal)
{
	add_range(cal, mk(2026, 1, 1), mk(2026, 1, 3), XF_DAY_HOLIDAY);
	add_one(cal, 2026, 1, 4, XF_DAY_WORKDAY);
}

static int
cal_2025(void **state)
{
	struct xf_calendar *cal;

	if ((cal = xf_calendar_new()) == NULL)
		return -1;
	add_2025(cal);
	*state = cal;
	return 0;
}

static int
cal_free(void **state)
{
	xf_calendar_free(*state);
	return 0;
}

/* Leap years and month lengths. */

static void
is_leap__gregorian_rule__century_exception(void **state)
{
	(void)state;
	assert_true(xf_date_is_leap(2024));
	assert_false(xf_date_is_leap(2023));
	assert_false(xf_date_is_leap(1900));
	assert_false(xf_date_is_leap(2100));
	assert_true(xf_date_is_leap(2000));
	assert_true(xf_date_is_leap(2400));
	assert_true(xf_date_is_leap(4));
}

static void
days_in_month__each_kind__28_to_31(void **state)
{
	(void)state;
	assert_int_equal(xf_date_days_in_month(2024, 2), 29);
	assert_int_equal(xf_date_days_in_month(2023, 2), 28);
	assert_int_equal(xf_date_days_in_month(1900, 2), 28);
	assert_int_equal(xf_date_days_in_month(2000, 2), 29);
	assert_int_equal(xf_date_days_in_month(2024, 1), 31);
	assert_int_equal(xf_date_days_in_month(2024, 4), 30);
	assert_int_equal(xf_date_days_in_month(2024, 12), 31);
}

static void
days_in_month__bad_month__zero(void **state)
{
	(void)state;
	assert_int_equal(xf_date_days_in_month(2024, 0), 0);
	assert_int_equal(xf_date_days_in_month(2024, 13), 0);
	assert_int_equal(xf_date_days_in_month(2024, -1), 0);
}

static void
valid__real_days__accepted(void **state)
{
	struct xf_date d;

	(void)state;
	d = mk(2024, 2, 29);
	assert_true(xf_date_valid(&d));
	d = mk(2000, 2, 29);
	assert_true(xf_date_valid(&d));
	d = mk(1, 1, 1);
	assert_true(xf_date_valid(&d));
	d = mk(9999, 12, 31);
	assert_true(xf_date_valid(&d));
	d = mk(2024, 4, 30);
	assert_true(xf_date_valid(&d));
}

static void
valid__impossible_days__rejected(void **state)
{
	struct xf_date d;

	(void)state;
	d = mk(2023, 2, 29);
	assert_false(xf_date_valid(&d));
	d = mk(1900, 2, 29);
	assert_false(xf_date_valid(&d));
	d = mk(2024, 2, 30);
	assert_false(xf_date_valid(&d));
	d = mk(2024, 4, 31);
	assert_false(xf_date_valid(&d));
	d = mk(2024, 13, 1);
	assert_false(xf_date_valid(&d));
	d = mk(2024, 0, 1);
	assert_false(xf_date_valid(&d));
	d = mk(2024, 1, 0);
	assert_false(xf_date_valid(&d));
	d = mk(0, 1, 1);
	assert_false(xf_date_valid(&d));
	d = mk(10000, 1, 1);
	assert_false(xf_date_valid(&d));
}

/* Day numbers; expected values are "date -u -d X +%s" / 86400. */

static void
to_days__known_dates__match_gnu_date(void **state)
{
	struct xf_date d;

	(void)state;
	d = mk(1970, 1, 1);
	assert_int_equal(xf_date_to_days(&d), 0);
	d = mk(1969, 12, 31);
	assert_int_equal(xf_date_to_days(&d), -1);
	d = mk(2000, 3, 1);
	assert_int_equal(xf_date_to_days(&d), 11017);
	d = mk(2024, 5, 6);
	assert_int_equal(xf_date_to_days(&d), 19849);
	d = mk(1900, 3, 1);
	assert_int_equal(xf_date_to_days(&d), -25508);
	d = mk(1, 1, 1);
	assert_int_equal(xf_date_to_days(&d), -719162);
	assert_int_equal(XF_DATE_MIN_DAYS, -719162);
	d = mk(9999, 12, 31);
	assert_int_equal(xf_date_to_days(&d), 2932896);
	assert_int_equal(XF_DATE_MAX_DAYS, 2932896);
}

static void
from_days__known_numbers__match_gnu_date(void **state)
{
	struct xf_date d;

	(void)state;
	assert_int_equal(xf_date_from_days(0, &d), 0);
	assert_date(d, "1970-01-01");
	assert_int_equal(xf_date_from_days(-1, &d), 0);
	assert_date(d, "1969-12-31");
	assert_int_equal(xf_date_from_days(11017, &d), 0);
	assert_date(d, "2000-03-01");
	assert_int_equal(xf_date_from_days(11016, &d), 0);
	assert_date(d, "2000-02-29");
	assert_int_equal(xf_date_from_days(-25508, &d), 0);
	assert_date(d, "1900-03-01");
	assert_int_equal(xf_date_from_days(-25509, &d), 0);
	assert_date(d, "1900-02-28");
	assert_int_equal(xf_date_from_days(-719162, &d), 0);
	assert_date(d, "0001-01-01");
	assert_int_equal(xf_date_from_days(2932896, &d), 0);
	assert_date(d, "9999-12-31");
}

static void
from_days__out_of_range__rejected_output_untouched(void **state)
{
	struct xf_date d = { 7, 7, 7 };

	(void)state;
	assert_int_equal(xf_date_from_days(XF_DATE_MIN_DAYS - 1, &d), -1);
	assert_int_equal(xf_date_from_days(XF_DATE_MAX_DAYS + 1, &d), -1);
	assert_int_equal(xf_date_from_days(LONG_MAX, &d), -1);
	assert_int_equal(xf_date_from_days(LONG_MIN, &d), -1);
	assert_int_equal(d.year, 7);
	assert_int_equal(d.month, 7);
	assert_int_equal(d.day, 7);
}

/* Parsing: every accepted form. */

static void
parse__iso_dash__date_no_time(void **state)
{
	(void)state;
	assert_parses("2024-05-06", "2024-05-06", -1);
	assert_parses("2024-5-6", "2024-05-06", -1);
	assert_parses("2024-12-31", "2024-12-31", -1);
}

static void
parse__slash_and_dot__date(void **state)
{
	(void)state;
	assert_parses("2024/5/6", "2024-05-06", -1);
	assert_parses("2024/05/06", "2024-05-06", -1);
	assert_parses("2024.5.6", "2024-05-06", -1);
	assert_parses("2024.05.06", "2024-05-06", -1);
}

static void
parse__chinese__with_and_without_ri(void **state)
{
	(void)state;
	assert_parses("2024年5月6日", "2024-05-06", -1);
	assert_parses("2024年05月06日", "2024-05-06", -1);
	assert_parses("2024年5月6", "2024-05-06", -1);
	assert_parses("2024年12月31日", "2024-12-31", -1);
}

static void
parse__eight_digits__date(void **state)
{
	(void)state;
	assert_parses("20240506", "2024-05-06", -1);
	assert_parses("20241231", "2024-12-31", -1);
	assert_parses("00010101", "0001-01-01", -1);
}

static void
parse__leap_days__accepted(void **state)
{
	(void)state;
	assert_parses("2024-02-29", "2024-02-29", -1);
	assert_parses("2000-02-29", "2000-02-29", -1);
	assert_parses("20240229", "2024-02-29", -1);
	assert_parses("0001-01-01", "0001-01-01", -1);
	assert_parses("9999-12-31", "9999-12-31", -1);
}

static void
parse__colon_time__seconds_since_midnight(void **state)
{
	(void)state;
	/* 14:30 = 14*3600 + 30*60 = 52200. */
	assert_parses("2024-05-06 14:30", "2024-05-06", 52200);
	assert_parses("2024-05-06 14:30:05", "2024-05-06", 52205);
	assert_parses("2024-05-06T14:30:05", "2024-05-06", 52205);
	assert_parses("2024-05-06T14:30", "2024-05-06", 52200);
	assert_parses("2024/5/6 9:05", "2024-05-06", 32700);
	assert_parses("2024.5.6 09:05:00", "2024-05-06", 32700);
	assert_parses("20240506 14:30", "2024-05-06", 52200);
	assert_parses("20240506T14:30:05", "2024-05-06", 52205);
	assert_parses("2024-05-06 00:00", "2024-05-06", 0);
	assert_parses("2024-05-06 23:59:59", "2024-05-06", 86399);
}

static void
parse__fraction_of_second__dropped(void **state)
{
	(void)state;
	assert_parses("2024-05-06 14:30:05.0", "2024-05-06", 52205);
	assert_parses("2024-05-06 14:30:05.999", "2024-05-06", 52205);
}

static void
parse__several_blanks_before_time__accepted(void **state)
{
	(void)state;
	assert_parses("2024-05-06  14:30", "2024-05-06", 52200);
	assert_parses("2024-05-06\t14:30", "2024-05-06", 52200);
	assert_parses("2024年5月6 14:30", "2024-05-06", 52200);
}

static void
parse__chinese_time__seconds_since_midnight(void **state)
{
	(void)state;
	assert_parses("2024年5月6日 14时30分", "2024-05-06", 52200);
	assert_parses("2024年5月6日14时30分", "2024-05-06", 52200);
	assert_parses("2024年5月6日14时30分05秒", "2024-05-06", 52205);
	assert_parses("2024年5月6日 14时30分5秒", "2024-05-06", 52205);
	assert_parses("2024年5月6日 9时5分", "2024-05-06", 32700);
	assert_parses("2024年5月6日 14時30分", "2024-05-06", 52200);
	assert_parses("2024-05-06 14时30分", "2024-05-06", 52200);
}

static void
parse__chinese_date_colon_time__accepted(void **state)
{
	(void)state;
	assert_parses("2024年5月6日14:30", "2024-05-06", 52200);
	assert_parses("2024年5月6日 14:30:05", "2024-05-06", 52205);
}

static void
parse__full_width__read_as_ascii(void **state)
{
	(void)state;
	assert_parses("２０２４－０５－０６", "2024-05-06", -1);
	assert_parses("２０２４年５月６日", "2024-05-06", -1);
	assert_parses("２０２４０５０６", "2024-05-06", -1);
	assert_parses("２０２４／５／６", "2024-05-06", -1);
	assert_parses("2024-05-06 １４：３０", "2024-05-06", 52200);
	assert_parses("２０２４年５月６日１４时３０分", "2024-05-06", 52200);
}

static void
parse__surrounding_blanks__ignored(void **state)
{
	(void)state;
	assert_parses("  2024-05-06", "2024-05-06", -1);
	assert_parses("2024-05-06  ", "2024-05-06", -1);
	assert_parses("\t2024-05-06 14:30 \t", "2024-05-06", 52200);
	assert_parses(" 2024年5月6日 ", "2024-05-06", -1);
}

static void
parse__length_bounds_input__rest_ignored(void **state)
{
	static const char nonul[10] = {
		'2', '0', '2', '4', '-', '0', '5', '-', '0', '6'
	};
	struct xf_date d;
	int secs;

	(void)state;
	assert_int_equal(xf_date_parse("2024-05-06XYZ", 10, &d, &secs, NULL),
	    0);
	assert_date(d, "2024-05-06");
	assert_int_equal(secs, -1);
	assert_int_equal(xf_date_parse(nonul, sizeof(nonul), &d, &secs,
	    NULL), 0);
	assert_date(d, "2024-05-06");
}

static void
parse__null_secs_and_why__allowed(void **state)
{
	struct xf_date d;

	(void)state;
	assert_int_equal(xf_date_parse("2024-05-06 14:30", 16, &d, NULL,
	    NULL), 0);
	assert_date(d, "2024-05-06");
	assert_int_equal(xf_date_parse("2024-02-30", 10, &d, NULL, NULL), -1);
	assert_date(d, "2024-05-06");
}

/* Parsing: every rejection. */

static void
parse__empty__rejected(void **state)
{
	(void)state;
	assert_rejected("", "empty date");
	assert_rejected("   ", "empty date");
	assert_rejected("\t", "empty date");
	assert_int_equal(xf_date_parse(NULL, 0, &(struct xf_date){ 0, 0, 0 },
	    NULL, NULL), -1);
}

static void
parse__impossible_day__rejected(void **state)
{
	(void)state;
	assert_rejected("2024-02-30", "day out of range for the month");
	assert_rejected("2023-02-29", "day out of range for the month");
	assert_rejected("1900-02-29", "day out of range for the month");
	assert_rejected("2024-04-31", "day out of range for the month");
	assert_rejected("2024-01-00", "day out of range for the month");
	assert_rejected("2024-01-32", "day out of range for the month");
	assert_rejected("20230229", "day out of range for the month");
	assert_rejected("2023年2月29日", "day out of range for the month");
}

static void
parse__bad_month__rejected(void **state)
{
	(void)state;
	assert_rejected("2024-13-01", "month out of range");
	assert_rejected("2024-00-10", "month out of range");
	assert_rejected("20241301", "month out of range");
	assert_rejected("2024年13月1日", "month out of range");
}

static void
parse__year_zero__rejected(void **state)
{
	(void)state;
	assert_rejected("0000-01-01", "year 0000 does not exist");
	assert_rejected("00000101", "year 0000 does not exist");
}

static void
parse__short_or_long_year__rejected(void **state)
{
	(void)state;
	assert_rejected("24-05-06", "year must have four digits");
	assert_rejected("24/5/6", "year must have four digits");
	assert_rejected("24年5月6日", "year must have four digits");
	assert_rejected("12024-05-06", "expected a four-digit year or eight "
	    "digits YYYYMMDD");
	assert_rejected("202456", "expected a four-digit year or eight "
	    "digits YYYYMMDD");
	assert_rejected("2024056", "expected a four-digit year or eight "
	    "digits YYYYMMDD");
}

static void
parse__day_month_year_order__rejected(void **state)
{
	(void)state;
	assert_rejected("05/06/2024", "year must have four digits");
	assert_rejected("5/6/2024", "year must have four digits");
	assert_rejected("06.05.2024", "year must have four digits");
}

static void
parse__not_a_date__rejected(void **state)
{
	(void)state;
	assert_rejected("abc", "date must start with a four-digit year");
	assert_rejected("T2024-05-06", "date must start with a four-digit "
	    "year");
	assert_rejected("2024_05_06", "unknown date form");
	assert_rejected("2024 05 06", "unknown date form");
	/* Truncated UTF-8 for 年. */
	assert_rejected("2024\xe5\xb9", "unknown date form");
}

static void
parse__incomplete_date__rejected(void **state)
{
	(void)state;
	assert_rejected("2024", "date has no month or day");
	assert_rejected("2024-05", "date has no day");
	assert_rejected("2024-05-", "date has no day");
	assert_rejected("2024年5月", "date has no day");
	assert_rejected("2024年5", "expected 月 after the month");
	assert_rejected("2024年", "month must have one or two digits");
}

static void
parse__mixed_separators__rejected(void **state)
{
	(void)state;
	assert_rejected("2024-5/6", "mixed date separators");
	assert_rejected("2024/05-06", "mixed date separators");
	assert_rejected("2024.05/06", "mixed date separators");
}

static void
parse__too_many_digits__rejected(void **state)
{
	(void)state;
	assert_rejected("2024-005-06", "month must have one or two digits");
	assert_rejected("2024--06", "month must have one or two digits");
	assert_rejected("2024-05-006", "day must have one or two digits");
	/* Time glued to a numeric day cannot be told apart from the day. */
	assert_rejected("2024-05-0614:30", "day must have one or two digits");
}

static void
parse__trailing_garbage__rejected(void **state)
{
	(void)state;
	assert_rejected("2024-05-06x", "unexpected text after the date");
	assert_rejected("2024-05-06-", "unexpected text after the date");
	assert_rejected("2024年5月6号", "unexpected text after the date");
	assert_rejected("20240506Z", "unexpected text after the date");
	assert_rejected("2024-05-06 14:30x", "unexpected text after the time");
	assert_rejected("2024-05-06 14:30Z", "unexpected text after the time");
	assert_rejected("2024-05-06T14:30:05+08:00",
	    "unexpected text after the time");
	assert_rejected("2024-05-06 14:30 x", "unexpected text after the time");
	assert_rejected("2024年5月6日 14时30分x",
	    "unexpected text after the time");
}

static void
parse__embedded_nul__rejected(void **state)
{
	struct xf_date d;
	const char *why = NULL;

	(void)state;
	assert_int_equal(xf_date_parse("2024-05-06\0", 11, &d, NULL, &why),
	    -1);
	assert_string_equal(why, "unexpected text after the date");
	assert_int_equal(xf_date_parse("2024-05\0-06", 11, &d, NULL, &why),
	    -1);
	assert_string_equal(why, "date has no day");
}

static void
parse__bad_time__rejected(void **state)
{
	(void)state;
	assert_rejected("2024-05-06 24:00", "time of day out of range");
	assert_rejected("2024-05-06 14:60", "time of day out of range");
	assert_rejected("2024-05-06 14:30:60", "time of day out of range");
	assert_rejected("2024年5月6日 25时00分", "time of day out of range");
	assert_rejected("2024-05-06 14:3", "minutes must have two digits");
	assert_rejected("2024-05-06 14:300", "minutes must have two digits");
	assert_rejected("2024-05-06 14:30:5", "seconds must have two digits");
	assert_rejected("2024-05-06 14:30:05.",
	    "no digits after the decimal point of the seconds");
	assert_rejected("2024-05-06 14", "time of day must be H:MM or H时M分");
	assert_rejected("2024-05-06 14.30", "time of day must be H:MM or "
	    "H时M分");
	assert_rejected("2024-05-06T", "time of day must start with a one- "
	    "or two-digit hour");
	assert_rejected("2024-05-06 T14:30", "time of day must start with a "
	    "one- or two-digit hour");
	assert_rejected("2024-05-06 114:30", "time of day must start with a "
	    "one- or two-digit hour");
	assert_rejected("20240506T143005", "time of day must start with a "
	    "one- or two-digit hour");
}

static void
parse__bad_chinese_time__rejected(void **state)
{
	(void)state;
	assert_rejected("2024年5月6日 14时", "expected one- or two-digit "
	    "minutes and 分 after 时");
	assert_rejected("2024年5月6日 14时30", "expected one- or two-digit "
	    "minutes and 分 after 时");
	assert_rejected("2024年5月6日 14时300分", "expected one- or two-digit "
	    "minutes and 分 after 时");
	assert_rejected("2024年5月6日 14时30分05", "expected one- or two-digit "
	    "seconds and 秒 after 分");
	assert_rejected("2024年5月6日 14时30分005秒", "expected one- or "
	    "two-digit seconds and 秒 after 分");
}

/* Printing. */

static void
format__dates__zero_padded_iso(void **state)
{
	char buf[XF_DATE_STRLEN];
	struct xf_date d;

	(void)state;
	d = mk(2024, 5, 6);
	assert_ptr_equal(xf_date_format(&d, buf), buf);
	assert_string_equal(buf, "2024-05-06");
	d = mk(1, 1, 1);
	assert_string_equal(xf_date_format(&d, buf), "0001-01-01");
	d = mk(9999, 12, 31);
	assert_string_equal(xf_date_format(&d, buf), "9999-12-31");
}

static void
format_time__seconds__hh_mm_ss(void **state)
{
	char buf[XF_DATE_TIMELEN];

	(void)state;
	assert_string_equal(xf_date_format_time(52205, buf), "14:30:05");
	assert_string_equal(xf_date_format_time(0, buf), "00:00:00");
	assert_string_equal(xf_date_format_time(86399, buf), "23:59:59");
	assert_string_equal(xf_date_format_time(32700, buf), "09:05:00");
}

static void
format_time__out_of_range__null(void **state)
{
	char buf[XF_DATE_TIMELEN] = "x";

	(void)state;
	assert_null(xf_date_format_time(86400, buf));
	assert_null(xf_date_format_time(-1, buf));
	assert_string_equal(buf, "x");
}

/* Day arithmetic. */

static void
add_days__month_and_year_ends__carry(void **state)
{
	struct xf_date d = mk(2024, 2, 28), r;

	(void)state;
	assert_int_equal(xf_date_add_days(&d, 1, &r), 0);
	assert_date(r, "2024-02-29");
	assert_int_equal(xf_date_add_days(&d, 2, &r), 0);
	assert_date(r, "2024-03-01");
	d = mk(2023, 2, 28);
	assert_int_equal(xf_date_add_days(&d, 1, &r), 0);
	assert_date(r, "2023-03-01");
	d = mk(2024, 12, 31);
	assert_int_equal(xf_date_add_days(&d, 1, &r), 0);
	assert_date(r, "2025-01-01");
	d = mk(2024, 5, 6);
	assert_int_equal(xf_date_add_days(&d, 60, &r), 0);
	assert_date(r, "2024-07-05");
	assert_int_equal(xf_date_add_days(&d, 0, &r), 0);
	assert_date(r, "2024-05-06");
}

static void
add_days__negative__goes_back(void **state)
{
	struct xf_date d = mk(2024, 3, 1), r;

	(void)state;
	assert_int_equal(xf_date_add_days(&d, -1, &r), 0);
	assert_date(r, "2024-02-29");
	d = mk(2025, 1, 1);
	assert_int_equal(xf_date_add_days(&d, -366, &r), 0);
	assert_date(r, "2024-01-01");
}

static void
add_days__in_place__allowed(void **state)
{
	struct xf_date d = mk(2024, 5, 6);

	(void)state;
	assert_int_equal(xf_date_add_days(&d, 15, &d), 0);
	assert_date(d, "2024-05-21");
}

static void
add_days__out_of_range__rejected(void **state)
{
	struct xf_date d = mk(9999, 12, 31), r = { 7, 7, 7 };

	(void)state;
	assert_int_equal(xf_date_add_days(&d, 1, &r), -1);
	assert_int_equal(xf_date_add_days(&d, LONG_MAX, &r), -1);
	d = mk(1, 1, 1);
	assert_int_equal(xf_date_add_days(&d, -1, &r), -1);
	assert_int_equal(xf_date_add_days(&d, LONG_MIN, &r), -1);
	assert_int_equal(r.year, 7);
	assert_int_equal(xf_date_add_days(&d, 0, &r), 0);
	assert_date(r, "0001-01-01");
}

static void
add_months__short_month__clamped(void **state)
{
	struct xf_date d = mk(2024, 1, 31), r;

	(void)state;
	assert_int_equal(xf_date_add_months(&d, 1, &r), 0);
	assert_date(r, "2024-02-29");
	d = mk(2023, 1, 31);
	assert_int_equal(xf_date_add_months(&d, 1, &r), 0);
	assert_date(r, "2023-02-28");
	d = mk(2024, 3, 31);
	assert_int_equal(xf_date_add_months(&d, 1, &r), 0);
	assert_date(r, "2024-04-30");
	d = mk(2024, 2, 29);
	assert_int_equal(xf_date_add_months(&d, 12, &r), 0);
	assert_date(r, "2025-02-28");
	assert_int_equal(xf_date_add_months(&d, 48, &r), 0);
	assert_date(r, "2028-02-29");
}

static void
add_months__no_clamp_needed__same_day(void **state)
{
	struct xf_date d = mk(2024, 5, 6), r;

	(void)state;
	assert_int_equal(xf_date_add_months(&d, 1, &r), 0);
	assert_date(r, "2024-06-06");
	assert_int_equal(xf_date_add_months(&d, 8, &r), 0);
	assert_date(r, "2025-01-06");
	d = mk(2023, 12, 31);
	assert_int_equal(xf_date_add_months(&d, 13, &r), 0);
	assert_date(r, "2025-01-31");
	assert_int_equal(xf_date_add_months(&d, 0, &r), 0);
	assert_date(r, "2023-12-31");
}

static void
add_months__negative__back_and_clamped(void **state)
{
	struct xf_date d = mk(2024, 3, 31), r;

	(void)state;
	assert_int_equal(xf_date_add_months(&d, -1, &r), 0);
	assert_date(r, "2024-02-29");
	d = mk(2024, 1, 15);
	assert_int_equal(xf_date_add_months(&d, -1, &r), 0);
	assert_date(r, "2023-12-15");
	assert_int_equal(xf_date_add_months(&d, -25, &r), 0);
	assert_date(r, "2021-12-15");
}

static void
add_months__out_of_range__rejected(void **state)
{
	struct xf_date d = mk(1, 1, 31), r = { 7, 7, 7 };

	(void)state;
	assert_int_equal(xf_date_add_months(&d, -1, &r), -1);
	d = mk(9999, 12, 1);
	assert_int_equal(xf_date_add_months(&d, 1, &r), -1);
	assert_int_equal(xf_date_add_months(&d, LONG_MAX, &r), -1);
	assert_int_equal(xf_date_add_months(&d, LONG_MIN, &r), -1);
	assert_int_equal(r.year, 7);
	d = mk(9999, 11, 30);
	assert_int_equal(xf_date_add_months(&d, 1, &r), 0);
	assert_date(r, "9999-12-30");
}

/* Periods under 民法典 第201-202条. */

static void
period_end__15_days__counted_from_next_day(void **state)
{
	struct xf_date d = mk(2024, 5, 6), r;

	(void)state;
	/* Day 1 is 05-07, so day 15 is 05-21. */
	assert_int_equal(xf_date_period_end(&d, 15, XF_PERIOD_DAY, &r), 0);
	assert_date(r, "2024-05-21");
	/* 25 days to 05-31, 30 in June, 5 in July. */
	assert_int_equal(xf_date_period_end(&d, 60, XF_PERIOD_DAY, &r), 0);
	assert_date(r, "2024-07-05");
	/* 15 days from 2025-09-16: 14 to 09-30, the 15th is 10-01. */
	d = mk(2025, 9, 16);
	assert_int_equal(xf_date_period_end(&d, 15, XF_PERIOD_DAY, &r), 0);
	assert_date(r, "2025-10-01");
}

static void
period_end__months__same_day_or_month_end(void **state)
{
	struct xf_date d = mk(2024, 1, 31), r;

	(void)state;
	assert_int_equal(xf_date_period_end(&d, 1, XF_PERIOD_MONTH, &r), 0);
	assert_date(r, "2024-02-29");
	d = mk(2024, 5, 6);
	assert_int_equal(xf_date_period_end(&d, 6, XF_PERIOD_MONTH, &r), 0);
	assert_date(r, "2024-11-06");
	d = mk(2024, 11, 30);
	assert_int_equal(xf_date_period_end(&d, 1, XF_PERIOD_QUARTER, &r), 0);
	assert_date(r, "2025-02-28");
	d = mk(2024, 2, 29);
	assert_int_equal(xf_date_period_end(&d, 1, XF_PERIOD_YEAR, &r), 0);
	assert_date(r, "2025-02-28");
}

static void
period_end__weeks__seven_days_each(void **state)
{
	struct xf_date d = mk(2024, 5, 6), r;

	(void)state;
	assert_int_equal(xf_date_period_end(&d, 2, XF_PERIOD_WEEK, &r), 0);
	assert_date(r, "2024-05-20");
}

static void
period_end__zero__same_day(void **state)
{
	struct xf_date d = mk(2024, 5, 6), r;

	(void)state;
	assert_int_equal(xf_date_period_end(&d, 0, XF_PERIOD_DAY, &r), 0);
	assert_date(r, "2024-05-06");
	assert_int_equal(xf_date_period_end(&d, 0, XF_PERIOD_MONTH, &r), 0);
	assert_date(r, "2024-05-06");
}

static void
period_end__negative_or_too_far__rejected(void **state)
{
	struct xf_date d = mk(2024, 5, 6), r = { 7, 7, 7 };

	(void)state;
	assert_int_equal(xf_date_period_end(&d, -1, XF_PERIOD_DAY, &r), -1);
	assert_int_equal(xf_date_period_end(&d, LONG_MAX, XF_PERIOD_WEEK,
	    &r), -1);
	assert_int_equal(xf_date_period_end(&d, 8000, XF_PERIOD_YEAR, &r),
	    -1);
	assert_int_equal(xf_date_period_end(&d, 1, (enum xf_period)99, &r),
	    -1);
	assert_int_equal(r.year, 7);
}

static void
diff__pairs__signed_day_count(void **state)
{
	struct xf_date a, b;

	(void)state;
	a = mk(2024, 2, 1);
	b = mk(2024, 3, 1);
	assert_int_equal(xf_date_diff(&a, &b), 29);
	a = mk(2024, 1, 1);
	b = mk(2025, 1, 1);
	assert_int_equal(xf_date_diff(&a, &b), 366);
	a = mk(2024, 12, 31);
	b = mk(2024, 1, 1);
	assert_int_equal(xf_date_diff(&a, &b), -365);
	a = mk(2024, 5, 6);
	b = mk(2024, 5, 21);
	assert_int_equal(xf_date_diff(&a, &b), 15);
	assert_int_equal(xf_date_diff(&a, &a), 0);
}

static void
weekday__known_dates__iso_numbers(void **state)
{
	struct xf_date d;

	(void)state;
	d = mk(2024, 5, 6);
	assert_int_equal(xf_date_weekday(&d), 1);
	d = mk(1970, 1, 1);
	assert_int_equal(xf_date_weekday(&d), 4);
	d = mk(1969, 12, 31);
	assert_int_equal(xf_date_weekday(&d), 3);
	d = mk(2021, 1, 3);
	assert_int_equal(xf_date_weekday(&d), 7);
	d = mk(2024, 12, 28);
	assert_int_equal(xf_date_weekday(&d), 6);
	d = mk(2000, 2, 29);
	assert_int_equal(xf_date_weekday(&d), 2);
	d = mk(1, 1, 1);
	assert_int_equal(xf_date_weekday(&d), 1);
	d = mk(9999, 12, 31);
	assert_int_equal(xf_date_weekday(&d), 5);
}

/* ISO weeks; every expected value from "date -u -d X +%G-W%V". */

static void
isoweek__year_boundaries__match_gnu_date(void **state)
{
	static const struct {
		int	y, m, d, iy, w;
	} cases[] = {
		{ 2024, 12, 30, 2025, 1 },
		{ 2021, 1, 3, 2020, 53 },
		{ 2021, 1, 4, 2021, 1 },
		{ 2020, 12, 31, 2020, 53 },
		{ 2026, 1, 1, 2026, 1 },
		{ 2027, 1, 1, 2026, 53 },
		{ 2027, 1, 3, 2026, 53 },
		{ 2027, 1, 4, 2027, 1 },
		{ 2015, 12, 31, 2015, 53 },
		{ 2016, 1, 3, 2015, 53 },
		{ 2008, 12, 29, 2009, 1 },
		{ 2010, 1, 3, 2009, 53 },
		{ 2019, 12, 30, 2020, 1 },
		{ 2004, 12, 31, 2004, 53 },
		{ 2005, 1, 1, 2004, 53 },
		{ 2023, 1, 1, 2022, 52 },
		{ 2024, 1, 1, 2024, 1 },
		{ 2024, 5, 6, 2024, 19 },
		{ 2000, 2, 29, 2000, 9 },
		{ 1969, 12, 31, 1970, 1 },
		{ 1, 1, 1, 1, 1 },
		{ 9999, 12, 31, 9999, 52 },
	};
	struct xf_date d;
	size_t i;
	int iy, w;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		d = mk(cases[i].y, cases[i].m, cases[i].d);
		xf_date_isoweek(&d, &iy, &w);
		assert_int_equal(iy, cases[i].iy);
		assert_int_equal(w, cases[i].w);
	}
}

static void
isoweek__null_outputs__allowed(void **state)
{
	struct xf_date d = mk(2024, 12, 30);
	int v = 0;

	(void)state;
	xf_date_isoweek(&d, NULL, &v);
	assert_int_equal(v, 1);
	xf_date_isoweek(&d, &v, NULL);
	assert_int_equal(v, 2025);
}

static void
isoweeks_in_year__long_and_short_years__53_or_52(void **state)
{
	(void)state;
	assert_int_equal(xf_date_isoweeks_in_year(2020), 53);
	assert_int_equal(xf_date_isoweeks_in_year(2026), 53);
	assert_int_equal(xf_date_isoweeks_in_year(2015), 53);
	assert_int_equal(xf_date_isoweeks_in_year(2009), 53);
	assert_int_equal(xf_date_isoweeks_in_year(2004), 53);
	assert_int_equal(xf_date_isoweeks_in_year(2024), 52);
	assert_int_equal(xf_date_isoweeks_in_year(2025), 52);
	assert_int_equal(xf_date_isoweeks_in_year(2021), 52);
}

static void
from_isoweek__week_and_day__date(void **state)
{
	struct xf_date d;

	(void)state;
	assert_int_equal(xf_date_from_isoweek(2025, 1, 1, &d), 0);
	assert_date(d, "2024-12-30");
	assert_int_equal(xf_date_from_isoweek(2020, 53, 7, &d), 0);
	assert_date(d, "2021-01-03");
	assert_int_equal(xf_date_from_isoweek(2024, 19, 1, &d), 0);
	assert_date(d, "2024-05-06");
	assert_int_equal(xf_date_from_isoweek(2026, 53, 5, &d), 0);
	assert_date(d, "2027-01-01");
	assert_int_equal(xf_date_from_isoweek(1, 1, 1, &d), 0);
	assert_date(d, "0001-01-01");
}

static void
from_isoweek__bad_week_or_day__rejected(void **state)
{
	struct xf_date d = { 7, 7, 7 };

	(void)state;
	assert_int_equal(xf_date_from_isoweek(2024, 53, 1, &d), -1);
	assert_int_equal(xf_date_from_isoweek(2024, 0, 1, &d), -1);
	assert_int_equal(xf_date_from_isoweek(2024, 1, 0, &d), -1);
	assert_int_equal(xf_date_from_isoweek(2024, 1, 8, &d), -1);
	assert_int_equal(xf_date_from_isoweek(0, 1, 1, &d), -1);
	/* 9999-12-31 is the Friday of 9999-W52. */
	assert_int_equal(xf_date_from_isoweek(9999, 52, 6, &d), -1);
	assert_int_equal(d.year, 7);
	assert_int_equal(xf_date_from_isoweek(9999, 52, 5, &d), 0);
	assert_date(d, "9999-12-31");
}

/* Reporting periods. */

static void
period_parse__names__enum_values(void **state)
{
	(void)state;
	assert_int_equal(xf_period_parse("day"), XF_PERIOD_DAY);
	assert_int_equal(xf_period_parse("week"), XF_PERIOD_WEEK);
	assert_int_equal(xf_period_parse("month"), XF_PERIOD_MONTH);
	assert_int_equal(xf_period_parse("quarter"), XF_PERIOD_QUARTER);
	assert_int_equal(xf_period_parse("year"), XF_PERIOD_YEAR);
}

static void
period_parse__other_words__rejected(void **state)
{
	(void)state;
	assert_int_equal(xf_period_parse(""), -1);
	assert_int_equal(xf_period_parse("Day"), -1);
	assert_int_equal(xf_period_parse("days"), -1);
	assert_int_equal(xf_period_parse("quarterly"), -1);
	assert_int_equal(xf_period_parse("da"), -1);
	assert_int_equal(xf_period_parse("月"), -1);
}

static void
period_name__each__round_trips(void **state)
{
	(void)state;
	assert_string_equal(xf_period_name(XF_PERIOD_DAY), "day");
	assert_string_equal(xf_period_name(XF_PERIOD_QUARTER), "quarter");
	assert_int_equal(xf_period_parse(xf_period_name(XF_PERIOD_WEEK)),
	    XF_PERIOD_WEEK);
	assert_null(xf_period_name((enum xf_period)5));
	assert_null(xf_period_name((enum xf_period)-1));
}

static void
bucket__each_period__label(void **state)
{
	struct xf_date d = mk(2024, 5, 6);
	char buf[XF_DATE_BUCKETLEN];

	(void)state;
	assert_int_equal(xf_date_bucket(&d, XF_PERIOD_DAY, buf, sizeof(buf)),
	    10);
	assert_string_equal(buf, "2024-05-06");
	assert_int_equal(xf_date_bucket(&d, XF_PERIOD_WEEK, buf, sizeof(buf)),
	    8);
	assert_string_equal(buf, "2024-W19");
	assert_int_equal(xf_date_bucket(&d, XF_PERIOD_MONTH, buf,
	    sizeof(buf)), 7);
	assert_string_equal(buf, "2024-05");
	assert_int_equal(xf_date_bucket(&d, XF_PERIOD_QUARTER, buf,
	    sizeof(buf)), 7);
	assert_string_equal(buf, "2024-Q2");
	assert_int_equal(xf_date_bucket(&d, XF_PERIOD_YEAR, buf, sizeof(buf)),
	    4);
	assert_string_equal(buf, "2024");
}

static void
bucket__week_at_year_end__iso_year(void **state)
{
	struct xf_date d;
	char buf[XF_DATE_BUCKETLEN];

	(void)state;
	d = mk(2024, 12, 30);
	xf_date_bucket(&d, XF_PERIOD_WEEK, buf, sizeof(buf));
	assert_string_equal(buf, "2025-W01");
	xf_date_bucket(&d, XF_PERIOD_MONTH, buf, sizeof(buf));
	assert_string_equal(buf, "2024-12");
	d = mk(2021, 1, 3);
	xf_date_bucket(&d, XF_PERIOD_WEEK, buf, sizeof(buf));
	assert_string_equal(buf, "2020-W53");
	xf_date_bucket(&d, XF_PERIOD_YEAR, buf, sizeof(buf));
	assert_string_equal(buf, "2021");
	d = mk(1, 1, 1);
	xf_date_bucket(&d, XF_PERIOD_WEEK, buf, sizeof(buf));
	assert_string_equal(buf, "0001-W01");
}

static void
bucket__quarters__months_three_by_three(void **state)
{
	static const char *const want[12] = {
		"2024-Q1", "2024-Q1", "2024-Q1", "2024-Q2", "2024-Q2",
		"2024-Q2", "2024-Q3", "2024-Q3", "2024-Q3", "2024-Q4",
		"2024-Q4", "2024-Q4"
	};
	struct xf_date d;
	char buf[XF_DATE_BUCKETLEN];
	int m;

	(void)state;
	for (m = 1; m <= 12; m++) {
		d = mk(2024, m, 15);
		xf_date_bucket(&d, XF_PERIOD_QUARTER, buf, sizeof(buf));
		assert_string_equal(buf, want[m - 1]);
	}
}

static void
bucket__small_buffer__empty_and_minus_one(void **state)
{
	struct xf_date d = mk(2024, 5, 6);
	char buf[XF_DATE_BUCKETLEN];

	(void)state;
	assert_int_equal(xf_date_bucket(&d, XF_PERIOD_WEEK, buf, 8), -1);
	assert_string_equal(buf, "");
	assert_int_equal(xf_date_bucket(&d, XF_PERIOD_WEEK, buf, 9), 8);
	assert_string_equal(buf, "2024-W19");
	assert_int_equal(xf_date_bucket(&d, XF_PERIOD_DAY, buf, 10), -1);
	buf[0] = 'x';
	assert_int_equal(xf_date_bucket(&d, XF_PERIOD_YEAR, buf, 0), -1);
	assert_int_equal(buf[0], 'x');
}

static void
bucket__bad_period__minus_one(void **state)
{
	struct xf_date d = mk(2024, 5, 6);
	char buf[XF_DATE_BUCKETLEN];

	(void)state;
	assert_int_equal(xf_date_bucket(&d, (enum xf_period)9, buf,
	    sizeof(buf)), -1);
	assert_string_equal(buf, "");
}

static void
bucket_start__each_period__first_day(void **state)
{
	struct xf_date d = mk(2024, 5, 8), s;

	(void)state;
	s = xf_date_bucket_start(&d, XF_PERIOD_DAY);
	assert_date(s, "2024-05-08");
	s = xf_date_bucket_start(&d, XF_PERIOD_WEEK);
	assert_date(s, "2024-05-06");
	d = mk(2024, 5, 12);	/* a Sunday */
	s = xf_date_bucket_start(&d, XF_PERIOD_WEEK);
	assert_date(s, "2024-05-06");
	d = mk(2025, 1, 1);
	s = xf_date_bucket_start(&d, XF_PERIOD_WEEK);
	assert_date(s, "2024-12-30");
	d = mk(2024, 5, 31);
	s = xf_date_bucket_start(&d, XF_PERIOD_MONTH);
	assert_date(s, "2024-05-01");
	s = xf_date_bucket_start(&d, XF_PERIOD_QUARTER);
	assert_date(s, "2024-04-01");
	s = xf_date_bucket_start(&d, XF_PERIOD_YEAR);
	assert_date(s, "2024-01-01");
	d = mk(2024, 12, 31);
	s = xf_date_bucket_start(&d, XF_PERIOD_QUARTER);
	assert_date(s, "2024-10-01");
	d = mk(1, 1, 3);
	s = xf_date_bucket_start(&d, XF_PERIOD_WEEK);
	assert_date(s, "0001-01-01");
}

static void
bucket_prev__each_period__previous_start(void **state)
{
	struct xf_date d, r;

	(void)state;
	d = mk(2024, 3, 1);
	assert_int_equal(xf_date_bucket_prev(&d, XF_PERIOD_DAY, &r), 0);
	assert_date(r, "2024-02-29");
	d = mk(2025, 1, 1);
	assert_int_equal(xf_date_bucket_prev(&d, XF_PERIOD_WEEK, &r), 0);
	assert_date(r, "2024-12-23");
	d = mk(2024, 3, 31);
	assert_int_equal(xf_date_bucket_prev(&d, XF_PERIOD_MONTH, &r), 0);
	assert_date(r, "2024-02-01");
	d = mk(2024, 1, 15);
	assert_int_equal(xf_date_bucket_prev(&d, XF_PERIOD_MONTH, &r), 0);
	assert_date(r, "2023-12-01");
	d = mk(2024, 2, 10);
	assert_int_equal(xf_date_bucket_prev(&d, XF_PERIOD_QUARTER, &r), 0);
	assert_date(r, "2023-10-01");
	d = mk(2024, 7, 1);
	assert_int_equal(xf_date_bucket_prev(&d, XF_PERIOD_YEAR, &r), 0);
	assert_date(r, "2023-01-01");
}

static void
bucket_prev__before_year_one__rejected(void **state)
{
	struct xf_date d, r = { 7, 7, 7 };

	(void)state;
	d = mk(1, 1, 1);
	assert_int_equal(xf_date_bucket_prev(&d, XF_PERIOD_DAY, &r), -1);
	assert_int_equal(xf_date_bucket_prev(&d, XF_PERIOD_WEEK, &r), -1);
	d = mk(1, 3, 1);
	assert_int_equal(xf_date_bucket_prev(&d, XF_PERIOD_QUARTER, &r), -1);
	d = mk(1, 12, 31);
	assert_int_equal(xf_date_bucket_prev(&d, XF_PERIOD_YEAR, &r), -1);
	assert_int_equal(xf_date_bucket_prev(&d, (enum xf_period)9, &r), -1);
	assert_int_equal(r.year, 7);
}

static void
bucket_next__each_period__next_start(void **state)
{
	struct xf_date d, r;

	(void)state;
	d = mk(2024, 2, 28);
	assert_int_equal(xf_date_bucket_next(&d, XF_PERIOD_DAY, &r), 0);
	assert_date(r, "2024-02-29");
	d = mk(2024, 12, 31);
	assert_int_equal(xf_date_bucket_next(&d, XF_PERIOD_WEEK, &r), 0);
	assert_date(r, "2025-01-06");
	d = mk(2024, 1, 31);
	assert_int_equal(xf_date_bucket_next(&d, XF_PERIOD_MONTH, &r), 0);
	assert_date(r, "2024-02-01");
	d = mk(2024, 11, 15);
	assert_int_equal(xf_date_bucket_next(&d, XF_PERIOD_QUARTER, &r), 0);
	assert_date(r, "2025-01-01");
	assert_int_equal(xf_date_bucket_next(&d, XF_PERIOD_YEAR, &r), 0);
	assert_date(r, "2025-01-01");
}

static void
bucket_next__after_9999__rejected(void **state)
{
	struct xf_date d, r = { 7, 7, 7 };

	(void)state;
	d = mk(9999, 12, 31);
	assert_int_equal(xf_date_bucket_next(&d, XF_PERIOD_DAY, &r), -1);
	assert_int_equal(xf_date_bucket_next(&d, XF_PERIOD_MONTH, &r), -1);
	d = mk(9999, 10, 1);
	assert_int_equal(xf_date_bucket_next(&d, XF_PERIOD_QUARTER, &r), -1);
	assert_int_equal(r.year, 7);
}

static void
bucket_yoy__day_month_quarter_year__one_year_back(void **state)
{
	struct xf_date d, r;

	(void)state;
	d = mk(2024, 2, 29);
	assert_int_equal(xf_date_bucket_yoy(&d, XF_PERIOD_DAY, &r), 0);
	assert_date(r, "2023-02-28");
	d = mk(2025, 5, 6);
	assert_int_equal(xf_date_bucket_yoy(&d, XF_PERIOD_DAY, &r), 0);
	assert_date(r, "2024-05-06");
	d = mk(2024, 5, 20);
	assert_int_equal(xf_date_bucket_yoy(&d, XF_PERIOD_MONTH, &r), 0);
	assert_date(r, "2023-05-01");
	assert_int_equal(xf_date_bucket_yoy(&d, XF_PERIOD_QUARTER, &r), 0);
	assert_date(r, "2023-04-01");
	assert_int_equal(xf_date_bucket_yoy(&d, XF_PERIOD_YEAR, &r), 0);
	assert_date(r, "2023-01-01");
}

static void
bucket_yoy__week__same_week_number(void **state)
{
	struct xf_date d, r;

	(void)state;
	/* 2026-03-04 is in 2026-W10; 2025-W10 starts 2025-03-03. */
	d = mk(2026, 3, 4);
	assert_int_equal(xf_date_bucket_yoy(&d, XF_PERIOD_WEEK, &r), 0);
	assert_date(r, "2025-03-03");
	/* 2025-W01 (from 2024-12-30) against 2024-W01 (from 2024-01-01). */
	d = mk(2024, 12, 31);
	assert_int_equal(xf_date_bucket_yoy(&d, XF_PERIOD_WEEK, &r), 0);
	assert_date(r, "2024-01-01");
}

static void
bucket_yoy__week_53__week_52_of_short_year(void **state)
{
	struct xf_date d, r;

	(void)state;
	/* 2020-W53 against 2019-W52, which starts 2019-12-23. */
	d = mk(2021, 1, 3);
	assert_int_equal(xf_date_bucket_yoy(&d, XF_PERIOD_WEEK, &r), 0);
	assert_date(r, "2019-12-23");
	/* 2026-W53 against 2025-W52, which starts 2025-12-22. */
	d = mk(2027, 1, 1);
	assert_int_equal(xf_date_bucket_yoy(&d, XF_PERIOD_WEEK, &r), 0);
	assert_date(r, "2025-12-22");
}

static void
bucket_yoy__year_one__rejected(void **state)
{
	struct xf_date d = mk(1, 6, 15), r = { 7, 7, 7 };

	(void)state;
	assert_int_equal(xf_date_bucket_yoy(&d, XF_PERIOD_DAY, &r), -1);
	assert_int_equal(xf_date_bucket_yoy(&d, XF_PERIOD_WEEK, &r), -1);
	assert_int_equal(xf_date_bucket_yoy(&d, XF_PERIOD_YEAR, &r), -1);
	assert_int_equal(xf_date_bucket_yoy(&d, (enum xf_period)9, &r), -1);
	assert_int_equal(r.year, 7);
}

/* The holiday calendar. */

static void
calendar_is_restday__national_day_2025__block_off_makeup_on(void **state)
{
	const struct xf_calendar *cal = *state;
	struct xf_date d;
	int day;

	/* Saturday 09-27 is an ordinary weekend; Sunday 09-28 is worked. */
	d = mk(2025, 9, 27);
	assert_true(xf_calendar_is_restday(cal, &d));
	d = mk(2025, 9, 28);
	assert_false(xf_calendar_is_restday(cal, &d));
	d = mk(2025, 9, 30);
	assert_false(xf_calendar_is_restday(cal, &d));
	for (day = 1; day <= 8; day++) {
		d = mk(2025, 10, day);
		assert_true(xf_calendar_is_restday(cal, &d));
	}
	d = mk(2025, 10, 9);
	assert_false(xf_calendar_is_restday(cal, &d));
	d = mk(2025, 10, 10);
	assert_false(xf_calendar_is_restday(cal, &d));
	/* Saturday 10-11 is worked; Sunday 10-12 is not. */
	d = mk(2025, 10, 11);
	assert_false(xf_calendar_is_restday(cal, &d));
	d = mk(2025, 10, 12);
	assert_true(xf_calendar_is_restday(cal, &d));
}

static void
calendar_is_restday__spring_2025__block_off_makeup_on(void **state)
{
	const struct xf_calendar *cal = *state;
	struct xf_date d;

	d = mk(2025, 1, 26);	/* Sunday, worked */
	assert_false(xf_calendar_is_restday(cal, &d));
	d = mk(2025, 1, 27);
	assert_false(xf_calendar_is_restday(cal, &d));
	d = mk(2025, 1, 28);
	assert_true(xf_calendar_is_restday(cal, &d));
	d = mk(2025, 2, 4);
	assert_true(xf_calendar_is_restday(cal, &d));
	d = mk(2025, 2, 5);
	assert_false(xf_calendar_is_restday(cal, &d));
	d = mk(2025, 2, 8);	/* Saturday, worked */
	assert_false(xf_calendar_is_restday(cal, &d));
	d = mk(2025, 2, 9);
	assert_true(xf_calendar_is_restday(cal, &d));
}

static void
calendar_is_restday__no_calendar__weekends_only(void **state)
{
	struct xf_date d;

	(void)state;
	d = mk(2025, 10, 1);	/* a Wednesday */
	assert_false(xf_calendar_is_restday(NULL, &d));
	d = mk(2025, 10, 4);
	assert_true(xf_calendar_is_restday(NULL, &d));
	d = mk(2025, 10, 5);
	assert_true(xf_calendar_is_restday(NULL, &d));
	d = mk(2025, 9, 28);
	assert_true(xf_calendar_is_restday(NULL, &d));
}

static void
calendar_covers__listed_year_only(void **state)
{
	const struct xf_calendar *cal = *state;

	assert_true(xf_calendar_covers(cal, 2025));
	assert_false(xf_calendar_covers(cal, 2024));
	assert_false(xf_calendar_covers(cal, 2026));
	assert_false(xf_calendar_covers(cal, 0));
	assert_false(xf_calendar_covers(cal, 10000));
	assert_false(xf_calendar_covers(NULL, 2025));
}

static void
calendar_covers__empty_calendar__nothing(void **state)
{
	struct xf_calendar *cal;

	(void)state;
	assert_non_null(cal = xf_calendar_new());
	assert_false(xf_calendar_covers(cal, 2025));
	xf_calendar_free(cal);
	xf_calendar_free(NULL);
}

static void
calendar_add__duplicate_same_kind__no_change(void **state)
{
	struct xf_calendar *cal = *state;
	struct xf_date d = mk(2025, 10, 1);
	const char *why = NULL;

	assert_int_equal(xf_calendar_add(cal, &d, XF_DAY_HOLIDAY, &why), 0);
	assert_null(why);
	assert_true(xf_calendar_is_restday(cal, &d));
}

static void
calendar_add__conflicting_kind__rejected(void **state)
{
	struct xf_calendar *cal = *state;
	struct xf_date d = mk(2025, 10, 1);
	const char *why = NULL;

	assert_int_equal(xf_calendar_add(cal, &d, XF_DAY_WORKDAY, &why), -1);
	assert_string_equal(why, "date is listed both as a rest day and as a "
	    "working day");
	assert_true(xf_calendar_is_restday(cal, &d));
	d = mk(2025, 9, 28);
	assert_int_equal(xf_calendar_add(cal, &d, XF_DAY_HOLIDAY, NULL), -1);
	assert_false(xf_calendar_is_restday(cal, &d));
}

static void
calendar_add__bad_date_or_kind__rejected(void **state)
{
	struct xf_calendar *cal = *state;
	struct xf_date d = mk(2025, 2, 29);
	const char *why = NULL;

	assert_int_equal(xf_calendar_add(cal, &d, XF_DAY_HOLIDAY, &why), -1);
	assert_string_equal(why, "not a valid date");
	d = mk(2026, 3, 2);
	assert_int_equal(xf_calendar_add(cal, &d, (enum xf_daykind)3, &why),
	    -1);
	assert_string_equal(why, "kind must be a rest day or a working day");
	assert_int_equal(xf_calendar_add(cal, &d, (enum xf_daykind)0, NULL),
	    -1);
	/* Nothing was added, so 2026 is still unknown. */
	assert_false(xf_calendar_covers(cal, 2026));
	assert_false(xf_calendar_is_restday(cal, &d));
}

static void
calendar_add__any_order__same_answers(void **state)
{
	struct xf_calendar *cal;
	struct xf_date d;
	int day;

	(void)state;
	assert_non_null(cal = xf_calendar_new());
	/* The National Day block backwards, make-up days last, 2026 first. */
	add_2026_new_year(cal);
	for (day = 8; day >= 1; day--)
		add_one(cal, 2025, 10, day, XF_DAY_HOLIDAY);
	add_one(cal, 2025, 10, 11, XF_DAY_WORKDAY);
	add_one(cal, 2025, 9, 28, XF_DAY_WORKDAY);
	for (day = 1; day <= 8; day++) {
		d = mk(2025, 10, day);
		assert_true(xf_calendar_is_restday(cal, &d));
	}
	d = mk(2025, 9, 28);
	assert_false(xf_calendar_is_restday(cal, &d));
	d = mk(2025, 10, 9);
	assert_false(xf_calendar_is_restday(cal, &d));
	d = mk(2026, 1, 2);
	assert_true(xf_calendar_is_restday(cal, &d));
	d = mk(2026, 1, 4);
	assert_false(xf_calendar_is_restday(cal, &d));
	assert_true(xf_calendar_covers(cal, 2025));
	assert_true(xf_calendar_covers(cal, 2026));
	assert_false(xf_calendar_covers(cal, 2027));
	xf_calendar_free(cal);
}

static void
calendar_add__many_dates__grows(void **state)
{
	struct xf_calendar *cal;
	struct xf_date d;

	(void)state;
	/* Every Wednesday of 2000-2019 as a holiday: more than one block. */
	assert_non_null(cal = xf_calendar_new());
	d = mk(2000, 1, 5);
	while (d.year < 2020) {
		assert_int_equal(xf_calendar_add(cal, &d, XF_DAY_HOLIDAY,
		    NULL), 0);
		assert_int_equal(xf_date_add_days(&d, 7, &d), 0);
	}
	d = mk(2010, 6, 2);
	assert_true(xf_calendar_is_restday(cal, &d));
	d = mk(2010, 6, 3);
	assert_false(xf_calendar_is_restday(cal, &d));
	assert_true(xf_calendar_covers(cal, 2019));
	assert_false(xf_calendar_covers(cal, 2020));
	xf_calendar_free(cal);
}

static void
roll_forward__inside_national_day__first_day_after(void **state)
{
	const struct xf_calendar *cal = *state;
	struct xf_date d, r;

	d = mk(2025, 10, 1);
	assert_int_equal(xf_date_roll_forward(cal, &d, &r), 0);
	assert_date(r, "2025-10-09");
	d = mk(2025, 10, 4);
	assert_int_equal(xf_date_roll_forward(cal, &d, &r), 0);
	assert_date(r, "2025-10-09");
	d = mk(2025, 10, 8);
	assert_int_equal(xf_date_roll_forward(cal, &d, &r), 0);
	assert_date(r, "2025-10-09");
}

static void
roll_forward__working_day__unchanged(void **state)
{
	const struct xf_calendar *cal = *state;
	struct xf_date d, r;

	d = mk(2025, 9, 30);
	assert_int_equal(xf_date_roll_forward(cal, &d, &r), 0);
	assert_date(r, "2025-09-30");
	/* A make-up Saturday is a working day. */
	d = mk(2025, 10, 11);
	assert_int_equal(xf_date_roll_forward(cal, &d, &r), 0);
	assert_date(r, "2025-10-11");
}

static void
roll_forward__weekend__next_working_day(void **state)
{
	const struct xf_calendar *cal = *state;
	struct xf_date d, r;

	/* Saturday 09-27 rolls to the make-up Sunday 09-28. */
	d = mk(2025, 9, 27);
	assert_int_equal(xf_date_roll_forward(cal, &d, &r), 0);
	assert_date(r, "2025-09-28");
	d = mk(2025, 10, 12);
	assert_int_equal(xf_date_roll_forward(cal, &d, &r), 0);
	assert_date(r, "2025-10-13");
}

static void
roll_forward__deadline_in_holiday__moved(void **state)
{
	const struct xf_calendar *cal = *state;
	struct xf_date d, r;

	/*
	 * DOMAIN.md section G: received 2025-09-16, 15 days end on
	 * 2025-10-01 (raw), which falls in the National Day block, so the
	 * rolled deadline is 2025-10-09.
	 */
	d = mk(2025, 9, 16);
	assert_int_equal(xf_date_period_end(&d, 15, XF_PERIOD_DAY, &r), 0);
	assert_date(r, "2025-10-01");
	assert_int_equal(xf_date_roll_forward(cal, &r, &r), 0);
	assert_date(r, "2025-10-09");
}

static void
roll_forward__uncovered_year__flagged(void **state)
{
	const struct xf_calendar *cal = *state;
	struct xf_date d, r;

	/* 2026-01-03 is a Saturday: weekend known, holiday unknown. */
	d = mk(2026, 1, 3);
	assert_int_equal(xf_date_roll_forward(cal, &d, &r), 1);
	assert_date(r, "2026-01-05");
	/* 2026-01-01 (Thursday) looks like a working day without 2026. */
	d = mk(2026, 1, 1);
	assert_int_equal(xf_date_roll_forward(cal, &d, &r), 1);
	assert_date(r, "2026-01-01");
	d = mk(2025, 12, 27);
	assert_int_equal(xf_date_roll_forward(cal, &d, &r), 0);
	assert_date(r, "2025-12-29");
}

static void
roll_forward__no_calendar__weekends_and_flag(void **state)
{
	struct xf_date d, r;

	(void)state;
	d = mk(2025, 10, 4);
	assert_int_equal(xf_date_roll_forward(NULL, &d, &r), 1);
	assert_date(r, "2025-10-06");
}

static void
roll_forward__past_9999__rejected(void **state)
{
	struct xf_calendar *cal;
	struct xf_date d, r = { 7, 7, 7 };

	(void)state;
	/* 9999-12-31 is a Friday; as a holiday it has no day to roll to. */
	d = mk(9999, 12, 31);
	assert_non_null(cal = xf_calendar_new());
	assert_int_equal(xf_calendar_add(cal, &d, XF_DAY_HOLIDAY, NULL), 0);
	assert_int_equal(xf_date_roll_forward(cal, &d, &r), -1);
	assert_int_equal(r.year, 7);
	xf_calendar_free(cal);
	assert_int_equal(xf_date_roll_forward(NULL, &d, &r), 1);
	assert_date(r, "9999-12-31");
}

static void
add_workdays__across_national_day__skips_block(void **state)
{
	const struct xf_calendar *cal = *state;
	struct xf_date d, r;

	/*
	 * From Friday 2025-09-26: 09-27 rest; 09-28 (make-up Sunday) 1;
	 * 09-29 2; 09-30 3; 10-01..08 rest; 10-09 4; 10-10 5.
	 */
	d = mk(2025, 9, 26);
	assert_int_equal(xf_date_add_workdays(cal, &d, 5, &r), 0);
	assert_date(r, "2025-10-10");
	d = mk(2025, 9, 30);
	assert_int_equal(xf_date_add_workdays(cal, &d, 1, &r), 0);
	assert_date(r, "2025-10-09");
	/* 10-10 is 1, the make-up Saturday 10-11 is 2. */
	d = mk(2025, 10, 9);
	assert_int_equal(xf_date_add_workdays(cal, &d, 2, &r), 0);
	assert_date(r, "2025-10-11");
}

static void
add_workdays__across_spring_festival__skips_block(void **state)
{
	const struct xf_calendar *cal = *state;
	struct xf_date d, r;

	/* 01-25 rest; 01-26 (Sunday, worked) 1; 01-27 2; 02-05 3. */
	d = mk(2025, 1, 24);
	assert_int_equal(xf_date_add_workdays(cal, &d, 3, &r), 0);
	assert_date(r, "2025-02-05");
}

static void
add_workdays__from_rest_day__counts_from_next_day(void **state)
{
	const struct xf_calendar *cal = *state;
	struct xf_date d, r;

	/* Received on a holiday: 10-09 is the first working day. */
	d = mk(2025, 10, 3);
	assert_int_equal(xf_date_add_workdays(cal, &d, 1, &r), 0);
	assert_date(r, "2025-10-09");
	assert_int_equal(xf_date_add_workdays(cal, &d, 5, &r), 0);
	/* 10-09, 10-10, 10-11 (Saturday, worked), 10-13, 10-14. */
	assert_date(r, "2025-10-14");
}

static void
add_workdays__ordinary_week__next_friday(void **state)
{
	const struct xf_calendar *cal = *state;
	struct xf_date d, r;

	d = mk(2025, 3, 7);	/* a Friday, no holiday near */
	assert_int_equal(xf_date_add_workdays(cal, &d, 5, &r), 0);
	assert_date(r, "2025-03-14");
}

static void
add_workdays__zero__same_day(void **state)
{
	const struct xf_calendar *cal = *state;
	struct xf_date d, r;

	d = mk(2025, 10, 3);
	assert_int_equal(xf_date_add_workdays(cal, &d, 0, &r), 0);
	assert_date(r, "2025-10-03");
}

static void
add_workdays__negative__counts_back(void **state)
{
	const struct xf_calendar *cal = *state;
	struct xf_date d, r;

	d = mk(2025, 10, 9);
	assert_int_equal(xf_date_add_workdays(cal, &d, -1, &r), 0);
	assert_date(r, "2025-09-30");
	/* 10-12 rest; 10-11 (worked) 1; 10-10 2. */
	d = mk(2025, 10, 13);
	assert_int_equal(xf_date_add_workdays(cal, &d, -2, &r), 0);
	assert_date(r, "2025-10-10");
}

static void
add_workdays__into_uncovered_year__flagged(void **state)
{
	struct xf_calendar *cal = *state;
	struct xf_date d, r;

	/* Without 2026 data, 01-01 and 01-02 look like working days. */
	d = mk(2025, 12, 30);
	assert_int_equal(xf_date_add_workdays(cal, &d, 3, &r), 1);
	assert_date(r, "2026-01-02");
	/*
	 * With it: 12-31 is 1; 01-01..03 rest; 01-04 (Sunday, worked) 2;
	 * 01-05 3.
	 */
	add_2026_new_year(cal);
	assert_int_equal(xf_date_add_workdays(cal, &d, 3, &r), 0);
	assert_date(r, "2026-01-05");
}

static void
add_workdays__in_place_and_no_calendar__allowed(void **state)
{
	struct xf_date d;

	(void)state;
	d = mk(2025, 9, 26);
	assert_int_equal(xf_date_add_workdays(NULL, &d, 5, &d), 1);
	assert_date(d, "2025-10-03");
}

static void
add_workdays__out_of_range__rejected(void **state)
{
	struct xf_date d, r = { 7, 7, 7 };

	(void)state;
	d = mk(9999, 12, 30);
	assert_int_equal(xf_date_add_workdays(NULL, &d, 2, &r), -1);
	assert_int_equal(xf_date_add_workdays(NULL, &d, LONG_MAX, &r), -1);
	assert_int_equal(xf_date_add_workdays(NULL, &d, LONG_MIN, &r), -1);
	d = mk(1, 1, 1);
	assert_int_equal(xf_date_add_workdays(NULL, &d, -1, &r), -1);
	assert_int_equal(r.year, 7);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(is_leap__gregorian_rule__century_exception),
		cmocka_unit_test(days_in_month__each_kind__28_to_31),
		cmocka_unit_test(days_in_month__bad_month__zero),
		cmocka_unit_test(valid__real_days__accepted),
		cmocka_unit_test(valid__impossible_days__rejected),
		cmocka_unit_test(to_days__known_dates__match_gnu_date),
		cmocka_unit_test(from_days__known_numbers__match_gnu_date),
		cmocka_unit_test(
		    from_days__out_of_range__rejected_output_untouched),
		cmocka_unit_test(parse__iso_dash__date_no_time),
		cmocka_unit_test(parse__slash_and_dot__date),
		cmocka_unit_test(parse__chinese__with_and_without_ri),
		cmocka_unit_test(parse__eight_digits__date),
		cmocka_unit_test(parse__leap_days__accepted),
		cmocka_unit_test(parse__colon_time__seconds_since_midnight),
		cmocka_unit_test(parse__fraction_of_second__dropped),
		cmocka_unit_test(parse__several_blanks_before_time__accepted),
		cmocka_unit_test(parse__chinese_time__seconds_since_midnight),
		cmocka_unit_test(parse__chinese_date_colon_time__accepted),
		cmocka_unit_test(parse__full_width__read_as_ascii),
		cmocka_unit_test(parse__surrounding_blanks__ignored),
		cmocka_unit_test(parse__length_bounds_input__rest_ignored),
		cmocka_unit_test(parse__null_secs_and_why__allowed),
		cmocka_unit_test(parse__empty__rejected),
		cmocka_unit_test(parse__impossible_day__rejected),
		cmocka_unit_test(parse__bad_month__rejected),
		cmocka_unit_test(parse__year_zero__rejected),
		cmocka_unit_test(parse__short_or_long_year__rejected),
		cmocka_unit_test(parse__day_month_year_order__rejected),
		cmocka_unit_test(parse__not_a_date__rejected),
		cmocka_unit_test(parse__incomplete_date__rejected),
		cmocka_unit_test(parse__mixed_separators__rejected),
		cmocka_unit_test(parse__too_many_digits__rejected),
		cmocka_unit_test(parse__trailing_garbage__rejected),
		cmocka_unit_test(parse__embedded_nul__rejected),
		cmocka_unit_test(parse__bad_time__rejected),
		cmocka_unit_test(parse__bad_chinese_time__rejected),
		cmocka_unit_test(format__dates__zero_padded_iso),
		cmocka_unit_test(format_time__seconds__hh_mm_ss),
		cmocka_unit_test(format_time__out_of_range__null),
		cmocka_unit_test(add_days__month_and_year_ends__carry),
		cmocka_unit_test(add_days__negative__goes_back),
		cmocka_unit_test(add_days__in_place__allowed),
		cmocka_unit_test(add_days__out_of_range__rejected),
		cmocka_unit_test(add_months__short_month__clamped),
		cmocka_unit_test(add_months__no_clamp_needed__same_day),
		cmocka_unit_test(add_months__negative__back_and_clamped),
		cmocka_unit_test(add_months__out_of_range__rejected),
		cmocka_unit_test(period_end__15_days__counted_from_next_day),
		cmocka_unit_test(period_end__months__same_day_or_month_end),
		cmocka_unit_test(period_end__weeks__seven_days_each),
		cmocka_unit_test(period_end__zero__same_day),
		cmocka_unit_test(period_end__negative_or_too_far__rejected),
		cmocka_unit_test(diff__pairs__signed_day_count),
		cmocka_unit_test(weekday__known_dates__iso_numbers),
		cmocka_unit_test(isoweek__year_boundaries__match_gnu_date),
		cmocka_unit_test(isoweek__null_outputs__allowed),
		cmocka_unit_test(
		    isoweeks_in_year__long_and_short_years__53_or_52),
		cmocka_unit_test(from_isoweek__week_and_day__date),
		cmocka_unit_test(from_isoweek__bad_week_or_day__rejected),
		cmocka_unit_test(period_parse__names__enum_values),
		cmocka_unit_test(period_parse__other_words__rejected),
		cmocka_unit_test(period_name__each__round_trips),
		cmocka_unit_test(bucket__each_period__label),
		cmocka_unit_test(bucket__week_at_year_end__iso_year),
		cmocka_unit_test(bucket__quarters__months_three_by_three),
		cmocka_unit_test(bucket__small_buffer__empty_and_minus_one),
		cmocka_unit_test(bucket__bad_period__minus_one),
		cmocka_unit_test(bucket_start__each_period__first_day),
		cmocka_unit_test(bucket_prev__each_period__previous_start),
		cmocka_unit_test(bucket_prev__before_year_one__rejected),
		cmocka_unit_test(bucket_next__each_period__next_start),
		cmocka_unit_test(bucket_next__after_9999__rejected),
		cmocka_unit_test(
		    bucket_yoy__day_month_quarter_year__one_year_back),
		cmocka_unit_test(bucket_yoy__week__same_week_number),
		cmocka_unit_test(bucket_yoy__week_53__week_52_of_short_year),
		cmocka_unit_test(bucket_yoy__year_one__rejected),
		cmocka_unit_test_setup_teardown(
		    calendar_is_restday__national_day_2025__block_off_makeup_on,
		    cal_2025, cal_free),
		cmocka_unit_test_setup_teardown(
		    calendar_is_restday__spring_2025__block_off_makeup_on,
		    cal_2025, cal_free),
		cmocka_unit_test(
		    calendar_is_restday__no_calendar__weekends_only),
		cmocka_unit_test_setup_teardown(
		    calendar_covers__listed_year_only, cal_2025, cal_free),
		cmocka_unit_test(calendar_covers__empty_calendar__nothing),
		cmocka_unit_test_setup_teardown(
		    calendar_add__duplicate_same_kind__no_change,
		    cal_2025, cal_free),
		cmocka_unit_test_setup_teardown(
		    calendar_add__conflicting_kind__rejected,
		    cal_2025, cal_free),
		cmocka_unit_test_setup_teardown(
		    calendar_add__bad_date_or_kind__rejected,
		    cal_2025, cal_free),
		cmocka_unit_test(calendar_add__any_order__same_answers),
		cmocka_unit_test(calendar_add__many_dates__grows),
		cmocka_unit_test_setup_teardown(
		    roll_forward__inside_national_day__first_day_after,
		    cal_2025, cal_free),
		cmocka_unit_test_setup_teardown(
		    roll_forward__working_day__unchanged, cal_2025, cal_free),
		cmocka_unit_test_setup_teardown(
		    roll_forward__weekend__next_working_day,
		    cal_2025, cal_free),
		cmocka_unit_test_setup_teardown(
		    roll_forward__deadline_in_holiday__moved,
		    cal_2025, cal_free),
		cmocka_unit_test_setup_teardown(
		    roll_forward__uncovered_year__flagged, cal_2025, cal_free),
		cmocka_unit_test(roll_forward__no_calendar__weekends_and_flag),
		cmocka_unit_test(roll_forward__past_9999__rejected),
		cmocka_unit_test_setup_teardown(
		    add_workdays__across_national_day__skips_block,
		    cal_2025, cal_free),
		cmocka_unit_test_setup_teardown(
		    add_workdays__across_spring_festival__skips_block,
		    cal_2025, cal_free),
		cmocka_unit_test_setup_teardown(
		    add_workdays__from_rest_day__counts_from_next_day,
		    cal_2025, cal_free),
		cmocka_unit_test_setup_teardown(
		    add_workdays__ordinary_week__next_friday,
		    cal_2025, cal_free),
		cmocka_unit_test_setup_teardown(add_workdays__zero__same_day,
		    cal_2025, cal_free),
		cmocka_unit_test_setup_teardown(
		    add_workdays__negative__counts_back, cal_2025, cal_free),
		cmocka_unit_test_setup_teardown(
		    add_workdays__into_uncovered_year__flagged,
		    cal_2025, cal_free),
		cmocka_unit_test(
		    add_workdays__in_place_and_no_calendar__allowed),
		cmocka_unit_test(add_workdays__out_of_range__rejected),
	};

	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
