/* SPDX-License-Identifier: ISC */

/*
 * xf-repeat: find repeat petitions.  Each petition gets a person key (a
 * keyed hash of the petitioner's ID number, else phone number, else name
 * and district; see person.h) and is compared with the earlier
 * petitions of the same person within a window of days: when the
 * character bigram similarity of the texts reaches a threshold (or,
 * with --any-topic, whatever the text), it is a repeat, numbered in its
 * chain and linked to the chain's first petition (see repeat.h).
 * Collective petitions (persons at or above a dated parameter) are
 * flagged as well.  Input in date order streams with memory bounded by
 * the window; --unsorted takes any order and holds the input.
 */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "columns.h"
#include "csvin.h"
#include "csvout.h"
#include "date.h"
#include "input.h"
#include "ngram.h"
#include "output.h"
#include "params.h"
#include "person.h"
#include "pseudo.h"
#include "rejects.h"
#include "repeat.h"
#include "rollup.h"
#include "utf8.h"
#include "xf.h"

#define MAXTEXT		16

/* The default threshold of -s, in thousandths: see xf-repeat(1). */
#define DEFAULT_SIMILARITY	90

/* The default window of -w, in days. */
#define DEFAULT_WINDOW		90

/* Messages about records out of date order shown per input. */
#define DISORDER_SHOWN		20

#define COLLECTIVE_PARAM	"petition_collective_persons"

struct options {
	struct xf_cli	 cli;
	int		 any_topic;	/* -a */
	int		 dump;		/* -D */
	const char	*keyfile;	/* -k */
	const char	*params;	/* -p */
	const char	*region;	/* -R */
	unsigned	 similarity;	/* -s, thousandths */
	char		*text[MAXTEXT];	/* -T */
	size_t		 ntext;
	int		 unsorted;	/* -u */
	long		 window;	/* -w */
	int		 explain;	/* -x */
};

/* The columns written, in order; the last two only with -x. */
enum { O_KEY, O_OF, O_N, O_COLL, O_BASIS, O_SIM, O_SIMTO, NOUT };
static const char *const outname[NOUT] = { "person_key", "repeat_of",
	"repeat_n", "collective", "key_basis", "similarity", "similar_to" };

/* Column indexes in the input, -1 when absent. */
struct cols {
	long	 id, date, persons, name, id_number, phone, district;
	long	 text[MAXTEXT];
	size_t	 ntext;
	long	 out[NOUT];	/* an output column the input already has */
	size_t	 nout;		/* output columns written */
};

/* What the checks found in one record. */
struct info {
	long	 day;
	int	 collective;
};

/* What one record gets, ready to write. */
struct outcome {
	char		 key[XF_PSEUDO_STRSZ];
	const char	*basis;
	const char	*of;
	size_t		 oflen;
	unsigned long	 n;
	int		 collective;
	int		 compared;
	unsigned	 sim;
	const char	*simto;
	size_t		 simtolen;
};

/* A record held by --unsorted, with its outcome once known. */
struct held {
	char		**field;
	size_t		 *len;
	size_t		  nfield;
	unsigned long	  line;
	struct info	  info;
	size_t		  seq;
	struct outcome	  res;
	char		 *strings;	/* res.of and res.simto point here */
};

struct run {
	const struct options *opt;
	struct xf_params *params;
	struct xf_pseudo *ps;
	struct xf_repeat *eng;
	struct xf_csvout *out;
	struct xf_rejects *rej;
	struct xf_header *hdr;
	struct cols	 c;
	struct xf_ngram	 grams;
	const char	*name;		/* of the input being read */
	unsigned long long records;
	long		 maxday;	/* the latest day read so far */
	int		 anyday;
	unsigned long	 disorder;	/* of this input */
	long		 pday;		/* the day of the parameter cached */
	long		 pmin;		/* its value */
	int		 pok;
	struct held	*rows;		/* --unsorted */
	size_t		 nrows, caprows;
};

static const char usage_line[] =
    "usage: xf-repeat [-aDhuVx] [-d delim] [-k keyfile] [-o file] "
    "[-p file] [-R region] [-s similarity] [-T cols] [-w days] [file ...]";

static const struct option longopts[] = {
	{ "any-topic",		no_argument,		NULL,	'a' },
	{ "dump-params",	no_argument,		NULL,	'D' },
	{ "explain",		no_argument,		NULL,	'x' },
	{ "help",		no_argument,		NULL,	'h' },
	{ "key-file",		required_argument,	NULL,	'k' },
	{ "params",		required_argument,	NULL,	'p' },
	{ "region",		required_argument,	NULL,	'R' },
	{ "similarity",		required_argument,	NULL,	's' },
	{ "text",		required_argument,	NULL,	'T' },
	{ "unsorted",		no_argument,		NULL,	'u' },
	{ "version",		no_argument,		NULL,	'V' },
	{ "window",		required_argument,	NULL,	'w' },
	XF_CLI_LONGOPTS,
	{ NULL,			0,			NULL,	0 }
};

static void	help(void) __attribute__((noreturn));

static void
help(void)
{
	printf("%s\n\n", usage_line);
	fputs("Find repeat petitions: append person_key, repeat_of, repeat_n, "
	    "collective,\nkey_basis.\n\n"
	    "  -a, --any-topic         any petition of the same person in "
	    "the window is a\n"
	    "                          repeat, whatever its text\n"
	    "  -D, --dump-params       print the petition_collective_persons "
	    "rows and exit\n"
	    "  -k, --key-file=FILE     person keys under the key in FILE "
	    "(default: a new\n"
	    "                          random key for this run)\n"
	    "  -p, --params=FILE       parameters from FILE over the "
	    "built-in ones\n"
	    "  -R, --region=REGION     region for the parameters (default "
	    "延吉市)\n"
	    "  -s, --similarity=S      least text similarity of a repeat, 0 "
	    "to 1\n"
	    "                          (default 0.09)\n"
	    "  -T, --text=COLS         compare the text of these columns "
	    "(default:\n"
	    "                          subject and content)\n"
	    "  -u, --unsorted          input in any date order (held in "
	    "memory)\n"
	    "  -w, --window=DAYS       how far back a repeat looks (default "
	    "90)\n"
	    "  -x, --explain           add similarity and similar_to columns\n"
	    "  -h, --help              show this help and exit\n"
	    "  -V, --version           show the version and exit\n"
	    XF_CLI_HELP
	    "\nInput must be in date order unless -u is given.\n"
	    "\nExample:\n"
	    "  xf-repeat -k office.key export.csv > repeats.csv\n"
	    "\nSee xf-repeat(1).\n", stdout);
	exit(xf_finish(XF_EXIT_OK));
}

/*
 * The argument of -s: a decimal from 0 to 1 with at most three places
 * ("0.25", ".3", "1", "0.125").  Returns thousandths, or -1.
 */
static int
parse_similarity(const char *s)
{
	unsigned v = 0;
	int places = 0, digits = 0, point = 0;

	for (; *s != '\0'; s++) {
		if (*s == '.' && !point) {
			point = 1;
			continue;
		}
		if (*s < '0' || *s > '9' || (point && places == 3) ||
		    (!point && digits == 1))
			return -1;
		v = v * 10 + (unsigned)(*s - '0');
		digits++;
		if (point)
			places++;
	}
	if (digits == 0)
		return -1;
	for (; places < 3; places++)
		v *= 10;
	return v > 1000 ? -1 : (int)v;
}

static int
split_cols(char *arg, char **list, size_t *n)
{
	return xf_cli_split_list("--text", arg, list, n, MAXTEXT);
}

/*
 * A key for this run only: written by libsodium into a fresh private
 * directory, read back, and removed at once.
 */
static struct xf_pseudo *
run_key(void)
{
	struct xf_pseudo *ps = NULL;
	const char *tmp, *why = NULL;
	char dir[4096], path[4200];
	int saved;

	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	if ((size_t)snprintf(dir, sizeof(dir), "%s/xf-repeat.XXXXXX", tmp) >=
	    sizeof(dir) || mkdtemp(dir) == NULL) {
		xf_warn("cannot make a key for this run in %s (give -k "
		    "KEYFILE)", tmp);
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/key", dir);
	if (xf_pseudo_key_new(path, &why) == 0)
		ps = xf_pseudo_load(path, &why);
	saved = errno;
	unlink(path);
	rmdir(dir);
	if (ps == NULL) {
		errno = saved;
		if (errno != 0)
			xf_warn("cannot make a key for this run: %s", why);
		else
			xf_warnx("cannot make a key for this run: %s", why);
	}
	return ps;
}

static struct xf_pseudo *
load_key(const char *path)
{
	struct xf_pseudo *ps;
	const char *why = NULL;

	if (path == NULL)
		return run_key();
	if ((ps = xf_pseudo_load(path, &why)) == NULL) {
		if (errno != 0)
			xf_warn("%s: %s", path, why);
		else
			xf_warnx("%s: %s", path, why);
	}
	return ps;
}

/*
 * Check every petition_collective_persons row up front, so that a bad
 * --params file fails before any record is read.  Returns 0, or -1
 * after a diagnostic per bad row.
 */
static int
check_params(const struct xf_params *p)
{
	const struct xf_param *row;
	const char *why;
	size_t i;
	long v;
	int rc = 0;

	for (i = 0; (row = xf_params_row(p, i)) != NULL; i++) {
		if (strcmp(row->name, COLLECTIVE_PARAM) != 0 ||
		    !row->has_value)
			continue;
		why = "less than 1";
		if (xf_params_long(row, &v, &why) == -1 || v < 1) {
			xf_warnat(row->file, row->line, "parameter '%s' for "
			    "%s: %s: '%s'", row->name, row->region, why,
			    row->value);
			rc = -1;
		}
	}
	return rc;
}

/* Whether name is the one parameter xf-repeat reads. */
static int
collective_param(const char *name)
{
	return strcmp(name, COLLECTIVE_PARAM) == 0;
}

/* --dump-params: the petition_collective_persons rows. */
static int
dump(const struct options *opt, const struct xf_params *p)
{
	return xf_params_dump_to(p, opt->cli.output, collective_param) == 0 ?
	    XF_EXIT_OK : XF_EXIT_FAIL;
}

/* "prog: FILE:1: no column to tell who petitioned ...; columns are: ..." */
static void
no_identity(const struct xf_row *hdr, const char *name)
{
	char list[1024];
	size_t i, o = 0;
	int k;

	list[0] = '\0';
	for (i = 0; i < hdr->nfield && o < sizeof(list); i++) {
		k = snprintf(list + o, sizeof(list) - o, "%s'%s'",
		    i == 0 ? "" : ", ", hdr->field[i]);
		if (k < 0)
			break;
		o += (size_t)k;
	}
	if (o >= sizeof(list))
		memcpy(list + sizeof(list) - 4, "...", 4);
	xf_warnat(name, hdr->line, "no column to tell who petitioned: need "
	    "id_number, phone or name (or an alias of one); columns are: %s",
	    list);
}

/*
 * The columns of one input.  Returns 0, or -1 after a diagnostic when a
 * column the run needs is missing (status 2).
 */
static int
find_columns(const struct options *opt, const struct xf_row *hdr,
    const char *name, struct cols *c)
{
	const struct xf_colmap *map = &opt->cli.cols;
	size_t i;
	long k;

	if ((c->id = xf_col_need(hdr, "id", map, name)) == -1 ||
	    (c->date = xf_col_need(hdr, "date", map, name)) == -1)
		return -1;
	c->persons = xf_col_find(hdr, "persons", map);
	c->name = xf_col_find(hdr, "name", map);
	c->id_number = xf_col_find(hdr, "id_number", map);
	c->phone = xf_col_find(hdr, "phone", map);
	c->district = xf_col_find(hdr, "district", map);
	if (c->name == -1 && c->id_number == -1 && c->phone == -1) {
		no_identity(hdr, name);
		return -1;
	}
	c->ntext = 0;
	if (opt->ntext > 0) {
		for (i = 0; i < opt->ntext; i++)
			if ((c->text[c->ntext++] = xf_col_need(hdr,
			    opt->text[i], map, name)) == -1)
				return -1;
	} else {
		if ((k = xf_col_find(hdr, "subject", map)) != -1)
			c->text[c->ntext++] = k;
		if ((k = xf_col_find(hdr, "content", map)) != -1)
			c->text[c->ntext++] = k;
		if (c->ntext == 0 && !opt->any_topic &&
		    xf_col_need(hdr, "content", map, name) == -1)
			return -1;
	}
	c->nout = opt->explain ? NOUT : O_SIM;
	for (i = 0; i < NOUT; i++)
		c->out[i] = xf_col_index(hdr, outname[i]);
	return 0;
}

static void
write_header(struct run *r, const struct xf_row *hdr)
{
	size_t i;

	if (r->opt->cli.bom)
		xf_csvout_bom(r->out);
	xf_csvout_row(r->out, hdr);
	for (i = 0; i < r->c.nout; i++)
		if (r->c.out[i] == -1)
			xf_csvout_str(r->out, outname[i]);
	xf_csvout_end(r->out);
}

/* The value of output column i for outcome o, into buf (32 bytes). */
static void
out_value(const struct outcome *o, size_t i, const char **s, size_t *n,
    char *buf)
{
	switch (i) {
	case O_KEY:
		*s = o->key;
		break;
	case O_OF:
		*s = o->of;
		*n = o->oflen;
		return;
	case O_N:
		snprintf(buf, 32, "%lu", o->n);
		*s = buf;
		break;
	case O_COLL:
		*s = o->collective ? "1" : "0";
		break;
	case O_BASIS:
		*s = o->basis;
		break;
	case O_SIM:
		if (o->compared)
			snprintf(buf, 32, "%u.%03u", o->sim / 1000,
			    o->sim % 1000);
		else
			buf[0] = '\0';
		*s = buf;
		break;
	default:
		*s = o->simto;
		*n = o->simtolen;
		return;
	}
	*n = strlen(*s);
}

static void
write_row(struct run *r, char *const *field, const size_t *len,
    size_t nfield, const struct outcome *o)
{
	const struct cols *c = &r->c;
	const char *s;
	char buf[32];
	size_t i, j, n;

	for (i = 0; i < nfield; i++) {
		for (j = 0; j < c->nout; j++)
			if (c->out[j] == (long)i)
				break;
		if (j < c->nout) {
			out_value(o, j, &s, &n, buf);
			xf_csvout_field(r->out, s, n);
		} else
			xf_csvout_field(r->out, field[i], len[i]);
	}
	for (j = 0; j < c->nout; j++) {
		if (c->out[j] != -1)
			continue;
		out_value(o, j, &s, &n, buf);
		xf_csvout_field(r->out, s, n);
	}
	xf_csvout_end(r->out);
}

/*
 * The least persons of a collective petition on day d, from the
 * parameter table (cached for the last day asked).  -1 if none is in
 * force.
 */
static long
collective_min(struct run *r, long day, const struct xf_date *d)
{
	const struct xf_param *row;
	long v;

	if (r->pok && r->pday == day)
		return r->pmin;
	row = xf_params_get(r->params, COLLECTIVE_PARAM, r->opt->region, d);
	if (row == NULL || !row->has_value ||
	    xf_params_long(row, &v, NULL) == -1)
		v = -1;
	r->pday = day;
	r->pmin = v;
	r->pok = 1;
	return v;
}

/*
 * The checks every record must pass before it takes part: an id, a
 * date, a number of persons, and a collective threshold in force on its
 * date.  Returns 0 with *in filled, or -1 after rejecting the record.
 */
static int
check_row(struct run *r, const struct xf_row *row, struct info *in)
{
	const struct cols *c = &r->c;
	struct xf_date d;
	const char *why;
	char iso[XF_DATE_STRLEN];
	size_t start, len;
	long persons = 1, min;

	xf_utf8_trim(row->field[c->id], row->len[c->id], &start, &len);
	if (len == 0) {
		xf_reject(r->rej, r->name, row, "empty id");
		return -1;
	}
	if (xf_date_parse(row->field[c->date], row->len[c->date], &d, NULL,
	    &why) == -1) {
		xf_reject(r->rej, r->name, row, "date does not parse: '%s' "
		    "(%s)", row->field[c->date], why);
		return -1;
	}
	in->day = xf_date_to_days(&d);
	if (c->persons != -1 && (persons = (long)xf_rollup_persons(
	    row->field[c->persons], row->len[c->persons])) == 0) {
		xf_reject(r->rej, r->name, row, "persons is not a positive "
		    "whole number: '%s'", row->field[c->persons]);
		return -1;
	}
	if ((min = collective_min(r, in->day, &d)) == -1) {
		xf_reject(r->rej, r->name, row, "no parameter '%s' in force "
		    "on %s for %s; supply it with --params",
		    COLLECTIVE_PARAM, xf_date_format(&d, iso),
		    r->opt->region != NULL ? r->opt->region :
		    XF_PARAMS_REGION);
		return -1;
	}
	in->collective = persons >= min;
	return 0;
}

/* A field of the record, or NULL when the column is absent. */
#define FIELD(row, k)	((k) == -1 ? NULL : (row)[k])
#define FLEN(len, k)	((k) == -1 ? 0 : (len)[k])

/*
 * Work out the outcome of one record that passed check_row(): who, the
 * text's bigrams, and what the engine says.  The strings in *o point
 * into the engine and stay valid until the next call.
 */
static void
decide(struct run *r, char *const *f, const size_t *len,
    const struct info *in, struct outcome *o)
{
	const struct cols *c = &r->c;
	struct xf_repeat_result res;
	struct xf_person p;
	size_t i, idstart, idlen;

	memset(o, 0, sizeof(*o));
	o->of = o->simto = "";
	o->collective = in->collective;
	xf_person_identify(FIELD(f, c->id_number), FLEN(len, c->id_number),
	    FIELD(f, c->phone), FLEN(len, c->phone), FIELD(f, c->name),
	    FLEN(len, c->name), FIELD(f, c->district), FLEN(len, c->district),
	    &p);
	o->basis = xf_person_basis_name(p.basis);
	if (p.basis == XF_PERSON_NONE)
		return;
	xf_person_key(r->ps, &p, o->key);

	xf_ngram_clear(&r->grams);
	for (i = 0; i < c->ntext; i++)
		xf_ngram_add(&r->grams, f[c->text[i]], len[c->text[i]]);
	xf_ngram_finish(&r->grams);

	xf_utf8_trim(f[c->id], len[c->id], &idstart, &idlen);
	xf_repeat_add(r->eng, in->day, o->key, XF_PSEUDO_STRSZ - 1,
	    f[c->id] + idstart, idlen, &r->grams, &res);
	if (res.repeat) {
		o->of = res.repeat_of;
		o->oflen = res.repeat_of_len;
		o->n = res.repeat_n;
	}
	o->compared = res.compared;
	o->sim = res.similarity;
	if (res.compared) {
		o->simto = res.similar_to;
		o->simtolen = res.similar_to_len;
	}
}

/* Keep a copy of a record for --unsorted. */
static void
hold(struct run *r, const struct xf_row *row, const struct info *in)
{
	struct held *h;
	size_t i, total = 0;
	char *p;

	if (r->nrows == r->caprows) {
		r->caprows = r->caprows == 0 ? 1024 : r->caprows * 2;
		r->rows = xf_reallocarray(r->rows, r->caprows,
		    sizeof(*r->rows));
	}
	h = &r->rows[r->nrows];
	memset(h, 0, sizeof(*h));
	for (i = 0; i < row->nfield; i++)
		total += row->len[i] + 1;
	h->field = xf_reallocarray(NULL, row->nfield + 1, sizeof(char *));
	h->len = xf_reallocarray(NULL, row->nfield + 1, sizeof(size_t));
	p = xf_malloc(total + 1);
	for (i = 0; i < row->nfield; i++) {
		h->field[i] = p;
		h->len[i] = row->len[i];
		memcpy(p, row->field[i], row->len[i]);
		p[row->len[i]] = '\0';
		p += row->len[i] + 1;
	}
	h->nfield = row->nfield;
	h->line = row->line;
	h->info = *in;
	h->seq = r->nrows++;
}

/* Date order, and input order within a day. */
static int
cmp_held(const void *a, const void *b)
{
	const struct held *x = *(const struct held *const *)a;
	const struct held *y = *(const struct held *const *)b;

	if (x->info.day != y->info.day)
		return x->info.day < y->info.day ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* --unsorted: decide every record in date order, write in input order. */
static void
flush_held(struct run *r)
{
	struct held **order, *h;
	size_t i;
	char *p;

	order = xf_reallocarray(NULL, r->nrows + 1, sizeof(*order));
	for (i = 0; i < r->nrows; i++)
		order[i] = &r->rows[i];
	qsort(order, r->nrows, sizeof(*order), cmp_held);
	for (i = 0; i < r->nrows; i++) {
		h = order[i];
		decide(r, h->field, h->len, &h->info, &h->res);
		/* The engine's strings last only until the next record. */
		p = h->strings = xf_malloc(h->res.oflen + h->res.simtolen + 1);
		memcpy(p, h->res.of, h->res.oflen);
		h->res.of = p;
		memcpy(p + h->res.oflen, h->res.simto, h->res.simtolen);
		h->res.simto = p + h->res.oflen;
	}
	free(order);
	for (i = 0; i < r->nrows; i++) {
		h = &r->rows[i];
		write_row(r, h->field, h->len, h->nfield, &h->res);
		xf_progress(i + 1, 0);
		free(h->strings);
		free(h->field[0]);
		free(h->field);
		free(h->len);
	}
	free(r->rows);
	r->rows = NULL;
	r->nrows = r->caprows = 0;
}

/* Handle one good record as it is read (or hold it, with -u). */
static int
do_row(struct run *r, const struct xf_row *row)
{
	struct outcome o;
	struct info in;
	struct xf_date d, m;
	char a[XF_DATE_STRLEN], b[XF_DATE_STRLEN];
	int status = XF_EXIT_OK;

	if (check_row(r, row, &in) == -1)
		return XF_EXIT_DATA;
	if (r->opt->unsorted) {
		hold(r, row, &in);
		return XF_EXIT_OK;
	}
	if (r->anyday && in.day < r->maxday) {
		if (r->disorder++ < DISORDER_SHOWN) {
			xf_date_from_days(in.day, &d);
			xf_date_from_days(r->maxday, &m);
			xf_warnat(r->name, row->line, "not in date order: %s "
			    "after %s (sort by date, or use -u)",
			    xf_date_format(&d, a), xf_date_format(&m, b));
		}
		status = XF_EXIT_DATA;
	} else {
		r->maxday = in.day;
		r->anyday = 1;
	}
	decide(r, row->field, row->len, &in, &o);
	write_row(r, row->field, row->len, row->nfield, &o);
	return status;
}

/* Read one input.  Returns the exit status it deserves. */
static int
repeat_input(struct run *r, const char *path)
{
	const struct options *opt = r->opt;
	struct xf_input in;
	struct xf_row row;
	int st;

	r->disorder = 0;
	/* An empty input has nothing to read, as xf-classify. */
	st = xf_input_open(&in, path, &opt->cli.csv, r->rej, &r->records,
	    &row);
	r->name = in.name;
	if (st != 1)
		return xf_input_close(&in);
	if (r->hdr == NULL) {
		if (find_columns(opt, &row, r->name, &r->c) == -1) {
			in.status = XF_EXIT_FAIL;
			return xf_input_close(&in);
		}
		r->hdr = xf_header_save(&row);
		xf_rejects_header(r->rej, &row);
		write_header(r, &row);
	} else if (xf_input_same(&in, r->hdr, &row) == -1)
		return xf_input_close(&in);
	while (xf_input_next(&in, &row)) {
		st = do_row(r, &row);
		in.status = XF_WORST(in.status, st);
	}
	if (r->disorder > DISORDER_SHOWN)
		xf_warnx("%s: %lu more records not in date order", r->name,
		    r->disorder - DISORDER_SHOWN);
	return xf_input_close(&in);
}

int
main(int argc, char *argv[])
{
	struct options opt;
	struct run r;
	struct xf_repeat_opt eo;
	struct xf_output *outfile;
	long long n;
	int ch, rc, status = XF_EXIT_OK;

	argv[0] = xf_setprogname(argv[0]);
	memset(&opt, 0, sizeof(opt));
	memset(&r, 0, sizeof(r));
	xf_cli_init(&opt.cli);
	opt.similarity = DEFAULT_SIMILARITY;
	opt.window = DEFAULT_WINDOW;

	while ((ch = getopt_long(argc, argv, "aDhk:p:R:s:T:uVw:x"
	    XF_CLI_SHORT, longopts, NULL)) != -1) {
		if ((rc = xf_cli_option(&opt.cli, ch, optarg)) == 1)
			continue;
		if (rc == -1)
			xf_usage(usage_line);
		switch (ch) {
		case 'a':
			opt.any_topic = 1;
			break;
		case 'D':
			opt.dump = 1;
			break;
		case 'h':
			help();
			/* NOTREACHED */
		case 'k':
			opt.keyfile = optarg;
			break;
		case 'p':
			opt.params = optarg;
			break;
		case 'R':
			if (*optarg == '\0') {
				xf_warnx("-R: empty region");
				xf_usage(usage_line);
			}
			opt.region = optarg;
			break;
		case 's':
			if ((rc = parse_similarity(optarg)) == -1) {
				xf_warnx("-s: expected a number from 0 to 1 "
				    "with at most three decimals: '%s'",
				    optarg);
				xf_usage(usage_line);
			}
			opt.similarity = (unsigned)rc;
			break;
		case 'T':
			if (split_cols(optarg, opt.text, &opt.ntext) == -1)
				xf_usage(usage_line);
			break;
		case 'u':
			opt.unsorted = 1;
			break;
		case 'V':
			xf_version();
			/* NOTREACHED */
		case 'w':
			if (xf_parse_count("-w", optarg, 0, 36600, &n) == -1)
				xf_usage(usage_line);
			opt.window = (long)n;
			break;
		case 'x':
			opt.explain = 1;
			break;
		default:
			xf_usage(usage_line);
		}
	}
	argc -= optind;
	argv += optind;

	/* Parameters and the key are the caller's business: 2. */
	r.params = xf_params_new();
	if (xf_params_defaults(r.params) == -1 || (opt.params != NULL &&
	    xf_params_load(r.params, opt.params) == -1) ||
	    check_params(r.params) == -1) {
		xf_params_free(r.params);
		return xf_finish(XF_EXIT_FAIL);
	}
	if (opt.dump) {
		status = dump(&opt, r.params);
		xf_params_free(r.params);
		return xf_finish(status);
	}
	if ((r.ps = load_key(opt.keyfile)) == NULL) {
		xf_params_free(r.params);
		return xf_finish(XF_EXIT_FAIL);
	}

	r.opt = &opt;
	memset(&eo, 0, sizeof(eo));
	eo.window = opt.window;
	eo.similarity = opt.similarity;
	eo.any_topic = opt.any_topic;
	r.eng = xf_repeat_new(&eo);
	if ((r.rej = xf_rejects_open(opt.cli.rejects)) == NULL ||
	    (outfile = xf_output_open(opt.cli.output)) == NULL) {
		status = XF_EXIT_FAIL;
		goto out;
	}
	r.out = xf_csvout_new(xf_output_fp(outfile), opt.cli.outdelim,
	    opt.cli.crlf);

	if (argc == 0)
		status = repeat_input(&r, "-");
	for (; *argv != NULL; argv++) {
		rc = repeat_input(&r, *argv);
		status = XF_WORST(status, rc);
	}
	if (opt.unsorted)
		flush_held(&r);
	xf_progress_done();

	if (xf_output_finish(outfile, r.out) == -1)
		status = XF_EXIT_FAIL;
out:
	if (r.rej != NULL && xf_rejects_close(r.rej) == -1)
		status = XF_EXIT_FAIL;
	xf_repeat_free(r.eng);
	xf_ngram_free(&r.grams);
	xf_pseudo_free(r.ps);
	xf_params_free(r.params);
	xf_header_free(r.hdr);
	return xf_finish(status);
}
