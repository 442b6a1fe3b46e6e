#!/usr/bin/env bash
# Peak resident memory of `majlis import` of about 200 scanned pages, summed
# over the import process and its `majlis ocr` children (tree_rss.py), and
# the pages a minute of that import.
#
# The pages are COPIES copies of the dev scans (12 pages each, default 17,
# so 204 pages). Each copy gets a different trailing PDF comment, so its
# SHA-256 differs and the store extracts it again instead of sharing one
# attachment. PDF readers ignore bytes after %%EOF.
#
# Usage: tests/bench/import_memory.sh MAJLIS WORK_DIR [COPIES]
set -euo pipefail

majlis=$(realpath "$1")
work=$(realpath -m "$2")
copies=${3:-17}
here=$(dirname "$(realpath "$0")")
shared=${MAJLIS_SHARED_DIR:-$(realpath "$here/../../../shared")}

rm -rf "$work"
mkdir -p "$work/pdfs"
for copy in $(seq 1 "$copies"); do
    for pdf in "$shared"/corpus/scans/dev/*.pdf; do
        target="$work/pdfs/$(basename "$pdf" .pdf).copy$copy.pdf"
        cp "$pdf" "$target"
        printf '%% copy %d\n' "$copy" >> "$target"
    done
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/tree_rss.py" --interval 0.2 --log "$work/rss.log" -- \
    "$majlis" import --data "$work/data" --json "$work/pdfs" > "$work/import.json"
python3 -c 'import json, sys; d = json.load(open(sys.argv[1]))
print("import files %d failed %d pages %d seconds %.1f pages_per_minute %.1f"
      % (d["files"], d["failed"], d["pages"], d["seconds"], d["pages"] * 60 / d["seconds"]))' "$work/import.json"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
