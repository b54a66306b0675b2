#!/usr/bin/env python3
"""Entity F1 of `chronicle extract --input conll --format conll` output, as conlleval computes it.

    chronicle extract --input conll --format conll ../shared/data/conll2003/eng.testa > /tmp/pred.conll
    python3 tools/ner_eval.py ../shared/data/conll2003/eng.testa /tmp/pred.conll

GOLD is a CoNLL-2003 file (tag in the last column, IOB1 or IOB2); PRED has the
same tokens in the same order with the predicted tag in its last column.
Chunks follow conlleval's rules (exact match of span and type).
"""
import sys


def tokens(path):
    out = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            cols = line.split()
            if not cols:
                out.append(None)  # sentence boundary
            elif cols[0] == "-DOCSTART-":
                out.append(None)
            else:
                out.append((cols[0], cols[-1]))
    return out


def chunks(tags):
    """(start, end, type) chunks of an IOB1/IOB2 sequence with None boundaries."""
    result, start, ctype, prev = [], None, None, "O"
    for i, tag in enumerate(tags + [None]):
        tag = tag or "O"
        kind, _, typ = tag.partition("-")
        prev_kind, _, prev_typ = prev.partition("-")
        ends = start is not None and (kind in ("O", "B") or typ != ctype)
        if ends:
            result.append((start, i, ctype))
            start = None
        if kind == "B" or (kind == "I" and start is None):
            start, ctype = i, typ
        prev = tag
    return result


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    gold = [t for t in tokens(sys.argv[1])]
    pred = [t for t in tokens(sys.argv[2])]
    g_words = [t for t in gold if t]
    p_words = [t for t in pred if t]
    if len(g_words) != len(p_words):
        sys.exit(f"token counts differ: gold {len(g_words)}, predicted {len(p_words)}")
    for k, (g, p) in enumerate(zip(g_words, p_words)):
        if g[0] != p[0]:
            sys.exit(f"token {k} differs: gold {g[0]!r}, predicted {p[0]!r}")
    # Sentence boundaries from the gold file; tags aligned token by token.
    g_tags, p_tags, k = [], [], 0
    for t in gold:
        if t is None:
            g_tags.append(None)
            p_tags.append(None)
        else:
            g_tags.append(t[1])
            p_tags.append(p_words[k][1])
            k += 1
    g, p = set(chunks(g_tags)), set(chunks(p_tags))
    types = sorted({c[2] for c in g | p})

    def prf(gs, ps):
        c = len(gs & ps)
        pr = 100.0 * c / len(ps) if ps else 0.0
        rc = 100.0 * c / len(gs) if gs else 0.0
        f = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        return len(gs), len(ps), c, pr, rc, f

    n_g, n_p, c, pr, rc, f = prf(g, p)
    print(f"entities {n_g}, predicted {n_p}, correct {c}")
    print(f"precision {pr:.2f} recall {rc:.2f} F1 {f:.2f}")
    for t in types:
        _, _, _, pr, rc, f = prf({x for x in g if x[2] == t}, {x for x in p if x[2] == t})
        print(f"  {t:5s} precision {pr:.2f} recall {rc:.2f} F1 {f:.2f}")


if __name__ == "__main__":
    main()
