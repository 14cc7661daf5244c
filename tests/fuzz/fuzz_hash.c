/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for hashing (lib/hash.h): the key hash of
 * xf-split --by (xf_hash64 with seed 0; the part is the hash modulo the
 * number of parts, in cmd/xf-split.c) and the fingerprint set that
 * xf-repeat and the duplicate checks use.  The input is keys separated
 * by LF.  Any broken promise aborts.
 *
 * The first input byte says how many variants of each key to add
 * (see below), so that the set grows.
 *
 * Checked:
 *   - the hash of a key depends on its bytes only: the same bytes at
 *     every alignment, and hashed again, give the same value, so the
 *     same key always goes to the same part;
 *   - the fingerprint set agrees with an exact set kept here: adding a
 *     key reports "seen" exactly when the same bytes were added before,
 *     and the count is the number of distinct keys.  (Two different
 *     keys sharing a 64-bit fingerprint would also fail; among a few
 *     hundred keys that has a chance near 2^-48.)
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Keys checked per input; the exact set's table is twice as large. */
#define MAXKEYS	8192
#define TABSIZE	(2 * MAXKEYS)

struct key {
	const char	*s;
	size_t		 n;
};

static void	 fail(const char *);
static int	 exact_add(const char *, size_t);

static struct key tab[TABSIZE];

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_hash: %s\n", what);
	abort();
}

/*
 * The exact set: FNV-1a and linear probing, keys compared byte for
 * byte.  Returns 1 if the key was there, else adds it and returns 0.
 */
static int
exact_add(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	for (i = h % TABSIZE; tab[i].s != NULL; i = (i + 1) % TABSIZE)
		if (tab[i].n == n && memcmp(tab[i].s, s, n) == 0)
			return 1;
	tab[i].s = s;
	tab[i].n = n;
	return 0;
}

/*
 * The first byte says how many variants of each key to add (the key
 * followed by two bytes of a counter), so that a short input fills the
 * set past its first growth (64 tables of 64 slots); the rest is keys
 * separated by LF.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s, *end, *eol;
	struct xf_fpset *set;
	char *arena, *k, *buf;
	size_t nkey = 0, distinct = 0, n, off, reps, r, maxlen;
	uint64_t h;
	int seen, was;

	if (size < 1)
		return 0;
	reps = 1 + (size_t)data[0] * 4;
	s = (const char *)data + 1;
	end = (const char *)data + size;
	maxlen = size + 2;
	/*
	 * Every key lives in the arena until the end: each line once, and
	 * at most MAXKEYS variants of up to 64 bytes.
	 */
	if ((arena = malloc(size + (size_t)MAXKEYS * 64)) == NULL ||
	    (buf = malloc(maxlen + 8)) == NULL)
		abort();
	memset(tab, 0, sizeof(tab));
	set = xf_fpset_new();
	k = arena;
	for (;;) {
		if ((eol = memchr(s, '\n', (size_t)(end - s))) == NULL)
			eol = end;
		n = (size_t)(eol - s);
		for (r = 0; r < reps && nkey < MAXKEYS; r++) {
			/* Long keys only once: the arena is sized for that. */
			if (r > 0 && n + 2 > 64)
				break;
			if (n > 0)
				memcpy(k, s, n);
			if (r > 0) {
				k[n] = (char)(r >> 8);
				k[n + 1] = (char)r;
			}
			n += r > 0 ? 2 : 0;
			nkey++;

			h = xf_hash64(k, n, 0);
			for (off = 0; off < 8 && r == 0; off++) {
				if (n > 0)
					memcpy(buf + off, k, n);
				if (xf_hash64(buf + off, n, 0) != h)
					fail("the hash depends on where the "
					    "key lies");
			}
			if (xf_hash64(k, n, 0) != h)
				fail("the same key hashed twice differs");

			was = exact_add(k, n);
			seen = xf_fpset_add(set, k, n);
			if (seen != was)
				fail(seen ? "a new key reported as seen" :
				    "a key added before reported as new");
			distinct += !was;
			if (xf_fpset_count(set) != distinct)
				fail("the count is not the number of "
				    "distinct keys");
			k += n;
			n -= r > 0 ? 2 : 0;
		}
		if (eol == end || nkey == MAXKEYS)
			break;
		s = eol + 1;
	}
	xf_fpset_free(set);
	free(arena);
	free(buf);
	return 0;
}
