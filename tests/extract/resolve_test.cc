// Tests of entity resolution with mentions built in code (as a recogniser would
// give them) over the committed models/kb.bin.
#include "extract/resolve.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace chronicle;

namespace {

const KnowledgeBase& kb() {
  static auto k = KnowledgeBase::load(std::string(CHRONICLE_MODELS) + "/kb.bin");
  return *k;
}

// A small tokeniser for the tests: words, punctuation, a split-off "'s"; sentences end at . ? !
// and at line breaks.
Analysis make(const std::string& text) {
  Analysis a;
  a.doc.id = "test";
  a.doc.text = text;
  a.doc.dct = TimePoint{2016, 12, 15, 0, 0, TimePoint::Granularity::Day};
  auto is_word = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  Sentence s;
  std::size_t i = 0;
  auto close = [&] {
    s.end_token = static_cast<std::uint32_t>(a.tokens.size());
    if (s.end_token > s.first_token) {
      s.span = {a.tokens[s.first_token].span.start, a.tokens.back().span.end};
      a.sentences.push_back(s);
    }
    s = Sentence{};
    s.first_token = static_cast<std::uint32_t>(a.tokens.size());
  };
  while (i < text.size()) {
    char c = text[i];
    if (c == '\n') {
      close();
      ++i;
      continue;
    }
    if (c == ' ') {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    if (c == '\'' && i + 1 < text.size() && text[i + 1] == 's')
      j = i + 2;
    else if (is_word(c))
      while (j < text.size() && is_word(text[j])) ++j;
    Token t;
    t.span = {static_cast<Offset>(i), static_cast<Offset>(j)};
    a.tokens.push_back(t);
    if (c == '.' || c == '?' || c == '!') close();
    i = j;
  }
  close();
  return a;
}

// Marks the n-th occurrence (0-based) of `surface` as a name mention of `type`.
void mark(Analysis& a, const std::string& surface, const std::string& type, int n = 0) {
  std::size_t pos = std::string::npos, from = 0;
  for (int k = 0; k <= n; ++k) {
    pos = a.doc.text.find(surface, from);
    REQUIRE(pos != std::string::npos);
    from = pos + 1;
  }
  Mention m;
  m.type = type;
  m.span = {static_cast<Offset>(pos), static_cast<Offset>(pos + surface.size())};
  for (std::uint32_t t = 0; t < a.tokens.size(); ++t) {
    if (a.tokens[t].span.start == m.span.start) m.first_token = t;
    if (a.tokens[t].span.end == m.span.end) m.end_token = t + 1;
  }
  REQUIRE(m.end_token > m.first_token);
  a.mentions.push_back(m);
}

const Entity* named(const Analysis& a, std::string_view name) {
  for (const Entity& e : a.entities)
    if (e.name == name) return &e;
  return nullptr;
}

const Entity* of_text(const Analysis& a, std::string_view text, int n = 0) {
  for (const Mention& m : a.mentions)
    if (a.text(m.span) == text && n-- == 0) return m.entity >= 0 ? &a.entities[m.entity] : nullptr;
  return nullptr;
}

const Mention* mention(const Analysis& a, std::string_view text, int n = 0) {
  for (const Mention& m : a.mentions)
    if (a.text(m.span) == text && n-- == 0) return &m;
  return nullptr;
}

}  // namespace

TEST_CASE("full name, surname, title form and possessive are one linked person") {
  Analysis a = make("Russian President Vladimir Putin met officials.\nLater Putin's aides spoke to Putin.");
  mark(a, "Russian President Vladimir Putin", "PERSON");
  mark(a, "Putin's", "PERSON");
  mark(a, "Putin", "PERSON", 2);
  resolve_entities(a, kb());
  const Entity* p = named(a, "Vladimir Putin");
  REQUIRE(p);
  CHECK(p->type == "PERSON");
  CHECK_FALSE(p->kb_id.empty());
  CHECK(p->id == p->kb_id);
  CHECK(p->mentions.size() == 3);
  CHECK(p->aliases == std::vector<std::string>{"Putin"});
  CHECK(std::find(p->codes.begin(), p->codes.end(), "RUSGOV") != p->codes.end());
  // Spans stay as the recogniser gave them; the title does not count for the name.
  CHECK(mention(a, "Russian President Vladimir Putin") != nullptr);
}

TEST_CASE("a demonym the recogniser typed MISC, or left untagged, acts for its country") {
  Analysis a = make("The Russian President met officials.");
  mark(a, "Russian", "MISC");
  resolve_entities(a, kb());
  const Mention* d = mention(a, "Russian");
  REQUIRE(d);
  CHECK(d->role == "demonym");
  CHECK(d->kind == Mention::Kind::Name);
  CHECK(d->type == "MISC");
  REQUIRE(d->entity >= 0);
  CHECK(a.entities[d->entity].name == "Russia");
  CHECK(a.entities[d->entity].aliases.empty());
}

TEST_CASE("a surname joins the full name of the document, with a particle") {
  Analysis a = make("Forces loyal to Bashar al-Assad advanced.\nAssad said so.");
  mark(a, "Bashar al-Assad", "PERSON");
  mark(a, "Assad", "PERSON", 1);
  resolve_entities(a, kb());
  REQUIRE(of_text(a, "Assad"));
  CHECK(of_text(a, "Assad") == of_text(a, "Bashar al-Assad"));
  CHECK(a.entities.size() == 1);
}

TEST_CASE("unknown people keep their names; a lone unlinked surname stays in its document") {
  Analysis a = make("The analyst Ivan Zorkinovsky said it.\nZorkinovsky added more.\nPetrovanko agreed.");
  mark(a, "Ivan Zorkinovsky", "PERSON");
  mark(a, "Zorkinovsky", "PERSON", 1);
  mark(a, "Petrovanko", "PERSON");
  resolve_entities(a, kb());
  const Entity* z = named(a, "Ivan Zorkinovsky");
  REQUIRE(z);
  CHECK(z->kb_id.empty());
  CHECK(z->aliases == std::vector<std::string>{"Zorkinovsky"});
  CHECK(z->id == entity_id("Ivan Zorkinovsky", "PERSON"));
  const Entity* p = named(a, "Petrovanko");
  REQUIRE(p);
  CHECK(p->id == entity_id("Petrovanko", "PERSON", "test"));
  CHECK(p->id != entity_id("Petrovanko", "PERSON"));
}

TEST_CASE("acronyms join the long form") {
  Analysis a = make("Fighters of the Islamic State group attacked.\nIS claimed it.");
  mark(a, "Islamic State group", "ORGANIZATION");
  mark(a, "IS", "ORGANIZATION");
  resolve_entities(a, kb());
  REQUIRE(of_text(a, "IS"));
  CHECK(of_text(a, "IS") == of_text(a, "Islamic State group"));
  CHECK(of_text(a, "IS")->type == "ORGANIZATION");
  CHECK_FALSE(of_text(a, "IS")->kb_id.empty());
}

TEST_CASE("a capital or government body acting stands for its government; in the city it is the city") {
  Analysis a = make(
      "Moscow: Officials met in Moscow on Friday.\nLater Moscow said the talks went well, and the Kremlin "
      "agreed.\nDamascus is celebrating.");
  mark(a, "Moscow", "GPE", 0);
  mark(a, "Moscow", "GPE", 1);
  mark(a, "Moscow", "GPE", 2);
  mark(a, "Kremlin", "ORGANIZATION");
  mark(a, "Damascus", "GPE");
  resolve_entities(a, kb());
  const Mention* dateline = mention(a, "Moscow", 0);
  const Mention* in_city = mention(a, "Moscow", 1);
  const Mention* said = mention(a, "Moscow", 2);
  REQUIRE((dateline && in_city && said));
  CHECK(dateline->role.empty());
  CHECK(in_city->role.empty());
  CHECK(a.entities[in_city->entity].name == "Moscow");
  CHECK(dateline->entity == in_city->entity);
  CHECK(said->role == "government");
  CHECK(a.entities[said->entity].name == "Russia");
  CHECK(mention(a, "Kremlin")->role == "government");
  CHECK(mention(a, "Kremlin")->entity == said->entity);
  CHECK(a.entities[mention(a, "Damascus")->entity].name == "Syria");
  // Moscow the city is part of Russia.
  const Entity& city = a.entities[in_city->entity];
  REQUIRE(city.part_of >= 0);
  CHECK(a.entities[city.part_of].name == "Russia");
  CHECK(a.entities[said->entity].aliases.empty());  // metonyms are not aliases
}

TEST_CASE("types refined from the knowledge base and context") {
  Analysis a = make(
      "Troops moved into Aleppo and the ancient city of Palmyra.\nThe Admiral Kuznetsov aircraft carrier "
      "sailed.\nHe flew over the Middle East.\nJordan scored twice.");
  mark(a, "Aleppo", "PERSON");
  mark(a, "Jordan", "PERSON");
  mark(a, "Palmyra", "LOCATION");
  mark(a, "Admiral Kuznetsov", "PERSON");
  mark(a, "Middle East", "GPE");
  resolve_entities(a, kb());
  const Entity* aleppo = of_text(a, "Aleppo");
  REQUIRE(aleppo);
  CHECK(aleppo->type == "GPE");
  CHECK(aleppo->country == "SY");
  CHECK(aleppo->latitude.has_value());
  REQUIRE(aleppo->part_of >= 0);
  CHECK(a.entities[aleppo->part_of].name == "Syria");
  REQUIRE(of_text(a, "Palmyra"));
  CHECK((of_text(a, "Palmyra")->type == "LOCATION" || of_text(a, "Palmyra")->type == "GPE"));
  REQUIRE(of_text(a, "Admiral Kuznetsov"));
  CHECK(of_text(a, "Admiral Kuznetsov")->type == "VEHICLE");
  REQUIRE(of_text(a, "Jordan"));
  CHECK(of_text(a, "Jordan")->type == "PERSON");  // no evidence in the text that it is the country
  REQUIRE(of_text(a, "Middle East"));
  CHECK(of_text(a, "Middle East")->type == "LOCATION");
}

TEST_CASE("sentence-initial common words are dropped; countries that are common words stay") {
  Analysis a = make(
      "Here is how.\nTurning the tables\nKey for them is this.\nTurkey agreed.\nTags fell.\nOn Sunday, Dec "
      "15 came.");
  mark(a, "Here", "LOCATION");
  mark(a, "Turning", "MISC");
  mark(a, "Key", "PERSON");
  mark(a, "Turkey", "GPE");
  mark(a, "Tags", "ORGANIZATION");
  mark(a, "Sunday", "PERSON");
  mark(a, "Dec", "MISC");
  resolve_entities(a, kb());
  std::vector<std::string> named;
  for (const Entity& e : a.entities)
    if (!e.mentions.empty()) named.push_back(e.kb_id);
  CHECK(named == std::vector<std::string>{"iso:TR"});
}

TEST_CASE("demonyms as actors and MISC demonyms") {
  Analysis a = make("Russian warplanes struck.\nThe Syrian leader spoke.");
  mark(a, "Syrian", "MISC");
  resolve_entities(a, kb());
  const Mention* r = mention(a, "Russian");
  const Mention* s = mention(a, "Syrian");
  REQUIRE((r && s));
  CHECK(r->role == "demonym");
  CHECK(s->role == "demonym");
  CHECK(a.entities[r->entity].kb_id == "iso:RU");
  CHECK(a.entities[s->entity].kb_id == "iso:SY");
}

TEST_CASE("deterministic ids and robustness") {
  CHECK(entity_id("Carnegie Center", "ORGANIZATION") == entity_id("the  Carnegie-Center", "ORGANIZATION"));
  CHECK(entity_id("Carnegie Center", "ORGANIZATION") != entity_id("Carnegie Center", "FACILITY"));
  Analysis empty = make("");
  resolve_entities(empty, kb());
  CHECK(empty.entities.empty());
  Analysis a = make("Some text here.");
  Mention bad;
  bad.first_token = 5;
  bad.end_token = 9;  // out of range: ignored, never a crash
  a.mentions.push_back(bad);
  resolve_entities(a, kb());
  CHECK(a.entities.empty());
  Analysis x = make("Putin and Putin.");
  mark(x, "Putin", "PERSON");
  mark(x, "Putin", "PERSON", 1);
  Analysis y = x;
  resolve_entities(x, kb());
  resolve_entities(y, kb());
  REQUIRE(x.entities.size() == 1);
  CHECK(x.entities[0].id == y.entities[0].id);
  CHECK(x.entities[0].name == "Vladimir Putin");  // one KB person of that name holds office at the date
}

TEST_CASE(
    "a name cut short is extended from the KB; its acronym is found; an unknown center is an organisation") {
  Analysis a = make(
      "Islamic State group jihadists seized the town of Qaryatayn.\nThe IS advance worried an analyst at "
      "the Zorkin Center in Moscow.\nWith Qaryatayn lost, IS fled.");
  mark(a, "Islamic", "MISC");
  mark(a, "Qaryatayn", "GPE");
  mark(a, "Zorkin Center", "GPE");
  mark(a, "Moscow", "GPE");
  mark(a, "Qaryatayn", "ORGANIZATION", 1);
  resolve_entities(a, kb());
  const Mention* is = mention(a, "Islamic State");
  REQUIRE(is);
  CHECK(is->type == "ORGANIZATION");
  REQUIRE(of_text(a, "IS"));
  CHECK(of_text(a, "IS") == of_text(a, "Islamic State"));
  CHECK(of_text(a, "IS", 1) == of_text(a, "Islamic State"));
  REQUIRE(of_text(a, "Zorkin Center"));
  CHECK(of_text(a, "Zorkin Center")->type == "ORGANIZATION");
  CHECK(of_text(a, "Qaryatayn", 1) == of_text(a, "Qaryatayn", 0));
  CHECK(of_text(a, "Moscow")->name == "Moscow");  // "in Moscow": the city
}
