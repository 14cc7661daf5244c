/* SPDX-License-Identifier: ISC */

/*
 * The calculation core of xf-compensate: statutory compensation per
 * claim, exact to the fen, with the working shown.  See compensate.h for
 * the interface and DOMAIN.md sections 0 and A to D for the rules; each
 * rule below cites its article.
 *
 * Every amount is carried as a struct xf_amount together with a short
 * text saying how it was derived ("7.5×74400.00/12"); products and
 * quotients only, so the text needs no parentheses.  A component is
 * rounded once when it is written, and the totals are rounded once from
 * their exact sums (DOMAIN.md 0.1), so components can differ from the
 * total by a rounding; a warning says so when they do.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compensate.h"
#include "money.h"
#include "params.h"
#include "utf8.h"
#include "xf.h"

/* The parameters the module reads (names as in lib/data/params.csv). */
enum {
	P_AVG_WAGE,
	P_INJ_AVG,
	P_MIN_WAGE,
	P_NAT_INCOME,
	P_SEV_CAP_MULT,
	P_SEV_CAP_YEARS,
	P_UNLAWFUL_MULT,
	P_NOCONTRACT_MAX,
	P_ARREARS_MIN,
	P_ARREARS_MAX,
	P_INJ_FLOOR,
	P_INJ_CAP,
	P_DISAB_G1,
	P_ALLOW_G1 = P_DISAB_G1 + 10,
	P_NURSE_PART = P_ALLOW_G1 + 6,
	P_NURSE_MOST,
	P_NURSE_FULL,
	P_MEDSUB_G5,
	P_EMPSUB_G5 = P_MEDSUB_G5 + 6,
	P_FUNERAL_MONTHS = P_EMPSUB_G5 + 6,
	P_DEATH_MULT,
	P_DEP_SPOUSE,
	P_DEP_OTHER,
	P_DEP_EXTRA,
	P_LAND_MULT_MIN,
	P_LAND_MULT_MAX,
	P_RESETTLE_MIN,
	P_RESETTLE_MAX,
	P_RESETTLE_CAP,
	P_LAND_TOTAL_CAP,
	P_ZONE_PRICE,
	P_ZONE_SHARE,
	P_MOVE_FEE,
	P_TEMP_FEE,
	P_OVERRUN_MULT,
	P_N
};

/* What a parameter's value is: yuan (money) or a plain number. */
enum { K_NUM, K_MONEY };

static const struct pdef {
	const char	*name;
	int		 kind;
} pdefs[P_N] = {
	[P_AVG_WAGE] = { "avg_monthly_wage", K_MONEY },
	[P_INJ_AVG] = { "injury_avg_monthly_wage", K_MONEY },
	[P_MIN_WAGE] = { "min_wage", K_MONEY },
	[P_NAT_INCOME] = { "national_urban_income", K_MONEY },
	[P_SEV_CAP_MULT] = { "severance_cap_multiple", K_NUM },
	[P_SEV_CAP_YEARS] = { "severance_cap_years", K_NUM },
	[P_UNLAWFUL_MULT] = { "unlawful_multiple", K_NUM },
	[P_NOCONTRACT_MAX] = { "no_contract_max_months", K_NUM },
	[P_ARREARS_MIN] = { "arrears_extra_rate_min", K_NUM },
	[P_ARREARS_MAX] = { "arrears_extra_rate_max", K_NUM },
	[P_INJ_FLOOR] = { "injury_wage_floor_multiple", K_NUM },
	[P_INJ_CAP] = { "injury_wage_cap_multiple", K_NUM },
	[P_DISAB_G1 + 0] = { "injury_disability_months_g1", K_NUM },
	[P_DISAB_G1 + 1] = { "injury_disability_months_g2", K_NUM },
	[P_DISAB_G1 + 2] = { "injury_disability_months_g3", K_NUM },
	[P_DISAB_G1 + 3] = { "injury_disability_months_g4", K_NUM },
	[P_DISAB_G1 + 4] = { "injury_disability_months_g5", K_NUM },
	[P_DISAB_G1 + 5] = { "injury_disability_months_g6", K_NUM },
	[P_DISAB_G1 + 6] = { "injury_disability_months_g7", K_NUM },
	[P_DISAB_G1 + 7] = { "injury_disability_months_g8", K_NUM },
	[P_DISAB_G1 + 8] = { "injury_disability_months_g9", K_NUM },
	[P_DISAB_G1 + 9] = { "injury_disability_months_g10", K_NUM },
	[P_ALLOW_G1 + 0] = { "injury_allowance_ratio_g1", K_NUM },
	[P_ALLOW_G1 + 1] = { "injury_allowance_ratio_g2", K_NUM },
	[P_ALLOW_G1 + 2] = { "injury_allowance_ratio_g3", K_NUM },
	[P_ALLOW_G1 + 3] = { "injury_allowance_ratio_g4", K_NUM },
	[P_ALLOW_G1 + 4] = { "injury_allowance_ratio_g5", K_NUM },
	[P_ALLOW_G1 + 5] = { "injury_allowance_ratio_g6", K_NUM },
	[P_NURSE_PART] = { "injury_nursing_ratio_part", K_NUM },
	[P_NURSE_MOST] = { "injury_nursing_ratio_most", K_NUM },
	[P_NURSE_FULL] = { "injury_nursing_ratio_full", K_NUM },
	[P_MEDSUB_G5 + 0] = { "injury_medical_subsidy_months_g5", K_NUM },
	[P_MEDSUB_G5 + 1] = { "injury_medical_subsidy_months_g6", K_NUM },
	[P_MEDSUB_G5 + 2] = { "injury_medical_subsidy_months_g7", K_NUM },
	[P_MEDSUB_G5 + 3] = { "injury_medical_subsidy_months_g8", K_NUM },
	[P_MEDSUB_G5 + 4] = { "injury_medical_subsidy_months_g9", K_NUM },
	[P_MEDSUB_G5 + 5] = { "injury_medical_subsidy_months_g10", K_NUM },
	[P_EMPSUB_G5 + 0] = { "injury_employment_subsidy_months_g5", K_NUM },
	[P_EMPSUB_G5 + 1] = { "injury_employment_subsidy_months_g6", K_NUM },
	[P_EMPSUB_G5 + 2] = { "injury_employment_subsidy_months_g7", K_NUM },
	[P_EMPSUB_G5 + 3] = { "injury_employment_subsidy_months_g8", K_NUM },
	[P_EMPSUB_G5 + 4] = { "injury_employment_subsidy_months_g9", K_NUM },
	[P_EMPSUB_G5 + 5] = { "injury_employment_subsidy_months_g10", K_NUM },
	[P_FUNERAL_MONTHS] = { "funeral_months", K_NUM },
	[P_DEATH_MULT] = { "death_lump_sum_multiple", K_NUM },
	[P_DEP_SPOUSE] = { "death_dependant_spouse_ratio", K_NUM },
	[P_DEP_OTHER] = { "death_dependant_other_ratio", K_NUM },
	[P_DEP_EXTRA] = { "death_dependant_extra_ratio", K_NUM },
	[P_LAND_MULT_MIN] = { "land_compensation_multiple_min", K_NUM },
	[P_LAND_MULT_MAX] = { "land_compensation_multiple_max", K_NUM },
	[P_RESETTLE_MIN] = { "resettle_multiple_min", K_NUM },
	[P_RESETTLE_MAX] = { "resettle_multiple_max", K_NUM },
	[P_RESETTLE_CAP] = { "resettle_cap_multiple", K_NUM },
	[P_LAND_TOTAL_CAP] = { "land_total_cap_multiple", K_NUM },
	[P_ZONE_PRICE] = { "land_zone_price", K_MONEY },
	[P_ZONE_SHARE] = { "land_zone_land_share", K_NUM },
	[P_MOVE_FEE] = { "house_move_fee_m2", K_MONEY },
	[P_TEMP_FEE] = { "house_temp_fee_m2_month", K_MONEY },
	[P_OVERRUN_MULT] = { "house_temp_overrun_multiple", K_NUM },
};

static const char *const fnames[XF_CL_NFIELDS] = {
	[XF_CL_TYPE] = "type",
	[XF_CL_REGION] = "region",
	[XF_CL_DATE] = "date",
	[XF_CL_AVG_WAGE] = "avg_wage",
	[XF_CL_WAGE_TOTAL] = "wage_total",
	[XF_CL_WAGE_MONTHS] = "wage_months",
	[XF_CL_SERVICE_START] = "service_start",
	[XF_CL_SERVICE_END] = "service_end",
	[XF_CL_SERVICE_MONTHS] = "service_months",
	[XF_CL_NOTICE_PAY] = "notice_pay",
	[XF_CL_LAST_MONTH_WAGE] = "last_month_wage",
	[XF_CL_PRE2008] = "pre2008",
	[XF_CL_PRE2008_CAP] = "pre2008_cap",
	[XF_CL_MONTHLY_WAGE] = "monthly_wage",
	[XF_CL_MONTHS] = "months",
	[XF_CL_WORK_START] = "work_start",
	[XF_CL_CONTRACT_SIGNED] = "contract_signed",
	[XF_CL_AMOUNT_DUE] = "amount_due",
	[XF_CL_RATE] = "rate",
	[XF_CL_GRADE] = "grade",
	[XF_CL_CONTRIBUTION_WAGE] = "contribution_wage",
	[XF_CL_CARE_LEVEL] = "care_level",
	[XF_CL_LEAVE] = "leave",
	[XF_CL_NO_WORK] = "no_work",
	[XF_CL_MEDICAL_SUBSIDY] = "medical_subsidy",
	[XF_CL_EMPLOYMENT_SUBSIDY] = "employment_subsidy",
	[XF_CL_DEPENDANTS] = "dependants",
	[XF_CL_AFTER_LEAVE] = "after_leave",
	[XF_CL_METHOD] = "method",
	[XF_CL_AREA_MU] = "area_mu",
	[XF_CL_AREA_HA] = "area_ha",
	[XF_CL_ZONE] = "zone",
	[XF_CL_ZONE_PRICE] = "zone_price",
	[XF_CL_LAND_SHARE] = "land_share",
	[XF_CL_ANNUAL_OUTPUT_MU] = "annual_output_mu",
	[XF_CL_ANNUAL_OUTPUT_HA] = "annual_output_ha",
	[XF_CL_MU_PER_PERSON] = "mu_per_person",
	[XF_CL_LAND_MULTIPLE] = "land_multiple",
	[XF_CL_RESETTLE_MULTIPLE] = "resettle_multiple",
	[XF_CL_APPROVED_MULTIPLE] = "approved_multiple",
	[XF_CL_CROPS_PER_MU] = "crops_per_mu",
	[XF_CL_ATTACHMENTS] = "attachments",
	[XF_CL_AREA_M2] = "area_m2",
	[XF_CL_PRICE_M2] = "price_m2",
	[XF_CL_NEW_AREA_M2] = "new_area_m2",
	[XF_CL_NEW_PRICE_M2] = "new_price_m2",
	[XF_CL_MIN_AREA_M2] = "min_area_m2",
	[XF_CL_MOVES] = "moves",
	[XF_CL_MOVE_FEE_M2] = "move_fee_m2",
	[XF_CL_TEMP_MONTHS] = "temp_months",
	[XF_CL_TEMP_FEE_M2_MONTH] = "temp_fee_m2_month",
	[XF_CL_AGREED_MONTHS] = "agreed_months",
	[XF_CL_BONUS_RATE] = "bonus_rate",
	[XF_CL_BONUS_M2] = "bonus_m2",
	[XF_CL_MONTHLY_PROFIT] = "monthly_profit",
	[XF_CL_SUSPENSION_MONTHS] = "suspension_months",
	[XF_CL_LOSS_FLOOR_RATE] = "loss_floor_rate",
};

/* Claim types, with the names and aliases a type column may hold. */
enum { T_SEVERANCE, T_UNLAWFUL, T_NOCONTRACT, T_ARREARS, T_INJURY,
    T_DEATH, T_LAND, T_HOUSE };

static const struct tdef {
	const char	*name;
	int		 type;
} tdefs[] = {
	{ "severance", T_SEVERANCE },
	{ "经济补偿", T_SEVERANCE },
	{ "unlawful", T_UNLAWFUL },
	{ "赔偿金", T_UNLAWFUL },
	{ "违法解除", T_UNLAWFUL },
	{ "no-contract", T_NOCONTRACT },
	{ "二倍工资", T_NOCONTRACT },
	{ "未签合同", T_NOCONTRACT },
	{ "arrears", T_ARREARS },
	{ "拖欠工资", T_ARREARS },
	{ "欠薪", T_ARREARS },
	{ "injury", T_INJURY },
	{ "工伤", T_INJURY },
	{ "death", T_DEATH },
	{ "工亡", T_DEATH },
	{ "因工死亡", T_DEATH },
	{ "land", T_LAND },
	{ "征地", T_LAND },
	{ "征收集体土地", T_LAND },
	{ "house", T_HOUSE },
	{ "房屋征收", T_HOUSE },
	{ "征收房屋", T_HOUSE },
};

static const char *const tnames[] = {
	"severance", "unlawful", "no-contract", "arrears", "injury", "death",
	"land", "house"
};

/* A growing NUL-terminated string. */
struct sbuf {
	char	*s;
	size_t	 len, cap;
};

struct xf_compensator {
	const struct xf_params *p;
	const char	*region;
	enum xf_pre2008	 pre2008;
	int		 explain;
	struct sbuf	 comp, basis, warn, expl, err;
};

/* An exact amount and how it was derived. */
#define EXPRMAX	200

struct val {
	struct xf_amount a;
	char		 e[EXPRMAX];
};

/* The state of one claim being computed. */
struct calc {
	struct xf_compensator *x;
	const struct xf_claim *c;
	char		 region[96];
	int		 has_date;
	struct xf_date	 date;
	const char	*datefrom;	/* the column the date came from */
	uint64_t	 used[2];	/* parameters already in the basis */
	int		 overflow;
	int		 has_monthly;
	struct xf_amount total, monthly;
	int64_t		 total_parts, monthly_parts;	/* sums of rounded components */
};

static void	 sb_add(struct sbuf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	 sb_vadd(struct sbuf *, const char *, va_list)
		    __attribute__((format(printf, 2, 0)));
static int	 fail(struct calc *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	 warn(struct calc *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	 ex(struct calc *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	 law(struct calc *, const char *);
static void	 setexpr(char *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/* ---- strings ---- */

static void
sb_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->s == NULL) {
		b->cap = 256;
		b->s = xf_malloc(b->cap);
	}
	b->s[0] = '\0';
}

static void
sb_vadd(struct sbuf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		while ((size_t)n >= b->cap - b->len)
			b->cap *= 2;
		b->s = xf_reallocarray(b->s, b->cap, 1);
		(void)vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

static void
sb_add(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vadd(b, fmt, ap);
	va_end(ap);
}

/*
 * A value for a message: at most 60 bytes, cut at a character boundary,
 * into buf (64 bytes).
 */
static const char *
shown(const char *s, size_t n, char buf[64])
{
	size_t i;

	if (n > 60) {
		n = 60;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	for (i = 0; i < n; i++)
		buf[i] = s[i] == '\0' ? '?' : s[i];
	buf[n] = '\0';
	return buf;
}

static int
fail(struct calc *k, const char *fmt, ...)
{
	va_list ap;

	sb_reset(&k->x->err);
	va_start(ap, fmt);
	sb_vadd(&k->x->err, fmt, ap);
	va_end(ap);
	return -1;
}

static void
warn(struct calc *k, const char *fmt, ...)
{
	va_list ap;

	if (k->x->warn.len > 0)
		sb_add(&k->x->warn, "；");
	va_start(ap, fmt);
	sb_vadd(&k->x->warn, fmt, ap);
	va_end(ap);
}

static void
ex(struct calc *k, const char *fmt, ...)
{
	va_list ap;

	if (!k->x->explain)
		return;
	sb_add(&k->x->expl, "  ");
	va_start(ap, fmt);
	sb_vadd(&k->x->expl, fmt, ap);
	va_end(ap);
	sb_add(&k->x->expl, "\n");
}

static void
law(struct calc *k, const char *text)
{
	if (k->x->basis.len > 0)
		sb_add(&k->x->basis, "；");
	sb_add(&k->x->basis, "%s", text);
}

/* ---- numbers ---- */

/*
 * Set an expression (EXPRMAX bytes) from a format; the arguments may be
 * the expression itself.  A long one is cut at a character boundary.
 */
static void
setexpr(char *dst, const char *fmt, ...)
{
	char tmp[3 * EXPRMAX];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	(void)vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	n = strlen(tmp);
	if (n >= EXPRMAX) {
		n = EXPRMAX - 1;
		while (n > 0 && ((unsigned char)tmp[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, tmp, n);
	dst[n] = '\0';
}

/* A decimal as people write it: no trailing zeros after the point. */
static const char *
fmt_dec(const struct xf_dec *d, char buf[32])
{
	char digits[24];
	int64_t m;
	int n, sc = d->scale, neg = d->num < 0;
	size_t len;

	m = neg ? -d->num : d->num;
	while (sc > 0 && m % 10 == 0) {
		m /= 10;
		sc--;
	}
	n = snprintf(digits, sizeof(digits), "%0*lld", sc + 1, (long long)m);
	len = (size_t)n;
	if (sc == 0)
		snprintf(buf, 32, "%s%s", neg ? "-" : "", digits);
	else
		snprintf(buf, 32, "%s%.*s.%s", neg ? "-" : "",
		    (int)(len - (size_t)sc), digits, digits + len - (size_t)sc);
	return buf;
}

static const char *
fmt_fen(int64_t fen, char buf[XF_MONEY_BUFSZ])
{
	return xf_money_format(fen, buf, XF_MONEY_BUFSZ);
}

/*
 * An exact amount for the working: yuan with two places when it is a
 * whole number of fen, else up to six places and "…".
 */
static const char *
fmt_exact(const struct xf_amount *a, char buf[40])
{
	struct xf_amount s;
	int64_t v;
	char tmp[XF_MONEY_BUFSZ];
	size_t n;

	if (a->den == 1) {
		if (a->num > XF_MONEY_MAX || a->num < -XF_MONEY_MAX)
			return "(too large)";
		return fmt_fen((int64_t)a->num, buf);
	}
	if (xf_amount_mul_int(&s, a, 10000) == -1 ||
	    xf_amount_round(&s, &v) == -1)
		return "(too large)";
	/* v is in units of 1e-6 yuan; print it with 6 places. */
	fmt_fen(v, tmp);
	n = strlen(tmp);
	/* tmp is v/100 with two places: move the point four places left. */
	{
		char digits[40];
		size_t i, j = 0, nd;
		int neg = tmp[0] == '-';

		for (i = neg; i < n; i++)
			if (tmp[i] != '.')
				digits[j++] = tmp[i];
		digits[j] = '\0';
		nd = j;
		while (nd < 7) {
			memmove(digits + 1, digits, nd + 1);
			digits[0] = '0';
			nd++;
		}
		snprintf(buf, 40, "%s%.*s.%s…", neg ? "-" : "", (int)(nd - 6),
		    digits, digits + nd - 6);
	}
	return buf;
}

static int
dec_cmp(const struct xf_dec *a, const struct xf_dec *b)
{
	xf_i128 x = a->num, y = b->num;
	int i;

	for (i = a->scale; i < b->scale; i++)
		x *= 10;
	for (i = b->scale; i < a->scale; i++)
		y *= 10;
	return x < y ? -1 : x > y;
}

static void
dec_set(struct xf_dec *d, int64_t num, int scale)
{
	d->num = num;
	d->scale = scale;
}

/* 1 if d is a whole number; then *n is it. */
static int
dec_long(const struct xf_dec *d, long *n)
{
	int64_t m = d->num;
	int i;

	for (i = 0; i < d->scale; i++) {
		if (m % 10 != 0)
			return 0;
		m /= 10;
	}
	if (m > 1000000000 || m < -1000000000)
		return 0;
	*n = (long)m;
	return 1;
}

/* N months from a count of half months: 15 gives 7.5. */
static void
dec_halves(struct xf_dec *d, long halves)
{
	dec_set(d, (int64_t)halves * 5, 1);
}

static void
v_fen(struct val *v, int64_t fen)
{
	char b[XF_MONEY_BUFSZ];

	xf_amount_from_fen(&v->a, fen);
	setexpr(v->e, "%s", fmt_fen(fen, b));
}

/* An amount given in yuan as a decimal (a parameter's value). */
static int
v_yuan(struct calc *k, struct val *v, const struct xf_dec *d)
{
	char b[32];

	xf_amount_from_fen(&v->a, 100);
	if (xf_amount_mul_dec(&v->a, &v->a, d) == -1) {
		k->overflow = 1;
		return -1;
	}
	if (v->a.den == 1)
		v_fen(v, (int64_t)v->a.num);
	else
		setexpr(v->e, "%s", fmt_dec(d, b));
	return 0;
}

/* *r = f × v, shown "f×v". */
static void
v_mul(struct calc *k, struct val *r, const struct xf_dec *f,
    const struct val *v)
{
	char b[32];

	if (xf_amount_mul_dec(&r->a, &v->a, f) == -1)
		k->overflow = 1;
	setexpr(r->e, "%s×%s", fmt_dec(f, b), v->e);
}

/* *r = v × f, shown "v×f". */
static void
v_mulr(struct calc *k, struct val *r, const struct val *v,
    const struct xf_dec *f)
{
	char b[32];

	if (xf_amount_mul_dec(&r->a, &v->a, f) == -1)
		k->overflow = 1;
	setexpr(r->e, "%s×%s", v->e, fmt_dec(f, b));
}

/* *r = v / f, shown "v/f". */
static void
v_div(struct calc *k, struct val *r, const struct val *v,
    const struct xf_dec *f)
{
	char b[32];

	if (xf_amount_div_dec(&r->a, &v->a, f) == -1)
		k->overflow = 1;
	setexpr(r->e, "%s/%s", v->e, fmt_dec(f, b));
}

static void
v_neg(struct calc *k, struct val *r, const struct val *v)
{
	if (xf_amount_mul_int(&r->a, &v->a, -1) == -1)
		k->overflow = 1;
	setexpr(r->e, "-%s", v->e);
}

static void
a_add(struct calc *k, struct xf_amount *r, const struct xf_amount *a)
{
	if (xf_amount_add(r, r, a) == -1)
		k->overflow = 1;
}

/*
 * Write the component name=expr=amount, rounded once, and add its exact
 * amount to the one-off total or, if monthly, to the monthly total.
 */
static void
component(struct calc *k, const char *name, const struct val *v, int monthly)
{
	struct sbuf *b = &k->x->comp;
	char buf[XF_MONEY_BUFSZ], num[XF_MONEY_BUFSZ];
	int64_t fen;

	if (xf_amount_round(&v->a, &fen) == -1) {
		k->overflow = 1;
		return;
	}
	if (b->len > 0)
		sb_add(b, ";");
	fmt_fen(fen, buf);
	/* A bare amount needs no "=expr". */
	if (v->a.den == 1 && strcmp(v->e, fmt_fen(fen, num)) == 0)
		sb_add(b, "%s=%s", name, buf);
	else
		sb_add(b, "%s=%s=%s", name, v->e, buf);
	if (monthly) {
		k->has_monthly = 1;
		a_add(k, &k->monthly, &v->a);
		k->monthly_parts += fen;
	} else {
		a_add(k, &k->total, &v->a);
		k->total_parts += fen;
	}
	{
		char eb[40];

		if (strcmp(v->e, fmt_exact(&v->a, eb)) == 0)
			ex(k, "%s%s = %s", monthly ? "（每月）" : "", name, v->e);
		else
			ex(k, "%s%s = %s = %s", monthly ? "（每月）" : "", name,
			    v->e, fmt_exact(&v->a, eb));
	}
}

/* ---- fields ---- */

/* The field, trimmed: 1 if present and not blank, else 0. */
static int
field(const struct calc *k, int f, const char **s, size_t *n)
{
	size_t st, len;

	if (k->c->val[f] == NULL)
		return 0;
	xf_utf8_trim(k->c->val[f], k->c->len[f], &st, &len);
	if (len == 0)
		return 0;
	*s = k->c->val[f] + st;
	*n = len;
	return 1;
}

static int
has(const struct calc *k, int f)
{
	const char *s;
	size_t n;

	return field(k, f, &s, &n);
}

/* Parse money; 1 present, 0 absent, -1 bad (message set). */
static int
parse_money(struct calc *k, const char *what, const char *s, size_t n,
    int64_t *fen)
{
	const char *why;
	char b[64];

	if (xf_money_parse(s, n, fen, &why) == -1)
		return fail(k, "%s: %s '%s'", what, why, shown(s, n, b));
	return 1;
}

static int
get_money(struct calc *k, int f, struct val *v, int nonneg)
{
	const char *s;
	size_t n;
	int64_t fen;
	char b[64];

	if (!field(k, f, &s, &n))
		return 0;
	if (parse_money(k, fnames[f], s, n, &fen) == -1)
		return -1;
	if (nonneg && fen < 0)
		return fail(k, "%s: negative '%s'", fnames[f], shown(s, n, b));
	v_fen(v, fen);
	return 1;
}

/*
 * Parse a decimal: full-width digits are folded, and with pct a final
 * '%' divides by 100.  1, or -1 (message set).
 */
static int
parse_dec(struct calc *k, const char *what, const char *s, size_t n,
    int pct, struct xf_dec *d)
{
	char buf[64], b[64];
	const char *why;
	size_t m;
	int percent = 0;

	if (n >= sizeof(buf))
		return fail(k, "%s: not a number '%s'", what, shown(s, n, b));
	m = xf_utf8_halfwidth(s, n, buf);
	if (pct && m > 0 && buf[m - 1] == '%') {
		percent = 1;
		m--;
	}
	if (xf_dec_parse(buf, m, d, &why) == -1)
		return fail(k, "%s: %s '%s'", what, why, shown(s, n, b));
	if (percent) {
		if (d->scale + 2 > XF_DEC_MAXSCALE)
			return fail(k, "%s: too many decimal places '%s'", what,
			    shown(s, n, b));
		d->scale += 2;
	}
	return 1;
}

/* A decimal field; 1, 0 absent, -1 bad.  Negative values are refused. */
static int
get_dec(struct calc *k, int f, int pct, struct xf_dec *d)
{
	const char *s;
	size_t n;
	char b[64];

	if (!field(k, f, &s, &n))
		return 0;
	if (parse_dec(k, fnames[f], s, n, pct, d) == -1)
		return -1;
	if (d->num < 0)
		return fail(k, "%s: negative '%s'", fnames[f], shown(s, n, b));
	return 1;
}

/* As get_dec, and the value must be above zero. */
static int
get_pos(struct calc *k, int f, int pct, struct xf_dec *d)
{
	const char *s = "";
	size_t n = 0;
	char b[64];
	int rc;

	if ((rc = get_dec(k, f, pct, d)) != 1)
		return rc;
	(void)field(k, f, &s, &n);
	if (d->num == 0)
		return fail(k, "%s: zero '%s'", fnames[f], shown(s, n, b));
	return 1;
}

static int
get_date(struct calc *k, int f, struct xf_date *d)
{
	const char *s, *why;
	size_t n;
	char b[64];

	if (!field(k, f, &s, &n))
		return 0;
	if (xf_date_parse(s, n, d, NULL, &why) == -1)
		return fail(k, "%s: %s '%s'", fnames[f], why, shown(s, n, b));
	return 1;
}

/* A whole number between lo and hi; 1, 0 absent, -1 bad. */
static int
get_long(struct calc *k, int f, long lo, long hi, long *v)
{
	struct xf_dec d;
	const char *s;
	size_t n;
	char b[64];

	if (!field(k, f, &s, &n))
		return 0;
	if (parse_dec(k, fnames[f], s, n, 0, &d) == -1)
		return -1;
	if (!dec_long(&d, v) || *v < lo || *v > hi)
		return fail(k, "%s: not a whole number from %ld to %ld '%s'",
		    fnames[f], lo, hi, shown(s, n, b));
	return 1;
}

/* A flag: 1/是/yes or 0/否/no; absent is 0. */
static int
get_flag(struct calc *k, int f, int *v)
{
	static const char *const yes[] = { "1", "是", "yes", "y", "true" };
	static const char *const no[] = { "0", "否", "no", "n", "false" };
	const char *s;
	size_t n, i;
	char b[64];

	*v = 0;
	if (!field(k, f, &s, &n))
		return 0;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strlen(yes[i]) == n && strncasecmp(s, yes[i], n) == 0) {
			*v = 1;
			return 1;
		}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (strlen(no[i]) == n && strncasecmp(s, no[i], n) == 0)
			return 1;
	return fail(k, "%s: not 1 or 0 '%s'", fnames[f], shown(s, n, b));
}

/* Whether the trimmed field equals one of the NULL-terminated words. */
static int
field_is(const char *s, size_t n, const char *const *words)
{
	for (; *words != NULL; words++)
		if (strlen(*words) == n && strncasecmp(s, *words, n) == 0)
			return 1;
	return 0;
}

/* ---- parameters ---- */

static const char *
datestr(const struct calc *k, char buf[XF_DATE_STRLEN])
{
	return xf_date_format(&k->date, buf);
}

static int
need_date(struct calc *k, const char *name)
{
	if (k->has_date)
		return 0;
	return fail(k, "no date: parameter '%s' is looked up on the date "
	    "column", name);
}

/*
 * Record the parameter's use: in the basis once per claim, and in the
 * working.
 */
static void
note_param(struct calc *k, int idx, const char *name, const char *value,
    const struct xf_param *r)
{
	char d1[XF_DATE_STRLEN], d2[XF_DATE_STRLEN];

	if (idx >= 0) {
		if (k->used[idx / 64] & (UINT64_C(1) << (idx % 64)))
			return;
		k->used[idx / 64] |= UINT64_C(1) << (idx % 64);
	}
	if (k->x->basis.len > 0)
		sb_add(&k->x->basis, "；");
	if (r == NULL) {
		sb_add(&k->x->basis, "%s=%s（列 %s）", name, value, name);
		ex(k, "参数 %s = %s（本行的列 %s）", name, value, name);
		return;
	}
	sb_add(&k->x->basis, "%s=%s（%s）", name, value, r->source);
	if (r->has_to)
		ex(k, "参数 %s = %s（%s，%s 至 %s，%s:%lu：%s）", name, value,
		    r->region, xf_date_format(&r->from, d1),
		    xf_date_format(&r->to, d2), r->file, r->line, r->source);
	else
		ex(k, "参数 %s = %s（%s，%s 起，%s:%lu：%s）", name, value,
		    r->region, xf_date_format(&r->from, d1), r->file, r->line,
		    r->source);
	if (r->placeholder)
		warn(k, "参数 %s=%s 是占位值，不是官方数字（%s）", name, value,
		    r->source);
}

/*
 * Look name up in the table on the claim's date.  Returns 1 and the
 * row; 0 if it is not configured (no row, or a placeholder without a
 * value) and optional; -1 with the message otherwise.
 */
static int
table_row(struct calc *k, const char *name, const char *col, int optional,
    const struct xf_param **rp)
{
	const struct xf_param *r;
	char d[XF_DATE_STRLEN], d2[XF_DATE_STRLEN];

	if (need_date(k, name) == -1)
		return -1;
	r = xf_params_get(k->x->p, name, k->region, &k->date);
	if (r == NULL) {
		if (optional)
			return 0;
		return fail(k, "no parameter '%s' in force on %s for %s; add a "
		    "column '%s' or a --params row '%s,%s,VALUE,UNIT,%s,,"
		    "SOURCE'", name, datestr(k, d), k->region, col, name,
		    k->region, datestr(k, d2));
	}
	if (!r->has_value) {
		if (optional)
			return 0;
		return fail(k, "parameter '%s' is a placeholder without a value "
		    "for %s on %s (the figure was not found); add a column "
		    "'%s' or a --params row '%s,%s,VALUE,%s,%s,,SOURCE'", name,
		    k->region, datestr(k, d), col, name, k->region, r->unit,
		    datestr(k, d2));
	}
	*rp = r;
	return 1;
}

/* The column overriding parameter idx, or NULL. */
static int
override(const struct calc *k, int idx, const char **s, size_t *n)
{
	size_t i, st, len;

	for (i = 0; i < k->c->nover; i++) {
		if (k->c->over[i].param != idx || k->c->over[i].val == NULL)
			continue;
		xf_utf8_trim(k->c->over[i].val, k->c->over[i].len, &st, &len);
		if (len == 0)
			continue;
		*s = k->c->over[i].val + st;
		*n = len;
		return 1;
	}
	return 0;
}

/*
 * Parameter idx as money (*v) or a number (*d), from its column or the
 * table.  Returns 1, 0 (optional and not configured) or -1.
 */
static int
param_any(struct calc *k, int idx, int optional, struct val *v,
    struct xf_dec *d)
{
	const struct pdef *p = &pdefs[idx];
	const struct xf_param *r;
	const char *s;
	size_t n;
	int64_t fen;
	char b[64], vb[40];
	int rc;

	if (override(k, idx, &s, &n)) {
		if (p->kind == K_MONEY) {
			if (parse_money(k, p->name, s, n, &fen) == -1)
				return -1;
			if (fen < 0)
				return fail(k, "%s: negative '%s'", p->name,
				    shown(s, n, b));
			v_fen(v, fen);
			note_param(k, idx, p->name, v->e, NULL);
		} else {
			if (parse_dec(k, p->name, s, n, 1, d) == -1)
				return -1;
			note_param(k, idx, p->name, fmt_dec(d, vb), NULL);
		}
		return 1;
	}
	if ((rc = table_row(k, p->name, p->name, optional, &r)) != 1)
		return rc;
	if (p->kind == K_MONEY) {
		if (v_yuan(k, v, &r->dec) == -1)
			return fail(k, "parameter '%s': too large", p->name);
		note_param(k, idx, p->name, v->e, r);
	} else {
		*d = r->dec;
		note_param(k, idx, p->name, fmt_dec(d, vb), r);
	}
	return 1;
}

static int
param_money(struct calc *k, int idx, struct val *v)
{
	return param_any(k, idx, 0, v, NULL);
}

static int
param_num(struct calc *k, int idx, struct xf_dec *d)
{
	return param_any(k, idx, 0, NULL, d);
}

/* ---- labour ---- */

long
xf_compensate_halves(long months, long days)
{
	long years = months / 12, rest = months % 12;

	/* 第47条: 六个月以上的按一年计算; 不满六个月的支付半个月工资. */
	if (rest == 0 && days == 0)
		return 2 * years;
	if (rest >= 6)
		return 2 * years + 2;
	return 2 * years + 1;
}

int
xf_compensate_service(const struct xf_date *start, const struct xf_date *end,
    long *months, long *days)
{
	struct xf_date next, t;
	long m;

	if (xf_date_diff(start, end) < 0)
		return -1;
	/* Both days count: the service ends where the day after end begins. */
	if (xf_date_add_days(end, 1, &next) == -1)
		next = *end;
	m = (long)(next.year - start->year) * 12 + (next.month - start->month);
	for (;;) {
		if (m < 0)
			m = 0;
		if (xf_date_add_months(start, m, &t) == -1 ||
		    xf_date_diff(&t, &next) < 0)
			m--;
		else
			break;
	}
	*months = m;
	*days = xf_date_diff(&t, &next);
	return 0;
}

/* Half months of 经济补偿 for a number of months written as a decimal. */
static long
halves_dec(const struct xf_dec *d)
{
	int64_t unit = 1;
	int i;
	int64_t full, rest;

	for (i = 0; i < d->scale; i++)
		unit *= 10;
	full = d->num / (12 * unit);
	rest = d->num % (12 * unit);
	if (rest == 0)
		return (long)(2 * full);
	if (rest >= 6 * unit)
		return (long)(2 * full + 2);
	return (long)(2 * full + 1);
}

/* The wage basis before the floor and the cap (DOMAIN.md A.2). */
static int
labour_wage(struct calc *k, struct val *w)
{
	struct val tot;
	struct xf_dec mon, twelve;
	int a, t, m;

	a = has(k, XF_CL_AVG_WAGE);
	t = has(k, XF_CL_WAGE_TOTAL);
	m = has(k, XF_CL_WAGE_MONTHS);
	if (a && (t || m))
		return fail(k, "give avg_wage, or wage_total and wage_months, "
		    "not both");
	if (a)
		return get_money(k, XF_CL_AVG_WAGE, w, 1);
	if (!t && !m)
		return fail(k, "no avg_wage, nor wage_total and wage_months");
	if (!t)
		return fail(k, "wage_months needs wage_total");
	if (!m)
		return fail(k, "wage_total needs wage_months");
	if (get_money(k, XF_CL_WAGE_TOTAL, &tot, 1) == -1 ||
	    get_pos(k, XF_CL_WAGE_MONTHS, 0, &mon) == -1)
		return -1;
	dec_set(&twelve, 12, 0);
	if (dec_cmp(&mon, &twelve) > 0)
		return fail(k, "wage_months: more than 12 (the average is over "
		    "the last 12 months at most)");
	v_div(k, w, &tot, &mon);
	ex(k, "月平均工资 = wage_total/wage_months = %s（实施条例 第27条："
	    "不满12个月的按实际工作月数计算平均工资）", w->e);
	return 1;
}

/*
 * Service: dates or months.  Sets *halves, and *start when the start is
 * known (*has_start).
 */
static int
labour_service(struct calc *k, long *halves, struct xf_date *start,
    int *has_start, struct xf_date *end, int *has_end)
{
	struct xf_dec m;
	long months, days;
	char d1[XF_DATE_STRLEN], d2[XF_DATE_STRLEN], b[32];
	int s, e, n;

	s = has(k, XF_CL_SERVICE_START);
	e = has(k, XF_CL_SERVICE_END);
	n = has(k, XF_CL_SERVICE_MONTHS);
	*has_start = *has_end = 0;
	if ((s || e) && n)
		return fail(k, "give service_start and service_end, or "
		    "service_months, not both");
	if (n) {
		if (get_dec(k, XF_CL_SERVICE_MONTHS, 0, &m) == -1)
			return -1;
		*halves = halves_dec(&m);
		ex(k, "工作年限 %s 个月", fmt_dec(&m, b));
		return 1;
	}
	if (!s && !e)
		return fail(k, "no service_start and service_end, nor "
		    "service_months");
	if (!s)
		return fail(k, "service_end needs service_start");
	if (!e)
		return fail(k, "service_start needs service_end");
	if (get_date(k, XF_CL_SERVICE_START, start) == -1 ||
	    get_date(k, XF_CL_SERVICE_END, end) == -1)
		return -1;
	if (xf_compensate_service(start, end, &months, &days) == -1)
		return fail(k, "service_end %s is before service_start %s",
		    xf_date_format(end, d2), xf_date_format(start, d1));
	*has_start = *has_end = 1;
	*halves = xf_compensate_halves(months, days);
	ex(k, "工作年限 %s 至 %s（首尾两日都算）= %ld年%ld个月%ld天",
	    xf_date_format(start, d1), xf_date_format(end, d2), months / 12,
	    months % 12, days);
	return 1;
}

/* 1 if d is before 2008-01-01, when the 劳动合同法 came into force. */
static int
before2008(const struct xf_date *d)
{
	return d->year < 2008;
}

static int
severance(struct calc *k, int unlawful)
{
	static const char *const split_w[] = { "split", "分段", NULL };
	static const char *const cont_w[] = { "continuous", "连续", NULL };
	struct val w, w1, minw, avg, capv, ec, v, lw;
	struct xf_dec n, capm, capy, mult, nd;
	struct xf_date start, end, last2007, first2008;
	long halves = 0, halves2 = 0, years1 = 0, m1 = 0, d1 = 0, capyears;
	char b[32], eb[40], sb[64];
	const char *s;
	size_t len;
	int has_start, has_end, notice, mode, split = 0, cap12 = 0;

	law(k, unlawful ? "劳动合同法 第87条、第47条；劳动合同法实施条例 第25条、"
	    "第27条" : "劳动合同法 第46条、第47条；劳动合同法实施条例 第27条");
	if (labour_wage(k, &w) == -1)
		return -1;
	if (labour_service(k, &halves, &start, &has_start, &end,
	    &has_end) == -1)
		return -1;
	if (!k->has_date && has_end) {
		k->date = end;
		k->has_date = 1;
		k->datefrom = "service_end";
	}
	if (get_flag(k, XF_CL_NOTICE_PAY, &notice) == -1)
		return -1;
	if (notice && unlawful)
		return fail(k, "notice_pay: 代通知金 goes with a lawful 第40条 "
		    "termination, not with 赔偿金 (第87条)");

	/* The floor: 实施条例 第27条. */
	if (param_money(k, P_MIN_WAGE, &minw) == -1)
		return -1;
	if (xf_amount_cmp(&w.a, &minw.a) < 0) {
		warn(k, "月平均工资 %s 低于当地最低工资标准 %s，按最低工资计算"
		    "（劳动合同法实施条例 第27条）", fmt_exact(&w.a, eb),
		    minw.e);
		ex(k, "月平均工资 %s < 最低工资 %s：按最低工资", w.e, minw.e);
		w = minw;
	}
	w1 = w;

	/* The high-earner cap: 第47条第二款, 高于 is strict (DOMAIN 0.2). */
	if (param_money(k, P_AVG_WAGE, &avg) == -1 ||
	    param_num(k, P_SEV_CAP_MULT, &capm) == -1 ||
	    param_num(k, P_SEV_CAP_YEARS, &capy) == -1)
		return -1;
	v_mul(k, &capv, &capm, &avg);
	if (!dec_long(&capy, &capyears) || capyears < 0)
		return fail(k, "parameter 'severance_cap_years': not a whole "
		    "number");
	if (xf_amount_cmp(&w.a, &capv.a) > 0) {
		warn(k, "月工资 %s 高于上年度职工月平均工资的%s倍（%s）：按%s"
		    "计算，年限最多%ld年（劳动合同法 第47条第二款）",
		    fmt_exact(&w.a, eb), fmt_dec(&capm, b), capv.e, capv.e,
		    capyears);
		ex(k, "月工资 %s > %s = %s：封顶", w.e, capv.e,
		    fmt_exact(&capv.a, eb));
		w = capv;
		cap12 = 1;
	} else
		ex(k, "月工资不高于 %s = %s：不封顶", capv.e,
		    fmt_exact(&capv.a, eb));

	/* Service before 2008: DOMAIN.md A.7. */
	mode = k->x->pre2008;
	if (field(k, XF_CL_PRE2008, &s, &len)) {
		if (field_is(s, len, split_w))
			mode = XF_PRE2008_SPLIT;
		else if (field_is(s, len, cont_w))
			mode = XF_PRE2008_CONTINUOUS;
		else
			return fail(k, "pre2008: not continuous or split '%s'",
			    shown(s, len, sb));
	}
	if (has_start && before2008(&start)) {
		if (unlawful) {
			ex(k, "赔偿金的计算年限自用工之日起计算（实施条例 第25条）："
			    "2008年前的工作年限连续计算");
			if (mode == XF_PRE2008_SPLIT)
				warn(k, "赔偿金的计算年限自用工之日起连续计算（劳动合同法"
				    "实施条例 第25条），pre2008=split 不适用");
		}
		else if (mode == XF_PRE2008_CONTINUOUS)
			warn(k, "2008年前的工作年限已按连续计算（DOMAIN §A.7 的默认"
			    "做法）；仲裁机构对2008年前部分可能适用原劳动部481号办法"
			    "分段计算，见 pre2008=split");
		else
			split = 1;
	}
	if (split) {
		int cap481;

		if (get_flag(k, XF_CL_PRE2008_CAP, &cap481) == -1)
			return -1;
		last2007.year = 2007;
		last2007.month = 12;
		last2007.day = 31;
		first2008.year = 2008;
		first2008.month = 1;
		first2008.day = 1;
		if (xf_date_diff(&end, &last2007) > 0)
			(void)xf_compensate_service(&start, &end, &m1, &d1);
		else
			(void)xf_compensate_service(&start, &last2007, &m1,
			    &d1);
		/* 481号: 工作时间不满一年的按一年的标准. */
		years1 = m1 / 12 + ((m1 % 12 != 0 || d1 != 0) ? 1 : 0);
		if (cap481 && years1 > 12)
			years1 = 12;
		if (!before2008(&end)) {
			long m2, d2;

			(void)xf_compensate_service(&first2008, &end, &m2, &d2);
			halves2 = xf_compensate_halves(m2, d2);
			ex(k, "分段：2008年前 %ld年%ld个月%ld天 → %ld个月（481号："
			    "不满一年按一年%s）；2008年起 %ld年%ld个月%ld天",
			    m1 / 12, m1 % 12, d1, years1,
			    cap481 ? "，最多12个月" : "", m2 / 12, m2 % 12, d2);
		} else
			ex(k, "分段：全部在2008年前 → %ld个月（481号）", years1);
		law(k, "劳动合同法 第97条第三款；原劳动部《违反和解除劳动合同的"
		    "经济补偿办法》（劳部发〔1994〕481号，已废止，按当时规定计算"
		    "2008年前部分）");
		warn(k, "2008年前的部分按481号办法计算（pre2008=split；DOMAIN "
		    "§A.7 Medium-Low）");
		halves = halves2;
	}
	if (cap12 && halves > 2 * capyears) {
		dec_halves(&n, halves);
		ex(k, "N = %s 封顶为 %ld（第47条第二款）", fmt_dec(&n, b),
		    capyears);
		halves = 2 * capyears;
	}
	dec_halves(&n, halves);
	ex(k, "N = %s（第47条：满一年一个月；六个月以上按一年；不满六个月半个月）",
	    fmt_dec(&n, b));

	if (unlawful) {
		if (param_num(k, P_UNLAWFUL_MULT, &mult) == -1)
			return -1;
		v_mul(k, &ec, &n, &w);
		v_mul(k, &v, &mult, &ec);
		component(k, "赔偿金", &v, 0);
	} else if (split) {
		dec_set(&nd, years1, 0);
		if (years1 > 0) {
			v_mul(k, &v, &nd, &w1);
			component(k, "经济补偿(2008年前)", &v, 0);
		}
		v_mul(k, &v, &n, &w);
		component(k, "经济补偿(2008年起)", &v, 0);
	} else {
		v_mul(k, &v, &n, &w);
		component(k, "经济补偿", &v, 0);
	}
	if (notice) {
		int rc;

		if ((rc = get_money(k, XF_CL_LAST_MONTH_WAGE, &lw, 1)) == -1)
			return -1;
		if (rc == 0)
			return fail(k, "notice_pay 1 needs last_month_wage");
		law(k, "劳动合同法 第40条；劳动合同法实施条例 第20条（代通知金按"
		    "上一个月的工资标准）");
		component(k, "代通知金", &lw, 0);
	}
	return 0;
}

static int
no_contract(struct calc *k)
{
	struct val w, v;
	struct xf_dec months, max;
	struct xf_date ws, cs, s, e, anniv, lastday;
	long m, d;
	int hm, hw, hc, rc;
	char d1[XF_DATE_STRLEN], d2[XF_DATE_STRLEN], b[32];

	law(k, "劳动合同法 第82条、第14条；劳动合同法实施条例 第6条、第7条");
	if ((rc = get_money(k, XF_CL_MONTHLY_WAGE, &w, 1)) == -1)
		return -1;
	if (rc == 0)
		return fail(k, "no monthly_wage");
	hm = has(k, XF_CL_MONTHS);
	hw = has(k, XF_CL_WORK_START);
	hc = has(k, XF_CL_CONTRACT_SIGNED);
	if (hm && (hw || hc))
		return fail(k, "give months, or work_start (and "
		    "contract_signed), not both");
	if (!hm && !hw)
		return fail(k, "no months, nor work_start");
	if (hm) {
		if (get_dec(k, XF_CL_MONTHS, 0, &months) == -1)
			return -1;
	} else {
		if (get_date(k, XF_CL_WORK_START, &ws) == -1)
			return -1;
		if (hc && get_date(k, XF_CL_CONTRACT_SIGNED, &cs) == -1)
			return -1;
		if (!k->has_date && hc) {
			k->date = cs;
			k->has_date = 1;
			k->datefrom = "contract_signed";
		}
		/* The double wage runs from the day after the first month. */
		if (xf_date_add_months(&ws, 1, &s) == -1 ||
		    xf_date_add_months(&ws, 12, &anniv) == -1 ||
		    xf_date_add_days(&anniv, -1, &lastday) == -1)
			return fail(k, "work_start: out of range");
		if (hc) {
			if (xf_date_diff(&ws, &cs) < 0)
				return fail(k, "contract_signed %s is before "
				    "work_start %s", xf_date_format(&cs, d1),
				    xf_date_format(&ws, d2));
			(void)xf_date_add_days(&cs, -1, &e);
		} else {
			if (!k->has_date)
				return fail(k, "no contract_signed and no date: "
				    "without a contract the period runs to the "
				    "date column");
			e = k->date;
		}
		if (xf_date_diff(&lastday, &e) > 0) {
			ex(k, "满一年视为已订立无固定期限劳动合同（第14条第三款）：二倍工资"
			    "止于 %s", xf_date_format(&lastday, d1));
			e = lastday;
		}
		m = d = 0;
		if (xf_date_diff(&s, &e) >= 0)
			(void)xf_compensate_service(&s, &e, &m, &d);
		ex(k, "二倍工资期间 %s 至 %s = %ld个月%ld天", xf_date_format(&s,
		    d1), xf_date_diff(&s, &e) >= 0 ? xf_date_format(&e, d2) :
		    "（无）", m, d);
		if (d > 0)
			warn(k, "另有%ld天不足一个月，未计入（按整月计；按日折算的办法"
			    "各地不一，DOMAIN §A.5）", d);
		dec_set(&months, m, 0);
	}
	if (param_num(k, P_NOCONTRACT_MAX, &max) == -1)
		return -1;
	if (dec_cmp(&months, &max) > 0) {
		warn(k, "二倍工资最多%s个月，按%s个月计（第82条、实施条例 第7条）",
		    fmt_dec(&max, b), fmt_dec(&max, b));
		months = max;
	}
	v_mul(k, &v, &months, &w);
	component(k, "二倍工资差额", &v, 0);
	warn(k, "仲裁时效（劳动争议调解仲裁法 第27条，一年）的起算各地不一，"
	    "未自动计算");
	return 0;
}

static int
arrears(struct calc *k)
{
	struct val due, v;
	struct xf_dec rate, lo, hi;
	char b[32], b2[32], b3[32];
	int rc;

	law(k, "劳动合同法 第85条");
	if ((rc = get_money(k, XF_CL_AMOUNT_DUE, &due, 1)) == -1)
		return -1;
	if (rc == 0)
		return fail(k, "no amount_due");
	if ((rc = get_dec(k, XF_CL_RATE, 1, &rate)) == -1)
		return -1;
	component(k, "应付金额", &due, 0);
	if (rc == 0) {
		ex(k, "rate 为空：无加付赔偿金");
		return 0;
	}
	if (param_num(k, P_ARREARS_MIN, &lo) == -1 ||
	    param_num(k, P_ARREARS_MAX, &hi) == -1)
		return -1;
	/* 50%以上100%以下: both ends included (DOMAIN 0.2). */
	if (dec_cmp(&rate, &lo) < 0 || dec_cmp(&rate, &hi) > 0)
		return fail(k, "rate: outside %s to %s (劳动合同法 第85条) '%s'",
		    fmt_dec(&lo, b), fmt_dec(&hi, b2), fmt_dec(&rate, b3));
	v_mul(k, &v, &rate, &due);
	component(k, "加付赔偿金", &v, 0);
	return 0;
}

/* ---- work injury ---- */

/*
 * The pooling area's average monthly wage: a column
 * injury_avg_monthly_wage, else a column avg_monthly_wage, else the
 * parameter injury_avg_monthly_wage.
 */
static int
injury_avg(struct calc *k, struct val *avg)
{
	const char *s;
	size_t n;

	if (!override(k, P_INJ_AVG, &s, &n) && override(k, P_AVG_WAGE, &s, &n))
		return param_money(k, P_AVG_WAGE, avg);
	return param_money(k, P_INJ_AVG, avg);
}

/* 本人工资 (第64条): the contribution wage clamped to 60%..300% of avg. */
static int
own_wage(struct calc *k, const struct val *avg, struct val *w)
{
	struct xf_dec lo, hi;
	struct val vlo, vhi;
	char eb[40];
	int rc;

	if ((rc = get_money(k, XF_CL_CONTRIBUTION_WAGE, w, 1)) == -1)
		return -1;
	if (rc == 0)
		return fail(k, "no contribution_wage");
	if (param_num(k, P_INJ_FLOOR, &lo) == -1 ||
	    param_num(k, P_INJ_CAP, &hi) == -1)
		return -1;
	v_mul(k, &vlo, &lo, avg);
	v_mul(k, &vhi, &hi, avg);
	/* 低于 and 高于 are strict: equality keeps the wage (DOMAIN 0.2). */
	if (xf_amount_cmp(&w->a, &vlo.a) < 0) {
		warn(k, "缴费工资 %s 低于统筹地区职工平均工资的60%%，按 %s 计"
		    "（工伤保险条例 第64条）", w->e, vlo.e);
		*w = vlo;
	} else if (xf_amount_cmp(&w->a, &vhi.a) > 0) {
		warn(k, "缴费工资 %s 高于统筹地区职工平均工资的300%%，按 %s 计"
		    "（工伤保险条例 第64条）", w->e, vhi.e);
		*w = vhi;
	}
	ex(k, "本人工资 = %s = %s（第64条：在 %s 与 %s 之间）", w->e,
	    fmt_exact(&w->a, eb), vlo.e, vhi.e);
	return 0;
}

/* A province-set subsidy on leaving (grades 5-10). */
static int
leave_subsidy(struct calc *k, int f, int pidx, const char *name,
    const struct val *w, long grade)
{
	struct val v;
	struct xf_dec m;
	int rc;

	if ((rc = get_money(k, f, &v, 1)) == -1)
		return -1;
	if (rc == 1) {
		component(k, name, &v, 0);
		return 0;
	}
	if ((rc = param_any(k, pidx, 1, NULL, &m)) == -1)
		return -1;
	if (rc == 1) {
		v_mul(k, &v, &m, w);
		component(k, name, &v, 0);
		return 0;
	}
	warn(k, "%s未计入：吉林省实施《工伤保险条例》办法（省政府令第242号）规定的"
	    "标准未找到，不是零；请在 %s 列给出金额，或用 --params 提供 %s"
	    "（%ld级）", name, fnames[f], pdefs[pidx].name, grade);
	return 0;
}

static int
injury(struct calc *k)
{
	static const int nurse[4] = { -1, P_NURSE_PART, P_NURSE_MOST,
	    P_NURSE_FULL };
	struct val avg, w, minw, v;
	struct xf_dec months, ratio;
	long grade, care = 0;
	int rc, leave, nowork, allowance = 0;
	char eb[40];

	law(k, "工伤保险条例 第33条至第37条、第64条");
	if ((rc = get_long(k, XF_CL_GRADE, 1, 10, &grade)) == -1)
		return -1;
	if (rc == 0)
		return fail(k, "no grade");
	if (get_long(k, XF_CL_CARE_LEVEL, 0, 3, &care) == -1 ||
	    get_flag(k, XF_CL_LEAVE, &leave) == -1 ||
	    get_flag(k, XF_CL_NO_WORK, &nowork) == -1)
		return -1;
	if (grade <= 4 && leave)
		return fail(k, "leave: grades 1 to 4 keep the employment "
		    "relation (工伤保险条例 第35条)");
	if (grade >= 7 && nowork)
		return fail(k, "no_work: only grades 5 and 6 have 伤残津贴 from "
		    "the employer (工伤保险条例 第36条)");
	if (leave && nowork)
		return fail(k, "leave and no_work: a worker who leaves gets the "
		    "subsidies, not 伤残津贴 (工伤保险条例 第36条)");
	if (injury_avg(k, &avg) == -1 || own_wage(k, &avg, &w) == -1)
		return -1;

	if (param_num(k, P_DISAB_G1 + (int)grade - 1, &months) == -1)
		return -1;
	v_mul(k, &v, &months, &w);
	component(k, "一次性伤残补助金", &v, 0);

	if (grade <= 4 || (grade <= 6 && nowork))
		allowance = 1;
	if (allowance) {
		if (param_num(k, P_ALLOW_G1 + (int)grade - 1, &ratio) == -1 ||
		    param_money(k, P_MIN_WAGE, &minw) == -1)
			return -1;
		v_mul(k, &v, &ratio, &w);
		/* 第35条, 第36条: 低于当地最低工资标准的，补足差额. */
		if (xf_amount_cmp(&v.a, &minw.a) < 0) {
			warn(k, "伤残津贴 %s 低于当地最低工资标准，补足到 %s（工伤"
			    "保险条例 第%s条）", fmt_exact(&v.a, eb), minw.e,
			    grade <= 4 ? "35" : "36");
			v = minw;
		}
		component(k, "伤残津贴", &v, 1);
		if (grade >= 5)
			ex(k, "五、六级：用人单位难以安排工作，由用人单位按月发给伤残津贴"
			    "（第36条）");
	}
	if (care > 0) {
		if (param_num(k, nurse[care], &ratio) == -1)
			return -1;
		v_mul(k, &v, &ratio, &avg);
		component(k, "生活护理费", &v, 1);
	}
	if (leave) {
		if (leave_subsidy(k, XF_CL_MEDICAL_SUBSIDY,
		    P_MEDSUB_G5 + (int)grade - 5, "一次性工伤医疗补助金", &w,
		    grade) == -1 ||
		    leave_subsidy(k, XF_CL_EMPLOYMENT_SUBSIDY,
		    P_EMPSUB_G5 + (int)grade - 5, "一次性伤残就业补助金", &w,
		    grade) == -1)
			return -1;
		law(k, "劳动合同法实施条例 第23条（解除或终止劳动合同时另付经济补偿，"
		    "见 type severance）");
	}
	return 0;
}

/* ---- death at work ---- */

#define MAXDEP	32

static int
death(struct calc *k)
{
	static const char *const spouse[] = { "配偶", "妻子", "丈夫", "妻", "夫",
	    "spouse", NULL };
	static const char *const other[] = { "子女", "儿子", "女儿", "子", "女",
	    "父母", "父亲", "母亲", "父", "母", "祖父母", "祖父", "祖母",
	    "外祖父母", "外祖父", "外祖母", "孙子女", "孙子", "孙女", "外孙子女",
	    "外孙子", "外孙女", "兄弟姐妹", "兄弟", "姐妹", "兄", "弟", "姐",
	    "妹", "哥哥", "弟弟", "姐姐", "妹妹", "child", "parent",
	    "grandparent", "grandchild", "sibling", NULL };
	struct val avg, w, v, inc;
	struct xf_dec fm, mult, rs, ro, rx, sum, one;
	struct {
		char		 name[64];
		struct xf_dec	 r;
	} dep[MAXDEP];
	size_t ndep = 0, i, n;
	const char *s, *p, *end;
	int after, spouses = 0, rc;
	char b[32], b2[32], eb[64];

	law(k, "工伤保险条例 第39条");
	if (get_flag(k, XF_CL_AFTER_LEAVE, &after) == -1)
		return -1;
	if (injury_avg(k, &avg) == -1)
		return -1;
	if (param_num(k, P_FUNERAL_MONTHS, &fm) == -1)
		return -1;
	v_mul(k, &v, &fm, &avg);
	component(k, "丧葬补助金", &v, 0);
	if (after) {
		ex(k, "一至四级伤残职工在停工留薪期满后死亡：无一次性工亡补助金（第39条"
		    "第三款）");
		law(k, "工伤保险条例 第39条第三款（停工留薪期满后死亡的一至四级伤残职工"
		    "不享受一次性工亡补助金）");
	} else {
		if (param_num(k, P_DEATH_MULT, &mult) == -1 ||
		    param_money(k, P_NAT_INCOME, &inc) == -1)
			return -1;
		v_mul(k, &v, &mult, &inc);
		component(k, "一次性工亡补助金", &v, 0);
	}

	if (!field(k, XF_CL_DEPENDANTS, &s, &n))
		return 0;
	if (param_num(k, P_DEP_SPOUSE, &rs) == -1 ||
	    param_num(k, P_DEP_OTHER, &ro) == -1 ||
	    param_num(k, P_DEP_EXTRA, &rx) == -1)
		return -1;
	end = s + n;
	for (p = s; p < end; ) {
		const char *q = p, *tok;
		size_t tl, st, plus;
		int extra = 0;

		/* Items end at ';', '；', '、' or ','. */
		while (q < end && *q != ';' && *q != ',' &&
		    !(end - q >= 3 && (memcmp(q, "；", 3) == 0 ||
		    memcmp(q, "、", 3) == 0 || memcmp(q, "，", 3) == 0)))
			q++;
		xf_utf8_trim(p, (size_t)(q - p), &st, &tl);
		tok = p + st;
		p = q < end ? q + (*q == ';' || *q == ',' ? 1 : 3) : end;
		if (tl == 0)
			continue;
		if (ndep == MAXDEP)
			return fail(k, "dependants: more than %d", MAXDEP);
		for (plus = 0; plus < tl; plus++)
			if (tok[plus] == '+' || (tl - plus >= 3 &&
			    memcmp(tok + plus, "＋", 3) == 0))
				break;
		if (plus < tl) {
			size_t sk = tok[plus] == '+' ? 1 : 3;
			const char *mk = tok + plus + sk;
			size_t ml = tl - plus - sk;

			if ((ml == strlen("孤寡") && memcmp(mk, "孤寡", ml) == 0) ||
			    (ml == strlen("孤儿") && memcmp(mk, "孤儿", ml) == 0))
				extra = 1;
			else
				return fail(k, "dependants: not +孤寡 or +孤儿 "
				    "'%s'", shown(tok, tl, eb));
		}
		if (field_is(tok, plus, spouse)) {
			if (++spouses > 1)
				return fail(k, "dependants: more than one "
				    "spouse '%s'", shown(s, n, eb));
			dep[ndep].r = rs;
		} else if (field_is(tok, plus, other))
			dep[ndep].r = ro;
		else
			return fail(k, "dependants: unknown relation '%s' "
			    "(配偶, 子女, 父母, 祖父母, 孙子女, 兄弟姐妹, ...)",
			    shown(tok, plus, eb));
		if (extra) {
			/* +10%: the same scale is not guaranteed; add exactly. */
			struct xf_dec a = dep[ndep].r, c = rx;

			while (a.scale < c.scale) {
				a.num *= 10;
				a.scale++;
			}
			while (c.scale < a.scale) {
				c.num *= 10;
				c.scale++;
			}
			dep[ndep].r.num = a.num + c.num;
			dep[ndep].r.scale = a.scale;
		}
		snprintf(dep[ndep].name, sizeof(dep[ndep].name), "%.*s",
		    (int)tl, tok);
		ndep++;
	}
	if (ndep == 0)
		return 0;
	if (own_wage(k, &avg, &w) == -1)
		return -1;
	dec_set(&sum, 0, XF_DEC_MAXSCALE);
	for (i = 0; i < ndep; i++) {
		struct xf_dec a = dep[i].r;

		while (a.scale < XF_DEC_MAXSCALE) {
			a.num *= 10;
			a.scale++;
		}
		sum.num += a.num;
	}
	dec_set(&one, 1, 0);
	/* 不应高于: a total equal to the wage is allowed. */
	rc = dec_cmp(&sum, &one) > 0;
	if (rc) {
		warn(k, "供养亲属抚恤金合计为本人工资的%s倍，超过本人工资，按比例核减"
		    "（DOMAIN §B.3：法规未规定核减方法，按比例为常见做法）",
		    fmt_dec(&sum, b));
		ex(k, "抚恤金比例合计 %s > 1：各项乘以 1/%s", fmt_dec(&sum, b),
		    fmt_dec(&sum, b2));
	}
	for (i = 0; i < ndep; i++) {
		char name[96];

		snprintf(name, sizeof(name), "抚恤金(%s)", dep[i].name);
		v_mul(k, &v, &dep[i].r, &w);
		if (rc) {
			if (xf_amount_div_dec(&v.a, &v.a, &sum) == -1)
				k->overflow = 1;
			setexpr(v.e, "%s/%s×%s", fmt_dec(&dep[i].r, b),
			    fmt_dec(&sum, b2), w.e);
		}
		component(k, name, &v, 1);
	}
	law(k, "因工死亡职工供养亲属范围规定（劳动和社会保障部令第18号）");
	return 0;
}

/* ---- land ---- */

static int
land_area(struct calc *k, struct xf_dec *mu)
{
	struct xf_dec ha;
	int m, h;
	char b[32], b2[32];

	m = has(k, XF_CL_AREA_MU);
	h = has(k, XF_CL_AREA_HA);
	if (m && h)
		return fail(k, "give area_mu or area_ha, not both");
	if (!m && !h)
		return fail(k, "no area_mu, nor area_ha");
	if (m)
		return get_pos(k, XF_CL_AREA_MU, 0, mu);
	if (get_pos(k, XF_CL_AREA_HA, 0, &ha) == -1)
		return -1;
	/* 1 公顷 = 15 亩. */
	if (ha.num > INT64_MAX / 15)
		return fail(k, "area_ha: too large");
	dec_set(mu, ha.num * 15, ha.scale);
	ex(k, "面积 %s 公顷 × 15 = %s 亩", fmt_dec(&ha, b), fmt_dec(mu, b2));
	return 1;
}

static int
land_zone(struct calc *k, const struct xf_dec *mu)
{
	struct val price, tot, v;
	struct xf_dec share, one;
	const struct xf_param *r;
	const char *s;
	size_t n, i;
	char name[80], b[64], vb[40];
	int rc;

	law(k, "土地管理法（2019）第48条（区片综合地价）；土地管理法实施条例（2021）"
	    "第32条");
	if ((rc = get_money(k, XF_CL_ZONE_PRICE, &price, 1)) == -1)
		return -1;
	if (rc == 0 && field(k, XF_CL_ZONE, &s, &n)) {
		if (n > 40)
			return fail(k, "zone: too long '%s'", shown(s, n, b));
		memcpy(name, "land_zone_price_", 16);
		for (i = 0; i < n; i++) {
			char ch = s[i];

			if (ch >= 'A' && ch <= 'Z')
				ch = (char)(ch - 'A' + 'a');
			if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' &&
			    ch <= '9') || ch == '_'))
				return fail(k, "zone: only letters, digits and "
				    "'_' '%s'", shown(s, n, b));
			name[16 + i] = ch;
		}
		name[16 + n] = '\0';
		if (table_row(k, name, "zone_price", 0, &r) == -1)
			return -1;
		if (v_yuan(k, &price, &r->dec) == -1)
			return fail(k, "parameter '%s': too large", name);
		note_param(k, -1, name, price.e, r);
	} else if (rc == 0 && param_money(k, P_ZONE_PRICE, &price) == -1)
		return -1;
	if (k->has_date && k->date.year < 2020)
		warn(k, "区片综合地价适用于2020-01-01起批准的征收（土地管理法 2019年"
		    "修正）；此前的征收按 method=multiples");
	v_mul(k, &tot, mu, &price);
	if ((rc = get_dec(k, XF_CL_LAND_SHARE, 1, &share)) == -1)
		return -1;
	if (rc == 0 && (rc = param_any(k, P_ZONE_SHARE, 1, NULL,
	    &share)) == -1)
		return -1;
	if (rc == 1) {
		dec_set(&one, 1, 0);
		if (dec_cmp(&share, &one) > 0)
			return fail(k, "land_share: more than 1 '%s'",
			    fmt_dec(&share, vb));
		if (has(k, XF_CL_LAND_SHARE))
			note_param(k, -1, "land_share", fmt_dec(&share, vb),
			    NULL);
		v_mul(k, &v, &share, &tot);
		component(k, "土地补偿费", &v, 0);
		/* The rest, exactly: (1 - share) × total. */
		{
			struct xf_dec rest = share;
			int64_t u = 1;
			int j;

			for (j = 0; j < share.scale; j++)
				u *= 10;
			rest.num = u - share.num;
			v_mul(k, &v, &rest, &tot);
		}
		component(k, "安置补助费", &v, 0);
	} else {
		component(k, "土地补偿费和安置补助费", &tot, 0);
		warn(k, "土地补偿费与安置补助费的分配比例未配置（由省规定，DOMAIN "
		    "§C.1），只给出合计；可用 land_share 列或 --params 的 "
		    "land_zone_land_share 提供");
	}
	return 0;
}

static int
land_multiples(struct calc *k, const struct xf_dec *mu)
{
	struct val p, land, res, cap, tcap, v;
	struct xf_dec lm, rm, mpp, am, lo, hi, capm, totm;
	int om, oh, rc;
	char b[32], b2[32], b3[32], eb[40], eb2[40];

	law(k, "土地管理法（2004）第47条（征收前三年平均年产值的倍数）");
	om = has(k, XF_CL_ANNUAL_OUTPUT_MU);
	oh = has(k, XF_CL_ANNUAL_OUTPUT_HA);
	if (om && oh)
		return fail(k, "give annual_output_mu or annual_output_ha, not "
		    "both");
	if (!om && !oh)
		return fail(k, "no annual_output_mu, nor annual_output_ha");
	if (om) {
		if (get_money(k, XF_CL_ANNUAL_OUTPUT_MU, &p, 1) == -1)
			return -1;
	} else {
		struct xf_dec fifteen;

		if (get_money(k, XF_CL_ANNUAL_OUTPUT_HA, &v, 1) == -1)
			return -1;
		dec_set(&fifteen, 15, 0);
		v_div(k, &p, &v, &fifteen);
	}
	if ((rc = get_dec(k, XF_CL_LAND_MULTIPLE, 0, &lm)) == -1)
		return -1;
	if (rc == 0)
		return fail(k, "no land_multiple");
	if ((rc = get_dec(k, XF_CL_RESETTLE_MULTIPLE, 0, &rm)) == -1)
		return -1;
	if (rc == 0)
		return fail(k, "no resettle_multiple");
	if ((rc = get_pos(k, XF_CL_MU_PER_PERSON, 0, &mpp)) == -1)
		return -1;
	if (rc == 0)
		return fail(k, "no mu_per_person");
	if (need_date(k, pdefs[P_LAND_MULT_MIN].name) == -1)
		return -1;
	{
		const char *os;
		size_t on;

		/* The old multiples stop with the 2019 revision. */
		if (xf_params_get(k->x->p, pdefs[P_LAND_MULT_MIN].name,
		    k->region, &k->date) == NULL &&
		    !override(k, P_LAND_MULT_MIN, &os, &on))
			return fail(k, "method multiples: no multiples in force "
			    "on %s (土地管理法 2004 第47条 applies to acquisitions "
			    "before 2020-01-01; use method zone)",
			    xf_date_format(&k->date, b));
	}
	if (param_num(k, P_LAND_MULT_MIN, &lo) == -1 ||
	    param_num(k, P_LAND_MULT_MAX, &hi) == -1)
		return -1;
	if (dec_cmp(&lm, &lo) < 0 || dec_cmp(&lm, &hi) > 0)
		return fail(k, "land_multiple: outside %s to %s (土地管理法 2004 "
		    "第47条) '%s'", fmt_dec(&lo, b), fmt_dec(&hi, b2),
		    fmt_dec(&lm, b3));
	if (param_num(k, P_RESETTLE_MIN, &lo) == -1 ||
	    param_num(k, P_RESETTLE_MAX, &hi) == -1)
		return -1;
	if (dec_cmp(&rm, &lo) < 0 || dec_cmp(&rm, &hi) > 0)
		return fail(k, "resettle_multiple: outside %s to %s (土地管理法 "
		    "2004 第47条) '%s'", fmt_dec(&lo, b), fmt_dec(&hi, b2),
		    fmt_dec(&rm, b3));
	if (param_num(k, P_RESETTLE_CAP, &capm) == -1 ||
	    param_num(k, P_LAND_TOTAL_CAP, &totm) == -1)
		return -1;
	if ((rc = get_dec(k, XF_CL_APPROVED_MULTIPLE, 0, &am)) == -1)
		return -1;
	if (rc == 1) {
		if (dec_cmp(&am, &capm) < 0)
			return fail(k, "approved_multiple: below the %s× cap it "
			    "would lift '%s'", fmt_dec(&capm, b),
			    fmt_dec(&am, b2));
		ex(k, "省级批准的安置补助费倍数 %s 取代 %s 倍上限（总和仍不超过 %s "
		    "倍）", fmt_dec(&am, b), fmt_dec(&capm, b2),
		    fmt_dec(&totm, b3));
		law(k, "土地管理法（2004）第47条第六款（经省级人民政府批准增加安置补助费，"
		    "总和不得超过30倍）");
		note_param(k, -1, "approved_multiple", fmt_dec(&am, b), NULL);
		capm = am;
	}

	/* 土地补偿费 = land_multiple × P × area. */
	v_mul(k, &land, &lm, &p);
	v_mulr(k, &land, &land, mu);
	component(k, "土地补偿费", &land, 0);

	/*
	 * 安置补助费 = persons × P × resettle_multiple, persons = area /
	 * mu_per_person, kept exact (DOMAIN C.2).
	 */
	{
		struct val t;
		v_mul(k, &t, &rm, &p);
		v_mulr(k, &t, &t, mu);
		if (xf_amount_div_dec(&res.a, &t.a, &mpp) == -1)
			k->overflow = 1;
		setexpr(res.e, "%s×%s×%s/%s", fmt_dec(&rm, b), p.e,
		    fmt_dec(mu, b2), fmt_dec(&mpp, b3));
		ex(k, "需要安置的农业人口 = %s/%s 人（不取整，DOMAIN §C.2）",
		    fmt_dec(mu, b), fmt_dec(&mpp, b2));
	}
	v_mul(k, &cap, &capm, &p);
	v_mulr(k, &cap, &cap, mu);
	/* 最高不得超过 15 倍: equal is allowed. */
	if (xf_amount_cmp(&res.a, &cap.a) > 0) {
		warn(k, "按人数计的安置补助费 %s 超过每公顷%s倍的上限，按上限 %s 计"
		    "（土地管理法 2004 第47条）", fmt_exact(&res.a, eb),
		    fmt_dec(&capm, b), fmt_exact(&cap.a, eb2));
		res = cap;
	}
	v_mul(k, &tcap, &totm, &p);
	v_mulr(k, &tcap, &tcap, mu);
	{
		struct xf_amount sum = land.a;

		a_add(k, &sum, &res.a);
		if (xf_amount_cmp(&sum, &tcap.a) > 0) {
			warn(k, "土地补偿费和安置补助费合计超过%s倍（%s），安置补助费"
			    "减至 %s 倍与土地补偿费之差（土地管理法 2004 第47条）",
			    fmt_dec(&totm, b), fmt_exact(&tcap.a, eb),
			    fmt_dec(&totm, b2));
			if (xf_amount_sub(&res.a, &tcap.a, &land.a) == -1)
				k->overflow = 1;
			setexpr(res.e, "%s-%s", tcap.e, land.e);
		}
	}
	component(k, "安置补助费", &res, 0);
	return 0;
}

static int
land(struct calc *k)
{
	static const char *const zone_w[] = { "zone", "区片", "区片综合地价",
	    NULL };
	static const char *const mult_w[] = { "multiples", "倍数", "产值倍数",
	    NULL };
	struct xf_dec mu;
	struct val v, per;
	const char *s;
	size_t n;
	char b[64];
	int rc;

	if (!field(k, XF_CL_METHOD, &s, &n))
		return fail(k, "no method (zone or multiples)");
	if (land_area(k, &mu) == -1)
		return -1;
	if (field_is(s, n, zone_w))
		rc = land_zone(k, &mu);
	else if (field_is(s, n, mult_w))
		rc = land_multiples(k, &mu);
	else
		return fail(k, "method: not zone or multiples '%s'",
		    shown(s, n, b));
	if (rc == -1)
		return -1;
	if ((rc = get_money(k, XF_CL_CROPS_PER_MU, &per, 1)) == -1)
		return -1;
	if (rc == 1) {
		v_mulr(k, &v, &per, &mu);
		component(k, "青苗补偿费", &v, 0);
	}
	if ((rc = get_money(k, XF_CL_ATTACHMENTS, &v, 1)) == -1)
		return -1;
	if (rc == 1)
		component(k, "地上附着物补偿费", &v, 0);
	if (has(k, XF_CL_CROPS_PER_MU) || has(k, XF_CL_ATTACHMENTS))
		law(k, "地上附着物和青苗等的补偿标准由省规定（土地管理法 第48条）");
	ex(k, "被征地农民社会保障费用单独列支（实施条例 第32条），不在此计算");
	return 0;
}

/* ---- house ---- */

static int
house(struct calc *k)
{
	static const char *const cash_w[] = { "cash", "货币", "货币补偿", NULL };
	static const char *const swap_w[] = { "swap", "产权调换", "调换", NULL };
	struct xf_dec area, varea, na, minarea, tm, am, over, normal, mult, rate;
	struct xf_dec dmoves;
	struct val price, value, np, nv, fee, v, t, profit, a1, a2;
	const char *s;
	size_t n;
	long moves;
	int swap, rc, rc2;
	char b[64], eb[40], eb2[40];

	law(k, "国有土地上房屋征收与补偿条例 第17条、第19条");
	if (!field(k, XF_CL_METHOD, &s, &n))
		return fail(k, "no method (cash or swap)");
	if (field_is(s, n, cash_w))
		swap = 0;
	else if (field_is(s, n, swap_w))
		swap = 1;
	else
		return fail(k, "method: not cash or swap '%s'", shown(s, n, b));
	if ((rc = get_pos(k, XF_CL_AREA_M2, 0, &area)) == -1)
		return -1;
	if (rc == 0)
		return fail(k, "no area_m2");
	if ((rc = get_money(k, XF_CL_PRICE_M2, &price, 1)) == -1)
		return -1;
	if (rc == 0)
		return fail(k, "no price_m2");
	varea = area;
	if ((rc = get_pos(k, XF_CL_MIN_AREA_M2, 0, &minarea)) == -1)
		return -1;
	if (rc == 1 && dec_cmp(&area, &minarea) < 0) {
		warn(k, "面积 %s m² 不足最低补偿面积，按 %s m² 计（地方规定，例如山东"
		    "第25条；DOMAIN §D.4）", fmt_dec(&area, b), fmt_dec(&minarea,
		    eb));
		varea = minarea;
	}
	v_mul(k, &value, &varea, &price);
	component(k, "被征收房屋价值", &value, 0);

	if (!swap && (has(k, XF_CL_NEW_AREA_M2) || has(k, XF_CL_NEW_PRICE_M2)))
		return fail(k, "new_area_m2, new_price_m2: only with method "
		    "swap");
	if (swap) {
		law(k, "第21条（产权调换，结清差价）");
		if ((rc = get_pos(k, XF_CL_NEW_AREA_M2, 0, &na)) == -1)
			return -1;
		if (rc == 0)
			return fail(k, "method swap needs new_area_m2");
		if ((rc = get_money(k, XF_CL_NEW_PRICE_M2, &np, 1)) == -1)
			return -1;
		if (rc == 0)
			return fail(k, "method swap needs new_price_m2");
		v_mul(k, &nv, &na, &np);
		v_neg(k, &nv, &nv);
		component(k, "产权调换房屋价值", &nv, 0);
	}

	/* 搬迁费: 第22条. */
	if ((rc = get_long(k, XF_CL_MOVES, 0, 100, &moves)) == -1)
		return -1;
	if (rc == 0)
		moves = swap ? 2 : 1;
	if (moves > 0) {
		law(k, "第22条（搬迁费、临时安置费）");
		if ((rc = get_money(k, XF_CL_MOVE_FEE_M2, &fee, 1)) == -1)
			return -1;
		if (rc == 0 && param_money(k, P_MOVE_FEE, &fee) == -1)
			return -1;
		dec_set(&dmoves, moves, 0);
		v_mul(k, &v, &dmoves, &fee);
		{
			if (xf_amount_mul_dec(&v.a, &v.a, &area) == -1)
				k->overflow = 1;
			setexpr(v.e, "%ld×%s×%s", moves,
			    fmt_dec(&area, b), fee.e);
		}
		component(k, "搬迁费", &v, 0);
		if (!has(k, XF_CL_MOVES))
			ex(k, "moves 为空：%s按%ld次计", swap ? "产权调换（搬出、搬入）" :
			    "货币补偿", moves);
	}

	/* 临时安置费, doubled past the agreed period (山东 第28条 model). */
	if ((rc = get_dec(k, XF_CL_TEMP_MONTHS, 0, &tm)) == -1)
		return -1;
	if (rc == 1 && tm.num > 0) {
		if ((rc = get_money(k, XF_CL_TEMP_FEE_M2_MONTH, &fee, 1)) == -1)
			return -1;
		if (rc == 0 && param_money(k, P_TEMP_FEE, &fee) == -1)
			return -1;
		normal = tm;
		dec_set(&over, 0, 0);
		if ((rc = get_dec(k, XF_CL_AGREED_MONTHS, 0, &am)) == -1)
			return -1;
		/* Months beyond (超过) the agreed period: equal is not over. */
		if (rc == 1 && dec_cmp(&tm, &am) > 0) {
			normal = am;
			over = tm;
			while (over.scale < am.scale) {
				over.num *= 10;
				over.scale++;
			}
			{
				struct xf_dec ag = am;

				while (ag.scale < over.scale) {
					ag.num *= 10;
					ag.scale++;
				}
				over.num -= ag.num;
			}
		}
		if (normal.num > 0) {
			v_mul(k, &v, &area, &fee);
			v_mulr(k, &v, &v, &normal);
			setexpr(v.e, "%s×%s×%s", fmt_dec(&area, b),
			    fee.e, fmt_dec(&normal, eb));
			component(k, "临时安置费", &v, 0);
		}
		if (over.num > 0) {
			if (param_num(k, P_OVERRUN_MULT, &mult) == -1)
				return -1;
			v_mul(k, &v, &area, &fee);
			v_mulr(k, &v, &v, &over);
			v_mul(k, &v, &mult, &v);
			setexpr(v.e, "%s×%s×%s×%s", fmt_dec(&mult, eb2),
			    fmt_dec(&area, b), fee.e, fmt_dec(&over, eb));
			component(k, "临时安置费(逾期)", &v, 0);
			warn(k, "过渡期超过约定的%s个月，超出的%s个月按%s倍计",
			    fmt_dec(&am, eb), fmt_dec(&over, b),
			    fmt_dec(&mult, eb2));
		}
	}

	/* 补助和奖励: 第17条第二款. */
	if ((rc = get_dec(k, XF_CL_BONUS_RATE, 1, &rate)) == -1)
		return -1;
	if (rc == 1) {
		v_mul(k, &v, &rate, &value);
		component(k, "补助和奖励", &v, 0);
	}
	if ((rc = get_money(k, XF_CL_BONUS_M2, &fee, 1)) == -1)
		return -1;
	if (rc == 1) {
		v_mul(k, &v, &area, &fee);
		setexpr(v.e, "%s×%s", fmt_dec(&area, b), fee.e);
		component(k, "补助和奖励(按面积)", &v, 0);
	}
	if (has(k, XF_CL_BONUS_RATE) || has(k, XF_CL_BONUS_M2))
		law(k, "第17条第二款（补助和奖励）");

	/* 停产停业损失: 第23条; the larger of the methods given. */
	if ((rc = get_money(k, XF_CL_MONTHLY_PROFIT, &profit, 1)) == -1)
		return -1;
	if ((rc2 = get_dec(k, XF_CL_SUSPENSION_MONTHS, 0, &tm)) == -1)
		return -1;
	if (rc != rc2)
		return fail(k, "monthly_profit and suspension_months go "
		    "together");
	if ((rc2 = get_dec(k, XF_CL_LOSS_FLOOR_RATE, 1, &rate)) == -1)
		return -1;
	if (rc == 1 || rc2 == 1) {
		law(k, "第23条（停产停业损失）");
		if (rc == 1)
			v_mulr(k, &a1, &profit, &tm);
		if (rc2 == 1)
			v_mul(k, &a2, &rate, &value);
		if (rc == 1 && rc2 == 1) {
			ex(k, "停产停业损失：按利润 %s = %s，按比例 %s = %s，取较高者",
			    a1.e, fmt_exact(&a1.a, eb), a2.e,
			    fmt_exact(&a2.a, eb2));
			t = xf_amount_cmp(&a2.a, &a1.a) > 0 ? a2 : a1;
		} else
			t = rc == 1 ? a1 : a2;
		component(k, "停产停业损失", &t, 0);
	}
	return 0;
}

/* ---- the claim ---- */

struct xf_compensator *
xf_compensate_new(const struct xf_params *p, const char *region)
{
	struct xf_compensator *x;

	x = xf_calloc(1, sizeof(*x));
	x->p = p;
	x->region = region != NULL ? region : XF_PARAMS_REGION;
	x->pre2008 = XF_PRE2008_CONTINUOUS;
	sb_reset(&x->comp);
	sb_reset(&x->basis);
	sb_reset(&x->warn);
	sb_reset(&x->expl);
	sb_reset(&x->err);
	return x;
}

void
xf_compensate_free(struct xf_compensator *x)
{
	if (x == NULL)
		return;
	free(x->comp.s);
	free(x->basis.s);
	free(x->warn.s);
	free(x->expl.s);
	free(x->err.s);
	free(x);
}

void
xf_compensate_set_pre2008(struct xf_compensator *x, enum xf_pre2008 m)
{
	x->pre2008 = m;
}

void
xf_compensate_set_explain(struct xf_compensator *x, int on)
{
	x->explain = on != 0;
}

const char *
xf_compensate_field(int f)
{
	if (f < 0 || f >= XF_CL_NFIELDS)
		return NULL;
	return fnames[f];
}

const char *
xf_compensate_param(int i)
{
	if (i < 0 || i >= P_N)
		return NULL;
	return pdefs[i].name;
}

int
xf_compensate_param_index(const char *name)
{
	int i;

	for (i = 0; i < P_N; i++)
		if (strcmp(pdefs[i].name, name) == 0)
			return i;
	return -1;
}

static int
claim_type(struct calc *k, int *type)
{
	const char *s;
	size_t n, i;
	char b[64];

	if (!field(k, XF_CL_TYPE, &s, &n))
		return fail(k, "no type");
	for (i = 0; i < sizeof(tdefs) / sizeof(tdefs[0]); i++)
		if (strlen(tdefs[i].name) == n &&
		    strncasecmp(s, tdefs[i].name, n) == 0) {
			*type = tdefs[i].type;
			return 0;
		}
	return fail(k, "unknown type '%s' (severance, unlawful, no-contract, "
	    "arrears, injury, death, land, house)", shown(s, n, b));
}

int
xf_compensate_run(struct xf_compensator *x, const struct xf_claim *c,
    struct xf_award *a)
{
	struct calc k;
	const char *s;
	size_t n;
	int type = -1, rc;
	char b[64], d[XF_DATE_STRLEN];

	memset(&k, 0, sizeof(k));
	k.x = x;
	k.c = c;
	xf_amount_from_fen(&k.total, 0);
	xf_amount_from_fen(&k.monthly, 0);
	sb_reset(&x->comp);
	sb_reset(&x->basis);
	sb_reset(&x->warn);
	sb_reset(&x->expl);
	sb_reset(&x->err);
	memset(a, 0, sizeof(*a));
	a->components = a->basis = a->warnings = a->explain = "";
	a->error = x->err.s;

	rc = claim_type(&k, &type);
	if (rc == 0) {
		if (field(&k, XF_CL_REGION, &s, &n)) {
			if (n >= sizeof(k.region))
				rc = fail(&k, "region: too long '%s'",
				    shown(s, n, b));
			else {
				memcpy(k.region, s, n);
				k.region[n] = '\0';
			}
		} else
			snprintf(k.region, sizeof(k.region), "%s", x->region);
	}
	if (rc == 0 && get_date(&k, XF_CL_DATE, &k.date) == -1)
		rc = -1;
	else if (rc == 0 && has(&k, XF_CL_DATE)) {
		k.has_date = 1;
		k.datefrom = "date";
	}
	if (rc == 0) {
		a->type = tnames[type];
		ex(&k, "类型 %s，地区 %s%s%s", tnames[type], k.region,
		    k.has_date ? "，日期 " : "",
		    k.has_date ? xf_date_format(&k.date, d) : "");
		switch (type) {
		case T_SEVERANCE:
			rc = severance(&k, 0);
			break;
		case T_UNLAWFUL:
			rc = severance(&k, 1);
			break;
		case T_NOCONTRACT:
			rc = no_contract(&k);
			break;
		case T_ARREARS:
			rc = arrears(&k);
			break;
		case T_INJURY:
			rc = injury(&k);
			break;
		case T_DEATH:
			rc = death(&k);
			break;
		case T_LAND:
			rc = land(&k);
			break;
		default:
			rc = house(&k);
			break;
		}
	}
	if (rc == 0 && k.overflow)
		rc = fail(&k, "amount too large");
	if (rc == 0 && xf_amount_round(&k.total, &a->amount) == -1)
		rc = fail(&k, "amount too large");
	if (rc == 0 && k.has_monthly &&
	    xf_amount_round(&k.monthly, &a->monthly) == -1)
		rc = fail(&k, "amount too large");
	if (rc == -1) {
		a->error = x->err.s;
		return -1;
	}
	a->has_monthly = k.has_monthly;
	if (a->amount != k.total_parts || (k.has_monthly &&
	    a->monthly != k.monthly_parts)) {
		char t1[XF_MONEY_BUFSZ], t2[XF_MONEY_BUFSZ];

		if (a->amount != k.total_parts)
			warn(&k, "各项分别四舍五入到分，其和 %s 与按精确值合计后一次"
			    "舍入的 amount %s 不同（DOMAIN §0.1）",
			    fmt_fen(k.total_parts, t1), fmt_fen(a->amount, t2));
		else
			warn(&k, "各项分别四舍五入到分，其和 %s 与按精确值合计后一次"
			    "舍入的 monthly_amount %s 不同（DOMAIN §0.1）",
			    fmt_fen(k.monthly_parts, t1),
			    fmt_fen(a->monthly, t2));
	}
	a->components = x->comp.s;
	a->basis = x->basis.s;
	a->warnings = x->warn.s;
	a->explain = x->expl.s;
	a->error = "";
	return 0;
}
