// chronicle export: see ../shared/docs/contract.md. Not implemented yet: its issue replaces this file.
#include "cli/commands.h"

namespace chronicle::cli {

void add_export_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("export", "(not implemented yet)");
  cmd->allow_extras();
  cmd->callback([] { throw UsageError("export: not implemented yet"); });
}

}  // namespace chronicle::cli
