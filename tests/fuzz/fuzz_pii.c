/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for the personal-data scanner (lib/pii.h).  The
 * whole input is scanned as free text with the defaults and with every
 * option on, read as an ID, phone and name column value, and searched
 * for a name taken from its first bytes.  Matches must come in order,
 * not overlap and stay in bounds; masks must not grow the text; an ID
 * found without --any-id or known numbers must check valid; canonical
 * values must be NUL-terminated and of the kind's form.  Any broken
 * promise aborts.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ident.h"
#include "pii.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct state {
	const char	*s;
	size_t		 n, last, count;
	int		 strict;	/* no anyid, no known numbers */
};

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_pii: %s\n", what);
	abort();
}

static void
check_mask(const char *s, const struct xf_pii_match *m)
{
	char *out;
	size_t len = m->end - m->start;

	if ((out = malloc(len > 0 ? len : 1)) == NULL)
		abort();
	if (xf_pii_mask_partial(s, m, out) > len)
		fail("partial mask grew the span");
	if (xf_pii_mask_full(s, m, out) > len)
		fail("full mask grew the span");
	free(out);
}

static int
each(void *arg, const struct xf_pii_match *m)
{
	struct state *st = arg;
	char out18[XF_ID_KEYSZ];
	size_t i, len;
	enum xf_id_status ids;

	if (m->start >= m->end || m->end > st->n)
		fail("match out of bounds");
	if (m->start < st->last)
		fail("matches overlap or go backwards");
	st->last = m->end;
	st->count++;
	if (memchr(m->canon, '\0', sizeof(m->canon)) == NULL)
		fail("canon not NUL-terminated");
	len = strlen(m->canon);
	switch (m->kind) {
	case XF_PII_ID:
		if (len != 18)
			fail("id canon not 18 characters");
		ids = xf_id_check(m->canon, len, out18);
		if (st->strict && ids != XF_ID_OK18)
			fail("id found that does not check");
		break;
	case XF_PII_MOBILE:
		if (len != 11 || xf_phone_check(m->canon, len, NULL, 0) !=
		    XF_PHONE_MOBILE)
			fail("bad mobile canon");
		break;
	case XF_PII_LANDLINE:
		if (xf_phone_check(m->canon, len, NULL, 0) !=
		    XF_PHONE_LANDLINE)
			fail("bad landline canon");
		break;
	case XF_PII_BANK:
		if (len < 16 || len > 19 || !xf_pii_luhn(m->canon, len))
			fail("bad card canon");
		break;
	case XF_PII_EMAIL:
		if (strchr(m->canon, '@') == NULL)
			fail("email canon without @");
		for (i = 0; i < len; i++)
			if (m->canon[i] >= 'A' && m->canon[i] <= 'Z')
				fail("email canon not lower case");
		break;
	case XF_PII_NUMBER:
		for (i = 0; i < len; i++)
			if ((m->canon[i] < '0' || m->canon[i] > '9') &&
			    m->canon[i] != 'X')
				fail("number canon not digits");
		break;
	default:
		fail("kind out of the enum");
	}
	check_mask(st->s, m);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const known[] = { "222401199001011231",
	    "123456789012345678" };
	const char *s = (const char *)data;
	struct xf_pii_opt o;
	struct xf_pii_match m;
	struct state st;
	size_t pos, from, nlen, last;

	memset(&st, 0, sizeof(st));
	st.s = s;
	st.n = size;
	st.strict = 1;
	xf_pii_scan(s, size, NULL, each, &st);

	memset(&st, 0, sizeof(st));
	st.s = s;
	st.n = size;
	memset(&o, 0, sizeof(o));
	o.anyid = 1;
	o.longdigits = 1 + size % 20;
	o.known = known;
	o.nknown = 2;
	xf_pii_scan(s, size, &o, each, &st);

	/* Column values. */
	if (xf_pii_id_value(s, size, &m)) {
		if (m.start >= m.end || m.end > size)
			fail("id value out of bounds");
		check_mask(s, &m);
	}
	if (xf_pii_phone_value(s, size, &m)) {
		if (m.start >= m.end || m.end > size)
			fail("phone value out of bounds");
		check_mask(s, &m);
	}
	pos = 0;
	last = 0;
	while (xf_pii_next_name(s, size, &pos, &m)) {
		if (m.start < last || m.start >= m.end || m.end > size ||
		    pos < m.end || pos > size)
			fail("name out of bounds");
		last = m.end;
		check_mask(s, &m);
	}

	/* A name from the first bytes, searched in the rest. */
	nlen = size < 6 ? size : 6;
	for (from = 0; xf_pii_find_name(s, size, from, s, nlen, &m);
	    from = m.end) {
		if (m.end - m.start != nlen || memcmp(s + m.start, s, nlen))
			fail("find_name found something else");
		check_mask(s, &m);
	}
	return 0;
}
