// Training the part-of-speech tagger and lemmatiser (`chronicle train pos`).
// Apart from the runtime (extract/tagger.h) as in SentencePiece: loading a
// model never pulls in the trainer.
//
//   std::string bytes = train_tagger(read_conllu_corpus(train), TaggerTrainOptions{}, &std::cerr);
//   write_binary_file("models/pos.model", bytes);
//
// Deterministic: the same corpus, options and seed give the same bytes.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "extract/conllu_corpus.h"

namespace chronicle {

struct TaggerTrainOptions {
  int iterations = 12;
  std::size_t max_features = 250000;  // pruning: the strongest features are kept
  std::uint64_t seed = 1;
  // Parameter mixing: the mean weights of this many perceptrons trained with
  // seeds seed, seed + 1, ... (1: one perceptron, the plain trainer).
  int mix_seeds = 1;
  // WordNet 3.0 (Debian wordnet-base); empty: no WordNet layer in the lemmatiser.
  std::string wordnet_dir = "/usr/share/wordnet";
  std::string provenance;  // one line stored in the model header
  // Unlabeled tokenised text for word classes (e.g. Reuters-21578 bodies; the
  // training corpus's own words are added); empty: no word-class features.
  std::vector<std::vector<std::string>> unlabeled;
  int word_classes = 256;
  int word_class_iterations = 6;
  // Word classes computed before (Tagger::word_classes()); used instead of
  // clustering `unlabeled` when given.
  std::vector<std::pair<std::uint64_t, std::uint16_t>> known_word_classes;
};

// Returns the bytes of a "pos" model file. Progress goes to `log` when given.
std::string train_tagger(const std::vector<CorpusSentence>& train, const TaggerTrainOptions& options,
                         std::ostream* log);

}  // namespace chronicle
