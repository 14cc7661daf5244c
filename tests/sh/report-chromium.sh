#!/bin/sh
# The HTML report in a real browser: the sample export through the day's
# pipeline, xf-report -f html, rendered by headless Chromium.  The
# screenshot must not be blank (many colours, some but not most pixels
# inked, the red of the bars and trend line present), and the DOM
# Chromium builds must hold the headline.  Without chromium the test is
# skipped with the reason, unless XF_NEED_CHROMIUM=1 (.ci/run sets it
# after scripts/install-deps browser), when that is a failure.
# usage: tests/sh/report-chromium.sh bindir
bindir=${1:?usage: report-chromium.sh bindir}
name=report-chromium
locale=C.UTF-8
. "$(dirname "$0")/lib.sh"

browser=
for b in chromium chromium-browser; do
	command -v $b >/dev/null 2>&1 && { browser=$b; break; }
done
if [ -z "$browser" ]; then
	if [ "${XF_NEED_CHROMIUM:-0}" = 1 ]; then
		verdict 0 "chromium not installed (scripts/install-deps browser)"
	else
		echo "report-chromium: skipped: chromium not installed (scripts/install-deps browser installs it)"
	fi
	finish
fi

day=2024-12-31

# chrome ARGS...: headless, no sandbox (CI runs as root), no GPU, a
# fresh profile each time, at most 90 seconds.
chrome() {
	timeout 90 "$browser" --headless --no-sandbox --disable-gpu \
	    --disable-dev-shm-usage --no-first-run --hide-scrollbars \
	    --user-data-dir="$tmp/profile" "$@" 2>>"$tmp/chrome.log"
}

"$bindir/xf-validate" testdata/petitions-sample.csv 2>/dev/null |
    "$bindir/xf-classify" | "$bindir/xf-route" |
    "$bindir/xf-deadline" --as-of $day 2>/dev/null >"$tmp/classified.csv"
"$bindir/xf-report" -D $day -f html -o "$tmp/report.html" "$tmp/classified.csv"
"$bindir/xf-report" -D $day -f md "$tmp/classified.csv" >"$tmp/report.md"
head=$(sed -n 3p "$tmp/report.md")
ok=0
[ -s "$tmp/report.html" ] && [ -n "$head" ] && ok=1
verdict $ok "the report was written"

chrome --window-size=1000,2400 --screenshot="$tmp/shot.png" \
    "file://$tmp/report.html" >/dev/null
st=$?
ok=0
[ $st -eq 0 ] && [ -s "$tmp/shot.png" ] && ok=1
verdict $ok "screenshot (status $st): $(tail -n 3 "$tmp/chrome.log")"

if [ -s "$tmp/shot.png" ]; then
	set -- $(python3 scripts/png-stats "$tmp/shot.png")
	w=$1 h=$2 colours=$3 inked=$4 red=$5
	total=$((w * h))
	ok=0
	# Text antialiasing alone gives dozens of shades; a blank or
	# error page gives a handful.
	[ "${colours:-0}" -ge 40 ] && [ "$inked" -gt $((total / 100)) ] &&
	    [ "$inked" -lt $((total * 6 / 10)) ] && ok=1
	verdict $ok "screenshot not blank: ${w}x$h, $colours colours, $inked of $total pixels inked"
	ok=0
	[ "${red:-0}" -gt 2000 ] && ok=1
	verdict $ok "bars and trend line drawn: $red red pixels"
fi

chrome --dump-dom "file://$tmp/report.html" >"$tmp/dom.html"
st=$?
ok=0
[ $st -eq 0 ] && grep -qF "$head" "$tmp/dom.html" &&
    grep -q '<svg[^>]*class="trend"' "$tmp/dom.html" &&
    grep -q '<svg[^>]*class="chart"' "$tmp/dom.html" && ok=1
verdict $ok "DOM holds the headline and both charts (status $st)"

finish
