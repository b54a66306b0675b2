// Exporters on generated graphs: the timeline drawing at 500 and 5,000 events, GraphML and
// Cytoscape JSON of a 20,000-event graph, and the in-process Graphviz layout of 40 actors.
#include <benchmark/benchmark.h>

#include <sstream>

#include "export/exporter.h"
#include "tests/export/sample_graph.h"

namespace {

void run(benchmark::State& state, const chronicle::KnowledgeGraph& g, const char* format,
         const chronicle::ExportOptions& o = {}) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::ostringstream out;
    chronicle::write_export(g, format, out, o);
    bytes = out.str().size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(state.range(0)) * state.iterations(),
                                                  benchmark::Counter::kIsRate);
}

void BM_TimelineSvg(benchmark::State& state) {
  auto g = chronicle::testing::big_graph(static_cast<int>(state.range(0)), 40, 12);
  run(state, g, "timeline-svg");
}
BENCHMARK(BM_TimelineSvg)->Arg(500)->Arg(5000)->Unit(benchmark::kMillisecond);

void BM_GraphML(benchmark::State& state) {
  auto g = chronicle::testing::big_graph(static_cast<int>(state.range(0)), 400, 12);
  run(state, g, "graphml");
}
BENCHMARK(BM_GraphML)->Arg(20000)->Unit(benchmark::kMillisecond);

void BM_Cytoscape(benchmark::State& state) {
  auto g = chronicle::testing::big_graph(static_cast<int>(state.range(0)), 400, 12);
  run(state, g, "json");
}
BENCHMARK(BM_Cytoscape)->Arg(20000)->Unit(benchmark::kMillisecond);

void BM_GraphSvgTop40(benchmark::State& state) {
  auto g = chronicle::testing::big_graph(static_cast<int>(state.range(0)), 400, 12);
  chronicle::ExportOptions o;
  o.top_actors = 40;
  run(state, g, "svg", o);
}
BENCHMARK(BM_GraphSvgTop40)->Arg(2000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
