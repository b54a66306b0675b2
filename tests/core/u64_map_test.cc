#include "core/u64_map.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>

using chronicle::U64Map;

TEST_CASE("U64Map: finds what was added, nothing else, across growth") {
  U64Map<std::uint16_t> m;
  CHECK(m.find(7) == nullptr);
  std::map<std::uint64_t, std::uint16_t> reference;
  std::mt19937_64 rng(42);
  for (int i = 0; i < 5000; ++i) {
    // Keys that share their low bits probe the same run; 0 is a key like any other.
    std::uint64_t key = i % 3 == 0 ? (rng() << 20) : rng();
    if (i == 10) key = 0;
    const auto value = static_cast<std::uint16_t>(i);
    const bool added = m.emplace(key, value);
    CHECK(added == reference.emplace(key, value).second);
  }
  CHECK(m.size() == reference.size());
  for (const auto& [key, value] : reference) {
    const std::uint16_t* found = m.find(key);
    REQUIRE(found != nullptr);
    CHECK(*found == value);
  }
  std::mt19937_64 other(7);
  for (int i = 0; i < 1000; ++i) {
    std::uint64_t key = other();
    if (!reference.count(key)) CHECK(m.find(key) == nullptr);
  }
  // Listing gives every entry once, in insertion order.
  std::vector<std::pair<std::uint64_t, std::uint16_t>> listed(m.begin(), m.end());
  CHECK(listed.size() == reference.size());
  CHECK(listed.front().second == 0);
}

TEST_CASE("U64Map: emplace keeps the first value, insert_or_assign replaces it") {
  U64Map<std::uint8_t> m;
  m.reserve(3);
  CHECK(m.emplace(5, 1));
  CHECK_FALSE(m.emplace(5, 2));
  CHECK(*m.find(5) == 1);
  m.insert_or_assign(5, 3);
  m.insert_or_assign(6, 4);
  CHECK(*m.find(5) == 3);
  CHECK(*m.find(6) == 4);
  CHECK(m.size() == 2);
  CHECK(m.begin()->second == 3);
}
