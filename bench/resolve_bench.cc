// Benchmarks of the knowledge base and entity resolution.
//
//   build/bench/resolve_bench                        # sample article only
//   CHRONICLE_DATA=../shared/data build/bench/resolve_bench   # + Reuters-21578 bodies
//
// BM_KbLoad maps and validates models/kb.bin. BM_Resolve* run resolve_entities()
// over documents whose mentions come from a stand-in recogniser (runs of
// capitalised tokens, typed by a fixed rule) made before timing, so the figure is
// resolution alone; the recogniser has its own benchmark.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bench/reuters.h"
#include "core/model_file.h"
#include "extract/resolve.h"

using namespace chronicle;

namespace {

std::string kb_path() { return default_models_dir() + "/kb.bin"; }

bool word_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Tokens, sentences (at . ? ! and line breaks) and stand-in name mentions.
Analysis prepare(std::string text, std::string id) {
  Analysis a;
  a.doc.id = std::move(id);
  a.doc.text = std::move(text);
  a.doc.dct = TimePoint{1987, 3, 1, 0, 0, TimePoint::Granularity::Day};
  const std::string& s = a.doc.text;
  Sentence sent;
  auto close = [&] {
    sent.end_token = static_cast<std::uint32_t>(a.tokens.size());
    if (sent.end_token > sent.first_token) a.sentences.push_back(sent);
    sent = Sentence{};
    sent.first_token = static_cast<std::uint32_t>(a.tokens.size());
  };
  for (std::size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '\n') close();
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    if (c == '\'' && j < s.size() && s[j] == 's')
      ++j;
    else if (word_char(c))
      while (j < s.size() && word_char(s[j])) ++j;
    Token t;
    t.span = {static_cast<Offset>(i), static_cast<Offset>(j)};
    a.tokens.push_back(t);
    if (c == '.' || c == '?' || c == '!') close();
    i = j;
  }
  close();
  static const char* kTypes[] = {"GPE", "PERSON", "ORGANIZATION"};
  for (std::uint32_t t = 0; t < a.tokens.size();) {
    std::string_view w = a.text(a.tokens[t]);
    if (w.empty() || w[0] < 'A' || w[0] > 'Z') {
      ++t;
      continue;
    }
    std::uint32_t e = t + 1;
    while (e < a.tokens.size() && e - t < 4) {
      std::string_view x = a.text(a.tokens[e]);
      if (x.empty() || x[0] < 'A' || x[0] > 'Z') break;
      ++e;
    }
    Mention m;
    m.first_token = t;
    m.end_token = e;
    m.span = {a.tokens[t].span.start, a.tokens[e - 1].span.end};
    m.type = kTypes[std::min<std::uint32_t>(e - t, 3) - 1];
    a.mentions.push_back(m);
    t = e;
  }
  return a;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Reuters-21578 bodies (bench/reuters.h), or nothing when the corpus is absent.
std::vector<Analysis> reuters() {
  std::vector<Analysis> docs;
  for (auto& story : bench::reuters_stories()) docs.push_back(prepare(std::move(story.text), story.id));
  return docs;
}

void BM_KbLoad(benchmark::State& state) {
  for (auto _ : state) {
    auto kb = KnowledgeBase::load(kb_path());
    benchmark::DoNotOptimize(kb->size());
  }
}
BENCHMARK(BM_KbLoad)->Unit(benchmark::kMillisecond);

void run_resolve(benchmark::State& state, const std::vector<Analysis>& docs) {
  auto kb = KnowledgeBase::load(kb_path());
  std::size_t tokens = 0;
  for (const Analysis& a : docs) tokens += a.tokens.size();
  if (docs.empty()) {
    state.SkipWithError("corpus not found (set CHRONICLE_DATA to the shared data folder)");
    return;
  }
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<Analysis> work = docs;
    state.ResumeTiming();
    for (Analysis& a : work) resolve_entities(a, *kb);
    benchmark::DoNotOptimize(work.data());
  }
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["docs"] = static_cast<double>(docs.size());
}

void BM_ResolveSample(benchmark::State& state) {
  std::vector<Analysis> docs;
  docs.push_back(
      prepare(read_file(std::string(CHRONICLE_SOURCE_DIR) + "/samples/aleppo-2016-12-15.txt"), "sample"));
  run_resolve(state, docs);
}
BENCHMARK(BM_ResolveSample)->Unit(benchmark::kMicrosecond);

void BM_ResolveReuters(benchmark::State& state) {
  static const std::vector<Analysis> docs = reuters();
  run_resolve(state, docs);
}
BENCHMARK(BM_ResolveReuters)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
