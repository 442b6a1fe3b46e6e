#!/usr/bin/env bash
# Installs the Debian packages Majlis needs, builds it, and then either runs
# the server (`run`) or the whole test suite (`test`). Run from anywhere.
set -euo pipefail

mode=${1:-}
case "$mode" in
  run | test) ;;
  *)
    echo "usage: deploy/setup.sh run|test" >&2
    exit 2
    ;;
esac

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs only what is missing, so a second run needs no network.
install_packages() {
  local list=$1 missing=()
  while read -r package; do
    case "$package" in '' | '#'*) continue ;; esac
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done <"$list"
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}

install_packages deploy/debian-packages.txt
if [ "$mode" = test ]; then
  install_packages deploy/debian-test-packages.txt
fi

build=${MAJLIS_BUILD_DIR:-build}
# The test mode builds the suites; the run mode leaves an existing build
# folder's choice alone and skips them in a new one.
tests_option=()
if [ "$mode" = test ]; then
  tests_option=(-DMAJLIS_BUILD_TESTS=ON)
elif [ ! -f "$build/CMakeCache.txt" ]; then
  tests_option=(-DMAJLIS_BUILD_TESTS=OFF)
fi
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release "${tests_option[@]}"
cmake --build "$build" -j "$(nproc)"

if [ "$mode" = run ]; then
  data=${MAJLIS_DATA:-./data}
  # A first run loads a small demo data set, so the portal shows councils,
  # members, meetings and decisions at once. MAJLIS_DEMO=0 starts empty.
  if [ "${MAJLIS_DEMO:-1}" != 0 ] && [ ! -e "$data/db" ]; then
    echo "Loading a small demo data set into $data (MAJLIS_DEMO=0 skips it)"
    "$build/majlis" demo --data "$data" --councils 6 --members-per-council 7 --years 1
  fi
  exec "$build/majlis" serve --data "$data" --listen "${MAJLIS_LISTEN:-127.0.0.1:8080}"
fi

cd "$build"
exec ctest --output-on-failure --timeout 900 -j "$(nproc)"
