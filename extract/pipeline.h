// The extraction pipeline: Document in, Analysis out.
//
//   Pipeline pipeline = Pipeline::load(PipelineOptions{});   // loads every model once
//   Analysis a = pipeline.run(std::move(document));           // const: safe from many threads
//
// Stages, in order, each reading earlier layers and filling its own:
//   segment (core/segment.h) -> tag + lemmatise (extract/tagger.h) -> parse (extract/parser.h)
//   -> entities (extract/ner.h) -> resolve (extract/resolve.h, extract/knowledge_base.h)
//   -> times (extract/timex.h) -> events (extract/events.h)
#pragma once

#include <memory>
#include <string>

#include "core/document.h"

namespace chronicle {

struct PipelineOptions {
  std::string models_dir;  // empty: default_models_dir()
  bool syntax = true;      // tagging and parsing
  bool entities = true;
  bool times = true;
  bool events = true;
};

// Holds the loaded models (immutable, shared). Copyable; copies share models.
class Pipeline {
 public:
  // Throws ModelError when a needed model is missing or corrupt.
  static Pipeline load(const PipelineOptions& options);
  Analysis run(Document doc) const;

  struct Models;  // defined in pipeline.cc

 private:
  std::shared_ptr<const Models> models_;
  PipelineOptions options_;
};

}  // namespace chronicle
