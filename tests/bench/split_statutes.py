#!/usr/bin/env python3
"""Split the statutes of the shared corpus into one text per article.

An article starts at a Markdown heading "### المادة ..." and runs to the next
heading of level 1 to 3; text before the first article is dropped. Writes:

  OUT_DIR/articles/NNNNN.txt   the article's heading line and text (for majlis import)
  OUT_DIR/manifest.jsonl       {"file", "title", "type", "access"} per article (majlis import --manifest)
  OUT_DIR/articles.tsv         "title<TAB>text" per article, newlines in the text as spaces
                               (read by majlis_bench_scale)

Usage: split_statutes.py STATUTES_DIR OUT_DIR
"""
import json
import pathlib
import re
import sys

ARTICLE = re.compile(r"^###\s+المادة")
SECTION = re.compile(r"^#{1,3}\s")


def articles_of(path):
    """Yield (heading, text) for each article of one statute file."""
    heading, lines = None, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if SECTION.match(line):
            if heading and any(l.strip() for l in lines):
                yield heading, "\n".join(lines).strip()
            heading = line.lstrip("#").strip() if ARTICLE.match(line) else None
            lines = []
        elif heading:
            lines.append(line)
    if heading and any(l.strip() for l in lines):
        yield heading, "\n".join(lines).strip()


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    statutes, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    (out / "articles").mkdir(parents=True, exist_ok=True)
    count = 0
    with open(out / "manifest.jsonl", "w", encoding="utf-8") as manifest, \
         open(out / "articles.tsv", "w", encoding="utf-8") as table:
        for statute in sorted(statutes.rglob("*.md")):
            for heading, text in articles_of(statute):
                count += 1
                name = f"{count:05d}.txt"
                title = f"{statute.stem} - {heading}"
                (out / "articles" / name).write_text(f"{heading}\n{text}\n", encoding="utf-8")
                manifest.write(json.dumps({"file": f"articles/{name}", "title": title, "type": "document",
                                           "access": "public"}, ensure_ascii=False) + "\n")
                table.write(title.replace("\t", " ") + "\t" + " ".join(text.split()) + "\n")
    print(f"{count} articles", file=sys.stderr)


if __name__ == "__main__":
    main()
