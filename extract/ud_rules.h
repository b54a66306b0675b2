// Parts of the Universal Dependencies guidelines a greedy parser can break
// and a finished tree can be checked against (punctuation has its own file,
// extract/punctuation.h).
//
// Relations defined by the head rather than by the dependent. The parser's
// labeller names an arc when it is made, before the head's other dependents
// are known, and sometimes contradicts the definition:
//   - obl and nmod are the same oblique phrase: obl under a predicate (a verb,
//     adjective or adverb, or a nominal with a copula), nmod under a nominal;
//   - a subject is nsubj:pass exactly when its head has a passive auxiliary
//     (aux:pass): "was bombed", "got arrested".
// Only the plain relations change (obl:tmod, nmod:poss and the like keep
// their subtype). EWT dev: +15 words labelled right, GUM dev + test: +44.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chronicle {

// heads[i]: word i's head (-1: root); upos[i]: its UPOS; deprels[i]: its
// relation, rewritten in place where the definitions above say otherwise.
void apply_label_definitions(const std::vector<int>& heads, const std::vector<std::string_view>& upos,
                             std::vector<std::string>& deprels);

// A case marker belongs to the head of the nominal it marks, never to a
// compound modifier inside it: in "filed with the Securities Commission" with
// "with" hung from "Securities" (compound of "Commission"), the events would
// lose the preposition that makes the commission a party. Moves such a marker up the
// compound chain to the nominal's head. EWT dev: +3 words, GUM dev + test: +9.
void attach_case_to_nominal_head(std::vector<int>& heads, const std::vector<std::string>& deprels);

}  // namespace chronicle
