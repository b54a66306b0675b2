// UTF-8 helpers shared by the readers and the segmenter: validation with
// replacement of invalid bytes, and decoding of one code point.
//
// Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle::utf8 {

// The replacement character U+FFFD in UTF-8.
inline constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Returns `in` with every invalid UTF-8 sequence (stray continuation bytes,
// overlong forms, surrogates, code points above U+10FFFF, truncated
// sequences) replaced by U+FFFD. The byte offsets (into `in`) of the first
// invalid bytes are appended to `bad_offsets` (at most `max_reports`).
// Linear time; valid input is copied unchanged.
std::string sanitize(std::string_view in, std::vector<std::size_t>& bad_offsets,
                     std::size_t max_reports = 16);

// Byte offset of the first invalid UTF-8 sequence, or npos when `in` is valid.
std::size_t first_invalid(std::string_view in);

// Length of the valid UTF-8 sequence starting at s[i], 0 when invalid.
std::size_t sequence_length(std::string_view s, std::size_t i);

// Decodes the code point at s[i] (assumed valid UTF-8); sets `len` to its length.
char32_t decode(std::string_view s, std::size_t i, std::size_t& len);

// Appends the UTF-8 encoding of `cp` to `out`.
void append(std::string& out, char32_t cp);

}  // namespace chronicle::utf8
