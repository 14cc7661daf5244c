/* SPDX-License-Identifier: ISC */

/*
 * xf-deadline: the due dates of each petition under the petition
 * regulations (信访工作条例 2022, 信访条例 2005; DOMAIN.md section G) and
 * where it stands on a given day.  It appends accept_due, handle_due,
 * days_left and deadline_status (and review_due, recheck_due when the
 * input records 复查 and 复核 requests; deadline_basis with --explain).
 * Step lengths and units come from the dated parameter table
 * (--params, --dump-params), rest days from the holiday calendar
 * (--roll-holidays, --holidays).  The day of the picture is --as-of,
 * by default today in 中国标准时间, so that a cron job sees today's state
 * whatever the machine's time zone.  A record whose dates contradict
 * each other is rejected with the reason; an extension longer than the
 * regulation allows is counted at the limit, with a warning.
 */

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "columns.h"
#include "csvin.h"
#include "csvout.h"
#include "date.h"
#include "deadline.h"
#include "input.h"
#include "output.h"
#include "params.h"
#include "rejects.h"
#include "utf8.h"
#include "xf.h"

/* Options of our own, beyond the shared ones. */
enum {
	OPT_HOLIDAYS = 0x200
};

struct options {
	struct xf_cli	 cli;
	const char	*params;	/* -p */
	const char	*holidays;	/* -H */
	const char	*region;	/* -R; NULL: 延吉市 */
	struct xf_date	 asof;		/* -a, or today */
	long long	 soon;		/* -s */
	int		 roll;		/* -r */
	int		 explain;	/* -e */
	int		 dump;		/* -D */
};

/* The columns read: the dates, then extended_days. */
enum {
	K_EXTENDED = XF_DL_NEVENT,
	K_N
};

/* The columns written, in order. */
enum {
	O_ACCEPT,
	O_HANDLE,
	O_LEFT,
	O_STATUS,
	O_REVIEW,
	O_RECHECK,
	O_BASIS,
	O_N
};

static const char *const outname[O_N] = {
	"accept_due", "handle_due", "days_left", "deadline_status",
	"review_due", "recheck_due", "deadline_basis"
};

/*
 * How each column read is found: its name, a second English name
 * (whose --col override and aliases also count), and the Chinese
 * headers of real exports.
 */
static const char *const a_received[] = { "收到日期", "收件日期", "接收日期",
	"收信日期", "来件日期", NULL };
static const char *const a_accepted[] = { "受理日期", "受理时间",
	"受理告知日期", "告知日期", NULL };
static const char *const a_replied[] = { "答复日期", "回复日期", "书面答复日期",
	"办结日期", "结案日期", "办结时间", NULL };
static const char *const a_reply_received[] = { "答复送达日期", "收到答复日期",
	"送达日期", NULL };
static const char *const a_review_requested[] = { "复查申请日期",
	"申请复查日期", "复查请求日期", NULL };
static const char *const a_review_decided[] = { "复查意见日期", "复查决定日期",
	"复查办结日期", NULL };
static const char *const a_recheck_requested[] = { "复核申请日期",
	"申请复核日期", "复核请求日期", NULL };
static const char *const a_recheck_decided[] = { "复核意见日期", "复核决定日期",
	"复核办结日期", NULL };
static const char *const a_extended[] = { "延期天数", "延长天数", "延期日数",
	NULL };

static const struct {
	const char		*name;
	const char		*alt;		/* or NULL */
	const char *const	*aliases;
} spec[K_N] = {
	{ "received",		"date",		a_received },
	{ "accepted",		NULL,		a_accepted },
	{ "replied",		"closed",	a_replied },
	{ "reply_received",	NULL,		a_reply_received },
	{ "review_requested",	NULL,		a_review_requested },
	{ "review_decided",	NULL,		a_review_decided },
	{ "recheck_requested",	NULL,		a_recheck_requested },
	{ "recheck_decided",	NULL,		a_recheck_decided },
	{ "extended_days",	NULL,		a_extended },
};

/* Column indexes in the current input, -1 when absent. */
struct cols {
	long	 in[K_N];
	long	 out[O_N];	/* an input column overwritten, or -1 */
	int	 want[O_N];	/* whether the column is written */
};

#define MAXPLACEHOLDER	16

struct run {
	const struct options	*opt;
	struct xf_dl_config	 cfg;
	struct xf_csvout	*out;
	struct xf_rejects	*rej;
	struct xf_header	*hdr;
	const char		*name;		/* current input */
	unsigned long long	 records;
	unsigned long		 warned;	/* warnings shown, this input */
	unsigned long		 hidden;	/* and not printed */
	unsigned long long	 capped;	/* in all */
	unsigned char		 uncovered[10000]; /* years, by number */
	int			 anyuncovered;
	const struct xf_param	*placeholder[MAXPLACEHOLDER];
	size_t			 nplaceholder;
};

static const char usage_line[] =
    "usage: xf-deadline [-DehrV] [-a date] [-d delim] [-H file] [-o file] "
    "[-p file] [-R region] [-s days] [file ...]";

static const struct option longopts[] = {
	{ "as-of",		required_argument,	NULL,	'a' },
	{ "dump-params",	no_argument,		NULL,	'D' },
	{ "explain",		no_argument,		NULL,	'e' },
	{ "help",		no_argument,		NULL,	'h' },
	{ "holidays",		required_argument,	NULL,	'H' },
	{ "params",		required_argument,	NULL,	'p' },
	{ "region",		required_argument,	NULL,	'R' },
	{ "roll-holidays",	no_argument,		NULL,	'r' },
	{ "soon",		required_argument,	NULL,	's' },
	{ "version",		no_argument,		NULL,	'V' },
	XF_CLI_LONGOPTS,
	{ NULL,			0,			NULL,	0 }
};

static void	help(void) __attribute__((noreturn));

static void
help(void)
{
	printf("%s\n\n", usage_line);
	fputs("Due dates and status of petitions under the petition "
	    "regulations: append\naccept_due, handle_due, days_left, "
	    "deadline_status.\n\n"
	    "  -a, --as-of=DATE        the day of the picture (default: today "
	    "in China, UTC+8)\n"
	    "  -D, --dump-params       print the parameters it uses and exit\n"
	    "  -e, --explain           append deadline_basis: how the due date "
	    "was counted\n"
	    "  -H, --holidays=FILE     add the rest and working days in FILE "
	    "(date,kind)\n"
	    "  -p, --params=FILE       step lengths from FILE over the "
	    "built-in table\n"
	    "  -R, --region=NAME       region of the parameters (default "
	    "延吉市)\n"
	    "  -r, --roll-holidays     move a due date on a rest day to the "
	    "next working day\n"
	    "  -s, --soon=DAYS         临期 when due within DAYS days, the due "
	    "day included\n"
	    "                          (default 7)\n"
	    "  -h, --help              show this help and exit\n"
	    "  -V, --version           show the version and exit\n"
	    XF_CLI_HELP
	    "\nColumns read: received (or date), accepted, extended_days, "
	    "replied (or closed);\noptional reply_received, review_requested, "
	    "review_decided, recheck_requested,\nrecheck_decided.  Statuses: "
	    "待受理 受理超期 在办 临期 超期未办 按期办结 超期办结.\n"
	    "\nExample:\n"
	    "  xf-deadline --roll-holidays cases.csv | "
	    "mlr --icsv --opprint count -g deadline_status\n"
	    "\nSee xf-deadline(1).\n", stdout);
	exit(xf_finish(XF_EXIT_OK));
}

/* The --col override for name, or NULL. */
static const char *
override(const struct options *opt, const char *name)
{
	size_t i;

	for (i = 0; i < opt->cli.cols.n; i++)
		if (strcmp(opt->cli.cols.name[i], name) == 0)
			return opt->cli.cols.header[i];
	return NULL;
}

/* Whether index k is already taken by another column read. */
static int
taken(const struct cols *c, long k)
{
	int i;

	for (i = 0; i < K_N; i++)
		if (c->in[i] == k)
			return 1;
	return 0;
}

/* The first of the headers in list that is present and free, or -1. */
static long
first_free(const struct xf_row *hdr, const struct cols *c,
    const char *const *list)
{
	long k;

	for (; *list != NULL; list++)
		if ((k = xf_col_index(hdr, *list)) != -1 && !taken(c, k))
			return k;
	return -1;
}

/* Whether header field k is one of the names of date. */
static int
is_date_alias(const struct xf_row *hdr, long k)
{
	const char *const *a;

	if (xf_col_index(hdr, "date") == k)
		return 1;
	for (a = xf_col_aliases("date"); *a != NULL; a++)
		if (xf_col_index(hdr, *a) == k)
			return 1;
	return 0;
}

/*
 * Find the columns of one input.  --col overrides come first, then the
 * English names, then the Chinese aliases, and no header serves two
 * columns: an export whose only date is headed 受理日期 can be read as
 * received with --col received=受理日期.  Returns 0, or -1 after a
 * diagnostic (status 2).
 */
static int
find_columns(const struct run *r, const struct xf_row *hdr, struct cols *c)
{
	const struct options *opt = r->opt;
	const char *h, *names[3];
	char list[1024], hint[256];
	size_t n;
	long k;
	int i, j;

	for (i = 0; i < K_N; i++)
		c->in[i] = -1;
	for (i = 0; i < K_N; i++) {
		names[0] = spec[i].name;
		names[1] = spec[i].alt;
		for (j = 0; j < 2 && names[j] != NULL; j++) {
			if ((h = override(opt, names[j])) == NULL)
				continue;
			if ((k = xf_col_index(hdr, h)) == -1) {
				xf_col_need(hdr, names[j], &opt->cli.cols,
				    r->name);
				return -1;
			}
			if (taken(c, k)) {
				xf_warnat(r->name, hdr->line, "column '%s' is "
				    "named by --col twice", h);
				return -1;
			}
			c->in[i] = k;
			break;
		}
	}
	for (i = 0; i < K_N; i++) {
		if (c->in[i] != -1)
			continue;
		names[0] = spec[i].name;
		names[1] = spec[i].alt;
		names[2] = NULL;
		c->in[i] = first_free(hdr, c, names);
	}
	/*
	 * Each column's own aliases before the second name's: 受理日期 is
	 * an alias of date for other tools, but here it is accepted.
	 */
	for (i = 0; i < K_N; i++)
		if (c->in[i] == -1)
			c->in[i] = first_free(hdr, c, spec[i].aliases);
	for (i = 0; i < K_N; i++)
		if (c->in[i] == -1 && spec[i].alt != NULL)
			c->in[i] = first_free(hdr, c,
			    xf_col_aliases(spec[i].alt));

	if (c->in[XF_DL_RECEIVED] == -1) {
		list[0] = '\0';
		for (n = 0, k = 0; k < (long)hdr->nfield &&
		    n < sizeof(list) - 8; k++)
			n += (size_t)snprintf(list + n, sizeof(list) - n,
			    "%s'%s'", k > 0 ? ", " : "", hdr->field[k]);
		if (n >= sizeof(list) - 8)
			snprintf(list + sizeof(list) - 8, 8, ", ...");
		hint[0] = '\0';
		for (i = 0; i < K_N; i++)
			if (c->in[i] != -1 && is_date_alias(hdr, c->in[i]))
				snprintf(hint, sizeof(hint), " ('%s' is read "
				    "as %s: use --col received=%s if it is the "
				    "date received)", hdr->field[c->in[i]],
				    spec[i].name, hdr->field[c->in[i]]);
		xf_warnat(r->name, hdr->line, "no column 'received' or 'date' "
		    "or any of their aliases (收到日期, 日期, 登记日期, ...)%s; "
		    "columns are: %s", hint, list);
		return -1;
	}
	/* A decision needs its request, as a date needs the one before. */
	if (c->in[XF_DL_REVIEW_DECIDED] != -1 &&
	    c->in[XF_DL_REVIEW_REQUESTED] == -1) {
		xf_warnat(r->name, hdr->line, "column review_decided ('%s') "
		    "without a review_requested column",
		    hdr->field[c->in[XF_DL_REVIEW_DECIDED]]);
		return -1;
	}
	if (c->in[XF_DL_RECHECK_DECIDED] != -1 &&
	    c->in[XF_DL_RECHECK_REQUESTED] == -1) {
		xf_warnat(r->name, hdr->line, "column recheck_decided ('%s') "
		    "without a recheck_requested column",
		    hdr->field[c->in[XF_DL_RECHECK_DECIDED]]);
		return -1;
	}

	for (i = 0; i < O_N; i++) {
		c->want[i] = 1;
		c->out[i] = xf_col_index(hdr, outname[i]);
	}
	c->want[O_REVIEW] = c->in[XF_DL_REVIEW_REQUESTED] != -1;
	c->want[O_RECHECK] = c->in[XF_DL_RECHECK_REQUESTED] != -1;
	c->want[O_BASIS] = opt->explain;
	for (i = 0; i < O_N; i++) {
		if (!c->want[i])
			c->out[i] = -1;
		if (c->out[i] != -1 && taken(c, c->out[i])) {
			xf_warnat(r->name, hdr->line, "column '%s' is both "
			    "read and written", outname[i]);
			return -1;
		}
	}
	return 0;
}

/* "accepted", or "accepted (受理日期)" when the header says otherwise. */
static const char *
colname(const struct run *r, const struct cols *c, int k, char *buf,
    size_t size)
{
	const char *h = xf_header_row(r->hdr)->field[c->in[k]];

	if (strcmp(h, spec[k].name) == 0)
		return spec[k].name;
	snprintf(buf, size, "%s (%s)", spec[k].name, h);
	return buf;
}

/*
 * extended_days: empty (0), or a whole number of days, full-width
 * digits allowed, with an optional 天 or 日 after it.  Returns 0, or -1.
 */
static int
parse_extended(const char *f, size_t n, long *out)
{
	char buf[64];
	size_t start, len, i;
	long v = 0;

	xf_utf8_trim(f, n, &start, &len);
	if (len == 0) {
		*out = 0;
		return 0;
	}
	if (len >= sizeof(buf))
		return -1;
	len = xf_utf8_halfwidth_alnum(f + start, len, buf);
	if (len > 3 && (memcmp(buf + len - 3, "天", 3) == 0 ||
	    memcmp(buf + len - 3, "日", 3) == 0))
		len -= 3;
	if (len == 0 || len > 9)
		return -1;
	for (i = 0; i < len; i++) {
		if (buf[i] < '0' || buf[i] > '9')
			return -1;
		v = v * 10 + (buf[i] - '0');
	}
	*out = v;
	return 0;
}

/* Mark the years from..to that the calendar does not cover. */
static void
note_uncovered(struct run *r, int from, int to)
{
	int y;

	for (y = from; y <= to && y < 10000; y++)
		if (y > 0 && !xf_calendar_covers(r->cfg.cal, y)) {
			r->uncovered[y] = 1;
			r->anyuncovered = 1;
		}
}

static void
note_placeholder(struct run *r, const struct xf_param *p)
{
	size_t i;

	if (p == NULL || !p->placeholder)
		return;
	for (i = 0; i < r->nplaceholder; i++)
		if (r->placeholder[i] == p)
			return;
	if (r->nplaceholder < MAXPLACEHOLDER)
		r->placeholder[r->nplaceholder++] = p;
}

/* A warning about a record that was written all the same. */
static void
warn_record(struct run *r, const struct xf_row *row, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
warn_record(struct run *r, const struct xf_row *row, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (r->warned >= XF_REJECTS_SHOWN) {
		r->hidden++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	xf_warnat(r->name, row->line, "%s", msg);
	r->warned++;
}

static void
put_date(struct xf_csvout *out, const struct xf_dl_due *d)
{
	char buf[XF_DATE_STRLEN];

	if (d->set)
		xf_csvout_str(out, xf_date_format(&d->due, buf));
	else
		xf_csvout_str(out, "");
}

/* Write output column o of a record. */
static void
put_out(struct run *r, int o, const struct xf_dl_result *res)
{
	char buf[2048];

	switch (o) {
	case O_ACCEPT:
		put_date(r->out, &res->step[XF_DL_ACCEPT]);
		break;
	case O_HANDLE:
		put_date(r->out, &res->step[XF_DL_HANDLE]);
		break;
	case O_LEFT:
		snprintf(buf, sizeof(buf), "%ld", res->days_left);
		xf_csvout_str(r->out, buf);
		break;
	case O_STATUS:
		xf_csvout_str(r->out, xf_deadline_status_name(res->status));
		break;
	case O_REVIEW:
		put_date(r->out, &res->step[XF_DL_REVIEW]);
		break;
	case O_RECHECK:
		put_date(r->out, &res->step[XF_DL_RECHECK]);
		break;
	case O_BASIS:
		xf_csvout_str(r->out, xf_deadline_explain(res, buf,
		    sizeof(buf)));
		break;
	}
}

/*
 * One record: read its dates, work out its picture, write it, or
 * reject it.  Returns the status it deserves.
 */
static int
do_row(struct run *r, const struct cols *c, const struct xf_row *row)
{
	struct xf_dl_case cs;
	struct xf_dl_result res;
	char why[1024], nm[128];
	const char *w;
	size_t start, len, i;
	long k;
	int e, o, s, secs, status = XF_EXIT_OK;

	memset(&cs, 0, sizeof(cs));
	for (e = 0; e < XF_DL_NEVENT; e++) {
		if ((k = c->in[e]) == -1)
			continue;
		xf_utf8_trim(row->field[k], row->len[k], &start, &len);
		if (len == 0)
			continue;
		if (xf_date_parse(row->field[k] + start, len, &cs.date[e],
		    &secs, &w) == -1) {
			xf_reject(r->rej, r->name, row, "%s is not a date: "
			    "'%s' (%s)", colname(r, c, e, nm, sizeof(nm)),
			    row->field[k], w);
			return XF_EXIT_DATA;
		}
		cs.has[e] = 1;
	}
	if (!cs.has[XF_DL_RECEIVED]) {
		xf_reject(r->rej, r->name, row, "%s is empty",
		    colname(r, c, XF_DL_RECEIVED, nm, sizeof(nm)));
		return XF_EXIT_DATA;
	}
	if ((k = c->in[K_EXTENDED]) != -1 && parse_extended(row->field[k],
	    row->len[k], &cs.extended) == -1) {
		xf_reject(r->rej, r->name, row, "%s is not a whole number of "
		    "days: '%s'", colname(r, c, K_EXTENDED, nm, sizeof(nm)),
		    row->field[k]);
		return XF_EXIT_DATA;
	}
	if (xf_deadline_eval(&r->cfg, &cs, &res, why, sizeof(why)) == -1) {
		xf_reject(r->rej, r->name, row, "%s", why);
		return XF_EXIT_DATA;
	}

	if (res.capped) {
		r->capped++;
		warn_record(r, row, "extended_days %ld is more than the %ld "
		    "days allowed (petition_extend_max_days): counted as %ld",
		    res.ext_given, res.ext_max, res.ext_max);
		status = XF_EXIT_DATA;
	}
	for (s = 0; s < XF_DL_NSTEP; s++) {
		if (!res.step[s].set)
			continue;
		if (res.step[s].uncovered)
			note_uncovered(r, res.step[s].start.year,
			    res.step[s].due.year);
		note_placeholder(r, res.step[s].len);
		note_placeholder(r, res.step[s].ext);
	}

	for (i = 0; i < row->nfield; i++) {
		for (o = 0; o < O_N; o++)
			if (c->out[o] == (long)i)
				break;
		if (o < O_N)
			put_out(r, o, &res);
		else
			xf_csvout_field(r->out, row->field[i], row->len[i]);
	}
	for (o = 0; o < O_N; o++)
		if (c->want[o] && c->out[o] == -1)
			put_out(r, o, &res);
	xf_csvout_end(r->out);
	return status;
}

static void
write_header(struct run *r, const struct cols *c, const struct xf_row *hdr)
{
	int o;

	if (r->opt->cli.bom)
		xf_csvout_bom(r->out);
	xf_csvout_row(r->out, hdr);
	for (o = 0; o < O_N; o++)
		if (c->want[o] && c->out[o] == -1)
			xf_csvout_str(r->out, outname[o]);
	xf_csvout_end(r->out);
}

/* One input.  Returns the exit status it deserves. */
static int
deadline(struct run *r, const char *path)
{
	const struct options *opt = r->opt;
	struct xf_input in;
	struct xf_row row;
	struct cols c;
	int st;

	r->warned = r->hidden = 0;
	/* An empty input has nothing to do, as xf-route. */
	st = xf_input_open(&in, path, &opt->cli.csv, r->rej, &r->records,
	    &row);
	r->name = in.name;
	if (st != 1)
		return xf_input_close(&in);
	if (r->hdr == NULL) {
		r->hdr = xf_header_save(&row);
		if (find_columns(r, &row, &c) == -1) {
			in.status = XF_EXIT_FAIL;
			xf_header_free(r->hdr);
			r->hdr = NULL;
			return xf_input_close(&in);
		}
		xf_rejects_header(r->rej, &row);
		write_header(r, &c, &row);
	} else if (xf_input_same(&in, r->hdr, &row) == -1)
		return xf_input_close(&in);
	else if (find_columns(r, &row, &c) == -1) {
		in.status = XF_EXIT_FAIL;
		return xf_input_close(&in);
	}
	while (xf_input_next(&in, &row)) {
		st = do_row(r, &c, &row);
		in.status = XF_WORST(in.status, st);
	}
	if (r->hidden > 0)
		xf_warnx("%s: %lu more warning%s not shown", r->name,
		    r->hidden, r->hidden == 1 ? "" : "s");
	return xf_input_close(&in);
}

/* Whether xf-deadline reads the parameter called name. */
static int
used(const char *name)
{
	size_t j;

	for (j = 0; xf_deadline_params[j] != NULL; j++)
		if (strcmp(name, xf_deadline_params[j]) == 0)
			return 1;
	return 0;
}

/*
 * Check up front every row of the table that xf-deadline may use, so
 * that a bad --params file fails before any record is read.  Returns 0,
 * or -1 after a diagnostic per bad row.
 */
static int
check_params(const struct xf_params *p)
{
	const struct xf_param *row;
	struct xf_dl_len len;
	const char *w;
	size_t i;
	int rc = 0;

	for (i = 0; (row = xf_params_row(p, i)) != NULL; i++) {
		if (!used(row->name) || !row->has_value)
			continue;
		if (xf_deadline_len(row, &len, &w) == -1) {
			xf_warnat(row->file, row->line, "parameter '%s' for "
			    "%s: %s: '%s' '%s'", row->name, row->region, w,
			    row->value, row->unit);
			rc = -1;
		}
	}
	return rc;
}

/* --dump-params: the rows xf-deadline reads, as a parameter table. */
static int
dump(const struct options *opt, const struct xf_params *p)
{
	return xf_params_dump_to(p, opt->cli.output, used) == 0 ?
	    XF_EXIT_OK : XF_EXIT_FAIL;
}

/* The built-in calendar, plus --holidays.  NULL after a diagnostic. */
static struct xf_calendar *
load_calendar(const char *path)
{
	struct xf_calendar *cal;
	FILE *fp;
	int rc;

	if ((cal = xf_calendar_defaults()) == NULL || path == NULL)
		return cal;
	if (strcmp(path, "-") == 0)
		rc = xf_calendar_load(cal, stdin, "<stdin>");
	else if ((fp = fopen(path, "r")) == NULL) {
		xf_warn("%s", path);
		rc = -1;
	} else {
		rc = xf_calendar_load(cal, fp, path);
		fclose(fp);
	}
	if (rc == -1) {
		xf_calendar_free(cal);
		return NULL;
	}
	return cal;
}

/* The notices at the end of a run. */
static void
notices(const struct run *r)
{
	char years[256];
	size_t n = 0;
	int y, count = 0;

	if (r->anyuncovered) {
		years[0] = '\0';
		for (y = 1; y < 10000; y++) {
			if (!r->uncovered[y])
				continue;
			if (count++ < 10 && n < sizeof(years))
				n += (size_t)snprintf(years + n,
				    sizeof(years) - n, "%s%d",
				    n > 0 ? ", " : "", y);
		}
		if (count > 10 && n < sizeof(years))
			snprintf(years + n, sizeof(years) - n, ", ...");
		xf_warnx("the holiday calendar does not cover %s: due dates "
		    "there were moved past weekends only (add the year's "
		    "rest days with --holidays)", years);
	}
	for (n = 0; n < r->nplaceholder; n++)
		xf_warnx("parameter '%s' for %s (%s:%lu) is a placeholder, "
		    "not law: %s", r->placeholder[n]->name,
		    r->placeholder[n]->region, r->placeholder[n]->file,
		    r->placeholder[n]->line, r->placeholder[n]->source);
}

int
main(int argc, char *argv[])
{
	static struct run r;
	struct options opt;
	struct xf_params *params;
	struct xf_calendar *cal;
	struct xf_output *outfile;
	const char *w;
	int ch, rc, secs, hasasof = 0, status = XF_EXIT_OK;

	argv[0] = xf_setprogname(argv[0]);
	memset(&opt, 0, sizeof(opt));
	xf_cli_init(&opt.cli);
	opt.soon = 7;

	while ((ch = getopt_long(argc, argv, "a:DeH:hp:R:rs:V" XF_CLI_SHORT,
	    longopts, NULL)) != -1) {
		if ((rc = xf_cli_option(&opt.cli, ch, optarg)) == 1)
			continue;
		if (rc == -1)
			xf_usage(usage_line);
		switch (ch) {
		case 'a':
			if (xf_date_parse(optarg, strlen(optarg), &opt.asof,
			    &secs, &w) == -1) {
				xf_warnx("--as-of: not a date: '%s' (%s)",
				    optarg, w);
				xf_usage(usage_line);
			}
			if (secs != -1) {
				xf_warnx("--as-of: expected a date without a "
				    "time: '%s'", optarg);
				xf_usage(usage_line);
			}
			hasasof = 1;
			break;
		case 'D':
			opt.dump = 1;
			break;
		case 'e':
			opt.explain = 1;
			break;
		case 'H':
			opt.holidays = optarg;
			break;
		case 'h':
			help();
			/* NOTREACHED */
		case 'p':
			opt.params = optarg;
			break;
		case 'R':
			if (*optarg == '\0') {
				xf_warnx("--region: empty region name");
				xf_usage(usage_line);
			}
			opt.region = optarg;
			break;
		case 'r':
			opt.roll = 1;
			break;
		case 's':
			if (xf_parse_count("--soon", optarg, 0, 36500,
			    &opt.soon) == -1)
				xf_usage(usage_line);
			break;
		case 'V':
			xf_version();
			/* NOTREACHED */
		default:
			xf_usage(usage_line);
		}
	}
	argc -= optind;
	argv += optind;

	if (!hasasof && xf_deadline_today((long long)time(NULL),
	    &opt.asof) == -1) {
		xf_warnx("the system clock is out of range");
		return xf_finish(XF_EXIT_FAIL);
	}

	/* Tables that cannot be used are the caller's problem: 2. */
	params = xf_params_new();
	if (xf_params_defaults(params) == -1 || (opt.params != NULL &&
	    xf_params_load(params, opt.params) == -1) ||
	    check_params(params) == -1) {
		xf_params_free(params);
		return xf_finish(XF_EXIT_FAIL);
	}
	if (opt.dump) {
		status = dump(&opt, params);
		xf_params_free(params);
		return xf_finish(status);
	}
	if ((cal = load_calendar(opt.holidays)) == NULL) {
		xf_params_free(params);
		return xf_finish(XF_EXIT_FAIL);
	}

	r.opt = &opt;
	r.cfg.params = params;
	r.cfg.region = opt.region;
	r.cfg.cal = cal;
	r.cfg.roll = opt.roll;
	r.cfg.soon = (long)opt.soon;
	r.cfg.asof = opt.asof;
	if ((r.rej = xf_rejects_open(opt.cli.rejects)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	if ((outfile = xf_output_open(opt.cli.output)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	r.out = xf_csvout_new(xf_output_fp(outfile), opt.cli.outdelim,
	    opt.cli.crlf);

	if (argc == 0)
		status = deadline(&r, "-");
	for (; *argv != NULL; argv++) {
		rc = deadline(&r, *argv);
		status = XF_WORST(status, rc);
	}
	xf_progress_done();

	if (xf_output_finish(outfile, r.out) == -1)
		status = XF_EXIT_FAIL;
	notices(&r);
	if (r.capped > 0)
		xf_warnx("%llu record%s with an extension over the limit, "
		    "counted at the limit", r.capped, r.capped == 1 ? "" : "s");
	if (xf_rejects_close(r.rej) == -1)
		status = XF_EXIT_FAIL;
	xf_header_free(r.hdr);
	xf_calendar_free(cal);
	xf_params_free(params);
	return xf_finish(status);
}
