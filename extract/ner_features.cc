#include "extract/ner_features.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "extract/feature_hash.h"

namespace chronicle::ner {

namespace {

using features::kFnvOffset;
using features::kFnvPrime;

std::uint64_t finalise(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Which of the three a byte is, by table: describe_tokens() asks for every byte of every word.
enum : std::uint8_t { kLowerByte = 1, kUpperByte = 2, kDigitByte = 4 };
constexpr std::array<std::uint8_t, 256> kByteClass = [] {
  std::array<std::uint8_t, 256> table{};
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    table[static_cast<std::size_t>(c)] = is_lower(ch)   ? kLowerByte
                                         : is_upper(ch) ? kUpperByte
                                         : is_digit(ch) ? kDigitByte
                                                        : 0;
  }
  return table;
}();

// Template ids: never renumber (a model stores weights keyed by them).
enum Template : std::uint64_t {
  kBias = 1,
  kWord,
  kLower,
  kShape,
  kShortShape,
  kPrefix,
  kSuffix,
  kLowerM1,
  kLowerP1,
  kLowerM2,
  kLowerP2,
  kShapeM1,
  kShapeP1,
  kShape3,
  kBigramL,
  kBigramR,
  kClusterFine,
  kClusterCoarse,
  kClusterFineM1,
  kClusterFineP1,
  kClusterCoarseM1,
  kClusterCoarseP1,
  kInitialShape,
  kCaseRatio,
  kCommon,
  kGaz,
  kGazM1,
  kGazP1,
  kDocEvidence,
  kAllCapsSentence,
  kPos,
  kPosM1,
  kPosP1,
  kHistory,
  kHistoryMajor,
  kLowerShapeM1,
  kLowerShapeP1,
  kGazSpanCount,
  kClusterInitial,
};

inline std::uint64_t feat(std::uint64_t tpl, std::uint64_t value) { return mix(tpl, value); }

}  // namespace

std::uint64_t hash_str(std::string_view s) { return finalise(features::fnv1a(kFnvOffset, s)); }

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  return finalise(a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull + (a << 6) + (a >> 2)));
}

bool transition_allowed(int from, int to) {
  bool from_open = from >= 0 && from != 0 && (bilou_of(from) == kB || bilou_of(from) == kI);
  if (from_open) {
    return to != 0 && type_of(to) == type_of(from) && (bilou_of(to) == kI || bilou_of(to) == kL);
  }
  return to == 0 || bilou_of(to) == kB || bilou_of(to) == kU;
}

bool final_allowed(int tag) { return tag == 0 || bilou_of(tag) == kL || bilou_of(tag) == kU; }

void NerLexicon::write(BinaryWriter& w) const {
  auto sorted = [](const auto& m) {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> v;
    v.reserve(m.size());
    for (auto& [k, x] : m) v.emplace_back(k, static_cast<std::uint64_t>(x));
    std::sort(v.begin(), v.end());
    return v;
  };
  auto v = sorted(clusters);
  w.u32(static_cast<std::uint32_t>(v.size()));
  for (auto& [k, x] : v) {
    w.u64(k);
    w.u32(static_cast<std::uint32_t>(x));
  }
  for (const auto* m : {&case_ratio, &gazetteer, &common_words}) {
    auto s = sorted(*m);
    w.u32(static_cast<std::uint32_t>(s.size()));
    for (auto& [k, x] : s) {
      w.u64(k);
      w.u8(static_cast<std::uint8_t>(x));
    }
  }
  w.u32(max_gazetteer_tokens);
}

NerLexicon NerLexicon::read(BinaryReader& r) {
  // Straight into the flat table: the maps stay empty in a loaded lexicon
  // (only the trainer, which built them, writes lexicons).
  NerLexicon lex;
  std::vector<std::pair<std::uint64_t, Entry>> all;
  std::uint32_t n = r.u32();
  if (n > r.remaining() / 12) r.fail("cluster table larger than the file");
  all.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::uint64_t k = r.u64();
    Entry e;
    e.cluster = r.u32();
    all.emplace_back(k, e);
  }
  std::vector<std::size_t> runs{0, all.size()};  // each table is written in key order
  for (int table = 0; table < 3; ++table) {
    n = r.u32();
    if (n > r.remaining() / 9) r.fail("lexicon table larger than the file");
    for (std::uint32_t i = 0; i < n; ++i) {
      std::uint64_t k = r.u64();
      Entry e;
      std::uint8_t v = r.u8();
      (table == 0 ? e.case_ratio : table == 1 ? e.gazetteer : e.common) = v;
      all.emplace_back(k, e);
    }
    runs.push_back(all.size());
  }
  // Merging the four sorted runs gives what fill()'s stable sort would, in linear time
  // (equal keys keep their table order); a file whose runs are out of order is left to it.
  const auto by_key = [](const auto& x, const auto& y) { return x.first < y.first; };
  bool runs_sorted = true;
  for (std::size_t i = 0; i + 1 < runs.size(); ++i)
    runs_sorted =
        runs_sorted && std::is_sorted(all.begin() + static_cast<std::ptrdiff_t>(runs[i]),
                                      all.begin() + static_cast<std::ptrdiff_t>(runs[i + 1]), by_key);
  if (runs_sorted)
    for (std::size_t i = 2; i < runs.size(); ++i)
      std::inplace_merge(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(runs[i - 1]),
                         all.begin() + static_cast<std::ptrdiff_t>(runs[i]), by_key);
  lex.max_gazetteer_tokens = r.u32();
  if (lex.max_gazetteer_tokens > 16) r.fail("implausible gazetteer entry length");
  lex.fill(std::move(all));
  return lex;
}

void NerLexicon::freeze() {
  std::vector<std::pair<std::uint64_t, Entry>> all;
  for (auto& [k, v] : clusters) all.push_back({k, Entry{v, 0, 0, 0}});
  for (auto& [k, v] : case_ratio) all.push_back({k, Entry{0, v, 0, 0}});
  for (auto& [k, v] : gazetteer) all.push_back({k, Entry{0, 0, v, 0}});
  for (auto& [k, v] : common_words) all.push_back({k, Entry{0, 0, 0, v}});
  fill(std::move(all));
}

void NerLexicon::fill(std::vector<std::pair<std::uint64_t, Entry>> all) {
  // Merge entries of the same key; insertion in key order keeps the layout deterministic.
  const auto by_key = [](const auto& x, const auto& y) { return x.first < y.first; };
  if (!std::is_sorted(all.begin(), all.end(), by_key)) std::stable_sort(all.begin(), all.end(), by_key);
  std::size_t distinct = 0;
  for (std::size_t i = 0; i < all.size(); ++i)
    if (i == 0 || all[i].first != all[i - 1].first) ++distinct;
  std::size_t cap = 16;
  while (cap < 2 * distinct) cap *= 2;
  keys_.assign(cap, 0);
  entries_.assign(cap, Entry{});
  mask_ = cap - 1;
  std::size_t slot = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& [k, e] = all[i];
    if (k == 0) continue;  // 0 marks an empty slot (a zero hash is vanishingly unlikely)
    if (i == 0 || k != all[i - 1].first) {
      slot = k & mask_;
      while (keys_[slot] != 0) slot = (slot + 1) & mask_;
      keys_[slot] = k;
    }
    Entry& d = entries_[slot];
    d.cluster |= e.cluster;
    d.case_ratio |= e.case_ratio;
    d.gazetteer |= e.gazetteer;
    d.common |= e.common;
  }
}

namespace {
// FNV over the ASCII-lowercased bytes.
std::uint64_t fnv_add_lower(std::uint64_t h, std::string_view s) {
  return features::fnv1a(
      h, s, [](unsigned char c) { return static_cast<unsigned char>(ascii_lower(static_cast<char>(c))); });
}
// A byte's mark in a word's shape, by table (two shapes of every word): X for upper, x lower,
// d digit, u non-ASCII; other bytes as they are.
constexpr std::array<char, 256> kShapeMark = [] {
  std::array<char, 256> table{};
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    table[static_cast<std::size_t>(c)] = is_upper(ch)   ? 'X'
                                         : is_lower(ch) ? 'x'
                                         : is_digit(ch) ? 'd'
                                         : c >= 128     ? 'u'
                                                        : ch;
  }
  return table;
}();
// Hash of a word's shape (its bytes' kShapeMark). collapse: runs of one class become one mark;
// otherwise runs are capped at two marks. At most 12 marks.
std::uint64_t shape_hash(std::string_view w, bool collapse) {
  std::uint64_t h = kFnvOffset;
  char last = 0, last2 = 0;
  int marks = 0;
  for (char c : w) {
    const char m = kShapeMark[static_cast<unsigned char>(c)];
    if (collapse && marks > 0 && last == m) continue;
    if (!collapse && marks >= 2 && last == m && last2 == m) continue;
    h ^= static_cast<unsigned char>(m);
    h *= kFnvPrime;
    last2 = last;
    last = m;
    if (++marks >= 12) break;
  }
  return finalise(h);
}
}  // namespace

void describe_tokens(const SentenceView& s, const NerLexicon& lex, std::vector<TokenInfo>& info) {
  const std::size_t n = s.words.size();
  info.assign(n, TokenInfo{});
  bool caps_sentence = true;
  for (std::size_t i = 0; i < n; ++i) {
    TokenInfo& t = info[i];
    std::string_view w = s.words[i];
    t.text = w;
    unsigned seen = 0;  // kLowerByte | kUpperByte | kDigitByte
    for (char c : w) seen |= kByteClass[static_cast<unsigned char>(c)];
    const bool any_lower = seen & kLowerByte, any_upper = seen & kUpperByte;
    t.has_digit = seen & kDigitByte;
    t.has_alpha = any_lower || any_upper;
    t.capitalised = !w.empty() && is_upper(w[0]);
    t.all_caps = any_upper && !any_lower;
    if (t.has_alpha && !t.all_caps) caps_sentence = false;
    t.word = hash_str(w);
    t.lower = any_upper ? finalise(fnv_add_lower(kFnvOffset, w)) : t.word;
    t.shape = shape_hash(w, false);
    t.short_shape = shape_hash(w, true);
    const NerLexicon::Entry* ew = lex.find(t.word);
    const NerLexicon::Entry* el = t.lower == t.word ? ew : lex.find(t.lower);
    if (ew && ew->cluster) {
      t.cluster = ew->cluster;
    } else if (el && el->cluster) {
      t.cluster = el->cluster;
    } else if (t.all_caps && w.size() > 1) {
      // Headlines are upper case: try the word as it would be written in running text.
      std::uint64_t h = features::fnv1a(kFnvOffset, w.substr(0, 1));
      h = fnv_add_lower(h, w.substr(1));
      if (const NerLexicon::Entry* et = lex.find(finalise(h)); et && et->cluster) t.cluster = et->cluster;
    }
    if (el) {
      t.case_ratio = el->case_ratio;
      t.common = el->common != 0;
    }
    if (i < s.xpos.size() && !s.xpos[i].empty()) t.pos = hash_str(s.xpos[i]);
  }
  for (TokenInfo& t : info) t.caps_sentence = caps_sentence;
  // Gazetteer: spans of up to max_gazetteer_tokens tokens that start and end
  // with a capitalised token (names), single lowercase tokens for common nouns.
  const std::size_t max_len = lex.max_gazetteer_tokens;
  if (max_len == 0) return;
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t h = kFnvOffset;
    // Only a span that starts with a capital can name something; a lowercase
    // word is looked up alone (common nouns). Skipping the rest saves most of
    // the lookups, each a likely cache miss in a large table.
    const std::size_t longest = info[i].capitalised ? max_len : 1;
    for (std::size_t len = 1; len <= longest && i + len <= n; ++len) {
      std::size_t j = i + len - 1;
      if (len > 1) h = features::fnv1a(h, " ");
      h = fnv_add_lower(h, info[j].text);
      if (len > 1 && !info[j].capitalised && !info[j].has_digit) continue;  // not name-like: no effect
      const NerLexicon::Entry* e = lex.find(finalise(h));
      if (!e || !e->gazetteer) continue;
      std::uint8_t bits = e->gazetteer;
      bool name_like = info[i].capitalised && (info[j].capitalised || info[j].has_digit);
      for (int c = 0; c < kGazCategories; ++c) {
        if (!(bits & (1u << c))) continue;
        if (c == kGazVehicleNoun) {
          if (len == 1 && !info[i].capitalised) info[i].gaz[c] = 1 + kU;
          continue;
        }
        if (!name_like) continue;
        if (len == 1) {
          info[i].gaz[c] = 1 + kU;
        } else {
          info[i].gaz[c] = 1 + kB;
          for (std::size_t k = i + 1; k < j; ++k) info[k].gaz[c] = 1 + kI;
          info[j].gaz[c] = 1 + kL;
        }
      }
    }
  }
}

void gather_evidence(const SentenceView& s, DocumentEvidence& ev) {
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    std::string_view w = s.words[i];
    if (w.empty()) continue;
    bool any_lower = false;
    for (char c : w) any_lower |= is_lower(c);
    std::uint8_t bit = 0;
    if (is_upper(w[0]) && any_lower && i > 0) {
      // Mid-sentence capitalised, not after an opening quote or colon.
      std::string_view prev = s.words[i - 1];
      if (prev != "\"" && prev != ":" && prev != "``" && prev != "-" && prev != "(") bit = 1;
    } else if (is_lower(w[0])) {
      bit = 2;
    }
    if (bit) ev.words[finalise(fnv_add_lower(kFnvOffset, w))] |= bit;
  }
}

// The most features static_features() adds for one token: bias, word, lower,
// shape, short shape (5); four prefixes and suffixes (8); the neighbours'
// words and shapes and their combinations (11); the cluster (3) and its
// neighbours (4); initial shape, case ratio, common (3); per gazetteer
// category the word's and its neighbours' (3 each); the gazetteer count,
// the document evidence, the all-caps sentence (3); the tags (3).
constexpr std::size_t kMaxStaticFeatures = 5 + 8 + 11 + 3 + 4 + 3 + 3 * kGazCategories + 3 + 3;

void static_features(const std::vector<TokenInfo>& info, std::size_t i, const DocumentEvidence& ev,
                     bool use_pos, std::vector<std::uint64_t>& out) {
  const std::size_t n = info.size();
  const TokenInfo& t = info[i];
  static constexpr std::uint64_t kNone = 0x5bd1e995u;  // padding beyond the sentence
  auto lower_at = [&](long k) -> std::uint64_t {
    long j = static_cast<long>(i) + k;
    return (j < 0 || j >= static_cast<long>(n)) ? kNone + static_cast<std::uint64_t>(k < 0) : info[j].lower;
  };
  auto sshape_at = [&](long k) -> std::uint64_t {
    long j = static_cast<long>(i) + k;
    return (j < 0 || j >= static_cast<long>(n)) ? kNone + static_cast<std::uint64_t>(k < 0)
                                                : info[j].short_shape;
  };
  auto cluster_at = [&](long k) -> std::uint32_t {
    long j = static_cast<long>(i) + k;
    return (j < 0 || j >= static_cast<long>(n)) ? 0xffffffu : info[j].cluster;
  };
  const bool initial =
      i == 0 || (i == 1 && (info[0].text == "\"" || info[0].text == "``" || info[0].text == "-"));
  // Every template writes through a pointer into a local array, appended to `out` at the end:
  // push_back, with its capacity test per feature (and GCC's out-of-line copy of it), cost a
  // sixth of this function, and making the room in `out` first zeroed it. kMaxStaticFeatures
  // bounds what one token adds.
  std::uint64_t keys[kMaxStaticFeatures];
  std::uint64_t* o = keys;
  auto put = [&o](std::uint64_t f) { *o++ = f; };
  put(feat(kBias, 0));
  put(feat(kWord, t.word));
  put(feat(kLower, t.lower));
  put(feat(kShape, t.shape));
  put(feat(kShortShape, t.short_shape));
  const std::string_view w = t.text;
  // FNV-1a runs forward, so each prefix's hash continues the one before it
  // (the same as hash_str() of the prefix).
  std::uint64_t prefix = kFnvOffset;
  for (std::size_t k = 1; k <= 4 && k < w.size(); ++k) {
    prefix = features::fnv1a(prefix, w.substr(k - 1, 1));
    put(feat(kPrefix, finalise(prefix)));
    put(feat(kSuffix, hash_str(w.substr(w.size() - k))));
  }
  put(feat(kLowerM1, lower_at(-1)));
  put(feat(kLowerP1, lower_at(1)));
  put(feat(kLowerM2, lower_at(-2)));
  put(feat(kLowerP2, lower_at(2)));
  put(feat(kShapeM1, sshape_at(-1)));
  put(feat(kShapeP1, sshape_at(1)));
  put(feat(kShape3, mix(mix(sshape_at(-1), t.short_shape), sshape_at(1))));
  put(feat(kBigramL, mix(lower_at(-1), t.lower)));
  put(feat(kBigramR, mix(t.lower, lower_at(1))));
  put(feat(kLowerShapeM1, mix(lower_at(-1), t.short_shape)));
  put(feat(kLowerShapeP1, mix(t.short_shape, lower_at(1))));
  if (t.cluster) {
    put(feat(kClusterFine, t.cluster & 0xffffu));
    put(feat(kClusterCoarse, t.cluster >> 16));
    put(feat(kClusterInitial, mix(t.cluster >> 16, initial)));
  }
  put(feat(kClusterFineM1, cluster_at(-1) & 0xffffu));
  put(feat(kClusterFineP1, cluster_at(1) & 0xffffu));
  put(feat(kClusterCoarseM1, cluster_at(-1) >> 16));
  put(feat(kClusterCoarseP1, cluster_at(1) >> 16));
  put(feat(kInitialShape, mix(initial, t.short_shape)));
  put(feat(kCaseRatio, (std::uint64_t{t.case_ratio} << 8) | (t.capitalised << 1) | initial));
  put(feat(kCommon, (std::uint64_t{t.common} << 8) | (t.capitalised << 1) | initial));
  int gaz_count = 0;
  // Most tokens and their neighbours are in no gazetteer: one test of the three tokens' eight
  // categories at once instead of twenty-four.
  const auto any_gaz = [&](std::size_t j) {
    std::uint64_t bits;
    std::memcpy(&bits, info[j].gaz, sizeof bits);
    return bits != 0;
  };
  static_assert(sizeof(TokenInfo::gaz) == sizeof(std::uint64_t));
  const bool gaz_near = any_gaz(i) || (i > 0 && any_gaz(i - 1)) || (i + 1 < n && any_gaz(i + 1));
  for (int c = 0; gaz_near && c < kGazCategories; ++c) {
    if (t.gaz[c]) {
      ++gaz_count;
      put(feat(kGaz, c * 8 + t.gaz[c]));
    }
    if (i > 0 && info[i - 1].gaz[c]) put(feat(kGazM1, c * 8 + info[i - 1].gaz[c]));
    if (i + 1 < n && info[i + 1].gaz[c]) put(feat(kGazP1, c * 8 + info[i + 1].gaz[c]));
  }
  put(feat(kGazSpanCount, static_cast<std::uint64_t>(gaz_count) * 4 + t.capitalised * 2 + initial));
  std::uint8_t bits = 0;
  if (auto it = ev.words.find(t.lower); it != ev.words.end()) bits = it->second;
  put(feat(kDocEvidence, (std::uint64_t{bits} << 8) | (t.capitalised << 2) | (t.all_caps << 1) | initial));
  if (t.caps_sentence) put(feat(kAllCapsSentence, t.short_shape));
  if (use_pos && t.pos) {
    put(feat(kPos, t.pos));
    put(feat(kPosM1, mix(i > 0 ? info[i - 1].pos : kNone, t.pos)));
    put(feat(kPosP1, mix(t.pos, i + 1 < n ? info[i + 1].pos : kNone)));
  }
  out.insert(out.end(), keys, o);
}

void history_features(const std::vector<TokenInfo>& info, std::size_t i, const DocumentEvidence& ev,
                      std::vector<std::uint64_t>& out) {
  const TokenInfo& t = info[i];
  if (!t.has_alpha) return;
  auto it = ev.history.find(t.lower);
  if (it == ev.history.end()) return;
  int best = -1;
  unsigned best_count = 0;
  for (int k = 0; k < kTypes; ++k) {
    if (it->second[k] == 0) continue;
    out.push_back(feat(kHistory, static_cast<std::uint64_t>(k) * 2 + t.capitalised));
    if (it->second[k] > best_count) {
      best = k;
      best_count = it->second[k];
    }
  }
  if (best >= 0) out.push_back(feat(kHistoryMajor, static_cast<std::uint64_t>(best) * 2 + t.capitalised));
}

void record_history(const std::vector<TokenInfo>& info, const std::vector<int>& tags, DocumentEvidence& ev) {
  for (std::size_t i = 0; i < info.size() && i < tags.size(); ++i) {
    int type = type_of(tags[i]);
    if (type < 0 || !info[i].has_alpha) continue;
    auto& counts = ev.history[info[i].lower];
    if (counts[type] < 0xffff) ++counts[type];
  }
}

ViterbiTransitions viterbi_transitions(const float* transition) {
  constexpr float kNeg = -std::numeric_limits<float>::infinity();
  ViterbiTransitions v;
  for (int to = 0; to < kTags; ++to) v.start[to] = transition[kTags * kTags + to];
  for (int from = 0; from < kTags; ++from)
    for (int to = 0; to < ViterbiTransitions::kPadded; ++to) {
      const bool allowed = to < kTags && transition_allowed(from, to);
      v.masked[from][to] = allowed ? transition[from * kTags + to] : kNeg;
      if (allowed) v.from[to][v.count[to]++] = from;
    }
  return v;
}

std::vector<int> viterbi(const std::vector<float>& scores, std::size_t n,
                         const ViterbiTransitions& transitions) {
  std::vector<int> out(n, 0);
  if (n == 0) return out;
  constexpr float kNeg = -std::numeric_limits<float>::infinity();
  constexpr int kPadded = ViterbiTransitions::kPadded;
  // The forward pass keeps only each tag's best sum, not which predecessor gave it: a maximum
  // over every (from, to) pair, four targets at a time (GCC and Clang vector extensions): an
  // add and a max each, where keeping the predecessor as well took a compare and two selects,
  // and walking only the allowed pairs took as much in branches. The path is then walked back,
  // and at each of its tags the predecessor is found again as the lowest allowed tag whose sum
  // equals that maximum: the one a walk in ascending order keeping the first of equal sums
  // would keep. The sums are the same single-precision additions either way, so equal bit for
  // bit; a pair BILOU forbids or a predecessor that cannot be reached gives -inf, which never
  // raises a maximum.
  using Floats = float __attribute__((vector_size(16)));
  constexpr int kGroups = kPadded / 4;
  std::vector<float> best(n * kPadded, kNeg);  // with the tag's own score
  std::vector<float> into(n * kPadded, kNeg);  // the maximum over the predecessors alone
  for (int t = 0; t < kTags; ++t)
    if (transition_allowed(-1, t)) best[t] = scores[t] + transitions.start[t];
  for (std::size_t i = 1; i < n; ++i) {
    const float* prev_best = &best[(i - 1) * kPadded];
    Floats b[kGroups];
    for (int k = 0; k < kGroups; ++k) b[k] = Floats{kNeg, kNeg, kNeg, kNeg};
    for (int f = 0; f < kTags; ++f) {
      // An unreachable predecessor (-inf) adds -inf: no test needed, no branch to mispredict.
      const Floats p = {prev_best[f], prev_best[f], prev_best[f], prev_best[f]};
      for (int k = 0; k < kGroups; ++k) {  // constant bounds: b stays in registers
        Floats row;                        // four targets of the masked row (a 16-byte load)
        std::memcpy(&row, &transitions.masked[f][4 * k], sizeof row);
        const Floats v = p + row;
        b[k] = b[k] > v ? b[k] : v;
      }
    }
    // The tags' own scores, four at a time while four are left in the row.
    float* to_best = &best[i * kPadded];
    const float* own = &scores[i * kTags];
    std::memcpy(&into[i * kPadded], b, sizeof b);
    int t = 0;
    for (; t + 4 <= kTags; t += 4) {
      Floats o;
      std::memcpy(&o, own + t, sizeof o);
      const Floats sum = b[t / 4] + o;
      std::memcpy(to_best + t, &sum, sizeof sum);
    }
    for (; t < kTags; ++t) to_best[t] = b[t / 4][t % 4] + own[t];
  }
  float b = kNeg;
  int arg = 0;
  for (int t = 0; t < kTags; ++t) {
    float v = best[(n - 1) * kPadded + t];
    if (final_allowed(t) && v > b) {
      b = v;
      arg = t;
    }
  }
  // Every tag of the path is reachable (its sum is finite), so its maximum came from one of
  // its predecessors.
  for (std::size_t i = n; i-- > 0;) {
    out[i] = arg;
    if (i == 0) break;
    const float target = into[i * kPadded + arg];
    const float* prev_best = &best[(i - 1) * kPadded];
    int found = 0;
    for (int k = 0; k < transitions.count[arg]; ++k) {
      const int f = transitions.from[arg][k];
      if (prev_best[f] + transitions.masked[f][arg] == target) {
        found = f;
        break;
      }
    }
    arg = found;
  }
  return out;
}

}  // namespace chronicle::ner
