/* SPDX-License-Identifier: ISC */

/*
 * CSV writer: quotes a field only when it must (it holds the delimiter, a
 * quote, CR or LF, or it is the only field of its record and empty), ends
 * records with LF or CRLF, and buffers its output.
 */

#ifndef XF_CSVOUT_H
#define XF_CSVOUT_H

#include <stddef.h>
#include <stdio.h>

struct xf_row;
struct xf_csvout;

/*
 * A writer on FP (not closed by xf_csvout_free) with field separator
 * DELIM and CRLF record ends when crlf is 1.
 */
struct xf_csvout *xf_csvout_new(FILE *fp, int delim, int crlf);

/*
 * A writer into memory, for records that go into an output already begun
 * (after its header): the records another thread writes, say.  Its bytes
 * are those xf_csvout_new's writer would add at that point.
 */
struct xf_csvout *xf_csvout_new_mem(int delim, int crlf);

/*
 * The bytes a memory writer holds (n of them; NULL if none yet), valid
 * until its next use, which starts it afresh.
 */
const char *xf_csvout_take(struct xf_csvout *, size_t *n);

/* Add n bytes of whole records written by another writer (see above). */
void	 xf_csvout_bytes(struct xf_csvout *, const char *, size_t);

/* Write a UTF-8 byte order mark (call before anything else). */
void	 xf_csvout_bom(struct xf_csvout *);

/* Add one field of n bytes to the record being written. */
void	 xf_csvout_field(struct xf_csvout *, const char *, size_t);

/*
 * The same for a field the caller has already looked at: quote is what
 * xf_csv_needs_quotes() would say of it with this writer's separator
 * (see xf_utf8_scan() in utf8.h, which finds it while checking the
 * field), so the bytes are not looked at again.
 */
void	 xf_csvout_field_scanned(struct xf_csvout *, const char *, size_t,
	    int quote);

/*
 * Add every field of a row, quote[i] saying whether field i needs
 * quotes as for xf_csvout_field_scanned().  Fields laid out as
 * xf_csvin_next gives them and needing no quotes are copied as one.
 */
void	 xf_csvout_row_scanned(struct xf_csvout *, const struct xf_row *,
	    const unsigned char *quote);

/* The writer's field separator. */
int	 xf_csvout_delim(const struct xf_csvout *);

/* Add a NUL-terminated string as one field. */
void	 xf_csvout_str(struct xf_csvout *, const char *);

/* Add every field of a row. */
void	 xf_csvout_row(struct xf_csvout *, const struct xf_row *);

/* End the record. */
void	 xf_csvout_end(struct xf_csvout *);

/*
 * Pass the buffered bytes to the stream and flush it.  Returns 0, or -1
 * if a write failed (now or before; errno tells why).  Prints nothing.
 */
int	 xf_csvout_flush(struct xf_csvout *);

/* Flush (ignoring errors: call xf_csvout_flush first to see them) and free. */
void	 xf_csvout_free(struct xf_csvout *);

/* Whether a field of n bytes needs quotes with this delimiter. */
int	 xf_csv_needs_quotes(const char *, size_t, int delim);

#endif /* XF_CSVOUT_H */
