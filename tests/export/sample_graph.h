// A small hand-built knowledge graph for the exporter tests: actors, places with and without
// coordinates, events dated to the day, month and year, an interval, an undated event, a
// document with provenance, part-of and same-as edges. Plus a generator of big timelines.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "graph/knowledge_graph.h"

namespace chronicle::testing {

inline std::uint32_t actor(KnowledgeGraph& g, const std::string& id, const std::string& name,
                           const std::string& type, std::vector<std::string> aliases = {},
                           std::vector<std::string> codes = {}) {
  Node n;
  n.kind = NodeKind::Actor;
  n.id = id;
  n.name = name;
  n.type = type;
  n.aliases = std::move(aliases);
  n.codes = std::move(codes);
  n.sources = 1;
  return g.add_node(n);
}

inline std::uint32_t place(KnowledgeGraph& g, const std::string& id, const std::string& name,
                           std::optional<double> lat, std::optional<double> lon) {
  Node n;
  n.kind = NodeKind::Place;
  n.id = id;
  n.name = name;
  n.type = "GPE";
  n.latitude = lat;
  n.longitude = lon;
  n.sources = 1;
  return g.add_node(n);
}

inline std::uint32_t event(KnowledgeGraph& g, const std::string& id, const std::string& headline,
                           const std::string& time, const std::string& end = "", int quad = -1,
                           const std::string& cameo = "") {
  Node n;
  n.kind = NodeKind::Event;
  n.id = id;
  n.name = headline;
  n.type = "EVENT";
  n.lemma = headline.substr(headline.find(' ') + 1,
                            headline.find(' ', headline.find(' ') + 1) - headline.find(' ') - 1);
  n.time_value = time;
  n.time_end = end;
  n.quad_class = quad;
  n.cameo = cameo;
  n.sources = 1;
  n.first_date = n.last_date = time;
  Provenance p;
  p.document_id = "d1";
  p.source = "news/d1.txt";
  p.sentence = 2;
  p.start = 10;
  p.end = 18;
  p.sentence_text = "Sentence about " + headline + " & \"quotes\" <tags>.";
  n.provenance.push_back(p);
  return g.add_node(n);
}

inline void link(KnowledgeGraph& g, std::uint32_t from, std::uint32_t to, EdgeKind kind,
                 const std::string& role, const std::string& date = "") {
  Edge e;
  e.kind = kind;
  e.source = from;
  e.target = to;
  e.role = role;
  e.date = date;
  g.add_edge(e);
}

inline KnowledgeGraph sample_graph() {
  KnowledgeGraph g;
  auto kaar = actor(g, "a:kaar", "Mira Kaar", "PERSON", {"Kaar", "President Kaar"}, {"XYZGOV"});
  auto army = actor(g, "a:army", "Northern Army", "ORGANIZATION", {"the army"}, {"XYZMIL"});
  auto rebels = actor(g, "a:rebels", "Rebel Front", "ORGANIZATION");
  auto lund = actor(g, "a:lund", "Oskar Lund", "PERSON", {"Lund"});
  auto lund2 = actor(g, "a:lund2", "O. Lund", "PERSON");
  auto city = place(g, "p:city", "Port Vela", 36.2, 37.15);
  auto land = place(g, "p:land", "Veland", 35.0, 38.0);
  auto hall = place(g, "p:hall", "Glass Hall", std::nullopt, std::nullopt);
  link(g, city, land, EdgeKind::PartOf, "part_of");
  link(g, lund, lund2, EdgeKind::SameAs, "same_as");

  auto e1 = event(g, "v:1", "Kaar launch campaign", "2015", "", 4, "190");
  link(g, e1, kaar, EdgeKind::Agent, "agent", "2015");
  link(g, e1, land, EdgeKind::Location, "location", "2015");
  auto e2 = event(g, "v:2", "Army shell Port Vela", "2016-10", "", 4, "195");
  link(g, e2, army, EdgeKind::Agent, "agent", "2016-10");
  link(g, e2, rebels, EdgeKind::Patient, "patient", "2016-10");
  link(g, e2, city, EdgeKind::Location, "location", "2016-10");
  auto e3 = event(g, "v:3", "Kaar meet Lund", "2017-01", "", 1, "040");
  link(g, e3, kaar, EdgeKind::Agent, "agent", "2017-01");
  link(g, e3, lund, EdgeKind::Patient, "patient", "2017-01");
  link(g, e3, hall, EdgeKind::Location, "location", "2017-01");
  auto e4 = event(g, "v:4", "Rebels hold district", "1999", "2000", 4, "");
  link(g, e4, rebels, EdgeKind::Agent, "agent", "1999");
  link(g, e4, city, EdgeKind::Location, "location", "1999");
  auto e5 = event(g, "v:5", "Lund sign accord", "2016-12-15", "", 2, "057");
  link(g, e5, lund, EdgeKind::Agent, "agent", "2016-12-15");
  link(g, e5, kaar, EdgeKind::Role, "with", "2016-12-15");
  auto e6 = event(g, "v:6", "Kaar vow victory", "", "", 3, "");
  link(g, e6, kaar, EdgeKind::Agent, "agent");

  Node doc;
  doc.kind = NodeKind::Document;
  doc.id = "doc:d1";
  doc.name = "Fighting in Port Vela";
  doc.title = "Fighting in Port Vela";
  doc.url = "news/d1.txt";
  doc.dct = "2016-12-15";
  doc.sources = 1;
  auto d = g.add_node(doc);
  for (auto n : {e1, e2, e3, e4, e5, e6, kaar, army}) link(g, n, d, EdgeKind::MentionedIn, "mentioned_in");
  return g;
}

// n events over `lanes` actors spread across `years` years, every precision mixed in.
inline KnowledgeGraph big_graph(int n, int lanes, int years) {
  KnowledgeGraph g;
  std::vector<std::uint32_t> actors;
  for (int i = 0; i < lanes; ++i)
    actors.push_back(actor(g, "a:" + std::to_string(i), "Actor number " + std::to_string(i), "PERSON"));
  unsigned state = 12345;
  auto next = [&] { return state = state * 1103515245u + 12345u, (state >> 8) % 100000; };
  for (int i = 0; i < n; ++i) {
    int year = 2000 + static_cast<int>(next() % static_cast<unsigned>(years));
    int month = 1 + static_cast<int>(next() % 12), day = 1 + static_cast<int>(next() % 28);
    char buf[32];
    std::string time, end;
    switch (next() % 5) {
      case 0:
        std::snprintf(buf, sizeof buf, "%04d", year);
        time = buf;
        break;
      case 1:
        std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
        time = buf;
        break;
      case 2:
        std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
        time = buf;
        std::snprintf(buf, sizeof buf, "%04d-%02d", year + 1, month);
        end = buf;
        break;
      default:
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
        time = buf;
    }
    auto e = event(g, "v:" + std::to_string(i), "Event " + std::to_string(i) + " happen", time, end,
                   static_cast<int>(next() % 5), "");
    link(g, e, actors[next() % actors.size()], EdgeKind::Agent, "agent", time);
  }
  return g;
}

// Consumers run with std::system; a test skips (with a message) when one is missing.
inline bool have_tool(const std::string& tool) {
  return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0;
}

// A fresh directory for a test's files, removed when the test ends; the pid
// keeps two test binaries (Release, sanitizers) apart.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              ("chronicle_export_test_" + std::to_string(::getpid()) + "_" + name)) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  std::filesystem::path operator/(const std::filesystem::path& p) const { return path_ / p; }

 private:
  std::filesystem::path path_;
};

inline ScratchDir temp_dir(const std::string& name) { return ScratchDir(name); }

inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace chronicle::testing
