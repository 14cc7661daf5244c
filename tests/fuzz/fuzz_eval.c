/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for the metrics core of xf-eval(1) (lib/eval.h).
 * The input is lines "GOLD<TAB>PREDICTED" (LF-separated; a line without
 * a tab has no prediction); the predicted field may list several labels
 * separated by ';', as xf-classify --all writes them, and the one to
 * count is chosen with xf_eval_pick, as the tool does.  Every count is
 * checked against a plain recount of the pairs here.  Any broken
 * promise aborts.
 *
 * Checked:
 *   - xf_eval_pick: a hit chooses the gold label itself; a miss chooses
 *     the first non-empty label listed, and the gold label is not in
 *     the list; no label chosen only when the list names none;
 *   - xf_eval_add refuses exactly the rows with an empty gold label;
 *   - the classes are the distinct labels, sorted by their bytes, each
 *     with the gold, predicted and true-positive counts of a recount;
 *   - the confusion matrix: row i sums to gold(i), column j to pred(j),
 *     the diagonal is tp, the last column counts the rows without a
 *     prediction;
 *   - the summary: rows, correct and nopred as recounted, accuracy is
 *     correct / rows, every score within 0 .. 1, and without rows
 *     lacking a prediction micro P = R = F1 = accuracy;
 *   - xf_eval_format writes "d.dddd" within half a unit of the last
 *     place of the value.
 */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Rows and labels kept for the recount. */
#define MAXROWS	256

struct pair {
	const char	*g;
	size_t		 glen;
	const char	*p;
	size_t		 plen;
};

static void	 fail(const char *);
static int	 same(const char *, size_t, const char *, size_t);
static void	 check_format(double);
static void	 check_score(const struct xf_eval_score *);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_eval: %s\n", what);
	abort();
}

static int
same(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

static void
check_format(double v)
{
	char buf[XF_EVAL_NUMSZ], *end;
	double back;

	xf_eval_format(v, buf);
	if (strlen(buf) != 6 || buf[1] != '.' || (buf[0] != '0' &&
	    buf[0] != '1') || strspn(buf + 2, "0123456789") != 4)
		fail("xf_eval_format wrote another shape than d.dddd");
	back = strtod(buf, &end);
	if (v < 0)
		v = 0;
	if (v > 1)
		v = 1;
	if (fabs(back - v) > 0.00005 + 1e-12)
		fail("xf_eval_format is not within half a unit");
}

static void
check_score(const struct xf_eval_score *s)
{
	if (!(s->precision >= 0 && s->precision <= 1) ||
	    !(s->recall >= 0 && s->recall <= 1) ||
	    !(s->f1 >= 0 && s->f1 <= 1))
		fail("a score outside 0 .. 1");
	check_format(s->precision);
	check_format(s->recall);
	check_format(s->f1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pair row[MAXROWS];
	const char *s = (const char *)data, *end = s + size, *line, *eol, *tab;
	const char *g, *list;
	struct xf_eval *e;
	struct xf_eval_class c, prev;
	struct xf_eval_summary sum;
	struct xf_eval_score sc;
	size_t nrow = 0, i, j, k, n, nc, gs, gl, ps, pl, ls, ll, first;
	unsigned long long gold, pred, tp, correct = 0, nopred = 0, tot;
	int hit, found, cmp;

	e = xf_eval_new();
	for (line = s; line < end && nrow < MAXROWS; line = eol + 1) {
		if ((eol = memchr(line, '\n', (size_t)(end - line))) == NULL)
			eol = end;
		tab = memchr(line, '\t', (size_t)(eol - line));
		xf_eval_trim(line, (size_t)((tab != NULL ? tab : eol) - line),
		    &gs, &gl);
		g = line + gs;
		list = tab != NULL ? tab + 1 : eol;
		n = (size_t)(eol - list);

		/* The pick, against a walk through the list. */
		hit = xf_eval_pick(g, gl, list, n, ';', &ps, &pl);
		found = 0;
		first = (size_t)-1;
		for (i = 0; i <= n; i = k + 1) {
			for (k = i; k < n && list[k] != ';'; k++)
				;
			xf_eval_trim(list + i, k - i, &ls, &ll);
			if (ll == 0)
				continue;
			if (first == (size_t)-1)
				first = i + ls;
			if (same(list + i + ls, ll, g, gl))
				found = 1;
		}
		if (hit != found)
			fail("xf_eval_pick: hit or miss wrong");
		if (hit && !same(list + ps, pl, g, gl))
			fail("xf_eval_pick: a hit that is not the gold label");
		if (!hit && first == (size_t)-1 && pl != 0)
			fail("xf_eval_pick: a label from a list of none");
		if (!hit && first != (size_t)-1 && (pl == 0 || ps != first))
			fail("xf_eval_pick: a miss that is not the first");
		if (pl > 0 && ps + pl > n)
			fail("xf_eval_pick: label outside the list");

		if (xf_eval_add(e, g, gl, pl > 0 ? list + ps : NULL, pl) ==
		    -1) {
			if (gl != 0)
				fail("xf_eval_add refused a gold label");
			continue;
		}
		if (gl == 0)
			fail("xf_eval_add took an empty gold label");
		row[nrow].g = g;
		row[nrow].glen = gl;
		row[nrow].p = list + ps;
		row[nrow].plen = pl;
		if (pl == 0)
			nopred++;
		else if (same(g, gl, list + ps, pl))
			correct++;
		nrow++;
		if (eol == end)
			break;
	}

	nc = xf_eval_nclass(e);
	for (i = 0; i < nc; i++) {
		xf_eval_class(e, i, &c);
		if (c.label == NULL || c.label[c.len] != '\0')
			fail("class label not NUL-terminated");
		if (i > 0) {
			n = prev.len < c.len ? prev.len : c.len;
			cmp = n > 0 ? memcmp(prev.label, c.label, n) : 0;
			if (cmp > 0 || (cmp == 0 && prev.len >= c.len))
				fail("classes not in byte order");
		}
		gold = pred = tp = 0;
		for (j = 0; j < nrow; j++) {
			if (same(row[j].g, row[j].glen, c.label, c.len))
				gold++;
			if (same(row[j].p, row[j].plen, c.label, c.len))
				pred++;
			if (same(row[j].g, row[j].glen, c.label, c.len) &&
			    same(row[j].p, row[j].plen, c.label, c.len))
				tp++;
		}
		if (gold != c.gold || pred != c.pred || tp != c.tp)
			fail("class counts differ from a recount");
		if (gold + pred == 0)
			fail("a class neither gold nor predicted");
		xf_eval_score(&c, &sc);
		check_score(&sc);
		if (fabs(sc.f1 - 2.0 * (double)tp / (double)(gold + pred)) >
		    1e-12)
			fail("F1 is not 2 tp / (gold + pred)");
		tot = 0;
		for (j = 0; j <= nc; j++)
			tot += xf_eval_cell(e, i, j);
		if (tot != gold)
			fail("a confusion row does not sum to the support");
		if (xf_eval_cell(e, i, i) != tp)
			fail("the diagonal is not tp");
		tot = 0;
		for (j = 0; j < nc; j++)
			tot += xf_eval_cell(e, j, i);
		if (tot != pred)
			fail("a confusion column does not sum to pred");
		if (xf_eval_cell(e, nc + 1, i) != 0 ||
		    xf_eval_cell(e, i, nc + 1) != 0)
			fail("a cell out of range is not 0");
		prev = c;
	}
	/* Every recounted label is a class. */
	for (j = 0; j < nrow; j++) {
		for (i = 0; i < nc; i++) {
			xf_eval_class(e, i, &c);
			if (same(row[j].g, row[j].glen, c.label, c.len))
				break;
		}
		if (i == nc)
			fail("a gold label without a class");
	}

	xf_eval_summary(e, &sum);
	if (sum.rows != nrow || sum.correct != correct ||
	    sum.nopred != nopred)
		fail("summary counts differ from a recount");
	if (nrow > 0 && fabs(sum.accuracy - (double)correct / (double)nrow) >
	    1e-12)
		fail("accuracy is not correct / rows");
	if (nrow == 0 && sum.accuracy != 0)
		fail("accuracy of no rows is not 0");
	check_score(&sum.macro);
	check_score(&sum.weighted);
	check_score(&sum.micro);
	check_format(sum.accuracy);
	if (nrow > 0 && nopred == 0 &&
	    (fabs(sum.micro.precision - sum.accuracy) > 1e-12 ||
	    fabs(sum.micro.recall - sum.accuracy) > 1e-12 ||
	    fabs(sum.micro.f1 - sum.accuracy) > 1e-12))
		fail("micro scores differ from accuracy");
	xf_eval_free(e);
	return 0;
}
