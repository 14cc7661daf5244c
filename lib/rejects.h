/* SPDX-License-Identifier: ISC */

/*
 * Rejected records: the diagnostic on standard error and the rejects
 * file, in one call, so that every tool treats bad records alike.
 *
 * The rejects file (--rejects FILE) is CSV: the input's header plus the
 * columns _line (the physical line the record started on) and _error
 * (why it was rejected).  Each rejected record keeps its fields, so the
 * file can be corrected and fed back:
 *   - a record with fewer fields than the header is padded with empty
 *     fields;
 *   - a record with more fields has the surplus written, as CSV text,
 *     into the last column together with the last field, so nothing is
 *     lost and the file stays rectangular;
 *   - a record whose quoting could not be read has its raw text in the
 *     first column.
 * The file is written atomically (see output.h).
 *
 * Diagnostics: at most XF_REJECTS_SHOWN messages per input are printed;
 * the rest are counted and summed up in one line when the input ends.
 */

#ifndef XF_REJECTS_H
#define XF_REJECTS_H

#include <stddef.h>

#define XF_REJECTS_SHOWN	20

struct xf_row;
struct xf_rejects;

/*
 * Start a rejects writer.  PATH may be NULL (messages only).  Returns
 * NULL after printing a diagnostic if the file cannot be created.
 */
struct xf_rejects *xf_rejects_open(const char *path);

/*
 * Set the header (called for each input's header; only the first one is
 * written).  Needed before the first xf_reject of an input; rejects that
 * come before any header (a broken header) are written with the fields
 * they have.
 */
void	 xf_rejects_header(struct xf_rejects *, const struct xf_row *);

/*
 * Reject ROW, read from the input named NAME: print
 * "prog: NAME:LINE: MESSAGE" (unless over the per-input limit) and
 * write the record to the rejects file.
 */
void	 xf_reject(struct xf_rejects *, const char *name,
	    const struct xf_row *, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));

/*
 * While hold is on, xf_reject keeps a copy of each reject instead of
 * printing and writing it; xf_rejects_release(r, line) then prints and
 * writes, in line order, those of a line before LINE.  For a command
 * that finishes records out of the order it reads them (xf-classify -j),
 * so that the rejects of reading and its own come out in line order, as
 * from one thread.  The lines are those of one input:
 * xf_rejects_input_done and xf_rejects_close release them all.
 */
void	 xf_rejects_hold(struct xf_rejects *, int on);
void	 xf_rejects_release(struct xf_rejects *, unsigned long line);

/*
 * The input NAME is finished: release what was held, print how many
 * messages were not shown.
 */
void	 xf_rejects_input_done(struct xf_rejects *, const char *name);

/* Records rejected so far. */
unsigned long long xf_rejects_count(const struct xf_rejects *);

/*
 * Finish: commit the rejects file and, if any record was rejected, print
 * one line saying how many and where they went.  Returns 0, or -1 if the
 * file could not be written (diagnostic printed).  Frees the writer.
 */
int	 xf_rejects_close(struct xf_rejects *);

#endif /* XF_REJECTS_H */
