// The weights of a trained linear classifier over hashed features, in the
// compact form the tagger and the parser ship and run (internal header).
//
// Each feature (a 64-bit hash) owns a short run of (class, weight) pairs: only
// the classes it carries a non-zero weight for, so a feature seen with three
// tags costs three pairs whatever the number of classes. Weights are averaged
// perceptron weights quantised to 16 bits with one scale per table; scoring
// adds integers, so the order of the additions never matters. Lookup is an
// open-addressing table built at load time, laid out for memory latency: a
// two-weight feature inside its slot, a many-weight one as a dense row.
//
// Immutable after construction: score() is const and safe from many threads.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <span>
#include <utility>
#include <vector>

#include "core/huge_pages.h"
#include "core/model_file.h"

namespace chronicle {

// Adds rows[0..n), each of `classes` 16-bit weights, to scores[0..classes).
// Two rows at a time, eight classes at a time, the running sums in registers:
// a tagger's word has ~24 dense rows of 108 classes, which one by one cost a
// third of tagging's instructions in loads and stores of the sums.
void add_int16_rows(const std::int16_t* const* rows, std::size_t n, std::uint32_t classes,
                    std::int32_t* scores);

namespace perceptron_detail {
// The two ways add_int16_rows() chooses from, for the tests: SSE2 (or plain
// C++ off x86), and AVX2 when the CPU has it (has_avx2(); else the first).
void add_int16_rows_sse2(const std::int16_t* const* rows, std::size_t n, std::uint32_t classes,
                         std::int32_t* scores);
void add_int16_rows_avx2(const std::int16_t* const* rows, std::size_t n, std::uint32_t classes,
                         std::int32_t* scores);
bool has_avx2();
}  // namespace perceptron_detail

class WeightTable {
  // A table of at most kSmallClasses classes (the parser's SHIFT/LEFT/RIGHT)
  // keeps each feature's weights inside its slot: one memory access per feature.
  static constexpr std::uint32_t kSmallClasses = 3;
  struct SmallSlot;  // below; the cache packs its weights

 public:
  struct Entry {
    std::uint64_t feature;
    std::vector<std::pair<std::uint16_t, float>> weights;  // (class, averaged weight)
  };

  WeightTable() = default;
  // Quantises `entries` (any order) to 16 bits, dropping weights that round to
  // 0, and keeps at most `max_features` features: those of largest L1 norm;
  // of their weights, at most `max_weights`: those of largest magnitude.
  static WeightTable from_entries(std::vector<Entry> entries, std::uint32_t num_classes,
                                  std::size_t max_features = SIZE_MAX, std::size_t max_weights = SIZE_MAX);

  std::uint32_t num_classes() const { return num_classes_; }
  std::size_t num_features() const { return keys_.size(); }
  std::size_t num_weights() const { return weights_.size(); }

  // Adds the weights of `feature` to scores[0..num_classes).
  void add(std::uint64_t feature, std::int32_t* scores) const { add_all({&feature, 1}, scores); }

  // Adds the weights of every feature. Memory latency dominates scoring, so
  // the slots are prefetched first, then the weight runs, then summed: the
  // cache misses overlap instead of queueing.
  void add_all(std::span<const std::uint64_t> features, std::int32_t* scores) const {
    if (mask_ == 0) return;
    if (!small_.empty()) return add_all_small(features, scores);
    constexpr std::size_t kBatch = 32;
    const Slot* found[kBatch];
    // Dense rows are summed together at the end, not one by one.
    const std::int16_t* rows[kMaxRows];
    std::size_t num_rows = 0;
    // Locals, not members: a store to scores[] could change a member as far
    // as the compiler knows, which then read them again for every feature.
    const bool pairs = pairs_;
    const std::int16_t* const dense_rows = dense_.data();
    const Weight* const runs = weights_.data();
    const std::uint32_t classes = num_classes_;
    const std::uint32_t row_bytes = classes * 2;
    const Slot* const slots = slots_.data();
    const std::size_t mask = mask_;
    for (std::size_t base = 0; base < features.size(); base += kBatch) {
      const std::size_t n = std::min(kBatch, features.size() - base);
      for (std::size_t i = 0; i < n; ++i)
        __builtin_prefetch(&slots[static_cast<std::size_t>(features[base + i]) & mask]);
      std::size_t k = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const Slot* s = find_slot(slots, mask, features[base + i]);
        if (s == nullptr) continue;
        const std::uint16_t count = s->count;
        if (pairs && (count & kPair)) {
          // Two weights in the slot itself, whose line is at hand.
          scores[count & 0x7f] += static_cast<std::int16_t>(s->start & 0xffff);
          scores[(count >> 7) & 0x7f] += static_cast<std::int16_t>(s->start >> 16);
          continue;
        }
        if (pairs && (count & kDense)) {
          const std::int16_t* row = dense_rows + s->start;
          prefetch_row(row, row_bytes);
          if (num_rows == kMaxRows) add_int16_rows(rows, std::exchange(num_rows, 0), classes, scores);
          rows[num_rows++] = row;
          continue;
        }
        // A sparse run beside dense rows is shorter than a line (fewer than
        // kDenseMin weights); in a wide table it may be longer.
        const char* run = reinterpret_cast<const char*>(runs + s->start);
        __builtin_prefetch(run);
        for (std::uint32_t b = 64; b < count * std::uint32_t{sizeof(Weight)}; b += 64)
          __builtin_prefetch(run + b);
        found[k++] = s;
      }
      for (std::size_t i = 0; i < k; ++i) {
        const Weight* w = runs + found[i]->start;
        for (std::uint32_t j = 0, c = found[i]->count; j < c; ++j) scores[w[j].cls] += w[j].value;
      }
    }
    add_int16_rows(rows, num_rows, classes, scores);
  }

  // The weights of the features a table of at most three classes (the
  // parser's transitions) was last asked about, in a direct-mapped array
  // small enough for L2. Half the transition features of a state were looked
  // up earlier in the same sentence (a word comes back to s0 or b0 many
  // times), and an L2 hit costs a fraction of the table's L3 miss. A lookup is
  // a pure function of the feature, so the sums are the table's own. One per
  // thread, kept across parse() calls in a ParserScratch (extract/parser.h);
  // valid for the table it was made for.
  class Cache {
   public:
    // `words`: about how many words will be parsed with it; a short text
    // gets a smaller cache (setting it up costs as much as a few sentences).
    Cache(const WeightTable& table, std::size_t words);

   private:
    friend class WeightTable;
    // 512 KiB, a quarter of this box's L2 (2 MiB a core): kept across
    // articles, 8192 lines still missed 6.9 M of the 13.2 M lookups of
    // rlate600, 32768 miss 5.1 M (-2% of the ingest's instructions).
    static constexpr std::size_t kMaxLines = 32768;
    // A line's weights are packed in one word, each as w + 32768 (16 bits)
    // in a 21-bit field, so a hit adds them with one 64-bit add: up to
    // kPackedRun of them fit in a field before the sums are unpacked (a
    // third of a lookup's instructions, against three 16-bit adds).
    static constexpr unsigned kFieldBits = 21;
    static constexpr std::uint64_t kFieldMask = (std::uint64_t{1} << kFieldBits) - 1;
    static constexpr std::int32_t kBias = 32768;
    static constexpr std::size_t kPackedRun = 32;  // 32 x 65535 < 2^21
    static std::uint64_t pack(const std::int16_t* w) {
      std::uint64_t p = 0;
      for (std::uint32_t c = 0; c < kSmallClasses; ++c)
        p |= static_cast<std::uint64_t>(w[c] + kBias) << (kFieldBits * c);
      return p;
    }
    // pack(s.w), from the slot's 8 bytes as one word: w + 32768 of a 16-bit
    // w is w with its top bit flipped, so the three fields are moved, not
    // converted and added one by one (a miss's own work, after its probe).
    static std::uint64_t pack(const SmallSlot& s) {
      if constexpr (std::endian::native != std::endian::little) return pack(s.w);
      std::uint64_t x;
      std::memcpy(&x, &s, sizeof x);
      x ^= 0x8000800080000000ULL;  // the tag's 16 bits stay, and go below
      constexpr std::uint64_t kField = 0xffff;
      return ((x >> 16) & kField) | ((x >> (32 - kFieldBits)) & (kField << kFieldBits)) |
             ((x >> (48 - 2 * kFieldBits)) & (kField << (2 * kFieldBits)));
    }
    // pack() of three zero weights: a feature the table does not have.
    static constexpr std::uint64_t kPackedNone = (std::uint64_t{kBias} << (2 * kFieldBits)) |
                                                 (std::uint64_t{kBias} << kFieldBits) | std::uint64_t{kBias};
    // Adds to sum[] the weights of the `count` lines whose packed words added up to `packed`.
    static void unpack(std::uint64_t packed, std::uint32_t count, std::int32_t* sum) {
      for (std::uint32_t c = 0; c < kSmallClasses; ++c)
        sum[c] += static_cast<std::int32_t>((packed >> (kFieldBits * c)) & kFieldMask) -
                  static_cast<std::int32_t>(count) * kBias;
    }
    struct Line {
      std::uint64_t feature;
      std::uint64_t packed;  // pack() of its weights
    };
    static std::size_t line(std::uint64_t f, std::size_t mask) {
      return static_cast<std::size_t>(f >> 32) & mask;
    }
    // line() * sizeof(Line) with one shift fewer: `bytes_mask` is mask * sizeof(Line).
    static std::size_t line_offset(std::uint64_t f, std::size_t bytes_mask) {
      static_assert(sizeof(Line) == 16);
      return static_cast<std::size_t>(f >> 28) & bytes_mask;
    }
    std::size_t line(std::uint64_t f) const { return line(f, mask_); }
    std::size_t mask_ = 0;
    std::vector<Line> lines_;
    std::vector<std::uint64_t> missed_;  // scratch of add_all()
  };
  // add_all() for a table of at most three classes, through `cache`.
  void add_all(std::span<const std::uint64_t> features, std::int32_t* scores, Cache& cache) const;

  void write(BinaryWriter& w) const;
  // Throws ModelError (via the reader) on a corrupt table.
  static WeightTable read(BinaryReader& r);

 private:
  // A slot keeps the top 16 bits of its feature, not all 64: with the low
  // bits that chose the slot that is 36 bits of the hash, so a feature the
  // model does not have matches one it has about once in 60,000 lookups (and
  // adds a few small weights), while eight slots share a cache line and the
  // table takes half the memory: scoring is bound by cache misses. A lookup
  // touches one slot and then the feature's weights, which lie together.
  //
  // Most features carry exactly two weights (a perceptron update moves the
  // right class up and the guess down, and a rare feature sees one update). In
  // a table of at most kPairClasses classes such a pair sits in the slot
  // instead of the weight run: count = kPair | class0 | class1 << 7, start =
  // value0 | value1 << 16. A lookup then costs one memory access, not two.
  struct Slot {
    std::uint16_t tag = 0;  // 0: empty
    std::uint16_t count = 0;
    std::uint32_t start = 0;
  };
  static constexpr std::uint16_t kPair = 0x8000;
  // A feature with many weights (the bias, the previous tags) keeps them as a
  // dense row of every class instead: summed by vector adds, where adding a
  // long sparse run scatters into the scores through memory and stalls on
  // the runs before it. count = kDense, start = the row's offset in dense_.
  static constexpr std::uint16_t kDense = 0x4000;
  // From 12 weights on: a run of 12 costs about as many instructions as the
  // AVX2 sum of a 108-class row (stop 24: 24 -> 12 cut tag + parse by 1.6%,
  // wall time and memory (+2%) about the same).
  static constexpr std::uint32_t kDenseMin = 12;
  // Dense rows are summed together (add_int16_rows()), at most this many at once.
  static constexpr std::size_t kMaxRows = 64;
  // Prefetches the lines of a dense row of `bytes` (at most 2 x kPairClasses
  // = 256, four lines from its start): unrolled, as a loop's compare and
  // branch per line cost as much as the prefetches.
  static void prefetch_row(const std::int16_t* row, std::uint32_t bytes) {
    static_assert(2 * kPairClasses <= 256);
    const char* p = reinterpret_cast<const char*>(row);
    __builtin_prefetch(p);
    if (bytes > 64) __builtin_prefetch(p + 64);
    if (bytes > 128) __builtin_prefetch(p + 128);
    if (bytes > 192) __builtin_prefetch(p + 192);
  }
  static constexpr std::uint32_t kPairClasses = 128;
  static std::uint16_t slot_tag(std::uint64_t f) {
    const auto t = static_cast<std::uint16_t>(f >> 48);
    return t ? t : 1;
  }
  struct Weight {
    std::uint16_t cls;
    std::int16_t value;
  };
  // Tagged like Slot, eight bytes too.
  struct SmallSlot {
    std::uint16_t tag = 0;  // 0: empty
    std::int16_t w[kSmallClasses] = {0, 0, 0};
  };
  // The slot holding feature f (probing on from the slot its low bits name), or nullptr.
  template <class S>
  const S* find_slot(const HugePageVector<S>& slots, std::uint64_t f) const {
    return find_slot(slots.data(), mask_, f);
  }
  // The same from a table and mask a caller keeps in registers (members are
  // read again after every store through an int*, as far as the compiler knows).
  template <class S>
  static const S* find_slot(const S* slots, std::size_t mask, std::uint64_t f) {
    const std::uint16_t tag = slot_tag(f);
    for (std::size_t slot = static_cast<std::size_t>(f) & mask;; slot = (slot + 1) & mask) {
      const S& s = slots[slot];
      if (s.tag == tag) return &s;
      if (s.tag == 0) return nullptr;
    }
  }
  void add_all_small(std::span<const std::uint64_t> features, std::int32_t* scores) const {
    constexpr std::size_t kBatch = 32;
    for (std::size_t base = 0; base < features.size(); base += kBatch) {
      const std::size_t n = std::min(kBatch, features.size() - base);
      for (std::size_t i = 0; i < n; ++i)
        __builtin_prefetch(&small_[static_cast<std::size_t>(features[base + i]) & mask_]);
      for (std::size_t i = 0; i < n; ++i)
        if (const SmallSlot* s = find_slot(small_, features[base + i]))
          for (std::uint32_t c = 0; c < kSmallClasses; ++c) scores[c] += s->w[c];
    }
  }
  // Takes the features (ascending) and their weight runs and builds the lookup slots.
  void build_index(std::vector<std::uint64_t> keys, std::vector<std::uint32_t> starts,
                   const std::vector<std::uint16_t>& classes, const std::vector<std::int16_t>& values);

  std::uint32_t num_classes_ = 0;
  // The table as the file holds it (for write()): features ascending, the
  // weights of keys_[i] at weights_[starts_[i] .. starts_[i + 1]).
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> starts_;
  HugePageVector<Weight> weights_;
  std::vector<std::int16_t> dense_;  // rows of kDense features
  // The lookup side: slots_, or small_ when num_classes_ <= kSmallClasses.
  HugePageVector<Slot> slots_;
  HugePageVector<SmallSlot> small_;
  std::size_t mask_ = 0;
  bool pairs_ = false;  // slots may hold pairs and dense rows (num_classes_ <= kPairClasses)
};
namespace perceptron_detail {
// Index of the highest of scores[0..n) (n > 0), the lowest on ties.
// The maximum first (a reduction the compiler vectorises; a running argmax
// compared and branched per class), then the first class that has it.
inline int best_of_all_plain(const std::int32_t* scores, std::size_t n) {
  std::int32_t best_score = scores[0];
  for (std::size_t c = 1; c < n; ++c) best_score = std::max(best_score, scores[c]);
  std::size_t best = 0;
  while (scores[best] != best_score) ++best;
  return static_cast<int>(best);
}
// The same with AVX2 when the CPU has it (has_avx2(); else the plain one):
// SSE2 has no 32-bit max, which the plain loop emulates in four instructions
// per four classes, and the search for the maximum goes eight classes a step.
int best_of_all_avx2(const std::int32_t* scores, std::size_t n);
}  // namespace perceptron_detail

// Index of the highest of scores[0..n) (n > 0), the lowest on ties.
int best_of_all(const std::int32_t* scores, std::size_t n);

}  // namespace chronicle
