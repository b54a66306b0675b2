// Neo4j bulk-import CSVs (neo4j-admin database import full): one node file per kind with an
// `id:ID` column and `:LABEL` (kind;TYPE), one relationship file with `:START_ID`, `:END_ID`,
// `:TYPE`. Strings are always double-quoted ("" inside); arrays use ';' (neo4j's default array
// delimiter), so a ';' inside an element becomes ','. Newlines become spaces, so no
// --multiline-fields is needed. README.txt in the directory gives the import command.
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <locale>
#include <sstream>
#include <stdexcept>

#include "export/formats.h"

namespace chronicle::exporter {
namespace {

std::string csv(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') {
      out += "\"\"";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string csv_array(const std::vector<std::string>& items) {
  std::vector<std::string> clean;
  for (auto s : items) {
    for (char& c : s)
      if (c == ';') c = ',';
    clean.push_back(s);
  }
  return csv(join(clean, ";"));
}

std::string num(std::optional<double> v) {
  if (!v || !std::isfinite(*v)) return "";
  std::ostringstream o;
  o.imbue(std::locale::classic());
  o.precision(10);
  o << *v;
  return o.str();
}

std::string label(const Node& n) {
  std::string kind(to_string(n.kind));
  kind[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(kind[0])));
  std::string type;
  for (char c : n.type)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') type += c;
  return type.empty() || n.kind == NodeKind::Document ? kind : kind + ";" + type;
}

std::string rel_type(EdgeKind k) {
  switch (k) {
    case EdgeKind::Agent:
      return "AGENT";
    case EdgeKind::Patient:
      return "PATIENT";
    case EdgeKind::Location:
      return "LOCATION";
    case EdgeKind::Role:
      return "ROLE";
    case EdgeKind::MentionedIn:
      return "MENTIONED_IN";
    case EdgeKind::PartOf:
      return "PART_OF";
    case EdgeKind::SameAs:
      return "SAME_AS";
  }
  return "RELATED";
}

std::ofstream open(const std::filesystem::path& p) {
  std::ofstream f(p, std::ios::binary);
  if (!f) throw std::runtime_error("cannot write " + p.string());
  return f;
}

}  // namespace

void write_neo4j(const KnowledgeGraph& g, const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create directory " + dir + ": " + ec.message());
  const fs::path d(dir);
  auto actors = open(d / "actors.csv");
  auto places = open(d / "places.csv");
  auto events = open(d / "events.csv");
  auto documents = open(d / "documents.csv");
  auto rels = open(d / "relationships.csv");
  actors << "id:ID,name,type,aliases:string[],kb_id,country,codes:string[],first_date,last_date,sources:int,:"
            "LABEL\n";
  places << "id:ID,name,type,aliases:string[],kb_id,country,latitude:double,longitude:double,first_date,last_"
            "date,"
            "sources:int,:LABEL\n";
  events << "id:ID,name,type,lemma,cameo,quad_class:int,goldstein:double,time_value,time_end,negated:boolean,"
            "modality,first_date,last_date,sources:int,sentence,:LABEL\n";
  documents << "id:ID,title,url,dct,:LABEL\n";
  rels << ":START_ID,:END_ID,:TYPE,role,date,sources:int\n";
  for (std::uint32_t i = 0; i < g.node_count(); ++i) {
    const Node& n = g.node(i);
    switch (n.kind) {
      case NodeKind::Actor:
        actors << csv(n.id) << ',' << csv(n.name) << ',' << csv(n.type) << ',' << csv_array(n.aliases) << ','
               << csv(n.kb_id) << ',' << csv(n.country) << ',' << csv_array(n.codes) << ','
               << csv(n.first_date) << ',' << csv(n.last_date) << ',' << n.sources << ',' << label(n) << '\n';
        break;
      case NodeKind::Place:
        places << csv(n.id) << ',' << csv(n.name) << ',' << csv(n.type) << ',' << csv_array(n.aliases) << ','
               << csv(n.kb_id) << ',' << csv(n.country) << ',' << num(n.latitude) << ',' << num(n.longitude)
               << ',' << csv(n.first_date) << ',' << csv(n.last_date) << ',' << n.sources << ',' << label(n)
               << '\n';
        break;
      case NodeKind::Event: {
        std::string sentence;
        for (const auto& p : n.provenance)
          if (!p.sentence_text.empty()) {
            sentence = p.sentence_text;
            break;
          }
        events << csv(n.id) << ',' << csv(n.name) << ',' << csv(n.type) << ',' << csv(n.lemma) << ','
               << csv(n.cameo) << ',' << n.quad_class << ',' << num(n.goldstein) << ',' << csv(n.time_value)
               << ',' << csv(n.time_end) << ',' << (n.negated ? "true" : "false") << ',' << csv(n.modality)
               << ',' << csv(n.first_date) << ',' << csv(n.last_date) << ',' << n.sources << ','
               << csv(sentence) << ',' << label(n) << '\n';
        break;
      }
      case NodeKind::Document:
        documents << csv(n.id) << ',' << csv(n.title) << ',' << csv(n.url) << ',' << csv(n.dct) << ','
                  << label(n) << '\n';
        break;
    }
  }
  for (std::uint32_t i = 0; i < g.edge_count(); ++i) {
    const Edge& e = g.edge(i);
    rels << csv(g.node(e.source).id) << ',' << csv(g.node(e.target).id) << ',' << rel_type(e.kind) << ','
         << csv(e.role) << ',' << csv(e.date) << ',' << e.sources << '\n';
  }
  auto readme = open(d / "README.txt");
  readme << "Chronicle knowledge graph as Neo4j bulk-import CSVs. Import into an empty database with:\n\n"
         << "  neo4j-admin database import full --array-delimiter=';' \\\n"
         << "    --nodes=actors.csv --nodes=places.csv --nodes=events.csv --nodes=documents.csv \\\n"
         << "    --relationships=relationships.csv neo4j\n\n"
         << "(Neo4j 4.x: neo4j-admin import --database=neo4j with the same --nodes/--relationships.)\n";
  for (auto* f : {&actors, &places, &events, &documents, &rels, &readme}) {
    f->flush();
    if (!*f) throw std::runtime_error("error writing the Neo4j CSVs in " + dir);
  }
}

}  // namespace chronicle::exporter
