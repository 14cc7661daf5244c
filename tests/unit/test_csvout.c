/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/csvout.c: minimal quoting, record ends, BOM, and
 * write errors that are reported rather than lost.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvout.h"

struct sink {
	FILE	*fp;
	char	*buf;
	size_t	 len;
};

static int
sink_open(void **state)
{
	struct sink *s = calloc(1, sizeof(*s));

	if (s == NULL || (s->fp = open_memstream(&s->buf, &s->len)) == NULL)
		return -1;
	*state = s;
	return 0;
}

static int
sink_close(void **state)
{
	struct sink *s = *state;

	fclose(s->fp);
	free(s->buf);
	free(s);
	return 0;
}

static const char *
written(struct sink *s, struct xf_csvout *out)
{
	assert_int_equal(xf_csvout_flush(out), 0);
	xf_csvout_free(out);
	return s->buf;
}

static void
field__plain__unquoted(void **state)
{
	struct sink *s = *state;
	struct xf_csvout *out = xf_csvout_new(s->fp, ',', 0);

	xf_csvout_str(out, "a b");
	xf_csvout_str(out, "拆迁");
	xf_csvout_str(out, " x ");
	xf_csvout_end(out);
	assert_string_equal(written(s, out), "a b,拆迁, x \n");
}

static void
field__specials__quoted_and_doubled(void **state)
{
	struct sink *s = *state;
	struct xf_csvout *out = xf_csvout_new(s->fp, ',', 0);

	xf_csvout_str(out, "a,b");
	xf_csvout_str(out, "say \"hi\"");
	xf_csvout_str(out, "two\nlines");
	xf_csvout_str(out, "cr\r");
	xf_csvout_str(out, "\"");
	xf_csvout_end(out);
	assert_string_equal(written(s, out),
	    "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",\"\"\"\"\n");
}

static void
field__other_delimiter__only_it_quoted(void **state)
{
	struct sink *s = *state;
	struct xf_csvout *out = xf_csvout_new(s->fp, '\t', 0);

	xf_csvout_str(out, "a,b");
	xf_csvout_str(out, "c\td");
	xf_csvout_end(out);
	assert_string_equal(written(s, out), "a,b\t\"c\td\"\n");
}

static void
end__crlf__crlf(void **state)
{
	struct sink *s = *state;
	struct xf_csvout *out = xf_csvout_new(s->fp, ',', 1);

	xf_csvout_str(out, "a");
	xf_csvout_str(out, "");
	xf_csvout_end(out);
	assert_string_equal(written(s, out), "a,\r\n");
}

static void
end__single_empty_field__quoted_so_not_blank(void **state)
{
	struct sink *s = *state;
	struct xf_csvout *out = xf_csvout_new(s->fp, ',', 0);

	xf_csvout_str(out, "");
	xf_csvout_end(out);
	xf_csvout_str(out, "");
	xf_csvout_str(out, "");
	xf_csvout_end(out);
	assert_string_equal(written(s, out), "\"\"\n,\n");
}

static void
bom__first__three_bytes(void **state)
{
	struct sink *s = *state;
	struct xf_csvout *out = xf_csvout_new(s->fp, ',', 0);

	xf_csvout_bom(out);
	xf_csvout_str(out, "id");
	xf_csvout_end(out);
	assert_string_equal(written(s, out), "\xef\xbb\xbfid\n");
}

static void
field__nul_and_large__exact_bytes(void **state)
{
	struct sink *s = *state;
	struct xf_csvout *out = xf_csvout_new(s->fp, ',', 0);
	char *big;
	size_t n = 300000;

	big = malloc(n);
	assert_non_null(big);
	memset(big, 'x', n);
	xf_csvout_field(out, "a\0b", 3);
	xf_csvout_field(out, big, n);
	xf_csvout_end(out);
	written(s, out);
	assert_int_equal(s->len, 3 + 1 + n + 1);
	assert_memory_equal(s->buf, "a\0b,", 4);
	assert_int_equal(s->buf[s->len - 1], '\n');
	free(big);
}

static void
flush__full_device__fails(void **state)
{
	struct xf_csvout *out;
	FILE *fp;
	int i;

	(void)state;
	if ((fp = fopen("/dev/full", "w")) == NULL)
		skip();
	out = xf_csvout_new(fp, ',', 0);
	for (i = 0; i < 100000; i++) {
		xf_csvout_str(out, "some text");
		xf_csvout_end(out);
	}
	assert_int_equal(xf_csvout_flush(out), -1);
	xf_csvout_free(out);
	fclose(fp);
}

static void
field__bom_at_start__quoted_so_not_eaten(void **state)
{
	struct sink *s = *state;
	struct xf_csvout *out = xf_csvout_new(s->fp, ',', 0);

	xf_csvout_str(out, "\xef\xbb\xbfx");
	xf_csvout_str(out, "\xef\xbb\xbfy");
	xf_csvout_end(out);
	assert_string_equal(written(s, out),
	    "\"\xef\xbb\xbfx\",\xef\xbb\xbfy\n");
}

static void
needs_quotes__cases(void **state)
{
	(void)state;
	assert_false(xf_csv_needs_quotes("abc", 3, ','));
	assert_false(xf_csv_needs_quotes("", 0, ','));
	assert_true(xf_csv_needs_quotes("a;b", 3, ';'));
	assert_false(xf_csv_needs_quotes("a;b", 3, ','));
	assert_true(xf_csv_needs_quotes("a\"", 2, ','));
}

/*
 * The test runs eight bytes at a time: a special byte at every offset of
 * fields of every length up to 24 is found, and bytes one bit away from
 * the special ones (the high bit set, tab, vertical tab, form feed) are
 * not taken for them.  The field is allocated to its exact length so
 * that ASan sees a read past it.
 */
static void
needs_quotes__every_offset__exact(void **state)
{
	static const char special[] = { '"', '\n', '\r', ';' };
	static const unsigned char near[] = { '\t', 0x0B, 0x0C, 0xA2, 0x8A,
	    0x8D, 0xBB, ',', '!', 0xE5 };
	char *buf;
	size_t n, k, j;

	(void)state;
	for (n = 1; n <= 24; n++) {
		buf = malloc(n);
		assert_non_null(buf);
		for (k = 0; k < n; k++)
			buf[k] = (char)near[k % sizeof(near)];
		assert_false(xf_csv_needs_quotes(buf, n, ';'));
		for (k = 0; k < n; k++) {
			for (j = 0; j < sizeof(special); j++) {
				char save = buf[k];

				buf[k] = special[j];
				assert_true(xf_csv_needs_quotes(buf, n, ';'));
				buf[k] = save;
			}
		}
		free(buf);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(field__plain__unquoted,
		    sink_open, sink_close),
		cmocka_unit_test_setup_teardown(
		    field__specials__quoted_and_doubled, sink_open, sink_close),
		cmocka_unit_test_setup_teardown(
		    field__other_delimiter__only_it_quoted, sink_open,
		    sink_close),
		cmocka_unit_test_setup_teardown(end__crlf__crlf, sink_open,
		    sink_close),
		cmocka_unit_test_setup_teardown(
		    end__single_empty_field__quoted_so_not_blank, sink_open,
		    sink_close),
		cmocka_unit_test_setup_teardown(bom__first__three_bytes,
		    sink_open, sink_close),
		cmocka_unit_test_setup_teardown(
		    field__nul_and_large__exact_bytes, sink_open, sink_close),
		cmocka_unit_test(flush__full_device__fails),
		cmocka_unit_test_setup_teardown(
		    field__bom_at_start__quoted_so_not_eaten, sink_open,
		    sink_close),
		cmocka_unit_test(needs_quotes__cases),
		cmocka_unit_test(needs_quotes__every_offset__exact),
	};

	return cmocka_run_group_tests_name("csvout", tests, NULL, NULL);
}
