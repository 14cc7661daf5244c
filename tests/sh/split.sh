#!/bin/sh
# xf-split against an independent oracle (Python's csv module and a
# Python reimplementation of xf_hash64) on the 2,000-record sample, which
# has quoted line breaks: for -n, --rows, --bytes and --by, the printed
# names are the parts made, in order; every part starts with the header;
# the parts' records, in order (for --by: as a multiset), are the input's
# records; -n counts differ by at most one, larger first; --bytes parts
# are within the limit and could not take the next record; --by puts
# each record in part hash(key) mod N + 1; stdin, a BOM copy and the
# GB18030 copy of the sample give the same parts as the file; no
# temporary file is left behind.
#
# usage: tests/sh/split.sh bindir
# Prints "split: N passed, N failed" last.
bindir=${1:?usage: split.sh bindir}
name=split
. "$(dirname "$0")/lib.sh"
s=$bindir/xf-split
sample=testdata/petitions-sample.csv

# oracle MODE ARG DIR: check the parts in DIR (names listed in DIR/names).
oracle() {
	python3 - "$sample" "$1" "$2" "$3" <<'EOF'
import csv, io, os, sys
src, mode, arg, d = sys.argv[1:5]
M = (1 << 64) - 1
def mix(x):
    x ^= x >> 30; x = (x * 0xbf58476d1ce4e5b9) & M
    x ^= x >> 27; x = (x * 0x94d049bb133111eb) & M
    return x ^ (x >> 31)
def h64(b):
    G = 0x9e3779b97f4a7c15
    h = (len(b) * G) & M
    while len(b) >= 8:
        h = (mix(h ^ int.from_bytes(b[:8], 'little')) + G) & M
        b = b[8:]
    w = int.from_bytes((b + bytes(8))[:8], 'little')
    return mix(h ^ w ^ ((len(b) << 56) & M))
def read(path):
    return list(csv.reader(open(path, newline='', encoding='utf-8')))
want = read(src)
head, body = want[0], want[1:]
names = open(d + '/names').read().split('\n')[:-1]
made = sorted(os.path.join(d, f) for f in os.listdir(d)
              if f.startswith('p-'))
errs = []
if names != made:
    errs.append('printed names %r are not the parts made %r' % (names, made))
parts = [read(n) for n in names]
for n, p in zip(names, parts):
    if not p or p[0] != head:
        errs.append('%s does not start with the header' % n)
got = [r for p in parts for r in p[1:]]
if mode == 'by':
    if sorted(got) != sorted(body):
        errs.append('records differ from the input (as a multiset)')
    col = head.index('id_number')
    for i, p in enumerate(parts):
        for r in p[1:]:
            if h64(r[col].encode()) % int(arg) != i:
                errs.append('%s in part %d' % (r[0], i + 1)); break
    if len(parts) != int(arg):
        errs.append('%d parts, not %s' % (len(parts), arg))
elif got != body:
    errs.append('records differ from the input')
counts = [len(p) - 1 for p in parts]
if mode == 'n':
    q, r = divmod(len(body), int(arg))
    if counts != [q + 1] * r + [q] * (int(arg) - r):
        errs.append('counts %r' % counts)
if mode == 'rows':
    k = int(arg)
    if any(c != k for c in counts[:-1]) or not 0 < counts[-1] <= k:
        errs.append('counts %r' % counts)
if mode == 'bytes':
    lim = int(arg)
    def size(rows):
        f = io.StringIO()
        csv.writer(f, lineterminator='\n').writerows(rows)
        return len(f.getvalue().encode())
    for i, n in enumerate(names):
        sz = os.path.getsize(n)
        if sz != size(parts[i]):
            errs.append('%s is not canonical CSV' % n)
        if sz > lim and counts[i] > 1:
            errs.append('%s has %d bytes' % (n, sz))
        if i + 1 < len(parts) and sz + size(parts[i + 1][1:2]) <= lim:
            errs.append('%s could have taken the next record' % n)
for e in errs[:5]:
    print(e)
sys.exit(1 if errs else 0)
EOF
}

# run LABEL MODE ARG OPTIONS...: split the sample, check with the oracle.
run() {
	label=$1 mode=$2 arg=$3
	shift 3
	rm -rf "$tmp/d"
	mkdir "$tmp/d"
	if ! "$s" "$@" -p "$tmp/d/p-" "$sample" > "$tmp/d/names" \
	    2> "$tmp/err"; then
		verdict 0 "$label: exit $?: $(head -n 3 "$tmp/err")"
		return
	fi
	if out=$(oracle "$mode" "$arg" "$tmp/d" 2>&1); then
		verdict 1 "$label"
	else
		verdict 0 "$label: $out"
	fi
	if [ -n "$(find "$tmp/d" -name '*.tmp*' -o -name '.*' -type f)" ]
	then
		verdict 0 "$label: temporary files left"
	fi
}

run "-n 1" n 1 -n 1
run "-n 3" n 3 -n 3
run "-n 7" n 7 -n 7
run "-n 2001 (more parts than records)" n 2001 -n 2001
run "--rows 1" rows 1 --rows 1
run "--rows 333" rows 333 --rows 333
run "--rows 5000" rows 5000 --rows 5000
run "--bytes 64K" bytes 65536 --bytes 64K
run "--bytes 1000" bytes 1000 --bytes 1000
run "--bytes 100 (records over the limit)" bytes 100 --bytes 100
run "--by id_number -n 4" by 4 -n 4 --by id_number
run "--by id_number -n 13" by 13 -n 13 --by id_number

# The same parts from stdin, a BOM copy and the GB18030 copy.
for opt in "-n 3" "--rows 700" "--bytes 100K" "-n 5 --by id_number"; do
	rm -rf "$tmp/a" "$tmp/b" "$tmp/c" "$tmp/g"
	mkdir "$tmp/a" "$tmp/b" "$tmp/c" "$tmp/g"
	# shellcheck disable=SC2086
	"$s" $opt -p "$tmp/a/p-" "$sample" > /dev/null 2>&1
	# shellcheck disable=SC2086
	cat "$sample" | "$s" $opt -p "$tmp/b/p-" > /dev/null 2>&1
	# shellcheck disable=SC2086
	"$s" $opt -p "$tmp/c/p-" testdata/petitions-sample-bom.csv \
	    > /dev/null 2>&1
	# shellcheck disable=SC2086
	"$s" $opt -p "$tmp/g/p-" testdata/petitions-sample-gb18030.csv \
	    > /dev/null 2> "$tmp/g.err"
	ok=1
	for d in b c g; do
		diff -r "$tmp/a" "$tmp/$d" > /dev/null || ok=0
	done
	[ -n "$(ls "$tmp/a")" ] || ok=0
	verdict $ok "$opt: stdin, BOM or GB18030 input gives other parts"
done

# A closed pipe on the names ends the split quietly.
rm -rf "$tmp/d"
mkdir "$tmp/d"
"$s" --rows 10 -p "$tmp/d/p-" "$sample" 2> "$tmp/err" | head -n 1 \
    > /dev/null
ok=1
[ -s "$tmp/err" ] && ok=0
verdict $ok "head on the names: $(head -n 2 "$tmp/err")"

finish
