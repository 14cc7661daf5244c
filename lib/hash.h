/* SPDX-License-Identifier: ISC */

/*
 * Hashing, and a set of 64-bit fingerprints for "have I seen this key?"
 * over millions of rows in little memory.
 *
 * The fingerprint set stores only a 64-bit hash of each key (8 bytes a
 * key, at most 85% full, so about 10 bytes a distinct key).  Two
 * different keys share a fingerprint with probability about n^2 / 2^65:
 * for ten million keys, less than one in 300,000 runs reports one false
 * duplicate.  Tools that must be exact keep the keys themselves.
 */

#ifndef XF_HASH_H
#define XF_HASH_H

#include <stddef.h>
#include <stdint.h>

/* A 64-bit hash of n bytes, well mixed in every bit. */
uint64_t xf_hash64(const void *, size_t n, uint64_t seed);

struct xf_fpset;

struct xf_fpset *xf_fpset_new(void);

/*
 * Add the key's fingerprint.  Returns 1 if it was already there, 0 if it
 * is new.  Exits on allocation failure.
 */
int	 xf_fpset_add(struct xf_fpset *, const void *key, size_t n);

/*
 * The same in two steps, for a caller with other work to do between
 * them: xf_fpset_fp() is the fingerprint of a key (never 0), and
 * xf_fpset_prefetch() asks the processor to start loading the memory
 * where it goes (a hint only; it changes nothing), so that
 * xf_fpset_add_fp(), which is xf_fpset_add() for a fingerprint, finds
 * it in the cache instead of waiting for it.
 */
uint64_t xf_fpset_fp(const void *key, size_t n);
void	 xf_fpset_prefetch(const struct xf_fpset *, uint64_t fp);
int	 xf_fpset_add_fp(struct xf_fpset *, uint64_t fp);

/* Number of distinct fingerprints. */
size_t	 xf_fpset_count(const struct xf_fpset *);

void	 xf_fpset_free(struct xf_fpset *);

#endif /* XF_HASH_H */
