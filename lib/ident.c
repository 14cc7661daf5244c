/* SPDX-License-Identifier: ISC */

/*
 * Resident identity card numbers (GB 11643-1999) and mainland telephone
 * numbers: validity and canonical form.  See ident.h.
 */

#include <stddef.h>
#include <string.h>

#include "ident.h"

/* What nextch() returns besides ASCII. */
#define CH_OTHER	(-1)	/* a byte or character we do not read */
#define CH_EXT		0x100	/* 转, which introduces an extension */

/* Limits of a phone number, far above any real one. */
#define MAXGROUP	8	/* groups of digits */
#define MAXDIGIT	24	/* digits before the extension */
#define MAXEXT		6	/* digits of an extension */
#define MAXALL		64	/* digits kept for an odd number's norm */

/* A phone number broken into groups of digits. */
struct groups {
	char	 dig[MAXDIGIT + 2];	/* the digits before any extension */
	size_t	 ndig;
	size_t	 end[MAXGROUP];		/* where each group ends in dig */
	size_t	 ngroup;
	char	 ext[MAXEXT + 1];	/* digits after 转 */
	size_t	 next;
	int	 plus;			/* a leading '+' */
	int	 marker;		/* 转 seen */
};

static const char	weights[17] = {
	7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
};
static const char	checkchars[] = "10X98765432";

static int	nextch(const unsigned char *, size_t, size_t *, int *);
static int	ascii(const unsigned char *, size_t);
static int	isdigits(const char *, size_t);
static int	num(const char *, size_t);
static int	dateok(int, int, int);
static void	strip(struct groups *, size_t);
static int	parse(const char *, size_t, struct groups *, char *, size_t *,
		    int *);
static enum xf_phone_kind landline(struct groups *, int, char *, size_t *);
static void	put(char *, size_t, const char *, size_t);

/*
 * Read one character at p[*i] and advance *i.  ASCII comes back as it
 * is; full-width forms U+FF01..U+FF5E come back as ASCII and U+3000 as a
 * space, with *wide set; 转 comes back as CH_EXT; any other byte, one at
 * a time, as CH_OTHER.
 */
static int
nextch(const unsigned char *p, size_t n, size_t *i, int *wide)
{
	size_t k = *i;
	unsigned int c = p[k], cp;

	*i = k + 1;
	if (c < 0x80)
		return (int)c;
	if (n - k < 3)
		return CH_OTHER;
	if (c == 0xEF && (p[k + 1] == 0xBC || p[k + 1] == 0xBD) &&
	    (p[k + 2] & 0xC0) == 0x80) {
		cp = 0xF000 | ((p[k + 1] & 0x3Fu) << 6) | (p[k + 2] & 0x3Fu);
		if (cp >= 0xFF01 && cp <= 0xFF5E) {
			*i = k + 3;
			*wide = 1;
			return (int)(cp - 0xFEE0);
		}
	} else if (c == 0xE3 && p[k + 1] == 0x80 && p[k + 2] == 0x80) {
		*i = k + 3;
		*wide = 1;
		return ' ';
	} else if (c == 0xE8 && p[k + 1] == 0xBD && p[k + 2] == 0xAC) {
		*i = k + 3;
		return CH_EXT;
	}
	return CH_OTHER;
}

/* 1 if the n bytes at p are all ASCII. */
static int
ascii(const unsigned char *p, size_t n)
{
	unsigned int or = 0;
	size_t i;

	for (i = 0; i < n; i++)
		or |= p[i];
	return or < 0x80;
}

/* 1 if the n bytes at s are all ASCII digits. */
static int
isdigits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* The value of n (at most 4) ASCII digits. */
static int
num(const char *s, size_t n)
{
	size_t i;
	int v = 0;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* 1 if y-m-d is a Gregorian date. */
static int
dateok(int y, int m, int d)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int last;

	if (m < 1 || m > 12 || d < 1)
		return 0;
	last = mdays[m - 1];
	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		last = 29;
	return d <= last;
}

int
xf_id_checkchar(const char *d17)
{
	int i, sum = 0;

	if (!isdigits(d17, 17))
		return -1;
	for (i = 0; i < 17; i++)
		sum += (d17[i] - '0') * weights[i];
	return checkchars[sum % 11];
}

enum xf_id_status
xf_id_check(const char *s, size_t n, char out18[XF_ID_KEYSZ])
{
	const unsigned char *p = (const unsigned char *)s;
	char d[XF_ID_KEYSZ];
	size_t i = 0, k = 0;
	int c, wide = 0, lower = 0;

	if (out18 != NULL)
		out18[0] = '\0';
	if (n == 0)
		return XF_ID_EMPTY;
	if (n <= 18 && ascii(p, n)) {
		/* nextch() gives ASCII back as it is: copy it. */
		memcpy(d, s, n);
		k = n;
	} else {
		while (i < n) {
			c = nextch(p, n, &i, &wide);
			if (k == 18 || c < 0 || c > 0x7F)
				return XF_ID_BADFORMAT;
			d[k++] = (char)c;
		}
	}

	if (k == 15) {
		if (!isdigits(d, 15))
			return XF_ID_BADFORMAT;
		if (!dateok(1900 + num(d + 6, 2), num(d + 8, 2),
		    num(d + 10, 2)))
			return XF_ID_BADDATE;
		/* Region, "19", YYMMDD and sequence, then the check. */
		memmove(d + 8, d + 6, 9);
		d[6] = '1';
		d[7] = '9';
		d[17] = (char)xf_id_checkchar(d);
		d[18] = '\0';
		if (out18 != NULL)
			memcpy(out18, d, XF_ID_KEYSZ);
		return XF_ID_OK15;
	}

	if (k != 18 || !isdigits(d, 17))
		return XF_ID_BADFORMAT;
	if (d[17] == 'x') {
		d[17] = 'X';
		lower = 1;
	}
	if (d[17] != 'X' && !isdigits(d + 17, 1))
		return XF_ID_BADFORMAT;
	if (num(d + 6, 4) < 1800 ||
	    !dateok(num(d + 6, 4), num(d + 10, 2), num(d + 12, 2)))
		return XF_ID_BADDATE;
	d[18] = '\0';
	if (out18 != NULL)
		memcpy(out18, d, XF_ID_KEYSZ);
	if (xf_id_checkchar(d) != d[17])
		return XF_ID_BADCHECK;
	return lower || wide ? XF_ID_OK18_NORM : XF_ID_OK18;
}

const char *
xf_id_strerror(enum xf_id_status status)
{
	switch (status) {
	case XF_ID_OK18:
		return "valid id number";
	case XF_ID_OK18_NORM:
		return "valid id number, not in canonical form";
	case XF_ID_OK15:
		return "valid 15-digit id number of the old form";
	case XF_ID_BADCHECK:
		return "wrong check character in id number";
	case XF_ID_BADDATE:
		return "impossible birth date in id number";
	case XF_ID_BADFORMAT:
		return "id number is not 18 or 15 digits";
	case XF_ID_EMPTY:
		return "empty id number";
	}
	return "unknown id number status";
}

int
xf_id_info(const char *id18, struct xf_id_info *info)
{
	int y, m, d;

	if (!isdigits(id18, 17))
		return -1;
	y = num(id18 + 6, 4);
	m = num(id18 + 10, 2);
	d = num(id18 + 12, 2);
	if (!dateok(y, m, d))
		return -1;
	info->year = y;
	info->month = m;
	info->day = d;
	info->male = (id18[16] - '0') % 2;
	return 0;
}

/*
 * Split s into groups of digits.  Returns 0 for something that may be a
 * number, 1 for blanks only, -1 for odd; *all gets every digit of s
 * (its length in *nall, at most MAXALL) either way, for an odd norm.
 */
static int
parse(const char *s, size_t n, struct groups *g, char *all, size_t *nall,
    int *wide)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int c, odd = 0, blank = 1, ingroup = 0, extdone = 0;

	memset(g, 0, sizeof(*g));
	*nall = 0;
	while (i < n) {
		c = nextch(p, n, &i, wide);
		if (c == ' ' || c == '\t') {
			ingroup = 0;
			if (g->next > 0)
				extdone = 1;
			continue;
		}
		blank = 0;
		if (c >= '0' && c <= '9') {
			if (*nall < MAXALL)
				all[(*nall)++] = (char)c;
			if (g->marker) {
				if (extdone || g->next == MAXEXT)
					odd = 1;
				else
					g->ext[g->next++] = (char)c;
			} else if (g->ndig == MAXDIGIT ||
			    (!ingroup && g->ngroup == MAXGROUP))
				odd = 1;
			else {
				if (!ingroup)
					g->ngroup++;
				ingroup = 1;
				g->dig[g->ndig++] = (char)c;
				g->end[g->ngroup - 1] = g->ndig;
			}
			continue;
		}
		ingroup = 0;
		if (g->marker)
			odd = 1;	/* only digits after 转 */
		else if (c == '-' || c == '(' || c == ')')
			;
		else if (c == '+') {
			if (g->ndig > 0 || g->plus)
				odd = 1;
			g->plus = 1;
		} else if (c == CH_EXT) {
			if (g->ndig == 0)
				odd = 1;
			g->marker = 1;
		} else
			odd = 1;
	}
	if (blank)
		return 1;
	if (odd || g->ndig == 0 || (g->marker && g->next == 0))
		return -1;
	return 0;
}

/* Drop the first k digits (a country code). */
static void
strip(struct groups *g, size_t k)
{
	size_t i, j;

	memmove(g->dig, g->dig + k, g->ndig - k);
	g->ndig -= k;
	for (i = j = 0; i < g->ngroup; i++)
		if (g->end[i] > k)
			g->end[j++] = g->end[i] - k;
	g->ngroup = j;
}

/* Copy len bytes to norm, cut to fit, NUL-terminated. */
static void
put(char *norm, size_t normsz, const char *s, size_t len)
{
	if (norm == NULL || normsz == 0)
		return;
	if (len > normsz - 1)
		len = normsz - 1;
	memcpy(norm, s, len);
	norm[len] = '\0';
}

/*
 * The landline rules of xf_phone_check(), on digits that are not a
 * mobile number.  intl says a country code was stripped.  The canonical
 * form goes to out (at least XF_PHONE_NORMSZ bytes), its length to *len.
 */
static enum xf_phone_kind
landline(struct groups *g, int intl, char *out, size_t *len)
{
	size_t r[MAXGROUP + 1], nr = 0, alen, gi, from, used, l1, l2, o, i;

	if (intl && g->dig[0] != '0') {
		/* "+86 433 ...": put back the trunk 0. */
		memmove(g->dig + 1, g->dig, g->ndig);
		g->dig[0] = '0';
		g->ndig++;
		for (i = 0; i < g->ngroup; i++)
			g->end[i]++;
	}
	if (g->dig[0] == '0') {
		if (g->ndig < 2 || g->dig[1] == '0')
			return XF_PHONE_ODD;
		alen = g->dig[1] == '1' || g->dig[1] == '2' ? 3 : 4;
		if (g->end[0] < alen)
			return XF_PHONE_ODD;	/* area code split up */
	} else if (g->dig[0] >= '2' && g->dig[0] <= '9' && !intl)
		alen = 0;
	else
		return XF_PHONE_ODD;

	/* The groups after the area code, as offsets where each starts. */
	from = alen;
	for (gi = 0; gi < g->ngroup; gi++) {
		if (g->end[gi] > from)
			r[nr++] = from;
		from = g->end[gi];
	}
	r[nr] = g->ndig;
	if (nr == 0)
		return XF_PHONE_ODD;

	/* The local number is one group, or two joined; prefer one. */
	l1 = r[1] - r[0];
	l2 = nr >= 2 ? r[2] - r[0] : 0;
	if (l1 >= 7 && l1 <= 8)
		used = 1;
	else if (l2 >= 7 && l2 <= 8)
		used = 2;
	else
		return XF_PHONE_ODD;
	if (g->dig[r[0]] < '2')
		return XF_PHONE_ODD;

	/* At most one group is left, and it is the extension. */
	if (nr > used + 1)
		return XF_PHONE_ODD;
	if (nr == used + 1) {
		if (g->marker || g->ndig - r[used] > MAXEXT)
			return XF_PHONE_ODD;
		g->next = g->ndig - r[used];
		memcpy(g->ext, g->dig + r[used], g->next);
	}

	o = 0;
	if (alen > 0) {
		memcpy(out, g->dig, alen);
		out[alen] = '-';
		o = alen + 1;
	}
	memcpy(out + o, g->dig + r[0], r[used] - r[0]);
	o += r[used] - r[0];
	if (g->next > 0) {
		/*
		 * Without an area code, "8615292-331234" would read back as
		 * +86 and a mobile number: keep 转 there, so that the
		 * canonical form reads back as itself.
		 */
		if (alen == 0) {
			memcpy(out + o, "转", strlen("转"));
			o += strlen("转");
		} else
			out[o++] = '-';
		memcpy(out + o, g->ext, g->next);
		o += g->next;
	}
	*len = o;
	return XF_PHONE_LANDLINE;
}

enum xf_phone_kind
xf_phone_check(const char *s, size_t n, char *norm, size_t normsz)
{
	struct groups g;
	char all[MAXALL], out[XF_PHONE_NORMSZ];
	size_t nall, len;
	int rc, wide = 0, intl = 0;
	enum xf_phone_kind kind;

	put(norm, normsz, "", 0);
	if (n == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9' &&
	    isdigits(s + 2, 9)) {
		/*
		 * A mobile number as it should be, the common case: one group
		 * of eleven digits, which the rules below take as it is.
		 */
		put(norm, normsz, s, 11);
		return XF_PHONE_MOBILE;
	}
	if ((rc = parse(s, n, &g, all, &nall, &wide)) == 1)
		return XF_PHONE_EMPTY;
	if (rc == -1)
		goto odd;

	if (g.plus) {
		if (g.ndig < 2 || g.dig[0] != '8' || g.dig[1] != '6')
			goto odd;
		strip(&g, 2);
		intl = 1;
	} else if (g.ndig >= 4 && memcmp(g.dig, "0086", 4) == 0) {
		strip(&g, 4);
		intl = 1;
	} else if (g.ndig == 13 && memcmp(g.dig, "861", 3) == 0)
		strip(&g, 2);
	if (g.ndig == 0)
		goto odd;

	if (g.ndig == 11 && g.dig[0] == '1' && g.dig[1] >= '3' &&
	    g.dig[1] <= '9') {
		if (g.marker)
			goto odd;
		put(norm, normsz, g.dig, 11);
		return XF_PHONE_MOBILE;
	}
	if ((kind = landline(&g, intl, out, &len)) == XF_PHONE_LANDLINE) {
		put(norm, normsz, out, len);
		return kind;
	}
odd:
	put(norm, normsz, all, nall);
	return XF_PHONE_ODD;
}
