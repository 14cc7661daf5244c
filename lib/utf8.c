/* SPDX-License-Identifier: ISC */

/*
 * UTF-8 helpers: validation, decoding, counting, full-width folding and
 * trimming.  See utf8.h.
 */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "utf8.h"

/* The high bit of each of eight bytes. */
#define HIGHBITS	UINT64_C(0x8080808080808080)

/* Fold every full-width form, or only digits and letters. */
enum fold {
	FOLD_ALL,
	FOLD_ALNUM
};

static int	decode1(const unsigned char *, size_t, uint32_t *);
static size_t	fold(const char *, size_t, char *, enum fold);
static size_t	blank_at(const unsigned char *, size_t);
static size_t	blank_before(const unsigned char *, size_t);

/*
 * The one decoder everything uses: length (1 to 4) of the well-formed
 * sequence at p, with its value in *cp, or -1.  The ranges of the second
 * byte after E0, ED, F0 and F4 are what rule out overlong forms,
 * surrogates and values above U+10FFFF (Unicode table 3-7).
 */
static int
decode1(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned int c = p[0], lo = 0x80, hi = 0xBF;
	uint32_t v;
	int len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xC2)
		return -1;	/* continuation byte, or overlong C0/C1 */
	if (c < 0xE0) {
		len = 2;
		v = c & 0x1F;
	} else if (c < 0xF0) {
		len = 3;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c < 0xF5) {
		len = 4;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else
		return -1;
	if (n < (size_t)len)
		return -1;
	if (p[1] < lo || p[1] > hi)
		return -1;
	v = (v << 6) | (p[1] & 0x3F);
	for (i = 2; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return -1;
		v = (v << 6) | (p[i] & 0x3F);
	}
	*cp = v;
	return len;
}

/*
 * The end of the run of three-byte sequences with a lead byte E1..EF
 * other than ED (no limit on the second byte) that starts at p[i].
 */
static inline size_t
run3(const unsigned char *p, size_t i, size_t n)
{
	unsigned int c;

	for (; n - i >= 3; i += 3) {
		c = p[i];
		if ((unsigned int)(c - 0xE1) > 0xEF - 0xE1 || c == 0xED ||
		    (((p[i + 1] & 0xC0) ^ 0x80) | ((p[i + 2] & 0xC0) ^ 0x80)) !=
		    0)
			break;
	}
	return i;
}

int
xf_utf8_valid(const char *s, size_t n, size_t *badoff)
{
	const unsigned char *p = (const unsigned char *)s;
	uint64_t w;
	uint32_t cp;
	size_t i = 0;
	unsigned int c;
	int len;

	while (i < n) {
		c = p[i];
		if (c < 0x80) {
			/* Most fields are mostly ASCII: skip it by words. */
			i++;
			while (n - i >= 8) {
				memcpy(&w, p + i, 8);
				if ((w & HIGHBITS) != 0)
					break;
				i += 8;
			}
			continue;
		}
		/*
		 * Chinese text is almost all three-byte sequences whose lead
		 * byte puts no limit on the second byte (not E0, not ED).
		 */
		if (c >= 0xE1 && c <= 0xEF && c != 0xED && n - i >= 3 &&
		    (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
			/* And the run of them that follows, in a tight loop. */
			i = run3(p, i + 3, n);
			continue;
		}
		if ((len = decode1(p + i, n - i, &cp)) == -1) {
			if (badoff != NULL)
				*badoff = i;
			return 0;
		}
		i += (size_t)len;
	}
	return 1;
}

/* Nonzero when some byte of w is zero, or below c (c at most 0x80). */
#define ONES		UINT64_C(0x0101010101010101)
#define HASLESS(w, c)	(((w) - ONES * (c)) & ~(w) & HIGHBITS)

/* For xf_utf8_scan(): see there. */
#define LEAD3OK	0xDFFEu
static const unsigned char mask3[8] = {
	0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0, 0
};
static const unsigned char want3[8] = {
	0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0, 0
};

int
xf_utf8_scan(const char *s, size_t n, int delim)
{
	const unsigned char *p = (const unsigned char *)s;
	uint64_t m3, e3;
	const unsigned int dl = delim > 0 && delim < 0x80 ? (unsigned int)delim :
	    '"';
	const uint64_t dqw = ONES * '"', dlw = ONES * dl;
	uint64_t w, hit;
	uint32_t cp;
	size_t i = 0;
	unsigned int c;
	int quote = 0, len;

	while (i < n) {
		c = p[i];
		if (c < 0x80) {
			/*
			 * Eight bytes at a time while they are ASCII and hold
			 * nothing to look at; CR, LF and NUL are below 0x0E.
			 */
			while (n - i >= 8) {
				memcpy(&w, p + i, 8);
				hit = w & HIGHBITS;
				if (quote)
					hit |= HASLESS(w, 1);
				else
					hit |= HASLESS(w, 0x0E) |
					    HASLESS(w ^ dqw, 1) |
					    HASLESS(w ^ dlw, 1);
				if (hit != 0)
					break;
				i += 8;
			}
			if (i == n || (c = p[i]) >= 0x80)
				continue;
			if (c == 0)
				return XF_UTF8_SCAN_BAD;
			if (c == '"' || c == '\n' || c == '\r' || c == dl)
				quote = 1;
			i++;
			continue;
		}
		/* Three-byte sequences, the bulk of Chinese text: see above. */
		if (c >= 0xE1 && c <= 0xEF && c != 0xED && n - i >= 3 &&
		    (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
			/*
			 * Two at a time while there are eight bytes: six of
			 * them 1110xxxx 10xxxxxx 10xxxxxx twice, by one mask
			 * on the word, and the two lead bytes not E0 or ED
			 * (bits 0 and 13 of LEAD3OK).  The masks are made
			 * from bytes, so the byte order does not matter.
			 */
			memcpy(&m3, mask3, 8);
			memcpy(&e3, want3, 8);
			for (i += 3; n - i >= 8; i += 6) {
				memcpy(&w, p + i, 8);
				if ((w & m3) != e3 || ((LEAD3OK >> (p[i] & 0x0F)) &
				    (LEAD3OK >> (p[i + 3] & 0x0F)) & 1) == 0)
					break;
			}
			i = run3(p, i, n);
			continue;
		}
		if ((len = decode1(p + i, n - i, &cp)) == -1)
			return XF_UTF8_SCAN_BAD;
		i += (size_t)len;
	}
	return quote ? XF_UTF8_SCAN_QUOTE : XF_UTF8_SCAN_OK;
}

int
xf_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	uint32_t v;
	int len;

	if (n == 0)
		return 0;
	if ((len = decode1((const unsigned char *)s, n, &v)) != -1 &&
	    cp != NULL)
		*cp = v;
	return len;
}

size_t
xf_utf8_len(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	uint64_t w;
	uint32_t cp;
	size_t i = 0, count = 0;
	int len;

	while (i < n) {
		while (n - i >= 8) {
			memcpy(&w, p + i, 8);
			if ((w & HIGHBITS) != 0)
				break;
			i += 8;
			count += 8;
		}
		if (i == n)
			break;
		if ((len = decode1(p + i, n - i, &cp)) == -1)
			len = 1;
		i += (size_t)len;
		count++;
	}
	return count;
}

/*
 * Full-width forms are EF BC 81..BF (U+FF01..U+FF3F) and EF BD 80..9E
 * (U+FF40..U+FF5E); U+3000 is E3 80 80.  A lead byte (EF, E3) is never
 * a continuation byte, so matching these three bytes anywhere is safe
 * without decoding the rest.  The write index never passes the read
 * index, which is what makes folding in place work.
 */
static size_t
fold(const char *s, size_t n, char *out, enum fold what)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0;
	unsigned int c;
	uint32_t cp;

	while (i < n) {
		c = p[i];
		if (c == 0xEF && n - i >= 3 && (p[i + 1] == 0xBC ||
		    p[i + 1] == 0xBD) && (p[i + 2] & 0xC0) == 0x80) {
			cp = 0xF000 | ((uint32_t)(p[i + 1] & 0x3F) << 6) |
			    (p[i + 2] & 0x3F);
			if (cp >= 0xFF01 && cp <= 0xFF5E && (what == FOLD_ALL ||
			    (cp >= 0xFF10 && cp <= 0xFF19) ||
			    (cp >= 0xFF21 && cp <= 0xFF3A) ||
			    (cp >= 0xFF41 && cp <= 0xFF5A))) {
				out[o++] = (char)(cp - 0xFEE0);
				i += 3;
				continue;
			}
		} else if (c == 0xE3 && n - i >= 3 && p[i + 1] == 0x80 &&
		    p[i + 2] == 0x80) {
			out[o++] = ' ';
			i += 3;
			continue;
		}
		out[o++] = s[i++];
	}
	return o;
}

size_t
xf_utf8_halfwidth(const char *s, size_t n, char *out)
{
	return fold(s, n, out, FOLD_ALL);
}

size_t
xf_utf8_halfwidth_alnum(const char *s, size_t n, char *out)
{
	return fold(s, n, out, FOLD_ALNUM);
}

/* Length of the blank that starts at p (n bytes left), or 0. */
static size_t
blank_at(const unsigned char *p, size_t n)
{
	switch (p[0]) {
	case ' ':
	case '\t':
	case '\n':
	case '\v':
	case '\f':
	case '\r':
		return 1;
	case 0xC2:
		return n >= 2 && p[1] == 0xA0 ? 2 : 0;
	case 0xE3:
		return n >= 3 && p[1] == 0x80 && p[2] == 0x80 ? 3 : 0;
	case 0xEF:
		return n >= 3 && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0;
	default:
		return 0;
	}
}

/*
 * Length of the blank that ends just before p + n, or 0.  Matching a
 * suffix is safe for the same reason as in fold(): C2, E3 and EF are
 * lead bytes, so they cannot be the tail of a longer character.
 */
static size_t
blank_before(const unsigned char *p, size_t n)
{
	/* The last byte of every blank, to rule most text out at once. */
	switch (p[n - 1]) {
	case ' ':
	case '\t':
	case '\n':
	case '\v':
	case '\f':
	case '\r':
	case 0xA0:
	case 0x80:
	case 0xBF:
		break;
	default:
		return 0;
	}
	if (n >= 1 && blank_at(p + n - 1, 1) == 1)
		return 1;
	if (n >= 2 && blank_at(p + n - 2, 2) == 2)
		return 2;
	if (n >= 3 && blank_at(p + n - 3, 3) == 3)
		return 3;
	return 0;
}

void
xf_utf8_trim(const char *s, size_t n, size_t *start, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t b, e = n, k;

	for (b = 0; b < e && (k = blank_at(p + b, e - b)) != 0; b += k)
		;
	while (e > b && (k = blank_before(p + b, e - b)) != 0)
		e -= k;
	*start = b;
	*len = e - b;
}
