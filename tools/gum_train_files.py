#!/usr/bin/env python3
"""Print the GUM documents the syntax models may learn from, one path per line.

Only GUM's train split (splits.md), and only genres whose texts GUM's LICENSE.txt
gives under a licence that allows any use with attribution (CC BY / CC BY-SA):
academic, bio, court, interview, news, voyage. Non-commercial genres (essays,
fiction, letters, podcasts, how-to, reddit) and genres the licence file does not
name are left out, so the models stay shareable under CC BY-SA.

    python3 tools/gum_train_files.py ../shared/data/gum
"""
import pathlib
import re
import sys

GENRES = ("academic", "bio", "court", "interview", "news", "voyage")


def train_documents(splits_md):
    section, names = None, []
    for line in splits_md.splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        m = re.match(r"\s*\*\s*(GUM_\S+)", line)
        if m and section == "train":
            names.append(m.group(1))
    return names


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/gum")
    names = train_documents((root / "splits.md").read_text(encoding="utf-8"))
    for name in sorted(names):
        if name.split("_")[1] in GENRES:
            path = root / "dep" / (name + ".conllu")
            if path.exists():
                print(path)


if __name__ == "__main__":
    main()
