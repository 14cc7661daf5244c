/* SPDX-License-Identifier: ISC */

/*
 * Basics every xf command shares: its name in messages, diagnostics in
 * one format, exit statuses, allocation that never returns NULL, the
 * final flush of standard output, and the progress line.  See xf(7).
 */

#ifndef XF_H
#define XF_H

#include <stddef.h>
#include <stdint.h>

/*
 * Exit statuses shared by every xf command.
 */
enum {
	XF_EXIT_OK = 0,		/* all input processed, nothing rejected */
	XF_EXIT_DATA = 1,	/* finished, but some input was bad or rejected */
	XF_EXIT_FAIL = 2	/* usage error, or the environment failed us */
};

/* The worse of two exit statuses (arguments are evaluated twice). */
#define XF_WORST(a, b)	((a) > (b) ? (a) : (b))

/*
 * Store the base name of argv[0] as the program name and return it, so
 * that messages (ours and getopt's) read the same however the command
 * was started.
 */
char	*xf_setprogname(char *);
const char *xf_getprogname(void);

/*
 * Diagnostics on standard error, after flushing standard output:
 *   xf_warn    "prog: message: strerror(errno)"
 *   xf_warnx   "prog: message"
 *   xf_warnat  "prog: file:line: message"
 *   xf_err     like xf_warn, then exit(status)
 *   xf_errx    like xf_warnx, then exit(status)
 */
void	 xf_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 xf_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 xf_warnat(const char *, unsigned long, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	 xf_err(int, const char *, ...)
	    __attribute__((noreturn, format(printf, 2, 3)));
void	 xf_errx(int, const char *, ...)
	    __attribute__((noreturn, format(printf, 2, 3)));

/*
 * Allocation that prints "prog: out of memory" and exits with
 * XF_EXIT_FAIL instead of returning NULL.  xf_reallocarray checks the
 * multiplication for overflow.
 */
void	*xf_malloc(size_t);
void	*xf_calloc(size_t, size_t);
void	*xf_reallocarray(void *, size_t, size_t);
char	*xf_strdup(const char *);
char	*xf_memdup(const char *, size_t);

/*
 * Print "prog: out of memory" and exit with XF_EXIT_FAIL: for a library
 * call that failed with ENOMEM (fopen, iconv_open, PCRE2, libcsv).
 */
void	 xf_nomem(void) __attribute__((noreturn));

/*
 * Flush and close standard output and return the final exit status.
 * A failed write is never silent: it turns any status into XF_EXIT_FAIL.
 */
int	 xf_finish(int);

/* Print "prog (xf) VERSION" on standard output and exit 0. */
void	 xf_version(void) __attribute__((noreturn));
/*
 * A usage error: print the usage line and "Try 'PROG --help'" on
 * standard error, exit with XF_EXIT_FAIL.
 */
void	 xf_usage(const char *usage_line) __attribute__((noreturn));

/*
 * The argument of -d: one byte, or "\t" for a tab.  Returns the byte,
 * or -1 for anything else (empty, longer, a quote, CR or LF).
 */
int	 xf_parse_delim(const char *);

/*
 * Parse a decimal count for option OPT between min and max inclusive.
 * On failure prints "prog: OPT: ... 'ARG'" and returns -1; *out is set
 * only on success.
 */
int	 xf_parse_count(const char *opt, const char *arg, long long min,
	    long long max, long long *out);

/*
 * A byte count with an optional K, M or G suffix (powers of 1024), for
 * options such as --max-field.  As xf_parse_count otherwise.
 */
int	 xf_parse_size(const char *opt, const char *arg, size_t min,
	    size_t max, size_t *out);

/*
 * Progress on standard error, only when standard error is a terminal and
 * the run has lasted over a second; redrawn at most a few times a second.
 * xf_progress is cheap enough to call once per row.  xf_progress_done
 * erases the line.
 */
void	 xf_progress(unsigned long long rows, unsigned long long bytes);
void	 xf_progress_done(void);

#endif /* XF_H */
