#!/usr/bin/env bash
# `chronicle extract --input conll --format conll`: every input token comes
# back once, in order, with an IOB2 tag as the last column.
set -euo pipefail
bin="$1"
src="$2"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
gold="$src/tests/fixtures/ner/tiny.conll"
"$bin" extract --input conll --format conll "$gold" > "$tmp/out.conll"
# Same tokens in the same order.
grep -v -e '^-DOCSTART-' -e '^$' "$gold" | awk '{print $1}' > "$tmp/gold.tokens"
grep -v -e '^-DOCSTART-' -e '^$' "$tmp/out.conll" | awk '{print $1}' > "$tmp/out.tokens"
diff -u "$tmp/gold.tokens" "$tmp/out.tokens"
# Every tag is O, B-X or I-X with X in PER ORG LOC MISC, and I-X follows B-X/I-X of the same type.
awk 'NF == 0 || $1 == "-DOCSTART-" { prev = "O"; next }
     { tag = $NF
       if (tag != "O" && tag !~ /^[BI]-(PER|ORG|LOC|MISC)$/) { print "bad tag: " $0; bad = 1 }
       if (tag ~ /^I-/ && substr(prev, 3) != substr(tag, 3)) { print "I- without B-: " $0; bad = 1 }
       prev = tag }
     END { exit bad }' "$tmp/out.conll"
# The shipped model finds at least the plain person names of the fixture.
grep -q '^Maria B-PER$' "$tmp/out.conll"
grep -q '^Lopez I-PER$' "$tmp/out.conll"
# The evaluation script agrees with itself on gold vs gold.
python3 "$src/tools/ner_eval.py" "$gold" "$gold" >"$tmp/eval.txt"
grep -q 'F1 100.00' "$tmp/eval.txt"
echo "ner_conll: ok"
