// Graph selection for readable exports: one actor's neighbourhood and/or the N most active
// actors. Method: mark the nodes to keep (actors, then the events touching them, then those
// events' places and the places they are part of, then documents), copy kept nodes in input
// order and every edge whose two ends are kept.
#include <algorithm>
#include <stdexcept>

#include "export/formats.h"

namespace chronicle::exporter {
namespace {

bool is_participation(EdgeKind k) {
  return k == EdgeKind::Agent || k == EdgeKind::Patient || k == EdgeKind::Role || k == EdgeKind::Location;
}

// Events an entity takes part in (any role), in edge order, without repeats.
std::vector<std::uint32_t> events_of(const KnowledgeGraph& g, std::uint32_t n) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t e : g.in_edges(n)) {
    const Edge& edge = g.edge(e);
    if (!is_participation(edge.kind) || g.node(edge.source).kind != NodeKind::Event) continue;
    if (std::find(out.begin(), out.end(), edge.source) == out.end()) out.push_back(edge.source);
  }
  return out;
}

std::optional<std::uint32_t> find_entity(const KnowledgeGraph& g, std::string_view query, NodeKind kind) {
  const std::string q = lower(query);
  if (q.empty()) return std::nullopt;
  for (std::uint32_t i = 0; i < g.node_count(); ++i) {
    const Node& n = g.node(static_cast<std::uint32_t>(i));
    if (n.kind != kind) continue;
    if (lower(n.id) == q || (!n.kb_id.empty() && lower(n.kb_id) == q) || lower(n.name) == q) return i;
  }
  for (std::uint32_t i = 0; i < g.node_count(); ++i) {
    const Node& n = g.node(i);
    if (n.kind != kind) continue;
    for (const auto& a : n.aliases)
      if (lower(a) == q) return i;
  }
  std::optional<std::uint32_t> best;
  int best_count = -1;
  for (std::uint32_t i = 0; i < g.node_count(); ++i) {
    const Node& n = g.node(i);
    if (n.kind != kind || lower(n.name).find(q) == std::string::npos) continue;
    int c = static_cast<int>(events_of(g, i).size());
    if (c > best_count) best = i, best_count = c;
  }
  return best;
}

}  // namespace

int event_count(const KnowledgeGraph& g, std::uint32_t actor) {
  return static_cast<int>(events_of(g, actor).size());
}

std::uint32_t find_actor(const KnowledgeGraph& g, std::string_view query) {
  auto found = find_entity(g, query, NodeKind::Actor);
  if (!found) throw std::invalid_argument("no actor matches '" + std::string(query) + "'");
  return *found;
}

std::optional<std::uint32_t> find_place(const KnowledgeGraph& g, std::string_view query) {
  return find_entity(g, query, NodeKind::Place);
}

KnowledgeGraph select_subgraph(const KnowledgeGraph& g, const ExportOptions& options, bool documents) {
  const auto n = static_cast<std::uint32_t>(g.node_count());
  std::vector<char> keep(n, 0);
  const bool by_actor = !options.actor.empty();
  const bool by_top = options.top_actors > 0;
  if (!by_actor && !by_top) {
    for (std::uint32_t i = 0; i < n; ++i) keep[i] = 1;
  } else {
    // Candidate actors: all, or the neighbourhood of the named actor.
    std::vector<char> candidate(n, 0);
    std::optional<std::uint32_t> centre;
    if (by_actor) {
      centre = find_actor(g, options.actor);
      candidate[*centre] = 1;
      for (std::uint32_t ev : events_of(g, *centre))
        for (std::uint32_t e : g.out_edges(ev)) {
          const Edge& edge = g.edge(e);
          if (is_participation(edge.kind) && g.node(edge.target).kind == NodeKind::Actor)
            candidate[edge.target] = 1;
        }
      for (std::uint32_t e : g.out_edges(*centre))
        if (g.edge(e).kind == EdgeKind::SameAs) candidate[g.edge(e).target] = 1;
      for (std::uint32_t e : g.in_edges(*centre))
        if (g.edge(e).kind == EdgeKind::SameAs) candidate[g.edge(e).source] = 1;
    } else {
      for (std::uint32_t i = 0; i < n; ++i) candidate[i] = g.node(i).kind == NodeKind::Actor;
    }
    std::vector<std::uint32_t> actors;
    for (std::uint32_t i = 0; i < n; ++i)
      if (candidate[i]) actors.push_back(i);
    if (by_top && static_cast<int>(actors.size()) > options.top_actors) {
      std::vector<int> count(n, 0);
      for (std::uint32_t a : actors) count[a] = event_count(g, a);
      std::stable_sort(actors.begin(), actors.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (centre && (a == *centre) != (b == *centre)) return a == *centre;
        if (count[a] != count[b]) return count[a] > count[b];
        if (g.node(a).sources != g.node(b).sources) return g.node(a).sources > g.node(b).sources;
        return g.node(a).name < g.node(b).name;
      });
      actors.resize(static_cast<std::size_t>(options.top_actors));
    }
    for (std::uint32_t a : actors) keep[a] = 1;
    // Events: those of a kept actor (with --actor, only the centre's own events).
    std::vector<char> event(n, 0);
    if (centre) {
      for (std::uint32_t ev : events_of(g, *centre)) event[ev] = 1;
    } else {
      for (std::uint32_t a : actors)
        for (std::uint32_t ev : events_of(g, a)) event[ev] = 1;
    }
    for (std::uint32_t i = 0; i < n; ++i)
      if (event[i]) keep[i] = 1;
    // Places of kept events, and what they are part of.
    std::vector<std::uint32_t> places;
    for (std::uint32_t i = 0; i < n; ++i) {
      if (!event[i]) continue;
      for (std::uint32_t e : g.out_edges(i)) {
        const Edge& edge = g.edge(e);
        if (is_participation(edge.kind) && g.node(edge.target).kind == NodeKind::Place &&
            !keep[edge.target]) {
          keep[edge.target] = 1;
          places.push_back(edge.target);
        }
      }
    }
    while (!places.empty()) {
      std::uint32_t p = places.back();
      places.pop_back();
      for (std::uint32_t e : g.out_edges(p)) {
        const Edge& edge = g.edge(e);
        if (edge.kind == EdgeKind::PartOf && !keep[edge.target]) {
          keep[edge.target] = 1;
          places.push_back(edge.target);
        }
      }
    }
  }
  // Documents: only those attached to a kept node, and only when wanted.
  for (std::uint32_t i = 0; i < n; ++i) {
    if (g.node(i).kind != NodeKind::Document) continue;
    keep[i] = 0;
    if (!documents) continue;
    if (!by_actor && !by_top) {
      keep[i] = 1;
      continue;
    }
    for (std::uint32_t e : g.in_edges(i))
      if (keep[g.edge(e).source] && g.node(g.edge(e).source).kind != NodeKind::Document) {
        keep[i] = 1;
        break;
      }
  }
  KnowledgeGraph out;
  std::vector<std::uint32_t> index(n, 0);
  for (std::uint32_t i = 0; i < n; ++i)
    if (keep[i]) index[i] = out.add_node(g.node(i));
  for (std::uint32_t e = 0; e < g.edge_count(); ++e) {
    Edge edge = g.edge(e);
    if (!keep[edge.source] || !keep[edge.target]) continue;
    edge.source = index[edge.source];
    edge.target = index[edge.target];
    out.add_edge(edge);
  }
  return out;
}

const KnowledgeGraph& selected(const KnowledgeGraph& g, const ExportOptions& options, bool documents,
                               std::optional<KnowledgeGraph>& storage) {
  bool has_documents = false;
  if (!documents)
    for (std::uint32_t i = 0; i < g.node_count() && !has_documents; ++i)
      has_documents = g.node(i).kind == NodeKind::Document;
  if (options.actor.empty() && options.top_actors <= 0 && !has_documents) return g;
  storage.emplace(select_subgraph(g, options, documents));
  return *storage;
}

}  // namespace chronicle::exporter
