// What `chronicle ingest` and `chronicle build` share: their ingest options and
// the run with progress on stderr (articles/s, done/total) when it is a terminal.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "graph/ingest.h"
#include "graph/store.h"

namespace chronicle::cli {

struct IngestCliOptions {
  std::vector<std::string> inputs;
  std::string db = "chronicle.db";
  std::string input = "auto";
  std::string dct;
  std::string models;
  unsigned threads = 2;
  bool timings = false;  // print the CPU time of each step (read, extract, digest, store)
};

void add_ingest_options(CLI::App* cmd, IngestCliOptions& o);
// Throws UsageError for bad options; on_analysis (may be empty) runs on worker threads.
IngestStats run_ingest(Store& store, const IngestCliOptions& o,
                       std::function<void(const Analysis&)> on_analysis);

}  // namespace chronicle::cli
