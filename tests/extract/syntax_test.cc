// Tests of the tagger, lemmatiser, parser, their trainers and CoNLL-U I/O.
// Small models are trained in the test from a hand-written fixture; the
// shipped models are checked when present.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <span>

#include "core/conllu_writer.h"
#include "core/model_file.h"
#include "extract/conllu_corpus.h"
#include "extract/lemmatizer.h"
#include "extract/parser.h"
#include "extract/parser_impl.h"
#include "extract/parser_trainer.h"
#include "extract/perceptron.h"
#include "extract/perceptron_trainer.h"
#include "extract/syntax_eval.h"
#include "extract/tagger.h"
#include "extract/tagger_features.h"
#include "extract/tagger_trainer.h"

using namespace chronicle;

namespace {

const std::string kFixture = std::string(CHRONICLE_FIXTURES) + "/syntax/tiny.conllu";

const std::vector<CorpusSentence>& tiny() {
  static const std::vector<CorpusSentence> corpus = read_conllu_corpus(kFixture);
  return corpus;
}

TaggerTrainOptions tagger_options() {
  TaggerTrainOptions o;
  o.iterations = 8;
  o.seed = 7;
  o.wordnet_dir.clear();  // tests must not depend on the system's WordNet
  o.provenance = "test fixture";
  return o;
}

ParserTrainOptions parser_options() {
  ParserTrainOptions o;
  o.iterations = 12;
  o.seed = 7;
  o.jackknife_folds = 0;
  o.provenance = "test fixture";
  return o;
}

const std::string& tiny_tagger_bytes() {
  static const std::string bytes = train_tagger(tiny(), tagger_options(), nullptr);
  return bytes;
}
const std::string& tiny_parser_bytes() {
  static const std::string bytes = train_parser(tiny(), parser_options(), nullptr);
  return bytes;
}

}  // namespace

TEST_CASE("CoNLL-U corpus reader reads word lines and skips ranges and empty nodes") {
  std::string text =
      "# text = Don't go.\n"
      "1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "1\tDo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n"
      "2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n"
      "3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n"
      "3.1\tgone\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
  auto s = parse_conllu_corpus(text, "mem");
  REQUIRE(s.size() == 1);
  CHECK(s[0].text == "Don't go.");
  REQUIRE(s[0].tokens.size() == 4);
  CHECK(s[0].tokens[1].form == "n't");
  CHECK(s[0].tokens[1].head == 2);
  CHECK(s[0].tokens[2].head == -1);
  CHECK_THROWS_WITH_AS(parse_conllu_corpus("1\tx\tx\tX\tX\t_\t9\tdep\t_\t_\n\n", "bad.conllu"),
                       doctest::Contains("bad.conllu:1"), std::runtime_error);
  CHECK_THROWS_AS(parse_conllu_corpus("1\tonly three\tcolumns\n", "bad.conllu"), std::runtime_error);
}

TEST_CASE("CoNLL-U writer round-trips through the corpus reader") {
  const auto& gold = tiny();
  Analysis a = corpus_to_analysis(gold);
  std::size_t k = 0;
  for (std::size_t si = 0; si < gold.size(); ++si)
    for (auto& g : gold[si].tokens) {
      Token& t = a.tokens[k++];
      t.upos = g.upos;
      t.xpos = g.xpos;
      t.lemma = g.lemma;
      t.deprel = g.deprel;
      t.head = g.head < 0 ? -1 : static_cast<int>(a.sentences[si].first_token) + g.head;
    }
  std::string conllu = analysis_to_conllu(a);
  auto back = parse_conllu_corpus(conllu, "round trip");
  REQUIRE(back.size() == gold.size());
  for (std::size_t si = 0; si < gold.size(); ++si) {
    REQUIRE(back[si].tokens.size() == gold[si].tokens.size());
    for (std::size_t i = 0; i < gold[si].tokens.size(); ++i) {
      const auto &x = back[si].tokens[i], &y = gold[si].tokens[i];
      CHECK(x.form == y.form);
      CHECK(x.lemma == y.lemma);
      CHECK(x.upos == y.upos);
      CHECK(x.xpos == y.xpos);
      CHECK(x.head == y.head);
      CHECK(x.deprel == y.deprel);
    }
  }
}

TEST_CASE("CoNLL-U writer keeps fields well-formed") {
  Analysis a;
  a.doc.text = "a\tb c";
  a.tokens.push_back(Token{Span{0, 3}, "", "", "", -1, ""});
  a.tokens.push_back(Token{Span{4, 5}, "NOUN", "NN", "c", 0, "dep"});
  a.sentences.push_back(Sentence{Span{0, 5}, 0, 2, 0});
  std::string out = analysis_to_conllu(a);
  CHECK(out.find("1\ta b\t_\t_\t_\t_\t_\t_\t_\t_\n") != std::string::npos);
  CHECK(out.find("2\tc\tc\tNOUN\tNN\t_\t1\tdep\t_\t_\n") != std::string::npos);
}

TEST_CASE("tagger training on a small fixture converges") {
  auto tagger = Tagger::from_bytes(tiny_tagger_bytes(), "tiny pos");
  SyntaxScores s = evaluate_syntax(tagger.get(), nullptr, tiny());
  CHECK(s.tokens == 82);
  CHECK(s.upos >= 97.0);
  CHECK(s.xpos >= 97.0);
  CHECK(s.lemma >= 95.0);  // learned exceptions: mice -> mouse, was -> be
}

TEST_CASE("parser training on a small fixture converges") {
  auto parser = Parser::from_bytes(tiny_parser_bytes(), "tiny parser");
  SyntaxScores s = evaluate_syntax(nullptr, parser.get(), tiny());
  CHECK(s.uas >= 95.0);
  CHECK(s.las >= 90.0);
}

TEST_CASE("parser output is a single-rooted tree for any input") {
  auto parser = Parser::from_bytes(tiny_parser_bytes(), "tiny parser");
  Analysis a;
  a.doc.text = "zz yy xx ww vv uu tt ss rr qq";
  for (Offset i = 0; i < 10; ++i) a.tokens.push_back(Token{Span{i * 3, i * 3 + 2}, "X", "??", "", -1, ""});
  a.sentences.push_back(Sentence{Span{0, 29}, 0, 4, 0});
  a.sentences.push_back(Sentence{Span{0, 29}, 4, 5, 0});
  a.sentences.push_back(Sentence{Span{0, 29}, 5, 10, 0});
  parser->parse(a);
  for (const Sentence& s : a.sentences) {
    int roots = 0;
    for (std::uint32_t i = s.first_token; i < s.end_token; ++i) {
      const Token& t = a.tokens[i];
      CHECK(!t.deprel.empty());
      if (t.head < 0) {
        ++roots;
        CHECK(t.deprel == "root");
        continue;
      }
      CHECK(t.head >= static_cast<int>(s.first_token));
      CHECK(t.head < static_cast<int>(s.end_token));
      // Following heads reaches the root without a cycle.
      int steps = 0, h = static_cast<int>(i);
      while (h >= 0 && steps <= 10) {
        h = a.tokens[h].head;
        ++steps;
      }
      CHECK(h < 0);
    }
    CHECK(roots == 1);
  }
}

TEST_CASE("training is deterministic") {
  CHECK(train_tagger(tiny(), tagger_options(), nullptr) == tiny_tagger_bytes());
  CHECK(train_parser(tiny(), parser_options(), nullptr) == tiny_parser_bytes());
  auto other = tagger_options();
  other.seed = 8;
  CHECK(train_tagger(tiny(), other, nullptr) != tiny_tagger_bytes());  // the seed matters
}

namespace {
std::string table_bytes(const WeightTable& t) {
  std::string out;
  BinaryWriter w(out);
  t.write(w);
  return out;
}
}  // namespace

TEST_CASE("parameter mixing: one model, or copies of one, is that model; two differ from each") {
  AveragedPerceptron a(4), b(4);
  const std::uint64_t f1[] = {11, 12}, f2[] = {12, 13}, f3[] = {11, 14};
  for (int i = 0; i < 5; ++i) {
    a.update(f1, 1, 2);
    a.tick();
    b.update(f2, 3, 1);
    b.tick();
    if (i % 2) a.update(f3, 0, 3);
  }
  WeightMix one;
  one.add(a);
  CHECK(table_bytes(one.finish()) == table_bytes(a.finish()));
  WeightMix copies;
  copies.add(a);
  copies.add(a);
  copies.add(a);
  CHECK(copies.members() == 3);
  CHECK(table_bytes(copies.finish()) == table_bytes(a.finish()));
  CHECK(table_bytes(copies.finish(1)) == table_bytes(a.finish(1)));
  WeightMix both;
  both.add(a);
  both.add(b);
  const WeightTable mixed = both.finish();
  CHECK(table_bytes(mixed) != table_bytes(a.finish()));
  CHECK(mixed.num_features() == 4);  // the union of the features
  std::int32_t scores[4] = {0, 0, 0, 0};
  mixed.add(13, scores);  // only b has feature 13: its weights, halved
  CHECK(scores[3] > 0);
  CHECK(scores[1] < 0);
  CHECK(both.finish(SIZE_MAX, a.finish().num_weights()).num_weights() <= a.finish().num_weights());
  AveragedPerceptron other_classes(5);
  CHECK_THROWS(both.add(other_classes));
}

TEST_CASE("a weight table pruned to N weights keeps the N strongest, whatever the input order") {
  std::vector<WeightTable::Entry> entries = {
      {5, {{0, 0.5f}, {1, -4.0f}}}, {9, {{2, 3.0f}, {0, -0.25f}}}, {7, {{1, 1.0f}}}};
  const WeightTable t = WeightTable::from_entries(entries, 3, SIZE_MAX, 3);
  CHECK(t.num_weights() == 3);
  CHECK(t.num_features() == 3);
  std::int32_t s5[3] = {0, 0, 0}, s9[3] = {0, 0, 0};
  t.add(5, s5);
  t.add(9, s9);
  CHECK(s5[0] == 0);  // 0.5 and -0.25 are the weakest
  CHECK(s5[1] < 0);
  CHECK(s9[0] == 0);
  CHECK(s9[2] > 0);
  std::reverse(entries.begin(), entries.end());
  CHECK(table_bytes(WeightTable::from_entries(entries, 3, SIZE_MAX, 3)) == table_bytes(t));
  CHECK(WeightTable::from_entries(entries, 3, SIZE_MAX, 2).num_features() == 2);  // 7 loses its only weight
}

TEST_CASE("trainers with mixed seeds: deterministic, the plain model when the shuffles agree") {
  TaggerTrainOptions t = tagger_options();
  t.mix_seeds = 2;
  const std::string mixed_tagger = train_tagger(tiny(), t, nullptr);
  CHECK(mixed_tagger == train_tagger(tiny(), t, nullptr));
  CHECK(mixed_tagger != tiny_tagger_bytes());
  CHECK(evaluate_syntax(Tagger::from_bytes(mixed_tagger, "mixed pos").get(), nullptr, tiny()).upos >= 97.0);
  // One sentence shuffles the same under every seed: the runs agree, and so does their mean.
  const std::vector<CorpusSentence> one(tiny().begin(), tiny().begin() + 1);
  TaggerTrainOptions single = tagger_options();
  CHECK(train_tagger(one, t, nullptr) == train_tagger(one, single, nullptr));

  ParserTrainOptions p = parser_options();
  p.mix_seeds = 3;
  const std::string mixed_parser = train_parser(tiny(), p, nullptr);
  CHECK(mixed_parser == train_parser(tiny(), p, nullptr));
  CHECK(mixed_parser != tiny_parser_bytes());
  auto parser = Parser::from_bytes(mixed_parser, "mixed parser");
  CHECK(evaluate_syntax(nullptr, parser.get(), tiny()).uas >= 95.0);
  // No more weights than the first member (the plain parser of the same seed).
  auto mixed_impl = Parser::Impl::parse_model(mixed_parser, "mixed parser");
  auto plain_impl = Parser::Impl::parse_model(tiny_parser_bytes(), "tiny parser");
  CHECK(mixed_impl->transitions.num_weights() <= plain_impl->transitions.num_weights());
  CHECK(mixed_impl->arc_labels.num_weights() <= plain_impl->arc_labels.num_weights());
  p.mix_seeds = 0;
  CHECK_THROWS(train_parser(tiny(), p, nullptr));
}

TEST_CASE("jackknifed parser training runs") {
  ParserTrainOptions o = parser_options();
  o.jackknife_folds = 3;
  o.tagger_iterations = 3;
  o.iterations = 3;
  auto parser = Parser::from_bytes(train_parser(tiny(), o, nullptr), "jackknifed");
  CHECK(parser->num_features() > 0);
}

TEST_CASE(
    "pretagged sentences: trained on as tagged, outside the jackknife, its tag cache and the ambiguity "
    "classes") {
  ParserTrainOptions o = parser_options();
  o.jackknife_folds = 3;
  o.tagger_iterations = 3;
  o.iterations = 3;
  const auto cache = std::filesystem::temp_directory_path() / "chronicle_pretagged_tags.txt";
  std::filesystem::remove(cache);
  o.tag_cache = cache.string();
  const std::string plain = train_parser(tiny(), o, nullptr);  // writes the cache of tiny() alone
  std::ifstream in(cache);
  std::string header;
  std::getline(in, header);
  // Text the shipped tagger tagged: words the gold corpus never had, seen 3 times each.
  std::vector<CorpusSentence> pretagged;
  for (int copy = 0; copy < 3; ++copy)
    for (std::size_t i = 0; i < 3; ++i) {
      CorpusSentence s = tiny()[i];
      for (auto& t : s.tokens) t.form = "zz" + t.form;
      pretagged.push_back(std::move(s));
    }
  // The cache of tiny() alone still matches (a joined corpus would not) and is not rewritten.
  const std::string with = train_parser(tiny(), pretagged, o, nullptr);
  in.seekg(0);
  std::string header_after;
  std::getline(in, header_after);
  CHECK(header_after == header);
  CHECK(with == train_parser(tiny(), pretagged, o, nullptr));
  CHECK(with != plain);
  CHECK(train_parser(tiny(), {}, o, nullptr) == plain);
  auto with_impl = Parser::Impl::parse_model(with, "with pretagged");
  auto plain_impl = Parser::Impl::parse_model(plain, "plain");
  CHECK(with_impl->ambiguity.size() == plain_impl->ambiguity.size());
  CHECK(with_impl->ambiguity.find(features::hash_string("zzdog")) == nullptr);
  CHECK(with_impl->transitions.num_features() > plain_impl->transitions.num_features());
  std::filesystem::remove(cache);
}

TEST_CASE("model load errors are clear") {
  const std::string& pos = tiny_tagger_bytes();
  const std::string& parser = tiny_parser_bytes();
  CHECK_THROWS_WITH_AS(Tagger::from_bytes(parser, "p.model"),
                       doctest::Contains("kind is 'parser', expected 'pos'"), ModelError);
  CHECK_THROWS_WITH_AS(Parser::from_bytes(pos, "t.model"), doctest::Contains("expected 'parser'"),
                       ModelError);
  CHECK_THROWS_WITH_AS(Tagger::from_bytes(pos.substr(0, pos.size() / 2), "half.model"),
                       doctest::Contains("half.model"), ModelError);
  CHECK_THROWS_AS(Parser::from_bytes(parser.substr(0, parser.size() - 3), "cut.model"), ModelError);
  CHECK_THROWS_WITH_AS(Tagger::from_bytes("not a model at all", "junk"), doctest::Contains("bad magic"),
                       ModelError);
  CHECK_THROWS_AS(Tagger::from_bytes("", "empty"), ModelError);
  CHECK_THROWS_WITH_AS(Tagger::load("/nonexistent/pos.model"), doctest::Contains("/nonexistent/pos.model"),
                       ModelError);
  // Every single-byte corruption is caught or harmless: never a crash.
  for (const std::string* bytes : {&pos, &parser}) {
    for (std::size_t i = 0; i < bytes->size(); i += std::max<std::size_t>(1, bytes->size() / 300)) {
      std::string bad = *bytes;
      bad[i] = static_cast<char>(bad[i] ^ 0x5a);
      try {
        if (bytes == &pos)
          (void)Tagger::from_bytes(bad, "bad");
        else
          (void)Parser::from_bytes(bad, "bad");
      } catch (const ModelError&) {
      }
    }
  }
  // A damaged weight changes the self-test result.
  std::string wrong_version = pos;
  wrong_version[4 + 4 + 3] = 9;  // version follows magic and the kind string "pos"
  CHECK_THROWS_WITH_AS(Tagger::from_bytes(wrong_version, "v.model"), doctest::Contains("format version"),
                       ModelError);
}

TEST_CASE("a parser model of another format version is refused, not misread") {
  const std::string& parser = tiny_parser_bytes();
  const std::size_t at = 4 + 4 + 6;  // version follows magic and the kind string "parser"
  REQUIRE(static_cast<std::uint8_t>(parser[at]) == Parser::kFormatVersion);
  for (std::uint8_t version : {std::uint8_t{2}, std::uint8_t{Parser::kFormatVersion + 1}}) {
    std::string other = parser;
    other[at] = static_cast<char>(version);
    const std::string says = "format version " + std::to_string(version);
    CHECK_THROWS_WITH_AS(Parser::from_bytes(other, "old.model"), doctest::Contains(says.c_str()), ModelError);
  }
}

// Every sentence of `a` is a single-rooted tree over its own tokens.
void check_trees(const Analysis& a) {
  for (const Sentence& s : a.sentences) {
    int roots = 0;
    for (std::uint32_t i = s.first_token; i < s.end_token; ++i) {
      const Token& t = a.tokens[i];
      CHECK(!t.deprel.empty());
      if (t.head < 0) {
        ++roots;
        CHECK(t.deprel == "root");
        continue;
      }
      CHECK(t.deprel != "root");
      REQUIRE(t.head >= static_cast<int>(s.first_token));
      REQUIRE(t.head < static_cast<int>(s.end_token));
      int steps = 0, h = static_cast<int>(i);
      while (h >= 0 && steps <= static_cast<int>(s.size())) {
        h = a.tokens[h].head;
        ++steps;
      }
      CHECK(h < 0);
    }
    CHECK(roots == 1);
  }
}

// An analysis of made-up words with unknown tags, sentences of 1 to 30 words.
Analysis nonsense_analysis() {
  Analysis a;
  for (int len : {1, 2, 3, 7, 30, 12}) {
    Sentence s;
    s.first_token = static_cast<std::uint32_t>(a.tokens.size());
    for (int i = 0; i < len; ++i) {
      const auto start = static_cast<Offset>(a.doc.text.size());
      a.doc.text += std::string(1, static_cast<char>('a' + (i * 7 + len) % 26)) + "q ";
      a.tokens.push_back(
          Token{Span{start, start + 2}, i % 3 ? "NOUN" : "X", i % 3 ? "NN" : "??", "", -1, ""});
    }
    s.end_token = static_cast<std::uint32_t>(a.tokens.size());
    a.sentences.push_back(s);
  }
  return a;
}

const std::string& tiny_beam_parser_bytes() {
  static const std::string bytes = [] {
    ParserTrainOptions o = parser_options();
    o.beam_width = 4;
    return train_parser(tiny(), o, nullptr);
  }();
  return bytes;
}

TEST_CASE("a parser scratch kept across texts and models changes no parse") {
  // The fixture with its gold tags, as the tagger would give them.
  auto tagged = [] {
    Analysis a = corpus_to_analysis(tiny());
    std::size_t t = 0;
    for (const CorpusSentence& s : tiny())
      for (const CorpusToken& w : s.tokens) {
        a.tokens[t].upos = w.upos;
        a.tokens[t++].xpos = w.xpos;
      }
    return a;
  };
  auto tree = [](const Analysis& a) {
    std::string out;
    for (const Token& t : a.tokens) out += std::to_string(t.head) + ":" + t.deprel + " ";
    return out;
  };
  auto greedy = Parser::from_bytes(tiny_parser_bytes(), "greedy parser");
  auto beam = Parser::from_bytes(tiny_beam_parser_bytes(), "beam parser");
  ParserScratch scratch;
  // Twice through both models: the second round finds the first's weights
  // kept (or made anew for the other model) and must parse the same.
  for (int round = 0; round < 2; ++round)
    for (const Parser* p : {greedy.get(), beam.get(), greedy.get()}) {
      Analysis plain = tagged(), kept = tagged();
      p->parse(plain);
      p->parse(kept, std::vector<std::uint8_t>(kept.sentences.size(), 1), scratch);
      CHECK(tree(kept) == tree(plain));
      CHECK(tree(kept).find("-1:root") != std::string::npos);
    }
}

TEST_CASE("a beam of width 1 makes the greedy parser's choices") {
  for (const std::string* bytes : {&tiny_parser_bytes(), &tiny_beam_parser_bytes()}) {
    auto m = Parser::Impl::parse_model(*bytes, "tiny parser");
    parser_detail::Words words;
    std::vector<int> greedy_heads, greedy_labels, beam_heads, beam_labels;
    for (const CorpusSentence& s : tiny()) {
      const int n = static_cast<int>(s.tokens.size());
      Parser::Impl::prepare_words(words, n);
      for (int i = 0; i < n; ++i)
        m->set_word(words, i, features::hash_string(ascii_lower(s.tokens[i].form)),
                    m->tag_id(s.tokens[i].upos, s.tokens[i].xpos));
      m->parse_sentence(words, n, greedy_heads, greedy_labels, 1);
      m->parse_beam(words, n, beam_heads, beam_labels, 1);
      CHECK(beam_heads == greedy_heads);
      CHECK(beam_labels == greedy_labels);
    }
  }
}

TEST_CASE("beam training is deterministic, records its width and converges") {
  ParserTrainOptions o = parser_options();
  o.beam_width = 4;
  CHECK(train_parser(tiny(), o, nullptr) == tiny_beam_parser_bytes());
  auto parser = Parser::from_bytes(tiny_beam_parser_bytes(), "beam parser");
  CHECK(parser->beam_width() == 4);
  SyntaxScores s = evaluate_syntax(nullptr, parser.get(), tiny());
  CHECK(s.uas >= 95.0);
  CHECK(s.las >= 90.0);
  o.decode_width = 2;
  CHECK(Parser::from_bytes(train_parser(tiny(), o, nullptr), "beam parser")->beam_width() == 2);
  CHECK(Parser::from_bytes(tiny_parser_bytes(), "greedy parser")->beam_width() == 1);
}

TEST_CASE("the beam returns single-rooted trees at every width, the same on every run") {
  for (const std::string* bytes : {&tiny_parser_bytes(), &tiny_beam_parser_bytes()}) {
    auto parser = Parser::from_bytes(*bytes, "tiny parser");
    for (int width : {1, 2, 3, 4, 8, 32}) {
      Analysis a = nonsense_analysis(), b = nonsense_analysis();
      parser->parse(a, width);
      parser->parse(b, width);
      check_trees(a);
      for (std::size_t i = 0; i < a.tokens.size(); ++i) {
        CHECK(a.tokens[i].head == b.tokens[i].head);
        CHECK(a.tokens[i].deprel == b.tokens[i].deprel);
      }
    }
  }
}

TEST_CASE("a wider beam finds sequences scoring at least as well on the fixture") {
  // Not guaranteed in general (beam search is not monotone), but the fixture
  // is small enough that the model trained with width 4 parses it as well at 8.
  auto parser = Parser::from_bytes(tiny_beam_parser_bytes(), "beam parser");
  CHECK(evaluate_syntax(nullptr, parser.get(), tiny(), 8).uas >= 95.0);
}

// The bytes of `v5` (a model without a reviser) as format 4 wrote them: no
// reviser flag before the self-test sentences.
std::string as_format_4(const std::string& v5) {
  auto m = Parser::Impl::parse_model(v5, "v5");
  REQUIRE(!m->has_reviser());
  std::size_t tail = 4;
  for (const auto& t : m->self_test) tail += 12 + t.forms.size() + t.tags.size() + t.expected.size();
  const std::size_t flag = v5.size() - tail - 1;
  REQUIRE(v5[flag] == 0);
  std::string v4 = v5.substr(0, flag) + v5.substr(flag + 1);
  v4[4 + 4 + 6] = 4;  // version follows magic and the kind string "parser"
  return v4;
}

TEST_CASE("format-4 (no reviser) and format-3 (no beam width) parser models still load") {
  const std::string v4 = as_format_4(tiny_parser_bytes());
  auto parser4 = Parser::from_bytes(v4, "v4.model");
  CHECK(parser4->beam_width() == 1);
  CHECK(parser4->num_features() == Parser::from_bytes(tiny_parser_bytes(), "v5")->num_features());
  BinaryReader r(v4, "v4");
  r.u32();
  r.str();
  r.u32();
  r.str();
  for (int list = 0; list < 2; ++list)
    for (std::uint32_t i = 0, n = r.u32(); i < n; ++i) r.str();
  r.u32();  // root label; the beam width follows
  const std::size_t at = r.position();
  std::string v3 = v4.substr(0, at) + v4.substr(at + 4);
  v3[4 + 4 + 6] = 3;
  auto parser = Parser::from_bytes(v3, "v3.model");
  CHECK(parser->beam_width() == 1);
  std::string bad = v4;
  bad[at] = 0;  // width 0
  CHECK_THROWS_WITH_AS(Parser::from_bytes(bad, "w.model"), doctest::Contains("beam width"), ModelError);
}

ReviserTrainOptions reviser_options() {
  ReviserTrainOptions o;
  o.parser = parser_options();
  o.folds = 2;
  o.iterations = 3;
  o.error_rate = 0;  // every relation: the fixture is small
  o.min_count = 1;
  o.provenance = "test reviser";
  return o;
}

const std::string& tiny_revised_parser_bytes() {
  static const std::string bytes = train_reviser(tiny_parser_bytes(), tiny(), reviser_options(), nullptr);
  return bytes;
}

TEST_CASE("reviser training: deterministic, stored and checked on load, trees stay trees") {
  const std::string& revised = tiny_revised_parser_bytes();
  ReviserTrainOptions o = reviser_options();
  CHECK(train_reviser(tiny_parser_bytes(), tiny(), o, nullptr) == revised);
  auto m = Parser::Impl::parse_model(revised, "revised");
  CHECK(m->has_reviser());
  CHECK(m->revised != 0);
  CHECK(m->provenance.find("test reviser") != std::string::npos);
  // The transition parser is the one it was added to.
  auto plain = Parser::Impl::parse_model(tiny_parser_bytes(), "plain");
  CHECK(m->transitions.num_features() == plain->transitions.num_features());
  auto parser = Parser::from_bytes(revised, "revised");
  Analysis a = nonsense_analysis();
  parser->parse(a);
  check_trees(a);
  // A reviser flag that is neither 0 nor 1 is refused.
  const std::string& plain_bytes = tiny_parser_bytes();
  std::size_t tail = 4;
  for (const auto& t : plain->self_test) tail += 12 + t.forms.size() + t.tags.size() + t.expected.size();
  std::string bad = plain_bytes;
  REQUIRE(bad[bad.size() - tail - 1] == 0);
  bad[bad.size() - tail - 1] = 2;
  CHECK_THROWS_WITH_AS(Parser::from_bytes(bad, "bad.model"), doctest::Contains("reviser flag"), ModelError);
}

TEST_CASE("a fold parser's training error reaches the caller from its thread") {
  ReviserTrainOptions o = reviser_options();
  o.parser.mix_seeds = 0;  // refused by train_parser, in both folds' threads
  CHECK_THROWS_WITH_AS(train_reviser(tiny_parser_bytes(), tiny(), o, nullptr), doctest::Contains("mix-seeds"),
                       std::runtime_error);
}

TEST_CASE("fold parses are cached and the cache is checked against the corpus") {
  const std::string cache =
      (std::filesystem::temp_directory_path() / "chronicle_test_parses.conllu").string();
  std::filesystem::remove(cache);
  ReviserTrainOptions o = reviser_options();
  o.parse_cache = cache;
  const std::string first = train_reviser(tiny_parser_bytes(), tiny(), o, nullptr);  // writes it
  REQUIRE(std::filesystem::exists(cache));
  CHECK(train_reviser(tiny_parser_bytes(), tiny(), o, nullptr) == first);  // reads it
  CHECK(first == tiny_revised_parser_bytes());
  std::vector<CorpusSentence> other = tiny();
  other.pop_back();
  CHECK_THROWS(train_reviser(tiny_parser_bytes(), other, o, nullptr));
  std::filesystem::remove(cache);
}

TEST_CASE("ambiguity classes keep a word's frequent tags and drop rare readings") {
  using parser_detail::pack_ambiguity;
  CHECK(pack_ambiguity({{2, 5}}) == 0);                        // too rare to say
  CHECK(pack_ambiguity({{3, 5}}) == 6);                        // one tag, id + 1
  CHECK(pack_ambiguity({{10, 9}, {3, 4}}) == (5 | 10 << 10));  // sorted by id
  CHECK(pack_ambiguity({{3, 4}, {10, 9}}) == pack_ambiguity({{10, 9}, {3, 4}}));
  CHECK(pack_ambiguity({{100, 9}, {4, 4}}) == 10);  // under 5%: not a reading
  // At most three readings, the most frequent.
  CHECK(pack_ambiguity({{40, 1}, {30, 2}, {20, 3}, {10, 4}}) == (2 | 3 << 10 | 4 << 20));
}

TEST_CASE("the parser's ambiguity classes come from its training corpus and are stored") {
  auto m = Parser::Impl::parse_model(tiny_parser_bytes(), "tiny parser");
  REQUIRE(m->ambiguity.size() > 0);
  // Every stored class names tags of the model's tag set.
  for (const auto& [hash, packed] : m->ambiguity)
    for (std::uint32_t a = packed; a; a >>= 10) {
      const std::uint32_t id = (a & 1023) - 1;
      CHECK(id >= parser_detail::kFirstTag);
      CHECK(id < parser_detail::kFirstTag + m->tags.size());
    }
}

TEST_CASE("lemmatiser rules") {
  Lemmatizer l;
  l.add_known(Lemmatizer::kVerb, "hope");
  l.add_known(Lemmatizer::kVerb, "stop");
  l.add_known(Lemmatizer::kNoun, "city");
  l.add_exception(Lemmatizer::kVerb, "went", "go");
  l.add_lexicon("I", "PRP", "I");
  CHECK(l.lemma("went", "VERB", "VBD") == "go");
  CHECK(l.lemma("hoped", "VERB", "VBD") == "hope");
  CHECK(l.lemma("stopping", "VERB", "VBG") == "stop");
  CHECK(l.lemma("Cities", "NOUN", "NNS") == "city");
  CHECK(l.lemma("boxes", "NOUN", "NNS") == "box");
  CHECK(l.lemma("The", "DET", "DT") == "the");
  CHECK(l.lemma("I", "PRON", "PRP") == "I");
  CHECK(l.lemma("Aleppo", "PROPN", "NNP") == "Aleppo");
  CHECK(l.lemma("biggest", "ADJ", "JJS") == "bigg");  // unknown to this tiny WordNet: a plain rule
}

TEST_CASE("shipped models tag and parse a plain sentence") {
  const std::string dir = CHRONICLE_MODELS;
  if (!std::filesystem::exists(dir + "/pos.model") || !std::filesystem::exists(dir + "/parser.model")) {
    MESSAGE("shipped syntax models absent: skipped");
    return;
  }
  auto tagger = Tagger::load(dir + "/pos.model");
  auto parser = Parser::load(dir + "/parser.model");
  Analysis a;
  a.doc.text = "The soldiers were killed by rebels in the city .";
  Offset start = 0;
  for (Offset i = 0; i <= a.doc.text.size(); ++i)
    if (i == a.doc.text.size() || a.doc.text[i] == ' ') {
      a.tokens.push_back(Token{Span{start, i}, "", "", "", -1, ""});
      start = i + 1;
    }
  a.sentences.push_back(Sentence{Span{0, static_cast<Offset>(a.doc.text.size())}, 0,
                                 static_cast<std::uint32_t>(a.tokens.size()), 0});
  tagger->tag(a);
  parser->parse(a);
  CHECK(a.tokens[1].xpos == "NNS");
  CHECK(a.tokens[1].lemma == "soldier");
  CHECK(a.tokens[2].lemma == "be");
  CHECK(a.tokens[3].xpos == "VBN");
  CHECK(a.tokens[3].lemma == "kill");
  CHECK(a.tokens[3].head == -1);
  CHECK(a.tokens[1].head == 3);
  CHECK(a.tokens[1].deprel == "nsubj:pass");
  CHECK(a.tokens[2].deprel == "aux:pass");
  CHECK(a.tokens[5].deprel == "obl:agent");
  CHECK((a.tokens[8].deprel == "obl" ||
         a.tokens[8].deprel == "nmod"));  // "in the city": either attachment reads
}

TEST_CASE("shipped models: a sentence's only verb after its subject is finite, not a participle") {
  const std::string dir = CHRONICLE_MODELS;
  if (!std::filesystem::exists(dir + "/pos.model")) {
    MESSAGE("shipped syntax models absent: skipped");
    return;
  }
  auto tagger = Tagger::load(dir + "/pos.model");
  auto xpos = [&](const std::vector<std::string_view>& words) {
    std::string out;
    for (const auto& t : tagger->tag_words(words)) out += (out.empty() ? "" : " ") + t.xpos;
    return out;
  };
  // The left-to-right decoder alone reads these verbs as reduced relatives (VBN).
  CHECK(xpos({"Government", "forces", "shelled", "Aleppo", "on", "Monday", "."}) ==
        "NN NNS VBD NNP IN NNP .");
  CHECK(xpos({"Israeli", "warplanes", "struck", "targets", "in", "Gaza", "."}) == "JJ NNS VBD NNS IN NNP .");
  // A finite verb or an auxiliary elsewhere leaves a participle alone.
  CHECK(xpos({"A", "man", "named", "Smith", "said", "nothing", "."}) == "DT NN VBN NNP VBD NN .");
  CHECK(xpos({"The", "city", "was", "shelled", "on", "Monday", "."}) == "DT NN VBD VBN IN NNP .");
}

TEST_CASE("word classes from unlabeled text are kept in the tagger and shared with the parser") {
  TaggerTrainOptions o = tagger_options();
  // Unlabeled sentences in which "cats" and "dogs" share their company.
  for (int i = 0; i < 20; ++i) {
    o.unlabeled.push_back({"the", "cats", "sleep", "."});
    o.unlabeled.push_back({"the", "dogs", "sleep", "."});
    o.unlabeled.push_back({"a", "man", "runs", "."});
  }
  o.word_classes = 4;
  auto tagger = Tagger::from_bytes(train_tagger(tiny(), o, nullptr), "tiny pos with classes");
  auto classes = tagger->word_classes();
  REQUIRE(!classes.empty());
  CHECK(std::is_sorted(classes.begin(), classes.end()));
  for (auto& [hash, c] : classes) CHECK((c >= 1 && c <= 4));
  CHECK(evaluate_syntax(tagger.get(), nullptr, tiny()).upos >= 97.0);

  ParserTrainOptions p = parser_options();
  p.word_classes = classes;
  auto with = train_parser(tiny(), p, nullptr);
  CHECK(with != tiny_parser_bytes());  // the classes are features and stored
  auto parser = Parser::from_bytes(with, "tiny parser with classes");
  CHECK(evaluate_syntax(nullptr, parser.get(), tiny()).uas >= 95.0);
}

TEST_CASE("a three-class weight table scores as the general layout does") {
  // The parser's SHIFT/LEFT/RIGHT table keeps weights inline in its slots;
  // the same entries with a fourth, unused class take the general path.
  std::vector<WeightTable::Entry> entries;
  for (std::uint64_t f = 1; f <= 500; ++f)
    entries.push_back({f * 0x9e3779b97f4a7c15ULL,
                       {{0, 0.5f * static_cast<float>(f % 7)}, {2, -0.25f * static_cast<float>(f % 5)}}});
  entries.push_back({77, {{1, 100.0f}}});
  WeightTable small = WeightTable::from_entries(entries, 3);
  WeightTable general = WeightTable::from_entries(entries, 4);
  std::vector<std::uint64_t> feats{77, 12345};  // one unknown feature
  for (std::uint64_t f = 1; f <= 500; f += 3) feats.push_back(f * 0x9e3779b97f4a7c15ULL);
  std::int32_t a[3] = {0, 0, 0}, b[4] = {0, 0, 0, 0};
  small.add_all(feats, a);
  general.add_all(feats, b);
  for (int c = 0; c < 3; ++c) CHECK(a[c] == b[c]);
  CHECK(b[3] == 0);
  CHECK(a[1] == 32767);  // the largest weight takes the full 16-bit range
}

TEST_CASE("a weight table keeping two-weight features in their slots scores as one that does not") {
  // Up to 128 classes a feature with exactly two weights holds them in its slot
  // (classes 0-127, negative values too) and one with many a dense row; a
  // wider table keeps every run sparse and apart.
  std::vector<WeightTable::Entry> entries;
  for (std::uint64_t f = 1; f <= 600; ++f) {
    WeightTable::Entry e{f * 0x9e3779b97f4a7c15ULL, {}};
    const auto c = static_cast<std::uint16_t>((f * 37) % 128);
    e.weights.push_back({c, 0.5f * static_cast<float>(f % 9) - 2.0f});
    if (f % 3 != 0) e.weights.push_back({static_cast<std::uint16_t>((c + 1 + f % 126) % 128), -0.75f});
    if (f % 5 == 0) e.weights.push_back({static_cast<std::uint16_t>((c + 64) % 128), 1.5f});
    if (f % 50 == 0) {  // many weights: a dense row
      e.weights.clear();
      for (std::uint16_t k = 0; k < 40; ++k)
        e.weights.push_back(
            {static_cast<std::uint16_t>((c + 3 * k) % 128), 0.25f * static_cast<float>(k) - 4.0f});
    }
    entries.push_back(e);
  }
  WeightTable paired = WeightTable::from_entries(entries, 128);
  WeightTable wide = WeightTable::from_entries(entries, 200);
  std::vector<std::uint64_t> feats{12345};  // one unknown feature
  for (std::uint64_t f = 1; f <= 600; f += 2) feats.push_back(f * 0x9e3779b97f4a7c15ULL);
  for (std::uint64_t f = 50; f <= 600; f += 50) feats.push_back(f * 0x9e3779b97f4a7c15ULL);
  std::vector<std::int32_t> a(128, 0), b(200, 0);
  paired.add_all(feats, a.data());
  wide.add_all(feats, b.data());
  for (int c = 0; c < 128; ++c) CHECK(a[c] == b[c]);
  for (int c = 128; c < 200; ++c) CHECK(b[c] == 0);
}

TEST_CASE("dense rows summed two at a time score as sparse runs do, for any number of rows and classes") {
  // add_rows() sums dense rows in pairs, eight and then four classes at a time, the
  // rest one by one, and a batch at most kMaxRows (64) rows long: odd and even row
  // counts around 64, and class counts with every kind of tail. A table of more than
  // 128 classes keeps every run sparse: the reference.
  for (std::uint16_t classes : {24, 27, 30, 108, 128}) {
    std::vector<WeightTable::Entry> entries;
    for (std::uint64_t f = 1; f <= 200; ++f) {
      WeightTable::Entry e{f * 0x9e3779b97f4a7c15ULL, {}};
      for (std::uint16_t c = 0; c < classes; ++c)
        if ((c + f) % 7 != 0 || c < 24)
          e.weights.push_back({c, static_cast<float>((f * 31 + c * 17) % 200) - 100.0f});
      if (f % 4 == 0) e.weights.resize(2);  // a pair in its slot now and then
      entries.push_back(e);
    }
    WeightTable paired = WeightTable::from_entries(entries, classes);
    WeightTable wide = WeightTable::from_entries(entries, 200);
    for (std::uint64_t count : {1, 2, 3, 63, 64, 65, 86, 87, 130, 200}) {
      std::vector<std::uint64_t> feats;
      for (std::uint64_t f = 1; f <= count; ++f) feats.push_back(f * 0x9e3779b97f4a7c15ULL);
      std::vector<std::int32_t> a(classes, 7), b(200, 7);  // added to what is there
      paired.add_all(feats, a.data());
      wide.add_all(feats, b.data());
      for (int c = 0; c < classes; ++c) CHECK(a[c] == b[c]);
    }
  }
}

TEST_CASE("add_int16_rows sums any number of rows of any width as one by one") {
  // Blocks of eight classes, then the last eight masked (or four, then the rest one by one); rows
  // in pairs, an odd one alone.
  std::vector<std::vector<std::int16_t>> rows(9);
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (int c = 0; c < 120; ++c)
      rows[r].push_back(
          static_cast<std::int16_t>((c % 2 ? 1 : -1) * static_cast<int>(32767 - 997 * r - 31 * c)));
  std::vector<const std::int16_t*> ptrs;
  for (const auto& r : rows) ptrs.push_back(r.data());
  // Both ways add_int16_rows() chooses from (the AVX2 one falls back to the
  // other on a CPU without it), and the choice.
  using Add = void (*)(const std::int16_t* const*, std::size_t, std::uint32_t, std::int32_t*);
  for (Add add : {Add{add_int16_rows}, Add{perceptron_detail::add_int16_rows_sse2},
                  Add{perceptron_detail::add_int16_rows_avx2}})
    for (std::uint32_t classes : {1u, 4u, 7u, 8u, 12u, 13u, 17u, 31u, 32u, 45u, 51u, 108u, 120u})
      for (std::size_t n = 0; n <= rows.size(); ++n) {
        std::vector<std::int32_t> got(classes, 3), want(classes, 3);
        add(ptrs.data(), n, classes, got.data());
        for (std::size_t r = 0; r < n; ++r)
          for (std::uint32_t c = 0; c < classes; ++c) want[c] += rows[r][c];
        CHECK(got == want);
      }
}

TEST_CASE("a feature hash continued part by part equals the whole combine()") {
  using features::combine;
  using features::extend;
  const std::uint64_t t = 17, a = 0x1234, b = 99, c = 0xfffffffe, d = 1;
  CHECK(extend(combine(t, a), b, 1) == combine(t, a, b));
  CHECK(extend(extend(combine(t, a), b, 1), c, 2) == combine(t, a, b, c));
  CHECK(extend(combine(t, a, b, c), d, 3) == combine(t, a, b, c, d));
  const parser_detail::Mixer mx;
  CHECK(parser_detail::finish_hash<2>(mx, parser_detail::lead_hash<2>(mx, t, a, b, c), a, b, c) ==
        combine(t, a, b, c));
  CHECK(parser_detail::finish_hash<1>(mx, parser_detail::lead_hash<1>(mx, t, a, b), a, b) ==
        combine(t, a, b));
  // The parser's mixer, its multipliers kept in registers: the same hashes.
  CHECK(mx.combine(t, a) == combine(t, a));
  CHECK(mx.combine(t, a, b) == combine(t, a, b));
  CHECK(mx.extend(combine(t, a, b), c, 2) == combine(t, a, b, c));
}

TEST_CASE("best_of_all: the highest score, the lowest class on ties") {
  const std::int32_t scores[] = {-5, 3, 7, -2, 7, 1};
  CHECK(best_of_all(scores, 6) == 2);
  CHECK(best_of_all(scores, 2) == 1);
  CHECK(best_of_all(scores, 1) == 0);
  const std::int32_t low[] = {-9, -9, -9};
  CHECK(best_of_all(low, 3) == 0);
  constexpr std::int32_t kMin = std::numeric_limits<std::int32_t>::min(),
                         kMax = std::numeric_limits<std::int32_t>::max();
  const std::int32_t extremes[] = {kMin, kMin, kMax, 0, kMax};
  CHECK(best_of_all(extremes, 5) == 2);
  CHECK(best_of_all(extremes, 2) == 0);
  // Against a running argmax, over a tagger's 108 classes with many ties.
  std::uint64_t x = 12345;
  std::vector<std::int32_t> v(108);
  for (int round = 0; round < 2000; ++round) {
    for (auto& s : v) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      s = static_cast<std::int32_t>(x >> 59) - 16;  // -16..15
    }
    const std::size_t n = 1 + static_cast<std::size_t>(round) % v.size();
    int expected = 0;
    for (std::size_t c = 1; c < n; ++c)
      if (v[c] > v[static_cast<std::size_t>(expected)]) expected = static_cast<int>(c);
    REQUIRE(best_of_all(v.data(), n) == expected);
    // Both ways best_of_all() chooses from (the AVX2 one is the plain one on
    // CPUs without AVX2), each length with its own tail block.
    REQUIRE(perceptron_detail::best_of_all_plain(v.data(), n) == expected);
    REQUIRE(perceptron_detail::best_of_all_avx2(v.data(), n) == expected);
  }
  CHECK(perceptron_detail::best_of_all_avx2(extremes, 5) == 2);
  const std::vector<std::int32_t> last_only{kMin, kMin, kMin, kMin, kMin, kMin, kMin, kMin, kMin, kMin, kMax};
  CHECK(perceptron_detail::best_of_all_avx2(last_only.data(), last_only.size()) == 10);
}

TEST_CASE("a three-class table scores the same through its cache, on first and repeated lookups") {
  std::vector<WeightTable::Entry> entries;
  for (std::uint64_t f = 1; f <= 3000; ++f)
    entries.push_back({f * 0x9e3779b97f4a7c15ULL,
                       {{0, 0.5f * static_cast<float>(f % 7)}, {2, -0.25f * static_cast<float>(f % 5)}}});
  entries.push_back({0, {{1, 9.0f}}});  // feature 0 is never stored (it marks empty lines)
  WeightTable t = WeightTable::from_entries(entries, 3);
  WeightTable::Cache cache(t, 10);  // the smallest cache: 256 lines
  // More features than the cache has lines, unknown ones and 0 among them, asked twice.
  std::vector<std::uint64_t> feats{0, 12345};
  for (std::uint64_t f = 1; f <= 3000; f += 1) feats.push_back(f * 0x9e3779b97f4a7c15ULL);
  for (std::uint64_t f = 1; f <= 20000; f += 7) feats.push_back(f * 0xbf58476d1ce4e5b9ULL);
  for (int round = 0; round < 3; ++round) {
    std::int32_t plain[3] = {0, 0, 0}, cached[3] = {0, 0, 0};
    t.add_all(feats, plain);
    t.add_all(feats, cached, cache);
    for (int c = 0; c < 3; ++c) CHECK(plain[c] == cached[c]);
    for (std::size_t i = 0; i < feats.size(); i += 97) {
      std::int32_t one[3] = {0, 0, 0}, one_cached[3] = {0, 0, 0};
      t.add(feats[i], one);
      t.add_all({&feats[i], 1}, one_cached, cache);
      for (int c = 0; c < 3; ++c) CHECK(one[c] == one_cached[c]);
    }
  }
}

TEST_CASE("a three-class table's cache keeps the extreme weights and their signs") {
  // A miss packs the slot's three 16-bit weights straight from its word: the
  // weights at both ends of the range, zero and one, in every class, summed
  // over more than one packed run (32 features), as misses and then as hits.
  std::vector<WeightTable::Entry> entries;
  const float values[] = {100.0f, -100.0f, 0.0f, 100.0f / 32767.0f, -100.0f / 32767.0f, 50.0f, -0.5f};
  std::uint64_t f = 1;
  for (float a : values)
    for (float b : values)
      for (float c : values) {
        WeightTable::Entry e{f++ * 0x9e3779b97f4a7c15ULL, {}};
        for (auto [cls, v] : {std::pair<std::uint16_t, float>{0, a}, {1, b}, {2, c}})
          if (v != 0.0f) e.weights.push_back({cls, v});
        if (!e.weights.empty()) entries.push_back(e);
      }
  WeightTable t = WeightTable::from_entries(entries, 3);
  WeightTable::Cache cache(t, 1000);
  std::vector<std::uint64_t> feats;
  for (std::uint64_t g = 1; g < f + 5; ++g) feats.push_back(g * 0x9e3779b97f4a7c15ULL);
  for (int round = 0; round < 2; ++round) {  // the first sum misses throughout, the rest hit
    std::int32_t plain[3] = {0, 0, 0}, cached[3] = {0, 0, 0};
    t.add_all(feats, plain);
    t.add_all(feats, cached, cache);
    for (int c = 0; c < 3; ++c) CHECK(plain[c] == cached[c]);
    for (std::size_t i = 0; i < feats.size(); ++i) {
      std::int32_t one[3] = {0, 0, 0}, one_cached[3] = {0, 0, 0};
      t.add(feats[i], one);
      t.add_all({&feats[i], 1}, one_cached, cache);
      for (int c = 0; c < 3; ++c) REQUIRE(one[c] == one_cached[c]);
    }
  }
  std::int32_t top[3] = {0, 0, 0};
  t.add(1 * 0x9e3779b97f4a7c15ULL, top);  // the first entry: 100 in every class
  for (int c = 0; c < 3; ++c) CHECK(top[c] == 32767);
}

TEST_CASE("feature extractors append their features after what the vector holds") {
  using namespace parser_detail;
  Words w;
  Parser::Impl::prepare_words(w, 3);
  for (int i = 0; i < 3; ++i) {
    w.word[i] = 100 + static_cast<std::uint64_t>(i);
    w.tag[i] = kFirstTag + static_cast<std::uint32_t>(i);
  }
  State st;
  st.reset(3);
  st.apply(kShift, -1);
  st.apply(kShift, -1);
  st.apply(kRight, 0);
  std::vector<std::uint64_t> feats{7, 8};
  extract(st.view(), w, feats);
  REQUIRE(feats.size() == 2 + kTransitionFeatures);
  CHECK(feats[0] == 7);
  CHECK(feats[1] == 8);
  std::vector<std::uint64_t> alone;
  extract(st.view(), w, alone);
  CHECK(std::equal(alone.begin(), alone.end(), feats.begin() + 2));
  extract_label(st.kids[0], st.kids[1], w, 3, 0, 1, feats);
  CHECK(feats.size() == 2 + kTransitionFeatures + kLabelFeatures);
  // The labeller's shape features and the rest are its features, split.
  std::uint64_t split[kLabelFeatures];
  std::uint64_t* mid = extract_label_parts<kLabelShape>(st.kids[0], st.kids[1], w, 3, 0, 1, split);
  CHECK(mid == split + kLabelShapeFeatures);
  CHECK(extract_label_parts<kLabelRest>(st.kids[0], st.kids[1], w, 3, 0, 1, mid) == split + kLabelFeatures);
  std::vector<std::uint64_t> whole(feats.end() - kLabelFeatures, feats.end());
  std::vector<std::uint64_t> parts(split, split + kLabelFeatures);
  std::sort(whole.begin(), whole.end());
  std::sort(parts.begin(), parts.end());
  CHECK(whole == parts);

  // The tagger's: at most kMaxFeatures per token, whatever fires.
  std::vector<tagger_detail::Word> words(2);
  words[1].amb = tagger_detail::kNoAmb;
  words[1].word_class = 3;
  words[1].flags = 1;
  for (int k = 0; k < 4; ++k) words[1].suffix[k] = 11 + static_cast<std::uint64_t>(k);
  for (int k = 0; k < 3; ++k) words[1].prefix[k] = 21 + static_cast<std::uint64_t>(k);
  std::vector<std::uint64_t> tf{5};
  tagger_detail::extract(words, 1, 4, 2, tf);
  CHECK(tf[0] == 5);
  CHECK(tf.size() == 1 + 51);  // every optional template fired
  CHECK(tf.size() - 1 <= tagger_detail::kMaxFeatures);
}

TEST_CASE("the greedy parser's memo scores every state as all its features do") {
  // Random sentences and random legal transitions: the memo's parts must hold
  // for any arc-hybrid sequence, not only a model's. A stand-in "table" gives
  // each feature weights from its own bits, so a template filed under the
  // wrong part (one that changes while its key does not) shows in the sums.
  using namespace parser_detail;
  auto lookup = [](std::span<const std::uint64_t> feats, std::int32_t* scores) {
    for (std::uint64_t f : feats)
      for (int t = 0; t < kNumTransitions; ++t)
        scores[t] += static_cast<std::int32_t>((f >> (20 * t)) & 0xfff);
  };
  std::uint64_t seed = 12345;
  auto next = [&](std::uint64_t bound) {
    seed = features::finalize(seed + 0x9e3779b97f4a7c15ULL);
    return seed % bound;
  };
  std::size_t states = 0, mismatches = 0;
  for (int sentence = 0; sentence < 200; ++sentence) {
    const int n = 1 + static_cast<int>(next(25));
    Words w;
    Parser::Impl::prepare_words(w, n);
    for (int i = 0; i < n; ++i) {
      w.word[i] = next(8) + 1;  // few distinct values: equal words and tags are common
      w.tag[i] = kFirstTag + static_cast<std::uint32_t>(next(4));
      w.cls[i] = next(3);
      w.amb[i] = next(3);
    }
    State st;
    st.reset(n);
    TransitionMemo memo;
    memo.reset(n);
    std::vector<std::uint64_t> all;
    while (!st.terminal()) {
      std::int32_t memo_scores[kNumTransitions] = {0, 0, 0}, plain[kNumTransitions] = {0, 0, 0};
      memo.score(st.view(), w, memo_scores, lookup);
      all.clear();
      extract(st.view(), w, all);
      lookup(all, plain);
      ++states;
      for (int t = 0; t < kNumTransitions; ++t) mismatches += memo_scores[t] != plain[t];
      std::vector<int> legal;
      if (st.can_shift()) legal.push_back(kShift);
      if (st.can_left()) legal.push_back(kLeft);
      if (st.can_right()) legal.push_back(kRight);
      st.apply(legal[next(legal.size())], static_cast<int>(next(5)));
    }
  }
  CHECK(states > 2000);
  CHECK(mismatches == 0);
}

TEST_CASE("weight tables tell apart features that share their slot, and survive a write and read") {
  // Features equal in their low bits probe the same run of slots; each keeps its own
  // weights, and a feature the table lacks (other top bits) adds nothing.
  const std::uint64_t low = 0x2345;
  std::vector<WeightTable::Entry> entries;
  for (std::uint64_t k = 1; k <= 6; ++k)
    entries.push_back({(k << 48) | low, {{0, static_cast<float>(k)}, {4, -static_cast<float>(k)}}});
  for (std::uint32_t classes : {3u, 5u}) {
    if (classes == 3)
      for (auto& e : entries) e.weights.pop_back();  // class 4 does not exist in a 3-class table
    WeightTable t = WeightTable::from_entries(entries, classes);
    std::string bytes;
    BinaryWriter w(bytes);
    t.write(w);
    BinaryReader r(bytes, "table");
    WeightTable back = WeightTable::read(r);
    std::string again;
    BinaryWriter w2(again);
    back.write(w2);
    CHECK(again == bytes);
    for (std::uint64_t k = 1; k <= 6; ++k) {
      std::int32_t s[5] = {0, 0, 0, 0, 0};
      back.add((k << 48) | low, s);
      // Quantised to 16 bits with one scale: the largest weight (6) maps to 32767.
      CHECK(std::abs(s[0] - 32767.0 * static_cast<double>(k) / 6.0) <= 1.0);
    }
    std::int32_t none[5] = {0, 0, 0, 0, 0};
    back.add((std::uint64_t{9} << 48) | low, none);
    for (std::int32_t v : none) CHECK(v == 0);
  }
}

TEST_CASE("a tagger trained on another model's word classes equals one that clustered them") {
  // What `train pos --word-classes-from` relies on: the classes are all the
  // clustering contributes, so reusing them gives the same model.
  TaggerTrainOptions o = tagger_options();
  for (int i = 0; i < 20; ++i) {
    o.unlabeled.push_back({"the", "cats", "sleep", "."});
    o.unlabeled.push_back({"the", "dogs", "sleep", "."});
  }
  o.word_classes = 4;
  const std::string clustered = train_tagger(tiny(), o, nullptr);
  TaggerTrainOptions reuse = tagger_options();
  reuse.word_classes = 4;
  reuse.known_word_classes = Tagger::from_bytes(clustered, "clustered")->word_classes();
  REQUIRE(!reuse.known_word_classes.empty());
  CHECK(train_tagger(tiny(), reuse, nullptr) == clustered);
}
