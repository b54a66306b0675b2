#!/usr/bin/env bash
# TimeML round trip: `extract --input timeml --format timeml` keeps the text exactly, tags times
# inline with normalised values, keeps the DCT; `--format json` lists the same times.
set -u
bin=$1
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/doc.tml" <<'TML'
<?xml version="1.0" ?>
<TimeML>
<DOCID>cli_test</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2016-12-15" temporalFunction="false" functionInDocument="CREATION_TIME">2016-12-15</TIMEX3></DCT>
<TEXT>
The council met <TIMEX3 tid="t9" type="DATE" value="2016-12-14">yesterday</TIMEX3> &amp; agreed to vote in January.
Prices rose for five years &lt;until&gt; last year.
</TEXT>
</TimeML>
TML
"$bin" extract "$tmp/doc.tml" --input timeml --format timeml >"$tmp/out.tml" 2>"$tmp/err" || fail "extract timeml: $(cat "$tmp/err")"
grep -q 'functionInDocument="CREATION_TIME"' "$tmp/out.tml" || fail "DCT missing"
grep -q 'value="2016-12-14">yesterday</TIMEX3>' "$tmp/out.tml" || fail "yesterday not tagged"
grep -q 'value="2017-01">January</TIMEX3>' "$tmp/out.tml" || fail "January not the next one"
grep -q 'type="DURATION" value="P5Y">five years</TIMEX3>' "$tmp/out.tml" || fail "five years not P5Y"
grep -q 'value="2015">last year</TIMEX3>' "$tmp/out.tml" || fail "last year not 2015"
# The text between the tags is unchanged.
strip() { sed -n '/<TEXT>/,/<\/TEXT>/p' "$1" | sed -e 's/<[^>]*>//g'; }
[ "$(strip "$tmp/doc.tml")" = "$(strip "$tmp/out.tml")" ] || fail "text changed"
if command -v xmllint >/dev/null; then xmllint --noout "$tmp/out.tml" || fail "not well-formed XML"; fi
"$bin" extract "$tmp/doc.tml" --input timeml --format json >"$tmp/out.json" 2>"$tmp/err" || fail "extract json"
grep -q '"value": *"P5Y"' "$tmp/out.json" || fail "json times missing P5Y"
# --out-dir: one file per document, named after its input, the same bytes as one run per file.
mkdir -p "$tmp/in"
cp "$tmp/doc.tml" "$tmp/in/a.tml"
sed -e 's/cli_test/second/' -e 's/five years/three years/' "$tmp/doc.tml" >"$tmp/in/b.tml"
"$bin" extract "$tmp/in/a.tml" "$tmp/in/b.tml" --input timeml --format timeml --out-dir "$tmp/out" 2>"$tmp/err" \
  || fail "extract --out-dir: $(cat "$tmp/err")"
[ "$(ls "$tmp/out" | tr '\n' ' ')" = "a.tml b.tml " ] || fail "--out-dir names: $(ls "$tmp/out")"
for f in a b; do
  "$bin" extract "$tmp/in/$f.tml" --input timeml --format timeml >"$tmp/one.tml" 2>/dev/null || fail "extract $f"
  cmp -s "$tmp/one.tml" "$tmp/out/$f.tml" || fail "--out-dir $f.tml differs from a run on $f.tml alone"
done
grep -q 'value="P3Y">three years</TIMEX3>' "$tmp/out/b.tml" || fail "--out-dir b.tml not tagged"
"$bin" extract "$tmp/in" --input timeml --format json --out-dir "$tmp/json" 2>/dev/null || fail "--out-dir json"
[ -f "$tmp/json/a.json" ] && [ -f "$tmp/json/b.json" ] || fail "--out-dir json names: $(ls "$tmp/json")"
"$bin" extract "$tmp/in/a.tml" --out-dir "$tmp/x" -o "$tmp/y" >/dev/null 2>&1 && fail "-o with --out-dir accepted"
echo "timeml: ok"
