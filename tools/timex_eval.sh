#!/usr/bin/env bash
# TempEval-3 Task A on TimeBank+AQUAINT (256 documents, from their raw TEXT and DCT):
#   tools/timex_eval.sh [BUILD_DIR] [--errors FILE]
# Tags every gold document with Chronicle and scores with tools/tempeval.py.
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$src/build}"; shift || true
data="${CHRONICLE_DATA:-$src/../shared/data}/timebank-aquaint"
[ -d "$data" ] || data=/work/shared/data/timebank-aquaint
if [ ! -d "$data" ]; then echo "timex_eval: $data not found: skipped" >&2; exit 0; fi
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
if [ -x "$build/chronicle" ] && "$build/chronicle" extract --help 2>/dev/null | grep -q timeml; then
  for f in "$data"/TimeBank/*.tml "$data"/AQUAINT/*.tml; do
    "$build/chronicle" extract "$f" --input timeml --format timeml > "$out/$(basename "$f")"
  done
else
  "$build/bench/timex_bench" --tag-timeml "$out" "$data"/TimeBank/*.tml "$data"/AQUAINT/*.tml
fi
python3 "$src/tools/tempeval.py" "$data" "$out" "$@"
