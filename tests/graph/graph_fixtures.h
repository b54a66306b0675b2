// Small hand-made Analyses for the graph tests: no models, no shared data.
#pragma once

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "core/document.h"
#include "graph/knowledge_graph.h"

namespace chronicle::testing {

// Builds an Analysis sentence by sentence; entities are found by their first
// occurrence in the text.
struct ArticleMaker {
  Analysis a;
  ArticleMaker(std::string id, std::vector<std::string> sentences, int year = 2016, unsigned month = 12,
               unsigned day = 15) {
    a.doc.id = std::move(id);
    a.doc.source = "https://news.example/" + a.doc.id;
    a.doc.title = "Title of " + a.doc.id;
    TimePoint t;
    t.year = year;
    t.month = month;
    t.day = day;
    a.doc.dct = t;
    for (const auto& s : sentences) {
      Sentence sent;
      sent.span.start = static_cast<Offset>(a.doc.text.size());
      a.doc.text += s;
      sent.span.end = static_cast<Offset>(a.doc.text.size());
      a.doc.text += " ";
      a.sentences.push_back(sent);
    }
  }
  int entity(const std::string& name, const std::string& type, const std::string& kb = "", int part_of = -1,
             std::vector<std::string> aliases = {}) {
    Entity e;
    e.id = "e" + std::to_string(a.entities.size() + 1);
    e.name = name;
    e.type = type;
    e.kb_id = kb;
    e.part_of = part_of;
    e.aliases = std::move(aliases);
    auto pos = a.doc.text.find(name);
    if (pos != std::string::npos) {
      Mention m;
      m.span = {static_cast<Offset>(pos), static_cast<Offset>(pos + name.size())};
      m.type = type;
      m.entity = static_cast<int>(a.entities.size());
      e.mentions.push_back(static_cast<int>(a.mentions.size()));
      a.mentions.push_back(m);
    }
    a.entities.push_back(e);
    return static_cast<int>(a.entities.size()) - 1;
  }
  int time(const std::string& value, const std::string& end = "") {
    TimeExpr t;
    t.id = "t" + std::to_string(a.times.size() + 1);
    t.type = "DATE";
    t.value = value;
    t.end = end;
    a.times.push_back(t);
    return static_cast<int>(a.times.size()) - 1;
  }
  // args: (role, entity index)
  int event(const std::string& trigger, const std::string& lemma, const std::string& cameo,
            std::vector<std::pair<std::string, int>> args, int time = -1, unsigned sentence = 0,
            bool negated = false) {
    Event e;
    e.id = "v" + std::to_string(a.events.size() + 1);
    e.lemma = lemma;
    e.cameo = cameo;
    e.type = cameo.empty() ? "OCCURRENCE" : "CAMEO" + cameo;
    e.sentence = sentence;
    e.negated = negated;
    e.time = time;
    auto from = sentence < a.sentences.size() ? a.sentences[sentence].span.start : 0;
    auto pos = a.doc.text.find(trigger, from);
    if (pos == std::string::npos) pos = 0;
    e.span = {static_cast<Offset>(pos), static_cast<Offset>(pos + trigger.size())};
    for (auto& [role, ent] : args) e.arguments.push_back({role, ent, -1});
    a.events.push_back(e);
    return static_cast<int>(a.events.size()) - 1;
  }
};

// Everything a graph holds, in an order independent of insertion.
inline std::string canonical(const KnowledgeGraph& g) {
  std::vector<std::string> nodes, edges;
  for (std::uint32_t i = 0; i < g.node_count(); ++i) {
    const Node& n = g.node(i);
    std::ostringstream o;
    o << to_string(n.kind) << "|" << n.id << "|" << n.name << "|" << n.type << "|";
    for (auto& s : n.aliases) o << s << ";";
    o << "|" << n.kb_id << "|" << n.country << "|" << (n.latitude ? *n.latitude : 0) << "|";
    for (auto& s : n.codes) o << s << ";";
    o << "|" << n.lemma << "|" << n.cameo << "|" << n.quad_class << "|" << n.goldstein << "|" << n.time_value
      << "|" << n.time_end << "|" << n.negated << "|" << n.modality << "|" << n.first_date << "|"
      << n.last_date << "|" << n.sources << "|" << n.title << "|" << n.url << "|" << n.dct << "|"
      << n.content_hash << "|";
    for (auto& p : n.provenance)
      o << p.document_id << "@" << p.source << "@" << p.sentence << "@" << p.start << "-" << p.end << "@"
        << p.sentence_text << ";";
    nodes.push_back(o.str());
  }
  for (std::uint32_t i = 0; i < g.edge_count(); ++i) {
    const Edge& e = g.edge(i);
    std::ostringstream o;
    o << g.node(e.source).id << " -" << to_string(e.kind) << ":" << e.role << "-> " << g.node(e.target).id
      << " " << e.date << " x" << e.sources;
    edges.push_back(o.str());
  }
  std::sort(nodes.begin(), nodes.end());
  std::sort(edges.begin(), edges.end());
  std::string out;
  for (auto& s : nodes) out += s + "\n";
  for (auto& s : edges) out += s + "\n";
  return out;
}

// Three articles on overlapping stories.
inline std::vector<Analysis> sample_articles() {
  std::vector<Analysis> out;
  {
    ArticleMaker m("a1", {"Vladimir Putin launched a bombing campaign in Syria in 2015.",
                          "Rebels in Aleppo surrendered to the Syrian army.",
                          "Putin dealt directly with Recep Tayyip Erdogan."});
    int putin = m.entity("Vladimir Putin", "PERSON", "", -1, {"Putin"});
    int syria = m.entity("Syria", "GPE", "Q858");
    int aleppo = m.entity("Aleppo", "GPE", "", syria);
    int rebels = m.entity("Rebels", "ORGANIZATION");
    int army = m.entity("Syrian army", "ORGANIZATION");
    int erdogan = m.entity("Recep Tayyip Erdogan", "PERSON");
    int t2015 = m.time("2015");
    m.event("launched", "launch", "190", {{"agent", putin}, {"location", syria}}, t2015, 0);
    m.event("surrendered", "surrender", "0871", {{"agent", rebels}, {"patient", army}, {"location", aleppo}},
            -1, 1);
    m.event("dealt", "deal", "040", {{"agent", putin}, {"with", erdogan}}, -1, 2);
    out.push_back(m.a);
  }
  {
    ArticleMaker m(
        "a2", {"In September 2015 Putin launched strikes in Syria.", "John Smith and Mary Smith met Smith."},
        2016, 12, 16);
    int putin = m.entity("Vladimir Putin", "PERSON", "", -1, {"Putin"});
    int syria = m.entity("Syria", "GPE", "Q858");
    int john = m.entity("John Smith", "PERSON");
    int mary = m.entity("Mary Smith", "PERSON");
    int smith = m.entity("Smith", "PERSON");
    int t = m.time("2015-09");
    m.event("launched", "launch", "190", {{"agent", putin}, {"location", syria}}, t, 0);
    m.event("met", "meet", "036", {{"agent", john}, {"patient", mary}}, -1, 1);
    m.event("met", "meet", "036", {{"agent", mary}, {"patient", smith}}, -1, 1, true);
    out.push_back(m.a);
  }
  {
    ArticleMaker m("a3",
                   {"Islamic State seized Palmyra in May 2015.", "Putin launched strikes in Syria in 2014."},
                   2016, 12, 17);
    int is = m.entity("Islamic State", "ORGANIZATION");
    int syria = m.entity("Syria", "GPE", "Q858");
    int palmyra = m.entity("Palmyra", "GPE", "", syria);
    int putin = m.entity("Vladimir Putin", "PERSON", "", -1, {"Putin"});
    int t = m.time("2015-05");
    int t14 = m.time("2014");
    m.event("seized", "seize", "1823", {{"agent", is}, {"patient", palmyra}}, t, 0);
    m.event("launched", "launch", "190", {{"agent", putin}, {"location", syria}}, t14, 1);
    out.push_back(m.a);
  }
  return out;
}

}  // namespace chronicle::testing
