#!/usr/bin/env bash
# Runs the README's run command (deploy/setup.sh run) against the build
# folder ctest uses, on a free loopback port and a fresh data folder, and
# checks that the server it starts responds to /api/v1/health and serves the
# demo data the first run loads.
set -euo pipefail
source_dir=$1
build_dir=$2

work=$(mktemp -d)
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# Port 0 lets the kernel choose a free port; the server prints it.
MAJLIS_BUILD_DIR=$build_dir MAJLIS_DATA=$work/data MAJLIS_LISTEN=127.0.0.1:0 \
  "$source_dir/deploy/setup.sh" run >"$work/run.log" 2>&1 &
server=$!

for _ in $(seq 1 600); do
  port=$(sed -n 's|^Majlis is serving .* on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/run.log")
  if [ -n "$port" ] && curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; then
    grep -q "Password: " "$work/run.log" || { echo "FAIL: the administrator password was not printed"; exit 1; }
    # The first run loads the demo, so a council has members and decisions.
    members=$(curl -fsS "http://127.0.0.1:$port/api/v1/councils/RD-01/members")
    decisions=$(curl -fsS "http://127.0.0.1:$port/api/v1/councils/RD-01/decisions")
    case "$members" in *'"role":"chair"'*) ;; *) echo "FAIL: no demo members: $members"; exit 1 ;; esac
    case "$decisions" in *'"reference":"RD-01/'*) ;; *) echo "FAIL: no demo decisions: $decisions"; exit 1 ;; esac
    echo "the run command serves http://127.0.0.1:$port/api/v1/health"
    exit 0
  fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "FAIL: deploy/setup.sh run exited before serving:"
    tail -20 "$work/run.log"
    exit 1
  fi
  sleep 0.5
done
echo "FAIL: no answer after 300 s"
tail -20 "$work/run.log"
exit 1
