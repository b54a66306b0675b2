// Features of the named-entity recogniser, shared by the runtime (extract/ner.cc)
// and the trainer (extract/ner_trainer.cc) so that both see exactly the same
// feature keys.
//
// Method: each token gets a few dozen string features (word, lowercase, shape,
// affixes, context words and shapes, word clusters, capitalisation statistics,
// gazetteer matches, document-level evidence, part of speech when the tagger
// ran). A feature is never materialised as a string: it is a 64-bit hash of
// (template id, value hash), so extraction allocates almost nothing and runs
// at well over 200k tokens/s. Ratinov & Roth (2009), "Design challenges and
// misconceptions in named entity recognition", is the source of most templates.
//
// NerLexicon holds what was derived from unlabeled data and dictionaries at
// training time (word clusters, corpus capitalisation ratios, gazetteers). It is
// stored inside the model file, so a clean clone needs no external data.
//
// Thread-safety: NerLexicon is immutable after construction; the functions here
// are pure and keep per-call scratch in the caller's FeatureScratch.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/document.h"
#include "core/model_file.h"

namespace chronicle::ner {

// 64-bit string hash (FNV-1a with a final avalanche); stable across builds.
std::uint64_t hash_str(std::string_view s);
std::uint64_t mix(std::uint64_t a, std::uint64_t b);

// Number of entity types the model knows (CoNLL: PER, ORG, LOC, MISC) and the
// BILOU tag set over them: 0 = O; type t has B = 1 + 4t, I = 2 + 4t, L = 3 + 4t, U = 4 + 4t.
inline constexpr int kTypes = 4;
inline constexpr int kTags = 1 + 4 * kTypes;
inline constexpr std::string_view kConllTypes[kTypes] = {"PER", "ORG", "LOC", "MISC"};
enum Bilou : int { kB = 0, kI = 1, kL = 2, kU = 3 };
inline int tag_of(int type, int bilou) { return 1 + 4 * type + bilou; }
inline int type_of(int tag) { return tag == 0 ? -1 : (tag - 1) / 4; }
inline int bilou_of(int tag) { return tag == 0 ? -1 : (tag - 1) % 4; }
// Whether BILOU allows `to` right after `from` (from = -1: sentence start).
bool transition_allowed(int from, int to);
bool final_allowed(int tag);

// Gazetteer categories (bit numbers).
enum GazCategory : int {
  kGazPerson = 0,       // full names of people
  kGazCountry = 1,      // countries and their aliases
  kGazPlace = 2,        // other places (cities, regions, rivers)
  kGazOrg = 3,          // organisations, armed groups, institutions
  kGazOther = 4,        // other named things (events, works, artifacts)
  kGazFirstName = 5,    // first token of a person's name
  kGazVehicleNoun = 6,  // common nouns naming vehicles (carrier, frigate)
  kGazRegion = 7,       // places that are not political units (continents, regions, rivers, seas)
  kGazCategories = 8
};

// Knowledge derived from data at training time; serialised inside the model.
struct NerLexicon {
  // hash_str(word as written) or hash_str(lowercase) -> cluster path id:
  // bits 0..15 fine cluster, 16..23 coarse cluster (0 = unknown).
  std::unordered_map<std::uint64_t, std::uint32_t> clusters;
  // hash_str(lowercase word) -> 1 + bucket of how often the word is written
  // capitalised in the middle of a sentence in unlabeled text (1..6).
  std::unordered_map<std::uint64_t, std::uint8_t> case_ratio;
  // hash of a lowercased token sequence joined by single spaces -> bit set of
  // GazCategory.
  std::unordered_map<std::uint64_t, std::uint8_t> gazetteer;
  std::uint32_t max_gazetteer_tokens = 0;
  // hash_str(lowercase) -> 1 when the word is a common (non-instance) noun,
  // verb, adjective or adverb lemma in WordNet.
  std::unordered_map<std::uint64_t, std::uint8_t> common_words;

  void write(BinaryWriter& w) const;
  // Reads and freezes.
  static NerLexicon read(BinaryReader& r);

  // Everything known about one hashed string, for fast lookups.
  struct Entry {
    std::uint32_t cluster = 0;
    std::uint8_t case_ratio = 0, gazetteer = 0, common = 0;
  };
  // Builds the flat lookup table from the maps above; call after filling them.
  void freeze();
  // The entry of a hashed string, or null. Needs freeze().
  const Entry* find(std::uint64_t key) const {
    if (keys_.empty()) return nullptr;
    for (std::size_t slot = key & mask_;; slot = (slot + 1) & mask_) {
      if (keys_[slot] == key) return &entries_[slot];
      if (keys_[slot] == 0) return nullptr;
    }
  }

 private:
  void fill(std::vector<std::pair<std::uint64_t, Entry>> all);
  std::vector<std::uint64_t> keys_;  // open addressing, 0 = empty
  std::vector<Entry> entries_;
  std::size_t mask_ = 0;
};

// Per-token facts computed once per sentence.
struct TokenInfo {
  std::string_view text;
  std::uint64_t word = 0, lower = 0, shape = 0, short_shape = 0;
  std::uint32_t cluster = 0;
  std::uint8_t case_ratio = 0;
  bool capitalised = false, all_caps = false, has_digit = false, has_alpha = false, common = false;
  std::uint8_t gaz[kGazCategories] = {};  // 0 = none, else 1 + Bilou position
  std::uint64_t pos = 0;                  // hash of the xpos tag; 0 when untagged
  bool caps_sentence = false;             // every word of the sentence is upper case (a headline)
};

// Document-level evidence, gathered in one pass over the document before tagging.
struct DocumentEvidence {
  // hash of lowercase -> bits: 1 capitalised mid-sentence somewhere, 2 written
  // in lowercase somewhere, 4 the document is mostly upper case (headlines).
  std::unordered_map<std::uint64_t, std::uint8_t> words;
  // hash of lowercase -> counts of predicted types earlier in the document.
  std::unordered_map<std::uint64_t, std::array<std::uint16_t, kTypes>> history;
};

// A sentence to tag: token texts plus optional xpos tags.
struct SentenceView {
  std::vector<std::string_view> words;
  std::vector<std::string_view> xpos;  // empty, or one per word
};

// Fills `info` for the sentence.
void describe_tokens(const SentenceView& s, const NerLexicon& lex, std::vector<TokenInfo>& info);

// Adds the document-level evidence of one sentence (call for every sentence
// first, then tag).
void gather_evidence(const SentenceView& s, DocumentEvidence& ev);

// Appends the feature keys of token i (static part: independent of earlier
// predictions) to `out`. `use_pos` adds part-of-speech templates.
void static_features(const std::vector<TokenInfo>& info, std::size_t i, const DocumentEvidence& ev,
                     bool use_pos, std::vector<std::uint64_t>& out);

// Appends the features that depend on predictions earlier in the document.
void history_features(const std::vector<TokenInfo>& info, std::size_t i, const DocumentEvidence& ev,
                      std::vector<std::uint64_t>& out);

// Records the predicted tags of a sentence in the document history.
void record_history(const std::vector<TokenInfo>& info, const std::vector<int>& tags, DocumentEvidence& ev);

// The transition weights as viterbi() reads them, made once per set of weights (the recogniser:
// at load) from transition[from * kTags + to] (from = kTags: start).
struct ViterbiTransitions {
  static constexpr int kPadded = (kTags + 3) / 4 * 4;
  std::array<float, kTags> start{};
  // transition[from][to] with the pairs BILOU forbids at -inf, targets padded to a multiple of four.
  alignas(16) float masked[kTags][kPadded];
  // Per target tag, the tags BILOU allows before it, ascending (~6 of 17).
  std::array<int, kTags> count{};
  std::array<std::array<int, kTags>, kTags> from{};  // from[to][k], k < count[to]
};
ViterbiTransitions viterbi_transitions(const float* transition);

// Best BILOU-consistent tag sequence for scores[i * kTags + t] plus the transitions.
std::vector<int> viterbi(const std::vector<float>& scores, std::size_t n,
                         const ViterbiTransitions& transitions);
inline std::vector<int> viterbi(const std::vector<float>& scores, std::size_t n, const float* transition) {
  return viterbi(scores, n, viterbi_transitions(transition));
}

}  // namespace chronicle::ner

namespace chronicle::ner {

// Tags every sentence of a document in order (document evidence first, then
// sentence by sentence with the prediction history). `score(features, row)`
// adds each tag's score for one token's features into row[0..kTags).
// With `infos`, each sentence's TokenInfo is kept there (in sentence order) for the caller.
template <class Score>
std::vector<std::vector<int>> tag_document(const std::vector<SentenceView>& doc, const NerLexicon& lex,
                                           bool use_pos, const ViterbiTransitions& transitions, Score&& score,
                                           std::vector<std::vector<TokenInfo>>* infos = nullptr) {
  DocumentEvidence ev;
  std::size_t words = 0;
  for (const SentenceView& s : doc) words += s.words.size();
  ev.words.reserve(words);  // at most one entry a word: no rehashing while gathering
  for (const SentenceView& s : doc) gather_evidence(s, ev);
  std::vector<std::vector<int>> out;
  out.reserve(doc.size());
  std::vector<TokenInfo> info;
  std::vector<std::uint64_t> feats;
  std::vector<float> scores;
  for (const SentenceView& s : doc) {
    describe_tokens(s, lex, info);
    const std::size_t n = info.size();
    scores.assign(n * kTags, 0.0f);
    for (std::size_t i = 0; i < n; ++i) {
      feats.clear();
      static_features(info, i, ev, use_pos, feats);
      history_features(info, i, ev, feats);
      score(feats, scores.data() + i * kTags);
    }
    out.push_back(viterbi(scores, n, transitions));
    record_history(info, out.back(), ev);
    if (infos) infos->push_back(std::move(info));
  }
  return out;
}

}  // namespace chronicle::ner
