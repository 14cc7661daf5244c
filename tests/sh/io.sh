#!/bin/sh
# I/O failures the golden-file runner cannot set up: a full disk, a
# reader that stops early, an input that opens but cannot be read, an
# output file that must not be left half written.
# usage: tests/sh/io.sh bindir
bindir=${1:?usage: io.sh bindir}
name=io
. "$(dirname "$0")/lib.sh"
v=$bindir/xf-validate

# More than a pipe buffer of records, made here rather than committed.
awk 'BEGIN { print "id,date,content"
	for (i = 1; i <= 100000; i++) print "A" i ",2024-05-06,text " i }' \
    > "$tmp/big.csv"

# A full disk is reported, with status 2.
"$v" "$tmp/big.csv" > /dev/full 2> "$tmp/err"
st=$?
ok=0
[ $st -eq 2 ] && grep -q '<stdout>: No space left on device' "$tmp/err" && ok=1
verdict $ok "> /dev/full: status $st, stderr: $(head -n 1 "$tmp/err")"

# -o on a full disk: status 2, the old file intact, no temporary left.
echo old > "$tmp/keep.csv"
"$v" -o /dev/full "$tmp/big.csv" 2> "$tmp/err"
st=$?
ok=0
[ $st -eq 2 ] && [ -s "$tmp/err" ] && ok=1
verdict $ok "-o /dev/full: status $st"

# A reader that stops early causes no diagnostic.
"$v" "$tmp/big.csv" 2> "$tmp/err" | head -n 1 > /dev/null
ok=0
[ ! -s "$tmp/err" ] && ok=1
verdict $ok "| head: unexpected stderr: $(head -n 1 "$tmp/err")"

# A directory operand (chmod 000 proves nothing when tests run as root)
# gives 2, and the good inputs around it still go out.
"$v" testdata/validate-generic.csv "$tmp" testdata/validate-generic.csv \
    -S > "$tmp/out" 2> "$tmp/err"
st=$?
ok=0
[ $st -eq 2 ] && [ "$(wc -l < "$tmp/out")" -eq 5 ] &&
    grep -q "$tmp: Is a directory" "$tmp/err" && ok=1
verdict $ok "directory operand: status $st, $(wc -l < "$tmp/out") lines"

# A vanished input: status 2, message names it.
"$v" "$tmp/gone.csv" > /dev/null 2> "$tmp/err"
st=$?
ok=0
[ $st -eq 2 ] && grep -q "gone.csv: No such file" "$tmp/err" && ok=1
verdict $ok "missing input: status $st"

# -o writes the whole file and leaves no temporary beside it.
"$v" -o "$tmp/keep.csv" "$tmp/big.csv" 2> "$tmp/err"
st=$?
ok=0
[ $st -eq 0 ] && [ "$(wc -l < "$tmp/keep.csv")" -eq 100001 ] &&
    [ "$(ls "$tmp" | grep -c 'keep.csv.tmp')" -eq 0 ] && ok=1
verdict $ok "-o: status $st, $(wc -l < "$tmp/keep.csv") lines"

# SIGTERM during -o: the old file stays, the temporary goes.
echo old > "$tmp/keep.csv"
mkfifo "$tmp/fifo"
"$v" -o "$tmp/keep.csv" "$tmp/fifo" 2> /dev/null &
pid=$!
exec 3> "$tmp/fifo"
head -n 50000 "$tmp/big.csv" >&3
sleep 0.3
kill -TERM $pid
exec 3>&-
wait $pid
st=$?
ok=0
[ "$(cat "$tmp/keep.csv")" = old ] &&
    [ "$(ls "$tmp" | grep -c 'keep.csv.tmp')" -eq 0 ] && ok=1
verdict $ok "SIGTERM during -o: status $st, keep.csv: $(head -c 20 "$tmp/keep.csv")"

# SIGKILL during -o: the old file stays (a temporary may remain).
"$v" -o "$tmp/keep.csv" "$tmp/fifo" 2> /dev/null &
pid=$!
exec 3> "$tmp/fifo"
head -n 50000 "$tmp/big.csv" >&3
sleep 0.3
kill -KILL $pid
exec 3>&-
wait $pid 2>/dev/null
ok=0
[ "$(cat "$tmp/keep.csv")" = old ] && ok=1
verdict $ok "SIGKILL during -o: keep.csv changed"

finish
