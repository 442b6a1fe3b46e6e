#!/usr/bin/env bash
# Indexing rate, index size and query latency at RECORDS records. The Majlis
# index (indexer::SearchIndex) runs against a bare Xapian TermGenerator loop
# with Stem("arabic") on the same texts. The two alternate ROUNDS times, so
# both see the same machine load. Then 1,000 queries run in process against
# each index.
#
# Usage: tests/bench/search_scale.sh BENCH_BUILD WORK_DIR RECORDS [ROUNDS] [ENGINES]
#   BENCH_BUILD  the build folder of tests/bench (majlis_bench_scale)
#   ENGINES      "majlis xapian" (default), or one of them
# WORK_DIR/articles.tsv and queries.txt are made on the first run.
set -euo pipefail

bench=$(realpath "$1")/majlis_bench_scale
work=$(realpath -m "$2")
records=$3
rounds=${4:-2}
engines=${5:-majlis xapian}
here=$(dirname "$(realpath "$0")")
shared=${MAJLIS_SHARED_DIR:-$(realpath "$here/../../../shared")}
mkdir -p "$work"

if [[ ! -s "$work/articles.tsv" ]]; then
    python3 "$here/split_statutes.py" "$shared/corpus/laws/statutes" "$work"
fi
if [[ ! -s "$work/queries.txt" ]]; then
    python3 "$here/make_queries.py" "$work/articles.tsv" 1000 > "$work/queries.txt"
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
    order=$engines
    if ((round % 2 == 0)); then
        order=$(echo "$engines" | awk '{ for (i = NF; i > 0; --i) printf "%s ", $i }')
    fi
    for engine in $order; do
        rm -rf "$work/index-$engine-$records"
        echo -n "round $round "
        "$bench" index "$work/articles.tsv" "$work/index-$engine-$records" --records "$records" --engine "$engine" \
            | grep '^index'
    done
done
for engine in $engines; do
    "$bench" query "$work/index-$engine-$records" "$work/queries.txt" --engine "$engine"
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
