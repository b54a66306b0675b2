// Tree revision, the parser's second stage (internal header of the parser,
// shared with its trainer).
//
// A greedy parser's wrong heads are mostly near the right ones: of the words
// it attaches wrongly, the right head is the head's own head (attached too
// low) or a sibling (too high) for about 60% (Attardi & Ciaramita 2007 revise
// trees the same way). Once the tree is finished, the reviser scores those
// candidates and the parser's head for each word of a relation that is often
// misattached, with what the whole tree says around them, and moves the word
// to the best. It is stacked: trained on parses of the training sentences by
// parsers that never saw them (`chronicle train reviser`), so it learns the
// parser's real errors; a model without it (format 3, 4) keeps the parser's tree.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "extract/parser_impl.h"

namespace chronicle::parser_detail {

// The children of every word of a tree, in sentence order.
struct TreeKids {
  std::vector<int> start;  // the children of w are kid[start[w] .. start[w + 1])
  std::vector<int> kid;

  // `head[i]` in [0, n]; n is the root.
  void build(const std::vector<int>& head, int n) {
    start.assign(n + 2, 0);
    for (int i = 0; i < n; ++i) ++start[head[i] + 1];
    for (int w = 0; w <= n; ++w) start[w + 1] += start[w];
    kid.assign(n, 0);
    std::vector<int> next(start.begin(), start.end() - 1);
    for (int i = 0; i < n; ++i) kid[next[head[i]]++] = i;
  }
  std::span<const int> of(int w) const {
    return {kid.data() + start[w], static_cast<std::size_t>(start[w + 1] - start[w])};
  }
};

// What a tag id is to the reviser, bits of Parser::Impl::tag_class:
// closed-class words (ADP, AUX, CCONJ, DET, PART, PRON, SCONJ) are read by
// their form; marks (PUNCT) are never candidates; nominals (NOUN, PROPN,
// PRON, NUM) are the only heads of an appos, acl or acl:relcl.
inline constexpr std::uint8_t kFunctionWord = 1, kMark = 2, kNominal = 4;

// The kinds of candidate.
inline constexpr std::uint64_t kKeep = 1, kGrandparent = 2, kSibling = 3;

// The candidates for the head of d (head[d] < n): its head, then the head's
// head (unless the root), then its siblings that are not marks; `kind` says
// which. A word whose relation only a nominal may govern (`nominal_only`)
// gets only nominal candidates besides its head.
inline void revision_candidates(const Words& w, const std::vector<std::uint8_t>& tag_class, int n,
                                const std::vector<int>& head, const TreeKids& kids, int d, bool nominal_only,
                                std::vector<int>& cand, std::vector<std::uint64_t>& kind) {
  cand.clear();
  kind.clear();
  auto is = [&](int i, std::uint8_t bit) {
    return w.tag[i] < tag_class.size() && (tag_class[w.tag[i]] & bit);
  };
  const int h = head[d];
  cand.push_back(h);
  kind.push_back(kKeep);
  if (head[h] != n && (!nominal_only || is(head[h], kNominal))) {
    cand.push_back(head[h]);
    kind.push_back(kGrandparent);
  }
  for (int s : kids.of(h))
    if (s != d && !is(s, kMark) && (!nominal_only || is(s, kNominal))) {
      cand.push_back(s);
      kind.push_back(kSibling);
    }
}

// How many features extract_revision() appends, and the number of its first template.
inline constexpr std::size_t kRevisionFeatures = 17;
inline constexpr std::uint64_t kFirstRevisionTemplate = 401;

// Every reviser feature's hash begins with its template and the candidate's
// kind: made once per (template, kind) instead of in every feature of every
// candidate (a third of the reviser's hashing). Null for a kind not listed.
inline const std::uint64_t* revision_leads(std::uint64_t kind) {
  using Leads = std::array<std::array<std::uint64_t, kRevisionFeatures>, kSibling + 1>;
  static const Leads leads = [] {
    Leads t{};
    for (std::uint64_t k = kKeep; k <= kSibling; ++k)
      for (std::size_t i = 0; i < kRevisionFeatures; ++i)
        t[k][i] = features::combine(kFirstRevisionTemplate + i, k);
    return t;
  }();
  return kind >= kKeep && kind <= kSibling ? leads[kind].data() : nullptr;
}

// How many marks come before each word of a sentence (out[i]: of words
// 0..i-1; out[n] all): the marks between two words are a difference, not a
// count of the words between them for every candidate.
inline void count_marks_before(const Words& w, const std::vector<std::uint8_t>& tag_class, int n,
                               std::vector<int>& out) {
  out.assign(static_cast<std::size_t>(n) + 1, 0);
  for (int i = 0; i < n; ++i)
    out[i + 1] = out[i] + (w.tag[i] < tag_class.size() && (tag_class[w.tag[i]] & kMark) ? 1 : 0);
}

// Appends the features of attaching d to candidate c of kind `kind`, in a
// tree whose relations (label ids, -1 for none known) are `label`.
// `marks_before` (may be null): count_marks_before() of the sentence.
inline void extract_revision(const Words& w, const std::vector<std::uint8_t>& tag_class, int n,
                             const std::vector<int>& head, const std::vector<int>& label,
                             const TreeKids& kids, int d, int c, std::uint64_t kind,
                             std::vector<std::uint64_t>& out,
                             const std::vector<int>* marks_before = nullptr) {
  using features::combine;
  auto fkind = [&](int i) -> std::uint8_t { return w.tag[i] < tag_class.size() ? tag_class[w.tag[i]] : 0; };
  auto L = [&](int i) -> std::uint64_t {
    return i < 0 || i >= n ? 0 : static_cast<std::uint64_t>(label[i] + 1);
  };
  const int h = head[d];
  // The dependent's first case marker or subordinator, which says most of
  // where a phrase attaches ("of" to nouns, "to" + verb ...).
  std::uint64_t marker = 0;
  for (int k : kids.of(d))
    if (k < d && (fkind(k) & kFunctionWord)) {
      marker = w.word[k];
      break;
    }
  int marks = 0;
  if (marks_before) {
    if (std::max(c, d) > std::min(c, d) + 1)
      marks = (*marks_before)[std::max(c, d)] - (*marks_before)[std::min(c, d) + 1];
  } else {
    for (int i = std::min(c, d) + 1; i < std::max(c, d); ++i) marks += (fkind(i) & kMark) != 0;
  }
  const std::uint64_t dir = c < d ? 1 : 2, dist = dist_bucket(c - d);
  const std::uint64_t between = std::min(h, d) < c && c < std::max(h, d) ? 1 : 0;
  const std::uint64_t dw = w.word[d], dp = w.tag[d], cw = w.word[c], cp = w.tag[c], hp = w.tag[h];
  const std::uint64_t ld = L(d);
  // Written through a pointer into space made once (a push_back per feature
  // was a call each); check_feature_count() guards the count.
  const std::size_t first = out.size();
  out.resize(first + kRevisionFeatures);
  std::uint64_t* o = out.data() + first;
  const std::uint64_t* leads = revision_leads(kind);
  std::size_t t = 0;
  // combine(template, kind, parts...), finished from the lead.
  auto f = [&](auto... parts) __attribute__((always_inline)) {
    std::uint64_t x = leads ? leads[t] : combine(kFirstRevisionTemplate + t, kind);
    ++t;
    int index = 1;
    ((x = features::extend(x, static_cast<std::uint64_t>(parts), index++)), ...);
    *o++ = x;
  };
  f(0);
  f(dp);
  f(dp, cp, dir);
  f(ld);
  f(ld, cp, hp);
  f(dw, cp);
  f(dp, cw);
  f(dw, cw);
  f(marker, cp);
  f(marker, cw);
  f(combine(marker, cp), hp);
  f(cp, hp, dp);
  f(std::min(marks, 2), ld);
  f(between, dp, dir);
  f(L(c), ld);
  f(dist, dp, dir);
  f(ld, L(h), cp);
  check_feature_count(o, out, first + kRevisionFeatures);
}

}  // namespace chronicle::parser_detail
