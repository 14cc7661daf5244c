/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for the routing-table loader (lib/route.h): the
 * input is loaded as a table, and what route.h promises is checked.
 * Any broken promise aborts.
 *
 * Checked: a table that fails to load was reported at least once; one
 * that loads was not, has its fallback (a lookup of nothing finds a
 * row), finds each of its rows by that row's own key, and dumps to
 * text that loads again and dumps the same.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "route.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	 count(void *, const char *, unsigned long, const char *);
static char	*dump(const struct xf_route_table *, size_t *);
static const char *key(const char *);

static void
count(void *arg, const char *name, unsigned long line, const char *msg)
{
	(void)name;
	(void)line;
	/* Not checked: that msg is not empty (csvin's messages can be). */
	if (msg == NULL)
		abort();
	(*(int *)arg)++;
}

static char *
dump(const struct xf_route_table *t, size_t *len)
{
	char *buf = NULL;
	FILE *fp;

	if ((fp = open_memstream(&buf, len)) == NULL)
		abort();
	if (xf_route_dump(t, fp) == -1)
		abort();
	fclose(fp);
	return buf;
}

/* A table value as a record would give it: any is empty. */
static const char *
key(const char *s)
{
	return strcmp(s, "*") == 0 ? "" : s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xf_route_table *t, *t2;
	const struct xf_route *r, *f;
	const char *c, *s, *d;
	char *a, *b;
	size_t i, alen, blen;
	int n = 0;

	t = xf_route_load_mem((const char *)data, size, "fuzz", count, &n);
	if (t == NULL) {
		if (n == 0)
			abort();
		return 0;
	}
	if (n != 0)
		abort();
	if (xf_route_find(t, "", 0, "", 0, "", 0) == NULL)
		abort();
	for (i = 0; i < xf_route_count(t); i++) {
		r = xf_route_row(t, i);
		c = key(r->category);
		s = key(r->subcategory);
		d = key(r->district);
		f = xf_route_find(t, c, strlen(c), s, strlen(s), d, strlen(d));
		if (f != r)
			abort();
	}
	a = dump(t, &alen);
	if ((t2 = xf_route_load_mem(a, alen, "dump", count, &n)) == NULL)
		abort();
	b = dump(t2, &blen);
	if (alen != blen || memcmp(a, b, alen) != 0 ||
	    xf_route_count(t) != xf_route_count(t2))
		abort();
	free(a);
	free(b);
	xf_route_free(t);
	xf_route_free(t2);
	return 0;
}
