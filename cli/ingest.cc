// chronicle ingest: add articles to the persistent store (see ../shared/docs/contract.md).
#include "graph/ingest.h"

#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/ingest_common.h"
#include "graph/store.h"

namespace chronicle::cli {

void add_ingest_options(CLI::App* cmd, IngestCliOptions& o) {
  cmd->add_option("--input", o.input, "Input format")
      ->check(CLI::IsMember({"auto", "text", "html", "jsonl", "timeml", "conll", "conllu"}));
  cmd->add_option("--dct", o.dct, "Document creation time for every document (2016-12-15)");
  cmd->add_option("--models", o.models, "Models directory (default: the shipped models/)");
  cmd->add_option("--threads", o.threads, "Extraction threads (the store has one writer)")
      ->check(CLI::Range(1u, 256u));
  cmd->add_flag("--timings", o.timings,
                "Print the CPU seconds of each step (read, extract, digest, store) on stderr");
}

IngestStats run_ingest(Store& store, const IngestCliOptions& o,
                       std::function<void(const Analysis&)> on_analysis) {
  IngestOptions io;
  auto fmt = parse_input_format(o.input);
  if (!fmt) throw UsageError("unknown --input format '" + o.input + "'");
  io.format = *fmt;
  io.models_dir = o.models;
  io.threads = o.threads;
  io.on_analysis = std::move(on_analysis);
  if (!o.dct.empty()) {
    io.dct = parse_date_time(o.dct);
    if (!io.dct) throw UsageError("cannot read --dct '" + o.dct + "' (try 2016-12-15)");
  }
  io.warn = [](const std::string& w) { std::cerr << "\rchronicle: warning: " << w << "\n"; };
  const bool show = progress_wanted();
  if (show) {
    io.progress = [](const IngestProgress& p) {
      double rate = p.seconds > 0 ? static_cast<double>(p.added + p.skipped) / p.seconds : 0;
      std::fprintf(stderr,
                   "\ringest: %zu/%zu files, %zu articles (%zu new, %zu known, %zu failed), %.0f articles/s ",
                   p.files_done, p.files_total, p.articles, p.added, p.skipped, p.failed, rate);
      std::fflush(stderr);
    };
  }
  IngestStats s = ingest_files(store, o.inputs, io);
  if (show) std::fputs("\n", stderr);
  if (o.timings) {
    const double total = s.read_cpu + s.extract_cpu + s.digest_cpu + s.store_cpu;
    auto pct = [&](double x) { return total > 0 ? 100.0 * x / total : 0.0; };
    std::fprintf(stderr,
                 "timings: CPU seconds: read %.2f (%.1f%%), extract %.2f (%.1f%%), digest %.2f (%.1f%%), "
                 "store %.2f (%.1f%%); %.2f s wall, of which %.2f s waiting for the store\n",
                 s.read_cpu, pct(s.read_cpu), s.extract_cpu, pct(s.extract_cpu), s.digest_cpu,
                 pct(s.digest_cpu), s.store_cpu, pct(s.store_cpu), s.seconds, s.store_wait);
  }
  return s;
}

void add_ingest_command(CLI::App& app) {
  auto o = std::make_shared<IngestCliOptions>();
  auto* cmd =
      app.add_subcommand("ingest", "Add articles to the persistent store (merging into what it holds)");
  cmd->add_option("inputs", o->inputs, "Files, directories (read recursively) or - for stdin")->required();
  cmd->add_option("--db", o->db, "The store (SQLite file; created when missing)");
  add_ingest_options(cmd, *o);
  cmd->callback([o] {
    Store store(o->db);
    IngestStats s = run_ingest(store, *o, nullptr);
    Store::Counts c = store.counts();
    std::cerr << "ingest: " << s.added << " new article(s), " << s.skipped << " already stored, " << s.failed
              << " failed; the store holds " << c.documents << " documents, " << c.actors << " actors, "
              << c.places << " places, " << c.events << " events\n";
    if (s.added + s.skipped == 0 && s.failed > 0) throw ExitStatus{1};
  });
}

}  // namespace chronicle::cli
