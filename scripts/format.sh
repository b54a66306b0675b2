#!/usr/bin/env bash
# clang-format every C++ file of the project; --check only reports files that differ.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files '*.h' '*.cc' 2>/dev/null || find core extract graph export cli tests bench tools -name '*.h' -o -name '*.cc')
if [ "${1:-}" = "--check" ]; then
  clang-format --dry-run --Werror $files
else
  clang-format -i $files
fi
