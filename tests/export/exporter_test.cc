// Graph exports handed to their real consumers: xmllint and networkx for GraphML, Graphviz `dot`
// for DOT, RapidJSON for Cytoscape.js JSON, a shape check for GeoJSON, CSV structure for Neo4j.
// A consumer that is not installed skips its check with a message.
#include "export/exporter.h"

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "export/formats.h"
#include "tests/export/sample_graph.h"

using namespace chronicle;
using namespace chronicle::testing;
namespace fs = std::filesystem;

namespace {

std::string export_to_string(const KnowledgeGraph& g, std::string_view format, const ExportOptions& o = {}) {
  std::ostringstream s;
  write_export(g, format, s, o);
  return s.str();
}

const fs::path kHere = fs::path(__FILE__).parent_path();

// Debian's python3 carries python3-networkx; another python3 on PATH may not.
std::string python_with(const std::string& module) {
  for (std::string py : {"/usr/bin/python3", "python3"})
    if (std::system((py + " -c 'import " + module + "' >/dev/null 2>&1").c_str()) == 0) return py;
  return "";
}

int run(const std::string& command) { return std::system(command.c_str()); }

}  // namespace

TEST_CASE("export formats are listed and unknown ones refused") {
  const auto& f = export_formats();
  for (auto name : {"graphml", "dot", "svg", "png", "json", "geojson", "neo4j", "timelinejs"})
    CHECK(std::find(f.begin(), f.end(), std::string_view(name)) != f.end());
  std::ostringstream s;
  CHECK_THROWS_AS(write_export(sample_graph(), "xlsx", s), std::invalid_argument);
  CHECK_THROWS_AS(write_export(sample_graph(), "neo4j", s), std::invalid_argument);
  CHECK(is_directory_format("neo4j"));
}

TEST_CASE("GraphML declares every attribute and is read typed by xmllint and networkx") {
  auto g = sample_graph();
  std::string xml = export_to_string(g, "graphml");
  CHECK(xml.find("attr.name=\"latitude\" attr.type=\"double\"><default>NaN</default>") != std::string::npos);
  CHECK(xml.find("attr.name=\"sources\" attr.type=\"int\"><default>1</default>") != std::string::npos);
  CHECK(xml.find("<node id=\"doc:d1\">") != std::string::npos);  // data formats keep documents
  CHECK(xml.find("&lt;tags&gt;") != std::string::npos);
  auto dir = temp_dir("graphml");
  write_file(dir / "g.graphml", xml);
  ExportOptions yed;
  yed.yed = true;
  std::string yxml = export_to_string(g, "graphml", yed);
  CHECK(yxml.find("<y:ShapeNode><y:Geometry") != std::string::npos);
  CHECK(yxml.find("<y:Fill color=\"#a6cee3\"") != std::string::npos);  // actors
  CHECK(yxml.find("<y:NodeLabel") != std::string::npos);
  CHECK(yxml.find("doc:d1") == std::string::npos);  // diagrams leave documents out
  write_file(dir / "y.graphml", yxml);
  if (have_tool("xmllint")) {
    CHECK(run("xmllint --noout " + (dir / "g.graphml").string()) == 0);
    CHECK(run("xmllint --noout " + (dir / "y.graphml").string()) == 0);
  } else {
    MESSAGE("xmllint missing: GraphML XML check skipped");
  }
  std::string py = python_with("networkx");
  if (py.empty()) {
    MESSAGE("networkx missing: GraphML read check skipped");
    return;
  }
  CHECK(run(py + " " + (kHere / "check_graphml.py").string() + " " + (dir / "g.graphml").string()) == 0);
  CHECK(run(py + " " + (kHere / "check_graphml.py").string() + " " + (dir / "y.graphml").string()) == 0);
}

TEST_CASE("DOT parses with Graphviz; SVG and PNG render in-process") {
  auto g = sample_graph();
  std::string dot = export_to_string(g, "dot");
  CHECK(dot.find("cluster_legend") != std::string::npos);
  CHECK(dot.find("label=\"agent\\n2016-10\"") != std::string::npos);  // role and date on edges
  CHECK(dot.find("shape=house") != std::string::npos);
  CHECK(dot.find("doc:d1") == std::string::npos);
  std::string svg = export_to_string(g, "svg");
  CHECK(svg.find("<svg") != std::string::npos);
  CHECK(svg.find("Army shell Port") != std::string::npos);
  std::string png = export_to_string(g, "png");
  REQUIRE(png.size() > 8);
  CHECK(png.substr(1, 3) == "PNG");
  CHECK_THROWS_AS(exporter::render_graphviz("digraph { a -> }", "svg"), std::runtime_error);
  auto dir = temp_dir("dot");
  write_file(dir / "g.dot", dot);
  write_file(dir / "g.svg", svg);
  if (have_tool("dot")) {
    CHECK(run("dot -Tsvg " + (dir / "g.dot").string() + " -o " + (dir / "out.svg").string()) == 0);
  } else {
    MESSAGE("dot missing: DOT parse check skipped");
  }
  if (have_tool("xmllint")) CHECK(run("xmllint --noout " + (dir / "g.svg").string()) == 0);
}

TEST_CASE("selection keeps the top N actors or one actor's neighbourhood") {
  auto g = sample_graph();
  ExportOptions top;
  top.top_actors = 1;
  auto sub = exporter::select_subgraph(g, top, false);
  int actors = 0;
  for (std::uint32_t i = 0; i < sub.node_count(); ++i)
    if (sub.node(i).kind == NodeKind::Actor) {
      ++actors;
      CHECK(sub.node(i).name == "Mira Kaar");  // in 4 events
    }
  CHECK(actors == 1);
  CHECK(sub.find("v:1"));
  CHECK(sub.find("p:land"));  // place of a kept event
  CHECK_FALSE(sub.find("v:4"));
  ExportOptions near;
  near.actor = "Oskar Lund";
  sub = exporter::select_subgraph(g, near, true);
  CHECK(sub.find("a:lund2"));  // same-as neighbour
  CHECK(sub.find("a:kaar"));   // partner in an event
  CHECK_FALSE(sub.find("a:army"));
  CHECK(sub.find("v:5"));
  CHECK_FALSE(sub.find("v:1"));
  CHECK(sub.find("doc:d1"));
  near.actor = "zzz";
  CHECK_THROWS_AS(exporter::select_subgraph(g, near, true), std::invalid_argument);
}

TEST_CASE("Cytoscape.js JSON: elements with nodes and edges whose ends exist") {
  auto g = sample_graph();
  std::string json = export_to_string(g, "json");
  rapidjson::Document doc;
  REQUIRE_FALSE(doc.Parse(json.c_str()).HasParseError());
  const auto& nodes = doc["elements"]["nodes"];
  const auto& edges = doc["elements"]["edges"];
  REQUIRE(nodes.Size() == g.node_count());
  REQUIRE(edges.Size() == g.edge_count());
  std::set<std::string> ids;
  for (const auto& n : nodes.GetArray()) {
    REQUIRE(n["data"]["id"].IsString());
    REQUIRE(n["data"]["kind"].IsString());
    ids.insert(n["data"]["id"].GetString());
  }
  for (const auto& e : edges.GetArray()) {
    CHECK(ids.count(e["data"]["source"].GetString()) == 1);
    CHECK(ids.count(e["data"]["target"].GetString()) == 1);
    CHECK(e["data"]["kind"].IsString());
  }
  CHECK(nodes[0]["data"]["aliases"].Size() == 2);
  CHECK(nodes[5]["data"]["latitude"].GetDouble() == doctest::Approx(36.2));
}

TEST_CASE("GeoJSON: RFC 7946 points at [longitude, latitude] with their events") {
  auto g = sample_graph();
  std::string json = export_to_string(g, "geojson");
  rapidjson::Document doc;
  REQUIRE_FALSE(doc.Parse(json.c_str()).HasParseError());
  CHECK(std::string(doc["type"].GetString()) == "FeatureCollection");
  const auto& f = doc["features"];
  REQUIRE(f.Size() == 2);  // the place without coordinates is left out
  CHECK(f[0]["geometry"]["coordinates"][0].GetDouble() == doctest::Approx(37.15));
  CHECK(f[0]["geometry"]["coordinates"][1].GetDouble() == doctest::Approx(36.2));
  CHECK(f[0]["properties"]["events"].Size() == 2);
  std::string py = python_with("json");
  if (py.empty()) return;
  auto dir = temp_dir("geojson");
  write_file(dir / "p.geojson", json);
  CHECK(run(py + " " + (kHere / "check_geojson.py").string() + " " + (dir / "p.geojson").string() + " 2") ==
        0);
}

TEST_CASE("Neo4j CSVs: ids, labels and relationship ends that match") {
  auto g = sample_graph();
  auto dir = temp_dir("neo4j");
  write_export_dir(g, "neo4j", (dir / "neo").string());
  std::set<std::string> ids;
  for (const char* file : {"actors.csv", "places.csv", "events.csv", "documents.csv"}) {
    std::istringstream in(read_file(dir / "neo" / file));
    std::string line;
    std::getline(in, line);
    CHECK(line.rfind("id:ID,", 0) == 0);
    CHECK(line.find(":LABEL") != std::string::npos);
    while (std::getline(in, line)) ids.insert(line.substr(1, line.find('"', 1) - 1));
  }
  CHECK(ids.size() == g.node_count());
  std::istringstream rels(read_file(dir / "neo" / "relationships.csv"));
  std::string line;
  std::getline(rels, line);
  CHECK(line == ":START_ID,:END_ID,:TYPE,role,date,sources:int");
  std::size_t count = 0;
  while (std::getline(rels, line)) {
    ++count;
    std::string start = line.substr(1, line.find('"', 1) - 1);
    auto second = line.find(",\"") + 2;
    std::string end = line.substr(second, line.find('"', second) - second);
    CHECK(ids.count(start) == 1);
    CHECK(ids.count(end) == 1);
  }
  CHECK(count == g.edge_count());
  CHECK(read_file(dir / "neo" / "actors.csv").find("\"Kaar;President Kaar\"") != std::string::npos);
  CHECK(read_file(dir / "neo" / "events.csv").find("\"\"quotes\"\"") != std::string::npos);
}

TEST_CASE("write_all_exports writes every file, deterministically") {
  auto g = sample_graph();
  auto dir = temp_dir("all");
  auto written = write_all_exports(g, (dir / "a").string());
  CHECK(written.size() == 12);
  for (const auto& p : written) CHECK(fs::exists(p));
  for (const char* f :
       {"graph.graphml", "graph.svg", "graph.png", "timeline.svg", "timeline.html", "places.geojson"})
    CHECK(fs::file_size(dir / "a" / f) > 100);
  write_all_exports(g, (dir / "b").string());
  for (const char* f : {"graph.graphml", "graph.yed.graphml", "graph.dot", "graph.json", "timeline.json",
                        "timeline.svg", "neo4j/relationships.csv"})
    CHECK(read_file(dir / "a" / f) == read_file(dir / "b" / f));
}
