#!/bin/sh
# xf-repeat checks that the golden-file runner cannot express alone.
#
# usage: sh tests/sh/repeat.sh [-u] bindir
#
#   - the golden cases of tests/cli/xf-repeat that need a key file: their
#     arguments are in keyed-args (not args, so scripts/run-cli-tests
#     skips them), with $KEY standing for a copy of testdata/repeat-test.key
#     made private here (git keeps no 0600 mode, and xf-repeat refuses a
#     key file others may read); -u rewrites their expected files;
#   - a key file others may read is refused;
#   - xf-repeat against an independent model (tests/sh/repeat-oracle.py)
#     on the sample, the hand-made pairs and the identity file;
#   - on the sample, --any-topic finds exactly the repeats
#     scripts/gen-petitions planted (scripts/repeat-truth), and the
#     default threshold flags none that it did not plant;
#   - the hand-made pairs at the default threshold: 20 of 20 found, the
#     2 formula traps flagged (see xf-repeat(1));
#   - --unsorted on the shuffled sample gives each record what the sorted
#     run gives it;
#   - without -k, a key made for the run: repeats unchanged, person keys
#     not, nothing left in TMPDIR;
#   - data pseudonymised by xf-mask with the same key gives the same
#     person keys and the same repeats (when xf-mask is built).
# Prints "repeat: N passed, N failed" last.
update=0
if [ "$1" = -u ]; then
	update=1
	shift
fi
bindir=${1:?usage: repeat.sh [-u] bindir}
name=repeat
. "$(dirname "$0")/lib.sh"
bin=$bindir/xf-repeat
oracle="python3 tests/sh/repeat-oracle.py"
sample=testdata/petitions-sample.csv

# The columns the model writes, from xf-repeat's output (with -x).
cols() {
	python3 -c '
import csv, sys
w = csv.writer(sys.stdout, lineterminator="\n")
k = ("id", "person_key", "repeat_of", "repeat_n", "collective", "key_basis",
     "similarity", "similar_to")
w.writerow(k)
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")):
    w.writerow([r[c] for c in k])' "$1"
}

key=$tmp/key
cp testdata/repeat-test.key "$key"
chmod 600 "$key"

# 1. Keyed golden cases.
mkdir -p "$tmp/cases/xf-repeat"
for d in tests/cli/xf-repeat/*/; do
	[ -f "$d/keyed-args" ] || continue
	n=$(basename "$d")
	mkdir "$tmp/cases/xf-repeat/$n"
	for f in stdout stderr status files; do
		[ -f "$d/$f" ] && cp "$d/$f" "$tmp/cases/xf-repeat/$n/"
	done
	sed "s|\\\$KEY|$key|g" "$d/keyed-args" > "$tmp/cases/xf-repeat/$n/args"
done
if [ $update -eq 1 ]; then
	scripts/run-cli-tests -u "$bindir" "$tmp/cases/xf-repeat" > /dev/null
	for d in "$tmp"/cases/xf-repeat/*/; do
		n=$(basename "$d")
		for f in stdout stderr status; do
			if [ -f "$d/$f" ]; then
				cp "$d/$f" "tests/cli/xf-repeat/$n/$f"
			else
				rm -f "tests/cli/xf-repeat/$n/$f"
			fi
		done
	done
fi
scripts/run-cli-tests "$bindir" "$tmp/cases/xf-repeat" > "$tmp/cli" 2>&1
grep '^FAIL' -A 12 "$tmp/cli" | sed "s|$tmp/cases|tests/cli|g"
line=$(tail -n 1 "$tmp/cli")
p=$(echo "$line" | sed -E 's/.* ([0-9]+) passed.*/\1/')
f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
pass=$((pass + p))
fail=$((fail + f))

# 2. A key file others may read is refused, with status 2.
cp testdata/repeat-test.key "$tmp/open.key"
chmod 644 "$tmp/open.key"
"$bin" -k "$tmp/open.key" testdata/repeat-tokens.csv > "$tmp/out" \
    2> "$tmp/err"
st=$?
ok=0
[ $st -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q \
    "open.key: others may read or write the key file: chmod 600 it" \
    "$tmp/err" && ok=1
verdict $ok "key file readable by others: status $st, $(cat "$tmp/err")"

# 3. The model, on the sample with several settings, the pairs and the
# identity file.
for args in "" "-s 0.2" "-a" "-s 0" "-w 10" "-w 0"; do
	# shellcheck disable=SC2086
	"$bin" -k "$key" -x $args "$sample" > "$tmp/tool.csv"
	cols "$tmp/tool.csv" > "$tmp/tool"
	# shellcheck disable=SC2086
	$oracle -k "$key" $args "$sample" > "$tmp/model"
	ok=0
	cmp -s "$tmp/tool" "$tmp/model" && ok=1
	verdict $ok "sample $args: xf-repeat and the model differ:
$(diff "$tmp/model" "$tmp/tool" | head -n 6)"
done
for f in testdata/repeat-pairs.csv testdata/repeat-people.csv \
    testdata/repeat-tokens.csv; do
	"$bin" -k "$key" -x "$f" > "$tmp/tool.csv"
	cols "$tmp/tool.csv" > "$tmp/tool"
	$oracle -k "$key" "$f" > "$tmp/model"
	ok=0
	cmp -s "$tmp/tool" "$tmp/model" && ok=1
	verdict $ok "$f: xf-repeat and the model differ:
$(diff "$tmp/model" "$tmp/tool" | head -n 6)"
done

# 4. The planted repeats of the sample.
scripts/repeat-truth --rows 2000 --seed 1 --start 2024-01-01 --days 366 \
    --check "$sample" -o "$tmp/truth.csv"
ok=0
[ $? -eq 0 ] && ok=1
verdict $ok "scripts/repeat-truth does not describe $sample"
"$bin" -k "$key" -a "$sample" > "$tmp/any.csv"
"$bin" -k "$key" "$sample" > "$tmp/default.csv"
python3 - "$tmp/truth.csv" "$tmp/any.csv" "$tmp/default.csv" \
    > "$tmp/truthcheck" <<'EOF'
import csv, sys
truth = {r["id"]: r for r in csv.DictReader(open(sys.argv[1]))}
anyt = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
dflt = list(csv.DictReader(open(sys.argv[3], encoding="utf-8")))
bad = [r["id"] for r in anyt
       if (r["repeat_of"], r["repeat_n"]) !=
       (truth[r["id"]]["true_repeat_of"], truth[r["id"]]["true_repeat_n"])]
print("any-topic differences: %d %s" % (len(bad), " ".join(bad[:5])))
planted = sum(1 for t in truth.values() if t["true_repeat_of"])
print("planted: %d" % planted)
flagged = [r for r in dflt if r["repeat_n"] != "0"]
false = [r["id"] for r in flagged if not truth[r["id"]]["true_repeat_of"]]
print("default flagged: %d, not planted: %d" % (len(flagged), len(false)))
EOF
ok=0
grep -qx 'any-topic differences: 0 ' "$tmp/truthcheck" &&
    grep -qx 'planted: 152' "$tmp/truthcheck" &&
    grep -qx 'default flagged: 123, not planted: 0' "$tmp/truthcheck" && ok=1
verdict $ok "sample truth: $(cat "$tmp/truthcheck")"

# 5. The hand-made pairs at the default threshold.
scripts/repeat-eval -b "$bin" -s 0.09 --gold gold_repeat_of \
    testdata/repeat-pairs.csv > "$tmp/pairs" 2>&1
ok=0
grep -q '^| 0.09 | 22 | 20 | 2 | 0 |' "$tmp/pairs" && ok=1
verdict $ok "pairs at 0.09: $(tail -n 1 "$tmp/pairs")"

# 6. --unsorted: the sample shuffled, each record as in the sorted run.
python3 - "$sample" "$tmp/shuffled.csv" <<'EOF'
import csv, random, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
body = rows[1:]
random.Random(7).shuffle(body)
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(rows[0])
    w.writerows(body)
EOF
"$bin" -k "$key" -x -u "$tmp/shuffled.csv" > "$tmp/u.csv"
st=$?
"$bin" -k "$key" -x "$sample" > "$tmp/s.csv"
cols "$tmp/u.csv" | sort > "$tmp/u.sorted"
cols "$tmp/s.csv" | sort > "$tmp/s.sorted"
ok=0
[ $st -eq 0 ] && cmp -s "$tmp/u.sorted" "$tmp/s.sorted" && ok=1
verdict $ok "--unsorted on the shuffled sample differs (status $st)"
ok=0
python3 -c '
import csv, sys
a = [r[0] for r in csv.reader(open(sys.argv[1], encoding="utf-8"))]
b = [r[0] for r in csv.reader(open(sys.argv[2], encoding="utf-8"))]
sys.exit(a != b)' "$tmp/u.csv" "$tmp/shuffled.csv" && ok=1
verdict $ok "--unsorted does not keep the input order"

# 7. Without -k: a key for the run only.
mkdir "$tmp/tmpdir"
TMPDIR=$tmp/tmpdir "$bin" testdata/repeat-people.csv > "$tmp/r1.csv"
st1=$?
TMPDIR=$tmp/tmpdir "$bin" testdata/repeat-people.csv > "$tmp/r2.csv"
st2=$?
ok=0
if [ $st1 -eq 0 ] && [ $st2 -eq 0 ] && [ -z "$(ls -A "$tmp/tmpdir")" ] &&
    ! cmp -s "$tmp/r1.csv" "$tmp/r2.csv"; then
	cut -d, -f11- "$tmp/r1.csv" > "$tmp/r1.rep"
	cut -d, -f11- "$tmp/r2.csv" > "$tmp/r2.rep"
	cmp -s "$tmp/r1.rep" "$tmp/r2.rep" && ok=1
fi
verdict $ok "run key: statuses $st1 $st2, TMPDIR: $(ls -A "$tmp/tmpdir")"
TMPDIR=$tmp/no-such-dir "$bin" testdata/repeat-people.csv > "$tmp/out" \
    2> "$tmp/err"
st=$?
ok=0
[ $st -eq 2 ] && grep -q "cannot make a key for this run" "$tmp/err" && ok=1
verdict $ok "run key without a TMPDIR: status $st, $(cat "$tmp/err")"

# 8. Pseudonymised by xf-mask with the same key: the same keys and
# repeats.
if [ -x "$bindir/xf-mask" ]; then
	"$bindir/xf-mask" -k "$key" "$sample" > "$tmp/masked.csv"
	"$bin" -k "$key" "$tmp/masked.csv" > "$tmp/m.csv"
	"$bin" -k "$key" "$sample" > "$tmp/o.csv"
	ok=0
	python3 -c '
import csv, sys
a = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
b = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
k = ("id", "person_key", "repeat_of", "repeat_n", "collective")
sys.exit(len(a) != 2000 or [[r[c] for c in k] for r in a] !=
         [[r[c] for c in k] for r in b])' "$tmp/o.csv" "$tmp/m.csv" && ok=1
	verdict $ok "pseudonymised sample: keys or repeats differ"
fi

# persons as xf-validate takes it: a leading zero is refused there, so
# here too; 3 is counted.
printf 'id,date,persons,name,id_number,phone,subject,content\n1,2024-05-06,007,甲,,13800000000,工资,欠薪\n2,2024-05-06,3,乙,,13900000000,工资,欠薪\n' |
    "$bin" -k "$key" > "$tmp/pz.out" 2> "$tmp/pz.err"
st=$?
ok=0
[ $st -eq 1 ] && grep -q "<stdin>:2: persons is not a positive whole number: '007'" "$tmp/pz.err" &&
    [ "$(wc -l < "$tmp/pz.out")" -eq 2 ] && grep -q '^2,' "$tmp/pz.out" && ok=1
verdict $ok "persons '007': status $st, $(cat "$tmp/pz.err")"

finish
