/* SPDX-License-Identifier: ISC */

/*
 * The options every CSV-reading tool shares.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "xf.h"

void
xf_cli_init(struct xf_cli *c)
{
	memset(c, 0, sizeof(*c));
	c->csv.delim = ',';
	c->csv.encoding = XF_ENC_AUTO;
	c->csv.maxfield = XF_CSV_MAXFIELD;
	c->outdelim = ',';
}

int
xf_cli_option(struct xf_cli *c, int ch, char *arg)
{
	size_t size;

	switch (ch) {
	case 'd':
		if ((c->csv.delim = xf_parse_delim(arg)) == -1) {
			xf_warnx("-d: delimiter must be one byte: '%s'", arg);
			return -1;
		}
		return 1;
	case 'o':
		c->output = arg;
		return 1;
	case XF_OPT_BOM:
		c->bom = 1;
		return 1;
	case XF_OPT_COL:
		return xf_colmap_add(&c->cols, arg) == 0 ? 1 : -1;
	case XF_OPT_CRLF:
		c->crlf = 1;
		return 1;
	case XF_OPT_ENCODING:
		if (xf_csvin_parse_encoding(arg, &c->csv.encoding) == -1) {
			xf_warnx("--encoding: expected auto, utf-8, gb18030 "
			    "or gbk: '%s'", arg);
			return -1;
		}
		return 1;
	case XF_OPT_MAXFIELD:
		if (xf_parse_size("--max-field", arg, 1, SIZE_MAX / 4,
		    &size) == -1)
			return -1;
		c->csv.maxfield = size;
		return 1;
	case XF_OPT_OUTDELIM:
		if ((c->outdelim = xf_parse_delim(arg)) == -1) {
			xf_warnx("--out-delimiter: delimiter must be one "
			    "byte: '%s'", arg);
			return -1;
		}
		return 1;
	case XF_OPT_REJECTS:
		c->rejects = arg;
		return 1;
	}
	return 0;
}

int
xf_cli_split_list(const char *opt, char *arg, char **list, size_t *n,
    size_t max)
{
	char *orig, *p, *comma;

	orig = xf_strdup(arg);
	for (p = arg; p != NULL; p = comma == NULL ? NULL : comma + 1) {
		if ((comma = strchr(p, ',')) != NULL)
			*comma = '\0';
		if (*p == '\0' || *n == max) {
			xf_warnx("%s: expected up to %zu column names "
			    "separated by commas: '%s'", opt, max, orig);
			free(orig);
			return -1;
		}
		list[(*n)++] = p;
	}
	free(orig);
	return 0;
}
