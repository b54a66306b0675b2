// WordNet's lexicographer files ("lexnames", lexnames(5WN)): the number every
// synset of data.noun / data.verb records in its second field, and which the
// compiled lexicons keep for a word's first noun and verb sense. Named here
// once so that the rules reading them say noun.person, not 18.
#pragma once

#include <cstdint>
#include <string_view>

namespace chronicle::wordnet {

enum Lexname : std::uint8_t {
  kNounAct = 4,
  kNounAttribute = 7,
  kNounCognition = 9,
  kNounCommunication = 10,
  kNounEvent = 11,
  kNounGroup = 14,
  kNounLocation = 15,
  kNounObject = 17,
  kNounPerson = 18,
  kNounPossession = 21,
  kNounProcess = 22,
  kNounQuantity = 23,
  kNounRelation = 24,
  kNounState = 26,
  kNounTime = 28,
  kFirstVerb = 29,  // verb.body; the verb files run to verb.weather, 43
  kLastVerb = 43,
};

// The verb file's name without "verb.": "motion", "communication"; "" for a noun file.
inline std::string_view verb_lexname(std::uint8_t f) {
  static constexpr std::string_view kNames[] = {
      "body",    "change", "cognition",  "communication", "competition", "consumption", "contact", "creation",
      "emotion", "motion", "perception", "possession",    "social",      "stative",     "weather"};
  if (f < kFirstVerb || f > kLastVerb) return {};
  return kNames[f - kFirstVerb];
}

}  // namespace chronicle::wordnet
