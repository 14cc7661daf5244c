/* SPDX-License-Identifier: ISC */

/*
 * Routing tables: loading with every problem reported, lookup by the
 * most specific key, and dumping.  Rows are kept in table order for the
 * dump; an index sorted by key serves the lookups (a binary search per
 * step, at most six steps a record) and finds duplicate keys.
 */

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "csvin.h"
#include "csvout.h"
#include "data.h"
#include "route.h"
#include "utf8.h"
#include "xf.h"

/* Longest value quoted whole in a message, in bytes. */
#define SHOWN	60

enum { C_CAT, C_SUB, C_DIST, C_DEPT, C_CO, C_NOTE, NCOL };

/* The first NNEED columns must be present; note may be absent. */
#define NNEED	C_NOTE

static const char *const colname[NCOL] = {
	"category", "subcategory", "district", "department",
	"co_departments", "note"
};

static const char needed[] =
    "category, subcategory, district, department and co_departments "
    "(note is optional)";

/* A byte string that need not be NUL-terminated. */
struct text {
	const char	*s;
	size_t		 n;
};

/* A row and its key: the three values, any as the empty string. */
struct row {
	struct xf_route	 r;
	struct text	 key[3];
};

struct xf_route_table {
	struct row	**v;		/* table order */
	struct row	**index;	/* sorted by key, then line */
	size_t		  n, cap;
};

/* Where the problems go. */
struct sink {
	const char	*name;
	void		(*report)(void *, const char *, unsigned long,
			    const char *);
	void		*arg;
	int		 bad;
};

static void	 say(struct sink *, unsigned long, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static const char *shown(struct text, char *);
static struct text field(const struct xf_row *, long);
static int	 is_any(struct text);
static int	 textcmp(struct text, struct text);
static int	 keycmp(const struct text *, const struct text *);
static int	 indexcmp(const void *, const void *);
static int	 check_bytes(struct sink *, const struct xf_row *,
		    const long *);
static char	*join_co(struct sink *, unsigned long, struct text,
		    struct text);
static void	 add_row(struct xf_route_table *, const struct xf_row *,
		    const long *, struct sink *);
static void	 describe(const struct row *, char *, size_t);
static const struct row *lookup(const struct xf_route_table *,
		    struct text, struct text, struct text);

static void
say(struct sink *k, unsigned long line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	k->bad = 1;
	if (k->report != NULL)
		k->report(k->arg, k->name, line, msg);
}

/*
 * A value for a message, in buf (SHOWN + 4 bytes): cut at a character
 * boundary, with "..." after a cut.
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

/* Field col of row, trimmed; an absent column (-1) is empty. */
static struct text
field(const struct xf_row *row, long col)
{
	struct text t = { "", 0 };
	size_t start, len;

	if (col < 0)
		return t;
	xf_utf8_trim(row->field[col], row->len[col], &start, &len);
	t.s = row->field[col] + start;
	t.n = len;
	return t;
}

/* Whether a (trimmed) table value means "any". */
static int
is_any(struct text t)
{
	return t.n == 0 || (t.n == 1 && t.s[0] == '*');
}

static int
textcmp(struct text a, struct text b)
{
	int c;

	if ((c = memcmp(a.s, b.s, a.n < b.n ? a.n : b.n)) != 0)
		return c;
	return a.n < b.n ? -1 : a.n > b.n;
}

static int
keycmp(const struct text *a, const struct text *b)
{
	int c, i;

	for (i = 0; i < 3; i++)
		if ((c = textcmp(a[i], b[i])) != 0)
			return c;
	return 0;
}

/* Key order, and table order among equal keys (duplicates). */
static int
indexcmp(const void *pa, const void *pb)
{
	const struct row *a = *(const struct row *const *)pa;
	const struct row *b = *(const struct row *const *)pb;
	int c;

	if ((c = keycmp(a->key, b->key)) != 0)
		return c;
	return a->r.line < b->r.line ? -1 : a->r.line > b->r.line;
}

/* NUL bytes and invalid UTF-8 in the columns we keep. */
static int
check_bytes(struct sink *k, const struct xf_row *row, const long *col)
{
	size_t bad;
	int i;

	for (i = 0; i < NCOL; i++) {
		if (col[i] < 0)
			continue;
		if (memchr(row->field[col[i]], '\0', row->len[col[i]]) !=
		    NULL) {
			say(k, row->line, "NUL byte in %s", colname[i]);
			return -1;
		}
		if (!xf_utf8_valid(row->field[col[i]], row->len[col[i]],
		    &bad)) {
			say(k, row->line, "invalid UTF-8 in %s at byte %zu",
			    colname[i], bad + 1);
			return -1;
		}
	}
	return 0;
}

/*
 * The co-departments, each trimmed, joined with ';' in a new string.
 * The separators are ';' and the full-width '；' (U+FF1B).  NULL after
 * a report for an empty name, a name given twice, or the lead
 * department among them.
 */
static char *
join_co(struct sink *k, unsigned long line, struct text co, struct text dept)
{
	static const char fwsemi[] = "\xef\xbc\x9b";
	char b1[SHOWN + 4], b2[SHOWN + 4];
	struct text item, prev;
	const char *p, *end = co.s + co.n, *sep;
	char *out;
	size_t n = 0, seplen, start, len, at;

	out = xf_malloc(co.n + 1);
	for (p = co.s; co.n > 0; p = sep + seplen) {
		/* The next separator, or the end. */
		for (sep = p; sep < end; sep++)
			if (*sep == ';' || ((size_t)(end - sep) >= 3 &&
			    memcmp(sep, fwsemi, 3) == 0))
				break;
		seplen = sep == end ? 0 : *sep == ';' ? 1 : 3;
		xf_utf8_trim(p, (size_t)(sep - p), &start, &len);
		item.s = p + start;
		item.n = len;
		if (item.n == 0) {
			say(k, line, "empty name in co_departments '%s'",
			    shown(co, b1));
			goto fail;
		}
		if (textcmp(item, dept) == 0) {
			say(k, line, "co_departments '%s' names the lead "
			    "department '%s'", shown(co, b1), shown(dept, b2));
			goto fail;
		}
		/* Compare with each name already joined. */
		for (at = 0; at < n; at += prev.n + 1) {
			prev.s = out + at;
			prev.n = strcspn(prev.s, ";");
			if (textcmp(item, prev) == 0) {
				say(k, line, "co_departments '%s' names '%s' "
				    "twice", shown(co, b1), shown(item, b2));
				goto fail;
			}
		}
		if (n > 0)
			out[n++] = ';';
		memcpy(out + n, item.s, item.n);
		n += item.n;
		out[n] = '\0';
		if (sep == end)
			break;
	}
	out[n] = '\0';
	return out;
fail:
	free(out);
	return NULL;
}

static void
add_row(struct xf_route_table *t, const struct xf_row *row, const long *col,
    struct sink *k)
{
	char b1[SHOWN + 4];
	struct text f[NCOL];
	struct row *r;
	char *co;
	int i;

	if (check_bytes(k, row, col) == -1)
		return;
	for (i = 0; i < NCOL; i++)
		f[i] = field(row, col[i]);
	if (f[C_DEPT].n == 0) {
		say(k, row->line, "empty department");
		return;
	}
	if (is_any(f[C_CAT]) && !is_any(f[C_SUB])) {
		say(k, row->line, "subcategory '%s' without a category: a row "
		    "for any category must have any subcategory",
		    shown(f[C_SUB], b1));
		return;
	}
	if ((co = join_co(k, row->line, f[C_CO], f[C_DEPT])) == NULL)
		return;

	r = xf_calloc(1, sizeof(*r));
	r->r.category = xf_memdup(f[C_CAT].s, f[C_CAT].n);
	r->r.subcategory = xf_memdup(f[C_SUB].s, f[C_SUB].n);
	r->r.district = xf_memdup(f[C_DIST].s, f[C_DIST].n);
	r->r.department = xf_memdup(f[C_DEPT].s, f[C_DEPT].n);
	r->r.co_departments = co;
	r->r.note = xf_memdup(f[C_NOTE].s, f[C_NOTE].n);
	r->r.line = row->line;
	r->key[0].s = r->r.category;
	r->key[1].s = r->r.subcategory;
	r->key[2].s = r->r.district;
	for (i = 0; i < 3; i++)
		r->key[i].n = is_any(f[i]) ? 0 : f[i].n;

	if (t->n == t->cap) {
		t->cap = t->cap == 0 ? 32 : t->cap * 2;
		t->v = xf_reallocarray(t->v, t->cap, sizeof(*t->v));
	}
	t->v[t->n++] = r;
}

/* "category 'X', subcategory any, district 'Y'" for a message. */
static void
describe(const struct row *r, char *buf, size_t size)
{
	static const char *const what[3] = {
		"category", "subcategory", "district"
	};
	char b[SHOWN + 4];
	size_t n = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < 3 && n < size; i++) {
		if (r->key[i].n == 0)
			n += (size_t)snprintf(buf + n, size - n, "%s%s any",
			    i > 0 ? ", " : "", what[i]);
		else
			n += (size_t)snprintf(buf + n, size - n, "%s%s '%s'",
			    i > 0 ? ", " : "", what[i], shown(r->key[i], b));
	}
}

void
xf_route_free(struct xf_route_table *t)
{
	struct row *r;
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++) {
		r = t->v[i];
		free((void *)(uintptr_t)r->r.category);
		free((void *)(uintptr_t)r->r.subcategory);
		free((void *)(uintptr_t)r->r.district);
		free((void *)(uintptr_t)r->r.department);
		free((void *)(uintptr_t)r->r.co_departments);
		free((void *)(uintptr_t)r->r.note);
		free(r);
	}
	free(t->v);
	free(t->index);
	free(t);
}

struct xf_route_table *
xf_route_load(FILE *fp, const char *name,
    void (*report)(void *, const char *, unsigned long, const char *),
    void *arg)
{
	struct sink k = { name, report, arg, 0 };
	struct xf_route_table *t;
	struct xf_csvin *in;
	struct xf_row row;
	struct text any[3] = { { "", 0 }, { "", 0 }, { "", 0 } };
	char what[3 * (SHOWN + 32)];
	long col[NCOL];
	size_t i, first;
	int rc, ioerr = 0;

	if ((in = xf_csvin_new(fp, name, NULL)) == NULL)
		return NULL;
	t = xf_calloc(1, sizeof(*t));

	switch (xf_csvin_next(in, &row)) {
	case XF_CSV_EOF:
		say(&k, 1, "no header: the table is empty; it needs the "
		    "columns %s", needed);
		goto fail;
	case XF_CSV_BAD:
		say(&k, row.line, "%s", xf_csvin_error(in));
		goto fail;
	case XF_CSV_IOERR:
		goto fail;
	default:
		break;
	}
	for (i = 0; i < NCOL; i++)
		if ((col[i] = xf_col_index(&row, colname[i])) == -1 &&
		    i < NNEED)
			say(&k, row.line, "no column '%s'; the table needs the "
			    "columns %s", colname[i], needed);
	if (k.bad)
		goto fail;

	while ((rc = xf_csvin_next(in, &row)) != XF_CSV_EOF) {
		if (rc == XF_CSV_IOERR) {
			ioerr = 1;
			break;
		}
		if (rc == XF_CSV_BAD) {
			say(&k, row.line, "%s", xf_csvin_error(in));
			continue;
		}
		add_row(t, &row, col, &k);
	}
	if (xf_csvin_close(in) == -1)
		ioerr = 1;
	in = NULL;
	if (ioerr)
		goto fail;

	/* Equal keys sit together, in table order. */
	t->index = xf_reallocarray(NULL, t->n > 0 ? t->n : 1,
	    sizeof(*t->index));
	if (t->n > 0)
		memcpy(t->index, t->v, t->n * sizeof(*t->index));
	qsort(t->index, t->n, sizeof(*t->index), indexcmp);
	for (i = 1, first = 0; i < t->n; i++) {
		if (keycmp(t->index[first]->key, t->index[i]->key) != 0) {
			first = i;
			continue;
		}
		describe(t->index[i], what, sizeof(what));
		say(&k, t->index[i]->r.line, "duplicate key (%s): line %lu "
		    "has it too", what, t->index[first]->r.line);
	}
	if (lookup(t, any[0], any[1], any[2]) == NULL)
		say(&k, 0, "no fallback row: the table needs a row whose "
		    "category, subcategory and district are empty or '*'");
	if (k.bad)
		goto fail;
	return t;

fail:
	if (in != NULL)
		xf_csvin_close(in);
	xf_route_free(t);
	return NULL;
}

struct xf_route_table *
xf_route_load_mem(const char *buf, size_t len, const char *name,
    void (*report)(void *, const char *, unsigned long, const char *),
    void *arg)
{
	struct xf_route_table *t;
	struct sink k = { name, report, arg, 0 };
	FILE *fp;

	/* fmemopen refuses a size of 0 on some C libraries. */
	if (len == 0) {
		say(&k, 1, "no header: the table is empty; it needs the "
		    "columns %s", needed);
		return NULL;
	}
	if ((fp = fmemopen((void *)(uintptr_t)buf, len, "r")) == NULL)
		xf_err(XF_EXIT_FAIL, "%s", name);
	t = xf_route_load(fp, name, report, arg);
	fclose(fp);
	return t;
}

struct xf_route_table *
xf_route_defaults(
    void (*report)(void *, const char *, unsigned long, const char *),
    void *arg)
{
	return xf_route_load_mem((const char *)xf_data_routes,
	    xf_data_routes_len, "<built-in lib/data/routes.csv>", report,
	    arg);
}

size_t
xf_route_count(const struct xf_route_table *t)
{
	return t->n;
}

const struct xf_route *
xf_route_row(const struct xf_route_table *t, size_t i)
{
	return &t->v[i]->r;
}

/* The row with exactly this key (any as empty), or NULL. */
static const struct row *
lookup(const struct xf_route_table *t, struct text c, struct text s,
    struct text d)
{
	struct text want[3];
	size_t lo = 0, hi = t->n, mid;

	want[0] = c;
	want[1] = s;
	want[2] = d;
	/* The first of equal keys, so a duplicate would be the earliest. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (keycmp(t->index[mid]->key, want) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->n && keycmp(t->index[lo]->key, want) == 0)
		return t->index[lo];
	return NULL;
}

const struct xf_route *
xf_route_find(const struct xf_route_table *t, const char *category,
    size_t catlen, const char *subcategory, size_t sublen,
    const char *district, size_t distlen)
{
	struct text c, s, d, any = { "", 0 };
	const struct row *r = NULL;
	size_t start, len;

	xf_utf8_trim(category, catlen, &start, &len);
	c.s = category + start;
	c.n = len;
	xf_utf8_trim(subcategory, sublen, &start, &len);
	s.s = subcategory + start;
	s.n = len;
	xf_utf8_trim(district, distlen, &start, &len);
	d.s = district + start;
	d.n = len;

	if (c.n > 0) {
		if (s.n > 0) {
			if (d.n > 0 && (r = lookup(t, c, s, d)) != NULL)
				return &r->r;
			if ((r = lookup(t, c, s, any)) != NULL)
				return &r->r;
		}
		if (d.n > 0 && (r = lookup(t, c, any, d)) != NULL)
			return &r->r;
		if ((r = lookup(t, c, any, any)) != NULL)
			return &r->r;
	}
	if (d.n > 0 && (r = lookup(t, any, any, d)) != NULL)
		return &r->r;
	r = lookup(t, any, any, any);
	return &r->r;
}

int
xf_route_dump(const struct xf_route_table *t, FILE *fp)
{
	struct xf_csvout *out;
	const struct xf_route *r;
	size_t i;
	int rc;

	out = xf_csvout_new(fp, ',', 0);
	for (i = 0; i < NCOL; i++)
		xf_csvout_str(out, colname[i]);
	xf_csvout_end(out);
	for (i = 0; i < t->n; i++) {
		r = &t->v[i]->r;
		xf_csvout_str(out, r->category);
		xf_csvout_str(out, r->subcategory);
		xf_csvout_str(out, r->district);
		xf_csvout_str(out, r->department);
		xf_csvout_str(out, r->co_departments);
		xf_csvout_str(out, r->note);
		xf_csvout_end(out);
	}
	rc = xf_csvout_flush(out);
	xf_csvout_free(out);
	return rc;
}
