// The extraction pipeline: Document in, Analysis out.
//
//   Pipeline pipeline = Pipeline::load(PipelineOptions{});   // loads every model once
//   Analysis a = pipeline.run(std::move(document));           // const: safe from many threads
//
// Stages, in order, each reading earlier layers and filling its own:
//   segment (core/segment.h) -> tag + lemmatise (extract/tagger.h) -> parse (extract/parser.h)
//   -> entities (extract/ner.h) -> resolve (extract/resolve.h, extract/knowledge_base.h)
//   -> times (extract/timex.h) -> events (extract/events.h)
// (PipelineOptions::graph_only reorders them to skip what the graph does not keep.)
#pragma once

#include <memory>
#include <string>

#include "core/document.h"
#include "extract/event_classifier.h"
#include "extract/parser.h"

namespace chronicle {

struct PipelineOptions {
  std::string models_dir;  // empty: default_models_dir()
  bool syntax = true;      // tagging and parsing
  bool entities = true;
  bool times = true;
  bool events = true;
  // Ingest: compute only what the graph keeps (graph/builder.h digest()). Every entity,
  // mention and time is the same as in a full run, and so is every event that has an
  // entity among its arguments or as its source; events that involve no entity (which the
  // graph leaves out) may be missing, and sentences that cannot give any other event are
  // not parsed. Order: tag, recognise, parse the sentences with a name, resolve, times,
  // parse the sentences EventExtractor::argument_sentences() adds, events there.
  bool graph_only = false;
};

// What a caller may keep between runs on one thread (never shared between threads): what
// the event lexicon said about the words seen so far (base forms, word classes: looked up
// once, not once per document), and the weights the parser looked up last. Each entry is a
// function of a word or feature and the models, so an analysis does not depend on the
// documents analysed before it.
struct PipelineScratch {
  LexiconCache event_words;
  ParserScratch parser;
};

// Holds the loaded models (immutable, shared). Copyable; copies share models.
class Pipeline {
 public:
  // Throws ModelError when a needed model is missing or corrupt.
  static Pipeline load(const PipelineOptions& options);
  Analysis run(Document doc) const;
  Analysis run(Document doc, PipelineScratch& scratch) const;

  struct Models;  // defined in pipeline.cc

 private:
  Analysis run(Document doc, PipelineScratch* scratch) const;
  void run_graph_only(Analysis& a, PipelineScratch* scratch) const;

  std::shared_ptr<const Models> models_;
  PipelineOptions options_;
};

}  // namespace chronicle
