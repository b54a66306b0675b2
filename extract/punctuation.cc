#include "extract/punctuation.h"

#include <algorithm>
#include <utility>

namespace chronicle {
namespace {

// The mark that closes `form`, or "" when `form` opens nothing.
std::string_view closing_of(std::string_view form) {
  static constexpr std::pair<std::string_view, std::string_view> kPairs[] = {
      {"(", ")"},
      {"[", "]"},
      {"{", "}"},
      {"\"", "\""},
      {"\u201c", "\u201d"},
      {"``", "''"},
      {"-LRB-", "-RRB-"},
      // Single quotes only when tagged punctuation (an apostrophe is PART or part of a word).
      {"'", "'"},
      {"\u2018", "\u2019"}};
  for (const auto& [open, close] : kPairs)
    if (form == open) return close;
  return {};
}

// A mark that ends a sentence hangs from what precedes it, never from what follows.
bool ends_sentence(std::string_view form) {
  if (form.empty() || form.find("..") != std::string_view::npos) return false;
  return std::all_of(form.begin(), form.end(), [](char c) { return c == '.' || c == '?' || c == '!'; });
}

class Tree {
  enum Pair : char { kUnpaired, kOpening, kClosing };

 public:
  Tree(std::vector<int>& heads, const std::vector<std::string_view>& forms, const std::vector<bool>& punct)
      : head_(heads),
        form_(forms),
        punct_(punct),
        n_(static_cast<int>(heads.size())),
        pair_(heads.size(), kUnpaired) {}

  void attach(std::vector<int>& moved) {
    hang_dependents_of_marks();
    measure_spans();
    for (int i = 0; i < n_; ++i)
      if (punct_[i] && pair_[i] == kUnpaired && head_[i] >= 0) attach_pair(i, moved);
    for (int p = 0; p < n_; ++p)
      if (punct_[p] && pair_[p] == kUnpaired && head_[p] >= 0) attach_mark(p, moved);
  }

 private:
  bool descends(int a, int b) const {
    for (int steps = 0; a >= 0 && steps <= n_; ++steps, a = head_[a])
      if (a == b) return true;
    return false;
  }

  // A mark has no dependents: a word the parser hung from one moves up to the mark's head.
  void hang_dependents_of_marks() {
    for (int i = 0; i < n_; ++i)
      for (int steps = 0; steps < n_ && head_[i] >= 0 && punct_[head_[i]] && head_[head_[i]] >= 0; ++steps)
        head_[i] = head_[head_[i]];
  }

  // lo_[i], hi_[i]: the first and last word (not mark) of i's subtree. In a
  // projective tree the words of a subtree are contiguous, so a mark can hang
  // from c without crossing an arc when every word between them is inside c's span.
  void measure_spans() {
    lo_.assign(n_, n_);
    hi_.assign(n_, -1);
    for (int i = 0; i < n_; ++i) {
      if (punct_[i]) continue;
      for (int a = i, steps = 0; a >= 0 && steps <= n_; a = head_[a], ++steps) {
        lo_[a] = std::min(lo_[a], i);
        hi_[a] = std::max(hi_[a], i);
      }
    }
  }
  int word_before(int p) const {
    while (--p >= 0 && punct_[p]) {
    }
    return p;
  }
  int word_after(int p) const {
    while (++p < n_ && punct_[p]) {
    }
    return p;
  }
  bool projective(int p, int c) const {
    if (lo_[c] > hi_[c]) return false;  // a mark's subtree: no word to hang from
    return c > p ? lo_[c] <= word_after(p) || word_after(p) >= c
                 : hi_[c] >= word_before(p) || word_before(p) <= c;
  }

  // Brackets and quotes hang from the head of what they enclose: the first and
  // the last word inside whose head is outside.
  void attach_pair(int open, std::vector<int>& moved) {
    const std::string_view close = closing_of(form_[open]);
    if (close.empty()) return;
    int depth = 0, end = -1;
    for (int j = open + 1; j < n_ && end < 0; ++j) {
      if (!punct_[j]) continue;
      if (form_[j] == close && depth == 0)
        end = j;
      else if (form_[j] == close)
        --depth;
      else if (form_[j] == form_[open])
        ++depth;
    }
    if (end < 0 || head_[end] < 0) return;
    int first = -1, last = -1;
    for (int k = open + 1; k < end; ++k) {
      if (punct_[k] || (head_[k] > open && head_[k] < end)) continue;
      if (first < 0) first = k;
      last = k;
    }
    if (first < 0) return;  // nothing enclosed: two ordinary marks
    pair_[open] = kOpening;
    pair_[end] = kClosing;
    set_head(open, first, moved);
    set_head(end, last, moved);
  }

  void attach_mark(int p, std::vector<int>& moved) {
    // The nearest words on each side, unless a bracket or quote stands between.
    int l = word_before(p), r = ends_sentence(form_[p]) ? n_ : word_after(p);
    for (int k = p - 1; k > l && l >= 0; --k)
      if (pair_[k] == kOpening) l = -1;
    for (int k = p + 1; k < r && r < n_; ++k)
      if (pair_[k] == kClosing) r = n_;
    // Climb from each while the head stays on the same side and the subtree does not reach past the mark.
    std::vector<int> left, right;
    for (int steps = 0; l >= 0 && steps < n_; l = head_[l], ++steps) {
      if (projective(p, l)) left.push_back(l);
      if (head_[l] < 0 || head_[l] > p || hi_[l] > p) break;
    }
    for (int steps = 0; r >= 0 && r < n_ && steps < n_; r = head_[r], ++steps) {
      if (projective(p, r)) right.push_back(r);
      if (head_[r] < p || lo_[r] < p) break;
    }
    const int lc = left.empty() ? -1 : left.back(), rc = right.empty() ? -1 : right.back();
    if (lc < 0 && rc < 0) return;
    // The lower of the two tops: the phrase the mark borders, not the clause around it.
    int cand = lc;
    std::vector<int> path = left;
    if (lc < 0 || (rc >= 0 && descends(rc, lc))) {
      cand = rc;
      path = right;
    } else if (rc >= 0 && !descends(lc, rc)) {
      path.insert(path.end(), right.begin(), right.end());
    }
    if (std::find(path.begin(), path.end(), head_[p]) == path.end()) set_head(p, cand, moved);
  }

  void set_head(int i, int h, std::vector<int>& moved) {
    if (head_[i] == h || descends(h, i)) return;  // never a cycle, whatever the input
    head_[i] = h;
    moved.push_back(i);
  }

  std::vector<int>& head_;
  const std::vector<std::string_view>& form_;
  const std::vector<bool>& punct_;
  const int n_;
  std::vector<Pair> pair_;  // brackets and quotes already hung as a pair
  std::vector<int> lo_, hi_;
};

}  // namespace

std::vector<int> attach_punctuation(std::vector<int>& heads, const std::vector<std::string_view>& forms,
                                    const std::vector<bool>& punct) {
  std::vector<int> moved;
  if (heads.size() != forms.size() || heads.size() != punct.size()) return moved;
  Tree(heads, forms, punct).attach(moved);
  std::sort(moved.begin(), moved.end());
  moved.erase(std::unique(moved.begin(), moved.end()), moved.end());
  return moved;
}

}  // namespace chronicle
