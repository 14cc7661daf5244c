/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for the rules-file loader and compiler (lib/rules.h):
 * the input, up to its first NUL byte, is loaded as a rules file; what
 * follows the NUL, if anything, is a text to classify with those rules.
 * Any broken promise aborts.
 *
 * Checked for a file that loads and compiles:
 *   - xf_rules_dump writes a rules file that loads and compiles again,
 *     with as many rules, and dumps to the same bytes (round trip);
 *   - the rules with their keys column emptied, so that the keys are
 *     worked out from the patterns, classify the text (as subject and
 *     as content) exactly the same with the prefilter and without:
 *     category, subcategory, score, evidence, the rules that fired and
 *     the lists of categories above the threshold.  The prefilter only
 *     skips rules none of whose keys is in the text, so a key worked
 *     out wrong shows up here.  (Keys a rules file gives are the
 *     author's promise and are not checked: a wrong one is meant to
 *     skip the rule.);
 *   - a verdict's category and subcategory are never NULL and its
 *     confidence is within 0 .. 1.
 * A record that hits PCRE2's match limit on either side (-1) is allowed
 * (a pattern may be hostile); the two sides are then not compared.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "csvout.h"
#include "rules.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	 fail(const char *);
static char	*dump(const struct xf_rules *, size_t *);
static struct xf_rules *load(const char *, size_t, int);
static char	*save(const struct xf_verdict *);
static char	*nokeys(const char *, size_t, size_t *);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_rules: %s\n", what);
	abort();
}

static char *
dump(const struct xf_rules *r, size_t *len)
{
	char *buf = NULL;
	FILE *fp;

	if ((fp = open_memstream(&buf, len)) == NULL)
		abort();
	xf_rules_dump(r, fp);
	if (fclose(fp) == EOF)
		abort();
	return buf;
}

/* Load and compile, or NULL. */
static struct xf_rules *
load(const char *buf, size_t len, int prefilter)
{
	struct xf_rules *r;

	r = xf_rules_new();
	xf_rules_set_prefilter(r, prefilter);
	if (xf_rules_load_mem(r, buf, len, "<fuzz>") == -1 ||
	    xf_rules_compile(r) == -1) {
		xf_rules_free(r);
		return NULL;
	}
	return r;
}

/* The dumped rules a, alen bytes, with the keys column emptied. */
static char *
nokeys(const char *a, size_t alen, size_t *len)
{
	struct xf_csvopt opt;
	struct xf_csvout *out;
	struct xf_csvin *in;
	struct xf_row row;
	FILE *ifp, *ofp;
	char *buf = NULL;
	size_t i, keys = (size_t)-1;
	int rc;

	memset(&opt, 0, sizeof(opt));
	opt.encoding = XF_ENC_UTF8;
	if ((ifp = fmemopen((void *)(uintptr_t)a, alen, "r")) == NULL ||
	    (ofp = open_memstream(&buf, len)) == NULL ||
	    (in = xf_csvin_new(ifp, "<dump>", &opt)) == NULL)
		abort();
	out = xf_csvout_new(ofp, ',', 0);
	while ((rc = xf_csvin_next(in, &row)) != XF_CSV_EOF) {
		if (rc != XF_CSV_ROW)
			fail("the dump is not good CSV");
		for (i = 0; i < row.nfield; i++) {
			if (row.line == 1 && strcmp(row.field[i], "keys") == 0)
				keys = i;
			xf_csvout_field(out, row.field[i], i == keys &&
			    row.line > 1 ? 0 : row.len[i]);
		}
		xf_csvout_end(out);
	}
	if (xf_csvout_flush(out) == -1)
		abort();
	xf_csvout_free(out);
	xf_csvin_close(in);
	fclose(ifp);
	if (fclose(ofp) == EOF)
		abort();
	return buf;
}

/* A verdict as one string, to compare (the verdict's own is reused). */
static char *
save(const struct xf_verdict *v)
{
	char *buf = NULL;
	size_t len;
	FILE *fp;

	if (v->category == NULL || v->subcategory == NULL)
		fail("verdict without a category or subcategory");
	if (!(v->confidence >= 0 && v->confidence <= 1))
		fail("confidence outside 0 .. 1");
	if ((fp = open_memstream(&buf, &len)) == NULL)
		abort();
	fprintf(fp, "%s/%s %.9g %.9g\nevidence %s\nexplain %s\nall %s\n"
	    "allsub %s\n", v->category, v->subcategory, v->score,
	    v->confidence, v->evidence != NULL ? v->evidence : "(null)",
	    v->explain != NULL ? v->explain : "(null)",
	    v->all != NULL ? v->all : "(null)",
	    v->allsub != NULL ? v->allsub : "(null)");
	if (fclose(fp) == EOF)
		abort();
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *text = NULL, *nul;
	struct xf_rules *r, *r2, *r3;
	struct xf_classifier *c, *c3;
	struct xf_verdict v;
	size_t rlen = size, tlen = 0, alen, blen;
	char *a, *b, *va, *vb;
	int side, ra, rb;

	if ((nul = memchr(in, '\0', size)) != NULL) {
		rlen = (size_t)(nul - in);
		text = nul + 1;
		tlen = size - rlen - 1;
	}
	if ((r = load(in, rlen, 1)) == NULL)
		return 0;

	/* Round trip through the dump. */
	a = dump(r, &alen);
	if ((r2 = load(a, alen, 1)) == NULL)
		fail("dumped rules do not load again");
	if (xf_rules_count(r2) != xf_rules_count(r))
		fail("dumped rules load as another number of rules");
	b = dump(r2, &blen);
	if (alen != blen || memcmp(a, b, alen) != 0)
		fail("dumping the dumped rules gives other bytes");
	free(b);
	xf_rules_free(r2);
	xf_rules_free(r);

	/* With the prefilter and without. */
	if (text != NULL) {
		b = nokeys(a, alen, &blen);
		if ((r = load(b, blen, 1)) == NULL)
			fail("rules without their keys do not load");
		if ((r3 = load(b, blen, 0)) == NULL)
			fail("rules load with the prefilter, not without");
		free(b);
		c = xf_classifier_new(r);
		c3 = xf_classifier_new(r3);
		for (side = 0; side < 2; side++) {
			ra = xf_classify(c, side ? text : "", side ? tlen : 0,
			    side ? "" : text, side ? 0 : tlen, &v);
			if (ra == -1 && v.error == NULL)
				fail("failed record without an error");
			va = ra == 0 ? save(&v) : NULL;
			rb = xf_classify(c3, side ? text : "", side ? tlen : 0,
			    side ? "" : text, side ? 0 : tlen, &v);
			if (rb == -1 && v.error == NULL)
				fail("failed record without an error");
			vb = rb == 0 ? save(&v) : NULL;
			if (va != NULL && vb != NULL && strcmp(va, vb) != 0) {
				fprintf(stderr, "with prefilter:\n%s"
				    "without:\n%s", va, vb);
				fail("the prefilter changed the verdict");
			}
			free(va);
			free(vb);
		}
		xf_classifier_free(c);
		xf_classifier_free(c3);
		xf_rules_free(r3);
		xf_rules_free(r);
	}
	free(a);
	return 0;
}
