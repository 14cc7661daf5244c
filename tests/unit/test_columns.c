/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/columns.c: names, aliases, overrides, trimming, and
 * the message that lists the columns present.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "columns.h"
#include "csvin.h"
#include "xf.h"

/* A header row from a list of NUL-terminated names. */
static struct xf_row *
header(const char **names, size_t n)
{
	static char *field[16];
	static size_t len[16];
	static struct xf_row row;
	size_t i;

	for (i = 0; i < n; i++) {
		field[i] = (char *)(uintptr_t)names[i];
		len[i] = strlen(names[i]);
	}
	row.field = field;
	row.len = len;
	row.nfield = n;
	row.line = 1;
	return &row;
}

static void
col_find__english_name__found(void **state)
{
	const char *h[] = { "id", "date", "content" };

	(void)state;
	assert_int_equal(xf_col_find(header(h, 3), "content", NULL), 2);
}

static void
col_find__chinese_alias__found(void **state)
{
	const char *h[] = { "信访编号", "登记日期", "诉求内容" };
	struct xf_row *r = header(h, 3);

	(void)state;
	assert_int_equal(xf_col_find(r, "id", NULL), 0);
	assert_int_equal(xf_col_find(r, "date", NULL), 1);
	assert_int_equal(xf_col_find(r, "content", NULL), 2);
	assert_int_equal(xf_col_find(r, "phone", NULL), -1);
}

static void
col_find__spaces_and_case__ignored(void **state)
{
	const char *h[] = { " ID ", "\xe3\x80\x80内容\xe3\x80\x80", "Detail" };
	struct xf_row *r = header(h, 3);

	(void)state;
	assert_int_equal(xf_col_find(r, "id", NULL), 0);
	assert_int_equal(xf_col_index(r, "内容"), 1);
	assert_int_equal(xf_col_index(r, "detail"), 2);
}

static void
col_find__english_before_alias(void **state)
{
	const char *h[] = { "内容", "content" };

	(void)state;
	assert_int_equal(xf_col_find(header(h, 2), "content", NULL), 1);
}

static void
col_find__override__wins_and_is_exclusive(void **state)
{
	const char *h[] = { "content", "正文" };
	struct xf_colmap map = { 0 };
	char arg[] = "content=正文", bad[] = "content", bad2[] = "=x";

	(void)state;
	assert_int_equal(xf_colmap_add(&map, arg), 0);
	assert_int_equal(xf_col_find(header(h, 2), "content", &map), 1);
	assert_int_equal(xf_colmap_add(&map, bad), -1);
	assert_int_equal(xf_colmap_add(&map, bad2), -1);
}

static void
col_need__missing__lists_columns(void **state)
{
	const char *h[] = { "a", "b" };
	char buf[512];
	FILE *tmp;
	int saved;
	size_t n;

	(void)state;
	fflush(stderr);
	tmp = tmpfile();
	saved = dup(2);
	dup2(fileno(tmp), 2);
	xf_setprogname((char *)(uintptr_t)"xf-test");
	assert_int_equal(xf_col_need(header(h, 2), "date", NULL, "f.csv"), -1);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	n = fread(buf, 1, sizeof(buf) - 1, tmp);
	buf[n] = '\0';
	fclose(tmp);
	assert_string_equal(buf, "xf-test: f.csv:1: no column 'date' or any "
	    "of its aliases (日期, ...); columns are: 'a', 'b'\n");
}

static void
header_same__compares_bytes(void **state)
{
	const char *a[] = { "id", "x" }, *b[] = { "id", "y" };
	struct xf_header *h;

	(void)state;
	h = xf_header_save(header(a, 2));
	assert_true(xf_header_same(h, header(a, 2)));
	assert_false(xf_header_same(h, header(b, 2)));
	assert_false(xf_header_same(h, header(a, 1)));
	xf_header_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(col_find__english_name__found),
		cmocka_unit_test(col_find__chinese_alias__found),
		cmocka_unit_test(col_find__spaces_and_case__ignored),
		cmocka_unit_test(col_find__english_before_alias),
		cmocka_unit_test(col_find__override__wins_and_is_exclusive),
		cmocka_unit_test(col_need__missing__lists_columns),
		cmocka_unit_test(header_same__compares_bytes),
	};

	return cmocka_run_group_tests_name("columns", tests, NULL, NULL);
}
