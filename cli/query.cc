// chronicle query who-did-what|timeline|neighbours|path|central (see ../shared/docs/contract.md).
#include "graph/query.h"

#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "graph/builder.h"
#include "graph/store.h"

namespace chronicle::cli {
namespace {

struct QueryCliOptions {
  std::string db = "chronicle.db";
  std::string format = "table";
  std::string output;
  EventQuery events;
  std::string actor, place, entity, from, to;
  std::size_t limit = 0, top = 20, paths = 5, central_entities = 3000;
  bool check = false, full_check = false;  // stats: SQLite quick_check / integrity_check
};

void check_date(const std::string& value, const char* what) {
  if (!value.empty() && !time_range(value).known())
    throw UsageError(std::string(what) + ": cannot read the date '" + value +
                     "' (try 2016-12-15, 2016-12 or 2016)");
}

Store open_store(const std::string& db) {
  StoreOptions so;
  so.create = false;
  return Store(db, so);
}

void write_out(const QueryCliOptions& o, const std::string& text) {
  if (o.output.empty()) {
    std::cout << text;
    return;
  }
  std::ofstream f(o.output, std::ios::binary | std::ios::trunc);
  f << text;
  if (!f) throw std::runtime_error(o.output + ": cannot write");
}

// Only the format asked for is rendered: for an answer of thousands of rows, the
// unused JSON cost as much as the table.
template <typename Rows>
void emit(const QueryCliOptions& o, const Rows& rows) {
  write_out(o, o.format == "json" ? to_json(rows) : render(to_table(rows), o.format));
}

void common(CLI::App* cmd, QueryCliOptions& o) {
  cmd->add_option("--db", o.db, "The store (SQLite file)");
  cmd->add_option("--format", o.format, "Output format")->check(CLI::IsMember({"table", "json", "tsv"}));
  cmd->add_option("-o,--output", o.output, "Write here instead of stdout");
}

// Entities that match nothing are an answer ("no such entity"), not a crash: exit 1 with one line.
template <typename F>
void guarded(F f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(e.what());
  }
}

}  // namespace

void add_query_command(CLI::App& app) {
  auto* query =
      app.add_subcommand("query", "Ask the store: who-did-what, timeline, neighbours, path, central, stats");
  query->require_subcommand(1);

  {
    auto o = std::make_shared<QueryCliOptions>();
    auto* cmd = query->add_subcommand("who-did-what", "Who did what to whom, when and where");
    common(cmd, *o);
    cmd->add_option("--actor", o->events.actor, "An agent (name or alias words, case-insensitive)");
    cmd->add_option("--target", o->events.target, "A patient or other participant");
    cmd->add_option("--place", o->events.place, "A place; places inside it count too");
    cmd->add_option("--from", o->events.from,
                    "Events overlapping from this date (2016, 2016-12, 2016-12-15)");
    cmd->add_option("--to", o->events.to, "Events overlapping up to this date");
    cmd->add_option("--type", o->events.type, "Event type or lemma, or CAMEO code prefix (19 = fight)");
    cmd->add_option("--min-sources", o->events.min_sources, "Only events reported by at least N documents");
    cmd->add_option("--polarity", o->events.polarity, "any, positive or negative")
        ->check(CLI::IsMember({"any", "positive", "negative"}));
    cmd->add_option("--limit", o->events.limit, "At most N rows (0: all)");
    cmd->callback([o] {
      check_date(o->events.from, "--from");
      check_date(o->events.to, "--to");
      Store store = open_store(o->db);
      o->events.provenance = o->format == "json";  // tables do not show it
      guarded([&] {
        auto rows = who_did_what(store, o->events);
        emit(*o, rows);
      });
    });
  }
  {
    auto o = std::make_shared<QueryCliOptions>();
    auto* cmd =
        query->add_subcommand("timeline", "Events of an actor or place in time order (unknown times last)");
    common(cmd, *o);
    cmd->add_option("--actor", o->actor, "An actor in any role");
    cmd->add_option("--place", o->place, "A place; places inside it count too");
    cmd->add_option("--from", o->from, "From this date");
    cmd->add_option("--to", o->to, "Up to this date");
    cmd->add_option("--limit", o->limit, "At most N rows (0: all)");
    cmd->callback([o] {
      check_date(o->from, "--from");
      check_date(o->to, "--to");
      Store store = open_store(o->db);
      TimelineQuery q;
      q.actor = o->actor;
      q.place = o->place;
      q.from = o->from;
      q.to = o->to;
      q.limit = o->limit;
      q.provenance = o->format == "json";
      guarded([&] {
        auto rows = timeline(store, q);
        emit(*o, rows);
      });
    });
  }
  {
    auto o = std::make_shared<QueryCliOptions>();
    auto* cmd = query->add_subcommand("neighbours", "Entities that share events with an entity");
    cmd->alias("neighbors");
    common(cmd, *o);
    cmd->add_option("entity", o->entity, "Name, alias words or id")->required();
    cmd->callback([o] {
      Store store = open_store(o->db);
      guarded([&] {
        auto rows = neighbours(store, o->entity);
        emit(*o, rows);
      });
    });
  }
  {
    auto o = std::make_shared<QueryCliOptions>();
    auto* cmd =
        query->add_subcommand("path", "How two entities are connected: shortest paths through events");
    common(cmd, *o);
    cmd->add_option("from", o->actor, "First entity")->required();
    cmd->add_option("to", o->place, "Second entity")->required();
    cmd->add_option("--max", o->paths, "At most N paths");
    cmd->callback([o] {
      Store store = open_store(o->db);
      guarded([&] {
        auto ps = paths(store, o->actor, o->place, o->paths);
        emit(*o, ps);
      });
    });
  }
  {
    auto o = std::make_shared<QueryCliOptions>();
    auto* cmd =
        query->add_subcommand("stats", "What the store holds, and (with --check) whether it is sound");
    common(cmd, *o);
    cmd->add_flag("--check", o->check,
                  "Also check the file (SQLite quick_check: about 1 s per 20,000 articles)");
    cmd->add_flag("--full-check", o->full_check,
                  "Also check the file and that every index agrees with its table (SQLite integrity_check: "
                  "several times slower)");
    cmd->callback([o] {
      Store store = open_store(o->db);
      Store::Counts c = store.counts();
      Table t{{"WHAT", "COUNT"},
              {{"schema", std::to_string(store.schema_version())},
               {"documents", std::to_string(c.documents)},
               {"actors", std::to_string(c.actors)},
               {"places", std::to_string(c.places)},
               {"events", std::to_string(c.events)},
               {"provenance", std::to_string(c.provenance)},
               {"arguments", std::to_string(c.arguments)}}};
      std::string json = "{";
      for (std::size_t i = 0; i < t.rows.size(); ++i)
        json += (i ? ", \"" : "\"") + t.rows[i][0] + "\": " + t.rows[i][1];
      std::string check = "ok";
      if (o->check || o->full_check) {
        check = o->full_check ? store.integrity_check() : store.quick_check();
        t.rows.push_back({"integrity", check});
        json += ", \"integrity\": \"" + std::string(check == "ok" ? "ok" : "damaged") + "\"";
      }
      json += "}\n";
      write_out(*o, o->format == "json" ? json : render(t, o->format));
      if (check != "ok") throw ExitStatus{1};
    });
  }
  {
    auto o = std::make_shared<QueryCliOptions>();
    auto* cmd = query->add_subcommand("central", "The most central entities (betweenness and degree)");
    common(cmd, *o);
    cmd->add_option("--top", o->top, "How many");
    cmd->add_option("--entities", o->central_entities,
                    "Betweenness over the shortest connections between the N entities of highest degree")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
    cmd->callback([o] {
      Store store = open_store(o->db);
      auto rows = central(store, o->top, o->central_entities);
      emit(*o, rows);
    });
  }
}

}  // namespace chronicle::cli
