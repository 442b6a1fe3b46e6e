#!/usr/bin/env bash
# Times `majlis demo` at national scale (284 councils, 11 members each,
# one year), then the council affairs API on the result. The server reads
# the affairs snapshot from LMDB when it starts. Each request is sent twice,
# because the first computes what the second may take from a cache.
# Usage: tests/bench/affairs_demo.sh BUILD/majlis WORK_DIR
set -euo pipefail
majlis=$1
work=$2
mkdir -p "$work"
data=$work/data
rm -rf "$data"

/usr/bin/time -f "demo: %e s wall, %U s user, %S s system, %M KiB peak" \
  "$majlis" demo --data "$data" --councils 284 --members-per-council 11 --years 1 --json

"$majlis" serve --data "$data" --listen 127.0.0.1:0 >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
port=
for _ in $(seq 1 600); do
  port=$(sed -n 's|^Majlis is serving .* on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")
  [ -n "$port" ] && curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.2
done
[ -n "$port" ] || { echo "the server did not start; see $work/serve.log"; exit 1; }

for path in /api/v1/councils /api/v1/indicators /api/v1/councils/RD-01/indicators \
  /api/v1/councils/RD-01/decisions /api/v1/councils/RD-01/members; do
  for round in first second; do
    curl -s -o /dev/null -w "$path $round: %{http_code} %{time_total} s %{size_download} bytes\n" \
      "http://127.0.0.1:$port$path"
  done
done
