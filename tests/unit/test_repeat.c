/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/repeat.c: the window, the chains, the threshold and
 * the memory held.  Texts are short ASCII strings whose bigram sets are
 * easy to count by hand: "abcde" is {ab bc cd de}; "abcd" and "abcde"
 * share 3 of 4 (0.75).  Days are plain numbers.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "ngram.h"
#include "repeat.h"

struct fx {
	struct xf_repeat	*r;
	struct xf_ngram		 g;
	struct xf_repeat_result	 res;
	char			 of[64];	/* res.repeat_of, copied */
	char			 to[64];	/* res.similar_to, copied */
};

static struct fx *
start(long window, unsigned sim, int any, size_t per)
{
	static struct fx f;
	struct xf_repeat_opt o;

	memset(&f, 0, sizeof(f));
	memset(&o, 0, sizeof(o));
	o.window = window;
	o.similarity = sim;
	o.any_topic = any;
	o.per_person = per;
	f.r = xf_repeat_new(&o);
	return &f;
}

static void
stop(struct fx *f)
{
	xf_repeat_free(f->r);
	xf_ngram_free(&f->g);
}

/* Add petition id of person who on day with text; copy the strings. */
static void
add(struct fx *f, long day, const char *who, const char *id,
    const char *text)
{
	xf_ngram_clear(&f->g);
	xf_ngram_add(&f->g, text, strlen(text));
	xf_ngram_finish(&f->g);
	xf_repeat_add(f->r, day, who, strlen(who), id, strlen(id), &f->g,
	    &f->res);
	snprintf(f->of, sizeof(f->of), "%.*s", (int)f->res.repeat_of_len,
	    f->res.repeat_of != NULL ? f->res.repeat_of : "");
	snprintf(f->to, sizeof(f->to), "%.*s", (int)f->res.similar_to_len,
	    f->res.similar_to != NULL ? f->res.similar_to : "");
}

static void
add__first_petition__nothing_to_compare(void **state)
{
	struct fx *f = start(90, 500, 0, 0);

	(void)state;
	add(f, 0, "P", "A", "abcde");
	assert_int_equal(f->res.repeat, 0);
	assert_int_equal(f->res.repeat_n, 0);
	assert_int_equal(f->res.compared, 0);
	assert_string_equal(f->of, "");
	assert_string_equal(f->to, "");
	stop(f);
}

static void
add__similar_within_window__chain_numbered(void **state)
{
	struct fx *f = start(90, 500, 0, 0);

	(void)state;
	add(f, 0, "P", "A", "abcde");
	add(f, 10, "P", "B", "abcd");	/* 3/4 of A */
	assert_int_equal(f->res.repeat, 1);
	assert_int_equal(f->res.repeat_n, 1);
	assert_string_equal(f->of, "A");
	assert_string_equal(f->to, "A");
	assert_int_equal(f->res.similarity, 750);
	add(f, 20, "P", "C", "abcde");	/* 4/4 of A, 3/4 of B: A */
	assert_int_equal(f->res.repeat_n, 2);
	assert_string_equal(f->of, "A");
	assert_string_equal(f->to, "A");
	assert_int_equal(f->res.similarity, 1000);
	stop(f);
}

static void
add__other_person__no_repeat(void **state)
{
	struct fx *f = start(90, 500, 0, 0);

	(void)state;
	add(f, 0, "P", "A", "abcde");
	add(f, 1, "Q", "B", "abcde");
	assert_int_equal(f->res.repeat, 0);
	assert_int_equal(f->res.compared, 0);
	/* A person key that is a prefix of another is another person. */
	add(f, 2, "PP", "C", "abcde");
	assert_int_equal(f->res.compared, 0);
	stop(f);
}

static void
add__window_edges__day_window_included(void **state)
{
	struct fx *f = start(90, 500, 0, 0);

	(void)state;
	add(f, 0, "P", "A", "abcde");
	add(f, 90, "P", "B", "abcde");	/* 90 days after: within (以内) */
	assert_int_equal(f->res.repeat, 1);
	assert_string_equal(f->of, "A");
	stop(f);

	f = start(90, 500, 0, 0);
	add(f, 0, "P", "A", "abcde");
	add(f, 91, "P", "B", "abcde");	/* 91 days: outside */
	assert_int_equal(f->res.repeat, 0);
	assert_int_equal(f->res.compared, 0);
	stop(f);
}

static void
add__window_zero__same_day_only(void **state)
{
	struct fx *f = start(0, 500, 0, 0);

	(void)state;
	add(f, 5, "P", "A", "abcde");
	add(f, 5, "P", "B", "abcde");
	assert_int_equal(f->res.repeat, 1);
	add(f, 6, "P", "C", "abcde");
	assert_int_equal(f->res.repeat, 0);
	assert_int_equal(f->res.compared, 0);
	stop(f);
}

static void
add__threshold_exactly__included(void **state)
{
	struct fx *f = start(90, 750, 0, 0);

	(void)state;
	add(f, 0, "P", "A", "abcde");
	add(f, 1, "P", "B", "abcd");	/* exactly 0.75 */
	assert_int_equal(f->res.repeat, 1);
	stop(f);

	f = start(90, 751, 0, 0);
	add(f, 0, "P", "A", "abcde");
	add(f, 1, "P", "B", "abcd");
	assert_int_equal(f->res.repeat, 0);
	/* Not a repeat, but the nearest petition is reported. */
	assert_int_equal(f->res.compared, 1);
	assert_int_equal(f->res.similarity, 750);
	assert_string_equal(f->to, "A");
	assert_string_equal(f->of, "");
	stop(f);
}

static void
add__any_topic__dissimilar_repeats(void **state)
{
	struct fx *f = start(90, 1000, 1, 0);

	(void)state;
	add(f, 0, "P", "A", "abcde");
	add(f, 3, "P", "B", "vwxyz");
	assert_int_equal(f->res.repeat, 1);
	assert_int_equal(f->res.repeat_n, 1);
	assert_int_equal(f->res.similarity, 0);
	assert_string_equal(f->of, "A");
	stop(f);
}

static void
add__two_chains__most_similar_wins_tie_latest(void **state)
{
	struct fx *f = start(90, 200, 0, 0);

	(void)state;
	add(f, 0, "P", "A", "abcdef");	/* ab bc cd de ef */
	add(f, 1, "P", "B", "uvwxyz");	/* uv vw wx xy yz; not A's */
	assert_int_equal(f->res.repeat, 0);
	/* abcdxyz: ab bc cd dx xy yz; 3 of A's (3/8), 2 of B's (2/9). */
	add(f, 2, "P", "C", "abcdxyz");
	assert_int_equal(f->res.repeat, 1);
	assert_string_equal(f->of, "A");
	assert_string_equal(f->to, "A");
	assert_int_equal(f->res.similarity, 375);
	/* uvwxyz again: 5/5 of B, 2/9 of C: B's chain. */
	add(f, 3, "P", "D", "uvwxyz");
	assert_string_equal(f->of, "B");
	assert_int_equal(f->res.repeat_n, 1);
	/* abcdef again: 5/5 of A; C 3/8.  A, chain A, repeat 2. */
	add(f, 4, "P", "E", "abcdef");
	assert_string_equal(f->of, "A");
	assert_string_equal(f->to, "A");
	assert_int_equal(f->res.repeat_n, 2);
	/* Again: A and E both 5/5: the latest, E; still chain A. */
	add(f, 5, "P", "F", "abcdef");
	assert_string_equal(f->to, "E");
	assert_string_equal(f->of, "A");
	assert_int_equal(f->res.repeat_n, 3);
	stop(f);
}

static void
add__chain_outlives_its_first__keeps_its_id(void **state)
{
	struct fx *f = start(90, 500, 0, 0);

	(void)state;
	add(f, 0, "P", "A", "abcde");
	add(f, 80, "P", "B", "abcde");
	assert_string_equal(f->of, "A");
	/* Day 150: A (0) is out of the window and dropped, B (80) is in. */
	add(f, 150, "P", "C", "abcde");
	assert_int_equal(f->res.repeat, 1);
	assert_string_equal(f->of, "A");
	assert_string_equal(f->to, "B");
	assert_int_equal(f->res.repeat_n, 2);
	assert_int_equal(xf_repeat_held(f->r), 2);
	stop(f);
}

static void
add__window_moves_on__memory_released(void **state)
{
	struct fx *f = start(30, 500, 0, 0);
	char who[16], id[16];
	int i;

	(void)state;
	for (i = 0; i < 100; i++) {
		snprintf(who, sizeof(who), "P%d", i);
		snprintf(id, sizeof(id), "A%d", i);
		add(f, i / 10, who, id, "abcde");	/* days 0..9 */
	}
	assert_int_equal(xf_repeat_held(f->r), 100);
	assert_int_equal(xf_repeat_people(f->r), 100);
	/* Day 40: days before 10 are more than 30 days back: all gone. */
	add(f, 40, "Q", "B", "abcde");
	assert_int_equal(xf_repeat_held(f->r), 1);
	assert_int_equal(xf_repeat_people(f->r), 1);
	/* Day 39 would keep day 9 (39 - 30 = 9). */
	stop(f);

	f = start(30, 500, 0, 0);
	add(f, 9, "P", "A", "abcde");
	add(f, 39, "Q", "B", "abcde");
	assert_int_equal(xf_repeat_held(f->r), 2);
	add(f, 40, "Q", "C", "abcde");
	assert_int_equal(xf_repeat_held(f->r), 2);
	assert_int_equal(xf_repeat_people(f->r), 1);
	stop(f);
}

static void
add__people_dropped_and_back__table_still_finds_them(void **state)
{
	struct fx *f = start(10, 500, 0, 0);
	char who[16], id[16];
	int i, round;

	(void)state;
	/* Many deletions shift entries back; every lookup must still work. */
	for (round = 0; round < 3; round++) {
		for (i = 0; i < 1000; i++) {
			snprintf(who, sizeof(who), "P%d", (i * 7919) % 1000);
			snprintf(id, sizeof(id), "R%dI%d", round, i);
			add(f, round * 100, who, id, "abcde");
			assert_int_equal(f->res.repeat, 0);
		}
		assert_int_equal(xf_repeat_people(f->r), 1000);
		for (i = 0; i < 1000; i += 3) {
			snprintf(who, sizeof(who), "P%d", (i * 7919) % 1000);
			snprintf(id, sizeof(id), "S%dI%d", round, i);
			add(f, round * 100 + 1, who, id, "abcde");
			assert_int_equal(f->res.repeat, 1);
			assert_int_equal(f->res.repeat_n, 1);
		}
	}
	stop(f);
}

static void
add__out_of_order__flagged_and_not_compared_with_later(void **state)
{
	struct fx *f = start(90, 500, 0, 0);

	(void)state;
	add(f, 10, "P", "A", "abcde");
	assert_int_equal(f->res.out_of_order, 0);
	add(f, 5, "P", "B", "abcde");
	assert_int_equal(f->res.out_of_order, 1);
	assert_int_equal(f->res.repeat, 0);	/* A is later */
	assert_int_equal(f->res.compared, 0);
	add(f, 10, "P", "C", "abcde");
	assert_int_equal(f->res.out_of_order, 0);
	assert_int_equal(f->res.repeat, 1);
	stop(f);
}

static void
add__per_person_limit__earliest_dropped(void **state)
{
	struct fx *f = start(90, 500, 0, 2);

	(void)state;
	add(f, 0, "P", "A", "abcdef");
	add(f, 1, "P", "B", "uvwxyz");
	add(f, 2, "P", "C", "klmnop");	/* A dropped: 2 held */
	assert_int_equal(xf_repeat_held(f->r), 2);
	add(f, 3, "P", "D", "abcdef");	/* A's text, but A is gone */
	assert_int_equal(f->res.repeat, 0);
	assert_int_equal(f->res.compared, 1);
	add(f, 4, "P", "E", "uvwxyz");	/* B is gone too now */
	assert_int_equal(f->res.repeat, 0);
	add(f, 5, "P", "F", "abcdef");	/* D is held */
	assert_int_equal(f->res.repeat, 1);
	assert_string_equal(f->of, "D");
	stop(f);
}

static void
add__empty_texts__only_threshold_zero(void **state)
{
	struct fx *f = start(90, 1, 0, 0);

	(void)state;
	add(f, 0, "P", "A", "");
	add(f, 1, "P", "B", "，");
	assert_int_equal(f->res.repeat, 0);
	assert_int_equal(f->res.compared, 1);
	assert_int_equal(f->res.similarity, 0);
	stop(f);

	f = start(90, 0, 0, 0);
	add(f, 0, "P", "A", "");
	add(f, 1, "P", "B", "");
	assert_int_equal(f->res.repeat, 1);
	stop(f);
}

static void
add__empty_never_beats_similar(void **state)
{
	struct fx *f = start(90, 100, 0, 0);

	(void)state;
	add(f, 0, "P", "A", "abcde");
	add(f, 1, "P", "B", "");
	add(f, 2, "P", "C", "abcd");	/* 3/4 of A; B is 0 */
	assert_string_equal(f->to, "A");
	add(f, 3, "P", "D", "");	/* empty against all: 0, tie: latest */
	assert_string_equal(f->to, "C");
	assert_int_equal(f->res.repeat, 0);
	stop(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(add__first_petition__nothing_to_compare),
		cmocka_unit_test(add__similar_within_window__chain_numbered),
		cmocka_unit_test(add__other_person__no_repeat),
		cmocka_unit_test(add__window_edges__day_window_included),
		cmocka_unit_test(add__window_zero__same_day_only),
		cmocka_unit_test(add__threshold_exactly__included),
		cmocka_unit_test(add__any_topic__dissimilar_repeats),
		cmocka_unit_test(
		    add__two_chains__most_similar_wins_tie_latest),
		cmocka_unit_test(add__chain_outlives_its_first__keeps_its_id),
		cmocka_unit_test(add__window_moves_on__memory_released),
		cmocka_unit_test(
		    add__people_dropped_and_back__table_still_finds_them),
		cmocka_unit_test(
		    add__out_of_order__flagged_and_not_compared_with_later),
		cmocka_unit_test(add__per_person_limit__earliest_dropped),
		cmocka_unit_test(add__empty_texts__only_threshold_zero),
		cmocka_unit_test(add__empty_never_beats_similar),
	};

	return cmocka_run_group_tests_name("repeat", tests, NULL, NULL);
}
