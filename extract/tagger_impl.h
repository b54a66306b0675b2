// The contents of a tagger model, shared by tagger.cc and tagger_trainer.cc
// (internal header). File layout (little-endian, after the "pos" header):
//   u32 classes, then per class str UPOS, str XPOS
//   u64 n, then n x (u64 form hash, u16 class)        tag dictionary, sorted
//   u64 n, then n x (u64 lowercase hash, u32 classes)  ambiguity classes, sorted
//   u64 n, then n x (u64 lowercase hash, u16 class+1)  word classes, sorted
//   weight table (extract/perceptron.h)
//   lemmatiser tables (extract/lemmatizer.h)
//   u32 n, then n x (str sentence, str expected tags)  self-test, re-run on load
#pragma once

#include <string>
#include <vector>

#include "extract/lemmatizer.h"
#include "extract/perceptron.h"
#include "extract/tagger.h"
#include "extract/tagger_features.h"

namespace chronicle {

struct Tagger::Impl {
  std::string provenance;
  std::vector<std::string> upos, xpos;  // per class
  tagger_detail::Lexicon lexicon;
  WeightTable weights;
  Lemmatizer lemmatizer;
  // Sentences (space-separated forms) and their expected XPOS tags.
  std::vector<std::pair<std::string, std::string>> self_test;

  // Greedy decoding of one sentence into class ids. `cache`: the words of the text's sentences
  // decoded before with it.
  std::vector<int> decode(const std::vector<std::string_view>& forms,
                          tagger_detail::WordCache* cache = nullptr) const;
  std::string serialize() const;
  static std::unique_ptr<Impl> parse(std::string_view bytes, const std::string& what);
};

}  // namespace chronicle
