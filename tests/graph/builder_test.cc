#include "graph/builder.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <tuple>

#include "graph_fixtures.h"

using namespace chronicle;
using chronicle::testing::ArticleMaker;
using chronicle::testing::canonical;
using chronicle::testing::sample_articles;

namespace {

std::vector<std::uint32_t> nodes_of(const KnowledgeGraph& g, NodeKind kind, const std::string& lemma = "") {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < g.node_count(); ++i)
    if (g.node(i).kind == kind && (lemma.empty() || g.node(i).lemma == lemma)) out.push_back(i);
  return out;
}

bool has_edge(const KnowledgeGraph& g, const std::string& from, EdgeKind kind, const std::string& to) {
  auto a = g.find(from), b = g.find(to);
  if (!a || !b) return false;
  for (auto e : g.out_edges(*a))
    if (g.edge(e).kind == kind && g.edge(e).target == *b) return true;
  return false;
}

}  // namespace

TEST_CASE("hashes: 16 hex digits of FNV-1a; an event key hashes its three parts as one string") {
  CHECK(short_hash("") == "14650fb0739d0383");  // the offset basis the stores were written with
  CHECK(short_hash("a") == "44bd8ad473cd9906");
  CHECK(content_hash("a").size() == 32);
  CHECK(content_hash("a").substr(0, 16) == short_hash("a"));
  for (const auto& [sig, time, place] :
       {std::tuple<std::string, std::string, std::string>{"s1", "1987-03-02", ""},
        {"sabc", "", "hplace"},
        {"", "", ""}})
    CHECK(event_key(sig, time, place) == "ev" + short_hash(sig + "|" + time + "|" + place));
}

TEST_CASE("normalise_name and name_matches") {
  CHECK(normalise_name("The Kremlin's") == "kremlin");
  CHECK(normalise_name("  Vladimir   PUTIN ") == "vladimir putin");
  CHECK(normalise_name("Recep Tayyip Erdoğan") == "recep tayyip erdoğan");
  CHECK(name_matches("Putin", "Vladimir Putin"));
  CHECK(name_matches("vladimir putin", "Vladimir Putin"));
  CHECK_FALSE(name_matches("Put", "Vladimir Putin"));
  CHECK_FALSE(name_matches("", "Vladimir Putin"));
}

TEST_CASE("normalise_name: the edges of words, as the word-list version had them") {
  // Possessives (one stripped), apostrophes at the ends, a leading "the" only before another word.
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"The", "the"},
      {"the, The", "the"},
      {"THE the", "the"},
      {"'s", "s"},
      {"X's's", "x's"},
      {"Reuters\xE2\x80\x99s report", "reuters report"},
      {"x\xE2\x80\x99s's", "x"},
      {"''ab''   'cd'", "ab cd"},
      {"' '' '", ""},
      {"  the  U.S.-made,, jets ", "u s made jets"},
      {"The 's Kremlin", "s kremlin"},
      {"", ""},
  };
  for (const auto& [name, normalised] : cases) CHECK_MESSAGE(normalise_name(name) == normalised, name);
}

TEST_CASE("event_signature: a sentence's hash is that of its normalised text") {
  // The signature names the sentence by the hash of its normalised text, so a report retold
  // with other case, possessives or punctuation is recognised.
  const std::string_view sentences[] = {
      "The",
      "the, The",
      "THE the",
      "'s",
      "X's's",
      "''ab''   'cd'",
      "' '' '",
      "  the  U.S.-made,, jets ",
      "The 's Kremlin",
      "",
      "The the THE",
      "the 'the' minister's",
      "THE IRS'S agents' raid.",
      "Theft rose",
      "the",
      "-- the --",
      "Reuters\xE2\x80\x99s report",
      "Recep Tayyip Erdo\xC4\x9F"
      "an spoke",
      "Iran's oil minister said on Tuesday that OPEC's output was 16.5 mln bpd."};
  const std::vector<std::pair<std::string, std::string>> args{{"agent", "hx"}};
  for (std::string_view sentence : sentences) {
    const std::string text = normalise_name(sentence);
    const std::string expected =
        "cameo:01|pos|agent=hx" + (text.empty() ? "|doc=r1" : "|text=" + short_hash(text));
    CHECK_MESSAGE(event_signature("cameo:01|pos", args, "r1", sentence) == expected, sentence);
  }
}

TEST_CASE("canonical names: longer first, then fewer casing slips, in any order") {
  CHECK(casing_slips("New YOrk STock Exchange") == 2);
  CHECK(casing_slips("Audio Video Affiliates INc") == 1);
  CHECK(casing_slips("BANK OF KOREA") == 1);
  CHECK(casing_slips("New York Stock Exchange") == 0);
  CHECK(casing_slips("NASDAQ") == 0);       // one word in capitals: an acronym
  CHECK(casing_slips("TVs and PCs") == 0);  // plurals of acronyms
  CHECK(casing_slips("McDonald's JPMorgan U.S.") == 0);
  CHECK(better_name("Securities and Exchange Commission", "Securities and Exchange COmmission"));
  CHECK_FALSE(better_name("Securities and Exchange COmmission", "Securities and Exchange Commission"));
  CHECK(better_name("Bank of Korea", "BANK OF KOREA"));
  CHECK(better_name("Securities and Exchange COmmission", "SEC"));  // length first
  CHECK(better_name("Nakasone", ""));
}

TEST_CASE("time ranges") {
  CHECK(time_range("2016").lo == "2016-01-01");
  CHECK(time_range("2016").hi == "2016-12-31");
  CHECK(time_range("2016-10").lo == "2016-10-01");
  CHECK(time_range("1999", "2000").hi == "2000-12-31");
  CHECK_FALSE(time_range("PRESENT_REF").known());
  CHECK_FALSE(time_range("XXXX-10").known());
  CHECK(times_compatible(time_range("2015"), time_range("2015-09")));
  CHECK_FALSE(times_compatible(time_range("2014"), time_range("2015-09")));
  CHECK(times_compatible(time_range(""), time_range("2015-09")));
}

TEST_CASE("builder merges reports of one event and keeps their provenance") {
  GraphBuilder b;
  auto arts = sample_articles();
  for (const auto& a : arts) CHECK(b.add(a));
  const KnowledgeGraph& g = b.graph();
  auto launches = nodes_of(g, NodeKind::Event, "launch");
  // a1 (2015) and a2 (2015-09) are one event; a3's 2014 launch is another.
  REQUIRE(launches.size() == 2);
  const Node* merged = nullptr;
  for (auto v : launches)
    if (g.node(v).sources == 2) merged = &g.node(v);
  REQUIRE(merged != nullptr);
  CHECK(merged->time_value == "2015-09");
  REQUIRE(merged->provenance.size() == 2);
  CHECK(merged->provenance[0].document_id == "a1");
  CHECK(merged->provenance[1].document_id == "a2");
  CHECK(merged->provenance[0].sentence_text ==
        "Vladimir Putin launched a bombing campaign in Syria in 2015.");
  CHECK(merged->provenance[0].source == "https://news.example/a1");
  CHECK(merged->first_date == "2016-12-15");
  CHECK(merged->last_date == "2016-12-16");
  // The agent edge counts both reports.
  auto v = *g.find(merged->id);
  int agent_sources = 0;
  for (auto e : g.out_edges(v))
    if (g.edge(e).kind == EdgeKind::Agent) agent_sources = g.edge(e).sources;
  CHECK(agent_sources == 2);
  // Syria by kb id, one node for three articles.
  REQUIRE(g.find("Q858"));
  CHECK(g.node(*g.find("Q858")).sources == 3);
  CHECK(nodes_of(g, NodeKind::Document).size() == 3);
}

TEST_CASE("builder never merges people who share only a surname") {
  GraphBuilder b;
  for (const auto& a : sample_articles()) b.add(a);
  const KnowledgeGraph& g = b.graph();
  std::vector<std::string> smiths;
  std::string single;
  for (std::uint32_t i = 0; i < g.node_count(); ++i) {
    const Node& n = g.node(i);
    if (n.type == "PERSON" && n.name.find("Smith") != std::string::npos) smiths.push_back(n.id);
    if (n.name == "Smith") single = n.id;
  }
  CHECK(smiths.size() == 3);
  REQUIRE(!single.empty());
  int same_as = 0;
  for (auto e : g.out_edges(*g.find(single)))
    if (g.edge(e).kind == EdgeKind::SameAs) ++same_as;
  CHECK(same_as == 2);
}

TEST_CASE("builder: the same article twice changes nothing") {
  GraphBuilder b;
  auto arts = sample_articles();
  for (const auto& a : arts) b.add(a);
  std::string before = canonical(b.graph());
  CHECK_FALSE(b.add(arts[1]));
  CHECK(canonical(b.graph()) == before);
}

TEST_CASE("builder: events in a place and in a place inside it merge; incompatible ones do not") {
  ArticleMaker x("x", {"Army shelled Aleppo city in 2016."});
  int syria = x.entity("Syria", "GPE", "Q858");
  int aleppo = x.entity("Aleppo", "GPE", "", syria);
  int army = x.entity("Army", "ORGANIZATION");
  x.event("shelled", "shell", "195", {{"agent", army}, {"location", aleppo}}, x.time("2016"));
  ArticleMaker y("y", {"Army shelled Syria in October 2016."});
  int syria2 = y.entity("Syria", "GPE", "Q858");
  int army2 = y.entity("Army", "ORGANIZATION");
  y.event("shelled", "shell", "195", {{"agent", army2}, {"location", syria2}}, y.time("2016-10"));
  ArticleMaker z("z", {"Army shelled Syria, not in 2016, in negation."});
  int syria3 = z.entity("Syria", "GPE", "Q858");
  int army3 = z.entity("Army", "ORGANIZATION");
  z.event("shelled", "shell", "195", {{"agent", army3}, {"location", syria3}}, z.time("2016-10"), 0, true);
  GraphBuilder b;
  b.add(x.a);
  b.add(y.a);
  b.add(z.a);
  auto shells = nodes_of(b.graph(), NodeKind::Event, "shell");
  REQUIRE(shells.size() == 2);  // the negated report is its own event
  CHECK(b.graph().node(shells[0]).sources == 2);
  CHECK(b.graph().node(shells[0]).time_value == "2016-10");
  CHECK(has_edge(b.graph(), b.graph().node(shells[0]).id, EdgeKind::Location, "Q858"));
}

TEST_CASE("builder: events without agent or patient do not merge across articles; ids are deterministic") {
  ArticleMaker x("x", {"It rained in Aleppo."});
  x.event("rained", "rain", "", {{"location", x.entity("Aleppo", "GPE", "Q41183")}});
  ArticleMaker y("y", {"It rained again in Aleppo."});
  y.event("rained", "rain", "", {{"location", y.entity("Aleppo", "GPE", "Q41183")}});
  GraphBuilder b1, b2;
  b1.add(x.a);
  b1.add(y.a);
  b2.add(x.a);
  b2.add(y.a);
  CHECK(nodes_of(b1.graph(), NodeKind::Event).size() == 2);
  CHECK(canonical(b1.graph()) == canonical(b2.graph()));
}

TEST_CASE("builder: one participant is not enough to merge reports, a retold sentence is") {
  auto report = [](const std::string& id, unsigned day, const std::string& text, const std::string& role) {
    ArticleMaker m(id, {text, "Report " + id + "."}, 1987, 3, day);
    m.event("said", "say", "", {{role, m.entity("Zayre Corp", "ORGANIZATION", "Q1")}});
    return m;
  };
  // Two statements of one company in one week: two events. The first retold (wire copy sent
  // again, other case and punctuation): one event. The same words with the company as patient: not it.
  const std::string first = "Zayre Corp said sales for four weeks were up 25.7 pct.";
  ArticleMaker a = report("a", 5, first, "agent"),
               b = report("b", 6, "Zayre Corp said it would close 12 stores.", "agent"),
               c = report("c", 7, "ZAYRE CORP said sales for four weeks were up 25.7 pct", "agent"),
               d = report("d", 7, first, "patient");
  GraphBuilder g;
  for (const auto* m : {&a, &b, &c, &d}) g.add(m->a);
  auto events = nodes_of(g.graph(), NodeKind::Event, "say");
  REQUIRE(events.size() == 3);
  std::vector<int> sources;
  for (auto v : events) sources.push_back(g.graph().node(v).sources);
  std::sort(sources.begin(), sources.end());
  CHECK(sources == std::vector<int>{1, 1, 2});

  // The other party tells meetings apart; an agent and a place merge only with a placed report.
  auto meeting = [](const std::string& id, const std::string& other, const std::string& place) {
    ArticleMaker m(
        id, {"Putin met " + other + " in " + (place.empty() ? "private" : place) + ".", "Report " + id + "."},
        2016, 12, 15);
    std::vector<std::pair<std::string, int>> args{{"agent", m.entity("Putin", "PERSON", "Q7747")}};
    if (!other.empty()) args.emplace_back("with", m.entity(other, "PERSON"));
    if (!place.empty()) args.emplace_back("location", m.entity(place, "GPE", "Q" + place));
    m.event("met", "meet", "036", args);
    return m;
  };
  ArticleMaker e = meeting("e", "Erdogan", ""), f = meeting("f", "Obama", ""),
               h = meeting("h", "Erdogan", ""), i = meeting("i", "", "Ankara"),
               j = meeting("j", "", "Ankara"), k = meeting("k", "", "");
  GraphBuilder m;
  for (const auto* x : {&e, &f, &h, &i, &j, &k}) m.add(x->a);
  std::vector<std::string> meetings;  // e+h, f, i+j, k
  for (auto v : nodes_of(m.graph(), NodeKind::Event, "meet"))
    meetings.push_back(m.graph().node(v).name + " x" + std::to_string(m.graph().node(v).sources));
  std::sort(meetings.begin(), meetings.end());
  CHECK(meetings == std::vector<std::string>{"Putin meet in Ankara x2", "Putin meet x1", "Putin meet x1",
                                             "Putin meet x2"});
}

TEST_CASE("builder: untimed reports merge only within a week of each other") {
  auto report = [](const std::string& id, unsigned month, unsigned day) {
    ArticleMaker m(id, {"The United States will supply oil to Japan, says report " + std::string(id) + "."},
                   1987, month, day);
    m.event("supply", "supply", "070",
            {{"agent", m.entity("United States", "GPE", "Q30")}, {"to", m.entity("Japan", "GPE", "Q17")}});
    return m;
  };
  ArticleMaker march2 = report("a", 3, 2), march6 = report("b", 3, 6), march12 = report("d", 3, 12),
               june = report("c", 6, 20);
  GraphBuilder b;
  b.add(march2.a);
  b.add(march6.a);
  b.add(march12.a);  // within a week of the second report, not of the first: no chain
  b.add(june.a);
  auto events = nodes_of(b.graph(), NodeKind::Event, "supply");
  REQUIRE(events.size() == 3);
  std::vector<int> sources;
  for (auto v : events) sources.push_back(b.graph().node(v).sources);
  std::sort(sources.begin(), sources.end());
  CHECK(sources == std::vector<int>{1, 1, 2});
  CHECK(event_range("", "", "1987-03-02").lo == "1987-02-23");
  CHECK(event_range("", "", "1987-03-02").hi == "1987-03-02");
  CHECK(event_range("", "", "1987-01-03").lo == "1986-12-27");
  CHECK(event_range("1986", "", "1987-03-02").lo == "1986-01-01");
  CHECK_FALSE(event_range("", "", "").known());
  // A first day that is no day gives no window: the event's own range, here none.
  CHECK(event_range("", "", "1987-02-29").lo.empty());
  CHECK(event_range("", "", "1988-02-29").lo == "1988-02-22");
  CHECK(event_range("", "", "1987-2-003").lo.empty());
  CHECK(event_range("", "", "1987/03/02").lo.empty());
}

TEST_CASE("time_range: weeks, quarters, halves, seasons and decades cover their own days") {
  auto range = [](std::string_view v) {
    const TimeRange r = time_range(v);
    return r.lo + " " + r.hi;
  };
  CHECK(range("2016-12-15") == "2016-12-15 2016-12-15");
  CHECK(range("2016-12") == "2016-12-01 2016-12-31");
  CHECK(range("2016") == "2016-01-01 2016-12-31");
  CHECK(range("2016-12-15T15:54") == "2016-12-15 2016-12-15");
  CHECK(range("1987-W12") == "1987-03-16 1987-03-22");  // ISO week: 4 January 1987 was a Sunday
  CHECK(range("2016-W01") == "2016-01-04 2016-01-10");  // week 1 holds 4 January
  CHECK(range("2015-W53") == "2015-12-28 2016-01-03");  // the week that crosses a year
  CHECK(range("1987-W12-WE") == "1987-03-21 1987-03-22");
  CHECK(range("2015-Q3") == "2015-07-01 2015-09-31");
  CHECK(range("2015-H2") == "2015-07-01 2015-12-31");
  CHECK(range("2015-SU") == "2015-06-01 2015-08-31");
  CHECK(range("2015-WI") == "2015-01-01 2015-12-31");  // winter straddles two years
  CHECK(range("199") == "1990-01-01 1999-12-31");
  CHECK(range("19") == "1900-01-01 1999-12-31");
  CHECK(time_range("1999", "2000").hi == "2000-12-31");
  CHECK(range("2015-Q5") == "2015-01-01 2015-12-31");  // what follows a year is not understood: the year
  CHECK(range("2015-W60") == "2015-01-01 2015-12-31");
  for (std::string_view none : {"", "PRESENT_REF", "P5Y", "XXXX-10", "1", "19x"})
    CHECK_FALSE(time_range(none).known());
}

TEST_CASE("builder: a \"this year\" report keeps to the quarter around its first report") {
  CHECK(event_range("1987", "", "1987-03-02").lo == "1987-01-01");
  CHECK(event_range("1987", "", "1987-03-02").hi == "1987-06-01");
  CHECK(event_range("1987", "", "1987-10-20").lo == "1987-07-21");
  CHECK(event_range("1986", "", "1987-03-02").hi == "1986-12-31");     // a past year stays whole
  CHECK(event_range("1987-10", "", "1987-12-15").lo == "1987-10-01");  // a month is precise enough
  auto report = [](const std::string& id, unsigned month, unsigned day, const std::string& value) {
    ArticleMaker m(id, {"The United States bought grain from Canada, says report " + std::string(id) + "."},
                   1987, month, day);
    m.event("bought", "buy", "061",
            {{"agent", m.entity("United States", "GPE", "Q30")}, {"from", m.entity("Canada", "GPE", "Q16")}},
            m.time(value));
    return m;
  };
  ArticleMaker march = report("a", 3, 2, "1987"), april = report("b", 4, 20, "1987"),
               october = report("c", 10, 20, "1987"), week = report("d", 3, 20, "1987-W12");
  GraphBuilder b;
  b.add(march.a);
  b.add(week.a);     // the March event becomes week 12 of 1987
  b.add(april.a);    // within a quarter of week 12
  b.add(october.a);  // seven months on: another purchase
  auto events = nodes_of(b.graph(), NodeKind::Event, "buy");
  REQUIRE(events.size() == 2);
  CHECK(b.graph().node(events[0]).sources == 3);
  CHECK(b.graph().node(events[0]).time_value == "1987-W12");
  CHECK(b.graph().node(events[1]).sources == 1);
}

TEST_CASE("builder: an event that involves no entity is not part of the graph") {
  ArticleMaker x("x", {"Prices rose. The army shelled Aleppo."});
  x.event("rose", "rise", "", {});
  x.event("shelled", "shell", "195", {{"agent", x.entity("army", "ORGANIZATION")}}, -1, 1);
  const ArticleDigest d = digest(x.a);
  REQUIRE(d.events.size() == 1);
  CHECK(d.events[0].lemma == "shell");
  GraphBuilder b;
  b.add(x.a);
  CHECK(nodes_of(b.graph(), NodeKind::Event).size() == 1);
  CHECK(nodes_of(b.graph(), NodeKind::Document).size() == 1);
}

TEST_CASE("builder: a different text under a taken document id gets its own node") {
  ArticleMaker x("same", {"One text."});
  ArticleMaker y("same", {"Another text."});
  GraphBuilder b;
  CHECK(b.add(x.a));
  CHECK(b.add(y.a));
  CHECK(nodes_of(b.graph(), NodeKind::Document).size() == 2);
  CHECK(b.graph().find("doc:same"));
}

TEST_CASE("knowledge graph: repeated edges add sources; copies are deep") {
  KnowledgeGraph g;
  Node a, c;
  a.id = "a";
  c.id = "c";
  auto ia = g.add_node(a), ic = g.add_node(c);
  CHECK(g.add_node(a) == ia);
  Edge e;
  e.kind = EdgeKind::Agent;
  e.role = "agent";
  e.source = ia;
  e.target = ic;
  auto i1 = g.add_edge(e);
  CHECK(g.add_edge(e) == i1);
  CHECK(g.edge(i1).sources == 2);
  KnowledgeGraph copy = g;
  copy.node(0).name = "changed";
  CHECK(g.node(0).name.empty());
  CHECK(copy.edge_count() == 1);
  CHECK(copy.out_edges(ia).size() == 1);
  CHECK_THROWS(g.node(99));
}
