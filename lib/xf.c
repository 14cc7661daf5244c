/* SPDX-License-Identifier: ISC */

/*
 * Program name, diagnostics, exit statuses, allocation, the final flush
 * of standard output, option number parsing and the progress line.
 */

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "xf.h"

#ifndef XF_VERSION
#define XF_VERSION "0.0.0"
#endif

static const char *progname = "xf";

static void	vwarn(int, const char *, unsigned long, const char *, va_list)
		    __attribute__((format(printf, 4, 0)));

char *
xf_setprogname(char *argv0)
{
	char *p;

	if (argv0 == NULL || *argv0 == '\0')
		return argv0;
	if ((p = strrchr(argv0, '/')) != NULL && p[1] != '\0')
		argv0 = p + 1;
	progname = argv0;
	return argv0;
}

const char *
xf_getprogname(void)
{
	return progname;
}

/*
 * The one place a diagnostic is formatted.  Standard output is flushed
 * first so that, on a terminal, a message follows the records before it.
 */
static void
vwarn(int errnum, const char *file, unsigned long line, const char *fmt,
    va_list ap)
{
	xf_progress_done();
	fflush(stdout);
	fprintf(stderr, "%s: ", progname);
	if (file != NULL) {
		if (line > 0)
			fprintf(stderr, "%s:%lu: ", file, line);
		else
			fprintf(stderr, "%s: ", file);
	}
	vfprintf(stderr, fmt, ap);
	if (errnum != 0)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
}

void
xf_warn(const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	va_start(ap, fmt);
	vwarn(saved, NULL, 0, fmt, ap);
	va_end(ap);
}

void
xf_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(0, NULL, 0, fmt, ap);
	va_end(ap);
}

void
xf_warnat(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(0, file, line, fmt, ap);
	va_end(ap);
}

void
xf_err(int status, const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	va_start(ap, fmt);
	vwarn(saved, NULL, 0, fmt, ap);
	va_end(ap);
	exit(status);
}

void
xf_errx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(0, NULL, 0, fmt, ap);
	va_end(ap);
	exit(status);
}

void
xf_nomem(void)
{
	xf_errx(XF_EXIT_FAIL, "out of memory");
}

void *
xf_malloc(size_t n)
{
	void *p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		xf_nomem();
	return p;
}

void *
xf_calloc(size_t n, size_t size)
{
	void *p;

	if ((p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size)) == NULL)
		xf_nomem();
	return p;
}

void *
xf_reallocarray(void *old, size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size)
		xf_nomem();
	if ((p = realloc(old, n * size == 0 ? 1 : n * size)) == NULL)
		xf_nomem();
	return p;
}

char *
xf_memdup(const char *s, size_t n)
{
	char *p;

	p = xf_malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xf_strdup(const char *s)
{
	return xf_memdup(s, strlen(s));
}

int
xf_finish(int status)
{
	xf_progress_done();
	if (fflush(stdout) == EOF || ferror(stdout) || fclose(stdout) == EOF) {
		/* A closed pipe is the reader's choice, not our failure. */
		if (errno != EPIPE)
			xf_warn("<stdout>");
		status = XF_EXIT_FAIL;
	}
	return status;
}

void
xf_version(void)
{
	printf("%s (xf) %s\n", progname, XF_VERSION);
	exit(xf_finish(XF_EXIT_OK));
}

void
xf_usage(const char *usage_line)
{
	fprintf(stderr, "%s\nTry '%s --help'\n", usage_line, progname);
	exit(XF_EXIT_FAIL);
}

int
xf_parse_delim(const char *s)
{
	if (strcmp(s, "\\t") == 0 || strcmp(s, "\t") == 0)
		return '\t';
	if (s[0] == '\0' || s[1] != '\0')
		return -1;
	if (s[0] == '"' || s[0] == '\r' || s[0] == '\n')
		return -1;
	return (unsigned char)s[0];
}

int
xf_parse_count(const char *opt, const char *arg, long long min,
    long long max, long long *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(arg, &end, 10);
	if (end == arg || *end != '\0') {
		xf_warnx("%s: not a number: '%s'", opt, arg);
		return -1;
	}
	if (errno == ERANGE || v < min || v > max) {
		xf_warnx("%s: out of range %lld to %lld: '%s'", opt, min, max,
		    arg);
		return -1;
	}
	*out = v;
	return 0;
}

int
xf_parse_size(const char *opt, const char *arg, size_t min, size_t max,
    size_t *out)
{
	unsigned long long v, mul = 1;
	char *end;

	errno = 0;
	if (arg[0] < '0' || arg[0] > '9') {
		xf_warnx("%s: not a size: '%s'", opt, arg);
		return -1;
	}
	v = strtoull(arg, &end, 10);
	switch (*end) {
	case 'K': case 'k':
		mul = 1024;
		end++;
		break;
	case 'M': case 'm':
		mul = 1024 * 1024;
		end++;
		break;
	case 'G': case 'g':
		mul = 1024ULL * 1024 * 1024;
		end++;
		break;
	}
	if (end == arg || *end != '\0') {
		xf_warnx("%s: not a size: '%s'", opt, arg);
		return -1;
	}
	if (errno == ERANGE || v > ULLONG_MAX / mul || v * mul < min ||
	    v * mul > max) {
		xf_warnx("%s: out of range %zu to %zu bytes: '%s'", opt, min,
		    max, arg);
		return -1;
	}
	*out = (size_t)(v * mul);
	return 0;
}

/* Progress line state: -1 unknown, 0 off, 1 on. */
static int progress_on = -1;
static int progress_shown;
static struct timespec progress_start, progress_last;

static double
since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void
xf_progress(unsigned long long rows, unsigned long long bytes)
{
	struct timespec now;

	if (progress_on == 0 || (rows & 4095) != 0)
		return;
	if (progress_on == -1) {
		progress_on = isatty(STDERR_FILENO);
		clock_gettime(CLOCK_MONOTONIC, &progress_start);
		progress_last = progress_start;
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (since(&progress_start, &now) < 1.0 ||
	    since(&progress_last, &now) < 0.25)
		return;
	progress_last = now;
	fprintf(stderr, "\r%s: %llu rows, %.1f MB", progname, rows,
	    (double)bytes / 1e6);
	progress_shown = 1;
}

void
xf_progress_done(void)
{
	if (progress_shown) {
		fputs("\r\033[K", stderr);
		progress_shown = 0;
	}
}
