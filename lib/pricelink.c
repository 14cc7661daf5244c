/* SPDX-License-Identifier: ISC */
/*
 * The decision core of xf-pricelink: triggers, the rise paid, and the
 * subsidy per person, exact to the fen (DOMAIN.md section F and 0.1).
 * See pricelink.h for the interface.
 */

#include <stdint.h>
#include <string.h>

#include "money.h"
#include "pricelink.h"
#include "utf8.h"

/* The longest month or percent field read, after folding. */
#define FIELDMAX	64

static const char *const groupnames[XF_PL_NGROUP] = {
	"城市低保", "农村低保", "特困人员", "孤儿", "失业保险金领取人员",
	"低保边缘", "失业补助金领取人员"
};

static const char *const paramnames[XF_PP_N] = {
	"pricelink_cpi_trigger", "pricelink_food_trigger", "dibao_urban",
	"dibao_rural", "pricelink_cover_dibao_urban",
	"pricelink_cover_dibao_rural", "pricelink_cover_tekun",
	"pricelink_cover_orphan", "pricelink_cover_unemployment_insurance",
	"pricelink_cover_dibao_edge", "pricelink_cover_unemployment_aid"
};

const char *
xf_pl_group_name(int g)
{
	if (g < 0 || g >= XF_PL_NGROUP)
		return NULL;
	return groupnames[g];
}

int
xf_pl_group_find(const char *s, size_t len)
{
	int g;

	for (g = 0; g < XF_PL_NGROUP; g++)
		if (strlen(groupnames[g]) == len &&
		    memcmp(groupnames[g], s, len) == 0)
			return g;
	return -1;
}

int
xf_pl_group_rural(int g)
{
	return g == XF_PL_RURAL;
}

const char *
xf_pl_param_name(int p)
{
	if (p < 0 || p >= XF_PP_N)
		return NULL;
	return paramnames[p];
}

const char *
xf_pl_index_name(int i)
{
	if (i == XF_PL_CPI)
		return "CPI";
	if (i == XF_PL_FOOD)
		return "食品CPI";
	return "";
}

/*
 * Fold full-width forms and trim blanks: the result in buf (not
 * NUL-terminated), its length in *n.  -1 if empty or too long.
 */
static int
fold(const char *s, size_t len, char buf[FIELDMAX], size_t *n,
    const char **why)
{
	size_t st, tl;

	xf_utf8_trim(s, len, &st, &tl);
	if (tl == 0) {
		if (why != NULL)
			*why = "empty";
		return -1;
	}
	if (tl > FIELDMAX * 3) {
		if (why != NULL)
			*why = "too long";
		return -1;
	}
	{
		char tmp[FIELDMAX * 3];

		tl = xf_utf8_halfwidth(s + st, tl, tmp);
		if (tl > FIELDMAX) {
			if (why != NULL)
				*why = "too long";
			return -1;
		}
		memcpy(buf, tmp, tl);
	}
	/* A folded U+3000 may have left blanks at either end. */
	xf_utf8_trim(buf, tl, &st, n);
	memmove(buf, buf + st, *n);
	if (*n == 0) {
		if (why != NULL)
			*why = "empty";
		return -1;
	}
	return 0;
}

/* The decimal digits at s[*i] (at most max), as a number; 0 digits: -1. */
static int
digits(const char *s, size_t n, size_t *i, int max)
{
	int v = 0, k = 0;

	while (*i < n && s[*i] >= '0' && s[*i] <= '9' && k < max) {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		k++;
	}
	return k == 0 ? -1 : v;
}

int
xf_pl_parse_month(const char *s, size_t len, int *year, int *month,
    const char **why)
{
	static const char nian[] = "年", yue[] = "月";
	char buf[FIELDMAX];
	size_t n, i = 0;
	int y, m;

	if (fold(s, len, buf, &n, why) == -1)
		return -1;
	if (n == 6 && digits(buf, n, &i, 6) != -1 && i == 6) {
		i = 0;
		y = digits(buf, n, &i, 4);
		m = digits(buf, n, &i, 2);
	} else {
		i = 0;
		if ((y = digits(buf, n, &i, 4)) == -1 || i != 4)
			goto bad;
		if (i < n && (buf[i] == '-' || buf[i] == '/' ||
		    buf[i] == '.')) {
			i++;
			if ((m = digits(buf, n, &i, 2)) == -1 || i != n)
				goto bad;
		} else if (n - i >= sizeof(nian) - 1 &&
		    memcmp(buf + i, nian, sizeof(nian) - 1) == 0) {
			i += sizeof(nian) - 1;
			if ((m = digits(buf, n, &i, 2)) == -1 ||
			    n - i != sizeof(yue) - 1 ||
			    memcmp(buf + i, yue, sizeof(yue) - 1) != 0)
				goto bad;
		} else
			goto bad;
	}
	if (m < 1 || m > 12) {
		if (why != NULL)
			*why = "month out of range";
		return -1;
	}
	if (y < 1900 || y > 2199) {
		if (why != NULL)
			*why = "year out of range (1900 to 2199)";
		return -1;
	}
	*year = y;
	*month = m;
	return 0;
bad:
	if (why != NULL)
		*why = "not a month (expected YYYY-MM)";
	return -1;
}

int
xf_pl_parse_percent(const char *s, size_t len, struct xf_dec *d,
    const char **why)
{
	char buf[FIELDMAX];
	struct xf_dec v;
	size_t n;
	int64_t lim;
	int k;

	if (fold(s, len, buf, &n, why) == -1)
		return -1;
	if (buf[n - 1] == '%') {
		n--;
		if (n == 0 || buf[n - 1] == '%') {
			if (why != NULL)
				*why = "not a number";
			return -1;
		}
	}
	if (xf_dec_parse(buf, n, &v, why) == -1)
		return -1;
	lim = 1000;
	for (k = 0; k < v.scale; k++)
		lim *= 10;
	if (v.num > lim || v.num < -lim) {
		if (why != NULL)
			*why = "out of range (-1000 to 1000)";
		return -1;
	}
	*d = v;
	return 0;
}

/* d as an exact amount (1 fen times d), for comparisons. */
static void
dec_amount(const struct xf_dec *d, struct xf_amount *a)
{
	xf_amount_from_fen(a, 1);
	/* Cannot overflow: |num| < 2^63, 10^scale <= 10^9. */
	(void)xf_amount_mul_dec(a, a, d);
}

static int
dec_cmp(const struct xf_dec *x, const struct xf_dec *y)
{
	struct xf_amount a, b;

	dec_amount(x, &a);
	dec_amount(y, &b);
	return xf_amount_cmp(&a, &b);
}

void
xf_pl_decide(const struct xf_dec *cpi, const struct xf_dec *food,
    const struct xf_dec *cpi_trigger, const struct xf_dec *food_trigger,
    struct xf_pl_decision *d)
{
	memset(d, 0, sizeof(*d));
	d->cpi_met = dec_cmp(cpi, cpi_trigger) >= 0;
	d->food_met = dec_cmp(food, food_trigger) >= 0;
	if (d->cpi_met && (!d->food_met || dec_cmp(cpi, food) >= 0)) {
		d->index = XF_PL_CPI;
		d->rate = *cpi;
	} else if (d->food_met) {
		d->index = XF_PL_FOOD;
		d->rate = *food;
	} else
		d->index = XF_PL_NONE;
}

int
xf_pl_subsidy(int64_t standard, int annual, const struct xf_dec *rate,
    const struct xf_pl_rounding *rnd, int64_t *fen, const char **why)
{
	struct xf_amount a;
	int64_t unit = rnd != NULL ? rnd->unit : 1;
	int64_t min = rnd != NULL ? rnd->min : 0;
	int64_t q;

	if (standard < 0) {
		if (why != NULL)
			*why = "negative standard";
		return -1;
	}
	if (rate->num < 0) {
		if (why != NULL)
			*why = "negative rate";
		return -1;
	}
	if (unit != 1 && unit != 100) {
		if (why != NULL)
			*why = "bad rounding unit";
		return -1;
	}
	xf_amount_from_fen(&a, standard);
	if (xf_amount_mul_dec(&a, &a, rate) == -1 ||
	    xf_amount_div_int(&a, &a, annual ? 1200 * unit : 100 * unit) ==
	    -1 || xf_amount_round(&a, &q) == -1 ||
	    q > XF_MONEY_MAX / unit) {
		if (why != NULL)
			*why = "too large";
		return -1;
	}
	q *= unit;
	if (q < min)
		q = min;
	*fen = q;
	return 0;
}

int
xf_pl_payout(int64_t per, int64_t count, int64_t *fen)
{
	int64_t r;

	if (per < 0 || count < 0 || __builtin_mul_overflow(per, count, &r) ||
	    r > XF_MONEY_MAX)
		return -1;
	*fen = r;
	return 0;
}

int
xf_pl_add(int64_t *sum, int64_t add)
{
	int64_t r;

	if (__builtin_add_overflow(*sum, add, &r) || r > XF_MONEY_MAX ||
	    r < -XF_MONEY_MAX)
		return -1;
	*sum = r;
	return 0;
}
