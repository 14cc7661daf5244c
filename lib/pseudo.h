/* SPDX-License-Identifier: ISC */

/*
 * Pseudonyms: a stable keyed hash of a personal value, so that data can
 * leave the office and still be joined and counted, while no one without
 * the key can tell whose it is or test a guess.
 *
 * The hash is libsodium's crypto_generichash (keyed BLAKE2b); nothing
 * here is hand-written cryptography.  The key comes from a key file: its
 * whole content (32 to 4096 bytes, normally 32 random bytes made by
 * xf_pseudo_key_new) is hashed with BLAKE2b-256 into the 32-byte key,
 * so a key written as text (64 hex digits and a newline, say) works
 * too.  A pseudonym is "p_" and the first 16 hex digits (64 bits) of
 * BLAKE2b-128 under that key of the message KIND NUL VALUE:
 *
 *     p_3f9a0c51d27be844
 *
 * KIND ("id", "phone", "name", ...) keeps an ID number and a phone
 * number with the same digits apart.  The same key, kind and value give
 * the same pseudonym on every run and every machine; without the key
 * there is no pseudonym at all (there is no unkeyed mode).  Two different
 * values share a pseudonym with probability about m^2 / 2^65 for m
 * distinct values: for ten million people, about one chance in 370,000.
 *
 * The module never prints and never exits; functions that can fail
 * return -1 and set a static English reason.
 */

#ifndef XF_PSEUDO_H
#define XF_PSEUDO_H

#include <stddef.h>

/* Bytes of the derived key. */
#define XF_PSEUDO_KEYSZ		32

/* Key file limits. */
#define XF_PSEUDO_FILEMIN	32
#define XF_PSEUDO_FILEMAX	4096

/* A pseudonym and its NUL: "p_" and 16 hex digits. */
#define XF_PSEUDO_STRSZ		19

struct xf_pseudo;

/*
 * Load the key from the file at path.  Refused (NULL, *why set, errno
 * set for a system error and 0 otherwise): a file that cannot be opened
 * or read; one that is not a regular file (/dev/urandom would give a new
 * key each run); one that others may read or write (any of the mode bits
 * 0006: "chmod 600" it); one shorter than XF_PSEUDO_FILEMIN or longer
 * than XF_PSEUDO_FILEMAX bytes; one whose bytes are all the same.  The
 * group bits are left to the office (a team may share a group).  Also
 * NULL if libsodium cannot be initialised.  The caller owns the result
 * and frees it with xf_pseudo_free, which wipes the key.
 */
struct xf_pseudo *xf_pseudo_load(const char *path, const char **why);

/*
 * Write a new key file at path: XF_PSEUDO_KEYSZ bytes from libsodium's
 * random generator, mode 0600, created exclusively (an existing file is
 * never overwritten) and synced to disk.  Returns 0, or -1 with *why set
 * (and errno for a system error; a partly written file is removed).
 */
int	 xf_pseudo_key_new(const char *path, const char **why);

/*
 * The pseudonym of the n bytes at value, of the given kind (a short
 * NUL-terminated tag), into out: "p_" and 16 lower-case hex digits, NUL.
 * Never fails.
 */
void	 xf_pseudo_make(const struct xf_pseudo *, const char *kind,
	    const char *value, size_t n, char out[XF_PSEUDO_STRSZ]);

/* Wipe the key and free it.  NULL is allowed. */
void	 xf_pseudo_free(struct xf_pseudo *);

#endif /* XF_PSEUDO_H */
