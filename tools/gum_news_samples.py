#!/usr/bin/env python3
"""Writes GUM's Wikinews news documents as plain-text articles into samples/wikinews/.

usage: tools/gum_news_samples.py [GUM_DEP_DIR] [OUT_DIR]
       (defaults: ../shared/data/gum/dep and samples/wikinews)

Only the text (the `# text` lines), the title and the creation date are used; the Wikinews
texts are CC BY 2.5 (attribution in OUT_DIR/ATTRIBUTION.md). Each article is written as
a headline, a "Published : DATE" line, then paragraphs, as news pages print them.
"""
import pathlib
import sys


def read_doc(path):
    meta, paras, cur = {}, [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# meta::"):
            k, _, v = line[len("# meta::"):].partition(" = ")
            meta[k.strip()] = v.strip()
        elif line.startswith("# newpar"):
            if line.strip() in ("# newpar",) or line.startswith("# newpar "):
                if cur:
                    paras.append(cur)
                cur = []
        elif line.startswith("# text = "):
            cur.append(line[len("# text = "):])
    if cur:
        paras.append(cur)
    return meta, paras


def main(argv):
    root = pathlib.Path(__file__).resolve().parent.parent
    src = pathlib.Path(argv[1]) if len(argv) > 1 else root.parent / "shared" / "data" / "gum" / "dep"
    out = pathlib.Path(argv[2]) if len(argv) > 2 else root / "samples" / "wikinews"
    files = sorted(src.glob("GUM_news_*.conllu"))
    if not files:
        print(f"no GUM news documents under {src}", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    credits = []
    for f in files:
        meta, paras = read_doc(f)
        title = meta.get("title", "")
        # The first paragraph is the headline itself; the article follows.
        if paras and " ".join(paras[0]) == title:
            paras = paras[1:]
        lines = [title, "", f"Published : {meta.get('dateCreated', '')}", ""]
        for p in paras:
            lines.append(" ".join(p))
            lines.append("")
        name = f.stem.replace("GUM_news_", "") + ".txt"
        (out / name).write_text("\n".join(lines), encoding="utf-8")
        credits.append(f"- `{name}`: \"{title}\", Wikinews, {meta.get('dateCreated', '')}, {meta.get('sourceURL', '')}")
    (out / "ATTRIBUTION.md").write_text(
        "# Attribution\n\nThese articles are from Wikinews (https://en.wikinews.org), licensed under the\n"
        "Creative Commons Attribution 2.5 licence (https://creativecommons.org/licenses/by/2.5/).\n"
        "Their text was taken from the GUM corpus (Zeldes 2017, https://gucorpling.org/gum/) by\n"
        "`tools/gum_news_samples.py`; only whitespace between sentences was changed.\n\n" + "\n".join(credits) + "\n",
        encoding="utf-8")
    print(f"wrote {len(files)} articles to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
