// Graphviz DOT of the graph, and its in-process rendering through libgvc (no `dot` process).
// Colour and shape say a node's kind, edge colour and style its role; edges carry their role
// and date; a legend cluster explains both. Events show their date under their headline.
#include <graphviz/gvc.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "export/formats.h"

namespace chronicle::exporter {
namespace {

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r' || c == '\t') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// Breaks a label into lines of about `width` bytes at spaces (UTF-8 safe: splits at ASCII only).
std::string wrap(std::string_view s, std::size_t width) {
  std::string out, line;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t sp = s.find(' ', start);
    std::string_view word =
        s.substr(start, sp == std::string_view::npos ? std::string_view::npos : sp - start);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
    if (sp == std::string_view::npos) break;
    start = sp + 1;
  }
  return out + line;
}

struct EdgeStyle {
  const char* color;
  const char* style;
  const char* extra;
};
EdgeStyle edge_style(EdgeKind k) {
  switch (k) {
    case EdgeKind::Agent:
      return {"#1f78b4", "solid", "penwidth=1.6"};
    case EdgeKind::Patient:
      return {"#d7301f", "solid", "penwidth=1.4"};
    case EdgeKind::Location:
      return {"#33a02c", "dashed", "penwidth=1.2"};
    case EdgeKind::Role:
      return {"#6a3d9a", "solid", "penwidth=1.0"};
    case EdgeKind::MentionedIn:
      return {"#9e9e9e", "dotted", "penwidth=0.8"};
    case EdgeKind::PartOf:
      return {"#33a02c", "dotted", "arrowhead=empty"};
    case EdgeKind::SameAs:
      return {"#757575", "dashed", "dir=none"};
  }
  return {"#000000", "solid", ""};
}

std::string legend(bool documents) {
  std::ostringstream o;
  o << "  subgraph cluster_legend {\n    label=\"Legend\"; fontsize=12; style=\"rounded\"; "
       "color=\"#bbbbbb\";\n"
    << "    legend [shape=plaintext, style=\"filled\", fillcolor=\"white\", fontsize=11, label=<<TABLE "
       "BORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"3\">\n";
  const NodeKind kinds[] = {NodeKind::Actor, NodeKind::Place, NodeKind::Event, NodeKind::Document};
  const char* names[] = {"actor", "place", "event (date below)", "document"};
  for (int i = 0; i < (documents ? 4 : 3); ++i) {
    KindStyle st = style_of(kinds[i]);
    o << "      <TR><TD BGCOLOR=\"" << st.fill << "\" BORDER=\"1\" COLOR=\"" << st.border
      << "\" WIDTH=\"28\"> </TD><TD ALIGN=\"LEFT\">" << names[i] << "</TD></TR>\n";
  }
  const EdgeKind edges[] = {EdgeKind::Agent,  EdgeKind::Patient, EdgeKind::Location,   EdgeKind::Role,
                            EdgeKind::PartOf, EdgeKind::SameAs,  EdgeKind::MentionedIn};
  const char* edge_names[] = {"agent (who acts)", "patient (acted on)", "location",    "other role",
                              "part of",          "maybe the same",     "mentioned in"};
  const char* glyph[] = {"&#8212;&#8212;&#9654;",    "&#8212;&#8212;&#9654;",     "- - -&#9654;",
                         "&#8212;&#8212;&#9654;",    "&#183;&#183;&#183;&#9655;", "- - - -",
                         "&#183;&#183;&#183;&#9654;"};
  for (int i = 0; i < (documents ? 7 : 6); ++i) {
    o << "      <TR><TD><FONT COLOR=\"" << edge_style(edges[i]).color << "\">" << glyph[i]
      << "</FONT></TD><TD ALIGN=\"LEFT\">" << edge_names[i] << "</TD></TR>\n";
  }
  o << "    </TABLE>>];\n  }\n";
  return o.str();
}

std::string node_label(const Node& n) {
  std::string name = n.name.empty() ? n.id : n.name;
  std::string label = wrap(name, n.kind == NodeKind::Event ? 22 : 18);
  if (n.kind == NodeKind::Event) {
    std::string when = n.time_value;
    if (!n.time_end.empty()) when += " \xE2\x80\x93 " + n.time_end;
    if (!when.empty()) label += "\n" + when;
  } else if (n.kind == NodeKind::Document && !n.dct.empty()) {
    label += "\n" + n.dct;
  }
  return label;
}

std::string tooltip(const Node& n) {
  std::string t = std::string(to_string(n.kind));
  if (!n.type.empty()) t += " " + n.type;
  t += ": " + (n.name.empty() ? n.id : n.name);
  if (!n.aliases.empty()) t += " (also " + join(n.aliases, ", ") + ")";
  if (!n.cameo.empty()) t += ", CAMEO " + n.cameo;
  if (n.sources > 0) t += ", " + std::to_string(n.sources) + " source(s)";
  return t;
}

// libgvc keeps global state (plugins, error handler): one rendering at a time.
std::mutex& graphviz_mutex() {
  static std::mutex m;
  return m;
}
std::string& graphviz_errors() {
  static std::string errors;  // guarded by graphviz_mutex()
  return errors;
}
int collect_error(char* message) {
  graphviz_errors() += message;
  return 0;
}

struct Graphviz {
  GVC_t* gvc = nullptr;
  Agraph_t* graph = nullptr;
  bool laid_out = false;
  explicit Graphviz(const std::string& dot) {
    graphviz_errors().clear();
    agseterr(AGERR);  // keep warnings (e.g. fonts) quiet; errors are collected
    agseterrf(collect_error);
    gvc = gvContext();
    if (!gvc) throw std::runtime_error("graphviz: cannot create a context");
    graph = agmemread(dot.c_str());
    if (!graph) fail("graphviz: cannot read the DOT");
    if (gvLayout(gvc, graph, "dot") != 0) fail("graphviz: layout failed");
    laid_out = true;
  }
  [[noreturn]] void fail(const std::string& what) {
    std::string msg = what;
    if (!graphviz_errors().empty()) msg += ": " + graphviz_errors();
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    cleanup();
    throw std::runtime_error(msg);
  }
  void cleanup() {
    if (laid_out) gvFreeLayout(gvc, graph);
    if (graph) agclose(graph);
    if (gvc) gvFreeContext(gvc);
    laid_out = false;
    graph = nullptr;
    gvc = nullptr;
    agseterrf(nullptr);
  }
  ~Graphviz() { cleanup(); }
  Graphviz(const Graphviz&) = delete;
  Graphviz& operator=(const Graphviz&) = delete;
};

}  // namespace

std::string make_dot(const KnowledgeGraph& g, const ExportOptions& options) {
  std::ostringstream o;
  bool has_documents = false;
  for (std::uint32_t i = 0; i < g.node_count(); ++i) has_documents |= g.node(i).kind == NodeKind::Document;
  // An event with no actor or place draws as a lone box that says nothing in a picture and, by
  // the dozen, stretches the layout into a column: diagrams leave them out and say how many.
  std::vector<char> shown(g.node_count(), 1);
  int hidden = 0;
  for (std::uint32_t i = 0; i < g.node_count(); ++i) {
    if (g.node(i).kind != NodeKind::Event) continue;
    bool linked = false;
    for (std::uint32_t e : g.out_edges(i)) linked |= g.edge(e).kind != EdgeKind::MentionedIn;
    for (std::uint32_t e : g.in_edges(i)) linked |= g.edge(e).kind != EdgeKind::MentionedIn;
    if (!linked) {
      shown[i] = 0;
      ++hidden;
    }
  }
  std::string title = options.title;
  if (title.empty()) {
    int actors = 0, events = 0, places = 0;
    for (std::uint32_t i = 0; i < g.node_count(); ++i) {
      if (!shown[i]) continue;
      actors += g.node(i).kind == NodeKind::Actor;
      events += g.node(i).kind == NodeKind::Event;
      places += g.node(i).kind == NodeKind::Place;
    }
    title = "Knowledge graph: " + std::to_string(actors) + " actors, " + std::to_string(events) +
            " events, " + std::to_string(places) + " places";
  }
  if (hidden > 0) title += "\n(" + std::to_string(hidden) + " events without actors or places not shown)";
  o << "digraph chronicle {\n"
    << "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=16, labelloc=t, label=" << quote(title)
    << ", nodesep=0.25, ranksep=0.6, bgcolor=\"white\", pad=0.3];\n"
    << "  node [fontname=\"Helvetica\", fontsize=11, style=\"filled\", penwidth=1.2];\n"
    << "  edge [fontname=\"Helvetica\", fontsize=9, fontcolor=\"#444444\", arrowsize=0.7];\n";
  for (std::uint32_t i = 0; i < g.node_count(); ++i) {
    if (!shown[i]) continue;
    const Node& n = g.node(i);
    const KindStyle st = style_of(n.kind);
    o << "  " << quote(n.id) << " [label=" << quote(node_label(n)) << ", shape=" << st.shape
      << ", fillcolor=\"" << st.fill << "\", color=\"" << st.border << "\"";
    if (n.kind == NodeKind::Event) o << ", style=\"filled,rounded\"";
    o << ", tooltip=" << quote(tooltip(n)) << "];\n";
  }
  for (std::uint32_t i = 0; i < g.edge_count(); ++i) {
    const Edge& e = g.edge(i);
    if (!shown[e.source] || !shown[e.target]) continue;
    const EdgeStyle st = edge_style(e.kind);
    std::string label = e.role.empty() ? std::string(to_string(e.kind)) : e.role;
    if (!e.date.empty()) label += "\n" + e.date;
    if (e.kind == EdgeKind::MentionedIn) label.clear();  // provenance edges: colour says it all
    o << "  " << quote(g.node(e.source).id) << " -> " << quote(g.node(e.target).id)
      << " [label=" << quote(label) << ", color=\"" << st.color << "\", style=" << st.style;
    if (*st.extra) o << ", " << st.extra;
    if (e.sources > 1) o << ", penwidth=" << std::min(1 + e.sources / 2, 5);
    o << "];\n";
  }
  // Nodes in no shown edge would stack into one tall column (dot ranks them all first, and its
  // component packing drops edge labels): chain them invisibly in rows of five in a cluster.
  std::vector<char> linked(g.node_count(), 0);
  for (std::uint32_t i = 0; i < g.edge_count(); ++i) {
    const Edge& e = g.edge(i);
    if (shown[e.source] && shown[e.target]) linked[e.source] = linked[e.target] = 1;
  }
  std::vector<std::uint32_t> lone;
  for (std::uint32_t i = 0; i < g.node_count(); ++i)
    if (shown[i] && !linked[i]) lone.push_back(i);
  if (lone.size() > 1) {
    o << "  subgraph cluster_unlinked {\n    label=\"In no event\"; fontsize=11; style=\"rounded,dashed\"; "
         "color=\"#bbbbbb\";\n";
    for (std::uint32_t i : lone) o << "    " << quote(g.node(i).id) << ";\n";
    for (std::size_t k = 0; k + 1 < lone.size(); ++k)
      if ((k + 1) % 5 != 0)
        o << "    " << quote(g.node(lone[k]).id) << " -> " << quote(g.node(lone[k + 1]).id)
          << " [style=invis];\n";
    o << "  }\n";
  }
  o << legend(has_documents) << "}\n";
  return o.str();
}

std::string render_graphviz(const std::string& dot, std::string_view format) {
  std::lock_guard lock(graphviz_mutex());
  Graphviz gv(dot);
  char* data = nullptr;
  unsigned int length = 0;
  const std::string fmt(format);
  if (gvRenderData(gv.gvc, gv.graph, fmt.c_str(), &data, &length) != 0 || !data)
    gv.fail("graphviz: cannot render " + fmt);
  std::string out(data, length);
  gvFreeRenderData(data);
  return out;
}

std::vector<LayoutPoint> layout_graphviz(const std::string& dot) {
  std::lock_guard lock(graphviz_mutex());
  Graphviz gv(dot);
  std::vector<LayoutPoint> points;
  for (Agnode_t* n = agfstnode(gv.graph); n; n = agnxtnode(gv.graph, n)) {
    // Sizes are in inches, coordinates in points.
    points.push_back({agnameof(n), ND_coord(n).x, ND_coord(n).y, ND_width(n) * 72.0, ND_height(n) * 72.0});
  }
  return points;
}

}  // namespace chronicle::exporter
