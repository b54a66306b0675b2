#!/usr/bin/env bash
# Installs what Chronicle needs to build, test and run, from Debian's packages.
# Idempotent: installs only what is missing. Run as root (or with sudo available).
set -euo pipefail

packages=(
  build-essential cmake pkg-config git python3
  libboost-graph-dev rapidjson-dev libhowardhinnant-date-dev tzdata
  libgraphviz-dev graphviz doctest-dev libicu-dev libsqlite3-dev sqlite3 libcli11-dev
  wordnet-base libbenchmark-dev clang-format libjemalloc-dev
  libxml2-utils python3-networkx librsvg2-bin chromium
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "bootstrap: all ${#packages[@]} packages present"
  exit 0
fi

echo "bootstrap: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq || echo "bootstrap: apt-get update failed; trying with the current package lists"
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
