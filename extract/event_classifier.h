// TimeML EVENT recognition and classification: which tokens of a sentence
// denote events, and of which TimeML class (OCCURRENCE, REPORTING, STATE,
// I_ACTION, I_STATE, ASPECTUAL, PERCEPTION).
//
// Method: one averaged multiclass perceptron (Collins 2002) over the classes
// plus "no event", trained on TimeBank 1.2 + AQUAINT (TempEval-3 cleaned).
// Features are lexical only (word, WordNet base forms, affixes, shape, a
// two-token window, WordNet part-of-speech set and lexicographer files from
// EventLexicon), so the classifier does not depend on the tagger's errors
// and runs the same with or without a parse. Features are hashed to 64 bits.
//
// Immutable once loaded; classify() is const and thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

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
  std::string lower;   // lowercased text
  std::string verb;    // WordNet verb base form, or empty
  std::string noun;    // WordNet noun base form, or empty
  std::string event_verb;  // the verb: the verb base form, else the verb the noun derives from
  WordClass cls;       // of the word itself (or its base forms)
  bool capitalised = false;
};

// Prepares the sentence once: lowercases and lemmatises every word.
std::vector<ClassifierToken> prepare_tokens(const std::vector<std::string_view>& words, const EventLexicon& lex);
// The hashed features of token i.
void event_features(const std::vector<ClassifierToken>& toks, std::size_t i, std::vector<std::uint64_t>& out);

class EventClassifier {
 public:
  using Weights = std::array<float, kNumEventClasses>;
  // The best class index for each token (0 = no event).
  std::vector<std::uint8_t> classify(const std::vector<ClassifierToken>& toks) const;
  // The class of one token from its features: `weights` decide event or not
  // (any class beats "no event"), then `class_weights`, trained on events
  // only, choose among the seven classes.
  std::uint8_t predict(const std::vector<std::uint64_t>& feats) const;
  bool empty() const { return weights.empty(); }

  void save(BinaryWriter& w) const;
  static EventClassifier load(BinaryReader& r);

  std::unordered_map<std::uint64_t, Weights> weights;        // feature hash -> per-class weight
  std::unordered_map<std::uint64_t, Weights> class_weights;  // the class model (slot 0 unused)
};

}  // namespace chronicle
