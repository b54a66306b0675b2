// A map from 64-bit hashes to small values, built once and then read by many
// threads: the word tables of the tagger and the parser (word -> tag, word ->
// ambiguity class, word -> word class).
//
// std::unordered_map spends a pointer chase per node on every lookup; these
// tables are looked up for every word of every sentence, so the slots hold the
// key and the value side by side in one open-addressing array (linear probing,
// at most half full): one cache miss per lookup. The entries are also kept in
// insertion order so the map can be listed and written (write_hash_table).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace chronicle {

template <class V>
class U64Map {
 public:
  using key_type = std::uint64_t;
  using mapped_type = V;
  using value_type = std::pair<std::uint64_t, V>;

  // Adds `key` -> `value` unless `key` is present; true when added.
  bool emplace(std::uint64_t key, V value) {
    if (find(key)) return false;
    items_.emplace_back(key, value);
    if (2 * items_.size() > slots_.size())
      rebuild(items_.size());
    else
      place(items_.size() - 1);
    return true;
  }
  // Sets `key` -> `value`, added or replaced.
  void insert_or_assign(std::uint64_t key, V value) {
    if (find(key) == nullptr) {
      emplace(key, value);
      return;
    }
    for (std::size_t s = home(key);; s = (s + 1) & mask_) {
      Slot& slot = slots_[s];
      if (slot.key == key && slot.item != 0) {
        slot.value = value;
        items_[slot.item - 1].second = value;
        return;
      }
    }
  }
  template <class It>
  void insert(It first, It last) {
    for (; first != last; ++first) emplace(first->first, first->second);
  }
  void reserve(std::size_t n) {
    items_.reserve(n);
    if (2 * n > slots_.size()) rebuild(n);
  }

  // The value of `key`, or nullptr.
  const V* find(std::uint64_t key) const {
    if (slots_.empty()) return nullptr;
    for (std::size_t s = home(key);; s = (s + 1) & mask_) {
      const Slot& slot = slots_[s];
      if (slot.item == 0) return nullptr;
      if (slot.key == key) return &slot.value;
    }
  }

  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  // The entries in insertion order.
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }

 private:
  struct Slot {
    std::uint64_t key = 0;
    V value{};
    std::uint32_t item = 0;  // index in items_ + 1; 0 = empty
  };

  // Keys are hashes already; the multiply spreads keys that differ only in high bits.
  std::size_t home(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9e3779b97f4a7c15ULL) >> 32) & mask_;
  }
  void place(std::size_t i) {
    std::size_t s = home(items_[i].first);
    while (slots_[s].item != 0) s = (s + 1) & mask_;
    slots_[s] = Slot{items_[i].first, items_[i].second, static_cast<std::uint32_t>(i + 1)};
  }
  // Sizes the slots for `n` entries (at least those held) and re-places them.
  void rebuild(std::size_t n) {
    std::size_t capacity = 16;
    while (capacity < 2 * n || capacity < 2 * items_.size()) capacity *= 2;
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (std::size_t i = 0; i < items_.size(); ++i) place(i);
  }

  std::vector<value_type> items_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

}  // namespace chronicle
