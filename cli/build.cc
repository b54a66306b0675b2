// chronicle build: the main job. Ingests the articles into the store, then writes
// every export into --out: each article's extraction (articles/<id>.json), the
// whole graph (graph.json) and, when the export module is present, every format
// it offers (export/exporter.h write_all_exports).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>

#include "cli/commands.h"
#include "cli/ingest_common.h"
#include "core/json_writer.h"
#include "export/exporter.h"
#include "graph/builder.h"
#include "graph/query.h"

namespace chronicle::cli {
namespace {

std::string safe_file_name(const std::string& id) {
  std::string out;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.';
    out.push_back(ok ? c : '_');
  }
  if (out.empty() || out[0] == '.') out = "_" + out;
  if (out.size() > 100) out = out.substr(0, 80) + "_" + short_hash(id);
  return out;
}

void write_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f << text;
  if (!f) throw std::runtime_error(p.string() + ": cannot write");
}

}  // namespace

void add_build_command(CLI::App& app) {
  auto o = std::make_shared<IngestCliOptions>();
  auto out = std::make_shared<std::string>();
  auto db_given = std::make_shared<std::string>();
  auto* cmd =
      app.add_subcommand("build", "The main job: ingest the articles and write every export into --out");
  cmd->add_option("inputs", o->inputs, "Files, directories (read recursively) or - for stdin")->required();
  cmd->add_option("--out", *out, "Directory for the exports (created)")->required();
  cmd->add_option("--db", *db_given, "The store (default: OUT/chronicle.db)");
  add_ingest_options(cmd, *o);
  cmd->callback([o, out, db_given] {
    namespace fs = std::filesystem;
    const fs::path dir(*out);
    std::error_code ec;
    fs::create_directories(dir / "articles", ec);
    if (ec) throw std::runtime_error(*out + ": cannot create the directory (" + ec.message() + ")");
    IngestCliOptions opts = *o;
    opts.db = db_given->empty() ? (dir / "chronicle.db").string() : *db_given;

    // Per-article extraction JSON, written by the extracting threads; names stay unique.
    std::mutex names_mutex;
    std::set<std::string> names;
    auto on_analysis = [&](const Analysis& a) {
      std::string name = safe_file_name(a.doc.id);
      {
        std::lock_guard lock(names_mutex);
        if (!names.insert(name).second) {
          name += "~" + content_hash(a.doc.text).substr(0, 8);
          names.insert(name);
        }
      }
      write_file(dir / "articles" / (name + ".json"), analysis_to_json(a, true) + "\n");
    };

    Store store(opts.db);
    IngestStats s = run_ingest(store, opts, on_analysis);
    KnowledgeGraph g = load_graph(store);
    std::vector<std::string> written;
    write_file(dir / "graph.json", graph_to_json(g));
    written.push_back((dir / "graph.json").string());
    for (auto& p : write_all_exports(g, dir.string())) written.push_back(p);
    Store::Counts c = store.counts();
    std::cerr << "build: " << s.added << " new article(s), " << s.skipped << " already stored, " << s.failed
              << " failed; " << c.documents << " documents, " << c.actors << " actors, " << c.places
              << " places, " << c.events << " events in " << opts.db << "; wrote "
              << written.size() + names.size() << " file(s) into " << *out << "\n";
    if (s.added + s.skipped == 0 && s.failed > 0) throw ExitStatus{1};
  });
}

}  // namespace chronicle::cli
