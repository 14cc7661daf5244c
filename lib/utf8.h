/* SPDX-License-Identifier: ISC */

/*
 * UTF-8 helpers for CSV fields: validation (with the offset of the first
 * bad byte), decoding one code point, counting code points, full-width to
 * half-width folding, and trimming the blanks that real exports carry
 * (ASCII white space, the ideographic space, no-break space, a stray BOM).
 *
 * Every function takes a pointer and a length; strings need not be
 * NUL-terminated and may contain NUL bytes.  "Well-formed" follows the
 * Unicode Standard, table 3-7: no overlong forms, no surrogates
 * (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequences.
 * The module is pure: it never prints, never exits, never allocates and
 * keeps no state.
 */

#ifndef XF_UTF8_H
#define XF_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * 1 if the n bytes at s are well-formed UTF-8, else 0.  On failure, if
 * badoff is not NULL, *badoff is the offset of the first byte of the
 * first ill-formed sequence: a byte that cannot start a character, or the
 * lead byte of a sequence that is overlong, encodes a surrogate or a
 * value above U+10FFFF, or is cut short (by a wrong byte or by the end of
 * the input).  *badoff is untouched on success.  An empty string is
 * valid.  ASCII runs are checked eight bytes at a time.
 */
int	 xf_utf8_valid(const char *s, size_t n, size_t *badoff);

/* What xf_utf8_scan() finds in a CSV field. */
enum {
	XF_UTF8_SCAN_OK,	/* well-formed, no NUL, nothing to quote */
	XF_UTF8_SCAN_QUOTE,	/* well-formed, no NUL, must be quoted */
	XF_UTF8_SCAN_BAD	/* ill-formed, or holds a NUL byte */
};

/*
 * One pass over a CSV field for a tool that both checks and writes it:
 * whether the n bytes at s are well-formed UTF-8 (as xf_utf8_valid())
 * without a NUL byte, and if so whether a CSV writer with field
 * separator delim must quote them (they hold '"', CR, LF or delim, as
 * xf_csv_needs_quotes() in csvout.h says).  delim should be an ASCII
 * byte; for any other value only '"', CR and LF are looked for, and the
 * answer about quoting must not be used.  Returns XF_UTF8_SCAN_OK,
 * XF_UTF8_SCAN_QUOTE or XF_UTF8_SCAN_BAD; for BAD, xf_utf8_valid() and
 * memchr() tell where.
 */
int	 xf_utf8_scan(const char *s, size_t n, int delim);

/*
 * Decode the code point that starts at s (n bytes available).  Returns
 * its length in bytes (1 to 4) and stores it in *cp (if cp is not NULL);
 * returns 0 if n is 0, and -1 if the bytes at s do not start a
 * well-formed sequence (*cp untouched in both cases).
 */
int	 xf_utf8_decode(const char *s, size_t n, uint32_t *cp);

/*
 * Number of code points in the n bytes at s.  Never fails: on ill-formed
 * input, each byte that does not start a well-formed sequence counts as
 * one (so "\xe5\xbb", a cut-off character, counts two), and the result
 * is at most n.
 */
size_t	 xf_utf8_len(const char *s, size_t n);

/*
 * Fold full-width forms to ASCII: U+FF01..U+FF5E become U+0021..U+007E
 * (digits, Latin letters and ASCII punctuation, so "，" becomes ",") and
 * U+3000 IDEOGRAPHIC SPACE becomes a space; everything else, including
 * ill-formed bytes, is copied unchanged.  Writes the result to out and
 * returns its length, which is at most n (each folded character shrinks
 * from 3 bytes to 1).  out must have room for n bytes; it is not
 * NUL-terminated.  out may be s itself (folding in place); otherwise the
 * two must not overlap.
 */
size_t	 xf_utf8_halfwidth(const char *s, size_t n, char *out);

/*
 * Like xf_utf8_halfwidth(), but folds only the full-width digits
 * ０-９ (U+FF10..U+FF19), letters Ａ-Ｚ (U+FF21..U+FF3A) and ａ-ｚ
 * (U+FF41..U+FF5A), and U+3000.  Chinese punctuation in free text
 * (，。！？：；（）) is left alone.  Same rules for out and aliasing.
 */
size_t	 xf_utf8_halfwidth_alnum(const char *s, size_t n, char *out);

/*
 * Find the n bytes at s without leading and trailing blanks: ASCII space,
 * tab, LF, VT, FF and CR, U+00A0 NO-BREAK SPACE, U+3000 IDEOGRAPHIC SPACE
 * and U+FEFF (a stray byte order mark or zero-width no-break space).
 * Sets *start to the offset of the first byte kept and *len to the
 * number of bytes kept; an all-blank string gives *len 0 (and *start n).
 * Nothing is copied: the result is s[*start .. *start + *len).
 */
void	 xf_utf8_trim(const char *s, size_t n, size_t *start, size_t *len);

#endif /* XF_UTF8_H */
