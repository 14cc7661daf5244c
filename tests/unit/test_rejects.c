/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/rejects.c and lib/output.c: the rejects file keeps
 * every field of a bad record in a rectangular file, messages stop after
 * the limit, and files appear only when committed.
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

#include "csvin.h"
#include "output.h"
#include "rejects.h"
#include "xf.h"

#include "quiet.h"

static struct xf_row *
row(unsigned long line, const char **f, size_t n)
{
	static char *field[16];
	static size_t len[16];
	static struct xf_row r;
	size_t i;

	for (i = 0; i < n; i++) {
		field[i] = (char *)(uintptr_t)f[i];
		len[i] = strlen(f[i]);
	}
	r.field = field;
	r.len = len;
	r.nfield = n;
	r.line = line;
	r.raw = 0;
	return &r;
}

static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static int
count_lines(FILE *fp)
{
	int c, n = 0;

	fflush(stderr);
	rewind(fp);
	while ((c = fgetc(fp)) != EOF)
		n += c == '\n';
	return n;
}

/* A rejects writer into a new temporary file path, with header hdr. */
static struct xf_rejects *
rejects_at(char *path, const char **hdr, size_t n)
{
	struct xf_rejects *r;
	int fd;

	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	r = xf_rejects_open(path);
	assert_non_null(r);
	xf_rejects_header(r, row(1, hdr, n));
	return r;
}

static void
reject__short_long_raw__rectangular_and_complete(void **state)
{
	char path[] = "/tmp/xf-rejects-XXXXXX";
	const char *hdr[] = { "id", "date", "content" };
	const char *shortf[] = { "1" };
	const char *longf[] = { "2", "d", "c", "extra, one", "e2" };
	const char *rawf[] = { "3,\"open\n" };
	struct xf_rejects *r;
	char *got;

	(void)state;
	r = rejects_at(path, hdr, 3);
	xf_reject(r, "in.csv", row(2, shortf, 1), "record has %d field", 1);
	xf_reject(r, "in.csv", row(3, longf, 5), "too many");
	xf_reject(r, "in.csv", row(4, rawf, 1), "unterminated quoted field");
	assert_int_equal(xf_rejects_count(r), 3);
	assert_int_equal(xf_rejects_close(r), 0);
	got = slurp(path);
	assert_string_equal(got,
	    "id,date,content,_line,_error\n"
	    "1,,,2,record has 1 field\n"
	    "2,d,\"c,\"\"extra, one\"\",e2\",3,too many\n"
	    "\"3,\"\"open\n\",,,4,unterminated quoted field\n");
	free(got);
	unlink(path);
}

static void
reject__over_limit__messages_capped(void **state)
{
	const char *f[] = { "x" };
	struct xf_rejects *r;
	int i;

	(void)state;
	r = xf_rejects_open(NULL);
	for (i = 0; i < 25; i++)
		xf_reject(r, "in.csv", row((unsigned long)i + 2, f, 1), "bad");
	xf_rejects_input_done(r, "in.csv");
	/* 20 messages and one "5 more" line. */
	assert_int_equal(count_lines(errfile), XF_REJECTS_SHOWN + 1);
	assert_int_equal(xf_rejects_close(r), 0);
	/* And the final "25 records rejected". */
	assert_int_equal(count_lines(errfile), XF_REJECTS_SHOWN + 2);
}

/*
 * Held rejects come out in line order, though one came after a later
 * line's, those before a line when it is released, the rest at input's
 * end; the rows are copied (the caller's buffers change at once), a
 * record wider than the header kept.
 */
static void
reject__held__released_in_line_order(void **state)
{
	char path[] = "/tmp/xf-rejects-XXXXXX";
	const char *hdr[] = { "id", "content" };
	const char *f2[] = { "2", "a", "b" };
	const char *f7[] = { "7,\"open" };
	const char *f5[] = { "5", "limit" };
	struct xf_rejects *r;
	char *got;

	(void)state;
	r = rejects_at(path, hdr, 2);
	xf_rejects_hold(r, 1);
	xf_reject(r, "in.csv", row(2, f2, 3), "too %s", "many");
	xf_reject(r, "in.csv", row(7, f7, 1), "unterminated");
	row(99, hdr, 2);	/* the caller's row changes */
	assert_int_equal(xf_rejects_count(r), 0);
	assert_int_equal(count_lines(errfile), 0);
	xf_reject(r, "in.csv", row(5, f5, 2), "match limit");
	xf_rejects_release(r, 5);
	assert_int_equal(xf_rejects_count(r), 1);
	assert_int_equal(count_lines(errfile), 1);
	xf_rejects_release(r, 5);	/* nothing before 5 is left */
	assert_int_equal(xf_rejects_count(r), 1);
	xf_rejects_input_done(r, "in.csv");
	assert_int_equal(xf_rejects_count(r), 3);
	assert_int_equal(count_lines(errfile), 3);
	assert_int_equal(xf_rejects_close(r), 0);
	got = slurp(path);
	assert_string_equal(got,
	    "id,content,_line,_error\n"
	    "2,\"a,b\",2,too many\n"
	    "5,limit,5,match limit\n"
	    "\"7,\"\"open\",,7,unterminated\n");
	free(got);
	unlink(path);
}

static void
output__abort__target_untouched(void **state)
{
	char path[] = "/tmp/xf-output-XXXXXX";
	struct xf_output *o;
	FILE *fp;
	char *got;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_int_equal(write(fd, "old\n", 4), 4);
	close(fd);
	o = xf_output_open(path);
	fputs("new\n", xf_output_fp(o));
	fflush(xf_output_fp(o));
	got = slurp(path);
	assert_string_equal(got, "old\n");	/* not yet */
	free(got);
	xf_output_abort(o);
	got = slurp(path);
	assert_string_equal(got, "old\n");
	free(got);

	o = xf_output_open(path);
	fp = xf_output_fp(o);
	fputs("new\n", fp);
	assert_int_equal(xf_output_commit(o), 0);
	got = slurp(path);
	assert_string_equal(got, "new\n");
	free(got);
	unlink(path);
}

static void
output__missing_directory__null(void **state)
{
	(void)state;
	assert_null(xf_output_open("/nonexistent-dir/x.csv"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    reject__short_long_raw__rectangular_and_complete, quiet,
		    loud),
		cmocka_unit_test_setup_teardown(
		    reject__over_limit__messages_capped, quiet, loud),
		cmocka_unit_test_setup_teardown(
		    reject__held__released_in_line_order, quiet, loud),
		cmocka_unit_test(output__abort__target_untouched),
		cmocka_unit_test_setup_teardown(
		    output__missing_directory__null, quiet, loud),
	};

	return cmocka_run_group_tests_name("rejects", tests, NULL, NULL);
}
