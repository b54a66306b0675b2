// The event lexicon: what Chronicle knows about event words, compiled from data.
//
//   - CAMEO verb codes: the PETRARCH2 verb dictionary (Open Event Data Alliance,
//     MIT) compiled to verb lemma -> default code, plus the phrase patterns that
//     refine it ("abandon" 080; "abandon ... headquarters" 0874; "fight back").
//   - Event nouns: WordNet nouns whose senses are acts, events or processes,
//     with the verb they derive from ("destruction" -> destroy), so a noun
//     trigger gets the verb's CAMEO code.
//   - Word classes for the TimeML event classifier: per WordNet lemma, the parts
//     of speech it has and the lexicographer file of its first noun/verb sense,
//     plus WordNet's irregular-form exception lists for lemmatisation.
//
// Code -> root category (01..20), quad class and Goldstein score are fixed
// properties of the CAMEO scheme (see cameo_root(), below).
//
// Immutable once built; all const methods are thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/model_file.h"
#include "core/u64_map.h"
#include "extract/string_index.h"

namespace chronicle {

// One PETRARCH phrase pattern, reduced to the words that follow the verb:
// they must occur in this order within a short window after the verb.
// A word that ends in '_' in the dictionary must match exactly; others
// match as a prefix (the dictionary's stem convention).
struct CameoPattern {
  std::vector<std::string> words;
  std::vector<std::uint8_t> exact;
  std::string code;  // "" when the pattern says the phrase is no event ("---")
  // Bit (c & 63) set for the first byte c of each word: a following phrase whose words'
  // initials miss one of these bits cannot match. Filled by EventLexicon::index().
  std::uint64_t initials = 0;
};

struct CameoVerb {
  std::string code;         // default code of the verb; "" for blocks coded "---"
  std::uint32_t block = 0;  // index into EventLexicon::cameo_blocks: the patterns of its verb block
  std::vector<CameoPattern> patterns;  // its own: the particle of a phrasal verb ("fight back")
};

// WordNet facts about one lemma.
struct WordClass {
  enum Pos : std::uint8_t { Noun = 1, Verb = 2, Adj = 4, Adv = 8 };
  std::uint8_t pos = 0;           // bit set of Pos
  std::uint8_t noun_lexfile = 0;  // lexicographer file of the first noun sense (0 = none)
  std::uint8_t verb_lexfile = 0;  // of the first verb sense
  std::uint8_t event_noun = 0;    // 1 when one of the first senses is an act/event/process
};

// The root categories of CAMEO, 1..20, with their fixed attributes.
struct CameoRoot {
  int root = 0;           // 1..20; 0 when the code is empty or malformed
  std::string_view name;  // "MAKE PUBLIC STATEMENT", ...
  int quad_class = -1;    // 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict
  double goldstein = 0;   // Goldstein (1992) weight of the root code
};
CameoRoot cameo_root(std::string_view code);

// Lets the maps below be searched with a string_view without a copy.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class EventLexicon {
 public:
  // CAMEO code for a verb lemma, refined by the words that follow the verb
  // (lowercased, in order, the verb excluded). Empty when the verb is unknown
  // or coded as no event.
  std::string cameo_code(std::string_view verb_lemma, const std::vector<std::string_view>& following) const;
  // The verb's own code, before any pattern: cameo_code(verb, {}) (every pattern needs a word).
  std::string_view default_code(std::string_view verb_lemma) const;
  bool has_verb(std::string_view lemma) const { return verbs.find(lemma) != verbs.end(); }
  // Whether the verb has a code with no words after it, as !cameo_code(verb, {}).empty()
  // (asked of every event noun's verb, so answered from a table built by index()).
  bool coded_alone(std::string_view verb_lemma) const;

  // The verb an event noun derives from ("destruction" -> "destroy"); empty when none.
  std::string_view noun_verb(std::string_view noun_lemma) const;
  const WordClass* word_class(std::string_view lemma) const;

  // WordNet's morphy: the base form of `word` (lowercase) as a noun or verb,
  // or empty when WordNet knows none.
  std::string base_form(std::string_view word, WordClass::Pos pos) const;

  void save(BinaryWriter& w) const;
  static EventLexicon load(BinaryReader& r);

  // The tables, filled by the trainer (extract/events_train.h), then read-only.
  template <class V>
  using Map = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
  Map<CameoVerb> verbs;
  std::vector<std::vector<CameoPattern>> cameo_blocks;
  Map<std::string> noun_verbs;
  Map<WordClass> words;
  Map<std::string> noun_exceptions, verb_exceptions;
  // Per verb lemma, its first WordNet sense and that sense's hypernyms (up to kVerbAncestors
  // synset offsets, nearest first, 0 = none): "halt" and "suspend" lie under "stop", "seek"
  // under "try", so a verb unseen in training shares its relatives' TimeML class.
  static constexpr std::size_t kVerbAncestors = 4;
  using Ancestors = std::array<std::uint32_t, kVerbAncestors>;
  struct VerbSenses {
    Ancestors ancestors{};
    // Which complements WordNet's sentence frames give the first senses: kFrame* bits. Verbs
    // that take a clause or an infinitive are TimeML's I_ACTION, I_STATE, ASPECTUAL, REPORTING.
    std::uint8_t frames = 0;
  };
  enum : std::uint8_t { kFrameInfinitive = 1, kFrameThat = 2, kFrameIng = 4, kFrameWhether = 8 };
  Map<VerbSenses> verb_senses;
  const VerbSenses* senses(std::string_view verb_lemma) const;

  // Indexes the word tables by hash for word_class(), noun_verb() and
  // base_form(), which run a dozen times for each new word of a text (base
  // forms try several endings): one flat lookup instead of hashing the string
  // and walking a map node. load() calls it; a lexicon still being filled is
  // searched through the maps.
  void index();

 private:
  bool indexed_ = false;
  U64Map<WordClass> word_index_;
  U64Map<bool> coded_alone_;  // verb hash -> coded_alone()
  // Per CAMEO block, its patterns grouped by their first word (with its exact flag), the groups
  // ordered by that word's first byte. A pattern's first word must match a following word, and
  // it matches the first one it can (match_pattern is greedy), so cameo_code() tests each first
  // word once, against the following words with its initial, and walks only the patterns of
  // the words that matched, from there on: not hundreds of patterns word by word.
  // The group's word is kept in the group when it is short (nearly all are): testing it then
  // reads only the groups' array, where reading it from a pattern cost three scattered loads
  // (the pattern, its word array, its exact flags) for each group, most of them cache misses.
  static constexpr std::size_t kInlineWord = 14;
  struct FirstWordGroup {
    std::uint16_t initial = 0;         // first byte of the word; kAnyInitial when the word is empty
    std::uint32_t pattern = 0;         // a pattern of the group (its words[0] and exact[0] are the group's)
    std::uint32_t begin = 0, end = 0;  // its members in BlockIndex::members
    std::uint8_t exact = 0;            // exact[0] of the group's patterns
    std::uint8_t size = 0;             // the word's length; kLongWord when it is not inline
    char word[kInlineWord] = {};       // the word when it fits
  };
  static constexpr std::uint8_t kLongWord = 0xff;
  struct GroupMember {
    std::uint32_t pattern = 0;   // index into the block, ascending within a group
    std::uint64_t initials = 0;  // CameoPattern::initials
  };
  struct BlockIndex {
    std::vector<FirstWordGroup> groups;
    std::vector<GroupMember> members;
  };
  static constexpr std::uint16_t kAnyInitial = 256;  // an empty word is a prefix of every word
  std::vector<BlockIndex> block_index_;
  StringIndex noun_verb_index_, noun_exception_index_, verb_exception_index_;
};

}  // namespace chronicle
