// chronicle train: rebuilds a shipped model from its corpus, reproducibly.
// Each model kind registers its own sub-subcommand here.
#include <iostream>

#include "cli/commands.h"
#include "extract/events_train.h"

namespace chronicle::cli {

namespace {

void add_train_events(CLI::App& train) {
  auto o = std::make_shared<EventsTrainOptions>();
  const std::string data = std::string(CHRONICLE_SOURCE_DIR) + "/../shared/data/";
  o->petrarch_dir = data + "petrarch2/dictionaries";
  o->timebank_dir = data + "timebank-aquaint";
  o->output = std::string(CHRONICLE_SOURCE_DIR) + "/models/events.model";
  auto* cmd = train.add_subcommand("events", "CAMEO lexicon + TimeML event classifier -> events.model");
  cmd->add_option("--petrarch", o->petrarch_dir, "PETRARCH2 dictionaries folder (CAMEO.verbpatterns.*.txt)")
      ->capture_default_str();
  cmd->add_option("--wordnet", o->wordnet_dir, "WordNet 3.0 dict folder")->capture_default_str();
  cmd->add_option("--timebank", o->timebank_dir, "TimeBank/AQUAINT TimeML folder")->capture_default_str();
  cmd->add_option("-o,--output", o->output, "model file to write (empty: evaluate only)")->capture_default_str();
  cmd->add_option("--epochs", o->epochs, "perceptron epochs")->capture_default_str()->check(CLI::Range(1, 100));
  cmd->add_option("--folds", o->folds, "cross-validation folds (0: none)")->capture_default_str()->check(CLI::Range(0, 20));
  cmd->callback([o] {
    EventsTrainReport r = train_events_model(*o, &std::cerr);
    if (o->folds > 0) {
      std::cout << "events: " << o->folds << "-fold cross-validation over " << r.documents << " documents: P "
                << 100 * r.cross_validation.precision() << " R " << 100 * r.cross_validation.recall() << " F1 "
                << 100 * r.cross_validation.f1() << " class F1 " << 100 * r.cross_validation.class_f1() << "\n";
      std::cout << "events: dev (fold 0 held out): F1 " << 100 * r.dev.f1() << " class F1 " << 100 * r.dev.class_f1()
                << "\n";
    }
  });
}

}  // namespace

void add_train_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("train", "rebuild a shipped model from its corpus");
  cmd->require_subcommand(1);
  add_train_ner_command(*cmd);
  add_train_events(*cmd);
}

}  // namespace chronicle::cli
