/* SPDX-License-Identifier: ISC */
/*
 * A growing string for reasons, traces and report text: printf into it,
 * take the result.  Allocation failure ends the program through
 * xf_reallocarray (status 2, "out of memory"), so the calls cannot fail.
 */

#ifndef XF_SB_H
#define XF_SB_H

#include <stddef.h>

struct xf_sb {
	char	*s;	/* NUL-terminated once written, else NULL */
	size_t	 len;
	size_t	 cap;
	int	 off;	/* 1: discard what is written (a trace not wanted) */
};

#define XF_SB_INIT	{ NULL, 0, 0, 0 }

/* Append the formatted text to b (nothing when b->off). */
void	 xf_sb_printf(struct xf_sb *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Append the n bytes at s to b (nothing when b->off). */
void	 xf_sb_put(struct xf_sb *b, const char *s, size_t n);

/*
 * The string of b, "" if nothing was written, allocated: the caller
 * frees it.  b is left empty, ready for reuse (off is kept).
 */
char	*xf_sb_take(struct xf_sb *b);

#endif /* XF_SB_H */
