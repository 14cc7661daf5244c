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

#include "csvin.h"
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

/*
 * A memory writer writes records as the writer of the whole output would
 * after its header: a leading U+FEFF is not quoted there, ';' and CRLF
 * as asked, the lone empty field quoted; take() hands them over and
 * starts afresh, also past the 64 KiB buffer; bytes() puts them into the
 * output after what was written before, in order.
 */
static void
mem__records_as_after_header__taken_in_order(void **state)
{
	struct sink *s = *state;
	struct xf_csvout *out = xf_csvout_new(s->fp, ';', 1);
	struct xf_csvout *mem = xf_csvout_new_mem(';', 1);
	const char *p;
	char *big, *want;
	size_t n, i;

	assert_null(xf_csvout_take(mem, &n));
	assert_int_equal(n, 0);
	xf_csvout_str(out, "h");
	xf_csvout_end(out);
	xf_csvout_str(mem, "\xef\xbb\xbfx");
	xf_csvout_str(mem, "a;b");
	xf_csvout_end(mem);
	xf_csvout_str(mem, "");
	xf_csvout_end(mem);
	p = xf_csvout_take(mem, &n);
	assert_int_equal(n, 16);
	assert_memory_equal(p, "\xef\xbb\xbfx;\"a;b\"\r\n\"\"\r\n", 16);
	xf_csvout_bytes(out, p, n);
	big = malloc(100001);
	assert_non_null(big);
	memset(big, 'z', 100000);
	big[100000] = '\0';
	xf_csvout_str(mem, big);
	xf_csvout_end(mem);
	p = xf_csvout_take(mem, &n);
	assert_int_equal(n, 100002);
	xf_csvout_bytes(out, p, n);
	xf_csvout_str(out, "t");
	xf_csvout_end(out);
	want = malloc(100100);
	assert_non_null(want);
	i = (size_t)sprintf(want, "h\r\n\xef\xbb\xbfx;\"a;b\"\r\n\"\"\r\n");
	memcpy(want + i, big, 100000);
	strcpy(want + i + 100000, "\r\nt\r\n");
	assert_string_equal(written(s, out), want);
	xf_csvout_free(mem);
	free(big);
	free(want);
}

/*
 * A field whose quoting the caller worked out is written as
 * xf_csvout_field would write it: quoted with quotes doubled, or as it
 * is; the BOM rule and the lone empty field still apply.
 */
static void
field_scanned__as_field__same_bytes(void **state)
{
	struct sink *s = *state;
	struct xf_csvout *out = xf_csvout_new(s->fp, ';', 0);

	assert_int_equal(xf_csvout_delim(out), ';');
	xf_csvout_field_scanned(out, "\xef\xbb\xbfx", 4, 0);
	xf_csvout_field_scanned(out, "say \"hi\"", 8, 1);
	xf_csvout_field_scanned(out, "a;b", 3, 1);
	xf_csvout_field_scanned(out, "信访", strlen("信访"), 0);
	xf_csvout_end(out);
	xf_csvout_field_scanned(out, "", 0, 0);
	xf_csvout_end(out);
	assert_string_equal(written(s, out),
	    "\"\xef\xbb\xbfx\";\"say \"\"hi\"\"\";\"a;b\";信访\n\"\"\n");
}

/*
 * A row as xf_csvin gives it (fields one after another, each ended by a
 * NUL) is written with runs of fields copied at once: the bytes are
 * those of xf_csvout_field, field by field, whether fields need quotes,
 * lie apart, are empty, or fill the output buffer (64 KiB) many times.
 */
static void
row_scanned__runs_quotes_gaps__as_by_field(void **state)
{
	struct sink *s = *state;
	struct xf_csvout *out = xf_csvout_new(s->fp, ',', 0);
	static char arena[] = "id\0a,b\0\0信访\0x\0";
	static char apart[] = "far";
	char *field[5];
	size_t len[5];
	unsigned char quote[5] = { 0, 1, 0, 0, 0 };
	struct xf_row row = { field, len, 5, 1, 0 };

	(void)state;
	field[0] = arena;		len[0] = 2;
	field[1] = arena + 3;		len[1] = 3;
	field[2] = arena + 7;		len[2] = 0;
	field[3] = arena + 8;		len[3] = strlen("信访");
	field[4] = arena + 9 + len[3];	len[4] = 1;
	xf_csvout_row_scanned(out, &row, quote);
	xf_csvout_end(out);
	field[3] = apart;
	len[3] = 3;
	len[4] = 0;
	xf_csvout_row_scanned(out, &row, quote);
	xf_csvout_end(out);
	assert_string_equal(written(s, out),
	    "id,\"a,b\",,信访,x\nid,\"a,b\",,far,\n");
}

static void
row_scanned__buffer_full__same_as_by_field(void **state)
{
	struct sink *s = *state;
	struct xf_csvout *out;
	char *arena, *field[3], *ref = NULL;
	size_t len[3], n = 30000, i, reflen = 0;
	unsigned char quote[3] = { 0, 0, 0 };
	struct xf_row row = { field, len, 3, 1, 0 };
	FILE *fp;

	(void)state;
	/* Three fields of 30000 bytes, one of 90002 in all, then rows of it. */
	arena = malloc(3 * (n + 1));
	assert_non_null(arena);
	for (i = 0; i < 3 * (n + 1); i++)
		arena[i] = (char)('a' + i % 26);
	for (i = 0; i < 3; i++) {
		field[i] = arena + i * (n + 1);
		len[i] = n;
		field[i][n] = '\0';
	}
	out = xf_csvout_new(s->fp, ',', 0);
	fp = open_memstream(&ref, &reflen);
	assert_non_null(fp);
	for (i = 0; i < 7; i++) {
		/* Short rows too, to fill the buffer at every offset. */
		len[0] = i % 2 == 0 ? n : 5 + i;
		field[1] = i % 2 == 0 ? arena + n + 1 : arena + len[0] + 1;
		len[1] = i % 2 == 0 ? n : 3;
		xf_csvout_row_scanned(out, &row, quote);
		xf_csvout_end(out);
		fwrite(field[0], 1, len[0], fp);
		fputc(',', fp);
		fwrite(field[1], 1, len[1], fp);
		fputc(',', fp);
		fwrite(field[2], 1, len[2], fp);
		fputc('\n', fp);
	}
	fclose(fp);
	written(s, out);
	assert_int_equal(s->len, reflen);
	assert_memory_equal(s->buf, ref, reflen);
	free(ref);
	free(arena);
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
		cmocka_unit_test_setup_teardown(field_scanned__as_field__same_bytes,
		    sink_open, sink_close),
		cmocka_unit_test_setup_teardown(
		    row_scanned__runs_quotes_gaps__as_by_field, sink_open,
		    sink_close),
		cmocka_unit_test_setup_teardown(
		    row_scanned__buffer_full__same_as_by_field, sink_open,
		    sink_close),
		cmocka_unit_test_setup_teardown(
		    field__bom_at_start__quoted_so_not_eaten, sink_open,
		    sink_close),
		cmocka_unit_test_setup_teardown(
		    mem__records_as_after_header__taken_in_order, sink_open,
		    sink_close),
		cmocka_unit_test(needs_quotes__cases),
		cmocka_unit_test(needs_quotes__every_offset__exact),
	};

	return cmocka_run_group_tests_name("csvout", tests, NULL, NULL);
}
