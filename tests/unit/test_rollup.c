/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/rollup.c: the group table, its order, shares,
 * comparisons, folding into 其他, totals, the partial state and period
 * labels.
 *
 * Each expected table was worked out by hand from the records added
 * (the working is in the comment above each test); the shares by the
 * largest remainder method as in test_share.c, checked with python3's
 * fractions.Fraction; period boundaries against `date -d` and the ISO
 * week calendar (2024-12-30 is a Monday, in 2025-W01).
 *
 * Rows are printed one per line as
 *	KIND|PERIOD|KEY1/KEY2|CASES|PERSONS|SUMS|CSHARE|PSHARE|PREV|CHANGE
 * KIND G group, O folded (其他), T period total, A grand total; PERIOD
 * the label or '-'; SUMS in fen separated by ';' ('-' for none); shares
 * and change in tenths of a percent; PREV "cases,persons" or '-';
 * CHANGE '-' when there is none.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "rollup.h"

struct out {
	int		 period;
	size_t		 nkey, nsum;
	char		 buf[8192];
	size_t		 len;
	int		 stop_after;	/* -1: never */
	int		 seen;
};

static void
put(struct out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, sizeof(o->buf) - o->len, fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < sizeof(o->buf) - o->len);
	o->len += (size_t)n;
}

static int
emit(void *arg, const struct xf_rollup_row *row)
{
	static const char kinds[] = "GOTA";
	struct out *o = arg;
	char label[XF_DATE_BUCKETLEN];
	size_t i;

	if (o->stop_after >= 0 && o->seen++ == o->stop_after)
		return -1;
	put(o, "%c|", kinds[row->kind]);
	if (o->period >= 0 && row->kind != XF_ROLLUP_GRAND) {
		xf_date_bucket(&row->period, (enum xf_period)o->period, label,
		    sizeof(label));
		put(o, "%s|", label);
	} else
		put(o, "-|");
	if (row->kind == XF_ROLLUP_GROUP) {
		for (i = 0; i < o->nkey; i++)
			put(o, "%s%.*s", i > 0 ? "/" : "", (int)row->keylen[i],
			    row->key[i]);
	} else
		assert_null(row->key);
	put(o, "|%llu|%llu|", (unsigned long long)row->cases,
	    (unsigned long long)row->persons);
	if (o->nsum == 0)
		put(o, "-");
	for (i = 0; i < o->nsum; i++)
		put(o, "%s%lld", i > 0 ? ";" : "", (long long)row->sums[i]);
	put(o, "|%u|%u|", row->case_share, row->person_share);
	if (row->has_prev)
		put(o, "%llu,%llu|", (unsigned long long)row->prev_cases,
		    (unsigned long long)row->prev_persons);
	else
		put(o, "-|");
	if (row->has_change)
		put(o, "%lld\n", (long long)row->change);
	else
		put(o, "-\n");
	return 0;
}

static void
out_init(struct out *o, int period, size_t nkey, size_t nsum)
{
	memset(o, 0, sizeof(*o));
	o->period = period;
	o->nkey = nkey;
	o->nsum = nsum;
	o->stop_after = -1;
}

/* Add one record: ISO date (or NULL), one key field, persons. */
static void
add1(struct xf_rollup *r, const char *date, const char *key,
    uint64_t persons)
{
	struct xf_date d, *dp = NULL;
	const char *kp[1] = { key };
	size_t kl[1] = { strlen(key) };

	if (date != NULL) {
		assert_int_equal(xf_date_parse(date, strlen(date), &d, NULL,
		    NULL), 0);
		dp = &d;
	}
	assert_int_equal(xf_rollup_add(r, dp, kp, kl, 1, persons, NULL,
	    NULL), 0);
}

static void
result_is(struct xf_rollup *r, const struct xf_rollup_opt *opt,
    struct out *o, const char *want)
{
	const char *why = NULL;

	o->len = 0;
	o->buf[0] = '\0';
	if (xf_rollup_result(r, opt, emit, o, &why) != 0) {
		print_error("result failed: %s\n", why);
		fail();
	}
	assert_string_equal(o->buf, want);
}

/*
 * No periods, one key.  劳动 twice (persons 3 and 1), 房产 once (5),
 * 其他 once (1): cases 2, 1, 1; persons 4, 5, 1.  Order: cases, then
 * persons (房产 5 before 其他 1).  Case shares 2/4, 1/4, 1/4 = 50.0,
 * 25.0, 25.0; person shares 4/10, 5/10, 1/10 = 40.0, 50.0, 10.0.
 * Total: 4 cases, 10 persons.
 */
static void
result__one_key__ordered_with_shares(void **state)
{
	struct xf_rollup *r = xf_rollup_new(1, 0, -1);
	struct xf_rollup_opt opt = { .total = 1 };
	struct out o;

	(void)state;
	add1(r, NULL, "其他", 1);
	add1(r, NULL, "劳动", 3);
	add1(r, NULL, "房产", 5);
	add1(r, NULL, "劳动", 1);
	assert_int_equal(xf_rollup_count(r), 3);
	out_init(&o, -1, 1, 0);
	result_is(r, NULL, &o,
	    "G|-|劳动|2|4|-|500|400|-|-\n"
	    "G|-|房产|1|5|-|250|500|-|-\n"
	    "G|-|其他|1|1|-|250|100|-|-\n");
	/* Without periods the total is the only one: no grand total. */
	result_is(r, &opt, &o,
	    "G|-|劳动|2|4|-|500|400|-|-\n"
	    "G|-|房产|1|5|-|250|500|-|-\n"
	    "G|-|其他|1|1|-|250|100|-|-\n"
	    "T|-||4|10|-|1000|1000|-|-\n");
	xf_rollup_free(r);
}

/*
 * Ties on cases and persons go by key, bytewise, a prefix first:
 * "Z" (0x5a) < "a" < "ab" < "b" < "劳" (U+52B3) < "房" (U+623F).  Six
 * groups of one case: 1000/6 = 166 r 4 each; four tenths left go to the
 * first four.
 */
static void
result__ties__by_key_bytewise(void **state)
{
	struct xf_rollup *r = xf_rollup_new(1, 0, -1);
	struct out o;

	(void)state;
	add1(r, NULL, "房", 1);
	add1(r, NULL, "b", 1);
	add1(r, NULL, "ab", 1);
	add1(r, NULL, "劳", 1);
	add1(r, NULL, "a", 1);
	add1(r, NULL, "Z", 1);
	out_init(&o, -1, 1, 0);
	result_is(r, NULL, &o,
	    "G|-|Z|1|1|-|167|167|-|-\n"
	    "G|-|a|1|1|-|167|167|-|-\n"
	    "G|-|ab|1|1|-|167|167|-|-\n"
	    "G|-|b|1|1|-|167|167|-|-\n"
	    "G|-|劳|1|1|-|166|166|-|-\n"
	    "G|-|房|1|1|-|166|166|-|-\n");
	xf_rollup_free(r);
}

/*
 * Months, compared with the month before.
 *   2024-01: A (1 + 1 persons), A, B (3)  -> A 2/2, B 1/3
 *   2024-02: A, A, A (1 each), C (1)       -> A 3/3, C 1/1
 *   2024-04: A (2)                         -> A 1/2
 * 2024-01: 2023-12 has no records: no comparison.  Cases 2/3 = 666 r 2,
 *   1/3 = 333 r 1: 66.7, 33.3; persons 2/5, 3/5 = 40.0, 60.0.
 * 2024-02: base 2024-01.  A 3 (prev 2,2: +50.0%), C 1 (prev 0,0: no
 *   change), B 0 (prev 1,3: -100.0%), last.  Cases 3/4, 1/4, 0; persons
 *   the same.  Total 4/4, prev 3/5, change 1/3 = 33.3%.
 * 2024-04: base 2024-03 has no records: no comparison.
 * Grand total: cases 2+1+3+1+1 = 8, persons 2+3+3+1+2 = 11.
 */
static void
result__months_prev__compared(void **state)
{
	struct xf_rollup *r = xf_rollup_new(1, 0, XF_PERIOD_MONTH);
	struct xf_rollup_opt opt = { .compare = XF_ROLLUP_PREV, .total = 1 };
	struct out o;

	(void)state;
	add1(r, "2024-01-31", "A", 1);
	add1(r, "2024-02-01", "A", 1);
	add1(r, "2024-01-01", "A", 1);
	add1(r, "2024-04-15", "A", 2);
	add1(r, "2024-01-20", "B", 3);
	add1(r, "2024-02-29", "A", 1);
	add1(r, "2024-02-10", "C", 1);
	add1(r, "2024-02-11", "A", 1);
	out_init(&o, XF_PERIOD_MONTH, 1, 0);
	result_is(r, &opt, &o,
	    "G|2024-01|A|2|2|-|667|400|-|-\n"
	    "G|2024-01|B|1|3|-|333|600|-|-\n"
	    "T|2024-01||3|5|-|1000|1000|-|-\n"
	    "G|2024-02|A|3|3|-|750|750|2,2|500\n"
	    "G|2024-02|C|1|1|-|250|250|0,0|-\n"
	    "G|2024-02|B|0|0|-|0|0|1,3|-1000\n"
	    "T|2024-02||4|4|-|1000|1000|3,5|333\n"
	    "G|2024-04|A|1|2|-|1000|1000|-|-\n"
	    "T|2024-04||1|2|-|1000|1000|-|-\n"
	    "A|-||8|11|-|1000|1000|-|-\n");
	xf_rollup_free(r);
}

/*
 * Year on year: 2023-02 has A four times; 2024-02 has A three times and
 * C once.  2024-02 against 2023-02: A 3 (prev 4: -25.0%), C 1 (prev 0);
 * 2023-02 against 2022-02: none.  No group of 2023-02 is missing from
 * 2024-02, so no zero row.  Without --total: no T or A rows.
 */
static void
result__months_yoy__compared(void **state)
{
	struct xf_rollup *r = xf_rollup_new(1, 0, XF_PERIOD_MONTH);
	struct xf_rollup_opt opt = { .compare = XF_ROLLUP_YOY };
	struct out o;
	int i;

	(void)state;
	for (i = 0; i < 4; i++)
		add1(r, "2023-02-28", "A", 1);
	for (i = 0; i < 3; i++)
		add1(r, "2024-02-29", "A", 1);
	add1(r, "2024-02-01", "C", 1);
	out_init(&o, XF_PERIOD_MONTH, 1, 0);
	result_is(r, &opt, &o,
	    "G|2023-02|A|4|4|-|1000|1000|-|-\n"
	    "G|2024-02|A|3|3|-|750|750|4,4|-250\n"
	    "G|2024-02|C|1|1|-|250|250|0,0|-\n");
	xf_rollup_free(r);
}

/*
 * ISO weeks across the new year: 2024-12-30 (Mon) and 2025-01-05 (Sun)
 * are 2025-W01; 2024-12-29 (Sun) is 2024-W52, the week before.  Quarter
 * and year boundaries: 2024-03-31 is Q1, 2024-04-01 Q2.
 */
static void
result__week_and_quarter__boundaries(void **state)
{
	struct xf_rollup *r = xf_rollup_new(1, 0, XF_PERIOD_WEEK);
	struct xf_rollup_opt opt = { .compare = XF_ROLLUP_PREV };
	struct out o;

	(void)state;
	add1(r, "2024-12-29", "x", 1);
	add1(r, "2024-12-30", "x", 1);
	add1(r, "2025-01-05", "x", 1);
	out_init(&o, XF_PERIOD_WEEK, 1, 0);
	result_is(r, &opt, &o,
	    "G|2024-W52|x|1|1|-|1000|1000|-|-\n"
	    "G|2025-W01|x|2|2|-|1000|1000|1,1|1000\n");
	xf_rollup_free(r);

	r = xf_rollup_new(1, 0, XF_PERIOD_QUARTER);
	add1(r, "2024-03-31", "x", 1);
	add1(r, "2024-04-01", "x", 1);
	add1(r, "2024-06-30", "x", 1);
	out_init(&o, XF_PERIOD_QUARTER, 1, 0);
	result_is(r, &opt, &o,
	    "G|2024-Q1|x|1|1|-|1000|1000|-|-\n"
	    "G|2024-Q2|x|2|2|-|1000|1000|1,1|1000\n");
	xf_rollup_free(r);
}

/*
 * Top 2 of a:5, b:4, c:3, 其他:2, d:1 (persons = cases).  Kept a, b;
 * folded c, 其他, d: 6.  Shares of 15: 5000/15 = 333 r 5, 4000/15 =
 * 266 r 10, 6000/15 = 400 r 0; one tenth left, to b: 33.3, 26.7, 40.0.
 *
 * Top 5: only four groups are not 其他, and the real 其他 group never
 * takes a place: a, b, c, d kept, 其他 alone in the folded row, last.
 * 5, 4, 3, 1, 2 of 15: 333 r 5, 266 r 10, 200 r 0, 66 r 10, 133 r 5;
 * two tenths left, to the remainders of 10 (b and d).
 */
static void
result__top__folds_into_other(void **state)
{
	static const char *keys[] = { "a", "b", "c", "其他", "d" };
	static const int cases[] = { 5, 4, 3, 2, 1 };
	struct xf_rollup *r = xf_rollup_new(1, 0, -1);
	struct xf_rollup_opt opt = { .top = 2, .other = "其他", .total = 1 };
	struct out o;
	int i, j;

	(void)state;
	for (i = 0; i < 5; i++)
		for (j = 0; j < cases[i]; j++)
			add1(r, NULL, keys[i], 1);
	out_init(&o, -1, 1, 0);
	result_is(r, &opt, &o,
	    "G|-|a|5|5|-|333|333|-|-\n"
	    "G|-|b|4|4|-|267|267|-|-\n"
	    "O|-||6|6|-|400|400|-|-\n"
	    "T|-||15|15|-|1000|1000|-|-\n");
	opt.top = 5;
	opt.total = 0;
	result_is(r, &opt, &o,
	    "G|-|a|5|5|-|333|333|-|-\n"
	    "G|-|b|4|4|-|267|267|-|-\n"
	    "G|-|c|3|3|-|200|200|-|-\n"
	    "G|-|d|1|1|-|67|67|-|-\n"
	    "O|-||2|2|-|133|133|-|-\n");
	/* Top 4 of 4 ordinary groups and no 其他 group: nothing folds. */
	opt.top = 4;
	xf_rollup_free(r);
	r = xf_rollup_new(1, 0, -1);
	add1(r, NULL, "a", 1);
	add1(r, NULL, "b", 1);
	result_is(r, &opt, &o,
	    "G|-|a|1|1|-|500|500|-|-\n"
	    "G|-|b|1|1|-|500|500|-|-\n");
	xf_rollup_free(r);
}

/*
 * Top 1 with a comparison: the folded row's prev is the base period's
 * figures of the groups it holds.  2024-01: A 1, B 2 (persons 1 each).
 * 2024-02: A 3, C 1.  In 2024-02, kept A (prev 1); folded C (prev 0)
 * and B (zero row, prev 2): 其他 1 case, prev 2: -50.0%.  Shares: 3/4,
 * 1/4.  In 2024-01 (no base), kept B, folded A.
 */
static void
result__top_with_compare__other_prev(void **state)
{
	struct xf_rollup *r = xf_rollup_new(1, 0, XF_PERIOD_MONTH);
	struct xf_rollup_opt opt = { .compare = XF_ROLLUP_PREV, .top = 1,
	    .other = "其他" };
	struct out o;

	(void)state;
	add1(r, "2024-01-05", "A", 1);
	add1(r, "2024-01-05", "B", 1);
	add1(r, "2024-01-06", "B", 1);
	add1(r, "2024-02-05", "A", 1);
	add1(r, "2024-02-06", "A", 1);
	add1(r, "2024-02-07", "A", 1);
	add1(r, "2024-02-07", "C", 1);
	out_init(&o, XF_PERIOD_MONTH, 1, 0);
	result_is(r, &opt, &o,
	    "G|2024-01|B|2|2|-|667|667|-|-\n"
	    "O|2024-01||1|1|-|333|333|-|-\n"
	    "G|2024-02|A|3|3|-|750|750|1,1|2000\n"
	    "O|2024-02||1|1|-|250|250|2,2|-500\n");
	xf_rollup_free(r);
}

/*
 * Two keys: only a group whose every field is 其他 counts as the folded
 * row's own; (其他, x) is an ordinary group.
 */
static void
result__two_keys__other_needs_every_field(void **state)
{
	struct xf_rollup *r = xf_rollup_new(2, 0, -1);
	struct xf_rollup_opt opt = { .top = 1, .other = "其他" };
	const char *k1[2] = { "其他", "x" }, *k2[2] = { "其他", "其他" };
	size_t l1[2] = { strlen("其他"), 1 };
	size_t l2[2] = { strlen("其他"), strlen("其他") };
	struct out o;

	(void)state;
	assert_int_equal(xf_rollup_add(r, NULL, k2, l2, 1, 1, NULL, NULL), 0);
	assert_int_equal(xf_rollup_add(r, NULL, k2, l2, 1, 1, NULL, NULL), 0);
	assert_int_equal(xf_rollup_add(r, NULL, k1, l1, 1, 1, NULL, NULL), 0);
	out_init(&o, -1, 2, 0);
	result_is(r, &opt, &o,
	    "G|-|其他/x|1|1|-|333|333|-|-\n"
	    "O|-||2|2|-|667|667|-|-\n");
	xf_rollup_free(r);
}

/*
 * Sums in fen, negative ones included: 100.50 + -20.25 = 80.25 yuan in
 * group a (8025 fen), 0.01 in b; total 8026.  Two sum columns.
 */
static void
result__sums__exact_fen(void **state)
{
	struct xf_rollup *r = xf_rollup_new(1, 2, -1);
	struct xf_rollup_opt opt = { .total = 1 };
	const char *ka[1] = { "a" }, *kb[1] = { "b" };
	size_t l[1] = { 1 };
	int64_t s1[2] = { 10050, 7 }, s2[2] = { -2025, 0 }, s3[2] = { 1, -7 };
	struct out o;

	(void)state;
	assert_int_equal(xf_rollup_add(r, NULL, ka, l, 1, 2, s1, NULL), 0);
	assert_int_equal(xf_rollup_add(r, NULL, ka, l, 1, 1, s2, NULL), 0);
	assert_int_equal(xf_rollup_add(r, NULL, kb, l, 1, 1, s3, NULL), 0);
	out_init(&o, -1, 1, 2);
	result_is(r, &opt, &o,
	    "G|-|a|2|3|8025;7|667|750|-|-\n"
	    "G|-|b|1|1|1;-7|333|250|-|-\n"
	    "T|-||3|4|8026;0|1000|1000|-|-\n");
	xf_rollup_free(r);
}

static void
add__overflow__refused_table_unchanged(void **state)
{
	struct xf_rollup *r = xf_rollup_new(1, 1, -1);
	const char *k[1] = { "a" };
	size_t l[1] = { 1 };
	int64_t big[1] = { INT64_MAX }, one[1] = { 1 }, neg[1] = { -1 };
	const char *why = NULL;
	struct out o;

	(void)state;
	assert_int_equal(xf_rollup_add(r, NULL, k, l, 1, 1, big, &why), 0);
	assert_int_equal(xf_rollup_add(r, NULL, k, l, 1, 1, one, &why), -1);
	assert_string_equal(why, "sum too large");
	assert_int_equal(xf_rollup_add(r, NULL, k, l, UINT64_MAX, 1, neg,
	    &why), -1);
	assert_string_equal(why, "count too large");
	out_init(&o, -1, 1, 1);
	result_is(r, NULL, &o, "G|-|a|1|1|9223372036854775807|1000|1000|-|-\n");
	xf_rollup_free(r);
}

static void
result__bad_options__refused(void **state)
{
	struct xf_rollup *r = xf_rollup_new(1, 0, -1);
	struct xf_rollup_opt opt = { .compare = XF_ROLLUP_PREV };
	const char *why = NULL;
	struct out o;

	(void)state;
	add1(r, NULL, "a", 1);
	add1(r, NULL, "b", 1);
	out_init(&o, -1, 1, 0);
	assert_int_equal(xf_rollup_result(r, &opt, emit, &o, &why), -1);
	assert_string_equal(why, "comparison needs periods");
	opt.compare = XF_ROLLUP_NOCOMPARE;
	opt.top = 1;
	assert_int_equal(xf_rollup_result(r, &opt, emit, &o, &why), -1);
	assert_string_equal(why, "top needs a label for the folded row");
	/* The callback stops after the first row. */
	o.stop_after = 1;
	assert_int_equal(xf_rollup_result(r, NULL, emit, &o, &why), -1);
	assert_string_equal(why, "stopped");
	assert_null(xf_rollup_new(XF_ROLLUP_MAXKEY + 1, 0, -1));
	assert_null(xf_rollup_new(0, XF_ROLLUP_MAXSUM + 1, -1));
	assert_null(xf_rollup_new(0, 0, XF_PERIOD_YEAR + 1));
	xf_rollup_free(r);
	xf_rollup_free(NULL);
}

/* An empty table gives no rows, even with totals. */
static void
result__empty__no_rows(void **state)
{
	struct xf_rollup *r = xf_rollup_new(1, 0, XF_PERIOD_DAY);
	struct xf_rollup_opt opt = { .total = 1, .compare = XF_ROLLUP_PREV };
	struct out o;

	(void)state;
	out_init(&o, XF_PERIOD_DAY, 1, 0);
	result_is(r, &opt, &o, "");
	xf_rollup_free(r);
}

/* No key fields, days: one row per day; the grand total after them. */
static void
result__no_key__one_row_per_period(void **state)
{
	struct xf_rollup *r = xf_rollup_new(0, 0, XF_PERIOD_DAY);
	struct xf_rollup_opt opt = { .total = 1, .compare = XF_ROLLUP_PREV };
	struct xf_date d = { 2024, 5, 6 };
	struct out o;

	(void)state;
	assert_int_equal(xf_rollup_add(r, &d, NULL, NULL, 1, 4, NULL, NULL),
	    0);
	d.day = 7;
	assert_int_equal(xf_rollup_add(r, &d, NULL, NULL, 1, 1, NULL, NULL),
	    0);
	assert_int_equal(xf_rollup_add(r, &d, NULL, NULL, 1, 1, NULL, NULL),
	    0);
	out_init(&o, XF_PERIOD_DAY, 0, 0);
	result_is(r, &opt, &o,
	    "G|2024-05-06||1|4|-|1000|1000|-|-\n"
	    "G|2024-05-07||2|2|-|1000|1000|1,4|1000\n"
	    "A|-||3|6|-|1000|1000|-|-\n");
	xf_rollup_free(r);
}

/* State rows, for rebuilding: by period, then key; counts and sums. */
static int
rebuild(void *arg, const struct xf_rollup_row *row)
{
	struct xf_rollup *dst = arg;

	return xf_rollup_add(dst, &row->period, row->key, row->keylen,
	    row->cases, row->persons, row->sums, NULL);
}

/*
 * The same 300 records added to one table, and split over three tables
 * whose states are added into a fourth: the finished rows are the same.
 * The records: day 1 + i % 40 of 2024-03 (spanning two ISO weeks'
 * boundaries and into April), key "k" + i % 7, persons 1 + i % 4, sum
 * i fen.
 */
static void
state__split_and_rebuilt__same_result(void **state)
{
	struct xf_rollup *all, *part[3], *merged;
	struct xf_rollup_opt opt = { .compare = XF_ROLLUP_PREV, .top = 3,
	    .other = "其他", .total = 1 };
	struct out o1, o2, o3;
	struct xf_date d0 = { 2024, 3, 1 }, d;
	char key[8];
	const char *kp[1] = { key };
	size_t kl[1], i;
	int64_t s[1];

	(void)state;
	all = xf_rollup_new(1, 1, XF_PERIOD_WEEK);
	merged = xf_rollup_new(1, 1, XF_PERIOD_WEEK);
	for (i = 0; i < 3; i++)
		part[i] = xf_rollup_new(1, 1, XF_PERIOD_WEEK);
	for (i = 0; i < 300; i++) {
		assert_int_equal(xf_date_add_days(&d0, (long)(i % 40), &d), 0);
		kl[0] = (size_t)snprintf(key, sizeof(key), "k%zu", i % 7);
		s[0] = (int64_t)i;
		assert_int_equal(xf_rollup_add(all, &d, kp, kl, 1, 1 + i % 4,
		    s, NULL), 0);
		assert_int_equal(xf_rollup_add(part[(i * 7) % 3], &d, kp, kl,
		    1, 1 + i % 4, s, NULL), 0);
	}
	for (i = 0; i < 3; i++)
		assert_int_equal(xf_rollup_state(part[i], rebuild, merged,
		    NULL), 0);
	out_init(&o1, XF_PERIOD_WEEK, 1, 1);
	out_init(&o2, XF_PERIOD_WEEK, 1, 1);
	assert_int_equal(xf_rollup_result(all, &opt, emit, &o1, NULL), 0);
	assert_int_equal(xf_rollup_result(merged, &opt, emit, &o2, NULL), 0);
	assert_true(o1.len > 0);
	assert_string_equal(o1.buf, o2.buf);
	/* The state itself is the same too, in period and key order. */
	out_init(&o1, XF_PERIOD_WEEK, 1, 1);
	out_init(&o3, XF_PERIOD_WEEK, 1, 1);
	assert_int_equal(xf_rollup_state(all, emit, &o1, NULL), 0);
	assert_int_equal(xf_rollup_state(merged, emit, &o3, NULL), 0);
	assert_string_equal(o1.buf, o3.buf);
	/* 2024-03-01 is a Friday, in 2024-W09; k0 first. */
	assert_memory_equal(o1.buf, "G|2024-W09|k0|", 14);
	for (i = 0; i < 3; i++)
		xf_rollup_free(part[i]);
	xf_rollup_free(all);
	xf_rollup_free(merged);
}

/*
 * State order and content on a small table: periods in time order
 * (2023-12 before 2024-01 though added later), keys bytewise.
 */
static void
state__small__period_then_key(void **state)
{
	struct xf_rollup *r = xf_rollup_new(1, 0, XF_PERIOD_MONTH);
	struct out o;

	(void)state;
	add1(r, "2024-01-02", "b", 2);
	add1(r, "2024-01-03", "a", 1);
	add1(r, "2023-12-31", "b", 1);
	add1(r, "2024-01-31", "b", 1);
	out_init(&o, XF_PERIOD_MONTH, 1, 0);
	assert_int_equal(xf_rollup_state(r, emit, &o, NULL), 0);
	assert_string_equal(o.buf,
	    "G|2023-12|b|1|1|-|0|0|-|-\n"
	    "G|2024-01|a|1|1|-|0|0|-|-\n"
	    "G|2024-01|b|2|3|-|0|0|-|-\n");
	xf_rollup_free(r);
}

static void
period_parse__labels__first_day(void **state)
{
	static const struct {
		int		 p;
		const char	*s;
		int		 y, m, d;
	} ok[] = {
		{ XF_PERIOD_DAY, "2024-05-06", 2024, 5, 6 },
		{ XF_PERIOD_DAY, "2024-02-29", 2024, 2, 29 },
		{ XF_PERIOD_WEEK, "2024-W19", 2024, 5, 6 },
		{ XF_PERIOD_WEEK, "2025-W01", 2024, 12, 30 },
		{ XF_PERIOD_WEEK, "2020-W53", 2020, 12, 28 },
		{ XF_PERIOD_WEEK, "2026-W53", 2026, 12, 28 },
		{ XF_PERIOD_MONTH, "2024-05", 2024, 5, 1 },
		{ XF_PERIOD_QUARTER, "2024-Q2", 2024, 4, 1 },
		{ XF_PERIOD_QUARTER, "2024-Q4", 2024, 10, 1 },
		{ XF_PERIOD_YEAR, "2024", 2024, 1, 1 },
		{ XF_PERIOD_YEAR, "0001", 1, 1, 1 },
	};
	struct xf_date d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		memset(&d, 0, sizeof(d));
		if (xf_rollup_period_parse(ok[i].p, ok[i].s, strlen(ok[i].s),
		    &d) != 0) {
			print_error("'%s' refused\n", ok[i].s);
			fail();
		}
		if (d.year != ok[i].y || d.month != ok[i].m ||
		    d.day != ok[i].d) {
			print_error("'%s': got %d-%d-%d\n", ok[i].s, d.year,
			    d.month, d.day);
			fail();
		}
	}
}

static void
period_parse__bad_labels__refused(void **state)
{
	static const struct {
		int		 p;
		const char	*s;
	} bad[] = {
		{ XF_PERIOD_DAY, "2024-02-30" },
		{ XF_PERIOD_DAY, "2023-02-29" },
		{ XF_PERIOD_DAY, "2024-5-06" },
		{ XF_PERIOD_DAY, "2024/05/06" },
		{ XF_PERIOD_DAY, "2024-05-06 " },
		{ XF_PERIOD_DAY, " 2024-05-06" },
		{ XF_PERIOD_DAY, "0000-01-01" },
		{ XF_PERIOD_DAY, "2024-05" },
		{ XF_PERIOD_WEEK, "2024-W53" },	/* 2024 has 52 weeks */
		{ XF_PERIOD_WEEK, "2024-W00" },
		{ XF_PERIOD_WEEK, "2024-W1" },
		{ XF_PERIOD_WEEK, "2024-w19" },
		{ XF_PERIOD_MONTH, "2024-13" },
		{ XF_PERIOD_MONTH, "2024-00" },
		{ XF_PERIOD_MONTH, "2024-5" },
		{ XF_PERIOD_MONTH, "2024-05-01" },
		{ XF_PERIOD_QUARTER, "2024-Q0" },
		{ XF_PERIOD_QUARTER, "2024-Q5" },
		{ XF_PERIOD_QUARTER, "2024-q2" },
		{ XF_PERIOD_YEAR, "0000" },
		{ XF_PERIOD_YEAR, "24" },
		{ XF_PERIOD_YEAR, "２０２４" },
		{ XF_PERIOD_YEAR, "" },
		{ 7, "2024" },
		{ -1, "2024" },
	};
	struct xf_date d = { 1999, 9, 9 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (xf_rollup_period_parse(bad[i].p, bad[i].s,
		    strlen(bad[i].s), &d) != -1) {
			print_error("'%s' accepted\n", bad[i].s);
			fail();
		}
	assert_int_equal(d.year, 1999);
}

/* persons: empty is 1; a positive number below 10^9, no leading zero. */
static void
rollup_persons__forms__count_or_zero(void **state)
{
	(void)state;
	assert_int_equal(xf_rollup_persons("", 0), 1);
	assert_int_equal(xf_rollup_persons("  ", 2), 1);
	assert_int_equal(xf_rollup_persons(" 3 ", 3), 3);
	assert_int_equal(xf_rollup_persons("\xef\xbc\x93\xef\xbc\x92", 6),
	    32);				/* full-width 32 */
	assert_int_equal(xf_rollup_persons("999999999", 9), 999999999);
	assert_int_equal(xf_rollup_persons("1000000000", 10), 0);
	assert_int_equal(xf_rollup_persons("0", 1), 0);
	assert_int_equal(xf_rollup_persons("007", 3), 0);
	assert_int_equal(xf_rollup_persons("-1", 2), 0);
	assert_int_equal(xf_rollup_persons("2a", 2), 0);
	assert_int_equal(xf_rollup_persons("1.5", 3), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(result__one_key__ordered_with_shares),
		cmocka_unit_test(result__ties__by_key_bytewise),
		cmocka_unit_test(result__months_prev__compared),
		cmocka_unit_test(result__months_yoy__compared),
		cmocka_unit_test(result__week_and_quarter__boundaries),
		cmocka_unit_test(result__top__folds_into_other),
		cmocka_unit_test(result__top_with_compare__other_prev),
		cmocka_unit_test(result__two_keys__other_needs_every_field),
		cmocka_unit_test(result__sums__exact_fen),
		cmocka_unit_test(add__overflow__refused_table_unchanged),
		cmocka_unit_test(result__bad_options__refused),
		cmocka_unit_test(result__empty__no_rows),
		cmocka_unit_test(result__no_key__one_row_per_period),
		cmocka_unit_test(state__split_and_rebuilt__same_result),
		cmocka_unit_test(state__small__period_then_key),
		cmocka_unit_test(period_parse__labels__first_day),
		cmocka_unit_test(period_parse__bad_labels__refused),
		cmocka_unit_test(rollup_persons__forms__count_or_zero),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
