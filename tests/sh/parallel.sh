#!/bin/sh
# The scale-out recipes of xf-split(1), run for real on the 2,000-record
# sample (which has quoted line breaks):
#   - all cores: xf-split | parallel xf-classify, the outputs joined with
#     the header once, equal byte for byte to one xf-classify run, for
#     -n, --rows and --bytes; for --by, the same records (as a multiset,
#     each record's fields byte for byte), every id once;
#   - several machines: parallel --sshlogin to localhost, through a real
#     sshd started here on a spare port when /usr/sbin/sshd can run, else
#     through a local ssh stand-in given with --ssh (the script says
#     which), with the parts on a shared path and, when rsync is there,
#     sent with --transferfile and brought back with --return;
#   - Hadoop Streaming, played by split -l (mappers get lines), the
#     mapper script, sort (the shuffle) and the reducer script: equal to
#     one xf-classify | xf-rollup run, and shown to go wrong without
#     xf-validate --fold-newlines.
# Skips (with the reason) when GNU Parallel is not installed.
#
# usage: tests/sh/parallel.sh bindir
# Prints "parallel: N passed, N failed" last.
bindir=${1:?usage: parallel.sh bindir}
bindir=$(cd "$bindir" && pwd) || exit 2
name=parallel
. "$(dirname "$0")/lib.sh"
sshd_pid=
cleanup() {
	if [ -n "$sshd_pid" ]; then
		kill "$sshd_pid" 2>/dev/null
		wait "$sshd_pid" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
sample=$(pwd)/testdata/petitions-sample.csv
x=$bindir

if ! command -v parallel > /dev/null 2>&1; then
	echo "SKIP $name: GNU parallel is not installed" \
	    "(scripts/install-deps installs it)"
	finish
fi
# parallel keeps state in $HOME/.parallel: keep it in the scratch dir.
HOME=$tmp/home
export HOME
mkdir -p "$HOME"
par() {
	parallel --will-cite "$@"
}

if ! "$x/xf-classify" "$sample" > "$tmp/single.csv" 2> "$tmp/err"; then
	echo "FAIL $name: single run failed: $(head -n 3 "$tmp/err")"
	echo "$name: 0 passed, 1 failed"
	exit 1
fi

# join NAMESFILE: the .out of each part in the order of NAMESFILE, the
# header once.
join() {
	first=1
	while IFS= read -r p; do
		if [ $first -eq 1 ]; then
			cat "${p%.csv}.out"
			first=0
		else
			tail -n +2 "${p%.csv}.out"
		fi
	done < "$1"
}

# local LABEL OPTIONS...: split, classify the parts in parallel, join.
local_run() {
	label=$1
	shift
	rm -rf "$tmp/p"
	mkdir "$tmp/p"
	"$x/xf-split" "$@" -p "$tmp/p/part-" "$sample" |
	    tee "$tmp/p/names" |
	    par -j 2 "$x/xf-classify {} > {.}.out" 2> "$tmp/err"
	if [ "$(wc -l < "$tmp/p/names")" -lt 2 ]; then
		verdict 0 "$label: fewer than two parts"
		return
	fi
	join "$tmp/p/names" > "$tmp/joined.csv"
	cmp -s "$tmp/single.csv" "$tmp/joined.csv"
	ok=$((1 - $?))
	[ -s "$tmp/err" ] && ok=0
	verdict $ok "$label: parallel output differs from one run" \
	    "$(head -n 2 "$tmp/err")"
}

local_run "-n 2" -n 2
local_run "-n 5" -n 5
local_run "--rows 300" --rows 300
local_run "--bytes 200K" --bytes 200K

# sameset A B: the same records (fields compared byte for byte), ids once.
sameset() {
	python3 - "$1" "$2" <<'EOF'
import csv, sys
a, b = (list(csv.reader(open(f, newline='', encoding='utf-8')))
        for f in sys.argv[1:3])
ids = [r[0] for r in b[1:]]
ok = a[0] == b[0] and sorted(a[1:]) == sorted(b[1:]) and \
    len(ids) == len(set(ids))
sys.exit(0 if ok else 1)
EOF
}

rm -rf "$tmp/p"
mkdir "$tmp/p"
"$x/xf-split" -n 4 --by id_number -p "$tmp/p/part-" "$sample" |
    tee "$tmp/p/names" | par -j 2 "$x/xf-classify {} > {.}.out"
join "$tmp/p/names" > "$tmp/joined.csv"
sameset "$tmp/single.csv" "$tmp/joined.csv"
verdict $((1 - $?)) "--by id_number: records differ from one run"
# And each person in one part: every id_number in exactly one .out.
python3 - "$tmp/p" <<'EOF'
import csv, glob, sys
where = {}
for f in glob.glob(sys.argv[1] + '/*.out'):
    rows = list(csv.reader(open(f, newline='', encoding='utf-8')))
    c = rows[0].index('id_number')
    for r in rows[1:]:
        where.setdefault(r[c], set()).add(f)
sys.exit(0 if where and all(len(s) == 1 for s in where.values()) else 1)
EOF
verdict $((1 - $?)) "--by id_number: a person's records in two parts"

# Several machines: parallel --sshlogin to localhost.
mode=
port=$((20000 + $$ % 20000))
# XF_TEST_SSH=stand-in skips the real sshd.
if [ "${XF_TEST_SSH:-}" != stand-in ] && [ -x /usr/sbin/sshd ] &&
    command -v ssh > /dev/null 2>&1 &&
    command -v ssh-keygen > /dev/null 2>&1; then
	s=$tmp/ssh
	mkdir -p "$s"
	ssh-keygen -q -t ed25519 -N '' -f "$s/hostkey" &&
	    ssh-keygen -q -t ed25519 -N '' -f "$s/userkey" &&
	    cp "$s/userkey.pub" "$s/auth" && chmod 600 "$s/auth"
	[ "$(id -u)" -eq 0 ] && mkdir -p /run/sshd
	cat > "$s/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $s/hostkey
AuthorizedKeysFile $s/auth
PasswordAuthentication no
KbdInteractiveAuthentication no
StrictModes no
PidFile $s/pid
EOF
	cat > "$s/config" <<EOF
Host localhost
  Port $port
  IdentityFile $s/userkey
  IdentitiesOnly yes
  StrictHostKeyChecking no
  UserKnownHostsFile /dev/null
  LogLevel ERROR
  BatchMode yes
EOF
	# -D: in the foreground, our child, so that it is reaped.
	/usr/sbin/sshd -D -f "$s/sshd_config" -E "$s/log" 2>/dev/null &
	sshd_pid=$!
	i=0
	while [ ! -s "$s/pid" ] && [ $i -lt 50 ] &&
	    kill -0 "$sshd_pid" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	if [ -s "$s/pid" ]; then
		if ssh -F "$s/config" localhost true 2>/dev/null; then
			mode=sshd
			sshcmd="ssh -F $s/config"
		fi
	fi
fi
if [ -z "$mode" ]; then
	# The stand-in: drop ssh's options, the host and "--", and run
	# the words joined by spaces with sh, as sshd does with the
	# login shell.
	mode=stand-in
	cat > "$tmp/fakessh" <<'EOF'
#!/bin/sh
while [ $# -gt 0 ]; do
	case $1 in
	-[1246AaCfGgKkMNnqsTtVvXxYy]*) shift ;;
	-*) shift 2 ;;
	*) shift; break ;;
	esac
done
[ "${1:-}" = -- ] && shift
exec sh -c "$*"
EOF
	chmod +x "$tmp/fakessh"
	sshcmd=$tmp/fakessh
fi
echo "$name: --sshlogin through $mode ($sshcmd)"

# Shared path: absolute part names, nothing transferred.
rm -rf "$tmp/p"
mkdir "$tmp/p"
"$x/xf-split" -n 3 -p "$tmp/p/part-" "$sample" | tee "$tmp/p/names" |
    par --ssh "$sshcmd" -S 2/localhost \
    "$x/xf-classify {} > {.}.out" 2> "$tmp/err"
join "$tmp/p/names" > "$tmp/joined.csv"
cmp -s "$tmp/single.csv" "$tmp/joined.csv"
verdict $((1 - $?)) "--sshlogin ($mode), shared path: output differs" \
    "$(head -n 2 "$tmp/err")"

# Transferred: relative names, sent to a work dir, results returned,
# the remote copies cleaned up.
if command -v rsync > /dev/null 2>&1 && [ "$mode" = sshd ]; then
	rm -rf "$tmp/p" "$tmp/remote"
	mkdir "$tmp/p" "$tmp/remote"
	(cd "$tmp/p" && "$x/xf-split" --rows 600 -p part- "$sample" |
	    tee names | par --ssh "$sshcmd" -S 2/localhost \
	    --workdir "$tmp/remote" --trc {.}.out \
	    "$x/xf-classify {} > {.}.out") 2> "$tmp/err"
	(cd "$tmp/p" && join names) > "$tmp/joined.csv"
	ok=1
	cmp -s "$tmp/single.csv" "$tmp/joined.csv" || ok=0
	[ -d "$tmp/remote" ] && [ -n "$(ls -A "$tmp/remote")" ] && ok=0
	verdict $ok "--sshlogin ($mode), --trc: output differs or" \
	    "remote files left: $(head -n 2 "$tmp/err")"
else
	echo "$name: --transferfile not tried: needs rsync and a real sshd"
fi

# Hadoop Streaming, played locally.
h=$tmp/hadoop
mkdir -p "$h"
"$x/xf-validate" --fold-newlines "$sample" > "$h/folded.csv" 2>/dev/null
head -n 1 "$h/folded.csv" > "$h/header.csv"
"$x/xf-classify" "$h/header.csv" | "$x/xf-rollup" --partial -b category \
    > "$h/pheader.csv"
cat > "$h/mapper.sh" <<EOF
{ cat "$h/header.csv"; grep -vxF -f "$h/header.csv"; } |
    "$x/xf-classify" | "$x/xf-rollup" --partial -b category
EOF
cat > "$h/reducer.sh" <<EOF
{ cat "$h/pheader.csv"; grep -vxF -f "$h/pheader.csv"; } |
    "$x/xf-rollup" --merge
EOF
# hadoop INPUT: split at lines, map each split, shuffle (sort), reduce.
hadoop() {
	rm -f "$h"/split.* "$h"/map.*
	split -l 97 "$1" "$h/split."
	for f in "$h"/split.*; do
		sh "$h/mapper.sh" < "$f" > "$h/map.${f##*.}" 2>> "$h/err"
	done
	cat "$h"/map.* | sort | sh "$h/reducer.sh" 2>> "$h/err"
}
: > "$h/err"
hadoop "$h/folded.csv" > "$h/got.csv"
"$x/xf-classify" "$h/folded.csv" | "$x/xf-rollup" -b category \
    > "$h/want.csv"
ok=1
cmp -s "$h/want.csv" "$h/got.csv" || ok=0
[ -s "$h/err" ] && ok=0
# One line a record.
n=$(python3 -c 'import csv, sys; print(len(list(csv.reader(open(sys.argv[1],
    newline="", encoding="utf-8")))))' "$h/folded.csv")
[ "$(wc -l < "$h/folded.csv")" -eq "$n" ] && [ "$n" -gt 1000 ] || ok=0
verdict $ok "hadoop streaming recipe: differs from one run:" \
    "$(head -n 2 "$h/err")"
# Without --fold-newlines the line splits cut records: it must not pass.
: > "$h/err"
hadoop "$sample" > "$h/unfolded.csv"
ok=1
cmp -s "$h/want.csv" "$h/unfolded.csv" && [ ! -s "$h/err" ] && ok=0
verdict $ok "hadoop streaming without --fold-newlines gave the right" \
    "answer: the test cannot tell"

finish
