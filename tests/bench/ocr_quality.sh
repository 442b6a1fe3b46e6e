#!/usr/bin/env bash
# OCR quality: character and word error rates (CER, WER) of the text that
# `majlis import` stores, against raw `tesseract PAGE out -l ara` on the same
# page images, both scored by the shared `cer` tool against the ground truth.
#
# The pipeline's text is read back from the data folder's LMDB "texts"
# database (stored_text.py), which is what the import's `majlis ocr --worker`
# children returned, so it measures the pipeline as imported: the page image
# (the embedded scan, or Poppler's rendering), clean-up, Tesseract and the
# text filters.
#
# Two sets: the dev scans of the shared corpus (4 PDFs, 12 pages), and an
# extra set rendered here from five other statutes in font and noise pairs
# that the dev set does not contain (2 pages each).
#
# Usage: tests/bench/ocr_quality.sh MAJLIS WORK_DIR
#   MAJLIS    the built majlis binary
#   WORK_DIR  scratch folder, created; results in WORK_DIR/*.cer
set -euo pipefail

majlis=$(realpath "$1")
work=$(realpath -m "$2")
here=$(dirname "$(realpath "$0")")
shared=${MAJLIS_SHARED_DIR:-$(realpath "$here/../../../shared")}
cer="$shared/tools/cer"
statutes="$shared/corpus/laws/statutes"
mkdir -p "$work"

# Scores one folder of NAME.pdf, NAME.pNNN.png and NAME.pNNN.gt.txt files.
score_set() {
    local name=$1 scans=$2
    local out="$work/$name"
    rm -rf "$out"
    mkdir -p "$out/pipeline" "$out/raw"

    "$majlis" import --data "$out/data" --json "$scans"/*.pdf > "$out/import.json"
    python3 "$here/stored_text.py" "$out/data" "$out/pipeline" "$scans"/*.pdf

    for png in "$scans"/*.p[0-9][0-9][0-9].png; do
        local stem
        stem=$(basename "$png" .png)
        OMP_THREAD_LIMIT=1 tesseract "$png" "$out/raw/$stem" -l ara 2>/dev/null
    done

    for kind in pipeline raw; do
        for gt in "$scans"/*.p[0-9][0-9][0-9].gt.txt; do
            local stem
            stem=$(basename "$gt" .gt.txt)
            printf '%s\t%s\n' "$gt" "$out/$kind/$stem.txt"
        done > "$out/$kind.pairs"
        "$cer" --pairs "$out/$kind.pairs" > "$work/$name.$kind.cer"
        echo "$name $kind $(tail -1 "$work/$name.$kind.cer")"
    done
}

# Font and noise pairs absent from the dev set, each with another statute.
render_extra() {
    local out="$work/extra-scans"
    rm -rf "$out"
    local pairs=("amiri clean" "amiri poor" "naskh poor" "kacst clean" "kacst office")
    # The 10th, 60th, 110th, 200th and 260th statute in file-name order,
    # none of them a municipal law that the dev set was typeset from.
    local texts=()
    mapfile -t texts < <(find "$statutes" -name '*.md' | LC_ALL=C sort | sed -n '10p;60p;110p;200p;260p')
    for i in "${!pairs[@]}"; do
        read -r font noise <<< "${pairs[$i]}"
        "$shared/tools/render-scans" "$out" --font "$font" --noise "$noise" --max-pages 2 --seed $((i + 1)) \
            "${texts[$i]}"
    done
}

score_set dev "$shared/corpus/scans/dev"
render_extra
score_set extra "$work/extra-scans"
