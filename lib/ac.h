/* SPDX-License-Identifier: ISC */

/*
 * Many literal strings searched at once (Aho-Corasick), as the prefilter
 * in front of the classification rules: one pass over a text tells which
 * rules have one of their literal keys in it, so that only those rules'
 * regular expressions run.
 *
 * Keys are byte strings; ASCII letters match without regard to case.
 * Each key carries a small integer id (a rule number); a scan sets bit id
 * in the caller's bitset for every key found.
 */

#ifndef XF_AC_H
#define XF_AC_H

#include <stddef.h>
#include <stdint.h>

struct xf_ac;

struct xf_ac *xf_ac_new(void);

/*
 * Add KEY (n > 0 bytes) for id (below the maximum given to xf_ac_build).
 * Call before xf_ac_build.
 */
void	 xf_ac_add(struct xf_ac *, const char *key, size_t n, unsigned id);

/*
 * Build the automaton.  Returns 0, or -1 if it would have more than
 * 65,535 states (the keys are too many or too long).
 */
int	 xf_ac_build(struct xf_ac *);

/* Set bit id in bits (bits[id / 64]) for each key found in s. */
void	 xf_ac_scan(const struct xf_ac *, const char *s, size_t n,
	    uint64_t *bits);

/* Where a key was found: its id and the offset of its last byte. */
struct xf_ac_hit {
	unsigned	 id;
	unsigned	 end;
};

/*
 * As xf_ac_scan, and also record the keys with an id of at least
 * HITMIN, in the order their last bytes occur, in hits (room for
 * MAXHITS).  Returns the number found, which may exceed MAXHITS (then
 * only the first MAXHITS were recorded).  Keys with ids at or above
 * HITMIN set no bits.
 */
size_t	 xf_ac_scan_hits(const struct xf_ac *, const char *s, size_t n,
	    uint64_t *bits, unsigned hitmin, struct xf_ac_hit *hits,
	    size_t maxhits);

void	 xf_ac_free(struct xf_ac *);

#endif /* XF_AC_H */
