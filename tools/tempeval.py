#!/usr/bin/env python3
"""TempEval-3 Task A (temporal expressions) scoring.

Compares system TimeML files with gold TimeML files of the same names, as the
TempEval-3 evaluation did: TIMEX3 extents inside <TEXT> (the DCT's TIMEX3 is
not scored), matched one-to-one by

  strict:  identical character extent,
  relaxed: overlapping extents,

giving precision, recall and F1 for each; over the relaxed matches the accuracy
of the TIMEX3 type and of the value, and the attribute F1 scores TempEval-3
ranked by: type F1 = relaxed F1 x type accuracy, value F1 = relaxed F1 x value
accuracy.

Usage:
  tools/tempeval.py GOLD_DIR SYSTEM_DIR [--errors FILE]
Both folders hold *.tml files; documents missing from SYSTEM_DIR count as
having no system TIMEX3 at all. Exit status 2 on bad usage, 1 when a folder is
missing.
"""
import argparse
import html
import os
import re
import sys

TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>", re.S)
ATTR = re.compile(r'([A-Za-z_:]+)="([^"]*)"')


def read_timexes(path):
    """(plain text of TEXT, [(start, end, attrs)]) with offsets in the plain text."""
    with open(path, encoding="utf-8", errors="replace") as f:
        s = f.read()
    b = s.find("<TEXT>")
    e = s.rfind("</TEXT>")
    if b < 0 or e < 0:
        return "", []
    body = s[b + len("<TEXT>"):e]
    out = []
    stack = []
    text = []
    pos = 0
    length = 0
    for m in TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        text.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs, selfclose = m.group(1), m.group(2), m.group(3), m.group(4)
        if name != "TIMEX3":
            continue
        if closing:
            if stack:
                start, a = stack.pop()
                out.append((start, length, a))
        elif not selfclose:
            stack.append((length, dict(ATTR.findall(attrs))))
    chunk = html.unescape(body[pos:])
    text.append(chunk)
    return "".join(text), out


def match(gold, system, overlap):
    """Greedy one-to-one matching in text order; returns [(g, s)] index pairs."""
    pairs = []
    used = set()
    for gi, (gb, ge, _) in enumerate(gold):
        for si, (sb, se, _) in enumerate(system):
            if si in used:
                continue
            ok = (sb < ge and gb < se) if overlap else (sb == gb and se == ge)
            if ok:
                pairs.append((gi, si))
                used.add(si)
                break
    return pairs


def prf(matched_sys, matched_gold, n_sys, n_gold):
    p = matched_sys / n_sys if n_sys else 0.0
    r = matched_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", help="folder of gold *.tml (searched recursively)")
    ap.add_argument("system", help="folder of system *.tml (same file names)")
    ap.add_argument("--errors", help="write every disagreement to this file")
    args = ap.parse_args()
    for d in (args.gold, args.system):
        if not os.path.isdir(d):
            print(f"tempeval: no such folder: {d}", file=sys.stderr)
            return 1
    gold_files = {}
    for root, _, files in os.walk(args.gold):
        for name in files:
            if name.endswith(".tml"):
                gold_files[name] = os.path.join(root, name)
    sys_files = {}
    for root, _, files in os.walk(args.system):
        for name in files:
            if name.endswith(".tml"):
                sys_files[name] = os.path.join(root, name)
    n_gold = n_sys = 0
    strict = relaxed = type_ok = value_ok = 0
    errors = []
    text_mismatch = 0
    for name in sorted(gold_files):
        gtext, gold = read_timexes(gold_files[name])
        stext, system = ([], [])
        if name in sys_files:
            stext, system = read_timexes(sys_files[name])
            if stext != gtext:
                text_mismatch += 1
        n_gold += len(gold)
        n_sys += len(system)
        strict += len(match(gold, system, False))
        rel = match(gold, system, True)
        relaxed += len(rel)
        matched_g = {g for g, _ in rel}
        matched_s = {s for _, s in rel}
        for g, s in rel:
            ga, sa = gold[g][2], system[s][2]
            t_ok = ga.get("type") == sa.get("type")
            v_ok = ga.get("value") == sa.get("value")
            type_ok += t_ok
            value_ok += v_ok
            if not (t_ok and v_ok) or gold[g][:2] != system[s][:2]:
                errors.append(f"{name}\tMATCH\tgold={gtext[gold[g][0]:gold[g][1]]!r} {ga.get('type')} {ga.get('value')}"
                              f"\tsys={gtext[system[s][0]:system[s][1]]!r} {sa.get('type')} {sa.get('value')}")
        for g, (b, e, ga) in enumerate(gold):
            if g not in matched_g:
                ctx = gtext[max(0, b - 40):b].replace("\n", " ")
                errors.append(f"{name}\tMISS\t{gtext[b:e]!r} {ga.get('type')} {ga.get('value')}\t...{ctx}")
        for s, (b, e, sa) in enumerate(system):
            if s not in matched_s:
                ctx = gtext[max(0, b - 40):b].replace("\n", " ") if gtext else ""
                errors.append(f"{name}\tSPURIOUS\t{gtext[b:e]!r} {sa.get('type')} {sa.get('value')}\t...{ctx}")
    sp, sr, sf = prf(strict, strict, n_sys, n_gold)
    rp, rr, rf = prf(relaxed, relaxed, n_sys, n_gold)
    tacc = type_ok / relaxed if relaxed else 0.0
    vacc = value_ok / relaxed if relaxed else 0.0
    print(f"documents {len(gold_files)}  gold TIMEX3 {n_gold}  system TIMEX3 {n_sys}")
    if text_mismatch:
        print(f"warning: {text_mismatch} system files change the text")
    print(f"{'':10}{'P':>8}{'R':>8}{'F1':>8}")
    print(f"{'strict':10}{100*sp:8.2f}{100*sr:8.2f}{100*sf:8.2f}")
    print(f"{'relaxed':10}{100*rp:8.2f}{100*rr:8.2f}{100*rf:8.2f}")
    print(f"type accuracy  {100*tacc:.2f}   type F1  {100*rf*tacc:.2f}")
    print(f"value accuracy {100*vacc:.2f}   value F1 {100*rf*vacc:.2f}")
    if args.errors:
        with open(args.errors, "w", encoding="utf-8") as f:
            f.write("\n".join(errors) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
