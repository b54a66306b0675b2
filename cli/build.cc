// chronicle build: see ../shared/docs/contract.md. Not implemented yet: its issue replaces this file.
#include "cli/commands.h"

namespace chronicle::cli {

void add_build_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("build", "(not implemented yet)");
  cmd->allow_extras();
  cmd->callback([] { throw UsageError("build: not implemented yet"); });
}

}  // namespace chronicle::cli
