/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for identity numbers and telephone numbers
 * (lib/ident.h) and the UTF-8 helpers (lib/utf8.h).  The whole input is
 * checked as an ID number, as a phone number (with norm buffers of every
 * small size, allocated to the byte so that ASan sees an overrun) and
 * run through validation, decoding, counting, half-width folding and
 * trimming.  Canonical forms must check again as valid; folding never
 * grows the text, works the same in place and is idempotent; trimming
 * stays in bounds and leaves no blank at either end.  Any broken promise
 * aborts.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ident.h"
#include "utf8.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	 fail(const char *);
static int	 isdig(int);
static void	 check_id(const char *, size_t);
static void	 check_phone(const char *, size_t);
static int	 blank_at_start(const char *, size_t);
static int	 blank_at_end(const char *, size_t);
static void	 check_utf8(const char *, size_t);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_ident: %s\n", what);
	abort();
}

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

static void
check_id(const char *s, size_t n)
{
	struct xf_id_info info;
	char out[XF_ID_KEYSZ], again[XF_ID_KEYSZ];
	enum xf_id_status st, st2;
	size_t i;
	int ok;

	memset(out, 'Z', sizeof(out));
	st = xf_id_check(s, n, out);
	if (st < XF_ID_OK18 || st > XF_ID_EMPTY)
		fail("id_check: status out of the enum");
	if ((st == XF_ID_EMPTY) != (n == 0))
		fail("id_check: empty iff n is 0");
	if (xf_id_check(s, n, NULL) != st)
		fail("id_check: status depends on out18");
	if (xf_id_strerror(st) == NULL ||
	    xf_id_strerror((enum xf_id_status)(n % 100 + 7)) == NULL)
		fail("id_strerror returned NULL");
	if (memchr(out, '\0', sizeof(out)) == NULL)
		fail("id_check: out18 not NUL-terminated");

	ok = st == XF_ID_OK18 || st == XF_ID_OK18_NORM || st == XF_ID_OK15;
	if (!ok && st != XF_ID_BADCHECK) {
		if (out[0] != '\0')
			fail("id_check: out18 set for an unusable number");
		return;
	}
	/* A canonical (or, for a bad check, ASCII) 18-character form. */
	if (strlen(out) != 18)
		fail("id_check: out18 not 18 characters");
	for (i = 0; i < 17; i++)
		if (!isdig(out[i]))
			fail("id_check: out18 has a non-digit");
	if (!isdig(out[17]) && out[17] != 'X')
		fail("id_check: bad check character in out18");
	if (ok != (xf_id_checkchar(out) == out[17]))
		fail("id_check: check character disagrees with status");
	if (st == XF_ID_OK18 && (n != 18 || memcmp(s, out, 18) != 0))
		fail("id_check: OK18 but not written canonically");
	st2 = xf_id_check(out, 18, again);
	if (st2 != (ok ? XF_ID_OK18 : XF_ID_BADCHECK) ||
	    strcmp(again, out) != 0)
		fail("id_check: out18 does not check the same again");
	if (xf_id_info(out, &info) != 0)
		fail("id_info refused a checked number");
	if (info.year < 1800 || info.month < 1 || info.month > 12 ||
	    info.day < 1 || info.day > 31 ||
	    info.male != (out[16] - '0') % 2)
		fail("id_info: wrong fields");
	if (info.year != (out[6] - '0') * 1000 + (out[7] - '0') * 100 +
	    (out[8] - '0') * 10 + (out[9] - '0'))
		fail("id_info: wrong year");
}

static void
check_phone(const char *s, size_t n)
{
	char norm[XF_PHONE_NORMSZ], again[XF_PHONE_NORMSZ], *small;
	enum xf_phone_kind k, k2;
	size_t sz, len, i;

	memset(norm, 'Z', sizeof(norm));
	k = xf_phone_check(s, n, norm, sizeof(norm));
	if (k < XF_PHONE_EMPTY || k > XF_PHONE_ODD)
		fail("phone_check: kind out of the enum");
	if (memchr(norm, '\0', sizeof(norm)) == NULL)
		fail("phone_check: norm not NUL-terminated");
	if (xf_phone_check(s, n, NULL, 0) != k)
		fail("phone_check: kind depends on norm");
	len = strlen(norm);

	/* Every smaller buffer: the same kind, a cut of the same norm. */
	for (sz = 1; sz <= len; sz++) {
		if ((small = malloc(sz)) == NULL)
			abort();
		if (xf_phone_check(s, n, small, sz) != k)
			fail("phone_check: kind depends on normsz");
		if (strlen(small) != sz - 1 ||
		    memcmp(small, norm, sz - 1) != 0)
			fail("phone_check: cut norm is not a prefix");
		free(small);
	}

	switch (k) {
	case XF_PHONE_EMPTY:
		if (len != 0)
			fail("phone_check: empty with a norm");
		break;
	case XF_PHONE_MOBILE:
		if (len != 11 || norm[0] != '1' || norm[1] < '3' ||
		    norm[1] > '9')
			fail("phone_check: bad mobile norm");
		for (i = 0; i < len; i++)
			if (!isdig(norm[i]))
				fail("phone_check: mobile norm not digits");
		break;
	case XF_PHONE_LANDLINE:
		/* Digits, '-', and 转 before the extension of a number
		 * without area code. */
		for (i = 0; i < len; i++)
			if (!isdig(norm[i]) && norm[i] != '-' &&
			    !(i + 3 <= len && memcmp(norm + i, "转", 3) == 0 &&
			    (i += 2, 1)))
				fail("phone_check: landline norm has junk");
		if (len == 0 || norm[0] == '-' || norm[len - 1] == '-')
			fail("phone_check: landline norm badly cut");
		break;
	default:
		for (i = 0; i < len; i++)
			if (!isdig(norm[i]))
				fail("phone_check: odd norm not digits");
		break;
	}
	/*
	 * A canonical form is itself a number of the same kind (once not
	 * so: tests/fuzz/crashes/ident-phone-norm-unstable).
	 */
	if (k == XF_PHONE_MOBILE || k == XF_PHONE_LANDLINE) {
		k2 = xf_phone_check(norm, len, again, sizeof(again));
		if (k2 != k || strcmp(again, norm) != 0)
			fail("phone_check: norm does not check the same again");
	}
}

/* Whether the n bytes at s start or end with a blank trim removes. */
static int
blank_at_start(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	if (n == 0)
		return 0;
	if (strchr(" \t\n\v\f\r", p[0]) != NULL && p[0] != '\0')
		return 1;
	if (n >= 2 && p[0] == 0xc2 && p[1] == 0xa0)
		return 1;
	if (n >= 3 && ((p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80) ||
	    (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)))
		return 1;
	return 0;
}

static int
blank_at_end(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	if (n == 0)
		return 0;
	if (strchr(" \t\n\v\f\r", p[n - 1]) != NULL && p[n - 1] != '\0')
		return 1;
	if (n >= 2 && p[n - 2] == 0xc2 && p[n - 1] == 0xa0)
		return 1;
	if (n >= 3 && ((p[n - 3] == 0xe3 && p[n - 2] == 0x80 &&
	    p[n - 1] == 0x80) || (p[n - 3] == 0xef && p[n - 2] == 0xbb &&
	    p[n - 1] == 0xbf)))
		return 1;
	return 0;
}

static void
check_utf8(const char *s, size_t n)
{
	char *out, *in, *out2;
	size_t bad = (size_t)-1, i, count, m, m2, start, len, s2, l2;
	uint32_t cp;
	int valid, r;

	valid = xf_utf8_valid(s, n, &bad);
	if (valid && bad != (size_t)-1)
		fail("utf8_valid: badoff set on success");
	if (!valid && bad >= n)
		fail("utf8_valid: badoff out of range");
	if (!valid && xf_utf8_valid(s, bad, NULL) != 1)
		fail("utf8_valid: bytes before badoff not valid");

	/* Decode everything; count as utf8_len says it does. */
	count = 0;
	for (i = 0; i < n; ) {
		cp = 0xFFFFFFFF;
		r = xf_utf8_decode(s + i, n - i, &cp);
		if (r == 0 || r < -1 || r > 4 || (r > 0 && (size_t)r > n - i))
			fail("utf8_decode: bad length");
		if (r == -1) {
			if (valid)
				fail("utf8_decode failed on valid text");
			if (cp != 0xFFFFFFFF)
				fail("utf8_decode touched cp on failure");
			if (i == bad)
				bad = (size_t)-2;	/* seen */
			i++;
		} else {
			if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
				fail("utf8_decode: bad code point");
			if (i < bad && bad != (size_t)-1 &&
			    bad != (size_t)-2 && i + (size_t)r > bad)
				fail("utf8_decode ran over the bad byte");
			if (xf_utf8_valid(s + i, (size_t)r, NULL) != 1)
				fail("utf8_decode took an ill-formed sequence");
			i += (size_t)r;
		}
		count++;
	}
	if (xf_utf8_decode(s, 0, &cp) != 0)
		fail("utf8_decode of nothing");
	if (xf_utf8_len(s, n) != count)
		fail("utf8_len disagrees with decoding");

	/* Folding: no longer, the same in place, idempotent, still valid. */
	if ((out = malloc(n > 0 ? n : 1)) == NULL ||
	    (in = malloc(n > 0 ? n : 1)) == NULL ||
	    (out2 = malloc(n > 0 ? n : 1)) == NULL)
		abort();
	for (r = 0; r < 2; r++) {
		if (n > 0)
			memcpy(in, s, n);
		m = r == 0 ? xf_utf8_halfwidth(s, n, out) :
		    xf_utf8_halfwidth_alnum(s, n, out);
		if (m > n)
			fail("halfwidth grew the text");
		m2 = r == 0 ? xf_utf8_halfwidth(in, n, in) :
		    xf_utf8_halfwidth_alnum(in, n, in);
		if (m2 != m || memcmp(in, out, m) != 0)
			fail("halfwidth in place differs");
		if (valid && !xf_utf8_valid(out, m, NULL))
			fail("halfwidth of valid text is not valid");
		if (xf_utf8_len(out, m) != count)
			fail("halfwidth changed the number of characters");
		m2 = r == 0 ? xf_utf8_halfwidth(out, m, out2) :
		    xf_utf8_halfwidth_alnum(out, m, out2);
		if (m2 != m || memcmp(out2, out, m) != 0)
			fail("halfwidth not idempotent");
	}
	free(out);
	free(in);
	free(out2);

	/* Trimming. */
	start = len = (size_t)-1;
	xf_utf8_trim(s, n, &start, &len);
	if (start > n || len > n - start)
		fail("utf8_trim out of bounds");
	if (len == 0 && start != n)
		fail("utf8_trim: all blank but start is not n");
	if (len > 0 && (blank_at_start(s + start, len) ||
	    blank_at_end(s + start, len)))
		fail("utf8_trim left a blank at an end");
	xf_utf8_trim(s + start, len, &s2, &l2);
	if (l2 != len || (len > 0 && s2 != 0))
		fail("utf8_trim not idempotent");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;

	check_id(s, size);
	check_phone(s, size);
	check_utf8(s, size);
	return 0;
}
