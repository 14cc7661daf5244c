/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for the calculation core of xf-compensate(1)
 * (lib/compensate.h): one claim, written as lines "column=value" (LF
 * separated; a column the module reads, or a parameter name, which
 * overrides that parameter as a column of that name does in the tool),
 * is computed with the built-in parameters, in both pre-2008 modes.
 * Any broken promise aborts.
 *
 * Checked:
 *   - the result does not depend on the compensator's history: the
 *     claim computed again, and computed by a new compensator, gives
 *     the same return, amounts and strings;
 *   - asking for the working changes nothing else: with explain on,
 *     the return, amounts, components, basis, warnings and error are
 *     those without;
 *   - a claim that fails says why (a non-empty error); one that is
 *     computed has a type, components and basis, a total within the
 *     money range, and a total that is not negative except for a house
 *     taken in exchange for another (产权调换, 第21条: the person pays
 *     the difference); recurring benefits are never negative.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compensate.h"
#include "money.h"
#include "params.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	 fail(const char *, const char *);
static char	*record(int, const struct xf_award *, int);
static int	 parse(const char *, size_t, struct xf_claim *);

static struct xf_params *params;

static void
fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_compensate: %s\n%s", what,
	    detail != NULL ? detail : "");
	abort();
}

/* The claim from the lines of the input; -1 if it has too many overrides. */
static int
parse(const char *s, size_t n, struct xf_claim *c)
{
	const char *end = s + n, *eol, *eq;
	char name[64];
	size_t nlen;
	int f, p;

	memset(c, 0, sizeof(*c));
	for (; s < end; s = eol + 1) {
		if ((eol = memchr(s, '\n', (size_t)(end - s))) == NULL)
			eol = end;
		if ((eq = memchr(s, '=', (size_t)(eol - s))) == NULL ||
		    (nlen = (size_t)(eq - s)) >= sizeof(name)) {
			if (eol == end)
				break;
			continue;
		}
		memcpy(name, s, nlen);
		name[nlen] = '\0';
		for (f = 0; f < XF_CL_NFIELDS; f++)
			if (strcmp(xf_compensate_field(f), name) == 0) {
				c->val[f] = eq + 1;
				c->len[f] = (size_t)(eol - eq - 1);
				break;
			}
		if (f == XF_CL_NFIELDS &&
		    (p = xf_compensate_param_index(name)) != -1) {
			if (c->nover == XF_CLAIM_MAXOVER)
				return -1;
			c->over[c->nover].param = p;
			c->over[c->nover].val = eq + 1;
			c->over[c->nover].len = (size_t)(eol - eq - 1);
			c->nover++;
		}
		if (eol == end)
			break;
	}
	return 0;
}

/* The outcome as one string; with the working when explain is 1. */
static char *
record(int rc, const struct xf_award *a, int explain)
{
	char *buf = NULL;
	size_t len;
	FILE *fp;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		abort();
	if (rc == -1)
		fprintf(fp, "error %s\n", a->error != NULL ? a->error :
		    "(null)");
	else
		fprintf(fp, "amount %lld monthly %d %lld type %s\n"
		    "components %s\nbasis %s\nwarnings %s\n",
		    (long long)a->amount, a->has_monthly,
		    (long long)a->monthly, a->type, a->components, a->basis,
		    a->warnings);
	if (explain && rc == 0)
		fprintf(fp, "explain %s\n", a->explain);
	if (fclose(fp) == EOF)
		abort();
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xf_compensator *k, *k2;
	struct xf_claim c;
	struct xf_award a;
	char *first, *again, *fresh, *plain;
	int mode, rc, swap;

	if (params == NULL) {
		params = xf_params_new();
		if (xf_params_defaults(params) == -1)
			abort();
	}
	if (parse((const char *)data, size, &c) == -1)
		return 0;
	swap = c.val[XF_CL_METHOD] != NULL;

	for (mode = 0; mode < 2; mode++) {
		k = xf_compensate_new(params, NULL);
		xf_compensate_set_pre2008(k, mode ? XF_PRE2008_SPLIT :
		    XF_PRE2008_CONTINUOUS);
		xf_compensate_set_explain(k, 1);
		memset(&a, 0, sizeof(a));
		rc = xf_compensate_run(k, &c, &a);
		if (rc != 0 && rc != -1)
			fail("xf_compensate_run returned neither 0 nor -1",
			    NULL);
		first = record(rc, &a, 1);
		if (rc == -1 && (a.error == NULL || a.error[0] == '\0'))
			fail("a failed claim without an error", first);
		if (rc == 0) {
			if (a.type == NULL || a.components == NULL ||
			    a.basis == NULL || a.warnings == NULL ||
			    a.explain == NULL)
				fail("a computed claim with a NULL string",
				    NULL);
			if (a.amount > XF_MONEY_MAX ||
			    a.amount < -XF_MONEY_MAX)
				fail("the total is outside the money range",
				    first);
			if (a.amount < 0 && !(strcmp(a.type, "house") == 0 &&
			    swap))
				fail("a negative total", first);
			if (a.has_monthly && a.monthly < 0)
				fail("a negative monthly benefit", first);
		}

		/* Again, on the same compensator and on a new one. */
		memset(&a, 0, sizeof(a));
		again = record(xf_compensate_run(k, &c, &a), &a, 1);
		if (strcmp(first, again) != 0)
			fail("the same claim computed twice differs", again);
		k2 = xf_compensate_new(params, NULL);
		xf_compensate_set_pre2008(k2, mode ? XF_PRE2008_SPLIT :
		    XF_PRE2008_CONTINUOUS);
		xf_compensate_set_explain(k2, 1);
		memset(&a, 0, sizeof(a));
		fresh = record(xf_compensate_run(k2, &c, &a), &a, 1);
		if (strcmp(first, fresh) != 0)
			fail("a new compensator computes another result",
			    fresh);

		/* Without the working. */
		xf_compensate_set_explain(k2, 0);
		memset(&a, 0, sizeof(a));
		plain = record(xf_compensate_run(k2, &c, &a), &a, 0);
		if (strncmp(fresh, plain, strlen(plain)) != 0 ||
		    (fresh[strlen(plain)] != '\0' &&
		    strncmp(fresh + strlen(plain), "explain ", 8) != 0))
			fail("explain changed the result", plain);
		free(first);
		free(again);
		free(fresh);
		free(plain);
		xf_compensate_free(k);
		xf_compensate_free(k2);
	}
	return 0;
}
