#include "extract/lexical_association.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "extract/lemmatizer.h"

namespace chronicle {

std::uint16_t association_code(long count, double pmi) {
  const int pmi_bin = pmi < 0 ? 0 : pmi < 2 ? 1 : pmi < 4 ? 2 : 3;
  const int count_bin = count < 10 ? 0 : count < 100 ? 1 : 2;
  return static_cast<std::uint16_t>(1 + 4 * pmi_bin + count_bin);
}

namespace {

// Counts of one kind: the pairs and both margins, keyed by hashes.
struct KindCounts {
  std::unordered_map<std::uint64_t, long> pair;
  std::unordered_map<std::uint64_t, long> head, dep;
  std::unordered_map<std::uint64_t, std::pair<std::uint64_t, std::uint64_t>> parts;  // pair -> (head, dep)
  long total = 0;

  void add(std::uint64_t key, std::uint64_t h, std::uint64_t d) {
    ++pair[key];
    parts.emplace(key, std::make_pair(h, d));
    ++head[h];
    ++dep[d];
    ++total;
  }
};

}  // namespace

std::vector<std::pair<std::uint64_t, std::uint16_t>> count_associations(
    const std::vector<CorpusSentence>& parsed, const AssociationOptions& options) {
  using namespace association;
  KindCounts kinds[5];
  const std::uint64_t root = root_word();
  std::vector<std::uint64_t> word;
  std::vector<int> case_of;  // the leftmost case marker of each word, -1: none
  for (const CorpusSentence& s : parsed) {
    const int n = static_cast<int>(s.tokens.size());
    word.resize(n);
    case_of.assign(n, -1);
    for (int i = 0; i < n; ++i) word[i] = features::hash_string(ascii_lower(s.tokens[i].form));
    for (int i = n - 1; i >= 0; --i) {
      const CorpusToken& t = s.tokens[i];
      if (t.deprel == "case" && t.head > i && t.head < n) case_of[t.head] = i;
    }
    for (int d = 0; d < n; ++d) {
      const CorpusToken& t = s.tokens[d];
      if (t.upos == "PUNCT" || t.deprel == "punct" || t.head >= n) continue;
      if (t.head < 0) {
        kinds[kLeftArc].add(key(kLeftArc, root, word[d]), root, word[d]);
        continue;
      }
      const int h = t.head;
      const std::uint64_t kind = d < h ? kLeftArc : kRightArc;
      kinds[kind].add(key(kind, word[h], word[d]), word[h], word[d]);
      if (d > h && case_of[d] >= 0) {
        const std::uint64_t c = word[case_of[d]];
        kinds[kHeadCase].add(key(kHeadCase, word[h], c), word[h], c);
        kinds[kHeadCaseDep].add(key(kHeadCaseDep, word[h], c, word[d]), word[h],
                                features::combine(0xca5e, c, word[d]));
      }
    }
  }
  std::vector<std::pair<std::uint64_t, std::uint16_t>> out;
  for (const KindCounts& k : kinds) {
    for (const auto& [key, count] : k.pair) {
      if (count < options.min_count) continue;
      const auto& [h, d] = k.parts.at(key);
      const double pmi = std::log2(static_cast<double>(count) * static_cast<double>(k.total) /
                                   (static_cast<double>(k.head.at(h)) * static_cast<double>(k.dep.at(d))));
      out.emplace_back(key, association_code(count, pmi));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace chronicle
