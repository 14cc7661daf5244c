#!/bin/sh
# xf-rollup's cases, persons and sums must equal Miller's on the same
# input: 5,000 generated petitions (scripts/gen-petitions --rows 5000
# --seed 7, dates made ISO by xf-validate --normalize, classified by
# xf-classify), with an amount column made by Miller, grouped in several
# ways.  Miller counts with count-distinct and stats1 -a count,sum; an
# empty persons value is made 1 first, as xf-rollup counts it.  Both
# results are cut to the same columns, sorted and compared with diff.
#
# usage: tests/sh/rollup-vs-miller.sh bindir
# Prints "rollup-vs-miller: N passed, N failed" last; without mlr it
# says why it skipped and counts nothing.
bindir=${1:?usage: rollup-vs-miller.sh bindir}
name=rollup-vs-miller
. "$(dirname "$0")/lib.sh"
if ! command -v mlr > /dev/null 2>&1; then
	echo "$name: skipped: mlr not installed"
	finish
fi
r=$bindir/xf-rollup

# The input: ISO dates, a category, an amount in yuan with two decimals
# (so that Miller's floating-point sum, printed to the fen, is exact).
if ! scripts/gen-petitions --rows 5000 --seed 7 |
    "$bindir/xf-validate" --normalize 2> "$tmp/err" |
    "$bindir/xf-classify" > "$tmp/classified.csv" 2>> "$tmp/err"; then
	echo "FAIL $name: could not make the input: $(head -n 3 "$tmp/err")"
	echo "$name: 0 passed, 1 failed"
	exit 1
fi
mlr --icsv --ocsv put '
	$amount = fmtnum(strlen($content) * 1.25 + strlen($name), "%.2f");
	is_empty($persons) { $persons = 1 }
	$day = substr0($date, 0, 9);
	$month = substr0($date, 0, 6);
	$year = substr0($date, 0, 3);
	$quarter = $year . "-Q" . {"01": 1, "02": 1, "03": 1, "04": 2,
	    "05": 2, "06": 2, "07": 3, "08": 3, "09": 3, "10": 4, "11": 4,
	    "12": 4}[substr0($date, 5, 6)]' \
    "$tmp/classified.csv" > "$tmp/in.csv"
records=$(mlr --icsv --onidx count "$tmp/in.csv")
ok=0
[ "$records" = 5000 ] && ok=1
verdict $ok "the input has $records records, not 5000"

# ours NAME FIELDS ARGS...: xf-rollup ARGS on the input, cut to FIELDS
# (comma-separated, in that order), sorted, into $tmp/NAME.ours.
ours() {
	n=$1
	f=$2
	shift 2
	"$r" "$@" "$tmp/in.csv" > "$tmp/$n.out" 2> "$tmp/$n.err"
	st=$?
	[ $st -eq 0 ] || echo "FAIL $name: $n: xf-rollup $*: status $st:" \
	    "$(head -n 1 "$tmp/$n.err")"
	mlr --icsv --ocsv --headerless-csv-output cut -o -f "$f" \
	    "$tmp/$n.out" | sort > "$tmp/$n.ours"
}

# same NAME: compare $tmp/NAME.ours with $tmp/NAME.mlr (both sorted).
same() {
	sort "$tmp/$1.mlr" > "$tmp/$1.mlrs"
	ok=0
	if [ -s "$tmp/$1.ours" ] && cmp -s "$tmp/$1.ours" "$tmp/$1.mlrs"; then
		ok=1
	else
		diff "$tmp/$1.mlrs" "$tmp/$1.ours" | head -n 6 |
		    sed 's/^/	/'
	fi
	verdict $ok "$1: xf-rollup and Miller differ (< Miller, > xf-rollup)"
}

# 1. Cases per district and channel: count-distinct.
ours district-channel district,channel,cases -b district,channel
mlr --icsv --ocsv --headerless-csv-output count-distinct -f district,channel \
    "$tmp/in.csv" > "$tmp/district-channel.mlr"
same district-channel

# 2. Cases and persons per category: stats1 count,sum.
ours category category,cases,persons -b category
mlr --icsv --ocsv --headerless-csv-output stats1 -a count,sum -f persons \
    -g category "$tmp/in.csv" > "$tmp/category.mlr"
same category

# 3. Per category and district, by month.
ours month period,category,district,cases,persons \
    -b category,district -p month
mlr --icsv --ocsv --headerless-csv-output stats1 -a count,sum -f persons \
    -g month,category,district "$tmp/in.csv" > "$tmp/month.mlr"
same month

# 4. Per day and channel.
ours day period,channel,cases,persons -b channel -p day
mlr --icsv --ocsv --headerless-csv-output stats1 -a count,sum -f persons \
    -g day,channel "$tmp/in.csv" > "$tmp/day.mlr"
same day

# 5. Per quarter and subcategory, with the amount summed to the fen.
ours quarter period,subcategory,cases,persons,amount_sum \
    -b subcategory -p quarter -s amount
mlr --icsv --ocsv --headerless-csv-output stats1 -a count,sum \
    -f persons,amount -g quarter,subcategory then \
    put '$amount_sum = fmtnum($amount_sum, "%.2f")' then \
    cut -o -f quarter,subcategory,persons_count,persons_sum,amount_sum \
    "$tmp/in.csv" > "$tmp/quarter.mlr"
same quarter

# 6. Per year, no group columns: one row a year.
ours year period,cases,persons -p year
mlr --icsv --ocsv --headerless-csv-output stats1 -a count,sum -f persons \
    -g year "$tmp/in.csv" > "$tmp/year.mlr"
same year

# 7. Everything in one group, with the amount.
ours all cases,persons,amount_sum -s amount
mlr --icsv --ocsv --headerless-csv-output stats1 -a count,sum \
    -f persons,amount then \
    put '$amount_sum = fmtnum($amount_sum, "%.2f")' then \
    cut -o -f persons_count,persons_sum,amount_sum \
    "$tmp/in.csv" > "$tmp/all.mlr"
same all

finish
