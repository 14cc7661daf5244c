/* SPDX-License-Identifier: ISC */

/*
 * The text classifier of xf-train and xf-classify --model: character
 * n-gram features hashed into buckets, TF-IDF, liblinear's logistic
 * regression, and the model file.  See textmodel.h.
 */

#include <errno.h>
#include <linear.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hanzi.h"
#include "hash.h"
#include "textmodel.h"
#include "utf8.h"
#include "xf.h"

#define BADBYTE		0x110000u	/* + the byte: an ill-formed byte */
#define MAXCLASS	100000u
#define FNVPRIME	UINT64_C(0x100000001b3)
#define AHEAD		32	/* prefetch distance, in n-grams */

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p)	__builtin_prefetch(p)
#else
#define PREFETCH(p)	((void)(p))
#endif

/* A model's row for slot s: the idf, then the weight of each class. */
#define ROW(m, s)	((m)->w + (size_t)(s) * ((m)->nclass + 1))

/* Scratch for turning text into kept characters and buckets. */
struct scratch {
	char		*norm;		/* normalised text */
	size_t		 normcap;
	uint32_t	*cp;		/* kept code points */
	size_t		*off;		/* their offsets in norm */
	size_t		 cpcap;
};

struct xf_tm_data {
	struct xf_tm_opts opt;
	char		**label;	/* distinct labels, as added */
	size_t		*labellen;
	size_t		 nlabel, labelcap;
	size_t		*sorted;	/* label numbers in label order */
	size_t		*rank;		/* label number -> place in order */
	int		 dirty;		/* sorted is out of date */
	size_t		*doclab;	/* per record: label number */
	size_t		*docoff;	/* per record: first pair; n + 1 */
	size_t		 ndoc, doccap;
	uint32_t	*bk, *cnt;	/* (bucket, count) pairs */
	size_t		 npair, paircap;
	uint32_t	*dense;		/* 2^bits counts, zero between uses */
	uint32_t	*touched;
	size_t		 ntouched, touchcap;
	struct scratch	 sc;
	char		**wlabel;	/* copies of the class weights */
	const char	**cwlabel;
	double		*weight;
};

struct xf_textmodel {
	struct xf_tm_opts opt;
	char		*info;
	size_t		 ndocs;
	size_t		 nclass;
	char		**label;
	size_t		*labellen;
	float		*bias;		/* nclass */
	size_t		 nused;
	uint32_t	*bucket;	/* nused, ascending */
	float		*idf;		/* nused */
	float		*w;		/* nused rows: see ROW() */
	int32_t		*slot;		/* 2^bits: bucket -> slot or -1 */
	/*
	 * Scratch for predicting: the buckets of a record, and its slot
	 * counts in a small open-addressing table (key slot + 1, 0 for
	 * empty) whose used places are listed in touched.
	 */
	uint32_t	*bk;
	size_t		 nbk, bkcap;
	uint32_t	*hkey, *hcnt;
	size_t		 hcap;
	uint32_t	*touched;
	size_t		 ntouched, touchcap;
	double		*dec;
	struct scratch	 sc;
};

static void
quiet(const char *s)
{
	(void)s;
}

void
xf_tm_opts_init(struct xf_tm_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->ngmin = 1;
	o->ngmax = 3;
	o->bits = 20;
	o->mindf = 2;
	o->C = 10;
	o->eps = 0.1;
}

const char *
xf_tm_opts_check(const struct xf_tm_opts *o)
{
	if (o->ngmin < 1 || o->ngmax > XF_TM_MAXN)
		return "n-gram lengths must be from 1 to 8";
	if (o->ngmin > o->ngmax)
		return "n-gram range is empty (shortest above longest)";
	if (o->bits < XF_TM_MINBITS || o->bits > XF_TM_MAXBITS)
		return "hash bits must be from 10 to 24";
	if (o->mindf < 1)
		return "minimum document frequency must be at least 1";
	if (!(o->C > 0) || !isfinite(o->C))
		return "C must be a positive number";
	if (!(o->eps > 0) || !isfinite(o->eps))
		return "tolerance must be a positive number";
	return NULL;
}

/* ---- Features. */

/* Whether code point c (already normalised) is dropped. */
static int
dropped(uint32_t c)
{
	if (c < 0x80)
		return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z'));
	return (c <= 0xBF) || (c >= 0x2000 && c <= 0x206F) ||
	    (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE10 && c <= 0xFE6F) ||
	    (c >= 0xFF00 && c <= 0xFFEF);
}

/*
 * Normalise the n bytes at s and collect the kept characters into
 * sc->cp (with their offsets into sc->norm).  Returns their number.
 */
static size_t
kept(struct scratch *sc, const char *s, size_t n)
{
	size_t i, k, m;
	uint32_t c;
	int len;

	if (sc->normcap < n) {
		sc->normcap = n + 1024;
		sc->norm = xf_reallocarray(sc->norm, sc->normcap, 1);
	}
	if (sc->cpcap < n + 1) {
		sc->cpcap = n + 1024;
		sc->cp = xf_reallocarray(sc->cp, sc->cpcap, sizeof(*sc->cp));
		sc->off = xf_reallocarray(sc->off, sc->cpcap,
		    sizeof(*sc->off));
	}
	m = n == 0 ? 0 : xf_hanzi_normalize(s, n, sc->norm);
	for (i = 0, k = 0; i < m; i += (size_t)len) {
		if ((unsigned char)sc->norm[i] < 0x80) {
			c = (unsigned char)sc->norm[i];
			len = 1;
			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
		} else if ((len = xf_utf8_decode(sc->norm + i, m - i, &c)) <= 0) {
			c = BADBYTE + (unsigned char)sc->norm[i];
			len = 1;
		}
		if (c < BADBYTE && dropped(c))
			continue;
		sc->cp[k] = c;
		sc->off[k++] = i;
	}
	sc->off[k] = m;
	return k;
}

static uint64_t
mix(uint64_t h)
{
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return h;
}

/* Running hash of an n-gram's code points; the bucket of k of them. */
static uint64_t
step(uint64_t h, uint32_t c)
{
	return (h ^ c) * FNVPRIME;
}

static uint32_t
finish(uint64_t h, unsigned k, unsigned bits)
{
	return (uint32_t)(mix(h ^ ((uint64_t)k * UINT64_C(0x9e3779b97f4a7c15)))
	    >> (64 - bits));
}

/* Append the buckets of every n-gram of the text through fn. */
static void
buckets(struct scratch *sc, const struct xf_tm_opts *o, const char *s,
    size_t n, void (*fn)(void *, uint32_t), void *arg)
{
	size_t i, j, k;
	uint64_t h;

	k = kept(sc, s, n);
	for (i = 0; i < k; i++) {
		h = XF_TM_SEED;
		for (j = 0; j < o->ngmax && i + j < k; j++) {
			h = step(h, sc->cp[i + j]);
			if (j + 1 >= o->ngmin)
				fn(arg, finish(h, (unsigned)j + 1, o->bits));
		}
	}
}

void
xf_tm_ngrams(const char *s, size_t n, unsigned ngmin, unsigned ngmax,
    void (*fn)(void *, const char *, size_t), void *arg)
{
	struct scratch sc;
	size_t i, j, k;

	memset(&sc, 0, sizeof(sc));
	k = kept(&sc, s, n);
	for (i = 0; i < k; i++) {
		for (j = ngmin; j <= ngmax && i + j <= k; j++) {
			char buf[XF_TM_MAXN * 4];
			size_t len = 0, t;

			for (t = i; t < i + j; t++) {
				uint32_t c = sc.cp[t];
				int cl = 1;

				if (c < 0x80)
					buf[len] = (char)c;	/* lower case */
				else {
					/* A character's own bytes, or the
					   one ill-formed byte. */
					if (c < BADBYTE)
						cl = xf_utf8_decode(sc.norm +
						    sc.off[t], sc.off[k] -
						    sc.off[t], NULL);
					memcpy(buf + len, sc.norm + sc.off[t],
					    (size_t)cl);
				}
				len += (size_t)cl;
			}
			fn(arg, buf, len);
		}
	}
	free(sc.norm);
	free(sc.cp);
	free(sc.off);
}

uint32_t
xf_tm_bucket(const char *gram, size_t len, unsigned bits)
{
	uint64_t h = XF_TM_SEED;
	size_t i;
	unsigned k = 0;
	uint32_t c;
	int l;

	for (i = 0; i < len; i += (size_t)l, k++) {
		if ((l = xf_utf8_decode(gram + i, len - i, &c)) <= 0) {
			c = BADBYTE + (unsigned char)gram[i];
			l = 1;
		} else if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		h = step(h, c);
	}
	return finish(h, k, bits);
}

static void
free_scratch(struct scratch *sc)
{
	free(sc->norm);
	free(sc->cp);
	free(sc->off);
}

/* ---- Training data. */

struct xf_tm_data *
xf_tm_data_new(const struct xf_tm_opts *o)
{
	struct xf_tm_data *d;
	size_t i;

	d = xf_calloc(1, sizeof(*d));
	d->opt = *o;
	d->wlabel = xf_calloc(o->nweight + 1, sizeof(*d->wlabel));
	d->cwlabel = xf_calloc(o->nweight + 1, sizeof(*d->cwlabel));
	d->weight = xf_calloc(o->nweight + 1, sizeof(*d->weight));
	for (i = 0; i < o->nweight; i++) {
		d->wlabel[i] = xf_strdup(o->wlabel[i]);
		d->cwlabel[i] = d->wlabel[i];
		d->weight[i] = o->weight[i];
	}
	d->opt.wlabel = d->cwlabel;
	d->opt.weight = d->weight;
	d->dense = xf_calloc((size_t)1 << o->bits, sizeof(*d->dense));
	d->docoff = xf_calloc(1, sizeof(*d->docoff));
	return d;
}

void
xf_tm_data_free(struct xf_tm_data *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nlabel; i++)
		free(d->label[i]);
	for (i = 0; i < d->opt.nweight; i++)
		free(d->wlabel[i]);
	free(d->wlabel);
	free(d->cwlabel);
	free(d->weight);
	free(d->label);
	free(d->labellen);
	free(d->sorted);
	free(d->rank);
	free(d->doclab);
	free(d->docoff);
	free(d->bk);
	free(d->cnt);
	free(d->dense);
	free(d->touched);
	free_scratch(&d->sc);
	free(d);
}

static void
data_touch(void *arg, uint32_t b)
{
	struct xf_tm_data *d = arg;

	if (d->dense[b]++ == 0) {
		if (d->ntouched == d->touchcap) {
			d->touchcap = d->touchcap * 2 + 256;
			d->touched = xf_reallocarray(d->touched, d->touchcap,
			    sizeof(*d->touched));
		}
		d->touched[d->ntouched++] = b;
	}
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int
labelcmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c;
	return alen < blen ? -1 : alen > blen;
}

void
xf_tm_data_add(struct xf_tm_data *d, const char *const *text,
    const size_t *len, size_t ntext, const char *label, size_t llen)
{
	size_t i, lab;

	for (lab = 0; lab < d->nlabel; lab++)
		if (d->labellen[lab] == llen &&
		    memcmp(d->label[lab], label, llen) == 0)
			break;
	if (lab == d->nlabel) {
		if (d->nlabel == d->labelcap) {
			d->labelcap = d->labelcap * 2 + 8;
			d->label = xf_reallocarray(d->label, d->labelcap,
			    sizeof(*d->label));
			d->labellen = xf_reallocarray(d->labellen,
			    d->labelcap, sizeof(*d->labellen));
		}
		d->label[lab] = xf_memdup(label, llen);
		d->labellen[lab] = llen;
		d->nlabel++;
		d->dirty = 1;
	}
	if (d->ndoc == d->doccap) {
		d->doccap = d->doccap * 2 + 64;
		d->doclab = xf_reallocarray(d->doclab, d->doccap,
		    sizeof(*d->doclab));
		d->docoff = xf_reallocarray(d->docoff, d->doccap + 1,
		    sizeof(*d->docoff));
	}
	d->ntouched = 0;
	for (i = 0; i < ntext; i++)
		buckets(&d->sc, &d->opt, text[i], len[i], data_touch, d);
	qsort(d->touched, d->ntouched, sizeof(*d->touched), cmp_u32);
	if (d->npair + d->ntouched > d->paircap) {
		d->paircap = (d->npair + d->ntouched) * 2 + 1024;
		d->bk = xf_reallocarray(d->bk, d->paircap, sizeof(*d->bk));
		d->cnt = xf_reallocarray(d->cnt, d->paircap, sizeof(*d->cnt));
	}
	for (i = 0; i < d->ntouched; i++) {
		d->bk[d->npair] = d->touched[i];
		d->cnt[d->npair++] = d->dense[d->touched[i]];
		d->dense[d->touched[i]] = 0;
	}
	d->doclab[d->ndoc++] = lab;
	d->docoff[d->ndoc] = d->npair;
}

size_t
xf_tm_data_count(const struct xf_tm_data *d)
{
	return d->ndoc;
}

/*
 * Bring the label order up to date (labels sorted by their bytes):
 * insertion sort, as labels are few.
 */
static void
sort_labels(struct xf_tm_data *d)
{
	size_t i, j, t;

	if (!d->dirty)
		return;
	d->sorted = xf_reallocarray(d->sorted, d->nlabel, sizeof(size_t));
	d->rank = xf_reallocarray(d->rank, d->nlabel, sizeof(size_t));
	for (i = 0; i < d->nlabel; i++) {
		t = i;
		for (j = i; j > 0 && labelcmp(d->label[d->sorted[j - 1]],
		    d->labellen[d->sorted[j - 1]], d->label[t],
		    d->labellen[t]) > 0; j--)
			d->sorted[j] = d->sorted[j - 1];
		d->sorted[j] = t;
	}
	for (i = 0; i < d->nlabel; i++)
		d->rank[d->sorted[i]] = i;
	d->dirty = 0;
}

size_t
xf_tm_data_nlabel(const struct xf_tm_data *d)
{
	return d->nlabel;
}

size_t
xf_tm_data_label(const struct xf_tm_data *d, size_t i)
{
	sort_labels((struct xf_tm_data *)(uintptr_t)d);
	return d->rank[d->doclab[i]];
}

const char *
xf_tm_data_labelname(const struct xf_tm_data *d, size_t lab, size_t *len)
{
	size_t l;

	sort_labels((struct xf_tm_data *)(uintptr_t)d);
	l = d->sorted[lab];
	if (len != NULL)
		*len = d->labellen[l];
	return d->label[l];
}

/* ---- Models. */

static struct xf_textmodel *
model_alloc(const struct xf_tm_opts *o, size_t nclass, size_t nused)
{
	struct xf_textmodel *m;

	m = xf_calloc(1, sizeof(*m));
	m->opt = *o;
	m->opt.wlabel = NULL;
	m->opt.weight = NULL;
	m->opt.nweight = 0;
	m->opt.balanced = 0;
	m->nclass = nclass;
	m->label = xf_calloc(nclass, sizeof(*m->label));
	m->labellen = xf_calloc(nclass, sizeof(*m->labellen));
	m->bias = xf_calloc(nclass, sizeof(*m->bias));
	m->dec = xf_calloc(nclass, sizeof(*m->dec));
	m->nused = nused;
	m->bucket = xf_calloc(nused + 1, sizeof(*m->bucket));
	m->idf = xf_calloc(nused + 1, sizeof(*m->idf));
	m->w = xf_calloc(nused * (nclass + 1) + 1, sizeof(*m->w));
	m->slot = xf_malloc(((size_t)1 << o->bits) * sizeof(*m->slot));
	memset(m->slot, 0xff, ((size_t)1 << o->bits) * sizeof(*m->slot));
	return m;
}

void
xf_tm_free(struct xf_textmodel *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nclass; i++)
		free(m->label[i]);
	free(m->label);
	free(m->labellen);
	free(m->bias);
	free(m->dec);
	free(m->bucket);
	free(m->idf);
	free(m->w);
	free(m->bk);
	free(m->hkey);
	free(m->hcnt);
	free(m->slot);
	free(m->touched);
	free(m->info);
	free_scratch(&m->sc);
	free(m);
}

/*
 * The TF-IDF values of (bucket, count) pairs, for the buckets the model
 * keeps: slots into sl, values into val; returns how many.
 */
static size_t
weigh(const struct xf_textmodel *m, const uint32_t *bk, const uint32_t *cnt,
    size_t n, int by_slot, uint32_t *sl, double *val)
{
	size_t i, k = 0;
	double norm = 0;
	int32_t s;

	for (i = 0; i < n; i++) {
		s = by_slot ? (int32_t)bk[i] : m->slot[bk[i]];
		if (s < 0)
			continue;
		sl[k] = (uint32_t)s;
		val[k] = (1 + log((double)cnt[i])) * m->idf[s];
		norm += val[k] * val[k];
		k++;
	}
	if (norm > 0) {
		norm = sqrt(norm);
		for (i = 0; i < k; i++)
			val[i] /= norm;
	}
	return k;
}

struct xf_textmodel *
xf_tm_train(struct xf_tm_data *d, const unsigned char *use,
    const char *info, const char **err)
{
	struct xf_textmodel *m = NULL;
	struct problem prob;
	struct parameter param;
	struct model *lm;
	struct feature_node *nodes = NULL, **rows = NULL;
	size_t *cls = NULL, *lcount = NULL;
	uint32_t *df = NULL, *sl = NULL;
	double *val = NULL, *y = NULL;
	int *wlab = NULL;
	double *wval = NULL;
	size_t i, j, c, n = 0, nclass = 0, nused, nnodes, maxpairs = 0, at;
	size_t nbucket = (size_t)1 << d->opt.bits;
	const char *msg;

	*err = NULL;
	set_print_string_function(quiet);
	sort_labels(d);
	lcount = xf_calloc(d->nlabel + 1, sizeof(*lcount));
	for (i = 0; i < d->ndoc; i++)
		if (use == NULL || use[i]) {
			lcount[d->rank[d->doclab[i]]]++;
			n++;
		}
	/* Classes: the labels in use, in label order. */
	cls = xf_calloc(d->nlabel + 1, sizeof(*cls));
	for (i = 0; i < d->nlabel; i++)
		cls[i] = lcount[i] > 0 ? nclass++ : (size_t)-1;
	if (nclass < 2) {
		*err = "need records of at least two labels";
		goto out;
	}
	if (n > (size_t)1 << 30) {
		*err = "too many records";
		goto out;
	}
	df = xf_calloc(nbucket, sizeof(*df));
	for (i = 0; i < d->ndoc; i++) {
		if (use != NULL && !use[i])
			continue;
		for (j = d->docoff[i]; j < d->docoff[i + 1]; j++)
			df[d->bk[j]]++;
		if (d->docoff[i + 1] - d->docoff[i] > maxpairs)
			maxpairs = d->docoff[i + 1] - d->docoff[i];
	}
	for (i = 0, nused = 0; i < nbucket; i++)
		if (df[i] >= d->opt.mindf)
			nused++;
	m = model_alloc(&d->opt, nclass, nused);
	m->ndocs = n;
	m->info = xf_strdup(info == NULL ? "" : info);
	for (i = 0, c = 0; i < d->nlabel; i++)
		if (cls[i] != (size_t)-1) {
			m->labellen[c] = d->labellen[d->sorted[i]];
			m->label[c++] = xf_memdup(d->label[d->sorted[i]],
			    d->labellen[d->sorted[i]]);
		}
	for (i = 0, j = 0; i < nbucket; i++)
		if (df[i] >= d->opt.mindf) {
			m->bucket[j] = (uint32_t)i;
			m->slot[i] = (int32_t)j;
			m->idf[j] = (float)(log((1.0 + (double)n) /
			    (1.0 + df[i])) + 1.0);
			ROW(m, j)[0] = m->idf[j];
			j++;
		}

	/* The liblinear problem: slot + 1 as the feature, then the bias. */
	sl = xf_calloc(maxpairs + 1, sizeof(*sl));
	val = xf_calloc(maxpairs + 1, sizeof(*val));
	nnodes = 0;
	for (i = 0; i < d->ndoc; i++)
		if (use == NULL || use[i])
			nnodes += d->docoff[i + 1] - d->docoff[i] + 2;
	nodes = xf_calloc(nnodes, sizeof(*nodes));
	rows = xf_calloc(n, sizeof(*rows));
	y = xf_calloc(n, sizeof(*y));
	for (i = 0, j = 0, at = 0; i < d->ndoc; i++) {
		size_t k, t;

		if (use != NULL && !use[i])
			continue;
		k = weigh(m, d->bk + d->docoff[i], d->cnt + d->docoff[i],
		    d->docoff[i + 1] - d->docoff[i], 0, sl, val);
		rows[j] = nodes + at;
		y[j++] = (double)cls[d->rank[d->doclab[i]]];
		for (t = 0; t < k; t++) {
			nodes[at].index = (int)sl[t] + 1;
			nodes[at++].value = val[t];
		}
		nodes[at].index = (int)nused + 1;
		nodes[at++].value = 1;
		nodes[at++].index = -1;
	}
	memset(&prob, 0, sizeof(prob));
	prob.l = (int)n;
	prob.n = (int)nused + 1;
	prob.y = y;
	prob.x = rows;
	prob.bias = 1;
	memset(&param, 0, sizeof(param));
	param.solver_type = L2R_LR_DUAL;
	param.eps = d->opt.eps;
	param.C = d->opt.C;
	param.p = 0.1;
	/* Class weights: balanced, then the explicit ones on top. */
	wlab = xf_calloc(nclass + 1, sizeof(*wlab));
	wval = xf_calloc(nclass + 1, sizeof(*wval));
	for (c = 0; c < nclass; c++) {
		wlab[c] = (int)c;
		wval[c] = 1;
	}
	for (i = 0; i < d->nlabel; i++)
		if (d->opt.balanced && cls[i] != (size_t)-1)
			wval[cls[i]] = (double)n / ((double)nclass *
			    (double)lcount[i]);
	for (j = 0; j < d->opt.nweight; j++) {
		size_t wl = strlen(d->opt.wlabel[j]);

		for (i = 0; i < d->nlabel; i++)
			if (d->labellen[d->sorted[i]] == wl &&
			    memcmp(d->label[d->sorted[i]], d->opt.wlabel[j],
			    wl) == 0)
				break;
		if (i == d->nlabel) {
			*err = "a class weight names a label no record has";
			goto fail;
		}
		if (cls[i] != (size_t)-1)
			wval[cls[i]] = d->opt.weight[j];
	}
	param.nr_weight = (int)nclass;
	param.weight_label = wlab;
	param.weight = wval;
	if ((msg = check_parameter(&prob, &param)) != NULL) {
		*err = "liblinear refused the settings";
		goto fail;
	}
	if ((lm = train(&prob, &param)) == NULL) {
		*err = "liblinear failed to train";
		goto fail;
	}
	/* liblinear's class j is our class lm->label[j]. */
	for (j = 0; j < nclass; j++) {
		c = (size_t)lm->label[j];
		m->bias[c] = (float)get_decfun_bias(lm, (int)j);
		for (i = 0; i < nused; i++)
			ROW(m, i)[1 + c] = (float)get_decfun_coef(lm,
			    (int)i + 1, (int)j);
	}
	free_and_destroy_model(&lm);
	goto out;
fail:
	xf_tm_free(m);
	m = NULL;
out:
	free(lcount);
	free(cls);
	free(df);
	free(sl);
	free(val);
	free(nodes);
	free(rows);
	free(y);
	free(wlab);
	free(wval);
	return m;
}

/* ---- Folds. */

struct grp {
	size_t	 size, first, g;
};

/* Largest group first; ties: the group seen first. */
static int
cmp_group(const void *a, const void *b)
{
	const struct grp *x = a, *y = b;

	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

void
xf_tm_folds(const size_t *lab, const size_t *grp, size_t n, size_t k,
    size_t *fold)
{
	size_t ngrp = 0, nlab = 0, i, j, f, g, best;
	size_t *size, *first, *start, *member, *fill, *frows;
	struct grp *order;
	double *cnt, *target, d, bestd;

	for (i = 0; i < n; i++) {
		if (grp[i] + 1 > ngrp)
			ngrp = grp[i] + 1;
		if (lab[i] + 1 > nlab)
			nlab = lab[i] + 1;
	}
	size = xf_calloc(ngrp + 1, sizeof(*size));
	first = xf_calloc(ngrp + 1, sizeof(*first));
	order = xf_calloc(ngrp + 1, sizeof(*order));
	start = xf_calloc(ngrp + 2, sizeof(*start));
	fill = xf_calloc(ngrp + 1, sizeof(*fill));
	member = xf_calloc(n + 1, sizeof(*member));
	frows = xf_calloc(k, sizeof(*frows));
	cnt = xf_calloc(k * nlab + 1, sizeof(*cnt));
	target = xf_calloc(nlab + 1, sizeof(*target));
	for (g = 0; g < ngrp; g++)
		first[g] = n;
	for (i = n; i-- > 0;) {
		size[grp[i]]++;
		first[grp[i]] = i;
		target[lab[i]] += 1.0 / (double)k;
	}
	for (g = 0; g < ngrp; g++) {
		order[g].g = g;
		order[g].size = size[g];
		order[g].first = first[g];
		start[g + 1] = start[g] + size[g];
	}
	for (i = 0; i < n; i++)
		member[start[grp[i]] + fill[grp[i]]++] = i;
	qsort(order, ngrp, sizeof(*order), cmp_group);
	for (j = 0; j < ngrp; j++) {
		g = order[j].g;
		if (size[g] == 0)
			continue;
		best = 0;
		bestd = 0;
		for (f = 0; f < k; f++) {
			/* The change in squared excess over the labels of
			   the group (counted once per member). */
			d = 0;
			for (i = start[g]; i < start[g + 1]; i++) {
				double *c = &cnt[f * nlab + lab[member[i]]];
				double t = target[lab[member[i]]];

				d += (*c + 1 - t) * (*c + 1 - t) -
				    (*c - t) * (*c - t);
				*c += 1;
			}
			for (i = start[g]; i < start[g + 1]; i++)
				cnt[f * nlab + lab[member[i]]] -= 1;
			if (f == 0 || d < bestd - 1e-9 ||
			    (d < bestd + 1e-9 && frows[f] < frows[best])) {
				best = f;
				bestd = d;
			}
		}
		for (i = start[g]; i < start[g + 1]; i++) {
			cnt[best * nlab + lab[member[i]]] += 1;
			fold[member[i]] = best;
		}
		frows[best] += size[g];
	}
	free(size);
	free(first);
	free(order);
	free(start);
	free(fill);
	free(member);
	free(frows);
	free(cnt);
	free(target);
}

/* ---- Using a model. */

size_t
xf_tm_nclass(const struct xf_textmodel *m)
{
	return m->nclass;
}

const char *
xf_tm_label(const struct xf_textmodel *m, size_t i, size_t *len)
{
	if (len != NULL)
		*len = m->labellen[i];
	return m->label[i];
}

void
xf_tm_settings(const struct xf_textmodel *m, struct xf_tm_opts *o)
{
	*o = m->opt;
}

const char *
xf_tm_info(const struct xf_textmodel *m)
{
	return m->info;
}

size_t
xf_tm_nfeature(const struct xf_textmodel *m)
{
	return m->nused;
}

/* ln n, from a table for the small counts that are most of them. */
static double
logn(uint32_t n)
{
	static const double t[8] = {
		0, 0, 0.69314718055994531, 1.0986122886681098,
		1.3862943611198906, 1.6094379124341003, 1.791759469228055,
		1.9459101090932196
	};

	return n < 8 ? t[n] : log((double)n);
}

static void
model_bucket(void *arg, uint32_t b)
{
	struct xf_textmodel *m = arg;

	if (m->nbk == m->bkcap) {
		m->bkcap = m->bkcap * 2 + 4096;
		m->bk = xf_reallocarray(m->bk, m->bkcap, sizeof(*m->bk));
	}
	m->bk[m->nbk++] = b;
}

/*
 * Count the slots of a record: their places in the table are listed in
 * m->touched, the slot (+ 1) in m->hkey and the count in m->hcnt.  The
 * caller clears the places it was given (hkey to 0).
 */
static void
count_record(struct xf_textmodel *m, const char *const *text,
    const size_t *len, size_t ntext)
{
	size_t i, need, mask, h;
	int32_t s;
	uint32_t key;

	m->nbk = 0;
	m->ntouched = 0;
	for (i = 0; i < ntext; i++)
		buckets(&m->sc, &m->opt, text[i], len[i], model_bucket, m);
	for (need = 1024; need < 2 * m->nbk; need *= 2)
		;
	if (m->hcap < need) {
		free(m->hkey);
		free(m->hcnt);
		m->hcap = need;
		m->hkey = xf_calloc(need, sizeof(*m->hkey));
		m->hcnt = xf_calloc(need, sizeof(*m->hcnt));
	}
	if (m->touchcap < m->nbk) {
		m->touchcap = m->nbk + 4096;
		m->touched = xf_reallocarray(m->touched, m->touchcap,
		    sizeof(*m->touched));
	}
	mask = m->hcap - 1;
	for (i = 0; i < m->nbk; i++) {
		if (i + AHEAD < m->nbk)
			PREFETCH(&m->slot[m->bk[i + AHEAD]]);
		if ((s = m->slot[m->bk[i]]) < 0)
			continue;
		key = (uint32_t)s + 1;
		for (h = (key * 2654435761u) & mask; m->hkey[h] != 0 &&
		    m->hkey[h] != key; h = (h + 1) & mask)
			;
		if (m->hkey[h] == 0) {
			m->hkey[h] = key;
			m->hcnt[h] = 0;
			m->touched[m->ntouched++] = (uint32_t)h;
		}
		m->hcnt[h]++;
	}
}

size_t
xf_tm_vector(struct xf_textmodel *m, const char *const *text,
    const size_t *len, size_t ntext, uint32_t *idx, double *val, size_t max)
{
	uint32_t *cnt, *sl;
	double *v;
	size_t i, k;

	count_record(m, text, len, ntext);
	cnt = xf_calloc(m->ntouched + 1, sizeof(*cnt));
	sl = xf_calloc(m->ntouched + 1, sizeof(*sl));
	v = xf_calloc(m->ntouched + 1, sizeof(*v));
	for (i = 0; i < m->ntouched; i++)
		sl[i] = m->hkey[m->touched[i]] - 1;
	qsort(sl, m->ntouched, sizeof(*sl), cmp_u32);
	for (i = 0; i < m->ntouched; i++) {
		size_t h, mask = m->hcap - 1;

		for (h = (uint32_t)((sl[i] + 1) * 2654435761u) & mask;
		    m->hkey[h] != sl[i] + 1;
		    h = (h + 1) & mask)
			;
		cnt[i] = m->hcnt[h];
	}
	for (i = 0; i < m->ntouched; i++)
		m->hkey[m->touched[i]] = 0;
	k = weigh(m, sl, cnt, m->ntouched, 1, sl, v);
	for (i = 0; i < k && i < max; i++) {
		idx[i] = m->bucket[sl[i]];
		val[i] = v[i];
	}
	free(cnt);
	free(sl);
	free(v);
	return k;
}

size_t
xf_tm_predict(struct xf_textmodel *m, const char *const *text,
    const size_t *len, size_t ntext, double *prob)
{
	size_t i, c, best = 0, nc = m->nclass;
	double norm = 0, v, sum = 0;
	const float *w;
	uint32_t s, h;

	count_record(m, text, len, ntext);
	for (c = 0; c < nc; c++)
		m->dec[c] = 0;
	for (i = 0; i < m->ntouched; i++) {
		if (i + AHEAD / 2 < m->ntouched)
			PREFETCH(ROW(m, m->hkey[m->touched[i + AHEAD / 2]] -
			    1));
		h = m->touched[i];
		s = m->hkey[h] - 1;
		m->hkey[h] = 0;
		w = ROW(m, s);
		v = (1 + logn(m->hcnt[h])) * w[0];
		norm += v * v;
		for (c = 0; c < nc; c++)
			m->dec[c] += v * w[1 + c];
	}
	norm = norm > 0 ? sqrt(norm) : 1;
	for (c = 0; c < nc; c++) {
		m->dec[c] = m->dec[c] / norm + m->bias[c];
		if (m->dec[c] > m->dec[best])
			best = c;
	}
	if (prob != NULL) {
		for (c = 0; c < nc; c++) {
			prob[c] = 1 / (1 + exp(-m->dec[c]));
			sum += prob[c];
		}
		for (c = 0; c < nc; c++)
			prob[c] /= sum;
	}
	return best;
}

size_t
xf_tm_predict_data(struct xf_textmodel *m, const struct xf_tm_data *d,
    size_t r, double *prob)
{
	size_t i, c, best = 0, nc = m->nclass;
	double norm = 0, v, sum = 0;
	const float *w;
	int32_t s;

	for (c = 0; c < nc; c++)
		m->dec[c] = 0;
	for (i = d->docoff[r]; i < d->docoff[r + 1]; i++) {
		if (d->bk[i] >> m->opt.bits != 0 ||
		    (s = m->slot[d->bk[i]]) < 0)
			continue;
		v = (1 + log((double)d->cnt[i])) * m->idf[s];
		norm += v * v;
		w = ROW(m, s) + 1;
		for (c = 0; c < nc; c++)
			m->dec[c] += v * w[c];
	}
	norm = norm > 0 ? sqrt(norm) : 1;
	for (c = 0; c < nc; c++) {
		m->dec[c] = m->dec[c] / norm + m->bias[c];
		if (m->dec[c] > m->dec[best])
			best = c;
	}
	if (prob != NULL) {
		for (c = 0; c < nc; c++) {
			prob[c] = 1 / (1 + exp(-m->dec[c]));
			sum += prob[c];
		}
		for (c = 0; c < nc; c++)
			prob[c] /= sum;
	}
	return best;
}

/* ---- The file. */

struct buf {
	unsigned char	*p;
	size_t		 len, cap;
};

static void
put(struct buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 4096;
		b->p = xf_reallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void
put_u32(struct buf *b, uint32_t v)
{
	unsigned char x[4];

	x[0] = v & 0xff;
	x[1] = (v >> 8) & 0xff;
	x[2] = (v >> 16) & 0xff;
	x[3] = (v >> 24) & 0xff;
	put(b, x, 4);
}

static void
put_u64(struct buf *b, uint64_t v)
{
	put_u32(b, (uint32_t)(v & 0xffffffffu));
	put_u32(b, (uint32_t)(v >> 32));
}

static void
put_f32(struct buf *b, float f)
{
	uint32_t v;

	memcpy(&v, &f, 4);
	put_u32(b, v);
}

int
xf_tm_save(const struct xf_textmodel *m, FILE *fp)
{
	struct buf b;
	size_t i, c, infolen = strlen(m->info);
	uint64_t sum;
	int rc = 0;

	memset(&b, 0, sizeof(b));
	put(&b, XF_TM_MAGIC, 8);
	put_u32(&b, XF_TM_VERSION);
	put_u64(&b, 0);		/* the size, filled in below */
	put_u32(&b, (uint32_t)m->nclass);
	put_u32(&b, m->opt.ngmin);
	put_u32(&b, m->opt.ngmax);
	put_u32(&b, m->opt.bits);
	put_u32(&b, m->opt.mindf);
	put_u32(&b, (uint32_t)m->ndocs);
	put_u32(&b, (uint32_t)infolen);
	put(&b, m->info, infolen);
	for (c = 0; c < m->nclass; c++) {
		put_u32(&b, (uint32_t)m->labellen[c]);
		put(&b, m->label[c], m->labellen[c]);
	}
	for (c = 0; c < m->nclass; c++)
		put_f32(&b, m->bias[c]);
	put_u32(&b, (uint32_t)m->nused);
	for (i = 0; i < m->nused; i++) {
		put_u32(&b, m->bucket[i]);
		put_f32(&b, m->idf[i]);
		for (c = 0; c < m->nclass; c++)
			put_f32(&b, ROW(m, i)[1 + c]);
	}
	/* Size, then the checksum over everything before it. */
	{
		uint64_t size = b.len + 8;
		size_t k;

		for (k = 0; k < 8; k++)
			b.p[12 + k] = (unsigned char)(size >> (8 * k));
	}
	sum = xf_hash64(b.p, b.len, XF_TM_SEED);
	put_u64(&b, sum);
	if (fwrite(b.p, 1, b.len, fp) != b.len)
		rc = -1;
	free(b.p);
	return rc;
}

struct cur {
	const unsigned char *p;
	size_t		 len, at;
	int		 bad;
};

static uint32_t
get_u32(struct cur *c)
{
	const unsigned char *x;

	if (c->bad || c->len - c->at < 4) {
		c->bad = 1;
		return 0;
	}
	x = c->p + c->at;
	c->at += 4;
	return (uint32_t)x[0] | (uint32_t)x[1] << 8 | (uint32_t)x[2] << 16 |
	    (uint32_t)x[3] << 24;
}

static uint64_t
get_u64(struct cur *c)
{
	uint64_t lo = get_u32(c);

	return lo | (uint64_t)get_u32(c) << 32;
}

static float
get_f32(struct cur *c)
{
	uint32_t v = get_u32(c);
	float f;

	memcpy(&f, &v, 4);
	if (!isfinite(f))
		c->bad = 1;
	return f;
}

static const unsigned char *
get_bytes(struct cur *c, size_t n)
{
	const unsigned char *x;

	if (c->bad || c->len - c->at < n) {
		c->bad = 1;
		return NULL;
	}
	x = c->p + c->at;
	c->at += n;
	return x;
}

struct xf_textmodel *
xf_tm_load_mem(const void *buf, size_t len, const char **err)
{
	struct xf_textmodel *m = NULL;
	struct xf_tm_opts o;
	struct cur c;
	const unsigned char *x;
	uint32_t version, nclass, ndocs, infolen, nused, l;
	uint64_t size, sum;
	size_t i, k, body;

	*err = NULL;
	memset(&c, 0, sizeof(c));
	c.p = buf;
	c.len = len;
	if (len < 8 ? memcmp(buf, XF_TM_MAGIC, len) != 0 || len == 0 :
	    memcmp(buf, XF_TM_MAGIC, 8) != 0) {
		*err = "not an xf text model (bad magic)";
		return NULL;
	}
	if (len < 20 + 8) {
		*err = "model file truncated";
		return NULL;
	}
	c.at = 8;
	version = get_u32(&c);
	if (version != XF_TM_VERSION) {
		*err = version > XF_TM_VERSION ? "model file version is newer "
		    "than this program reads (1): retrain or upgrade" :
		    "model file version is not 1";
		return NULL;
	}
	size = get_u64(&c);
	if (size > len) {
		*err = "model file truncated";
		return NULL;
	}
	if (size < len) {
		*err = "model file damaged (bytes after its end)";
		return NULL;
	}
	body = len - 8;
	c.at = body;
	sum = get_u64(&c);
	if (sum != xf_hash64(buf, body, XF_TM_SEED)) {
		*err = "model file damaged (checksum mismatch)";
		return NULL;
	}
	c.len = body;
	c.at = 20;
	xf_tm_opts_init(&o);
	nclass = get_u32(&c);
	o.ngmin = get_u32(&c);
	o.ngmax = get_u32(&c);
	o.bits = get_u32(&c);
	o.mindf = get_u32(&c);
	ndocs = get_u32(&c);
	infolen = get_u32(&c);
	if (nclass < 2 || nclass > MAXCLASS || xf_tm_opts_check(&o) != NULL) {
		*err = "model file damaged (settings out of range)";
		return NULL;
	}
	if ((x = get_bytes(&c, infolen)) == NULL)
		goto bad;
	/* The buckets kept come later; read their number first. */
	{
		struct cur peek = c;

		for (k = 0; k < nclass; k++) {
			l = get_u32(&peek);
			if (get_bytes(&peek, l) == NULL)
				goto bad;
		}
		for (k = 0; k < nclass; k++)
			(void)get_u32(&peek);
		nused = get_u32(&peek);
		if (peek.bad || nused > ((size_t)1 << o.bits) ||
		    (peek.len - peek.at) / 4 / (nclass + 2) < nused)
			goto bad;
	}
	m = model_alloc(&o, nclass, nused);
	m->ndocs = ndocs;
	m->info = xf_memdup((const char *)x, infolen);
	for (k = 0; k < nclass; k++) {
		l = get_u32(&c);
		if ((x = get_bytes(&c, l)) == NULL || l == 0)
			goto bad;
		m->labellen[k] = l;
		m->label[k] = xf_memdup((const char *)x, l);
	}
	for (k = 0; k < nclass; k++)
		m->bias[k] = get_f32(&c);
	(void)get_u32(&c);
	for (i = 0; i < nused; i++) {
		m->bucket[i] = get_u32(&c);
		if (c.bad || m->bucket[i] >> o.bits != 0 ||
		    (i > 0 && m->bucket[i] <= m->bucket[i - 1]))
			goto bad;
		m->slot[m->bucket[i]] = (int32_t)i;
		m->idf[i] = get_f32(&c);
		ROW(m, i)[0] = m->idf[i];
		for (k = 0; k < nclass; k++)
			ROW(m, i)[1 + k] = get_f32(&c);
	}
	if (c.bad || c.at != c.len)
		goto bad;
	return m;
bad:
	xf_tm_free(m);
	*err = "model file damaged (inconsistent contents)";
	return NULL;
}

struct xf_textmodel *
xf_tm_load(const char *path, const char **err)
{
	struct xf_textmodel *m;
	FILE *fp;
	char *buf = NULL;
	size_t len = 0, cap = 0, got;

	if ((fp = fopen(path, "rb")) == NULL) {
		*err = strerror(errno);
		return NULL;
	}
	for (;;) {
		if (len == cap) {
			cap = cap * 2 + 65536;
			buf = xf_reallocarray(buf, cap, 1);
		}
		got = fread(buf + len, 1, cap - len, fp);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		*err = strerror(errno);
		fclose(fp);
		free(buf);
		return NULL;
	}
	fclose(fp);
	m = xf_tm_load_mem(buf, len, err);
	free(buf);
	return m;
}
