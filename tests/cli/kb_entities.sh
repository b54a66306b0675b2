#!/usr/bin/env bash
# The knowledge base reaches `chronicle extract`: demonyms link to their country with its ISO id,
# and a corrupt kb.bin is a clear error (exit 1), never a crash.
set -u
bin=$1
src=$2
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

printf 'Russian warplanes struck again.\nSyrian troops advanced.\n' >"$tmp/a.txt"
"$bin" extract "$tmp/a.txt" --dct 2016-12-15 --format json >"$tmp/out.json" || fail "extract failed"
grep -q '"iso:RU"' "$tmp/out.json" || fail "no Russia entity with kb id iso:RU"
grep -q '"iso:SY"' "$tmp/out.json" || fail "no Syria entity with kb id iso:SY"
grep -q '"demonym"' "$tmp/out.json" || fail "no demonym mention"

# A truncated knowledge base: one clear line, exit 1.
mkdir "$tmp/models"
cp "$src"/models/* "$tmp/models/" 2>/dev/null
head -c 1000 "$src/models/kb.bin" >"$tmp/models/kb.bin"
CHRONICLE_MODELS="$tmp/models" "$bin" extract "$tmp/a.txt" >"$tmp/out2" 2>"$tmp/err"; rc=$?
[ $rc -eq 1 ] || fail "corrupt kb.bin should exit 1 (got $rc)"
grep -q "kb.bin" "$tmp/err" || fail "the error should name kb.bin: $(cat "$tmp/err")"
echo "kb_entities: ok"
