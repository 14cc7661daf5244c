/* SPDX-License-Identifier: ISC */

/*
 * xf-report: the petition office's summary of one day, week, month,
 * quarter or year, for people: a headline in the city's style (件,
 * 人次, 民生 share, 集体访, 重复访, 超期未办), comparisons with the
 * previous period (环比) and the same period a year before (同比), and
 * tables by category, subcategory, department, district and deadline
 * status, as Markdown, plain text or one self-contained HTML file with
 * an inline SVG bar chart.  Each part appears only when the columns it
 * needs are present.  The counting is lib/rollup.c's group table, one
 * table per dimension, so memory grows with the groups, not the rows.
 */

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "columns.h"
#include "csvin.h"
#include "data.h"
#include "date.h"
#include "input.h"
#include "map.h"
#include "output.h"
#include "params.h"
#include "rejects.h"
#include "rollup.h"
#include "share.h"
#include "utf8.h"
#include "xf.h"

#define OTHER		"其他"
#define COLLECTIVE	"petition_collective_persons"
#define DEFCOLLECTIVE	5
#define TOP_RISING	5	/* rows of the fastest-rising subcategories */
#define TOP_OVERDUE	20	/* rows of the overdue cases */
#define TOP_REPEAT	20	/* rows of the repeat petitioners */
#define TREND_DAYS	30	/* days of the HTML trend line */
#define LMAXCOL		8

enum format { FMT_MD, FMT_HTML, FMT_TXT };

/* The dimensions a table is drawn for, in the order they are shown. */
enum dim { DIM_CAT, DIM_SUB, DIM_DEPT, DIM_DIST, DIM_STATUS, NDIM };

/* Headline flags: the keys of the flag table. */
enum flag { F_MINSHENG, F_COLLECTIVE, F_REPEAT, F_OVERDUE, NFLAG };

static const char *const dimtitle[NDIM] = {
	"按问题类别", "按类别和子类", "按责任单位", "按街道乡镇", "按办理状态"
};
static const char *const dimhead[NDIM][2] = {
	{ "类别", NULL }, { "类别", "子类" }, { "责任单位", NULL },
	{ "街道乡镇", NULL }, { "办理状态", NULL }
};

struct options {
	struct xf_cli	 cli;
	const char	*params;
	int		 havedate;
	struct xf_date	 date;
	int		 period;
	enum format	 format;
	const char	*history;	/* -H: xf-rollup partials, one a day */
};

/* Column indexes; -1 when absent. */
struct cols {
	long		 date, persons, category, subcategory, department,
			 district, repeat_of, status;
	long		 id, person_key, repeat_n, days_left;
};

/* The key columns a history partial may have, and their order here. */
enum hcol { H_CAT, H_SUB, H_DEPT, H_DIST, H_STATUS, H_PERSONS, H_REPEAT,
	NHCOL };
static const char *const hname[NHCOL] = {
	"category", "subcategory", "department", "district",
	"deadline_status", "persons", "repeat_of"
};

/* One overdue case kept for the list. */
struct overdue {
	char		*id, *cat, *dept, *status;
	long		 day, late;
};

/* A repeat petitioner in one period: the value of the repeat map. */
struct petitioner {
	uint64_t	 n;		/* repeat petitions */
	long		 bucket;	/* the period's first day, in days */
	long		 maxn;		/* the largest repeat_n */
	long		 last;		/* the latest date, in days */
	char		 lastid[64];	/* the id of the latest one */
};

/* A listing table: a title, a sentence, rows of cells. */
struct ltab {
	const char	*title;
	char		*intro;
	int		 ncol;
	const char	*head[LMAXCOL];
	int		 right[LMAXCOL];
	char		**cell;		/* nrow * ncol strings */
	size_t		 nrow;
};

/* The figures of one period for the headline. */
struct figures {
	uint64_t	 cases, persons, minsheng, coll_cases, coll_persons,
			 repeat, overdue;
};

/* One row of a finished table (the current period only). */
struct trow {
	enum xf_rollup_kind kind;
	char		*label[2];
	uint64_t	 cases, persons;
	uint32_t	 share, pshare;
	int		 has_prev, has_change;
	uint64_t	 prev_cases;
	int64_t		 change;
};

struct table {
	struct trow	*row;
	size_t		 n, cap;
};

struct run {
	const struct options *opt;
	struct xf_params *params;
	struct xf_rejects *rej;
	struct xf_header *hdr;
	struct cols	 c;
	struct xf_rollup *dim[NDIM];	/* NULL: columns absent */
	struct xf_rollup *flags;
	struct xf_rollup *days;		/* cases per day, for the trend */
	long		*rdays;		/* the days the records hold, sorted */
	size_t		 nrdays;
	long		 lastday;	/* records after it: not overdue-listed */
	struct overdue	 od[TOP_OVERDUE];
	size_t		 nod;
	uint64_t	 odtotal;
	struct xf_map	*rep;		/* person_key NUL bucket: petitioner */
	struct ltab	 sec[3];	/* rising, overdue, repeat */
	int		 hassec[3];
	long		 hmin;		/* earliest history day used */
	int		 anyhist;
	int		 anydate;
	long		 mindays, maxdays;
	unsigned long long records;
	/* After reading: */
	struct xf_date	 cur, prev, yoy;
	int		 haveprev, haveyoy;
	struct figures	 fig[3];	/* current, previous, a year before */
	struct table	 tab[NDIM];
	struct xf_date	 want;		/* the period a callback keeps */
};

static const char *usage_line =
    "usage: xf-report [-hV] [-D date] [-d delim] [-f format] [-H dir] "
    "[-o file] [-P file] [-p period] [file ...]";

static const struct option longopts[] = {
	{ "date",	required_argument,	NULL,	'D' },
	{ "format",	required_argument,	NULL,	'f' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "history",	required_argument,	NULL,	'H' },
	{ "params",	required_argument,	NULL,	'P' },
	{ "period",	required_argument,	NULL,	'p' },
	{ "version",	no_argument,		NULL,	'V' },
	XF_CLI_LONGOPTS,
	{ NULL,		0,			NULL,	0 }
};

static void	help(void) __attribute__((noreturn));
static void	secs_md(FILE *, const struct run *);
static void	secs_txt(FILE *, const struct run *);

static void
help(void)
{
	printf("%s\n\n", usage_line);
	fputs("Summarise classified petitions for one period: a headline in "
	    "Chinese,\ncomparisons and tables, as Markdown, HTML or plain "
	    "text.\n\n"
	    "  -D, --date=DATE         the day the report is for (default: "
	    "the latest\n"
	    "                          date in the data)\n"
	    "  -f, --format=FORMAT     md (default), html or txt\n"
	    "  -H, --history=DIR       the days the records lack, from "
	    "DIR/YYYY-MM-DD.csv\n"
	    "                          (xf-rollup --partial --period day)\n"
	    "  -P, --params=FILE       parameters (petition_collective_persons)"
	    "\n"
	    "  -p, --period=PERIOD     day (default), week, month, quarter or "
	    "year\n"
	    "  -h, --help              show this help and exit\n"
	    "  -V, --version           show the version and exit\n"
	    XF_CLI_HELP
	    "\nExample:\n"
	    "  xf-validate export.csv | xf-classify | xf-route | xf-deadline |"
	    "\n"
	    "    xf-report --format html -o daily.html\n"
	    "\nSee xf-report(1).\n", stdout);
	exit(xf_finish(XF_EXIT_OK));
}

/* A field, trimmed. */
static void
field(const struct xf_row *row, long col, const char **s, size_t *n)
{
	size_t start;

	xf_utf8_trim(row->field[col], row->len[col], &start, n);
	*s = row->field[col] + start;
}

static int
find_columns(struct run *r, const struct xf_row *hdr, const char *name)
{
	const struct xf_colmap *map = &r->opt->cli.cols;
	struct cols *c = &r->c;

	if ((c->date = xf_col_need(hdr, "date", map, name)) == -1)
		return -1;
	c->persons = xf_col_find(hdr, "persons", map);
	c->category = xf_col_find(hdr, "category", map);
	c->subcategory = xf_col_find(hdr, "subcategory", map);
	c->department = xf_col_find(hdr, "department", map);
	c->district = xf_col_find(hdr, "district", map);
	c->repeat_of = xf_col_find(hdr, "repeat_of", map);
	c->status = xf_col_find(hdr, "deadline_status", map);
	c->id = xf_col_find(hdr, "id", map);
	c->person_key = xf_col_find(hdr, "person_key", map);
	c->repeat_n = xf_col_find(hdr, "repeat_n", map);
	c->days_left = xf_col_find(hdr, "days_left", map);
	return 0;
}

static struct xf_rollup *
newtab(size_t nkey, int period)
{
	struct xf_rollup *t;

	if ((t = xf_rollup_new(nkey, 0, period)) == NULL)
		xf_errx(XF_EXIT_FAIL, "out of memory");
	return t;
}

static void
make_tables(struct run *r)
{
	const struct cols *c = &r->c;
	int p = r->opt->period;

	if (c->category != -1)
		r->dim[DIM_CAT] = newtab(1, p);
	if (c->category != -1 && c->subcategory != -1)
		r->dim[DIM_SUB] = newtab(2, p);
	if (c->department != -1)
		r->dim[DIM_DEPT] = newtab(1, p);
	if (c->district != -1)
		r->dim[DIM_DIST] = newtab(1, p);
	if (c->status != -1)
		r->dim[DIM_STATUS] = newtab(1, p);
	r->flags = newtab(NFLAG, p);
	if ((r->days = xf_rollup_new(0, 0, XF_PERIOD_DAY)) == NULL)
		xf_errx(XF_EXIT_FAIL, "out of memory");
	if (c->person_key != -1 && c->repeat_of != -1 && c->repeat_n != -1 &&
	    (r->rep = xf_map_new(sizeof(struct petitioner))) == NULL)
		xf_errx(XF_EXIT_FAIL, "out of memory");
}

/* The petition_collective_persons in force on d. */
static uint64_t
collective_on(const struct run *r, const struct xf_date *d)
{
	const struct xf_param *pr;
	long v;

	if ((pr = xf_params_get(r->params, COLLECTIVE, NULL, d)) == NULL ||
	    xf_params_long(pr, &v, NULL) == -1 || v < 1)
		return DEFCOLLECTIVE;
	return (uint64_t)v;
}

static void
add(struct xf_rollup *t, const struct xf_date *d,
    const char *const *k, const size_t *kl, uint64_t cases,
    uint64_t persons)
{
	const char *why;

	if (t != NULL && xf_rollup_add(t, d, k, kl, cases, persons, NULL,
	    &why) == -1)
		xf_errx(XF_EXIT_FAIL, "%s", why);
}

static int
is(const char *s, size_t n, const char *v)
{
	return n == strlen(v) && memcmp(s, v, n) == 0;
}

/*
 * Count cases records (persons people) of day d whose key fields are
 * v[H_*] (l[H_*] bytes; NULL when the column is absent) in every table.
 * collective says whether they are collective petitions.
 */
static void
count(struct run *r, const struct xf_date *d, const char *const *v,
    const size_t *l, uint64_t cases, uint64_t persons, int collective)
{
	const char *k[NFLAG];
	size_t kl[NFLAG];
	int i;

	if (r->dim[DIM_CAT] != NULL) {
		k[0] = v[H_CAT];
		kl[0] = l[H_CAT];
		add(r->dim[DIM_CAT], d, k, kl, cases, persons);
		if (r->dim[DIM_SUB] != NULL) {
			k[1] = v[H_SUB];
			kl[1] = l[H_SUB];
			add(r->dim[DIM_SUB], d, k, kl, cases, persons);
		}
	}
	if (r->dim[DIM_DEPT] != NULL)
		add(r->dim[DIM_DEPT], d, &v[H_DEPT], &l[H_DEPT], cases,
		    persons);
	if (r->dim[DIM_DIST] != NULL)
		add(r->dim[DIM_DIST], d, &v[H_DIST], &l[H_DIST], cases,
		    persons);
	if (r->dim[DIM_STATUS] != NULL)
		add(r->dim[DIM_STATUS], d, &v[H_STATUS], &l[H_STATUS], cases,
		    persons);
	add(r->days, d, NULL, NULL, cases, persons);

	/* The headline's flags, "1" or "0". */
	for (i = 0; i < NFLAG; i++) {
		k[i] = "0";
		kl[i] = 1;
	}
	if (v[H_CAT] != NULL && l[H_CAT] > 0 && !is(v[H_CAT], l[H_CAT], OTHER))
		k[F_MINSHENG] = "1";
	if (collective)
		k[F_COLLECTIVE] = "1";
	if (v[H_REPEAT] != NULL && l[H_REPEAT] > 0)
		k[F_REPEAT] = "1";
	if (v[H_STATUS] != NULL && (is(v[H_STATUS], l[H_STATUS], "超期未办") ||
	    is(v[H_STATUS], l[H_STATUS], "受理超期")))
		k[F_OVERDUE] = "1";
	add(r->flags, d, k, kl, cases, persons);
}

static char *
fdup(const struct xf_row *row, long col)
{
	const char *s;
	size_t n;

	if (col == -1)
		return xf_memdup("", 0);
	field(row, col, &s, &n);
	return xf_memdup(s, n);
}

/*
 * Order of the overdue list: the most days late first, then the
 * earlier date, then the id in code point order.
 */
static int
od_cmp(const struct overdue *a, const struct overdue *b)
{
	if (a->late != b->late)
		return a->late > b->late ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return strcmp(a->id, b->id);
}

static void
od_free(struct overdue *o)
{
	free(o->id);
	free(o->cat);
	free(o->dept);
	free(o->status);
}

/* A whole number, maybe signed, into *v: 0, or -1 if it does not parse. */
static int
whole(const char *s, size_t n, long *v)
{
	char buf[24];
	char *end;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	*v = strtol(buf, &end, 10);
	return *end == '\0' ? 0 : -1;
}

/* Keep an overdue record if it is among the TOP_OVERDUE most late. */
static void
keep_overdue(struct run *r, const struct xf_row *row, long day)
{
	struct overdue o;
	const char *s;
	size_t n, i;
	long left;

	field(row, r->c.days_left, &s, &n);
	if (whole(s, n, &left) == -1 || left >= 0)
		return;
	r->odtotal++;
	memset(&o, 0, sizeof(o));
	o.late = -left;
	o.day = day;
	o.id = fdup(row, r->c.id);
	if (r->nod == TOP_OVERDUE && od_cmp(&o, &r->od[r->nod - 1]) >= 0) {
		free(o.id);
		return;
	}
	o.cat = fdup(row, r->c.category);
	o.dept = fdup(row, r->c.department);
	o.status = fdup(row, r->c.status);
	if (r->nod == TOP_OVERDUE)
		od_free(&r->od[--r->nod]);
	for (i = r->nod; i > 0 && od_cmp(&o, &r->od[i - 1]) < 0; i--)
		r->od[i] = r->od[i - 1];
	r->od[i] = o;
	r->nod++;
}

/* Note a repeat petition in its person's group for the period. */
static void
keep_repeat(struct run *r, const struct xf_row *row,
    const struct xf_date *d, long day)
{
	struct xf_date b;
	struct petitioner *pt;
	char key[512];
	const char *s, *id;
	size_t n, idn;
	long rn;
	int isnew;

	field(row, r->c.repeat_of, &s, &n);
	if (n == 0)
		return;
	field(row, r->c.person_key, &s, &n);
	if (n == 0 || n > sizeof(key) - 24)
		return;
	b = xf_date_bucket_start(d, r->opt->period);
	memcpy(key, s, n);
	key[n] = '\0';
	n += 1 + (size_t)snprintf(key + n + 1, 22, "%ld", xf_date_to_days(&b));
	if ((pt = xf_map_insert(r->rep, key, n, &isnew)) == NULL)
		xf_errx(XF_EXIT_FAIL, "out of memory");
	pt->n++;
	pt->bucket = xf_date_to_days(&b);
	field(row, r->c.repeat_n, &s, &n);
	if (whole(s, n, &rn) == 0 && rn > pt->maxn)
		pt->maxn = rn;
	if (r->c.id != -1)
		field(row, r->c.id, &id, &idn);
	else {
		id = "";
		idn = 0;
	}
	if (idn >= sizeof(pt->lastid))
		idn = sizeof(pt->lastid) - 1;
	if (isnew || day > pt->last || (day == pt->last &&
	    (strncmp(id, pt->lastid, idn) > 0 || (strncmp(id, pt->lastid,
	    idn) == 0 && idn > strlen(pt->lastid))))) {
		pt->last = day;
		memcpy(pt->lastid, id, idn);
		pt->lastid[idn] = '\0';
	}
}

/* Count one record, or reject it.  1 if rejected. */
static int
add_record(struct run *r, const char *name, const struct xf_row *row)
{
	const struct cols *c = &r->c;
	const long col[NHCOL] = { c->category, c->subcategory, c->department,
	    c->district, c->status, c->persons, c->repeat_of };
	const char *v[NHCOL], *why;
	size_t l[NHCOL];
	struct xf_date d;
	uint64_t persons = 1;
	long days;
	int i;

	if (xf_date_parse(row->field[c->date], row->len[c->date], &d, NULL,
	    &why) == -1) {
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
	days = xf_date_to_days(&d);
	if (!r->anydate || days < r->mindays)
		r->mindays = days;
	if (!r->anydate || days > r->maxdays)
		r->maxdays = days;
	r->anydate = 1;

	for (i = 0; i < NHCOL; i++) {
		v[i] = NULL;
		l[i] = 0;
		if (col[i] != -1)
			field(row, col[i], &v[i], &l[i]);
	}
	count(r, &d, v, l, 1, persons, c->persons != -1 &&
	    persons >= collective_on(r, &d));
	if (c->status != -1 && c->days_left != -1 && days <= r->lastday &&
	    (is(v[H_STATUS], l[H_STATUS], "超期未办") ||
	    is(v[H_STATUS], l[H_STATUS], "受理超期")))
		keep_overdue(r, row, days);
	if (r->rep != NULL)
		keep_repeat(r, row, &d, days);
	return 0;
}

/* Read one input.  Returns the exit status it deserves. */
static int
readfile(struct run *r, const char *path)
{
	struct xf_input in;
	struct xf_row row;

	if (xf_input_open(&in, path, &r->opt->cli.csv, r->rej, &r->records,
	    &row) != 1 || xf_input_same(&in, r->hdr, &row) == -1)
		return xf_input_close(&in);
	if (r->hdr == NULL) {
		if (find_columns(r, &row, in.name) == -1) {
			in.status = XF_EXIT_FAIL;
			return xf_input_close(&in);
		}
		r->hdr = xf_header_save(&row);
		xf_rejects_header(r->rej, &row);
		make_tables(r);
	}
	while (xf_input_next(&in, &row))
		if (add_record(r, in.name, &row))
			in.status = XF_WORST(in.status, XF_EXIT_DATA);
	return xf_input_close(&in);
}

/* Collect the days the records hold (the days table, in order). */
static int
day_emit(void *arg, const struct xf_rollup_row *row)
{
	struct run *r = arg;

	r->rdays = xf_reallocarray(r->rdays, r->nrdays + 1,
	    sizeof(*r->rdays));
	r->rdays[r->nrdays++] = xf_date_to_days(&row->period);
	return 0;
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

static int
parse_count(const char *s, size_t n, uint64_t *v)
{
	size_t i;

	if (n == 0 || n > 19)
		return -1;
	for (*v = 0, i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (uint64_t)(s[i] - '0');
	}
	return 0;
}

/*
 * Read one history file: a partial of xf-rollup --period day.  Rows of
 * days the records hold, or after the report's date, are left out.
 */
static int
read_partial(struct run *r, const char *path, long dmax)
{
	const struct cols *c = &r->c;
	const long rcol[NHCOL] = { c->category, c->subcategory,
	    c->department, c->district, c->status, c->persons, c->repeat_of };
	struct xf_csvopt co;
	struct xf_csvin *in;
	struct xf_row row;
	struct xf_date d;
	const char *name, *v[NHCOL];
	size_t l[NHCOL], nf, i;
	long hidx[NHCOL], day;
	uint64_t cases, persons, hp;
	int rc, j, coll, status = XF_EXIT_OK;

	memset(&co, 0, sizeof(co));
	co.encoding = r->opt->cli.csv.encoding;
	if ((in = xf_csvin_open(path, &co)) == NULL)
		return XF_EXIT_FAIL;
	name = xf_csvin_name(in);
	if ((rc = xf_csvin_next(in, &row)) == XF_CSV_EOF)
		goto done;
	nf = row.nfield;
	if (rc != XF_CSV_ROW || nf < 4 || !is(row.field[0], row.len[0],
	    "#xf-rollup/1") || !is(row.field[1], row.len[1], "period:day") ||
	    !is(row.field[nf - 2], row.len[nf - 2], "cases") ||
	    !is(row.field[nf - 1], row.len[nf - 1], "persons")) {
		xf_warnat(name, row.line, "not a partial of xf-rollup "
		    "--partial --period day (with no --sum)");
		status = XF_EXIT_FAIL;
		goto done;
	}
	for (j = 0; j < NHCOL; j++)
		hidx[j] = -1;
	for (i = 2; i < nf - 2; i++) {
		if (row.len[i] < 3 || memcmp(row.field[i], "by:", 3) != 0) {
			xf_warnat(name, row.line, "not a partial of xf-rollup "
			    "--partial --period day (with no --sum): '%s'",
			    row.field[i]);
			status = XF_EXIT_FAIL;
			goto done;
		}
		for (j = 0; j < NHCOL; j++)
			if (strcmp(row.field[i] + 3, hname[j]) == 0)
				hidx[j] = (long)i;
	}
	for (j = 0; j < NHCOL; j++)
		if (rcol[j] != -1 && hidx[j] == -1) {
			xf_warnat(name, row.line, "no column 'by:%s', which "
			    "the records have", hname[j]);
			status = XF_EXIT_FAIL;
			goto done;
		}
	while ((rc = xf_csvin_next(in, &row)) != XF_CSV_EOF) {
		if (rc == XF_CSV_IOERR) {
			status = XF_EXIT_FAIL;
			break;
		}
		if (rc == XF_CSV_ROW && row.nfield == nf &&
		    is(row.field[0], row.len[0], "#xf-rollup/1"))
			continue;	/* a repeated header */
		if (rc != XF_CSV_ROW || row.nfield != nf ||
		    !is(row.field[0], row.len[0], "=") ||
		    xf_rollup_period_parse(XF_PERIOD_DAY, row.field[1],
		    row.len[1], &d) == -1 ||
		    parse_count(row.field[nf - 2], row.len[nf - 2],
		    &cases) == -1 || parse_count(row.field[nf - 1],
		    row.len[nf - 1], &persons) == -1 || persons < cases) {
			xf_warnat(name, row.line, "history row does not read: "
			    "'%s'", row.field[0]);
			status = XF_WORST(status, XF_EXIT_DATA);
			continue;
		}
		day = xf_date_to_days(&d);
		if (day > dmax || (r->nrdays > 0 && bsearch(&day, r->rdays,
		    r->nrdays, sizeof(*r->rdays), cmp_long) != NULL))
			continue;
		for (j = 0; j < NHCOL; j++) {
			v[j] = NULL;
			l[j] = 0;
			if (rcol[j] != -1) {
				v[j] = row.field[hidx[j]];
				l[j] = row.len[hidx[j]];
			}
		}
		coll = 0;
		if (rcol[H_PERSONS] != -1) {
			if ((hp = xf_rollup_persons(v[H_PERSONS],
			    l[H_PERSONS])) == 0) {
				xf_warnat(name, row.line, "history row's "
				    "persons is not a positive whole number: "
				    "'%s'", v[H_PERSONS]);
				status = XF_WORST(status, XF_EXIT_DATA);
				continue;
			}
			coll = hp >= collective_on(r, &d);
		}
		count(r, &d, v, l, cases, persons, coll);
		if (!r->anydate || day < r->mindays)
			r->mindays = day;
		r->anydate = 1;
	}
done:
	if (xf_csvin_close(in) == -1)
		status = XF_EXIT_FAIL;
	return status;
}

/*
 * The history directory: each DIR/YYYY-MM-DD.csv dated on or before the
 * report's date.  The order of reading does not change the sums.
 */
static int
read_history(struct run *r)
{
	const char *dir = r->opt->history;
	struct dirent *de;
	struct xf_date d;
	DIR *dp;
	char *path;
	size_t n;
	long dmax = xf_date_to_days(&r->opt->date);
	int rc, status = XF_EXIT_OK;

	if (r->days != NULL && xf_rollup_state(r->days, day_emit, r,
	    NULL) == -1)
		xf_errx(XF_EXIT_FAIL, "out of memory");
	if ((dp = opendir(dir)) == NULL) {
		xf_warn("%s", dir);
		return XF_EXIT_FAIL;
	}
	while ((de = readdir(dp)) != NULL) {
		if (strlen(de->d_name) != 14 ||
		    strcmp(de->d_name + 10, ".csv") != 0 ||
		    xf_rollup_period_parse(XF_PERIOD_DAY, de->d_name, 10,
		    &d) == -1 || xf_date_to_days(&d) > dmax)
			continue;
		n = strlen(dir) + strlen(de->d_name) + 2;
		path = xf_malloc(n);
		snprintf(path, n, "%s/%s", dir, de->d_name);
		rc = read_partial(r, path, dmax);
		status = XF_WORST(status, rc);
		free(path);
	}
	closedir(dp);
	return status;
}

static int
same_date(const struct xf_date *a, const struct xf_date *b)
{
	return a->year == b->year && a->month == b->month && a->day == b->day;
}

/* Add the flag table's groups to the figures of the three periods. */
static int
flag_emit(void *arg, const struct xf_rollup_row *row)
{
	struct run *r = arg;
	struct figures *f;
	int i;

	for (i = 0; i < 3; i++) {
		if ((i == 1 && !r->haveprev) || (i == 2 && !r->haveyoy))
			continue;
		if (!same_date(&row->period, i == 0 ? &r->cur :
		    i == 1 ? &r->prev : &r->yoy))
			continue;
		f = &r->fig[i];
		f->cases += row->cases;
		f->persons += row->persons;
		if (row->key[F_MINSHENG][0] == '1')
			f->minsheng += row->cases;
		if (row->key[F_COLLECTIVE][0] == '1') {
			f->coll_cases += row->cases;
			f->coll_persons += row->persons;
		}
		if (row->key[F_REPEAT][0] == '1')
			f->repeat += row->cases;
		if (row->key[F_OVERDUE][0] == '1')
			f->overdue += row->cases;
	}
	return 0;
}

/* Keep the rows of the current period of one table. */
static int
table_emit(void *arg, const struct xf_rollup_row *row)
{
	struct table *t = arg;
	struct trow *tr;

	if (row->kind == XF_ROLLUP_GRAND)
		return 0;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->row = xf_reallocarray(t->row, t->cap, sizeof(*t->row));
	}
	tr = &t->row[t->n++];
	memset(tr, 0, sizeof(*tr));
	tr->kind = row->kind;
	if (row->kind == XF_ROLLUP_GROUP)
		tr->label[0] = xf_memdup(row->key[0], row->keylen[0]);
	tr->cases = row->cases;
	tr->persons = row->persons;
	tr->share = row->case_share;
	tr->pshare = row->person_share;
	tr->has_prev = row->has_prev;
	tr->prev_cases = row->prev_cases;
	tr->has_change = row->has_change;
	tr->change = row->change;
	return 0;
}

struct tabarg {
	struct run	*r;
	struct table	*t;
	size_t		 nkey;
};

static int
period_emit(void *arg, const struct xf_rollup_row *row)
{
	struct tabarg *a = arg;
	struct trow *tr;

	if (row->kind == XF_ROLLUP_GRAND || !same_date(&row->period,
	    &a->r->cur))
		return 0;
	table_emit(a->t, row);
	tr = &a->t->row[a->t->n - 1];
	if (row->kind == XF_ROLLUP_GROUP && a->nkey > 1)
		tr->label[1] = xf_memdup(row->key[1], row->keylen[1]);
	return 0;
}

/* Work out the periods, the figures and the tables. */
static void
finish(struct run *r)
{
	struct xf_rollup_opt ro;
	struct tabarg a;
	const char *why;
	int p = r->opt->period, i;

	r->cur = xf_date_bucket_start(&r->opt->date, p);
	r->haveprev = xf_date_bucket_prev(&r->cur, p, &r->prev) == 0;
	r->haveyoy = xf_date_bucket_yoy(&r->cur, p, &r->yoy) == 0;
	if (r->flags != NULL && xf_rollup_state(r->flags, flag_emit, r,
	    &why) == -1)
		xf_errx(XF_EXIT_FAIL, "%s", why);
	memset(&ro, 0, sizeof(ro));
	ro.compare = XF_ROLLUP_PREV;
	ro.total = 1;
	ro.other = OTHER;
	for (i = 0; i < NDIM; i++) {
		if (r->dim[i] == NULL)
			continue;
		a.r = r;
		a.t = &r->tab[i];
		a.nkey = i == DIM_SUB ? 2 : 1;
		if (xf_rollup_result(r->dim[i], &ro, period_emit, &a,
		    &why) == -1)
			xf_errx(XF_EXIT_FAIL, "%s", why);
	}
}

/*
 * Whether the data reaches back into the period starting on start: its
 * earliest date is on or before the period's last day.
 */
static int
covered(const struct run *r, const struct xf_date *start)
{
	struct xf_date next;

	if (!r->anydate || xf_date_bucket_next(start, r->opt->period,
	    &next) == -1)
		return 0;
	return r->mindays < xf_date_to_days(&next);
}

/* ---- Text building ---- */

struct buf {
	char	*s;
	size_t	 n, cap;
};

static void
bput(struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		while (b->n + n + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 256;
		b->s = xf_reallocarray(b->s, b->cap, 1);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void	bprintf(struct buf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static void
bprintf(struct buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		xf_errx(XF_EXIT_FAIL, "formatting failed");
	if ((size_t)n >= sizeof(tmp))
		n = sizeof(tmp) - 1;
	bput(b, tmp, (size_t)n);
}

static void
bputs(struct buf *b, const char *s)
{
	bput(b, s, strlen(s));
}

/* The name of a period in Chinese, as the headline opens. */
static void
period_label(struct buf *b, const struct xf_date *d, int p)
{
	static const char *const q[] = { "一", "二", "三", "四" };
	struct xf_date end;
	int iy, wk;

	switch (p) {
	case XF_PERIOD_DAY:
		bprintf(b, "%d年%d月%d日", d->year, d->month, d->day);
		break;
	case XF_PERIOD_WEEK:
		xf_date_isoweek(d, &iy, &wk);
		if (xf_date_add_days(d, 6, &end) == -1)
			end = *d;
		bprintf(b, "%d年第%d周（%d月%d日至%d月%d日）", iy, wk,
		    d->month, d->day, end.month, end.day);
		break;
	case XF_PERIOD_MONTH:
		bprintf(b, "%d年%d月", d->year, d->month);
		break;
	case XF_PERIOD_QUARTER:
		bprintf(b, "%d年第%s季度", d->year, q[(d->month - 1) / 3]);
		break;
	default:
		bprintf(b, "%d年", d->year);
		break;
	}
}

static const char *
period_word(int p)
{
	static const char *const w[] = { "日", "周", "月", "季度", "年" };

	return w[p];
}

/* tenths as "12.5". */
static const char *
pct(int64_t tenths, char buf[XF_SHARE_BUFSZ])
{
	return xf_share_format(tenths, buf, XF_SHARE_BUFSZ);
}

/* part / whole in tenths of a percent, rounded half up; whole > 0. */
static int64_t
ratio(uint64_t part, uint64_t whole)
{
	return (int64_t)((part * 2000 + whole) / (whole * 2));
}

/*
 * One comparison clause: "环比（上一日38件）上升12.5%".  Nothing when
 * the data does not reach into the base period.
 */
static int
compare_clause(struct buf *b, const struct run *r, const char *word,
    const char *base, const struct xf_date *start, uint64_t now,
    uint64_t then)
{
	char nb[XF_SHARE_BUFSZ];
	int64_t t;

	if (!covered(r, start))
		return 0;
	bprintf(b, "%s（%s%llu件）", word, base, (unsigned long long)then);
	if (then == 0)
		bputs(b, "无可比基数");
	else if (now == then)
		bputs(b, "持平");
	else if (xf_share_change(now, then, &t) == 0)
		bprintf(b, "%s%s%%", t > 0 ? "上升" : "下降",
		    pct(t < 0 ? -t : t, nb));
	return 1;
}

/* The headline and the comparison sentence, as plain UTF-8 text. */
static void
headline(struct buf *b, const struct run *r)
{
	const struct cols *c = &r->c;
	const struct figures *f = &r->fig[0];
	char nb[XF_SHARE_BUFSZ], base[64];
	struct buf tmp = { NULL, 0, 0 };
	int p = r->opt->period, any;

	period_label(b, &r->cur, p);
	bprintf(b, "，共登记信访事项%llu件", (unsigned long long)f->cases);
	if (c->persons != -1)
		bprintf(b, "%llu人次", (unsigned long long)f->persons);
	if (c->category != -1) {
		bprintf(b, "，其中涉及民生问题的%llu件",
		    (unsigned long long)f->minsheng);
		if (f->cases > 0)
			bprintf(b, "，占%s%%", pct(ratio(f->minsheng,
			    f->cases), nb));
	}
	if (c->persons != -1)
		bprintf(b, "；集体访%llu批%llu人次",
		    (unsigned long long)f->coll_cases,
		    (unsigned long long)f->coll_persons);
	if (c->repeat_of != -1)
		bprintf(b, "；重复访%llu件", (unsigned long long)f->repeat);
	if (c->status != -1)
		bprintf(b, "；超期未办%llu件", (unsigned long long)f->overdue);
	bputs(b, "。");

	any = 0;
	if (r->haveprev) {
		snprintf(base, sizeof(base), "上一%s", period_word(p));
		any = compare_clause(&tmp, r, "环比", base, &r->prev,
		    f->cases, r->fig[1].cases);
	}
	if (r->haveyoy && covered(r, &r->yoy)) {
		if (any)
			bputs(&tmp, "，");
		snprintf(base, sizeof(base), "去年同%s", period_word(p));
		any |= compare_clause(&tmp, r, "同比", base, &r->yoy,
		    f->cases, r->fig[2].cases);
	}
	if (any) {
		bputs(b, "登记件数");
		bput(b, tmp.s, tmp.n);
		bputs(b, "。");
	}
	free(tmp.s);
}

/* ---- The listing sections ---- */

static void
lrow(struct ltab *t, const char *const *v)
{
	int k;

	t->cell = xf_reallocarray(t->cell, (t->nrow + 1) * (size_t)t->ncol,
	    sizeof(*t->cell));
	for (k = 0; k < t->ncol; k++)
		t->cell[t->nrow * (size_t)t->ncol + (size_t)k] =
		    xf_memdup(v[k], strlen(v[k]));
	t->nrow++;
}

static void
lhead(struct ltab *t, const char *title, const char *const *head,
    const int *right, int ncol)
{
	int k;

	t->title = title;
	t->ncol = ncol;
	for (k = 0; k < ncol; k++) {
		t->head[k] = head[k];
		t->right[k] = right[k];
	}
}

static const char *
display(const char *s)
{
	return s[0] == '\0' ? "（空）" : s;
}

static int
rise_cmp(const void *a, const void *b)
{
	const struct trow *x = *(const struct trow *const *)a;
	const struct trow *y = *(const struct trow *const *)b;
	uint64_t ix = x->cases - x->prev_cases, iy = y->cases - y->prev_cases;
	int c;

	if (ix != iy)
		return ix > iy ? -1 : 1;
	if (x->prev_cases != y->prev_cases)
		return x->prev_cases < y->prev_cases ? -1 : 1;
	if ((c = strcmp(x->label[0], y->label[0])) != 0)
		return c;
	return strcmp(x->label[1], y->label[1]);
}

/*
 * The subcategories rising fastest: those with more cases than in the
 * previous period, by the increase, largest first; ties: the smaller
 * base first (the steeper rise), then category and subcategory in code
 * point order.
 */
static void
sec_rising(struct run *r, struct buf *b)
{
	static const char *const head[] = { "类别", "子类", "本期件",
	    "上期件", "增加", "环比" };
	static const int right[] = { 0, 0, 1, 1, 1, 1 };
	struct ltab *t = &r->sec[0];
	const struct table *st = &r->tab[DIM_SUB];
	const struct trow **up = NULL;
	const char *v[6];
	char nb[XF_SHARE_BUFSZ], c0[24], c1[24], c2[24], c3[XF_SHARE_BUFSZ + 4];
	size_t i, n = 0, total = 0;
	int haveprev = 0;

	lhead(t, "上升最快的子类", head, right, 6);
	r->hassec[0] = 1;
	for (i = 0; i < st->n; i++)
		if (st->row[i].kind == XF_ROLLUP_TOTAL)
			haveprev = st->row[i].has_prev;
	if (!haveprev) {
		bprintf(b, "数据中没有上一%s的记录，无从比较。",
		    period_word(r->opt->period));
		t->intro = b->s;
		return;
	}
	up = xf_reallocarray(NULL, st->n + 1, sizeof(*up));
	for (i = 0; i < st->n; i++)
		if (st->row[i].kind == XF_ROLLUP_GROUP &&
		    st->row[i].cases > st->row[i].prev_cases)
			up[n++] = &st->row[i];
	total = n;
	qsort(up, n, sizeof(*up), rise_cmp);
	if (n > TOP_RISING)
		n = TOP_RISING;
	if (total == 0)
		bprintf(b, "与上一%s相比，没有件数增加的子类。",
		    period_word(r->opt->period));
	else
		bprintf(b, "与上一%s相比件数增加的子类共%zu个，按增加的件数"
		    "列出前%zu个。", period_word(r->opt->period), total, n);
	t->intro = b->s;
	for (i = 0; i < n; i++) {
		snprintf(c0, sizeof(c0), "%llu",
		    (unsigned long long)up[i]->cases);
		snprintf(c1, sizeof(c1), "%llu",
		    (unsigned long long)up[i]->prev_cases);
		snprintf(c2, sizeof(c2), "+%llu",
		    (unsigned long long)(up[i]->cases - up[i]->prev_cases));
		if (up[i]->has_change)
			snprintf(c3, sizeof(c3), "+%s%%", pct(up[i]->change,
			    nb));
		else
			snprintf(c3, sizeof(c3), "新增");
		v[0] = display(up[i]->label[0]);
		v[1] = display(up[i]->label[1]);
		v[2] = c0;
		v[3] = c1;
		v[4] = c2;
		v[5] = c3;
		lrow(t, v);
	}
	free(up);
}

static void
sec_overdue(struct run *r, struct buf *b)
{
	static const char *const head[] = { "编号", "登记日期", "类别",
	    "责任单位", "办理状态", "超期天数" };
	static const int right[] = { 0, 0, 0, 0, 0, 1 };
	struct ltab *t = &r->sec[1];
	struct xf_date d;
	const char *v[6];
	char db[XF_DATE_STRLEN], late[24];
	size_t i;

	lhead(t, "超期未办事项", head, right, 6);
	r->hassec[1] = 1;
	bputs(b, "截至");
	period_label(b, &r->cur, r->opt->period);
	if (r->odtotal == 0)
		bputs(b, "登记的事项中没有超期未办的。");
	else
		bprintf(b, "登记、超期未办（含受理超期）的事项共%llu件，按超期"
		    "天数列出前%zu件。", (unsigned long long)r->odtotal, r->nod);
	t->intro = b->s;
	for (i = 0; i < r->nod; i++) {
		if (xf_date_from_days(r->od[i].day, &d) == -1)
			continue;
		snprintf(late, sizeof(late), "%ld", r->od[i].late);
		v[0] = display(r->od[i].id);
		v[1] = xf_date_format(&d, db);
		v[2] = r->c.category == -1 ? "—" : display(r->od[i].cat);
		v[3] = r->c.department == -1 ? "—" : display(r->od[i].dept);
		v[4] = r->od[i].status;
		v[5] = late;
		lrow(t, v);
	}
}

/* The map rep_cmp sorts entries of: qsort passes no argument. */
static const struct xf_map *rep_map;

/* Most repeat petitions first, then the largest repeat_n, then key. */
static int
rep_cmp(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b, ni, nj;
	const struct petitioner *x = xf_map_value(rep_map, i);
	const struct petitioner *y = xf_map_value(rep_map, j);

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	if (x->maxn != y->maxn)
		return x->maxn > y->maxn ? -1 : 1;
	return strcmp(xf_map_key(rep_map, i, &ni), xf_map_key(rep_map, j,
	    &nj));
}

static void
sec_repeat(struct run *r, struct buf *b)
{
	static const char *const head[] = { "当事人", "重复访件数",
	    "最多第几次", "最近登记日期", "最近一件编号" };
	static const int right[] = { 0, 1, 1, 0, 0 };
	struct ltab *t = &r->sec[2];
	const struct petitioner *pt;
	struct xf_date d;
	size_t *idx, i, n = 0, cnt = xf_map_count(r->rep), kn, total;
	uint64_t petitions = 0;
	const char *v[5];
	char db[XF_DATE_STRLEN], c1[24], c2[24];
	long cur = xf_date_to_days(&r->cur);

	lhead(t, "重复信访人", head, right, 5);
	r->hassec[2] = 1;
	idx = xf_reallocarray(NULL, cnt + 1, sizeof(*idx));
	for (i = 0; i < cnt; i++) {
		pt = xf_map_value(r->rep, i);
		if (pt->bucket == cur) {
			idx[n++] = i;
			petitions += pt->n;
		}
	}
	rep_map = r->rep;
	qsort(idx, n, sizeof(*idx), rep_cmp);
	total = n;
	if (n > TOP_REPEAT)
		n = TOP_REPEAT;
	if (total == 0)
		bputs(b, "本期没有重复访。");
	else
		bprintf(b, "本期重复访%llu件，涉及%zu人（按 person_key 区分），"
		    "按重复访件数列出前%zu人。", (unsigned long long)petitions,
		    total, n);
	t->intro = b->s;
	for (i = 0; i < n; i++) {
		pt = xf_map_value(r->rep, idx[i]);
		if (xf_date_from_days(pt->last, &d) == -1)
			continue;
		snprintf(c1, sizeof(c1), "%llu", (unsigned long long)pt->n);
		snprintf(c2, sizeof(c2), "%ld", pt->maxn);
		v[0] = xf_map_key(r->rep, idx[i], &kn);
		v[1] = c1;
		v[2] = c2;
		v[3] = xf_date_format(&d, db);
		v[4] = display(pt->lastid);
		lrow(t, v);
	}
	free(idx);
}

/* The cases of the TREND_DAYS days ending on the report's date. */
struct trend {
	long		 first;
	uint64_t	 n[TREND_DAYS];
};

static int
trend_emit(void *arg, const struct xf_rollup_row *row)
{
	struct trend *t = arg;
	long d = xf_date_to_days(&row->period) - t->first;

	if (d >= 0 && d < TREND_DAYS)
		t->n[d] += row->cases;
	return 0;
}

static void
sections(struct run *r)
{
	struct buf b[3];

	memset(b, 0, sizeof(b));
	if (r->dim[DIM_SUB] != NULL)
		sec_rising(r, &b[0]);
	if (r->c.status != -1 && r->c.days_left != -1)
		sec_overdue(r, &b[1]);
	if (r->rep != NULL)
		sec_repeat(r, &b[2]);
}

/* ---- Output ---- */

struct cell {
	char	 s[2][XF_SHARE_BUFSZ * 2];
};

static const char *const colhead[] = { "件", "人次", "占比", "环比" };

/* The label of a table row's first and second column. */
static const char *
label(const struct trow *tr, int i)
{
	if (tr->kind == XF_ROLLUP_TOTAL)
		return i == 0 ? "合计" : "";
	if (tr->kind == XF_ROLLUP_OTHER)
		return i == 0 ? OTHER : "";
	if (tr->label[i] == NULL)
		return "";
	return tr->label[i][0] == '\0' ? "（空）" : tr->label[i];
}

/* The four number columns of a row. */
static void
numbers(const struct trow *tr, char out[4][XF_SHARE_BUFSZ + 4])
{
	char nb[XF_SHARE_BUFSZ];

	snprintf(out[0], sizeof(out[0]), "%llu",
	    (unsigned long long)tr->cases);
	snprintf(out[1], sizeof(out[1]), "%llu",
	    (unsigned long long)tr->persons);
	snprintf(out[2], sizeof(out[2]), "%s%%", pct(tr->share, nb));
	if (tr->has_change)
		snprintf(out[3], sizeof(out[3]), "%s%s%%",
		    tr->change > 0 ? "+" : "", pct(tr->change, nb));
	else if (tr->has_prev && tr->cases > 0)
		snprintf(out[3], sizeof(out[3]), "新增");
	else
		snprintf(out[3], sizeof(out[3]), "—");
}

/* Display width: East Asian wide characters count 2. */
static size_t
width(const char *s)
{
	size_t n = strlen(s), w = 0;
	uint32_t cp;
	int k;

	while (n > 0) {
		if ((k = xf_utf8_decode(s, n, &cp)) <= 0) {
			k = 1;
			cp = '?';
		}
		w += (cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 &&
		    cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
		    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 &&
		    cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
		    (cp >= 0xffe0 && cp <= 0xffe6) || cp == 0x2014)) ? 2 : 1;
		s += k;
		n -= (size_t)k;
	}
	return w;
}

static void
md_escape(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '|' || *s == '\\' || *s == '*' || *s == '_' ||
		    *s == '`' || *s == '[' || *s == ']' || *s == '<')
			fputc('\\', fp);
		if (*s == '\n' || *s == '\r')
			fputc(' ', fp);
		else
			fputc(*s, fp);
	}
}

static void
html_escape(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		default:
			fputc(*s, fp);
		}
}

static void
title(struct buf *b, const struct run *r)
{
	static const char *const w[] = { "日报", "周报", "月报", "季报",
	    "年报" };

	bprintf(b, "信访情况%s：", w[r->opt->period]);
	period_label(b, &r->cur, r->opt->period);
}

static void
note(FILE *fp, const struct run *r, int html)
{
	fprintf(fp, "说明：件为登记的信访事项数，人次为人数之和（空为1）；"
	    "民生问题为类别不是“其他”的事项；集体访为人数达到"
	    "petition_collective_persons（默认5人）及以上的事项；"
	    "重复访为 repeat_of 非空的事项；超期未办为 deadline_status "
	    "是“超期未办”或“受理超期”的事项；占比为本期之内的比例，"
	    "环比与上一%s相比。%s", period_word(r->opt->period),
	    html ? "" : "\n");
}

static void
out_md(FILE *fp, const struct run *r, const char *head)
{
	char num[4][XF_SHARE_BUFSZ + 4];
	struct buf t = { NULL, 0, 0 };
	size_t i, k;
	int d, nl;

	title(&t, r);
	fprintf(fp, "# %s\n\n%s\n", t.s, head);
	free(t.s);
	for (d = 0; d < NDIM; d++) {
		if (r->dim[d] == NULL)
			continue;
		nl = d == DIM_SUB ? 2 : 1;
		fprintf(fp, "\n## %s\n\n|", dimtitle[d]);
		for (k = 0; k < (size_t)nl; k++)
			fprintf(fp, " %s |", dimhead[d][k]);
		fputs(" 件 | 人次 | 占比 | 环比 |\n|", fp);
		for (k = 0; k < (size_t)nl; k++)
			fputs("---|", fp);
		fputs("--:|--:|--:|--:|\n", fp);
		for (i = 0; i < r->tab[d].n; i++) {
			const struct trow *tr = &r->tab[d].row[i];

			numbers(tr, num);
			fputs("|", fp);
			for (k = 0; k < (size_t)nl; k++) {
				fputc(' ', fp);
				if (tr->kind == XF_ROLLUP_TOTAL)
					fputs(k == 0 ? "**合计**" : "", fp);
				else
					md_escape(fp, label(tr, (int)k));
				fputs(" |", fp);
			}
			for (k = 0; k < 4; k++)
				fprintf(fp, " %s |", num[k]);
			fputc('\n', fp);
		}
	}
	secs_md(fp, r);
	fputc('\n', fp);
	note(fp, r, 0);
}

static void
pad(FILE *fp, const char *s, size_t w, int right)
{
	size_t sw = width(s);

	if (right)
		for (; sw < w; sw++)
			fputc(' ', fp);
	fputs(s, fp);
	if (!right)
		for (; sw < w; sw++)
			fputc(' ', fp);
}

static void
out_txt(FILE *fp, const struct run *r, const char *head)
{
	char num[4][XF_SHARE_BUFSZ + 4];
	struct buf t = { NULL, 0, 0 };
	size_t w[6], i, k, ncol;
	int d, nl;

	title(&t, r);
	fprintf(fp, "%s\n\n%s\n", t.s, head);
	free(t.s);
	for (d = 0; d < NDIM; d++) {
		if (r->dim[d] == NULL)
			continue;
		nl = d == DIM_SUB ? 2 : 1;
		ncol = (size_t)nl + 4;
		for (k = 0; k < (size_t)nl; k++)
			w[k] = width(dimhead[d][k]);
		for (k = 0; k < 4; k++)
			w[nl + k] = width(colhead[k]);
		for (i = 0; i < r->tab[d].n; i++) {
			numbers(&r->tab[d].row[i], num);
			for (k = 0; k < (size_t)nl; k++)
				if (width(label(&r->tab[d].row[i], (int)k)) >
				    w[k])
					w[k] = width(label(&r->tab[d].row[i],
					    (int)k));
			for (k = 0; k < 4; k++)
				if (width(num[k]) > w[nl + k])
					w[nl + k] = width(num[k]);
		}
		fprintf(fp, "\n%s\n\n", dimtitle[d]);
		for (k = 0; k < ncol; k++) {
			if (k > 0)
				fputs("  ", fp);
			pad(fp, k < (size_t)nl ? dimhead[d][k] :
			    colhead[k - nl], w[k], k >= (size_t)nl);
		}
		fputc('\n', fp);
		for (i = 0; i < r->tab[d].n; i++) {
			const struct trow *tr = &r->tab[d].row[i];

			numbers(tr, num);
			for (k = 0; k < ncol; k++) {
				if (k > 0)
					fputs("  ", fp);
				if (k < (size_t)nl && k + 1 == ncol)
					fputs(label(tr, (int)k), fp);
				else
					pad(fp, k < (size_t)nl ?
					    label(tr, (int)k) : num[k - nl],
					    w[k], k >= (size_t)nl);
			}
			fputc('\n', fp);
		}
	}
	secs_txt(fp, r);
	fputc('\n', fp);
	note(fp, r, 0);
}

/*
 * The bar chart by category: one horizontal bar per row of the category
 * table (the total left out), its length proportional to the cases.
 */
static void
svg_chart(FILE *fp, const struct table *t)
{
	const int lw = 120, bw = 420, bh = 22, gap = 8, top = 8;
	uint64_t max = 0;
	size_t i, n = 0;
	long len, y;

	for (i = 0; i < t->n; i++)
		if (t->row[i].kind != XF_ROLLUP_TOTAL) {
			n++;
			if (t->row[i].cases > max)
				max = t->row[i].cases;
		}
	if (n == 0 || max == 0)
		return;
	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"chart\" width=\"%d\" height=\"%zu\" viewBox=\"0 0 %d "
	    "%zu\" role=\"img\" aria-label=\"按问题类别的件数\">\n",
	    lw + bw + 60, (size_t)top * 2 + n * (size_t)(bh + gap),
	    lw + bw + 60, (size_t)top * 2 + n * (size_t)(bh + gap));
	n = 0;
	for (i = 0; i < t->n; i++) {
		const struct trow *tr = &t->row[i];

		if (tr->kind == XF_ROLLUP_TOTAL)
			continue;
		y = top + (long)n * (bh + gap);
		len = (long)((tr->cases * (uint64_t)bw + max / 2) / max);
		fprintf(fp, "<text x=\"%d\" y=\"%ld\" text-anchor=\"end\" "
		    "dominant-baseline=\"middle\">", lw - 8, y + bh / 2);
		html_escape(fp, label(tr, 0));
		fprintf(fp, "</text>\n<rect x=\"%d\" y=\"%ld\" width=\"%ld\" "
		    "height=\"%d\" class=\"bar\"/>\n", lw, y, len, bh);
		fprintf(fp, "<text x=\"%ld\" y=\"%ld\" "
		    "dominant-baseline=\"middle\">%llu</text>\n",
		    lw + len + 6, y + bh / 2, (unsigned long long)tr->cases);
		n++;
	}
	fputs("</svg>\n", fp);
}

/* The listing sections, in each format. */
static void
secs_md(FILE *fp, const struct run *r)
{
	const struct ltab *t;
	size_t i;
	int s, k;

	for (s = 0; s < 3; s++) {
		if (!r->hassec[s])
			continue;
		t = &r->sec[s];
		fprintf(fp, "\n## %s\n\n%s\n", t->title, t->intro);
		if (t->nrow == 0)
			continue;
		fputs("\n|", fp);
		for (k = 0; k < t->ncol; k++)
			fprintf(fp, " %s |", t->head[k]);
		fputs("\n|", fp);
		for (k = 0; k < t->ncol; k++)
			fputs(t->right[k] ? "--:|" : "---|", fp);
		fputc('\n', fp);
		for (i = 0; i < t->nrow; i++) {
			fputc('|', fp);
			for (k = 0; k < t->ncol; k++) {
				fputc(' ', fp);
				md_escape(fp, t->cell[i * (size_t)t->ncol +
				    (size_t)k]);
				fputs(" |", fp);
			}
			fputc('\n', fp);
		}
	}
}

static void
secs_txt(FILE *fp, const struct run *r)
{
	const struct ltab *t;
	size_t w[LMAXCOL], i;
	int s, k;

	for (s = 0; s < 3; s++) {
		if (!r->hassec[s])
			continue;
		t = &r->sec[s];
		fprintf(fp, "\n%s\n\n%s\n", t->title, t->intro);
		if (t->nrow == 0)
			continue;
		for (k = 0; k < t->ncol; k++) {
			w[k] = width(t->head[k]);
			for (i = 0; i < t->nrow; i++)
				if (width(t->cell[i * (size_t)t->ncol +
				    (size_t)k]) > w[k])
					w[k] = width(t->cell[i *
					    (size_t)t->ncol + (size_t)k]);
		}
		fputc('\n', fp);
		for (i = 0; i <= t->nrow; i++) {
			for (k = 0; k < t->ncol; k++) {
				const char *c = i == 0 ? t->head[k] :
				    t->cell[(i - 1) * (size_t)t->ncol +
				    (size_t)k];

				if (k > 0)
					fputs("  ", fp);
				if (k + 1 == t->ncol && !t->right[k])
					fputs(c, fp);
				else
					pad(fp, c, w[k], t->right[k]);
			}
			fputc('\n', fp);
		}
	}
}

static void
secs_html(FILE *fp, const struct run *r)
{
	const struct ltab *t;
	size_t i;
	int s, k;

	for (s = 0; s < 3; s++) {
		if (!r->hassec[s])
			continue;
		t = &r->sec[s];
		fprintf(fp, "<h2>%s</h2>\n<p>", t->title);
		html_escape(fp, t->intro);
		fputs("</p>\n", fp);
		if (t->nrow == 0)
			continue;
		fputs("<table>\n<thead><tr>", fp);
		for (k = 0; k < t->ncol; k++)
			fprintf(fp, "<th>%s</th>", t->head[k]);
		fputs("</tr></thead>\n<tbody>\n", fp);
		for (i = 0; i < t->nrow; i++) {
			fputs("<tr>", fp);
			for (k = 0; k < t->ncol; k++) {
				fputs(t->right[k] ? "<td class=\"n\">" :
				    "<td>", fp);
				html_escape(fp, t->cell[i * (size_t)t->ncol +
				    (size_t)k]);
				fputs("</td>", fp);
			}
			fputs("</tr>\n", fp);
		}
		fputs("</tbody>\n</table>\n", fp);
	}
}

/*
 * The trend line: the cases of each of the TREND_DAYS days ending on
 * the report's date, when the data reaches back to the first of them.
 */
static void
svg_trend(FILE *fp, struct run *r)
{
	const int lm = 40, w = 560, h = 160, tm = 16, bm = 28;
	struct trend t;
	struct xf_date d0, d1;
	const char *why;
	uint64_t max = 0;
	long x, y, ymax;
	int i;

	memset(&t, 0, sizeof(t));
	t.first = xf_date_to_days(&r->opt->date) - (TREND_DAYS - 1);
	if (r->days == NULL || !r->anydate || r->mindays > t.first ||
	    xf_date_from_days(t.first, &d0) == -1)
		return;
	d1 = r->opt->date;
	if (xf_rollup_state(r->days, trend_emit, &t, &why) == -1)
		xf_errx(XF_EXIT_FAIL, "%s", why);
	for (i = 0; i < TREND_DAYS; i++)
		if (t.n[i] > max)
			max = t.n[i];
	ymax = max == 0 ? 1 : (long)max;
	fprintf(fp, "<h2>近%d日每日登记件数</h2>\n", TREND_DAYS);
	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"trend\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	    "role=\"img\" aria-label=\"近%d日每日登记件数\">\n",
	    lm + w + 20, tm + h + bm, lm + w + 20, tm + h + bm, TREND_DAYS);
	fprintf(fp, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "class=\"axis\"/>\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "class=\"axis\"/>\n", lm, tm, lm, tm + h, lm, tm + h, lm + w,
	    tm + h);
	fprintf(fp, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "class=\"grid\"/>\n", lm, tm, lm + w, tm);
	fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
	    "dominant-baseline=\"middle\">%ld</text>\n", lm - 6, tm, ymax);
	fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
	    "dominant-baseline=\"middle\">0</text>\n", lm - 6, tm + h);
	fputs("<polyline class=\"line\" points=\"", fp);
	for (i = 0; i < TREND_DAYS; i++) {
		x = lm + (long)i * w / (TREND_DAYS - 1);
		y = tm + h - (long)t.n[i] * h / ymax;
		fprintf(fp, "%s%ld,%ld", i ? " " : "", x, y);
	}
	fputs("\"/>\n", fp);
	for (i = 0; i < TREND_DAYS; i++) {
		x = lm + (long)i * w / (TREND_DAYS - 1);
		y = tm + h - (long)t.n[i] * h / ymax;
		fprintf(fp, "<circle cx=\"%ld\" cy=\"%ld\" r=\"2.5\" "
		    "class=\"dot\"><title>%llu</title></circle>\n", x, y,
		    (unsigned long long)t.n[i]);
	}
	fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"start\">%d月%d日"
	    "</text>\n", lm, tm + h + 18, d0.month, d0.day);
	fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d月%d日"
	    "</text>\n", lm + w, tm + h + 18, d1.month, d1.day);
	fputs("</svg>\n", fp);
}

static void
out_html(FILE *fp, struct run *r, const char *head)
{
	char num[4][XF_SHARE_BUFSZ + 4];
	struct buf t = { NULL, 0, 0 };
	size_t i, k;
	int d, nl;

	title(&t, r);
	fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>", fp);
	html_escape(fp, t.s);
	fputs("</title>\n<style>\n"
	    "body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\","
	    "\"Microsoft YaHei\",\"PingFang SC\",sans-serif;"
	    "max-width:46em;margin:2em auto;padding:0 1em;color:#111;"
	    "line-height:1.6}\n"
	    "h1{font-size:1.5em;border-bottom:2px solid #a00;"
	    "padding-bottom:.3em}\n"
	    "h2{font-size:1.15em;margin-top:1.6em}\n"
	    ".headline{font-size:1.1em;background:#f6f6f6;"
	    "border-left:4px solid #a00;padding:.6em 1em}\n"
	    "table{border-collapse:collapse;width:100%;margin:.5em 0}\n"
	    "th,td{border:1px solid #bbb;padding:.2em .5em}\n"
	    "th{background:#eee}\n"
	    "td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	    "tr.total td{font-weight:bold;background:#fafafa}\n"
	    ".chart text{font-size:13px;fill:#111}\n"
	    ".chart .bar{fill:#b22}\n"
	    ".trend text{font-size:12px;fill:#111}\n"
	    ".trend .line{fill:none;stroke:#b22;stroke-width:2}\n"
	    ".trend .dot{fill:#b22}\n"
	    ".trend .axis{stroke:#555;stroke-width:1}\n"
	    ".trend .grid{stroke:#ccc;stroke-dasharray:3 3}\n"
	    "svg{max-width:100%;height:auto}\n"
	    ".note{font-size:.85em;color:#555}\n"
	    "@page{size:A4;margin:18mm 15mm}\n"
	    "@media print{body{max-width:none;margin:0}"
	    "h2,table,svg{break-inside:avoid}"
	    ".headline{background:none}}\n"
	    "</style>\n</head>\n<body>\n<h1>", fp);
	html_escape(fp, t.s);
	free(t.s);
	fputs("</h1>\n<p class=\"headline\">", fp);
	html_escape(fp, head);
	fputs("</p>\n", fp);
	svg_trend(fp, r);
	for (d = 0; d < NDIM; d++) {
		if (r->dim[d] == NULL)
			continue;
		nl = d == DIM_SUB ? 2 : 1;
		fprintf(fp, "<h2>%s</h2>\n", dimtitle[d]);
		if (d == DIM_CAT)
			svg_chart(fp, &r->tab[d]);
		fputs("<table>\n<thead><tr>", fp);
		for (k = 0; k < (size_t)nl; k++)
			fprintf(fp, "<th>%s</th>", dimhead[d][k]);
		for (k = 0; k < 4; k++)
			fprintf(fp, "<th>%s</th>", colhead[k]);
		fputs("</tr></thead>\n<tbody>\n", fp);
		for (i = 0; i < r->tab[d].n; i++) {
			const struct trow *tr = &r->tab[d].row[i];

			numbers(tr, num);
			fputs(tr->kind == XF_ROLLUP_TOTAL ?
			    "<tr class=\"total\">" : "<tr>", fp);
			for (k = 0; k < (size_t)nl; k++) {
				fputs("<td>", fp);
				html_escape(fp, label(tr, (int)k));
				fputs("</td>", fp);
			}
			for (k = 0; k < 4; k++)
				fprintf(fp, "<td class=\"n\">%s</td>", num[k]);
			fputs("</tr>\n", fp);
		}
		fputs("</tbody>\n</table>\n", fp);
	}
	secs_html(fp, r);
	fputs("<p class=\"note\">", fp);
	note(fp, r, 1);
	fputs("</p>\n</body>\n</html>\n", fp);
}

int
main(int argc, char *argv[])
{
	struct options opt;
	struct run r;
	struct xf_output *o;
	struct buf head = { NULL, 0, 0 };
	const char *why;
	int ch, rc, d, status = XF_EXIT_OK;
	size_t i;

	argv[0] = xf_setprogname(argv[0]);
	memset(&opt, 0, sizeof(opt));
	memset(&r, 0, sizeof(r));
	xf_cli_init(&opt.cli);
	opt.period = XF_PERIOD_DAY;
	opt.format = FMT_MD;

	while ((ch = getopt_long(argc, argv, "D:f:H:hP:p:V" XF_CLI_SHORT,
	    longopts, NULL)) != -1) {
		if ((rc = xf_cli_option(&opt.cli, ch, optarg)) == 1)
			continue;
		if (rc == -1)
			xf_usage(usage_line);
		switch (ch) {
		case 'D':
			if (xf_date_parse(optarg, strlen(optarg), &opt.date,
			    NULL, &why) == -1) {
				xf_warnx("--date: %s: '%s'", why, optarg);
				xf_usage(usage_line);
			}
			opt.havedate = 1;
			break;
		case 'f':
			if (strcmp(optarg, "md") == 0)
				opt.format = FMT_MD;
			else if (strcmp(optarg, "html") == 0)
				opt.format = FMT_HTML;
			else if (strcmp(optarg, "txt") == 0)
				opt.format = FMT_TXT;
			else {
				xf_warnx("--format: expected md, html or txt: "
				    "'%s'", optarg);
				xf_usage(usage_line);
			}
			break;
		case 'H':
			opt.history = optarg;
			break;
		case 'h':
			help();
			/* NOTREACHED */
		case 'P':
			opt.params = optarg;
			break;
		case 'p':
			if ((opt.period = xf_period_parse(optarg)) == -1) {
				xf_warnx("--period: expected day, week, month, "
				    "quarter or year: '%s'", optarg);
				xf_usage(usage_line);
			}
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

	r.opt = &opt;
	if ((r.params = xf_params_new()) == NULL)
		xf_errx(XF_EXIT_FAIL, "out of memory");
	if (xf_params_defaults(r.params) == -1 || (opt.params != NULL &&
	    xf_params_load(r.params, opt.params) == -1))
		return xf_finish(XF_EXIT_FAIL);
	if ((r.rej = xf_rejects_open(opt.cli.rejects)) == NULL)
		return xf_finish(XF_EXIT_FAIL);

	r.lastday = LONG_MAX;
	if (opt.havedate) {
		struct xf_date b, e;

		b = xf_date_bucket_start(&opt.date, opt.period);
		if (xf_date_bucket_next(&b, opt.period, &e) == 0)
			r.lastday = xf_date_to_days(&e) - 1;
	}
	if (argc == 0)
		status = readfile(&r, "-");
	for (; *argv != NULL; argv++) {
		rc = readfile(&r, *argv);
		status = XF_WORST(status, rc);
	}
	xf_progress_done();

	if (status != XF_EXIT_FAIL && !opt.havedate) {
		if (!r.anydate) {
			xf_warnx("no records with a date, and no --date: "
			    "nothing to report on");
			status = XF_EXIT_FAIL;
		} else if (xf_date_from_days(r.maxdays, &opt.date) == -1)
			status = XF_EXIT_FAIL;
	}
	if (status == XF_EXIT_FAIL) {
		xf_warnx("no report written");
		goto out;
	}
	if (r.hdr == NULL) {
		/* No header at all: only the date column is known. */
		memset(&r.c, 0xff, sizeof(r.c));
		make_tables(&r);
	}
	if (opt.history != NULL) {
		rc = read_history(&r);
		status = XF_WORST(status, rc);
		if (status == XF_EXIT_FAIL) {
			xf_warnx("no report written");
			goto out;
		}
	}
	finish(&r);
	sections(&r);
	headline(&head, &r);

	if ((o = xf_output_open(opt.cli.output)) == NULL) {
		status = XF_EXIT_FAIL;
		goto out;
	}
	if (opt.cli.bom)
		fputs("\xef\xbb\xbf", xf_output_fp(o));
	switch (opt.format) {
	case FMT_HTML:
		out_html(xf_output_fp(o), &r, head.s);
		break;
	case FMT_TXT:
		out_txt(xf_output_fp(o), &r, head.s);
		break;
	default:
		out_md(xf_output_fp(o), &r, head.s);
		break;
	}
	if (ferror(xf_output_fp(o))) {
		/* A closed pipe is the reader's choice: no message. */
		if (errno != EPIPE)
			xf_warn("%s", xf_output_name(o));
		xf_output_abort(o);
		status = XF_EXIT_FAIL;
	} else if (xf_output_commit(o) == -1)
		status = XF_EXIT_FAIL;
out:
	if (xf_rejects_close(r.rej) == -1)
		status = XF_EXIT_FAIL;
	for (d = 0; d < NDIM; d++) {
		for (i = 0; i < r.tab[d].n; i++) {
			free(r.tab[d].row[i].label[0]);
			free(r.tab[d].row[i].label[1]);
		}
		free(r.tab[d].row);
		xf_rollup_free(r.dim[d]);
	}
	xf_rollup_free(r.flags);
	xf_rollup_free(r.days);
	for (d = 0; d < 3; d++) {
		for (i = 0; i < r.sec[d].nrow * (size_t)r.sec[d].ncol; i++)
			free(r.sec[d].cell[i]);
		free(r.sec[d].cell);
		free(r.sec[d].intro);
	}
	for (i = 0; i < r.nod; i++)
		od_free(&r.od[i]);
	xf_map_free(r.rep);
	free(r.rdays);
	xf_header_free(r.hdr);
	xf_params_free(r.params);
	free(head.s);
	return xf_finish(status);
}
