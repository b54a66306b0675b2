// Timeline exports: TIMEX3 spans, event selection, TimelineJS3 JSON, the timeline SVG and HTML.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "export/exporter.h"
#include "export/formats.h"
#include "tests/export/sample_graph.h"

using namespace chronicle;
using namespace chronicle::exporter;
using namespace chronicle::testing;

namespace {
std::string export_to_string(const KnowledgeGraph& g, std::string_view format, const ExportOptions& o = {}) {
  std::ostringstream s;
  write_export(g, format, s, o);
  return s.str();
}
}  // namespace

TEST_CASE("TIMEX3 values become day spans that keep their precision") {
  auto y = parse_timex("2016");
  REQUIRE(y);
  CHECK(y->precision == Precision::Year);
  CHECK(y->begin == days_from_civil(2016, 1, 1));
  CHECK(y->end == days_from_civil(2017, 1, 1));
  auto m = parse_timex("2016-10");
  REQUIRE(m);
  CHECK(m->precision == Precision::Month);
  CHECK(m->end - m->begin == 31);
  auto d = parse_timex("2016-12-15");
  REQUIRE(d);
  CHECK(d->precision == Precision::Day);
  CHECK(d->end - d->begin == 1);
  CHECK(parse_timex("2016-12-15T10:24")->precision == Precision::Time);
  auto w = parse_timex("2016-W11");  // ISO week 11 of 2016: Monday 14 March
  REQUIRE(w);
  CHECK(w->begin == days_from_civil(2016, 3, 14));
  CHECK(parse_timex("2015-W53"));
  CHECK_FALSE(parse_timex("2016-W53"));
  CHECK(parse_timex("2016-Q4")->begin == days_from_civil(2016, 10, 1));
  CHECK(parse_timex("2016-WI")->end == days_from_civil(2017, 3, 1));
  CHECK(parse_timex("201")->precision == Precision::Decade);
  CHECK(parse_timex("19")->begin == days_from_civil(1900, 1, 1));
  for (const char* bad : {"", "PRESENT_REF", "P5Y", "XXXX-10", "2016-13", "2016-02-30", "20x6", "2016-1"})
    CHECK_FALSE(parse_timex(bad));
  Ymd c = civil(days_from_civil(1999, 2, 28) + 1);
  CHECK(c.month == 3);
}

TEST_CASE("the timeline holds the dated events in time order, one lane per actor") {
  auto g = sample_graph();
  Timeline t = build_timeline(g, {});
  REQUIRE(t.entries.size() == 5);
  CHECK(t.entries[0].headline == "Rebels hold district");
  CHECK(t.entries[0].interval());
  CHECK(t.entries[0].end_day() == days_from_civil(2001, 1, 1));
  CHECK(t.entries[1].headline == "Kaar launch campaign");
  CHECK(t.entries[4].headline == "Kaar meet Lund");
  CHECK(t.lanes == std::vector<std::string>{"Rebel Front", "Mira Kaar", "Northern Army", "Oskar Lund"});
  CHECK(t.undated == std::vector<std::string>{"Kaar vow victory"});
  CHECK(t.entries[2].places == std::vector<std::string>{"Port Vela"});

  ExportOptions o;
  o.actor = "kaar";  // an alias, any case
  t = build_timeline(g, o);
  CHECK(t.entries.size() == 3);  // launch, accord (as partner), meet
  CHECK(t.title == "Timeline of Mira Kaar");
  o = {};
  o.place = "Veland";  // Port Vela is part of Veland
  t = build_timeline(g, o);
  CHECK(t.entries.size() == 3);
  o = {};
  o.from = "2016";
  o.to = "2016-11";
  t = build_timeline(g, o);
  REQUIRE(t.entries.size() == 1);
  CHECK(t.entries[0].headline == "Army shell Port Vela");
  o.from = "2016-13";
  CHECK_THROWS_AS(build_timeline(g, o), std::invalid_argument);
  o = {};
  o.actor = "Nobody at all";
  CHECK(build_timeline(g, o).entries.empty());
  o = {};
  o.place = "Atlantis";
  CHECK_THROWS_AS(build_timeline(g, o), std::invalid_argument);
}

TEST_CASE("a country or an organisation acting as agent has its own lane, not \"(no actor)\"") {
  auto g = sample_graph();
  // A GPE is a Place node; as an agent it is an actor of the event.
  const std::uint32_t land = *find_place(g, "Veland");
  auto e = event(g, "v:7", "Veland close border", "2016-11", "", 4, "");
  link(g, e, land, EdgeKind::Agent, "agent", "2016-11");
  auto un = actor(g, "a:un", "United Nations", "ORGANIZATION");
  auto e8 = event(g, "v:8", "United Nations send envoy", "2016-11-20", "", 1, "");
  link(g, e8, un, EdgeKind::Agent, "agent", "2016-11-20");
  auto e9 = event(g, "v:9", "Storm hit coast", "2016-11-21", "", -1, "");  // no participant at all
  (void)e9;
  Timeline t = build_timeline(g, {});
  std::map<std::string, std::string> lane_of;
  for (const auto& entry : t.entries) lane_of[entry.headline] = entry.lane;
  CHECK(lane_of["Veland close border"] == "Veland");
  CHECK(lane_of["United Nations send envoy"] == "United Nations");
  CHECK(lane_of["Storm hit coast"] == "(no actor)");
  CHECK(std::find(t.lanes.begin(), t.lanes.end(), "Veland") != t.lanes.end());
  // The acting country is an actor, not where the event happened...
  for (const auto& entry : t.entries)
    if (entry.headline == "Veland close border") CHECK(entry.places.empty());
  // Asked for by name, the country's timeline holds what it did, not what happened on its soil.
  ExportOptions by_country;
  by_country.actor = "Veland";
  Timeline vt = build_timeline(g, by_country);
  REQUIRE(vt.entries.size() == 1);
  CHECK(vt.entries[0].headline == "Veland close border");
  CHECK(vt.title == "Timeline of Veland");
  // ...but the place filter still finds what it did.
  ExportOptions o;
  o.place = "Veland";
  t = build_timeline(g, o);
  CHECK(std::any_of(t.entries.begin(), t.entries.end(),
                    [](const TimelineEntry& x) { return x.headline == "Veland close border"; }));
}

TEST_CASE("TimelineJS3 JSON: dates as strings with only the known parts, groups, unique ids") {
  auto g = sample_graph();
  std::string json = export_to_string(g, "timelinejs");
  rapidjson::Document doc;
  REQUIRE_FALSE(doc.Parse(json.c_str()).HasParseError());
  REQUIRE(doc.HasMember("title"));
  CHECK(doc["title"]["text"]["headline"].IsString());
  const auto& events = doc["events"];
  REQUIRE(events.IsArray());
  REQUIRE(events.Size() == 5);
  std::set<std::string> ids;
  for (const auto& e : events.GetArray()) {
    REQUIRE(e["start_date"]["year"].IsString());
    REQUIRE(e["text"]["headline"].IsString());
    REQUIRE(e["group"].IsString());
    ids.insert(e["unique_id"].GetString());
  }
  CHECK(ids.size() == 5);
  const auto& interval = events[0];  // 1999 - 2000
  CHECK(std::string(interval["start_date"]["year"].GetString()) == "1999");
  CHECK_FALSE(interval["start_date"].HasMember("month"));
  CHECK(std::string(interval["end_date"]["year"].GetString()) == "2000");
  const auto& month = events[2];  // 2016-10
  CHECK(std::string(month["start_date"]["month"].GetString()) == "10");
  CHECK_FALSE(month["start_date"].HasMember("day"));
  CHECK_FALSE(month.HasMember("end_date"));
  const auto& day = events[3];
  CHECK(std::string(day["start_date"]["day"].GetString()) == "15");
  CHECK(std::string(day["group"].GetString()) == "Oskar Lund");
  CHECK(std::string(day["text"]["text"].GetString()).find("&lt;tags&gt;") != std::string::npos);
}

TEST_CASE("timeline JSON lists events with first and last days, and the undated") {
  std::string json = export_to_string(sample_graph(), "timeline-json");
  rapidjson::Document doc;
  REQUIRE_FALSE(doc.Parse(json.c_str()).HasParseError());
  CHECK(doc["events"].Size() == 5);
  CHECK(std::string(doc["events"][2]["first_day"].GetString()) == "2016-10-01");
  CHECK(std::string(doc["events"][2]["last_day"].GetString()) == "2016-10-31");
  CHECK(std::string(doc["events"][2]["precision"].GetString()) == "month");
  CHECK(doc["undated"].Size() == 1);
}

TEST_CASE("the timeline SVG is XML with every event label, marks by precision, a legend") {
  auto g = sample_graph();
  std::string svg = export_to_string(g, "timeline-svg");
  Timeline t = build_timeline(g, {});
  for (const auto& e : t.entries)
    CHECK(svg.find(std::string(">").append(xml_escape(e.headline)).append("<tspan")) != std::string::npos);
  CHECK(svg.find("<circle") != std::string::npos);           // 2016-12-15
  CHECK(svg.find("stroke-dasharray") != std::string::npos);  // months and years drawn as spans
  CHECK(svg.find(">2000<") != std::string::npos);            // year ticks
  CHECK(svg.find("known to the day") != std::string::npos);  // legend
  CHECK(svg.find("Undated: Kaar vow victory") != std::string::npos);
  CHECK(svg == export_to_string(g, "timeline-svg"));  // deterministic
  if (!have_tool("xmllint")) {
    MESSAGE("xmllint missing: XML check skipped");
    return;
  }
  auto dir = temp_dir("timeline_svg");
  write_file(dir / "t.svg", svg);
  CHECK(std::system(("xmllint --noout " + (dir / "t.svg").string()).c_str()) == 0);
  std::string html = export_to_string(g, "timeline-html");
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("<table id=\"events\">") != std::string::npos);
  write_file(dir / "t.html", html);
  CHECK(std::system(("xmllint --html --noout " + (dir / "t.html").string() + " 2>/dev/null").c_str()) == 0);
}

TEST_CASE("timeline SVG scales from 0 to 500 events with labels that stay in their rows") {
  for (int n : {0, 5, 60, 500}) {
    CAPTURE(n);
    auto g = big_graph(n, n > 100 ? 40 : 4, n > 100 ? 12 : 2);
    std::string svg = export_to_string(g, "timeline-svg");
    CHECK(svg.find("</svg>") != std::string::npos);
    for (int i = 0; i < n; ++i)
      CHECK(svg.find(std::string(">Event ").append(std::to_string(i)).append(" happen<")) !=
            std::string::npos);
    if (n == 500) CHECK(svg.find("Other actors") != std::string::npos);  // 40 actors: lanes merged
    if (have_tool("xmllint")) {
      auto dir = temp_dir("timeline_big");
      write_file(dir / "t.svg", svg);
      CHECK(std::system(("xmllint --noout " + (dir / "t.svg").string()).c_str()) == 0);
    }
  }
}
