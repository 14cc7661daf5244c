/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/rules.c and lib/ac.c: loading and checking rules
 * files, the literal keys worked out from patterns, scoring, negation,
 * rules that need a companion, the match limit, and the prefilter never
 * changing an answer.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ac.h"
#include "hanzi.h"
#include "rules.h"
#include "xf.h"

static void
keys_is(const char *pattern, const char *want)
{
	char *got = xf_rules_pattern_keys(pattern);

	if (want == NULL) {
		if (got != NULL)
			fail_msg("'%s': keys '%s', expected none", pattern, got);
		return;
	}
	if (got == NULL)
		fail_msg("'%s': no keys, expected '%s'", pattern, want);
	assert_string_equal(got, want);
	free(got);
}

static void
pattern_keys__literals_and_groups(void **state)
{
	(void)state;
keys_is("拖欠工资", "拖欠工资");
	keys_is("工资|工钱|薪水", "工资|工钱|薪水");
	/* Every mandatory part is a set ('&'), the best filter first. */
	keys_is("(拖欠|欠薪).{0,12}(工资|工钱|劳务费)",
	    "拖欠|欠薪&工资|工钱|劳务费");
	keys_is("要求.{0,6}(补发工资|结清)", "要求&补发工资|结清");
	keys_is("要求.{0,6}(补发工资|结清款)", "补发工资|结清款&要求");
	/* An optional character or group is not a key. */
	keys_is("拖欠?工资", "工资&拖");
	keys_is("(?:尚未)?拆迁", "拆迁");
	keys_is("拆迁(补偿)?", "拆迁");
	/* Escaped punctuation is literal text. */
	keys_is("3\\.5万", "3.5万");
	/* Classes and escapes cut a run. */
	keys_is("\\d+万元", "万元");
	keys_is("[拆折]迁", "迁");
	/* A branch without keys means no keys for the alternation. */
	keys_is("拆迁|\\d+", NULL);
	keys_is(".*", NULL);
	/* Constructs not followed give up, safely. */
	keys_is("(?i)abc", NULL);
	keys_is("(?<n>工资)", NULL);
	/* Lookarounds are skipped. */
	keys_is("(?<!不)拆迁", "拆迁");
	keys_is("ABC", "ABC");
	/* A group without keys is passed over, not the end of the pattern. */
	keys_is("卖给(?:两|[0-9])个人", "卖给&个人");
	keys_is("(?:[^,])拆迁款", "拆迁款");
	/* At most three sets. */
	keys_is("一a.二bb.三ccc.四dddd", "四dddd&三ccc&二bb");
}

/*
 * The prefilter finds keys byte for byte, the patterns match caselessly:
 * a character that could match another one, and the separators '&' and
 * '|', are never part of a key (found by tests/fuzz/fuzz_rules).
 */
static void
pattern_keys__caseless_or_separator__left_out(void **state)
{
	(void)state;
	/* '&' used to split "&冰冷" into the sets 不热 and 冰冷. */
	keys_is("不热|&冰冷", "不热|冰冷");
	keys_is("a\\|b", "a&b");
	/* k and s match the Kelvin sign and the long s. */
	keys_is("ask工资", "工资&a");
	keys_is("kg", "g");
	/* é matches É; full-width Ａ matches ａ. */
	keys_is("café付款", "付款&caf");
	keys_is("ＡＢ工资", "工资");
	/* Hangul has no case: it stays. */
	keys_is("임금체불", "임금체불");
}

static void
prefilter__caseless_and_ampersand__same_answers_as_without(void **state)
{
	static const char rules[] =
	    "id,category,subcategory,weight,field,pattern,requires,keys,note\n"
	    "amp,A,a,1,both,不热|&冰冷,,,\n"
	    "kelvin,B,b,1,both,kg重,,,\n"
	    "acute,C,c,1,both,café,,,\n";
	static const char *texts[] = {
		"暖气不热", "五\xe2\x84\xaag重", "CAFÉ",
	};
	static const char *want[] = { "A", "B", "C" };
	struct xf_rules *r;
	struct xf_classifier *c;
	struct xf_verdict v;
	size_t i;
	int pf;

	(void)state;
	for (pf = 0; pf < 2; pf++) {
		r = xf_rules_new();
		xf_rules_set_prefilter(r, pf);
		assert_int_equal(xf_rules_load_mem(r, rules,
		    sizeof(rules) - 1, "r"), 0);
		assert_int_equal(xf_rules_compile(r), 0);
		c = xf_classifier_new(r);
		for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
			assert_int_equal(xf_classify(c, "", 0, texts[i],
			    strlen(texts[i]), &v), 0);
			assert_string_equal(v.category, want[i]);
		}
		xf_classifier_free(c);
		xf_rules_free(r);
	}
}

static void
ac_scan__overlapping_keys__all_found(void **state)
{
	struct xf_ac *ac = xf_ac_new();
	uint64_t bits[2] = { 0, 0 };

	(void)state;
	xf_ac_add(ac, "he", 2, 0);
	xf_ac_add(ac, "she", 3, 1);
	xf_ac_add(ac, "his", 3, 2);
	xf_ac_add(ac, "hers", 4, 3);
	xf_ac_add(ac, "工资", strlen("工资"), 70);
	assert_int_equal(xf_ac_build(ac), 0);
	xf_ac_scan(ac, "USHERS", 6, bits);
	/* she, he and hers (caselessly); not his. */
	assert_int_equal(bits[0], 0xbULL);
	assert_int_equal(bits[1], 0);
	xf_ac_scan(ac, "拖欠工资", strlen("拖欠工资"), bits);
	assert_int_equal(bits[1], 1ULL << 6);
	xf_ac_free(ac);
}

static const char small[] =
    "id,category,subcategory,weight,field,pattern,requires,keys,note\n"
    "wage,劳动纠纷,拖欠工资,3,both,\"(拖欠|没发).{0,8}工资\",,,\n"
    "wage.word,劳动纠纷,拖欠工资,1,content,工资,,,\n"
    "injury,劳动纠纷,工伤纠纷,3,both,工伤,,,\n"
    "price,房地产开发,拆迁价格,3,both,\"拆迁.{0,6}(补偿|价格)\",,,\n"
    "not.demolition,房地产开发,,-3,both,\"不是.{0,3}拆迁\",,,\n"
    "heating,民生保障,基本生活,2,both,供暖|暖气,,,\n"
    "cold,民生保障,基本生活,2,both,不热|冰冷,heating,,only with heating\n"
    "subj,办事不公,执法不公,1,subject,推诿,,,\n";

static struct xf_rules *
load_small(void)
{
	struct xf_rules *r = xf_rules_new();

	assert_int_equal(xf_rules_load_mem(r, small, sizeof(small) - 1,
	    "small"), 0);
	assert_int_equal(xf_rules_compile(r), 0);
	return r;
}

struct pair {
	struct xf_rules *r;
	struct xf_classifier *c;
};

static int
setup(void **state)
{
	struct pair *p = calloc(1, sizeof(*p));

	p->r = load_small();
	p->c = xf_classifier_new(p->r);
	*state = p;
	return 0;
}

static int
teardown(void **state)
{
	struct pair *p = *state;

	xf_classifier_free(p->c);
	xf_rules_free(p->r);
	free(p);
	return 0;
}

static void
verdict(struct pair *p, const char *subj, const char *cont,
    const char *cat, const char *sub, double conf)
{
	struct xf_verdict v;

	assert_int_equal(xf_classify(p->c, subj, strlen(subj), cont,
	    strlen(cont), &v), 0);
	assert_string_equal(v.category, cat);
	assert_string_equal(v.subcategory, sub);
	assert_true(v.confidence > conf - 0.005 && v.confidence < conf + 0.005);
}

static void
classify__one_topic__category_and_confidence(void **state)
{
	/* wage 3 + wage.word 1 = 4: 4 / (4 + 0 + 1) = 0.80. */
	verdict(*state, "", "老板拖欠工资", "劳动纠纷", "拖欠工资", 0.80);
}

static void
classify__subject__weighs_one_and_a_half(void **state)
{
	/* wage 3 x 1.5 (subject) + 3 (content) + 1 (content) = 8.5. */
	verdict(*state, "拖欠工资", "拖欠工资", "劳动纠纷", "拖欠工资",
	    8.5 / 9.5);
}

static void
classify__nothing__other_zero(void **state)
{
	verdict(*state, "", "你好，谢谢", "其他", "其他", 0);
}

static void
classify__negation__cancels(void **state)
{
	/* price 3 - not.demolition 3 = 0; heating 2 wins: 2 / (2+0+1). */
	verdict(*state, "", "不是拆迁补偿的事，是供暖", "民生保障", "基本生活",
	    2.0 / 3.0);
}

static void
classify__two_topics__stronger_wins(void **state)
{
	/* wage 3 + 1 against price 3: 4 / (4 + 3 + 1) = 0.50. */
	verdict(*state, "", "拆迁补偿的事以后再说，老板拖欠工资", "劳动纠纷",
	    "拖欠工资", 0.50);
	/* Within a category the subcategories compete: 4 against 3, and
	 * the category has 7: 7 / (7 + 0 + 1). */
	verdict(*state, "", "工伤以后老板拖欠工资", "劳动纠纷", "拖欠工资",
	    7.0 / 8.0);
}

static void
classify__requires__alone_counts_nothing(void **state)
{
	verdict(*state, "", "屋里冰冷", "其他", "其他", 0);
	/* heating 2 + cold 2 = 4: 4 / 5. */
	verdict(*state, "", "暖气不热", "民生保障", "基本生活", 0.80);
}

static void
classify__field__subject_only_rule(void **state)
{
	verdict(*state, "", "推诿", "其他", "其他", 0);
	verdict(*state, "推诿", "", "办事不公", "执法不公", 1.5 / 2.5);
}

static void
classify__invalid_utf8__no_crash_still_matches(void **state)
{
	verdict(*state, "", "\xff\xfe拖欠工资\xc0", "劳动纠纷", "拖欠工资",
	    0.80);
}

static void
classify__evidence__phrases_best_first(void **state)
{
	struct pair *p = *state;
	struct xf_verdict v;

	assert_int_equal(xf_classify(p->c, "", 0, "没发工资", 12, &v), 0);
	assert_string_equal(v.evidence, "没发工资;工资");
}

static void
load__bad_rows__messages_and_failure(void **state)
{
	static const char bad[] =
	    "id,category,weight,pattern\n"
	    "a,X,1,(unclosed\n"
	    "a,X,1,ok\n"
	    "b,X,heavy,ok\n"
	    "c,,1,ok\n";
	struct xf_rules *r = xf_rules_new();
	char buf[1024];
	FILE *tmp = tmpfile();
	int saved = dup(2);
	size_t n;

	(void)state;
	fflush(stderr);
	dup2(fileno(tmp), 2);
	xf_setprogname((char *)(uintptr_t)"t");
	assert_int_equal(xf_rules_load_mem(r, bad, sizeof(bad) - 1, "r.csv"),
	    -1);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	n = fread(buf, 1, sizeof(buf) - 1, tmp);
	buf[n] = '\0';
	fclose(tmp);
	/* Line 2 fails to compile, so line 3's "a" is not a duplicate. */
	assert_string_equal(buf,
	    "t: r.csv:2: rule 'a': bad pattern: missing closing parenthesis "
	    "at offset 9\n"
	    "t: r.csv:4: rule 'b': weight is not a number between -1000 and "
	    "1000: 'heavy'\n"
	    "t: r.csv:5: rule 'c' has no category\n");
	xf_rules_free(r);
}

static void
classify__catastrophic_pattern__error_not_hang(void **state)
{
	static const char evil[] =
	    "id,category,weight,pattern\n"
	    "evil,X,1,\"(a+)+$\"\n";
	struct xf_rules *r = xf_rules_new();
	struct xf_classifier *c;
	struct xf_verdict v;
	char text[64];

	(void)state;
	memset(text, 'a', 40);
	text[40] = 'b';
	assert_int_equal(xf_rules_load_mem(r, evil, sizeof(evil) - 1, "e"),
	    0);
	assert_int_equal(xf_rules_compile(r), 0);
	c = xf_classifier_new(r);
	assert_int_equal(xf_classify(c, "", 0, text, 41, &v), -1);
	assert_non_null(strstr(v.error, "match limit"));
	/* The next record is fine. */
	assert_int_equal(xf_classify(c, "", 0, "aaa", 3, &v), 0);
	assert_string_equal(v.category, "X");
	xf_classifier_free(c);
	xf_rules_free(r);
}

/*
 * Rules for the direct matcher (litre.c), with answers worked out by
 * hand from PCRE2's rules: leftmost start, first alternative that
 * leads to a match, longest gap that does.
 */
static const char direct[] =
    "id,category,subcategory,weight,field,pattern,requires,keys,note\n"
    "low,房地产开发,拆迁价格,2,content,\"(?:补偿|补偿款)[^。]{0,4}(?:太低|低)\",,,\n"
    "ask,办事不公,执法不公,2,content,\"(?<!申)请[^。]{0,3}解决\",,,\n"
    "wage,劳动纠纷,拖欠工资,1,content,工资,,,\n"
    "noise,其他,其他,2,content,ktv|sos,,,\n";

static void
check_direct(int on)
{
	struct xf_rules *r = xf_rules_new();
	struct xf_classifier *c;
	struct xf_verdict v;
	const char *t;

	assert_int_equal(xf_rules_load_mem(r, direct, sizeof(direct) - 1,
	    "direct"), 0);
	xf_rules_set_direct(r, on);
	assert_int_equal(xf_rules_compile(r), 0);
	c = xf_classifier_new(r);

	/*
	 * "补偿" is tried first and the gap takes four characters
	 * (款标准太), leaving "低" for the last group.
	 */
	t = "补偿款标准太低。";
	assert_int_equal(xf_classify(c, "", 0, t, strlen(t), &v), 0);
	assert_string_equal(v.category, "房地产开发");
	assert_string_equal(v.evidence, "补偿款标准太低");

	/* The first 请 follows 申: the match is the second one. */
	t = "申请解决。请尽快解决";
	assert_int_equal(xf_classify(c, "", 0, t, strlen(t), &v), 0);
	assert_string_equal(v.category, "办事不公");
	assert_string_equal(v.evidence, "请尽快解决");

	/* Four matches count as three: 1 + 0.25 * 2. */
	t = "工资工资工资工资";
	assert_int_equal(xf_classify(c, "", 0, t, strlen(t), &v), 0);
	assert_string_equal(v.explain, "wage:劳动纠纷/拖欠工资:+1.50");

	/*
	 * Caselessly, k is also U+212A KELVIN SIGN and s U+017F LONG S:
	 * the prefilter must find them as PCRE2 does.
	 */
	t = "楼下\xe2\x84\xaaTV唱到半夜";
	assert_int_equal(xf_classify(c, "", 0, t, strlen(t), &v), 0);
	assert_string_equal(v.category, "其他");
	assert_string_equal(v.evidence, "\xe2\x84\xaaTV");
	t = "\xc5\xbfOS";
	assert_int_equal(xf_classify(c, "", 0, t, strlen(t), &v), 0);
	assert_string_equal(v.evidence, "\xc5\xbfOS");

	xf_classifier_free(c);
	xf_rules_free(r);
}

/*
 * Without JIT code, PCRE2 10.42's interpreter let a match anchored at
 * 不归 (which fails at 。) go on past the byte that is not UTF-8 and
 * match 乱作为 there; the start at 久拖不办 was then skipped as inside
 * that match, and the rule counted once.  It matches twice.
 */
static void
classify__interpreter__anchored_match_stays_put(void **state)
{
	static const char rules[] =
	    "id,category,subcategory,weight,field,pattern,requires,keys,note\n"
	    "runaround,办事不公,执法不公,2,content,"
	    "\"不归[^。]{0,4}管|久拖不办|乱作为\",,,\n";
	const char *t = "不归。久拖不办\xff乱作为";
	int jit;

	(void)state;
	for (jit = 0; jit <= 1; jit++) {
		struct xf_rules *r = xf_rules_new();
		struct xf_classifier *c;
		struct xf_verdict v;

		assert_int_equal(xf_rules_load_mem(r, rules, sizeof(rules) - 1,
		    "r"), 0);
		xf_rules_set_direct(r, 0);
		xf_rules_set_jit(r, jit);
		assert_int_equal(xf_rules_compile(r), 0);
		c = xf_classifier_new(r);
		assert_int_equal(xf_classify(c, "", 0, t, strlen(t), &v), 0);
		assert_string_equal(v.explain, "runaround:办事不公/执法不公:+2.50");
		assert_string_equal(v.evidence, "久拖不办");
		xf_classifier_free(c);
		xf_rules_free(r);
	}
}

static void
classify__direct__answers_as_pcre2(void **state)
{
	(void)state;
	check_direct(1);
}

static void
classify__pcre2_only__same_answers(void **state)
{
	(void)state;
	check_direct(0);
}

/*
 * The UTF-8 of the k-th character U+4E00 + 7j that, with the one after
 * it, is left alone by the text's normalisation (traditional forms
 * become simplified there), plus d, into b (3 bytes).
 */
static void
han(char *b, size_t k, unsigned d)
{
	unsigned u = 0x4E00;

	for (;; u += 7) {
		if (xf_hanzi_simplify(u) != u || xf_hanzi_simplify(u + 1) !=
		    u + 1)
			continue;
		if (k-- == 0)
			break;
	}
	u += d;
	b[0] = (char)(0xE0 | u >> 12);
	b[1] = (char)(0x80 | (u >> 6 & 0x3F));
	b[2] = (char)(0x80 | (u & 0x3F));
}

/*
 * Classify han's k-th character followed by rest: the category must be
 * 劳动纠纷 and the evidence the character followed by ev.
 */
static void
big_expect(struct xf_classifier *c, size_t k, const char *rest,
    const char *ev)
{
	struct xf_verdict v;
	char t[64], want[64];

	han(t, k, 0);
	strcpy(t + 3, rest);
	assert_int_equal(xf_classify(c, "", 0, t, strlen(t), &v), 0);
	assert_string_equal(v.category, "劳动纠纷");
	memcpy(want, t, 3);
	strcpy(want + 3, ev);
	assert_string_equal(v.evidence, want);
}

/*
 * A literal set of 300 alternatives, each beginning with its own
 * character (han's k-th), then a gap and a set of alternatives that
 * share their first characters: the direct matcher finds the
 * characters by hashing, and must find every one of the 300 and none of
 * their neighbours (the characters after them, most of which the bloom filter in
 * front lets through), with and without PCRE2.
 */
static void
classify__direct__large_sets(void **state)
{
	struct xf_rules *r;
	struct xf_classifier *c;
	struct xf_verdict v;
	char *rules, *p, t[64];
	size_t k;
	int on;

	(void)state;
	rules = p = malloc(4096);
	assert_non_null(rules);
	p += sprintf(p, "id,category,subcategory,weight,field,pattern,"
	    "requires,keys,note\nbig,劳动纠纷,拖欠工资,2,content,\"(?:");
	for (k = 0; k < 300; k++) {
		if (k > 0)
			*p++ = '|';
		han(p, k, 0);
		p += 3;
	}
	p += sprintf(p, ")[^。]{0,2}(?:工资款|工资|工钱|工)(?:没给|没)\",,,\n");
	for (on = 0; on <= 1; on++) {
		r = xf_rules_new();
		assert_int_equal(xf_rules_load_mem(r, rules, strlen(rules),
		    "big"), 0);
		xf_rules_set_direct(r, on);
		assert_int_equal(xf_rules_compile(r), 0);
		c = xf_classifier_new(r);
		for (k = 0; k < 300; k++) {
			/* X的工资没给: 工资 before 工, 没给 before 没. */
			big_expect(c, k, "的工资没给。", "的工资没给");
			/*
			 * The gap tries 工资 and 工 first, after which no
			 * set member begins; with none, 工资款 goes on to
			 * 没 (没给 does not).
			 */
			big_expect(c, k, "工资款没有", "工资款没");
			han(t, k, 1);
			strcpy(t + 3, "的工资没给。");
			assert_int_equal(xf_classify(c, "", 0, t, strlen(t),
			    &v), 0);
			assert_string_equal(v.category, "其他");
		}
		xf_classifier_free(c);
		xf_rules_free(r);
	}
	free(rules);
}

/* The prefilter must never change an answer. */
static void
classify__prefilter__same_answers_as_without(void **state)
{
	static const char *texts[] = {
		"老板拖欠工资", "不是拆迁补偿的事，是供暖", "暖气不热",
		"工伤以后老板拖欠工资", "拆迁价格太低", "你好", "推诿扯皮",
		"没发三个月工资，工伤也没人管", "ABC\xff工资",
	};
	struct xf_rules *a = load_small(), *b = xf_rules_new();
	struct xf_classifier *ca, *cb;
	struct xf_verdict va, vb;
	size_t i;

	(void)state;
	assert_int_equal(xf_rules_load_mem(b, small, sizeof(small) - 1, "s"),
	    0);
	xf_rules_set_prefilter(b, 0);
	assert_int_equal(xf_rules_compile(b), 0);
	ca = xf_classifier_new(a);
	cb = xf_classifier_new(b);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		char cat[64], sub[64], ev[256], ex[512];

		assert_int_equal(xf_classify(ca, texts[i], strlen(texts[i]),
		    texts[i], strlen(texts[i]), &va), 0);
		snprintf(cat, sizeof(cat), "%s", va.category);
		snprintf(sub, sizeof(sub), "%s", va.subcategory);
		snprintf(ev, sizeof(ev), "%s", va.evidence);
		snprintf(ex, sizeof(ex), "%s", va.explain);
		assert_int_equal(xf_classify(cb, texts[i], strlen(texts[i]),
		    texts[i], strlen(texts[i]), &vb), 0);
		assert_string_equal(cat, vb.category);
		assert_string_equal(sub, vb.subcategory);
		assert_string_equal(ev, vb.evidence);
		assert_string_equal(ex, vb.explain);
	}
	xf_classifier_free(ca);
	xf_classifier_free(cb);
	xf_rules_free(a);
	xf_rules_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pattern_keys__literals_and_groups),
		cmocka_unit_test(pattern_keys__caseless_or_separator__left_out),
		cmocka_unit_test(
		    prefilter__caseless_and_ampersand__same_answers_as_without),
		cmocka_unit_test(ac_scan__overlapping_keys__all_found),
		cmocka_unit_test_setup_teardown(
		    classify__one_topic__category_and_confidence, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    classify__subject__weighs_one_and_a_half, setup, teardown),
		cmocka_unit_test_setup_teardown(classify__nothing__other_zero,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(classify__negation__cancels,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    classify__two_topics__stronger_wins, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    classify__requires__alone_counts_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    classify__field__subject_only_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    classify__invalid_utf8__no_crash_still_matches, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    classify__evidence__phrases_best_first, setup, teardown),
		cmocka_unit_test(load__bad_rows__messages_and_failure),
		cmocka_unit_test(
		    classify__catastrophic_pattern__error_not_hang),
		cmocka_unit_test(classify__prefilter__same_answers_as_without),
		cmocka_unit_test(classify__direct__answers_as_pcre2),
		cmocka_unit_test(classify__interpreter__anchored_match_stays_put),
		cmocka_unit_test(classify__pcre2_only__same_answers),
		cmocka_unit_test(classify__direct__large_sets),
	};

	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
