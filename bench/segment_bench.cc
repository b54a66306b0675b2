// Segmentation throughput on Reuters-21578 story bodies (../shared/data/reuters21578).
//
//   build/bench/segment_bench                       # data from <source>/../shared/data
//   CHRONICLE_DATA=/path/to/data build/bench/segment_bench
//
// Reports bytes/s over all <BODY> texts, one thread: segment() building an
// Analysis (Token objects included) and segment_spans() alone. Says so and skips when the
// data is absent (it is not part of the repository).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "bench/reuters.h"
#include "core/segment.h"

namespace {

namespace fs = std::filesystem;

fs::path data_dir() { return chronicle::bench::reuters_dir(); }

// The bodies of every story, in file order (bench/reuters.h).
const std::vector<std::string>& bodies() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> out;
    for (auto& s : chronicle::bench::reuters_stories()) out.push_back(std::move(s.text));
    return out;
  }();
  return all;
}

void BM_SegmentReutersBodies(benchmark::State& state) {
  const auto& docs = bodies();
  if (docs.empty()) {
    state.SkipWithError(
        ("Reuters-21578 not found at " + data_dir().string() + " (set CHRONICLE_DATA); benchmark skipped")
            .c_str());
    return;
  }
  std::size_t bytes = 0, tokens = 0, sentences = 0;
  for (auto _ : state) {
    for (const std::string& body : docs) {
      chronicle::Analysis a;
      a.doc.text = body;
      chronicle::segment(a);
      bytes += body.size();
      tokens += a.tokens.size();
      sentences += a.sentences.size();
      benchmark::DoNotOptimize(a.tokens.data());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.counters["documents"] = static_cast<double>(docs.size());
  state.counters["tokens/iter"] = static_cast<double>(tokens) / static_cast<double>(state.iterations());
  state.counters["sentences/iter"] = static_cast<double>(sentences) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_SegmentReutersBodies)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The segmenter alone: spans into caller-owned scratch, no Token objects.
void BM_SegmentSpansReutersBodies(benchmark::State& state) {
  const auto& docs = bodies();
  if (docs.empty()) {
    state.SkipWithError(
        ("Reuters-21578 not found at " + data_dir().string() + " (set CHRONICLE_DATA); benchmark skipped")
            .c_str());
    return;
  }
  std::vector<chronicle::Document> documents(docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) documents[i].text = docs[i];
  chronicle::Segmentation seg;
  std::size_t bytes = 0;
  for (auto _ : state) {
    for (const chronicle::Document& d : documents) {
      chronicle::segment_spans(d, seg);
      bytes += d.text.size();
      benchmark::DoNotOptimize(seg.tokens.data());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_SegmentSpansReutersBodies)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
