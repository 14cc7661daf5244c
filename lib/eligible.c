/* SPDX-License-Identifier: ISC */
/*
 * The decision core of xf-eligible: who in a household qualifies for
 * 低保, 低保边缘, 特困, 公租房, 临时救助 and 医疗救助 (DOMAIN.md section
 * E), exact to the fen, with the reason and the whole trace.  See
 * eligible.h for the interface.
 *
 * Every comparison is made between exact rationals (struct xf_amount):
 * the per-capita income is the counted income divided by the counted
 * members, never rounded before the comparison (DOMAIN.md 0.1).  A rural
 * standard is per year; the monthly standard is that divided by 12, and
 * the comparison of monthly per-capita income with S/12 is the same as
 * the comparison of 12 x income with S.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eligible.h"
#include "sb.h"
#include "money.h"
#include "utf8.h"
#include "xf.h"

static const char *const pnames[XF_EP_N] = {
	"dibao_urban", "dibao_rural", "dibao_edge_multiplier",
	"assets_limit_months", "tekun_dibao_multiple",
	"tekun_disability_list", "gongzufang_income_limit",
	"gongzufang_area_limit", "gongzufang_employment_years",
	"temp_aid_months", "medical_aid_rate", "medical_aid_deductible",
	"medical_aid_cap", "medical_aid_edge_rate",
	"medical_aid_edge_deductible", NULL
};

static const char *const prognames[XF_ELIG_NPROG] = {
	"低保", "低保边缘", "特困", "公租房", "临时救助", "医疗救助"
};

const char *
xf_elig_param_name(int p)
{
	if (p < 0 || p >= XF_EP_N)
		return NULL;
	return pnames[p];
}

const char *
xf_elig_prog_name(int g)
{
	if (g < 0 || g >= XF_ELIG_NPROG)
		return NULL;
	return prognames[g];
}

int
xf_elig_prog_find(const char *s, size_t len)
{
	size_t st, n;
	int g;

	xf_utf8_trim(s, len, &st, &n);
	for (g = 0; g < XF_ELIG_NPROG; g++)
		if (strlen(prognames[g]) == n &&
		    memcmp(prognames[g], s + st, n) == 0)
			return g;
	return -1;
}

/* Separate criteria in a trace. */
static void
sb_sep(struct xf_sb *b)
{
	if (b->len > 0)
		xf_sb_printf(b, "; ");
}

/* Separate parts of a reason. */
static void
sb_sepr(struct xf_sb *b)
{
	if (b->len > 0)
		xf_sb_printf(b, "；");
}

/* d as written ("1.5", "700"), into buf of at least 32 bytes. */
static const char *
dec_fmt(const struct xf_dec *d, char *buf, size_t size)
{
	int64_t num = d->num, p = 1;
	uint64_t m, ip, fp;
	int i;

	for (i = 0; i < d->scale; i++)
		p *= 10;
	m = num < 0 ? (uint64_t)0 - (uint64_t)num : (uint64_t)num;
	ip = m / (uint64_t)p;
	fp = m % (uint64_t)p;
	if (d->scale == 0)
		snprintf(buf, size, "%s%llu", num < 0 ? "-" : "",
		    (unsigned long long)ip);
	else
		snprintf(buf, size, "%s%llu.%0*llu", num < 0 ? "-" : "",
		    (unsigned long long)ip, d->scale,
		    (unsigned long long)fp);
	return buf;
}

/*
 * An amount of fen as yuan: two places when it is a whole number of
 * fen, else "≈" and four places (the exact value is what was compared).
 */
static const char *
amt_fmt(const struct xf_amount *a, char *buf, size_t size)
{
	struct xf_amount c;
	int64_t f;
	uint64_t m;

	if (a->den == 1 && xf_amount_round(a, &f) == 0)
		return xf_money_format(f, buf, size);
	if (xf_amount_mul_int(&c, a, 100) == -1 ||
	    xf_amount_round(&c, &f) == -1) {
		snprintf(buf, size, "?");
		return buf;
	}
	m = f < 0 ? (uint64_t)0 - (uint64_t)f : (uint64_t)f;
	snprintf(buf, size, "≈%s%llu.%04llu", f < 0 ? "-" : "",
	    (unsigned long long)(m / 10000), (unsigned long long)(m % 10000));
	return buf;
}

/* The amount of fen that the decimal d yuan is. */
static int
dec_yuan(struct xf_amount *a, const struct xf_dec *d)
{
	xf_amount_from_fen(a, 100);
	return xf_amount_mul_dec(a, a, d);
}

/* The plain number d (area, years), as an amount with den 1 = unit. */
static int
dec_plain(struct xf_amount *a, const struct xf_dec *d)
{
	xf_amount_from_fen(a, 1);
	return xf_amount_mul_dec(a, a, d);
}

/* State of one decision in progress. */
struct dc {
	const struct xf_elig_household *h;
	struct xf_elig_result *r;
	struct xf_sb	 reason;
	struct xf_sb	 trace;
	int		 missing;	/* a parameter was not supplied */
	int		 overflow;
	size_t		 n;		/* counted members */
	int64_t		 income;	/* their monthly income, fen */
	struct xf_amount pc;		/* per-capita monthly income */
	struct xf_amount std;		/* monthly 低保 standard, fen */
};

/*
 * Check that parameter p is known and not negative.  If not, note it
 * (the decision is then "undecided") and return -1.  Otherwise describe it in the trace
 * ("dibao_urban=700（吉林省 0001-01-01起；placeholder: ...）") and
 * return 0.
 */
static int
need(struct dc *c, int p)
{
	const struct xf_elig_pval *v = &c->h->par[p];
	char buf[48];
	const char *name = p == XF_EP_DIBAO_PREV ?
	    (c->h->rural ? "dibao_rural(上年)" : "dibao_urban(上年)") :
	    pnames[p];

	if (!v->known) {
		if (!c->missing)
			xf_sb_printf(&c->reason, "缺少参数 %s（用 --params 文件"
			    "或同名列提供）", name);
		sb_sep(&c->trace);
		xf_sb_printf(&c->trace, "参数 %s 未提供", name);
		c->missing = 1;
		return -1;
	}
	/*
	 * Every parameter here is a standard, a limit, a multiple, a
	 * number of months or years, a rate or a year: none can be
	 * negative, and one that is (a typing error in a --params file or
	 * a column) would turn aid into a debt.  Undecided, like a missing
	 * one.
	 */
	if (v->dec.num < 0) {
		if (!c->missing)
			xf_sb_printf(&c->reason, "参数 %s 为负数 %s，不可用",
			    name, dec_fmt(&v->dec, buf, sizeof(buf)));
		sb_sep(&c->trace);
		xf_sb_printf(&c->trace, "参数 %s=%s 为负数，不可用", name,
		    dec_fmt(&v->dec, buf, sizeof(buf)));
		c->missing = 1;
		return -1;
	}
	sb_sep(&c->trace);
	xf_sb_printf(&c->trace, "参数 %s=%s（%s；%s%s）", name,
	    dec_fmt(&v->dec, buf, sizeof(buf)), v->where != NULL ?
	    v->where : "", v->placeholder ? "占位值，非官方：" : "",
	    v->source != NULL ? v->source : "");
	if (v->placeholder)
		c->r->placeholder = 1;
	return 0;
}

/* The monthly standard of parameter p (urban, or rural / 12). */
static int
monthly_std(struct dc *c, int p, struct xf_amount *s)
{
	if (dec_yuan(s, &c->h->par[p].dec) == -1)
		return -1;
	if (c->h->rural && xf_amount_div_int(s, s, 12) == -1)
		return -1;
	return 0;
}

/* Set up: counted members, income, and the standard when known. */
static int
dc_init(struct dc *c, const struct xf_elig_household *h,
    struct xf_elig_result *r)
{
	memset(c, 0, sizeof(*c));
	memset(r, 0, sizeof(*r));
	c->h = h;
	c->r = r;
	c->trace.off = h->no_trace;
	c->n = xf_elig_counted(h, &c->income);
	xf_amount_from_fen(&c->pc, c->income);
	if (c->n > 0 && xf_amount_div_int(&c->pc, &c->pc,
	    (int64_t)c->n) == -1)
		c->overflow = 1;
	return 0;
}

/* Finish: move the strings into r. */
static int
dc_done(struct dc *c)
{
	struct xf_elig_result *r = c->r;

	if (c->overflow) {
		c->reason.len = 0;
		if (c->reason.s != NULL)
			c->reason.s[0] = '\0';
		xf_sb_printf(&c->reason, "金额超出可计算范围");
		r->decided = 0;
		r->eligible = 0;
		r->has_monthly = r->has_lump = 0;
	} else if (c->missing) {
		r->decided = 0;
		r->eligible = 0;
		r->has_monthly = r->has_lump = 0;
	} else
		r->decided = 1;
	r->reason = xf_sb_take(&c->reason);
	r->trace = xf_sb_take(&c->trace);
	return c->overflow ? -1 : 0;
}

size_t
xf_elig_counted(const struct xf_elig_household *h, int64_t *income)
{
	size_t i, n = 0;
	int64_t sum = 0;

	for (i = 0; i < h->n; i++) {
		if (!h->p[i].counted)
			continue;
		n++;
		sum += h->p[i].income;
	}
	if (income != NULL)
		*income = sum;
	return n;
}

/* Trace the members: who counts and whose income is left out. */
static void
trace_members(struct dc *c)
{
	const struct xf_elig_household *h = c->h;
	char buf[XF_MONEY_BUFSZ], buf2[XF_MONEY_BUFSZ];
	size_t i;

	sb_sep(&c->trace);
	xf_sb_printf(&c->trace, "计入成员 %zu 人", c->n);
	for (i = 0; i < h->n; i++) {
		if (!h->p[i].counted)
			xf_sb_printf(&c->trace, "，%s 不计入（%s，DOMAIN §E.2）",
			    h->p[i].name, h->p[i].status);
		else if (h->p[i].excluded != 0)
			xf_sb_printf(&c->trace, "，%s 另有不计入的收入 %s（DOMAIN "
			    "§E.2）", h->p[i].name, xf_money_format(
			    h->p[i].excluded, buf2, sizeof(buf2)));
	}
	sb_sep(&c->trace);
	xf_sb_printf(&c->trace, "计入月收入合计 %s",
	    xf_money_format(c->income, buf, sizeof(buf)));
}

static int	rigid_test(struct dc *, struct xf_sb *);
static int	dibao(struct dc *);
static int	edge(struct dc *);
static int	tekun(struct dc *, int *);
static void	remember(const struct xf_elig_household *, int, int, int,
		    const int *);
static int	income_test_pc(struct dc *, const struct xf_amount *,
		    const char *, const struct xf_dec *, int, const char *,
		    struct xf_sb *);

/*
 * The income test against the 低保 standard times mult (NULL: 1):
 * per-capita income below it (strict), or at most it when inclusive.
 * Returns 1 (passes), 0 (fails), writing the comparison to the trace and
 * to *text (for the reason).
 */
static int
income_test(struct dc *c, const struct xf_dec *mult, int inclusive,
    const char *label, struct xf_sb *text)
{
	return income_test_pc(c, &c->pc, "", mult, inclusive, label, text);
}

/*
 * The same for the per-capita income *pc, described with the words
 * what after "人均月收入" ("" or "扣除刚性支出后").
 */
static int
income_test_pc(struct dc *c, const struct xf_amount *pc, const char *what,
    const struct xf_dec *mult, int inclusive, const char *label,
    struct xf_sb *text)
{
	struct xf_amount lim, lhs, rhs;
	char a[48], b[48], m[48];
	int cmp, ok;

	lim = c->std;
	if (mult != NULL && xf_amount_mul_dec(&lim, &lim, mult) == -1)
		c->overflow = 1;
	cmp = xf_amount_cmp(pc, &lim);
	ok = inclusive ? cmp <= 0 : cmp < 0;
	lhs = *pc;
	rhs = lim;
	if (c->h->rural) {
		if (xf_amount_mul_int(&lhs, &lhs, 12) == -1 ||
		    xf_amount_mul_int(&rhs, &rhs, 12) == -1)
			c->overflow = 1;
	}
	/* The sign word: < passes; = is ≥ (fails) unless inclusive. */
	text->len = 0;
	xf_sb_printf(text, "人均%s收入%s %s %s ", c->h->rural ? "年" : "月",
	    what, amt_fmt(&lhs, a, sizeof(a)),
	    cmp < 0 ? "<" : cmp == 0 ? (inclusive ? "≤" : "≥") : ">");
	if (mult != NULL)
		xf_sb_printf(text, "%s × %s %s", dec_fmt(mult, m, sizeof(m)),
		    label, amt_fmt(&rhs, b, sizeof(b)));
	else
		xf_sb_printf(text, "%s %s", label, amt_fmt(&rhs, b, sizeof(b)));
	sb_sep(&c->trace);
	xf_sb_printf(&c->trace, "收入：%s（%s）→ %s", text->s,
	    inclusive ? "不高于即可" : "须低于，相等不符合，DOMAIN §0.2",
	    ok ? "符合" : "不符合");
	return ok;
}

/*
 * The assets test: household assets at most assets_limit_months x the
 * monthly standard x counted members.  Returns 1 (passes or not
 * given), 0 (fails), -1 (parameter missing).
 */
static int
assets_test(struct dc *c, struct xf_sb *text)
{
	const struct xf_elig_household *h = c->h;
	struct xf_amount lim, as;
	char a[48], b[48], m[48];
	int cmp;

	text->len = 0;
	if (!h->has_assets) {
		sb_sep(&c->trace);
		xf_sb_printf(&c->trace, "资产：未提供，未核查");
		xf_sb_printf(text, "资产未提供");
		return 1;
	}
	if (need(c, XF_EP_ASSETS_MONTHS) == -1)
		return -1;
	lim = c->std;
	if (xf_amount_mul_dec(&lim, &lim, &h->par[XF_EP_ASSETS_MONTHS].dec)
	    == -1 || xf_amount_mul_int(&lim, &lim, (int64_t)c->n) == -1)
		c->overflow = 1;
	xf_amount_from_fen(&as, h->assets);
	cmp = xf_amount_cmp(&as, &lim);
	xf_sb_printf(text, "家庭资产 %s %s 限额 %s（%s 个月 × 月标准 × %zu 人）",
	    amt_fmt(&as, a, sizeof(a)), cmp <= 0 ? "≤" : ">",
	    amt_fmt(&lim, b, sizeof(b)),
	    dec_fmt(&h->par[XF_EP_ASSETS_MONTHS].dec, m, sizeof(m)), c->n);
	sb_sep(&c->trace);
	xf_sb_printf(&c->trace, "资产：%s（不超过即符合，DOMAIN §E.1 第9条、"
	    "§0.2）→ %s", text->s, cmp <= 0 ? "符合" : "不符合");
	return cmp <= 0;
}

/* The standard's label for the reason. */
static const char *
std_label(const struct xf_elig_household *h)
{
	return h->rural ? "农村低保标准" : "城市低保标准";
}

/*
 * 低保 (DOMAIN §E.1): counted per-capita income below the standard and
 * assets within the limit; allowance S x n - income, monthly.  Returns
 * 1, 0, or -1 (undecided).
 */
static int
dibao(struct dc *c)
{
	struct xf_sb inc = XF_SB_INIT, as = XF_SB_INIT;
	struct xf_amount amt, t;
	int std = c->h->rural ? XF_EP_DIBAO_RURAL : XF_EP_DIBAO_URBAN;
	int ok, aok;

	trace_members(c);
	if (need(c, std) == -1)
		return -1;
	if (monthly_std(c, std, &c->std) == -1)
		c->overflow = 1;
	if (c->n == 0) {
		xf_sb_printf(&c->reason, "无计入的共同生活家庭成员");
		sb_sep(&c->trace);
		xf_sb_printf(&c->trace, "无计入成员 → 不符合");
		return 0;
	}
	ok = income_test(c, NULL, 0, std_label(c->h), &inc);
	aok = assets_test(c, &as);
	if (aok == -1) {
		free(inc.s);
		free(as.s);
		return -1;
	}
	if (!ok)
		xf_sb_printf(&c->reason, "%s", inc.s);
	else if (!aok)
		xf_sb_printf(&c->reason, "%s", as.s);
	else {
		/* S x n - income, exactly; once rounded (DOMAIN §E.1). */
		if (xf_amount_mul_int(&amt, &c->std, (int64_t)c->n) == -1)
			c->overflow = 1;
		xf_amount_from_fen(&t, c->income);
		if (xf_amount_sub(&amt, &amt, &t) == -1 ||
		    xf_amount_round(&amt, &c->r->monthly) == -1)
			c->overflow = 1;
		c->r->has_monthly = 1;
		xf_sb_printf(&c->reason, "%s；%s", inc.s, as.s);
		{
			char a[48], b[XF_MONEY_BUFSZ], m[XF_MONEY_BUFSZ];

			sb_sep(&c->trace);
			xf_sb_printf(&c->trace, "保障金 = 月标准 %s × %zu 人 − "
			    "计入月收入 %s = %s（DOMAIN §E.1 第12条，"
			    "一次舍入）",
			    amt_fmt(&c->std, a, sizeof(a)), c->n,
			    xf_money_format(c->income, b, sizeof(b)),
			    xf_money_format(c->r->monthly, m, sizeof(m)));
		}
	}
	free(inc.s);
	free(as.s);
	return ok && aok;
}

/*
 * The outcome of programme which (XF_EM_*) for household h, worked out
 * without reason or trace, or taken from h->memo; its placeholder flag
 * in *ph.  For 特困, is (h->n ints) receives who is 特困.
 */
static int
outcome(const struct xf_elig_household *h, int which, int *is, int *ph)
{
	struct xf_elig_memo *m = h->memo;
	struct xf_elig_result t;
	struct dc d;
	int ok;

	if (m != NULL && m->known[which]) {
		if (is != NULL && m->is != NULL)
			memcpy(is, m->is, h->n * sizeof(*is));
		*ph = m->placeholder[which];
		return m->ok[which];
	}
	dc_init(&d, h, &t);
	d.reason.off = d.trace.off = 1;	/* only the outcome is used */
	if (which == XF_EM_DIBAO)
		ok = dibao(&d);
	else if (which == XF_EM_EDGE)
		ok = edge(&d);
	else
		ok = tekun(&d, is);
	*ph = t.placeholder;
	remember(h, which, ok, t.placeholder, is);
	return ok;
}

/* Keep an outcome in h->memo, if there is one (is: 特困's rows). */
static void
remember(const struct xf_elig_household *h, int which, int ok, int ph,
    const int *is)
{
	struct xf_elig_memo *m = h->memo;

	if (m == NULL || m->known[which])
		return;
	if (which == XF_EM_TEKUN) {
		m->is = xf_calloc(h->n > 0 ? h->n : 1, sizeof(*m->is));
		memcpy(m->is, is, h->n * sizeof(*is));
	}
	m->known[which] = 1;
	m->ok[which] = ok;
	m->placeholder[which] = ph;
}

void
xf_elig_memo_clear(struct xf_elig_memo *m)
{
	if (m == NULL)
		return;
	free(m->is);
	memset(m, 0, sizeof(*m));
}

/* 低保边缘 (DOMAIN §E.3). */
static int
edge(struct dc *c)
{
	struct xf_sb inc = XF_SB_INIT, as = XF_SB_INIT;
	struct xf_sb rig = XF_SB_INIT;
	int std = c->h->rural ? XF_EP_DIBAO_RURAL : XF_EP_DIBAO_URBAN;
	int db, ok, aok, rigid, ph;

	db = outcome(c->h, XF_EM_DIBAO, NULL, &ph);
	trace_members(c);
	if (need(c, std) == -1 || need(c, XF_EP_EDGE_MULT) == -1)
		return -1;
	if (db == -1) {
		need(c, XF_EP_ASSETS_MONTHS);
		return -1;
	}
	if (monthly_std(c, std, &c->std) == -1)
		c->overflow = 1;
	if (db == 1) {
		xf_sb_printf(&c->reason, "已符合低保");
		sb_sep(&c->trace);
		xf_sb_printf(&c->trace, "已符合低保 → 不属低保边缘"
		    "（DOMAIN §E.3）");
		return 0;
	}
	if (c->n == 0) {
		xf_sb_printf(&c->reason, "无计入的共同生活家庭成员");
		return 0;
	}
	sb_sep(&c->trace);
	xf_sb_printf(&c->trace, "不符合低保");
	ok = income_test(c, &c->h->par[XF_EP_EDGE_MULT].dec,
	    c->h->edge_inclusive, std_label(c->h), &inc);
	rigid = 0;
	if (!ok) {
		rigid = rigid_test(c, &rig);
		ok = rigid == 1;
	}
	aok = assets_test(c, &as);
	if (aok == -1) {
		free(inc.s);
		free(rig.s);
		free(as.s);
		return -1;
	}
	if (!ok && rigid == 0)
		xf_sb_printf(&c->reason, "%s；%s", inc.s, rig.s);
	else if (!ok)
		xf_sb_printf(&c->reason, "%s", inc.s);
	else if (!aok)
		xf_sb_printf(&c->reason, "%s", as.s);
	else if (rigid == 1)
		xf_sb_printf(&c->reason, "不符合低保；刚性支出困难家庭：%s；%s",
		    rig.s, as.s);
	else
		xf_sb_printf(&c->reason, "不符合低保；%s；%s", inc.s, as.s);
	free(inc.s);
	free(rig.s);
	free(as.s);
	return ok && aok;
}

/*
 * 刚性支出困难家庭 (DOMAIN §E.3): when the counted members carry
 * rigid_cost, the 低保边缘 income test once more on the per-capita
 * income after those costs (never below 0).  Returns -1 when no member
 * has a rigid cost (nothing tested), else 1 (passes) or 0, with the
 * comparison in *text.
 */
static int
rigid_test(struct dc *c, struct xf_sb *text)
{
	const struct xf_elig_household *h = c->h;
	struct xf_amount pc;
	char buf[XF_MONEY_BUFSZ];
	int64_t sum = 0, left;
	size_t i;

	for (i = 0; i < h->n; i++)
		if (h->p[i].counted)
			sum += h->p[i].rigid;
	if (sum == 0)
		return -1;
	sb_sep(&c->trace);
	xf_sb_printf(&c->trace, "刚性支出：计入成员月刚性支出合计 %s，"
	    "按刚性支出困难家庭再比一次（DOMAIN §E.3，地方规定）",
	    xf_money_format(sum, buf, sizeof(buf)));
	left = c->income > sum ? c->income - sum : 0;
	xf_amount_from_fen(&pc, left);
	if (xf_amount_div_int(&pc, &pc, (int64_t)c->n) == -1)
		c->overflow = 1;
	return income_test_pc(c, &pc, "扣除刚性支出后",
	    &h->par[XF_EP_EDGE_MULT].dec, h->edge_inclusive,
	    std_label(h), text);
}

/* Whether a disability makes a person unable to work, by list. */
static int
severe(int kind, int grade, long list)
{
	if (grade < 1)
		return 0;
	if (list == 2021)
		return ((kind == XF_DIS_INTELLECT || kind == XF_DIS_MENTAL) &&
		    grade <= 3) || (kind == XF_DIS_LIMB && grade <= 2) ||
		    (kind == XF_DIS_VISUAL && grade == 1);
	return ((kind == XF_DIS_INTELLECT || kind == XF_DIS_MENTAL) &&
	    grade <= 2) || (kind == XF_DIS_LIMB && grade == 1);
}

static const char *const disnames[] = {
	"", "肢体", "智力", "精神", "视力", "听力", "言语", "多重"
};
static const char *const gradenames[] = { "", "一", "二", "三", "四" };

/*
 * 特困, person i (DOMAIN §E.4): unable to work, no livelihood, no
 * capable supporter.  The household parameters are known (checked by
 * the caller); assets_ok is the household's assets test.  Returns 1 or
 * 0 and appends the person's first failed criterion (or the reasons it
 * passes) to why.
 */
static int
tekun_person(struct dc *c, size_t i, int assets_ok, long list,
    struct xf_sb *why, struct xf_sb *okw)
{
	const struct xf_elig_person *p = &c->h->p[i];
	struct xf_amount inc, lim;
	char a[48], b[48];
	int cmp, unable;

	sb_sep(&c->trace);
	xf_sb_printf(&c->trace, "%s：", p->name);
	/* 1. 无劳动能力: 60周岁以上 (inclusive), 未满16周岁, or disability. */
	unable = 0;
	if (p->age >= 60) {
		unable = 1;
		xf_sb_printf(&c->trace, "年龄 %d ≥ 60，无劳动能力", p->age);
	} else if (p->age >= 0 && p->age < 16) {
		unable = 1;
		xf_sb_printf(&c->trace, "年龄 %d < 16，无劳动能力", p->age);
	} else if (severe(p->dis_kind, p->dis_grade, list)) {
		unable = 1;
		xf_sb_printf(&c->trace, "%s%s级残疾在 %ld 年重度残疾范围内，"
		    "无劳动能力", disnames[p->dis_kind],
		    gradenames[p->dis_grade], list);
	}
	if (!unable) {
		if (p->age < 0)
			xf_sb_printf(&c->trace, "年龄未知");
		else
			xf_sb_printf(&c->trace, "年龄 %d 在 16—59 岁", p->age);
		if (p->dis_grade > 0)
			xf_sb_printf(&c->trace, "，%s%s级残疾不在 %ld 年重度残疾"
			    "范围内", disnames[p->dis_kind],
			    gradenames[p->dis_grade], list);
		xf_sb_printf(&c->trace, " → 有劳动能力，不符合");
		sb_sepr(why);
		if (p->age < 0)
			xf_sb_printf(why, "%s 有劳动能力（年龄未知", p->name);
		else
			xf_sb_printf(why, "%s 有劳动能力（%d 岁", p->name, p->age);
		if (p->dis_grade > 0)
			xf_sb_printf(why, "，%s%s级残疾不在 %ld 年重度残疾范围内",
			    disnames[p->dis_kind], gradenames[p->dis_grade],
			    list);
		xf_sb_printf(why, "）");
		return 0;
	}
	/* 2. 无生活来源: own income below the standard, assets within. */
	xf_amount_from_fen(&inc, p->income);
	lim = c->std;
	cmp = xf_amount_cmp(&inc, &lim);
	if (c->h->rural && (xf_amount_mul_int(&inc, &inc, 12) == -1 ||
	    xf_amount_mul_int(&lim, &lim, 12) == -1))
		c->overflow = 1;
	xf_sb_printf(&c->trace, "；本人%s收入 %s %s %s %s",
	    c->h->rural ? "年" : "月", amt_fmt(&inc, a, sizeof(a)),
	    cmp < 0 ? "<" : "≥", std_label(c->h), amt_fmt(&lim, b, sizeof(b)));
	if (cmp >= 0) {
		xf_sb_printf(&c->trace, " → 有生活来源，不符合");
		sb_sepr(why);
		xf_sb_printf(why, "%s 本人%s收入 %s ≥ %s %s", p->name,
		    c->h->rural ? "年" : "月", amt_fmt(&inc, a, sizeof(a)),
		    std_label(c->h), amt_fmt(&lim, b, sizeof(b)));
		return 0;
	}
	if (!assets_ok) {
		xf_sb_printf(&c->trace, "；家庭资产超出限额，不符合");
		sb_sepr(why);
		xf_sb_printf(why, "%s 家庭资产超出限额", p->name);
		return 0;
	}
	/* 3. 无法定赡养、抚养、扶养义务人，或其无履行能力. */
	if (p->supporter == XF_SUP_NONE || p->supporter == XF_SUP_UNABLE) {
		xf_sb_printf(&c->trace, "；赡养人 %s → 符合",
		    p->supporter == XF_SUP_NONE ? "无" : "无能力");
		sb_sepr(okw);
		xf_sb_printf(okw, "%s 无劳动能力、无生活来源、%s", p->name,
		    p->supporter == XF_SUP_NONE ? "无赡养人" :
		    "赡养人无能力");
		return 1;
	}
	xf_sb_printf(&c->trace, "；赡养人 %s → 不符合",
	    p->supporter == XF_SUP_HAS ? "有" : "未填写");
	sb_sepr(why);
	xf_sb_printf(why, "%s %s", p->name, p->supporter == XF_SUP_HAS ?
	    "有赡养人且其有履行能力" : "赡养人情况未填写");
	return 0;
}

/*
 * 特困 for the household: the number of members who qualify (their
 * flags in is[], which has h->n slots or is NULL), or -1 (undecided).
 */
static int
tekun(struct dc *c, int *is)
{
	struct xf_sb as = XF_SB_INIT, why = XF_SB_INIT;
	struct xf_sb okw = XF_SB_INIT;
	const struct xf_elig_household *h = c->h;
	struct xf_amount amt;
	long list;
	size_t i;
	int std = h->rural ? XF_EP_DIBAO_RURAL : XF_EP_DIBAO_URBAN;
	int aok, k = 0, ok;

	if (need(c, std) == -1 || need(c, XF_EP_TEKUN_LIST) == -1)
		return -1;
	if (monthly_std(c, std, &c->std) == -1)
		c->overflow = 1;
	if (h->par[XF_EP_TEKUN_LIST].dec.scale != 0 ||
	    (h->par[XF_EP_TEKUN_LIST].dec.num != 2016 &&
	    h->par[XF_EP_TEKUN_LIST].dec.num != 2021)) {
		xf_sb_printf(&c->reason, "参数 tekun_disability_list 须为 2016 "
		    "或 2021");
		c->missing = 1;
		return -1;
	}
	list = (long)h->par[XF_EP_TEKUN_LIST].dec.num;
	aok = assets_test(c, &as);
	free(as.s);
	if (aok == -1)
		return -1;
	for (i = 0; i < h->n; i++) {
		if (is != NULL)
			is[i] = 0;
		if (!h->p[i].counted)
			continue;
		ok = tekun_person(c, i, aok, list, &why, &okw);
		if (is != NULL)
			is[i] = ok;
		k += ok;
	}
	if (k == 0) {
		free(okw.s);
		if (why.len == 0)
			xf_sb_printf(&c->reason, "无计入的共同生活家庭成员");
		else
			xf_sb_printf(&c->reason, "%s", why.s);
		free(why.s);
		return 0;
	}
	/* Level: at least tekun_dibao_multiple x last year's standard. */
	free(why.s);
	if (need(c, XF_EP_TEKUN_MULT) == -1 ||
	    need(c, XF_EP_DIBAO_PREV) == -1) {
		free(okw.s);
		return -1;
	}
	xf_sb_printf(&c->reason, "特困 %d 人：%s", k, okw.s);
	free(okw.s);
	if (monthly_std(c, XF_EP_DIBAO_PREV, &amt) == -1 ||
	    xf_amount_mul_dec(&amt, &amt, &h->par[XF_EP_TEKUN_MULT].dec)
	    == -1 ||
	    xf_amount_mul_int(&amt, &amt, k) == -1 ||
	    xf_amount_round(&amt, &c->r->monthly) == -1)
		c->overflow = 1;
	c->r->has_monthly = 1;
	{
		char b[XF_MONEY_BUFSZ];

		xf_sb_printf(&c->reason, "（基本生活标准下限 %s）",
		    xf_money_format(c->r->monthly, b, sizeof(b)));
		sb_sep(&c->trace);
		xf_sb_printf(&c->trace, "金额 = %d 人 × tekun_dibao_multiple × "
		    "上年月标准 = %s（下限，DOMAIN §E.4）", k, b);
	}
	return 1;
}

/*
 * One criterion of 公租房: its text goes to the trace and, if it is the
 * first failure, to the reason; passes are collected in ok.
 */
static void
gzf_note(struct dc *c, struct xf_sb *ok, int *fail, int pass, const char *what,
    const char *text)
{
	sb_sep(&c->trace);
	xf_sb_printf(&c->trace, "%s：%s → %s", what, text, pass ? "符合" :
	    "不符合");
	if (pass) {
		sb_sepr(ok);
		xf_sb_printf(ok, "%s", text);
	} else if (!*fail) {
		xf_sb_printf(&c->reason, "%s", text);
		*fail = 1;
	}
}

/* 公租房 (DOMAIN §E.7 第7条). */
static int
gongzufang(struct dc *c)
{
	const struct xf_elig_household *h = c->h;
	struct xf_sb ok = XF_SB_INIT;
	struct xf_amount lim, a, b;
	char s1[48], s2[48], s3[48], t[256];
	struct xf_dec best;
	size_t i;
	int cmp, have = 0, fail = 0;

	trace_members(c);
	if (need(c, XF_EP_GZF_INCOME) == -1 || need(c, XF_EP_GZF_AREA) == -1)
		return -1;
	if (c->n == 0) {
		xf_sb_printf(&c->reason, "无计入的共同生活家庭成员");
		return 0;
	}
	/* 1. income below the limit (低于: strict), per person a month. */
	if (dec_yuan(&lim, &h->par[XF_EP_GZF_INCOME].dec) == -1)
		c->overflow = 1;
	cmp = xf_amount_cmp(&c->pc, &lim);
	snprintf(t, sizeof(t), "人均月收入 %s %s 公租房收入线 %s",
	    amt_fmt(&c->pc, s1, sizeof(s1)), cmp < 0 ? "<" : "≥",
	    amt_fmt(&lim, s2, sizeof(s2)));
	gzf_note(c, &ok, &fail, cmp < 0, "收入", t);
	/* 2. floor area per person below the limit (低于: strict). */
	if (!h->has_area) {
		sb_sep(&c->trace);
		xf_sb_printf(&c->trace, "住房：面积未提供，未核查");
		sb_sepr(&ok);
		xf_sb_printf(&ok, "住房面积未提供");
	} else {
		if (dec_plain(&a, &h->area) == -1 ||
		    xf_amount_div_int(&a, &a, (int64_t)c->n) == -1 ||
		    dec_plain(&b, &h->par[XF_EP_GZF_AREA].dec) == -1)
			c->overflow = 1;
		cmp = xf_amount_cmp(&a, &b);
		snprintf(t, sizeof(t), "人均住房面积 %s÷%zu %s %s 平方米",
		    dec_fmt(&h->area, s3, sizeof(s3)), c->n,
		    cmp < 0 ? "<" : "≥",
		    dec_fmt(&h->par[XF_EP_GZF_AREA].dec, s2, sizeof(s2)));
		gzf_note(c, &ok, &fail, cmp < 0, "住房", t);
	}
	/* 3. non-local applicants: employment of the required years (达到). */
	for (i = 0; i < h->n; i++) {
		if (!h->p[i].has_emp)
			continue;
		if (!have) {
			best = h->p[i].emp_years;
			have = 1;
			continue;
		}
		if (dec_plain(&a, &h->p[i].emp_years) == -1 ||
		    dec_plain(&b, &best) == -1)
			c->overflow = 1;
		if (xf_amount_cmp(&a, &b) > 0)
			best = h->p[i].emp_years;
	}
	if (have) {
		if (need(c, XF_EP_GZF_YEARS) == -1) {
			free(ok.s);
			return -1;
		}
		if (dec_plain(&a, &best) == -1 ||
		    dec_plain(&b, &h->par[XF_EP_GZF_YEARS].dec) == -1)
			c->overflow = 1;
		cmp = xf_amount_cmp(&a, &b);
		snprintf(t, sizeof(t), "非本地户籍，本地稳定就业 %s 年 %s "
		    "%s 年",
		    dec_fmt(&best, s1, sizeof(s1)), cmp >= 0 ? "≥" : "<",
		    dec_fmt(&h->par[XF_EP_GZF_YEARS].dec, s2, sizeof(s2)));
		gzf_note(c, &ok, &fail, cmp >= 0, "就业", t);
	}
	if (!fail)
		xf_sb_printf(&c->reason, "%s", ok.s);
	free(ok.s);
	return !fail;
}

/* 临时救助 (DOMAIN §E.5). */
static int
temp_aid(struct dc *c)
{
	const struct xf_elig_household *h = c->h;
	struct xf_amount amt;
	char s1[XF_MONEY_BUFSZ], s2[XF_MONEY_BUFSZ], m[48];
	int64_t cost = 0;
	size_t i;
	int std = h->rural ? XF_EP_DIBAO_RURAL : XF_EP_DIBAO_URBAN;

	for (i = 0; i < h->n; i++)
		cost += h->p[i].emergency;
	sb_sep(&c->trace);
	xf_sb_printf(&c->trace, "突发支出合计 %s",
	    xf_money_format(cost, s1, sizeof(s1)));
	if (cost <= 0) {
		xf_sb_printf(&c->reason, "无突发性支出（emergency_cost）");
		return 0;
	}
	if (c->n == 0) {
		xf_sb_printf(&c->reason, "无计入的共同生活家庭成员");
		return 0;
	}
	if (need(c, std) == -1 || need(c, XF_EP_TEMP_MONTHS) == -1)
		return -1;
	if (monthly_std(c, std, &c->std) == -1 ||
	    xf_amount_mul_dec(&amt, &c->std, &h->par[XF_EP_TEMP_MONTHS].dec)
	    == -1 || xf_amount_mul_int(&amt, &amt, (int64_t)c->n) == -1 ||
	    xf_amount_round(&amt, &c->r->lump) == -1)
		c->overflow = 1;
	c->r->has_lump = 1;
	dec_fmt(&h->par[XF_EP_TEMP_MONTHS].dec, m, sizeof(m));
	xf_money_format(c->r->lump, s2, sizeof(s2));
	xf_sb_printf(&c->reason, "突发支出 %s；救助 %s 个月 × 月标准 × %zu 人 = "
	    "%s", s1, m, c->n, s2);
	sb_sep(&c->trace);
	xf_sb_printf(&c->trace, "一次性救助 = %s 个月 × 月标准 × %zu 人 = %s"
	    "（DOMAIN §E.5 第47—49条，月数为地方参数）", m, c->n, s2);
	return 1;
}

/*
 * 医疗救助 (DOMAIN §E.6) for members of 低保 households and 特困
 * persons, and for members of 低保边缘 households where the local rate
 * medical_aid_edge_rate (with its own deductible) is supplied.
 */
static int
medical(struct dc *c)
{
	const struct xf_elig_household *h = c->h;
	struct xf_amount total, a, ded, cap;
	char s1[XF_MONEY_BUFSZ], s2[48];
	int *is;
	int db, tk, eg, rate, deduct, ph1, ph2, ph3, covered = 0;
	size_t i;
	int64_t f;

	is = xf_calloc(h->n > 0 ? h->n : 1, sizeof(*is));
	db = outcome(h, XF_EM_DIBAO, NULL, &ph1);
	tk = outcome(h, XF_EM_TEKUN, is, &ph2);
	/* The decision rests on theirs, and so on their parameters. */
	if (ph1 || ph2)
		c->r->placeholder = 1;
	if (db == -1 || tk == -1) {
		xf_sb_printf(&c->reason, "低保或特困未能判定（缺少参数）");
		c->missing = 1;
		free(is);
		return -1;
	}
	sb_sep(&c->trace);
	xf_sb_printf(&c->trace, "低保家庭 %s；特困 %d 人", db ? "是" : "否",
	    tk > 0 ? tk : 0);
	eg = 0;
	if (!db && tk <= 0) {
		eg = outcome(h, XF_EM_EDGE, NULL, &ph3);
		if (ph3)
			c->r->placeholder = 1;
		if (eg == -1) {
			xf_sb_printf(&c->reason, "低保边缘未能判定（缺少参数）");
			c->missing = 1;
			free(is);
			return -1;
		}
		sb_sep(&c->trace);
		xf_sb_printf(&c->trace, "低保边缘家庭 %s", eg ? "是" : "否");
		if (!eg) {
			xf_sb_printf(&c->reason, "非低保、低保边缘家庭，无特困人员");
			free(is);
			return 0;
		}
		if (!h->par[XF_EP_MED_EDGE_RATE].known) {
			xf_sb_printf(&c->reason, "低保边缘家庭：当地未规定救助比例"
			    "（medical_aid_edge_rate 未提供，DOMAIN §E.6 其他"
			    "对象由地方规定），不救助");
			sb_sep(&c->trace);
			xf_sb_printf(&c->trace, "参数 medical_aid_edge_rate 未提供 "
			    "→ 不救助");
			free(is);
			return 0;
		}
	}
	rate = eg ? XF_EP_MED_EDGE_RATE : XF_EP_MED_RATE;
	deduct = eg ? XF_EP_MED_EDGE_DEDUCT : XF_EP_MED_DEDUCT;
	if (need(c, rate) == -1 || need(c, deduct) == -1 ||
	    need(c, XF_EP_MED_CAP) == -1) {
		free(is);
		return -1;
	}
	xf_amount_from_fen(&total, 0);
	if (dec_yuan(&ded, &h->par[deduct].dec) == -1 ||
	    dec_yuan(&cap, &h->par[XF_EP_MED_CAP].dec) == -1)
		c->overflow = 1;
	for (i = 0; i < h->n; i++) {
		if (!h->p[i].counted || (!db && !eg && !is[i]))
			continue;
		covered++;
		xf_amount_from_fen(&a, h->p[i].medical);
		if (xf_amount_sub(&a, &a, &ded) == -1)
			c->overflow = 1;
		if (a.num < 0)
			xf_amount_from_fen(&a, 0);
		if (xf_amount_mul_dec(&a, &a, &h->par[rate].dec) == -1)
			c->overflow = 1;
		if (xf_amount_cmp(&a, &cap) > 0)
			a = cap;
		sb_sep(&c->trace);
		xf_sb_printf(&c->trace, "%s：自付 %s，超过起付线部分 × 比例，"
		    "封顶后 %s", h->p[i].name, xf_money_format(h->p[i].medical,
		    s1, sizeof(s1)), amt_fmt(&a, s2, sizeof(s2)));
		if (xf_amount_add(&total, &total, &a) == -1)
			c->overflow = 1;
	}
	free(is);
	if (xf_amount_round(&total, &f) == -1)
		c->overflow = 1;
	c->r->lump = f;
	c->r->has_lump = 1;
	xf_sb_printf(&c->reason, "%s，救助 %d 人，年度救助 %s",
	    db ? "低保家庭" : eg ? "低保边缘家庭" : "特困人员", covered,
	    xf_money_format(f, s1, sizeof(s1)));
	return 1;
}

int
xf_elig_decide(const struct xf_elig_household *h, int g,
    struct xf_elig_result *r)
{
	struct dc c;
	int *is, ok;

	dc_init(&c, h, r);
	switch (g) {
	case XF_ELIG_DIBAO:
		ok = dibao(&c);
		remember(h, XF_EM_DIBAO, ok, r->placeholder, NULL);
		break;
	case XF_ELIG_EDGE:
		ok = edge(&c);
		remember(h, XF_EM_EDGE, ok, r->placeholder, NULL);
		break;
	case XF_ELIG_TEKUN:
		trace_members(&c);
		is = xf_calloc(h->n > 0 ? h->n : 1, sizeof(*is));
		ok = tekun(&c, is);
		remember(h, XF_EM_TEKUN, ok, r->placeholder, is);
		free(is);
		break;
	case XF_ELIG_GZF:
		ok = gongzufang(&c);
		break;
	case XF_ELIG_TEMP:
		ok = temp_aid(&c);
		break;
	case XF_ELIG_MEDICAL:
		ok = medical(&c);
		break;
	default:
		xf_sb_printf(&c.reason, "no such programme");
		c.missing = 1;
		dc_done(&c);
		return -1;
	}
	r->eligible = ok == 1;
	if (!r->eligible)
		r->has_monthly = r->has_lump = 0;
	return dc_done(&c);
}

void
xf_elig_clear(struct xf_elig_result *r)
{
	if (r == NULL)
		return;
	free(r->reason);
	free(r->trace);
	memset(r, 0, sizeof(*r));
}

/* The trimmed field equals the UTF-8 string w. */
static int
is(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(s, w, n) == 0;
}

int
xf_elig_parse_status(const char *s, size_t len, int *counted,
    const char **why)
{
	static const char *const out[] = {
		"服刑", "强制隔离戒毒", "宗教教职3年以上", "宣告失踪", NULL
	};
	static const char *const in[] = {
		"刑满释放", "监外执行", "保外就医", "假释", NULL
	};
	size_t st, n, i;

	xf_utf8_trim(s, len, &st, &n);
	s += st;
	if (n == 0) {
		*counted = 1;
		return 0;
	}
	for (i = 0; out[i] != NULL; i++)
		if (is(s, n, out[i])) {
			*counted = 0;
			return 0;
		}
	for (i = 0; in[i] != NULL; i++)
		if (is(s, n, in[i])) {
			*counted = 1;
			return 0;
		}
	if (why != NULL)
		*why = "unknown member_status (expected empty, 服刑, "
		    "强制隔离戒毒, 宗教教职3年以上, 宣告失踪, 刑满释放, "
		    "监外执行, "
		    "保外就医 or 假释)";
	return -1;
}

int
xf_elig_parse_hukou(const char *s, size_t len, int *rural,
    const char **why)
{
	size_t st, n;

	xf_utf8_trim(s, len, &st, &n);
	s += st;
	if (is(s, n, "城镇") || is(s, n, "城市")) {
		*rural = 0;
		return 0;
	}
	if (is(s, n, "农村")) {
		*rural = 1;
		return 0;
	}
	if (why != NULL)
		*why = "hukou must be 城镇 or 农村";
	return -1;
}

int
xf_elig_parse_disability(const char *s, size_t len, int *kind,
    int *grade, const char **why)
{
	static const char *const digits[] = { "1", "2", "3", "4" };
	size_t st, n, k, g, kl, gl;

	xf_utf8_trim(s, len, &st, &n);
	s += st;
	if (n == 0 || is(s, n, "无")) {
		*kind = XF_DIS_NONE;
		*grade = 0;
		return 0;
	}
	for (k = 1; k < sizeof(disnames) / sizeof(disnames[0]); k++) {
		kl = strlen(disnames[k]);
		if (n <= kl || memcmp(s, disnames[k], kl) != 0)
			continue;
		for (g = 1; g <= 4; g++) {
			gl = strlen(gradenames[g]);
			if ((n == kl + gl + strlen("级") &&
			    memcmp(s + kl, gradenames[g], gl) == 0 &&
			    memcmp(s + kl + gl, "级", strlen("级")) == 0) ||
			    (n == kl + 1 + strlen("级") &&
			    s[kl] == digits[g - 1][0] &&
			    memcmp(s + kl + 1, "级", strlen("级")) == 0)) {
				*kind = (int)k;
				*grade = (int)g;
				return 0;
			}
		}
	}
	if (why != NULL)
		*why = "disability must be a kind (肢体, 智力, 精神, 视力, "
		    "听力, 言语, 多重) and a grade 一级 to 四级";
	return -1;
}

int
xf_elig_parse_supporter(const char *s, size_t len, int *sup,
    const char **why)
{
	size_t st, n;

	xf_utf8_trim(s, len, &st, &n);
	s += st;
	if (n == 0)
		*sup = XF_SUP_UNKNOWN;
	else if (is(s, n, "有"))
		*sup = XF_SUP_HAS;
	else if (is(s, n, "无"))
		*sup = XF_SUP_NONE;
	else if (is(s, n, "无能力"))
		*sup = XF_SUP_UNABLE;
	else {
		if (why != NULL)
			*why = "supporter must be 有, 无 or 无能力";
		return -1;
	}
	return 0;
}
