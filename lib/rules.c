/* SPDX-License-Identifier: ISC */

/*
 * Classification rules over PCRE2: loading and checking rules files,
 * working out each pattern's literal keys for the Aho-Corasick
 * prefilter, and scoring a record.
 *
 * The per-record cost is what matters (millions of rows): the text is
 * normalised once, scanned once for the keys of every rule, and only the
 * rules whose keys occur are matched, with pcre2_jit_match, which skips
 * PCRE2's UTF-8 check on every call (patterns are compiled with
 * PCRE2_MATCH_INVALID_UTF, so invalid bytes simply do not match).
 */

#define PCRE2_CODE_UNIT_WIDTH 8

#include <errno.h>
#include <math.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ac.h"
#include "columns.h"
#include "csvin.h"
#include "csvout.h"
#include "hanzi.h"
#include "rules.h"
#include "xf.h"

#define MATCH_LIMIT	1000000
#define MAXEVIDENCE	5
#define MAXCOUNT	3

enum { F_SUBJECT = 1, F_CONTENT = 2, F_BOTH = 3 };

enum { C_ID, C_CATEGORY, C_SUBCATEGORY, C_WEIGHT, C_FIELD, C_PATTERN,
	C_REQUIRES, C_KEYS, C_NOTE, C_N };

static const char *const colnames[C_N] = { "id", "category",
	"subcategory", "weight", "field", "pattern", "requires", "keys",
	"note" };

struct rule {
	char		*text[C_N];	/* the fields as loaded */
	double		 weight;
	int		 field;
	int		 cat, sub;	/* sub is -1 for none */
	int		 req;		/* rule index or -1 */
	int		 always;	/* no keys: always matched */
	pcre2_code	*re;
	int		 jit;
};

struct sub {
	char		*name;
	int		 cat;
};

struct xf_rules {
	struct rule	*rule;
	size_t		 nrule, rulecap;
	char		**cat;
	size_t		 ncat;
	int		*catdefault;	/* first subcategory named, or -1 */
	struct sub	*sub;
	size_t		 nsub;
	struct xf_ac	*ac;
	size_t		*always;
	size_t		 nalways;
	size_t		 nwords;	/* 64-bit words in a rule bitset */
	double		 threshold;
	double		 subjw;
	int		 compiled;
	int		 noprefilter;
};

struct xf_rules *
xf_rules_new(void)
{
	struct xf_rules *r;

	r = xf_calloc(1, sizeof(*r));
	r->threshold = 1.0;
	r->subjw = 1.5;
	return r;
}

void
xf_rules_set_threshold(struct xf_rules *r, double t)
{
	r->threshold = t;
}

void
xf_rules_set_prefilter(struct xf_rules *r, int on)
{
	r->noprefilter = !on;
}

void
xf_rules_set_subject_weight(struct xf_rules *r, double w)
{
	r->subjw = w;
}

size_t
xf_rules_count(const struct xf_rules *r)
{
	return r->nrule;
}

static int
intern_cat(struct xf_rules *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncat; i++)
		if (strcmp(r->cat[i], name) == 0)
			return (int)i;
	r->cat = xf_reallocarray(r->cat, r->ncat + 1, sizeof(char *));
	r->catdefault = xf_reallocarray(r->catdefault, r->ncat + 1,
	    sizeof(int));
	r->cat[r->ncat] = xf_strdup(name);
	r->catdefault[r->ncat] = -1;
	return (int)r->ncat++;
}

static int
intern_sub(struct xf_rules *r, int cat, const char *name)
{
	size_t i;

	for (i = 0; i < r->nsub; i++)
		if (r->sub[i].cat == cat && strcmp(r->sub[i].name, name) == 0)
			return (int)i;
	r->sub = xf_reallocarray(r->sub, r->nsub + 1, sizeof(*r->sub));
	r->sub[r->nsub].name = xf_strdup(name);
	r->sub[r->nsub].cat = cat;
	if (r->catdefault[cat] == -1)
		r->catdefault[cat] = (int)r->nsub;
	return (int)r->nsub++;
}

static int
valid_id(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' ||
		    *s == '.'))
			return 0;
	return 1;
}

/* Check and compile one row into r->rule[r->nrule].  -1 on a problem. */
static int
add_rule(struct xf_rules *r, const char *name, const struct xf_row *row,
    const long *col)
{
	struct rule *ru;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	const char *f;
	char *end;
	size_t i;
	int err, c;

	if (r->nrule == r->rulecap) {
		r->rulecap = r->rulecap ? r->rulecap * 2 : 64;
		r->rule = xf_reallocarray(r->rule, r->rulecap, sizeof(*ru));
	}
	ru = &r->rule[r->nrule];
	memset(ru, 0, sizeof(*ru));
	for (c = 0; c < C_N; c++)
		ru->text[c] = col[c] == -1 ? xf_strdup("") :
		    xf_memdup(row->field[col[c]], row->len[col[c]]);
	ru->req = -1;
	if (!valid_id(ru->text[C_ID])) {
		xf_warnat(name, row->line, "bad rule id: '%s' (letters, "
		    "digits, '_', '-' and '.')", ru->text[C_ID]);
		goto bad;
	}
	for (i = 0; i < r->nrule; i++)
		if (strcmp(r->rule[i].text[C_ID], ru->text[C_ID]) == 0) {
			xf_warnat(name, row->line, "duplicate rule id: '%s'",
			    ru->text[C_ID]);
			goto bad;
		}
	if (ru->text[C_CATEGORY][0] == '\0') {
		xf_warnat(name, row->line, "rule '%s' has no category",
		    ru->text[C_ID]);
		goto bad;
	}
	errno = 0;
	ru->weight = strtod(ru->text[C_WEIGHT], &end);
	if (end == ru->text[C_WEIGHT] || *end != '\0' || errno != 0 ||
	    !isfinite(ru->weight) || fabs(ru->weight) > 1000) {
		xf_warnat(name, row->line, "rule '%s': weight is not a number "
		    "between -1000 and 1000: '%s'", ru->text[C_ID],
		    ru->text[C_WEIGHT]);
		goto bad;
	}
	f = ru->text[C_FIELD];
	if (*f == '\0' || strcmp(f, "both") == 0)
		ru->field = F_BOTH;
	else if (strcmp(f, "subject") == 0)
		ru->field = F_SUBJECT;
	else if (strcmp(f, "content") == 0)
		ru->field = F_CONTENT;
	else {
		xf_warnat(name, row->line, "rule '%s': field must be subject, "
		    "content or both: '%s'", ru->text[C_ID], f);
		goto bad;
	}
	if (ru->text[C_PATTERN][0] == '\0') {
		xf_warnat(name, row->line, "rule '%s' has no pattern",
		    ru->text[C_ID]);
		goto bad;
	}
	ru->re = pcre2_compile((PCRE2_SPTR)ru->text[C_PATTERN],
	    PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_CASELESS |
	    PCRE2_MATCH_INVALID_UTF, &err, &off, NULL);
	if (ru->re == NULL) {
		pcre2_get_error_message(err, msg, sizeof(msg));
		xf_warnat(name, row->line, "rule '%s': bad pattern: %s at "
		    "offset %zu", ru->text[C_ID], (char *)msg, (size_t)off);
		goto bad;
	}
	ru->jit = pcre2_jit_compile(ru->re, PCRE2_JIT_COMPLETE) == 0;
	ru->cat = intern_cat(r, ru->text[C_CATEGORY]);
	ru->sub = ru->text[C_SUBCATEGORY][0] == '\0' ? -1 :
	    intern_sub(r, ru->cat, ru->text[C_SUBCATEGORY]);
	r->nrule++;
	return 0;
bad:
	for (c = 0; c < C_N; c++)
		free(ru->text[c]);
	return -1;
}

static int
load(struct xf_rules *r, struct xf_csvin *in)
{
	struct xf_row row;
	const char *name = xf_csvin_name(in);
	long col[C_N];
	int rc, status = 0, c;

	if ((rc = xf_csvin_next(in, &row)) != XF_CSV_ROW) {
		if (rc == XF_CSV_BAD)
			xf_warnat(name, row.line, "%s", xf_csvin_error(in));
		else if (rc == XF_CSV_EOF)
			xf_warnat(name, 1, "empty rules file: no header");
		return -1;
	}
	for (c = 0; c < C_N; c++)
		col[c] = xf_col_index(&row, colnames[c]);
	for (c = 0; c < C_N; c++)
		if (col[c] == -1 && (c == C_ID || c == C_CATEGORY ||
		    c == C_WEIGHT || c == C_PATTERN)) {
			xf_col_need(&row, colnames[c], NULL, name);
			return -1;
		}
	while ((rc = xf_csvin_next(in, &row)) != XF_CSV_EOF) {
		if (rc == XF_CSV_IOERR)
			return -1;
		if (rc == XF_CSV_BAD) {
			xf_warnat(name, row.line, "%s", xf_csvin_error(in));
			status = -1;
			continue;
		}
		if (add_rule(r, name, &row, col) == -1)
			status = -1;
	}
	r->compiled = 0;
	return status;
}

static const struct xf_csvopt rules_csv = { .delim = ',',
	.encoding = XF_ENC_UTF8 };

int
xf_rules_load(struct xf_rules *r, const char *path)
{
	struct xf_csvin *in;
	int rc;

	if ((in = xf_csvin_open(path, &rules_csv)) == NULL)
		return -1;
	rc = load(r, in);
	if (xf_csvin_close(in) == -1)
		rc = -1;
	return rc;
}

int
xf_rules_load_mem(struct xf_rules *r, const char *buf, size_t len,
    const char *name)
{
	struct xf_csvin *in;
	FILE *fp;
	int rc;

	if (len == 0) {
		xf_warnat(name, 1, "empty rules file: no header");
		return -1;
	}
	if ((fp = fmemopen((void *)(uintptr_t)buf, len, "r")) == NULL) {
		xf_warn("%s", name);
		return -1;
	}
	in = xf_csvin_new(fp, name, &rules_csv);
	rc = in == NULL ? -1 : load(r, in);
	xf_csvin_close(in);
	fclose(fp);
	return rc;
}

/*
 * Literal keys of a pattern.  A set of strings such that every match of
 * the pattern contains at least one of them; worked out for the common
 * subset of the syntax (literal text, groups, alternation, classes,
 * escapes, quantifiers) and given up on for anything else (then the rule
 * is always matched, which is slower but still correct).
 */
struct kset {
	int	 ok;
	char	**s;
	size_t	 n;
};

static void
kset_free(struct kset *k)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		free(k->s[i]);
	free(k->s);
	k->s = NULL;
	k->n = 0;
	k->ok = 0;
}

static void
kset_add(struct kset *k, const char *s, size_t n)
{
	k->s = xf_reallocarray(k->s, k->n + 1, sizeof(char *));
	k->s[k->n++] = xf_memdup(s, n);
}

static size_t
kset_minlen(const struct kset *k)
{
	size_t i, m = (size_t)-1;

	for (i = 0; i < k->n; i++)
		if (strlen(k->s[i]) < m)
			m = strlen(k->s[i]);
	return k->n == 0 ? 0 : m;
}

/* Keep the better of *best and *cand (longer shortest key). */
static void
kset_pick(struct kset *best, struct kset *cand)
{
	if (!cand->ok || cand->n == 0 || kset_minlen(cand) == 0) {
		kset_free(cand);
		return;
	}
	if (!best->ok || kset_minlen(cand) > kset_minlen(best) ||
	    (kset_minlen(cand) == kset_minlen(best) && cand->n < best->n)) {
		kset_free(best);
		*best = *cand;
	} else
		kset_free(cand);
	memset(cand, 0, sizeof(*cand));
}

struct kparse {
	const char	*p;
	int		 bad;	/* a construct we do not follow */
};

static struct kset parse_alt(struct kparse *);

/* Skip a quantifier if one follows; return its minimum, or -1 if none. */
static long
quantifier(struct kparse *kp)
{
	const char *p = kp->p;
	long min = -1;

	if (*p == '?' || *p == '*')
		min = 0, p++;
	else if (*p == '+')
		min = 1, p++;
	else if (*p == '{' && p[1] >= '0' && p[1] <= '9') {
		char *end;

		min = strtol(p + 1, &end, 10);
		if (*end == ',') {
			end++;
			while (*end >= '0' && *end <= '9')
				end++;
		}
		if (*end != '}')
			return -1;	/* a literal '{' */
		p = end + 1;
	} else
		return -1;
	if (*p == '?' || *p == '+')
		p++;
	kp->p = p;
	return min;
}

/* Skip a bracketed class starting at '['. */
static void
skip_class(struct kparse *kp)
{
	const char *p = kp->p + 1;

	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	while (*p != '\0' && *p != ']') {
		if (*p == '\\' && p[1] != '\0')
			p++;
		p++;
	}
	if (*p == ']')
		p++;
	else
		kp->bad = 1;
	kp->p = p;
}

/* Skip a balanced group from '(' on. */
static void
skip_group(struct kparse *kp)
{
	const char *p = kp->p;
	int depth = 0;

	for (; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '[') {
			kp->p = p;
			skip_class(kp);
			p = kp->p - 1;
		} else if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0) {
			p++;
			break;
		}
	}
	kp->p = p;
}

static struct kset
parse_seq(struct kparse *kp)
{
	struct kset best = { 0 }, cand;
	char run[512];
	size_t rlen = 0, last = 0;
	long q;

#define FLUSH() do {							\
		if (rlen > 0) {						\
			memset(&cand, 0, sizeof(cand));			\
			cand.ok = 1;					\
			kset_add(&cand, run, rlen);			\
			kset_pick(&best, &cand);			\
		}							\
		rlen = 0;						\
	} while (0)

	while (*kp->p != '\0' && *kp->p != '|' && *kp->p != ')') {
		const char *p = kp->p;

		if (*p == '(') {
			FLUSH();
			if (p[1] == '?' && p[2] == ':') {
				kp->p += 3;
				cand = parse_alt(kp);
			} else if (p[1] == '?') {
				/* Lookaround, flags, names: not followed. */
				skip_group(kp);
				memset(&cand, 0, sizeof(cand));
				if (!(p[2] == '=' || p[2] == '!' ||
				    (p[2] == '<' && (p[3] == '=' || p[3] == '!'))))
					kp->bad = 1;
			} else {
				kp->p += 1;
				cand = parse_alt(kp);
			}
			if (cand.ok || p[1] != '?') {
				if (*kp->p == ')')
					kp->p++;
				else
					kp->bad = 1;
			}
			if (quantifier(kp) == 0)
				kset_free(&cand);
			kset_pick(&best, &cand);
			continue;
		}
		if (*p == '[') {
			FLUSH();
			skip_class(kp);
			quantifier(kp);
			continue;
		}
		if (*p == '\\') {
			if (p[1] == '\0') {
				kp->bad = 1;
				break;
			}
			if ((p[1] >= 'a' && p[1] <= 'z') ||
			    (p[1] >= 'A' && p[1] <= 'Z') ||
			    (p[1] >= '0' && p[1] <= '9')) {
				/* \d, \p{..}, \x{..}, back references... */
				FLUSH();
				kp->p += 2;
				if ((p[1] == 'p' || p[1] == 'P' || p[1] == 'x') &&
				    *kp->p == '{') {
					while (*kp->p != '\0' && *kp->p != '}')
						kp->p++;
					if (*kp->p == '}')
						kp->p++;
				}
				if (p[1] == 'Q' || p[1] == 'E' || p[1] == 'g' ||
				    p[1] == 'k')
					kp->bad = 1;
				quantifier(kp);
				continue;
			}
			last = rlen;
			if (rlen < sizeof(run) - 4)
				run[rlen++] = p[1];
			kp->p += 2;
		} else if (*p == '.' || *p == '^' || *p == '$') {
			FLUSH();
			kp->p++;
			quantifier(kp);
			continue;
		} else if (*p == '*' || *p == '+' || *p == '?' ||
		    (*p == '{' && quantifier(kp) != -1)) {
			kp->bad = 1;	/* a quantifier with nothing before */
			break;
		} else {
			/* One character, all its UTF-8 bytes. */
			size_t n = 1;

			while ((p[n] & 0xc0) == 0x80)
				n++;
			last = rlen;
			if (rlen + n < sizeof(run)) {
				memcpy(run + rlen, p, n);
				rlen += n;
			}
			kp->p += n;
		}
		if ((q = quantifier(kp)) == 0) {
			rlen = last;	/* the character may be absent */
			FLUSH();
		} else if (q > 0)
			FLUSH();
	}
	FLUSH();
#undef FLUSH
	return best;
}

static struct kset
parse_alt(struct kparse *kp)
{
	struct kset all = { 1, NULL, 0 }, br;
	size_t i;

	for (;;) {
		br = parse_seq(kp);
		if (!br.ok)
			all.ok = 0;
		for (i = 0; i < br.n; i++)
			kset_add(&all, br.s[i], strlen(br.s[i]));
		kset_free(&br);
		if (*kp->p != '|')
			break;
		kp->p++;
	}
	if (!all.ok)
		kset_free(&all);
	return all;
}

char *
xf_rules_pattern_keys(const char *pattern)
{
	struct kparse kp;
	struct kset k;
	char *out = NULL;
	size_t i, len = 0;

	kp.p = pattern;
	kp.bad = 0;
	k = parse_alt(&kp);
	if (kp.bad || *kp.p != '\0' || !k.ok || k.n == 0) {
		kset_free(&k);
		return NULL;
	}
	for (i = 0; i < k.n; i++)
		len += strlen(k.s[i]) + 1;
	out = xf_malloc(len);
	for (i = 0, len = 0; i < k.n; i++) {
		size_t n = strlen(k.s[i]);

		memcpy(out + len, k.s[i], n);
		len += n;
		out[len++] = i + 1 < k.n ? '|' : '\0';
	}
	kset_free(&k);
	return out;
}

/* Add the '|'-separated keys in s for rule id to the automaton. */
static void
add_keys(struct xf_ac *ac, const char *s, unsigned id)
{
	const char *bar;

	for (;; s = bar + 1) {
		bar = strchr(s, '|');
		if ((bar == NULL ? strlen(s) : (size_t)(bar - s)) > 0)
			xf_ac_add(ac, s, bar == NULL ? strlen(s) :
			    (size_t)(bar - s), id);
		if (bar == NULL)
			break;
	}
}

/* The keys of rule ru, given or worked out; 0 if it has none. */
static int
rule_keys(struct xf_ac *ac, struct rule *ru, unsigned id)
{
	char *keys;

	if (ru->text[C_KEYS][0] != '\0') {
		add_keys(ac, ru->text[C_KEYS], id);
		return 1;
	}
	if ((keys = xf_rules_pattern_keys(ru->text[C_PATTERN])) == NULL)
		return 0;
	add_keys(ac, keys, id);
	free(keys);
	return 1;
}

int
xf_rules_compile(struct xf_rules *r)
{
	size_t i, j;

	xf_ac_free(r->ac);
	free(r->always);
	r->ac = xf_ac_new();
	r->always = xf_calloc(r->nrule, sizeof(size_t));
	r->nalways = 0;
	for (i = 0; i < r->nrule; i++) {
		struct rule *ru = &r->rule[i];

		ru->req = -1;
		if (ru->text[C_REQUIRES][0] != '\0') {
			for (j = 0; j < r->nrule; j++)
				if (strcmp(r->rule[j].text[C_ID],
				    ru->text[C_REQUIRES]) == 0)
					ru->req = (int)j;
			if (ru->req == -1 || ru->req == (int)i) {
				xf_warnx("rule '%s' requires an unknown rule: "
				    "'%s'", ru->text[C_ID],
				    ru->text[C_REQUIRES]);
				return -1;
			}
		}
		ru->always = r->noprefilter || !rule_keys(r->ac, ru,
		    (unsigned)i);
		if (ru->always)
			r->always[r->nalways++] = i;
	}
	if (xf_ac_build(r->ac) == -1) {
		xf_warnx("too many or too long rule keys for the prefilter");
		return -1;
	}
	r->nwords = (r->nrule + 63) / 64;
	r->compiled = 1;
	return 0;
}

void
xf_rules_dump(const struct xf_rules *r, FILE *fp)
{
	struct xf_csvout *out = xf_csvout_new(fp, ',', 0);
	size_t i;
	int c;

	for (c = 0; c < C_N; c++)
		xf_csvout_str(out, colnames[c]);
	xf_csvout_end(out);
	for (i = 0; i < r->nrule; i++) {
		for (c = 0; c < C_N; c++)
			xf_csvout_str(out, r->rule[i].text[c]);
		xf_csvout_end(out);
	}
	xf_csvout_flush(out);
	xf_csvout_free(out);
}

/* A growing string for the verdict's lists. */
struct sbuf {
	char	*s;
	size_t	 len, cap;
};

static void
sb_reset(struct sbuf *b)
{
	if (b->cap == 0) {
		b->cap = 256;
		b->s = xf_malloc(b->cap);
	}
	b->len = 0;
	b->s[0] = '\0';
}

static void
sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->cap - b->len < n + 1) {
		while (b->cap - b->len < n + 1)
			b->cap *= 2;
		b->s = xf_reallocarray(b->s, b->cap, 1);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
sb_str(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

/* Whether the ';'-separated list in b already holds phrase s. */
static int
has_phrase(const struct sbuf *b, const char *s, size_t n)
{
	const char *p = b->s, *end = b->s + b->len, *semi;

	while (p < end) {
		if ((semi = memchr(p, ';', (size_t)(end - p))) == NULL)
			semi = end;
		if ((size_t)(semi - p) == n && memcmp(p, s, n) == 0)
			return 1;
		p = semi + 1;
	}
	return 0;
}

struct hit {
	double		 contrib;
	int		 fired;
	const char	*phrase;	/* first match, in the normalised text */
	size_t		 plen;
};

struct xf_classifier {
	const struct xf_rules *r;
	pcre2_match_data *md;
	pcre2_match_context *mc;
	pcre2_jit_stack	*js;
	uint64_t	*sbits, *cbits;
	struct hit	*hit;
	double		*catscore, *subscore;
	char		*subj, *cont;
	size_t		 subjcap, contcap;
	struct sbuf	 evidence, explain, all, allsub;
	size_t		*order;
};

struct xf_classifier *
xf_classifier_new(const struct xf_rules *r)
{
	struct xf_classifier *c;

	c = xf_calloc(1, sizeof(*c));
	c->r = r;
	c->md = pcre2_match_data_create(2, NULL);
	c->mc = pcre2_match_context_create(NULL);
	if (c->md == NULL || c->mc == NULL)
		xf_errx(XF_EXIT_FAIL, "out of memory");
	pcre2_set_match_limit(c->mc, MATCH_LIMIT);
	pcre2_set_depth_limit(c->mc, 10000);
	if ((c->js = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL))
	    != NULL)
		pcre2_jit_stack_assign(c->mc, NULL, c->js);
	c->sbits = xf_calloc(r->nwords + 1, sizeof(uint64_t));
	c->cbits = xf_calloc(r->nwords + 1, sizeof(uint64_t));
	c->hit = xf_calloc(r->nrule + 1, sizeof(struct hit));
	c->catscore = xf_calloc(r->ncat + 1, sizeof(double));
	c->subscore = xf_calloc(r->nsub + 1, sizeof(double));
	c->order = xf_calloc(r->nrule + 1, sizeof(size_t));
	return c;
}

void
xf_classifier_free(struct xf_classifier *c)
{
	if (c == NULL)
		return;
	pcre2_match_data_free(c->md);
	pcre2_match_context_free(c->mc);
	if (c->js != NULL)
		pcre2_jit_stack_free(c->js);
	free(c->sbits);
	free(c->cbits);
	free(c->hit);
	free(c->catscore);
	free(c->subscore);
	free(c->order);
	free(c->subj);
	free(c->cont);
	free(c->evidence.s);
	free(c->explain.s);
	free(c->all.s);
	free(c->allsub.s);
	free(c);
}

/* A normalised copy of a text in *buf. */
static size_t
normalise(char **buf, size_t *cap, const char *s, size_t n)
{
	if (*cap < n + 1) {
		*cap = n + 256;
		*buf = xf_reallocarray(*buf, *cap, 1);
	}
	n = xf_hanzi_normalize(s, n, *buf);
	(*buf)[n] = '\0';
	return n;
}

/*
 * Count the matches of rule ru in s (up to MAXCOUNT), remembering the
 * first.  Returns the count, or -1 on a PCRE2 error (match limit).
 */
static int
count_matches(struct xf_classifier *c, const struct rule *ru, const char *s,
    size_t n, struct hit *h)
{
	PCRE2_SIZE *ov, start = 0;
	int rc, count = 0;

	while (count < MAXCOUNT && start <= n) {
		if (ru->jit)
			rc = pcre2_jit_match(ru->re, (PCRE2_SPTR)s, n, start, 0,
			    c->md, c->mc);
		else
			rc = pcre2_match(ru->re, (PCRE2_SPTR)s, n, start,
			    PCRE2_NO_UTF_CHECK, c->md, c->mc);
		if (rc == PCRE2_ERROR_NOMATCH)
			break;
		if (rc < 0)
			return -1;
		ov = pcre2_get_ovector_pointer(c->md);
		if (count == 0 && h->phrase == NULL) {
			h->phrase = s + ov[0];
			h->plen = ov[1] - ov[0];
		}
		count++;
		start = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
		/* Keep to character boundaries after an empty match. */
		while (start < n && ((unsigned char)s[start] & 0xc0) == 0x80)
			start++;
	}
	return count;
}

static char errbuf[256];

int
xf_classify(struct xf_classifier *c, const char *subject, size_t slen,
    const char *content, size_t clen, struct xf_verdict *v)
{
	const struct xf_rules *r = c->r;
	size_t i, k, nfired = 0, w;
	int best = -1, second = -1, bsub = -1, n, sn, cn;
	double s1, s2;
	char num[400];

	memset(v, 0, sizeof(*v));
	slen = normalise(&c->subj, &c->subjcap, subject, slen);
	clen = normalise(&c->cont, &c->contcap, content, clen);
	memset(c->sbits, 0, r->nwords * sizeof(uint64_t));
	memset(c->cbits, 0, r->nwords * sizeof(uint64_t));
	xf_ac_scan(r->ac, c->subj, slen, c->sbits);
	xf_ac_scan(r->ac, c->cont, clen, c->cbits);
	for (i = 0; i < r->nalways; i++) {
		c->sbits[r->always[i] / 64] |= UINT64_C(1) << (r->always[i] % 64);
		c->cbits[r->always[i] / 64] |= UINT64_C(1) << (r->always[i] % 64);
	}

	/* Match the candidate rules. */
	for (w = 0; w < r->nwords; w++) {
		uint64_t bits = c->sbits[w] | c->cbits[w];

		while (bits != 0) {
			const struct rule *ru;
			struct hit *h;

			i = w * 64 + (size_t)__builtin_ctzll(bits);
			bits &= bits - 1;
			ru = &r->rule[i];
			h = &c->hit[i];
			h->phrase = NULL;
			sn = cn = 0;
			if ((ru->field & F_SUBJECT) && slen > 0 &&
			    (c->sbits[w] >> (i % 64) & 1))
				sn = count_matches(c, ru, c->subj, slen, h);
			if (sn >= 0 && (ru->field & F_CONTENT) && clen > 0 &&
			    (c->cbits[w] >> (i % 64) & 1))
				cn = count_matches(c, ru, c->cont, clen, h);
			if (sn < 0 || cn < 0) {
				snprintf(errbuf, sizeof(errbuf), "rule '%s': "
				    "PCRE2 match limit exceeded",
				    ru->text[C_ID]);
				v->error = errbuf;
				v->category = v->subcategory = "";
				for (k = 0; k < nfired; k++)
					c->hit[c->order[k]].fired = 0;
				return -1;
			}
			if (sn + cn == 0)
				continue;
			h->fired = 1;
			h->contrib = 0;
			if (sn > 0)
				h->contrib += ru->weight * r->subjw;
			if (cn > 0)
				h->contrib += ru->weight * (1 + 0.25 * (cn - 1));
			c->order[nfired++] = i;
		}
	}

	/* Score, dropping rules whose companion did not fire. */
	for (i = 0; i < r->ncat; i++)
		c->catscore[i] = 0;
	for (i = 0; i < r->nsub; i++)
		c->subscore[i] = 0;
	for (k = 0; k < nfired; k++) {
		const struct rule *ru = &r->rule[c->order[k]];
		const struct hit *h = &c->hit[c->order[k]];

		if (ru->req != -1 && !c->hit[ru->req].fired)
			continue;
		c->catscore[ru->cat] += h->contrib;
		if (ru->sub != -1)
			c->subscore[ru->sub] += h->contrib;
	}
	for (i = 0; i < r->ncat; i++)
		if (c->catscore[i] >= r->threshold &&
		    (best == -1 || c->catscore[i] > c->catscore[best]))
			best = (int)i;
	for (i = 0; i < r->ncat; i++)
		if ((int)i != best &&
		    (second == -1 || c->catscore[i] > c->catscore[second]))
			second = (int)i;

	sb_reset(&c->evidence);
	sb_reset(&c->explain);
	sb_reset(&c->all);
	sb_reset(&c->allsub);
	if (best == -1) {
		v->category = v->subcategory = XF_RULES_OTHER;
		v->confidence = 0;
	} else {
		for (i = 0; i < r->nsub; i++)
			if (r->sub[i].cat == best && c->subscore[i] > 0 &&
			    (bsub == -1 || c->subscore[i] > c->subscore[bsub]))
				bsub = (int)i;
		if (bsub == -1)
			bsub = r->catdefault[best];
		v->category = r->cat[best];
		v->subcategory = bsub == -1 ? "" : r->sub[bsub].name;
		s1 = c->catscore[best];
		s2 = second == -1 || c->catscore[second] < 0 ? 0 :
		    c->catscore[second];
		v->score = s1;
		v->confidence = s1 / (s1 + s2 + 1);
	}

	/* Evidence: the winning category's phrases, strongest first. */
	for (n = 0; best != -1 && n < MAXEVIDENCE; n++) {
		const struct hit *top = NULL;
		size_t ti = 0;

		for (k = 0; k < nfired; k++) {
			const struct hit *h = &c->hit[c->order[k]];
			const struct rule *ru = &r->rule[c->order[k]];

			if (ru->cat != best || h->contrib <= 0 ||
			    (ru->req != -1 && !c->hit[ru->req].fired) ||
			    h->phrase == NULL)
				continue;
			if (top == NULL || h->contrib > top->contrib) {
				top = h;
				ti = c->order[k];
			}
		}
		if (top == NULL)
			break;
		if (!has_phrase(&c->evidence, top->phrase, top->plen)) {
			if (c->evidence.len > 0)
				sb_str(&c->evidence, ";");
			sb_add(&c->evidence, top->phrase, top->plen);
		} else
			n--;
		c->hit[ti].contrib = -c->hit[ti].contrib - 1e9;	/* used */
	}
	for (k = 0; k < nfired; k++) {
		struct hit *h = &c->hit[c->order[k]];

		if (h->contrib < -1e8)
			h->contrib = -(h->contrib + 1e9);
	}

	/* Everything that fired, and every category above the threshold. */
	for (k = 0; k < nfired; k++) {
		const struct rule *ru = &r->rule[c->order[k]];
		const struct hit *h = &c->hit[c->order[k]];

		if (c->explain.len > 0)
			sb_str(&c->explain, "; ");
		sb_str(&c->explain, ru->text[C_ID]);
		sb_str(&c->explain, ":");
		sb_str(&c->explain, r->cat[ru->cat]);
		if (ru->sub != -1) {
			sb_str(&c->explain, "/");
			sb_str(&c->explain, r->sub[ru->sub].name);
		}
		snprintf(num, sizeof(num), ":%+.2f%s", h->contrib,
		    ru->req != -1 && !c->hit[ru->req].fired ?
		    " (without its required rule)" : "");
		sb_str(&c->explain, num);
	}
	for (i = 0; i < r->ncat; i++) {
		int bs = -1;
		size_t j;

		if (c->catscore[i] < r->threshold)
			continue;
		if (c->all.len > 0) {
			sb_str(&c->all, ";");
			sb_str(&c->allsub, ";");
		}
		sb_str(&c->all, r->cat[i]);
		for (j = 0; j < r->nsub; j++)
			if (r->sub[j].cat == (int)i && c->subscore[j] > 0 &&
			    (bs == -1 || c->subscore[j] > c->subscore[bs]))
				bs = (int)j;
		if (bs == -1)
			bs = r->catdefault[i];
		sb_str(&c->allsub, bs == -1 ? "" : r->sub[bs].name);
	}
	if (c->all.len == 0) {
		sb_str(&c->all, XF_RULES_OTHER);
		sb_str(&c->allsub, XF_RULES_OTHER);
	}
	for (k = 0; k < nfired; k++)
		c->hit[c->order[k]].fired = 0;
	v->evidence = c->evidence.s;
	v->explain = c->explain.s;
	v->all = c->all.s;
	v->allsub = c->allsub.s;
	return 0;
}

void
xf_rules_free(struct xf_rules *r)
{
	size_t i;
	int c;

	if (r == NULL)
		return;
	for (i = 0; i < r->nrule; i++) {
		for (c = 0; c < C_N; c++)
			free(r->rule[i].text[c]);
		pcre2_code_free(r->rule[i].re);
	}
	free(r->rule);
	for (i = 0; i < r->ncat; i++)
		free(r->cat[i]);
	free(r->cat);
	free(r->catdefault);
	for (i = 0; i < r->nsub; i++)
		free(r->sub[i].name);
	free(r->sub);
	xf_ac_free(r->ac);
	free(r->always);
	free(r);
}
