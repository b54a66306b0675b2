#include "graph/event_row.h"

#include <algorithm>

namespace chronicle {

std::string event_action(std::string_view lemma, std::string_view type, bool negated,
                         std::string_view modality) {
  std::string action;
  if (!modality.empty()) action.append(modality).push_back(' ');
  if (negated) action += "not ";
  action.append(lemma.empty() ? type : lemma);
  return action;
}

void add_argument(EventRow& row, const std::string& role, const std::string& name) {
  if (role == "agent")
    row.actors.push_back(name);
  else if (role == "patient")
    row.targets.push_back(name);
  else if (role == "location")
    row.places.push_back(name);
  else
    row.others.push_back(role + " " + name);
}

void sort_arguments(EventRow& row) {
  for (auto* v : {&row.actors, &row.targets, &row.places, &row.others}) std::sort(v->begin(), v->end());
}

}  // namespace chronicle
