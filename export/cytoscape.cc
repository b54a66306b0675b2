// Cytoscape.js elements JSON: {"elements": {"nodes": [{"data": {...}, "classes": kind}],
// "edges": [{"data": {"id", "source", "target", ...}}]}} — loadable with cy.add() or
// cytoscape({elements}). Node ids are the graph's stable ids.
#include "export/formats.h"
#include "export/json_util.h"

namespace chronicle::exporter {

void write_cytoscape(const KnowledgeGraph& g, std::ostream& out) {
  rapidjson::OStreamWrapper os(out);
  JsonWriter w(os);
  w.SetIndent(' ', 1);
  w.StartObject();
  w.Key("elements");
  w.StartObject();
  w.Key("nodes");
  w.StartArray();
  for (std::uint32_t i = 0; i < g.node_count(); ++i) {
    const Node& n = g.node(i);
    w.StartObject();
    w.Key("data");
    w.StartObject();
    put(w, "id", n.id);
    put(w, "label", n.name.empty() ? n.id : n.name);
    put(w, "kind", to_string(n.kind));
    put_nonempty(w, "type", n.type);
    if (!n.aliases.empty()) {
      w.Key("aliases");
      w.StartArray();
      for (const auto& a : n.aliases) str(w, a);
      w.EndArray();
    }
    put_nonempty(w, "kb_id", n.kb_id);
    put_nonempty(w, "country", n.country);
    if (!n.codes.empty()) {
      w.Key("codes");
      w.StartArray();
      for (const auto& c : n.codes) str(w, c);
      w.EndArray();
    }
    put_double(w, "latitude", n.latitude);
    put_double(w, "longitude", n.longitude);
    if (n.kind == NodeKind::Event) {
      put_nonempty(w, "lemma", n.lemma);
      put_nonempty(w, "cameo", n.cameo);
      put_int(w, "quad_class", n.quad_class);
      put_double(w, "goldstein", n.goldstein);
      put_nonempty(w, "time_value", n.time_value);
      put_nonempty(w, "time_end", n.time_end);
      w.Key("negated");
      w.Bool(n.negated);
      put_nonempty(w, "modality", n.modality);
    }
    put_nonempty(w, "first_date", n.first_date);
    put_nonempty(w, "last_date", n.last_date);
    put_int(w, "sources", n.sources);
    put_nonempty(w, "title", n.title);
    put_nonempty(w, "url", n.url);
    put_nonempty(w, "dct", n.dct);
    if (!n.provenance.empty()) {
      w.Key("provenance");
      w.StartArray();
      for (const auto& p : n.provenance) {
        w.StartObject();
        put(w, "document", p.document_id);
        put_nonempty(w, "source", p.source);
        put_int(w, "sentence", p.sentence);
        put_int(w, "start", p.start);
        put_int(w, "end", p.end);
        put_nonempty(w, "text", p.sentence_text);
        w.EndObject();
      }
      w.EndArray();
    }
    w.EndObject();
    put(w, "classes", to_string(n.kind));
    w.EndObject();
  }
  w.EndArray();
  w.Key("edges");
  w.StartArray();
  for (std::uint32_t i = 0; i < g.edge_count(); ++i) {
    const Edge& e = g.edge(i);
    w.StartObject();
    w.Key("data");
    w.StartObject();
    std::string id = std::to_string(i);
    id.insert(0, 1, 'e');  // not "e" + ...: GCC 12 warns falsely (-Wrestrict) on that
    put(w, "id", id);
    put(w, "source", g.node(e.source).id);
    put(w, "target", g.node(e.target).id);
    put(w, "kind", to_string(e.kind));
    put(w, "label", e.role.empty() ? to_string(e.kind) : std::string_view(e.role));
    put_nonempty(w, "role", e.role);
    put_nonempty(w, "date", e.date);
    put_int(w, "sources", e.sources);
    w.EndObject();
    put(w, "classes", to_string(e.kind));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
  os.Flush();
  out << '\n';
}

}  // namespace chronicle::exporter
