/* SPDX-License-Identifier: ISC */

/*
 * Percentages with one decimal: shares that add up to 100.0 (largest
 * remainder method) and rounded changes.  See share.h.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "share.h"

__extension__ typedef unsigned __int128 u128;

/* A part waiting for a left-over unit. */
struct rem {
	uint64_t	 rem;		/* units * w mod W */
	size_t		 idx;
};

/* Larger remainder first; among equals, lower index first. */
static int
cmp_rem(const void *a, const void *b)
{
	const struct rem *x = a, *y = b;

	if (x->rem != y->rem)
		return x->rem > y->rem ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

int
xf_share_apportion(const uint64_t *w, size_t n, uint32_t units,
    uint32_t *out, const char **why)
{
	struct rem *r;
	uint64_t total = 0, given = 0, left;
	size_t i, nr = 0;

	if (n == 0) {
		if (why != NULL)
			*why = "no parts";
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (w[i] > UINT64_MAX - total) {
			if (why != NULL)
				*why = "weights add up to more than 2^64 - 1";
			return -1;
		}
		total += w[i];
	}
	if (total == 0) {
		if (why != NULL)
			*why = "weights add up to zero";
		return -1;
	}
	if (n > SIZE_MAX / sizeof(*r) ||
	    (r = malloc(n * sizeof(*r))) == NULL) {
		if (why != NULL)
			*why = "out of memory";
		errno = ENOMEM;
		return -1;
	}

	/* Whole units of each quota; note the remainders. */
	for (i = 0; i < n; i++) {
		u128 q = (u128)units * w[i];

		out[i] = (uint32_t)(q / total);
		given += out[i];
		if (q % total != 0) {
			r[nr].rem = (uint64_t)(q % total);
			r[nr].idx = i;
			nr++;
		}
	}

	/* The rest, one each, to the largest remainders. */
	left = units - given;
	if (left > 0) {
		qsort(r, nr, sizeof(*r), cmp_rem);
		for (i = 0; i < nr && left > 0; i++, left--)
			out[r[i].idx]++;
	}
	free(r);
	return 0;
}

int
xf_share_change(uint64_t now, uint64_t base, int64_t *tenths)
{
	u128 num, q, r;
	int neg;

	if (base == 0)
		return -1;
	neg = now < base;
	num = (u128)(neg ? base - now : now - base) * 1000;
	q = num / base;
	r = num % base;
	if (r * 2 >= base)		/* half away from zero */
		q++;
	if (q > (u128)INT64_MAX)
		return -1;
	*tenths = neg ? -(int64_t)q : (int64_t)q;
	return 0;
}

char *
xf_share_format(int64_t tenths, char *buf, size_t size)
{
	uint64_t mag;
	int n;

	mag = tenths < 0 ? (uint64_t)0 - (uint64_t)tenths : (uint64_t)tenths;
	n = snprintf(buf, size, "%s%llu.%u", tenths < 0 ? "-" : "",
	    (unsigned long long)(mag / 10), (unsigned)(mag % 10));
	if (n < 0 || (size_t)n >= size) {
		if (size > 0)
			buf[0] = '\0';
		return NULL;
	}
	return buf;
}
