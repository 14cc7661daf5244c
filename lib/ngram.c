/* SPDX-License-Identifier: ISC */

/*
 * Character bigram sets and their Jaccard similarity.  See ngram.h.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hanzi.h"
#include "hash.h"
#include "ngram.h"
#include "utf8.h"
#include "xf.h"

/* An ill-formed byte b reads as the "character" BADBYTE + b. */
#define BADBYTE		0x110000u

/* No character yet: the start of a text. */
#define NOCHAR		UINT32_MAX

static uint32_t	next(const char *, size_t, size_t *);
static int	kept(uint32_t);
static uint32_t	pair(uint32_t, uint32_t);
static void	push(struct xf_ngram *, uint32_t);
static void	sort32(uint32_t *, uint32_t *, size_t);

/*
 * The next character of s at *i, normalised (simplified, folded, lower
 * case), advancing *i; BADBYTE + byte for a byte that does not start a
 * well-formed sequence.
 */
static uint32_t
next(const char *s, size_t n, size_t *i)
{
	uint32_t cp;
	int len;

	if ((len = xf_utf8_decode(s + *i, n - *i, &cp)) <= 0) {
		cp = BADBYTE + (unsigned char)s[*i];
		(*i)++;
		return cp;
	}
	*i += (size_t)len;
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFF01 - 0x21;
	else if (cp >= 0x3400)
		cp = xf_hanzi_simplify(cp);
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	return cp;
}

/* Whether a normalised character is part of a word (see ngram.h). */
static int
kept(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
	if (c <= 0xBF)
		return 0;
	if (c >= 0x2000 && c <= 0x2BFF)
		return 0;
	if (c >= 0x3000 && c <= 0x303F)
		return (c >= 0x3005 && c <= 0x3007) ||
		    (c >= 0x3021 && c <= 0x3029);
	if ((c >= 0xFE10 && c <= 0xFE1F) || (c >= 0xFE30 && c <= 0xFE6F))
		return 0;
	if (c == 0xFEFF || (c >= 0xFF00 && c <= 0xFFFF))
		return 0;
	if (c >= 0x1F000 && c <= 0x1FAFF)
		return 0;
	return 1;
}

/*
 * The 32-bit code of a bigram (b == NOCHAR: a lone character).  A lone
 * character is its code point (or BADBYTE + byte), below 0x110100;
 * a pair of BMP characters has a first character of at least '0', so
 * its code is at least 0x300000 and never equals a lone one.
 */
static uint32_t
pair(uint32_t a, uint32_t b)
{
	uint32_t v[2];

	if (b == NOCHAR)
		return a;
	if (a <= 0xFFFF && b <= 0xFFFF)
		return a << 16 | b;
	v[0] = a;
	v[1] = b;
	return (uint32_t)xf_hash64(v, sizeof(v), 0x6e6772616dULL);
}

static void
push(struct xf_ngram *set, uint32_t g)
{
	if (set->n == set->cap) {
		set->cap = set->cap == 0 ? 64 : set->cap * 2;
		set->g = xf_reallocarray(set->g, set->cap, sizeof(uint32_t));
	}
	set->g[set->n++] = g;
}

void
xf_ngram_clear(struct xf_ngram *set)
{
	set->n = 0;
	set->chars = 0;
	set->done = 0;
}

void
xf_ngram_free(struct xf_ngram *set)
{
	free(set->g);
	memset(set, 0, sizeof(*set));
}

void
xf_ngram_add(struct xf_ngram *set, const char *s, size_t n)
{
	uint32_t c, prev = NOCHAR;
	size_t i = 0, used = 0;

	while (i < n && set->chars < XF_NGRAM_MAXCHARS) {
		c = next(s, n, &i);
		if (!kept(c))
			continue;
		if (prev != NOCHAR)
			push(set, pair(prev, c));
		prev = c;
		set->chars++;
		used++;
	}
	if (used == 1)
		push(set, pair(prev, NOCHAR));
}

/*
 * Sort n 32-bit values: insertion sort for a few, else a least
 * significant digit radix sort, a byte at a time, through tmp (room for
 * n).  qsort's call of a comparison function per step cost a third of
 * xf-repeat's run; this does not (nor did a hand-written quicksort do
 * as well as this on sets of a few hundred).
 */
static void
sort32(uint32_t *v, uint32_t *tmp, size_t n)
{
	size_t count[256], i, j, sum, c;
	uint32_t x, *src = v, *dst = tmp, *t;
	int shift;

	if (n < 48) {
		for (i = 1; i < n; i++) {
			x = v[i];
			for (j = i; j > 0 && v[j - 1] > x; j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
		return;
	}
	for (shift = 0; shift < 32; shift += 8) {
		memset(count, 0, sizeof(count));
		for (i = 0; i < n; i++)
			count[src[i] >> shift & 0xFF]++;
		for (sum = 0, i = 0; i < 256; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			dst[count[src[i] >> shift & 0xFF]++] = src[i];
		t = src;
		src = dst;
		dst = t;
	}
	/* After an even number of passes the result is back in v. */
}

void
xf_ngram_finish(struct xf_ngram *set)
{
	size_t i, o;

	/* The second half of the buffer is the radix sort's scratch. */
	if (set->n >= 48 && set->cap < 2 * set->n) {
		set->cap = 2 * set->n;
		set->g = xf_reallocarray(set->g, set->cap, sizeof(uint32_t));
	}
	sort32(set->g, set->n >= 48 ? set->g + set->n : NULL, set->n);
	for (i = o = 0; i < set->n; i++)
		if (o == 0 || set->g[i] != set->g[o - 1])
			set->g[o++] = set->g[i];
	set->n = o;
	set->done = 1;
}

size_t
xf_ngram_common_v(const uint32_t *a, size_t na, const uint32_t *b,
    size_t nb)
{
	size_t i = 0, j = 0, common = 0;

	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else {
			common++;
			i++;
			j++;
		}
	}
	return common;
}

unsigned
xf_ngram_similarity_v(size_t common, size_t na, size_t nb)
{
	unsigned long long uni = (unsigned long long)na + nb - common;

	if (uni == 0)
		return 0;
	/* Half up: floor((2000 c + u) / 2u). */
	return (unsigned)((2000ULL * common + uni) / (2 * uni));
}

int
xf_ngram_reaches_v(size_t common, size_t na, size_t nb, unsigned milli)
{
	unsigned long long uni = (unsigned long long)na + nb - common;

	if (uni == 0)
		return milli == 0;
	return 1000ULL * common >= (unsigned long long)milli * uni;
}

size_t
xf_ngram_common(const struct xf_ngram *a, const struct xf_ngram *b)
{
	return xf_ngram_common_v(a->g, a->n, b->g, b->n);
}

unsigned
xf_ngram_similarity(const struct xf_ngram *a, const struct xf_ngram *b)
{
	return xf_ngram_similarity_v(xf_ngram_common(a, b), a->n, b->n);
}

int
xf_ngram_reaches(const struct xf_ngram *a, const struct xf_ngram *b,
    unsigned milli)
{
	return xf_ngram_reaches_v(xf_ngram_common(a, b), a->n, b->n, milli);
}

/* Encode c as UTF-8 into buf (4 bytes); returns the length. */
static size_t
encode(uint32_t c, unsigned char *buf)
{
	if (c >= BADBYTE) {
		buf[0] = (unsigned char)(c - BADBYTE);
		return 1;
	}
	if (c < 0x80) {
		buf[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		buf[0] = (unsigned char)(0xC0 | c >> 6);
		buf[1] = (unsigned char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		buf[0] = (unsigned char)(0xE0 | c >> 12);
		buf[1] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
		buf[2] = (unsigned char)(0x80 | (c & 0x3F));
		return 3;
	}
	buf[0] = (unsigned char)(0xF0 | c >> 18);
	buf[1] = (unsigned char)(0x80 | (c >> 12 & 0x3F));
	buf[2] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
	buf[3] = (unsigned char)(0x80 | (c & 0x3F));
	return 4;
}

size_t
xf_ngram_normalize(const char *s, size_t n, char *out, size_t outsz)
{
	unsigned char buf[4];
	uint32_t c;
	size_t i = 0, len = 0, k, o = 0;
	int full = outsz == 0;

	while (i < n) {
		c = next(s, n, &i);
		if (!kept(c))
			continue;
		k = encode(c, buf);
		if (!full && o + k < outsz) {
			memcpy(out + o, buf, k);
			o += k;
		} else
			full = 1;
		len += k;
	}
	if (outsz > 0)
		out[o] = '\0';
	return len;
}
