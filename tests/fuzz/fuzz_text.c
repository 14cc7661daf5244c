/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for text normalisation (lib/hanzi.h, lib/utf8.h),
 * the step every classification and every trimmed field goes through.
 * Arbitrary bytes are normalised, folded, validated, counted and
 * trimmed, and each result is checked against a second, plain
 * implementation written here from the headers' words, and against
 * itself.  Any broken promise aborts.
 *
 * Checked:
 *   - xf_utf8_valid agrees with a validator written from the Unicode
 *     Standard's table 3-7, down to the offset of the first bad byte;
 *     xf_utf8_decode and xf_utf8_len agree with it too;
 *   - xf_hanzi_normalize gives what a code point at a time through
 *     xf_hanzi_simplify and the full-width fold gives, no longer than
 *     the input, the same in place, and normalising twice gives the
 *     same as once (idempotence); well-formed input stays well-formed;
 *   - xf_utf8_halfwidth and xf_utf8_halfwidth_alnum: in place equals
 *     out of place, twice equals once, the alnum fold leaves alone what
 *     the full fold would turn into punctuation;
 *   - xf_utf8_trim keeps a slice with no blank at either end, and
 *     trimming that slice again keeps all of it.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hanzi.h"
#include "utf8.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	 fail(const char *);
static int	 ref_decode(const unsigned char *, size_t, uint32_t *);
static int	 ref_blank(uint32_t);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_text: %s\n", what);
	abort();
}

/*
 * Table 3-7 of the Unicode Standard, one sequence at a time: the length
 * of the well-formed sequence at p, or -1.
 */
static int
ref_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned char lo = 0x80, hi = 0xbf;
	uint32_t c;
	int len, i;

	if (n == 0)
		return -1;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		c = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		c = p[0] & 0x0f;
		if (p[0] == 0xe0)
			lo = 0xa0;
		else if (p[0] == 0xed)
			hi = 0x9f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		c = p[0] & 0x07;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f;
	} else
		return -1;
	if ((size_t)len > n)
		return -1;
	for (i = 1; i < len; i++) {
		if (p[i] < lo || p[i] > hi)
			return -1;
		lo = 0x80;
		hi = 0xbf;
		c = c << 6 | (p[i] & 0x3f);
	}
	*cp = c;
	return len;
}

/* The blanks utf8.h lists for xf_utf8_trim. */
static int
ref_blank(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' ||
	    c == '\f' || c == '\r' || c == 0xa0 || c == 0x3000 ||
	    c == 0xfeff;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char *a, *b, *ref;
	size_t i, n, m, nref, cps, bad = 0, badoff = (size_t)-1;
	size_t start, len, start2, len2;
	uint32_t cp, cp2;
	int k, k2, valid, refvalid = 1;

	a = malloc(size + 1);
	b = malloc(size + 1);
	ref = malloc(size + 1);
	if (a == NULL || b == NULL || ref == NULL)
		abort();

	/*
	 * The reference pass: validity, the first bad offset, the code
	 * point count, and the normalised text, one sequence at a time.
	 */
	nref = cps = 0;
	for (i = 0; i < size; ) {
		k = ref_decode(data + i, size - i, &cp);
		k2 = xf_utf8_decode(s + i, size - i, &cp2);
		if (k != k2)
			fail("xf_utf8_decode disagrees on the length");
		if (k > 0 && cp != cp2)
			fail("xf_utf8_decode disagrees on the code point");
		cps++;
		if (k < 0) {
			if (refvalid) {
				refvalid = 0;
				bad = i;
			}
			ref[nref++] = s[i++];
			continue;
		}
		if (cp >= 0xff01 && cp <= 0xff5e)
			ref[nref++] = (char)(cp - 0xff01 + 0x21);
		else if (cp == 0x3000)
			ref[nref++] = ' ';
		else if (k == 3 && xf_hanzi_simplify(cp) != cp) {
			cp2 = xf_hanzi_simplify(cp);
			if (cp2 < 0x800 || cp2 > 0xffff ||
			    (cp2 >= 0xd800 && cp2 <= 0xdfff))
				fail("simplified form is not 3 bytes");
			if (xf_hanzi_simplify(cp2) != cp2)
				fail("xf_hanzi_simplify is not idempotent");
			ref[nref++] = (char)(0xe0 | cp2 >> 12);
			ref[nref++] = (char)(0x80 | (cp2 >> 6 & 0x3f));
			ref[nref++] = (char)(0x80 | (cp2 & 0x3f));
		} else {
			memcpy(ref + nref, s + i, (size_t)k);
			nref += (size_t)k;
		}
		i += (size_t)k;
	}
	if (xf_utf8_decode(s, 0, &cp) != 0)
		fail("xf_utf8_decode of nothing is not 0");

	valid = xf_utf8_valid(s, size, &badoff);
	if (valid != refvalid)
		fail("xf_utf8_valid disagrees with table 3-7");
	if (!valid && badoff != bad)
		fail("xf_utf8_valid gives another first bad offset");
	if (valid && badoff != (size_t)-1)
		fail("xf_utf8_valid touched badoff on success");
	if (xf_utf8_len(s, size) != cps)
		fail("xf_utf8_len disagrees with counting sequences");

	/* Normalisation: the reference, in place, idempotent. */
	n = xf_hanzi_normalize(s, size, a);
	if (n > size)
		fail("normalised text is longer than the input");
	if (n != nref || memcmp(a, ref, n) != 0)
		fail("xf_hanzi_normalize disagrees with simplify and fold");
	if (size > 0)
		memcpy(b, s, size);
	if (xf_hanzi_normalize(b, size, b) != n || memcmp(a, b, n) != 0)
		fail("normalising in place gives another text");
	m = xf_hanzi_normalize(a, n, b);
	if (m != n || memcmp(a, b, n) != 0)
		fail("normalising twice differs from once");
	if (valid && !xf_utf8_valid(a, n, NULL))
		fail("normalising made well-formed text ill-formed");

	/* The full-width folds. */
	n = xf_utf8_halfwidth(s, size, a);
	if (n > size)
		fail("folded text is longer than the input");
	if (size > 0)
		memcpy(b, s, size);
	if (xf_utf8_halfwidth(b, size, b) != n || memcmp(a, b, n) != 0)
		fail("folding in place gives another text");
	if (xf_utf8_halfwidth(a, n, b) != n || memcmp(a, b, n) != 0)
		fail("folding twice differs from once");
	n = xf_utf8_halfwidth_alnum(s, size, a);
	if (n > size)
		fail("alnum-folded text is longer than the input");
	if (size > 0)
		memcpy(b, s, size);
	if (xf_utf8_halfwidth_alnum(b, size, b) != n || memcmp(a, b, n) != 0)
		fail("alnum folding in place gives another text");
	if (xf_utf8_halfwidth_alnum(a, n, b) != n || memcmp(a, b, n) != 0)
		fail("alnum folding twice differs from once");
	/* What is left after the alnum fold, the full fold still takes. */
	m = xf_utf8_halfwidth(a, n, b);
	if (m != xf_utf8_halfwidth(s, size, ref) || memcmp(b, ref, m) != 0)
		fail("full fold after alnum fold differs from full fold");

	/* Trimming. */
	xf_utf8_trim(s, size, &start, &len);
	if (start > size || len > size - start)
		fail("trim slice outside the input");
	if (len == 0 && start != size)
		fail("all-blank string not trimmed to its end");
	if (len > 0) {
		if ((k = ref_decode(data + start, len, &cp)) > 0 &&
		    ref_blank(cp))
			fail("trimmed text starts with a blank");
		/*
		 * A well-formed sequence that ends the slice starts
		 * with a lead byte, which belongs to no other sequence.
		 */
		for (i = 1; i <= 4 && i <= len; i++)
			if (ref_decode(data + start + len - i, i, &cp) ==
			    (int)i && ref_blank(cp))
				fail("trimmed text ends with a blank");
	}
	xf_utf8_trim(s + start, len, &start2, &len2);
	if (start2 != 0 || len2 != len)
		fail("trimming twice differs from once");

	free(a);
	free(b);
	free(ref);
	return 0;
}
