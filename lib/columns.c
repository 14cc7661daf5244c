/* SPDX-License-Identifier: ISC */

/*
 * Column lookup by name and alias, and saved headers.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "csvin.h"
#include "utf8.h"
#include "xf.h"

/*
 * The petition record of DESIGN.md: each English name and the headers
 * that real exports (petition systems, 12345 hotlines, message boards)
 * give the same column.
 */
static const char *const a_id[] = { "编号", "信访编号", "登记编号", "件号",
	"信访件编号", "留言编号", NULL };
static const char *const a_date[] = { "日期", "登记日期", "来信来访日期",
	"受理日期", "来访日期", "来信日期", "留言时间", NULL };
static const char *const a_channel[] = { "渠道", "信访方式", "来源",
	"信访形式", NULL };
static const char *const a_persons[] = { "人数", "来访人数", "信访人数",
	NULL };
static const char *const a_name[] = { "姓名", "信访人", "反映人",
	"信访人姓名", NULL };
static const char *const a_id_number[] = { "身份证号", "身份证号码",
	"证件号码", "公民身份号码", NULL };
static const char *const a_phone[] = { "电话", "联系电话", "手机",
	"手机号", "手机号码", NULL };
static const char *const a_district[] = { "街道", "乡镇", "所属街道",
	"区域", "所属乡镇", NULL };
static const char *const a_subject[] = { "标题", "主题", "信访事项",
	"留言主题", NULL };
static const char *const a_content[] = { "内容", "诉求内容", "信访内容",
	"反映内容", "留言详情", "detail", "text", NULL };
static const char *const a_none[] = { NULL };

static const struct {
	const char		*name;
	const char *const	*aliases;
} known[] = {
	{ "channel",	a_channel },
	{ "content",	a_content },
	{ "date",	a_date },
	{ "district",	a_district },
	{ "id",		a_id },
	{ "id_number",	a_id_number },
	{ "name",	a_name },
	{ "persons",	a_persons },
	{ "phone",	a_phone },
	{ "subject",	a_subject },
};

int
xf_colmap_add(struct xf_colmap *map, char *arg)
{
	char *eq;

	if ((eq = strchr(arg, '=')) == NULL || eq == arg || eq[1] == '\0') {
		xf_warnx("--col: expected NAME=HEADER: '%s'", arg);
		return -1;
	}
	if (map->n == XF_COLMAP_MAX) {
		xf_warnx("--col: more than %d columns", XF_COLMAP_MAX);
		return -1;
	}
	*eq = '\0';
	map->name[map->n] = arg;
	map->header[map->n] = eq + 1;
	map->n++;
	return 0;
}

const char *const *
xf_col_aliases(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(known[i].name, name) == 0)
			return known[i].aliases;
	return a_none;
}

/* Equal after trimming, ASCII letters compared without case. */
static int
same_header(const char *f, size_t flen, const char *want)
{
	size_t start, len, i, wlen = strlen(want);
	unsigned char a, b;

	xf_utf8_trim(f, flen, &start, &len);
	if (len != wlen)
		return 0;
	for (i = 0; i < len; i++) {
		a = (unsigned char)f[start + i];
		b = (unsigned char)want[i];
		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (unsigned char)(b - 'A' + 'a');
		if (a != b)
			return 0;
	}
	return 1;
}

long
xf_col_index(const struct xf_row *hdr, const char *header)
{
	size_t i;

	for (i = 0; i < hdr->nfield; i++)
		if (same_header(hdr->field[i], hdr->len[i], header))
			return (long)i;
	return -1;
}

long
xf_col_find(const struct xf_row *hdr, const char *name,
    const struct xf_colmap *map)
{
	const char *const *a;
	size_t i;
	long k;

	if (map != NULL)
		for (i = 0; i < map->n; i++)
			if (strcmp(map->name[i], name) == 0)
				return xf_col_index(hdr, map->header[i]);
	if ((k = xf_col_index(hdr, name)) != -1)
		return k;
	for (a = xf_col_aliases(name); *a != NULL; a++)
		if ((k = xf_col_index(hdr, *a)) != -1)
			return k;
	return -1;
}

long
xf_col_need(const struct xf_row *hdr, const char *name,
    const struct xf_colmap *map, const char *file)
{
	char buf[1024];
	const char *const *a;
	size_t i, n = 0;
	long k;

	if ((k = xf_col_find(hdr, name, map)) != -1)
		return k;
	buf[0] = '\0';
	for (i = 0; i < hdr->nfield && n < sizeof(buf) - 8; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s'%s'",
		    i > 0 ? ", " : "", hdr->field[i]);
	if (n >= sizeof(buf) - 8)
		snprintf(buf + sizeof(buf) - 8, 8, ", ...");
	a = xf_col_aliases(name);
	if (map != NULL)
		for (i = 0; i < map->n; i++)
			if (strcmp(map->name[i], name) == 0) {
				xf_warnat(file, 1, "no column '%s' (asked for "
				    "with --col %s=%s); columns are: %s",
				    map->header[i], name, map->header[i], buf);
				return -1;
			}
	if (*a == NULL)
		xf_warnat(file, 1, "no column '%s'; columns are: %s", name,
		    buf);
	else
		xf_warnat(file, 1, "no column '%s' or any of its aliases "
		    "(%s, ...); columns are: %s", name, a[0], buf);
	return -1;
}

struct xf_header {
	struct xf_row	 row;
};

struct xf_header *
xf_header_save(const struct xf_row *src)
{
	struct xf_header *h;
	size_t i;

	h = xf_calloc(1, sizeof(*h));
	h->row.nfield = src->nfield;
	h->row.line = src->line;
	h->row.field = xf_reallocarray(NULL, src->nfield, sizeof(char *));
	h->row.len = xf_reallocarray(NULL, src->nfield, sizeof(size_t));
	for (i = 0; i < src->nfield; i++) {
		h->row.field[i] = xf_memdup(src->field[i], src->len[i]);
		h->row.len[i] = src->len[i];
	}
	return h;
}

const struct xf_row *
xf_header_row(const struct xf_header *h)
{
	return &h->row;
}

int
xf_header_same(const struct xf_header *h, const struct xf_row *row)
{
	size_t i;

	if (row->nfield != h->row.nfield)
		return 0;
	for (i = 0; i < row->nfield; i++)
		if (row->len[i] != h->row.len[i] ||
		    memcmp(row->field[i], h->row.field[i], row->len[i]) != 0)
			return 0;
	return 1;
}

void
xf_header_free(struct xf_header *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->row.nfield; i++)
		free(h->row.field[i]);
	free(h->row.field);
	free(h->row.len);
	free(h);
}
