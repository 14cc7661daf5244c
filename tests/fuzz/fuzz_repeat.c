/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for the text and identity parsers of xf-repeat:
 * lib/ngram.h (normalisation, bigram sets, similarity) and
 * lib/person.h (who a record names).  The input is cut at its first two
 * NUL bytes into up to three pieces.  Checks:
 *   - a finished set is sorted and unique, at most XF_NGRAM_MAXCHARS
 *     long; the normalised text of well-formed UTF-8, built again,
 *     gives the same set;
 *   - similarity is symmetric, 0..1000, 1000 against itself when not
 *     empty; "reaches" agrees with the exact ratio at every threshold
 *     around the rounded value;
 *   - normalising into buffers of every small size gives prefixes cut
 *     at a character boundary, NUL-terminated, never overrunning;
 *   - identify from the pieces as ID number, phone and name never
 *     overruns, gives a NUL-terminated value of the stated length, and
 *     names a basis that matches the value's shape.
 * Any broken promise aborts.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ngram.h"
#include "person.h"
#include "utf8.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_repeat: %s\n", what);
	abort();
}

static void
set_of(struct xf_ngram *g, const char *s, size_t n)
{
	memset(g, 0, sizeof(*g));
	xf_ngram_add(g, s, n);
	xf_ngram_finish(g);
}

static void
check_set(const struct xf_ngram *g)
{
	size_t i;

	if (g->n > XF_NGRAM_MAXCHARS)
		fail("set larger than the character limit");
	for (i = 1; i < g->n; i++)
		if (g->g[i - 1] >= g->g[i])
			fail("set not sorted and unique");
}

static void
check_text(const char *s, size_t n, const char *t, size_t m)
{
	struct xf_ngram a, b, na;
	unsigned sim, milli;
	size_t len, sz, k, common, uni;
	char *buf;

	set_of(&a, s, n);
	set_of(&b, t, m);
	check_set(&a);
	check_set(&b);

	sim = xf_ngram_similarity(&a, &b);
	if (sim > 1000 || sim != xf_ngram_similarity(&b, &a))
		fail("similarity out of range or not symmetric");
	if (a.n > 0 && xf_ngram_similarity(&a, &a) != 1000)
		fail("a set is not fully similar to itself");
	common = xf_ngram_common(&a, &b);
	uni = a.n + b.n - common;
	if (common > a.n || common > b.n)
		fail("more in common than in a set");
	for (milli = sim > 2 ? sim - 2 : 0; milli <= sim + 2 && milli <= 1000;
	    milli++) {
		int want = uni == 0 ? milli == 0 :
		    1000ULL * common >= (unsigned long long)milli * uni;

		if (xf_ngram_reaches(&a, &b, milli) != want)
			fail("reaches disagrees with the exact ratio");
	}

	/* The normalised text gives the same set (when it all fits). */
	len = xf_ngram_normalize(s, n, NULL, 0);
	if ((buf = malloc(len + 1)) == NULL)
		abort();
	if (xf_ngram_normalize(s, n, buf, len + 1) != len ||
	    strlen(buf) > len)
		fail("normalize length differs");
	/*
	 * Not for ill-formed input: dropping a character between two stray
	 * bytes can join them into a well-formed one.
	 */
	if (memchr(buf, '\0', len) == NULL && a.chars < XF_NGRAM_MAXCHARS &&
	    xf_utf8_valid(s, n, NULL)) {
		set_of(&na, buf, len);
		if (na.n != a.n || (a.n > 0 &&
		    memcmp(na.g, a.g, a.n * sizeof(uint32_t)) != 0))
			fail("normalised text gives another set");
		xf_ngram_free(&na);
	}
	/* Every small buffer: a NUL-terminated prefix. */
	for (sz = 1; sz <= 12 && sz <= len + 1; sz++) {
		char *small = malloc(sz);

		if (small == NULL)
			abort();
		if (xf_ngram_normalize(s, n, small, sz) != len)
			fail("normalize length depends on the buffer");
		k = strlen(small);
		if (k >= sz || memcmp(small, buf, k) != 0)
			fail("normalize into a small buffer is no prefix");
		free(small);
	}
	free(buf);
	xf_ngram_free(&a);
	xf_ngram_free(&b);
}

static void
check_person(const char *id, size_t idn, const char *phone, size_t pn,
    const char *name, size_t nn)
{
	struct xf_person p;
	enum xf_person_basis b;
	size_t i;

	b = xf_person_identify(id, idn, phone, pn, name, nn, phone, pn, &p);
	if (b != p.basis || b > XF_PERSON_NAME)
		fail("identify: basis");
	if (p.len >= XF_PERSON_VALUESZ || p.value[p.len] != '\0' ||
	    p.dlen >= XF_PERSON_VALUESZ || p.district[p.dlen] != '\0')
		fail("identify: value not NUL-terminated at its length");
	if (b == XF_PERSON_NONE && (p.len != 0 || p.dlen != 0))
		fail("identify: nobody with a value");
	if (b != XF_PERSON_NONE && p.len == 0)
		fail("identify: somebody without a value");
	if ((b == XF_PERSON_ID || b == XF_PERSON_ID_BADCHECK) &&
	    !p.pseudonym) {
		if (p.len != 18)
			fail("identify: ID value not 18 characters");
		for (i = 0; i < 17; i++)
			if (p.value[i] < '0' || p.value[i] > '9')
				fail("identify: ID value not digits");
	}
	if (p.pseudonym && !xf_person_is_pseudonym(p.value, p.len))
		fail("identify: pseudonym flag on another value");
	if (b == XF_PERSON_NAME && !p.pseudonym &&
	    !xf_person_name_usable(p.value, p.len))
		fail("identify: a name of nobody used");
	if (xf_person_basis_name(b) == NULL)
		fail("basis_name: NULL");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *p1, *p2;
	size_t n1, n2, n3;

	p1 = memchr(s, '\0', size);
	n1 = p1 == NULL ? size : (size_t)(p1 - s);
	p1 = p1 == NULL ? s + size : p1 + 1;
	p2 = memchr(p1, '\0', (size_t)(s + size - p1));
	n2 = p2 == NULL ? (size_t)(s + size - p1) : (size_t)(p2 - p1);
	p2 = p2 == NULL ? s + size : p2 + 1;
	n3 = (size_t)(s + size - p2);

	check_text(s, n1, p1, n2);
	check_text(s, size, p2, n3);
	check_person(s, n1, p1, n2, p2, n3);
	check_person(NULL, 0, NULL, 0, s, size);
	return 0;
}
