// Whole extraction, segmentation through events and the JSON output, one thread,
// with the time of every stage.
//
//   CHRONICLE_DATA=../shared/data build/bench/pipeline_bench [--benchmark_filter=Stages|Long]
//
// BM_PipelineStages runs the stages of Pipeline::run() (extract/pipeline.cc)
// one by one over the first 2,000 Reuters-21578 bodies, then analysis_to_json(),
// and times each with the thread's CPU clock, so the per-stage counters add up
// to the whole: "<stage>_s" is CPU seconds per pass over the 2,000 bodies and
// "tokens/s" the throughput of the whole chain. Reading the SGML is not timed.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <ctime>

#include "bench/reuters.h"
#include "core/json_writer.h"
#include "core/model_file.h"
#include "core/segment.h"
#include "extract/events.h"
#include "extract/knowledge_base.h"
#include "extract/ner.h"
#include "extract/parser.h"
#include "extract/resolve.h"
#include "extract/tagger.h"
#include "extract/timex.h"

using namespace chronicle;

namespace {

// The first `limit` Reuters-21578 bodies as documents (bench/reuters.h).
std::vector<Document> reuters_bodies(std::size_t limit) {
  std::vector<Document> out;
  for (auto& story : bench::reuters_stories(limit)) {
    Document d;
    d.id = story.id;
    d.text = std::move(story.text);
    d.dct = TimePoint{1987, 3, 1, 0, 0, TimePoint::Granularity::Day};
    out.push_back(std::move(d));
  }
  return out;
}

// The shipped models, as Pipeline::load() reads them.
struct Models {
  std::shared_ptr<const Tagger> tagger;
  std::shared_ptr<const Parser> parser;
  std::shared_ptr<const EntityRecognizer> ner;
  std::shared_ptr<const KnowledgeBase> kb;
  std::shared_ptr<const EventExtractor> events;
  static Models load() {
    const std::string dir = default_models_dir() + "/";
    return Models{Tagger::load(dir + "pos.model"), Parser::load(dir + "parser.model"),
                  EntityRecognizer::load(dir + "ner.model"), KnowledgeBase::load(dir + "kb.bin"),
                  EventExtractor::load(default_models_dir())};
  }
};

// CPU time of this thread: the machine is shared, so wall time would measure the neighbours.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

constexpr std::array<const char*, 9> kStages{"segment", "tag",    "parse", "ner", "resolve",
                                             "timex",   "events", "json",  "copy"};

void BM_PipelineStages(benchmark::State& state) {
  static const std::vector<Document> docs = reuters_bodies(2000);
  if (docs.empty()) {
    state.SkipWithError("set CHRONICLE_DATA to ../shared/data for the Reuters-21578 bodies");
    return;
  }
  const Models m = Models::load();
  std::array<double, kStages.size()> spent{};
  std::size_t tokens = 0, passes = 0, json_bytes = 0;
  for (auto _ : state) {
    for (const Document& d : docs) {
      double t0 = thread_cpu_seconds(), t1 = 0;
      auto lap = [&](std::size_t stage) {
        t1 = thread_cpu_seconds();
        spent[stage] += t1 - t0;
        t0 = t1;
      };
      Analysis a;
      a.doc = d;  // the copy is timed apart: Pipeline::run() takes the document by value
      lap(8);
      segment(a);
      lap(0);
      m.tagger->tag(a);
      lap(1);
      m.parser->parse(a);
      lap(2);
      m.ner->recognize(a);
      lap(3);
      resolve_entities(a, *m.kb);
      lap(4);
      tag_times(a);
      lap(5);
      m.events->extract(a);
      lap(6);
      std::string json = analysis_to_json(a, false);
      lap(7);
      json_bytes += json.size();
      tokens += a.tokens.size();
    }
    ++passes;
  }
  double total = 0;
  for (double s : spent) total += s;
  const double p = static_cast<double>(std::max<std::size_t>(passes, 1));
  state.counters["tokens/s"] = static_cast<double>(tokens) / std::max(total, 1e-9);
  state.counters["tokens/pass"] = static_cast<double>(tokens) / p;
  state.counters["json_MB/pass"] = static_cast<double>(json_bytes) / p / 1e6;
  for (std::size_t i = 0; i < kStages.size(); ++i)
    state.counters[std::string(kStages[i]) + "_s"] = spent[i] / p;
  double no_parse = total - spent[2];
  state.counters["tokens/s_without_parse"] = static_cast<double>(tokens) / std::max(no_parse, 1e-9);
}
BENCHMARK(BM_PipelineStages)->Unit(benchmark::kMillisecond)->Iterations(1);

// The first N bodies joined into one document (a long report, a book chapter): the
// whole chain must stay linear in the document's length, so tokens/s should match
// BM_PipelineStages' whatever N. Before stop 13 events and entity resolution had
// loops over every mention or event per mention or event (quadratic).
void BM_LongDocument(benchmark::State& state) {
  const std::vector<Document> docs = reuters_bodies(static_cast<std::size_t>(state.range(0)));
  if (docs.empty()) {
    state.SkipWithError("set CHRONICLE_DATA to ../shared/data for the Reuters-21578 bodies");
    return;
  }
  Document joined = docs.front();
  joined.id = "joined";
  for (std::size_t i = 1; i < docs.size(); ++i) joined.text += "\n\n" + docs[i].text;
  const Models m = Models::load();
  std::size_t tokens = 0;
  double spent = 0;
  for (auto _ : state) {
    const double t0 = thread_cpu_seconds();
    Analysis a;
    a.doc = joined;
    segment(a);
    m.tagger->tag(a);
    m.parser->parse(a);
    m.ner->recognize(a);
    resolve_entities(a, *m.kb);
    tag_times(a);
    m.events->extract(a);
    benchmark::DoNotOptimize(analysis_to_json(a, false));
    spent += thread_cpu_seconds() - t0;
    tokens += a.tokens.size();
  }
  state.counters["tokens/s"] = static_cast<double>(tokens) / std::max(spent, 1e-9);
  state.counters["MB"] = static_cast<double>(joined.text.size()) / 1e6;
}
BENCHMARK(BM_LongDocument)->Arg(100)->Arg(1500)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
