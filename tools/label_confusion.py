#!/usr/bin/env python3
"""Labels of arcs with the right head: which gold relation the parser names as which.

usage: label_confusion.py GOLD.conllu PRED.conllu [--top N]
The files must hold the same words in the same order (PRED: `chronicle extract --input conllu
--format conllu` of GOLD). Prints UAS, LAS, and the top N (gold -> predicted) pairs among arcs
whose head is right, how many of them have a wrong UPOS on the word or its head, and the LAS each
would add if every such arc were labelled right.
"""
import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from head_errors import read as words  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args()
    total = uas = las = 0
    pairs = collections.Counter()
    tag_errors = collections.Counter()
    for g, p in zip(words(args.gold), words(args.pred)):
        assert len(g) == len(p), (g[0], p[0])
        for gw, pw in zip(g, p):
            total += 1
            if gw[6] != pw[6]:
                continue
            uas += 1
            if gw[7] == pw[7]:
                las += 1
            else:
                pairs[(gw[7], pw[7])] += 1
                h = int(gw[6]) - 1
                if gw[3] != pw[3] or (h >= 0 and g[h][3] != p[h][3]):
                    tag_errors[(gw[7], pw[7])] += 1
    print(f"words {total}  UAS {100 * uas / total:.2f}  LAS {100 * las / total:.2f}  "
          f"right head, wrong label {uas - las} ({100 * (uas - las) / total:.2f}%)")
    print(f"of which with a wrong UPOS on the word or its head: {sum(tag_errors.values())}")
    print("| gold | predicted | arcs | with a tag error | LAS if fixed |")
    print("|---|---|---|---|---|")
    for (gl, pl), c in pairs.most_common(args.top):
        print(f"| {gl} | {pl} | {c} | {tag_errors[(gl, pl)]} | +{100 * c / total:.2f} |")


if __name__ == "__main__":
    main()
