/* SPDX-License-Identifier: ISC */

/*
 * xf-eligible: who qualifies for aid, household by household.  Reads one
 * row per person, grouped by the household column, and writes one row
 * per household and programme (低保, 低保边缘, 特困, 公租房, 临时救助,
 * 医疗救助) with the decision, the amount and the reason; --explain adds
 * the whole trace.  The rules are in lib/eligible.c (DOMAIN.md section
 * E), the parameters in lib/data/params.csv.  The input is streamed: a
 * household's rows must be consecutive, and memory is bounded by the
 * largest household, plus a 64-bit fingerprint per household to detect
 * one that comes back.  A household with a bad row or conflicting
 * household values goes, all its rows, to the rejects.
 */

#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "columns.h"
#include "csvin.h"
#include "csvout.h"
#include "date.h"
#include "eligible.h"
#include "hash.h"
#include "ident.h"
#include "output.h"
#include "params.h"
#include "rejects.h"
#include "utf8.h"
#include "xf.h"

/* The most rows one household may have (keeps income sums in int64_t). */
#define MAXROWS		1000

enum {
	OPT_ASOF = 'a',
	OPT_DUMP = 'D',
	OPT_EDGE = 'E',
	OPT_EXPLAIN = 'e',
	OPT_PROGS = 'P',
	OPT_PARAMS = 'p',
	OPT_REGION = 'r'
};

struct options {
	struct xf_cli	 cli;
	const char	*params;	/* -p */
	const char	*region;	/* -r: NULL for 延吉市 */
	struct xf_date	 asof;		/* -a, or today in China */
	int		 dump;		/* -D */
	int		 edge_inclusive; /* -E */
	int		 explain;	/* -e */
	int		 prog[XF_ELIG_NPROG]; /* -P: programmes wanted */
};

/* Input columns. */
enum {
	C_HOUSEHOLD, C_NAME, C_REGION, C_HUKOU, C_AGE, C_BIRTH, C_IDNUM,
	C_INCOME, C_EXCLUDED, C_STATUS, C_DISABILITY, C_SUPPORTER,
	C_EMPYEARS, C_EMERGENCY, C_MEDICAL, C_RIGID, C_ASSETS, C_AREA, C_N
};

static const char *const cnames[C_N] = {
	"household", "name", "region", "hukou", "age", "birth_date",
	"id_number", "income", "income_excluded", "member_status",
	"disability", "supporter", "local_employment_years",
	"emergency_cost", "medical_cost", "rigid_cost", "assets",
	"housing_area_m2"
};

/* Household-level values: given on any row, all rows must agree. */
enum { H_REGION, H_HUKOU, H_ASSETS, H_AREA, H_PARAM0, H_N = H_PARAM0 +
	XF_EP_N };

struct cols {
	long	 c[C_N];
	long	 param[XF_EP_N];	/* override columns, -1 absent */
};

/* A saved input row: one block holding the arrays and the bytes. */
struct saved {
	struct xf_row	 row;
	char		*err;		/* this row's own problem, or NULL */
	char		*name;		/* the person's name and status, */
	char		*status;	/* trimmed copies */
};

/* The household being read. */
struct group {
	char		*id;
	size_t		 idlen;
	struct saved	*rows;
	size_t		 n;
	size_t		 cap;
	struct xf_elig_person *p;
	char		*err;		/* the household's problem, or NULL */
	unsigned long	 errline;
	/* household values, as given first, and where */
	char		*hval[H_N];	/* canonical */
	char		*hraw[H_N];	/* as written */
	size_t		 hlen[H_N];
	unsigned long	 hline[H_N];
};

/* Parameters looked up for the last region (one cache per hukou). */
struct param_cache {
	char		*region;
	struct xf_elig_pval par[XF_EP_N];
	char		 where[XF_EP_N][128];
};

struct run {
	const struct options *opt;
	struct param_cache cache[2];
	const struct xf_params *params;
	struct xf_csvout *out;
	struct xf_rejects *rej;
	struct xf_header *hdr;
	struct xf_fpset	*seen;
	struct group	 g;
	struct cols	 cols;
	const char	*name;		/* current input */
	unsigned long long records;
	unsigned long long households;
	unsigned long long undecided;
	unsigned long long regrouped;	/* households that came back */
	int		 status;
};

static const char usage_line[] =
    "usage: xf-eligible [-DEehV] [-a date] [-d delim] [-o file] "
    "[-P programmes] [-p file] [-r region] [file ...]";

static const struct option longopts[] = {
	{ "as-of",	required_argument,	NULL,	OPT_ASOF },
	{ "dump-params", no_argument,		NULL,	OPT_DUMP },
	{ "edge-inclusive", no_argument,	NULL,	OPT_EDGE },
	{ "explain",	no_argument,		NULL,	OPT_EXPLAIN },
	{ "help",	no_argument,		NULL,	'h' },
	{ "params",	required_argument,	NULL,	OPT_PARAMS },
	{ "programmes",	required_argument,	NULL,	OPT_PROGS },
	{ "region",	required_argument,	NULL,	OPT_REGION },
	{ "version",	no_argument,		NULL,	'V' },
	XF_CLI_LONGOPTS,
	{ NULL,		0,			NULL,	0 }
};

static void	help(void) __attribute__((noreturn));

static void
help(void)
{
	printf("%s\n\n", usage_line);
	fputs("Decide aid eligibility per household (低保, 低保边缘, 特困, "
	    "公租房, 临时救助,\n医疗救助) from one row per person, grouped by "
	    "household.\n\n"
	    "  -a, --as-of=DATE        parameters in force on DATE, ages on "
	    "DATE\n"
	    "                          (default: today, China time)\n"
	    "  -D, --dump-params       print the parameter table in use and "
	    "exit\n"
	    "  -E, --edge-inclusive    低保边缘: per-capita income at most "
	    "(not below)\n"
	    "                          multiplier x standard\n"
	    "  -e, --explain           add a trace column: every criterion, "
	    "value and source\n"
	    "  -P, --programmes=LIST   only these, comma-separated (default "
	    "all six)\n"
	    "  -p, --params=FILE       parameters from FILE replace the "
	    "built-in ones\n"
	    "  -r, --region=REGION     region of rows without one (default "
	    "延吉市)\n"
	    "  -h, --help              show this help and exit\n"
	    "  -V, --version           show the version and exit\n"
	    XF_CLI_HELP
	    "\nOutput: household,members,per_capita_income,program,eligible,"
	    "monthly_amount,\nlump_amount,reason[,trace].  A column named as a "
	    "parameter (dibao_urban, ...)\noverrides it for that household.\n"
	    "\nExample:\n"
	    "  xf-eligible --as-of 2025-06-30 --params yanji.csv members.csv\n"
	    "\nSee xf-eligible(1).\n", stdout);
	exit(xf_finish(XF_EXIT_OK));
}

/* Today in 中国标准时间 (UTC+8, no daylight saving since 1991). */
static void
today(struct xf_date *d)
{
	struct xf_date epoch = { 1970, 1, 1 };
	long long secs = (long long)time(NULL) + 8 * 3600;

	if (xf_date_from_days(xf_date_to_days(&epoch) +
	    (long)(secs / 86400), d) == -1)
		*d = epoch;
}

/* Parse -P: labels separated by commas. */
static int
parse_progs(struct options *opt, const char *arg)
{
	const char *s = arg, *e;
	int g;

	memset(opt->prog, 0, sizeof(opt->prog));
	for (;;) {
		e = strchr(s, ',');
		if (e == NULL)
			e = s + strlen(s);
		if ((g = xf_elig_prog_find(s, (size_t)(e - s))) == -1) {
			xf_warnx("--programmes: unknown programme '%.*s' "
			    "(expected 低保, 低保边缘, 特困, 公租房, 临时救助 "
			    "or 医疗救助)", (int)(e - s), s);
			return -1;
		}
		opt->prog[g] = 1;
		if (*e == '\0')
			return 0;
		s = e + 1;
	}
}

/* A copy of row in one allocation. */
static void
save_row(struct saved *sv, const struct xf_row *row)
{
	size_t i, bytes = 0;
	char *p;

	for (i = 0; i < row->nfield; i++)
		bytes += row->len[i] + 1;
	p = xf_malloc(row->nfield * (sizeof(char *) + sizeof(size_t)) +
	    bytes + 1);
	sv->row.field = (char **)(void *)p;
	sv->row.len = (size_t *)(void *)(p + row->nfield * sizeof(char *));
	p += row->nfield * (sizeof(char *) + sizeof(size_t));
	for (i = 0; i < row->nfield; i++) {
		sv->row.field[i] = p;
		sv->row.len[i] = row->len[i];
		memcpy(p, row->field[i], row->len[i]);
		p[row->len[i]] = '\0';
		p += row->len[i] + 1;
	}
	sv->row.nfield = row->nfield;
	sv->row.line = row->line;
	sv->row.raw = row->raw;
	sv->err = NULL;
	sv->name = NULL;
	sv->status = NULL;
}

static void
group_reset(struct group *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		free(g->rows[i].row.field);
		free(g->rows[i].err);
		free(g->rows[i].name);
		free(g->rows[i].status);
	}
	for (i = 0; i < H_N; i++) {
		free(g->hval[i]);
		free(g->hraw[i]);
		g->hval[i] = g->hraw[i] = NULL;
	}
	free(g->id);
	free(g->err);
	g->id = NULL;
	g->err = NULL;
	g->n = 0;
}

static void
group_free(struct group *g)
{
	group_reset(g);
	free(g->rows);
	free(g->p);
}

/* The trimmed field k of row, or "" with length 0 if the column is absent. */
static const char *
fld(const struct xf_row *row, long k, size_t *len)
{
	size_t st;

	if (k < 0 || (size_t)k >= row->nfield) {
		*len = 0;
		return "";
	}
	xf_utf8_trim(row->field[k], row->len[k], &st, len);
	return row->field[k] + st;
}

/* Set the household's problem (the first one wins). */
static void
group_fail(struct group *g, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
group_fail(struct group *g, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	char buf[1024];

	if (g->err != NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	g->err = xf_strdup(buf);
	g->errline = line;
}

/* Mark the row's own problem and the household's. */
static void
row_fail(struct group *g, struct saved *sv, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
row_fail(struct group *g, struct saved *sv, const char *fmt, ...)
{
	va_list ap;
	char buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (sv->err == NULL)
		sv->err = xf_strdup(buf);
	group_fail(g, sv->row.line, "%s", buf);
}

/*
 * A household-level value on a row, in canonical form v (money as
 * "6000.00", hukou as 城镇 or 农村) and as written (raw): the first one
 * is kept; a different one later is a conflict that rejects the
 * household.
 */
static void
hvalue(struct group *g, struct saved *sv, int k, const char *name,
    const char *v, size_t len, const char *raw, size_t rawlen)
{
	if (len == 0)
		return;
	if (g->hval[k] == NULL) {
		g->hval[k] = xf_memdup(v, len);
		g->hlen[k] = len;
		g->hline[k] = sv->row.line;
		g->hraw[k] = xf_memdup(raw, rawlen);
		return;
	}
	if (g->hlen[k] != len || memcmp(g->hval[k], v, len) != 0)
		row_fail(g, sv, "conflicting %s in household: '%.*s' here, "
		    "'%s' on line %lu", name, (int)rawlen, raw, g->hraw[k],
		    g->hline[k]);
}

/* d in a canonical form (no trailing zeros: "15.0" and "15" agree). */
static size_t
dec_canon(const struct xf_dec *d, char *buf, size_t size)
{
	uint64_t m, p = 1;
	int i, sc = d->scale;
	int64_t num = d->num;
	size_t n;

	while (sc > 0 && num % 10 == 0) {
		num /= 10;
		sc--;
	}
	for (i = 0; i < sc; i++)
		p *= 10;
	m = num < 0 ? (uint64_t)0 - (uint64_t)num : (uint64_t)num;
	if (sc == 0)
		snprintf(buf, size, "%s%llu", num < 0 ? "-" : "",
		    (unsigned long long)m);
	else
		snprintf(buf, size, "%s%llu.%0*llu", num < 0 ? "-" : "",
		    (unsigned long long)(m / p), sc,
		    (unsigned long long)(m % p));
	n = strlen(buf);
	return n;
}

/* Whole years from birth b to date on. */
static int
age_on(const struct xf_date *b, const struct xf_date *on)
{
	int a = on->year - b->year;

	if (on->month < b->month || (on->month == b->month &&
	    on->day < b->day))
		a--;
	return a;
}

/* Money column k of row: empty is 0; negative is an error. */
static int
money(struct group *g, struct saved *sv, long k, const char *name,
    int64_t *fen)
{
	const char *v, *why;
	size_t len;

	*fen = 0;
	v = fld(&sv->row, k, &len);
	if (len == 0)
		return 0;
	if (xf_money_parse(v, len, fen, &why) == -1) {
		row_fail(g, sv, "bad %s: %s '%.*s'", name, why, (int)len, v);
		return -1;
	}
	if (*fen < 0) {
		row_fail(g, sv, "bad %s: negative '%.*s'", name, (int)len, v);
		return -1;
	}
	return 0;
}

/* Read one person from the saved row into p. */
static void
read_person(struct run *r, struct saved *sv, struct xf_elig_person *p)
{
	const struct cols *c = &r->cols;
	struct group *g = &r->g;
	const struct xf_row *row = &sv->row;
	struct xf_date d;
	struct xf_id_info info;
	char id18[XF_ID_KEYSZ], canon[64];
	const char *v, *why;
	size_t len;
	long long n;
	int64_t fen;
	int i, rural;

	memset(p, 0, sizeof(*p));
	v = fld(row, c->c[C_NAME], &len);
	sv->name = len > 0 ? xf_memdup(v, len) : xf_strdup("（无名）");
	p->name = sv->name;
	/* member_status */
	v = fld(row, c->c[C_STATUS], &len);
	if (xf_elig_parse_status(v, len, &p->counted, &why) == -1)
		row_fail(g, sv, "%s: '%.*s'", why, (int)len, v);
	sv->status = xf_memdup(v, len);
	p->status = sv->status;
	/* age, else birth_date, else id_number */
	p->age = -1;
	v = fld(row, c->c[C_AGE], &len);
	if (len > 0) {
		n = 0;
		for (i = 0; (size_t)i < len; i++) {
			if (v[i] < '0' || v[i] > '9' || n > 200) {
				n = -1;
				break;
			}
			n = n * 10 + (v[i] - '0');
		}
		if (n < 0 || n > 150)
			row_fail(g, sv, "bad age: not a whole number of "
			    "years from 0 to 150 '%.*s'", (int)len, v);
		else
			p->age = (int)n;
	} else if ((v = fld(row, c->c[C_BIRTH], &len)), len > 0) {
		if (xf_date_parse(v, len, &d, NULL, &why) == -1)
			row_fail(g, sv, "bad birth_date: %s '%.*s'", why,
			    (int)len, v);
		else if ((p->age = age_on(&d, &r->opt->asof)) < 0)
			row_fail(g, sv, "birth_date after the --as-of date "
			    "'%.*s'", (int)len, v);
	} else if ((v = fld(row, c->c[C_IDNUM], &len)), len > 0) {
		/* A wrong check character still gives the birth date. */
		if (xf_id_check(v, len, id18) > XF_ID_BADCHECK ||
		    xf_id_info(id18, &info) == -1)
			row_fail(g, sv, "bad id_number: %s '%.*s'",
			    xf_id_strerror(xf_id_check(v, len, NULL)),
			    (int)len, v);
		else {
			d.year = info.year;
			d.month = info.month;
			d.day = info.day;
			if ((p->age = age_on(&d, &r->opt->asof)) < 0)
				row_fail(g, sv, "id_number born after the "
				    "--as-of date '%.*s'", (int)len, v);
		}
	}
	if (money(g, sv, c->c[C_INCOME], "income", &p->income) == -1 ||
	    money(g, sv, c->c[C_EXCLUDED], "income_excluded",
	    &p->excluded) == -1 ||
	    money(g, sv, c->c[C_EMERGENCY], "emergency_cost",
	    &p->emergency) == -1 ||
	    money(g, sv, c->c[C_MEDICAL], "medical_cost", &p->medical) == -1 ||
	    money(g, sv, c->c[C_RIGID], "rigid_cost", &p->rigid) == -1)
		return;
	v = fld(row, c->c[C_DISABILITY], &len);
	if (xf_elig_parse_disability(v, len, &p->dis_kind, &p->dis_grade,
	    &why) == -1)
		row_fail(g, sv, "%s: '%.*s'", why, (int)len, v);
	v = fld(row, c->c[C_SUPPORTER], &len);
	if (xf_elig_parse_supporter(v, len, &p->supporter, &why) == -1)
		row_fail(g, sv, "%s: '%.*s'", why, (int)len, v);
	v = fld(row, c->c[C_EMPYEARS], &len);
	if (len > 0) {
		if (xf_dec_parse(v, len, &p->emp_years, &why) == -1 ||
		    p->emp_years.num < 0)
			row_fail(g, sv, "bad local_employment_years: %s '%.*s'",
			    p->emp_years.num < 0 ? "negative" : why, (int)len,
			    v);
		else
			p->has_emp = 1;
	}
	/* Household-level values, compared in canonical form. */
	v = fld(row, c->c[C_REGION], &len);
	hvalue(g, sv, H_REGION, "region", v, len, v, len);
	v = fld(row, c->c[C_HUKOU], &len);
	if (len > 0) {
		if (xf_elig_parse_hukou(v, len, &rural, &why) == -1)
			row_fail(g, sv, "%s: '%.*s'", why, (int)len, v);
		else
			hvalue(g, sv, H_HUKOU, "hukou", rural ? "农村" : "城镇",
			    strlen(rural ? "农村" : "城镇"), v, len);
	}
	v = fld(row, c->c[C_ASSETS], &len);
	if (len > 0) {
		if (xf_money_parse(v, len, &fen, &why) == -1 || fen < 0)
			row_fail(g, sv, "bad assets: %s '%.*s'", fen < 0 ?
			    "negative" : why, (int)len, v);
		else
			hvalue(g, sv, H_ASSETS, "assets", canon,
			    strlen(xf_money_format(fen, canon,
			    sizeof(canon))), v, len);
	}
	for (i = 0; i < XF_EP_N; i++) {
		struct xf_dec dv;
		int k = i;

		if (c->param[k] == -1)
			continue;
		v = fld(row, c->param[k], &len);
		if (len == 0)
			continue;
		if (xf_dec_parse(v, len, &dv, &why) == -1) {
			row_fail(g, sv, "bad %s: %s '%.*s'",
			    xf_elig_param_name(k), why, (int)len, v);
			continue;
		}
		hvalue(g, sv, H_PARAM0 + k, xf_elig_param_name(k), canon,
		    dec_canon(&dv, canon, sizeof(canon)), v, len);
	}
	v = fld(row, c->c[C_AREA], &len);
	if (len > 0) {
		struct xf_dec dv;

		if (xf_dec_parse(v, len, &dv, &why) == -1 || dv.num < 0)
			row_fail(g, sv, "bad housing_area_m2: %s '%.*s'",
			    dv.num < 0 ? "negative" : why, (int)len, v);
		else
			hvalue(g, sv, H_AREA, "housing_area_m2", canon,
			    dec_canon(&dv, canon, sizeof(canon)), v, len);
	}
}

/*
 * Resolve parameter k for the household into h->par[k]: a column of the
 * household overrides the table.  Table lookups are cached per region
 * and hukou, since the date is the same for the whole run.
 */
static void
resolve(struct run *r, struct xf_elig_household *h, int k,
    const char *region, char where[][128], int cached)
{
	struct xf_elig_pval *pv = &h->par[k];
	struct param_cache *pc = &r->cache[h->rural];
	const struct xf_param *row;
	struct xf_date on = r->opt->asof;
	const char *name;
	char db[XF_DATE_STRLEN];
	struct group *g = &r->g;
	int ov;

	if (k == XF_EP_DIBAO_PREV) {
		name = h->rural ? "dibao_rural" : "dibao_urban";
		ov = H_PARAM0 + (h->rural ? XF_EP_DIBAO_RURAL :
		    XF_EP_DIBAO_URBAN);
	} else {
		name = xf_elig_param_name(k);
		ov = H_PARAM0 + k;
	}
	if (cached && g->hval[ov] != NULL) {
		memset(pv, 0, sizeof(*pv));
		xf_dec_parse(g->hval[ov], g->hlen[ov], &pv->dec, NULL);
		pv->known = 1;
		snprintf(where[k], sizeof(where[k]), "输入列 %s，第 %lu 行",
		    name, g->hline[ov]);
		pv->where = where[k];
		pv->source = "输入数据";
		return;
	}
	if (cached) {
		*pv = pc->par[k];
		return;
	}
	memset(pv, 0, sizeof(*pv));
	if (k == XF_EP_DIBAO_PREV && xf_date_add_months(&on, -12, &on) == -1)
		return;
	if ((row = xf_params_get(r->params, name, region, &on)) == NULL)
		return;
	pv->placeholder = row->placeholder;
	pv->source = row->source;
	snprintf(pc->where[k], sizeof(pc->where[k]), "%s %s起", row->region,
	    xf_date_format(&row->from, db));
	pv->where = pc->where[k];
	if (row->has_value) {
		pv->known = 1;
		pv->dec = row->dec;
	}
}

/* Resolve all parameters; refill the cache when the region changes. */
static void
resolve_all(struct run *r, struct xf_elig_household *h, const char *region,
    char where[][128])
{
	struct param_cache *pc = &r->cache[h->rural];
	int k;

	if (pc->region == NULL || strcmp(pc->region, region) != 0) {
		for (k = 0; k < XF_EP_N; k++) {
			resolve(r, h, k, region, where, 0);
			pc->par[k] = h->par[k];
		}
		free(pc->region);
		pc->region = xf_strdup(region);
	}
	for (k = 0; k < XF_EP_N; k++)
		resolve(r, h, k, region, where, 1);
}

static void
write_result(struct run *r, const struct xf_elig_household *h, int gi,
    size_t members, const char *pc, const struct xf_elig_result *res)
{
	char buf[XF_MONEY_BUFSZ], num[32];
	struct xf_csvout *o = r->out;

	xf_csvout_str(o, h->id);
	snprintf(num, sizeof(num), "%zu", members);
	xf_csvout_str(o, num);
	xf_csvout_str(o, pc);
	xf_csvout_str(o, xf_elig_prog_name(gi));
	xf_csvout_str(o, !res->decided ? "" : res->eligible ? "1" : "0");
	xf_csvout_str(o, res->has_monthly ? xf_money_format(res->monthly,
	    buf, sizeof(buf)) : "");
	xf_csvout_str(o, res->has_lump ? xf_money_format(res->lump, buf,
	    sizeof(buf)) : "");
	if (res->placeholder) {
		char *s;
		size_t n = strlen(res->reason) + 64;

		s = xf_malloc(n);
		snprintf(s, n, "%s；用了占位参数，非官方标准", res->reason);
		xf_csvout_str(o, s);
		free(s);
	} else
		xf_csvout_str(o, res->reason);
	if (r->opt->explain)
		xf_csvout_str(o, res->trace);
	xf_csvout_end(o);
}

/* Decide the household read so far, or reject its rows. */
static void
finish_group(struct run *r)
{
	struct group *g = &r->g;
	struct xf_elig_household h;
	struct xf_elig_memo memo;
	struct xf_elig_result res;
	struct xf_amount pc;
	char where[XF_EP_N][128], region[256], pcbuf[XF_MONEY_BUFSZ];
	const char *pcs = "";
	size_t i, members;
	int64_t income, f;
	int gi;

	if (g->id == NULL)
		return;
	if (g->n > MAXROWS)
		group_fail(g, g->rows[MAXROWS].row.line, "household has more "
		    "than %d rows", MAXROWS);
	if (g->err == NULL && g->hval[H_HUKOU] == NULL)
		group_fail(g, g->rows[0].row.line, "no hukou (城镇 or 农村) on "
		    "any row of household '%s'", g->id);
	if (g->err != NULL) {
		for (i = 0; i < g->n; i++) {
			if (g->rows[i].err != NULL)
				xf_reject(r->rej, r->name, &g->rows[i].row,
				    "%s", g->rows[i].err);
			else
				xf_reject(r->rej, r->name, &g->rows[i].row,
				    "household '%s' rejected: line %lu: %s",
				    g->id, g->errline, g->err);
		}
		r->status = XF_WORST(r->status, XF_EXIT_DATA);
		group_reset(g);
		return;
	}
	memset(&h, 0, sizeof(h));
	h.id = g->id;
	h.p = g->p;
	h.n = g->n;
	h.rural = strcmp(g->hval[H_HUKOU], "农村") == 0;
	h.edge_inclusive = r->opt->edge_inclusive;
	h.no_trace = !r->opt->explain;
	if (g->hval[H_ASSETS] != NULL) {
		h.has_assets = 1;
		xf_money_parse(g->hval[H_ASSETS], g->hlen[H_ASSETS],
		    &h.assets, NULL);
	}
	if (g->hval[H_AREA] != NULL) {
		h.has_area = 1;
		xf_dec_parse(g->hval[H_AREA], g->hlen[H_AREA], &h.area, NULL);
	}
	if (g->hval[H_REGION] != NULL)
		snprintf(region, sizeof(region), "%s", g->hval[H_REGION]);
	else
		snprintf(region, sizeof(region), "%s", r->opt->region != NULL ?
		    r->opt->region : XF_PARAMS_REGION);
	resolve_all(r, &h, region, where);
	members = xf_elig_counted(&h, &income);
	if (members > 0) {
		xf_amount_from_fen(&pc, income);
		if (xf_amount_div_int(&pc, &pc, (int64_t)members) == 0 &&
		    xf_amount_round(&pc, &f) == 0)
			pcs = xf_money_format(f, pcbuf, sizeof(pcbuf));
	}
	/* 低保边缘 and 医疗救助 rest on 低保 and 特困: work them out once. */
	memset(&memo, 0, sizeof(memo));
	h.memo = &memo;
	for (gi = 0; gi < XF_ELIG_NPROG; gi++) {
		if (!r->opt->prog[gi])
			continue;
		xf_elig_decide(&h, gi, &res);
		if (!res.decided)
			r->undecided++;
		write_result(r, &h, gi, members, pcs, &res);
		xf_elig_clear(&res);
	}
	xf_elig_memo_clear(&memo);
	r->households++;
	group_reset(g);
}

/* Take one good row into the current household. */
static void
take_row(struct run *r, const struct xf_row *row)
{
	struct group *g = &r->g;
	struct saved *sv;
	const char *id;
	size_t len;

	id = fld(row, r->cols.c[C_HOUSEHOLD], &len);
	if (g->id == NULL || g->idlen != len || memcmp(g->id, id, len) != 0) {
		finish_group(r);
		g->id = xf_memdup(id, len);
		g->idlen = len;
		if (xf_fpset_add(r->seen, id, len) == 1) {
			r->regrouped++;
			group_fail(g, row->line, "household '%.*s' appears "
			    "again after other households: the input must be "
			    "grouped by household (sort it by that column)",
			    (int)len, id);
		}
	}
	if (g->n == g->cap) {
		g->cap = g->cap == 0 ? 8 : g->cap * 2;
		g->rows = xf_reallocarray(g->rows, g->cap, sizeof(*g->rows));
		g->p = xf_reallocarray(g->p, g->cap, sizeof(*g->p));
	}
	sv = &g->rows[g->n++];
	save_row(sv, row);
	read_person(r, sv, &g->p[g->n - 1]);
}

static void
find_columns(struct run *r, const struct xf_row *hdr)
{
	const struct xf_colmap *map = &r->opt->cli.cols;
	int i;

	for (i = 0; i < C_N; i++)
		r->cols.c[i] = xf_col_find(hdr, cnames[i], map);
	for (i = 0; i < XF_EP_N; i++)
		r->cols.param[i] = xf_elig_param_name(i) == NULL ? -1 :
		    xf_col_find(hdr, xf_elig_param_name(i), map);
}

static void
write_header(struct run *r)
{
	static const char *const onames[] = {
		"household", "members", "per_capita_income", "program",
		"eligible", "monthly_amount", "lump_amount", "reason"
	};
	size_t i;

	if (r->opt->cli.bom)
		xf_csvout_bom(r->out);
	for (i = 0; i < sizeof(onames) / sizeof(onames[0]); i++)
		xf_csvout_str(r->out, onames[i]);
	if (r->opt->explain)
		xf_csvout_str(r->out, "trace");
	xf_csvout_end(r->out);
}

/* Read one input.  Returns the exit status it deserves. */
static int
eligible(struct run *r, const char *path)
{
	const struct options *opt = r->opt;
	struct xf_csvin *in;
	struct xf_row row;
	const char *v;
	size_t len;
	int rc, status = XF_EXIT_OK;

	if ((in = xf_csvin_open(path, &opt->cli.csv)) == NULL)
		return XF_EXIT_FAIL;
	r->name = xf_csvin_name(in);
	r->status = XF_EXIT_OK;
	rc = xf_csvin_next(in, &row);
	if (rc == XF_CSV_EOF)
		goto done;
	if (rc == XF_CSV_IOERR) {
		status = XF_EXIT_FAIL;
		goto done;
	}
	if (rc == XF_CSV_BAD) {
		xf_warnat(r->name, row.line, "bad header: %s",
		    xf_csvin_error(in));
		status = XF_EXIT_FAIL;
		goto done;
	}
	if (xf_col_need(&row, "household", &opt->cli.cols, r->name) == -1 ||
	    xf_col_need(&row, "hukou", &opt->cli.cols, r->name) == -1 ||
	    xf_col_need(&row, "income", &opt->cli.cols, r->name) == -1) {
		status = XF_EXIT_FAIL;
		goto done;
	}
	if (r->hdr == NULL) {
		r->hdr = xf_header_save(&row);
		xf_rejects_header(r->rej, &row);
		write_header(r);
	} else if (!xf_header_same(r->hdr, &row)) {
		xf_warnat(r->name, row.line, "header differs from the first "
		    "input's: not read");
		status = XF_EXIT_FAIL;
		goto done;
	}
	find_columns(r, &row);
	while ((rc = xf_csvin_next(in, &row)) != XF_CSV_EOF) {
		if (rc == XF_CSV_IOERR) {
			status = XF_EXIT_FAIL;
			break;
		}
		r->records++;
		xf_progress(r->records, xf_csvin_bytes(in));
		if (rc == XF_CSV_BAD) {
			/* Its household cannot be complete: reject it too. */
			xf_reject(r->rej, r->name, &row, "%s",
			    xf_csvin_error(in));
			status = XF_WORST(status, XF_EXIT_DATA);
			if (r->g.id != NULL && !row.raw &&
			    r->cols.c[C_HOUSEHOLD] < (long)row.nfield) {
				v = fld(&row, r->cols.c[C_HOUSEHOLD], &len);
				if (r->g.idlen == len &&
				    memcmp(r->g.id, v, len) == 0)
					group_fail(&r->g, row.line, "a row of "
					    "the household is malformed");
			}
			continue;
		}
		v = fld(&row, r->cols.c[C_HOUSEHOLD], &len);
		if (len == 0) {
			xf_reject(r->rej, r->name, &row, "empty household");
			status = XF_WORST(status, XF_EXIT_DATA);
			continue;
		}
		take_row(r, &row);
	}
	finish_group(r);
	status = XF_WORST(status, r->status);
done:
	group_reset(&r->g);
	xf_rejects_input_done(r->rej, r->name);
	if (xf_csvin_close(in) == -1)
		status = XF_EXIT_FAIL;
	return status;
}

/* --dump-params: the table to standard output or -o FILE. */
static int
dump(const struct options *opt, const struct xf_params *p)
{
	return xf_params_dump_to(p, opt->cli.output, NULL) == 0 ?
	    XF_EXIT_OK : XF_EXIT_FAIL;
}

int
main(int argc, char *argv[])
{
	struct options opt;
	struct run r;
	struct xf_params *params;
	struct xf_output *outfile;
	const char *why;
	int ch, rc, g, hasasof = 0, status = XF_EXIT_OK;

	argv[0] = xf_setprogname(argv[0]);
	memset(&opt, 0, sizeof(opt));
	memset(&r, 0, sizeof(r));
	xf_cli_init(&opt.cli);
	for (g = 0; g < XF_ELIG_NPROG; g++)
		opt.prog[g] = 1;

	while ((ch = getopt_long(argc, argv, "a:DEehP:p:r:V" XF_CLI_SHORT,
	    longopts, NULL)) != -1) {
		if ((rc = xf_cli_option(&opt.cli, ch, optarg)) == 1)
			continue;
		if (rc == -1)
			xf_usage(usage_line);
		switch (ch) {
		case OPT_ASOF:
			if (xf_date_parse(optarg, strlen(optarg), &opt.asof,
			    NULL, &why) == -1) {
				xf_warnx("--as-of: %s '%s'", why, optarg);
				xf_usage(usage_line);
			}
			hasasof = 1;
			break;
		case OPT_DUMP:
			opt.dump = 1;
			break;
		case OPT_EDGE:
			opt.edge_inclusive = 1;
			break;
		case OPT_EXPLAIN:
			opt.explain = 1;
			break;
		case 'h':
			help();
			/* NOTREACHED */
		case OPT_PROGS:
			if (parse_progs(&opt, optarg) == -1)
				xf_usage(usage_line);
			break;
		case OPT_PARAMS:
			opt.params = optarg;
			break;
		case OPT_REGION:
			if (*optarg == '\0') {
				xf_warnx("--region: empty");
				xf_usage(usage_line);
			}
			opt.region = optarg;
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
	if (!hasasof)
		today(&opt.asof);

	params = xf_params_new();
	if (xf_params_defaults(params) == -1 ||
	    (opt.params != NULL && xf_params_load(params, opt.params) == -1)) {
		xf_params_free(params);
		return xf_finish(XF_EXIT_FAIL);
	}
	if (opt.dump) {
		status = dump(&opt, params);
		xf_params_free(params);
		return xf_finish(status);
	}

	r.opt = &opt;
	r.params = params;
	r.seen = xf_fpset_new();
	if ((r.rej = xf_rejects_open(opt.cli.rejects)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	if ((outfile = xf_output_open(opt.cli.output)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	r.out = xf_csvout_new(xf_output_fp(outfile), opt.cli.outdelim,
	    opt.cli.crlf);

	if (argc == 0)
		status = eligible(&r, "-");
	for (; *argv != NULL; argv++) {
		rc = eligible(&r, *argv);
		status = XF_WORST(status, rc);
	}

	xf_progress_done();
	if (r.regrouped > 0)
		xf_warnx("%llu household%s came back after other households: "
		    "the input is not grouped by household, and the rows "
		    "written for %s first run%s rest on part of %s members; "
		    "sort the input by household and run again", r.regrouped,
		    r.regrouped == 1 ? "" : "s", r.regrouped == 1 ? "its" :
		    "their", r.regrouped == 1 ? "" : "s", r.regrouped == 1 ?
		    "its" : "their");
	if (r.undecided > 0)
		xf_warnx("%llu decision%s left undecided: a parameter has no "
		    "value (see the reason column; supply it with --params)",
		    r.undecided, r.undecided == 1 ? "" : "s");
	if (xf_output_finish(outfile, r.out) == -1)
		status = XF_EXIT_FAIL;
	if (xf_rejects_close(r.rej) == -1)
		status = XF_EXIT_FAIL;
	group_free(&r.g);
	free(r.cache[0].region);
	free(r.cache[1].region);
	xf_fpset_free(r.seen);
	xf_params_free(params);
	xf_header_free(r.hdr);
	return xf_finish(status);
}
