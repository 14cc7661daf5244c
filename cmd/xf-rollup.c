/* SPDX-License-Identifier: ISC */

/*
 * xf-rollup: group-by counts over any CSV, as the petition office counts:
 * cases (件, one per record) and persons (人次, the persons column, an
 * empty value counting 1), exact sums of money columns, per group
 * (--by) and per reporting period (--period), with shares of each
 * period that add up to 100.0, comparisons with the previous period or
 * the same period last year, the largest groups with the rest folded
 * into 其他, and 合计 rows.  --partial writes the groups as mergeable
 * state; --merge adds partials up and finishes them exactly as one run
 * over all the input would have.  The table itself is lib/rollup.c.
 */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "columns.h"
#include "csvin.h"
#include "csvout.h"
#include "date.h"
#include "money.h"
#include "output.h"
#include "rejects.h"
#include "rollup.h"
#include "share.h"
#include "utf8.h"
#include "xf.h"

#define MAXKEY	XF_ROLLUP_MAXKEY
#define MAXSUM	XF_ROLLUP_MAXSUM

/* The labels of the folded and total rows. */
#define OTHER	"其他"
#define TOTAL	"合计"

/*
 * The partial format: a header whose first field is MAGIC, then rows
 * whose first field is ROWMARK.  '#' sorts before '=' and before every
 * byte a data row can start with, so "sort | xf-rollup --merge" (or a
 * Hadoop Streaming reducer) still sees a header first.
 */
#define MAGIC	"#xf-rollup/1"
#define ROWMARK	"="

struct options {
	struct xf_cli	 cli;
	char		*by[MAXKEY];
	size_t		 nby;
	char		*sum[MAXSUM];
	size_t		 nsum;
	const char	*date;		/* NULL: "date" */
	int		 period;	/* enum xf_period, or -1 */
	enum xf_rollup_compare compare;
	size_t		 top;
	int		 total;
	int		 partial;
	int		 merge;
};

/* Column indexes in the input. */
struct cols {
	long		 by[MAXKEY];
	long		 sum[MAXSUM];
	long		 date;		/* -1 without periods */
	long		 persons;	/* -1: every record counts 1 */
};

struct run {
	const struct options *opt;
	struct xf_rollup *tab;
	struct xf_rejects *rej;
	struct xf_header *hdr;		/* the first input's header */
	struct xf_output *outfile;
	struct xf_csvout *out;
	struct cols	 c;
	/* The layout: from the options and the header, or from a partial. */
	size_t		 nby, nsum;
	int		 period;
	char		*byname[MAXKEY];
	char		*sumname[MAXSUM];
	int		 havelayout;
	unsigned long long records;
};

static const char usage_line[] =
    "usage: xf-rollup [-hmPTV] [-b cols] [-c base] [-D col] [-d delim] "
    "[-o file] [-p period] [-s cols] [-t n] [file ...]";

static const struct option longopts[] = {
	{ "by",		required_argument,	NULL,	'b' },
	{ "compare",	required_argument,	NULL,	'c' },
	{ "date",	required_argument,	NULL,	'D' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "merge",	no_argument,		NULL,	'm' },
	{ "partial",	no_argument,		NULL,	'P' },
	{ "period",	required_argument,	NULL,	'p' },
	{ "sum",	required_argument,	NULL,	's' },
	{ "top",	required_argument,	NULL,	't' },
	{ "total",	no_argument,		NULL,	'T' },
	{ "version",	no_argument,		NULL,	'V' },
	XF_CLI_LONGOPTS,
	{ NULL,		0,			NULL,	0 }
};

static void	help(void) __attribute__((noreturn));

static void
help(void)
{
	printf("%s\n\n", usage_line);
	fputs("Count cases (件) and persons (人次) per group and period, with "
	    "shares,\ncomparisons, the largest groups and totals.\n\n"
	    "  -b, --by=COLS           group by these columns (comma-separated;"
	    "\n"
	    "                          default: none, one group)\n"
	    "  -c, --compare=BASE      prev (the period before) or yoy (a year "
	    "before):\n"
	    "                          add prev_cases, prev_persons, "
	    "case_change\n"
	    "  -D, --date=COL          the date column for --period (default: "
	    "date)\n"
	    "  -m, --merge             read partials (from --partial), add "
	    "them up\n"
	    "  -P, --partial           write the groups as mergeable state\n"
	    "  -p, --period=PERIOD     day, week, month, quarter or year\n"
	    "  -s, --sum=COLS          add up these columns as money (exact, "
	    "to the fen)\n"
	    "  -T, --total             add 合计 rows\n"
	    "  -t, --top=N             keep the N largest groups of each "
	    "period, fold\n"
	    "                          the rest into 其他\n"
	    "  -h, --help              show this help and exit\n"
	    "  -V, --version           show the version and exit\n"
	    XF_CLI_HELP
	    "\nExamples:\n"
	    "  xf-classify export.csv | xf-rollup --by category --period month "
	    "--compare prev\n"
	    "  xf-rollup --partial --by district --period day day1.csv > "
	    "p1.csv\n"
	    "  xf-rollup --merge --top 5 --total p1.csv p2.csv\n"
	    "\nSee xf-rollup(1).\n", stdout);
	exit(xf_finish(XF_EXIT_OK));
}

/* Split a comma-separated list of column names into list (in place). */
static int
split_list(const char *opt, char *arg, char **list, size_t *n, size_t max)
{
	return xf_cli_split_list(opt, arg, list, n, max);
}

/* Whether --col was given for NAME. */
static int
overridden(const struct xf_colmap *map, const char *name)
{
	size_t i;

	for (i = 0; i < map->n; i++)
		if (strcmp(map->name[i], name) == 0)
			return 1;
	return 0;
}

/*
 * Find the columns of a record input from its header.  Returns 0, or -1
 * (a diagnostic was printed) when one is missing or named twice.
 */
static int
find_columns(const struct options *opt, const struct xf_row *hdr,
    const char *name, struct cols *c)
{
	const struct xf_colmap *map = &opt->cli.cols;
	size_t i, j;

	for (i = 0; i < opt->nby; i++) {
		if ((c->by[i] = xf_col_need(hdr, opt->by[i], map, name)) == -1)
			return -1;
		for (j = 0; j < i; j++)
			if (c->by[j] == c->by[i]) {
				xf_warnx("--by: column '%s' named twice",
				    hdr->field[c->by[i]]);
				return -1;
			}
	}
	for (i = 0; i < opt->nsum; i++)
		if ((c->sum[i] = xf_col_need(hdr, opt->sum[i], map, name)) ==
		    -1)
			return -1;
	c->date = -1;
	if (opt->period >= 0 && (c->date = xf_col_need(hdr,
	    opt->date != NULL ? opt->date : "date", map, name)) == -1)
		return -1;
	/*
	 * Without a persons column each record counts 1, unless --col
	 * named one: then it must be there.
	 */
	if (!overridden(map, "persons"))
		c->persons = xf_col_find(hdr, "persons", map);
	else if ((c->persons = xf_col_need(hdr, "persons", map, name)) == -1)
		return -1;
	return 0;
}

/* The layout of a record input: names from its header. */
static void
layout_from_header(struct run *r, const struct xf_row *hdr)
{
	const struct options *opt = r->opt;
	size_t i;

	r->nby = opt->nby;
	r->nsum = opt->nsum;
	r->period = opt->period;
	for (i = 0; i < opt->nby; i++)
		r->byname[i] = xf_memdup(hdr->field[r->c.by[i]],
		    hdr->len[r->c.by[i]]);
	for (i = 0; i < opt->nsum; i++)
		r->sumname[i] = xf_memdup(hdr->field[r->c.sum[i]],
		    hdr->len[r->c.sum[i]]);
	r->havelayout = 1;
}

/* A whole number of up to 19 digits, no sign.  0 or -1. */
static int
parse_count(const char *s, size_t n, uint64_t *v)
{
	size_t i;

	if (n == 0 || n > 19 || (s[0] == '0' && n > 1))
		return -1;
	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (uint64_t)(s[i] - '0');
	}
	return 0;
}

/* Add one record of a record input, or reject it.  1 if rejected. */
static int
add_record(struct run *r, const char *name, const struct xf_row *row)
{
	const struct cols *c = &r->c;
	const char *kp[MAXKEY], *why;
	size_t kl[MAXKEY], i, start, len;
	int64_t sums[MAXSUM];
	struct xf_date d;
	uint64_t persons = 1;

	if (c->date != -1 && xf_date_parse(row->field[c->date],
	    row->len[c->date], &d, NULL, &why) == -1) {
		xf_reject(r->rej, name, row, "date does not parse: '%s' (%s)",
		    row->field[c->date], why);
		return 1;
	}
	if (c->persons != -1 && (persons = xf_rollup_persons(row->field[c->persons],
	    row->len[c->persons])) == 0) {
		xf_reject(r->rej, name, row, "persons is not a positive whole "
		    "number: '%s'", row->field[c->persons]);
		return 1;
	}
	for (i = 0; i < r->nsum; i++) {
		const char *f = row->field[c->sum[i]];

		sums[i] = 0;
		xf_utf8_trim(f, row->len[c->sum[i]], &start, &len);
		if (len > 0 && xf_money_parse(f + start, len, &sums[i],
		    &why) == -1) {
			xf_reject(r->rej, name, row, "%s is not an amount of "
			    "money: '%s' (%s)", r->sumname[i], f, why);
			return 1;
		}
	}
	for (i = 0; i < r->nby; i++) {
		kp[i] = row->field[c->by[i]];
		kl[i] = row->len[c->by[i]];
	}
	if (xf_rollup_add(r->tab, c->date != -1 ? &d : NULL, kp, kl, 1,
	    persons, sums, &why) == -1) {
		if (strcmp(why, "out of memory") == 0)
			xf_errx(XF_EXIT_FAIL, "out of memory");
		xf_reject(r->rej, name, row, "%s", why);
		return 1;
	}
	return 0;
}

/*
 * Read a partial's header into the layout (first partial) or check it
 * against the first one's.  Returns 0, or -1 after a diagnostic.
 */
static int
partial_layout(struct run *r, const char *name, const struct xf_row *hdr)
{
	size_t i = 1, nby = 0, nsum = 0;
	int period = -1;
	const char *f;

	if (hdr->nfield == 0 || strcmp(hdr->field[0], MAGIC) != 0) {
		xf_warnat(name, hdr->line, "not a partial made by xf-rollup "
		    "--partial: the first column is '%s', not '%s'",
		    hdr->nfield > 0 ? hdr->field[0] : "", MAGIC);
		return -1;
	}
	if (r->havelayout) {
		if (xf_header_same(r->hdr, hdr))
			return 0;
		xf_warnat(name, hdr->line, "header differs from the first "
		    "input's: not read");
		return -1;
	}
	if (i < hdr->nfield && strncmp(hdr->field[i], "period:", 7) == 0) {
		if ((period = xf_period_parse(hdr->field[i] + 7)) == -1)
			goto bad;
		i++;
	}
	for (; i < hdr->nfield && strncmp(hdr->field[i], "by:", 3) == 0; i++) {
		if (nby == MAXKEY)
			goto bad;
		r->byname[nby++] = xf_strdup(hdr->field[i] + 3);
	}
	if (i + 2 > hdr->nfield || strcmp(hdr->field[i], "cases") != 0 ||
	    strcmp(hdr->field[i + 1], "persons") != 0)
		goto bad;
	for (i += 2; i < hdr->nfield; i++) {
		if (strncmp(hdr->field[i], "sum:", 4) != 0 || nsum == MAXSUM)
			goto bad;
		r->sumname[nsum++] = xf_strdup(hdr->field[i] + 4);
	}
	r->nby = nby;
	r->nsum = nsum;
	r->period = period;
	r->havelayout = 1;
	return 0;
bad:
	f = i < hdr->nfield ? hdr->field[i] : "";
	xf_warnat(name, hdr->line, "not a partial made by xf-rollup --partial: "
	    "unexpected column '%s'", f);
	while (nby > 0)
		free(r->byname[--nby]);
	while (nsum > 0)
		free(r->sumname[--nsum]);
	return -1;
}

/* Add one row of a partial, or reject it.  1 if rejected. */
static int
add_partial(struct run *r, const char *name, const struct xf_row *row)
{
	const char *kp[MAXKEY], *why;
	size_t kl[MAXKEY], i, k = 1;
	int64_t sums[MAXSUM];
	struct xf_date d;
	uint64_t cases, persons;

	if (strcmp(row->field[0], ROWMARK) != 0) {
		xf_reject(r->rej, name, row, "not a partial row: the first "
		    "field is '%s', not '%s'", row->field[0], ROWMARK);
		return 1;
	}
	if (r->period >= 0) {
		if (xf_rollup_period_parse(r->period, row->field[k],
		    row->len[k], &d) == -1) {
			xf_reject(r->rej, name, row, "not a %s: '%s'",
			    xf_period_name((enum xf_period)r->period),
			    row->field[k]);
			return 1;
		}
		k++;
	}
	for (i = 0; i < r->nby; i++, k++) {
		kp[i] = row->field[k];
		kl[i] = row->len[k];
	}
	if (parse_count(row->field[k], row->len[k], &cases) == -1 ||
	    cases == 0) {
		xf_reject(r->rej, name, row, "cases is not a positive whole "
		    "number: '%s'", row->field[k]);
		return 1;
	}
	k++;
	if (parse_count(row->field[k], row->len[k], &persons) == -1 ||
	    persons < cases) {
		xf_reject(r->rej, name, row, "persons is not a whole number "
		    "at least equal to cases: '%s'", row->field[k]);
		return 1;
	}
	k++;
	for (i = 0; i < r->nsum; i++, k++)
		if (xf_money_parse(row->field[k], row->len[k], &sums[i],
		    &why) == -1) {
			xf_reject(r->rej, name, row, "%s_sum is not an amount "
			    "of money: '%s' (%s)", r->sumname[i], row->field[k],
			    why);
			return 1;
		}
	if (xf_rollup_add(r->tab, r->period >= 0 ? &d : NULL, kp, kl, cases,
	    persons, sums, &why) == -1) {
		if (strcmp(why, "out of memory") == 0)
			xf_errx(XF_EXIT_FAIL, "out of memory");
		xf_reject(r->rej, name, row, "%s", why);
		return 1;
	}
	return 0;
}

/* Whether a record equals the saved header (a partial concatenated). */
static int
is_header(const struct run *r, const struct xf_row *row)
{
	return r->hdr != NULL && xf_header_same(r->hdr, row);
}

/* Read one input.  Returns the exit status it deserves. */
static int
rollup(struct run *r, const char *path)
{
	const struct options *opt = r->opt;
	struct xf_csvin *in;
	struct xf_row row;
	const char *name;
	int rc, status = XF_EXIT_OK;

	if ((in = xf_csvin_open(path, &opt->cli.csv)) == NULL)
		return XF_EXIT_FAIL;
	name = xf_csvin_name(in);
	rc = xf_csvin_next(in, &row);
	if (rc == XF_CSV_EOF)
		goto done;	/* nothing to count */
	if (rc == XF_CSV_IOERR) {
		status = XF_EXIT_FAIL;
		goto done;
	}
	if (rc == XF_CSV_BAD) {
		xf_warnat(name, row.line, "bad header: %s",
		    xf_csvin_error(in));
		status = XF_EXIT_FAIL;
		goto done;
	}
	if (opt->merge) {
		if (partial_layout(r, name, &row) == -1) {
			status = XF_EXIT_FAIL;
			goto done;
		}
	} else if (r->hdr != NULL && !xf_header_same(r->hdr, &row)) {
		xf_warnat(name, row.line, "header differs from the first "
		    "input's: not read");
		status = XF_EXIT_FAIL;
		goto done;
	} else if (r->hdr == NULL) {
		if (find_columns(opt, &row, name, &r->c) == -1) {
			status = XF_EXIT_FAIL;
			goto done;
		}
		layout_from_header(r, &row);
	}
	if (r->hdr == NULL) {
		r->hdr = xf_header_save(&row);
		xf_rejects_header(r->rej, &row);
	}
	if (r->tab == NULL && (r->tab = xf_rollup_new(r->nby, r->nsum,
	    r->period)) == NULL)
		xf_errx(XF_EXIT_FAIL, "out of memory");

	while ((rc = xf_csvin_next(in, &row)) != XF_CSV_EOF) {
		if (rc == XF_CSV_IOERR) {
			status = XF_EXIT_FAIL;
			break;
		}
		if (opt->merge && rc == XF_CSV_ROW && is_header(r, &row))
			continue;
		r->records++;
		xf_progress(r->records, xf_csvin_bytes(in));
		if (rc == XF_CSV_BAD) {
			xf_reject(r->rej, name, &row, "%s", xf_csvin_error(in));
			status = XF_WORST(status, XF_EXIT_DATA);
			continue;
		}
		if (opt->merge) {
			if (row.nfield > 0 && row.field[0][0] == '#') {
				xf_warnat(name, row.line, "a partial with "
				    "another layout: not read further");
				status = XF_EXIT_FAIL;
				break;
			}
			rc = add_partial(r, name, &row);
		} else
			rc = add_record(r, name, &row);
		if (rc)
			status = XF_WORST(status, XF_EXIT_DATA);
	}
done:
	xf_rejects_input_done(r->rej, name);
	if (xf_csvin_close(in) == -1)
		status = XF_EXIT_FAIL;
	return status;
}

static void
put_label(struct xf_csvout *out, const char *prefix, const char *name)
{
	size_t a = strlen(prefix), b = strlen(name);
	char *s = xf_malloc(a + b + 1);

	memcpy(s, prefix, a);
	memcpy(s + a, name, b + 1);
	xf_csvout_field(out, s, a + b);
	free(s);
}

static void
header(struct run *r)
{
	struct xf_csvout *out = r->out;
	size_t i;

	if (r->opt->partial) {
		xf_csvout_str(out, MAGIC);
		if (r->period >= 0)
			put_label(out, "period:",
			    xf_period_name((enum xf_period)r->period));
		for (i = 0; i < r->nby; i++)
			put_label(out, "by:", r->byname[i]);
		xf_csvout_str(out, "cases");
		xf_csvout_str(out, "persons");
		for (i = 0; i < r->nsum; i++)
			put_label(out, "sum:", r->sumname[i]);
		xf_csvout_end(out);
		return;
	}
	if (r->period >= 0)
		xf_csvout_str(out, "period");
	for (i = 0; i < r->nby; i++)
		xf_csvout_str(out, r->byname[i]);
	xf_csvout_str(out, "cases");
	xf_csvout_str(out, "persons");
	for (i = 0; i < r->nsum; i++)
		put_label(out, r->sumname[i], "_sum");
	xf_csvout_str(out, "case_share");
	xf_csvout_str(out, "person_share");
	if (r->opt->compare != XF_ROLLUP_NOCOMPARE) {
		xf_csvout_str(out, "prev_cases");
		xf_csvout_str(out, "prev_persons");
		xf_csvout_str(out, "case_change");
	}
	xf_csvout_end(out);
}

static void
put_u64(struct xf_csvout *out, uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
	xf_csvout_str(out, buf);
}

static void
put_share(struct xf_csvout *out, int64_t tenths)
{
	char buf[XF_SHARE_BUFSZ];

	xf_csvout_str(out, xf_share_format(tenths, buf, sizeof(buf)));
}

/* Write one row of the result or of the state. */
static int
emit(void *arg, const struct xf_rollup_row *row)
{
	struct run *r = arg;
	struct xf_csvout *out = r->out;
	char buf[XF_MONEY_BUFSZ > XF_DATE_BUCKETLEN ? XF_MONEY_BUFSZ :
	    XF_DATE_BUCKETLEN];
	const char *label = row->kind == XF_ROLLUP_OTHER ? OTHER : TOTAL;
	size_t i;

	if (r->opt->partial)
		xf_csvout_str(out, ROWMARK);
	if (r->period >= 0) {
		if (row->kind == XF_ROLLUP_GRAND)
			xf_csvout_str(out, TOTAL);
		else {
			xf_date_bucket(&row->period,
			    (enum xf_period)r->period, buf, sizeof(buf));
			xf_csvout_str(out, buf);
		}
	}
	for (i = 0; i < r->nby; i++)
		if (row->kind == XF_ROLLUP_GROUP)
			xf_csvout_field(out, row->key[i], row->keylen[i]);
		else
			xf_csvout_str(out, label);
	put_u64(out, row->cases);
	put_u64(out, row->persons);
	for (i = 0; i < r->nsum; i++)
		xf_csvout_str(out, xf_money_format(row->sums[i], buf,
		    sizeof(buf)));
	if (!r->opt->partial) {
		put_share(out, row->case_share);
		put_share(out, row->person_share);
		if (r->opt->compare != XF_ROLLUP_NOCOMPARE) {
			if (row->has_prev) {
				put_u64(out, row->prev_cases);
				put_u64(out, row->prev_persons);
			} else {
				xf_csvout_str(out, "");
				xf_csvout_str(out, "");
			}
			if (row->has_change)
				put_share(out, row->change);
			else
				xf_csvout_str(out, "");
		}
	}
	xf_csvout_end(out);
	return 0;
}

/* Check the combinations of options; exits 2 on a bad one. */
static void
check_options(struct options *opt)
{
	if (opt->partial && (opt->compare != XF_ROLLUP_NOCOMPARE ||
	    opt->top > 0 || opt->total)) {
		xf_warnx("--partial writes the groups only: give --compare, "
		    "--top and --total to --merge");
		xf_usage(usage_line);
	}
	if (opt->merge && (opt->nby > 0 || opt->nsum > 0 ||
	    opt->period >= 0 || opt->date != NULL)) {
		xf_warnx("--merge takes the groups from the partials: no --by, "
		    "--period, --date or --sum");
		xf_usage(usage_line);
	}
	if (!opt->merge && opt->date != NULL && opt->period < 0) {
		xf_warnx("--date needs --period");
		xf_usage(usage_line);
	}
	if (!opt->merge && opt->compare != XF_ROLLUP_NOCOMPARE &&
	    opt->period < 0) {
		xf_warnx("--compare needs --period");
		xf_usage(usage_line);
	}
	if (!opt->merge && opt->top > 0 && opt->nby == 0) {
		xf_warnx("--top needs --by");
		xf_usage(usage_line);
	}
	/* Partials are ours: UTF-8 (or raw bytes), never converted. */
	if (opt->merge && opt->cli.csv.encoding == XF_ENC_AUTO)
		opt->cli.csv.encoding = XF_ENC_UTF8;
}

int
main(int argc, char *argv[])
{
	struct options opt;
	struct xf_rollup_opt ro;
	struct run r;
	const char *why;
	long long n;
	int ch, rc, status = XF_EXIT_OK;
	size_t i;

	argv[0] = xf_setprogname(argv[0]);
	memset(&opt, 0, sizeof(opt));
	memset(&r, 0, sizeof(r));
	xf_cli_init(&opt.cli);
	opt.period = -1;

	while ((ch = getopt_long(argc, argv, "b:c:D:hmPp:s:Tt:V" XF_CLI_SHORT,
	    longopts, NULL)) != -1) {
		if ((rc = xf_cli_option(&opt.cli, ch, optarg)) == 1)
			continue;
		if (rc == -1)
			xf_usage(usage_line);
		switch (ch) {
		case 'b':
			if (split_list("--by", optarg, opt.by, &opt.nby,
			    MAXKEY) == -1)
				xf_usage(usage_line);
			break;
		case 'c':
			if (strcmp(optarg, "prev") == 0)
				opt.compare = XF_ROLLUP_PREV;
			else if (strcmp(optarg, "yoy") == 0)
				opt.compare = XF_ROLLUP_YOY;
			else {
				xf_warnx("--compare: expected prev or yoy: "
				    "'%s'", optarg);
				xf_usage(usage_line);
			}
			break;
		case 'D':
			opt.date = optarg;
			break;
		case 'h':
			help();
			/* NOTREACHED */
		case 'm':
			opt.merge = 1;
			break;
		case 'P':
			opt.partial = 1;
			break;
		case 'p':
			if ((opt.period = xf_period_parse(optarg)) == -1) {
				xf_warnx("--period: expected day, week, month, "
				    "quarter or year: '%s'", optarg);
				xf_usage(usage_line);
			}
			break;
		case 's':
			if (split_list("--sum", optarg, opt.sum, &opt.nsum,
			    MAXSUM) == -1)
				xf_usage(usage_line);
			break;
		case 'T':
			opt.total = 1;
			break;
		case 't':
			if (xf_parse_count("--top", optarg, 1, 1000000,
			    &n) == -1)
				xf_usage(usage_line);
			opt.top = (size_t)n;
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
	check_options(&opt);

	r.opt = &opt;
	if ((r.rej = xf_rejects_open(opt.cli.rejects)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	if ((r.outfile = xf_output_open(opt.cli.output)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	r.out = xf_csvout_new(xf_output_fp(r.outfile), opt.cli.outdelim,
	    opt.cli.crlf);

	if (argc == 0)
		status = rollup(&r, "-");
	for (; *argv != NULL; argv++) {
		rc = rollup(&r, *argv);
		status = XF_WORST(status, rc);
	}

	/* No input had a header: the layout comes from the options. */
	if (!r.havelayout) {
		r.nby = opt.nby;
		r.nsum = opt.nsum;
		r.period = opt.period;
		for (i = 0; i < opt.nby; i++)
			r.byname[i] = xf_strdup(opt.by[i]);
		for (i = 0; i < opt.nsum; i++)
			r.sumname[i] = xf_strdup(opt.sum[i]);
	}
	/*
	 * The merged layout decides what --compare and --top can do.
	 */
	if (opt.merge && opt.compare != XF_ROLLUP_NOCOMPARE && r.period < 0) {
		xf_warnx("--compare: the partials have no periods");
		status = XF_EXIT_FAIL;
	}
	if (opt.merge && opt.top > 0 && r.nby == 0) {
		xf_warnx("--top: the partials have no --by columns");
		status = XF_EXIT_FAIL;
	}

	/*
	 * A result that misses an input, or that could not be worked out,
	 * is not written at all: a cron job must not take it for the
	 * whole.
	 */
	if (status != XF_EXIT_FAIL) {
		if (opt.cli.bom)
			xf_csvout_bom(r.out);
		header(&r);
	}
	if (status != XF_EXIT_FAIL && r.tab != NULL) {
		memset(&ro, 0, sizeof(ro));
		ro.compare = opt.compare;
		ro.top = opt.top;
		ro.total = opt.total;
		ro.other = OTHER;
		if (opt.partial)
			rc = xf_rollup_state(r.tab, emit, &r, &why);
		else
			rc = xf_rollup_result(r.tab, &ro, emit, &r, &why);
		if (rc == -1) {
			xf_warnx("%s", why);
			status = XF_EXIT_FAIL;
		}
	}
	if (status == XF_EXIT_FAIL) {
		xf_warnx("no result written");
		xf_csvout_free(r.out);
		xf_output_abort(r.outfile);
	} else if (xf_output_finish(r.outfile, r.out) == -1)
		status = XF_EXIT_FAIL;
	if (xf_rejects_close(r.rej) == -1)
		status = XF_EXIT_FAIL;
	for (i = 0; i < r.nby; i++)
		free(r.byname[i]);
	for (i = 0; i < r.nsum; i++)
		free(r.sumname[i]);
	xf_rollup_free(r.tab);
	xf_header_free(r.hdr);
	return xf_finish(status);
}
