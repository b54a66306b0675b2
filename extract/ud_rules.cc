#include "extract/ud_rules.h"

#include "core/literal.h"

namespace chronicle {

void apply_label_definitions(const std::vector<int>& heads, const std::vector<std::string_view>& upos,
                             std::vector<std::string>& deprels) {
  const int n = static_cast<int>(heads.size());
  if (upos.size() != heads.size() || deprels.size() != heads.size()) return;
  // What each head has among its dependents.
  std::vector<char> has_copula(n, 0), has_passive_aux(n, 0);
  for (int i = 0; i < n; ++i) {
    const int h = heads[i];
    if (h < 0 || h >= n) continue;
    if (equals_literal(deprels[i], "cop")) has_copula[h] = 1;
    if (equals_literal(deprels[i], "aux:pass")) has_passive_aux[h] = 1;
  }
  for (int i = 0; i < n; ++i) {
    const int h = heads[i];
    if (h < 0 || h >= n) continue;
    std::string& rel = deprels[i];
    if (equals_literal(rel, "nsubj") || equals_literal(rel, "nsubj:pass")) {
      rel = has_passive_aux[h] ? "nsubj:pass" : "nsubj";
    } else if (equals_literal(rel, "nmod") || equals_literal(rel, "obl")) {
      const std::string_view hp = upos[h];
      if (equals_literal(hp, "VERB") || equals_literal(hp, "ADJ") || equals_literal(hp, "ADV"))
        rel = "obl";
      else if ((equals_literal(hp, "NOUN") || equals_literal(hp, "PROPN") || equals_literal(hp, "PRON")) &&
               !has_copula[h])
        rel = "nmod";
    }
  }
}

void attach_case_to_nominal_head(std::vector<int>& heads, const std::vector<std::string>& deprels) {
  const int n = static_cast<int>(heads.size());
  if (deprels.size() != heads.size()) return;
  for (int i = 0; i < n; ++i) {
    if (!equals_literal(deprels[i], "case")) continue;
    // A compound modifies a head to its right; the marker climbs while it sits on one.
    for (int steps = 0; steps < n; ++steps) {
      const int h = heads[i];
      if (h < 0 || h >= n || !equals_literal(deprels[h], "compound") || heads[h] <= h || heads[h] >= n) break;
      heads[i] = heads[h];
    }
  }
}

}  // namespace chronicle
