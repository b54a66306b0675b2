// The named-entity recogniser: finds names of people, organisations, places
// and other things in tokenised text and appends one Mention per name.
//
//   auto ner = EntityRecognizer::load(default_models_dir() + "/ner.model");
//   ner->recognize(analysis);   // needs a.tokens (and a.sentences); fills a.mentions
//
// Method: an averaged structured perceptron over BILOU tags with first-order
// Viterbi decoding (Collins 2002; Ratinov & Roth 2009 for the features), see
// extract/ner_features.h. Trained on CoNLL-2003 by `chronicle train ner`
// (extract/ner_trainer.h). CoNLL's PER/ORG/LOC/MISC become PERSON,
// ORGANIZATION, GPE and MISC; a LOC the gazetteer knows only as a region,
// river or sea becomes LOCATION; a name next to a vessel noun ("the aircraft
// carrier X", "X aircraft carrier") becomes VEHICLE. Resolution refines types
// further with the knowledge base. Hyphenated words the segmenter split
// ("al - Assad") are tagged whole, as CoNLL writes them. When the model was
// trained with POS features, a.tokens[i].xpos is used (and ignored if empty).
//
// Thread-safety: a loaded recogniser is immutable; recognize() is const and
// keeps its scratch space on the stack, so many threads may share one.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/document.h"
#include "extract/ner_features.h"

namespace chronicle {

namespace ner {
// What a trained model holds, before quantisation: the writer side of the
// model format (the trainer fills it; tests build tiny ones by hand).
struct ModelData {
  std::string provenance;
  bool use_pos = false;
  NerLexicon lexicon;
  std::vector<float> transition;    // (kTags + 1) x kTags; row kTags = sentence start
  std::vector<std::uint64_t> keys;  // feature keys
  std::vector<float> weights;       // keys.size() x kTags
};
// Serialises with int16 weights (one global scale). Deterministic bytes.
std::string encode_model(const ModelData& m);
}  // namespace ner

class EntityRecognizer {
 public:
  static constexpr std::uint32_t kFormatVersion = 1;

  // Throws ModelError when the file is missing, corrupt or of another kind/version.
  static std::shared_ptr<const EntityRecognizer> load(const std::string& path);
  // Same, from the bytes of a model file (`what` names it in errors).
  static std::shared_ptr<const EntityRecognizer> from_bytes(std::string_view bytes, const std::string& what);

  // Appends a Mention (kind Name, entity -1) for every name found, in text order.
  void recognize(Analysis& a) const;

  // Lower level: BILOU tags (see ner_features.h) for every token of every sentence.
  std::vector<std::vector<int>> tag(const std::vector<ner::SentenceView>& doc) const;

  const std::string& provenance() const { return provenance_; }
  std::size_t feature_count() const { return slots_.size() - empty_slots_; }

 private:
  EntityRecognizer() = default;
  const std::int16_t* row(std::uint64_t key) const;
  // A row of weights_ is kTags weights and zeros up to a multiple of eight:
  // a row is summed as whole vectors of eight, without a tail class by class.
  static constexpr int kRowStride = (ner::kTags + 7) / 8 * 8;
  // acc[t] += the weight of tag t of every feature of `feats` the model has;
  // acc has kRowStride entries (those past kTags stay as they were).
  void add_rows(const std::vector<std::uint64_t>& feats, std::int32_t* acc) const;

  std::string provenance_;
  bool use_pos_ = false;
  float scale_ = 1.0f;  // weight = int16 / scale
  ner::NerLexicon lexicon_;
  ner::ViterbiTransitions transitions_;  // made at load from the file's (kTags + 1) x kTags, descaled
  // Open addressing; a key beside its row index, so that finding a feature's row costs one
  // cache miss, not one in a key array and another in a parallel index array.
  struct Slot {
    std::uint64_t key = 0;  // 0 = empty
    std::uint32_t row = 0;
  };
  std::vector<Slot> slots_;
  // A row alone in one cache line: packed at 48 bytes, half the rows straddled two lines, and a
  // row is read where its feature is found, at random in a table several times L2's size.
  struct alignas(64) Row {
    std::int16_t w[kRowStride];
  };
  static_assert(sizeof(Row) == 64);
  std::vector<Row> weights_;
  std::size_t empty_slots_ = 0;
};

// Contract type of a CoNLL type ("PER" -> "PERSON", "LOC" -> "GPE", ...).
std::string_view contract_type(std::string_view conll_type);

}  // namespace chronicle
