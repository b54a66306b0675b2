// Gold-annotated CoNLL-U corpora for training and evaluating the tagger and
// the parser (UD English EWT and the small fixtures of the tests).
//
//   std::vector<CorpusSentence> train = read_conllu_corpus("en_ewt-ud-train.conllu");
//   Analysis a = corpus_to_analysis(train);   // gold tokens, no annotations
//
// Only word lines are read: multiword-token ranges ("1-2") and empty nodes
// ("8.1") are skipped, as UD's evaluation does. Malformed lines throw
// InputError naming the file and line. Free functions, no shared state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace chronicle {

struct CorpusToken {
  std::string form, lemma, upos, xpos, deprel;
  int head = -1;  // 0-based index within the sentence, -1 for the root
};

struct CorpusSentence {
  std::string text;  // the "# text" comment, or the forms joined by spaces
  std::vector<CorpusToken> tokens;
};

// Reads a CoNLL-U file; throws InputError when it cannot be read or is malformed.
std::vector<CorpusSentence> read_conllu_corpus(const std::string& path);
// Parses CoNLL-U text; `name` is used in error messages.
std::vector<CorpusSentence> parse_conllu_corpus(std::string_view text, const std::string& name);

// One document holding the sentences' forms separated by spaces (one sentence
// per line), with tokens and sentences set as given, annotations empty.
Analysis corpus_to_analysis(const std::vector<CorpusSentence>& sentences);

}  // namespace chronicle
