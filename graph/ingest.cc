#include "graph/ingest.h"

#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>
#include <utility>

#include "extract/pipeline.h"
#include "graph/builder.h"

namespace chronicle {
namespace {

// A bounded hand-over between the extracting thread and the writer. While the writer
// merges a transaction's chunks it takes no new ones; room for as many chunks as a
// transaction holds keeps the extraction going meanwhile (with a single slot it
// stalled once per commit).
class ChunkQueue {
 public:
  explicit ChunkQueue(std::size_t capacity) : capacity_(std::max<std::size_t>(1, capacity)) {}
  void push(std::vector<ArticleDigest> chunk) {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return q_.size() < capacity_ || failed_; });
    if (failed_) return;
    q_.push_back(std::move(chunk));
    cv_.notify_all();
  }
  std::optional<std::vector<ArticleDigest>> pop() {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return !q_.empty() || closed_; });
    if (q_.empty()) return std::nullopt;
    auto c = std::move(q_.front());
    q_.pop_front();
    cv_.notify_all();
    return c;
  }
  void close() {
    std::lock_guard lock(m_);
    closed_ = true;
    cv_.notify_all();
  }
  void fail() {
    std::lock_guard lock(m_);
    failed_ = true;
    cv_.notify_all();
  }
  bool failed() {
    std::lock_guard lock(m_);
    return failed_;
  }

 private:
  const std::size_t capacity_;
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::vector<ArticleDigest>> q_;
  bool closed_ = false, failed_ = false;
};

// A chunk of documents being extracted, and its results in input order.
struct Job {
  std::vector<Document> docs;
  // content_hash() of each document's text, taken when it was read (the duplicate test):
  // digest() keeps it instead of hashing the whole text again.
  std::vector<std::string> hashes;
  std::vector<std::optional<ArticleDigest>> out;
  std::size_t next = 0, done = 0;  // guarded by the pool's mutex
};

// Extraction workers that take documents one at a time from the oldest chunk with work
// left: a worker done with its share of one chunk goes on with the next, and the
// workers go on while the calling thread reads the next chunk, so no core waits at a
// chunk's end for the slowest article or for the reading.
class ExtractPool {
 public:
  // Each worker passes its own PipelineScratch, kept across its documents.
  using Work = std::function<void(Document&, std::string&, std::optional<ArticleDigest>&, PipelineScratch&)>;
  ExtractPool(unsigned threads, Work work) : work_(std::move(work)) {
    for (unsigned t = 0; t < std::max(1u, threads); ++t) workers_.emplace_back([this] { run(); });
  }
  ~ExtractPool() {
    {
      std::lock_guard lock(m_);
      closed_ = true;
    }
    cv_.notify_all();
    for (auto& w : workers_) w.join();
  }
  void submit(const std::shared_ptr<Job>& job) {
    job->out.resize(job->docs.size());
    {
      std::lock_guard lock(m_);
      jobs_.push_back(job);
    }
    cv_.notify_all();
  }
  // Blocks until every document of `job` is done.
  void wait(const Job& job) {
    std::unique_lock lock(m_);
    done_cv_.wait(lock, [&] { return job.done == job.docs.size(); });
  }

 private:
  void run() {
    PipelineScratch scratch;
    std::unique_lock lock(m_);
    while (true) {
      cv_.wait(lock, [&] { return closed_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // closed, nothing left
      std::shared_ptr<Job> job = jobs_.front();
      const std::size_t i = job->next++;
      if (job->next >= job->docs.size()) jobs_.pop_front();  // every document taken
      lock.unlock();
      work_(job->docs[i], job->hashes[i], job->out[i], scratch);
      lock.lock();
      if (++job->done == job->docs.size()) done_cv_.notify_all();
    }
  }

  Work work_;
  std::mutex m_;
  std::condition_variable cv_, done_cv_;
  std::deque<std::shared_ptr<Job>> jobs_;  // with documents not yet taken
  bool closed_ = false;
  std::vector<std::thread> workers_;
};

// This thread's CPU time: with more threads than cores, wall time would blame a
// step for the time it spent waiting for a core.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

IngestStats ingest_files(Store& store, const std::vector<std::string>& inputs, const IngestOptions& o) {
  const auto start = std::chrono::steady_clock::now();
  auto warn = [&](const std::string& w) {
    if (o.warn) o.warn(w);
  };
  std::vector<std::string> files = expand_inputs(inputs);
  PipelineOptions popts;
  popts.models_dir = o.models_dir;
  // The store keeps what digest() keeps; an on_analysis caller sees whole analyses.
  popts.graph_only = !o.on_analysis;
  const Pipeline pipeline = Pipeline::load(popts);

  // A second connection answers "already stored?" while the writer works (WAL readers do not block).
  std::optional<Store> reader;
  if (store.path() != ":memory:") {
    StoreOptions ro;
    ro.create = false;
    reader.emplace(store.path(), ro);
  }
  auto known = [&](const std::string& hash) {
    return reader ? reader->has_content(hash) : store.has_content(hash);
  };

  std::mutex stats_mutex;
  IngestStats stats;
  stats.files_total = files.size();
  ChunkQueue queue(o.chunks_per_commit);
  std::exception_ptr writer_error;
  std::thread writer([&] {
    try {
      // Several chunks to a transaction: a commit writes every page the merge dirtied,
      // and on a large store the random-keyed indices (event keys and signatures) have
      // most of their pages dirtied by any one chunk, so fewer commits write far less.
      std::vector<ArticleDigest> pending;
      std::size_t pending_chunks = 0;
      auto commit = [&] {
        if (pending.empty()) return;
        const double t0 = thread_cpu_seconds();
        Store::IngestResult r = store.ingest(pending);
        const double t1 = thread_cpu_seconds();
        pending.clear();
        pending_chunks = 0;
        std::lock_guard lock(stats_mutex);
        stats.added += r.added;
        stats.skipped += r.skipped;
        stats.store_cpu += t1 - t0;
      };
      while (auto chunk = queue.pop()) {
        std::move(chunk->begin(), chunk->end(), std::back_inserter(pending));
        if (++pending_chunks >= std::max<std::size_t>(1, o.chunks_per_commit)) commit();
      }
      commit();
    } catch (...) {
      writer_error = std::current_exception();
      queue.fail();
    }
  });

  // Should reading or the store's lookups throw past this point, the writer still finishes:
  // it commits the chunks it already holds and is joined, instead of std::terminate for a
  // joinable thread (nothing committed is lost either way).
  struct FinishWriter {
    ChunkQueue& queue;
    std::thread& writer;
    ~FinishWriter() {
      if (!writer.joinable()) return;
      queue.close();
      writer.join();
    }
  } finish_writer{queue, writer};

  auto report = [&] {
    if (!o.progress) return;
    IngestProgress p;
    {
      std::lock_guard lock(stats_mutex);
      p = stats;
    }
    p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    o.progress(p);
  };

  std::mutex warn_mutex;
  ExtractPool pool(o.threads, [&](Document& doc, std::string& hash, std::optional<ArticleDigest>& out,
                                  PipelineScratch& scratch) {
    try {
      const double t0 = thread_cpu_seconds();
      Analysis a = pipeline.run(std::move(doc), scratch);
      const double t1 = thread_cpu_seconds();
      if (o.on_analysis) o.on_analysis(a);
      const double t2 = thread_cpu_seconds();
      out = digest(a, std::move(hash));
      const double t3 = thread_cpu_seconds();
      std::lock_guard lock(stats_mutex);
      stats.extract_cpu += t1 - t0;
      stats.digest_cpu += t3 - t2;
    } catch (const std::exception& e) {
      {
        std::lock_guard lock(stats_mutex);
        ++stats.failed;
      }
      std::lock_guard lock(warn_mutex);
      warn("skipped a document: " + std::string(e.what()));
    }
  });

  std::vector<Document> docs;
  std::unordered_set<std::string> seen_this_run;
  std::vector<std::string> hashes;
  // Chunks handed to the pool, oldest first; they go to the writer in this order.
  std::deque<std::shared_ptr<Job>> in_flight;
  auto finish_oldest = [&] {
    std::shared_ptr<Job> job = std::move(in_flight.front());
    in_flight.pop_front();
    pool.wait(*job);
    std::vector<ArticleDigest> chunk;
    chunk.reserve(job->out.size());
    for (auto& d : job->out)
      if (d) chunk.push_back(std::move(*d));
    job.reset();
    const auto t0 = std::chrono::steady_clock::now();
    queue.push(std::move(chunk));
    const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    {
      std::lock_guard lock(stats_mutex);
      stats.store_wait += waited;
    }
    report();
  };
  // Hands the documents read so far to the pool; while it works on them, the caller reads the
  // next chunk (two chunks in flight keep every worker busy).
  auto run_chunk = [&] {
    if (docs.empty()) return;
    auto job = std::make_shared<Job>();
    job->docs = std::move(docs);
    job->hashes = std::move(hashes);
    docs.clear();
    hashes.clear();
    pool.submit(job);
    in_flight.push_back(std::move(job));
    while (in_flight.size() > 1) finish_oldest();
  };

  auto add = [&](Document& d, double& read_cpu) {
    const double t0 = thread_cpu_seconds();
    if (o.dct) {
      d.dct = o.dct;
      d.dct_origin = "--dct";
    }
    std::string hash = content_hash(d.text);
    const bool skip = !seen_this_run.insert(hash).second || known(hash);
    read_cpu += thread_cpu_seconds() - t0;
    {
      std::lock_guard lock(stats_mutex);
      ++stats.articles;
      stats.read_cpu += std::exchange(read_cpu, 0.0);
      if (skip) ++stats.skipped;
    }
    if (skip) return;
    docs.push_back(std::move(d));
    hashes.push_back(std::move(hash));
    if (docs.size() >= o.chunk) run_chunk();
  };

  for (const auto& f : files) {
    if (queue.failed()) break;
    // A file is read a chunk at a time: one JSONL file of any size holds one chunk in memory.
    std::vector<std::string> warnings;
    double read_cpu = 0;
    try {
      double t0 = thread_cpu_seconds();
      DocumentStream in(f, o.format);
      while (!queue.failed()) {
        std::vector<Document> read = in.next(o.chunk, warnings);
        read_cpu += thread_cpu_seconds() - t0;
        for (const auto& w : warnings) warn(w);
        warnings.clear();
        if (read.empty()) break;
        for (auto& d : read) add(d, read_cpu);
        t0 = thread_cpu_seconds();
      }
    } catch (const InputError& e) {
      for (const auto& w : warnings) warn(w);
      warn(std::string("skipped ") + e.what());
      std::lock_guard lock(stats_mutex);
      ++stats.failed;
    }
    std::lock_guard lock(stats_mutex);
    stats.read_cpu += read_cpu;
    ++stats.files_done;
  }
  if (!queue.failed()) run_chunk();
  while (!in_flight.empty()) finish_oldest();
  queue.close();
  writer.join();
  if (writer_error) std::rethrow_exception(writer_error);
  report();
  IngestStats final_stats = stats;
  final_stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return final_stats;
}

}  // namespace chronicle
