// chronicle train: see ../shared/docs/contract.md. Not implemented yet: its issue replaces this file.
#include "cli/commands.h"

namespace chronicle::cli {

void add_train_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("train", "rebuild a shipped model from its corpus");
  cmd->require_subcommand(1);
  add_train_ner_command(*cmd);
}

}  // namespace chronicle::cli
