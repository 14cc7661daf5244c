/* SPDX-License-Identifier: ISC */

/*
 * Literal regular expressions: the shapes most classification rules
 * have (alternations of phrases, gaps of a bounded number of characters
 * from a class such as "anything but punctuation", optional parts,
 * literal look-arounds) matched without PCRE2, from where the rule's
 * phrases were found in the text by one Aho-Corasick pass.
 *
 * A pattern is compiled here only when its every construct is one this
 * module reproduces exactly as PCRE2 does with PCRE2_UTF |
 * PCRE2_CASELESS | PCRE2_MATCH_INVALID_UTF: the same leftmost match,
 * the same alternative preferred, the same greedy gap length, so the
 * same matched text.  Anything else (letters, which fold case;
 * \d and other escapes; lazy, possessive or repeated groups; positive
 * look-arounds; back references) makes xf_litre_compile return NULL and
 * the caller keeps PCRE2 for that pattern.
 *
 * Matching is by backtracking in PCRE2's order over the compiled tree,
 * anchored at an offset where the caller found (with xf_ac_scan_hits)
 * one of the literals a match can begin with (xf_litre_first); every
 * later literal set is looked up by the character at hand.
 */

#ifndef XF_LITRE_H
#define XF_LITRE_H

#include <stddef.h>
#include <stdint.h>

/* The literals of all compiled patterns, numbered from 0. */
struct xf_litre_lits;

struct xf_litre_lits *xf_litre_lits_new(void);
void	 xf_litre_lits_free(struct xf_litre_lits *);
size_t	 xf_litre_lits_count(const struct xf_litre_lits *);
/* Literal i's bytes and length (n > 0). */
const char *xf_litre_lit(const struct xf_litre_lits *, size_t i, size_t *n);

/*
 * 1 if character c matches nothing but itself under PCRE2_CASELESS in
 * UTF mode as far as this module knows (CJK, their punctuation, ASCII
 * other than letters), 0 if it may have other case forms.
 */
int	 xf_litre_casefree(uint32_t c);

struct xf_litre;

/*
 * Compile PATTERN, adding its literals to LITS.  NULL if the pattern is
 * not of a shape this module matches exactly as PCRE2 does (LITS may
 * then hold literals no pattern uses; they do no harm).
 */
struct xf_litre *xf_litre_compile(const char *pattern,
	    struct xf_litre_lits *lits);
void	 xf_litre_free(struct xf_litre *);

/*
 * The literals a match can begin with: every match starts where one of
 * them occurs.  The array belongs to the pattern.
 */
const uint32_t *xf_litre_first(const struct xf_litre *, size_t *n);

/*
 * A text, valid UTF-8 (the caller checks), and its characters: cp[i] is
 * the code point that begins at byte i, UINT32_MAX inside a character
 * and at i = n (xf_litre_text_chars fills it).
 */
struct xf_litre_text {
	const char	*s;
	size_t		 n;
	const uint32_t	*cp;
};

/*
 * Fill cp (room for n + 1) for the n bytes at s.  Returns 1, or 0 if
 * they are not valid UTF-8 (cp is then not filled to the end).
 */
int	 xf_litre_text_chars(const char *s, size_t n, uint32_t *cp);

/*
 * The end offset of the match that PCRE2 would find anchored at START,
 * -1 if there is none, or -2 if the search took too many steps (then
 * ask PCRE2, which applies its own match limit).
 */
long	 xf_litre_match(const struct xf_litre *,
	    const struct xf_litre_text *, size_t start);

#endif /* XF_LITRE_H */
