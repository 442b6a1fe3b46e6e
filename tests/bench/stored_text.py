#!/usr/bin/env python3
"""Write the page texts that an import stored, one file per page.

Reads the LMDB database "texts" of a data folder with mdb_dump (lmdb-utils),
where each key is an attachment's SHA-256 and each value the JSON that the
`majlis ocr --worker` children returned for it. For every FILE given, finds
its text by the file's SHA-256 and writes OUT_DIR/STEM.pNNN.txt for page NNN,
so the output lines up with the ground-truth pages that render-scans writes.

Usage: stored_text.py DATA_DIR OUT_DIR FILE...
Exits 1 when a file has no stored text.
"""
import hashlib
import json
import pathlib
import re
import subprocess
import sys

ESCAPE = re.compile(rb"\\([0-9a-fA-F]{2}|\\)")


def unescape(line):
    """Decode one value of mdb_dump's printable format: \\xx is a byte, \\\\ a backslash."""
    return ESCAPE.sub(lambda m: b"\\" if m.group(1) == b"\\" else bytes([int(m.group(1), 16)]), line)


def stored_texts(data_dir):
    dump = subprocess.run(["mdb_dump", "-p", "-s", "texts", str(pathlib.Path(data_dir) / "db")],
                          check=True, capture_output=True).stdout
    lines = dump.split(b"\n")
    body = lines[lines.index(b"HEADER=END") + 1:]
    entries = [line[1:] for line in body if line.startswith(b" ")]
    return {unescape(entries[i]).decode(): json.loads(unescape(entries[i + 1]))
            for i in range(0, len(entries) - 1, 2)}


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    texts = stored_texts(sys.argv[1])
    out = pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    missing = 0
    for name in sys.argv[3:]:
        path = pathlib.Path(name)
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        if sha not in texts:
            print(f"no stored text for {path}", file=sys.stderr)
            missing += 1
            continue
        for page in texts[sha]["pages"]:
            (out / f"{path.stem}.p{page['number']:03d}.txt").write_text(page.get("text", ""), encoding="utf-8")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
