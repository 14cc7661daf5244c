/* SPDX-License-Identifier: ISC */

/*
 * A hash map from byte strings to fixed-size values (see map.h):
 * entries and values in insertion order in dense arrays, keys end to end
 * in one arena, and an open-addressing index of entry numbers probed
 * linearly.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "map.h"

/* One entry: its key's place in the arena and its full hash. */
struct entry {
	uint64_t	 hash;
	size_t		 off;
	uint32_t	 len;
};

/*
 * index[] holds entry number + 1, 0 for an empty slot; its size is a
 * power of two, at least 16, and it is at most 3/4 full.
 */
struct xf_map {
	struct entry	*ent;
	unsigned char	*val;
	size_t		 count, cap;	/* entries used, allocated */
	size_t		 valsize;
	char		*keys;
	size_t		 keyslen, keyscap;
	uint32_t	*index;
	size_t		 mask;		/* index size - 1 */
};

/* Any constant: no output depends on the order of the entries' hashes. */
#define SEED	0x243f6a8885a308d3ULL

struct xf_map *
xf_map_new(size_t valsize)
{
	struct xf_map *m;

	if ((m = calloc(1, sizeof(*m))) == NULL)
		goto nomem;
	/* A set still gets one byte a value, so values are never NULL. */
	m->valsize = valsize > 0 ? valsize : 1;
	m->mask = 15;
	if ((m->index = calloc(m->mask + 1, sizeof(*m->index))) == NULL) {
		free(m);
		goto nomem;
	}
	return m;
nomem:
	errno = ENOMEM;
	return NULL;
}

void
xf_map_free(struct xf_map *m)
{
	if (m == NULL)
		return;
	free(m->ent);
	free(m->val);
	free(m->keys);
	free(m->index);
	free(m);
}

/* The slot holding the entry for key, or the empty slot where it goes. */
static size_t
probe(const struct xf_map *m, const void *key, size_t n, uint64_t h)
{
	size_t i = (size_t)h & m->mask;
	const struct entry *e;

	while (m->index[i] != 0) {
		e = &m->ent[m->index[i] - 1];
		if (e->hash == h && e->len == n &&
		    memcmp(m->keys + e->off, key, n) == 0)
			break;
		i = (i + 1) & m->mask;
	}
	return i;
}

void *
xf_map_find(const struct xf_map *m, const void *key, size_t n)
{
	uint64_t h;
	size_t i;

	if (n == 0)
		key = "";
	h = xf_hash64(key, n, SEED);
	i = probe(m, key, n, h);
	if (m->index[i] == 0)
		return NULL;
	return m->val + (size_t)(m->index[i] - 1) * m->valsize;
}

/* Double the index.  0, or -1 when out of memory (nothing changed). */
static int
grow_index(struct xf_map *m)
{
	uint32_t *ix;
	size_t i, j, size = (m->mask + 1) * 2;

	if ((ix = calloc(size, sizeof(*ix))) == NULL)
		return -1;
	for (i = 0; i < m->count; i++) {
		j = (size_t)m->ent[i].hash & (size - 1);
		while (ix[j] != 0)
			j = (j + 1) & (size - 1);
		ix[j] = (uint32_t)(i + 1);
	}
	free(m->index);
	m->index = ix;
	m->mask = size - 1;
	return 0;
}

/* Room for one more entry and value.  0, or -1 (nothing changed). */
static int
grow_entries(struct xf_map *m)
{
	struct entry *e;
	unsigned char *v;
	size_t cap;

	if (m->count < m->cap)
		return 0;
	cap = m->cap < 16 ? 16 : m->cap + m->cap / 2;
	if (cap > XF_MAP_MAX)
		cap = XF_MAP_MAX;
	if (cap <= m->count || cap > SIZE_MAX / sizeof(*e) ||
	    cap > SIZE_MAX / m->valsize)
		return -1;
	if ((e = realloc(m->ent, cap * sizeof(*e))) == NULL)
		return -1;
	m->ent = e;
	if ((v = realloc(m->val, cap * m->valsize)) == NULL)
		return -1;
	m->val = v;
	m->cap = cap;
	return 0;
}

/* Room for n more key bytes and a NUL.  0, or -1 (nothing changed). */
static int
grow_keys(struct xf_map *m, size_t n)
{
	size_t cap;
	char *k;

	if (n >= SIZE_MAX - m->keyslen)
		return -1;
	if (m->keyslen + n + 1 <= m->keyscap)
		return 0;
	cap = m->keyscap < 256 ? 256 : m->keyscap;
	while (cap < m->keyslen + n + 1) {
		if (cap > SIZE_MAX / 2) {
			cap = m->keyslen + n + 1;
			break;
		}
		cap *= 2;
	}
	if ((k = realloc(m->keys, cap)) == NULL)
		return -1;
	m->keys = k;
	m->keyscap = cap;
	return 0;
}

void *
xf_map_insert(struct xf_map *m, const void *key, size_t n, int *isnew)
{
	struct entry *e;
	unsigned char *v;
	uint64_t h;
	size_t i;

	if (n == 0)
		key = "";
	h = xf_hash64(key, n, SEED);
	i = probe(m, key, n, h);
	if (m->index[i] != 0) {
		if (isnew != NULL)
			*isnew = 0;
		return m->val + (size_t)(m->index[i] - 1) * m->valsize;
	}
	if (m->count >= XF_MAP_MAX || n > UINT32_MAX)
		goto nomem;
	/* Keep the index at most 3/4 full, counting the new entry. */
	if ((m->count + 1) * 4 > (m->mask + 1) * 3) {
		if (grow_index(m) == -1)
			goto nomem;
		i = probe(m, key, n, h);
	}
	if (grow_entries(m) == -1 || grow_keys(m, n) == -1)
		goto nomem;

	e = &m->ent[m->count];
	e->hash = h;
	e->off = m->keyslen;
	e->len = (uint32_t)n;
	if (n > 0)
		memcpy(m->keys + m->keyslen, key, n);
	m->keys[m->keyslen + n] = '\0';
	m->keyslen += n + 1;
	v = m->val + m->count * m->valsize;
	memset(v, 0, m->valsize);
	m->count++;
	m->index[i] = (uint32_t)m->count;
	if (isnew != NULL)
		*isnew = 1;
	return v;
nomem:
	errno = ENOMEM;
	return NULL;
}

size_t
xf_map_count(const struct xf_map *m)
{
	return m->count;
}

const void *
xf_map_key(const struct xf_map *m, size_t i, size_t *n)
{
	*n = m->ent[i].len;
	return m->keys + m->ent[i].off;
}

void *
xf_map_value(const struct xf_map *m, size_t i)
{
	return m->val + i * m->valsize;
}
