/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/params.c: dated parameter tables (loading, errors,
 * region fallback, replacement by a later table, lookups, value
 * accessors, the dump) and the holiday calendar loader, including the
 * built-in tables of lib/data/.
 *
 * Where the expected values come from: the small tables are written here
 * and every lookup worked out by hand from them; the built-in values from
 * DOMAIN.md (section G for the petition deadlines and the dates of the
 * 2005 and 2022 regulations, sections A.2, A.5, A.9, B.3, E.3, E.4, E.8,
 * F and H for the rest; the death benefit totals 1,036,420 and 1,083,760
 * yuan are DOMAIN.md's own worked figures); the rest days and working
 * days from the State Council notice for 2025 as DOMAIN.md section G
 * quotes it, weekdays checked with GNU date.  Messages follow the format
 * of STYLE.md section 4; the reasons quoted from lib/money.c are the
 * ones money.h documents.
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

#include "date.h"
#include "money.h"
#include "params.h"
#include "xf.h"

#define HDR	"name,region,value,unit,effective_from,effective_to,source\n"

/* Fixture: an empty table, and standard error captured in a file. */
struct fx {
	struct xf_params *p;
	FILE		*tmp;
	int		 saved_fd;
	char		 buf[16384];
};

static int
setup(void **state)
{
	struct fx *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return -1;
	fflush(stderr);
	if ((f->tmp = tmpfile()) == NULL || (f->saved_fd = dup(2)) == -1 ||
	    dup2(fileno(f->tmp), 2) == -1)
		return -1;
	f->p = xf_params_new();
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	xf_params_free(f->p);
	fflush(stderr);
	dup2(f->saved_fd, 2);
	close(f->saved_fd);
	fclose(f->tmp);
	free(f);
	return 0;
}

/* Everything written to standard error since the last call; then forget it. */
static const char *
captured(struct fx *f)
{
	size_t n;

	fflush(stderr);
	rewind(f->tmp);
	n = fread(f->buf, 1, sizeof(f->buf) - 1, f->tmp);
	f->buf[n] = '\0';
	if (ftruncate(fileno(f->tmp), 0) == -1)
		fail_msg("ftruncate");
	rewind(f->tmp);
	return f->buf;
}

/* Load a table held in a string, called t.csv. */
static int
load(struct xf_params *p, const char *s)
{
	return xf_params_load_mem(p, s, strlen(s), "t.csv");
}

static struct xf_date
mk(int y, int m, int d)
{
	struct xf_date t;

	t.year = y;
	t.month = m;
	t.day = d;
	return t;
}

/* The value of name for region on y-m-d, or NULL when there is no row. */
static const char *
val(const struct xf_params *p, const char *name, const char *region, int y,
    int m, int d)
{
	const struct xf_param *r;
	struct xf_date on = mk(y, m, d);

	r = xf_params_get(p, name, region, &on);
	return r == NULL ? NULL : r->value;
}

static const struct xf_param *
get(const struct xf_params *p, const char *name, const char *region, int y,
    int m, int d)
{
	struct xf_date on = mk(y, m, d);

	return xf_params_get(p, name, region, &on);
}

/* s, loaded, fails with exactly the diagnostics want; nothing is kept. */
static void
refused(struct fx *f, const char *s, const char *want)
{
	size_t before = xf_params_count(f->p);

	assert_int_equal(load(f->p, s), -1);
	assert_string_equal(captured(f), want);
	assert_int_equal(xf_params_count(f->p), before);
}

/* As refused, but only the start of the diagnostics is known. */
static void
refused_prefix(struct fx *f, const char *s, const char *want)
{
	const char *got;

	assert_int_equal(load(f->p, s), -1);
	got = captured(f);
	if (strncmp(got, want, strlen(want)) != 0)
		fail_msg("expected a message starting \"%s\", got \"%s\"",
		    want, got);
	assert_int_equal(xf_params_count(f->p), 0);
}

/* Loading, and the format. */

static void
load_mem__good_table__every_row_kept(void **state)
{
	struct fx *f = *state;
	const struct xf_param *r;

	assert_int_equal(load(f->p, HDR
	    "a,全国,60,日,2022-05-01,,src a\n"
	    "b,吉林省,21.75,日/月,2008年1月3日,2030/12/31,src b\n"
	    "c,延吉市,,元/月,0001-01-01,,placeholder: unknown\n"), 0);
	assert_string_equal(captured(f), "");
	assert_int_equal(xf_params_count(f->p), 3);

	r = get(f->p, "b", "吉林省", 2024, 5, 6);
	assert_non_null(r);
	assert_string_equal(r->name, "b");
	assert_string_equal(r->region, "吉林省");
	assert_string_equal(r->value, "21.75");
	assert_string_equal(r->unit, "日/月");
	assert_string_equal(r->source, "src b");
	assert_int_equal(r->from.year, 2008);
	assert_int_equal(r->from.month, 1);
	assert_int_equal(r->from.day, 3);
	assert_int_equal(r->has_to, 1);
	assert_int_equal(r->to.year, 2030);
	assert_int_equal(r->to.month, 12);
	assert_int_equal(r->to.day, 31);
	assert_int_equal(r->has_value, 1);
	assert_int_equal(r->dec.num, 2175);
	assert_int_equal(r->dec.scale, 2);
	assert_int_equal(r->placeholder, 0);
	assert_string_equal(r->file, "t.csv");
	assert_int_equal(r->line, 3);

	r = get(f->p, "a", "全国", 2024, 5, 6);
	assert_non_null(r);
	assert_int_equal(r->has_to, 0);
	assert_int_equal(r->line, 2);

	r = get(f->p, "c", "延吉市", 2024, 5, 6);
	assert_non_null(r);
	assert_int_equal(r->has_value, 0);
	assert_string_equal(r->value, "");
	assert_int_equal(r->placeholder, 1);
}

static void
load_mem__header_only__empty_table(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f->p, HDR), 0);
	assert_string_equal(captured(f), "");
	assert_int_equal(xf_params_count(f->p), 0);
	assert_null(val(f->p, "a", "全国", 2024, 1, 1));
}

static void
load_mem__columns_in_any_order_blanks_and_extras__read(void **state)
{
	struct fx *f = *state;
	const struct xf_param *r;

	/* Header names trimmed, in any case; fields trimmed; CRLF; quotes. */
	assert_int_equal(load(f->p,
	    "note, Source ,EFFECTIVE_TO,effective_from,unit,value,region,"
	    "name\r\n"
	    "x,\"law, art. 1\",, 2024-01-01 ,日,  60 , 全国 , a \r\n"), 0);
	assert_string_equal(captured(f), "");
	r = get(f->p, "a", "全国", 2024, 1, 1);
	assert_non_null(r);
	assert_string_equal(r->value, "60");
	assert_string_equal(r->source, "law, art. 1");
	assert_string_equal(r->region, "全国");
}

static void
load_mem__single_day_row__from_equals_to(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f->p, HDR
	    "a,全国,1,,2024-02-29,2024-02-29,s\n"), 0);
	assert_null(val(f->p, "a", "全国", 2024, 2, 28));
	assert_string_equal(val(f->p, "a", "全国", 2024, 2, 29), "1");
	assert_null(val(f->p, "a", "全国", 2024, 3, 1));
}

static void
load__file__read_and_named(void **state)
{
	struct fx *f = *state;
	char path[] = "/tmp/test_params.XXXXXX";
	const struct xf_param *r;
	FILE *fp;
	int fd;

	if ((fd = mkstemp(path)) == -1)
		fail_msg("mkstemp");
	if ((fp = fdopen(fd, "w")) == NULL)
		fail_msg("fdopen");
	fputs(HDR "a,全国,7,,2024-01-01,,s\n", fp);
	fclose(fp);
	assert_int_equal(xf_params_load(f->p, path), 0);
	unlink(path);
	assert_string_equal(captured(f), "");
	r = get(f->p, "a", NULL, 2024, 1, 1);
	assert_non_null(r);
	assert_string_equal(r->file, path);
}

static void
load__missing_file__errno_message(void **state)
{
	struct fx *f = *state;

	assert_int_equal(xf_params_load(f->p, "/nonexistent/p.csv"), -1);
	assert_string_equal(captured(f),
	    "test: /nonexistent/p.csv: No such file or directory\n");
	assert_int_equal(xf_params_count(f->p), 0);
}

/* Lookups at the edges of the dates. */

static void
get__edges_of_two_periods__right_row(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f->p, HDR
	    "x,全国,15,日,2005-05-01,2022-04-30,old\n"
	    "x,全国,60,日,2022-05-01,,new\n"), 0);
	assert_null(val(f->p, "x", "全国", 2005, 4, 30));
	assert_string_equal(val(f->p, "x", "全国", 2005, 5, 1), "15");
	assert_string_equal(val(f->p, "x", "全国", 2005, 5, 2), "15");
	assert_string_equal(val(f->p, "x", "全国", 2022, 4, 29), "15");
	assert_string_equal(val(f->p, "x", "全国", 2022, 4, 30), "15");
	assert_string_equal(val(f->p, "x", "全国", 2022, 5, 1), "60");
	assert_string_equal(val(f->p, "x", "全国", 2022, 5, 2), "60");
	assert_string_equal(val(f->p, "x", "全国", 9999, 12, 31), "60");
	assert_null(val(f->p, "y", "全国", 2022, 5, 1));
	assert_null(val(f->p, "w", "全国", 2022, 5, 1));
}

static void
get__gap_between_periods__null(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f->p, HDR
	    "y,全国,2,,2024-03-01,2024-03-31,b\n"
	    "y,全国,1,,2024-01-01,2024-01-31,a\n"), 0);
	assert_null(val(f->p, "y", "全国", 2023, 12, 31));
	assert_string_equal(val(f->p, "y", "全国", 2024, 1, 1), "1");
	assert_string_equal(val(f->p, "y", "全国", 2024, 1, 31), "1");
	assert_null(val(f->p, "y", "全国", 2024, 2, 1));
	assert_null(val(f->p, "y", "全国", 2024, 2, 29));
	assert_string_equal(val(f->p, "y", "全国", 2024, 3, 1), "2");
	assert_string_equal(val(f->p, "y", "全国", 2024, 3, 31), "2");
	assert_null(val(f->p, "y", "全国", 2024, 4, 1));
}

static void
get__invalid_date__null(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f->p, HDR "a,全国,1,,2000-01-01,,s\n"), 0);
	assert_null(val(f->p, "a", "全国", 2023, 2, 29));
	assert_null(val(f->p, "a", "全国", 2024, 13, 1));
}

/* Regions. */

static void
chain__each_kind_of_region__documented_order(void **state)
{
	const char *c[XF_PARAMS_CHAINMAX];

	(void)state;
	assert_int_equal(xf_params_chain("延吉市", c), 4);
	assert_string_equal(c[0], "延吉市");
	assert_string_equal(c[1], "延边州");
	assert_string_equal(c[2], "吉林省");
	assert_string_equal(c[3], "全国");
	assert_int_equal(xf_params_chain("安图县", c), 4);
	assert_string_equal(c[0], "安图县");
	assert_string_equal(c[1], "延边州");
	assert_int_equal(xf_params_chain("珲春市", c), 4);
	assert_int_equal(xf_params_chain("图们市", c), 4);
	assert_int_equal(xf_params_chain("敦化市", c), 4);
	assert_int_equal(xf_params_chain("龙井市", c), 4);
	assert_int_equal(xf_params_chain("和龙市", c), 4);
	assert_int_equal(xf_params_chain("汪清县", c), 4);
	assert_int_equal(xf_params_chain("延边州", c), 3);
	assert_string_equal(c[0], "延边州");
	assert_string_equal(c[1], "吉林省");
	assert_string_equal(c[2], "全国");
	assert_int_equal(xf_params_chain("吉林省", c), 2);
	assert_string_equal(c[0], "吉林省");
	assert_string_equal(c[1], "全国");
	assert_int_equal(xf_params_chain("全国", c), 1);
	assert_string_equal(c[0], "全国");
	assert_int_equal(xf_params_chain("长春市", c), 2);
	assert_string_equal(c[0], "长春市");
	assert_string_equal(c[1], "全国");
	assert_int_equal(xf_params_chain("延边朝鲜族自治州", c), 2);
	assert_string_equal(c[1], "全国");
	assert_int_equal(xf_params_chain(NULL, c), 4);
	assert_string_equal(c[0], "延吉市");
	assert_string_equal(c[3], "全国");
}

static void
get__four_levels__most_specific_wins(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f->p, HDR
	    "w,全国,1,,2000-01-01,,s\n"
	    "w,吉林省,2,,2000-01-01,,s\n"
	    "w,延边州,3,,2000-01-01,,s\n"
	    "w,延吉市,4,,2000-01-01,,s\n"
	    "w,珲春市,5,,2000-01-01,,s\n"), 0);
	assert_string_equal(val(f->p, "w", "延吉市", 2024, 5, 6), "4");
	assert_string_equal(val(f->p, "w", NULL, 2024, 5, 6), "4");
	assert_string_equal(val(f->p, "w", "珲春市", 2024, 5, 6), "5");
	assert_string_equal(val(f->p, "w", "图们市", 2024, 5, 6), "3");
	assert_string_equal(val(f->p, "w", "延边州", 2024, 5, 6), "3");
	assert_string_equal(val(f->p, "w", "吉林省", 2024, 5, 6), "2");
	assert_string_equal(val(f->p, "w", "全国", 2024, 5, 6), "1");
	assert_string_equal(val(f->p, "w", "长春市", 2024, 5, 6), "1");
}

static void
get__missing_levels__skipped(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f->p, HDR
	    "p,吉林省,2,,2000-01-01,,s\n"
	    "q,全国,1,,2000-01-01,,s\n"
	    "r,珲春市,5,,2000-01-01,,s\n"
	    "s,长春市,6,,2000-01-01,,s\n"), 0);
	/* 延吉市 and 延边州 have no p: 吉林省's. */
	assert_string_equal(val(f->p, "p", "延吉市", 2024, 5, 6), "2");
	assert_string_equal(val(f->p, "q", "延吉市", 2024, 5, 6), "1");
	/* Another city's row is never found from 延吉市. */
	assert_null(val(f->p, "r", "延吉市", 2024, 5, 6));
	assert_null(val(f->p, "r", "延边州", 2024, 5, 6));
	assert_string_equal(val(f->p, "r", "珲春市", 2024, 5, 6), "5");
	/* An unknown city falls straight back to 全国, not to 吉林省. */
	assert_null(val(f->p, "p", "长春市", 2024, 5, 6));
	assert_string_equal(val(f->p, "q", "长春市", 2024, 5, 6), "1");
	assert_string_equal(val(f->p, "s", "长春市", 2024, 5, 6), "6");
	assert_null(val(f->p, "s", "延吉市", 2024, 5, 6));
}

static void
get__specific_row_not_yet_in_force__falls_back(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f->p, HDR
	    "m,延吉市,1880,元/月,2024-01-01,2024-12-31,city\n"
	    "m,全国,1000,元/月,2000-01-01,,country\n"), 0);
	assert_string_equal(val(f->p, "m", "延吉市", 2023, 12, 31), "1000");
	assert_string_equal(val(f->p, "m", "延吉市", 2024, 1, 1), "1880");
	assert_string_equal(val(f->p, "m", "延吉市", 2024, 12, 31), "1880");
	assert_string_equal(val(f->p, "m", "延吉市", 2025, 1, 1), "1000");
}

/* Walking the table: the order of --dump-params. */

static void
row__each_index__sorted_then_null(void **state)
{
	struct fx *f = *state;

	/* Sorted by name, region as bytes (全 E5 85 before 吉 E5 90), from. */
	assert_int_equal(load(f->p, HDR
	    "b,全国,4,,2000-01-01,,d4\n"
	    "a,吉林省,3,,2000-01-01,,d3\n"
	    "a,全国,2,,2010-01-01,,d2\n"
	    "a,全国,1,,2000-01-01,2009-12-31,d1\n"), 0);
	assert_string_equal(xf_params_row(f->p, 0)->source, "d1");
	assert_string_equal(xf_params_row(f->p, 1)->source, "d2");
	assert_string_equal(xf_params_row(f->p, 2)->source, "d3");
	assert_string_equal(xf_params_row(f->p, 3)->source, "d4");
	assert_null(xf_params_row(f->p, 4));
}

/* A later table. */

static void
load__later_table__replaces_whole_name_and_region(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f->p, HDR
	    "a,全国,1,,2000-01-01,2009-12-31,d1\n"
	    "a,全国,2,,2010-01-01,,d2\n"
	    "a,吉林省,3,,2000-01-01,,d3\n"
	    "b,全国,4,,2000-01-01,,d4\n"), 0);
	assert_int_equal(xf_params_count(f->p), 4);
	/* The user's row overlaps d2; that is no error across tables. */
	assert_int_equal(xf_params_load_mem(f->p, HDR
	    "a,全国,9,,2015-01-01,,user\n",
	    strlen(HDR "a,全国,9,,2015-01-01,,user\n"), "user.csv"), 0);
	assert_string_equal(captured(f), "");
	assert_int_equal(xf_params_count(f->p), 3);
	/* Both built-in rows of a for 全国 are gone, not only the overlap. */
	assert_null(val(f->p, "a", "全国", 2005, 1, 1));
	assert_null(val(f->p, "a", "全国", 2014, 12, 31));
	assert_string_equal(val(f->p, "a", "全国", 2015, 1, 1), "9");
	assert_string_equal(get(f->p, "a", "全国", 2015, 1, 1)->file,
	    "user.csv");
	/* Other regions and other names keep theirs. */
	assert_string_equal(val(f->p, "a", "吉林省", 2005, 1, 1), "3");
	assert_string_equal(val(f->p, "a", "延吉市", 2005, 1, 1), "3");
	assert_string_equal(val(f->p, "b", "全国", 2005, 1, 1), "4");
	assert_string_equal(get(f->p, "b", "全国", 2005, 1, 1)->file,
	    "t.csv");
}

static void
load__later_table_more_specific__overrides_by_fallback(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f->p, HDR
	    "min_wage,吉林省,,元/月,0001-01-01,,placeholder: supply it\n"), 0);
	assert_int_equal(load(f->p, HDR
	    "min_wage,延吉市,1880,元/月,2023-07-01,,own figure\n"), 0);
	assert_int_equal(xf_params_count(f->p), 2);
	assert_string_equal(val(f->p, "min_wage", "延吉市", 2024, 1, 1),
	    "1880");
	/* Before the user's row, the placeholder is still what is found. */
	assert_int_equal(get(f->p, "min_wage", "延吉市", 2023, 6, 30)->
	    placeholder, 1);
}

static void
load__bad_later_table__earlier_rows_intact(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f->p, HDR
	    "a,全国,1,,2000-01-01,,s\n"
	    "b,全国,2,,2000-01-01,,s\n"), 0);
	assert_int_equal(load(f->p, HDR
	    "a,全国,5,,2020-01-01,,s\n"
	    "b,全国,x,,2020-01-01,,s\n"), -1);
	assert_string_equal(captured(f),
	    "test: t.csv:3: bad value 'x': not a number\n");
	assert_int_equal(xf_params_count(f->p), 2);
	assert_string_equal(val(f->p, "a", "全国", 2024, 1, 1), "1");
	assert_string_equal(val(f->p, "b", "全国", 2024, 1, 1), "2");
}

/* Errors, each with its line. */

static void
load_mem__empty_input__no_header(void **state)
{
	struct fx *f = *state;

	assert_int_equal(xf_params_load_mem(f->p, "", 0, "t.csv"), -1);
	assert_string_equal(captured(f), "test: t.csv:1: no header: the "
	    "table is empty; it needs the columns name,region,value,unit,"
	    "effective_from,effective_to,source\n");
	refused(f, "\n\n", "test: t.csv:1: no header: the table is empty; "
	    "it needs the columns name,region,value,unit,effective_from,"
	    "effective_to,source\n");
}

static void
load_mem__missing_columns__each_named(void **state)
{
	struct fx *f = *state;

	refused(f, "name,region,value,unit,effective_from,effective_to\n"
	    "a,全国,1,,2000-01-01,\n",
	    "test: t.csv:1: no column 'source'; the table needs the columns "
	    "name,region,value,unit,effective_from,effective_to,source\n");
	refused(f, "name,value,unit,from,effective_to,source\n",
	    "test: t.csv:1: no column 'region'; the table needs the columns "
	    "name,region,value,unit,effective_from,effective_to,source\n"
	    "test: t.csv:1: no column 'effective_from'; the table needs the "
	    "columns name,region,value,unit,effective_from,effective_to,"
	    "source\n");
	/* 姓名 is an alias of the petition column "name", not of ours. */
	refused(f, "姓名,region,value,unit,effective_from,effective_to,"
	    "source\n",
	    "test: t.csv:1: no column 'name'; the table needs the columns "
	    "name,region,value,unit,effective_from,effective_to,source\n");
}

static void
load_mem__bad_dates__line_and_value(void **state)
{
	struct fx *f = *state;

	refused_prefix(f, HDR
	    "a,全国,1,,2000-01-01,,s\n"
	    "b,全国,1,,2024-02-30,,s\n",
	    "test: t.csv:3: bad effective_from '2024-02-30': ");
	refused_prefix(f, HDR
	    "b,全国,1,,2024-02-01,2024-13-01,s\n",
	    "test: t.csv:2: bad effective_to '2024-13-01': ");
	refused_prefix(f, HDR
	    "b,全国,1,,soon,,s\n",
	    "test: t.csv:2: bad effective_from 'soon': ");
	refused(f, HDR
	    "b,全国,1,,2024-05-01 08:00,,s\n",
	    "test: t.csv:2: bad effective_from '2024-05-01 08:00': a date "
	    "without a time of day is expected\n");
	refused(f, HDR
	    "b,全国,1,,  ,,s\n",
	    "test: t.csv:2: empty effective_from\n");
}

static void
load_mem__to_before_from__refused(void **state)
{
	struct fx *f = *state;

	refused(f, HDR
	    "a,全国,1,,2000-01-01,,s\n"
	    "a,吉林省,1,,2000-01-01,,s\n"
	    "b,全国,1,,2024-02-01,2024-01-31,s\n",
	    "test: t.csv:4: effective_to '2024-01-31' is before "
	    "effective_from '2024-02-01'\n");
}

static void
load_mem__bad_values__reason_quoted(void **state)
{
	struct fx *f = *state;

	refused(f, HDR "a,全国,abc,,2000-01-01,,s\n",
	    "test: t.csv:2: bad value 'abc': not a number\n");
	refused(f, HDR "a,全国,3万,,2000-01-01,,s\n",
	    "test: t.csv:2: bad value '3万': not a number\n");
	refused(f, HDR "a,全国,\"1,5\",,2000-01-01,,s\n",
	    "test: t.csv:2: bad value '1,5': not a number\n");
	refused(f, HDR "a,全国,5.,,2000-01-01,,s\n",
	    "test: t.csv:2: bad value '5.': no digits after decimal point\n");
	refused(f, HDR "a,全国,0.1234567891,,2000-01-01,,s\n",
	    "test: t.csv:2: bad value '0.1234567891': more than nine decimal "
	    "places\n");
	refused(f, HDR "a,全国,,,2000-01-01,,law\n",
	    "test: t.csv:2: empty value: only a placeholder row (source "
	    "beginning with 'placeholder') may leave it empty\n");
}

static void
load_mem__bad_names_regions_sources__refused(void **state)
{
	struct fx *f = *state;

	refused(f, HDR ",全国,1,,2000-01-01,,s\n",
	    "test: t.csv:2: empty name\n");
	refused(f, HDR "Min_wage,全国,1,,2000-01-01,,s\n",
	    "test: t.csv:2: bad name 'Min_wage': a lower-case ASCII letter, "
	    "then lower-case letters, digits and '_'\n");
	refused(f, HDR "min wage,全国,1,,2000-01-01,,s\n",
	    "test: t.csv:2: bad name 'min wage': a lower-case ASCII letter, "
	    "then lower-case letters, digits and '_'\n");
	refused(f, HDR "1st,全国,1,,2000-01-01,,s\n",
	    "test: t.csv:2: bad name '1st': a lower-case ASCII letter, "
	    "then lower-case letters, digits and '_'\n");
	refused(f, HDR "低保,全国,1,,2000-01-01,,s\n",
	    "test: t.csv:2: bad name '低保': a lower-case ASCII letter, "
	    "then lower-case letters, digits and '_'\n");
	refused(f, HDR "a,,1,,2000-01-01,,s\n",
	    "test: t.csv:2: empty region\n");
	refused(f, HDR "a,全国,1,,2000-01-01,, \n",
	    "test: t.csv:2: empty source: say where the value comes from, "
	    "or begin it with 'placeholder'\n");
}

static void
load_mem__long_bad_value__cut_in_message(void **state)
{
	struct fx *f = *state;
	char tab[512], want[256];

	/* 30 three-byte characters: the message keeps 21 and "...". */
	snprintf(tab, sizeof(tab), HDR "a,全国,%s,,2000-01-01,,s\n",
	    "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十");
	snprintf(want, sizeof(want), "test: t.csv:2: bad value '%s...': "
	    "not a number\n", "一二三四五六七八九十一二三四五六七八九十一");
	refused(f, tab, want);
}

static void
load_mem__malformed_csv__line_of_record(void **state)
{
	struct fx *f = *state;

	/* Too few fields on line 3; the quote on line 4 never closes. */
	refused_prefix(f, HDR
	    "a,全国,1,,2000-01-01,,s\n"
	    "b,全国,1,,2000-01-01\n",
	    "test: t.csv:3: ");
	refused_prefix(f, HDR
	    "a,全国,1,,2000-01-01,,s\n"
	    "\n"
	    "b,全国,1,,2000-01-01,,\"s\n",
	    "test: t.csv:4: ");
}

static void
load_mem__several_bad_rows__all_reported(void **state)
{
	struct fx *f = *state;

	refused(f, HDR
	    "a,全国,x,,2000-01-01,,s\n"
	    "b,全国,1,,2000-01-01,,s\n"
	    ",全国,1,,2000-01-01,,s\n"
	    "c,,1,,2000-01-01,,s\n",
	    "test: t.csv:2: bad value 'x': not a number\n"
	    "test: t.csv:4: empty name\n"
	    "test: t.csv:5: empty region\n");
}

static void
load_mem__overlapping_rows__later_line_reported(void **state)
{
	struct fx *f = *state;

	/* Line 4 starts on the day line 2 ends. */
	refused(f, HDR
	    "x,全国,1,,2020-01-01,2023-01-01,s\n"
	    "y,全国,1,,2020-01-01,,s\n"
	    "x,全国,2,,2023-01-01,,s\n",
	    "test: t.csv:4: 'x' for 全国 in force 2023-01-01 onwards overlaps "
	    "line 2 (2020-01-01 to 2023-01-01)\n");
	/* The later line starts earlier. */
	refused(f, HDR
	    "x,全国,2,,2023-01-01,,s\n"
	    "x,全国,1,,2020-01-01,2023-06-30,s\n",
	    "test: t.csv:3: 'x' for 全国 in force 2020-01-01 to 2023-06-30 "
	    "overlaps line 2 (2023-01-01 onwards)\n");
	/* The same start twice. */
	refused(f, HDR
	    "x,延吉市,1,,2020-01-01,2020-12-31,s\n"
	    "x,延吉市,1,,2020-01-01,2020-12-31,s\n",
	    "test: t.csv:3: 'x' for 延吉市 in force 2020-01-01 to 2020-12-31 "
	    "overlaps line 2 (2020-01-01 to 2020-12-31)\n");
	/* A long row covers two later ones that do not touch each other. */
	refused(f, HDR
	    "x,全国,1,,2020-01-01,,s\n"
	    "x,全国,2,,2021-01-01,2021-12-31,s\n"
	    "x,全国,3,,2023-01-01,2023-12-31,s\n",
	    "test: t.csv:3: 'x' for 全国 in force 2021-01-01 to 2021-12-31 "
	    "overlaps line 2 (2020-01-01 onwards)\n"
	    "test: t.csv:4: 'x' for 全国 in force 2023-01-01 to 2023-12-31 "
	    "overlaps line 2 (2020-01-01 onwards)\n");
}

static void
load_mem__adjacent_or_other_region__no_overlap(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f->p, HDR
	    "x,全国,1,,2020-01-01,2022-12-31,s\n"
	    "x,全国,2,,2023-01-01,,s\n"
	    "x,吉林省,3,,2020-01-01,,s\n"
	    "y,全国,4,,2020-01-01,,s\n"), 0);
	assert_string_equal(captured(f), "");
	assert_int_equal(xf_params_count(f->p), 4);
}

/* Placeholders and values. */

static void
placeholder__source_prefix__flag(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f->p, HDR
	    "a,全国,700,,2000-01-01,,placeholder: example figure\n"
	    "b,全国,,,2000-01-01,,PlaceHolder\n"
	    "c,全国,1,,2000-01-01,,not a placeholder\n"
	    "d,全国,1,,2000-01-01,,place\n"
	    "e,全国,1,,2000-01-01,, placeholder (after blanks)\n"), 0);
	assert_int_equal(get(f->p, "a", "全国", 2024, 1, 1)->placeholder, 1);
	assert_int_equal(get(f->p, "a", "全国", 2024, 1, 1)->has_value, 1);
	assert_int_equal(get(f->p, "b", "全国", 2024, 1, 1)->placeholder, 1);
	assert_int_equal(get(f->p, "b", "全国", 2024, 1, 1)->has_value, 0);
	assert_int_equal(get(f->p, "c", "全国", 2024, 1, 1)->placeholder, 0);
	assert_int_equal(get(f->p, "d", "全国", 2024, 1, 1)->placeholder, 0);
	assert_int_equal(get(f->p, "e", "全国", 2024, 1, 1)->placeholder, 1);
}

static void
values__as_dec_fen_long__converted_or_refused(void **state)
{
	struct fx *f = *state;
	const struct xf_param *r;
	struct xf_dec d = { 7, 7 };
	const char *why;
	int64_t fen;
	long n;

	assert_int_equal(load(f->p, HDR
	    "a,全国,21.75,,2000-01-01,,s\n"
	    "b,全国,20,,2000-01-01,,s\n"
	    "c,全国,1.500,,2000-01-01,,s\n"
	    "d,全国,1.005,,2000-01-01,,s\n"
	    "e,全国,60.0,,2000-01-01,,s\n"
	    "f,全国,,,2000-01-01,,placeholder\n"
	    "g,全国,90000000000000,,2000-01-01,,s\n"
	    "h,全国,90000000000000.01,,2000-01-01,,s\n"
	    "i,全国,-0.5,,2000-01-01,,s\n"), 0);

	r = get(f->p, "a", "全国", 2024, 1, 1);
	assert_int_equal(xf_params_dec(r, &d, NULL), 0);
	assert_int_equal(d.num, 2175);
	assert_int_equal(d.scale, 2);
	assert_int_equal(xf_params_fen(r, &fen, NULL), 0);
	assert_int_equal(fen, 2175);
	n = 7;
	assert_int_equal(xf_params_long(r, &n, &why), -1);
	assert_string_equal(why, "not a whole number");
	assert_int_equal(n, 7);

	r = get(f->p, "b", "全国", 2024, 1, 1);
	assert_int_equal(xf_params_fen(r, &fen, NULL), 0);
	assert_int_equal(fen, 2000);
	assert_int_equal(xf_params_long(r, &n, NULL), 0);
	assert_int_equal(n, 20);

	r = get(f->p, "c", "全国", 2024, 1, 1);
	assert_int_equal(xf_params_fen(r, &fen, NULL), 0);
	assert_int_equal(fen, 150);

	r = get(f->p, "d", "全国", 2024, 1, 1);
	fen = 7;
	assert_int_equal(xf_params_fen(r, &fen, &why), -1);
	assert_string_equal(why, "more than two decimal places");
	assert_int_equal(fen, 7);

	r = get(f->p, "e", "全国", 2024, 1, 1);
	assert_int_equal(xf_params_long(r, &n, NULL), 0);
	assert_int_equal(n, 60);

	r = get(f->p, "f", "全国", 2024, 1, 1);
	d.num = 7;
	assert_int_equal(xf_params_dec(r, &d, &why), -1);
	assert_string_equal(why, "no value");
	assert_int_equal(d.num, 7);
	assert_int_equal(xf_params_fen(r, &fen, &why), -1);
	assert_string_equal(why, "no value");
	assert_int_equal(xf_params_long(r, &n, &why), -1);
	assert_string_equal(why, "no value");

	/* XF_MONEY_MAX is 9e15 fen, 90 000 000 000 000.00 yuan. */
	r = get(f->p, "g", "全国", 2024, 1, 1);
	assert_int_equal(xf_params_fen(r, &fen, NULL), 0);
	assert_true(fen == INT64_C(9000000000000000));
	r = get(f->p, "h", "全国", 2024, 1, 1);
	assert_int_equal(xf_params_fen(r, &fen, &why), -1);
	assert_string_equal(why, "too large");

	r = get(f->p, "i", "全国", 2024, 1, 1);
	assert_int_equal(xf_params_fen(r, &fen, NULL), 0);
	assert_int_equal(fen, -50);
}

static void
need__missing_or_empty__tells_which_row_to_add(void **state)
{
	struct fx *f = *state;
	struct xf_date on = mk(2024, 5, 6);
	const struct xf_param *r;

	assert_int_equal(load(f->p, HDR
	    "min_wage,吉林省,,元/月,0001-01-01,,placeholder: not found\n"
	    "days,全国,60,日,2022-05-01,,law\n"), 0);
	assert_null(xf_params_need(f->p, "avg_wage", "延吉市", &on));
	assert_string_equal(captured(f), "test: no parameter 'avg_wage' in "
	    "force on 2024-05-06 for 延吉市 (nor 延边州, 吉林省, 全国); supply "
	    "it in a --params file, a row such as 'avg_wage,延吉市,VALUE,UNIT,"
	    "2024-05-06,,SOURCE'\n");
	assert_null(xf_params_need(f->p, "avg_wage", "全国", &on));
	assert_string_equal(captured(f), "test: no parameter 'avg_wage' in "
	    "force on 2024-05-06 for 全国; supply it in a --params file, a "
	    "row such as 'avg_wage,全国,VALUE,UNIT,2024-05-06,,SOURCE'\n");
	assert_null(xf_params_need(f->p, "min_wage", NULL, &on));
	assert_string_equal(captured(f), "test: parameter 'min_wage' for "
	    "吉林省 has no value on 2024-05-06 (source: placeholder: not "
	    "found); supply it in a --params file, a row such as 'min_wage,"
	    "吉林省,VALUE,元/月,2024-05-06,,SOURCE', which replaces every "
	    "built-in row of that name and region\n");
	r = xf_params_need(f->p, "days", "延吉市", &on);
	assert_non_null(r);
	assert_string_equal(r->value, "60");
	assert_string_equal(captured(f), "");
}

/* The dump. */

static void
dump__table__sorted_csv_that_loads_back(void **state)
{
	struct fx *f = *state;
	struct xf_params *again;
	char *out = NULL, *out2 = NULL;
	size_t len = 0, len2 = 0;
	FILE *fp;

	assert_int_equal(load(f->p, HDR
	    "b,全国,2,日,2022年5月1日,,\"law, art. 2\"\n"
	    "a,全国,1,,2000-01-01,2009-12-31, s \n"
	    "a,全国,1.50,倍,2010-01-01,,\"say \"\"x\"\"\"\n"
	    "a,吉林省,,元/月,0001-01-01,,placeholder\n"), 0);
	if ((fp = open_memstream(&out, &len)) == NULL)
		fail_msg("open_memstream");
	assert_int_equal(xf_params_dump(f->p, fp), 0);
	fclose(fp);
	/* 全国 sorts before 吉林省: U+5168 < U+5409. */
	assert_string_equal(out, HDR
	    "a,全国,1,,2000-01-01,2009-12-31,s\n"
	    "a,全国,1.50,倍,2010-01-01,,\"say \"\"x\"\"\"\n"
	    "a,吉林省,,元/月,0001-01-01,,placeholder\n"
	    "b,全国,2,日,2022-05-01,,\"law, art. 2\"\n");

	again = xf_params_new();
	assert_int_equal(xf_params_load_mem(again, out, len, "dump"), 0);
	if ((fp = open_memstream(&out2, &len2)) == NULL)
		fail_msg("open_memstream");
	assert_int_equal(xf_params_dump(again, fp), 0);
	fclose(fp);
	assert_string_equal(out2, out);
	xf_params_free(again);
	free(out);
	free(out2);
}

static void
dump__empty_table__header_only(void **state)
{
	struct fx *f = *state;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	if ((fp = open_memstream(&out, &len)) == NULL)
		fail_msg("open_memstream");
	assert_int_equal(xf_params_dump(f->p, fp), 0);
	fclose(fp);
	assert_string_equal(out, HDR);
	free(out);
}

/* Many rows: every lookup agrees with a formula worked out here. */

static void
get__many_rows__binary_search_right(void **state)
{
	static const char *const reg[] = { "全国", "吉林省", "延吉市" };
	struct fx *f = *state;
	char *tab = NULL, name[16], want[16];
	const char *got;
	size_t len = 0;
	FILE *fp;
	int i, j, y, k;

	/*
	 * Names n0..n299; 全国 for every name, 吉林省 for every second name,
	 * 延吉市 for every third; four periods each: year 2000+k for k 0..2
	 * and 2003 onwards.  Value = name * 100 + region * 10 + period.
	 * Rows are written in reverse so that loading must sort them.
	 */
	if ((fp = open_memstream(&tab, &len)) == NULL)
		fail_msg("open_memstream");
	fputs(HDR, fp);
	for (i = 299; i >= 0; i--) {
		for (j = 2; j >= 0; j--) {
			if ((j == 1 && i % 2 != 0) || (j == 2 && i % 3 != 0))
				continue;
			fprintf(fp, "n%d,%s,%d,,2003-01-01,,s\n", i, reg[j],
			    i * 100 + j * 10 + 3);
			for (k = 2; k >= 0; k--)
				fprintf(fp, "n%d,%s,%d,,%d-01-01,%d-12-31,s\n",
				    i, reg[j], i * 100 + j * 10 + k, 2000 + k,
				    2000 + k);
		}
	}
	fclose(fp);
	assert_int_equal(xf_params_load_mem(f->p, tab, len, "many"), 0);
	free(tab);
	assert_int_equal(xf_params_count(f->p), (300 + 150 + 100) * 4);

	for (i = 0; i < 300; i++)
		for (y = 1999; y <= 2005; y++) {
			snprintf(name, sizeof(name), "n%d", i);
			got = val(f->p, name, "延吉市", y, 6, 30);
			if (y == 1999) {
				assert_null(got);
				continue;
			}
			j = i % 3 == 0 ? 2 : i % 2 == 0 ? 1 : 0;
			k = y >= 2003 ? 3 : y - 2000;
			snprintf(want, sizeof(want), "%d",
			    i * 100 + j * 10 + k);
			assert_non_null(got);
			assert_string_equal(got, want);
		}
	assert_null(val(f->p, "n300", "全国", 2003, 1, 1));
	assert_null(val(f->p, "n", "全国", 2003, 1, 1));
	assert_null(val(f->p, "a", "全国", 2003, 1, 1));
	assert_null(val(f->p, "z", "全国", 2003, 1, 1));
}

/* The built-in table. */

static void
defaults__built_in_table__loads_cleanly(void **state)
{
	struct fx *f = *state;

	assert_int_equal(xf_params_defaults(f->p), 0);
	assert_string_equal(captured(f), "");
	assert_true(xf_params_count(f->p) > 0);
}

static void
defaults__petition_deadlines__domain_section_g(void **state)
{
	struct fx *f = *state;
	const struct xf_param *r;

	assert_int_equal(xf_params_defaults(f->p), 0);

	r = get(f->p, "petition_handle_days", "延吉市", 2024, 5, 6);
	assert_non_null(r);
	assert_string_equal(r->value, "60");
	assert_string_equal(r->unit, "日");
	assert_string_equal(r->region, "全国");
	assert_int_equal(r->placeholder, 0);
	assert_non_null(strstr(r->source, "信访工作条例"));
	assert_non_null(strstr(r->source, "第34条"));

	/* The 2005 条例 before 2022-05-01, its own article numbers. */
	r = get(f->p, "petition_handle_days", NULL, 2022, 4, 30);
	assert_non_null(r);
	assert_string_equal(r->value, "60");
	assert_non_null(strstr(r->source, "第33条"));
	r = get(f->p, "petition_handle_days", NULL, 2005, 5, 1);
	assert_non_null(r);
	assert_null(get(f->p, "petition_handle_days", NULL, 2005, 4, 30));

	assert_string_equal(val(f->p, "petition_accept_days", NULL, 2024, 5,
	    6), "15");
	assert_string_equal(val(f->p, "petition_accept_days", NULL, 2010, 1,
	    1), "15");
	assert_string_equal(val(f->p, "petition_route_days", NULL, 2024, 5,
	    6), "15");
	assert_string_equal(val(f->p, "petition_transfer_accept_days", NULL,
	    2024, 5, 6), "15");
	assert_string_equal(val(f->p, "petition_extend_max_days", NULL, 2024,
	    5, 6), "30");
	assert_string_equal(val(f->p, "petition_review_request_days", NULL,
	    2024, 5, 6), "30");
	assert_string_equal(val(f->p, "petition_review_decide_days", NULL,
	    2024, 5, 6), "30");
	assert_string_equal(val(f->p, "petition_recheck_request_days", NULL,
	    2024, 5, 6), "30");
	assert_string_equal(val(f->p, "petition_recheck_decide_days", NULL,
	    2024, 5, 6), "30");

	/* The 5 working days exist only in the 2022 条例. */
	r = get(f->p, "petition_transfer_objection_workdays", NULL, 2022, 5,
	    1);
	assert_non_null(r);
	assert_string_equal(r->value, "5");
	assert_string_equal(r->unit, "工作日");
	assert_null(get(f->p, "petition_transfer_objection_workdays", NULL,
	    2022, 4, 30));
}

static void
defaults__labour_and_injury_constants__domain_values(void **state)
{
	struct fx *f = *state;
	const struct xf_param *r;
	struct xf_dec d;
	int64_t fen;
	long n;

	assert_int_equal(xf_params_defaults(f->p), 0);

	assert_string_equal(val(f->p, "severance_cap_multiple", NULL, 2024, 5,
	    6), "3");
	assert_string_equal(val(f->p, "severance_cap_years", NULL, 2024, 5,
	    6), "12");
	assert_string_equal(val(f->p, "no_contract_max_months", NULL, 2024,
	    5, 6), "11");
	r = get(f->p, "monthly_workdays", NULL, 2024, 5, 6);
	assert_non_null(r);
	assert_int_equal(xf_params_dec(r, &d, NULL), 0);
	assert_int_equal(d.num, 2175);
	assert_int_equal(d.scale, 2);
	assert_string_equal(val(f->p, "funeral_months", NULL, 2024, 5, 6),
	    "6");
	assert_string_equal(val(f->p, "death_lump_sum_multiple", NULL, 2024,
	    5, 6), "20");
	assert_string_equal(val(f->p, "dibao_edge_multiplier", NULL, 2024, 5,
	    6), "1.5");
	assert_string_equal(val(f->p, "tekun_dibao_multiple", "延吉市", 2024,
	    5, 6), "1.3");
	assert_string_equal(val(f->p, "injury_hospital_meal_per_day",
	    "延吉市", 2024, 5, 6), "20");

	/* 工伤保险条例 第35-37条: grade 1 is 27 months, grade 10 is 7. */
	r = get(f->p, "injury_disability_months_g1", NULL, 2024, 5, 6);
	assert_int_equal(xf_params_long(r, &n, NULL), 0);
	assert_int_equal(n, 27);
	r = get(f->p, "injury_disability_months_g10", NULL, 2024, 5, 6);
	assert_int_equal(xf_params_long(r, &n, NULL), 0);
	assert_int_equal(n, 7);

	/*
	 * DOMAIN.md section B.3: 20 x 51,821 = 1,036,420 yuan for deaths in
	 * 2024; 20 x 54,188 = 1,083,760 for deaths in 2025.
	 */
	r = get(f->p, "national_urban_income", NULL, 2024, 3, 1);
	assert_int_equal(xf_params_fen(r, &fen, NULL), 0);
	assert_true(fen * 20 == INT64_C(103642000));
	r = get(f->p, "national_urban_income", NULL, 2024, 12, 31);
	assert_string_equal(r->value, "51821");
	r = get(f->p, "national_urban_income", NULL, 2025, 1, 1);
	assert_int_equal(xf_params_fen(r, &fen, NULL), 0);
	assert_true(fen * 20 == INT64_C(108376000));
}

static void
defaults__local_figures__placeholders(void **state)
{
	struct fx *f = *state;
	const struct xf_param *r;
	struct xf_date on = mk(2024, 5, 6);

	assert_int_equal(xf_params_defaults(f->p), 0);

	/* Not found (DOMAIN.md section H): no value at all. */
	r = get(f->p, "min_wage", "延吉市", 2024, 5, 6);
	assert_non_null(r);
	assert_int_equal(r->placeholder, 1);
	assert_int_equal(r->has_value, 0);
	r = get(f->p, "avg_monthly_wage", "延吉市", 2024, 5, 6);
	assert_non_null(r);
	assert_int_equal(r->placeholder, 1);
	assert_int_equal(r->has_value, 0);
	assert_null(xf_params_need(f->p, "avg_monthly_wage", "延吉市", &on));
	assert_non_null(strstr(captured(f), "has no value"));

	/* DOMAIN.md section E.8's example figures, marked as such. */
	r = get(f->p, "dibao_urban", "延吉市", 2024, 5, 6);
	assert_non_null(r);
	assert_int_equal(r->placeholder, 1);
	assert_string_equal(r->value, "700");
	r = get(f->p, "dibao_rural", "延吉市", 2024, 5, 6);
	assert_non_null(r);
	assert_int_equal(r->placeholder, 1);
	assert_string_equal(r->value, "5400");

	/* A user's figure for 延吉市 wins over the placeholder. */
	assert_int_equal(load(f->p, HDR
	    "dibao_urban,延吉市,750,元/人·月,2024-01-01,,own\n"), 0);
	r = get(f->p, "dibao_urban", "延吉市", 2024, 5, 6);
	assert_string_equal(r->value, "750");
	assert_int_equal(r->placeholder, 0);
	assert_int_equal(get(f->p, "dibao_urban", "延吉市", 2023, 12, 31)->
	    placeholder, 1);
}

static void
defaults__price_linkage_triggers__temporary_cut(void **state)
{
	struct fx *f = *state;

	assert_int_equal(xf_params_defaults(f->p), 0);
	assert_string_equal(val(f->p, "pricelink_cpi_trigger", NULL, 2022, 8,
	    31), "3.5");
	assert_string_equal(val(f->p, "pricelink_cpi_trigger", NULL, 2022, 9,
	    1), "3.0");
	assert_string_equal(val(f->p, "pricelink_cpi_trigger", NULL, 2023, 3,
	    31), "3.0");
	assert_string_equal(val(f->p, "pricelink_cpi_trigger", NULL, 2023, 4,
	    1), "3.5");
	assert_string_equal(val(f->p, "pricelink_food_trigger", NULL, 2022,
	    10, 1), "6");
}

static void
defaults__dump__loads_back_unchanged(void **state)
{
	struct fx *f = *state;
	struct xf_params *again;
	char *out = NULL, *out2 = NULL;
	size_t len = 0, len2 = 0;
	FILE *fp;

	assert_int_equal(xf_params_defaults(f->p), 0);
	if ((fp = open_memstream(&out, &len)) == NULL)
		fail_msg("open_memstream");
	assert_int_equal(xf_params_dump(f->p, fp), 0);
	fclose(fp);
	again = xf_params_new();
	assert_int_equal(xf_params_load_mem(again, out, len, "dump"), 0);
	assert_int_equal(xf_params_count(again), xf_params_count(f->p));
	if ((fp = open_memstream(&out2, &len2)) == NULL)
		fail_msg("open_memstream");
	assert_int_equal(xf_params_dump(again, fp), 0);
	fclose(fp);
	assert_string_equal(out2, out);
	/* Loading the dump over the defaults changes nothing. */
	assert_int_equal(xf_params_load_mem(f->p, out, len, "dump"), 0);
	assert_int_equal(xf_params_count(again), xf_params_count(f->p));
	assert_string_equal(captured(f), "");
	xf_params_free(again);
	free(out);
	free(out2);
}

/* The holiday calendar. */

static int
is_rest(const struct xf_calendar *cal, int y, int m, int d)
{
	struct xf_date t = mk(y, m, d);

	return xf_calendar_is_restday(cal, &t);
}

static int
cal_load(struct xf_calendar *cal, const char *s)
{
	return xf_calendar_load_mem(cal, s, strlen(s), "h.csv");
}

static void
calendar_load__good_table__days_known(void **state)
{
	struct fx *f = *state;
	struct xf_calendar *cal;

	cal = xf_calendar_new();
	assert_int_equal(cal_load(cal,
	    "source,kind,date,name\r\n"
	    "x,休,2025-10-03,国庆节\r\n"
	    "x, 班 ,2025年9月28日,国庆节\r\n"), 0);
	assert_string_equal(captured(f), "");
	assert_int_equal(is_rest(cal, 2025, 10, 3), 1);	/* a Friday */
	assert_int_equal(is_rest(cal, 2025, 9, 28), 0);	/* a Sunday */
	assert_int_equal(is_rest(cal, 2025, 10, 2), 0);	/* not listed */
	xf_calendar_free(cal);
}

static void
calendar_load__from_stream__read(void **state)
{
	static const char tab[] = "date,kind\n2025-10-03,休\n";
	struct fx *f = *state;
	struct xf_calendar *cal;
	FILE *fp;

	cal = xf_calendar_new();
	if ((fp = fmemopen((void *)(uintptr_t)tab, strlen(tab), "r")) == NULL)
		fail_msg("fmemopen");
	assert_int_equal(xf_calendar_load(cal, fp, "h.csv"), 0);
	fclose(fp);
	assert_string_equal(captured(f), "");
	assert_int_equal(is_rest(cal, 2025, 10, 3), 1);
	xf_calendar_free(cal);
}

static void
calendar_load__bad_rows__each_with_line(void **state)
{
	struct fx *f = *state;
	struct xf_calendar *cal;
	const char *got;

	cal = xf_calendar_new();
	assert_int_equal(cal_load(cal,
	    "date,kind,name,source\n"
	    "2025-10-03,休,a,s\n"
	    "2025-10-04,假,a,s\n"
	    "2025-10-03,班,a,s\n"
	    "2025-10-05 09:00,休,a,s\n"
	    ",休,a,s\n"), -1);
	assert_string_equal(captured(f),
	    "test: h.csv:3: bad kind '假': 休 (a rest day) or 班 (a working "
	    "day)\n"
	    "test: h.csv:4: date '2025-10-03': date is listed both as a rest "
	    "day and as a working day\n"
	    "test: h.csv:5: bad date '2025-10-05 09:00': a date without a "
	    "time of day is expected\n"
	    "test: h.csv:6: empty date\n");
	xf_calendar_free(cal);

	cal = xf_calendar_new();
	assert_int_equal(cal_load(cal, "date,kind\n2025-02-30,休\n"), -1);
	got = captured(f);
	assert_true(strncmp(got, "test: h.csv:2: bad date '2025-02-30': ",
	    strlen("test: h.csv:2: bad date '2025-02-30': ")) == 0);
	xf_calendar_free(cal);
}

static void
calendar_load__missing_column_or_empty__refused(void **state)
{
	struct fx *f = *state;
	struct xf_calendar *cal;

	cal = xf_calendar_new();
	assert_int_equal(cal_load(cal, "date,type\n2025-10-03,休\n"), -1);
	assert_string_equal(captured(f), "test: h.csv:1: no column 'kind'; "
	    "the table needs the columns date,kind\n");
	assert_int_equal(xf_calendar_load_mem(cal, "", 0, "h.csv"), -1);
	assert_string_equal(captured(f), "test: h.csv:1: no header: the "
	    "table is empty; it needs the columns date,kind\n");
	xf_calendar_free(cal);
}

static void
calendar_defaults__2025_notice__rest_and_working_days(void **state)
{
	struct fx *f = *state;
	struct xf_calendar *cal;

	cal = xf_calendar_defaults();
	assert_non_null(cal);
	assert_string_equal(captured(f), "");
	/* 国办发明电〔2024〕12号, as DOMAIN.md section G quotes it. */
	assert_int_equal(is_rest(cal, 2025, 10, 3), 1);	/* Friday */
	assert_int_equal(is_rest(cal, 2025, 10, 8), 1);	/* Wednesday */
	assert_int_equal(is_rest(cal, 2025, 9, 28), 0);	/* Sunday, 班 */
	assert_int_equal(is_rest(cal, 2025, 10, 11), 0);	/* Sat., 班 */
	assert_int_equal(is_rest(cal, 2025, 10, 9), 0);	/* Thursday */
	assert_int_equal(is_rest(cal, 2025, 10, 12), 1);	/* Sunday */
	assert_int_equal(is_rest(cal, 2025, 1, 26), 0);	/* Sunday, 班 */
	assert_int_equal(is_rest(cal, 2025, 2, 4), 1);	/* Tuesday */
	assert_int_equal(is_rest(cal, 2025, 2, 8), 0);	/* Saturday, 班 */
	assert_int_equal(is_rest(cal, 2025, 4, 27), 0);	/* Sunday, 班 */
	assert_int_equal(is_rest(cal, 2025, 5, 5), 1);	/* Monday */
	assert_int_equal(is_rest(cal, 2025, 6, 2), 1);	/* Monday */
	assert_int_equal(xf_calendar_covers(cal, 2025), 1);
	xf_calendar_free(cal);
}

int
main(void)
{
	static char argv0[] = "test";
	const struct CMUnitTest tests[] = {
#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(load_mem__good_table__every_row_kept),
		T(load_mem__header_only__empty_table),
		T(load_mem__columns_in_any_order_blanks_and_extras__read),
		T(load_mem__single_day_row__from_equals_to),
		T(load__file__read_and_named),
		T(load__missing_file__errno_message),
		T(get__edges_of_two_periods__right_row),
		T(get__gap_between_periods__null),
		T(get__invalid_date__null),
		cmocka_unit_test(chain__each_kind_of_region__documented_order),
		T(get__four_levels__most_specific_wins),
		T(get__missing_levels__skipped),
		T(get__specific_row_not_yet_in_force__falls_back),
		T(row__each_index__sorted_then_null),
		T(load__later_table__replaces_whole_name_and_region),
		T(load__later_table_more_specific__overrides_by_fallback),
		T(load__bad_later_table__earlier_rows_intact),
		T(load_mem__empty_input__no_header),
		T(load_mem__missing_columns__each_named),
		T(load_mem__bad_dates__line_and_value),
		T(load_mem__to_before_from__refused),
		T(load_mem__bad_values__reason_quoted),
		T(load_mem__bad_names_regions_sources__refused),
		T(load_mem__long_bad_value__cut_in_message),
		T(load_mem__malformed_csv__line_of_record),
		T(load_mem__several_bad_rows__all_reported),
		T(load_mem__overlapping_rows__later_line_reported),
		T(load_mem__adjacent_or_other_region__no_overlap),
		T(placeholder__source_prefix__flag),
		T(values__as_dec_fen_long__converted_or_refused),
		T(need__missing_or_empty__tells_which_row_to_add),
		T(dump__table__sorted_csv_that_loads_back),
		T(dump__empty_table__header_only),
		T(get__many_rows__binary_search_right),
		T(defaults__built_in_table__loads_cleanly),
		T(defaults__petition_deadlines__domain_section_g),
		T(defaults__labour_and_injury_constants__domain_values),
		T(defaults__local_figures__placeholders),
		T(defaults__price_linkage_triggers__temporary_cut),
		T(defaults__dump__loads_back_unchanged),
		T(calendar_load__good_table__days_known),
		T(calendar_load__from_stream__read),
		T(calendar_load__bad_rows__each_with_line),
		T(calendar_load__missing_column_or_empty__refused),
		T(calendar_defaults__2025_notice__rest_and_working_days),
#undef T
	};

	xf_setprogname(argv0);
	return cmocka_run_group_tests_name("params", tests, NULL, NULL);
}
