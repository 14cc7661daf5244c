/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for the classification core of xf-classify(1): the
 * built-in rules (lib/data/rules.csv) classify a fuzzed record.  The
 * input up to its first NUL byte is the subject, the rest the content
 * (no NUL: no subject).  Any broken promise aborts.
 *
 * Checked:
 *   - the built-in rules without the prefilter give exactly the same
 *     verdict (category, subcategory, score, confidence, evidence, the
 *     rules that fired, the lists above the threshold): the prefilter
 *     is only a shortcut;
 *   - the record after normalisation (xf_hanzi_normalize: traditional
 *     to simplified, full width to half width) gets the same verdict as
 *     the record itself, since the classifier normalises first and
 *     normalising is idempotent;
 *   - classifying the same record again gives the same verdict;
 *   - category and subcategory are never NULL, confidence is in 0 .. 1,
 *     and the category is 其他 exactly when the score is below the
 *     threshold (1) or nothing fired.
 * A record that hits PCRE2's match limit (-1) must say why; the sides
 * are then not compared.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "hanzi.h"
#include "rules.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	 fail(const char *);
static struct xf_rules *load(int);
static char	*run(struct xf_classifier *, const char *, size_t,
		    const char *, size_t, int *);

static struct xf_classifier *with, *without;

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_classify: %s\n", what);
	abort();
}

static struct xf_rules *
load(int prefilter)
{
	struct xf_rules *r;

	r = xf_rules_new();
	xf_rules_set_prefilter(r, prefilter);
	if (xf_rules_load_mem(r, (const char *)xf_data_rules,
	    xf_data_rules_len, "rules.csv") == -1 ||
	    xf_rules_compile(r) == -1)
		abort();
	return r;
}

/* Classify; the verdict as one string (NULL after -1, *rc set). */
static char *
run(struct xf_classifier *c, const char *s, size_t slen, const char *t,
    size_t tlen, int *rc)
{
	struct xf_verdict v;
	char *buf = NULL;
	size_t len;
	FILE *fp;

	memset(&v, 0, sizeof(v));
	if ((*rc = xf_classify(c, s, slen, t, tlen, &v)) == -1) {
		if (v.error == NULL || v.error[0] == '\0')
			fail("failed record without an error");
		return NULL;
	}
	if (*rc != 0)
		fail("xf_classify returned neither 0 nor -1");
	if (v.category == NULL || v.subcategory == NULL)
		fail("verdict without a category or subcategory");
	if (!(v.confidence >= 0 && v.confidence <= 1))
		fail("confidence outside 0 .. 1");
	if (strcmp(v.category, XF_RULES_OTHER) != 0 && v.score < 1)
		fail("a category below the threshold won");
	if ((fp = open_memstream(&buf, &len)) == NULL)
		abort();
	fprintf(fp, "%s/%s %.17g %.17g\nevidence %s\nexplain %s\nall %s\n"
	    "allsub %s\n", v.category, v.subcategory, v.score,
	    v.confidence, v.evidence, v.explain, v.all, v.allsub);
	if (fclose(fp) == EOF)
		abort();
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *subj = "", *cont = in, *nul;
	size_t slen = 0, clen = size, nslen, nclen;
	char *a, *b, *ns, *nc;
	int ra, rb;

	if (with == NULL) {
		with = xf_classifier_new(load(1));
		without = xf_classifier_new(load(0));
	}
	if ((nul = memchr(in, '\0', size)) != NULL) {
		subj = in;
		slen = (size_t)(nul - in);
		cont = nul + 1;
		clen = size - slen - 1;
	}

	a = run(with, subj, slen, cont, clen, &ra);
	b = run(without, subj, slen, cont, clen, &rb);
	if (a != NULL && b != NULL && strcmp(a, b) != 0) {
		fprintf(stderr, "with prefilter:\n%swithout:\n%s", a, b);
		fail("the prefilter changed the verdict");
	}
	free(b);

	b = run(with, subj, slen, cont, clen, &rb);
	if (ra != rb || (a != NULL && strcmp(a, b) != 0))
		fail("the same record classified twice differs");
	free(b);

	if ((ns = malloc(slen + 1)) == NULL || (nc = malloc(clen + 1)) == NULL)
		abort();
	nslen = xf_hanzi_normalize(subj, slen, ns);
	nclen = xf_hanzi_normalize(cont, clen, nc);
	b = run(with, ns, nslen, nc, nclen, &rb);
	if (a != NULL && b != NULL && strcmp(a, b) != 0) {
		fprintf(stderr, "as given:\n%snormalised:\n%s", a, b);
		fail("the normalised record got another verdict");
	}
	free(a);
	free(b);
	free(ns);
	free(nc);
	return 0;
}
