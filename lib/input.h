/* SPDX-License-Identifier: ISC */

/*
 * One CSV input as the commands read it: open it, read its header,
 * check the header against the first input's, then hand out its good
 * records one by one, each counted and shown in the progress line, the
 * malformed ones sent to the rejects file; the exit status the input
 * deserves is kept as it goes.  What a command does with the header and
 * the records is its own.
 *
 *	struct xf_input in;
 *	struct xf_row row;
 *
 *	if (xf_input_open(&in, path, &csvopt, rej, &records, &row) == 1 &&
 *	    find_columns(&row) == 0 && xf_input_same(&in, first, &row) == 0)
 *		while (xf_input_next(&in, &row))
 *			in.status = XF_WORST(in.status, do_row(&row));
 *	return xf_input_close(&in);
 *
 * Diagnostics go to standard error (xf_warnat), as rejects.h does.
 */

#ifndef XF_INPUT_H
#define XF_INPUT_H

#include "columns.h"
#include "csvin.h"
#include "rejects.h"

struct xf_input {
	struct xf_csvin	*in;		/* NULL if it did not open */
	const char	*name;		/* for messages: "<stdin>" for "-" */
	struct xf_rejects *rej;
	unsigned long long *records;	/* the command's count, if not NULL */
	int		 status;	/* XF_EXIT_OK, _DATA or _FAIL */
};

/*
 * Open path ("-" for standard input) with the reader's options opt
 * (NULL: the defaults) and read its header into row (valid until the
 * next read).  rej (not NULL) takes the malformed records.  records, if
 * not NULL, is the count xf_input_next adds to (over all inputs).
 * Returns 1 with the header in row; 0 for an empty input (no header:
 * the command says whether that matters); -1 if the input could not be
 * opened or read, or its header is malformed ("bad header: ..." at its
 * line), with in->status XF_EXIT_FAIL.  Call xf_input_close whatever
 * the result.
 */
int	 xf_input_open(struct xf_input *in, const char *path,
	    const struct xf_csvopt *opt, struct xf_rejects *rej,
	    unsigned long long *records, struct xf_row *row);

/*
 * Whether header row is first's, the saved header of the first input
 * (first NULL: this is the first input, and it is).  Returns 0, or -1
 * after "header differs from the first input's: not read", with
 * in->status XF_EXIT_FAIL.
 */
int	 xf_input_same(struct xf_input *in, const struct xf_header *first,
	    const struct xf_row *row);

/*
 * The next good record, in row.  Every record read is counted and shown
 * in the progress line; a malformed one is rejected (rejects.h) and
 * in->status raised to XF_EXIT_DATA.  Returns 1 with a record, 0 at the
 * end of the input or after a read error (in->status XF_EXIT_FAIL).
 */
int	 xf_input_next(struct xf_input *in, struct xf_row *row);

/*
 * Finish the input: sum up its rejects (xf_rejects_input_done) and
 * close it.  Returns in->status, XF_EXIT_FAIL if the close failed.
 */
int	 xf_input_close(struct xf_input *in);

#endif /* XF_INPUT_H */
