#!/usr/bin/env bash
# chronicle timeline --format html, opened by headless Chromium: the page parses, the inline SVG
# chart is laid out (non-empty bounding box, one mark per dated event), the table has a row per
# event of the JSON timeline, and a screenshot renders. Skipped with a message without Chromium
# (scripts/bootstrap.sh installs it).
set -u
bin=$1
src=$2
fail() { echo "FAIL: $*"; exit 1; }
browser=""
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
[ -n "$browser" ] || { echo "skip: no headless Chromium"; exit 0; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

db="$tmp/c.db"
"$bin" ingest "$src/samples/aleppo-2016-12-15.txt" --db "$db" >/dev/null 2>"$tmp/err" || fail "ingest: $(cat "$tmp/err")"
"$bin" timeline --db "$db" --format html -o "$tmp/t.html" || fail "timeline --format html"
"$bin" timeline --db "$db" --format json -o "$tmp/t.json" || fail "timeline --format json"

# The page as Chromium sees it, plus what its layout engine measured, written into the DOM by a
# script appended to a copy of the page.
cp "$tmp/t.html" "$tmp/probe.html"
cat >>"$tmp/probe.html" <<'JS'
<script>
const svg = document.querySelector('svg');
const box = svg ? svg.getBBox() : {width: 0, height: 0};
document.body.setAttribute('data-probe', JSON.stringify({
  width: box.width, height: box.height,
  texts: svg ? svg.querySelectorAll('text').length : 0,
  rows: document.querySelectorAll('tr[id^="row-"]').length}));
</script>
JS
run() { timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$tmp/profile" "$@" 2>>"$tmp/browser.err"; }
run --dump-dom "file://$tmp/probe.html" >"$tmp/dom.html" || fail "Chromium could not open the page: $(tail -3 "$tmp/browser.err")"
run --screenshot="$tmp/shot.png" --window-size=1200,900 "file://$tmp/t.html" >/dev/null || fail "Chromium screenshot"
[ -s "$tmp/shot.png" ] || fail "empty screenshot"

python3 - "$tmp/dom.html" "$tmp/t.json" <<'PY' || exit 1
import html, json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'data-probe="([^"]*)"', dom)
if not m:
    sys.exit("FAIL: the probe script did not run")
probe = json.loads(html.unescape(m.group(1)))
timeline = json.load(open(sys.argv[2], encoding="utf-8"))
events = timeline["events"] if isinstance(timeline, dict) and "events" in timeline else timeline
if not events:
    sys.exit("FAIL: the sample's timeline is empty")
if probe["width"] <= 0 or probe["height"] <= 0:
    sys.exit("FAIL: the SVG chart has no laid-out size: %r" % probe)
if probe["texts"] < len(events):
    sys.exit("FAIL: %d SVG labels for %d events" % (probe["texts"], len(events)))
if probe["rows"] != len(events):
    sys.exit("FAIL: %d table rows for %d events" % (probe["rows"], len(events)))
print("timeline.html in Chromium: %d events, chart %.0fx%.0f" % (len(events), probe["width"], probe["height"]))
PY
echo "ok"
