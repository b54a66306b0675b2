#!/usr/bin/env python3
"""What a relabelling rule would do to a parser's output, before it is written in C++.

usage: label_rules_probe.py GOLD.conllu PRED.conllu [--rules a,b] [--train FILE...]

PRED is `chronicle extract --input conllu --format conllu` of GOLD. Each rule reads the finished
tree (heads, relations, UPOS, XPOS, lemmas) and proposes new relations; the probe counts, among the
words whose relation it changes, those it fixes (right head, new relation the gold one), breaks (old
relation was right) or leaves wrong, and those with a wrong head (no LAS either way). The rules run
on the output of the whole parse (reviser included), so the figure is what the rule would add run
last. Rules marked "lexical" count bare nominals' relations by lemma in --train (gold trees).
"""
import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from head_errors import read as words  # noqa: E402

SUBJECTS = {"nsubj", "nsubj:pass", "csubj", "csubj:pass"}
NOMINAL = {"NOUN", "PROPN", "PRON"}
NOMINAL_ARGS = {"nsubj", "nsubj:pass", "obj", "iobj", "obl", "nmod", "obl:unmarked"}


def head(s, i):
    return int(s[i][6]) - 1


def children(s):
    kids = {i: [] for i in range(-1, len(s))}
    for i in range(len(s)):
        kids[head(s, i)].append(i)
    return kids


def dependents(s):
    """(word, head) of every word but the root."""
    return ((i, head(s, i)) for i in range(len(s)) if head(s, i) >= 0)


def bare(kids, rels, i):
    return not any(rels[c] in ("case", "mark") for c in kids[i])


# Each rule: (sentence, relations) -> {word: new relation}. UD pages cited are
# https://universaldependencies.org/u/dep/REL.html and .../en/dep/REL.html.


def most_of(s, rels):
    """nmod (u/dep/nmod): an oblique under an ADJ that is itself a nominal argument ("most of them")."""
    return {i: "nmod" for i in range(len(s))
            if rels[i] == "obl" and head(s, i) >= 0 and s[head(s, i)][3] == "ADJ"
            and rels[head(s, i)] in NOMINAL_ARGS}


def iobj_first_of_two(s, rels):
    """iobj (u/dep/iobj): of two bare nominal objects after a verb, the first is the indirect one."""
    kids, out = children(s), {}
    for h, ks in kids.items():
        if h < 0 or s[h][3] != "VERB":
            continue
        objs = [k for k in ks if rels[k] == "obj" and k > h and bare(kids, rels, k)]
        if len(objs) >= 2:
            out[objs[0]] = "iobj"
    return out


def outer_subject(s, rels):
    """nsubj:outer (en/dep/nsubj-outer): of two nominal subjects of one predicate, the outer one."""
    kids, out = children(s), {}
    for h, ks in kids.items():
        subs = [k for k in ks if rels[k] == "nsubj" and k < h]
        if h >= 0 and len(subs) >= 2:
            out[subs[0]] = "nsubj:outer"
    return out


def expl_there(s, rels):
    """expl (en/dep/expl): existential "there" (EX)."""
    return {i: "expl" for i in range(len(s)) if s[i][4] == "EX" and rels[i] in ("nsubj", "advmod", "obj")}


def relcl_by_relative_word(s, rels):
    """acl:relcl (en/dep/acl-relcl): an acl with a relative word (WDT, WP, WP$, WRB) before its verb."""
    kids, out = children(s), {}
    for i in range(len(s)):
        if rels[i] == "acl" and 0 <= head(s, i) < i and any(
                c < i and (s[c][4] in ("WDT", "WP", "WP$") or (s[c][4] == "WRB" and rels[c] == "advmod"))
                for c in kids[i]):
            out[i] = "acl:relcl"
    return out


def ccomp_with_subject(s, rels):
    """xcomp (u/dep/xcomp): a clausal complement with its own subject is no xcomp but ccomp."""
    kids = children(s)
    return {i: "ccomp" for i in range(len(s))
            if rels[i] == "xcomp" and any(rels[c] in SUBJECTS for c in kids[i])}


def predeterminer(s, rels):
    """det:predet (en/dep/det-predet): "all/both/half/such" before another determiner of the noun."""
    kids, out = children(s), {}
    for h, ks in kids.items():
        dets = [k for k in ks if rels[k] in ("det", "det:predet") and k < h]
        if h >= 0 and len(dets) >= 2 and s[dets[0]][2].lower() in ("all", "both", "half", "such", "quite", "rather"):
            out[dets[0]] = "det:predet"
    return out


def possessive(s, rels):
    """nmod:poss (en/dep/nmod-poss): PRP$/WP$, or a nominal with a possessive 's before its head."""
    kids, out = children(s), {}
    for i in range(len(s)):
        if rels[i] in ("nmod", "det", "nsubj", "compound", "obj") and s[i][4] in ("PRP$", "WP$"):
            out[i] = "nmod:poss"
        elif rels[i] in ("nmod", "compound", "det") and head(s, i) > i and any(
                rels[c] == "case" and s[c][4] == "POS" for c in kids[i]):
            out[i] = "nmod:poss"
    return out


def passive_auxiliary(s, rels):
    """aux:pass (u/dep/aux-pass) needs a VBN verb: be/get + VBN is aux:pass, else aux (verb) or cop."""
    out = {}
    for i, h in dependents(s):
        if rels[i] == "aux" and s[i][2] in ("be", "get") and s[h][4] == "VBN" and h > i:
            out[i] = "aux:pass"
        elif rels[i] == "aux:pass" and s[h][4] != "VBN":
            out[i] = "aux" if s[h][3] == "VERB" else "cop"
        elif rels[i] == "cop" and s[h][3] == "VERB" and s[h][4] == "VBN":
            out[i] = "aux:pass"
    return out


def particle(s, rels):
    """compound:prt (en/dep/compound-prt): an RP under a verb; advmod for anything else so labelled."""
    out = {}
    for i, h in dependents(s):
        if rels[i] == "compound:prt" and s[i][4] != "RP":
            out[i] = "advmod"
        elif rels[i] == "advmod" and s[i][4] == "RP" and s[h][3] == "VERB":
            out[i] = "compound:prt"
    return out


def mark_or_case(s, rels):
    """mark (u/dep/mark) introduces a clause, case (u/dep/case) a nominal: by the head's tag."""
    kids, out = children(s), {}
    for i, h in dependents(s):
        if (rels[i] == "case" and s[h][3] == "VERB" and h > i and s[h][4] in ("VB", "VBD", "VBZ", "VBP")
                and not any(rels[c] == "case" for c in kids[h] if c != i)):
            out[i] = "mark"
        elif (rels[i] == "mark" and s[h][3] in NOMINAL and s[i][4] != "TO"
              and not any(rels[c] in ("cop", "nsubj", "aux") for c in kids[h])):
            out[i] = "case"
    return out


def clausal_passive_subject(s, rels):
    """csubj:pass (u/dep/csubj-pass): a clausal subject of a head with aux:pass (as nsubj:pass)."""
    kids = children(s)
    return {i: ("csubj:pass" if any(rels[c] == "aux:pass" for c in kids[head(s, i)]) else "csubj")
            for i in range(len(s)) if rels[i] in ("csubj", "csubj:pass") and head(s, i) >= 0}


class Lexicon:
    """Relations of bare nominals, counted by lemma (and by verb lemma for two objects) in gold trees."""

    def __init__(self, files):
        self.bare = collections.defaultdict(collections.Counter)
        self.objects = collections.defaultdict(collections.Counter)
        for f in files:
            for s in words(f):
                rels = [w[7] for w in s]
                kids = children(s)
                for i, w in enumerate(s):
                    if head(s, i) >= 0 and w[3] in ("NOUN", "PROPN") and bare(kids, rels, i):
                        self.bare[w[2].lower()][w[7]] += 1
                for h, ks in kids.items():
                    if h < 0 or s[h][3] != "VERB":
                        continue
                    noms = [k for k in ks if k > h and rels[k] in ("obj", "iobj", "xcomp")
                            and s[k][3] in NOMINAL | {"ADJ", "NUM"} and bare(kids, rels, k)]
                    if 1 <= len(noms) <= 2:
                        self.objects[s[h][2].lower()][tuple(rels[k] for k in noms)] += 1


LEXICON = None


def two_objects_by_verb(s, rels):
    """lexical: iobj + obj (u/dep/iobj) or obj + xcomp (en/dep/xcomp, "call him a hero") by the verb."""
    kids, out = children(s), {}
    for h, ks in kids.items():
        if h < 0 or s[h][3] != "VERB":
            continue
        objs = [k for k in ks if k > h and rels[k] in ("obj", "iobj", "xcomp")
                and s[k][3] in NOMINAL | {"ADJ", "NUM"} and bare(kids, rels, k)]
        if len(objs) != 2:
            continue
        seen = LEXICON.objects[s[h][2].lower()]
        best = max((("iobj", "obj"), ("obj", "xcomp")), key=lambda p: seen[p])
        if seen[best] >= 2:
            out[objs[0]], out[objs[1]] = best
    return out


def one_object_by_verb(s, rels):
    """lexical: a bare nominal after "become", "remain" ... is xcomp (en/dep/xcomp), by the verb."""
    kids, out = children(s), {}
    for h, ks in kids.items():
        if h < 0 or s[h][3] != "VERB":
            continue
        objs = [k for k in ks if k > h and rels[k] in ("obj", "xcomp")
                and s[k][3] in NOMINAL | {"ADJ", "NUM"} and bare(kids, rels, k)]
        seen = LEXICON.objects[s[h][2].lower()]
        if len(objs) == 1 and seen[("obj",)] + seen[("xcomp",)] >= 5:
            if seen[("xcomp",)] > 3 * seen[("obj",)]:
                out[objs[0]] = "xcomp"
            elif seen[("obj",)] > 3 * seen[("xcomp",)]:
                out[objs[0]] = "obj"
    return out


def unmarked_by_noun(s, rels):
    """lexical: obl:unmarked / nmod:unmarked (en/dep/obl-unmarked) for a bare noun whose lemma is so
    used >= 80% of the time (days, weeks, "home")."""
    kids, out = children(s), {}
    for i, w in enumerate(s):
        h = head(s, i)
        if h < 0 or w[3] not in ("NOUN", "PROPN") or not bare(kids, rels, i):
            continue
        seen = LEXICON.bare[w[2].lower()]
        total = sum(seen.values())
        if total >= 5 and rels[i] in ("obj", "compound", "nsubj", "obl:unmarked", "nmod:unmarked") and \
                seen["obl:unmarked"] + seen["nmod:unmarked"] >= 0.8 * total:
            out[i] = "nmod:unmarked" if s[h][3] in NOMINAL else "obl:unmarked"
    return out


RULES = [most_of, iobj_first_of_two, outer_subject, expl_there, relcl_by_relative_word, ccomp_with_subject,
         predeterminer, possessive, passive_auxiliary, particle, mark_or_case, clausal_passive_subject,
         two_objects_by_verb, one_object_by_verb, unmarked_by_noun]


def main():
    global LEXICON
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--rules", default=",".join(r.__name__ for r in RULES))
    ap.add_argument("--train", nargs="*", default=[])
    args = ap.parse_args()
    chosen = [r for r in RULES if r.__name__ in args.rules.split(",")]
    if any(r.__doc__.startswith("lexical") for r in chosen):
        LEXICON = Lexicon(args.train)
    counts = collections.Counter()
    total = 0
    for g, p in zip(words(args.gold), words(args.pred)):
        total += len(g)
        rels = [w[7] for w in p]
        for rule in chosen:
            for i, new in rule(p, rels).items():
                if new == rels[i]:
                    continue
                name = rule.__name__
                if g[i][6] != p[i][6]:
                    counts[name, "wrong head"] += 1
                elif new == g[i][7]:
                    counts[name, "fixed"] += 1
                elif rels[i] == g[i][7]:
                    counts[name, "broken"] += 1
                else:
                    counts[name, "wrong either way"] += 1
    print("| rule | fixed | broken | wrong either way | wrong head | LAS |")
    print("|---|---|---|---|---|---|")
    for rule in chosen:
        n = rule.__name__
        c = [counts[n, k] for k in ("fixed", "broken", "wrong either way", "wrong head")]
        print(f"| {n} | {c[0]} | {c[1]} | {c[2]} | {c[3]} | {100 * (c[0] - c[1]) / total:+.2f} |")


if __name__ == "__main__":
    main()
