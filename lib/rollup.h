/* SPDX-License-Identifier: ISC */

/*
 * The group table behind xf-rollup: counts of cases (件, one per record)
 * and persons (人次), and exact sums of money in fen, per group and per
 * reporting period; then the finished table: groups in a fixed order,
 * shares of each period that add up to 100.0, comparisons with the
 * previous period or the same period a year earlier, the largest groups
 * with the rest folded into one row, and totals.
 *
 * A group is a period (or none) and the values of the key columns, byte
 * for byte.  Memory grows with the number of groups, never with the
 * number of records added.  Adding the same records in any order, in
 * one table or spread over several whose contents are added together
 * later (the partial state, xf_rollup_state()), gives the same table
 * and the same finished rows.
 *
 * Order of the finished rows (xf_rollup_result()):
 *   - periods in time order;
 *   - within a period, groups by cases, largest first, then by persons,
 *     largest first, then by key: the key fields compared one after the
 *     other, each bytewise (for UTF-8, code point order), a shorter
 *     field that is a prefix of a longer one first;
 *   - groups with no cases in the period, present only because they had
 *     some in the base period of a comparison, after those, by key;
 *   - then the folded row (XF_ROLLUP_OTHER), then the period's total
 *     (XF_ROLLUP_TOTAL); after the last period, the total of all
 *     periods (XF_ROLLUP_GRAND).
 *
 * The module never prints and never exits; failures return -1 and a
 * static reason (lower case, no full stop).
 */

#ifndef XF_ROLLUP_H
#define XF_ROLLUP_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"

/* The most key columns and sum columns a table has. */
#define XF_ROLLUP_MAXKEY	32
#define XF_ROLLUP_MAXSUM	32

/* What a period is compared with. */
enum xf_rollup_compare {
	XF_ROLLUP_NOCOMPARE,
	XF_ROLLUP_PREV,		/* 环比: the period before */
	XF_ROLLUP_YOY		/* 同比: the same period a year before */
};

/* Kinds of finished row. */
enum xf_rollup_kind {
	XF_ROLLUP_GROUP,	/* one group */
	XF_ROLLUP_OTHER,	/* the groups folded by opt->top (其他) */
	XF_ROLLUP_TOTAL,	/* every group of one period (合计) */
	XF_ROLLUP_GRAND		/* every group of every period (合计) */
};

struct xf_rollup_opt {
	enum xf_rollup_compare compare;	/* needs periods */
	size_t		 top;		/* keep this many groups; 0: all */
	int		 total;		/* 1: TOTAL and GRAND rows */
	const char	*other;		/* the folded row's label (其他) */
};

/*
 * One finished row, as xf_rollup_result() and xf_rollup_state() hand it
 * over.  Pointers are valid during the callback only.
 *
 * key[i] (keylen[i] bytes, not NUL-terminated) are the key fields of a
 * GROUP row; NULL for the other kinds, whose key columns the caller
 * fills with its labels.  period is the first day of the row's period
 * (GROUP, OTHER, TOTAL with periods); otherwise all zero.
 *
 * Shares are in tenths of a percent of the period (share.h), computed
 * over the rows the period shows (kept groups and the folded row), in
 * their order, so that equal remainders favour the row shown first; a
 * TOTAL or GRAND row has 1000.  A period whose cases (or persons) add
 * up to 0, which only a caller adding zero counts can make, has shares
 * of 0.
 *
 * With a comparison: has_prev is 1 when the base period has records in
 * the table (then prev_cases and prev_persons are the base period's
 * figures for the same group, 0 if it had none there; for the OTHER row
 * the sum over the groups folded into it; for TOTAL the whole base
 * period), else 0.  has_change is 1 when has_prev is and prev_cases is
 * not 0; change is then (cases - prev_cases) / prev_cases in tenths of
 * a percent, rounded half away from zero.  GRAND rows never compare.
 */
struct xf_rollup_row {
	enum xf_rollup_kind kind;
	struct xf_date	 period;
	const char	*const *key;
	const size_t	*keylen;
	uint64_t	 cases, persons;
	const int64_t	*sums;		/* nsum sums, in fen */
	uint32_t	 case_share, person_share;
	int		 has_prev;
	uint64_t	 prev_cases, prev_persons;
	int		 has_change;
	int64_t		 change;
};

struct xf_rollup;

/*
 * A new, empty table with nkey key fields (0..XF_ROLLUP_MAXKEY), nsum
 * sums (0..XF_ROLLUP_MAXSUM), and periods of kind period (an
 * enum xf_period), or -1 for none.  Returns NULL for bad arguments or
 * when out of memory.
 */
struct xf_rollup *xf_rollup_new(size_t nkey, size_t nsum, int period);

/* Free the table.  NULL is allowed. */
void	 xf_rollup_free(struct xf_rollup *);

/*
 * Add cases, persons and sums[0..nsum-1] (fen; sums may be NULL when
 * nsum is 0) to the group of the period holding date d (NULL, and
 * ignored, without periods) and the key fields key[i] of keylen[i]
 * bytes.  Returns 0, or -1, leaving the table as it was, with *why (if
 * why is not NULL) "out of memory", "count too large" (a count would
 * pass 2^64 - 1) or "sum too large" (a sum would pass INT64_MAX in
 * magnitude).
 */
int	 xf_rollup_add(struct xf_rollup *, const struct xf_date *d,
	    const char *const *key, const size_t *keylen, uint64_t cases,
	    uint64_t persons, const int64_t *sums, const char **why);

/* The number of groups. */
size_t	 xf_rollup_count(const struct xf_rollup *);

/*
 * In xf_rollup_state() and xf_rollup_result(), emit is called once per
 * row with arg; it returns 0 to go on, or -1 to stop (the function then
 * returns -1 with the reason "stopped").
 *
 * xf_rollup_state() hands every group to emit, as XF_ROLLUP_GROUP rows
 * with counts and sums only (no shares, no comparison), in order of
 * period and then key: the table's state, from which xf_rollup_add()
 * rebuilds it.  Returns 0, or -1 with *why ("out of memory",
 * "stopped").
 */
int	 xf_rollup_state(struct xf_rollup *,
	    int (*emit)(void *arg, const struct xf_rollup_row *), void *arg,
	    const char **why);

/*
 * Hand the finished rows to emit, in the order described at the top,
 * following opt (which may be NULL: no comparison, all groups, no
 * totals).  A comparison on a table without periods, or opt->top with
 * opt->other NULL, is refused.  A group whose key fields all equal
 * opt->other is, when opt->top is set, never one of the kept groups:
 * it is counted in the folded row.
 *
 * Returns 0, or -1 with *why: "comparison needs periods", "top needs a
 * label for the folded row", "out of memory", "sum too large",
 * "stopped".
 */
int	 xf_rollup_result(struct xf_rollup *, const struct xf_rollup_opt *opt,
	    int (*emit)(void *arg, const struct xf_rollup_row *), void *arg,
	    const char **why);

/*
 * The period label xf_date_bucket() writes ("2024-05-06", "2024-W19",
 * "2024-05", "2024-Q2", "2024"), read back: exactly that form, nothing
 * around it, and a label that exists (no 2024-W53, 2024-13, 2024-Q5).
 * *d receives the first day of the period.  Returns 0, or -1 leaving *d
 * alone.
 */
int	 xf_rollup_period_parse(int period, const char *s, size_t n,
	    struct xf_date *d);

/*
 * The persons (人次) of a record from its persons field (n bytes at s):
 * empty counts 1; otherwise a positive whole number below 10^9 without
 * leading zeros, blanks around it and full-width digits allowed (as
 * xf-validate takes it).  Returns the number, or 0 if it is not one.
 */
uint64_t xf_rollup_persons(const char *s, size_t n);

#endif /* XF_ROLLUP_H */
