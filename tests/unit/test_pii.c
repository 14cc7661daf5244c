/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/pii.c: finding personal data in free text, column
 * values, names and masks.
 *
 * Every ID number here is fictitious; the check characters were computed
 * with a separate Python one-liner (sum of digit times weight 7 9 10 5 8
 * 4 2 1 6 3 7 9 10 5 8 4 2, modulo 11, through "10X98765432"), not with
 * lib/ident.c:
 *   22240119900101123 -> 0    22240519830416135 -> X
 *   22240119651219397 -> 6    22240120000229002 -> X
 * Card numbers were checked with a Python Luhn function:
 *   6222021234567890128 and 6222021234567894 pass, 6222021234567890129
 *   fails, 62220212345678901234 (20 digits) passes but is too long.
 * Masks were written out by hand from the rules in pii.h.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pii.h"

/* What a scan found: kinds, canonical values, and the masked text. */
struct found {
	const char	*text;
	char		 kinds[256];
	char		 canon[1024];
	char		 masked[4096];
	size_t		 mlen, last, n;
	int		 stop;		/* stop after this many, if > 0 */
};

/* Append s to the NUL-terminated string in dst (size bytes in all). */
static void
append(char *dst, size_t size, const char *s)
{
	size_t have = strlen(dst), n = strlen(s);

	assert_true(have + n < size);
	memcpy(dst + have, s, n + 1);
}

static int
collect(void *arg, const struct xf_pii_match *m)
{
	struct found *f = arg;
	size_t gap;

	assert_true(m->start < m->end);
	assert_true(m->start >= f->last);	/* in order, no overlap */
	gap = m->start - f->last;
	memcpy(f->masked + f->mlen, f->text + f->last, gap);
	f->mlen += gap;
	f->mlen += xf_pii_mask_partial(f->text, m, f->masked + f->mlen);
	f->last = m->end;
	if (f->kinds[0] != '\0')
		append(f->kinds, sizeof(f->kinds), " ");
	append(f->kinds, sizeof(f->kinds), xf_pii_kind_name(m->kind));
	if (f->canon[0] != '\0')
		append(f->canon, sizeof(f->canon), " ");
	append(f->canon, sizeof(f->canon), m->canon);
	f->n++;
	return f->stop > 0 && f->n >= (size_t)f->stop;
}

/* Scan text with opt (NULL: defaults) and fill *f. */
static void
scan(struct found *f, const char *text, const struct xf_pii_opt *opt)
{
	size_t n = strlen(text);

	memset(f, 0, sizeof(*f));
	f->text = text;
	xf_pii_scan(text, n, opt, collect, f);
	memcpy(f->masked + f->mlen, text + f->last, n - f->last);
	f->mlen += n - f->last;
	f->masked[f->mlen] = '\0';
}

/* The masked text alone. */
static const char *
masked(const char *text, const struct xf_pii_opt *opt)
{
	static struct found f;

	scan(&f, text, opt);
	return f.masked;
}

static const char *
kinds(const char *text, const struct xf_pii_opt *opt)
{
	static struct found f;

	scan(&f, text, opt);
	return f.kinds;
}

static void
scan__id18_in_sentence__masked_region_and_last_four(void **state)
{
	struct found f;

	(void)state;
	scan(&f, "身份证号：222401199001011230，请核实。", NULL);
	assert_string_equal(f.kinds, "id");
	assert_string_equal(f.canon, "222401199001011230");
	assert_string_equal(f.masked, "身份证号：222401********1230，请核实。");
}

static void
scan__id_with_x__upper_canon_lower_kept(void **state)
{
	struct found f;

	(void)state;
	scan(&f, "22240519830416135x号", NULL);
	assert_string_equal(f.kinds, "id");
	assert_string_equal(f.canon, "22240519830416135X");
	assert_string_equal(f.masked, "222405********135x号");
}

static void
scan__id_split_by_spaces__found_separators_kept(void **state)
{
	struct found f;

	(void)state;
	scan(&f, "222401 19900101 1230", NULL);
	assert_string_equal(f.kinds, "id");
	assert_string_equal(f.canon, "222401199001011230");
	assert_string_equal(f.masked, "222401 ******** 1230");
	/* Groups of four, as people copy from a card. */
	assert_string_equal(masked("号码2224 0119 9001 0112 30。", NULL),
	    "号码2224 01** **** **12 30。");
	/* U+3000 and a dash between groups. */
	assert_string_equal(masked("222401\xe3\x80\x80" "19900101-1230", NULL),
	    "222401\xe3\x80\x80" "********-1230");
}

static void
scan__id_fullwidth__found_and_masked(void **state)
{
	struct found f;

	(void)state;
	/* ２２２４０１１９９００１０１１２３０ */
	scan(&f, "\xef\xbc\x92\xef\xbc\x92\xef\xbc\x92\xef\xbc\x94\xef\xbc\x90"
	    "\xef\xbc\x91\xef\xbc\x91\xef\xbc\x99\xef\xbc\x99\xef\xbc\x90"
	    "\xef\xbc\x90\xef\xbc\x91\xef\xbc\x90\xef\xbc\x91\xef\xbc\x91"
	    "\xef\xbc\x92\xef\xbc\x93\xef\xbc\x90", NULL);
	assert_string_equal(f.kinds, "id");
	assert_string_equal(f.canon, "222401199001011230");
	/* Six full-width digits kept, eight stars, four kept. */
	assert_string_equal(f.masked,
	    "\xef\xbc\x92\xef\xbc\x92\xef\xbc\x92\xef\xbc\x94\xef\xbc\x90"
	    "\xef\xbc\x91********\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93"
	    "\xef\xbc\x90");
}

static void
scan__id_bad_check__left_unless_anyid(void **state)
{
	struct xf_pii_opt o;
	struct found f;

	(void)state;
	/* ...1231: the check character should be 0. */
	scan(&f, "证号222401199001011231", NULL);
	assert_string_equal(f.kinds, "");
	memset(&o, 0, sizeof(o));
	o.anyid = 1;
	scan(&f, "证号222401199001011231", &o);
	assert_string_equal(f.kinds, "id");
	assert_string_equal(f.canon, "222401199001011231");
	assert_string_equal(f.masked, "证号222401********1231");
	/* anyid takes an impossible date too: 1999-02-29. */
	assert_string_equal(kinds("22240119990229002X", &o), "id");
	assert_string_equal(kinds("22240119990229002X", NULL), "");
	/* ...but not 17 or 19 characters. */
	assert_string_equal(kinds("2224011999022900", &o), "");
}

static void
scan__id_known_in_record__masked_though_invalid(void **state)
{
	static const char *const known[] = { "222401199001011231" };
	struct xf_pii_opt o;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.known = known;
	o.nknown = 1;
	assert_string_equal(masked("我的身份证222401199001011231", &o),
	    "我的身份证222401********1231");
	/* Another number, with a wrong check character (9 is right). */
	assert_string_equal(kinds("另一个222401199001011242", &o), "");
}

static void
scan__id15_valid_date__masked_keep_three(void **state)
{
	struct found f;

	(void)state;
	/* 750922: 1975-09-22 exists. */
	scan(&f, "老身份证222401750922792", NULL);
	assert_string_equal(f.kinds, "id");
	assert_string_equal(f.canon, "222401197509227922");
	assert_string_equal(f.masked, "老身份证222401******792");
	/* 751322: month 13; 15 digits and no match. */
	assert_string_equal(kinds("编号222401751322792", NULL), "");
}

static void
scan__id_inside_longer_run__not_found(void **state)
{
	(void)state;
	/* A valid ID with one digit before or after, unbroken. */
	assert_string_equal(kinds("9222401199001011230", NULL), "");
	assert_string_equal(kinds("账号22240119900101123055", NULL), "");
	/* ...but after a letter it is a group of its own. */
	assert_string_equal(kinds("ID222401199001011230", NULL), "id");
}

static void
scan__mobile_forms__all_found(void **state)
{
	struct found f;

	(void)state;
	assert_string_equal(masked("电话13812345678。", NULL),
	    "电话138****5678。");
	assert_string_equal(masked("138-1234-5678", NULL), "138-****-5678");
	assert_string_equal(masked("138 1234 5678", NULL), "138 **** 5678");
	assert_string_equal(masked("+86 138 1234 5678", NULL),
	    "+86 138 **** 5678");
	assert_string_equal(masked("+86-13812345678", NULL),
	    "+86-138****5678");
	assert_string_equal(masked("(+86)13812345678", NULL),
	    "(+86)138****5678");
	assert_string_equal(masked("0086 13812345678", NULL),
	    "0086 138****5678");
	assert_string_equal(masked("8613812345678", NULL), "86138****5678");
	/* Full-width digits and dashes: １３８－１２３４－５６７８. */
	scan(&f, "\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98\xef\xbc\x8d"
	    "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94\xef\xbc\x8d"
	    "\xef\xbc\x95\xef\xbc\x96\xef\xbc\x97\xef\xbc\x98", NULL);
	assert_string_equal(f.kinds, "mobile");
	assert_string_equal(f.canon, "13812345678");
	assert_string_equal(f.masked, "\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98"
	    "\xef\xbc\x8d****\xef\xbc\x8d"
	    "\xef\xbc\x95\xef\xbc\x96\xef\xbc\x97\xef\xbc\x98");
	/* ＋８６ 138… */
	assert_string_equal(kinds("\xef\xbc\x8b\xef\xbc\x98\xef\xbc\x96 "
	    "13812345678", NULL), "mobile");
}

static void
scan__two_mobiles_one_space__two_matches(void **state)
{
	struct found f;

	(void)state;
	scan(&f, "13812345678 13987654321", NULL);
	assert_string_equal(f.kinds, "mobile mobile");
	assert_string_equal(f.masked, "138****5678 139****4321");
}

static void
scan__not_mobiles__left(void **state)
{
	(void)state;
	assert_string_equal(kinds("1381234567", NULL), "");	/* 10 */
	assert_string_equal(kinds("138123456789", NULL), "");	/* 12 */
	assert_string_equal(kinds("12812345678", NULL), "");	/* 12x */
	assert_string_equal(kinds("打了好几次12345，拨打110", NULL), "");
	/* Four separators between groups are too many. */
	assert_string_equal(kinds("138    12345678", NULL), "");
}

static void
scan__landline_with_area__masked_keep_area_last_three(void **state)
{
	struct found f;

	(void)state;
	scan(&f, "0433-2760955", NULL);
	assert_string_equal(f.kinds, "landline");
	assert_string_equal(f.canon, "0433-2760955");
	assert_string_equal(f.masked, "0433-****955");
	assert_string_equal(masked("(0433)2760955", NULL), "(0433)****955");
	assert_string_equal(masked("04332760955", NULL), "0433****955");
	assert_string_equal(masked("010-62345678", NULL), "010-*****678");
	/* A local number does not start with 1: this is no landline. */
	assert_string_equal(kinds("010-12345678", NULL), "");
	/* An em dash U+2014 between the groups. */
	assert_string_equal(masked("0433\xe2\x80\x94" "2760955", NULL),
	    "0433\xe2\x80\x94" "****955");
	assert_string_equal(masked("+86 433 2760955", NULL),
	    "+86 433 ****955");
}

static void
scan__landline_extension__not_part_of_match(void **state)
{
	(void)state;
	assert_string_equal(masked("0433-2760955-8", NULL), "0433-****955-8");
	assert_string_equal(masked("0433-2760955转8", NULL), "0433-****955转8");
}

static void
scan__bare_local_number__only_after_cue(void **state)
{
	struct found f;

	(void)state;
	scan(&f, "家里电话：2760955", NULL);
	assert_string_equal(f.kinds, "landline");
	assert_string_equal(f.canon, "2760955");
	assert_string_equal(f.masked, "家里电话：****955");
	assert_string_equal(masked("Tel 27609550", NULL), "Tel *****550");
	/* A date, an amount, a bare number: no cue, no match. */
	assert_string_equal(kinds("日期20240101，金额2760955元", NULL), "");
	/* The cue is more than 8 characters back. */
	assert_string_equal(kinds("电话不通，我们一家人等了2760955", NULL), "");
}

static void
scan__dates_and_amounts__left(void **state)
{
	(void)state;
	assert_string_equal(kinds("2024-01-01至2024-12-31，共计29.9万元，"
	    "每平方米3,000元，案号(2023)吉2401民初1234号", NULL), "");
}

static void
scan__bank_card_luhn__masked_keep_six_four(void **state)
{
	struct found f;

	(void)state;
	scan(&f, "卡号6222021234567890128。", NULL);
	assert_string_equal(f.kinds, "bank");
	assert_string_equal(f.canon, "6222021234567890128");
	assert_string_equal(f.masked, "卡号622202*********0128。");
	assert_string_equal(masked("6222 0212 3456 7894", NULL),
	    "6222 02** **** 7894");
	/* Luhn fails; 20 digits; leading zero. */
	assert_string_equal(kinds("6222021234567890129", NULL), "");
	assert_string_equal(kinds("62220212345678901234", NULL), "");
	assert_string_equal(kinds("0222021234567894", NULL), "");
}

static void
scan__long_digits__masked_whole_when_asked(void **state)
{
	struct xf_pii_opt o;
	struct found f;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.longdigits = 16;
	scan(&f, "账号62220212345678901234，另6222 0212 3456 7890 1234", &o);
	assert_string_equal(f.kinds, "number number");
	assert_string_equal(f.canon,
	    "62220212345678901234 62220212345678901234");
	assert_string_equal(f.masked, "账号********************，另"
	    "**** **** **** **** ****");
	/* An invalid ID number is caught this way too. */
	assert_string_equal(kinds("222401199001011231", &o), "number");
	/* Fewer digits than asked: left. */
	assert_string_equal(kinds("123456789012345", &o), "");
	/* Without the option: left. */
	assert_string_equal(kinds("62220212345678901234", NULL), "");
}

static void
scan__email__masked_keep_first_and_domain(void **state)
{
	struct found f;

	(void)state;
	scan(&f, "邮箱：Zhang.San@Example.COM。", NULL);
	assert_string_equal(f.kinds, "email");
	assert_string_equal(f.canon, "zhang.san@example.com");
	assert_string_equal(f.masked, "邮箱：Z********@Example.COM。");
	/* A full stop after it belongs to the sentence. */
	assert_string_equal(masked("mail li_4@qq.com.", NULL),
	    "mail l***@qq.com.");
	/* Digits before the @ are an address, not a number. */
	scan(&f, "QQ邮箱13812345678@qq.com", NULL);
	assert_string_equal(f.kinds, "email");
	assert_string_equal(f.masked, "QQ邮箱1**********@qq.com");
	/* Full-width ＠. */
	assert_string_equal(kinds("ab\xef\xbc\xa0" "example.cn", NULL),
	    "email");
}

static void
scan__not_emails__left(void **state)
{
	(void)state;
	assert_string_equal(kinds("@someone 说", NULL), "");
	assert_string_equal(kinds("a@b", NULL), "");
	assert_string_equal(kinds("a@b.c", NULL), "");	/* one-letter TLD */
	assert_string_equal(kinds("a@b.12", NULL), "");
	assert_string_equal(kinds(".a@b.cn", NULL), "");
	assert_string_equal(kinds("a.@b.cn", NULL), "");
	assert_string_equal(kinds("a@.b.cn", NULL), "");
	assert_string_equal(kinds("a@b..cn", NULL), "");
}

static void
scan__mixed_text__everything_in_order(void **state)
{
	struct found f;

	(void)state;
	scan(&f, "我叫张三，身份证222401 19900101 1230，手机+86 138-1234-5678，"
	    "家里0433-2760955，卡6222021234567890128，邮箱zs@163.com。", NULL);
	assert_string_equal(f.kinds, "id mobile landline bank email");
	assert_string_equal(f.masked, "我叫张三，身份证222401 ******** 1230，"
	    "手机+86 138-****-5678，家里0433-****955，卡622202*********0128，"
	    "邮箱z*@163.com。");
}

static void
scan__kinds_subset__others_left(void **state)
{
	struct xf_pii_opt o;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.kinds = XF_PII_BIT(XF_PII_MOBILE);
	assert_string_equal(kinds("222401199001011230 13812345678 "
	    "a@b.cn", &o), "mobile");
}

static void
scan__callback_stops__no_more_calls(void **state)
{
	struct found f;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.text = "13812345678 13987654321 13700000000";
	f.stop = 1;
	xf_pii_scan(f.text, strlen(f.text), NULL, collect, &f);
	assert_int_equal(f.n, 1);
}

static void
scan__hostile_bytes__no_match_no_crash(void **state)
{
	static const char junk[] = "\xff\xfe\xe5\xbb\x00" "138\xef\xbc"
	    "(((+++---   )))\xe3\x80" "X" "x@" "@@" "+";

	(void)state;
	assert_string_equal(masked("", NULL), "");
	/* Ill-formed UTF-8 and cut-off sequences at the end. */
	{
		struct found f;

		memset(&f, 0, sizeof(f));
		f.text = junk;
		xf_pii_scan(junk, sizeof(junk) - 1, NULL, collect, &f);
		assert_int_equal(f.n, 0);
	}
	assert_string_equal(kinds("1", NULL), "");
	assert_string_equal(kinds("+", NULL), "");
	assert_string_equal(kinds("(", NULL), "");
	assert_string_equal(kinds("13812345678\xef", NULL), "mobile");
}

static void
id_value__forms__canonical_and_mask(void **state)
{
	struct xf_pii_match m;
	char out[128];
	size_t n;
	const char *s;

	(void)state;
	s = " 22240519830416135x ";
	assert_int_equal(xf_pii_id_value(s, strlen(s), &m), 1);
	assert_int_equal(m.kind, XF_PII_ID);
	assert_int_equal(m.start, 1);
	assert_int_equal(m.end, 19);
	assert_string_equal(m.canon, "22240519830416135X");
	n = xf_pii_mask_partial(s, &m, out);
	out[n] = '\0';
	assert_string_equal(out, "222405********135x");

	/* 15 digits: canonical 18, mask keeps the last three. */
	s = "222401750922792";
	assert_int_equal(xf_pii_id_value(s, strlen(s), &m), 1);
	assert_string_equal(m.canon, "222401197509227922");
	n = xf_pii_mask_partial(s, &m, out);
	out[n] = '\0';
	assert_string_equal(out, "222401******792");

	/* A wrong check character: still an ID, canon as written. */
	s = "222401199001011231";
	assert_int_equal(xf_pii_id_value(s, strlen(s), &m), 1);
	assert_int_equal(m.kind, XF_PII_ID);
	assert_string_equal(m.canon, "222401199001011231");

	/* Full-width: canonical ASCII, full-width digits kept. */
	s = "\xef\xbc\x92\xef\xbc\x92\xef\xbc\x92\xef\xbc\x94\xef\xbc\x90"
	    "\xef\xbc\x91" "199001011230";
	assert_int_equal(xf_pii_id_value(s, strlen(s), &m), 1);
	assert_int_equal(m.kind, XF_PII_ID);
	assert_string_equal(m.canon, "222401199001011230");
}

static void
id_value__unusable_id__every_digit_masked(void **state)
{
	struct xf_pii_match m;
	char out[128];
	size_t n;
	const char *s;

	(void)state;
	/* Blanks inside: not an ID number as a column holds one. */
	s = "222401 19900101 1230";
	assert_int_equal(xf_pii_id_value(s, strlen(s), &m), 1);
	assert_int_equal(m.kind, XF_PII_NUMBER);
	n = xf_pii_mask_partial(s, &m, out);
	out[n] = '\0';
	assert_string_equal(out, "****** ******** ****");
	/* 1999-02-29 does not exist. */
	s = "22240119990229002X";
	assert_int_equal(xf_pii_id_value(s, strlen(s), &m), 1);
	assert_int_equal(m.kind, XF_PII_NUMBER);
	assert_string_equal(m.canon, "22240119990229002X");
	n = xf_pii_mask_partial(s, &m, out);
	out[n] = '\0';
	assert_string_equal(out, "******************");
	/* 17 digits. */
	s = "22240119900101123";
	assert_int_equal(xf_pii_id_value(s, strlen(s), &m), 1);
	assert_int_equal(m.kind, XF_PII_NUMBER);
}

static void
id_value__not_an_id__every_digit_masked(void **state)
{
	struct xf_pii_match m;
	char out[128];
	size_t n;
	const char *s;

	(void)state;
	s = "E1234567";
	assert_int_equal(xf_pii_id_value(s, strlen(s), &m), 1);
	assert_int_equal(m.kind, XF_PII_NUMBER);
	assert_string_equal(m.canon, "E1234567");
	n = xf_pii_mask_partial(s, &m, out);
	out[n] = '\0';
	assert_string_equal(out, "E*******");
	/* Lower-case and full-width letters: folded and upper-cased. */
	s = "e\xef\xbd\x81" "12";
	assert_int_equal(xf_pii_id_value(s, strlen(s), &m), 1);
	assert_string_equal(m.canon, "EA12");
	/* Nothing of a number: nothing to mask. */
	s = "不详";
	assert_int_equal(xf_pii_id_value(s, strlen(s), &m), 0);
	assert_int_equal(xf_pii_id_value(" \xe3\x80\x80 ", 5, &m), 0);
	assert_int_equal(xf_pii_id_value("", 0, &m), 0);
}

static void
phone_value__forms__masked_by_kind(void **state)
{
	static const struct {
		const char	*in, *kind, *canon, *out;
	} t[] = {
		{ "13812345678", "mobile", "13812345678", "138****5678" },
		{ "187-4548-0627", "mobile", "18745480627", "187-****-0627" },
		{ "+86 15699578577", "mobile", "15699578577",
		    "+86 156****8577" },
		{ "130 5232 9721", "mobile", "13052329721", "130 **** 9721" },
		{ "0433-2760955", "landline", "0433-2760955", "0433-****955" },
		{ "0433-27609550", "landline", "0433-27609550",
		    "0433-*****550" },
		{ "0433-2760955-8", "landline", "0433-2760955-8",
		    "0433-****955-8" },
		{ "2760955", "landline", "2760955", "****955" },
		{ "12345", "number", "12345", "*****" },
		{ "13812345678/13987654321", "number",
		    "1381234567813987654321", "***********/***********" },
	};
	struct xf_pii_match m;
	char out[128];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_int_equal(xf_pii_phone_value(t[i].in, strlen(t[i].in),
		    &m), 1);
		assert_string_equal(xf_pii_kind_name(m.kind), t[i].kind);
		assert_string_equal(m.canon, t[i].canon);
		n = xf_pii_mask_partial(t[i].in, &m, out);
		out[n] = '\0';
		assert_string_equal(out, t[i].out);
	}
	assert_int_equal(xf_pii_phone_value("  ", 2, &m), 0);
	assert_int_equal(xf_pii_phone_value("无", 3, &m), 0);
	assert_int_equal(xf_pii_phone_value("不详", 6, &m), 0);
}

static void
next_name__lists__each_name(void **state)
{
	const char *s = " 张三、李四，欧阳娜娜,金 / 朴成日 ";
	static const char *const want[] = { "张三", "李四", "欧阳娜娜", "金",
	    "朴成日" };
	struct xf_pii_match m;
	size_t pos = 0, i = 0;

	(void)state;
	while (xf_pii_next_name(s, strlen(s), &pos, &m)) {
		assert_true(i < 5);
		assert_int_equal(m.kind, XF_PII_NAME);
		assert_int_equal(m.end - m.start, strlen(want[i]));
		assert_memory_equal(s + m.start, want[i], strlen(want[i]));
		assert_string_equal(m.canon, want[i]);
		i++;
	}
	assert_int_equal(i, 5);
	pos = 0;
	assert_int_equal(xf_pii_next_name("、 ,", 5, &pos, &m), 0);

	/* 等…人 and a note in brackets are not part of the name. */
	s = "张三等5人，李四（代）,王五(代)";
	pos = 0;
	assert_int_equal(xf_pii_next_name(s, strlen(s), &pos, &m), 1);
	assert_string_equal(m.canon, "张三");
	assert_int_equal(pos, strlen("张三等5人"));
	assert_int_equal(xf_pii_next_name(s, strlen(s), &pos, &m), 1);
	assert_string_equal(m.canon, "李四");
	assert_int_equal(xf_pii_next_name(s, strlen(s), &pos, &m), 1);
	assert_string_equal(m.canon, "王五");
	assert_int_equal(xf_pii_next_name(s, strlen(s), &pos, &m), 0);
	/* ...but a first character 等 is kept. */
	pos = 0;
	assert_int_equal(xf_pii_next_name("等等", 6, &pos, &m), 1);
	assert_int_equal(m.end, 3);
}

static void
surname_len__simple_compound_short(void **state)
{
	(void)state;
	assert_int_equal(xf_pii_surname_len("张海涛", 9), 1);
	assert_int_equal(xf_pii_surname_len("欧阳娜娜", 12), 2);
	assert_int_equal(xf_pii_surname_len("诸葛亮", 9), 2);
	assert_int_equal(xf_pii_surname_len("欧阳", 6), 1);
	assert_int_equal(xf_pii_surname_len("张", 3), 0);
	assert_int_equal(xf_pii_surname_len("", 0), 0);
}

static void
mask_partial__names__surname_kept(void **state)
{
	static const struct {
		const char	*in, *out;
	} t[] = {
		{ "张三", "张*" },
		{ "张海涛", "张**" },
		{ "欧阳娜娜", "欧阳**" },
		{ "欧阳", "欧*" },
		{ "金", "*" },
		{ "阿依古丽·买买提", "阿***·***" },
		{ "Kim Minsu", "K** *****" },
	};
	struct xf_pii_match m;
	char out[128];
	size_t i, n, pos;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		pos = 0;
		/* "Kim Minsu" would be split at the blank: mask it whole. */
		if (strchr(t[i].in, ' ') != NULL) {
			memset(&m, 0, sizeof(m));
			m.kind = XF_PII_NAME;
			m.end = strlen(t[i].in);
			m.mfrom = 1;
			m.mto = SIZE_MAX;
		} else
			assert_int_equal(xf_pii_next_name(t[i].in,
			    strlen(t[i].in), &pos, &m), 1);
		n = xf_pii_mask_partial(t[i].in, &m, out);
		out[n] = '\0';
		assert_string_equal(out, t[i].out);
	}
}

static void
find_name__occurrences__each_found(void **state)
{
	const char *s = "我叫张海涛，张海涛的哥哥张海也来了";
	struct xf_pii_match m;
	size_t from = 0, hits = 0;
	char out[64];

	(void)state;
	while (xf_pii_find_name(s, strlen(s), from, "张海涛", 9, &m)) {
		assert_int_equal(m.end - m.start, 9);
		assert_memory_equal(s + m.start, "张海涛", 9);
		from = m.end;
		hits++;
	}
	assert_int_equal(hits, 2);
	assert_int_equal(xf_pii_find_name(s, strlen(s), 0, "张海涛", 9, &m),
	    1);
	assert_int_equal(m.start, 6);
	assert_string_equal(m.canon, "张海涛");
	assert_int_equal(xf_pii_mask_partial(s, &m, out), 5);
	assert_memory_equal(out, "张**", 5);
	/* One character is never searched for. */
	assert_int_equal(xf_pii_find_name(s, strlen(s), 0, "张", 3, &m), 0);
	assert_int_equal(xf_pii_find_name(s, strlen(s), 0, "李四", 6, &m), 0);
	/* from past the end, and a name longer than the text. */
	assert_int_equal(xf_pii_find_name(s, 3, 0, "张海涛", 9, &m), 0);
	assert_int_equal(xf_pii_find_name(s, strlen(s), strlen(s) + 1,
	    "张海涛", 9, &m), 0);
}

static void
mask_full__every_character_one_star(void **state)
{
	struct xf_pii_match m;
	char out[64];
	const char *s = "张海涛 138-1234";

	(void)state;
	memset(&m, 0, sizeof(m));
	m.kind = XF_PII_NAME;
	m.end = strlen(s);
	assert_int_equal(xf_pii_mask_full(s, &m, out), 12);
	assert_memory_equal(out, "************", 12);
	/* An ill-formed byte counts as one character. */
	m.end = 2;
	assert_int_equal(xf_pii_mask_full("\xff" "a", &m, out), 2);
}

static void
luhn__known_numbers(void **state)
{
	(void)state;
	assert_int_equal(xf_pii_luhn("79927398713", 11), 1);
	assert_int_equal(xf_pii_luhn("4111111111111111", 16), 1);
	assert_int_equal(xf_pii_luhn("6222021234567890128", 19), 1);
	assert_int_equal(xf_pii_luhn("6222021234567890129", 19), 0);
	assert_int_equal(xf_pii_luhn("79927398710", 11), 0);
	assert_int_equal(xf_pii_luhn("7992739871a", 11), 0);
	assert_int_equal(xf_pii_luhn("", 0), 0);
}

static void
kind_name__every_kind(void **state)
{
	(void)state;
	assert_string_equal(xf_pii_kind_name(XF_PII_ID), "id");
	assert_string_equal(xf_pii_kind_name(XF_PII_MOBILE), "mobile");
	assert_string_equal(xf_pii_kind_name(XF_PII_LANDLINE), "landline");
	assert_string_equal(xf_pii_kind_name(XF_PII_BANK), "bank");
	assert_string_equal(xf_pii_kind_name(XF_PII_EMAIL), "email");
	assert_string_equal(xf_pii_kind_name(XF_PII_NUMBER), "number");
	assert_string_equal(xf_pii_kind_name(XF_PII_NAME), "name");
	assert_string_equal(xf_pii_kind_name((enum xf_pii_kind)99),
	    "unknown");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scan__id18_in_sentence__masked_region_and_last_four),
		cmocka_unit_test(scan__id_with_x__upper_canon_lower_kept),
		cmocka_unit_test(scan__id_split_by_spaces__found_separators_kept),
		cmocka_unit_test(scan__id_fullwidth__found_and_masked),
		cmocka_unit_test(scan__id_bad_check__left_unless_anyid),
		cmocka_unit_test(scan__id_known_in_record__masked_though_invalid),
		cmocka_unit_test(scan__id15_valid_date__masked_keep_three),
		cmocka_unit_test(scan__id_inside_longer_run__not_found),
		cmocka_unit_test(scan__mobile_forms__all_found),
		cmocka_unit_test(scan__two_mobiles_one_space__two_matches),
		cmocka_unit_test(scan__not_mobiles__left),
		cmocka_unit_test(scan__landline_with_area__masked_keep_area_last_three),
		cmocka_unit_test(scan__landline_extension__not_part_of_match),
		cmocka_unit_test(scan__bare_local_number__only_after_cue),
		cmocka_unit_test(scan__dates_and_amounts__left),
		cmocka_unit_test(scan__bank_card_luhn__masked_keep_six_four),
		cmocka_unit_test(scan__long_digits__masked_whole_when_asked),
		cmocka_unit_test(scan__email__masked_keep_first_and_domain),
		cmocka_unit_test(scan__not_emails__left),
		cmocka_unit_test(scan__mixed_text__everything_in_order),
		cmocka_unit_test(scan__kinds_subset__others_left),
		cmocka_unit_test(scan__callback_stops__no_more_calls),
		cmocka_unit_test(scan__hostile_bytes__no_match_no_crash),
		cmocka_unit_test(id_value__forms__canonical_and_mask),
		cmocka_unit_test(id_value__unusable_id__every_digit_masked),
		cmocka_unit_test(id_value__not_an_id__every_digit_masked),
		cmocka_unit_test(phone_value__forms__masked_by_kind),
		cmocka_unit_test(next_name__lists__each_name),
		cmocka_unit_test(surname_len__simple_compound_short),
		cmocka_unit_test(mask_partial__names__surname_kept),
		cmocka_unit_test(find_name__occurrences__each_found),
		cmocka_unit_test(mask_full__every_character_one_star),
		cmocka_unit_test(luhn__known_numbers),
		cmocka_unit_test(kind_name__every_kind),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
