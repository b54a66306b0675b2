#include "extract/knowledge_base.h"

#include <array>
#include <cmath>
#include <cstring>

namespace chronicle {

namespace {

constexpr std::uint32_t kVersion = 1;
constexpr std::size_t kEntrySize = 40, kKeySize = 8, kCodeSize = 12;
enum KeyKind : std::uint8_t { kName, kPartial, kDemonym, kAgent, kCommon, kVehicle, kKindCount };
constexpr std::array<std::string_view, 7> kTypes = {"PERSON",   "ORGANIZATION", "GPE", "LOCATION",
                                                    "FACILITY", "VEHICLE",      "MISC"};
constexpr std::array<std::string_view, 4> kSources = {"iso:", "geonames:", "wordnet:", "phoenix:"};

std::uint32_t rd32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
std::uint16_t rd16(const char* p) {
  std::uint16_t v;
  std::memcpy(&v, p, 2);
  return v;
}
float rdf(const char* p) {
  float v;
  std::memcpy(&v, p, 4);
  return v;
}

std::uint32_t fnv1a(std::string_view s, std::uint32_t h = 0x811C9DC5u) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x01000193u;
  }
  return h;
}

}  // namespace

std::string normalize_key(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.') continue;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '-' || c == '_' || c == ',') {
      space = !out.empty();
      continue;
    }
    if (space) {
      out.push_back(' ');
      space = false;
    }
    // U+2019 (right single quotation mark) reads as an apostrophe.
    if (c == '\xE2' && i + 2 < s.size() && s[i + 1] == '\x80' && s[i + 2] == '\x99') {
      out.push_back('\'');
      i += 2;
      continue;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    out.push_back(c);
  }
  if (out.starts_with("the ")) out.erase(0, 4);
  return out;
}

KnowledgeBase::~KnowledgeBase() = default;

std::shared_ptr<const KnowledgeBase> KnowledgeBase::load(const std::string& path) {
  std::shared_ptr<KnowledgeBase> kb(new KnowledgeBase());
  kb->map_.emplace(path);
  kb->init(kb->map_->data(), path);
  return kb;
}

std::shared_ptr<const KnowledgeBase> KnowledgeBase::from_bytes(std::string bytes) {
  std::shared_ptr<KnowledgeBase> kb(new KnowledgeBase());
  kb->owned_ = std::move(bytes);
  kb->init(kb->owned_, "knowledge base (in memory)");
  return kb;
}

void KnowledgeBase::init(std::string_view data, const std::string& what) {
  BinaryReader r(data, what);
  provenance_ = read_model_header(r, "kb", kVersion).provenance;
  std::uint32_t nsec = r.u32();
  if (nsec < 7) r.fail("knowledge base has " + std::to_string(nsec) + " sections, expected 7");
  struct Section {
    std::uint32_t count, offset;
  };
  std::vector<Section> sec(nsec);
  for (auto& s : sec) s = {r.u32(), r.u32()};
  const std::size_t sizes[7] = {kEntrySize, kKeySize, 4, 4, kCodeSize, 1, 0};
  for (int i = 0; i < 7; ++i) {
    std::uint64_t bytes =
        i == 6 ? (std::uint64_t{sec[i].count} + 7) / 8 : std::uint64_t{sec[i].count} * sizes[i];
    if (sec[i].offset > data.size() || bytes > data.size() - sec[i].offset)
      r.fail("section " + std::to_string(i) + " lies outside the file");
  }
  const char* base = data.data();
  entries_ = base + sec[0].offset, n_entries_ = sec[0].count;
  keys_ = base + sec[1].offset, n_keys_ = sec[1].count;
  slots_ = base + sec[2].offset, n_slots_ = sec[2].count;
  aliases_ = base + sec[3].offset, n_aliases_ = sec[3].count;
  codes_ = base + sec[4].offset, n_codes_ = sec[4].count;
  strings_ = base + sec[5].offset, n_strings_ = sec[5].count;
  bloom_ = reinterpret_cast<const unsigned char*>(base + sec[6].offset), n_bloom_bits_ = sec[6].count;
  if (n_slots_ == 0 || (n_slots_ & (n_slots_ - 1)) != 0) r.fail("hash table size is not a power of two");
  if (n_bloom_bits_ == 0) r.fail("empty word lexicon");

  // Validate every reference once, so that the accessors can trust the file.
  auto check_str = [&](std::uint32_t ref) {
    if (ref > n_strings_ || n_strings_ - ref < 2 || n_strings_ - ref - 2 < rd16(strings_ + ref))
      r.fail("string reference out of range");
  };
  for (std::uint32_t i = 0; i < n_entries_; ++i) {
    const char* e = entries_ + i * kEntrySize;
    check_str(rd32(e));
    if (static_cast<std::uint8_t>(e[8]) >= kTypes.size()) r.fail("bad entity type");
    if (static_cast<std::uint8_t>(e[10]) >= kSources.size()) r.fail("bad entry source");
    std::int32_t parent = static_cast<std::int32_t>(rd32(e + 28));
    if (parent < -1 || parent >= static_cast<std::int64_t>(n_entries_)) r.fail("bad parent index");
    std::uint64_t a = rd32(e + 32), na = static_cast<std::uint8_t>(e[11]);
    std::uint64_t c = rd32(e + 36), nc = rd16(e + 14);
    if (a + na > n_aliases_ || c + nc > n_codes_) r.fail("alias or code range out of bounds");
    if (rdf(e + 16) != rdf(e + 16) && rdf(e + 20) == rdf(e + 20)) r.fail("half a coordinate");
  }
  for (std::uint32_t i = 0; i < n_aliases_; ++i) check_str(rd32(aliases_ + 4 * i));
  for (std::uint32_t i = 0; i < n_codes_; ++i) check_str(rd32(codes_ + kCodeSize * i));
  for (std::uint32_t k = 0; k < n_keys_; ++k) {
    check_str(rd32(keys_ + kKeySize * k));
    std::uint8_t kind = key_kind(k);
    std::uint32_t v = key_value(k);
    if (kind >= kKindCount) r.fail("bad key kind");
    if ((kind == kName || kind == kPartial || kind == kDemonym) && v >= n_entries_) r.fail("bad key entry");
    if (kind == kAgent && v >= n_codes_) r.fail("bad agent code");
  }
  for (std::uint32_t s = 0; s < n_slots_; ++s)
    if (rd32(slots_ + 4 * s) > n_keys_) r.fail("bad hash slot");

  // Countries by ISO code: they come first in the file (source 0).
  country_index_.assign(26 * 26, 0);
  for (std::uint32_t i = 0; i < n_entries_; ++i) {
    const char* e = entries_ + i * kEntrySize;
    if (e[10] != 0) break;
    if (!(e[9] & KbEntry::kCountry)) continue;
    char a = e[12], b = e[13];
    if (a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z') country_index_[(a - 'A') * 26 + (b - 'A')] = i + 1;
  }
}

std::string_view KnowledgeBase::str(std::uint32_t ref) const {
  return {strings_ + ref + 2, rd16(strings_ + ref)};
}

std::uint32_t KnowledgeBase::key_value(std::uint32_t k) const {
  return rd32(keys_ + kKeySize * k + 4) & 0xFFFFFFu;
}
std::uint8_t KnowledgeBase::key_kind(std::uint32_t k) const {
  return static_cast<std::uint8_t>(rd32(keys_ + kKeySize * k + 4) >> 24);
}

KbEntry KnowledgeBase::entry(std::uint32_t i) const {
  const char* e = entries_ + std::size_t{i} * kEntrySize;
  KbEntry out;
  out.index = i;
  out.name = str(rd32(e));
  out.type = kTypes[static_cast<std::uint8_t>(e[8])];
  out.flags = static_cast<std::uint8_t>(e[9]);
  if (e[12] != '\0') out.country = std::string_view(e + 12, e[13] != '\0' ? 2 : 1);
  float lat = rdf(e + 16), lon = rdf(e + 20);
  if (!std::isnan(lat) && !std::isnan(lon)) {
    out.latitude = lat;
    out.longitude = lon;
  }
  out.prominence = rd32(e + 24);
  out.parent = static_cast<std::int32_t>(rd32(e + 28));
  return out;
}

std::string KnowledgeBase::id(std::uint32_t i) const {
  const char* e = entries_ + std::size_t{i} * kEntrySize;
  std::uint8_t source = static_cast<std::uint8_t>(e[10]);
  std::uint32_t num = rd32(e + 4);
  std::string out(kSources[source]);
  switch (source) {
    case 0:
      out.append(e + 12, 2);
      break;
    case 1:
      out += std::to_string(num);
      break;
    case 2: {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%08u", static_cast<unsigned>(num));
      out += buf;
      break;
    }
    default: {
      std::string key = normalize_key(str(rd32(e)));
      for (char& c : key)
        if (c == ' ') c = '_';
      out += key;
      if (num) {
        out += '~';
        out += std::to_string(num);
      }
    }
  }
  return out;
}

std::vector<std::string_view> KnowledgeBase::aliases(std::uint32_t i) const {
  const char* e = entries_ + std::size_t{i} * kEntrySize;
  std::uint32_t first = rd32(e + 32), n = static_cast<std::uint8_t>(e[11]);
  std::vector<std::string_view> out;
  out.reserve(n);
  for (std::uint32_t a = 0; a < n; ++a) out.push_back(str(rd32(aliases_ + 4 * (first + a))));
  return out;
}

std::vector<KbCode> KnowledgeBase::codes(std::uint32_t i) const {
  const char* e = entries_ + std::size_t{i} * kEntrySize;
  std::uint32_t first = rd32(e + 36), n = rd16(e + 14);
  std::vector<KbCode> out;
  out.reserve(n);
  for (std::uint32_t c = 0; c < n; ++c) {
    const char* p = codes_ + kCodeSize * (first + c);
    out.push_back({str(rd32(p)), rd32(p + 4), rd32(p + 8)});
  }
  return out;
}

std::pair<std::uint32_t, std::uint32_t> KnowledgeBase::find_key(std::string_view key) const {
  if (key.empty()) return {0, 0};
  std::uint32_t mask = n_slots_ - 1;
  std::uint32_t h = fnv1a(key) & mask;
  for (std::uint32_t probes = 0; probes < n_slots_; ++probes, h = (h + 1) & mask) {
    std::uint32_t slot = rd32(slots_ + 4 * h);
    if (slot == 0) return {0, 0};
    std::uint32_t first = slot - 1;
    if (str(rd32(keys_ + kKeySize * first)) != key) continue;
    std::uint32_t last = first + 1;
    // Equal keys are adjacent and share one string in the pool.
    std::uint32_t ref = rd32(keys_ + kKeySize * first);
    while (last < n_keys_ && rd32(keys_ + kKeySize * last) == ref) ++last;
    return {first, last};
  }
  return {0, 0};
}

std::vector<KbHit> KnowledgeBase::lookup(std::string_view name) const {
  std::vector<KbHit> out;
  auto [first, last] = find_key(normalize_key(name));
  for (std::uint32_t k = first; k < last; ++k) {
    std::uint8_t kind = key_kind(k);
    if (kind == kName || kind == kPartial) out.push_back({key_value(k), kind == kPartial});
  }
  return out;
}

std::optional<std::uint32_t> KnowledgeBase::demonym(std::string_view word) const {
  auto [first, last] = find_key(normalize_key(word));
  for (std::uint32_t k = first; k < last; ++k)
    if (key_kind(k) == kDemonym) return key_value(k);
  return std::nullopt;
}

std::optional<std::uint32_t> KnowledgeBase::country(std::string_view iso2) const {
  if (iso2.size() != 2) return std::nullopt;
  char a = iso2[0], b = iso2[1];
  if (a >= 'a' && a <= 'z') a = static_cast<char>(a - 32);
  if (b >= 'a' && b <= 'z') b = static_cast<char>(b - 32);
  if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') return std::nullopt;
  std::uint32_t v = country_index_[(a - 'A') * 26 + (b - 'A')];
  if (v == 0) return std::nullopt;
  return v - 1;
}

std::optional<std::uint32_t> KnowledgeBase::governs(std::uint32_t i) const {
  KbEntry e = entry(i);
  if (!(e.flags & (KbEntry::kCapital | KbEntry::kGovernmentBody)) || (e.flags & KbEntry::kCountry))
    return std::nullopt;
  return country(e.country);
}

std::vector<std::string_view> KnowledgeBase::agent_codes(std::string_view word) const {
  std::vector<std::string_view> out;
  auto [first, last] = find_key(normalize_key(word));
  for (std::uint32_t k = first; k < last; ++k)
    if (key_kind(k) == kAgent) out.push_back(str(rd32(codes_ + kCodeSize * key_value(k))));
  return out;
}

bool KnowledgeBase::is_common_word(std::string_view lower) const {
  if (lower.empty()) return false;
  std::uint32_t h1 = fnv1a(lower), h2 = fnv1a(lower, 0x9747B28Cu) | 1u;
  for (std::uint32_t i = 0; i < 7; ++i) {
    std::uint32_t bit = (h1 + i * h2) % n_bloom_bits_;
    if (!(bloom_[bit >> 3] & (1u << (bit & 7)))) return false;
  }
  return true;
}

bool KnowledgeBase::is_vehicle_noun(std::string_view lower) const {
  auto [first, last] = find_key(normalize_key(lower));
  for (std::uint32_t k = first; k < last; ++k)
    if (key_kind(k) == kVehicle) return true;
  return false;
}

}  // namespace chronicle
