// RapidJSON output to a std::ostream, shared by the JSON-based exporters (internal).
#pragma once

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include <cmath>
#include <optional>
#include <string_view>

namespace chronicle::exporter {

using JsonWriter = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;

inline void put(JsonWriter& w, std::string_view key, std::string_view value) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}
// Writes the pair only when the value is not empty: absent rather than "" in data formats.
inline void put_nonempty(JsonWriter& w, std::string_view key, std::string_view value) {
  if (!value.empty()) put(w, key, value);
}
inline void put_int(JsonWriter& w, std::string_view key, long long value) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  w.Int64(value);
}
inline void put_double(JsonWriter& w, std::string_view key, std::optional<double> value) {
  if (!value || !std::isfinite(*value)) return;
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  w.Double(*value);
}
inline void str(JsonWriter& w, std::string_view value) {
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

}  // namespace chronicle::exporter
