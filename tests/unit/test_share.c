/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/share.c: shares that add up to 100.0 by the largest
 * remainder method, changes rounded half away from zero, and the
 * printed form.
 *
 * Every expected value was worked out by hand below each case (quota =
 * units * w / W, whole part, remainder units * w mod W) and checked with
 * python3's fractions.Fraction, never taken from this module's output.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "share.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

/* Apportion 1000 units and compare with want[]. */
static void
check(const uint64_t *w, size_t n, const uint32_t *want)
{
	uint32_t out[16];
	const char *why = NULL;
	size_t i;
	uint64_t sum = 0;

	assert_true(n <= N(out));
	assert_int_equal(xf_share_apportion(w, n, 1000, out, &why), 0);
	for (i = 0; i < n; i++) {
		if (out[i] != want[i]) {
			print_error("part %zu: got %u, want %u\n", i, out[i],
			    want[i]);
			fail();
		}
		sum += out[i];
	}
	assert_int_equal(sum, 1000);
}

/*
 * 1, 1, 1: quotas 333 1/3; whole 999; one left; remainders equal
 * (1000 mod 3 = 1), so the first part: 33.4 + 33.3 + 33.3 = 100.0,
 * where rounding each alone gives 99.9.
 */
static void
apportion__three_equal__first_gets_the_tenth(void **state)
{
	static const uint64_t w[] = { 1, 1, 1 };
	static const uint32_t want[] = { 334, 333, 333 };

	(void)state;
	check(w, N(w), want);
}

/*
 * Six equal parts: 166 2/3 each; rounding each alone gives 16.7 x 6 =
 * 100.2.  Whole 996, four left, equal remainders (1000 mod 6 = 4): the
 * first four get one.
 */
static void
apportion__six_equal__first_four_get_one(void **state)
{
	static const uint64_t w[] = { 5, 5, 5, 5, 5, 5 };
	static const uint32_t want[] = { 167, 167, 167, 167, 166, 166 };

	(void)state;
	check(w, N(w), want);
}

/* 1, 1, 2: quotas 250, 250, 500 exactly; nothing left over. */
static void
apportion__exact_quotas__unchanged(void **state)
{
	static const uint64_t w[] = { 1, 1, 2 };
	static const uint32_t want[] = { 250, 250, 500 };

	(void)state;
	check(w, N(w), want);
}

/*
 * 3, 5, 13 (W = 21): 3000/21 = 142 r 18; 5000/21 = 238 r 2;
 * 13000/21 = 619 r 1.  Whole 999; the one left goes to the largest
 * remainder, 18, the smallest part: 14.3, 23.8, 61.9.
 */
static void
apportion__largest_remainder__not_largest(void **state)
{
	static const uint64_t w[] = { 3, 5, 13 };
	static const uint32_t want[] = { 143, 238, 619 };

	(void)state;
	check(w, N(w), want);
}

/*
 * 2, 1, 1, 2 (W = 6): 2000/6 = 333 r 2; 1000/6 = 166 r 4 (twice);
 * 333 r 2.  Whole 998; two left, to the remainders of 4: the two small
 * parts get 16.7 and the large ones stay at 33.3.
 */
static void
apportion__remainder_decides__not_order(void **state)
{
	static const uint64_t w[] = { 2, 1, 1, 2 };
	static const uint32_t want[] = { 333, 167, 167, 333 };

	(void)state;
	check(w, N(w), want);
}

/*
 * 0, 1, 2 (W = 3): 0; 1000/3 = 333 r 1; 2000/3 = 666 r 2.  One left, to
 * the remainder 2.  A part of weight 0 gets nothing.
 */
static void
apportion__zero_weight__gets_zero(void **state)
{
	static const uint64_t w[] = { 0, 1, 2 };
	static const uint32_t want[] = { 0, 333, 667 };
	static const uint64_t w2[] = { 0, 1, 1, 0 };
	static const uint32_t want2[] = { 0, 500, 500, 0 };

	(void)state;
	check(w, N(w), want);
	check(w2, N(w2), want2);
}

static void
apportion__one_part__all(void **state)
{
	static const uint64_t w[] = { 38 };
	static const uint32_t want[] = { 1000 };

	(void)state;
	check(w, N(w), want);
}

/*
 * The petition office's kind of table: 38 cases, 36 of them 民生
 * (94.7%, as the city's report prints 36/38) and 2 others.
 * 36000/38 = 947 r 14; 2000/38 = 52 r 24.  Whole 999; one left, to the
 * remainder 24: 94.7 and 5.3.
 */
static void
apportion__city_report_example__94_7(void **state)
{
	static const uint64_t w[] = { 36, 2 };
	static const uint32_t want[] = { 947, 53 };

	(void)state;
	check(w, N(w), want);
}

/*
 * Weights near 2^64: W = 2^64 - 1.  1000 (2^64 - 2) / W = 999 r
 * 2^64 - 1001; 1000 / W = 0 r 1000.  The one left goes to the first.
 */
static void
apportion__huge_weights__exact(void **state)
{
	static const uint64_t w[] = { UINT64_MAX - 1, 1 };
	static const uint32_t want[] = { 1000, 0 };

	(void)state;
	check(w, N(w), want);
}

/* Other unit counts: whole percents, 34 + 33 + 33. */
static void
apportion__units_100__whole_percents(void **state)
{
	static const uint64_t w[] = { 1, 1, 1 };
	uint32_t out[3];

	(void)state;
	assert_int_equal(xf_share_apportion(w, 3, 100, out, NULL), 0);
	assert_int_equal(out[0], 34);
	assert_int_equal(out[1], 33);
	assert_int_equal(out[2], 33);
}

static void
apportion__bad_input__refused_out_unchanged(void **state)
{
	static const uint64_t zero[] = { 0, 0 };
	static const uint64_t big[] = { UINT64_MAX, 1 };
	uint32_t out[2] = { 77, 77 };
	const char *why = NULL;

	(void)state;
	assert_int_equal(xf_share_apportion(zero, 0, 1000, out, &why), -1);
	assert_string_equal(why, "no parts");
	assert_int_equal(xf_share_apportion(zero, 2, 1000, out, &why), -1);
	assert_string_equal(why, "weights add up to zero");
	assert_int_equal(xf_share_apportion(big, 2, 1000, out, &why), -1);
	assert_string_equal(why, "weights add up to more than 2^64 - 1");
	assert_int_equal(xf_share_apportion(big, 2, 1000, out, NULL), -1);
	assert_int_equal(out[0], 77);
	assert_int_equal(out[1], 77);
}

/*
 * The promises in share.h, on 2,000 pseudo-random weight lists (a
 * linear congruential generator, so the run is the same every time):
 * the parts add up to the units, each is the whole part of its quota
 * or one more, and a larger weight never gets less.
 */
static void
apportion__random_lists__promises_hold(void **state)
{
	uint64_t w[16], x = 12345, total;
	uint32_t out[16];
	size_t t, i, j, n;
	unsigned long long sum;

	(void)state;
	for (t = 0; t < 2000; t++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		n = 1 + (size_t)(x >> 60);
		total = 0;
		for (i = 0; i < n; i++) {
			x = x * 6364136223846793005ULL +
			    1442695040888963407ULL;
			w[i] = (x >> 33) % (t % 2 ? 7 : 100000);
			total += w[i];
		}
		if (total == 0)
			continue;
		assert_int_equal(xf_share_apportion(w, n, 1000, out, NULL),
		    0);
		sum = 0;
		for (i = 0; i < n; i++) {
			uint64_t whole = w[i] * 1000 / total;

			sum += out[i];
			assert_true(out[i] == whole || out[i] == whole + 1);
			for (j = 0; j < n; j++)
				if (w[i] > w[j])
					assert_true(out[i] >= out[j]);
		}
		assert_int_equal(sum, 1000);
	}
}

/*
 * Changes: 8 -> 9 is +12.5% exactly; 9 -> 8 is -11.11...% (-111.1
 * tenths, rounded to -111); 400 -> 449 is +12.25% (122.5 tenths, half
 * away from zero: 123); 400 -> 351 is -12.25% (-123); 3 -> 4 is
 * 33.33...% (333); 3 -> 5 is 66.66...% (666.7: 667); 5 -> 0 is -100%.
 */
static void
change__worked_examples__rounded_half_away(void **state)
{
	int64_t t = 0;

	(void)state;
	assert_int_equal(xf_share_change(9, 8, &t), 0);
	assert_int_equal(t, 125);
	assert_int_equal(xf_share_change(8, 9, &t), 0);
	assert_int_equal(t, -111);
	assert_int_equal(xf_share_change(449, 400, &t), 0);
	assert_int_equal(t, 123);
	assert_int_equal(xf_share_change(351, 400, &t), 0);
	assert_int_equal(t, -123);
	assert_int_equal(xf_share_change(4, 3, &t), 0);
	assert_int_equal(t, 333);
	assert_int_equal(xf_share_change(5, 3, &t), 0);
	assert_int_equal(t, 667);
	assert_int_equal(xf_share_change(0, 5, &t), 0);
	assert_int_equal(t, -1000);
	assert_int_equal(xf_share_change(7, 7, &t), 0);
	assert_int_equal(t, 0);
	/* Just under a half: 2000 -> 2001 is 0.05% = 0.5 tenths: 1;
	 * 2001 -> 2000 is -0.04997...% = -0.4997 tenths: 0. */
	assert_int_equal(xf_share_change(2001, 2000, &t), 0);
	assert_int_equal(t, 1);
	assert_int_equal(xf_share_change(2000, 2001, &t), 0);
	assert_int_equal(t, 0);
}

static void
change__base_zero_or_huge__refused(void **state)
{
	int64_t t = 42;

	(void)state;
	assert_int_equal(xf_share_change(5, 0, &t), -1);
	assert_int_equal(t, 42);
	assert_int_equal(xf_share_change(0, 0, &t), -1);
	/* (2^64 - 2) * 1000 tenths does not fit in int64_t. */
	assert_int_equal(xf_share_change(UINT64_MAX, 1, &t), -1);
	assert_int_equal(t, 42);
	/* Down to nothing from the largest base is still -100.0%. */
	assert_int_equal(xf_share_change(0, UINT64_MAX, &t), 0);
	assert_int_equal(t, -1000);
}

static void
format__tenths__one_decimal(void **state)
{
	char buf[XF_SHARE_BUFSZ];

	(void)state;
	assert_string_equal(xf_share_format(0, buf, sizeof(buf)), "0.0");
	assert_string_equal(xf_share_format(5, buf, sizeof(buf)), "0.5");
	assert_string_equal(xf_share_format(-5, buf, sizeof(buf)), "-0.5");
	assert_string_equal(xf_share_format(947, buf, sizeof(buf)), "94.7");
	assert_string_equal(xf_share_format(1000, buf, sizeof(buf)), "100.0");
	assert_string_equal(xf_share_format(-1000, buf, sizeof(buf)),
	    "-100.0");
	assert_string_equal(xf_share_format(INT64_MIN, buf, sizeof(buf)),
	    "-922337203685477580.8");
	assert_string_equal(xf_share_format(INT64_MAX, buf, sizeof(buf)),
	    "922337203685477580.7");
}

static void
format__small_buffer__null_and_empty(void **state)
{
	char buf[5];

	(void)state;
	assert_null(xf_share_format(1000, buf, sizeof(buf)));
	assert_string_equal(buf, "");
	assert_non_null(xf_share_format(125, buf, sizeof(buf)));
	assert_string_equal(buf, "12.5");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(apportion__three_equal__first_gets_the_tenth),
		cmocka_unit_test(apportion__six_equal__first_four_get_one),
		cmocka_unit_test(apportion__exact_quotas__unchanged),
		cmocka_unit_test(apportion__largest_remainder__not_largest),
		cmocka_unit_test(apportion__remainder_decides__not_order),
		cmocka_unit_test(apportion__zero_weight__gets_zero),
		cmocka_unit_test(apportion__one_part__all),
		cmocka_unit_test(apportion__city_report_example__94_7),
		cmocka_unit_test(apportion__huge_weights__exact),
		cmocka_unit_test(apportion__units_100__whole_percents),
		cmocka_unit_test(apportion__bad_input__refused_out_unchanged),
		cmocka_unit_test(apportion__random_lists__promises_hold),
		cmocka_unit_test(change__worked_examples__rounded_half_away),
		cmocka_unit_test(change__base_zero_or_huge__refused),
		cmocka_unit_test(format__tenths__one_decimal),
		cmocka_unit_test(format__small_buffer__null_and_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
