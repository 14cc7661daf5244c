/* SPDX-License-Identifier: ISC */

/*
 * CSV reader over libcsv.
 *
 * Fields come out byte for byte: libcsv's trimming of spaces and tabs is
 * turned off.  Quoting is strict: a quote inside an unquoted field, text
 * after a closing quote and a quoted field still open at the end of the
 * input are errors.  Each record carries the physical line it starts on
 * (lines end with LF, CRLF or a lone CR).  LF and CRLF record ends are
 * both read; a UTF-8 byte order mark at the start is skipped.
 *
 * Errors in one record do not stop the reader: xf_csvin_next returns the
 * bad record as XF_CSV_BAD, with what could be recovered of it, and goes
 * on with the next line.  The caller decides what to do with it
 * (normally: hand it to the rejects writer, see rejects.h).
 *
 * Input in GB18030 or GBK is converted to UTF-8 (iconv), either because
 * the caller asked for it or, with XF_ENC_AUTO, because the first block
 * of input is not valid UTF-8 but is valid GB18030; then one notice is
 * printed on standard error.  A file whose first 64 KiB are plain ASCII
 * is read as UTF-8 whatever follows.
 *
 * Memory is bounded by the read block, the largest record and the
 * maximum field size, never by the input.
 *
 * Records in the plain form nearly every file is in (see csvin.c) are
 * split without libcsv, several times faster, to the same fields, lines
 * and verdicts; anything else goes through libcsv.  opt->libcsv sends
 * every record through libcsv, to check that both agree.
 */

#ifndef XF_CSVIN_H
#define XF_CSVIN_H

#include <stddef.h>
#include <stdio.h>

/* Input encodings. */
enum xf_encoding {
	XF_ENC_AUTO = 0,	/* UTF-8, or GB18030 when detected */
	XF_ENC_UTF8,
	XF_ENC_GB18030,
	XF_ENC_GBK
};

/* What xf_csvin_next returns. */
enum {
	XF_CSV_IOERR = -1,	/* read error: diagnostic printed */
	XF_CSV_EOF = 0,		/* no more records */
	XF_CSV_ROW = 1,		/* a good record */
	XF_CSV_BAD = 2		/* a malformed record: see xf_csvin_error */
};

/* Default maximum field size: 1 MiB. */
#define XF_CSV_MAXFIELD	(1024 * 1024)

struct xf_csvopt {
	int		 delim;		/* field separator; 0 means ',' */
	enum xf_encoding encoding;
	size_t		 maxfield;	/* 0 means XF_CSV_MAXFIELD */
	int		 ragged;	/* 1: do not compare field counts */
	int		 libcsv;	/* 1: every record through libcsv */
};

/*
 * One record.  Every field is also NUL-terminated (a field may hold NUL
 * bytes itself: use len).  The pointers stay valid until the next call
 * of xf_csvin_next or xf_csvin_close.
 *
 * For a bad record, field and len hold what could be recovered: all the
 * fields for a record with the wrong number of fields or an oversized
 * field; for a quoting error, or a field still being read when it grows
 * past the maximum at a line end, a single field holding the raw text
 * of the record from its first byte to the end of the line where the
 * error was found (cut at the maximum field size, see xf_csvin_error).
 * raw is set (1) in that second case.
 */
struct xf_row {
	char		**field;
	size_t		 *len;
	size_t		  nfield;
	unsigned long	  line;		/* physical line the record starts on */
	int		  raw;
};

struct xf_csvin;

/*
 * Open PATH ("-" is standard input, named "<stdin>" in messages) for
 * reading.  opt may be NULL for the defaults.  On failure prints
 * "prog: PATH: strerror" and returns NULL.
 */
struct xf_csvin *xf_csvin_open(const char *path, const struct xf_csvopt *opt);

/*
 * Read from an open stream, named NAME in messages.  The stream is not
 * closed by xf_csvin_close.  Returns NULL only when out of memory
 * (diagnostic printed) or when the encoding cannot be set up.
 */
struct xf_csvin *xf_csvin_new(FILE *fp, const char *name,
    const struct xf_csvopt *opt);

/*
 * Read the next record into *row.  Returns XF_CSV_ROW, XF_CSV_BAD (the
 * record is in *row as described above and xf_csvin_error says what is
 * wrong), XF_CSV_EOF, or XF_CSV_IOERR (a diagnostic was printed and the
 * reader is finished).
 *
 * Unless opt->ragged is set, the first record fixes the number of fields
 * (it is normally the header) and a later record with another number is
 * XF_CSV_BAD.
 */
int	 xf_csvin_next(struct xf_csvin *, struct xf_row *row);

/* What was wrong with the last XF_CSV_BAD record, as a message. */
const char *xf_csvin_error(const struct xf_csvin *);

/* The name used in messages: the path, or "<stdin>". */
const char *xf_csvin_name(const struct xf_csvin *);

/* Bytes read so far (before any conversion). */
unsigned long long xf_csvin_bytes(const struct xf_csvin *);

/* Records read so far without libcsv (see above). */
unsigned long long xf_csvin_direct(const struct xf_csvin *);

/* The number of fields of the first record, 0 before it was read. */
size_t	 xf_csvin_width(const struct xf_csvin *);

/* The encoding in use: after auto-detection, XF_ENC_UTF8 or _GB18030. */
enum xf_encoding xf_csvin_encoding(const struct xf_csvin *);

/*
 * Close the reader and free it.  Returns 0, or -1 if reading failed at
 * some point (the diagnostic was printed then).
 */
int	 xf_csvin_close(struct xf_csvin *);

/*
 * Whether n bytes (not valid UTF-8, say) read cleanly as GB18030: a hint
 * for messages about invalid UTF-8.
 */
int	 xf_csvin_is_gb18030(const char *, size_t);

/*
 * The argument of --encoding: "utf-8" (or "utf8"), "gb18030", "gbk" or
 * "auto".  Returns 0 and sets *enc, or -1.
 */
int	 xf_csvin_parse_encoding(const char *, enum xf_encoding *enc);

#endif /* XF_CSVIN_H */
