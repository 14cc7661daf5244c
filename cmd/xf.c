/* SPDX-License-Identifier: ISC */

/*
 * xf: the front door.  "xf TOOL ARGS" runs xf-TOOL with ARGS, looking for
 * it first beside this program, then on PATH; "xf help" lists the tools;
 * "xf version" prints the version.
 */

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xf.h"

static const struct {
	const char	*name;
	const char	*what;
} tools[] = {
	{ "classify",	"category, subcategory, confidence and evidence "
			    "from the text" },
	{ "compensate",	"statutory compensation per case, item by item, "
			    "with the article" },
	{ "deadline",	"due dates and status under the petition "
			    "regulations, as of a date" },
	{ "eligible",	"aid eligibility per household: 低保, 特困, 公租房, "
			    "..." },
	{ "eval",	"precision, recall, F1 and confusion of a "
			    "classification" },
	{ "mask",	"mask or pseudonymise names, ID and phone numbers in "
			    "columns and text" },
	{ "pricelink",	"price-linked temporary subsidies per month and "
			    "group from a CPI series" },
	{ "repeat",	"repeat petitions: the same person on a similar "
			    "matter within a window" },
	{ "report",	"the daily, weekly, monthly summary: headline, "
			    "comparisons, tables" },
	{ "rollup",	"cases and persons per group and period, shares, "
			    "comparisons" },
	{ "route",	"the responsible department for each petition" },
	{ "split",	"split CSV into parts at record boundaries, each with "
			    "the header" },
	{ "train",	"learn a text classifier from labelled records" },
	{ "validate",	"check petition records, reject bad ones with a "
			    "reason, normalise" },
};

static const char usage_line[] =
    "usage: xf [-hV] command [argument ...]";

static void	usage(void) __attribute__((noreturn));
static void	help(void) __attribute__((noreturn));

static void
usage(void)
{
	fprintf(stderr, "%s\nTry 'xf help'\n", usage_line);
	exit(XF_EXIT_FAIL);
}

static void
help(void)
{
	size_t i;

	printf("%s\n\n", usage_line);
	printf("Tools for petition (信访) and hotline casework; each reads and "
	    "writes CSV.\n\n");
	for (i = 0; i < sizeof(tools) / sizeof(tools[0]); i++)
		printf("  %-12s %s\n", tools[i].name, tools[i].what);
	printf("\n  %-12s %s\n  %-12s %s\n", "help", "show this list",
	    "version", "show the version");
	printf("\n\"xf TOOL --help\" describes a tool; see also xf(7).\n");
	exit(xf_finish(XF_EXIT_OK));
}

/* Run xf-TOOL: beside this program if it is there, else from PATH. */
static void
run(const char *self, const char *tool, char *argv[])
{
	char path[PATH_MAX], name[128];
	const char *slash;
	ssize_t n;

	if (snprintf(name, sizeof(name), "xf-%s", tool) >= (int)sizeof(name)
	    || strchr(tool, '/') != NULL) {
		xf_warnx("no such tool: '%s'", tool);
		usage();
	}
	argv[0] = name;
	/* Beside us: /proc/self/exe is exact; argv[0] is the fallback. */
	if ((n = readlink("/proc/self/exe", path, sizeof(path) - 1)) > 0) {
		path[n] = '\0';
		slash = strrchr(path, '/');
	} else if ((slash = strrchr(self, '/')) != NULL) {
		snprintf(path, sizeof(path), "%s", self);
		slash = path + (slash - self);
	}
	if (slash != NULL && (size_t)(slash - path) + 1 + strlen(name) <
	    sizeof(path)) {
		snprintf(path + (slash - path) + 1,
		    sizeof(path) - (size_t)(slash - path) - 1, "%s", name);
		if (access(path, X_OK) == 0) {
			execv(path, argv);
			xf_err(XF_EXIT_FAIL, "%s", path);
		}
	}
	execvp(name, argv);
	if (errno == ENOENT)
		xf_errx(XF_EXIT_FAIL, "no such tool: '%s' (try 'xf help')",
		    tool);
	xf_err(XF_EXIT_FAIL, "%s", name);
}

int
main(int argc, char *argv[])
{
	char *self = argv[0];

	argv[0] = xf_setprogname(argv[0]);
	if (argc < 2)
		usage();
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0)
		help();
	if (strcmp(argv[1], "version") == 0 || strcmp(argv[1], "-V") == 0 ||
	    strcmp(argv[1], "--version") == 0)
		xf_version();
	if (argv[1][0] == '-') {
		xf_warnx("unknown option: '%s'", argv[1]);
		usage();
	}
	run(self, argv[1], argv + 1);
	return XF_EXIT_FAIL;
}
