#!/usr/bin/env python3
"""What a second stage did to a parser's heads: the words whose head differs
between BEFORE and AFTER (CoNLL-U parses of GOLD's sentences and words, e.g.
the same parser without and with its reviser), scored against GOLD.

Prints how many moved, how many of those were fixed (head wrong before, right
after), broken (right before, wrong after) or wrong either way; per relation
BEFORE gave, the fixed and broken counts; and of the words moved to the right
head, how many carry GOLD's relation. With a third parse AFTER2 (the same heads,
other relations: e.g. moved words relabelled), its relations are counted too.
docs/ACCURACY.md, "Stop 22", has the figures for EWT dev.

    python3 tools/reviser_moves.py GOLD.conllu BEFORE.conllu AFTER.conllu [AFTER2.conllu]
"""
import collections
import sys


def read(path):
    words = []
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        words.append((cols[6], cols[7]))
    return words


def main(argv):
    if len(argv) not in (4, 5):
        sys.exit(__doc__)
    gold, before, after = (read(p) for p in argv[1:4])
    after2 = read(argv[4]) if len(argv) == 5 else None
    if not len(gold) == len(before) == len(after) or (after2 and len(after2) != len(gold)):
        sys.exit("the files have different words")
    counts = collections.Counter()
    by_relation = collections.Counter()
    for i, (g, b, a) in enumerate(zip(gold, before, after)):
        if b[0] == a[0]:
            continue
        counts["moved"] += 1
        if a[0] == g[0] and b[0] != g[0]:
            outcome = "fixed"
        elif b[0] == g[0]:
            outcome = "broken"
        else:
            outcome = "wrong either way"
        counts[outcome] += 1
        if outcome != "wrong either way":
            by_relation[b[1], outcome] += 1
        if a[0] == g[0]:
            counts["moved to the right head"] += 1
            counts["  with gold's relation"] += a[1] == g[1]
            if after2:
                counts["  with gold's relation (AFTER2)"] += after2[i][1] == g[1]
    for k in ("moved", "fixed", "broken", "wrong either way", "moved to the right head",
              "  with gold's relation", "  with gold's relation (AFTER2)"):
        if k in counts:
            print(f"{k}: {counts[k]}")
    relations = sorted({r for r, _ in by_relation},
                       key=lambda r: -(by_relation[r, "fixed"] + by_relation[r, "broken"]))
    print("relation (BEFORE)\tfixed\tbroken")
    for r in relations:
        print(f"{r}\t{by_relation[r, 'fixed']}\t{by_relation[r, 'broken']}")


if __name__ == "__main__":
    main(sys.argv)
