#!/bin/sh
# scripts/daily-summary on the sample export: the files it promises, the
# same bytes on a rerun, the previous day's files left alone by a run
# that fails, a swap interrupted between its renames repaired, and the
# headline's numbers against counts Miller computes from classified.csv
# on its own (not from xf-report).
# usage: tests/sh/daily-summary.sh bindir
bindir=${1:?usage: daily-summary.sh bindir}
name=daily-summary
locale=C.UTF-8
. "$(dirname "$0")/lib.sh"
ds=scripts/daily-summary
export_csv=testdata/petitions-sample.csv
day=2024-12-31
prevday=2024-12-30

XF_BINDIR=$bindir $ds $export_csv "$tmp/out" $day >"$tmp/o1" 2>"$tmp/e1"
st=$?
ok=0
[ $st -eq 0 ] && [ ! -s "$tmp/o1" ] && [ ! -s "$tmp/e1" ] && ok=1
verdict $ok "first run: status $st, quiet: $(cat "$tmp/o1" "$tmp/e1")"

d=$tmp/out/$day
ok=1
for f in classified.csv rejects.csv rejects-deadline.csv report.md \
    report.html; do
	[ -f "$d/$f" ] || ok=0
done
[ "$(ls -A "$tmp/out" | tr '\n' ' ')" = "$day history " ] || ok=0
[ "$(ls -A "$tmp/out/history")" = $day.csv ] || ok=0
verdict $ok "files: $(ls -A "$tmp/out" "$d" "$tmp/out/history" | tr '\n' ' ')"

# The history file: xf-rollup's partial layout, rows of the day only,
# and its cases add up to the records of the day (Miller's count).
h=$tmp/out/history/$day.csv
ok=0
hc=$(awk -F, 'NR > 1 { if ($2 != "'$day'") bad = 1; n += $(NF - 1) }
    END { print bad ? "bad" : n + 0 }' "$h")
dc=$(mlr --icsv --ojson filter '$date == "'$day'"' then count "$d/classified.csv" |
    sed -n 's/.*"count": \([0-9]*\).*/\1/p')
head -n 1 "$h" | grep -q '^#xf-rollup/1,period:day,by:category,by:subcategory,by:department,by:deadline_status,by:district,by:persons,cases,persons$' &&
    [ "$hc" = "$dc" ] && ok=1
verdict $ok "history file: day's rows only, $hc cases (records of the day: $dc)"
cp "$h" "$tmp/first-history.csv"

cp -R "$d" "$tmp/first"
XF_BINDIR=$bindir $ds $export_csv "$tmp/out" $day 2>"$tmp/e2"
st=$?
ok=0
[ $st -eq 0 ] && diff -r "$tmp/first" "$d" >/dev/null && ok=1
cmp -s "$tmp/first-history.csv" "$h" || ok=0
verdict $ok "rerun gives the same bytes (status $st)"

# Every record of the export is in classified.csv or a rejects file.
n_in=$(mlr --icsv --ojson count "$export_csv" | sed -n 's/.*"count": \([0-9]*\).*/\1/p')
n_out=0
for f in classified.csv rejects.csv rejects-deadline.csv; do
	n=$(mlr --icsv --ojson count "$d/$f" | sed -n 's/.*"count": \([0-9]*\).*/\1/p')
	n_out=$((n_out + ${n:-0}))
done
ok=0
[ -n "$n_in" ] && [ "$n_in" -eq "$n_out" ] && ok=1
verdict $ok "records in $n_in, out $n_out"

# The headline, from Miller: want LABEL FILTER PREVFILTER PERIODWORD
c=$d/classified.csv
cnt() {
	mlr --icsv --ojson filter "$1" then count "$c" |
	    sed -n 's/.*"count": \([0-9]*\).*/\1/p'
}
sum() {
	v=$(mlr --icsv --onidx filter "$1" \
	    then put '$p = $persons == "" ? 1 : $persons' \
	    then stats1 -a sum -f p "$c")
	echo "${v:-0}"
}
want() {
	f=$2
	cases=$(cnt "$f")
	persons=$(sum "$f")
	minsheng=$(cnt "$f && \$category != \"其他\" && \$category != \"\"")
	cf="$f && \$persons != \"\" && \$persons >= 5"
	coll=$(cnt "$cf")
	collp=$(sum "$cf")
	overdue=$(cnt "$f && (\$deadline_status == \"超期未办\" || \$deadline_status == \"受理超期\")")
	prev=$(cnt "$3")
	# Share to one decimal, half up, and the change, in integers.
	share=$(awk -v a="$minsheng" -v b="$cases" 'BEGIN {
		t = int((a * 2000 + b) / (2 * b)); printf "%d.%d", t / 10, t % 10 }')
	change=$(awk -v a="$cases" -v b="$prev" 'BEGIN {
		x = (a - b) * 2000; t = int((x + (x < 0 ? -b : b)) / (2 * b));
		w = t < 0 ? "下降" : "上升"; if (t < 0) t = -t;
		printf "%s%d.%d%%", w, t / 10, t % 10 }')
	echo "$1，共登记信访事项${cases}件${persons}人次，其中涉及民生问题的${minsheng}件，占${share}%；集体访${coll}批${collp}人次；超期未办${overdue}件。登记件数环比（上一$4${prev}件）${change}。"
}
want=$(want 2024年12月31日 "\$date == \"$day\"" "\$date == \"$prevday\"" 日)
got=$(sed -n 3p "$d/report.md")
[ -n "$XF_DEBUG" ] && echo "want: $want"
ok=0
[ "$got" = "$want" ] && ok=1
verdict $ok "headline
  got:  $got
  want: $want"
mwant=$(want 2024年12月 '$date =~ "^2024-12-"' '$date =~ "^2024-11-"' 月)
mgot=$("$bindir/xf-report" -p month -D $day "$c" | sed -n 3p)
[ -n "$XF_DEBUG" ] && echo "want: $mwant"
ok=0
[ "$mgot" = "$mwant" ] && ok=1
verdict $ok "month headline
  got:  $mgot
  want: $mwant"
ok=0
grep -qF "$want" "$d/report.html" && grep -q '<svg' "$d/report.html" &&
    ! grep -qi '<script' "$d/report.html" && ok=1
verdict $ok "html holds the headline and an svg chart, no script"

# A failing step leaves the previous files as they were.
mkdir "$tmp/bad"
for t in xf-validate xf-classify xf-route xf-deadline; do
	ln -s "$(cd "$bindir" && pwd)/$t" "$tmp/bad/$t"
done
printf '#!/bin/sh\necho broken >&2\nexit 2\n' >"$tmp/bad/xf-report"
chmod +x "$tmp/bad/xf-report"
XF_BINDIR=$tmp/bad $ds $export_csv "$tmp/out" $day 2>"$tmp/e3"
st=$?
ok=0
[ $st -eq 2 ] && [ "$(wc -l <"$tmp/e3")" -eq 1 ] &&
    diff -r "$tmp/first" "$d" >/dev/null &&
    [ "$(ls -A "$tmp/out" | tr '\n' ' ')" = "$day history " ] && ok=1
cmp -s "$tmp/first-history.csv" "$h" || ok=0
verdict $ok "failed step: status $st, message '$(cat "$tmp/e3")', old files kept"

# Stopped between the two renames: the next run puts the old back
# first, then replaces it.
mv "$d" "$tmp/out/.$day.old"
XF_BINDIR=$bindir $ds $export_csv "$tmp/out" $day 2>"$tmp/e4"
st=$?
ok=0
[ $st -eq 0 ] && diff -r "$tmp/first" "$d" >/dev/null &&
    [ "$(ls -A "$tmp/out" | tr '\n' ' ')" = "$day history " ] && ok=1
verdict $ok "interrupted swap repaired (status $st)"

# Usage errors.
XF_BINDIR=$bindir $ds $export_csv 2>"$tmp/e5"
st1=$?
XF_BINDIR=$bindir $ds $export_csv "$tmp/out" 31/12/2024 2>"$tmp/e6"
st2=$?
XF_BINDIR=$bindir $ds "$tmp/none.csv" "$tmp/out" $day 2>"$tmp/e7"
st3=$?
ok=0
[ $st1 -eq 2 ] && [ $st2 -eq 2 ] && [ $st3 -eq 2 ] &&
    [ "$(cat "$tmp/e5" "$tmp/e6" "$tmp/e7" | wc -l)" -eq 3 ] && ok=1
verdict $ok "usage errors: $st1 $st2 $st3"

# Day-by-day exports: the sample split by registration day (python3 on
# the normalised dates), one run a day for the 30 days to 2024-12-31.
# The last day's report, made from its own export and the history, must
# equal the one made from the whole export, up to the status table
# (statuses in history are as of their own day); the trend line too.
"$bindir/xf-validate" -n "$export_csv" 2>/dev/null >"$tmp/norm.csv"
python3 - "$tmp/norm.csv" "$tmp/exp" <<'PY'
import csv, os, sys, datetime
src, out = sys.argv[1:]
os.makedirs(out, exist_ok=True)
rows = list(csv.reader(open(src, newline="", encoding="utf-8")))
head, body = rows[0], rows[1:]
di = head.index("date")
d = datetime.date(2024, 12, 2)
while d <= datetime.date(2024, 12, 31):
    iso = d.isoformat()
    with open(out + "/" + iso + ".csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(head)
        w.writerows(r for r in body if r[di][:10] == iso)
    d += datetime.timedelta(days=1)
PY
ok=1
for f in "$tmp"/exp/*.csv; do
	x=$(basename "$f" .csv)
	XF_BINDIR=$bindir $ds "$f" "$tmp/daily" "$x" 2>>"$tmp/e8" || ok=0
done
verdict $ok "30 daily runs: $(head -n 3 "$tmp/e8")"
cut_status() { sed '/^## 按办理状态/,$d' "$1"; }
cut_status "$d/report.md" >"$tmp/want.md"
cut_status "$tmp/daily/$day/report.md" >"$tmp/got.md"
ok=0
cmp -s "$tmp/want.md" "$tmp/got.md" && ok=1
verdict $ok "day-by-day report equals the whole export's
$(diff "$tmp/want.md" "$tmp/got.md" | head -10)"
ok=0
w=$(grep '<polyline' "$d/report.html")
g=$(grep '<polyline' "$tmp/daily/$day/report.html")
[ -n "$w" ] && [ "$w" = "$g" ] && ok=1
verdict $ok "trend line from the history equals the whole export's"
ok=0
[ "$(ls "$tmp/daily/history" | wc -l)" -eq 30 ] && ok=1
verdict $ok "30 history files: $(ls "$tmp/daily/history" | head -3)"

# Idempotent: the 30th run again gives the same bytes; an older day run
# again after later days exist gives what it gave then (later history
# is not read); a stale temporary history file is harmless.
cp -R "$tmp/daily" "$tmp/daily1"
: >"$tmp/daily/history/.2024-12-30.tmp"
XF_BINDIR=$bindir $ds "$tmp/exp/2024-12-30.csv" "$tmp/daily" 2024-12-30 &&
    XF_BINDIR=$bindir $ds "$tmp/exp/$day.csv" "$tmp/daily" $day
st=$?
ok=0
[ $st -eq 0 ] && diff -r "$tmp/daily1" "$tmp/daily" >/dev/null && ok=1
verdict $ok "older and last day run again: the same bytes (status $st)
$(diff -r "$tmp/daily1" "$tmp/daily" | head -5)"

# Interrupted: the history of 12-30 lost and the 12-31 run failing after
# writing its history; run 12-30 and 12-31 again the next day: the same
# result as runs that never failed.
rm -f "$tmp/daily/history/2024-12-30.csv"
rm -rf "$tmp/daily/$day"
XF_BINDIR=$tmp/bad $ds "$tmp/exp/$day.csv" "$tmp/daily" $day 2>/dev/null
XF_BINDIR=$bindir $ds "$tmp/exp/2024-12-30.csv" "$tmp/daily" 2024-12-30 &&
    XF_BINDIR=$bindir $ds "$tmp/exp/$day.csv" "$tmp/daily" $day
st=$?
ok=0
[ $st -eq 0 ] && diff -r "$tmp/daily1" "$tmp/daily" >/dev/null && ok=1
verdict $ok "interrupted days run again: the same bytes (status $st)
$(diff -r "$tmp/daily1" "$tmp/daily" | head -5)"

finish
