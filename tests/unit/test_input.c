/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/input.c: the header read, checked against the
 * first input's, the good records handed out, the malformed ones
 * rejected and counted, and the status each input deserves.
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
#include "input.h"
#include "rejects.h"
#include "xf.h"

#include "quiet.h"

/* A file holding text; its name in path (a mkstemp template). */
static void
file(char *path, const char *text)
{
	FILE *fp;
	int fd;

	fd = mkstemp(path);
	assert_true(fd != -1);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static void
input__good_and_bad_records__bad_ones_rejected_all_counted(void **state)
{
	char path[] = "/tmp/xf-input-XXXXXX";
	char rpath[] = "/tmp/xf-input-rej-XXXXXX";
	struct xf_rejects *rej;
	struct xf_input in;
	struct xf_row row;
	unsigned long long records = 5;	/* from an earlier input */
	const char *got;
	FILE *fp;
	long n;
	int fd;

	(void)state;
	/* Lines 2 and 4 good, 3 short, 5 long, 6 an open quote. */
	file(path, "id,text\n1,a\n2\n3,\"b,c\"\n4,d,e\n5,\"open\n");
	fd = mkstemp(rpath);
	close(fd);
	rej = xf_rejects_open(rpath);
	assert_non_null(rej);
	assert_int_equal(xf_input_open(&in, path, NULL, rej, &records, &row),
	    1);
	assert_int_equal(row.nfield, 2);
	assert_string_equal(row.field[1], "text");
	xf_rejects_header(rej, &row);
	assert_int_equal(xf_input_same(&in, NULL, &row), 0);

	assert_int_equal(xf_input_next(&in, &row), 1);
	assert_string_equal(row.field[0], "1");
	assert_int_equal(row.line, 2);
	assert_int_equal(in.status, XF_EXIT_OK);
	assert_int_equal(xf_input_next(&in, &row), 1);
	assert_string_equal(row.field[1], "b,c");
	assert_int_equal(row.line, 4);
	assert_int_equal(in.status, XF_EXIT_DATA);	/* line 3 */
	assert_int_equal(xf_input_next(&in, &row), 0);
	assert_int_equal(records, 5 + 5);
	assert_int_equal(xf_input_close(&in), XF_EXIT_DATA);
	assert_int_equal(xf_rejects_count(rej), 3);
	assert_int_equal(xf_rejects_close(rej), 0);

	/* Each message names the input and the line. */
	got = errtext();
	assert_non_null(strstr(got, ":3: "));
	assert_non_null(strstr(got, ":5: "));
	assert_non_null(strstr(got, ":6: "));
	fp = fopen(rpath, "r");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fclose(fp);
	assert_true(n > 0);
	unlink(path);
	unlink(rpath);
}

static void
input__empty_file__no_header_status_ok(void **state)
{
	char path[] = "/tmp/xf-input-XXXXXX";
	struct xf_rejects *rej = xf_rejects_open(NULL);
	struct xf_input in;
	struct xf_row row;

	(void)state;
	file(path, "");
	assert_int_equal(xf_input_open(&in, path, NULL, rej, NULL, &row), 0);
	assert_int_equal(xf_input_close(&in), XF_EXIT_OK);
	assert_int_equal(xf_rejects_close(rej), 0);
	unlink(path);
}

static void
input__bad_header__fails_with_line(void **state)
{
	char path[] = "/tmp/xf-input-XXXXXX";
	struct xf_rejects *rej = xf_rejects_open(NULL);
	struct xf_input in;
	struct xf_row row;

	(void)state;
	file(path, "id,\"text\n");
	assert_int_equal(xf_input_open(&in, path, NULL, rej, NULL, &row), -1);
	assert_int_equal(in.status, XF_EXIT_FAIL);
	assert_int_equal(xf_input_close(&in), XF_EXIT_FAIL);
	assert_int_equal(xf_rejects_close(rej), 0);
	assert_non_null(strstr(errtext(), ":1: bad header: "));
	unlink(path);
}

static void
input__missing_file__fails(void **state)
{
	struct xf_input in;
	struct xf_row row;

	(void)state;
	assert_int_equal(xf_input_open(&in, "/nonexistent/xf-input.csv",
	    NULL, NULL, NULL, &row), -1);
	assert_null(in.in);
	assert_int_equal(xf_input_close(&in), XF_EXIT_FAIL);
	assert_non_null(strstr(errtext(), "/nonexistent/xf-input.csv"));
}

static void
input_same__other_header__fails_first_same_passes(void **state)
{
	char p1[] = "/tmp/xf-input-XXXXXX", p2[] = "/tmp/xf-input-XXXXXX";
	struct xf_rejects *rej = xf_rejects_open(NULL);
	struct xf_input a, b;
	struct xf_header *first;
	struct xf_row row;

	(void)state;
	file(p1, "id,text\n1,a\n");
	file(p2, "id,body\n1,a\n");
	assert_int_equal(xf_input_open(&a, p1, NULL, rej, NULL, &row), 1);
	first = xf_header_save(&row);
	assert_int_equal(xf_input_same(&a, first, &row), 0);
	assert_int_equal(xf_input_close(&a), XF_EXIT_OK);
	assert_int_equal(xf_input_open(&b, p2, NULL, rej, NULL, &row), 1);
	assert_int_equal(xf_input_same(&b, first, &row), -1);
	assert_int_equal(b.status, XF_EXIT_FAIL);
	assert_int_equal(xf_input_close(&b), XF_EXIT_FAIL);
	assert_non_null(strstr(errtext(),
	    ":1: header differs from the first input's: not read"));
	xf_header_free(first);
	assert_int_equal(xf_rejects_close(rej), 0);
	unlink(p1);
	unlink(p2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    input__good_and_bad_records__bad_ones_rejected_all_counted,
		    quiet, loud),
		cmocka_unit_test_setup_teardown(
		    input__empty_file__no_header_status_ok, quiet, loud),
		cmocka_unit_test_setup_teardown(
		    input__bad_header__fails_with_line, quiet, loud),
		cmocka_unit_test_setup_teardown(
		    input__missing_file__fails, quiet, loud),
		cmocka_unit_test_setup_teardown(
		    input_same__other_header__fails_first_same_passes, quiet,
		    loud),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
