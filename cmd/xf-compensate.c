/* SPDX-License-Identifier: ISC */

/*
 * xf-compensate: what the law gives a petitioner, one case per row.  The
 * type column says which rule applies (severance, unlawful, no-contract,
 * arrears, injury, death, land, house); the tool appends the one-off
 * amount, the monthly amount of recurring benefits, the components with
 * their multipliers, the articles and parameter sources they rest on,
 * and warnings.  The rules and their parameters are in lib/compensate.c
 * and lib/data/params.csv; --params replaces parameters, --dump-params
 * prints them, and --explain shows the working.  A case that cannot be
 * computed goes to the rejects with the reason.
 */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "columns.h"
#include "compensate.h"
#include "csvin.h"
#include "csvout.h"
#include "input.h"
#include "output.h"
#include "params.h"
#include "rejects.h"
#include "xf.h"

enum {
	OPT_DUMP = 'D',
	OPT_EXPLAIN = 'e',
	OPT_PRE2008 = 'P',
	OPT_PARAMS = 'p',
	OPT_REGION = 'r',
	OPT_TRACE = 't'
};

struct options {
	struct xf_cli	 cli;
	const char	*params;	/* -p: NULL for the built-in table only */
	const char	*region;	/* -r: NULL for 延吉市 */
	const char	*trace;		/* -t */
	int		 dump;		/* -D */
	int		 explain;	/* -e or -t */
	enum xf_pre2008	 pre2008;	/* -P */
};

/* The output columns, replaced in place when the input has them. */
enum { O_AMOUNT, O_MONTHLY, O_COMPONENTS, O_BASIS, O_WARNINGS, O_N };

static const char *const onames[O_N] = {
	"amount", "monthly_amount", "components", "basis", "warnings"
};

/* Column indexes of the current input, -1 when absent. */
struct cols {
	long	 field[XF_CL_NFIELDS];
	long	 out[O_N];
	long	 case_id;
	size_t	 nover;
	int	 over_param[XF_CLAIM_MAXOVER];
	long	 over_col[XF_CLAIM_MAXOVER];
};

struct run {
	const struct options *opt;
	struct xf_compensator *comp;
	struct xf_csvout *out;
	struct xf_rejects *rej;
	struct xf_header *hdr;
	struct xf_output *tracefile;
	FILE		*trace;		/* NULL unless explaining */
	unsigned long long records;
};

static const char usage_line[] =
    "usage: xf-compensate [-DehV] [-d delim] [-o file] [-P mode] "
    "[-p file] [-r region] [-t file] [file ...]";

static const struct option longopts[] = {
	{ "dump-params", no_argument,		NULL,	OPT_DUMP },
	{ "explain",	no_argument,		NULL,	OPT_EXPLAIN },
	{ "help",	no_argument,		NULL,	'h' },
	{ "params",	required_argument,	NULL,	OPT_PARAMS },
	{ "pre2008",	required_argument,	NULL,	OPT_PRE2008 },
	{ "region",	required_argument,	NULL,	OPT_REGION },
	{ "trace",	required_argument,	NULL,	OPT_TRACE },
	{ "version",	no_argument,		NULL,	'V' },
	XF_CLI_LONGOPTS,
	{ NULL,		0,			NULL,	0 }
};

static void	help(void) __attribute__((noreturn));

static void
help(void)
{
	printf("%s\n\n", usage_line);
	fputs("Compute statutory compensation per case: append amount, "
	    "monthly_amount,\ncomponents, basis, warnings.\n\n"
	    "  -D, --dump-params       print the parameter table in use and "
	    "exit\n"
	    "  -e, --explain           print the working of each case on "
	    "standard error\n"
	    "  -P, --pre2008=MODE      service before 2008 in severance: "
	    "continuous (default)\n"
	    "                          or split (481号 before 2008)\n"
	    "  -p, --params=FILE       parameters from FILE replace the "
	    "built-in ones\n"
	    "  -r, --region=REGION     region of cases without one "
	    "(default 延吉市)\n"
	    "  -t, --trace=FILE        write the working to FILE instead\n"
	    "  -h, --help              show this help and exit\n"
	    "  -V, --version           show the version and exit\n"
	    XF_CLI_HELP
	    "\nTypes: severance, unlawful, no-contract, arrears, injury, "
	    "death, land, house.\n"
	    "A column named as a parameter (avg_monthly_wage, min_wage, ...) "
	    "overrides it.\n"
	    "\nExample:\n"
	    "  xf-compensate --params local.csv cases.csv > owed.csv\n"
	    "\nSee xf-compensate(1).\n", stdout);
	exit(xf_finish(XF_EXIT_OK));
}

static void
find_columns(const struct options *opt, const struct xf_row *hdr,
    struct cols *c)
{
	const struct xf_colmap *map = &opt->cli.cols;
	const char *name;
	long idx;
	int i;

	for (i = 0; i < XF_CL_NFIELDS; i++)
		c->field[i] = xf_col_find(hdr, xf_compensate_field(i), map);
	for (i = 0; i < O_N; i++)
		c->out[i] = xf_col_find(hdr, onames[i], map);
	c->case_id = xf_col_find(hdr, "case_id", map);
	c->nover = 0;
	for (i = 0; (name = xf_compensate_param(i)) != NULL; i++) {
		if ((idx = xf_col_find(hdr, name, map)) == -1)
			continue;
		if (c->nover == XF_CLAIM_MAXOVER)
			break;
		c->over_param[c->nover] = i;
		c->over_col[c->nover] = idx;
		c->nover++;
	}
}

static void
write_header(struct run *r, const struct cols *c, const struct xf_row *hdr)
{
	int i;

	if (r->opt->cli.bom)
		xf_csvout_bom(r->out);
	xf_csvout_row(r->out, hdr);
	for (i = 0; i < O_N; i++)
		if (c->out[i] == -1)
			xf_csvout_str(r->out, onames[i]);
	xf_csvout_end(r->out);
}

static void
write_row(struct run *r, const struct cols *c, const struct xf_row *row,
    const struct xf_award *a)
{
	char amount[XF_MONEY_BUFSZ], monthly[XF_MONEY_BUFSZ];
	const char *v[O_N];
	size_t i;
	int j;

	v[O_AMOUNT] = xf_money_format(a->amount, amount, sizeof(amount));
	v[O_MONTHLY] = a->has_monthly ?
	    xf_money_format(a->monthly, monthly, sizeof(monthly)) : "";
	v[O_COMPONENTS] = a->components;
	v[O_BASIS] = a->basis;
	v[O_WARNINGS] = a->warnings;
	for (i = 0; i < row->nfield; i++) {
		for (j = 0; j < O_N; j++)
			if (c->out[j] == (long)i)
				break;
		if (j < O_N)
			xf_csvout_str(r->out, v[j]);
		else
			xf_csvout_field(r->out, row->field[i], row->len[i]);
	}
	for (j = 0; j < O_N; j++)
		if (c->out[j] == -1)
			xf_csvout_str(r->out, v[j]);
	xf_csvout_end(r->out);
}

/* The working of one case, on stderr or in the --trace file. */
static void
trace(struct run *r, const char *name, const struct cols *c,
    const struct xf_row *row, const struct xf_award *a, int ok)
{
	char amount[XF_MONEY_BUFSZ], monthly[XF_MONEY_BUFSZ];

	if (r->trace == NULL)
		return;
	if (r->trace == stderr)
		fflush(stdout);
	fprintf(r->trace, "%s:%lu:", name, row->line);
	if (c->case_id != -1)
		fprintf(r->trace, " case_id %.*s",
		    (int)row->len[c->case_id], row->field[c->case_id]);
	if (!ok) {
		fprintf(r->trace, " rejected: %s\n", a->error);
		return;
	}
	fprintf(r->trace, "\n%s", a->explain);
	fprintf(r->trace, "  amount = %s",
	    xf_money_format(a->amount, amount, sizeof(amount)));
	if (a->has_monthly)
		fprintf(r->trace, ", monthly_amount = %s",
		    xf_money_format(a->monthly, monthly, sizeof(monthly)));
	fputc('\n', r->trace);
}

static int
compute_row(struct run *r, const char *name, const struct cols *c,
    const struct xf_row *row)
{
	struct xf_claim cl;
	struct xf_award a;
	size_t i;
	int ok;

	for (i = 0; i < XF_CL_NFIELDS; i++) {
		if (c->field[i] == -1) {
			cl.val[i] = NULL;
			cl.len[i] = 0;
		} else {
			cl.val[i] = row->field[c->field[i]];
			cl.len[i] = row->len[c->field[i]];
		}
	}
	cl.nover = c->nover;
	for (i = 0; i < c->nover; i++) {
		cl.over[i].param = c->over_param[i];
		cl.over[i].val = row->field[c->over_col[i]];
		cl.over[i].len = row->len[c->over_col[i]];
	}
	ok = xf_compensate_run(r->comp, &cl, &a) == 0;
	trace(r, name, c, row, &a, ok);
	if (!ok) {
		xf_reject(r->rej, name, row, "%s", a.error);
		return XF_EXIT_DATA;
	}
	write_row(r, c, row, &a);
	return XF_EXIT_OK;
}

/* Compute every case of one input.  Returns the exit status it deserves. */
static int
compensate(struct run *r, const char *path)
{
	const struct options *opt = r->opt;
	struct xf_input in;
	struct xf_row row;
	struct cols c;
	int st;

	if (xf_input_open(&in, path, &opt->cli.csv, r->rej, &r->records,
	    &row) != 1)
		return xf_input_close(&in);
	if (xf_col_need(&row, "type", &opt->cli.cols, in.name) == -1) {
		in.status = XF_EXIT_FAIL;
		return xf_input_close(&in);
	}
	find_columns(opt, &row, &c);
	if (r->hdr == NULL) {
		r->hdr = xf_header_save(&row);
		xf_rejects_header(r->rej, &row);
		write_header(r, &c, &row);
	} else if (xf_input_same(&in, r->hdr, &row) == -1)
		return xf_input_close(&in);
	while (xf_input_next(&in, &row)) {
		st = compute_row(r, in.name, &c, &row);
		in.status = XF_WORST(in.status, st);
	}
	return xf_input_close(&in);
}

/* --dump-params: the table to standard output or -o FILE. */
static int
dump(const struct options *opt, const struct xf_params *p)
{
	return xf_params_dump_to(p, opt->cli.output, NULL) == 0 ?
	    XF_EXIT_OK : XF_EXIT_FAIL;
}

int
main(int argc, char *argv[])
{
	struct options opt;
	struct run r;
	struct xf_params *params;
	struct xf_output *outfile;
	int ch, rc, status = XF_EXIT_OK;

	argv[0] = xf_setprogname(argv[0]);
	memset(&opt, 0, sizeof(opt));
	memset(&r, 0, sizeof(r));
	xf_cli_init(&opt.cli);
	opt.pre2008 = XF_PRE2008_CONTINUOUS;

	while ((ch = getopt_long(argc, argv, "DehP:p:r:t:V" XF_CLI_SHORT,
	    longopts, NULL)) != -1) {
		if ((rc = xf_cli_option(&opt.cli, ch, optarg)) == 1)
			continue;
		if (rc == -1)
			xf_usage(usage_line);
		switch (ch) {
		case OPT_DUMP:
			opt.dump = 1;
			break;
		case OPT_EXPLAIN:
			opt.explain = 1;
			break;
		case 'h':
			help();
			/* NOTREACHED */
		case OPT_PRE2008:
			if (strcmp(optarg, "continuous") == 0)
				opt.pre2008 = XF_PRE2008_CONTINUOUS;
			else if (strcmp(optarg, "split") == 0)
				opt.pre2008 = XF_PRE2008_SPLIT;
			else {
				xf_warnx("--pre2008: expected continuous or "
				    "split: '%s'", optarg);
				xf_usage(usage_line);
			}
			break;
		case OPT_PARAMS:
			opt.params = optarg;
			break;
		case OPT_REGION:
			if (*optarg == '\0') {
				xf_warnx("--region: empty");
				xf_usage(usage_line);
			}
			opt.region = optarg;
			break;
		case OPT_TRACE:
			opt.trace = optarg;
			opt.explain = 1;
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

	/* Parameters that cannot be loaded are the caller's problem: 2. */
	params = xf_params_new();
	if (xf_params_defaults(params) == -1 ||
	    (opt.params != NULL && xf_params_load(params, opt.params) == -1)) {
		xf_params_free(params);
		return xf_finish(XF_EXIT_FAIL);
	}
	if (opt.dump) {
		status = dump(&opt, params);
		xf_params_free(params);
		return xf_finish(status);
	}

	r.opt = &opt;
	r.comp = xf_compensate_new(params, opt.region);
	xf_compensate_set_pre2008(r.comp, opt.pre2008);
	xf_compensate_set_explain(r.comp, opt.explain);
	if (opt.trace != NULL) {
		if ((r.tracefile = xf_output_open(opt.trace)) == NULL)
			return xf_finish(XF_EXIT_FAIL);
		r.trace = xf_output_fp(r.tracefile);
	} else if (opt.explain)
		r.trace = stderr;
	if ((r.rej = xf_rejects_open(opt.cli.rejects)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	if ((outfile = xf_output_open(opt.cli.output)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	r.out = xf_csvout_new(xf_output_fp(outfile), opt.cli.outdelim,
	    opt.cli.crlf);

	if (argc == 0)
		status = compensate(&r, "-");
	for (; *argv != NULL; argv++) {
		rc = compensate(&r, *argv);
		status = XF_WORST(status, rc);
	}

	xf_progress_done();
	if (xf_output_finish(outfile, r.out) == -1)
		status = XF_EXIT_FAIL;
	if (r.tracefile != NULL && xf_output_commit(r.tracefile) == -1)
		status = XF_EXIT_FAIL;
	if (xf_rejects_close(r.rej) == -1)
		status = XF_EXIT_FAIL;
	xf_compensate_free(r.comp);
	xf_params_free(params);
	xf_header_free(r.hdr);
	return xf_finish(status);
}
