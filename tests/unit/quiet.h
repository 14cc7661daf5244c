/* SPDX-License-Identifier: ISC */

/*
 * Standard error to a scratch file for the length of a test, for the
 * unit tests of modules that print diagnostics: quiet and loud are a
 * cmocka setup and teardown, errfile the scratch file, errtext what it
 * holds so far.  Included by one test program each, after <cmocka.h>.
 */

#ifndef XF_TEST_QUIET_H
#define XF_TEST_QUIET_H

#include <stdio.h>
#include <unistd.h>

static int saved_fd;
static FILE *errfile;

static int
quiet(void **state)
{
	(void)state;
	fflush(stderr);
	errfile = tmpfile();
	saved_fd = dup(2);
	dup2(fileno(errfile), 2);
	return 0;
}

static int
loud(void **state)
{
	(void)state;
	fflush(stderr);
	dup2(saved_fd, 2);
	close(saved_fd);
	fclose(errfile);
	return 0;
}

/* What went to standard error since quiet() (the first 4 KiB). */
static inline const char *
errtext(void)
{
	static char buf[4096];
	size_t n;

	fflush(stderr);
	rewind(errfile);
	n = fread(buf, 1, sizeof(buf) - 1, errfile);
	buf[n] = '\0';
	return buf;
}

#endif /* XF_TEST_QUIET_H */
