// Naming the arcs of a finished tree: the parser's second labeller
// (internal header of the parser, shared with its trainer).
//
// The transition parser names an arc when it makes it, and then the head has
// not all its dependents yet: a verb does not know of the second object that
// makes the first an iobj, of the clause after the comma that makes a sibling
// parataxis rather than conj. Once the tree is finished, a second classifier
// reads the whole of it around each arc: the head's other dependents on both
// sides, the dependent's own, the head's head, the punctuation between them.
// It is trained on gold trees (with jackknifed tags) by `chronicle train
// labeller` and stored in parser.model (format 5); a model without it keeps
// the transition parser's labels.
#pragma once

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

inline constexpr std::uint8_t kFunctionTag = 1, kPunctTag = 2;

// Appends the features of naming the arc head[d] -> d (head[d] < n) of a
// finished tree whose arcs the transition parser named `label` (ids, per word). `function_tag[t]` says what tag id t is: kFunctionTag for a
// closed class (ADP, AUX, CCONJ, DET, PART, PRON, SCONJ), kPunctTag for PUNCT,
// 0 for the rest. Closed-class words and marks are read by their form ("by",
// "was", "to", ","), the others by their tag.
inline void extract_tree_label(const Words& w, const std::vector<std::uint8_t>& function_tag, int n,
                               const std::vector<int>& head, const std::vector<int>& label,
                               const TreeKids& kids, int d, std::vector<std::uint64_t>& out) {
  using features::combine;
  static const std::uint64_t kNoWord = features::hash_string("<none>");
  auto W = [&](int i) -> std::uint64_t { return i < 0 || i > n ? kNoWord : w.word[i]; };
  auto P = [&](int i) -> std::uint64_t { return i < 0 || i > n ? kTagNone : w.tag[i]; };
  auto kind = [&](int i) -> std::uint8_t { return w.tag[i] < function_tag.size() ? function_tag[w.tag[i]] : 0; };
  auto F = [&](int i) -> std::uint64_t { return kind(i) ? combine(7, w.word[i]) : combine(8, w.tag[i]); };
  auto L = [&](int i) -> std::uint64_t { return i < 0 || i >= n ? 0 : static_cast<std::uint64_t>(label[i] + 1); };
  const int h = head[d];
  const int g = h == n ? n : head[h];
  const std::uint64_t dir = d < h ? 1 : 2, dist = dist_bucket(h - d);
  const std::uint64_t gdir = h == n ? 0 : g == n ? 3 : h < g ? 1 : 2;
  const std::uint64_t dw = W(d), dp = P(d), hw = W(h), hp = P(h), dc = w.cls[d], hc = w.cls[h];
  const std::uint64_t dhd = combine(3000, dp, hp, dir);
  int k = 200;
  auto f = [&](auto... parts) { out.push_back(combine(static_cast<std::uint64_t>(++k), parts...)); };
  // The first label, and what it says with the words around.
  const std::uint64_t ld = L(d);
  f(ld);
  f(ld, dhd);
  f(ld, dw);
  f(ld, hw, dir);
  f(ld, L(h), dp);
  f(dir);
  f(dw, dir);
  f(dp, dir);
  f(hw, dir);
  f(hp, dir);
  f(dhd);
  f(dw, hp, dir);
  f(dp, hw, dir);
  f(dw, hw, dir);
  f(dhd, dist);
  f(dc, hp, dir);
  f(dp, hc, dir);
  f(dc, hc, dir);
  f(dhd, P(g), gdir);
  f(dp, hw, P(g));
  f(dp, P(d - 1), P(d + 1));
  f(hp, P(h - 1), P(h + 1), dir);
  // Punctuation between the two words: a comma before a clause or a name
  // speaks for parataxis, appos, conj.
  int marks = 0;
  for (int i = std::min(d, h) + 1; i < std::max(d, h); ++i)
    if (kind(i) == kPunctTag) ++marks;
  // The dependent's own dependents: its case marker, auxiliaries, subject.
  std::uint64_t dsig = 0;
  int dl = 0, dr = 0, first_left = -1;
  for (int c : kids.of(d)) {
    const std::uint64_t side = c < d ? 1 : 2;
    (c < d ? dl : dr)++;
    if (c < d && first_left < 0) first_left = c;
    f(dp, side, F(c));
    f(dhd, side, F(c));
    f(ld, side, L(c));
    if (c < d) dsig = combine(dsig, F(c));
  }
  f(dp, dsig);
  f(dhd, std::min(dl, 3), std::min(dr, 3));
  f(dhd, first_left < 0 ? kNoWord : F(first_left));
  f(dw, first_left < 0 ? kNoWord : F(first_left));
  // The head's other dependents, before or after the dependent: a second
  // object after it, a passive auxiliary, a copula, a subject already there.
  std::uint64_t hsig_left = 0, hsig_right = 0;
  int rank = 0;
  for (int c : kids.of(h)) {
    if (c == d) continue;
    const std::uint64_t where = c < d ? 1 : 2;
    f(dhd, where, F(c));
    f(ld, where, L(c));
    f(dhd, where, L(c));
    if ((c < d) == (d < h) && (d < h ? c > d : c < d)) ++rank;  // nearer the head, same side
    (c < h ? hsig_left : hsig_right) = combine(c < h ? hsig_left : hsig_right, F(c));
  }
  f(dhd, hsig_left);
  f(dhd, hsig_right);
  f(dhd, std::min(rank, 3));
  f(dhd, std::min(marks, 2));
}

}  // namespace chronicle::parser_detail

namespace chronicle::parser_detail {

// Tree revision (Attardi & Ciaramita 2007): a greedy parser's wrong heads
// are mostly near the right ones. Of the words the first stage attached
// wrongly, the right head is the head's own head (an attachment too low) or
// a sibling (too high) for about 60%. The reviser scores those candidates and
// the head the parser chose, and moves the word to the best; it only looks at
// words whose relation the stacked training found often misattached
// (TreeRevision::labels).
inline constexpr std::uint64_t kKeep = 1, kGrandparent = 2, kSibling = 3;

// The candidates for the head of d (head[d] < n): its head, then the head's
// head (unless the root), then its siblings that are not marks; `kind` says which.
inline void revision_candidates(const Words& w, const std::vector<std::uint8_t>& function_tag, int n,
                                const std::vector<int>& head, const TreeKids& kids, int d,
                                std::vector<int>& cand, std::vector<std::uint64_t>& kind) {
  cand.clear();
  kind.clear();
  const int h = head[d];
  cand.push_back(h);
  kind.push_back(kKeep);
  if (head[h] != n) {
    cand.push_back(head[h]);
    kind.push_back(kGrandparent);
  }
  for (int s : kids.of(h))
    if (s != d && !(w.tag[s] < function_tag.size() && function_tag[w.tag[s]] == kPunctTag)) {
      cand.push_back(s);
      kind.push_back(kSibling);
    }
}

// Appends the features of attaching d to candidate c of kind `kind`.
inline void extract_revision(const Words& w, const std::vector<std::uint8_t>& function_tag, int n,
                             const std::vector<int>& head, const std::vector<int>& label,
                             const TreeKids& kids, int d, int c, std::uint64_t kind,
                             std::vector<std::uint64_t>& out) {
  using features::combine;
  auto fkind = [&](int i) -> std::uint8_t { return w.tag[i] < function_tag.size() ? function_tag[w.tag[i]] : 0; };
  auto L = [&](int i) -> std::uint64_t { return i < 0 || i >= n ? 0 : static_cast<std::uint64_t>(label[i] + 1); };
  const int h = head[d];
  // The dependent's first case marker or subordinator, which says most of
  // where a phrase attaches ("of" to nouns, "to" + verb ...).
  std::uint64_t marker = 0;
  for (int k : kids.of(d))
    if (k < d && fkind(k) == kFunctionTag) {
      marker = w.word[k];
      break;
    }
  int marks = 0;
  for (int i = std::min(c, d) + 1; i < std::max(c, d); ++i) marks += fkind(i) == kPunctTag;
  const std::uint64_t dir = c < d ? 1 : 2, dist = dist_bucket(c - d);
  const std::uint64_t between = std::min(h, d) < c && c < std::max(h, d) ? 1 : 0;
  const std::uint64_t dw = w.word[d], dp = w.tag[d], cw = w.word[c], cp = w.tag[c], hp = w.tag[h];
  const std::uint64_t ld = L(d);
  int k = 400;
  auto f = [&](auto... parts) { out.push_back(combine(static_cast<std::uint64_t>(++k), kind, parts...)); };
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
  f(marker, dw, cw);
  int same = 0;
  for (int k : kids.of(c)) same += k != d && label[k] == label[d];
  f(ld, cp, std::min(same, 2));
}

}  // namespace chronicle::parser_detail
