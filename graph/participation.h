// Who took part in which event, and nothing else: the bipartite entity-event
// graph that connection and centrality queries walk, as compact adjacency lists.
//
// Built from a KnowledgeGraph (participation()) or read from a store's argument
// table in one scan (load_participation() in graph/store.h), so that a question
// about 20,000 articles walks a few megabytes of integers instead of a whole
// graph of names, provenance and documents.
//
//   Participation p = participation(g);
//   auto ps = shortest_connections(p, a, b, 5, [&](std::uint32_t v) -> const std::string& { ... });
//   auto bc = entity_betweenness(p, kept);
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"

namespace chronicle {

struct Participation {
  struct Link {
    std::uint32_t node;  // the other end
    std::uint32_t role;  // index into roles
  };
  std::vector<std::uint32_t> first;  // node v's links are links[first[v], first[v + 1])
  std::vector<Link> links;           // both directions: event -> entity and entity -> event
  std::vector<std::string> roles;    // agent, patient, location, ...
  std::vector<std::uint8_t> is_event;

  std::size_t size() const { return first.empty() ? 0 : first.size() - 1; }
  std::size_t links_of(std::uint32_t v) const { return first[v + 1] - first[v]; }

  // Builds the lists from (event, role, entity) triples over nodes [0, nodes).
  struct Triple {
    std::uint32_t event, entity, role;
  };
  static Participation from_triples(std::size_t nodes, std::vector<Triple> triples,
                                    std::vector<std::string> roles);
};

// The argument edges of `g` (every edge but mentioned-in, part-of and same-as); node ids are
// the graph's vertex ids.
Participation participation(const KnowledgeGraph& g);

// Distinct events each node takes part in (0 for events).
std::vector<int> event_degrees(const Participation& p);

// A connection: the nodes from `a` to `b`, each with the role of the link joining it to the
// node before it ("" on `a`; roles joined by "/" when an entity has several in one event).
using Connection = std::vector<std::pair<std::uint32_t, std::string>>;

// The shortest connections between `a` and `b` over participation links, at most `max`
// of them, each a distinct sequence of nodes: ties broken by `key` of each node, walking
// back from `b`. Empty when
// there is none or a == b.
std::vector<Connection> shortest_connections(const Participation& p, std::uint32_t a, std::uint32_t b,
                                             std::size_t max,
                                             const std::function<std::string(std::uint32_t)>& key);

// Betweenness of each entity of `kept` (Brandes, Boost.Graph) over the shortest
// connections between the entities of `kept`: the entity-event graph reduced to those
// entities, where two entities sharing k events are joined by k parallel links, so
// every entity-event-entity step counts once per event, as in the bipartite graph.
// Events that join fewer than two kept entities lie on no such connection.
std::vector<double> entity_betweenness(const Participation& p, const std::vector<std::uint32_t>& kept);

}  // namespace chronicle
