#!/bin/sh
# xf-rollup --partial and --merge must give, byte for byte, what one run
# over all the input gives: 3,000 generated and classified petitions
# (mixed date forms, quoted line breaks) with an amount column are split
# at random record boundaries into three parts and into two, each part
# is rolled up with --partial, the partials are merged (as files in
# several orders, concatenated on standard input, sorted, and in two
# steps through a merged partial), and the result is compared with cmp
# against the single run, for several sets of options.
#
# usage: tests/sh/rollup-merge.sh bindir
# Prints "rollup-merge: N passed, N failed" last.
bindir=${1:?usage: rollup-merge.sh bindir}
name=rollup-merge
. "$(dirname "$0")/lib.sh"
r=$bindir/xf-rollup

if ! scripts/gen-petitions --rows 3000 --seed 11 --start 2023-11-01 \
    --days 500 | "$bindir/xf-classify" > "$tmp/classified.csv" \
    2> "$tmp/err"; then
	echo "FAIL $name: could not make the input: $(head -n 3 "$tmp/err")"
	echo "$name: 0 passed, 1 failed"
	exit 1
fi

# Add an amount (yuan, from the text's length) and split the records at
# random into in.csv (all), a1..a3 (three parts) and b1, b2 (two parts),
# each with the header.  random.Random(seed) makes the split the same on
# every run.
python3 - "$tmp" <<'EOF' || { echo "FAIL $name: split failed"; exit 1; }
import csv, random, sys
d = sys.argv[1]
rows = list(csv.reader(open(d + '/classified.csv', newline='',
                            encoding='utf-8')))
head, body = rows[0] + ['amount'], rows[1:]
for i, row in enumerate(body):
    row.append('%d.%02d' % (len(row[-1]) * 3, i % 100))
rnd = random.Random(20240506)
def write(path, part):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(head)
        w.writerows(part)
write(d + '/in.csv', body)
for k, n in (('a', 3), ('b', 2)):
    parts = [[] for _ in range(n)]
    for row in body:
        parts[rnd.randrange(n)].append(row)
    for j, part in enumerate(parts):
        write('%s/%s%d.csv' % (d, k, j + 1), part)
EOF

# check LABEL OPTIONS...: single run against the merges.
check() {
	label=$1
	shift
	# The options that shape the groups go to --partial, the others
	# to --merge.
	popt=
	mopt=
	while [ $# -gt 0 ]; do
		case $1 in
		-b|-p|-s)	popt="$popt $1 $2"; shift 2 ;;
		-c|-t)		mopt="$mopt $1 $2"; shift 2 ;;
		-T)		mopt="$mopt $1"; shift ;;
		esac
	done
	# shellcheck disable=SC2086
	"$r" $popt $mopt "$tmp/in.csv" > "$tmp/one.csv" 2> "$tmp/err"
	st=$?
	ok=0
	[ $st -eq 0 ] && [ "$(wc -l < "$tmp/one.csv")" -gt 1 ] && ok=1
	verdict $ok "$label: single run: status $st $(head -n 1 "$tmp/err")"
	for p in a1 a2 a3 b1 b2; do
		# shellcheck disable=SC2086
		"$r" -P $popt "$tmp/$p.csv" > "$tmp/$p.p" 2>> "$tmp/err"
	done

	# shellcheck disable=SC2086
	"$r" -m $mopt "$tmp/a1.p" "$tmp/a2.p" "$tmp/a3.p" > "$tmp/m.csv"
	cmp -s "$tmp/one.csv" "$tmp/m.csv"
	verdict $((1 - $?)) "$label: three partials merged differ"

	# shellcheck disable=SC2086
	"$r" -m $mopt "$tmp/a3.p" "$tmp/a1.p" "$tmp/a2.p" > "$tmp/m.csv"
	cmp -s "$tmp/one.csv" "$tmp/m.csv"
	verdict $((1 - $?)) "$label: three partials in another order differ"

	# shellcheck disable=SC2086
	"$r" -m $mopt "$tmp/b2.p" "$tmp/b1.p" > "$tmp/m.csv"
	cmp -s "$tmp/one.csv" "$tmp/m.csv"
	verdict $((1 - $?)) "$label: two partials merged differ"

	# shellcheck disable=SC2086
	cat "$tmp/a2.p" "$tmp/a1.p" "$tmp/a3.p" | "$r" -m $mopt \
	    > "$tmp/m.csv"
	cmp -s "$tmp/one.csv" "$tmp/m.csv"
	verdict $((1 - $?)) "$label: concatenated partials differ"

	# As a Hadoop Streaming reducer sees them: all lines sorted.
	# shellcheck disable=SC2086
	cat "$tmp/a1.p" "$tmp/a2.p" "$tmp/a3.p" | sort | "$r" -m $mopt \
	    > "$tmp/m.csv"
	cmp -s "$tmp/one.csv" "$tmp/m.csv"
	verdict $((1 - $?)) "$label: sorted partials differ"

	# Two steps: a1 + a2 into a partial, then with a3.
	"$r" -m -P "$tmp/a1.p" "$tmp/a2.p" > "$tmp/a12.p"
	# shellcheck disable=SC2086
	"$r" -m $mopt "$tmp/a12.p" "$tmp/a3.p" > "$tmp/m.csv"
	cmp -s "$tmp/one.csv" "$tmp/m.csv"
	verdict $((1 - $?)) "$label: merged in two steps differ"

	# The partial of everything equals the merged partials.
	# shellcheck disable=SC2086
	"$r" -P $popt "$tmp/in.csv" > "$tmp/all.p"
	"$r" -m -P "$tmp/b1.p" "$tmp/b2.p" > "$tmp/m.p"
	cmp -s "$tmp/all.p" "$tmp/m.p"
	verdict $((1 - $?)) "$label: merged partial differs from the whole one"
}

check "category,district by day, prev, top 5, totals, amount" \
    -b category,district -p day -c prev -t 5 -T -s amount
check "subcategory by ISO week, year on year, totals" \
    -b subcategory -p week -c yoy -T
check "channel by month, prev, top 2" -b channel -p month -c prev -t 2
check "by quarter, no groups, totals" -p quarter -c yoy -T -s amount
check "district, channel, no periods" -b district,channel -T
check "no options" -s amount

finish
