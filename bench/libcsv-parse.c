/* SPDX-License-Identifier: ISC */

/*
 * libcsv-parse: the speed limit for "parsing CSV with libcsv", against
 * which scripts/bench measures the xf commands.
 *
 * It reads a file (or standard input) in 64 KiB blocks and hands each
 * whole block to csv_parse, with the byte-exact settings lib/csvin.c
 * uses: CSV_STRICT | CSV_STRICT_FINI, a space function that trims
 * nothing, and CR or LF ending a record (libcsv's default terminator
 * test, which is what csvin's term function says too).  The callbacks
 * only count fields and records; "records fields" is printed at the
 * end.  With -t libcsv's default space function is left in place, so
 * spaces and tabs around unquoted fields are trimmed: the difference
 * shows what byte-exact reading costs.
 *
 * It is a measuring instrument, not an xf command: it uses nothing but
 * libc and libcsv, so that its time is libcsv's time and nothing else.
 * Exit status 0, or 2 on a usage, read or parse error.
 */

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK	(64 * 1024)

static const char progname[] = "libcsv-parse";

struct counts {
	unsigned long long records, fields;
};

static int	 space_none(unsigned char);
static void	 on_field(void *, size_t, void *);
static void	 on_record(int, void *);
static void	 usage(void) __attribute__((noreturn));

/* Trim nothing, as lib/csvin.c does. */
static int
space_none(unsigned char c)
{
	(void)c;
	return 0;
}

static void
on_field(void *s, size_t n, void *data)
{
	struct counts *c = data;

	(void)s;
	(void)n;
	c->fields++;
}

static void
on_record(int term, void *data)
{
	struct counts *c = data;

	(void)term;
	c->records++;
}

static void
usage(void)
{
	fprintf(stderr, "usage: %s [-t] [file]\n", progname);
	exit(2);
}

/*
 * Parse all of fp.  Returns 0, or -1 after printing a diagnostic.
 */
static int
parse(FILE *fp, const char *name, int trim, struct counts *c)
{
	struct csv_parser p;
	char *buf;
	size_t n;
	int rc = 0;

	if ((buf = malloc(BLOCK)) == NULL) {
		fprintf(stderr, "%s: %s\n", progname, strerror(errno));
		return -1;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		fprintf(stderr, "%s: out of memory\n", progname);
		free(buf);
		return -1;
	}
	if (!trim)
		csv_set_space_func(&p, space_none);
	while ((n = fread(buf, 1, BLOCK, fp)) > 0) {
		if (csv_parse(&p, buf, n, on_field, on_record, c) != n) {
			fprintf(stderr, "%s: %s: %s\n", progname, name,
			    csv_strerror(csv_error(&p)));
			rc = -1;
			break;
		}
	}
	if (rc == 0 && ferror(fp)) {
		fprintf(stderr, "%s: %s: %s\n", progname, name,
		    strerror(errno));
		rc = -1;
	}
	if (rc == 0 && csv_fini(&p, on_field, on_record, c) != 0) {
		fprintf(stderr, "%s: %s: %s\n", progname, name,
		    csv_strerror(csv_error(&p)));
		rc = -1;
	}
	csv_free(&p);
	free(buf);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct counts c = { 0, 0 };
	const char *name = "<stdin>";
	FILE *fp = stdin;
	int ch, trim = 0, rc;

	while ((ch = getopt(argc, argv, "t")) != -1) {
		switch (ch) {
		case 't':
			trim = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		usage();
	if (argc == 1 && strcmp(argv[0], "-") != 0) {
		name = argv[0];
		if ((fp = fopen(name, "rb")) == NULL) {
			fprintf(stderr, "%s: %s: %s\n", progname, name,
			    strerror(errno));
			return 2;
		}
	}
	rc = parse(fp, name, trim, &c);
	if (fp != stdin)
		fclose(fp);
	if (rc == -1)
		return 2;
	printf("%llu %llu\n", c.records, c.fields);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "%s: <stdout>: %s\n", progname,
		    strerror(errno));
		return 2;
	}
	return 0;
}
