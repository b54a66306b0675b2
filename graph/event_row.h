// One event as an answer row: who did what to whom, when, where, and who says so.
// Built by the queries (graph/query.h) from an in-memory graph, and by the store
// (graph/store.h load_event_rows) straight from its rows; both give equal rows.
// A plain value type.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"

namespace chronicle {

struct EventRow {
  std::string id, name, date, date_end;  // date: TIMEX3 value, empty when unknown
  std::string action;                    // lemma (or type), with "not" when negated
  std::string lemma, type, cameo, modality;
  bool negated = false;
  int sources = 0;
  std::vector<std::string> actors, targets, places;  // names, sorted
  std::vector<std::string> others;                   // "role name" for other roles, sorted
  std::vector<Provenance> provenance;                // in sort_provenance order
};

// The row's action: the modality, "not" when negated, then the lemma (or the type
// when there is no lemma): "may not attack".
std::string event_action(std::string_view lemma, std::string_view type, bool negated,
                         std::string_view modality);

// Files one argument under its role: agent -> actors, patient -> targets,
// location -> places, any other role -> others as "role name". Call
// sort_arguments once every argument is in.
void add_argument(EventRow& row, const std::string& role, const std::string& name);
void sort_arguments(EventRow& row);

}  // namespace chronicle
