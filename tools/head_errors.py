#!/usr/bin/env python3
"""Where the right head is when a parser's is wrong, relative to the parser's tree.

For every non-PUNCT word of PARSED (CoNLL-U, the same sentences and words as
GOLD) whose head differs from GOLD's, the first kind that holds: the head's head
(gp; gp-root when that is the root), a sibling, the word's own child, the
great-grandparent, a sibling's child (nephew), a child's child, the head's
sibling (uncle), elsewhere. Then, per relation the parser gave, the same counts;
then the full inversions (the word under its own child c, c under the word's
head in GOLD) and where the word's other dependents go in GOLD. The reviser's
candidates (extract/tree_revision.h) are the first kinds; docs/ACCURACY.md,
"Stop 20", has the figures for the fold parses of EWT train + GUM.

    python3 tools/head_errors.py GOLD.conllu PARSED.conllu
"""
import collections
import sys


def read(path):
    sents, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if cur:
                sents.append(cur)
                cur = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        cur.append(cols)
    if cur:
        sents.append(cur)
    return sents


def kind_of(gh, d, head, kids):
    h = head[d]
    gp = head[h] if h >= 0 else None
    if gp is not None and gh == gp:
        return "gp" if gp >= 0 else "gp-root"
    if h >= 0 and gh in kids[h]:
        return "sibling"
    if gh in kids[d]:
        return "child"
    if gp is not None and gp >= 0 and gh == head[gp]:
        return "great-gp"
    if h >= 0 and any(gh in kids[s] for s in kids[h] if s != d):
        return "nephew"
    if any(gh in kids[k] for k in kids[d]):
        return "grandchild"
    if gp is not None and gp >= 0 and gh in kids[gp]:
        return "uncle"
    return "other"


def main(gold_path, parsed_path):
    gold, parsed = read(gold_path), read(parsed_path)
    kinds, by_rel = collections.Counter(), collections.defaultdict(collections.Counter)
    seen, wrong_by_rel = collections.Counter(), collections.Counter()
    inversions, others = collections.Counter(), collections.Counter()
    words = wrong = 0
    for gs, ps in zip(gold, parsed):
        head = [int(t[6]) - 1 for t in ps]
        ghead = [int(t[6]) - 1 for t in gs]
        kids = collections.defaultdict(list)
        for i, h in enumerate(head):
            kids[h].append(i)
        for d, t in enumerate(ps):
            c = ghead[d]
            if c >= 0 and c != head[d] and head[c] == d:
                full = ghead[c] == head[d]
                inversions[("root" if head[d] < 0 else "non-root", "full" if full else "partial")] += 1
                for k in kids[d] if full else []:
                    if k == c:
                        continue
                    side = "far side"
                    if (k - d) * (c - d) > 0:
                        side = "between" if min(c, d) < k < max(c, d) else "beyond c"
                    goes = "with c" if ghead[k] == c else ("stays" if ghead[k] == d else "elsewhere")
                    others[(side, "mark" if ps[k][3] == "PUNCT" else "word", goes)] += 1
            if t[3] == "PUNCT":
                continue
            words += 1
            seen[t[7]] += 1
            if ghead[d] == head[d]:
                continue
            wrong += 1
            wrong_by_rel[t[7]] += 1
            k = kind_of(ghead[d], d, head, kids)
            kinds[k] += 1
            by_rel[t[7]][k] += 1
    print(f"words {words}, wrong heads {wrong}")
    for k, v in kinds.most_common():
        print(f"  {k:10s} {v:6d} {100 * v / max(wrong, 1):5.1f}%")
    names = [k for k, _ in kinds.most_common()]
    print("%-14s %6s %6s %5s " % ("relation", "seen", "wrong", "rate") + " ".join("%10s" % k for k in names))
    for rel, w in wrong_by_rel.most_common(30):
        print("%-14s %6d %6d %5.2f " % (rel, seen[rel], w, w / seen[rel])
              + " ".join("%10d" % by_rel[rel][k] for k in names))
    print("inversions:", dict(inversions))
    for key, v in sorted(others.items()):
        print("  other dependent", key, v)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
