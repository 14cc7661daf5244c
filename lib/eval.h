/* SPDX-License-Identifier: ISC */

/*
 * Classification metrics from pairs of labels: a gold (true) label and a
 * predicted one per row.  The counter keeps, per distinct label, how
 * often it was the gold label, how often it was predicted and how often
 * both at once (true positives), and per distinct (gold, predicted) pair
 * how often it occurred, for the confusion matrix.  Memory grows with
 * the number of distinct labels and pairs, never with the number of rows.
 *
 * Labels are byte strings compared byte for byte; the caller trims them
 * (xf_eval_trim) first.  A row may have no prediction (an empty predicted
 * label): it counts as wrong, towards the gold label's support, and adds
 * no class.
 *
 * The classes are the union of the gold and the predicted labels, sorted
 * by their bytes (memcmp; a prefix sorts first).  Per class c, with tp
 * the rows where gold and prediction are both c:
 *
 *   precision = tp / predicted(c)     0 when c was never predicted
 *   recall    = tp / gold(c)          0 when c is never gold
 *   f1        = 2 tp / (gold(c) + predicted(c))
 *
 * which is scikit-learn's classification_report with labels=None and
 * zero_division=0 (F1 written without P and R, so that it needs no
 * special case: gold(c) + predicted(c) > 0 for every class).  Averages:
 * macro is the unweighted mean over the classes, weighted is the mean
 * weighted by support (gold count), micro computes the three from the
 * summed counts; accuracy is the correct rows over all rows counted.
 * Without rows lacking a prediction, micro precision, recall and F1 all
 * equal the accuracy.
 *
 * Allocation failures exit through xf_malloc (see xf.h).  Nothing here
 * prints.
 */

#ifndef XF_EVAL_H
#define XF_EVAL_H

#include <stdio.h>

struct xf_csvout;

#include <stddef.h>

/* Room for a value formatted by xf_eval_format: "1.0000" and a NUL. */
#define XF_EVAL_NUMSZ	8

struct xf_eval;

/* One class and its counts. */
struct xf_eval_class {
	const char		*label;	/* NUL-terminated; owned by the counter */
	size_t			 len;	/* bytes in label (it may hold NULs) */
	unsigned long long	 tp;	/* gold and predicted */
	unsigned long long	 gold;	/* gold: the support */
	unsigned long long	 pred;	/* predicted */
};

/* Precision, recall and F1 (from 0 to 1) and the support they cover. */
struct xf_eval_score {
	double			 precision;
	double			 recall;
	double			 f1;
	unsigned long long	 support;
};

struct xf_eval_summary {
	struct xf_eval_score	 macro;
	struct xf_eval_score	 weighted;
	struct xf_eval_score	 micro;
	double			 accuracy;	/* 0 when no row was counted */
	unsigned long long	 rows;		/* rows counted */
	unsigned long long	 correct;	/* of which predicted right */
	unsigned long long	 nopred;	/* of which without a prediction */
};

/* An empty counter.  Free it with xf_eval_free. */
struct xf_eval *xf_eval_new(void);

/* Free the counter and every label it holds.  NULL is allowed. */
void	 xf_eval_free(struct xf_eval *);

/*
 * Count one row: gold label GOLD of glen bytes, predicted label PRED of
 * plen bytes (plen 0: no prediction; pred may then be NULL).  Both are
 * copied when new.  Returns 0, or -1 when the gold label is empty (the
 * row is not counted).
 */
int	 xf_eval_add(struct xf_eval *, const char *gold, size_t glen,
	    const char *pred, size_t plen);

/*
 * The number of classes, and class i (0 <= i < xf_eval_nclass) in label
 * order.  The label pointer stays valid until xf_eval_free; the order is
 * worked out again after each xf_eval_add, so an index is only good
 * until the next one.
 */
size_t	 xf_eval_nclass(struct xf_eval *);
void	 xf_eval_class(struct xf_eval *, size_t i, struct xf_eval_class *);

/*
 * The confusion matrix cell: rows whose gold label is class i and whose
 * prediction is class j, in label order.  j == xf_eval_nclass means
 * rows without a prediction.  0 for indexes out of range.
 */
unsigned long long xf_eval_cell(struct xf_eval *, size_t i, size_t j);

/* Precision, recall, F1 and support of one class. */
void	 xf_eval_score(const struct xf_eval_class *, struct xf_eval_score *);

/* The averages and the accuracy over everything counted so far. */
void	 xf_eval_summary(struct xf_eval *, struct xf_eval_summary *);

/*
 * Trim ASCII spaces and tabs from both ends of s (n bytes).  Sets *start
 * to the offset of the first byte kept and *len to the bytes kept (0 for
 * an all-blank string).
 */
void	 xf_eval_trim(const char *s, size_t n, size_t *start, size_t *len);

/*
 * The prediction to count for a row whose predicted field lists several
 * labels separated by the byte SEP (xf-classify --all writes "A;B").
 * Each listed label is trimmed (xf_eval_trim) and empty ones are
 * ignored.  If the gold label (glen bytes, already trimmed) is among
 * them, that one is chosen (a hit); otherwise the first one listed (a
 * miss).  Sets *start and *len to the chosen label within list, or *len
 * to 0 when the list names no label.  Returns 1 for a hit, else 0.
 */
int	 xf_eval_pick(const char *gold, size_t glen, const char *list,
	    size_t n, int sep, size_t *start, size_t *len);

/*
 * Format v (from 0 to 1) with four decimals, rounded half up, into buf
 * ("0.6667").  A value within 1e-13 below a half-way point (0.00005,
 * 0.00015, ...) is taken as that point, so that an exact half reached
 * through rounding errors (a mean of fractions) still goes up.  Values
 * out of range are clamped to 0 and 1.
 */
void	 xf_eval_format(double v, char buf[XF_EVAL_NUMSZ]);

/*
 * Write label (n bytes) as a Markdown table cell to fp: '|' and '\\'
 * escaped, line breaks as blanks.
 */
void	 xf_eval_md_label(FILE *fp, const char *s, size_t n);

/*
 * The scores table of xf-eval(1) and xf-train(1): a row per class, the
 * macro, weighted and micro averages and the accuracy; as a Markdown
 * table on fp when markdown, else as CSV records on out (columns kind,
 * class, precision, recall, f1, support).  Only the header when nothing
 * was counted.  Errors are left to the stream's error flag.
 */
void	 xf_eval_print_scores(struct xf_eval *ev, int markdown, FILE *fp,
	    struct xf_csvout *out);

#endif /* XF_EVAL_H */
