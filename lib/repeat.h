/* SPDX-License-Identifier: ISC */

/*
 * Repeat petitions within a window of days: the bookkeeping behind
 * xf-repeat.  Petitions are added one at a time, in date order, each
 * with its person (any bytes: xf-repeat passes the person key), its id
 * and its bigram set (ngram.h); for each, the engine says whether it
 * repeats an earlier petition of the same person, and which chain of
 * repeats it belongs to.
 *
 * The rule.  Petition P, on day d, repeats an earlier petition Q when
 *   - Q has the same person and was added before P;
 *   - d - window <= day(Q) <= d: Q lies within the window before P, the
 *     day itself and the day window days before included (以内, DOMAIN
 *     §0.2), so with a window of 0 only the same day counts;
 *   - the Jaccard similarity of their bigram sets reaches the threshold
 *     (xf_ngram_reaches()), or any_topic is set.
 * Among the petitions P repeats, the one with the greatest similarity
 * (compared exactly; on a tie, the one added last) is the one P is
 * "similar to", and P joins its chain.  A chain starts with a petition
 * that repeats none; its repeats are numbered 1, 2, 3, ... in the order
 * they are added, and each names the chain's first petition.  A chain
 * goes on as long as each new repeat falls within the window of some
 * petition of the chain still held, so it may span more than the window.
 *
 * Memory.  A petition is held until the latest day added has moved more
 * than window days past its own day; then it is dropped, with its
 * person when it was that person's last.  Of one person, at most
 * per_person petitions are held (the earliest added is dropped first),
 * which also bounds the work per petition.  So memory grows with the
 * petitions of the last window days and the people who filed them, not
 * with the input: for each petition about 100 bytes, its id and 4
 * bytes a bigram (with malloc's overhead); for each person about 100
 * bytes, its share of the hash table included.
 *
 * Petitions added out of date order (a day before the latest day added)
 * are still handled by the rule above against the petitions held, and
 * flagged; what they would have changed for petitions already added
 * (which might have repeated them) is lost, and petitions dropped as
 * too old may be missing.  xf-repeat either requires date order or
 * sorts first.
 *
 * Memory comes from xf_malloc() and friends, which exit when it runs
 * out; the module never prints.
 */

#ifndef XF_REPEAT_H
#define XF_REPEAT_H

#include <stddef.h>

struct xf_ngram;

/* Default most petitions held per person. */
#define XF_REPEAT_PERPERSON	100

struct xf_repeat_opt {
	long		 window;	/* days, 0 or more */
	unsigned	 similarity;	/* threshold in thousandths, 0..1000 */
	int		 any_topic;	/* 1: similarity does not matter */
	size_t		 per_person;	/* 0: XF_REPEAT_PERPERSON */
};

/*
 * What xf_repeat_add() found.  The strings are not NUL-terminated and
 * stay valid until the next xf_repeat_add() or xf_repeat_free().
 */
struct xf_repeat_result {
	int		 repeat;	/* 1 if the petition repeats one */
	const char	*repeat_of;	/* the chain's first petition's id */
	size_t		 repeat_of_len;
	unsigned long	 repeat_n;	/* 1, 2, 3, ... or 0 */
	int		 compared;	/* 1 if any earlier petition of the
					   person lay within the window */
	unsigned	 similarity;	/* the greatest similarity among them,
					   in thousandths (0 if none) */
	const char	*similar_to;	/* that petition's id */
	size_t		 similar_to_len;
	int		 out_of_order;	/* day before the latest day added */
};

struct xf_repeat;

/* A new engine with options opt (copied).  Never NULL. */
struct xf_repeat *xf_repeat_new(const struct xf_repeat_opt *opt);

/* Free the engine and everything it holds.  NULL is allowed. */
void	 xf_repeat_free(struct xf_repeat *);

/*
 * Add the petition with id (idlen bytes) of the person (personlen
 * bytes, at least 1) on day (a day number, xf_date_to_days()), whose
 * bigrams are grams (finished, see ngram.h; copied, so the caller may
 * reuse it), and fill *res.  Petitions of earlier days may be dropped
 * first (see above).
 */
void	 xf_repeat_add(struct xf_repeat *, long day, const void *person,
	    size_t personlen, const char *id, size_t idlen,
	    const struct xf_ngram *grams, struct xf_repeat_result *res);

/* Petitions and people held now (for tests and statistics). */
size_t	 xf_repeat_held(const struct xf_repeat *);
size_t	 xf_repeat_people(const struct xf_repeat *);

#endif /* XF_REPEAT_H */
