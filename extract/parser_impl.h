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
//   u32 beam width (format 4 only; format 3 files decode greedily, width 1)
//   u64 n, n x (u64 lowercase word hash, u16 class + 1)   word classes (the tagger's), sorted
//   u64 n, n x (u64 lowercase word hash, u32 ambiguity class)   see pack_ambiguity(), sorted
//   transition weight table, label weight table (extract/perceptron.h)
//   u8 1, u64 revised relations (bit per label id), reviser weight table; or u8 0
//     (format 5 only; extract/tree_revision.h)
//   u32 n, n x (str forms, str tags joined by '\x1f', str expected "head:label ...")  self-test
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <span>
#include <string>
#include <type_traits>
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

// What the features know of a word's children: the two nearest on each side
// with their labels, how many there are, and the label sets. Small and flat
// so a beam state copies it instead of sharing whole per-word arrays.
struct Kids {
  int lc1 = -1, lc2 = -1, rc1 = -1, rc2 = -1;  // leftmost / rightmost children
  int ll1 = -1, ll2 = -1, rl1 = -1, rl2 = -1;  // their labels (-1: none)
  int nl = 0, nr = 0;
  std::uint64_t lmask = 0, rmask = 0;  // label sets of left/right children

  // Records the arc h -> d labelled l (h is the word these are the children of).
  void add(int h, int d, int l) {
    if (d < h) {
      ++nl;
      lmask |= 1ULL << (l & 63);
      if (lc1 < 0 || d < lc1) {
        lc2 = lc1;
        ll2 = ll1;
        lc1 = d;
        ll1 = l;
      } else if (lc2 < 0 || d < lc2) {
        lc2 = d;
        ll2 = l;
      }
    } else {
      ++nr;
      rmask |= 1ULL << (l & 63);
      if (rc1 < 0 || d > rc1) {
        rc2 = rc1;
        rl2 = rl1;
        rc1 = d;
        rl1 = l;
      } else if (rc2 < 0 || d > rc2) {
        rc2 = d;
        rl2 = l;
      }
    }
  }
};
inline const Kids kNoKids{};

// The part of a parser configuration the transition features read.
struct View {
  int n = 0, b = 0, s0 = -1, s1 = -1, s2 = -1;
  const Kids* k0 = &kNoKids;  // children of s0, s1, b0 (kNoKids when absent)
  const Kids* k1 = &kNoKids;
  const Kids* kb = &kNoKids;
};

// A configuration with per-word arrays: the greedy parser and the trainers.
struct State {
  int n = 0;
  int b = 0;
  std::vector<int> stack;
  std::vector<int> head, label;  // per word; -1 unset; head n = root
  std::vector<Kids> kids;        // per word + root

  void reset(int words) {
    n = words;
    b = 0;
    stack.clear();
    head.assign(n, -1);
    label.assign(n, -1);
    kids.assign(n + 1, Kids{});
  }
  bool terminal() const { return stack.empty() && b == n; }
  int s(std::size_t k) const { return stack.size() > k ? stack[stack.size() - 1 - k] : -1; }

  bool can_shift() const { return b < n; }
  bool can_left() const { return !stack.empty() && (b < n || stack.size() == 1); }
  bool can_right() const { return stack.size() >= 2; }

  void add_arc(int h, int d, int l) {
    head[d] = h;
    label[d] = l;
    kids[h].add(h, d, l);
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

  View view() const {
    View v;
    v.n = n;
    v.b = b;
    v.s0 = s(0);
    v.s1 = s(1);
    v.s2 = s(2);
    if (v.s0 >= 0) v.k0 = &kids[v.s0];
    if (v.s1 >= 0) v.k1 = &kids[v.s1];
    v.kb = &kids[b];
    return v;
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

// A template added without counting it in kTransitionFeatures / kLabelFeatures
// writes past the space made for it: stop at once rather than go on corrupted.
inline void check_feature_count(const std::uint64_t* end, const std::vector<std::uint64_t>& out,
                                std::size_t expected) {
  if (end != out.data() + expected) {
    std::fputs("chronicle: parser feature count out of step with its templates\n", stderr);
    std::abort();
  }
}

inline std::uint64_t dist_bucket(int d) {
  if (d < 0) d = -d;
  return d <= 4 ? static_cast<std::uint64_t>(d) : d <= 6 ? 5 : d <= 10 ? 6 : 7;
}

// How many features extract() and extract_label() append: every template
// fires in every state, so the extractors write through a pointer into space
// made once (a push_back per feature, out of line, cost a tenth of parsing).
inline constexpr std::size_t kTransitionFeatures = 135, kLabelFeatures = 32;

// What a transition template reads of the configuration besides the words'
// own properties, for the greedy parser's memo (TransitionMemo below). In
// arc-hybrid parsing a word on the stack gets no more left children (LEFT
// gives children to b0, RIGHT to s1, on its right), and the stack below it
// stays as it is until it is popped; so while s0 is the same word, s1, s2,
// their children and s0's left children are the same too:
// - kStackPart: s0, s1, s2, d1, s0's left children, s1's children;
// - kBufferPart: b0, b1, b2 (the index b alone);
// - kStatePart: the rest, read anew in every state: s0 with b0 (d0), s0's
//   right children and b0's left children (which grow; remembering them by
//   their number as well saved nothing).
inline constexpr unsigned kStackPart = 1, kBufferPart = 2, kStatePart = 4, kAllParts = 7;

// Most state templates begin with parts of the stack or the buffer (s0p,
// b0w, then b0p or d0 ...), and a feature's hash is built part by part
// (features::extend()): the hash of such a lead is the same for as long as
// its word is s0 (or b), so the memo keeps it with the word's weights and a
// state only finishes it (a third of the state templates' hashing).
// Lead<Owner, Count>: the template's first Count parts are of part Owner.
template <unsigned Owner, int Count>
struct Lead {};
// Where extract_parts() writes (kStackLeads, kBufferLeads) or reads
// (kFromLeads) the lead hashes, in template order, kStackLeadCount and
// kBufferLeadCount of them.
inline constexpr unsigned kStackLeads = 8, kBufferLeads = 16, kFromLeads = 32;
inline constexpr std::size_t kStackLeadCount = 36, kBufferLeadCount = 8;
struct LeadHashes {
  std::uint64_t* stack = nullptr;
  std::uint64_t* buffer = nullptr;
};

// Tag and label ids as feature parts (Small): a template that leads with
// one takes combine(k, id) from a table made once (small_leads()) instead of
// computing it, a load for a finalize; it is a model-independent function of
// (k, id), so the hashes stay what they were.
inline constexpr std::size_t kLeadTemplates = 136;  // transition templates 1..135, label ones 101..132
inline constexpr std::uint64_t kLeadValues = 128;   // ids below this are in the table
inline const std::uint64_t* small_leads() {
  static const std::unique_ptr<std::uint64_t[]> table = [] {
    auto t = std::make_unique<std::uint64_t[]>(kLeadValues * kLeadTemplates);
    for (std::uint64_t v = 0; v < kLeadValues; ++v)
      for (std::uint64_t k = 0; k < kLeadTemplates; ++k) t[v * kLeadTemplates + k] = features::combine(k, v);
    return t;
  }();
  return table.get();
}
struct Small {
  std::uint64_t v;
  const std::uint64_t* leads;  // combine(k, v) at [k]; null: v not in the table
};
// `table`: small_leads(), fetched once by the caller.
[[gnu::always_inline]] inline Small small_part(std::uint64_t v, const std::uint64_t* table) {
  return {v, v < kLeadValues ? table + v * kLeadTemplates : nullptr};
}
[[gnu::always_inline]] inline std::uint64_t part_value(std::uint64_t v) { return v; }
[[gnu::always_inline]] inline std::uint64_t part_value(Small s) { return s.v; }
// features::finalize() with its two multipliers held in registers (or the
// stack) for a whole extraction: x86-64 multiplies by a register, not a
// 64-bit immediate, and with a hundred finalizes in one function GCC loaded
// the constants anew (a `movabs` each) before nearly every multiply. The
// empty asm hides their values, so they are kept, not rematerialized. Same
// arithmetic, the same hashes.
struct Mixer {
  std::uint64_t m1 = 0xbf58476d1ce4e5b9ULL, m2 = 0x94d049bb133111ebULL;
  [[gnu::always_inline]] Mixer() { asm("" : "+r"(m1), "+r"(m2)); }
  [[gnu::always_inline]] std::uint64_t finalize(std::uint64_t x) const {
    x ^= x >> 30;
    x *= m1;
    x ^= x >> 27;
    x *= m2;
    x ^= x >> 31;
    return x;
  }
  // features::extend() and features::combine(tmpl, a, b).
  [[gnu::always_inline]] std::uint64_t extend(std::uint64_t h, std::uint64_t part, int index) const {
    return finalize(h ^ (part + features::kPartSalt[index]));
  }
  [[gnu::always_inline]] std::uint64_t combine(std::uint64_t tmpl, std::uint64_t a) const {
    return finalize(tmpl * 0x9e3779b97f4a7c15ULL + a);
  }
  [[gnu::always_inline]] std::uint64_t combine(std::uint64_t tmpl, std::uint64_t a, std::uint64_t b) const {
    return extend(combine(tmpl, a), b, 1);
  }
};

// combine(k, a): from the table when `a` is a Small in it.
template <class First>
[[gnu::always_inline]] inline std::uint64_t first_step(const Mixer& mx, std::uint64_t k, First a) {
  if constexpr (std::is_same_v<First, Small>)
    return a.leads && k < kLeadTemplates ? a.leads[k] : mx.combine(k, a.v);
  else
    return mx.combine(k, a);
}
// combine(k, parts...) through first_step().
template <class First, class... Rest>
[[gnu::always_inline]] inline std::uint64_t combine_parts(const Mixer& mx, std::uint64_t k, First a,
                                                          Rest... rest) {
  std::uint64_t h = first_step(mx, k, a);
  int i = 1;
  ((h = mx.extend(h, part_value(rest), i++)), ...);
  return h;
}

// combine(k, parts...) of the first Count parts only.
template <int Count, class First, class... T>
[[gnu::always_inline]] inline std::uint64_t lead_hash(const Mixer& mx, std::uint64_t k, First first,
                                                      T... rest) {
  const std::uint64_t p[] = {part_value(first), part_value(rest)...};
  std::uint64_t h = first_step(mx, k, first);
  for (int i = 1; i < Count; ++i) h = mx.extend(h, p[i], i);
  return h;
}
// combine(k, parts...) from the lead_hash<Count>() of its first parts.
template <int Count, class... T>
[[gnu::always_inline]] inline std::uint64_t finish_hash(const Mixer& mx, std::uint64_t lead, T... parts) {
  const std::uint64_t p[] = {part_value(parts)...};
  for (int i = Count; i < static_cast<int>(sizeof...(T)); ++i) lead = mx.extend(lead, p[i], i);
  return lead;
}

// Writes the features of the templates of `Parts` (every template of them
// fires in every state) from `o` on; returns the end. Template numbers are
// those of the full set whatever `Parts` is (a template's number is part of
// its hash), and with kAllParts the features come in template order.
// kStackLeads / kBufferLeads also write the lead hashes to `leads` (and
// advance it); kStatePart | kFromLeads finishes the state templates from them.
template <unsigned Parts>
[[gnu::always_inline]] inline std::uint64_t* extract_parts(const View& st, const Words& w, std::uint64_t* o,
                                                           LeadHashes* leads = nullptr) {
  static const std::uint64_t kNoWord = features::hash_string("<none>");
  const std::uint64_t* const table = small_leads();
  const Mixer mx;
  auto combine = [&](std::uint64_t tmpl, std::uint64_t a, std::uint64_t b) __attribute__((always_inline)) {
    return mx.combine(tmpl, a, b);
  };
  auto W = [&](int i) -> std::uint64_t { return i < 0 ? kNoWord : w.word[i]; };
  auto P = [&](int i) -> Small { return small_part(i < 0 ? kTagNone : w.tag[i], table); };
  // Labels of children, +1 (0: no such child), as Kids holds them.
  auto L = [&](int l) -> Small { return small_part(static_cast<std::uint64_t>(l + 1), table); };
  const Kids &k0 = *st.k0, &k1 = *st.k1, &kb = *st.kb;
  const int s0 = st.s0, s1 = st.s1, s2 = st.s2;
  const int b0 = st.b, b1 = st.b + 1 <= st.n ? st.b + 1 : -1, b2 = st.b + 2 <= st.n ? st.b + 2 : -1;
  const int s0l1 = k0.lc1, s0l2 = k0.lc2, s0r1 = k0.rc1, s0r2 = k0.rc2;
  const int s1l1 = k1.lc1, s1r1 = k1.rc1, s1r2 = k1.rc2;
  const int b0l1 = kb.lc1, b0l2 = kb.lc2;
  const std::uint64_t s0w = W(s0), s1w = W(s1), b0w = W(b0), b1w = W(b1);
  const Small s0p = P(s0), s1p = P(s1), b0p = P(b0), b1p = P(b1), b2p = P(b2), s2p = P(s2);
  const std::uint64_t s0wp = combine(1000, s0w, s0p.v), s1wp = combine(1000, s1w, s1p.v);
  const std::uint64_t b0wp = combine(1000, b0w, b0p.v), b1wp = combine(1000, b1w, b1p.v);
  const std::uint64_t d0 = s0 < 0 ? 99 : dist_bucket(b0 - s0);
  const std::uint64_t d1 = s0 < 0 || s1 < 0 ? 99 : dist_bucket(s0 - s1);
  // Valencies and label sets of s0, s1 and b0 (99 / 1: no such word).
  auto vl = [](int i, const Kids& k) -> std::uint64_t {
    return i < 0 ? 99 : static_cast<std::uint64_t>(k.nl);
  };
  auto vr = [](int i, const Kids& k) -> std::uint64_t {
    return i < 0 ? 99 : static_cast<std::uint64_t>(k.nr);
  };
  auto sl = [](int i, const Kids& k) -> std::uint64_t { return i < 0 ? 1 : k.lmask + 2; };
  auto sr = [](int i, const Kids& k) -> std::uint64_t { return i < 0 ? 1 : k.rmask + 2; };
  std::uint64_t k = 0;
  // Every template counts (k), only those of `Parts` are hashed: once inlined,
  // the others and what only they read compile away.
  auto f = [&](unsigned part, auto... parts) __attribute__((always_inline)) {
    ++k;
    if (part & Parts) *o++ = combine_parts(mx, k, parts...);
  };
  constexpr unsigned S = kStackPart, B = kBufferPart, E = kStatePart;
  // A state template that leads with parts of the stack (S1: one, S2: two)
  // or of the buffer (B1).
  constexpr Lead<S, 1> S1;
  constexpr Lead<S, 2> S2;
  constexpr Lead<B, 1> B1;
  auto g = [&]<unsigned Owner, int Count>(Lead<Owner, Count>, auto... parts) __attribute__((always_inline)) {
    ++k;
    if constexpr ((Parts & kStatePart) && (Parts & kFromLeads)) {
      std::uint64_t*& in = Owner == S ? leads->stack : leads->buffer;
      *o++ = finish_hash<Count>(mx, *in++, parts...);
    } else if constexpr (Parts & kStatePart) {
      *o++ = combine_parts(mx, k, parts...);
    }
    if constexpr ((Owner == S && (Parts & kStackLeads)) || (Owner == B && (Parts & kBufferLeads))) {
      std::uint64_t*& out = Owner == S ? leads->stack : leads->buffer;
      *out++ = lead_hash<Count>(mx, k, parts...);
    }
  };
  // Single positions.
  f(S, s0w);
  f(S, s0p);
  f(S, s0wp);
  f(S, s1w);
  f(S, s1p);
  f(S, s1wp);
  f(S, s2p);
  f(S, W(s2));
  f(B, b0w);
  f(B, b0p);
  f(B, b0wp);
  f(B, b1w);
  f(B, b1p);
  f(B, b1wp);
  f(B, W(b2));
  f(B, b2p);
  // Pairs of the two arcs in question: (b0, s0) and (s1, s0).
  g(S1, s0wp, b0wp);
  g(S1, s0wp, b0w);
  g(S1, s0w, b0wp);
  g(S1, s0wp, b0p);
  g(S1, s0p, b0wp);
  g(S1, s0w, b0w);
  g(S1, s0p, b0p);
  f(B, b0p, b1p);
  f(S, s1wp, s0wp);
  f(S, s1wp, s0w);
  f(S, s1w, s0wp);
  f(S, s1wp, s0p);
  f(S, s1p, s0wp);
  f(S, s1w, s0w);
  f(S, s1p, s0p);
  // Triples of tags.
  f(B, b0p, b1p, b2p);
  g(S1, s0p, b0p, b1p);
  g(S2, s1p, s0p, b0p);
  f(S, s2p, s1p, s0p);
  g(S2, s1p, s0p, b1p);
  g(S2, s0p, P(s0l1), b0p);
  g(S1, s0p, P(s0r1), b0p);
  g(S1, s0p, b0p, P(b0l1));
  f(S, s1p, P(s1r1), s0p);
  f(S, s1p, s0p, P(s0l1));
  g(S2, s1p, s0p, P(s0r1));
  f(S, s1p, P(s1l1), s0p);
  f(S, s0p, P(s0l1), P(s0l2));
  g(S1, s0p, P(s0r1), P(s0r2));
  g(B1, b0p, P(b0l1), P(b0l2));
  f(S, s1p, P(s1r1), P(s1r2));
  g(S2, s1w, s0p, b0p);
  g(S2, s1p, s0w, b0p);
  g(S2, s1p, s0p, b0w);
  // Distances.
  g(S1, s0w, d0);
  g(S1, s0p, d0);
  g(B1, b0w, d0);
  g(B1, b0p, d0);
  g(S1, s0w, b0w, d0);
  g(S1, s0p, b0p, d0);
  f(S, s1p, s0p, d1);
  f(S, s1w, d1);
  f(S, s0w, d1);
  f(S, s1w, s0w, d1);
  // Valency.
  f(S, s0w, vl(s0, k0));
  f(S, s0p, vl(s0, k0));
  g(S1, s0w, vr(s0, k0));
  g(S1, s0p, vr(s0, k0));
  f(S, s1w, vr(s1, k1));
  f(S, s1p, vr(s1, k1));
  f(S, s1p, vl(s1, k1));
  g(B1, b0w, vl(b0, kb));
  g(B1, b0p, vl(b0, kb));
  // Children.
  auto child = [&](unsigned part, int c, int l) __attribute__((always_inline)) {
    f(part, W(c));
    f(part, P(c));
    f(part, L(l));
  };
  child(S, s0l1, k0.ll1);
  child(S, s0l2, k0.ll2);
  child(E, s0r1, k0.rl1);
  child(E, s0r2, k0.rl2);
  child(S, s1l1, k1.ll1);
  child(S, s1r1, k1.rl1);
  child(E, b0l1, kb.ll1);
  child(E, b0l2, kb.ll2);
  f(S, s0p, L(k0.ll1), L(k0.ll2));
  g(S1, s0p, L(k0.rl1), L(k0.rl2));
  f(S, s1p, L(k1.rl1), L(k1.rl2));
  g(B1, b0p, L(kb.ll1), L(kb.ll2));
  // Label sets.
  f(S, s0w, sl(s0, k0));
  f(S, s0p, sl(s0, k0));
  g(S1, s0w, sr(s0, k0));
  g(S1, s0p, sr(s0, k0));
  f(S, s1w, sr(s1, k1));
  f(S, s1p, sr(s1, k1));
  f(S, s1w, sl(s1, k1));
  f(S, s1p, sl(s1, k1));
  g(B1, b0w, sl(b0, kb));
  g(B1, b0p, sl(b0, kb));
  g(S1, s0p, b0p, sl(b0, kb));
  f(S, s1p, s0p, sr(s1, k1));
  // Word classes: lexical evidence that generalises to words seen rarely in
  // the treebank (Koo, Carreras & Collins 2008).
  auto C = [&](int i) -> std::uint64_t { return i < 0 ? kClassNone : w.cls[i]; };
  const std::uint64_t s0c = C(s0), s1c = C(s1), b0c = C(b0), b1c = C(b1);
  f(S, s0c);
  f(S, s1c);
  f(B, b0c);
  f(B, b1c);
  g(S1, s0c, b0c);
  g(S1, s0c, b0p);
  g(S1, s0p, b0c);
  f(S, s1c, s0c);
  f(S, s1c, s0p);
  f(S, s1p, s0c);
  g(S1, s0c, b0c, d0);
  f(S, s1c, s0c, d1);
  g(S1, s0p, b0p, b1c);
  f(S, C(s0l1), s0p);
  f(E, C(s0r1), s0p);
  f(E, C(b0l1), b0p);
  // Ambiguity classes: what the words can be, whatever the tagger said.
  auto A = [&](int i) -> std::uint64_t { return i < 0 ? kAmbNone : w.amb[i]; };
  const std::uint64_t s0a = A(s0), s1a = A(s1), b0a = A(b0), b1a = A(b1);
  f(S, s0a);
  f(S, s1a);
  f(B, b0a);
  f(B, b1a);
  g(S1, s0a, b0p);
  g(S1, s0p, b0a);
  g(S1, s0a, b0a);
  f(S, s1a, s0a);
  f(S, s1a, s0p);
  f(S, s1p, s0a);
  return o;
}

inline void extract(const View& st, const Words& w, std::vector<std::uint64_t>& out) {
  const std::size_t first = out.size();
  out.resize(first + kTransitionFeatures);
  check_feature_count(extract_parts<kAllParts>(st, w, out.data() + first), out, first + kTransitionFeatures);
}

// The greedy parser's transition scores, part by part (kStackPart ...): a
// state's scores are the sums of its parts' weights, and the stack and buffer
// parts come back from state to state (a word is s0 about twice, b stays for
// every arc made to it), so each is looked up once per word and remembered:
// -16% of parsing's instructions. The sums are of integers: the same in
// whatever order they are added. Valid along one greedy parse of one
// sentence: reset() before each.
class TransitionMemo {
 public:
  void reset(int n) {
    const std::size_t words = static_cast<std::size_t>(n) + 1;
    stack_.assign(words, Entry{});
    buffer_.assign(words, Entry{});
    // Not cleared: an entry's leads are written with its sums, before they
    // are read (zeroing them cost more than the memset of all else).
    if (lead_words_ < words) {
      stack_leads_ = std::make_unique_for_overwrite<std::uint64_t[]>(words * kStackLeadCount);
      buffer_leads_ = std::make_unique_for_overwrite<std::uint64_t[]>(words * kBufferLeadCount);
      lead_words_ = words;
    }
  }
  // Adds the transition scores of `st` to scores[0..kNumTransitions);
  // `lookup(span features, scores)` adds the weights of features.
  template <class Lookup>
  void score(const View& st, const Words& w, std::int32_t* scores, Lookup&& lookup) {
    const std::size_t s0 = static_cast<std::size_t>(st.s0 < 0 ? st.n : st.s0),
                      b = static_cast<std::size_t>(st.b);
    const LeadHashes leads{stack_leads_.get() + s0 * kStackLeadCount,
                           buffer_leads_.get() + b * kBufferLeadCount};
    add<kStackPart | kStackLeads>(stack_[s0], st, w, scores, lookup, leads);
    add<kBufferPart | kBufferLeads>(buffer_[b], st, w, scores, lookup, leads);
    LeadHashes in = leads;
    const std::uint64_t* end = extract_parts<kStatePart | kFromLeads>(st, w, feats_, &in);
    check_leads(in, leads);
    lookup(std::span<const std::uint64_t>(feats_, end), scores);
  }

 private:
  struct Entry {
    bool known = false;
    std::int32_t sum[kNumTransitions] = {0, 0, 0};
  };
  template <unsigned Parts, class Lookup>
  void add(Entry& e, const View& st, const Words& w, std::int32_t* scores, Lookup& lookup, LeadHashes leads) {
    if (!e.known) {
      e.known = true;
      LeadHashes out = leads;
      const std::uint64_t* end = extract_parts<Parts>(st, w, feats_, &out);
      lookup(std::span<const std::uint64_t>(feats_, end), e.sum);
      // Only the pointer of this part moved.
      if (Parts & kStackLeads) out.buffer += kBufferLeadCount;
      if (Parts & kBufferLeads) out.stack += kStackLeadCount;
      check_leads(out, leads);
    }
    for (int t = 0; t < kNumTransitions; ++t) scores[t] += e.sum[t];
  }
  // A state template given a lead but not counted in kStackLeadCount /
  // kBufferLeadCount reads or writes another word's: stop at once.
  static void check_leads(const LeadHashes& end, const LeadHashes& begin) {
    if (end.stack != begin.stack + kStackLeadCount || end.buffer != begin.buffer + kBufferLeadCount) {
      std::fputs("chronicle: parser lead hashes out of step with their templates\n", stderr);
      std::abort();
    }
  }
  std::vector<Entry> stack_, buffer_;  // by s0 (n: none), by b
  std::unique_ptr<std::uint64_t[]> stack_leads_,
      buffer_leads_;            // kStackLeadCount / kBufferLeadCount per entry
  std::size_t lead_words_ = 0;  // entries they have room for
  std::uint64_t feats_[kTransitionFeatures];
};

// The label templates that read nothing of an arc but the tags of its two
// words, its direction and distance, and whether the head is the root
// (kLabelShape, kLabelShapeFeatures of them; label_shape_key() says all they
// read), and the others (kLabelRest).
inline constexpr unsigned kLabelShape = 1, kLabelRest = 2, kLabelAll = 3;
inline constexpr std::size_t kLabelShapeFeatures = 7;
// The shape templates, bit k - 101 for template k (101 dir, 103 dp dir, 105
// hp dir, 106 dp hp dir, 110 dp hp dir dist, 111 dp dir dist, 128 dp hp dir root).
inline constexpr std::uint64_t kLabelShapeTemplates =
    1 << 0 | 1 << 2 | 1 << 4 | 1 << 5 | 1 << 9 | 1 << 10 | std::uint64_t{1} << 27;
inline std::uint64_t label_shape_key(const Words& w, int n, int h, int d) {
  auto P = [&](int i) -> std::uint64_t { return i < 0 || i > n ? kTagNone : w.tag[i]; };
  const std::uint64_t dir = d < h ? 1 : 2, root = h == n ? 1 : 0;
  // Tag ids are below 2^17 (at most 65535 tags), dist_bucket() below 8.
  return P(d) | P(h) << 20 | dir << 40 | dist_bucket(h - d) << 44 | root << 48 | std::uint64_t{1} << 63;
}

// The summed label weights of arc shapes (the kLabelShape features) by
// label_shape_key(): a few thousand shapes make most arcs, and one copied row
// replaces seven features' hashing and lookups (a sixth of the labeller's
// instructions). Sums of integers: the same scores as the features added one
// by one. Part of a ParserScratch, made for one model.
struct LabelShapeMemo {
  // 1024 lines of 51 labels, 200 KiB: 78% of rlate600's arcs hit.
  static constexpr unsigned kLineBits = 10;
  std::vector<std::uint64_t> keys;  // 0: empty (keys are never 0)
  std::vector<std::int32_t> sums;   // the model's label count per line
};

// Features of naming the arc h -> d, taken before it is made; `hk` and `dk`
// are the children of h and d so far. Writes those of the templates of
// `Parts` from `o` on (template numbers are those of the full set) and
// returns the end; kLabelAll writes them in template order.
template <unsigned Parts>
inline std::uint64_t* extract_label_parts(const Kids& hk, const Kids& dk, const Words& w, int n, int h, int d,
                                          std::uint64_t* o) {
  static const std::uint64_t kNoWord = features::hash_string("<none>");
  const std::uint64_t* const table = small_leads();
  const Mixer mx;
  auto W = [&](int i) -> std::uint64_t { return i < 0 || i > n ? kNoWord : w.word[i]; };
  auto P = [&](int i) -> Small { return small_part(i < 0 || i > n ? kTagNone : w.tag[i], table); };
  auto L = [&](int l) -> Small { return small_part(static_cast<std::uint64_t>(l + 1), table); };
  const std::uint64_t dir = d < h ? 1 : 2, dist = dist_bucket(h - d);
  const std::uint64_t dw = W(d), hw = W(h), dc = w.cls[d], hc = w.cls[h];
  const Small dp = P(d), hp = P(h);
  const int dl1 = dk.lc1, dl2 = dk.lc2, dr1 = dk.rc1;
  // The dependent's first function word (case, mark, det) says much of its
  // relation: "by" -> obl:agent, "to" + verb -> xcomp/advcl.
  const std::uint64_t dsets = mx.combine(2000, dk.lmask, dk.rmask);
  const std::uint64_t hsets = mx.combine(2001, hk.lmask, hk.rmask);
  int k = 100;
  // Every template counts (k), only those of `Parts` are hashed.
  auto f = [&](auto... parts) __attribute__((always_inline)) {
    ++k;
    const unsigned part = (kLabelShapeTemplates >> (k - 101)) & 1 ? kLabelShape : kLabelRest;
    if (part & Parts) *o++ = combine_parts(mx, static_cast<std::uint64_t>(k), parts...);
  };
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
  f(dp, L(dk.ll1), L(dk.ll2));
  f(dp, P(dr1), L(dk.rl1));
  f(dp, W(dr1));
  f(dp, P(d - 1), P(d + 1));
  f(hp, P(h - 1), P(h + 1), dir);
  f(dp, hp, L(hk.ll1), dir);
  f(dp, hp, L(hk.rl1), dir);
  f(dw, W(dl1));
  f(hw, dp, W(dl1));
  f(dp, hp, dir, h == n ? 1 : 0);
  f(dc, hp, dir);
  f(dp, hc, dir);
  f(dc, hc, dir);
  f(dc, W(dl1), dir);
  return o;
}

inline void extract_label(const Kids& hk, const Kids& dk, const Words& w, int n, int h, int d,
                          std::vector<std::uint64_t>& out) {
  const std::size_t first = out.size();
  out.resize(first + kLabelFeatures);
  check_feature_count(extract_label_parts<kLabelAll>(hk, dk, w, n, h, d, out.data() + first), out,
                      first + kLabelFeatures);
}

// Beam search over the unlabelled transitions (Zhang & Clark 2008; Zhang &
// Nivre 2011): the `width` best partial sequences by summed transition score
// are kept at each step. Every arc-hybrid sequence of a sentence of n words
// has exactly 2n transitions, so the beam advances in lockstep. A move that is
// the only one possible scores 0 and is not looked up (as in greedy parsing).
//
// States are cheap: the stack is a persistent linked list of nodes in a pool
// (a node holds its word's children so far; an arc copies one node), the
// arcs a chain of steps with back pointers, and an item is a few ints plus
// the children of b0. Scoring an item's transitions costs one feature
// extraction and one table pass, what a greedy step costs.
//
// Ties are broken by item order, then SHIFT < LEFT < RIGHT, so width 1 makes
// the choices of the greedy parser. Labels come from `label_fn` when an arc
// is made (greedy per arc); the features of later moves read them.
struct BeamNode {
  int word;
  int next;  // node below on the stack, -1: none
  Kids kids;
};
struct BeamStep {
  int parent;  // previous step, -1: none
  int t;
  int h, d, label;  // the arc of a LEFT or RIGHT
};
template <class Score>
struct BeamItem {
  Score score = 0;
  int top = -1;  // stack top node, -1: empty stack
  int depth = 0;
  int b = 0;
  int hist = -1;     // last step, -1: none
  bool gold = true;  // training: every move so far is the oracle's
  Kids kb;           // children of b0
};
template <class Score>
struct BeamScratch {
  struct Candidate {
    Score score;
    int item, t;
  };
  std::vector<BeamNode> nodes;
  std::vector<BeamStep> steps;
  std::vector<BeamItem<Score>> beam, next;
  std::vector<Candidate> candidates;
  std::vector<std::uint64_t> feats;
};

template <class Score>
View beam_view(const BeamItem<Score>& it, const std::vector<BeamNode>& nodes, int n) {
  View v;
  v.n = n;
  v.b = it.b;
  v.kb = &it.kb;
  if (it.top >= 0) {
    const BeamNode& a = nodes[it.top];
    v.s0 = a.word;
    v.k0 = &a.kids;
    if (a.next >= 0) {
      const BeamNode& b = nodes[a.next];
      v.s1 = b.word;
      v.k1 = &b.kids;
      if (b.next >= 0) v.s2 = nodes[b.next].word;
    }
  }
  return v;
}

// Runs the beam over a sentence of n words. `score_fn(feats, Score out[3])`
// adds the transition scores of a feature vector; `label_fn(hk, dk, h, d)`
// names an arc. `gold` (may be null): the oracle's moves, which mark the items
// on the gold path (BeamItem::gold). `on_step(step, beam)` sees the beam,
// best first, after each step. Afterwards sc.beam[0] is the best item.
template <class Score, class ScoreFn, class LabelFn, class StepFn>
void beam_search(const Words& w, int n, int width, ScoreFn&& score_fn, LabelFn&& label_fn,
                 BeamScratch<Score>& sc, const std::vector<int>* gold, StepFn&& on_step) {
  sc.nodes.clear();
  sc.steps.clear();
  sc.beam.assign(1, BeamItem<Score>{});
  if (width < 1) width = 1;
  for (int step = 0; step < 2 * n; ++step) {
    sc.candidates.clear();
    for (int i = 0; i < static_cast<int>(sc.beam.size()); ++i) {
      const BeamItem<Score>& it = sc.beam[i];
      const bool ok[kNumTransitions] = {it.b<n, it.depth> 0 && (it.b < n || it.depth == 1), it.depth >= 2};
      Score s[kNumTransitions] = {0, 0, 0};
      if (ok[kShift] + ok[kLeft] + ok[kRight] > 1) {
        sc.feats.clear();
        extract(beam_view(it, sc.nodes, n), w, sc.feats);
        score_fn(sc.feats, s);
      }
      for (int t = 0; t < kNumTransitions; ++t)
        if (ok[t]) sc.candidates.push_back({static_cast<Score>(it.score + s[t]), i, t});
    }
    const std::size_t k = std::min(static_cast<std::size_t>(width), sc.candidates.size());
    std::partial_sort(sc.candidates.begin(), sc.candidates.begin() + static_cast<std::ptrdiff_t>(k),
                      sc.candidates.end(), [](const auto& a, const auto& b) {
                        if (a.score != b.score) return a.score > b.score;
                        return a.item != b.item ? a.item < b.item : a.t < b.t;
                      });
    sc.next.clear();
    for (std::size_t c = 0; c < k; ++c) {
      const auto cand = sc.candidates[c];
      const BeamItem<Score>& it = sc.beam[cand.item];
      BeamItem<Score> ni = it;
      ni.score = cand.score;
      ni.gold = it.gold && gold && (*gold)[step] == cand.t;
      BeamStep st{it.hist, cand.t, -1, -1, -1};
      if (cand.t == kShift) {
        sc.nodes.push_back(BeamNode{it.b, it.top, it.kb});
        ni.top = static_cast<int>(sc.nodes.size()) - 1;
        ++ni.depth;
        ++ni.b;
        ni.kb = Kids{};
      } else if (cand.t == kLeft) {
        const BeamNode s0 = sc.nodes[it.top];
        st.h = it.b;
        st.d = s0.word;
        st.label = label_fn(it.kb, s0.kids, st.h, st.d);
        ni.kb.add(st.h, st.d, st.label);
        ni.top = s0.next;
        --ni.depth;
      } else {
        const BeamNode s0 = sc.nodes[it.top];
        BeamNode s1 = sc.nodes[s0.next];
        st.h = s1.word;
        st.d = s0.word;
        st.label = label_fn(s1.kids, s0.kids, st.h, st.d);
        s1.kids.add(st.h, st.d, st.label);
        sc.nodes.push_back(s1);
        ni.top = static_cast<int>(sc.nodes.size()) - 1;
        --ni.depth;
      }
      sc.steps.push_back(st);
      ni.hist = static_cast<int>(sc.steps.size()) - 1;
      sc.next.push_back(ni);
    }
    std::swap(sc.beam, sc.next);
    on_step(step, sc.beam);
  }
}

// A key of what the labeller reads of an arc h -> d besides the words: the
// same key, the same label (a memo of labels within a sentence).
inline std::uint64_t label_memo_key(const Kids& hk, const Kids& dk, int h, int d) {
  using features::combine;
  auto u = [](int v) { return static_cast<std::uint64_t>(v + 1); };
  std::uint64_t key = combine(u(h), u(d), u(hk.ll1), u(hk.rl1));
  key = combine(key, hk.lmask, hk.rmask);
  key = combine(key, u(dk.lc1), u(dk.lc2), u(dk.rc1));
  key = combine(key, u(dk.ll1), u(dk.ll2), u(dk.rl1));
  return combine(key, dk.lmask, dk.rmask) | 1;  // never 0
}

// The transitions of the sequence ending at step `hist`, first to last.
inline void beam_moves(const std::vector<BeamStep>& steps, int hist, std::vector<int>& out) {
  out.clear();
  for (int h = hist; h >= 0; h = steps[h].parent) out.push_back(steps[h].t);
  std::reverse(out.begin(), out.end());
}

}  // namespace parser_detail

struct Parser::Impl {
  std::string provenance;
  std::vector<std::string> tags;    // "UPOS XPOS"
  std::vector<std::string> labels;  // UD relations
  std::uint32_t root_label = 0;
  std::uint32_t beam_width = 1;      // decoding width the model was trained for (format 4)
  U64Map<std::uint32_t> tag_ids;     // tag_key -> id (kFirstTag + index)
  U64Map<std::uint16_t> word_class;  // lowercase hash -> class + 1
  U64Map<std::uint32_t> ambiguity;   // lowercase hash -> pack_ambiguity()
  WeightTable transitions;           // kNumTransitions classes
  WeightTable arc_labels;            // one class per label
  // The reviser (extract/tree_revision.h): one score per candidate head, for
  // words of the relations in the `revised` bit set (by label id); no
  // classes in a model without it.
  WeightTable revision;
  std::uint64_t revised = 0;
  std::vector<std::uint8_t> tag_class;  // by tag id: kFunctionWord | kMark | kNominal bits (index_tags())
  std::uint64_t nominal_relations = 0;  // label ids UD allows only under a nominal (index_tags())
  int punct_label = -1;                 // id of "punct" (index_tags()), -1: none
  struct SelfTest {
    std::string forms, tags, expected;
  };
  std::vector<SelfTest> self_test;
  // Process-unique, given when a Parser takes the model (which is immutable
  // from then on): the model a ParserScratch was made for.
  std::uint64_t serial = 0;

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
  // Parses one sentence: heads (0-based, -1 root) and label ids. Width 1 is
  // the greedy parser; wider runs the beam (beam_search()).
  // `scratch` (may be null; made for this model) remembers weights across sentences.
  void parse_sentence(const parser_detail::Words& words, int n, std::vector<int>& heads,
                      std::vector<int>& labels, int width = 1, ParserScratch::Impl* scratch = nullptr) const;
  void parse_beam(const parser_detail::Words& words, int n, std::vector<int>& heads, std::vector<int>& labels,
                  int width, ParserScratch::Impl* scratch = nullptr) const;
  // Adds the transition weights of `feats` to scores[0..kNumTransitions).
  void score_transitions(std::span<const std::uint64_t> feats, std::int32_t* scores,
                         WeightTable::Cache* cache) const {
    if (cache)
      transitions.add_all(feats, scores, *cache);
    else
      transitions.add_all(feats, scores);
  }
  // The labeller's choice for the arc h -> d (the root label when h is the root);
  // `shapes` (may be null) remembers the sums of the arc shape features.
  int arc_label(const parser_detail::Kids& hk, const parser_detail::Kids& dk,
                const parser_detail::Words& words, int n, int h, int d, std::vector<std::uint64_t>& feats,
                std::vector<std::int32_t>& scores, parser_detail::LabelShapeMemo* shapes) const;
  bool has_reviser() const { return revision.num_classes() > 0; }
  // The id of relation `rel`, or -1 when the model has no such relation.
  int label_id(std::string_view rel) const {
    const auto it = std::find(labels.begin(), labels.end(), rel);
    return it == labels.end() ? -1 : static_cast<int>(it - labels.begin());
  }
  // Moves words of a finished tree (heads 0-based, -1 root; `labels` its
  // label ids) to the head the reviser prefers among their candidates. The
  // root stays the root and the tree a tree.
  void revise_tree(const parser_detail::Words& words, int n, std::vector<int>& heads,
                   const std::vector<int>& labels) const;
  std::string serialize() const;
  static std::unique_ptr<Impl> parse_model(std::string_view bytes, const std::string& what);
};

// What a ParserScratch holds: valid for the model whose serial it keeps.
struct ParserScratch::Impl {
  std::uint64_t serial = 0;
  std::unique_ptr<WeightTable::Cache> transitions;
  parser_detail::LabelShapeMemo shapes;
  // Made anew unless made for `m` already; `words`: about how many words it
  // will see (WeightTable::Cache).
  void prepare(const Parser::Impl& m, std::size_t words);
};

// Separator of the forms and tags of a self-test sentence.
inline constexpr char kSelfTestSep = '\x1f';
// The "head:label ..." description of how `m` parses a self-test sentence.
std::string parser_self_test_result(const Parser::Impl& m, const std::string& forms, const std::string& tags);

}  // namespace chronicle
