// Training the dependency parser (`chronicle train parser`), apart from the
// runtime (extract/parser.h).
//
//   std::string bytes = train_parser(read_conllu_corpus(train), ParserTrainOptions{}, &std::cerr);
//   write_binary_file("models/parser.model", bytes);
//
// The parser learns from the tags the tagger will give it: with jackknifing,
// the corpus is cut into N folds and each fold is tagged by a tagger trained
// on the other folds. Deterministic: the same corpus, options and seed give
// the same bytes.
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "extract/conllu_corpus.h"

namespace chronicle {

struct ParserTrainOptions {
  int iterations = 8;
  std::size_t max_features = 400000;        // transition features kept (the strongest)
  std::size_t max_label_features = 200000;  // label features kept
  std::uint64_t seed = 1;
  // Parameter mixing: the mean weights of this many parsers trained with
  // shuffle seeds seed, seed + 1, ... on the same jackknifed tags (which
  // depend on `seed` only); 1: one parser, the plain trainer.
  int mix_seeds = 1;
  int jackknife_folds = 4;    // 0: train on gold tags
  int tagger_iterations = 6;  // for the jackknife taggers
  double explore = 0.9;       // probability of following a wrong prediction (after the first pass)
  // Beam width of training: 1 is the greedy parser trained with the dynamic
  // oracle; wider trains globally (beam search, max-violation structured
  // perceptron updates over the static oracle's sequence; Huang et al. 2012).
  int beam_width = 1;
  // Beam training labels every arc with the dependent's gold relation (the
  // first version) instead of the labeller's choice on wrong arcs.
  bool beam_gold_labels = false;
  // Decoding width stored in the model (0: the training width).
  int decode_width = 0;
  // File of jackknifed tags (experiments): read when it exists and matches
  // the corpus, written after jackknifing otherwise. Empty: not used.
  std::string tag_cache;
  // Beam training: called after each iteration with the model so far (the
  // bytes a run of that many iterations writes), e.g. to score it on dev data.
  std::function<void(int iteration, const std::string& model)> on_iteration;
  std::string provenance;
  // Word classes of the tagger the parser will run after (Tagger::word_classes()):
  // the parser's features and the jackknife taggers use them.
  std::vector<std::pair<std::uint64_t, std::uint16_t>> word_classes;
};

std::string train_parser(const std::vector<CorpusSentence>& train, const ParserTrainOptions& options,
                         std::ostream* log);

// The same, with more sentences whose tags are already the ones the parser
// will see at run time: text tagged by the shipped tagger, which never saw it,
// with trees from other parsers (tri-training, stop 18). Jackknifing them
// would retrain the jackknife taggers on predicted tags, so they are trained
// on as given: not jackknifed, not in the tag cache, and not counted in the
// words' ambiguity classes (which come from gold tags only).
std::string train_parser(const std::vector<CorpusSentence>& train,
                         const std::vector<CorpusSentence>& pretagged, const ParserTrainOptions& options,
                         std::ostream* log);

// The reviser (extract/tree_revision.h) learns from parses of the training
// sentences by parsers that never saw them (stacking: the trees it revises
// are as wrong as at run time): `folds` parsers of the `parser` recipe, each
// trained on the other folds with their jackknifed tags.
struct ReviserTrainOptions {
  ParserTrainOptions parser;  // the fold parsers' recipe and the jackknifed tags (parser.tag_cache)
  int folds = 4;
  int iterations = 4;
  std::size_t max_features = 200000;
  std::uint64_t seed = 1;
  // The reviser looks at words of relations whose head the fold parsers got
  // wrong at least this often, among those they gave at least `min_count` times.
  double error_rate = 0.25;
  std::size_t min_count = 100;
  // CoNLL-U file of the fold parsers' trees (experiments): read when it
  // exists and matches the corpus, written after parsing otherwise. Empty: not used.
  std::string parse_cache;
  std::string provenance;  // appended to the parser model's (replacing an earlier reviser's)
};

// Adds the reviser to the trained parser `parser_bytes` (whose transition
// parser and labeller stay as they are), learnt from the gold trees of `train`.
std::string train_reviser(std::string_view parser_bytes, const std::vector<CorpusSentence>& train,
                          const ReviserTrainOptions& options, std::ostream* log);

}  // namespace chronicle
