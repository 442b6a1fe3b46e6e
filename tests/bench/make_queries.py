#!/usr/bin/env python3
"""Draw Arabic search queries from the article texts, one per line.

Half are single words, three tenths two adjacent words, and one fifth quoted
two-word phrases, all taken from random articles so each can match. Only words
of three or more Arabic letters are used. The generator is seeded, so every run uses the same queries.

Usage: make_queries.py ARTICLES_TSV COUNT > queries.txt
"""
import random
import re
import sys

WORD = re.compile(r"^[\u0621-\u064a]{3,}$")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    texts = [line.split("\t", 1)[1].split() for line in open(sys.argv[1], encoding="utf-8") if "\t" in line]
    count = int(sys.argv[2])
    rng = random.Random(7)
    queries = []
    while len(queries) < count:
        words = rng.choice(texts)
        if len(words) < 3:
            continue
        i = rng.randrange(len(words) - 1)
        first, second = words[i], words[i + 1]
        share = len(queries) / count
        if share < 0.5 and WORD.match(first):
            queries.append(first)
        elif 0.5 <= share < 0.8 and WORD.match(first) and WORD.match(second):
            queries.append(f"{first} {second}")
        elif share >= 0.8 and WORD.match(first) and WORD.match(second):
            queries.append(f'"{first} {second}"')
    print("\n".join(queries))


if __name__ == "__main__":
    main()
