#!/bin/sh
# xf-classify -j N (N threads) must write what one thread writes: every
# byte of the output, the rejects file, the messages and the status.
#
# Compared, -j 1 against -j 2, -j 3 and -j 0 (one thread a processor):
#   - 10,000 generated petitions (more batches than the threads' ring
#     holds, so that it wraps), with records the reader rejects (too many
#     or too few fields) and records a rule rejects (PCRE2's match limit,
#     testdata/classify-rules-evil.csv added to the default rules) mixed
#     in before, inside and after the first batches: the rejects of
#     reading and of matching must come out in line order;
#   - the same with --explain --all, and with --text;
#   - several inputs, one of them only a header, one empty, one on
#     standard input;
#   - CRLF and ';' output;
#   - --model and --mode hybrid, with a model xf-train makes;
# and -j's bad values (exit 2 with a message).
#
# usage: tests/sh/classify-jobs.sh bindir
# Prints "classify-jobs: N passed, N failed" last.
bindir=${1:?usage: classify-jobs.sh bindir}
name=classify-jobs
. "$(dirname "$0")/lib.sh"
cl=$bindir/xf-classify

# run DIR ARGS...: xf-classify with ARGS, its output, rejects, messages
# (the rejects path made neutral) and status in DIR.
run() {
	d=$1
	shift
	rm -rf "$d"
	mkdir "$d"
	"$cl" --rejects "$d/rej.csv" "$@" < "${stdin:-/dev/null}" \
	    > "$d/out" 2> "$d/err.raw"
	echo $? > "$d/status"
	sed "s|$d/||g" "$d/err.raw" > "$d/err"
	rm -f "$d/err.raw"
}

# same LABEL ARGS...: -j 1 and -j 2, 3, 0 byte for byte alike.
same() {
	label=$1
	shift
	run "$tmp/one" -j 1 "$@"
	for j in 2 3 0; do
		run "$tmp/many" -j $j "$@"
		if diff -r "$tmp/one" "$tmp/many" > "$tmp/diff" 2>&1; then
			verdict 1 "$label -j $j"
		else
			verdict 0 "$label -j $j: $(head -n 5 "$tmp/diff")"
		fi
	done
}

# The generated petitions, with bad records at these lines (the header
# is line 1; each generated record is one line: no line breaks in them).
python3 scripts/gen-petitions --rows 10000 --seed 3 > "$tmp/gen.csv" ||
    exit 2
awk -F, 'NR == 1 { n = NF; print; next }
    NR == 3 || NR == 700 || NR == 2050 || NR == 9999 {
	print "bad" NR ",too,many,fields," $0; next }
    NR == 5 || NR == 2049 || NR == 6000 { print "short" NR; next }
    NR == 4 || NR == 513 || NR == 2048 || NR == 5000 {
	s = "bad" NR; for (i = 2; i < n; i++) s = s ","
	s = s ",\"" ; for (i = 0; i < 40; i++) s = s "a"
	print s "b\""; next }
    { print }' "$tmp/gen.csv" > "$tmp/mixed.csv"
evil="--add-rules testdata/classify-rules-evil.csv"

# The comparisons mean something only if both kinds of rejects are there.
run "$tmp/one" $evil "$tmp/mixed.csv"
nmatch=$(grep -c "PCRE2 match limit exceeded" "$tmp/one/err")
nread=$(grep -c "the header has" "$tmp/one/err")
verdict "$([ "$nmatch" -eq 4 ] && [ "$nread" -eq 7 ] && echo 1 || echo 0)" \
    "mixed input: $nmatch match-limit and $nread reading rejects, \
expected 4 and 7"
verdict "$([ "$(cat "$tmp/one/status")" = 1 ] && echo 1 || echo 0)" \
    "mixed input: status $(cat "$tmp/one/status"), expected 1"
lines=$(python3 -c 'import csv, sys
print(" ".join(r["_line"] for r in csv.DictReader(open(sys.argv[1]))))' \
    "$tmp/one/rej.csv")
verdict "$([ "$lines" = "3 4 5 513 700 2048 2049 2050 5000 6000 9999" ] &&
    echo 1 || echo 0)" "mixed input: rejects at lines [$lines]"

same "mixed input" $evil "$tmp/mixed.csv"
same "explain, all" $evil -x -A "$tmp/mixed.csv"
same "text columns" -T subject,content "$tmp/gen.csv"
head -n 1 "$tmp/gen.csv" > "$tmp/header.csv"
: > "$tmp/empty.csv"
tail -n +2000 "$tmp/mixed.csv" | head -n 3000 > "$tmp/part.csv"
sed -n '1p;2,1500p' "$tmp/mixed.csv" > "$tmp/head.csv"
stdin="$tmp/part.csv" same "several inputs" $evil "$tmp/head.csv" \
    "$tmp/header.csv" "$tmp/empty.csv" - "$tmp/gen.csv"
same "CRLF and ';' out" --crlf --out-delimiter ';' "$tmp/gen.csv"

"$bindir/xf-train" -l label -m 1 -o "$tmp/model" testdata/train-small.csv \
    2> /dev/null
verdict "$([ -s "$tmp/model" ] && echo 1 || echo 0)" \
    "xf-train made no model"
same "model" -M "$tmp/model" -x -T subject,content "$tmp/gen.csv"
same "hybrid" -M "$tmp/model" -m hybrid $evil "$tmp/mixed.csv"

for bad in -1 1.5 x 257 ''; do
	"$cl" -j "$bad" "$tmp/gen.csv" > /dev/null 2> "$tmp/err"
	st=$?
	verdict "$([ $st -eq 2 ] && grep -q -- '--jobs: expected' "$tmp/err" &&
	    echo 1 || echo 0)" "-j '$bad': status $st, $(head -n 1 "$tmp/err")"
done

finish
