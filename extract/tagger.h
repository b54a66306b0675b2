// Part-of-speech tagger and lemmatiser: fills Token::upos (Universal POS),
// Token::xpos (Penn Treebank tag) and Token::lemma.
//
//   std::shared_ptr<const Tagger> tagger = Tagger::load("models/pos.model");
//   tagger->tag(analysis);   // every token of every sentence
//
// Method: a greedy left-to-right averaged perceptron (Collins 2002) over one
// joint UPOS+XPOS label, with lexical, affix, shape and context features and a
// tag dictionary for frequent unambiguous words (Honnibal 2013), trained on
// UD English EWT by `chronicle train pos` (extract/tagger_trainer.h).
// Lemmas come from the Lemmatizer folded into the same model file.
//
// A loaded Tagger is immutable: tag() is const and thread-safe (scratch space
// is per call). load() throws ModelError for a missing, corrupt or mismatched file.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace chronicle {

class Tagger {
 public:
  static constexpr std::uint32_t kFormatVersion = 2;  // 2: word classes

  static std::shared_ptr<const Tagger> load(const std::string& path);
  // From the bytes of a model file; `what` names it in errors.
  static std::shared_ptr<const Tagger> from_bytes(std::string_view bytes, const std::string& what);

  void tag(Analysis& a) const;

  struct Tagged {
    std::string upos, xpos, lemma;
  };
  // Tags one sentence given as its word forms.
  std::vector<Tagged> tag_words(const std::vector<std::string_view>& forms) const;

  const std::string& provenance() const;
  std::size_t num_features() const;
  // The word classes learned from unlabeled text: (hash of the lowercase
  // word, class + 1), sorted; the parser trainer reuses them.
  std::vector<std::pair<std::uint64_t, std::uint16_t>> word_classes() const;

  struct Impl;
  explicit Tagger(std::unique_ptr<Impl> impl);
  ~Tagger();

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace chronicle
