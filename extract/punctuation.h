// Where a punctuation mark hangs in a dependency tree, by the rule of the
// Universal Dependencies guidelines (https://universaldependencies.org/u/dep/punct.html):
// a mark attaches to the head of the phrase or clause it belongs to, "at the
// highest possible node that preserves projectivity"; a pair of brackets or
// quotes attaches to the head of what it encloses; a mark has no dependents.
//
// The parser decides a mark's head like any other word's, from local features,
// and often picks a word inside the neighbouring phrase instead of its head
// (EWT dev: 82% of marks right against 86% of words). attach_punctuation() is
// run on its finished tree and is conservative: a mark keeps the parser's head
// when that head is one of the rule's candidates (a head of the phrase to its
// left or right), since only the parser can tell which side the mark belongs to.
#pragma once

#include <string_view>
#include <vector>

namespace chronicle {

// heads[i]: the index of word i's head, -1 for the root; forms[i] its text;
// punct[i] whether it is punctuation (UPOS PUNCT). The tree must be
// projective, as the parser's are. Changes only the heads of marks (and of
// words attached to a mark, which move to the mark's head) and returns the
// indices of the marks whose head changed. The root keeps its place.
std::vector<int> attach_punctuation(std::vector<int>& heads, const std::vector<std::string_view>& forms,
                                    const std::vector<bool>& punct);

}  // namespace chronicle
