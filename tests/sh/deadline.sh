#!/bin/sh
# xf-deadline cases the golden-file runner cannot express: the default
# --as-of (today in 中国标准时间, whatever TZ says), a reader that stops
# early, a full disk, and every record of the sample accounted for.
# Expected values come from date(1) with the time zone database and
# from Python's csv and datetime modules, not from xf.
# usage: tests/sh/deadline.sh bindir
bindir=${1:?usage: deadline.sh bindir}
name=deadline
. "$(dirname "$0")/lib.sh"
dl=$bindir/xf-deadline

# Today and tomorrow in Beijing, from the time zone database when there
# is one (else from UTC + 8 hours, which is what the rule is).
shanghai() {
	if [ -f /usr/share/zoneinfo/Asia/Shanghai ]; then
		TZ=Asia/Shanghai date -d "$1" +%F
	else
		date -u -d "@$(($(date +%s) + 28800))" +%F
	fi
}

# The default as-of date is today in Beijing, even when the machine's
# zone (TZ) is ten hours behind UTC.  Retried once if midnight passes.
for try in 1 2; do
	today=$(shanghai now)
	tomorrow=$(shanghai '+1 day')
	printf 'id,received\nT1,%s\nT2,%s\n' "$today" "$tomorrow" > "$tmp/in.csv"
	TZ=Pacific/Honolulu "$dl" "$tmp/in.csv" > "$tmp/out" 2> "$tmp/err"
	st=$?
	[ "$today" = "$(shanghai now)" ] && break
done
ok=0
grep -q "^T1,$today,.*,,15,待受理\$" "$tmp/out" && ok=1
verdict $ok "default as-of: $(cat "$tmp/out" "$tmp/err")"
ok=0
[ $st -eq 1 ] && grep -q "received $tomorrow is after the as-of date $today" \
    "$tmp/err" && ok=1
verdict $ok "default as-of: tomorrow not rejected: status $st"

# More than a pipe buffer of records; a reader that stops early causes
# no diagnostic.
awk 'BEGIN { print "id,received,accepted"
	for (i = 1; i <= 100000; i++) print "A" i ",2025-05-06,2025-05-07" }' \
    > "$tmp/big.csv"
"$dl" -a 2025-09-25 "$tmp/big.csv" 2> "$tmp/err" | head -n 1 > /dev/null
ok=0
[ ! -s "$tmp/err" ] && ok=1
verdict $ok "| head: unexpected stderr: $(head -n 1 "$tmp/err")"

# A full disk is reported, with status 2.
"$dl" -a 2025-09-25 "$tmp/big.csv" > /dev/full 2> "$tmp/err"
st=$?
ok=0
[ $st -eq 2 ] && grep -q '<stdout>: No space left on device' "$tmp/err" && ok=1
verdict $ok "> /dev/full: status $st"

# Every record of the sample comes out once: written if received by the
# as-of date, rejected if after it.  Python parses the sample's date
# forms on its own.
"$dl" -a 2024-06-30 --rejects "$tmp/rej.csv" testdata/petitions-sample.csv \
    > "$tmp/out.csv" 2> /dev/null
st=$?
counts=$(python3 - "$tmp/out.csv" "$tmp/rej.csv" <<'EOF'
import csv, re, sys
from datetime import date
def rows(p):
    with open(p, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
want_out = want_rej = 0
for r in rows("testdata/petitions-sample.csv"):
    m = (re.match(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", r["date"]) or
         re.match(r"(\d{4})(\d{2})(\d{2})", r["date"]))
    if date(*map(int, m.groups())) <= date(2024, 6, 30):
        want_out += 1
    else:
        want_rej += 1
out, rej = rows(sys.argv[1]), rows(sys.argv[2])
print(len(out), want_out, len(rej), want_rej)
EOF
)
set -- $counts
ok=0
[ $st -eq 1 ] && [ "$1" = "$2" ] && [ "$3" = "$4" ] && [ "$1" -gt 0 ] && ok=1
verdict $ok "sample: status $st, written/expected rejected/expected: $counts"

finish
