// Builds the recogniser's lexicon (extract/ner_features.h NerLexicon) from
// data: word clusters and capitalisation ratios from unlabeled text,
// gazetteers from WordNet instance nouns and the Phoenix actor dictionaries,
// vehicle nouns from WordNet. Training-time only; deterministic.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "extract/ner_features.h"

namespace chronicle::ner {

struct LexiconSources {
  std::vector<std::vector<std::string>> sentences;  // unlabeled tokenised text
  std::string wordnet_dir;                          // data.noun etc.; skipped when empty or absent
  std::string petrarch_dir;                         // Phoenix.*.actors.txt; skipped when empty or absent
  int clusters = 256;
  int cluster_iterations = 6;
  std::function<void(const std::string&)> log;
};

// Reads the bodies of Reuters-21578 SGML files in `dir` as tokenised sentences
// (a simple tokeniser in CoNLL's style). Empty when the folder is absent.
std::vector<std::vector<std::string>> read_reuters_sentences(const std::string& dir);

// The same tokeniser on any text: sentences of CoNLL-style tokens.
std::vector<std::vector<std::string>> tokenize_plain(std::string_view text);

NerLexicon build_lexicon(const LexiconSources& sources);

// Word classes by the exchange algorithm (Kneser & Ney 1993; Martin, Liermann
// & Ney 1998): maximises the class bigram likelihood. Returns word -> class in
// [0, classes) for words seen at least min_count times; deterministic.
std::vector<std::pair<std::string, int>> exchange_clusters(
    const std::vector<std::vector<std::string>>& sentences, int classes, int iterations, int min_count,
    const std::function<void(const std::string&)>& log);

}  // namespace chronicle::ner
