/* SPDX-License-Identifier: ISC */

/*
 * xf-train: learn a text classifier from labelled records (character
 * n-grams, TF-IDF, logistic regression; see textmodel.h) and write it
 * as a model file for xf-classify --model; or, with --folds, measure
 * how well such a model does by stratified cross-validation that keeps
 * the records of one id group together, printing xf-eval's table.
 */

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "columns.h"
#include "csvin.h"
#include "csvout.h"
#include "eval.h"
#include "input.h"
#include "map.h"
#include "output.h"
#include "rejects.h"
#include "textmodel.h"
#include "xf.h"

#define MAXTEXT		16
#define MAXWEIGHT	256
#define MAXFOLDS	100

enum format {
	FMT_CSV,
	FMT_MD
};

struct options {
	struct xf_cli	 cli;
	struct xf_tm_opts tm;
	char		*text[MAXTEXT];
	size_t		 ntext;
	const char	*label;
	const char	*group;
	size_t		 folds;
	enum format	 format;
	const char	*wlabel[MAXWEIGHT];
	double		 weight[MAXWEIGHT];
};

struct run {
	const struct options *opt;
	struct xf_tm_data *data;
	struct xf_rejects *rej;
	struct xf_header *hdr;
	struct xf_map	*groups;	/* group value -> number + 1 */
	size_t		*grp;		/* per record */
	size_t		 grpcap;
	unsigned long long records;
};

static const char usage_line[] =
    "usage: xf-train [-hV] [-b bits] [-C cost] [-d delim] [-f format] "
    "[-g col] [-k folds] [-m mindf] [-n range] [-o model] [-T cols] "
    "[-w weight] -l col [file ...]";

static const struct option longopts[] = {
	{ "bits",	required_argument,	NULL,	'b' },
	{ "class-weight", required_argument,	NULL,	'w' },
	{ "cost",	required_argument,	NULL,	'C' },
	{ "folds",	required_argument,	NULL,	'k' },
	{ "format",	required_argument,	NULL,	'f' },
	{ "group",	required_argument,	NULL,	'g' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "label",	required_argument,	NULL,	'l' },
	{ "min-df",	required_argument,	NULL,	'm' },
	{ "ngram",	required_argument,	NULL,	'n' },
	{ "text",	required_argument,	NULL,	'T' },
	{ "version",	no_argument,		NULL,	'V' },
	XF_CLI_LONGOPTS,
	{ NULL,		0,			NULL,	0 }
};

static void	help(void) __attribute__((noreturn));

static void
help(void)
{
	printf("%s\n\n", usage_line);
	fputs("Train a text classifier on labelled records and write the "
	    "model file.\n\n"
	    "  -l, --label=COL         the column holding each record's "
	    "label (required)\n"
	    "  -T, --text=COLS         learn from the text of these columns "
	    "(default:\n"
	    "                          subject and content)\n"
	    "  -C, --cost=C            inverse regularisation strength "
	    "(default 10)\n"
	    "  -n, --ngram=MIN-MAX     character n-gram lengths (default "
	    "1-3)\n"
	    "  -m, --min-df=N          drop n-grams in fewer than N records "
	    "(default 2)\n"
	    "  -b, --bits=N            hash n-grams into 2^N buckets "
	    "(default 20)\n"
	    "  -w, --class-weight=W    'balanced', or LABEL=WEIGHT "
	    "(repeatable)\n"
	    "  -k, --folds=K           cross-validate in K folds and print "
	    "the scores\n"
	    "  -g, --group=COL         keep records with the same value "
	    "together\n"
	    "                          in --folds (default: the id column, "
	    "if any)\n"
	    "  -f, --format=FMT        scores as csv (default) or md\n"
	    "  -h, --help              show this help and exit\n"
	    "  -V, --version           show the version and exit\n"
	    XF_CLI_HELP
	    "\nExample:\n"
	    "  xf-train -l category -o office.model history.csv\n"
	    "  xf-train -l category -k 5 history.csv\n"
	    "\nSee xf-train(1).\n", stdout);
	exit(xf_finish(XF_EXIT_OK));
}

static int
parse_real(const char *opt, const char *arg, double min, double max,
    double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (end == arg || *end != '\0' || errno != 0 || !isfinite(v) ||
	    !(v > min) || v > max) {
		xf_warnx("%s: expected a number above %g, at most %g: '%s'",
		    opt, min, max, arg);
		return -1;
	}
	*out = v;
	return 0;
}

static int
parse_uint(const char *opt, const char *arg, long long min, long long max,
    unsigned *out)
{
	long long v;

	if (xf_parse_count(opt, arg, min, max, &v) == -1)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* --ngram: "MIN-MAX" or "N". */
static int
parse_range(const char *arg, struct xf_tm_opts *tm)
{
	char *end;
	long a, b;

	errno = 0;
	a = strtol(arg, &end, 10);
	b = a;
	if (end != arg && *end == '-')
		b = strtol(end + 1, &end, 10);
	if (end == arg || *end != '\0' || errno != 0 || a < 1 ||
	    b > XF_TM_MAXN || a > b) {
		xf_warnx("--ngram: expected MIN-MAX with 1 <= MIN <= MAX <= "
		    "%d: '%s'", XF_TM_MAXN, arg);
		return -1;
	}
	tm->ngmin = (unsigned)a;
	tm->ngmax = (unsigned)b;
	return 0;
}

static int
parse_weight(char *arg, struct options *opt)
{
	char *eq;
	double w;

	if (strcmp(arg, "balanced") == 0) {
		opt->tm.balanced = 1;
		return 0;
	}
	if ((eq = strrchr(arg, '=')) == NULL || eq == arg) {
		xf_warnx("--class-weight: expected 'balanced' or "
		    "LABEL=WEIGHT: '%s'", arg);
		return -1;
	}
	*eq = '\0';
	if (parse_real("--class-weight", eq + 1, 0, 1e6, &w) == -1)
		return -1;
	if (opt->tm.nweight == MAXWEIGHT) {
		xf_warnx("--class-weight: at most %d labels", MAXWEIGHT);
		return -1;
	}
	opt->wlabel[opt->tm.nweight] = arg;
	opt->weight[opt->tm.nweight++] = w;
	return 0;
}

static int
split_cols(char *arg, char **list, size_t *n)
{
	return xf_cli_split_list("--text", arg, list, n, MAXTEXT);
}

/* The columns of one input. */
struct cols {
	long	 text[MAXTEXT];
	size_t	 ntext;
	long	 label;
	long	 group;		/* -1: none */
};

static int
find_cols(const struct options *opt, const struct xf_row *hdr,
    const char *name, struct cols *c)
{
	size_t i;
	long s, t;

	c->ntext = 0;
	if ((c->label = xf_col_need(hdr, opt->label, &opt->cli.cols,
	    name)) == -1)
		return -1;
	if (opt->ntext > 0) {
		for (i = 0; i < opt->ntext; i++)
			if ((c->text[c->ntext++] = xf_col_need(hdr,
			    opt->text[i], &opt->cli.cols, name)) == -1)
				return -1;
	} else {
		s = xf_col_find(hdr, "subject", &opt->cli.cols);
		t = xf_col_find(hdr, "content", &opt->cli.cols);
		if (s == -1 && t == -1) {
			xf_col_need(hdr, "content", &opt->cli.cols, name);
			return -1;
		}
		if (s != -1)
			c->text[c->ntext++] = s;
		if (t != -1)
			c->text[c->ntext++] = t;
	}
	c->group = -1;
	if (opt->folds > 0) {
		if (opt->group != NULL) {
			if ((c->group = xf_col_need(hdr, opt->group,
			    &opt->cli.cols, name)) == -1)
				return -1;
		} else
			c->group = xf_col_find(hdr, "id", &opt->cli.cols);
	}
	return 0;
}

static void
add_row(struct run *r, const struct cols *c, const struct xf_row *row,
    size_t lstart, size_t llen)
{
	const char *text[MAXTEXT];
	size_t len[MAXTEXT], i, n, *v;
	int isnew;
	char key[32];
	const char *gk;
	size_t gl;

	for (i = 0; i < c->ntext; i++) {
		text[i] = row->field[c->text[i]];
		len[i] = row->len[c->text[i]];
	}
	n = xf_tm_data_count(r->data);
	xf_tm_data_add(r->data, text, len, c->ntext,
	    row->field[c->label] + lstart, llen);
	if (r->opt->folds == 0)
		return;
	if (c->group != -1 && row->len[c->group] > 0) {
		/* A value: "v" and the bytes; no value: the record alone. */
		gk = row->field[c->group];
		gl = row->len[c->group];
		v = xf_map_insert(r->groups, gk, gl, &isnew);
	} else {
		snprintf(key, sizeof(key), "%c%zu", '\0' + 1, n);
		v = xf_map_insert(r->groups, key, strlen(key) + 1, &isnew);
	}
	if (v == NULL)
		xf_errx(XF_EXIT_FAIL, "out of memory");
	if (isnew)
		*v = xf_map_count(r->groups);
	if (n == r->grpcap) {
		r->grpcap = r->grpcap * 2 + 1024;
		r->grp = xf_reallocarray(r->grp, r->grpcap, sizeof(*r->grp));
	}
	r->grp[n] = *v - 1;
}

static int
read_input(struct run *r, const char *path)
{
	const struct options *opt = r->opt;
	struct xf_input in;
	struct xf_row row;
	struct cols c;
	size_t start, len;

	if (xf_input_open(&in, path, &opt->cli.csv, r->rej, &r->records,
	    &row) != 1)
		return xf_input_close(&in);
	if (find_cols(opt, &row, in.name, &c) == -1) {
		in.status = XF_EXIT_FAIL;
		return xf_input_close(&in);
	}
	if (r->hdr == NULL) {
		r->hdr = xf_header_save(&row);
		xf_rejects_header(r->rej, &row);
	} else if (xf_input_same(&in, r->hdr, &row) == -1)
		return xf_input_close(&in);
	while (xf_input_next(&in, &row)) {
		xf_eval_trim(row.field[c.label], row.len[c.label], &start,
		    &len);
		if (len == 0) {
			xf_reject(r->rej, in.name, &row, "empty label");
			in.status = XF_WORST(in.status, XF_EXIT_DATA);
			continue;
		}
		add_row(r, &c, &row, start, len);
	}
	return xf_input_close(&in);
}

/*
 * Cross-validate: train on all folds but one, predict the one, for each
 * fold; count every prediction.  Returns 0, or -1 after a message.
 */
static int
cross_validate(struct run *r, struct xf_eval *ev, const char *info)
{
	struct xf_textmodel *m;
	size_t n = xf_tm_data_count(r->data), i, f, k = r->opt->folds;
	size_t *lab, *fold, p, gl, pl;
	unsigned char *use;
	const char *err, *g, *pr;

	if (xf_map_count(r->groups) < k) {
		xf_warnx("--folds: %zu folds but only %zu groups of records",
		    k, xf_map_count(r->groups));
		return -1;
	}
	lab = xf_calloc(n, sizeof(*lab));
	fold = xf_calloc(n, sizeof(*fold));
	use = xf_calloc(n, 1);
	for (i = 0; i < n; i++)
		lab[i] = xf_tm_data_label(r->data, i);
	xf_tm_folds(lab, r->grp, n, k, fold);
	for (f = 0; f < k; f++) {
		for (i = 0; i < n; i++)
			use[i] = fold[i] != f;
		if ((m = xf_tm_train(r->data, use, info, &err)) == NULL) {
			xf_warnx("fold %zu: %s", f + 1, err);
			free(lab);
			free(fold);
			free(use);
			return -1;
		}
		for (i = 0; i < n; i++) {
			if (use[i])
				continue;
			p = xf_tm_predict_data(m, r->data, i, NULL);
			g = xf_tm_data_labelname(r->data, lab[i], &gl);
			pr = xf_tm_label(m, p, &pl);
			xf_eval_add(ev, g, gl, pr, pl);
		}
		xf_tm_free(m);
	}
	free(lab);
	free(fold);
	free(use);
	return 0;
}

/*
 * Before any training: two labels at least, and every --class-weight
 * label among them.  Returns 0, or -1 after a message.
 */
static int
check_labels(struct run *r)
{
	size_t i, j, n = xf_tm_data_nlabel(r->data), len;
	const char *lab;

	if (n < 2) {
		xf_warnx("need records of at least two labels (all are "
		    "'%s')", xf_tm_data_labelname(r->data, 0, NULL));
		return -1;
	}
	for (j = 0; j < r->opt->tm.nweight; j++) {
		for (i = 0; i < n; i++) {
			lab = xf_tm_data_labelname(r->data, i, &len);
			if (len == strlen(r->opt->wlabel[j]) &&
			    memcmp(lab, r->opt->wlabel[j], len) == 0)
				break;
		}
		if (i == n) {
			xf_warnx("--class-weight: no record has the label "
			    "'%s'", r->opt->wlabel[j]);
			return -1;
		}
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	struct options opt;
	struct run r;
	struct xf_output *out;
	struct xf_textmodel *m;
	struct xf_csvout *csv;
	struct xf_eval *ev;
	const char *err;
	char info[512];
	long long v;
	int ch, rc, status = XF_EXIT_OK;

	argv[0] = xf_setprogname(argv[0]);
	memset(&opt, 0, sizeof(opt));
	memset(&r, 0, sizeof(r));
	xf_cli_init(&opt.cli);
	xf_tm_opts_init(&opt.tm);
	opt.tm.wlabel = opt.wlabel;
	opt.tm.weight = opt.weight;

	while ((ch = getopt_long(argc, argv, "b:C:f:g:hk:l:m:n:T:Vw:"
	    XF_CLI_SHORT, longopts, NULL)) != -1) {
		if ((rc = xf_cli_option(&opt.cli, ch, optarg)) == 1)
			continue;
		if (rc == -1)
			xf_usage(usage_line);
		switch (ch) {
		case 'b':
			if (parse_uint("--bits", optarg, XF_TM_MINBITS,
			    XF_TM_MAXBITS, &opt.tm.bits) == -1)
				xf_usage(usage_line);
			break;
		case 'C':
			if (parse_real("--cost", optarg, 0, 1e9,
			    &opt.tm.C) == -1)
				xf_usage(usage_line);
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
			if (*optarg == '\0') {
				xf_warnx("--group: empty column name");
				xf_usage(usage_line);
			}
			opt.group = optarg;
			break;
		case 'h':
			help();
			/* NOTREACHED */
		case 'k':
			if (xf_parse_count("--folds", optarg, 2, MAXFOLDS,
			    &v) == -1)
				xf_usage(usage_line);
			opt.folds = (size_t)v;
			break;
		case 'l':
			if (*optarg == '\0') {
				xf_warnx("--label: empty column name");
				xf_usage(usage_line);
			}
			opt.label = optarg;
			break;
		case 'm':
			if (parse_uint("--min-df", optarg, 1, 1000000000,
			    &opt.tm.mindf) == -1)
				xf_usage(usage_line);
			break;
		case 'n':
			if (parse_range(optarg, &opt.tm) == -1)
				xf_usage(usage_line);
			break;
		case 'T':
			if (split_cols(optarg, opt.text, &opt.ntext) == -1)
				xf_usage(usage_line);
			break;
		case 'V':
			xf_version();
			/* NOTREACHED */
		case 'w':
			if (parse_weight(optarg, &opt) == -1)
				xf_usage(usage_line);
			break;
		default:
			xf_usage(usage_line);
		}
	}
	argc -= optind;
	argv += optind;
	if (opt.label == NULL) {
		xf_warnx("--label is required");
		xf_usage(usage_line);
	}
	if (opt.folds == 0 && (opt.cli.output == NULL ||
	    strcmp(opt.cli.output, "-") == 0)) {
		xf_warnx("-o MODEL is required (or --folds)");
		xf_usage(usage_line);
	}
	if ((err = xf_tm_opts_check(&opt.tm)) != NULL) {
		xf_warnx("%s", err);
		xf_usage(usage_line);
	}

	r.opt = &opt;
	r.data = xf_tm_data_new(&opt.tm);
	r.groups = xf_map_new(sizeof(size_t));
	if ((r.rej = xf_rejects_open(opt.cli.rejects)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	if (argc == 0)
		status = read_input(&r, "-");
	for (; *argv != NULL; argv++) {
		rc = read_input(&r, *argv);
		status = XF_WORST(status, rc);
	}
	if (xf_rejects_close(r.rej) == -1)
		status = XF_EXIT_FAIL;
	xf_progress_done();
	if (status == XF_EXIT_FAIL)
		goto out;
	if (xf_tm_data_count(r.data) == 0) {
		xf_warnx("no labelled records to learn from");
		status = XF_EXIT_FAIL;
		goto out;
	}
	if (check_labels(&r) == -1) {
		status = XF_EXIT_FAIL;
		goto out;
	}

	snprintf(info, sizeof(info), "xf-train %s; records %zu; ngram %u-%u; "
	    "min-df %u; bits %u; C %g; class weights %s%s", XF_VERSION,
	    xf_tm_data_count(r.data), opt.tm.ngmin, opt.tm.ngmax,
	    opt.tm.mindf, opt.tm.bits, opt.tm.C,
	    opt.tm.balanced ? "balanced" : "none",
	    opt.tm.nweight > 0 ? " and explicit" : "");

	if (opt.folds > 0) {
		ev = xf_eval_new();
		if (cross_validate(&r, ev, info) == -1) {
			xf_eval_free(ev);
			status = XF_EXIT_FAIL;
			goto out;
		}
		csv = xf_csvout_new(stdout, opt.cli.outdelim, opt.cli.crlf);
		if (opt.cli.bom && opt.format == FMT_CSV)
			xf_csvout_bom(csv);
		xf_eval_print_scores(ev, opt.format == FMT_MD, stdout, csv);
		xf_csvout_free(csv);
		xf_eval_free(ev);
		if (opt.cli.output == NULL || strcmp(opt.cli.output, "-") == 0)
			goto out;
	}

	if ((m = xf_tm_train(r.data, NULL, info, &err)) == NULL) {
		xf_warnx("%s", err);
		status = XF_EXIT_FAIL;
		goto out;
	}
	if ((out = xf_output_open(opt.cli.output)) == NULL) {
		xf_tm_free(m);
		status = XF_EXIT_FAIL;
		goto out;
	}
	if (xf_tm_save(m, xf_output_fp(out)) == -1) {
		xf_warn("%s", opt.cli.output);
		xf_output_abort(out);
		status = XF_EXIT_FAIL;
	} else if (xf_output_commit(out) == -1)
		status = XF_EXIT_FAIL;
	xf_tm_free(m);
out:
	xf_tm_data_free(r.data);
	xf_map_free(r.groups);
	xf_header_free(r.hdr);
	free(r.grp);
	return xf_finish(status);
}
