/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for the decision core of xf-eligible(1)
 * (lib/eligible.h).  The input bytes are read in turn as a household
 * (its members' incomes, ages, disabilities, supporters, costs; its
 * assets and housing area) and the resolved parameters (each known or
 * not, any decimal, placeholder or not); the six programmes are decided
 * for it.  The rest of the input, cut in four, goes to the column
 * readers.  Any broken promise aborts.
 *
 * Checked, for every programme:
 *   - a decision never depends on the trace: with no_trace the return,
 *     decided, eligible, the amounts, placeholder and the reason are
 *     those with the trace; deciding again gives the same;
 *   - a failure (-1) is undecided and says why; eligible is 0 or 1;
 *     amounts are never negative; reason and trace are never NULL;
 *   - 低保 is monotone in income: a household found eligible stays
 *     eligible when every counted member earns nothing (all else the
 *     same), since its criterion is income below the standard;
 *   - xf_elig_counted agrees with counting the counted members and
 *     adding up their incomes here.
 * The column readers: a value read (0) lies in its range (a
 * disability has a grade exactly when it has a kind); a refusal (-1)
 * says why.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eligible.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAXMEMBERS	8

struct in {
	const uint8_t	*p;
	size_t		 n;
};

static void	 fail(int, const char *, const char *);
static unsigned	 byte(struct in *);
static int64_t	 fen(struct in *);
static void	 dec(struct in *, struct xf_dec *);
static char	*record(int, const struct xf_elig_result *, int);
static void	 readers(const char *, size_t);

static const char *const statuses[] = {
	"", "服刑", "强制隔离戒毒", "宗教教职3年以上", "宣告失踪", "刑满释放",
	"监外执行", "保外就医", "假释"
};

static void
fail(int g, const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_eligible: %s: %s\n%s\n",
	    g >= 0 ? xf_elig_prog_name(g) : "-", what,
	    detail != NULL ? detail : "");
	abort();
}

/* The next byte, 0 past the end. */
static unsigned
byte(struct in *in)
{
	if (in->n == 0)
		return 0;
	in->n--;
	return *in->p++;
}

/* An amount in fen: mostly everyday sizes, sometimes huge. */
static int64_t
fen(struct in *in)
{
	unsigned b = byte(in);
	int64_t v;

	v = (int64_t)byte(in) << 8 | byte(in);
	switch (b & 3) {
	case 0:
		return 0;
	case 1:
		return v;			/* up to 655 yuan */
	case 2:
		return v * 100;			/* up to 65,535 yuan */
	default:
		/* Up to XF_MONEY_MAX. */
		return (int64_t)(((uint64_t)v << 32 | (uint64_t)byte(in) <<
		    24 | (uint64_t)byte(in) << 16 | (uint64_t)byte(in) << 8 |
		    byte(in)) % (uint64_t)(XF_MONEY_MAX + 1));
	}
}

/* A decimal: up to 65535 with 0 to 3 decimals, negative at times. */
static void
dec(struct in *in, struct xf_dec *d)
{
	unsigned b = byte(in);

	d->num = (int64_t)byte(in) << 8 | byte(in);
	d->scale = (int)(b & 3);
	if ((b & 0x0c) == 0x0c)
		d->num = -d->num;
}

static char *
record(int rc, const struct xf_elig_result *r, int trace)
{
	char *buf = NULL;
	size_t len;
	FILE *fp;

	if (r->reason == NULL || r->trace == NULL)
		fail(-1, "a NULL reason or trace", NULL);
	if ((fp = open_memstream(&buf, &len)) == NULL)
		abort();
	fprintf(fp, "rc %d decided %d eligible %d monthly %d %lld "
	    "lump %d %lld placeholder %d\nreason %s\n", rc, r->decided,
	    r->eligible, r->has_monthly, (long long)r->monthly, r->has_lump,
	    (long long)r->lump, r->placeholder, r->reason);
	if (trace)
		fprintf(fp, "trace %s\n", r->trace);
	if (fclose(fp) == EOF)
		abort();
	return buf;
}

static void
readers(const char *s, size_t n)
{
	const char *why;
	size_t q = n / 4;
	int a, b;

	why = NULL;
	if (xf_elig_parse_status(s, q, &a, &why) == -1 ? why == NULL :
	    (a != 0 && a != 1))
		fail(-1, "member_status reader", NULL);
	why = NULL;
	if (xf_elig_parse_hukou(s + q, q, &a, &why) == -1 ? why == NULL :
	    (a != 0 && a != 1))
		fail(-1, "hukou reader", NULL);
	why = NULL;
	if (xf_elig_parse_disability(s + 2 * q, q, &a, &b, &why) == -1 ?
	    why == NULL : (a < XF_DIS_NONE || a > XF_DIS_MULTIPLE ||
	    b < 0 || b > 4 || (a == XF_DIS_NONE) != (b == 0)))
		fail(-1, "disability reader", NULL);
	why = NULL;
	if (xf_elig_parse_supporter(s + 3 * q, n - 3 * q, &a, &why) == -1 ?
	    why == NULL : (a < XF_SUP_UNKNOWN || a > XF_SUP_UNABLE))
		fail(-1, "supporter reader", NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xf_elig_person p[MAXMEMBERS], zero[MAXMEMBERS];
	struct xf_elig_household h;
	struct xf_elig_result r;
	struct in in;
	int64_t income, sum;
	size_t i, n, counted;
	unsigned b;
	char *with, *again, *without;
	int g, rc, rc2;

	in.p = data;
	in.n = size;
	memset(&h, 0, sizeof(h));
	memset(p, 0, sizeof(p));
	b = byte(&in);
	h.id = "H1";
	h.rural = b & 1;
	h.has_assets = (b >> 1) & 1;
	h.has_area = (b >> 2) & 1;
	h.edge_inclusive = (b >> 3) & 1;
	n = 1 + ((b >> 4) & 7);
	h.assets = fen(&in);
	dec(&in, &h.area);
	for (i = 0; i < n; i++) {
		b = byte(&in);
		p[i].name = "某";
		p[i].status = statuses[b % 9];
		p[i].counted = (b % 9) == 0 || (b % 9) >= 5;
		b = byte(&in);
		p[i].age = b == 255 ? -1 : (int)(b % 121);
		p[i].income = fen(&in);
		p[i].excluded = fen(&in);
		b = byte(&in);
		p[i].dis_kind = (int)(b & 7);
		p[i].dis_grade = p[i].dis_kind == 0 ? 0 :
		    1 + (int)((b >> 3) & 3);
		p[i].supporter = (int)((b >> 5) & 3);
		b = byte(&in);
		p[i].has_emp = b & 1;
		dec(&in, &p[i].emp_years);
		if (p[i].emp_years.num < 0)
			p[i].emp_years.num = -p[i].emp_years.num;
		p[i].emergency = fen(&in);
		p[i].medical = fen(&in);
	}
	h.p = p;
	h.n = n;
	for (i = 0; i < XF_EP_N; i++) {
		b = byte(&in);
		h.par[i].known = (b & 7) != 0;
		h.par[i].placeholder = (b >> 3) & 1;
		h.par[i].where = "延吉市 2025-01-01起";
		h.par[i].source = "fuzz";
		dec(&in, &h.par[i].dec);
		/* The list year is 2016 or 2021 in real tables. */
		if (i == XF_EP_TEKUN_LIST && !(b & 0x80)) {
			h.par[i].dec.num = (b & 0x40) ? 2021 : 2016;
			h.par[i].dec.scale = 0;
		}
	}
	readers((const char *)in.p, in.n);

	counted = 0;
	sum = 0;
	for (i = 0; i < n; i++)
		if (p[i].counted) {
			counted++;
			sum += p[i].income;
		}
	if (xf_elig_counted(&h, &income) != counted || income != sum)
		fail(-1, "xf_elig_counted disagrees with a recount", NULL);

	for (g = 0; g < XF_ELIG_NPROG; g++) {
		h.no_trace = 0;
		rc = xf_elig_decide(&h, g, &r);
		if (rc != 0 && rc != -1)
			fail(g, "returned neither 0 nor -1", NULL);
		with = record(rc, &r, 1);
		if (rc == -1 && (r.decided || r.reason[0] == '\0'))
			fail(g, "a failure decided or without a reason", with);
		if (r.eligible != 0 && r.eligible != 1)
			fail(g, "eligible is neither 0 nor 1", with);
		if ((r.has_monthly && r.monthly < 0) ||
		    (r.has_lump && r.lump < 0))
			fail(g, "a negative amount", with);
		xf_elig_clear(&r);
		free(with);

		rc = xf_elig_decide(&h, g, &r);
		with = record(rc, &r, 0);
		xf_elig_clear(&r);
		rc2 = xf_elig_decide(&h, g, &r);
		again = record(rc2, &r, 0);
		xf_elig_clear(&r);
		if (strcmp(with, again) != 0)
			fail(g, "deciding again differs", again);
		h.no_trace = 1;
		rc2 = xf_elig_decide(&h, g, &r);
		without = record(rc2, &r, 0);
		if (r.trace[0] != '\0')
			fail(g, "a trace with no_trace", without);
		xf_elig_clear(&r);
		if (strcmp(with, without) != 0)
			fail(g, "the trace changed the decision", without);
		free(with);
		free(again);
		free(without);
	}

	/* 低保 with no counted income at all. */
	h.no_trace = 1;
	rc = xf_elig_decide(&h, XF_ELIG_DIBAO, &r);
	if (rc == 0 && r.decided && r.eligible) {
		xf_elig_clear(&r);
		memcpy(zero, p, sizeof(zero));
		for (i = 0; i < n; i++)
			if (zero[i].counted)
				zero[i].income = 0;
		h.p = zero;
		rc = xf_elig_decide(&h, XF_ELIG_DIBAO, &r);
		if (rc != 0 || !r.decided || !r.eligible)
			fail(XF_ELIG_DIBAO, "eligible, but not without income",
			    r.reason);
	}
	xf_elig_clear(&r);
	return 0;
}
