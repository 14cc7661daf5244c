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
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

struct run {
	const struct options *opt;
	struct xf_classifier *cls;
	struct xf_csvout *out;
	struct xf_rejects *rej;
	struct xf_header *hdr;
	char		*joined;	/* --text columns joined */
	size_t		 joinedcap;
	struct xf_textmodel *model;	/* --model */
	double		*prob;		/* per model class */
	char		*label;		/* the model's label, split */
	char		*mexplain;	/* --explain in model mode */
	size_t		 mexplaincap;
	unsigned long long records;
};

static const char usage_line[] =
    "usage: xf-classify [-AaDhVx] [-d delim] [-o file] [-r rules] "
    "[-M model] [-m mode] [-s weight] [-T cols] [-t threshold] "
    "[file ...]";

enum { OPT_ADD = 0x200 };

static const struct option longopts[] = {
	{ "add-rules",	required_argument,	NULL,	'a' },
	{ "all",	no_argument,		NULL,	'A' },
	{ "dump-rules",	no_argument,		NULL,	'D' },
	{ "explain",	no_argument,		NULL,	'x' },
	{ "help",	no_argument,		NULL,	'h' },
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
write_verdict(struct run *r, const struct xf_row *row,
    const struct xf_verdict *v)
{
	char conf[16];

	xf_csvout_row(r->out, row);
	if (r->opt->all) {
		xf_csvout_str(r->out, v->all);
		xf_csvout_str(r->out, v->allsub);
	} else {
		xf_csvout_str(r->out, v->category);
		xf_csvout_str(r->out, v->subcategory);
	}
	format_confidence(v->confidence, conf, sizeof(conf));
	xf_csvout_str(r->out, conf);
	xf_csvout_str(r->out, v->evidence);
	if (r->opt->explain)
		xf_csvout_str(r->out, v->explain);
	xf_csvout_end(r->out);
}

/*
 * The model's verdict: its label (category, or category/subcategory
 * split at the first '/') and probability; --explain lists the three
 * likeliest labels.
 */
static void
model_verdict(struct run *r, const struct textcols *tc,
    const struct xf_row *row, struct xf_verdict *v)
{
	const char *text[MAXTEXT + 1], *lab;
	char *slash, *sub;
	size_t len[MAXTEXT + 1], n = 0, i, j, best, llen, nc, k;
	char buf[32];

	if (r->opt->ntext > 0)
		for (i = 0; i < r->opt->ntext; i++) {
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
	best = xf_tm_predict(r->model, text, len, n, r->prob);
	lab = xf_tm_label(r->model, best, &llen);
	free(r->label);
	r->label = xf_memdup(lab, llen);
	if (r->mexplain == NULL) {
		r->mexplaincap = 256;
		r->mexplain = xf_malloc(r->mexplaincap);
	}
	r->mexplain[0] = '\0';
	sub = r->mexplain;	/* "" */
	if ((slash = strchr(r->label, '/')) != NULL) {
		*slash = '\0';
		sub = slash + 1;
	}
	v->category = v->all = r->label;
	v->subcategory = v->allsub = sub;
	v->confidence = r->prob[best];
	v->evidence = v->explain = r->mexplain;
	v->error = NULL;
	if (!r->opt->explain)
		return;
	/* The three likeliest, best first: "label:0.93;label:0.04". */
	nc = xf_tm_nclass(r->model);
	for (k = 0, j = 0; k < 3 && k < nc; k++) {
		for (i = 0, best = nc; i < nc; i++)
			if (r->prob[i] >= 0 && (best == nc ||
			    r->prob[i] > r->prob[best]))
				best = i;
		lab = xf_tm_label(r->model, best, &llen);
		snprintf(buf, sizeof(buf), ":%.2f", r->prob[best]);
		if (j + llen + strlen(buf) + 2 > r->mexplaincap) {
			r->mexplaincap = (j + llen + strlen(buf) + 2) * 2;
			r->mexplain = xf_reallocarray(r->mexplain,
			    r->mexplaincap, 1);
		}
		if (k > 0)
			r->mexplain[j++] = ';';
		memcpy(r->mexplain + j, lab, llen);
		j += llen;
		memcpy(r->mexplain + j, buf, strlen(buf) + 1);
		j += strlen(buf);
		r->prob[best] = -1;
	}
	v->evidence = sub = r->mexplain + j;	/* empty */
	v->explain = r->mexplain;
	if (slash == NULL)
		v->subcategory = v->allsub = sub;
}

static int
classify_row(struct run *r, const struct textcols *tc,
    const struct xf_row *row, const char *name)
{
	struct xf_verdict v;
	const char *subj = "", *cont = "";
	size_t slen = 0, clen = 0, i, need;
	int rc;

	if (r->opt->ntext > 0) {
		for (i = 0, need = 1; i < r->opt->ntext; i++)
			need += row->len[tc->text[i]] + 1;
		if (r->joinedcap < need) {
			r->joinedcap = need + 256;
			r->joined = xf_reallocarray(r->joined, r->joinedcap, 1);
		}
		for (i = 0; i < r->opt->ntext; i++) {
			if (i > 0)
				r->joined[clen++] = '\n';
			memcpy(r->joined + clen, row->field[tc->text[i]],
			    row->len[tc->text[i]]);
			clen += row->len[tc->text[i]];
		}
		cont = r->joined;
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
	if (r->opt->mode == MODE_MODEL) {
		model_verdict(r, tc, row, &v);
		write_verdict(r, row, &v);
		return 0;
	}
	rc = xf_classify(r->cls, subj, slen, cont, clen, &v);
	if (rc == -1) {
		xf_reject(r->rej, name, row, "%s", v.error);
		return 1;
	}
	if (r->opt->mode == MODE_HYBRID &&
	    (strcmp(v.category, XF_RULES_OTHER) == 0 ||
	    v.confidence < HYBRID_CONFIDENCE))
		model_verdict(r, tc, row, &v);
	write_verdict(r, row, &v);
	return 0;
}

static int
classify(struct run *r, const char *path)
{
	const struct options *opt = r->opt;
	struct xf_input in;
	struct xf_row row;
	struct textcols tc;

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
	while (xf_input_next(&in, &row))
		if (classify_row(r, &tc, &row, in.name))
			in.status = XF_WORST(in.status, XF_EXIT_DATA);
	return xf_input_close(&in);
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
	int ch, rc, status = XF_EXIT_OK;

	argv[0] = xf_setprogname(argv[0]);
	memset(&opt, 0, sizeof(opt));
	memset(&r, 0, sizeof(r));
	xf_cli_init(&opt.cli);

	while ((ch = getopt_long(argc, argv, "Aa:DhM:m:Vr:s:T:t:x" XF_CLI_SHORT,
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
	if (modelfile != NULL && !opt.dump) {
		if ((r.model = xf_tm_load(modelfile, &err)) == NULL) {
			xf_warnx("%s: %s", modelfile, err);
			return xf_finish(XF_EXIT_FAIL);
		}
		r.prob = xf_calloc(xf_tm_nclass(r.model), sizeof(*r.prob));
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
	if (rc == -1) {
		xf_rules_free(rules);
		return xf_finish(XF_EXIT_FAIL);
	}
	xf_rules_set_threshold(rules, threshold);
	xf_rules_set_subject_weight(rules, subjw);
	if (opt.dump) {
		xf_rules_dump(rules, stdout);
		xf_rules_free(rules);
		return xf_finish(XF_EXIT_OK);
	}

	r.opt = &opt;
	r.cls = xf_classifier_new(rules);
	xf_classifier_set_lists(r.cls, opt.explain, opt.all);
	if (getenv("XF_PROFILE") != NULL)
		xf_classifier_profile(r.cls);
	if ((r.rej = xf_rejects_open(opt.cli.rejects)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	if ((outfile = xf_output_open(opt.cli.output)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	r.out = xf_csvout_new(xf_output_fp(outfile), opt.cli.outdelim,
	    opt.cli.crlf);

	if (argc == 0)
		status = classify(&r, "-");
	for (; *argv != NULL; argv++) {
		rc = classify(&r, *argv);
		status = XF_WORST(status, rc);
	}

	if (xf_output_finish(outfile, r.out) == -1)
		status = XF_EXIT_FAIL;
	xf_classifier_profile_dump(r.cls, stderr);
	if (xf_rejects_close(r.rej) == -1)
		status = XF_EXIT_FAIL;
	xf_classifier_free(r.cls);
	xf_rules_free(rules);
	xf_header_free(r.hdr);
	free(r.joined);
	xf_tm_free(r.model);
	free(r.prob);
	free(r.label);
	free(r.mexplain);
	return xf_finish(status);
}
