// Comparing a string with a string literal, for the hot loops that test tags and relations
// ("VERB", "nsubj:pass") token by token.
//
// std::string == "lit" (GCC 12's libstdc++) measures the literal and calls compare() and
// memcmp; string_view == "lit" checks the size first but, in large functions, GCC leaves
// string_view::compare out of line, a call and a memcmp call per equal-sized pair. Here the
// literal's size is a compile-time constant, so the size test comes first and the memcmp of a
// known length becomes one or two integer compares in place.
#pragma once

#include <cstddef>
#include <cstring>
#include <string_view>

namespace chronicle {

template <std::size_t N>
inline bool equals_literal(std::string_view s, const char (&literal)[N]) {
  return s.size() == N - 1 && std::memcmp(s.data(), literal, N - 1) == 0;
}

}  // namespace chronicle
