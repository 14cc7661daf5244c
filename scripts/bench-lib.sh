# shellcheck shell=bash disable=SC2154
# Shell helpers shared by scripts/bench and the per-tool benchmarks
# (sourced, not run).  The caller sets prog (for messages), tmp (a
# scratch directory) and, for bench_data, DATA and made.
#
#   die MSG                     message to standard error, exit 2
#   median                      median of the numbers on standard input
#   bench_once KEY MAXST CMD... one timed run of CMD, output to
#                               /dev/null; appends wall s, CPU s and
#                               peak RSS KiB to $tmp/KEY.wall .cpu .rss
#   bench_summary KEY           "median-wall median-cpu max-rss" of KEY
#   bench_ticks                 busy and total CPU ticks of the machine
#   bench_machine               the machine, as Markdown list items
#   bench_data FILE N [DAYS [ARGS...]]
#                               make (or reuse) FILE by gen-petitions
#                               --rows N --seed 1, stamped
#   bench_cut SRC DST M         the first M records of SRC, whole
#   bench_rollup_input RAW FILE FLAT
#                               RAW normalised by xf-validate, classified
#                               by xf-classify, dates cut to the day:
#                               FILE; FLAT the same unquoted for datamash
#   bench_gen_compensate N      N mixed xf-compensate cases (8 types)
#   bench_gen_severance N       N severance cases, the columns peers read
#   bench_gen_eligible H        the people of H households (2 or 3 each)

die() {
	echo "$prog: $*" >&2
	exit 2
}

median() {
	sort -g | awk '{ v[NR] = $1 }
	    END { if (NR % 2) print v[(NR + 1) / 2];
		  else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

bench_once() {
	local key=$1 maxst=$2 t0 t1 st
	shift 2
	t0=$EPOCHREALTIME
	/usr/bin/time -o "$tmp/time" -f '%M %U %S' "$@" \
	    > /dev/null 2> "$tmp/$key.err"
	st=$?
	t1=$EPOCHREALTIME
	if [ $st -gt "$maxst" ]; then
		tail -n 5 "$tmp/$key.err" >&2
		die "$*: exit status $st"
	fi
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }' \
	    >> "$tmp/$key.wall"
	tail -n 1 "$tmp/time" | awk '{ printf "%.2f\n", $2 + $3 }' \
	    >> "$tmp/$key.cpu"
	tail -n 1 "$tmp/time" | awk '{ print $1 }' >> "$tmp/$key.rss"
}

bench_summary() {
	echo "$(median < "$tmp/$1.wall") $(median < "$tmp/$1.cpu")" \
	    "$(sort -n "$tmp/$1.rss" | tail -n 1)"
}

bench_ticks() {
	awk '$1 == "cpu" { busy = $2 + $3 + $4 + $7 + $8 + $9;
	    print busy, busy + $5 + $6 }' /proc/stat
}

bench_machine() {
	local os
	os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
	[ -r /etc/debian_version ] && os="$os ($(cat /etc/debian_version))"
	echo "- CPU: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' |
	    head -n 1), $(nproc) cores"
	echo "- RAM: $(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' \
	    /proc/meminfo)"
	echo "- system: $os, $(uname -sr)"
	echo "- compiler: $(${CC:-cc} --version | head -n 1)" \
	    "(xf built with -O2)"
}

bench_data() {
	local f=$1 n=$2 days=${3:-365} want
	shift 2
	[ $# -gt 0 ] && shift
	want=$(cksum < scripts/gen-petitions)
	[ "$days $*" = "365 " ] || want="$want $days $*"
	if [ -f "$f" ] && [ -f "$f.stamp" ] &&
	    [ "$(cat "$f.stamp")" = "$want $(wc -c < "$f")" ]; then
		echo "$prog: reusing $f" >&2
		return 0
	fi
	mkdir -p "$(dirname "$f")" || return 1
	echo "$prog: generating $f ($n rows)" >&2
	rm -f "$f.stamp"
	scripts/gen-petitions --rows "$n" --seed 1 --days "$days" "$@" \
	    -o "$f" || return 1
	echo "$want $(wc -c < "$f")" > "$f.stamp"
	made="$made $f $f.stamp"
}

bench_cut() {
	# head may cut a quoted record: the CSV reader keeps whole records.
	head -n $(($3 + 1)) "$1" | build/bin/xf-validate -S > "$2" \
	    2> /dev/null
	[ -s "$2" ]
}

bench_rollup_input() {
	local raw=$1 file=$2 flat=$3
	build/bin/xf-validate --normalize "$raw" 2> /dev/null |
	    build/bin/xf-classify > "$file.classified" || return 1
	/usr/bin/python3 - "$file.classified" "$file" "$flat" <<'EOF' || return 1
import csv, sys
src, dst, flat = sys.argv[1:]
with open(src, newline='', encoding='utf-8') as f, \
        open(dst, 'w', newline='', encoding='utf-8') as o, \
        open(flat, 'w', newline='', encoding='utf-8') as u:
    r = csv.reader(f)
    w = csv.writer(o, lineterminator='\n')
    head = next(r)
    di, pi = head.index('date'), head.index('persons')
    w.writerow(head)
    u.write(','.join(head) + '\n')
    for row in r:
        row[di] = row[di][:10]
        w.writerow(row)
        if row[pi] == '':
            row[pi] = '1'
        u.write(','.join(x.translate({34: 32, 44: 32, 10: 32, 13: 32})
                         for x in row) + '\n')
EOF
	rm -f "$file.classified"
}

bench_gen_compensate() {
	awk -v n="$1" '
function set(name, v) { f[col[name]] = v }
BEGIN {
	srand(20261127)
	h = "case_id,type,date,avg_wage,service_months,notice_pay," \
	    "last_month_wage,avg_monthly_wage,min_wage," \
	    "injury_avg_monthly_wage,monthly_wage,months,amount_due,rate," \
	    "grade,contribution_wage,care_level,no_work,dependants,method," \
	    "area_mu,zone_price,land_share,area_m2,price_m2,move_fee_m2," \
	    "temp_months,temp_fee_m2_month,agreed_months"
	nc = split(h, names, ",")
	for (c = 1; c <= nc; c++)
		col[names[c]] = c
	print h
	split("severance unlawful no-contract arrears injury death land house",
	    types, " ")
	for (i = 0; i < n; i++) {
		for (c = 1; c <= nc; c++)
			f[c] = ""
		t = i % 8 + 1
		w = sprintf("%.2f", 1500 + rand() * 30000)
		set("case_id", "B" i)
		set("type", types[t])
		set("date", sprintf("%d-%02d-%02d", 2020 + int(rand() * 6),
		    1 + int(rand() * 12), 1 + int(rand() * 28)))
		if (t <= 2) {
			set("avg_wage", w)
			set("service_months", int(rand() * 300))
			set("avg_monthly_wage", 6000)
			set("min_wage", 1880)
			if (t == 1 && rand() < 0.3) {
				set("notice_pay", 1)
				set("last_month_wage", w)
			}
		} else if (t == 3) {
			set("monthly_wage", w)
			set("months", int(rand() * 14))
		} else if (t == 4) {
			set("amount_due", w)
			set("rate", sprintf("%.2f", 0.5 + rand() / 2))
		} else if (t == 5) {
			set("min_wage", 1880)
			set("injury_avg_monthly_wage", 5000)
			set("grade", 1 + int(rand() * 10))
			set("contribution_wage", w)
			set("care_level", int(rand() * 4))
		} else if (t == 6) {
			set("injury_avg_monthly_wage", 5000)
			set("contribution_wage", w)
			set("dependants", "配偶;子女;父母+孤寡")
		} else if (t == 7) {
			set("method", "zone")
			set("area_mu", sprintf("%.2f", 0.01 + rand() * 100))
			set("zone_price", 52000)
			set("land_share", 0.4)
		} else {
			set("method", "cash")
			set("area_m2", sprintf("%.1f", 20 + rand() * 150))
			set("price_m2", sprintf("%.2f", 3000 + rand() * 9000))
			set("move_fee_m2", 10)
			set("temp_months", int(rand() * 40))
			set("temp_fee_m2_month", 20)
			set("agreed_months", 24)
		}
		line = f[1]
		for (c = 2; c <= nc; c++)
			line = line "," f[c]
		print line
	}
}'
}

bench_gen_severance() {
	awk -v n="$1" 'BEGIN {
	srand(7)
	print "case_id,type,date,avg_wage,service_months,avg_monthly_wage,min_wage"
	for (i = 0; i < n; i++)
		printf "S%d,severance,2024-06-30,%.2f,%d,6000,1880\n", i,
		    1000 + rand() * 25000, int(rand() * 400)
}'
}

bench_gen_eligible() {
	# Every 2nd household has 3 members, the others 2.
	awk -v n="$1" '
BEGIN {
	srand(20261127)
	print "household,name,hukou,age,income,income_excluded," \
	    "member_status,disability,supporter,emergency_cost," \
	    "medical_cost,assets,housing_area_m2,assets_limit_months," \
	    "temp_aid_months,medical_aid_cap,gongzufang_income_limit," \
	    "gongzufang_area_limit"
	for (h = 0; h < n; h++) {
		m = h % 2 == 0 ? 3 : 2
		hk = h % 5 == 0 ? "农村" : "城镇"
		assets = sprintf("%.2f", rand() * 40000)
		for (k = 0; k < m; k++) {
			printf "H%07d,P%d,%s,%d,%.2f,%s,%s,%s,%s,%s,%.2f," \
			    "%s,%s," \
			    "24,3,5000,1500,15\n", h, k, hk,
			    int(rand() * 90), rand() < 0.5 ? 0 : rand() * 2000,
			    rand() < 0.1 ? "150" : "",
			    rand() < 0.02 ? "服刑" : "",
			    rand() < 0.05 ? "肢体一级" : "",
			    rand() < 0.3 ? "无" : "有",
			    rand() < 0.05 ? "3000" : "",
			    rand() * 8000, k == 0 ? assets : "",
			    k == 0 ? sprintf("%d", int(rand() * 120)) : ""
		}
	}
}'
}
