/* SPDX-License-Identifier: ISC */

/*
 * Petition deadlines: step lengths from the dated parameter table, due
 * dates counted under 民法典 第201-203条, and the status of a case on a
 * given day.  See deadline.h and DOMAIN.md section G.
 */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "deadline.h"
#include "params.h"
#include "utf8.h"

/* The longest length a parameter may give: a hundred years of days. */
#define MAXLEN		36500L

/* Seconds east of UTC of 中国标准时间. */
#define CST_OFFSET	(8 * 3600)

enum {
	P_ACCEPT,
	P_HANDLE,
	P_EXTEND,
	P_REVIEW,
	P_RECHECK,
	P_REVIEW_REQUEST,
	P_N
};

const char *const xf_deadline_params[] = {
	"petition_accept_days",
	"petition_handle_days",
	"petition_extend_max_days",
	"petition_review_decide_days",
	"petition_recheck_decide_days",
	"petition_review_request_days",
	NULL
};

static const char *const event_name[XF_DL_NEVENT] = {
	"received", "accepted", "replied", "reply_received",
	"review_requested", "review_decided", "recheck_requested",
	"recheck_decided"
};

/* The event each event needs before it, or -1. */
static const int needs[XF_DL_NEVENT] = {
	-1,
	XF_DL_RECEIVED,
	XF_DL_ACCEPTED,
	XF_DL_REPLIED,
	XF_DL_REPLIED,
	XF_DL_REVIEW_REQUESTED,
	XF_DL_REVIEW_DECIDED,
	XF_DL_RECHECK_REQUESTED
};

/* Each step's start and end event and its length parameter. */
static const struct {
	int		 start, end, param;
	const char	*name;		/* 受理, ... */
	const char	*from;		/* how the start is named in notes */
} steps[XF_DL_NSTEP] = {
	{ XF_DL_RECEIVED, XF_DL_ACCEPTED, P_ACCEPT, "受理", "收到" },
	{ XF_DL_ACCEPTED, XF_DL_REPLIED, P_HANDLE, "办理", "受理" },
	{ XF_DL_REVIEW_REQUESTED, XF_DL_REVIEW_DECIDED, P_REVIEW, "复查",
	    "复查请求" },
	{ XF_DL_RECHECK_REQUESTED, XF_DL_RECHECK_DECIDED, P_RECHECK, "复核",
	    "复核请求" },
};

static const char *const status_name[XF_DL_NSTATUS] = {
	"待受理", "受理超期", "在办", "临期", "超期未办", "按期办结", "超期办结"
};

/* A string being built in a fixed buffer, cut at a character boundary. */
struct sbuf {
	char	*buf;
	size_t	 size, len;
	int	 full;
};

static void	 sb_add(struct sbuf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static int	 add_len(const struct xf_date *, const struct xf_dl_len *,
		    const struct xf_calendar *, struct xf_date *);
static int	 lookup(const struct xf_dl_config *, int,
		    const struct xf_date *, const struct xf_param **,
		    struct xf_dl_len *, char *, size_t);
static int	 start_step(const struct xf_dl_config *, enum xf_dl_step,
		    const struct xf_date *, const struct xf_dl_len *,
		    struct xf_dl_result *, char *, size_t);

int
xf_deadline_unit(const char *s, enum xf_dl_unit *u)
{
	static const struct {
		const char	*name;
		enum xf_dl_unit	 unit;
	} units[] = {
		{ "日", XF_DL_DAYS },
		{ "天", XF_DL_DAYS },
		{ "自然日", XF_DL_DAYS },
		{ "工作日", XF_DL_WORKDAYS },
		{ "月", XF_DL_MONTHS },
		{ "个月", XF_DL_MONTHS },
	};
	size_t start, len, i;

	xf_utf8_trim(s, strlen(s), &start, &len);
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strlen(units[i].name) == len &&
		    memcmp(units[i].name, s + start, len) == 0) {
			*u = units[i].unit;
			return 0;
		}
	return -1;
}

const char *
xf_deadline_unit_name(enum xf_dl_unit u)
{
	switch (u) {
	case XF_DL_DAYS:
		return "日";
	case XF_DL_WORKDAYS:
		return "工作日";
	case XF_DL_MONTHS:
		return "月";
	}
	return "?";
}

int
xf_deadline_len(const struct xf_param *r, struct xf_dl_len *len,
    const char **why)
{
	enum xf_dl_unit u;
	long n;

	if (xf_params_long(r, &n, why) == -1)
		return -1;
	if (n < 0 || n > MAXLEN) {
		if (why != NULL)
			*why = "out of range 0 to 36500";
		return -1;
	}
	if (xf_deadline_unit(r->unit, &u) == -1) {
		if (why != NULL)
			*why = "unit is not 日, 工作日 or 月";
		return -1;
	}
	len->n = n;
	len->unit = u;
	return 0;
}

/* *out = the end of len from from; 0, 1 (uncovered year) or -1. */
static int
add_len(const struct xf_date *from, const struct xf_dl_len *len,
    const struct xf_calendar *cal, struct xf_date *out)
{
	switch (len->unit) {
	case XF_DL_DAYS:
		return xf_date_period_end(from, len->n, XF_PERIOD_DAY, out);
	case XF_DL_MONTHS:
		return xf_date_period_end(from, len->n, XF_PERIOD_MONTH, out);
	case XF_DL_WORKDAYS:
		return xf_date_add_workdays(cal, from, len->n, out);
	}
	return -1;
}

int
xf_deadline_due(const struct xf_date *start, const struct xf_dl_len *len,
    const struct xf_dl_len *ext, const struct xf_calendar *cal, int roll,
    struct xf_date *raw, struct xf_date *due)
{
	struct xf_date d, r;
	int rc, flag = 0;

	if ((rc = add_len(start, len, cal, &d)) == -1)
		return -1;
	flag |= rc;
	if (ext != NULL) {
		if ((rc = add_len(&d, ext, cal, &d)) == -1)
			return -1;
		flag |= rc;
	}
	r = d;
	if (roll) {
		if ((rc = xf_date_roll_forward(cal, &r, &d)) == -1)
			return -1;
		flag |= rc;
	}
	*raw = r;
	*due = d;
	return flag;
}

int
xf_deadline_today(long long secs, struct xf_date *d)
{
	long long t, days;

	/* Keep clear of overflow: anything this far out is out of range. */
	if (secs > 400000000000LL || secs < -400000000000LL)
		return -1;
	t = secs + CST_OFFSET;
	days = t / 86400;
	if (t % 86400 < 0)
		days--;		/* round toward minus infinity */
	return xf_date_from_days((long)days, d);
}

const char *
xf_deadline_status_name(enum xf_dl_status s)
{
	return (unsigned)s < XF_DL_NSTATUS ? status_name[s] : NULL;
}

const char *
xf_deadline_step_name(enum xf_dl_step s)
{
	return (unsigned)s < XF_DL_NSTEP ? steps[s].name : NULL;
}

/*
 * The length of parameter param in force on day on.  Returns 0, or -1
 * with the reason in why.
 */
static int
lookup(const struct xf_dl_config *cfg, int param, const struct xf_date *on,
    const struct xf_param **row, struct xf_dl_len *len, char *why,
    size_t whysize)
{
	const char *chain[XF_PARAMS_CHAINMAX], *name, *w;
	const struct xf_param *r;
	char day[XF_DATE_STRLEN], others[256];
	size_t n, i, k = 0;

	name = xf_deadline_params[param];
	xf_date_format(on, day);
	if ((r = xf_params_get(cfg->params, name, cfg->region, on)) == NULL) {
		n = xf_params_chain(cfg->region, chain);
		others[0] = '\0';
		for (i = 1; i < n && k < sizeof(others); i++)
			k += (size_t)snprintf(others + k, sizeof(others) - k,
			    "%s%s", i == 1 ? " (nor " : ", ", chain[i]);
		if (n > 1 && k < sizeof(others))
			snprintf(others + k, sizeof(others) - k, ")");
		snprintf(why, whysize, "no parameter '%s' in force on %s for "
		    "%s%s", name, day, chain[0], others);
		return -1;
	}
	if (!r->has_value) {
		snprintf(why, whysize, "parameter '%s' for %s in force on %s "
		    "has no value (%s): supply it in a --params file", name,
		    r->region, day, r->source);
		return -1;
	}
	if (xf_deadline_len(r, len, &w) == -1) {
		snprintf(why, whysize, "parameter '%s' for %s in force on %s "
		    "(%s:%lu): %s: '%s %s'", name, r->region, day, r->file,
		    r->line, w, r->value, r->unit);
		return -1;
	}
	*row = r;
	return 0;
}

/* Fill in step s, which started on start and lasts len (+ ext). */
static int
start_step(const struct xf_dl_config *cfg, enum xf_dl_step s,
    const struct xf_date *start, const struct xf_dl_len *ext,
    struct xf_dl_result *res, char *why, size_t whysize)
{
	struct xf_dl_due *d = &res->step[s];
	struct xf_dl_len len;
	int rc;

	if (lookup(cfg, steps[s].param, start, &d->len, &len, why,
	    whysize) == -1)
		return -1;
	rc = xf_deadline_due(start, &len, ext, cfg->cal, cfg->roll, &d->raw,
	    &d->due);
	if (rc == -1) {
		snprintf(why, whysize, "%s due date is past 9999-12-31",
		    steps[s].name);
		return -1;
	}
	d->set = 1;
	d->start = *start;
	d->uncovered = rc;
	return 0;
}

int
xf_deadline_eval(const struct xf_dl_config *cfg, const struct xf_dl_case *c,
    struct xf_dl_result *res, char *why, size_t whysize)
{
	const struct xf_param *row;
	struct xf_dl_len xlen, wlen;
	struct xf_date a, b, raw, end;
	char da[XF_DATE_STRLEN], db[XF_DATE_STRLEN];
	int vis[XF_DL_NEVENT], e, prev, s;
	long left;

	memset(res, 0, sizeof(*res));
	if (!c->has[XF_DL_RECEIVED]) {
		snprintf(why, whysize, "no received date");
		return -1;
	}
	for (e = 1; e < XF_DL_NEVENT; e++)
		if (c->has[e] && !c->has[needs[e]]) {
			snprintf(why, whysize, "%s is %s but %s is empty",
			    event_name[e], xf_date_format(&c->date[e], da),
			    event_name[needs[e]]);
			return -1;
		}
	if (c->extended > 0 && !c->has[XF_DL_ACCEPTED]) {
		snprintf(why, whysize, "extended_days is %ld but accepted is "
		    "empty", c->extended);
		return -1;
	}
	for (prev = XF_DL_RECEIVED, e = 1; e < XF_DL_NEVENT; e++) {
		if (!c->has[e])
			continue;
		if (xf_date_diff(&c->date[prev], &c->date[e]) < 0) {
			snprintf(why, whysize, "%s %s is before %s %s",
			    event_name[e], xf_date_format(&c->date[e], da),
			    event_name[prev],
			    xf_date_format(&c->date[prev], db));
			return -1;
		}
		prev = e;
	}
	if (xf_date_diff(&cfg->asof, &c->date[XF_DL_RECEIVED]) > 0) {
		snprintf(why, whysize, "received %s is after the as-of date %s",
		    xf_date_format(&c->date[XF_DL_RECEIVED], da),
		    xf_date_format(&cfg->asof, db));
		return -1;
	}
	for (e = 0; e < XF_DL_NEVENT; e++)
		vis[e] = c->has[e] &&
		    xf_date_diff(&c->date[e], &cfg->asof) >= 0;

	/* Every step that has started by the as-of date. */
	if (start_step(cfg, XF_DL_ACCEPT, &c->date[XF_DL_RECEIVED], NULL, res,
	    why, whysize) == -1)
		return -1;
	if (vis[XF_DL_ACCEPTED]) {
		a = c->date[XF_DL_ACCEPTED];
		if (c->extended > 0) {
			if (lookup(cfg, P_EXTEND, &a, &row, &xlen, why,
			    whysize) == -1)
				return -1;
			res->step[XF_DL_HANDLE].ext = row;
			res->extended = c->extended;
			if (c->extended > xlen.n) {
				res->capped = 1;
				res->ext_given = c->extended;
				res->ext_max = xlen.n;
				res->extended = xlen.n;
			}
			xlen.n = res->extended;
		}
		if (start_step(cfg, XF_DL_HANDLE, &a, c->extended > 0 ?
		    &xlen : NULL, res, why, whysize) == -1)
			return -1;
		left = xf_date_diff(&res->step[XF_DL_ACCEPT].due, &a);
		if (left > 0)
			res->late_accept = left;
	}
	if (vis[XF_DL_REVIEW_REQUESTED]) {
		b = c->date[XF_DL_REVIEW_REQUESTED];
		if (start_step(cfg, XF_DL_REVIEW, &b, NULL, res, why,
		    whysize) == -1)
			return -1;
		/* A note only: a missing window parameter is no reason to
		 * reject the case. */
		if (vis[XF_DL_REPLY_RECEIVED] && lookup(cfg, P_REVIEW_REQUEST,
		    &c->date[XF_DL_REPLY_RECEIVED], &row, &wlen, why,
		    whysize) == 0 && xf_deadline_due(
		    &c->date[XF_DL_REPLY_RECEIVED], &wlen, NULL, cfg->cal,
		    cfg->roll, &raw, &end) >= 0 &&
		    xf_date_diff(&end, &b) > 0)
			res->late_review = xf_date_diff(&end, &b);
		why[0] = '\0';
	}
	if (vis[XF_DL_RECHECK_REQUESTED] && start_step(cfg, XF_DL_RECHECK,
	    &c->date[XF_DL_RECHECK_REQUESTED], NULL, res, why, whysize) == -1)
		return -1;

	/* The status is about the latest step that has started. */
	for (s = XF_DL_NSTEP - 1; s > 0 && !res->step[s].set; s--)
		continue;
	res->current = (enum xf_dl_step)s;
	if (s == XF_DL_ACCEPT) {
		res->days_left = xf_date_diff(&cfg->asof,
		    &res->step[s].due);
		res->status = res->days_left < 0 ? XF_DL_ACCEPT_LATE :
		    XF_DL_PENDING;
	} else if (vis[steps[s].end]) {
		res->days_left = xf_date_diff(&c->date[steps[s].end],
		    &res->step[s].due);
		res->status = res->days_left < 0 ? XF_DL_DONE_LATE :
		    XF_DL_DONE;
	} else {
		res->days_left = xf_date_diff(&cfg->asof, &res->step[s].due);
		res->status = res->days_left < 0 ? XF_DL_OVERDUE :
		    res->days_left <= cfg->soon ? XF_DL_SOON : XF_DL_OPEN;
	}
	return 0;
}

/* Append to sb as printf would, cutting at a character boundary. */
static void
sb_add(struct sbuf *sb, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	size_t n, room;
	int len;

	if (sb->full || sb->size == 0)
		return;
	va_start(ap, fmt);
	len = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	n = (size_t)len < sizeof(tmp) ? (size_t)len : sizeof(tmp) - 1;
	room = sb->size - 1 - sb->len;
	if (n > room) {
		n = room;
		/* Back off continuation bytes so no character is split. */
		while (n > 0 && ((unsigned char)tmp[n] & 0xC0) == 0x80)
			n--;
		sb->full = 1;
	}
	memcpy(sb->buf + sb->len, tmp, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

char *
xf_deadline_explain(const struct xf_dl_result *res, char *buf, size_t size)
{
	struct sbuf sb = { buf, size, 0, 0 };
	const struct xf_dl_due *d = &res->step[res->current];
	char d1[XF_DATE_STRLEN], d2[XF_DATE_STRLEN], d3[XF_DATE_STRLEN];
	struct xf_dl_len len;
	const char *w;

	if (size > 0)
		buf[0] = '\0';
	if (!d->set)
		return buf;
	if (xf_deadline_len(d->len, &len, &w) == -1)
		len.n = 0, len.unit = XF_DL_DAYS;
	sb_add(&sb, "%s：%s%s起%ld%s", steps[res->current].name,
	    steps[res->current].from, xf_date_format(&d->start, d1), len.n,
	    xf_deadline_unit_name(len.unit));
	if (d->ext != NULL && res->extended > 0) {
		if (xf_deadline_len(d->ext, &len, &w) == -1)
			len.unit = XF_DL_DAYS;
		sb_add(&sb, "，延期%ld%s", res->extended,
		    xf_deadline_unit_name(len.unit));
	}
	sb_add(&sb, "，至%s", xf_date_format(&d->raw, d2));
	if (xf_date_diff(&d->raw, &d->due) != 0)
		sb_add(&sb, "，逢休息日顺延至%s", xf_date_format(&d->due, d3));
	sb_add(&sb, "；依据：%s", d->len->source);
	if (d->ext != NULL)
		sb_add(&sb, "；延期上限依据：%s", d->ext->source);
	if (res->capped)
		sb_add(&sb, "；延期%ld日超过上限%ld日，按%ld日计",
		    res->ext_given, res->ext_max, res->ext_max);
	if (res->late_accept > 0)
		sb_add(&sb, "；受理超期%ld日（受理期限至%s）", res->late_accept,
		    xf_date_format(&res->step[XF_DL_ACCEPT].due, d1));
	if (res->late_review > 0)
		sb_add(&sb, "；复查请求超过期限%ld日", res->late_review);
	return buf;
}
