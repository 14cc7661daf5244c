/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/route.c: loading routing tables (every problem
 * reported with its line), the lookup order, the built-in table and
 * the dump.  Tables come from memory; reports are collected by a
 * report function into a buffer, so nothing is printed.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "route.h"

/* Reports, one "NAME:LINE: MSG" line each. */
struct msgs {
	char	 buf[8192];
	size_t	 n;
	int	 count;
};

static void
collect(void *arg, const char *name, unsigned long line, const char *msg)
{
	struct msgs *m = arg;
	int k;

	k = snprintf(m->buf + m->n, sizeof(m->buf) - m->n, "%s:%lu: %s\n",
	    name, line, msg);
	if (k > 0 && (size_t)k < sizeof(m->buf) - m->n)
		m->n += (size_t)k;
	m->count++;
}

static struct xf_route_table *
load(const char *text, struct msgs *m)
{
	memset(m, 0, sizeof(*m));
	return xf_route_load_mem(text, strlen(text), "t.csv", collect, m);
}

/* Load TEXT, which must be bad, and compare the reports with WANT. */
static void
expect_bad(const char *text, const char *want)
{
	struct msgs m;

	assert_null(load(text, &m));
	assert_string_equal(m.buf, want);
}

/* The department and co-departments for a record, as "dept|co". */
static const char *
route(const struct xf_route_table *t, const char *c, const char *s,
    const char *d)
{
	static char buf[512];
	const struct xf_route *r;

	r = xf_route_find(t, c, strlen(c), s, strlen(s), d, strlen(d));
	assert_non_null(r);
	snprintf(buf, sizeof(buf), "%s|%s", r->department, r->co_departments);
	return buf;
}

#define HDR \
	"category,subcategory,district,department,co_departments,note\n"

/* One row for each of the six steps, and nothing else. */
static const char six[] = HDR
    "A,S,D,css,,\n"
    "A,S,,cs,,\n"
    "A,,D,cd,,\n"
    "A,,,c,,\n"
    "*,,D,d,,\n"
    "*,,,any,,\n";

static void
route_find__each_step__most_specific_row(void **state)
{
	struct xf_route_table *t;
	struct msgs m;

	(void)state;
	assert_non_null(t = load(six, &m));
	assert_int_equal(m.count, 0);
	assert_string_equal(route(t, "A", "S", "D"), "css|");
	assert_string_equal(route(t, "A", "S", "E"), "cs|");
	assert_string_equal(route(t, "A", "S", ""), "cs|");
	assert_string_equal(route(t, "A", "T", "D"), "cd|");
	assert_string_equal(route(t, "A", "", "D"), "cd|");
	assert_string_equal(route(t, "A", "T", "E"), "c|");
	assert_string_equal(route(t, "A", "", ""), "c|");
	assert_string_equal(route(t, "B", "S", "D"), "d|");
	assert_string_equal(route(t, "", "S", "D"), "d|");
	assert_string_equal(route(t, "B", "S", "E"), "any|");
	assert_string_equal(route(t, "", "", ""), "any|");
	xf_route_free(t);
}

static void
route_find__sub_and_district_rows__sub_wins(void **state)
{
	struct xf_route_table *t;
	struct msgs m;

	(void)state;
	/* (C, S, *) comes before (C, *, D), whatever the table order. */
	assert_non_null(t = load(HDR
	    "A,,D,by-district,,\n"
	    "A,S,,by-sub,,\n"
	    ",,,any,,\n", &m));
	assert_string_equal(route(t, "A", "S", "D"), "by-sub|");
	assert_string_equal(route(t, "A", "X", "D"), "by-district|");
	assert_string_equal(route(t, "A", "X", "E"), "any|");
	xf_route_free(t);
}

static void
route_find__blanks_around_record_values__ignored(void **state)
{
	struct xf_route_table *t;
	struct msgs m;

	(void)state;
	assert_non_null(t = load(six, &m));
	/* ASCII space, tab, U+3000 IDEOGRAPHIC SPACE. */
	assert_string_equal(route(t, " A\t", "\xe3\x80\x80S", "D "), "css|");
	/* A value that is all blanks is empty. */
	assert_string_equal(route(t, "A", "  ", "D"), "cd|");
	xf_route_free(t);
}

static void
route_find__star_in_record__literal_value_no_wildcard(void **state)
{
	struct xf_route_table *t;
	struct msgs m;

	(void)state;
	assert_non_null(t = load(six, &m));
	/* '*' means any in the table only; in a record it is a value. */
	assert_string_equal(route(t, "*", "S", "D"), "d|");
	assert_string_equal(route(t, "A", "*", "*"), "c|");
	xf_route_free(t);
}

static void
route_find__values_differ_in_case__no_match(void **state)
{
	struct xf_route_table *t;
	struct msgs m;

	(void)state;
	assert_non_null(t = load(six, &m));
	assert_string_equal(route(t, "a", "S", "E"), "any|");
	/* With district D the district fallback (*, *, D) takes it. */
	assert_string_equal(route(t, "a", "S", "D"), "d|");
	xf_route_free(t);
}

static void
route_find__record_with_nul_and_lengths__bytes_compared(void **state)
{
	struct xf_route_table *t;
	const struct xf_route *r;
	struct msgs m;

	(void)state;
	assert_non_null(t = load(six, &m));
	/* Lengths count, not NUL terminators: "AB" cut to "A". */
	r = xf_route_find(t, "AB", 1, "S", 1, "Dx", 1);
	assert_string_equal(r->department, "css");
	r = xf_route_find(t, "A\0", 2, "S", 1, "E", 1);
	assert_string_equal(r->department, "any");
	xf_route_free(t);
}

static void
route_load__star_and_empty__both_mean_any(void **state)
{
	struct xf_route_table *t;
	struct msgs m;

	(void)state;
	assert_non_null(t = load(HDR
	    "A,*,*,a-any,,\n"
	    "A,S,*,a-s,,\n"
	    " * , * , * ,fallback,,\n", &m));
	assert_int_equal(m.count, 0);
	assert_string_equal(route(t, "A", "X", "Y"), "a-any|");
	assert_string_equal(route(t, "A", "S", "Y"), "a-s|");
	assert_string_equal(route(t, "Z", "", ""), "fallback|");
	xf_route_free(t);
}

static void
route_load__columns_any_order_extra_ignored_no_note__loads(void **state)
{
	struct xf_route_table *t;
	const struct xf_route *r;
	struct msgs m;

	(void)state;
	assert_non_null(t = load(
	    "department,extra,District,co_departments,subcategory, category\n"
	    "民政局,x,,卫生健康局,基本生活,民生保障\n"
	    "信访局,y,,,,\n", &m));
	assert_int_equal(m.count, 0);
	assert_int_equal(xf_route_count(t), 2);
	r = xf_route_row(t, 0);
	assert_string_equal(r->category, "民生保障");
	assert_string_equal(r->subcategory, "基本生活");
	assert_string_equal(r->district, "");
	assert_string_equal(r->department, "民政局");
	assert_string_equal(r->co_departments, "卫生健康局");
	assert_string_equal(r->note, "");
	assert_int_equal(r->line, 2);
	assert_string_equal(xf_route_row(t, 1)->department, "信访局");
	assert_int_equal(xf_route_row(t, 1)->line, 3);
	xf_route_free(t);
}

static void
route_load__fields_trimmed__kept_trimmed(void **state)
{
	struct xf_route_table *t;
	const struct xf_route *r;
	struct msgs m;

	(void)state;
	assert_non_null(t = load(HDR
	    " 征地补偿 ,\t, 依兰镇 ,\xe3\x80\x80自然资源局 ,"
	    " 依兰镇人民政府 , n \n"
	    "*,,,信访局,,\n", &m));
	r = xf_route_row(t, 0);
	assert_string_equal(r->category, "征地补偿");
	assert_string_equal(r->subcategory, "");
	assert_string_equal(r->district, "依兰镇");
	assert_string_equal(r->department, "自然资源局");
	assert_string_equal(r->co_departments, "依兰镇人民政府");
	assert_string_equal(r->note, "n");
	assert_string_equal(route(t, "征地补偿", "强制征地", "依兰镇"),
	    "自然资源局|依兰镇人民政府");
	xf_route_free(t);
}

static void
route_load__fullwidth_semicolon_in_co__joined_with_semicolon(void **state)
{
	struct xf_route_table *t;
	struct msgs m;

	(void)state;
	assert_non_null(t = load(HDR
	    "A,,,a,b ； c;d,\n"
	    "*,,,x,\" y ;z \",\n", &m));
	assert_int_equal(m.count, 0);
	assert_string_equal(xf_route_row(t, 0)->co_departments, "b;c;d");
	assert_string_equal(xf_route_row(t, 1)->co_departments, "y;z");
	xf_route_free(t);
}

static void
route_load__quoted_fields_with_comma_and_newline__read(void **state)
{
	struct xf_route_table *t;
	struct msgs m;

	(void)state;
	assert_non_null(t = load(HDR
	    "A,,,\"a,b\",,\"line one\nline two\"\n"
	    "*,,,x,,\n", &m));
	assert_string_equal(xf_route_row(t, 0)->department, "a,b");
	assert_string_equal(xf_route_row(t, 0)->note, "line one\nline two");
	/* The row after the two-line record starts on line 4. */
	assert_int_equal(xf_route_row(t, 1)->line, 4);
	xf_route_free(t);
}

static void
route_load__crlf_and_bom__read(void **state)
{
	struct xf_route_table *t;
	struct msgs m;

	(void)state;
	assert_non_null(t = load("\xef\xbb\xbf"
	    "category,subcategory,district,department,co_departments\r\n"
	    "A,,,a,b\r\n"
	    "*,,,x,\r\n", &m));
	assert_int_equal(m.count, 0);
	assert_string_equal(route(t, "A", "", ""), "a|b");
	assert_string_equal(route(t, "B", "", ""), "x|");
	xf_route_free(t);
}

static void
route_load__duplicate_key__reported_with_first_line(void **state)
{
	(void)state;
	/* '*' and empty are the same value, so lines 2 and 4 clash. */
	expect_bad(HDR
	    "A,S,,one,,\n"
	    "A,,,two,,\n"
	    "A,S,*,three,,\n"
	    "*,,,x,,\n",
	    "t.csv:4: duplicate key (category 'A', subcategory 'S', "
	    "district any): line 2 has it too\n");
}

static void
route_load__key_three_times__each_later_line_reported(void **state)
{
	(void)state;
	expect_bad(HDR
	    "*,,,x,,\n"
	    "A,,D,one,,\n"
	    "A,*,D,two,,\n"
	    "A,,D,three,,\n",
	    "t.csv:4: duplicate key (category 'A', subcategory any, "
	    "district 'D'): line 3 has it too\n"
	    "t.csv:5: duplicate key (category 'A', subcategory any, "
	    "district 'D'): line 3 has it too\n");
}

static void
route_load__two_fallback_rows__duplicate(void **state)
{
	(void)state;
	expect_bad(HDR
	    "*,,,x,,\n"
	    ",,,y,,\n",
	    "t.csv:3: duplicate key (category any, subcategory any, "
	    "district any): line 2 has it too\n");
}

static void
route_load__no_fallback_row__reported_without_line(void **state)
{
	(void)state;
	/* A district fallback (*, *, D) is not the fallback. */
	expect_bad(HDR
	    "A,,,a,,\n"
	    "*,,D,d,,\n",
	    "t.csv:0: no fallback row: the table needs a row whose category, "
	    "subcategory and district are empty or '*'\n");
}

static void
route_load__header_only__no_fallback(void **state)
{
	(void)state;
	expect_bad(HDR,
	    "t.csv:0: no fallback row: the table needs a row whose category, "
	    "subcategory and district are empty or '*'\n");
}

static void
route_load__empty_input__no_header(void **state)
{
	(void)state;
	expect_bad("",
	    "t.csv:1: no header: the table is empty; it needs the columns "
	    "category, subcategory, district, department and co_departments "
	    "(note is optional)\n");
}

static void
route_load__missing_columns__each_reported(void **state)
{
	(void)state;
	expect_bad("category,department,note\n*,x,\n",
	    "t.csv:1: no column 'subcategory'; the table needs the columns "
	    "category, subcategory, district, department and co_departments "
	    "(note is optional)\n"
	    "t.csv:1: no column 'district'; the table needs the columns "
	    "category, subcategory, district, department and co_departments "
	    "(note is optional)\n"
	    "t.csv:1: no column 'co_departments'; the table needs the columns "
	    "category, subcategory, district, department and co_departments "
	    "(note is optional)\n");
}

static void
route_load__empty_department__reported(void **state)
{
	(void)state;
	expect_bad(HDR
	    "A,,,,b,\n"
	    "*,,,\t,,\n",
	    "t.csv:2: empty department\n"
	    "t.csv:3: empty department\n"
	    "t.csv:0: no fallback row: the table needs a row whose category, "
	    "subcategory and district are empty or '*'\n");
}

static void
route_load__subcategory_without_category__reported(void **state)
{
	(void)state;
	expect_bad(HDR
	    "*,,,x,,\n"
	    "*,拆迁价格,,y,,\n",
	    "t.csv:3: subcategory '拆迁价格' without a category: a row for any "
	    "category must have any subcategory\n");
}

static void
route_load__co_departments_problems__reported(void **state)
{
	(void)state;
	expect_bad(HDR
	    "*,,,x,,\n"
	    "A,,,a,b;;c,\n"
	    "B,,,a,b;,\n"
	    "C,,,a,；b,\n"
	    "D,,,a,b; a ,\n"
	    "E,,,a,b;c;b,\n"
	    "F,,,a,b;c,\n",
	    "t.csv:3: empty name in co_departments 'b;;c'\n"
	    "t.csv:4: empty name in co_departments 'b;'\n"
	    "t.csv:5: empty name in co_departments '；b'\n"
	    "t.csv:6: co_departments 'b; a' names the lead department 'a'\n"
	    "t.csv:7: co_departments 'b;c;b' names 'b' twice\n");
}

static void
route_load__bad_csv__reported_and_other_rows_checked(void **state)
{
	(void)state;
	expect_bad(HDR
	    "*,,,x,,\n"
	    "A,,,a,\n"
	    "B,,,,,\n"
	    "C,,,c,,\"open\n",
	    "t.csv:3: record has 5 fields, the header has 6\n"
	    "t.csv:4: empty department\n"
	    "t.csv:5: unterminated quoted field\n");
}

static void
route_load__bad_header__reported(void **state)
{
	(void)state;
	expect_bad("category,\"sub\"x,district\n",
	    "t.csv:1: bad quoting: text after a closing quote\n");
}

static void
route_load__nul_byte__reported(void **state)
{
	static const char text[] = HDR "*,,,x\0y,,\n";
	struct msgs m;

	(void)state;
	memset(&m, 0, sizeof(m));
	assert_null(xf_route_load_mem(text, sizeof(text) - 1, "t.csv", collect,
	    &m));
	assert_string_equal(m.buf, "t.csv:2: NUL byte in department\n"
	    "t.csv:0: no fallback row: the table needs a row whose category, "
	    "subcategory and district are empty or '*'\n");
}

static void
route_load__invalid_utf8__reported_with_byte(void **state)
{
	(void)state;
	/* 0xff is neither UTF-8 nor GB18030: no conversion is tried. */
	expect_bad(HDR
	    "*,,,x,,\n"
	    "A,,,ab\xff,,\n",
	    "t.csv:3: invalid UTF-8 in department at byte 3\n");
}

static void
route_load__long_value__cut_in_message(void **state)
{
	char text[512], want[512];
	const char *ten = "一二三四五六七八九十";	/* 30 bytes */

	(void)state;
	/* 90 bytes of subcategory: 60 are shown, then "...". */
	snprintf(text, sizeof(text), HDR "*,,,x,,\n*,%s%s%s,,y,,\n", ten, ten,
	    ten);
	snprintf(want, sizeof(want), "t.csv:3: subcategory '%s%s...' without a "
	    "category: a row for any category must have any subcategory\n",
	    ten, ten);
	expect_bad(text, want);
}

static void
route_load__from_stream__same_as_memory(void **state)
{
	struct xf_route_table *t;
	struct msgs m;
	FILE *fp;

	(void)state;
	memset(&m, 0, sizeof(m));
	assert_non_null(fp = fmemopen((void *)(uintptr_t)six, strlen(six),
	    "r"));
	assert_non_null(t = xf_route_load(fp, "s.csv", collect, &m));
	fclose(fp);
	assert_int_equal(xf_route_count(t), 6);
	assert_string_equal(route(t, "A", "S", "D"), "css|");
	xf_route_free(t);
}

static void
route_load__null_report__problems_still_fail(void **state)
{
	(void)state;
	assert_null(xf_route_load_mem(HDR, strlen(HDR), "t.csv", NULL, NULL));
}

/* The table written by xf_route_dump, in a new string. */
static char *
dumped(const struct xf_route_table *t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	assert_non_null(fp = open_memstream(&buf, &len));
	assert_int_equal(xf_route_dump(t, fp), 0);
	fclose(fp);
	return buf;
}

static void
route_dump__canonical_form__as_worked_out(void **state)
{
	struct xf_route_table *t;
	struct msgs m;
	char *out;

	(void)state;
	assert_non_null(t = load(
	    "note,department,co_departments,district,subcategory,category,x\n"
	    " n1 ,a, b ；c ,,*,A,1\n"
	    "\"n,2\",x,,,,*,2\n", &m));
	out = dumped(t);
	assert_string_equal(out, HDR
	    "A,*,,a,b;c,n1\n"
	    "*,,,x,,\"n,2\"\n");
	free(out);
	xf_route_free(t);
}

static void
route_dump__reloaded__same_dump(void **state)
{
	struct xf_route_table *t, *t2;
	struct msgs m;
	char *a, *b;

	(void)state;
	assert_non_null(t = load(HDR
	    "A,S,,\"a \"\"q\"\"\",b；c,\"x\ny\"\n"
	    "*,,,z,,\n", &m));
	a = dumped(t);
	assert_non_null(t2 = load(a, &m));
	b = dumped(t2);
	assert_string_equal(a, b);
	assert_string_equal(route(t2, "A", "S", ""), "a \"q\"|b;c");
	free(a);
	free(b);
	xf_route_free(t);
	xf_route_free(t2);
}

static void
route_dump__write_error__minus_one(void **state)
{
	struct xf_route_table *t;
	struct msgs m;
	FILE *fp;

	(void)state;
	assert_non_null(t = load(six, &m));
	if ((fp = fopen("/dev/full", "w")) == NULL)
		skip();
	assert_int_equal(xf_route_dump(t, fp), -1);
	fclose(fp);
	xf_route_free(t);
}

static void
route_defaults__load__no_problem_and_dump_is_the_file(void **state)
{
	struct xf_route_table *t;
	struct msgs m;
	char *out;

	(void)state;
	memset(&m, 0, sizeof(m));
	assert_non_null(t = xf_route_defaults(collect, &m));
	assert_int_equal(m.count, 0);
	/* 34 lines in lib/data/routes.csv: the header and 33 rows. */
	assert_int_equal(xf_route_count(t), 33);
	out = dumped(t);
	assert_int_equal(strlen(out), xf_data_routes_len);
	assert_memory_equal(out, xf_data_routes, xf_data_routes_len);
	free(out);
	xf_route_free(t);
}

static void
route_defaults__each_category__the_documented_route(void **state)
{
	struct xf_route_table *t;

	(void)state;
	assert_non_null(t = xf_route_defaults(NULL, NULL));

	/* 房地产开发 */
	assert_string_equal(route(t, "房地产开发", "拆迁价格", ""),
	    "房屋征收管理办公室|住房和城乡建设局");
	assert_string_equal(route(t, "房地产开发", "拆迁安置", "依兰镇"),
	    "房屋征收管理办公室|住房和城乡建设局");
	assert_string_equal(route(t, "房地产开发", "房屋买卖", ""),
	    "住房和城乡建设局|自然资源局;市场监督管理局");
	assert_string_equal(route(t, "房地产开发", "办不下房产证", ""),
	    "自然资源局|住房和城乡建设局");
	assert_string_equal(route(t, "房地产开发", "延期交房", ""),
	    "住房和城乡建设局|");
	assert_string_equal(route(t, "房地产开发", "", ""),
	    "住房和城乡建设局|");

	/* 征地补偿: the town's government or the street's office helps. */
	assert_string_equal(route(t, "征地补偿", "强制征地", "依兰镇"),
	    "自然资源局|依兰镇人民政府");
	assert_string_equal(route(t, "征地补偿", "", "朝阳川镇"),
	    "自然资源局|朝阳川镇人民政府");
	assert_string_equal(route(t, "征地补偿", "补偿款拨付", "小营镇"),
	    "自然资源局|小营镇人民政府");
	assert_string_equal(route(t, "征地补偿", "", "三道湾镇"),
	    "自然资源局|三道湾镇人民政府");
	assert_string_equal(route(t, "征地补偿", "", "河南街道"),
	    "自然资源局|河南街道办事处");
	assert_string_equal(route(t, "征地补偿", "", "北山街道"),
	    "自然资源局|北山街道办事处");
	assert_string_equal(route(t, "征地补偿", "", "建工街道"),
	    "自然资源局|建工街道办事处");
	assert_string_equal(route(t, "征地补偿", "", "新兴街道"),
	    "自然资源局|新兴街道办事处");
	assert_string_equal(route(t, "征地补偿", "", "进学街道"),
	    "自然资源局|进学街道办事处");
	assert_string_equal(route(t, "征地补偿", "", "公园街道"),
	    "自然资源局|公园街道办事处");
	assert_string_equal(route(t, "征地补偿", "", ""), "自然资源局|");
	assert_string_equal(route(t, "征地补偿", "", "龙井市"), "自然资源局|");

	/* 劳动纠纷 */
	assert_string_equal(route(t, "劳动纠纷", "拖欠工资", ""),
	    "人力资源和社会保障局|总工会");
	assert_string_equal(route(t, "劳动纠纷", "工伤纠纷", ""),
	    "人力资源和社会保障局|总工会");
	assert_string_equal(route(t, "劳动纠纷", "工地欠薪", ""),
	    "人力资源和社会保障局|住房和城乡建设局;总工会");
	assert_string_equal(route(t, "劳动纠纷", "", ""),
	    "人力资源和社会保障局|总工会");

	/* 民生保障 */
	assert_string_equal(route(t, "民生保障", "基本生活", ""),
	    "民政局|卫生健康局;交通运输局;人力资源和社会保障局");
	assert_string_equal(route(t, "民生保障", "企业改制", ""),
	    "人力资源和社会保障局|工业和信息化局;财政局");
	assert_string_equal(route(t, "民生保障", "社会保险", ""),
	    "人力资源和社会保障局|医疗保障局");
	assert_string_equal(route(t, "民生保障", "供暖", ""),
	    "住房和城乡建设局|");
	assert_string_equal(route(t, "民生保障", "供水", ""),
	    "住房和城乡建设局|");
	assert_string_equal(route(t, "民生保障", "公交", ""), "交通运输局|");
	assert_string_equal(route(t, "民生保障", "看病难", ""),
	    "卫生健康局|医疗保障局");
	assert_string_equal(route(t, "民生保障", "就业", ""),
	    "人力资源和社会保障局|");
	assert_string_equal(route(t, "民生保障", "", ""), "民政局|");

	/* 办事不公 */
	assert_string_equal(route(t, "办事不公", "执法不公", ""),
	    "纪委监委|司法局");
	assert_string_equal(route(t, "办事不公", "司法不公", ""),
	    "政法委|人民法院;人民检察院");
	assert_string_equal(route(t, "办事不公", "不作为", ""), "纪委监委|");

	/* 其他, nothing and anything else: the fallback. */
	assert_string_equal(route(t, "其他", "咨询", "依兰镇"), "信访局|");
	assert_string_equal(route(t, "", "", ""), "信访局|");
	assert_string_equal(route(t, "", "拆迁价格", "依兰镇"), "信访局|");
	assert_string_equal(route(t, "环境污染", "", ""), "信访局|");
	xf_route_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(route_find__each_step__most_specific_row),
		cmocka_unit_test(
		    route_find__sub_and_district_rows__sub_wins),
		cmocka_unit_test(
		    route_find__blanks_around_record_values__ignored),
		cmocka_unit_test(
		    route_find__star_in_record__literal_value_no_wildcard),
		cmocka_unit_test(route_find__values_differ_in_case__no_match),
		cmocka_unit_test(
		    route_find__record_with_nul_and_lengths__bytes_compared),
		cmocka_unit_test(route_load__star_and_empty__both_mean_any),
		cmocka_unit_test(
		    route_load__columns_any_order_extra_ignored_no_note__loads),
		cmocka_unit_test(route_load__fields_trimmed__kept_trimmed),
		cmocka_unit_test(
		    route_load__fullwidth_semicolon_in_co__joined_with_semicolon),
		cmocka_unit_test(
		    route_load__quoted_fields_with_comma_and_newline__read),
		cmocka_unit_test(route_load__crlf_and_bom__read),
		cmocka_unit_test(
		    route_load__duplicate_key__reported_with_first_line),
		cmocka_unit_test(
		    route_load__key_three_times__each_later_line_reported),
		cmocka_unit_test(route_load__two_fallback_rows__duplicate),
		cmocka_unit_test(
		    route_load__no_fallback_row__reported_without_line),
		cmocka_unit_test(route_load__header_only__no_fallback),
		cmocka_unit_test(route_load__empty_input__no_header),
		cmocka_unit_test(route_load__missing_columns__each_reported),
		cmocka_unit_test(route_load__empty_department__reported),
		cmocka_unit_test(
		    route_load__subcategory_without_category__reported),
		cmocka_unit_test(route_load__co_departments_problems__reported),
		cmocka_unit_test(
		    route_load__bad_csv__reported_and_other_rows_checked),
		cmocka_unit_test(route_load__bad_header__reported),
		cmocka_unit_test(route_load__nul_byte__reported),
		cmocka_unit_test(route_load__invalid_utf8__reported_with_byte),
		cmocka_unit_test(route_load__long_value__cut_in_message),
		cmocka_unit_test(route_load__from_stream__same_as_memory),
		cmocka_unit_test(route_load__null_report__problems_still_fail),
		cmocka_unit_test(route_dump__canonical_form__as_worked_out),
		cmocka_unit_test(route_dump__reloaded__same_dump),
		cmocka_unit_test(route_dump__write_error__minus_one),
		cmocka_unit_test(
		    route_defaults__load__no_problem_and_dump_is_the_file),
		cmocka_unit_test(
		    route_defaults__each_category__the_documented_route),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
