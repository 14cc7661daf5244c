/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/eval.c: counting label pairs, class order, the
 * confusion cells, per-class and averaged metrics, trimming, picking the
 * prediction from a list, and rounding.  Expected metrics were worked out
 * by hand as fractions (and checked with python3's fractions module as a
 * calculator); they are written here as those fractions.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "eval.h"

#define EPS	1e-12

/* |a - b|, without libm. */
static double
near(double d)
{
	return d < 0 ? -d : d;
}

static void
add(struct xf_eval *e, const char *gold, const char *pred)
{
	assert_int_equal(xf_eval_add(e, gold, strlen(gold), pred,
	    strlen(pred)), 0);
}

static void
assert_label(struct xf_eval *e, size_t i, const char *want, size_t n)
{
	struct xf_eval_class c;

	xf_eval_class(e, i, &c);
	assert_int_equal(c.len, n);
	assert_memory_equal(c.label, want, n);
	assert_int_equal(c.label[n], '\0');
}

/*
 * Six rows, three classes:
 *   gold A: A, B      gold B: B      gold C: A, C, C
 *   A: tp 1, gold 2, pred 2   P 1/2  R 1/2  F1 1/2
 *   B: tp 1, gold 1, pred 2   P 1/2  R 1    F1 2/3
 *   C: tp 2, gold 3, pred 2   P 1    R 2/3  F1 4/5
 */
static struct xf_eval *
three(void)
{
	struct xf_eval *e = xf_eval_new();

	add(e, "C", "A");
	add(e, "A", "A");
	add(e, "B", "B");
	add(e, "A", "B");
	add(e, "C", "C");
	add(e, "C", "C");
	return e;
}

static void
eval_new__nothing_added__empty_summary(void **state)
{
	struct xf_eval *e = xf_eval_new();
	struct xf_eval_summary s;
	struct xf_eval_class c;

	(void)state;
	assert_int_equal(xf_eval_nclass(e), 0);
	xf_eval_summary(e, &s);
	assert_int_equal(s.rows, 0);
	assert_true(s.accuracy == 0.0);
	assert_true(s.macro.f1 == 0.0);
	assert_true(s.weighted.f1 == 0.0);
	assert_true(s.micro.f1 == 0.0);
	xf_eval_class(e, 0, &c);
	assert_null(c.label);
	assert_int_equal(xf_eval_cell(e, 0, 0), 0);
	xf_eval_free(e);
	xf_eval_free(NULL);
}

static void
eval_add__empty_gold__refused(void **state)
{
	struct xf_eval *e = xf_eval_new();
	struct xf_eval_summary s;

	(void)state;
	assert_int_equal(xf_eval_add(e, "", 0, "A", 1), -1);
	assert_int_equal(xf_eval_add(e, NULL, 0, NULL, 0), -1);
	assert_int_equal(xf_eval_nclass(e), 0);
	xf_eval_summary(e, &s);
	assert_int_equal(s.rows, 0);
	xf_eval_free(e);
}

static void
eval_class__three_classes__counts_in_label_order(void **state)
{
	struct xf_eval *e = three();
	struct xf_eval_class c;

	(void)state;
	assert_int_equal(xf_eval_nclass(e), 3);
	xf_eval_class(e, 0, &c);
	assert_string_equal(c.label, "A");
	assert_int_equal(c.tp, 1);
	assert_int_equal(c.gold, 2);
	assert_int_equal(c.pred, 2);
	xf_eval_class(e, 1, &c);
	assert_string_equal(c.label, "B");
	assert_int_equal(c.tp, 1);
	assert_int_equal(c.gold, 1);
	assert_int_equal(c.pred, 2);
	xf_eval_class(e, 2, &c);
	assert_string_equal(c.label, "C");
	assert_int_equal(c.tp, 2);
	assert_int_equal(c.gold, 3);
	assert_int_equal(c.pred, 2);
	xf_eval_class(e, 3, &c);
	assert_null(c.label);
	xf_eval_free(e);
}

static void
eval_score__three_classes__per_class_fractions(void **state)
{
	struct xf_eval *e = three();
	struct xf_eval_class c;
	struct xf_eval_score s;

	(void)state;
	xf_eval_class(e, 0, &c);
	xf_eval_score(&c, &s);
	assert_true(near(s.precision - 0.5) < EPS);
	assert_true(near(s.recall - 0.5) < EPS);
	assert_true(near(s.f1 - 0.5) < EPS);
	assert_int_equal(s.support, 2);
	xf_eval_class(e, 1, &c);
	xf_eval_score(&c, &s);
	assert_true(near(s.precision - 0.5) < EPS);
	assert_true(near(s.recall - 1.0) < EPS);
	assert_true(near(s.f1 - 2.0 / 3.0) < EPS);
	assert_int_equal(s.support, 1);
	xf_eval_class(e, 2, &c);
	xf_eval_score(&c, &s);
	assert_true(near(s.precision - 1.0) < EPS);
	assert_true(near(s.recall - 2.0 / 3.0) < EPS);
	assert_true(near(s.f1 - 0.8) < EPS);
	assert_int_equal(s.support, 3);
	xf_eval_free(e);
}

static void
eval_summary__three_classes__averages(void **state)
{
	struct xf_eval *e = three();
	struct xf_eval_summary s;

	(void)state;
	xf_eval_summary(e, &s);
	assert_int_equal(s.rows, 6);
	assert_int_equal(s.correct, 4);
	assert_int_equal(s.nopred, 0);
	assert_true(near(s.accuracy - 4.0 / 6.0) < EPS);
	/* Macro: (1/2 + 1/2 + 1) / 3, (1/2 + 1 + 2/3) / 3, (1/2 + 2/3 + 4/5) / 3. */
	assert_true(near(s.macro.precision - 2.0 / 3.0) < EPS);
	assert_true(near(s.macro.recall - 13.0 / 18.0) < EPS);
	assert_true(near(s.macro.f1 - 59.0 / 90.0) < EPS);
	/* Weighted by 2, 1, 3 over 6. */
	assert_true(near(s.weighted.precision - 0.75) < EPS);
	assert_true(near(s.weighted.recall - 4.0 / 6.0) < EPS);
	assert_true(near(s.weighted.f1 - 61.0 / 90.0) < EPS);
	/* Micro, every row predicted: all three are the accuracy. */
	assert_true(near(s.micro.precision - 4.0 / 6.0) < EPS);
	assert_true(near(s.micro.recall - 4.0 / 6.0) < EPS);
	assert_true(near(s.micro.f1 - 4.0 / 6.0) < EPS);
	assert_int_equal(s.macro.support, 6);
	assert_int_equal(s.weighted.support, 6);
	assert_int_equal(s.micro.support, 6);
	xf_eval_free(e);
}

static void
eval_cell__three_classes__confusion_matrix(void **state)
{
	struct xf_eval *e = three();
	static const unsigned long long want[3][4] = {
		{ 1, 1, 0, 0 },		/* gold A */
		{ 0, 1, 0, 0 },		/* gold B */
		{ 1, 0, 2, 0 },		/* gold C */
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < 3; i++)
		for (j = 0; j < 4; j++)
			assert_int_equal(xf_eval_cell(e, i, j), want[i][j]);
	assert_int_equal(xf_eval_cell(e, 3, 0), 0);
	assert_int_equal(xf_eval_cell(e, 0, 4), 0);
	xf_eval_free(e);
}

static void
eval_score__class_only_predicted__recall_and_f1_zero(void **state)
{
	struct xf_eval *e = xf_eval_new();
	struct xf_eval_class c;
	struct xf_eval_score s;
	struct xf_eval_summary sum;

	(void)state;
	add(e, "A", "A");
	add(e, "A", "X");
	assert_int_equal(xf_eval_nclass(e), 2);
	xf_eval_class(e, 1, &c);
	assert_string_equal(c.label, "X");
	assert_int_equal(c.gold, 0);
	assert_int_equal(c.pred, 1);
	xf_eval_score(&c, &s);
	assert_true(s.precision == 0.0);
	assert_true(s.recall == 0.0);
	assert_true(s.f1 == 0.0);
	assert_int_equal(s.support, 0);
	/* A: P 1, R 1/2, F1 2/3; macro halves them with X's zeros. */
	xf_eval_summary(e, &sum);
	assert_true(near(sum.macro.precision - 0.5) < EPS);
	assert_true(near(sum.macro.recall - 0.25) < EPS);
	assert_true(near(sum.macro.f1 - 1.0 / 3.0) < EPS);
	/* Weighted: X has no support, so A's values. */
	assert_true(near(sum.weighted.precision - 1.0) < EPS);
	assert_true(near(sum.weighted.recall - 0.5) < EPS);
	assert_true(near(sum.weighted.f1 - 2.0 / 3.0) < EPS);
	xf_eval_free(e);
}

static void
eval_score__class_only_gold__precision_zero(void **state)
{
	struct xf_eval *e = xf_eval_new();
	struct xf_eval_class c;
	struct xf_eval_score s;

	(void)state;
	add(e, "A", "A");
	add(e, "G", "A");
	xf_eval_class(e, 1, &c);
	assert_string_equal(c.label, "G");
	xf_eval_score(&c, &s);
	assert_true(s.precision == 0.0);
	assert_true(s.recall == 0.0);
	assert_true(s.f1 == 0.0);
	assert_int_equal(s.support, 1);
	xf_eval_class(e, 0, &c);
	xf_eval_score(&c, &s);
	assert_true(near(s.precision - 0.5) < EPS);
	assert_true(near(s.recall - 1.0) < EPS);
	assert_true(near(s.f1 - 2.0 / 3.0) < EPS);
	xf_eval_free(e);
}

static void
eval_add__no_prediction__wrong_and_no_class(void **state)
{
	struct xf_eval *e = xf_eval_new();
	struct xf_eval_summary s;
	struct xf_eval_class c;

	(void)state;
	add(e, "A", "A");
	add(e, "A", "");
	add(e, "B", "B");
	assert_int_equal(xf_eval_add(e, "B", 1, NULL, 0), 0);
	assert_int_equal(xf_eval_nclass(e), 2);
	xf_eval_class(e, 0, &c);
	assert_int_equal(c.gold, 2);
	assert_int_equal(c.pred, 1);
	xf_eval_summary(e, &s);
	assert_int_equal(s.rows, 4);
	assert_int_equal(s.correct, 2);
	assert_int_equal(s.nopred, 2);
	assert_true(near(s.accuracy - 0.5) < EPS);
	/* Micro: 2 right of 2 predicted, of 4 gold; F1 2*2 / (4 + 2). */
	assert_true(near(s.micro.precision - 1.0) < EPS);
	assert_true(near(s.micro.recall - 0.5) < EPS);
	assert_true(near(s.micro.f1 - 2.0 / 3.0) < EPS);
	/* The last column of the matrix holds the rows without one. */
	assert_int_equal(xf_eval_cell(e, 0, 2), 1);
	assert_int_equal(xf_eval_cell(e, 1, 2), 1);
	assert_int_equal(xf_eval_cell(e, 0, 0), 1);
	assert_int_equal(xf_eval_cell(e, 0, 1), 0);
	xf_eval_free(e);
}

static void
eval_class__byte_order__prefix_first_utf8_by_bytes(void **state)
{
	struct xf_eval *e = xf_eval_new();

	(void)state;
	/*
	 * UTF-8: 劳 E5 8A B3, 土 E5 9C 9F, 住 E4 BD 8F; a NUL inside a
	 * label is a byte like any other.
	 */
	add(e, "劳动", "土地");
	add(e, "b", "ab");
	assert_int_equal(xf_eval_add(e, "a\0z", 3, "a", 1), 0);
	add(e, "住房", "Z");
	assert_int_equal(xf_eval_nclass(e), 8);
	assert_label(e, 0, "Z", 1);
	assert_label(e, 1, "a", 1);
	assert_label(e, 2, "a\0z", 3);
	assert_label(e, 3, "ab", 2);
	assert_label(e, 4, "b", 1);
	assert_label(e, 5, "住房", 6);
	assert_label(e, 6, "劳动", 6);
	assert_label(e, 7, "土地", 6);
	xf_eval_free(e);
}

static void
eval_add__many_labels__tables_grow(void **state)
{
	struct xf_eval *e = xf_eval_new();
	struct xf_eval_class c;
	struct xf_eval_summary s;
	char g[16], p[16];
	size_t i;

	(void)state;
	/* Label i is gold three times: predicted right, as i + 1, and as i
	 * + 2 (mod 1000), so 1000 labels and 3000 distinct pairs. */
	for (i = 0; i < 1000; i++) {
		snprintf(g, sizeof(g), "L%03zu", i);
		add(e, g, g);
		snprintf(p, sizeof(p), "L%03zu", (i + 1) % 1000);
		add(e, g, p);
		snprintf(p, sizeof(p), "L%03zu", (i + 2) % 1000);
		add(e, g, p);
	}
	assert_int_equal(xf_eval_nclass(e), 1000);
	for (i = 0; i < 1000; i++) {
		snprintf(g, sizeof(g), "L%03zu", i);
		xf_eval_class(e, i, &c);
		assert_string_equal(c.label, g);
		assert_int_equal(c.tp, 1);
		assert_int_equal(c.gold, 3);
		assert_int_equal(c.pred, 3);
		assert_int_equal(xf_eval_cell(e, i, i), 1);
		assert_int_equal(xf_eval_cell(e, i, (i + 1) % 1000), 1);
		assert_int_equal(xf_eval_cell(e, i, (i + 2) % 1000), 1);
		assert_int_equal(xf_eval_cell(e, i, (i + 3) % 1000), 0);
	}
	xf_eval_summary(e, &s);
	assert_int_equal(s.rows, 3000);
	assert_true(near(s.accuracy - 1.0 / 3.0) < EPS);
	assert_true(near(s.macro.f1 - 1.0 / 3.0) < 1e-9);
	xf_eval_free(e);
}

static void
eval_class__added_after_sorting__sorted_again(void **state)
{
	struct xf_eval *e = xf_eval_new();

	(void)state;
	add(e, "m", "m");
	assert_label(e, 0, "m", 1);
	add(e, "c", "x");
	assert_int_equal(xf_eval_nclass(e), 3);
	assert_label(e, 0, "c", 1);
	assert_label(e, 1, "m", 1);
	assert_label(e, 2, "x", 1);
	assert_int_equal(xf_eval_cell(e, 0, 2), 1);
	xf_eval_free(e);
}

static void
eval_trim__spaces_and_tabs__trimmed(void **state)
{
	size_t s, n;

	(void)state;
	xf_eval_trim("  A b\t ", 7, &s, &n);
	assert_int_equal(s, 2);
	assert_int_equal(n, 3);
	xf_eval_trim(" \t ", 3, &s, &n);
	assert_int_equal(n, 0);
	xf_eval_trim("", 0, &s, &n);
	assert_int_equal(s, 0);
	assert_int_equal(n, 0);
	xf_eval_trim("x", 1, &s, &n);
	assert_int_equal(s, 0);
	assert_int_equal(n, 1);
}

static void
eval_trim__other_blanks__kept(void **state)
{
	size_t s, n;

	(void)state;
	/* U+3000 (E3 80 80), CR and LF are not ASCII spaces or tabs. */
	xf_eval_trim("\xe3\x80\x80" "A", 4, &s, &n);
	assert_int_equal(s, 0);
	assert_int_equal(n, 4);
	xf_eval_trim("A\r\n", 3, &s, &n);
	assert_int_equal(n, 3);
}

static void
eval_pick__gold_listed__hit(void **state)
{
	const char *l = "A; B ;C";
	size_t s, n;

	(void)state;
	assert_int_equal(xf_eval_pick("B", 1, l, strlen(l), ';', &s, &n), 1);
	assert_int_equal(s, 3);
	assert_int_equal(n, 1);
	assert_int_equal(xf_eval_pick("C", 1, l, strlen(l), ';', &s, &n), 1);
	assert_int_equal(s, 6);
	assert_int_equal(n, 1);
}

static void
eval_pick__gold_not_listed__first_label(void **state)
{
	const char *l = " ; AB ;A";
	size_t s, n;

	(void)state;
	/* "A" is listed last: a hit, and not a match with "AB". */
	assert_int_equal(xf_eval_pick("A", 1, l, strlen(l), ';', &s, &n), 1);
	assert_int_equal(s, 7);
	assert_int_equal(xf_eval_pick("X", 1, l, strlen(l), ';', &s, &n), 0);
	assert_int_equal(s, 3);
	assert_int_equal(n, 2);
	assert_int_equal(xf_eval_pick("B", 1, l, strlen(l), ';', &s, &n), 0);
	assert_int_equal(s, 3);
	assert_int_equal(n, 2);
}

static void
eval_pick__no_label__empty(void **state)
{
	size_t s, n;

	(void)state;
	assert_int_equal(xf_eval_pick("A", 1, "", 0, ';', &s, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(xf_eval_pick("A", 1, NULL, 0, ';', &s, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(xf_eval_pick("A", 1, " ;;\t; ", 6, ';', &s, &n), 0);
	assert_int_equal(n, 0);
}

static void
eval_pick__other_separator__used(void **state)
{
	const char *l = "住房|劳动";
	size_t s, n;

	(void)state;
	assert_int_equal(xf_eval_pick("劳动", 6, l, strlen(l), '|', &s, &n),
	    1);
	assert_int_equal(s, 7);
	assert_int_equal(n, 6);
	/* With ';' the whole field is one label. */
	assert_int_equal(xf_eval_pick("劳动", 6, l, strlen(l), ';', &s, &n),
	    0);
	assert_int_equal(s, 0);
	assert_int_equal(n, strlen(l));
}

static void
eval_format__fractions__four_decimals(void **state)
{
	char b[XF_EVAL_NUMSZ];

	(void)state;
	xf_eval_format(0.0, b);
	assert_string_equal(b, "0.0000");
	xf_eval_format(1.0, b);
	assert_string_equal(b, "1.0000");
	xf_eval_format(2.0 / 3.0, b);
	assert_string_equal(b, "0.6667");
	xf_eval_format(1.0 / 3.0, b);
	assert_string_equal(b, "0.3333");
	xf_eval_format(59.0 / 90.0, b);		/* 0.65555... */
	assert_string_equal(b, "0.6556");
	xf_eval_format(0.99995, b);
	assert_string_equal(b, "1.0000");
	xf_eval_format(0.99994999, b);
	assert_string_equal(b, "0.9999");
}

static void
eval_format__halves__up(void **state)
{
	char b[XF_EVAL_NUMSZ];

	(void)state;
	/* 1/32 = 0.03125 exactly: half up, where printf's %.4f gives 0.0312. */
	xf_eval_format(1.0 / 32.0, b);
	assert_string_equal(b, "0.0313");
	xf_eval_format(0.00005, b);
	assert_string_equal(b, "0.0001");
	/* 0.00015 * 10000 is 1.4999999999999998 in doubles. */
	xf_eval_format(0.00015, b);
	assert_string_equal(b, "0.0002");
	xf_eval_format(0.000149999, b);
	assert_string_equal(b, "0.0001");
}

static void
eval_format__out_of_range__clamped(void **state)
{
	char b[XF_EVAL_NUMSZ];

	(void)state;
	xf_eval_format(-0.5, b);
	assert_string_equal(b, "0.0000");
	xf_eval_format(1.5, b);
	assert_string_equal(b, "1.0000");
	xf_eval_format(NAN, b);
	assert_string_equal(b, "0.0000");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(eval_new__nothing_added__empty_summary),
		cmocka_unit_test(eval_add__empty_gold__refused),
		cmocka_unit_test(
		    eval_class__three_classes__counts_in_label_order),
		cmocka_unit_test(eval_score__three_classes__per_class_fractions),
		cmocka_unit_test(eval_summary__three_classes__averages),
		cmocka_unit_test(eval_cell__three_classes__confusion_matrix),
		cmocka_unit_test(
		    eval_score__class_only_predicted__recall_and_f1_zero),
		cmocka_unit_test(eval_score__class_only_gold__precision_zero),
		cmocka_unit_test(eval_add__no_prediction__wrong_and_no_class),
		cmocka_unit_test(
		    eval_class__byte_order__prefix_first_utf8_by_bytes),
		cmocka_unit_test(eval_add__many_labels__tables_grow),
		cmocka_unit_test(eval_class__added_after_sorting__sorted_again),
		cmocka_unit_test(eval_trim__spaces_and_tabs__trimmed),
		cmocka_unit_test(eval_trim__other_blanks__kept),
		cmocka_unit_test(eval_pick__gold_listed__hit),
		cmocka_unit_test(eval_pick__gold_not_listed__first_label),
		cmocka_unit_test(eval_pick__no_label__empty),
		cmocka_unit_test(eval_pick__other_separator__used),
		cmocka_unit_test(eval_format__fractions__four_decimals),
		cmocka_unit_test(eval_format__halves__up),
		cmocka_unit_test(eval_format__out_of_range__clamped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
