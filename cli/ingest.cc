// chronicle ingest: see ../shared/docs/contract.md. Not implemented yet: its issue replaces this file.
#include "cli/commands.h"

namespace chronicle::cli {

void add_ingest_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("ingest", "(not implemented yet)");
  cmd->allow_extras();
  cmd->callback([] { throw UsageError("ingest: not implemented yet"); });
}

}  // namespace chronicle::cli
