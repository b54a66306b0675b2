// chronicle export: the whole graph (or a readable part of it) for other tools.
// See ../shared/docs/contract.md; formats and options are those of export/exporter.h.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "export/exporter.h"
#include "graph/store.h"

namespace chronicle::cli {
namespace {

struct ExportCli {
  std::string format;
  std::string db = "chronicle.db";
  std::string output;
  ExportOptions options;
};

// Opens the store read-only; a missing file is bad input, not an empty graph.
KnowledgeGraph load(const std::string& db, const GraphFilter& filter) {
  if (!std::filesystem::exists(db))
    throw std::runtime_error(db + ": no such store (run chronicle ingest first)");
  StoreOptions so;
  so.create = false;
  so.read_only = true;
  Store store(db, so);
  return load_graph(store, filter);
}

void run(const ExportCli& c) {
  try {
    validate_options(c.options);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("export: ") + e.what());
  }
  if (is_directory_format(c.format) && c.output.empty())
    throw UsageError("export: --format " + c.format + " writes a directory: give -o DIR");
  GraphFilter filter;
  // The whole graph even with --actor: the neighbourhood includes same-as links and partners,
  // and an actor in no event is still found.
  KnowledgeGraph graph = load(c.db, filter);
  if (is_directory_format(c.format)) {
    write_export_dir(graph, c.format, c.output, c.options);
    return;
  }
  if (c.output.empty() || c.output == "-") {
    write_export(graph, c.format, std::cout, c.options);
    return;
  }
  std::ofstream out(c.output, std::ios::binary);
  if (!out) throw std::runtime_error(c.output + ": cannot write");
  write_export(graph, c.format, out, c.options);
  out.close();
  if (!out) throw std::runtime_error(c.output + ": error writing");
}

}  // namespace

void add_export_command(CLI::App& app) {
  auto c = std::make_shared<ExportCli>();
  auto* cmd = app.add_subcommand("export",
                                 "Write the whole graph for other tools (GraphML, DOT, SVG, PNG, "
                                 "Cytoscape.js JSON, GeoJSON, Neo4j CSVs, TimelineJS)");
  std::vector<std::string> formats;
  for (auto f : export_formats()) formats.emplace_back(f);
  cmd->add_option(
         "--format,-f", c->format,
         "graphml (--yed for yEd), dot, svg, png, json (Cytoscape.js), geojson, neo4j (a directory), "
         "timelinejs, timeline-svg, timeline-html, timeline-json")
      ->required()
      ->check(CLI::IsMember(formats));
  cmd->add_option("--db", c->db, "the store to read")->capture_default_str();
  cmd->add_option("-o,--output", c->output, "output file (directory for neo4j); default stdout");
  cmd->add_option("--top", c->options.top_actors, "keep only the N actors in most events, with their events")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--actor", c->options.actor,
                  "keep one actor's neighbourhood: its events, their actors and places");
  cmd->add_flag("--yed", c->options.yed, "graphml: the yEd flavour (shapes, colours, laid-out positions)");
  cmd->add_flag("--documents", c->options.diagram_documents, "dot/svg/png: show source documents too");
  cmd->add_option("--title", c->options.title, "title of diagrams and timelines");
  cmd->callback([c] { run(*c); });
}

}  // namespace chronicle::cli
