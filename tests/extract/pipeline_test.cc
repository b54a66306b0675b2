// The whole extraction over the shipped models: what no single stage decides alone.
#include "extract/pipeline.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

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

}  // namespace chronicle
