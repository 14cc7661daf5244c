/* SPDX-License-Identifier: ISC */

/*
 * Columns by name.  A tool asks for a column by its English name (id,
 * date, content, ...); the header is searched for that name, then for the
 * Chinese headers real exports use (编号, 登记日期, 诉求内容, ...).  The user
 * can point a name at any header with --col NAME=HEADER.  Headers are
 * compared after trimming spaces (ASCII and U+3000) and, for ASCII
 * letters, without regard to case.
 *
 * Also here: a saved copy of a header, to check that later inputs agree
 * with the first one.
 */

#ifndef XF_COLUMNS_H
#define XF_COLUMNS_H

#include <stddef.h>

struct xf_row;

#define XF_COLMAP_MAX	32

/* --col NAME=HEADER overrides. */
struct xf_colmap {
	size_t		 n;
	const char	*name[XF_COLMAP_MAX];
	const char	*header[XF_COLMAP_MAX];
};

/*
 * Add an override from the argument of --col ("content=留言正文").  The
 * strings point into arg, which must outlive the map.  Returns 0, or -1
 * after printing a diagnostic.
 */
int	 xf_colmap_add(struct xf_colmap *, char *arg);

/*
 * The known aliases of a canonical column name, NULL-terminated (an
 * empty list for a name with none).
 */
const char *const *xf_col_aliases(const char *name);

/* The index of the field equal to HEADER (see above), or -1. */
long	 xf_col_index(const struct xf_row *hdr, const char *header);

/*
 * The index of column NAME: the override in MAP (which may be NULL) if
 * there is one, else NAME itself, else its aliases in order.  -1 if
 * absent.
 */
long	 xf_col_find(const struct xf_row *hdr, const char *name,
	    const struct xf_colmap *map);

/*
 * As xf_col_find, but a missing column prints
 * "prog: FILE:1: no column 'NAME' (nor ALIASES); columns are: 'a', 'b'"
 * and returns -1.
 */
long	 xf_col_need(const struct xf_row *hdr, const char *name,
	    const struct xf_colmap *map, const char *file);

/* A saved copy of a header. */
struct xf_header;

struct xf_header *xf_header_save(const struct xf_row *);
const struct xf_row *xf_header_row(const struct xf_header *);

/* 1 if ROW has exactly the saved header's fields, else 0. */
int	 xf_header_same(const struct xf_header *, const struct xf_row *);
void	 xf_header_free(struct xf_header *);

#endif /* XF_COLUMNS_H */
