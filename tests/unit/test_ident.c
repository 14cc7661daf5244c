/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/ident.c.  The ID numbers are made up (region 222401
 * is 延吉市; dates and sequence numbers invented) except the worked
 * example of GB 11643-1999 itself, 11010519491231002X.  Their check
 * characters were computed with a separate python3 script (weights
 * 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum mod 11 through "10X98765432");
 * calendar facts from python3's datetime.date.  Phone numbers are
 * invented too (0433 is 延吉's area code); their expected forms follow
 * the rules in ident.h, worked out by hand.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "ident.h"

/* A string literal and its length, NUL excluded. */
#define S(lit)	(lit), (sizeof(lit) - 1)

static void
assert_id(const char *s, enum xf_id_status want, const char *want18)
{
	char out[XF_ID_KEYSZ];
	enum xf_id_status got;

	memset(out, '#', sizeof(out));
	got = xf_id_check(s, strlen(s), out);
	if (got != want || strcmp(out, want18) != 0)
		fail_msg("'%s': status %d '%s', want %d '%s'", s, (int)got,
		    out, (int)want, want18);
}

static void
assert_phone(const char *s, enum xf_phone_kind want, const char *wantnorm)
{
	char norm[XF_PHONE_NORMSZ];
	enum xf_phone_kind got;

	memset(norm, '#', sizeof(norm));
	got = xf_phone_check(s, strlen(s), norm, sizeof(norm));
	if (got != want || strcmp(norm, wantnorm) != 0)
		fail_msg("'%s': kind %d '%s', want %d '%s'", s, (int)got,
		    norm, (int)want, wantnorm);
}

static void
id_check__valid_digit_check__ok18(void **state)
{
	(void)state;
	/* 1965-03-12, sequence 123: weighted sum 207, 207 mod 11 = 9, '3'. */
	assert_id("222401196503121233", XF_ID_OK18, "222401196503121233");
	assert_id("222401199612310424", XF_ID_OK18, "222401199612310424");
	/* Check character 0. */
	assert_id("222401198001010030", XF_ID_OK18, "222401198001010030");
}

static void
id_check__valid_x_check__ok18(void **state)
{
	(void)state;
	assert_id("22240119800101009X", XF_ID_OK18, "22240119800101009X");
	/* The example printed in GB 11643-1999. */
	assert_id("11010519491231002X", XF_ID_OK18, "11010519491231002X");
}

static void
id_check__lower_case_x__ok18_norm(void **state)
{
	(void)state;
	assert_id("22240119800101009x", XF_ID_OK18_NORM, "22240119800101009X");
}

static void
id_check__full_width__ok18_norm(void **state)
{
	(void)state;
	assert_id("２２２４０１１９６５０３１２１２３３", XF_ID_OK18_NORM,
	    "222401196503121233");
	assert_id("２２２４０１１９８００１０１００９Ｘ", XF_ID_OK18_NORM,
	    "22240119800101009X");
}

static void
id_check__wrong_check__badcheck_copied(void **state)
{
	(void)state;
	assert_id("222401196503121234", XF_ID_BADCHECK, "222401196503121234");
	assert_id("222401196503121230", XF_ID_BADCHECK, "222401196503121230");
	/* X where 3 belongs, and 0 where X belongs. */
	assert_id("22240119650312123X", XF_ID_BADCHECK, "22240119650312123X");
	assert_id("22240119650312123x", XF_ID_BADCHECK, "22240119650312123X");
	assert_id("222401198001010090", XF_ID_BADCHECK, "222401198001010090");
}

static void
id_check__impossible_date__baddate(void **state)
{
	(void)state;
	/* 1999-02-30 with its right check character 5, and a wrong one. */
	assert_id("222401199902301235", XF_ID_BADDATE, "");
	assert_id("222401199902301234", XF_ID_BADDATE, "");
	assert_id("222401199902291234", XF_ID_BADDATE, "");	/* not leap */
	assert_id("222401190002291234", XF_ID_BADDATE, "");	/* 1900 */
	assert_id("222401199900151234", XF_ID_BADDATE, "");	/* month 0 */
	assert_id("222401199913151234", XF_ID_BADDATE, "");	/* month 13 */
	assert_id("222401199901001234", XF_ID_BADDATE, "");	/* day 0 */
	assert_id("222401199901321234", XF_ID_BADDATE, "");	/* day 32 */
	assert_id("222401199904311234", XF_ID_BADDATE, "");	/* April 31 */
	/* 1799-12-31 with its right check character 6. */
	assert_id("222401179912311236", XF_ID_BADDATE, "");
}

static void
id_check__leap_days__ok(void **state)
{
	(void)state;
	assert_id("222401200002290150", XF_ID_OK18, "222401200002290150");
	assert_id("222401960229015", XF_ID_OK15, "222401199602290159");
}

static void
id_check__wrong_length__badformat(void **state)
{
	(void)state;
	assert_id("22240119650312123", XF_ID_BADFORMAT, "");
	assert_id("2224011965031212333", XF_ID_BADFORMAT, "");
	assert_id("2224016503121", XF_ID_BADFORMAT, "");
	assert_id("2224016503121234", XF_ID_BADFORMAT, "");
	assert_id("1", XF_ID_BADFORMAT, "");
	/* Blanks are the caller's to trim. */
	assert_id(" 222401196503121233", XF_ID_BADFORMAT, "");
	assert_id("222401196503121233\n", XF_ID_BADFORMAT, "");
}

static void
id_check__letters__badformat(void **state)
{
	(void)state;
	assert_id("22240119650312A233", XF_ID_BADFORMAT, "");
	assert_id("2224011965031212X3", XF_ID_BADFORMAT, "");
	assert_id("22240119650312123Y", XF_ID_BADFORMAT, "");
	assert_id("222401 96503121233", XF_ID_BADFORMAT, "");
	assert_id("222401-1965-0312-1233", XF_ID_BADFORMAT, "");
	assert_id("22240165031212X", XF_ID_BADFORMAT, "");
	assert_id("张三", XF_ID_BADFORMAT, "");
	assert_id("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
	    "\xff\xff\xff", XF_ID_BADFORMAT, "");
}

static void
id_check__empty__empty(void **state)
{
	(void)state;
	assert_id("", XF_ID_EMPTY, "");
}

/*
 * 15 to 18 by hand: 222401 650312 123 becomes 222401 19650312 123; the
 * digits 2 2 2 4 0 1 1 9 6 5 0 3 1 2 1 2 3 times the weights give
 * 14 18 20 20 0 4 2 9 36 15 0 27 10 10 8 8 6, sum 207 = 18 * 11 + 9,
 * and position 9 of "10X98765432" is '3'.
 */
static void
id_check__fifteen_digits__converted(void **state)
{
	(void)state;
	assert_id("222401650312123", XF_ID_OK15, "222401196503121233");
	assert_id("222401961231042", XF_ID_OK15, "222401199612310424");
	assert_id("２２２４０１６５０３１２１２３", XF_ID_OK15,
	    "222401196503121233");
}

static void
id_check__fifteen_digits_bad_date__baddate(void **state)
{
	(void)state;
	assert_id("222401990230123", XF_ID_BADDATE, "");	/* 1999-02-30 */
	assert_id("222401000229123", XF_ID_BADDATE, "");	/* 1900-02-29 */
	assert_id("222401961301042", XF_ID_BADDATE, "");	/* month 13 */
	assert_id("222401960100042", XF_ID_BADDATE, "");	/* day 0 */
}

static void
id_check__out_null__status_only(void **state)
{
	(void)state;
	assert_int_equal(xf_id_check(S("222401650312123"), NULL), XF_ID_OK15);
	assert_int_equal(xf_id_check(S("222401196503121234"), NULL),
	    XF_ID_BADCHECK);
}

static void
id_strerror__every_status__distinct_text(void **state)
{
	const char *s[7];
	int i, j;

	(void)state;
	s[0] = xf_id_strerror(XF_ID_OK18);
	s[1] = xf_id_strerror(XF_ID_OK18_NORM);
	s[2] = xf_id_strerror(XF_ID_OK15);
	s[3] = xf_id_strerror(XF_ID_BADCHECK);
	s[4] = xf_id_strerror(XF_ID_BADDATE);
	s[5] = xf_id_strerror(XF_ID_BADFORMAT);
	s[6] = xf_id_strerror(XF_ID_EMPTY);
	for (i = 0; i < 7; i++) {
		assert_non_null(s[i]);
		assert_true(strlen(s[i]) > 0);
		assert_true(s[i][strlen(s[i]) - 1] != '.');
		for (j = 0; j < i; j++)
			assert_string_not_equal(s[i], s[j]);
	}
	assert_string_equal(xf_id_strerror(XF_ID_BADCHECK),
	    "wrong check character in id number");
	assert_non_null(xf_id_strerror((enum xf_id_status)99));
}

static void
id_checkchar__seventeen_digits__character(void **state)
{
	(void)state;
	assert_int_equal(xf_id_checkchar("11010519491231002"), 'X');
	assert_int_equal(xf_id_checkchar("22240119650312123"), '3');
	assert_int_equal(xf_id_checkchar("22240119800101003"), '0');
	assert_int_equal(xf_id_checkchar("22240119800101001"), '4');
}

static void
id_checkchar__non_digit__minus_one(void **state)
{
	(void)state;
	assert_int_equal(xf_id_checkchar("2224011965031212X"), -1);
	assert_int_equal(xf_id_checkchar("2224011965 312123"), -1);
}

static void
id_info__valid__date_and_sex(void **state)
{
	struct xf_id_info info;

	(void)state;
	assert_int_equal(xf_id_info("222401196503121233", &info), 0);
	assert_int_equal(info.year, 1965);
	assert_int_equal(info.month, 3);
	assert_int_equal(info.day, 12);
	assert_int_equal(info.male, 1);		/* sequence 123 */

	assert_int_equal(xf_id_info("222401199612310424", &info), 0);
	assert_int_equal(info.year, 1996);
	assert_int_equal(info.month, 12);
	assert_int_equal(info.day, 31);
	assert_int_equal(info.male, 0);		/* sequence 042 */

	assert_int_equal(xf_id_info("11010519491231002X", &info), 0);
	assert_int_equal(info.male, 0);		/* sequence 002 */
}

static void
id_info__bad_check__still_read(void **state)
{
	struct xf_id_info info;

	(void)state;
	assert_int_equal(xf_id_info("222401198001010090", &info), 0);
	assert_int_equal(info.year, 1980);
	assert_int_equal(info.month, 1);
	assert_int_equal(info.day, 1);
	assert_int_equal(info.male, 1);		/* sequence 009 */
}

static void
id_info__bad_date_or_digits__minus_one(void **state)
{
	struct xf_id_info info = { 1, 2, 3, 4 };

	(void)state;
	assert_int_equal(xf_id_info("222401199902301235", &info), -1);
	assert_int_equal(xf_id_info("22240119650312A233", &info), -1);
	assert_int_equal(info.year, 1);
	assert_int_equal(info.male, 4);
}

static void
phone_check__mobile_plain__eleven_digits(void **state)
{
	(void)state;
	assert_phone("13843331234", XF_PHONE_MOBILE, "13843331234");
	assert_phone("13012345678", XF_PHONE_MOBILE, "13012345678");
	assert_phone("19912345678", XF_PHONE_MOBILE, "19912345678");
	assert_phone(" 13843331234 ", XF_PHONE_MOBILE, "13843331234");
}

static void
phone_check__mobile_separated__eleven_digits(void **state)
{
	(void)state;
	assert_phone("138-4333-1234", XF_PHONE_MOBILE, "13843331234");
	assert_phone("138 4333 1234", XF_PHONE_MOBILE, "13843331234");
	assert_phone("1384-333-1234", XF_PHONE_MOBILE, "13843331234");
	assert_phone("138\t4333\t1234", XF_PHONE_MOBILE, "13843331234");
}

static void
phone_check__mobile_country_code__stripped(void **state)
{
	(void)state;
	assert_phone("+8613843331234", XF_PHONE_MOBILE, "13843331234");
	assert_phone("+86 138 4333 1234", XF_PHONE_MOBILE, "13843331234");
	assert_phone("+86-138-4333-1234", XF_PHONE_MOBILE, "13843331234");
	assert_phone("(+86) 13843331234", XF_PHONE_MOBILE, "13843331234");
	assert_phone("008613843331234", XF_PHONE_MOBILE, "13843331234");
	assert_phone("0086 138 4333 1234", XF_PHONE_MOBILE, "13843331234");
	assert_phone("8613843331234", XF_PHONE_MOBILE, "13843331234");
	assert_phone("86 138-4333-1234", XF_PHONE_MOBILE, "13843331234");
}

static void
phone_check__mobile_full_width__eleven_digits(void **state)
{
	(void)state;
	assert_phone("１３８４３３３１２３４", XF_PHONE_MOBILE, "13843331234");
	assert_phone("１３８－４３３３－１２３４", XF_PHONE_MOBILE,
	    "13843331234");
	assert_phone("＋８６　１３８４３３３１２３４", XF_PHONE_MOBILE,
	    "13843331234");
}

static void
phone_check__landline__area_dash_local(void **state)
{
	(void)state;
	assert_phone("0433-2760955", XF_PHONE_LANDLINE, "0433-2760955");
	assert_phone("0433 2760955", XF_PHONE_LANDLINE, "0433-2760955");
	assert_phone("04332760955", XF_PHONE_LANDLINE, "0433-2760955");
	assert_phone("(0433)2760955", XF_PHONE_LANDLINE, "0433-2760955");
	assert_phone("(0433) 276-0955", XF_PHONE_LANDLINE, "0433-2760955");
	assert_phone("（０４３３）２７６０９５５", XF_PHONE_LANDLINE,
	    "0433-2760955");
	assert_phone("0755-27609550", XF_PHONE_LANDLINE, "0755-27609550");
}

static void
phone_check__landline_three_digit_area__split_right(void **state)
{
	(void)state;
	assert_phone("010-62345678", XF_PHONE_LANDLINE, "010-62345678");
	assert_phone("01062345678", XF_PHONE_LANDLINE, "010-62345678");
	assert_phone("010-6234-5678", XF_PHONE_LANDLINE, "010-62345678");
	assert_phone("021 6666 8888", XF_PHONE_LANDLINE, "021-66668888");
	assert_phone("0292345678", XF_PHONE_LANDLINE, "029-2345678");
}

static void
phone_check__landline_extension__kept(void **state)
{
	(void)state;
	assert_phone("0433-2760955-123", XF_PHONE_LANDLINE,
	    "0433-2760955-123");
	assert_phone("0433-2760955转123", XF_PHONE_LANDLINE,
	    "0433-2760955-123");
	assert_phone("0433-2760955 转 8", XF_PHONE_LANDLINE, "0433-2760955-8");
	assert_phone("04332760955-8", XF_PHONE_LANDLINE, "0433-2760955-8");
	assert_phone("010-62345678-123456", XF_PHONE_LANDLINE,
	    "010-62345678-123456");
	assert_phone("2760955转12", XF_PHONE_LANDLINE, "2760955转12");
	/* Input already in canonical form reads back as itself (the fuzzer
	 * found "8615292-331234" turning into a mobile number). */
	assert_phone("8615292转331234", XF_PHONE_LANDLINE, "8615292转331234");
}

static void
phone_check__landline_country_code__trunk_zero(void **state)
{
	(void)state;
	assert_phone("+86 433 2760955", XF_PHONE_LANDLINE, "0433-2760955");
	assert_phone("+86-10-62345678", XF_PHONE_LANDLINE, "010-62345678");
	assert_phone("0086 433 2760955", XF_PHONE_LANDLINE, "0433-2760955");
	assert_phone("+86 0433 2760955", XF_PHONE_LANDLINE, "0433-2760955");
}

static void
phone_check__bare_local__landline_without_area(void **state)
{
	(void)state;
	assert_phone("2760955", XF_PHONE_LANDLINE, "2760955");
	assert_phone("27609550", XF_PHONE_LANDLINE, "27609550");
	assert_phone("276-0955", XF_PHONE_LANDLINE, "2760955");
}

static void
phone_check__service_numbers__odd(void **state)
{
	(void)state;
	assert_phone("110", XF_PHONE_ODD, "110");
	assert_phone("12345", XF_PHONE_ODD, "12345");
	assert_phone("95588", XF_PHONE_ODD, "95588");
	assert_phone("400-123-4567", XF_PHONE_ODD, "4001234567");
	assert_phone("800 810 8888", XF_PHONE_ODD, "8008108888");
}

static void
phone_check__wrong_digit_count__odd(void **state)
{
	(void)state;
	assert_phone("1384333123", XF_PHONE_ODD, "1384333123");
	assert_phone("138433312345", XF_PHONE_ODD, "138433312345");
	assert_phone("12912345678", XF_PHONE_ODD, "12912345678");
	assert_phone("11012345678", XF_PHONE_ODD, "11012345678");
	assert_phone("0433-276095", XF_PHONE_ODD, "0433276095");
	assert_phone("0433-276095512", XF_PHONE_ODD, "0433276095512");
	assert_phone("276095", XF_PHONE_ODD, "276095");
	assert_phone("1234567", XF_PHONE_ODD, "1234567");
}

static void
phone_check__bad_landline_shapes__odd(void **state)
{
	(void)state;
	assert_phone("0433-0760955", XF_PHONE_ODD, "04330760955");
	assert_phone("0433-1760955", XF_PHONE_ODD, "04331760955");
	/* Local numbers never start with 1 (service numbers do). */
	assert_phone("010-12345678", XF_PHONE_ODD, "01012345678");
	assert_phone("0033 2760955", XF_PHONE_ODD, "00332760955");
	assert_phone("04-33-2760955", XF_PHONE_ODD, "04332760955");
	assert_phone("0433-2760955-12-34", XF_PHONE_ODD, "043327609551234");
	/* A last group too long for an extension. */
	assert_phone("0433-2760955-1234567", XF_PHONE_ODD,
	    "043327609551234567");
}

static void
phone_check__bad_extension__odd(void **state)
{
	(void)state;
	assert_phone("13843331234转8", XF_PHONE_ODD, "138433312348");
	assert_phone("0433-2760955转", XF_PHONE_ODD, "04332760955");
	assert_phone("0433-2760955转1234567", XF_PHONE_ODD,
	    "043327609551234567");
	assert_phone("0433-2760955转12-3", XF_PHONE_ODD, "04332760955123");
	assert_phone("0433-2760955转12 3", XF_PHONE_ODD, "04332760955123");
	assert_phone("转123", XF_PHONE_ODD, "123");
}

static void
phone_check__not_a_number__odd(void **state)
{
	(void)state;
	assert_phone("13843331234/13912345678", XF_PHONE_ODD,
	    "1384333123413912345678");
	assert_phone("13843331234 13912345678", XF_PHONE_ODD,
	    "1384333123413912345678");
	assert_phone("tel 13843331234", XF_PHONE_ODD, "13843331234");
	assert_phone("无", XF_PHONE_ODD, "");
	assert_phone("-", XF_PHONE_ODD, "");
	assert_phone("+86", XF_PHONE_ODD, "86");
	assert_phone("+1 202 555 0100", XF_PHONE_ODD, "12025550100");
	assert_phone("138+43331234", XF_PHONE_ODD, "13843331234");
	assert_phone("++8613843331234", XF_PHONE_ODD, "8613843331234");
}

static void
phone_check__blank__empty(void **state)
{
	(void)state;
	assert_phone("", XF_PHONE_EMPTY, "");
	assert_phone("   ", XF_PHONE_EMPTY, "");
	assert_phone("\t", XF_PHONE_EMPTY, "");
	assert_phone("　", XF_PHONE_EMPTY, "");
}

static void
phone_check__small_norm__cut_to_fit(void **state)
{
	char norm[5] = "####";

	(void)state;
	assert_int_equal(xf_phone_check(S("13843331234"), norm, sizeof(norm)),
	    XF_PHONE_MOBILE);
	assert_string_equal(norm, "1384");
	assert_int_equal(xf_phone_check(S("0433-2760955"), norm, 1),
	    XF_PHONE_LANDLINE);
	assert_string_equal(norm, "");
	norm[0] = '#';
	assert_int_equal(xf_phone_check(S("12345"), norm, 0), XF_PHONE_ODD);
	assert_int_equal(norm[0], '#');
	assert_int_equal(xf_phone_check(S("12345"), NULL, 0), XF_PHONE_ODD);
}

static void
phone_check__long_junk__odd_without_overflow(void **state)
{
	char norm[XF_PHONE_NORMSZ];

	(void)state;
	/* 40 digits, 12 groups: past every internal limit. */
	assert_int_equal(xf_phone_check(
	    S("1 2 3 4 5 6 7 8 9 0 1 2 1234567890123456789012345678"), norm,
	    sizeof(norm)), XF_PHONE_ODD);
	assert_string_equal(norm, "12345678901212345678901");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(id_check__valid_digit_check__ok18),
		cmocka_unit_test(id_check__valid_x_check__ok18),
		cmocka_unit_test(id_check__lower_case_x__ok18_norm),
		cmocka_unit_test(id_check__full_width__ok18_norm),
		cmocka_unit_test(id_check__wrong_check__badcheck_copied),
		cmocka_unit_test(id_check__impossible_date__baddate),
		cmocka_unit_test(id_check__leap_days__ok),
		cmocka_unit_test(id_check__wrong_length__badformat),
		cmocka_unit_test(id_check__letters__badformat),
		cmocka_unit_test(id_check__empty__empty),
		cmocka_unit_test(id_check__fifteen_digits__converted),
		cmocka_unit_test(id_check__fifteen_digits_bad_date__baddate),
		cmocka_unit_test(id_check__out_null__status_only),
		cmocka_unit_test(id_strerror__every_status__distinct_text),
		cmocka_unit_test(id_checkchar__seventeen_digits__character),
		cmocka_unit_test(id_checkchar__non_digit__minus_one),
		cmocka_unit_test(id_info__valid__date_and_sex),
		cmocka_unit_test(id_info__bad_check__still_read),
		cmocka_unit_test(id_info__bad_date_or_digits__minus_one),
		cmocka_unit_test(phone_check__mobile_plain__eleven_digits),
		cmocka_unit_test(phone_check__mobile_separated__eleven_digits),
		cmocka_unit_test(phone_check__mobile_country_code__stripped),
		cmocka_unit_test(phone_check__mobile_full_width__eleven_digits),
		cmocka_unit_test(phone_check__landline__area_dash_local),
		cmocka_unit_test(
		    phone_check__landline_three_digit_area__split_right),
		cmocka_unit_test(phone_check__landline_extension__kept),
		cmocka_unit_test(
		    phone_check__landline_country_code__trunk_zero),
		cmocka_unit_test(
		    phone_check__bare_local__landline_without_area),
		cmocka_unit_test(phone_check__service_numbers__odd),
		cmocka_unit_test(phone_check__wrong_digit_count__odd),
		cmocka_unit_test(phone_check__bad_landline_shapes__odd),
		cmocka_unit_test(phone_check__bad_extension__odd),
		cmocka_unit_test(phone_check__not_a_number__odd),
		cmocka_unit_test(phone_check__blank__empty),
		cmocka_unit_test(phone_check__small_norm__cut_to_fit),
		cmocka_unit_test(phone_check__long_junk__odd_without_overflow),
	};

	return cmocka_run_group_tests_name("ident", tests, NULL, NULL);
}
