/* SPDX-License-Identifier: ISC */

/*
 * xf-eval: how well a prediction matches the truth.  Reads a gold
 * (true) label column and a predicted label column and prints accuracy
 * and, per class, precision, recall, F1 and support, with their macro,
 * weighted and micro averages, as scikit-learn's classification_report
 * computes them (labels=None, zero_division=0); or the confusion matrix.
 * Output is CSV for machines or a Markdown table for people.  Memory
 * grows with the number of distinct labels, not with the rows.
 */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "columns.h"
#include "csvin.h"
#include "csvout.h"
#include "eval.h"
#include "input.h"
#include "output.h"
#include "rejects.h"
#include "xf.h"

/* The separator of several predicted labels (xf-classify --all). */
#define MULTISEP	';'

enum format {
	FMT_CSV,
	FMT_MD
};

struct options {
	struct xf_cli	 cli;
	const char	*gold;
	const char	*pred;
	enum format	 format;
	int		 confusion;
	int		 multi;
};

struct run {
	const struct options *opt;
	struct xf_eval	*ev;
	struct xf_rejects *rej;
	struct xf_header *hdr;
	unsigned long long records, nogold;
};

static const char usage_line[] =
    "usage: xf-eval [-chmV] [-d delim] [-f format] [-o file] -g col "
    "-p col [file ...]";

static const struct option longopts[] = {
	{ "confusion",	no_argument,		NULL,	'c' },
	{ "format",	required_argument,	NULL,	'f' },
	{ "gold",	required_argument,	NULL,	'g' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "multi",	no_argument,		NULL,	'm' },
	{ "pred",	required_argument,	NULL,	'p' },
	{ "version",	no_argument,		NULL,	'V' },
	XF_CLI_LONGOPTS,
	{ NULL,		0,			NULL,	0 }
};

static void	help(void) __attribute__((noreturn));

static void
help(void)
{
	printf("%s\n\n", usage_line);
	fputs("Precision, recall, F1 and accuracy of a predicted column "
	    "against a gold one.\n\n"
	    "  -c, --confusion         print the confusion matrix instead "
	    "(rows gold,\n"
	    "                          columns predicted)\n"
	    "  -f, --format=FORMAT     csv (default) or md (a Markdown "
	    "table)\n"
	    "  -g, --gold=COL          the column with the true labels\n"
	    "  -m, --multi             predictions list labels separated by "
	    "';': a row\n"
	    "                          is right if the gold label is among "
	    "them\n"
	    "  -p, --pred=COL          the column with the predicted labels\n"
	    "  -h, --help              show this help and exit\n"
	    "  -V, --version           show the version and exit\n"
	    XF_CLI_HELP
	    "\nOutput (CSV): kind,class,precision,recall,f1,support; kind is "
	    "class (one row\nper class, in label order), macro, weighted, "
	    "micro or accuracy (the\naccuracy is in the f1 column).\n"
	    "\nExample:\n"
	    "  xf-classify labelled.csv | xf-eval -g gold -p category\n"
	    "\nSee xf-eval(1).\n", stdout);
	exit(xf_finish(XF_EXIT_OK));
}

/* Count one good record. */
static void
count_row(struct run *r, long gcol, long pcol, const struct xf_row *row)
{
	const char *g = row->field[gcol], *p = row->field[pcol];
	size_t gs, gl, ps, pl;

	xf_eval_trim(g, row->len[gcol], &gs, &gl);
	if (gl == 0) {
		r->nogold++;
		return;
	}
	if (r->opt->multi)
		xf_eval_pick(g + gs, gl, p, row->len[pcol], MULTISEP, &ps,
		    &pl);
	else
		xf_eval_trim(p, row->len[pcol], &ps, &pl);
	xf_eval_add(r->ev, g + gs, gl, p + ps, pl);
}

/*
 * Read one input into the counter.  Returns the exit status it
 * deserves.
 */
static int
read_input(struct run *r, const char *path)
{
	const struct options *opt = r->opt;
	struct xf_input in;
	struct xf_row row;
	long gcol, pcol;

	switch (xf_input_open(&in, path, &opt->cli.csv, r->rej, &r->records,
	    &row)) {
	case 0:
		xf_warnat(in.name, 1, "empty input: no header");
		in.status = XF_EXIT_DATA;
		/* FALLTHROUGH */
	case -1:
		return xf_input_close(&in);
	}
	if ((gcol = xf_col_need(&row, opt->gold, &opt->cli.cols, in.name)) ==
	    -1 ||
	    (pcol = xf_col_need(&row, opt->pred, &opt->cli.cols, in.name)) ==
	    -1) {
		in.status = XF_EXIT_FAIL;
		return xf_input_close(&in);
	}
	if (r->hdr == NULL) {
		r->hdr = xf_header_save(&row);
		xf_rejects_header(r->rej, &row);
	} else if (xf_input_same(&in, r->hdr, &row) == -1)
		return xf_input_close(&in);
	while (xf_input_next(&in, &row))
		count_row(r, gcol, pcol, &row);
	return xf_input_close(&in);
}

/*
 * The confusion matrix: one row per gold class, one column per
 * predicted class, both in label order, and a last column (headed with
 * an empty name, "(none)" in Markdown) for rows without a prediction
 * when there were any.
 */
static void
print_confusion(struct run *r, FILE *fp, struct xf_csvout *out)
{
	enum format fmt = r->opt->format;
	struct xf_eval_summary sum;
	struct xf_eval_class c;
	char num[32];
	size_t i, j, n = xf_eval_nclass(r->ev), ncol;

	xf_eval_summary(r->ev, &sum);
	ncol = n + (sum.nopred > 0);
	if (fmt == FMT_MD) {
		fputs("| gold \\ pred |", fp);
		for (j = 0; j < n; j++) {
			xf_eval_class(r->ev, j, &c);
			putc(' ', fp);
			xf_eval_md_label(fp, c.label, c.len);
			fputs(" |", fp);
		}
		if (sum.nopred > 0)
			fputs(" *(none)* |", fp);
		fputs("\n|:---|", fp);
		for (j = 0; j < ncol; j++)
			fputs("---:|", fp);
		putc('\n', fp);
	} else {
		xf_csvout_str(out, "gold\\pred");
		for (j = 0; j < n; j++) {
			xf_eval_class(r->ev, j, &c);
			xf_csvout_field(out, c.label, c.len);
		}
		if (sum.nopred > 0)
			xf_csvout_str(out, "");
		xf_csvout_end(out);
	}
	for (i = 0; i < n; i++) {
		xf_eval_class(r->ev, i, &c);
		if (fmt == FMT_MD) {
			fputs("| ", fp);
			xf_eval_md_label(fp, c.label, c.len);
			fputs(" |", fp);
		} else
			xf_csvout_field(out, c.label, c.len);
		for (j = 0; j < ncol; j++) {
			snprintf(num, sizeof(num), "%llu",
			    xf_eval_cell(r->ev, i, j));
			if (fmt == FMT_MD)
				fprintf(fp, " %s |", num);
			else
				xf_csvout_str(out, num);
		}
		if (fmt == FMT_MD)
			putc('\n', fp);
		else
			xf_csvout_end(out);
	}
}

int
main(int argc, char *argv[])
{
	struct options opt;
	struct run r;
	struct xf_output *outfile;
	struct xf_csvout *out;
	int ch, rc, status = XF_EXIT_OK;

	argv[0] = xf_setprogname(argv[0]);
	memset(&opt, 0, sizeof(opt));
	memset(&r, 0, sizeof(r));
	xf_cli_init(&opt.cli);
	opt.format = FMT_CSV;

	while ((ch = getopt_long(argc, argv, "cf:g:hmp:V" XF_CLI_SHORT,
	    longopts, NULL)) != -1) {
		if ((rc = xf_cli_option(&opt.cli, ch, optarg)) == 1)
			continue;
		if (rc == -1)
			xf_usage(usage_line);
		switch (ch) {
		case 'c':
			opt.confusion = 1;
			break;
		case 'f':
			if (strcmp(optarg, "csv") == 0)
				opt.format = FMT_CSV;
			else if (strcmp(optarg, "md") == 0)
				opt.format = FMT_MD;
			else {
				xf_warnx("--format: expected csv or md: '%s'",
				    optarg);
				xf_usage(usage_line);
			}
			break;
		case 'g':
			opt.gold = optarg;
			break;
		case 'h':
			help();
			/* NOTREACHED */
		case 'm':
			opt.multi = 1;
			break;
		case 'p':
			opt.pred = optarg;
			break;
		case 'V':
			xf_version();
			/* NOTREACHED */
		default:
			xf_usage(usage_line);
		}
	}
	argc -= optind;
	argv += optind;

	if (opt.gold == NULL || opt.pred == NULL) {
		xf_warnx("missing %s: name the %s column", opt.gold == NULL ?
		    "--gold" : "--pred", opt.gold == NULL ? "gold" :
		    "predicted");
		xf_usage(usage_line);
	}
	if (*opt.gold == '\0' || *opt.pred == '\0') {
		xf_warnx("%s: empty column name", *opt.gold == '\0' ?
		    "--gold" : "--pred");
		xf_usage(usage_line);
	}

	r.opt = &opt;
	if ((r.rej = xf_rejects_open(opt.cli.rejects)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	if ((outfile = xf_output_open(opt.cli.output)) == NULL) {
		xf_rejects_close(r.rej);
		return xf_finish(XF_EXIT_FAIL);
	}
	r.ev = xf_eval_new();

	if (argc == 0)
		status = read_input(&r, "-");
	for (; *argv != NULL; argv++) {
		rc = read_input(&r, *argv);
		status = XF_WORST(status, rc);
	}

	if (r.nogold > 0)
		xf_warnx("%llu row%s with an empty gold label skipped",
		    r.nogold, r.nogold == 1 ? "" : "s");

	/* A failed input would make the numbers wrong: write none. */
	if (status == XF_EXIT_FAIL)
		xf_output_abort(outfile);
	else {
		if (xf_eval_nclass(r.ev) == 0)
			xf_warnx("no rows to evaluate");
		out = xf_csvout_new(xf_output_fp(outfile), opt.cli.outdelim,
		    opt.cli.crlf);
		if (opt.cli.bom)
			xf_csvout_bom(out);
		if (opt.format == FMT_MD)
			xf_csvout_flush(out);	/* the BOM first */
		if (opt.confusion)
			print_confusion(&r, xf_output_fp(outfile), out);
		else
			xf_eval_print_scores(r.ev, r.opt->format == FMT_MD,
			    xf_output_fp(outfile), out);
		if (xf_output_finish(outfile, out) == -1)
			status = XF_EXIT_FAIL;
	}
	if (xf_rejects_close(r.rej) == -1)
		status = XF_EXIT_FAIL;

	xf_eval_free(r.ev);
	xf_header_free(r.hdr);
	return xf_finish(status);
}
