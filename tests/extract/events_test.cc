// Event extraction on hand-built analyses: tokens with UD parses written by
// hand, mentions and times placed by hand, a tiny lexicon built in code.
#include "extract/events.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/model_file.h"
#include "extract/event_classifier.h"
#include "extract/event_lexicon.h"
#include "extract/events_train.h"
#include "extract/timex.h"

using namespace chronicle;

namespace {

// One row of a hand-written parse: word, UPOS, lemma, head (1-based within the
// sentence, 0 = root), deprel. XPOS is optional.
struct Row {
  const char* word;
  const char* upos;
  const char* lemma;
  int head;
  const char* deprel;
  const char* xpos = "";
};

class Builder {
 public:
  Builder() { a.doc.id = "test"; }
  Builder& dct(int y, unsigned m, unsigned d) {
    TimePoint t;
    t.year = y, t.month = m, t.day = d;
    a.doc.dct = t;
    return *this;
  }
  Builder& sentence(std::initializer_list<Row> rows) {
    Sentence s;
    s.first_token = static_cast<std::uint32_t>(a.tokens.size());
    s.span.start = static_cast<Offset>(a.doc.text.size());
    for (const Row& r : rows) {
      if (!a.doc.text.empty()) a.doc.text += ' ';
      Token t;
      t.span.start = static_cast<Offset>(a.doc.text.size());
      a.doc.text += r.word;
      t.span.end = static_cast<Offset>(a.doc.text.size());
      t.upos = r.upos;
      t.xpos = r.xpos;
      t.lemma = r.lemma;
      t.head = r.head == 0 ? -1 : static_cast<int>(s.first_token) + r.head - 1;
      t.deprel = r.deprel;
      a.tokens.push_back(t);
    }
    s.end_token = static_cast<std::uint32_t>(a.tokens.size());
    s.span.end = static_cast<Offset>(a.doc.text.size());
    a.sentences.push_back(s);
    return *this;
  }
  // A mention over tokens [first, end) (absolute indices) of a new or given entity.
  Builder& mention(std::uint32_t first, std::uint32_t end, const char* type, const char* name,
                   int entity = -1, Mention::Kind kind = Mention::Kind::Name, const char* role = "") {
    if (entity < 0) {
      Entity e;
      e.id = name;
      e.name = name;
      e.type = type;
      a.entities.push_back(e);
      entity = static_cast<int>(a.entities.size()) - 1;
    }
    Mention m;
    m.first_token = first, m.end_token = end;
    m.span = {a.tokens[first].span.start, a.tokens[end - 1].span.end};
    m.type = type;
    m.kind = kind;
    m.entity = entity;
    m.role = role;
    a.entities[static_cast<std::size_t>(entity)].mentions.push_back(static_cast<int>(a.mentions.size()));
    a.mentions.push_back(m);
    return *this;
  }
  Builder& time(std::uint32_t first, std::uint32_t end, const char* type, const char* value) {
    TimeExpr t;
    // Appended, not "t" + to_string(): GCC 12 warns falsely (-Wrestrict) on that once inlined.
    t.id = "t";
    t.id += std::to_string(a.times.size() + 1);
    t.span = {a.tokens[first].span.start, a.tokens[end - 1].span.end};
    t.type = type;
    t.value = value;
    a.times.push_back(t);
    return *this;
  }
  Analysis a;
};

// A tiny lexicon: a few CAMEO verbs, event nouns and word classes.
std::shared_ptr<const EventExtractor> tiny_extractor() {
  auto lex = std::make_shared<EventLexicon>();
  lex->cameo_blocks.resize(1);
  CameoPattern back;
  back.words = {"back"};
  back.exact = {1};
  back.code = "0874";
  lex->cameo_blocks[0].push_back(back);
  auto verb = [&](const char* l, const char* code, std::uint32_t block = 1) {
    CameoVerb v;
    v.code = code;
    v.block = block;
    lex->verbs[l] = v;
    lex->words[l].pos |= WordClass::Verb;
  };
  verb("launch", "190");
  verb("seize", "190");
  verb("retake", "190", 0);
  verb("say", "010");
  verb("send", "070");
  verb("destroy", "200");
  verb("strike", "190");
  verb("halt", "080");
  verb("bludgeon", "180");
  lex->noun_verbs["destruction"] = "destroy";
  lex->words["destruction"] = WordClass{WordClass::Noun, 4, 0, 1};
  lex->words["treaty"] = WordClass{WordClass::Noun, 10, 0, 0};   // noun.communication
  lex->words["shipment"] = WordClass{WordClass::Noun, 6, 0, 0};  // noun.artifact
  auto clf = std::make_shared<EventClassifier>();
  return std::make_shared<EventExtractor>(lex, clf);
}

const Event* find_event(const Analysis& a, std::string_view lemma) {
  for (const Event& e : a.events)
    if (e.lemma == lemma) return &e;
  return nullptr;
}

std::vector<std::string> args(const Analysis& a, const Event& e, std::string_view role) {
  std::vector<std::string> out;
  for (const Argument& x : e.arguments)
    if (x.role == role && x.entity >= 0) out.push_back(a.entities[static_cast<std::size_t>(x.entity)].name);
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("events: a name below a demonym head is the argument; the demonym only alone") {
  Builder b;
  // The parse a tagger's ADJ invites: "Russian" as the head of the subject.
  b.sentence({{"Russian", "ADJ", "Russian", 5, "nsubj"},
              {"President", "PROPN", "President", 3, "compound"},
              {"Vladimir", "PROPN", "Vladimir", 1, "flat"},
              {"Putin", "PROPN", "Putin", 3, "flat"},
              {"launched", "VERB", "launch", 0, "root", "VBD"},
              {"strikes", "NOUN", "strike", 5, "obj"}});
  b.sentence({{"Russians", "PROPN", "Russians", 2, "nsubj"},
              {"attacked", "VERB", "attack", 0, "root", "VBD"},
              {"positions", "NOUN", "position", 2, "obj"}});
  b.mention(0, 1, "MISC", "Russia", -1, Mention::Kind::Name, "demonym")
      .mention(2, 4, "PERSON", "Vladimir Putin")
      .mention(6, 7, "MISC", "Russia", 0, Mention::Kind::Name, "demonym");
  tiny_extractor()->extract(b.a);
  const Event* launch = find_event(b.a, "launch");
  REQUIRE(launch);
  CHECK(args(b.a, *launch, "agent") == V{"Vladimir Putin"});
  const Event* attack = find_event(b.a, "attack");
  REQUIRE(attack);
  CHECK(args(b.a, *attack, "agent") == V{"Russia"});
}

TEST_CASE("events: the year of a treaty is not the time of the events around it") {
  // "Reagan accused Moscow of breaching the 1972 ABM treaty."
  Builder b;
  b.sentence({{"Reagan", "PROPN", "Reagan", 2, "nsubj"},
              {"accused", "VERB", "accuse", 0, "root", "VBD"},
              {"Moscow", "PROPN", "Moscow", 2, "obj"},
              {"of", "SCONJ", "of", 5, "mark"},
              {"breaching", "VERB", "breach", 2, "advcl", "VBG"},
              {"the", "DET", "the", 9, "det"},
              {"1972", "NUM", "1972", 8, "nummod"},  // on the compound: the parser's habit
              {"ABM", "PROPN", "ABM", 9, "compound"},
              {"treaty", "NOUN", "treaty", 5, "obj"},
              {".", "PUNCT", ".", 2, "punct"}});
  // A measure's period does date the change: "sales fell with January shipments".
  b.sentence({{"Sales", "NOUN", "sale", 2, "nsubj"},
              {"fell", "VERB", "fall", 0, "root", "VBD"},
              {"with", "ADP", "with", 5, "case"},
              {"January", "PROPN", "January", 5, "compound"},
              {"shipments", "NOUN", "shipment", 2, "obl"},
              {".", "PUNCT", ".", 2, "punct"}});
  b.time(6, 7, "DATE", "1972").time(13, 14, "DATE", "2017-01");
  tiny_extractor()->extract(b.a);
  const Event* accuse = find_event(b.a, "accuse");
  const Event* breach = find_event(b.a, "breach");
  const Event* fall = find_event(b.a, "fall");
  REQUIRE(accuse);
  REQUIRE(breach);
  REQUIRE(fall);
  CHECK(accuse->time == -1);
  CHECK(breach->time == -1);
  CHECK(fall->time == 1);
}

TEST_CASE("events: the agent is not also the patient") {
  Builder b;
  b.sentence({{"U.S.", "PROPN", "U.S.", 2, "compound"},
              {"concerns", "NOUN", "concern", 3, "nsubj"},
              {"included", "VERB", "include", 0, "root", "VBD"},
              {"U.S.", "PROPN", "U.S.", 5, "compound"},
              {"banking", "NOUN", "banking", 3, "obj"}});
  b.mention(0, 1, "GPE", "United States").mention(3, 4, "GPE", "United States", 0);
  tiny_extractor()->extract(b.a);
  const Event* e = find_event(b.a, "include");
  REQUIRE(e);
  CHECK(args(b.a, *e, "agent") == V{"United States"});
  CHECK(args(b.a, *e, "patient").empty());
}

TEST_CASE("events: active clause with agent, location, time and CAMEO type") {
  Builder b;
  b.sentence({{"Putin", "PROPN", "Putin", 2, "nsubj"},
              {"launched", "VERB", "launch", 0, "root", "VBD"},
              {"a", "DET", "a", 4, "det"},
              {"campaign", "NOUN", "campaign", 2, "obj"},
              {"in", "ADP", "in", 6, "case"},
              {"Syria", "PROPN", "Syria", 4, "nmod"},
              {"last", "ADJ", "last", 8, "amod"},
              {"year", "NOUN", "year", 2, "obl:tmod"},
              {".", "PUNCT", ".", 2, "punct"}});
  b.mention(0, 1, "PERSON", "Vladimir Putin").mention(5, 6, "GPE", "Syria").time(6, 8, "DATE", "2015");
  tiny_extractor()->extract(b.a);
  const Event* e = find_event(b.a, "launch");
  REQUIRE(e);
  CHECK(args(b.a, *e, "agent") == V{"Vladimir Putin"});
  CHECK(args(b.a, *e, "location") == V{"Syria"});
  CHECK(e->time == 0);
  CHECK(e->cameo == "190");
  CHECK(e->type == "FIGHT");
  CHECK(e->quad_class == 4);
  CHECK(e->goldstein == doctest::Approx(-10.0));
  CHECK(e->id == "v1");
  CHECK_FALSE(e->negated);
}

TEST_CASE("events: passive by-phrase is the agent, passive subject the patient") {
  Builder b;
  b.sentence({{"Palmyra", "PROPN", "Palmyra", 3, "nsubj:pass"},
              {"was", "AUX", "be", 3, "aux:pass"},
              {"seized", "VERB", "seize", 0, "root", "VBN"},
              {"by", "ADP", "by", 5, "case"},
              {"militants", "NOUN", "militant", 3, "obl:agent"}});
  b.mention(0, 1, "GPE", "Palmyra").mention(4, 5, "ORGANIZATION", "Islamic State");
  tiny_extractor()->extract(b.a);
  const Event* e = find_event(b.a, "seize");
  REQUIRE(e);
  CHECK(args(b.a, *e, "agent") == V{"Islamic State"});
  CHECK(args(b.a, *e, "patient") == V{"Palmyra"});
}

TEST_CASE("events: event noun with possessor agent, of-phrase patient and date") {
  Builder b;
  b.sentence({{"memories", "NOUN", "memory", 0, "root"},
              {"of", "ADP", "of", 4, "case"},
              {"Putin", "PROPN", "Putin", 4, "nmod:poss"},
              {"destruction", "NOUN", "destruction", 1, "nmod"},
              {"of", "ADP", "of", 6, "case"},
              {"Grozny", "PROPN", "Grozny", 4, "nmod"},
              {"in", "ADP", "in", 8, "case"},
              {"1999", "NUM", "1999", 4, "nmod"}});
  b.mention(2, 3, "PERSON", "Vladimir Putin").mention(5, 6, "GPE", "Grozny").time(7, 8, "DATE", "1999");
  tiny_extractor()->extract(b.a);
  const Event* e = find_event(b.a, "destruction");
  REQUIRE(e);
  CHECK(args(b.a, *e, "agent") == V{"Vladimir Putin"});
  CHECK(args(b.a, *e, "patient") == V{"Grozny"});
  CHECK(e->cameo == "200");  // through the verb the noun derives from
  CHECK(e->time == 0);
  CHECK(find_event(b.a, "memory") == nullptr);  // not an event noun
}

TEST_CASE("events: an event noun shares the time its governing verb takes after it") {
  // "in 1945" parsed onto the verb: the noun between them shares it.
  Builder b;
  b.sentence({{"The", "DET", "the", 2, "det"},
              {"film", "NOUN", "film", 3, "nsubj"},
              {"revived", "VERB", "revive", 0, "root", "VBD"},
              {"memories", "NOUN", "memory", 3, "obj"},
              {"of", "ADP", "of", 7, "case"},
              {"the", "DET", "the", 7, "det"},
              {"destruction", "NOUN", "destruction", 4, "nmod"},
              {"of", "ADP", "of", 9, "case"},
              {"Dresden", "PROPN", "Dresden", 7, "nmod"},
              {"in", "ADP", "in", 11, "case"},
              {"1945", "NUM", "1945", 3, "obl"}});
  b.mention(8, 9, "GPE", "Dresden").time(10, 11, "DATE", "1945");
  tiny_extractor()->extract(b.a);
  const Event* v = find_event(b.a, "revive");
  REQUIRE(v);
  CHECK(v->time == 0);  // attached: the sentence fallback would not give it away
  const Event* e = find_event(b.a, "destruction");
  REQUIRE(e);
  CHECK(e->time == 0);

  // A time before the noun belongs to the verb alone.
  Builder c;
  c.sentence({{"In", "ADP", "in", 2, "case"},
              {"1945", "NUM", "1945", 4, "obl"},
              {"films", "NOUN", "film", 4, "nsubj"},
              {"revived", "VERB", "revive", 0, "root", "VBD"},
              {"memories", "NOUN", "memory", 4, "obj"},
              {"of", "ADP", "of", 7, "case"},
              {"destruction", "NOUN", "destruction", 5, "nmod"}});
  c.time(1, 2, "DATE", "1945");
  tiny_extractor()->extract(c.a);
  e = find_event(c.a, "destruction");
  REQUIRE(e);
  CHECK(e->time == -1);
}

TEST_CASE("events: coordinated subjects are two agents; pronoun object resolved past the subject") {
  Builder b;
  b.sentence({{"Militants", "NOUN", "militant", 2, "nsubj"},
              {"seized", "VERB", "seize", 0, "root", "VBD"},
              {"Palmyra", "PROPN", "Palmyra", 2, "obj"},
              {"eight", "NUM", "eight", 5, "nummod"},
              {"months", "NOUN", "month", 10, "obl:npmod"},
              {"after", "SCONJ", "after", 10, "mark"},
              {"Damascus", "PROPN", "Damascus", 10, "nsubj"},
              {"and", "CCONJ", "and", 9, "cc"},
              {"Moscow", "PROPN", "Moscow", 7, "conj"},
              {"retook", "VERB", "retake", 2, "advcl", "VBD"},
              {"it", "PRON", "it", 10, "obj"}});
  b.dct(2016, 12, 15);
  b.mention(0, 1, "ORGANIZATION", "Islamic State")
      .mention(2, 3, "GPE", "Palmyra")
      .mention(6, 7, "GPE", "Damascus", -1, Mention::Kind::Name, "government")
      .mention(8, 9, "GPE", "Moscow", -1, Mention::Kind::Name, "government")
      .time(3, 5, "DURATION", "P8M");
  tiny_extractor()->extract(b.a);
  const Event* e = find_event(b.a, "retake");
  REQUIRE(e);
  CHECK(args(b.a, *e, "agent") == V{"Damascus", "Moscow"});
  CHECK(args(b.a, *e, "patient") == V{"Palmyra"});
  // Relative time: eight months before the seizure, which is dated by the DCT.
  CHECK(e->time_value == "2016-04");
  CHECK_FALSE(e->time_from_dct);
  const Event* s = find_event(b.a, "seize");
  REQUIRE(s);
  CHECK(args(b.a, *s, "agent") == V{"Islamic State"});
  CHECK(s->time == -1);  // the duration dates the retaking, not the seizure
}

TEST_CASE("events: xcomp takes the controller's subject; light verb read through") {
  Builder b;
  b.sentence({{"Russia", "PROPN", "Russia", 2, "nsubj"},
              {"helped", "VERB", "help", 0, "root", "VBD"},
              {"send", "VERB", "send", 2, "xcomp", "VB"},
              {"ships", "NOUN", "ship", 3, "obj"}});
  b.sentence({{"Russian", "ADJ", "Russian", 2, "amod"},
              {"warplanes", "NOUN", "warplane", 3, "nsubj"},
              {"played", "VERB", "play", 0, "root", "VBD"},
              {"a", "DET", "a", 5, "det"},
              {"role", "NOUN", "role", 3, "obj"},
              {"in", "SCONJ", "in", 7, "mark"},
              {"bludgeoning", "VERB", "bludgeon", 5, "acl", "VBG"},
              {"rebels", "NOUN", "rebel", 7, "obj"}});
  b.mention(0, 1, "GPE", "Russia").mention(4, 5, "MISC", "Russia", 0, Mention::Kind::Name, "demonym");
  tiny_extractor()->extract(b.a);
  const Event* send = find_event(b.a, "send");
  REQUIRE(send);
  CHECK(args(b.a, *send, "agent") == V{"Russia"});
  const Event* bl = find_event(b.a, "bludgeon");
  REQUIRE(bl);
  CHECK(args(b.a, *bl, "agent") == V{"Russia"});
  CHECK(find_event(b.a, "play") == nullptr);
}

TEST_CASE("events: deal a blow reads as strike") {
  Builder b;
  b.sentence({{"Damascus", "PROPN", "Damascus", 2, "nsubj"},
              {"dealt", "VERB", "deal", 0, "root", "VBD"},
              {"a", "DET", "a", 4, "det"},
              {"blow", "NOUN", "blow", 2, "obj"},
              {"to", "ADP", "to", 6, "case"},
              {"rebels", "NOUN", "rebel", 2, "obl"}});
  b.mention(0, 1, "GPE", "Damascus").mention(5, 6, "ORGANIZATION", "rebels");
  tiny_extractor()->extract(b.a);
  const Event* e = find_event(b.a, "strike");
  REQUIRE(e);
  CHECK(e->cameo == "190");
  CHECK(args(b.a, *e, "agent") == V{"Damascus"});
  CHECK(args(b.a, *e, "to") == V{"rebels"});
  CHECK(find_event(b.a, "blow") == nullptr);
}

TEST_CASE("events: a verb used as a preposition gets no CAMEO code; a speech verb without object states") {
  Builder b;
  // According to witnesses , police shot the man .
  b.sentence({{"According", "VERB", "accord", 3, "case", "VBG"},
              {"to", "ADP", "to", 1, "fixed"},
              {"witnesses", "NOUN", "witness", 6, "obl"},
              {",", "PUNCT", ",", 6, "punct"},
              {"police", "NOUN", "police", 6, "nsubj"},
              {"shot", "VERB", "strike", 0, "root", "VBD"},
              {"the", "DET", "the", 8, "det"},
              {"man", "NOUN", "man", 6, "obj"},
              {".", "PUNCT", ".", 6, "punct"}});
  // Output totalled 5 mln , he added .  (the reported clause parsed as an adverbial clause)
  b.sentence({{"Output", "NOUN", "output", 2, "nsubj"},
              {"totalled", "VERB", "total", 7, "advcl", "VBD"},
              {"5", "NUM", "5", 4, "nummod"},
              {"mln", "NOUN", "mln", 2, "obj"},
              {",", "PUNCT", ",", 2, "punct"},
              {"he", "PRON", "he", 7, "nsubj"},
              {"added", "VERB", "add", 0, "root", "VBD"}});
  // The plant will add capacity .  (an object: the dictionary's material reading stands)
  b.sentence({{"The", "DET", "the", 2, "det"},
              {"plant", "NOUN", "plant", 4, "nsubj"},
              {"will", "AUX", "will", 4, "aux"},
              {"add", "VERB", "add", 0, "root", "VB"},
              {"capacity", "NOUN", "capacity", 4, "obj"}});
  auto lex = std::make_shared<EventLexicon>();
  for (const char* l : {"accord", "add"}) {  // both sit under GRANT [060] in PETRARCH's dictionary
    CameoVerb v;
    v.code = "060";
    lex->verbs[l] = v;
    lex->words[l].pos |= WordClass::Verb;
  }
  CameoVerb strike;
  strike.code = "190";
  lex->verbs["strike"] = strike;
  EventExtractor(lex, std::make_shared<EventClassifier>()).extract(b.a);
  std::vector<const Event*> adds;
  for (const Event& e : b.a.events) {
    if (e.lemma == "accord") CHECK(e.cameo.empty());
    if (e.lemma == "strike") CHECK(e.cameo == "190");
    if (e.lemma == "add") adds.push_back(&e);
  }
  REQUIRE(adds.size() == 2);
  CHECK(adds[0]->timeml_class == "REPORTING");
  CHECK(adds[0]->cameo == "010");
  CHECK(adds[1]->cameo == "060");
}

TEST_CASE("events: a default coercion code needs a target: an actor or an object that can be one") {
  Builder b;
  // The bank holds 5 pct .
  b.sentence({{"The", "DET", "the", 2, "det"},
              {"bank", "NOUN", "bank", 3, "nsubj"},
              {"holds", "VERB", "hold", 0, "root", "VBZ"},
              {"5", "NUM", "5", 5, "nummod"},
              {"pct", "NOUN", "pct", 3, "obj"}});
  // Police held four protesters .
  b.sentence({{"Police", "NOUN", "police", 2, "nsubj"},
              {"held", "VERB", "hold", 0, "root", "VBD"},
              {"four", "NUM", "four", 4, "nummod"},
              {"protesters", "NOUN", "protester", 2, "obj"}});
  // Results exclude credits .
  b.sentence({{"Results", "NOUN", "result", 2, "nsubj"},
              {"exclude", "VERB", "exclude", 0, "root", "VBP"},
              {"credits", "NOUN", "credit", 2, "obj"}});
  auto lex = std::make_shared<EventLexicon>();
  for (const char* l : {"hold", "exclude"}) {
    CameoVerb v;
    v.code = "170";
    lex->verbs[l] = v;
    lex->words[l].pos |= WordClass::Verb;
  }
  lex->words["protester"] = WordClass{WordClass::Noun, 18, 0, 0};  // noun.person
  lex->words["credit"] = WordClass{WordClass::Noun, 21, 0, 0};     // noun.possession
  EventExtractor(lex, std::make_shared<EventClassifier>()).extract(b.a);
  std::vector<const Event*> found;
  for (const Event& e : b.a.events) found.push_back(&e);
  REQUIRE(found.size() == 3);
  CHECK(found[0]->cameo.empty());  // an amount
  CHECK(found[0]->quad_class == Event{}.quad_class);
  CHECK(found[1]->cameo == "170");  // people
  CHECK(found[1]->type == "COERCE");
  CHECK(found[2]->cameo.empty());  // a possession
  CHECK(found[2]->type != "COERCE");
}

TEST_CASE("events: reported speech, source, DCT for the report, negation and modality") {
  Builder b;
  b.dct(2016, 12, 15);
  b.sentence({{"Malashenko", "PROPN", "Malashenko", 2, "nsubj"},
              {"said", "VERB", "say", 0, "root", "VBD"},
              {"Moscow", "PROPN", "Moscow", 6, "nsubj"},
              {"did", "AUX", "do", 6, "aux"},
              {"not", "PART", "not", 6, "advmod"},
              {"halt", "VERB", "halt", 2, "ccomp", "VB"},
              {"strikes", "NOUN", "strike", 6, "obj"}});
  b.sentence({{"Russia", "PROPN", "Russia", 3, "nsubj"},
              {"may", "AUX", "may", 3, "aux"},
              {"send", "VERB", "send", 0, "root", "VB"},
              {"troops", "NOUN", "troop", 3, "obj"}});
  b.mention(0, 1, "PERSON", "Alexei Malashenko")
      .mention(2, 3, "GPE", "Moscow")
      .mention(7, 8, "GPE", "Russia");
  tiny_extractor()->extract(b.a);
  const Event* say = find_event(b.a, "say");
  REQUIRE(say);
  CHECK(say->timeml_class == "REPORTING");
  CHECK(args(b.a, *say, "agent") == V{"Alexei Malashenko"});
  CHECK(say->time_from_dct);
  CHECK(say->time_value == "2016-12-15");
  const Event* halt = find_event(b.a, "halt");
  REQUIRE(halt);
  CHECK(halt->negated);
  CHECK(halt->source == 0);
  CHECK(args(b.a, *halt, "agent") == V{"Moscow"});
  const Event* send = find_event(b.a, "send");
  REQUIRE(send);
  CHECK(send->modality == "may");
  CHECK(send->source == -1);
  CHECK_FALSE(send->time_from_dct);  // not a reporting event: no DCT fallback
}

TEST_CASE("events: pronoun agent resolved to the recent person; time from the clause") {
  Builder b;
  b.sentence({{"Trump", "PROPN", "Trump", 2, "nsubj"},
              {"approaches", "VERB", "approach", 0, "root", "VBZ"},
              {"the", "DET", "the", 4, "det"},
              {"conflict", "NOUN", "conflict", 2, "obj"},
              {"when", "ADV", "when", 7, "advmod"},
              {"he", "PRON", "he", 7, "nsubj"},
              {"takes", "VERB", "take", 2, "advcl", "VBZ"},
              {"power", "NOUN", "power", 7, "obj"},
              {"in", "ADP", "in", 10, "case"},
              {"January", "PROPN", "January", 7, "obl"}});
  b.mention(0, 1, "PERSON", "Donald Trump").time(8, 10, "DATE", "2017-01");
  tiny_extractor()->extract(b.a);
  const Event* e = find_event(b.a, "take");
  REQUIRE(e);
  CHECK(args(b.a, *e, "agent") == V{"Donald Trump"});
  REQUIRE(e->time == 0);
  CHECK(b.a.times[0].value == "2017-01");
}

TEST_CASE("events: \"X said it ...\": the pronoun is X, not a name inside X's phrase") {
  Builder b;
  b.sentence({{"Acme", "PROPN", "Acme", 2, "nsubj"},
              {"approaches", "VERB", "approach", 0, "root", "VBZ"},
              {"buyers", "NOUN", "buyer", 2, "obj"}});
  b.sentence({{"The", "DET", "the", 2, "det"},
              {"company", "NOUN", "company", 5, "nsubj"},
              {"in", "ADP", "in", 4, "case"},
              {"Ohio", "PROPN", "Ohio", 2, "nmod"},
              {"said", "VERB", "say", 0, "root", "VBD"},
              {"it", "PRON", "it", 7, "nsubj"},
              {"takes", "VERB", "take", 5, "ccomp", "VBZ"},
              {"power", "NOUN", "power", 7, "obj"}});
  b.sentence({{"Ohio", "PROPN", "Ohio", 2, "nsubj"},
              {"said", "VERB", "say", 0, "root", "VBD"},
              {"Acme", "PROPN", "Acme", 4, "nsubj"},
              {"approaches", "VERB", "approach", 2, "ccomp", "VBZ"},
              {"it", "PRON", "it", 4, "obj"}});
  b.mention(0, 1, "ORGANIZATION", "Acme").mention(6, 7, "GPE", "Ohio");
  b.mention(11, 12, "GPE", "Ohio", 1).mention(13, 14, "ORGANIZATION", "Acme", 0);
  tiny_extractor()->extract(b.a);
  const Event* take = find_event(b.a, "take");
  REQUIRE(take);
  // The unnamed company's antecedent comes before it: Acme, not Ohio (the nearest name).
  CHECK(args(b.a, *take, "agent") == V{"Acme"});
  // Only a subject is read so: an object pronoun keeps the usual search (the clause's own
  // subject excluded), and a named outer subject is the antecedent of a subject pronoun.
  const Event* approach = nullptr;
  for (const Event& e : b.a.events)
    if (e.lemma == "approach" && e.sentence == 2) approach = &e;
  REQUIRE(approach);
  CHECK(args(b.a, *approach, "patient") == V{"Ohio"});
}

TEST_CASE("events: a name fused into a modifier by a hyphen is not the argument; a person's name is") {
  Builder b;
  b.sentence({{"The", "DET", "the", 3, "det"},
              {"Houston-based", "ADJ", "Houston-based", 3, "amod"},
              {"company", "NOUN", "company", 4, "nsubj"},
              {"approaches", "VERB", "approach", 0, "root", "VBZ"},
              {"U.S.-made", "ADJ", "U.S.-made", 6, "amod"},
              {"buyers", "NOUN", "buyer", 4, "obj"}});
  b.sentence({{"Li", "PROPN", "Li", 3, "nsubj"},
              {"Ka-shing", "PROPN", "Ka-shing", 1, "flat"},
              {"takes", "VERB", "take", 0, "root", "VBZ"},
              {"power", "NOUN", "power", 3, "obj"}});
  b.mention(1, 2, "MISC", "Houston-based").mention(4, 5, "ORGANIZATION", "U.S.-made");
  b.mention(6, 8, "PERSON", "Li Ka-shing");
  tiny_extractor()->extract(b.a);
  const Event* approach = find_event(b.a, "approach");
  REQUIRE(approach);
  CHECK(approach->arguments.empty());
  const Event* take = find_event(b.a, "take");
  REQUIRE(take);
  CHECK(args(b.a, *take, "agent") == V{"Li Ka-shing"});
}

TEST_CASE("events: a definite description of a place resolves to the salient place") {
  Builder b;
  b.sentence({{"Aleppo", "PROPN", "Aleppo", 0, "root"}});
  b.sentence({{"Aleppo", "PROPN", "Aleppo", 0, "root"}});
  b.sentence({{"Grozny", "PROPN", "Grozny", 0, "root"}});
  b.sentence({{"Moscow", "PROPN", "Moscow", 2, "nsubj"},
              {"halted", "VERB", "halt", 0, "root", "VBD"},
              {"strikes", "NOUN", "strike", 2, "obj"},
              {"on", "ADP", "on", 6, "case"},
              {"the", "DET", "the", 6, "det"},
              {"city", "NOUN", "city", 3, "nmod"}});
  b.mention(0, 1, "GPE", "Aleppo").mention(1, 2, "GPE", "Aleppo", 0).mention(2, 3, "GPE", "Grozny");
  b.mention(3, 4, "GPE", "Moscow", -1, Mention::Kind::Name, "government");
  tiny_extractor()->extract(b.a);
  const Event* e = find_event(b.a, "halt");
  REQUIRE(e);
  CHECK(args(b.a, *e, "agent") == V{"Moscow"});
  CHECK(args(b.a, *e, "location") == V{"Aleppo"});
}

TEST_CASE("events: works on unparsed tokens (triggers only) and on an empty analysis") {
  Analysis empty;
  tiny_extractor()->extract(empty);
  CHECK(empty.events.empty());
  Builder b;
  b.sentence({{"They", "", "", 0, ""}, {"launched", "", "", 0, ""}, {"it", "", "", 0, ""}});
  for (auto& t : b.a.tokens) t.head = -1;
  tiny_extractor()->extract(b.a);  // no classifier, no parse: nothing claimed, nothing crashes
  CHECK(b.a.events.size() <= 3);
  // A malformed parse: a cycle, a head out of range, a mention past the end.
  Builder c;
  c.sentence({{"Russia", "PROPN", "Russia", 2, "nsubj"},
              {"helped", "VERB", "help", 3, "xcomp"},
              {"send", "VERB", "send", 2, "xcomp"},
              {"ships", "NOUN", "ship", 99, "obj"}});
  c.mention(0, 1, "GPE", "Russia");
  c.a.mentions.push_back(Mention{{0, 1}, 7, 12, "GPE", Mention::Kind::Name, 0, ""});
  tiny_extractor()->extract(c.a);
  CHECK(c.a.events.size() == 2);
}

TEST_CASE("events: relative times shift with the precision of the duration") {
  CHECK(shift_timex("2016-12-15", "P8M", -1, ShiftPrecision::Coarser) == "2016-04");
  CHECK(shift_timex("2016-12-15", "P5Y", -1, ShiftPrecision::Coarser) == "2011");
  CHECK(shift_timex("2016-03", "P3M", -1, ShiftPrecision::Coarser) == "2015-12");
  CHECK(shift_timex("2016-03-01", "P1D", -1, ShiftPrecision::Coarser) == "2016-02-29");
  CHECK(shift_timex("2016-12-31", "P2W", 1, ShiftPrecision::Coarser) == "2017-01-14");
  CHECK(shift_timex("2016", "P2M", -1, ShiftPrecision::Coarser) == "");  // a month shift of a year is unknown
  CHECK(shift_timex("PRESENT_REF", "P1Y", 1, ShiftPrecision::Coarser) == "");
  CHECK(shift_timex("2016-12-15", "PT3H", 1, ShiftPrecision::Coarser) == "");
}

TEST_CASE("events: CAMEO roots, quad classes and Goldstein weights") {
  CHECK(cameo_root("010").root == 1);
  CHECK(cameo_root("010").quad_class == 1);
  CHECK(cameo_root("0874").quad_class == 2);
  CHECK(cameo_root("111").quad_class == 3);
  CHECK(cameo_root("190").goldstein == doctest::Approx(-10.0));
  CHECK(cameo_root("").root == 0);
  CHECK(cameo_root("xx").root == 0);
  CHECK(cameo_root("210").root == 0);
}

TEST_CASE("events: CAMEO dictionary compiles; patterns refine the code; the model round-trips") {
  namespace fs = std::filesystem;
  fs::path p = fs::temp_directory_path() / "chronicle_events_test_verbs.txt";
  {
    std::ofstream o(p);
    o << "# a made-up dictionary in PETRARCH format\n"
         "&RETREAT_\n+BACK\n+AWAY\n\n"
         "####### VERB PATTERNS #######\n"
         "--- DEPART [080] ---\n"
         "DEPART {DEPARTS DEPARTED}\n"
         "LEAVE [0874]\n"
         "+WALK_OUT [111]\n"
         "- * &RETREAT FROM + [0874] # pattern with a synonym set\n"
         "- SAID * [010] # words before the verb: dropped\n"
         "- * PLAN [---] # no event\n"
         "--- HOLD [170] ---\n"
         "HOLD\n"
         "- * + IN [173] # the target actor slot left only a preposition: dropped\n"
         "- * + IN CUSTODY [173]\n"
         "--- NOTHING [---] ---\n"
         "IDLE\n";
  }
  EventLexicon lex;
  compile_cameo_verbs(p.string(), lex);
  fs::remove(p);
  CHECK(lex.cameo_code("depart", {}) == "080");
  CHECK(lex.cameo_code("leave", {}) == "0874");
  CHECK(lex.cameo_code("depart", {"back", "from", "the"}) == "0874");
  CHECK(lex.cameo_code("depart", {"awaynow", "from"}) == "0874");  // stem match
  CHECK(lex.cameo_code("depart", {"the", "plans"}) == "");
  CHECK(lex.cameo_code("walk", {"out"}) == "111");
  CHECK(lex.cameo_code("walk", {}) == "");
  // A phrasal verb's particle follows the verb at once; a pattern's words may have gaps.
  CHECK(lex.cameo_code("walk", {"away", "out", "of"}) == "");
  CHECK(lex.cameo_code("depart", {"quickly", "back", "from"}) == "0874");
  CHECK(lex.cameo_code("idle", {}) == "");
  CHECK(lex.cameo_code("unknown", {}) == "");
  CHECK(lex.cameo_code("hold", {"the", "election", "in", "june"}) == "170");
  CHECK(lex.cameo_code("hold", {"them", "in", "custody"}) == "173");
  REQUIRE(lex.cameo_blocks.size() == 3);
  CHECK(lex.cameo_blocks[0].size() == 3);  // two expanded synonyms + "plan"
  CHECK(lex.cameo_blocks[1].size() == 1);  // "in custody"

  lex.words["walk"] = WordClass{WordClass::Verb, 0, 38, 0};
  lex.verb_exceptions["walked"] = "walk";
  EventClassifier clf;
  clf.weights[42] = {0.5f, -1.0f, 0, 0, 0, 0, 0, 0.25f};
  std::string bytes = EventExtractor::to_bytes(lex, clf, "test");
  auto ex = EventExtractor::from_bytes(bytes, "mem");
  CHECK(ex->provenance() == "test");
  // Loaded, the lexicon is indexed: blocks are scanned through their dense filters.
  for (const auto& [following, code] : std::vector<std::pair<std::vector<std::string_view>, std::string>>{
           {{"back", "from"}, "0874"}, {{"awaynow", "from"}, "0874"}, {{"the", "plans"}, ""}, {{}, "080"}})
    CHECK(ex->lexicon().cameo_code("depart", following) == code);
  CHECK(ex->lexicon().base_form("walked", WordClass::Verb) == "walk");
  CHECK(ex->lexicon().base_form("walks", WordClass::Verb) == "walk");
  REQUIRE(ex->classifier().find(42));
  CHECK((*ex->classifier().find(42))[1] == doctest::Approx(-1.0f).epsilon(0.001));
  CHECK(ex->classifier().find(43) == nullptr);
  CHECK(ex->classifier().weights.empty());  // loaded into the lookup table only
  CHECK_FALSE(ex->classifier().empty());
  CHECK(EventExtractor::to_bytes(ex->lexicon(), ex->classifier(), "test") == bytes);  // deterministic
  // Corrupt and truncated files are clear errors.
  CHECK_THROWS_AS(EventExtractor::from_bytes(bytes.substr(0, bytes.size() / 2), "mem"), ModelError);
  CHECK_THROWS_AS(EventExtractor::from_bytes("nonsense", "mem"), ModelError);
  CHECK_THROWS_AS(EventExtractor::load("/nonexistent-dir"), ModelError);
}

TEST_CASE("events: shipped CAMEO codes through the first-word index are those of a plain walk") {
  // cameo_code() on a loaded (indexed) lexicon walks only the patterns whose first word matched
  // a following word; an unindexed copy of the same tables walks every pattern. Phrases are made
  // of the words of one of the verb's own patterns (whole, cut to a prefix, or with a suffix) with
  // other words between and around them, so that many match, several at once.
  std::string path = std::string(CHRONICLE_MODELS) + "/events.model";
  if (!std::filesystem::exists(path)) return;
  auto ex = EventExtractor::load(CHRONICLE_MODELS);
  const EventLexicon& indexed = ex->lexicon();
  EventLexicon plain;
  plain.verbs = indexed.verbs;
  plain.cameo_blocks = indexed.cameo_blocks;
  std::vector<std::string> verbs, words;
  for (const auto& [lemma, v] : indexed.verbs)
    if (v.block < indexed.cameo_blocks.size() && !indexed.cameo_blocks[v.block].empty())
      verbs.push_back(lemma);
  std::sort(verbs.begin(), verbs.end());  // the map's order is not fixed
  for (const auto& block : indexed.cameo_blocks)
    for (const CameoPattern& p : block) words.insert(words.end(), p.words.begin(), p.words.end());
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  REQUIRE(!verbs.empty());
  words.insert(words.end(), {"the", "a", "of", "in", "", "Zed", "9"});
  std::mt19937 rng(24);
  auto vary = [&](std::string w) {
    if (rng() % 4 == 0 && w.size() > 1) w.resize(1 + rng() % (w.size() - 1));
    if (rng() % 4 == 0) w += "s";
    return w;
  };
  int coded = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    const std::string& verb = verbs[rng() % verbs.size()];
    const auto& block = indexed.cameo_blocks[indexed.verbs.find(verb)->second.block];
    const CameoPattern& pattern = block[rng() % block.size()];
    std::vector<std::string> phrase;
    for (const std::string& w : pattern.words) {
      while (rng() % 3 == 0) phrase.push_back(vary(words[rng() % words.size()]));
      phrase.push_back(vary(w));
    }
    while (rng() % 2 == 0) phrase.push_back(vary(words[rng() % words.size()]));
    const std::vector<std::string_view> following(phrase.begin(), phrase.end());
    const std::string code = indexed.cameo_code(verb, following);
    CHECK(code == plain.cameo_code(verb, following));
    coded += code != indexed.default_code(verb);
  }
  CHECK(coded > 5000);  // the patterns, not only the verbs' defaults, were exercised
}

TEST_CASE("events: the shipped model loads and finds events in plain text") {
  std::string path = std::string(CHRONICLE_MODELS) + "/events.model";
  if (!std::filesystem::exists(path)) return;
  auto ex = EventExtractor::load(CHRONICLE_MODELS);
  CHECK(ex->lexicon().cameo_code("say", {}) == "010");
  CHECK(ex->lexicon().noun_verb("destruction") == "destroy");
  Builder b;  // no parse: the classifier alone picks triggers
  b.sentence({{"The", "", "", 0, ""},
              {"rebels", "", "", 0, ""},
              {"attacked", "", "", 0, ""},
              {"the", "", "", 0, ""},
              {"city", "", "", 0, ""},
              {",", "", "", 0, ""},
              {"officials", "", "", 0, ""},
              {"said", "", "", 0, ""},
              {".", "", "", 0, ""}});
  for (auto& t : b.a.tokens) t.head = -1;
  ex->extract(b.a);
  REQUIRE(find_event(b.a, "attack"));
  REQUIRE(find_event(b.a, "say"));
  CHECK(find_event(b.a, "say")->timeml_class == "REPORTING");
  CHECK(find_event(b.a, "city") == nullptr);
}

TEST_CASE("events: a noun the classifier knows as no event is none, whatever WordNet files it as") {
  std::string path = std::string(CHRONICLE_MODELS) + "/events.model";
  if (!std::filesystem::exists(path)) return;
  auto ex = EventExtractor::load(CHRONICLE_MODELS);
  // WordNet files a sense of "government" and "management" as acts, and their verbs have CAMEO
  // codes; TimeBank never annotates them as events.
  CHECK(ex->classifier().word_event_lean("government") < -2.0f);
  Builder b;
  // The government and the management said prices rose .
  b.sentence({{"The", "DET", "the", 2, "det", "DT"},
              {"government", "NOUN", "government", 6, "nsubj", "NN"},
              {"and", "CCONJ", "and", 5, "cc", "CC"},
              {"the", "DET", "the", 5, "det", "DT"},
              {"management", "NOUN", "management", 2, "conj", "NN"},
              {"said", "VERB", "say", 0, "root", "VBD"},
              {"prices", "NOUN", "price", 8, "nsubj", "NNS"},
              {"rose", "VERB", "rise", 6, "ccomp", "VBD"},
              {".", "PUNCT", ".", 6, "punct", "."}});
  ex->extract(b.a);
  CHECK(find_event(b.a, "say"));
  CHECK(find_event(b.a, "government") == nullptr);
  CHECK(find_event(b.a, "management") == nullptr);
}

TEST_CASE("events: the classifier reads the tagger's tags and the parse of the sentence") {
  Builder b;
  // Officials said the army has begun to shell the town .
  b.sentence({{"Officials", "NOUN", "official", 2, "nsubj", "NNS"},
              {"said", "VERB", "say", 0, "root", "VBD"},
              {"the", "DET", "the", 4, "det", "DT"},
              {"army", "NOUN", "army", 6, "nsubj", "NN"},
              {"has", "AUX", "have", 6, "aux", "VBZ"},
              {"begun", "VERB", "begin", 2, "ccomp", "VBN"},
              {"to", "PART", "to", 8, "mark", "TO"},
              {"shell", "VERB", "shell", 6, "xcomp", "VB"},
              {"the", "DET", "the", 10, "det", "DT"},
              {"town", "NOUN", "town", 8, "obj", "NN"},
              {".", "PUNCT", ".", 2, "punct", "."}});
  std::vector<std::string_view> words;
  for (const Token& t : b.a.tokens) words.push_back(b.a.text(t));
  EventLexicon lex;
  auto toks = prepare_tokens(words, lex);
  const auto lexical = toks;
  add_syntax(toks, b.a, 0);
  CHECK(toks[1].upos == "VERB");
  CHECK(toks[1].head == -1);
  CHECK(toks[1].kids == (kKidNsubj | kKidCcomp));
  CHECK(toks[5].head == 1);
  CHECK(toks[5].deprel == "ccomp");
  CHECK(toks[5].aux == "have");
  CHECK(toks[5].kids == (kKidNsubj | kKidXcomp));
  CHECK(toks[7].mark == "to");
  CHECK(toks[7].kids == kKidObj);
  // The syntactic features come on top of the lexical ones, which stay the same.
  std::vector<std::uint64_t> plain, parsed;
  event_features(lexical, 5, plain);
  event_features(toks, 5, parsed);
  REQUIRE(parsed.size() > plain.size());
  CHECK(std::equal(plain.begin(), plain.end(), parsed.begin()));
  // The same word with another relation to its head has other features: "begun" as the
  // complement of "said" is not "begun" as the main verb.
  auto other = toks;
  other[5].deprel = "root";
  other[5].head = -1;
  std::vector<std::uint64_t> as_root;
  event_features(other, 5, as_root);
  CHECK(as_root != parsed);
  // The per-document cache gives what the lexicon gives, whatever the capitalisation seen first.
  {
    EventLexicon wl;
    wl.words["shell"] = WordClass{static_cast<std::uint8_t>(WordClass::Verb | WordClass::Noun), 6, 35, 0};
    wl.words["army"] = WordClass{WordClass::Noun, 14, 0, 0};
    std::vector<std::string_view> ws{"Shells", "army", "shells", "Army", "shelled"};
    LexiconCache cache;
    auto first = prepare_tokens(ws, wl, &cache);
    auto again = prepare_tokens(ws, wl, &cache);
    auto plain_toks = prepare_tokens(ws, wl);
    for (std::size_t i = 0; i < ws.size(); ++i) {
      for (const auto* v : {&first, &again}) {
        CHECK((*v)[i].lower == plain_toks[i].lower);
        CHECK((*v)[i].verb == plain_toks[i].verb);
        CHECK((*v)[i].noun == plain_toks[i].noun);
        CHECK((*v)[i].cls.pos == plain_toks[i].cls.pos);
        CHECK((*v)[i].capitalised == plain_toks[i].capitalised);
      }
    }
    CHECK(plain_toks[0].capitalised);
    CHECK_FALSE(plain_toks[2].capitalised);
    CHECK(plain_toks[2].noun == "shell");
    CHECK(cache.size() == 3);  // shells, army, shelled: each spelling of a word looked up once
    // The word's keys, hashed once and cached, are those event_features() hashes for a token
    // made without them.
    for (std::size_t i = 0; i < ws.size(); ++i) {
      for (const auto* v : {&first, &again, &plain_toks}) {
        CHECK((*v)[i].num_word_keys >= 3);
        auto bare = *v;
        bare[i].num_word_keys = 0;
        std::vector<std::uint64_t> from_cache, hashed;
        event_features(*v, i, from_cache);
        event_features(bare, i, hashed);
        CHECK(from_cache == hashed);
      }
    }
  }
  // A sentence from another part of the document: heads outside it are dropped, not followed.
  Builder two;
  two.sentence({{"Hello", "INTJ", "hello", 0, "root"}});
  two.sentence({{"It", "PRON", "it", 2, "nsubj"}, {"fell", "VERB", "fall", 0, "root"}});
  two.a.tokens[1].head = 0;  // a malformed parse pointing into the first sentence
  std::vector<std::string_view> w2{"It", "fell"};
  auto t2 = prepare_tokens(w2, lex);
  add_syntax(t2, two.a, 1);
  CHECK(t2[0].head == -1);
  CHECK(t2[1].head == -1);
  CHECK(t2[1].kids == 0);
}

TEST_CASE("events: participial advcl takes the governor's subject; places found through of-phrases") {
  Builder b;
  b.sentence({{"Aleppo", "PROPN", "Aleppo", 0, "root"}});
  b.sentence({{"Damascus", "PROPN", "Damascus", 3, "nsubj"},
              {"is", "AUX", "be", 3, "aux"},
              {"celebrating", "VERB", "celebrate", 0, "root", "VBG"},
              {"after", "SCONJ", "after", 5, "mark"},
              {"recapturing", "VERB", "recapture", 3, "advcl", "VBG"},
              {"control", "NOUN", "control", 5, "obj"},
              {"of", "ADP", "of", 9, "case"},
              {"the", "DET", "the", 9, "det"},
              {"bastion", "NOUN", "bastion", 6, "nmod"},
              {"in", "ADP", "in", 12, "case"},
              {"the", "DET", "the", 12, "det"},
              {"east", "NOUN", "east", 9, "nmod"},
              {"of", "ADP", "of", 15, "case"},
              {"the", "DET", "the", 15, "det"},
              {"city", "NOUN", "city", 12, "nmod"}});
  b.mention(0, 1, "GPE", "Aleppo");
  b.mention(1, 2, "GPE", "Syria", -1, Mention::Kind::Name, "government");
  tiny_extractor()->extract(b.a);
  const Event* e = find_event(b.a, "recapture");
  REQUIRE(e);
  CHECK(args(b.a, *e, "agent") == V{"Syria"});
  CHECK(args(b.a, *e, "location") == V{"Aleppo"});
}

TEST_CASE("events: object control through an xcomp chain and a compound place") {
  Builder b;
  b.sentence({{"criticism", "NOUN", "criticism", 2, "nsubj"},
              {"saw", "VERB", "see", 0, "root", "VBD"},
              {"Russia", "PROPN", "Russia", 2, "obj"},
              {"claim", "VERB", "claim", 2, "xcomp", "VB"},
              {"to", "PART", "to", 6, "mark"},
              {"halt", "VERB", "halt", 4, "xcomp", "VB"},
              {"its", "PRON", "its", 9, "nmod:poss"},
              {"Aleppo", "PROPN", "Aleppo", 9, "compound"},
              {"strikes", "NOUN", "strike", 6, "obj"},
              {"in", "ADP", "in", 11, "case"},
              {"October", "PROPN", "October", 6, "obl"}});
  b.mention(2, 3, "GPE", "Russia").mention(7, 8, "GPE", "Aleppo").time(9, 11, "DATE", "2016-10");
  tiny_extractor()->extract(b.a);
  const Event* e = find_event(b.a, "halt");
  REQUIRE(e);
  CHECK(args(b.a, *e, "agent") == V{"Russia"});
  CHECK(args(b.a, *e, "location") == V{"Aleppo"});
  CHECK(e->time == 0);
  const Event* c = find_event(b.a, "claim");
  REQUIRE(c);
  CHECK(c->timeml_class == "REPORTING");
  CHECK(args(b.a, *c, "agent") == V{"Russia"});
}
