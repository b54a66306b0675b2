// The persistent store: one SQLite file (default ./chronicle.db) holding the
// merged graph as rows, so that 100,000 articles never need to be in memory.
//
//   Store store("chronicle.db");
//   store.ingest(batch);                       // one transaction; known articles are skipped
//   KnowledgeGraph g = load_graph(store, {.actor = "Putin"});
//   std::vector<EventRow> rows = load_event_rows(store, {.actor = "Putin"});
//
// Guarantees:
// - Versioned schema (PRAGMA user_version) with step-by-step migrations on open;
//   a file written by a newer Chronicle is refused with a clear StoreError.
// - WAL journal: readers see the last committed batch while another process ingests;
//   a crash (even kill -9) mid-batch leaves every committed batch intact.
// - Idempotent: an article whose text hash is stored is skipped.
// - Incremental: new articles merge into stored entities and events with the rules of
//   graph/builder.h, via indexed lookups; ingesting the same articles in the same order
//   into a store or into a GraphBuilder gives the same graph.
//
// Not thread-safe: one Store per thread (several processes may open the same file).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/document.h"
#include "graph/builder.h"
#include "graph/event_row.h"
#include "graph/knowledge_graph.h"
#include "graph/participation.h"

namespace chronicle {

// The store cannot be opened or written: the message names the file.
struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct StoreOptions {
  bool create = true;      // create the file when missing (else StoreError)
  bool read_only = false;  // queries; no migration is possible then
  // The schema version to migrate to (0: the latest); lower only in tests of migrations.
  int schema_version = 0;
};

class Store {
 public:
  static constexpr int kSchemaVersion = 10;

  // ":memory:" gives a private in-memory store (tests).
  explicit Store(const std::string& path, const StoreOptions& options = {});
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;

  const std::string& path() const { return path_; }
  int schema_version() const;

  // True when an article with this content hash (graph/builder.h content_hash) is stored.
  bool has_content(const std::string& hash) const;

  struct IngestResult {
    std::size_t added = 0, skipped = 0;
  };
  // Merges a batch in one transaction: all of it is stored, or (on error) none of it.
  IngestResult ingest(const std::vector<ArticleDigest>& batch);
  IngestResult ingest(const std::vector<Analysis>& batch);

  struct Counts {
    std::size_t documents = 0, actors = 0, places = 0, events = 0, provenance = 0, arguments = 0;
    bool operator==(const Counts&) const = default;
  };
  Counts counts() const;
  // SQLite's integrity check: "ok", or what is wrong. Reads every page and compares every
  // index with its table: seconds on a store of 20,000 articles (Reuters: ~3-10 s).
  std::string integrity_check() const;
  // SQLite's quick check: the same without comparing indices with tables (Reuters: ~1 s).
  std::string quick_check() const;

  struct Impl;  // the sqlite3 handle and prepared statements, in store.cc
  Impl& impl() const { return *impl_; }

 private:
  std::string path_;
  std::unique_ptr<Impl> impl_;
};

// Which part of the store to load. Empty fields do not restrict. With no field
// set the whole graph is loaded. The part loaded holds at least every event the
// who-did-what query (graph/query.h) with the same filters answers, with all its
// arguments, provenance documents, and the part-of edges below `place`.
struct GraphFilter {
  std::string actor;      // events with an agent whose name or alias matches (name_matches)
  std::string target;     // events with a patient or other non-agent participant that matches
  std::string place;      // events with a participant place that matches, or lies inside one that does
  std::string involving;  // events with any participant that matches (timelines, neighbours)
  std::string from, to;   // TIMEX3 dates: events whose time range overlaps
  std::string type;       // event type or lemma (case-insensitive) or CAMEO code prefix
  int min_sources = 0;
  int negated = -1;  // -1 any, 0 affirmative only, 1 negated only
  // At most this many events (0: all): the first in the order of who_did_what and
  // timeline (known times first, then by time range, then by id). With a limit the
  // part loaded is exactly those events, not a superset.
  std::size_t limit = 0;
  // Load entity -> document (mentioned-in) edges; queries of events do not need them.
  bool entity_mentions = true;
};

KnowledgeGraph load_graph(const Store& store, const GraphFilter& filter = {});

// The events the who-did-what query (graph/query.h) with the same filters answers,
// as its rows and in its order (known times first, then by time range, then by id),
// read straight from the tables: no graph is built and no name is matched in memory.
// Equal to who_did_what(load_graph(store, filter), ...) and cheaper by far for
// answers of thousands of rows. `entity_mentions` plays no part. Without provenance
// the rows' provenance is left empty (a third of the work: output that does not show it).
std::vector<EventRow> load_event_rows(const Store& store, const GraphFilter& filter,
                                      bool with_provenance = true);

// Every participation link of the store (graph/participation.h), read in one scan of the
// argument table: node v < event_base is the entity with row id v, node event_base + j
// the event with row id j. `entity_keys[v]` is entity v's key (its graph node id).
struct StoreParticipation {
  Participation links;
  std::uint32_t event_base = 0;
  std::vector<std::string> entity_keys;
};
StoreParticipation load_participation(const Store& store);
// Node v of `p` with its id, kind, name and type (and lemma for events).
Node load_participant(const Store& store, const StoreParticipation& p, std::uint32_t v);

// The entity a query names, as resolve_entity (graph/query.h) picks it on the events
// involving the matches: among the matching entities that take part in an event, the
// one whose key is the query, else whose name is the query, else the most reported;
// its key, or nullopt. Reads only the matches' rows.
std::optional<std::string> resolve_participant(const Store& store, const std::string& query);

// One event of an entity and one other participant of it (neighbours in graph/query.h).
struct SharedEvent {
  std::int64_t event = 0;
  std::string label;                  // the event's lemma, else its type
  std::string key, name, kind, type;  // the other participant
};
// Every (event, other participant) pair of the events of the entity `key`, from the
// argument table (a pair may repeat when either takes part in two roles).
std::vector<SharedEvent> load_shared_events(const Store& store, const std::string& key);

}  // namespace chronicle
