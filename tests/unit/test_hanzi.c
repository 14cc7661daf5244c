/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/hanzi.c.  The simplified words were written by
 * hand and then checked, word by word, against opencc(1) with t2s.json
 * (Debian's opencc 1.1.6); byte values of the characters and of the
 * ill-formed sequences are from Python's UTF-8 codec; the full-width
 * ranges are from the Unicode code charts (Halfwidth and Fullwidth
 * Forms, U+FF00..U+FFEF).
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "hanzi.h"
#include "utf8.h"

/* A string literal and its length, NUL excluded. */
#define S(lit)	(lit), (sizeof(lit) - 1)

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

struct word {
	const char	*trad;
	const char	*simp;
};

/*
 * The vocabulary the petition classifier must recognise, as typed in
 * traditional characters, and the simplified text its patterns use.
 */
static const struct word vocabulary[] = {
	{ "拆遷", "拆迁" },
	{ "補償", "补偿" },
	{ "安置房屋", "安置房屋" },
	{ "買賣", "买卖" },
	{ "開發商", "开发商" },
	{ "產權證", "产权证" },
	{ "辦理", "办理" },
	{ "延期交樓", "延期交楼" },
	{ "徵地", "征地" },
	{ "強制", "强制" },
	{ "補貼款", "补贴款" },
	{ "撥付", "拨付" },
	{ "截留", "截留" },
	{ "土地", "土地" },
	{ "非法轉讓", "非法转让" },
	{ "承包", "承包" },
	{ "勞動糾紛", "劳动纠纷" },
	{ "拖欠工資", "拖欠工资" },
	{ "討薪", "讨薪" },
	{ "農民工", "农民工" },
	{ "工傷認定", "工伤认定" },
	{ "醫療費", "医疗费" },
	{ "賠償", "赔偿" },
	{ "保險", "保险" },
	{ "養老金", "养老金" },
	{ "醫保", "医保" },
	{ "社會保險斷繳", "社会保险断缴" },
	{ "低保", "低保" },
	{ "困難", "困难" },
	{ "供暖", "供暖" },
	{ "暖氣", "暖气" },
	{ "熱水", "热水" },
	{ "電費", "电费" },
	{ "物業", "物业" },
	{ "業主", "业主" },
	{ "車輛", "车辆" },
	{ "交通運輸", "交通运输" },
	{ "醫院", "医院" },
	{ "看病貴", "看病贵" },
	{ "看病難", "看病难" },
	{ "就業", "就业" },
	{ "崗位", "岗位" },
	{ "企業改制", "企业改制" },
	{ "買斷工齡", "买断工龄" },
	{ "下崗職工", "下岗职工" },
	{ "執法不公", "执法不公" },
	{ "辦事推諉扯皮", "办事推诿扯皮" },
	{ "態度惡劣", "态度恶劣" },
	{ "沒有處理", "没有处理" },
	{ "處理決定", "处理决定" },
	{ "法院判決", "法院判决" },
	{ "訴訟", "诉讼" },
	{ "檢察院", "检察院" },
	{ "書記", "书记" },
	{ "鄉鎮", "乡镇" },
	{ "街道", "街道" },
	{ "區縣", "区县" },
	{ "市長", "市长" },
	{ "領導幹部", "领导干部" },
	{ "問題", "问题" },
	{ "請幫助", "请帮助" },
	{ "謝謝", "谢谢" },
	{ "諮詢", "咨询" },
	{ "建議", "建议" },
	{ "鄰居噪音", "邻居噪音" },
	{ "環境汙染", "环境污染" },
	{ "違規", "违规" },
	{ "違法", "违法" },
	{ "舉報", "举报" },
	{ "投訴", "投诉" },
	{ "信訪", "信访" },
	{ "單位", "单位" },
	{ "負責", "负责" },
	{ "醫療", "医疗" },
	{ "擔保", "担保" },
	{ "一個", "一个" },
	{ "我們", "我们" },
	{ "這", "这" },
	{ "說話", "说话" },
	{ "錢", "钱" },
	{ "五塊", "五块" },
	{ "萬", "万" },
	{ "億", "亿" },
	{ "什麼", "什么" },
	{ "後來", "后来" },
	{ "裡面", "里面" },
	{ "發現頭髮", "发现头发" },
	{ "歷史日曆", "历史日历" },
	{ "別人", "别人" },
	{ "溫暖", "温暖" },
	{ "戶口", "户口" },
	{ "稅費", "税费" },
	{ "內容", "内容" },
	{ "為了", "为了" },
	{ "與其", "与其" },
	{ "於是", "于是" },
	{ "衝突", "冲突" },
	{ "鐘錶", "钟表" },
	{ "颱風", "台风" },
	{ "閆先生", "闫先生" },
	{ "琿春", "珲春" },
};

/*
 * Normalise into a buffer of exactly n bytes (so that ASan catches a
 * write past n) and compare with want, wn bytes.
 */
static void
assert_normal(const char *s, size_t n, const char *want, size_t wn)
{
	char *out;
	size_t len;

	if ((out = malloc(n > 0 ? n : 1)) == NULL)
		fail_msg("malloc");
	len = xf_hanzi_normalize(s, n, out);
	assert_int_equal(len, wn);
	assert_memory_equal(out, want, wn);
	free(out);
}

/* The same, in place, in a heap copy of exactly n bytes. */
static void
assert_normal_inplace(const char *s, size_t n, const char *want, size_t wn)
{
	char *buf;
	size_t len;

	if ((buf = malloc(n > 0 ? n : 1)) == NULL)
		fail_msg("malloc");
	memcpy(buf, s, n);
	len = xf_hanzi_normalize(buf, n, buf);
	assert_int_equal(len, wn);
	assert_memory_equal(buf, want, wn);
	free(buf);
}

/* Both ways, for NUL-free strings. */
static void
assert_str(const char *s, const char *want)
{
	assert_normal(s, strlen(s), want, strlen(want));
	assert_normal_inplace(s, strlen(s), want, strlen(want));
}

/* UTF-8 for a BMP code point outside the surrogates; returns the length. */
static size_t
encode(uint32_t cp, char *buf)
{
	if (cp < 0x80) {
		buf[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		buf[0] = (char)(0xC0 | (cp >> 6));
		buf[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	buf[0] = (char)(0xE0 | (cp >> 12));
	buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	buf[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

static void
normalize__vocabulary__simplified(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(vocabulary); i++)
		assert_normal(vocabulary[i].trad, strlen(vocabulary[i].trad),
		    vocabulary[i].simp, strlen(vocabulary[i].simp));
}

static void
normalize__vocabulary_in_place__simplified(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(vocabulary); i++)
		assert_normal_inplace(vocabulary[i].trad,
		    strlen(vocabulary[i].trad), vocabulary[i].simp,
		    strlen(vocabulary[i].simp));
}

static void
normalize__simplified_text__unchanged(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(vocabulary); i++)
		assert_str(vocabulary[i].simp, vocabulary[i].simp);
	assert_str("延吉市信访局转来：拆迁补偿款至今没有到位。",
	    "延吉市信访局转来:拆迁补偿款至今没有到位。");
}

static void
normalize__sentence__simplified_and_half_width(void **state)
{
	(void)state;
	assert_str("我們小區的開發商拖欠補償款３０萬元，請幫助！",
	    "我们小区的开发商拖欠补偿款30万元,请帮助!");
	assert_str("電話：１３９ ０４３３　１２３４（王先生）",
	    "电话:139 0433 1234(王先生)");
	/* Chinese punctuation outside U+FF01..U+FF5E stays. */
	assert_str("問題、建議。「投訴」", "问题、建议。「投诉」");
}

static void
normalize__ambiguous_characters__unchanged(void **state)
{
	(void)state;
	/* 淨 and 額 are converted; 乾 and 餘 are not. */
	assert_str("乾淨", "乾净");
	assert_str("餘額", "餘额");
	assert_str("著名", "著名");
	assert_str("一隻", "一隻");
	assert_str("慰藉", "慰藉");
	assert_str("瞭望", "瞭望");
	assert_str("夥伴", "夥伴");
	assert_str("覆蓋", "覆盖");
	assert_str("鍊條", "鍊条");
}

static void
normalize__fullwidth__ascii(void **state)
{
	(void)state;
	assert_str("０１２３４５６７８９", "0123456789");
	assert_str("ＡＢＣＸＹＺａｂｃｘｙｚ", "ABCXYZabcxyz");
	/* The ends of the range: U+FF01 and U+FF5E. */
	assert_str("！～", "!~");
	/* U+3000 IDEOGRAPHIC SPACE. */
	assert_str("甲　乙", "甲 乙");
	/* Just outside: U+FF00 (EF BC 80), U+FF5F, U+FF61, U+3001. */
	assert_str("\xef\xbc\x80", "\xef\xbc\x80");
	assert_str("｟｡、", "｟｡、");
}

static void
normalize__fullwidth__three_bytes_to_one(void **state)
{
	(void)state;
	/* 6 + 3 + 3 bytes in, 1 + 1 + 3 + 1 out. */
	assert_normal(S("ＡＢ個　"), S("AB个 "));
	assert_normal_inplace(S("ＡＢ個　"), S("AB个 "));
}

static void
normalize__ascii__unchanged(void **state)
{
	(void)state;
	assert_str("a", "a");
	assert_str("id,date,channel,content\n", "id,date,channel,content\n");
	assert_str("0123456789abcdefghijklmnopqrstuvwxyz~!@#$%^&*()",
	    "0123456789abcdefghijklmnopqrstuvwxyz~!@#$%^&*()");
	/* NUL bytes are ASCII and pass through. */
	assert_normal(S("\0\0\0\0\0\0\0\0\0"), S("\0\0\0\0\0\0\0\0\0"));
	assert_normal(S("a\0個\0b"), S("a\0个\0b"));
}

static void
normalize__every_offset__fast_path_joins(void **state)
{
	char in[64], want[64];
	size_t k, n, wn;

	(void)state;
	/*
	 * 個 (3 bytes) after k ASCII bytes and before k more, for every k
	 * around the eight-byte word: the word copy must stop at it and
	 * start again after it.
	 */
	for (k = 0; k <= 20; k++) {
		memset(in, 'a', k);
		memcpy(in + k, "個", 3);
		memset(in + k + 3, 'b', k);
		n = 2 * k + 3;
		memset(want, 'a', k);
		memcpy(want + k, "个", 3);
		memset(want + k + 3, 'b', k);
		wn = n;
		assert_normal(in, n, want, wn);
		assert_normal_inplace(in, n, want, wn);
	}
}

static void
normalize__in_place_after_shrink__correct(void **state)
{
	(void)state;
	/*
	 * Six full-width characters shrink the output by 12 bytes, so the
	 * ASCII word copies and the conversions that follow write well
	 * behind where they read.
	 */
	assert_normal_inplace(
	    S("ＡＢＣ０１２個們abcdefghijklmnopqrstuvwxyz這ＸＹ說"),
	    S("ABC012个们abcdefghijklmnopqrstuvwxyz这XY说"));
}

static void
normalize__invalid_utf8__unchanged(void **state)
{
	(void)state;
	/* Stray continuation bytes, bytes that never appear. */
	assert_str("\x80\xbf", "\x80\xbf");
	assert_str("\xfe\xff", "\xfe\xff");
	/* Overlong forms, a surrogate, a value above U+10FFFF. */
	assert_str("\xc0\xaf\xe0\x80\x80", "\xc0\xaf\xe0\x80\x80");
	assert_str("\xed\xa0\x80", "\xed\xa0\x80");
	assert_str("\xf5\x80\x80\x80", "\xf5\x80\x80\x80");
	/* A lead byte followed by a non-continuation byte. */
	assert_str("\xe5\x80" "A", "\xe5\x80" "A");
	/* A lead byte right before a real character: the character counts. */
	assert_str("\xe5個", "\xe5个");
	assert_str("\xe5\x80個", "\xe5\x80个");
	assert_str("\xff個\x80們", "\xff个\x80们");
	/* An overlong full-width form is not folded. */
	assert_str("\xf0\x8f\xbc\x81", "\xf0\x8f\xbc\x81");
}

static void
normalize__four_byte_characters__unchanged(void **state)
{
	(void)state;
	/* U+1F600 (emoji) and U+20000 (CJK Extension B). */
	assert_str("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");
	assert_str("\xf0\xa0\x80\x80", "\xf0\xa0\x80\x80");
	assert_str("\xf0\xa0\x80\x80個\xf0\x9f\x98\x80",
	    "\xf0\xa0\x80\x80个\xf0\x9f\x98\x80");
	/* CJK Extension A (U+3400) and compatibility ideographs stay. */
	assert_str("\xe3\x90\x80\xef\xa4\x80", "\xe3\x90\x80\xef\xa4\x80");
}

static void
normalize__truncated_at_end__copied(void **state)
{
	(void)state;
	/* 遷 is E9 81 B7; cut after one or two bytes. */
	assert_normal(S("拆\xe9"), S("拆\xe9"));
	assert_normal(S("拆\xe9\x81"), S("拆\xe9\x81"));
	/* Ｆ (EF BC A6) and U+3000 (E3 80 80), cut short. */
	assert_normal(S("補償\xef\xbc"), S("补偿\xef\xbc"));
	assert_normal(S("補\xe3\x80"), S("补\xe3\x80"));
	assert_normal_inplace(S("補償\xef\xbc"), S("补偿\xef\xbc"));
	/* A complete character followed by a cut one. */
	assert_normal(S("個\xe5\x80"), S("个\xe5\x80"));
	/* n cuts a character that goes on in memory. */
	assert_normal("個們", 4, "个\xe5", 4);
}

static void
normalize__empty__nothing_written(void **state)
{
	char out[1] = { 'x' };

	(void)state;
	assert_int_equal(xf_hanzi_normalize("", 0, out), 0);
	assert_int_equal(out[0], 'x');
}

static void
normalize__every_bmp_character__agrees_with_simplify(void **state)
{
	char in[3], want[3];
	uint32_t cp;
	size_t n, wn;

	(void)state;
	for (cp = 0x80; cp <= 0xFFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		n = encode(cp, in);
		if (cp >= 0xFF01 && cp <= 0xFF5E) {
			want[0] = (char)(cp - 0xFEE0);
			wn = 1;
		} else if (cp == 0x3000) {
			want[0] = ' ';
			wn = 1;
		} else
			wn = encode(xf_hanzi_simplify(cp), want);
		assert_normal(in, n, want, wn);
	}
}

static void
simplify__known_pairs__simplified(void **state)
{
	(void)state;
	assert_int_equal(xf_hanzi_simplify(0x500B), 0x4E2A);	/* 個 个 */
	assert_int_equal(xf_hanzi_simplify(0x9077), 0x8FC1);	/* 遷 迁 */
	assert_int_equal(xf_hanzi_simplify(0x5F81), 0x5F81);	/* 征 */
	assert_int_equal(xf_hanzi_simplify(0x5FB5), 0x5F81);	/* 徵 征 */
	assert_int_equal(xf_hanzi_simplify(0x5225), 0x522B);	/* 別 别 */
	assert_int_equal(xf_hanzi_simplify(0x9F9C), 0x9F9F);	/* 龜 龟 */
	assert_int_equal(xf_hanzi_simplify(0x4E1F), 0x4E22);	/* 丟 丢 */
}

static void
simplify__others__unchanged(void **state)
{
	(void)state;
	assert_int_equal(xf_hanzi_simplify(0x4E2A), 0x4E2A);	/* 个 */
	assert_int_equal(xf_hanzi_simplify(0x4E7E), 0x4E7E);	/* 乾 */
	assert_int_equal(xf_hanzi_simplify(0x8457), 0x8457);	/* 著 */
	assert_int_equal(xf_hanzi_simplify(0x96BB), 0x96BB);	/* 隻 */
	assert_int_equal(xf_hanzi_simplify(0x9918), 0x9918);	/* 餘 */
	assert_int_equal(xf_hanzi_simplify(0x41), 0x41);
	assert_int_equal(xf_hanzi_simplify(0xFF10), 0xFF10);	/* ０ */
	assert_int_equal(xf_hanzi_simplify(0x4DFF), 0x4DFF);
	assert_int_equal(xf_hanzi_simplify(0xA000), 0xA000);
	assert_int_equal(xf_hanzi_simplify(0x20000), 0x20000);
	assert_int_equal(xf_hanzi_simplify(0xFFFFFFFF), 0xFFFFFFFF);
}

static void
simplify__table__one_step_and_large(void **state)
{
	uint32_t cp, to;
	size_t count = 0;

	(void)state;
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		if ((to = xf_hanzi_simplify(cp)) == cp)
			continue;
		count++;
		assert_in_range(cp, 0x4E00, 0x9FFF);
		assert_in_range(to, 0x4E00, 0x9FFF);
		assert_int_equal(xf_hanzi_simplify(to), to);
	}
	/* The brief asks for at least the 1,000 most frequent pairs. */
	assert_true(count >= 1000);
}

/*
 * The characters noted by xf_hanzi_normalize_cp for a line of Chinese
 * with punctuation, full-width forms, the ideographic space and a
 * Hangul syllable (ED 95 9C, U+D55C, not a surrogate): code points from
 * Python's ord().
 */
static void
normalize_cp__chinese_line__every_character_noted(void **state)
{
	/* 拆遷，。Ａ１<U+3000>한 */
	static const char in[] = "\xe6\x8b\x86\xe9\x81\xb7\xef\xbc\x8c"
	    "\xe3\x80\x82\xef\xbc\xa1\xef\xbc\x91\xe3\x80\x80"
	    "\xed\x95\x9c";
	static const uint32_t want[] = { 0x62C6, XF_HANZI_NOCHAR,
	    XF_HANZI_NOCHAR, 0x8FC1, XF_HANZI_NOCHAR, XF_HANZI_NOCHAR, 0x2C,
	    0x3002, XF_HANZI_NOCHAR, XF_HANZI_NOCHAR, 0x41, 0x31, 0x20,
	    0xD55C, XF_HANZI_NOCHAR, XF_HANZI_NOCHAR, XF_HANZI_NOCHAR };
	char out[sizeof(in)];
	uint32_t cp[sizeof(in) + 1];
	size_t n, i;
	int whole = -1;

	(void)state;
	n = xf_hanzi_normalize_cp(in, sizeof(in) - 1, out, cp, &whole);
	/* 拆迁,。A1 한 */
	assert_int_equal(n, 16);
	assert_memory_equal(out, "\xe6\x8b\x86\xe8\xbf\x81,\xe3\x80\x82"
	    "A1 \xed\x95\x9c", 16);
	assert_int_equal(whole, 1);
	for (i = 0; i <= n; i++)
		assert_int_equal(cp[i], want[i]);
}

/* What it does not decode itself, it says so. */
static void
normalize_cp__other_sequences__not_whole(void **state)
{
	static const char *const in[] = {
		"a\xc3\xa9",		/* é: two bytes */
		"\xed\xa0\x80",	/* a surrogate */
		"\xe0\xa4\x85",	/* अ: lead byte E0 */
		"\xf0\x9f\x98\x80",	/* an emoji: four bytes */
		"\xff",			/* not UTF-8 */
		"\xe6\x8b",		/* cut short */
	};
	char out[8];
	uint32_t cp[9];
	size_t i;
	int whole;

	(void)state;
	for (i = 0; i < NELEM(in); i++) {
		whole = 1;
		xf_hanzi_normalize_cp(in[i], strlen(in[i]), out, cp, &whole);
		assert_int_equal(whole, 0);
	}
}

/*
 * On random strings of Chinese, punctuation, full-width forms, ASCII
 * and broken sequences: the same bytes as xf_hanzi_normalize, and when
 * whole, the characters xf_utf8_decode finds in the result.
 */
static void
normalize_cp__random__agrees_with_normalize_and_decoder(void **state)
{
	static const char *const piece[] = { "\xe6\x8b\x86", "\xe9\x81\xb7",
	    "\xef\xbc\x8c", "\xe3\x80\x82", "\xe3\x80\x80", "\xef\xbd\x9e",
	    "\xef\xbd\x9f", "\xed\x95\x9c", "abcdefgh", "x", "0", "\xc3\xa9",
	    "\xed\xa0\x80", "\xe0\xa4\x85", "\xf0\x9f\x98\x80", "\xff",
	    "\xe6\x8b", "\x80", "\xe4\xb8\x80", "\xe1\x80\x80" };
	char in[256], a[256], b[256];
	uint32_t cp[257], c;
	size_t n, na, nb, i, o;
	int t, k, whole, l, wholes = 0;

	(void)state;
	srand(7);
	for (t = 0; t < 20000; t++) {
		n = 0;
		for (k = rand() % 12; k > 0; k--) {
			const char *p = piece[(size_t)rand() % NELEM(piece)];

			memcpy(in + n, p, strlen(p));
			n += strlen(p);
		}
		na = xf_hanzi_normalize(in, n, a);
		nb = xf_hanzi_normalize_cp(in, n, b, cp, &whole);
		assert_int_equal(na, nb);
		assert_memory_equal(a, b, na);
		if (!whole)
			continue;
		wholes++;
		for (o = 0; o < nb; o += (size_t)l) {
			l = xf_utf8_decode(b + o, nb - o, &c);
			assert_true(l > 0);
			assert_int_equal(cp[o], c);
			for (i = 1; i < (size_t)l; i++)
				assert_int_equal(cp[o + i], XF_HANZI_NOCHAR);
		}
		assert_int_equal(cp[nb], XF_HANZI_NOCHAR);
	}
	/* Both outcomes were met often. */
	assert_true(wholes > 1000 && wholes < 19000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normalize__vocabulary__simplified),
		cmocka_unit_test(normalize__vocabulary_in_place__simplified),
		cmocka_unit_test(normalize__simplified_text__unchanged),
		cmocka_unit_test(
		    normalize__sentence__simplified_and_half_width),
		cmocka_unit_test(normalize__ambiguous_characters__unchanged),
		cmocka_unit_test(normalize__fullwidth__ascii),
		cmocka_unit_test(normalize__fullwidth__three_bytes_to_one),
		cmocka_unit_test(normalize__ascii__unchanged),
		cmocka_unit_test(normalize__every_offset__fast_path_joins),
		cmocka_unit_test(normalize__in_place_after_shrink__correct),
		cmocka_unit_test(normalize__invalid_utf8__unchanged),
		cmocka_unit_test(normalize__four_byte_characters__unchanged),
		cmocka_unit_test(normalize__truncated_at_end__copied),
		cmocka_unit_test(normalize__empty__nothing_written),
		cmocka_unit_test(
		    normalize__every_bmp_character__agrees_with_simplify),
		cmocka_unit_test(
		    normalize_cp__chinese_line__every_character_noted),
		cmocka_unit_test(normalize_cp__other_sequences__not_whole),
		cmocka_unit_test(
		    normalize_cp__random__agrees_with_normalize_and_decoder),
		cmocka_unit_test(simplify__known_pairs__simplified),
		cmocka_unit_test(simplify__others__unchanged),
		cmocka_unit_test(simplify__table__one_step_and_large),
	};

	return cmocka_run_group_tests_name("hanzi", tests, NULL, NULL);
}
