// The chronicle command line: one file per subcommand, each registering
// itself on the CLI11 app. Subcommand callbacks report failure by throwing:
// UsageError (exit 2), any other std::exception (exit 1, one line on stderr),
// or ExitStatus to leave with a code after printing their own message.
#pragma once

#include <CLI/CLI.hpp>
#include <stdexcept>
#include <string>

namespace chronicle::cli {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ExitStatus {
  int code;
};

void add_extract_command(CLI::App& app);
void add_build_command(CLI::App& app);
void add_ingest_command(CLI::App& app);
void add_query_command(CLI::App& app);
void add_timeline_command(CLI::App& app);
void add_export_command(CLI::App& app);
void add_train_command(CLI::App& app);
// `train ner` (cli/train_ner.cc), registered on the train subcommand.
void add_train_ner_command(CLI::App& train);

// True when stderr is a terminal: long work then shows progress there.
bool progress_wanted();

}  // namespace chronicle::cli
