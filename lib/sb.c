/* SPDX-License-Identifier: ISC */
/*
 * A growing string: see sb.h.  The buffer at least doubles when it
 * grows, so appending n bytes in pieces costs O(n).
 */

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb.h"
#include "xf.h"

/* Make room for n more bytes and the NUL. */
static void
grow(struct xf_sb *b, size_t n)
{
	size_t need;

	if (n > SIZE_MAX / 2 - b->len - 1)
		xf_errx(XF_EXIT_FAIL, "out of memory");
	need = b->len + n + 1;
	if (b->s != NULL && need <= b->cap)
		return;
	if (b->cap * 2 > need)
		need = b->cap * 2;
	if (need < 256)
		need = 256;
	b->s = xf_reallocarray(b->s, need, 1);
	if (b->cap == 0)
		b->s[0] = '\0';
	b->cap = need;
}

void
xf_sb_put(struct xf_sb *b, const char *s, size_t n)
{
	if (b->off)
		return;
	grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
xf_sb_printf(struct xf_sb *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->off)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;		/* an encoding error: nothing to add */
	grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *
xf_sb_take(struct xf_sb *b)
{
	char *s;

	s = b->s != NULL ? b->s : xf_strdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}
