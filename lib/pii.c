/* SPDX-License-Identifier: ISC */

/*
 * Personal data in free text and in columns: detection, canonical values
 * and masks.  See pii.h.
 *
 * The scanner reads the text one character at a time through fold(),
 * which turns full-width forms into ASCII and the various dashes into
 * '-', and keeps byte offsets into the original text, so that a match can
 * be masked in place whatever the writer typed.  A "run" is a stretch of
 * digit groups with short separators between them; candidates are the
 * runs of consecutive groups, validated with lib/ident.c.
 */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ident.h"
#include "pii.h"
#include "utf8.h"

/* What fold() returns for a character that is none of the ASCII ones. */
#define CH_OTHER	(-1)

#define MAXGROUPS	16	/* groups of digits in one run */
#define MAXCAND		21	/* digits in one candidate (+86 and 11,
				   19 for a card, 18 for an ID) */
#define GROUPDIG	24	/* digits kept of one group */
#define CUEWINDOW	8	/* characters searched for a phone cue */

/* One group of digits in a run. */
struct group {
	size_t	 start, end;	/* bytes: the first digit, after the last */
	size_t	 nd;		/* digits (and a final X) */
	char	 d[GROUPDIG];	/* the first GROUPDIG of them, ASCII */
	int	 x;		/* ends with X */
};

/* A run of groups. */
struct run {
	struct group g[MAXGROUPS];
	size_t	 ng;
	size_t	 start;		/* where the run starts ('+', '(' or digit) */
	size_t	 end;		/* after the last group */
	int	 plus;		/* a '+' before the first group */
};

/* Words after which a bare local number is taken for a phone number. */
static const char *const cues[] = {
	"电话", "手机", "座机", "固话", "联系", "号码", "致电", "拨打",
	"tel", "Tel", "TEL", "phone", "Phone", "PHONE", NULL
};

/* Compound surnames: a partial mask keeps both characters. */
static const char *const compound[] = {
	"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙",
	"慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离",
	"闾丘", "端木", "南宫", "西门", "百里", "呼延", "独孤", "澹台",
	"公冶", "太史", "申屠", "仲孙", "单于", "赫连", "淳于", "濮阳",
	"万俟", "司空", "东郭", "羊舌", "微生", "左丘", "梁丘", "拓跋",
	"公羊", "公西", "漆雕", "乐正", "壤驷", "公良", "宰父", "谷梁",
	"段干", "巫马", "亓官", "司寇", "颛孙", "鲜于", "闻人", "太叔",
	"夹谷", "宗政", "第五", "呼衍", "欧陽", "司馬", "諸葛", "東方",
	"長孫", "夏侯", "軒轅", "令狐", "鍾離", "閭丘", "南宮", "獨孤",
	NULL
};

static int	fold(const unsigned char *, size_t, size_t *);
static int	isdig(int);
static int	islocal(int);
static int	isdomain(int);
static int	isletter(int);
static int	issep(int);
static size_t	read_run(const unsigned char *, size_t, size_t, struct run *);
static int	cue_before(const char *, size_t);
static int	classify(const char *, const struct run *, size_t, size_t,
		    const struct xf_pii_opt *, struct xf_pii_match *);
static int	try_email(const unsigned char *, size_t, size_t,
		    struct xf_pii_match *);
static int	landline_mask(const char *, size_t, struct xf_pii_match *);
static int	is_value_char(enum xf_pii_kind, int, uint32_t);
static size_t	charlen(const unsigned char *, size_t, size_t);
static size_t	digits_of(const char *, size_t, char *, size_t);
static int	number(const char *, const struct run *, size_t, size_t,
		    xf_pii_fn, void *);
static int	isblankchar(const unsigned char *, size_t, size_t, size_t *);
static int	isnamesep(const unsigned char *, size_t, size_t, size_t *);

/*
 * Read the character at p[*i] (n bytes in all) and advance *i past it.
 * ASCII comes back as it is; a full-width form U+FF01..U+FF5E as its
 * ASCII twin; U+3000 as ' '; the dashes U+2010..U+2015 and U+2212 as
 * '-'; anything else as CH_OTHER (a whole well-formed character, or one
 * byte of an ill-formed one).
 */
static int
fold(const unsigned char *p, size_t n, size_t *i)
{
	size_t k = *i;
	unsigned int c = p[k], cp;

	if (c < 0x80) {
		*i = k + 1;
		return (int)c;
	}
	*i = k + charlen(p, n, k);
	if (*i - k != 3)
		return CH_OTHER;
	if (c == 0xEF && (p[k + 1] == 0xBC || p[k + 1] == 0xBD)) {
		cp = 0xF000 | ((p[k + 1] & 0x3Fu) << 6) | (p[k + 2] & 0x3Fu);
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			return (int)(cp - 0xFEE0);
	} else if (c == 0xE3 && p[k + 1] == 0x80 && p[k + 2] == 0x80)
		return ' ';
	else if (c == 0xE2 && p[k + 1] == 0x80 && p[k + 2] >= 0x90 &&
	    p[k + 2] <= 0x95)
		return '-';
	else if (c == 0xE2 && p[k + 1] == 0x88 && p[k + 2] == 0x92)
		return '-';
	return CH_OTHER;
}

/*
 * The length of the character at p[k]: that of a well-formed UTF-8
 * sequence, else 1.
 */
static size_t
charlen(const unsigned char *p, size_t n, size_t k)
{
	int r;

	if (p[k] < 0x80)
		return 1;
	r = xf_utf8_decode((const char *)p + k, n - k, NULL);
	return r > 0 ? (size_t)r : 1;
}

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

static int
isletter(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A character of the local part of an e-mail address. */
static int
islocal(int c)
{
	return isdig(c) || isletter(c) || c == '.' || c == '_' || c == '%' ||
	    c == '+' || c == '-';
}

static int
isdomain(int c)
{
	return isdig(c) || isletter(c) || c == '-' || c == '.';
}

/* A separator between the groups of a number. */
static int
issep(int c)
{
	return c == ' ' || c == '-' || c == '(' || c == ')';
}

/*
 * Read the run that starts at byte i into *r.  Returns the number of
 * groups (0 if no digit follows what looked like a start); r->end is
 * where scanning goes on.
 */
static size_t
read_run(const unsigned char *p, size_t n, size_t i, struct run *r)
{
	struct group *g;
	size_t k = i, after, nsep;
	int c, c2;

	r->ng = 0;
	r->plus = 0;
	r->start = i;

	/* What may come before the first digit: "(", "+" or "(+". */
	c = fold(p, n, &k);
	r->end = k;		/* if nothing follows, go on after it */
	if (c == '(' && k < n) {
		after = k;
		if (fold(p, n, &after) == '+') {
			r->plus = 1;
			k = after;
		}
	} else if (c == '+')
		r->plus = 1;
	else
		k = i;
	after = k;
	if (k >= n || !isdig(fold(p, n, &after)))
		return 0;

	for (;;) {
		g = &r->g[r->ng++];
		g->start = k;
		g->nd = 0;
		g->x = 0;
		for (;;) {
			after = k;
			if (k >= n || !isdig(c = fold(p, n, &after)))
				break;
			if (g->nd < GROUPDIG)
				g->d[g->nd] = (char)c;
			g->nd++;
			k = after;
		}
		g->end = r->end = k;
		/* A final X, not followed by a letter or digit, ends it. */
		if (k < n) {
			after = k;
			c = fold(p, n, &after);
			c2 = CH_OTHER;
			if (after < n) {
				size_t a2 = after;

				c2 = fold(p, n, &a2);
			}
			if ((c == 'X' || c == 'x') && !isdig(c2) &&
			    !isletter(c2)) {
				if (g->nd < GROUPDIG)
					g->d[g->nd] = 'X';
				g->nd++;
				g->x = 1;
				g->end = r->end = after;
				return r->ng;
			}
		}
		if (r->ng == MAXGROUPS)
			return r->ng;
		/* One to three separators, then a digit: another group. */
		nsep = 0;
		for (;;) {
			if (k >= n)
				return r->ng;
			after = k;
			c = fold(p, n, &after);
			if (!issep(c))
				break;
			if (++nsep > 3)
				return r->ng;
			k = after;
		}
		if (nsep == 0 || !isdig(c))
			return r->ng;
	}
}

/* Whether a phone cue ends within CUEWINDOW characters before byte at. */
static int
cue_before(const char *s, size_t at)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = at, k, len;
	int chars = 0;
	const char *const *c;

	while (w > 0 && chars < CUEWINDOW) {
		w--;
		while (w > 0 && (p[w] & 0xC0) == 0x80)
			w--;
		chars++;
	}
	for (c = cues; *c != NULL; c++) {
		len = strlen(*c);
		for (k = w; k + len <= at; k++)
			if (memcmp(s + k, *c, len) == 0)
				return 1;
	}
	return 0;
}

/*
 * The mask range of a landline number whose canonical form is norm and
 * whose digits in the text number nd: keep the area code and the last
 * three digits of the local number; digits of an extension (after the
 * local number) are kept too.  Returns -1 if norm does not parse.
 */
static int
landline_mask(const char *norm, size_t nd, struct xf_pii_match *m)
{
	const char *local = norm, *dash;
	size_t llen, elen = 0;

	if (norm[0] == '0') {
		if ((local = strchr(norm, '-')) == NULL)
			return -1;
		local++;
	}
	if ((dash = strchr(local, '-')) != NULL) {
		llen = (size_t)(dash - local);
		elen = strlen(dash + 1);
	} else
		llen = strlen(local);
	if (llen < 7 || nd < llen + elen)
		return -1;
	m->mfrom = nd - elen - llen;
	m->mto = nd - elen - 3;
	return 0;
}

/*
 * Whether groups a..b of run r form a match; if so fill m (the span and
 * the mask range count from the first group's first digit, or from the
 * '+' when the run starts with one and a is 0).
 */
static int
classify(const char *s, const struct run *r, size_t a, size_t b,
    const struct xf_pii_opt *opt, struct xf_pii_match *m)
{
	char d[MAXCAND + 1], ph[2 * MAXCAND + 2], out18[XF_ID_KEYSZ];
	char norm[XF_PHONE_NORMSZ];
	size_t nd = 0, np = 0, i, k;
	enum xf_id_status st;
	enum xf_phone_kind pk;
	unsigned kinds = opt->kinds;
	int x = r->g[b].x, plus = r->plus && a == 0;

	for (i = a; i <= b; i++) {
		if (r->g[i].nd > GROUPDIG || nd + r->g[i].nd > MAXCAND)
			return 0;
		memcpy(d + nd, r->g[i].d, r->g[i].nd);
		nd += r->g[i].nd;
		if (i > a)
			ph[np++] = '-';
		memcpy(ph + np, r->g[i].d, r->g[i].nd);
		np += r->g[i].nd;
	}
	d[nd] = '\0';
	memset(m, 0, offsetof(struct xf_pii_match, canon));
	m->canon[0] = '\0';
	m->start = r->g[a].start;
	m->end = r->g[b].end;

	if ((kinds & XF_PII_BIT(XF_PII_ID)) && (nd == 18 || nd == 15)) {
		int id = 0;

		st = xf_id_check(d, nd, out18);
		if (st == XF_ID_OK18 || st == XF_ID_OK18_NORM ||
		    st == XF_ID_OK15)
			id = 1;
		else {
			if (out18[0] == '\0')
				memcpy(out18, d, nd + 1);
			for (k = 0; k < opt->nknown && !id; k++)
				if (strcmp(opt->known[k], out18) == 0 ||
				    strcmp(opt->known[k], d) == 0)
					id = 1;
			if (opt->anyid && nd == 18)
				id = 1;
		}
		if (id) {
			m->kind = XF_PII_ID;
			memcpy(m->canon, out18, strlen(out18) + 1);
			m->mfrom = 6;
			m->mto = nd == 18 ? 14 : 12;
			return 1;
		}
	}
	if (x)
		return 0;

	if (kinds & (XF_PII_BIT(XF_PII_MOBILE) | XF_PII_BIT(XF_PII_LANDLINE))) {
		char buf[2 * MAXCAND + 3];

		k = 0;
		if (plus)
			buf[k++] = '+';
		memcpy(buf + k, ph, np);
		k += np;
		pk = xf_phone_check(buf, k, norm, sizeof(norm));
		if (pk == XF_PHONE_MOBILE &&
		    (kinds & XF_PII_BIT(XF_PII_MOBILE))) {
			m->kind = XF_PII_MOBILE;
			memcpy(m->canon, norm, strlen(norm) + 1);
			m->mfrom = nd - 8;
			m->mto = nd - 4;
			if (plus)
				m->start = r->start;
			return 1;
		}
		if (pk == XF_PHONE_LANDLINE &&
		    (kinds & XF_PII_BIT(XF_PII_LANDLINE))) {
			const char *dash = strchr(norm, '-');
			int area = norm[0] == '0';

			/* No extension: only "0433-2760955" or "2760955". */
			if ((area && strchr(dash + 1, '-') != NULL) ||
			    (!area && dash != NULL))
				return 0;
			if (!area && (plus || !cue_before(s, r->start)))
				return 0;
			if (landline_mask(norm, nd, m) == -1)
				return 0;
			m->kind = XF_PII_LANDLINE;
			memcpy(m->canon, norm, strlen(norm) + 1);
			if (plus)
				m->start = r->start;
			return 1;
		}
	}

	if ((kinds & XF_PII_BIT(XF_PII_BANK)) && !plus && nd >= 16 &&
	    nd <= 19 && d[0] != '0' && xf_pii_luhn(d, nd)) {
		m->kind = XF_PII_BANK;
		memcpy(m->canon, d, nd + 1);
		m->mfrom = 6;
		m->mto = nd - 4;
		return 1;
	}
	return 0;
}

/*
 * An e-mail address starting at byte i.  Returns 1 with m filled, or 0.
 */
static int
try_email(const unsigned char *p, size_t n, size_t i, struct xf_pii_match *m)
{
	size_t k = i, after, nlocal = 0, ndom = 0, lastdot = 0, dots = 0;
	size_t domstart, domend = 0, o = 0, tld;
	int c, prev = 0, alpha;

	/* The local part, up to the @. */
	for (;;) {
		if (k >= n)
			return 0;
		after = k;
		c = fold(p, n, &after);
		if (c == '@')
			break;
		if (!islocal(c) || nlocal == 64)
			return 0;
		if (nlocal < XF_PII_CANONSZ - 1)
			m->canon[o++] = (char)(isletter(c) ? c | 0x20 : c);
		prev = c;
		nlocal++;
		k = after;
	}
	if (nlocal == 0 || m->canon[0] == '.' || prev == '.')
		return 0;
	m->canon[o++] = '@';
	k = after;
	domstart = o;

	/* The domain: letters, digits, '-' and '.'. */
	while (k < n) {
		after = k;
		c = fold(p, n, &after);
		if (!isdomain(c) || ndom == 253)
			break;
		m->canon[o++] = (char)(isletter(c) ? c | 0x20 : c);
		ndom++;
		k = after;
		if (c != '.' && c != '-')
			domend = k;
	}
	/* A dot or dash at the end belongs to the sentence. */
	if (domend == 0)
		return 0;
	while (o > domstart && (m->canon[o - 1] == '.' ||
	    m->canon[o - 1] == '-'))
		o--;
	m->canon[o] = '\0';
	if (o == domstart || m->canon[domstart] == '.' ||
	    m->canon[domstart] == '-')
		return 0;
	for (k = domstart; k < o; k++)
		if (m->canon[k] == '.') {
			if (m->canon[k - 1] == '.' || m->canon[k - 1] == '-' ||
			    m->canon[k + 1] == '-')
				return 0;
			lastdot = k;
			dots++;
		}
	if (dots == 0)
		return 0;
	tld = o - lastdot - 1;
	alpha = tld >= 2;
	for (k = lastdot + 1; k < o && alpha; k++)
		alpha = isletter(m->canon[k]);
	if (!alpha)
		return 0;
	m->kind = XF_PII_EMAIL;
	m->start = i;
	m->end = domend;
	m->mfrom = 1;
	m->mto = SIZE_MAX;
	return 1;
}

/*
 * Report groups a..b of run r as one XF_PII_NUMBER, masked whole; canon
 * is its digits.  Returns what fn returned.
 */
static int
number(const char *s, const struct run *r, size_t a, size_t b, xf_pii_fn fn,
    void *arg)
{
	struct xf_pii_match m;

	m.kind = XF_PII_NUMBER;
	m.start = r->g[a].start;
	m.end = r->g[b].end;
	m.mfrom = 0;
	m.mto = SIZE_MAX;
	digits_of(s + m.start, m.end - m.start, m.canon, sizeof(m.canon));
	return fn(arg, &m);
}

void
xf_pii_scan(const char *s, size_t n, const struct xf_pii_opt *opt,
    xf_pii_fn fn, void *arg)
{
	const unsigned char *p = (const unsigned char *)s;
	static const struct xf_pii_opt defaults;
	struct xf_pii_opt o;
	struct xf_pii_match m, best = { .kind = XF_PII_ID };
	struct run r;
	size_t i = 0, next, a, b, sd, sfrom;
	int c, prevlocal = 0, found, havestretch;

	o = opt != NULL ? *opt : defaults;
	if (o.kinds == 0)
		o.kinds = XF_PII_ALL;

	while (i < n) {
		/*
		 * Fast path: a three-byte character that starts nothing
		 * (most of Chinese text).
		 */
		if (p[i] >= 0xE4 && p[i] <= 0xEE && n - i >= 3 &&
		    (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
			i += 3;
			prevlocal = 0;
			continue;
		}
		next = i;
		c = fold(p, n, &next);

		if ((o.kinds & XF_PII_BIT(XF_PII_EMAIL)) && islocal(c) &&
		    !prevlocal && try_email(p, n, i, &m)) {
			if (fn(arg, &m) != 0)
				return;
			i = m.end;
			prevlocal = 0;
			continue;
		}
		prevlocal = islocal(c);

		if (!isdig(c) && c != '+' && c != '(') {
			i = next;
			continue;
		}
		if (read_run(p, n, i, &r) == 0) {
			i = r.end > i ? r.end : next;
			continue;
		}

		/* Matches inside the run, left to right, longest first. */
		havestretch = 0;
		sfrom = sd = 0;
		for (a = 0; a < r.ng; ) {
			found = 0;
			for (b = a; b < r.ng; b++)
				if (classify(s, &r, a, b, &o, &m)) {
					best = m;
					found = 1;
				}
			if (!found) {
				if (!havestretch) {
					havestretch = 1;
					sfrom = a;
					sd = 0;
				}
				sd += r.g[a].nd;
				a++;
				continue;
			}
			if (havestretch && o.longdigits > 0 &&
			    sd >= o.longdigits &&
			    number(s, &r, sfrom, a - 1, fn, arg) != 0)
				return;
			havestretch = 0;
			if (fn(arg, &best) != 0)
				return;
			for (a++; a < r.ng && r.g[a].start < best.end; a++)
				;
		}
		if (havestretch && o.longdigits > 0 && sd >= o.longdigits &&
		    number(s, &r, sfrom, r.ng - 1, fn, arg) != 0)
			return;
		i = r.end;
		prevlocal = 0;
	}
}

/*
 * Whether the character at p[k] is a blank (as xf_utf8_trim() sees
 * them); *len gets its length.
 */
static int
isblankchar(const unsigned char *p, size_t n, size_t k, size_t *len)
{
	*len = charlen(p, n, k);
	if (*len == 1)
		return p[k] == ' ' || (p[k] >= '\t' && p[k] <= '\r');
	if (*len == 2)
		return p[k] == 0xC2 && p[k + 1] == 0xA0;
	if (*len == 3)
		return (p[k] == 0xE3 && p[k + 1] == 0x80 && p[k + 2] == 0x80) ||
		    (p[k] == 0xEF && p[k + 1] == 0xBB && p[k + 2] == 0xBF);
	return 0;
}

/* A separator between names in a name column (or a blank). */
static int
isnamesep(const unsigned char *p, size_t n, size_t k, size_t *len)
{
	if (isblankchar(p, n, k, len))
		return 1;
	if (*len == 1)
		return strchr(",;/|", p[k]) != NULL && p[k] != '\0';
	if (*len == 3 && p[k] == 0xE3 && p[k + 1] == 0x80 && p[k + 2] == 0x81)
		return 1;		/* 、 */
	if (*len == 3 && p[k] == 0xEF && p[k + 1] == 0xBC)
		return p[k + 2] == 0x8C || p[k + 2] == 0x9B ||
		    p[k + 2] == 0x8F;	/* ， ； ／ */
	return 0;
}

/*
 * Whether code point cp (or ASCII-folded c) is a value character of a
 * span of the given kind (see struct xf_pii_match).
 */
static int
is_value_char(enum xf_pii_kind kind, int c, uint32_t cp)
{
	switch (kind) {
	case XF_PII_NAME:
		return c != ' ' && cp != 0xB7 && cp != 0x30FB &&
		    cp != 0x2022 && cp != 0xA0 && cp != 0xFEFF && c != '.' &&
		    c != '\t';
	case XF_PII_EMAIL:
		return 1;	/* before the @: the caller stops there */
	default:
		return isdig(c) || c == 'X' || c == 'x';
	}
}

size_t
xf_pii_mask_partial(const char *s, const struct xf_pii_match *m, char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k = m->start, next, o = 0, idx = 0, len;
	uint32_t cp;
	int c, value, inlocal = m->kind == XF_PII_EMAIL;

	while (k < m->end) {
		next = k;
		c = fold(p, m->end, &next);
		len = next - k;
		cp = 0;
		if (len > 1)
			xf_utf8_decode(s + k, len, &cp);
		else
			cp = p[k];
		if (inlocal && c == '@')
			inlocal = 0;
		value = m->kind == XF_PII_EMAIL ? inlocal :
		    is_value_char(m->kind, c, cp);
		if (value && idx >= m->mfrom && idx < m->mto)
			out[o++] = '*';
		else {
			memcpy(out + o, s + k, len);
			o += len;
		}
		if (value)
			idx++;
		k = next;
	}
	return o;
}

size_t
xf_pii_mask_full(const char *s, const struct xf_pii_match *m, char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k, o = 0;

	for (k = m->start; k < m->end; k += charlen(p, m->end, k))
		out[o++] = '*';
	return o;
}

int
xf_pii_luhn(const char *d, size_t n)
{
	size_t i;
	int sum = 0, v, dbl = 0;

	if (n == 0)
		return 0;
	for (i = n; i-- > 0; ) {
		if (d[i] < '0' || d[i] > '9')
			return 0;
		v = d[i] - '0';
		if (dbl && (v *= 2) > 9)
			v -= 9;
		sum += v;
		dbl = !dbl;
	}
	return sum % 10 == 0;
}

/*
 * Count the value characters (digits and X) of the n bytes at s and put
 * the first size - 1 of them, folded and upper-cased, in buf.
 */
static size_t
digits_of(const char *s, size_t n, char *buf, size_t size)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k = 0, nd = 0;
	int c;

	while (k < n) {
		c = fold(p, n, &k);
		if (isdig(c) || c == 'X' || c == 'x') {
			if (nd + 1 < size)
				buf[nd] = (char)(c == 'x' ? 'X' : c);
			nd++;
		}
	}
	buf[nd + 1 < size ? nd : size - 1] = '\0';
	return nd;
}

/* Trim s[0..n) into m->start, m->end; 0 if blank. */
static int
trimmed(const char *s, size_t n, struct xf_pii_match *m)
{
	size_t start, len;

	memset(m, 0, offsetof(struct xf_pii_match, canon));
	m->canon[0] = '\0';
	xf_utf8_trim(s, n, &start, &len);
	if (len == 0)
		return 0;
	m->start = start;
	m->end = start + len;
	return 1;
}

int
xf_pii_id_value(const char *s, size_t n, struct xf_pii_match *m)
{
	char out18[XF_ID_KEYSZ], d[XF_PII_CANONSZ];
	size_t nd, len;

	if (!trimmed(s, n, m))
		return 0;
	len = m->end - m->start;
	if ((nd = digits_of(s + m->start, len, d, sizeof(d))) == 0)
		return 0;	/* 不详, 无: nothing of a number */
	/* As xf-repeat reads the column: the value itself, checked. */
	if (xf_id_check(s + m->start, len, out18) <= XF_ID_BADCHECK) {
		m->kind = XF_PII_ID;
		memcpy(m->canon, out18, sizeof(out18));
		m->mfrom = 6;
		m->mto = nd == 18 ? 14 : 12;
		return 1;
	}
	m->kind = XF_PII_NUMBER;
	m->mfrom = 0;
	m->mto = SIZE_MAX;
	if (len >= XF_PII_CANONSZ)
		len = XF_PII_CANONSZ - 1;
	len = xf_utf8_halfwidth_alnum(s + m->start, len, m->canon);
	m->canon[len] = '\0';
	for (nd = 0; nd < len; nd++)
		if (m->canon[nd] >= 'a' && m->canon[nd] <= 'z')
			m->canon[nd] = (char)(m->canon[nd] - 'a' + 'A');
	return 1;
}

int
xf_pii_phone_value(const char *s, size_t n, struct xf_pii_match *m)
{
	char norm[XF_PHONE_NORMSZ], d[XF_PII_CANONSZ];
	size_t nd, len;
	enum xf_phone_kind pk;

	if (!trimmed(s, n, m))
		return 0;
	len = m->end - m->start;
	if ((nd = digits_of(s + m->start, len, d, sizeof(d))) == 0)
		return 0;
	pk = xf_phone_check(s + m->start, len, norm, sizeof(norm));
	if (pk == XF_PHONE_MOBILE) {
		m->kind = XF_PII_MOBILE;
		memcpy(m->canon, norm, strlen(norm) + 1);
		m->mfrom = nd - 8;
		m->mto = nd - 4;
		return 1;
	}
	if (pk == XF_PHONE_LANDLINE && landline_mask(norm, nd, m) == 0) {
		m->kind = XF_PII_LANDLINE;
		memcpy(m->canon, norm, strlen(norm) + 1);
		return 1;
	}
	m->kind = XF_PII_NUMBER;
	m->mfrom = 0;
	m->mto = SIZE_MAX;
	memcpy(m->canon, d, strlen(d) + 1);
	return 1;
}

size_t
xf_pii_surname_len(const char *s, size_t n)
{
	const char *const *c;
	size_t chars = 0, k, keep = 1, len;

	for (k = 0; k < n; k += charlen((const unsigned char *)s, n, k))
		chars++;
	for (c = compound; n >= 6 && *c != NULL; c++) {
		len = strlen(*c);
		if (s[2] == (*c)[2] && s[1] == (*c)[1] && n >= len &&
		    memcmp(s, *c, len) == 0) {
			keep = 2;
			break;
		}
	}
	if (keep >= chars)
		keep = chars > 0 ? chars - 1 : 0;
	return keep;
}

/* Fill m's canon and mask range for the name at s[start..end). */
static void
name_match(const char *s, size_t start, size_t end, struct xf_pii_match *m)
{
	size_t len = end - start;

	memset(m, 0, offsetof(struct xf_pii_match, canon));
	m->kind = XF_PII_NAME;
	m->start = start;
	m->end = end;
	m->mfrom = xf_pii_surname_len(s + start, len);
	m->mto = SIZE_MAX;
	if (len >= XF_PII_CANONSZ)
		len = XF_PII_CANONSZ - 1;
	len = xf_utf8_halfwidth_alnum(s + start, len, m->canon);
	m->canon[len] = '\0';
}

int
xf_pii_next_name(const char *s, size_t n, size_t *pos, struct xf_pii_match *m)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k = *pos, start, end, len;

	while (k < n && isnamesep(p, n, k, &len))
		k += len;
	if (k >= n) {
		*pos = n;
		return 0;
	}
	start = k;
	end = 0;
	while (k < n && !isnamesep(p, n, k, &len)) {
		/* 张三等5人, 张三(代), 张三（代）: the name ends there. */
		if (end == 0 && k > start && ((len == 3 && (memcmp(s + k,
		    "\xe7\xad\x89", 3) == 0 || memcmp(s + k,
		    "\xef\xbc\x88", 3) == 0)) || (len == 1 && p[k] == '(')))
			end = k;
		k += len;
	}
	*pos = k;
	name_match(s, start, end != 0 ? end : k, m);
	return 1;
}

int
xf_pii_find_name(const char *s, size_t n, size_t from, const char *name,
    size_t nlen, struct xf_pii_match *m)
{
	const unsigned char *p = (const unsigned char *)name;
	const char *hit;
	size_t k, chars = 0;

	for (k = 0; k < nlen && chars < 2; k += charlen(p, nlen, k))
		chars++;
	if (chars < 2 || from > n || nlen > n - from)
		return 0;
	for (k = from; k + nlen <= n; k = (size_t)(hit - s) + 1) {
		hit = memchr(s + k, name[0], n - k - nlen + 1);
		if (hit == NULL)
			return 0;
		/* Most Chinese characters share a lead byte: look further. */
		if (hit[1] == name[1] && (nlen < 3 || hit[2] == name[2]) &&
		    memcmp(hit, name, nlen) == 0) {
			name_match(s, (size_t)(hit - s),
			    (size_t)(hit - s) + nlen, m);
			return 1;
		}
	}
	return 0;
}

const char *
xf_pii_kind_name(enum xf_pii_kind kind)
{
	switch (kind) {
	case XF_PII_ID:
		return "id";
	case XF_PII_MOBILE:
		return "mobile";
	case XF_PII_LANDLINE:
		return "landline";
	case XF_PII_BANK:
		return "bank";
	case XF_PII_EMAIL:
		return "email";
	case XF_PII_NUMBER:
		return "number";
	case XF_PII_NAME:
		return "name";
	}
	return "unknown";
}
