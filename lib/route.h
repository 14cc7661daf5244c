/* SPDX-License-Identifier: ISC */

/*
 * Routing tables: which department handles a classified petition, and
 * which departments help, by category, subcategory and district.
 *
 * A routing table is CSV with a header naming the columns (any order;
 * other columns are ignored):
 *
 *   category        the category, or empty or '*': any (a fallback row)
 *   subcategory     the subcategory, or empty or '*': any
 *   district        the 街道 or 镇, or empty or '*': any
 *   department      the lead department; never empty
 *   co_departments  the departments that assist, separated by ';' (or
 *                   the full-width '；'), or empty
 *   note            optional: why the row routes as it does
 *
 * Every field is trimmed of blanks (see xf_utf8_trim).  These are
 * errors in a row: a NUL byte or invalid UTF-8 in one of the columns
 * above, an empty department, a name in co_departments that is empty,
 * repeated or the lead department's, and a subcategory in a row whose
 * category is any (a subcategory belongs to a category).  Two rows with
 * the same key (category, subcategory,
 * district, any counting as one value whether written empty or '*')
 * are an error, and so is a table without the row (*, *, *) that
 * catches what nothing else does.
 *
 * A record (C, S, D) takes the first of these rows that exists:
 *
 *   (C, S, D)  (C, S, *)  (C, *, D)  (C, *, *)  (*, *, D)  (*, *, *)
 *
 * that is, a named value beats any, and the category counts most, then
 * the subcategory, then the district.  An empty C, S or D in the
 * record skips the steps that name it.  Values are compared byte for
 * byte after trimming.
 *
 * The module prints nothing: the problems found while loading a table
 * are handed to a report function the caller gives (the CSV reader
 * underneath prints its own read errors and encoding notice, see
 * csvin.h).  Allocation failure exits, as everywhere in xf (xf.h).
 */

#ifndef XF_ROUTE_H
#define XF_ROUTE_H

#include <stddef.h>
#include <stdio.h>

/* One row of a table.  The strings belong to the table. */
struct xf_route {
	const char	*category;	/* trimmed; "" or "*" for any */
	const char	*subcategory;	/* likewise */
	const char	*district;	/* likewise */
	const char	*department;
	const char	*co_departments; /* joined with ';', or "" */
	const char	*note;		/* "" when absent */
	unsigned long	 line;		/* its line in the table */
};

struct xf_route_table;

/*
 * Read a table from FP (not closed), named NAME in reports.  Returns
 * the table, or NULL when it has a problem.  Each problem is handed to
 * REPORT(ARG, NAME, LINE, MSG) first: LINE is the physical line on
 * which the offending record starts (0 for a problem of the whole
 * table, such as a missing fallback row) and MSG the message (lower
 * case, no full stop, values quoted), valid only during the call.
 * Read errors are not reported that way: the CSV reader printed them.
 * Free the table with xf_route_free().
 */
struct xf_route_table *xf_route_load(FILE *fp, const char *name,
	    void (*report)(void *, const char *, unsigned long, const char *),
	    void *arg);

/* As xf_route_load(), for the LEN bytes at BUF. */
struct xf_route_table *xf_route_load_mem(const char *buf, size_t len,
	    const char *name,
	    void (*report)(void *, const char *, unsigned long, const char *),
	    void *arg);

/*
 * The built-in table, lib/data/routes.csv (named
 * "<built-in lib/data/routes.csv>").  NULL after reports if it does not
 * load, which a unit test rules out.
 */
struct xf_route_table *xf_route_defaults(
	    void (*report)(void *, const char *, unsigned long, const char *),
	    void *arg);

void	 xf_route_free(struct xf_route_table *);

/* The number of rows, and row i (0 <= i < count) in table order. */
size_t	 xf_route_count(const struct xf_route_table *);
const struct xf_route *xf_route_row(const struct xf_route_table *,
	    size_t i);

/*
 * The row for a record whose category, subcategory and district are
 * the bytes given (each may be empty, lengths 0; blanks around them are
 * ignored), by the order described above.  Never NULL: a loaded table
 * has its fallback row.  The row belongs to the table.
 */
const struct xf_route *xf_route_find(const struct xf_route_table *,
	    const char *category, size_t catlen, const char *subcategory,
	    size_t sublen, const char *district, size_t distlen);

/*
 * Write the table to FP as a routing table, header first, rows in
 * table order, each field as loaded (trimmed; co_departments joined
 * with ';'), so that loading the output gives the same table.  Returns
 * 0, or -1 if a write failed (errno says why).  FP is flushed, not
 * closed.
 */
int	 xf_route_dump(const struct xf_route_table *, FILE *fp);

#endif /* XF_ROUTE_H */
