/* SPDX-License-Identifier: ISC */

/*
 * A 64-bit hash (8 bytes at a time, with a multiply-xorshift mix as in
 * splitmix64) and a fingerprint set with linear probing.
 */

#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "xf.h"

#define M1	0xbf58476d1ce4e5b9ULL
#define M2	0x94d049bb133111ebULL
#define GOLD	0x9e3779b97f4a7c15ULL

static uint64_t
mix(uint64_t x)
{
	x ^= x >> 30;
	x *= M1;
	x ^= x >> 27;
	x *= M2;
	x ^= x >> 31;
	return x;
}

uint64_t
xf_hash64(const void *key, size_t n, uint64_t seed)
{
	const unsigned char *p = key;
	uint64_t h = seed ^ (n * GOLD), w;

	while (n >= 8) {
		memcpy(&w, p, 8);
		h = mix(h ^ w) + GOLD;
		p += 8;
		n -= 8;
	}
	w = 0;
	memcpy(&w, p, n);
	return mix(h ^ w ^ ((uint64_t)n << 56));
}

/*
 * Slots hold fingerprints; 0 marks an empty slot, so a fingerprint of 0
 * is stored as 1 (one more in 2^64 chance of a false match).  The table
 * size need not be a power of two: a slot is found by multiplying the
 * high bits (Lemire's "fastrange"), so the table grows by half each time
 * and wastes less memory than doubling.
 */
struct xf_fpset {
	uint64_t	*slot;
	size_t		 size, count;
};

struct xf_fpset *
xf_fpset_new(void)
{
	struct xf_fpset *s;

	s = xf_malloc(sizeof(*s));
	s->size = 1024;
	s->count = 0;
	s->slot = xf_calloc(s->size, sizeof(uint64_t));
	return s;
}

static size_t
home(const struct xf_fpset *s, uint64_t fp)
{
	return (size_t)(((fp >> 32) * (uint64_t)s->size) >> 32);
}

static int
insert(struct xf_fpset *s, uint64_t fp)
{
	size_t i = home(s, fp);

	while (s->slot[i] != 0) {
		if (s->slot[i] == fp)
			return 1;
		if (++i == s->size)
			i = 0;
	}
	s->slot[i] = fp;
	s->count++;
	return 0;
}

static void
grow(struct xf_fpset *s)
{
	uint64_t *old = s->slot;
	size_t i, oldsize = s->size;

	if (s->size > (size_t)UINT32_MAX)
		xf_errx(XF_EXIT_FAIL, "too many distinct keys");
	s->size += s->size / 2;
	s->slot = xf_calloc(s->size, sizeof(uint64_t));
	s->count = 0;
	for (i = 0; i < oldsize; i++)
		if (old[i] != 0)
			insert(s, old[i]);
	free(old);
}

int
xf_fpset_add(struct xf_fpset *s, const void *key, size_t n)
{
	uint64_t fp = xf_hash64(key, n, 0);

	if (fp == 0)
		fp = 1;
	if ((s->count + 1) * 100 > s->size * 85)
		grow(s);
	return insert(s, fp);
}

size_t
xf_fpset_count(const struct xf_fpset *s)
{
	return s->count;
}

void
xf_fpset_free(struct xf_fpset *s)
{
	if (s == NULL)
		return;
	free(s->slot);
	free(s);
}
