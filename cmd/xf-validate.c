/* SPDX-License-Identifier: ISC */

/*
 * xf-validate: check petition records (or any CSV export) and pass on
 * the good ones.  A record the pipeline cannot use (broken structure,
 * invalid UTF-8, a NUL byte, no id, a date that does not parse, persons
 * that is not a positive whole number, no text) is rejected with the
 * reason.  A doubtful value that does not stop the work (an ID number
 * with a wrong check character, an odd phone number, a duplicate id) is
 * a warning: the record passes and the problem is listed in --log.
 * --strict rejects those too.  --normalize rewrites what it can: ISO
 * dates, half-width digits and letters, trimmed fields, canonical ID
 * numbers and phone numbers, logging each change.
 */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "columns.h"
#include "csvin.h"
#include "csvout.h"
#include "date.h"
#include "hash.h"
#include "ident.h"
#include "output.h"
#include "rejects.h"
#include "utf8.h"
#include "xf.h"

/* Kinds of warning, counted for the summary. */
enum {
	W_IDCHECK,
	W_IDDATE,
	W_IDFORMAT,
	W_PHONE,
	W_DUPID,
	W_UNIQUE,
	W_NKINDS
};

static const char *const wname[W_NKINDS] = {
	"id_number check character",
	"id_number birth date",
	"id_number format",
	"phone",
	"duplicate id",
	"duplicate unique value",
};

#define MAXLIST	32

/*
 * What the checks need of a column's value: nothing, its trimmed
 * length, its trimmed value, or that with full-width digits and
 * letters made half-width (the columns that hold numbers).
 */
enum { NEED_NONE, NEED_LENGTH, NEED_VALUE, NEED_ALNUM };

struct options {
	struct xf_cli	 cli;
	const char	*log;
	int		 fold;		/* --fold-newlines */
	int		 normalize;
	int		 schema;	/* the petition checks */
	int		 strict;
	int		 summary;
	char		*require[MAXLIST];
	size_t		 nrequire;
	char		*unique[MAXLIST];
	size_t		 nunique;
};

/* Column indexes in the current input, -1 when absent. */
struct cols {
	long	 id, date, persons, id_number, phone, subject, content;
	long	 require[MAXLIST];
	long	 unique[MAXLIST];
};

/*
 * A field's value after normalisation (p, NUL-terminated: the field
 * itself when nothing changes, else s, a copy), and whether it changed.
 */
struct value {
	const char *p;
	char	*s;
	size_t	 len, cap;
	int	 changed;
};

struct run {
	const struct options *opt;
	struct xf_output *outfile;
	struct xf_csvout *out;
	struct xf_output *logfile;
	struct xf_csvout *log;
	struct xf_rejects *rej;
	struct xf_header *hdr;
	struct xf_fpset	*ids;
	struct xf_fpset	*seen[MAXLIST];
	struct value	*val;		/* one per column */
	size_t		 nval;
	const char	*name;		/* current input */
	long		 idcol;		/* id column for the log, or -1 */
	unsigned char	*need;		/* per column: NEED_* */
	unsigned char	*quote;		/* per column: it needs quotes */
	int		 odelim;	/* output field separator */
	int		 scanq;		/* xf_utf8_scan can tell for odelim */
	unsigned long long records, written, warnings, changes;
	unsigned long long wcount[W_NKINDS];
};

static const char usage_line[] =
    "usage: xf-validate [-hnSsV] [-d delim] [-l file] [-o file] "
    "[-r cols] [-u cols] [file ...]";

static const struct option longopts[] = {
	{ "fold-newlines", no_argument,		NULL,	'f' + 0x200 },
	{ "help",	no_argument,		NULL,	'h' },
	{ "log",	required_argument,	NULL,	'l' },
	{ "no-schema",	no_argument,		NULL,	'S' },
	{ "normalize",	no_argument,		NULL,	'n' },
	{ "require",	required_argument,	NULL,	'r' },
	{ "strict",	no_argument,		NULL,	's' + 0x200 },
	{ "summary",	no_argument,		NULL,	's' },
	{ "unique",	required_argument,	NULL,	'u' },
	{ "version",	no_argument,		NULL,	'V' },
	XF_CLI_LONGOPTS,
	{ NULL,		0,			NULL,	0 }
};

static void	help(void) __attribute__((noreturn));

static void
help(void)
{
	printf("%s\n\n", usage_line);
	fputs("Check petition records; pass the good ones, reject the bad "
	    "ones with a reason.\n\n"
	    "      --fold-newlines     write line breaks inside fields as "
	    "spaces\n"
	    "  -l, --log=FILE          list warnings and changes there (CSV)\n"
	    "  -n, --normalize         ISO dates, half-width digits, trimmed "
	    "fields, ...\n"
	    "  -r, --require=COLS      these columns must be present and not "
	    "empty\n"
	    "  -S, --no-schema         skip the petition checks (any CSV "
	    "export)\n"
	    "  -s, --summary           print counts at the end\n"
	    "      --strict            reject records with warnings too\n"
	    "  -u, --unique=COLS       warn when a value repeats in these "
	    "columns\n"
	    "  -h, --help              show this help and exit\n"
	    "  -V, --version           show the version and exit\n"
	    XF_CLI_HELP
	    "\nExample:\n"
	    "  xf-validate --rejects bad.csv --log warn.csv export.csv > "
	    "good.csv\n"
	    "\nSee xf-validate(1).\n", stdout);
	exit(xf_finish(XF_EXIT_OK));
}

/* Split a comma-separated list of column names into list (in place). */
static int
split_list(const char *opt, char *arg, char **list, size_t *n)
{
	return xf_cli_split_list(opt, arg, list, n, MAXLIST);
}

static void
value_set(struct value *v, const char *s, size_t n)
{
	if (v->cap < n + 1) {
		v->cap = n + 64;
		v->s = xf_reallocarray(v->s, v->cap, 1);
	}
	memmove(v->s, s, n);
	v->s[n] = '\0';
	v->p = v->s;
	v->len = n;
}

/*
 * Write a field; with --fold-newlines each CR LF, LF or CR in it is
 * written as one space, so that every record is one line.  quote says
 * whether it needs quotes (and so may hold a line end), or is -1 when
 * that is not known yet.
 */
static void
put_field(struct run *r, const char *s, size_t n, int quote)
{
	char *buf, *q;
	size_t i;

	if (!r->opt->fold || quote == 0 || (memchr(s, '\n', n) == NULL &&
	    memchr(s, '\r', n) == NULL)) {
		if (quote == -1)
			xf_csvout_field(r->out, s, n);
		else
			xf_csvout_field_scanned(r->out, s, n, quote);
		return;
	}
	q = buf = xf_malloc(n + 1);
	for (i = 0; i < n; i++) {
		if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
			i++;
		*q++ = s[i] == '\r' || s[i] == '\n' ? ' ' : s[i];
	}
	xf_csvout_field(r->out, buf, (size_t)(q - buf));
	free(buf);
}

/* Write a record with put_field; quote as there, for every field, or NULL. */
static void
put_row(struct run *r, const struct xf_row *row, const unsigned char *quote)
{
	size_t i;

	if (quote != NULL && !r->opt->fold) {
		xf_csvout_row_scanned(r->out, row, quote);
		return;
	}
	for (i = 0; i < row->nfield; i++)
		put_field(r, row->field[i], row->len[i],
		    quote == NULL ? -1 : quote[i]);
}

static void
log_entry(struct run *r, const struct xf_row *row, const char *column,
    const char *kind, const char *value, size_t vlen, const char *newval,
    const char *msg)
{
	char line[32];

	if (r->log == NULL)
		return;
	snprintf(line, sizeof(line), "%lu", row->line);
	xf_csvout_str(r->log, r->name);
	xf_csvout_str(r->log, line);
	if (r->idcol >= 0)
		xf_csvout_field(r->log, row->field[r->idcol],
		    row->len[r->idcol]);
	else
		xf_csvout_str(r->log, "");
	xf_csvout_str(r->log, column);
	xf_csvout_str(r->log, kind);
	xf_csvout_field(r->log, value, vlen);
	xf_csvout_str(r->log, newval);
	xf_csvout_str(r->log, msg);
	xf_csvout_end(r->log);
}

/*
 * Set up the columns for a new input from its header.  Returns 0, or -1
 * when a column the checks need is missing (status 2).
 */
static int
find_columns(struct run *r, const struct xf_row *hdr, struct cols *c)
{
	const struct options *opt = r->opt;
	const struct xf_colmap *map = &opt->cli.cols;
	size_t i;

	c->id = c->date = c->persons = c->id_number = c->phone = -1;
	c->subject = c->content = -1;
	if (opt->schema) {
		if ((c->id = xf_col_need(hdr, "id", map, r->name)) == -1 ||
		    (c->date = xf_col_need(hdr, "date", map, r->name)) == -1)
			return -1;
		c->subject = xf_col_find(hdr, "subject", map);
		c->content = xf_col_find(hdr, "content", map);
		if (c->content == -1 && c->subject == -1) {
			xf_col_need(hdr, "content", map, r->name);
			return -1;
		}
		c->persons = xf_col_find(hdr, "persons", map);
		c->id_number = xf_col_find(hdr, "id_number", map);
		c->phone = xf_col_find(hdr, "phone", map);
	}
	for (i = 0; i < opt->nrequire; i++)
		if ((c->require[i] = xf_col_need(hdr, opt->require[i], map,
		    r->name)) == -1)
			return -1;
	for (i = 0; i < opt->nunique; i++)
		if ((c->unique[i] = xf_col_need(hdr, opt->unique[i], map,
		    r->name)) == -1)
			return -1;
	return 0;
}

/* The header's name for column k, for messages. */
static const char *
colname(struct run *r, long k)
{
	return xf_header_row(r->hdr)->field[k];
}

/*
 * Structural and encoding checks on every field, noting in r->quote
 * which fields need quotes on output.  Returns NULL or a message (in
 * buf).
 */
static const char *
check_bytes(struct run *r, const struct xf_row *row, char *buf, size_t size)
{
	const char *nul;
	size_t i, bad;
	int sc;

	for (i = 0; i < row->nfield; i++) {
		const char *f = row->field[i];
		size_t n = row->len[i];

		/* One pass for the good field, the common case. */
		sc = xf_utf8_scan(f, n, r->odelim);
		if (sc != XF_UTF8_SCAN_BAD) {
			r->quote[i] = r->scanq ? sc == XF_UTF8_SCAN_QUOTE :
			    xf_csv_needs_quotes(f, n, r->odelim);
			continue;
		}
		if ((nul = memchr(f, '\0', n)) != NULL) {
			snprintf(buf, size, "NUL byte in column '%s' at byte "
			    "%zu", colname(r, (long)i), (size_t)(nul - f) + 1);
			return buf;
		}
		if (!xf_utf8_valid(f, n, &bad)) {
			snprintf(buf, size, "invalid UTF-8 in column '%s' at "
			    "byte %zu%s", colname(r, (long)i), bad + 1,
			    xf_csvin_is_gb18030(f, n) ? " (the text reads as "
			    "GB18030: try --encoding gb18030)" : "");
			return buf;
		}
		r->quote[i] = 1;	/* not reached: BAD is one of those */
	}
	return NULL;
}

/* Trimmed, and with full-width digits and letters made half-width. */
static void
normal_text(struct value *v, const char *f, size_t n, int alnum)
{
	size_t start, len, k;
	unsigned int high;

	xf_utf8_trim(f, n, &start, &len);
	if (start == 0 && len == n) {
		/* Nothing to trim, and in ASCII nothing to fold: f itself. */
		for (k = 0, high = 0; alnum && k < n; k++)
			high |= (unsigned char)f[k];
		if (high < 0x80) {
			v->p = f;
			v->len = n;
			v->changed = 0;
			return;
		}
	}
	value_set(v, f + start, len);
	if (alnum)
		v->len = xf_utf8_halfwidth_alnum(v->s, v->len, v->s);
	v->s[v->len] = '\0';
	v->changed = v->len != n || memcmp(v->s, f, n) != 0;
}

/*
 * Whether s is YYYY-MM-DD in ASCII digits: what xf_date_format writes
 * for the date xf_date_parse reads from it.
 */
static int
iso_date(const char *s, size_t n)
{
	size_t i;

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

/* Whether s is a positive whole number (after normalisation). */
static int
positive_int(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 9 || s[0] == '0')
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static void
warn_row(struct run *r, const struct xf_row *row, int kind,
    const char *column, const char *value, size_t vlen, const char *msg,
    const char **first)
{
	r->wcount[kind]++;
	if (*first == NULL)
		*first = msg;
	if (!r->opt->strict)
		log_entry(r, row, column, "warning", value, vlen, "", msg);
}

/*
 * Check one record and write it out or reject it.  Returns 1 if it was
 * rejected.
 */
static int
check_row(struct run *r, const struct cols *c, const struct xf_row *row)
{
	static char msgbuf[4][512];
	const struct options *opt = r->opt;
	const char *bad, *warned = NULL, *why;
	struct xf_date d;
	char iso[XF_DATE_STRLEN], tm[XF_DATE_TIMELEN], key[XF_ID_KEYSZ];
	char norm[XF_PHONE_NORMSZ];
	enum xf_id_status ids;
	enum xf_phone_kind pk;
	struct value *v;
	size_t i, dlen;
	uint64_t idfp = 0;
	int secs;

	/*
	 * The id first, to start fetching its place in the set of ids seen
	 * while the rest of the record is checked.
	 */
	if (opt->schema) {
		v = &r->val[c->id];
		normal_text(v, row->field[c->id], row->len[c->id],
		    r->need[c->id] == NEED_ALNUM);
		idfp = xf_fpset_fp(v->p, v->len);
		xf_fpset_prefetch(r->ids, idfp);
	}
	if ((bad = check_bytes(r, row, msgbuf[0], sizeof(msgbuf[0]))) != NULL)
		goto reject;

	/*
	 * Every field the checks read trimmed, the ones that hold numbers
	 * made half-width; with --normalize every field.  The text columns
	 * need only their trimmed length, unless they are written back.
	 */
	for (i = 0; i < row->nfield; i++) {
		if ((long)i == c->id)
			continue;	/* done above */
		if (opt->normalize || r->need[i] >= NEED_VALUE)
			normal_text(&r->val[i], row->field[i], row->len[i],
			    r->need[i] == NEED_ALNUM);
		else if (r->need[i] == NEED_LENGTH) {
			size_t start;

			xf_utf8_trim(row->field[i], row->len[i], &start,
			    &r->val[i].len);
		}
	}

	if (opt->schema) {
		if (r->val[c->id].len == 0) {
			bad = "empty id";
			goto reject;
		}
		v = &r->val[c->date];
		if (xf_date_parse(v->p, v->len, &d, &secs, &why) == -1) {
			snprintf(msgbuf[0], sizeof(msgbuf[0]), "date does not "
			    "parse: '%s' (%s)", row->field[c->date], why);
			bad = msgbuf[0];
			goto reject;
		}
		/*
		 * "ISO" or "ISO TIME", and the value is that or changes; a
		 * date alone that reads as ISO already is what it would be.
		 */
		if (secs >= 0 || !iso_date(v->p, v->len)) {
			xf_date_format(&d, iso);
			dlen = strlen(iso);
			memcpy(msgbuf[1], iso, dlen);
			if (secs >= 0) {
				xf_date_format_time(secs, tm);
				msgbuf[1][dlen++] = ' ';
				memcpy(msgbuf[1] + dlen, tm, strlen(tm));
				dlen += strlen(tm);
			}
			msgbuf[1][dlen] = '\0';
			if (dlen != v->len ||
			    memcmp(msgbuf[1], v->p, dlen) != 0) {
				value_set(v, msgbuf[1], dlen);
				v->changed = 1;
			}
		}
		if (c->persons != -1 && r->val[c->persons].len > 0 &&
		    !positive_int(r->val[c->persons].p,
		    r->val[c->persons].len)) {
			snprintf(msgbuf[0], sizeof(msgbuf[0]), "persons is not "
			    "a positive whole number: '%s'",
			    row->field[c->persons]);
			bad = msgbuf[0];
			goto reject;
		}
		if ((c->subject == -1 || r->val[c->subject].len == 0) &&
		    (c->content == -1 || r->val[c->content].len == 0)) {
			bad = c->subject == -1 ? "empty text: content is empty" :
			    c->content == -1 ? "empty text: subject is empty" :
			    "empty text: subject and content are both empty";
			goto reject;
		}
	}
	for (i = 0; i < opt->nrequire; i++)
		if (r->val[c->require[i]].len == 0) {
			snprintf(msgbuf[0], sizeof(msgbuf[0]), "required column "
			    "'%s' is empty", colname(r, c->require[i]));
			bad = msgbuf[0];
			goto reject;
		}

	/* Warnings: the record passes unless --strict. */
	if (opt->schema) {
		if (c->id_number != -1 && r->val[c->id_number].len > 0) {
			v = &r->val[c->id_number];
			ids = xf_id_check(v->p, v->len, key);
			switch (ids) {
			case XF_ID_OK18_NORM:
				value_set(v, key, strlen(key));
				v->changed = 1;
				break;
			case XF_ID_BADCHECK:
			case XF_ID_BADDATE:
			case XF_ID_BADFORMAT:
				snprintf(msgbuf[2], sizeof(msgbuf[2]),
				    "%s: '%s'", xf_id_strerror(ids),
				    row->field[c->id_number]);
				warn_row(r, row, ids == XF_ID_BADCHECK ?
				    W_IDCHECK : ids == XF_ID_BADDATE ?
				    W_IDDATE : W_IDFORMAT,
				    colname(r, c->id_number),
				    row->field[c->id_number],
				    row->len[c->id_number], msgbuf[2], &warned);
				break;
			default:
				break;
			}
		}
		if (c->phone != -1 && r->val[c->phone].len > 0) {
			v = &r->val[c->phone];
			pk = xf_phone_check(v->p, v->len, norm, sizeof(norm));
			if (pk == XF_PHONE_ODD) {
				snprintf(msgbuf[3], sizeof(msgbuf[3]), "phone is "
				    "not a mobile or landline number: '%s'",
				    row->field[c->phone]);
				warn_row(r, row, W_PHONE, colname(r, c->phone),
				    row->field[c->phone], row->len[c->phone],
				    msgbuf[3], &warned);
			} else if (pk == XF_PHONE_MOBILE ||
			    pk == XF_PHONE_LANDLINE) {
				if (strcmp(norm, v->p) != 0) {
					value_set(v, norm, strlen(norm));
					v->changed = 1;
				}
			}
		}
		if (xf_fpset_add_fp(r->ids, idfp)) {
			snprintf(msgbuf[1], sizeof(msgbuf[1]), "duplicate id: "
			    "'%s'", row->field[c->id]);
			warn_row(r, row, W_DUPID, colname(r, c->id),
			    row->field[c->id], row->len[c->id], msgbuf[1],
			    &warned);
		}
	}
	for (i = 0; i < opt->nunique; i++) {
		v = &r->val[c->unique[i]];
		if (xf_fpset_add(r->seen[i], v->p, v->len)) {
			snprintf(msgbuf[0], sizeof(msgbuf[0]), "duplicate "
			    "value in column '%s': '%s'",
			    colname(r, c->unique[i]), row->field[c->unique[i]]);
			warn_row(r, row, W_UNIQUE, colname(r, c->unique[i]),
			    row->field[c->unique[i]], row->len[c->unique[i]],
			    msgbuf[0], &warned);
		}
	}
	if (warned != NULL) {
		r->warnings++;
		if (opt->strict) {
			bad = warned;
			goto reject;
		}
	}

	for (i = 0; opt->normalize && i < row->nfield; i++)
		if (r->val[i].changed)
			break;
	if (opt->normalize && i < row->nfield) {
		for (i = 0; i < row->nfield; i++) {
			v = &r->val[i];
			if (v->changed) {
				r->changes++;
				log_entry(r, row, colname(r, (long)i),
				    "normalized", row->field[i], row->len[i],
				    v->p, "");
			}
			put_field(r, v->p, v->len, v->changed ? -1 : r->quote[i]);
		}
	} else
		put_row(r, row, r->quote);
	xf_csvout_end(r->out);
	r->written++;
	return 0;

reject:
	xf_reject(r->rej, r->name, row, "%s", bad);
	return 1;
}

/*
 * Validate one input.  Returns the exit status it deserves.
 */
static int
validate(struct run *r, const char *path)
{
	const struct options *opt = r->opt;
	struct xf_csvin *in;
	struct xf_row row;
	struct cols c = { .id = -1 };
	int rc, status = XF_EXIT_OK, headerbad = 0;
	size_t i;

	if ((in = xf_csvin_open(path, &opt->cli.csv)) == NULL)
		return XF_EXIT_FAIL;
	r->name = xf_csvin_name(in);

	/* The header. */
	rc = xf_csvin_next(in, &row);
	if (rc == XF_CSV_EOF) {
		xf_warnat(r->name, 1, "empty input: no header");
		status = XF_EXIT_DATA;
		goto done;
	}
	if (rc == XF_CSV_IOERR) {
		status = XF_EXIT_FAIL;
		goto done;
	}
	if (rc == XF_CSV_BAD) {
		xf_reject(r->rej, r->name, &row, "bad header: %s",
		    xf_csvin_error(in));
		status = XF_EXIT_DATA;
		headerbad = 1;
	} else if (r->hdr == NULL) {
		if (find_columns(r, &row, &c) == -1) {
			status = XF_EXIT_FAIL;
			goto done;
		}
		r->hdr = xf_header_save(&row);
		xf_rejects_header(r->rej, &row);
		if (opt->cli.bom)
			xf_csvout_bom(r->out);
		put_row(r, &row, NULL);
		xf_csvout_end(r->out);
		r->nval = row.nfield;
		r->val = xf_calloc(r->nval, sizeof(*r->val));
		r->need = xf_calloc(r->nval, 1);
		r->quote = xf_calloc(r->nval, 1);
	} else if (!xf_header_same(r->hdr, &row)) {
		xf_warnat(r->name, row.line, "header differs from the first "
		    "input's: not read");
		status = XF_EXIT_FAIL;
		goto done;
	} else if (find_columns(r, &row, &c) == -1) {
		status = XF_EXIT_FAIL;
		goto done;
	}
	r->idcol = c.id;
	if (r->need != NULL) {
		/*
		 * The length first: a column also needed whole is read whole,
		 * and one that holds numbers is made half-width whatever else.
		 */
		memset(r->need, 0, r->nval);
		if (c.subject != -1)
			r->need[c.subject] = NEED_LENGTH;
		if (c.content != -1)
			r->need[c.content] = NEED_LENGTH;
		for (i = 0; i < opt->nrequire; i++)
			r->need[c.require[i]] = NEED_VALUE;
		for (i = 0; i < opt->nunique; i++)
			r->need[c.unique[i]] = NEED_VALUE;
		if (c.id != -1)
			r->need[c.id] = NEED_VALUE;
		if (c.date != -1)
			r->need[c.date] = NEED_ALNUM;
		if (c.persons != -1)
			r->need[c.persons] = NEED_ALNUM;
		if (c.id_number != -1)
			r->need[c.id_number] = NEED_ALNUM;
		if (c.phone != -1)
			r->need[c.phone] = NEED_ALNUM;
	}

	while ((rc = xf_csvin_next(in, &row)) != XF_CSV_EOF) {
		if (rc == XF_CSV_IOERR) {
			status = XF_EXIT_FAIL;
			break;
		}
		r->records++;
		xf_progress(r->records, xf_csvin_bytes(in));
		if (headerbad) {
			xf_reject(r->rej, r->name, &row, "no usable header");
			continue;
		}
		if (rc == XF_CSV_BAD) {
			xf_reject(r->rej, r->name, &row, "%s",
			    xf_csvin_error(in));
			status = XF_EXIT_DATA;
			continue;
		}
		if (check_row(r, &c, &row))
			status = XF_EXIT_DATA;
	}
	if (headerbad && r->records > 0)
		status = XF_EXIT_DATA;
	(void)i;
done:
	xf_rejects_input_done(r->rej, r->name);
	if (xf_csvin_close(in) == -1)
		status = XF_EXIT_FAIL;
	return status;
}

static void
print_summary(const struct run *r)
{
	char detail[512];
	size_t i, n = 0;

	detail[0] = '\0';
	for (i = 0; i < W_NKINDS; i++)
		if (r->wcount[i] > 0 && n < sizeof(detail))
			n += (size_t)snprintf(detail + n, sizeof(detail) - n,
			    "%s%llu %s", n > 0 ? ", " : " (", r->wcount[i],
			    wname[i]);
	if (n > 0 && n < sizeof(detail) - 1)
		snprintf(detail + n, sizeof(detail) - n, ")");
	xf_warnx("%llu records: %llu written, %llu rejected, %llu with "
	    "warnings%s%s", r->records, r->written, xf_rejects_count(r->rej),
	    r->warnings, detail, "");
	if (r->opt->normalize)
		xf_warnx("%llu values normalized", r->changes);
}

int
main(int argc, char *argv[])
{
	struct options opt;
	struct run r;
	int ch, rc, status = XF_EXIT_OK;
	size_t i;

	argv[0] = xf_setprogname(argv[0]);
	memset(&opt, 0, sizeof(opt));
	memset(&r, 0, sizeof(r));
	xf_cli_init(&opt.cli);
	opt.schema = 1;

	while ((ch = getopt_long(argc, argv, "hl:nr:Ssu:V" XF_CLI_SHORT,
	    longopts, NULL)) != -1) {
		if ((rc = xf_cli_option(&opt.cli, ch, optarg)) == 1)
			continue;
		if (rc == -1)
			xf_usage(usage_line);
		switch (ch) {
		case 'f' + 0x200:
			opt.fold = 1;
			break;
		case 'h':
			help();
			/* NOTREACHED */
		case 'l':
			opt.log = optarg;
			break;
		case 'n':
			opt.normalize = 1;
			break;
		case 'r':
			if (split_list("--require", optarg, opt.require,
			    &opt.nrequire) == -1)
				xf_usage(usage_line);
			break;
		case 'S':
			opt.schema = 0;
			break;
		case 's':
			opt.summary = 1;
			break;
		case 's' + 0x200:
			opt.strict = 1;
			break;
		case 'u':
			if (split_list("--unique", optarg, opt.unique,
			    &opt.nunique) == -1)
				xf_usage(usage_line);
			break;
		case 'V':
			xf_version();
			/* NOTREACHED */
		default:
			xf_usage(usage_line);
		}
	}
	argc -= optind;
	argv += optind;

	r.opt = &opt;
	if ((r.rej = xf_rejects_open(opt.cli.rejects)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	if ((r.outfile = xf_output_open(opt.cli.output)) == NULL)
		return xf_finish(XF_EXIT_FAIL);
	r.out = xf_csvout_new(xf_output_fp(r.outfile), opt.cli.outdelim,
	    opt.cli.crlf);
	r.odelim = xf_csvout_delim(r.out);
	r.scanq = r.odelim < 0x80;
	if (opt.log != NULL) {
		if ((r.logfile = xf_output_open(opt.log)) == NULL)
			return xf_finish(XF_EXIT_FAIL);
		r.log = xf_csvout_new(xf_output_fp(r.logfile), ',', 0);
		xf_csvout_str(r.log, "file");
		xf_csvout_str(r.log, "line");
		xf_csvout_str(r.log, "id");
		xf_csvout_str(r.log, "column");
		xf_csvout_str(r.log, "kind");
		xf_csvout_str(r.log, "value");
		xf_csvout_str(r.log, "new_value");
		xf_csvout_str(r.log, "message");
		xf_csvout_end(r.log);
	}
	r.ids = xf_fpset_new();
	for (i = 0; i < opt.nunique; i++)
		r.seen[i] = xf_fpset_new();

	if (argc == 0)
		status = validate(&r, "-");
	for (; *argv != NULL; argv++) {
		rc = validate(&r, *argv);
		status = XF_WORST(status, rc);
	}

	if (opt.summary)
		print_summary(&r);
	else if (r.warnings > 0 && !opt.strict)
		xf_warnx("%llu record%s with warnings%s%s", r.warnings,
		    r.warnings == 1 ? "" : "s",
		    opt.log != NULL ? ", listed in " : " (list them with --log)",
		    opt.log != NULL ? opt.log : "");

	if (xf_output_finish(r.outfile, r.out) == -1)
		status = XF_EXIT_FAIL;
	if (r.log != NULL && xf_output_finish(r.logfile, r.log) == -1)
		status = XF_EXIT_FAIL;
	if (xf_rejects_close(r.rej) == -1)
		status = XF_EXIT_FAIL;

	for (i = 0; i < r.nval; i++)
		free(r.val[i].s);
	free(r.val);
	free(r.need);
	free(r.quote);
	for (i = 0; i < opt.nunique; i++)
		xf_fpset_free(r.seen[i]);
	xf_fpset_free(r.ids);
	xf_header_free(r.hdr);
	return xf_finish(status);
}
