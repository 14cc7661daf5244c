/* SPDX-License-Identifier: ISC */

/*
 * A text classifier learnt from labelled examples: character n-grams,
 * TF-IDF weighting and L2-regularised logistic regression (liblinear),
 * for xf-train and xf-classify --model.
 *
 * Features.  Each text is normalised with xf_hanzi_normalize()
 * (traditional to simplified, full-width to half-width), ASCII letters
 * are lower-cased, and what is not part of a word is dropped: ASCII
 * spaces, punctuation and control characters, U+0080..U+00BF, U+2000..
 * U+206F (general punctuation), U+3000..U+303F (CJK punctuation and the
 * ideographic space) and U+FE10..U+FE6F and U+FF00..U+FFEF (vertical,
 * small and remaining full-width forms).  So word-segmented text ("拆迁
 * 补偿") and running text ("拆迁补偿，") give the same n-grams.  A byte
 * that is not well-formed UTF-8 counts as a character of its own.  The
 * n-grams are the runs of ngmin..ngmax kept characters (1..3 by
 * default); they do not cross from one text of a record to the next
 * (subject and content).  Each n-gram is hashed (64-bit, over its code
 * points and its length; the function is part of the file format) into
 * 2^bits buckets.
 *
 * Weighting.  tf is the count of a bucket in the record, made sublinear
 * (1 + ln tf); idf = ln((1 + n) / (1 + df)) + 1 over the n training
 * records (scikit-learn's smooth idf); buckets in fewer than min_df
 * training records are dropped; the vector is scaled to unit length.
 *
 * Learning.  liblinear's L2-regularised logistic regression (dual
 * solver), one class against the rest, cost C, with a bias feature and
 * optional class weights.  Probabilities are liblinear's: the logistic
 * of each class's decision value, divided by their sum.
 *
 * The model file (version 1; all integers little-endian, reals IEEE-754
 * binary32 little-endian):
 *
 *   magic     8 bytes  XF_TM_MAGIC: 0x89 "XFTM" CR LF 0x1a
 *   version   u32      1
 *   size      u64      bytes in the whole file
 *   nclass    u32      2 or more
 *   ngmin     u32      shortest n-gram
 *   ngmax     u32      longest n-gram (at most XF_TM_MAXN)
 *   bits      u32      log2 of the buckets (XF_TM_MINBITS..XF_TM_MAXBITS)
 *   mindf     u32
 *   ndocs     u32      training records
 *   infolen   u32      then infolen bytes: the training settings, text
 *   labels    nclass times: u32 length, then the label's bytes
 *   bias      f32[nclass]
 *   nused     u32      buckets kept
 *   nused times: u32 bucket (ascending), f32 idf, f32 weight[nclass]
 *   checksum  u64      xf_hash64 of every byte before it, seed XF_TM_SEED
 *
 * A file is refused, with an error string saying why, when it does not
 * start with the magic (not a model), has another version, is shorter
 * or longer than its size field (truncated), fails the checksum
 * (damaged), or holds values out of range.
 *
 * Memory comes from xf_malloc() and friends, which exit when it runs
 * out; nothing here prints (liblinear's own messages are silenced).
 * A model is not safe to use from two threads at once (it keeps the
 * scratch space of xf_tm_predict).
 */

#ifndef XF_TEXTMODEL_H
#define XF_TEXTMODEL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define XF_TM_MAGIC	"\x89XFTM\r\n\x1a"	/* 8 bytes, no NUL */
#define XF_TM_VERSION	1
#define XF_TM_SEED	UINT64_C(0x78662d6d6f64656c)	/* "xf-model" */
#define XF_TM_MAXN	8
#define XF_TM_MINBITS	10
#define XF_TM_MAXBITS	24

/* Training settings; xf_tm_opts_init() sets the defaults. */
struct xf_tm_opts {
	unsigned	 ngmin, ngmax;	/* 1, 3 */
	unsigned	 bits;		/* 20 */
	unsigned	 mindf;		/* 2 */
	double		 C;		/* 10 */
	double		 eps;		/* liblinear stopping tolerance, 0.1 */
	int		 balanced;	/* weight classes n / (k n_c) */
	size_t		 nweight;	/* explicit class weights */
	const char	**wlabel;	/* their labels, NUL-terminated */
	const double	*weight;
};

void	 xf_tm_opts_init(struct xf_tm_opts *);

/*
 * Check the settings: NULL, or a static message ("n-gram range 4-2 is
 * empty").
 */
const char *xf_tm_opts_check(const struct xf_tm_opts *);

/*
 * Call fn(arg, gram, len) for each n-gram of ngmin..ngmax kept
 * characters of the n bytes at s, as normalised UTF-8 (an ill-formed
 * byte as itself): all n-grams starting at the first character, shortest
 * first, then those starting at the second, and so on.  For tests and
 * for explaining features.
 */
void	 xf_tm_ngrams(const char *s, size_t n, unsigned ngmin, unsigned ngmax,
	    void (*fn)(void *, const char *, size_t), void *arg);

/* The bucket of the n-gram whose normalised UTF-8 is gram (len bytes). */
uint32_t xf_tm_bucket(const char *gram, size_t len, unsigned bits);

/* ---- Training. */

struct xf_tm_data;

/* An empty training set with these settings (copied; check them first). */
struct xf_tm_data *xf_tm_data_new(const struct xf_tm_opts *);
void	 xf_tm_data_free(struct xf_tm_data *);

/*
 * Add a record: ntext texts (text[i] of len[i] bytes) and its label
 * (llen bytes, not empty).  Everything is copied.
 */
void	 xf_tm_data_add(struct xf_tm_data *, const char *const *text,
	    const size_t *len, size_t ntext, const char *label, size_t llen);

/* Records added, and the label (number, in label order) of record i. */
size_t	 xf_tm_data_count(const struct xf_tm_data *);
size_t	 xf_tm_data_nlabel(const struct xf_tm_data *);
size_t	 xf_tm_data_label(const struct xf_tm_data *, size_t i);
const char *xf_tm_data_labelname(const struct xf_tm_data *, size_t lab,
	    size_t *len);

struct xf_textmodel;

/*
 * Learn a model from the records i for which use[i] is nonzero (use
 * NULL: all).  info (NUL-terminated, may be NULL) is stored in the file
 * as the description of the training.  Returns the model, or NULL with
 * *err set (fewer than two labels among the records used, a class
 * weight for an unknown label, a liblinear refusal).  Labels are those
 * of the records used, sorted by their bytes.
 */
struct xf_textmodel *xf_tm_train(struct xf_tm_data *,
	    const unsigned char *use, const char *info, const char **err);

/*
 * Stratified K-fold assignment that keeps groups together: fold[i]
 * (0..k-1) for each of the n records, given each record's label number
 * lab[i] and group number grp[i] (records of one group go to one fold).
 * Groups are placed, largest first (ties: the group seen first), into
 * the fold where the label counts stay closest to an even share
 * (least sum of squared excess), ties to the fold with fewest records,
 * then the lowest.  Deterministic; no randomness.
 */
void	 xf_tm_folds(const size_t *lab, const size_t *grp, size_t n, size_t k,
	    size_t *fold);

/* ---- Using a model. */

void	 xf_tm_free(struct xf_textmodel *);

/*
 * Write the model file to fp.  Returns 0, or -1 if a write failed
 * (errno set by stdio).
 */
int	 xf_tm_save(const struct xf_textmodel *, FILE *fp);

/*
 * Read a model file from PATH, or from memory (the buffer is not kept).
 * Returns the model, or NULL with *err set to a static message: "not an
 * xf text model (bad magic)", "model file version 7, expected 1",
 * "model file truncated", "model file damaged (checksum mismatch)",
 * "model file damaged (...)", or for PATH a system error (errno's
 * message).
 */
struct xf_textmodel *xf_tm_load(const char *path, const char **err);
struct xf_textmodel *xf_tm_load_mem(const void *buf, size_t len,
	    const char **err);

/* The classes, and class i's label (NUL-terminated; owned by the model). */
size_t	 xf_tm_nclass(const struct xf_textmodel *);
const char *xf_tm_label(const struct xf_textmodel *, size_t i, size_t *len);

/* The settings the model was trained with, and its info text. */
void	 xf_tm_settings(const struct xf_textmodel *, struct xf_tm_opts *);
const char *xf_tm_info(const struct xf_textmodel *);
size_t	 xf_tm_nfeature(const struct xf_textmodel *);

/*
 * The TF-IDF vector of a record as the model sees it: up to max
 * (bucket, value) pairs, buckets ascending, into idx and val.  Returns
 * the number of nonzero entries (which may exceed max: only max are
 * written).  For tests and explanations.
 */
size_t	 xf_tm_vector(struct xf_textmodel *, const char *const *text,
	    const size_t *len, size_t ntext, uint32_t *idx, double *val,
	    size_t max);

/*
 * Classify a record: fills prob[0..nclass-1] (if prob is not NULL) and
 * returns the class with the highest probability (ties: the lower
 * number).
 */
size_t	 xf_tm_predict(struct xf_textmodel *, const char *const *text,
	    const size_t *len, size_t ntext, double *prob);

/*
 * As xf_tm_predict, for record r of a training set (made with the same
 * n-gram and hash settings): how cross-validation scores the records
 * held out.
 */
size_t	 xf_tm_predict_data(struct xf_textmodel *,
	    const struct xf_tm_data *, size_t r, double *prob);

#endif /* XF_TEXTMODEL_H */
