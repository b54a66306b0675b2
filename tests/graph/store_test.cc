#include "graph/store.h"

#include <doctest/doctest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "graph/builder.h"
#include "graph/query.h"
#include "graph_fixtures.h"

using namespace chronicle;
using chronicle::testing::ArticleMaker;
using chronicle::testing::canonical;
using chronicle::testing::sample_articles;

namespace {

// A store file under the system temp dir, removed (with its WAL and shared
// memory files) before and after the test.
struct TempDb {
  std::string path;
  explicit TempDb(const std::string& name)
      : path((std::filesystem::temp_directory_path() /
              ("chronicle_test_" + std::to_string(::getpid()) + "_" + name))
                 .string()) {
    remove();
  }
  ~TempDb() { remove(); }
  TempDb(const TempDb&) = delete;
  TempDb& operator=(const TempDb&) = delete;
  void remove() const {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, ec);
  }
};

std::string rows_text(const std::vector<EventRow>& rows) { return to_json(rows); }

// A store written by an older schema's code path (migrated up to `version` only).
Store::Counts ingest_at_schema(const std::string& path, int version, const std::vector<Analysis>& arts) {
  StoreOptions old_schema;
  old_schema.schema_version = version;
  Store old(path, old_schema);
  old.ingest(arts);
  return old.counts();
}

// The one integer a query of the file answers, read with SQLite itself (not through a Store).
int count_of(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  const int n = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

}  // namespace

TEST_CASE("store: ingest is idempotent and incremental") {
  Store s(":memory:");
  CHECK(s.schema_version() == Store::kSchemaVersion);
  auto arts = sample_articles();
  auto r1 = s.ingest(std::vector<Analysis>{arts[0], arts[1]});
  CHECK(r1.added == 2);
  Store::Counts c1 = s.counts();
  auto r2 = s.ingest(std::vector<Analysis>{arts[0], arts[1]});
  CHECK(r2.added == 0);
  CHECK(r2.skipped == 2);
  CHECK(s.counts() == c1);
  s.ingest(std::vector<Analysis>{arts[2]});
  Store::Counts c3 = s.counts();
  CHECK(c3.documents == 3);
  CHECK(c3.events == c1.events + 2);  // a3's launch (2014) is new, so is the seizure
  CHECK(s.has_content(content_hash(arts[0].doc.text)));
}

TEST_CASE("store: the loaded graph equals the in-memory builder's") {
  Store s(":memory:");
  GraphBuilder b;
  for (const auto& a : sample_articles()) {
    s.ingest(std::vector<Analysis>{a});
    b.add(a);
  }
  CHECK(canonical(load_graph(s)) == canonical(b.graph()));
}

TEST_CASE("store: two writers on one file merge as one builder (the writer's caches stay right)") {
  TempDb path_file("two_writers.db");
  const std::string& path = path_file.path;
  auto arts = sample_articles();
  REQUIRE(arts.size() >= 3);
  GraphBuilder b;
  {
    Store first(path), second(path);
    for (std::size_t i = 0; i < arts.size(); ++i) {
      (i % 2 == 0 ? first : second).ingest(std::vector<Analysis>{arts[i]});
      b.add(arts[i]);
    }
    // The first writer has cached entities and names; the second one added more since.
    first.ingest(std::vector<Analysis>{arts[1]});  // known: skipped
    CHECK(canonical(load_graph(first)) == canonical(b.graph()));
  }
  Store s(path);
  CHECK(canonical(load_graph(s)) == canonical(b.graph()));
  CHECK(s.integrity_check() == "ok");
}

TEST_CASE("store: queries answer as the in-memory reference") {
  Store s(":memory:");
  GraphBuilder b;
  auto arts = sample_articles();
  s.ingest(arts);
  for (const auto& a : arts) b.add(a);
  const KnowledgeGraph& g = b.graph();
  std::vector<EventQuery> queries(12);
  queries[0].actor = "Putin";
  queries[1].place = "Syria";
  queries[2].place = "Palmyra";
  queries[3].actor = "putin";
  queries[3].from = "2015";
  queries[3].to = "2015";
  queries[4].type = "19";
  queries[5].min_sources = 2;
  queries[6].polarity = "negative";
  queries[7].target = "Erdogan";
  queries[8].target = "Smith";
  queries[9].type = "meet";
  queries[10].from = "2015-06";
  for (const auto& q : queries) {
    CAPTURE(q.actor);
    CAPTURE(q.place);
    CAPTURE(q.type);
    CHECK(rows_text(who_did_what(s, q)) == rows_text(who_did_what(g, q)));
  }
  auto putin = who_did_what(g, queries[0]);
  REQUIRE(putin.size() == 3);
  CHECK(putin[0].date == "2014");
  CHECK(putin[1].date == "2015-09");
  CHECK(putin[1].sources == 2);
  CHECK(putin[2].action == "deal");
  CHECK(putin[2].others == std::vector<std::string>{"with Recep Tayyip Erdogan"});
  auto syria = who_did_what(g, queries[1]);
  CHECK(syria.size() == 4);  // two launches, the surrender in Aleppo, the seizure of Palmyra (inside Syria)
  CHECK(who_did_what(g, queries[2]).size() == 1);
  CHECK(who_did_what(g, queries[3]).size() == 1);
  CHECK(who_did_what(g, queries[6]).size() == 1);
  EventQuery bad;
  bad.from = "yesterday";
  CHECK_THROWS_AS(who_did_what(g, bad), std::invalid_argument);

  TimelineQuery t;
  t.actor = "Putin";
  auto tl = timeline(s, t);
  CHECK(rows_text(tl) == rows_text(timeline(g, t)));
  REQUIRE(tl.size() == 3);
  CHECK(tl.back().date.empty());  // unknown times last
  CHECK(to_json(neighbours(s, "Putin")) == to_json(neighbours(g, "Putin")));
  CHECK(to_json(paths(s, "Erdogan", "Syria")) == to_json(paths(g, "Erdogan", "Syria")));
  CHECK(to_json(central(s, 5)) == to_json(central(g, 5)));
  auto nb = neighbours(g, "Putin");
  CHECK(nb.size() == 2);  // Syria, Erdogan
}

TEST_CASE("store: a limit loads only the first events, and they are the in-memory query's") {
  Store s(":memory:");
  GraphBuilder b;
  auto arts = sample_articles();
  s.ingest(arts);
  for (const auto& a : arts) b.add(a);
  const KnowledgeGraph& g = b.graph();
  std::vector<EventQuery> queries(4);
  queries[1].actor = "Putin";  // one of its events has no known time: it must come last
  queries[2].place = "Syria";
  queries[3].type = "19";
  for (EventQuery q : queries) {
    const std::size_t all = who_did_what(g, q).size();
    REQUIRE(all >= 1);
    for (std::size_t limit = 1; limit <= all + 1; ++limit) {
      q.limit = limit;
      CAPTURE(q.actor);
      CAPTURE(q.place);
      CAPTURE(limit);
      auto rows = who_did_what(s, q);
      CHECK(rows.size() == std::min(limit, all));
      CHECK(rows_text(rows) == rows_text(who_did_what(g, q)));
    }
  }
  TimelineQuery t;
  t.actor = "Putin";
  t.limit = 1;
  auto first = timeline(s, t);
  REQUIRE(first.size() == 1);
  CHECK(first[0].date == "2014");
  GraphFilter f;
  f.actor = "Putin";
  f.limit = 2;
  f.entity_mentions = false;
  std::size_t events = 0;
  KnowledgeGraph part = load_graph(s, f);
  for (std::uint32_t v = 0; v < part.node_count(); ++v) events += part.node(v).kind == NodeKind::Event;
  CHECK(events == 2);
}

TEST_CASE("store: migrations from schemas 1 and 5 keep the data and enable name search") {
  auto arts = sample_articles();
  GraphBuilder b;
  for (const auto& a : arts) b.add(a);
  for (int from : {1, 5}) {
    CAPTURE(from);
    TempDb path_file("migrate.db");
    const std::string& path = path_file.path;
    {
      StoreOptions old_schema;
      old_schema.schema_version = from;
      Store old(path, old_schema);
      CHECK(old.schema_version() == from);
      old.ingest(arts);
    }
    Store s(path);
    CHECK(s.schema_version() == Store::kSchemaVersion);
    EventQuery q;
    q.actor = "Putin";
    CHECK(rows_text(who_did_what(s, q)) == rows_text(who_did_what(b.graph(), q)));
    // Provenance keeps each sentence's text (schema 6 stores it once per sentence).
    CHECK(canonical(load_graph(s)) == canonical(b.graph()));
    const Store::Counts before = s.counts();
    s.ingest(arts);  // written by this schema's writer: nothing new
    CHECK(s.counts() == before);
  }
}

TEST_CASE("store: the migration to schema 7 drops events that involve no entity, and only those") {
  auto arts = sample_articles();
  TempDb path_file("migrate7.db");
  const std::string& path = path_file.path;
  const Store::Counts before = ingest_at_schema(path, 6, arts);
  {
    // An event as schema 6 stored it when it had no participant, cited by a sentence of its own.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    const char* bare = R"sql(
INSERT INTO events(key, signature, name, type, lemma, cameo, quad_class, goldstein, time_value,
  time_end, time_lo, time_hi, negated, modality, place_key, sources, first_date, last_date)
  VALUES('evbare', 'sbare', 'rise', 'OCCURRENCE', 'rise', '', -1, 0, '', '', '', '', 0, '', '', 1, '', '');
INSERT INTO provenance(event, document, start, end, sentence)
  VALUES((SELECT id FROM events WHERE key = 'evbare'), (SELECT min(id) FROM documents), 0, 4, 999);
INSERT INTO sentences(document, sentence, text) VALUES((SELECT min(id) FROM documents), 999, 'Prices rose.');
)sql";
    CHECK(sqlite3_exec(db, bare, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  {
    Store s(path);  // migrates
    CHECK(s.schema_version() == Store::kSchemaVersion);
    CHECK(s.counts() == before);
    CHECK(s.integrity_check() == "ok");
  }
  CHECK(count_of(path, "SELECT count(*) FROM sentences WHERE sentence = 999") == 0);
}

TEST_CASE("store: untimed reports merge only within a week of each other, as in the builder") {
  std::vector<Analysis> arts;
  for (auto [id, month, day] : {std::tuple{"a", 3u, 2u}, {"b", 3u, 6u}, {"c", 6u, 20u}}) {
    ArticleMaker m(id, {"The United States will supply oil to Japan, says report " + std::string(id) + "."},
                   1987, month, day);
    m.event("supply", "supply", "070",
            {{"agent", m.entity("United States", "GPE", "Q30")}, {"to", m.entity("Japan", "GPE", "Q17")}});
    arts.push_back(m.a);
  }
  Store s(":memory:");
  s.ingest(arts);
  GraphBuilder b;
  for (const auto& a : arts) b.add(a);
  CHECK(s.counts().events == 2);
  CHECK(canonical(load_graph(s)) == canonical(b.graph()));
}

TEST_CASE("store: the migration to schema 8 gives weeks and quarters their own days") {
  TempDb path_file("migrate8.db");
  const std::string& path = path_file.path;
  {
    StoreOptions seven;
    seven.schema_version = 7;
    Store old(path, seven);
    old.ingest(sample_articles());
  }
  {
    // Bounds as schema 7 computed them: a week was its whole year, a decade nothing.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    const char* old_rows = R"sql(
INSERT INTO events(key, signature, name, type, lemma, cameo, quad_class, goldstein, time_value,
  time_end, time_lo, time_hi, negated, modality, place_key, sources, first_date, last_date)
  VALUES('evweek', 'sweek', 'meet', 'OCCURRENCE', 'meet', '', -1, 0, '1987-W12', '', '1987-01-01',
         '1987-12-31', 0, '', '', 1, '1987-03-20', '1987-03-20'),
        ('evdecade', 'sdecade', 'rise', 'OCCURRENCE', 'rise', '', -1, 0, '199', '', '', '', 0, '', '', 1,
         '1999-01-01', '1999-01-01');
)sql";
    CHECK(sqlite3_exec(db, old_rows, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  { Store s(path); }  // migrates
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db,
                             "SELECT key, time_lo, time_hi FROM events WHERE key IN ('evweek', 'evdecade') "
                             "ORDER BY key",
                             -1, &st, nullptr) == SQLITE_OK);
  std::vector<std::string> rows;
  while (sqlite3_step(st) == SQLITE_ROW)
    rows.push_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) + " " +
                   reinterpret_cast<const char*>(sqlite3_column_text(st, 1)) + " " +
                   reinterpret_cast<const char*>(sqlite3_column_text(st, 2)));
  sqlite3_finalize(st);
  sqlite3_close(db);
  CHECK(rows == std::vector<std::string>{"evdecade 1990-01-01 1999-12-31", "evweek 1987-03-16 1987-03-22"});
}

// The sample articles stored at schema `from`, then the file opened by this build (migrated):
// `indices` (a count over sqlite_master) goes from `before` to `after`; the counts, the answers
// to `queries(graph)` and the whole graph stay the in-memory builder's, and a second ingest adds
// nothing. `check(path)` looks further at the migrated file.
template <typename Queries, typename Check>
void check_index_migration(int from, const char* indices, int before, int after, Queries&& queries,
                           Check&& check) {
  auto arts = sample_articles();
  GraphBuilder b;
  for (const auto& a : arts) b.add(a);
  TempDb path_file("migrate" + std::to_string(from + 1) + ".db");
  const std::string& path = path_file.path;
  const Store::Counts counts = ingest_at_schema(path, from, arts);
  CHECK(count_of(path, indices) == before);
  Store s(path);  // migrates
  CHECK(s.schema_version() == Store::kSchemaVersion);
  CHECK(count_of(path, indices) == after);
  CHECK(s.counts() == counts);
  CHECK(s.integrity_check() == "ok");
  check(path);
  for (const EventQuery& q : queries(b.graph())) {
    CAPTURE(q.actor);
    CAPTURE(q.place);
    CAPTURE(q.type);
    CAPTURE(q.from);
    CHECK(rows_text(who_did_what(s, q)) == rows_text(who_did_what(b.graph(), q)));
  }
  CHECK(canonical(load_graph(s)) == canonical(b.graph()));
  s.ingest(arts);  // the same articles again: nothing new
  CHECK(s.counts() == counts);
}

TEST_CASE("store: the migration to schema 9 drops the indices no query reads, and the answers stay") {
  check_index_migration(
      8,
      "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
      "('provenance_document', 'entity_names_text')",
      2, 0,
      [](const KnowledgeGraph&) {
        std::vector<EventQuery> queries(2);
        queries[0].actor = "Putin";
        queries[1].place = "Syria";
        return queries;
      },
      [](const std::string&) {});
}

TEST_CASE("store: the migration to schema 10 keeps only timed and coded events in their indices") {
  // The conditions the queries add let the planner read the partial indices (INDEXED BY fails
  // to prepare otherwise), and the indices hold every event with a time or a code.
  auto planner_reads_them = [](const std::string& path) {
    CHECK(count_of(path,
                   "SELECT count(*) FROM events INDEXED BY events_cameo WHERE cameo >= '19' AND cameo < '1:' "
                   "AND cameo <> ''") ==
          count_of(path, "SELECT count(*) FROM events NOT INDEXED WHERE cameo >= '19' AND cameo < '1:'"));
    CHECK(
        count_of(path,
                 "SELECT count(*) FROM events INDEXED BY events_time WHERE time_lo <> '' AND time_hi >= "
                 "'2015'") ==
        count_of(path, "SELECT count(*) FROM events NOT INDEXED WHERE time_lo <> '' AND time_hi >= '2015'"));
  };
  auto queries = [](const KnowledgeGraph& g) {
    auto query = [](std::string type, std::string from, std::string to, std::size_t limit) {
      EventQuery q;
      q.type = std::move(type);
      q.from = std::move(from);
      q.to = std::move(to);
      q.limit = limit;
      return q;
    };
    std::vector<EventQuery> out = {query("19", "", "", 0), query("", "2015", "", 0),
                                   query("19", "", "2016-06", 0), query("", "2014", "", 2)};
    // Every stored type and lemma as --type, in upper case too.
    for (std::uint32_t v = 0; v < g.node_count(); ++v) {
      const Node& n = g.node(v);
      if (n.kind != NodeKind::Event) continue;
      for (const std::string& t : {n.type, n.lemma}) {
        std::string upper = t;
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        out.emplace_back().type = t;
        out.emplace_back().type = upper;
      }
    }
    return out;
  };
  check_index_migration(9,
                        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('events_time', "
                        "'events_cameo') AND sql LIKE '%WHERE%<> ''''%'",
                        0, 2, queries, planner_reads_them);
}

TEST_CASE("store: a new event whose key is taken is numbered, whether the store or the article holds it") {
  // One meeting reported once, then twice in one article (the second report is another event,
  // whose key the store holds: #2), then three times (#3); and a new meeting told twice in one
  // article (#2 from the article's own first report).
  auto article = [](const std::string& id, unsigned day, int iran_reports, int chile_reports) {
    std::vector<std::string> sentences;
    for (int i = 0; i < iran_reports; ++i)
      sentences.push_back("Iran met Iraq, report " + std::to_string(i) + ".");
    for (int i = 0; i < chile_reports; ++i)
      sentences.push_back("Chile met Peru, report " + std::to_string(i) + ".");
    ArticleMaker m(id, sentences, 1987, 3, day);
    const int iran = m.entity("Iran", "GPE"), iraq = m.entity("Iraq", "GPE");
    const int chile = m.entity("Chile", "GPE"), peru = m.entity("Peru", "GPE");
    unsigned sentence = 0;
    for (int i = 0; i < iran_reports; ++i)
      m.event("met", "meet", "040", {{"agent", iran}, {"patient", iraq}}, -1, sentence++);
    for (int i = 0; i < chile_reports; ++i)
      m.event("met", "meet", "040", {{"agent", chile}, {"patient", peru}}, -1, sentence++);
    return m.a;
  };
  const std::vector<Analysis> arts = {article("k1", 2, 1, 0), article("k2", 3, 2, 0), article("k3", 4, 3, 2)};
  GraphBuilder b;
  for (const auto& a : arts) b.add(a);
  Store s(":memory:");
  for (const auto& a : arts) s.ingest(std::vector<Analysis>{a});
  const KnowledgeGraph g = load_graph(s);
  CHECK(canonical(g) == canonical(b.graph()));
  std::vector<std::string> numbered;
  for (std::uint32_t v = 0; v < g.node_count(); ++v) {
    const std::string& id = g.node(v).id;
    if (id.find('#') != std::string::npos) numbered.push_back(id.substr(id.find('#')));
  }
  std::sort(numbered.begin(), numbered.end());
  CHECK(numbered == std::vector<std::string>{"#2", "#2", "#3"});
  const Store::Counts c = s.counts();
  CHECK(s.ingest(arts).added == 0);
  CHECK(s.counts() == c);
}

TEST_CASE("store: \"this year\" reports months apart are two events, as in the builder") {
  std::vector<Analysis> arts;
  for (auto [id, month, day] : {std::tuple{"a", 3u, 2u}, {"b", 4u, 20u}, {"c", 10u, 20u}}) {
    ArticleMaker m(
        id, {"The United States bought grain from Canada this year, says report " + std::string(id) + "."},
        1987, month, day);
    m.event("bought", "buy", "061",
            {{"agent", m.entity("United States", "GPE", "Q30")}, {"from", m.entity("Canada", "GPE", "Q16")}},
            m.time("1987"));
    arts.push_back(m.a);
  }
  Store s(":memory:");
  s.ingest(arts);
  GraphBuilder b;
  for (const auto& a : arts) b.add(a);
  CHECK(s.counts().events == 2);
  CHECK(canonical(load_graph(s)) == canonical(b.graph()));
}

TEST_CASE("store: refuses other files and newer schemas with a clear error") {
  TempDb junk_file("junk.db");
  const std::string& junk = junk_file.path;
  {
    std::ofstream f(junk);
    f << "this is not a database, just some text long enough to be read as one........................";
  }
  CHECK_THROWS_AS(Store{junk}, StoreError);
  TempDb missing_file("missing.db");
  const std::string& missing = missing_file.path;
  StoreOptions existing;
  existing.create = false;
  CHECK_THROWS_AS((Store{missing, existing}), StoreError);
  CHECK_FALSE(std::filesystem::exists(missing));
}

TEST_CASE("queries: paths, centrality, output formats") {
  GraphBuilder b;
  for (const auto& a : sample_articles()) b.add(a);
  const KnowledgeGraph& g = b.graph();
  auto ps = paths(g, "Erdogan", "Syria");
  REQUIRE(!ps.empty());
  CHECK(ps[0].size() == 5);  // Erdogan - deal - Putin - launch - Syria
  CHECK(ps[0].front().name == "Recep Tayyip Erdogan");
  CHECK(ps[0][1].kind == "event");
  CHECK(ps[0][1].role == "with");
  CHECK(ps[0].back().name == "Syria");
  auto c = central(g, 3);
  REQUIRE(c.size() == 3);
  CHECK(c[0].name == "Vladimir Putin");
  CHECK(c[0].degree == 3);
  EventQuery q;
  q.actor = "Putin";
  std::string table = render(to_table(who_did_what(g, q)), "table");
  CHECK(table.rfind("DATE", 0) == 0);
  CHECK(table.find("Vladimir Putin") != std::string::npos);
  std::string tsv = render(to_table(who_did_what(g, q)), "tsv");
  CHECK(tsv.find("DATE\tACTOR\tACTION") == 0);
  CHECK(graph_to_json(g).find("\"nodes\"") != std::string::npos);
}

TEST_CASE("store and builder: two reports of one signature in one article stay two events") {
  // Same CAMEO code and agent, one time unknown: across articles they would merge.
  ArticleMaker x("x",
                 {"Minister Jones backed Envoy Smith in 2015.", "Later the minister dealt with the envoy."});
  int minister = x.entity("Minister Jones", "PERSON");
  int envoy = x.entity("Envoy Smith", "PERSON");
  x.event("backed", "back", "050", {{"agent", minister}, {"patient", envoy}}, x.time("2015"), 0);
  x.event("dealt", "deal", "050", {{"agent", minister}, {"patient", envoy}}, -1, 1);
  ArticleMaker y("y", {"Minister Jones dealt with Envoy Smith."});
  int minister2 = y.entity("Minister Jones", "PERSON");
  y.event("dealt", "deal", "050", {{"agent", minister2}, {"patient", y.entity("Envoy Smith", "PERSON")}}, -1,
          0);
  GraphBuilder b;
  b.add(x.a);
  Store s(":memory:");
  s.ingest(std::vector<Analysis>{x.a});
  auto events = [](const KnowledgeGraph& g) {
    int n = 0;
    for (std::uint32_t i = 0; i < g.node_count(); ++i) n += g.node(i).kind == NodeKind::Event;
    return n;
  };
  CHECK(events(b.graph()) == 2);
  CHECK(events(load_graph(s)) == 2);
  // Another article's report still merges, into the one of the same word.
  b.add(y.a);
  s.ingest(std::vector<Analysis>{y.a});
  CHECK(events(b.graph()) == 2);
  KnowledgeGraph g = load_graph(s);
  CHECK(canonical(g) == canonical(b.graph()));
  for (std::uint32_t i = 0; i < g.node_count(); ++i)
    if (g.node(i).kind == NodeKind::Event) CHECK(g.node(i).sources == (g.node(i).lemma == "deal" ? 2 : 1));
}

namespace {

// Forty articles over a few actors and places, with negation, modality, other roles,
// interval and unknown times, and places inside places, so that the store's rows meet
// every filter and every tie of the order.
std::vector<Analysis> varied_articles() {
  std::vector<Analysis> out = sample_articles();
  const char* people[] = {"Ana Ruiz", "Bo Chen", "Carl Diaz", "Dana Kim"};
  const char* places[] = {"Tokyo", "Osaka", "Lima", "Cusco"};
  const char* countries[] = {"Japan", "Japan", "Peru", "Peru"};
  const char* times[] = {"1987-03", "1987-03-02", "1986", "", "1987-W10", "1987-03-01"};
  for (int i = 0; i < 40; ++i) {
    const std::string who = people[i % 4], whom = people[(i + 1) % 4], where = places[i % 4];
    // Not "v" + std::to_string(i): GCC 12 warns of a false overlap (-Wrestrict) there.
    std::string id = "v";
    id += std::to_string(i);
    ArticleMaker m(id,
                   {who + " met " + whom + " in " + where + " on day " + std::to_string(i) + ".",
                    who + " did not attack " + whom + " with " + people[(i + 2) % 4] + ".",
                    "Sources in " + std::string(countries[i % 4]) + " said " + who + " may buy a plant."},
                   1987, 3, static_cast<unsigned>(1 + i % 5));
    int a = m.entity(who, "PERSON");
    int b = m.entity(whom, "PERSON");
    int c = m.entity(people[(i + 2) % 4], "PERSON");
    int country = m.entity(countries[i % 4], "GPE");
    int city = m.entity(where, "GPE", "", country);
    const std::string t = times[i % 6];
    int time = t.empty() ? -1 : m.time(t, i % 6 == 2 ? "1987" : "");
    m.event("met", "meet", "040", {{"agent", a}, {"patient", b}, {"location", city}}, time, 0);
    m.event("attack", "attack", "190", {{"agent", a}, {"patient", b}, {"with", c}}, i % 3 ? time : -1, 1,
            true);
    int buy = m.event("buy", "buy", "", {{"agent", a}, {"source", country}}, -1, 2);
    m.a.events[static_cast<std::size_t>(buy)].modality = "may";
    out.push_back(m.a);
  }
  return out;
}

}  // namespace

TEST_CASE("store: rows read straight from the tables equal the loaded graph's and the builder's") {
  Store s(":memory:");
  GraphBuilder b;
  const auto arts = varied_articles();
  for (std::size_t i = 0; i < arts.size(); i += 7)
    s.ingest(std::vector<Analysis>(arts.begin() + static_cast<std::ptrdiff_t>(i),
                                   arts.begin() + static_cast<std::ptrdiff_t>(std::min(i + 7, arts.size()))));
  for (const auto& a : arts) b.add(a);
  const KnowledgeGraph& g = b.graph();

  std::vector<EventQuery> queries;
  auto add = [&](auto set) {
    EventQuery q;
    set(q);
    queries.push_back(q);
  };
  add([](EventQuery&) {});
  add([](EventQuery& q) { q.actor = "Ana Ruiz"; });
  add([](EventQuery& q) { q.actor = "chen"; });
  add([](EventQuery& q) { q.target = "Dana"; });
  add([](EventQuery& q) { q.target = "Carl Diaz"; });  // as "with" too
  add([](EventQuery& q) { q.place = "Japan"; });       // Tokyo and Osaka are inside it
  add([](EventQuery& q) { q.place = "Peru"; });
  add([](EventQuery& q) { q.place = "Osaka"; });
  add([](EventQuery& q) { q.type = "19"; });
  add([](EventQuery& q) { q.type = "MEET"; });
  add([](EventQuery& q) { q.type = "buy"; });
  add([](EventQuery& q) { q.min_sources = 2; });
  add([](EventQuery& q) { q.min_sources = 3; });
  add([](EventQuery& q) { q.polarity = "negative"; });
  add([](EventQuery& q) { q.polarity = "positive"; });
  add([](EventQuery& q) { q.from = "1987-03-02"; });
  add([](EventQuery& q) { q.to = "1987-03-01"; });
  add([](EventQuery& q) {
    q.from = "1987-03-01";
    q.to = "1987-03-01";
  });
  add([](EventQuery& q) {
    q.actor = "Ana";
    q.target = "Bo Chen";
    q.place = "Japan";
  });
  add([](EventQuery& q) {
    q.place = "Japan";
    q.type = "meet";
    q.polarity = "positive";
    q.from = "1987";
  });
  add([](EventQuery& q) { q.actor = "nobody at all"; });
  const std::size_t unlimited = queries.size();
  for (std::size_t i = 0; i < unlimited; ++i)
    for (std::size_t limit : {1, 3, 10}) {
      EventQuery q = queries[i];
      q.limit = limit;
      queries.push_back(q);
    }

  std::size_t answered = 0;
  for (EventQuery q : queries) {
    CAPTURE(q.actor);
    CAPTURE(q.target);
    CAPTURE(q.place);
    CAPTURE(q.type);
    CAPTURE(q.from);
    CAPTURE(q.to);
    CAPTURE(q.min_sources);
    CAPTURE(q.polarity);
    CAPTURE(q.limit);
    const auto reference = who_did_what(g, q);
    answered += !reference.empty();
    CHECK(rows_text(who_did_what(s, q)) == rows_text(reference));
    // The path it replaces: the part of the graph loaded, then the in-memory query.
    const GraphFilter f = graph_filter(q);
    CHECK(rows_text(load_event_rows(s, f)) == rows_text(who_did_what(load_graph(s, f), q)));
    // Without provenance: the same rows, provenance left empty.
    q.provenance = false;
    auto bare = who_did_what(s, q);
    CHECK(rows_text(bare) == rows_text(who_did_what(g, q)));
    CHECK(std::all_of(bare.begin(), bare.end(), [](const EventRow& r) { return r.provenance.empty(); }));
    CHECK(render(to_table(bare), "tsv") == render(to_table(reference), "tsv"));
  }
  CHECK(answered + 4 >= queries.size());  // only the queries for nobody answer nothing

  for (const char* actor : {"", "Ana Ruiz", "Japan", "Lima"})
    for (const char* place : {"", "Japan", "Cusco"})
      for (std::size_t limit : {0, 2}) {
        TimelineQuery t;
        t.actor = actor;
        t.place = place;
        t.limit = limit;
        t.from = limit ? "1987-03" : "";
        CAPTURE(t.actor);
        CAPTURE(t.place);
        CAPTURE(t.limit);
        CHECK(rows_text(timeline(s, t)) == rows_text(timeline(g, t)));
      }
  // Connections and centrality from the store's participation links.
  const char* ends[] = {"Ana Ruiz", "Bo Chen", "Dana Kim", "Japan", "Lima", "Cusco", "Putin", "Syria"};
  std::size_t connected = 0;
  for (const char* from : ends)
    for (const char* to : ends) {
      CAPTURE(from);
      CAPTURE(to);
      for (std::size_t max : {1, 5}) {
        const auto reference = paths(g, from, to, max);
        connected += !reference.empty();
        CHECK(to_json(paths(s, from, to, max)) == to_json(reference));
      }
    }
  CHECK(connected > 40);
  CHECK_THROWS_AS(paths(s, "Ana Ruiz", "nobody at all"), std::invalid_argument);
  // Neighbours straight from the tables: the same entity resolved (a surname, a word
  // of several names, a place, a key) and the same rows.
  std::size_t with_neighbours = 0;
  for (const char* who : {"Ana Ruiz", "ruiz", "Chen", "Dana", "Japan", "Lima", "Cusco", "Putin", "Syria"}) {
    CAPTURE(who);
    const auto reference = neighbours(g, who);
    with_neighbours += !reference.empty();
    CHECK(to_json(neighbours(s, who)) == to_json(reference));
    const auto v = resolve_entity(g, who);
    REQUIRE(v.has_value());
    CHECK(to_json(neighbours(s, g.node(*v).id)) == to_json(reference));
  }
  CHECK(with_neighbours >= 7);
  CHECK_THROWS_AS(neighbours(s, "nobody at all"), std::invalid_argument);
  for (std::size_t max_entities : {3, 8, 3000}) {
    CAPTURE(max_entities);
    CHECK(to_json(central(s, 20, max_entities)) == to_json(central(g, 20, max_entities)));
  }
  EventQuery bad;
  bad.polarity = "sideways";
  CHECK_THROWS_AS(who_did_what(s, bad), std::invalid_argument);
  bad.polarity = "any";
  bad.to = "someday";
  CHECK_THROWS_AS(who_did_what(s, bad), std::invalid_argument);
}

TEST_CASE("store: a writer merges into events another writer stored since its last batch") {
  // The first writer's filter of stored signatures is read before the second writer adds
  // events; reports of those events must still find them (and merge, as one builder does).
  TempDb path_file("signatures.db");
  const std::string& path = path_file.path;
  const auto arts = varied_articles();
  GraphBuilder b;
  {
    Store first(path), second(path);
    first.ingest(std::vector<Analysis>{arts[0]});
    b.add(arts[0]);
    for (std::size_t i = 1; i < arts.size(); ++i) {
      (i % 5 == 0 ? first : second).ingest(std::vector<Analysis>{arts[i]});
      b.add(arts[i]);
    }
    CHECK(canonical(load_graph(first)) == canonical(b.graph()));
  }
  Store s(path);
  CHECK(canonical(load_graph(s)) == canonical(b.graph()));
}

TEST_CASE("store: the graph does not depend on how many articles a transaction holds") {
  const auto arts = varied_articles();
  GraphBuilder b;
  for (const auto& a : arts) b.add(a);
  for (std::size_t per : {std::size_t{1}, std::size_t{3}, arts.size()}) {
    Store s(":memory:");
    for (std::size_t i = 0; i < arts.size(); i += per)
      s.ingest(
          std::vector<Analysis>(arts.begin() + static_cast<std::ptrdiff_t>(i),
                                arts.begin() + static_cast<std::ptrdiff_t>(std::min(i + per, arts.size()))));
    CHECK(canonical(load_graph(s)) == canonical(b.graph()));
    // Again: every article is known, nothing changes (the filter of signatures is warm).
    const Store::Counts before = s.counts();
    CHECK(s.ingest(arts).added == 0);
    CHECK(s.counts() == before);
  }
}

TEST_CASE("store: an article with more rows than one statement writes keeps them all, as the builder") {
  // 40 sentences, 80 people, 40 events of three arguments each, two of them in one sentence:
  // entity_documents, provenance, sentences and event_args each take more than one statement
  // of Store's multi-row inserts (32 rows each), the last one partly filled.
  auto long_article = [](const std::string& id, int events) {
    std::vector<std::string> sentences;
    for (int i = 0; i < events; ++i)
      sentences.push_back("Person" + std::to_string(2 * i) + " Alpha met Person" + std::to_string(2 * i + 1) +
                          " Beta and Person" + std::to_string(2 * i) + " Alpha thanked Person" +
                          std::to_string(2 * i + 1) + " Beta.");
    ArticleMaker m(id, sentences, 1987, 3, 2);
    const int place = m.entity("Lima", "GPE");
    for (int i = 0; i < events; ++i) {
      const int a = m.entity("Person" + std::to_string(2 * i) + " Alpha", "PERSON");
      const int b = m.entity("Person" + std::to_string(2 * i + 1) + " Beta", "PERSON");
      m.event("met", "meet", "040", {{"agent", a}, {"patient", b}, {"location", place}}, -1,
              static_cast<unsigned>(i));
      m.event("thanked", "thank", "051", {{"agent", a}, {"patient", b}}, -1, static_cast<unsigned>(i));
    }
    return m.a;
  };
  // The second article tells the first 20 meetings again: their arguments gain a source.
  const std::vector<Analysis> arts = {long_article("long1", 40), long_article("long2", 20)};
  GraphBuilder b;
  for (const auto& a : arts) b.add(a);
  Store s(":memory:");
  for (const auto& a : arts) s.ingest(std::vector<Analysis>{a});
  CHECK(canonical(load_graph(s)) == canonical(b.graph()));
  const Store::Counts c = s.counts();
  CHECK(c.documents == 2);
  CHECK(c.events == 80);
  CHECK(c.provenance == 120);
  CHECK(c.arguments == 200);
  CHECK(s.ingest(arts).added == 0);
  CHECK(s.counts() == c);
}

TEST_CASE("store: names and their words are the same whether the writer knew the names or not") {
  // One writer for all articles, and a new writer (empty caches: every known name is written
  // again, its words with it) for each article: the name tables must hold the same rows.
  const auto arts = varied_articles();
  TempDb one_file("names_one.db"), many_file("names_many.db");
  {
    Store s(one_file.path);
    s.ingest(arts);
  }
  for (const auto& a : arts) {
    Store s(many_file.path);
    s.ingest(std::vector<Analysis>{a});
  }
  for (const char* sql : {"SELECT count(*) FROM entity_aliases", "SELECT count(*) FROM entity_names",
                          "SELECT count(*) FROM entity_words",
                          "SELECT count(*) FROM entity_words w JOIN entity_names n ON n.entity = w.entity "
                          "AND instr(n.text, ' ' || w.word || ' ') > 0"}) {
    CAPTURE(sql);
    CHECK(count_of(one_file.path, sql) == count_of(many_file.path, sql));
    CHECK(count_of(one_file.path, sql) > 0);
  }
}
