// GraphML (http://graphml.graphdrawing.org/): every attribute is declared once with its type and
// a default, and written on every element all the same: networkx.read_graphml and Gephi do not
// fill in declared defaults, and an analyst's script should find every attribute, typed, on
// every node and edge. Unknown coordinates are NaN (also the declared default).
// The yEd flavour adds y:ShapeNode/y:PolyLineEdge graphics with positions from a Graphviz layout,
// so yEd shows a laid-out, coloured, labelled picture without running a layout first.
#include <charconv>
#include <cmath>
#include <map>

#include "export/formats.h"

namespace chronicle::exporter {
namespace {

enum class Type { String, Int, Double, Boolean };

struct Attr {
  const char* name;
  Type type;
  const char* default_text;  // as written in <default>
};

// Node attributes, in the order they are declared and written.
constexpr Attr kNodeAttrs[] = {
    {"kind", Type::String, ""},          {"name", Type::String, ""},
    {"label", Type::String, ""},         {"type", Type::String, ""},
    {"aliases", Type::String, ""},       {"kb_id", Type::String, ""},
    {"country", Type::String, ""},       {"codes", Type::String, ""},
    {"latitude", Type::Double, "NaN"},   {"longitude", Type::Double, "NaN"},
    {"lemma", Type::String, ""},         {"cameo", Type::String, ""},
    {"quad_class", Type::Int, "-1"},     {"goldstein", Type::Double, "0"},
    {"time_value", Type::String, ""},    {"time_end", Type::String, ""},
    {"negated", Type::Boolean, "false"}, {"modality", Type::String, ""},
    {"first_date", Type::String, ""},    {"last_date", Type::String, ""},
    {"sources", Type::Int, "0"},         {"mentions", Type::Int, "0"},
    {"sentence", Type::String, ""},      {"title", Type::String, ""},
    {"url", Type::String, ""},           {"dct", Type::String, ""},
};
constexpr Attr kEdgeAttrs[] = {
    {"kind", Type::String, ""},
    {"role", Type::String, ""},
    {"date", Type::String, ""},
    {"sources", Type::Int, "1"},
};

const char* type_name(Type t) {
  switch (t) {
    case Type::String:
      return "string";
    case Type::Int:
      return "int";
    case Type::Double:
      return "double";
    case Type::Boolean:
      return "boolean";
  }
  return "string";
}

std::string number(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// The value of each node attribute as text; empty optional = the default.
std::map<std::string, std::string> node_values(const Node& n) {
  std::map<std::string, std::string> v;
  v["kind"] = std::string(to_string(n.kind));
  v["name"] = n.name;
  v["label"] = n.name;
  v["type"] = n.type;
  v["aliases"] = join(n.aliases, "; ");
  v["kb_id"] = n.kb_id;
  v["country"] = n.country;
  v["codes"] = join(n.codes, "; ");
  v["latitude"] = n.latitude && std::isfinite(*n.latitude) ? number(*n.latitude) : "NaN";
  v["longitude"] = n.longitude && std::isfinite(*n.longitude) ? number(*n.longitude) : "NaN";
  v["lemma"] = n.lemma;
  v["cameo"] = n.cameo;
  v["quad_class"] = std::to_string(n.quad_class);
  v["goldstein"] = number(n.goldstein);
  v["time_value"] = n.time_value;
  v["time_end"] = n.time_end;
  v["negated"] = n.negated ? "true" : "false";
  v["modality"] = n.modality;
  v["first_date"] = n.first_date;
  v["last_date"] = n.last_date;
  v["sources"] = std::to_string(n.sources);
  v["mentions"] = std::to_string(n.provenance.size());
  for (const auto& p : n.provenance)
    if (!p.sentence_text.empty()) {
      v["sentence"] = p.sentence_text;
      break;
    }
  v["title"] = n.title;
  v["url"] = n.url;
  v["dct"] = n.dct;
  return v;
}

void write_keys(std::ostream& out, const char* domain, const char* prefix, const Attr* attrs,
                std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    out << "  <key id=\"" << prefix << i << "\" for=\"" << domain << "\" attr.name=\"" << attrs[i].name
        << "\" attr.type=\"" << type_name(attrs[i].type) << "\"";
    // An empty string default is GraphML's implicit one; written out, networkx 2.8 reads it as
    // the string "None". Typed attributes get their default explicitly.
    if (*attrs[i].default_text) {
      out << "><default>" << attrs[i].default_text << "</default></key>\n";
    } else {
      out << "/>\n";
    }
  }
}

void write_data(std::ostream& out, const char* indent, const char* prefix, const Attr* attrs,
                std::size_t count, const std::map<std::string, std::string>& values) {
  for (std::size_t i = 0; i < count; ++i) {
    auto it = values.find(attrs[i].name);
    const std::string& text = it == values.end() ? std::string(attrs[i].default_text) : it->second;
    out << indent << "<data key=\"" << prefix << i << "\">" << xml_escape(text) << "</data>\n";
  }
}

}  // namespace

void write_graphml(const KnowledgeGraph& graph, const ExportOptions& options, std::ostream& out) {
  std::optional<KnowledgeGraph> storage;
  const bool yed = options.yed;
  const KnowledgeGraph& g = selected(graph, options, yed ? options.diagram_documents : true, storage);

  std::map<std::string, LayoutPoint> layout;
  double max_y = 0;
  if (yed && g.node_count() > 0) {
    for (auto& p : layout_graphviz(make_dot(g, options))) {
      max_y = std::max(max_y, p.y + p.height / 2);
      layout[p.name] = p;
    }
  }

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
      << "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n";
  if (yed) out << "         xmlns:y=\"http://www.yworks.com/xml/graphml\"\n";
  out << "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      << (yed ? "http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd"
              : "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd")
      << "\">\n";
  constexpr std::size_t kN = std::size(kNodeAttrs), kE = std::size(kEdgeAttrs);
  write_keys(out, "node", "n", kNodeAttrs, kN);
  write_keys(out, "edge", "e", kEdgeAttrs, kE);
  if (yed) {
    out << "  <key id=\"ng\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n"
        << "  <key id=\"eg\" for=\"edge\" yfiles.type=\"edgegraphics\"/>\n";
  }
  out << "  <graph id=\"chronicle\" edgedefault=\"directed\">\n";
  for (std::uint32_t i = 0; i < g.node_count(); ++i) {
    const Node& n = g.node(i);
    out << "    <node id=\"" << xml_escape(n.id) << "\">\n";
    write_data(out, "      ", "n", kNodeAttrs, kN, node_values(n));
    if (yed) {
      const KindStyle st = style_of(n.kind);
      LayoutPoint p{n.id, 0, 0, 120, 40};
      if (auto it = layout.find(n.id); it != layout.end()) p = it->second;
      out << "      <data key=\"ng\"><y:ShapeNode>"
          << "<y:Geometry x=\"" << number(p.x - p.width / 2) << "\" y=\""
          << number(max_y - p.y - p.height / 2) << "\" width=\"" << number(p.width) << "\" height=\""
          << number(p.height) << "\"/>"
          << "<y:Fill color=\"" << st.fill << "\" transparent=\"false\"/>"
          << "<y:BorderStyle color=\"" << st.border << "\" type=\"line\" width=\"1.5\"/>"
          << "<y:NodeLabel alignment=\"center\" autoSizePolicy=\"content\" fontFamily=\"Dialog\" "
             "fontSize=\"12\""
          << " modelName=\"internal\" modelPosition=\"c\" textColor=\"#000000\" visible=\"true\">"
          << xml_escape(n.name.empty() ? n.id : n.name) << "</y:NodeLabel>"
          << "<y:Shape type=\"" << st.yed_shape << "\"/></y:ShapeNode></data>\n";
    }
    out << "    </node>\n";
  }
  for (std::uint32_t i = 0; i < g.edge_count(); ++i) {
    const Edge& e = g.edge(i);
    out << "    <edge id=\"e" << i << "\" source=\"" << xml_escape(g.node(e.source).id) << "\" target=\""
        << xml_escape(g.node(e.target).id) << "\">\n";
    std::map<std::string, std::string> v{{"kind", std::string(to_string(e.kind))},
                                         {"role", e.role},
                                         {"date", e.date},
                                         {"sources", std::to_string(e.sources)}};
    write_data(out, "      ", "e", kEdgeAttrs, kE, v);
    if (yed) {
      std::string label = e.role.empty() ? std::string(to_string(e.kind)) : e.role;
      if (!e.date.empty()) label += " " + e.date;
      out << "      <data key=\"eg\"><y:PolyLineEdge><y:LineStyle color=\"#555555\" type=\""
          << (e.kind == EdgeKind::SameAs ? "dashed" : "line") << "\" width=\"1.0\"/>"
          << "<y:Arrows source=\"none\" target=\"standard\"/>"
          << "<y:EdgeLabel fontSize=\"10\" textColor=\"#333333\" visible=\"true\">" << xml_escape(label)
          << "</y:EdgeLabel></y:PolyLineEdge></data>\n";
    }
    out << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
}

}  // namespace chronicle::exporter
