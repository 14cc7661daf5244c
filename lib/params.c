/* SPDX-License-Identifier: ISC */

/*
 * Dated parameter tables with region fallback, and the holiday calendar
 * loader: both read small CSV tables (the built-in ones of lib/data/ and
 * a user's replacements) once at start-up.  See params.h for the format
 * and the rules.
 *
 * The rows are kept in one array sorted by name, region and
 * effective_from.  Rows of one name and region never overlap (a table
 * with overlapping rows is refused, and a later table replaces a name
 * and region as a whole), so the row in force on a day is the last one
 * of its group that starts on or before the day, if it has not ended:
 * one binary search per region of the chain.
 */

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "csvin.h"
#include "csvout.h"
#include "data.h"
#include "date.h"
#include "money.h"
#include "output.h"
#include "params.h"
#include "utf8.h"
#include "xf.h"

/* A row and its strings, allocated together. */
struct row {
	struct xf_param	 p;
	char		 text[];
};

/* A growing array of rows. */
struct rows {
	struct row	**v;
	size_t		  n;
	size_t		  cap;
};

struct xf_params {
	struct rows	  rows;		/* sorted, see above */
	char		**file;		/* names of the tables loaded */
	size_t		  nfile;
};

/* The columns of a parameter table, in the order of the header. */
enum { C_NAME, C_REGION, C_VALUE, C_UNIT, C_FROM, C_TO, C_SOURCE, NCOL };

static const char *const colname[NCOL] = {
	"name", "region", "value", "unit", "effective_from", "effective_to",
	"source"
};

static const char params_header[] =
    "name,region,value,unit,effective_from,effective_to,source";

/* Cities and counties of 延边州 (see params.h). */
static const char *const yanbian[] = {
	"延吉市", "图们市", "敦化市", "珲春市", "龙井市", "和龙市", "汪清县",
	"安图县"
};

#define PREFECTURE	"延边州"
#define PROVINCE	"吉林省"
#define COUNTRY		"全国"

/* Longest value quoted in a message, in bytes. */
#define SHOWN	64

/* A field without its surrounding blanks. */
struct text {
	const char	*s;
	size_t		 n;
};

static void	 rows_push(struct rows *, struct row *);
static void	 rows_clear(struct rows *);
static int	 rowcmp(const void *, const void *);
static int	 keycmp(const struct xf_param *, const char *, const char *,
		    long);
static size_t	 upper(const struct rows *, const char *, const char *,
		    long);
static const struct xf_param *find(const struct rows *, const char *,
		    const char *, long);
static const char *shown(struct text, char *);
static struct text field(const struct xf_row *, long);
static int	 header(struct xf_csvin *, const char *const *, size_t,
		    size_t, const char *, long *);
static int	 parse_date(const char *, unsigned long, const char *,
		    struct text, struct xf_date *);
static int	 is_placeholder(struct text);
static struct row *parse_row(const struct xf_row *, const long *,
		    const char *);
static int	 overlaps(struct rows *, const char *);
static int	 read_table(struct xf_csvin *, const char *, struct rows *);
static void	 commit(struct xf_params *, struct rows *, char *);
static int	 load_fp(struct xf_params *, FILE *, const char *);
static void	 range(const struct xf_param *, char *, size_t);
static int	 load_calendar(struct xf_calendar *, struct xf_csvin *,
		    const char *);

struct xf_params *
xf_params_new(void)
{
	return xf_calloc(1, sizeof(struct xf_params));
}

void
xf_params_free(struct xf_params *p)
{
	size_t i;

	if (p == NULL)
		return;
	rows_clear(&p->rows);
	free(p->rows.v);
	for (i = 0; i < p->nfile; i++)
		free(p->file[i]);
	free(p->file);
	free(p);
}

static void
rows_push(struct rows *r, struct row *x)
{
	if (r->n == r->cap) {
		r->cap = r->cap == 0 ? 64 : r->cap * 2;
		r->v = xf_reallocarray(r->v, r->cap, sizeof(*r->v));
	}
	r->v[r->n++] = x;
}

/* Free the rows, keep the array. */
static void
rows_clear(struct rows *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->v[i]);
	r->n = 0;
}

/* Order of the table: name, region, effective_from, then line. */
static int
rowcmp(const void *a, const void *b)
{
	const struct xf_param *x = &(*(struct row *const *)a)->p;
	const struct xf_param *y = &(*(struct row *const *)b)->p;
	int c;

	if ((c = strcmp(x->name, y->name)) != 0)
		return c;
	if ((c = strcmp(x->region, y->region)) != 0)
		return c;
	if (x->from_day != y->from_day)
		return x->from_day < y->from_day ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return 0;
}

/* Row r against the key (name, region, day), in the order of rowcmp. */
static int
keycmp(const struct xf_param *r, const char *name, const char *region,
    long day)
{
	int c;

	if ((c = strcmp(r->name, name)) != 0)
		return c;
	if ((c = strcmp(r->region, region)) != 0)
		return c;
	if (r->from_day != day)
		return r->from_day < day ? -1 : 1;
	return 0;
}

/* Index of the first row after the key (n if none). */
static size_t
upper(const struct rows *r, const char *name, const char *region, long day)
{
	size_t lo = 0, hi = r->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (keycmp(&r->v[mid]->p, name, region, day) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The row of name and region in force on day, or NULL. */
static const struct xf_param *
find(const struct rows *r, const char *name, const char *region, long day)
{
	const struct xf_param *x;
	size_t i;

	if ((i = upper(r, name, region, day)) == 0)
		return NULL;
	x = &r->v[i - 1]->p;
	if (strcmp(x->name, name) != 0 || strcmp(x->region, region) != 0 ||
	    x->to_day < day)
		return NULL;
	return x;
}

size_t
xf_params_count(const struct xf_params *p)
{
	return p->rows.n;
}

const struct xf_param *
xf_params_row(const struct xf_params *p, size_t i)
{
	return i < p->rows.n ? &p->rows.v[i]->p : NULL;
}

size_t
xf_params_chain(const char *region, const char *chain[XF_PARAMS_CHAINMAX])
{
	size_t i, n = 0;

	if (region == NULL)
		region = XF_PARAMS_REGION;
	chain[n++] = region;
	for (i = 0; i < sizeof(yanbian) / sizeof(yanbian[0]); i++)
		if (strcmp(region, yanbian[i]) == 0) {
			chain[n++] = PREFECTURE;
			break;
		}
	if (strcmp(region, PREFECTURE) == 0 || n == 2)
		chain[n++] = PROVINCE;
	if (strcmp(region, COUNTRY) != 0)
		chain[n++] = COUNTRY;
	return n;
}

const struct xf_param *
xf_params_get(const struct xf_params *p, const char *name,
    const char *region, const struct xf_date *on)
{
	const char *chain[XF_PARAMS_CHAINMAX];
	const struct xf_param *r;
	size_t i, n;
	long day;

	if (!xf_date_valid(on))
		return NULL;
	day = xf_date_to_days(on);
	n = xf_params_chain(region, chain);
	for (i = 0; i < n; i++)
		if ((r = find(&p->rows, name, chain[i], day)) != NULL)
			return r;
	return NULL;
}

const struct xf_param *
xf_params_need(const struct xf_params *p, const char *name,
    const char *region, const struct xf_date *on)
{
	const char *chain[XF_PARAMS_CHAINMAX];
	const struct xf_param *r;
	char date[XF_DATE_STRLEN], nor[128];
	size_t i, n, len;

	if (!xf_date_valid(on)) {
		xf_warnx("parameter '%s': no valid date to look it up on",
		    name);
		return NULL;
	}
	xf_date_format(on, date);
	if ((r = xf_params_get(p, name, region, on)) == NULL) {
		n = xf_params_chain(region, chain);
		nor[0] = '\0';
		for (i = 1, len = 0; i < n && len < sizeof(nor); i++)
			len += (size_t)snprintf(nor + len, sizeof(nor) - len,
			    "%s%s%s", i == 1 ? " (nor " : ", ", chain[i],
			    i + 1 == n ? ")" : "");
		xf_warnx("no parameter '%s' in force on %s for %s%s; supply it "
		    "in a --params file, a row such as '%s,%s,VALUE,UNIT,%s,,"
		    "SOURCE'", name, date, chain[0], nor, name, chain[0], date);
		return NULL;
	}
	if (!r->has_value) {
		xf_warnx("parameter '%s' for %s has no value on %s (source: "
		    "%s); supply it in a --params file, a row such as "
		    "'%s,%s,VALUE,%s,%s,,SOURCE', which replaces every "
		    "built-in row of that name and region", name, r->region,
		    date, r->source, name, r->region, r->unit, date);
		return NULL;
	}
	return r;
}

int
xf_params_dec(const struct xf_param *r, struct xf_dec *d, const char **why)
{
	if (!r->has_value) {
		if (why != NULL)
			*why = "no value";
		return -1;
	}
	*d = r->dec;
	return 0;
}

int
xf_params_fen(const struct xf_param *r, int64_t *fen, const char **why)
{
	int64_t v, f = 1;
	int i;

	if (!r->has_value) {
		if (why != NULL)
			*why = "no value";
		return -1;
	}
	v = r->dec.num;
	if (r->dec.scale > 2) {
		for (i = 2; i < r->dec.scale; i++)
			f *= 10;
		if (v % f != 0) {
			if (why != NULL)
				*why = "more than two decimal places";
			return -1;
		}
		v /= f;
	} else {
		for (i = r->dec.scale; i < 2; i++)
			f *= 10;
		if (v > XF_MONEY_MAX / f || v < -(XF_MONEY_MAX / f)) {
			if (why != NULL)
				*why = "too large";
			return -1;
		}
		v *= f;
	}
	if (v > XF_MONEY_MAX || v < -XF_MONEY_MAX) {
		if (why != NULL)
			*why = "too large";
		return -1;
	}
	*fen = v;
	return 0;
}

int
xf_params_long(const struct xf_param *r, long *n, const char **why)
{
	int64_t v, f = 1;
	int i;

	if (!r->has_value) {
		if (why != NULL)
			*why = "no value";
		return -1;
	}
	for (i = 0; i < r->dec.scale; i++)
		f *= 10;
	v = r->dec.num;
	if (v % f != 0) {
		if (why != NULL)
			*why = "not a whole number";
		return -1;
	}
	v /= f;
	if (v > LONG_MAX || v < LONG_MIN) {
		if (why != NULL)
			*why = "too large";
		return -1;
	}
	*n = (long)v;
	return 0;
}

/*
 * A field's text for a message, in buf (SHOWN + 4 bytes): cut at a
 * character boundary, with "..." after a cut.
 */
static const char *
shown(struct text t, char *buf)
{
	size_t n = t.n;

	if (n > SHOWN) {
		n = SHOWN;
		while (n > 0 && ((unsigned char)t.s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(buf, t.s, n);
	if (n < t.n) {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

/* Field col of row, trimmed. */
static struct text
field(const struct xf_row *row, long col)
{
	struct text t;
	size_t start, len;

	xf_utf8_trim(row->field[col], row->len[col], &start, &len);
	t.s = row->field[col] + start;
	t.n = len;
	return t;
}

/*
 * Read the header and find the first nneed of the ncol columns named in
 * names (the others may be absent: -1).  Returns 0, 1 for an empty
 * input, or -1; each problem was reported.
 */
static int
header(struct xf_csvin *in, const char *const *names, size_t ncol,
    size_t nneed, const char *all, long *col)
{
	struct xf_row hdr;
	const char *name = xf_csvin_name(in);
	size_t i;
	int rc, bad = 0;

	switch (rc = xf_csvin_next(in, &hdr)) {
	case XF_CSV_EOF:
		xf_warnat(name, 1, "no header: the table is empty; it needs "
		    "the columns %s", all);
		return 1;
	case XF_CSV_BAD:
		xf_warnat(name, hdr.line, "%s", xf_csvin_error(in));
		return -1;
	case XF_CSV_IOERR:
		return -1;
	default:
		break;
	}
	for (i = 0; i < ncol; i++) {
		col[i] = xf_col_index(&hdr, names[i]);
		if (col[i] == -1 && i < nneed) {
			xf_warnat(name, hdr.line, "no column '%s'; the table "
			    "needs the columns %s", names[i], all);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

/* Parse a date field that must hold a date and no time. */
static int
parse_date(const char *file, unsigned long line, const char *what,
    struct text t, struct xf_date *d)
{
	char buf[SHOWN + 4];
	const char *why;
	int secs;

	if (t.n == 0) {
		xf_warnat(file, line, "empty %s", what);
		return -1;
	}
	if (xf_date_parse(t.s, t.n, d, &secs, &why) == -1) {
		xf_warnat(file, line, "bad %s '%s': %s", what, shown(t, buf),
		    why);
		return -1;
	}
	if (secs != -1) {
		xf_warnat(file, line, "bad %s '%s': a date without a time "
		    "of day is expected", what, shown(t, buf));
		return -1;
	}
	return 0;
}

/* Whether a source begins with "placeholder", ASCII letters in any case. */
static int
is_placeholder(struct text t)
{
	static const char word[] = "placeholder";
	size_t i;
	int c;

	if (t.n < sizeof(word) - 1)
		return 0;
	for (i = 0; i < sizeof(word) - 1; i++) {
		c = (unsigned char)t.s[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != word[i])
			return 0;
	}
	return 1;
}

/*
 * One row of a parameter table, or NULL after a diagnostic.  The file
 * name is kept by pointer.
 */
static struct row *
parse_row(const struct xf_row *row, const long *col, const char *file)
{
	struct text t[NCOL];
	struct xf_date from, to;
	struct xf_dec dec = { 0, 0 };
	struct row *r;
	char buf[SHOWN + 4], *s;
	const char *why;
	size_t i, size;
	int has_to = 0;
	char c;

	for (i = 0; i < NCOL; i++) {
		t[i] = field(row, col[i]);
		if (memchr(t[i].s, '\0', t[i].n) != NULL) {
			xf_warnat(file, row->line, "NUL byte in %s",
			    colname[i]);
			return NULL;
		}
	}
	if (t[C_NAME].n == 0) {
		xf_warnat(file, row->line, "empty name");
		return NULL;
	}
	for (i = 0; i < t[C_NAME].n; i++) {
		c = t[C_NAME].s[i];
		if ((c >= 'a' && c <= 'z') ||
		    (i > 0 && ((c >= '0' && c <= '9') || c == '_')))
			continue;
		xf_warnat(file, row->line, "bad name '%s': a lower-case ASCII "
		    "letter, then lower-case letters, digits and '_'",
		    shown(t[C_NAME], buf));
		return NULL;
	}
	if (t[C_REGION].n == 0) {
		xf_warnat(file, row->line, "empty region");
		return NULL;
	}
	if (t[C_VALUE].n > 0 &&
	    xf_dec_parse(t[C_VALUE].s, t[C_VALUE].n, &dec, &why) == -1) {
		xf_warnat(file, row->line, "bad value '%s': %s",
		    shown(t[C_VALUE], buf), why);
		return NULL;
	}
	if (parse_date(file, row->line, "effective_from", t[C_FROM],
	    &from) == -1)
		return NULL;
	if (t[C_TO].n > 0) {
		if (parse_date(file, row->line, "effective_to", t[C_TO],
		    &to) == -1)
			return NULL;
		if (xf_date_diff(&from, &to) < 0) {
			xf_warnat(file, row->line, "effective_to '%s' is "
			    "before effective_from '%.*s'", shown(t[C_TO],
			    buf), (int)t[C_FROM].n, t[C_FROM].s);
			return NULL;
		}
		has_to = 1;
	}
	if (t[C_SOURCE].n == 0) {
		xf_warnat(file, row->line, "empty source: say where the value "
		    "comes from, or begin it with 'placeholder'");
		return NULL;
	}
	if (t[C_VALUE].n == 0 && !is_placeholder(t[C_SOURCE])) {
		xf_warnat(file, row->line, "empty value: only a placeholder "
		    "row (source beginning with 'placeholder') may leave it "
		    "empty");
		return NULL;
	}

	size = t[C_NAME].n + t[C_REGION].n + t[C_VALUE].n + t[C_UNIT].n +
	    t[C_SOURCE].n + 5;
	r = xf_malloc(sizeof(*r) + size);
	memset(&r->p, 0, sizeof(r->p));
	s = r->text;
	r->p.name = s;
	memcpy(s, t[C_NAME].s, t[C_NAME].n);
	s += t[C_NAME].n;
	*s++ = '\0';
	r->p.region = s;
	memcpy(s, t[C_REGION].s, t[C_REGION].n);
	s += t[C_REGION].n;
	*s++ = '\0';
	r->p.value = s;
	memcpy(s, t[C_VALUE].s, t[C_VALUE].n);
	s += t[C_VALUE].n;
	*s++ = '\0';
	r->p.unit = s;
	memcpy(s, t[C_UNIT].s, t[C_UNIT].n);
	s += t[C_UNIT].n;
	*s++ = '\0';
	r->p.source = s;
	memcpy(s, t[C_SOURCE].s, t[C_SOURCE].n);
	s += t[C_SOURCE].n;
	*s = '\0';

	r->p.from = from;
	r->p.from_day = xf_date_to_days(&from);
	if (has_to) {
		r->p.to = to;
		r->p.has_to = 1;
	} else {
		r->p.to.year = 9999;
		r->p.to.month = 12;
		r->p.to.day = 31;
	}
	r->p.to_day = xf_date_to_days(&r->p.to);
	r->p.has_value = t[C_VALUE].n > 0;
	r->p.dec = dec;
	r->p.placeholder = is_placeholder(t[C_SOURCE]);
	r->p.file = file;
	r->p.line = row->line;
	return r;
}

/* "2022-05-01 to 2024-01-01", or "2022-05-01 onwards". */
static void
range(const struct xf_param *r, char *buf, size_t size)
{
	char a[XF_DATE_STRLEN], b[XF_DATE_STRLEN];

	xf_date_format(&r->from, a);
	if (r->has_to)
		snprintf(buf, size, "%s to %s", a, xf_date_format(&r->to, b));
	else
		snprintf(buf, size, "%s onwards", a);
}

/*
 * Sort the rows of one table and report each row that is in force on a
 * day an earlier-starting row (or one listed before it, starting the same
 * day) of its name and region also covers.  Returns the number reported.
 */
static int
overlaps(struct rows *r, const char *file)
{
	const struct xf_param *x, *last = NULL, *early, *late;
	char a[64], b[64];
	size_t i;
	int bad = 0;

	if (r->n > 1)
		qsort(r->v, r->n, sizeof(*r->v), rowcmp);
	for (i = 0; i < r->n; i++) {
		x = &r->v[i]->p;
		if (last == NULL || strcmp(last->name, x->name) != 0 ||
		    strcmp(last->region, x->region) != 0) {
			last = x;	/* the group's longest-running row */
			continue;
		}
		if (x->from_day <= last->to_day) {
			early = last->line < x->line ? last : x;
			late = last->line < x->line ? x : last;
			range(late, a, sizeof(a));
			range(early, b, sizeof(b));
			xf_warnat(file, late->line, "'%s' for %s in force %s "
			    "overlaps line %lu (%s)", x->name, x->region, a,
			    early->line, b);
			bad++;
		}
		if (x->to_day > last->to_day)
			last = x;
	}
	return bad;
}

/*
 * Read a whole parameter table into r (unsorted on error).  Returns
 * the number of problems reported.
 */
static int
read_table(struct xf_csvin *in, const char *file, struct rows *r)
{
	struct xf_row row;
	struct row *x;
	long col[NCOL];
	int rc, bad = 0;

	if (header(in, colname, NCOL, NCOL, params_header, col) != 0)
		return 1;
	while ((rc = xf_csvin_next(in, &row)) != XF_CSV_EOF) {
		if (rc == XF_CSV_IOERR)
			return bad + 1;
		if (rc == XF_CSV_BAD) {
			xf_warnat(file, row.line, "%s", xf_csvin_error(in));
			bad++;
			continue;
		}
		if ((x = parse_row(&row, col, file)) == NULL)
			bad++;
		else
			rows_push(r, x);
	}
	return bad + overlaps(r, file);
}

/*
 * Put the rows of a new table (sorted) into p: every earlier row of a
 * name and region the new table gives goes.  The rows move to p; file is
 * the table's name, which p keeps.
 */
static void
commit(struct xf_params *p, struct rows *nr, char *file)
{
	struct rows *old = &p->rows;
	const struct xf_param *x, *y;
	size_t i, j, k;

	p->file = xf_reallocarray(p->file, p->nfile + 1, sizeof(*p->file));
	p->file[p->nfile++] = file;
	for (i = k = 0; i < old->n; i++) {
		x = &old->v[i]->p;
		j = upper(nr, x->name, x->region, LONG_MIN);
		y = j < nr->n ? &nr->v[j]->p : NULL;
		if (y != NULL && strcmp(x->name, y->name) == 0 &&
		    strcmp(x->region, y->region) == 0)
			free(old->v[i]);
		else
			old->v[k++] = old->v[i];
	}
	old->n = k;
	for (i = 0; i < nr->n; i++)
		rows_push(old, nr->v[i]);
	nr->n = 0;
	if (old->n > 1)
		qsort(old->v, old->n, sizeof(*old->v), rowcmp);
}

/* Load the table read from fp, called name. */
static int
load_fp(struct xf_params *p, FILE *fp, const char *name)
{
	struct xf_csvin *in;
	struct rows nr = { NULL, 0, 0 };
	char *file;
	int bad;

	if ((in = xf_csvin_new(fp, name, NULL)) == NULL)
		return -1;
	file = xf_strdup(name);
	bad = read_table(in, file, &nr);
	if (xf_csvin_close(in) == -1)
		bad++;
	if (bad == 0) {
		commit(p, &nr, file);
	} else {
		rows_clear(&nr);
		free(file);
	}
	free(nr.v);
	return bad == 0 ? 0 : -1;
}

int
xf_params_load(struct xf_params *p, const char *path)
{
	FILE *fp;
	int rc;

	if (strcmp(path, "-") == 0)
		return load_fp(p, stdin, "<stdin>");
	if ((fp = fopen(path, "r")) == NULL) {
		xf_warn("%s", path);
		return -1;
	}
	rc = load_fp(p, fp, path);
	if (fclose(fp) == EOF && rc == 0) {
		xf_warn("%s", path);
		rc = -1;
	}
	return rc;
}

int
xf_params_load_mem(struct xf_params *p, const char *buf, size_t len,
    const char *name)
{
	FILE *fp;
	int rc;

	if (len == 0) {
		xf_warnat(name, 1, "no header: the table is empty; it needs "
		    "the columns %s", params_header);
		return -1;
	}
	if ((fp = fmemopen((void *)(uintptr_t)buf, len, "r")) == NULL) {
		xf_warn("%s", name);
		return -1;
	}
	rc = load_fp(p, fp, name);
	fclose(fp);
	return rc;
}

int
xf_params_defaults(struct xf_params *p)
{
	return xf_params_load_mem(p, (const char *)xf_data_params,
	    xf_data_params_len, "<built-in lib/data/params.csv>");
}

/* Write the rows keep() accepts (all when keep is NULL) to fp. */
static int
dump_rows(const struct xf_params *p, FILE *fp, int (*keep)(const char *))
{
	struct xf_csvout *out;
	const struct xf_param *r;
	char from[XF_DATE_STRLEN], to[XF_DATE_STRLEN];
	size_t i;
	int rc;

	out = xf_csvout_new(fp, ',', 0);
	for (i = 0; i < NCOL; i++)
		xf_csvout_str(out, colname[i]);
	xf_csvout_end(out);
	for (i = 0; i < p->rows.n; i++) {
		r = &p->rows.v[i]->p;
		if (keep != NULL && !keep(r->name))
			continue;
		xf_csvout_str(out, r->name);
		xf_csvout_str(out, r->region);
		xf_csvout_str(out, r->value);
		xf_csvout_str(out, r->unit);
		xf_csvout_str(out, xf_date_format(&r->from, from));
		xf_csvout_str(out, r->has_to ? xf_date_format(&r->to, to) :
		    "");
		xf_csvout_str(out, r->source);
		xf_csvout_end(out);
	}
	rc = xf_csvout_flush(out);
	xf_csvout_free(out);
	return rc;
}

int
xf_params_dump(const struct xf_params *p, FILE *fp)
{
	return dump_rows(p, fp, NULL);
}

int
xf_params_dump_to(const struct xf_params *p, const char *path,
    int (*keep)(const char *))
{
	struct xf_output *o;

	if ((o = xf_output_open(path)) == NULL)
		return -1;
	if (dump_rows(p, xf_output_fp(o), keep) == 0)
		return xf_output_commit(o);
	if (xf_output_fp(o) != stdout)
		xf_warn("%s", xf_output_name(o));
	xf_output_abort(o);
	return -1;
}

/* The holiday calendar. */

static const char *const calcol[] = { "date", "kind" };

static const char calendar_header[] = "date,kind";

static int
load_calendar(struct xf_calendar *cal, struct xf_csvin *in, const char *file)
{
	struct xf_row row;
	struct xf_date d;
	struct text date, kind;
	enum xf_daykind k;
	char buf[SHOWN + 4];
	const char *why;
	long col[2];
	int rc, bad = 0;

	if (header(in, calcol, 2, 2, calendar_header, col) != 0)
		return 1;
	while ((rc = xf_csvin_next(in, &row)) != XF_CSV_EOF) {
		if (rc == XF_CSV_IOERR)
			return bad + 1;
		if (rc == XF_CSV_BAD) {
			xf_warnat(file, row.line, "%s", xf_csvin_error(in));
			bad++;
			continue;
		}
		date = field(&row, col[0]);
		if (parse_date(file, row.line, "date", date, &d) == -1) {
			bad++;
			continue;
		}
		kind = field(&row, col[1]);
		if (kind.n == strlen("休") && memcmp(kind.s, "休", kind.n) == 0)
			k = XF_DAY_HOLIDAY;
		else if (kind.n == strlen("班") &&
		    memcmp(kind.s, "班", kind.n) == 0)
			k = XF_DAY_WORKDAY;
		else {
			xf_warnat(file, row.line, "bad kind '%s': 休 (a rest "
			    "day) or 班 (a working day)", shown(kind, buf));
			bad++;
			continue;
		}
		if (xf_calendar_add(cal, &d, k, &why) == -1) {
			xf_warnat(file, row.line, "date '%s': %s",
			    shown(date, buf), why);
			bad++;
		}
	}
	return bad;
}

int
xf_calendar_load(struct xf_calendar *cal, FILE *fp, const char *name)
{
	struct xf_csvin *in;
	int bad;

	if ((in = xf_csvin_new(fp, name, NULL)) == NULL)
		return -1;
	bad = load_calendar(cal, in, name);
	if (xf_csvin_close(in) == -1)
		bad++;
	return bad == 0 ? 0 : -1;
}

int
xf_calendar_load_mem(struct xf_calendar *cal, const char *buf, size_t len,
    const char *name)
{
	FILE *fp;
	int rc;

	if (len == 0) {
		xf_warnat(name, 1, "no header: the table is empty; it needs "
		    "the columns %s", calendar_header);
		return -1;
	}
	if ((fp = fmemopen((void *)(uintptr_t)buf, len, "r")) == NULL) {
		xf_warn("%s", name);
		return -1;
	}
	rc = xf_calendar_load(cal, fp, name);
	fclose(fp);
	return rc;
}

struct xf_calendar *
xf_calendar_defaults(void)
{
	struct xf_calendar *cal;

	if ((cal = xf_calendar_new()) == NULL)
		xf_err(XF_EXIT_FAIL, "out of memory");
	if (xf_calendar_load_mem(cal, (const char *)xf_data_holidays,
	    xf_data_holidays_len, "<built-in lib/data/holidays.csv>") == -1) {
		xf_calendar_free(cal);
		return NULL;
	}
	return cal;
}
