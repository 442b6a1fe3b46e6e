#!/usr/bin/env bash
# OCR quality: character and word error rates (CER, WER) of the text that
# `majlis import` stores, against raw `tesseract PAGE out -l ara` on the same
# page images, both scored by the shared `cer` tool against the ground truth.
#
# The pipeline's text is read back from the data folder's LMDB "texts"
# database (stored_text.py), which is what the import's `majlis ocr --worker`
# children returned, so it measures the pipeline as imported: PDF rendering
# by Poppler, clean-up, Tesseract and the text filters.
#
# Four sets. The dev scans of the shared corpus (4 PDFs, 12 pages). An
# extra set rendered here from five other statutes in font and noise pairs
# that the dev set does not contain (2 pages each). A wide set of 20 more
# statutes in the same five pairs (2 pages each, 40 pages). An alike set of
# 20 further statutes in the dev set's own four pairs (2 pages each, 40
# pages), which checks the dev figure on pages the settings never saw. Every set is
# also scored on its page PNGs with `majlis ocr PAGE.png` (no PDF
# rendering), the dev and wide sets by halves too. The wide set is
# split by statute into halves A and B (two statutes of each pair in each),
# so that a setting chosen on one half can be checked on the other.
#
# Usage: tests/bench/ocr_quality.sh MAJLIS WORK_DIR [SETS]
#   MAJLIS    the built majlis binary
#   WORK_DIR  scratch folder, created; results in WORK_DIR/*.cer
#   SETS      which sets to score, any of "dev extra wide alike" (default all)
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

# Writes the pairs file of `cer --pairs` for the pages (*.gt.txt) listed on
# the standard input, with their outputs in folder $1.
write_pairs() {
    local outputs=$1 gt
    while read -r gt; do
        printf '%s\t%s\n' "$gt" "$outputs/$(basename "$gt" .gt.txt).txt"
    done
}

# Scores page PNGs with `majlis ocr PAGE.png` and raw Tesseract, one
# process a page, and records the CPU seconds of each. HALVES, when given,
# is a folder with half-A.txt and half-B.txt, one "/NAME." a line: the pages
# whose paths contain it are scored as that half too.
score_pngs() {
    local name=$1 scans=$2 halves=${3:-}
    local out="$work/$name"
    rm -rf "$out"
    mkdir -p "$out/pipeline" "$out/raw"

    local png stem start
    for png in "$scans"/*.p[0-9][0-9][0-9].png; do
        stem=$(basename "$png" .png)
        /usr/bin/time -f "%U %S" -a -o "$out/pipeline.times" \
            "$majlis" ocr --json "$png" 2>/dev/null > "$out/pipeline/$stem.json"
        python3 -c 'import json, sys; print("\n".join(p["text"] for p in json.load(sys.stdin)["pages"]))' \
            < "$out/pipeline/$stem.json" > "$out/pipeline/$stem.txt"
        OMP_THREAD_LIMIT=1 /usr/bin/time -f "%U %S" -a -o "$out/raw.times" \
            tesseract "$png" "$out/raw/$stem" -l ara 2>/dev/null
    done

    local kind half
    for kind in pipeline raw; do
        ls "$scans"/*.p[0-9][0-9][0-9].gt.txt | write_pairs "$out/$kind" > "$out/$kind.pairs"
        "$cer" --pairs "$out/$kind.pairs" > "$work/$name.$kind.cer"
        echo "$name $kind $(tail -1 "$work/$name.$kind.cer")" \
            "cpu $(awk '{ s += $1 + $2 } END { printf "%.2f s/page", s / NR }' "$out/$kind.times")"
        [[ -n $halves ]] || continue
        for half in A B; do
            grep -F -f "$halves/half-$half.txt" "$out/$kind.pairs" > "$out/$kind.$half.pairs"
            echo "$name-$half $kind $("$cer" --pairs "$out/$kind.$half.pairs" | tail -1)"
        done
    done
}

# Twenty statutes, the 15th, 29th, 43rd, ... (every 14th in file-name order),
# none of them in the extra set or among the municipal laws of the dev set,
# four for each font and noise pair of the extra set. The first two of each
# pair make half A and the other two half B.
render_wide() {
    local out="$work/wide-scans"
    rm -rf "$out"
    mkdir -p "$out"
    local pairs=("amiri clean" "amiri poor" "naskh poor" "kacst clean" "kacst office")
    local texts=()
    mapfile -t texts < <(find "$statutes" -name '*.md' | LC_ALL=C sort | sed -n '15~14p' | head -20)
    local i font noise text stem
    for i in "${!texts[@]}"; do
        read -r font noise <<< "${pairs[$((i / 4))]}"
        text=${texts[$i]}
        "$shared/tools/render-scans" "$out" --font "$font" --noise "$noise" --max-pages 2 --seed $((i + 11)) \
            "$text" 2>/dev/null
        stem=$(basename "$text" .md | tr ' ' '_').$font.$noise.
        if (( i % 4 < 2 )); then echo "/$stem" >> "$out/half-A.txt"; else echo "/$stem" >> "$out/half-B.txt"; fi
    done
}

# Twenty statutes, the 24th, 38th, 52nd, ... (every 14th in file-name order),
# none of them in the extra or wide sets or among the municipal laws of the
# dev set, five for each of the dev set's font and noise pairs.
render_alike() {
    local out="$work/alike-scans"
    rm -rf "$out"
    mkdir -p "$out"
    local pairs=("amiri office" "naskh clean" "naskh office" "kacst poor")
    local texts=()
    mapfile -t texts < <(find "$statutes" -name '*.md' | LC_ALL=C sort | sed -n '24~14p' | head -20)
    local i font noise
    for i in "${!texts[@]}"; do
        read -r font noise <<< "${pairs[$((i / 5))]}"
        "$shared/tools/render-scans" "$out" --font "$font" --noise "$noise" --max-pages 2 --seed $((i + 31)) \
            "${texts[$i]}" 2>/dev/null
    done
}

# The dev set's halves: its PDFs in code-point order, alternately.
split_dev() {
    local out="$work/dev-halves" i=0 pdf
    rm -rf "$out"
    mkdir -p "$out"
    while read -r pdf; do
        echo "/$(basename "$pdf" pdf)" >> "$out/half-$([[ $((i % 2)) == 0 ]] && echo A || echo B).txt"
        i=$((i + 1))
    done < <(ls "$shared/corpus/scans/dev"/*.pdf | LC_ALL=C sort)
}

sets=${3:-dev extra wide alike}
if [[ " $sets " == *" dev "* ]]; then
    score_set dev "$shared/corpus/scans/dev"
    split_dev
    score_pngs dev-png "$shared/corpus/scans/dev" "$work/dev-halves"
fi
if [[ " $sets " == *" extra "* ]]; then
    render_extra
    score_set extra "$work/extra-scans"
    score_pngs extra-png "$work/extra-scans"
fi
if [[ " $sets " == *" wide "* ]]; then
    render_wide
    score_pngs wide "$work/wide-scans" "$work/wide-scans"
fi
if [[ " $sets " == *" alike "* ]]; then
    render_alike
    score_pngs alike "$work/alike-scans"
fi
