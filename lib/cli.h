/* SPDX-License-Identifier: ISC */

/*
 * The options every CSV-reading tool shares, parsed in one place so that
 * they mean the same thing everywhere (see xf(7)):
 *
 *   -d C, --delimiter=C     input field separator (one byte, or \t)
 *   -o FILE, --output=FILE  write atomically to FILE instead of stdout
 *   --encoding=ENC          auto, utf-8, gb18030 or gbk
 *   --rejects=FILE          where rejected records go
 *   --max-field=SIZE        the largest field accepted (default 1M)
 *   --out-delimiter=C       output field separator (default ,)
 *   --crlf                  end output records with CRLF
 *   --bom                   start the output with a UTF-8 BOM
 *   --col NAME=HEADER       read column NAME from HEADER
 *
 * A tool appends XF_CLI_SHORT to its getopt string and XF_CLI_LONGOPTS
 * to its option table, and hands each option to xf_cli_option first.
 */

#ifndef XF_CLI_H
#define XF_CLI_H

#include <getopt.h>

#include "columns.h"
#include "csvin.h"

enum {
	XF_OPT_BOM = 0x100,
	XF_OPT_COL,
	XF_OPT_CRLF,
	XF_OPT_ENCODING,
	XF_OPT_MAXFIELD,
	XF_OPT_OUTDELIM,
	XF_OPT_REJECTS
};

#define XF_CLI_SHORT	"d:o:"

#define XF_CLI_LONGOPTS \
	{ "bom",		no_argument,		NULL,	XF_OPT_BOM }, \
	{ "col",		required_argument,	NULL,	XF_OPT_COL }, \
	{ "crlf",		no_argument,		NULL,	XF_OPT_CRLF }, \
	{ "delimiter",		required_argument,	NULL,	'd' }, \
	{ "encoding",		required_argument,	NULL,	XF_OPT_ENCODING }, \
	{ "max-field",		required_argument,	NULL,	XF_OPT_MAXFIELD }, \
	{ "out-delimiter",	required_argument,	NULL,	XF_OPT_OUTDELIM }, \
	{ "output",		required_argument,	NULL,	'o' }, \
	{ "rejects",		required_argument,	NULL,	XF_OPT_REJECTS }

/* The help text for the shared options, ready to print. */
#define XF_CLI_HELP \
	"  -d, --delimiter=C       input field separator (default ,; \\t for tab)\n" \
	"  -o, --output=FILE       write to FILE, replaced only when complete\n" \
	"      --encoding=ENC      auto (default), utf-8, gb18030 or gbk\n" \
	"      --rejects=FILE      write rejected records there, with _line, _error\n" \
	"      --max-field=SIZE    largest field accepted (default 1M)\n" \
	"      --out-delimiter=C   output field separator (default ,)\n" \
	"      --crlf              end output records with CRLF\n" \
	"      --bom               start the output with a UTF-8 byte order mark\n" \
	"      --col NAME=HEADER   read column NAME from the column HEADER\n"

struct xf_cli {
	struct xf_csvopt csv;
	const char	*output;	/* NULL: standard output */
	const char	*rejects;	/* NULL: none */
	int		 outdelim;
	int		 crlf;
	int		 bom;
	struct xf_colmap cols;
};

/* Defaults: comma in and out, automatic encoding, 1 MiB fields. */
void	 xf_cli_init(struct xf_cli *);

/*
 * Handle option CH with argument ARG if it is a shared one.  Returns 1
 * if it was, 0 if it is not a shared option, -1 if its value is bad (a
 * diagnostic was printed; the caller shows its usage and exits 2).
 */
int	 xf_cli_option(struct xf_cli *, int ch, char *arg);

/*
 * Split ARG, a list of column names separated by commas, in place into
 * list[*n], list[*n + 1], ... (at most MAX in all).  An empty name or
 * too many print "prog: OPT: expected up to MAX column names separated
 * by commas: 'ARG'" and return -1; else 0.
 */
int	 xf_cli_split_list(const char *opt, char *arg, char **list, size_t *n,
	    size_t max);

#endif /* XF_CLI_H */
