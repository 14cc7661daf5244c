/* SPDX-License-Identifier: ISC */

/*
 * Repeat petitions within a window of days.  See repeat.h.
 *
 * Every petition held is on two lists: the queue of all petitions in
 * the order they were added (dropped from the front as the window moves
 * on) and its person's list, in the same order.  Because both orders
 * agree, the front of the queue is always the front of its person's
 * list, so dropping is O(1).  A petition dropped early because its
 * person has too many (per_person) leaves its person's list at once and
 * its bigrams are freed, but its small record stays in the queue,
 * marked dead, until it reaches the front.
 *
 * People are found through an open-addressing hash table of pointers
 * with linear probing, deleted from by shifting back the entries that
 * follow (no tombstones), so the table never fills with the dead.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "ngram.h"
#include "repeat.h"
#include "xf.h"

/* A chain of repeats: its first petition's id and how many repeats. */
struct chain {
	unsigned long	 count;
	size_t		 refs;		/* petitions held that belong to it */
	size_t		 idlen;
	char		 id[];
};

struct person;

struct pet {
	struct pet	*qnext;		/* the queue */
	struct pet	*pnext;		/* the person's list */
	struct person	*who;
	struct chain	*chain;		/* NULL: a chain of one, itself */
	long		 day;
	uint32_t	*g;
	size_t		 ng;
	int		 dead;
	size_t		 idlen;
	char		 id[];
};

struct person {
	struct pet	*head, *tail;
	size_t		 count;
	uint64_t	 hash;
	size_t		 keylen;
	char		 key[];
};

struct xf_repeat {
	struct xf_repeat_opt opt;
	struct person	**slot;
	size_t		 size;		/* a power of two */
	size_t		 people;
	struct pet	*qhead, *qtail;
	size_t		 held;
	long		 maxday;
	int		 started;
};

static void	drop_front(struct xf_repeat *);
static void	unhold(struct xf_repeat *, struct pet *);
static struct person *find(struct xf_repeat *, const void *, size_t,
		    uint64_t, int);
static void	forget(struct xf_repeat *, struct person *);
static void	grow(struct xf_repeat *);

struct xf_repeat *
xf_repeat_new(const struct xf_repeat_opt *opt)
{
	struct xf_repeat *r;

	r = xf_calloc(1, sizeof(*r));
	r->opt = *opt;
	if (r->opt.per_person == 0)
		r->opt.per_person = XF_REPEAT_PERPERSON;
	if (r->opt.window < 0)
		r->opt.window = 0;
	r->size = 64;
	r->slot = xf_calloc(r->size, sizeof(*r->slot));
	return r;
}

void
xf_repeat_free(struct xf_repeat *r)
{
	struct pet *p, *next;
	size_t i;

	if (r == NULL)
		return;
	for (p = r->qhead; p != NULL; p = next) {
		next = p->qnext;
		if (!p->dead)
			unhold(r, p);
		free(p);
	}
	for (i = 0; i < r->size; i++)
		free(r->slot[i]);
	free(r->slot);
	free(r);
}

size_t
xf_repeat_held(const struct xf_repeat *r)
{
	return r->held;
}

size_t
xf_repeat_people(const struct xf_repeat *r)
{
	return r->people;
}

/*
 * Take petition p off its person's list (it is the front of that list)
 * and free what it holds; its person goes when it was the last.  The
 * record itself stays (the caller frees it or leaves it in the queue).
 */
static void
unhold(struct xf_repeat *r, struct pet *p)
{
	struct person *who = p->who;

	who->head = p->pnext;
	if (who->head == NULL)
		who->tail = NULL;
	who->count--;
	if (p->chain != NULL && --p->chain->refs == 0)
		free(p->chain);
	p->chain = NULL;
	free(p->g);
	p->g = NULL;
	p->dead = 1;
	r->held--;
	if (who->count == 0)
		forget(r, who);
}

/* Drop the front of the queue. */
static void
drop_front(struct xf_repeat *r)
{
	struct pet *p = r->qhead;

	r->qhead = p->qnext;
	if (r->qhead == NULL)
		r->qtail = NULL;
	if (!p->dead)
		unhold(r, p);
	free(p);
}

/*
 * The person with this key, or NULL; with make, a new one (with no
 * petitions) if there was none.
 */
static struct person *
find(struct xf_repeat *r, const void *key, size_t n, uint64_t h, int make)
{
	struct person *who;
	size_t i, mask = r->size - 1;

	for (i = (size_t)h & mask; (who = r->slot[i]) != NULL;
	    i = (i + 1) & mask)
		if (who->hash == h && who->keylen == n &&
		    memcmp(who->key, key, n) == 0)
			return who;
	if (!make)
		return NULL;
	if ((r->people + 1) * 4 > r->size * 3) {
		grow(r);
		return find(r, key, n, h, make);
	}
	who = xf_malloc(sizeof(*who) + n);
	who->head = who->tail = NULL;
	who->count = 0;
	who->hash = h;
	who->keylen = n;
	memcpy(who->key, key, n);
	r->slot[i] = who;
	r->people++;
	return who;
}

/* Remove a person from the table and free it (backward-shift delete). */
static void
forget(struct xf_repeat *r, struct person *who)
{
	size_t i, j, home, mask = r->size - 1;

	for (i = (size_t)who->hash & mask; r->slot[i] != who;
	    i = (i + 1) & mask)
		;
	free(who);
	r->slot[i] = NULL;
	r->people--;
	/* Move back each following entry that may no longer be found. */
	for (j = (i + 1) & mask; r->slot[j] != NULL; j = (j + 1) & mask) {
		home = (size_t)r->slot[j]->hash & mask;
		/* Entry j may fill hole i if i lies between home and j. */
		if (((j - home) & mask) >= ((j - i) & mask)) {
			r->slot[i] = r->slot[j];
			r->slot[j] = NULL;
			i = j;
		}
	}
}

static void
grow(struct xf_repeat *r)
{
	struct person **old = r->slot, *who;
	size_t i, j, oldsize = r->size, mask;

	if (r->size > SIZE_MAX / 2 / sizeof(*r->slot))
		xf_errx(XF_EXIT_FAIL, "too many people in the window");
	r->size *= 2;
	mask = r->size - 1;
	r->slot = xf_calloc(r->size, sizeof(*r->slot));
	for (i = 0; i < oldsize; i++) {
		if ((who = old[i]) == NULL)
			continue;
		for (j = (size_t)who->hash & mask; r->slot[j] != NULL;
		    j = (j + 1) & mask)
			;
		r->slot[j] = who;
	}
	free(old);
}

/* The chain of q, made now if q was a chain of one. */
static struct chain *
chain_of(struct pet *q)
{
	struct chain *c;

	if (q->chain == NULL) {
		c = xf_malloc(sizeof(*c) + q->idlen);
		c->count = 0;
		c->refs = 1;
		c->idlen = q->idlen;
		memcpy(c->id, q->id, q->idlen);
		q->chain = c;
	}
	return q->chain;
}

void
xf_repeat_add(struct xf_repeat *r, long day, const void *person,
    size_t personlen, const char *id, size_t idlen,
    const struct xf_ngram *grams, struct xf_repeat_result *res)
{
	struct person *who;
	struct pet *p, *q, *best = NULL;
	size_t common, bestc = 0, bestu = 0, uni;
	uint64_t h;

	memset(res, 0, sizeof(*res));
	if (!r->started || day > r->maxday) {
		r->maxday = day;
		r->started = 1;
	} else if (day < r->maxday)
		res->out_of_order = 1;
	while (r->qhead != NULL && r->qhead->day < r->maxday - r->opt.window)
		drop_front(r);

	h = xf_hash64(person, personlen, 0x7065727330ULL);
	who = find(r, person, personlen, h, 1);
	for (q = who->head; q != NULL; q = q->pnext) {
		if (q->day > day || q->day < day - r->opt.window)
			continue;
		common = xf_ngram_common_v(grams->g, grams->n, q->g, q->ng);
		/* Two empty sets: 0/0, which counts as 0/1. */
		if ((uni = grams->n + q->ng - common) == 0)
			uni = 1;
		/* common / uni >= bestc / bestu, exactly. */
		if (best == NULL || (unsigned long long)common * bestu >=
		    (unsigned long long)bestc * uni) {
			best = q;
			bestc = common;
			bestu = uni;
		}
	}
	if (best != NULL) {
		res->compared = 1;
		res->similarity = xf_ngram_similarity_v(bestc, grams->n,
		    best->ng);
		res->similar_to = best->id;
		res->similar_to_len = best->idlen;
		res->repeat = r->opt.any_topic || xf_ngram_reaches_v(bestc,
		    grams->n, best->ng, r->opt.similarity);
	}

	p = xf_malloc(sizeof(*p) + idlen);
	p->qnext = p->pnext = NULL;
	p->who = who;
	p->chain = NULL;
	p->day = day;
	p->dead = 0;
	p->ng = grams->n;
	p->g = NULL;
	if (grams->n > 0) {
		p->g = xf_reallocarray(NULL, grams->n, sizeof(uint32_t));
		memcpy(p->g, grams->g, grams->n * sizeof(uint32_t));
	}
	p->idlen = idlen;
	memcpy(p->id, id, idlen);
	if (res->repeat) {
		p->chain = chain_of(best);
		p->chain->refs++;
		res->repeat_n = ++p->chain->count;
		res->repeat_of = p->chain->id;
		res->repeat_of_len = p->chain->idlen;
	}

	if (r->qtail == NULL)
		r->qhead = p;
	else
		r->qtail->qnext = p;
	r->qtail = p;
	if (who->tail == NULL)
		who->head = p;
	else
		who->tail->pnext = p;
	who->tail = p;
	who->count++;
	r->held++;
	if (who->count > r->opt.per_person)
		unhold(r, who->head);
}
