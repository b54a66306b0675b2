// TimeML EVENT recognition and classification: which tokens of a sentence
// denote events, and of which TimeML class (OCCURRENCE, REPORTING, STATE,
// I_ACTION, I_STATE, ASPECTUAL, PERCEPTION).
//
// Method: one averaged multiclass perceptron (Collins 2002) over the classes
// plus "no event", trained on TimeBank 1.2 + AQUAINT (TempEval-3 cleaned).
// Features: lexical (word, WordNet base forms, affixes, shape, a two-token
// window, WordNet part-of-speech set and lexicographer files from
// EventLexicon) and, when the sentence is tagged and parsed, syntactic (UPOS,
// Penn tag, the relation to the head with the head's lemma and WordNet verb
// file, the governing verb, tense/aspect auxiliaries, which complements the
// word takes). The syntactic ones tell the classes apart where the word alone
// cannot: "said" with a ccomp is REPORTING, a noun that is the xcomp/obj of
// "begin" or "stop" is ASPECTUAL's argument, "expected" + xcomp is I_STATE.
// Training runs Chronicle's own tagger and parser over TimeBank, so the
// weights are learnt on the tagger's real errors. Without a parse the
// syntactic features are absent and the lexical ones decide. Features are
// hashed to 64 bits.
//
// Immutable once loaded; classify() is const and thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/document.h"
#include "core/model_file.h"
#include "extract/event_lexicon.h"

namespace chronicle {

// Index 0 is "no event"; the others are TimeML EVENT classes.
inline constexpr std::array<std::string_view, 8> kEventClasses{
    "", "OCCURRENCE", "REPORTING", "STATE", "I_ACTION", "I_STATE", "ASPECTUAL", "PERCEPTION"};
inline constexpr std::size_t kNumEventClasses = kEventClasses.size();
int event_class_index(std::string_view name);  // -1 when unknown

// What the features need to know about each token of a sentence.
struct ClassifierToken {
  std::string lower;       // lowercased text
  std::string verb;        // WordNet verb base form, or empty
  std::string noun;        // WordNet noun base form, or empty
  std::string event_verb;  // the verb: the verb base form, else the verb the noun derives from
  WordClass cls;           // of the word itself (or its base forms)
  bool capitalised = false;
  // From the tagger and parser (empty / -1 without them); see add_syntax().
  std::string upos, xpos, deprel, lemma;
  int head = -1;      // index within the sentence, -1 for the root or unparsed
  std::string aux;    // lemmas of aux / aux:pass dependents joined by '+' ("have+be")
  std::string mark;   // the first mark dependent ("to", "that")
  unsigned kids = 0;  // bit set of the dependents' relations, kKid* below
  // What the word's arguments are (see add_syntax()): whether its object (the subject of a
  // passive) is itself an event, and the case word of an oblique that is one. TimeML's
  // I_ACTION and ASPECTUAL take an event argument ("approved the merger", "called for talks",
  // "ended the war"); an OCCURRENCE's object is mostly a thing.
  std::uint8_t obj_ev = 0;               // kArg* of the object
  std::uint8_t obj_lexfile = 0;          // the object's WordNet noun file ("had a loss": possession)
  std::uint8_t obl_ev = 0;               // kArg* of the first event-like oblique or nmod
  std::string obl_case;                  // its case word ("for", "on")
  std::uint8_t pred = 0;                 // kPred*: the word is a copula's predicate or the copula
  std::uint8_t pred_lexfile = 0;         // for a copula: its predicate's noun file
  std::uint8_t event_verb_lexfile = 0;   // the WordNet file of event_verb (a noun's verb)
  EventLexicon::VerbSenses verb_senses;  // of event_verb (see EventLexicon::verb_senses)
  // The first features of event_features(), which depend on lower, verb and noun alone (the
  // word, its base forms, suffixes and shape), in its order: prepare_tokens() hashes them once
  // per distinct word of a document (they stay in its cache). 0 keys: not filled (a token made
  // some other way, or whose words were changed since); event_features() then hashes them.
  std::array<std::uint64_t, 8> word_keys{};
  std::uint8_t num_word_keys = 0;
};

// How eventive an argument is (ClassifierToken::obj_ev, obl_ev).
enum : std::uint8_t { kArgNone = 0, kArgClause = 1, kArgEventNoun = 2, kArgThing = 3 };
// ClassifierToken::pred: 1 the word has a copula ("is responsible"), 2 the word is the copula,
// with a nominal (2) or adjectival (3) predicate.
enum : std::uint8_t { kPredHasCop = 1, kPredCopNominal = 2, kPredCopOther = 3 };

// Relations of a token's dependents, as ClassifierToken::kids bits.
// kKidAcl: a clause that completes a noun ("plans to withdraw", "the decision to resign"), not a
// relative clause.
enum : unsigned { kKidObj = 1, kKidCcomp = 2, kKidXcomp = 4, kKidNsubj = 8, kKidPass = 16, kKidAcl = 32 };

// What prepare_tokens() learns about a lowercase word from the lexicon, kept across the
// sentences of one document: a news story repeats its words, and each first look costs a dozen
// string-keyed lookups (base forms by WordNet's rules, word classes, the noun's verb).
using LexiconCache = std::unordered_map<std::string, ClassifierToken>;

// Prepares the sentence once: lowercases and lemmatises every word. With `cache`, words seen
// before are copied from it (the same result, fewer lookups).
std::vector<ClassifierToken> prepare_tokens(const std::vector<std::string_view>& words,
                                            const EventLexicon& lex, LexiconCache* cache = nullptr);
// Copies the tags and the parse of tokens [first, first + toks.size()) of `a`
// into toks (heads outside the sentence become -1).
void add_syntax(std::vector<ClassifierToken>& toks, const Analysis& a, std::size_t first);
// The hashed features of token i.
void event_features(const std::vector<ClassifierToken>& toks, std::size_t i, std::vector<std::uint64_t>& out);

// The lookup side of a weight table: open addressing over the feature hashes
// with the weights in one dense array. Scoring a token looks up ~45 features
// in two tables; as std::unordered_map nodes that was the costliest part of
// event extraction (cache misses on bucket and node). Sums in feature order,
// so it decides exactly as the map does.
class FlatWeights {
 public:
  using Weights = std::array<float, kNumEventClasses>;
  using Entries = std::vector<std::pair<std::uint64_t, Weights>>;
  void build(const std::unordered_map<std::uint64_t, Weights>& table);
  // From (feature, weights) pairs; kept in ascending feature order.
  void build(Entries entries);
  bool empty() const { return values_.empty(); }
  std::size_t size() const { return values_.size(); }
  // The i-th feature in ascending order and its weights (for writing the model).
  std::uint64_t key(std::size_t i) const { return keys_[i]; }
  const Weights& value(std::size_t i) const { return values_[i]; }
  const Weights* find(std::uint64_t h) const;
  // score += the weights of every feature found.
  void add_all(const std::vector<std::uint64_t>& feats, Weights& score) const;

 private:
  std::size_t slot_of(std::uint64_t h) const {
    return static_cast<std::size_t>((h * 0x9e3779b97f4a7c15ull) >> shift_);
  }
  static constexpr std::uint32_t kEmpty = 0xffffffffu;
  // Eight bytes: the index and the top 16 bits of the key (with the low bits
  // that chose the slot, 36 bits of the hash), so eight slots share a cache
  // line. A feature the model lacks matches one it has about once in 60,000
  // lookups and adds its small weights; find() checks the whole key.
  struct Slot {
    std::uint32_t index = kEmpty;  // into values_; kEmpty when free
    std::uint16_t tag = 0;
  };
  static std::uint16_t tag_of(std::uint64_t h) { return static_cast<std::uint16_t>(h >> 48); }
  std::vector<Slot> slots_;
  std::vector<std::uint64_t> keys_;  // ascending, parallel to values_
  std::vector<Weights> values_;
  unsigned shift_ = 64;
};

class EventClassifier {
 public:
  using Weights = std::array<float, kNumEventClasses>;
  // The best class index for each token (0 = no event).
  // With `only`, tokens whose flag is 0 are not scored (left 0): the tagger
  // already says they cannot be events, and scoring is the costly part.
  std::vector<std::uint8_t> classify(const std::vector<ClassifierToken>& toks,
                                     const std::vector<std::uint8_t>* only = nullptr) const;
  // The class of one token from its features: `weights` decide event or not
  // (any class beats "no event"), then `class_weights`, trained on events
  // only, choose among the seven classes.
  std::uint8_t predict(const std::vector<std::uint64_t>& feats) const;
  bool empty() const { return weights.empty() && flat_weights_.empty(); }
  // The detection model's weights of feature h (nullptr when it has none), from either form.
  const Weights* find(std::uint64_t h) const;
  // How far the word itself, as training saw it, leans to being an event: its word feature's best
  // event weight minus its no-event weight (0 for a word the model has no weight for).
  float word_event_lean(std::string_view lower) const;

  void save(BinaryWriter& w) const;
  static EventClassifier load(BinaryReader& r);

  // Builds the lookup tables from `weights` and `class_weights`. Until then predict() reads the
  // maps (slower, same decisions); edits to the maps after it need another build_index() call.
  void build_index();

  // The weights as the trainer builds them. load() fills only the lookup tables, leaving these
  // empty: holding both would cost a shipped model's size several times over in memory.
  std::unordered_map<std::uint64_t, Weights> weights;        // feature hash -> per-class weight
  std::unordered_map<std::uint64_t, Weights> class_weights;  // the class model (slot 0 unused)

 private:
  FlatWeights flat_weights_, flat_class_weights_;
  bool indexed_ = false;
};

}  // namespace chronicle
