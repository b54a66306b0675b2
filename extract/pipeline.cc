#include "extract/pipeline.h"

#include "core/model_file.h"
#include "core/segment.h"

// Each stage joins the pipeline as its module lands. (transitional: the
// __has_include guards go once every stage exists)
#if __has_include("extract/tagger.h")
#include "extract/tagger.h"
#define CHRONICLE_HAS_TAGGER 1
#endif
#if __has_include("extract/parser.h")
#include "extract/parser.h"
#define CHRONICLE_HAS_PARSER 1
#endif
#if __has_include("extract/ner.h")
#include "extract/ner.h"
#define CHRONICLE_HAS_NER 1
#endif
#if __has_include("extract/resolve.h")
#include "extract/knowledge_base.h"
#include "extract/resolve.h"
#define CHRONICLE_HAS_RESOLVE 1
#endif
#if __has_include("extract/timex.h")
#include "extract/timex.h"
#define CHRONICLE_HAS_TIMEX 1
#endif
#if __has_include("extract/events.h")
#include "extract/events.h"
#define CHRONICLE_HAS_EVENTS 1
#endif

namespace chronicle {

struct Pipeline::Models {
#ifdef CHRONICLE_HAS_TAGGER
  std::shared_ptr<const Tagger> tagger;
#endif
#ifdef CHRONICLE_HAS_PARSER
  std::shared_ptr<const Parser> parser;
#endif
#ifdef CHRONICLE_HAS_NER
  std::shared_ptr<const EntityRecognizer> ner;
#endif
#ifdef CHRONICLE_HAS_RESOLVE
  std::shared_ptr<const KnowledgeBase> kb;
#endif
#ifdef CHRONICLE_HAS_EVENTS
  std::shared_ptr<const EventExtractor> events;
#endif
};

Pipeline Pipeline::load(const PipelineOptions& options) {
  Pipeline p;
  p.options_ = options;
  if (p.options_.models_dir.empty()) p.options_.models_dir = default_models_dir();
  auto models = std::make_shared<Models>();
  [[maybe_unused]] const std::string dir = p.options_.models_dir + "/";
#ifdef CHRONICLE_HAS_TAGGER
  if (options.syntax || options.entities || options.events) models->tagger = Tagger::load(dir + "pos.model");
#endif
#ifdef CHRONICLE_HAS_PARSER
  if (options.syntax || options.events) models->parser = Parser::load(dir + "parser.model");
#endif
#ifdef CHRONICLE_HAS_NER
  if (options.entities || options.events) models->ner = EntityRecognizer::load(dir + "ner.model");
#endif
#ifdef CHRONICLE_HAS_RESOLVE
  if (options.entities || options.events) models->kb = KnowledgeBase::load(dir + "kb.bin");
#endif
#ifdef CHRONICLE_HAS_EVENTS
  if (options.events) models->events = EventExtractor::load(dir);
#endif
  p.models_ = std::move(models);
  return p;
}

Analysis Pipeline::run(Document doc) const {
  Analysis a;
  a.doc = std::move(doc);
  if (!a.doc.dct) a.warnings.push_back("no document creation time found: relative dates are left unresolved");
  segment(a);
  [[maybe_unused]] const Models& m = *models_;
#ifdef CHRONICLE_HAS_TAGGER
  if (m.tagger) m.tagger->tag(a);
#endif
#ifdef CHRONICLE_HAS_PARSER
  if (m.parser) m.parser->parse(a);
#endif
#ifdef CHRONICLE_HAS_NER
  if (m.ner) m.ner->recognize(a);
#endif
#ifdef CHRONICLE_HAS_RESOLVE
  if (m.kb) resolve_entities(a, *m.kb);
#endif
#ifdef CHRONICLE_HAS_TIMEX
  if (options_.times || options_.events) tag_times(a);
#endif
#ifdef CHRONICLE_HAS_EVENTS
  if (m.events) m.events->extract(a);
#endif
  return a;
}

}  // namespace chronicle
