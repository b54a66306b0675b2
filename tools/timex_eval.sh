#!/usr/bin/env bash
# TempEval-3 Task A on TimeBank+AQUAINT (256 documents, from their raw TEXT and DCT):
#   tools/timex_eval.sh [BUILD_DIR] [--errors FILE]
# Tags every gold document with Chronicle (one `chronicle extract ... --out-dir` run, models loaded
# once; TIMEX_EVAL_PER_FILE=1 runs one process per file, the old way, with the same output) and
# scores with tools/tempeval.py. TIMEX_EVAL_KEEP=DIR keeps the tagged files in DIR.
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$src/build}"; shift || true
data="${CHRONICLE_DATA:-$src/../shared/data}/timebank-aquaint"
[ -d "$data" ] || data=/work/shared/data/timebank-aquaint
if [ ! -d "$data" ]; then echo "timex_eval: $data not found: skipped" >&2; exit 0; fi
if [ -n "${TIMEX_EVAL_KEEP:-}" ]; then
  out="$TIMEX_EVAL_KEEP"; mkdir -p "$out"
else
  out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
fi
help="$("$build/chronicle" extract --help 2>/dev/null || true)"
if [ -x "$build/chronicle" ] && grep -q -- --out-dir <<<"$help" && [ -z "${TIMEX_EVAL_PER_FILE:-}" ]; then
  # One run: the models are loaded once, each document is written to $out under its own name.
  echo "tagging with: $build/chronicle extract FILES --input timeml --format timeml --out-dir DIR"
  "$build/chronicle" extract "$data"/TimeBank/*.tml "$data"/AQUAINT/*.tml --input timeml --format timeml \
    --out-dir "$out"
elif [ -x "$build/chronicle" ] && grep -q timeml <<<"$help"; then
  # Older binaries (and TIMEX_EVAL_PER_FILE=1): one process per document, same output.
  echo "tagging with: $build/chronicle extract FILE --input timeml --format timeml"
  for f in "$data"/TimeBank/*.tml "$data"/AQUAINT/*.tml; do
    "$build/chronicle" extract "$f" --input timeml --format timeml > "$out/$(basename "$f")"
  done
else
  echo "tagging with: $build/bench/timex_bench --tag-timeml (no chronicle binary)"
  "$build/bench/timex_bench" --tag-timeml "$out" "$data"/TimeBank/*.tml "$data"/AQUAINT/*.tml
fi
python3 "$src/tools/tempeval.py" "$data" "$out" "$@"
