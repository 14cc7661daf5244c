/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/hash.c: the hash spreads keys of every length,
 * and the fingerprint set remembers exactly the keys it was given, across
 * many rounds of growth.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "hash.h"

static void
hash64__lengths_and_seeds__differ(void **state)
{
	(void)state;
	/* The length and the seed take part; equal bytes hash equal. */
	assert_true(xf_hash64("", 0, 0) != xf_hash64("\0", 1, 0));
	assert_true(xf_hash64("abcdefgh", 8, 0) != xf_hash64("abcdefgh", 8, 1));
	assert_true(xf_hash64("abcdefghi", 9, 0) ==
	    xf_hash64("abcdefghi", 9, 0));
	assert_true(xf_hash64("abcdefghi", 9, 0) !=
	    xf_hash64("abcdefghj", 9, 0));
}

static void
fpset_add__many_keys__new_once_then_duplicate(void **state)
{
	struct xf_fpset *s = xf_fpset_new();
	char key[32];
	int i, n;

	(void)state;
	for (i = 0; i < 200000; i++) {
		n = snprintf(key, sizeof(key), "YJ2024-%06d", i);
		assert_int_equal(xf_fpset_add(s, key, (size_t)n), 0);
	}
	assert_int_equal(xf_fpset_count(s), 200000);
	for (i = 0; i < 200000; i += 997) {
		n = snprintf(key, sizeof(key), "YJ2024-%06d", i);
		assert_int_equal(xf_fpset_add(s, key, (size_t)n), 1);
	}
	assert_int_equal(xf_fpset_add(s, "YJ2024-200000", 13), 0);
	assert_int_equal(xf_fpset_add(s, "", 0), 0);
	assert_int_equal(xf_fpset_add(s, "", 0), 1);
	assert_int_equal(xf_fpset_count(s), 200002);
	xf_fpset_free(s);
}

/*
 * Adding in two steps (fingerprint, prefetch, add) is the same as
 * adding in one: each answers for keys the other added.
 */
static void
fpset_add_fp__mixed_with_add__same_set(void **state)
{
	struct xf_fpset *s = xf_fpset_new();
	char key[32];
	uint64_t fp;
	int i, n;

	(void)state;
	assert_true(xf_fpset_fp("", 0) != 0);
	assert_true(xf_fpset_fp("YJ1", 3) == xf_fpset_fp("YJ1", 3));
	assert_true(xf_fpset_fp("YJ1", 3) != xf_fpset_fp("YJ2", 3));
	for (i = 0; i < 50000; i++) {
		n = snprintf(key, sizeof(key), "YJ2024-%06d", i);
		if (i % 2 == 0) {
			fp = xf_fpset_fp(key, (size_t)n);
			xf_fpset_prefetch(s, fp);
			assert_int_equal(xf_fpset_add_fp(s, fp), 0);
		} else
			assert_int_equal(xf_fpset_add(s, key, (size_t)n), 0);
	}
	for (i = 0; i < 50000; i += 7) {
		n = snprintf(key, sizeof(key), "YJ2024-%06d", i);
		if (i % 3 == 0)
			assert_int_equal(xf_fpset_add_fp(s,
			    xf_fpset_fp(key, (size_t)n)), 1);
		else
			assert_int_equal(xf_fpset_add(s, key, (size_t)n), 1);
	}
	assert_int_equal(xf_fpset_count(s), 50000);
	xf_fpset_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hash64__lengths_and_seeds__differ),
		cmocka_unit_test(fpset_add__many_keys__new_once_then_duplicate),
		cmocka_unit_test(fpset_add_fp__mixed_with_add__same_set),
	};

	return cmocka_run_group_tests_name("hash", tests, NULL, NULL);
}
