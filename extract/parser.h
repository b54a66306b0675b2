// Dependency parser: fills Token::head (absolute token index, -1 for the
// root) and Token::deprel (Universal Dependencies relations with subtypes:
// nsubj:pass, obl:agent, acl:relcl, compound:prt, ...) for every sentence.
//
//   std::shared_ptr<const Parser> parser = Parser::load("models/parser.model");
//   tagger->tag(analysis);    // the parser reads Token::upos and Token::xpos
//   parser->parse(analysis);
//
// Method: arc-hybrid transition parsing (Kuhlmann et al. 2011) with the
// root at the end of the buffer; an unlabelled transition classifier, and a
// label classifier consulted at each arc. Both are averaged perceptrons over
// Zhang & Nivre (2011)-style rich features, trained with a dynamic oracle and
// exploration (Goldberg & Nivre 2013) on UD English EWT by `chronicle train
// parser` (extract/parser_trainer.h). Every sentence gets a single-rooted tree.
// A model trained with a beam (format 4, `train parser --beam N`: global
// max-violation perceptron training, Huang et al. 2012) decodes with a beam of
// the width it records; a greedy model (width 1, or a format-3 file) decodes
// greedily. parse(a, width) overrides the width; width 1 is the greedy parser.
//
// A loaded Parser is immutable: parse() is const and thread-safe (scratch space
// is per call, or a ParserScratch the calling thread keeps). load() throws
// ModelError for a missing, corrupt or mismatched file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace chronicle {

// What one thread keeps from one parse() to the next to find weights faster:
// the transition weights and the labeller's sums it looked up last (a text's
// tag features come back in the next text). Never shared between threads; it
// follows the Parser it is used with (made anew for another model), and
// parses are the same with or without it.
class ParserScratch {
 public:
  ParserScratch();
  ~ParserScratch();
  ParserScratch(ParserScratch&&) noexcept;
  ParserScratch& operator=(ParserScratch&&) noexcept;

  struct Impl;

 private:
  friend class Parser;
  std::unique_ptr<Impl> impl_;
};

class Parser {
 public:
  // 2: separate transition and label classifiers; 3: ambiguity classes;
  // 4: the decoding beam width (format 3 files are still read, as width 1);
  // 5: an optional reviser of the finished tree (formats 3 and 4 are read, without it)
  static constexpr std::uint32_t kFormatVersion = 5;

  static std::shared_ptr<const Parser> load(const std::string& path);
  // From the bytes of a model file; `what` names it in errors.
  static std::shared_ptr<const Parser> from_bytes(std::string_view bytes, const std::string& what);

  // Parses with the model's beam width (beam_width()).
  void parse(Analysis& a) const;
  // Parses only the sentences s with `which[s]` set (a sentence past the end of `which`
  // is not parsed); the others keep their tokens as they are. A sentence's parse does
  // not depend on the others', so a parsed sentence gets the tree parse(a) would give it.
  void parse(Analysis& a, const std::vector<std::uint8_t>& which) const;
  // Parses with a beam of `width` (>= 1; 1: greedy): all sentences, or those in `which`.
  void parse(Analysis& a, int width) const;
  void parse(Analysis& a, const std::vector<std::uint8_t>& which, int width) const;
  // parse(a, which) with the caller's scratch (kept across calls on one thread).
  void parse(Analysis& a, const std::vector<std::uint8_t>& which, ParserScratch& scratch) const;
  int beam_width() const;

  const std::string& provenance() const;
  std::size_t num_features() const;

  struct Impl;
  explicit Parser(std::unique_ptr<Impl> impl);
  ~Parser();

 private:
  void parse(Analysis& a, const std::vector<std::uint8_t>& which, int width,
             ParserScratch::Impl& scratch) const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chronicle
