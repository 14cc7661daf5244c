/* SPDX-License-Identifier: ISC */

/*
 * Counting gold and predicted labels, and the metrics of eval.h.
 *
 * Labels live in one array in the order they were first seen; a hash
 * table with linear probing maps a label's bytes to its place there.
 * The (gold, predicted) pairs live in a second table keyed by the two
 * places.  Label order (for output) is an index sorted on demand.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvout.h"
#include "eval.h"
#include "hash.h"
#include "xf.h"

/* The predicted "class" of a row without a prediction, in pairs. */
#define NOPRED	SIZE_MAX

struct label {
	char			*s;
	size_t			 len;
	uint64_t		 hash;
	unsigned long long	 tp, gold, pred;
};

/* A slot of the pair table; n == 0 marks an empty slot. */
struct pair {
	size_t			 g, p;
	unsigned long long	 n;
};

struct xf_eval {
	struct label		*lab;
	size_t			 nlab, labcap;
	size_t			*slot;		/* label index + 1, 0: empty */
	size_t			 nslot;		/* a power of two */
	struct pair		*pair;
	size_t			 npair, pairslots;	/* a power of two */
	const struct label	**order;	/* labels sorted by bytes */
	size_t			*rank;		/* label index -> place in order */
	int			 sorted;	/* order and rank are current */
	unsigned long long	 rows, correct, nopred;
};

struct xf_eval *
xf_eval_new(void)
{
	struct xf_eval *e;

	e = xf_calloc(1, sizeof(*e));
	e->nslot = 64;
	e->slot = xf_calloc(e->nslot, sizeof(*e->slot));
	e->pairslots = 64;
	e->pair = xf_calloc(e->pairslots, sizeof(*e->pair));
	e->sorted = 1;
	return e;
}

void
xf_eval_free(struct xf_eval *e)
{
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < e->nlab; i++)
		free(e->lab[i].s);
	free(e->lab);
	free(e->slot);
	free(e->pair);
	free(e->order);
	free(e->rank);
	free(e);
}

static void
grow_labels(struct xf_eval *e)
{
	size_t *slot, nslot = e->nslot * 2, i, k;

	slot = xf_calloc(nslot, sizeof(*slot));
	for (i = 0; i < e->nlab; i++) {
		k = (size_t)e->lab[i].hash & (nslot - 1);
		while (slot[k] != 0)
			k = (k + 1) & (nslot - 1);
		slot[k] = i + 1;
	}
	free(e->slot);
	e->slot = slot;
	e->nslot = nslot;
}

/* The index of label s, added (with zero counts) if new. */
static size_t
intern(struct xf_eval *e, const char *s, size_t n)
{
	struct label *l;
	uint64_t h = xf_hash64(s, n, 0);
	size_t k = (size_t)h & (e->nslot - 1);

	while (e->slot[k] != 0) {
		l = &e->lab[e->slot[k] - 1];
		if (l->hash == h && l->len == n && memcmp(l->s, s, n) == 0)
			return e->slot[k] - 1;
		k = (k + 1) & (e->nslot - 1);
	}
	if (e->nlab == e->labcap) {
		e->labcap = e->labcap == 0 ? 16 : e->labcap * 2;
		e->lab = xf_reallocarray(e->lab, e->labcap, sizeof(*e->lab));
	}
	l = &e->lab[e->nlab];
	memset(l, 0, sizeof(*l));
	l->s = xf_memdup(s, n);
	l->len = n;
	l->hash = h;
	e->slot[k] = ++e->nlab;
	e->sorted = 0;
	if (e->nlab * 4 > e->nslot * 3)
		grow_labels(e);
	return e->nlab - 1;
}

static size_t
pair_home(size_t g, size_t p, size_t nslot)
{
	size_t key[2];

	key[0] = g;
	key[1] = p;
	return (size_t)xf_hash64(key, sizeof(key), 0) & (nslot - 1);
}

/* The slot of pair (g, p): where it is, or the empty slot it would take. */
static struct pair *
pair_find(const struct xf_eval *e, size_t g, size_t p)
{
	size_t k = pair_home(g, p, e->pairslots);

	while (e->pair[k].n != 0 && (e->pair[k].g != g || e->pair[k].p != p))
		k = (k + 1) & (e->pairslots - 1);
	return &e->pair[k];
}

static void
grow_pairs(struct xf_eval *e)
{
	struct pair *old = e->pair;
	size_t oldslots = e->pairslots, i;

	e->pairslots *= 2;
	e->pair = xf_calloc(e->pairslots, sizeof(*e->pair));
	for (i = 0; i < oldslots; i++)
		if (old[i].n != 0)
			*pair_find(e, old[i].g, old[i].p) = old[i];
	free(old);
}

int
xf_eval_add(struct xf_eval *e, const char *gold, size_t glen,
    const char *pred, size_t plen)
{
	struct pair *pp;
	size_t g, p = NOPRED;

	if (glen == 0)
		return -1;
	g = intern(e, gold, glen);
	if (plen > 0)
		p = intern(e, pred, plen);
	e->rows++;
	e->lab[g].gold++;
	if (p == NOPRED)
		e->nopred++;
	else {
		e->lab[p].pred++;
		if (p == g) {
			e->lab[g].tp++;
			e->correct++;
		}
	}
	pp = pair_find(e, g, p);
	if (pp->n == 0) {
		pp->g = g;
		pp->p = p;
		e->npair++;
	}
	pp->n++;
	if (e->npair * 4 > e->pairslots * 3)
		grow_pairs(e);
	return 0;
}

static int
cmp_label(const void *a, const void *b)
{
	const struct label *x = *(const struct label *const *)a;
	const struct label *y = *(const struct label *const *)b;
	int c;

	c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
	if (c != 0)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

static void
sort_labels(struct xf_eval *e)
{
	size_t i;

	if (e->sorted)
		return;
	e->order = xf_reallocarray(e->order, e->nlab, sizeof(*e->order));
	e->rank = xf_reallocarray(e->rank, e->nlab, sizeof(*e->rank));
	for (i = 0; i < e->nlab; i++)
		e->order[i] = &e->lab[i];
	qsort(e->order, e->nlab, sizeof(*e->order), cmp_label);
	for (i = 0; i < e->nlab; i++)
		e->rank[e->order[i] - e->lab] = i;
	e->sorted = 1;
}

size_t
xf_eval_nclass(struct xf_eval *e)
{
	return e->nlab;
}

void
xf_eval_class(struct xf_eval *e, size_t i, struct xf_eval_class *c)
{
	const struct label *l;

	memset(c, 0, sizeof(*c));
	if (i >= e->nlab)
		return;
	sort_labels(e);
	l = e->order[i];
	c->label = l->s;
	c->len = l->len;
	c->tp = l->tp;
	c->gold = l->gold;
	c->pred = l->pred;
}

unsigned long long
xf_eval_cell(struct xf_eval *e, size_t i, size_t j)
{
	const struct pair *pp;
	size_t g, p;

	if (i >= e->nlab || j > e->nlab)
		return 0;
	sort_labels(e);
	g = (size_t)(e->order[i] - e->lab);
	p = j == e->nlab ? NOPRED : (size_t)(e->order[j] - e->lab);
	pp = pair_find(e, g, p);
	return pp->n;
}

static double
ratio(unsigned long long num, unsigned long long den)
{
	return den == 0 ? 0.0 : (double)num / (double)den;
}

void
xf_eval_score(const struct xf_eval_class *c, struct xf_eval_score *s)
{
	s->precision = ratio(c->tp, c->pred);
	s->recall = ratio(c->tp, c->gold);
	s->f1 = ratio(2 * c->tp, c->gold + c->pred);
	s->support = c->gold;
}

void
xf_eval_summary(struct xf_eval *e, struct xf_eval_summary *sum)
{
	struct xf_eval_class c;
	struct xf_eval_score s;
	unsigned long long predicted = 0;
	size_t i, n = e->nlab;

	memset(sum, 0, sizeof(*sum));
	sum->rows = e->rows;
	sum->correct = e->correct;
	sum->nopred = e->nopred;
	sum->accuracy = ratio(e->correct, e->rows);
	/* Summed in label order, so that the result does not depend on
	 * the order of the input. */
	for (i = 0; i < n; i++) {
		xf_eval_class(e, i, &c);
		xf_eval_score(&c, &s);
		sum->macro.precision += s.precision;
		sum->macro.recall += s.recall;
		sum->macro.f1 += s.f1;
		sum->weighted.precision += (double)c.gold * s.precision;
		sum->weighted.recall += (double)c.gold * s.recall;
		sum->weighted.f1 += (double)c.gold * s.f1;
		predicted += c.pred;
	}
	if (n > 0) {
		sum->macro.precision /= (double)n;
		sum->macro.recall /= (double)n;
		sum->macro.f1 /= (double)n;
	}
	if (e->rows > 0) {
		sum->weighted.precision /= (double)e->rows;
		sum->weighted.recall /= (double)e->rows;
		sum->weighted.f1 /= (double)e->rows;
	}
	sum->micro.precision = ratio(e->correct, predicted);
	sum->micro.recall = ratio(e->correct, e->rows);
	sum->micro.f1 = ratio(2 * e->correct, e->rows + predicted);
	sum->macro.support = sum->weighted.support = sum->micro.support =
	    e->rows;
}

static int
blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

void
xf_eval_trim(const char *s, size_t n, size_t *start, size_t *len)
{
	size_t a = 0, b = n;

	while (a < b && blank(s[a]))
		a++;
	while (b > a && blank(s[b - 1]))
		b--;
	*start = a;
	*len = b - a;
}

int
xf_eval_pick(const char *gold, size_t glen, const char *list, size_t n,
    int sep, size_t *start, size_t *len)
{
	const char *p, *end, *next;
	size_t s, l;
	int found = 0;

	*start = 0;
	*len = 0;
	if (n == 0)
		return 0;
	end = list + n;
	for (p = list; p <= end; p = next + 1) {
		if ((next = memchr(p, sep, (size_t)(end - p))) == NULL)
			next = end;
		xf_eval_trim(p, (size_t)(next - p), &s, &l);
		if (l > 0) {
			if (l == glen && memcmp(p + s, gold, glen) == 0) {
				*start = (size_t)(p - list) + s;
				*len = l;
				return 1;
			}
			if (!found) {
				*start = (size_t)(p - list) + s;
				*len = l;
				found = 1;
			}
		}
		if (next == end)
			break;
	}
	return 0;
}

void
xf_eval_format(double v, char buf[XF_EVAL_NUMSZ])
{
	unsigned long m;
	int i;

	if (!(v > 0.0))		/* also NaN */
		v = 0.0;
	if (v > 1.0)
		v = 1.0;
	/* v is not negative: the conversion's truncation is the floor. */
	m = (unsigned long)(v * 10000.0 + 0.5 + 1e-9);
	if (m > 10000)
		m = 10000;
	buf[0] = (char)('0' + m / 10000);
	buf[1] = '.';
	for (i = 5; i > 1; i--) {
		buf[i] = (char)('0' + m % 10);
		m /= 10;
	}
	buf[6] = '\0';
}

void
xf_eval_md_label(FILE *fp, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '|' || s[i] == '\\')
			putc('\\', fp);
		putc(s[i] == '\r' || s[i] == '\n' ? ' ' : s[i], fp);
	}
}

/* A row of the scores: a class's label, or an average's kind (CSV) and
   bold title (Markdown). */
static void
score_row(FILE *fp, struct xf_csvout *out, int markdown,
    const char *kind, const char *title, const char *label, size_t llen,
    const struct xf_eval_score *s)
{
	char p[XF_EVAL_NUMSZ], rc[XF_EVAL_NUMSZ], f[XF_EVAL_NUMSZ];
	char sup[32];

	xf_eval_format(s->precision, p);
	xf_eval_format(s->recall, rc);
	xf_eval_format(s->f1, f);
	snprintf(sup, sizeof(sup), "%llu", s->support);
	if (markdown) {
		if (label != NULL) {
			fputs("| ", fp);
			xf_eval_md_label(fp, label, llen);
		} else
			fprintf(fp, "| **%s**", title);
		fprintf(fp, " | %s | %s | %s | %s |\n", p, rc, f, sup);
		return;
	}
	xf_csvout_str(out, kind);
	if (label != NULL)
		xf_csvout_field(out, label, llen);
	else
		xf_csvout_str(out, "");
	xf_csvout_str(out, p);
	xf_csvout_str(out, rc);
	xf_csvout_str(out, f);
	xf_csvout_str(out, sup);
	xf_csvout_end(out);
}

void
xf_eval_print_scores(struct xf_eval *ev, int markdown, FILE *fp,
    struct xf_csvout *out)
{
	struct xf_eval_summary sum;
	struct xf_eval_class c;
	struct xf_eval_score s;
	char f[XF_EVAL_NUMSZ], sup[32];
	size_t i, n = xf_eval_nclass(ev);

	if (markdown)
		fputs("| class | precision | recall | f1 | support |\n"
		    "|:---|---:|---:|---:|---:|\n", fp);
	else {
		xf_csvout_str(out, "kind");
		xf_csvout_str(out, "class");
		xf_csvout_str(out, "precision");
		xf_csvout_str(out, "recall");
		xf_csvout_str(out, "f1");
		xf_csvout_str(out, "support");
		xf_csvout_end(out);
	}
	xf_eval_summary(ev, &sum);
	if (sum.rows == 0)
		return;
	for (i = 0; i < n; i++) {
		xf_eval_class(ev, i, &c);
		xf_eval_score(&c, &s);
		score_row(fp, out, markdown, "class", NULL, c.label, c.len, &s);
	}
	score_row(fp, out, markdown, "macro", "macro avg", NULL, 0, &sum.macro);
	score_row(fp, out, markdown, "weighted", "weighted avg", NULL, 0,
	    &sum.weighted);
	score_row(fp, out, markdown, "micro", "micro avg", NULL, 0, &sum.micro);
	xf_eval_format(sum.accuracy, f);
	snprintf(sup, sizeof(sup), "%llu", sum.rows);
	if (markdown) {
		fprintf(fp, "| **accuracy** |  |  | %s | %s |\n", f, sup);
		return;
	}
	xf_csvout_str(out, "accuracy");
	xf_csvout_str(out, "");
	xf_csvout_str(out, "");
	xf_csvout_str(out, "");
	xf_csvout_str(out, f);
	xf_csvout_str(out, sup);
	xf_csvout_end(out);
}
