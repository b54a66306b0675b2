// Throughput of the temporal tagger alone (tag_times on raw text, no other
// stage) over the bodies of Reuters-21578 (../shared/data/reuters21578/*.sgm,
// <BODY>...</BODY>), with a DCT per story. Run:
//   build/bench/timex_bench [--benchmark_min_time=2]
// CHRONICLE_DATA names another data folder (bench/reuters.h); without the corpus the benchmark
// says so and is skipped.
//
// Also a development driver until `chronicle extract --input timeml` lands:
//   build/bench/timex_bench --tag-timeml OUTDIR FILE.tml...
// reads each TempEval-3 TimeML file (its DOCID, DCT and the raw TEXT with the
// inline tags stripped), runs tag_times and writes OUTDIR/<name>.tml.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "bench/reuters.h"
#include "core/timeml_writer.h"
#include "extract/timex.h"

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 8) {
      out += s[i];
      continue;
    }
    std::string_view ent = s.substr(i + 1, semi - i - 1);
    if (ent == "amp")
      out += '&';
    else if (ent == "lt")
      out += '<';
    else if (ent == "gt")
      out += '>';
    else if (ent == "quot")
      out += '"';
    else if (ent == "apos")
      out += '\'';
    else {
      out += s.substr(i, semi - i + 1);
    }
    i = semi;
  }
  return out;
}

std::string strip_tags(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') {
      size_t close = s.find('>', i);
      if (close == std::string_view::npos) break;
      i = close;
      continue;
    }
    out += s[i];
  }
  return unescape(out);
}

std::optional<chronicle::TimePoint> parse_value(std::string_view v) {
  chronicle::TimePoint p;
  if (v.size() < 4) return std::nullopt;
  p.year = std::atoi(std::string(v.substr(0, 4)).c_str());
  p.granularity = chronicle::TimePoint::Granularity::Year;
  if (v.size() >= 7) {
    p.month = static_cast<unsigned>(std::atoi(std::string(v.substr(5, 2)).c_str()));
    p.granularity = chronicle::TimePoint::Granularity::Month;
  }
  if (v.size() >= 10) {
    p.day = static_cast<unsigned>(std::atoi(std::string(v.substr(8, 2)).c_str()));
    p.granularity = chronicle::TimePoint::Granularity::Day;
  }
  return p;
}

int tag_timeml(const std::string& outdir, const std::vector<std::string>& files) {
  std::filesystem::create_directories(outdir);
  for (const auto& f : files) {
    const std::string s = read_file(f);
    chronicle::Analysis a;
    auto between = [&](std::string_view open, std::string_view close) -> std::string_view {
      size_t b = s.find(open);
      if (b == std::string::npos) return {};
      b += open.size();
      size_t e = s.find(close, b);
      if (e == std::string::npos) return {};
      return std::string_view(s).substr(b, e - b);
    };
    a.doc.id = strip_tags(between("<DOCID>", "</DOCID>"));
    std::string_view dct = between("<DCT>", "</DCT>");
    size_t vp = dct.find("value=\"");
    if (vp != std::string_view::npos) {
      size_t ve = dct.find('"', vp + 7);
      a.doc.dct = parse_value(dct.substr(vp + 7, ve - vp - 7));
    }
    std::string_view text_open = "<TEXT>";
    a.doc.text = strip_tags(between(text_open, "</TEXT>"));
    chronicle::tag_times(a);
    std::ofstream out(outdir + "/" + std::filesystem::path(f).filename().string(), std::ios::binary);
    out << chronicle::analysis_to_timeml(a);
  }
  return 0;
}

struct Corpus {
  std::vector<std::string> bodies;
  size_t bytes = 0;
};

const Corpus& reuters() {
  static const Corpus c = [] {
    Corpus c;
    for (auto& story : chronicle::bench::reuters_stories()) {
      c.bytes += story.text.size();
      c.bodies.push_back(std::move(story.text));
    }
    return c;
  }();
  return c;
}

void BM_TagTimesReuters(benchmark::State& state) {
  const Corpus& c = reuters();
  if (c.bodies.empty()) {
    state.SkipWithError("Reuters-21578 not found (../shared/data/reuters21578 or $CHRONICLE_DATA): skipped");
    return;
  }
  chronicle::TimePoint dct;
  dct.year = 1987;
  dct.month = 3;
  dct.day = 26;
  size_t times = 0;
  for (auto _ : state) {
    for (const auto& body : c.bodies) {
      chronicle::Analysis a;
      a.doc.text = body;
      a.doc.dct = dct;
      chronicle::tag_times(a);
      times += a.times.size();
      benchmark::DoNotOptimize(a.times.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(c.bytes));
  state.counters["docs"] = static_cast<double>(c.bodies.size());
  state.counters["times_per_pass"] = static_cast<double>(times) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_TagTimesReuters)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::string(argv[1]) == "--tag-timeml") {
    return tag_timeml(argv[2], std::vector<std::string>(argv + 3, argv + argc));
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
