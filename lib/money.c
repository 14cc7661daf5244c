/* SPDX-License-Identifier: ISC */

/*
 * Money in integer fen: parsing the forms found in petition exports,
 * formatting plain decimal yuan, exact decimal factors, and exact
 * rational amounts rounded once, half up, to the fen.  See money.h for
 * the accepted forms and the reasons returned.
 *
 * Non-ASCII characters are written as UTF-8 byte escapes so that the
 * source stays ASCII.
 */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "money.h"

__extension__ typedef unsigned __int128 u128;

/* 2^127 - 1: the largest magnitude of a numerator or denominator. */
#define LIMIT		((u128)-1 >> 1)

/* UTF-8 spellings of the non-ASCII characters the parser knows. */
#define U_FW_DIGIT0	"\xef\xbc\x90"		/* U+FF10 ０ (to U+FF19 ９) */
#define U_FW_POINT	"\xef\xbc\x8e"		/* U+FF0E ． */
#define U_FW_COMMA	"\xef\xbc\x8c"		/* U+FF0C ， */
#define U_FW_MINUS	"\xef\xbc\x8d"		/* U+FF0D － */
#define U_FW_PLUS	"\xef\xbc\x8b"		/* U+FF0B ＋ */
#define U_YEN		"\xc2\xa5"		/* U+00A5 ¥ */
#define U_FW_YEN	"\xef\xbf\xa5"		/* U+FFE5 ￥ */
#define U_RENMINBI	"\xe4\xba\xba\xe6\xb0\x91\xe5\xb8\x81"	/* 人民币 */
#define U_WAN		"\xe4\xb8\x87"		/* U+4E07 万 */
#define U_YI		"\xe4\xba\xbf"		/* U+4EBF 亿 */
#define U_YUAN		"\xe5\x85\x83"		/* U+5143 元 */
#define U_ZHENG		"\xe6\x95\xb4"		/* U+6574 整 */

/* Character classes of the number itself. */
enum cclass {
	C_OTHER,
	C_DIGIT,
	C_POINT,
	C_GROUP
};

struct scan {
	const unsigned char	*p;
	const unsigned char	*end;
};

static int	 classify(const struct scan *, size_t *, int *);
static size_t	 lit(const struct scan *, const char *);
static size_t	 litcase(const struct scan *, const char *);
static int	 take_sign(struct scan *, int *);
static int	 take_currency(struct scan *);
static void	 skip_space(struct scan *);
static u128	 gcd(u128, u128);
static u128	 mag(xf_i128);
static xf_i128	 mk(int, u128);
static int	 umul(u128, u128, u128 *);
static int	 addsub(struct xf_amount *, const struct xf_amount *,
		    const struct xf_amount *, int);
static int	 mulfrac(struct xf_amount *, const struct xf_amount *, int,
		    u128, u128);
static u128	 tenpow(int);
static int	 ucmp(u128, u128, u128, u128);

/* Length of the literal lit if the input starts with it, else 0. */
static size_t
lit(const struct scan *sc, const char *s)
{
	size_t n = strlen(s);

	if ((size_t)(sc->end - sc->p) >= n && memcmp(sc->p, s, n) == 0)
		return n;
	return 0;
}

/* As lit(), ignoring the case of ASCII letters (s is upper case). */
static size_t
litcase(const struct scan *sc, const char *s)
{
	size_t i, n = strlen(s);
	int c;

	if ((size_t)(sc->end - sc->p) < n)
		return 0;
	for (i = 0; i < n; i++) {
		c = sc->p[i];
		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (c != (unsigned char)s[i])
			return 0;
	}
	return n;
}

/*
 * Class of the character at the cursor, its length in bytes in *n and,
 * for a digit, its value in *v.  C_OTHER at the end of input, *n = 0.
 */
static int
classify(const struct scan *sc, size_t *n, int *v)
{
	const unsigned char *p = sc->p;
	size_t left = (size_t)(sc->end - p);

	*n = 0;
	if (left == 0)
		return C_OTHER;
	if (*p >= '0' && *p <= '9') {
		*n = 1;
		*v = *p - '0';
		return C_DIGIT;
	}
	if (*p == '.' || *p == ',') {
		*n = 1;
		return *p == '.' ? C_POINT : C_GROUP;
	}
	/* Full-width digits are U+FF10..U+FF19: EF BC 90..99. */
	if (left >= 3 && p[0] == 0xef && p[1] == 0xbc) {
		if (p[2] >= 0x90 && p[2] <= 0x99) {
			*n = 3;
			*v = p[2] - 0x90;
			return C_DIGIT;
		}
		if (lit(sc, U_FW_POINT)) {
			*n = 3;
			return C_POINT;
		}
		if (lit(sc, U_FW_COMMA)) {
			*n = 3;
			return C_GROUP;
		}
	}
	return C_OTHER;
}

static void
skip_space(struct scan *sc)
{
	while (sc->p < sc->end && (*sc->p == ' ' || *sc->p == '\t'))
		sc->p++;
}

/* Consume a sign if there is one: 1 (and *neg set), else 0. */
static int
take_sign(struct scan *sc, int *neg)
{
	size_t n;

	if (sc->p < sc->end && (*sc->p == '-' || *sc->p == '+')) {
		*neg = *sc->p == '-';
		sc->p++;
		return 1;
	}
	if ((n = lit(sc, U_FW_MINUS)) != 0 || (n = lit(sc, U_FW_PLUS)) != 0) {
		*neg = lit(sc, U_FW_MINUS) != 0;
		sc->p += n;
		return 1;
	}
	return 0;
}

/* Consume a currency mark if there is one: 1, else 0. */
static int
take_currency(struct scan *sc)
{
	size_t n;

	if ((n = lit(sc, U_YEN)) != 0 || (n = lit(sc, U_FW_YEN)) != 0 ||
	    (n = lit(sc, U_RENMINBI)) != 0 || (n = litcase(sc, "RMB")) != 0 ||
	    (n = litcase(sc, "CNY")) != 0) {
		sc->p += n;
		return 1;
	}
	return 0;
}

/*
 * The parser reads: spaces, sign, currency, sign, integer digits with
 * optional groups of three, fraction, spaces, unit, spaces.  It checks
 * the whole syntax before it reports "too large", so that garbage is
 * called garbage whatever its length.
 */
int
xf_money_parse(const char *s, size_t len, int64_t *fen, const char **why)
{
	struct scan sc;
	uint64_t ip, frac, mult, step, v64;
	size_t n, intdigits, grp, nsep, fdigits, maxdec;
	int c, v, neg, signed1, big, firstzero, unit;
	const char *reason, *decwhy;

	sc.p = (const unsigned char *)s;
	sc.end = sc.p + len;
	neg = big = firstzero = 0;
	ip = frac = 0;
	intdigits = grp = nsep = fdigits = 0;
	v = 0;

	skip_space(&sc);
	if (sc.p == sc.end) {
		reason = "empty";
		goto fail;
	}
	signed1 = take_sign(&sc, &neg);
	if (take_currency(&sc))
		skip_space(&sc);
	if (take_sign(&sc, &neg) && signed1) {
		reason = "repeated sign";
		goto fail;
	}

	/* Integer part, with optional thousands separators. */
	for (;;) {
		c = classify(&sc, &n, &v);
		if (c == C_DIGIT) {
			if (intdigits == 0)
				firstzero = v == 0;
			/* Beyond 10^17 yuan the amount is too large anyway. */
			if (ip >= UINT64_C(100000000000000000))
				big = 1;
			else
				ip = ip * 10 + (uint64_t)v;
			intdigits++;
			grp++;
		} else if (c == C_GROUP) {
			if (intdigits == 0) {
				reason = "not a number";
				goto fail;
			}
			/* The first group has 1 to 3 digits, the others 3. */
			if (grp == 0 || grp > 3 || (nsep > 0 && grp != 3)) {
				reason = "misplaced thousands separator";
				goto fail;
			}
			nsep++;
			grp = 0;
		} else
			break;
		sc.p += n;
	}
	if (nsep > 0 && grp != 3) {
		/*
		 * "1,234,50" and "1,5" read as a European decimal comma;
		 * "1,23.5" and "1,2345" are just wrong.
		 */
		if (c == C_POINT || grp == 0 || grp > 3)
			reason = "misplaced thousands separator";
		else
			reason = "ambiguous decimal separator";
		goto fail;
	}
	if (intdigits == 0) {
		reason = c == C_POINT ? "no digits before decimal point" :
		    "not a number";
		goto fail;
	}

	/* Fraction. */
	if (c == C_POINT) {
		sc.p += n;
		while ((c = classify(&sc, &n, &v)) == C_DIGIT) {
			if (fdigits < 10)
				frac = frac * 10 + (uint64_t)v;
			fdigits++;
			sc.p += n;
		}
		if (fdigits == 0) {
			reason = "no digits after decimal point";
			goto fail;
		}
		if (c == C_GROUP || c == C_POINT) {
			/* "1.234,50", "1.234.567" */
			reason = "ambiguous decimal separator";
			goto fail;
		}
	}

	/* Unit. */
	skip_space(&sc);
	mult = 100;
	maxdec = 2;
	decwhy = "more than two decimal places";
	unit = 0;
	if ((n = lit(&sc, U_WAN)) != 0) {
		mult = UINT64_C(1000000);
		maxdec = 6;
		decwhy = "more than six decimal places";
		unit = 1;
	} else if ((n = lit(&sc, U_YI)) != 0) {
		mult = UINT64_C(10000000000);
		maxdec = 10;
		decwhy = "more than ten decimal places";
		unit = 1;
	}
	sc.p += n;
	if ((n = lit(&sc, U_YUAN)) != 0) {
		sc.p += n;
		unit = 1;
		sc.p += lit(&sc, U_ZHENG);
	}
	if (unit && classify(&sc, &n, &v) == C_DIGIT) {
		reason = "digits after unit";
		goto fail;
	}
	skip_space(&sc);
	if (sc.p != sc.end) {
		reason = "not a number";
		goto fail;
	}

	if (fdigits > maxdec) {
		/*
		 * "12.345" may mean 12345 written with a point between the
		 * thousands; "1234.567" and "0.345" cannot.
		 */
		if (mult == 100 && fdigits == 3 && nsep == 0 &&
		    intdigits <= 3 && !firstzero)
			reason = "ambiguous decimal separator";
		else
			reason = decwhy;
		goto fail;
	}
	if (big || ip > (uint64_t)XF_MONEY_MAX / mult) {
		reason = "too large";
		goto fail;
	}
	/* frac has fdigits <= maxdec places and mult = 10^maxdec. */
	for (n = fdigits, step = mult; n > 0; n--)
		step /= 10;
	v64 = ip * mult + frac * step;
	if (v64 > (uint64_t)XF_MONEY_MAX) {
		reason = "too large";
		goto fail;
	}
	*fen = neg ? -(int64_t)v64 : (int64_t)v64;
	return 0;

fail:
	if (why != NULL)
		*why = reason;
	return -1;
}

char *
xf_money_format(int64_t fen, char *buf, size_t size)
{
	char tmp[XF_MONEY_BUFSZ];
	uint64_t m;
	size_t i, n;

	/* Work on the magnitude as unsigned: -INT64_MIN does not exist. */
	m = fen < 0 ? (uint64_t)-(fen + 1) + 1 : (uint64_t)fen;
	i = sizeof(tmp);
	tmp[--i] = '\0';
	tmp[--i] = (char)('0' + m % 10);
	m /= 10;
	tmp[--i] = (char)('0' + m % 10);
	m /= 10;
	tmp[--i] = '.';
	do {
		tmp[--i] = (char)('0' + m % 10);
		m /= 10;
	} while (m != 0);
	if (fen < 0)
		tmp[--i] = '-';

	n = sizeof(tmp) - i;
	if (n > size) {
		if (size > 0)
			buf[0] = '\0';
		return NULL;
	}
	memcpy(buf, tmp + i, n);
	return buf;
}

int
xf_dec_parse(const char *s, size_t len, struct xf_dec *d, const char **why)
{
	struct scan sc;
	uint64_t num;
	size_t idigits, fdigits;
	int neg, big;
	const char *reason;

	sc.p = (const unsigned char *)s;
	sc.end = sc.p + len;
	num = 0;
	idigits = fdigits = 0;
	neg = big = 0;

	skip_space(&sc);
	if (sc.p == sc.end) {
		reason = "empty";
		goto fail;
	}
	if (*sc.p == '-' || *sc.p == '+')
		neg = *sc.p++ == '-';
	for (; sc.p < sc.end && *sc.p >= '0' && *sc.p <= '9'; sc.p++) {
		if (num > ((uint64_t)INT64_MAX - (uint64_t)(*sc.p - '0')) / 10)
			big = 1;
		else
			num = num * 10 + (uint64_t)(*sc.p - '0');
		idigits++;
	}
	if (sc.p < sc.end && *sc.p == '.') {
		if (idigits == 0) {
			reason = "no digits before decimal point";
			goto fail;
		}
		for (sc.p++; sc.p < sc.end && *sc.p >= '0' && *sc.p <= '9';
		    sc.p++) {
			if (num > ((uint64_t)INT64_MAX -
			    (uint64_t)(*sc.p - '0')) / 10)
				big = 1;
			else
				num = num * 10 + (uint64_t)(*sc.p - '0');
			fdigits++;
		}
		if (fdigits == 0) {
			reason = "no digits after decimal point";
			goto fail;
		}
	}
	skip_space(&sc);
	if (idigits == 0 || sc.p != sc.end) {
		reason = "not a number";
		goto fail;
	}
	if (fdigits > XF_DEC_MAXSCALE) {
		reason = "more than nine decimal places";
		goto fail;
	}
	if (big) {
		reason = "too large";
		goto fail;
	}
	d->num = neg ? -(int64_t)num : (int64_t)num;
	d->scale = (int)fdigits;
	return 0;

fail:
	if (why != NULL)
		*why = reason;
	return -1;
}

/*
 * Exact amounts.  All arithmetic is done on unsigned magnitudes with
 * explicit checks against LIMIT: signed 128-bit overflow would be
 * undefined, and clang lowers a checked signed 128-bit multiplication
 * to __muloti4, which libgcc does not provide.
 */

static u128
gcd(u128 a, u128 b)
{
	u128 t;

	while (b != 0) {
		t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static u128
mag(xf_i128 x)
{
	/* -(x + 1) cannot overflow, even for the most negative x. */
	return x < 0 ? (u128)-(x + 1) + 1 : (u128)x;
}

/* The signed value of a magnitude m <= LIMIT. */
static xf_i128
mk(int neg, u128 m)
{
	return neg ? -(xf_i128)m : (xf_i128)m;
}

/* *r = a * b if that is at most LIMIT: 0, else -1. */
static int
umul(u128 a, u128 b, u128 *r)
{
	if (a != 0 && b > LIMIT / a)
		return -1;
	*r = a * b;
	return 0;
}

void
xf_amount_from_fen(struct xf_amount *r, int64_t fen)
{
	r->num = fen;
	r->den = 1;
}

/*
 * *r = a + b, or a - b if negate.  With g = gcd(q, t), p/q + s/t has
 * numerator m = p(t/g) + s(q/g), and gcd(m, qt/g) = gcd(m, g) (Knuth,
 * TAOCP 4.5.1), so only the small gcd is needed to reduce.
 */
static int
addsub(struct xf_amount *r, const struct xf_amount *a,
    const struct xf_amount *b, int negate)
{
	u128 q, t, g, x, y, m, g2, den;
	int nx, ny, nm;

	q = (u128)a->den;
	t = (u128)b->den;
	g = gcd(q, t);
	if (umul(mag(a->num), t / g, &x) == -1 ||
	    umul(mag(b->num), q / g, &y) == -1)
		return -1;
	nx = a->num < 0;
	ny = (b->num < 0) != (negate != 0);
	if (nx == ny) {
		if (y > LIMIT - x)
			return -1;
		m = x + y;
		nm = nx;
	} else if (x >= y) {
		m = x - y;
		nm = nx;
	} else {
		m = y - x;
		nm = ny;
	}
	if (m == 0) {
		r->num = 0;
		r->den = 1;
		return 0;
	}
	g2 = gcd(m, g);
	if (umul(q / g, t / g2, &den) == -1)
		return -1;
	r->num = mk(nm, m / g2);
	r->den = (xf_i128)den;
	return 0;
}

int
xf_amount_add(struct xf_amount *r, const struct xf_amount *a,
    const struct xf_amount *b)
{
	return addsub(r, a, b, 0);
}

int
xf_amount_sub(struct xf_amount *r, const struct xf_amount *a,
    const struct xf_amount *b)
{
	return addsub(r, a, b, 1);
}

/*
 * *r = a * (neg ? -n : n) / d, d >= 1.  Cross-reducing before the
 * products keeps them as small as the reduced result.
 */
static int
mulfrac(struct xf_amount *r, const struct xf_amount *a, int neg, u128 n,
    u128 d)
{
	u128 an, ad, g, num, den;

	g = gcd(n, d);
	n /= g;
	d /= g;
	an = mag(a->num);
	ad = (u128)a->den;
	g = gcd(an, d);
	an /= g;
	d /= g;
	g = gcd(n, ad);
	n /= g;
	ad /= g;
	if (umul(an, n, &num) == -1 || umul(ad, d, &den) == -1)
		return -1;
	if (num == 0) {
		r->num = 0;
		r->den = 1;
		return 0;
	}
	r->num = mk((a->num < 0) != (neg != 0), num);
	r->den = (xf_i128)den;
	return 0;
}

/* 10^scale, or 0 if scale is out of range. */
static u128
tenpow(int scale)
{
	u128 p = 1;
	int i;

	if (scale < 0 || scale > XF_DEC_MAXSCALE)
		return 0;
	for (i = 0; i < scale; i++)
		p *= 10;
	return p;
}

int
xf_amount_mul_int(struct xf_amount *r, const struct xf_amount *a, int64_t k)
{
	return mulfrac(r, a, k < 0, mag(k), 1);
}

int
xf_amount_div_int(struct xf_amount *r, const struct xf_amount *a, int64_t k)
{
	if (k == 0)
		return -1;
	return mulfrac(r, a, k < 0, 1, mag(k));
}

int
xf_amount_mul_dec(struct xf_amount *r, const struct xf_amount *a,
    const struct xf_dec *f)
{
	u128 p;

	if ((p = tenpow(f->scale)) == 0)
		return -1;
	return mulfrac(r, a, f->num < 0, mag(f->num), p);
}

int
xf_amount_div_dec(struct xf_amount *r, const struct xf_amount *a,
    const struct xf_dec *f)
{
	u128 p;

	if ((p = tenpow(f->scale)) == 0 || f->num == 0)
		return -1;
	return mulfrac(r, a, f->num < 0, p, mag(f->num));
}

/*
 * Compare n1/d1 with n2/d2 (non-negative, d >= 1) without multiplying:
 * compare the integer parts, and if they agree, the fractional parts
 * r1/d1 and r2/d2, which compare like d2/r2 and d1/r1.  The numbers
 * shrink as in Euclid's algorithm, so the loop ends.
 */
static int
ucmp(u128 n1, u128 d1, u128 n2, u128 d2)
{
	u128 q1, q2, r1, r2;

	for (;;) {
		q1 = n1 / d1;
		q2 = n2 / d2;
		if (q1 != q2)
			return q1 < q2 ? -1 : 1;
		r1 = n1 % d1;
		r2 = n2 % d2;
		if (r1 == 0 || r2 == 0) {
			if (r1 == r2)
				return 0;
			return r1 == 0 ? -1 : 1;
		}
		/* r1/d1 against r2/d2 is d2/r2 against d1/r1. */
		n1 = d2;
		n2 = d1;
		d1 = r2;
		d2 = r1;
	}
}

int
xf_amount_cmp(const struct xf_amount *a, const struct xf_amount *b)
{
	int sa, sb, m;

	sa = (a->num > 0) - (a->num < 0);
	sb = (b->num > 0) - (b->num < 0);
	if (sa != sb)
		return sa < sb ? -1 : 1;
	if (sa == 0)
		return 0;
	m = ucmp(mag(a->num), (u128)a->den, mag(b->num), (u128)b->den);
	return sa > 0 ? m : -m;
}

int
xf_amount_round(const struct xf_amount *a, int64_t *fen)
{
	u128 m, d, q, rem;

	m = mag(a->num);
	d = (u128)a->den;
	q = m / d;
	rem = m % d;
	/* rem >= d / 2 exactly, without computing 2 * rem. */
	if (rem >= d - rem)
		q++;
	if (q > (u128)XF_MONEY_MAX)
		return -1;
	*fen = a->num < 0 ? -(int64_t)q : (int64_t)q;
	return 0;
}
