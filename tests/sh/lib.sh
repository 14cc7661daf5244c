# The frame the shell tests share.  A test sets name (which heads its
# messages and its summary line), and locale when it needs one other than
# C, then sources this file:
#
#	name=deadline
#	. "$(dirname "$0")/lib.sh"
#
# which exports LC_ALL, makes $tmp (a directory removed when the test
# exits; a test that must also stop a server sets its own EXIT trap and
# removes $tmp there), and gives it:
#
#	verdict OK MESSAGE	count a check: OK 1 passes; anything else
#				fails and prints "FAIL name: MESSAGE"
#	finish			print "name: N passed, N failed" (the line
#				scripts/run-tests reads) and exit 0 when
#				nothing failed, 1 otherwise

# The name is kept apart: a test may use "name" for its own cases.
xf_test=${name:?set name before sourcing lib.sh}
LC_ALL=${locale:-C}
export LC_ALL
tmp=$(mktemp -d "${TMPDIR:-/tmp}/xf-$xf_test.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
pass=0
fail=0

verdict() {
	if [ "$1" -eq 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $xf_test: $2"
	fi
}

finish() {
	echo "$xf_test: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
}
