/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/person.c: which field a petitioner's identity rests
 * on, its canonical value, and the person key.
 *
 * ID numbers are made up (222401 is 延吉市); their check characters
 * were computed with a separate python3 script (weights 7 9 10 5 8 4 2 1
 * 6 3 7 9 10 5 8 4 2, sum mod 11 through "10X98765432"):
 * 22240119650312123 gives '3', so 222401196503121233 is valid,
 * ...1234 has a wrong check character, and the 15-digit
 * 222401650312123 becomes 222401196503121233.
 *
 * The expected person keys were computed with python3's hashlib, not
 * with libsodium: the key file holds the bytes 0, 1, ..., 31; the key is
 * blake2b(file, digest_size=32); a pseudonym is "p_" and the first 16
 * hex digits of blake2b(kind + b"\0" + value, key=key,
 * digest_size=16); the name_district message is the name's pseudonym,
 * a NUL and the district.
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

#include "person.h"
#include "pseudo.h"

/* A string literal and its length, NUL excluded. */
#define S(lit)	(lit), (sizeof(lit) - 1)

/* Identify from four NUL-terminated fields (NULL: column absent). */
static enum xf_person_basis
ident(const char *id, const char *phone, const char *name,
    const char *district, struct xf_person *p)
{
	return xf_person_identify(id, id ? strlen(id) : 0, phone,
	    phone ? strlen(phone) : 0, name, name ? strlen(name) : 0,
	    district, district ? strlen(district) : 0, p);
}

static void
expect(const char *id, const char *phone, const char *name,
    const char *district, enum xf_person_basis basis, const char *value,
    const char *wantdistrict)
{
	struct xf_person p;
	enum xf_person_basis got;

	got = ident(id, phone, name, district, &p);
	if (got != basis || p.basis != basis)
		fail_msg("'%s' '%s' '%s': basis %d, want %d", id ? id : "-",
		    phone ? phone : "-", name ? name : "-", (int)got,
		    (int)basis);
	assert_string_equal(p.value, value);
	assert_int_equal(p.len, strlen(value));
	assert_string_equal(p.district, wantdistrict);
	assert_int_equal(p.dlen, strlen(wantdistrict));
}

static void
identify__valid_id__id_first(void **state)
{
	(void)state;
	expect("222401196503121233", "13843331234", "张三", "河南街道",
	    XF_PERSON_ID, "222401196503121233", "");
}

static void
identify__id_written_oddly__canonical(void **state)
{
	(void)state;
	/* Blanks around, a full-width number, a lower-case x. */
	expect(" 222401196503121233\t", NULL, NULL, NULL, XF_PERSON_ID,
	    "222401196503121233", "");
	expect("２２２４０１１９６５０３１２１２３３", NULL, NULL, NULL,
	    XF_PERSON_ID, "222401196503121233", "");
	/* 22240119800101009 gives X (ident.c's own tests). */
	expect("22240119800101009x", NULL, NULL, NULL, XF_PERSON_ID,
	    "22240119800101009X", "");
}

static void
identify__id15__made_18(void **state)
{
	(void)state;
	expect("222401650312123", NULL, NULL, NULL, XF_PERSON_ID,
	    "222401196503121233", "");
}

static void
identify__wrong_check_character__keys_and_is_flagged(void **state)
{
	(void)state;
	expect("222401196503121234", "13843331234", NULL, NULL,
	    XF_PERSON_ID_BADCHECK, "222401196503121234", "");
	expect("22240119650312123x", NULL, NULL, NULL,
	    XF_PERSON_ID_BADCHECK, "22240119650312123X", "");
}

static void
identify__unusable_id__falls_back_to_phone(void **state)
{
	(void)state;
	/* 1999-02-30 does not exist; 17 digits; words. */
	expect("222401199902301234", "138 4333 1234", NULL, NULL,
	    XF_PERSON_PHONE, "13843331234", "");
	expect("22240119650312123", "13843331234", NULL, NULL,
	    XF_PERSON_PHONE, "13843331234", "");
	expect("不详", "+86 138-4333-1234", NULL, NULL, XF_PERSON_PHONE,
	    "13843331234", "");
}

static void
identify__landline__canonical(void **state)
{
	(void)state;
	expect(NULL, "(0433)2760955", NULL, NULL, XF_PERSON_PHONE,
	    "0433-2760955", "");
	expect("", "0433-2760955-8", NULL, NULL, XF_PERSON_PHONE,
	    "0433-2760955-8", "");
	/* A local number without area code is keyed as its digits. */
	expect(NULL, "2760955", NULL, NULL, XF_PERSON_PHONE, "2760955", "");
}

static void
identify__service_number__falls_back_to_name(void **state)
{
	(void)state;
	expect(NULL, "12345", "张三", "河南街道", XF_PERSON_NAME, "张三",
	    "河南街道");
	expect("无", "无", "张三", " 河南街道 ", XF_PERSON_NAME, "张三",
	    "河南街道");
}

static void
identify__name_list__first_name(void **state)
{
	(void)state;
	expect(NULL, NULL, "张三、李四", "北山街道", XF_PERSON_NAME, "张三",
	    "北山街道");
	expect(NULL, NULL, "  张三 李四", NULL, XF_PERSON_NAME, "张三", "");
	expect(NULL, NULL, "张三,李四", "", XF_PERSON_NAME, "张三", "");
	expect(NULL, NULL, "、张三；李四", "", XF_PERSON_NAME, "张三", "");
	expect(NULL, NULL, "金英哲", "依兰镇", XF_PERSON_NAME, "金英哲",
	    "依兰镇");
}

static void
identify__fullwidth_name__folded(void **state)
{
	(void)state;
	expect(NULL, NULL, "ＪＯＨＮ", NULL, XF_PERSON_NAME, "JOHN", "");
}

static void
identify__name_of_nobody__none(void **state)
{
	static const char *const nobody[] = { "匿名", "无", "不详", "某某",
		"市民", "网友", "张先生", "王女士", "欧阳先生", "赵师傅",
		"张某", "王某某", "-", "?", "Unknown", "NULL", "x", "先生",
		NULL };
	struct xf_person p;
	size_t i;

	(void)state;
	for (i = 0; nobody[i] != NULL; i++)
		if (ident(NULL, NULL, nobody[i], "河南街道", &p) !=
		    XF_PERSON_NONE || p.len != 0)
			fail_msg("'%s' should name nobody", nobody[i]);
}

static void
name_usable__real_names__yes(void **state)
{
	(void)state;
	assert_int_equal(xf_person_name_usable(S("张三")), 1);
	assert_int_equal(xf_person_name_usable(S("司马相如")), 1);
	assert_int_equal(xf_person_name_usable(S("Li")), 1);
	/* Three characters before 先生: not a surname and an address. */
	assert_int_equal(xf_person_name_usable(S("诸葛孔明先生")), 1);
	assert_int_equal(xf_person_name_usable(S("")), 0);
}

static void
identify__nothing__none(void **state)
{
	struct xf_person p;

	(void)state;
	assert_int_equal(ident(NULL, NULL, NULL, "河南街道", &p),
	    XF_PERSON_NONE);
	assert_int_equal(ident("", " ", "\t", "河南街道", &p),
	    XF_PERSON_NONE);
	assert_int_equal(ident("不详", "12345", "匿名", NULL, &p),
	    XF_PERSON_NONE);
	assert_string_equal(xf_person_basis_name(p.basis), "");
}

static void
identify__pseudonyms__taken_as_they_are(void **state)
{
	struct xf_person p;

	(void)state;
	expect(" p_0123456789abcdef ", "13843331234", NULL, NULL,
	    XF_PERSON_ID, "p_0123456789abcdef", "");
	assert_int_equal(ident("p_0123456789abcdef", NULL, NULL, NULL, &p),
	    XF_PERSON_ID);
	assert_int_equal(p.pseudonym, 1);
	expect(NULL, "p_fedcba9876543210", NULL, NULL, XF_PERSON_PHONE,
	    "p_fedcba9876543210", "");
	expect(NULL, NULL, "p_0123456789abcdef", "河南街道", XF_PERSON_NAME,
	    "p_0123456789abcdef", "河南街道");
	/* Not one: upper case, too short. */
	expect("p_0123456789ABCDEF", "13843331234", NULL, NULL,
	    XF_PERSON_PHONE, "13843331234", "");
}

static void
is_pseudonym__shapes(void **state)
{
	(void)state;
	assert_int_equal(xf_person_is_pseudonym(S("p_0123456789abcdef")), 1);
	assert_int_equal(xf_person_is_pseudonym(S(" p_0123456789abcdef ")),
	    1);
	assert_int_equal(xf_person_is_pseudonym(S("p_0123456789abcde")), 0);
	assert_int_equal(xf_person_is_pseudonym(S("p_0123456789abcdef0")),
	    0);
	assert_int_equal(xf_person_is_pseudonym(S("P_0123456789abcdef")), 0);
	assert_int_equal(xf_person_is_pseudonym(S("p-0123456789abcdef")), 0);
	assert_int_equal(xf_person_is_pseudonym(S("p_0123456789abcdeg")), 0);
}

static void
basis_name__each(void **state)
{
	(void)state;
	assert_string_equal(xf_person_basis_name(XF_PERSON_ID), "id");
	assert_string_equal(xf_person_basis_name(XF_PERSON_ID_BADCHECK),
	    "id_badcheck");
	assert_string_equal(xf_person_basis_name(XF_PERSON_PHONE), "phone");
	assert_string_equal(xf_person_basis_name(XF_PERSON_NAME), "name");
	assert_string_equal(xf_person_basis_name(XF_PERSON_NONE), "");
	assert_string_equal(xf_person_basis_name((enum xf_person_basis)99),
	    "");
}

/* Fixture: the key file of bytes 0..31, loaded. */
static int
load_key(void **state)
{
	char path[] = "/tmp/test_person.XXXXXX";
	unsigned char b[32];
	const char *why;
	struct xf_pseudo *ps;
	size_t i;
	int fd;

	for (i = 0; i < sizeof(b); i++)
		b[i] = (unsigned char)i;
	if ((fd = mkstemp(path)) == -1)
		return -1;
	if (write(fd, b, sizeof(b)) != (ssize_t)sizeof(b)) {
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	ps = xf_pseudo_load(path, &why);
	unlink(path);
	if (ps == NULL)
		return -1;
	*state = ps;
	return 0;
}

static int
free_key(void **state)
{
	xf_pseudo_free(*state);
	return 0;
}

static void
key_of(const struct xf_pseudo *ps, const char *id, const char *phone,
    const char *name, const char *district, const char *want)
{
	struct xf_person p;
	char out[XF_PSEUDO_STRSZ];

	assert_int_not_equal(ident(id, phone, name, district, &p),
	    XF_PERSON_NONE);
	memset(out, '#', sizeof(out));
	xf_person_key(ps, &p, out);
	assert_string_equal(out, want);
}

static void
key__id__pseudonym_of_kind_id(void **state)
{
	key_of(*state, "222401196503121233", NULL, NULL, NULL,
	    "p_0bba6e26e96d5827");
	/* The 15-digit form keys as its 18-character form. */
	key_of(*state, "222401650312123", "13843331234", NULL, NULL,
	    "p_0bba6e26e96d5827");
	key_of(*state, "222401196503121234", NULL, NULL, NULL,
	    "p_875405ea42b7b706");
}

static void
key__phone__pseudonym_of_kind_phone(void **state)
{
	key_of(*state, NULL, "138-4333-1234", NULL, NULL,
	    "p_541bb0c6fee3188f");
	key_of(*state, NULL, "0433 2760955", NULL, NULL,
	    "p_362a13c224af2f3a");
}

static void
key__name_and_district__two_steps(void **state)
{
	key_of(*state, NULL, NULL, "张三", "河南街道", "p_f9a0d5544f61181e");
	key_of(*state, NULL, NULL, "张三、李四", " 河南街道",
	    "p_f9a0d5544f61181e");
	key_of(*state, NULL, NULL, "张三", NULL, "p_e46e709d86dbc236");
	key_of(*state, NULL, NULL, "张三", "", "p_e46e709d86dbc236");
}

static void
key__pseudonymised_input__same_keys(void **state)
{
	/* xf-mask's pseudonym of 222401196503121233 (kind id). */
	key_of(*state, "p_0bba6e26e96d5827", NULL, NULL, NULL,
	    "p_0bba6e26e96d5827");
	key_of(*state, NULL, "p_541bb0c6fee3188f", NULL, NULL,
	    "p_541bb0c6fee3188f");
	/* The pseudonym of 张三 (kind name) gives 张三's key. */
	key_of(*state, NULL, NULL, "p_02626bf02d773e95", "河南街道",
	    "p_f9a0d5544f61181e");
	key_of(*state, NULL, NULL, "p_0123456789abcdef", "河南街道",
	    "p_3cde6c3662187e54");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(identify__valid_id__id_first),
		cmocka_unit_test(identify__id_written_oddly__canonical),
		cmocka_unit_test(identify__id15__made_18),
		cmocka_unit_test(
		    identify__wrong_check_character__keys_and_is_flagged),
		cmocka_unit_test(identify__unusable_id__falls_back_to_phone),
		cmocka_unit_test(identify__landline__canonical),
		cmocka_unit_test(identify__service_number__falls_back_to_name),
		cmocka_unit_test(identify__name_list__first_name),
		cmocka_unit_test(identify__fullwidth_name__folded),
		cmocka_unit_test(identify__name_of_nobody__none),
		cmocka_unit_test(name_usable__real_names__yes),
		cmocka_unit_test(identify__nothing__none),
		cmocka_unit_test(identify__pseudonyms__taken_as_they_are),
		cmocka_unit_test(is_pseudonym__shapes),
		cmocka_unit_test(basis_name__each),
		cmocka_unit_test_setup_teardown(key__id__pseudonym_of_kind_id,
		    load_key, free_key),
		cmocka_unit_test_setup_teardown(
		    key__phone__pseudonym_of_kind_phone, load_key, free_key),
		cmocka_unit_test_setup_teardown(
		    key__name_and_district__two_steps, load_key, free_key),
		cmocka_unit_test_setup_teardown(
		    key__pseudonymised_input__same_keys, load_key, free_key),
	};

	return cmocka_run_group_tests_name("person", tests, NULL, NULL);
}
