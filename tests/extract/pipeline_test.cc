// The whole extraction over the shipped models: what no single stage decides alone.
#include "extract/pipeline.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/model_file.h"

namespace chronicle {
namespace {

const Pipeline& shipped() {
  static const Pipeline p = [] {
    PipelineOptions o;
    o.models_dir = CHRONICLE_MODELS;
    return Pipeline::load(o);
  }();
  return p;
}

Analysis run(const std::string& text) {
  Document d;
  d.id = "t";
  d.text = text;
  TimePoint dct;
  dct.year = 2016;
  dct.month = 12;
  dct.day = 15;
  dct.granularity = TimePoint::Granularity::Day;
  d.dct = dct;
  return shipped().run(std::move(d));
}

}  // namespace

TEST_CASE("pipeline: a time word inside a name is part of the name, not a date") {
  const Analysis a =
      run("The Sunday Times reported on Monday that the China Daily had praised the plan. "
          "Sales fell in May.");
  std::vector<std::string> texts, ids;
  for (const TimeExpr& t : a.times) {
    texts.push_back(std::string(a.text(t.span)));
    ids.push_back(t.id);
  }
  CHECK(texts == std::vector<std::string>{"Monday", "May"});
  CHECK(ids == std::vector<std::string>{"t1", "t2"});  // consecutive after the drop
  for (const Event& e : a.events)
    if (e.time >= 0) CHECK(static_cast<std::size_t>(e.time) < a.times.size());
}

TEST_CASE("pipeline: a damaged model fails the load with its ModelError, whichever thread loads it") {
  // The models load on several threads: a failure on any of them must come
  // back as the caller's exception, and the models that did load are freed.
  namespace fs = std::filesystem;
  // The pid keeps two test binaries (Release, sanitizers) apart.
  const fs::path dir =
      fs::temp_directory_path() / ("chronicle-pipeline-load-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const char* name : {"pos.model", "parser.model", "ner.model", "kb.bin", "events.model"})
    fs::create_symlink(fs::path(CHRONICLE_MODELS) / name, dir / name);
  PipelineOptions o;
  o.models_dir = dir.string();
  CHECK_NOTHROW(Pipeline::load(o));
  for (const char* name : {"parser.model", "events.model", "pos.model"}) {
    CAPTURE(name);
    fs::remove(dir / name);
    std::ofstream(dir / name, std::ios::binary) << "not a model";
    try {
      (void)Pipeline::load(o);
      FAIL("a damaged model loaded");
    } catch (const ModelError& e) {
      CHECK(std::string(e.what()).find(name) != std::string::npos);
    }
    fs::remove(dir / name);
    fs::create_symlink(fs::path(CHRONICLE_MODELS) / name, dir / name);
  }
  fs::remove_all(dir);
}

}  // namespace chronicle
