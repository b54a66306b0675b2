#include "extract/pipeline.h"

#include <algorithm>
#include <future>
#include <map>
#include <string>
#include <vector>

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

namespace {

// "The Sunday Times", "China Daily", "Theresa May": a time word inside the name of an
// organisation, a facility, a vehicle or a person is part of the name, not a date. The time
// tagger reads words, not names, so the recogniser's verdict is applied here. Ids stay
// consecutive in text order, and an anchor on a dropped time is cleared.
void drop_times_inside_names(Analysis& a) {
  std::vector<Span> names;
  for (const Mention& m : a.mentions)
    if (m.kind == Mention::Kind::Name &&
        (m.type == "ORGANIZATION" || m.type == "FACILITY" || m.type == "VEHICLE" || m.type == "PERSON"))
      names.push_back(m.span);
  if (names.empty() || a.times.empty()) return;
  std::sort(names.begin(), names.end(), [](const Span& x, const Span& y) { return x.start < y.start; });
  auto inside_a_name = [&](const Span& t) {
    // The names starting at or before the time, nearest first (a few: names seldom overlap).
    auto it = std::upper_bound(names.begin(), names.end(), t.start,
                               [](Offset v, const Span& n) { return v < n.start; });
    for (int k = 0; k < 4 && it != names.begin(); ++k) {
      const Span& n = *--it;
      // A name that is just the time word ("Christmas" taken for an organisation) is more
      // likely the recogniser's slip than a name.
      if (n.end >= t.end && (n.start < t.start || n.end > t.end)) return true;
    }
    return false;
  };
  std::vector<std::uint8_t> drop(a.times.size());
  bool any = false;
  for (std::size_t i = 0; i < a.times.size(); ++i) any |= (drop[i] = inside_a_name(a.times[i].span)) != 0;
  if (!any) return;
  std::map<std::string, std::string> renamed;  // old id -> new id, "" when dropped
  std::vector<TimeExpr> kept;
  for (std::size_t i = 0; i < a.times.size(); ++i) {
    TimeExpr& t = a.times[i];
    if (drop[i]) {
      renamed[t.id] = "";
      continue;
    }
    std::string id(1, 't');
    id += std::to_string(kept.size() + 1);
    renamed[t.id] = id;
    t.id = std::move(id);
    kept.push_back(std::move(t));
  }
  for (TimeExpr& t : kept)
    if (auto r = renamed.find(t.anchor); r != renamed.end()) t.anchor = r->second;
  a.times = std::move(kept);
}

}  // namespace

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
  // The models are independent files, and loading them (reading weight
  // tables, building their hash indices, the parser's self-test) is most of
  // a one-article `extract`: the parser and the event models load on threads
  // of their own while this one loads the rest. Each thread writes only its
  // own member; get() hands back a load's ModelError.
  Models& m = *models;
  std::future<void> parser, events;
  if (options.syntax || options.events)
    parser = std::async(std::launch::async, [&m, &dir] { m.parser = Parser::load(dir + "parser.model"); });
  if (options.events)
    events = std::async(std::launch::async, [&m, &dir] { m.events = EventExtractor::load(dir); });
  if (options.syntax || options.entities || options.events) m.tagger = Tagger::load(dir + "pos.model");
  if (options.entities || options.events) m.ner = EntityRecognizer::load(dir + "ner.model");
  if (options.entities || options.events) m.kb = KnowledgeBase::load(dir + "kb.bin");
  if (parser.valid()) parser.get();
  if (events.valid()) events.get();
  p.models_ = std::move(models);
  return p;
}

Analysis Pipeline::run(Document doc) const { return run(std::move(doc), nullptr); }

Analysis Pipeline::run(Document doc, PipelineScratch& scratch) const { return run(std::move(doc), &scratch); }

Analysis Pipeline::run(Document doc, PipelineScratch* scratch) const {
  Analysis a;
  a.doc = std::move(doc);
  if (!a.doc.dct) a.warnings.push_back("no document creation time found: relative dates are left unresolved");
  segment(a);
  const Models& m = *models_;
  if (options_.graph_only && m.tagger && m.parser && m.ner && m.kb && m.events) {
    run_graph_only(a, scratch);
    return a;
  }
  if (m.tagger) m.tagger->tag(a);
  if (m.parser) {
    if (scratch)
      m.parser->parse(a, std::vector<std::uint8_t>(a.sentences.size(), 1), scratch->parser);
    else
      m.parser->parse(a);
  }
  if (m.ner) m.ner->recognize(a);
  if (m.kb) resolve_entities(a, *m.kb);
  if (options_.times || options_.events) {
    tag_times(a);
    drop_times_inside_names(a);
  }
  if (m.events) m.events->extract(a);
  return a;
}

// The full pipeline's entities, times and entity-bearing events with fewer sentences parsed.
// Only two stages read the parse besides events: resolution, for a mention of a seat of
// government (whether "Moscow" acts: governs_by_parse in resolve.cc), and nothing else
// (the recogniser reads tags, the time tagger words and tags). So every sentence holding
// a mention is parsed before resolution, as in the full pipeline.
void Pipeline::run_graph_only(Analysis& a, PipelineScratch* scratch) const {
  const Models& m = *models_;
  auto parse = [&](const std::vector<std::uint8_t>& which) {
    if (scratch)
      m.parser->parse(a, which, scratch->parser);
    else
      m.parser->parse(a, which);
  };
  m.tagger->tag(a);
  m.ner->recognize(a);
  const std::size_t ns = a.sentences.size(), n = a.tokens.size();
  std::vector<int> tok_sentence(n, -1);
  for (std::size_t s = 0; s < ns; ++s)
    for (std::uint32_t i = a.sentences[s].first_token; i < a.sentences[s].end_token && i < n; ++i)
      tok_sentence[i] = static_cast<int>(s);
  std::vector<std::uint8_t> parsed(ns, 0);
  // Marks the sentences of the mentions' tokens; true when one of them was not parsed yet.
  auto mark = [&](std::vector<std::uint8_t>& which, bool skip_demonyms) {
    bool added = false;
    for (const Mention& mm : a.mentions) {
      // A demonym never asks for the parse (resolution links it before looking at roles).
      if (skip_demonyms && mm.role == "demonym") continue;
      for (std::uint32_t i = mm.first_token; i < mm.end_token && i < n; ++i) {
        if (tok_sentence[i] < 0) continue;
        std::uint8_t& w = which[static_cast<std::size_t>(tok_sentence[i])];
        if (!parsed[static_cast<std::size_t>(tok_sentence[i])] && !w) added = true;
        w = 1;
      }
    }
    return added;
  };
  std::vector<std::uint8_t> which(ns, 0);
  mark(which, false);
  parse(which);
  parsed = which;
  // Resolution adds mentions of its own (acronyms of a longer name, demonyms). Should one
  // that may ask for the parse lie in a sentence not parsed, parse it and resolve again
  // from the recogniser's mentions: resolution is a function of the analysis.
  // (The mentions it keeps and adds do not depend on the parse, so one more round settles it.)
  const std::vector<Mention> recognised = a.mentions;
  resolve_entities(a, *m.kb);
  for (int round = 0; round < 4; ++round) {
    std::vector<std::uint8_t> more(ns, 0);
    if (!mark(more, true)) break;
    for (std::size_t s = 0; s < ns; ++s) more[s] = more[s] && !parsed[s];
    parse(more);
    for (std::size_t s = 0; s < ns; ++s) parsed[s] |= more[s];
    a.mentions = recognised;
    a.entities.clear();
    resolve_entities(a, *m.kb);
  }
  tag_times(a);
  drop_times_inside_names(a);
  std::vector<std::uint8_t> events = m.events->argument_sentences(a);
  std::vector<std::uint8_t> rest(ns, 0);
  bool any = false;
  for (std::size_t s = 0; s < ns; ++s) {
    rest[s] = events[s] && !parsed[s];
    any |= events[s] != 0;
  }
  parse(rest);
  // No sentence can give an event the graph keeps: none is extracted (without any parse,
  // extract() would give argument-less triggers only).
  if (!any) return;
  if (scratch)
    m.events->extract(a, events, scratch->event_words);
  else
    m.events->extract(a, events);
}

}  // namespace chronicle
