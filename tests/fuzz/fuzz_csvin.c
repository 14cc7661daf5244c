/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for the CSV reader (lib/csvin.h): arbitrary bytes are
 * read to the end through fmemopen and xf_csvin_new, and every record is
 * checked against what csvin.h promises.  Any broken promise aborts.
 *
 * The first input byte chooses the options; the rest is the CSV text:
 *	bits 0-1	delimiter: ',' ';' '\t' '|'
 *	bits 2-3	encoding: auto, utf-8, gb18030, gbk
 *	bits 4-5	maximum field size: default, 16, 100, 4
 *	bit 6		ragged
 *	bit 7		if bit 6 of the second byte is also set, put lines
 *			of 'p's in front so that the text straddles the
 *			reader's 64 KiB block boundary (the low 6 bits of
 *			the second byte pick where)
 *
 * Checked for each record: line numbers start at 1, never go down and
 * never pass the number of line ends plus one; nfield >= 1; every field
 * is NUL-terminated at len; no good field is longer than the maximum;
 * without ragged, a good record has as many fields as the first; a bad
 * record has one of the reader's messages, and a raw one is a single
 * field within the maximum.  Each record is also the one a second reader
 * gives that sends every record through libcsv (opt.libcsv): same
 * verdict, line, message and fields.  At the end: the byte count is the
 * input size and the encoding is one that was asked for.  In UTF-8, a good record written
 * with csvout.h and read again gives the same fields (not done for the
 * padding, to keep it cheap).
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "csvout.h"

/* The reader's block size (BLOCK in csvin.c). */
#define FUZZ_BLOCK	(64 * 1024)

/*
 * Loops over every byte here are the harness's own work: without
 * comparison tracing they cost far less, and their coverage means
 * nothing.
 */
#if defined(__clang__)
#define NOTRACE	__attribute__((no_sanitize("coverage")))
#else
#define NOTRACE
#endif

/* Length of a padding line, its LF included. */
#define PADLINE		128

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	 fail(const char *, unsigned long, size_t, const char *);
static unsigned long count_lines(const char *, size_t) NOTRACE;
static unsigned long make_pad(char *, size_t) NOTRACE;
static int	 known_message(const char *);
static void	 check_fields(const struct xf_row *, unsigned long) NOTRACE;
static void	 round_trip(const struct xf_row *, const struct xf_csvopt *,
		    int);
static void	 same_as_libcsv(struct xf_csvin *, int, const struct xf_row *,
		    struct xf_csvin *) NOTRACE;

static const int delims[4] = { ',', ';', '\t', '|' };
static const enum xf_encoding encodings[4] = {
	XF_ENC_AUTO, XF_ENC_UTF8, XF_ENC_GB18030, XF_ENC_GBK
};
static const size_t maxfields[4] = { 0, 16, 100, 4 };

/* Report a broken invariant and stop, so that libFuzzer saves the input. */
static void
fail(const char *what, unsigned long line, size_t field, const char *extra)
{
	fprintf(stderr, "fuzz_csvin: line %lu, field %zu: %s%s%s\n", line,
	    field, what, extra != NULL ? ": " : "",
	    extra != NULL ? extra : "");
	abort();
}

/* Lines in s as csvin counts them: LF, CRLF and a lone CR end one. */
static unsigned long
count_lines(const char *s, size_t n)
{
	unsigned long ends = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '\r' || (s[i] == '\n' && (i == 0 ||
		    s[i - 1] != '\r')))
			ends++;
	return ends + 1;
}

/*
 * Whether msg is one of the messages csvin.c writes (a message made of
 * anything else, such as record text, is a stale pointer).  Keep in step
 * with csvin.c.
 */
static int
known_message(const char *msg)
{
	static const char *const prefix[] = {
		"bad quoting: ",
		"record has ",
		"field ",
		"unterminated quoted field"
	};
	size_t i;

	for (i = 0; i < sizeof(prefix) / sizeof(prefix[0]); i++)
		if (strncmp(msg, prefix[i], strlen(prefix[i])) == 0)
			return 1;
	return 0;
}

/* Write the padding, pad bytes, and return its number of lines. */
static unsigned long
make_pad(char *buf, size_t pad)
{
	size_t i;

	if (pad == 0)
		return 0;
	memset(buf, 'p', pad);
	for (i = PADLINE - 1; i < pad; i += PADLINE)
		buf[i] = '\n';
	buf[pad - 1] = '\n';
	return count_lines(buf, pad) - 1;
}

/* Every field is readable to len and NUL-terminated there. */
static void
check_fields(const struct xf_row *row, unsigned long line)
{
	volatile unsigned char sum = 0;
	size_t i, j;

	if (row->nfield < 1)
		fail("record with no field", line, 0, NULL);
	if (row->field == NULL || row->len == NULL)
		fail("NULL field or len array", line, 0, NULL);
	for (i = 0; i < row->nfield; i++) {
		if (row->field[i] == NULL)
			fail("NULL field", line, i, NULL);
		for (j = 0; j < row->len[i]; j++)
			sum += (unsigned char)row->field[i][j];
		if (row->field[i][row->len[i]] != '\0')
			fail("field not NUL-terminated at len", line, i, NULL);
	}
	(void)sum;
}

/*
 * Write row with csvout (LF or CRLF ends), read it back in UTF-8 with the
 * same delimiter and maximum, and compare.
 */
static void
round_trip(const struct xf_row *row, const struct xf_csvopt *opt, int crlf)
{
	struct xf_csvopt ropt;
	struct xf_csvout *out;
	struct xf_csvin *in;
	struct xf_row back;
	FILE *fp;
	char *buf = NULL;
	size_t size = 0, i;
	int rc;

	if ((fp = open_memstream(&buf, &size)) == NULL)
		abort();
	out = xf_csvout_new(fp, opt->delim, crlf);
	xf_csvout_row(out, row);
	xf_csvout_end(out);
	if (xf_csvout_flush(out) == -1)
		abort();
	xf_csvout_free(out);
	if (fclose(fp) == EOF)
		abort();

	ropt = *opt;
	ropt.encoding = XF_ENC_UTF8;
	ropt.ragged = 1;
	if ((fp = fmemopen(buf, size, "r")) == NULL)
		abort();
	if ((in = xf_csvin_new(fp, "<round-trip>", &ropt)) == NULL)
		abort();
	rc = xf_csvin_next(in, &back);
	if (rc != XF_CSV_ROW)
		fail("round trip: record not read back as good", row->line,
		    0, rc == XF_CSV_BAD ? xf_csvin_error(in) : NULL);
	if (back.nfield != row->nfield)
		fail("round trip: number of fields differs", row->line,
		    back.nfield, NULL);
	for (i = 0; i < row->nfield; i++)
		if (back.len[i] != row->len[i] ||
		    memcmp(back.field[i], row->field[i], row->len[i]) != 0)
			fail("round trip: field differs", row->line, i, NULL);
	if (back.line != 1)
		fail("round trip: record not on line 1", row->line, 0, NULL);
	if ((rc = xf_csvin_next(in, &back)) != XF_CSV_EOF)
		fail("round trip: more than one record", row->line, 0, NULL);
	if (xf_csvin_close(in) != 0)
		abort();
	fclose(fp);
	free(buf);
}

/*
 * The next record of lib, the libcsv-only reader, must be the one in
 * (rc, row) just read directly where it could be.
 */
static void
same_as_libcsv(struct xf_csvin *in, int rc, const struct xf_row *row,
    struct xf_csvin *lib)
{
	struct xf_row r;
	size_t i;

	memset(&r, 0, sizeof(r));
	if (xf_csvin_next(lib, &r) != rc)
		fail("libcsv alone: another verdict", row->line, 0, NULL);
	if (rc != XF_CSV_ROW && rc != XF_CSV_BAD)
		return;
	if (r.line != row->line || r.raw != row->raw ||
	    r.nfield != row->nfield)
		fail("libcsv alone: another line, kind or width", row->line,
		    r.nfield, NULL);
	if (rc == XF_CSV_BAD &&
	    strcmp(xf_csvin_error(lib), xf_csvin_error(in)) != 0)
		fail("libcsv alone: another message", row->line, 0,
		    xf_csvin_error(lib));
	for (i = 0; i < r.nfield; i++)
		if (r.len[i] != row->len[i] ||
		    memcmp(r.field[i], row->field[i], r.len[i]) != 0)
			fail("libcsv alone: another field", row->line, i,
			    NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xf_csvopt opt, libopt;
	struct xf_csvin *in, *lib;
	struct xf_row row;
	FILE *fp, *libfp;
	char *buf;
	size_t pad = 0, n, maxfield, i;
	unsigned long lines, padlines, prev = 1, nrec = 0;
	enum xf_encoding enc, want;
	int rc;

	if (size < 1)
		return 0;
	memset(&opt, 0, sizeof(opt));
	memset(&row, 0, sizeof(row));
	opt.delim = delims[data[0] & 3];
	opt.encoding = want = encodings[(data[0] >> 2) & 3];
	opt.maxfield = maxfields[(data[0] >> 4) & 3];
	opt.ragged = (data[0] >> 6) & 1;
	maxfield = opt.maxfield == 0 ? XF_CSV_MAXFIELD : opt.maxfield;
	if ((data[0] & 0x80) && size > 1 && (data[1] & 0x40))
		pad = FUZZ_BLOCK - (data[1] & 0x3f) - 1;
	data++;
	size--;

	/*
	 * A private copy, so that reads past the end are caught, and room
	 * for the padding: lines of PADLINE - 1 'p's.  Not one long line,
	 * which is slow under ASan (libcsv grows its buffer 128 bytes at a
	 * time and ASan's realloc always copies), nor blank lines (one
	 * segment each, slow with comparison tracing).  Older C libraries
	 * refuse fmemopen of size 0: such an input is then skipped.
	 */
	n = pad + size;
	if ((buf = malloc(n > 0 ? n : 1)) == NULL)
		abort();
	padlines = make_pad(buf, pad);
	if (size > 0)
		memcpy(buf + pad, data, size);
	lines = count_lines(buf, n);

	if ((fp = fmemopen(buf, n, "r")) == NULL) {
		free(buf);
		return 0;
	}
	if ((libfp = fmemopen(buf, n, "r")) == NULL)
		abort();
	if ((in = xf_csvin_new(fp, "<fuzz>", &opt)) == NULL)
		abort();
	libopt = opt;
	libopt.libcsv = 1;
	if ((lib = xf_csvin_new(libfp, "<fuzz>", &libopt)) == NULL)
		abort();
	while ((rc = xf_csvin_next(in, &row)) != XF_CSV_EOF) {
		same_as_libcsv(in, rc, &row, lib);
		if (rc != XF_CSV_ROW && rc != XF_CSV_BAD)
			fail("unexpected return from xf_csvin_next", row.line,
			    0, NULL);
		nrec++;
		if (row.line < prev)
			fail("line number went down", row.line, 0, NULL);
		if (row.line > lines)
			fail("line number past the last line", row.line, 0,
			    NULL);
		prev = row.line;
		check_fields(&row, row.line);
		if (rc == XF_CSV_BAD) {
			if (xf_csvin_error(in) == NULL ||
			    xf_csvin_error(in)[0] == '\0')
				fail("bad record without a message", row.line,
				    0, NULL);
			if (!known_message(xf_csvin_error(in)))
				fail("bad record with a strange message",
				    row.line, 0, xf_csvin_error(in));
			if (row.raw && row.nfield != 1)
				fail("raw bad record with several fields",
				    row.line, row.nfield, NULL);
			if (row.raw && row.len[0] > maxfield)
				fail("raw text longer than the maximum",
				    row.line, 0, NULL);
			continue;
		}
		if (row.raw)
			fail("good record marked raw", row.line, 0, NULL);
		for (i = 0; i < row.nfield; i++)
			if (row.len[i] > maxfield)
				fail("good field longer than the maximum",
				    row.line, i, NULL);
		if (!opt.ragged && row.nfield != xf_csvin_width(in))
			fail("good record of another width than the first",
			    row.line, row.nfield, NULL);
		if (xf_csvin_encoding(in) == XF_ENC_UTF8 &&
		    row.line > padlines)
			round_trip(&row, &opt, (int)(nrec & 1));
	}
	same_as_libcsv(in, XF_CSV_EOF, &row, lib);
	if (xf_csvin_close(lib) != 0)
		fail("close reports an error (libcsv alone)", prev, 0, NULL);
	fclose(libfp);
	if (xf_csvin_bytes(in) != n)
		fail("byte count is not the input size", prev, 0, NULL);
	enc = xf_csvin_encoding(in);
	if (want == XF_ENC_AUTO ? enc != XF_ENC_UTF8 &&
	    enc != XF_ENC_GB18030 : enc != want)
		fail("encoding changed", prev, 0, NULL);
	/* After EOF, EOF again. */
	if (xf_csvin_next(in, &row) != XF_CSV_EOF)
		fail("record after EOF", prev, 0, NULL);
	if (xf_csvin_close(in) != 0)
		fail("close reports an error", prev, 0, NULL);
	fclose(fp);
	free(buf);
	return 0;
}
