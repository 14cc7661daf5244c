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
 * is stored as 1 (one more in 2^64 chance of a false match).  A table's
 * size need not be a power of two: a slot is found by multiplying the
 * high bits (Lemire's "fastrange"), so a table grows by half each time
 * and wastes less memory than doubling.  The set is 64 such tables,
 * chosen by the top bits, each growing on its own: when one grows, the
 * old and new copies of that one table are alive together, not of the
 * whole set, so the peak stays near the steady size.
 */
#define NSHARD	64

struct shard {
	uint64_t	*slot;
	size_t		 size, count;
};

struct xf_fpset {
	struct shard	 shard[NSHARD];
	size_t		 count;
};

struct xf_fpset *
xf_fpset_new(void)
{
	struct xf_fpset *s;
	size_t i;

	s = xf_calloc(1, sizeof(*s));
	for (i = 0; i < NSHARD; i++) {
		s->shard[i].size = 64;
		s->shard[i].slot = xf_calloc(64, sizeof(uint64_t));
	}
	return s;
}

static size_t
home(const struct shard *t, uint64_t fp)
{
	return (size_t)(((fp >> 26) & 0xffffffffULL) * (uint64_t)t->size >> 32);
}

static int
insert(struct shard *t, uint64_t fp)
{
	size_t i = home(t, fp);

	while (t->slot[i] != 0) {
		if (t->slot[i] == fp)
			return 1;
		if (++i == t->size)
			i = 0;
	}
	t->slot[i] = fp;
	t->count++;
	return 0;
}

static void
grow(struct shard *t)
{
	uint64_t *old = t->slot;
	size_t i, oldsize = t->size;

	if (t->size > (size_t)UINT32_MAX)
		xf_errx(XF_EXIT_FAIL, "too many distinct keys");
	t->size += t->size / 2;
	t->slot = xf_calloc(t->size, sizeof(uint64_t));
	t->count = 0;
	for (i = 0; i < oldsize; i++)
		if (old[i] != 0)
			insert(t, old[i]);
	free(old);
}

uint64_t
xf_fpset_fp(const void *key, size_t n)
{
	uint64_t fp = xf_hash64(key, n, 0);

	return fp == 0 ? 1 : fp;
}

void
xf_fpset_prefetch(const struct xf_fpset *s, uint64_t fp)
{
#if defined(__GNUC__)
	const struct shard *t = &s->shard[fp >> 58];

	__builtin_prefetch(&t->slot[home(t, fp)], 1);
#else
	(void)s;
	(void)fp;
#endif
}

int
xf_fpset_add(struct xf_fpset *s, const void *key, size_t n)
{
	return xf_fpset_add_fp(s, xf_fpset_fp(key, n));
}

int
xf_fpset_add_fp(struct xf_fpset *s, uint64_t fp)
{
	struct shard *t;
	int dup;

	t = &s->shard[fp >> 58];
	if ((t->count + 1) * 100 > t->size * 85)
		grow(t);
	dup = insert(t, fp);
	s->count += !dup;
	return dup;
}

size_t
xf_fpset_count(const struct xf_fpset *s)
{
	return s->count;
}

void
xf_fpset_free(struct xf_fpset *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < NSHARD; i++)
		free(s->shard[i].slot);
	free(s);
}
