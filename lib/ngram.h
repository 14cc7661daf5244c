/* SPDX-License-Identifier: ISC */

/*
 * Character bigram sets of free text, and the Jaccard similarity of two
 * sets: how xf-repeat tells whether two petitions of one person concern
 * the same matter.
 *
 * Text is read as UTF-8 and normalised first, so that spelling that
 * does not change the words does not change the set:
 *   - a traditional character becomes its simplified form and a
 *     full-width letter or digit its ASCII twin (xf_hanzi_simplify(),
 *     and the folding of U+FF01..U+FF5E), ASCII letters become lower
 *     case;
 *   - what is not part of a word is dropped: ASCII characters other than
 *     letters and digits (spaces, punctuation, control characters),
 *     U+0080..U+00BF (Latin-1 punctuation, no-break space), U+2000..
 *     U+2BFF (general punctuation such as “ ” … — and zero-width
 *     characters, arrows, mathematical and technical symbols, circled
 *     numbers, box drawing, shapes), U+3000..U+303F (CJK punctuation:
 *     、。《》「」【】 and the ideographic space, but not 々 〆 〇 and
 *     the Suzhou numerals 〡..〩, which are parts of words), U+FE10..U+FE1F and
 *     U+FE30..U+FE6F (vertical and small forms), U+FF00..U+FFEF after
 *     folding (half-width ｡｢｣､･, ￥, ￡) and U+FFF0..U+FFFF, U+FEFF, and
 *     the emoji and symbol blocks U+1F000..U+1FAFF;
 *   - every other character is kept: Chinese characters, Hangul, kana,
 *     Latin letters with accents, digits.  A byte that does not start a
 *     well-formed UTF-8 sequence is kept as a character of its own.
 * "拆遷補償，５万元！" and "拆迁补偿5万元" give the same set.
 *
 * The set holds each pair of adjacent kept characters once (a text of
 * k kept characters has at most k - 1 bigrams); a text with exactly one
 * kept character contributes that character alone, so "水" is not the
 * empty set.  Several texts may go into one set (a subject and a
 * content): bigrams do not span two texts.  Only the first
 * XF_NGRAM_MAXCHARS kept characters over all the texts of a set count,
 * which bounds a set to XF_NGRAM_MAXCHARS entries of 4 bytes.
 *
 * Each bigram is stored as a 32-bit number: exactly, as (first << 16) |
 * second, when both characters lie in the Basic Multilingual Plane
 * (every Chinese character in common use); else as a 32-bit hash of the
 * pair, which could, with a chance of about one in 2^32 per pair of
 * bigrams compared, make two different bigrams count as one.
 *
 * Memory comes from xf_reallocarray() and friends, which exit when it
 * runs out; the module never prints.
 */

#ifndef XF_NGRAM_H
#define XF_NGRAM_H

#include <stddef.h>
#include <stdint.h>

/* Kept characters of one set that count (see above). */
#define XF_NGRAM_MAXCHARS	2000

/*
 * A set of bigrams.  Fill it with xf_ngram_add(), then call
 * xf_ngram_finish() before comparing it.  Zero it (or call
 * xf_ngram_clear()) before the first use.
 */
struct xf_ngram {
	uint32_t	*g;		/* the bigrams; sorted and unique
					   after xf_ngram_finish() */
	size_t		 n;		/* entries in g */
	size_t		 cap;		/* allocated entries */
	size_t		 chars;		/* kept characters so far */
	int		 done;		/* xf_ngram_finish() was called */
};

/* Empty the set for new texts, keeping its memory. */
void	 xf_ngram_clear(struct xf_ngram *);

/* Free the set's memory and zero it. */
void	 xf_ngram_free(struct xf_ngram *);

/*
 * Add the bigrams of the n bytes of text at s (need not be
 * NUL-terminated; may hold NUL bytes and ill-formed UTF-8).  Must not
 * be called after xf_ngram_finish() without xf_ngram_clear() first.
 */
void	 xf_ngram_add(struct xf_ngram *, const char *s, size_t n);

/* Sort the set and drop duplicates, so that it can be compared. */
void	 xf_ngram_finish(struct xf_ngram *);

/*
 * The number of bigrams the two finished sets have in common, |A ∩ B|.
 * The union has a->n + b->n - common entries.
 */
size_t	 xf_ngram_common(const struct xf_ngram *a, const struct xf_ngram *b);

/*
 * The Jaccard similarity |A ∩ B| / |A ∪ B| in thousandths, rounded
 * half up: 0 to 1000.  Two empty sets have similarity 0 (nothing
 * in common is known).
 */
unsigned xf_ngram_similarity(const struct xf_ngram *a,
	    const struct xf_ngram *b);

/*
 * Whether the Jaccard similarity of a and b reaches milli / 1000,
 * compared exactly (1000 × |A ∩ B| >= milli × |A ∪ B|, no rounding): 1
 * or 0.  A threshold of 0 is reached by any two sets, empty ones
 * included; 1000 only by equal, non-empty sets.
 */
int	 xf_ngram_reaches(const struct xf_ngram *a, const struct xf_ngram *b,
	    unsigned milli);

/*
 * The same three for sets that are plain sorted arrays of na and nb
 * unique bigrams (as a finished set's g and n), for callers that keep
 * the bigrams without the struct.
 */
size_t	 xf_ngram_common_v(const uint32_t *a, size_t na, const uint32_t *b,
	    size_t nb);
unsigned xf_ngram_similarity_v(size_t common, size_t na, size_t nb);
int	 xf_ngram_reaches_v(size_t common, size_t na, size_t nb,
	    unsigned milli);

/*
 * The characters the set is built from, for tests and for explaining a
 * result: write the normalised text of the n bytes at s (kept
 * characters only, as UTF-8; an ill-formed byte is written as itself)
 * to out, which has room for outsz bytes, NUL-terminated and cut at a
 * character boundary to fit.  Returns the length the whole result
 * would have.  For well-formed UTF-8 the result gives the same set
 * again; ill-formed bytes written side by side may not (two stray
 * bytes can make one character).
 */
size_t	 xf_ngram_normalize(const char *s, size_t n, char *out, size_t outsz);

#endif /* XF_NGRAM_H */
