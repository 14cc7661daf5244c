/* SPDX-License-Identifier: ISC */
/*
 * Price-linked temporary subsidies (价格临时补贴, DOMAIN.md section F):
 * whether a month's CPI or food-CPI rise reaches its trigger, which rise
 * is paid, and the subsidy per person for each group, exact to the fen.
 * The caller (xf-pricelink) reads the months, resolves the dated
 * parameters and prints; this module only decides and computes.
 *
 * Rules (DOMAIN.md F):
 *   - a trigger is met when the rise reaches it ("达到": equal counts);
 *   - either trigger is enough; when both are met the higher rise is
 *     paid (the standard is the same, so the higher amount);
 *   - subsidy per person per month = the 低保 standard per month x the
 *     rise / 100; the rural standard is per year and is divided by 12;
 *     the result is exact until one half-up rounding at the end
 *     (DOMAIN.md 0.1), to the fen or, as a local option, to the yuan;
 *     a local minimum applies after the rounding;
 *   - no trigger met: no subsidy that month (no run-off).
 *
 * The module is pure: it never prints, never exits and never allocates.
 * Failures return -1 with a static English reason where one helps.
 */
#ifndef XF_PRICELINK_H
#define XF_PRICELINK_H

#include <stddef.h>
#include <stdint.h>

#include "money.h"

/* The groups, in output order, with their labels. */
enum xf_pl_group {
	XF_PL_URBAN,		/* 城市低保 */
	XF_PL_RURAL,		/* 农村低保: the rural standard / 12 */
	XF_PL_TEKUN,		/* 特困人员 */
	XF_PL_ORPHAN,		/* 孤儿 */
	XF_PL_UNEMP_INS,	/* 失业保险金领取人员 */
	XF_PL_EDGE,		/* 低保边缘 (2022-09 to 2023-03) */
	XF_PL_UNEMP_AID,	/* 失业补助金领取人员 (2022-09 to 2023-03) */
	XF_PL_NGROUP
};

/* The parameters a month uses. */
enum xf_pl_param {
	XF_PP_CPI_TRIGGER,	/* pricelink_cpi_trigger, percent */
	XF_PP_FOOD_TRIGGER,	/* pricelink_food_trigger, percent */
	XF_PP_DIBAO_URBAN,	/* dibao_urban, yuan per person per month */
	XF_PP_DIBAO_RURAL,	/* dibao_rural, yuan per person per year */
	XF_PP_COVER0,		/* pricelink_cover_<group>: 1 covered, 0 not,
				   one per group in enum xf_pl_group order */
	XF_PP_N = XF_PP_COVER0 + XF_PL_NGROUP
};

/* Which rise a month pays. */
enum xf_pl_index {
	XF_PL_NONE,		/* no trigger met */
	XF_PL_CPI,		/* the CPI rise */
	XF_PL_FOOD		/* the food-CPI rise */
};

/* The label of group g ("城市低保"), or NULL if out of range. */
const char *xf_pl_group_name(int g);

/* The group labelled by the len bytes at s (exactly), or -1. */
int	 xf_pl_group_find(const char *s, size_t len);

/* 1 if group g is paid from the rural (annual) standard, else 0. */
int	 xf_pl_group_rural(int g);

/*
 * The parameter-table name of p ("pricelink_cpi_trigger",
 * "pricelink_cover_dibao_edge"), or NULL if out of range.
 */
const char *xf_pl_param_name(int p);

/*
 * The label of index i: "CPI", "食品CPI", or "" for XF_PL_NONE (and
 * anything out of range).
 */
const char *xf_pl_index_name(int i);

/*
 * Read a month, the len bytes at s: YYYY-MM, YYYY-M, YYYY/MM, YYYY.MM,
 * YYYYMM or YYYY年M月, full-width digits and separators allowed, blanks
 * around ignored; the year 1900 to 2199.  Returns 0 and sets *year and
 * *month, or -1 with a static reason in *why (if why is not NULL):
 * "empty", "not a month (expected YYYY-MM)", "month out of range",
 * "year out of range (1900 to 2199)".
 */
int	 xf_pl_parse_month(const char *s, size_t len, int *year, int *month,
	    const char **why);

/*
 * Read a year-on-year rise in percent, the len bytes at s: a decimal as
 * xf_dec_parse() reads it ("3.6", "-0.8", "+2"), optionally followed by
 * one '%' ("3.6%" is 3.6, not 0.036), full-width digits, sign, point and
 * '％' allowed, blanks around ignored; magnitude at most 1000.  Returns 0
 * and sets *d, or -1 with a static reason in *why: "empty", "too long",
 * those of xf_dec_parse(), "out of range (-1000 to 1000)".
 */
int	 xf_pl_parse_percent(const char *s, size_t len, struct xf_dec *d,
	    const char **why);

/* A month's decision. */
struct xf_pl_decision {
	int		 cpi_met;	/* cpi rise >= cpi trigger */
	int		 food_met;	/* food rise >= food trigger */
	int		 index;		/* enum xf_pl_index: the rise paid */
	struct xf_dec	 rate;		/* that rise, when index != NONE */
};

/*
 * Decide a month from its rises and triggers (all percent).  Both met:
 * the higher rise is paid; equal rises pay the CPI one (the same
 * amount).  Cannot fail; the comparisons are exact.
 */
void	 xf_pl_decide(const struct xf_dec *cpi, const struct xf_dec *food,
	    const struct xf_dec *cpi_trigger, const struct xf_dec *food_trigger,
	    struct xf_pl_decision *d);

/* How amounts are rounded: to unit fen (1 or 100), then at least min. */
struct xf_pl_rounding {
	int64_t	 unit;		/* 1: the fen (default); 100: the yuan */
	int64_t	 min;		/* fen; 0: no minimum */
};

/*
 * The subsidy per person for one month: standard (fen; per month, or per
 * year when annual is 1, then divided by 12) x rate / 100, exact, then
 * rounded once, half up, to rnd->unit fen (rnd NULL: to the fen), then
 * raised to rnd->min if below it.  Call it only for a triggered month
 * (an untriggered month pays 0).  Returns 0 and sets *fen, or -1 with a
 * static reason in *why: "negative standard", "negative rate", "bad
 * rounding unit", "too large".
 */
int	 xf_pl_subsidy(int64_t standard, int annual, const struct xf_dec *rate,
	    const struct xf_pl_rounding *rnd, int64_t *fen, const char **why);

/*
 * The payout for count persons at per fen each, into *fen.  Returns 0,
 * or -1 if count or per is negative or the result is beyond
 * XF_MONEY_MAX.
 */
int	 xf_pl_payout(int64_t per, int64_t count, int64_t *fen);

/*
 * *sum += add, or -1 (leaving *sum alone) if the result is beyond
 * XF_MONEY_MAX in magnitude.
 */
int	 xf_pl_add(int64_t *sum, int64_t add);

#endif /* XF_PRICELINK_H */
