#include "extract/pipeline.h"

#include "core/model_file.h"
#include "core/segment.h"
#include "extract/events.h"
#include "extract/knowledge_base.h"
#include "extract/ner.h"
#include "extract/parser.h"
#include "extract/resolve.h"
#include "extract/tagger.h"
#include "extract/timex.h"

namespace chronicle {

struct Pipeline::Models {
  std::shared_ptr<const Tagger> tagger;
  std::shared_ptr<const Parser> parser;
  std::shared_ptr<const EntityRecognizer> ner;
  std::shared_ptr<const KnowledgeBase> kb;
  std::shared_ptr<const EventExtractor> events;
};

Pipeline Pipeline::load(const PipelineOptions& options) {
  Pipeline p;
  p.options_ = options;
  if (p.options_.models_dir.empty()) p.options_.models_dir = default_models_dir();
  auto models = std::make_shared<Models>();
  const std::string dir = p.options_.models_dir + "/";
  if (options.syntax || options.entities || options.events) models->tagger = Tagger::load(dir + "pos.model");
  if (options.syntax || options.events) models->parser = Parser::load(dir + "parser.model");
  if (options.entities || options.events) models->ner = EntityRecognizer::load(dir + "ner.model");
  if (options.entities || options.events) models->kb = KnowledgeBase::load(dir + "kb.bin");
  if (options.events) models->events = EventExtractor::load(dir);
  p.models_ = std::move(models);
  return p;
}

Analysis Pipeline::run(Document doc) const {
  Analysis a;
  a.doc = std::move(doc);
  if (!a.doc.dct) a.warnings.push_back("no document creation time found: relative dates are left unresolved");
  segment(a);
  const Models& m = *models_;
  if (m.tagger) m.tagger->tag(a);
  if (m.parser) m.parser->parse(a);
  if (m.ner) m.ner->recognize(a);
  if (m.kb) resolve_entities(a, *m.kb);
  if (options_.times || options_.events) tag_times(a);
  if (m.events) m.events->extract(a);
  return a;
}

}  // namespace chronicle
