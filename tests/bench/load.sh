#!/usr/bin/env bash
# Requests per second and latency of the embedded server under keep-alive
# load, each page beside its peer in the same run, then the fairness check
# that every connection gets responses. Everything listens and connects on
# 127.0.0.1 only, and every run is bounded by DURATION seconds.
#
# Usage: tests/bench/load.sh MAJLIS BENCH_TOOLS WORK_DIR [DURATION] [ARTICLES] [CONCURRENCY...]
#   MAJLIS       the built majlis executable (build/majlis)
#   BENCH_TOOLS  the build folder of tests/bench, holding
#                majlis_bench_minimal_server and majlis_bench_scale
#   ARTICLES     how many statute articles to import for the search runs (3000)
# Needs wrk (Debian package wrk) and python3.
#
# The data folder contains the six municipal statutes as public decisions (for
# the home page, a record page and a file download) and ARTICLES statute
# articles as public documents. The peers are majlis_bench_minimal_server:
# a fixed 12 KB page (the ceiling), and bare Xapian queries on an index of
# the same articles built by `majlis_bench_scale --engine xapian`, with and
# without Xapian's own snippets. Search runs cycle through 1,000 queries
# drawn from the articles (make_queries.py). "search_api" repeats them, so
# after the first pass its responses come from the server's cache of
# anonymous searches. "search_api_first" sends queries no earlier run sent,
# to a server restarted just before, so every answer is computed.
set -euo pipefail

majlis=$(realpath "$1")
tools=$(realpath "$2")
work=$(realpath -m "$3")
duration=${4:-10}
articles=${5:-3000}
shift $(($# < 5 ? $# : 5))
concurrencies=("$@")
[ ${#concurrencies[@]} -gt 0 ] || concurrencies=(16 64 256)
here=$(cd "$(dirname "$0")" && pwd)
shared=${MAJLIS_SHARED_DIR:-$here/../../../shared}
majlis_port=18181
peer_port=18182

rm -rf "$work"
mkdir -p "$work/in" "$work/articles"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# The data: statutes for the pages, articles for the searches.
cp "$shared"/corpus/laws/municipal/*.md "$work/in/"
"$majlis" import --data "$work/data" --access public --council RD-01 --type decision --json "$work/in" >"$work/import.json"
record=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["records"][0]["id"])' "$work/import.json")
python3 "$here/split_statutes.py" "$shared/corpus/laws/statutes" "$work/all" >/dev/null
head -n "$articles" "$work/all/manifest.jsonl" >"$work/articles/manifest.jsonl"
head -n "$articles" "$work/all/articles.tsv" >"$work/articles.tsv"
mkdir -p "$work/articles/articles"
(cd "$work/all/articles" && seq -f '%05g.txt' 1 "$articles" | xargs cp -t "$work/articles/articles")
"$majlis" import --data "$work/data" --manifest "$work/articles/manifest.jsonl" --json "$work/articles/articles" >"$work/import-articles.json"
"$tools/majlis_bench_scale" index "$work/articles.tsv" "$work/xapian" --records "$articles" --engine xapian >/dev/null

# The queries: 1,000 to repeat, and for each concurrency a slice of others
# that no earlier run sent.
python3 "$here/make_queries.py" "$work/articles.tsv" 1000 >"$work/queries.txt"
python3 "$here/make_queries.py" "$work/articles.tsv" 60000 | awk 'NR > 1000 && !seen[$0]++' >"$work/fresh.txt"
python3 - "$work" "${#concurrencies[@]}" <<'EOF'
import sys, urllib.parse
work, slices = sys.argv[1], int(sys.argv[2])
def write(name, prefix, queries, suffix=""):
    with open(f"{work}/{name}", "w") as out:
        for query in queries:
            out.write(f"{prefix}{urllib.parse.quote(query)}{suffix}\n")
repeated = [line.rstrip("\n") for line in open(f"{work}/queries.txt") if line.strip()]
write("majlis.paths", "/api/v1/search?q=", repeated)
write("xapian.paths", "/search?q=", repeated)
write("xapian-snippets.paths", "/search?q=", repeated, "&snippet=1")
fresh = [line.rstrip("\n") for line in open(f"{work}/fresh.txt") if line.strip()]
size = len(fresh) // slices
for i in range(slices):
    write(f"fresh-{i}.paths", "/api/v1/search?q=", fresh[i * size:(i + 1) * size])
print(f"queries: {len(repeated)} repeated, {size} fresh for each concurrency")
EOF

majlis_pid=
start_majlis() {
  [ -z "$majlis_pid" ] || { kill "$majlis_pid"; wait "$majlis_pid" 2>/dev/null || true; }
  "$majlis" serve --data "$work/data" --listen "127.0.0.1:$majlis_port" >>"$work/serve.log" 2>&1 &
  majlis_pid=$!
  for _ in $(seq 100); do
    curl -fs -o /dev/null "http://127.0.0.1:$majlis_port/api/v1/health" && return
    sleep 0.1
  done
  echo "majlis serve did not start; see $work/serve.log" >&2
  exit 1
}
"$tools/majlis_bench_minimal_server" "$peer_port" "$work/xapian" &
peer_pid=$!
trap 'kill $majlis_pid $peer_pid 2>/dev/null; wait 2>/dev/null' EXIT
start_majlis

majlis_url="http://127.0.0.1:$majlis_port"
peer_url="http://127.0.0.1:$peer_port"
declare -A targets=(
  [ceiling]="$peer_url/"
  [home]="$majlis_url/"
  [bare_xapian]="$peer_url"
  [bare_xapian_snippets]="$peer_url"
  [search_api]="$majlis_url"
  [search_api_first]="$majlis_url"
  [record_page]="$majlis_url/records/$record"
  [download]="$majlis_url/api/v1/records/$record/versions/1/files/0"
)
declare -A paths=(
  [bare_xapian]="$work/xapian.paths"
  [bare_xapian_snippets]="$work/xapian-snippets.paths"
  [search_api]="$work/majlis.paths"
)

printf '| page | clients | requests/s | p50 | p99 | errors (socket, non-2xx) |\n|---|---|---|---|---|---|\n'
slice=0
for clients in "${concurrencies[@]}"; do
  paths[search_api_first]="$work/fresh-$slice.paths"
  for name in ceiling home bare_xapian bare_xapian_snippets search_api search_api_first record_page download; do
    if [ "$name" = search_api_first ]; then
      start_majlis # empties the cache of anonymous searches
    fi
    if [ -n "${paths[$name]:-}" ]; then
      out=$(WRK_PATHS="${paths[$name]}" wrk -t2 -c"$clients" -d"${duration}s" --latency --timeout 30s \
        -s "$here/paths.lua" "${targets[$name]}" 2>&1)
    else
      out=$(wrk -t2 -c"$clients" -d"${duration}s" --latency --timeout 30s "${targets[$name]}" 2>&1)
    fi
    rate=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")
    p50=$(awk '$1=="50%"{print $2}' <<<"$out")
    p99=$(awk '$1=="99%"{print $2}' <<<"$out")
    socket=$(sed -n 's/.*Socket errors: \(.*\)/\1/p' <<<"$out")
    non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: \([0-9]*\).*/\1/p' <<<"$out")
    printf '| %s | %s | %s | %s | %s | %s; %s |\n' "$name" "$clients" "$rate" "$p50" "$p99" "${socket:-none}" "${non2xx:-0}"
  done
  slice=$((slice + 1))
done

echo
echo "Fairness, $duration s per run (clients that got no answer are starved):"
search_path=$(head -n 1 "$work/majlis.paths")
for clients in "${concurrencies[@]}"; do
  printf 'majlis home %4s:   ' "$clients"
  python3 "$here/fairness.py" "$majlis_port" / "$clients" "$duration"
  printf 'majlis search %4s: ' "$clients"
  python3 "$here/fairness.py" "$majlis_port" "$search_path" "$clients" "$duration"
  printf 'bare Poco %4s:     ' "$clients"
  python3 "$here/fairness.py" "$peer_port" / "$clients" "$duration"
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
