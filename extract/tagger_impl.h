// The contents of a tagger model, shared by tagger.cc and tagger_trainer.cc
// (internal header). File layout (little-endian, after the "pos" header):
//   u32 classes, then per class str UPOS, str XPOS
//   u64 n, then n x (u64 form hash, u16 class)        tag dictionary, sorted
//   u64 n, then n x (u64 lowercase hash, u32 classes)  ambiguity classes, sorted
//   u64 n, then n x (u64 lowercase hash, u16 class+1)  word classes, sorted
//   weight table (extract/perceptron.h)
//   u8 has_second; if 1: i32 margin, second-pass weight table
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

namespace tagger_detail {
// The greedy left-to-right pass over prepared words: class ids into `tags`
// and, when `margins` is given, each token's best score minus its runner-up
// (INT32_MAX for tag-dictionary words). The trainer runs it with fold models.
void first_pass(const WeightTable& weights, std::uint32_t num_classes, const std::vector<Word>& words,
                std::vector<int>& tags, std::vector<std::int32_t>* margins);
}  // namespace tagger_detail

struct Tagger::Impl {
  std::string provenance;
  std::vector<std::string> upos, xpos;  // per class
  tagger_detail::Lexicon lexicon;
  WeightTable weights;
  // The selective second pass: tokens whose first-pass margin is below
  // `second_margin` (quantised units of `weights`) are tagged again by
  // `second`, which also sees the first pass's tags to their right. Empty
  // table: no second pass.
  WeightTable second;
  std::int32_t second_margin = 0;
  Lemmatizer lemmatizer;
  // Sentences (space-separated forms) and their expected XPOS tags.
  std::vector<std::pair<std::string, std::string>> self_test;

  // Greedy decoding of one sentence into class ids.
  std::vector<int> decode(const std::vector<std::string_view>& forms) const;
  std::string serialize() const;
  static std::unique_ptr<Impl> parse(std::string_view bytes, const std::string& what);
};

}  // namespace chronicle
