/* SPDX-License-Identifier: ISC */

/*
 * CSV writer.  Written by hand rather than with libcsv's csv_fwrite,
 * which quotes every field: RFC 4180 output that quotes only where
 * needed is what Miller, xsv and Python's csv module produce, and what a
 * diff against their output expects.
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "csvout.h"
#include "xf.h"

#define OUTBUF	(64 * 1024)

struct xf_csvout {
	FILE	*fp;
	int	 delim;
	int	 crlf;
	int	 nfield;	/* fields in the record being written */
	int	 empty;		/* the last field was empty */
	int	 started;	/* something has been written */
	int	 failed;
	int	 saved_errno;
	char	*mem;		/* fp NULL: the bytes drained, in memory */
	size_t	 memlen, memcap;
	size_t	 len;
	char	 buf[OUTBUF];
};

struct xf_csvout *
xf_csvout_new(FILE *fp, int delim, int crlf)
{
	struct xf_csvout *out;

	out = xf_malloc(sizeof(*out));
	out->fp = fp;
	out->delim = delim == 0 ? ',' : delim;
	out->crlf = crlf;
	out->nfield = 0;
	out->empty = 0;
	out->started = 0;
	out->failed = 0;
	out->saved_errno = 0;
	out->mem = NULL;
	out->memlen = out->memcap = 0;
	out->len = 0;
	return out;
}

struct xf_csvout *
xf_csvout_new_mem(int delim, int crlf)
{
	struct xf_csvout *out = xf_csvout_new(NULL, delim, crlf);

	out->started = 1;
	return out;
}

static void
drain(struct xf_csvout *out)
{
	if (out->fp == NULL) {
		if (out->len == 0)
			return;
		if (out->memcap - out->memlen < out->len) {
			out->memcap = out->memlen + out->len + OUTBUF;
			out->mem = xf_reallocarray(out->mem, out->memcap, 1);
		}
		memcpy(out->mem + out->memlen, out->buf, out->len);
		out->memlen += out->len;
		out->len = 0;
		return;
	}
	if (out->len > 0 && !out->failed &&
	    fwrite(out->buf, 1, out->len, out->fp) != out->len) {
		out->failed = 1;
		out->saved_errno = errno;
	}
	out->len = 0;
}

static void
put(struct xf_csvout *out, const char *s, size_t n)
{
	while (n > 0) {
		size_t room = OUTBUF - out->len, k = n < room ? n : room;

		memcpy(out->buf + out->len, s, k);
		out->len += k;
		s += k;
		n -= k;
		if (out->len == OUTBUF)
			drain(out);
	}
}

static void
putbyte(struct xf_csvout *out, char c)
{
	if (out->len == OUTBUF)
		drain(out);
	out->buf[out->len++] = c;
}

const char *
xf_csvout_take(struct xf_csvout *out, size_t *n)
{
	drain(out);
	*n = out->memlen;
	out->memlen = 0;
	return out->mem;
}

void
xf_csvout_bytes(struct xf_csvout *out, const char *s, size_t n)
{
	if (n == 0)
		return;
	put(out, s, n);
	out->started = 1;
}

void
xf_csvout_bom(struct xf_csvout *out)
{
	put(out, "\xef\xbb\xbf", 3);
	out->started = 1;
}

/* Nonzero when some byte of the word v is zero (exact, no false hits). */
#define ONES	0x0101010101010101ULL
#define HASZERO(v)	(((v) - ONES) & ~(v) & (ONES << 7))

int
xf_csv_needs_quotes(const char *s, size_t n, int delim)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	const uint64_t dq = ONES * '"', lf = ONES * '\n', cr = ONES * '\r',
	    dl = ONES * (unsigned char)delim;
	uint64_t w;

	/* Eight bytes at a time: the fields are mostly long text. */
	for (; end - p >= 8; p += 8) {
		memcpy(&w, p, 8);
		if ((HASZERO(w ^ dq) | HASZERO(w ^ lf) | HASZERO(w ^ cr) |
		    HASZERO(w ^ dl)) != 0)
			return 1;
	}
	for (; p < end; p++)
		if (*p == '"' || *p == '\n' || *p == '\r' || *p == delim)
			return 1;
	return 0;
}

/* Write a field that needs quotes if quote is 1. */
static void
field(struct xf_csvout *out, const char *s, size_t n, int quote)
{
	const char *q;

	if (out->nfield++ > 0)
		putbyte(out, (char)out->delim);
	out->empty = n == 0;
	/*
	 * A field that starts the output with U+FEFF would be taken for a
	 * byte order mark and skipped by the next reader: quote it.
	 */
	if (!quote && (out->started || n < 3 ||
	    memcmp(s, "\xef\xbb\xbf", 3) != 0)) {
		out->started = 1;
		put(out, s, n);
		return;
	}
	out->started = 1;
	putbyte(out, '"');
	while ((q = memchr(s, '"', n)) != NULL) {
		put(out, s, (size_t)(q - s) + 1);
		putbyte(out, '"');
		n -= (size_t)(q - s) + 1;
		s = q + 1;
	}
	put(out, s, n);
	putbyte(out, '"');
}

void
xf_csvout_field(struct xf_csvout *out, const char *s, size_t n)
{
	field(out, s, n, xf_csv_needs_quotes(s, n, out->delim));
}

void
xf_csvout_field_scanned(struct xf_csvout *out, const char *s, size_t n,
    int quote)
{
	field(out, s, n, quote);
}

/*
 * Write fields i .. j-1 of row, which need no quotes and lie one after
 * another with one byte between, as xf_csvin hands them out: one copy,
 * then the delimiters in place of the bytes between.
 */
static void
field_run(struct xf_csvout *out, const struct xf_row *row, size_t i,
    size_t j)
{
	const char *f0 = row->field[i];
	size_t span = (size_t)(row->field[j - 1] - f0) + row->len[j - 1], k;
	char *o;

	if (span + 1 > OUTBUF - out->len) {
		for (k = i; k < j; k++)
			field(out, row->field[k], row->len[k], 0);
		return;
	}
	o = out->buf + out->len;
	if (out->nfield > 0) {
		*o++ = (char)out->delim;
		out->len++;
	}
	memcpy(o, f0, span);
	for (k = i; k + 1 < j; k++)
		o[(size_t)(row->field[k] - f0) + row->len[k]] =
		    (char)out->delim;
	out->len += span;
	out->nfield += (int)(j - i);
	out->empty = row->len[j - 1] == 0;
}

void
xf_csvout_row_scanned(struct xf_csvout *out, const struct xf_row *row,
    const unsigned char *quote)
{
	size_t i = 0, j, nf = row->nfield;

	while (i < nf) {
		/* The first field written has the BOM rule: see field(). */
		if (quote[i] || !out->started) {
			field(out, row->field[i], row->len[i], quote[i]);
			i++;
			continue;
		}
		for (j = i + 1; j < nf && !quote[j] && row->field[j - 1] +
		    row->len[j - 1] + 1 == row->field[j]; j++)
			;
		field_run(out, row, i, j);
		i = j;
	}
}

int
xf_csvout_delim(const struct xf_csvout *out)
{
	return out->delim;
}

void
xf_csvout_str(struct xf_csvout *out, const char *s)
{
	xf_csvout_field(out, s, strlen(s));
}

void
xf_csvout_row(struct xf_csvout *out, const struct xf_row *row)
{
	size_t i;

	for (i = 0; i < row->nfield; i++)
		xf_csvout_field(out, row->field[i], row->len[i]);
}

void
xf_csvout_end(struct xf_csvout *out)
{
	/* A record of one empty field would read back as a blank line. */
	if (out->nfield == 1 && out->empty)
		put(out, "\"\"", 2);
	if (out->crlf)
		putbyte(out, '\r');
	putbyte(out, '\n');
	out->nfield = 0;
}

int
xf_csvout_flush(struct xf_csvout *out)
{
	drain(out);
	if (out->fp == NULL)
		return 0;
	if (!out->failed && fflush(out->fp) == EOF) {
		out->failed = 1;
		out->saved_errno = errno;
	}
	if (out->failed) {
		errno = out->saved_errno;
		return -1;
	}
	return 0;
}

void
xf_csvout_free(struct xf_csvout *out)
{
	if (out == NULL)
		return;
	drain(out);
	free(out->mem);
	free(out);
}
