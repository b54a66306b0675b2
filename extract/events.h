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

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "extract/event_classifier.h"

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
  // Like extract(), for the sentences s with `which[s]` set only: the others get no events.
  // An event's arguments, time and source come from its own sentence's parse and from the
  // mentions of at most kDescriptionWindow earlier sentences, so each event of a marked
  // sentence is the one extract() gives (its id aside: ids number the events produced).
  // The sentences that need a parse are the marked ones.
  void extract(Analysis& a, const std::vector<std::uint8_t>& which) const;
  // The same, remembering what the lexicon says about each word in `words` for the next
  // documents (the caller's, one per thread; emptied when it holds kMaxCachedWords).
  // Entries depend on the word and the model only: the events are those of extract().
  void extract(Analysis& a, const std::vector<std::uint8_t>& which, LexiconCache& words) const;
  static constexpr std::size_t kMaxCachedWords = 20000;

  // How far back (in sentences) a pronoun ("he", "its") and a definite description
  // ("the city", "the minister") look for the mention they stand for.
  static constexpr int kPronounWindow = 2;
  static constexpr int kDescriptionWindow = 5;

  // The sentences in which an event can have an entity among its arguments or as its
  // source: those with a mention of an entity, and those with a pronoun or a place or
  // person noun that may refer back to a mention within the windows above. A superset:
  // the parse (not needed here: tokens with lemmas, mentions and entities are) decides.
  // Events of the other sentences involve no entity, which the graph leaves out
  // (graph/builder.h), so ingest parses and extracts from these sentences only.
  std::vector<std::uint8_t> argument_sentences(const Analysis& a) const;

  const EventLexicon& lexicon() const { return *lex_; }
  const EventClassifier& classifier() const { return *clf_; }
  const std::string& provenance() const { return provenance_; }

 private:
  std::shared_ptr<const EventLexicon> lex_;
  std::shared_ptr<const EventClassifier> clf_;
  std::string provenance_;
};

}  // namespace chronicle
