/* SPDX-License-Identifier: ISC */

/*
 * The identity of a petitioner and its person key.  See person.h.
 */

#include <stdint.h>
#include <string.h>

#include "ident.h"
#include "person.h"
#include "pseudo.h"
#include "utf8.h"

/* Names that name no one (compared after trimming and folding). */
static const char *const nobody[] = {
	"匿名", "无", "不详", "未知", "无名", "无名氏", "佚名", "保密", "某某",
	"市民", "群众", "网友", "来访人", "来电人", "信访人", "反映人",
	"null", "none", "unknown", "anonymous", NULL
};

/* Forms of address that, after a surname, make a name that is none. */
static const char *const address[] = {
	"先生", "女士", "小姐", "师傅", "大爷", "阿姨", "老师", "同志", "大姐",
	"大哥", "大妈", "大娘", NULL
};

static size_t	trim(const char *, size_t, const char **);
static size_t	blank_len(const unsigned char *, size_t, size_t);
static size_t	sep_len(const unsigned char *, size_t, size_t);
static size_t	cut(const char *, size_t, size_t);
static int	caseeq(const char *, const char *, size_t);

/* Whether the n bytes at a and b are equal, ASCII letters in any case. */
static int
caseeq(const char *a, const char *b, size_t n)
{
	unsigned char x, y;
	size_t i;

	for (i = 0; i < n; i++) {
		x = (unsigned char)a[i];
		y = (unsigned char)b[i];
		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return 0;
	}
	return 1;
}

/* The length of a blank at s[k], or 0 (see xf_utf8_trim's blanks). */
static size_t
blank_len(const unsigned char *p, size_t n, size_t k)
{
	if (p[k] == ' ' || (p[k] >= '\t' && p[k] <= '\r'))
		return 1;
	if (k + 1 < n && p[k] == 0xC2 && p[k + 1] == 0xA0)
		return 2;
	if (k + 2 < n && ((p[k] == 0xE3 && p[k + 1] == 0x80 &&
	    p[k + 2] == 0x80) || (p[k] == 0xEF && p[k + 1] == 0xBB &&
	    p[k + 2] == 0xBF)))
		return 3;
	return 0;
}

/* The length of a separator between names at s[k] (a blank too), or 0. */
static size_t
sep_len(const unsigned char *p, size_t n, size_t k)
{
	size_t len;

	if ((len = blank_len(p, n, k)) != 0)
		return len;
	if (p[k] == ',' || p[k] == ';' || p[k] == '/' || p[k] == '|')
		return 1;
	if (k + 2 < n && p[k] == 0xE3 && p[k + 1] == 0x80 && p[k + 2] == 0x81)
		return 3;		/* 、 */
	if (k + 2 < n && p[k] == 0xEF && p[k + 1] == 0xBC &&
	    (p[k + 2] == 0x8C || p[k + 2] == 0x9B || p[k + 2] == 0x8F))
		return 3;		/* ， ； ／ */
	return 0;
}

/* The n bytes at s without blanks around them: *start and the length. */
static size_t
trim(const char *s, size_t n, const char **start)
{
	size_t off, len;

	xf_utf8_trim(s, n, &off, &len);
	*start = s + off;
	return len;
}

/*
 * How many of the n bytes at s fit in max bytes without cutting a UTF-8
 * sequence in two.
 */
static size_t
cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

int
xf_person_is_pseudonym(const char *s, size_t n)
{
	const char *t;
	size_t i;

	n = trim(s, n, &t);
	if (n != XF_PSEUDO_STRSZ - 1 || t[0] != 'p' || t[1] != '_')
		return 0;
	for (i = 2; i < n; i++)
		if (!((t[i] >= '0' && t[i] <= '9') ||
		    (t[i] >= 'a' && t[i] <= 'f')))
			return 0;
	return 1;
}

int
xf_person_name_usable(const char *s, size_t n)
{
	size_t i, k, chars, alen;
	int punct;

	if (n == 0)
		return 0;
	for (i = 0; nobody[i] != NULL; i++) {
		k = strlen(nobody[i]);
		if (k == n && caseeq(s, nobody[i], n))
			return 0;
	}
	/* 某 is E6 9F 90. */
	for (i = 0; i + 2 < n; i++)
		if ((unsigned char)s[i] == 0xE6 &&
		    (unsigned char)s[i + 1] == 0x9F &&
		    (unsigned char)s[i + 2] == 0x90)
			return 0;
	for (i = 0; address[i] != NULL; i++) {
		alen = strlen(address[i]);
		if (alen > n || memcmp(s + n - alen, address[i], alen) != 0)
			continue;
		chars = xf_utf8_len(s, n - alen);
		if (chars <= 2)
			return 0;
	}
	for (punct = 1, i = 0; i < n && punct; i++) {
		unsigned char c = (unsigned char)s[i];

		punct = c < 0x80 && !((c >= '0' && c <= '9') ||
		    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'));
	}
	if (punct)
		return 0;
	if (n == 1)
		return 0;	/* one ASCII character: an initial at most */
	return 1;
}

/*
 * The first name of the field, trimmed and folded, into p->value;
 * returns its length (0 if the field holds no name).
 */
static size_t
first_name(const char *s, size_t n, char *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k = 0, start, len;

	while (k < n && (len = sep_len(u, n, k)) != 0)
		k += len;
	start = k;
	while (k < n && sep_len(u, n, k) == 0)
		k++;
	len = cut(s + start, k - start, XF_PERSON_VALUESZ - 1);
	len = xf_utf8_halfwidth_alnum(s + start, len, out);
	out[len] = '\0';
	return len;
}

/* A pseudonym from the input, trimmed, into p->value. */
static void
take_pseudonym(struct xf_person *p, enum xf_person_basis basis,
    const char *s, size_t n)
{
	const char *t;

	n = trim(s, n, &t);
	memcpy(p->value, t, n);
	p->value[n] = '\0';
	p->len = n;
	p->pseudonym = 1;
	p->basis = basis;
}

enum xf_person_basis
xf_person_identify(const char *id, size_t idn, const char *phone,
    size_t phonen, const char *name, size_t namen, const char *district,
    size_t districtn, struct xf_person *p)
{
	char id18[XF_ID_KEYSZ];
	const char *t;
	enum xf_id_status st;
	enum xf_phone_kind kind;
	size_t n;

	memset(p, 0, sizeof(*p));
	if (id != NULL && (n = trim(id, idn, &t)) > 0) {
		if (xf_person_is_pseudonym(t, n)) {
			take_pseudonym(p, XF_PERSON_ID, t, n);
			return p->basis;
		}
		st = xf_id_check(t, n, id18);
		if (st <= XF_ID_BADCHECK) {
			p->basis = st == XF_ID_BADCHECK ?
			    XF_PERSON_ID_BADCHECK : XF_PERSON_ID;
			p->len = strlen(id18);
			memcpy(p->value, id18, p->len + 1);
			return p->basis;
		}
	}
	if (phone != NULL && (n = trim(phone, phonen, &t)) > 0) {
		if (xf_person_is_pseudonym(t, n)) {
			take_pseudonym(p, XF_PERSON_PHONE, t, n);
			return p->basis;
		}
		kind = xf_phone_check(t, n, p->value, sizeof(p->value));
		if (kind == XF_PHONE_MOBILE || kind == XF_PHONE_LANDLINE) {
			p->basis = XF_PERSON_PHONE;
			p->len = strlen(p->value);
			return p->basis;
		}
		p->value[0] = '\0';
	}
	if (name != NULL && namen > 0) {
		if (xf_person_is_pseudonym(name, namen))
			take_pseudonym(p, XF_PERSON_NAME, name, namen);
		else {
			p->len = first_name(name, namen, p->value);
			if (!xf_person_name_usable(p->value, p->len)) {
				memset(p, 0, sizeof(*p));
				return XF_PERSON_NONE;
			}
			p->basis = XF_PERSON_NAME;
		}
		if (district != NULL) {
			n = trim(district, districtn, &t);
			n = cut(t, n, XF_PERSON_VALUESZ - 1);
			memcpy(p->district, t, n);
			p->district[n] = '\0';
			p->dlen = n;
		}
		return p->basis;
	}
	return XF_PERSON_NONE;
}

void
xf_person_key(const struct xf_pseudo *ps, const struct xf_person *p,
    char out[XF_PSEUDO_STRSZ])
{
	char msg[XF_PSEUDO_STRSZ + XF_PERSON_VALUESZ];
	char tok[XF_PSEUDO_STRSZ];

	switch (p->basis) {
	case XF_PERSON_ID:
	case XF_PERSON_ID_BADCHECK:
		if (p->pseudonym)
			memcpy(out, p->value, XF_PSEUDO_STRSZ);
		else
			xf_pseudo_make(ps, "id", p->value, p->len, out);
		return;
	case XF_PERSON_PHONE:
		if (p->pseudonym)
			memcpy(out, p->value, XF_PSEUDO_STRSZ);
		else
			xf_pseudo_make(ps, "phone", p->value, p->len, out);
		return;
	case XF_PERSON_NAME:
		if (p->pseudonym)
			memcpy(tok, p->value, XF_PSEUDO_STRSZ);
		else
			xf_pseudo_make(ps, "name", p->value, p->len, tok);
		/* The name's pseudonym, NUL, the district. */
		memcpy(msg, tok, XF_PSEUDO_STRSZ);
		memcpy(msg + XF_PSEUDO_STRSZ, p->district, p->dlen);
		xf_pseudo_make(ps, "name_district", msg,
		    XF_PSEUDO_STRSZ + p->dlen, out);
		return;
	default:
		out[0] = '\0';
		return;
	}
}

const char *
xf_person_basis_name(enum xf_person_basis b)
{
	switch (b) {
	case XF_PERSON_ID:
		return "id";
	case XF_PERSON_ID_BADCHECK:
		return "id_badcheck";
	case XF_PERSON_PHONE:
		return "phone";
	case XF_PERSON_NAME:
		return "name";
	default:
		return "";
	}
}
