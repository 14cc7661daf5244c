/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for the money module (lib/money.h).  The whole input
 * is parsed as an amount and as a decimal factor.  An accepted amount
 * must be in range and print and parse back to itself; plain inputs
 * ("-1234.5", " 7 ") are also worked out here and compared.  Then the
 * input bytes drive a chain of exact amount operations whose operands
 * include the extremes of int64_t and of struct xf_dec: every result must
 * keep the documented invariants (den >= 1, reduced), a failed operation
 * must leave its result alone, each operation must be undone by its
 * inverse, and rounding must be to the nearest fen, halves away from
 * zero.  UBSan watches for overflow on the way.  Any broken promise
 * aborts.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"

#define MAXOPS	64

__extension__ typedef unsigned __int128 u128;

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	 fail(const char *, int);
static int	 ref_parse(const uint8_t *, size_t, int, uint64_t *, int *,
		    int *);
static void	 check_money(const uint8_t *, size_t);
static void	 check_dec(const uint8_t *, size_t, struct xf_dec *, int *);
static u128	 mag(xf_i128);
static void	 check_amount(const struct xf_amount *, int);
static int	 amount_eq(const struct xf_amount *,
		    const struct xf_amount *);
static void	 check_round(const struct xf_amount *, int);
static void	 chain(const uint8_t *, size_t, int64_t,
		    const struct xf_dec *);

static void
fail(const char *what, int step)
{
	fprintf(stderr, "fuzz_money: step %d: %s\n", step, what);
	abort();
}

/*
 * The plain form, worked out independently: blanks, an optional ASCII
 * sign, ASCII digits, optionally '.' and digits, blanks.  Returns 0 if s
 * has that form, setting the digits as one integer (saturated at
 * UINT64_MAX), the number of decimals and the sign; -1 otherwise.  With
 * needfrac, '.' must be followed by a digit and preceded by one.
 */
static int
ref_parse(const uint8_t *s, size_t n, int needfrac, uint64_t *val,
    int *decimals, int *neg)
{
	size_t i = 0, nd = 0, nf = 0;
	uint64_t v = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	*neg = 0;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		*neg = s[i++] == '-';
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, nd++)
		v = v > (UINT64_MAX - 9) / 10 ? UINT64_MAX :
		    v * 10 + (s[i] - '0');
	if (i < n && s[i] == '.') {
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, nf++)
			v = v > (UINT64_MAX - 9) / 10 ? UINT64_MAX :
			    v * 10 + (s[i] - '0');
		if (needfrac && nf == 0)
			return -1;
	}
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i != n || nd == 0)
		return -1;
	*val = v;
	*decimals = (int)nf;
	return 0;
}

/* Parse, print, parse again; compare plain amounts with ref_parse. */
static void
check_money(const uint8_t *data, size_t size)
{
	char buf[XF_MONEY_BUFSZ], *small;
	const char *why = NULL;
	int64_t fen = 12345, back, want;
	uint64_t v;
	size_t len, k;
	int rc, dec, neg;

	rc = xf_money_parse((const char *)data, size, &fen, &why);
	if (rc != 0 && rc != -1)
		fail("money_parse returned neither 0 nor -1", 0);
	if (rc == -1 && (why == NULL || why[0] == '\0' || fen != 12345))
		fail("money_parse failed without a reason or touched fen", 0);
	if (rc == 0 && (fen > XF_MONEY_MAX || fen < -XF_MONEY_MAX))
		fail("money_parse accepted a value out of range", 0);

	if (ref_parse(data, size, 1, &v, &dec, &neg) == 0) {
		if (dec > 2 && rc == 0)
			fail("money_parse accepted 3 or more decimals", 0);
		if (dec <= 2) {
			/* v * 100 / 10^dec fen, if it fits. */
			u128 f = (u128)v * (dec == 0 ? 100 : dec == 1 ? 10 : 1);

			if (f > (u128)XF_MONEY_MAX) {
				if (rc == 0)
					fail("money_parse accepted a value "
					    "beyond the maximum", 0);
			} else {
				want = neg ? -(int64_t)f : (int64_t)f;
				if (rc != 0)
					fail("money_parse refused a plain "
					    "amount", 0);
				if (fen != want)
					fail("money_parse misread a plain "
					    "amount", 0);
			}
		}
	}

	/* Every int64_t prints; the buffer size must be enough exactly. */
	for (k = 0; k < 3; k++) {
		int64_t x = k == 0 ? fen : k == 1 ? INT64_MIN : -fen - 1;

		if (xf_money_format(x, buf, sizeof(buf)) != buf)
			fail("money_format failed with a full buffer", 0);
		len = strlen(buf);
		if ((small = malloc(len)) == NULL)
			abort();
		if (xf_money_format(x, small, len) != NULL ||
		    (len > 0 && small[0] != '\0'))
			fail("money_format wrote into too small a buffer", 0);
		free(small);
		if ((small = malloc(len + 1)) == NULL)
			abort();
		if (xf_money_format(x, small, len + 1) != small ||
		    strcmp(small, buf) != 0)
			fail("money_format needs more than strlen + 1", 0);
		free(small);
		if (xf_money_format(x, NULL, 0) != NULL)
			fail("money_format with size 0", 0);
	}
	if (rc != 0)
		return;
	xf_money_format(fen, buf, sizeof(buf));
	back = fen + 1;
	if (xf_money_parse(buf, strlen(buf), &back, NULL) != 0 || back != fen)
		fail("money_format output does not parse back", 0);
}

/* Parse as a decimal factor and compare plain ones with ref_parse. */
static void
check_dec(const uint8_t *data, size_t size, struct xf_dec *d, int *ok)
{
	struct xf_dec sentinel = { 77, 3 };
	const char *why = NULL;
	uint64_t v;
	int rc, dec, neg, fits;

	*d = sentinel;
	rc = xf_dec_parse((const char *)data, size, d, &why);
	if (rc != 0 && rc != -1)
		fail("dec_parse returned neither 0 nor -1", 0);
	if (rc == -1 && (why == NULL || why[0] == '\0' ||
	    d->num != sentinel.num || d->scale != sentinel.scale))
		fail("dec_parse failed without a reason or touched d", 0);
	if (rc == 0 && (d->scale < 0 || d->scale > XF_DEC_MAXSCALE))
		fail("dec_parse gave a bad scale", 0);
	*ok = rc == 0;

	if (ref_parse(data, size, 1, &v, &dec, &neg) != 0)
		return;
	/* xf_dec_parse takes magnitudes up to INT64_MAX (money.h). */
	fits = v <= (uint64_t)INT64_MAX;
	if (dec > XF_DEC_MAXSCALE || !fits) {
		if (rc == 0)
			fail("dec_parse accepted too many decimals or digits",
			    0);
		return;
	}
	if (rc != 0)
		fail("dec_parse refused a plain decimal", 0);
	if (d->scale != dec || d->num != (neg ? (int64_t)(0 - v) :
	    (int64_t)v))
		fail("dec_parse misread a plain decimal", 0);
}

static u128
mag(xf_i128 x)
{
	return x < 0 ? (u128)-x : (u128)x;
}

/* den >= 1 and num/den in lowest terms. */
static void
check_amount(const struct xf_amount *a, int step)
{
	u128 x, y, t;

	if (a->den < 1)
		fail("amount with den < 1", step);
	x = mag(a->num);
	y = (u128)a->den;
	while (y != 0) {
		t = x % y;
		x = y;
		y = t;
	}
	if (x != 1)
		fail("amount not reduced", step);
}

static int
amount_eq(const struct xf_amount *a, const struct xf_amount *b)
{
	return a->num == b->num && a->den == b->den;
}

/* Nearest fen, halves away from zero; -1 exactly when out of range. */
static void
check_round(const struct xf_amount *a, int step)
{
	struct xf_amount f, diff, half, lim, one;
	int64_t fen = 99;
	int rc, c;

	xf_amount_from_fen(&one, 1);
	xf_amount_div_int(&half, &one, 2);
	xf_amount_from_fen(&lim, XF_MONEY_MAX);
	xf_amount_add(&lim, &lim, &half);
	rc = xf_amount_round(a, &fen);
	if (a->num >= 0)
		c = xf_amount_cmp(a, &lim) >= 0;
	else {
		xf_amount_mul_int(&lim, &lim, -1);
		c = xf_amount_cmp(a, &lim) <= 0;
	}
	if ((rc == -1) != c)
		fail("amount_round: wrong failure", step);
	if (rc == -1) {
		if (fen != 99)
			fail("amount_round touched fen on failure", step);
		return;
	}
	if (fen > XF_MONEY_MAX || fen < -XF_MONEY_MAX)
		fail("amount_round out of range", step);
	xf_amount_from_fen(&f, fen);
	if (xf_amount_sub(&diff, a, &f) != 0)
		return;		/* a denominator too big to check so */
	/*
	 * a = fen + diff with |diff| <= 1/2; diff = 1/2 means fen went
	 * down, which is away from zero only for a negative a.
	 */
	c = xf_amount_cmp(&diff, &half);
	if (c > 0 || (c == 0 && a->num > 0))
		fail("amount_round rounded too far down", step);
	xf_amount_mul_int(&half, &half, -1);
	c = xf_amount_cmp(&diff, &half);
	if (c < 0 || (c == 0 && a->num < 0))
		fail("amount_round rounded too far up", step);
}

/*
 * Each input byte is one operation: the low 3 bits say which, the high 5
 * pick an operand.
 */
static void
chain(const uint8_t *data, size_t size, int64_t fen,
    const struct xf_dec *parsed)
{
	static const int64_t ks[24] = {
		0, 1, -1, 2, -2, 3, 7, 12, 100, -100, 21, 10000,
		INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1,
		XF_MONEY_MAX, -XF_MONEY_MAX, XF_MONEY_MAX + 1, INT64_C(1) << 62,
		INT64_C(4294967296), -INT64_C(4294967295), 999999999,
		1000000007
	};
	static const struct xf_dec decs[24] = {
		{ 0, 0 }, { 1, 0 }, { -1, 0 }, { 15, 1 }, { 6, 1 },
		{ 2175, 2 }, { 1, 9 }, { -1, 9 }, { INT64_MAX, 9 },
		{ INT64_MIN, 9 }, { INT64_MIN, 0 }, { INT64_MAX, 0 },
		{ 999999999, 9 }, { 1, 10 }, { 1, -1 }, { 3, 1 },
		{ 150, 2 }, { 7, 3 }, { -12345678901, 4 }, { 100, 2 },
		{ 0, 9 }, { INT64_MAX - 1, 1 }, { 333, 3 }, { 2, 0 }
	};
	struct xf_amount acc, old, b, r, t;
	struct xf_dec f;
	int64_t k;
	size_t i, n = size < MAXOPS ? size : MAXOPS;
	int op, sel, rc, step, c;

	xf_amount_from_fen(&acc, fen);
	check_amount(&acc, -1);
	for (i = 0; i < n; i++) {
		step = (int)i;
		op = data[i] & 7;
		sel = data[i] >> 3;
		k = sel < 24 ? ks[sel] : sel == 24 ? fen : sel == 25 ? -fen :
		    (int64_t)((uint64_t)data[(i + 1) % size] << (sel * 2 % 56));
		f = sel < 24 ? decs[sel] : sel == 24 && parsed != NULL ?
		    *parsed : decs[sel % 24];
		old = acc;
		r = acc;
		switch (op) {
		case 0:
		case 1:
			if (sel == 31)
				b = acc;
			else
				xf_amount_from_fen(&b, k);
			rc = op == 0 ? xf_amount_add(&r, &acc, &b) :
			    xf_amount_sub(&r, &acc, &b);
			if (rc == 0 && (op == 0 ? xf_amount_sub(&t, &r, &b) :
			    xf_amount_add(&t, &r, &b)) == 0 &&
			    !amount_eq(&t, &old))
				fail("add/sub not undone", step);
			/* Also in place: r is acc. */
			t = acc;
			if ((op == 0 ? xf_amount_add(&t, &t, &b) :
			    xf_amount_sub(&t, &t, &b)) != rc ||
			    (rc == 0 && !amount_eq(&t, &r)))
				fail("add/sub in place differs", step);
			break;
		case 2:
			rc = xf_amount_mul_int(&r, &acc, k);
			if (rc == 0 && k != 0 && (xf_amount_div_int(&t, &r,
			    k) != 0 || !amount_eq(&t, &old)))
				fail("mul_int not undone by div_int", step);
			break;
		case 3:
			rc = xf_amount_div_int(&r, &acc, k);
			if (k == 0 && rc != -1)
				fail("div_int by zero", step);
			if (rc == 0 && (xf_amount_mul_int(&t, &r, k) != 0 ||
			    !amount_eq(&t, &old)))
				fail("div_int not undone by mul_int", step);
			break;
		case 4:
			rc = xf_amount_mul_dec(&r, &acc, &f);
			if ((f.scale < 0 || f.scale > XF_DEC_MAXSCALE) &&
			    rc != -1)
				fail("mul_dec took a bad scale", step);
			if (rc == 0 && f.num != 0 &&
			    (xf_amount_div_dec(&t, &r, &f) != 0 ||
			    !amount_eq(&t, &old)))
				fail("mul_dec not undone by div_dec", step);
			break;
		case 5:
			rc = xf_amount_div_dec(&r, &acc, &f);
			if ((f.num == 0 || f.scale < 0 ||
			    f.scale > XF_DEC_MAXSCALE) && rc != -1)
				fail("div_dec by zero or a bad scale", step);
			if (rc == 0 && (xf_amount_mul_dec(&t, &r, &f) != 0 ||
			    !amount_eq(&t, &old)))
				fail("div_dec not undone by mul_dec", step);
			break;
		case 6:
			check_round(&acc, step);
			rc = -1;
			break;
		default:
			xf_amount_from_fen(&b, k);
			c = xf_amount_cmp(&acc, &b);
			if (c < -1 || c > 1 || xf_amount_cmp(&b, &acc) != -c ||
			    xf_amount_cmp(&acc, &acc) != 0)
				fail("amount_cmp inconsistent", step);
			if (xf_amount_sub(&t, &acc, &b) == 0 &&
			    (t.num > 0 ? 1 : t.num < 0 ? -1 : 0) != c)
				fail("amount_cmp disagrees with sub", step);
			rc = -1;
			break;
		}
		if (!amount_eq(&acc, &old))
			fail("operand changed", step);
		if (rc == -1 && op < 6 && !amount_eq(&r, &old))
			fail("result touched on failure", step);
		if (rc == 0) {
			check_amount(&r, step);
			acc = r;
		}
	}
	check_round(&acc, (int)n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xf_dec d;
	int64_t fen = 0;
	int decok;

	check_money(data, size);
	check_dec(data, size, &d, &decok);
	if (xf_money_parse((const char *)data, size, &fen, NULL) != 0)
		fen = 0;
	if (size > 0)
		chain(data, size, fen, decok ? &d : NULL);
	return 0;
}
