/* SPDX-License-Identifier: ISC */

/*
 * Dated parameter tables with region fallback (DESIGN.md, "Parameters,
 * periods and regions"), and the loader of the holiday calendar.
 *
 * A parameter table is CSV with a header row naming these seven columns,
 * in any order (other columns are ignored; header names are matched
 * after trimming blanks, ASCII letters without regard to case):
 *
 *	name,region,value,unit,effective_from,effective_to,source
 *
 * Blanks (see xf_utf8_trim) around every field are ignored.
 *	name		lower-case ASCII letter, then lower-case ASCII letters,
 *			digits and '_' ("petition_handle_days"); required
 *	region		a region name such as 延吉市 or 全国; required
 *	value		a plain decimal as xf_dec_parse() reads it ("60",
 *			"21.75", "-1"; at most 9 decimals, no separators or
 *			units), kept as written; empty means "not known, must
 *			be supplied", which only a placeholder row may say
 *	unit		free text ("日", "工作日", "倍", "元/月"); may be empty
 *	effective_from	first day in force, any form xf_date_parse() takes
 *			but without a time; required
 *	effective_to	last day in force (inclusive), same forms; empty
 *			means open-ended; must not be before effective_from
 *	source		where the value comes from; required.  A source that
 *			begins with "placeholder" (ASCII, any case) marks a
 *			value that is not law, only a stand-in: tools print
 *			the source next to their results so no one mistakes
 *			it for an official figure
 * Rows whose start is not known begin on 0001-01-01.  Within one file,
 * two rows with the same name and region must not be in force on the
 * same day.
 *
 * Loading several tables.  Tables are loaded in turn into one struct
 * xf_params: first the built-in defaults (xf_params_defaults), then a
 * user's --params FILE (xf_params_load).  The rows a later table gives
 * for a name and region REPLACE EVERY row an earlier table gave for that
 * same name and region, whatever their dates; names and regions the
 * later table does not mention keep their earlier rows.  So a user file
 * is the complete history of each name and region it mentions: to add
 * one year to a built-in series, copy the series from --dump-params and
 * add the year, and nothing needs to be cancelled date by date.
 *
 * Regions.  A lookup for a region tries, in order, the region itself and
 * the regions that contain it, and takes the first that has a row in
 * force on the date:
 *	延吉市, 图们市, 敦化市, 珲春市, 龙井市, 和龙市, 汪清县, 安图县
 *			-> that city or county, 延边州, 吉林省, 全国
 *	延边州		-> 延边州, 吉林省, 全国
 *	吉林省		-> 吉林省, 全国
 *	全国		-> 全国
 *	any other X	-> X, 全国
 * Names are compared byte for byte ("延边朝鲜族自治州" is just another
 * X).  A table may hold rows for any region; a row for 珲春市 is never
 * found from 延吉市.
 *
 * Diagnostics.  The parameter loaders print one line per problem, as
 * "prog: FILE:LINE: message", through xf_warnat (FILE is the path, or
 * the name given for a table in memory), go on to report every bad row,
 * and then return -1 without changing the table.  A command treats that
 * as an environment error and exits XF_EXIT_FAIL (DESIGN.md).  Memory is
 * obtained through xf_malloc and friends, which exit when it runs out.
 * Lookups never print, except xf_params_need().
 */

#ifndef XF_PARAMS_H
#define XF_PARAMS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "date.h"
#include "money.h"

/* The region a NULL region means: the toolkit's defaults are 延吉's. */
#define XF_PARAMS_REGION	"延吉市"

/* The longest region chain: a 延边 city, 延边州, 吉林省, 全国. */
#define XF_PARAMS_CHAINMAX	4

/*
 * One row of a table.  The strings are NUL-terminated, owned by the
 * table, and stay valid until xf_params_free() or until a later load
 * replaces the row's name and region.
 */
struct xf_param {
	const char	*name;
	const char	*region;
	const char	*value;		/* as written, trimmed; "" if unknown */
	const char	*unit;		/* may be "" */
	const char	*source;	/* never "" */
	struct xf_date	 from;		/* effective_from, inclusive */
	struct xf_date	 to;		/* effective_to, inclusive, if has_to */
	int		 has_to;	/* 0: open-ended, to is 9999-12-31 */
	int		 has_value;	/* 0: value is "" (must be supplied) */
	struct xf_dec	 dec;		/* the value, when has_value */
	int		 placeholder;	/* source begins with "placeholder" */
	const char	*file;		/* table the row came from, and */
	unsigned long	 line;		/* the line it starts on */
	long		 from_day;	/* from and to as day numbers */
	long		 to_day;	/* (xf_date_to_days) */
};

struct xf_params;

/*
 * A new, empty table.  Never NULL (exits when out of memory).  Free it
 * with xf_params_free().
 */
struct xf_params *xf_params_new(void);

/* Free the table and all its rows.  NULL is allowed. */
void	 xf_params_free(struct xf_params *);

/*
 * Load the table in the file at path ("-" is standard input, named
 * "<stdin>") into p, replacing earlier rows as described above (a
 * header alone is a valid, empty table).  Returns 0, or -1 after
 * printing a diagnostic for each problem (unreadable file, no header, a
 * missing column, bad rows, overlapping rows), in which case p is
 * unchanged.
 */
int	 xf_params_load(struct xf_params *p, const char *path);

/*
 * As xf_params_load(), for the len bytes at buf (need not be
 * NUL-terminated), called name in messages.  buf is not kept.
 */
int	 xf_params_load_mem(struct xf_params *p, const char *buf, size_t len,
	    const char *name);

/*
 * Load the built-in table, lib/data/params.csv (named
 * "<built-in lib/data/params.csv>" in messages).  Returns as
 * xf_params_load(); the built-in table is tested to load cleanly.
 */
int	 xf_params_defaults(struct xf_params *p);

/* The number of rows in the table. */
size_t	 xf_params_count(const struct xf_params *);

/*
 * Row i of the table (0 <= i < xf_params_count()), in the order
 * xf_params_dump() writes them (name, region, effective_from), or NULL
 * when i is out of range.  For walking the whole table, e.g. to check
 * the rows a tool uses before it starts.
 */
const struct xf_param *xf_params_row(const struct xf_params *p, size_t i);

/*
 * Fill chain with the regions a lookup for region tries, most specific
 * first (see above), and return how many (1 to XF_PARAMS_CHAINMAX).  A
 * NULL region means XF_PARAMS_REGION.  The strings are region itself or
 * static strings.
 */
size_t	 xf_params_chain(const char *region,
	    const char *chain[XF_PARAMS_CHAINMAX]);

/*
 * The row for name in force on date on (on effective_from and
 * effective_to themselves included) for the most specific region of
 * region's chain that has one; a NULL region means XF_PARAMS_REGION.
 * Returns NULL if no region of the chain has one, or if on is not a
 * valid date.  The row may have no value (has_value 0): see
 * xf_params_need().  Costs a binary search per region of the chain.
 */
const struct xf_param *xf_params_get(const struct xf_params *p,
	    const char *name, const char *region, const struct xf_date *on);

/*
 * As xf_params_get(), but also a row without a value is a failure, and
 * each failure prints one diagnostic that tells the user which row to
 * add to a --params file, e.g.
 *   prog: no parameter 'min_wage' in force on 2024-05-06 for 延吉市 (nor
 *   延边州, 吉林省, 全国); supply it in a --params file, a row such as
 *   'min_wage,延吉市,VALUE,UNIT,2024-05-06,,SOURCE' ...
 * (one line).  Returns the row, or NULL after the diagnostic.
 */
const struct xf_param *xf_params_need(const struct xf_params *p,
	    const char *name, const char *region, const struct xf_date *on);

/*
 * The value of row r as an exact decimal, as money in fen (the value is
 * yuan), or as a whole number.  Each returns 0 and sets its output, or
 * -1, leaving the output alone, with a static reason in *why (if why is
 * not NULL): "no value" (a placeholder without one), "more than two
 * decimal places" or "too large" (fen: beyond XF_MONEY_MAX), "not a
 * whole number" or "too large" (long).
 */
int	 xf_params_dec(const struct xf_param *r, struct xf_dec *d,
	    const char **why);
int	 xf_params_fen(const struct xf_param *r, int64_t *fen,
	    const char **why);
int	 xf_params_long(const struct xf_param *r, long *n, const char **why);

/*
 * Write the table to fp as CSV with the header above, sorted by name,
 * region and effective_from, dates in ISO form, effective_to empty when
 * open-ended (for --dump-params; loading the output gives the same
 * table).  Returns 0, or -1 if a write failed (errno says why); prints
 * nothing.  fp is flushed, not closed.
 */
int	 xf_params_dump(const struct xf_params *p, FILE *fp);

/*
 * --dump-params: the rows keep() accepts (every row when keep is NULL)
 * to PATH, atomically (NULL or "-": standard output).  Returns 0, or -1
 * after a diagnostic (a write error on standard output is left for
 * xf_finish to report).
 */
int	 xf_params_dump_to(const struct xf_params *p, const char *path,
	    int (*keep)(const char *name));

/*
 * The holiday calendar.  A holiday table is CSV with a header naming at
 * least the columns date and kind (any order; name, source and any other
 * column are ignored):
 *	date	a date as xf_date_parse() takes it, without a time
 *	kind	休 (an official rest day) or 班 (a make-up working day)
 * lib/data/holidays.csv is one.
 */

/*
 * Add the dates of the holiday table read from fp (named name in
 * messages; fp is not closed) to cal.  Returns 0, or -1 after printing
 * one diagnostic per problem ("prog: NAME:LINE: ..."): unreadable
 * input, no header, a missing column, a bad date or kind, a date given
 * both as 休 and as 班.  On -1 cal holds the good rows: discard it.
 */
int	 xf_calendar_load(struct xf_calendar *cal, FILE *fp, const char *name);

/* As xf_calendar_load(), for the len bytes at buf. */
int	 xf_calendar_load_mem(struct xf_calendar *cal, const char *buf,
	    size_t len, const char *name);

/*
 * A new calendar holding the built-in lib/data/holidays.csv.  Returns
 * NULL after a diagnostic if the table does not load (it is tested to
 * load).  Free it with xf_calendar_free().
 */
struct xf_calendar *xf_calendar_defaults(void);

#endif /* XF_PARAMS_H */
