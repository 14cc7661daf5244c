/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for the growing string (lib/sb.c): appending across the
 * growth boundaries, discarding when off, taking the result.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb.h"

static void
sb_take__nothing_written__empty_string(void **state)
{
	struct xf_sb b = XF_SB_INIT;
	char *s;

	(void)state;
	s = xf_sb_take(&b);
	assert_string_equal(s, "");
	assert_null(b.s);
	free(s);
}

/* 1000 pieces of "ab%d" cross the first 256-byte buffer many times. */
static void
sb_printf__many_pieces__all_kept_in_order(void **state)
{
	struct xf_sb b = XF_SB_INIT;
	char want[8000], piece[16];
	size_t n = 0;
	char *s;
	int i, k;

	(void)state;
	want[0] = '\0';
	for (i = 0; i < 1000; i++) {
		xf_sb_printf(&b, "ab%d", i % 10);
		k = snprintf(piece, sizeof(piece), "ab%d", i % 10);
		memcpy(want + n, piece, (size_t)k + 1);
		n += (size_t)k;
	}
	assert_int_equal(b.len, 3000);
	assert_true(b.cap > b.len);
	s = xf_sb_take(&b);
	assert_string_equal(s, want);
	assert_int_equal(b.len, 0);
	free(s);
}

/* One piece longer than the first buffer: 300 bytes at once. */
static void
sb_printf__longer_than_first_buffer__whole(void **state)
{
	struct xf_sb b = XF_SB_INIT;
	char big[301];
	char *s;

	(void)state;
	memset(big, 'x', 300);
	big[300] = '\0';
	xf_sb_printf(&b, "<%s>", big);
	assert_int_equal(b.len, 302);
	assert_int_equal(b.s[0], '<');
	assert_int_equal(b.s[301], '>');
	assert_int_equal(b.s[302], '\0');
	s = xf_sb_take(&b);
	free(s);
}

/* put copies bytes, NULs included, and keeps the string terminated. */
static void
sb_put__bytes__appended_and_terminated(void **state)
{
	struct xf_sb b = XF_SB_INIT;

	(void)state;
	xf_sb_put(&b, "a\0b", 3);
	xf_sb_put(&b, "cd", 1);
	assert_int_equal(b.len, 4);
	assert_memory_equal(b.s, "a\0bc", 5);
	free(xf_sb_take(&b));
}

/* Reset by len = 0 (as callers do to rewrite a reason), then reuse. */
static void
sb_printf__after_len_reset__overwrites(void **state)
{
	struct xf_sb b = XF_SB_INIT;

	(void)state;
	xf_sb_printf(&b, "旧的理由");
	b.len = 0;
	xf_sb_printf(&b, "新");
	assert_string_equal(b.s, "新");
	free(xf_sb_take(&b));
}

static void
sb_printf__off__discards(void **state)
{
	struct xf_sb b = XF_SB_INIT;
	char *s;

	(void)state;
	b.off = 1;
	xf_sb_printf(&b, "%d", 42);
	xf_sb_put(&b, "x", 1);
	assert_null(b.s);
	assert_int_equal(b.len, 0);
	s = xf_sb_take(&b);
	assert_string_equal(s, "");
	assert_int_equal(b.off, 1);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sb_take__nothing_written__empty_string),
		cmocka_unit_test(sb_printf__many_pieces__all_kept_in_order),
		cmocka_unit_test(sb_printf__longer_than_first_buffer__whole),
		cmocka_unit_test(sb_put__bytes__appended_and_terminated),
		cmocka_unit_test(sb_printf__after_len_reset__overwrites),
		cmocka_unit_test(sb_printf__off__discards),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
