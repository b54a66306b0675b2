// Feature hashing shared by the tagger and the parser (internal header).
//
// Features are never built as strings: each is a 64-bit hash of a template
// number and the hashes or ids of its parts, so extracting one costs a few
// multiplications. Strings are hashed with FNV-1a and every combination goes
// through the splitmix64 finaliser, so hashes are the same on every platform
// and in every run (the model files store them).
#pragma once

#include <cstdint>
#include <string_view>

namespace chronicle::features {

// finalize() and combine() are forced inline: a parser state hashes 135
// features, and GCC left them as calls, which cost ~9% of tag + parse.
[[gnu::always_inline]] inline std::uint64_t finalize(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

inline constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
inline constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

struct SameByte {
  unsigned char operator()(unsigned char c) const { return c; }
};

// FNV-1a continued from `h` over the bytes of `s`, each first passed through `byte`: a key
// hashed from its parts without joining them into a string first.
template <class Byte = SameByte>
[[gnu::always_inline]] inline std::uint64_t fnv1a(std::uint64_t h, std::string_view s, Byte byte = {}) {
  for (unsigned char c : s) h = (h ^ byte(c)) * kFnvPrime;
  return h;
}

inline std::uint64_t hash_string(std::string_view s) {
  std::uint64_t h = kFnvOffset;
  for (unsigned char c : s) {
    h ^= c;
    h *= kFnvPrime;
  }
  return finalize(h);
}

// The salts combine() mixes its second, third and fourth parts with.
inline constexpr std::uint64_t kPartSalt[4] = {0, 0x632be59bd9b4e019ULL, 0x8cb92ba72f3d8dd7ULL,
                                               0x2545f4914f6cdd1dULL};

// Continues the hash `h` of a template and its first `index` parts (1..3)
// with the next part: combine(t, a, b) == extend(combine(t, a), b, 1). A
// feature whose first parts are known before the others (the parser's memo
// of a stack word) is finished from their hash instead of hashed anew.
[[gnu::always_inline]] inline std::uint64_t extend(std::uint64_t h, std::uint64_t part, int index) {
  return finalize(h ^ (part + kPartSalt[index]));
}

// Combines a template number with up to four parts.
[[gnu::always_inline]] inline std::uint64_t combine(std::uint64_t tmpl, std::uint64_t a) {
  return finalize(tmpl * 0x9e3779b97f4a7c15ULL + a);
}
[[gnu::always_inline]] inline std::uint64_t combine(std::uint64_t tmpl, std::uint64_t a, std::uint64_t b) {
  return extend(combine(tmpl, a), b, 1);
}
[[gnu::always_inline]] inline std::uint64_t combine(std::uint64_t tmpl, std::uint64_t a, std::uint64_t b,
                                                    std::uint64_t c) {
  return extend(combine(tmpl, a, b), c, 2);
}
[[gnu::always_inline]] inline std::uint64_t combine(std::uint64_t tmpl, std::uint64_t a, std::uint64_t b,
                                                    std::uint64_t c, std::uint64_t d) {
  return extend(combine(tmpl, a, b, c), d, 3);
}

}  // namespace chronicle::features
