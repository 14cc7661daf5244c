/* SPDX-License-Identifier: ISC */

/*
 * Atomic output files: a temporary file in the target's directory (so
 * that rename(2) cannot cross file systems), renamed when complete.
 */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvout.h"
#include "output.h"
#include "xf.h"

#define MAXTEMP	8

struct xf_output {
	FILE	*fp;
	char	*path;
	char	*tmp;		/* NULL for standard output or direct */
	int	 direct;	/* written in place, closed at commit */
};

/*
 * Temporary files to remove if a signal ends the process.  The handler
 * may only call async-signal-safe functions: unlink, then the default
 * action again.
 */
static char *volatile temps[MAXTEMP];
static int handlers_set;

/*
 * The same at exit(3): a command that gives up half way (out of memory,
 * xf_errx) leaves no temporary file.  A committed or aborted output is
 * no longer in temps, so only unfinished ones are removed.
 */
static void
on_exit_remove(void)
{
	int i;

	for (i = 0; i < MAXTEMP; i++)
		if (temps[i] != NULL) {
			unlink(temps[i]);
			temps[i] = NULL;
		}
}

static void
on_signal(int sig)
{
	int i;

	for (i = 0; i < MAXTEMP; i++)
		if (temps[i] != NULL)
			unlink(temps[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
remember(char *tmp)
{
	int i;

	if (!handlers_set) {
		signal(SIGTERM, on_signal);
		signal(SIGINT, on_signal);
		signal(SIGHUP, on_signal);
		atexit(on_exit_remove);
		handlers_set = 1;
	}
	for (i = 0; i < MAXTEMP; i++)
		if (temps[i] == NULL) {
			temps[i] = tmp;
			return;
		}
}

static void
forget(const char *tmp)
{
	int i;

	for (i = 0; i < MAXTEMP; i++)
		if (temps[i] == tmp)
			temps[i] = NULL;
}

struct xf_output *
xf_output_open(const char *path)
{
	struct xf_output *o;
	struct stat st;
	size_t n;
	int fd;
	mode_t mask;

	o = xf_calloc(1, sizeof(*o));
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		o->path = xf_strdup("<stdout>");
		return o;
	}
	o->path = xf_strdup(path);
	/*
	 * A device, a FIFO or the like cannot be replaced by renaming: write
	 * to it directly, as to standard output.
	 */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if ((o->fp = fopen(path, "w")) == NULL) {
			xf_warn("%s", path);
			free(o->path);
			free(o);
			return NULL;
		}
		o->direct = 1;
		return o;
	}
	n = strlen(path) + sizeof(".tmpXXXXXX");
	o->tmp = xf_malloc(n);
	snprintf(o->tmp, n, "%s.tmpXXXXXX", path);
	if ((fd = mkstemp(o->tmp)) == -1) {
		xf_warn("%s", path);
		free(o->tmp);
		free(o->path);
		free(o);
		return NULL;
	}
	/* mkstemp makes the file 0600; give it the usual mode instead. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	remember(o->tmp);
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		xf_warn("%s", path);
		close(fd);
		xf_output_abort(o);
		return NULL;
	}
	return o;
}

FILE *
xf_output_fp(struct xf_output *o)
{
	return o->fp;
}

const char *
xf_output_name(const struct xf_output *o)
{
	return o->path;
}

static void
release(struct xf_output *o)
{
	if (o->tmp != NULL)
		forget(o->tmp);
	free(o->tmp);
	free(o->path);
	free(o);
}

int
xf_output_commit(struct xf_output *o)
{
	int rc = 0;

	if (o->tmp == NULL) {
		if (fflush(o->fp) == EOF || ferror(o->fp)) {
			if (errno != EPIPE)
				xf_warn("%s", o->path);
			rc = -1;
		}
		if (o->direct && fclose(o->fp) == EOF && rc == 0) {
			xf_warn("%s", o->path);
			rc = -1;
		}
		release(o);
		return rc;
	}
	if (fflush(o->fp) == EOF || ferror(o->fp) || fsync(fileno(o->fp)) == -1) {
		xf_warn("%s", o->path);
		fclose(o->fp);
		o->fp = NULL;
		xf_output_abort(o);
		return -1;
	}
	if (fclose(o->fp) == EOF) {
		o->fp = NULL;
		xf_warn("%s", o->path);
		xf_output_abort(o);
		return -1;
	}
	o->fp = NULL;
	if (rename(o->tmp, o->path) == -1) {
		xf_warn("%s", o->path);
		xf_output_abort(o);
		return -1;
	}
	release(o);
	return 0;
}

void
xf_output_abort(struct xf_output *o)
{
	if (o == NULL)
		return;
	if (o->tmp != NULL) {
		if (o->fp != NULL)
			fclose(o->fp);
		unlink(o->tmp);
	} else if (o->direct && o->fp != NULL)
		fclose(o->fp);
	release(o);
}

int
xf_output_finish(struct xf_output *o, struct xf_csvout *out)
{
	int rc;

	rc = xf_csvout_flush(out);
	xf_csvout_free(out);
	if (rc == 0)
		return xf_output_commit(o);
	if (o->tmp != NULL || o->direct)
		xf_warn("%s", o->path);
	xf_output_abort(o);
	return -1;
}
