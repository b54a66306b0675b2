// A frozen string -> string table looked up by the 64-bit hash of the key
// (features::hash_string): one probe of a flat array instead of hashing the
// string and walking a map node. For tables read for every word of every
// text: the lemmatiser's exceptions, the verbs of event nouns. Values are
// held by index, so the table copies and moves safely.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/u64_map.h"
#include "extract/feature_hash.h"

namespace chronicle {

class StringIndex {
 public:
  // Indexes every (key, value) of `map`.
  template <class Map>
  void build(const Map& map) {
    index_ = {};
    values_.clear();
    index_.reserve(map.size());
    values_.reserve(map.size());
    for (const auto& [key, value] : map)
      if (index_.emplace(features::hash_string(key), static_cast<std::uint32_t>(values_.size())))
        values_.push_back(value);
  }
  // The value of `key`, or nullptr.
  const std::string* find(std::string_view key) const { return find_hashed(features::hash_string(key)); }
  // The same from the key's features::hash_string(), for a caller that hashes the key's parts
  // without joining them into a string.
  const std::string* find_hashed(std::uint64_t key_hash) const {
    const std::uint32_t* i = index_.find(key_hash);
    return i ? &values_[*i] : nullptr;
  }
  bool empty() const { return values_.empty(); }

 private:
  U64Map<std::uint32_t> index_;
  std::vector<std::string> values_;
};

}  // namespace chronicle
