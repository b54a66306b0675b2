// Self-describing binary model files, in the manner of fastText and UDPipe:
// every model starts with a magic number, the model kind, a format version and
// a line of provenance, then its own payload. All numbers are little-endian and
// every read is bounds-checked, so a truncated or corrupt file gives a clear
// ModelError instead of undefined behaviour.
//
// MappedFile maps a file read-only; many threads may read it at once.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chronicle {

// A model or knowledge-base file that cannot be used: missing, corrupt, of the
// wrong kind or of a format version this build does not read.
struct ModelError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Appends little-endian values to a byte string.
class BinaryWriter {
 public:
  explicit BinaryWriter(std::string& out) : out_(out) {}
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u32(std::uint32_t v);
  void u64(std::uint64_t v);
  void i32(std::int32_t v) { u32(static_cast<std::uint32_t>(v)); }
  void f32(float v);
  void f64(double v);
  void str(std::string_view s);  // u32 length, then the bytes
  void bytes(const void* data, std::size_t n) { out_.append(static_cast<const char*>(data), n); }

 private:
  std::string& out_;
};

// Reads little-endian values from a byte range; throws ModelError past the end.
class BinaryReader {
 public:
  BinaryReader(std::string_view data, std::string what) : data_(data), what_(std::move(what)) {}
  std::uint8_t u8();
  std::uint32_t u32();
  std::uint64_t u64();
  std::int32_t i32() { return static_cast<std::int32_t>(u32()); }
  float f32();
  double f64();
  std::string str();
  std::string_view bytes(std::size_t n);
  std::size_t position() const { return pos_; }
  std::size_t remaining() const { return data_.size() - pos_; }
  bool at_end() const { return pos_ == data_.size(); }
  [[noreturn]] void fail(const std::string& why) const;

 private:
  void need(std::size_t n);
  std::string_view data_;
  std::size_t pos_ = 0;
  std::string what_;
};

// A table of 64-bit hashes to 16- or 32-bit values as models store it: u64
// count, then (u64 key, value) pairs sorted by key, so the bytes depend on the
// contents only.
template <class Map>
void write_hash_table(BinaryWriter& w, const Map& table) {
  using Value = typename Map::mapped_type;
  static_assert(sizeof(Value) == 2 || sizeof(Value) == 4);
  std::vector<std::pair<std::uint64_t, Value>> rows(table.begin(), table.end());
  std::sort(rows.begin(), rows.end());
  w.u64(rows.size());
  for (const auto& [key, value] : rows) {
    w.u64(key);
    w.bytes(&value, sizeof(Value));
  }
}

// Reads what write_hash_table wrote into `table`; fails naming `what` on a
// count past the end or a value `valid` refuses.
template <class Map, class Valid>
void read_hash_table(BinaryReader& r, Map& table, const std::string& what, Valid valid) {
  using Value = typename Map::mapped_type;
  const std::uint64_t n = r.u64();
  if (n > r.remaining() / (8 + sizeof(Value))) r.fail("corrupt " + what);
  table.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    const std::uint64_t key = r.u64();
    Value value;
    std::memcpy(&value, r.bytes(sizeof(Value)).data(), sizeof(Value));
    if (!valid(value)) r.fail("corrupt " + what);
    table.emplace(key, value);
  }
}

// The common header of every Chronicle model file.
struct ModelHeader {
  std::string kind;           // "pos", "parser", "ner", "kb", "events", ...
  std::uint32_t version = 1;  // format version of that kind
  std::string provenance;     // training data and command, one line
};

inline constexpr std::uint32_t kModelMagic = 0x4c524843;  // "CHRL"

void write_model_header(BinaryWriter& w, const ModelHeader& h);
// Checks magic, kind and version; throws ModelError naming `what` otherwise.
ModelHeader read_model_header(BinaryReader& r, std::string_view kind, std::uint32_t version);

// Reads a whole file; throws ModelError when it cannot.
std::string read_binary_file(const std::string& path);
// Writes a whole file atomically (temporary file, then rename).
void write_binary_file(const std::string& path, std::string_view data);

// A read-only memory map of a file. Movable, not copyable.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path);
  MappedFile(MappedFile&& o) noexcept;
  MappedFile& operator=(MappedFile&& o) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();
  std::string_view data() const { return {static_cast<const char*>(addr_), size_}; }

 private:
  void* addr_ = nullptr;
  std::size_t size_ = 0;
};

// Where models live: $CHRONICLE_MODELS, else <exe dir>/../models or
// <exe dir>/models when those exist, else the source tree's models/.
std::string default_models_dir();

}  // namespace chronicle
