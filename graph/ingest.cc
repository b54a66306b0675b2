#include "graph/ingest.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include "extract/pipeline.h"
#include "graph/builder.h"

namespace chronicle {
namespace {

// A one-slot hand-over between the extracting thread and the writer.
class ChunkQueue {
 public:
  void push(std::vector<ArticleDigest> chunk) {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return q_.size() < 1 || failed_; });
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
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::vector<ArticleDigest>> q_;
  bool closed_ = false, failed_ = false;
};

}  // namespace

IngestStats ingest_files(Store& store, const std::vector<std::string>& inputs, const IngestOptions& o) {
  const auto start = std::chrono::steady_clock::now();
  auto warn = [&](const std::string& w) {
    if (o.warn) o.warn(w);
  };
  std::vector<std::string> files = expand_inputs(inputs);
  PipelineOptions popts;
  popts.models_dir = o.models_dir;
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
  ChunkQueue queue;
  std::exception_ptr writer_error;
  std::thread writer([&] {
    try {
      while (auto chunk = queue.pop()) {
        Store::IngestResult r = store.ingest(*chunk);
        std::lock_guard lock(stats_mutex);
        stats.added += r.added;
        stats.skipped += r.skipped;
      }
    } catch (...) {
      writer_error = std::current_exception();
      queue.fail();
    }
  });

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

  std::vector<Document> docs;
  std::unordered_set<std::string> seen_this_run;
  std::vector<std::string> hashes;
  auto run_chunk = [&] {
    if (docs.empty()) return;
    std::vector<std::optional<ArticleDigest>> out(docs.size());
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> failed{0};
    std::mutex warn_mutex;
    auto work = [&] {
      for (std::size_t i; (i = next++) < docs.size();) {
        try {
          Analysis a = pipeline.run(std::move(docs[i]));
          if (o.on_analysis) o.on_analysis(a);
          out[i] = digest(a);
        } catch (const std::exception& e) {
          ++failed;
          std::lock_guard lock(warn_mutex);
          warn("skipped a document: " + std::string(e.what()));
        }
      }
    };
    unsigned n = std::max(1u, std::min<unsigned>(o.threads, static_cast<unsigned>(docs.size())));
    std::vector<std::thread> workers;
    for (unsigned t = 1; t < n; ++t) workers.emplace_back(work);
    work();
    for (auto& w : workers) w.join();
    std::vector<ArticleDigest> chunk;
    chunk.reserve(out.size());
    for (auto& d : out)
      if (d) chunk.push_back(std::move(*d));
    {
      std::lock_guard lock(stats_mutex);
      stats.failed += failed;
    }
    docs.clear();
    queue.push(std::move(chunk));
  };

  for (const auto& f : files) {
    if (queue.failed()) break;
    std::vector<std::string> warnings;
    std::vector<Document> read;
    try {
      read = read_documents(f, o.format, warnings);
    } catch (const InputError& e) {
      warn(std::string("skipped ") + e.what());
      std::lock_guard lock(stats_mutex);
      ++stats.failed;
    }
    for (const auto& w : warnings) warn(w);
    for (auto& d : read) {
      {
        std::lock_guard lock(stats_mutex);
        ++stats.articles;
      }
      if (o.dct) {
        d.dct = o.dct;
        d.dct_origin = "--dct";
      }
      std::string hash = content_hash(d.text);
      if (!seen_this_run.insert(hash).second || known(hash)) {
        std::lock_guard lock(stats_mutex);
        ++stats.skipped;
        continue;
      }
      docs.push_back(std::move(d));
      if (docs.size() >= o.chunk) {
        run_chunk();
        report();
      }
    }
    std::lock_guard lock(stats_mutex);
    ++stats.files_done;
  }
  if (!queue.failed()) run_chunk();
  queue.close();
  writer.join();
  if (writer_error) std::rethrow_exception(writer_error);
  report();
  IngestStats final_stats = stats;
  final_stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return final_stats;
}

}  // namespace chronicle
