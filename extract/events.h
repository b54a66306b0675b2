// Event extraction: who did what to whom, when and where.
//
//   auto events = EventExtractor::load(default_models_dir());  // reads events.model once
//   events->extract(analysis);                                 // const: safe from many threads
//
// Runs last in the pipeline. Reads the tokens with their UD parse (upos,
// lemma, head, deprel), the entity mentions and entities, and the TIMEX3
// times, and fills Analysis::events:
//   - triggers: verbs and event nouns that the TimeML event classifier (or the
//     CAMEO lexicon) marks as events; light verbs are read through ("play a
//     role in bludgeoning" -> bludgeon, "deal a blow" -> strike);
//   - arguments from the parse: agent (nsubj, passive by-phrase, possessor of
//     an event noun), patient (obj, passive subject, of-phrase of an event
//     noun), location (in/at/over/near/... + a place), and with/against/to/for
//     roles; subjects are found through control (xcomp), coordination,
//     participial and relative clauses; pronouns and definite descriptions
//     are resolved by recency, agreement and salience when no mention links them;
//   - time: the TIMEX3 attached in the parse, else the governing clause's,
//     else an unattached one in the sentence; reporting events fall back on the
//     creation date (marked time_from_dct); "D after/before <clause>" dates the
//     clause's event relative to its governor (time_value);
//   - reported speech (source), negation and modality (never presented as facts);
//   - type: CAMEO code with its root name, quad class and Goldstein weight,
//     else the WordNet verb class.
// Works, more weakly, without a parse (triggers only) or without entities.
//
// Thread-safety: immutable after load(); extract() keeps its scratch on the stack.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/document.h"

namespace chronicle {

class EventLexicon;
class EventClassifier;

class EventExtractor {
 public:
  // Loads `models_dir`/events.model (or the file itself when given a path
  // ending in ".model"). Throws ModelError when missing or corrupt.
  static std::shared_ptr<const EventExtractor> load(const std::string& models_dir);
  // From the bytes of a model file; `what` names it in errors.
  static std::shared_ptr<const EventExtractor> from_bytes(std::string_view data, const std::string& what);
  // The bytes of a model file (used by the trainer and by tests).
  static std::string to_bytes(const EventLexicon& lex, const EventClassifier& clf,
                              const std::string& provenance);

  EventExtractor(std::shared_ptr<const EventLexicon> lex, std::shared_ptr<const EventClassifier> clf);
  ~EventExtractor();

  // Replaces a.events.
  void extract(Analysis& a) const;

  const EventLexicon& lexicon() const { return *lex_; }
  const EventClassifier& classifier() const { return *clf_; }
  const std::string& provenance() const { return provenance_; }

 private:
  std::shared_ptr<const EventLexicon> lex_;
  std::shared_ptr<const EventClassifier> clf_;
  std::string provenance_;
};

}  // namespace chronicle
