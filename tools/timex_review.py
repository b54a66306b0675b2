#!/usr/bin/env python3
"""Read the times Chronicle gives, each in its sentence, or what changed between two extractions.

The tagger is improved by reading the times it gives on news no rule was written from
(docs/ACCURACY.md, "times of unseen news"). This tool prints them for that reading.

Input: the output of `chronicle extract ... --format jsonl` (one JSON analysis per line; a JSON
array from `--format json` is read too). The sentences are cut from the article text, found
through each document's `source` ("path:line" for JSONL input, "path" for a text file) or, with
--text, in the given input JSONL (matched by document id, else by position).

Commands:
  list EXTRACTION        every time: document id, DCT, type, value (mod, end), then its sentence
                         with the time marked [[like this]]
  diff OLD NEW           two extractions of the same input, compared by document id and span:
                         per span what changed (value or type changed, added, removed) with its
                         sentence, then the counts
  sample INPUT.jsonl     the documents `list --sample N --seed S` would pick, as input JSONL lines
                         (to extract only them)

Examples:
  python3 tools/timex_review.py sample /tmp/reuters.jsonl --sample 300 --seed 23 > /tmp/s.jsonl
  build/chronicle extract /tmp/s.jsonl --input jsonl --format jsonl -o /tmp/s.out
  python3 tools/timex_review.py list /tmp/s.out --skip-plain
  python3 tools/timex_review.py diff /tmp/main.out /tmp/new.out --text /tmp/reuters.jsonl
"""

import argparse
import json
import random
import re
import sys

# Times a reader can pass over quickly: ISO dates (datelines) and bare weekday names.
PLAIN = re.compile(r"\d{4}-\d\d-\d\d|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")


def read_analyses(path):
    """The analyses of an extraction: JSONL (one per line) or one JSON object or array."""
    with open(path, encoding="utf-8") as f:
        data = f.read()
    stripped = data.lstrip()
    if stripped.startswith("["):
        return json.loads(stripped)
    docs = []
    for number, line in enumerate(data.splitlines(), 1):
        if line.strip():
            try:
                docs.append(json.loads(line))
            except json.JSONDecodeError as err:
                sys.exit(f"{path}:{number}: not JSON ({err})")
    return docs


class Texts:
    """The input text of each document, as bytes (offsets are UTF-8 byte offsets)."""

    def __init__(self, text_jsonl):
        self.by_id, self.in_order, self.files = {}, [], {}
        if text_jsonl:
            with open(text_jsonl, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        article = json.loads(line)
                        text = article.get("text", "").encode("utf-8")
                        self.in_order.append(text)
                        if "id" in article:
                            self.by_id[str(article["id"])] = text

    def _lines(self, path):
        if path not in self.files:
            with open(path, "rb") as f:
                self.files[path] = f.read().split(b"\n")
        return self.files[path]

    def get(self, doc, position):
        meta = doc.get("document", {})
        if self.in_order:
            text = self.by_id.get(str(meta.get("id")))
            if text is None and position < len(self.in_order):
                text = self.in_order[position]
            return text
        source = meta.get("source", "")
        try:
            match = re.fullmatch(r"(.*):(\d+)", source)
            if match:  # a line of a JSONL input
                line = self._lines(match.group(1))[int(match.group(2)) - 1]
                return json.loads(line).get("text", "").encode("utf-8")
            with open(source, "rb") as f:
                return f.read()
        except (OSError, IndexError, ValueError):
            return None


def describe(time):
    parts = [time.get("type", "?"), time.get("value", "")]
    if time.get("mod"):
        parts.append("mod=" + time["mod"])
    if time.get("end_value"):
        parts.append("end=" + time["end_value"])
    return " ".join(parts)


def sentence_of(doc, text, start, end, width):
    """The sentence holding [start, end) with the span marked; cut to `width` bytes each side."""
    if text is None:
        return "(text not found; give --text INPUT.jsonl)"
    lo, hi = max(0, start - width), min(len(text), end + width)
    for s in doc.get("sentences", []):
        if s["start"] <= start < s["end"]:
            lo, hi = max(lo, s["start"]), min(hi, max(s["end"], end))
            break

    def show(b):
        return re.sub(r"\s+", " ", b.decode("utf-8", "replace"))

    return show(text[lo:start]) + "[[" + show(text[start:end]) + "]]" + show(text[end:hi])


def doc_key(doc, position):
    return str(doc.get("document", {}).get("id", position))


def sampled(count, n, seed):
    """Positions of a fixed-seed random sample of n of count documents, in their order."""
    if n is None or n >= count:
        return list(range(count))
    return sorted(random.Random(seed).sample(range(count), n))


def cmd_list(args):
    docs = read_analyses(args.extraction)
    texts = Texts(args.text)
    shown = 0
    for position in sampled(len(docs), args.sample, args.seed):
        doc = docs[position]
        text = texts.get(doc, position)
        dct = doc.get("document", {}).get("dct", "-")
        for time in doc.get("times", []):
            if args.skip_plain and PLAIN.fullmatch(time.get("text", "")):
                continue
            if args.type and time.get("type") not in args.type:
                continue
            print(f"{doc_key(doc, position)} {dct} | {time.get('text')!r} {describe(time)}")
            print("    " + sentence_of(doc, text, time["start"], time["end"], args.width))
            shown += 1
    print(f"# {shown} times", file=sys.stderr)


def cmd_diff(args):
    old_docs, new_docs = read_analyses(args.old), read_analyses(args.new)
    texts = Texts(args.text)
    old_by_key = {doc_key(d, i): d for i, d in enumerate(old_docs)}
    counts = {"changed": 0, "added": 0, "removed": 0}
    for position, new in enumerate(new_docs):
        old = old_by_key.get(doc_key(new, position))
        if old is None:
            continue
        a = {(t["start"], t["end"]): t for t in old.get("times", [])}
        b = {(t["start"], t["end"]): t for t in new.get("times", [])}
        text = None
        for span in sorted(set(a) | set(b)):
            ta, tb = a.get(span), b.get(span)
            if ta and tb and describe(ta) == describe(tb):
                continue
            if ta and tb:
                kind, what = "changed", f"{describe(ta)} -> {describe(tb)}"
            elif tb:
                kind, what = "added", describe(tb)
            else:
                kind, what = "removed", describe(ta)
            counts[kind] += 1
            if args.only and kind not in args.only:
                continue
            if text is None:
                text = texts.get(new, position)
            dct = new.get("document", {}).get("dct", "-")
            print(f"{kind:7} {doc_key(new, position)} {dct} | {what}")
            print("    " + sentence_of(new, text, span[0], span[1], args.width))
    print(" ".join(f"{k} {v}" for k, v in counts.items()))


def cmd_sample(args):
    with open(args.input, encoding="utf-8") as f:
        lines = [line for line in f if line.strip()]
    for position in sampled(len(lines), args.sample, args.seed):
        sys.stdout.write(lines[position])


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p):
        p.add_argument("--text", metavar="INPUT.jsonl",
                       help="the input JSONL the extraction was made from (default: each document's source)")
        p.add_argument("--width", type=int, default=200,
                       help="bytes of context kept on each side of a time (default 200)")

    p = sub.add_parser("list", help="every time with its sentence")
    p.add_argument("extraction")
    common(p)
    p.add_argument("--sample", type=int, metavar="N", help="only a random sample of N documents")
    p.add_argument("--seed", type=int, default=0, help="seed of the sample (default 0)")
    p.add_argument("--skip-plain", action="store_true",
                   help="leave out ISO dates (datelines) and bare weekday names")
    p.add_argument("--type", action="append", help="only this TIMEX3 type (repeatable)")
    p.set_defaults(run=cmd_list)

    p = sub.add_parser("diff", help="what changed between two extractions, span by span")
    p.add_argument("old")
    p.add_argument("new")
    common(p)
    p.add_argument("--only", action="append", choices=["changed", "added", "removed"],
                   help="print only this kind of change (repeatable; counts are of all)")
    p.set_defaults(run=cmd_diff)

    p = sub.add_parser("sample", help="the sampled documents of an input JSONL")
    p.add_argument("input")
    p.add_argument("--sample", type=int, required=True, metavar="N")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(run=cmd_sample)

    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
