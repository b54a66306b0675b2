#include "graph/participation.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <deque>
#include <map>
#include <unordered_map>

namespace chronicle {

Participation Participation::from_triples(std::size_t nodes, std::vector<Triple> triples,
                                          std::vector<std::string> roles) {
  Participation p;
  p.roles = std::move(roles);
  p.is_event.assign(nodes, 0);
  std::vector<std::uint32_t> count(nodes + 1, 0);
  for (const Triple& t : triples) {
    p.is_event[t.event] = 1;
    ++count[t.event + 1];
    ++count[t.entity + 1];
  }
  for (std::size_t v = 0; v < nodes; ++v) count[v + 1] += count[v];
  p.first = count;
  p.links.resize(triples.size() * 2);
  for (const Triple& t : triples) {
    p.links[count[t.event]++] = Link{t.entity, t.role};
    p.links[count[t.entity]++] = Link{t.event, t.role};
  }
  return p;
}

Participation participation(const KnowledgeGraph& g) {
  std::vector<Participation::Triple> triples;
  std::vector<std::string> roles;
  std::map<std::string, std::uint32_t> role_id;
  for (std::uint32_t e = 0; e < g.edge_count(); ++e) {
    const Edge& ed = g.edge(e);
    if (ed.kind == EdgeKind::MentionedIn || ed.kind == EdgeKind::PartOf || ed.kind == EdgeKind::SameAs)
      continue;
    auto [it, added] = role_id.emplace(ed.role, static_cast<std::uint32_t>(roles.size()));
    if (added) roles.push_back(ed.role);
    triples.push_back({ed.source, ed.target, it->second});
  }
  return Participation::from_triples(g.node_count(), std::move(triples), std::move(roles));
}

std::vector<int> event_degrees(const Participation& p) {
  std::vector<int> degree(p.size(), 0);
  std::vector<std::uint32_t> events;
  for (std::uint32_t v = 0; v < p.size(); ++v) {
    if (p.is_event[v]) continue;
    events.clear();
    for (std::uint32_t i = p.first[v]; i < p.first[v + 1]; ++i) events.push_back(p.links[i].node);
    std::sort(events.begin(), events.end());
    degree[v] = static_cast<int>(std::unique(events.begin(), events.end()) - events.begin());
  }
  return degree;
}

std::vector<Connection> shortest_connections(const Participation& p, std::uint32_t a, std::uint32_t b,
                                             std::size_t max,
                                             const std::function<std::string(std::uint32_t)>& key) {
  // Breadth-first from a, remembering every predecessor on a shortest path (with the
  // role of the link); the search stops once b is reached, when b's level is complete.
  std::unordered_map<std::uint32_t, int> dist{{a, 0}};
  std::unordered_map<std::uint32_t, std::vector<std::pair<std::uint32_t, std::uint32_t>>> pred;
  std::deque<std::uint32_t> todo{a};
  while (!todo.empty()) {
    const std::uint32_t v = todo.front();
    todo.pop_front();
    if (v == b) break;
    const int d = dist.at(v);
    for (std::uint32_t i = p.first[v]; i < p.first[v + 1]; ++i) {
      const auto [w, role] = p.links[i];
      auto [it, added] = dist.emplace(w, d + 1);
      if (added) todo.push_back(w);
      if (it->second == d + 1) pred[w].emplace_back(v, role);
    }
  }
  std::vector<Connection> out;
  if (a == b || !dist.count(b)) return out;
  // Walk the predecessors back from b in key order; cur holds the nodes from b back, each
  // with the role of the link to its predecessor (set when the walk steps on).
  std::unordered_map<std::uint32_t, std::string> keys;
  auto key_of = [&](std::uint32_t v) -> const std::string& {
    auto it = keys.find(v);
    if (it == keys.end()) it = keys.emplace(v, key(v)).first;
    return it->second;
  };
  Connection cur{{b, ""}};
  std::function<void(std::uint32_t)> walk = [&](std::uint32_t v) {
    if (out.size() >= max) return;
    if (v == a) {
      out.emplace_back(cur.rbegin(), cur.rend());
      return;
    }
    // One step per predecessor node: an entity that is both agent and source of an event
    // joins it by "agent/source", not by two connections that differ only in the role.
    std::map<std::uint32_t, std::vector<std::string>> roles_of;
    for (auto [u, role] : pred.at(v)) roles_of[u].push_back(p.roles[role]);
    std::vector<std::pair<std::uint32_t, std::string>> preds;
    for (auto& [u, roles] : roles_of) {
      std::sort(roles.begin(), roles.end());
      roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
      std::string joined;
      for (const auto& r : roles) joined += (joined.empty() ? "" : "/") + r;
      preds.emplace_back(u, std::move(joined));
    }
    std::sort(preds.begin(), preds.end(),
              [&](const auto& x, const auto& y) { return key_of(x.first) < key_of(y.first); });
    for (const auto& [u, role] : preds) {
      cur.back().second = role;
      cur.emplace_back(u, "");
      walk(u);
      cur.pop_back();
    }
  };
  walk(b);
  return out;
}

std::vector<double> entity_betweenness(const Participation& p, const std::vector<std::uint32_t>& kept) {
  std::unordered_map<std::uint32_t, std::size_t> local;
  for (std::size_t i = 0; i < kept.size(); ++i) local.emplace(kept[i], i);
  // One link per event shared by two kept entities; sorted, so that the graph (and the
  // floating-point sums over it) does not depend on the order the links were read in.
  std::vector<std::pair<std::size_t, std::size_t>> links;
  std::vector<std::size_t> members;
  for (std::uint32_t ev = 0; ev < p.size(); ++ev) {
    if (!p.is_event[ev]) continue;
    members.clear();
    for (std::uint32_t i = p.first[ev]; i < p.first[ev + 1]; ++i) {
      auto it = local.find(p.links[i].node);
      if (it != local.end()) members.push_back(it->second);
    }
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    for (std::size_t x = 0; x < members.size(); ++x)
      for (std::size_t y = x + 1; y < members.size(); ++y) links.emplace_back(members[x], members[y]);
  }
  std::sort(links.begin(), links.end());
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  Graph u(kept.size());
  for (auto [x, y] : links) boost::add_edge(x, y, u);
  std::vector<double> bc(kept.size(), 0.0);
  boost::brandes_betweenness_centrality(u, boost::centrality_map(boost::make_iterator_property_map(
                                               bc.begin(), boost::get(boost::vertex_index, u))));
  return bc;
}

}  // namespace chronicle
