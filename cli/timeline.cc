// chronicle timeline: the events in time order, drawn (svg, html) or listed (json, timelinejs).
// See ../shared/docs/contract.md. Without --format the extension of -o chooses (.svg, .html,
// .json); otherwise JSON. The store loads only the events the filters select.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "export/exporter.h"
#include "graph/store.h"

namespace chronicle::cli {
namespace {

struct TimelineCli {
  std::string format;
  std::string db = "chronicle.db";
  std::string output;
  ExportOptions options;
};

std::string format_for(const TimelineCli& c) {
  if (!c.format.empty()) return c.format;
  const std::string ext = std::filesystem::path(c.output).extension().string();
  if (ext == ".svg") return "svg";
  if (ext == ".html" || ext == ".htm") return "html";
  return "json";
}

void run(const TimelineCli& c) {
  try {
    validate_options(c.options);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("timeline: ") + e.what());
  }
  const std::string format = format_for(c);
  const std::string exporter = format == "timelinejs" ? "timelinejs" : "timeline-" + format;
  if (!std::filesystem::exists(c.db))
    throw std::runtime_error(c.db + ": no such store (run chronicle ingest first)");
  StoreOptions so;
  so.create = false;
  so.read_only = true;
  Store store(c.db, so);
  GraphFilter filter;
  filter.involving = c.options.actor;
  filter.place = c.options.place;
  filter.from = c.options.from;
  filter.to = c.options.to;
  KnowledgeGraph graph = load_graph(store, filter);
  if (c.output.empty() || c.output == "-") {
    write_export(graph, exporter, std::cout, c.options);
    return;
  }
  std::ofstream out(c.output, std::ios::binary);
  if (!out) throw std::runtime_error(c.output + ": cannot write");
  write_export(graph, exporter, out, c.options);
  out.close();
  if (!out) throw std::runtime_error(c.output + ": error writing");
}

}  // namespace

void add_timeline_command(CLI::App& app) {
  auto c = std::make_shared<TimelineCli>();
  auto* cmd = app.add_subcommand("timeline",
                                 "Events in time order: a drawing (svg, html) or a list (json, timelinejs)");
  cmd->add_option("--actor", c->options.actor, "only events this actor takes part in");
  cmd->add_option("--place", c->options.place, "only events at this place or a place inside it");
  cmd->add_option("--from", c->options.from, "only events that end on or after this date (YYYY[-MM[-DD]])");
  cmd->add_option("--to", c->options.to, "only events that start on or before this date (YYYY[-MM[-DD]])");
  cmd->add_option("--db", c->db, "the store to read")->capture_default_str();
  cmd->add_option("--format,-f", c->format,
                  "svg (the drawing), html (a page with the drawing and a table), json (the events), "
                  "timelinejs (TimelineJS3); default: from the -o extension, else json")
      ->check(CLI::IsMember({"svg", "html", "json", "timelinejs"}));
  cmd->add_option("-o,--output", c->output, "output file; default stdout");
  cmd->add_option("--title", c->options.title, "title of the drawing");
  cmd->callback([c] { run(*c); });
}

}  // namespace chronicle::cli
