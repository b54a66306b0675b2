// Exporters: the knowledge graph written for the tools analysts open it in.
//
//   chronicle::ExportOptions opts;
//   opts.top_actors = 20;
//   chronicle::write_export(graph, "svg", std::cout, opts);
//   chronicle::write_all_exports(graph, "out/");   // what `chronicle build` calls
//
// One entry point chosen by format name; one file per format in export/.
// Formats (export_formats()):
//   graphml     GraphML, every attribute declared and typed (networkx, Gephi, Cytoscape);
//               with opts.yed the yEd flavour (y:ShapeNode labels, colours, laid-out positions)
//   dot         Graphviz DOT (colour and shape per node kind, role/date edge labels, legend)
//   svg, png    that DOT laid out and rendered in-process by libgvc
//   json        Cytoscape.js elements {"elements": {"nodes": [...], "edges": [...]}}
//   geojson     RFC 7946 FeatureCollection of places with coordinates, with their events
//   neo4j       neo4j-admin bulk-import CSVs: a directory (write_export_dir), not a stream
//   timelinejs  TimelineJS3 JSON of the dated events
//   timeline-svg, timeline-html, timeline-json
//               Chronicle's own timeline drawing (SVG, self-contained HTML page) and event list
//
// Guarantees: output is a deterministic function of the graph and the options (same input, same
// bytes). Bad options (unknown format, an actor that matches nothing, a malformed date) throw
// std::invalid_argument; I/O failures throw std::runtime_error. Nothing is printed.
// Thread-safety: the functions only read the graph; libgvc is not thread-safe, so svg/png
// rendering is serialised internally.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"

namespace chronicle {

struct ExportOptions {
  // Selection (diagrams, json, geojson, neo4j, graphml and timelines alike).
  int top_actors = 0;    // keep only the N actors in most events (0: all), with their events
  std::string actor;     // keep one actor's neighbourhood: its events, their actors and places
  std::string place;     // timelines: only events at this place (or a place part of it)
  std::string from, to;  // timelines: TIMEX3 dates; events overlapping [from, to]
  // Diagrams (dot/svg/png and yEd): documents and provenance edges clutter a picture, so they are
  // left out unless asked for. Data formats always carry them.
  bool diagram_documents = false;
  bool yed = false;   // graphml: yEd flavour
  std::string title;  // diagrams and timelines; a default is made from the graph
};

// Every format name accepted by write_export / write_export_dir, in a stable order.
const std::vector<std::string_view>& export_formats();
// True for formats that write a directory of files (neo4j).
bool is_directory_format(std::string_view format);
// Extension (without dot) of a stream format's file: graphml, dot, svg, png, json, geojson, html.
std::string_view format_extension(std::string_view format);

// Checks the options a user typed (from/to dates, top_actors >= 0) before any work: throws
// std::invalid_argument naming the bad option.
void validate_options(const ExportOptions& options);

// Writes the graph in `format` to `out`. Throws std::invalid_argument for an unknown or
// directory format and for options that select nothing valid.
void write_export(const KnowledgeGraph& graph, std::string_view format, std::ostream& out,
                  const ExportOptions& options = {});
// Writes a directory format (or a stream format as DIR/graph.EXT) into `dir`, creating it.
void write_export_dir(const KnowledgeGraph& graph, std::string_view format, const std::string& dir,
                      const ExportOptions& options = {});

// Writes every export into `dir` (created): graph.graphml, graph.yed.graphml, graph.dot,
// graph.svg, graph.png, graph.cytoscape.json (Cytoscape.js; graph.json is the graph module's own),
// places.geojson, timeline.json (TimelineJS3),
// timeline.svg, timeline.html, events.json, neo4j/. Diagrams (svg/png) of graphs with many
// actors keep the `diagram_top_actors` most active ones so the picture stays readable;
// the data formats keep everything. Returns the paths written, in order.
std::vector<std::string> write_all_exports(const KnowledgeGraph& graph, const std::string& dir,
                                           int diagram_top_actors = 40);

}  // namespace chronicle
