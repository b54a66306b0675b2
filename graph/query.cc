// Queries. The in-memory functions define the answers. On a Store, who_did_what
// and timeline read their rows straight from the tables (load_event_rows, with the
// same filters and order); neighbours loads the part of the graph it needs
// (load_graph) and runs the in-memory query; paths and central walk the store's
// participation links (load_participation) with the same code as the in-memory ones.
#include "graph/query.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "graph/builder.h"

namespace chronicle {
namespace {

std::string ascii_lower(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  return out;
}

bool is_entity(const Node& n) { return n.kind == NodeKind::Actor || n.kind == NodeKind::Place; }
bool is_arg(const Edge& e) {
  return e.kind != EdgeKind::MentionedIn && e.kind != EdgeKind::PartOf && e.kind != EdgeKind::SameAs;
}

// Name matching with the query normalised once.
class Matcher {
 public:
  explicit Matcher(const std::string& q) : raw_(q), needle_(padded(normalise_name(q))) {}
  bool operator()(const Node& n) const {
    if (n.id == raw_) return true;
    if (needle_.size() <= 2) return false;
    if (hit(n.name)) return true;
    for (const auto& a : n.aliases)
      if (hit(a)) return true;
    return false;
  }

 private:
  static std::string padded(const std::string& s) {
    std::string out;
    out.reserve(s.size() + 2);
    out.push_back(' ');
    out.append(s);
    out.push_back(' ');
    return out;
  }
  bool hit(const std::string& name) const {
    return padded(normalise_name(name)).find(needle_) != std::string::npos;
  }
  std::string raw_, needle_;
};

std::vector<bool> matching(const KnowledgeGraph& g, const std::string& q, bool places_only) {
  std::vector<bool> m(g.node_count(), false);
  Matcher match(q);
  for (std::uint32_t i = 0; i < g.node_count(); ++i) {
    const Node& n = g.node(i);
    if (!is_entity(n) || (places_only && n.kind != NodeKind::Place)) continue;
    m[i] = match(n);
  }
  return m;
}

// Places matching `q` and every place inside one of them (part-of, transitively).
std::vector<bool> places_within(const KnowledgeGraph& g, const std::string& q) {
  std::vector<bool> in = matching(g, q, true);
  std::deque<std::uint32_t> todo;
  for (std::uint32_t i = 0; i < in.size(); ++i)
    if (in[i]) todo.push_back(i);
  while (!todo.empty()) {
    auto v = todo.front();
    todo.pop_front();
    for (auto e : g.in_edges(v)) {
      const Edge& ed = g.edge(e);
      if (ed.kind == EdgeKind::PartOf && !in[ed.source]) {
        in[ed.source] = true;
        todo.push_back(ed.source);
      }
    }
  }
  return in;
}

// --polarity as GraphFilter::negated: -1 any, 0 affirmative only, 1 negated only.
int negated_of(const std::string& polarity) {
  if (polarity == "any" || polarity.empty()) return -1;
  if (polarity == "positive") return 0;
  if (polarity == "negative") return 1;
  throw std::invalid_argument("--polarity must be any, positive or negative, not '" + polarity + "'");
}

TimeRange checked_range(const std::string& value, const char* what) {
  if (value.empty()) return {};
  TimeRange r = time_range(value);
  if (!r.known())
    throw std::invalid_argument(std::string(what) + ": cannot read the date '" + value +
                                "' (try 2016-12-15)");
  return r;
}

EventRow make_row(const KnowledgeGraph& g, std::uint32_t v, bool with_provenance) {
  const Node& n = g.node(v);
  EventRow r;
  r.id = n.id;
  r.name = n.name;
  r.date = n.time_value;
  r.date_end = n.time_end;
  r.lemma = n.lemma;
  r.type = n.type;
  r.cameo = n.cameo;
  r.modality = n.modality;
  r.negated = n.negated;
  r.sources = n.sources;
  r.action = event_action(n.lemma, n.type, n.negated, n.modality);
  if (with_provenance) r.provenance = n.provenance;
  for (auto e : g.out_edges(v)) {
    const Edge& ed = g.edge(e);
    if (is_arg(ed)) add_argument(r, ed.role, g.node(ed.target).name);
  }
  sort_arguments(r);
  return r;
}

void sort_by_time(const KnowledgeGraph& g, std::vector<std::uint32_t>& events) {
  std::vector<std::pair<TimeRange, std::uint32_t>> keyed;
  for (auto v : events) keyed.emplace_back(time_range(g.node(v).time_value, g.node(v).time_end), v);
  std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
    if (a.first.known() != b.first.known()) return a.first.known();
    return std::tie(a.first.lo, a.first.hi, g.node(a.second).id) <
           std::tie(b.first.lo, b.first.hi, g.node(b.second).id);
  });
  for (std::size_t i = 0; i < events.size(); ++i) events[i] = keyed[i].second;
}

bool any_arg(const KnowledgeGraph& g, std::uint32_t ev, const std::vector<bool>& set,
             bool (*role_ok)(const std::string&)) {
  for (auto e : g.out_edges(ev)) {
    const Edge& ed = g.edge(e);
    if (is_arg(ed) && set[ed.target] && role_ok(ed.role)) return true;
  }
  return false;
}

bool role_agent(const std::string& r) { return r == "agent"; }
bool role_target(const std::string& r) { return r != "agent" && r != "location" && r != "source"; }
bool role_any(const std::string&) { return true; }

std::vector<EventRow> select_events(const KnowledgeGraph& g, const EventQuery& q,
                                    const std::string& involving) {
  const TimeRange from = checked_range(q.from, "--from"), to = checked_range(q.to, "--to");
  const int negated = negated_of(q.polarity);
  std::vector<bool> actor, target, place, any;
  if (!q.actor.empty()) actor = matching(g, q.actor, false);
  if (!q.target.empty()) target = matching(g, q.target, false);
  if (!q.place.empty()) place = places_within(g, q.place);
  if (!involving.empty()) any = matching(g, involving, false);
  const std::string type = ascii_lower(q.type);
  const bool digits =
      !type.empty() && std::all_of(type.begin(), type.end(), [](char c) { return c >= '0' && c <= '9'; });

  std::vector<std::uint32_t> hits;
  for (std::uint32_t v = 0; v < g.node_count(); ++v) {
    const Node& n = g.node(v);
    if (n.kind != NodeKind::Event) continue;
    if (!actor.empty() && !any_arg(g, v, actor, role_agent)) continue;
    if (!target.empty() && !any_arg(g, v, target, role_target)) continue;
    if (!place.empty() && !any_arg(g, v, place, role_any)) continue;
    if (!any.empty() && !any_arg(g, v, any, role_any)) continue;
    if (!q.from.empty() || !q.to.empty()) {
      TimeRange t = time_range(n.time_value, n.time_end);
      if (!t.known()) continue;
      if (from.known() && t.hi < from.lo) continue;
      if (to.known() && t.lo > to.hi) continue;
    }
    if (!type.empty() && ascii_lower(n.type) != type && ascii_lower(n.lemma) != type &&
        !(digits && n.cameo.compare(0, type.size(), type) == 0))
      continue;
    if (n.sources < q.min_sources) continue;
    if (negated >= 0 && n.negated != (negated == 1)) continue;
    hits.push_back(v);
  }
  sort_by_time(g, hits);
  if (q.limit > 0 && hits.size() > q.limit) hits.resize(q.limit);
  std::vector<EventRow> rows;
  rows.reserve(hits.size());
  for (auto v : hits) rows.push_back(make_row(g, v, q.provenance));
  return rows;
}

// A timeline is who-did-what with its actor in any role (select_events' `involving`).
EventQuery event_query_of(const TimelineQuery& q) {
  EventQuery e;
  e.place = q.place;
  e.from = q.from;
  e.to = q.to;
  e.limit = q.limit;
  e.provenance = q.provenance;
  return e;
}

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;
void str(Writer& w, const std::string& s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }
void key(Writer& w, const char* k) { w.Key(k); }
void strings(Writer& w, const char* k, const std::vector<std::string>& v) {
  key(w, k);
  w.StartArray();
  for (const auto& s : v) str(w, s);
  w.EndArray();
}

// Every JSON answer is an array with one value per row, and a final newline.
template <typename Rows, typename F>
std::string json_array(const Rows& rows, F&& write_row) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartArray();
  for (const auto& r : rows) write_row(w, r);
  w.EndArray();
  return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

// Who says so: the same fields in answers and in the whole graph, which leaves out the
// source (the document node holds it).
void provenance_array(Writer& w, const std::vector<Provenance>& ps, bool with_source) {
  key(w, "provenance");
  w.StartArray();
  for (const auto& p : ps) {
    w.StartObject();
    key(w, "document"), str(w, p.document_id);
    if (with_source) key(w, "source"), str(w, p.source);
    key(w, "sentence"), w.Uint(p.sentence);
    key(w, "start"), w.Uint(p.start);
    key(w, "end"), w.Uint(p.end);
    key(w, "text"), str(w, p.sentence_text);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

GraphFilter graph_filter(const EventQuery& q) {
  GraphFilter f;
  f.entity_mentions = false;
  f.actor = q.actor;
  f.target = q.target;
  f.place = q.place;
  f.from = q.from;
  f.to = q.to;
  f.type = q.type;
  f.min_sources = q.min_sources;
  f.limit = q.limit;
  f.negated = negated_of(q.polarity);
  return f;
}

std::vector<EventRow> who_did_what(const KnowledgeGraph& g, const EventQuery& q) {
  return select_events(g, q, "");
}

std::vector<EventRow> who_did_what(const Store& store, const EventQuery& q) {
  (void)checked_range(q.from, "--from");
  (void)checked_range(q.to, "--to");
  return load_event_rows(store, graph_filter(q), q.provenance);
}

std::vector<EventRow> timeline(const KnowledgeGraph& g, const TimelineQuery& q) {
  return select_events(g, event_query_of(q), q.actor);
}

std::vector<EventRow> timeline(const Store& store, const TimelineQuery& q) {
  (void)checked_range(q.from, "--from");
  (void)checked_range(q.to, "--to");
  GraphFilter f = graph_filter(event_query_of(q));
  f.involving = q.actor;
  return load_event_rows(store, f, q.provenance);
}

std::optional<std::uint32_t> resolve_entity(const KnowledgeGraph& g, const std::string& query) {
  Matcher match(query);
  const std::string norm = normalise_name(query);
  std::optional<std::uint32_t> best;
  auto rank = [&](std::uint32_t v) {
    const Node& n = g.node(v);
    bool in_events = false;
    for (auto e : g.in_edges(v))
      if (is_arg(g.edge(e))) in_events = true;
    return std::make_tuple(n.id == query, normalise_name(n.name) == norm, in_events, n.sources);
  };
  for (std::uint32_t v = 0; v < g.node_count(); ++v) {
    const Node& n = g.node(v);
    if (!is_entity(n) || !match(n)) continue;
    if (!best || rank(v) > rank(*best) || (rank(v) == rank(*best) && n.id < g.node(*best).id)) best = v;
  }
  return best;
}

namespace {

// Neighbour rows from an entity's (event, other participant) pairs: events counted
// once per neighbour, its five most frequent actions, most shared events first.
std::vector<NeighbourRow> neighbour_rows(const std::vector<SharedEvent>& shared) {
  struct Acc {
    const SharedEvent* who = nullptr;
    std::set<std::int64_t> events;
    std::map<std::string, int> labels;
  };
  std::map<std::string, Acc> acc;
  for (const SharedEvent& x : shared) {
    Acc& a = acc[x.key];
    a.who = &x;
    if (a.events.insert(x.event).second) ++a.labels[x.label];
  }
  std::vector<NeighbourRow> rows;
  for (const auto& [key, a] : acc) {
    NeighbourRow r;
    r.id = key;
    r.name = a.who->name;
    r.kind = a.who->kind;
    r.type = a.who->type;
    r.events = static_cast<int>(a.events.size());
    std::vector<std::pair<int, std::string>> ls;
    for (const auto& [l, c] : a.labels) ls.emplace_back(-c, l);
    std::sort(ls.begin(), ls.end());
    for (std::size_t i = 0; i < ls.size() && i < 5; ++i) r.actions.push_back(ls[i].second);
    rows.push_back(std::move(r));
  }
  std::sort(rows.begin(), rows.end(), [](const NeighbourRow& a, const NeighbourRow& b) {
    return std::tie(b.events, a.name, a.id) < std::tie(a.events, b.name, b.id);
  });
  return rows;
}

}  // namespace

std::vector<NeighbourRow> neighbours(const KnowledgeGraph& g, const std::string& entity) {
  auto who = resolve_entity(g, entity);
  if (!who) throw std::invalid_argument("no entity matches '" + entity + "'");
  std::vector<SharedEvent> shared;
  for (auto e : g.in_edges(*who)) {
    const Edge& ed = g.edge(e);
    if (!is_arg(ed)) continue;
    const Node& ev = g.node(ed.source);
    for (auto o : g.out_edges(ed.source)) {
      const Edge& od = g.edge(o);
      if (!is_arg(od) || od.target == *who) continue;
      const Node& n = g.node(od.target);
      shared.push_back({ed.source, ev.lemma.empty() ? ev.type : ev.lemma, n.id, n.name,
                        std::string(to_string(n.kind)), n.type});
    }
  }
  return neighbour_rows(shared);
}

// Straight from the tables: the entity's own rows, its events' arguments and the
// neighbours' rows; no graph is built (the largest hub of the Reuters store took
// 0.3 s to load as a graph).
std::vector<NeighbourRow> neighbours(const Store& store, const std::string& entity) {
  const auto key = resolve_participant(store, entity);
  if (!key) throw std::invalid_argument("no entity matches '" + entity + "'");
  return neighbour_rows(load_shared_events(store, *key));
}

namespace {

PathStep path_step(const Node& n, std::string role) {
  return PathStep{n.id, n.name, std::string(to_string(n.kind)), std::move(role)};
}

// The entity a query names, resolved on the part of the store that involves it.
std::string resolve_in_store(const Store& store, const std::string& query) {
  auto key = resolve_participant(store, query);
  if (!key) throw std::invalid_argument("no entity matches '" + query + "'");
  return *key;
}

std::uint32_t entity_node(const StoreParticipation& p, const std::string& key) {
  for (std::uint32_t v = 0; v < p.entity_keys.size(); ++v)
    if (p.entity_keys[v] == key) return v;
  throw std::invalid_argument("no entity '" + key + "' in the store");
}

// The central entities of `p`; `key` gives a node's id, `node` the node itself (called
// for the rows kept only).
template <typename Key, typename NodeOf>
std::vector<CentralityRow> central_rows(const Participation& p, Key key, NodeOf node, std::size_t top,
                                        std::size_t max_entities) {
  const std::vector<int> degree = event_degrees(p);
  std::vector<std::uint32_t> ents;
  for (std::uint32_t v = 0; v < p.size(); ++v)
    if (!p.is_event[v] && degree[v] > 0) ents.push_back(v);
  std::sort(ents.begin(), ents.end(),
            [&](auto x, auto y) { return degree[x] != degree[y] ? degree[x] > degree[y] : key(x) < key(y); });
  if (ents.size() > max_entities) ents.resize(max_entities);
  const std::vector<double> bc = entity_betweenness(p, ents);
  std::vector<std::size_t> order(ents.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    if (bc[x] != bc[y]) return bc[x] > bc[y];
    if (degree[ents[x]] != degree[ents[y]]) return degree[ents[x]] > degree[ents[y]];
    return key(ents[x]) < key(ents[y]);
  });
  if (order.size() > top) order.resize(top);
  std::vector<CentralityRow> rows;
  for (std::size_t i : order) {
    const Node n = node(ents[i]);
    rows.push_back(
        CentralityRow{n.id, n.name, std::string(to_string(n.kind)), n.type, degree[ents[i]], bc[i]});
  }
  return rows;
}

}  // namespace

std::vector<std::vector<PathStep>> paths(const KnowledgeGraph& g, const std::string& from,
                                         const std::string& to, std::size_t max_paths) {
  auto a = resolve_entity(g, from), b = resolve_entity(g, to);
  if (!a) throw std::invalid_argument("no entity matches '" + from + "'");
  if (!b) throw std::invalid_argument("no entity matches '" + to + "'");
  std::vector<std::vector<PathStep>> out;
  for (const Connection& c : shortest_connections(participation(g), *a, *b, max_paths,
                                                  [&](std::uint32_t v) { return g.node(v).id; })) {
    out.emplace_back();
    for (const auto& [v, role] : c) out.back().push_back(path_step(g.node(v), role));
  }
  return out;
}

std::vector<std::vector<PathStep>> paths(const Store& store, const std::string& from, const std::string& to,
                                         std::size_t max_paths) {
  const std::string a = resolve_in_store(store, from), b = resolve_in_store(store, to);
  const StoreParticipation p = load_participation(store);
  auto key = [&](std::uint32_t v) {
    return v < p.event_base ? p.entity_keys[v] : load_participant(store, p, v).id;
  };
  std::vector<std::vector<PathStep>> out;
  for (const Connection& c :
       shortest_connections(p.links, entity_node(p, a), entity_node(p, b), max_paths, key)) {
    out.emplace_back();
    for (const auto& [v, role] : c) out.back().push_back(path_step(load_participant(store, p, v), role));
  }
  return out;
}

std::vector<CentralityRow> central(const KnowledgeGraph& g, std::size_t top, std::size_t max_entities) {
  return central_rows(
      participation(g), [&](std::uint32_t v) -> const std::string& { return g.node(v).id; },
      [&](std::uint32_t v) { return g.node(v); }, top, max_entities);
}

std::vector<CentralityRow> central(const Store& store, std::size_t top, std::size_t max_entities) {
  const StoreParticipation p = load_participation(store);
  return central_rows(
      p.links, [&](std::uint32_t v) -> const std::string& { return p.entity_keys[v]; },
      [&](std::uint32_t v) { return load_participant(store, p, v); }, top, max_entities);
}

// ---- Output ----

Table to_table(const std::vector<EventRow>& rows) {
  Table t{{"DATE", "ACTOR", "ACTION", "TARGET", "OTHER", "PLACE", "SOURCES", "EVENT"}, {}};
  for (const auto& r : rows) {
    std::string date = r.date.empty() ? "?" : r.date;
    if (!r.date_end.empty()) date += "/" + r.date_end;
    t.rows.push_back({date, join(r.actors), r.action, join(r.targets), join(r.others), join(r.places),
                      std::to_string(r.sources), r.id});
  }
  return t;
}

Table to_table(const std::vector<NeighbourRow>& rows) {
  Table t{{"NEIGHBOUR", "KIND", "TYPE", "EVENTS", "ACTIONS", "ID"}, {}};
  for (const auto& r : rows)
    t.rows.push_back({r.name, r.kind, r.type, std::to_string(r.events), join(r.actions), r.id});
  return t;
}

Table to_table(const std::vector<std::vector<PathStep>>& ps) {
  Table t{{"PATH", "LENGTH", "STEPS"}, {}};
  for (std::size_t i = 0; i < ps.size(); ++i) {
    std::string steps;
    for (const auto& s : ps[i]) steps += (steps.empty() ? "" : " -" + s.role + "- ") + s.name;
    t.rows.push_back({std::to_string(i + 1), std::to_string(ps[i].size() - 1), steps});
  }
  return t;
}

Table to_table(const std::vector<CentralityRow>& rows) {
  Table t{{"ENTITY", "KIND", "TYPE", "DEGREE", "BETWEENNESS", "ID"}, {}};
  for (const auto& r : rows) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", r.betweenness);
    t.rows.push_back({r.name, r.kind, r.type, std::to_string(r.degree), buf, r.id});
  }
  return t;
}

std::string render(const Table& t, const std::string& format) {
  auto clean = [](std::string s) {
    for (char& c : s)
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    return s;
  };
  std::string out;
  if (format == "tsv") {
    auto row = [&](const std::vector<std::string>& cells) {
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) out.push_back('\t');
        out.append(clean(cells[i]));
      }
      out.push_back('\n');
    };
    row(t.columns);
    for (const auto& r : t.rows) row(r);
    return out;
  }
  if (format != "table") throw std::invalid_argument("unknown table format '" + format + "'");
  // Widths in code points, so that accented names stay aligned.
  auto width = [](const std::string& s) {
    std::size_t w = 0;
    for (unsigned char c : s) w += (c & 0xC0) != 0x80;
    return w;
  };
  std::vector<std::size_t> w(t.columns.size());
  for (std::size_t i = 0; i < t.columns.size(); ++i) w[i] = width(t.columns[i]);
  for (const auto& r : t.rows)
    for (std::size_t i = 0; i < r.size() && i < w.size(); ++i)
      w[i] = std::max(w[i], std::min<std::size_t>(width(clean(r[i])), 60));
  auto line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      std::string c = clean(cells[i]);
      if (width(c) > 60) {
        // Cut at a code point boundary.
        std::size_t cut = 0, n = 0;
        while (cut < c.size() && n < 59) {
          ++cut;
          while (cut < c.size() && (static_cast<unsigned char>(c[cut]) & 0xC0) == 0x80) ++cut;
          ++n;
        }
        c = c.substr(0, cut) + "\xE2\x80\xA6";
      }
      l += c;
      if (i + 1 < cells.size()) l += std::string(w[i] - width(c) + 2, ' ');
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    return l + "\n";
  };
  out += line(t.columns);
  for (const auto& r : t.rows) out += line(r);
  return out;
}

std::string to_json(const std::vector<EventRow>& rows) {
  return json_array(rows, [](Writer& w, const EventRow& r) {
    w.StartObject();
    key(w, "id"), str(w, r.id);
    key(w, "name"), str(w, r.name);
    key(w, "date");
    if (r.date.empty())
      w.Null();
    else
      str(w, r.date);
    if (!r.date_end.empty()) key(w, "date_end"), str(w, r.date_end);
    key(w, "action"), str(w, r.action);
    key(w, "lemma"), str(w, r.lemma);
    key(w, "type"), str(w, r.type);
    key(w, "cameo"), str(w, r.cameo);
    key(w, "negated"), w.Bool(r.negated);
    key(w, "modality"), str(w, r.modality);
    key(w, "sources"), w.Int(r.sources);
    strings(w, "actors", r.actors);
    strings(w, "targets", r.targets);
    strings(w, "places", r.places);
    strings(w, "others", r.others);
    provenance_array(w, r.provenance, true);
    w.EndObject();
  });
}

std::string to_json(const std::vector<NeighbourRow>& rows) {
  return json_array(rows, [](Writer& w, const NeighbourRow& r) {
    w.StartObject();
    key(w, "id"), str(w, r.id);
    key(w, "name"), str(w, r.name);
    key(w, "kind"), str(w, r.kind);
    key(w, "type"), str(w, r.type);
    key(w, "events"), w.Int(r.events);
    strings(w, "actions", r.actions);
    w.EndObject();
  });
}

std::string to_json(const std::vector<std::vector<PathStep>>& ps) {
  return json_array(ps, [](Writer& w, const std::vector<PathStep>& p) {
    w.StartArray();
    for (const auto& s : p) {
      w.StartObject();
      key(w, "id"), str(w, s.id);
      key(w, "name"), str(w, s.name);
      key(w, "kind"), str(w, s.kind);
      if (!s.role.empty()) key(w, "role"), str(w, s.role);
      w.EndObject();
    }
    w.EndArray();
  });
}

std::string to_json(const std::vector<CentralityRow>& rows) {
  return json_array(rows, [](Writer& w, const CentralityRow& r) {
    w.StartObject();
    key(w, "id"), str(w, r.id);
    key(w, "name"), str(w, r.name);
    key(w, "kind"), str(w, r.kind);
    key(w, "type"), str(w, r.type);
    key(w, "degree"), w.Int(r.degree);
    key(w, "betweenness"), w.Double(r.betweenness);
    w.EndObject();
  });
}

std::string graph_to_json(const KnowledgeGraph& g) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  key(w, "nodes");
  w.StartArray();
  for (std::uint32_t i = 0; i < g.node_count(); ++i) {
    const Node& n = g.node(i);
    w.StartObject();
    key(w, "id"), str(w, n.id);
    key(w, "kind"), str(w, std::string(to_string(n.kind)));
    key(w, "name"), str(w, n.name);
    if (!n.type.empty()) key(w, "type"), str(w, n.type);
    if (!n.aliases.empty()) strings(w, "aliases", n.aliases);
    if (!n.kb_id.empty()) key(w, "kb_id"), str(w, n.kb_id);
    if (!n.country.empty()) key(w, "country"), str(w, n.country);
    if (n.latitude && n.longitude)
      key(w, "latitude"), w.Double(*n.latitude), key(w, "longitude"), w.Double(*n.longitude);
    if (!n.codes.empty()) strings(w, "codes", n.codes);
    if (n.kind == NodeKind::Event) {
      key(w, "lemma"), str(w, n.lemma);
      key(w, "cameo"), str(w, n.cameo);
      key(w, "time"), str(w, n.time_value);
      if (!n.time_end.empty()) key(w, "time_end"), str(w, n.time_end);
      key(w, "negated"), w.Bool(n.negated);
      if (!n.modality.empty()) key(w, "modality"), str(w, n.modality);
      provenance_array(w, n.provenance, false);
    }
    if (n.kind == NodeKind::Document) {
      key(w, "title"), str(w, n.title);
      key(w, "url"), str(w, n.url);
      key(w, "dct"), str(w, n.dct);
    }
    if (!n.first_date.empty())
      key(w, "first_date"), str(w, n.first_date), key(w, "last_date"), str(w, n.last_date);
    key(w, "sources"), w.Int(n.sources);
    w.EndObject();
  }
  w.EndArray();
  key(w, "edges");
  w.StartArray();
  for (std::uint32_t i = 0; i < g.edge_count(); ++i) {
    const Edge& e = g.edge(i);
    w.StartObject();
    key(w, "source"), str(w, g.node(e.source).id);
    key(w, "target"), str(w, g.node(e.target).id);
    key(w, "kind"), str(w, std::string(to_string(e.kind)));
    key(w, "role"), str(w, e.role);
    if (!e.date.empty()) key(w, "date"), str(w, e.date);
    key(w, "sources"), w.Int(e.sources);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

}  // namespace chronicle
