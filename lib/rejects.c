/* SPDX-License-Identifier: ISC */

/*
 * The rejects writer: diagnostics with a per-input limit, and the
 * rejects file with the original fields, _line and _error.
 */

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "csvin.h"
#include "csvout.h"
#include "output.h"
#include "rejects.h"
#include "xf.h"

/* A reject held back (xf_rejects_hold): its row copied, its message. */
struct held {
	char		 *name;
	char		 *msg;
	struct xf_header *row;
};

struct xf_rejects {
	struct xf_output *file;
	struct xf_csvout *out;
	size_t		  width;	/* header fields, 0 before one came */
	int		  headed;
	unsigned long long total;
	unsigned long	  shown;	/* messages printed for this input */
	unsigned long	  hidden;	/* and not printed */
	int		  hold;
	struct held	 *held;
	size_t		  nheld, heldcap, firstheld;
};

struct xf_rejects *
xf_rejects_open(const char *path)
{
	struct xf_rejects *r;

	r = xf_calloc(1, sizeof(*r));
	if (path != NULL) {
		if ((r->file = xf_output_open(path)) == NULL) {
			free(r);
			return NULL;
		}
		r->out = xf_csvout_new(xf_output_fp(r->file), ',', 0);
	}
	return r;
}

void
xf_rejects_header(struct xf_rejects *r, const struct xf_row *hdr)
{
	if (r->headed)
		return;
	r->headed = 1;
	r->width = hdr->nfield;
	if (r->out == NULL)
		return;
	xf_csvout_row(r->out, hdr);
	xf_csvout_str(r->out, "_line");
	xf_csvout_str(r->out, "_error");
	xf_csvout_end(r->out);
}

/* The surplus fields from index `from` on, as one CSV text. */
static char *
surplus(const struct xf_row *row, size_t from, size_t *len)
{
	struct xf_csvout *o;
	FILE *fp;
	char *buf = NULL;
	size_t i;

	if ((fp = open_memstream(&buf, len)) == NULL)
		xf_err(XF_EXIT_FAIL, "open_memstream");
	o = xf_csvout_new(fp, ',', 0);
	for (i = from; i < row->nfield; i++)
		xf_csvout_field(o, row->field[i], row->len[i]);
	xf_csvout_free(o);
	if (fclose(fp) == EOF)
		xf_err(XF_EXIT_FAIL, "open_memstream");
	return buf;
}

static void
write_row(struct xf_rejects *r, const struct xf_row *row, const char *msg)
{
	char line[32], *tail;
	size_t i, w = r->width, n, tlen;

	if (w == 0)
		w = row->nfield;
	n = row->nfield;
	if (n > w) {
		for (i = 0; i + 1 < w; i++)
			xf_csvout_field(r->out, row->field[i], row->len[i]);
		tail = surplus(row, w - 1, &tlen);
		xf_csvout_field(r->out, tail, tlen);
		free(tail);
	} else {
		for (i = 0; i < n; i++)
			xf_csvout_field(r->out, row->field[i], row->len[i]);
		for (; i < w; i++)
			xf_csvout_field(r->out, "", 0);
	}
	snprintf(line, sizeof(line), "%lu", row->line);
	xf_csvout_str(r->out, line);
	xf_csvout_str(r->out, msg);
	xf_csvout_end(r->out);
}

/* Print and write a reject now. */
static void
reject_now(struct xf_rejects *r, const char *name, const struct xf_row *row,
    const char *msg)
{
	r->total++;
	if (r->shown < XF_REJECTS_SHOWN) {
		xf_warnat(name, row->line, "%s", msg);
		r->shown++;
	} else
		r->hidden++;
	if (r->out != NULL)
		write_row(r, row, msg);
}

/*
 * Keep a copy of a reject for xf_rejects_release, in line order: it
 * usually comes last, but a command may reject a record after it read,
 * and held, a later one.
 */
static void
hold(struct xf_rejects *r, const char *name, const struct xf_row *row,
    const char *msg)
{
	size_t i;

	if (r->nheld == r->heldcap) {
		r->heldcap = r->heldcap ? 2 * r->heldcap : 16;
		r->held = xf_reallocarray(r->held, r->heldcap,
		    sizeof(*r->held));
	}
	for (i = r->nheld++; i > r->firstheld &&
	    xf_header_row(r->held[i - 1].row)->line > row->line; i--)
		r->held[i] = r->held[i - 1];
	r->held[i].name = xf_strdup(name);
	r->held[i].msg = xf_strdup(msg);
	r->held[i].row = xf_header_save(row);
}

void
xf_reject(struct xf_rejects *r, const char *name, const struct xf_row *row,
    const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (r->hold)
		hold(r, name, row, msg);
	else
		reject_now(r, name, row, msg);
}

void
xf_rejects_hold(struct xf_rejects *r, int on)
{
	r->hold = on;
}

void
xf_rejects_release(struct xf_rejects *r, unsigned long line)
{
	struct held *h;

	for (; r->firstheld < r->nheld; r->firstheld++) {
		h = &r->held[r->firstheld];
		if (xf_header_row(h->row)->line >= line)
			break;
		reject_now(r, h->name, xf_header_row(h->row), h->msg);
		free(h->name);
		free(h->msg);
		xf_header_free(h->row);
	}
	if (r->firstheld == r->nheld)
		r->firstheld = r->nheld = 0;
}

void
xf_rejects_input_done(struct xf_rejects *r, const char *name)
{
	xf_rejects_release(r, ULONG_MAX);
	if (r->hidden > 0)
		xf_warnx("%s: %lu more rejected record%s not shown", name,
		    r->hidden, r->hidden == 1 ? "" : "s");
	r->shown = r->hidden = 0;
}

unsigned long long
xf_rejects_count(const struct xf_rejects *r)
{
	return r->total;
}

int
xf_rejects_close(struct xf_rejects *r)
{
	char *name = NULL;
	int rc = 0;

	xf_rejects_release(r, ULONG_MAX);
	free(r->held);
	if (r->out != NULL) {
		name = xf_strdup(xf_output_name(r->file));
		rc = xf_output_finish(r->file, r->out);
	}
	if (r->total > 0) {
		if (name != NULL && rc == 0)
			xf_warnx("%llu record%s rejected, written to %s",
			    r->total, r->total == 1 ? "" : "s", name);
		else
			xf_warnx("%llu record%s rejected", r->total,
			    r->total == 1 ? "" : "s");
	}
	free(name);
	free(r);
	return rc;
}
