/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/map.c: the group-by hash map.  Expected values are
 * the keys put in and counts worked out from how the tests build them
 * (n distinct keys in, n entries out, numbered in insertion order).
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "map.h"

struct val {
	uint64_t	 a, b;
};

static void
new__empty__no_entries(void **state)
{
	struct xf_map *m = xf_map_new(sizeof(struct val));

	(void)state;
	assert_non_null(m);
	assert_int_equal(xf_map_count(m), 0);
	assert_null(xf_map_find(m, "x", 1));
	xf_map_free(m);
	xf_map_free(NULL);
}

static void
insert__new_key__zeroed_and_new(void **state)
{
	struct xf_map *m = xf_map_new(sizeof(struct val));
	struct val *v;
	int isnew = -1;

	(void)state;
	v = xf_map_insert(m, "延吉", strlen("延吉"), &isnew);
	assert_non_null(v);
	assert_int_equal(isnew, 1);
	assert_int_equal(v->a, 0);
	assert_int_equal(v->b, 0);
	assert_int_equal(xf_map_count(m), 1);
	xf_map_free(m);
}

static void
insert__same_key__same_entry(void **state)
{
	struct xf_map *m = xf_map_new(sizeof(struct val));
	struct val *v;
	int isnew = -1;

	(void)state;
	v = xf_map_insert(m, "abc", 3, &isnew);
	v->a = 7;
	v = xf_map_insert(m, "abc", 3, &isnew);
	assert_int_equal(isnew, 0);
	assert_int_equal(v->a, 7);
	v->a++;
	v = xf_map_find(m, "abc", 3);
	assert_non_null(v);
	assert_int_equal(v->a, 8);
	assert_int_equal(xf_map_count(m), 1);
	/* isnew may be NULL. */
	assert_non_null(xf_map_insert(m, "abc", 3, NULL));
	xf_map_free(m);
}

static void
find__prefix_or_longer__absent(void **state)
{
	struct xf_map *m = xf_map_new(sizeof(struct val));

	(void)state;
	xf_map_insert(m, "abc", 3, NULL);
	assert_null(xf_map_find(m, "ab", 2));
	assert_null(xf_map_find(m, "abcd", 4));
	assert_null(xf_map_find(m, "abd", 3));
	assert_null(xf_map_find(m, "", 0));
	assert_non_null(xf_map_find(m, "abcd", 3));
	xf_map_free(m);
}

static void
keys__nul_bytes__kept_distinct(void **state)
{
	struct xf_map *m = xf_map_new(sizeof(struct val));
	const void *k;
	size_t n;
	int isnew;

	(void)state;
	xf_map_insert(m, "a\0b", 3, &isnew);
	assert_int_equal(isnew, 1);
	xf_map_insert(m, "a\0c", 3, &isnew);
	assert_int_equal(isnew, 1);
	xf_map_insert(m, "a", 1, &isnew);
	assert_int_equal(isnew, 1);
	xf_map_insert(m, "a\0", 2, &isnew);
	assert_int_equal(isnew, 1);
	xf_map_insert(m, "a\0b", 3, &isnew);
	assert_int_equal(isnew, 0);
	assert_int_equal(xf_map_count(m), 4);
	k = xf_map_key(m, 1, &n);
	assert_int_equal(n, 3);
	assert_memory_equal(k, "a\0c", 3);
	k = xf_map_key(m, 3, &n);
	assert_int_equal(n, 2);
	assert_memory_equal(k, "a\0", 3);	/* and the NUL after it */
	xf_map_free(m);
}

static void
key__empty__one_entry(void **state)
{
	struct xf_map *m = xf_map_new(sizeof(struct val));
	struct val *v;
	const char *k;
	size_t n = 99;
	int isnew;

	(void)state;
	v = xf_map_insert(m, NULL, 0, &isnew);
	assert_non_null(v);
	assert_int_equal(isnew, 1);
	v->b = 3;
	v = xf_map_insert(m, "", 0, &isnew);
	assert_int_equal(isnew, 0);
	assert_int_equal(v->b, 3);
	assert_non_null(xf_map_find(m, NULL, 0));
	k = xf_map_key(m, 0, &n);
	assert_int_equal(n, 0);
	assert_int_equal(k[0], '\0');
	xf_map_free(m);
}

static void
key__copied__caller_buffer_reusable(void **state)
{
	struct xf_map *m = xf_map_new(sizeof(struct val));
	char buf[8];
	const char *k;
	size_t n;

	(void)state;
	memcpy(buf, "first", 6);
	xf_map_insert(m, buf, 5, NULL);
	memcpy(buf, "other", 6);
	k = xf_map_key(m, 0, &n);
	assert_int_equal(n, 5);
	assert_string_equal(k, "first");
	assert_non_null(xf_map_find(m, "first", 5));
	assert_null(xf_map_find(m, "other", 5));
	xf_map_free(m);
}

/*
 * 200,000 distinct keys: the index and the arrays grow many times; every
 * entry keeps its number (insertion order), its key and its value.
 */
static void
insert__many_keys__all_kept_in_order(void **state)
{
	struct xf_map *m = xf_map_new(sizeof(struct val));
	struct val *v;
	char key[32];
	const char *k;
	size_t i, n, len;
	int isnew;

	(void)state;
	n = 200000;
	for (i = 0; i < n; i++) {
		len = (size_t)snprintf(key, sizeof(key), "key-%zu", i * 7919);
		v = xf_map_insert(m, key, len, &isnew);
		assert_non_null(v);
		assert_int_equal(isnew, 1);
		v->a = i;
		v->b = i * 3;
	}
	assert_int_equal(xf_map_count(m), n);
	for (i = 0; i < n; i += 997) {
		len = (size_t)snprintf(key, sizeof(key), "key-%zu", i * 7919);
		v = xf_map_find(m, key, len);
		assert_non_null(v);
		assert_int_equal(v->a, i);
		assert_int_equal(v->b, i * 3);
		v = xf_map_value(m, i);
		assert_int_equal(v->a, i);
		k = xf_map_key(m, i, &len);
		assert_string_equal(k, key);
	}
	/* Adding them again makes nothing new. */
	for (i = 0; i < n; i += 13) {
		len = (size_t)snprintf(key, sizeof(key), "key-%zu", i * 7919);
		xf_map_insert(m, key, len, &isnew);
		assert_int_equal(isnew, 0);
	}
	assert_int_equal(xf_map_count(m), n);
	xf_map_free(m);
}

static void
new__zero_value_size__a_set(void **state)
{
	struct xf_map *m = xf_map_new(0);
	int isnew;

	(void)state;
	assert_non_null(xf_map_insert(m, "x", 1, &isnew));
	assert_int_equal(isnew, 1);
	assert_non_null(xf_map_insert(m, "y", 1, &isnew));
	assert_int_equal(isnew, 1);
	assert_non_null(xf_map_insert(m, "x", 1, &isnew));
	assert_int_equal(isnew, 0);
	assert_int_equal(xf_map_count(m), 2);
	assert_non_null(xf_map_find(m, "y", 1));
	assert_null(xf_map_find(m, "z", 1));
	xf_map_free(m);
}

/* Long keys (longer than a hash block, of every length up to 100). */
static void
insert__long_keys__compared_in_full(void **state)
{
	struct xf_map *m = xf_map_new(sizeof(struct val));
	char a[128], b[128];
	size_t n;
	int isnew;

	(void)state;
	memset(a, 'x', sizeof(a));
	memcpy(b, a, sizeof(b));
	for (n = 1; n <= 100; n++) {
		xf_map_insert(m, a, n, &isnew);
		assert_int_equal(isnew, 1);
	}
	/* Same lengths, last byte different: all new. */
	for (n = 1; n <= 100; n++) {
		b[n - 1] = 'y';
		xf_map_insert(m, b, n, &isnew);
		assert_int_equal(isnew, 1);
		b[n - 1] = 'x';
	}
	assert_int_equal(xf_map_count(m), 200);
	xf_map_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(new__empty__no_entries),
		cmocka_unit_test(insert__new_key__zeroed_and_new),
		cmocka_unit_test(insert__same_key__same_entry),
		cmocka_unit_test(find__prefix_or_longer__absent),
		cmocka_unit_test(keys__nul_bytes__kept_distinct),
		cmocka_unit_test(key__empty__one_entry),
		cmocka_unit_test(key__copied__caller_buffer_reusable),
		cmocka_unit_test(insert__many_keys__all_kept_in_order),
		cmocka_unit_test(new__zero_value_size__a_set),
		cmocka_unit_test(insert__long_keys__compared_in_full),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
