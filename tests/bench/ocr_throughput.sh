#!/usr/bin/env bash
# OCR throughput end to end: `majlis import` of scanned PDFs (page images, clean,
# OCR, store, index) in pages a minute, against the peer in the same run:
# raw `tesseract PAGE out -l ara` with OMP_THREAD_LIMIT=1, two processes at a
# time, on the page PNGs of the same PDFs. The two alternate, ROUNDS times,
# so both see the same machine load.
#
# Usage: tests/bench/ocr_throughput.sh MAJLIS WORK_DIR [ROUNDS] [SCAN_DIR]
#   SCAN_DIR  NAME.pdf with NAME.pNNN.png pages (default: the shared dev scans)
# Prints one line per run: "round R pipeline|tesseract pages P seconds S pages_per_minute M".
set -euo pipefail

majlis=$(realpath "$1")
work=$(realpath -m "$2")
rounds=${3:-3}
here=$(dirname "$(realpath "$0")")
shared=${MAJLIS_SHARED_DIR:-$(realpath "$here/../../../shared")}
scans=$(realpath "${4:-$shared/corpus/scans/dev}")
mkdir -p "$work"

now() { date +%s.%N; }

report() {
    awk -v r="$1" -v k="$2" -v p="$3" -v s="$4" \
        'BEGIN { printf "round %d %s pages %d seconds %.1f pages_per_minute %.1f\n", r, k, p, s, p * 60 / s }'
}

run_pipeline() {
    rm -rf "$work/data"
    local start
    start=$(now)
    "$majlis" import --data "$work/data" --json "$scans"/*.pdf > "$work/import.json"
    local seconds pages
    seconds=$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')
    pages=$(python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(d["pages"] if not d["failed"] else 0)' \
        "$work/import.json")
    report "$1" pipeline "$pages" "$seconds"
}

run_tesseract() {
    rm -rf "$work/raw"
    mkdir -p "$work/raw"
    local start
    start=$(now)
    find "$scans" -name '*.p[0-9][0-9][0-9].png' -print0 | sort -z \
        | OMP_THREAD_LIMIT=1 xargs -0 -P 2 -I PAGE sh -c 'tesseract "$1" "$2/$(basename "$1" .png)" -l ara 2>/dev/null' \
            sh PAGE "$work/raw"
    local seconds
    seconds=$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')
    report "$1" tesseract "$(find "$work/raw" -name '*.txt' | wc -l)" "$seconds"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
    if ((round % 2)); then
        run_pipeline "$round"
        run_tesseract "$round"
    else
        run_tesseract "$round"
        run_pipeline "$round"
    fi
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
