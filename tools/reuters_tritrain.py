#!/usr/bin/env python3
"""Tri-training data for the parser: the Reuters sentences two parsers agree on.

Reads two `chronicle extract --format conllu` outputs of the same text (the same
tagger, two parsers) and writes, as CoNLL-U, the sentences on which both give
every token the same head and relation (Søgaard & Rishøj 2010; Weiss et al.
2015), for `chronicle train parser --pretagged`. With --teacher-only, every
sentence of the first file passes the agreement test (up-training on one
parser's output). Junk is left out first: financial tables, headlines and
lists, i.e. sentences outside 5-60 tokens, without a verb, with fewer than 60%
alphabetic words, mostly upper case, or not ending in sentence punctuation;
repeated sentences (Reuters' boilerplate) count once.

Deterministic: the kept sentences are ordered by a hash of their text and
written until --max-tokens (0: all), so a smaller cut is a subset of a larger
one, spread over the whole corpus. The derived file stays outside the
repository (the Reuters-21578 licence), rebuilt by docs/ACCURACY.md's stop 18
commands. Usage:

    tools/reuters_tritrain.py teacher.conllu greedy.conllu --max-tokens 300000 > agreed.conllu
"""
import argparse
import hashlib
import re
import sys

ALPHA = re.compile(r"^[A-Za-z][A-Za-z'.&-]*$")
FINAL = {".", "?", "!", "''", '"', "'"}


def sentences(path):
    """(text, token rows) per sentence; a token row is the list of its 10 fields."""
    text, rows = None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# text = "):
                text = line[len("# text = "):]
            elif line.startswith("#"):
                continue
            elif not line:
                if rows:
                    yield text, rows
                text, rows = None, []
            else:
                rows.append(line.split("\t"))
    if rows:
        yield text, rows


def clean(rows):
    if not 5 <= len(rows) <= 60:
        return False
    if not any(r[3] == "VERB" for r in rows):
        return False
    words = [r[1] for r in rows if r[3] != "PUNCT"]
    alpha = [w for w in words if ALPHA.match(w)]
    if len(alpha) < 0.6 * len(words):
        return False
    upper = [w for w in alpha if len(w) > 1 and w.isupper()]
    if len(upper) > 0.5 * len(alpha):
        return False
    return rows[-1][1] in FINAL


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("first", help="extract --format conllu output (the teacher's)")
    ap.add_argument("second", nargs="?", help="the same text parsed by the other parser")
    ap.add_argument("--teacher-only", action="store_true", help="keep every clean sentence of the first")
    ap.add_argument("--max-tokens", type=int, default=0, help="stop after this many tokens (0: all)")
    a = ap.parse_args()
    if not a.teacher_only and not a.second:
        ap.error("two files, or --teacher-only")
    second = sentences(a.second) if a.second else None
    seen, kept = set(), []
    total = clean_count = agree = 0
    for text, rows in sentences(a.first):
        other = next(second) if second else (text, rows)
        if [r[1] for r in other[1]] != [r[1] for r in rows]:
            sys.exit("the two files do not hold the same sentences (near %r)" % text)
        total += 1
        if not clean(rows) or text in seen:
            continue
        seen.add(text)
        clean_count += 1
        if not a.teacher_only and any(r[6:8] != o[6:8] for r, o in zip(rows, other[1])):
            continue
        agree += 1
        kept.append((hashlib.sha1(text.encode("utf-8")).hexdigest(), text, rows))
    kept.sort(key=lambda k: k[0])
    tokens = sentences_out = 0
    out = sys.stdout
    for _, text, rows in kept:
        if a.max_tokens and tokens + len(rows) > a.max_tokens:
            break
        out.write("# text = %s\n" % text)
        for r in rows:
            out.write("\t".join(r) + "\n")
        out.write("\n")
        tokens += len(rows)
        sentences_out += 1
    print("%d sentences, %d clean and distinct, %d agreed; wrote %d sentences, %d tokens"
          % (total, clean_count, agree, sentences_out, tokens), file=sys.stderr)


if __name__ == "__main__":
    main()
