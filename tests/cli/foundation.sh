#!/usr/bin/env bash
# Foundation end to end: reading the sample (title, DCT from the Published line), every input
# format, and bad input (exit 1 with one line naming the file; with many inputs a bad file is
# skipped with a warning and the rest processed).
set -u
bin=$1
src=$2
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fx="$src/tests/fixtures/io"

# The sample: DCT 2016-12-15 (not the 2022 crawl stamp) and the headline as title.
"$bin" extract "$src/samples/aleppo-2016-12-15.txt" --format json >"$tmp/out.json" 2>"$tmp/err" \
  || fail "extract of the sample failed: $(cat "$tmp/err")"
python3 - "$tmp/out.json" <<'PY' || fail "sample document fields"
import json, sys
doc = json.load(open(sys.argv[1]))["document"]
assert doc["dct"].startswith("2016-12-15"), doc["dct"]
assert doc["title"] == "Vladimir Putin's victory? Russia's role in recapturing Aleppo", doc["title"]
PY

# --dct overrides what the page says.
"$bin" extract "$src/samples/aleppo-2016-12-15.txt" --dct 2017-01-02 --format json >"$tmp/dct.json" 2>/dev/null \
  || fail "--dct run failed"
grep -q '"dct": "2017-01-02' "$tmp/dct.json" || fail "--dct should override the page's date"

# Every input format reads.
for f in article.txt article.html articles.jsonl doc.tml sample.conll sample.conllu; do
  "$bin" extract "$fx/$f" --format jsonl >"$tmp/fmt.jsonl" 2>"$tmp/fmt.err" || fail "$f: $(cat "$tmp/fmt.err")"
  [ -s "$tmp/fmt.jsonl" ] || fail "$f: no output"
done
grep -q '"dct": *"1998-02-27' <("$bin" extract "$fx/doc.tml" --format json 2>/dev/null) || fail "TimeML DCT"

# stdin.
"$bin" extract - --format jsonl <"$fx/article.txt" >"$tmp/stdin.jsonl" 2>/dev/null || fail "stdin"
grep -q '"dct": *"2019-02-10' "$tmp/stdin.jsonl" || fail "stdin DCT"

# Bad input alone: exit 1, exactly one line on stderr, naming the file.
printf '\xff\xfe\x00\x00' >"$tmp/nul.txt"
: >"$tmp/empty.txt"
for bad in "$tmp/missing.txt" "$tmp/empty.txt" "$tmp/nul.txt" "$fx/hostile.tml" "$fx/unclosed.tml" "$fx/malformed.jsonl"; do
  "$bin" extract "$bad" >"$tmp/o" 2>"$tmp/e"; rc=$?
  [ $rc -eq 1 ] || fail "$bad should exit 1 (got $rc): $(cat "$tmp/e")"
  [ "$(wc -l <"$tmp/e")" -eq 1 ] || fail "$bad should print one line: $(cat "$tmp/e")"
  grep -q "$(basename "$bad")" "$tmp/e" || fail "$bad: the error should name the file: $(cat "$tmp/e")"
  [ -s "$tmp/o" ] && fail "$bad: no output expected"
done

# Invalid UTF-8: read on with replacement characters, a warning with the byte offset.
"$bin" extract "$fx/invalid_utf8.txt" --format json >"$tmp/o" 2>"$tmp/e" || fail "invalid UTF-8 should be read"
grep -q "invalid_utf8.txt: invalid UTF-8 at byte 3" "$tmp/e" || fail "invalid UTF-8 warning: $(cat "$tmp/e")"

# Many inputs with bad ones: skipped with a warning, the rest processed.
"$bin" extract "$fx/article.txt" "$tmp/empty.txt" "$tmp/missing.txt" "$fx/doc.tml" --format jsonl \
  >"$tmp/o" 2>"$tmp/e"; rc=$?
[ $rc -eq 0 ] || fail "batch with bad files should succeed (got $rc): $(cat "$tmp/e")"
[ "$(wc -l <"$tmp/o")" -eq 2 ] || fail "batch should give 2 documents, got $(wc -l <"$tmp/o")"
grep -q "empty.txt" "$tmp/e" || fail "batch should warn about empty.txt"
grep -q "missing.txt" "$tmp/e" || fail "batch should warn about missing.txt"

# A 10,000-word run without punctuation: no hang.
python3 -c "print(' '.join(['word'] * 10000))" >"$tmp/run.txt"
timeout 60 "$bin" extract "$tmp/run.txt" --format json >/dev/null 2>&1 || fail "10,000-word run"

# A 100 MB file: refused quickly with one line, memory bounded.
python3 -c "
import sys
block = ('The committee met on Tuesday and agreed on a plan. ' * 20 + '\n\n').encode()
with open(sys.argv[1], 'wb') as f:
    for _ in range(100 * 1024 * 1024 // len(block) + 1): f.write(block)
" "$tmp/big.txt"
timeout 60 "$bin" extract "$tmp/big.txt" >"$tmp/o" 2>"$tmp/e"; rc=$?
[ $rc -eq 1 ] || fail "100 MB article should exit 1 (got $rc)"
grep -q "big.txt: .*too large" "$tmp/e" || fail "100 MB error line: $(cat "$tmp/e")"
echo "foundation: ok"
