/* SPDX-License-Identifier: ISC */

/*
 * xf-split: split CSV into parts at record boundaries, each part with
 * the header, for parallel runs (GNU Parallel on local cores or over
 * ssh, Hadoop Streaming).  Records are read with the shared CSV reader,
 * so a quoted line break never splits a record, and written back as
 * canonical CSV.  The parts are cut by count (-n: N parts of nearly
 * equal record counts, in input order), by records (--rows) or by size
 * (--bytes), or partitioned by the hash of a key column (--by), so that
 * every record with the same key lands in the same part.  The name of
 * each finished part is printed on its own line, as soon as the part is
 * complete, so that a consumer can start on it at once.
 */

#ifdef __linux__
#define _GNU_SOURCE	/* copy_file_range */
#endif

#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "columns.h"
#include "csvin.h"
#include "csvscan.h"
#include "csvout.h"
#include "hash.h"
#include "output.h"
#include "rejects.h"
#include "xf.h"

/* The most parts -n accepts. */
#define MAXPARTS	10000

/* The seed of the --by hash: fixed, so partitions agree across runs. */
#define BY_SEED		0

enum mode {
	M_NONE,
	M_PARTS,	/* -n N, in order */
	M_ROWS,		/* --rows R */
	M_BYTES,	/* --bytes B */
	M_BY		/* -n N --by COL */
};

enum {
	OPT_BY = 0x300,
	OPT_BYTES,
	OPT_ROWS
};

struct options {
	struct xf_cli	 cli;
	const char	*prefix;
	const char	*by;
	long long	 nparts;
	long long	 rows;
	size_t		 bytes;
	enum mode	 mode;
};

/* One part being written. */
struct part {
	struct xf_output *o;
	struct xf_csvout *out;
	char		*name;
	unsigned long long records;
	unsigned long long bytes;	/* bytes written, by our own count */
};

/* An input: its path and, for one that cannot be read twice, a spool. */
struct input {
	const char	*path;
	FILE		*spool;
	struct xf_csvopt csv;		/* encoding fixed by the first pass */
};

struct run {
	const struct options *opt;
	struct xf_output *namesfile;
	FILE		*names;
	struct xf_rejects *rej;
	struct xf_header *hdr;
	unsigned long long hdrbytes;	/* size of BOM and header in a part */
	struct part	*part;		/* M_BY: all of them */
	struct part	 cur;		/* the other modes: the open part */
	unsigned long long nmade;	/* parts opened so far */
	int		 width;		/* digits in part numbers */
	long		 bycol;
	unsigned long long total;	/* M_PARTS: records to share out */
	unsigned long long records;	/* records read (all inputs) */
	int		 status;
};

static const char usage_line[] =
    "usage: xf-split [-hV] [-d delim] [-o file] -p prefix "
    "-n parts | --rows n | --bytes size [--by col] [file ...]";

static const struct option longopts[] = {
	{ "by",		required_argument,	NULL,	OPT_BY },
	{ "bytes",	required_argument,	NULL,	OPT_BYTES },
	{ "help",	no_argument,		NULL,	'h' },
	{ "number",	required_argument,	NULL,	'n' },
	{ "prefix",	required_argument,	NULL,	'p' },
	{ "rows",	required_argument,	NULL,	OPT_ROWS },
	{ "version",	no_argument,		NULL,	'V' },
	XF_CLI_LONGOPTS,
	{ NULL,		0,			NULL,	0 }
};

static void	help(void) __attribute__((noreturn));

static void
usage_msg(const char *msg)
{
	xf_warnx("%s", msg);
	xf_usage(usage_line);
}

static void
help(void)
{
	printf("%s\n\n", usage_line);
	fputs("Split CSV at record boundaries into parts, each with the "
	    "header; print the\npart names, one per line.\n\n"
	    "  -p, --prefix=PREFIX     name parts PREFIX0001.csv, "
	    "PREFIX0002.csv, ...\n"
	    "  -n, --number=N          N parts of nearly equal record counts, "
	    "in input order\n"
	    "      --rows=R            a new part every R records\n"
	    "      --bytes=SIZE        parts of at most SIZE bytes (K, M, G "
	    "suffixes)\n"
	    "      --by=COL            with -n: part by a hash of column COL, "
	    "so equal keys\n"
	    "                          share a part\n"
	    "  -o, --output=FILE       write the part names to FILE\n"
	    "  -h, --help              show this help and exit\n"
	    "  -V, --version           show the version and exit\n"
	    XF_CLI_HELP
	    "\nExample:\n"
	    "  xf-split -n 2 -p /tmp/p- export.csv | parallel 'xf-classify "
	    "{} > {.}.out'\n"
	    "\nSee xf-split(1).\n", stdout);
	exit(xf_finish(XF_EXIT_OK));
}

/*
 * The bytes the CSV writer puts out for ROW (see csvout.h: quotes only
 * where needed, quotes doubled, an empty lone field quoted).  FIRST says
 * the record starts the output, where a leading U+FEFF is quoted.
 */
static unsigned long long
encoded_size(const struct xf_row *row, int delim, int crlf, int first)
{
	unsigned long long n;
	size_t i;
	const char *p, *end;

	n = (crlf ? 2 : 1) + (row->nfield > 0 ? row->nfield - 1 : 0);
	for (i = 0; i < row->nfield; i++) {
		n += row->len[i];
		if (xf_csv_needs_quotes(row->field[i], row->len[i], delim)) {
			n += 2;
			end = row->field[i] + row->len[i];
			for (p = row->field[i]; p < end; p++)
				if (*p == '"')
					n++;
		} else if (i == 0 && first && row->len[0] >= 3 &&
		    memcmp(row->field[0], "\xef\xbb\xbf", 3) == 0)
			n += 2;
	}
	if (row->nfield == 1 && row->len[0] == 0)
		n += 2;
	return n;
}

/* Start the next part in P: name it, write the BOM and the header. */
static int
part_open(struct run *r, struct part *p)
{
	const struct options *opt = r->opt;
	size_t n;

	memset(p, 0, sizeof(*p));
	r->nmade++;
	n = strlen(opt->prefix) + 32;
	p->name = xf_malloc(n);
	snprintf(p->name, n, "%s%0*llu.csv", opt->prefix, r->width,
	    r->nmade);
	if ((p->o = xf_output_open(p->name)) == NULL)
		return -1;
	p->out = xf_csvout_new(xf_output_fp(p->o), opt->cli.outdelim,
	    opt->cli.crlf);
	if (opt->cli.bom)
		xf_csvout_bom(p->out);
	xf_csvout_row(p->out, xf_header_row(r->hdr));
	xf_csvout_end(p->out);
	p->bytes = r->hdrbytes;
	return 0;
}

/* Finish part P (if open) and print its name. */
static int
part_close(struct run *r, struct part *p)
{
	int rc = 0;

	if (p->o == NULL)
		return 0;
	if (xf_output_finish(p->o, p->out) == -1)
		rc = -1;
	else {
		fprintf(r->names, "%s\n", p->name);
		fflush(r->names);
	}
	free(p->name);
	memset(p, 0, sizeof(*p));
	return rc;
}

static void
part_write(struct part *p, const struct xf_row *row, unsigned long long n)
{
	xf_csvout_row(p->out, row);
	xf_csvout_end(p->out);
	p->records++;
	p->bytes += n;
}

/* M_PARTS: the number of records part k (1-based) gets. */
static unsigned long long
share(const struct run *r, unsigned long long k)
{
	unsigned long long n = (unsigned long long)r->opt->nparts;

	return r->total / n + (k <= r->total % n ? 1 : 0);
}

/* Send one good record to its part. */
static int
route(struct run *r, const struct xf_row *row)
{
	const struct options *opt = r->opt;
	unsigned long long n = 0;
	uint64_t h;
	struct part *p;

	if (opt->mode == M_BY) {
		long c = r->bycol;

		h = xf_hash64(row->field[c], row->len[c], BY_SEED);
		p = &r->part[h % (uint64_t)opt->nparts];
		part_write(p, row, 0);
		return 0;
	}
	if (opt->mode == M_BYTES)
		n = encoded_size(row, opt->cli.outdelim, opt->cli.crlf, 0);
	p = &r->cur;
	if (p->o != NULL) {
		int full = 0;

		if (opt->mode == M_ROWS)
			full = p->records >= (unsigned long long)opt->rows;
		else if (opt->mode == M_BYTES)
			full = p->records > 0 && p->bytes + n > opt->bytes;
		else
			while (p->records >= share(r, r->nmade) &&
			    r->nmade < (unsigned long long)opt->nparts) {
				if (part_close(r, p) == -1 ||
				    part_open(r, p) == -1)
					return -1;
			}
		if (full && part_close(r, p) == -1)
			return -1;
	}
	if (p->o == NULL && part_open(r, p) == -1)
		return -1;
	part_write(p, row, n);
	return 0;
}

/* The header of the first input: save it and set up the parts. */
static int
first_header(struct run *r, const struct xf_row *row, const char *name)
{
	const struct options *opt = r->opt;
	long long i;

	if (opt->by != NULL &&
	    (r->bycol = xf_col_need(row, opt->by, &opt->cli.cols, name)) == -1)
		return -1;
	r->hdr = xf_header_save(row);
	xf_rejects_header(r->rej, row);
	r->hdrbytes = encoded_size(row, opt->cli.outdelim, opt->cli.crlf, 1) +
	    (opt->cli.bom ? 3 : 0);
	if (opt->mode == M_BY) {
		r->part = xf_calloc((size_t)opt->nparts, sizeof(*r->part));
		for (i = 0; i < opt->nparts; i++)
			if (part_open(r, &r->part[i]) == -1)
				return -1;
	}
	return 0;
}

/* Open input IN for a pass. */
static struct xf_csvin *
input_open(struct input *in)
{
	if (in->spool == NULL)
		return xf_csvin_open(in->path, &in->csv);
	rewind(in->spool);
	return xf_csvin_new(in->spool, "<stdin>", &in->csv);
}

/*
 * Copy an input that cannot be read twice (standard input, a pipe) to
 * an unlinked temporary file.  Returns -1 after a diagnostic.
 */
static int
input_spool(struct input *in)
{
	char path[PATH_MAX];
	const char *dir;
	char buf[65536];
	size_t n;
	int fd;
	FILE *src;

	if ((dir = getenv("TMPDIR")) == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(path, sizeof(path), "%s/xf-split.XXXXXX", dir);
	if ((fd = mkstemp(path)) == -1) {
		xf_warn("%s", path);
		return -1;
	}
	unlink(path);
	if ((in->spool = fdopen(fd, "w+")) == NULL) {
		xf_warn("%s", path);
		close(fd);
		return -1;
	}
	if (strcmp(in->path, "-") == 0)
		src = stdin;
	else if ((src = fopen(in->path, "r")) == NULL) {
		xf_warn("%s", in->path);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), src)) > 0)
		if (fwrite(buf, 1, n, in->spool) != n) {
			xf_warn("%s", path);
			return -1;
		}
	if (ferror(src)) {
		xf_warn("%s", src == stdin ? "<stdin>" : in->path);
		return -1;
	}
	if (src != stdin)
		fclose(src);
	if (fflush(in->spool) == EOF) {
		xf_warn("%s", path);
		return -1;
	}
	return 0;
}

/*
 * -n without --by: count the records first.  Fixes each input's
 * encoding so that the second pass reads it the same way (and prints
 * any notice once).  Returns -1 on a read error.
 */
static int
count_pass(struct run *r, struct input *in, size_t nin)
{
	struct xf_csvin *c;
	struct xf_row row;
	struct stat st;
	size_t i;
	int rc, first, err = 0;

	for (i = 0; i < nin; i++) {
		if (strcmp(in[i].path, "-") == 0 ||
		    (stat(in[i].path, &st) == 0 && !S_ISREG(st.st_mode)))
			if (input_spool(&in[i]) == -1)
				return -1;
		if ((c = input_open(&in[i])) == NULL)
			return -1;
		first = 1;
		while ((rc = xf_csvin_next(c, &row)) != XF_CSV_EOF) {
			if (rc == XF_CSV_IOERR) {
				err = 1;
				break;
			}
			if (!first && rc == XF_CSV_ROW)
				r->total++;
			first = 0;
		}
		in[i].csv.encoding = xf_csvin_encoding(c);
		if (xf_csvin_close(c) == -1 || err)
			return -1;
	}
	return 0;
}

/* Split one input.  Returns the exit status it deserves. */
static int
split(struct run *r, struct input *inp)
{
	struct xf_csvin *in;
	struct xf_row row;
	const char *name;
	int rc, status = XF_EXIT_OK, headerbad = 0;

	if ((in = input_open(inp)) == NULL)
		return XF_EXIT_FAIL;
	name = xf_csvin_name(in);

	rc = xf_csvin_next(in, &row);
	if (rc == XF_CSV_EOF) {
		xf_warnat(name, 1, "empty input: no header");
		status = XF_EXIT_DATA;
		goto done;
	}
	if (rc == XF_CSV_IOERR) {
		status = XF_EXIT_FAIL;
		goto done;
	}
	if (rc == XF_CSV_BAD) {
		xf_reject(r->rej, name, &row, "bad header: %s",
		    xf_csvin_error(in));
		status = XF_EXIT_DATA;
		headerbad = 1;
	} else if (r->hdr == NULL) {
		if (first_header(r, &row, name) == -1) {
			status = XF_EXIT_FAIL;
			goto done;
		}
	} else if (!xf_header_same(r->hdr, &row)) {
		xf_warnat(name, row.line, "header differs from the first "
		    "input's: not read");
		status = XF_EXIT_FAIL;
		goto done;
	}

	while ((rc = xf_csvin_next(in, &row)) != XF_CSV_EOF) {
		if (rc == XF_CSV_IOERR) {
			status = XF_EXIT_FAIL;
			break;
		}
		r->records++;
		xf_progress(r->records, xf_csvin_bytes(in));
		if (headerbad) {
			xf_reject(r->rej, name, &row, "no usable header");
			status = XF_EXIT_DATA;
			continue;
		}
		if (rc == XF_CSV_BAD) {
			xf_reject(r->rej, name, &row, "%s",
			    xf_csvin_error(in));
			status = XF_EXIT_DATA;
			continue;
		}
		if (route(r, &row) == -1) {
			status = XF_EXIT_FAIL;
			break;
		}
	}
done:
	xf_rejects_input_done(r->rej, name);
	if (xf_csvin_close(in) == -1)
		status = XF_EXIT_FAIL;
	return status;
}

/*
 * The fast path, for -n (without --by), --rows and --bytes when every
 * input is a regular file, read as UTF-8 and written with the same
 * delimiter and line ends.  Each input is scanned once with the record
 * boundary scanner (csvscan.h), in stretches at once on a large file (see
 * struct stretch), which counts the records and checks that
 * every one of them is clean: valid UTF-8, LF line ends, strict quoting,
 * the header's number of fields, no field over the limit.  The parts
 * are then the header (written by the CSV writer, as on the slow path)
 * followed by byte ranges of the input copied as they are, so that a
 * record keeps its quoting.  If anything is not clean, or cannot be read
 * the first time, everything is read the slow way, which deals with it
 * and says what is wrong.
 *
 * Cut points are found again after the scan: the scan keeps a mark (a
 * record number and its offset) every MARK_RECS records or MARK_BYTES
 * bytes, and a cut is found by walking from the nearest mark, where
 * quote state is known (outside), counting LFs outside quotes.  Memory
 * stays small whatever the input's size.
 */

/* Bytes read and copied at a time on the fast path. */
#define FBLOCK		(1024 * 1024)

/* A mark at least every so many records or bytes. */
#define MARK_RECS	4096
#define MARK_BYTES	(1024 * 1024)

/*
 * An input is scanned in stretches at once, one a core: at most
 * MAXSTRETCH of them, none shorter than MINSTRETCH bytes.  MAXTHREADS
 * bounds XF_SPLIT_THREADS, which sets their number for tests.
 */
#define MAXSTRETCH	8
#define MINSTRETCH	((off_t)4 * 1024 * 1024)
#define MAXTHREADS	64

/* Record REC (0 is the first after the header) starts at offset OFF. */
struct mark {
	unsigned long long rec;
	off_t		 off;
};

/* Marks in order. */
struct marks {
	struct mark	*v;
	size_t		 n, cap;
};

/* An input on the fast path. */
struct finput {
	const char	*path;
	int		 fd;
	off_t		 size;		/* bytes scanned */
	off_t		 end;		/* size, plus 1 if the last LF lacks */
	unsigned long long nrec;	/* records after the header */
	struct marks	 marks;		/* v[0] is the first record */
	struct mark	 at;		/* the last place a walk ended */
};

/*
 * A stretch of an input, scanned by a thread of its own.  The first
 * stretch starts at the start; each other one just after an LF, on the
 * guess that a record starts there (xf_csvscan_init_at), which the join
 * checks.  Its marks count records from its own start until then.
 */
struct stretch {
	int		 fd;
	off_t		 from, to;	/* its bytes */
	char		*buf;		/* FBLOCK bytes */
	struct xf_csvscan s;
	struct marks	 marks;
	unsigned long long hdr;		/* 1 if it holds the header, else 0 */
	off_t		 base;		/* offset of buf[0] */
	size_t		 left;		/* bytes it could not consume */
	int		 rerr;		/* a read failed or came up short */
	unsigned long long seen;	/* records passed on to the progress */
	off_t		 seenoff;	/* and where the last of them ended */
};

struct fast {
	struct finput	*in;
	size_t		 nin;
	char		*buf;		/* FBLOCK bytes: the block cache */
	const struct finput *bufin;	/* the input whose bytes buf holds */
	off_t		 bufoff;
	size_t		 buflen;
	unsigned long long done;	/* records copied so far */
};

/* Where the copying is: input i, at a record boundary. */
struct cursor {
	size_t		 i;
	struct mark	 at;
};

static void
mark_add(struct marks *m, unsigned long long rec, off_t off)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->v = xf_reallocarray(m->v, m->cap, sizeof(*m->v));
	}
	m->v[m->n].rec = rec;
	m->v[m->n].off = off;
	m->n++;
}

/*
 * Records and bytes the stretches have scanned, for the progress line,
 * in steps of PROGRESS_RECS records; only the first stretch's thread
 * (the main one) shows it.
 */
#define PROGRESS_RECS	4096
static atomic_ullong scanned_recs, scanned_bytes;

/* The scanner found the end of a record, just before buf[end]. */
static void
scan_record(void *arg, size_t end)
{
	struct stretch *st = arg;
	unsigned long long rec = st->s.records - st->hdr;
	off_t off = st->base + (off_t)end;
	const struct mark *last;

	if (rec - st->seen >= PROGRESS_RECS) {
		atomic_fetch_add_explicit(&scanned_recs, PROGRESS_RECS,
		    memory_order_relaxed);
		atomic_fetch_add_explicit(&scanned_bytes,
		    (unsigned long long)(off - st->seenoff),
		    memory_order_relaxed);
		st->seen += PROGRESS_RECS;
		st->seenoff = off;
		if (st->hdr)
			xf_progress(atomic_load_explicit(&scanned_recs,
			    memory_order_relaxed), atomic_load_explicit(
			    &scanned_bytes, memory_order_relaxed));
	}
	if (st->marks.n == 0) {
		mark_add(&st->marks, rec, off);
		return;
	}
	last = &st->marks.v[st->marks.n - 1];
	if (rec - last->rec >= MARK_RECS || off - last->off >= MARK_BYTES)
		mark_add(&st->marks, rec, off);
}

/*
 * Scan the bytes of ST from POS to TO with its scanner, which stopped
 * at POS (and consumed all it was given).
 */
static void
stretch_scan(struct stretch *st, off_t pos, off_t to)
{
	size_t have = 0, used, want;
	ssize_t n;

	while (pos < to && st->rerr == 0) {
		want = FBLOCK - have;
		if ((off_t)want > to - pos)
			want = (size_t)(to - pos);
		n = pread(st->fd, st->buf + have, want, pos);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			st->rerr = 1;
			break;
		}
		pos += n;
		have += (size_t)n;
		st->base = (off_t)st->s.bytes;
		used = xf_csvscan_feed(&st->s, st->buf, have, scan_record, st);
		if (st->s.err != NULL)
			break;
		memmove(st->buf, st->buf + used, have - used);
		have -= used;
	}
	st->left = have;
}

/*
 * POSIX threads, not C11's: the sanitizers know pthread_create (glibc's
 * thrd_create goes round ThreadSanitizer, which then crashes).
 */
static void *
stretch_main(void *arg)
{
	struct stretch *st = arg;

	stretch_scan(st, st->from, st->to);
	return NULL;
}

/*
 * How many threads to use: XF_SPLIT_THREADS, a number from 1 to
 * MAXTHREADS (*FORCED is then 1: use them however little there is to
 * do), or one a processor, up to MAXSTRETCH.
 */
static size_t
thread_count(int *forced)
{
	const char *e = getenv("XF_SPLIT_THREADS");
	char *end;
	long n;

	*forced = 0;
	if (e != NULL && *e != '\0') {
		errno = 0;
		n = strtol(e, &end, 10);
		if (errno == 0 && *end == '\0' && n >= 1 && n <= MAXTHREADS) {
			*forced = 1;
			return (size_t)n;
		}
	}
	if ((n = sysconf(_SC_NPROCESSORS_ONLN)) < 1)
		n = 1;
	return n > MAXSTRETCH ? MAXSTRETCH : (size_t)n;
}

/*
 * How many stretches to scan an input of SIZE bytes in: one a thread,
 * none shorter than MINSTRETCH unless forced.
 */
static size_t
stretch_count(off_t size)
{
	int forced;
	size_t n = thread_count(&forced);

	if (!forced && (off_t)n > size / MINSTRETCH)
		n = (size_t)(size / MINSTRETCH);
	return n < 1 ? 1 : n;
}

/*
 * Cut the SIZE bytes of FD into stretches: CUT[0] is 0, CUT[n] is SIZE,
 * every other cut just after an LF.  Returns n, at most MAXTHREADS.
 */
static size_t
stretch_cuts(int fd, off_t size, off_t *cut)
{
	char b[4096];
	const char *lf;
	size_t want = stretch_count(size), n = 1, k;
	off_t pos, c;
	ssize_t got;

	cut[0] = 0;
	for (k = 1; k < want; k++) {
		pos = size / (off_t)want * (off_t)k;
		if (pos < cut[n - 1])
			pos = cut[n - 1];
		for (c = size; pos < size; pos += got) {
			got = pread(fd, b, sizeof(b), pos);
			if (got == -1 && errno == EINTR) {
				got = 0;
				continue;
			}
			if (got <= 0)
				break;
			if ((lf = memchr(b, '\n', (size_t)got)) != NULL) {
				c = pos + (lf - b) + 1;
				break;
			}
		}
		if (c >= size)
			break;
		cut[n++] = c;
	}
	cut[n] = size;
	return n;
}

/*
 * Scan input FI, in stretches at once.  Returns 0 if it is clean, -1 if
 * it is not or cannot be read (the slow path will say why).
 */
static int
fast_scan(struct fast *f, struct finput *fi, int delim, size_t maxfield)
{
	struct stat st;
	struct stretch *sv;
	pthread_t *thr;
	int *run;
	off_t cut[MAXTHREADS + 1];
	unsigned long long base;
	size_t n, i, j, left;
	int rc = -1;

	/* stat first: opening a FIFO would wait for, then lose, a writer. */
	if (strcmp(fi->path, "-") == 0 || stat(fi->path, &st) == -1 ||
	    !S_ISREG(st.st_mode) ||
	    (fi->fd = open(fi->path, O_RDONLY | O_NONBLOCK)) == -1)
		return -1;
	if (fstat(fi->fd, &st) == -1 || !S_ISREG(st.st_mode))
		return -1;
	n = stretch_cuts(fi->fd, st.st_size, cut);
	sv = xf_calloc(n, sizeof(*sv));
	thr = xf_calloc(n, sizeof(*thr));
	run = xf_calloc(n, sizeof(*run));
	for (i = 0; i < n; i++) {
		sv[i].fd = fi->fd;
		sv[i].from = sv[i].seenoff = cut[i];
		sv[i].to = cut[i + 1];
		if (i == 0) {
			sv[i].buf = f->buf;
			sv[i].hdr = 1;
			xf_csvscan_init(&sv[i].s, delim, maxfield);
			continue;
		}
		sv[i].buf = xf_malloc(FBLOCK);
		xf_csvscan_init_at(&sv[i].s, delim, maxfield,
		    (unsigned long long)cut[i]);
		mark_add(&sv[i].marks, 0, cut[i]);
		/* A thread that cannot start is run here, after the first. */
		run[i] = pthread_create(&thr[i], NULL, stretch_main,
		    &sv[i]) == 0;
	}
	stretch_scan(&sv[0], 0, cut[1]);
	for (i = 1; i < n; i++) {
		if (run[i])
			pthread_join(thr[i], NULL);
		else
			stretch_main(&sv[i]);
	}

	/*
	 * Join the stretches in order.  Where a guess was wrong (the LF
	 * before a cut was inside quotes, or the first stretch did not
	 * reach the end of the header), the stretch is scanned again,
	 * going on from the one before.
	 */
	left = sv[0].left;
	for (i = 1; i < n; i++) {
		if (sv[0].rerr || sv[0].s.err != NULL)
			break;
		base = sv[0].s.records - 1;
		if (sv[i].rerr == 0 && xf_csvscan_join(&sv[0].s, &sv[i].s) == 0) {
			for (j = 0; j < sv[i].marks.n; j++) {
				if (sv[0].marks.n > 0 && sv[0].marks.v[
				    sv[0].marks.n - 1].off == sv[i].marks.v[j].off)
					continue;
				mark_add(&sv[0].marks, base + sv[i].marks.v[j].rec,
				    sv[i].marks.v[j].off);
			}
			left = sv[i].left;
			/* Its records are counted for the progress already. */
			sv[0].seen = sv[0].s.records - 1;
			sv[0].seenoff = (off_t)sv[0].s.bytes;
		} else {
			stretch_scan(&sv[0], cut[i], cut[i + 1]);
			left = sv[0].left;
		}
	}
	if (sv[0].rerr || sv[0].s.err != NULL ||
	    xf_csvscan_end(&sv[0].s, left) == -1)
		goto out;
	fi->marks = sv[0].marks;
	sv[0].marks.v = NULL;
	fi->size = (off_t)sv[0].s.bytes;
	fi->end = fi->size + (sv[0].s.nolf ? 1 : 0);
	fi->nrec = sv[0].s.records - 1;
	if (fi->marks.n == 0)
		mark_add(&fi->marks, 0, fi->end);	/* a header without LF */
	mark_add(&fi->marks, fi->nrec, fi->end);
	fi->at = fi->marks.v[0];
	rc = 0;
out:
	for (i = 0; i < n; i++) {
		if (i > 0)
			free(sv[i].buf);
		free(sv[i].marks.v);
	}
	free(sv);
	free(thr);
	free(run);
	return rc;
}

/*
 * Point *b at the bytes of FI from offset POS on, *n of them (at least
 * one).  Returns 0, or -1 after a diagnostic.
 */
static int
fast_block(struct fast *f, const struct finput *fi, off_t pos,
    const char **b, size_t *n)
{
	ssize_t got;

	if (f->bufin != fi || pos < f->bufoff ||
	    pos >= f->bufoff + (off_t)f->buflen) {
		f->bufin = NULL;
		while ((got = pread(fi->fd, f->buf, FBLOCK, pos)) == -1 &&
		    errno == EINTR)
			;
		if (got == -1) {
			xf_warn("%s", fi->path);
			return -1;
		}
		if (got == 0) {
			xf_warnx("%s: the file changed while being split",
			    fi->path);
			return -1;
		}
		f->bufin = fi;
		f->bufoff = pos;
		f->buflen = (size_t)got;
	}
	*b = f->buf + (pos - f->bufoff);
	*n = f->buflen - (size_t)(pos - f->bufoff);
	return 0;
}

/*
 * Move AT on, record by record, while it is before record WANT and the
 * next record ends at or before LIMIT.  Returns 0, or -1 after a
 * diagnostic.
 */
static int
fast_walk(struct fast *f, const struct finput *fi, struct mark *at,
    unsigned long long want, off_t limit)
{
	const char *b;
	size_t n, i;
	off_t pos = at->off;
	int q = 0;

	while (at->rec < want) {
		if (at->rec + 1 >= fi->nrec) {
			/* The last record ends at the end. */
			if (at->rec + 1 == fi->nrec && fi->end <= limit) {
				at->rec++;
				at->off = fi->end;
			}
			return 0;
		}
		if (fast_block(f, fi, pos, &b, &n) == -1)
			return -1;
		for (i = 0; i < n; i++) {
			if (b[i] == '"')
				q = !q;
			else if (b[i] == '\n' && !q) {
				if (pos + (off_t)i + 1 > limit)
					return 0;
				at->rec++;
				at->off = pos + (off_t)i + 1;
				if (at->rec >= want || at->rec + 1 >= fi->nrec)
					break;
			}
		}
		pos += (off_t)(i < n ? i + 1 : n);
	}
	return 0;
}

/* The boundary before record WANT of FI.  Returns 0 or -1. */
static int
fast_seek_rec(struct fast *f, struct finput *fi, unsigned long long want,
    struct mark *to)
{
	size_t lo = 0, hi = fi->marks.n, mid;

	/* The last mark at or before WANT. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (fi->marks.v[mid].rec <= want)
			lo = mid;
		else
			hi = mid;
	}
	*to = fi->marks.v[lo];
	if (fi->at.rec <= want && fi->at.rec > to->rec)
		*to = fi->at;
	if (fast_walk(f, fi, to, want, fi->end) == -1)
		return -1;
	fi->at = *to;
	return 0;
}

/*
 * The last boundary of FI at or before offset LIMIT, not before FROM.
 * Returns 0 or -1.
 */
static int
fast_seek_bytes(struct fast *f, struct finput *fi, const struct mark *from,
    off_t limit, struct mark *to)
{
	size_t lo = 0, hi = fi->marks.n, mid;

	if (limit >= fi->end) {
		*to = fi->marks.v[fi->marks.n - 1];
		return 0;
	}
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (fi->marks.v[mid].off <= limit)
			lo = mid;
		else
			hi = mid;
	}
	*to = *from;
	if (fi->marks.v[lo].off <= limit && fi->marks.v[lo].rec > to->rec)
		*to = fi->marks.v[lo];
	if (fi->at.off <= limit && fi->at.rec > to->rec)
		*to = fi->at;
	if (fast_walk(f, fi, to, fi->nrec, limit) == -1)
		return -1;
	fi->at = *to;
	return 0;
}

/*
 * Parts are copied by threads of their own, up to one a processor at
 * once, while the cuts of the next ones are found; they are finished,
 * and their names printed, in order.  A part of fewer than JOB_THREAD
 * bytes is copied at once: a thread would cost more than it saves.
 */
#define JOB_THREAD	(1024 * 1024)

/* A byte range of an input to copy into a part, and then an LF or not. */
struct seg {
	const struct finput *fi;
	off_t		 from, to;
	int		 lf;
};

/* A part and the bytes to copy into it. */
struct job {
	struct part	 p;
	struct seg	*seg;
	size_t		 nseg, segcap;
	unsigned long long size;	/* bytes in the segments */
	char		*buf;		/* FBLOCK bytes */
	pthread_t	 thr;
	int		 running;	/* in a thread of its own */
	atomic_int	 done;		/* the copying is over */
	enum { J_OK, J_READ, J_SHORT, J_WRITE } fail;
	int		 err;		/* errno of the failure */
	const struct finput *failin;	/* the input of a J_READ, J_SHORT */
};

/* Add the records of FI from boundary A to boundary B to job J. */
static void
job_add(struct fast *f, struct job *j, const struct finput *fi,
    const struct mark *a, const struct mark *b)
{
	struct seg *sg;

	if (j->nseg == j->segcap) {
		j->segcap = j->segcap ? j->segcap * 2 : 4;
		j->seg = xf_reallocarray(j->seg, j->segcap, sizeof(*j->seg));
	}
	sg = &j->seg[j->nseg++];
	sg->fi = fi;
	sg->from = a->off;
	sg->to = b->off < fi->size ? b->off : fi->size;
	sg->lf = b->off > fi->size;
	j->size += (unsigned long long)(sg->to - sg->from);
	j->p.records += b->rec - a->rec;
	j->p.bytes += (unsigned long long)(b->off - a->off);
	f->done += b->rec - a->rec;
}

/*
 * Copy what it can of bytes *pos .. to of segment SG into job J's part
 * in the kernel (copy_file_range: page cache to page cache, without the
 * trip through this process that pread and fwrite make, which halves
 * the memory traffic; a file system that can shares the blocks).  It
 * stops at anything unexpected and leaves the rest, with the error,
 * to pread and fwrite; *kernel becomes 0 where the call cannot be
 * used at all (another kernel, file system or kind of file).
 */
static void
kernel_copy(struct job *j, const struct seg *sg, off_t *pos, FILE *fp,
    int *kernel)
{
#ifdef __linux__
	ssize_t n;

	if (!*kernel || *pos >= sg->to)
		return;
	/* What the stream holds goes first. */
	if (fflush(fp) == EOF) {
		j->fail = J_WRITE;
		j->err = errno;
		return;
	}
	while (*pos < sg->to) {
		n = copy_file_range(sg->fi->fd, pos, fileno(fp), NULL,
		    (size_t)(sg->to - *pos), 0);
		if (n > 0)
			continue;	/* *pos has moved on */
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && (errno == ENOSYS || errno == EXDEV ||
		    errno == EINVAL || errno == EOPNOTSUPP || errno == EBADF))
			*kernel = 0;
		break;
	}
#else
	(void)j;
	(void)sg;
	(void)pos;
	(void)fp;
	*kernel = 0;
#endif
}

/* Copy the segments of job J into its part, noting what fails. */
static void *
job_main(void *arg)
{
	struct job *j = arg;
	FILE *fp = xf_output_fp(j->p.o);
	char *buf = j->buf;
	const struct seg *sg;
	off_t pos;
	size_t i, want;
	ssize_t n;
	int kernel = 1;

	for (i = 0; i < j->nseg && j->fail == J_OK; i++) {
		sg = &j->seg[i];
		pos = sg->from;
		kernel_copy(j, sg, &pos, fp, &kernel);
		if (j->fail != J_OK)
			break;
		for (; pos < sg->to; pos += n) {
			want = FBLOCK;
			if ((off_t)want > sg->to - pos)
				want = (size_t)(sg->to - pos);
			if ((n = pread(sg->fi->fd, buf, want, pos)) == -1 &&
			    errno == EINTR) {
				n = 0;
				continue;
			}
			if (n <= 0) {
				j->fail = n == 0 ? J_SHORT : J_READ;
				j->err = errno;
				j->failin = sg->fi;
				break;
			}
			if (fwrite(buf, 1, (size_t)n, fp) != (size_t)n) {
				j->fail = J_WRITE;
				j->err = errno;
				break;
			}
		}
		if (j->fail == J_OK && sg->lf && putc('\n', fp) == EOF) {
			j->fail = J_WRITE;
			j->err = errno;
		}
	}
	atomic_store_explicit(&j->done, 1, memory_order_release);
	return NULL;
}

/*
 * Start copying job J: in a thread of its own if THREADS is 2, or 1 and
 * the job is long.
 */
static void
job_start(struct job *j, int threads)
{
	/* The header first: the CSV writer keeps a buffer of its own. */
	if (xf_csvout_flush(j->p.out) == -1) {
		j->fail = J_WRITE;
		j->err = errno;
		atomic_store_explicit(&j->done, 1, memory_order_relaxed);
		return;
	}
	j->buf = xf_malloc(FBLOCK);
	if ((threads == 2 || (threads == 1 && j->size >= JOB_THREAD)) &&
	    pthread_create(&j->thr, NULL, job_main, j) == 0) {
		j->running = 1;
		return;
	}
	job_main(j);
}

/*
 * Wait for job J, then finish its part (printing its name), or abandon
 * it if it or ABANDON failed.  Returns 0, or -1 after a diagnostic.
 */
static int
job_finish(struct run *r, struct job *j, int abandon)
{
	struct part *p = &j->p;
	int rc = -1;

	if (j->running)
		pthread_join(j->thr, NULL);
	errno = j->err;
	switch (j->fail) {
	case J_READ:
		xf_warn("%s", j->failin->path);
		break;
	case J_SHORT:
		xf_warnx("%s: the file changed while being split",
		    j->failin->path);
		break;
	case J_WRITE:
		xf_warn("%s", p->name);
		break;
	case J_OK:
		if (!abandon)
			rc = part_close(r, p);
		break;
	}
	if (p->o != NULL) {
		xf_csvout_free(p->out);
		xf_output_abort(p->o);
		free(p->name);
	}
	free(j->seg);
	free(j->buf);
	memset(j, 0, sizeof(*j));
	return rc;
}

/* Move C past inputs it has finished.  Returns 0, or -1 if all are. */
static int
fast_next(struct fast *f, struct cursor *c)
{
	while (c->at.rec >= f->in[c->i].nrec) {
		if (c->i + 1 == f->nin)
			return -1;
		c->i++;
		c->at = f->in[c->i].marks.v[0];
	}
	return 0;
}

/* The next N records go to job J. */
static int
fast_records(struct fast *f, struct job *j, struct cursor *c,
    unsigned long long n)
{
	struct finput *fi;
	struct mark to;
	unsigned long long take;

	while (n > 0 && fast_next(f, c) == 0) {
		fi = &f->in[c->i];
		take = fi->nrec - c->at.rec;
		if (take > n)
			take = n;
		if (fast_seek_rec(f, fi, c->at.rec + take, &to) == -1)
			return -1;
		job_add(f, j, fi, &c->at, &to);
		c->at = to;
		n -= take;
	}
	return 0;
}

/* The records that fit in SIZE bytes, at least one, go to job J. */
static int
fast_bytes(struct fast *f, struct job *j, struct cursor *c, size_t size)
{
	const struct part *p = &j->p;
	struct finput *fi;
	struct mark to;
	unsigned long long avail;
	off_t limit;

	while (fast_next(f, c) == 0) {
		fi = &f->in[c->i];
		avail = p->bytes < size ? size - p->bytes : 0;
		if (avail >= (unsigned long long)(fi->end - c->at.off))
			limit = fi->end;
		else
			limit = c->at.off + (off_t)avail;
		if (fast_seek_bytes(f, fi, &c->at, limit, &to) == -1)
			return -1;
		if (to.rec == c->at.rec) {
			if (p->records > 0)
				break;
			/* A record larger than a part: a part of its own. */
			if (fast_seek_rec(f, fi, c->at.rec + 1, &to) == -1)
				return -1;
		}
		job_add(f, j, fi, &c->at, &to);
		c->at = to;
	}
	return 0;
}

/* Write the parts on the fast path.  Returns 0 or -1. */
static int
fast_split(struct run *r, struct fast *f)
{
	const struct options *opt = r->opt;
	struct job *jobs, *j;
	struct cursor c;
	unsigned long long n;
	size_t w, head = 0, busy = 0, i;
	int rc = 0, forced, threads;

	w = thread_count(&forced);
	threads = w == 1 ? 0 : forced ? 2 : 1;
	jobs = xf_calloc(w, sizeof(*jobs));

	c.i = 0;
	c.at = f->in[0].marks.v[0];
	while (rc == 0 && f->done < r->total) {
		/*
		 * Name the parts done so far, as soon as they are; with every
		 * thread busy, wait for the oldest.
		 */
		while (rc == 0 && busy > 0 && (busy == w ||
		    atomic_load_explicit(&jobs[head].done,
		    memory_order_acquire))) {
			rc = job_finish(r, &jobs[head], 0);
			head = (head + 1) % w;
			busy--;
		}
		if (rc == -1)
			break;
		j = &jobs[(head + busy) % w];
		if (part_open(r, &j->p) == -1) {
			rc = -1;
			break;
		}
		busy++;
		if (opt->mode == M_PARTS)
			n = share(r, r->nmade);
		else
			n = (unsigned long long)opt->rows;
		if (opt->mode == M_BYTES)
			rc = fast_bytes(f, j, &c, opt->bytes);
		else
			rc = fast_records(f, j, &c, n);
		if (rc == 0)
			job_start(j, threads);
	}
	/* In order; after a failure, the parts still open are abandoned. */
	for (; busy > 0; busy--, head = (head + 1) % w)
		if (job_finish(r, &jobs[head], rc == -1) == -1)
			rc = -1;
	free(jobs);
	if (rc == -1)
		return -1;
	for (i = 0; i < f->nin; i++)
		xf_rejects_input_done(r->rej, f->in[i].path);
	return 0;
}

/* Whether the options allow the fast path at all. */
static int
fast_allowed(const struct options *opt)
{
	const char *slow = getenv("XF_SPLIT_SLOW");
	int delim = opt->cli.csv.delim;

	if (slow != NULL && *slow != '\0')
		return 0;
	if (opt->mode != M_PARTS && opt->mode != M_ROWS &&
	    opt->mode != M_BYTES)
		return 0;
	if (delim <= 0 || delim >= 0x80 || opt->cli.outdelim != delim ||
	    opt->cli.crlf || opt->cli.bom || opt->cli.csv.ragged)
		return 0;
	return opt->cli.csv.encoding == XF_ENC_AUTO ||
	    opt->cli.csv.encoding == XF_ENC_UTF8;
}

static void
fast_free(struct fast *f)
{
	size_t i;

	for (i = 0; i < f->nin; i++) {
		if (f->in[i].fd != -1)
			close(f->in[i].fd);
		free(f->in[i].marks.v);
	}
	free(f->in);
	free(f->buf);
	memset(f, 0, sizeof(*f));
}

/*
 * Scan every input and read the headers.  Returns 1 if the fast path
 * can take the whole split (the first header is then set up), else 0
 * with F freed.
 */
static int
fast_prepare(struct run *r, const struct input *in, size_t nin,
    struct fast *f)
{
	const struct options *opt = r->opt;
	struct xf_csvopt csv = opt->cli.csv;
	struct xf_header *hdr = NULL;
	struct xf_csvin *c;
	struct xf_row row;
	size_t i;
	int ok = 1;

	memset(f, 0, sizeof(*f));
	if (!fast_allowed(opt))
		return 0;
	f->nin = nin;
	f->in = xf_calloc(nin, sizeof(*f->in));
	for (i = 0; i < nin; i++) {
		f->in[i].path = in[i].path;
		f->in[i].fd = -1;
	}
	f->buf = xf_malloc(FBLOCK);
	for (i = 0; i < nin && ok; i++)
		if (fast_scan(f, &f->in[i], csv.delim, csv.maxfield) == -1)
			ok = 0;
	xf_progress_done();

	/* The headers, read as the slow path reads them. */
	csv.encoding = XF_ENC_UTF8;
	for (i = 0; i < nin && ok; i++) {
		if ((c = xf_csvin_open(f->in[i].path, &csv)) == NULL) {
			ok = 0;
			break;
		}
		if (xf_csvin_next(c, &row) != XF_CSV_ROW)
			ok = 0;
		else if (hdr == NULL)
			hdr = xf_header_save(&row);
		else if (!xf_header_same(hdr, &row))
			ok = 0;
		xf_csvin_close(c);
	}
	if (ok && first_header(r, xf_header_row(hdr), f->in[0].path) == -1)
		ok = 0;
	xf_header_free(hdr);
	if (!ok) {
		fast_free(f);
		return 0;
	}
	for (i = 0; i < nin; i++)
		r->total += f->in[i].nrec;
	r->records = r->total;
	return 1;
}

/* Close every part; make the ones -n promised and a header-only one. */
static int
finish_parts(struct run *r)
{
	const struct options *opt = r->opt;
	long long i;
	int rc = 0;

	if (r->hdr == NULL)
		return 0;
	if (opt->mode == M_BY) {
		for (i = 0; i < opt->nparts; i++)
			if (part_close(r, &r->part[i]) == -1)
				rc = -1;
		free(r->part);
		return rc;
	}
	if (rc == 0 && r->cur.o == NULL && r->nmade == 0 &&
	    part_open(r, &r->cur) == -1)
		return -1;
	if (part_close(r, &r->cur) == -1)
		return -1;
	if (opt->mode == M_PARTS)
		while (r->nmade < (unsigned long long)opt->nparts) {
			if (part_open(r, &r->cur) == -1 ||
			    part_close(r, &r->cur) == -1)
				return -1;
		}
	return 0;
}

static void
set_mode(struct options *opt, enum mode m)
{
	if (opt->mode != M_NONE && opt->mode != m)
		usage_msg("-n, --rows and --bytes exclude each other");
	opt->mode = m;
}

int
main(int argc, char *argv[])
{
	struct options opt;
	struct run r;
	struct fast fast;
	struct input *in;
	size_t nin, i;
	int ch, rc, status = XF_EXIT_OK;
	static char stdin_path[] = "-";
	char *dash[] = { stdin_path, NULL };

	argv[0] = xf_setprogname(argv[0]);
	memset(&opt, 0, sizeof(opt));
	memset(&r, 0, sizeof(r));
	xf_cli_init(&opt.cli);

	while ((ch = getopt_long(argc, argv, "hn:p:V" XF_CLI_SHORT,
	    longopts, NULL)) != -1) {
		if ((rc = xf_cli_option(&opt.cli, ch, optarg)) == 1)
			continue;
		if (rc == -1)
			xf_usage(usage_line);
		switch (ch) {
		case 'h':
			help();
			/* NOTREACHED */
		case 'n':
			set_mode(&opt, M_PARTS);
			if (xf_parse_count("-n", optarg, 1, MAXPARTS,
			    &opt.nparts) == -1)
				xf_usage(usage_line);
			break;
		case 'p':
			opt.prefix = optarg;
			break;
		case 'V':
			xf_version();
			/* NOTREACHED */
		case OPT_BY:
			opt.by = optarg;
			break;
		case OPT_BYTES:
			set_mode(&opt, M_BYTES);
			if (xf_parse_size("--bytes", optarg, 1, SIZE_MAX,
			    &opt.bytes) == -1)
				xf_usage(usage_line);
			break;
		case OPT_ROWS:
			set_mode(&opt, M_ROWS);
			if (xf_parse_count("--rows", optarg, 1, LLONG_MAX,
			    &opt.rows) == -1)
				xf_usage(usage_line);
			break;
		default:
			xf_usage(usage_line);
		}
	}
	argc -= optind;
	argv += optind;

	if (opt.prefix == NULL)
		usage_msg("-p PREFIX is required");
	if (opt.mode == M_NONE)
		usage_msg("one of -n, --rows or --bytes is required");
	if (opt.by != NULL) {
		if (opt.mode != M_PARTS)
			usage_msg("--by needs -n");
		opt.mode = M_BY;
	}

	r.opt = &opt;
	r.bycol = -1;
	r.width = 4;
	if (opt.mode == M_PARTS || opt.mode == M_BY)
		r.width = snprintf(NULL, 0, "%lld", opt.nparts) > 4 ?
		    snprintf(NULL, 0, "%lld", opt.nparts) : 4;
	if (argc == 0) {
		argv = dash;
		argc = 1;
	}
	nin = (size_t)argc;
	in = xf_calloc(nin, sizeof(*in));
	for (i = 0; i < nin; i++) {
		in[i].path = argv[i];
		in[i].csv = opt.cli.csv;
	}

	if ((r.rej = xf_rejects_open(opt.cli.rejects)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	if ((r.namesfile = xf_output_open(opt.cli.output)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	r.names = xf_output_fp(r.namesfile);

	if (fast_prepare(&r, in, nin, &fast)) {
		if (fast_split(&r, &fast) == -1)
			status = XF_EXIT_FAIL;
		fast_free(&fast);
	} else {
		if (opt.mode == M_PARTS && count_pass(&r, in, nin) == -1)
			status = XF_EXIT_FAIL;
		for (i = 0; i < nin && status != XF_EXIT_FAIL; i++) {
			rc = split(&r, &in[i]);
			status = XF_WORST(status, rc);
		}
	}
	if (finish_parts(&r) == -1)
		status = XF_EXIT_FAIL;

	/*
	 * After a failure the list is not written: a script that reads it
	 * must not take the parts made so far for the whole split.
	 */
	if (status == XF_EXIT_FAIL)
		xf_output_abort(r.namesfile);
	else if (xf_output_commit(r.namesfile) == -1)
		status = XF_EXIT_FAIL;
	if (xf_rejects_close(r.rej) == -1)
		status = XF_EXIT_FAIL;
	for (i = 0; i < nin; i++)
		if (in[i].spool != NULL)
			fclose(in[i].spool);
	free(in);
	xf_header_free(r.hdr);
	return xf_finish(status);
}
