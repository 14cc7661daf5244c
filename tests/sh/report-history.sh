#!/bin/sh
# xf-report -H: a report made from one day's records and the other days'
# partials (xf-rollup --partial --period day, one file a day, as
# scripts/daily-summary keeps them) must equal, byte for byte, the
# report made from all the records at once, in every format and period;
# the records win over a partial of the same day; partials dated after
# the report's date are not read; a partial that lacks a column the
# records have is refused.  The files are split by a python3 script, not
# by the tools under test.
# usage: tests/sh/report-history.sh bindir
bindir=${1:?usage: report-history.sh bindir}
name=report-history
locale=C.UTF-8
. "$(dirname "$0")/lib.sh"
by=category,subcategory,department,district,deadline_status,persons,repeat_of

# split FILE DAY DIR: DIR/today.csv holds the records dated DAY, and
# DIR/days/X.csv those of each other day X (dates in any of the forms
# the test files use: 2024-05-06, 2024年5月6日, 2024/05/06).
split() {
	python3 - "$1" "$2" "$3" <<'PY'
import csv, os, re, sys
src, day, out = sys.argv[1:]
os.makedirs(out + "/days", exist_ok=True)
rows = list(csv.reader(open(src, newline="", encoding="utf-8")))
head, body = rows[0], rows[1:]
di = head.index("date")
files = {}
for r in body:
    y, m, d = map(int, re.findall(r"\d+", r[di])[:3])
    iso = "%04d-%02d-%02d" % (y, m, d)
    name = out + "/today.csv" if iso == day else out + "/days/" + iso + ".csv"
    files.setdefault(name, []).append(r)
files.setdefault(out + "/today.csv", [])
for name, rs in files.items():
    with open(name, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(head)
        w.writerows(rs)
PY
}

# partials DIR: DIR/hist/X.csv from DIR/days/X.csv.
partials() {
	mkdir -p "$1/hist"
	for f in "$1"/days/*.csv; do
		"$bindir/xf-rollup" --partial --period day --date date --by $by \
		    -o "$1/hist/$(basename "$f")" "$f" || return 1
	done
}

split testdata/report-day.csv 2024-05-06 "$tmp/a"
partials "$tmp/a" || verdict 0 "xf-rollup --partial failed"
for p in day week month quarter year; do
	for f in md txt html; do
		"$bindir/xf-report" -D 2024-05-06 -p $p -f $f \
		    testdata/report-day.csv >"$tmp/want" 2>&1
		"$bindir/xf-report" -D 2024-05-06 -p $p -f $f -H "$tmp/a/hist" \
		    "$tmp/a/today.csv" >"$tmp/got" 2>&1
		st=$?
		ok=0
		[ $st -eq 0 ] && cmp -s "$tmp/want" "$tmp/got" && ok=1
		verdict $ok "report-day $p $f from the day and history (status $st)
$(diff "$tmp/want" "$tmp/got" | head -20)"
	done
done

# The trend line comes from history too.
ok=0
grep -q 'class="trend"' "$tmp/got" && ok=1
verdict $ok "html from history has the trend line"

# No records of the day at all (an empty export): history alone.
head -n 1 "$tmp/a/today.csv" >"$tmp/empty.csv"
cp "$tmp/a/hist/"*.csv "$tmp/" 2>/dev/null
"$bindir/xf-rollup" --partial --period day --date date --by $by \
    -o "$tmp/a/hist/2024-05-06.csv" "$tmp/a/today.csv"
"$bindir/xf-report" -D 2024-05-06 testdata/report-day.csv >"$tmp/want"
"$bindir/xf-report" -D 2024-05-06 -H "$tmp/a/hist" "$tmp/empty.csv" \
    >"$tmp/got" 2>&1
st=$?
ok=0
[ $st -eq 0 ] && cmp -s "$tmp/want" "$tmp/got" && ok=1
verdict $ok "history alone, the day's partial included (status $st)
$(diff "$tmp/want" "$tmp/got" | head -10)"

# The records win: a wrong partial of the day they hold is not read.
printf '#xf-rollup/1,period:day,by:category,by:subcategory,by:department,by:district,by:deadline_status,by:persons,by:repeat_of,cases,persons\n=,2024-05-06,其他,其他,信访局,公园街道,在办,,,99,99\n' \
    >"$tmp/a/hist/2024-05-06.csv"
# ... and a partial dated after the report's date is not read at all.
printf '#xf-rollup/1,period:day,by:category,by:subcategory,by:department,by:district,by:deadline_status,by:persons,by:repeat_of,cases,persons\n=,2024-05-07,其他,其他,信访局,公园街道,在办,,,50,50\n' \
    >"$tmp/a/hist/2024-05-07.csv"
"$bindir/xf-report" -D 2024-05-06 -p week testdata/report-day.csv >"$tmp/want"
"$bindir/xf-report" -D 2024-05-06 -p week -H "$tmp/a/hist" \
    "$tmp/a/today.csv" >"$tmp/got" 2>&1
st=$?
ok=0
[ $st -eq 0 ] && cmp -s "$tmp/want" "$tmp/got" && ok=1
verdict $ok "records win over the day's partial; later partials unread (status $st)
$(diff "$tmp/want" "$tmp/got" | head -10)"

# A partial without by:persons, when the records have persons: refused.
rm -f "$tmp/a/hist/2024-05-07.csv"
"$bindir/xf-rollup" --partial --period day --date date \
    --by category,subcategory,department,district,deadline_status,repeat_of \
    -o "$tmp/a/hist/2024-05-05.csv" "$tmp/a/days/2024-05-05.csv"
"$bindir/xf-report" -D 2024-05-06 -H "$tmp/a/hist" "$tmp/a/today.csv" \
    >"$tmp/got" 2>"$tmp/err"
st=$?
ok=0
[ $st -eq 2 ] && [ ! -s "$tmp/got" ] &&
    grep -q "2024-05-05.csv:1: no column 'by:persons'" "$tmp/err" && ok=1
verdict $ok "partial lacking by:persons refused (status $st): $(cat "$tmp/err")"

# Not a directory: status 2, one message and 'no report written'.
"$bindir/xf-report" -D 2024-05-06 -H "$tmp/none" "$tmp/a/today.csv" \
    >"$tmp/got" 2>"$tmp/err"
st=$?
ok=0
[ $st -eq 2 ] && [ ! -s "$tmp/got" ] && [ "$(wc -l <"$tmp/err")" -eq 2 ] && ok=1
verdict $ok "missing history directory (status $st): $(cat "$tmp/err")"

# A history row that does not read: skipped, status 1, the rest counted.
"$bindir/xf-rollup" --partial --period day --date date --by $by \
    -o "$tmp/a/hist/2024-05-05.csv" "$tmp/a/days/2024-05-05.csv"
printf '=,2024-13-01,其他,其他,信访局,公园街道,在办,,,1,1\n' >>"$tmp/a/hist/2024-05-05.csv"
"$bindir/xf-report" -D 2024-05-06 testdata/report-day.csv >"$tmp/want"
"$bindir/xf-report" -D 2024-05-06 -H "$tmp/a/hist" "$tmp/a/today.csv" \
    >"$tmp/got" 2>"$tmp/err"
st=$?
ok=0
[ $st -eq 1 ] && cmp -s "$tmp/want" "$tmp/got" &&
    grep -q '2024-05-05.csv:[0-9]*: history row does not read' "$tmp/err" && ok=1
verdict $ok "bad history row skipped (status $st): $(cat "$tmp/err")"

# The listings' file: headline and tables equal up to the listings,
# which come from the records only.
split testdata/report-lists.csv 2024-06-12 "$tmp/b"
partials "$tmp/b" || verdict 0 "xf-rollup --partial failed"
"$bindir/xf-report" -D 2024-06-12 -p month testdata/report-lists.csv |
    sed '/^## 超期未办事项/,$d' >"$tmp/want"
"$bindir/xf-report" -D 2024-06-12 -p month -H "$tmp/b/hist" \
    "$tmp/b/today.csv" | sed '/^## 超期未办事项/,$d' >"$tmp/got"
ok=0
cmp -s "$tmp/want" "$tmp/got" && ok=1
verdict $ok "report-lists month from history up to the listings
$(diff "$tmp/want" "$tmp/got" | head -10)"

finish
