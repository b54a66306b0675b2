// Store throughput and query latency on synthetic articles shaped like news
// (20 entities and 8 events per article over a Zipf-like vocabulary), so the
// store is measured apart from extraction; and the store alone on real digests:
// the first 2,000 Reuters-21578 stories, extracted before timing
// (CHRONICLE_DATA=../shared/data). The figures go to docs/BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "bench/reuters.h"
#include "core/io.h"
#include "extract/pipeline.h"
#include "graph/builder.h"
#include "graph/query.h"
#include "graph/store.h"

using namespace chronicle;

namespace {

const char* kFirst[] = {"John", "Mary", "James", "Anna", "Peter", "Paul", "Laura", "Ivan", "Ali", "Chen"};
const char* kVerbs[] = {"meet",   "attack", "sign", "visit", "accuse",
                        "arrest", "buy",    "sell", "warn",  "praise"};
const char* kCameo[] = {"036", "190", "057", "042", "112", "173", "061", "061", "130", "051"};

Analysis synthetic(int n, std::mt19937& rng) {
  Analysis a;
  a.doc.id = "syn-" + std::to_string(n);
  a.doc.source = "https://example.org/" + a.doc.id;
  TimePoint t;
  t.year = 1987;
  t.month = 1 + static_cast<unsigned>(n % 12);
  t.day = 1 + static_cast<unsigned>(n % 28);
  a.doc.dct = t;
  // Skewed choice: a few entities appear everywhere, most rarely.
  auto zipf = [&](int size) {
    std::uniform_real_distribution<double> u(0, 1);
    return static_cast<int>(std::pow(u(rng), 3.0) * size);
  };
  for (int s = 0; s < 8; ++s) {
    Sentence sent;
    sent.span.start = static_cast<Offset>(a.doc.text.size());
    a.doc.text +=
        "Sentence " + std::to_string(s) + " of article " + std::to_string(n) + " tells what happened.";
    sent.span.end = static_cast<Offset>(a.doc.text.size());
    a.doc.text += " ";
    a.sentences.push_back(sent);
  }
  for (int e = 0; e < 20; ++e) {
    Entity ent;
    int k = zipf(e < 8 ? 3000 : 800);
    if (e < 8) {
      ent.type = "PERSON";
      ent.name = std::string(kFirst[k % 10]) + " Surname" + std::to_string(k);
    } else if (e < 14) {
      ent.type = "ORGANIZATION";
      ent.name = "Company " + std::to_string(k);
    } else {
      ent.type = "GPE";
      ent.name = "City " + std::to_string(k);
      if (e > 14) ent.part_of = 14;
    }
    a.entities.push_back(ent);
  }
  for (int v = 0; v < 8; ++v) {
    Event ev;
    int verb = zipf(10);
    ev.lemma = kVerbs[verb];
    ev.cameo = kCameo[verb];
    ev.sentence = static_cast<std::uint32_t>(v);
    ev.span = {a.sentences[static_cast<std::size_t>(v)].span.start,
               a.sentences[static_cast<std::size_t>(v)].span.start + 8};
    ev.arguments.push_back({"agent", zipf(8), -1});
    ev.arguments.push_back({"patient", 8 + zipf(6), -1});
    ev.arguments.push_back({"location", 14 + zipf(6), -1});
    TimeExpr tx;
    tx.value = "1987-" + std::string(t.month < 10 ? "0" : "") + std::to_string(t.month);
    a.times.push_back(tx);
    ev.time = static_cast<int>(a.times.size()) - 1;
    a.events.push_back(ev);
  }
  return a;
}

std::string temp_db(const std::string& name) {
  auto p = (std::filesystem::temp_directory_path() / name).string();
  for (auto s : {"", "-wal", "-shm"}) std::filesystem::remove(p + s);
  return p;
}

// 256 articles per transaction, as `chronicle ingest` commits them.
void ingest_in_chunks(Store& store, const std::vector<ArticleDigest>& digests) {
  for (std::size_t i = 0; i < digests.size(); i += 256) {
    std::vector<ArticleDigest> chunk(digests.begin() + static_cast<long>(i),
                                     digests.begin() + static_cast<long>(std::min(digests.size(), i + 256)));
    store.ingest(chunk);
  }
}

void BM_StoreIngest(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  std::mt19937 rng(42);
  std::vector<ArticleDigest> digests;
  for (int i = 0; i < n; ++i) digests.push_back(digest(synthetic(i, rng)));
  for (auto _ : state) {
    state.PauseTiming();
    std::string path = temp_db("chronicle_bench_ingest.db");
    Store store(path);
    state.ResumeTiming();
    ingest_in_chunks(store, digests);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_StoreIngest)->Arg(5000)->Unit(benchmark::kMillisecond)->Iterations(1);

// Merging real articles: the digests of the first 2,000 Reuters stories (extraction
// is done once, before timing), 256 per transaction as `chronicle ingest` does.
void BM_StoreIngestReuters(benchmark::State& state) {
  static const std::vector<ArticleDigest> digests = [] {
    std::vector<ArticleDigest> out;
    const auto stories = bench::reuters_stories(2000);
    if (stories.empty()) return out;
    const Pipeline pipeline = Pipeline::load(PipelineOptions{});
    for (const auto& s : stories) {
      Document d;
      d.id = s.id;
      d.title = s.title;
      d.text = s.text;
      d.dct = parse_date_time(s.dct);
      out.push_back(digest(pipeline.run(std::move(d))));
    }
    return out;
  }();
  if (digests.empty()) {
    state.SkipWithError("Reuters-21578 not found (set CHRONICLE_DATA to ../shared/data)");
    return;
  }
  for (auto _ : state) {
    state.PauseTiming();
    std::string path = temp_db("chronicle_bench_reuters.db");
    Store store(path);
    state.ResumeTiming();
    ingest_in_chunks(store, digests);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(digests.size()));
}
BENCHMARK(BM_StoreIngestReuters)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_Digest(benchmark::State& state) {
  std::mt19937 rng(42);
  std::vector<Analysis> as;
  for (int i = 0; i < 256; ++i) as.push_back(synthetic(i, rng));
  for (auto _ : state)
    for (const auto& a : as) benchmark::DoNotOptimize(digest(a));
  state.SetItemsProcessed(state.iterations() * 256);
}
BENCHMARK(BM_Digest)->Unit(benchmark::kMillisecond);

// Who-did-what on a store of 20,000 synthetic articles.
const Store& big_store() {
  static Store* store = [] {
    std::string path = temp_db("chronicle_bench_query.db");
    auto* s = new Store(path);
    std::mt19937 rng(7);
    std::vector<ArticleDigest> chunk;
    for (int i = 0; i < 20000; ++i) {
      chunk.push_back(digest(synthetic(i, rng)));
      if (chunk.size() == 512) {
        s->ingest(chunk);
        chunk.clear();
      }
    }
    s->ingest(chunk);
    return s;
  }();
  return *store;
}

void BM_WhoDidWhatActor(benchmark::State& state) {
  const Store& s = big_store();
  EventQuery q;
  q.actor = "Surname17";
  std::size_t rows = 0;
  for (auto _ : state) rows = who_did_what(s, q).size();
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_WhoDidWhatActor)->Unit(benchmark::kMillisecond);

void BM_WhoDidWhatPlaceTime(benchmark::State& state) {
  const Store& s = big_store();
  EventQuery q;
  q.place = "City 3";
  q.from = "1987-03";
  q.to = "1987-04";
  std::size_t rows = 0;
  for (auto _ : state) rows = who_did_what(s, q).size();
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_WhoDidWhatPlaceTime)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
