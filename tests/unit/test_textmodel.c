/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/textmodel.c: n-gram extraction, TF-IDF, training,
 * the fold assignment and the model file (round trip, damaged,
 * truncated and foreign files refused).  Expected values are worked out
 * by hand; the TF-IDF figures were checked with python3's math module.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textmodel.h"

/* ---- n-grams. */

struct grams {
	char	 s[64][32];
	size_t	 n;
};

static void
collect(void *arg, const char *g, size_t len)
{
	struct grams *gr = arg;

	assert_true(gr->n < 64);
	assert_true(len < 32);
	memcpy(gr->s[gr->n], g, len);
	gr->s[gr->n++][len] = '\0';
}

static void
ngrams__mixed_text__normalised_grams_in_order(void **state)
{
	/* "AbＣ，拆遷": A and b lower-cased, Ｃ folded to c, the comma
	   dropped, 遷 simplified to 迁: five characters a b c 拆 迁. */
	static const char *want[] = {
		"a", "ab", "abc", "b", "bc", "bc拆", "c", "c拆", "c拆迁",
		"拆", "拆迁", "迁"
	};
	const char *text = "AbＣ，拆遷";
	struct grams g;
	size_t i;

	(void)state;
	memset(&g, 0, sizeof(g));
	xf_tm_ngrams(text, strlen(text), 1, 3, collect, &g);
	assert_int_equal(g.n, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < g.n; i++)
		assert_string_equal(g.s[i], want[i]);
}

static void
ngrams__spaces_and_punctuation__dropped_between_words(void **state)
{
	/* Segmented and running text give the same bigrams. */
	struct grams a, b;
	size_t i;

	(void)state;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	xf_tm_ngrams("拆迁 补偿", strlen("拆迁 补偿"), 2, 2, collect, &a);
	xf_tm_ngrams("拆迁、补偿。", strlen("拆迁、补偿。"), 2, 2, collect,
	    &b);
	assert_int_equal(a.n, 3);
	assert_int_equal(b.n, 3);
	for (i = 0; i < 3; i++)
		assert_string_equal(a.s[i], b.s[i]);
	assert_string_equal(a.s[1], "迁补");
}

static void
ngrams__text_shorter_than_range__none(void **state)
{
	struct grams g;

	(void)state;
	memset(&g, 0, sizeof(g));
	xf_tm_ngrams("水", strlen("水"), 2, 3, collect, &g);
	assert_int_equal(g.n, 0);
	xf_tm_ngrams("", 0, 1, 3, collect, &g);
	assert_int_equal(g.n, 0);
	xf_tm_ngrams(" ,.!", 4, 1, 3, collect, &g);
	assert_int_equal(g.n, 0);
}

static void
ngrams__ill_formed_byte__a_character_of_its_own(void **state)
{
	struct grams g;

	(void)state;
	memset(&g, 0, sizeof(g));
	xf_tm_ngrams("a\xff", 2, 1, 2, collect, &g);
	assert_int_equal(g.n, 3);
	assert_string_equal(g.s[0], "a");
	assert_string_equal(g.s[1], "a\xff");
	assert_string_equal(g.s[2], "\xff");
}

static void
bucket__case_and_width__same_bucket(void **state)
{
	(void)state;
	assert_int_equal(xf_tm_bucket("ab", 2, 20), xf_tm_bucket("AB", 2,
	    20));
	assert_true(xf_tm_bucket("ab", 2, 20) < (1u << 20));
	assert_true(xf_tm_bucket("ab", 2, 20) != xf_tm_bucket("ba", 2, 20));
	assert_true(xf_tm_bucket("a", 1, 20) != xf_tm_bucket("aa", 2, 20));
}

/* ---- Training and TF-IDF. */

static struct xf_tm_data *
data_of(const struct xf_tm_opts *o, const char *const *text,
    const char *const *label, size_t n)
{
	struct xf_tm_data *d;
	size_t i, len;

	d = xf_tm_data_new(o);
	for (i = 0; i < n; i++) {
		len = strlen(text[i]);
		xf_tm_data_add(d, &text[i], &len, 1, label[i],
		    strlen(label[i]));
	}
	return d;
}

static void
vector__hand_worked__sublinear_tf_smooth_idf_unit_length(void **state)
{
	/*
	 * Two records, "ab" (X) and "ac" (Y), unigrams, min-df 1: n = 2,
	 * df(a) = 2, df(b) = df(c) = 1; idf(a) = ln(3/3) + 1 = 1, idf(b) =
	 * ln(3/2) + 1 = 1.405465.  "aab!d": a twice, b once, d unknown:
	 * a = (1 + ln 2) * 1 = 1.693147, b = 1.405465, length 2.200473:
	 * a 0.769447, b 0.638711 (python3 math).
	 */
	static const char *text[] = { "ab", "ac" };
	static const char *label[] = { "X", "Y" };
	const char *q = "aab!d";
	struct xf_tm_opts o;
	struct xf_tm_data *d;
	struct xf_textmodel *m;
	const char *err;
	uint32_t idx[4], ba, bb;
	double val[4], va, vb;
	size_t len = strlen(q), k;

	(void)state;
	xf_tm_opts_init(&o);
	o.ngmin = o.ngmax = 1;
	o.mindf = 1;
	d = data_of(&o, text, label, 2);
	m = xf_tm_train(d, NULL, "t", &err);
	assert_non_null(m);
	assert_int_equal(xf_tm_nfeature(m), 3);
	k = xf_tm_vector(m, &q, &len, 1, idx, val, 4);
	assert_int_equal(k, 2);
	ba = xf_tm_bucket("a", 1, o.bits);
	bb = xf_tm_bucket("b", 1, o.bits);
	assert_true(idx[0] < idx[1]);
	va = idx[0] == ba ? val[0] : val[1];
	vb = idx[0] == bb ? val[0] : val[1];
	assert_true(idx[0] == ba || idx[1] == ba);
	assert_true(idx[0] == bb || idx[1] == bb);
	assert_true(fabs(va - 0.769447) < 1e-5);
	assert_true(fabs(vb - 0.638711) < 1e-5);
	xf_tm_free(m);
	xf_tm_data_free(d);
}

static void
vector__min_df__rare_grams_dropped(void **state)
{
	/* With min-df 2 only "a" (in both records) is kept: its value
	   alone, scaled to length 1, is 1. */
	static const char *text[] = { "ab", "ac" };
	static const char *label[] = { "X", "Y" };
	const char *q = "abc";
	struct xf_tm_opts o;
	struct xf_tm_data *d;
	struct xf_textmodel *m;
	const char *err;
	uint32_t idx[4];
	double val[4];
	size_t len = 3;

	(void)state;
	xf_tm_opts_init(&o);
	o.ngmin = o.ngmax = 1;
	o.mindf = 2;
	d = data_of(&o, text, label, 2);
	m = xf_tm_train(d, NULL, NULL, &err);
	assert_non_null(m);
	assert_int_equal(xf_tm_vector(m, &q, &len, 1, idx, val, 4), 1);
	assert_int_equal(idx[0], xf_tm_bucket("a", 1, o.bits));
	assert_true(fabs(val[0] - 1) < 1e-12);
	xf_tm_free(m);
	xf_tm_data_free(d);
}

/* Six short complaints, two kinds: the obvious cases. */
static const char *train_text[] = {
	"拖欠工资三个月", "工地老板欠薪不还", "公司不发工资",
	"噪音扰民严重", "工厂排放污水", "夜间施工噪音"
};
static const char *train_label[] = {
	"劳动/欠薪", "劳动/欠薪", "劳动/欠薪", "环境/污染", "环境/污染",
	"环境/污染"
};

static struct xf_textmodel *
small_model(void)
{
	struct xf_tm_opts o;
	struct xf_tm_data *d;
	struct xf_textmodel *m;
	const char *err;

	xf_tm_opts_init(&o);
	o.mindf = 1;
	d = data_of(&o, train_text, train_label, 6);
	m = xf_tm_train(d, NULL, "small", &err);
	assert_non_null(m);
	xf_tm_data_free(d);
	return m;
}

static void
predict__obvious_cases__right_label_probabilities_sum_to_one(void **state)
{
	struct xf_textmodel *m = small_model();
	const char *a = "老板拖欠工资", *b = "半夜噪音";
	size_t la = strlen(a), lb = strlen(b), l;
	double p[2];

	(void)state;
	assert_int_equal(xf_tm_nclass(m), 2);
	/* Labels in byte order: 劳 (E5 8A B3) before 环 (E7 8E AF). */
	assert_string_equal(xf_tm_label(m, 0, &l), "劳动/欠薪");
	assert_int_equal(l, strlen("劳动/欠薪"));
	assert_int_equal(xf_tm_predict(m, &a, &la, 1, p), 0);
	assert_true(p[0] > 0.5);
	assert_true(fabs(p[0] + p[1] - 1) < 1e-9);
	assert_int_equal(xf_tm_predict(m, &b, &lb, 1, p), 1);
	assert_true(p[1] > 0.5);
	assert_string_equal(xf_tm_info(m), "small");
	xf_tm_free(m);
}

static void
train__one_label__refused(void **state)
{
	static const char *text[] = { "ab", "ac" };
	static const char *label[] = { "X", "X" };
	struct xf_tm_opts o;
	struct xf_tm_data *d;
	const char *err = NULL;

	(void)state;
	xf_tm_opts_init(&o);
	d = data_of(&o, text, label, 2);
	assert_null(xf_tm_train(d, NULL, NULL, &err));
	assert_string_equal(err, "need records of at least two labels");
	xf_tm_data_free(d);
}

static void
train__weight_for_unknown_label__refused(void **state)
{
	static const char *text[] = { "ab", "ac" };
	static const char *label[] = { "X", "Y" };
	static const char *wl[] = { "Z" };
	static const double w[] = { 2 };
	struct xf_tm_opts o;
	struct xf_tm_data *d;
	const char *err = NULL;

	(void)state;
	xf_tm_opts_init(&o);
	o.nweight = 1;
	o.wlabel = wl;
	o.weight = w;
	d = data_of(&o, text, label, 2);
	assert_null(xf_tm_train(d, NULL, NULL, &err));
	assert_string_equal(err, "a class weight names a label no record has");
	xf_tm_data_free(d);
}

static void
train__subset__labels_of_records_used_only(void **state)
{
	static const char *text[] = { "ab", "ac", "dd" };
	static const char *label[] = { "X", "Y", "Z" };
	static const unsigned char use[] = { 0, 1, 1 };
	struct xf_tm_opts o;
	struct xf_tm_data *d;
	struct xf_textmodel *m;
	const char *err;

	(void)state;
	xf_tm_opts_init(&o);
	o.mindf = 1;
	d = data_of(&o, text, label, 3);
	assert_int_equal(xf_tm_data_nlabel(d), 3);
	assert_int_equal(xf_tm_data_label(d, 2), 2);
	m = xf_tm_train(d, use, NULL, &err);
	assert_non_null(m);
	assert_int_equal(xf_tm_nclass(m), 2);
	assert_string_equal(xf_tm_label(m, 0, NULL), "Y");
	assert_string_equal(xf_tm_label(m, 1, NULL), "Z");
	/* Record 0 ("ab") predicted by the model it was left out of. */
	assert_true(xf_tm_predict_data(m, d, 0, NULL) < 2);
	xf_tm_free(m);
	xf_tm_data_free(d);
}

static void
opts_check__bad_settings__message(void **state)
{
	struct xf_tm_opts o;

	(void)state;
	xf_tm_opts_init(&o);
	assert_null(xf_tm_opts_check(&o));
	o.ngmin = 4;
	assert_non_null(xf_tm_opts_check(&o));
	xf_tm_opts_init(&o);
	o.ngmax = 9;
	assert_non_null(xf_tm_opts_check(&o));
	xf_tm_opts_init(&o);
	o.bits = 25;
	assert_non_null(xf_tm_opts_check(&o));
	xf_tm_opts_init(&o);
	o.C = 0;
	assert_non_null(xf_tm_opts_check(&o));
}

/* ---- Folds. */

static void
folds__groups__kept_together_and_stratified(void **state)
{
	/*
	 * Group 0 (two records of label 0) is largest: fold 0.  Group 1
	 * (label 1): adding it to either fold changes the squared excess
	 * by (1 - 1)^2 - (0 - 1)^2 = -1; a tie, so the fold with fewer
	 * records, 1.  Group 2 (label 1): fold 0 gives -1, fold 1 gives
	 * (2 - 1)^2 - (1 - 1)^2 = +1: fold 0.
	 */
	static const size_t lab[] = { 0, 0, 1, 1 };
	static const size_t grp[] = { 0, 0, 1, 2 };
	size_t fold[4];

	(void)state;
	xf_tm_folds(lab, grp, 4, 2, fold);
	assert_int_equal(fold[0], 0);
	assert_int_equal(fold[1], 0);
	assert_int_equal(fold[2], 1);
	assert_int_equal(fold[3], 0);
}

static void
folds__singletons__each_label_spread(void **state)
{
	static const size_t lab[] = { 0, 0, 0, 1, 1, 1 };
	static const size_t grp[] = { 0, 1, 2, 3, 4, 5 };
	size_t fold[6], i, c[3][2];

	(void)state;
	memset(c, 0, sizeof(c));
	xf_tm_folds(lab, grp, 6, 3, fold);
	for (i = 0; i < 6; i++) {
		assert_true(fold[i] < 3);
		c[fold[i]][lab[i]]++;
	}
	for (i = 0; i < 3; i++) {
		assert_int_equal(c[i][0], 1);
		assert_int_equal(c[i][1], 1);
	}
}

/* ---- The file. */

static unsigned char *
saved(const struct xf_textmodel *m, size_t *len)
{
	char *buf = NULL;
	FILE *fp;

	fp = open_memstream(&buf, len);
	assert_non_null(fp);
	assert_int_equal(xf_tm_save(m, fp), 0);
	assert_int_equal(fclose(fp), 0);
	return (unsigned char *)buf;
}

static void
load__round_trip__same_model(void **state)
{
	struct xf_textmodel *m = small_model(), *m2;
	struct xf_tm_opts o, o2;
	unsigned char *buf;
	const char *err = NULL, *q = "工资没发，噪音";
	size_t len, ql = strlen(q), i;
	double p[2], p2[2];

	(void)state;
	buf = saved(m, &len);
	assert_memory_equal(buf, XF_TM_MAGIC, 8);
	m2 = xf_tm_load_mem(buf, len, &err);
	assert_non_null(m2);
	assert_null(err);
	assert_int_equal(xf_tm_nclass(m2), 2);
	for (i = 0; i < 2; i++)
		assert_string_equal(xf_tm_label(m, i, NULL),
		    xf_tm_label(m2, i, NULL));
	assert_string_equal(xf_tm_info(m2), "small");
	assert_int_equal(xf_tm_nfeature(m2), xf_tm_nfeature(m));
	xf_tm_settings(m, &o);
	xf_tm_settings(m2, &o2);
	assert_int_equal(o2.ngmin, 1);
	assert_int_equal(o2.ngmax, 3);
	assert_int_equal(o2.bits, o.bits);
	assert_int_equal(o2.mindf, 1);
	/* The saved model predicts exactly as the one in memory. */
	assert_int_equal(xf_tm_predict(m, &q, &ql, 1, p),
	    xf_tm_predict(m2, &q, &ql, 1, p2));
	assert_true(p[0] == p2[0] && p[1] == p2[1]);
	xf_tm_free(m);
	xf_tm_free(m2);
	free(buf);
}

static void
load__any_byte_changed__refused(void **state)
{
	struct xf_textmodel *m = small_model(), *m2;
	unsigned char *buf;
	const char *err;
	size_t len, i;

	(void)state;
	buf = saved(m, &len);
	/* Every byte after the magic and version: a flipped bit is
	   caught (by the size check or by the checksum). */
	for (i = 12; i < len; i++) {
		buf[i] ^= 0x10;
		err = NULL;
		m2 = xf_tm_load_mem(buf, len, &err);
		assert_null(m2);
		assert_non_null(err);
		assert_true(strncmp(err, "model file damaged", 18) == 0 ||
		    strcmp(err, "model file truncated") == 0);
		buf[i] ^= 0x10;
	}
	/* One byte in the middle: the checksum. */
	buf[len / 2] ^= 1;
	assert_null(xf_tm_load_mem(buf, len, &err));
	assert_string_equal(err, "model file damaged (checksum mismatch)");
	xf_tm_free(m);
	free(buf);
}

static void
load__truncated__refused(void **state)
{
	struct xf_textmodel *m = small_model();
	unsigned char *buf;
	const char *err;
	size_t len, cut;

	(void)state;
	buf = saved(m, &len);
	for (cut = 1; cut < len; cut += cut < 40 ? 1 : 97) {
		err = NULL;
		assert_null(xf_tm_load_mem(buf, cut, &err));
		assert_string_equal(err, "model file truncated");
	}
	assert_null(xf_tm_load_mem(buf, len - 1, &err));
	assert_string_equal(err, "model file truncated");
	xf_tm_free(m);
	free(buf);
}

static void
load__foreign_file__not_a_model(void **state)
{
	const char *err;

	(void)state;
	assert_null(xf_tm_load_mem("id,text,label\n", 14, &err));
	assert_string_equal(err, "not an xf text model (bad magic)");
	assert_null(xf_tm_load_mem("", 0, &err));
	assert_string_equal(err, "not an xf text model (bad magic)");
}

static void
load__other_version_or_trailing_bytes__refused(void **state)
{
	struct xf_textmodel *m = small_model();
	unsigned char *buf, *big;
	const char *err;
	size_t len;

	(void)state;
	buf = saved(m, &len);
	big = malloc(len + 1);
	assert_non_null(big);
	memcpy(big, buf, len);
	big[len] = 0;
	assert_null(xf_tm_load_mem(big, len + 1, &err));
	assert_string_equal(err, "model file damaged (bytes after its end)");
	buf[8] = 2;
	assert_null(xf_tm_load_mem(buf, len, &err));
	assert_string_equal(err, "model file version is newer than this "
	    "program reads (1): retrain or upgrade");
	xf_tm_free(m);
	free(buf);
	free(big);
}

static void
load__missing_file__system_error(void **state)
{
	const char *err = NULL;

	(void)state;
	assert_null(xf_tm_load("/nonexistent/xf.model", &err));
	assert_string_equal(err, "No such file or directory");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ngrams__mixed_text__normalised_grams_in_order),
		cmocka_unit_test(
		    ngrams__spaces_and_punctuation__dropped_between_words),
		cmocka_unit_test(ngrams__text_shorter_than_range__none),
		cmocka_unit_test(
		    ngrams__ill_formed_byte__a_character_of_its_own),
		cmocka_unit_test(bucket__case_and_width__same_bucket),
		cmocka_unit_test(
		    vector__hand_worked__sublinear_tf_smooth_idf_unit_length),
		cmocka_unit_test(vector__min_df__rare_grams_dropped),
		cmocka_unit_test(
		    predict__obvious_cases__right_label_probabilities_sum_to_one),
		cmocka_unit_test(train__one_label__refused),
		cmocka_unit_test(train__weight_for_unknown_label__refused),
		cmocka_unit_test(train__subset__labels_of_records_used_only),
		cmocka_unit_test(opts_check__bad_settings__message),
		cmocka_unit_test(folds__groups__kept_together_and_stratified),
		cmocka_unit_test(folds__singletons__each_label_spread),
		cmocka_unit_test(load__round_trip__same_model),
		cmocka_unit_test(load__any_byte_changed__refused),
		cmocka_unit_test(load__truncated__refused),
		cmocka_unit_test(load__foreign_file__not_a_model),
		cmocka_unit_test(
		    load__other_version_or_trailing_bytes__refused),
		cmocka_unit_test(load__missing_file__system_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
