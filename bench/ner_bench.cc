// Recognition speed over Reuters-21578 bodies (one thread): tokens/s of
// EntityRecognizer::recognize on pre-tokenised text (a simple CoNLL-style
// tokeniser, 20 sentences per document), so the figure is the recogniser's
// alone. Skips with a message when ../shared/data or the model is absent.
//
//   build/bench/ner_bench [--benchmark_min_time=2]   (env CHRONICLE_DATA: data folder)
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "core/model_file.h"
#include "extract/ner.h"
#include "extract/ner_lexicon_builder.h"

namespace {

using namespace chronicle;

std::string data_dir() {
  if (const char* d = std::getenv("CHRONICLE_DATA"); d && *d) return d;
  return std::string(CHRONICLE_SOURCE_DIR) + "/../shared/data";
}

std::vector<Analysis> documents(std::size_t max_tokens, std::size_t& tokens) {
  std::vector<Analysis> docs;
  tokens = 0;
  auto sentences = ner::read_reuters_sentences(data_dir() + "/reuters21578");
  for (std::size_t k = 0; k < sentences.size() && tokens < max_tokens; ++k) {
    if (k % 20 == 0) docs.emplace_back();
    Analysis& a = docs.back();
    Sentence s;
    s.first_token = static_cast<std::uint32_t>(a.tokens.size());
    for (const std::string& w : sentences[k]) {
      if (!a.doc.text.empty()) a.doc.text += ' ';
      Token t;
      t.span.start = static_cast<Offset>(a.doc.text.size());
      a.doc.text += w;
      t.span.end = static_cast<Offset>(a.doc.text.size());
      a.tokens.push_back(t);
      ++tokens;
    }
    s.end_token = static_cast<std::uint32_t>(a.tokens.size());
    a.sentences.push_back(s);
  }
  return docs;
}

void BM_Recognize(benchmark::State& state) {
  const std::string model_path = default_models_dir() + "/ner.model";
  if (!std::filesystem::exists(model_path)) {
    state.SkipWithError(("no model at " + model_path).c_str());
    return;
  }
  std::size_t tokens = 0;
  std::vector<Analysis> docs = documents(500000, tokens);
  if (docs.empty()) {
    state.SkipWithError(("Reuters-21578 not found under " + data_dir() + " (set CHRONICLE_DATA)").c_str());
    return;
  }
  auto model = EntityRecognizer::load(model_path);
  std::size_t mentions = 0;
  for (auto _ : state) {
    for (Analysis a : docs) {  // a copy: recognize() appends
      model->recognize(a);
      mentions += a.mentions.size();
    }
  }
  benchmark::DoNotOptimize(mentions);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * tokens));
  state.counters["tokens"] = static_cast<double>(tokens);
}
BENCHMARK(BM_Recognize)->Unit(benchmark::kMillisecond);

void BM_Load(benchmark::State& state) {
  const std::string model_path = default_models_dir() + "/ner.model";
  if (!std::filesystem::exists(model_path)) {
    state.SkipWithError(("no model at " + model_path).c_str());
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(EntityRecognizer::load(model_path));
}
BENCHMARK(BM_Load)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
