/* SPDX-License-Identifier: ISC */

/*
 * Literal regular expressions matched from Aho-Corasick hits: see
 * litre.h.
 *
 * A pattern is parsed into a tree (sequences, alternations, literal
 * sets, bounded character-class repeats, optional groups, \A and
 * negative literal look-arounds), simplified so that runs of literal
 * items become one set of alternative strings in PCRE2's order of
 * preference, and matched by backtracking in that order: for a literal
 * set, the alternatives that begin at the offset, most preferred
 * first; for a repeat, the longest run of class characters first; for
 * an alternation, its branches in order; for an optional group, the
 * group first.  The first complete match in that order is PCRE2's.
 *
 * The text must be valid UTF-8 (the caller checks once per field and
 * leaves invalid text to PCRE2), which makes comparing look-around
 * strings byte by byte the same as PCRE2 comparing characters.
 */

#define PCRE2_CODE_UNIT_WIDTH 8

#include <limits.h>
#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "litre.h"
#include "utf8.h"
#include "xf.h"

#define MAXALT		256	/* alternatives of a merged literal set */
#define MAXLIT		120	/* bytes in a literal */
#define MAXREP		64	/* characters a repeat may take, and */
#define MAXAT		31	/* alternatives beginning at one place */
				/* (more: PCRE2 takes over) */
#define MAXSTEPS	100000	/* steps of one anchored search */
#define NOLIT		UINT_MAX

enum ntype { N_SEQ, N_ALT, N_LIT, N_REP, N_OPT, N_BOL, N_NLB, N_NLA };

/* A set of characters as 256 bits, one per hash: no false negatives. */
struct bloom {
	uint64_t	 w[4];
};

#define BLOOMBIT(c)	((uint32_t)((c) * UINT32_C(0x9E3779B1)) >> 24)

static void
bloom_add(struct bloom *b, uint32_t c)
{
	b->w[BLOOMBIT(c) / 64] |= UINT64_C(1) << (BLOOMBIT(c) % 64);
}

static inline int
bloom_has(const struct bloom *b, uint32_t c)
{
	return (int)(b->w[BLOOMBIT(c) / 64] >> (BLOOMBIT(c) % 64) & 1);
}

struct range {
	uint32_t	 lo, hi;
};

/*
 * A set of characters hashed for lookup, each with where it first
 * appears in the ascending array the set was made from: open
 * addressing, linear probing, at most half full, NOCHAR in an empty
 * slot.  Behind a bloom filter it answers the questions the matcher
 * asks at every step ("can a literal begin with this character", "which
 * alternatives do") with one or two loads, where a binary search waited
 * for each of its loads in turn: a sixth of the matcher's time in perf.
 * With the hash, on 100,000 petitions, 11% fewer of the matcher's
 * instructions (callgrind) and 13% less of its time against the
 * Aho-Corasick pass's in the same runs (perf, four runs each).
 */
struct cpent {
	uint32_t	 c, at;
};

struct cpset {
	struct cpent	*e;
	uint32_t	 mask;
	unsigned	 shift;
};

#define NOCHAR	UINT32_MAX
#define NOTIN	UINT32_MAX
#define CPHASH(c, shift) ((uint32_t)((c) * UINT32_C(0x9E3779B1)) >> (shift))

/*
 * The set of the n > 0 characters in v, in any order but with repeats
 * next to each other (at: where the first of them is).
 */
static void
cpset_make(struct cpset *h, const uint32_t *v, size_t n)
{
	size_t size = 4, i;
	unsigned bits = 2;
	uint32_t k;

	while (size < 2 * n) {
		size *= 2;
		bits++;
	}
	h->e = xf_calloc(size, sizeof(*h->e));
	h->mask = (uint32_t)size - 1;
	h->shift = 32 - bits;
	for (i = 0; i < size; i++)
		h->e[i].c = NOCHAR;
	for (i = 0; i < n; i++) {
		if (i > 0 && v[i] == v[i - 1])
			continue;
		for (k = CPHASH(v[i], h->shift); h->e[k].c != NOCHAR;
		    k = (k + 1) & h->mask)
			;
		h->e[k].c = v[i];
		h->e[k].at = (uint32_t)i;
	}
}

/* Where c (not NOCHAR) first is in the array h was made from, or NOTIN. */
static inline uint32_t
cpset_find(const struct cpset *h, uint32_t c)
{
	uint32_t k;

	for (k = CPHASH(c, h->shift);; k = (k + 1) & h->mask) {
		if (h->e[k].c == c)
			return h->e[k].at;
		if (h->e[k].c == NOCHAR)
			return NOTIN;
	}
}

/*
 * Where item i of a sequence is reached: whether a literal must begin
 * there (first_of's answer; -1 also when there is nothing to check),
 * and if so the characters it can begin with and a filter of them.
 * Kept together, as the matcher reads them together.
 */
struct npos {
	struct bloom	 mask;
	struct cpset	 fs;
	signed char	 need;
};

struct node {
	enum ntype	 type;
	struct node	**kid;		/* SEQ, ALT; OPT: one SEQ */
	size_t		 nkid;
	char		**str;		/* LIT, NLB, NLA: strings in order */
	size_t		*slen;
	size_t		 nstr;
	unsigned	*sid;		/* LIT: literal ids */
	size_t		 nsid;
	uint32_t	*fcp;		/* LIT: first characters, ascending, */
	unsigned	*fpr;		/* with the alternative (best first) */
	size_t		 nfc;
	struct cpset	 fch;		/* LIT: where each is first in fcp */
	int		 empty;		/* LIT: "" is an alternative */
	unsigned	 emptyprio;
	struct range	*rg;		/* REP */
	size_t		 nrg;
	int		 neg;
	unsigned	 min, max;
	struct npos	*pos;		/* SEQ: per item (and the end) */
	struct npos	*kfirst;	/* ALT: each branch's pos[0] */
	struct npos	 afs;		/* ALT: the same for all branches */
					/* (need 0: no pruning) */
	uint64_t	 ascii[2];	/* REP: which ASCII characters match */
	int		 cjk;		/* REP: 1 if U+4E00..9FFF all match, */
					/* 0 if none does, -1 mixed */
};

struct xf_litre {
	struct node	*root;		/* a SEQ */
	uint32_t	*first;
	size_t		 nfirst;
};

struct xf_litre_lits {
	char		**s;
	size_t		*len;
	size_t		 n, cap;
	unsigned	*tab;		/* open addressing: id + 1, 0 empty */
	size_t		 tabcap;
};

struct xf_litre_lits *
xf_litre_lits_new(void)
{
	return xf_calloc(1, sizeof(struct xf_litre_lits));
}

void
xf_litre_lits_free(struct xf_litre_lits *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		free(l->s[i]);
	free(l->s);
	free(l->len);
	free(l->tab);
	free(l);
}

size_t
xf_litre_lits_count(const struct xf_litre_lits *l)
{
	return l->n;
}

const char *
xf_litre_lit(const struct xf_litre_lits *l, size_t i, size_t *n)
{
	*n = l->len[i];
	return l->s[i];
}

static size_t
strhash(const char *s, size_t n)
{
	size_t h = 14695981039346656037ULL, i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/* The id of literal s, added if new. */
static unsigned
intern(struct xf_litre_lits *l, const char *s, size_t n)
{
	size_t i, h;

	if (2 * (l->n + 1) > l->tabcap) {
		size_t cap = l->tabcap ? l->tabcap * 2 : 1024;

		free(l->tab);
		l->tab = xf_calloc(cap, sizeof(unsigned));
		l->tabcap = cap;
		for (i = 0; i < l->n; i++) {
			h = strhash(l->s[i], l->len[i]) & (cap - 1);
			while (l->tab[h] != 0)
				h = (h + 1) & (cap - 1);
			l->tab[h] = (unsigned)i + 1;
		}
	}
	h = strhash(s, n) & (l->tabcap - 1);
	while (l->tab[h] != 0) {
		i = l->tab[h] - 1;
		if (l->len[i] == n && memcmp(l->s[i], s, n) == 0)
			return (unsigned)i;
		h = (h + 1) & (l->tabcap - 1);
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->s = xf_reallocarray(l->s, l->cap, sizeof(char *));
		l->len = xf_reallocarray(l->len, l->cap, sizeof(size_t));
	}
	l->s[l->n] = xf_memdup(s, n);
	l->len[l->n] = n;
	l->tab[h] = (unsigned)l->n + 1;
	return (unsigned)l->n++;
}

/* Nodes. */

static struct node *
node_new(enum ntype t)
{
	struct node *nd = xf_calloc(1, sizeof(*nd));

	nd->type = t;
	return nd;
}

static void
node_free(struct node *nd)
{
	size_t i;

	if (nd == NULL)
		return;
	for (i = 0; i < nd->nkid; i++)
		node_free(nd->kid[i]);
	free(nd->kid);
	for (i = 0; i < nd->nstr; i++)
		free(nd->str[i]);
	free(nd->str);
	free(nd->slen);
	free(nd->sid);
	free(nd->fcp);
	free(nd->fpr);
	free(nd->fch.e);
	free(nd->rg);
	if (nd->pos != NULL)
		for (i = 0; i <= nd->nkid; i++)
			free(nd->pos[i].fs.e);
	free(nd->pos);
	free(nd->kfirst);	/* its fs belong to the branches */
	free(nd->afs.fs.e);
	free(nd);
}

static void
kid_add(struct node *nd, struct node *k)
{
	nd->kid = xf_reallocarray(nd->kid, nd->nkid + 1, sizeof(*nd->kid));
	nd->kid[nd->nkid++] = k;
}

/* Add string s to a literal set unless it is there already. */
static void
str_add(struct node *nd, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < nd->nstr; i++)
		if (nd->slen[i] == n && memcmp(nd->str[i], s, n) == 0)
			return;
	nd->str = xf_reallocarray(nd->str, nd->nstr + 1, sizeof(char *));
	nd->slen = xf_reallocarray(nd->slen, nd->nstr + 1, sizeof(size_t));
	nd->str[nd->nstr] = xf_memdup(s, n);
	nd->slen[nd->nstr++] = n;
}

static void
range_add(struct node *nd, uint32_t lo, uint32_t hi)
{
	nd->rg = xf_reallocarray(nd->rg, nd->nrg + 1, sizeof(*nd->rg));
	nd->rg[nd->nrg].lo = lo;
	nd->rg[nd->nrg++].hi = hi;
}

/*
 * Characters that match only themselves under PCRE2_CASELESS: ASCII
 * other than letters, CJK, and the CJK and full-width punctuation.
 * A letter of any script may have other case forms (k, s and å have
 * three each), so patterns with letters stay with PCRE2.
 */
static int
caseless_safe(uint32_t c)
{
	if (c < 0x80)
		return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
	return (c >= 0x3000 && c <= 0x303F) || (c >= 0x3400 && c <= 0x4DBF) ||
	    (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xFF01 && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
	    (c >= 0xFF5B && c <= 0xFF65);
}

int
xf_litre_casefree(uint32_t c)
{
	return c >= 0x80 ? caseless_safe(c) : c != 0 &&
	    !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

/* Whether [lo, hi] lies within one run of caseless_safe characters. */
static int
range_safe(uint32_t lo, uint32_t hi)
{
	static const struct range ok[] = { { 0x00, 0x40 }, { 0x5B, 0x60 },
		{ 0x7B, 0x7F }, { 0x3000, 0x303F }, { 0x3400, 0x4DBF },
		{ 0x4E00, 0x9FFF }, { 0xF900, 0xFAFF }, { 0xFF01, 0xFF20 },
		{ 0xFF3B, 0xFF40 }, { 0xFF5B, 0xFF65 } };
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (lo >= ok[i].lo && hi <= ok[i].hi)
			return 1;
	return 0;
}

/* Parsing. */

struct parser {
	const char	*p;
	int		 bad;
	int		 dotlf;		/* '.' is any character but LF */
};

static struct node *parse_alt(struct parser *);

/* One literal character at P->p (escaped or not); 0 if not one. */
static int
lit_char(struct parser *P, uint32_t *cp, size_t *adv)
{
	const char *p = P->p;
	int n;

	if (*p == '\\') {
		if (p[1] == 'n') {
			*cp = '\n';
			*adv = 2;
			return 1;
		}
		if (p[1] != '\0' && (unsigned char)p[1] < 0x80 &&
		    !((p[1] >= 'a' && p[1] <= 'z') ||
		    (p[1] >= 'A' && p[1] <= 'Z') ||
		    (p[1] >= '0' && p[1] <= '9'))) {
			*cp = (unsigned char)p[1];
			*adv = 2;
			return 1;
		}
		return 0;
	}
	if (*p == '\0' || strchr(".^$|()[]{}*+?\\", *p) != NULL)
		return 0;
	if ((n = xf_utf8_decode(p, strlen(p), cp)) <= 0)
		return 0;
	*adv = (size_t)n;
	return caseless_safe(*cp);
}

/*
 * A quantifier: 0 if none (min = max = 1), 1 if one was read, -1 for
 * one not followed here (lazy, possessive, or over 255).
 */
static int
quant(struct parser *P, unsigned *min, unsigned *max)
{
	const char *p = P->p;
	char *end;
	unsigned long a, b;

	*min = *max = 1;
	if (*p == '?')
		*min = 0, p++;
	else if (*p == '*')
		*min = 0, *max = UINT_MAX, p++;
	else if (*p == '+')
		*max = UINT_MAX, p++;
	else if (*p == '{' && p[1] >= '0' && p[1] <= '9') {
		a = strtoul(p + 1, &end, 10);
		b = a;
		if (*end == ',') {
			if (end[1] == '}')
				b = UINT_MAX, end++;
			else if (end[1] >= '0' && end[1] <= '9')
				b = strtoul(end + 1, &end, 10);
			else
				return -1;
		}
		if (*end != '}' || a > 255 || (b != UINT_MAX && (b > 255 ||
		    b < a)))
			return -1;
		*min = (unsigned)a;
		*max = (unsigned)b;
		p = end + 1;
	} else
		return 0;
	if (*p == '?' || *p == '+')
		return -1;
	P->p = p;
	return 1;
}

/* One character of a class at p: its length, 0 if not followed. */
static size_t
class_char(const char *p, uint32_t *cp)
{
	int n;

	if (*p == '\\') {
		if (p[1] == 'n') {
			*cp = '\n';
			return 2;
		}
		if (p[1] != '\0' && (unsigned char)p[1] < 0x80 &&
		    !((p[1] >= 'a' && p[1] <= 'z') ||
		    (p[1] >= 'A' && p[1] <= 'Z') ||
		    (p[1] >= '0' && p[1] <= '9'))) {
			*cp = (unsigned char)p[1];
			return 2;
		}
		return 0;
	}
	if (*p == '\0' || *p == '[' || *p == ']')
		return 0;
	if ((n = xf_utf8_decode(p, strlen(p), cp)) <= 0)
		return 0;
	return (size_t)n;
}

/* A bracketed class at '[' into a REP node's ranges. */
static struct node *
parse_class(struct parser *P)
{
	struct node *nd = node_new(N_REP);
	const char *p = P->p + 1;
	uint32_t lo, hi;
	size_t adv;

	if (*p == '^')
		nd->neg = 1, p++;
	if (*p == ']')
		goto bad;	/* a literal ']' first: not followed */
	while (*p != ']') {
		if ((adv = class_char(p, &lo)) == 0)
			goto bad;
		p += adv;
		hi = lo;
		if (*p == '-' && p[1] != ']') {
			if ((adv = class_char(p + 1, &hi)) == 0 || hi < lo)
				goto bad;
			p += 1 + adv;
		}
		if (!range_safe(lo, hi))
			goto bad;
		range_add(nd, lo, hi);
	}
	P->p = p + 1;
	return nd;
bad:
	P->bad = 1;
	node_free(nd);
	return NULL;
}

/* A negative look-around's strings: literal alternatives, or a class. */
static struct node *
parse_look(struct parser *P, enum ntype t)
{
	struct node *nd = node_new(t), *in;
	size_t i;

	in = parse_alt(P);
	if (P->bad || *P->p != ')')
		goto bad;
	P->p++;
	if (in->type == N_SEQ && in->nkid == 1 && in->kid[0]->type == N_LIT &&
	    !in->kid[0]->empty) {
		for (i = 0; i < in->kid[0]->nstr; i++)
			str_add(nd, in->kid[0]->str[i], in->kid[0]->slen[i]);
		node_free(in);
		return nd;
	}
bad:
	node_free(in);
	node_free(nd);
	P->bad = 1;
	return NULL;
}

/* Turn a one-character class repeated once (or optionally) into a set. */
static struct node *
class_to_lit(struct node *nd)
{
	struct node *l;
	char buf[4];
	size_t i, n;
	uint32_t c;

	if (nd->neg || nd->max != 1)
		return nd;
	for (i = 0, n = 0; i < nd->nrg; i++)
		n += nd->rg[i].hi - nd->rg[i].lo + 1;
	if (n > 64)
		return nd;
	l = node_new(N_LIT);
	for (i = 0; i < nd->nrg; i++)
		for (c = nd->rg[i].lo; c <= nd->rg[i].hi; c++) {
			if (c < 0x80) {
				buf[0] = (char)c;
				n = 1;
			} else if (c < 0x800) {
				buf[0] = (char)(0xC0 | (c >> 6));
				buf[1] = (char)(0x80 | (c & 0x3F));
				n = 2;
			} else {
				buf[0] = (char)(0xE0 | (c >> 12));
				buf[1] = (char)(0x80 | ((c >> 6) & 0x3F));
				buf[2] = (char)(0x80 | (c & 0x3F));
				n = 3;
			}
			str_add(l, buf, n);
		}
	if (nd->min == 0)
		l->empty = 1, l->emptyprio = (unsigned)l->nstr;
	node_free(nd);
	return l;
}

/* Append "" to a literal set as its least preferred alternative. */
static void
lit_optional(struct node *l)
{
	if (!l->empty) {
		l->empty = 1;
		l->emptyprio = (unsigned)l->nstr;
	}
}

/*
 * The alternatives of literal sets a then b, in order of preference:
 * each of a's (and "" where it has it) followed by each of b's.  NULL
 * if there would be too many.
 */
static struct node *
lit_product(const struct node *a, const struct node *b)
{
	struct node *l;
	char buf[2 * MAXLIT];
	size_t i, j, na = a->nstr + (size_t)a->empty,
	    nb = b->nstr + (size_t)b->empty;

	if (na * nb > MAXALT)
		return NULL;
	l = node_new(N_LIT);
	for (i = 0; i < na; i++) {
		const char *as = "";
		size_t al = 0;

		if (!(a->empty && i == a->emptyprio)) {
			size_t k = a->empty && i > a->emptyprio ? i - 1 : i;

			as = a->str[k];
			al = a->slen[k];
		}
		for (j = 0; j < nb; j++) {
			const char *bs = "";
			size_t bl = 0;

			if (!(b->empty && j == b->emptyprio)) {
				size_t k = b->empty && j > b->emptyprio ?
				    j - 1 : j;

				bs = b->str[k];
				bl = b->slen[k];
			}
			if (al + bl > MAXLIT) {
				node_free(l);
				return NULL;
			}
			if (al + bl == 0) {
				lit_optional(l);
				continue;
			}
			memcpy(buf, as, al);
			memcpy(buf + al, bs, bl);
			/* A string seen before was preferred then. */
			str_add(l, buf, al + bl);
		}
	}
	return l;
}

/*
 * Literal sets are kept as strings with the empty alternative, if any,
 * at position emptyprio among them; the helpers above handle that.
 * Simplify a sequence: flatten nested sequences, merge neighbouring
 * literal sets.
 */
static void
seq_simplify(struct node *seq)
{
	struct node **out, *k, *m;
	size_t i, n = 0, j;

	out = xf_calloc(seq->nkid + 1, sizeof(*out));
	for (i = 0; i < seq->nkid; i++) {
		k = seq->kid[i];
		if (k->type == N_SEQ) {
			/* A group of one branch: its items join ours. */
			for (j = 0; j < k->nkid; j++) {
				out = xf_reallocarray(out, n + (seq->nkid - i) +
				    k->nkid + 1, sizeof(*out));
				out[n++] = k->kid[j];
			}
			k->nkid = 0;
			node_free(k);
			continue;
		}
		out[n++] = k;
	}
	/* Merge literal neighbours. */
	for (i = 0, j = 0; i < n; i++) {
		if (j > 0 && out[j - 1]->type == N_LIT &&
		    out[i]->type == N_LIT &&
		    (m = lit_product(out[j - 1], out[i])) != NULL) {
			node_free(out[j - 1]);
			node_free(out[i]);
			out[j - 1] = m;
			continue;
		}
		out[j++] = out[i];
	}
	free(seq->kid);
	seq->kid = out;
	seq->nkid = j;
}

/* One item of a sequence, with its quantifier. */
static struct node *
parse_item(struct parser *P)
{
	struct node *nd, *in;
	const char *p = P->p;
	unsigned min, max;
	uint32_t cp;
	size_t adv;
	int q;

	if (*p == '(') {
		if (p[1] == '?') {
			if (p[2] == ':')
				P->p += 3;
			else if (p[2] == '!') {
				P->p += 3;
				return parse_look(P, N_NLA);
			} else if (p[2] == '<' && p[3] == '!') {
				P->p += 4;
				return parse_look(P, N_NLB);
			} else {
				P->bad = 1;
				return NULL;
			}
		} else
			P->p++;
		in = parse_alt(P);
		if (P->bad || *P->p != ')') {
			node_free(in);
			P->bad = 1;
			return NULL;
		}
		P->p++;
		if ((q = quant(P, &min, &max)) == -1 ||
		    (q == 1 && !(min == 0 && max == 1))) {
			node_free(in);
			P->bad = 1;
			return NULL;
		}
		if (q == 0)
			return in;
		/* An optional group: a literal set takes "" as well. */
		if (in->type == N_SEQ && in->nkid == 1 &&
		    in->kid[0]->type == N_LIT) {
			nd = in->kid[0];
			in->nkid = 0;
			node_free(in);
			lit_optional(nd);
			return nd;
		}
		nd = node_new(N_OPT);
		if (in->type != N_SEQ) {
			struct node *s = node_new(N_SEQ);

			kid_add(s, in);
			in = s;
		}
		kid_add(nd, in);
		return nd;
	}
	if (*p == '[') {
		if ((nd = parse_class(P)) == NULL)
			return NULL;
		if ((q = quant(P, &nd->min, &nd->max)) == -1) {
			node_free(nd);
			P->bad = 1;
			return NULL;
		}
		return class_to_lit(nd);
	}
	if (*p == '.') {
		if (!P->dotlf) {
			P->bad = 1;
			return NULL;
		}
		P->p++;
		nd = node_new(N_REP);
		nd->neg = 1;
		range_add(nd, '\n', '\n');
		if (quant(P, &nd->min, &nd->max) == -1) {
			node_free(nd);
			P->bad = 1;
			return NULL;
		}
		return nd;
	}
	if ((*p == '\\' && p[1] == 'A') || *p == '^') {
		P->p += *p == '^' ? 1 : 2;
		return node_new(N_BOL);
	}
	if (!lit_char(P, &cp, &adv)) {
		P->bad = 1;
		return NULL;
	}
	nd = node_new(N_LIT);
	str_add(nd, *p == '\\' ? p + 1 : p, *p == '\\' ? 1 : adv);
	if (*p == '\\' && p[1] == 'n')
		nd->str[0][0] = '\n';
	P->p += adv;
	if ((q = quant(P, &min, &max)) == -1) {
		node_free(nd);
		P->bad = 1;
		return NULL;
	}
	if (q == 0 || (min == 1 && max == 1))
		return nd;
	if (min == 0 && max == 1) {
		lit_optional(nd);
		return nd;
	}
	/* A character repeated: a class of one. */
	in = node_new(N_REP);
	range_add(in, cp, cp);
	in->min = min;
	in->max = max;
	node_free(nd);
	return in;
}

static struct node *
parse_seq(struct parser *P)
{
	struct node *seq = node_new(N_SEQ), *k;

	while (!P->bad && *P->p != '\0' && *P->p != '|' && *P->p != ')') {
		if ((k = parse_item(P)) == NULL)
			break;
		kid_add(seq, k);
	}
	seq_simplify(seq);
	return seq;
}

/*
 * Alternatives: a SEQ for one branch, else an ALT of SEQs, neighbouring
 * branches that are each one literal set merged into one set.
 */
static struct node *
parse_alt(struct parser *P)
{
	struct node *alt, *b, *last;
	size_t i;

	b = parse_seq(P);
	if (P->bad || *P->p != '|')
		return b;
	alt = node_new(N_ALT);
	kid_add(alt, b);
	while (!P->bad && *P->p == '|') {
		P->p++;
		b = parse_seq(P);
		last = alt->kid[alt->nkid - 1];
		if (b->nkid == 1 && b->kid[0]->type == N_LIT &&
		    last->nkid == 1 && last->kid[0]->type == N_LIT &&
		    !last->kid[0]->empty) {
			struct node *l = last->kid[0], *m = b->kid[0];

			if (l->nstr + m->nstr + 1 <= MAXALT) {
				for (i = 0; i < m->nstr; i++) {
					if (m->empty && i == m->emptyprio)
						lit_optional(l);
					str_add(l, m->str[i], m->slen[i]);
				}
				if (m->empty && m->emptyprio >= m->nstr)
					lit_optional(l);
				node_free(b);
				continue;
			}
		}
		kid_add(alt, b);
	}
	if (alt->nkid == 1) {
		b = alt->kid[0];
		alt->nkid = 0;
		node_free(alt);
		return b;
	}
	return alt;
}

/* The first character of a literal (valid UTF-8). */
static uint32_t
first_cp(const char *s, size_t n)
{
	uint32_t c = 0;

	if (xf_utf8_decode(s, n, &c) <= 0)
		c = (unsigned char)s[0];
	return c;
}

/*
 * Number the literals of every set, and index each set's alternatives
 * by their first character.
 */
static void
finish(struct node *nd, struct xf_litre_lits *lits)
{
	size_t i, j;
	unsigned pr;
	uint32_t c;

	for (i = 0; i < nd->nkid; i++)
		finish(nd->kid[i], lits);
	if (nd->type != N_LIT)
		return;
	nd->sid = xf_calloc(nd->nstr + 1, sizeof(unsigned));
	nd->fcp = xf_calloc(nd->nstr + 1, sizeof(uint32_t));
	nd->fpr = xf_calloc(nd->nstr + 1, sizeof(unsigned));
	for (i = 0; i < nd->nstr; i++) {
		nd->sid[i] = intern(lits, nd->str[i], nd->slen[i]);
		/* The alternative's place, counting "" where it is. */
		pr = (unsigned)i + (nd->empty && i >= nd->emptyprio);
		c = first_cp(nd->str[i], nd->slen[i]);
		for (j = nd->nfc; j > 0 && nd->fcp[j - 1] > c; j--) {
			nd->fcp[j] = nd->fcp[j - 1];
			nd->fpr[j] = nd->fpr[j - 1];
		}
		nd->fcp[j] = c;
		nd->fpr[j] = pr;
		nd->nfc++;
	}
	if (nd->nfc > 0)
		cpset_make(&nd->fch, nd->fcp, nd->nfc);
	nd->nsid = nd->nstr;
}

struct idset {
	uint32_t	*v;
	size_t		 n;
};

static void
idset_add(struct idset *s, uint32_t id)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i] == id)
			return;
	s->v = xf_reallocarray(s->v, s->n + 1, sizeof(uint32_t));
	s->v[s->n++] = id;
}

/*
 * The literals that can begin a match of seq from item i on, into s.
 * Returns 1 when every way through begins with a literal, 0 when some
 * way reaches the end of seq without one (the caller goes on with what
 * follows), -1 when one begins with a repeat (not followed).
 */
static int
first_of(const struct node *seq, size_t i, struct idset *s, int cps)
{
	const struct node *nd;
	size_t j;
	int r, any;

	for (; i < seq->nkid; i++) {
		nd = seq->kid[i];
		switch (nd->type) {
		case N_LIT:
			for (j = 0; j < nd->nsid; j++)
				idset_add(s, cps ? nd->fcp[j] : nd->sid[j]);
			if (!nd->empty)
				return 1;
			break;
		case N_BOL:
		case N_NLB:
		case N_NLA:
			break;
		case N_ALT:
			any = 0;
			for (j = 0; j < nd->nkid; j++) {
				if ((r = first_of(nd->kid[j], 0, s, cps)) == -1)
					return -1;
				any |= r == 0;
			}
			if (!any)
				return 1;
			break;
		case N_OPT:
			if (first_of(nd->kid[0], 0, s, cps) == -1)
				return -1;
			break;
		default:
			return -1;
		}
	}
	return 0;
}

/*
 * For every sequence, whether a literal must begin where item i is
 * reached (first_of's answer), so that the matcher can give up at once
 * at an offset where no literal begins.
 */
static void
set_need(struct node *nd)
{
	struct idset s = { NULL, 0 };
	size_t i, j;
	uint32_t c;
	int in;

	for (i = 0; i < nd->nkid; i++)
		set_need(nd->kid[i]);
	if (nd->type == N_REP) {
		for (c = 0; c < 128; c++) {
			for (j = 0, in = 0; j < nd->nrg; j++)
				in |= c >= nd->rg[j].lo && c <= nd->rg[j].hi;
			if (in != nd->neg)
				nd->ascii[c / 64] |= UINT64_C(1) << (c % 64);
		}
		nd->cjk = nd->neg ? 1 : 0;
		for (j = 0; j < nd->nrg; j++) {
			if (nd->rg[j].hi < 0x4E00 || nd->rg[j].lo > 0x9FFF)
				continue;
			if (nd->rg[j].lo <= 0x4E00 && nd->rg[j].hi >= 0x9FFF)
				nd->cjk = !nd->neg;
			else
				nd->cjk = -1;
		}
		return;
	}
	if (nd->type == N_ALT) {
		nd->kfirst = xf_calloc(nd->nkid, sizeof(*nd->kfirst));
		for (i = 0; i < nd->nkid; i++)
			nd->kfirst[i] = nd->kid[i]->pos[0];
		for (i = 0; i < nd->nkid; i++)
			if (first_of(nd->kid[i], 0, &s, 1) != 1)
				break;
		if (i == nd->nkid && s.n > 0) {
			nd->afs.need = 1;
			cpset_make(&nd->afs.fs, s.v, s.n);
			for (j = 0; j < s.n; j++)
				bloom_add(&nd->afs.mask, s.v[j]);
		}
		free(s.v);
		return;
	}
	if (nd->type != N_SEQ)
		return;
	nd->pos = xf_calloc(nd->nkid + 1, sizeof(*nd->pos));
	for (i = 0; i <= nd->nkid; i++) {
		s.v = NULL;
		s.n = 0;
		nd->pos[i].need = (signed char)first_of(nd, i, &s, 1);
		if (nd->pos[i].need == 1 && s.n > 0) {
			cpset_make(&nd->pos[i].fs, s.v, s.n);
			for (j = 0; j < s.n; j++)
				bloom_add(&nd->pos[i].mask, s.v[j]);
		} else if (nd->pos[i].need == 1)
			nd->pos[i].need = -1;	/* nothing to check */
		free(s.v);
	}
}

static int
dot_is_lf(void)
{
	uint32_t nl = 0;

	if (pcre2_config(PCRE2_CONFIG_NEWLINE, &nl) < 0)
		return 0;
	return nl == PCRE2_NEWLINE_LF;
}

struct xf_litre *
xf_litre_compile(const char *pattern, struct xf_litre_lits *lits)
{
	struct parser P;
	struct xf_litre *re;
	struct node *root;
	struct idset s = { NULL, 0 };

	P.p = pattern;
	P.bad = 0;
	P.dotlf = dot_is_lf();
	root = parse_alt(&P);
	if (P.bad || *P.p != '\0') {
		node_free(root);
		return NULL;
	}
	if (root->type != N_SEQ) {
		struct node *seq = node_new(N_SEQ);

		kid_add(seq, root);
		root = seq;
	}
	finish(root, lits);
	set_need(root);
	if (first_of(root, 0, &s, 0) != 1 || s.n == 0) {
		free(s.v);
		node_free(root);
		return NULL;
	}
	re = xf_calloc(1, sizeof(*re));
	re->root = root;
	re->first = s.v;
	re->nfirst = s.n;
	return re;
}

void
xf_litre_free(struct xf_litre *re)
{
	if (re == NULL)
		return;
	node_free(re->root);
	free(re->first);
	free(re);
}

const uint32_t *
xf_litre_first(const struct xf_litre *re, size_t *n)
{
	*n = re->nfirst;
	return re->first;
}

/* Matching. */

struct cont {
	const struct node	*seq;
	size_t			 i;
	const struct cont	*next;
};

struct mstate {
	const struct xf_litre_text *t;
	unsigned long	 steps;
	int		 abort;
};

static int
in_class(const struct node *nd, uint32_t c)
{
	size_t i;

	if (c < 128)
		return (int)(nd->ascii[c / 64] >> (c % 64) & 1);
	if (c >= 0x4E00 && c <= 0x9FFF && nd->cjk != -1)
		return nd->cjk;
	for (i = 0; i < nd->nrg; i++)
		if (c >= nd->rg[i].lo && c <= nd->rg[i].hi)
			return !nd->neg;
	return nd->neg;
}

static long m_seq(struct mstate *, const struct node *, size_t, size_t,
    const struct cont *);

/* The character at pos, or NOCHAR at the end of the text. */
static inline uint32_t
char_at(const struct xf_litre_text *t, size_t pos)
{
	return t->cp[pos];
}

/* The length in UTF-8 of character c. */
static inline size_t
cplen(uint32_t c)
{
	return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

int
xf_litre_text_chars(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	unsigned int c0;
	uint32_t c;
	int l;

	while (i < n) {
		c0 = p[i];
		if (c0 < 0x80) {
			cp[i++] = c0;
			continue;
		}
		/* Chinese: a lead byte that limits nothing, two more. */
		if (c0 >= 0xE1 && c0 != 0xED && c0 <= 0xEF && n - i >= 3 &&
		    (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
			cp[i] = ((uint32_t)(c0 & 0x0F) << 12) |
			    ((uint32_t)(p[i + 1] & 0x3F) << 6) |
			    (p[i + 2] & 0x3F);
			cp[i + 1] = cp[i + 2] = NOCHAR;
			i += 3;
			continue;
		}
		if ((l = xf_utf8_decode(s + i, n - i, &c)) <= 0)
			return 0;
		cp[i] = c;
		while (--l > 0)
			cp[++i] = NOCHAR;
		i++;
	}
	cp[n] = NOCHAR;
	return 1;
}

/*
 * Whether the n bytes at a and b are equal: the literals compared while
 * matching are a few bytes long, for which a call to memcmp costs more
 * than the comparison.
 */
static inline int
same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	uint32_t u, v;

	for (; n >= 8; a += 8, b += 8, n -= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return 0;
	}
	if (n >= 4) {
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		if (u != v)
			return 0;
		memcpy(&u, a + n - 4, 4);
		memcpy(&v, b + n - 4, 4);
		return u == v;
	}
	for (; n > 0; n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}

/* Whether a literal of p (need 1) can begin with c. */
static inline int
can_begin(const struct npos *p, uint32_t c)
{
	return c != NOCHAR && bloom_has(&p->mask, c) &&
	    cpset_find(&p->fs, c) != NOTIN;
}

/*
 * Where a literal must begin when item i of seq is reached (NULL if
 * nothing says so).
 */
static const struct npos *
needs_lit(const struct node *seq, size_t i, const struct cont *k)
{
	for (;;) {
		if (seq->pos[i].need == 1)
			return &seq->pos[i];
		if (seq->pos[i].need == -1 || k == NULL)
			return NULL;
		seq = k->seq;
		i = k->i;
		k = k->next;
	}
}


/* The alternatives of literal set nd that begin at pos, best first. */
static size_t
lit_at(const struct mstate *ms, const struct node *nd, size_t pos,
    unsigned *prio, size_t *len)
{
	const struct xf_litre_text *t = ms->t;
	size_t n = 0, j, k, sl;
	unsigned pr;
	uint32_t c;

	if ((c = char_at(t, pos)) != NOCHAR && nd->nfc > 0 &&
	    (j = cpset_find(&nd->fch, c)) != NOTIN) {
		for (; j < nd->nfc && nd->fcp[j] == c; j++) {
			pr = nd->fpr[j];
			k = pr - (nd->empty && pr > nd->emptyprio);
			sl = nd->slen[k];
			if (sl > t->n - pos || !same_bytes(t->s + pos,
			    nd->str[k], sl))
				continue;
			if (n == MAXAT)
				return MAXAT + 2;	/* too many */
			prio[n] = pr;	/* in order: fpr ascends within c */
			len[n++] = sl;
		}
	}
	if (nd->empty) {
		for (j = n; j > 0 && prio[j - 1] > nd->emptyprio; j--) {
			prio[j] = prio[j - 1];
			len[j] = len[j - 1];
		}
		prio[j] = nd->emptyprio;
		len[j] = 0;
		n++;
	}
	return n;
}

static long
m_seq(struct mstate *ms, const struct node *seq, size_t i, size_t pos,
    const struct cont *k)
{
	const struct xf_litre_text *t = ms->t;
	const struct node *nd;
	struct cont k2;
	size_t j, n, ends[MAXREP + 1], lens[MAXAT + 1], q, cnt;
	uint32_t nextc[MAXREP + 1];
	unsigned prio[MAXAT + 1];
	const struct npos *fs;
	uint32_t c;
	long r;

	for (;;) {
		if (++ms->steps > MAXSTEPS) {
			ms->abort = 1;
			return -1;
		}
		/*
		 * A literal must begin here and none can: give up.  (Only a
		 * pruning, so before a literal set, whose own lookup is
		 * exact, the filter alone is asked.)
		 */
		if (i < seq->nkid && seq->pos[i].need == 1 &&
		    ((c = char_at(t, pos)) == NOCHAR ||
		    (seq->kid[i]->type == N_LIT ?
		    !bloom_has(&seq->pos[i].mask, c) :
		    !can_begin(&seq->pos[i], c))))
			return -1;
		if (i == seq->nkid) {
			if (k == NULL)
				return (long)pos;
			seq = k->seq;
			i = k->i;
			k = k->next;
			continue;
		}
		nd = seq->kid[i];
		switch (nd->type) {
		case N_BOL:
			if (pos != 0)
				return -1;
			i++;
			continue;
		case N_NLB:
			for (j = 0; j < nd->nstr; j++)
				if (pos >= nd->slen[j] && same_bytes(t->s + pos -
				    nd->slen[j], nd->str[j], nd->slen[j]))
					return -1;
			i++;
			continue;
		case N_NLA:
			for (j = 0; j < nd->nstr; j++)
				if (t->n - pos >= nd->slen[j] && same_bytes(t->s +
				    pos, nd->str[j], nd->slen[j]))
					return -1;
			i++;
			continue;
		case N_LIT:
			n = lit_at(ms, nd, pos, prio, lens);
			if (n > MAXAT) {
				ms->abort = 1;
				return -1;
			}
			if (n == 1) {
				/* The only way on: no need to come back. */
				pos += lens[0];
				i++;
				continue;
			}
			for (j = 0; j < n; j++) {
				r = m_seq(ms, seq, i + 1, pos + lens[j], k);
				if (r >= 0 || ms->abort)
					return r;
			}
			return -1;
		case N_REP:
			/* ends[j]: after j characters; nextc[j]: the next. */
			ends[0] = pos;
			q = pos;
			for (cnt = 0;; cnt++) {
				if ((c = t->cp[q]) == NOCHAR) {
					nextc[cnt] = NOCHAR;
					break;
				}
				nextc[cnt] = c;
				if (cnt == nd->max || !in_class(nd, c))
					break;
				if (cnt == MAXREP) {
					ms->abort = 1;
					return -1;
				}
				q += cplen(c);
				ends[cnt + 1] = q;
			}
			if (cnt < nd->min)
				return -1;
			fs = needs_lit(seq, i + 1, k);
			for (j = cnt + 1; j-- > nd->min;) {
				if (fs != NULL && !can_begin(fs, nextc[j]))
					continue;
				r = m_seq(ms, seq, i + 1, ends[j], k);
				if (r >= 0 || ms->abort)
					return r;
			}
			return -1;
		case N_ALT:
			c = char_at(t, pos);
			if (nd->afs.need == 1 && !can_begin(&nd->afs, c))
				return -1;
			k2.seq = seq;
			k2.i = i + 1;
			k2.next = k;
			for (j = 0; j < nd->nkid; j++) {
				const struct node *b = nd->kid[j];

				/* A branch that must begin otherwise. */
				if (nd->kfirst[j].need == 1 && (c == NOCHAR ||
				    !bloom_has(&nd->kfirst[j].mask, c)))
					continue;
				r = m_seq(ms, b, 0, pos, &k2);
				if (r >= 0 || ms->abort)
					return r;
			}
			return -1;
		case N_OPT:
			k2.seq = seq;
			k2.i = i + 1;
			k2.next = k;
			r = m_seq(ms, nd->kid[0], 0, pos, &k2);
			if (r >= 0 || ms->abort)
				return r;
			i++;
			continue;
		default:
			return -1;
		}
	}
}

long
xf_litre_match(const struct xf_litre *re, const struct xf_litre_text *t,
    size_t start)
{
	struct mstate ms;
	long r;

	ms.t = t;
	ms.steps = 0;
	ms.abort = 0;
	r = m_seq(&ms, re->root, 0, start, NULL);
	return ms.abort ? -2 : r;
}
