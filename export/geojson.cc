// GeoJSON (RFC 7946): a FeatureCollection with one Point feature per place that has coordinates,
// [longitude, latitude] in WGS 84, its events listed in the properties. Places without
// coordinates are left out (a map cannot show them); out-of-range coordinates too.
#include <algorithm>

#include "export/formats.h"
#include "export/json_util.h"

namespace chronicle::exporter {

void write_geojson(const KnowledgeGraph& g, std::ostream& out) {
  rapidjson::OStreamWrapper os(out);
  JsonWriter w(os);
  w.SetIndent(' ', 1);
  w.StartObject();
  put(w, "type", "FeatureCollection");
  w.Key("features");
  w.StartArray();
  for (std::uint32_t i = 0; i < g.node_count(); ++i) {
    const Node& n = g.node(i);
    if (n.kind != NodeKind::Place || !n.latitude || !n.longitude) continue;
    const double lat = *n.latitude, lon = *n.longitude;
    if (!std::isfinite(lat) || !std::isfinite(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180)
      continue;
    std::vector<std::uint32_t> events;
    std::vector<std::string> roles;
    for (std::uint32_t e : g.in_edges(i)) {
      const Edge& edge = g.edge(e);
      if (g.node(edge.source).kind != NodeKind::Event || edge.kind == EdgeKind::MentionedIn) continue;
      if (std::find(events.begin(), events.end(), edge.source) != events.end()) continue;
      events.push_back(edge.source);
      roles.push_back(edge.role.empty() ? std::string(to_string(edge.kind)) : edge.role);
    }
    w.StartObject();
    put(w, "type", "Feature");
    put(w, "id", n.id);
    w.Key("geometry");
    w.StartObject();
    put(w, "type", "Point");
    w.Key("coordinates");
    w.StartArray();
    w.Double(lon);
    w.Double(lat);
    w.EndArray();
    w.EndObject();
    w.Key("properties");
    w.StartObject();
    put(w, "name", n.name);
    put_nonempty(w, "type", n.type);
    put_nonempty(w, "country", n.country);
    put_nonempty(w, "kb_id", n.kb_id);
    if (!n.aliases.empty()) {
      w.Key("aliases");
      w.StartArray();
      for (const auto& a : n.aliases) str(w, a);
      w.EndArray();
    }
    put_nonempty(w, "first_date", n.first_date);
    put_nonempty(w, "last_date", n.last_date);
    put_int(w, "sources", n.sources);
    put_int(w, "event_count", static_cast<long long>(events.size()));
    w.Key("events");
    w.StartArray();
    for (std::size_t k = 0; k < events.size(); ++k) {
      const Node& ev = g.node(events[k]);
      w.StartObject();
      put(w, "id", ev.id);
      put(w, "headline", ev.name);
      put_nonempty(w, "date", ev.time_value);
      put_nonempty(w, "end", ev.time_end);
      put_nonempty(w, "cameo", ev.cameo);
      put(w, "role", roles[k]);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  os.Flush();
  out << '\n';
}

}  // namespace chronicle::exporter
