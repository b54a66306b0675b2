// Tests of the parser's second stage, the tree reviser (extract/tree_revision.h):
// its candidates, and that any reviser leaves a sentence a single-rooted tree.
// Its training is tested with the parser's (tests/extract/syntax_test.cc).
#include "extract/tree_revision.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "extract/parser_impl.h"
#include "extract/perceptron.h"

using namespace chronicle;
using namespace chronicle::parser_detail;

namespace {

// A model with three tags and four labels, no transition tables: enough for the reviser.
Parser::Impl reviser_model() {
  Parser::Impl m;
  m.tags = {"NOUN NN", "PUNCT .", "VERB VB", "ADP IN"};
  m.labels = {"nmod", "obl", "punct", "root"};
  m.root_label = 3;
  m.index_tags();
  m.revised = 0b011;  // nmod, obl
  return m;
}

// Words whose tags are the model's tag ids (kFirstTag + index); "." is the mark.
Words words_of(const Parser::Impl& m, const std::vector<std::string>& tags) {
  Words w;
  const int n = static_cast<int>(tags.size());
  Parser::Impl::prepare_words(w, n);
  for (int i = 0; i < n; ++i) {
    const std::size_t sp = tags[i].find(' ');
    m.set_word(w, i, features::hash_string(std::to_string(1000 + i)),
               m.tag_id(tags[i].substr(0, sp), tags[i].substr(sp + 1)));
  }
  return w;
}

bool is_tree(const std::vector<int>& heads) {
  const int n = static_cast<int>(heads.size());
  int roots = 0;
  for (int i = 0; i < n; ++i) {
    if (heads[i] < 0) {
      ++roots;
      continue;
    }
    if (heads[i] >= n || heads[i] == i) return false;
    int x = i, steps = 0;
    while (x >= 0 && steps <= n) x = heads[x], ++steps;
    if (x >= 0) return false;
  }
  return roots == 1;
}

}  // namespace

TEST_CASE("a tree's children are listed per word, in sentence order") {
  // 0 <- 1 -> 2, 1 -> 4 -> 3; 1 is the root (n = 5).
  TreeKids kids;
  kids.build({1, 5, 1, 4, 1}, 5);
  auto list = [&](int w) { return std::vector<int>(kids.of(w).begin(), kids.of(w).end()); };
  CHECK(list(1) == std::vector<int>{0, 2, 4});
  CHECK(list(4) == std::vector<int>{3});
  CHECK(list(5) == std::vector<int>{1});
  CHECK(list(0).empty());
}

TEST_CASE("revision candidates: the head, the head's head unless the root, siblings but marks") {
  const Parser::Impl m = reviser_model();
  // saw(1) is the root; man(0) and dog(3) hang from it, "." (5) too; with(2) and park(4) from dog.
  const Words w = words_of(m, {"NOUN NN", "VERB VB", "ADP IN", "NOUN NN", "NOUN NN", "PUNCT ."});
  const std::vector<int> head{1, 6, 4, 1, 3, 1};
  TreeKids kids;
  kids.build(head, 6);
  std::vector<int> cand;
  std::vector<std::uint64_t> kind;
  revision_candidates(w, m.tag_class, 6, head, kids, 4, false, cand, kind);  // park: under dog
  CHECK(cand == std::vector<int>{3, 1});                                     // dog, saw; no sibling
  CHECK(kind == std::vector<std::uint64_t>{kKeep, kGrandparent});
  revision_candidates(w, m.tag_class, 6, head, kids, 3, false, cand, kind);  // dog: under the root word
  CHECK(cand == std::vector<int>{1, 0});  // saw, man; not the root, not "."
  CHECK(kind == std::vector<std::uint64_t>{kKeep, kSibling});
  // An appos, acl or acl:relcl hangs only from a nominal: park may not move up to the verb.
  revision_candidates(w, m.tag_class, 6, head, kids, 4, true, cand, kind);
  CHECK(cand == std::vector<int>{3});
  revision_candidates(w, m.tag_class, 6, head, kids, 3, true, cand, kind);
  CHECK(cand == std::vector<int>{1, 0});  // its own head stays a candidate; man is a noun
}

TEST_CASE("a reviser with any weights leaves every sentence a single-rooted tree with the same root") {
  Parser::Impl m = reviser_model();
  std::mt19937 rng(11);
  const std::vector<std::string> tagset{"NOUN NN", "VERB VB", "ADP IN", "PUNCT ."};
  // Random weights for the features random trees give: the reviser then moves words often.
  auto random_sentence = [&](int n, std::vector<std::string>& tags, std::vector<int>& heads,
                             std::vector<int>& labels) {
    tags.assign(n, "");
    heads.assign(n, -1);
    labels.assign(n, 3);  // root
    for (int i = 0; i < n; ++i) tags[i] = tagset[rng() % tagset.size()];
    // A random tree: words in a random order, each under one placed before it.
    std::vector<int> order(n);
    for (int i = 0; i < n; ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    for (int k = 1; k < n; ++k) {
      heads[order[k]] = order[rng() % k];
      labels[order[k]] = static_cast<int>(rng() % 2);  // nmod or obl: revised
    }
  };
  std::vector<WeightTable::Entry> entries;
  std::vector<std::string> tags;
  std::vector<int> heads, labels, cand;
  std::vector<std::uint64_t> kind, feats;
  for (int s = 0; s < 50; ++s) {
    const int n = 2 + static_cast<int>(rng() % 12);
    random_sentence(n, tags, heads, labels);
    REQUIRE(is_tree(heads));
    const Words w = words_of(m, tags);
    std::vector<int> head(n);
    for (int i = 0; i < n; ++i) head[i] = heads[i] < 0 ? n : heads[i];
    TreeKids kids;
    kids.build(head, n);
    std::vector<int> marks_before;
    count_marks_before(w, m.tag_class, n, marks_before);
    for (int d = 0; d < n; ++d) {
      if (head[d] == n) continue;
      revision_candidates(w, m.tag_class, n, head, kids, d, false, cand, kind);
      for (std::size_t c = 0; c < cand.size(); ++c) {
        feats.clear();
        extract_revision(w, m.tag_class, n, head, labels, kids, d, cand[c], kind[c], feats);
        // The marks between two words counted from the sentence's prefix sums: the same features.
        std::vector<std::uint64_t> from_counts;
        extract_revision(w, m.tag_class, n, head, labels, kids, d, cand[c], kind[c], from_counts,
                         &marks_before);
        CHECK(from_counts == feats);
        for (std::uint64_t f : feats)
          entries.push_back({f, {{0, static_cast<float>(static_cast<int>(rng() % 201) - 100)}}});
      }
    }
  }
  m.revision = WeightTable::from_entries(entries, 1);
  REQUIRE(m.has_reviser());
  int moved = 0;
  for (int s = 0; s < 2000; ++s) {
    const int n = 1 + static_cast<int>(rng() % 14);
    random_sentence(n, tags, heads, labels);
    const std::vector<int> before = heads;
    m.revise_tree(words_of(m, tags), n, heads, labels);
    CHECK(is_tree(heads));
    for (int i = 0; i < n; ++i) {
      CHECK((heads[i] < 0) == (before[i] < 0));  // the root stays the root
      moved += heads[i] != before[i];
    }
  }
  CHECK(moved > 100);  // the property was tested on trees that changed
}
