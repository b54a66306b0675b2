#include "core/json_writer.h"

#include <doctest/doctest.h>
#include <rapidjson/document.h>

using namespace chronicle;

namespace {
Analysis small_analysis() {
  Analysis a;
  a.doc.id = "doc1";
  a.doc.title = "A \"quoted\" title";
  a.doc.text = "Putin launched a campaign in Syria last year.";
  a.doc.dct = TimePoint{2016, 12, 15, 0, 0, TimePoint::Granularity::Day};
  a.mentions.push_back({{0, 5}, 0, 1, "PERSON", Mention::Kind::Name, 0, ""});
  a.mentions.push_back({{29, 34}, 5, 6, "GPE", Mention::Kind::Name, 1, ""});
  Entity putin;
  putin.id = "e-putin";
  putin.name = "Vladimir Putin";
  putin.type = "PERSON";
  putin.aliases = {"Putin"};
  putin.mentions = {0};
  Entity syria;
  syria.id = "e-syria";
  syria.name = "Syria";
  syria.type = "GPE";
  syria.mentions = {1};
  a.entities = {putin, syria};
  a.times.push_back({"t1", {35, 44}, "DATE", "2015", "", "", "dct", {}, {}});
  Event ev;
  ev.id = "v1";
  ev.span = {6, 14};
  ev.lemma = "launch";
  ev.arguments = {{"agent", 0, 0}, {"location", 1, 1}};
  ev.time = 0;
  a.events.push_back(ev);
  return a;
}
}  // namespace

TEST_CASE("analysis JSON follows the contract") {
  Analysis a = small_analysis();
  std::string json = analysis_to_json(a, true);
  rapidjson::Document d;
  d.Parse(json.c_str());
  REQUIRE_FALSE(d.HasParseError());
  CHECK(std::string(d["document"]["dct"].GetString()) == "2016-12-15");
  CHECK(std::string(d["document"]["title"].GetString()) == "A \"quoted\" title");
  CHECK(std::string(d["entities"][0]["mentions"][0]["text"].GetString()) == "Putin");
  CHECK(std::string(d["entities"][0]["mentions"][0]["kind"].GetString()) == "NAM");
  CHECK(std::string(d["times"][0]["value"].GetString()) == "2015");
  CHECK(d["times"][0]["start"].GetUint() == 35);
  const auto& ev = d["events"][0];
  CHECK(std::string(ev["trigger"].GetString()) == "launched");
  CHECK(std::string(ev["agents"][0].GetString()) == "e-putin");
  CHECK(std::string(ev["locations"][0].GetString()) == "e-syria");
  CHECK(std::string(ev["time"]["value"].GetString()) == "2015");
  CHECK(analysis_to_json(a, true) == json);  // deterministic
}

TEST_CASE("a document without creation time says so") {
  Analysis a = small_analysis();
  a.doc.dct.reset();
  rapidjson::Document d;
  d.Parse(analysis_to_json(a, false).c_str());
  REQUIRE_FALSE(d.HasParseError());
  CHECK(d["document"]["dct"].IsNull());
}
