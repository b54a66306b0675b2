#include "graph/knowledge_graph.h"

#include <stdexcept>

#include "graph/knowledge_graph_impl.h"

namespace chronicle {

std::string_view to_string(NodeKind k) {
  switch (k) {
    case NodeKind::Actor:
      return "actor";
    case NodeKind::Place:
      return "place";
    case NodeKind::Event:
      return "event";
    case NodeKind::Document:
      return "document";
  }
  return "unknown";
}

std::string_view to_string(EdgeKind k) {
  switch (k) {
    case EdgeKind::Agent:
      return "agent";
    case EdgeKind::Patient:
      return "patient";
    case EdgeKind::Location:
      return "location";
    case EdgeKind::Role:
      return "role";
    case EdgeKind::MentionedIn:
      return "mentioned_in";
    case EdgeKind::PartOf:
      return "part_of";
    case EdgeKind::SameAs:
      return "same_as";
  }
  return "unknown";
}

KnowledgeGraph::KnowledgeGraph() : impl_(std::make_unique<Impl>()) {}
KnowledgeGraph::~KnowledgeGraph() = default;
KnowledgeGraph::KnowledgeGraph(KnowledgeGraph&&) noexcept = default;
KnowledgeGraph& KnowledgeGraph::operator=(KnowledgeGraph&&) noexcept = default;

// Edge descriptors of a vecS adjacency_list point into the graph they belong
// to, so a copy rebuilds the graph instead of copying descriptors.
KnowledgeGraph::KnowledgeGraph(const KnowledgeGraph& other) : impl_(std::make_unique<Impl>()) {
  for (std::uint32_t i = 0; i < other.node_count(); ++i) add_node(other.node(i));
  for (std::uint32_t i = 0; i < other.edge_count(); ++i) add_edge(other.edge(i));
}

KnowledgeGraph& KnowledgeGraph::operator=(const KnowledgeGraph& other) {
  if (this != &other) *this = KnowledgeGraph(other);
  return *this;
}

std::uint32_t KnowledgeGraph::add_node(Node node) {
  auto it = impl_->by_id.find(node.id);
  if (it != impl_->by_id.end()) return it->second;
  std::string id = node.id;
  auto v = static_cast<std::uint32_t>(boost::add_vertex(std::move(node), impl_->g));
  impl_->by_id.emplace(std::move(id), v);
  impl_->out.emplace_back();
  impl_->in.emplace_back();
  return v;
}

std::uint32_t KnowledgeGraph::add_edge(Edge edge) {
  if (edge.source >= node_count() || edge.target >= node_count()) {
    throw std::out_of_range("KnowledgeGraph::add_edge: node index out of range");
  }
  auto key = std::make_tuple(edge.kind, edge.role, edge.source, edge.target);
  auto it = impl_->edge_key.find(key);
  if (it != impl_->edge_key.end()) {
    impl_->g[impl_->edges[it->second]].sources += edge.sources;
    return it->second;
  }
  auto index = static_cast<std::uint32_t>(impl_->edges.size());
  auto [e, added] = boost::add_edge(edge.source, edge.target, edge, impl_->g);
  (void)added;  // a multigraph: parallel edges of other kinds are allowed
  impl_->edges.push_back(e);
  impl_->out[edge.source].push_back(index);
  impl_->in[edge.target].push_back(index);
  impl_->edge_key.emplace(std::move(key), index);
  return index;
}

std::size_t KnowledgeGraph::node_count() const { return boost::num_vertices(impl_->g); }
std::size_t KnowledgeGraph::edge_count() const { return impl_->edges.size(); }

const Node& KnowledgeGraph::node(std::uint32_t i) const {
  if (i >= node_count()) throw std::out_of_range("KnowledgeGraph::node: index out of range");
  return impl_->g[i];
}

Node& KnowledgeGraph::node(std::uint32_t i) {
  if (i >= node_count()) throw std::out_of_range("KnowledgeGraph::node: index out of range");
  return impl_->g[i];
}

const Edge& KnowledgeGraph::edge(std::uint32_t i) const {
  if (i >= edge_count()) throw std::out_of_range("KnowledgeGraph::edge: index out of range");
  return impl_->g[impl_->edges[i]];
}

Edge& KnowledgeGraph::edge(std::uint32_t i) {
  if (i >= edge_count()) throw std::out_of_range("KnowledgeGraph::edge: index out of range");
  return impl_->g[impl_->edges[i]];
}

std::optional<std::uint32_t> KnowledgeGraph::find(std::string_view id) const {
  auto it = impl_->by_id.find(std::string(id));
  if (it == impl_->by_id.end()) return std::nullopt;
  return it->second;
}

std::vector<std::uint32_t> KnowledgeGraph::out_edges(std::uint32_t node) const {
  if (node >= node_count()) throw std::out_of_range("KnowledgeGraph::out_edges: index out of range");
  return impl_->out[node];
}

std::vector<std::uint32_t> KnowledgeGraph::in_edges(std::uint32_t node) const {
  if (node >= node_count()) throw std::out_of_range("KnowledgeGraph::in_edges: index out of range");
  return impl_->in[node];
}

}  // namespace chronicle
