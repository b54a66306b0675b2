#!/usr/bin/env python3
"""Reuters-21578 SGML -> JSONL ({"id","title","text","dct"}), one story with a body per line.

For throughput benchmarks only (docs/BENCHMARKS.md); the corpus stays outside the repository.
Usage: tools/reuters_to_jsonl.py ../shared/data/reuters21578 > /tmp/reuters.jsonl
"""
import html
import json
import re
import sys
from pathlib import Path

MONTHS = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}


def field(tag, story):
    m = re.search(r"<%s>(.*?)</%s>" % (tag, tag), story, re.S)
    return html.unescape(m.group(1)).strip() if m else ""


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/reuters21578")
    count = 0
    for sgm in sorted(root.glob("reut2-*.sgm")):
        data = sgm.read_bytes().decode("latin-1")
        for story in re.findall(r"<REUTERS(.*?)</REUTERS>", data, re.S):
            body = field("BODY", story)
            if not body:
                continue
            newid = re.search(r'NEWID="(\d+)"', story).group(1)
            body = body.replace("\x03", "").replace(" Reuter\n", "\n").strip()
            dct = ""
            m = re.match(r"\s*(\d+)-([A-Z]{3})-(\d{4})", field("DATE", story))
            if m and m.group(2) in MONTHS:
                dct = "%s-%02d-%02d" % (m.group(3), MONTHS[m.group(2)], int(m.group(1)))
            rec = {"id": "reuters-" + newid, "title": field("TITLE", story), "text": body, "dct": dct}
            print(json.dumps(rec, ensure_ascii=False))
            count += 1
    print("%d stories with bodies" % count, file=sys.stderr)


if __name__ == "__main__":
    main()
