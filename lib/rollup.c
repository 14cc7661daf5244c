/* SPDX-License-Identifier: ISC */

/*
 * The group table behind xf-rollup (see rollup.h).  Groups live in a
 * hash map (map.h) keyed by the period's first day and the key fields,
 * each field preceded by its length; the finished rows are worked out
 * from a copy of the groups sorted by period and key.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "map.h"
#include "rollup.h"
#include "share.h"
#include "utf8.h"

/* One group's figures: the map's value. */
struct group {
	uint64_t	 cases, persons;
	int64_t		 sums[];	/* nsum of them */
};

struct xf_rollup {
	struct xf_map	*map;
	size_t		 nkey, nsum;
	int		 period;	/* enum xf_period, or -1 */
	unsigned char	*kbuf;		/* the key being built */
	size_t		 kcap;
};

/* A group in sorted order: its period's first day and its key fields. */
struct item {
	long		 day;
	const unsigned char *key;	/* the fields, length-prefixed */
	size_t		 keylen;
	const struct group *g;
};

/* A period: its first day and its groups, items[start..end). */
struct span {
	long		 day;
	size_t		 start, end;
};

/*
 * A row of one period before it is finished: the group in this period
 * (NULL for a group seen only in the base period), the same group in
 * the base period (NULL if none).
 */
struct line {
	const struct item *cur;
	const struct item *base;
};

/* Everything xf_rollup_result() works with. */
struct work {
	struct xf_rollup *r;
	const struct xf_rollup_opt *opt;
	int		(*emit)(void *, const struct xf_rollup_row *);
	void		*arg;
	struct item	*items;
	size_t		 nitems;
	struct span	*spans;
	size_t		 nspans;
	struct line	*lines;
	uint64_t	*w;		/* weights for the shares */
	uint32_t	*cshare, *pshare;
	int64_t		*acc;		/* sums being added up */
	const char	*kp[XF_ROLLUP_MAXKEY];
	size_t		 kl[XF_ROLLUP_MAXKEY];
	const char	*why;
};

static size_t
valsize(size_t nsum)
{
	return sizeof(struct group) + nsum * sizeof(int64_t);
}

struct xf_rollup *
xf_rollup_new(size_t nkey, size_t nsum, int period)
{
	struct xf_rollup *r;

	if (nkey > XF_ROLLUP_MAXKEY || nsum > XF_ROLLUP_MAXSUM ||
	    period < -1 || period > XF_PERIOD_YEAR)
		return NULL;
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	if ((r->map = xf_map_new(valsize(nsum))) == NULL) {
		free(r);
		return NULL;
	}
	r->nkey = nkey;
	r->nsum = nsum;
	r->period = period;
	return r;
}

void
xf_rollup_free(struct xf_rollup *r)
{
	if (r == NULL)
		return;
	xf_map_free(r->map);
	free(r->kbuf);
	free(r);
}

size_t
xf_rollup_count(const struct xf_rollup *r)
{
	return xf_map_count(r->map);
}

/*
 * Build the map key in r->kbuf: the period's first day (8 bytes, only
 * with periods), then each field as 4 length bytes and its bytes; *len
 * receives its length.  Returns 0, or -1 when out of memory or a field
 * is 4 GiB or longer.
 */
static int
build_key(struct xf_rollup *r, long day, const char *const *key,
    const size_t *keylen, size_t *len)
{
	size_t i, need = r->period >= 0 ? sizeof(int64_t) : 0, off = 0;
	unsigned char *p;
	int64_t d = day;
	uint32_t l;

	for (i = 0; i < r->nkey; i++) {
		if (keylen[i] > UINT32_MAX ||
		    keylen[i] > SIZE_MAX - need - sizeof(l))
			return -1;
		need += sizeof(l) + keylen[i];
	}
	if (need > r->kcap) {
		if ((p = realloc(r->kbuf, need)) == NULL)
			return -1;
		r->kbuf = p;
		r->kcap = need;
	}
	if (r->period >= 0) {
		memcpy(r->kbuf, &d, sizeof(d));
		off = sizeof(d);
	}
	for (i = 0; i < r->nkey; i++) {
		l = (uint32_t)keylen[i];
		memcpy(r->kbuf + off, &l, sizeof(l));
		off += sizeof(l);
		if (l > 0)
			memcpy(r->kbuf + off, key[i], l);
		off += l;
	}
	*len = off;
	return 0;
}

int
xf_rollup_add(struct xf_rollup *r, const struct xf_date *d,
    const char *const *key, const size_t *keylen, uint64_t cases,
    uint64_t persons, const int64_t *sums, const char **why)
{
	struct xf_date start;
	struct group *g;
	int64_t s;
	size_t i, len;
	long day = 0;

	if (r->period >= 0) {
		start = xf_date_bucket_start(d, (enum xf_period)r->period);
		day = xf_date_to_days(&start);
	}
	if (build_key(r, day, key, keylen, &len) == -1 ||
	    (g = xf_map_insert(r->map, r->kbuf, len, NULL)) == NULL) {
		if (why != NULL)
			*why = "out of memory";
		return -1;
	}
	if (cases > UINT64_MAX - g->cases ||
	    persons > UINT64_MAX - g->persons) {
		if (why != NULL)
			*why = "count too large";
		return -1;
	}
	for (i = 0; i < r->nsum; i++)
		if (__builtin_add_overflow(g->sums[i], sums[i], &s) ||
		    s == INT64_MIN) {
			if (why != NULL)
				*why = "sum too large";
			return -1;
		}
	g->cases += cases;
	g->persons += persons;
	for (i = 0; i < r->nsum; i++)
		g->sums[i] += sums[i];
	return 0;
}

/*
 * Compare two keys' fields one after the other, each bytewise, a prefix
 * first.  Both keys have the same number of fields.
 */
static int
keycmp(const unsigned char *a, size_t an, const unsigned char *b,
    size_t bn)
{
	uint32_t al, bl;
	size_t ai = 0, bi = 0;
	int c;

	while (ai < an && bi < bn) {
		memcpy(&al, a + ai, sizeof(al));
		memcpy(&bl, b + bi, sizeof(bl));
		ai += sizeof(al);
		bi += sizeof(bl);
		c = memcmp(a + ai, b + bi, al < bl ? al : bl);
		if (c != 0)
			return c < 0 ? -1 : 1;
		if (al != bl)
			return al < bl ? -1 : 1;
		ai += al;
		bi += bl;
	}
	return 0;
}

/* Period, then key. */
static int
cmp_item(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;

	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return keycmp(a->key, a->keylen, b->key, b->keylen);
}

static const struct item *
line_item(const struct line *l)
{
	return l->cur != NULL ? l->cur : l->base;
}

/* Cases, then persons, largest first; then key. */
static int
cmp_line(const void *pa, const void *pb)
{
	const struct line *a = pa, *b = pb;
	uint64_t ac = a->cur != NULL ? a->cur->g->cases : 0;
	uint64_t bc = b->cur != NULL ? b->cur->g->cases : 0;
	uint64_t ap = a->cur != NULL ? a->cur->g->persons : 0;
	uint64_t bp = b->cur != NULL ? b->cur->g->persons : 0;
	const struct item *x = line_item(a), *y = line_item(b);

	if (ac != bc)
		return ac > bc ? -1 : 1;
	if (ap != bp)
		return ap > bp ? -1 : 1;
	return keycmp(x->key, x->keylen, y->key, y->keylen);
}

/* Split a key's fields into w->kp, w->kl. */
static void
split_key(struct work *w, const unsigned char *k, size_t n)
{
	size_t i, off = 0;
	uint32_t l;

	for (i = 0; i < w->r->nkey && off < n; i++) {
		memcpy(&l, k + off, sizeof(l));
		off += sizeof(l);
		w->kp[i] = (const char *)(k + off);
		w->kl[i] = l;
		off += l;
	}
}

/* Whether every key field equals the folded row's label. */
static int
is_other(const struct work *w, const struct item *it)
{
	size_t i, off = 0, n = strlen(w->opt->other);
	uint32_t l;

	if (w->r->nkey == 0)
		return 0;
	for (i = 0; i < w->r->nkey; i++) {
		memcpy(&l, it->key + off, sizeof(l));
		off += sizeof(l);
		if (l != n || memcmp(it->key + off, w->opt->other, n) != 0)
			return 0;
		off += l;
	}
	return 1;
}

/* Collect the groups, sorted, and their periods. */
static int
collect(struct work *w)
{
	struct xf_rollup *r = w->r;
	const unsigned char *k;
	size_t i, n = xf_map_count(r->map), len, hdr;
	int64_t d;

	hdr = r->period >= 0 ? sizeof(d) : 0;
	if (n > 0 && ((w->items = calloc(n, sizeof(*w->items))) == NULL ||
	    (w->spans = calloc(n, sizeof(*w->spans))) == NULL))
		return -1;
	for (i = 0; i < n; i++) {
		k = xf_map_key(r->map, i, &len);
		d = 0;
		if (hdr > 0)
			memcpy(&d, k, sizeof(d));
		w->items[i].day = (long)d;
		w->items[i].key = k + hdr;
		w->items[i].keylen = len - hdr;
		w->items[i].g = xf_map_value(r->map, i);
	}
	w->nitems = n;
	if (n > 0)
		qsort(w->items, n, sizeof(*w->items), cmp_item);
	for (i = 0; i < n; i++) {
		if (i == 0 || w->items[i].day != w->items[i - 1].day) {
			w->spans[w->nspans].day = w->items[i].day;
			w->spans[w->nspans].start = i;
			w->nspans++;
		}
		w->spans[w->nspans - 1].end = i + 1;
	}
	return 0;
}

/* The period starting on day, or NULL. */
static const struct span *
find_span(const struct work *w, long day)
{
	size_t lo = 0, hi = w->nspans, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (w->spans[mid].day == day)
			return &w->spans[mid];
		if (w->spans[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The base period of the period starting on day, or NULL. */
static const struct span *
base_span(const struct work *w, long day)
{
	struct xf_date d, b;
	int rc;

	if (w->opt->compare == XF_ROLLUP_NOCOMPARE ||
	    xf_date_from_days(day, &d) == -1)
		return NULL;
	if (w->opt->compare == XF_ROLLUP_PREV)
		rc = xf_date_bucket_prev(&d, (enum xf_period)w->r->period, &b);
	else
		rc = xf_date_bucket_yoy(&d, (enum xf_period)w->r->period, &b);
	if (rc == -1)
		return NULL;
	return find_span(w, xf_date_to_days(&b));
}

/*
 * The lines of one period: its groups, and with a base period the
 * groups found only there.  Both spans are sorted by key.  Returns the
 * number of lines.
 */
static size_t
make_lines(struct work *w, const struct span *s, const struct span *b)
{
	size_t i = s->start, j, n = 0;
	int c;

	if (b == NULL) {
		for (; i < s->end; i++) {
			w->lines[n].cur = &w->items[i];
			w->lines[n++].base = NULL;
		}
		return n;
	}
	j = b->start;
	while (i < s->end || j < b->end) {
		if (i == s->end)
			c = 1;
		else if (j == b->end)
			c = -1;
		else
			c = keycmp(w->items[i].key, w->items[i].keylen,
			    w->items[j].key, w->items[j].keylen);
		w->lines[n].cur = c <= 0 ? &w->items[i++] : NULL;
		w->lines[n].base = c >= 0 ? &w->items[j++] : NULL;
		n++;
	}
	return n;
}

/* Add sums into acc; -1 on overflow. */
static int
add_sums(struct work *w, int64_t *acc, const int64_t *sums)
{
	size_t i;
	int64_t s;

	for (i = 0; i < w->r->nsum; i++) {
		if (__builtin_add_overflow(acc[i], sums[i], &s) ||
		    s == INT64_MIN) {
			w->why = "sum too large";
			return -1;
		}
		acc[i] = s;
	}
	return 0;
}

/* Fill the comparison fields of row. */
static void
compare(struct xf_rollup_row *row, int has_prev, uint64_t pc, uint64_t pp)
{
	row->has_prev = has_prev;
	row->prev_cases = has_prev ? pc : 0;
	row->prev_persons = has_prev ? pp : 0;
	row->has_change = has_prev &&
	    xf_share_change(row->cases, pc, &row->change) == 0;
	if (!row->has_change)
		row->change = 0;
}

static int
put(struct work *w, const struct xf_rollup_row *row)
{
	if (w->emit(w->arg, row) == -1) {
		w->why = "stopped";
		return -1;
	}
	return 0;
}

/*
 * Finish one period.  Its lines are sorted; the first nkept are shown
 * as groups, the rest (if any, or if fold) go into one OTHER row.
 */
static int
do_period(struct work *w, const struct span *s, int64_t *grand,
    uint64_t *gcases, uint64_t *gpersons)
{
	struct xf_rollup *r = w->r;
	const struct span *b;
	struct xf_rollup_row row;
	struct xf_date pd;
	int64_t *osums = w->acc, *tsums = w->acc + r->nsum;
	int64_t *zero = w->acc + 2 * r->nsum;
	uint64_t oc = 0, op = 0, opc = 0, opp = 0, tc = 0, tp = 0;
	uint64_t bc = 0, bp = 0;
	size_t i, j, n, nkept, nshow, nother = 0;
	const struct group *g;

	b = base_span(w, s->day);
	n = make_lines(w, s, b);
	qsort(w->lines, n, sizeof(*w->lines), cmp_line);
	memset(w->acc, 0, 3 * r->nsum * sizeof(int64_t));
	if (xf_date_from_days(s->day, &pd) == -1)
		memset(&pd, 0, sizeof(pd));

	/* Period totals, and the base period's. */
	for (i = s->start; i < s->end; i++) {
		tc += w->items[i].g->cases;
		tp += w->items[i].g->persons;
		if (add_sums(w, tsums, w->items[i].g->sums) == -1)
			return -1;
	}
	if (b != NULL)
		for (i = b->start; i < b->end; i++) {
			bc += w->items[i].g->cases;
			bp += w->items[i].g->persons;
		}

	/*
	 * Which lines are kept: with top, the first top that are not the
	 * label's own group; the others fold.  Kept lines move to the
	 * front, in order; folded ones are added up.
	 */
	nkept = 0;
	for (i = 0; i < n; i++) {
		const struct line *l = &w->lines[i];
		int keep = w->opt->top == 0 ||
		    (nkept < w->opt->top && !is_other(w, line_item(l)));

		if (keep) {
			w->lines[nkept++] = *l;
			continue;
		}
		nother++;
		if (l->cur != NULL) {
			oc += l->cur->g->cases;
			op += l->cur->g->persons;
			if (add_sums(w, osums, l->cur->g->sums) == -1)
				return -1;
		}
		if (l->base != NULL) {
			opc += l->base->g->cases;
			opp += l->base->g->persons;
		}
	}

	/* Shares over what the period shows. */
	nshow = nkept + (nother > 0);
	for (j = 0; j < 2; j++) {
		for (i = 0; i < nkept; i++) {
			g = w->lines[i].cur != NULL ? w->lines[i].cur->g :
			    NULL;
			w->w[i] = g == NULL ? 0 :
			    j == 0 ? g->cases : g->persons;
		}
		if (nother > 0)
			w->w[nkept] = j == 0 ? oc : op;
		if ((j == 0 ? tc : tp) == 0)	/* nothing to share */
			memset(j == 0 ? w->cshare : w->pshare, 0,
			    nshow * sizeof(*w->cshare));
		else if (xf_share_apportion(w->w, nshow, XF_SHARE_UNITS,
		    j == 0 ? w->cshare : w->pshare, &w->why) == -1)
			return -1;
	}

	for (i = 0; i < nkept; i++) {
		const struct line *l = &w->lines[i];
		const struct item *it = line_item(l);

		memset(&row, 0, sizeof(row));
		row.kind = XF_ROLLUP_GROUP;
		row.period = pd;
		split_key(w, it->key, it->keylen);
		row.key = w->kp;
		row.keylen = w->kl;
		row.cases = l->cur != NULL ? l->cur->g->cases : 0;
		row.persons = l->cur != NULL ? l->cur->g->persons : 0;
		row.sums = l->cur != NULL ? l->cur->g->sums : zero;
		row.case_share = w->cshare[i];
		row.person_share = w->pshare[i];
		compare(&row, b != NULL,
		    l->base != NULL ? l->base->g->cases : 0,
		    l->base != NULL ? l->base->g->persons : 0);
		if (put(w, &row) == -1)
			return -1;
	}
	if (nother > 0) {
		memset(&row, 0, sizeof(row));
		row.kind = XF_ROLLUP_OTHER;
		row.period = pd;
		row.cases = oc;
		row.persons = op;
		row.sums = osums;
		row.case_share = w->cshare[nkept];
		row.person_share = w->pshare[nkept];
		compare(&row, b != NULL, opc, opp);
		if (put(w, &row) == -1)
			return -1;
	}
	if (w->opt->total && r->nkey > 0) {
		memset(&row, 0, sizeof(row));
		row.kind = XF_ROLLUP_TOTAL;
		row.period = pd;
		row.cases = tc;
		row.persons = tp;
		row.sums = tsums;
		row.case_share = row.person_share = XF_SHARE_UNITS;
		compare(&row, b != NULL, bc, bp);
		if (put(w, &row) == -1)
			return -1;
	}
	*gcases += tc;
	*gpersons += tp;
	return add_sums(w, grand, tsums);
}

static void
work_free(struct work *w)
{
	free(w->items);
	free(w->spans);
	free(w->lines);
	free(w->w);
	free(w->cshare);
	free(w->pshare);
	free(w->acc);
}

int
xf_rollup_result(struct xf_rollup *r, const struct xf_rollup_opt *opt,
    int (*emit)(void *, const struct xf_rollup_row *), void *arg,
    const char **why)
{
	static const struct xf_rollup_opt none;
	struct xf_rollup_row row;
	struct work w;
	int64_t *grand;
	uint64_t gc = 0, gp = 0;
	size_t i, most = 0, nacc;

	if (opt == NULL)
		opt = &none;
	memset(&w, 0, sizeof(w));
	w.r = r;
	w.opt = opt;
	w.emit = emit;
	w.arg = arg;
	if (opt->compare != XF_ROLLUP_NOCOMPARE && r->period < 0) {
		w.why = "comparison needs periods";
		goto fail;
	}
	if (opt->top > 0 && opt->other == NULL) {
		w.why = "top needs a label for the folded row";
		goto fail;
	}
	w.why = "out of memory";
	if (collect(&w) == -1)
		goto fail;

	/* A period shows at most its groups and its base period's, + 1. */
	for (i = 0; i < w.nspans; i++) {
		size_t n = w.spans[i].end - w.spans[i].start;
		const struct span *b = base_span(&w, w.spans[i].day);

		if (b != NULL)
			n += b->end - b->start;
		if (n > most)
			most = n;
	}
	most++;
	nacc = 4 * r->nsum + 1;
	if ((w.lines = calloc(most, sizeof(*w.lines))) == NULL ||
	    (w.w = calloc(most, sizeof(*w.w))) == NULL ||
	    (w.cshare = calloc(most, sizeof(*w.cshare))) == NULL ||
	    (w.pshare = calloc(most, sizeof(*w.pshare))) == NULL ||
	    (w.acc = calloc(nacc, sizeof(*w.acc))) == NULL)
		goto fail;
	grand = w.acc + 3 * r->nsum;

	for (i = 0; i < w.nspans; i++)
		if (do_period(&w, &w.spans[i], grand, &gc, &gp) == -1)
			goto fail;
	if (opt->total && r->period >= 0 && w.nspans > 0) {
		memset(&row, 0, sizeof(row));
		row.kind = XF_ROLLUP_GRAND;
		row.cases = gc;
		row.persons = gp;
		row.sums = grand;
		row.case_share = row.person_share = XF_SHARE_UNITS;
		if (put(&w, &row) == -1)
			goto fail;
	}
	work_free(&w);
	return 0;
fail:
	if (why != NULL)
		*why = w.why;
	work_free(&w);
	return -1;
}

int
xf_rollup_state(struct xf_rollup *r,
    int (*emit)(void *, const struct xf_rollup_row *), void *arg,
    const char **why)
{
	struct xf_rollup_row row;
	struct work w;
	size_t i;

	memset(&w, 0, sizeof(w));
	w.r = r;
	w.emit = emit;
	w.arg = arg;
	w.why = "out of memory";
	if (collect(&w) == -1)
		goto fail;
	for (i = 0; i < w.nitems; i++) {
		memset(&row, 0, sizeof(row));
		row.kind = XF_ROLLUP_GROUP;
		if (r->period >= 0 &&
		    xf_date_from_days(w.items[i].day, &row.period) == -1)
			memset(&row.period, 0, sizeof(row.period));
		split_key(&w, w.items[i].key, w.items[i].keylen);
		row.key = w.kp;
		row.keylen = w.kl;
		row.cases = w.items[i].g->cases;
		row.persons = w.items[i].g->persons;
		row.sums = w.items[i].g->sums;
		if (put(&w, &row) == -1)
			goto fail;
	}
	work_free(&w);
	return 0;
fail:
	if (why != NULL)
		*why = w.why;
	work_free(&w);
	return -1;
}

/* n decimal digits at s as a number, or -1. */
static int
digits(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
xf_rollup_period_parse(int period, const char *s, size_t n,
    struct xf_date *d)
{
	char buf[XF_DATE_BUCKETLEN];
	struct xf_date t;
	int y, a = 0;

	if (n < 4 || (y = digits(s, 4)) < 1)
		return -1;
	t.year = y;
	t.month = 1;
	t.day = 1;
	switch (period) {
	case XF_PERIOD_DAY:
		if (n != 10 || s[4] != '-' || s[7] != '-' ||
		    (t.month = digits(s + 5, 2)) < 0 ||
		    (t.day = digits(s + 8, 2)) < 0 || !xf_date_valid(&t))
			return -1;
		break;
	case XF_PERIOD_WEEK:
		if (n != 8 || s[4] != '-' || s[5] != 'W' ||
		    (a = digits(s + 6, 2)) < 0 ||
		    xf_date_from_isoweek(y, a, 1, &t) == -1)
			return -1;
		break;
	case XF_PERIOD_MONTH:
		if (n != 7 || s[4] != '-' ||
		    (t.month = digits(s + 5, 2)) < 1 || t.month > 12)
			return -1;
		break;
	case XF_PERIOD_QUARTER:
		if (n != 7 || s[4] != '-' || s[5] != 'Q' ||
		    (a = digits(s + 6, 1)) < 1 || a > 4)
			return -1;
		t.month = 3 * a - 2;
		break;
	case XF_PERIOD_YEAR:
		if (n != 4)
			return -1;
		break;
	default:
		return -1;
	}
	/* Only the label as it is written: "2024-W1" or "2024-5" are not. */
	if (xf_date_bucket(&t, (enum xf_period)period, buf, sizeof(buf)) !=
	    (int)n || memcmp(buf, s, n) != 0)
		return -1;
	*d = t;
	return 0;
}

uint64_t
xf_rollup_persons(const char *s, size_t n)
{
	char buf[64];
	size_t start, len, i;
	uint64_t v = 0;

	xf_utf8_trim(s, n, &start, &len);
	if (len == 0)
		return 1;
	if (len >= sizeof(buf))
		return 0;
	len = xf_utf8_halfwidth_alnum(s + start, len, buf);
	if (len > 9 || buf[0] == '0')
		return 0;
	for (i = 0; i < len; i++) {
		if (buf[i] < '0' || buf[i] > '9')
			return 0;
		v = v * 10 + (uint64_t)(buf[i] - '0');
	}
	return v;
}
