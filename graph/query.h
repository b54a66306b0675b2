// Questions asked of the knowledge graph: who did what to whom (with filters),
// timelines, neighbours, connections and central actors; and their output as an
// aligned table, TSV or JSON.
//
//   Store store("chronicle.db", {.create = false});
//   EventQuery q;  q.actor = "Putin";
//   for (const EventRow& r : who_did_what(store, q)) std::cout << r.date << " " << r.action << "\n";
//
// Each query exists twice: on an in-memory KnowledgeGraph (the reference), and on
// a Store. who_did_what and timeline on a Store build their rows straight from its
// tables (load_event_rows, with the same filters and order); neighbours loads only
// the part of the graph the question needs and asks the in-memory query. Both give
// the same rows (tests/graph/store_test.cc compares them).
//
// Matching an entity: the query's words must appear as consecutive words of its
// name or of an alias, case-insensitively ("putin" matches "Vladimir Putin"), or
// the query is the entity's id. Places match places inside them through part-of.
// Times: TIMEX3 values as ranges of days; --from/--to keep events whose range
// overlaps [from, to], and leave out events of unknown time.
//
// All functions are pure and thread-safe for const graphs; the Store overloads use
// the store (one thread at a time per Store).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/event_row.h"
#include "graph/knowledge_graph.h"
#include "graph/store.h"

namespace chronicle {

struct EventQuery {
  std::string actor;   // an agent
  std::string target;  // a patient or other participant (with, against, to, ...), not a location
  std::string place;   // a participating place or one inside it
  std::string from, to;
  std::string type;  // event type or lemma, or CAMEO code prefix (root "19" = fight)
  int min_sources = 0;
  std::string polarity = "any";  // any, positive, negative
  std::size_t limit = 0;         // 0: all
  bool provenance = true;        // false: rows with empty provenance (output that does not show it)
};

struct TimelineQuery {
  std::string actor;  // any participant
  std::string place;
  std::string from, to;
  std::size_t limit = 0;
  bool provenance = true;  // as EventQuery::provenance
};

// Throws std::invalid_argument for a malformed date or polarity.
std::vector<EventRow> who_did_what(const KnowledgeGraph& g, const EventQuery& q);
std::vector<EventRow> who_did_what(const Store& store, const EventQuery& q);

// The part of a store who_did_what(store, q) reads (load_graph and load_event_rows take it).
// Throws std::invalid_argument for a malformed polarity.
GraphFilter graph_filter(const EventQuery& q);

// Events in time order (unknown times last).
std::vector<EventRow> timeline(const KnowledgeGraph& g, const TimelineQuery& q);
std::vector<EventRow> timeline(const Store& store, const TimelineQuery& q);

struct NeighbourRow {
  std::string id, name, kind, type;
  int events = 0;                    // events shared with the entity
  std::vector<std::string> actions;  // their lemmas, most frequent first (at most 5)
};
// The entity the query names (the best-attested match), or nullopt.
std::optional<std::uint32_t> resolve_entity(const KnowledgeGraph& g, const std::string& query);
std::vector<NeighbourRow> neighbours(const KnowledgeGraph& g, const std::string& entity);
std::vector<NeighbourRow> neighbours(const Store& store, const std::string& entity);

// A shortest connection: entity, event, entity, ... Steps name the role joining them.
struct PathStep {
  std::string id, name, kind, role;
};
std::vector<std::vector<PathStep>> paths(const KnowledgeGraph& g, const std::string& from,
                                         const std::string& to, std::size_t max_paths = 5);
// The same from a store's participation links (each end resolved on the events involving it).
std::vector<std::vector<PathStep>> paths(const Store& store, const std::string& from, const std::string& to,
                                         std::size_t max_paths = 5);

struct CentralityRow {
  std::string id, name, kind, type;
  int degree = 0;          // distinct events taken part in
  double betweenness = 0;  // Brandes, over shortest connections between entities
};
// The `top` entities by betweenness, then degree. Betweenness counts the shortest
// connections between the `max_entities` entities of highest degree (through the events
// they share: graph/participation.h entity_betweenness), which bounds the cost.
std::vector<CentralityRow> central(const KnowledgeGraph& g, std::size_t top = 20,
                                   std::size_t max_entities = 3000);
std::vector<CentralityRow> central(const Store& store, std::size_t top = 20, std::size_t max_entities = 3000);

// ---- Output ----
struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};
Table to_table(const std::vector<EventRow>& rows);
Table to_table(const std::vector<NeighbourRow>& rows);
Table to_table(const std::vector<std::vector<PathStep>>& paths);
Table to_table(const std::vector<CentralityRow>& rows);
// "table": aligned columns; "tsv": tab-separated with a header line (tabs and newlines in cells become
// spaces).
std::string render(const Table& t, const std::string& format);

std::string to_json(const std::vector<EventRow>& rows);
std::string to_json(const std::vector<NeighbourRow>& rows);
std::string to_json(const std::vector<std::vector<PathStep>>& paths);
std::string to_json(const std::vector<CentralityRow>& rows);
// The whole graph: {"nodes": [...], "edges": [...]}.
std::string graph_to_json(const KnowledgeGraph& g);

}  // namespace chronicle
