#!/usr/bin/env python3
"""CoNLL-2003 (Reuters RCV1, August 1996) -> JSONL ({"id","title","text","dct"}), one story per line.

The stories were never used to build the time tagger, so their times are news it has not seen
(docs/ACCURACY.md, "Stop 21: times of unseen news"). A story's DCT is its dateline ("LONDON
1996-08-30"); stories without one are left out. Tokens are joined again with the usual spacing
rules (no space before punctuation, none inside quotes); the text stays outside the repository.
Usage: tools/conll2003_to_jsonl.py ../shared/data/conll2003/eng.testa > /tmp/testa.jsonl
"""
import json
import re
import sys

DATELINE = re.compile(r"^[A-Z][A-Za-z .\-]* (\d{4}-\d\d-\d\d)$")


def stories(path):
    """Each story as a list of sentences, each a list of tokens."""
    story, sentence = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-") or not line:
                if sentence:
                    story.append(sentence)
                    sentence = []
                if line.startswith("-DOCSTART-") and story:
                    yield story
                    story = []
                continue
            sentence.append(line.split(" ")[0])
    if sentence:
        story.append(sentence)
    if story:
        yield story


def detokenise(tokens):
    s = " ".join(tokens)
    s = re.sub(r" ([.,:;?!%)\]])", r"\1", s)
    s = re.sub(r"([(\[$]) ", r"\1", s)
    s = re.sub(r" (n't|'s|'re|'ve|'ll|'d)\b", r"\1", s)
    return re.sub(r'" (.*?) "', r'"\1"', s)


def main():
    for i, story in enumerate(stories(sys.argv[1])):
        dct, lines = None, []
        for sentence in story:
            joined = " ".join(sentence)
            m = DATELINE.match(joined)
            if m and dct is None:
                dct = m.group(1)
                lines.append(joined)
            else:
                lines.append(detokenise(sentence))
        if dct:
            print(json.dumps({"id": "conll-%d" % i, "title": lines[0], "text": "\n".join(lines[1:]), "dct": dct}))


if __name__ == "__main__":
    main()
