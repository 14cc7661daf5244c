/* SPDX-License-Identifier: ISC */

/*
 * Personal data in petition records: finding it in free text, reading
 * it from the columns that hold it, and masking it.
 *
 * Free text is searched for resident ID numbers, mainland mobile and
 * landline numbers, bank card numbers and e-mail addresses.  Numbers are
 * found by their shape and then validated (lib/ident.h: GB 11643-1999 for
 * ID numbers, the mainland numbering plan for phones; the Luhn check for
 * cards), so that an amount of money, a date or a case number is left
 * alone.  Names are never guessed from text: the caller names them (the
 * name columns of the same record) and finds them with
 * xf_pii_find_name().
 *
 * Digits may be ASCII or full-width (０-９), and the groups of a number
 * may be split by spaces (ASCII or U+3000), dashes (- － ‐ ‑ ‒ – — ―)
 * or parentheses, up to three such characters between two groups:
 * "222401 19900101 123X", "138-1234-5678", "(0433)2760955",
 * "+86 138 1234 5678", "１３８１２３４５６７８".  A number is matched
 * only at group boundaries: digits inside a longer unbroken run of
 * digits are never a match, so a 20-digit account number is not read as
 * an ID number and a phone number followed by more digits is not found.
 *
 * A match is a span of the text plus what is needed to mask it: the
 * kind, a canonical value (the key for a pseudonym: the same person gives
 * the same value however the number was written) and the range of the
 * value's characters that a partial mask hides.
 *
 * The module is pure: it never prints, never exits, never allocates and
 * keeps no state.  Text need not be NUL-terminated and may hold NUL bytes
 * and invalid UTF-8 (such bytes are ordinary non-matching characters).
 */

#ifndef XF_PII_H
#define XF_PII_H

#include <stddef.h>

/* What a match is. */
enum xf_pii_kind {
	XF_PII_ID = 1,		/* resident ID number, 18 or 15 characters */
	XF_PII_MOBILE,		/* mainland mobile number */
	XF_PII_LANDLINE,	/* fixed line, with area code (or a bare
				   local number after a word such as 电话) */
	XF_PII_BANK,		/* 16 to 19 digits passing the Luhn check */
	XF_PII_EMAIL,		/* local@domain.tld */
	XF_PII_NUMBER,		/* digits to hide whole: a long run (see
				   longdigits), or a phone or ID column value
				   that is no valid number */
	XF_PII_NAME		/* a name, found by the caller */
};

/* The largest canonical value (an e-mail address of 64 + 1 + 253) + NUL. */
#define XF_PII_CANONSZ	320

/*
 * One match.  start and end are byte offsets in the text.  The "value
 * characters" of a span are, for the number kinds, its digits and X (ASCII
 * or full-width); for an e-mail address, the characters before the @; for
 * a name, every character except blanks and the separator dot (·).  A
 * partial mask replaces the value characters whose index (from 0) is in
 * [mfrom, mto) by '*'; everything else in the span is kept.
 */
struct xf_pii_match {
	enum xf_pii_kind kind;
	size_t		 start, end;
	size_t		 mfrom, mto;
	char		 canon[XF_PII_CANONSZ];	/* NUL-terminated */
};

/* Bits of xf_pii_opt.kinds. */
#define XF_PII_BIT(k)	(1u << (k))
#define XF_PII_ALL	(XF_PII_BIT(XF_PII_ID) | XF_PII_BIT(XF_PII_MOBILE) | \
			 XF_PII_BIT(XF_PII_LANDLINE) | \
			 XF_PII_BIT(XF_PII_BANK) | XF_PII_BIT(XF_PII_EMAIL))

struct xf_pii_opt {
	unsigned	 kinds;		/* XF_PII_BIT()s to look for; 0 means
					   XF_PII_ALL */
	int		 anyid;		/* every 18-character candidate (17
					   digits and a digit or X) is an ID
					   number, valid or not */
	size_t		 longdigits;	/* if not 0: groups of digits that
					   match nothing and hold this many
					   digits or more together are an
					   XF_PII_NUMBER */
	const char *const *known;	/* ID numbers of this record (canonical,
					   upper-case X): an 18- or 15-
					   character candidate equal to one is
					   an ID number even if it is invalid */
	size_t		 nknown;
};

/*
 * Called for each match, in text order; the matches do not overlap.
 * Return 0 to go on, anything else to stop the scan.
 */
typedef int	(*xf_pii_fn)(void *arg, const struct xf_pii_match *);

/*
 * Find personal data in the n bytes at s (see the top of this file) and
 * call fn for each match.  opt may be NULL for the defaults (everything,
 * no anyid, no longdigits, no known numbers).
 *
 * ID: a candidate of 18 characters (17 digits, then a digit or X) whose
 * check character is right, or of 15 digits whose birth date exists;
 * also any candidate equal to a known number, and with anyid every
 * 18-character candidate.  canon: the 18-character form (xf_id_check()).
 * Partial mask: keep the region code (6) and the last four (18) or last
 * three (15) characters.
 *
 * MOBILE: 11 digits starting 13 to 19, optionally after +86, 0086 or 86.
 * canon: the 11 digits.  Partial mask: keep the first three and the last
 * four of the 11 (a country code is kept too).
 *
 * LANDLINE: an area code and a local number of 7 or 8 digits
 * ("0433-2760955", "+86 433 2760955").  A local number without an area
 * code is taken only when 电话, 手机, 座机, 固话, 联系, 号码, 致电, 拨打,
 * tel, Tel, TEL, phone, Phone or PHONE stands wholly within the 8
 * characters before it, since a bare 8-digit number is as often a date.  An extension is not part of
 * the match.  canon: "0433-2760955" or "2760955".  Partial mask: keep the
 * area code and the last three digits.
 *
 * BANK: 16 to 19 digits, not starting with 0, passing the Luhn check,
 * that are no ID number.  canon: the digits.  Partial mask: keep the
 * first six and the last four.
 *
 * EMAIL: ASCII (or full-width) local part of letters, digits and ._%+-,
 * not starting or ending with a dot, at most 64 characters; @ or ＠; a
 * domain of labels of letters, digits and -, at least two labels, the
 * last all letters and at least two long, at most 253 characters in all.
 * canon: the address in lower case.  Partial mask: keep the first
 * character of the local part and the domain.
 *
 * NUMBER (only with longdigits): groups that match nothing, next to
 * each other in one run, with longdigits digits or more together.
 * canon: the digits.  Masked whole.
 *
 * Among candidates that start at the same group, the one spanning the
 * most groups wins; for the same groups, ID before phone before card.
 */
void	 xf_pii_scan(const char *s, size_t n, const struct xf_pii_opt *opt,
	    xf_pii_fn fn, void *arg);

/*
 * The value of an ID number column, n bytes at s.  Returns 0 if it
 * holds no digit and no X (blank, 不详, 无: nothing to hide, and no
 * pseudonym that would join everyone who gave none), else 1 with m
 * filled: m->start and m->end trimmed of blanks (xf_utf8_trim());
 * XF_PII_ID if xf_id_check() of the trimmed value says it is valid or
 * has only a wrong check character (lib/person.h reads the column the
 * same way), with canon its 18-character form; otherwise XF_PII_NUMBER
 * (an impossible date, a wrong length, blanks inside) with canon the
 * trimmed value, full-width letters and digits folded and letters
 * upper-cased, every digit and X masked.  A malformed number is still
 * masked: a column holds what it holds.
 */
int	 xf_pii_id_value(const char *s, size_t n, struct xf_pii_match *m);

/*
 * The value of a phone column: as xf_pii_id_value (0 when it holds no
 * digit), with the kinds of xf_phone_check(): XF_PII_MOBILE or
 * XF_PII_LANDLINE (canon its norm; an extension is kept and not masked),
 * else XF_PII_NUMBER (service numbers, two numbers in one field, foreign
 * numbers) with every digit masked and canon the digits.
 */
int	 xf_pii_phone_value(const char *s, size_t n, struct xf_pii_match *m);

/*
 * The next name in a name column: the n bytes at s may list several
 * people ("张三、李四", "张三,李四", "张三 李四") separated by 、，,；;
 * /／| or blanks.  A name ends before 等, ( or （ that is not its first
 * character, so "张三等5人" and "张三（代）" give 张三 (the rest of the
 * item is no name and is not part of the match).  *pos is where to start
 * (0 the first time) and is advanced past the item.  Returns 1 with m
 * filled (XF_PII_NAME; canon the name with full-width letters and digits
 * folded; mfrom the length of the surname, see xf_pii_surname_len), or 0
 * when there are no more.
 */
int	 xf_pii_next_name(const char *s, size_t n, size_t *pos,
	    struct xf_pii_match *m);

/*
 * How many characters of the name at s (n bytes, trimmed) a partial mask
 * keeps: its surname, two characters for a compound surname (欧阳,
 * 司马, 诸葛, ... 80 of them) and one otherwise, but always at least one
 * character fewer than the name has (a name of one character is masked
 * whole).
 */
size_t	 xf_pii_surname_len(const char *s, size_t n);

/*
 * Find the name (nlen bytes) in the n bytes of text at s, from byte from
 * on.  Returns 1 and fills m (the span, XF_PII_NAME, mfrom from
 * xf_pii_surname_len, canon the name as for xf_pii_next_name) for the
 * first occurrence, or 0.  A name of fewer than two characters is never
 * found: one character would hit every word it is part of.
 */
int	 xf_pii_find_name(const char *s, size_t n, size_t from,
	    const char *name, size_t nlen, struct xf_pii_match *m);

/*
 * Write the span of m (bytes s[m->start .. m->end)) to out with a
 * partial mask (see struct xf_pii_match) and return the length written,
 * which is at most m->end - m->start (each masked character becomes one
 * '*').  out must have room for that many bytes; it is not
 * NUL-terminated.
 */
size_t	 xf_pii_mask_partial(const char *s, const struct xf_pii_match *m,
	    char *out);

/*
 * As xf_pii_mask_partial, but every character of the span (each byte of
 * an ill-formed sequence counting as one) becomes '*'.
 */
size_t	 xf_pii_mask_full(const char *s, const struct xf_pii_match *m,
	    char *out);

/* 1 if the n ASCII digits at d pass the Luhn check, else 0 (also for a
 * non-digit or n = 0). */
int	 xf_pii_luhn(const char *d, size_t n);

/* A static English name for kind: "id", "mobile", "landline", "bank",
 * "email", "number", "name"; "unknown" otherwise. */
const char *xf_pii_kind_name(enum xf_pii_kind kind);

#endif /* XF_PII_H */
