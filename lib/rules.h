/* SPDX-License-Identifier: ISC */

/*
 * Classification rules: regular expressions (PCRE2, UTF mode, JIT) that
 * score a petition's subject and content for categories and
 * subcategories.
 *
 * A rules file is CSV with a header; columns are found by name:
 *
 *   id           unique name of the rule (letters, digits, _ - .)
 *   category     the category it scores
 *   subcategory  the subcategory it scores, or empty: category only
 *   weight       a decimal, negative for a rule that counts against the
 *                category (a mention in negation or in passing)
 *   field        subject, content or both (default both)
 *   pattern      a PCRE2 pattern, matched caselessly against the text
 *                after normalisation (traditional characters made
 *                simplified, full-width ASCII made half-width)
 *   requires     optional: the id of another rule that must also fire in
 *                the same record for this one to count
 *   keys         optional: literal strings separated by '|', one of which
 *                occurs in every match; used to skip the pattern when no
 *                key is in the text.  When empty they are worked out
 *                from the pattern where it can be done.
 *   note         free text
 *
 * Scoring a record: each rule that matches contributes its weight once
 * for the subject (times the subject weight, 1.5 by default) and once
 * for the content (plus a quarter for each further match there, up to
 * three).  A category's score is the sum over its rules, a
 * subcategory's over the rules that name it.  The best category at or
 * above the threshold (default 1) wins, ties going to the category seen
 * first in the rules; its best subcategory, or the first one the rules
 * name for it, is the subcategory.  Nothing above the threshold gives
 * 其他/其他.  Confidence is s1 / (s1 + s2 + 1), s1 and s2 the best and
 * second-best category scores (s2 at least 0).
 */

#ifndef XF_RULES_H
#define XF_RULES_H

#include <stddef.h>
#include <stdio.h>

#define XF_RULES_OTHER	"其他"

struct xf_rules;

struct xf_rules *xf_rules_new(void);
void	 xf_rules_free(struct xf_rules *);

/*
 * Add the rules of a rules file: from PATH, or from memory (BUF, LEN,
 * named NAME in messages).  Every problem (a missing column, a bad
 * weight or field, a duplicate id, a pattern PCRE2 refuses, with its
 * message and offset) is printed as "prog: FILE:LINE: ..."; the return
 * is then -1 (the caller exits 2), else 0.
 */
int	 xf_rules_load(struct xf_rules *, const char *path);
int	 xf_rules_load_mem(struct xf_rules *, const char *buf, size_t len,
	    const char *name);

/*
 * Resolve requires, work out the keys and build the prefilter.  Call
 * once after the last load.  Returns -1 after printing a diagnostic
 * (an unknown id in requires).
 */
int	 xf_rules_compile(struct xf_rules *);

/*
 * The literal keys worked out from a pattern, '|'-separated, as a
 * string the caller frees; NULL if they cannot be worked out (the rule
 * is then matched on every record).
 */
char	*xf_rules_pattern_keys(const char *pattern);

/*
 * The literal strings every match of a pattern starts with, '|'
 * separated, or NULL if there is no such set.  A rule with them is
 * tried only where they occur, anchored.
 */
char	*xf_rules_pattern_prefix(const char *pattern);

/* Scoring knobs (before classifying). */
void	 xf_rules_set_threshold(struct xf_rules *, double);
void	 xf_rules_set_subject_weight(struct xf_rules *, double);

/* 0: match every rule on every record (for tests); call before compile. */
void	 xf_rules_set_prefilter(struct xf_rules *, int on);

/*
 * 0: match every rule with PCRE2, none directly from the literals found
 * (litre.h); for checking that both give the same answers.  Call before
 * compile.
 */
void	 xf_rules_set_direct(struct xf_rules *, int on);

/*
 * 0: PCRE2 matches with its interpreter, never with JIT machine code,
 * as it does where PCRE2 has no JIT or cannot compile a pattern to it;
 * for checking that both give the same answers.  Call before compile.
 */
void	 xf_rules_set_jit(struct xf_rules *, int on);

/*
 * Make the compiled rules safe to share between threads, each with a
 * classifier of its own: a pattern is otherwise compiled to machine code
 * on its first use, by whichever classifier uses it first.  Call after
 * compile, before making the classifiers.
 */
void	 xf_rules_share(struct xf_rules *);

/* Number of rules. */
size_t	 xf_rules_count(const struct xf_rules *);

/* Write the rules as a rules file (the loaded text, one row a rule). */
void	 xf_rules_dump(const struct xf_rules *, FILE *);

/* The outcome for one record. */
struct xf_verdict {
	const char	*category;	/* never NULL */
	const char	*subcategory;	/* never NULL */
	double		 confidence;	/* 0 .. 1 */
	double		 score;		/* the category's score */
	char		*evidence;	/* matched phrases, ';' separated */
	char		*explain;	/* every rule that fired: id:cat/sub:+w */
	char		*all;		/* categories above the threshold */
	char		*allsub;
	const char	*error;		/* set when the record failed */
};

struct xf_classifier;

/* Per-thread scratch for classifying; the rules must be compiled. */
struct xf_classifier *xf_classifier_new(const struct xf_rules *);
void	 xf_classifier_free(struct xf_classifier *);

/*
 * Whether xf_classify fills the verdict's explain and all/allsub lists
 * (both on at first); off, they are left empty, which saves formatting
 * them for every record when they are not wanted.
 */
void	 xf_classifier_set_lists(struct xf_classifier *, int explain,
	    int all);

/*
 * Count, per rule, how often it is run and matches and the time it
 * takes (call before classifying); write the counts as CSV
 * (rule,runs,matches,ms,keys) with xf_classifier_profile_dump.
 */
void	 xf_classifier_profile(struct xf_classifier *);
void	 xf_classifier_profile_dump(const struct xf_classifier *, FILE *);

/*
 * Classify one record from its subject and content (either may be
 * empty; invalid UTF-8 is matched as non-matching bytes).  Returns 0 and
 * fills *v (its strings belong to the classifier and last until the next
 * call), or -1 with v->error set when a pattern hit PCRE2's match limit
 * (a hostile pattern or text): the record should be rejected.
 */
int	 xf_classify(struct xf_classifier *, const char *subject,
	    size_t slen, const char *content, size_t clen,
	    struct xf_verdict *v);

#endif /* XF_RULES_H */
