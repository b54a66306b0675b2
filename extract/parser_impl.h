// The parser's transition system, features and model contents, shared by
// parser.cc and parser_trainer.cc (internal header).
//
// Arc-hybrid: a stack, and a buffer that is always a suffix b..n of the
// sentence followed by the artificial root n. SHIFT pushes b; LEFT makes b
// the head of the stack top s0 and pops it; RIGHT makes s1 the head of s0
// and pops it. LEFT onto the root is only allowed when s0 is alone on the
// stack, which gives exactly one root.
//
// Two classifiers: the transition one chooses among SHIFT, LEFT and RIGHT
// (three classes, so each feature's weights sit inline in its hash slot and
// scoring costs one memory access per feature); when an arc is made, the label
// one names it. The dependent's own subtree is complete by then (arc-hybrid
// attaches a word only after all its children), so the labeller sees it whole.
//
// Model file layout (little-endian, after the "parser" header):
//   u32 n, n x str tag ("UPOS XPOS")     u32 n, n x str label     u32 root label
//   u64 n, n x (u64 lowercase word hash, u16 class + 1)   word classes (the tagger's), sorted
//   u64 n, n x (u64 lowercase word hash, u32 ambiguity class)   see pack_ambiguity(), sorted
//   transition weight table, label weight table (extract/perceptron.h)
//   u32 n, n x (str forms, str tags joined by '\x1f', str expected "head:label ...")  self-test
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/u64_map.h"
#include "extract/feature_hash.h"
#include "extract/parser.h"
#include "extract/perceptron.h"

namespace chronicle {

namespace parser_detail {

// Transitions, the classes of the transition classifier.
inline constexpr int kShift = 0, kLeft = 1, kRight = 2, kNumTransitions = 3;

// Tag id of a token: 0 = none (no such position), 1 = root, 2 = unknown tag.
inline constexpr std::uint32_t kTagNone = 0, kTagRoot = 1, kTagUnknown = 2, kFirstTag = 3;

inline std::uint64_t tag_key(std::string_view upos, std::string_view xpos) {
  return features::combine(977, features::hash_string(upos), features::hash_string(xpos));
}

struct State {
  int n = 0;
  int b = 0;
  std::vector<int> stack;
  std::vector<int> head, label;                 // per word; -1 unset; head n = root
  std::vector<int> lc1, lc2, rc1, rc2, nl, nr;  // per word + root: children
  std::vector<std::uint64_t> lmask, rmask;      // label sets of left/right children

  void reset(int words) {
    n = words;
    b = 0;
    stack.clear();
    head.assign(n, -1);
    label.assign(n, -1);
    for (auto* v : {&lc1, &lc2, &rc1, &rc2}) v->assign(n + 1, -1);
    nl.assign(n + 1, 0);
    nr.assign(n + 1, 0);
    lmask.assign(n + 1, 0);
    rmask.assign(n + 1, 0);
  }
  bool terminal() const { return stack.empty() && b == n; }
  int s(std::size_t k) const { return stack.size() > k ? stack[stack.size() - 1 - k] : -1; }

  bool can_shift() const { return b < n; }
  bool can_left() const { return !stack.empty() && (b < n || stack.size() == 1); }
  bool can_right() const { return stack.size() >= 2; }

  void add_arc(int h, int d, int l) {
    head[d] = h;
    label[d] = l;
    if (d < h) {
      ++nl[h];
      lmask[h] |= 1ULL << (l & 63);
      if (lc1[h] < 0 || d < lc1[h]) {
        lc2[h] = lc1[h];
        lc1[h] = d;
      } else if (lc2[h] < 0 || d < lc2[h]) {
        lc2[h] = d;
      }
    } else {
      ++nr[h];
      rmask[h] |= 1ULL << (l & 63);
      if (rc1[h] < 0 || d > rc1[h]) {
        rc2[h] = rc1[h];
        rc1[h] = d;
      } else if (rc2[h] < 0 || d > rc2[h]) {
        rc2[h] = d;
      }
    }
  }

  // The head and dependent of the arc `t` (LEFT or RIGHT) would make.
  int arc_head(int t) const { return t == kLeft ? b : s(1); }
  int arc_dependent() const { return s(0); }

  // Applies transition `t`; `label` names the arc of a LEFT or RIGHT.
  void apply(int t, int label) {
    if (t == kShift) {
      stack.push_back(b++);
    } else {
      int h = arc_head(t), d = stack.back();
      stack.pop_back();
      add_arc(h, d, label);
    }
  }
};

// Words of a sentence as the features see them.
struct Words {
  std::vector<std::uint64_t> word;  // lowercase form hash; index n = root
  std::vector<std::uint32_t> tag;
  std::vector<std::uint64_t> cls;  // word class + 1, 0 = none; root: kClassRoot
  std::vector<std::uint64_t> amb;  // ambiguity class, 0 = rare word; root: kAmbRoot
};
inline constexpr std::uint64_t kClassNone = 0xfffe, kClassRoot = 0xffff;
inline constexpr std::uint64_t kAmbNone = 0xfffffffe, kAmbRoot = 0xffffffff;

// The ambiguity class of a word: the tags the treebank gives it. A tagger's
// error usually stays inside the word's class ("that" DT/WDT/IN, "used"
// VBD/VBN), so the class is evidence the error does not take away.
// `counts` holds (count, tag id) of one lowercase word; 0 = too rare to say
// (fewer than kAmbMinCount occurrences). Otherwise the ids (+1) of up to
// three tags of at least 5% of its occurrences, the most frequent first
// chosen, then sorted, 10 bits each.
inline constexpr int kAmbMinCount = 3;
inline constexpr std::uint32_t kAmbMaxTag = 1022;
inline std::uint32_t pack_ambiguity(std::vector<std::pair<int, std::uint32_t>> counts) {
  int total = 0;
  for (auto& [c, t] : counts) total += c;
  if (total < kAmbMinCount) return 0;
  std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<std::uint32_t> ids;
  for (auto& [c, t] : counts)
    if (ids.size() < 3 && c * 20 >= total && t <= kAmbMaxTag) ids.push_back(t + 1);
  if (ids.empty()) return 0;
  std::sort(ids.begin(), ids.end());
  std::uint32_t packed = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) packed |= ids[i] << (10 * i);
  return packed;
}

inline std::uint64_t dist_bucket(int d) {
  if (d < 0) d = -d;
  return d <= 4 ? static_cast<std::uint64_t>(d) : d <= 6 ? 5 : d <= 10 ? 6 : 7;
}

inline void extract(const State& st, const Words& w, std::vector<std::uint64_t>& out) {
  using features::combine;
  static const std::uint64_t kNoWord = features::hash_string("<none>");
  auto W = [&](int i) -> std::uint64_t { return i < 0 ? kNoWord : w.word[i]; };
  auto P = [&](int i) -> std::uint64_t { return i < 0 ? kTagNone : w.tag[i]; };
  auto L = [&](int i) -> std::uint64_t {
    return i < 0 || i >= st.n ? 0 : static_cast<std::uint64_t>(st.label[i] + 1);
  };
  auto child = [&](const std::vector<int>& v, int i) { return i < 0 ? -1 : v[i]; };
  const int s0 = st.s(0), s1 = st.s(1), s2 = st.s(2);
  const int b0 = st.b, b1 = st.b + 1 <= st.n ? st.b + 1 : -1, b2 = st.b + 2 <= st.n ? st.b + 2 : -1;
  const int s0l1 = child(st.lc1, s0), s0l2 = child(st.lc2, s0), s0r1 = child(st.rc1, s0),
            s0r2 = child(st.rc2, s0);
  const int s1l1 = child(st.lc1, s1), s1r1 = child(st.rc1, s1), s1r2 = child(st.rc2, s1);
  const int b0l1 = child(st.lc1, b0), b0l2 = child(st.lc2, b0);
  const std::uint64_t s0w = W(s0), s0p = P(s0), s1w = W(s1), s1p = P(s1), b0w = W(b0), b0p = P(b0);
  const std::uint64_t b1w = W(b1), b1p = P(b1), b2p = P(b2), s2p = P(s2);
  const std::uint64_t s0wp = combine(1000, s0w, s0p), s1wp = combine(1000, s1w, s1p);
  const std::uint64_t b0wp = combine(1000, b0w, b0p), b1wp = combine(1000, b1w, b1p);
  const std::uint64_t d0 = s0 < 0 ? 99 : dist_bucket(b0 - s0);
  const std::uint64_t d1 = s0 < 0 || s1 < 0 ? 99 : dist_bucket(s0 - s1);
  auto vl = [&](int i) -> std::uint64_t { return i < 0 ? 99 : static_cast<std::uint64_t>(st.nl[i]); };
  auto vr = [&](int i) -> std::uint64_t { return i < 0 ? 99 : static_cast<std::uint64_t>(st.nr[i]); };
  auto sl = [&](int i) -> std::uint64_t { return i < 0 ? 1 : st.lmask[i] + 2; };
  auto sr = [&](int i) -> std::uint64_t { return i < 0 ? 1 : st.rmask[i] + 2; };
  int k = 0;
  auto f = [&](auto... parts) { out.push_back(combine(static_cast<std::uint64_t>(++k), parts...)); };
  // Single positions.
  f(s0w);
  f(s0p);
  f(s0wp);
  f(s1w);
  f(s1p);
  f(s1wp);
  f(s2p);
  f(W(s2));
  f(b0w);
  f(b0p);
  f(b0wp);
  f(b1w);
  f(b1p);
  f(b1wp);
  f(W(b2));
  f(b2p);
  // Pairs of the two arcs in question: (b0, s0) and (s1, s0).
  f(s0wp, b0wp);
  f(s0wp, b0w);
  f(s0w, b0wp);
  f(s0wp, b0p);
  f(s0p, b0wp);
  f(s0w, b0w);
  f(s0p, b0p);
  f(b0p, b1p);
  f(s1wp, s0wp);
  f(s1wp, s0w);
  f(s1w, s0wp);
  f(s1wp, s0p);
  f(s1p, s0wp);
  f(s1w, s0w);
  f(s1p, s0p);
  // Triples of tags.
  f(b0p, b1p, b2p);
  f(s0p, b0p, b1p);
  f(s1p, s0p, b0p);
  f(s2p, s1p, s0p);
  f(s1p, s0p, b1p);
  f(s0p, P(s0l1), b0p);
  f(s0p, P(s0r1), b0p);
  f(s0p, b0p, P(b0l1));
  f(s1p, P(s1r1), s0p);
  f(s1p, s0p, P(s0l1));
  f(s1p, s0p, P(s0r1));
  f(s1p, P(s1l1), s0p);
  f(s0p, P(s0l1), P(s0l2));
  f(s0p, P(s0r1), P(s0r2));
  f(b0p, P(b0l1), P(b0l2));
  f(s1p, P(s1r1), P(s1r2));
  f(s1w, s0p, b0p);
  f(s1p, s0w, b0p);
  f(s1p, s0p, b0w);
  // Distances.
  f(s0w, d0);
  f(s0p, d0);
  f(b0w, d0);
  f(b0p, d0);
  f(s0w, b0w, d0);
  f(s0p, b0p, d0);
  f(s1p, s0p, d1);
  f(s1w, d1);
  f(s0w, d1);
  f(s1w, s0w, d1);
  // Valency.
  f(s0w, vl(s0));
  f(s0p, vl(s0));
  f(s0w, vr(s0));
  f(s0p, vr(s0));
  f(s1w, vr(s1));
  f(s1p, vr(s1));
  f(s1p, vl(s1));
  f(b0w, vl(b0));
  f(b0p, vl(b0));
  // Children.
  for (int c : {s0l1, s0l2, s0r1, s0r2, s1l1, s1r1, b0l1, b0l2}) {
    f(W(c));
    f(P(c));
    f(L(c));
  }
  f(s0p, L(s0l1), L(s0l2));
  f(s0p, L(s0r1), L(s0r2));
  f(s1p, L(s1r1), L(s1r2));
  f(b0p, L(b0l1), L(b0l2));
  // Label sets.
  f(s0w, sl(s0));
  f(s0p, sl(s0));
  f(s0w, sr(s0));
  f(s0p, sr(s0));
  f(s1w, sr(s1));
  f(s1p, sr(s1));
  f(s1w, sl(s1));
  f(s1p, sl(s1));
  f(b0w, sl(b0));
  f(b0p, sl(b0));
  f(s0p, b0p, sl(b0));
  f(s1p, s0p, sr(s1));
  // Word classes: lexical evidence that generalises to words seen rarely in
  // the treebank (Koo, Carreras & Collins 2008).
  auto C = [&](int i) -> std::uint64_t { return i < 0 ? kClassNone : w.cls[i]; };
  const std::uint64_t s0c = C(s0), s1c = C(s1), b0c = C(b0), b1c = C(b1);
  f(s0c);
  f(s1c);
  f(b0c);
  f(b1c);
  f(s0c, b0c);
  f(s0c, b0p);
  f(s0p, b0c);
  f(s1c, s0c);
  f(s1c, s0p);
  f(s1p, s0c);
  f(s0c, b0c, d0);
  f(s1c, s0c, d1);
  f(s0p, b0p, b1c);
  f(C(s0l1), s0p);
  f(C(s0r1), s0p);
  f(C(b0l1), b0p);
  // Ambiguity classes: what the words can be, whatever the tagger said.
  auto A = [&](int i) -> std::uint64_t { return i < 0 ? kAmbNone : w.amb[i]; };
  const std::uint64_t s0a = A(s0), s1a = A(s1), b0a = A(b0), b1a = A(b1);
  f(s0a);
  f(s1a);
  f(b0a);
  f(b1a);
  f(s0a, b0p);
  f(s0p, b0a);
  f(s0a, b0a);
  f(s1a, s0a);
  f(s1a, s0p);
  f(s1p, s0a);
}

// Features of naming the arc h -> d, taken before it is made.
inline void extract_label(const State& st, const Words& w, int h, int d, std::vector<std::uint64_t>& out) {
  using features::combine;
  static const std::uint64_t kNoWord = features::hash_string("<none>");
  const int n = st.n;
  auto W = [&](int i) -> std::uint64_t { return i < 0 || i > n ? kNoWord : w.word[i]; };
  auto P = [&](int i) -> std::uint64_t { return i < 0 || i > n ? kTagNone : w.tag[i]; };
  auto L = [&](int i) -> std::uint64_t {
    return i < 0 || i >= n ? 0 : static_cast<std::uint64_t>(st.label[i] + 1);
  };
  const std::uint64_t dir = d < h ? 1 : 2, dist = dist_bucket(h - d);
  const std::uint64_t dw = W(d), dp = P(d), hw = W(h), hp = P(h), dc = w.cls[d], hc = w.cls[h];
  const int dl1 = st.lc1[d], dl2 = st.lc2[d], dr1 = st.rc1[d], hl1 = st.lc1[h], hr1 = st.rc1[h];
  // The dependent's first function word (case, mark, det) says much of its
  // relation: "by" -> obl:agent, "to" + verb -> xcomp/advcl.
  const std::uint64_t dsets = combine(2000, st.lmask[d], st.rmask[d]);
  const std::uint64_t hsets = combine(2001, st.lmask[h], st.rmask[h]);
  int k = 100;
  auto f = [&](auto... parts) { out.push_back(combine(static_cast<std::uint64_t>(++k), parts...)); };
  f(dir);
  f(dw, dir);
  f(dp, dir);
  f(hw, dir);
  f(hp, dir);
  f(dp, hp, dir);
  f(dw, hp, dir);
  f(dp, hw, dir);
  f(dw, hw, dir);
  f(dp, hp, dir, dist);
  f(dp, dir, dist);
  f(dp, dsets);
  f(dp, hp, dsets);
  f(dp, hp, dir, hsets);
  f(dp, W(dl1), dir);
  f(W(dl1), hp, dir);
  f(dp, W(dl1), hp, dir);
  f(dp, P(dl1), P(dl2));
  f(dp, L(dl1), L(dl2));
  f(dp, P(dr1), L(dr1));
  f(dp, W(dr1));
  f(dp, P(d - 1), P(d + 1));
  f(hp, P(h - 1), P(h + 1), dir);
  f(dp, hp, L(hl1), dir);
  f(dp, hp, L(hr1), dir);
  f(dw, W(dl1));
  f(hw, dp, W(dl1));
  f(dp, hp, dir, h == n ? 1 : 0);
  f(dc, hp, dir);
  f(dp, hc, dir);
  f(dc, hc, dir);
  f(dc, W(dl1), dir);
}

}  // namespace parser_detail

struct Parser::Impl {
  std::string provenance;
  std::vector<std::string> tags;    // "UPOS XPOS"
  std::vector<std::string> labels;  // UD relations
  std::uint32_t root_label = 0;
  U64Map<std::uint32_t> tag_ids;     // tag_key -> id (kFirstTag + index)
  U64Map<std::uint16_t> word_class;  // lowercase hash -> class + 1
  U64Map<std::uint32_t> ambiguity;   // lowercase hash -> pack_ambiguity()
  WeightTable transitions;           // kNumTransitions classes
  WeightTable arc_labels;            // one class per label
  struct SelfTest {
    std::string forms, tags, expected;
  };
  std::vector<SelfTest> self_test;

  std::uint32_t tag_id(std::string_view upos, std::string_view xpos) const {
    const std::uint32_t* id = tag_ids.find(parser_detail::tag_key(upos, xpos));
    return id ? *id : parser_detail::kTagUnknown;
  }
  void index_tags();
  std::uint64_t word_class_of(std::uint64_t lower_hash) const {
    const std::uint16_t* c = word_class.find(lower_hash);
    return c ? *c : 0;
  }
  // Fills `words` for a sentence of `n` words; the caller fills [0, n) with set_word().
  static void prepare_words(parser_detail::Words& words, int n);
  void set_word(parser_detail::Words& words, int i, std::uint64_t lower_hash, std::uint32_t tag) const {
    words.word[i] = lower_hash;
    words.tag[i] = tag;
    words.cls[i] = word_class_of(lower_hash);
    const std::uint32_t* a = ambiguity.find(lower_hash);
    words.amb[i] = a ? *a : 0;
  }
  // Parses one sentence: heads (0-based, -1 root) and label ids.
  void parse_sentence(const parser_detail::Words& words, int n, std::vector<int>& heads,
                      std::vector<int>& labels) const;
  std::string serialize() const;
  static std::unique_ptr<Impl> parse_model(std::string_view bytes, const std::string& what);
};

// Separator of the forms and tags of a self-test sentence.
inline constexpr char kSelfTestSep = '\x1f';
// The "head:label ..." description of how `m` parses a self-test sentence.
std::string parser_self_test_result(const Parser::Impl& m, const std::string& forms, const std::string& tags);

}  // namespace chronicle
