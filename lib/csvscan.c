/* SPDX-License-Identifier: ISC */

/*
 * Record-boundary scanner for clean CSV: a small state machine over the
 * bytes, with tight loops over the runs of bytes that mean nothing to
 * it, and UTF-8 checked block by block.  See csvscan.h.
 *
 * Why not libcsv, which xf reads all CSV with (csvin.c): its callbacks
 * hand over fields, copied into its own buffer, and never say where in
 * the input a record ended, which is what a byte-range copy needs; and
 * the field copying is the cost the copy avoids (xf-split -n 2 on
 * 406 MB: 4.7 s through the reader, 1.4 s with this scan).  Whatever
 * this scanner does not call clean goes to the reader after all.
 */

#include <stdint.h>
#include <string.h>

#include "csvscan.h"
#include "utf8.h"

/* Where the scanner is. */
enum {
	ST_RECORD,	/* at the start of a record */
	ST_FIELD,	/* at the start of a field after a delimiter */
	ST_PLAIN,	/* in an unquoted field */
	ST_QUOTED,	/* in a quoted field */
	ST_QUOTE	/* in a quoted field, just after a quote */
};

/*
 * Bits of special[]: bytes that stop a run in an unquoted field (CR and
 * NUL never get that far: see clean_prefix).
 */
#define SP_PLAIN	1

void
xf_csvscan_init(struct xf_csvscan *s, int delim, size_t maxfield)
{
	memset(s, 0, sizeof(*s));
	s->delim = delim;
	s->maxfield = maxfield;
	s->state = ST_RECORD;
	s->special[(unsigned char)delim] |= SP_PLAIN;
	s->special['"'] |= SP_PLAIN;
	s->special['\n'] |= SP_PLAIN;
	/*
	 * Plain fields are passed a word at a time by looking for a byte
	 * not above the delimiter and the quote (LF is below both), where
	 * that bound is below '0', so that digits do not stop the skip.
	 */
	s->low = (unsigned int)(delim > '"' ? delim : '"') + 1;
	if (s->low > '0')
		s->low = 0;
}

void
xf_csvscan_init_at(struct xf_csvscan *s, int delim, size_t maxfield,
    unsigned long long offset)
{
	xf_csvscan_init(s, delim, maxfield);
	s->origin = offset;
	s->bytes = offset;	/* not 0: no byte order mark to look for */
}

int
xf_csvscan_join(struct xf_csvscan *a, const struct xf_csvscan *b)
{
	if (a->err != NULL || a->state != ST_RECORD || a->bytes != b->origin)
		return -1;
	a->records += b->records;
	a->bytes = b->bytes;
	a->state = b->state;
	a->nfield = b->nfield;
	a->flen = b->flen;
	a->err = b->err;
	if (a->width == 0)
		a->width = b->width;
	else if (a->err == NULL && b->width != 0 && b->width != a->width)
		a->err = "a record has another number of fields than the header";
	return 0;
}

/* A field of LEN raw bytes ended. */
static void
field_end(struct xf_csvscan *s, size_t len)
{
	if (len > s->maxfield)
		s->err = "a field is longer than the limit";
	s->nfield++;
}

/* A record ended (its last field already counted). */
static void
record_end(struct xf_csvscan *s)
{
	if (s->width == 0)
		s->width = s->nfield;
	else if (s->nfield != s->width)
		s->err = "a record has another number of fields than the header";
	s->nfield = 0;
	s->records++;
}

/* Eight bytes in a word, and whether one of them is 0 (exact). */
#define ONES		0x0101010101010101ULL
#define HIGHS		0x8080808080808080ULL
#define ZERO(v)		(((v) - ONES) & ~(v) & HIGHS)
/* Whether a byte of v is below the byte in every byte of l (l <= 0x80). */
#define LESS(v, l)	(((v) - (l)) & ~(v) & HIGHS)

/*
 * Bytes 0-5 of a little-endian word as two three-byte characters: lead
 * bytes 1110xxxx at 0 and 3, continuation bytes 10xxxxxx at 1, 2, 4, 5.
 * BAD_LOW has a bit for each low nibble a lead may not have here: 0 (E0,
 * whose next byte has a range of its own) and D (ED, surrogates).
 */
#define TWO3_MASK	0x0000c0c0f0c0c0f0ULL
#define TWO3_BITS	0x00008080e08080e0ULL
#define BAD_LOW		((1U << 0x0) | (1U << 0xd))

/*
 * How many of the N bytes at BUF are whole UTF-8 characters, all valid
 * and none of them CR or NUL; the rest (at most 3 bytes) begin a
 * character cut by the end of the buffer.  Returns (size_t)-1 if the
 * bytes are not UTF-8 or hold a CR or a NUL: checked here, in the one
 * pass over every byte, the scanner's loops need not look for them.
 */
static size_t
clean_prefix(const char *buf, size_t n)
{
	const unsigned char *u = (const unsigned char *)buf;
	const uint64_t wcr = ONES * '\r';
	uint64_t w;
	size_t i = 0, need;
	unsigned int c;
	int len;

	while (i < n) {
		c = u[i];
		if (c < 0x80) {
			if (c == '\r' || c == 0)
				return (size_t)-1;
			/* Mostly ASCII: eight bytes at a time. */
			for (i++; n - i >= 8; i += 8) {
				memcpy(&w, u + i, 8);
				if (((w & HIGHS) | ZERO(w) | ZERO(w ^ wcr)) != 0)
					break;
			}
			continue;
		}
		/* Chinese: three-byte characters, E1-EF but ED, in a run. */
		if (c >= 0xe1 && c <= 0xef && c != 0xed && n - i >= 3 &&
		    (u[i + 1] & 0xc0) == 0x80 && (u[i + 2] & 0xc0) == 0x80) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/*
			 * Two characters a word: their lead bytes' high
			 * nibbles and the continuation bytes' top bits in one
			 * comparison, then the leads' low nibbles, neither 0
			 * (E0 has a range of its own) nor D (ED, surrogates).
			 * Whatever this does not take, the loops below judge.
			 */
			for (i += 3; n - i >= 8; i += 6) {
				memcpy(&w, u + i, 8);
				if ((w & TWO3_MASK) != TWO3_BITS ||
				    ((BAD_LOW >> (w & 0xf) |
				    BAD_LOW >> (w >> 24 & 0xf)) & 1) != 0)
					break;
			}
			for (; n - i >= 3; i += 3) {
#else
			for (i += 3; n - i >= 3; i += 3) {
#endif
				c = u[i];
				if ((unsigned int)(c - 0xe1) > 0xef - 0xe1 ||
				    c == 0xed || (((u[i + 1] & 0xc0) ^ 0x80) |
				    ((u[i + 2] & 0xc0) ^ 0x80)) != 0)
					break;
			}
			continue;
		}
		if ((len = xf_utf8_decode(buf + i, n - i, NULL)) > 0) {
			i += (size_t)len;
			continue;
		}
		/* Not valid, or a character the buffer cuts. */
		if (n - i >= 4 || c < 0xc2 || c > 0xf4)
			return (size_t)-1;
		need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
		if (n - i >= need)
			return (size_t)-1;
		for (need = i + 1; need < n; need++)
			if ((u[need] & 0xc0) != 0x80)
				return (size_t)-1;
		return i;
	}
	return n;
}

size_t
xf_csvscan_feed(struct xf_csvscan *s, const char *buf, size_t n,
    void (*onrecord)(void *, size_t), void *arg)
{
	const unsigned char *p = (const unsigned char *)buf;
	const unsigned char *end, *stop, *fbeg = p;
	const uint64_t wd = ONES * (unsigned char)s->delim, wq = ONES * '"';
	const uint64_t wlf = ONES * '\n';
	const unsigned int low = s->low;
	const uint64_t wlow = ONES * low;
	uint64_t w;
	const unsigned char *sp = s->special;
	unsigned char delim = (unsigned char)s->delim;
	size_t m;
	int st = s->state;

	if (s->err != NULL)
		return 0;
	if (n > 0 && s->bytes == 0 && p[0] == 0xef) {
		s->err = "the input starts with a byte order mark or U+F000 "
		    "to U+FFFF";
		return 0;
	}
	if ((m = clean_prefix(buf, n)) == (size_t)-1) {
		s->err = "the input is not valid UTF-8, or holds a CR or a NUL";
		return 0;
	}
	end = p + m;
	while (s->err == NULL) {
		switch (st) {
		case ST_RECORD:
			if (p == end)
				goto out;
			if (*p == '\n') {
				s->err = "a blank line";
				break;
			}
			/* FALLTHROUGH */
		case ST_FIELD:
			if (p == end)
				goto out;
			fbeg = p;
			s->flen = 0;
			if (*p == '"') {
				p++;
				st = ST_QUOTED;
				break;
			}
			st = ST_PLAIN;
			/* FALLTHROUGH */
		case ST_PLAIN:
			/*
			 * Skip eight bytes at a time, then find the stop in
			 * the word that may hold it.  With a delimiter below
			 * '0' a word is passed by one test, for a byte below
			 * LOW: the delimiter, the quote, LF or one of a few
			 * other ASCII bytes (space, '+'), for which the word is
			 * looked at byte by byte and then left.
			 */
			for (;;) {
				if (low != 0)
					while (end - p >= 8) {
						memcpy(&w, p, 8);
						if (LESS(w, wlow) != 0)
							break;
						p += 8;
					}
				else
					while (end - p >= 8) {
						memcpy(&w, p, 8);
						if ((ZERO(w ^ wd) | ZERO(w ^ wq) |
						    ZERO(w ^ wlf)) != 0)
							break;
						p += 8;
					}
				stop = end - p > 8 ? p + 8 : end;
				while (p < stop && (sp[*p] & SP_PLAIN) == 0)
					p++;
				if (p < stop || p == end)
					break;
			}
			if (p == end)
				goto out;
			if (*p == delim) {
				field_end(s, s->flen + (size_t)(p - fbeg));
				p++;
				st = ST_FIELD;
			} else if (*p == '\n') {
				field_end(s, s->flen + (size_t)(p - fbeg));
				record_end(s);
				p++;
				st = ST_RECORD;
				if (onrecord != NULL && s->err == NULL)
					onrecord(arg, (size_t)(p -
					    (const unsigned char *)buf));
			} else
				s->err = "a quote inside an unquoted field";
			break;
		case ST_QUOTED:
			/* Quoted text is long: find its end with memchr. */
			if ((p = memchr(p, '"', (size_t)(end - p))) == NULL) {
				p = end;
				goto out;
			}
			p++;
			st = ST_QUOTE;
			break;
		case ST_QUOTE:
			if (p == end)
				goto out;
			if (*p == '"') {
				p++;
				st = ST_QUOTED;
				break;
			}
			st = ST_PLAIN;
			if (*p != delim && *p != '\n') {
				s->err = "text after a closing quote";
				break;
			}
			/* The delimiter or LF: ST_PLAIN ends the field. */
			break;
		}
	}
	return 0;
out:
	if (st == ST_PLAIN || st == ST_QUOTED || st == ST_QUOTE)
		s->flen += (size_t)(p - fbeg);
	s->state = st;
	s->bytes += m;
	return m;
}

int
xf_csvscan_end(struct xf_csvscan *s, size_t left)
{
	if (s->err != NULL)
		return -1;
	if (left > 0) {
		s->err = "the input ends inside a UTF-8 character";
		return -1;
	}
	if (s->bytes == 0) {
		s->err = "an empty input";
		return -1;
	}
	switch (s->state) {
	case ST_RECORD:
		return 0;
	case ST_QUOTED:
		s->err = "the input ends inside quotes";
		return -1;
	case ST_FIELD:
		s->flen = 0;
		break;
	default:
		break;
	}
	field_end(s, s->flen);
	record_end(s);
	s->nolf = 1;
	s->state = ST_RECORD;
	return s->err == NULL ? 0 : -1;
}
