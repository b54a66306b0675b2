// chronicle train events: compiles the CAMEO lexicon and WordNet word classes
// and trains the TimeML event classifier into models/events.model
// (extract/events_train.h); with --folds it reports cross-validated figures.
#include <iostream>

#include "cli/commands.h"
#include "extract/events_train.h"

namespace chronicle::cli {

void add_train_events_command(CLI::App& train) {
  auto o = std::make_shared<EventsTrainOptions>();
  const std::string data = std::string(CHRONICLE_SOURCE_DIR) + "/../shared/data/";
  o->petrarch_dir = data + "petrarch2/dictionaries";
  o->timebank_dir = data + "timebank-aquaint";
  o->output = std::string(CHRONICLE_SOURCE_DIR) + "/models/events.model";
  o->models_dir = std::string(CHRONICLE_SOURCE_DIR) + "/models";
  auto* cmd = train.add_subcommand("events", "CAMEO lexicon + TimeML event classifier -> events.model");
  cmd->add_option("--petrarch", o->petrarch_dir, "PETRARCH2 dictionaries folder (CAMEO.verbpatterns.*.txt)")
      ->capture_default_str();
  cmd->add_option("--wordnet", o->wordnet_dir, "WordNet 3.0 dict folder")->capture_default_str();
  cmd->add_option("--timebank", o->timebank_dir, "TimeBank/AQUAINT TimeML folder")->capture_default_str();
  cmd->add_option("-o,--output", o->output, "model file to write (empty: evaluate only)")
      ->capture_default_str();
  cmd->add_option("--models", o->models_dir,
                  "folder with pos.model and parser.model for the syntactic features (empty: none)")
      ->capture_default_str();
  cmd->add_option("--epochs", o->epochs, "perceptron epochs")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  cmd->add_option("--folds", o->folds, "cross-validation folds (0: none)")
      ->capture_default_str()
      ->check(CLI::Range(0, 20));
  cmd->callback([o] {
    EventsTrainReport r = train_events_model(*o, &std::cerr);
    if (o->folds > 0) {
      std::cout << "events: " << o->folds << "-fold cross-validation over " << r.documents << " documents: P "
                << 100 * r.cross_validation.precision() << " R " << 100 * r.cross_validation.recall()
                << " F1 " << 100 * r.cross_validation.f1() << " class F1 "
                << 100 * r.cross_validation.class_f1() << "\n";
      std::cout << "events: dev (fold 0 held out): F1 " << 100 * r.dev.f1() << " class F1 "
                << 100 * r.dev.class_f1() << "\n";
    }
  });
}

}  // namespace chronicle::cli
