// ingest_files(): failures past the reading loop leave the store whole and the process alive.
#include "graph/ingest.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "graph/store.h"

using namespace chronicle;

namespace {

struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name)
      : path(std::filesystem::temp_directory_path() /
             ("chronicle_test_" + std::to_string(::getpid()) + "_" + name)) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

}  // namespace

TEST_CASE("ingest: a progress callback that throws ends the ingest cleanly; what was handed over is stored") {
  TempDir dir("ingest_throw");
  const char* texts[] = {"The mayor of Lyon met Anna Berg in Paris on 3 May 2016.",
                         "Anna Berg visited Lyon on 4 May 2016 and met the mayor.",
                         "The mayor of Lyon thanked Anna Berg on 5 May 2016."};
  for (int i = 0; i < 3; ++i) {
    std::ofstream out(dir.path / ("article" + std::to_string(i) + ".txt"));
    out << texts[i] << "\n";
  }
  const std::filesystem::path db = dir.path / "store.db";
  {
    Store store(db.string());
    IngestOptions o;
    o.models_dir = CHRONICLE_MODELS;
    o.threads = 1;
    o.chunk = 1;
    o.chunks_per_commit = 1;
    int calls = 0;
    o.progress = [&](const IngestProgress&) {
      ++calls;
      throw std::runtime_error("the caller gave up");
    };
    // Before, the writer thread was still joinable here: std::terminate.
    CHECK_THROWS_AS(ingest_files(store,
                                 {(dir.path / "article0.txt").string(), (dir.path / "article1.txt").string(),
                                  (dir.path / "article2.txt").string()},
                                 o),
                    std::runtime_error);
    CHECK(calls == 1);
  }
  Store reopened(db.string());
  CHECK(reopened.integrity_check() == "ok");
  CHECK(reopened.counts().documents == 1);  // the chunk handed to the writer before the throw
}
