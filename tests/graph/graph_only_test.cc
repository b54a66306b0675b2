// The pipeline's graph-only mode (PipelineOptions::graph_only, used by ingest) must give the
// store what the full pipeline gives it: the same digest for every article.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/events.h"
#include "extract/pipeline.h"
#include "graph/builder.h"
#include "graph_fixtures.h"

using namespace chronicle;

namespace {

const Pipeline& pipeline(bool graph_only) {
  static const Pipeline full = [] {
    PipelineOptions o;
    o.models_dir = CHRONICLE_MODELS;
    return Pipeline::load(o);
  }();
  static const Pipeline lean = [] {
    PipelineOptions o;
    o.models_dir = CHRONICLE_MODELS;
    o.graph_only = true;
    return Pipeline::load(o);
  }();
  return graph_only ? lean : full;
}

Analysis run(const std::string& text, bool graph_only, PipelineScratch* scratch = nullptr) {
  Document d;
  d.id = "t";
  d.text = text;
  TimePoint dct;
  dct.year = 1987;
  dct.month = 3;
  dct.day = 2;
  dct.granularity = TimePoint::Granularity::Day;
  d.dct = dct;
  return scratch ? pipeline(graph_only).run(std::move(d), *scratch) : pipeline(graph_only).run(std::move(d));
}

// Every field of a digest, one line each.
std::string describe(const ArticleDigest& d) {
  std::ostringstream o;
  o << d.content_hash << "|" << d.doc_id << "|" << d.title << "|" << d.url << "|" << d.dct << "|" << d.day
    << "\n";
  for (const DigestEntity& e : d.entities) {
    o << "E " << e.key << "|" << static_cast<int>(e.kind) << "|" << e.name << "|" << e.type << "|" << e.kb_id
      << "|" << e.country << "|" << (e.latitude ? *e.latitude : -999) << "|"
      << (e.longitude ? *e.longitude : -999) << "|" << e.mentions << "|" << e.part_of << "|" << e.normalised
      << "|";
    for (const auto& f : e.forms) o << f << ";";
    o << "|";
    for (const auto& c : e.codes) o << c << ";";
    o << "\n";
  }
  for (const DigestEvent& e : d.events) {
    o << "V " << e.signature << "|" << e.name << "|" << e.type << "|" << e.lemma << "|" << e.cameo << "|"
      << e.modality << "|" << e.quad_class << "|" << e.goldstein << "|" << e.time_value << "|" << e.time_end
      << "|" << e.negated << "|" << e.place << "|";
    for (const auto& [role, key] : e.args) o << role << "=" << key << ";";
    const Provenance& p = e.provenance;
    o << "|" << p.document_id << "|" << p.source << "|" << p.sentence << "|" << p.start << "-" << p.end << "|"
      << p.sentence_text << "\n";
  }
  return o.str();
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Written for this test: names, pronouns and descriptions that refer back across
// sentences, and sentences that name no one.
const char* kArticle =
    "NEW YORK, March 2 - Acme Corp said on Monday it agreed to buy Beta Industries Inc for 40 mln dlrs.\n"
    "Prices rose sharply after the announcement.\n"
    "It will complete the purchase in May.\n"
    "Analysts were surprised.\n"
    "It expects approval soon.\n"
    "John Smith, the chairman, resigned on Friday.\n"
    "Trading was heavy.\n"
    "The president will stay until June.\n"
    "He declined to comment.\n"
    "Japan and the United States signed a trade accord in Tokyo, officials said.\n"
    "They said it would cut tariffs.\n"
    "Exports grew.\n"
    "The city was quiet.\n"
    "The minister denied the report.\n";

std::vector<std::string> fixture_and_samples() {
  std::vector<std::string> texts{kArticle};
  const std::filesystem::path samples = std::filesystem::path(CHRONICLE_FIXTURES) / ".." / ".." / "samples";
  std::vector<std::filesystem::path> files;
  if (std::filesystem::exists(samples))
    for (const auto& e : std::filesystem::recursive_directory_iterator(samples))
      if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) texts.push_back(read(f));
  return texts;
}

}  // namespace

TEST_CASE("graph-only pipeline: the same digests as the full pipeline, with fewer sentences parsed") {
  const std::vector<std::string> texts = fixture_and_samples();
  CHECK(texts.size() > 3);

  GraphBuilder full_graph, lean_graph;
  for (const std::string& text : texts) {
    const Analysis full = run(text, false), lean = run(text, true);
    CHECK(describe(digest(lean)) == describe(digest(full)));
    full_graph.add(full);
    lean_graph.add(lean);
  }
  CHECK(testing::canonical(lean_graph.graph()) == testing::canonical(full_graph.graph()));

  // The fixture: a sentence is parsed when it has a name, or a pronoun with a name of an
  // agreeing type at most two sentences back, or a definite place or person noun with a
  // place or person name at most five sentences back.
  const Analysis full = run(kArticle, false), lean = run(kArticle, true);
  auto sentence_of = [&](const Analysis& a, std::string_view words) -> const Sentence* {
    for (const Sentence& s : a.sentences)
      if (a.text(s.span).starts_with(words)) return &s;
    return nullptr;
  };
  for (const char* words : {"NEW YORK", "It will complete", "John Smith", "The president", "Japan and",
                            "They said", "The city"}) {
    INFO(words);
    const Sentence* s = sentence_of(lean, words);
    REQUIRE(s != nullptr);
    CHECK(!lean.tokens[s->first_token].deprel.empty());
  }
  for (const char* words : {"Prices rose", "Analysts were", "It expects", "Trading was", "He declined",
                            "Exports grew", "The minister"}) {
    INFO(words);
    const Sentence* s = sentence_of(lean, words);
    REQUIRE(s != nullptr);
    CHECK(lean.tokens[s->first_token].deprel.empty());
    CHECK(!full.tokens[sentence_of(full, words)->first_token].deprel.empty());
  }
  CHECK(lean.events.size() < full.events.size());
  // The entities and times are all there.
  CHECK(lean.entities.size() == full.entities.size());
  CHECK(lean.mentions.size() == full.mentions.size());
  CHECK(lean.times.size() == full.times.size());
}

TEST_CASE("graph-only pipeline: a scratch kept across documents changes no digest") {
  const std::vector<std::string> texts = fixture_and_samples();
  PipelineScratch scratch;
  // Forwards, then backwards: each article's words were first seen in others.
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t k = 0; k < texts.size(); ++k) {
      const std::string& text = texts[pass == 0 ? k : texts.size() - 1 - k];
      CHECK(describe(digest(run(text, true, &scratch))) == describe(digest(run(text, true))));
    }
  CHECK(!scratch.event_words.empty());
  // Bounded: a full cache is emptied before the next document.
  for (std::size_t i = scratch.event_words.size(); i < EventExtractor::kMaxCachedWords; ++i)
    scratch.event_words.emplace("filler" + std::to_string(i), ClassifierToken{});
  run(kArticle, true, &scratch);
  CHECK(scratch.event_words.size() < EventExtractor::kMaxCachedWords);
}
