/* SPDX-License-Identifier: ISC */

/*
 * Who filed a petition: the identity xf-repeat groups petitions by, and
 * the person key it writes for it.
 *
 * The identity rests on the first of these that is usable:
 *
 *   1. the ID number (id_number column): a valid 18-character number,
 *      or a valid 15-character one made 18 (xf_id_check()); a number
 *      whose check character is wrong still counts, as written (with an
 *      upper-case X), and is flagged (XF_PERSON_ID_BADCHECK), since it
 *      is most likely right apart from a typing slip.  A number with no
 *      such birth date, or of the wrong shape ("不详", "无", 17
 *      digits), is not usable;
 *   2. the phone number (phone column), in the canonical form of
 *      xf_phone_check() ("13843331234", "0433-2760955", a local number
 *      without area code as its digits, "2760955"); service numbers and
 *      other odd values (12345, 110, two numbers in one field) are not
 *      usable, since they name no one;
 *   3. the name (name column) together with the district (district
 *      column, which may be empty or absent): the first name when the
 *      field lists several ("张三、李四": 张三), with blanks around it
 *      removed and full-width letters and digits made ASCII.  A name
 *      that names no one is not usable: 匿名, 无, 不详, 未知, 无名,
 *      无名氏, 佚名, 保密, 某某, 市民, 群众, 网友, 来访人, 来电人,
 *      信访人, 反映人, a name holding 某 (张某, 李某某), a name that is
 *      a surname and a form of address (张先生, 王女士, 李小姐, 赵师傅,
 *      刘大爷, 孙阿姨, 周老师, 吴同志, 郑大姐, 钱大哥, 冯大妈, 陈大娘),
 *      and one made only of ASCII punctuation ("-", "/", "?").
 *
 * These canonical values are the ones xf-mask pseudonymises, so that
 * data pseudonymised by xf-mask with the same key file gives the same
 * identities: a pseudonym ("p_" and 16 lower-case hex digits, see
 * pseudo.h) found in one of the three columns stands for the value it
 * replaced, and is used as it is (pseudonym is set).
 *
 * The person key (xf_person_key()) is a pseudonym under a key file,
 * never the value itself: for an ID number the pseudonym of kind "id"
 * of its canonical form, for a phone number that of kind "phone", each
 * the very pseudonym xf-mask writes in those columns; for a name, the
 * pseudonym of kind "name_district" of the name's own pseudonym (kind
 * "name"), a NUL byte and the district as written, trimmed.
 *
 * The module never prints and never exits.
 */

#ifndef XF_PERSON_H
#define XF_PERSON_H

#include <stddef.h>

#include "pseudo.h"

/* What an identity rests on. */
enum xf_person_basis {
	XF_PERSON_NONE = 0,	/* nothing usable: no person key */
	XF_PERSON_ID,		/* a valid ID number */
	XF_PERSON_ID_BADCHECK,	/* an ID number with a wrong check
				   character, as written */
	XF_PERSON_PHONE,	/* a mobile or landline number */
	XF_PERSON_NAME		/* a name and a district */
};

/* The longest value kept, NUL included: longer names are cut. */
#define XF_PERSON_VALUESZ	256

struct xf_person {
	enum xf_person_basis basis;
	int	 pseudonym;	/* value is a pseudonym read from the input */
	char	 value[XF_PERSON_VALUESZ];	/* canonical; NUL-terminated */
	size_t	 len;
	char	 district[XF_PERSON_VALUESZ];	/* for XF_PERSON_NAME */
	size_t	 dlen;
};

/*
 * Work out the identity from the four fields (each n bytes at s; a NULL
 * s means the column is absent, as does an empty field) into *p, and
 * return p->basis.
 */
enum xf_person_basis xf_person_identify(const char *id, size_t idn,
	    const char *phone, size_t phonen, const char *name, size_t namen,
	    const char *district, size_t districtn, struct xf_person *p);

/*
 * The person key of p into out ("p_" and 16 hex digits, NUL), made with
 * the key ps (see above).  p->basis must not be XF_PERSON_NONE.
 */
void	 xf_person_key(const struct xf_pseudo *ps, const struct xf_person *p,
	    char out[XF_PSEUDO_STRSZ]);

/*
 * The name of a basis as xf-repeat writes it in key_basis: "id",
 * "id_badcheck", "phone", "name", or "" for XF_PERSON_NONE (and for a
 * value outside the enum).
 */
const char *xf_person_basis_name(enum xf_person_basis);

/*
 * 1 if the n bytes at s, trimmed of blanks, are a pseudonym as xf_pseudo
 * writes it: "p_" and 16 lower-case hex digits.  Else 0.
 */
int	 xf_person_is_pseudonym(const char *s, size_t n);

/*
 * 1 if the n bytes at s (one name, already trimmed and folded as above)
 * can identify someone, 0 for the names listed above that name no one.
 */
int	 xf_person_name_usable(const char *s, size_t n);

#endif /* XF_PERSON_H */
