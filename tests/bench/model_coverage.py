#!/usr/bin/env python3
"""Share of ground-truth characters a Tesseract model cannot output.

Usage: model_coverage.py MODEL.traineddata TRUTH.gt.txt...

Unpacks the model's LSTM character set with `combine_tessdata -u` and counts,
after the normalisation of the shared `cer` tool (NFKC, tatweel and bidi
controls removed, whitespace collapsed), the characters of the truth texts
that the set lacks. Each of them is at least one error in any output of that
model, so their share is a floor under its character error rate. The missing
characters are listed by count.
"""
import collections
import pathlib
import re
import subprocess
import sys
import tempfile
import unicodedata

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]")


def model_characters(model):
    with tempfile.TemporaryDirectory() as folder:
        prefix = pathlib.Path(folder) / "model."
        subprocess.run(["combine_tessdata", "-u", model, str(prefix)], check=True, capture_output=True)
        lines = pathlib.Path(str(prefix) + "lstm-unicharset").read_text(encoding="utf-8").splitlines()[1:]
    characters = set()
    for line in lines:
        entry = line.split(" ", 1)[0]
        characters.update(entry)
    return characters


def normalise(text):
    text = unicodedata.normalize("NFKC", text)
    return "".join(BIDI_CONTROLS.sub("", text).replace("\u0640", "").split())


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__.strip().splitlines()[2])
    known = model_characters(sys.argv[1])
    total = 0
    missing = collections.Counter()
    for path in sys.argv[2:]:
        text = normalise(pathlib.Path(path).read_text(encoding="utf-8"))
        total += len(text)
        missing.update(c for c in text if c not in known)
    count = sum(missing.values())
    print(f"{count} of {total} characters ({count / max(total, 1):.4f}) are not in the model's character set")
    for character, n in missing.most_common():
        print(f"  U+{ord(character):04X} {unicodedata.name(character, '?')}: {n}")


if __name__ == "__main__":
    main()
