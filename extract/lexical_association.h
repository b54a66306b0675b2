// Lexical association of heads and dependents (selectional preference),
// counted on automatically parsed text (stop 21; Zhou et al. 2011, "Exploiting
// web-derived selectional preference to improve statistical dependency
// parsing"; van Noord 2007). The treebank has ~16,000 sentences, too few to
// say whether "raise" takes "prices" or "with" attaches to "cut" rather than
// to "rates"; a few million words parsed by the shipped parser say it often
// enough, errors and all, for the pairs it sees many times.
//
// The table maps a hashed (kind, head word, dependent word) to a small code:
// 1 + 4 x PMI bin + count bin (0: never seen, or too rarely). Words are
// lowercase forms hashed as the parser hashes them (features::hash_string), so
// the parser looks pairs up without a string in sight. Kinds:
//   kLeftArc / kRightArc  head -> dependent, the dependent left / right of it
//                         (the root as a head "<root>" with its word on the left)
//   kHeadCase             head -> the case marker of a nominal on its right
//                         ("cut" -> "with" of "cut rates with ...")
//   kHeadCaseDep          head -> (case marker, nominal) on its right
// Internal header of the parser (parser_impl.h, parser_trainer.cc).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "extract/conllu_corpus.h"
#include "extract/feature_hash.h"

namespace chronicle {

namespace association {
inline constexpr std::uint64_t kLeftArc = 1, kRightArc = 2, kHeadCase = 3, kHeadCaseDep = 4;
[[gnu::always_inline]] inline std::uint64_t key(std::uint64_t kind, std::uint64_t head, std::uint64_t dep) {
  return features::combine(0xa550c1a7e0 + kind, head, dep);
}
[[gnu::always_inline]] inline std::uint64_t key(std::uint64_t kind, std::uint64_t head, std::uint64_t mid,
                                                std::uint64_t dep) {
  return features::combine(0xa550c1a7e0 + kind, head, mid, dep);
}
// The word the root counts as when it heads a sentence (the parser's root word).
inline std::uint64_t root_word() { return features::hash_string("<root>"); }
}  // namespace association

struct AssociationOptions {
  int min_count = 3;  // pairs seen fewer times are left out (code 0)
};

// The table of `parsed` (CoNLL-U trees, e.g. Reuters parsed by the shipped
// models), sorted by key. Punctuation is not counted. The same trees give the
// same table.
std::vector<std::pair<std::uint64_t, std::uint16_t>> count_associations(
    const std::vector<CorpusSentence>& parsed, const AssociationOptions& options = {});

// The code of a pair seen `count` times whose pointwise mutual information is
// `pmi` (log2): PMI < 0, < 2, < 4, >= 4 times seen < 10, < 100, more.
std::uint16_t association_code(long count, double pmi);

}  // namespace chronicle
