// Dispatch by format name, and the every-export directory `chronicle build` writes.
#include "export/exporter.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "export/formats.h"

namespace chronicle {
namespace {

using namespace exporter;

std::ofstream open_file(const std::filesystem::path& p) {
  std::ofstream f(p, std::ios::binary);
  if (!f) throw std::runtime_error("cannot write " + p.string());
  return f;
}

void close_file(std::ofstream& f, const std::filesystem::path& p) {
  f.flush();
  if (!f) throw std::runtime_error("error writing " + p.string());
}

}  // namespace

const std::vector<std::string_view>& export_formats() {
  static const std::vector<std::string_view> formats = {
      "graphml", "dot",        "svg",          "png",           "json",         "geojson",
      "neo4j",   "timelinejs", "timeline-svg", "timeline-html", "timeline-json"};
  return formats;
}

bool is_directory_format(std::string_view format) { return format == "neo4j"; }

std::string_view format_extension(std::string_view format) {
  if (format == "timeline-svg") return "svg";
  if (format == "timeline-html") return "html";
  if (format == "timeline-json" || format == "timelinejs") return "json";
  return format;
}

void validate_options(const ExportOptions& options) {
  if (!options.from.empty() && !parse_timex(options.from))
    throw std::invalid_argument("--from: not a date: '" + options.from +
                                "' (use YYYY, YYYY-MM or YYYY-MM-DD)");
  if (!options.to.empty() && !parse_timex(options.to))
    throw std::invalid_argument("--to: not a date: '" + options.to + "' (use YYYY, YYYY-MM or YYYY-MM-DD)");
  if (options.top_actors < 0) throw std::invalid_argument("--top: must be 0 or more");
}

void write_export(const KnowledgeGraph& graph, std::string_view format, std::ostream& out,
                  const ExportOptions& options) {
  std::optional<KnowledgeGraph> storage;
  if (format == "graphml") {
    write_graphml(graph, options, out);
  } else if (format == "dot" || format == "svg" || format == "png") {
    const KnowledgeGraph& g = selected(graph, options, options.diagram_documents, storage);
    std::string dot = make_dot(g, options);
    if (format == "dot") {
      out << dot;
    } else {
      out << render_graphviz(dot, format);
    }
  } else if (format == "json") {
    write_cytoscape(selected(graph, options, true, storage), out);
  } else if (format == "geojson") {
    write_geojson(selected(graph, options, true, storage), out);
  } else if (format == "timelinejs") {
    write_timelinejs(build_timeline(graph, options), out);
  } else if (format == "timeline-svg") {
    write_timeline_svg(build_timeline(graph, options), out);
  } else if (format == "timeline-html") {
    write_timeline_html(build_timeline(graph, options), out);
  } else if (format == "timeline-json") {
    write_timeline_json(build_timeline(graph, options), out);
  } else if (is_directory_format(format)) {
    throw std::invalid_argument("format " + std::string(format) + " writes a directory: give -o DIR");
  } else {
    std::string known;
    for (auto f : export_formats()) known += (known.empty() ? "" : ", ") + std::string(f);
    throw std::invalid_argument("unknown export format '" + std::string(format) + "' (known: " + known + ")");
  }
  out.flush();
  if (!out) throw std::runtime_error("error writing the " + std::string(format) + " export");
}

void write_export_dir(const KnowledgeGraph& graph, std::string_view format, const std::string& dir,
                      const ExportOptions& options) {
  if (format == "neo4j") {
    std::optional<KnowledgeGraph> storage;
    write_neo4j(selected(graph, options, true, storage), dir);
    return;
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create directory " + dir + ": " + ec.message());
  const auto path = std::filesystem::path(dir) / ("graph." + std::string(format_extension(format)));
  auto f = open_file(path);
  write_export(graph, format, f, options);
  close_file(f, path);
}

std::vector<std::string> write_all_exports(const KnowledgeGraph& graph, const std::string& dir,
                                           int diagram_top_actors) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create directory " + dir + ": " + ec.message());
  std::vector<std::string> written;
  int actors = 0;
  for (std::uint32_t i = 0; i < graph.node_count(); ++i) actors += graph.node(i).kind == NodeKind::Actor;
  ExportOptions all;
  ExportOptions diagram;
  if (diagram_top_actors > 0 && actors > diagram_top_actors) {
    diagram.top_actors = diagram_top_actors;
    diagram.title = "Knowledge graph: the " + std::to_string(diagram_top_actors) + " most active of " +
                    std::to_string(actors) + " actors";
  }
  ExportOptions yed = diagram;
  yed.yed = true;
  struct Item {
    const char* file;
    const char* format;
    const ExportOptions* options;
  };
  const Item items[] = {
      {"graph.graphml", "graphml", &all},
      {"graph.yed.graphml", "graphml", &yed},
      {"graph.dot", "dot", &all},
      {"graph.svg", "svg", &diagram},
      {"graph.png", "png", &diagram},
      {"graph.cytoscape.json", "json", &all},
      {"places.geojson", "geojson", &all},
      {"timeline.json", "timelinejs", &all},
      {"timeline.svg", "timeline-svg", &all},
      {"timeline.html", "timeline-html", &all},
      {"events.json", "timeline-json", &all},
  };
  for (const auto& item : items) {
    const fs::path path = fs::path(dir) / item.file;
    auto f = open_file(path);
    write_export(graph, item.format, f, *item.options);
    close_file(f, path);
    written.push_back(path.string());
  }
  const fs::path neo = fs::path(dir) / "neo4j";
  write_neo4j(graph, neo.string());
  written.push_back(neo.string());
  return written;
}

}  // namespace chronicle
