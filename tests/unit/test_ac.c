/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/ac.c: every key found in a text, and only those,
 * as a naive search finds them (each key compared at each end offset,
 * ASCII letters without regard to case), on texts long enough for the
 * stretches walked in step and for several passes, with keys that cross
 * where one stretch or pass ends and the next begins, and bytes that are
 * not UTF-8.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "ac.h"

#define NKEY	60
#define MAXTEXT	7000

/* Pieces keys and texts are made of: letters, CJK, a lone byte. */
static const char *piece[] = {
	"a", "B", "b", "c", "中", "文", "字", "。", "\xff", "\x80", "ab",
	"中文",
};
#define NPIECE	(sizeof(piece) / sizeof(piece[0]))

struct found {
	unsigned	 end, id;
};

static unsigned long rnd = 12345;

static unsigned
next(unsigned n)
{
	rnd = rnd * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rnd >> 33) % n);
}

/* Append random pieces to buf until it holds at least n bytes. */
static size_t
make(char *buf, size_t n, size_t cap)
{
	size_t len = 0, k;
	const char *p;

	while (len < n) {
		p = piece[next(NPIECE)];
		k = strlen(p);
		if (len + k > cap)
			break;
		memcpy(buf + len, p, k);
		len += k;
	}
	return len;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
same(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return 0;
	return 1;
}

static int
cmp_found(const void *a, const void *b)
{
	const struct found *x = a, *y = b;

	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static void
scan__random_texts__every_key_as_naive_search(void **state)
{
	static char key[NKEY][40], text[MAXTEXT + 16];
	static struct found want[MAXTEXT * NKEY], got[MAXTEXT * NKEY];
	static struct xf_ac_hit hits[MAXTEXT * NKEY];
	static const size_t lens[] = {
		0, 1, 5, 29, 30, 31, 119, 120, 121, 130, 300, 401, 2047,
		2048, 2049, 4100, 6999,
	};
	size_t klen[NKEY], i, j, e, n, nw, nh, round;
	uint64_t bits[2], wbits[2];
	unsigned hitmin;
	char *exact;

	(void)state;
	for (round = 0; round < 20; round++) {
		struct xf_ac *ac = xf_ac_new();

		for (i = 0; i < NKEY; i++) {
			klen[i] = make(key[i], 1 + next(12), 30);
			if (klen[i] == 0)
				klen[i] = make(key[i], 1, 30);
			xf_ac_add(ac, key[i], klen[i], (unsigned)i);
		}
		assert_int_equal(xf_ac_build(ac), 0);
		hitmin = next(NKEY + 1);
		for (j = 0; j < sizeof(lens) / sizeof(lens[0]); j++) {
			n = make(text, lens[j], MAXTEXT);
			nw = 0;
			wbits[0] = wbits[1] = 0;
			for (e = 0; e < n; e++)
				for (i = 0; i < NKEY; i++) {
					if (klen[i] > e + 1 || !same(text + e + 1 -
					    klen[i], key[i], klen[i]))
						continue;
					if (i < hitmin)
						wbits[i / 64] |= UINT64_C(1) <<
						    (i % 64);
					else {
						want[nw].end = (unsigned)e;
						want[nw++].id = (unsigned)i;
					}
				}
			bits[0] = bits[1] = 0;
			/* Exactly n bytes: reading outside them is an error. */
			exact = malloc(n + 1);
			memcpy(exact, text, n);
			nh = xf_ac_scan_hits(ac, exact, n, bits, hitmin, hits,
			    MAXTEXT * NKEY);
			free(exact);
			assert_int_equal(nh, nw);
			assert_true(bits[0] == wbits[0] && bits[1] == wbits[1]);
			for (i = 0; i < nh; i++) {
				/* In the order their last bytes occur. */
				if (i > 0)
					assert_true(hits[i].end >=
					    hits[i - 1].end);
				got[i].end = hits[i].end;
				got[i].id = hits[i].id;
			}
			qsort(got, nh, sizeof(got[0]), cmp_found);
			assert_memory_equal(got, want, nw * sizeof(want[0]));

			/* Fewer places: the count, and the first ones. */
			if (nw > 3) {
				struct xf_ac_hit first[3];

				assert_int_equal(xf_ac_scan_hits(ac, text, n,
				    bits, hitmin, first, 3), nw);
				assert_memory_equal(first, hits,
				    sizeof(first));
			}

			/* xf_ac_scan: every key sets its bit. */
			bits[0] = bits[1] = 0;
			xf_ac_scan(ac, text, n, bits);
			for (i = 0; i < nw; i++)
				wbits[want[i].id / 64] |= UINT64_C(1) <<
				    (want[i].id % 64);
			assert_true(bits[0] == wbits[0] && bits[1] == wbits[1]);
		}
		xf_ac_free(ac);
	}
}

/* A key at every offset around where the stretches and passes meet. */
static void
scan__key_across_every_boundary__found_once(void **state)
{
	struct xf_ac_hit hits[4];
	struct xf_ac *ac = xf_ac_new();
	/* The longest key, 30 bytes: the lanes' start is just long enough. */
	const char *k = "中文字中文字中文字中";
	size_t n, at;
	uint64_t bits[1];
	char *text;

	(void)state;
	xf_ac_add(ac, k, 30, 1);
	xf_ac_add(ac, "中文", 6, 0);
	assert_int_equal(xf_ac_build(ac), 0);
	for (n = 1000; n <= 4500; n += 1747)
		for (at = 0; at + 30 <= n; at++) {
			/* Exactly n bytes: reading outside them is an error. */
			text = malloc(n);
			memset(text, '.', n);
			memcpy(text + at, k, 30);
			assert_int_equal(xf_ac_scan_hits(ac, text, n, bits, 1,
			    hits, 4), 1);
			assert_int_equal(hits[0].id, 1);
			assert_int_equal(hits[0].end, at + 29);
			free(text);
		}
	xf_ac_free(ac);
}

/* No keys: nothing is found, in a short text or a long one. */
static void
scan__no_keys__nothing_found(void **state)
{
	static char text[3000];
	struct xf_ac_hit hits[1];
	struct xf_ac *ac = xf_ac_new();
	uint64_t bits[1] = { 0 };

	(void)state;
	memset(text, 'a', sizeof(text));
	assert_int_equal(xf_ac_build(ac), 0);
	assert_int_equal(xf_ac_scan_hits(ac, text, 3, bits, 0, hits, 1), 0);
	assert_int_equal(xf_ac_scan_hits(ac, text, sizeof(text), bits, 0,
	    hits, 1), 0);
	xf_ac_scan(ac, text, sizeof(text), bits);
	assert_true(bits[0] == 0);
	xf_ac_free(ac);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scan__random_texts__every_key_as_naive_search),
		cmocka_unit_test(scan__key_across_every_boundary__found_once),
		cmocka_unit_test(scan__no_keys__nothing_found),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
