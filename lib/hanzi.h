/* SPDX-License-Identifier: ISC */

/*
 * Text normalisation before rule-based classification: petitions typed
 * in traditional characters, or with full-width digits and letters, are
 * brought to the simplified, half-width form the rule patterns are
 * written in, so that a pattern for 拆迁补偿 also matches 拆遷補償 and
 * one for 2024 also matches ２０２４.
 *
 * Conversion is one code point to one code point, with no look at the
 * context: a traditional character is converted only when its
 * simplified form does not depend on the meaning.  Left alone are
 * characters that are also ordinary simplified characters, or whose
 * simplified form depends on the word: 乾 (干, but 乾坤 and 乾隆), 著
 * (着, but 著名), 隻, 餘, 藉, 瞭, 夥, 覆, 祇, 鍊 and a few more, listed
 * with reasons in scripts/gen-hanzi-table.  So 乾淨 becomes 乾净, not
 * 干净; a pattern that must match it should allow both.  A handful of
 * characters that survive in simplified text only in rare uses are
 * converted all the same (徵 to 征, 於 to 于, 後 to 后, 摺 to 折, 麽 to
 * 么, 菸 to 烟).  The table covers 2,684 traditional characters, all in
 * U+4E00..U+9FFF, among them the characters of both tables of the 1986
 * 简化字总表 in everyday use and the common derived simplifications.
 *
 * The module is pure: it never prints, never exits, never allocates and
 * keeps no state.  Strings need not be NUL-terminated and may contain
 * NUL bytes.
 */

#ifndef XF_HANZI_H
#define XF_HANZI_H

#include <stddef.h>
#include <stdint.h>

/*
 * Normalise the n bytes of UTF-8 at s into out and return the length of
 * the result, which is at most n.  Two changes are made, nothing else:
 *   - a traditional Chinese character in the table becomes its
 *     simplified form (3 bytes stay 3 bytes);
 *   - a full-width form U+FF01..U+FF5E becomes the ASCII character
 *     U+0021..U+007E (so ０-９, Ａ-Ｚ and ａ-ｚ become digits and
 *     letters, and full-width punctuation such as "，" and "（" becomes
 *     "," and "("), and U+3000 IDEOGRAPHIC SPACE becomes a space
 *     (3 bytes become 1).
 * Bytes that are not well-formed UTF-8, and a sequence cut short by the
 * end of the input, are copied unchanged; so is every character outside
 * the table, including four-byte ones (emoji, CJK Extension B).  out
 * must have room for n bytes; it is not NUL-terminated.  out may be s
 * itself (normalising in place); otherwise the two must not overlap.
 * Never fails.  ASCII runs are copied eight bytes at a time.
 */
size_t	 xf_hanzi_normalize(const char *s, size_t n, char *out);

/* No character begins at this byte (see xf_hanzi_normalize_cp). */
#define XF_HANZI_NOCHAR	UINT32_MAX

/*
 * xf_hanzi_normalize, noting as it goes the characters of the result for
 * a matcher that wants them decoded: cp (room for n + 1) gets at each
 * offset of out where a character begins its code point, and
 * XF_HANZI_NOCHAR at the other offsets and at the end (cp[length]).
 * It decodes only ASCII and three-byte sequences with a lead byte E1..EF
 * (the Chinese characters and their punctuation); on anything else
 * (two- and four-byte sequences, E0, surrogates, bytes that are not
 * UTF-8) it
 * sets *whole to 0, and the caller decodes the result itself: then cp
 * holds XF_HANZI_NOCHAR at those bytes.  *whole is 1 when cp is
 * complete, which also means the result is well-formed UTF-8.  Not in
 * place: out and s must not overlap.
 */
size_t	 xf_hanzi_normalize_cp(const char *s, size_t n, char *out,
	    uint32_t *cp, int *whole);

/*
 * The simplified form of the code point cp, if cp is a traditional
 * character in the table, else cp itself (for any value, including ones
 * that are not code points).  The result is never itself converted:
 * xf_hanzi_simplify(xf_hanzi_simplify(cp)) == xf_hanzi_simplify(cp).
 * Full-width forms are not folded here.
 */
uint32_t xf_hanzi_simplify(uint32_t cp);

#endif /* XF_HANZI_H */
