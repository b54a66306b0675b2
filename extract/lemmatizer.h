// English lemmatiser: a word and its Penn tag in, the UD EWT-style lemma out.
//
// Three layers, first match wins:
//  1. an exception lexicon learned from UD EWT train: (word, XPOS) pairs whose
//     gold lemma the rules below get wrong ("I" -> "I", "n't" -> "not", "'s"/VBZ -> "be");
//  2. WordNet 3.0's exception lists (noun.exc, verb.exc, adj.exc, adv.exc:
//     "mice" -> "mouse", "went" -> "go", "better" -> "good");
//  3. WordNet's morphy detachment rules, accepting the first candidate that is a
//     WordNet lemma of the word class, else a plain suffix rule.
// Everything is folded into the tagger's model file, so the runtime does not
// read /usr/share/wordnet. Immutable after loading; lemma() is const and
// thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/model_file.h"
#include "core/u64_map.h"
#include "extract/string_index.h"

namespace chronicle {

class Lemmatizer {
 public:
  // Word classes of WordNet's lists.
  enum Class { kNoun = 0, kVerb = 1, kAdj = 2, kAdv = 3, kNumClasses = 4 };

  // The lemma of `form` tagged `xpos` (Penn) / `upos` (UD).
  std::string lemma(std::string_view form, std::string_view upos, std::string_view xpos) const;
  // The lemma from layers 2 and 3 only (used when learning layer 1).
  std::string rule_lemma(std::string_view form, std::string_view upos, std::string_view xpos) const;

  // What WordNet says the lowercase word can be, as a bit set: bits 0-3 a
  // lemma of noun/verb/adjective/adverb; 4-6 an exception form of a
  // noun/verb/adjective; 7 a plural noun, 8-10 a verb in -s/-ed/-ing,
  // 11 a comparative or superlative by morphy's rules. A feature of the tagger
  // for words its training corpus did not show.
  std::uint32_t wordnet_classes(std::string_view lower) const;

  // Building (trainer side).
  void add_exception(Class c, std::string inflected, std::string base) {
    exceptions_[c].emplace(std::move(inflected), std::move(base));
    drop_index();
  }
  void add_known(Class c, std::string lemma) {
    known_[c].insert(std::move(lemma));
    drop_index();
  }
  void add_lexicon(std::string_view form, std::string_view xpos, std::string lemma);
  // Reads WordNet's *.exc and index.* files from `dir`; throws ModelError when missing.
  void load_wordnet(const std::string& dir);
  std::size_t lexicon_size() const { return lexicon_.size(); }

  void write(BinaryWriter& w) const;
  static Lemmatizer read(BinaryReader& r);

  // The key the lexicon uses for a word: lowercased unless a proper noun.
  static std::string lexicon_key(std::string_view form, std::string_view xpos);

 private:
  std::unordered_map<std::string, std::string> lexicon_;  // key "word\tXPOS"
  std::unordered_map<std::string, std::string> exceptions_[kNumClasses];
  std::unordered_set<std::string> known_[kNumClasses];
  // The tables above by hash of the word, built by read(): tagging asks about
  // each word up to a dozen times (candidate base forms), and one flat lookup
  // beats hashing a string and walking a node. word_bits_: bit c set when the
  // word is a WordNet lemma of class c, bit 4 + c when an exception form of
  // class c. Not indexed while the tables are being filled: the maps answer then.
  bool indexed_ = false;
  U64Map<std::uint8_t> word_bits_;
  StringIndex lexicon_index_, exception_index_[kNumClasses];
  void index();
  void drop_index() {
    indexed_ = false;
    word_bits_ = {};
  }
  bool known(int cls, std::string_view w) const;
  bool exception_form(int cls, std::string_view w) const;
  const std::string* exception(int cls, std::string_view w) const;
};

// ASCII lowercase (other bytes unchanged).
std::string ascii_lower(std::string_view s);

}  // namespace chronicle
