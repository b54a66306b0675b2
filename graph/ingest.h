// Ingesting files into the store: read, extract on several threads, merge on one.
//
//   Store store("chronicle.db");
//   IngestOptions o;  o.threads = 2;
//   IngestStats s = ingest_files(store, {"samples/"}, o);
//
// Files are read in the order expand_inputs gives; documents are extracted in
// chunks by `threads` workers (Pipeline::run is const and shared; a worker takes one
// document at a time and goes on with the next chunk while the caller reads another)
// while a single writer thread merges the previous chunks into the store, one
// transaction per `chunks_per_commit` chunks, in input order, so the result does not
// depend on the thread count.
// Articles already stored (same content hash) are skipped before extraction.
// Memory holds at most three chunks of documents (two being extracted, one being
// read: a JSONL file is read a chunk at a time, core/io.h DocumentStream) and
// 2 x `chunks_per_commit` chunks of digests, a few KiB per article.
//
// Errors: an unreadable file or a document the pipeline rejects is a warning
// (reported through `warn`, counted in `failed`); a store error stops the ingest
// with StoreError, leaving every earlier transaction committed.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/io.h"
#include "graph/store.h"

namespace chronicle {

struct IngestProgress {
  std::size_t files_done = 0, files_total = 0;
  std::size_t articles = 0;  // documents read so far
  std::size_t added = 0, skipped = 0, failed = 0;
  double seconds = 0;
  // CPU seconds by step, summed over threads, so that the cost of the store can be told
  // apart from extraction: reading and hashing the input, the pipeline, turning analyses
  // into digests, and merging into the store (the writer thread).
  double read_cpu = 0, extract_cpu = 0, digest_cpu = 0, store_cpu = 0;
  // Wall seconds the extraction waited for the writer to take a chunk (the store was the
  // bottleneck then).
  double store_wait = 0;
};

struct IngestOptions {
  InputFormat format = InputFormat::Auto;
  std::string models_dir;        // empty: default models
  std::optional<TimePoint> dct;  // overrides the documents' creation time
  unsigned threads = 2;          // extraction workers
  std::size_t chunk = 256;       // documents per chunk
  // Chunks per transaction: their digests wait in memory (a few KiB per article) until
  // merged together; a crash loses at most this many chunks of work.
  std::size_t chunks_per_commit = 4;
  // Called from worker threads with each new article's analysis (must be thread-safe).
  // Without it the pipeline runs in its graph-only mode (PipelineOptions::graph_only),
  // which skips the parse and the events of sentences the graph cannot use; with it,
  // the analyses are whole. The store's contents are the same either way.
  std::function<void(const Analysis&)> on_analysis;
  // Called from the calling thread after each chunk is committed.
  std::function<void(const IngestProgress&)> progress;
  std::function<void(const std::string&)> warn;  // one line, without "warning:"
};

using IngestStats = IngestProgress;

IngestStats ingest_files(Store& store, const std::vector<std::string>& inputs, const IngestOptions& options);

}  // namespace chronicle
