/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for the month and percent readers of
 * lib/pricelink.h, and the subsidy arithmetic they feed.  The whole input
 * is read as a month and as a percent.  An accepted month must be in
 * range and read back from its canonical YYYY-MM form; an accepted
 * percent must be within +-1000 and read back from its digits.  Then the
 * percent, when not negative, is used as a rate for a subsidy on a
 * standard taken from the first input bytes: the result must be at least
 * the minimum, a multiple of the rounding unit (or the minimum), and
 * within half a unit of the exact amount.  UBSan watches for overflow.
 * Any broken promise aborts.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"
#include "pricelink.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_pricelink: %s\n", what);
	abort();
}

static void
check_month(const char *s, size_t n)
{
	char buf[16];
	int y, m, y2, m2;

	if (xf_pl_parse_month(s, n, &y, &m, NULL) == -1)
		return;
	if (y < 1900 || y > 2199 || m < 1 || m > 12)
		fail("month out of range accepted");
	snprintf(buf, sizeof(buf), "%04d-%02d", y, m);
	if (xf_pl_parse_month(buf, strlen(buf), &y2, &m2, NULL) == -1 ||
	    y2 != y || m2 != m)
		fail("canonical month does not read back");
}

static void
check_subsidy(const struct xf_dec *rate, const uint8_t *data, size_t n)
{
	struct xf_pl_rounding rnd;
	struct xf_amount exact, got, diff, half;
	int64_t standard = 0, fen;
	size_t i;
	int annual;

	for (i = 0; i < n && i < 6; i++)
		standard = standard * 256 + data[i];
	annual = n > 0 && (data[0] & 1);
	rnd.unit = n > 1 && (data[1] & 1) ? 100 : 1;
	rnd.min = n > 2 ? data[2] * 10 : 0;
	if (xf_pl_subsidy(standard, annual, rate, &rnd, &fen, NULL) == -1)
		return;
	if (fen < rnd.min)
		fail("below the minimum");
	if (fen != rnd.min && fen % rnd.unit != 0)
		fail("not a multiple of the unit");
	if (fen > rnd.min) {
		/* |fen - standard x rate / 100 (/12)| <= unit / 2 */
		xf_amount_from_fen(&exact, standard);
		if (xf_amount_mul_dec(&exact, &exact, rate) == -1 ||
		    xf_amount_div_int(&exact, &exact, annual ? 1200 : 100) ==
		    -1)
			return;
		xf_amount_from_fen(&got, fen);
		if (xf_amount_sub(&diff, &got, &exact) == -1)
			return;
		if (diff.num < 0)
			diff.num = -diff.num;
		xf_amount_from_fen(&half, rnd.unit);
		xf_amount_div_int(&half, &half, 2);
		if (xf_amount_cmp(&diff, &half) > 0)
			fail("further than half a unit from the exact amount");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct xf_dec d, d2;
	char buf[64];
	int64_t lim = 1000;
	int k;

	check_month(s, size);
	if (xf_pl_parse_percent(s, size, &d, NULL) == -1)
		return 0;
	for (k = 0; k < d.scale; k++)
		lim *= 10;
	if (d.num > lim || d.num < -lim)
		fail("percent out of range accepted");
	/* The value reads back from its plain digits. */
	snprintf(buf, sizeof(buf), "%lld", (long long)d.num);
	if (xf_dec_parse(buf, strlen(buf), &d2, NULL) == -1 ||
	    d2.num != d.num)
		fail("percent does not read back");
	if (d.num >= 0)
		check_subsidy(&d, data, size);
	return 0;
}
