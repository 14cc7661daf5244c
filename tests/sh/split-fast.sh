#!/bin/sh
# xf-split's fast path (a regular UTF-8 file, -n, --rows or --bytes)
# against its slow path (XF_SPLIT_SLOW=1), on generated inputs:
#  - clean inputs (quoted line breaks, doubled quotes, needless quotes,
#    empty fields, a last record without LF, one record, header only,
#    several inputs): the parts, read back with Python's csv module, hold
#    the slow path's records part by part, the same names are printed,
#    the status is the same, and --bytes parts are within the limit
#    counting their own bytes;
#  - inputs the fast path must leave to the slow path (empty, CRLF, a
#    lone CR, BOM, GB18030, invalid UTF-8, NUL, ragged rows, bad quoting,
#    a blank line, a field over --max-field, a header that differs) and
#    options that change the bytes (--crlf, --bom, --out-delimiter):
#    parts, names, messages, rejects and status byte for byte the slow
#    path's;
#  - the fast path is taken: a needless quote survives in its parts and
#    not in the slow path's;
#  - a FIFO named as the input is read once, by the slow path;
#  - the scan in stretches at once and the parts copied in threads
#    (XF_SPLIT_THREADS, up to 64 of them; cuts after LFs in quotes, in
#    the header, before a U+FFxx character) give byte for byte what one
#    thread gives, on every input above.
#
# usage: tests/sh/split-fast.sh bindir
# Prints "split-fast: N passed, N failed" last.
bindir=${1:?usage: split-fast.sh bindir}
name=split-fast
. "$(dirname "$0")/lib.sh"
unset XF_SPLIT_SLOW
s=$bindir/xf-split

# split DIR ENV OPTIONS... FILES: run in DIR (made afresh), keeping the
# names, stderr (with DIR's path made neutral) and status.
split() {
	d=$1 slow=$2
	shift 2
	rm -rf "$d"
	mkdir "$d"
	XF_SPLIT_SLOW=$slow XF_SPLIT_THREADS=${thr:-} "$s" "$@" -p "$d/p-" --rejects "$d/rej.csv" \
	    < "${stdin:-/dev/null}" > "$d/names" 2> "$d/err.raw"
	echo $? > "$d/status"
	sed "s|$d/||g" "$d/names" > "$d/names.n"
	sed "s|$d/||g" "$d/err.raw" > "$d/err"
	rm -f "$d/names" "$d/err.raw"
}

# same LABEL OPTIONS... FILES: fast and slow byte for byte the same.
same() {
	label=$1
	shift
	split "$tmp/f" "" "$@"
	split "$tmp/s" 1 "$@"
	if diff -r "$tmp/f" "$tmp/s" > "$tmp/diff" 2>&1; then
		verdict 1 "$label"
	else
		verdict 0 "$label: $(head -n 5 "$tmp/diff")"
	fi
}

# threads LABEL OPTIONS... FILES: the fast path in one stretch and in
# 2, 3, 7 and 64 at once, byte for byte the same.
threads() {
	label=$1
	shift
	thr=1 split "$tmp/f" "" "$@"
	for n in 2 3 7 64; do
		thr=$n split "$tmp/t" "" "$@"
		if diff -r "$tmp/f" "$tmp/t" > "$tmp/diff" 2>&1; then
			verdict 1 "$label, $n threads"
		else
			verdict 0 "$label, $n threads: $(head -n 5 "$tmp/diff")"
		fi
	done
}

# equiv LABEL LIMIT OPTIONS... FILES: the same records in the same parts;
# with --bytes, LIMIT is its value, negative if the input has needless
# quotes (the cuts may then differ), else 0.
equiv() {
	label=$1 lim=$2
	shift 2
	split "$tmp/f" "" "$@"
	split "$tmp/s" 1 "$@"
	if out=$(python3 - "$tmp/f" "$tmp/s" "$lim" <<'PY' 2>&1
import csv, io, os, sys
f, s, lim = sys.argv[1], sys.argv[2], int(sys.argv[3])
loose, lim = lim < 0, abs(lim)
def rd(p):
    return list(csv.reader(open(p, newline='', encoding='utf-8')))
def first_raw(p):
    # The bytes of the first record after the header, as in the file.
    lines = open(p, 'rb').read().split(b'\n')[1:]
    rdr = csv.reader(io.StringIO(b'\n'.join(lines).decode()))
    if next(rdr, None) is None:
        return 0
    return len(b'\n'.join(lines[:rdr.line_num])) + 1
errs = []
fnames = open(f + '/names.n').read().split()
snames = open(s + '/names.n').read().split()
for x in ('status', 'err'):
    if open(f + '/' + x).read() != open(s + '/' + x).read():
        errs.append(x + ' differ')
if not loose:
    if fnames != snames:
        errs.append('names differ')
    for n in snames:
        if rd(f + '/' + n) != rd(s + '/' + n):
            errs.append(n + ': other records')
    if sorted(os.listdir(f)) != sorted(os.listdir(s)):
        errs.append('other files')
if lim:
    # --bytes counts the bytes as copied: with needless quotes the cuts
    # may fall elsewhere than on the slow path, but the records are the
    # same, in order, each part within the limit (or one record), and no
    # part could have taken the next part's first record.
    got = [r for n in fnames for r in rd(f + '/' + n)[1:]]
    want = [r for n in snames for r in rd(s + '/' + n)[1:]]
    if got != want:
        errs.append('records differ')
    for i, n in enumerate(fnames):
        sz = os.path.getsize(f + '/' + n)
        if sz > lim and len(rd(f + '/' + n)) > 2:
            errs.append('%s: %d bytes' % (n, sz))
        if i + 1 < len(fnames) and \
                sz + first_raw(f + '/' + fnames[i + 1]) <= lim:
            errs.append('%s could have taken the next record' % n)
print('; '.join(errs))
sys.exit(1 if errs else 0)
PY
	); then
		verdict 1 "$label"
	else
		verdict 0 "$label: $out"
	fi
}

# Clean inputs, generated: NAME RECORDS SEED.  An odd seed puts needless
# quotes in (around empty fields too); an even one writes canonical CSV,
# where --bytes must cut where the slow path cuts.
gen() {
	python3 - "$1" "$2" "$3" <<'PY'
import random, sys
path, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
r = random.Random(seed)
words = ['工资', '拖欠', 'a', 'b c', '', '说"好"', '行\n二', ',', '""',
         '路灯', 'x' * 300, '延吉市', '"', '\n']
def field():
    v = ''.join(r.choice(words) for _ in range(r.randint(0, 4)))
    if any(c in v for c in ',"\n') or \
            (seed % 2 == 1 and (v == '' or r.random() < 0.2)):
        return '"' + v.replace('"', '""') + '"'
    return v
out = ['id,name,content\n']
for i in range(n):
    out.append(','.join(['S%d' % i, field(), field()]) + '\n')
text = ''.join(out)
if seed % 3 == 0:
    text = text[:-1]	# the last record without LF
open(path, 'w', encoding='utf-8', newline='').write(text)
PY
}

for seed in 1 2 3 4 5 6; do
	gen "$tmp/g$seed.csv" $((seed * 40)) $seed
	for opt in "-n 1" "-n 3" "-n 1000" "--rows 1" "--rows 50" \
	    "--rows 100000"; do
		# shellcheck disable=SC2086
		equiv "seed $seed $opt" 0 $opt "$tmp/g$seed.csv"
	done
	for lim in 200 1000 5000 1000000; do
		sign=
		[ $((seed % 2)) -eq 1 ] && sign=-
		equiv "seed $seed --bytes $lim" $sign$lim --bytes $lim \
		    "$tmp/g$seed.csv"
	done
done
gen "$tmp/one.csv" 1 1
gen "$tmp/zero.csv" 0 2
gen "$tmp/zerolf.csv" 0 3
for f in one zero zerolf; do
	for opt in "-n 3" "--rows 2" "--bytes 10"; do
		# shellcheck disable=SC2086
		equiv "$f $opt" 0 $opt "$tmp/$f.csv"
	done
done
# Several inputs: the first lacks its last LF, one has no records.
for opt in "-n 4" "--rows 7" "--bytes 300"; do
	lim=0
	[ "$opt" = "--bytes 300" ] && lim=-300
	# shellcheck disable=SC2086
	equiv "three inputs $opt" $lim $opt "$tmp/g3.csv" "$tmp/zero.csv" \
	    "$tmp/g2.csv"
done
# A larger input: cut points are found from marks (every 4096 records
# or 1 MiB).
gen "$tmp/big.csv" 30000 8
for opt in "-n 7" "--rows 4097"; do
	# shellcheck disable=SC2086
	equiv "30000 records $opt" 0 $opt "$tmp/big.csv"
done
for lim in 1048576 102400; do
	equiv "30000 records --bytes $lim" $lim --bytes $lim "$tmp/big.csv"
done

# The fast path is taken: a needless quote is kept.
printf 'a,b\n"1",2\n3,4\n' > "$tmp/needless.csv"
split "$tmp/f" "" -n 2 "$tmp/needless.csv"
split "$tmp/s" 1 -n 2 "$tmp/needless.csv"
ok=0
[ "$(cat "$tmp/f/p-0001.csv")" = "$(printf 'a,b\n"1",2')" ] &&
    [ "$(cat "$tmp/s/p-0001.csv")" = "$(printf 'a,b\n1,2')" ] && ok=1
verdict $ok "fast path not taken on a clean file"

# Inputs for the slow path.
printf 'a,b\n1,2\n' > "$tmp/ok.csv"
: > "$tmp/empty.csv"
printf 'a,b\r\n1,2\r\n3,4\r\n' > "$tmp/crlf.csv"
printf 'a,b\n1,"x\ry"\n3,4\n' > "$tmp/cr.csv"
printf '\357\273\277a,b\n1,2\n3,4\n' > "$tmp/bom.csv"
printf 'a,b\n1,\344\275\240\n3,\377\n' > "$tmp/badutf8.csv"
printf 'a,b\n1,\344\275\n' > "$tmp/cututf8.csv"
printf 'a,b\n1,2\0003\n3,4\n' > "$tmp/nul.csv"
printf 'a,b\n1,2,3\n4\n5,6\n' > "$tmp/ragged.csv"
printf 'a,b\n1,x"y\n"3"z,4\n5,6\n' > "$tmp/quotes.csv"
printf 'a,b\n1,"open\n' > "$tmp/unterminated.csv"
printf 'a,b\n1,2\n\n3,4\n' > "$tmp/blank.csv"
printf 'a,b\n1,2\n3,4\n\n' > "$tmp/blankend.csv"
printf 'a,c\n1,2\n' > "$tmp/otherhdr.csv"
printf 'a,b\n1,"%s,"\n3,4\n' "$(printf '%099d' 0)" > "$tmp/long.csv"
cp "$tmp/ok.csv" "$tmp/gb.csv"
printf 'a,b\n1,\262\342\312\324\n3,4\n' > "$tmp/gb.csv"
for f in empty crlf cr bom badutf8 cututf8 nul ragged quotes \
    unterminated blank blankend gb; do
	for opt in "-n 2" "--rows 1" "--bytes 10"; do
		# shellcheck disable=SC2086
		same "$f $opt" $opt "$tmp/$f.csv"
	done
done
same "header differs" -n 2 "$tmp/ok.csv" "$tmp/otherhdr.csv"
same "nasty second input" --rows 1 "$tmp/ok.csv" "$tmp/ragged.csv"
same "missing second input" -n 2 "$tmp/ok.csv" "$tmp/gone.csv"
# A field of 100 bytes, 102 with its quotes: the fast path counts 102.
same "--max-field 99" --max-field 99 -n 2 "$tmp/long.csv"
same "--max-field 100" --max-field 100 -n 2 "$tmp/long.csv"
same "--max-field 102" --max-field 102 -n 2 "$tmp/long.csv"
same "--crlf" --crlf -n 2 "$tmp/needless.csv"
same "--bom" --bom -n 2 "$tmp/needless.csv"
same "--out-delimiter" --out-delimiter ';' -n 2 "$tmp/needless.csv"
same "-d ; alone" -d ';' --rows 1 "$tmp/needless.csv"
same "--encoding gb18030" --encoding gb18030 -n 2 "$tmp/gb.csv"
stdin=$tmp/needless.csv
same "stdin" -n 2 -
stdin=

# A FIFO given by name is not opened to be looked at (that would take,
# then drop, its writer): the slow path reads it once, whole.
mkfifo "$tmp/fifo.csv"
printf 'a,b\n1,2\n3,4\n' > "$tmp/fifo.csv" &
rm -rf "$tmp/d"
mkdir "$tmp/d"
"$s" -n 2 -p "$tmp/d/p-" "$tmp/fifo.csv" > /dev/null 2> "$tmp/err"
st=$?
wait
ok=0
[ $st -eq 0 ] && [ "$(cat "$tmp/d/p-0001.csv")" = "$(printf 'a,b\n1,2')" ] &&
    [ "$(cat "$tmp/d/p-0002.csv")" = "$(printf 'a,b\n3,4')" ] && ok=1
verdict $ok "FIFO input: status $st: $(head -n 1 "$tmp/err")"

# Stretches scanned at once.  Most of these files are small enough that
# 64 stretches start after nearly every LF: inside quotes, inside the
# header, before a record or a quoted line that starts with U+FF01
# (bytes EF BC 81, which must not pass for a byte order mark).
for seed in 1 2 3 4 5 6; do
	for opt in "-n 3" "--rows 50" "--bytes 1000"; do
		# shellcheck disable=SC2086
		threads "seed $seed $opt" $opt "$tmp/g$seed.csv"
	done
done
threads "30000 records -n 7" -n 7 "$tmp/big.csv"
threads "three inputs -n 4" -n 4 "$tmp/g3.csv" "$tmp/zero.csv" "$tmp/g2.csv"
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
# A header longer than most stretches, then records.
h = ','.join(c * 150 for c in 'abc')
open(d + '/longhdr.csv', 'w', encoding='utf-8').write(
    h + '\n' + ''.join('%d,x,y\n' % i for i in range(5)))
# Many lines inside quotes, lines that start with U+FF01.
rows = ['id,content']
for i in range(40):
    rows.append('\uff01%d,"%s"' % (i, '\n'.join(
        '\uff01行%d' % j for j in range(i % 9 + 1))))
open(d + '/lines.csv', 'w', encoding='utf-8').write('\n'.join(rows) + '\n')
PY
for f in longhdr lines; do
	for opt in "-n 2" "--rows 3" "--bytes 100"; do
		# shellcheck disable=SC2086
		threads "$f $opt" $opt "$tmp/$f.csv"
		# shellcheck disable=SC2086
		thr=64 equiv "$f $opt, 64 threads against the slow path" 0 \
		    $opt "$tmp/$f.csv"
	done
done
for f in empty crlf cr bom badutf8 cututf8 nul ragged quotes \
    unterminated blank blankend gb long; do
	threads "$f -n 2" -n 2 "$tmp/$f.csv"
done

finish
