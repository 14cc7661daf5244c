/* SPDX-License-Identifier: ISC */

/*
 * The reading of one input that the commands share: see input.h.
 */

#include <stddef.h>

#include "columns.h"
#include "csvin.h"
#include "input.h"
#include "rejects.h"
#include "xf.h"

int
xf_input_open(struct xf_input *in, const char *path,
    const struct xf_csvopt *opt, struct xf_rejects *rej,
    unsigned long long *records, struct xf_row *row)
{
	int rc;

	in->rej = rej;
	in->records = records;
	in->status = XF_EXIT_OK;
	in->name = path;
	if ((in->in = xf_csvin_open(path, opt)) == NULL) {
		in->status = XF_EXIT_FAIL;
		return -1;
	}
	in->name = xf_csvin_name(in->in);
	switch (rc = xf_csvin_next(in->in, row)) {
	case XF_CSV_EOF:
		return 0;
	case XF_CSV_IOERR:
		in->status = XF_EXIT_FAIL;
		return -1;
	case XF_CSV_BAD:
		xf_warnat(in->name, row->line, "bad header: %s",
		    xf_csvin_error(in->in));
		in->status = XF_EXIT_FAIL;
		return -1;
	default:
		return 1;
	}
}

int
xf_input_same(struct xf_input *in, const struct xf_header *first,
    const struct xf_row *row)
{
	if (first == NULL || xf_header_same(first, row))
		return 0;
	xf_warnat(in->name, row->line, "header differs from the first "
	    "input's: not read");
	in->status = XF_EXIT_FAIL;
	return -1;
}

int
xf_input_next(struct xf_input *in, struct xf_row *row)
{
	int rc;

	while ((rc = xf_csvin_next(in->in, row)) != XF_CSV_EOF) {
		if (rc == XF_CSV_IOERR) {
			in->status = XF_EXIT_FAIL;
			return 0;
		}
		if (in->records != NULL) {
			++*in->records;
			xf_progress(*in->records, xf_csvin_bytes(in->in));
		}
		if (rc == XF_CSV_ROW)
			return 1;
		xf_reject(in->rej, in->name, row, "%s",
		    xf_csvin_error(in->in));
		in->status = XF_WORST(in->status, XF_EXIT_DATA);
	}
	return 0;
}

int
xf_input_close(struct xf_input *in)
{
	if (in->in == NULL)
		return in->status;
	xf_rejects_input_done(in->rej, in->name);
	if (xf_csvin_close(in->in) == -1)
		in->status = XF_EXIT_FAIL;
	in->in = NULL;
	return in->status;
}
