#!/bin/sh
# xf-rollup cases the golden-file runner cannot set up: a full disk, a
# reader that stops early, -o left untouched when an input fails, and
# memory that grows with the groups, not with the records.
#
# usage: tests/sh/rollup-io.sh bindir
# Prints "rollup-io: N passed, N failed" last.
bindir=${1:?usage: rollup-io.sh bindir}
name=rollup-io
. "$(dirname "$0")/lib.sh"
r=$bindir/xf-rollup

# make FILE ROWS GROUPS: ROWS records in GROUPS districts, 12 months.
make() {
	awk -v n="$2" -v g="$3" 'BEGIN {
		print "id,date,persons,district"
		for (i = 1; i <= n; i++)
			printf "A%d,2024-%02d-%02d,%d,d%d\n", i, 1 + i % 12,
			    1 + i % 28, 1 + i % 5, i % g
	}' > "$1"
}

# More output than a pipe buffer holds: 100,000 groups.
make "$tmp/many.csv" 100000 100000

# A full disk is reported, with status 2.
"$r" -b district "$tmp/many.csv" > /dev/full 2> "$tmp/err"
st=$?
ok=0
[ $st -eq 2 ] && grep -q '<stdout>: No space left on device' "$tmp/err" && ok=1
verdict $ok "> /dev/full: status $st, stderr: $(head -n 1 "$tmp/err")"

# A reader that stops early causes no diagnostic.
"$r" -b district "$tmp/many.csv" 2> "$tmp/err" | head -n 1 > /dev/null
ok=0
[ ! -s "$tmp/err" ] && ok=1
verdict $ok "| head: unexpected stderr: $(head -n 1 "$tmp/err")"

# -o: a missing input leaves the old file as it was, and no temporary.
echo old > "$tmp/keep.csv"
"$r" -b district -o "$tmp/keep.csv" "$tmp/many.csv" "$tmp/nonexistent" \
    2> "$tmp/err"
st=$?
ok=0
[ $st -eq 2 ] && [ "$(cat "$tmp/keep.csv")" = old ] &&
    [ "$(ls "$tmp" | grep -c keep)" -eq 1 ] &&
    grep -q 'no result written' "$tmp/err" && ok=1
verdict $ok "-o with a missing input: status $st, $(ls "$tmp" | tr '\n' ' ')"

# -o: on success the file is replaced whole.
"$r" -b district -o "$tmp/keep.csv" "$tmp/many.csv" 2> "$tmp/err"
st=$?
ok=0
[ $st -eq 0 ] && [ "$(wc -l < "$tmp/keep.csv")" -eq 100001 ] && ok=1
verdict $ok "-o: status $st, $(wc -l < "$tmp/keep.csv") lines"

# A directory operand: status 2, nothing written.
"$r" -b district "$tmp/many.csv" "$tmp" > "$tmp/out" 2> "$tmp/err"
st=$?
ok=0
[ $st -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q "$tmp: Is a directory" \
    "$tmp/err" && ok=1
verdict $ok "directory operand: status $st, $(wc -c < "$tmp/out") bytes out"

# Memory: 20,000 and 1,000,000 records in the same 1,200 groups (100
# districts x 12 months) need the same memory, within 1 MiB.
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true > /dev/null 2>&1; then
	make "$tmp/small.csv" 20000 100
	make "$tmp/big.csv" 1000000 100
	/usr/bin/time -o "$tmp/t1" -f %M "$r" -b district -p month \
	    "$tmp/small.csv" > /dev/null
	/usr/bin/time -o "$tmp/t2" -f %M "$r" -b district -p month \
	    "$tmp/big.csv" > /dev/null
	s=$(tail -n 1 "$tmp/t1")
	b=$(tail -n 1 "$tmp/t2")
	ok=0
	[ "$b" -le $((s + 1024)) ] && ok=1
	verdict $ok "memory: 20,000 records $s KiB, 1,000,000 records $b KiB"
else
	echo "$name: memory check skipped: no GNU time in /usr/bin/time"
fi

finish
