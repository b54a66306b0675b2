// Building models/events.model: compiles the CAMEO verb dictionary and
// WordNet into an EventLexicon, trains the TimeML event classifier on
// TimeBank + AQUAINT, evaluates it, and writes the model file.
//
//   chronicle train events --petrarch ../shared/data/petrarch2/dictionaries
//       --wordnet /usr/share/wordnet --timebank ../shared/data/timebank-aquaint -o models/events.model
//
// Training only: the runtime (extract/events.h) never includes this header.
// Deterministic: the same data gives the same bytes.
#pragma once

#include <array>
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "extract/event_classifier.h"
#include "extract/event_lexicon.h"

namespace chronicle {

struct EventsTrainOptions {
  std::string petrarch_dir;  // holds CAMEO.verbpatterns.*.txt
  std::string wordnet_dir = "/usr/share/wordnet";
  std::string timebank_dir;  // TimeBank/ and AQUAINT/ with .tml files
  std::string output;        // model file to write; empty: evaluate only
  // Folder with pos.model and parser.model: TimeBank is tagged and parsed with them so the
  // classifier learns its syntactic features from the tagger's and parser's real output.
  // Empty: lexical features only (the model then ignores the parse at run time too).
  std::string models_dir;
  int epochs = 10;
  int folds = 5;  // cross-validation folds (documents i % folds); 0: none
};

// Event-recognition figures, TempEval-3 style on tokens: an event counts when
// its token is found; "class" also requires the right TimeML class.
struct EventScores {
  std::size_t gold = 0, predicted = 0, correct = 0, class_correct = 0;
  // confusion[gold][predicted] over class indices (0 = no event), for the per-class report.
  std::array<std::array<std::size_t, kNumEventClasses>, kNumEventClasses> confusion{};
  // Precision, recall and F1 of one class (1..7), needing the class right.
  double class_precision(std::size_t c) const;
  double class_recall(std::size_t c) const;
  double precision() const { return predicted ? double(correct) / double(predicted) : 0; }
  double recall() const { return gold ? double(correct) / double(gold) : 0; }
  double f1() const;
  double class_f1() const;
  void add(const EventScores& o);
};

struct EventsTrainReport {
  std::size_t documents = 0, tokens = 0, events = 0;
  std::size_t cameo_verbs = 0, cameo_patterns = 0, event_nouns = 0, words = 0;
  EventScores cross_validation;  // pooled over the folds
  EventScores dev;               // fold 0 (documents 0, 5, 10, ... in sorted order) held out
  std::size_t model_bytes = 0;
};

// Compiles the PETRARCH2 verb-pattern dictionary into lex.verbs/cameo_blocks.
void compile_cameo_verbs(const std::string& path, EventLexicon& lex);
// Reads WordNet's dict folder (index.*, data.noun, data.verb, *.exc).
void compile_wordnet(const std::string& dir, EventLexicon& lex);

// One TimeML document as the trainer sees it: sentences of words, each word
// with its gold class index (0 = no event).
struct TimemlSentence {
  std::vector<std::string> words;
  std::vector<std::uint8_t> labels;
};
std::vector<TimemlSentence> read_timeml_events(const std::string& path);

// Everything above, then the model file. Throws std::runtime_error on missing data.
EventsTrainReport train_events_model(const EventsTrainOptions& options, std::ostream* log);

}  // namespace chronicle
