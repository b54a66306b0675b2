// The recogniser: training converges on a tiny fixture, is deterministic,
// decodes like brute force, rejects bad model files, and fills mentions.
#include "extract/ner.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>

#include "core/conll_writer.h"
#include "core/model_file.h"
#include "extract/ner_lexicon_builder.h"
#include "extract/ner_trainer.h"

using namespace chronicle;

namespace {

std::vector<ConllDocument> fixture() {
  return read_conll_tagged(std::string(CHRONICLE_FIXTURES) + "/ner/tiny.conll");
}

std::string tiny_model() {
  NerTrainOptions o;
  o.epochs = 8;
  o.min_feature_count = 1;
  return train_ner_model(fixture(), {}, ner::NerLexicon{}, o);
}

// An Analysis over space-separated words, one sentence per line; "@@" splits
// a word into adjacent tokens ("al@@-@@Assad": al, -, Assad as a segmenter
// splitting hyphens gives them).
Analysis analysis_of(const std::vector<std::string>& lines) {
  Analysis a;
  for (const std::string& line : lines) {
    Sentence s;
    s.first_token = static_cast<std::uint32_t>(a.tokens.size());
    std::istringstream ss(line);
    for (std::string w; ss >> w;) {
      if (!a.doc.text.empty()) a.doc.text += ' ';
      for (std::size_t p = 0; p <= w.size();) {
        std::size_t q = w.find("@@", p);
        if (q == std::string::npos) q = w.size();
        Token t;
        t.span.start = static_cast<Offset>(a.doc.text.size());
        a.doc.text += w.substr(p, q - p);
        t.span.end = static_cast<Offset>(a.doc.text.size());
        a.tokens.push_back(t);
        p = q + 2;
      }
    }
    s.end_token = static_cast<std::uint32_t>(a.tokens.size());
    a.sentences.push_back(s);
  }
  return a;
}

}  // namespace

TEST_CASE("ner: IOB tags of a CoNLL file become BILOU") {
  auto docs = parse_conll_tagged("A I-PER\nB I-PER\nc O\nD I-LOC\nE B-LOC\n\n", "mem");
  REQUIRE(docs.size() == 1);
  REQUIRE(docs[0].size() == 1);
  const auto& t = docs[0][0].tags;
  CHECK(t == std::vector<int>{ner::tag_of(0, ner::kB), ner::tag_of(0, ner::kL), 0, ner::tag_of(2, ner::kU),
                              ner::tag_of(2, ner::kU)});
  CHECK_THROWS_AS(parse_conll_tagged("A X-PER\n", "mem"), std::runtime_error);
  CHECK_THROWS_AS(parse_conll_tagged("A B-FOO\n", "mem"), std::runtime_error);
  CHECK_THROWS_AS(parse_conll_tagged("lonely\n", "mem"), std::runtime_error);
}

TEST_CASE("ner: viterbi agrees with brute force and respects BILOU") {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> d(-2, 2);
  for (int trial = 0; trial < 20; ++trial) {
    const std::size_t n = 1 + trial % 3;
    std::vector<float> scores(n * ner::kTags), trans((ner::kTags + 1) * ner::kTags);
    for (float& s : scores) s = d(rng);
    for (float& s : trans) s = d(rng);
    std::vector<int> got = ner::viterbi(scores, n, trans.data());
    float best = -1e30f;
    std::vector<int> arg;
    std::vector<int> cur(n, 0);
    std::size_t total = 1;
    for (std::size_t i = 0; i < n; ++i) total *= ner::kTags;
    for (std::size_t code = 0; code < total; ++code) {
      std::size_t c = code;
      for (std::size_t i = 0; i < n; ++i, c /= ner::kTags) cur[i] = static_cast<int>(c % ner::kTags);
      bool ok = ner::final_allowed(cur[n - 1]);
      float s = 0;
      for (std::size_t i = 0; i < n && ok; ++i) {
        int from = i == 0 ? -1 : cur[i - 1];
        ok = ner::transition_allowed(from, cur[i]);
        s += scores[i * ner::kTags + cur[i]] + trans[(from < 0 ? ner::kTags : from) * ner::kTags + cur[i]];
      }
      if (ok && s > best) {
        best = s;
        arg = cur;
      }
    }
    CHECK(got == arg);
  }
}

TEST_CASE("ner: viterbi ties go to the lowest predecessor, as a walk over the allowed ones") {
  // viterbi() keeps only maxima and finds the path's predecessors again on the way back; this
  // is the plain walk keeping each tag's first best predecessor. Scores of whole numbers tie
  // often, so ties are exercised.
  auto walk = [](const std::vector<float>& scores, std::size_t n, const float* transition) {
    constexpr float kNeg = -std::numeric_limits<float>::infinity();
    std::vector<float> best(n * ner::kTags, kNeg);
    std::vector<int> back(n * ner::kTags, 0), out(n, 0);
    for (int t = 0; t < ner::kTags; ++t)
      if (ner::transition_allowed(-1, t)) best[t] = scores[t] + transition[ner::kTags * ner::kTags + t];
    for (std::size_t i = 1; i < n; ++i)
      for (int t = 0; t < ner::kTags; ++t) {
        float b = kNeg;
        int arg = 0;
        for (int f = 0; f < ner::kTags; ++f) {
          const float prev = best[(i - 1) * ner::kTags + f];
          if (!ner::transition_allowed(f, t) || prev == kNeg) continue;
          if (const float v = prev + transition[f * ner::kTags + t]; v > b) b = v, arg = f;
        }
        if (b != kNeg)
          best[i * ner::kTags + t] = b + scores[i * ner::kTags + t], back[i * ner::kTags + t] = arg;
      }
    float b = kNeg;
    int arg = 0;
    for (int t = 0; t < ner::kTags; ++t)
      if (ner::final_allowed(t) && best[(n - 1) * ner::kTags + t] > b)
        b = best[(n - 1) * ner::kTags + t], arg = t;
    for (std::size_t i = n; i-- > 0;) out[i] = arg, arg = back[i * ner::kTags + arg];
    return out;
  };
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> d(-2, 2);
  std::uniform_real_distribution<float> r(-3, 3);
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t n = 1 + trial % 31;
    std::vector<float> scores(n * ner::kTags), trans((ner::kTags + 1) * ner::kTags);
    const bool whole = trial % 2 == 0;
    for (float& s : scores) s = whole ? static_cast<float>(d(rng)) : r(rng);
    for (float& s : trans) s = whole ? static_cast<float>(d(rng)) : r(rng);
    CHECK(ner::viterbi(scores, n, trans.data()) == walk(scores, n, trans.data()));
  }
  // One buffer rewritten in place between calls (as a trainer's weights are): the
  // transitions viterbi() walks follow the weights, not their address.
  std::vector<float> scores(6 * ner::kTags), trans((ner::kTags + 1) * ner::kTags);
  for (int trial = 0; trial < 20; ++trial) {
    for (float& s : scores) s = r(rng);
    for (float& s : trans) s = r(rng);
    CHECK(ner::viterbi(scores, 6, trans.data()) == walk(scores, 6, trans.data()));
  }
}

TEST_CASE("ner: training on a tiny fixture converges and is deterministic") {
  std::string a = tiny_model(), b = tiny_model();
  CHECK(a == b);
  auto model = EntityRecognizer::from_bytes(a, "tiny");
  NerScore s = evaluate_ner(*model, fixture());
  CHECK(s.gold == 15);
  CHECK(s.f1() == doctest::Approx(100.0));
}

TEST_CASE("ner: recognize appends typed name mentions") {
  auto model = EntityRecognizer::from_bytes(tiny_model(), "tiny");
  Analysis a = analysis_of({"Maria Lopez visited Lisbon on Monday .", "Here the Oslo Council voted ."});
  a.mentions.push_back(Mention{});  // mentions are appended, never replaced
  model->recognize(a);
  REQUIRE(a.mentions.size() == 4);
  CHECK(a.text(a.mentions[1].span) == "Maria Lopez");
  CHECK(a.mentions[1].type == "PERSON");
  CHECK(a.mentions[1].first_token == 0);
  CHECK(a.mentions[1].end_token == 2);
  CHECK(a.mentions[1].kind == Mention::Kind::Name);
  CHECK(a.mentions[1].entity == -1);
  CHECK(a.text(a.mentions[2].span) == "Lisbon");
  CHECK(a.mentions[2].type == "GPE");
  CHECK(a.text(a.mentions[3].span) == "Oslo Council");
  CHECK(a.mentions[3].type == "ORGANIZATION");
  // No tokens: nothing to do, no crash.
  Analysis empty;
  model->recognize(empty);
  CHECK(empty.mentions.empty());
}

TEST_CASE("ner: bad model files give ModelError") {
  const std::string good = tiny_model();
  CHECK_NOTHROW(EntityRecognizer::from_bytes(good, "tiny"));
  CHECK_THROWS_AS(EntityRecognizer::from_bytes(good.substr(0, good.size() / 2), "half"), ModelError);
  CHECK_THROWS_AS(EntityRecognizer::from_bytes(good.substr(0, 3), "stub"), ModelError);
  CHECK_THROWS_AS(EntityRecognizer::from_bytes(good + "x", "trailing"), ModelError);
  CHECK_THROWS_AS(EntityRecognizer::from_bytes("", "empty"), ModelError);
  std::string wrong_kind;
  BinaryWriter w(wrong_kind);
  write_model_header(w, ModelHeader{"pos", EntityRecognizer::kFormatVersion, "x"});
  CHECK_THROWS_AS(EntityRecognizer::from_bytes(wrong_kind, "pos"), ModelError);
  std::string old_version;
  BinaryWriter w2(old_version);
  write_model_header(w2, ModelHeader{"ner", EntityRecognizer::kFormatVersion + 1, "x"});
  CHECK_THROWS_AS(EntityRecognizer::from_bytes(old_version, "future"), ModelError);
  CHECK_THROWS_AS(EntityRecognizer::load("/nonexistent/ner.model"), ModelError);
  // Every truncation fails cleanly (never UB).
  for (std::size_t cut = 0; cut < good.size(); cut += 1 + good.size() / 97)
    CHECK_THROWS_AS(EntityRecognizer::from_bytes(good.substr(0, cut), "cut"), ModelError);
}

TEST_CASE("conll writer: token, IOB2 tag, sentences, document start") {
  Analysis a = analysis_of({"Maria Lopez visited Lisbon .", "Oslo Council voted"});
  auto add = [&](std::uint32_t b, std::uint32_t e, const char* type,
                 Mention::Kind kind = Mention::Kind::Name) {
    Mention m;
    m.first_token = b;
    m.end_token = e;
    m.type = type;
    m.kind = kind;
    a.mentions.push_back(m);
  };
  add(0, 2, "PERSON");
  add(3, 4, "GPE");
  add(5, 7, "ORGANIZATION");
  add(0, 1, "PERSON", Mention::Kind::Pronoun);  // not a name: ignored
  CHECK(
      analysis_to_conll(a) ==
      "-DOCSTART- O\n\nMaria B-PER\nLopez I-PER\nvisited O\nLisbon B-LOC\n. O\n\nOslo B-ORG\nCouncil I-ORG\n"
      "voted O\n\n");
  CHECK(conll_type("VEHICLE") == "MISC");
  CHECK(conll_type("LOCATION") == "LOC");
  CHECK(conll_type("FACILITY") == "LOC");
  Analysis empty;
  CHECK(analysis_to_conll(empty) == "-DOCSTART- O\n");
}

TEST_CASE("ner: the shipped model finds names and skips capitalised common words") {
  const std::string path = std::string(CHRONICLE_MODELS) + "/ner.model";
  if (!std::filesystem::exists(path)) return;  // before the model is committed
  auto model = EntityRecognizer::load(path);
  Analysis a =
      analysis_of({"Here is what we know .", "Turning to the markets , shares in Tokyo fell .",
                   "German Chancellor Helmut Kohl met officials of the European Union in Brussels .",
                   "Syrian President Bashar al@@-@@Assad said on Sunday that the army would advance .",
                   "The aircraft carrier Admiral Nakhimov sailed past Norway on Friday .",
                   "Officials across the Middle East welcomed the move ."});
  model->recognize(a);
  std::vector<std::string> names;
  for (const Mention& m : a.mentions) names.push_back(std::string(a.text(m.span)) + "/" + m.type);
  CHECK(std::find(names.begin(), names.end(), "Helmut Kohl/PERSON") != names.end());
  CHECK(std::find(names.begin(), names.end(), "Tokyo/GPE") != names.end());
  CHECK(std::find(names.begin(), names.end(), "Brussels/GPE") != names.end());
  CHECK(std::find(names.begin(), names.end(), "European Union/ORGANIZATION") != names.end());
  CHECK(std::find(names.begin(), names.end(), "Bashar al-Assad/PERSON") != names.end());
  CHECK(std::find(names.begin(), names.end(), "Admiral Nakhimov/VEHICLE") != names.end());
  CHECK(std::find(names.begin(), names.end(), "Middle East/LOCATION") != names.end());
  for (const std::string& n : names) {
    CHECK(n.rfind("Here", 0) != 0);
    CHECK(n.rfind("Turning", 0) != 0);
  }
}

TEST_CASE("ner lexicon: gazetteers from WordNet and Phoenix files, clusters from text") {
  ner::LexiconSources src;
  const std::string dir = std::string(CHRONICLE_FIXTURES) + "/ner/";
  src.wordnet_dir = dir + "wordnet";
  src.petrarch_dir = dir + "phoenix";
  src.clusters = 4;
  src.cluster_iterations = 3;
  for (int k = 0; k < 5; ++k) {
    src.sentences.push_back({"the", "cat", "sat", "on", "the", "mat", "."});
    src.sentences.push_back({"the", "dog", "sat", "on", "the", "rug", "."});
    src.sentences.push_back({"Oskar", "Brell", "visited", "Zembla", "."});
  }
  ner::NerLexicon lex = ner::build_lexicon(src);
  auto gaz = [&](std::string_view phrase) {
    const ner::NerLexicon::Entry* e = lex.find(ner::hash_str(phrase));
    return e ? e->gazetteer : 0;
  };
  auto has = [](unsigned bits, int category) { return (bits & (1u << category)) != 0; };
  CHECK(has(gaz("zembla"), ner::kGazCountry));
  CHECK(has(gaz("zemblan republic"), ner::kGazCountry));
  CHECK(has(gaz("novaya vista"), ner::kGazPlace));
  CHECK(has(gaz("lumen river"), ner::kGazRegion));
  CHECK(has(gaz("ada quill"), ner::kGazPerson));
  CHECK(has(gaz("ada"), ner::kGazFirstName));
  CHECK(has(gaz("oskar brell"), ner::kGazPerson));
  CHECK(has(gaz("zemblan army"), ner::kGazOrg));
  CHECK(has(gaz("frigate"), ner::kGazVehicleNoun));
  CHECK(has(gaz("cutter"), ner::kGazVehicleNoun));
  CHECK(lex.max_gazetteer_tokens == 3);  // "zemblan armed forces"
  // Words used in the same contexts share a class; the lexicon survives a round trip.
  auto cluster = [&](const ner::NerLexicon& l, std::string_view w) {
    const ner::NerLexicon::Entry* e = l.find(ner::hash_str(w));
    return e ? e->cluster : 0u;
  };
  CHECK(cluster(lex, "cat") != 0);
  CHECK((cluster(lex, "cat") & 0xffffu) == (cluster(lex, "dog") & 0xffffu));
  std::string bytes;
  BinaryWriter w(bytes);
  lex.write(w);
  BinaryReader r(bytes, "lexicon");
  ner::NerLexicon back = ner::NerLexicon::read(r);
  CHECK(r.at_end());
  CHECK(cluster(back, "dog") == cluster(lex, "dog"));
  CHECK(back.find(ner::hash_str("zembla"))->gazetteer == gaz("zembla"));
  // Same input, same clusters.
  CHECK(ner::exchange_clusters(src.sentences, 4, 3, 1, {}) ==
        ner::exchange_clusters(src.sentences, 4, 3, 1, {}));
}
