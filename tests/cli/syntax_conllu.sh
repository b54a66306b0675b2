#!/usr/bin/env bash
# `chronicle extract --input conllu --format conllu`: gold tokens and sentences
# in, Chronicle's UPOS, XPOS, lemma, HEAD and DEPREL out, one tree per sentence.
set -euo pipefail
bin="$1"
src="$2"
fixture="$src/tests/fixtures/syntax/tiny.conllu"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
"$bin" extract --input conllu --format conllu "$fixture" >"$out"
# Same words, in the same order, as the input.
diff <(awk -F'\t' 'NF==10 && $1 ~ /^[0-9]+$/ {print $2}' "$fixture") \
     <(awk -F'\t' 'NF==10 && $1 ~ /^[0-9]+$/ {print $2}' "$out") >/dev/null ||
  { echo "syntax_conllu: tokens differ from the input"; exit 1; }
# Every word line is filled in, heads stay inside their sentence, one root each.
awk -F'\t' '
  /^# text = / { texts++ }
  NF == 10 && $1 ~ /^[0-9]+$/ {
    n++
    if ($3 == "_" || $4 == "_" || $5 == "_" || $8 == "_") { print "unfilled line: " $0; bad = 1 }
    if ($7 == 0) roots++
    ids[$1] = 1; heads[$1] = $7
  }
  /^$/ {
    if (n) {
      sentences++
      if (roots != 1) { print "sentence " sentences ": " roots " roots"; bad = 1 }
      for (i in heads) if (heads[i] != 0 && !(heads[i] in ids)) { print "head outside sentence"; bad = 1 }
    }
    n = 0; roots = 0; delete ids; delete heads
  }
  END {
    if (sentences != 12 || texts != 12) { print "expected 12 sentences with # text, got " sentences "/" texts; bad = 1 }
    exit bad
  }' "$out"
# Plain news syntax comes out right: "chased" heads "dog" as its subject.
grep -qP '^2\tdog\tdog\tNOUN\tNN\t_\t3\tnsubj\t' "$out" || { echo "syntax_conllu: expected dog <-nsubj- chased"; exit 1; }
echo "syntax_conllu: ok"
