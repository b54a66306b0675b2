// Throughput of tagging + lemmatising + parsing on Reuters-21578 bodies, one
// thread, tokens as a simple whitespace/punctuation splitter gives them (the
// time of segmentation is not counted). Needs ../shared/data/reuters21578 and
// the shipped models; says so and skips when they are absent.
//
//   CHRONICLE_DATA=../shared/data build/bench/syntax_bench   (default: <source>/../shared/data)
//
// BM_TagParseReuters parses with the model's own beam width; BM_TagParseBeamReuters/2000/W
// with a beam of W (the model as loaded, whatever width it was trained for:
// the cost of a width, not the accuracy). CHRONICLE_MODELS picks another models folder.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "bench/reuters.h"
#include "core/model_file.h"
#include "extract/parser.h"
#include "extract/tagger.h"

namespace {

using namespace chronicle;

bool is_word_char(unsigned char c) { return std::isalnum(c) || c >= 0x80 || c == '\'' || c == '-'; }

// Whitespace and punctuation splitting; a sentence ends after . ! ? tokens
// and at blank lines.
Analysis tokenize(std::string text) {
  Analysis a;
  a.doc.text = std::move(text);
  const std::string& t = a.doc.text;
  Sentence cur;
  auto close = [&] {
    cur.end_token = static_cast<std::uint32_t>(a.tokens.size());
    if (cur.end_token > cur.first_token) a.sentences.push_back(cur);
    cur.first_token = cur.end_token;
  };
  std::size_t i = 0;
  while (i < t.size()) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (std::isspace(c)) {
      if (c == '\n' && i + 1 < t.size() && t[i + 1] == '\n') close();
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    if (is_word_char(c)) {
      while (j < t.size() && (is_word_char(static_cast<unsigned char>(t[j])) ||
                              ((t[j] == '.' || t[j] == ',') && j + 1 < t.size() &&
                               std::isdigit(static_cast<unsigned char>(t[j + 1])))))
        ++j;
    }
    Token tok;
    tok.span = Span{static_cast<Offset>(i), static_cast<Offset>(j)};
    a.tokens.push_back(tok);
    if (c == '.' || c == '!' || c == '?') close();
    i = j;
  }
  close();
  return a;
}

std::vector<Analysis> load_reuters(std::size_t max_docs) {
  std::vector<Analysis> docs;
  for (auto& story : bench::reuters_stories(max_docs)) docs.push_back(tokenize(std::move(story.text)));
  return docs;
}

// Tag + parse of the first state.range(0) Reuters stories; `width` 0 parses with the model's
// own beam width.
void tag_parse_reuters(benchmark::State& state, int width) {
  const std::string models = default_models_dir();
  if (!std::filesystem::exists(models + "/pos.model") || !std::filesystem::exists(models + "/parser.model")) {
    state.SkipWithError("models/pos.model or models/parser.model missing");
    return;
  }
  static std::vector<Analysis> docs = load_reuters(static_cast<std::size_t>(state.range(0)));
  if (docs.empty()) {
    state.SkipWithError("../shared/data/reuters21578 not found");
    return;
  }
  auto tagger = Tagger::load(models + "/pos.model");
  auto parser = Parser::load(models + "/parser.model");
  std::size_t tokens = 0;
  for (auto& d : docs) tokens += d.tokens.size();
  for (auto _ : state) {
    for (auto& d : docs) {
      tagger->tag(d);
      if (width > 0)
        parser->parse(d, width);
      else
        parser->parse(d);
    }
    benchmark::DoNotOptimize(docs.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * tokens));
  state.counters["tokens"] = static_cast<double>(tokens);
  state.counters["docs"] = static_cast<double>(docs.size());
}

void BM_TagParseReuters(benchmark::State& state) { tag_parse_reuters(state, 0); }
BENCHMARK(BM_TagParseReuters)->Arg(2000)->Unit(benchmark::kMillisecond);

void BM_TagParseBeamReuters(benchmark::State& state) {
  tag_parse_reuters(state, static_cast<int>(state.range(1)));
}
BENCHMARK(BM_TagParseBeamReuters)
    ->Args({2000, 1})
    ->Args({2000, 2})
    ->Args({2000, 4})
    ->Args({2000, 8})
    ->Unit(benchmark::kMillisecond);

void BM_TagReuters(benchmark::State& state) {
  const std::string models = default_models_dir();
  if (!std::filesystem::exists(models + "/pos.model")) {
    state.SkipWithError("models/pos.model missing");
    return;
  }
  static std::vector<Analysis> docs = load_reuters(static_cast<std::size_t>(state.range(0)));
  if (docs.empty()) {
    state.SkipWithError("../shared/data/reuters21578 not found");
    return;
  }
  auto tagger = Tagger::load(models + "/pos.model");
  std::size_t tokens = 0;
  for (auto& d : docs) tokens += d.tokens.size();
  for (auto _ : state) {
    for (auto& d : docs) tagger->tag(d);
    benchmark::DoNotOptimize(docs.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * tokens));
}
BENCHMARK(BM_TagReuters)->Arg(2000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
