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
#include <time.h>

#include "ac.h"
#include "columns.h"
#include "csvin.h"
#include "csvout.h"
#include "hanzi.h"
#include "litre.h"
#include "rules.h"
#include "utf8.h"
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
	size_t		 slot, nslot;	/* its key sets: slots slot.. */
	pcre2_code	*anch;		/* anchored twin, with prefix keys */
	unsigned	 pk0, npk;	/* its prefix keys' ids */
	pcre2_code	*re;
	struct xf_litre	*lre;		/* matched without PCRE2, or NULL */
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
	uint64_t	*alwaysbits;	/* the rules without keys */
	uint64_t	*reqbits;	/* the rules another requires */
	unsigned	*slotrule;	/* the rule of each key set */
	size_t		 nwords;	/* 64-bit words in a rule bitset */
	size_t		 nslot;		/* key sets of all rules */
	size_t		 nslotwords;
	unsigned	*pklen;		/* prefix key i (id PKBASE + i) */
	size_t		 npk;
	double		 threshold;
	double		 subjw;
	int		 compiled;
	signed char	*jitshared;	/* see xf_rules_share */
	int		 noprefilter;
	int		 nodirect;
	int		 nojit;
	/* Literals of the rules matched directly (ids LITBASE + i). */
	struct xf_litre_lits *lits;
	unsigned	*litlen;
	size_t		 nlit;
	size_t		*firstoff;	/* rules a literal can start: */
	unsigned	*firstrule;	/* firstrule[firstoff[i]..[i+1]) */
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
xf_rules_set_direct(struct xf_rules *r, int on)
{
	r->nodirect = !on;
}

void
xf_rules_set_jit(struct xf_rules *r, int on)
{
	r->nojit = !on;
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
 * Literal keys of a pattern: sets of strings such that every match of
 * the pattern contains at least one string of EACH set (the mandatory
 * parts of a sequence are all needed, so a rule with several parts runs
 * only where all of them occur).  Worked out for the common subset of
 * the syntax (literal text, groups, alternation, classes, escapes,
 * quantifiers) and given up on for anything else; the rule is then
 * matched on every record, which is slower but gives the same answers.
 */
#define MAXSETS	3
#define PKBASE	(1U << 24)	/* ids of prefix keys in the automaton */
#define LITBASE	(1U << 25)	/* ids of the direct rules' literals */
#define MAXHITS	4096		/* hits recorded per field, at first */

struct kset {
	char	**s;
	size_t	 n;
};

/* Mandatory key sets of a sequence, all needed. */
struct klist {
	struct kset	*set;
	size_t		 n;
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

/* Whether set a is a better filter than b: longer shortest key, fewer. */
static int
kset_better(const struct kset *a, const struct kset *b)
{
	return kset_minlen(a) > kset_minlen(b) ||
	    (kset_minlen(a) == kset_minlen(b) && a->n < b->n);
}

static void
klist_free(struct klist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		kset_free(&l->set[i]);
	free(l->set);
	l->set = NULL;
	l->n = 0;
}

/* Move set k into list l. */
static void
klist_push(struct klist *l, struct kset *k)
{
	if (k->n == 0)
		return;
	l->set = xf_reallocarray(l->set, l->n + 1, sizeof(*l->set));
	l->set[l->n++] = *k;
	k->s = NULL;
	k->n = 0;
}

/* Move every set of src into dst. */
static void
klist_join(struct klist *dst, struct klist *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		klist_push(dst, &src->set[i]);
	klist_free(src);
}

/* The best set of a list, moved out (the list is freed). */
static struct kset
klist_best(struct klist *l)
{
	struct kset best = { NULL, 0 };
	size_t i, bi = 0;

	for (i = 0; i < l->n; i++)
		if (i == 0 || kset_better(&l->set[i], &l->set[bi]))
			bi = i;
	if (l->n > 0) {
		best = l->set[bi];
		l->set[bi].s = NULL;
		l->set[bi].n = 0;
	}
	klist_free(l);
	return best;
}

/*
 * Whether the character of n bytes at p may go into a literal key.  The
 * prefilter finds keys byte for byte (ASCII letters in either case),
 * while the patterns match caselessly with Unicode's case folding, so a
 * key may only hold characters that match nothing else: not 'k' or 's'
 * (the Kelvin sign and the long s fold to them), not a letter of any
 * other script with case (é and É; Ａ and ａ), only ASCII, Chinese,
 * Korean and the other East Asian blocks, which have none.  Nor '&' or
 * '|', which separate keys where they are written out as text.  A
 * character that may not is left out of the key, as if it were a dot.
 */
static int
key_char(const char *p, size_t n)
{
	uint32_t c;

	if (n == 1)
		return !(*p == '&' || *p == '|' || *p == 'k' || *p == 'K' ||
		    *p == 's' || *p == 'S' || (*p & 0x80) != 0);
	if (xf_utf8_decode(p, n, &c) != (int)n)
		return 0;
	return (c >= 0x1100 && c <= 0x11ff) ||	/* Hangul Jamo */
	    (c >= 0x2e80 && c <= 0xa4cf) ||	/* CJK, kana, Hangul, Yi */
	    (c >= 0xac00 && c <= 0xd7a3) ||	/* Hangul syllables */
	    (c >= 0xf900 && c <= 0xfaff) ||	/* CJK compatibility */
	    (c >= 0xfe30 && c <= 0xfe4f) ||	/* CJK compatibility forms */
	    (c >= 0xff00 && c <= 0xffef && !(c >= 0xff21 && c <= 0xff3a) &&
	    !(c >= 0xff41 && c <= 0xff5a)) ||	/* full width, not letters */
	    (c >= 0x20000 && c <= 0x3ffff);	/* CJK extensions */
}

struct kparse {
	const char	*p;
	int		 bad;	/* a construct we do not follow */
};

static struct klist parse_alt(struct kparse *);

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

/* The mandatory key sets of a sequence (up to '|', ')' or the end). */
static struct klist
parse_seq(struct kparse *kp)
{
	struct klist all = { NULL, 0 }, g;
	struct kset run1;
	char run[512];
	size_t rlen = 0, last = 0;
	long q;

#define FLUSH() do {							\
		if (rlen > 0) {						\
			memset(&run1, 0, sizeof(run1));			\
			kset_add(&run1, run, rlen);			\
			klist_push(&all, &run1);			\
		}							\
		rlen = 0;						\
	} while (0)

	while (*kp->p != '\0' && *kp->p != '|' && *kp->p != ')') {
		const char *p = kp->p;

		if (*p == '(') {
			FLUSH();
			memset(&g, 0, sizeof(g));
			if (p[1] == '?' && p[2] != ':') {
				/* Lookaround, flags, names: not followed. */
				skip_group(kp);
				if (!(p[2] == '=' || p[2] == '!' ||
				    (p[2] == '<' && (p[3] == '=' || p[3] == '!'))))
					kp->bad = 1;
			} else {
				kp->p += p[1] == '?' ? 3 : 1;
				g = parse_alt(kp);
				if (*kp->p == ')')
					kp->p++;
				else
					kp->bad = 1;
			}
			if (quantifier(kp) == 0)
				klist_free(&g);
			klist_join(&all, &g);
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
			if (p[1] == '&' || p[1] == '|' || (p[1] & 0x80)) {
				FLUSH();
				kp->p += 2;
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
			if (!key_char(p, n)) {
				FLUSH();
				kp->p += n;
				quantifier(kp);
				continue;
			}
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
	return all;
}

/*
 * Alternatives: one branch keeps all its mandatory sets; several give
 * one set, the union of each branch's best (none if a branch has none).
 */
static struct klist
parse_alt(struct kparse *kp)
{
	struct klist first, br, out = { NULL, 0 };
	struct kset uni = { NULL, 0 }, b;
	size_t i;
	int ok = 1;

	first = parse_seq(kp);
	if (*kp->p != '|')
		return first;
	b = klist_best(&first);
	for (;;) {
		if (b.n == 0)
			ok = 0;
		for (i = 0; i < b.n; i++)
			kset_add(&uni, b.s[i], strlen(b.s[i]));
		kset_free(&b);
		if (*kp->p != '|')
			break;
		kp->p++;
		br = parse_seq(kp);
		b = klist_best(&br);
	}
	if (ok)
		klist_push(&out, &uni);
	kset_free(&uni);
	return out;
}

/*
 * The key sets of a pattern, the best MAXSETS of them.  0 and an empty
 * list when there are none.
 */
static int
pattern_keys(const char *pattern, struct klist *out)
{
	struct kparse kp;
	struct klist l;
	struct kset tmp;
	size_t i, j;

	kp.p = pattern;
	kp.bad = 0;
	l = parse_alt(&kp);
	if (kp.bad || *kp.p != '\0' || l.n == 0) {
		klist_free(&l);
		memset(out, 0, sizeof(*out));
		return 0;
	}
	/* Best first, then keep MAXSETS. */
	for (i = 1; i < l.n; i++)
		for (j = i; j > 0 && kset_better(&l.set[j], &l.set[j - 1]);
		    j--) {
			tmp = l.set[j];
			l.set[j] = l.set[j - 1];
			l.set[j - 1] = tmp;
		}
	while (l.n > MAXSETS)
		kset_free(&l.set[--l.n]);
	*out = l;
	return 1;
}

char *
xf_rules_pattern_keys(const char *pattern)
{
	struct klist l;
	char *out;
	size_t i, j, len = 0;

	if (!pattern_keys(pattern, &l))
		return NULL;
	for (i = 0; i < l.n; i++)
		for (j = 0; j < l.set[i].n; j++)
			len += strlen(l.set[i].s[j]) + 1;
	out = xf_malloc(len + 1);
	len = 0;
	for (i = 0; i < l.n; i++)
		for (j = 0; j < l.set[i].n; j++) {
			size_t n = strlen(l.set[i].s[j]);

			if (len > 0)
				out[len++] = j == 0 ? '&' : '|';
			memcpy(out + len, l.set[i].s[j], n);
			len += n;
		}
	out[len] = '\0';
	klist_free(&l);
	return out;
}

/*
 * Prefix keys: when every match of a pattern must begin with one of a
 * set of literal strings (its first item is a literal run or a group of
 * such), the places where those strings occur are the only places a
 * match can start.  The rule is then tried there alone, anchored,
 * instead of at every character of the text: PCRE2 cannot skip ahead by
 * itself when a pattern starts with alternatives of Chinese characters,
 * which all share their first bytes.
 */
static int prefix_alt(struct kparse *, struct kset *);

/* Skip to the end of the current branch: '|' or ')' at this depth. */
static void
skip_branch(struct kparse *kp)
{
	while (*kp->p != '\0' && *kp->p != '|' && *kp->p != ')') {
		if (*kp->p == '\\' && kp->p[1] != '\0')
			kp->p += 2;
		else if (*kp->p == '[')
			skip_class(kp);
		else if (*kp->p == '(')
			skip_group(kp);
		else
			kp->p++;
	}
}

static int
prefix_seq(struct kparse *kp, struct kset *out)
{
	char run[512];
	size_t rlen = 0, n;
	const char *p;
	long q;

	/* Zero-width assertions at the start do not move the start. */
	while (kp->p[0] == '(' && kp->p[1] == '?' && (kp->p[2] == '=' ||
	    kp->p[2] == '!' || (kp->p[2] == '<' && (kp->p[3] == '=' ||
	    kp->p[3] == '!'))))
		skip_group(kp);
	p = kp->p;
	if (*p == '(') {
		if (p[1] == '?' && p[2] != ':')
			return 0;
		kp->p += p[1] == '?' ? 3 : 1;
		if (!prefix_alt(kp, out))
			return 0;
		if (*kp->p != ')')
			return 0;
		kp->p++;
		if (quantifier(kp) == 0)
			return 0;
		skip_branch(kp);
		return 1;
	}
	for (;;) {
		const char *lit;
		size_t adv;

		p = kp->p;
		if (*p == '\\' && p[1] != '\0' && !((p[1] >= 'a' &&
		    p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z') ||
		    (p[1] >= '0' && p[1] <= '9'))) {
			lit = p + 1;	/* escaped punctuation */
			n = 1;
			adv = 2;
		} else if (*p == '\0' || strchr("\\.^$|()[]{}*+?", *p) != NULL)
			break;
		else {
			lit = p;
			n = 1;
			while ((p[n] & 0xc0) == 0x80)
				n++;
			adv = n;
			if (!key_char(p, n))
				break;	/* may match another character */
		}
		kp->p += adv;
		q = quantifier(kp);
		if (q == 0)
			break;		/* this character may be absent */
		if (rlen + n < sizeof(run)) {
			memcpy(run + rlen, lit, n);
			rlen += n;
		}
		if (q > 0)
			break;
	}
	if (rlen == 0)
		return 0;
	kset_add(out, run, rlen);
	skip_branch(kp);
	return 1;
}

static int
prefix_alt(struct kparse *kp, struct kset *out)
{
	for (;;) {
		if (!prefix_seq(kp, out))
			return 0;
		if (*kp->p != '|')
			return 1;
		kp->p++;
	}
}

/* The prefix keys of a pattern in *out; 0 if it has none. */
static int
pattern_prefix(const char *pattern, struct kset *out)
{
	struct kparse kp;

	memset(out, 0, sizeof(*out));
	kp.p = pattern;
	kp.bad = 0;
	if (!prefix_alt(&kp, out) || kp.bad || *kp.p != '\0') {
		kset_free(out);
		return 0;
	}
	return 1;
}

char *
xf_rules_pattern_prefix(const char *pattern)
{
	struct kset k;
	char *out;
	size_t i, len = 0;

	if (!pattern_prefix(pattern, &k))
		return NULL;
	for (i = 0; i < k.n; i++)
		len += strlen(k.s[i]) + 1;
	out = xf_malloc(len + 1);
	len = 0;
	for (i = 0; i < k.n; i++) {
		if (i > 0)
			out[len++] = '|';
		memcpy(out + len, k.s[i], strlen(k.s[i]));
		len += strlen(k.s[i]);
	}
	out[len] = '\0';
	kset_free(&k);
	return out;
}

/*
 * The key sets of rule ru ("a|b&c|d": '&' separates sets, '|' keys),
 * given in its keys column or worked out from its pattern, added to the
 * automaton as slots first, first+1, ...  Returns the number of sets,
 * 0 if it has none.
 */
/*
 * The automaton folds only ASCII letters, but PCRE2_CASELESS in UTF
 * mode also matches k with U+212A KELVIN SIGN and s with U+017F LONG S,
 * and letters of other scripts with their other cases.  A key is used
 * as the spellings of it that a caseless match can have: as it is, with
 * each k or s (up to MAXFOLD of them) either way.  Returns the number of
 * variants, or 0 if the key cannot be used (a letter beyond ASCII, or
 * too many k and s).
 */
#define MAXFOLD	4

static size_t
key_variants(const char *key)
{
	const char *p = key;
	uint32_t cp;
	size_t m = 0;
	int n;

	while (*p != '\0') {
		if ((n = xf_utf8_decode(p, strlen(p), &cp)) <= 0)
			return 0;
		if (cp >= 0x80 && !xf_litre_casefree(cp))
			return 0;
		if (cp == 'k' || cp == 'K' || cp == 's' || cp == 'S')
			m++;
		p += n;
	}
	return m > MAXFOLD ? 0 : (size_t)1 << m;
}

/* Spelling v (below key_variants') of key into buf (room for 4x). */
static size_t
key_variant(const char *key, size_t v, char *buf)
{
	size_t o = 0;

	for (; *key != '\0'; key++) {
		int ks = *key == 'k' || *key == 'K', ss = *key == 's' ||
		    *key == 'S';

		if ((ks || ss) && (v & 1)) {
			memcpy(buf + o, ks ? "\xe2\x84\xaa" : "\xc5\xbf",
			    ks ? 3 : 2);
			o += ks ? 3 : 2;
		} else
			buf[o++] = *key;
		if (ks || ss)
			v >>= 1;
	}
	buf[o] = '\0';
	return o;
}

/* Whether every key in "a|b&c" can be used (key_variants). */
static int
keys_usable(const char *keys)
{
	char *copy = xf_strdup(keys), *key, *next;
	int ok = 1;

	for (key = copy; ok && key != NULL; key = next) {
		if ((next = strpbrk(key, "|&")) != NULL)
			*next++ = '\0';
		if (*key != '\0' && key_variants(key) == 0)
			ok = 0;
	}
	free(copy);
	return ok;
}

static size_t
rule_keys(struct xf_ac *ac, struct rule *ru, unsigned first)
{
	char *keys, *set, *key, *sp, *kp2, *buf;
	size_t n = 0, v, nv;

	if (ru->text[C_KEYS][0] != '\0')
		keys = xf_strdup(ru->text[C_KEYS]);
	else if ((keys = xf_rules_pattern_keys(ru->text[C_PATTERN])) == NULL)
		return 0;
	if (!keys_usable(keys)) {
		free(keys);
		return 0;
	}
	buf = xf_malloc(4 * strlen(keys) + 1);
	for (set = keys; set != NULL; set = sp) {
		if ((sp = strchr(set, '&')) != NULL)
			*sp++ = '\0';
		for (key = set; key != NULL; key = kp2) {
			if ((kp2 = strchr(key, '|')) != NULL)
				*kp2++ = '\0';
			if (*key == '\0')
				continue;
			nv = key_variants(key);
			for (v = 0; v < nv; v++)
				xf_ac_add(ac, buf, key_variant(key, v, buf),
				    first + (unsigned)n);
		}
		n++;
	}
	free(buf);
	free(keys);
	return n;
}

/*
 * If every match of ru starts with one of a few literal strings, compile
 * an anchored twin and register the strings as prefix keys.
 */
static void
rule_prefix(struct xf_rules *r, struct rule *ru)
{
	struct kset k;
	PCRE2_SIZE off;
	size_t i, v, nv, len;
	char *buf;
	int err;

	if (!pattern_prefix(ru->text[C_PATTERN], &k))
		return;
	for (i = 0; i < k.n; i++)
		if (key_variants(k.s[i]) == 0) {
			kset_free(&k);
			return;
		}
	ru->anch = pcre2_compile((PCRE2_SPTR)ru->text[C_PATTERN],
	    PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_CASELESS |
	    PCRE2_MATCH_INVALID_UTF | PCRE2_ANCHORED, &err, &off, NULL);
	if (ru->anch == NULL) {
		kset_free(&k);
		return;
	}
	ru->pk0 = (unsigned)r->npk;
	for (i = 0; i < k.n; i++) {
		nv = key_variants(k.s[i]);
		buf = xf_malloc(4 * strlen(k.s[i]) + 1);
		r->pklen = xf_reallocarray(r->pklen, r->npk + nv,
		    sizeof(unsigned));
		for (v = 0; v < nv; v++) {
			len = key_variant(k.s[i], v, buf);
			r->pklen[r->npk] = (unsigned)len;
			xf_ac_add(r->ac, buf, len, PKBASE + (unsigned)r->npk);
			r->npk++;
		}
		free(buf);
	}
	ru->npk = (unsigned)(r->npk - ru->pk0);
	kset_free(&k);
}

/* Forget the direct matching of every rule. */
static void
direct_free(struct xf_rules *r)
{
	size_t i;

	for (i = 0; i < r->nrule; i++) {
		xf_litre_free(r->rule[i].lre);
		r->rule[i].lre = NULL;
	}
	xf_litre_lits_free(r->lits);
	r->lits = NULL;
	free(r->litlen);
	free(r->firstoff);
	free(r->firstrule);
	r->litlen = NULL;
	r->firstoff = NULL;
	r->firstrule = NULL;
	r->nlit = 0;
}

/*
 * Compile the rules whose patterns have a shape litre.c matches as
 * PCRE2 does, add their literals to the automaton, and index which
 * rules each literal can start.
 */
static void
direct_compile(struct xf_rules *r)
{
	const uint32_t *first;
	size_t i, j, n, total = 0;
	const char *s;
	char *isfirst;

	r->lits = xf_litre_lits_new();
	for (i = 0; i < r->nrule; i++)
		r->rule[i].lre = xf_litre_compile(r->rule[i].text[C_PATTERN],
		    r->lits);
	r->nlit = xf_litre_lits_count(r->lits);
	r->litlen = xf_calloc(r->nlit + 1, sizeof(unsigned));
	/* Only the literals a match can begin with are searched for. */
	isfirst = xf_calloc(r->nlit + 1, 1);
	for (i = 0; i < r->nrule; i++) {
		if (r->rule[i].lre == NULL)
			continue;
		first = xf_litre_first(r->rule[i].lre, &n);
		for (j = 0; j < n; j++)
			isfirst[first[j]] = 1;
	}
	for (i = 0; i < r->nlit; i++) {
		s = xf_litre_lit(r->lits, i, &n);
		r->litlen[i] = (unsigned)n;
		if (isfirst[i])
			xf_ac_add(r->ac, s, n, LITBASE + (unsigned)i);
	}
	free(isfirst);
	r->firstoff = xf_calloc(r->nlit + 2, sizeof(size_t));
	for (i = 0; i < r->nrule; i++) {
		if (r->rule[i].lre == NULL)
			continue;
		first = xf_litre_first(r->rule[i].lre, &n);
		for (j = 0; j < n; j++)
			r->firstoff[first[j] + 1]++;
		total += n;
	}
	for (i = 0; i < r->nlit; i++)
		r->firstoff[i + 1] += r->firstoff[i];
	r->firstrule = xf_calloc(total + 1, sizeof(unsigned));
	for (i = 0; i < r->nrule; i++) {
		if (r->rule[i].lre == NULL)
			continue;
		first = xf_litre_first(r->rule[i].lre, &n);
		for (j = 0; j < n; j++)
			r->firstrule[r->firstoff[first[j]]++] = (unsigned)i;
	}
	/* The fill moved each start to the next literal's: move back. */
	for (i = r->nlit; i > 0; i--)
		r->firstoff[i] = r->firstoff[i - 1];
	r->firstoff[0] = 0;
}

int
xf_rules_compile(struct xf_rules *r)
{
	size_t i, j;
	int rc;

	xf_ac_free(r->ac);
	direct_free(r);
	free(r->always);
	free(r->jitshared);	/* of an earlier compile: see xf_rules_share */
	r->jitshared = NULL;
	r->npk = 0;
	r->nslot = 0;
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
		ru->slot = r->nslot;
		ru->nslot = r->noprefilter ? 0 : rule_keys(r->ac, ru,
		    (unsigned)r->nslot);
		r->nslot += ru->nslot;
		ru->always = ru->nslot == 0;
		if (ru->always)
			r->always[r->nalways++] = i;
	}
	r->nslotwords = (r->nslot + 63) / 64;
	r->nwords = (r->nrule + 63) / 64;
	free(r->alwaysbits);
	free(r->reqbits);
	free(r->slotrule);
	r->alwaysbits = xf_calloc(r->nwords + 1, sizeof(uint64_t));
	r->reqbits = xf_calloc(r->nwords + 1, sizeof(uint64_t));
	r->slotrule = xf_calloc(r->nslot + 1, sizeof(unsigned));
	for (i = 0; i < r->nrule; i++) {
		if (r->rule[i].always)
			r->alwaysbits[i / 64] |= UINT64_C(1) << (i % 64);
		if (r->rule[i].req != -1)
			r->reqbits[r->rule[i].req / 64] |= UINT64_C(1) <<
			    (r->rule[i].req % 64);
		for (j = 0; j < r->rule[i].nslot; j++)
			r->slotrule[r->rule[i].slot + j] = (unsigned)i;
	}
	if (!r->noprefilter && !r->nodirect)
		direct_compile(r);
	/*
	 * Prefix keys only for the rules PCRE2 matches: a direct rule finds
	 * its starts from its own literals, and should the direct search
	 * give up, PCRE2 searches the whole field instead.
	 */
	for (i = 0; i < r->nrule; i++) {
		struct rule *ru = &r->rule[i];

		pcre2_code_free(ru->anch);	/* of an earlier compile */
		ru->anch = NULL;
		ru->npk = 0;
		if (!r->noprefilter && ru->lre == NULL)
			rule_prefix(r, ru);
	}
	if (xf_ac_build(r->ac) == -1) {
		if (r->lits != NULL) {
			/* Without the direct rules' literals it may fit. */
			r->nodirect = 1;
			rc = xf_rules_compile(r);
			r->nodirect = 0;
			return rc;
		}
		xf_warnx("too many or too long rule keys for the prefilter");
		return -1;
	}
	r->nwords = (r->nrule + 63) / 64;
	r->compiled = 1;
	return 0;
}

void
xf_rules_share(struct xf_rules *r)
{
	size_t i;
	int k;

	free(r->jitshared);
	r->jitshared = xf_calloc(2 * r->nrule + 1, 1);
	for (i = 0; i < r->nrule; i++)
		for (k = 0; k < 2; k++) {
			pcre2_code *code = k == 0 ? r->rule[i].re :
			    r->rule[i].anch;

			if (code == NULL)
				continue;
			r->jitshared[2 * i + k] = !r->nojit &&
			    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0 ?
			    1 : -1;
		}
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

/*
 * One field as the direct rules see it: for each rule the offsets where
 * its matches may begin (start[off[i] .. off[i] + len[i]), ascending).
 */
struct dfield {
	int		 valid;		/* valid UTF-8: else PCRE2 */
	unsigned	*pr, *ps;	/* (rule, start) pairs */
	size_t		 paircap;
	size_t		*off, *len;	/* per rule */
	size_t		*start;
	unsigned	*touched;	/* the rules with pairs */
	size_t		 ntouched;
	uint32_t	*cp;		/* the characters (litre.h) */
	size_t		 cpcap;
};

struct xf_classifier {
	const struct xf_rules *r;
	struct dfield	 sdf, cdf;
	size_t		 hitcap;
	pcre2_match_data *md;
	pcre2_match_context *mc;
	pcre2_jit_stack	*js;
	uint64_t	*sbits, *cbits;	/* candidate rules, per field */
	uint64_t	*psbits, *pcbits; /* those of this round */
	uint64_t	*sslots, *cslots; /* key sets found, per field */
	struct xf_ac_hit *shits, *chits;	/* prefix keys found */
	size_t		 nshit, nchit;
	size_t		*starts;
	struct hit	*hit;
	double		*catscore, *subscore;
	char		*subj, *cont;
	size_t		 subjcap, contcap;
	struct sbuf	 evidence, explain, all, allsub;
	int		 wantexplain, wantall;
	unsigned	*cnt;		/* per rule, for candidates */
	/*
	 * Per rule, whether its pattern (jit[2i]) and anchored twin
	 * (jit[2i + 1]) are compiled to machine code: 0 not tried yet, 1
	 * yes, -1 it failed (the interpreter runs them).  Compiled on first
	 * use: most rules are matched by litre.c and never need PCRE2, and
	 * compiling them all took a third of the start-up.
	 */
	signed char	*jit;
	size_t		*order;
	size_t		*ev;		/* rules whose phrase may be evidence */
	/* --profile: per rule, times run, times matched, nanoseconds. */
	unsigned long long *prun, *pmatch, *pns;
	char		 errbuf[256];
};

struct xf_classifier *
xf_classifier_new(const struct xf_rules *r)
{
	struct xf_classifier *c;

	c = xf_calloc(1, sizeof(*c));
	c->r = r;
	c->wantexplain = c->wantall = 1;
	c->cnt = xf_calloc(r->nrule + 1, sizeof(unsigned));
	c->jit = xf_calloc(2 * r->nrule + 1, 1);
	if (r->jitshared != NULL)
		memcpy(c->jit, r->jitshared, 2 * r->nrule);
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
	c->psbits = xf_calloc(r->nwords + 1, sizeof(uint64_t));
	c->pcbits = xf_calloc(r->nwords + 1, sizeof(uint64_t));
	c->sslots = xf_calloc(r->nslotwords + 1, sizeof(uint64_t));
	c->cslots = xf_calloc(r->nslotwords + 1, sizeof(uint64_t));
	c->hitcap = MAXHITS;
	c->shits = xf_calloc(MAXHITS, sizeof(struct xf_ac_hit));
	c->chits = xf_calloc(MAXHITS, sizeof(struct xf_ac_hit));
	c->starts = xf_calloc(MAXHITS, sizeof(size_t));
	c->sdf.off = xf_calloc(r->nrule + 1, sizeof(size_t));
	c->sdf.len = xf_calloc(r->nrule + 1, sizeof(size_t));
	c->cdf.off = xf_calloc(r->nrule + 1, sizeof(size_t));
	c->cdf.len = xf_calloc(r->nrule + 1, sizeof(size_t));
	c->sdf.touched = xf_calloc(r->nrule + 1, sizeof(unsigned));
	c->cdf.touched = xf_calloc(r->nrule + 1, sizeof(unsigned));
	c->hit = xf_calloc(r->nrule + 1, sizeof(struct hit));
	c->catscore = xf_calloc(r->ncat + 1, sizeof(double));
	c->subscore = xf_calloc(r->nsub + 1, sizeof(double));
	c->order = xf_calloc(r->nrule + 1, sizeof(size_t));
	c->ev = xf_calloc(r->nrule + 1, sizeof(size_t));
	return c;
}

void
xf_classifier_set_lists(struct xf_classifier *c, int explain, int all)
{
	c->wantexplain = explain;
	c->wantall = all;
}

void
xf_classifier_profile(struct xf_classifier *c)
{
	const struct xf_rules *r = c->r;

	c->prun = xf_calloc(r->nrule + 1, sizeof(unsigned long long));
	c->pmatch = xf_calloc(r->nrule + 1, sizeof(unsigned long long));
	c->pns = xf_calloc(r->nrule + 1, sizeof(unsigned long long));
}

void
xf_classifier_profile_dump(const struct xf_classifier *c, FILE *fp)
{
	const struct xf_rules *r = c->r;
	size_t i;

	if (c->pns == NULL)
		return;
	fprintf(fp, "rule,runs,matches,ms,keys,engine\n");
	for (i = 0; i < r->nrule; i++)
		fprintf(fp, "%s,%llu,%llu,%.1f,%s,%s\n", r->rule[i].text[C_ID],
		    c->prun[i], c->pmatch[i], (double)c->pns[i] / 1e6,
		    r->rule[i].always ? "none" : "yes",
		    r->rule[i].lre != NULL ? "direct" : "pcre2");
}

static void
dfield_free(struct dfield *f)
{
	free(f->pr);
	free(f->ps);
	free(f->off);
	free(f->len);
	free(f->start);
	free(f->touched);
	free(f->cp);
}

void
xf_classifier_free(struct xf_classifier *c)
{
	if (c == NULL)
		return;
	free(c->prun);
	free(c->pmatch);
	free(c->pns);
	pcre2_match_data_free(c->md);
	pcre2_match_context_free(c->mc);
	if (c->js != NULL)
		pcre2_jit_stack_free(c->js);
	free(c->sbits);
	free(c->cbits);
	free(c->psbits);
	free(c->pcbits);
	free(c->jit);
	free(c->sslots);
	free(c->cslots);
	free(c->shits);
	free(c->chits);
	free(c->starts);
	free(c->cnt);
	dfield_free(&c->sdf);
	dfield_free(&c->cdf);
	free(c->hit);
	free(c->catscore);
	free(c->subscore);
	free(c->order);
	free(c->ev);
	free(c->subj);
	free(c->cont);
	free(c->evidence.s);
	free(c->explain.s);
	free(c->all.s);
	free(c->allsub.s);
	free(c);
}

/*
 * A normalised copy of a text in *buf and, for the direct rules (f not
 * NULL), its characters in f (litre.h).
 */
static size_t
normalise(char **buf, size_t *cap, const char *s, size_t n, struct dfield *f)
{
	int whole;

	if (*cap < n + 1) {
		*cap = n + 256;
		*buf = xf_reallocarray(*buf, *cap, 1);
	}
	if (f == NULL)
		n = xf_hanzi_normalize(s, n, *buf);
	else {
		if (f->cpcap < n + 1) {
			f->cpcap = n + 256;
			f->cp = xf_reallocarray(f->cp, f->cpcap,
			    sizeof(uint32_t));
		}
		n = xf_hanzi_normalize_cp(s, n, *buf, f->cp, &whole);
		f->valid = whole || xf_litre_text_chars(*buf, n, f->cp);
	}
	(*buf)[n] = '\0';
	return n;
}

/*
 * Match code (a rule's pattern, or its anchored twin: which says which)
 * at start in s, compiling it to machine code on its first use.
 */
static int
pmatch(struct xf_classifier *c, const struct rule *ru, int which,
    pcre2_code *code, const char *s, size_t n, size_t start)
{
	signed char *j = &c->jit[2 * (size_t)(ru - c->r->rule) + which];
	int rc;

	if (*j == 0)
		*j = !c->r->nojit && pcre2_jit_compile(code,
		    PCRE2_JIT_COMPLETE) == 0 ? 1 : -1;
	if (*j > 0)
		return pcre2_jit_match(code, (PCRE2_SPTR)s, n, start, 0, c->md,
		    c->mc);
	rc = pcre2_match(code, (PCRE2_SPTR)s, n, start, PCRE2_NO_UTF_CHECK,
	    c->md, c->mc);
	/*
	 * PCRE2 10.42's interpreter, with PCRE2_MATCH_INVALID_UTF, goes on
	 * past a byte that is not UTF-8 into the next stretch of the text
	 * even when the pattern is anchored: "cd" anchored at 0 matches
	 * "ab\xffcd" at 3 (its JIT code says no match, as it should).  An
	 * anchored match must begin where it was asked to.
	 */
	if (rc >= 0 && which == 1 && pcre2_get_ovector_pointer(c->md)[0] !=
	    start)
		return PCRE2_ERROR_NOMATCH;
	return rc;
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
		rc = pmatch(c, ru, 0, ru->re, s, n, start);
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

/*
 * The same count, trying the anchored twin only at the given starts
 * (ascending): every match begins at one of them, so the matches found
 * are those an unanchored search finds.
 */
static int
count_matches_at(struct xf_classifier *c, const struct rule *ru,
    const char *s, size_t n, const size_t *starts, size_t nstarts,
    struct hit *h)
{
	PCRE2_SIZE *ov, pos = 0;
	size_t k;
	int rc, count = 0;

	for (k = 0; k < nstarts && count < MAXCOUNT; k++) {
		if (starts[k] < pos)
			continue;
		rc = pmatch(c, ru, 1, ru->anch, s, n, starts[k]);
		if (rc == PCRE2_ERROR_NOMATCH)
			continue;
		if (rc < 0)
			return -1;
		ov = pcre2_get_ovector_pointer(c->md);
		if (count == 0 && h->phrase == NULL) {
			h->phrase = s + ov[0];
			h->plen = ov[1] - ov[0];
		}
		count++;
		pos = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
	}
	return count;
}

/* Count rule ru's matches in one field, anchored where it can be. */
static int
match_field(struct xf_classifier *c, const struct rule *ru, const char *s,
    size_t n, const struct xf_ac_hit *hits, size_t nhit, struct hit *h)
{
	const struct xf_rules *r = c->r;
	size_t k, j, ns = 0, st;
	unsigned id;

	if (ru->anch == NULL || nhit > c->hitcap)
		return count_matches(c, ru, s, n, h);
	for (k = 0; k < nhit; k++) {
		id = hits[k].id - PKBASE;
		if (id < ru->pk0 || id >= ru->pk0 + ru->npk)
			continue;
		st = hits[k].end + 1 - r->pklen[id];
		/* Insert in order; hits end in order but may start out of it. */
		for (j = ns; j > 0 && c->starts[j - 1] > st; j--)
			c->starts[j] = c->starts[j - 1];
		if (j > 0 && c->starts[j - 1] == st) {
			for (; j < ns; j++)
				c->starts[j] = c->starts[j + 1];
			continue;
		}
		c->starts[j] = st;
		ns++;
	}
	return count_matches_at(c, ru, s, n, c->starts, ns, h);
}

/*
 * Where each direct rule among the candidates CAND may begin its
 * matches in a field (its characters noted by normalise).
 */
static void
dfield_build(const struct xf_rules *r, struct dfield *f,
    const struct xf_ac_hit *hits, size_t nhit, const uint64_t *cand)
{
	size_t k, j, np = 0, st, a, b, t;
	unsigned lit;

	for (k = 0; k < f->ntouched; k++)
		f->len[f->touched[k]] = 0;
	f->ntouched = 0;
	if (!f->valid)
		return;
	for (k = 0; k < nhit; k++) {
		if (hits[k].id < LITBASE)
			continue;
		lit = hits[k].id - LITBASE;
		st = hits[k].end + 1 - r->litlen[lit];
		for (j = r->firstoff[lit]; j < r->firstoff[lit + 1]; j++) {
			unsigned ri = r->firstrule[j];

			if (!(cand[ri / 64] >> (ri % 64) & 1))
				continue;
			if (np == f->paircap) {
				f->paircap = f->paircap ? 2 * f->paircap : 1024;
				f->pr = xf_reallocarray(f->pr, f->paircap,
				    sizeof(unsigned));
				f->ps = xf_reallocarray(f->ps, f->paircap,
				    sizeof(unsigned));
				f->start = xf_reallocarray(f->start,
				    f->paircap, sizeof(size_t));
			}
			f->pr[np] = ri;
			f->ps[np++] = (unsigned)st;
		}
	}
	/* Group the starts by rule, each rule's ascending and unique. */
	for (k = 0; k < np; k++)
		if (f->len[f->pr[k]]++ == 0)
			f->touched[f->ntouched++] = f->pr[k];
	for (k = 0, a = 0; k < f->ntouched; k++) {
		f->off[f->touched[k]] = a;
		a += f->len[f->touched[k]];
		f->len[f->touched[k]] = 0;
	}
	for (k = 0; k < np; k++) {
		a = f->off[f->pr[k]];
		b = f->len[f->pr[k]];
		st = f->ps[k];
		for (j = b; j > 0 && f->start[a + j - 1] > st; j--)
			f->start[a + j] = f->start[a + j - 1];
		if (j > 0 && f->start[a + j - 1] == st) {
			for (t = j; t < b; t++)
				f->start[a + t] = f->start[a + t + 1];
			continue;
		}
		f->start[a + j] = st;
		f->len[f->pr[k]]++;
	}
}

/*
 * Count a direct rule's matches in a field (up to MAXCOUNT), as
 * count_matches would; PCRE2 takes over if the search grows long.
 */
static int
match_direct(struct xf_classifier *c, const struct rule *ru, size_t i,
    const struct dfield *f, const char *s, size_t n,
    const struct xf_ac_hit *hits, size_t nhit, struct hit *h)
{
	struct xf_litre_text t;
	const size_t *st;
	size_t k, pos = 0;
	long e;
	int count = 0;

	/* No start in this field (and maybe none in any so far: no array). */
	if (f->len[i] == 0)
		return 0;
	st = f->start + f->off[i];

	t.s = s;
	t.n = n;
	t.cp = f->cp;
	for (k = 0; k < f->len[i] && count < MAXCOUNT; k++) {
		if (st[k] < pos)
			continue;
		e = xf_litre_match(ru->lre, &t, st[k]);
		if (e == -2)
			return match_field(c, ru, s, n, hits, nhit, h);
		if (e < 0)
			continue;
		if (count == 0 && h->phrase == NULL) {
			h->phrase = s + st[k];
			h->plen = (size_t)e - st[k];
		}
		count++;
		pos = (size_t)e;
	}
	return count;
}

/*
 * The rules all of whose key sets were found, as a bitset over rules:
 * the rules without keys, and those for which as many sets were found
 * as they have (counted in cnt, one a rule, left zero).
 */
static void
candidates(const struct xf_rules *r, const uint64_t *slots, uint64_t *rules,
    unsigned *cnt)
{
	size_t w, s, i;
	uint64_t bits;

	memcpy(rules, r->alwaysbits, r->nwords * sizeof(uint64_t));
	for (w = 0; w < r->nslotwords; w++)
		for (bits = slots[w]; bits != 0; bits &= bits - 1) {
			s = w * 64 + (size_t)__builtin_ctzll(bits);
			i = r->slotrule[s];
			if (++cnt[i] == r->rule[i].nslot)
				rules[i / 64] |= UINT64_C(1) << (i % 64);
		}
	for (w = 0; w < r->nslotwords; w++)
		for (bits = slots[w]; bits != 0; bits &= bits - 1)
			cnt[r->slotrule[w * 64 +
			    (size_t)__builtin_ctzll(bits)]] = 0;
}

/*
 * Run candidate rule i on the fields it is a candidate in (c->psbits,
 * c->pcbits) and note it in c->order if it fired.  Returns -1 when
 * PCRE2 gave up (the match limit).
 */
static int
match_rule(struct xf_classifier *c, size_t i, size_t slen, size_t clen,
    size_t *nfired)
{
	const struct xf_rules *r = c->r;
	const struct rule *ru = &r->rule[i];
	struct hit *h = &c->hit[i];
	size_t w = i / 64;
	struct timespec t0, t1;
	int sn = 0, cn = 0;

	h->phrase = NULL;
	if (c->pns != NULL)
		clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((ru->field & F_SUBJECT) && slen > 0 &&
	    (c->psbits[w] >> (i % 64) & 1))
		sn = ru->lre != NULL && c->sdf.valid ?
		    match_direct(c, ru, i, &c->sdf, c->subj, slen, c->shits,
		    c->nshit, h) :
		    match_field(c, ru, c->subj, slen, c->shits, c->nshit, h);
	if (sn >= 0 && (ru->field & F_CONTENT) && clen > 0 &&
	    (c->pcbits[w] >> (i % 64) & 1))
		cn = ru->lre != NULL && c->cdf.valid ?
		    match_direct(c, ru, i, &c->cdf, c->cont, clen, c->chits,
		    c->nchit, h) :
		    match_field(c, ru, c->cont, clen, c->chits, c->nchit, h);
	if (c->pns != NULL) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		c->prun[i]++;
		c->pmatch[i] += sn + cn > 0;
		c->pns[i] += (unsigned long long)((t1.tv_sec - t0.tv_sec) *
		    1000000000LL + (t1.tv_nsec - t0.tv_nsec));
	}
	if (sn < 0 || cn < 0)
		return -1;
	if (sn + cn == 0)
		return 0;
	h->fired = 1;
	h->contrib = 0;
	if (sn > 0)
		h->contrib += ru->weight * r->subjw;
	if (cn > 0)
		h->contrib += ru->weight * (1 + 0.25 * (cn - 1));
	c->order[(*nfired)++] = i;
	return 0;
}

/*
 * Take out of this round's candidates (c->psbits, c->pcbits) the rules
 * whose required rule has run and not fired.  (A rule required by
 * another that itself requires one runs in the first round, its own
 * required rule maybe not yet run: it is kept.)
 */
static void
drop_unsupported(struct xf_classifier *c)
{
	const struct xf_rules *r = c->r;
	size_t w, i;
	uint64_t bits;
	int req;

	for (w = 0; w < r->nwords; w++)
		for (bits = c->psbits[w] | c->pcbits[w]; bits != 0;
		    bits &= bits - 1) {
			i = w * 64 + (size_t)__builtin_ctzll(bits);
			if ((req = r->rule[i].req) == -1 ||
			    c->hit[req].fired)
				continue;
			c->psbits[w] &= ~(UINT64_C(1) << (i % 64));
			c->pcbits[w] &= ~(UINT64_C(1) << (i % 64));
		}
}

int
xf_classify(struct xf_classifier *c, const char *subject, size_t slen,
    const char *content, size_t clen, struct xf_verdict *v)
{
	const struct xf_rules *r = c->r;
	size_t i, k, nfired = 0, w, ne;
	int best = -1, second = -1, bsub = -1, n, phase;
	double s1, s2;
	char num[400];

	memset(v, 0, sizeof(*v));
	slen = normalise(&c->subj, &c->subjcap, subject, slen,
	    r->lits != NULL ? &c->sdf : NULL);
	clen = normalise(&c->cont, &c->contcap, content, clen,
	    r->lits != NULL ? &c->cdf : NULL);
	memset(c->sslots, 0, r->nslotwords * sizeof(uint64_t));
	memset(c->cslots, 0, r->nslotwords * sizeof(uint64_t));
	c->nshit = xf_ac_scan_hits(r->ac, c->subj, slen, c->sslots, PKBASE,
	    c->shits, c->hitcap);
	c->nchit = xf_ac_scan_hits(r->ac, c->cont, clen, c->cslots, PKBASE,
	    c->chits, c->hitcap);
	if (c->nshit > c->hitcap || c->nchit > c->hitcap) {
		/* A long text: make room for every hit and scan again. */
		c->hitcap = (c->nshit > c->nchit ? c->nshit : c->nchit) + 1024;
		c->shits = xf_reallocarray(c->shits, c->hitcap,
		    sizeof(struct xf_ac_hit));
		c->chits = xf_reallocarray(c->chits, c->hitcap,
		    sizeof(struct xf_ac_hit));
		c->starts = xf_reallocarray(c->starts, c->hitcap,
		    sizeof(size_t));
		c->nshit = xf_ac_scan_hits(r->ac, c->subj, slen, c->sslots,
		    PKBASE, c->shits, c->hitcap);
		c->nchit = xf_ac_scan_hits(r->ac, c->cont, clen, c->cslots,
		    PKBASE, c->chits, c->hitcap);
	}
	candidates(r, c->sslots, c->sbits, c->cnt);
	candidates(r, c->cslots, c->cbits, c->cnt);
	if (r->lits != NULL) {
		dfield_build(r, &c->sdf, c->shits, c->nshit, c->sbits);
		dfield_build(r, &c->cdf, c->chits, c->nchit, c->cbits);
	}

	/*
	 * Match the candidate rules, those others require first: a rule
	 * whose required rule did not fire counts for nothing, so unless
	 * --explain lists it, it need not run.  The rules are then put
	 * back in their order, which the evidence and --explain follow.
	 */
	for (phase = 0; phase < 2; phase++) {
		for (w = 0; w < r->nwords; w++) {
			uint64_t m = phase == 0 ? r->reqbits[w] :
			    ~r->reqbits[w];

			c->psbits[w] = c->sbits[w] & m;
			c->pcbits[w] = c->cbits[w] & m;
		}
		if (phase == 1 && !c->wantexplain)
			drop_unsupported(c);
		for (w = 0; w < r->nwords; w++) {
			uint64_t bits = c->psbits[w] | c->pcbits[w];

			while (bits != 0) {
				i = w * 64 + (size_t)__builtin_ctzll(bits);
				bits &= bits - 1;
				if (match_rule(c, i, slen, clen, &nfired) == 0)
					continue;
				snprintf(c->errbuf, sizeof(c->errbuf), "rule "
				    "'%s': PCRE2 match limit exceeded",
				    r->rule[i].text[C_ID]);
				v->error = c->errbuf;
				v->category = v->subcategory = "";
				for (k = 0; k < nfired; k++)
					c->hit[c->order[k]].fired = 0;
				return -1;
			}
		}
	}
	for (k = 1; k < nfired; k++) {
		size_t t = c->order[k], j;

		for (j = k; j > 0 && c->order[j - 1] > t; j--)
			c->order[j] = c->order[j - 1];
		c->order[j] = t;
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

	/*
	 * Evidence: the winning category's phrases, strongest first (the
	 * first in rule order of equals), each phrase once.
	 */
	for (k = 0, ne = 0; best != -1 && k < nfired; k++) {
		const struct hit *h = &c->hit[c->order[k]];
		const struct rule *ru = &r->rule[c->order[k]];

		if (ru->cat == best && h->contrib > 0 && (ru->req == -1 ||
		    c->hit[ru->req].fired) && h->phrase != NULL)
			c->ev[ne++] = c->order[k];
	}
	for (n = 0; n < MAXEVIDENCE && ne > 0; n++) {
		const struct hit *top;
		size_t ti = 0;

		for (k = 1; k < ne; k++)
			if (c->hit[c->ev[k]].contrib > c->hit[c->ev[ti]].contrib)
				ti = k;
		top = &c->hit[c->ev[ti]];
		if (!has_phrase(&c->evidence, top->phrase, top->plen)) {
			if (c->evidence.len > 0)
				sb_str(&c->evidence, ";");
			sb_add(&c->evidence, top->phrase, top->plen);
		} else
			n--;
		memmove(c->ev + ti, c->ev + ti + 1, (--ne - ti) *
		    sizeof(c->ev[0]));
	}

	/* Everything that fired, and every category above the threshold. */
	for (k = 0; c->wantexplain && k < nfired; k++) {
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
	for (i = 0; c->wantall && i < r->ncat; i++) {
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
	if (c->wantall && c->all.len == 0) {
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
		pcre2_code_free(r->rule[i].anch);
	}
	direct_free(r);
	free(r->pklen);
	free(r->jitshared);
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
	free(r->alwaysbits);
	free(r->reqbits);
	free(r->slotrule);
	free(r);
}
