#!/usr/bin/env bash
# The main job on the bundled samples: installs, builds, then ingests samples/ and writes every export to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
scripts/build.sh
rm -f out/chronicle.db
mkdir -p out
build/chronicle build samples/ --out out/ --db out/chronicle.db
echo "outputs in out/:"; ls out/
