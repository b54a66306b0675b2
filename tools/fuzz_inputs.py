#!/usr/bin/env python3
"""Feeds mutated documents of every input format to `chronicle extract` and reports crashes.

    tools/fuzz_inputs.py BUILD/chronicle [--seconds 900] [--seed 1] [--keep DIR]

Best run with the ASan/UBSan binary (build-asan/chronicle, as .ci/run builds it). Each batch is
30 files of one format, mutated from a seed document (byte flips, inserted and deleted runs,
truncation, invalid UTF-8, NUL bytes, markup, deep nesting, odd dates and numbers), extracted in
one run the way a user's directory would be. The contract for bad input: a warning per skipped
file or one clear error line, never a signal, a sanitizer report or a hang. A failing batch is
copied to --keep DIR with what the run printed. Seeds: the bundled samples, small documents of
each format written here, and (when ../shared/data is present) a few TimeBank, EWT and CoNLL-2003
documents, read in place, never copied into the repository.
"""
import argparse
import glob
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("CHRONICLE_DATA", os.path.join(ROOT, "..", "shared", "data"))
EXT = {"text": "txt", "html": "html", "jsonl": "jsonl", "timeml": "tml", "conllu": "conllu", "conll": "conll"}

SMALL = {
    "html": [b'<html><head><title>T</title><meta name="date" content="2016-12-15"></head><body>'
             b"<p>On Monday the minister met the envoy in Ankara.</p><script>x()</script>"
             b"<p>Last year the army seized the town &amp; the airport.</p></body></html>"],
    "jsonl": [b'{"id":"a1","date":"1987-02-26","title":"T","text":"The company said on Tuesday it sold '
              b'its unit for 12 mln dlrs in 1986."}'],
    "timeml": [b'<?xml version="1.0"?>\n<TimeML><DOCID>d1</DOCID><DCT><TIMEX3 tid="t0" type="DATE" '
               b'value="1998-02-12" functionInDocument="CREATION_TIME">1998-02-12</TIMEX3></DCT>'
               b"<TEXT>Two days ago the talks ended. They resume <TIMEX3 tid=\"t1\" type=\"DATE\" "
               b'value="1998-02-16">Monday</TIMEX3>.</TEXT></TimeML>\n'],
    "conllu": [b"# sent_id = 1\n# text = He left Paris yesterday.\n1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
               b"2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_\n3\tParis\tParis\tPROPN\tNNP\t_\t2\tobj\t_\t_\n"
               b"4\tyesterday\tyesterday\tNOUN\tNN\t_\t2\tobl:tmod\t_\tSpaceAfter=No\n"
               b"5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n"],
    "conll": [b"-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n"
              b"call NN I-NP O\n. . O O\n\n"],
}

MARKUP = [b"<", b">", b"&", b'"', b"{", b"}", b"[", b"]", b"\t", b"\n", b"\\", b"&#0;", b"&#x110000;",
          b'<!ENTITY a "b">', b'<TIMEX3 tid="t1" type="DATE" value="2016">', b"</TIMEX3>"]
BAD_UTF8 = [b"\xff", b"\xc3", b"\xe2\x80", b"\xf0\x9f\x98", b"\x00", b"\xed\xa0\x80"]
ODD = [b"2016-13-45", b"February 30", b"99999999999999999999", b"-1", b"1e308", b"Dec 15, 2016",
       b"last year", b"0:00", b"3:51.01", b"Q5 2015", b"the 1990s", b"May 11-21"]


def seeds():
    s = {k: list(v) for k, v in SMALL.items()}
    s["text"] = [open(p, "rb").read() for p in sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt")))]
    s["text"] += [open(p, "rb").read()[:20000] for p in sorted(glob.glob(os.path.join(ROOT, "samples", "*", "*.txt")))[:5]]
    tml = sorted(glob.glob(os.path.join(DATA, "timebank-aquaint", "TimeBank", "*.tml")))[:10]
    s["timeml"] += [open(p, "rb").read() for p in tml]
    ewt = os.path.join(DATA, "ud-english-ewt", "en_ewt-ud-dev.conllu")
    if os.path.exists(ewt):
        s["conllu"].append(open(ewt, "rb").read()[:6000])
    conll = os.path.join(DATA, "conll2003", "eng.testa")
    if os.path.exists(conll):
        s["conll"].append(open(conll, "rb").read()[:6000])
    return {k: v for k, v in s.items() if v}


def mutate(rng, doc):
    d = bytearray(doc)
    for _ in range(rng.randint(1, 8)):
        if not d:
            d = bytearray(b"x")
        p = rng.randrange(len(d))
        op = rng.randint(0, 9)
        if op == 0:
            d[p] = rng.randrange(256)
        elif op == 1:
            d[p:p] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op == 2:
            del d[p:p + rng.randint(1, 200)]
        elif op == 3:
            d = d[:p]
        elif op == 4:
            q = rng.randrange(len(d))
            d[p:p] = d[q:q + rng.randint(1, 500)]
        elif op == 5:
            d[p:p] = rng.choice(BAD_UTF8)
        elif op == 6:
            d[p:p] = rng.choice(MARKUP)
        elif op == 7:
            d[p:p] = b"<a>" * rng.randint(1, 3000)  # deep nesting
        elif op == 8:
            d[p:p] = rng.choice(ODD)
        else:
            d[p:p] = str(rng.randint(-10**12, 10**12)).encode()
    return bytes(d)


def failed(run):
    err = run.stderr.decode("utf-8", "replace")
    return run.returncode < 0 or "Sanitizer" in err or "runtime error" in err or "terminate called" in err


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("chronicle")
    ap.add_argument("--seconds", type=float, default=900)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", default="fuzz-failures")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    corpus = seeds()
    deadline = time.time() + args.seconds
    batches = files = failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        while time.time() < deadline:
            fmt = rng.choice(sorted(corpus))
            batch = os.path.join(tmp, "batch")
            shutil.rmtree(batch, ignore_errors=True)
            os.makedirs(batch)
            for i in range(30):
                with open(os.path.join(batch, f"f{i}.{EXT[fmt]}"), "wb") as f:
                    f.write(mutate(rng, rng.choice(corpus[fmt])))
            cmd = [args.chronicle, "extract", batch, "--input", fmt, "--format", "json", "--threads", "1"]
            try:
                run = subprocess.run(cmd, capture_output=True, timeout=300)
                bad, what = failed(run), run.stderr
            except subprocess.TimeoutExpired:
                bad, what = True, b"timeout after 300 s"
            batches += 1
            files += 30
            if bad:
                failures += 1
                dest = os.path.join(args.keep, f"batch{batches}-{fmt}")
                shutil.copytree(batch, dest)
                with open(os.path.join(dest, "stderr.txt"), "wb") as f:
                    f.write(what)
                print(f"FAILED: {fmt} batch -> {dest}", file=sys.stderr)
            if sys.stderr.isatty():
                print(f"\r{batches} batches, {files} files, {failures} failing", end="", file=sys.stderr)
    print(f"{batches} batches, {files} files, {failures} failing batches")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
