/* SPDX-License-Identifier: ISC */

/*
 * A record-boundary scanner for CSV that is already clean: it finds
 * where each record ends without parsing fields, and checks on the way
 * that the text is in the one form every xf reader (csvin.h) reads
 * without a question, so that the bytes of a record can be copied as
 * they are (xf-split's fast path).
 *
 * Clean means, for the whole input:
 *   - valid UTF-8 without NUL bytes, and no byte order mark (the input
 *     may not even start with the byte 0xEF);
 *   - records end with LF; no CR anywhere, no blank line;
 *   - a quote opens a field only as its first byte and closes it only
 *     just before a delimiter, a line end or the end of the input;
 *     quotes inside a quoted field are doubled; the input does not end
 *     inside quotes;
 *   - every record has as many fields as the first (the header);
 *   - no field is longer than the maximum, counted in raw bytes (quotes
 *     and doubled quotes included, so at least the length read).
 * A line end inside quotes belongs to the field.  The first thing found
 * that is not clean stops the verdict (err is set) and the rest of the
 * input needs no scanning: the caller then reads it the slow way.
 *
 * The scanner holds no pointer into the caller's buffers and allocates
 * nothing.
 */

#ifndef XF_CSVSCAN_H
#define XF_CSVSCAN_H

#include <stddef.h>

struct xf_csvscan {
	/* Results, for the caller to read. */
	unsigned long long records;	/* records ended, the header counted */
	unsigned long long bytes;	/* bytes consumed so far */
	size_t		 width;		/* fields of the first record, or 0 */
	int		 nolf;		/* after _end: the last record lacks LF */
	const char	*err;		/* NULL while clean, else why not */

	/* Private. */
	int		 delim;
	size_t		 maxfield;
	int		 state;
	size_t		 nfield;	/* fields ended in this record */
	size_t		 flen;		/* raw bytes of the field so far */
	unsigned int	 low;		/* see xf_csvscan_feed's plain fields */
	unsigned long long origin;	/* the offset the scan began at */
	unsigned char	 special[256];
};

/*
 * Start scanning an input whose fields are separated by DELIM (a byte
 * below 0x80 other than '"', CR, LF and NUL) with fields of at most
 * MAXFIELD bytes.
 */
void	 xf_csvscan_init(struct xf_csvscan *, int delim, size_t maxfield);

/*
 * Start scanning in the middle of an input, at byte OFFSET (above 0),
 * on the guess that a record begins there, so that stretches of one
 * input can be scanned at once and joined (xf_csvscan_join).  Such a
 * scan takes the number of fields of its first record for the header's
 * (the join checks it), counts only the records it ends, and reads
 * bytes as offsets from the start of the input.
 */
void	 xf_csvscan_init_at(struct xf_csvscan *, int delim, size_t maxfield,
	    unsigned long long offset);

/*
 * Join B, begun with xf_csvscan_init_at where A stopped, to A, which
 * must still be clean.  Returns 0 if B's guess was right (A stopped at
 * the start of a record): A then stands for the scan of A's bytes and
 * B's together.  Returns -1, A unchanged, if the guess was wrong (A
 * stopped inside a record, or elsewhere than where B began); the caller
 * then scans B's bytes again with A.
 */
int	 xf_csvscan_join(struct xf_csvscan *a, const struct xf_csvscan *b);

/*
 * Scan the next N bytes of the input, BUF.  For each record that ends
 * in them (at an LF outside quotes), ONRECORD, if not NULL, is called
 * with ARG and the offset in BUF just after that LF, in order; records
 * is already counted.  Returns the number of bytes consumed: all of
 * them, except up to 3 bytes at the end that begin a UTF-8 character
 * the buffer cuts; the caller hands those in again, in front of the
 * next bytes.  Once err is set, consumes nothing more (returns 0) and
 * the caller should stop.
 */
size_t	 xf_csvscan_feed(struct xf_csvscan *, const char *buf, size_t n,
	    void (*onrecord)(void *, size_t), void *arg);

/*
 * The input is over (LEFT bytes it could not consume are pending).
 * Counts a last record without a final LF (and sets nolf), checks that
 * the input ends cleanly.  Returns 0 if the whole input was clean, else
 * -1 with err set.  An empty input is not clean (it has no header).
 */
int	 xf_csvscan_end(struct xf_csvscan *, size_t left);

#endif /* XF_CSVSCAN_H */
