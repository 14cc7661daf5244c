/* SPDX-License-Identifier: ISC */

/*
 * Output files that appear whole or not at all.  xf_output_open writes
 * to a temporary file beside the target; xf_output_commit renames it over
 * the target once everything was written, so a reader (or a cron job's
 * next step) never sees half a file.  If the process is stopped by
 * SIGTERM, SIGINT or SIGHUP first, the temporary file is removed and the
 * old target is left as it was.  A target that exists and is not a
 * regular file (a device such as /dev/null, a FIFO) is written in place.
 */

#ifndef XF_OUTPUT_H
#define XF_OUTPUT_H

#include <stdio.h>

struct xf_output;

/*
 * Open PATH for writing; NULL or "-" means standard output (written in
 * place, and not closed by xf_output_commit: xf_finish does that).
 * On failure prints "prog: PATH: strerror" and returns NULL.
 */
struct xf_output *xf_output_open(const char *path);

/* The stream to write to. */
FILE	*xf_output_fp(struct xf_output *);

/* The name for messages: the path, or "<stdout>". */
const char *xf_output_name(const struct xf_output *);

/*
 * Flush, close and rename into place, then free.  Returns 0, or -1 after
 * printing "prog: PATH: strerror" and removing the temporary file.
 */
int	 xf_output_commit(struct xf_output *);

/*
 * Flush the CSV writer OUT (which writes to o's stream), free it, and
 * commit o; on a write error, abort o instead.  A write error on standard
 * output is left for xf_finish to report, so it is reported once.
 * Returns 0 or -1.
 */
struct xf_csvout;
int	 xf_output_finish(struct xf_output *o, struct xf_csvout *out);

/* Remove the temporary file without touching the target, and free. */
void	 xf_output_abort(struct xf_output *);

#endif /* XF_OUTPUT_H */
