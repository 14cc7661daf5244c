/* SPDX-License-Identifier: ISC */

/*
 * xf-route: name the department responsible for each classified
 * petition, and the departments that assist, from its category,
 * subcategory and district, by a routing table (see route.h).  The
 * default table, 延吉市's, is compiled in; --table replaces it and
 * --dump-table prints the one in use.  A record the table has no row
 * for, or one without a category, goes to the fallback row (信访局 by
 * default): only records whose CSV is broken are rejected.
 */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "columns.h"
#include "csvin.h"
#include "csvout.h"
#include "input.h"
#include "output.h"
#include "rejects.h"
#include "route.h"
#include "xf.h"

struct options {
	struct xf_cli	 cli;
	const char	*table;		/* -t: NULL for the default */
	int		 dump;		/* -D */
};

/* Column indexes in the current input, -1 when absent. */
struct cols {
	long	 category, subcategory, district;
	long	 department, co;	/* replaced in place when present */
};

struct run {
	const struct options *opt;
	const struct xf_route_table *table;
	struct xf_csvout *out;
	struct xf_rejects *rej;
	struct xf_header *hdr;
	unsigned long long records;
};

static const char usage_line[] =
    "usage: xf-route [-DhV] [-d delim] [-o file] [-t table] [file ...]";

static const struct option longopts[] = {
	{ "dump-table",	no_argument,		NULL,	'D' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "table",	required_argument,	NULL,	't' },
	{ "version",	no_argument,		NULL,	'V' },
	XF_CLI_LONGOPTS,
	{ NULL,		0,			NULL,	0 }
};

static void	help(void) __attribute__((noreturn));

static void
help(void)
{
	printf("%s\n\n", usage_line);
	fputs("Route classified petitions: append department, "
	    "co_departments.\n\n"
	    "  -D, --dump-table        print the routing table in use and "
	    "exit\n"
	    "  -t, --table=FILE        route by the table in FILE instead of "
	    "the default\n"
	    "  -h, --help              show this help and exit\n"
	    "  -V, --version           show the version and exit\n"
	    XF_CLI_HELP
	    "\nA record takes the first table row for (category, subcategory, "
	    "district),\n"
	    "(category, subcategory, *), (category, *, district), "
	    "(category, *, *),\n"
	    "(*, *, district), (*, *, *).\n"
	    "\nExample:\n"
	    "  xf-classify export.csv | xf-route > routed.csv\n"
	    "\nSee xf-route(1).\n", stdout);
	exit(xf_finish(XF_EXIT_OK));
}

/* Problems in the routing table, as "xf-route: FILE:LINE: ...". */
static void
report(void *arg, const char *name, unsigned long line, const char *msg)
{
	(void)arg;
	if (line == 0)
		xf_warnx("%s: %s", name, msg);
	else
		xf_warnat(name, line, "%s", msg);
}

static struct xf_route_table *
load_table(const char *path)
{
	struct xf_route_table *t;
	FILE *fp;

	if (path == NULL)
		return xf_route_defaults(report, NULL);
	if ((fp = fopen(path, "r")) == NULL) {
		xf_warn("%s", path);
		return NULL;
	}
	t = xf_route_load(fp, path, report, NULL);
	fclose(fp);
	return t;
}

/*
 * The columns of one input.  Only category must be there (else status
 * 2); department and co_departments, when the input has them (from an
 * earlier run, say), are overwritten rather than added again.
 */
static int
find_columns(const struct options *opt, const struct xf_row *hdr,
    const char *name, struct cols *c)
{
	const struct xf_colmap *map = &opt->cli.cols;

	if ((c->category = xf_col_need(hdr, "category", map, name)) == -1)
		return -1;
	c->subcategory = xf_col_find(hdr, "subcategory", map);
	c->district = xf_col_find(hdr, "district", map);
	c->department = xf_col_find(hdr, "department", map);
	c->co = xf_col_find(hdr, "co_departments", map);
	return 0;
}

static void
write_header(struct run *r, const struct cols *c, const struct xf_row *hdr)
{
	if (r->opt->cli.bom)
		xf_csvout_bom(r->out);
	xf_csvout_row(r->out, hdr);
	if (c->department == -1)
		xf_csvout_str(r->out, "department");
	if (c->co == -1)
		xf_csvout_str(r->out, "co_departments");
	xf_csvout_end(r->out);
}

static void
route_row(struct run *r, const struct cols *c, const struct xf_row *row)
{
	const struct xf_route *rt;
	const char *sub = "", *dist = "";
	size_t sublen = 0, distlen = 0, i;

	if (c->subcategory != -1) {
		sub = row->field[c->subcategory];
		sublen = row->len[c->subcategory];
	}
	if (c->district != -1) {
		dist = row->field[c->district];
		distlen = row->len[c->district];
	}
	rt = xf_route_find(r->table, row->field[c->category],
	    row->len[c->category], sub, sublen, dist, distlen);
	for (i = 0; i < row->nfield; i++) {
		if ((long)i == c->department)
			xf_csvout_str(r->out, rt->department);
		else if ((long)i == c->co)
			xf_csvout_str(r->out, rt->co_departments);
		else
			xf_csvout_field(r->out, row->field[i], row->len[i]);
	}
	if (c->department == -1)
		xf_csvout_str(r->out, rt->department);
	if (c->co == -1)
		xf_csvout_str(r->out, rt->co_departments);
	xf_csvout_end(r->out);
}

/* Route one input.  Returns the exit status it deserves. */
static int
route(struct run *r, const char *path)
{
	const struct options *opt = r->opt;
	struct xf_input in;
	struct xf_row row;
	struct cols c;

	/* An empty input has nothing to route, as xf-classify. */
	if (xf_input_open(&in, path, &opt->cli.csv, r->rej, &r->records,
	    &row) != 1)
		return xf_input_close(&in);
	if (find_columns(opt, &row, in.name, &c) == -1) {
		in.status = XF_EXIT_FAIL;
		return xf_input_close(&in);
	}
	if (r->hdr == NULL) {
		r->hdr = xf_header_save(&row);
		xf_rejects_header(r->rej, &row);
		write_header(r, &c, &row);
	} else if (xf_input_same(&in, r->hdr, &row) == -1)
		return xf_input_close(&in);
	while (xf_input_next(&in, &row))
		route_row(r, &c, &row);
	return xf_input_close(&in);
}

/* --dump-table: the table to standard output or -o FILE. */
static int
dump(const struct options *opt, const struct xf_route_table *t)
{
	struct xf_output *o;

	if ((o = xf_output_open(opt->cli.output)) == NULL)
		return XF_EXIT_FAIL;
	if (xf_route_dump(t, xf_output_fp(o)) == 0)
		return xf_output_commit(o) == -1 ? XF_EXIT_FAIL : XF_EXIT_OK;
	/* As xf_output_finish: standard output is xf_finish's to report. */
	if (xf_output_fp(o) != stdout)
		xf_warn("%s", xf_output_name(o));
	xf_output_abort(o);
	return XF_EXIT_FAIL;
}

int
main(int argc, char *argv[])
{
	struct options opt;
	struct run r;
	struct xf_route_table *table;
	struct xf_output *outfile;
	int ch, rc, status = XF_EXIT_OK;

	argv[0] = xf_setprogname(argv[0]);
	memset(&opt, 0, sizeof(opt));
	memset(&r, 0, sizeof(r));
	xf_cli_init(&opt.cli);

	while ((ch = getopt_long(argc, argv, "DhVt:" XF_CLI_SHORT, longopts,
	    NULL)) != -1) {
		if ((rc = xf_cli_option(&opt.cli, ch, optarg)) == 1)
			continue;
		if (rc == -1)
			xf_usage(usage_line);
		switch (ch) {
		case 'D':
			opt.dump = 1;
			break;
		case 'h':
			help();
			/* NOTREACHED */
		case 't':
			opt.table = optarg;
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

	/* A table that cannot be used is the caller's problem: 2. */
	if ((table = load_table(opt.table)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	if (opt.dump) {
		status = dump(&opt, table);
		xf_route_free(table);
		return xf_finish(status);
	}

	r.opt = &opt;
	r.table = table;
	if ((r.rej = xf_rejects_open(opt.cli.rejects)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	if ((outfile = xf_output_open(opt.cli.output)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	r.out = xf_csvout_new(xf_output_fp(outfile), opt.cli.outdelim,
	    opt.cli.crlf);

	if (argc == 0)
		status = route(&r, "-");
	for (; *argv != NULL; argv++) {
		rc = route(&r, *argv);
		status = XF_WORST(status, rc);
	}

	if (xf_output_finish(outfile, r.out) == -1)
		status = XF_EXIT_FAIL;
	if (xf_rejects_close(r.rej) == -1)
		status = XF_EXIT_FAIL;
	xf_route_free(table);
	xf_header_free(r.hdr);
	return xf_finish(status);
}
