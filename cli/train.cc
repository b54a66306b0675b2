// chronicle train: see ../shared/docs/contract.md. Not implemented yet: its issue replaces this file.
#include "cli/commands.h"

namespace chronicle::cli {

void add_train_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("train", "(not implemented yet)");
  cmd->allow_extras();
  cmd->callback([] { throw UsageError("train: not implemented yet"); });
}

}  // namespace chronicle::cli
