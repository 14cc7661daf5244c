/* SPDX-License-Identifier: ISC */

/*
 * A hash map from byte-string keys to fixed-size values, for group-by:
 * one entry per distinct key, so memory grows with the number of groups
 * and never with the number of rows looked up.
 *
 * Keys are copied into the map (any bytes, NUL included, shorter than
 * 4 GiB).  Each entry has a value of the size given to xf_map_new(),
 * zeroed when the entry is made; the caller casts it to its own struct.
 * Entries are numbered 0, 1, 2, ... in the order they were made, and
 * stay so: the number is how a caller walks, sorts or refers to them.
 *
 * Layout: the entries (hash, key offset, key length) and the values are
 * two dense arrays, the keys sit end to end in one byte arena, and an
 * index of 32-bit entry numbers is probed linearly, kept at most 3/4
 * full.  About 24 bytes an entry, plus the key, the value, and 8 to 16
 * bytes of index.
 *
 * The module never prints and never exits: a function that cannot get
 * memory returns NULL (or -1) with errno set to ENOMEM and leaves the
 * map as it was.  A map holds at most XF_MAP_MAX entries.
 */

#ifndef XF_MAP_H
#define XF_MAP_H

#include <stddef.h>
#include <stdint.h>

/* The most entries a map holds. */
#define XF_MAP_MAX	((size_t)0x7fffffff)

struct xf_map;

/*
 * A new, empty map whose values have valsize bytes (0 is allowed: a set
 * of keys).  Returns NULL with errno ENOMEM.  Free with xf_map_free().
 */
struct xf_map *xf_map_new(size_t valsize);

/* Free the map, its keys and its values.  NULL is allowed. */
void	 xf_map_free(struct xf_map *);

/*
 * The value of the entry for the n bytes at key, or NULL if there is
 * none.  The pointer is valid until the next xf_map_insert().
 */
void	*xf_map_find(const struct xf_map *, const void *key, size_t n);

/*
 * The value of the entry for the n bytes at key, made (with a zeroed
 * value, and the key copied) if there was none; *isnew (if isnew is not
 * NULL) says which: 1 made, 0 found.  The pointer is valid until the
 * next xf_map_insert().  Returns NULL, with errno ENOMEM and the map
 * unchanged, when memory runs out, the map is full (XF_MAP_MAX) or the
 * key is 4 GiB or longer.
 */
void	*xf_map_insert(struct xf_map *, const void *key, size_t n,
	    int *isnew);

/* The number of entries. */
size_t	 xf_map_count(const struct xf_map *);

/*
 * Entry i (0 <= i < xf_map_count()): its key (*n receives the length;
 * the bytes are followed by a NUL not counted in *n) and its value.
 * Pointers are valid until the next xf_map_insert().
 */
const void *xf_map_key(const struct xf_map *, size_t i, size_t *n);
void	*xf_map_value(const struct xf_map *, size_t i);

#endif /* XF_MAP_H */
