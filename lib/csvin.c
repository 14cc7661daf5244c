/* SPDX-License-Identifier: ISC */

/*
 * CSV reader over libcsv: strict quoting, physical line numbers, BOM,
 * GB18030 input, bounded fields, and recovery after a bad record.
 *
 * libcsv is push-based and reports neither positions nor lines, so the
 * input is fed to it one physical line at a time: before each line we
 * know its number, and a record can only start at the beginning of a
 * line.  Completed records are queued in an arena and handed out one by
 * one by xf_csvin_next.
 *
 * Most records do not need libcsv at all: see direct_record.
 */

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "utf8.h"
#include "xf.h"

#define BLOCK	(64 * 1024)

/* A queued record: its fields, and for a bad one its message and text. */
struct rec {
	size_t		 f0, nf;	/* fields f0 .. f0+nf-1 */
	unsigned long	 line;
	int		 bad;		/* 0, 1: fields, 2: raw text */
	size_t		 msg;		/* arena offset of the message */
};

struct xf_csvin {
	FILE		*fp;
	int		 ownfp;
	char		*name;
	struct xf_csvopt opt;
	struct csv_parser p;

	/* Reading and conversion. */
	char		*ibuf;		/* raw bytes read */
	size_t		 ilen;		/* bytes pending in ibuf */
	char		*cbuf;		/* converted bytes */
	iconv_t		 cd;
	enum xf_encoding enc;
	int		 first;		/* the first block is still to come */
	int		 eof, ioerr, done;
	unsigned long long bytes;

	/* Lines. */
	unsigned long	 line;		/* line of the next byte fed */
	int		 prevcr;	/* the last byte fed was a CR */
	int		 atstart;	/* no record in progress */
	unsigned long	 recline;	/* line the record in progress began */

	/* The record in progress. */
	size_t		 cur;		/* its first field */
	int		 oversize;	/* field index + 1 of an oversized field */
	size_t		 oversize_len;
	char		*raw;		/* its bytes as fed, up to a limit */
	size_t		 rawlen, rawcap;
	int		 rawcut;	/* raw was cut at the limit */
	const char	*rawsrc;	/* and rawpend more in the block being */
	size_t		 rawpend;	/* fed, not yet copied to raw */
	int		 skipping;	/* 1: to end of line, 2: quote-aware */
	int		 skipquote;

	/* Fields of queued and in-progress records. */
	char		*arena;
	size_t		 alen, acap;
	size_t		*foff, *flen;
	size_t		 nf, fcap;

	/* The queue. */
	struct rec	*q;
	size_t		 qhead, qlen, qcap;

	size_t		 width;
	char		**fptr;
	size_t		 fptrcap;
	const char	*err;		/* message of the last bad record */
	const char	*skiperr;	/* what is wrong with the one skipped */
	char		 toobig[96];	/* skiperr for a field over the limit */

	/* Bytes that end a run of unquoted field text (see qstop). */
	unsigned char	 stop[256];
	unsigned long long direct;	/* records read without libcsv */
};

static int	 space_none(unsigned char);
static void	 on_field(void *, size_t, void *);
static void	 on_record(int, void *);

/* libcsv calls this to decide what to trim: nothing, ever. */
static int
space_none(unsigned char c)
{
	(void)c;
	return 0;
}

static void
parser_init(struct xf_csvin *in)
{
	if (csv_init(&in->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		xf_errx(XF_EXIT_FAIL, "out of memory");
	csv_set_space_func(&in->p, space_none);
	/*
	 * No terminator function: libcsv's own test, CR or LF, is the one
	 * wanted, and it is inline, where a function is called for every
	 * byte (a quarter of the reading time).
	 */
	csv_set_delim(&in->p, (unsigned char)in->opt.delim);
}

/* Make room for n more bytes in the arena. */
static void
arena_grow(struct xf_csvin *in, size_t n)
{
	while (in->acap - in->alen < n)
		in->acap = in->acap ? in->acap * 2 : BLOCK;
	in->arena = xf_reallocarray(in->arena, in->acap, 1);
}

/* Append n bytes to the arena and return their offset. */
static inline size_t
arena_put(struct xf_csvin *in, const void *s, size_t n)
{
	size_t off = in->alen;

	if (in->acap - in->alen < n + 1)
		arena_grow(in, n + 1);
	if (n > 0)
		memcpy(in->arena + off, s, n);
	in->arena[off + n] = '\0';
	in->alen += n + 1;
	return off;
}

static void
fields_grow(struct xf_csvin *in)
{
	in->fcap = in->fcap ? in->fcap * 2 : 256;
	in->foff = xf_reallocarray(in->foff, in->fcap, sizeof(size_t));
	in->flen = xf_reallocarray(in->flen, in->fcap, sizeof(size_t));
}

static inline void
field_push(struct xf_csvin *in, const void *s, size_t n)
{
	if (in->nf == in->fcap)
		fields_grow(in);
	in->foff[in->nf] = arena_put(in, s, n);
	in->flen[in->nf] = n;
	in->nf++;
}

static void
queue(struct xf_csvin *in, int bad, const char *msg)
{
	struct rec *r;

	if (in->qlen == in->qcap) {
		in->qcap = in->qcap ? in->qcap * 2 : 64;
		in->q = xf_reallocarray(in->q, in->qcap, sizeof(*in->q));
	}
	r = &in->q[in->qlen++];
	r->f0 = in->cur;
	r->nf = in->nf - in->cur;
	r->line = in->recline;
	r->bad = bad;
	r->msg = bad ? arena_put(in, msg, strlen(msg)) : 0;
	in->cur = in->nf;
	in->oversize = 0;
	in->rawlen = 0;
	in->rawcut = 0;
	in->rawpend = 0;
	in->atstart = 1;
}

static void
on_field(void *s, size_t n, void *data)
{
	struct xf_csvin *in = data;

	if (n > in->opt.maxfield && in->oversize == 0) {
		in->oversize = (int)(in->nf - in->cur + 1);
		in->oversize_len = n;
	}
	field_push(in, s == NULL ? "" : s, n);
}

static void
on_record(int c, void *data)
{
	struct xf_csvin *in = data;
	char msg[160];
	size_t nf = in->nf - in->cur;

	(void)c;
	if (in->oversize) {
		snprintf(msg, sizeof(msg),
		    "field %d is %zu bytes, more than the limit of %zu",
		    in->oversize, in->oversize_len, in->opt.maxfield);
		queue(in, 1, msg);
		return;
	}
	if (in->width == 0)
		in->width = nf;
	else if (nf != in->width && !in->opt.ragged) {
		snprintf(msg, sizeof(msg), "record has %zu field%s, "
		    "the header has %zu", nf, nf == 1 ? "" : "s", in->width);
		queue(in, 1, msg);
		return;
	}
	queue(in, 0, NULL);
}

/*
 * Keep the bytes of the record in progress, up to a limit: note where
 * they are in the block being fed, which holds most records whole, and
 * copy them only when the record turns out bad (abandon) or goes on
 * into the next block (the end of feed).  s follows the bytes noted.
 */
static void
raw_add(struct xf_csvin *in, const char *s, size_t n)
{
	if (in->rawpend == 0)
		in->rawsrc = s;
	in->rawpend += n;
}

/* Copy the bytes noted by raw_add. */
static void
raw_flush(struct xf_csvin *in)
{
	size_t limit = in->opt.maxfield, n = in->rawpend;
	const char *s = in->rawsrc;

	in->rawpend = 0;

	if (in->rawlen + n > limit) {
		n = limit > in->rawlen ? limit - in->rawlen : 0;
		in->rawcut = 1;
	}
	if (n == 0)
		return;
	if (in->rawcap - in->rawlen < n) {
		while (in->rawcap - in->rawlen < n)
			in->rawcap = in->rawcap ? in->rawcap * 2 : 1024;
		in->raw = xf_reallocarray(in->raw, in->rawcap, 1);
	}
	memcpy(in->raw + in->rawlen, s, n);
	in->rawlen += n;
}

/*
 * Give up on the record in progress: drop its fields, queue it as one
 * raw field with the message, and start libcsv afresh.
 */
static void
abandon(struct xf_csvin *in, const char *why)
{
	char msg[200];

	raw_flush(in);
	in->nf = in->cur;
	field_push(in, in->raw, in->rawlen);
	if (in->rawcut)
		snprintf(msg, sizeof(msg), "%s (record text cut at %zu bytes)",
		    why, in->opt.maxfield);
	else
		snprintf(msg, sizeof(msg), "%s", why);
	queue(in, 2, msg);
	csv_free(&in->p);
	parser_init(in);
}

/* Count the line ends in any run of bytes. */
static void
count_bytes(struct xf_csvin *in, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n') {
			if (!in->prevcr)
				in->line++;
			in->prevcr = 0;
		} else if (s[i] == '\r') {
			in->line++;
			in->prevcr = 1;
		} else
			in->prevcr = 0;
	}
}

/*
 * The same for a segment, which holds at most one line end, at its end:
 * no need to look at every byte.
 */
static void
count_segment(struct xf_csvin *in, const char *s, size_t n)
{
	char c = s[n - 1];

	if (n > 1)
		in->prevcr = 0;
	if (c == '\n') {
		if (!in->prevcr)
			in->line++;
		in->prevcr = 0;
	} else if (c == '\r') {
		in->line++;
		in->prevcr = 1;
	} else
		in->prevcr = 0;
}

/*
 * Skip bytes after an error until the record can be considered over:
 * the end of the line, or with skipping == 2 the first line end outside
 * quotes.  Returns how many bytes of s were consumed.
 */
static size_t
skip(struct xf_csvin *in, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '"' && in->skipping == 2)
			in->skipquote = !in->skipquote;
		else if ((s[i] == '\n' || s[i] == '\r') && !in->skipquote)
			break;
	}
	if (i < n)
		i++;		/* the line end belongs to the bad record */
	raw_add(in, s, i);
	count_bytes(in, s, i);
	if (i > 0 && (s[i - 1] == '\n' || s[i - 1] == '\r') &&
	    !in->skipquote) {
		in->skipping = 0;
		abandon(in, in->skiperr);
	}
	return i;
}

static const char *
quote_error(const struct xf_csvin *in, char c)
{
	if (c == '"' && !in->p.quoted)
		return "bad quoting: '\"' inside an unquoted field";
	return "bad quoting: text after a closing quote";
}

/* Feed one segment: bytes up to and including at most one line end. */
static void
feed_segment(struct xf_csvin *in, const char *s, size_t n)
{
	size_t done;

	if (in->atstart) {
		if (s[0] == '\n' || s[0] == '\r') {
			/* A blank line, or the LF of a CRLF: libcsv skips it. */
			count_segment(in, s, n);
			return;
		}
		in->atstart = 0;
		in->recline = in->line;
		in->rawlen = 0;
		in->rawcut = 0;
		in->rawpend = 0;
	}
	raw_add(in, s, n);
	/*
	 * libcsv grows its field buffer by a fixed step (128 bytes): a
	 * field of F bytes took F / 128 reallocs, each of which may copy
	 * the buffer, quadratic where realloc cannot move pages (ASan,
	 * other C libraries).  A step as large as the buffer makes the
	 * growth geometric.
	 */
	if (in->p.entry_size > in->p.blk_size)
		csv_set_blk_size(&in->p, in->p.entry_size);
	done = csv_parse(&in->p, s, n, on_field, on_record, in);
	count_segment(in, s, n);
	if (done < n) {
		in->skiperr = quote_error(in, s[done]);
		if (s[n - 1] == '\n' || s[n - 1] == '\r')
			abandon(in, in->skiperr);
		else
			in->skipping = 1;
		return;
	}
	/*
	 * libcsv holds a field that will not fit: skip the record.  Not
	 * yet if the segment ends with a quote inside a quoted field: it
	 * closes the field or begins a doubled quote, as the next byte
	 * tells, and skip() must know which to find the record's end.
	 */
	if (!in->atstart && in->p.entry_pos > in->opt.maxfield &&
	    !(in->p.quoted && s[n - 1] == '"')) {
		snprintf(in->toobig, sizeof(in->toobig),
		    "field %zu is more than the limit of %zu bytes",
		    in->nf - in->cur + 1, in->opt.maxfield);
		in->skiperr = in->toobig;
		in->skipping = 2;
		in->skipquote = in->p.quoted;
		if (s[n - 1] == '\n' || s[n - 1] == '\r') {
			/* This line end is inside the quoted field. */
			if (!in->skipquote) {
				in->skipping = 0;
				abandon(in, in->skiperr);
			}
		}
	}
}

/* Bytes that end a run of quoted field text, whatever the delimiter. */
static const unsigned char qstop[256] = { ['"'] = 1, ['\n'] = 1, ['\r'] = 1 };

/* Make the last field's DQ doubled quotes single, in the arena. */
static void
undouble(struct xf_csvin *in, size_t dq)
{
	char *f = in->arena + in->foff[in->nf - 1];
	size_t i, j, len = in->flen[in->nf - 1];

	for (i = j = 0; i < len; i++, j++) {
		f[j] = f[i];
		i += f[i] == '"';
	}
	f[j] = '\0';
	in->flen[in->nf - 1] = len - dq;
	in->alen -= dq;
}

/*
 * The direct path.  libcsv looks at every byte through a switch on its
 * state and calls back for every field: about 200 MB/s here, most of
 * the time a tool like xf-route takes.  A record in the form nearly every
 * file is in is split here instead, a table lookup a byte:
 *   - no record is in progress and the first byte is not a line end;
 *   - an unquoted field holds no quote and no CR;
 *   - a quoted field opens at its first byte, holds no CR, doubles its
 *     quotes, and closes just before a delimiter or the record's end
 *     (an LF inside it is a line, as feed_segment counts lines);
 *   - the record ends with LF or CRLF inside the block;
 *   - no field has more bytes than the maximum, quotes counted.
 * The fields are those libcsv gives, and the record is queued as its
 * on_record would queue it (the width check included).  Anything else
 * (a quoting error, a lone CR, an oversized field, the block's end
 * first) returns 0 having changed nothing: libcsv then reads the record
 * from its first byte, just as without this path, and says what is
 * wrong if anything is.  Returns the bytes of the record read.
 */
static size_t
direct_record(struct xf_csvin *in, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n, *q;
	size_t nf0 = in->nf, alen0 = in->alen, len, dq;
	unsigned long lines = 0;

	if (n == 0 || *p == '\n' || *p == '\r')
		return 0;
	for (;;) {
		if (*p != '"') {
			for (q = p; q < e && !in->stop[*q]; q++)
				;
			if (q == e || *q == '"' ||
			    (size_t)(q - p) > in->opt.maxfield)
				goto undo;
			field_push(in, p, (size_t)(q - p));
			p = q;
		} else {
			dq = 0;
			for (q = p + 1;; q++) {
				while (q < e && !qstop[*q])
					q++;
				if (q == e || *q == '\r')
					goto undo;
				if (*q == '\n')
					lines++;
				else if (q + 1 < e && q[1] == '"') {
					dq++;
					q++;
				} else
					break;	/* the closing quote */
			}
			/* The raw bytes, as libcsv's limit counts them. */
			if ((size_t)(q + 1 - p) > in->opt.maxfield)
				goto undo;
			len = (size_t)(q - p - 1);
			field_push(in, p + 1, len);
			if (dq > 0)
				undouble(in, dq);
			p = q + 1;
		}
		/* The byte after the field. */
		if (p == e)
			goto undo;
		if (*p == (unsigned char)in->opt.delim) {
			if (++p == e)
				goto undo;
			continue;
		}
		if (*p == '\n') {
			p++;
			break;
		}
		if (*p == '\r' && p + 1 < e && p[1] == '\n') {
			p += 2;
			break;
		}
		goto undo;
	}
	in->recline = in->line;
	in->line += lines + 1;
	in->prevcr = 0;
	in->direct++;
	on_record(0, in);
	return (size_t)((const char *)p - s);
undo:
	in->nf = nf0;
	in->alen = alen0;
	return 0;
}

/*
 * Split a block of UTF-8 into records read directly and segments of
 * one physical line at most for libcsv.
 */
static void
feed(struct xf_csvin *in, const char *s, size_t n)
{
	const char *nl, *cr, *end = s + n;
	size_t len, k;

	while (s < end) {
		len = (size_t)(end - s);
		if (in->skipping) {
			s += skip(in, s, len);
			continue;
		}
		if (in->atstart && !in->opt.libcsv) {
			while ((k = direct_record(in, s, len)) > 0) {
				s += k;
				len -= k;
			}
			if (len == 0)
				break;
		}
		if ((nl = memchr(s, '\n', len)) != NULL)
			len = (size_t)(nl - s) + 1;
		if ((cr = memchr(s, '\r', len)) != NULL && cr + 1 < s + len)
			len = (size_t)(cr - s) + 1;
		feed_segment(in, s, len);
		s += len;
	}
	/* The block is done with: keep what the record in progress needs. */
	if (in->rawpend > 0)
		raw_flush(in);
}

/*
 * Convert a block from GB18030 or GBK.  A byte sequence the encoding
 * does not know is copied as it is: it will be invalid UTF-8 in the
 * output, and the tools that check text reject that record, with its
 * line, instead of the whole file failing.  An incomplete sequence at
 * the end stays in ibuf for the next block, unless the input is over.
 */
static size_t
convert(struct xf_csvin *in)
{
	char *ip = in->ibuf, *op = in->cbuf;
	size_t il = in->ilen, ol = 4 * BLOCK;

	while (il > 0) {
		if (iconv(in->cd, &ip, &il, &op, &ol) != (size_t)-1)
			break;
		if (errno == EINVAL && !in->eof)
			break;
		if (errno == E2BIG)
			break;
		/* EILSEQ, or EINVAL at the end: pass one byte through. */
		*op++ = *ip++;
		il--;
		ol--;
	}
	memmove(in->ibuf, ip, il);
	in->ilen = il;
	return (size_t)(op - in->cbuf);
}

/* Whether a block that may end in the middle of a character is UTF-8. */
static int
block_is_utf8(const char *s, size_t n, int last)
{
	size_t bad;

	if (xf_utf8_valid(s, n, &bad))
		return 1;
	/* A character cut by the end of the block is not a fault. */
	return !last && n - bad < 4 && (unsigned char)s[bad] >= 0xc2;
}

/* Whether a block converts from GB18030 without an invalid sequence. */
static int
block_is_gb18030(const char *s, size_t n, int last)
{
	iconv_t cd;
	char out[4 * 1024], *ip = (char *)(uintptr_t)s, *op;
	size_t il = n, ol;
	int ok = 1;

	if ((cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1) {
		if (errno == ENOMEM)
			xf_nomem();
		return 0;
	}
	while (il > 0) {
		op = out;
		ol = sizeof(out);
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		if (errno == EILSEQ || last)
			ok = 0;
		break;
	}
	iconv_close(cd);
	return ok;
}

static int
set_encoding(struct xf_csvin *in, enum xf_encoding enc)
{
	const char *from = enc == XF_ENC_GBK ? "GBK" : "GB18030";

	in->enc = enc;
	if (enc == XF_ENC_UTF8)
		return 0;
	if ((in->cd = iconv_open("UTF-8", from)) == (iconv_t)-1) {
		if (errno == ENOMEM)
			xf_nomem();
		xf_warn("%s: cannot convert from %s", in->name, from);
		return -1;
	}
	if (in->cbuf == NULL)
		in->cbuf = xf_malloc(4 * BLOCK + 16);
	return 0;
}

/* Read and feed one block.  Returns 0, or -1 on a read error. */
static int
fill(struct xf_csvin *in)
{
	size_t n, skipbom = 0;
	const char *s;

	n = fread(in->ibuf + in->ilen, 1, BLOCK - in->ilen, in->fp);
	if (n == 0 && ferror(in->fp)) {
		xf_warn("%s", in->name);
		in->ioerr = 1;
		return -1;
	}
	if (n == 0)
		in->eof = 1;
	in->bytes += n;
	in->ilen += n;
	if (in->first) {
		if (in->ilen < 4 && !in->eof)
			return 0;	/* too little to look at yet */
		in->first = 0;
		if (in->enc == XF_ENC_AUTO) {
			if (block_is_utf8(in->ibuf, in->ilen, in->eof) ||
			    !block_is_gb18030(in->ibuf, in->ilen, in->eof))
				in->enc = XF_ENC_UTF8;
			else {
				xf_warnx("%s: not valid UTF-8, reading it as "
				    "GB18030", in->name);
				if (set_encoding(in, XF_ENC_GB18030) == -1) {
					in->ioerr = 1;
					return -1;
				}
			}
		}
		if (in->enc == XF_ENC_GB18030 &&
		    in->ilen >= 4 && memcmp(in->ibuf, "\x84\x31\x95\x33", 4) == 0)
			skipbom = 4;
		else if (in->ilen >= 3 && memcmp(in->ibuf, "\xef\xbb\xbf", 3) == 0)
			skipbom = 3;
		if (skipbom > 0) {
			memmove(in->ibuf, in->ibuf + skipbom, in->ilen - skipbom);
			in->ilen -= skipbom;
		}
	}
	if (in->enc == XF_ENC_UTF8 || in->enc == XF_ENC_AUTO) {
		s = in->ibuf;
		n = in->ilen;
		in->ilen = 0;
	} else {
		s = in->cbuf;
		n = convert(in);
	}
	feed(in, s, n);
	return 0;
}

static void
finish_input(struct xf_csvin *in)
{
	if (in->skipping) {
		in->skipping = 0;
		abandon(in, in->skiperr);
	} else if (csv_fini(&in->p, on_field, on_record, in) != 0)
		abandon(in, "unterminated quoted field");
	in->done = 1;
}

int
xf_csvin_next(struct xf_csvin *in, struct xf_row *row)
{
	struct rec *r;
	size_t i, keep;

	while (in->qhead == in->qlen) {
		/* Everything handed out: move the record in progress down. */
		keep = in->cur < in->nf ? in->foff[in->cur] : in->alen;
		if (in->alen > keep)
			memmove(in->arena, in->arena + keep, in->alen - keep);
		in->alen -= keep;
		for (i = in->cur; i < in->nf; i++)
			in->foff[i - in->cur] = in->foff[i] - keep;
		for (i = in->cur; i < in->nf; i++)
			in->flen[i - in->cur] = in->flen[i];
		in->nf -= in->cur;
		in->cur = 0;
		in->qhead = in->qlen = 0;
		if (in->ioerr)
			return XF_CSV_IOERR;
		if (in->done)
			return XF_CSV_EOF;
		if (in->eof && in->ilen == 0) {
			finish_input(in);
			continue;
		}
		if (fill(in) == -1)
			return XF_CSV_IOERR;
	}
	r = &in->q[in->qhead++];
	if (r->nf > in->fptrcap) {
		in->fptrcap = r->nf;
		in->fptr = xf_reallocarray(in->fptr, in->fptrcap,
		    sizeof(char *));
	}
	for (i = 0; i < r->nf; i++)
		in->fptr[i] = in->arena + in->foff[r->f0 + i];
	row->field = in->fptr;
	row->len = in->flen + r->f0;
	row->nfield = r->nf;
	row->line = r->line;
	row->raw = r->bad == 2;
	if (r->bad) {
		in->err = in->arena + r->msg;
		return XF_CSV_BAD;
	}
	return XF_CSV_ROW;
}

struct xf_csvin *
xf_csvin_new(FILE *fp, const char *name, const struct xf_csvopt *opt)
{
	struct xf_csvin *in;
	const char *e;

	in = xf_calloc(1, sizeof(*in));
	in->fp = fp;
	in->name = xf_strdup(name);
	if (opt != NULL)
		in->opt = *opt;
	if (in->opt.delim == 0)
		in->opt.delim = ',';
	if (in->opt.maxfield == 0)
		in->opt.maxfield = XF_CSV_MAXFIELD;
	/* For checking the direct path against libcsv (xf(7)). */
	if ((e = getenv("XF_CSV_LIBCSV")) != NULL && strcmp(e, "1") == 0)
		in->opt.libcsv = 1;
	in->ibuf = xf_malloc(BLOCK);
	in->cd = (iconv_t)-1;
	in->first = 1;
	in->line = 1;
	in->atstart = 1;
	in->enc = XF_ENC_AUTO;
	if (in->opt.encoding != XF_ENC_AUTO &&
	    set_encoding(in, in->opt.encoding) == -1) {
		free(in->ibuf);
		free(in->name);
		free(in);
		return NULL;
	}
	parser_init(in);
	in->stop[(unsigned char)in->opt.delim] = 1;
	in->stop['"'] = in->stop['\n'] = in->stop['\r'] = 1;
	return in;
}

struct xf_csvin *
xf_csvin_open(const char *path, const struct xf_csvopt *opt)
{
	struct xf_csvin *in;
	FILE *fp;

	if (strcmp(path, "-") == 0)
		return xf_csvin_new(stdin, "<stdin>", opt);
	if ((fp = fopen(path, "rb")) == NULL) {
		if (errno == ENOMEM)
			xf_nomem();
		xf_warn("%s", path);
		return NULL;
	}
	if ((in = xf_csvin_new(fp, path, opt)) == NULL) {
		fclose(fp);
		return NULL;
	}
	in->ownfp = 1;
	return in;
}

const char *
xf_csvin_error(const struct xf_csvin *in)
{
	return in->err == NULL ? "" : in->err;
}

const char *
xf_csvin_name(const struct xf_csvin *in)
{
	return in->name;
}

unsigned long long
xf_csvin_bytes(const struct xf_csvin *in)
{
	return in->bytes;
}

unsigned long long
xf_csvin_direct(const struct xf_csvin *in)
{
	return in->direct;
}

size_t
xf_csvin_width(const struct xf_csvin *in)
{
	return in->width;
}

enum xf_encoding
xf_csvin_encoding(const struct xf_csvin *in)
{
	return in->enc == XF_ENC_AUTO ? XF_ENC_UTF8 : in->enc;
}

int
xf_csvin_close(struct xf_csvin *in)
{
	int rc;

	if (in == NULL)
		return 0;
	rc = in->ioerr ? -1 : 0;
	if (in->ownfp)
		fclose(in->fp);
	if (in->cd != (iconv_t)-1)
		iconv_close(in->cd);
	csv_free(&in->p);
	free(in->ibuf);
	free(in->cbuf);
	free(in->raw);
	free(in->arena);
	free(in->foff);
	free(in->flen);
	free(in->q);
	free(in->fptr);
	free(in->name);
	free(in);
	return rc;
}

int
xf_csvin_is_gb18030(const char *s, size_t n)
{
	return block_is_gb18030(s, n, 1);
}

int
xf_csvin_parse_encoding(const char *s, enum xf_encoding *enc)
{
	if (strcmp(s, "auto") == 0)
		*enc = XF_ENC_AUTO;
	else if (strcmp(s, "utf-8") == 0 || strcmp(s, "utf8") == 0 ||
	    strcmp(s, "UTF-8") == 0)
		*enc = XF_ENC_UTF8;
	else if (strcmp(s, "gb18030") == 0 || strcmp(s, "GB18030") == 0)
		*enc = XF_ENC_GB18030;
	else if (strcmp(s, "gbk") == 0 || strcmp(s, "GBK") == 0)
		*enc = XF_ENC_GBK;
	else
		return -1;
	return 0;
}
