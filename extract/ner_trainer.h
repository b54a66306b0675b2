// Training and evaluation of the named-entity recogniser (extract/ner.h).
//
//   NerTrainOptions o;  o.data_dir = "../shared/data";  o.output = "models/ner.model";
//   NerTrainReport r = train_ner(o);   // r.dev.f1 is conlleval's exact-match F1 on eng.testa
//
// Method: averaged structured perceptron (Collins 2002) over BILOU tags with
// first-order Viterbi, lazy averaging, documents shuffled with a fixed seed,
// integer updates (so the same data gives the same bytes). Before training it
// derives a lexicon from unlabeled and dictionary data: word clusters
// (exchange algorithm, Martin et al. 1998) and capitalisation ratios from
// Reuters-21578 bodies plus the training text; gazetteers from WordNet
// instance nouns and the Phoenix actor dictionaries; vehicle nouns from
// WordNet's hyponyms of "vessel". The epoch with the best dev F1 is kept,
// rare and near-zero features are pruned and the weights quantised to int16.
//
// Kept apart from extract/ner.cc so that loading a model never pulls in the
// trainer's accumulators. Not thread-safe within one call; calls are independent.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/ner.h"

namespace chronicle {

struct NerTrainOptions {
  std::string data_dir = "../shared/data";         // holds conll2003/, reuters21578/, petrarch2/
  std::string train_file;                          // default <data_dir>/conll2003/eng.train
  std::string dev_file;                            // default <data_dir>/conll2003/eng.testa; "-" for none
  std::string wordnet_dir = "/usr/share/wordnet";  // Debian wordnet-base; skipped when absent
  std::string output = "models/ner.model";
  int epochs = 12;
  int clusters = 256;  // word classes learned from unlabeled text (0: none)
  int cluster_iterations = 6;
  int min_feature_count = 2;  // features seen fewer times in training are dropped
  float prune = 0.0f;         // drop features whose largest |weight| is below prune * largest weight overall
  std::uint64_t seed = 20031;
  std::function<void(const std::string&)> log;  // progress lines; may be empty
  // Optional part-of-speech tagger (word forms -> Penn tags). When set, every
  // training and dev sentence is tagged with it and the model gets POS
  // features; the pipeline must then run the same tagger before the recogniser.
  std::function<std::vector<std::string>(const std::vector<std::string_view>&)> pos_tagger;
};

// conlleval's exact-match scores.
struct NerScore {
  std::size_t gold = 0, predicted = 0, correct = 0;
  double precision() const { return predicted ? 100.0 * correct / predicted : 0.0; }
  double recall() const { return gold ? 100.0 * correct / gold : 0.0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

struct NerTrainReport {
  NerScore dev;  // of the kept epoch (empty without dev data)
  NerScore dev_by_type[ner::kTypes];
  int best_epoch = 0;
  std::size_t features = 0;  // in the written model
  std::size_t model_bytes = 0;
};

// A CoNLL-2003 file with its gold tags (IOB1 or IOB2), as BILOU tag ids.
struct ConllSentence {
  std::vector<std::string> words;
  std::vector<int> tags;
  std::vector<std::string> xpos;  // empty unless a tagger filled it
};
using ConllDocument = std::vector<ConllSentence>;
// Throws InputError-like std::runtime_error naming file and line on bad input.
std::vector<ConllDocument> read_conll_tagged(const std::string& path);
// Parses CoNLL-2003 text already in memory (`what` names it in errors).
std::vector<ConllDocument> parse_conll_tagged(std::string_view text, const std::string& what);

// Trains, writes options.output, and reports. Throws std::runtime_error when
// the training file is missing or malformed.
NerTrainReport train_ner(const NerTrainOptions& options);

// Trains on documents in memory with a given lexicon (tests, tiny fixtures);
// returns the model bytes.
std::string train_ner_model(const std::vector<ConllDocument>& train, const std::vector<ConllDocument>& dev,
                            const ner::NerLexicon& lexicon, const NerTrainOptions& options,
                            NerTrainReport* report = nullptr);

// Scores a model on gold documents; by_type may be null.
NerScore evaluate_ner(const EntityRecognizer& model, const std::vector<ConllDocument>& gold,
                      NerScore* by_type = nullptr);

}  // namespace chronicle
