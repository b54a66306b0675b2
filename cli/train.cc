// chronicle train: rebuilds a shipped model from its corpus, reproducibly.
// Each model kind registers its own sub-subcommand (one file each).
#include "cli/commands.h"

namespace chronicle::cli {

void add_train_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("train", "rebuild a shipped model from its corpus");
  cmd->require_subcommand(1);
  add_train_ner_command(*cmd);
  add_train_events_command(*cmd);
}

}  // namespace chronicle::cli
