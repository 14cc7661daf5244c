#!/bin/sh
# ReDoS: hostile patterns in a rules file (xf-classify --rules) against
# long adversarial texts.  The PCRE2 match limit must stop each hostile
# match, fail that record with the rule's name in the reason, and let the
# command go on with the next record and the next file; status 1.
# tests/cli/xf-classify/008-catastrophic-pattern has one pattern and a
# short text; here there are six hostile patterns at once, texts of up
# to 1,000,000 bytes (under the default --max-field of 1M), and a pattern
# too large to compile (a rules-file error: status 2, file and line).
#
# Which record trips which pattern is known from the patterns, not from
# xf: a run of 'a' ending in '!' is exponential for (a+)+$ (nested
# quantifier, then an anchor that fails), and a run of "word " ending in
# '!' is for ^(\w+\s?)*$; texts without the letters a pattern needs can
# never exceed the limit on it.
#
# usage: tests/sh/redos.sh bindir
bindir=${1:?usage: redos.sh bindir}
name=redos
locale=C.UTF-8
. "$(dirname "$0")/lib.sh"
c=$bindir/xf-classify

cat > "$tmp/rules.csv" <<'R'
id,category,weight,pattern
nested,X,1,"(a+)+$"
alt,X,1,"(a|aa)+$"
same,X,1,"(a|a)*b"
star,X,1,"(.*a){12}"
words,X,1,"^(\w+\s?)*$"
xx,X,1,"(x+x+)+y"
wage,劳动纠纷,1,工资
R
# id: text.  1, 4, 6 are hostile; 2, 3, 5, 7 are not (7, "b", matches
# (a|a)*b with no repetition: category X).
python3 - "$tmp" <<'P'
import csv, sys
rows = [("1", "a" * 999_999 + "!"),
        ("2", "拖欠工资三个月"),
        ("3", "工资" * 166_000 + "。"),
        ("4", "a" * 30 + "!"),
        ("5", "没有相关字母的文本，" * 30_000),
        ("6", "word " * 199_999 + "!"),
        ("7", "b")]
for name, part in (("in1.csv", rows[:4]), ("in2.csv", rows[4:])):
    with open(sys.argv[1] + "/" + name, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "content"])
        w.writerows(part)
P

"$c" -r "$tmp/rules.csv" --rejects "$tmp/rej.csv" "$tmp/in1.csv" \
    "$tmp/in2.csv" > "$tmp/out.csv" 2> "$tmp/err"
st=$?
verdict $((st == 1)) "status $st, want 1: $(head -n 1 "$tmp/err")"

# ids and categories, and ids and reasons, read with Python's csv.
python3 - "$tmp" > "$tmp/got" <<'P'
import csv, sys
csv.field_size_limit(1 << 30)
d = sys.argv[1]
out = list(csv.DictReader(open(d + "/out.csv", newline="", encoding="utf-8")))
rej = list(csv.DictReader(open(d + "/rej.csv", newline="", encoding="utf-8")))
print("out", " ".join(r["id"] + "=" + r["category"] for r in out))
print("rej", " ".join(r["id"] for r in rej))
for r in rej:
    print("why", r["id"], r["_line"], r["_error"])
P
verdict $(grep -c -x 'out 2=劳动纠纷 3=劳动纠纷 5=其他 7=X' "$tmp/got") \
    "output: $(grep '^out' "$tmp/got")"
verdict $(grep -c -x 'rej 1 4 6' "$tmp/got") \
    "rejected: $(grep '^rej' "$tmp/got")"
verdict $(grep -c -x "why 1 2 rule 'nested': PCRE2 match limit exceeded" \
    "$tmp/got") "record 1's reason: $(grep '^why 1 ' "$tmp/got")"
verdict $(grep -c -x "why 4 5 rule 'nested': PCRE2 match limit exceeded" \
    "$tmp/got") "record 4's reason: $(grep '^why 4 ' "$tmp/got")"
verdict $(grep -c -x "why 6 3 rule 'words': PCRE2 match limit exceeded" \
    "$tmp/got") "record 6's reason (line 3 of in2.csv): $(grep '^why 6 ' "$tmp/got")"
n=$(grep -c 'match limit exceeded' "$tmp/err")
verdict $((n == 3)) "$n messages on stderr, want 3"
grep -q "in2.csv:3: rule 'words'" "$tmp/err"
verdict $((! $?)) "the message for the second file names it and its line"

# The default rules on the same texts: no limit reached, every record
# classified.
"$c" "$tmp/in1.csv" "$tmp/in2.csv" > "$tmp/out2.csv" 2> "$tmp/err"
st=$?
n=$(python3 -c 'import csv, sys
csv.field_size_limit(1 << 30)
print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))) - 1)' "$tmp/out2.csv")
verdict $((st == 0 && n == 7)) "default rules: status $st, $n records out of 7: $(head -n 1 "$tmp/err")"

# A pattern too large to compile is an error in the rules file.
printf 'id,category,weight,pattern\nbig,X,1,"((a{1000}){1000}){1000}"\n' \
    > "$tmp/big.csv"
"$c" -r "$tmp/big.csv" "$tmp/in2.csv" > "$tmp/out3.csv" 2> "$tmp/err"
st=$?
ok=0
[ $st -eq 2 ] && grep -q "big.csv:2: rule 'big': bad pattern: regular expression is too large" "$tmp/err" && ok=1
verdict $ok "a pattern too large: status $st: $(head -n 1 "$tmp/err")"

finish
