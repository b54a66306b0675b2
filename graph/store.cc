// The store's schema and merging. Method: every article is turned into an
// ArticleDigest (graph/builder.h) and merged with indexed lookups by key
// (entities), by signature (events) and by content hash (documents), with the
// same decision functions the in-memory builder uses. Loading selects event ids
// into temporary tables first, then reads nodes and edges by joins, so a
// filtered load touches only the rows it needs; load_event_rows reads answer rows
// from the same selection without building a graph.
#include "graph/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace chronicle {
namespace {

// Each step moves the schema from version i to i + 1; steps are never edited once released.
const char* const kMigrations[] = {
    // 0 -> 1: the graph as rows.
    R"sql(
CREATE TABLE documents(
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, doc_id TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE, title TEXT NOT NULL, url TEXT NOT NULL,
  dct TEXT NOT NULL, day TEXT NOT NULL);
CREATE TABLE entities(
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, kind INTEGER NOT NULL, name TEXT NOT NULL,
  type TEXT NOT NULL, kb_id TEXT NOT NULL, country TEXT NOT NULL, latitude REAL, longitude REAL,
  codes TEXT NOT NULL, first_date TEXT NOT NULL, last_date TEXT NOT NULL, sources INTEGER NOT NULL,
  norm TEXT NOT NULL, surname TEXT NOT NULL, words INTEGER NOT NULL);
CREATE INDEX entities_surname ON entities(surname) WHERE type = 'PERSON';
CREATE INDEX entities_norm ON entities(norm) WHERE type = 'PERSON';
CREATE TABLE entity_aliases(entity INTEGER NOT NULL, alias TEXT NOT NULL, PRIMARY KEY(entity, alias)) WITHOUT ROWID;
CREATE TABLE entity_documents(entity INTEGER NOT NULL, document INTEGER NOT NULL, mentions INTEGER NOT NULL,
  PRIMARY KEY(entity, document)) WITHOUT ROWID;
CREATE TABLE part_of(place INTEGER NOT NULL, container INTEGER NOT NULL, sources INTEGER NOT NULL,
  PRIMARY KEY(place, container)) WITHOUT ROWID;
CREATE INDEX part_of_container ON part_of(container);
CREATE TABLE same_as(a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY(a, b)) WITHOUT ROWID;
CREATE TABLE events(
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, signature TEXT NOT NULL, name TEXT NOT NULL,
  type TEXT NOT NULL, lemma TEXT NOT NULL, cameo TEXT NOT NULL, quad_class INTEGER NOT NULL,
  goldstein REAL NOT NULL, time_value TEXT NOT NULL, time_end TEXT NOT NULL, time_lo TEXT NOT NULL,
  time_hi TEXT NOT NULL, negated INTEGER NOT NULL, modality TEXT NOT NULL, place_key TEXT NOT NULL,
  sources INTEGER NOT NULL, first_date TEXT NOT NULL, last_date TEXT NOT NULL);
CREATE INDEX events_signature ON events(signature);
CREATE TABLE event_args(event INTEGER NOT NULL, role TEXT NOT NULL, entity INTEGER NOT NULL,
  sources INTEGER NOT NULL, PRIMARY KEY(event, role, entity)) WITHOUT ROWID;
CREATE INDEX event_args_entity ON event_args(entity, role);
CREATE TABLE provenance(event INTEGER NOT NULL, document INTEGER NOT NULL, start INTEGER NOT NULL,
  end INTEGER NOT NULL, sentence INTEGER NOT NULL, sentence_text TEXT NOT NULL,
  PRIMARY KEY(event, document, start, end)) WITHOUT ROWID;
CREATE INDEX provenance_document ON provenance(document);
)sql",
    // 1 -> 2: name search by whole words, and time-range lookups.
    R"sql(
CREATE TABLE entity_names(entity INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY(entity, text)) WITHOUT ROWID;
CREATE INDEX entity_names_text ON entity_names(text);
INSERT OR IGNORE INTO entity_names SELECT entity, ' ' || chronicle_normalise(alias) || ' ' FROM entity_aliases;
CREATE INDEX events_time ON events(time_lo, time_hi);
)sql",
    // 2 -> 3: documents' entities, for loading part of the graph by document.
    R"sql(
CREATE INDEX entity_documents_document ON entity_documents(document);
)sql",
    // 3 -> 4: --type without a scan of every event: the type and the lemma as the query
    // compares them (ASCII lower case), and CAMEO codes for prefix ranges.
    R"sql(
CREATE INDEX events_type ON events(lower(type));
CREATE INDEX events_lemma ON events(lower(lemma));
CREATE INDEX events_cameo ON events(cameo);
-- Every word of every normalised name: a name query looks up its first word here and
-- checks the whole phrase on those entities only, instead of a LIKE over every name.
CREATE TABLE entity_words(word TEXT NOT NULL, entity INTEGER NOT NULL, PRIMARY KEY(word, entity)) WITHOUT ROWID;
INSERT OR IGNORE INTO entity_words(word, entity)
  WITH RECURSIVE split(entity, word, rest) AS (
    SELECT entity, '', substr(text, 2) FROM entity_names
    UNION ALL
    SELECT entity, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1) FROM split
    WHERE rest <> '')
  SELECT word, entity FROM split WHERE word <> '';
)sql",
    // 4 -> 5: --min-sources without a scan of every event. Few events have a second source
    // (4% on Reuters), so the index is small and costs the merge little.
    R"sql(
CREATE INDEX events_sources ON events(sources) WHERE sources > 1;
)sql",
    // 5 -> 6: a sentence's text once, not once per event reported in it (a third of a
    // Reuters store was the same sentences again: 345,776 provenance rows, 101,461 sentences).
    R"sql(
CREATE TABLE sentences(document INTEGER NOT NULL, sentence INTEGER NOT NULL, text TEXT NOT NULL,
  PRIMARY KEY(document, sentence)) WITHOUT ROWID;
INSERT OR IGNORE INTO sentences(document, sentence, text)
  SELECT document, sentence, sentence_text FROM provenance;
-- Rebuilt rather than ALTER TABLE DROP COLUMN, which leaves every page of the old
-- table allocated and two-thirds empty: the new table is packed, and the old pages
-- are free for the next ingest (VACUUM gives them back to the file system).
CREATE TABLE provenance6(event INTEGER NOT NULL, document INTEGER NOT NULL, start INTEGER NOT NULL,
  end INTEGER NOT NULL, sentence INTEGER NOT NULL,
  PRIMARY KEY(event, document, start, end)) WITHOUT ROWID;
INSERT INTO provenance6 SELECT event, document, start, end, sentence FROM provenance;
DROP TABLE provenance;
ALTER TABLE provenance6 RENAME TO provenance;
CREATE INDEX provenance_document ON provenance(document);
)sql",
    // 6 -> 7: an event that involves no entity is no longer part of the graph (graph/builder.h):
    // those stored before go, with their provenance and the sentences nothing else cites.
    R"sql(
CREATE TEMP TABLE bare_events AS
  SELECT id FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_args a WHERE a.event = e.id);
DELETE FROM provenance WHERE event IN (SELECT id FROM bare_events);
DELETE FROM events WHERE id IN (SELECT id FROM bare_events);
DROP TABLE bare_events;
DELETE FROM sentences WHERE NOT EXISTS
  (SELECT 1 FROM provenance p WHERE p.document = sentences.document AND p.sentence = sentences.sentence);
)sql",
    // 7 -> 8: weeks, quarters, halves, seasons and decades cover their own days (time_range()),
    // no longer a whole year or nothing: the stored bounds follow.
    R"sql(
UPDATE events SET time_lo = chronicle_time_bound(time_value, time_end, 0),
                  time_hi = chronicle_time_bound(time_value, time_end, 1)
  WHERE time_lo <> chronicle_time_bound(time_value, time_end, 0)
     OR time_hi <> chronicle_time_bound(time_value, time_end, 1);
)sql",
    // 8 -> 9: two indices that no statement reads (EXPLAIN QUERY PLAN of each): a name is found
    // through entity_words and its entity, provenance through its event. Each cost the writer an
    // entry per row (provenance_document ~8% of a provenance insert's statement time).
    R"sql(
DROP INDEX IF EXISTS provenance_document;
DROP INDEX IF EXISTS entity_names_text;
)sql",
    // 9 -> 10: the time and CAMEO indices only of the events that have a time or a code (40% and
    // 58% on Reuters): the statements that read them say `time_lo <> ''` or `cameo <> ''`, and
    // each entry cost the writer ~5,000 instructions an event.
    R"sql(
DROP INDEX IF EXISTS events_time;
CREATE INDEX events_time ON events(time_lo, time_hi) WHERE time_lo <> '';
DROP INDEX IF EXISTS events_cameo;
CREATE INDEX events_cameo ON events(cameo) WHERE cameo <> '';
)sql",
};
static_assert(std::size(kMigrations) == Store::kSchemaVersion);

void normalise_fn(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const unsigned char* t = sqlite3_value_text(argv[0]);
  std::string out = t ? normalise_name(reinterpret_cast<const char*>(t)) : std::string();
  sqlite3_result_text(ctx, out.c_str(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

// chronicle_time_bound(value, end, 0 | 1): time_range(value, end).lo or .hi ('' when unknown).
void time_bound_fn(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto text = [&](int i) {
    const unsigned char* t = sqlite3_value_text(argv[i]);
    return t ? std::string(reinterpret_cast<const char*>(t)) : std::string();
  };
  const TimeRange r = time_range(text(0), text(1));
  const std::string& out = sqlite3_value_int(argv[2]) ? r.hi : r.lo;
  sqlite3_result_text(ctx, out.c_str(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

std::string join_lines(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out.push_back('\n');
    out += s;
  }
  return out;
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  std::size_t i = 0;
  while (true) {
    std::size_t j = s.find('\n', i);
    out.push_back(s.substr(i, j == std::string::npos ? std::string::npos : j - i));
    if (j == std::string::npos) break;
    i = j + 1;
  }
  return out;
}

std::string like_pattern(const std::string& normalised) {
  std::string p = "% ";
  for (char c : normalised) {
    if (c == '%' || c == '_' || c == '\\') p.push_back('\\');
    p.push_back(c);
  }
  return p + " %";
}

}  // namespace

// A prepared statement, reset on every use. Statements are cached by their SQL
// text, so a statement must be finished before the same SQL is used again.
class Stmt {
 public:
  Stmt(sqlite3* db, sqlite3_stmt* s) : db_(db), s_(s) {}
  // Resetting ends the statement's read transaction as soon as it is dropped;
  // clearing the bindings leaves the cached statement no pointer to a string
  // that may be gone by its next use (texts are bound without a copy).
  ~Stmt() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  // The text is not copied (SQLITE_STATIC): `v` must outlive the statement's
  // steps, as every caller's does (bound and run in one expression, or a named
  // string that outlives the Stmt). Copying each of the merge's ~100 bound
  // strings per article cost as much as the statements' own bookkeeping.
  Stmt& bind(int i, const std::string& v) {
    check(sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC));
    return *this;
  }
  Stmt& bind(int i, std::int64_t v) {
    check(sqlite3_bind_int64(s_, i, v));
    return *this;
  }
  Stmt& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Stmt& bind(int i, double v) {
    check(sqlite3_bind_double(s_, i, v));
    return *this;
  }
  Stmt& bind(int i, const std::optional<double>& v) {
    if (v) return bind(i, *v);
    check(sqlite3_bind_null(s_, i));
    return *this;
  }
  bool step() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw StoreError(std::string("store: ") + sqlite3_errmsg(db_));
  }
  void run() {
    while (step()) {
    }
  }
  std::string text(int c) const {
    const unsigned char* t = sqlite3_column_text(s_, c);
    return t ? std::string(reinterpret_cast<const char*>(t),
                           static_cast<std::size_t>(sqlite3_column_bytes(s_, c)))
             : std::string();
  }
  int columns() const { return sqlite3_column_count(s_); }
  sqlite3_stmt* raw() const { return s_; }
  std::int64_t i64(int c) const { return sqlite3_column_int64(s_, c); }
  double dbl(int c) const { return sqlite3_column_double(s_, c); }
  std::optional<double> opt(int c) const {
    if (sqlite3_column_type(s_, c) == SQLITE_NULL) return std::nullopt;
    return sqlite3_column_double(s_, c);
  }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) throw StoreError(std::string("store: ") + sqlite3_errmsg(db_));
  }
  sqlite3* db_;
  sqlite3_stmt* s_;
};

struct Store::Impl {
  sqlite3* db = nullptr;
  std::string path;
  std::unordered_map<std::string, sqlite3_stmt*> cache;       // SQL text -> statement (owned)
  std::unordered_map<const char*, sqlite3_stmt*> by_address;  // into `cache`

  sqlite3_stmt* prepared(const std::string& sql) {
    auto it = cache.find(sql);
    if (it == cache.end()) {
      sqlite3_stmt* s = nullptr;
      if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &s, nullptr) != SQLITE_OK)
        fail("cannot prepare statement");
      it = cache.emplace(sql, s).first;
    }
    return it->second;
  }
  // Every Stmt resets its statement and clears its bindings when it goes, so a cached one is
  // ready as it is (doing it again here was ~1.5% of the writer's instructions); one still
  // running (its SQL used again inside its own loop, a bug) is reset rather than bound mid-step.
  Stmt reset(sqlite3_stmt* s) {
    if (sqlite3_stmt_busy(s)) {
      sqlite3_reset(s);
      sqlite3_clear_bindings(s);
    }
    return Stmt(db, s);
  }

  ~Impl() {
    for (auto& [sql, s] : cache) sqlite3_finalize(s);
    if (db) sqlite3_close_v2(db);
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw StoreError(path + ": " + what + (db ? std::string(": ") + sqlite3_errmsg(db) : std::string()));
  }

  void exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw StoreError(path + ": " + msg);
    }
  }

  Stmt q(const std::string& sql) { return reset(prepared(sql)); }
  // The same for SQL given as a character array (a literal, mostly): found by its address
  // first, which the merge's hundred statements per article make worth it (no string built
  // and hashed per use); the text is compared, so an address reused for other SQL is safe.
  Stmt q(const char* sql) {
    auto it = by_address.find(sql);
    if (it == by_address.end() || std::strcmp(sqlite3_sql(it->second), sql) != 0)
      it = by_address.insert_or_assign(sql, prepared(sql)).first;
    return reset(it->second);
  }

  // `n` rows of one shape written by one statement per kRowsPerInsert rows ("INSERT ...
  // VALUES (?,?),(?,?),... tail"), as separate statements would write them, in order: each
  // statement's fixed cost (stepping, halting, closing its cursors, resetting) was about
  // as much as a small row's own B-tree work. `bind_row(stmt, first_parameter, i)` binds
  // row i; what it binds must outlive the call (texts are not copied).
  // The statements are found by the head's address and the row count (building and hashing
  // the SQL text of each use cost a fifth of what the multi-row statements saved), so `head`
  // must be a literal that is always given with the same `row` and `tail`.
  static constexpr std::size_t kRowsPerInsert = 32;
  std::map<std::pair<const char*, std::size_t>, sqlite3_stmt*> multi_row;  // into `cache`
  template <typename BindRow>
  void insert_rows(const char* head, std::string_view row, std::string_view tail, std::size_t n,
                   BindRow&& bind_row) {
    const int params = static_cast<int>(std::count(row.begin(), row.end(), '?'));
    for (std::size_t first = 0; first < n; first += kRowsPerInsert) {
      const std::size_t k = std::min(kRowsPerInsert, n - first);
      sqlite3_stmt*& prepared_rows = multi_row[{head, k}];
      if (!prepared_rows) {
        std::string sql = std::string(head) + " VALUES ";
        for (std::size_t i = 0; i < k; ++i) {
          if (i > 0) sql += ',';
          sql += row;
        }
        sql += tail;
        prepared_rows = prepared(sql);
      }
      auto s = reset(prepared_rows);
      for (std::size_t i = 0; i < k; ++i) bind_row(s, static_cast<int>(i) * params + 1, first + i);
      s.run();
    }
  }

  int user_version() {
    auto s = q("PRAGMA user_version");
    s.step();
    return static_cast<int>(s.i64(0));
  }

  std::optional<std::int64_t> id_of(const std::string& table, const std::string& key) {
    auto s = q("SELECT id FROM " + table + " WHERE key = ?");
    s.bind(1, key);
    if (!s.step()) return std::nullopt;
    return s.i64(0);
  }

  // The places a place lies in, and the places inside it (part-of, up to 12 steps, as
  // GraphBuilder), by key. Cached for one article: its part-of rows are written before its
  // events are merged.
  using PlaceSets = std::unordered_map<std::string, std::set<std::string>>;
  PlaceSets ancestors_cache, descendants_cache;
  const std::set<std::string>& related_places(const std::string& key, bool up) {
    PlaceSets& cache = up ? ancestors_cache : descendants_cache;
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
    std::set<std::string> out;
    auto s = up ? q("WITH RECURSIVE r(id, d) AS (SELECT id, 0 FROM entities WHERE key = ?1 UNION "
                    "SELECT p.container, r.d + 1 FROM part_of p JOIN r ON p.place = r.id WHERE r.d < 12) "
                    "SELECT DISTINCT e.key FROM r JOIN entities e ON e.id = r.id WHERE r.d > 0")
                : q("WITH RECURSIVE r(id, d) AS (SELECT id, 0 FROM entities WHERE key = ?1 UNION "
                    "SELECT p.place, r.d + 1 FROM part_of p JOIN r ON p.container = r.id WHERE r.d < 12) "
                    "SELECT DISTINCT e.key FROM r JOIN entities e ON e.id = r.id WHERE r.d > 0");
    s.bind(1, key);
    while (s.step()) out.insert(s.text(0));
    return cache.emplace(key, std::move(out)).first->second;
  }
  // `place` (the new report's) and a stored event's place: equal, one inside the other, or
  // one unknown. Both directions are asked of `place` (b inside a is a above b), so that
  // comparing with many stored events costs two queries, not one per stored event.
  bool places_compatible(const std::string& place, const std::string& stored) {
    return place.empty() || stored.empty() || place == stored || related_places(place, true).count(stored) ||
           related_places(place, false).count(stored);
  }

  // What the writer knows is stored, so that entities seen again (most of an article's)
  // cost no lookups by key and their known names no inserts. Valid only while no other
  // connection writes: checked with PRAGMA data_version at each batch, and dropped when a
  // batch rolls back. Bounded: emptied when full.
  std::unordered_map<std::string, std::int64_t> entity_ids;  // entity key -> id
  std::unordered_set<std::string> stored_names;              // id '\t' surface form
  std::int64_t seen_data_version = -1;
  static constexpr std::size_t kMaxCached = 200000;
  // The signatures of every stored event, as a Bloom filter (fixed 4 MiB, three probes):
  // most reports are of events new to the store, and a signature the filter has never
  // seen needs no query for merge candidates. False positives only cost that query, so
  // the filter may hold signatures of rolled-back rows; it must never miss a stored one,
  // so it is read anew (one scan of the signature index) whenever another connection
  // may have written, by the same PRAGMA data_version test as the caches above.
  std::vector<std::uint64_t> signature_bits;  // empty: not loaded
  static constexpr std::size_t kSignatureBits = std::size_t{1} << 25;
  template <typename F>
  static void signature_probes(std::string_view signature, F&& f) {
    const std::uint64_t h = std::hash<std::string_view>{}(signature);
    const std::uint64_t step = (h >> 29 | h << 35) | 1;
    for (std::uint64_t i = 0; i < 3; ++i) f((h + i * step) & (kSignatureBits - 1));
  }
  void remember_signature(std::string_view signature) {
    signature_probes(signature,
                     [&](std::uint64_t b) { signature_bits[b >> 6] |= std::uint64_t{1} << (b & 63); });
  }
  bool may_be_stored(std::string_view signature) const {
    bool all = true;
    signature_probes(signature,
                     [&](std::uint64_t b) { all = all && (signature_bits[b >> 6] >> (b & 63) & 1); });
    return all;
  }
  void load_signatures() {
    signature_bits.assign(kSignatureBits / 64, 0);
    auto s = q("SELECT signature FROM events");
    while (s.step()) {
      const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s.raw(), 0));
      remember_signature(
          std::string_view(t ? t : "", static_cast<std::size_t>(sqlite3_column_bytes(s.raw(), 0))));
    }
  }

  void forget_cached() {
    entity_ids.clear();
    stored_names.clear();
    entity_rows.clear();
    dirty_entities.clear();
    signature_bits.clear();
  }
  void begin_batch() {
    auto s = q("PRAGMA data_version");
    s.step();
    const std::int64_t v = s.i64(0);
    if (v != seen_data_version) forget_cached();
    seen_data_version = v;
    if (signature_bits.empty()) load_signatures();
    if (entity_ids.size() > kMaxCached) entity_ids.clear();
    if (stored_names.size() > kMaxCached) stored_names.clear();
    if (entity_rows.size() > kMaxCached) entity_rows.clear();
  }

  // The merged columns of stored entities seen in this or earlier batches, and the
  // sources this batch has added to them (not yet written; see merge_entity).
  struct EntityRow {
    std::string name, kb_id, country, codes, first, last;
    std::optional<double> lat, lon;
    int new_sources = 0;
  };
  std::unordered_map<std::int64_t, EntityRow> entity_rows;
  std::vector<std::int64_t> dirty_entities;  // with new_sources > 0, in first-merged order

  bool add(const ArticleDigest& d, int version);
  void merge_entity(std::int64_t id, const DigestEntity& e, const std::string& day);
  void write_entity(std::int64_t id, EntityRow& r);
  void write_entities();  // before the batch commits
};

// A stored entity seen again: the better name, the first known kb id, country and
// coordinates, the union of codes, the date range and one more source. The row is read
// once and then kept (entity_rows); it is written at the end of the batch, once however
// many of the batch's articles name the entity, or at once when its kb id changes, which
// the same-person test of later articles in the batch reads.
void Store::Impl::merge_entity(std::int64_t id, const DigestEntity& e, const std::string& day) {
  auto [it, added] = entity_rows.try_emplace(id);
  EntityRow& r = it->second;
  if (added) {
    auto s =
        q("SELECT name, kb_id, country, latitude, longitude, codes, first_date, last_date FROM entities "
          "WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) fail("an entity in the writer's cache is not stored");
    r.name = s.text(0);
    r.kb_id = s.text(1);
    r.country = s.text(2);
    r.lat = s.opt(3);
    r.lon = s.opt(4);
    r.codes = s.text(5);
    r.first = s.text(6);
    r.last = s.text(7);
  }
  if (better_name(e.name, r.name)) r.name = e.name;
  const bool kb_changed = r.kb_id.empty() && !e.kb_id.empty();
  if (kb_changed) r.kb_id = e.kb_id;
  if (r.country.empty()) r.country = e.country;
  if (!r.lat && e.latitude) {
    r.lat = e.latitude;
    r.lon = e.longitude;
  }
  if (!e.codes.empty()) {
    std::vector<std::string> code_list = split_lines(r.codes);
    code_list.insert(code_list.end(), e.codes.begin(), e.codes.end());
    std::sort(code_list.begin(), code_list.end());
    code_list.erase(std::unique(code_list.begin(), code_list.end()), code_list.end());
    r.codes = join_lines(code_list);
  }
  if (!day.empty() && (r.first.empty() || day < r.first)) r.first = day;
  if (!day.empty() && day > r.last) r.last = day;
  if (r.new_sources++ == 0) dirty_entities.push_back(id);
  if (kb_changed) write_entity(id, r);
}

void Store::Impl::write_entity(std::int64_t id, EntityRow& r) {
  q("UPDATE entities SET name=?, kb_id=?, country=?, latitude=?, longitude=?, codes=?, first_date=?, "
    "last_date=?, sources=sources+? WHERE id=?")
      .bind(1, r.name)
      .bind(2, r.kb_id)
      .bind(3, r.country)
      .bind(4, r.lat)
      .bind(5, r.lon)
      .bind(6, r.codes)
      .bind(7, r.first)
      .bind(8, r.last)
      .bind(9, r.new_sources)
      .bind(10, id)
      .run();
  r.new_sources = 0;
}

void Store::Impl::write_entities() {
  for (std::int64_t id : dirty_entities) {
    EntityRow& r = entity_rows.at(id);
    if (r.new_sources > 0) write_entity(id, r);
  }
  dirty_entities.clear();
}

Store::Store(const std::string& path, const StoreOptions& options)
    : path_(path), impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.path = path;
  const bool memory = path == ":memory:";
  if (!memory && !options.create && !std::filesystem::exists(path))
    throw StoreError(path + ": no store here (run `chronicle ingest --db " + path + "` first)");
  // SQLite counts every allocation under a global mutex unless told otherwise before its
  // first use; nothing here reads those counts. (Too late when SQLite is already in use: harmless.)
  static std::once_flag no_memstatus;
  std::call_once(no_memstatus, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  int flags = options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &m.db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
    m.fail("cannot open the store");
  sqlite3_extended_result_codes(m.db, 1);
  sqlite3_busy_timeout(m.db, 15000);
  sqlite3_create_function(m.db, "chronicle_normalise", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                          normalise_fn, nullptr, nullptr);
  sqlite3_create_function(m.db, "chronicle_time_bound", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                          time_bound_fn, nullptr, nullptr);
  // Not a database at all gives SQLITE_NOTADB on the first read.
  int version = 0;
  try {
    version = m.user_version();
  } catch (const StoreError& e) {
    throw StoreError(path + ": not a Chronicle store (" + e.what() + ")");
  }
  if (version > Store::kSchemaVersion)
    throw StoreError(path + ": written by a newer Chronicle (schema " + std::to_string(version) +
                     ", this build reads up to " + std::to_string(Store::kSchemaVersion) + ")");
  if (!options.read_only) {
    if (!memory) m.exec("PRAGMA journal_mode=WAL");
    // NORMAL is durable against process crashes in WAL mode; only a power cut may lose the last batch.
    m.exec("PRAGMA synchronous=NORMAL");
    const int target = options.schema_version <= 0 ? Store::kSchemaVersion
                                                   : std::min(options.schema_version, Store::kSchemaVersion);
    // Each step in its own write transaction, re-reading the version inside it: another
    // process may be creating or migrating the same file at this moment.
    while (true) {
      m.exec("BEGIN IMMEDIATE");
      try {
        const int v = m.user_version();
        if (v >= target) {
          m.exec("COMMIT");
          break;
        }
        if (v == 0) {
          // A fresh file must be empty: never turn some other SQLite database into a store.
          auto s = m.q("SELECT count(*) FROM sqlite_master");
          s.step();
          if (s.i64(0) != 0) throw StoreError(path + ": an SQLite database but not a Chronicle store");
        }
        m.exec(kMigrations[v]);
        m.exec("PRAGMA user_version=" + std::to_string(v + 1));
        m.exec("COMMIT");
      } catch (...) {
        sqlite3_exec(m.db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
      }
    }
  } else if (version < Store::kSchemaVersion) {
    throw StoreError(path + ": schema " + std::to_string(version) +
                     " is older than this build's; open it for writing (chronicle ingest) to migrate");
  }
  // Page cache and memory map, both bounded so that memory does not grow with the store:
  // merging looks up entity keys and event signatures all over the indices, and a
  // query reads rows scattered over the file; without them most lookups are a read()
  // system call (a third of a query's time on the Reuters store).
  m.exec("PRAGMA cache_size=-65536");    // KiB: 64 MiB
  m.exec("PRAGMA mmap_size=268435456");  // 256 MiB of the file read through the map
  m.exec("PRAGMA temp_store=MEMORY");    // the selection tables of load_graph
  m.exec("CREATE TEMP TABLE IF NOT EXISTS sel_events(id INTEGER PRIMARY KEY)");
  m.exec("CREATE TEMP TABLE IF NOT EXISTS sel_entities(id INTEGER PRIMARY KEY)");
  m.exec("CREATE TEMP TABLE IF NOT EXISTS sel_docs(id INTEGER PRIMARY KEY)");
  m.exec("CREATE TEMP TABLE IF NOT EXISTS m_actor(id INTEGER PRIMARY KEY)");
  m.exec("CREATE TEMP TABLE IF NOT EXISTS m_target(id INTEGER PRIMARY KEY)");
  m.exec("CREATE TEMP TABLE IF NOT EXISTS m_place(id INTEGER PRIMARY KEY)");
  m.exec("CREATE TEMP TABLE IF NOT EXISTS m_any(id INTEGER PRIMARY KEY)");
}

Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

int Store::schema_version() const { return impl_->user_version(); }

bool Store::has_content(const std::string& hash) const {
  auto s = impl_->q("SELECT 1 FROM documents WHERE content_hash = ?");
  s.bind(1, hash);
  return s.step();
}

Store::IngestResult Store::ingest(const std::vector<Analysis>& batch) {
  std::vector<ArticleDigest> digests;
  digests.reserve(batch.size());
  for (const auto& a : batch) digests.push_back(digest(a));
  return ingest(digests);
}

Store::IngestResult Store::ingest(const std::vector<ArticleDigest>& batch) {
  Impl& m = *impl_;
  IngestResult r;
  const int version = m.user_version();
  m.exec("BEGIN IMMEDIATE");
  try {
    m.begin_batch();
    for (const auto& d : batch) {
      if (m.add(d, version))
        ++r.added;
      else
        ++r.skipped;
    }
    m.write_entities();
    m.exec("COMMIT");
  } catch (...) {
    sqlite3_exec(m.db, "ROLLBACK", nullptr, nullptr, nullptr);
    m.forget_cached();  // it may name rows that were rolled back
    throw;
  }
  return r;
}

bool Store::Impl::add(const ArticleDigest& d, int version) {
  {
    auto s = q("SELECT 1 FROM documents WHERE content_hash = ?");
    s.bind(1, d.content_hash);
    if (s.step()) return false;
  }
  std::string doc_id = d.doc_id;
  if (id_of("documents", document_node_id(doc_id))) doc_id += "~" + d.content_hash.substr(0, 8);
  q("INSERT INTO documents(key, doc_id, content_hash, title, url, dct, day) VALUES(?,?,?,?,?,?,?)")
      .bind(1, document_node_id(doc_id))
      .bind(2, doc_id)
      .bind(3, d.content_hash)
      .bind(4, d.title)
      .bind(5, d.url)
      .bind(6, d.dct)
      .bind(7, d.day)
      .run();
  const std::int64_t doc = sqlite3_last_insert_rowid(db);

  std::unordered_map<std::string, std::int64_t> ids;
  // Rows written after the loop (nothing in it reads them), several to a statement.
  std::vector<std::pair<std::int64_t, int>> document_rows;              // entity, mentions
  std::vector<std::pair<std::int64_t, const std::string*>> alias_rows;  // entity, surface form
  std::vector<std::pair<std::int64_t, std::string>> name_rows;          // entity, " normalised "
  std::vector<std::pair<std::string, std::int64_t>> word_rows;          // word, entity
  document_rows.reserve(d.entities.size());
  for (const DigestEntity& e : d.entities) {
    std::optional<std::int64_t> id;
    if (auto cached = entity_ids.find(e.key); cached != entity_ids.end()) id = cached->second;
    bool created = false;
    std::vector<std::string> words;  // of a created entity's name
    std::string code_text;
    if (!id) {
      // A new entity is written whole at once: most entities of an article are new
      // to the store, and reading back and updating the row would double the writes.
      // Most of those the writer has not seen are new, so the insert comes first: the
      // key's unique index answers whether it is stored (no lookup by key before).
      words = name_words(e.normalised);
      const std::string surname = words.size() >= 2 ? words.back() : std::string();
      std::vector<std::string> codes = e.codes;
      std::sort(codes.begin(), codes.end());
      codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
      code_text = join_lines(codes);
      q("INSERT OR IGNORE INTO entities(key, kind, name, type, kb_id, country, latitude, longitude, codes, "
        "first_date, last_date, sources, norm, surname, words) VALUES(?,?,?,?,?,?,?,?,?,?,?,1,?,?,?)")
          .bind(1, e.key)
          .bind(2, static_cast<int>(e.kind))
          .bind(3, e.name)
          .bind(4, e.type)
          .bind(5, e.kb_id)
          .bind(6, e.country)
          .bind(7, e.latitude ? e.latitude : std::nullopt)
          .bind(8, e.latitude ? e.longitude : std::nullopt)
          .bind(9, code_text)
          .bind(10, d.day)
          .bind(11, d.day)
          .bind(12, e.normalised)
          .bind(13, surname)
          .bind(14, static_cast<int>(words.size()))
          .run();
      created = sqlite3_changes(db) > 0;
      id = created ? std::optional<std::int64_t>(sqlite3_last_insert_rowid(db)) : id_of("entities", e.key);
      if (!id) fail("cannot insert an entity");  // only the key can conflict
    }
    if (created) {
      // As written, so that seeing the entity again in this batch reads nothing back.
      EntityRow& row = entity_rows[*id];
      row.name = e.name;
      row.kb_id = e.kb_id;
      row.country = e.country;
      row.lat = e.latitude ? e.latitude : std::nullopt;
      row.lon = e.latitude ? e.longitude : std::nullopt;
      row.codes = code_text;
      row.first = row.last = d.day;
      if (e.type == "PERSON" && e.kb_id.empty() && !words.empty()) {
        std::vector<std::int64_t> others;
        auto s = words.size() >= 2
                     ? q("SELECT id FROM entities WHERE type = 'PERSON' AND norm = ? AND words = 1 AND "
                         "kb_id = '' AND id <> ? ORDER BY id")
                     : q("SELECT id FROM entities WHERE type = 'PERSON' AND surname = ? AND words >= 2 AND "
                         "kb_id = '' AND id <> ? ORDER BY id");
        s.bind(1, words.back()).bind(2, *id);
        while (s.step()) others.push_back(s.i64(0));
        for (auto o : others) {
          auto ins = q("INSERT OR IGNORE INTO same_as(a, b) VALUES(?, ?)");
          if (words.size() >= 2)
            ins.bind(1, o).bind(2, *id);
          else
            ins.bind(1, *id).bind(2, o);
          ins.run();
        }
      }
    } else {
      merge_entity(*id, e, d.day);
    }
    ids[e.key] = *id;
    entity_ids.emplace(e.key, *id);
    for (const auto& f : e.forms) {
      if (!stored_names.insert(std::to_string(*id) + '\t' + f).second) continue;
      alias_rows.emplace_back(*id, &f);
      if (version < 2) continue;
      const std::string norm = normalise_name(f);
      // The name's words too, whether or not the name is new: a stored name has its words
      // (written with it, or by the migration to schema 4), so inserting them again adds
      // nothing, and the names can go in multi-row statements that tell no row's change.
      if (version >= 4)
        for (auto& w : name_words(norm)) word_rows.emplace_back(std::move(w), *id);
      name_rows.emplace_back(*id, " " + norm + " ");
    }
    document_rows.emplace_back(*id, e.mentions);
  }
  insert_rows("INSERT OR IGNORE INTO entity_aliases(entity, alias)", "(?,?)", "", alias_rows.size(),
              [&](Stmt& s, int p, std::size_t i) {
                s.bind(p, alias_rows[i].first).bind(p + 1, *alias_rows[i].second);
              });
  insert_rows(
      "INSERT OR IGNORE INTO entity_names(entity, text)", "(?,?)", "", name_rows.size(),
      [&](Stmt& s, int p, std::size_t i) { s.bind(p, name_rows[i].first).bind(p + 1, name_rows[i].second); });
  insert_rows(
      "INSERT OR IGNORE INTO entity_words(word, entity)", "(?,?)", "", word_rows.size(),
      [&](Stmt& s, int p, std::size_t i) { s.bind(p, word_rows[i].first).bind(p + 1, word_rows[i].second); });
  insert_rows("INSERT OR IGNORE INTO entity_documents(entity, document, mentions)", "(?,?,?)", "",
              document_rows.size(), [&](Stmt& s, int p, std::size_t i) {
                s.bind(p, document_rows[i].first).bind(p + 1, doc).bind(p + 2, document_rows[i].second);
              });
  for (const DigestEntity& e : d.entities) {
    if (e.part_of.empty()) continue;
    q("INSERT INTO part_of(place, container, sources) VALUES(?,?,1) "
      "ON CONFLICT(place, container) DO UPDATE SET sources = sources + 1")
        .bind(1, ids.at(e.key))
        .bind(2, ids.at(e.part_of))
        .run();
  }

  std::set<std::tuple<std::int64_t, std::string, std::int64_t>> role_rows;
  std::set<std::uint32_t> written_sentences;
  std::vector<std::pair<std::int64_t, const Provenance*>> provenance_rows;  // event; written after the loop
  std::vector<const Provenance*> sentence_rows;                             // the same
  // Stored events this article reports again (they gain a source below); events it
  // creates are written with their one source and its date at once.
  std::set<std::int64_t> touched, created;
  ancestors_cache.clear();
  descendants_cache.clear();
  for (const DigestEvent& e : d.events) {
    const TimeRange tr = time_range(e.time_value, e.time_end);
    struct Candidate {
      std::int64_t id;
      std::string time_value, time_end, place, lemma, first_date;
    };
    std::vector<Candidate> cands;
    if (may_be_stored(e.signature)) {
      auto s =
          q("SELECT id, time_value, time_end, place_key, lemma, first_date, last_date FROM events "
            "WHERE signature = ? ORDER BY id");
      s.bind(1, e.signature);
      while (s.step()) cands.push_back({s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)});
    }
    // The same word first: one CAMEO code covers "back" and "deal with" alike.
    std::stable_partition(cands.begin(), cands.end(), [&](const Candidate& c) { return c.lemma == e.lemma; });
    std::optional<std::int64_t> match;
    // Only compared with candidates, which most reports (new events) have none of.
    const TimeRange report = cands.empty() ? TimeRange() : event_range(e.time_value, e.time_end, d.day);
    for (const auto& c : cands) {
      // Two reports in one article are two events: an article does not tell the same
      // event twice under one signature ("backed Assad in 2015 ... dealt with Erdogan").
      if (touched.count(c.id) || created.count(c.id)) continue;
      if (times_compatible(report, event_range(c.time_value, c.time_end, c.first_date)) &&
          places_compatible(e.place, c.place)) {
        match = c.id;
        if (more_specific_time(e.time_value, c.time_value)) {
          q("UPDATE events SET time_value=?, time_end=?, time_lo=?, time_hi=? WHERE id=?")
              .bind(1, e.time_value)
              .bind(2, e.time_end)
              .bind(3, tr.lo)
              .bind(4, tr.hi)
              .bind(5, c.id)
              .run();
        }
        if (c.place.empty() && !e.place.empty())
          q("UPDATE events SET place_key=? WHERE id=?").bind(1, e.place).bind(2, c.id).run();
        break;
      }
    }
    if (!match) {
      // The key's unique index tells whether it is taken: inserting and looking at the
      // change count saves a lookup per new event. Only the key can conflict.
      const std::string base_key = event_key(e.signature, e.time_value, e.place);
      for (int i = 1;; ++i) {  // base_key, then base_key#2, #3, ...
        q("INSERT OR IGNORE INTO events(key, signature, name, type, lemma, cameo, quad_class, goldstein, "
          "time_value, time_end, time_lo, time_hi, negated, modality, place_key, sources, first_date, "
          "last_date) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?16,?16)")
            .bind(1, i == 1 ? base_key : base_key + "#" + std::to_string(i))
            .bind(2, e.signature)
            .bind(3, e.name)
            .bind(4, e.type)
            .bind(5, e.lemma)
            .bind(6, e.cameo)
            .bind(7, e.quad_class)
            .bind(8, e.goldstein)
            .bind(9, e.time_value)
            .bind(10, e.time_end)
            .bind(11, tr.lo)
            .bind(12, tr.hi)
            .bind(13, e.negated ? 1 : 0)
            .bind(14, e.modality)
            .bind(15, e.place)
            .bind(16, d.day)
            .run();
        if (sqlite3_changes(db) > 0) break;
        if (i > 100000) fail("cannot insert an event");  // not a key conflict: a bug, never a hang
      }
      match = sqlite3_last_insert_rowid(db);
      created.insert(*match);
      remember_signature(e.signature);
    }
    if (version < 6) {
      q("INSERT OR IGNORE INTO provenance(event, document, start, end, sentence, sentence_text) "
        "VALUES(?,?,?,?,?,?)")
          .bind(1, *match)
          .bind(2, doc)
          .bind(3, static_cast<std::int64_t>(e.provenance.start))
          .bind(4, static_cast<std::int64_t>(e.provenance.end))
          .bind(5, static_cast<std::int64_t>(e.provenance.sentence))
          .bind(6, e.provenance.sentence_text)
          .run();
    } else {
      provenance_rows.emplace_back(*match, &e.provenance);
      // The sentence's text once per article, however many events it reports.
      if (written_sentences.insert(e.provenance.sentence).second) sentence_rows.push_back(&e.provenance);
    }
    for (const auto& [role, key] : e.args) {
      auto it = ids.find(key);
      if (it != ids.end()) role_rows.emplace(*match, role, it->second);
    }
    if (!created.count(*match)) touched.insert(*match);
  }
  // Nothing above reads the rows written here, so each table's rows go in one statement
  // per kRowsPerInsert rows, in the order they were found.
  insert_rows("INSERT OR IGNORE INTO provenance(event, document, start, end, sentence)", "(?,?,?,?,?)", "",
              provenance_rows.size(), [&](Stmt& s, int p, std::size_t i) {
                const Provenance& pr = *provenance_rows[i].second;
                s.bind(p, provenance_rows[i].first)
                    .bind(p + 1, doc)
                    .bind(p + 2, static_cast<std::int64_t>(pr.start))
                    .bind(p + 3, static_cast<std::int64_t>(pr.end))
                    .bind(p + 4, static_cast<std::int64_t>(pr.sentence));
              });
  insert_rows("INSERT OR IGNORE INTO sentences(document, sentence, text)", "(?,?,?)", "",
              sentence_rows.size(), [&](Stmt& s, int p, std::size_t i) {
                s.bind(p, doc)
                    .bind(p + 1, static_cast<std::int64_t>(sentence_rows[i]->sentence))
                    .bind(p + 2, sentence_rows[i]->sentence_text);
              });
  const std::vector<std::tuple<std::int64_t, std::string, std::int64_t>> arg_rows(role_rows.begin(),
                                                                                  role_rows.end());
  insert_rows("INSERT INTO event_args(event, role, entity, sources)", "(?,?,?,1)",
              " ON CONFLICT(event, role, entity) DO UPDATE SET sources = sources + 1", arg_rows.size(),
              [&](Stmt& s, int p, std::size_t i) {
                const auto& [ev, role, ent] = arg_rows[i];
                s.bind(p, ev).bind(p + 1, role).bind(p + 2, ent);
              });
  for (auto ev : touched) {
    // Every article is a new document, so each event it reports gains one source.
    q("UPDATE events SET sources = sources + 1, "
      "first_date = CASE WHEN ?2 <> '' AND (first_date = '' OR ?2 < first_date) THEN ?2 ELSE first_date END, "
      "last_date = CASE WHEN ?2 > last_date THEN ?2 ELSE last_date END WHERE id = ?1")
        .bind(1, ev)
        .bind(2, d.day)
        .run();
  }
  return true;
}

Store::Counts Store::counts() const {
  Impl& m = *impl_;
  auto count = [&](const std::string& sql) {
    auto s = m.q(sql);
    s.step();
    return static_cast<std::size_t>(s.i64(0));
  };
  Counts c;
  c.documents = count("SELECT count(*) FROM documents");
  c.actors = count("SELECT count(*) FROM entities WHERE kind = " +
                   std::to_string(static_cast<int>(NodeKind::Actor)));
  c.places = count("SELECT count(*) FROM entities WHERE kind = " +
                   std::to_string(static_cast<int>(NodeKind::Place)));
  c.events = count("SELECT count(*) FROM events");
  c.provenance = count("SELECT count(*) FROM provenance");
  c.arguments = count("SELECT count(*) FROM event_args");
  return c;
}

namespace {

// The lines a check pragma answers, one per finding ("ok" when there is none).
std::string check_lines(Store::Impl& m, const std::string& pragma) {
  auto s = m.q(pragma);
  std::string out;
  while (s.step()) {
    if (!out.empty()) out.push_back('\n');
    out += s.text(0);
  }
  return out;
}

}  // namespace

std::string Store::integrity_check() const { return check_lines(*impl_, "PRAGMA integrity_check"); }
std::string Store::quick_check() const { return check_lines(*impl_, "PRAGMA quick_check"); }

namespace {

// The entities whose name or alias contains the words of `query` (or whose key it
// is) into temp.`table`; with `places_only`, places only.
void match_entities(Store::Impl& m, const std::string& table, const std::string& query, bool places_only) {
  const std::string norm = normalise_name(query);
  const std::vector<std::string> words = name_words(norm);
  const std::string kind =
      places_only ? " AND e.kind = " + std::to_string(static_cast<int>(NodeKind::Place)) : std::string();
  // Entities with the first word in a name, then the whole phrase checked on their names.
  if (!words.empty())
    m.q("INSERT OR IGNORE INTO temp." + table +
        " SELECT DISTINCT n.entity FROM entity_words w CROSS JOIN entity_names n ON n.entity = w.entity "
        "JOIN entities e ON e.id = n.entity WHERE w.word = ?1 AND n.text LIKE ?2 ESCAPE '\\'" +
        kind)
        .bind(1, words.front())
        .bind(2, like_pattern(norm))
        .run();
  m.q("INSERT OR IGNORE INTO temp." + table + " SELECT e.id FROM entities e WHERE e.key = ?" + kind)
      .bind(1, query)
      .run();
}

// The events that match the filter into temp.sel_events (the first `limit` of them in
// the queries' order), and the places that match `place` with every place inside them
// into temp.m_place. Returns whether the filter selects the whole store.
bool select_events(Store::Impl& m, const GraphFilter& f) {
  for (const char* t : {"sel_events", "sel_entities", "sel_docs", "m_actor", "m_target", "m_place", "m_any"})
    m.exec(std::string("DELETE FROM temp.") + t);

  // Each participant filter: the entities it matches go into a temp table, and an event
  // must have one of them in one of the roles (the same roles as graph/query.cc).
  struct Participant {
    const std::string& query;
    const char* table;
    bool places;       // only places match, and the places inside them (part-of) count too
    const char* role;  // condition on a.role, or nullptr for any role
  };
  const Participant participants[] = {
      {f.actor, "m_actor", false, "a.role = 'agent'"},
      {f.target, "m_target", false, "a.role NOT IN ('agent', 'location', 'source')"},
      {f.place, "m_place", true, nullptr},
      {f.involving, "m_any", false, nullptr},
  };
  std::string where, with_participants;  // with_participants: the events of every participant filter
  for (const Participant& p : participants) {
    if (p.query.empty()) continue;
    const std::string table = std::string("temp.") + p.table;
    match_entities(m, p.table, p.query, p.places);
    if (p.places)
      m.exec("INSERT OR IGNORE INTO " + table + " WITH RECURSIVE inside(id) AS (SELECT id FROM " + table +
             " UNION SELECT p.place FROM part_of p JOIN inside ON p.container = inside.id) SELECT id FROM "
             "inside");
    const std::string events = "SELECT a.event FROM " + table +
                               " x CROSS JOIN event_args a ON a.entity = x.id" +
                               (p.role ? std::string(" WHERE ") + p.role : std::string());
    where += " AND id IN (" + events + ")";
    with_participants += (with_participants.empty() ? "" : " INTERSECT ") + events;
  }
  const std::size_t participants_end = where.size();
  const TimeRange from = time_range(f.from), to = time_range(f.to);
  if (!f.from.empty() || !f.to.empty()) where += " AND time_lo <> ''";
  if (from.known()) where += " AND time_hi >= ?1";
  if (to.known()) where += " AND time_lo <= ?2";
  std::string type;
  for (char c : f.type) type.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  const bool digits =
      !type.empty() && std::all_of(type.begin(), type.end(), [](char c) { return c >= '0' && c <= '9'; });
  // A CAMEO prefix as a range of codes, so that the index serves it: "19" is [19, 1:).
  std::string cameo_end = type;
  if (digits) ++cameo_end.back();
  if (!type.empty()) {
    where += " AND (lower(type) = ?3 OR lower(lemma) = ?3";
    // The literal `cameo <> ''` lets the planner use the partial index events_cameo.
    if (digits) where += " OR (cameo >= ?3 AND cameo < ?6 AND cameo <> '')";
    where += ")";
  }
  // The literal term lets the planner use the partial index events_sources.
  if (f.min_sources > 1) where += " AND sources > 1";
  if (f.min_sources > 0) where += " AND sources >= ?4";
  if (f.negated >= 0) where += " AND negated = ?5";
  {
    // With a limit, the first events in the order the queries sort them (graph/query.cc
    // sort_by_time: known times first, then by range, then by id), which the stored
    // time_lo/time_hi and key reproduce. The filter above is exactly the queries', so
    // these are the very events the limited query answers with.
    // With --from/--to every time is known, and the time index gives the order.
    const bool dated = !f.from.empty() || !f.to.empty();
    const std::string order = f.limit == 0 ? ""
                              : dated      ? " ORDER BY time_lo, time_hi, key LIMIT ?7"
                                           : " ORDER BY time_lo = '', time_lo, time_hi, key LIMIT ?7";
    // Participants alone select their events from the arguments, without reading the events.
    const bool only_participants =
        !with_participants.empty() && where.size() == participants_end && f.limit == 0;
    auto s =
        m.q(only_participants ? "INSERT OR IGNORE INTO temp.sel_events " + with_participants
                              : "INSERT INTO temp.sel_events SELECT id FROM events WHERE 1" + where + order);
    if (from.known()) s.bind(1, from.lo);
    if (to.known()) s.bind(2, to.hi);
    if (!type.empty()) s.bind(3, type);
    if (f.min_sources > 0) s.bind(4, f.min_sources);
    if (f.negated >= 0) s.bind(5, f.negated);
    if (digits) s.bind(6, cameo_end);
    if (f.limit > 0) s.bind(7, static_cast<std::int64_t>(f.limit));
    s.run();
  }
  return f.actor.empty() && f.target.empty() && f.place.empty() && f.involving.empty() && f.from.empty() &&
         f.to.empty() && type.empty() && f.min_sources <= 0 && f.negated < 0 && f.limit == 0;
}

// The text columns of rows looked up by id ("SELECT ... WHERE id = ?"), each row read
// once: an answer's events share their documents and participants.
class RowsById {
 public:
  RowsById(Store::Impl& m, std::string sql, std::string missing)
      : m_(m), sql_(std::move(sql)), missing_(std::move(missing)) {}
  const std::vector<std::string>& operator()(std::int64_t id) {
    auto [row, added] = rows_.try_emplace(id);
    if (added) {
      auto s = m_.q(sql_);
      s.bind(1, id);
      if (!s.step()) m_.fail(missing_);
      for (int c = 0; c < s.columns(); ++c) row->second.push_back(s.text(c));
    }
    return row->second;
  }

 private:
  Store::Impl& m_;
  std::string sql_, missing_;
  std::unordered_map<std::int64_t, std::vector<std::string>> rows_;
};

// Calls add(event id, provenance) for every provenance row of the selected events.
template <typename F>
void read_provenance(Store::Impl& m, F&& add) {
  RowsById document(m, "SELECT doc_id, url FROM documents WHERE id = ?",
                    "a provenance row names no document");
  auto s =
      m.q("SELECT p.event, p.document, p.sentence, p.start, p.end, t.text FROM temp.sel_events x "
          "CROSS JOIN provenance p ON p.event = x.id "
          "LEFT JOIN sentences t ON t.document = p.document AND t.sentence = p.sentence");
  while (s.step()) {
    const auto& doc = document(s.i64(1));
    Provenance p;
    p.document_id = doc[0];
    p.source = doc[1];
    p.sentence = static_cast<std::uint32_t>(s.i64(2));
    p.start = static_cast<std::uint32_t>(s.i64(3));
    p.end = static_cast<std::uint32_t>(s.i64(4));
    p.sentence_text = s.text(5);
    add(s.i64(0), std::move(p));
  }
}

}  // namespace

KnowledgeGraph load_graph(const Store& store, const GraphFilter& f) {
  Store::Impl& m = store.impl();
  const bool everything = select_events(m, f);
  if (everything) {
    m.exec("INSERT INTO temp.sel_entities SELECT id FROM entities");
    m.exec("INSERT INTO temp.sel_docs SELECT id FROM documents");
  } else {
    m.exec(
        "INSERT OR IGNORE INTO temp.sel_entities SELECT a.entity FROM temp.sel_events x CROSS JOIN "
        "event_args a "
        "ON a.event = x.id");
    m.exec("INSERT OR IGNORE INTO temp.sel_entities SELECT id FROM temp.m_place");
    m.exec(
        "INSERT OR IGNORE INTO temp.sel_docs SELECT p.document FROM temp.sel_events x CROSS JOIN provenance "
        "p "
        "ON p.event = x.id");
  }

  KnowledgeGraph g;
  std::unordered_map<std::int64_t, std::uint32_t> doc_node, ent_node, ev_node;
  std::unordered_map<std::int64_t, std::string> doc_name;
  {
    auto s =
        m.q("SELECT d.id, key, doc_id, title, url, dct, day, content_hash FROM temp.sel_docs x "
            "CROSS JOIN documents d ON d.id = x.id ORDER BY x.id");
    while (s.step()) {
      Node n;
      n.kind = NodeKind::Document;
      n.id = s.text(1);
      n.name = s.text(2);
      n.title = s.text(3);
      n.url = s.text(4);
      n.dct = s.text(5);
      n.first_date = n.last_date = s.text(6);
      n.content_hash = s.text(7);
      n.sources = 1;
      doc_name[s.i64(0)] = n.name;
      doc_node[s.i64(0)] = g.add_node(std::move(n));
    }
  }
  {
    auto s =
        m.q("SELECT e.id, key, kind, name, type, kb_id, country, latitude, longitude, codes, first_date, "
            "last_date, "
            "sources FROM temp.sel_entities x CROSS JOIN entities e ON e.id = x.id ORDER BY x.id");
    while (s.step()) {
      Node n;
      n.kind = static_cast<NodeKind>(s.i64(2));
      n.id = s.text(1);
      n.name = s.text(3);
      n.type = s.text(4);
      n.kb_id = s.text(5);
      n.country = s.text(6);
      n.latitude = s.opt(7);
      n.longitude = s.opt(8);
      n.codes = split_lines(s.text(9));
      n.first_date = s.text(10);
      n.last_date = s.text(11);
      n.sources = static_cast<int>(s.i64(12));
      ent_node[s.i64(0)] = g.add_node(std::move(n));
    }
  }
  {
    auto s = m.q(
        "SELECT a.entity, a.alias FROM temp.sel_entities x CROSS JOIN entity_aliases a ON a.entity = x.id "
        "ORDER BY x.id, a.alias");
    while (s.step()) {
      Node& n = g.node(ent_node.at(s.i64(0)));
      std::string alias = s.text(1);
      if (alias != n.name) n.aliases.push_back(std::move(alias));
    }
  }
  {
    auto s = m.q(
        "SELECT e.id, key, name, type, lemma, cameo, quad_class, goldstein, time_value, time_end, negated, "
        "modality, sources, first_date, last_date FROM temp.sel_events x CROSS JOIN events e ON e.id = x.id "
        "ORDER BY x.id");
    while (s.step()) {
      Node n;
      n.kind = NodeKind::Event;
      n.id = s.text(1);
      n.name = s.text(2);
      n.type = s.text(3);
      n.lemma = s.text(4);
      n.cameo = s.text(5);
      n.quad_class = static_cast<int>(s.i64(6));
      n.goldstein = s.dbl(7);
      n.time_value = s.text(8);
      n.time_end = s.text(9);
      n.negated = s.i64(10) != 0;
      n.modality = s.text(11);
      n.sources = static_cast<int>(s.i64(12));
      n.first_date = s.text(13);
      n.last_date = s.text(14);
      ev_node[s.i64(0)] = g.add_node(std::move(n));
    }
  }
  read_provenance(m, [&](std::int64_t event, Provenance p) {
    g.node(ev_node.at(event)).provenance.push_back(std::move(p));
  });
  for (auto& [id, v] : ev_node) sort_provenance(g.node(v).provenance);
  auto edge = [&](EdgeKind kind, const char* role, std::uint32_t a, std::uint32_t b, int sources,
                  std::string date) {
    Edge e;
    e.kind = kind;
    e.role = role;
    e.source = a;
    e.target = b;
    e.sources = sources;
    e.date = std::move(date);
    g.add_edge(std::move(e));
  };
  {
    auto s =
        m.q("SELECT p.place, p.container, p.sources FROM temp.sel_entities x CROSS JOIN part_of p ON p.place "
            "= x.id "
            "WHERE EXISTS (SELECT 1 FROM temp.sel_entities y WHERE y.id = p.container) ORDER BY p.place, "
            "p.container");
    while (s.step())
      edge(EdgeKind::PartOf, "part_of", ent_node.at(s.i64(0)), ent_node.at(s.i64(1)),
           static_cast<int>(s.i64(2)), "");
  }
  {
    auto s =
        m.q("SELECT s.a, s.b FROM temp.sel_entities x CROSS JOIN same_as s ON s.a = x.id WHERE EXISTS "
            "(SELECT 1 FROM temp.sel_entities y WHERE y.id = s.b) ORDER BY s.a, s.b");
    while (s.step()) edge(EdgeKind::SameAs, "same_as", ent_node.at(s.i64(0)), ent_node.at(s.i64(1)), 1, "");
  }
  if (f.entity_mentions) {
    auto s =
        m.q("SELECT ed.entity, ed.document FROM temp.sel_docs x CROSS JOIN entity_documents ed ON "
            "ed.document = x.id "
            "WHERE EXISTS (SELECT 1 FROM temp.sel_entities y WHERE y.id = ed.entity) ORDER BY ed.entity, "
            "ed.document");
    while (s.step())
      edge(EdgeKind::MentionedIn, "mentioned_in", ent_node.at(s.i64(0)), doc_node.at(s.i64(1)), 1, "");
  }
  {
    auto s =
        m.q("SELECT a.event, a.role, a.entity, a.sources FROM temp.sel_events x CROSS JOIN event_args a ON "
            "a.event = x.id "
            "ORDER BY a.event, a.role, a.entity");
    while (s.step()) {
      std::uint32_t ev = ev_node.at(s.i64(0));
      std::string role = s.text(1);
      auto it = ent_node.find(s.i64(2));
      if (it == ent_node.end()) continue;
      Edge e;
      e.kind = edge_kind_for_role(role);
      e.role = role;
      e.source = ev;
      e.target = it->second;
      e.sources = static_cast<int>(s.i64(3));
      e.date = g.node(ev).time_value;
      g.add_edge(std::move(e));
    }
  }
  {
    auto s =
        m.q("SELECT DISTINCT p.event, p.document FROM temp.sel_events x CROSS JOIN provenance p ON p.event = "
            "x.id "
            "ORDER BY p.event, p.document");
    while (s.step()) {
      auto d = doc_node.find(s.i64(1));
      if (d == doc_node.end()) continue;
      std::uint32_t ev = ev_node.at(s.i64(0));
      edge(EdgeKind::MentionedIn, "mentioned_in", ev, d->second, 1, g.node(ev).time_value);
    }
  }
  return g;
}

StoreParticipation load_participation(const Store& store) {
  Store::Impl& m = store.impl();
  // One read transaction: a snapshot even while another process ingests.
  m.exec("BEGIN");
  struct End {
    Store::Impl& m;
    ~End() {
      try {
        m.exec("COMMIT");
      } catch (...) {
      }
    }
  } end{m};
  StoreParticipation out;
  {
    auto s = m.q("SELECT id, key FROM entities ORDER BY id");
    while (s.step()) {
      const auto id = static_cast<std::size_t>(s.i64(0));
      if (id >= out.entity_keys.size()) out.entity_keys.resize(id + 1);
      out.entity_keys[id] = s.text(1);
    }
  }
  out.event_base = static_cast<std::uint32_t>(out.entity_keys.size());
  std::vector<Participation::Triple> triples;
  std::vector<std::string> roles;
  std::uint32_t last_event = 0;
  {
    auto s = m.q("SELECT event, role, entity FROM event_args");
    while (s.step()) {
      const auto entity = static_cast<std::uint32_t>(s.i64(2));
      if (entity >= out.event_base) continue;  // an argument naming no entity row
      const auto event = out.event_base + static_cast<std::uint32_t>(s.i64(0));
      const auto* role = reinterpret_cast<const char*>(sqlite3_column_text(s.raw(), 1));
      std::uint32_t r = 0;
      while (r < roles.size() && roles[r] != role) ++r;  // a dozen roles at most
      if (r == roles.size()) roles.emplace_back(role);
      triples.push_back({event, entity, r});
      last_event = std::max(last_event, event);
    }
  }
  const std::size_t nodes = triples.empty() ? out.event_base : last_event + 1;
  out.links = Participation::from_triples(nodes, std::move(triples), std::move(roles));
  return out;
}

Node load_participant(const Store& store, const StoreParticipation& p, std::uint32_t v) {
  Store::Impl& m = store.impl();
  Node n;
  if (v < p.event_base) {
    auto s = m.q("SELECT key, kind, name, type FROM entities WHERE id = ?");
    s.bind(1, static_cast<std::int64_t>(v));
    if (!s.step()) throw StoreError(m.path + ": no entity " + std::to_string(v));
    n.id = s.text(0);
    n.kind = static_cast<NodeKind>(s.i64(1));
    n.name = s.text(2);
    n.type = s.text(3);
  } else {
    auto s = m.q("SELECT key, name, type, lemma FROM events WHERE id = ?");
    s.bind(1, static_cast<std::int64_t>(v - p.event_base));
    if (!s.step()) throw StoreError(m.path + ": no event " + std::to_string(v - p.event_base));
    n.kind = NodeKind::Event;
    n.id = s.text(0);
    n.name = s.text(1);
    n.type = s.text(2);
    n.lemma = s.text(3);
  }
  return n;
}

std::vector<EventRow> load_event_rows(const Store& store, const GraphFilter& f, bool with_provenance) {
  Store::Impl& m = store.impl();
  select_events(m, f);
  std::vector<EventRow> rows;
  std::unordered_map<std::int64_t, std::size_t> row_of;  // event id -> its row
  {
    // The order of graph/query.cc sort_by_time; time_lo/time_hi are the stored time_range().
    auto s = m.q(
        "SELECT e.id, key, name, type, lemma, cameo, time_value, time_end, negated, modality, sources FROM "
        "temp.sel_events x CROSS JOIN events e ON e.id = x.id ORDER BY time_lo = '', time_lo, time_hi, key");
    while (s.step()) {
      EventRow r;
      r.id = s.text(1);
      r.name = s.text(2);
      r.type = s.text(3);
      r.lemma = s.text(4);
      r.cameo = s.text(5);
      r.date = s.text(6);
      r.date_end = s.text(7);
      r.negated = s.i64(8) != 0;
      r.modality = s.text(9);
      r.sources = static_cast<int>(s.i64(10));
      r.action = event_action(r.lemma, r.type, r.negated, r.modality);
      row_of.emplace(s.i64(0), rows.size());
      rows.push_back(std::move(r));
    }
  }
  {
    RowsById entity(m, "SELECT name FROM entities WHERE id = ?", "an event argument names no entity");
    auto s = m.q(
        "SELECT a.event, a.role, a.entity FROM temp.sel_events x CROSS JOIN event_args a ON a.event = x.id");
    while (s.step()) {
      add_argument(rows[row_of.at(s.i64(0))], s.text(1), entity(s.i64(2))[0]);
    }
  }
  if (with_provenance)
    read_provenance(m, [&](std::int64_t event, Provenance p) {
      rows[row_of.at(event)].provenance.push_back(std::move(p));
    });
  for (EventRow& r : rows) {
    sort_arguments(r);
    sort_provenance(r.provenance);
  }
  return rows;
}

std::optional<std::string> resolve_participant(const Store& store, const std::string& query) {
  Store::Impl& m = store.impl();
  m.exec("DELETE FROM temp.m_any");
  match_entities(m, "m_any", query, false);
  const std::string norm = normalise_name(query);
  auto s =
      m.q("SELECT e.key, e.name, e.sources FROM temp.m_any x CROSS JOIN entities e ON e.id = x.id "
          "WHERE EXISTS (SELECT 1 FROM event_args a WHERE a.entity = e.id)");
  std::optional<std::tuple<bool, bool, std::int64_t>> best_rank;
  std::string best;
  while (s.step()) {
    std::string key = s.text(0);
    const auto rank = std::make_tuple(key == query, normalise_name(s.text(1)) == norm, s.i64(2));
    if (!best_rank || rank > *best_rank || (rank == *best_rank && key < best)) {
      best_rank = rank;
      best = std::move(key);
    }
  }
  if (!best_rank) return std::nullopt;
  return best;
}

std::vector<SharedEvent> load_shared_events(const Store& store, const std::string& key) {
  Store::Impl& m = store.impl();
  auto s = m.q(
      "SELECT a.event, CASE WHEN ev.lemma = '' THEN ev.type ELSE ev.lemma END, o.key, o.name, o.kind, o.type "
      "FROM entities w CROSS JOIN event_args a ON a.entity = w.id CROSS JOIN event_args b ON b.event = "
      "a.event "
      "CROSS JOIN events ev ON ev.id = a.event CROSS JOIN entities o ON o.id = b.entity "
      "WHERE w.key = ?1 AND b.entity <> w.id");
  s.bind(1, key);
  std::vector<SharedEvent> out;
  while (s.step())
    out.push_back({s.i64(0), s.text(1), s.text(2), s.text(3),
                   std::string(to_string(static_cast<NodeKind>(s.i64(4)))), s.text(5)});
  return out;
}

}  // namespace chronicle
