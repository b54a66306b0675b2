#!/usr/bin/env bash
# Installs, builds and runs every test: the Release build with -Werror, its unit and end-to-end tests,
# then an ASan+UBSan build running the same tests, then the clang-format check.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
jobs=$(nproc)
root=$(pwd)

echo "== Release build (-Wall -Wextra -Werror)"
scripts/build.sh
(cd build && ctest --output-on-failure -j"$jobs")

if [ "${CHRONICLE_SKIP_SANITIZERS:-0}" != 1 ]; then
  # Warnings are errors here too (GCC 12's false -Wuninitialized positive inside Boost.Graph
  # under sanitizers is exempted where the header is included, graph/knowledge_graph_impl.h).
  echo "== ASan+UBSan build (-Werror)"
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1" -DCHRONICLE_SANITIZE=ON -DCHRONICLE_WERROR=ON -DCHRONICLE_BENCH=OFF >/dev/null
  cmake --build build-asan -j"$jobs" --target chronicle chronicle_tests
  (cd build-asan && ASAN_OPTIONS="detect_leaks=1:suppressions=$root/tests/asan.supp" \
    LSAN_OPTIONS="suppressions=$root/tests/lsan.supp" UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --output-on-failure -j"$jobs")
fi

echo "== clang-format check"
scripts/format.sh --check
echo "== all tests passed"
