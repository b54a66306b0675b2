#include "extract/perceptron.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <tuple>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#endif

namespace chronicle {

WeightTable WeightTable::from_entries(std::vector<Entry> entries, std::uint32_t num_classes,
                                      std::size_t max_features, std::size_t max_weights) {
  // Pruning: the features that move scores least go first.
  if (entries.size() > max_features) {
    std::vector<std::pair<double, std::uint64_t>> norms;
    norms.reserve(entries.size());
    for (const Entry& e : entries) {
      double l1 = 0;
      for (auto& [c, w] : e.weights) l1 += std::fabs(w);
      norms.emplace_back(-l1, e.feature);
    }
    std::nth_element(norms.begin(), norms.begin() + static_cast<std::ptrdiff_t>(max_features), norms.end());
    norms.resize(max_features);
    std::vector<std::uint64_t> keep;
    for (auto& [n, f] : norms) keep.push_back(f);
    std::sort(keep.begin(), keep.end());
    std::erase_if(entries,
                  [&](const Entry& e) { return !std::binary_search(keep.begin(), keep.end(), e.feature); });
  }
  std::size_t total = 0;
  for (const Entry& e : entries) total += e.weights.size();
  if (total > max_weights) {
    // The weakest weights go, ties by feature and class, so any input order gives one table.
    using Ranked = std::tuple<float, std::uint64_t, std::uint16_t>;  // (-|w|, feature, class)
    std::vector<Ranked> ranked;
    ranked.reserve(total);
    for (const Entry& e : entries)
      for (auto& [c, w] : e.weights) ranked.emplace_back(-std::fabs(w), e.feature, c);
    std::nth_element(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(max_weights), ranked.end());
    ranked.resize(max_weights);
    auto by_key = [](const Ranked& a, const Ranked& b) {
      return std::tie(std::get<1>(a), std::get<2>(a)) < std::tie(std::get<1>(b), std::get<2>(b));
    };
    std::sort(ranked.begin(), ranked.end(), by_key);
    for (Entry& e : entries)
      std::erase_if(e.weights, [&](const std::pair<std::uint16_t, float>& w) {
        return !std::binary_search(ranked.begin(), ranked.end(), Ranked(0, e.feature, w.first), by_key);
      });
  }
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.feature < b.feature; });
  float max_abs = 0;
  for (const Entry& e : entries)
    for (auto& [c, w] : e.weights) max_abs = std::max(max_abs, std::fabs(w));
  // One scale for the whole table keeps scores comparable across features.
  const double scale = max_abs > 0 ? 32767.0 / max_abs : 1.0;
  std::vector<std::uint64_t> keys;
  std::vector<std::uint32_t> starts{0};
  std::vector<std::uint16_t> classes;
  std::vector<std::int16_t> values;
  for (Entry& e : entries) {
    if (e.feature == 0) continue;  // 0 marks empty slots
    std::sort(e.weights.begin(), e.weights.end());
    std::size_t before = classes.size();
    for (auto& [c, w] : e.weights) {
      long q = std::lround(w * scale);
      if (q == 0) continue;
      classes.push_back(c);
      values.push_back(static_cast<std::int16_t>(std::clamp(q, -32767L, 32767L)));
    }
    if (classes.size() == before) continue;
    keys.push_back(e.feature);
    starts.push_back(static_cast<std::uint32_t>(classes.size()));
  }
  WeightTable t;
  t.num_classes_ = num_classes;
  t.build_index(std::move(keys), std::move(starts), classes, values);
  return t;
}

void WeightTable::build_index(std::vector<std::uint64_t> keys, std::vector<std::uint32_t> starts,
                              const std::vector<std::uint16_t>& classes,
                              const std::vector<std::int16_t>& values) {
  keys_ = std::move(keys);
  starts_ = std::move(starts);
  std::size_t size = 16;
  while (size < keys_.size() * 2) size *= 2;
  mask_ = size - 1;
  weights_.resize(classes.size());
  for (std::size_t i = 0; i < classes.size(); ++i) weights_[i] = Weight{classes[i], values[i]};
  slots_.clear();
  small_.clear();
  dense_.clear();
  auto home = [&](auto& slots, std::uint64_t key) {
    std::size_t slot = static_cast<std::size_t>(key) & mask_;
    while (slots[slot].tag != 0) slot = (slot + 1) & mask_;
    return slot;
  };
  if (num_classes_ <= kSmallClasses) {
    // The weights inline: one memory access per feature.
    small_.assign(size, SmallSlot{});
    for (std::size_t f = 0; f < keys_.size(); ++f) {
      SmallSlot& s = small_[home(small_, keys_[f])];
      s.tag = slot_tag(keys_[f]);
      for (std::uint32_t j = starts_[f]; j < starts_[f + 1]; ++j) s.w[weights_[j].cls] = weights_[j].value;
    }
  } else {
    slots_.assign(size, Slot{});
    pairs_ = num_classes_ <= kPairClasses;
    for (std::size_t f = 0; f < keys_.size(); ++f) {
      const std::uint32_t start = starts_[f], count = starts_[f + 1] - start;
      Slot s{slot_tag(keys_[f]), static_cast<std::uint16_t>(count), start};
      if (count >= kDenseMin && pairs_) {
        s.count = kDense;
        s.start = static_cast<std::uint32_t>(dense_.size());
        dense_.resize(dense_.size() + num_classes_, 0);
        for (std::uint32_t j = start; j < start + count; ++j)
          dense_[s.start + weights_[j].cls] = weights_[j].value;
      } else if (count == 2 && pairs_) {
        const Weight a = weights_[start], b = weights_[start + 1];
        s.count = static_cast<std::uint16_t>(kPair | a.cls | b.cls << 7);
        s.start = static_cast<std::uint16_t>(a.value) |
                  static_cast<std::uint32_t>(static_cast<std::uint16_t>(b.value)) << 16;
      }
      slots_[home(slots_, keys_[f])] = s;
    }
  }
}

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define CHRONICLE_HAVE_AVX2_ROWS 1
namespace perceptron_detail {
namespace {

// add_int16_rows() for CPUs with AVX2, chosen at run time (the build targets
// plain x86-64): each row's weights are widened to 32 bits (vpmovsxwd) and
// added to four 8-class running sums, 32 classes per pass over the rows: a
// quarter of the SSE2 path's instructions per weight. Integer sums: the same
// scores, bit for bit.
#define CHRONICLE_AVX2 __attribute__((target("avx2")))
#define CHRONICLE_AVX2_INLINE __attribute__((target("avx2"), always_inline)) inline
CHRONICLE_AVX2_INLINE __m256i widen(const std::int16_t* p) {
  return _mm256_cvtepi16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}
CHRONICLE_AVX2_INLINE __m128i widen4(const std::int16_t* p) {
  return _mm_cvtepi16_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)));
}
CHRONICLE_AVX2_INLINE __m256i load(const std::int32_t* p) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
}
CHRONICLE_AVX2_INLINE void store(std::int32_t* p, __m256i v) {
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v);
}

// Adds classes [c, c + 8 * Blocks) of every row, the Blocks running sums in
// registers: one pass over the rows whatever Blocks is.
template <int Blocks>
CHRONICLE_AVX2_INLINE void add_blocks(const std::int16_t* const* rows, std::size_t n, std::uint32_t c,
                                      std::int32_t* scores) {
  __m256i s[Blocks];
  for (int b = 0; b < Blocks; ++b) s[b] = load(scores + c + 8 * b);
  std::size_t r = 0;
  // Two rows a round: half the loop's own instructions per row.
  for (; r + 2 <= n; r += 2) {
    const std::int16_t* x = rows[r] + c;
    const std::int16_t* y = rows[r + 1] + c;
    for (int b = 0; b < Blocks; ++b)
      s[b] = _mm256_add_epi32(s[b], _mm256_add_epi32(widen(x + 8 * b), widen(y + 8 * b)));
  }
  if (r < n)
    for (int b = 0; b < Blocks; ++b) s[b] = _mm256_add_epi32(s[b], widen(rows[r] + c + 8 * b));
  for (int b = 0; b < Blocks; ++b) store(scores + c + 8 * b, s[b]);
}

CHRONICLE_AVX2 void add_int16_rows_avx2_impl(const std::int16_t* const* rows, std::size_t n,
                                             std::uint32_t classes, std::int32_t* scores) {
  std::uint32_t c = 0;
  for (; c + 32 <= classes; c += 32) add_blocks<4>(rows, n, c, scores);
  // What is left of eight classes or more in one pass too (the NER's 24, the
  // labeller's last 16), not a pass per eight.
  switch ((classes - c) / 8) {
    case 3:
      add_blocks<3>(rows, n, c, scores);
      c += 24;
      break;
    case 2:
      add_blocks<2>(rows, n, c, scores);
      c += 16;
      break;
    case 1:
      add_blocks<1>(rows, n, c, scores);
      c += 8;
      break;
    default:
      break;
  }
  // The last classes of a table of eight or more (the labeller's 51: 48 + 3)
  // as one block of its last eight classes, the lanes summed above masked
  // off, instead of one class at a time: nothing is read outside the rows.
  if (c < classes && classes >= 8) {
    const std::uint32_t start = classes - 8;
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256i keep = _mm256_cmpgt_epi32(lanes, _mm256_set1_epi32(static_cast<int>(c - start) - 1));
    __m256i s = _mm256_setzero_si256();
    std::size_t r = 0;
    for (; r + 2 <= n; r += 2)
      s = _mm256_add_epi32(s, _mm256_add_epi32(widen(rows[r] + start), widen(rows[r + 1] + start)));
    if (r < n) s = _mm256_add_epi32(s, widen(rows[r] + start));
    store(scores + start, _mm256_add_epi32(load(scores + start), _mm256_and_si256(s, keep)));
    c = classes;
  }
  // The tails of smaller tables two rows a round too.
  if (c + 4 <= classes) {
    __m128i s0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(scores + c));
    std::size_t r = 0;
    for (; r + 2 <= n; r += 2)
      s0 = _mm_add_epi32(s0, _mm_add_epi32(widen4(rows[r] + c), widen4(rows[r + 1] + c)));
    if (r < n) s0 = _mm_add_epi32(s0, widen4(rows[r] + c));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(scores + c), s0);
    c += 4;
  }
  for (; c < classes; ++c) {
    std::int32_t sum = scores[c];
    std::size_t r = 0;
    for (; r + 2 <= n; r += 2) sum += rows[r][c] + rows[r + 1][c];
    if (r < n) sum += rows[r][c];
    scores[c] = sum;
  }
}

// best_of_all() eight classes a step: the maximum (the last, partial block
// read as the last eight classes, overlapping), then the first block holding
// it; the tail block overlaps classes already known to fall short of it.
CHRONICLE_AVX2_INLINE unsigned lanes_equal(const std::int32_t* p, __m256i v) {
  return static_cast<unsigned>(_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(load(p), v))));
}
inline std::size_t first_lane(unsigned mask) { return static_cast<std::size_t>(std::countr_zero(mask)); }
CHRONICLE_AVX2 int best_of_all_avx2_impl(const std::int32_t* scores, std::size_t n) {
  if (n < 8) return best_of_all_plain(scores, n);
  __m256i top = load(scores);
  std::size_t c = 8;
  for (; c + 8 <= n; c += 8) top = _mm256_max_epi32(top, load(scores + c));
  if (c < n) top = _mm256_max_epi32(top, load(scores + n - 8));
  __m128i half = _mm_max_epi32(_mm256_castsi256_si128(top), _mm256_extracti128_si256(top, 1));
  half = _mm_max_epi32(half, _mm_shuffle_epi32(half, 0x4E));
  half = _mm_max_epi32(half, _mm_shuffle_epi32(half, 0xB1));
  const __m256i best = _mm256_broadcastd_epi32(half);
  for (c = 0; c + 8 <= n; c += 8)
    if (const unsigned m = lanes_equal(scores + c, best)) return static_cast<int>(c + first_lane(m));
  return static_cast<int>(n - 8 + first_lane(lanes_equal(scores + n - 8, best)));
}

}  // namespace
}  // namespace perceptron_detail
#endif

namespace perceptron_detail {

bool has_avx2() {
#if defined(CHRONICLE_HAVE_AVX2_ROWS)
  // Asked once per process; the answer never changes.
  static const bool avx2 = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
  }();
  return avx2;
#else
  return false;
#endif
}

void add_int16_rows_avx2(const std::int16_t* const* rows, std::size_t n, std::uint32_t classes,
                         std::int32_t* scores) {
#if defined(CHRONICLE_HAVE_AVX2_ROWS)
  if (has_avx2()) return add_int16_rows_avx2_impl(rows, n, classes, scores);
#endif
  add_int16_rows_sse2(rows, n, classes, scores);
}

int best_of_all_avx2(const std::int32_t* scores, std::size_t n) {
#if defined(CHRONICLE_HAVE_AVX2_ROWS)
  if (has_avx2()) return best_of_all_avx2_impl(scores, n);
#endif
  return best_of_all_plain(scores, n);
}

}  // namespace perceptron_detail

int best_of_all(const std::int32_t* scores, std::size_t n) {
  return perceptron_detail::best_of_all_avx2(scores, n);
}

void add_int16_rows(const std::int16_t* const* rows, std::size_t n, std::uint32_t classes,
                    std::int32_t* scores) {
  if (n == 0) return;
  if (perceptron_detail::has_avx2()) return perceptron_detail::add_int16_rows_avx2(rows, n, classes, scores);
  perceptron_detail::add_int16_rows_sse2(rows, n, classes, scores);
}

void perceptron_detail::add_int16_rows_sse2(const std::int16_t* const* rows, std::size_t n,
                                            std::uint32_t classes, std::int32_t* scores) {
  if (n == 0) return;
  const std::size_t pairs_end = n - n % 2;
  std::uint32_t c = 0;
#if defined(__SSE2__)
  // Rows a and b interleaved (a0 b0 a1 b1 ...) and multiplied by 1 in pairs
  // (pmaddwd): a0 + b0, a1 + b1, ... as 32-bit sums, exact. An odd last row
  // is paired with zeros.
  const __m128i ones = _mm_set1_epi16(1), zero = _mm_setzero_si128();
  for (; c + 8 <= classes; c += 8) {
    __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(scores + c));
    __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(scores + c + 4));
    for (std::size_t r = 0; r < pairs_end; r += 2) {
      const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(rows[r] + c));
      const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(rows[r + 1] + c));
      lo = _mm_add_epi32(lo, _mm_madd_epi16(_mm_unpacklo_epi16(a, b), ones));
      hi = _mm_add_epi32(hi, _mm_madd_epi16(_mm_unpackhi_epi16(a, b), ones));
    }
    if (pairs_end < n) {
      const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(rows[pairs_end] + c));
      lo = _mm_add_epi32(lo, _mm_madd_epi16(_mm_unpacklo_epi16(a, zero), ones));
      hi = _mm_add_epi32(hi, _mm_madd_epi16(_mm_unpackhi_epi16(a, zero), ones));
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(scores + c), lo);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(scores + c + 4), hi);
  }
  if (c + 4 <= classes) {
    __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(scores + c));
    for (std::size_t r = 0; r < pairs_end; r += 2) {
      const __m128i a = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(rows[r] + c));
      const __m128i b = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(rows[r + 1] + c));
      lo = _mm_add_epi32(lo, _mm_madd_epi16(_mm_unpacklo_epi16(a, b), ones));
    }
    if (pairs_end < n) {
      const __m128i a = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(rows[pairs_end] + c));
      lo = _mm_add_epi32(lo, _mm_madd_epi16(_mm_unpacklo_epi16(a, zero), ones));
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(scores + c), lo);
    c += 4;
  }
#endif
  for (; c < classes; ++c) {
    std::int32_t sum = scores[c];
    for (std::size_t r = 0; r < n; ++r) sum += rows[r][c];
    scores[c] = sum;
  }
}

WeightTable::Cache::Cache(const WeightTable& table, std::size_t words) {
  // A word makes two transitions of 135 features, about 40% of them new.
  std::size_t lines = 256;
  while (lines < kMaxLines && lines < 64 * words) lines *= 2;
  mask_ = lines - 1;
  // Every line starts as the answer for feature 0, so no line needs an "empty" mark.
  std::int32_t zero[kSmallClasses] = {0, 0, 0};
  if (table.num_classes_ <= kSmallClasses) table.add(0, zero);
  std::int16_t w[kSmallClasses];
  for (std::uint32_t c = 0; c < kSmallClasses; ++c) w[c] = static_cast<std::int16_t>(zero[c]);
  lines_.assign(lines, Line{0, pack(w)});
}

void WeightTable::add_all(std::span<const std::uint64_t> features, std::int32_t* scores, Cache& cache) const {
  if (small_.empty()) return add_all(features, scores);
  // First the cached features are summed and the others listed, without
  // branches (a hit is a coin toss); then the others are looked up in the
  // table, prefetched first as in add_all_small(), and remembered. Misses
  // cost memory latency per batch, so they are batched together.
  std::int32_t sum[kSmallClasses] = {0, 0, 0};
  std::vector<std::uint64_t>& missed = cache.missed_;
  if (missed.size() < features.size()) missed.resize(features.size());  // grown once, never cleared
  std::size_t m = 0;
  // Locals, not members: the stores to `missed` could alias them otherwise.
  char* lines = reinterpret_cast<char*>(cache.lines_.data());
  const std::size_t line_bytes_mask = cache.mask_ * sizeof(Cache::Line);
  std::uint64_t* out = missed.data();
  for (std::size_t base = 0; base < features.size(); base += Cache::kPackedRun) {
    const std::size_t end = std::min(features.size(), base + Cache::kPackedRun), m_before = m;
    std::uint64_t packed = 0;
    // Two features a round: the loop's own compare and branch per two.
#pragma GCC unroll 2
    for (std::size_t i = base; i < end; ++i) {
      const std::uint64_t f = features[i];
      const auto& l = *reinterpret_cast<const Cache::Line*>(lines + Cache::line_offset(f, line_bytes_mask));
      // 0 on a hit, 1 on a miss: no branch; the mask of the hit's weights is miss - 1.
      const std::uint64_t miss = l.feature != f;
      packed += l.packed & (miss - 1);
      out[m] = f;
      m += miss;
    }
    Cache::unpack(packed, static_cast<std::uint32_t>((end - base) - (m - m_before)), sum);
  }
  // The misses' packed weights are summed as the hits' are (a batch is no
  // longer than a packed run), and packed from the slot's word itself.
  constexpr std::size_t kBatch = Cache::kPackedRun;
  const SmallSlot* const slots = small_.data();
  const std::size_t mask = mask_;
  for (std::size_t base = 0; base < m; base += kBatch) {
    const std::size_t n = std::min(kBatch, m - base);
    const std::uint64_t* fs = missed.data() + base;
#pragma GCC unroll 2
    for (std::size_t j = 0; j < n; ++j) __builtin_prefetch(&slots[static_cast<std::size_t>(fs[j]) & mask]);
    std::uint64_t packed = 0;
    for (std::size_t j = 0; j < n; ++j) {
      const std::uint64_t f = fs[j];
      const SmallSlot* s = find_slot(slots, mask, f);
      const std::uint64_t p = s ? Cache::pack(*s) : Cache::kPackedNone;
      auto& l = *reinterpret_cast<Cache::Line*>(lines + Cache::line_offset(f, line_bytes_mask));
      l.feature = f;
      l.packed = p;
      packed += p;
    }
    Cache::unpack(packed, static_cast<std::uint32_t>(n), sum);
  }
  for (std::uint32_t c = 0; c < kSmallClasses; ++c) scores[c] += sum[c];
}

void WeightTable::write(BinaryWriter& w) const {
  // keys_ ascending: the bytes depend on the weights only.
  w.u32(num_classes_);
  w.u64(keys_.size());
  w.u64(weights_.size());
  for (std::uint64_t k : keys_) w.u64(k);
  for (std::uint32_t s : starts_) w.u32(s);
  for (const Weight& x : weights_) w.bytes(&x.cls, 2);
  for (const Weight& x : weights_) w.bytes(&x.value, 2);
}

WeightTable WeightTable::read(BinaryReader& r) {
  std::uint32_t num_classes = r.u32();
  if (num_classes == 0 || num_classes > 65535) r.fail("bad number of classes");
  std::uint64_t nf = r.u64(), nw = r.u64();
  if (nf > r.remaining() / 12 || nw > r.remaining() / 4) r.fail("weight table larger than the file");
  std::vector<std::uint64_t> keys;
  std::vector<std::uint32_t> starts;
  std::vector<std::uint16_t> classes;
  std::vector<std::int16_t> values;
  auto load = [&](auto& vec, std::uint64_t n) {
    using T = typename std::decay_t<decltype(vec)>::value_type;
    std::string_view b = r.bytes(n * sizeof(T));
    vec.resize(n);
    std::memcpy(vec.data(), b.data(), b.size());
  };
  load(keys, nf);
  load(starts, nf + 1);
  load(classes, nw);
  load(values, nw);
  if (starts.front() != 0 || starts.back() != nw) r.fail("corrupt weight table");
  for (std::size_t i = 0; i + 1 < starts.size(); ++i)
    if (starts[i] >= starts[i + 1]) r.fail("corrupt weight table");
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == 0 || (i > 0 && keys[i - 1] >= keys[i])) r.fail("corrupt weight table (keys out of order)");
  for (std::uint16_t c : classes)
    if (c >= num_classes) r.fail("corrupt weight table (class out of range)");
  WeightTable t;
  t.num_classes_ = num_classes;
  t.build_index(std::move(keys), std::move(starts), classes, values);
  return t;
}

}  // namespace chronicle
