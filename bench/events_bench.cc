// Benchmarks of the event stage.
//
//   build/bench/events_bench                                # loading the model only
//   CHRONICLE_DATA=../shared/data build/bench/events_bench  # + event extraction over Reuters-21578 bodies
//
// BM_EventsLoad reads models/events.model. BM_EventsExtract runs
// EventExtractor::extract() over the first 2,000 Reuters bodies, segmented
// (and tagged and parsed when those stages are built) before timing, so the
// figure is the event stage alone: the TimeML classifier on every token, the
// CAMEO lexicon and, with a parse, argument, time and source finding.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bench/reuters.h"
#include "core/model_file.h"
#include "core/segment.h"
#include "extract/events.h"
#include "extract/parser.h"
#include "extract/tagger.h"

using namespace chronicle;

namespace {

// The first `limit` Reuters bodies (bench/reuters.h), segmented, tagged and parsed.
std::vector<Analysis> reuters_docs(std::size_t limit) {
  std::vector<Analysis> out;
  const std::string dir = default_models_dir() + "/";
  auto tagger = Tagger::load(dir + "pos.model");
  auto parser = Parser::load(dir + "parser.model");
  for (auto& story : bench::reuters_stories(limit)) {
    Analysis a;
    a.doc.id = story.id;
    a.doc.text = std::move(story.text);
    a.doc.dct = TimePoint{1987, 3, 1, 0, 0, TimePoint::Granularity::Day};
    segment(a);
    tagger->tag(a);
    parser->parse(a);
    out.push_back(std::move(a));
  }
  return out;
}

void BM_EventsLoad(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(EventExtractor::load(default_models_dir()));
}
BENCHMARK(BM_EventsLoad)->Unit(benchmark::kMillisecond);

void BM_EventsExtract(benchmark::State& state) {
  static const std::vector<Analysis> docs = reuters_docs(2000);
  if (docs.empty()) {
    state.SkipWithError("Reuters-21578 not found (set CHRONICLE_DATA to ../shared/data)");
    return;
  }
  auto ex = EventExtractor::load(default_models_dir());
  std::vector<Analysis> work = docs;  // extract() replaces a.events, so repeating it is fair
  std::size_t tokens = 0, events = 0;
  for (auto _ : state) {
    for (Analysis& a : work) {
      ex->extract(a);
      tokens += a.tokens.size();
      events += a.events.size();
    }
  }
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
  state.counters["events/doc"] = benchmark::Counter(
      static_cast<double>(events) / static_cast<double>(docs.size()), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_EventsExtract)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
