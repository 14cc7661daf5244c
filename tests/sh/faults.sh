#!/bin/sh
# Fault injection, every command: what happens when the environment fails
# under it.  For each command (see "cases" below), on a small realistic
# input:
#  - standard output on a full disk (> /dev/full): status 2 and
#    "<stdout>: No space left on device";
#  - -o /dev/full (a device is written in place): status 2, a message
#    naming /dev/full;
#  - -o FILE when the file may not grow (ulimit -f, SIGXFSZ ignored: the
#    write fails with EFBIG as on a full file system): status 2 and a
#    message, the old FILE intact and no temporary file beside it; or,
#    if the output fitted, status as usual and the whole output;
#  - a reader that stops early (| head -n 1): nothing on stderr about
#    the closed pipe.  Status: killed by SIGPIPE (141 in the shell) or the
#    normal status when the output fitted in the pipe; with SIGPIPE
#    ignored (as some daemons start their children), status 2 and still
#    no message: DESIGN.md says a closed pipe ends the tool quietly;
#  - an input that opens but cannot be read (/proc/self/mem: EIO), a
#    vanished (missing) input and a directory, each after a good input:
#    status 2, a message naming it, and the -o file either not written
#    or exactly the good input's output, never anything else; an
#    unreadable file (mode 000, run as an ordinary user through setpriv
#    when the tests run as root): status 2 and "Permission denied";
#  - SIGTERM and SIGKILL while writing -o from a slow producer (a FIFO):
#    the old file intact; after SIGTERM no temporary file either (after
#    SIGKILL one may remain: nothing can remove it).
# Then scripts/daily-summary stopped by SIGTERM and by SIGKILL (the whole
# process group, as when a cron job is killed) in the middle of a run:
# the previous day's directory intact, and a rerun gives the same bytes as
# a run that was never interrupted.
#
# usage: tests/sh/faults.sh bindir
bindir=${1:?usage: faults.sh bindir}
name=faults
. "$(dirname "$0")/lib.sh"
chmod 755 "$tmp"

# rep FILE K: FILE's header, then its records K times (no quoted
# newlines in the files used).
rep() {
	awk -v k="$2" 'NR == 1 { print; next } { b[++n] = $0 }
	    END { for (i = 0; i < k; i++) for (j = 1; j <= n; j++) print b[j] }' "$1"
}

"$bindir/xf-classify" testdata/petitions-sample.csv > "$tmp/classified.csv"
rep testdata/route-classified.csv 300 > "$tmp/route.csv"
rep testdata/compensate-cases.csv 200 > "$tmp/compensate.csv"
rep testdata/eval-3class.csv 300 > "$tmp/eval.csv"
cp testdata/petitions-sample.csv "$tmp/petitions.csv"
rep testdata/pricelink-2022.csv 1 > "$tmp/pricelink.csv"
# xf-repeat pseudonymises with a key made afresh each run unless given
# one: a fixed key makes its output comparable between runs.
cp testdata/repeat-test.key "$tmp/key"
chmod 600 "$tmp/key"
# The mode 000 case runs as nobody, who must still read the key.
[ "$(id -u)" -eq 0 ] && chown 65534 "$tmp/key"

# args TOOL: the arguments of TOOL before -o and the input, in $args;
# its input in $input.
args() {
	input=$tmp/petitions.csv
	case $1 in
	xf)		args="validate" ;;
	xf-validate)	args="-s" ;;
	xf-classify)	args="-x" ;;
	xf-route)	args=""; input=$tmp/route.csv ;;
	xf-deadline)	args="--as-of 2024-12-31" ;;
	xf-repeat)	args="-k $tmp/key" ;;
	xf-mask)	args="-N name -i id_number -p phone -t subject,content" ;;
	xf-rollup)	args="-b district,channel" ;;
	xf-report)	args="-D 2024-12-31 -f html"
			input=$tmp/classified.csv ;;
	xf-compensate)	args=""; input=$tmp/compensate.csv ;;
	xf-eligible)	args="-a 2025-06-30 -p testdata/eligible-params.csv"
			input=testdata/eligible-households.csv ;;
	xf-eval)	args="-g gold -p pred"; input=$tmp/eval.csv ;;
	xf-train)	args="-l gold_category -m 1 -k 2"
			input=testdata/classify-dev.csv ;;
	xf-split)	args="--rows 500 -p $tmp/part-" ;;
	xf-pricelink)	args="-p testdata/pricelink-params.csv -c testdata/pricelink-counts.csv"
			input=$tmp/pricelink.csv ;;
	*)		args=unknown ;;
	esac
}

tools=
for c in "$bindir"/xf*; do
	tools="$tools $(basename "$c")"
done

notemp() {
	[ -z "$(ls "$tmp/o" | grep '\.tmp')" ]
}

for t in $tools; do
	args $t
	if [ "$args" = unknown ]; then
		verdict 0 "$t: no case for it in faults.sh"
		continue
	fi
	b=$bindir/$t
	# The normal run, for comparison.
	rm -rf "$tmp/o"
	mkdir "$tmp/o"
	# shellcheck disable=SC2086
	$b $args -o "$tmp/o/ref" "$input" > /dev/null 2>&1
	refst=$?
	verdict $((refst <= 1)) "$t: normal run: status $refst"

	# > /dev/full
	$b $args "$input" > /dev/full 2> "$tmp/err"
	st=$?
	ok=0
	[ $st -eq 2 ] &&
	    grep -q "^$t: <stdout>: No space left on device" "$tmp/err" &&
	    ok=1
	[ $t = xf ] && [ $st -eq 2 ] &&
	    grep -q "^xf-validate: <stdout>: No space" "$tmp/err" && ok=1
	verdict $ok "$t > /dev/full: status $st: $(head -n 1 "$tmp/err")"

	# -o /dev/full
	if [ $t != xf ]; then
		$b $args -o /dev/full "$input" > /dev/null 2> "$tmp/err"
		st=$?
		ok=0
		[ $st -eq 2 ] && grep -q "^$t: /dev/full: No space" "$tmp/err" &&
		    ok=1
		verdict $ok "$t -o /dev/full: status $st: $(head -n 1 "$tmp/err")"
	fi

	# -o FILE that may not grow past 512 bytes.
	if [ $t != xf ]; then
		echo old > "$tmp/o/keep"
		# stderr through a pipe: the limit would stop a file there too.
		( (trap '' XFSZ; ulimit -f 1; $b $args -o "$tmp/o/keep" \
		    "$input" > /dev/null; echo $? > "$tmp/st") 2>&1 |
		    cat > "$tmp/err")
		st=$(cat "$tmp/st")
		ok=0
		if [ $st -eq 2 ]; then
			[ "$(cat "$tmp/o/keep")" = old ] && notemp &&
			    grep -q "^$t: .*: File too large" "$tmp/err" &&
			    ok=1
		elif [ $st -eq $refst ]; then
			cmp -s "$tmp/o/keep" "$tmp/o/ref" && notemp && ok=1
		fi
		verdict $ok "$t -o FILE, EFBIG: status $st, keep: $(head -c 20 "$tmp/o/keep"): $(head -n 1 "$tmp/err")"
	fi

	# | head -n 1, SIGPIPE as it comes, then ignored.
	st=$( ( ($b $args "$input" 2> "$tmp/err"; echo $? > "$tmp/st") |
	    head -n 1 > /dev/null); cat "$tmp/st")
	ok=0
	{ [ $st -eq 141 ] || [ $st -eq $refst ]; } &&
	    ! grep -q -i -e 'pipe' -e '<stdout>' "$tmp/err" && ok=1
	verdict $ok "$t | head: status $st: $(head -n 1 "$tmp/err")"
	st=$( ( (trap '' PIPE; $b $args "$input" 2> "$tmp/err"
	    echo $? > "$tmp/st") | head -n 1 > /dev/null); cat "$tmp/st")
	ok=0
	{ [ $st -eq 2 ] || [ $st -eq $refst ]; } &&
	    ! grep -q -i -e 'pipe' -e '<stdout>' "$tmp/err" && ok=1
	verdict $ok "$t | head, SIGPIPE ignored: status $st: $(head -n 1 "$tmp/err")"

	# Inputs that cannot be read, after a good one: the good one's
	# records go out (DESIGN.md: the worst status wins), so the -o file
	# is either not written or holds exactly the normal run's output.
	mkdir -p "$tmp/dir"
	for bad in /proc/self/mem "$tmp/gone.csv" "$tmp/dir"; do
		rm -f "$tmp/o/out"
		# shellcheck disable=SC2086
		$b $args -o "$tmp/o/out" "$input" "$bad" 2> "$tmp/err" \
		    > /dev/null
		st=$?
		ok=0
		[ $st -eq 2 ] && grep -q "$bad: " "$tmp/err" && notemp &&
		    { [ ! -e "$tmp/o/out" ] ||
		    cmp -s "$tmp/o/out" "$tmp/o/ref"; } && ok=1
		verdict $ok "$t $bad: status $st, out $( [ -e "$tmp/o/out" ] && echo left): $(grep "$bad" "$tmp/err" | head -n 1)"
	done
	cp "$input" "$tmp/unreadable.csv"
	chmod 000 "$tmp/unreadable.csv"
	as=
	if [ "$(id -u)" -eq 0 ]; then
		as="setpriv --reuid=65534 --regid=65534 --clear-groups"
		$as true 2> /dev/null || as=skip
	fi
	if [ "$as" != skip ]; then
		# shellcheck disable=SC2086
		$as $b $args "$tmp/unreadable.csv" > /dev/null 2> "$tmp/err"
		st=$?
		ok=0
		[ $st -eq 2 ] &&
		    grep -q "unreadable.csv: Permission denied" "$tmp/err" && ok=1
		verdict $ok "$t mode 000 input: status $st: $(head -n 1 "$tmp/err")"
	else
		echo "faults: $t mode 000 input: skipped (root, and setpriv cannot drop privileges)"
	fi
	rm -f "$tmp/unreadable.csv"

	# SIGTERM and SIGKILL during -o, reading a FIFO fed slowly.
	[ $t = xf ] && continue
	for sig in TERM KILL; do
		echo old > "$tmp/o/keep"
		rm -f "$tmp/fifo"
		mkfifo "$tmp/fifo"
		# shellcheck disable=SC2086
		$b $args -o "$tmp/o/keep" "$tmp/fifo" 2> /dev/null &
		pid=$!
		exec 3> "$tmp/fifo"
		head -n 3 "$input" >&3
		# Wait for the temporary file (some commands open -o only
		# when their input is read), at most about 5 seconds.
		i=0
		while notemp && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -$sig $pid
		exec 3>&-
		wait $pid 2> /dev/null
		ok=0
		[ "$(cat "$tmp/o/keep")" = old ] && ok=1
		[ $sig = TERM ] && ! notemp && ok=0
		verdict $ok "$t SIG$sig during -o: keep: $(head -c 20 "$tmp/o/keep"), $(ls "$tmp/o" | tr '\n' ' ')"
		rm -f "$tmp"/o/keep.tmp*
	done
done

# scripts/daily-summary interrupted, then run again.
ds=scripts/daily-summary
day=2024-12-31
export XF_BINDIR=$bindir
$ds testdata/petitions-sample.csv "$tmp/ref" $day > /dev/null 2>&1
refst=$?
verdict $((refst <= 1)) "daily-summary: normal run: status $refst"
$ds testdata/petitions-sample.csv "$tmp/ref" 2025-01-01 > /dev/null 2>&1
for sig in TERM KILL; do
	rm -rf "$tmp/ds"
	mkdir "$tmp/ds"
	$ds testdata/petitions-sample.csv "$tmp/ds" $day > /dev/null 2>&1
	rm -f "$tmp/fifo"
	mkfifo "$tmp/fifo"
	# The next day's run, stopped while xf-validate reads the export.
	setsid $ds "$tmp/fifo" "$tmp/ds" 2025-01-01 > /dev/null 2>&1 &
	pid=$!
	exec 3> "$tmp/fifo"
	head -n 1000 testdata/petitions-sample.csv >&3
	i=0
	while [ ! -d "$tmp/ds/.2025-01-01.new" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if [ $sig = TERM ]; then
		kill -TERM $pid
	else
		kill -KILL -- -$pid 2> /dev/null || kill -KILL $pid
	fi
	exec 3>&-
	wait $pid 2> /dev/null
	sleep 0.2
	ok=0
	diff -r "$tmp/ref/$day" "$tmp/ds/$day" > /dev/null &&
	    [ ! -e "$tmp/ds/2025-01-01" ] && ok=1
	verdict $ok "daily-summary SIG$sig: the previous day changed, or a new day appeared"
	$ds testdata/petitions-sample.csv "$tmp/ds" 2025-01-01 > /dev/null 2>&1
	ok=0
	diff -r "$tmp/ref" "$tmp/ds" > /dev/null && ok=1
	verdict $ok "daily-summary SIG$sig, rerun: not the same as an uninterrupted run: $(diff -r "$tmp/ref" "$tmp/ds" 2>&1 | head -n 2)"
done

finish
