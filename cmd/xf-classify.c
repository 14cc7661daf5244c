/* SPDX-License-Identifier: ISC */

/*
 * xf-classify: give each petition a category, a subcategory, a
 * confidence and the phrases that decided it, by regular-expression
 * rules scored over the subject and the content.  The default rules (the
 * five kinds of the city's report and their subcategories) are compiled
 * in; --rules replaces them, --add-rules adds to them, --dump-rules
 * prints them.  --model classifies with a model trained by xf-train
 * instead, or (--mode hybrid) where the rules do not fire confidently.
 */

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "columns.h"
#include "csvin.h"
#include "csvout.h"
#include "data.h"
#include "input.h"
#include "output.h"
#include "rejects.h"
#include "rules.h"
#include "textmodel.h"
#include "xf.h"

#define MAXTEXT	16

/* The most threads -j takes. */
#define MAXJOBS	256

/* Hybrid mode: the rules decide when their confidence reaches this. */
#define HYBRID_CONFIDENCE	0.5

enum mode {
	MODE_RULES,
	MODE_MODEL,
	MODE_HYBRID
};

struct options {
	struct xf_cli	 cli;
	int		 all;
	int		 dump;
	int		 explain;
	char		*text[MAXTEXT];	/* --text columns, joined */
	size_t		 ntext;
	enum mode	 mode;
};

/* What classifying a record needs of its own: one per thread. */
struct worker {
	const struct options *opt;
	struct xf_classifier *cls;
	struct xf_csvout *out;		/* where its records go */
	char		*joined;	/* --text columns joined */
	size_t		 joinedcap;
	struct xf_textmodel *model;	/* --model */
	double		*prob;		/* per model class */
	char		*label;		/* the model's label, split */
	char		*mexplain;	/* --explain in model mode */
	size_t		 mexplaincap;
	char		**field;	/* a batch's row (threads) */
	size_t		 fieldcap;
	struct run	*run;
	pthread_t	 thr;
};

/*
 * With -j N, the reading thread copies records into batches, N worker
 * threads classify whole batches into writers of their own (in memory),
 * and the reading thread writes the batches out in the order it read
 * them, with the rejects of reading and of matching in line order
 * (rejects.h: xf_rejects_hold), so that the output and the rejects are
 * the bytes one thread writes.
 */
#define BATCH_ROWS	512
#define BATCH_BYTES	(1024 * 1024)

enum bstate { B_FREE, B_FILLED, B_TAKEN, B_DONE };

struct batch {
	enum bstate	 state;
	size_t		 nrow, rowcap;
	char		*data;		/* the fields' bytes */
	size_t		 dlen, dcap;
	size_t		*flen;		/* every field's length */
	size_t		 nf, nfcap;
	size_t		*rowf;		/* row i: fields rowf[i] .. [i + 1] */
	unsigned long	*line;
	int		*raw;
	char		**err;		/* row i rejected: why */
	struct xf_csvout *out;		/* the records classified */
};

struct run {
	const struct options *opt;
	struct worker	*w;
	size_t		 njobs;
	struct xf_csvout *out;
	struct xf_rejects *rej;
	struct xf_header *hdr;
	unsigned long long records;
	/* Threads. */
	const struct textcols *tc;	/* the input's text columns */
	pthread_mutex_t	 mu;
	pthread_cond_t	 filled, done;
	struct batch	*ring;
	size_t		 nring;
	unsigned long long nfill, ntake, nwrite;	/* batch counts */
	int		 quit;
};

static const char usage_line[] =
    "usage: xf-classify [-AaDhVx] [-d delim] [-j jobs] [-o file] "
    "[-r rules] [-M model] [-m mode] [-s weight] [-T cols] [-t threshold] "
    "[file ...]";

enum { OPT_ADD = 0x200 };

static const struct option longopts[] = {
	{ "add-rules",	required_argument,	NULL,	'a' },
	{ "all",	no_argument,		NULL,	'A' },
	{ "dump-rules",	no_argument,		NULL,	'D' },
	{ "explain",	no_argument,		NULL,	'x' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "jobs",	required_argument,	NULL,	'j' },
	{ "mode",	required_argument,	NULL,	'm' },
	{ "model",	required_argument,	NULL,	'M' },
	{ "rules",	required_argument,	NULL,	'r' },
	{ "subject-weight", required_argument,	NULL,	's' },
	{ "text",	required_argument,	NULL,	'T' },
	{ "threshold",	required_argument,	NULL,	't' },
	{ "version",	no_argument,		NULL,	'V' },
	XF_CLI_LONGOPTS,
	{ NULL,		0,			NULL,	0 }
};

static void	help(void) __attribute__((noreturn));

static void
help(void)
{
	printf("%s\n\n", usage_line);
	fputs("Classify petitions by rules: append category, subcategory, "
	    "confidence, evidence.\n\n"
	    "  -A, --all               list every category above the "
	    "threshold\n"
	    "  -a, --add-rules=FILE    add the rules in FILE to the rules in "
	    "use\n"
	    "  -D, --dump-rules        print the rules in use and exit\n"
	    "  -j, --jobs=N            classify on N threads (0: one a "
	    "processor;\n"
	    "                          default 1)\n"
	    "  -M, --model=FILE        classify with a model made by "
	    "xf-train\n"
	    "  -m, --mode=MODE         model, rules or hybrid (rules where "
	    "they are\n"
	    "                          confident, else the model); default "
	    "model\n"
	    "                          with --model, else rules\n"
	    "  -r, --rules=FILE        use the rules in FILE instead of the "
	    "defaults\n"
	    "  -s, --subject-weight=W  weight of a match in the subject "
	    "(default 1.5)\n"
	    "  -T, --text=COLS         classify the text of these columns "
	    "(default:\n"
	    "                          subject and content)\n"
	    "  -t, --threshold=N       least score for a category (default "
	    "1)\n"
	    "  -x, --explain           add a column with every rule that "
	    "fired\n"
	    "  -h, --help              show this help and exit\n"
	    "  -V, --version           show the version and exit\n"
	    XF_CLI_HELP
	    "\nExample:\n"
	    "  xf-validate export.csv | xf-classify | xf-route > routed.csv\n"
	    "\nSee xf-classify(1).\n", stdout);
	exit(xf_finish(XF_EXIT_OK));
}

static int
parse_number(const char *opt, const char *arg, double min, double max,
    double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (end == arg || *end != '\0' || errno != 0 || !isfinite(v) ||
	    v < min || v > max) {
		xf_warnx("%s: expected a number from %g to %g: '%s'", opt, min,
		    max, arg);
		return -1;
	}
	*out = v;
	return 0;
}

/* -j: a whole number from 0 to MAXJOBS. */
static int
parse_jobs(const char *arg, size_t *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (end == arg || *end != '\0' || errno != 0 || v < 0 ||
	    v > MAXJOBS) {
		xf_warnx("--jobs: expected a whole number from 0 to %d: '%s'",
		    MAXJOBS, arg);
		return -1;
	}
	*out = (size_t)v;
	return 0;
}

static int
split_cols(char *arg, char **list, size_t *n)
{
	return xf_cli_split_list("--text", arg, list, n, MAXTEXT);
}

/* The text columns of one input: subject and content, or --text's. */
struct textcols {
	long	 subject, content;
	long	 text[MAXTEXT];
};

static int
find_text(const struct options *opt, const struct xf_row *hdr,
    const char *name, struct textcols *tc)
{
	size_t i;

	tc->subject = tc->content = -1;
	if (opt->ntext > 0) {
		for (i = 0; i < opt->ntext; i++)
			if ((tc->text[i] = xf_col_need(hdr, opt->text[i],
			    &opt->cli.cols, name)) == -1)
				return -1;
		return 0;
	}
	tc->subject = xf_col_find(hdr, "subject", &opt->cli.cols);
	tc->content = xf_col_find(hdr, "content", &opt->cli.cols);
	if (tc->content == -1 && tc->subject == -1) {
		xf_col_need(hdr, "content", &opt->cli.cols, name);
		return -1;
	}
	return 0;
}

/*
 * A confidence in [0, 1] with two decimals, as printf's "%.2f" writes
 * it, without printf where the rounding is plain: x * 100 is computed
 * with an error far below 1e-9, so unless it lies that close to a
 * half, rounding it gives printf's digits.
 */
static void
format_confidence(double x, char *buf, size_t size)
{
	double y = x * 100, f;
	long k;

	if (!(x >= 0 && x <= 1)) {
		snprintf(buf, size, "%.2f", x);
		return;
	}
	f = floor(y);
	if (fabs(y - f - 0.5) < 1e-9) {
		snprintf(buf, size, "%.2f", x);
		return;
	}
	k = (long)f + (y - f > 0.5);
	buf[0] = (char)('0' + k / 100);
	buf[1] = '.';
	buf[2] = (char)('0' + k / 10 % 10);
	buf[3] = (char)('0' + k % 10);
	buf[4] = '\0';
}

static void
write_verdict(struct worker *w, const struct xf_row *row,
    const struct xf_verdict *v)
{
	char conf[16];

	xf_csvout_row(w->out, row);
	if (w->opt->all) {
		xf_csvout_str(w->out, v->all);
		xf_csvout_str(w->out, v->allsub);
	} else {
		xf_csvout_str(w->out, v->category);
		xf_csvout_str(w->out, v->subcategory);
	}
	format_confidence(v->confidence, conf, sizeof(conf));
	xf_csvout_str(w->out, conf);
	xf_csvout_str(w->out, v->evidence);
	if (w->opt->explain)
		xf_csvout_str(w->out, v->explain);
	xf_csvout_end(w->out);
}

/*
 * The model's verdict: its label (category, or category/subcategory
 * split at the first '/') and probability; --explain lists the three
 * likeliest labels.
 */
static void
model_verdict(struct worker *w, const struct textcols *tc,
    const struct xf_row *row, struct xf_verdict *v)
{
	const char *text[MAXTEXT + 1], *lab;
	char *slash, *sub;
	size_t len[MAXTEXT + 1], n = 0, i, j, best, llen, nc, k;
	char buf[32];

	if (w->opt->ntext > 0)
		for (i = 0; i < w->opt->ntext; i++) {
			text[n] = row->field[tc->text[i]];
			len[n++] = row->len[tc->text[i]];
		}
	else {
		if (tc->subject != -1) {
			text[n] = row->field[tc->subject];
			len[n++] = row->len[tc->subject];
		}
		if (tc->content != -1) {
			text[n] = row->field[tc->content];
			len[n++] = row->len[tc->content];
		}
	}
	best = xf_tm_predict(w->model, text, len, n, w->prob);
	lab = xf_tm_label(w->model, best, &llen);
	free(w->label);
	w->label = xf_memdup(lab, llen);
	if (w->mexplain == NULL) {
		w->mexplaincap = 256;
		w->mexplain = xf_malloc(w->mexplaincap);
	}
	w->mexplain[0] = '\0';
	sub = w->mexplain;	/* "" */
	if ((slash = strchr(w->label, '/')) != NULL) {
		*slash = '\0';
		sub = slash + 1;
	}
	v->category = v->all = w->label;
	v->subcategory = v->allsub = sub;
	v->confidence = w->prob[best];
	v->evidence = v->explain = w->mexplain;
	v->error = NULL;
	if (!w->opt->explain)
		return;
	/* The three likeliest, best first: "label:0.93;label:0.04". */
	nc = xf_tm_nclass(w->model);
	for (k = 0, j = 0; k < 3 && k < nc; k++) {
		for (i = 0, best = nc; i < nc; i++)
			if (w->prob[i] >= 0 && (best == nc ||
			    w->prob[i] > w->prob[best]))
				best = i;
		lab = xf_tm_label(w->model, best, &llen);
		snprintf(buf, sizeof(buf), ":%.2f", w->prob[best]);
		if (j + llen + strlen(buf) + 2 > w->mexplaincap) {
			w->mexplaincap = (j + llen + strlen(buf) + 2) * 2;
			w->mexplain = xf_reallocarray(w->mexplain,
			    w->mexplaincap, 1);
		}
		if (k > 0)
			w->mexplain[j++] = ';';
		memcpy(w->mexplain + j, lab, llen);
		j += llen;
		memcpy(w->mexplain + j, buf, strlen(buf) + 1);
		j += strlen(buf);
		w->prob[best] = -1;
	}
	v->evidence = sub = w->mexplain + j;	/* empty */
	v->explain = w->mexplain;
	if (slash == NULL)
		v->subcategory = v->allsub = sub;
}

/*
 * Classify row and write it; NULL, or why it is to be rejected (valid
 * until the next call).
 */
static const char *
classify_row(struct worker *w, const struct textcols *tc,
    const struct xf_row *row)
{
	struct xf_verdict v;
	const char *subj = "", *cont = "";
	size_t slen = 0, clen = 0, i, need;

	if (w->opt->ntext > 0) {
		for (i = 0, need = 1; i < w->opt->ntext; i++)
			need += row->len[tc->text[i]] + 1;
		if (w->joinedcap < need) {
			w->joinedcap = need + 256;
			w->joined = xf_reallocarray(w->joined, w->joinedcap, 1);
		}
		for (i = 0; i < w->opt->ntext; i++) {
			if (i > 0)
				w->joined[clen++] = '\n';
			memcpy(w->joined + clen, row->field[tc->text[i]],
			    row->len[tc->text[i]]);
			clen += row->len[tc->text[i]];
		}
		cont = w->joined;
	} else {
		if (tc->subject != -1) {
			subj = row->field[tc->subject];
			slen = row->len[tc->subject];
		}
		if (tc->content != -1) {
			cont = row->field[tc->content];
			clen = row->len[tc->content];
		}
	}
	if (w->opt->mode == MODE_MODEL) {
		model_verdict(w, tc, row, &v);
		write_verdict(w, row, &v);
		return NULL;
	}
	if (xf_classify(w->cls, subj, slen, cont, clen, &v) == -1)
		return v.error;
	if (w->opt->mode == MODE_HYBRID &&
	    (strcmp(v.category, XF_RULES_OTHER) == 0 ||
	    v.confidence < HYBRID_CONFIDENCE))
		model_verdict(w, tc, row, &v);
	write_verdict(w, row, &v);
	return NULL;
}

/* Copy row into batch b. */
static void
batch_add(struct batch *b, const struct xf_row *row)
{
	size_t i, n = 0;

	if (b->nrow + 1 >= b->rowcap) {
		b->rowcap = b->rowcap ? 2 * b->rowcap : BATCH_ROWS + 2;
		b->rowf = xf_reallocarray(b->rowf, b->rowcap, sizeof(size_t));
		b->line = xf_reallocarray(b->line, b->rowcap,
		    sizeof(unsigned long));
		b->raw = xf_reallocarray(b->raw, b->rowcap, sizeof(int));
		b->err = xf_reallocarray(b->err, b->rowcap, sizeof(char *));
	}
	if (b->nfcap - b->nf < row->nfield) {
		b->nfcap = b->nf + row->nfield + 1024;
		b->flen = xf_reallocarray(b->flen, b->nfcap, sizeof(size_t));
	}
	for (i = 0; i < row->nfield; i++)
		n += row->len[i];
	if (b->dcap - b->dlen < n) {
		b->dcap = b->dlen + n + BATCH_BYTES / 4;
		b->data = xf_reallocarray(b->data, b->dcap, 1);
	}
	b->rowf[b->nrow] = b->nf;
	b->line[b->nrow] = row->line;
	b->raw[b->nrow] = row->raw;
	b->err[b->nrow] = NULL;
	for (i = 0; i < row->nfield; i++) {
		memcpy(b->data + b->dlen, row->field[i], row->len[i]);
		b->dlen += row->len[i];
		b->flen[b->nf++] = row->len[i];
	}
	b->rowf[++b->nrow] = b->nf;
}

/*
 * Row i of batch b, whose bytes begin at off, with its fields in *field
 * (room made); returns where the next row's bytes begin.
 */
static size_t
batch_row(const struct batch *b, size_t i, size_t off, char ***field,
    size_t *cap, struct xf_row *row)
{
	size_t f, k;

	row->nfield = b->rowf[i + 1] - b->rowf[i];
	if (*cap < row->nfield + 1) {
		*cap = row->nfield + 64;
		*field = xf_reallocarray(*field, *cap, sizeof(char *));
	}
	for (k = 0, f = b->rowf[i]; f < b->rowf[i + 1]; f++, k++) {
		(*field)[k] = b->data + off;
		off += b->flen[f];
	}
	row->field = *field;
	row->len = b->flen + b->rowf[i];
	row->line = b->line[i];
	row->raw = b->raw[i];
	return off;
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct run *r = w->run;
	struct batch *b;
	struct xf_row row;
	const char *err;
	size_t i, off;

	for (;;) {
		pthread_mutex_lock(&r->mu);
		while (!r->quit && (r->ntake == r->nfill ||
		    r->ring[r->ntake % r->nring].state != B_FILLED))
			pthread_cond_wait(&r->filled, &r->mu);
		if (r->ntake == r->nfill) {	/* and quit */
			pthread_mutex_unlock(&r->mu);
			return NULL;
		}
		b = &r->ring[r->ntake++ % r->nring];
		b->state = B_TAKEN;
		pthread_mutex_unlock(&r->mu);

		w->out = b->out;
		for (i = 0, off = 0; i < b->nrow; i++) {
			off = batch_row(b, i, off, &w->field, &w->fieldcap,
			    &row);
			if ((err = classify_row(w, r->tc, &row)) != NULL)
				b->err[i] = xf_strdup(err);
		}

		pthread_mutex_lock(&r->mu);
		b->state = B_DONE;
		pthread_cond_broadcast(&r->done);
		pthread_mutex_unlock(&r->mu);
	}
}

/*
 * Wait for the oldest batch and write it: its rejects (held with those of
 * reading, and released in line order up to its last record), then its
 * records.  Returns 1 if it had rejects.
 */
static int
write_batch(struct run *r, const char *name)
{
	struct batch *b = &r->ring[r->nwrite % r->nring];
	struct xf_row row;
	char **field = NULL;
	size_t i, n, cap = 0, off = 0, next;
	const char *bytes;
	int rejected = 0;

	pthread_mutex_lock(&r->mu);
	while (b->state != B_DONE)
		pthread_cond_wait(&r->done, &r->mu);
	pthread_mutex_unlock(&r->mu);

	for (i = 0; i < b->nrow; i++) {
		next = batch_row(b, i, off, &field, &cap, &row);
		if (b->err[i] != NULL) {
			xf_reject(r->rej, name, &row, "%s", b->err[i]);
			free(b->err[i]);
			rejected = 1;
		}
		off = next;
	}
	free(field);
	if (b->nrow > 0)
		xf_rejects_release(r->rej, b->line[b->nrow - 1] + 1);
	bytes = xf_csvout_take(b->out, &n);
	xf_csvout_bytes(r->out, bytes, n);

	pthread_mutex_lock(&r->mu);
	b->state = B_FREE;
	b->nrow = b->nf = b->dlen = 0;
	r->nwrite++;
	pthread_mutex_unlock(&r->mu);
	return rejected;
}

static void
start_threads(struct run *r)
{
	size_t i;
	int e;

	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->filled, NULL);
	pthread_cond_init(&r->done, NULL);
	r->nring = 4 * r->njobs;
	r->ring = xf_calloc(r->nring, sizeof(*r->ring));
	for (i = 0; i < r->nring; i++)
		r->ring[i].out = xf_csvout_new_mem(r->opt->cli.outdelim,
		    r->opt->cli.crlf);
	for (i = 0; i < r->njobs; i++)
		if ((e = pthread_create(&r->w[i].thr, NULL, work,
		    &r->w[i])) != 0) {
			errno = e;
			xf_err(XF_EXIT_FAIL, "pthread_create");
		}
}

static void
stop_threads(struct run *r)
{
	size_t i;

	pthread_mutex_lock(&r->mu);
	r->quit = 1;
	pthread_cond_broadcast(&r->filled);
	pthread_mutex_unlock(&r->mu);
	for (i = 0; i < r->njobs; i++)
		pthread_join(r->w[i].thr, NULL);
	for (i = 0; i < r->nring; i++) {
		struct batch *b = &r->ring[i];

		free(b->data);
		free(b->flen);
		free(b->rowf);
		free(b->line);
		free(b->raw);
		free(b->err);
		xf_csvout_free(b->out);
	}
	free(r->ring);
	pthread_cond_destroy(&r->filled);
	pthread_cond_destroy(&r->done);
	pthread_mutex_destroy(&r->mu);
}

/* The records of in, classified by the worker threads. */
static void
classify_threads(struct run *r, struct xf_input *in,
    const struct textcols *tc)
{
	struct xf_row row;
	struct batch *b;
	int eof = 0;

	r->tc = tc;
	xf_rejects_hold(r->rej, 1);
	while (!eof) {
		if (r->nfill - r->nwrite == r->nring &&
		    write_batch(r, in->name))
			in->status = XF_WORST(in->status, XF_EXIT_DATA);
		b = &r->ring[r->nfill % r->nring];
		while (b->nrow < BATCH_ROWS && b->dlen < BATCH_BYTES)
			if (!xf_input_next(in, &row)) {
				eof = 1;
				break;
			} else
				batch_add(b, &row);
		if (b->nrow == 0)
			break;
		pthread_mutex_lock(&r->mu);
		b->state = B_FILLED;
		r->nfill++;
		pthread_cond_broadcast(&r->filled);
		pthread_mutex_unlock(&r->mu);
	}
	while (r->nwrite < r->nfill)
		if (write_batch(r, in->name))
			in->status = XF_WORST(in->status, XF_EXIT_DATA);
	xf_rejects_release(r->rej, ULONG_MAX);
	xf_rejects_hold(r->rej, 0);
}

static int
classify(struct run *r, const char *path)
{
	const struct options *opt = r->opt;
	struct xf_input in;
	struct xf_row row;
	struct textcols tc;
	const char *err;

	/* An empty input has nothing to classify. */
	if (xf_input_open(&in, path, &opt->cli.csv, r->rej, &r->records,
	    &row) != 1)
		return xf_input_close(&in);
	if (find_text(opt, &row, in.name, &tc) == -1) {
		in.status = XF_EXIT_FAIL;
		return xf_input_close(&in);
	}
	if (r->hdr == NULL) {
		r->hdr = xf_header_save(&row);
		xf_rejects_header(r->rej, &row);
		if (opt->cli.bom)
			xf_csvout_bom(r->out);
		xf_csvout_row(r->out, &row);
		xf_csvout_str(r->out, "category");
		xf_csvout_str(r->out, "subcategory");
		xf_csvout_str(r->out, "confidence");
		xf_csvout_str(r->out, "evidence");
		if (opt->explain)
			xf_csvout_str(r->out, "explain");
		xf_csvout_end(r->out);
	} else if (xf_input_same(&in, r->hdr, &row) == -1)
		return xf_input_close(&in);
	if (r->njobs > 1)
		classify_threads(r, &in, &tc);
	else
		while (xf_input_next(&in, &row))
			if ((err = classify_row(&r->w[0], &tc, &row)) != NULL) {
				xf_reject(r->rej, in.name, &row, "%s", err);
				in.status = XF_WORST(in.status, XF_EXIT_DATA);
			}
	return xf_input_close(&in);
}

static void
workers_free(struct run *r)
{
	size_t i;

	for (i = 0; i < r->njobs; i++) {
		xf_classifier_free(r->w[i].cls);
		free(r->w[i].joined);
		xf_tm_free(r->w[i].model);
		free(r->w[i].prob);
		free(r->w[i].label);
		free(r->w[i].mexplain);
		free(r->w[i].field);
	}
	free(r->w);
}

int
main(int argc, char *argv[])
{
	struct options opt;
	struct run r;
	struct xf_rules *rules;
	struct xf_output *outfile;
	const char *rulesfile = NULL, *modelfile = NULL, *err, *pcre;
	int modeset = 0;
	char *addfile[8];
	size_t nadd = 0, i;
	double threshold = 1.0, subjw = 1.5;
	size_t njobs = 1;
	int ch, rc, status = XF_EXIT_OK;

	argv[0] = xf_setprogname(argv[0]);
	memset(&opt, 0, sizeof(opt));
	memset(&r, 0, sizeof(r));
	xf_cli_init(&opt.cli);

	while ((ch = getopt_long(argc, argv, "Aa:Dhj:M:m:Vr:s:T:t:x" XF_CLI_SHORT,
	    longopts, NULL)) != -1) {
		if ((rc = xf_cli_option(&opt.cli, ch, optarg)) == 1)
			continue;
		if (rc == -1)
			xf_usage(usage_line);
		switch (ch) {
		case 'A':
			opt.all = 1;
			break;
		case 'a':
			if (nadd == sizeof(addfile) / sizeof(addfile[0])) {
				xf_warnx("--add-rules: at most %zu files",
				    sizeof(addfile) / sizeof(addfile[0]));
				xf_usage(usage_line);
			}
			addfile[nadd++] = optarg;
			break;
		case 'D':
			opt.dump = 1;
			break;
		case 'h':
			help();
			/* NOTREACHED */
		case 'j':
			if (parse_jobs(optarg, &njobs) == -1)
				xf_usage(usage_line);
			break;
		case 'M':
			modelfile = optarg;
			break;
		case 'm':
			if (strcmp(optarg, "model") == 0)
				opt.mode = MODE_MODEL;
			else if (strcmp(optarg, "rules") == 0)
				opt.mode = MODE_RULES;
			else if (strcmp(optarg, "hybrid") == 0)
				opt.mode = MODE_HYBRID;
			else {
				xf_warnx("--mode: expected model, rules or "
				    "hybrid: '%s'", optarg);
				xf_usage(usage_line);
			}
			modeset = 1;
			break;
		case 'r':
			rulesfile = optarg;
			break;
		case 's':
			if (parse_number("--subject-weight", optarg, 0, 100,
			    &subjw) == -1)
				xf_usage(usage_line);
			break;
		case 'T':
			if (split_cols(optarg, opt.text, &opt.ntext) == -1)
				xf_usage(usage_line);
			break;
		case 't':
			if (parse_number("--threshold", optarg, 0, 1e6,
			    &threshold) == -1)
				xf_usage(usage_line);
			break;
		case 'V':
			xf_version();
			/* NOTREACHED */
		case 'x':
			opt.explain = 1;
			break;
		default:
			xf_usage(usage_line);
		}
	}
	argc -= optind;
	argv += optind;
	if (!modeset && modelfile != NULL)
		opt.mode = MODE_MODEL;
	if (opt.mode != MODE_RULES && modelfile == NULL) {
		xf_warnx("--mode %s needs --model",
		    opt.mode == MODE_MODEL ? "model" : "hybrid");
		xf_usage(usage_line);
	}
	r.njobs = njobs;
	if (r.njobs == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		r.njobs = n < 1 ? 1 : n > MAXJOBS ? MAXJOBS : (size_t)n;
	}
	r.w = xf_calloc(r.njobs, sizeof(*r.w));
	/* Each thread its own model: its scratch is the model's. */
	for (i = 0; modelfile != NULL && !opt.dump && i < r.njobs; i++) {
		if ((r.w[i].model = xf_tm_load(modelfile, &err)) == NULL) {
			xf_warnx("%s: %s", modelfile, err);
			workers_free(&r);
			return xf_finish(XF_EXIT_FAIL);
		}
		r.w[i].prob = xf_calloc(xf_tm_nclass(r.w[i].model),
		    sizeof(*r.w[i].prob));
	}

	/* A rules file that cannot be used is the caller's problem: 2. */
	rules = xf_rules_new();
	if (rulesfile != NULL)
		rc = xf_rules_load(rules, rulesfile);
	else
		rc = xf_rules_load_mem(rules, (const char *)xf_data_rules,
		    xf_data_rules_len, "<default rules>");
	for (i = 0; rc == 0 && i < nadd; i++)
		rc = xf_rules_load(rules, addfile[i]);
	/*
	 * For checking the direct matching of rules against PCRE2 (tests/sh/
	 * classify-equiv.sh): XF_CLASSIFY_PCRE2=1 matches every rule with
	 * PCRE2, =plain also without the literal prefilter, =interp with
	 * PCRE2's interpreter instead of its JIT code.
	 */
	if ((pcre = getenv("XF_CLASSIFY_PCRE2")) != NULL && *pcre != '\0') {
		xf_rules_set_direct(rules, 0);
		if (strcmp(pcre, "plain") == 0)
			xf_rules_set_prefilter(rules, 0);
		if (strcmp(pcre, "interp") == 0)
			xf_rules_set_jit(rules, 0);
	}
	if (rc == 0)
		rc = xf_rules_compile(rules);
	if (rc == -1 || opt.dump) {
		if (rc == 0)
			xf_rules_dump(rules, stdout);
		xf_rules_free(rules);
		workers_free(&r);
		return xf_finish(rc == -1 ? XF_EXIT_FAIL : XF_EXIT_OK);
	}
	xf_rules_set_threshold(rules, threshold);
	xf_rules_set_subject_weight(rules, subjw);

	r.opt = &opt;
	if (r.njobs > 1)
		xf_rules_share(rules);
	for (i = 0; i < r.njobs; i++) {
		r.w[i].opt = &opt;
		r.w[i].run = &r;
		r.w[i].cls = xf_classifier_new(rules);
		xf_classifier_set_lists(r.w[i].cls, opt.explain, opt.all);
		if (getenv("XF_PROFILE") != NULL)
			xf_classifier_profile(r.w[i].cls);
	}
	if ((r.rej = xf_rejects_open(opt.cli.rejects)) == NULL ||
	    (outfile = xf_output_open(opt.cli.output)) == NULL) {
		workers_free(&r);
		xf_rules_free(rules);
		return xf_finish(XF_EXIT_FAIL);
	}
	r.out = r.w[0].out = xf_csvout_new(xf_output_fp(outfile),
	    opt.cli.outdelim, opt.cli.crlf);
	if (r.njobs > 1)
		start_threads(&r);

	if (argc == 0)
		status = classify(&r, "-");
	for (; *argv != NULL; argv++) {
		rc = classify(&r, *argv);
		status = XF_WORST(status, rc);
	}

	if (r.njobs > 1)
		stop_threads(&r);
	if (xf_output_finish(outfile, r.out) == -1)
		status = XF_EXIT_FAIL;
	for (i = 0; i < r.njobs; i++)
		xf_classifier_profile_dump(r.w[i].cls, stderr);
	if (xf_rejects_close(r.rej) == -1)
		status = XF_EXIT_FAIL;
	workers_free(&r);
	xf_rules_free(rules);
	xf_header_free(r.hdr);
	return xf_finish(status);
}
