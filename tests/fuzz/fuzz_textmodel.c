/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for the model file reader (lib/textmodel.h).  The
 * input is read twice: as it is, and with its size field and checksum
 * made right (so that the fuzzer reaches the parsing behind the
 * checksum instead of stopping at it).  A model the reader accepts must
 * classify a text, with probabilities from 0 to 1 adding up to 1, and
 * survive a save and a second load unchanged in its class count.  Any
 * broken promise aborts.
 */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "textmodel.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	 fail(const char *);
static void	 check(const unsigned char *, size_t);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_textmodel: %s\n", what);
	abort();
}

static void
check(const unsigned char *buf, size_t len)
{
	struct xf_textmodel *m, *m2;
	const char *err = NULL, *text = "拖欠工資，噪音 abc\xff";
	size_t tl = strlen(text), best, i, n, slen = 0;
	double prob[64], sum = 0;
	char *saved = NULL;
	FILE *fp;

	if ((m = xf_tm_load_mem(buf, len, &err)) == NULL) {
		if (err == NULL)
			fail("refused without a message");
		return;
	}
	n = xf_tm_nclass(m);
	if (n < 2)
		fail("fewer than two classes");
	if (n <= 64) {
		best = xf_tm_predict(m, &text, &tl, 1, prob);
		if (best >= n)
			fail("class out of range");
		for (i = 0; i < n; i++) {
			if (!(prob[i] >= 0 && prob[i] <= 1))
				fail("probability out of range");
			sum += prob[i];
		}
		if (fabs(sum - 1) > 1e-6)
			fail("probabilities do not add up to 1");
	}
	if ((fp = open_memstream(&saved, &slen)) == NULL)
		return;
	if (xf_tm_save(m, fp) == -1)
		fail("save failed");
	fclose(fp);
	if ((m2 = xf_tm_load_mem(saved, slen, &err)) == NULL)
		fail("a saved model does not load again");
	if (xf_tm_nclass(m2) != n)
		fail("class count changed");
	xf_tm_free(m2);
	free(saved);
	xf_tm_free(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *buf;
	uint64_t sum, len;
	size_t i;

	check(data, size);
	if (size < 28 || size > (1u << 20))
		return 0;
	if ((buf = malloc(size)) == NULL)
		return 0;
	memcpy(buf, data, size);
	memcpy(buf, XF_TM_MAGIC, 8);
	len = size;
	for (i = 0; i < 8; i++)
		buf[12 + i] = (unsigned char)(len >> (8 * i));
	sum = xf_hash64(buf, size - 8, XF_TM_SEED);
	for (i = 0; i < 8; i++)
		buf[size - 8 + i] = (unsigned char)(sum >> (8 * i));
	check(buf, size);
	free(buf);
	return 0;
}
