/* SPDX-License-Identifier: ISC */

/*
 * Shares and changes as the petition office prints them: percentages
 * with one decimal.
 *
 * Shares that add up.  Rounding each share on its own can make a column
 * of percentages add up to 99.9 or 100.1 (three equal groups: 33.3 +
 * 33.3 + 33.3).  xf_share_apportion() instead hands out a fixed number
 * of units (1000 tenths of a percent) by the largest remainder method
 * (Hamilton's method, with the Hare quota):
 *
 *   1. each part gets the whole units of its exact quota,
 *      floor(units * w[i] / W), where W is the sum of the weights;
 *   2. the units still left (fewer than the number of parts) go one each
 *      to the parts with the largest remainders, units * w[i] mod W;
 *   3. among equal remainders the part that comes first (the lower
 *      index) is served first, so the caller decides ties by the order
 *      it lists the parts in.
 *
 * Worked example: weights 1, 1, 1, units 1000.  Quotas 333 1/3 each;
 * whole units 333 + 333 + 333 = 999; one unit left; the remainders are
 * equal (1000 mod 3 = 1 each), so the first part gets it: 33.4, 33.3,
 * 33.3, which add up to 100.0.
 *
 * The result adds up to exactly units; no part gets less than the whole
 * units of its quota nor more than one above; a part with a larger
 * weight never gets fewer units than a part with a smaller one; a part
 * of weight 0 gets 0.
 *
 * Changes.  xf_share_change() gives (now - base) / base in tenths of a
 * percent, rounded once, half away from zero (12.25% gives 12.3%,
 * -12.25% gives -12.3%), as money is rounded (DOMAIN.md section 0.1).
 *
 * The module is pure: no printing, no exit, no global state; only
 * xf_share_apportion() allocates, and frees before it returns.
 */

#ifndef XF_SHARE_H
#define XF_SHARE_H

#include <stddef.h>
#include <stdint.h>

/* Tenths of a percent in a whole. */
#define XF_SHARE_UNITS	1000

/* Buffer size for xf_share_format() that fits every int64_t. */
#define XF_SHARE_BUFSZ	24

/*
 * Split units among the n parts with weights w[0..n-1] as described
 * above, into out[0..n-1].  Returns 0, or -1 leaving out unchanged and,
 * if why is not NULL, pointing *why at a static reason: "no parts" (n is
 * 0), "weights add up to zero", "weights add up to more than 2^64 - 1",
 * or "out of memory" (errno is then ENOMEM).
 */
int	 xf_share_apportion(const uint64_t *w, size_t n, uint32_t units,
	    uint32_t *out, const char **why);

/*
 * *tenths = (now - base) * 1000 / base, rounded half away from zero.
 * Returns 0, or -1 (leaving *tenths alone) when base is 0 (a change
 * from nothing has no percentage) or the result is beyond INT64_MAX.
 */
int	 xf_share_change(uint64_t now, uint64_t base, int64_t *tenths);

/*
 * Write tenths of a percent as a decimal with one place and no percent
 * sign ("12.5", "-0.5", "0.0", "100.0") into buf of size bytes.
 * Returns buf, or NULL (buf holding "" when size > 0) if it does not
 * fit; XF_SHARE_BUFSZ always fits.
 */
char	*xf_share_format(int64_t tenths, char *buf, size_t size);

#endif /* XF_SHARE_H */
