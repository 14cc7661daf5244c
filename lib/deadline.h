/* SPDX-License-Identifier: ISC */

/*
 * Petition deadlines (DOMAIN.md section G): the due date of each step of
 * the procedure under 信访工作条例 (2022) and 信访条例 (2005), and where a
 * case stands on a given day.
 *
 * A case passes through up to four steps, each with a start event, an
 * end event and a length taken from the dated parameter table
 * (params.h), looked up for the region on the day the step starts:
 *
 *   step      start              end              length parameter
 *   受理      received           accepted         petition_accept_days
 *   办理      accepted           replied          petition_handle_days
 *                                                 (+ extended_days, at
 *                                                 most
 *                                                 petition_extend_max_days)
 *   复查      review_requested   review_decided   petition_review_decide_days
 *   复核      recheck_requested  recheck_decided  petition_recheck_decide_days
 *
 * A length is a whole number of 日 (calendar days), 工作日 (working days
 * by the holiday calendar) or 月 (months).  Counting follows 民法典
 * 第201-202条 (DOMAIN.md section 0.3): the day of the start event is not
 * counted, so 15 日 from 2025-01-31 end on 2025-02-15, and a month from
 * 2025-01-31 ends on 2025-02-28.  On request a due date that falls on a
 * rest day moves to the next working day (第203条).
 *
 * The module is pure: it never prints and never exits.  Failures come
 * back as -1 with a reason in a caller's buffer (lower case, no full
 * stop, the offending values quoted), ready for a rejects message.
 */

#ifndef XF_DEADLINE_H
#define XF_DEADLINE_H

#include <stddef.h>

#include "date.h"
#include "params.h"

/* The dates a case record may carry, in procedural order. */
enum xf_dl_event {
	XF_DL_RECEIVED,		/* 收到 (the petition's date) */
	XF_DL_ACCEPTED,		/* 受理 (the acceptance notice) */
	XF_DL_REPLIED,		/* 答复 / 办结 */
	XF_DL_REPLY_RECEIVED,	/* the petitioner received the reply */
	XF_DL_REVIEW_REQUESTED,	/* 复查 asked for */
	XF_DL_REVIEW_DECIDED,	/* 复查意见 */
	XF_DL_RECHECK_REQUESTED, /* 复核 asked for */
	XF_DL_RECHECK_DECIDED,	/* 复核意见 */
	XF_DL_NEVENT
};

/* The steps, in order. */
enum xf_dl_step {
	XF_DL_ACCEPT,		/* 受理 */
	XF_DL_HANDLE,		/* 办理 */
	XF_DL_REVIEW,		/* 复查 */
	XF_DL_RECHECK,		/* 复核 */
	XF_DL_NSTEP
};

/* Where a case stands (the labels are xf_deadline_status_name's). */
enum xf_dl_status {
	XF_DL_PENDING,		/* 待受理: not accepted, not yet due */
	XF_DL_ACCEPT_LATE,	/* 受理超期: not accepted, past due */
	XF_DL_OPEN,		/* 在办: in hand, due after the --soon window */
	XF_DL_SOON,		/* 临期: in hand, due within --soon days */
	XF_DL_OVERDUE,		/* 超期未办: in hand, past due */
	XF_DL_DONE,		/* 按期办结: closed on or before the due day */
	XF_DL_DONE_LATE,	/* 超期办结: closed after the due day */
	XF_DL_NSTATUS
};

/* Units of a step's length. */
enum xf_dl_unit {
	XF_DL_DAYS,		/* 日: calendar days */
	XF_DL_WORKDAYS,		/* 工作日: working days */
	XF_DL_MONTHS		/* 月: months */
};

/* A step's length. */
struct xf_dl_len {
	long		 n;
	enum xf_dl_unit	 unit;
};

/* What xf_deadline_eval needs besides the case. */
struct xf_dl_config {
	const struct xf_params	 *params;
	const char		 *region;	/* NULL: XF_PARAMS_REGION */
	const struct xf_calendar *cal;		/* NULL: weekends only */
	int			  roll;		/* move due dates off rest */
	long			  soon;		/* 临期 window, days, >= 0 */
	struct xf_date		  asof;		/* the day of the picture */
};

/* One case: the dates it carries and its extension. */
struct xf_dl_case {
	struct xf_date	 date[XF_DL_NEVENT];
	int		 has[XF_DL_NEVENT];	/* 0: the date is empty */
	long		 extended;		/* extended_days, >= 0 */
};

/* The due date of one step. */
struct xf_dl_due {
	int			 set;		/* 0: not started */
	struct xf_date		 start;		/* the day it started */
	struct xf_date		 raw;		/* before a move off rest */
	struct xf_date		 due;		/* the due date that counts */
	int			 uncovered;	/* xf_deadline_due gave 1 */
	const struct xf_param	*len;		/* the length's row */
	const struct xf_param	*ext;		/* extension limit's, or NULL */
};

/* The picture of one case on config->asof. */
struct xf_dl_result {
	struct xf_dl_due	 step[XF_DL_NSTEP];
	enum xf_dl_step		 current;	/* the step status is about */
	enum xf_dl_status	 status;
	long			 days_left;	/* see xf_deadline_eval */
	long			 extended;	/* extension counted */
	int			 capped;	/* extension cut to the limit */
	long			 ext_given;	/* as given, when capped */
	long			 ext_max;	/* the limit, when capped */
	long			 late_accept;	/* days after accept due */
	long			 late_review;	/* days the 复查 ask was late */
};

/*
 * The parameter names the steps use (petition_accept_days, ...), and
 * the limit of the extension and the 复查 request window; a
 * NULL-terminated list, for checking a parameter table up front.
 */
extern const char *const xf_deadline_params[];

/*
 * Read a unit as a parameter table writes it: 日, 天 or 自然日 (calendar
 * days), 工作日, 月 or 个月, after trimming blanks.  Returns 0 and sets
 * *u, or -1 for anything else (the empty string included).
 */
int	 xf_deadline_unit(const char *s, enum xf_dl_unit *u);

/* The unit's name as the tool prints it: "日", "工作日" or "月". */
const char *xf_deadline_unit_name(enum xf_dl_unit u);

/*
 * The length given by parameter row r: its value must be a whole number
 * from 0 to 36500 and its unit one xf_deadline_unit() reads.  Returns 0
 * and sets *len, or -1 with a static reason in *why ("no value", "not a
 * whole number", "out of range 0 to 36500", "unit is not 日, 工作日 or
 * 月").
 */
int	 xf_deadline_len(const struct xf_param *r, struct xf_dl_len *len,
	    const char **why);

/*
 * The last day of a period of len that begins with an event on start
 * (counted from the next day, 民法典 第201-202条), then, if ext is not
 * NULL, of ext more from that day (an extension runs from the end of
 * the period it extends).  *raw receives it.  *due receives the same
 * date or, when roll is 1, the first working day on or after it (第203条:
 * a period that ends on a rest day ends on the next working day).
 * Working days and rest days come from cal (NULL: weekends only); a
 * length in 工作日 ends on a working day whatever roll says.
 *
 * Returns 0; 1 when the calendar was consulted about a day in a year it
 * does not cover (only weekends were known there: the caller should
 * warn); or -1, leaving *raw and *due alone, past 9999-12-31.
 */
int	 xf_deadline_due(const struct xf_date *start,
	    const struct xf_dl_len *len, const struct xf_dl_len *ext,
	    const struct xf_calendar *cal, int roll, struct xf_date *raw,
	    struct xf_date *due);

/*
 * The date in 中国标准时间 (UTC+8, which China has kept without summer
 * time since 1991) at the instant secs seconds after 1970-01-01T00:00Z.
 * Returns 0, or -1 (leaving *d alone) outside years 1..9999.
 */
int	 xf_deadline_today(long long secs, struct xf_date *d);

/*
 * Where case c stands on cfg->asof.  Events dated after asof are taken
 * as not yet happened, so an earlier asof shows the picture of that day.
 *
 * The case is rejected (-1, reason in why) when it has no received
 * date, when received is after asof, when a date is missing that a
 * later one needs (accepted for replied and for an extension, replied
 * for reply_received and review_requested, review_requested for
 * review_decided, review_decided for recheck_requested,
 * recheck_requested for recheck_decided), when a date is before the one
 * it follows in the order of enum xf_dl_event, when a step's parameter
 * is not in force on the day the step starts, has no value or is bad
 * (see xf_deadline_len), or when a due date is past 9999-12-31.
 *
 * Otherwise fills *res and returns 0.  Every step that has started by
 * asof gets its due date.  The status and days_left are about the
 * latest step that has started (res->current):
 *   受理 step:  days_left = accept due - asof; 受理超期 when negative, else
 *               待受理;
 *   other steps, not ended by asof: days_left = due - asof; 超期未办 when
 *               negative, 临期 from 0 to soon (the due day itself is 0),
 *               在办 above;
 *   other steps, ended: days_left = due - end date, the days to spare
 *               when it ended; 超期办结 when negative, else 按期办结.
 * An extension over petition_extend_max_days counts as the maximum (the
 * regulation allows no more): res->capped is set, res->ext_max says
 * what it was cut to, res->ext_given what the record said, and the
 * caller should warn.
 */
int	 xf_deadline_eval(const struct xf_dl_config *cfg,
	    const struct xf_dl_case *c, struct xf_dl_result *res, char *why,
	    size_t whysize);

/*
 * 待受理, 受理超期, 在办, 临期, 超期未办, 按期办结 or 超期办结; NULL out of
 * range.
 */
const char *xf_deadline_status_name(enum xf_dl_status s);

/* 受理, 办理, 复查, 复核; NULL if out of range. */
const char *xf_deadline_step_name(enum xf_dl_step s);

/*
 * A one-line explanation of res, in Chinese, for the deadline_basis
 * column: the step the status is about, how its due date was counted
 * and from which parameter row (its source), and the notes (a due date
 * moved off a rest day, an extension cut to the limit, a late
 * acceptance, a late 复查 request).  For example
 *   办理：受理2025-08-02起60日，延期30日，至2025-10-31；
 *   依据：信访工作条例（2022）第34条…
 * (one line).
 * Writes at most size bytes with the NUL (cut at a character boundary)
 * and returns buf.
 */
char	*xf_deadline_explain(const struct xf_dl_result *res, char *buf,
	    size_t size);

#endif /* XF_DEADLINE_H */
