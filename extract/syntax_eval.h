// Scoring the tagger and the parser against gold CoNLL-U, from gold tokens:
// UPOS, XPOS and lemma accuracy, UAS and LAS (full UD labels, subtypes
// included; punctuation counted, as in the CoNLL 2018 shared task).
// Free function; thread-safe as the models are.
#pragma once

#include <vector>

#include "extract/conllu_corpus.h"

namespace chronicle {

class Tagger;
class Parser;

struct SyntaxScores {
  std::size_t tokens = 0;
  double upos = 0, xpos = 0, lemma = 0;  // percent, 0 when no tagger
  double uas = 0, las = 0;               // percent, 0 when no parser
  double seconds = 0;                    // tagging + parsing time (thread CPU time)
};

// Tags with `tagger` (or keeps the gold tags when null) and parses with
// `parser` when given, with a beam of `beam_width` (0: the model's width).
SyntaxScores evaluate_syntax(const Tagger* tagger, const Parser* parser,
                             const std::vector<CorpusSentence>& gold, int beam_width = 0);

}  // namespace chronicle
