/* SPDX-License-Identifier: ISC */

/*
 * Calendar dates: parsing, printing, day and month arithmetic, ISO weeks,
 * reporting periods and the holiday calendar.  See date.h for the
 * contract and DOMAIN.md section 0.3 for the legal rules behind
 * xf_date_period_end() and xf_date_roll_forward().
 */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

/*
 * Character codes the date parser works with: ASCII (full-width forms
 * already folded onto it), the Chinese unit characters, end of input and
 * anything else.
 */
enum {
	C_END = -1,
	C_NIAN = 0x100,		/* 年 */
	C_YUE,			/* 月 */
	C_RI,			/* 日 */
	C_SHI,			/* 时 or 時 */
	C_FEN,			/* 分 */
	C_MIAO,			/* 秒 */
	C_OTHER
};

struct cursor {
	const unsigned char	*p;
	const unsigned char	*end;
};

struct entry {
	long	day;		/* xf_date_to_days() */
	int	kind;		/* enum xf_daykind */
};

struct xf_calendar {
	struct entry	*v;	/* sorted by day, days unique */
	size_t		 n;
	size_t		 cap;
};

static long	days_from_civil(long, int, int);
static void	civil_from_days(long, struct xf_date *);
static int	weekday_of_days(long);
static int	peek(const struct cursor *, size_t *);
static int	digits(struct cursor *, long *);
static int	blanks(struct cursor *);
static int	parse_time(struct cursor *, int *, const char **);
static int	fail(const char **, const char *);
static size_t	put_num(char *, long, int);
static size_t	lower_bound(const struct xf_calendar *, long);
static int	restday(const struct xf_calendar *, long);
static int	uncovered(const struct xf_calendar *, long, int *);

static const char *const period_names[] = {
	"day", "week", "month", "quarter", "year"
};

int
xf_date_is_leap(int year)
{
	return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int
xf_date_days_in_month(int year, int month)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && xf_date_is_leap(year))
		return 29;
	return mdays[month - 1];
}

int
xf_date_valid(const struct xf_date *d)
{
	return d->year >= 1 && d->year <= 9999 && d->month >= 1 &&
	    d->month <= 12 && d->day >= 1 &&
	    d->day <= xf_date_days_in_month(d->year, d->month);
}

/*
 * Day number of a proleptic Gregorian date, any year.  The year is
 * counted from March so that the leap day falls at its end; a 400-year
 * era has 146097 days.  Day 719468 of era 0 (year 0 from March) is
 * 1970-01-01.
 */
static long
days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	if (m <= 2)
		y--;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The inverse of days_from_civil(). */
static void
civil_from_days(long z, struct xf_date *d)
{
	long era, doe, yoe, doy, mp, y;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d->year = (int)(y + (d->month <= 2));
}

/* ISO weekday of a day number; 1970-01-01 was a Thursday. */
static int
weekday_of_days(long days)
{
	long r;

	r = (days + 3) % 7;
	if (r < 0)
		r += 7;
	return (int)r + 1;
}

long
xf_date_to_days(const struct xf_date *d)
{
	return days_from_civil(d->year, d->month, d->day);
}

int
xf_date_from_days(long days, struct xf_date *d)
{
	if (days < XF_DATE_MIN_DAYS || days > XF_DATE_MAX_DAYS)
		return -1;
	civil_from_days(days, d);
	return 0;
}

/*
 * Decode the character at the cursor without moving it; *n receives its
 * length in bytes.  Full-width ASCII forms U+FF01..U+FF5E (EF BC 81 ..
 * EF BD 9E in UTF-8) fold onto 0x21..0x7E.
 */
static int
peek(const struct cursor *c, size_t *n)
{
	const unsigned char *p = c->p;
	size_t left = (size_t)(c->end - p);

	*n = 0;
	if (left == 0)
		return C_END;
	*n = 1;
	if (p[0] < 0x80)
		return p[0];
	if (left < 3)
		return C_OTHER;
	*n = 3;
	switch (p[0]) {
	case 0xEF:
		if (p[1] == 0xBC && p[2] >= 0x81 && p[2] <= 0xBF)
			return p[2] - 0x81 + 0x21;
		if (p[1] == 0xBD && p[2] >= 0x80 && p[2] <= 0x9E)
			return p[2] - 0x80 + 0x60;
		break;
	case 0xE5:
		if (p[1] == 0xB9 && p[2] == 0xB4)
			return C_NIAN;
		if (p[1] == 0x88 && p[2] == 0x86)
			return C_FEN;
		break;
	case 0xE6:
		if (p[1] == 0x9C && p[2] == 0x88)
			return C_YUE;
		if (p[1] == 0x97 && p[2] == 0xA5)
			return C_RI;
		if ((p[1] == 0x97 && p[2] == 0xB6) ||
		    (p[1] == 0x99 && p[2] == 0x82))
			return C_SHI;
		break;
	case 0xE7:
		if (p[1] == 0xA7 && p[2] == 0x92)
			return C_MIAO;
		break;
	}
	*n = 1;
	return C_OTHER;
}

/*
 * Read a run of digits into *val and return how many there were.  The
 * value stops growing after nine digits; callers reject such runs by
 * their length.
 */
static int
digits(struct cursor *c, long *val)
{
	size_t n;
	int ch, nd = 0;

	*val = 0;
	while ((ch = peek(c, &n)) >= '0' && ch <= '9') {
		if (nd < 9)
			*val = *val * 10 + (ch - '0');
		nd++;
		c->p += n;
	}
	return nd;
}

/* Skip ASCII spaces and tabs; return how many. */
static int
blanks(struct cursor *c)
{
	int nb = 0;

	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t')) {
		c->p++;
		nb++;
	}
	return nb;
}

static int
fail(const char **why, const char *reason)
{
	if (why != NULL)
		*why = reason;
	return -1;
}

/* H:MM[:SS[.f...]] or H时M分[S秒] at the cursor, into *secs. */
static int
parse_time(struct cursor *c, int *secs, const char **why)
{
	long h, mi, s = 0, frac;
	size_t n;
	int ch, nd;

	nd = digits(c, &h);
	if (nd < 1 || nd > 2)
		return fail(why, "time of day must start with a one- or "
		    "two-digit hour");
	ch = peek(c, &n);
	c->p += n;
	if (ch == ':') {
		if (digits(c, &mi) != 2)
			return fail(why, "minutes must have two digits");
		if (peek(c, &n) == ':') {
			c->p += n;
			if (digits(c, &s) != 2)
				return fail(why, "seconds must have two "
				    "digits");
			if (peek(c, &n) == '.') {
				c->p += n;
				if (digits(c, &frac) == 0)
					return fail(why, "no digits after the "
					    "decimal point of the seconds");
			}
		}
	} else if (ch == C_SHI) {
		nd = digits(c, &mi);
		if (nd < 1 || nd > 2 || peek(c, &n) != C_FEN)
			return fail(why, "expected one- or two-digit minutes "
			    "and 分 after 时");
		c->p += n;
		if ((nd = digits(c, &s)) != 0) {
			if (nd > 2 || peek(c, &n) != C_MIAO)
				return fail(why, "expected one- or two-digit "
				    "seconds and 秒 after 分");
			c->p += n;
		}
	} else
		return fail(why, "time of day must be H:MM or H时M分");
	if (h > 23 || mi > 59 || s > 59)
		return fail(why, "time of day out of range");
	*secs = (int)(h * 3600 + mi * 60 + s);
	return 0;
}

/* Whether p[0..9] is DDDD-DD-DD in ASCII digits. */
static int
iso_form(const unsigned char *p)
{
	static const unsigned char form[10] = "dddd-dd-dd";
	int i;

	for (i = 0; i < 10; i++)
		if (form[i] == 'd' ? p[i] < '0' || p[i] > '9' : p[i] != '-')
			return 0;
	return 1;
}

/* The value of four ASCII digits. */
static long
num4(const unsigned char *p)
{
	return (p[0] - '0') * 1000L + (p[1] - '0') * 100 + (p[2] - '0') * 10 +
	    (p[3] - '0');
}

int
xf_date_parse(const char *s, size_t len, struct xf_date *d, int *secs,
    const char **why)
{
	struct cursor c;
	struct xf_date t;
	long y, m, dd;
	size_t n;
	int ch, sep, nd, ri = 0, tsecs = -1;

	if (len == 0)
		return fail(why, "empty date");
	c.p = (const unsigned char *)s;
	c.end = c.p + len;
	if (len == 10 && iso_form(c.p)) {
		/* The common YYYY-MM-DD, read as the general way would. */
		y = num4(c.p);
		m = (c.p[5] - '0') * 10 + (c.p[6] - '0');
		dd = (c.p[8] - '0') * 10 + (c.p[9] - '0');
		c.p = c.end;
		goto check;
	}
	blanks(&c);
	if (c.p == c.end)
		return fail(why, "empty date");

	nd = digits(&c, &y);
	if (nd == 8) {
		dd = y % 100;
		m = y / 100 % 100;
		y /= 10000;
	} else if (nd == 0) {
		return fail(why, "date must start with a four-digit year");
	} else if (nd < 4) {
		return fail(why, "year must have four digits");
	} else if (nd > 4) {
		return fail(why, "expected a four-digit year or eight digits "
		    "YYYYMMDD");
	} else {
		sep = peek(&c, &n);
		c.p += n;
		if (sep == '-' || sep == '/' || sep == '.') {
			nd = digits(&c, &m);
			if (nd < 1 || nd > 2)
				return fail(why, "month must have one or two "
				    "digits");
			ch = peek(&c, &n);
			c.p += n;
			if (ch != sep) {
				if (ch == '-' || ch == '/' || ch == '.')
					return fail(why, "mixed date "
					    "separators");
				return fail(why, "date has no day");
			}
		} else if (sep == C_NIAN) {
			nd = digits(&c, &m);
			if (nd < 1 || nd > 2)
				return fail(why, "month must have one or two "
				    "digits");
			if (peek(&c, &n) != C_YUE)
				return fail(why, "expected 月 after the month");
			c.p += n;
		} else if (sep == C_END)
			return fail(why, "date has no month or day");
		else
			return fail(why, "unknown date form");
		nd = digits(&c, &dd);
		if (nd == 0)
			return fail(why, "date has no day");
		if (nd > 2)
			return fail(why, "day must have one or two digits");
		if (sep == C_NIAN && peek(&c, &n) == C_RI) {
			c.p += n;
			ri = 1;
		}
	}

check:
	t.year = (int)y;
	t.month = (int)m;
	t.day = (int)dd;
	if (t.year == 0)
		return fail(why, "year 0000 does not exist");
	if (t.month < 1 || t.month > 12)
		return fail(why, "month out of range");
	if (!xf_date_valid(&t))
		return fail(why, "day out of range for the month");

	/*
	 * A time follows blanks or one 'T', or, after 日, nothing at all;
	 * blanks that end the input are just trailing blanks.
	 */
	nd = blanks(&c);
	if (c.p != c.end) {
		ch = peek(&c, &n);
		if (nd == 0 && ch == 'T')
			c.p += n;
		else if (nd == 0 && !(ri && ch >= '0' && ch <= '9'))
			return fail(why, "unexpected text after the date");
		if (parse_time(&c, &tsecs, why) == -1)
			return -1;
		blanks(&c);
		if (c.p != c.end)
			return fail(why, "unexpected text after the time");
	}

	*d = t;
	if (secs != NULL)
		*secs = tsecs;
	return 0;
}

/* Write v as exactly width digits, zero-padded; return width. */
static size_t
put_num(char *buf, long v, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--) {
		buf[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return (size_t)width;
}

char *
xf_date_format(const struct xf_date *d, char buf[XF_DATE_STRLEN])
{
	put_num(buf, d->year, 4);
	buf[4] = '-';
	put_num(buf + 5, d->month, 2);
	buf[7] = '-';
	put_num(buf + 8, d->day, 2);
	buf[10] = '\0';
	return buf;
}

char *
xf_date_format_time(int secs, char buf[XF_DATE_TIMELEN])
{
	if (secs < 0 || secs >= 86400)
		return NULL;
	put_num(buf, secs / 3600, 2);
	buf[2] = ':';
	put_num(buf + 3, secs / 60 % 60, 2);
	buf[5] = ':';
	put_num(buf + 6, secs % 60, 2);
	buf[8] = '\0';
	return buf;
}

int
xf_date_add_days(const struct xf_date *d, long n, struct xf_date *out)
{
	long days = xf_date_to_days(d);

	if (n > XF_DATE_MAX_DAYS - days || n < XF_DATE_MIN_DAYS - days)
		return -1;
	return xf_date_from_days(days + n, out);
}

int
xf_date_add_months(const struct xf_date *d, long n, struct xf_date *out)
{
	long total;
	int y, m, dim;

	/* Keep the sum far from overflow; anything this big is out of range. */
	if (n > 12L * 10000 || n < -12L * 10000)
		return -1;
	total = (long)d->year * 12 + (d->month - 1) + n;
	if (total < 12 || total > 9999L * 12 + 11)
		return -1;
	y = (int)(total / 12);
	m = (int)(total % 12) + 1;
	dim = xf_date_days_in_month(y, m);
	out->day = d->day < dim ? d->day : dim;
	out->year = y;
	out->month = m;
	return 0;
}

int
xf_date_period_end(const struct xf_date *from, long n, enum xf_period unit,
    struct xf_date *end)
{
	if (n < 0 || n > XF_DATE_MAX_DAYS - XF_DATE_MIN_DAYS)
		return -1;
	switch (unit) {
	case XF_PERIOD_DAY:
		return xf_date_add_days(from, n, end);
	case XF_PERIOD_WEEK:
		return xf_date_add_days(from, n * 7, end);
	case XF_PERIOD_MONTH:
		return xf_date_add_months(from, n, end);
	case XF_PERIOD_QUARTER:
		return xf_date_add_months(from, n * 3, end);
	case XF_PERIOD_YEAR:
		return xf_date_add_months(from, n * 12, end);
	}
	return -1;
}

long
xf_date_diff(const struct xf_date *a, const struct xf_date *b)
{
	return xf_date_to_days(b) - xf_date_to_days(a);
}

int
xf_date_weekday(const struct xf_date *d)
{
	return weekday_of_days(xf_date_to_days(d));
}

/*
 * An ISO week belongs to the year that holds its Thursday, and week 1 is
 * the one holding that year's first Thursday.
 */
void
xf_date_isoweek(const struct xf_date *d, int *isoyear, int *week)
{
	struct xf_date thu;
	long days, thudays;

	days = xf_date_to_days(d);
	thudays = days - weekday_of_days(days) + 4;
	civil_from_days(thudays, &thu);
	if (isoyear != NULL)
		*isoyear = thu.year;
	if (week != NULL)
		*week = (int)((thudays - days_from_civil(thu.year, 1, 1)) /
		    7 + 1);
}

/* 28 December is always in the last ISO week of its year. */
int
xf_date_isoweeks_in_year(int isoyear)
{
	struct xf_date dec28;
	int week;

	dec28.year = isoyear;
	dec28.month = 12;
	dec28.day = 28;
	xf_date_isoweek(&dec28, NULL, &week);
	return week;
}

int
xf_date_from_isoweek(int isoyear, int week, int wday, struct xf_date *d)
{
	long jan4, days;

	if (isoyear < 1 || isoyear > 9999 || week < 1 ||
	    week > xf_date_isoweeks_in_year(isoyear) || wday < 1 || wday > 7)
		return -1;
	/* 4 January is always in week 1. */
	jan4 = days_from_civil(isoyear, 1, 4);
	days = jan4 - weekday_of_days(jan4) + 1 + (long)(week - 1) * 7 +
	    (wday - 1);
	return xf_date_from_days(days, d);
}

int
xf_period_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(period_names) / sizeof(period_names[0]); i++)
		if (strcmp(s, period_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
xf_period_name(enum xf_period p)
{
	if ((unsigned)p >= sizeof(period_names) / sizeof(period_names[0]))
		return NULL;
	return period_names[p];
}

int
xf_date_bucket(const struct xf_date *d, enum xf_period p, char *buf,
    size_t size)
{
	char tmp[XF_DATE_BUCKETLEN];
	size_t len;
	int iy, wk;

	switch (p) {
	case XF_PERIOD_DAY:
		xf_date_format(d, tmp);
		len = 10;
		break;
	case XF_PERIOD_WEEK:
		xf_date_isoweek(d, &iy, &wk);
		len = put_num(tmp, iy, 4);
		tmp[len++] = '-';
		tmp[len++] = 'W';
		len += put_num(tmp + len, wk, 2);
		break;
	case XF_PERIOD_MONTH:
		len = put_num(tmp, d->year, 4);
		tmp[len++] = '-';
		len += put_num(tmp + len, d->month, 2);
		break;
	case XF_PERIOD_QUARTER:
		len = put_num(tmp, d->year, 4);
		tmp[len++] = '-';
		tmp[len++] = 'Q';
		len += put_num(tmp + len, (d->month + 2) / 3, 1);
		break;
	case XF_PERIOD_YEAR:
		len = put_num(tmp, d->year, 4);
		break;
	default:
		len = size;	/* not a period: fail below */
		break;
	}
	if (len >= size) {
		if (size > 0)
			buf[0] = '\0';
		return -1;
	}
	memcpy(buf, tmp, len);
	buf[len] = '\0';
	return (int)len;
}

struct xf_date
xf_date_bucket_start(const struct xf_date *d, enum xf_period p)
{
	struct xf_date s = *d;
	long days;

	switch (p) {
	case XF_PERIOD_DAY:
		break;
	case XF_PERIOD_WEEK:
		/* 0001-01-01 was a Monday, so this stays in range. */
		days = xf_date_to_days(d);
		civil_from_days(days - weekday_of_days(days) + 1, &s);
		break;
	case XF_PERIOD_MONTH:
		s.day = 1;
		break;
	case XF_PERIOD_QUARTER:
		s.month = (d->month - 1) / 3 * 3 + 1;
		s.day = 1;
		break;
	case XF_PERIOD_YEAR:
		s.month = 1;
		s.day = 1;
		break;
	}
	return s;
}

int
xf_date_bucket_prev(const struct xf_date *d, enum xf_period p,
    struct xf_date *out)
{
	struct xf_date s = xf_date_bucket_start(d, p);

	switch (p) {
	case XF_PERIOD_DAY:
		return xf_date_add_days(&s, -1, out);
	case XF_PERIOD_WEEK:
		return xf_date_add_days(&s, -7, out);
	case XF_PERIOD_MONTH:
		return xf_date_add_months(&s, -1, out);
	case XF_PERIOD_QUARTER:
		return xf_date_add_months(&s, -3, out);
	case XF_PERIOD_YEAR:
		return xf_date_add_months(&s, -12, out);
	}
	return -1;
}

int
xf_date_bucket_next(const struct xf_date *d, enum xf_period p,
    struct xf_date *out)
{
	struct xf_date s = xf_date_bucket_start(d, p);

	switch (p) {
	case XF_PERIOD_DAY:
		return xf_date_add_days(&s, 1, out);
	case XF_PERIOD_WEEK:
		return xf_date_add_days(&s, 7, out);
	case XF_PERIOD_MONTH:
		return xf_date_add_months(&s, 1, out);
	case XF_PERIOD_QUARTER:
		return xf_date_add_months(&s, 3, out);
	case XF_PERIOD_YEAR:
		return xf_date_add_months(&s, 12, out);
	}
	return -1;
}

int
xf_date_bucket_yoy(const struct xf_date *d, enum xf_period p,
    struct xf_date *out)
{
	struct xf_date s = xf_date_bucket_start(d, p);
	int iy, wk, last;

	switch (p) {
	case XF_PERIOD_DAY:
	case XF_PERIOD_MONTH:
	case XF_PERIOD_QUARTER:
	case XF_PERIOD_YEAR:
		return xf_date_add_months(&s, -12, out);
	case XF_PERIOD_WEEK:
		xf_date_isoweek(&s, &iy, &wk);
		if (iy < 2)
			return -1;
		last = xf_date_isoweeks_in_year(iy - 1);
		return xf_date_from_isoweek(iy - 1, wk < last ? wk : last, 1,
		    out);
	}
	return -1;
}

struct xf_calendar *
xf_calendar_new(void)
{
	struct xf_calendar *cal;

	if ((cal = calloc(1, sizeof(*cal))) == NULL)
		errno = ENOMEM;
	return cal;
}

void
xf_calendar_free(struct xf_calendar *cal)
{
	if (cal == NULL)
		return;
	free(cal->v);
	free(cal);
}

/* Index of the first entry on or after day (n if none). */
static size_t
lower_bound(const struct xf_calendar *cal, long day)
{
	size_t lo = 0, hi = cal->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cal->v[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
xf_calendar_add(struct xf_calendar *cal, const struct xf_date *d,
    enum xf_daykind kind, const char **why)
{
	struct entry *nv;
	size_t i, ncap;
	long day;

	if (!xf_date_valid(d))
		return fail(why, "not a valid date");
	if (kind != XF_DAY_HOLIDAY && kind != XF_DAY_WORKDAY)
		return fail(why, "kind must be a rest day or a working day");
	day = xf_date_to_days(d);
	/* Dates usually arrive in order: try the end first. */
	if (cal->n == 0 || cal->v[cal->n - 1].day < day)
		i = cal->n;
	else
		i = lower_bound(cal, day);
	if (i < cal->n && cal->v[i].day == day) {
		if (cal->v[i].kind == (int)kind)
			return 0;
		return fail(why, "date is listed both as a rest day and as a "
		    "working day");
	}
	if (cal->n == cal->cap) {
		ncap = cal->cap == 0 ? 64 : cal->cap * 2;
		if (ncap > SIZE_MAX / sizeof(*nv) ||
		    (nv = realloc(cal->v, ncap * sizeof(*nv))) == NULL) {
			errno = ENOMEM;
			return fail(why, "out of memory");
		}
		cal->v = nv;
		cal->cap = ncap;
	}
	memmove(cal->v + i + 1, cal->v + i, (cal->n - i) * sizeof(*cal->v));
	cal->v[i].day = day;
	cal->v[i].kind = (int)kind;
	cal->n++;
	return 0;
}

int
xf_calendar_covers(const struct xf_calendar *cal, int year)
{
	size_t i;

	if (cal == NULL || year < 1 || year > 9999)
		return 0;
	i = lower_bound(cal, days_from_civil(year, 1, 1));
	return i < cal->n && cal->v[i].day < days_from_civil(year + 1, 1, 1);
}

/* Is day number day a rest day? */
static int
restday(const struct xf_calendar *cal, long day)
{
	size_t i;

	if (cal != NULL) {
		i = lower_bound(cal, day);
		if (i < cal->n && cal->v[i].day == day)
			return cal->v[i].kind == XF_DAY_HOLIDAY;
	}
	return weekday_of_days(day) >= 6;
}

int
xf_calendar_is_restday(const struct xf_calendar *cal,
    const struct xf_date *d)
{
	return restday(cal, xf_date_to_days(d));
}

/*
 * Note the year of day number day in *year; return 1 if that is a new
 * year which cal does not cover, else 0.
 */
static int
uncovered(const struct xf_calendar *cal, long day, int *year)
{
	struct xf_date cur;

	civil_from_days(day, &cur);
	if (cur.year == *year)
		return 0;
	*year = cur.year;
	return !xf_calendar_covers(cal, cur.year);
}

int
xf_date_roll_forward(const struct xf_calendar *cal, const struct xf_date *d,
    struct xf_date *out)
{
	long day;
	int year = 0, flag = 0;

	day = xf_date_to_days(d);
	for (;;) {
		flag |= uncovered(cal, day, &year);
		if (!restday(cal, day))
			break;
		if (++day > XF_DATE_MAX_DAYS)
			return -1;
	}
	civil_from_days(day, out);
	return flag;
}

int
xf_date_add_workdays(const struct xf_calendar *cal, const struct xf_date *d,
    long n, struct xf_date *out)
{
	long day, step;
	int year = 0, flag = 0;

	/* More working days than there are days: out of range anyway. */
	if (n > XF_DATE_MAX_DAYS - XF_DATE_MIN_DAYS ||
	    n < XF_DATE_MIN_DAYS - XF_DATE_MAX_DAYS)
		return -1;
	step = n < 0 ? -1 : 1;
	day = xf_date_to_days(d);
	while (n != 0) {
		day += step;
		if (day < XF_DATE_MIN_DAYS || day > XF_DATE_MAX_DAYS)
			return -1;
		flag |= uncovered(cal, day, &year);
		if (!restday(cal, day))
			n -= step;
	}
	civil_from_days(day, out);
	return flag;
}
