#!/bin/sh
# Allocation failure: every command, on a small realistic input, with the
# allocator made to fail after N successful calls (tests/faults/failmalloc.c
# preloaded), for a sweep of N from 0 to past the last allocation of the
# run.  Each run must either
#  - exit 2 with a message naming the command on stderr, no signal, no
#    sanitizer report, no temporary file left behind, and no -o or
#    --rejects file but one that is whole (the same as in a normal run:
#    a failure after the first of two outputs was committed), or
#  - when the failure was never reached, or an allocation failure was
#    survived, give exactly the output and status of a normal run.
#
# Which N: a run without a limit counts the allocations (T).  N goes
# through every value from 0 to 24 (setting up: options, tables, rules),
# then XF_FAILMALLOC_POINTS (default 40, 12 under ASan) values spread evenly up to T.
# XF_FAILMALLOC_POINTS=all tries every N from 0 to T (slow: see
# docs/reliability.md for the figures of a full sweep).
# XF_FAILMALLOC_ONLY=REGEX sweeps only the cases whose name matches.
#
# On an ASan build the shim goes in front of ASan's allocator
# (verify_asan_link_order=0) and forwards to it, so ASan still checks
# every access on the error paths; leak detection is off there, since a
# command that exits on "out of memory" does not free what it holds.
#
# usage: tests/sh/failmalloc.sh bindir
bindir=${1:?usage: failmalloc.sh bindir}
name=failmalloc
. "$(dirname "$0")/lib.sh"
points=${XF_FAILMALLOC_POINTS:-}

# The shim: built beside the tests by make, else built here.
shim=$(cd "$bindir/.." && pwd)/tests/failmalloc.so
if [ ! -f "$shim" ]; then
	shim=$tmp/failmalloc.so
	if ! ${CC:-cc} -std=c11 -O2 -fPIC -shared -o "$shim" \
	    tests/faults/failmalloc.c; then
		verdict 0 "cannot build the shim"
		finish
	fi
fi

asan=0
if grep -q libasan "$bindir/xf-validate" 2>/dev/null; then
	asan=1
	ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=0:abort_on_error=0
	export ASAN_OPTIONS
fi
# Fewer points under ASan, where each run is slower.
if [ -z "$points" ]; then
	points=40
	[ $asan -eq 1 ] && points=12
fi
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export UBSAN_OPTIONS

# Inputs made here.
"$bindir/xf-train" -l gold_category -m 1 -o "$tmp/model" \
    testdata/classify-dev.csv 2> /dev/null ||
    verdict 0 "training the model for xf-classify -M failed"
head -c 32 /dev/urandom > "$tmp/key" 2> /dev/null ||
    printf '0123456789abcdef0123456789ABCDEF' > "$tmp/key"
chmod 600 "$tmp/key"

# run NAME N CMD...: one run with the limit N ("" for none); leaves
# status in $st, the count in $tmp/count, output in $tmp/run/.
run() {
	rname=$1
	rlimit=$2
	shift 2
	rm -rf "$tmp/run" "$tmp/count"
	mkdir "$tmp/run"
	if [ -n "$rlimit" ]; then
		XF_FAILMALLOC=$rlimit XF_FAILMALLOC_COUNT=$tmp/count \
		    LD_PRELOAD=$shim "$@" < "$tmp/stdin" \
		    > "$tmp/run/stdout" 2> "$tmp/stderr"
	else
		XF_FAILMALLOC_COUNT=$tmp/count LD_PRELOAD=$shim "$@" \
		    < "$tmp/stdin" > "$tmp/run/stdout" 2> "$tmp/stderr"
	fi
	st=$?
}

# leftover: the files a failed run left in $tmp/run that are not whole.
# A file equal to the same file of the normal run is whole: two outputs
# (-o and --rejects, or the parts of xf-split) cannot be renamed into
# place together, so a failure after the first was committed leaves it,
# complete, and the status says the run failed.
leftover() {
	for f in $(ls "$tmp/run"); do
		[ "$f" = stdout ] && continue
		cmp -s "$tmp/run/$f" "$tmp/ref/$f" && continue
		printf 'left %s ' "$f"
	done
}

# sweep NAME PREFIX CMD...: the sweep for one command line.  $O in the
# arguments is the -o file and $R the --rejects file (both in
# $tmp/run/); PREFIX is what the message must start with.
sweep() {
	label=$1
	prefix=$2
	shift 2
	if [ -n "${XF_FAILMALLOC_ONLY:-}" ] &&
	    ! echo "$label" | grep -E -q -x "$XF_FAILMALLOC_ONLY"; then
		return
	fi
	run "$label" "" "$@"
	refst=$st
	total=$(cat "$tmp/count" 2> /dev/null)
	if [ -z "$total" ] || [ $refst -gt 1 ]; then
		verdict 0 "$label: the run without a limit failed ($refst): $(head -n 2 "$tmp/stderr")"
		return
	fi
	rm -rf "$tmp/ref"
	mv "$tmp/run" "$tmp/ref"
	cp "$tmp/stderr" "$tmp/ref.stderr"
	if [ "$points" = all ]; then
		ns=$(seq 0 "$total")
	else
		ns=$( (seq 0 24; seq 0 "$points" |
		    awk -v t="$total" -v p="$points" '{ print int($1 * t / p) }') |
		    sort -n -u)
	fi
	bad=0
	tried=0
	for n in $ns; do
		tried=$((tried + 1))
		run "$label" "$n" "$@"
		why=
		if grep -q -e 'AddressSanitizer' -e 'runtime error' \
		    -e 'LeakSanitizer' "$tmp/stderr"; then
			why="sanitizer report"
		elif [ $st -gt 2 ]; then
			why="status $st"
		elif [ $st -eq 2 ]; then
			if ! grep -q "^$prefix: " "$tmp/stderr"; then
				why="status 2 without a message"
			else
				why=$(leftover)
			fi
		elif [ $st -ne $refst ] ||
		    ! diff -r "$tmp/ref" "$tmp/run" > /dev/null 2>&1; then
			why="status $st and output differ from a normal run"
		fi
		if [ -n "$why" ]; then
			bad=$((bad + 1))
			[ $bad -le 3 ] &&
			    echo "  $label N=$n: $why: $(head -n 3 "$tmp/stderr")"
		fi
	done
	verdict $((bad == 0)) "$label: $bad of $tried values of N failed (of $total allocations)"
	echo "$label: $total allocations, $tried values of N, $bad bad"
}

O='$O'
R='$R'
# expand ARGS: $O and $R to files in $tmp/run.
sweep_o() {
	label=$1
	prefix=$2
	shift 2
	for a; do
		case $a in
		'$O') a=$tmp/run/out ;;
		'$R') a=$tmp/run/rejects ;;
		esac
		set -- "$@" "$a"
		shift
	done
	sweep "$label" "$prefix" "$@"
}

: > "$tmp/stdin"
b=$bindir
sweep_o xf-validate xf-validate "$b/xf-validate" -s --rejects "$R" -o "$O" \
    testdata/petitions-sample.csv testdata/nasty/dates-bad.csv
sweep_o xf-classify xf-classify "$b/xf-classify" -x -o "$O" \
    testdata/petitions-sample.csv
sweep_o xf-classify-model xf-classify "$b/xf-classify" -M "$tmp/model" \
    -m hybrid -o "$O" testdata/petitions-sample.csv
sweep_o xf-classify-j2 xf-classify "$b/xf-classify" -j 2 -x -o "$O" \
    testdata/petitions-sample.csv
sweep_o xf-route xf-route "$b/xf-route" -o "$O" testdata/route-classified.csv
sweep_o xf-deadline xf-deadline "$b/xf-deadline" --as-of 2025-09-25 \
    --rejects "$R" -o "$O" testdata/deadline-cases.csv
sweep_o xf-repeat xf-repeat "$b/xf-repeat" -x -o "$O" \
    testdata/repeat-tokens.csv
sweep_o xf-mask xf-mask "$b/xf-mask" -N name -i id_number -p phone \
    -t subject,content -o "$O" testdata/mask-text.csv
sweep_o xf-mask-pseudo xf-mask "$b/xf-mask" -m pseudonym -k "$tmp/key" \
    -N name -i id_number -p phone -t content -o "$O" testdata/mask-text.csv
sweep_o xf-rollup xf-rollup "$b/xf-rollup" -b category,district -o "$O" \
    testdata/rollup-small.csv
sweep_o xf-report xf-report "$b/xf-report" -f html -o "$O" \
    testdata/report-day.csv
sweep_o xf-compensate xf-compensate "$b/xf-compensate" --rejects "$R" \
    -o "$O" testdata/compensate-cases.csv
sweep_o xf-eligible xf-eligible "$b/xf-eligible" -a 2025-06-30 \
    -p testdata/eligible-params.csv -o "$O" testdata/eligible-households.csv
sweep_o xf-train xf-train "$b/xf-train" -l label -m 1 -o "$O" \
    testdata/train-small.csv
sweep_o xf-train-folds xf-train "$b/xf-train" -l label -m 1 -k 2 -o "$O" \
    testdata/train-small.csv
sweep_o xf-split xf-split "$b/xf-split" --rows 3 -p "$tmp/run/p-" -o "$O" \
    testdata/split-small.csv
sweep_o xf-eval xf-eval "$b/xf-eval" -g gold -p pred -o "$O" \
    testdata/eval-3class.csv
sweep_o xf-pricelink xf-pricelink "$b/xf-pricelink" \
    -p testdata/pricelink-params.csv -c testdata/pricelink-counts.csv \
    -o "$O" testdata/pricelink-2022.csv
sweep_o xf xf-validate "$b/xf" validate testdata/petitions-sample.csv
cp testdata/petitions-sample.csv "$tmp/stdin"
sweep_o xf-validate-stdin xf-validate "$b/xf-validate" -o "$O"
: > "$tmp/stdin"

# Every command in the bindir was swept above.
for c in "$bindir"/xf*; do
	c=$(basename "$c")
	grep -q "sweep_o $c " "$0" ||
	    verdict 0 "$c is in $bindir but not swept here"
done

[ $asan -eq 1 ] && echo "failmalloc: (ASan build: shim in front of ASan's allocator)"
finish
