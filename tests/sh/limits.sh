#!/bin/sh
# Small versions of scripts/limits, fast enough for make check: a 20 MB
# field (refused by the default --max-field of 1M, in memory far below
# the field's size; accepted whole with --max-field 32M) and 100,000
# columns (passed through).  Sizes and counts are checked with Python's
# csv module, not with xf.
# usage: tests/sh/limits.sh bindir
bindir=${1:?usage: limits.sh bindir}
name=limits
locale=C.UTF-8
. "$(dirname "$0")/lib.sh"
v=$bindir/xf-validate
c=$bindir/xf-classify

# shape FILE: "records fields-of-each ... longest-field" via Python.
shape() {
	python3 -c 'import csv, sys
csv.field_size_limit(1 << 30)
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
print(len(rows) - 1, " ".join(str(len(r)) for r in rows),
    max(len(f) for r in rows for f in r))' "$1"
}

header='id,date,channel,persons,name,id_number,phone,district,subject,content'
gen_field() {
	printf '%s\n' "$header"
	printf 'F1,2024-05-06,来访,1,金明,,,进学街道,工资,"'
	head -c 20000000 /dev/zero | tr '\0' 'x'
	printf '"\n'
	printf 'F2,2024-05-06,来访,1,李华,,,北山街道,工资,拖欠工资\n'
}

# Refused: status 1, a message with the line and the limit, the other
# record written, the long one in the rejects file.
gen_field | "$v" --rejects "$tmp/rej.csv" > "$tmp/out.csv" 2> "$tmp/err"
st=$?
ok=0
[ $st -eq 1 ] && grep -q '^xf-validate: <stdin>:2: field 10 is more than the limit of 1048576 bytes' "$tmp/err" && ok=1
verdict $ok "20 MB field: status $st: $(head -n 1 "$tmp/err")"
verdict $(shape "$tmp/out.csv" | grep -c '^1 10 10 ') \
    "20 MB field: output is not the header and one record: $(shape "$tmp/out.csv")"
verdict $(grep -c '^F2,' "$tmp/out.csv") "20 MB field: record F2 not written"
verdict $(shape "$tmp/rej.csv" | grep -c '^1 12 12 ') \
    "20 MB field: rejects: $(shape "$tmp/rej.csv")"

# Memory stays far below the field's size (plain builds only: ASan's
# shadow memory and quarantine make RSS meaningless).
if [ -x /usr/bin/time ] && ! grep -q libasan "$v"; then
	gen_field | /usr/bin/time -f %M -o "$tmp/rss" "$v" > /dev/null \
	    2> /dev/null
	kb=$(tail -n 1 "$tmp/rss")
	verdict $((kb < 12000)) "20 MB field refused: peak RSS $kb KB, want < 12000"
else
	echo "limits: peak RSS not checked (no /usr/bin/time, or an ASan build)"
fi

# Accepted whole with a larger limit.
gen_field | "$v" --max-field 32M > "$tmp/out.csv" 2> "$tmp/err"
st=$?
verdict $((st == 0)) "20 MB field, --max-field 32M: status $st: $(head -n 1 "$tmp/err")"
verdict $(shape "$tmp/out.csv" | grep -c '^2 10 10 10 20000000$') \
    "20 MB field, --max-field 32M: $(shape "$tmp/out.csv")"

# 100,000 columns.
python3 -c '
import sys
h = sys.argv[1].split(",")
n = 100000
sys.stdout.write(",".join(h + ["c%d" % i for i in range(len(h), n)]) + "\n")
sys.stdout.write("C1,2024-05-06,来访,1,金明,,,进学街道,工资,拖欠工资" +
    "," * (n - len(h)) + "\n")' "$header" > "$tmp/wide.csv"
"$v" "$tmp/wide.csv" > "$tmp/out.csv" 2> "$tmp/err"
st=$?
verdict $((st == 0)) "100,000 columns, xf-validate: status $st: $(head -n 1 "$tmp/err")"
verdict $(shape "$tmp/out.csv" | grep -c '^1 100000 100000 ') \
    "100,000 columns, xf-validate: $(shape "$tmp/out.csv" | cut -c 1-40)"
cmp -s "$tmp/wide.csv" "$tmp/out.csv"
verdict $((! $?)) "100,000 columns, xf-validate: output differs from input"
"$c" "$tmp/wide.csv" > "$tmp/out.csv" 2> "$tmp/err"
st=$?
verdict $((st == 0)) "100,000 columns, xf-classify: status $st: $(head -n 1 "$tmp/err")"
verdict $(shape "$tmp/out.csv" | grep -c '^1 100004 100004 ') \
    "100,000 columns, xf-classify: $(shape "$tmp/out.csv" | cut -c 1-40)"
grep -q ',劳动纠纷,' "$tmp/out.csv"
verdict $((! $?)) "100,000 columns, xf-classify: the record is not 劳动纠纷"

finish
