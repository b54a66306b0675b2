#!/usr/bin/env bash
# Builds the fastest chronicle binary, by profile-guided optimisation, into build-pgo/:
#   1. an instrumented build of the binary,
#   2. a training run: it ingests the bundled sample and, when given (or found in ../shared/data),
#      Reuters-21578 stories as JSONL; the counters land in build-pgo/pgo-profile/,
#   3. a rebuild with those profiles.
# Usage: scripts/build-pgo.sh [TRAINING.jsonl]. The binary is build-pgo/chronicle; its output is the
# same as build/chronicle's (docs/BENCHMARKS.md, "Stop 26: allocator and PGO").
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dir=build-pgo
profile="$root/$dir/pgo-profile"
training="${1:-}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

reuters="${CHRONICLE_DATA:-$root/../shared/data}/reuters21578"
if [ -z "$training" ] && [ -d "$reuters" ]; then
  python3 tools/reuters_to_jsonl.py "$reuters" 2>/dev/null | head -1500 > "$work/train.jsonl"
  training="$work/train.jsonl"
fi

echo "== build-pgo: instrumented build"
rm -rf "$profile"
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DCHRONICLE_PGO=generate -DCHRONICLE_PGO_DIR="$profile" \
  -DCHRONICLE_BENCH=OFF >/dev/null
cmake --build "$dir" -j"$(nproc)" --target chronicle

echo "== build-pgo: training run"
"$dir/chronicle" build samples/ --out "$work/out" --db "$work/sample.db" >/dev/null
if [ -n "$training" ]; then
  echo "training on $training"
  "$dir/chronicle" ingest "$training" --input jsonl --db "$work/train.db" --threads 2 >/dev/null
fi

echo "== build-pgo: optimised build"
cmake -S . -B "$dir" -DCHRONICLE_PGO=use >/dev/null
cmake --build "$dir" -j"$(nproc)" --target chronicle
echo "build-pgo: $dir/chronicle"
