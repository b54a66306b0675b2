#!/usr/bin/env python3
"""How much of a gold treebank a lexical association table would cover.

Counts the pairs `count_associations()` (extract/lexical_association.cc)
counts in PARSED (automatically parsed CoNLL-U, e.g. Reuters by the shipped
models): every non-punctuation arc as (head, dependent) by lowercase form, the
dependent left (L, the root as the head "<root>") or right (R) of its head, and
(head, case marker) of a nominal on its head's right (C). Then prints, per
kind, how many of GOLD's pairs were seen at least MIN times in PARSED
(docs/ACCURACY.md, "Stop 21").

    python3 tools/association_coverage.py PARSED.conllu GOLD.conllu [MIN]
"""
import collections
import sys


def sentences(path):
    sent = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line:
                if sent:
                    yield sent
                sent = []
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            sent.append((cols[1].lower(), cols[3], int(cols[6]) - 1, cols[7]))
    if sent:
        yield sent


def pairs(sent):
    case = {}
    for i, (_, _, head, rel) in enumerate(sent):
        if rel == "case" and head > i and head not in case:
            case[head] = i
    for i, (form, upos, head, rel) in enumerate(sent):
        if upos == "PUNCT" or rel == "punct":
            continue
        if head < 0:
            yield ("L", "<root>", form)
            continue
        yield ("L" if i < head else "R", sent[head][0], form)
        if i > head and i in case:
            yield ("C", sent[head][0], sent[case[i]][0])


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    least = int(sys.argv[3]) if len(sys.argv) == 4 else 3
    seen = collections.Counter(p for s in sentences(sys.argv[1]) for p in pairs(s))
    total, covered = collections.Counter(), collections.Counter()
    for s in sentences(sys.argv[2]):
        for p in pairs(s):
            total[p[0]] += 1
            covered[p[0]] += seen[p] >= least
    for kind in sorted(total):
        print(f"{kind}\t{total[kind]}\t{covered[kind]}\t{100.0 * covered[kind] / total[kind]:.1f}%")


if __name__ == "__main__":
    main()
