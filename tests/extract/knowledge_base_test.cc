// Tests of the knowledge base against the committed models/kb.bin.
#include "extract/knowledge_base.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace chronicle;

namespace {

std::shared_ptr<const KnowledgeBase> kb() {
  static auto k = KnowledgeBase::load(std::string(CHRONICLE_MODELS) + "/kb.bin");
  return k;
}

// The first full-name hit of `name` with the given type, or -1.
int find(std::string_view name, std::string_view type) {
  for (const KbHit& h : kb()->lookup(name))
    if (!h.partial && kb()->entry(h.entry).type == type) return static_cast<int>(h.entry);
  return -1;
}

}  // namespace

TEST_CASE("normalize_key folds case, dots, hyphens and a leading article") {
  CHECK(normalize_key("Washington, D.C.") == "washington dc");
  CHECK(normalize_key("the  Islamic_State") == "islamic state");
  CHECK(normalize_key("Al-Qaeda") == "al qaeda");
  CHECK(normalize_key("  U.S. ") == "us");
  CHECK(normalize_key("Côte d\xE2\x80\x99Ivoire") == "c\xC3\xB4te d'ivoire");
}

TEST_CASE("countries carry ISO codes, coordinates, capitals and demonyms") {
  int ru = find("Russia", "GPE");
  REQUIRE(ru >= 0);
  KbEntry e = kb()->entry(ru);
  CHECK(e.has(KbEntry::kCountry));
  CHECK(e.country == "RU");
  CHECK(kb()->id(ru) == "iso:RU");
  CHECK(e.latitude.has_value());
  CHECK(find("Russian Federation", "GPE") == ru);
  REQUIRE(kb()->demonym("Russian").has_value());
  CHECK(*kb()->demonym("Russian") == static_cast<std::uint32_t>(ru));
  CHECK(kb()->demonym("Russians") == kb()->demonym("Russian"));
  CHECK(kb()->country("ru") == std::optional<std::uint32_t>(ru));
  int moscow = find("Moscow", "GPE");
  REQUIRE(moscow >= 0);
  CHECK(kb()->entry(moscow).country == "RU");
  CHECK(kb()->governs(moscow) == std::optional<std::uint32_t>(ru));
  CHECK_FALSE(kb()->governs(ru).has_value());
}

TEST_CASE("cities are contained in their country; WordNet and GeoNames names merge") {
  int aleppo = find("Aleppo", "GPE");
  REQUIRE(aleppo >= 0);
  KbEntry e = kb()->entry(aleppo);
  REQUIRE(e.parent >= 0);
  CHECK(kb()->entry(e.parent).name == "Syria");
  CHECK(kb()->id(aleppo).starts_with("geonames:"));
  CHECK(find("Halab", "GPE") == aleppo);  // WordNet's other name of the city
  CHECK(find("Grozny", "GPE") == find("Groznyy", "GPE"));
  CHECK(find("Tadmur", "GPE") >= 0);
}

TEST_CASE("people carry role codes with date ranges") {
  int putin = find("Vladimir Putin", "PERSON");
  REQUIRE(putin >= 0);
  auto codes = kb()->codes(putin);
  bool gov_2016 = std::any_of(codes.begin(), codes.end(),
                              [](const KbCode& c) { return c.code == "RUSGOV" && c.valid_on(20161215); });
  CHECK(gov_2016);
  bool partial = false;
  for (const KbHit& h : kb()->lookup("Putin"))
    if (h.entry == static_cast<std::uint32_t>(putin)) partial = h.partial;
  CHECK(partial);
}

TEST_CASE("government bodies, armed groups and agents") {
  int kremlin = -1;
  for (const KbHit& h : kb()->lookup("Kremlin"))
    if (kb()->governs(h.entry)) kremlin = static_cast<int>(h.entry);
  REQUIRE(kremlin >= 0);
  CHECK(kb()->entry(*kb()->governs(kremlin)).country == "RU");
  CHECK(find("Islamic State", "ORGANIZATION") >= 0);
  CHECK(find("ISIL", "ORGANIZATION") == find("Islamic State", "ORGANIZATION"));
  auto rebels = kb()->agent_codes("rebel");
  CHECK_FALSE(rebels.empty());
}

TEST_CASE("lexicons: common words and vehicle nouns") {
  CHECK(kb()->is_common_word("key"));
  CHECK(kb()->is_common_word("here"));
  CHECK_FALSE(kb()->is_common_word("malashenko"));
  CHECK(kb()->is_vehicle_noun("carrier"));
  CHECK(kb()->is_vehicle_noun("frigate"));
  CHECK_FALSE(kb()->is_vehicle_noun("president"));
}

TEST_CASE("a corrupt or truncated file gives ModelError") {
  std::string bytes = read_binary_file(std::string(CHRONICLE_MODELS) + "/kb.bin");
  CHECK_THROWS_AS(KnowledgeBase::from_bytes(bytes.substr(0, bytes.size() / 2)), ModelError);
  CHECK_THROWS_AS(KnowledgeBase::from_bytes("not a model"), ModelError);
  std::string bad = bytes;
  bad[bad.size() / 3] ^= 0x5A;  // may or may not hit a checked field: must never crash
  try {
    auto k = KnowledgeBase::from_bytes(bad);
    (void)k->lookup("Aleppo");
  } catch (const ModelError&) {
  }
  CHECK_THROWS_AS(KnowledgeBase::load("/nonexistent/kb.bin"), ModelError);
}
