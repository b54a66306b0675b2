// Evaluation of entity resolution on the GUM dev documents (gold tokens, parses and
// name mentions; gold coreference ids and Wikipedia identities). Runs only when
// CHRONICLE_DATA names the shared data folder; otherwise it says so and passes:
//
//   CHRONICLE_DATA=../shared/data build/tests/chronicle_tests -tc="*GUM*" -s
//
// Name mentions: GUM person/place/organization mentions whose tokens are all PROPN
// (after an optional leading determiner). Figures: pairwise precision/recall/F1 of
// the within-document grouping of those mentions against GUM's coreference ids; the
// share of mentions with a Wikipedia identity that are linked to the KB, and the
// share of linked ones whose KB name or alias equals the Wikipedia title.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "extract/resolve.h"

using namespace chronicle;

namespace {

struct GoldMention {
  std::uint32_t first = 0, end = 0;  // token range
  std::string type, id, identity;
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}

// One GUM document: tokens with UPOS/head/deprel, sentences, gold mentions.
struct GumDoc {
  Analysis a;
  std::vector<GoldMention> gold;
};

GumDoc read_gum(const std::filesystem::path& path) {
  GumDoc d;
  Analysis& a = d.a;
  a.doc.id = path.stem().string();
  std::ifstream in(path);
  std::string line;
  std::uint32_t sent_first = 0;
  std::vector<std::pair<std::string, GoldMention>> open;  // id -> mention being read
  auto close_sentence = [&] {
    std::uint32_t n = static_cast<std::uint32_t>(a.tokens.size());
    if (n > sent_first) {
      Sentence s;
      s.first_token = sent_first;
      s.end_token = n;
      s.span = {a.tokens[sent_first].span.start, a.tokens[n - 1].span.end};
      a.sentences.push_back(s);
      a.doc.text += "\n";
    }
    sent_first = n;
  };
  while (std::getline(in, line)) {
    if (line.empty()) {
      close_sentence();
      continue;
    }
    if (line[0] == '#') continue;
    auto f = split(line, '\t');
    if (f.size() < 10 || f[0].find_first_of("-.") != std::string::npos) continue;
    Token t;
    t.span.start = static_cast<Offset>(a.doc.text.size());
    a.doc.text += f[1];
    t.span.end = static_cast<Offset>(a.doc.text.size());
    t.lemma = f[2];
    t.upos = f[3];
    t.xpos = f[4];
    t.head = f[6] == "0" ? -1 : static_cast<int>(sent_first) + std::atoi(f[6].c_str()) - 1;
    t.deprel = f[7];
    std::uint32_t ti = static_cast<std::uint32_t>(a.tokens.size());
    a.tokens.push_back(t);
    if (f[9].find("SpaceAfter=No") == std::string::npos) a.doc.text += " ";
    for (const std::string& m : split(f[9], '|')) {
      if (!m.starts_with("Entity=")) continue;
      std::string v = m.substr(7);
      std::size_t i = 0;
      while (i < v.size()) {
        if (v[i] == '(') {
          std::size_t j = i + 1;
          while (j < v.size() && v[j] != '(' && v[j] != ')') ++j;
          auto spec = split(v.substr(i + 1, j - i - 1), '-');
          GoldMention g;
          g.first = ti;
          g.id = spec[0];
          g.type = spec.size() > 1 ? spec[1] : "";
          for (std::size_t k = 7; k < spec.size(); ++k) g.identity += (k > 7 ? "-" : "") + spec[k];
          if (j < v.size() && v[j] == ')') {
            g.end = ti + 1;
            d.gold.push_back(g);
            ++j;
          } else {
            open.push_back({g.id, g});
          }
          i = j;
        } else {
          std::size_t j = i;
          while (j < v.size() && v[j] != ')') ++j;
          std::string id = v.substr(i, j - i);
          for (auto it = open.rbegin(); it != open.rend(); ++it) {
            if (it->first == id) {
              it->second.end = ti + 1;
              d.gold.push_back(it->second);
              open.erase(std::next(it).base());
              break;
            }
          }
          i = j + 1;
        }
      }
    }
  }
  close_sentence();
  return d;
}

}  // namespace

TEST_CASE("GUM dev: resolution of gold name mentions (needs CHRONICLE_DATA)") {
  const char* env = std::getenv("CHRONICLE_DATA");
  if (!env || !*env) {
    MESSAGE("skipped: set CHRONICLE_DATA to the shared data folder to evaluate on GUM");
    return;
  }
  std::filesystem::path gum = std::filesystem::path(env) / "gum";
  std::ifstream splits(gum / "splits.md");
  if (!splits) {
    MESSAGE("skipped: " << (gum / "splits.md").string() << " not found");
    return;
  }
  std::vector<std::string> dev;
  std::string line;
  bool in_dev = false;
  while (std::getline(splits, line)) {
    if (line.starts_with("## ")) in_dev = line == "## dev";
    if (in_dev && line.find("* GUM_") != std::string::npos) dev.push_back(line.substr(line.find("GUM_")));
  }
  auto kb = KnowledgeBase::load(std::string(CHRONICLE_MODELS) + "/kb.bin");
  const std::map<std::string, std::string> types = {
      {"person", "PERSON"}, {"place", "GPE"}, {"organization", "ORGANIZATION"}};
  double tp = 0, fp = 0, fn = 0;
  int with_identity = 0, linked = 0, agree = 0, mentions = 0;
  for (const std::string& name : dev) {
    GumDoc d = read_gum(gum / "dep" / (name + ".conllu"));
    std::vector<GoldMention> names;
    for (const GoldMention& g : d.gold) {
      if (!types.count(g.type)) continue;
      std::uint32_t first = g.first;
      if (first < g.end && d.a.tokens[first].upos == "DET") ++first;
      bool all = first < g.end;
      for (std::uint32_t t = first; t < g.end; ++t) all = all && d.a.tokens[t].upos == "PROPN";
      if (!all) continue;
      GoldMention n = g;
      n.first = first;
      names.push_back(n);
      Mention m;
      m.first_token = first;
      m.end_token = g.end;
      m.span = {d.a.tokens[first].span.start, d.a.tokens[g.end - 1].span.end};
      m.type = types.at(g.type);
      d.a.mentions.push_back(m);
    }
    resolve_entities(d.a, *kb);
    // Predicted entity of each gold name mention: the name mention that starts inside its span.
    // Nested gold names may share a first token: the exact span wins, then the longest inside.
    std::vector<int> pred(names.size(), -1);
    for (std::size_t i = 0; i < names.size(); ++i) {
      std::uint32_t best_len = 0;
      for (const Mention& m : d.a.mentions) {
        if (m.kind != Mention::Kind::Name || m.first_token < names[i].first || m.end_token > names[i].end)
          continue;
        std::uint32_t len = m.end_token - m.first_token;
        if (len > best_len) {
          best_len = len;
          pred[i] = m.entity;
        }
      }
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
      ++mentions;
      for (std::size_t j = i + 1; j < names.size(); ++j) {
        bool g = names[i].id == names[j].id;
        bool p = pred[i] >= 0 && pred[i] == pred[j];
        tp += g && p;
        fp += !g && p;
        if (std::getenv("GUM_DEBUG") && !g && p)
          MESSAGE("FP " << name << ": "
                        << d.a.text(Span{d.a.tokens[names[i].first].span.start,
                                         d.a.tokens[names[i].end - 1].span.end})
                        << " ~ "
                        << d.a.text(Span{d.a.tokens[names[j].first].span.start,
                                         d.a.tokens[names[j].end - 1].span.end})
                        << " -> " << d.a.entities[pred[i]].name);
        fn += g && !p;
        if (std::getenv("GUM_DEBUG") && g && !p)
          MESSAGE("FN " << name << ": "
                        << d.a.text(Span{d.a.tokens[names[i].first].span.start,
                                         d.a.tokens[names[i].end - 1].span.end})
                        << " ~ "
                        << d.a.text(Span{d.a.tokens[names[j].first].span.start,
                                         d.a.tokens[names[j].end - 1].span.end})
                        << " " << names[i].type);
      }
      if (names[i].identity.empty()) continue;
      ++with_identity;
      if (pred[i] < 0 || d.a.entities[pred[i]].kb_id.empty()) continue;
      ++linked;
      // Wikipedia titles: percent-encoded, with a qualifier ("Portland,_Oregon", "Victoria_(Australia)").
      std::string title;
      for (std::size_t k = 0; k < names[i].identity.size(); ++k) {
        const std::string& id = names[i].identity;
        if (id[k] == '%' && k + 2 < id.size()) {
          title.push_back(static_cast<char>(std::stoi(id.substr(k + 1, 2), nullptr, 16)));
          k += 2;
        } else {
          title.push_back(id[k]);
        }
      }
      for (std::string_view q : {"_(", ","})
        if (auto cut = title.find(q); cut != std::string::npos) title.resize(cut);
      std::string want = normalize_key(title);
      const Entity& e = d.a.entities[pred[i]];
      bool ok = normalize_key(e.name) == want;
      for (const auto& al : e.aliases) ok = ok || normalize_key(al) == want;
      // The KB's own aliases count too ("Lord Byron" for "George Gordon Byron").
      for (const KbHit& h : kb->lookup(title)) ok = ok || (kb->id(h.entry) == e.kb_id && !h.partial);
      agree += ok;
      if (std::getenv("GUM_DEBUG") && !ok) MESSAGE("LINK " << title << " -> " << e.name << " " << e.kb_id);
    }
  }
  double p = tp / std::max(1.0, tp + fp), r = tp / std::max(1.0, tp + fn);
  MESSAGE("GUM dev (" << dev.size() << " docs, " << mentions << " name mentions): grouping pairwise P "
                      << p * 100 << " R " << r * 100 << " F1 " << (p + r > 0 ? 200 * p * r / (p + r) : 0)
                      << "; KB-linked " << linked << "/" << with_identity << " with a Wikipedia identity, "
                      << "of which name agrees " << agree << "/" << linked);
  CHECK(mentions > 100);
  // Pinned a little under the measured figures (docs/ACCURACY.md).
  CHECK(p > 0.93);
  CHECK(r > 0.72);
  CHECK(agree >= linked * 9 / 10);
}

// CoNLL-2003 eng.testa gold mentions through resolution: resolution must leave the recogniser's
// CoNLL output (spans and PER/ORG/LOC/MISC types) all but unchanged, so that it cannot cost the
// recogniser its F1. Needs CHRONICLE_DATA, like the GUM case.
TEST_CASE("CoNLL-2003 testa: resolution keeps gold mentions (needs CHRONICLE_DATA)") {
  const char* env = std::getenv("CHRONICLE_DATA");
  if (!env || !*env) {
    MESSAGE("skipped: set CHRONICLE_DATA to the shared data folder");
    return;
  }
  std::ifstream in(std::filesystem::path(env) / "conll2003" / "eng.testa");
  if (!in) {
    MESSAGE("skipped: conll2003/eng.testa not found");
    return;
  }
  auto kb = KnowledgeBase::load(std::string(CHRONICLE_MODELS) + "/kb.bin");
  auto conll = [](std::string_view t) -> std::string {
    if (t == "PERSON") return "PER";
    if (t == "ORGANIZATION") return "ORG";
    if (t == "GPE" || t == "LOCATION" || t == "FACILITY") return "LOC";
    return "MISC";
  };
  int total = 0, kept = 0;
  Analysis a;
  std::vector<std::string> tags;
  std::uint32_t sent_first = 0;
  auto close_sentence = [&] {
    if (a.tokens.size() > sent_first) {
      Sentence s;
      s.first_token = sent_first;
      s.end_token = static_cast<std::uint32_t>(a.tokens.size());
      a.sentences.push_back(s);
      a.doc.text += "\n";
    }
    sent_first = static_cast<std::uint32_t>(a.tokens.size());
  };
  auto finish_doc = [&] {
    close_sentence();
    struct G {
      std::uint32_t f, e;
      std::string t;
    };
    std::vector<G> gold;
    for (std::uint32_t i = 0; i < tags.size(); ++i) {
      if (tags[i] == "O") continue;
      std::string t = tags[i].substr(2);
      if (tags[i][0] == 'B' || i == 0 || tags[i - 1] == "O" || tags[i - 1].substr(2) != t)
        gold.push_back({i, i + 1, t});
      else
        gold.back().e = i + 1;
    }
    for (const G& g : gold) {
      Mention m;
      m.first_token = g.f;
      m.end_token = g.e;
      m.span = {a.tokens[g.f].span.start, a.tokens[g.e - 1].span.end};
      m.type = g.t == "PER" ? "PERSON" : g.t == "ORG" ? "ORGANIZATION" : g.t == "LOC" ? "GPE" : "MISC";
      a.mentions.push_back(m);
    }
    resolve_entities(a, *kb);
    for (const G& g : gold) {
      ++total;
      for (const Mention& m : a.mentions)
        if (m.kind == Mention::Kind::Name && m.first_token == g.f && m.end_token == g.e &&
            conll(m.type) == g.t) {
          ++kept;
          break;
        }
    }
    a = Analysis{};
    tags.clear();
    sent_first = 0;
  };
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) {
      close_sentence();
      continue;
    }
    std::istringstream ss(line);
    std::string w, tag, x;
    ss >> w;
    while (ss >> x) tag = x;
    if (w == "-DOCSTART-") {
      if (!a.tokens.empty()) finish_doc();
      continue;
    }
    Token t;
    t.span.start = static_cast<Offset>(a.doc.text.size());
    a.doc.text += w;
    t.span.end = static_cast<Offset>(a.doc.text.size());
    a.doc.text += " ";
    a.tokens.push_back(t);
    tags.push_back(tag);
  }
  if (!a.tokens.empty()) finish_doc();
  MESSAGE("CoNLL testa: " << kept << "/" << total
                          << " gold mentions keep span and CoNLL type after resolution");
  CHECK(total > 5000);
  CHECK(kept * 1000 >= total * 995);
}
