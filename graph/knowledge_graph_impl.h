// Internal: the Boost.Graph representation behind KnowledgeGraph. Only graph/
// sources include this; callers use knowledge_graph.h.
//
// A bidirectional adjacency_list with the bundled properties Node and Edge, an
// id -> vertex map, and per-vertex edge-index lists so that edges keep stable
// indices in insertion order.
#pragma once

// GCC 12 with sanitizers reports an optional inside Boost's named_graph as used
// uninitialised (it is not: Boost checks it first); the -Werror sanitizer build needs
// the header's own lines exempt.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/graph/adjacency_list.hpp>
#pragma GCC diagnostic pop
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "graph/knowledge_graph.h"

namespace chronicle {

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, Node, Edge>;

struct KnowledgeGraph::Impl {
  BoostGraph g;
  std::vector<BoostGraph::edge_descriptor> edges;        // by edge index
  std::vector<std::vector<std::uint32_t>> out, in;       // edge indices by vertex
  std::unordered_map<std::string, std::uint32_t> by_id;  // node id -> vertex
  // (kind, role, source, target) -> edge index, so repeated edges add sources.
  std::map<std::tuple<EdgeKind, std::string, std::uint32_t, std::uint32_t>, std::uint32_t> edge_key;
};

}  // namespace chronicle
