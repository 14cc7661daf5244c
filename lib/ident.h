/* SPDX-License-Identifier: ISC */

/*
 * Identity data in petition records: resident identity card numbers
 * (GB 11643-1999) and mainland China telephone numbers.  Each check says
 * whether a value is usable and gives its canonical form, which the
 * tools use as a person key (xf-repeat) and write back when normalising
 * (xf-validate).
 *
 * Full-width forms (U+FF01..U+FF5E, as a Chinese input method types
 * them) are read as their ASCII twins, so "１３８４３３３１２３４" is a
 * mobile number.  Leading and trailing blanks are the caller's business
 * (xf_utf8_trim()): an ID number with a blank in it is malformed; a
 * phone number may hold spaces anyway.  The module is pure: it never
 * prints, never exits, never allocates and keeps no state.
 */

#ifndef XF_IDENT_H
#define XF_IDENT_H

#include <stddef.h>

/*
 * Outcome of xf_id_check(), best first.  Up to XF_ID_OK15 the number is
 * valid; XF_ID_BADCHECK is a warning (the number is well formed and may
 * well be right apart from a typing slip); from XF_ID_BADDATE on it is
 * unusable.
 */
enum xf_id_status {
	XF_ID_OK18,		/* valid 18-character number, as written */
	XF_ID_OK18_NORM,	/* valid, but written with a lower-case x or
				   full-width characters: out18 is the
				   canonical spelling to write back */
	XF_ID_OK15,		/* valid 15-digit number of the old form */
	XF_ID_BADCHECK,		/* date fine, check character wrong */
	XF_ID_BADDATE,		/* no such birth date */
	XF_ID_BADFORMAT,	/* not 18 or 15 characters, or a non-digit
				   where a digit belongs */
	XF_ID_EMPTY		/* nothing at all (n is 0) */
};

/* Size of the buffer xf_id_check() fills: 18 characters and a NUL. */
#define XF_ID_KEYSZ	19

/* What an 18-character number says about its holder. */
struct xf_id_info {
	int	year;		/* of birth, e.g. 1965 */
	int	month;		/* 1..12 */
	int	day;		/* 1..31 */
	int	male;		/* 1 if the sequence number is odd, else 0 */
};

/*
 * Check the n bytes at s as a resident identity card number.
 *
 * 18 characters: a 6-digit region code, the birth date as YYYYMMDD, a
 * 3-digit sequence number (odd for men) and a check character, '0'-'9'
 * or 'X' (a lower-case 'x' is accepted and reported as
 * XF_ID_OK18_NORM).  The check character is the sum of the first 17
 * digits weighted 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, modulo 11, mapped
 * through "10X98765432".  15 characters (cards issued up to 1999): the
 * region code, the birth date as YYMMDD in the 1900s, the sequence
 * number, and no check character.
 *
 * The birth date must exist in the Gregorian calendar (19990229 does
 * not) and, for 18-character numbers, lie in 1800 or later; it is not
 * compared with today's date.  The region code is not looked up.
 * Precedence: XF_ID_EMPTY, XF_ID_BADFORMAT, XF_ID_BADDATE, then
 * XF_ID_BADCHECK.
 *
 * If out18 is not NULL it receives a NUL-terminated string: for valid
 * numbers the canonical 18-character form (digits, upper-case 'X'; a
 * 15-digit number gets "19" before its year and a computed check
 * character); for XF_ID_BADCHECK the number as given with an upper-case
 * 'X'; otherwise the empty string.
 */
enum xf_id_status xf_id_check(const char *s, size_t n, char out18[XF_ID_KEYSZ]);

/*
 * A static English description of status (lower case, no full stop, no
 * value in it: the caller quotes the value), e.g. "wrong check
 * character".  Never NULL, even for a value outside the enum.
 */
const char *xf_id_strerror(enum xf_id_status status);

/*
 * The check character ('0'..'9' or 'X') of the 17 digits at d17, or -1
 * if any of them is not an ASCII digit.  For making test data.
 */
int	 xf_id_checkchar(const char *d17);

/*
 * Fill *info from an 18-character number in canonical form (out18 of
 * xf_id_check(): 17 ASCII digits then anything).  Returns 0, or -1 if
 * the first 17 characters are not digits or the birth date does not
 * exist (*info untouched).  The check character is not examined, so a
 * number with status XF_ID_BADCHECK still yields its date and sex.
 */
int	 xf_id_info(const char *id18, struct xf_id_info *info);

/*
 * Outcome of xf_phone_check().
 */
enum xf_phone_kind {
	XF_PHONE_EMPTY,		/* nothing but blanks */
	XF_PHONE_MOBILE,	/* mainland mobile number */
	XF_PHONE_LANDLINE,	/* fixed line, with or without area code */
	XF_PHONE_ODD		/* something else: a warning */
};

/*
 * Size of a norm buffer that always holds the canonical form of a
 * mobile or landline number: "0433-27609550-123456" and a NUL.
 */
#define XF_PHONE_NORMSZ	24

/*
 * Classify the n bytes at s as a telephone number and, if norm is not
 * NULL and normsz is not 0, write its canonical form there,
 * NUL-terminated and cut to fit normsz.
 *
 * Spaces, tabs, U+3000, dashes and parentheses may separate groups of
 * digits anywhere ("138 4333 1234", "(0433)2760955").
 *
 * XF_PHONE_MOBILE: 11 digits starting 13 to 19, optionally after
 * "+86", "0086" or "86".  norm: the 11 digits, "13843331234".
 *
 * XF_PHONE_LANDLINE: an area code, then a local number of 7 or 8 digits
 * that does not start with 0 or 1, then an optional extension of 1 to 6
 * digits after "-" or "转".  The area code is 0 and two digits when the
 * digit after the 0 is 1 or 2 (010 Beijing, 020..029), otherwise 0 and
 * three digits (0433 延吉); so "04332760955" needs no separator.  After
 * "+86" or "0086" the trunk 0 may be left out ("+86 433 2760955").  If
 * the local number itself is split ("010-1234-5678") the parts are
 * joined; a last group that is not needed for 7 or 8 digits is the
 * extension ("0433-2760955-8").  norm: "0433-2760955", "0433-2760955-8".
 * A bare 7- or 8-digit local number is a landline without area code,
 * since a registration clerk writes local numbers that way; norm is the
 * digits, with no '-' before them ("2760955"), and a caller that needs
 * a full key prefixes its own area code.
 *
 * XF_PHONE_ODD: anything else that is not blank: service numbers (110,
 * 12345, 95588, 400 and 800 numbers), too few or too many digits,
 * letters or other characters, two numbers in one field, foreign
 * numbers, a mobile number with an extension.  norm: the digits of s in
 * order (cut to fit), which may still serve as a rough key.
 *
 * XF_PHONE_EMPTY: n is 0 or s holds only spaces, tabs and U+3000.  norm
 * is the empty string.
 */
enum xf_phone_kind xf_phone_check(const char *s, size_t n, char *norm,
	    size_t normsz);

#endif /* XF_IDENT_H */
