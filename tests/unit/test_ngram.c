/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/ngram.c: normalisation, bigram sets and the
 * Jaccard similarity.  Every expected set and ratio is worked out by
 * hand in the comment beside it: the bigrams of "abcd" are ab, bc, cd;
 * J = |A ∩ B| / |A ∪ B|; thousandths are rounded half up.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "ngram.h"

/* A string literal and its length, NUL excluded. */
#define S(lit)	(lit), (sizeof(lit) - 1)

/* A finished set of one text. */
static void
set_of(struct xf_ngram *g, const char *s)
{
	memset(g, 0, sizeof(*g));
	xf_ngram_add(g, s, strlen(s));
	xf_ngram_finish(g);
}

/* The similarity in thousandths of two texts. */
static unsigned
sim(const char *a, const char *b)
{
	struct xf_ngram x, y;
	unsigned v;

	set_of(&x, a);
	set_of(&y, b);
	v = xf_ngram_similarity(&x, &y);
	xf_ngram_free(&x);
	xf_ngram_free(&y);
	return v;
}

static void
norm(const char *s, const char *want)
{
	char out[256];
	size_t n;

	n = xf_ngram_normalize(s, strlen(s), out, sizeof(out));
	assert_string_equal(out, want);
	assert_int_equal(n, strlen(want));
}

static void
normalize__punctuation_and_blanks__dropped(void **state)
{
	(void)state;
	norm("拆迁，补偿！", "拆迁补偿");
	norm("“拆迁” 《补偿》 【协议】、。", "拆迁补偿协议");
	norm("a b\tc\r\nd", "abcd");
	norm("—…·　", "");
	norm("", "");
}

static void
normalize__traditional_fullwidth_case__folded(void **state)
{
	(void)state;
	/* 遷 補 償 are the traditional forms of 迁 补 偿. */
	norm("拆遷補償，５万元！", "拆迁补偿5万元");
	norm("ＡＢＣ abc ABC", "abcabcabc");
}

static void
normalize__words_kept__digits_hangul_ideographic_zero(void **state)
{
	(void)state;
	norm("二〇二四年", "二〇二四年");
	norm("연길시 12号", "연길시12号");
	norm("Café", "café");
}

static void
normalize__bad_bytes__kept_as_themselves(void **state)
{
	(void)state;
	norm("a\xff" "b", "a\xff" "b");
}

static void
normalize__small_buffer__cut_at_character(void **state)
{
	char out[5];
	size_t n;

	(void)state;
	/* 拆 and 迁 are 3 bytes each: only 拆 fits with the NUL. */
	n = xf_ngram_normalize(S("拆迁"), out, sizeof(out));
	assert_int_equal(n, 6);
	assert_string_equal(out, "拆");
}

static void
add__bigrams__sorted_unique(void **state)
{
	struct xf_ngram g;

	(void)state;
	/* "ab" is stored exactly: 'a' << 16 | 'b'. */
	set_of(&g, "ab");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.g[0], 0x00610062u);
	xf_ngram_free(&g);
	/* 拆迁补偿: 拆迁 迁补 补偿. */
	set_of(&g, "拆迁补偿");
	assert_int_equal(g.n, 3);
	assert_int_equal(g.g[0] < g.g[1] && g.g[1] < g.g[2], 1);
	xf_ngram_free(&g);
	/* 哈哈哈哈: 哈哈 three times, once in the set. */
	set_of(&g, "哈哈哈哈");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.g[0], 0x54c854c8u);
	xf_ngram_free(&g);
}

static void
finish__many_bigrams__sorted_unique(void **state)
{
	struct xf_ngram g;
	unsigned char text[3 * 200];
	uint32_t c;
	size_t i;

	(void)state;
	/*
	 * 200 Hangul syllables counting down from U+AD00 to U+AC39: 199
	 * bigrams, each (c + 1) << 16 | c for c from U+AC39 to U+ACFF, all
	 * different, added in descending order; then the same text again
	 * (duplicates).  Hangul is untouched by the normalisation (Chinese
	 * characters would not do: U+4E82 亂 becomes U+4E71 乱).
	 */
	for (i = 0; i < 200; i++) {
		c = 0xAD00 - (uint32_t)i;
		text[3 * i] = (unsigned char)(0xE0 | c >> 12);
		text[3 * i + 1] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
		text[3 * i + 2] = (unsigned char)(0x80 | (c & 0x3F));
	}
	memset(&g, 0, sizeof(g));
	xf_ngram_add(&g, (const char *)text, sizeof(text));
	xf_ngram_add(&g, (const char *)text, sizeof(text));
	assert_int_equal(g.n, 2 * 199);
	xf_ngram_finish(&g);
	assert_int_equal(g.n, 199);
	for (i = 0; i < 199; i++) {
		c = 0xAC39 + (uint32_t)i;	/* the second character */
		if (g.g[i] != ((c + 1) << 16 | c))
			fail_msg("entry %zu is %#x", i, (unsigned)g.g[i]);
	}
	xf_ngram_free(&g);
}

static void
add__two_texts__no_bigram_across(void **state)
{
	struct xf_ngram g, h;

	(void)state;
	memset(&g, 0, sizeof(g));
	xf_ngram_add(&g, S("ab"));
	xf_ngram_add(&g, S("cd"));
	xf_ngram_finish(&g);
	/* ab, cd; not bc. */
	assert_int_equal(g.n, 2);
	assert_int_equal(g.g[0], 0x00610062u);
	assert_int_equal(g.g[1], 0x00630064u);
	set_of(&h, "abcd");
	/* ab bc cd against ab cd: 2 common, 3 in the union: 667. */
	assert_int_equal(xf_ngram_common(&g, &h), 2);
	assert_int_equal(xf_ngram_similarity(&g, &h), 667);
	xf_ngram_free(&g);
	xf_ngram_free(&h);
}

static void
add__one_character__kept_alone(void **state)
{
	struct xf_ngram g;

	(void)state;
	set_of(&g, "水！");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.g[0], 0x6c34u);	/* 水 is U+6C34 */
	xf_ngram_free(&g);
	assert_int_equal(sim("水", "水"), 1000);
	/* {水} against {水水}: nothing in common. */
	assert_int_equal(sim("水", "水水"), 0);
}

static void
add__empty_text__empty_set(void **state)
{
	struct xf_ngram g;

	(void)state;
	set_of(&g, "，。！？");
	assert_int_equal(g.n, 0);
	xf_ngram_free(&g);
}

static void
add__long_text__first_2000_characters(void **state)
{
	struct xf_ngram g;
	char *s;

	(void)state;
	s = malloc(3001);
	assert_non_null(s);
	memset(s, 'a', 3000);
	s[3000] = '\0';
	memset(&g, 0, sizeof(g));
	xf_ngram_add(&g, s, 3000);
	/* 2000 characters counted, 1999 bigrams "aa" before finishing. */
	assert_int_equal(g.chars, XF_NGRAM_MAXCHARS);
	assert_int_equal(g.n, XF_NGRAM_MAXCHARS - 1);
	/* Nothing more goes in. */
	xf_ngram_add(&g, S("bc"));
	assert_int_equal(g.n, XF_NGRAM_MAXCHARS - 1);
	xf_ngram_finish(&g);
	assert_int_equal(g.n, 1);
	xf_ngram_free(&g);
	free(s);
}

static void
add__outside_bmp__pairs_hashed_consistently(void **state)
{
	(void)state;
	/* U+20000 U+20001 twice: one bigram each, equal. */
	assert_int_equal(sim("\xf0\xa0\x80\x80\xf0\xa0\x80\x81",
	    "\xf0\xa0\x80\x80\xf0\xa0\x80\x81"), 1000);
	assert_int_equal(sim("\xf0\xa0\x80\x80\xf0\xa0\x80\x81",
	    "\xf0\xa0\x80\x81\xf0\xa0\x80\x80"), 0);
}

static void
clear__reuse__starts_afresh(void **state)
{
	struct xf_ngram g;

	(void)state;
	set_of(&g, "abcdef");
	xf_ngram_clear(&g);
	xf_ngram_add(&g, S("xy"));
	xf_ngram_finish(&g);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.chars, 2);
	assert_int_equal(g.g[0], 0x00780079u);
	xf_ngram_free(&g);
}

static void
similarity__worked_examples(void **state)
{
	(void)state;
	/* 拆迁补偿款 {拆迁 迁补 补偿 偿款} and 拆迁补偿: 3 / 4 = 750. */
	assert_int_equal(sim("拆迁补偿款", "拆迁补偿"), 750);
	/* Spelling does not matter: 拆遷補償款 is the same set. */
	assert_int_equal(sim("拆遷補償款！", "拆迁补偿款"), 1000);
	/* abc {ab bc} and bcd {bc cd}: 1 / 3 = 333.3, 333. */
	assert_int_equal(sim("abc", "bcd"), 333);
	/* abcd {ab bc cd} and bcde {bc cd de}: 2 / 4 = 500. */
	assert_int_equal(sim("abcd", "bcde"), 500);
	/* Nothing in common. */
	assert_int_equal(sim("供暖不热", "拖欠工资"), 0);
}

static void
similarity__half_thousandth__rounded_up(void **state)
{
	(void)state;
	/*
	 * abcdefghij has 9 bigrams (ab .. ij), ijklmnopq 8 (ij .. pq);
	 * they share ij: 1 / 16 = 62.5 thousandths, 63.
	 */
	assert_int_equal(sim("abcdefghij", "ijklmnopq"), 63);
	/* 1 / 15 = 66.67: abcdefghij and ijklmnop (7: ij .. op), 67. */
	assert_int_equal(sim("abcdefghij", "ijklmnop"), 67);
	/* 1 / 17 = 58.82: and ijklmnopqr (9), 59. */
	assert_int_equal(sim("abcdefghij", "ijklmnopqr"), 59);
}

static void
similarity__empty_sets__zero(void **state)
{
	(void)state;
	assert_int_equal(sim("", ""), 0);
	assert_int_equal(sim("", "abc"), 0);
	assert_int_equal(xf_ngram_similarity_v(0, 0, 0), 0);
}

static void
reaches__threshold_itself__included(void **state)
{
	struct xf_ngram a, b;

	(void)state;
	/* ab bc cd de and ab bc cd: 3 / 4 = 0.75 exactly. */
	set_of(&a, "abcde");
	set_of(&b, "abcd");
	assert_int_equal(xf_ngram_reaches(&a, &b, 750), 1);
	assert_int_equal(xf_ngram_reaches(&a, &b, 751), 0);
	assert_int_equal(xf_ngram_reaches(&a, &b, 0), 1);
	xf_ngram_free(&a);
	xf_ngram_free(&b);
	/* 1 / 16 = 0.0625: reaches 0.062, not 0.063 (exact, no rounding). */
	set_of(&a, "abcdefghij");
	set_of(&b, "ijklmnopq");
	assert_int_equal(xf_ngram_reaches(&a, &b, 62), 1);
	assert_int_equal(xf_ngram_reaches(&a, &b, 63), 0);
	xf_ngram_free(&a);
	xf_ngram_free(&b);
}

static void
reaches__empty_sets__only_zero(void **state)
{
	(void)state;
	assert_int_equal(xf_ngram_reaches_v(0, 0, 0, 0), 1);
	assert_int_equal(xf_ngram_reaches_v(0, 0, 0, 1), 0);
	assert_int_equal(xf_ngram_reaches_v(0, 0, 5, 0), 1);
	assert_int_equal(xf_ngram_reaches_v(0, 0, 5, 1), 0);
}

static void
reaches__identical__one(void **state)
{
	(void)state;
	/* 5 of 5: 1000 × 5 >= 1000 × 5. */
	assert_int_equal(xf_ngram_reaches_v(5, 5, 5, 1000), 1);
	/* 4 of 5: not 1. */
	assert_int_equal(xf_ngram_reaches_v(4, 5, 4, 1000), 0);
}

static void
common_v__merge__counts(void **state)
{
	static const uint32_t a[] = { 1, 3, 5, 7, 9 };
	static const uint32_t b[] = { 2, 3, 4, 7, 10, 11 };

	(void)state;
	assert_int_equal(xf_ngram_common_v(a, 5, b, 6), 2);
	assert_int_equal(xf_ngram_common_v(a, 5, a, 5), 5);
	assert_int_equal(xf_ngram_common_v(a, 0, b, 6), 0);
	/* 2 / (5 + 6 - 2) = 2 / 9 = 222.2. */
	assert_int_equal(xf_ngram_similarity_v(2, 5, 6), 222);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normalize__punctuation_and_blanks__dropped),
		cmocka_unit_test(
		    normalize__traditional_fullwidth_case__folded),
		cmocka_unit_test(
		    normalize__words_kept__digits_hangul_ideographic_zero),
		cmocka_unit_test(normalize__bad_bytes__kept_as_themselves),
		cmocka_unit_test(normalize__small_buffer__cut_at_character),
		cmocka_unit_test(add__bigrams__sorted_unique),
		cmocka_unit_test(finish__many_bigrams__sorted_unique),
		cmocka_unit_test(add__two_texts__no_bigram_across),
		cmocka_unit_test(add__one_character__kept_alone),
		cmocka_unit_test(add__empty_text__empty_set),
		cmocka_unit_test(add__long_text__first_2000_characters),
		cmocka_unit_test(add__outside_bmp__pairs_hashed_consistently),
		cmocka_unit_test(clear__reuse__starts_afresh),
		cmocka_unit_test(similarity__worked_examples),
		cmocka_unit_test(similarity__half_thousandth__rounded_up),
		cmocka_unit_test(similarity__empty_sets__zero),
		cmocka_unit_test(reaches__threshold_itself__included),
		cmocka_unit_test(reaches__empty_sets__only_zero),
		cmocka_unit_test(reaches__identical__one),
		cmocka_unit_test(common_v__merge__counts),
	};

	return cmocka_run_group_tests_name("ngram", tests, NULL, NULL);
}
