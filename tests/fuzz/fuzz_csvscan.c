/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for the record-boundary scanner (lib/csvscan.h),
 * with the CSV reader (lib/csvin.h, over libcsv) as the oracle: when the
 * scanner calls an input clean, xf-split copies its records as byte
 * ranges, so
 *   - the reader must read every record of it as good (XF_CSV_ROW), as
 *     many as the scanner counted, with the header's number of fields;
 *   - each byte range between two record ends the scanner reported,
 *     read on its own after the header, must give exactly the fields the
 *     reader gave for that record;
 *   - the scanner gives the same verdict whatever the buffer size the
 *     input is fed in, and for a clean input the same record ends;
 *   - scanned as two stretches, the second begun just after the first LF
 *     from the middle on (xf_csvscan_init_at) and joined, or, where the
 *     join refuses the guess, the first scan going on over the second
 *     stretch's bytes: the same verdict and records as one scan.
 * Any broken promise aborts.
 *
 * The first input byte chooses the options; the rest is the CSV text:
 *	bits 0-1	delimiter: ',' ';' '\t' '|'
 *	bits 2-3	maximum field size: 1 MiB, 16, 100, 4
 *	bits 4-6	buffer size for the second scan: 1 to 8 bytes
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "csvscan.h"

#define MAXENDS	4096

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct ends {
	size_t		 base;
	size_t		*off;
	size_t		 n;
};

static void
on_record(void *arg, size_t end)
{
	struct ends *e = arg;

	if (e->n < MAXENDS)
		e->off[e->n] = e->base + end;
	e->n++;
}

static int
scan(const char *s, size_t len, size_t step, int delim, size_t maxfield,
    struct xf_csvscan *sc, struct ends *e)
{
	char *buf;
	size_t have = 0, pos = 0, used, k;
	int rc = -1;

	/* Room for a step and the up to 3 bytes handed in again. */
	if ((buf = malloc(step + 4)) == NULL)
		abort();
	xf_csvscan_init(sc, delim, maxfield);
	e->n = 0;
	while (pos < len) {
		k = len - pos < step ? len - pos : step;
		memcpy(buf + have, s + pos, k);
		pos += k;
		have += k;
		e->base = pos - have;
		used = xf_csvscan_feed(sc, buf, have, on_record, e);
		if (sc->err != NULL)
			goto done;
		memmove(buf, buf + used, have - used);
		have -= used;
	}
	rc = xf_csvscan_end(sc, have);
done:
	free(buf);
	return rc;
}

/*
 * The verdict on S (LEN bytes) scanned in two stretches cut just after
 * the first LF from LEN / 2 on, as xf-split does on a large file; 1 if
 * there is no such LF.  *RECORDS is the records counted.
 */
static int
stretches(const char *s, size_t len, int delim, size_t maxfield,
    unsigned long long *records)
{
	struct xf_csvscan a, b;
	const char *lf;
	size_t cut, used;
	int rc;

	if (len < 2 || (lf = memchr(s + len / 2, '\n', len - len / 2)) ==
	    NULL || (cut = (size_t)(lf - s) + 1) == len)
		return 1;
	xf_csvscan_init(&a, delim, maxfield);
	if (xf_csvscan_feed(&a, s, cut, NULL, NULL) != cut || a.err != NULL)
		return -1;
	xf_csvscan_init_at(&b, delim, maxfield, cut);
	used = xf_csvscan_feed(&b, s + cut, len - cut, NULL, NULL);
	if (xf_csvscan_join(&a, &b) == -1)
		used = xf_csvscan_feed(&a, s + cut, len - cut, NULL, NULL);
	rc = xf_csvscan_end(&a, len - cut - used);
	*records = a.records;
	return rc;
}

/* Read S (LEN bytes) with the reader; the records into *rows. */
static struct xf_csvin *
reader(const char *s, size_t len, const struct xf_csvopt *opt, FILE **fp)
{
	if ((*fp = fmemopen((void *)(uintptr_t)s, len, "rb")) == NULL)
		abort();
	return xf_csvin_new(*fp, "fuzz", opt);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int delims[] = { ',', ';', '\t', '|' };
	static const size_t maxes[] = { 1024 * 1024, 16, 100, 4 };
	static size_t off1[MAXENDS], off2[MAXENDS];
	struct xf_csvscan sc, sc2;
	struct ends e1 = { 0, off1, 0 }, e2 = { 0, off2, 0 };
	struct xf_csvopt opt;
	struct xf_csvin *in, *one;
	struct xf_row row, row1;
	const char *s;
	char *piece;
	FILE *fp, *fp1;
	size_t len, step, hlen, i, k, rec, start;
	unsigned long long nrec;
	int delim, rc, clean;

	if (size < 1)
		return 0;
	delim = delims[data[0] & 3];
	memset(&opt, 0, sizeof(opt));
	opt.delim = delim;
	opt.maxfield = maxes[(data[0] >> 2) & 3];
	opt.encoding = XF_ENC_UTF8;
	step = (size_t)((data[0] >> 4) & 7) + 1;
	s = (const char *)data + 1;
	len = size - 1;

	clean = scan(s, len, len + 1, delim, opt.maxfield, &sc, &e1) == 0;
	if ((scan(s, len, step, delim, opt.maxfield, &sc2, &e2) == 0) !=
	    clean)
		abort();
	rc = stretches(s, len, delim, opt.maxfield, &nrec);
	if (rc != 1 && ((rc == 0) != clean || (clean && nrec != sc.records)))
		abort();
	if (!clean)
		return 0;
	if (e1.n != e2.n)
		abort();
	for (i = 0; i < e1.n && i < MAXENDS; i++)
		if (off1[i] != off2[i])
			abort();
	if (e1.n >= MAXENDS)
		return 0;
	if (sc.records != e1.n + (sc.nolf ? 1 : 0))
		abort();

	/* The whole input through the reader. */
	in = reader(s, len, &opt, &fp);
	hlen = sc.records == 1 && sc.nolf ? len : off1[0];
	rec = 0;
	while ((rc = xf_csvin_next(in, &row)) != XF_CSV_EOF) {
		if (rc != XF_CSV_ROW || row.nfield != sc.width)
			abort();
		if (rec > 0) {
			/* Record rec alone, after the header. */
			start = off1[rec - 1];
			k = rec < e1.n ? off1[rec] - start : len - start;
			if ((piece = malloc(hlen + k)) == NULL)
				abort();
			memcpy(piece, s, hlen);
			memcpy(piece + hlen, s + start, k);
			one = reader(piece, hlen + k, &opt, &fp1);
			if (xf_csvin_next(one, &row1) != XF_CSV_ROW ||
			    xf_csvin_next(one, &row1) != XF_CSV_ROW ||
			    row1.nfield != row.nfield)
				abort();
			for (i = 0; i < row.nfield; i++)
				if (row1.len[i] != row.len[i] ||
				    memcmp(row1.field[i], row.field[i],
				    row.len[i]) != 0)
					abort();
			if (xf_csvin_next(one, &row1) != XF_CSV_EOF)
				abort();
			xf_csvin_close(one);
			fclose(fp1);
			free(piece);
		}
		rec++;
	}
	if (rec != sc.records)
		abort();
	xf_csvin_close(in);
	fclose(fp);
	return 0;
}
