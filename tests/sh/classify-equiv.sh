#!/bin/sh
# xf-classify matches most rules without PCRE2, from the phrases one
# Aho-Corasick pass finds (lib/litre.c).  That must never change an
# answer: every byte of the output, the rejects and the exit status must
# be what PCRE2 alone gives.  XF_CLASSIFY_PCRE2=1 makes xf-classify match
# every rule with PCRE2 (behind the literal prefilter), =plain with PCRE2
# on every record, no prefilter at all, =interp with PCRE2's interpreter
# (no JIT code; PCRE2 10.42's interpreter once made a match anchored
# before a byte that is not UTF-8 begin after it).
#
# usage: sh tests/sh/classify-equiv.sh bindir
#
# Compared, with --explain (every rule that fired, its score) and with
# --all --explain:
#   - the holdout set and the golden cases' inputs, with the default
#     rules, the golden cases' rules and testdata/classify-equiv-rules.csv
#     (a pattern of every shape the direct matcher takes, and of shapes it
#     leaves to PCRE2);
#   - 20,000 petitions from scripts/gen-petitions;
#   - 20,000 texts stitched from the rules' own phrases, cut at random,
#     with punctuation, letters (K, the Kelvin sign, long s), traditional
#     characters, bytes that are not UTF-8 and a few texts long enough for
#     thousands of phrase hits (tests/sh/classify-equiv-gen.py);
#   - the first 100,000 rows of the benchmark's 1,000,000 (when
#     scripts/bench-classify --rows 1000000 has made them);
#   - the real messages in /work/shared/data (when present).
# And, on the holdout, the generated and the made-up texts: the answers
# without --explain (where a rule whose required rule did not fire is
# not run) are those with it, less the explain column.
# Prints "classify-equiv: N passed, N failed" last.
bindir=${1:?usage: classify-equiv.sh bindir}
name=classify-equiv
. "$(dirname "$0")/lib.sh"
bin=$bindir/xf-classify

# same NAME ENGINES FILE ARGS...: the direct matcher against each engine
same() {
	name=$1
	engines=$2
	shift 2
	# One rejects path: its name is in the messages.
	"$bin" --rejects="$tmp/rej" "$@" > "$tmp/out.d" 2> "$tmp/err.d"
	st_d=$?
	mv "$tmp/rej" "$tmp/rej.d" 2>/dev/null || : > "$tmp/rej.d"
	for e in $engines; do
		XF_CLASSIFY_PCRE2=$e "$bin" --rejects="$tmp/rej" "$@" \
		    > "$tmp/out.p" 2> "$tmp/err.p"
		st_p=$?
		mv "$tmp/rej" "$tmp/rej.p" 2>/dev/null || : > "$tmp/rej.p"
		if [ $st_d -eq $st_p ] && cmp -s "$tmp/out.d" "$tmp/out.p" &&
		    cmp -s "$tmp/err.d" "$tmp/err.p" &&
		    cmp -s "$tmp/rej.d" "$tmp/rej.p"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL: $name ($*): differs from XF_CLASSIFY_PCRE2=$e"
			diff "$tmp/out.d" "$tmp/out.p" | head -n 6
		fi
	done
	# The comparison means something only if rules fired.
	if ! grep -q ':[+-][0-9]' "$tmp/out.d"; then
		fail=$((fail + 1))
		echo "FAIL: $name ($*): no rule fired"
	fi
}

# noexplain NAME ARGS...: without --explain, a rule whose required rule
# did not fire is not run at all; the answers must be those of a run
# with --explain (which runs it, to list it), less the explain column.
noexplain() {
	name=$1
	shift
	"$bin" "$@" > "$tmp/ne.plain" 2>/dev/null
	"$bin" -x "$@" > "$tmp/ne.x" 2>/dev/null
	if python3 - "$tmp/ne.plain" "$tmp/ne.x" <<'PY'
import csv, sys
def rows(path):
    with open(path, encoding="utf-8", errors="surrogateescape",
              newline="") as f:
        return list(csv.reader(f))
a = rows(sys.argv[1])
b = rows(sys.argv[2])
req = sum(1 for r in b[1:] if "without its required rule" in r[-1])
sys.exit(0 if len(a) > 1 and a == [r[:-1] for r in b] and req > 0 else 1)
PY
	then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name ($*): differs from --explain less its" \
		    "column, or no rule went without its required rule"
	fi
}

rulesets="- testdata/classify-rules-small.csv testdata/classify-equiv-rules.csv"

# every input with every rule set, both output shapes
each() {
	name=$1
	engines=$2
	shift 2
	for rules in $rulesets; do
		if [ "$rules" = - ]; then
			same "$name" "$engines" -x "$@"
			same "$name" "$engines" -A -x "$@"
		else
			same "$name" "$engines" -r "$rules" -x "$@"
			same "$name" "$engines" -r "$rules" -A -x "$@"
		fi
	done
}

# Small inputs: against PCRE2 with and without the prefilter and JIT.
each holdout "1 plain interp" testdata/classify-holdout.csv
noexplain holdout testdata/classify-holdout.csv
# One header, then every golden case's records that have the same one.
head -n 1 tests/cli/xf-classify/001-each-category/stdin > "$tmp/golden.csv"
for f in tests/cli/xf-classify/*/stdin; do
	if [ "$(head -n 1 "$f")" = "$(head -n 1 "$tmp/golden.csv")" ]; then
		tail -n +2 "$f" >> "$tmp/golden.csv"
	fi
done
each golden "1 plain interp" "$tmp/golden.csv"

# 20,000 generated petitions, 20,000 made-up texts.
if python3 scripts/gen-petitions --rows 20000 --seed 11 > "$tmp/gen.csv" \
    2>/dev/null; then
	same generated "1" -x "$tmp/gen.csv"
	noexplain generated "$tmp/gen.csv"
	same generated "1" -r testdata/classify-equiv-rules.csv -A -x \
	    "$tmp/gen.csv"
else
	fail=$((fail + 1))
	echo "FAIL: scripts/gen-petitions failed"
fi
python3 tests/sh/classify-equiv-gen.py lib/data/rules.csv 20000 7 \
    > "$tmp/fuzz.csv" || exit 2
same made-up "1 plain interp" -x "$tmp/fuzz.csv"
noexplain made-up "$tmp/fuzz.csv"
noexplain made-up-all -A "$tmp/fuzz.csv"
same made-up "1 plain interp" -A -x "$tmp/fuzz.csv"
python3 tests/sh/classify-equiv-gen.py testdata/classify-equiv-rules.csv \
    20000 8 > "$tmp/fuzz2.csv" || exit 2
same made-up "1 plain interp" -r testdata/classify-equiv-rules.csv -x \
    "$tmp/fuzz2.csv"

big=build/bench-data/classify-1000000.csv
if [ -s "$big" ]; then
	head -n 100001 "$big" > "$tmp/big.csv"
	same bench-1M-first-100k "1" -x "$tmp/big.csv"
else
	echo "skipped: $big is absent (scripts/bench-classify --rows 1000000 makes it)"
fi

found=0
for f in /work/shared/data/messages-train.csv \
    /work/shared/data/messages-seg-train.csv; do
	[ -s "$f" ] || continue
	found=1
	same "real $(basename "$f")" "1" -T subject,detail -x "$f"
	same "real $(basename "$f")" "1" -T subject,detail -A -x "$f"
done
[ $found -eq 1 ] || echo "skipped: no real messages in /work/shared/data"

finish
