#!/usr/bin/env bash
# Records a second of `majlis import` and of `majlis reindex` on statute
# articles. The import reads the first COUNT articles as tiny text files
# with a JSON-lines manifest (title, type, access) and covers storing,
# extraction in `majlis ocr` children and indexing. The reindex then
# rebuilds the index of the same data folder.
#
# Usage: tests/bench/import_articles.sh MAJLIS ARTICLES_DIR WORK_DIR COUNT
#   ARTICLES_DIR  output of split_statutes.py (articles/ and manifest.jsonl)
set -euo pipefail

majlis=$(realpath "$1")
articles=$(realpath "$2")
work=$(realpath -m "$3")
count=$4

rm -rf "$work"
mkdir -p "$work/articles"
head -n "$count" "$articles/manifest.jsonl" > "$work/manifest.jsonl"
(cd "$articles/articles" && seq -f '%05g.txt' 1 "$count" | xargs cp -t "$work/articles")

now() { date +%s.%N; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"

start=$(now)
"$majlis" import --data "$work/data" --manifest "$work/manifest.jsonl" --json "$work/articles" > "$work/import.json"
end=$(now)
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); s = float(sys.argv[3]) - float(sys.argv[2])
print("import files %d failed %d seconds %.1f records_per_second %.1f" % (d["files"], d["failed"], s, d["files"] / s))' \
    "$work/import.json" "$start" "$end"

start=$(now)
"$majlis" reindex --data "$work/data" > "$work/reindex.out" 2>&1
end=$(now)
awk -v n="$count" -v a="$start" -v b="$end" \
    'BEGIN { printf "reindex records %d seconds %.1f records_per_second %.1f\n", n, b - a, n / (b - a) }'
"$majlis" search --data "$work/data" --json --limit 1 "المادة" | python3 -c 'import json, sys; print("search total", json.load(sys.stdin).get("total"))'
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
