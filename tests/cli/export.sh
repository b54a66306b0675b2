#!/usr/bin/env bash
# chronicle export / timeline / build: every export of the sample article handed to its consumer
# (xmllint, networkx, Graphviz dot, a JSON parser with field checks, a GeoJSON shape check).
# A consumer that is not installed is skipped with a message.
set -u
bin=$1
src=$2
fail() { echo "FAIL: $*"; exit 1; }
skip() { echo "skip: $*"; }
have() { command -v "$1" >/dev/null 2>&1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
py=""
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import networkx' >/dev/null 2>&1; then py=$p; break; fi
done
[ -n "$py" ] || { have python3 && py=python3; }

db="$tmp/c.db"
"$bin" ingest "$src/samples/aleppo-2016-12-15.txt" --db "$db" >/dev/null 2>"$tmp/ingest.err" \
  || fail "ingest: $(cat "$tmp/ingest.err")"

# GraphML: XML, networkx reads every attribute typed; the yEd flavour too.
"$bin" export --format graphml --db "$db" -o "$tmp/g.graphml" || fail "export graphml"
"$bin" export --format graphml --yed --db "$db" -o "$tmp/y.graphml" || fail "export graphml --yed"
grep -q "y:ShapeNode" "$tmp/y.graphml" || fail "yEd flavour without y:ShapeNode"
if have xmllint; then
  xmllint --noout "$tmp/g.graphml" "$tmp/y.graphml" || fail "GraphML is not XML"
else skip "xmllint"; fi
if [ -n "$py" ] && "$py" -c 'import networkx' 2>/dev/null; then
  "$py" "$src/tests/export/check_graphml.py" "$tmp/g.graphml" >/dev/null || fail "networkx reading GraphML"
  "$py" "$src/tests/export/check_graphml.py" "$tmp/y.graphml" >/dev/null || fail "networkx reading yEd GraphML"
else skip "networkx"; fi

# DOT parses with Graphviz; SVG and PNG come out of the binary itself.
"$bin" export --format dot --db "$db" >"$tmp/g.dot" || fail "export dot"
if have dot; then dot -Tsvg "$tmp/g.dot" -o "$tmp/dot.svg" || fail "dot cannot parse the DOT"; else skip "dot"; fi
"$bin" export --format svg --db "$db" -o "$tmp/g.svg" || fail "export svg"
grep -q "<svg" "$tmp/g.svg" || fail "svg export is not SVG"
if have xmllint; then xmllint --noout "$tmp/g.svg" || fail "graph SVG is not XML"; fi
"$bin" export --format png --db "$db" -o "$tmp/g.png" || fail "export png"
[ "$(head -c 4 "$tmp/g.png" | tail -c 3)" = "PNG" ] || fail "png export is not a PNG"
"$bin" export --format svg --top 2 --db "$db" -o "$tmp/top.svg" || fail "export --top"

# Cytoscape.js JSON, GeoJSON, TimelineJS: parsed, fields checked.
"$bin" export --format json --db "$db" -o "$tmp/g.json" || fail "export json"
"$bin" export --format geojson --db "$db" -o "$tmp/p.geojson" || fail "export geojson"
"$bin" export --format timelinejs --db "$db" -o "$tmp/tl.json" || fail "export timelinejs"
if [ -n "$py" ]; then
  "$py" - "$tmp/g.json" "$tmp/tl.json" <<'PY' || fail "JSON field checks"
import json, sys
g = json.load(open(sys.argv[1]))
nodes, edges = g["elements"]["nodes"], g["elements"]["edges"]
assert nodes, "no nodes"
ids = {n["data"]["id"] for n in nodes}
assert len(ids) == len(nodes), "node ids repeat"
assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in edges)
assert all(n["data"]["kind"] in ("actor", "place", "event", "document") for n in nodes)
t = json.load(open(sys.argv[2]))
assert t["title"]["text"]["headline"]
for e in t["events"]:
    assert isinstance(e["start_date"]["year"], str) and e["text"]["headline"] and e["group"] and e["unique_id"]
assert len({e["unique_id"] for e in t["events"]}) == len(t["events"])
PY
  "$py" "$src/tests/export/check_geojson.py" "$tmp/p.geojson" >/dev/null || fail "GeoJSON shape"
  actor=$("$py" -c 'import json,sys; print(next((n["data"]["label"] for n in json.load(open(sys.argv[1]))["elements"]["nodes"] if n["data"]["kind"]=="actor"), ""))' "$tmp/g.json")
  if [ -n "$actor" ]; then
    "$bin" export --format dot --actor "$actor" --db "$db" >/dev/null || fail "export --actor '$actor'"
    "$bin" timeline --actor "$actor" --db "$db" >/dev/null || fail "timeline --actor '$actor'"
  fi
fi

# Neo4j: a directory of CSVs.
"$bin" export --format neo4j --db "$db" -o "$tmp/neo" || fail "export neo4j"
for f in actors places events documents relationships; do [ -s "$tmp/neo/$f.csv" ] || fail "neo4j $f.csv"; done
head -1 "$tmp/neo/relationships.csv" | grep -q "^:START_ID,:END_ID,:TYPE" || fail "neo4j relationship header"

# Timeline: SVG with every event label, HTML, JSON.
"$bin" timeline --format json --db "$db" -o "$tmp/t.json" || fail "timeline json"
"$bin" timeline --db "$db" -o "$tmp/t.svg" || fail "timeline svg (format from -o)"
"$bin" timeline --format html --db "$db" >"$tmp/t.html" || fail "timeline html"
grep -q "<svg" "$tmp/t.svg" || fail "timeline -o t.svg did not write SVG"
if have xmllint; then
  xmllint --noout "$tmp/t.svg" || fail "timeline SVG is not XML"
  xmllint --html --noout "$tmp/t.html" 2>/dev/null || fail "timeline HTML does not parse"
fi
if [ -n "$py" ]; then
  "$py" - "$tmp/t.json" "$tmp/t.svg" <<'PY' || fail "timeline SVG lacks event labels"
import json, sys, xml.etree.ElementTree as ET
events = json.load(open(sys.argv[1]))["events"]
root = ET.parse(sys.argv[2]).getroot()
texts = {"".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")}
heads = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text") if t.text}
missing = [e["headline"] for e in events if not any(h.startswith(e["headline"][:60]) for h in heads)]
assert not missing, missing
PY
fi
"$bin" timeline --from 2016 --to 2016-12 --db "$db" >/dev/null || fail "timeline --from --to"

# Bad usage exits 2, bad input 1.
"$bin" export --format bogus --db "$db" >/dev/null 2>&1; [ $? -eq 2 ] || fail "unknown format should exit 2"
"$bin" export --format neo4j --db "$db" >/dev/null 2>&1; [ $? -eq 2 ] || fail "neo4j without -o should exit 2"
"$bin" timeline --from 2016-13 --db "$db" >/dev/null 2>&1; [ $? -eq 2 ] || fail "bad --from should exit 2"
"$bin" export --format dot --db "$tmp/missing.db" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 1 ] || fail "missing store should exit 1 (got $rc)"
grep -q "missing.db" "$tmp/err" || fail "the error should name the store"

# build writes every export.
"$bin" build "$src/samples/aleppo-2016-12-15.txt" --out "$tmp/out" >/dev/null 2>&1 || fail "build"
for f in graph.graphml graph.yed.graphml graph.dot graph.svg graph.png graph.cytoscape.json places.geojson \
         timeline.json timeline.svg timeline.html events.json neo4j/relationships.csv; do
  [ -s "$tmp/out/$f" ] || fail "build did not write $f"
done
echo "export: ok"
