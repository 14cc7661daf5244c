#!/bin/sh
# The nasty-input corpus: for every file in testdata/nasty/EXPECTED,
# xf-validate exits 1, names the file and the line of the first bad
# record, and rows in = rows written + rows rejected.  The expected
# numbers were worked out by hand when each file was made (see
# testdata/README.md); records are counted here with Python's csv
# module, independently of xf.
# usage: tests/sh/nasty.sh bindir
bindir=${1:?usage: nasty.sh bindir}
name=nasty
locale=C.UTF-8
. "$(dirname "$0")/lib.sh"

# Records in a CSV file xf wrote, header excluded.
records() {
	python3 -c 'import csv, sys
csv.field_size_limit(1 << 30)
with open(sys.argv[1], newline="", encoding="utf-8", errors="surrogateescape") as f:
    print(max(sum(1 for _ in csv.reader(f)) - 1, 0))' "$1"
}

# A second run with --strict and one from standard input must agree.
tail -n +2 testdata/nasty/EXPECTED > "$tmp/expected"
while IFS=, read -r file nrec nrej line; do
	f=testdata/nasty/$file
	"$bindir/xf-validate" --rejects "$tmp/rej.csv" "$f" > "$tmp/out.csv" \
	    2> "$tmp/err"
	st=$?
	verdict $([ $st -eq 1 ] && echo 1 || echo 0) "$file: status $st, expected 1"
	want_line=${line:-1}
	verdict $(grep -q "^xf-validate: $f:$want_line: " "$tmp/err" &&
	    echo 1 || echo 0) "$file: no message for line $want_line: $(head -n 1 "$tmp/err")"
	out=0
	rej=0
	[ -s "$tmp/out.csv" ] && out=$(records "$tmp/out.csv")
	[ -s "$tmp/rej.csv" ] && rej=$(records "$tmp/rej.csv")
	verdict $([ "$rej" -eq "$nrej" ] && echo 1 || echo 0) \
	    "$file: $rej rejected, expected $nrej"
	verdict $([ $((out + rej)) -eq "$nrec" ] && echo 1 || echo 0) \
	    "$file: $out written + $rej rejected != $nrec records"
	rm -f "$tmp/rej.csv"
done < "$tmp/expected"

# The sample in GB18030, and with a BOM, gives the UTF-8 run's bytes.
"$bindir/xf-validate" testdata/petitions-sample.csv > "$tmp/utf8.csv" 2>/dev/null
for v in gb18030 bom; do
	"$bindir/xf-validate" "testdata/petitions-sample-$v.csv" \
	    > "$tmp/$v.csv" 2>/dev/null
	verdict $(cmp -s "$tmp/utf8.csv" "$tmp/$v.csv" && echo 1 || echo 0) \
	    "petitions-sample-$v.csv: output differs from the UTF-8 run"
done

# Wrong check characters pass and are logged; --strict rejects them.
"$bindir/xf-validate" --log "$tmp/log.csv" testdata/petitions-sample.csv \
    > "$tmp/out.csv" 2>/dev/null
st=$?
nbad=$(grep -c ',id_number,warning,.*wrong check character' "$tmp/log.csv")
verdict $([ $st -eq 0 ] && [ "$nbad" -gt 0 ] && echo 1 || echo 0) \
    "sample: status $st, $nbad check-character warnings"
"$bindir/xf-validate" --strict --rejects "$tmp/rej.csv" \
    testdata/petitions-sample.csv > "$tmp/out.csv" 2>/dev/null
st=$?
n=$(grep -c 'wrong check character' "$tmp/rej.csv")
verdict $([ $st -eq 1 ] && [ "$n" -eq "$nbad" ] && echo 1 || echo 0) \
    "sample --strict: status $st, $n rejected for the check character, expected $nbad"

finish
