// A minimal KnowledgeGraph for the exporter tests, compiled only while the real implementation
// (graph/knowledge_graph.cc, built on Boost.Graph by the graph module) is not in the tree.
// Same observable behaviour as the header promises: ids unique, edges merged by kind/role/ends.
#if !__has_include("graph/knowledge_graph.cc")
#include <map>

#include "graph/knowledge_graph.h"

namespace chronicle {

struct KnowledgeGraph::Impl {
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  std::map<std::string, std::uint32_t, std::less<>> ids;
};

std::string_view to_string(NodeKind k) {
  switch (k) {
    case NodeKind::Actor: return "actor";
    case NodeKind::Place: return "place";
    case NodeKind::Event: return "event";
    case NodeKind::Document: return "document";
  }
  return "actor";
}
std::string_view to_string(EdgeKind k) {
  switch (k) {
    case EdgeKind::Agent: return "agent";
    case EdgeKind::Patient: return "patient";
    case EdgeKind::Location: return "location";
    case EdgeKind::Role: return "role";
    case EdgeKind::MentionedIn: return "mentioned_in";
    case EdgeKind::PartOf: return "part_of";
    case EdgeKind::SameAs: return "same_as";
  }
  return "role";
}

KnowledgeGraph::KnowledgeGraph() : impl_(std::make_unique<Impl>()) {}
KnowledgeGraph::~KnowledgeGraph() = default;
KnowledgeGraph::KnowledgeGraph(KnowledgeGraph&&) noexcept = default;
KnowledgeGraph& KnowledgeGraph::operator=(KnowledgeGraph&&) noexcept = default;
KnowledgeGraph::KnowledgeGraph(const KnowledgeGraph& o) : impl_(std::make_unique<Impl>(*o.impl_)) {}
KnowledgeGraph& KnowledgeGraph::operator=(const KnowledgeGraph& o) {
  impl_ = std::make_unique<Impl>(*o.impl_);
  return *this;
}
std::uint32_t KnowledgeGraph::add_node(Node node) {
  if (auto it = impl_->ids.find(node.id); it != impl_->ids.end()) return it->second;
  auto i = static_cast<std::uint32_t>(impl_->nodes.size());
  impl_->ids.emplace(node.id, i);
  impl_->nodes.push_back(std::move(node));
  return i;
}
std::uint32_t KnowledgeGraph::add_edge(Edge edge) {
  for (std::uint32_t i = 0; i < impl_->edges.size(); ++i) {
    Edge& e = impl_->edges[i];
    if (e.kind == edge.kind && e.role == edge.role && e.source == edge.source && e.target == edge.target) {
      e.sources += edge.sources;
      return i;
    }
  }
  impl_->edges.push_back(std::move(edge));
  return static_cast<std::uint32_t>(impl_->edges.size() - 1);
}
std::size_t KnowledgeGraph::node_count() const { return impl_->nodes.size(); }
std::size_t KnowledgeGraph::edge_count() const { return impl_->edges.size(); }
const Node& KnowledgeGraph::node(std::uint32_t i) const { return impl_->nodes.at(i); }
Node& KnowledgeGraph::node(std::uint32_t i) { return impl_->nodes.at(i); }
const Edge& KnowledgeGraph::edge(std::uint32_t i) const { return impl_->edges.at(i); }
std::optional<std::uint32_t> KnowledgeGraph::find(std::string_view id) const {
  auto it = impl_->ids.find(id);
  if (it == impl_->ids.end()) return std::nullopt;
  return it->second;
}
std::vector<std::uint32_t> KnowledgeGraph::out_edges(std::uint32_t node) const {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < impl_->edges.size(); ++i)
    if (impl_->edges[i].source == node) out.push_back(i);
  return out;
}
std::vector<std::uint32_t> KnowledgeGraph::in_edges(std::uint32_t node) const {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < impl_->edges.size(); ++i)
    if (impl_->edges[i].target == node) out.push_back(i);
  return out;
}

}  // namespace chronicle
#endif
