// The knowledge graph: actors, places, events and documents as nodes; roles,
// provenance, containment and uncertain identity as edges. Built by merging
// Analyses (graph/builder.h) or loaded from the store (graph/store.h);
// read by queries (graph/query.h) and exporters (export/).
//
// Internally a Boost.Graph adjacency_list with bundled properties; callers
// see node and edge value types and stable indices. Not thread-safe for
// writes; const access from many threads is safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle {

enum class NodeKind : std::uint8_t { Actor, Place, Event, Document };
enum class EdgeKind : std::uint8_t {
  Agent,        // event -> actor, role "agent"
  Patient,      // event -> actor or place, role "patient"
  Location,     // event -> place
  Role,         // event -> actor/place, any other role (with, against, to, for, source)
  MentionedIn,  // event/actor/place -> document (provenance)
  PartOf,       // place -> place (Aleppo part of Syria)
  SameAs,       // entity -> entity where identity is uncertain
};
std::string_view to_string(NodeKind k);
std::string_view to_string(EdgeKind k);

// Where an event (or entity) was read: enough to show the sentence again.
struct Provenance {
  std::string document_id;  // Document::id as read; its node's id is "doc:" + document_id
  std::string source;       // path or URL of the document
  std::uint32_t sentence = 0;
  std::uint32_t start = 0, end = 0;  // byte offsets of the trigger/mention in the document text
  std::string sentence_text;
};

struct Node {
  NodeKind kind = NodeKind::Actor;
  std::string id;    // stable: kb id, or hash of normalised name and type; event: canonical signature hash
  std::string name;  // canonical name; for events a short headline ("Putin launch campaign")
  std::string type;  // entity type (PERSON, GPE, ...) or event type
  std::vector<std::string> aliases;
  std::string kb_id;
  std::string country;
  std::optional<double> latitude, longitude;
  std::vector<std::string> codes;  // CAMEO actor codes of actors
  // Events.
  std::string lemma;
  std::string cameo;  // CAMEO event code; root = first two digits
  int quad_class = -1;
  double goldstein = 0;
  std::string time_value;  // TIMEX3 value (start for intervals); empty when unknown
  std::string time_end;
  bool negated = false;
  std::string modality;
  // Actors/places/events: first and last dates seen, and how many documents say so.
  std::string first_date, last_date;
  int sources = 0;
  // Documents.
  std::string title, url, dct;
  std::string content_hash;  // documents: hash of the text, the store's idempotence key
  std::vector<Provenance> provenance;
};

struct Edge {
  EdgeKind kind = EdgeKind::Role;
  std::uint32_t source = 0, target = 0;  // node indices
  std::string role;  // agent, patient, location, with, against, part_of, mentioned_in, ...
  std::string date;  // the event's time value, when the edge belongs to an event
  int sources = 1;
};

class KnowledgeGraph {
 public:
  KnowledgeGraph();
  ~KnowledgeGraph();
  KnowledgeGraph(KnowledgeGraph&&) noexcept;
  KnowledgeGraph& operator=(KnowledgeGraph&&) noexcept;
  KnowledgeGraph(const KnowledgeGraph&);
  KnowledgeGraph& operator=(const KnowledgeGraph&);

  // Adds a node, or returns the index of the node with the same id.
  std::uint32_t add_node(Node node);
  // Adds an edge; an edge of the same kind, role and ends adds to its sources.
  std::uint32_t add_edge(Edge edge);

  std::size_t node_count() const;
  std::size_t edge_count() const;
  const Node& node(std::uint32_t i) const;
  Node& node(std::uint32_t i);  // mutable for merging; do not change the id

  const Edge& edge(std::uint32_t i) const;
  Edge& edge(std::uint32_t i);  // mutable for merging; do not change kind, role or ends
  std::optional<std::uint32_t> find(std::string_view id) const;
  // Edge indices leaving / entering a node, in insertion order.
  std::vector<std::uint32_t> out_edges(std::uint32_t node) const;
  std::vector<std::uint32_t> in_edges(std::uint32_t node) const;

  struct Impl;  // the Boost.Graph adjacency_list, in knowledge_graph.cc
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace chronicle
