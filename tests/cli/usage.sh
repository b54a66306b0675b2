#!/usr/bin/env bash
# Exit codes of the contract: bad usage 2, bad input 1 with one line naming the file, success 0.
set -u
bin=$1
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$bin" >/dev/null 2>&1; [ $? -eq 2 ] || fail "no subcommand should exit 2"
"$bin" extract --format bogus samples.txt >/dev/null 2>&1; [ $? -eq 2 ] || fail "unknown --format should exit 2"
"$bin" extract --input bogus x >/dev/null 2>&1; [ $? -eq 2 ] || fail "unknown --input should exit 2"
for c in extract build ingest query timeline export train; do
  "$bin" $c --help >/dev/null 2>&1 || fail "$c --help should exit 0"
done
"$bin" --version | grep -q chronicle || fail "--version"

"$bin" extract "$tmp/missing.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 1 ] || fail "missing file should exit 1 (got $rc)"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "missing file should print one line: $(cat "$tmp/err")"
grep -q "missing.txt" "$tmp/err" || fail "the error line should name the file"
echo "usage: ok"
