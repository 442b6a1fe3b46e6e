#!/usr/bin/env bash
# Requests per second and latency of the embedded server under keep-alive
# load, beside a bare Poco HTTPServer returning a fixed 12 KB page (the
# ceiling), in the same run; then the fairness check that every connection
# gets answers. Everything listens and connects on 127.0.0.1 only, and every
# run is bounded by DURATION seconds.
#
# Usage: tests/bench/load.sh MAJLIS MINIMAL_SERVER WORK_DIR [DURATION] [CONCURRENCY...]
#   MAJLIS          the built majlis executable (build/majlis)
#   MINIMAL_SERVER  majlis_bench_minimal_server from tests/bench
# Needs wrk (Debian package wrk) and python3.
set -euo pipefail

majlis=$1
minimal=$2
work=$3
duration=${4:-10}
shift $(($# < 4 ? $# : 4))
concurrencies=("$@")
[ ${#concurrencies[@]} -gt 0 ] || concurrencies=(16 64 256)
here=$(cd "$(dirname "$0")" && pwd)

rm -rf "$work"
mkdir -p "$work/in"
majlis_port=18181
minimal_port=18182

# A data folder with public records to read: a few statutes and one file.
shared=${MAJLIS_SHARED_DIR:-$here/../../../shared}
cp "$shared"/corpus/laws/municipal/*.md "$work/in/"
"$majlis" import --data "$work/data" --access public --council "المجلس البلدي بمدينة الرياض" \
  --type decision --json "$work/in" >"$work/import.json"
record=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["records"][0]["id"])' "$work/import.json")

"$majlis" serve --data "$work/data" --listen "127.0.0.1:$majlis_port" >"$work/serve.log" 2>&1 &
majlis_pid=$!
"$minimal" "$minimal_port" &
minimal_pid=$!
trap 'kill $majlis_pid $minimal_pid 2>/dev/null; wait 2>/dev/null' EXIT
sleep 2

query=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("المجالس البلدية"))')
declare -A targets=(
  [ceiling]="http://127.0.0.1:$minimal_port/"
  [home]="http://127.0.0.1:$majlis_port/"
  [search_api]="http://127.0.0.1:$majlis_port/api/v1/search?q=$query"
  [record_page]="http://127.0.0.1:$majlis_port/records/$record"
  [download]="http://127.0.0.1:$majlis_port/api/v1/records/$record/versions/1/files/0"
)

printf '| page | clients | requests/s | p50 | p99 | errors (socket, non-2xx) |\n|---|---|---|---|---|---|\n'
for clients in "${concurrencies[@]}"; do
  for name in ceiling home search_api record_page download; do
    out=$(wrk -t2 -c"$clients" -d"${duration}s" --latency --timeout 30s "${targets[$name]}" 2>&1)
    rate=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")
    p50=$(awk '$1=="50%"{print $2}' <<<"$out")
    p99=$(awk '$1=="99%"{print $2}' <<<"$out")
    socket=$(sed -n 's/.*Socket errors: \(.*\)/\1/p' <<<"$out")
    non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: \([0-9]*\).*/\1/p' <<<"$out")
    printf '| %s | %s | %s | %s | %s | %s; %s |\n' "$name" "$clients" "$rate" "$p50" "$p99" "${socket:-none}" "${non2xx:-0}"
  done
done

echo
echo "Fairness, $duration s per run (clients that got no answer are starved):"
for clients in "${concurrencies[@]}"; do
  printf 'majlis home:   '
  python3 "$here/fairness.py" "$majlis_port" / "$clients" "$duration"
  printf 'bare Poco:     '
  python3 "$here/fairness.py" "$minimal_port" / "$clients" "$duration"
done
