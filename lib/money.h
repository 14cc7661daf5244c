/* SPDX-License-Identifier: ISC */

/*
 * Money in integer fen (1 yuan = 100 fen) and exact arithmetic on it,
 * following DOMAIN.md section 0.1: no binary floating point, exact
 * intermediate results, one half-up rounding to the fen on each reported
 * amount.
 *
 * Three parts:
 *   - xf_money_parse() and xf_money_format(): amounts as people and
 *     spreadsheets write them, and as the tools print them ("46500.00");
 *   - struct xf_dec: a decimal factor such as "1.5", "0.6" or "21.75",
 *     read exactly from a parameter table or an option;
 *   - struct xf_amount: an exact rational number of fen for the chains of
 *     the compensation and aid tools (12-month average wage, N months x
 *     wage, per-capita income), rounded once at the end with
 *     xf_amount_round(), or compared exactly with xf_amount_cmp().
 *
 * The module is pure: it never prints, never exits, never allocates and
 * keeps no global state.  Functions that can fail return -1; where a
 * reason helps the user, it is a static English string (lower case, no
 * full stop, no value in it: the caller quotes the value).
 *
 * xf_amount uses GCC's __int128 (gcc and clang are the only compilers the
 * project targets, STYLE.md section 8).
 */

#ifndef XF_MONEY_H
#define XF_MONEY_H

#include <stddef.h>
#include <stdint.h>

/*
 * The largest magnitude, in fen, that xf_money_parse() accepts and
 * xf_amount_round() returns: 9e15 fen = 90 000 000 000 000.00 yuan.  It
 * is below 2^53, so spreadsheets and JSON readers keep such amounts
 * exact, and a thousand of them still add up inside int64_t.
 */
#define XF_MONEY_MAX		INT64_C(9000000000000000)

/*
 * Buffer size for xf_money_format() that fits every int64_t, terminating
 * NUL included: "-92233720368547758.08" is 21 bytes.
 */
#define XF_MONEY_BUFSZ		22

/* Most decimal places in a struct xf_dec. */
#define XF_DEC_MAXSCALE		9

/*
 * Parse the len bytes at s (UTF-8, need not be NUL-terminated) as an
 * amount of money and store it in *fen.
 *
 * Accepted, in this order, each part optional except the digits:
 *   - ASCII spaces and tabs;
 *   - a sign: '-', '+', or full-width '－' (U+FF0D), '＋' (U+FF0B);
 *   - a currency mark, possibly followed by spaces: '¥' (U+00A5),
 *     '￥' (U+FFE5), "RMB" or "CNY" (any case), "人民币";
 *   - a sign, if there was none before the currency mark ("¥-5");
 *   - digits, ASCII or full-width, with ',' or '，' as thousands
 *     separators in correct groups of three ("1,234,567");
 *   - '.' or '．' and at least one digit: at most 2 decimal places for
 *     yuan, 6 before 万 and 10 before 亿 (so the result is always a whole
 *     number of fen);
 *   - spaces, then a unit: 万 (10^4 yuan), 亿 (10^8 yuan), or 元, or 万元
 *     or 亿元; 元 may be followed by 整 ("5000元整");
 *   - ASCII spaces and tabs.
 * Digits before a unit must stand alone: "3万5" and "3元5角" are refused.
 * The same byte string always gives the same result; no locale is read.
 *
 * Returns 0 and sets *fen, or returns -1, leaves *fen alone and, if why
 * is not NULL, points *why at one of these static reasons:
 *   "empty"                         nothing but spaces
 *   "not a number"                  no digits, or a character out of place
 *                                   (hex, exponent, trailing garbage)
 *   "repeated sign"                 "--5", "-¥-5"
 *   "no digits before decimal point"  ".5"
 *   "no digits after decimal point"   "5."
 *   "ambiguous decimal separator"   "1.234,50", "1,234,50", "1,5",
 *                                   "12.345" (three decimals with no unit
 *                                   and no thousands separator could be a
 *                                   thousands separator)
 *   "misplaced thousands separator" "1,23.5", "1234,567", "1,,234"
 *   "more than two decimal places"  "1234.567", "1,234.567"
 *   "more than six decimal places"  before 万
 *   "more than ten decimal places"  before 亿
 *   "digits after unit"             "3万5"
 *   "too large"                     beyond XF_MONEY_MAX in magnitude
 * Never allocates.
 */
int	 xf_money_parse(const char *s, size_t len, int64_t *fen,
	    const char **why);

/*
 * Write fen as plain decimal yuan with two places and no separators
 * ("46500.00", "-0.50", "0.00") into buf, which holds size bytes;
 * XF_MONEY_BUFSZ is always enough.  Every int64_t, INT64_MIN included,
 * is formatted exactly.
 *
 * Returns buf, or NULL if size is too small, in which case buf holds ""
 * when size is at least 1.
 */
char	*xf_money_format(int64_t fen, char *buf, size_t size);

/*
 * An exact decimal factor: num / 10^scale, scale 0..XF_DEC_MAXSCALE.
 * "1.50" gives num 150, scale 2 (trailing zeros are kept; the value is
 * what matters).
 */
struct xf_dec {
	int64_t	num;
	int	scale;
};

/*
 * Parse the len bytes at s (need not be NUL-terminated) as a decimal
 * factor: optional ASCII spaces and tabs, an optional '-' or '+', ASCII
 * digits, optionally '.' and 1 to 9 digits, optional spaces and tabs.
 * No thousands separators, exponents or units.
 *
 * Returns 0 and fills *d, or returns -1, leaves *d alone and, if why is
 * not NULL, points *why at a static reason: "empty", "not a number",
 * "no digits before decimal point", "no digits after decimal point",
 * "more than nine decimal places", or "too large" (the magnitude of num
 * would be over INT64_MAX; INT64_MIN itself is refused too).  Never
 * allocates.
 */
int	 xf_dec_parse(const char *s, size_t len, struct xf_dec *d,
	    const char **why);

/*
 * A signed 128-bit integer, declared through __extension__ so that
 * -Wpedantic accepts it.
 */
__extension__ typedef __int128 xf_i128;

/*
 * An exact amount of money: num / den fen.
 *
 * Invariants, kept by every function below: den >= 1, num and den have
 * no common factor, and both are at most 2^127 - 1 in magnitude.  Build
 * amounts only with xf_amount_from_fen() and the operations below; read
 * them with xf_amount_round() and xf_amount_cmp().  An amount is a plain
 * value: copy it freely, nothing to free.
 *
 * Operations that can fail return 0 on success, and -1 on overflow (the
 * reduced result, or in xf_amount_add() and xf_amount_sub() one of the
 * cross products, has a numerator or denominator beyond 2^127 - 1) or
 * on division by zero; then they leave *r unchanged.  r may be the same
 * object as an operand.
 * Fractions are reduced after every step, so a long chain of ordinary
 * operations (sums of wages, divisions by 12 or 21.75, factors with a
 * few decimals) stays far from the limit.
 */
struct xf_amount {
	xf_i128	num;
	xf_i128	den;
};

/* Set *r to exactly fen fen.  Cannot fail. */
void	 xf_amount_from_fen(struct xf_amount *r, int64_t fen);

/* *r = a + b, exactly.  0, or -1 on overflow. */
int	 xf_amount_add(struct xf_amount *r, const struct xf_amount *a,
	    const struct xf_amount *b);

/* *r = a - b, exactly.  0, or -1 on overflow. */
int	 xf_amount_sub(struct xf_amount *r, const struct xf_amount *a,
	    const struct xf_amount *b);

/* *r = a * k, exactly.  0, or -1 on overflow. */
int	 xf_amount_mul_int(struct xf_amount *r, const struct xf_amount *a,
	    int64_t k);

/*
 * *r = a / k, exactly (no rounding: 100000.00 / 12 is 25000000/3 fen).
 * 0, or -1 if k is 0 or on overflow.
 */
int	 xf_amount_div_int(struct xf_amount *r, const struct xf_amount *a,
	    int64_t k);

/*
 * *r = a * f, exactly.  f must come from xf_dec_parse() or have
 * scale 0..XF_DEC_MAXSCALE.  0, or -1 on overflow or a bad scale.
 */
int	 xf_amount_mul_dec(struct xf_amount *r, const struct xf_amount *a,
	    const struct xf_dec *f);

/*
 * *r = a / f, exactly (a monthly wage / 21.75 days).  0, or -1 if f is
 * zero, on overflow or a bad scale.
 */
int	 xf_amount_div_dec(struct xf_amount *r, const struct xf_amount *a,
	    const struct xf_dec *f);

/*
 * Compare a and b exactly: -1 if a < b, 0 if a == b, 1 if a > b.
 * Never overflows, never fails.  Use it for "per-capita income below the
 * standard" tests, where equality matters (DOMAIN.md section 0.2).
 */
int	 xf_amount_cmp(const struct xf_amount *a, const struct xf_amount *b);

/*
 * Round a to the nearest fen, halves away from zero (half up in
 * magnitude: 0.5 fen gives 1 fen, -0.5 fen gives -1 fen, so a refund
 * rounds like the payment it reverses), and store it in *fen.  This is
 * the single rounding of DOMAIN.md section 0.1.
 * Returns 0, or -1 (leaving *fen alone) if the rounded value is beyond
 * XF_MONEY_MAX in magnitude.
 */
int	 xf_amount_round(const struct xf_amount *a, int64_t *fen);

#endif /* XF_MONEY_H */
