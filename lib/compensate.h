/* SPDX-License-Identifier: ISC */

/*
 * What the law gives a petitioner, item by item: the calculation core of
 * xf-compensate(1).  One claim (a CSV row, seen through the names of its
 * columns) goes in; the amounts, the components with their multipliers,
 * the articles and parameter sources they rest on, warnings and, on
 * request, the full working come out.  The rules are those of DOMAIN.md
 * sections 0 and A to D:
 *
 *	severance	经济补偿, 劳动合同法 第46-47条, 代通知金 第40条
 *	unlawful	赔偿金, 第87条 (twice 经济补偿, instead of it)
 *	no-contract	二倍工资, 第82条 (at most 11 months)
 *	arrears		unpaid wages and 加付赔偿金, 第85条
 *	injury		工伤保险条例 第33-37条
 *	death		工伤保险条例 第39条
 *	land		土地管理法 2019 第48条 (zone price) or 2004 第47条
 *	house		国有土地上房屋征收与补偿条例 第17-23条
 *
 * Money is exact (struct xf_amount) from the inputs to each reported
 * amount, which is rounded once, half up, to the fen (DOMAIN.md 0.1).
 * Every figure a government sets is a dated parameter (params.h) looked
 * up on the claim's date for its region; a column named as a parameter
 * overrides it for that claim.  A parameter that is only a placeholder
 * without a value (the 延边 average wage, the 吉林 minimum wage, ...) makes
 * the claim fail with a message that names the parameter and how to
 * supply it; a placeholder with a value is used and reported as such.
 *
 * The module never prints and never exits, except that memory comes from
 * xf_malloc and friends, which exit when it runs out.
 */

#ifndef XF_COMPENSATE_H
#define XF_COMPENSATE_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "params.h"

/* The claim's input fields, by column name (see xf_compensate_field). */
enum xf_claim_field {
	XF_CL_TYPE,
	XF_CL_REGION,
	XF_CL_DATE,
	XF_CL_AVG_WAGE,
	XF_CL_WAGE_TOTAL,
	XF_CL_WAGE_MONTHS,
	XF_CL_SERVICE_START,
	XF_CL_SERVICE_END,
	XF_CL_SERVICE_MONTHS,
	XF_CL_NOTICE_PAY,
	XF_CL_LAST_MONTH_WAGE,
	XF_CL_PRE2008,
	XF_CL_PRE2008_CAP,
	XF_CL_MONTHLY_WAGE,
	XF_CL_MONTHS,
	XF_CL_WORK_START,
	XF_CL_CONTRACT_SIGNED,
	XF_CL_AMOUNT_DUE,
	XF_CL_RATE,
	XF_CL_GRADE,
	XF_CL_CONTRIBUTION_WAGE,
	XF_CL_CARE_LEVEL,
	XF_CL_LEAVE,
	XF_CL_NO_WORK,
	XF_CL_MEDICAL_SUBSIDY,
	XF_CL_EMPLOYMENT_SUBSIDY,
	XF_CL_DEPENDANTS,
	XF_CL_AFTER_LEAVE,
	XF_CL_METHOD,
	XF_CL_AREA_MU,
	XF_CL_AREA_HA,
	XF_CL_ZONE,
	XF_CL_ZONE_PRICE,
	XF_CL_LAND_SHARE,
	XF_CL_ANNUAL_OUTPUT_MU,
	XF_CL_ANNUAL_OUTPUT_HA,
	XF_CL_MU_PER_PERSON,
	XF_CL_LAND_MULTIPLE,
	XF_CL_RESETTLE_MULTIPLE,
	XF_CL_APPROVED_MULTIPLE,
	XF_CL_CROPS_PER_MU,
	XF_CL_ATTACHMENTS,
	XF_CL_AREA_M2,
	XF_CL_PRICE_M2,
	XF_CL_NEW_AREA_M2,
	XF_CL_NEW_PRICE_M2,
	XF_CL_MIN_AREA_M2,
	XF_CL_MOVES,
	XF_CL_MOVE_FEE_M2,
	XF_CL_TEMP_MONTHS,
	XF_CL_TEMP_FEE_M2_MONTH,
	XF_CL_AGREED_MONTHS,
	XF_CL_BONUS_RATE,
	XF_CL_BONUS_M2,
	XF_CL_MONTHLY_PROFIT,
	XF_CL_SUSPENSION_MONTHS,
	XF_CL_LOSS_FLOOR_RATE,
	XF_CL_NFIELDS
};

/* Most parameter-named columns one claim may carry. */
#define XF_CLAIM_MAXOVER	16

/*
 * One claim.  val[f] points at the len[f] bytes of field f (need not be
 * NUL-terminated), or is NULL when the input has no such column; an
 * empty or blank field counts as absent.  over[] lists the columns whose
 * names are parameter names (xf_compensate_param_index), each overriding
 * that parameter.  Nothing is copied: the bytes must stay valid during
 * xf_compensate_run().
 */
struct xf_claim {
	const char	*val[XF_CL_NFIELDS];
	size_t		 len[XF_CL_NFIELDS];
	size_t		 nover;
	struct {
		int		 param;
		const char	*val;
		size_t		 len;
	} over[XF_CLAIM_MAXOVER];
};

/*
 * The result of one claim.  The strings are NUL-terminated, owned by the
 * compensator and valid until its next xf_compensate_run() or
 * xf_compensate_free().
 */
struct xf_award {
	int64_t		 amount;	/* one-off total owed, fen; < 0: owed by the person */
	int		 has_monthly;	/* 1 if there are recurring benefits */
	int64_t		 monthly;	/* their monthly total, fen */
	const char	*type;		/* the claim type's canonical name */
	const char	*components;	/* "名称=乘数×基数=金额;..." */
	const char	*basis;		/* articles and parameter sources */
	const char	*warnings;	/* "" when none */
	const char	*explain;	/* the working, lines "  ...\n"; "" unless asked */
	const char	*error;		/* why the claim failed (after -1) */
};

/* How pre-2008 service counts in severance (DOMAIN.md A.7). */
enum xf_pre2008 {
	XF_PRE2008_CONTINUOUS,	/* one N under A.2, with a warning (default) */
	XF_PRE2008_SPLIT	/* 481号 before 2008, A.2 from 2008-01-01 */
};

struct xf_compensator;

/*
 * A compensator that looks parameters up in p (which must outlive it).
 * region is the region of claims without one (NULL: XF_PARAMS_REGION;
 * the string must outlive the compensator).  Never NULL.
 */
struct xf_compensator *xf_compensate_new(const struct xf_params *p,
	    const char *region);

/* Free it.  NULL is allowed. */
void	 xf_compensate_free(struct xf_compensator *);

/* The pre-2008 mode of claims without a pre2008 column (default CONTINUOUS). */
void	 xf_compensate_set_pre2008(struct xf_compensator *, enum xf_pre2008);

/* 1: fill xf_award.explain with the working; 0 (the default): do not. */
void	 xf_compensate_set_explain(struct xf_compensator *, int);

/*
 * Compute claim c into *a.  Returns 0, or -1 when the claim cannot be
 * computed (unknown type, missing or contradictory inputs, a value out of
 * range, a parameter with no value, an amount too large); then a->error
 * says why, in English, lower case, the offending value quoted.
 */
int	 xf_compensate_run(struct xf_compensator *, const struct xf_claim *c,
	    struct xf_award *a);

/*
 * The column name of field f ("avg_wage", ...), or NULL if f is not a
 * field.
 */
const char *xf_compensate_field(int f);

/*
 * The name of the i-th parameter the module reads (0, 1, ...), or NULL
 * past the last: a column of that name overrides it.
 */
const char *xf_compensate_param(int i);

/* The index of the parameter called name (NUL-terminated), or -1. */
int	 xf_compensate_param_index(const char *name);

/*
 * Service length from start to end, both days included (DOMAIN.md A.2):
 * whole months (a month runs to the day before the same-numbered day, or
 * to the month's last day when there is no such day) and the days left
 * over.  2019-09-16 to 2024-03-15 is 54 months 0 days; to 2024-03-14, 53
 * months 28 days.  Returns 0, or -1 if end is before start.
 */
int	 xf_compensate_service(const struct xf_date *start,
	    const struct xf_date *end, long *months, long *days);

/*
 * The months of wage of 经济补偿 for a service of months whole months and
 * days more, in half months (劳动合同法 第47条): a month per full year;
 * for the rest, half a month if it is under six months, a month if it is
 * six months or more (以上 includes the number, DOMAIN.md 0.2), nothing
 * if there is no rest.  54 months 0 days gives 10 (N = 5); 53 months 28
 * days gives 9 (N = 4.5).  months and days must not be negative.
 */
long	 xf_compensate_halves(long months, long days);

#endif /* XF_COMPENSATE_H */
