/* SPDX-License-Identifier: ISC */

/*
 * xf-pricelink: price-linked temporary subsidies (价格临时补贴) from a
 * monthly CPI series.  Reads one row per index month (month, cpi_yoy,
 * food_cpi_yoy), looks up the dated triggers, the groups covered and the
 * 低保 standards in force in the month the subsidy is paid, and writes
 * one row per month and group with the subsidy per person; with
 * --counts, the payout per group and the totals.  The rules are in
 * lib/pricelink.c (DOMAIN.md section F), the parameters in
 * lib/data/params.csv.  A column named as a parameter overrides it for
 * its row.  A bad row goes to the rejects; nothing is dropped.
 */

#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "columns.h"
#include "csvin.h"
#include "csvout.h"
#include "date.h"
#include "input.h"
#include "output.h"
#include "params.h"
#include "pricelink.h"
#include "rejects.h"
#include "sb.h"
#include "utf8.h"
#include "xf.h"

/* Months 1900-01 to 2199-12, as xf_pl_parse_month() reads them. */
#define YEAR0		1900
#define NMONTHS		(300 * 12)

/* The most persons one count may give. */
#define COUNTMAX	INT64_C(1000000000)

enum {
	OPT_ASOF = 'a',
	OPT_COUNTS = 'c',
	OPT_DUMP = 'D',
	OPT_EXPLAIN = 'e',
	OPT_LAG = 'l',
	OPT_MIN = 'm',
	OPT_PARAMS = 'p',
	OPT_ROUND = 'R',
	OPT_REGION = 'r',
	OPT_NOTOTALS = 'T'
};

struct options {
	struct xf_cli	 cli;
	const char	*params;	/* -p */
	const char	*counts;	/* -c */
	const char	*region;	/* -r: NULL for 延吉市 */
	struct xf_date	 asof;		/* -a, when hasasof */
	int		 hasasof;
	long		 lag;		/* -l: months from index to payment */
	struct xf_pl_rounding rnd;	/* -R, -m */
	int		 dump;		/* -D */
	int		 explain;	/* -e */
	int		 nototals;	/* -T */
};

/* Input columns. */
enum { C_MONTH, C_CPI, C_FOOD, C_N };

static const char *const cnames[C_N] = { "month", "cpi_yoy", "food_cpi_yoy" };

/* One count from --counts: for one month, or every month (month 0). */
struct count {
	int		 group;
	int		 month;		/* index into seen[] + 1, or 0 */
	int64_t		 n;
};

/* A resolved parameter. */
struct pval {
	int		 known;
	struct xf_dec	 dec;
	int64_t		 fen;		/* dibao_*: the value in fen */
	const char	*source;
	int		 placeholder;
	char		 where[160];	/* "全国 2022-09-01起" or "输入列 X" */
};

struct run {
	const struct options *opt;
	const struct xf_params *params;
	struct xf_csvout *out;
	struct xf_rejects *rej;
	struct xf_header *hdr;
	long		 col[C_N];
	long		 pcol[XF_PP_N];	/* override columns, -1 absent */
	const char	*name;		/* current input, as named */
	const char	*path;		/* and as given (kept for messages) */
	struct {
		const char	*path;
		unsigned long	 line;
	}		 seen[NMONTHS];
	struct count	*counts;
	size_t		 ncounts;
	int64_t		 total_n;	/* grand totals */
	int64_t		 total_fen;
	int		 total_bad;	/* a total overflowed */
	unsigned long long nocount;	/* rows without a count */
	unsigned long long records;
	int		 placeholder[XF_PP_N]; /* used by an output row */
};

static const char usage_line[] =
    "usage: xf-pricelink [-DehTV] [-a date] [-c file] [-d delim] "
    "[-l months] [-m yuan] [-o file] [-p file] [-R unit] [-r region] "
    "[file ...]";

static const struct option longopts[] = {
	{ "as-of",	required_argument,	NULL,	OPT_ASOF },
	{ "counts",	required_argument,	NULL,	OPT_COUNTS },
	{ "dump-params", no_argument,		NULL,	OPT_DUMP },
	{ "explain",	no_argument,		NULL,	OPT_EXPLAIN },
	{ "help",	no_argument,		NULL,	'h' },
	{ "lag",	required_argument,	NULL,	OPT_LAG },
	{ "min",	required_argument,	NULL,	OPT_MIN },
	{ "no-totals",	no_argument,		NULL,	OPT_NOTOTALS },
	{ "params",	required_argument,	NULL,	OPT_PARAMS },
	{ "round",	required_argument,	NULL,	OPT_ROUND },
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
	fputs("Price-linked temporary subsidies (价格临时补贴) per month and "
	    "group from a monthly\nCPI series: columns month (YYYY-MM, the "
	    "index month), cpi_yoy, food_cpi_yoy\n(percent).\n\n"
	    "  -a, --as-of=DATE        parameters in force on DATE for every "
	    "month (default:\n"
	    "                          the 1st of the month the subsidy is "
	    "paid)\n"
	    "  -c, --counts=FILE       persons per group (group,count[,month]):"
	    " add count and\n"
	    "                          payout columns and total rows\n"
	    "  -D, --dump-params       print the parameters this tool uses "
	    "and exit\n"
	    "  -e, --explain           add a trace column: tests, parameters, "
	    "sources, sums\n"
	    "  -l, --lag=MONTHS        the subsidy for index month M is paid "
	    "in M+MONTHS\n"
	    "                          (default 1; 0 if month names the "
	    "payment month)\n"
	    "  -m, --min=YUAN          pay at least YUAN per person in a "
	    "triggered month\n"
	    "  -p, --params=FILE       parameters from FILE replace the "
	    "built-in ones\n"
	    "  -R, --round=UNIT        fen (default) or yuan: the one rounding,"
	    " half up\n"
	    "  -r, --region=REGION     region whose parameters apply (default "
	    "延吉市)\n"
	    "  -T, --no-totals         with --counts, leave out the 合计 rows\n"
	    "  -h, --help              show this help and exit\n"
	    "  -V, --version           show the version and exit\n"
	    XF_CLI_HELP
	    "\nOutput: month,triggered,trigger,rate,group,subsidy_per_person"
	    "[,count,payout]\n[,trace].  A column named as a parameter "
	    "(pricelink_cpi_trigger, dibao_urban,\n...) overrides it for that "
	    "month.\n"
	    "\nExample:\n"
	    "  xf-pricelink --params yanji.csv --counts counts.csv cpi.csv\n"
	    "\nSee xf-pricelink(1).\n", stdout);
	exit(xf_finish(XF_EXIT_OK));
}

/* The trimmed field k of row, or "" with length 0 if absent. */
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

/* d without trailing zeros ("3.60" -> "3.6", "6.0" -> "6") into buf. */
static char *
dec_str(const struct xf_dec *d, char *buf, size_t size)
{
	uint64_t m, p = 1;
	int i, sc = d->scale;
	int64_t num = d->num;

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
	return buf;
}

static int
is_dibao(int k)
{
	return k == XF_PP_DIBAO_URBAN || k == XF_PP_DIBAO_RURAL;
}

/*
 * Resolve parameter k for a row into *pv: a non-empty override column
 * wins over the table.  Returns 0 (pv->known says whether there is a
 * value), or -1 with the problem in err.
 */
static int
resolve(struct run *r, const struct xf_row *row, int k,
    const struct xf_date *on, struct pval *pv, char *err, size_t errsz)
{
	const char *name = xf_pl_param_name(k), *v, *why;
	const struct xf_param *p;
	char db[XF_DATE_STRLEN];
	size_t len;

	memset(pv, 0, sizeof(*pv));
	v = fld(row, r->pcol[k], &len);
	if (len > 0) {
		if (is_dibao(k)) {
			if (xf_money_parse(v, len, &pv->fen, &why) == -1 ||
			    pv->fen < 0) {
				snprintf(err, errsz, "bad %s: %s '%.*s'", name,
				    pv->fen < 0 ? "negative" : why, (int)len,
				    v);
				return -1;
			}
			pv->dec.num = pv->fen;
			pv->dec.scale = 2;
		} else if (xf_dec_parse(v, len, &pv->dec, &why) == -1) {
			snprintf(err, errsz, "bad %s: %s '%.*s'", name, why,
			    (int)len, v);
			return -1;
		}
		pv->known = 1;
		pv->source = "输入数据";
		snprintf(pv->where, sizeof(pv->where), "输入列 %s，第 %lu 行",
		    name, row->line);
	} else {
		if ((p = xf_params_get(r->params, name, r->opt->region,
		    on)) == NULL)
			return 0;
		pv->source = p->source;
		pv->placeholder = p->placeholder;
		snprintf(pv->where, sizeof(pv->where), "%s %s起", p->region,
		    xf_date_format(&p->from, db));
		if (!p->has_value)
			return 0;
		pv->dec = p->dec;
		if (is_dibao(k)) {
			if (xf_params_fen(p, &pv->fen, &why) == -1 ||
			    pv->fen < 0) {
				snprintf(err, errsz, "bad %s in %s:%lu: "
				    "%s '%s'", name, p->file, p->line,
				    pv->fen < 0 ? "negative" : why, p->value);
				return -1;
			}
		}
		pv->known = 1;
	}
	if (k >= XF_PP_COVER0 && !(pv->dec.num == 0 || (pv->dec.num ==
	    1 && pv->dec.scale == 0))) {
		snprintf(err, errsz, "bad %s: expected 1 (covered) or 0 (not) "
		    "'%s'", name, dec_str(&pv->dec, db, sizeof(db)));
		return -1;
	}
	if ((k == XF_PP_CPI_TRIGGER || k == XF_PP_FOOD_TRIGGER) &&
	    pv->dec.num <= 0) {
		char b[32];

		snprintf(err, errsz, "bad %s: not above zero '%s'", name,
		    dec_str(&pv->dec, b, sizeof(b)));
		return -1;
	}
	return 0;
}

/* The message for a parameter with no value in force. */
static void
missing(struct run *r, int k, const struct xf_date *on, char *err,
    size_t errsz)
{
	const char *chain[XF_PARAMS_CHAINMAX];
	char db[XF_DATE_STRLEN], regions[256];
	size_t i, n, used = 0;

	n = xf_params_chain(r->opt->region, chain);
	regions[0] = '\0';
	for (i = 0; i < n && used < sizeof(regions); i++)
		used += (size_t)snprintf(regions + used, sizeof(regions) -
		    used, "%s%s", i == 0 ? "" : i == 1 ? " (nor " : ", ",
		    chain[i]);
	snprintf(err, errsz, "no value for %s in force on %s for %s%s; "
	    "supply it with --params or a %s column", xf_pl_param_name(k),
	    xf_date_format(on, db), regions, n > 1 ? ")" : "",
	    xf_pl_param_name(k));
}

/* The count for group g in month mi (index into seen[]), or -1. */
static int64_t
count_of(const struct run *r, int g, int mi)
{
	size_t i;
	int64_t all = -1;

	for (i = 0; i < r->ncounts; i++) {
		if (r->counts[i].group != g)
			continue;
		if (r->counts[i].month == mi + 1)
			return r->counts[i].n;
		if (r->counts[i].month == 0)
			all = r->counts[i].n;
	}
	return all;
}

/* "（全国 2022-09-01起；SOURCE）" for a parameter in the trace. */
static void
sb_param(struct xf_sb *b, const struct pval *pv)
{
	xf_sb_printf(b, "（%s；%s%s）", pv->where, pv->placeholder ?
	    "占位值，非官方：" : "", pv->source);
}

static void
write_money(struct xf_csvout *o, int64_t fen)
{
	char buf[XF_MONEY_BUFSZ];

	xf_csvout_str(o, xf_money_format(fen, buf, sizeof(buf)));
}

/* Reject row for its bad or missing rise in column col. */
static void
bad_rise(struct run *r, const struct xf_row *row, const char *col,
    const char *why, const char *v, size_t len)
{
	if (len == 0)
		xf_reject(r->rej, r->name, row, "missing %s", col);
	else
		xf_reject(r->rej, r->name, row, "bad %s: %s '%.*s'", col, why,
		    (int)len, v);
}

/* One month's row: decide it and write its group rows, or reject it. */
static int
month_row(struct run *r, const struct xf_row *row)
{
	const struct options *opt = r->opt;
	struct pval pv[XF_PP_N];
	struct xf_dec cpi, food;
	struct xf_pl_decision d;
	struct xf_date on, idx;
	struct xf_sb tb = XF_SB_INIT;
	char err[1024], mbuf[16], rbuf[32], b1[32], b2[32], db[XF_DATE_STRLEN];
	const char *v, *why;
	size_t len, head = 0;
	int y, m, mi, k, g, ncov = 0, used[XF_PP_N];
	int64_t sub[XF_PL_NGROUP], cnt[XF_PL_NGROUP], pay[XF_PL_NGROUP];
	int64_t msum_n = 0, msum_fen = 0;
	int mbad = 0;

	memset(used, 0, sizeof(used));
	v = fld(row, r->col[C_MONTH], &len);
	if (xf_pl_parse_month(v, len, &y, &m, &why) == -1) {
		xf_reject(r->rej, r->name, row, "bad month: %s '%.*s'", why,
		    (int)len, v);
		return XF_EXIT_DATA;
	}
	snprintf(mbuf, sizeof(mbuf), "%04d-%02d", y, m);
	mi = (y - YEAR0) * 12 + m - 1;
	if (r->seen[mi].path != NULL) {
		xf_reject(r->rej, r->name, row, "month %s given twice (first "
		    "on %s:%lu)", mbuf, r->seen[mi].path, r->seen[mi].line);
		return XF_EXIT_DATA;
	}
	v = fld(row, r->col[C_CPI], &len);
	if (xf_pl_parse_percent(v, len, &cpi, &why) == -1) {
		bad_rise(r, row, "cpi_yoy", why, v, len);
		return XF_EXIT_DATA;
	}
	v = fld(row, r->col[C_FOOD], &len);
	if (xf_pl_parse_percent(v, len, &food, &why) == -1) {
		bad_rise(r, row, "food_cpi_yoy", why, v, len);
		return XF_EXIT_DATA;
	}
	/* Parameters in force on the 1st of the payment month. */
	idx.year = y;
	idx.month = m;
	idx.day = 1;
	if (opt->hasasof)
		on = opt->asof;
	else if (xf_date_add_months(&idx, opt->lag, &on) == -1)
		on = idx;
	for (k = 0; k < XF_PP_N; k++)
		if (resolve(r, row, k, &on, &pv[k], err, sizeof(err)) == -1) {
			xf_reject(r->rej, r->name, row, "%s", err);
			return XF_EXIT_DATA;
		}
	for (k = XF_PP_CPI_TRIGGER; k <= XF_PP_FOOD_TRIGGER; k++)
		if (!pv[k].known) {
			missing(r, k, &on, err, sizeof(err));
			xf_reject(r->rej, r->name, row, "%s", err);
			return XF_EXIT_DATA;
		}
	used[XF_PP_CPI_TRIGGER] = used[XF_PP_FOOD_TRIGGER] = 1;
	xf_pl_decide(&cpi, &food, &pv[XF_PP_CPI_TRIGGER].dec,
	    &pv[XF_PP_FOOD_TRIGGER].dec, &d);
	/* Amounts first: a problem rejects the month before any output. */
	for (g = 0; g < XF_PL_NGROUP; g++) {
		k = XF_PP_COVER0 + g;
		sub[g] = -1;
		if (!pv[k].known || pv[k].dec.num == 0)
			continue;
		used[k] = 1;
		ncov++;
		sub[g] = 0;
		if (d.index != XF_PL_NONE) {
			k = xf_pl_group_rural(g) ? XF_PP_DIBAO_RURAL :
			    XF_PP_DIBAO_URBAN;
			if (!pv[k].known) {
				missing(r, k, &on, err, sizeof(err));
				xf_reject(r->rej, r->name, row, "%s", err);
				return XF_EXIT_DATA;
			}
			used[k] = 1;
			if (xf_pl_subsidy(pv[k].fen, xf_pl_group_rural(g),
			    &d.rate, &opt->rnd, &sub[g], &why) == -1) {
				xf_reject(r->rej, r->name, row, "subsidy for "
				    "%s: %s", xf_pl_group_name(g), why);
				return XF_EXIT_DATA;
			}
		}
		cnt[g] = pay[g] = -1;
		if (r->counts != NULL &&
		    (cnt[g] = count_of(r, g, mi)) != -1 &&
		    xf_pl_payout(sub[g], cnt[g], &pay[g]) == -1) {
			xf_reject(r->rej, r->name, row, "payout for %s: too "
			    "large", xf_pl_group_name(g));
			return XF_EXIT_DATA;
		}
	}
	if (ncov == 0) {
		xf_reject(r->rej, r->name, row, "no group covered on %s (the "
		    "pricelink_cover_* parameters)", xf_date_format(&on, db));
		return XF_EXIT_DATA;
	}
	r->seen[mi].path = r->path;
	r->seen[mi].line = row->line;
	for (k = 0; k < XF_PP_N; k++)
		if (used[k] && pv[k].placeholder)
			r->placeholder[k] = 1;

	if (opt->explain) {
		xf_sb_printf(&tb, "指数月 %s，参数按 %s", mbuf,
		    xf_date_format(&on, db));
		if (!opt->hasasof)
			xf_sb_printf(&tb, "（发放月，指数月后 %ld 个月）", opt->lag);
		xf_sb_printf(&tb, "; CPI同比 %s%% %s 启动条件 %s%%",
		    dec_str(&cpi, b1, sizeof(b1)), d.cpi_met ? "≥" : "<",
		    dec_str(&pv[XF_PP_CPI_TRIGGER].dec, b2, sizeof(b2)));
		sb_param(&tb, &pv[XF_PP_CPI_TRIGGER]);
		xf_sb_printf(&tb, "; 食品CPI同比 %s%% %s 启动条件 %s%%",
		    dec_str(&food, b1, sizeof(b1)), d.food_met ? "≥" : "<",
		    dec_str(&pv[XF_PP_FOOD_TRIGGER].dec, b2, sizeof(b2)));
		sb_param(&tb, &pv[XF_PP_FOOD_TRIGGER]);
		if (d.index == XF_PL_NONE)
			xf_sb_printf(&tb, " → 未启动，当月不发（DOMAIN §F）");
		else if (d.cpi_met && d.food_met)
			xf_sb_printf(&tb, " → 两项都达到，按涨幅较高的%s %s%%（DOMAIN "
			    "§F）", xf_pl_index_name(d.index),
			    dec_str(&d.rate, b1, sizeof(b1)));
		else
			xf_sb_printf(&tb, " → 按%s %s%%", xf_pl_index_name(d.index),
			    dec_str(&d.rate, b1, sizeof(b1)));
		head = tb.len;
	}
	if (d.index != XF_PL_NONE)
		dec_str(&d.rate, rbuf, sizeof(rbuf));
	else
		rbuf[0] = '\0';
	for (g = 0; g < XF_PL_NGROUP; g++) {
		if (sub[g] == -1)
			continue;
		xf_csvout_str(r->out, mbuf);
		xf_csvout_str(r->out, d.index != XF_PL_NONE ? "1" : "0");
		xf_csvout_str(r->out, xf_pl_index_name(d.index));
		xf_csvout_str(r->out, rbuf);
		xf_csvout_str(r->out, xf_pl_group_name(g));
		write_money(r->out, sub[g]);
		if (r->counts != NULL) {
			if (cnt[g] == -1) {
				xf_csvout_str(r->out, "");
				xf_csvout_str(r->out, "");
				r->nocount++;
				mbad = 1;
			} else {
				snprintf(b1, sizeof(b1), "%lld",
				    (long long)cnt[g]);
				xf_csvout_str(r->out, b1);
				write_money(r->out, pay[g]);
				if (xf_pl_add(&msum_n, cnt[g]) == -1 ||
				    xf_pl_add(&msum_fen, pay[g]) == -1)
					r->total_bad = 1;
			}
		}
		if (opt->explain) {
			tb.len = head;
			tb.s[tb.len] = '\0';
			k = XF_PP_COVER0 + g;
			xf_sb_printf(&tb, "; %s纳入", xf_pl_group_name(g));
			sb_param(&tb, &pv[k]);
			if (d.index != XF_PL_NONE) {
				k = xf_pl_group_rural(g) ? XF_PP_DIBAO_RURAL :
				    XF_PP_DIBAO_URBAN;
				if (xf_pl_group_rural(g))
					xf_sb_printf(&tb, "; 农村低保标准 %s 元/年",
					    xf_money_format(pv[k].fen, b1,
					    sizeof(b1)));
				else
					xf_sb_printf(&tb, "; 城市低保标准 %s 元/月",
					    xf_money_format(pv[k].fen, b1,
					    sizeof(b1)));
				sb_param(&tb, &pv[k]);
				xf_sb_printf(&tb, "; %s%s × %s%% = %s（%s一次舍入，"
				    "四舍五入", b1, xf_pl_group_rural(g) ?
				    " ÷ 12" : "", rbuf, xf_money_format(
				    sub[g], b2, sizeof(b2)), opt->rnd.unit ==
				    100 ? "到元，" : "到分，");
				if (opt->rnd.min > 0)
					xf_sb_printf(&tb, "；不低于 %s",
					    xf_money_format(opt->rnd.min, b1,
					    sizeof(b1)));
				xf_sb_printf(&tb, "）");
			}
			if (r->counts != NULL && cnt[g] != -1)
				xf_sb_printf(&tb, "; %lld 人 × %s = %s",
				    (long long)cnt[g], xf_money_format(sub[g],
				    b1, sizeof(b1)), xf_money_format(pay[g],
				    b2, sizeof(b2)));
			else if (r->counts != NULL)
				xf_sb_printf(&tb, "; --counts 中没有该组人数");
			xf_csvout_str(r->out, tb.s);
		}
		xf_csvout_end(r->out);
	}
	if (r->counts != NULL && !opt->nototals) {
		xf_csvout_str(r->out, mbuf);
		xf_csvout_str(r->out, "");
		xf_csvout_str(r->out, "");
		xf_csvout_str(r->out, "");
		xf_csvout_str(r->out, "合计");
		xf_csvout_str(r->out, "");
		snprintf(b1, sizeof(b1), "%lld", (long long)msum_n);
		xf_csvout_str(r->out, b1);
		write_money(r->out, msum_fen);
		if (opt->explain)
			xf_csvout_str(r->out, mbad ? "本月合计不含没有人数的组" :
			    "本月各组合计");
		xf_csvout_end(r->out);
	}
	if (xf_pl_add(&r->total_n, msum_n) == -1 ||
	    xf_pl_add(&r->total_fen, msum_fen) == -1)
		r->total_bad = 1;
	free(tb.s);
	return XF_EXIT_OK;
}

static void
find_columns(struct run *r, const struct xf_row *hdr)
{
	const struct xf_colmap *map = &r->opt->cli.cols;
	int i;

	for (i = 0; i < C_N; i++)
		r->col[i] = xf_col_find(hdr, cnames[i], map);
	for (i = 0; i < XF_PP_N; i++)
		r->pcol[i] = xf_col_find(hdr, xf_pl_param_name(i), map);
}

static void
write_header(struct run *r)
{
	static const char *const onames[] = {
		"month", "triggered", "trigger", "rate", "group",
		"subsidy_per_person"
	};
	size_t i;

	if (r->opt->cli.bom)
		xf_csvout_bom(r->out);
	for (i = 0; i < sizeof(onames) / sizeof(onames[0]); i++)
		xf_csvout_str(r->out, onames[i]);
	if (r->counts != NULL) {
		xf_csvout_str(r->out, "count");
		xf_csvout_str(r->out, "payout");
	}
	if (r->opt->explain)
		xf_csvout_str(r->out, "trace");
	xf_csvout_end(r->out);
}

/* Read one input.  Returns the exit status it deserves. */
static int
pricelink(struct run *r, const char *path)
{
	const struct options *opt = r->opt;
	struct xf_input in;
	struct xf_row row;
	int i, st;

	r->path = strcmp(path, "-") == 0 ? "<stdin>" : path;
	st = xf_input_open(&in, path, &opt->cli.csv, r->rej, &r->records,
	    &row);
	r->name = in.name;
	if (st != 1)
		return xf_input_close(&in);
	for (i = 0; i < C_N; i++)
		if (xf_col_need(&row, cnames[i], &opt->cli.cols, r->name) ==
		    -1) {
			in.status = XF_EXIT_FAIL;
			return xf_input_close(&in);
		}
	if (r->hdr == NULL) {
		r->hdr = xf_header_save(&row);
		xf_rejects_header(r->rej, &row);
		write_header(r);
	} else if (xf_input_same(&in, r->hdr, &row) == -1)
		return xf_input_close(&in);
	find_columns(r, &row);
	while (xf_input_next(&in, &row)) {
		st = month_row(r, &row);
		in.status = XF_WORST(in.status, st);
	}
	return xf_input_close(&in);
}

/*
 * Read --counts: a header with group and count (and optionally month),
 * then one row per group (and month).  Returns 0, or -1 after a
 * diagnostic for each problem.
 */
static int
load_counts(struct run *r, const char *path)
{
	struct xf_csvin *in;
	struct xf_row row;
	const char *name, *v, *why;
	long cg, cc, cm;
	size_t len, i, cap = 0;
	int rc, g, y, m, bad = 0;
	int64_t n;

	if ((in = xf_csvin_open(path, NULL)) == NULL)
		return -1;
	name = xf_csvin_name(in);
	r->counts = xf_reallocarray(NULL, 1, sizeof(*r->counts));
	rc = xf_csvin_next(in, &row);
	if (rc != XF_CSV_ROW) {
		if (rc == XF_CSV_EOF)
			xf_warnx("%s: empty: expected a header with group and "
			    "count", name);
		else if (rc == XF_CSV_BAD)
			xf_warnat(name, row.line, "bad header: %s",
			    xf_csvin_error(in));
		xf_csvin_close(in);
		return -1;
	}
	if ((cg = xf_col_need(&row, "group", NULL, name)) == -1 ||
	    (cc = xf_col_need(&row, "count", NULL, name)) == -1) {
		xf_csvin_close(in);
		return -1;
	}
	cm = xf_col_find(&row, "month", NULL);
	while ((rc = xf_csvin_next(in, &row)) != XF_CSV_EOF) {
		if (rc == XF_CSV_IOERR) {
			bad = 1;
			break;
		}
		if (rc == XF_CSV_BAD) {
			xf_warnat(name, row.line, "%s", xf_csvin_error(in));
			bad = 1;
			continue;
		}
		v = fld(&row, cg, &len);
		if ((g = xf_pl_group_find(v, len)) == -1) {
			xf_warnat(name, row.line, "unknown group '%.*s' "
			    "(expected 城市低保, 农村低保, 特困人员, 孤儿, "
			    "失业保险金领取人员, 低保边缘 or 失业补助金领取人员)",
			    (int)len, v);
			bad = 1;
			continue;
		}
		v = fld(&row, cc, &len);
		n = 0;
		for (i = 0; i < len && n <= COUNTMAX; i++) {
			if (v[i] < '0' || v[i] > '9')
				break;
			n = n * 10 + (v[i] - '0');
		}
		if (len == 0 || i < len || n > COUNTMAX) {
			xf_warnat(name, row.line, "bad count: not a whole "
			    "number of persons from 0 to 1000000000 '%.*s'",
			    (int)len, v);
			bad = 1;
			continue;
		}
		m = 0;
		v = fld(&row, cm, &len);
		if (len > 0) {
			if (xf_pl_parse_month(v, len, &y, &m, &why) == -1) {
				xf_warnat(name, row.line, "bad month: %s "
				    "'%.*s'", why, (int)len, v);
				bad = 1;
				continue;
			}
			m = (y - YEAR0) * 12 + m;
		}
		for (i = 0; i < r->ncounts; i++)
			if (r->counts[i].group == g && r->counts[i].month == m)
				break;
		if (i < r->ncounts) {
			xf_warnat(name, row.line, "count for %s%s%.*s given "
			    "twice", xf_pl_group_name(g), m ? " in " : "",
			    (int)len, v);
			bad = 1;
			continue;
		}
		if (r->ncounts == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			r->counts = xf_reallocarray(r->counts, cap,
			    sizeof(*r->counts));
		}
		r->counts[r->ncounts].group = g;
		r->counts[r->ncounts].month = m;
		r->counts[r->ncounts].n = n;
		r->ncounts++;
	}
	if (xf_csvin_close(in) == -1)
		bad = 1;
	return bad ? -1 : 0;
}

/* The rows --dump-params lists: the ones this tool reads. */
static int
used_param(const char *name)
{
	int k;

	for (k = 0; k < XF_PP_N; k++)
		if (strcmp(name, xf_pl_param_name(k)) == 0)
			return 1;
	return 0;
}

/* The grand-total row, after every input. */
static void
write_total(struct run *r)
{
	char b[32];

	xf_csvout_str(r->out, "合计");
	xf_csvout_str(r->out, "");
	xf_csvout_str(r->out, "");
	xf_csvout_str(r->out, "");
	xf_csvout_str(r->out, "合计");
	xf_csvout_str(r->out, "");
	snprintf(b, sizeof(b), "%lld", (long long)r->total_n);
	xf_csvout_str(r->out, b);
	write_money(r->out, r->total_fen);
	if (r->opt->explain)
		xf_csvout_str(r->out, r->nocount > 0 ? "全部月份合计，不含没有"
		    "人数的组" : "全部月份合计");
	xf_csvout_end(r->out);
}

int
main(int argc, char *argv[])
{
	struct options opt;
	struct run *r;
	struct xf_params *params;
	struct xf_output *outfile;
	const char *why;
	char names[512];
	size_t used;
	int ch, rc, k, status = XF_EXIT_OK;
	long long n;

	argv[0] = xf_setprogname(argv[0]);
	memset(&opt, 0, sizeof(opt));
	xf_cli_init(&opt.cli);
	opt.lag = 1;
	opt.rnd.unit = 1;

	while ((ch = getopt_long(argc, argv, "a:c:Dehl:m:p:R:r:TV"
	    XF_CLI_SHORT, longopts, NULL)) != -1) {
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
			opt.hasasof = 1;
			break;
		case OPT_COUNTS:
			opt.counts = optarg;
			break;
		case OPT_DUMP:
			opt.dump = 1;
			break;
		case OPT_EXPLAIN:
			opt.explain = 1;
			break;
		case 'h':
			help();
			/* NOTREACHED */
		case OPT_LAG:
			if (xf_parse_count("--lag", optarg, 0, 12, &n) == -1)
				xf_usage(usage_line);
			opt.lag = (long)n;
			break;
		case OPT_MIN:
			if (xf_money_parse(optarg, strlen(optarg), &opt.rnd.min,
			    &why) == -1 || opt.rnd.min < 0) {
				xf_warnx("--min: %s '%s'", opt.rnd.min < 0 ?
				    "negative" : why, optarg);
				xf_usage(usage_line);
			}
			break;
		case OPT_PARAMS:
			opt.params = optarg;
			break;
		case OPT_ROUND:
			if (strcmp(optarg, "fen") == 0 ||
			    strcmp(optarg, "分") == 0)
				opt.rnd.unit = 1;
			else if (strcmp(optarg, "yuan") == 0 ||
			    strcmp(optarg, "元") == 0)
				opt.rnd.unit = 100;
			else {
				xf_warnx("--round: expected fen or yuan '%s'",
				    optarg);
				xf_usage(usage_line);
			}
			break;
		case OPT_REGION:
			if (*optarg == '\0') {
				xf_warnx("--region: empty");
				xf_usage(usage_line);
			}
			opt.region = optarg;
			break;
		case OPT_NOTOTALS:
			opt.nototals = 1;
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

	params = xf_params_new();
	if (xf_params_defaults(params) == -1 ||
	    (opt.params != NULL && xf_params_load(params, opt.params) == -1)) {
		xf_params_free(params);
		return xf_finish(XF_EXIT_FAIL);
	}
	if (opt.dump) {
		status = xf_params_dump_to(params, opt.cli.output,
		    used_param) == 0 ? XF_EXIT_OK : XF_EXIT_FAIL;
		xf_params_free(params);
		return xf_finish(status);
	}

	r = xf_calloc(1, sizeof(*r));
	r->opt = &opt;
	r->params = params;
	if (opt.counts != NULL && load_counts(r, opt.counts) == -1) {
		free(r->counts);
		free(r);
		xf_params_free(params);
		return xf_finish(XF_EXIT_FAIL);
	}
	if ((r->rej = xf_rejects_open(opt.cli.rejects)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	if ((outfile = xf_output_open(opt.cli.output)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	r->out = xf_csvout_new(xf_output_fp(outfile), opt.cli.outdelim,
	    opt.cli.crlf);

	if (argc == 0)
		status = pricelink(r, "-");
	for (; *argv != NULL; argv++) {
		rc = pricelink(r, *argv);
		status = XF_WORST(status, rc);
	}
	if (r->counts != NULL && !opt.nototals && r->hdr != NULL)
		write_total(r);

	if (r->nocount > 0)
		xf_warnx("%llu row%s without a count in %s: payout left empty "
		    "and left out of the totals", r->nocount, r->nocount == 1 ?
		    "" : "s", opt.counts);
	if (r->total_bad)
		xf_warnx("a total is too large to add up: the totals are "
		    "wrong");
	used = 0;
	names[0] = '\0';
	for (k = 0; k < XF_PP_N; k++)
		if (r->placeholder[k] && used < sizeof(names))
			used += (size_t)snprintf(names + used, sizeof(names) -
			    used, "%s%s", used > 0 ? ", " : "",
			    xf_pl_param_name(k));
	if (used > 0)
		xf_warnx("note: the output rests on placeholder parameters, "
		    "not official figures (%s); supply them with --params "
		    "(see --explain)", names);
	if (xf_output_finish(outfile, r->out) == -1)
		status = XF_EXIT_FAIL;
	if (xf_rejects_close(r->rej) == -1)
		status = XF_EXIT_FAIL;
	free(r->counts);
	xf_header_free(r->hdr);
	free(r);
	xf_params_free(params);
	return xf_finish(status);
}
