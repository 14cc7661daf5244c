#!/bin/sh
# xf-train and xf-classify --model together: a model trained on a tiny
# fixed set (testdata/train-small.csv) must put obvious cases in their
# class, and a damaged, truncated or foreign model file must be refused
# with a clear message and status 2.  The expected classes were decided
# by reading the texts (wages, noise, roads), not taken from the tools.
# usage: tests/sh/train.sh bindir
bindir=${1:?usage: train.sh bindir}
name=train
. "$(dirname "$0")/lib.sh"
tr=$bindir/xf-train
cl=$bindir/xf-classify

# check WHAT EXPECTED ACTUAL
check() {
	if [ "$2" = "$3" ]; then
		verdict 1 "$1"
	else
		verdict 0 "$1: expected [$2], got [$3]"
	fi
}

"$tr" -l label -m 1 -o "$tmp/m" testdata/train-small.csv 2>"$tmp/err"
check "train: status" "0 " "$? $(cat "$tmp/err")"

# Model mode (the default with --model): id,category,subcategory.
# Q4 is in traditional characters (工廠夜間噪音擾民): noise.
"$cl" -M "$tmp/m" testdata/train-query.csv > "$tmp/out" 2>"$tmp/err"
check "classify: status" "0" "$?"
got=$(cut -d, -f1,4,5 "$tmp/out" | tr '\n' ' ')
check "classify: classes" "id,category,subcategory Q1,劳动纠纷,欠薪 \
Q2,环境保护,噪音 Q3,交通运输,道路 Q4,环境保护,噪音 " "$got"

# Confidence is the model's probability: above a half on these, and
# evidence is empty.
ok=1
tail -n +2 "$tmp/out" | while IFS=, read -r id s c cat sub conf ev; do
	awk -v c="$conf" 'BEGIN { exit !(c > 0.5 && c <= 1) }' || exit 1
	[ -z "$ev" ] || exit 1
done || ok=0
verdict $ok "classify: confidence above 0.5, evidence empty"

# --explain lists three labels with probabilities, best first.
"$cl" -M "$tmp/m" -x testdata/train-query.csv | sed -n 2p |
    awk -F, '{ print $NF }' > "$tmp/x"
got=$(sed -E 's/:[0-9.]+//g' "$tmp/x" | cut -d';' -f1)
check "explain: best label first" "劳动纠纷/欠薪" "$got"
got=$(tr ';' '\n' < "$tmp/x" | wc -l | tr -d ' ')
check "explain: three labels" "3" "$got"

# Labels without a slash: subcategory empty.
sed 's,/[^,]*$,,' testdata/train-small.csv > "$tmp/flat.csv"
"$tr" -l label -m 1 -o "$tmp/flat" "$tmp/flat.csv"
"$cl" -M "$tmp/flat" testdata/train-query.csv | cut -d, -f4,5 |
    sed -n 2p > "$tmp/out"
check "flat labels: empty subcategory" "劳动纠纷," "$(cat "$tmp/out")"

# Rules mode ignores the model: same output as without --model.
"$cl" testdata/train-query.csv > "$tmp/a"
"$cl" -M "$tmp/m" --mode rules testdata/train-query.csv > "$tmp/b"
cmp -s "$tmp/a" "$tmp/b"
verdict $((1 - $?)) "mode rules: as without --model"

# Hybrid: the built-in rules decide where they give a category other
# than 其他 with confidence 0.5 or more (Q1 劳动纠纷 0.80, Q3 民生保障
# 0.67: their rows as in rules mode), the model the rest (Q2, Q4: rules
# say 其他), with empty evidence.
"$cl" -M "$tmp/m" -m hybrid testdata/train-query.csv > "$tmp/h"
got=$(cut -d, -f1,4,5 "$tmp/h" | tr '\n' ' ')
check "hybrid: classes" "id,category,subcategory Q1,劳动纠纷,拖欠工资 \
Q2,环境保护,噪音 Q3,民生保障,基本生活 Q4,环境保护,噪音 " "$got"
check "hybrid: Q1 as the rules" "$(sed -n 2p "$tmp/a")" "$(sed -n 2p "$tmp/h")"
check "hybrid: Q3 as the rules" "$(sed -n 4p "$tmp/a")" "$(sed -n 4p "$tmp/h")"
check "hybrid: model rows have no evidence" "" \
    "$(sed -n 3p "$tmp/h" | cut -d, -f7)"

# --mode without --model is a usage error.
"$cl" -m model testdata/train-query.csv > /dev/null 2>"$tmp/err"
st=$?
check "mode without model: message" "xf-classify: --mode model needs \
--model" "$(head -n 1 "$tmp/err")"
check "mode without model: status" "2" "$st"

# An unknown mode is a usage error.
"$cl" -M "$tmp/m" --mode=best testdata/train-query.csv > /dev/null 2>"$tmp/err"
st=$?
check "unknown mode: message" "xf-classify: --mode: expected model, rules \
or hybrid: 'best'" "$(head -n 1 "$tmp/err")"
check "unknown mode: status" "2" "$st"

# Refused model files: each with its message, status 2, no output.
refused() {
	"$cl" -M "$1" testdata/train-query.csv > "$tmp/o" 2>"$tmp/err"
	st=$?
	check "$3: status" "2" "$st"
	check "$3: message" "xf-classify: $1: $2" "$(cat "$tmp/err")"
	check "$3: no output" "" "$(cat "$tmp/o")"
}
size=$(wc -c < "$tmp/m")
head -c $((size - 1)) "$tmp/m" > "$tmp/trunc"
refused "$tmp/trunc" "model file truncated" "truncated by one byte"
head -c 100 "$tmp/m" > "$tmp/trunc100"
refused "$tmp/trunc100" "model file truncated" "truncated to 100 bytes"
# One byte in the middle changed (0x00 <-> 0x01, via od and printf).
cp "$tmp/m" "$tmp/dam"
off=$((size / 2))
b=$(od -An -tu1 -j $off -N 1 "$tmp/m" | tr -d ' ')
printf "$(printf '\\%03o' $(( b ^ 1 )))" |
    dd of="$tmp/dam" bs=1 seek=$off conv=notrunc 2>/dev/null
refused "$tmp/dam" "model file damaged (checksum mismatch)" "one byte changed"
refused testdata/train-small.csv "not an xf text model (bad magic)" \
    "a CSV file as model"
: > "$tmp/empty"
refused "$tmp/empty" "not an xf text model (bad magic)" "an empty file"
refused "$tmp/nosuch" "No such file or directory" "a missing file"

# -o is atomic: a failed training leaves no file behind.
printf 'text,label\nab,X\nac,X\n' > "$tmp/one.csv"
"$tr" -l label -T text -o "$tmp/never" "$tmp/one.csv" 2>"$tmp/err"
st=$?
check "one label: status" "2" "$st"
check "one label: message" "xf-train: need records of at least two labels (all are 'X')" \
    "$(cat "$tmp/err")"
[ ! -e "$tmp/never" ]
verdict $((1 - $?)) "one label: no model file written"

# Training is deterministic: the same input gives the same bytes.
"$tr" -l label -m 1 -o "$tmp/m2" testdata/train-small.csv
cmp -s "$tmp/m" "$tmp/m2"
verdict $((1 - $?)) "training twice gives the same file"

finish
