/* SPDX-License-Identifier: ISC */
/*
 * Aid eligibility per household under DOMAIN.md section E: 低保 (E.1,
 * E.2), 低保边缘 (E.3), 特困 (E.4), 公租房 (E.7), 临时救助 (E.5) and
 * 医疗救助 (E.6).  The caller (xf-eligible) reads the members of one
 * household, resolves the dated parameters for it, and asks for one
 * decision per programme; each decision carries a one-line reason (the
 * criterion that decided it, with the figures) and a trace (every
 * criterion, the values compared, the parameter and its source).
 *
 * Money is integer fen and every comparison is exact (struct
 * xf_amount): per-capita income is never rounded before it is compared
 * (DOMAIN.md 0.1), and "低于" is strict (0.2).  Amounts are rounded once,
 * half up, to the fen.
 *
 * The module never prints and never exits; it allocates the reason and
 * trace strings through xf_malloc (which exits when memory runs out).
 */
#ifndef XF_ELIGIBLE_H
#define XF_ELIGIBLE_H

#include <stddef.h>
#include <stdint.h>

#include "money.h"

/* The programmes, in output order. */
enum xf_elig_prog {
	XF_ELIG_DIBAO,		/* 低保 */
	XF_ELIG_EDGE,		/* 低保边缘 */
	XF_ELIG_TEKUN,		/* 特困 */
	XF_ELIG_GZF,		/* 公租房 */
	XF_ELIG_TEMP,		/* 临时救助 */
	XF_ELIG_MEDICAL,	/* 医疗救助 */
	XF_ELIG_NPROG
};

/* The parameters a decision may use. */
enum xf_elig_param {
	XF_EP_DIBAO_URBAN,	/* dibao_urban, yuan per person per month */
	XF_EP_DIBAO_RURAL,	/* dibao_rural, yuan per person per year */
	XF_EP_EDGE_MULT,	/* dibao_edge_multiplier */
	XF_EP_ASSETS_MONTHS,	/* assets_limit_months */
	XF_EP_TEKUN_MULT,	/* tekun_dibao_multiple */
	XF_EP_TEKUN_LIST,	/* tekun_disability_list: 2016 or 2021 */
	XF_EP_GZF_INCOME,	/* gongzufang_income_limit, per person/month */
	XF_EP_GZF_AREA,		/* gongzufang_area_limit, m2 per person */
	XF_EP_GZF_YEARS,	/* gongzufang_employment_years */
	XF_EP_TEMP_MONTHS,	/* temp_aid_months */
	XF_EP_MED_RATE,		/* medical_aid_rate */
	XF_EP_MED_DEDUCT,	/* medical_aid_deductible, yuan per year */
	XF_EP_MED_CAP,		/* medical_aid_cap, yuan per person per year */
	XF_EP_MED_EDGE_RATE,	/* medical_aid_edge_rate: 低保边缘 members */
	XF_EP_MED_EDGE_DEDUCT,	/* medical_aid_edge_deductible, yuan/year */
	XF_EP_DIBAO_PREV,	/* the 低保 standard a year before the date
				   (特困's "上年低保标准"): dibao_urban or
				   dibao_rural looked up a year earlier */
	XF_EP_N
};

/*
 * The parameter table name of p ("dibao_urban"); for XF_EP_DIBAO_PREV
 * NULL (the caller looks up dibao_urban or dibao_rural a year earlier).
 */
const char *xf_elig_param_name(int p);

/* The Chinese label of programme g ("低保"), or NULL if out of range. */
const char *xf_elig_prog_name(int g);

/* The programme labelled by the len bytes at s, or -1. */
int	 xf_elig_prog_find(const char *s, size_t len);

/*
 * One resolved parameter.  The strings are not owned (they point into
 * the parameter table or the input row) and must outlive the decision.
 */
struct xf_elig_pval {
	int		 known;		/* 0: not supplied (no value) */
	struct xf_dec	 dec;		/* the value, when known */
	const char	*where;		/* "延吉市 2025-01-01起" or "列 X" */
	const char	*source;	/* the table's source column */
	int		 placeholder;	/* a stand-in, not law */
};

/* Who supports a person (column supporter). */
enum xf_elig_supporter {
	XF_SUP_UNKNOWN,		/* empty */
	XF_SUP_HAS,		/* 有 */
	XF_SUP_NONE,		/* 无 */
	XF_SUP_UNABLE		/* 无能力 */
};

/* Disability kinds (column disability: 肢体一级, 智力二级, ...). */
enum xf_elig_dis {
	XF_DIS_NONE,
	XF_DIS_LIMB,		/* 肢体 */
	XF_DIS_INTELLECT,	/* 智力 */
	XF_DIS_MENTAL,		/* 精神 */
	XF_DIS_VISUAL,		/* 视力 */
	XF_DIS_HEARING,		/* 听力 */
	XF_DIS_SPEECH,		/* 言语 */
	XF_DIS_MULTIPLE		/* 多重 */
};

/* One member of a household.  name is not owned. */
struct xf_elig_person {
	const char	*name;
	int		 counted;	/* 0: member_status excludes */
	const char	*status;	/* member_status as given ("" none) */
	int		 age;		/* years on the date, -1 unknown */
	int64_t		 income;	/* counted monthly income, fen */
	int64_t		 excluded;	/* monthly income not counted, fen */
	int		 dis_kind;	/* enum xf_elig_dis */
	int		 dis_grade;	/* 1..4, 0 none */
	int		 supporter;	/* enum xf_elig_supporter */
	int		 has_emp;	/* local_employment_years given */
	struct xf_dec	 emp_years;
	int64_t		 emergency;	/* emergency_cost, fen (0 none) */
	int64_t		 medical;	/* medical_cost for the year, fen */
	int64_t		 rigid;		/* rigid_cost: monthly essential
					   costs (medical, education), fen */
};

/*
 * What the decisions of one household share: the outcomes of 低保, 特困
 * and 低保边缘 (ok: 1, 0 or -1 undecided), which the dependent
 * programmes (低保边缘, 医疗救助) would otherwise work out again.  Zero
 * it for each household; free is with xf_elig_memo_clear.
 */
enum { XF_EM_DIBAO, XF_EM_TEKUN, XF_EM_EDGE, XF_EM_N };
struct xf_elig_memo {
	int	 known[XF_EM_N];
	int	 ok[XF_EM_N];
	int	 placeholder[XF_EM_N];
	int	*is;		/* 特困 per row (n ints), when known */
};

/* Free what m holds and zero it. */
void	 xf_elig_memo_clear(struct xf_elig_memo *m);

/* One household. */
struct xf_elig_household {
	const char		*id;
	int			 rural;		/* 农村: annual standard */
	const struct xf_elig_person *p;
	size_t			 n;		/* rows (members and not) */
	int			 has_assets;
	int64_t			 assets;	/* fen */
	int			 has_area;
	struct xf_dec		 area;		/* housing_area_m2 */
	int			 edge_inclusive; /* 低保边缘 with <= */
	int			 no_trace;	/* 1: leave trace "" (faster) */
	struct xf_elig_pval	 par[XF_EP_N];
	struct xf_elig_memo	*memo;		/* NULL, or shared outcomes
						   (the decisions fill it) */
};

/* A decision.  reason and trace are owned: free with xf_elig_clear(). */
struct xf_elig_result {
	int	 decided;	/* 0: a parameter is missing (see reason) */
	int	 eligible;	/* 1 or 0, when decided */
	int	 has_monthly;
	int64_t	 monthly;	/* monthly amount, fen */
	int	 has_lump;
	int64_t	 lump;		/* one-off (临时救助) or yearly (医疗救助) */
	int	 placeholder;	/* a placeholder parameter was used */
	char	*reason;	/* one line, never NULL */
	char	*trace;		/* criteria joined by "; ", never NULL;
				   "" when the household says no_trace */
};

/*
 * The number of counted members and their total counted monthly income
 * in fen (in *income; may be NULL).  Cannot fail: each income is at
 * most XF_MONEY_MAX (9e15) and the caller keeps a household to at most
 * 1000 rows, so the sum fits int64_t.
 */
size_t	 xf_elig_counted(const struct xf_elig_household *h, int64_t *income);

/*
 * Decide programme g for household h into *r (overwritten; free its
 * strings with xf_elig_clear()).  Programmes depend on one another
 * (低保边缘 on 低保, 医疗救助 on 低保 and 特困); the function works them
 * out itself.  Returns 0, or -1 if g is out of range or an amount
 * overflows (r->reason then says so; r->decided is 0).
 */
int	 xf_elig_decide(const struct xf_elig_household *h, int g,
	    struct xf_elig_result *r);

/* Free the strings of r and zero it.  NULL is allowed. */
void	 xf_elig_clear(struct xf_elig_result *r);

/*
 * Column readers.  Each reads the len bytes at s (blanks around are
 * ignored) and returns 0, or -1 with a static English reason in *why.
 */
/* member_status: "" counted; 服刑, 强制隔离戒毒, 宗教教职3年以上,
 * 宣告失踪 not counted; 刑满释放, 监外执行, 保外就医, 假释 counted. */
int	 xf_elig_parse_status(const char *s, size_t len, int *counted,
	    const char **why);
/* hukou: 城镇 (or 城市) -> 0, 农村 -> 1. */
int	 xf_elig_parse_hukou(const char *s, size_t len, int *rural,
	    const char **why);
/* disability: "" none, or KIND then grade 一级..四级 (or 1级..4级). */
int	 xf_elig_parse_disability(const char *s, size_t len, int *kind,
	    int *grade, const char **why);
/* supporter: "" unknown, 有, 无, 无能力. */
int	 xf_elig_parse_supporter(const char *s, size_t len, int *sup,
	    const char **why);

#endif /* XF_ELIGIBLE_H */
