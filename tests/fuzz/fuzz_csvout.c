/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for the CSV writer (lib/csvout.h) through a round
 * trip: fuzzed records are written with xf_csvout and read back with
 * xf_csvin, and must come back byte for byte.  Any broken promise
 * aborts.
 *
 * The first input byte chooses the options; the rest is the records,
 * separated by the byte 0xFE, their fields by 0xFF (neither occurs in
 * UTF-8, so fields may hold anything else: quotes, delimiters, CR, LF,
 * NUL, U+FEFF, invalid UTF-8):
 *	bits 0-1	delimiter: ',' ';' '\t' '|'
 *	bit 2		CRLF record ends
 *	bit 3		write a byte order mark first
 *	bits 4-5	the reader's maximum field size: default, 16, 100, 4
 *
 * Checked: as many records come back as were written, each good (or,
 * when a field is longer than the reader's maximum, bad with the
 * oversize message, and only then), with the same fields (a bad one
 * with as many fields, or as one raw field cut at the maximum); line numbers
 * go up; the reader's byte count is the output's size.  Also: what
 * xf_utf8_scan says of each field is what xf_utf8_valid, memchr and
 * xf_csv_needs_quotes say, and the records read back written again
 * with xf_csvout_row_scanned are the bytes xf_csvout_row writes.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "csvout.h"
#include "utf8.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAXFIELDS	4096

static void	 fail(const char *, unsigned long, size_t);
static void	 check_scan(const char *, size_t, int, unsigned long);

static const int delims[4] = { ',', ';', '\t', '|' };
static const size_t maxfields[4] = { 0, 16, 100, 4 };

static void
fail(const char *what, unsigned long rec, size_t field)
{
	fprintf(stderr, "fuzz_csvout: record %lu, field %zu: %s\n", rec,
	    field, what);
	abort();
}

static void
check_scan(const char *s, size_t n, int delim, unsigned long rec)
{
	int sc = xf_utf8_scan(s, n, delim);
	int bad = !xf_utf8_valid(s, n, NULL) || memchr(s, '\0', n) != NULL;

	if ((sc == XF_UTF8_SCAN_BAD) != bad)
		fail("xf_utf8_scan and xf_utf8_valid disagree", rec, 0);
	if (!bad && (sc == XF_UTF8_SCAN_QUOTE) !=
	    xf_csv_needs_quotes(s, n, delim))
		fail("xf_utf8_scan and xf_csv_needs_quotes disagree", rec, 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *fs[MAXFIELDS];
	static size_t fl[MAXFIELDS];
	static unsigned char quote[MAXFIELDS];
	struct xf_csvout *out1, *out2;
	FILE *fp1, *fp2;
	char *buf1 = NULL, *buf2 = NULL;
	size_t len1 = 0, len2 = 0;
	struct xf_csvopt opt;
	struct xf_csvout *out;
	struct xf_csvin *in;
	struct xf_row row;
	const char *s, *end, *rend, *fend;
	FILE *fp;
	char *buf = NULL;
	size_t len = 0, nf, i, maxfield;
	unsigned long nrec = 0, back = 0, prev = 0;
	int delim, crlf, bom, rc, big;

	if (size < 1)
		return 0;
	delim = delims[data[0] & 3];
	crlf = (data[0] >> 2) & 1;
	bom = (data[0] >> 3) & 1;
	memset(&opt, 0, sizeof(opt));
	opt.delim = delim;
	opt.encoding = XF_ENC_UTF8;
	opt.ragged = 1;
	opt.maxfield = maxfields[(data[0] >> 4) & 3];
	maxfield = opt.maxfield == 0 ? XF_CSV_MAXFIELD : opt.maxfield;
	s = (const char *)data + 1;
	end = (const char *)data + size;

	/* Write. */
	if ((fp = open_memstream(&buf, &len)) == NULL)
		abort();
	out = xf_csvout_new(fp, delim, crlf);
	if (bom)
		xf_csvout_bom(out);
	for (rend = s; s <= end; s = rend + 1) {
		if ((rend = memchr(s, 0xfe, (size_t)(end - s))) == NULL)
			rend = end;
		for (; s <= rend; s = fend + 1) {
			if ((fend = memchr(s, 0xff, (size_t)(rend - s))) ==
			    NULL)
				fend = rend;
			check_scan(s, (size_t)(fend - s), delim, nrec);
			xf_csvout_field(out, s, (size_t)(fend - s));
		}
		xf_csvout_end(out);
		nrec++;
	}
	if (xf_csvout_flush(out) == -1)
		abort();
	xf_csvout_free(out);
	if (fclose(fp) == EOF)
		abort();

	/* Read back and compare. */
	if ((fp = fmemopen(buf, len, "r")) == NULL)
		abort();
	if ((in = xf_csvin_new(fp, "<round-trip>", &opt)) == NULL)
		abort();
	if ((fp1 = open_memstream(&buf1, &len1)) == NULL ||
	    (fp2 = open_memstream(&buf2, &len2)) == NULL)
		abort();
	out1 = xf_csvout_new(fp1, delim, crlf);
	out2 = xf_csvout_new(fp2, delim, crlf);
	s = (const char *)data + 1;
	while ((rc = xf_csvin_next(in, &row)) != XF_CSV_EOF) {
		if (back == nrec)
			fail("more records read than written", back, 0);
		if ((rend = memchr(s, 0xfe, (size_t)(end - s))) == NULL)
			rend = end;
		nf = 0;
		big = 0;
		for (; s <= rend && nf < MAXFIELDS; s = fend + 1) {
			if ((fend = memchr(s, 0xff, (size_t)(rend - s))) ==
			    NULL)
				fend = rend;
			fs[nf] = s;
			fl[nf] = (size_t)(fend - s);
			big |= fl[nf] > maxfield;
			nf++;
		}
		if (nf == MAXFIELDS)
			goto done;	/* too many to keep: stop comparing */
		s = rend + 1;
		if (rc == XF_CSV_BAD) {
			if (!big || strncmp(xf_csvin_error(in), "field ", 6)
			    != 0)
				fail("a written record read back as bad", back,
				    0);
		} else if (rc != XF_CSV_ROW)
			fail("unexpected return from xf_csvin_next", back, 0);
		else if (big)
			fail("an oversized field read back as good", back, 0);
		if (row.line <= prev)
			fail("line numbers do not go up", back, 0);
		prev = row.line;
		/*
		 * A field too long for libcsv's buffer at a line end (one
		 * with CR or LF in it) abandons the record: one raw field,
		 * the text cut at the maximum.
		 */
		if (rc == XF_CSV_BAD && row.raw) {
			if (row.nfield != 1 || row.len[0] > maxfield)
				fail("a raw record not one field within the "
				    "maximum", back, row.nfield);
			back++;
			continue;
		}
		if (row.nfield != nf)
			fail("another number of fields", back, row.nfield);
		if (rc == XF_CSV_ROW) {
			for (i = 0; i < row.nfield; i++)
				quote[i] = (unsigned char)xf_csv_needs_quotes(
				    row.field[i], row.len[i], delim);
			xf_csvout_row(out1, &row);
			xf_csvout_end(out1);
			xf_csvout_row_scanned(out2, &row, quote);
			xf_csvout_end(out2);
		}
		for (i = 0; i < nf && rc == XF_CSV_ROW; i++)
			if (row.len[i] != fl[i] || (fl[i] > 0 &&
			    memcmp(row.field[i], fs[i], fl[i]) != 0))
				fail("a field differs", back, i);
		back++;
	}
	if (back != nrec)
		fail("fewer records read than written", back, 0);
	if (xf_csvin_bytes(in) != len)
		fail("byte count is not the output size", back, 0);
done:
	if (xf_csvout_flush(out1) == -1 || xf_csvout_flush(out2) == -1)
		abort();
	xf_csvout_free(out1);
	xf_csvout_free(out2);
	fclose(fp1);
	fclose(fp2);
	if (len1 != len2 || (len1 > 0 && memcmp(buf1, buf2, len1) != 0))
		fail("xf_csvout_row_scanned and xf_csvout_row differ", back, 0);
	free(buf1);
	free(buf2);
	xf_csvin_close(in);
	fclose(fp);
	free(buf);
	return 0;
}
