// The temporal tagger (see timex.h for what it guarantees).
//
// Method, in three layers a reader can scan and extend:
//  1. The lexicon (kLexicon*): closed-class temporal vocabulary -> word classes
//     with a value (month number, weekday, unit, number, part of day, zone).
//  2. The scanner: one pass over the text making words (letters, digits,
//     clock times "3:54", ordinals "15th", decades "1990s", "a.m.") without
//     regular expressions, each classified by one hash lookup.
//  3. The grammar (kRules): patterns over words, one family per kind of
//     expression, each naming a normaliser. Pattern syntax, space separated:
//        MONTH, DAY, YEAR, NUM, ...   a word class (see compile_atom)
//        last|next|this                literal words (lower case)
//        , - . ' /                     punctuation
//        X?  optional;  ~X  glued to the previous word (no space);
//        X:c names the capture `c` for the normaliser;
//        !X  context: must match but is not part of the extent (at the edges).
//     At each word every rule is tried; candidates are taken longest first and
//     the first whose normaliser accepts (the date is valid, the cues agree)
//     wins. A post-pass adds modifiers ("early", "the end of", "about"),
//     joins a time of day with its date, and drops page furniture.
// Relative values are resolved against the DCT, picking past or future by
// verb tense (POS tags when present, else lexical cues) in the same clause;
// "N units later/earlier" and "the following year" are anchored on the last
// time of the same sentence when there is one. Durations follow TIMEX3
// (P5Y, PT48H; decades P3E as the project's contract asks).
#include "extract/timex.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/timex_calendar.h"
#include "extract/timex_words.h"

namespace chronicle {

using timex::CalValue;
using timex::Gran;
using timex::Unit;

namespace {

using namespace timex_words;

// ---------------------------------------------------------------------------
// 1. Lexicon
// ---------------------------------------------------------------------------

enum Cls : std::uint32_t {
  kMonth = 1u << 0,
  kWeekday = 1u << 1,
  kSeason = 1u << 2,
  kUnit = 1u << 3,
  kNumWord = 1u << 4,
  kOrdWord = 1u << 5,
  kPart = 1u << 6,  // part of day
  kZone = 1u << 7,
  kAmPm = 1u << 8,
  kRef = 1u << 9,         // now, today, recently...
  kSetWord = 1u << 10,    // daily, weekly...
  kClockWord = 1u << 11,  // noon, midnight
  kLit = 1u << 12,        // used as a literal by the grammar
  kDigits = 1u << 13,
  kOrdNum = 1u << 14,    // 15th
  kDecade = 1u << 15,    // 1990s, '90s
  kClock = 1u << 16,     // 3:54
  kOtherNum = 1u << 17,  // 1,999  3.5
  kPunct = 1u << 18,
};

enum Flag : std::uint8_t {
  kAbbr = 1,       // abbreviation: needs its dot or a following number
  kAmbiguous = 2,  // "may", "march": a month only with a cue
  kPlural = 4,
  kCapital = 8,  // word starts with an upper-case letter
  kSpaceBefore = 16,
  kBreakBefore = 32,  // paragraph break before the word
  kDot = 64,          // abbreviation dot absorbed
};

struct Lex {
  std::uint32_t mask = 0;
  std::uint8_t flags = 0;
  std::int16_t month = 0, weekday = 0, unit = -1, num = 0, ord = 0, zone = 0, ref = 0, clock = 0;
  char season[3] = {0, 0, 0};
  char part[3] = {0, 0, 0};
  std::vector<std::uint16_t> starts;  // rules that may start at this word, in rule order
  bool anchor = false;                // every match contains at least one anchor word
};

struct Entry {
  std::string_view word;
  int value;
  std::uint8_t flags;
};

constexpr Entry kMonths[] = {
    {"january", 1, 0},        {"jan", 1, kAbbr},  {"february", 2, 0},  {"feb", 2, kAbbr},
    {"march", 3, kAmbiguous}, {"mar", 3, kAbbr},  {"april", 4, 0},     {"apr", 4, kAbbr},
    {"may", 5, kAmbiguous},   {"june", 6, 0},     {"jun", 6, kAbbr},   {"july", 7, 0},
    {"jul", 7, kAbbr},        {"august", 8, 0},   {"aug", 8, kAbbr},   {"september", 9, 0},
    {"sep", 9, kAbbr},        {"sept", 9, kAbbr}, {"october", 10, 0},  {"oct", 10, kAbbr},
    {"november", 11, 0},      {"nov", 11, kAbbr}, {"december", 12, 0}, {"dec", 12, kAbbr},
};

constexpr Entry kWeekdays[] = {
    {"monday", 1, 0},          {"mon", 1, kAbbr},          {"mondays", 1, kPlural},   {"tuesday", 2, 0},
    {"tue", 2, kAbbr},         {"tues", 2, kAbbr},         {"tuesdays", 2, kPlural},  {"wednesday", 3, 0},
    {"wed", 3, kAbbr},         {"wednesdays", 3, kPlural}, {"thursday", 4, 0},        {"thu", 4, kAbbr},
    {"thur", 4, kAbbr},        {"thurs", 4, kAbbr},        {"thursdays", 4, kPlural}, {"friday", 5, 0},
    {"fri", 5, kAbbr},         {"fridays", 5, kPlural},    {"saturday", 6, 0},        {"sat", 6, kAbbr},
    {"saturdays", 6, kPlural}, {"sunday", 7, 0},           {"sun", 7, kAbbr},         {"sundays", 7, kPlural},
};

constexpr std::pair<std::string_view, std::string_view> kSeasons[] = {
    {"spring", "SP"}, {"summer", "SU"}, {"fall", "FA"}, {"autumn", "FA"}, {"winter", "WI"},
};

constexpr Entry kUnits[] = {
    {"second", int(Unit::Second), 0},
    {"seconds", int(Unit::Second), kPlural},
    {"minute", int(Unit::Minute), 0},
    {"minutes", int(Unit::Minute), kPlural},
    {"hour", int(Unit::Hour), 0},
    {"hours", int(Unit::Hour), kPlural},
    {"day", int(Unit::Day), 0},
    {"days", int(Unit::Day), kPlural},
    {"weekend", int(Unit::Weekend), 0},
    {"weekends", int(Unit::Weekend), kPlural},
    {"week", int(Unit::Week), 0},
    {"weeks", int(Unit::Week), kPlural},
    {"fortnight", int(Unit::Fortnight), 0},
    {"fortnights", int(Unit::Fortnight), kPlural},
    {"month", int(Unit::Month), 0},
    {"months", int(Unit::Month), kPlural},
    {"quarter", int(Unit::Quarter), 0},
    {"quarters", int(Unit::Quarter), kPlural},
    {"year", int(Unit::Year), 0},
    {"years", int(Unit::Year), kPlural},
    {"decade", int(Unit::Decade), 0},
    {"decades", int(Unit::Decade), kPlural},
    {"century", int(Unit::Century), 0},
    {"centuries", int(Unit::Century), kPlural},
};

// Cardinal number words; -1 is an unspecified quantity ("several years" PXY).
constexpr Entry kNumbers[] = {
    {"one", 1, 0},      {"two", 2, 0},        {"three", 3, 0},     {"four", 4, 0},      {"five", 5, 0},
    {"six", 6, 0},      {"seven", 7, 0},      {"eight", 8, 0},     {"nine", 9, 0},      {"ten", 10, 0},
    {"eleven", 11, 0},  {"twelve", 12, 0},    {"thirteen", 13, 0}, {"fourteen", 14, 0}, {"fifteen", 15, 0},
    {"sixteen", 16, 0}, {"seventeen", 17, 0}, {"eighteen", 18, 0}, {"nineteen", 19, 0}, {"twenty", 20, 0},
    {"thirty", 30, 0},  {"forty", 40, 0},     {"fifty", 50, 0},    {"sixty", 60, 0},    {"seventy", 70, 0},
    {"eighty", 80, 0},  {"ninety", 90, 0},    {"hundred", 100, 0}, {"dozen", 12, 0},    {"several", -1, 0},
    {"few", -1, 0},     {"many", -1, 0},      {"some", -1, 0},     {"couple", -1, 0},
};

constexpr Entry kOrdinals[] = {
    {"first", 1, 0},         {"second", 2, 0},      {"third", 3, 0},       {"fourth", 4, 0},
    {"fifth", 5, 0},         {"sixth", 6, 0},       {"seventh", 7, 0},     {"eighth", 8, 0},
    {"ninth", 9, 0},         {"tenth", 10, 0},      {"eleventh", 11, 0},   {"twelfth", 12, 0},
    {"thirteenth", 13, 0},   {"fourteenth", 14, 0}, {"fifteenth", 15, 0},  {"sixteenth", 16, 0},
    {"seventeenth", 17, 0},  {"eighteenth", 18, 0}, {"nineteenth", 19, 0}, {"twentieth", 20, 0},
    {"twenty-first", 21, 0},
};

constexpr std::pair<std::string_view, std::string_view> kParts[] = {
    {"morning", "MO"},  {"afternoon", "AF"}, {"evening", "EV"},  {"night", "NI"},
    {"mornings", "MO"}, {"nights", "NI"},    {"evenings", "EV"}, {"afternoons", "AF"},
};

// Time-zone abbreviations news uses, with their UTC offsets in minutes.
constexpr Entry kZones[] = {
    {"gmt", 0, 0},    {"utc", 0, 0},    {"est", -300, 0}, {"edt", -240, 0}, {"cst", -360, 0},
    {"cdt", -300, 0}, {"mst", -420, 0}, {"mdt", -360, 0}, {"pst", -480, 0}, {"pdt", -420, 0},
    {"bst", 60, 0},   {"cet", 60, 0},   {"cest", 120, 0}, {"ist", 330, 0},  {"jst", 540, 0},
    {"msk", 180, 0},  {"aest", 600, 0}, {"hkt", 480, 0},  {"sgt", 480, 0},  {"eet", 120, 0},
    {"eest", 180, 0}, {"wib", 420, 0},  {"pkt", 300, 0},
};

// Deictic words. Codes: see ref_value().
enum Ref { kPresentRef = 1, kPastRef, kFutureRef, kToday, kYesterday, kTomorrow, kTonight };
constexpr Entry kRefs[] = {
    {"now", kPresentRef, 0},      {"currently", kPresentRef, 0}, {"presently", kPresentRef, 0},
    {"nowadays", kPresentRef, 0}, {"recently", kPastRef, 0},     {"lately", kPastRef, 0},
    {"soon", kFutureRef, 0},      {"today", kToday, 0},          {"yesterday", kYesterday, 0},
    {"tomorrow", kTomorrow, 0},   {"tonight", kTonight, 0},
};

constexpr Entry kSetWords[] = {
    {"daily", int(Unit::Day), 0},     {"nightly", int(Unit::Day), 0},        {"weekly", int(Unit::Week), 0},
    {"monthly", int(Unit::Month), 0}, {"annually", int(Unit::Year), 0},      {"yearly", int(Unit::Year), 0},
    {"hourly", int(Unit::Hour), 0},   {"biweekly", int(Unit::Fortnight), 0},
};

constexpr Entry kClockWords[] = {{"noon", 720, 0}, {"midday", 720, 0}, {"midnight", 0, 0}};

// ---------------------------------------------------------------------------
// 2. Scanner
// ---------------------------------------------------------------------------

struct Word {
  Offset b = 0, e = 0;
  std::string_view key;  // lower-cased text, without an absorbed abbreviation dot
  const Lex* lex = nullptr;
  std::uint32_t mask = 0;
  std::uint8_t flags = 0;
  std::int64_t num = 0;  // digits value, clock minutes, decade start year
  std::uint8_t ndigits = 0;
  std::uint32_t sentence = 0;
};

// Titles and "vs." never end a sentence ("said Mr. Jones on Friday", "Roe vs.
// Wade"): their dot is kept with the word, so the clause and the sentence go on.
bool is_title_abbreviation(std::string_view k) {
  if (k.size() > 6) return false;
  return contains(kTitleAbbreviations, k);
}

// The dot at `j` is followed by a comma, or by spaces and a lower-case word.
bool abbreviation_dot(std::string_view text, size_t j) {
  size_t k = j + 1;
  if (k < text.size() && text[k] == ',') return true;
  if (k >= text.size() || text[k] != ' ') return false;
  while (k < text.size() && text[k] == ' ') ++k;
  return k < text.size() && text[k] >= 'a' && text[k] <= 'z';
}

bool is_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Byte length of a Unicode space at `i` (no-break space, en/em/thin spaces,
// narrow no-break space, ideographic space), 0 otherwise.
size_t unicode_space(std::string_view t, size_t i) {
  const auto b = [&](size_t k) { return k < t.size() ? static_cast<unsigned char>(t[k]) : 0; };
  if (b(i) == 0xC2 && b(i + 1) == 0xA0) return 2;
  if (b(i) == 0xE2 && b(i + 1) == 0x80 && ((b(i + 2) >= 0x80 && b(i + 2) <= 0x8A) || b(i + 2) == 0xAF))
    return 3;
  if (b(i) == 0xE3 && b(i + 1) == 0x80 && b(i + 2) == 0x80) return 3;
  return 0;
}

bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// The length of the white space at byte i (ASCII or Unicode), 0 if none.
size_t space_at(std::string_view t, size_t i) {
  const unsigned char c = static_cast<unsigned char>(t[i]);
  return c < 0x80 ? (is_space(c) ? 1 : 0) : unicode_space(t, i);
}

// ---------------------------------------------------------------------------
// 3. Grammar
// ---------------------------------------------------------------------------

enum class AtomKind : std::uint8_t {
  Class,     // a lexicon class (mask)
  Literal,   // one word
  Punct,     // one punctuation character
  Num,       // a cardinal: digits or number words ("twenty four", "twenty-four")
  Day,       // 1..31 as digits or ordinal digits
  Year,      // four digits
  Ord,       // ordinal word or ordinal digits
  IsoDate,   // 2016-12-15
  SlashDate  // 15/12/2016, 12/15/2016, 12/15/16
};

struct Atom {
  AtomKind kind = AtomKind::Class;
  std::uint32_t mask = 0;
  std::string word;
  const Lex* lex = nullptr;  // the literal's lexicon entry: compared by address
  char punct = 0;
  std::uint8_t need_flags = 0;    // kPlural: plural only
  std::uint8_t reject_flags = 0;  // kPlural: singular only
};

struct Element {
  std::vector<Atom> alts;
  bool optional = false, glued = false, context = false;
  char name = 0;
};

struct Capture {
  int first = -1;  // word index
  int count = 0;
  long value = 0;         // number, month, day, year...
  std::string_view word;  // the first word's key
  const Word* w = nullptr;
  bool present() const { return first >= 0; }
};

struct Match {
  int begin = 0, end = 0;          // word range of the extent
  std::array<Capture, 26> caps{};  // by capture name 'a'..'z'
  const Capture& operator[](char c) const { return caps[static_cast<unsigned char>(c - 'a') % 26]; }
  Capture& at(char c) { return caps[static_cast<unsigned char>(c - 'a') % 26]; }
};

struct Result {
  std::string type, value, end, mod, anchor;
  Span begin_span, end_span;  // an interval's ends when written apart (TimeExpr)
  Gran gran = Gran::Day;      // of value, when it is a calendar value
  bool derived = false;       // computed by shifting another time ("a year earlier")
  bool calendar = false;      // value is a calendar point (anchorable)
  bool fiscal = false;        // a fiscal quarter or half: its label, not calendar months
  bool part = false;          // a part of a day written as the day ("Friday morning"): no clock joins it
  bool compared = false;      // a comparison's point ("up 0.04 from Thursday's settlement"): no anchor
  bool year_before = false;   // the year right before the match is part of it ("1986 year end")
  int extra_end = 0;          // words after the match that are part of it ("May 11-21")
  int extra_begin = 0;        // words before the match that are part of it ("4-1/2 year")
  int at = -1;                // its first word, once committed
};

struct Ctx;
using Normaliser = bool (*)(const Ctx&, const Match&, Result&);

struct RuleDef {
  std::string_view family;
  std::string_view pattern;
  Normaliser norm;
};

struct Rule {
  std::vector<Element> elements;
  Normaliser norm;
  std::uint32_t first_mask = 0;  // classes that may start a match
  bool any_start = false;
  // What the elements after the first, up to the first required one, accept
  // (word classes and literal words), when the first element always takes
  // one word: a match has such a word next (or, the first element being
  // optional, at its start). See may_match_at.
  bool next_test = false;
  std::uint32_t next_mask = 0;
  std::vector<const Lex*> next_lits;
};

// Context of one call: the words, the DCT, and the times committed so far.
struct Ctx {
  const Analysis* a = nullptr;
  std::string_view text;
  std::vector<Word> words;
  std::optional<CalValue> dct;               // at its granularity (Year, Month, Day or Minute)
  std::vector<std::pair<int, Result>> done;  // (sentence, result) of committed times
  int sentence_of_match = 0;
  mutable std::optional<bool> match_play;  // tells_match_play(), found once when first asked
  mutable std::optional<bool> day_first;   // day_first_document(), likewise

  bool has_dct_day() const { return dct && dct->gran >= Gran::Day; }
  CalValue dct_day() const {
    CalValue d = *dct;
    d.gran = Gran::Day;
    d.tag.clear();
    return d;
  }
};

// --- helpers for normalisers ------------------------------------------------

// Present tense is kept apart: it points to the future for weekdays ("he
// meets on Friday") but says little for months.
enum class Tense { Unknown, Past, Future, Present };

bool set_value(Result& r, const CalValue& v, std::string type = "DATE") {
  std::string s = timex::format(v);
  if (s.empty()) return false;
  r.value = std::move(s);
  r.type = std::move(type);
  r.gran = v.gran;
  r.calendar = true;
  return true;
}

void set_plain(Result& r, std::string value, std::string type) {
  r.value = std::move(value);
  r.type = std::move(type);
  r.calendar = false;
}

// Lexical tense cues, a closed list of English auxiliaries and common
// irregular past forms (general knowledge, not fitted to any text).
bool is_past_word(std::string_view w) {
  static const std::unordered_map<std::string_view, bool> kPast = [] {
    std::unordered_map<std::string_view, bool> m;
    for (std::string_view s : kPastCues) m.emplace(s, true);
    return m;
  }();
  if (kPast.count(w)) return true;
  if (w.size() >= 5 && w.ends_with("ed") && !contains(kEdNotPast, w)) return true;
  return false;
}

bool is_future_word(std::string_view w) { return contains(kFutureCues, w); }

bool is_subject_pronoun(std::string_view w) {
  return w == "he" || w == "she" || w == "it" || w == "they" || w == "we" || w == "i" || w == "you" ||
         w == "who";
}

bool clause_stop(const Word& w) {
  if (w.mask & kPunct) {
    char c = w.key.empty() ? 0 : w.key[0];
    return c == '.' || c == '!' || c == '?' || c == ';';
  }
  return false;
}

// The POS tag of the word from the tagger, when it ran.
std::string_view xpos_of(const Ctx& c, const Word& w) {
  const auto& toks = c.a->tokens;
  if (toks.empty()) return {};
  auto it = std::lower_bound(toks.begin(), toks.end(), w.b,
                             [](const Token& t, Offset off) { return t.span.start < off; });
  if (it == toks.end() || it->span.start != w.b) return {};
  return it->xpos;
}

// The word at `i`, right after "to", is a verb: by its tag when the tagger
// ran, else when it is not a determiner, a possessive, a number or a name.
bool verb_after_to(const Ctx& c, int i) {
  const Word& w = c.words[i];
  std::string_view x = xpos_of(c, w);
  if (!x.empty()) return x == "VB";
  if ((w.mask & (kDigits | kOtherNum)) || (w.flags & kCapital) || (w.mask & kPunct)) return false;
  // A plural noun ("due to snowstorms"); base forms ending in "-ss" or
  // "-us" ("to discuss", "to focus") stay verbs.
  if (w.key.size() > 3 && w.key.ends_with("s") && !w.key.ends_with("ss") && !w.key.ends_with("us"))
    return false;
  return !contains(kNotVerbAfterTo, w.key);
}

// Tense of one word: strong past/future, weak present (counts as future), none.
int cue_of(const Ctx& c, int i) {
  const Word& w = c.words[i];
  if (!(w.mask == 0 || (w.mask & kLit) || (w.mask & kRef))) return 0;
  const int nw = static_cast<int>(c.words.size());
  // "next to the embassy" is a place.
  if (w.key == "next" && i + 1 < nw && c.words[i + 1].key == "to") return 0;
  // "due to snowstorms", "due to its issue": "because of", not a plan; "due
  // to expire" (a verb after "to") stays one.
  if (w.key == "due" && i + 2 < nw && c.words[i + 1].key == "to" && !verb_after_to(c, i + 2)) return 0;
  // "is likely to rise in March", "unlikely to resume before June": a forecast of what is to come,
  // whatever the tense of "be" before it ("was likely to").
  if ((w.key == "likely" || w.key == "unlikely") && i + 2 < nw && c.words[i + 1].key == "to" &&
      verb_after_to(c, i + 2))
    return 2;
  // "unrest slated for the autumn": a schedule, whatever the tense or the tag.
  if (w.key == "slated") return 2;
  // "a special meeting set for December 31", "talks are set for Monday": a schedule. Not "set to",
  // which as often leads elsewhere ("look set to move lower even after Monday's cut").
  if (w.key == "set" && i + 1 < nw && c.words[i + 1].key == "for") return 2;
  // "Closing of the transaction is anticipated in August": a plan in the passive; "investors
  // anticipated an announcement" is a past verb.
  if (w.key == "anticipated" && i > 0) {
    if (contains(kBePresent, c.words[i - 1].key)) return 2;
  }
  // "lower than expected", "as planned": a comparison with a plan, no tense.
  // "an expected 1.324 mln this month, 1.323 in February", "the planned 100 pct tariff": after an
  // article or a possessive the word is an adjective of a noun, no verb of the clause.
  if (i > 0 &&
      (w.key == "expected" || w.key == "planned" || w.key == "scheduled" || w.key == "anticipated")) {
    if (contains(kNoTenseBeforePlan, c.words[i - 1].key)) return 0;
  }
  // "is to be held", "are to begin": "be to" with a verb is a plan, the
  // future ("The first referendum is to be held from November 20").
  if ((w.key == "is" || w.key == "are" || w.key == "am") && i + 2 < nw && c.words[i + 1].key == "to" &&
      verb_after_to(c, i + 2))
    return 2;
  // "had been due to expire Friday": a plan in the past perfect is one
  // whose time has passed.
  if (i >= 2 && c.words[i - 1].key == "been" && c.words[i - 2].key == "had" && is_future_word(w.key))
    return 1;
  std::string_view x = xpos_of(c, w);
  if (!x.empty()) {
    if (x == "VBD") return 1;
    // A base form with no "to", modal or "do" before it heading its clause
    // ("Netanyahu and Arafat meet separately Monday") is a present tense
    // the tagger read as an infinitive.
    if (x == "VB") {
      for (int k = i - 1; k >= 0 && k >= i - 3; --k) {
        std::string_view p = c.words[k].key;
        std::string_view px = xpos_of(c, c.words[k]);
        // "demanding that Iraq withdraw": a subjunctive after "that" is no tense.
        if (p == "to" || px == "MD" || px == "TO" || p == "do" || p == "does" || p == "did" || p == "not" ||
            p == "that" || p == "let" || p == "help" || p == "make" || p == "n't" || p == "t" ||
            p == "please")
          return is_future_word(w.key) ? 2 : 0;
        if (clause_stop(c.words[k]) || (c.words[k].mask & kPunct)) break;
      }
      return is_future_word(w.key) ? 2 : 3;
    }
    if (x == "MD") return (w.key == "will" || w.key == "shall" || w.key == "ll" || w.key == "wo") ? 2 : 0;
    if (x == "VBN") {
      // "OPEC has scheduled a regular meeting in June": a plan in the present perfect still stands
      // (in the past perfect, "had scheduled", its time has passed).
      for (int k = i - 1; k >= 0 && k >= i - 3; --k) {
        if (c.words[k].key == "has" || c.words[k].key == "have") return is_future_word(w.key) ? 2 : 1;
        if (c.words[k].key == "had") return 1;
      }
      // After a form of "be" the auxiliary carries the tense ("was told",
      // "will be signed"); a bare participle is a reduced relative clause
      // about something done ("shares issued July 1", "the injunction
      // issued Thursday"), unless it is a word of plans ("expected",
      // "planned").
      if (is_future_word(w.key)) return 2;  // "are supposed to", "is expected to", as without tags
      if (i > 0 && contains(kBeForms, c.words[i - 1].key)) return 0;
      return is_past_word(w.key) ? 1 : 0;
    }
    if (x == "VBZ" || x == "VBP") {
      if (w.key == "has" || w.key == "have") return 1;
      // "expects to hold a special meeting in May", "intends to": a plan, as without tags.
      if (is_future_word(w.key)) return 2;
      // A present tag on an irregular past form ("the bullet that tore") is
      // a tagging slip; forms shared with the present ("put", "set") stay.
      if (!w.key.ends_with("ed") && is_past_word(w.key) && !contains(kPastAlsoPresent, w.key)) return 1;
      return 3;
    }
    // "were planning to", "is going to": a plan, as without tags.
    if (x[0] == 'V') return is_future_word(w.key) ? 2 : 0;
  }
  if (is_future_word(w.key)) return 2;
  if (is_past_word(w.key)) {
    // A passive participle ("will be signed", "will be held") says nothing
    // by itself: the auxiliary before it carries the tense.
    if (i > 0) {
      std::string_view p = c.words[i - 1].key;
      if (p == "be" || p == "been" || p == "being") return 0;
      if (p == "is" || p == "are" || p == "am") return 3;
    }
    return 1;
  }
  if (w.key == "is" || w.key == "are" || w.key == "am") return 3;
  if (i > 0 && w.key.size() > 2 && w.key.back() == 's' && is_subject_pronoun(c.words[i - 1].key)) return 3;
  return 0;
}

// "postponed until Tuesday", "put off the vote until next month", "extended
// the deadline to Friday", "rescheduled for May", "deferred by June": a time
// something was put off to lies after the decision, which a news story reports
// soon after it is taken, so the coming one whatever the tense of the deferring
// verb. The time it was put off from ("postponed from March", "delayed since
// April") is the past one. After "in" ("postponed in January") the decision's
// own time, which the tense decides. "delay(s)" is as often a noun ("delays
// on March shipments"), so only before "until" or "to".
Tense deferred_to(const Ctx& c, int b) {
  if (b < 2) return Tense::Unknown;
  std::string_view p = c.words[b - 1].key;
  const bool until = p == "until" || p == "till" || p == "to";
  const bool ahead = until || p == "for" || p == "on" || p == "by";
  const bool back = p == "from" || p == "since";
  if (!ahead && !back) return Tense::Unknown;
  for (int k = b - 2; k >= 0 && k >= b - 6; --k) {
    const Word& w = c.words[k];
    if (clause_stop(w) || (w.mask & kPunct) || (c.words[k + 1].flags & kBreakBefore)) return Tense::Unknown;
    if (contains(kDeferVerbs, w.key)) {
      // "off" only in "put off", "called off" is a cancellation.
      if (w.key == "off" && !(k > 0 && (c.words[k - 1].key == "put" || c.words[k - 1].key == "putting")))
        return Tense::Unknown;
      // "extended to", "put off until": only a time reached.
      const bool only_until = w.key == "delay" || w.key == "delays" || w.key == "delayed" ||
                              w.key.starts_with("extend") || w.key == "off" || w.key == "adjourned";
      if (only_until) return until ? Tense::Future : Tense::Unknown;
      return ahead ? Tense::Future : Tense::Past;
    }
    if (w.mask != 0 && !(w.mask & kLit)) return Tense::Unknown;  // another time in between
  }
  return Tense::Unknown;
}

bool modifies_noun(const Ctx& c, int i);

// "in office since May 18, will be the first", "down about four since
// Thursday, when": what has held since a time began before the story, whatever
// the clause's tense. Only the preposition: "since" as a conjunction has a
// clause of its own, the time its subject or a noun's modifier ("since Easter
// falls late in April", "since spring planting will be underway", "since
// April registrations were closed").
bool since_time(const Ctx& c, int b, int e) {
  // "since mid-December", "since the end of March": the modifier before the time.
  for (int n = 0; n < 4 && b > 0 && contains(kSinceModifiers, c.words[b - 1].key); ++n) --b;
  if (b < 1 || c.words[b - 1].key != "since") return false;
  if (e >= static_cast<int>(c.words.size()) || clause_stop(c.words[e]) || (c.words[e].flags & kBreakBefore))
    return true;
  const Word& n = c.words[e];
  std::string_view x = xpos_of(c, n);
  if (!x.empty()) return !(x.starts_with("NN") || x.starts_with("V") || x == "MD");
  return !modifies_noun(c, e) && !is_past_word(n.key) && !is_future_word(n.key) && n.key != "is" &&
         n.key != "are";
}

// Past or future, from the nearest tense cue in the same clause.
Tense tense_near(const Ctx& c, int b, int e) {
  if (Tense d = deferred_to(c, b); d != Tense::Unknown) return d;
  if (since_time(c, b, e)) return Tense::Past;
  int weak = 0;
  for (int k = b - 1, n = 0; k >= 0 && n < 14; --k, ++n) {
    if (clause_stop(c.words[k]) || (c.words[k + 1].flags & kBreakBefore)) break;
    int cue = cue_of(c, k);
    if (cue == 1) return Tense::Past;
    if (cue == 2) return Tense::Future;
    // "the 1987/88 season, which begins August 1": the present verb of a relative clause holding
    // the time is its verb; the main clause's past tense before it ("were the major buyers") is not.
    if (cue == 3 && !weak && k > 0 &&
        (c.words[k - 1].key == "which" || c.words[k - 1].key == "that" || c.words[k - 1].key == "when" ||
         (k > 1 && c.words[k - 2].key == "when")))
      return Tense::Present;
    if (cue == 3 && !weak) weak = 3;
  }
  // A time phrase fronted before a comma ("In January, a week after the
  // anniversary, a bombing killed a guard") modifies the main clause, whose
  // verb may come well after the comma.
  int reach = 6;
  {
    int s = b;
    if (s > 0) {
      std::string_view p = c.words[s - 1].key;
      if (p == "in" || p == "on" || p == "since" || p == "by" || p == "until" || p == "after" ||
          p == "before" || p == "during" || p == "from" || p == "through" || p == "at")
        --s;
    }
    const bool starts = s == 0 || clause_stop(c.words[s - 1]) || (c.words[s].flags & kBreakBefore);
    if (starts && e < static_cast<int>(c.words.size()) && c.words[e].key == ",") reach = 30;
  }
  for (int k = e, n = 0; k < static_cast<int>(c.words.size()) && n < reach; ++k, ++n) {
    if (clause_stop(c.words[k]) || (c.words[k].flags & kBreakBefore)) break;
    int cue = cue_of(c, k);
    if (cue == 1) return Tense::Past;
    if (cue == 2) return Tense::Future;
    if (cue == 3 && !weak) weak = 3;
  }
  return weak ? Tense::Present : Tense::Unknown;
}

// The last calendar value in the same sentence (or the previous one when
// `prev_sentence`), for anchoring "later"/"earlier" expressions.
const Result* last_time(const Ctx& c, bool prev_sentence) {
  for (auto it = c.done.rbegin(); it != c.done.rend(); ++it) {
    if (it->first != c.sentence_of_match && !(prev_sentence && it->first + 1 == c.sentence_of_match)) break;
    if (it->second.calendar && !it->second.compared) return &it->second;
  }
  return nullptr;
}

// The last calendar value in this or the `n` sentences before.
const Result* last_time_within(const Ctx& c, int n) {
  for (auto it = c.done.rbegin(); it != c.done.rend(); ++it) {
    if (it->first + n < c.sentence_of_match) break;
    if (it->second.calendar && !it->second.compared) return &it->second;
  }
  return nullptr;
}

// The quarter a report is about, when a quarter was mentioned in this or the
// five sentences before: the first quarter of the DCT's year or the year
// before that the document names. An earnings story names its quarter first;
// later ones ("after a flat second quarter") are asides, and "the 1989 period"
// or "a year ago" still refer to the story's quarter.
const Result* report_quarter(const Ctx& c) {
  const Result* near = nullptr;
  for (auto it = c.done.rbegin(); it != c.done.rend(); ++it) {
    if (it->first + 5 < c.sentence_of_match) break;
    if (it->second.calendar && it->second.gran == Gran::Quarter && !it->second.derived) {
      near = &it->second;
      break;
    }
  }
  if (!near) return nullptr;
  // "First quarter net income fell ... from 7.4 mln dlrs a year ago" after a forecast for the
  // second quarter: the quarter a sentence is about, its first, is the one compared ("rose in the
  // fourth quarter, after 0.2 pct in the third quarter and 1.1 pct a year earlier": the fourth).
  // Not a quarter the sentence compares with ("rose to 1.52 billion from 555 mln in the third
  // quarter, against 520 mln a year earlier", "compared with rises of 2.6 pct in the third quarter
  // and 2.8 pct a year earlier": the quarter reported is named before).
  const Result* first_here = nullptr;
  for (auto it = c.done.rbegin(); it != c.done.rend() && it->first == c.sentence_of_match; ++it)
    if (it->second.calendar && it->second.gran == Gran::Quarter && !it->second.derived)
      first_here = &it->second;
  if (first_here && !first_here->fiscal && first_here->at >= 0) {
    bool compared = false;
    for (int k = first_here->at - 1;
         k >= 0 && static_cast<int>(c.words[k].sentence) == c.sentence_of_match && !compared; --k)
      compared = contains(kCompareWords, c.words[k].key);
    if (!compared) return first_here;
  }
  // A fiscal quarter is a label ("the fiscal first quarter" reported in
  // October), so it cannot say which quarter a later story in the same
  // article is about; only the nearest mention may name it.
  for (const auto& [s, res] : c.done) {
    if (!res.calendar || res.gran != Gran::Quarter || res.derived || res.fiscal) continue;
    auto q = timex::parse(res.value);
    if (q && (!c.dct || q->year >= c.dct->year - 1)) return &res;
  }
  return near;
}

// "the same period last year", "the corresponding quarter last year", "last
// year's quarter": the period the report is about, a year back. Right after
// a length named in the sentence ("For the nine months, ... the same period
// last year") or with no quarter in sight, the year before the DCT's.
bool n_year_ago_period(const Ctx& c, const Match&, Result& r) {
  const bool after_period = !c.done.empty() && c.done.back().first == c.sentence_of_match &&
                            c.done.back().second.type == "DURATION";
  const Result* q = after_period ? nullptr : report_quarter(c);
  std::optional<CalValue> base;
  if (q) base = timex::parse(q->value);
  if (base) {
    r.anchor = "t";
  } else if (c.dct) {
    base = timex::coarsen(*c.dct, Gran::Year);
    r.anchor = "dct";
  }
  if (!base) {
    set_plain(r, "PAST_REF", "DATE");
    return true;
  }
  auto s = timex::shift(*base, -1, Unit::Year);
  r.derived = true;
  return s && set_value(r, *s);
}

// "quarter-to-quarter", "year-to-year", "day-to-day", "year-on-year": a
// unit in a "-to-" or "-on-" compound adjective is a manner of comparison,
// not a time.
bool in_to_compound(const Ctx& c, int i) {
  const auto& w = c.words;
  const int n = static_cast<int>(w.size());
  auto glued = [&](int k) { return k >= 0 && k < n && !(w[k].flags & kSpaceBefore); };
  auto to_on = [&](int k) { return w[k].key == "to" || w[k].key == "on"; };
  if (i + 2 < n && w[i + 1].key == "-" && to_on(i + 2) && glued(i + 1) && glued(i + 2)) return true;
  if (i - 2 >= 0 && w[i - 1].key == "-" && to_on(i - 2) && glued(i) && glued(i - 1)) return true;
  return false;
}

// Month/day without a year: the year by tense around the DCT.
int resolve_year(const Ctx& c, int month, int day, Tense t) {
  if (t == Tense::Future && day == 0 && month == (c.dct->month ? c.dct->month : 0)) return c.dct->year;
  const CalValue& d = *c.dct;
  const int dm = d.month ? d.month : 6;
  const int dd = d.day ? d.day : 15;
  const int key = month * 100 + (day ? day : 15), dkey = dm * 100 + dd;
  if (day) {
    // A day within a few weeks of the DCT is that one, whatever the tense
    // ("to be returned by Jan. 14" in a January 6 article).
    const int doy = (month - 1) * 31 + day, ddoy = (dm - 1) * 31 + dd;
    if (std::abs(doy - ddoy) <= 31) return d.year;
    // Payment dates, deadlines: a day within four months ahead is the coming one.
    const int ahead = (doy - ddoy + 372) % 372;
    if (ahead <= 124) return doy >= ddoy ? d.year : d.year + 1;
    // "The current contract expires September 15", "the season begins Oct 1" (a March story): a day
    // told in the present tense up to half a year ahead is the coming one too.
    if (t == Tense::Present && ahead <= 186) return doy >= ddoy ? d.year : d.year + 1;
    if (doy - ddoy > 31 * 11) return d.year - 1;
    if (ddoy - doy > 31 * 11) return d.year + 1;
  }
  const bool present = t == Tense::Present;
  if (present) t = Tense::Unknown;
  // A month just ahead of the DCT is the coming one: news rarely names a
  // month ten or more months back without its year. Told in the present
  // ("the season begins in September", "talks resume in August" in a March
  // story), up to half a year ahead, as days are above.
  if (day == 0) {
    const int ahead = (month - dm + 12) % 12;
    if (ahead > 0 && (ahead <= 1 || (ahead <= 4 && t != Tense::Past) || (ahead <= 6 && present)))
      return month > dm ? d.year : d.year + 1;
  }
  if (t == Tense::Past) return key <= dkey || (day == 0 && month == dm) ? d.year : d.year - 1;
  if (t == Tense::Future) return key >= dkey || (day == 0 && month == dm) ? d.year : d.year + 1;
  // Unknown: news mostly looks back; the coming months only when close.
  int ahead = (month - dm + 12) % 12;  // months from the DCT's month forward
  if (ahead == 0) return d.year;
  if (ahead <= 3) return month > dm ? d.year : d.year + 1;
  return month < dm ? d.year : d.year - 1;
}

// --- normalisers -------------------------------------------------------------

// The word at `i` is written in capitals, `min_len` letters or more ("DEC",
// "IBM"), an abbreviation dot aside.
bool all_caps(const Ctx& c, int i, size_t min_len) {
  std::string_view t = c.text.substr(c.words[i].b, c.words[i].e - c.words[i].b);
  if (!t.empty() && t.back() == '.') t.remove_suffix(1);
  if (t.size() < min_len) return false;
  return std::all_of(t.begin(), t.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
}

// The word at `i` is a common noun or adjective a time word before it
// modifies ("February trade data", "the August budget"): by its tag when the
// tagger ran, else a lower-case word that is no function word or tense cue.
bool modifies_noun(const Ctx& c, int i) {
  const Word& w = c.words[i];
  if (w.mask != 0 || (w.flags & kCapital) || !(w.flags & kSpaceBefore)) return false;
  std::string_view x = xpos_of(c, w);
  if (!x.empty()) return x.starts_with("NN") || x.starts_with("JJ");
  if (contains(kFunctionWords, w.key)) return false;
  return !is_past_word(w.key) && !is_future_word(w.key) && !w.key.ends_with("ly");
}

// The word at `i` names a trade's term for the month before it ("for March shipment", "April/May
// delivery", "May futures"): a month yet to come, as commodity and futures markets quote only
// months ahead, however the verbs around it are told ("sugar sold at 160 dlrs for July/August
// shipment"), and so is a futures contract named by its month ("the June contract", "the May and
// July contracts"). A contract signed in a month is "under the January contract" (quoted_ahead).
bool trade_term(const Ctx& c, int i) {
  const int n = static_cast<int>(c.words.size());
  // "Mar/Apr shipment": the first month of a pair is the term's too.
  while (i + 1 < n && (c.words[i].key == "/" || c.words[i].key == "-") && (c.words[i + 1].mask & kMonth))
    i += 2;
  return i < n && (c.words[i].flags & kSpaceBefore) && contains(kTradeTerms, c.words[i].key);
}

bool prev_is(const Ctx& c, const Match& m, std::initializer_list<std::string_view> words) {
  if (m.begin == 0) return false;
  std::string_view k = c.words[m.begin - 1].key;
  for (auto w : words)
    if (k == w) return true;
  return false;
}

// A month quoted for a trade's term is the coming one, unless its phrase says it was the last
// such term ("up from 13.80 for the last May to September shipment").
bool quoted_ahead(const Ctx& c, const Match& m) {
  if (!trade_term(c, m.end)) return false;
  for (int k = m.begin - 1; k >= 0 && k >= m.begin - 5; --k) {
    std::string_view p = c.words[k].key;
    if (p == "last" || p == "previous") return false;
    // "Under the January contract Aramco was to purchase": the terms of an agreement made then.
    if (p == "under") return false;
    if ((c.words[k].mask & kPunct) || p == "for" || p == "at" || p == "in" || p == "of" || p == "on") break;
  }
  return true;
}

// Explicit or partial calendar dates: captures y (year), m (month), d (day), w (weekday).
// "the March accession", "its May elections": a capitalised "March" or
// "May" between a determiner and a lower-case noun is the month (not "the
// march on Washington", "the March Hare").
bool month_before_noun(const Ctx& c, const Match& m) {
  if (!(c.words[m.begin].flags & kCapital) || m.begin == 0 || m.end >= static_cast<int>(c.words.size()))
    return false;
  if (!prev_is(c, m, {"the", "its", "their", "his", "her", "our", "a"})) return false;
  const Word& n = c.words[m.end];
  return n.mask == 0 && !(n.flags & kCapital) && is_alpha(static_cast<unsigned char>(n.key[0])) &&
         !contains(kPrepsAfterMonthNoun, n.key);
}

// "books close May 11-21", "for Oct 15-30 shipment": a run of days after a month is one interval
// (value = its first day, end given), as "1994-97" is; the extent takes the second day.
void day_range_end(const Ctx& c, const Match& m, const CalValue& first, Result& r) {
  const int n = static_cast<int>(c.words.size()), k = m.end;
  if (k + 1 >= n) return;
  const Word &h = c.words[k], &d2 = c.words[k + 1];
  if (h.key != "-" || (h.flags & kSpaceBefore) || (d2.flags & kSpaceBefore) || !(d2.mask & kDigits) ||
      d2.ndigits > 2 || d2.num <= first.day)
    return;
  if (k + 2 < n && !(c.words[k + 2].flags & kSpaceBefore) && !(c.words[k + 2].mask & kPunct)) return;
  auto e = timex::make_day(first.year, first.month, static_cast<int>(d2.num));
  if (!e) return;
  r.end = timex::format(*e);
  r.extra_end = 2;
}

bool glued_at(const std::vector<Word>& w, int i);

bool n_date(const Ctx& c, const Match& m, Result& r) {
  const Capture &y = m['y'], &mo = m['m'], &d = m['d'], &w = m['w'];
  // "the 4-1/2 Apr 2006 bond": a fraction's denominator is no day (the month and year still are).
  if (d.present() && d.first >= 2 && !(c.words[d.first].flags & kSpaceBefore) &&
      c.words[d.first - 1].key == "/" && !(c.words[d.first - 1].flags & kSpaceBefore) &&
      (c.words[d.first - 2].mask & kDigits))
    return false;
  // "the April 10-year bond": a number hyphened to a unit counts the unit, it is no day.
  if (d.present() && d.first + 2 < static_cast<int>(c.words.size()) && c.words[d.first + 1].key == "-" &&
      glued_at(c.words, d.first + 1) && glued_at(c.words, d.first + 2) && (c.words[d.first + 2].mask & kUnit))
    return false;
  const bool only_year = y.present() && !mo.present() && !d.present() && !w.present();
  if (only_year) {
    if (m.begin > 0) {
      const Word& p = c.words[m.begin - 1];
      if (p.key == "$" || p.key == "#" || (p.mask & (kDigits | kOtherNum)) || p.key == "no" ||
          p.key == "number")
        return false;
      // "(NYFD 2044) WASHINGTON -", "(MRUA 2019, NYFK 2123)": a wire service's story code and
      // filing time in brackets, no year.
      if (m.begin >= 2 && (c.words[m.begin - 2].key == "(" || c.words[m.begin - 2].key == ",") &&
          all_caps(c, m.begin - 1, 4) && m.end < static_cast<int>(c.words.size()) &&
          (c.words[m.end].key == ")" || c.words[m.end].key == ","))
        return false;
    }
    if (m.end < static_cast<int>(c.words.size())) {
      const Word& n = c.words[m.end];
      if (n.key == "%" || n.key == "percent" || n.key == "pct" || (n.mask & kUnit) ||
          (n.key == ":" && !(n.flags & kSpaceBefore)))
        return false;
      if ((n.key == "-" || n.key == "/" || n.key == ".") && !(n.flags & kSpaceBefore) &&
          m.end + 1 < static_cast<int>(c.words.size()) && (c.words[m.end + 1].mask & kDigits) &&
          !(c.words[m.end + 1].flags & kSpaceBefore))
        return false;
    }
    // "a joint venture called Orion 1980", "Vision 2030": a bare year right
    // after a capitalised word outside the lexicon, inside a sentence, is
    // part of a name (as "Theresa May" is for months).
    if (m.begin >= 2) {
      const Word& p = c.words[m.begin - 1];
      if ((p.flags & kCapital) && p.mask == 0 && !(p.flags & kBreakBefore) && (p.flags & kSpaceBefore) &&
          (y.w->flags & kSpaceBefore) && !clause_stop(c.words[m.begin - 2]) &&
          c.words[m.begin - 2].key != "\"" && c.words[m.begin - 2].key != "`" &&
          c.words[m.begin - 2].key != "(")
        return false;
    }
    // "a survey of 1709 schoolchildren": a number far from the story's time
    // before a plural noun counts things.
    if (m.end < static_cast<int>(c.words.size()) &&
        (y.value < 1900 || (c.dct && y.value > c.dct->year + 30))) {
      const Word& nx = c.words[m.end];
      std::string_view x = xpos_of(c, nx);
      if (nx.mask == 0 && !(nx.flags & kCapital) && (x.empty() ? nx.key.ends_with("s") : x == "NNS"))
        return false;
    }
    if (y.value < 1900 || y.value > 2099) {
      if (!prev_is(c, m,
                   {"in", "since", "from", "until", "by", "of", "to", "before", "after", "during", "early",
                    "late", "mid", "fiscal", "circa", "between", "through", "till", "year"}))
        return false;
    }
  }
  if (mo.present() && !y.present() && !d.present() && !w.present()) {
    const Word& mw = *mo.w;
    if (mw.flags & kAmbiguous) {
      if (!prev_is(c, m, {"in",     "since", "until", "by",      "last", "next",    "this",
                          "early",  "late",  "mid",   "of",      "from", "through", "during",
                          "before", "after", "till",  "between", "-",    "and",     "or"}) &&
          !month_before_noun(c, m) && !((mw.flags & kCapital) && trade_term(c, m.end)))
        return false;
    }
    // "IBM and DEC.": a month abbreviation in capitals with no day or year,
    // among words that are not in capitals (a headline's), is a name.
    if (all_caps(c, mo.first, 3)) {
      auto same_line = [&](int a, int b) {
        return c.text.substr(c.words[a].e, c.words[b].b - c.words[a].e).find('\n') == std::string_view::npos;
      };
      const int nw = static_cast<int>(c.words.size());
      const bool headline = (m.begin > 0 && same_line(m.begin - 1, m.begin) && all_caps(c, m.begin - 1, 2)) ||
                            (m.end < nw && same_line(m.end - 1, m.end) && all_caps(c, m.end, 2));
      if (!headline) return false;
    }
    // "Theresa May", "Paris Match": a month after a capitalised word is a
    // name; a capitalised determiner starting a sentence is no name ("The
    // March accession will").
    if (m.begin > 0) {
      const Word& p = c.words[m.begin - 1];
      const bool determiner = contains(kDeterminers, p.key);
      if ((p.flags & kCapital) && p.mask == 0 && !(p.flags & kBreakBefore) && !determiner) return false;
    }
  }
  // "payable May one", "record April three" (wire style), "March eighth": a
  // capitalised month and a day in words, not "may one day", "January two
  // years ago" nor "the May second quarter".
  if (d.present() && d.w && (d.w->mask & (kNumWord | kOrdWord)) && !(d.w->mask & kOrdNum)) {
    if (!mo.present() || !(mo.w->flags & kCapital) || d.value < 1 || d.value > 31) return false;
    if (m.end < static_cast<int>(c.words.size()) &&
        ((c.words[m.end].mask & kUnit) || c.words[m.end].key == "-" || c.words[m.end].key == "of"))
      return false;
    if (m.begin > 0 && (c.words[m.begin - 1].key == "the" || c.words[m.begin - 1].key == "a")) return false;
  } else if (d.present() && d.w && !(d.w->mask & (kDigits | kOrdNum))) {
    return false;
  }
  if (w.present() && (w.w->flags & kPlural)) {  // "Mondays": every Monday
    set_plain(r, "XXXX-WXX-" + std::to_string(w.value), "SET");
    return true;
  }
  // "on Monday and Tuesday nights": the plural part of the day, a habit, is
  // shared by both days.
  if (w.present() && !mo.present() && !d.present() && m.end + 2 < static_cast<int>(c.words.size()) &&
      (c.words[m.end].key == "and" || c.words[m.end].key == "or") && (c.words[m.end + 1].mask & kWeekday) &&
      !(c.words[m.end + 1].flags & kPlural) && (c.words[m.end + 2].mask & kPart) &&
      c.words[m.end + 2].key.ends_with("s")) {
    set_plain(r, "XXXX-WXX-" + std::to_string(w.value) + "T" + std::string(c.words[m.end + 2].lex->part),
              "SET");
    return true;
  }
  if (y.present() && mo.present() && d.present()) {
    auto v =
        timex::make_day(static_cast<int>(y.value), static_cast<int>(mo.value), static_cast<int>(d.value));
    return v && set_value(r, *v);
  }
  if (y.present() && mo.present()) {
    CalValue v;
    v.gran = Gran::Month;
    v.year = static_cast<int>(y.value);
    v.month = static_cast<int>(mo.value);
    return set_value(r, v);
  }
  if (y.present()) {
    CalValue v;
    v.gran = Gran::Year;
    v.year = static_cast<int>(y.value);
    return set_value(r, v);
  }
  Tense t = tense_near(c, m.begin, m.end);
  // "U.S. February trade data, due on April 14", "its March truck sales":
  // a month before a noun names a reporting period, which the verbs around
  // it do not date; it is resolved as with no tense in reach.
  if (mo.present() && !d.present() && m.end < static_cast<int>(c.words.size())) {
    // A possessive month ("from January's three pct record", "when February's trade data are due",
    // "under February's Louvre Accord") names a period or an event already reported, as a
    // possessive weekday does: the past one, whatever the verbs around.
    const int nw = static_cast<int>(c.words.size());
    const bool possessive = m.end + 1 < nw && c.words[m.end].key == "'" && glued_at(c.words, m.end) &&
                            c.words[m.end + 1].key == "s" && glued_at(c.words, m.end + 1);
    if (possessive)
      t = Tense::Past;
    else if (quoted_ahead(c, m))
      t = Tense::Future;
    else if (modifies_noun(c, m.end))
      t = Tense::Unknown;
  }
  if (mo.present()) {
    const int month = static_cast<int>(mo.value), day = d.present() ? static_cast<int>(d.value) : 0;
    if (day && !timex::make_day(2000, month, day)) return false;  // February 30 (2000 is a leap year)
    if (!c.dct) {
      char buf[16];
      if (day)
        std::snprintf(buf, sizeof buf, "XXXX-%02d-%02d", month, day);
      else
        std::snprintf(buf, sizeof buf, "XXXX-%02d", month);
      set_plain(r, buf, "DATE");
      return true;
    }
    int year = resolve_year(c, month, day, t);
    // "since April" in a March story, "since June 4": what has held since a time began before the
    // story, so not the month just ahead nor a payment date to come.
    if (t == Tense::Past && since_time(c, m.begin, m.end) && c.dct->month &&
        (year > c.dct->year ||
         (year == c.dct->year && (month > c.dct->month || (month == c.dct->month && day > c.dct->day)))))
      --year;
    // "the fiscal year ended Jan. 31", "the quarter ended Oct. 31": a period
    // that has ended did so before the story, whatever the payment dates
    // around it say (TimeBank: never a later date).
    if (m.begin > 0 && c.words[m.begin - 1].key == "ended" && c.dct->month) {
      const int dm = c.dct->month, dd = c.dct->day ? c.dct->day : 31;
      if (year > c.dct->year || (year == c.dct->year && (month > dm || (month == dm && day > dd))))
        year = c.dct->year - ((month > dm || (month == dm && day > dd)) ? 1 : 0);
    }
    // "the coming May/September harvest", "for April/Dec shipment": the second month of a slash
    // pair ends the span the first begins, so it is the first of its name from there on.
    if (!day && m.begin >= 2 && c.words[m.begin - 1].key == "/" && glued_at(c.words, m.begin - 1) &&
        glued_at(c.words, m.begin) && (c.words[m.begin - 2].mask & kMonth) && !c.done.empty() &&
        c.done.back().first == c.sentence_of_match && c.done.back().second.calendar &&
        c.done.back().second.gran == Gran::Month && c.dct->month) {
      // Only a pair starting later in the story's year: one in the past ("imports in the
      // January/November period" of a March story, "from the October/December quarter") may have
      // its first month read a year late, which the second must not follow.
      auto first = timex::parse(c.done.back().second.value);
      if (first && first->year == c.dct->year && first->month > c.dct->month)
        year = first->year + (month < first->month ? 1 : 0);
    }
    if (day) {
      auto v = timex::make_day(year, month, day);
      if (!v) return false;
      r.anchor = "dct";
      if (!set_value(r, *v)) return false;
      day_range_end(c, m, *v, r);
      return true;
    }
    CalValue v;
    v.gran = Gran::Month;
    v.year = year;
    v.month = month;
    r.anchor = "dct";
    return set_value(r, v);
  }
  if (w.present()) {
    const int wd = static_cast<int>(w.value);
    if (!c.has_dct_day()) {
      set_plain(r, "XXXX-WXX-" + std::to_string(wd), "DATE");
      return true;
    }
    CalValue day = c.dct_day();
    const int dw = timex::iso_weekday(day);
    // "Tuesday's declaration", "Friday's trading": a possessive weekday names
    // an event already reported, so it is the DCT's day or one before it,
    // unless a future tense says otherwise ("Friday's game will decide").
    const int nw = static_cast<int>(c.words.size());
    const bool possessive = m.end + 1 < nw && c.words[m.end].key == "'" &&
                            !(c.words[m.end].flags & kSpaceBefore) && c.words[m.end + 1].key == "s" &&
                            !(c.words[m.end + 1].flags & kSpaceBefore);
    int delta;
    if (possessive && t != Tense::Future)
      delta = -((dw - wd + 7) % 7);
    else if (t == Tense::Future || t == Tense::Present)
      delta = (wd - dw + 7) % 7;
    else if ((wd - dw + 7) % 7 == 1 && !since_time(c, m.begin, m.end))
      delta = 1;  // the day after the DCT: a past one would be "last" (not "since Thursday")
    else
      delta = -((dw - wd + 7) % 7);
    auto v = timex::shift(day, delta, Unit::Day);
    r.anchor = "dct";
    return v && set_value(r, *v);
  }
  return false;
}

// Whether the document writes slash dates day first: one of them can only be read so ("29/8/96")
// and none only month first ("8/29/96").
bool day_first_document(const Ctx& c) {
  if (c.day_first) return *c.day_first;
  const auto& w = c.words;
  int day_first = 0, month_first = 0;
  for (std::size_t k = 0; k + 4 < w.size(); ++k) {
    if (!(w[k].mask & kDigits) || w[k].ndigits > 2 || w[k + 1].key != "/" || !(w[k + 2].mask & kDigits) ||
        w[k + 2].ndigits > 2 || w[k + 3].key != "/" || !(w[k + 4].mask & kDigits) ||
        (w[k + 1].flags & kSpaceBefore) || (w[k + 2].flags & kSpaceBefore))
      continue;
    if (w[k].num > 12 && w[k + 2].num <= 12) ++day_first;
    if (w[k + 2].num > 12 && w[k].num <= 12) ++month_first;
  }
  c.day_first = day_first > 0 && month_first == 0;
  return *c.day_first;
}

bool n_iso(const Ctx& c, const Match& m, Result& r) {
  const Capture& i = m['i'];
  if (!i.present()) return false;
  // The atom stored y*10000+m*100+d; a slash date valid both ways was read month first, which a
  // document that writes its days first ("29/8/96 22/8/96 1/9/95", a table of Europe) reverses.
  long v = i.value;
  int year = static_cast<int>(v / 10000), month = static_cast<int>(v / 100 % 100),
      day = static_cast<int>(v % 100);
  if (i.first + 1 < static_cast<int>(c.words.size()) && c.words[i.first + 1].key == "/" && day <= 12 &&
      day != month && day_first_document(c))
    std::swap(month, day);
  auto d = timex::make_day(year, month, day);
  return d && set_value(r, *d);
}

// "between 1994 and 1997", "from March to May 1990": a word between the two
// ends writes them apart, and TimeML tags each end (the second up to its
// `last` capture: "May 1990", not a comma after "October"); "1994-97" stays one.
void interval_ends(const Ctx& c, const Capture& first, const Capture& second, const Capture& last,
                   Result& r) {
  if (first.first < 0 || second.first < 0 || second.first != first.first + first.count + 1) return;
  const std::string_view between = c.words[static_cast<std::size_t>(first.first + first.count)].key;
  if (between != "and" && between != "to" && between != "until" && between != "through" && between != "till")
    return;
  r.begin_span = {c.words[first.first].b, c.words[first.first + first.count - 1].e};
  r.end_span = {c.words[second.first].b, c.words[last.first + last.count - 1].e};
}

bool n_year_interval(const Ctx& c, const Match& m, Result& r) {
  const Capture &y = m['y'], &z = m['z'];
  // "steers 1075-1100 lbs": a range of old "years" is a range of amounts
  // unless a preposition or "between" puts it in time, as for one year.
  if (y.value < 1900 && c.words[m.begin].key != "between" &&
      !prev_is(c, m,
               {"in", "since", "from", "until", "by", "of", "to", "before", "after", "during", "early",
                "late", "mid", "circa", "through", "till", "the"}))
    return false;
  long end = z.value;
  if (z.w && z.w->ndigits == 2) end = y.value / 100 * 100 + end;  // 1999-00 is rare; 2010-12 means 2012
  if (end <= y.value || end - y.value > 100) return false;
  CalValue a, b;
  a.gran = b.gran = Gran::Year;
  a.year = static_cast<int>(y.value);
  b.year = static_cast<int>(end);
  if (!set_value(r, a)) return false;
  r.end = timex::format(b);
  interval_ends(c, y, z, z, r);
  return true;
}

bool n_month_interval(const Ctx& c, const Match& m, Result& r) {
  const Capture &mo = m['m'], &n = m['n'], &y = m['y'];
  if (n.value <= mo.value) return false;
  int year;
  // "in the current January-March quarter": the months the story is in, whatever the tense.
  const bool current = m.begin > 0 && c.words[m.begin - 1].key == "current" && c.dct && c.dct->month &&
                       mo.value <= c.dct->month && c.dct->month <= n.value;
  if (y.present())
    year = static_cast<int>(y.value);
  else if (current)
    year = c.dct->year;
  else if (c.dct)
    year = resolve_year(c, static_cast<int>(mo.value), 0,
                        quoted_ahead(c, m) ? Tense::Future : tense_near(c, m.begin, m.end));
  else
    return false;
  CalValue a, b;
  a.gran = b.gran = Gran::Month;
  a.year = b.year = year;
  a.month = static_cast<int>(mo.value);
  b.month = static_cast<int>(n.value);
  if (!set_value(r, a)) return false;
  r.end = timex::format(b);
  interval_ends(c, mo, n, y.present() ? y : n, r);
  return true;
}

bool n_decade(const Ctx& c, const Match& m, Result& r) {
  // "when Kopp was in his 30s", "in her early 40s": a decade of a life is an
  // age, not a time.
  const Capture& d = m['c'];
  if (d.w->key.size() == 3 && m.begin > 0) {
    int k = m.begin - 1;
    std::string_view p = c.words[k].key;
    if ((p == "early" || p == "late" || p == "mid" || p == "-") && k > 0) p = c.words[--k].key;
    if (p == "mid" && k > 0) p = c.words[--k].key;  // "mid-30s"
    if (p == "his" || p == "her" || p == "their" || p == "my" || p == "your" || p == "our") return false;
  }
  CalValue v;
  v.gran = Gran::Decade;
  v.year = static_cast<int>(m['c'].value);
  return set_value(r, v);
}

bool n_decade_word(const Ctx&, const Match& m, Result& r) {
  const auto* it = std::find(std::begin(kDecadeWords), std::end(kDecadeWords), m['c'].word);
  if (it == std::end(kDecadeWords)) return false;
  CalValue v;
  v.gran = Gran::Decade;
  v.year = 1920 + 10 * static_cast<int>(it - std::begin(kDecadeWords));
  return set_value(r, v);
}

bool n_century(const Ctx&, const Match& m, Result& r) {
  const long o = m['o'].value;
  if (o < 1 || o > 21) return false;
  CalValue v;
  v.gran = Gran::Century;
  v.year = static_cast<int>((o - 1) * 100);
  return set_value(r, v);
}

// "this|last|next" relations: the offset in units from the DCT's unit.
int relation_offset(std::string_view rel, Tense t) {
  if (rel == "last" || rel == "past" || rel == "previous" || rel == "preceding") return -1;
  if (rel == "next" || rel == "coming" || rel == "following") return 1;
  (void)t;
  return 0;
}

bool n_season(const Ctx& c, const Match& m, Result& r) {
  const Capture &s = m['s'], &y = m['y'], &rel = m['r'];
  std::string tag = s.w->lex->season;
  if (!y.present() && !rel.present()) {
    // A bare season needs a determiner or preposition and no "of" after it
    // ("the fall of Aleppo" is not a season).
    if (!prev_is(c, m,
                 {"in", "this", "last", "next", "the", "during", "early", "late", "mid", "until", "since",
                  "by", "through", "over"}))
      return false;
    if (m.end < static_cast<int>(c.words.size()) && c.words[m.end].key == "of") return false;
    // "The fall in unemployment", "a fall to 3%": the noun, unless a preposition of time puts
    // it in time ("in the fall in Paris"); "hit by the fall in oil prices", "concern over the
    // fall in" are causes. The noun as a subject or an object ("The fall was largely due to",
    // "to stop the fall.", "as a result of the fall on Wall Street") has no preposition of time
    // at all; the season has one ("completed by the fall.") or another season beside it ("the
    // fall and winter").
    if (s.w->key == "fall") {
      const int nw = static_cast<int>(c.words.size());
      auto in = [](std::string_view w, const auto& list) {
        return std::find(std::begin(list), std::end(list), w) != std::end(list);
      };
      std::string_view nx = m.end < nw ? c.words[m.end].key : std::string_view();
      // Past the article and a modifier ("a sharp early fall in Texaco bonds", "in the early fall").
      int k = s.first - 1;
      while (k >= 0 && (c.words[k].key == "the" || c.words[k].key == "early" || c.words[k].key == "late" ||
                        c.words[k].key == "mid" || c.words[k].key == "-"))
        --k;
      std::string_view pp = k >= 0 ? c.words[k].key : std::string_view();
      const bool seasons =
          (nx == "and" || nx == "or") && m.end + 1 < nw && (c.words[m.end + 1].mask & kSeason);
      if (nx == "-" && m.end < nw && glued_at(c.words, m.end)) return false;  // "the fall-out"
      if (in(nx, kAfterFallNoun) && !in(pp, kTimePrepsBeforeFall)) return false;
      if (!seasons && !in(pp, kTimePrepsBeforeFall) && !in(pp, kOtherPrepsBeforeFall)) return false;
    }
  }
  CalValue v;
  v.gran = Gran::Season;
  v.tag = tag;
  if (y.present()) {
    v.year = static_cast<int>(y.value);
  } else if (!c.dct) {
    set_plain(r, "XXXX-" + tag, "DATE");
    return true;
  } else {
    v.year = c.dct->year;
    int off = rel.present() ? relation_offset(rel.word, Tense::Unknown) : 0;
    if (off == 0 && !rel.present()) {
      Tense t = tense_near(c, m.begin, m.end);
      const int season_month = tag == "SP" ? 4 : tag == "SU" ? 7 : tag == "FA" ? 10 : 1;
      const int dm = c.dct->month ? c.dct->month : 6;
      if (t == Tense::Past && season_month > dm + 1) off = -1;
      if (t == Tense::Future && season_month < dm - 1) off = 1;
    } else if (off != 0) {
      // "last summer" in December: this year's summer; in March: last year's.
      const int season_month = tag == "SP" ? 4 : tag == "SU" ? 7 : tag == "FA" ? 10 : 1;
      const int dm = c.dct->month ? c.dct->month : 6;
      if (off < 0)
        off = season_month < dm - 1 ? 0 : -1;
      else
        off = season_month > dm + 1 ? 0 : 1;
    }
    v.year += off;
    r.anchor = "dct";
  }
  return set_value(r, v);
}

// The story reports a match by its minutes ("in the 18th minute", "halftime"): its "first half"
// and "second half" are the match's, not the year's.
bool tells_match_play(const Ctx& c) {
  if (!c.match_play) {
    const int n = static_cast<int>(c.words.size());
    c.match_play = false;
    for (int k = 0; k < n && !*c.match_play; ++k)
      c.match_play = c.words[k].key == "halftime" ||
                     ((c.words[k].mask & kOrdNum) && k + 1 < n && c.words[k + 1].key == "minute");
  }
  return *c.match_play;
}

bool n_quarter(const Ctx& c, const Match& m, Result& r) {
  const Capture &o = m['o'], &y = m['y'], &u = m['u'], &rel = m['r'];
  const bool half = u.present() && u.word == "half";
  if (half && !y.present() && !rel.present() && tells_match_play(c)) return false;
  long idx = o.value;
  // "the last half of 1989", "the final quarter of 1990": the year's last one.
  if (o.word == "last" || o.word == "final") idx = half ? 2 : 4;
  if (idx < 1 || idx > (half ? 2 : 4)) return false;
  for (int k = m.begin; k < m.end; ++k)
    if (c.words[k].key == "fiscal") r.fiscal = true;
  CalValue v;
  v.gran = half ? Gran::Half : Gran::Quarter;
  v.index = static_cast<int>(idx);
  if (y.present()) {
    v.year = static_cast<int>(y.value);
  } else if (!c.dct) {
    set_plain(r, std::string("XXXX-") + (half ? "H" : "Q") + std::to_string(idx), "DATE");
    return true;
  } else {
    v.year = c.dct->year;
    if (rel.present()) {
      v.year += relation_offset(rel.word, Tense::Unknown);
    } else {
      const int dq = c.dct->month ? (half ? (c.dct->month + 5) / 6 : (c.dct->month + 2) / 3) : 4;
      if (idx > dq && tense_near(c, m.begin, m.end) != Tense::Future) v.year -= 1;
    }
    r.anchor = "dct";
  }
  return set_value(r, v);
}

// "the quarter", "the latest quarter", "this quarter", "last quarter".
bool n_quarter_rel(const Ctx& c, const Match& m, Result& r) {
  const Capture& rel = m['r'];
  std::string_view k = rel.present() ? rel.word : std::string_view("the");
  if (in_to_compound(c, m['u'].first)) return false;
  // "the quarter ended July 31": the three months up to that month, named
  // by the calendar quarter of their middle month (May-July is Q2), unless
  // the story already named it by its fiscal label.
  const int nw = static_cast<int>(c.words.size());
  const Result* named = report_quarter(c);
  if (k == "the" && !(named && named->fiscal) && c.dct && c.dct->gran >= Gran::Month && m.end + 1 < nw &&
      (c.words[m.end].key == "ended" || c.words[m.end].key == "ending") &&
      (c.words[m.end + 1].mask & kMonth) && c.words[m.end + 1].lex) {
    const int end_month = c.words[m.end + 1].lex->month;
    const int middle = (end_month + 10) % 12 + 1;  // one month before
    CalValue v;
    v.gran = Gran::Quarter;
    v.year = c.dct->year - (end_month > c.dct->month ? 1 : 0) - (middle > end_month ? 1 : 0);
    v.index = (middle + 2) / 3;
    r.anchor = "dct";
    return set_value(r, v);
  }
  // "This quarter's loss includes charges" in a story reporting the quarter
  // just ended: a possessive naming figures already in, unless a future
  // tense says otherwise ("this quarter's sales will"), is the reported
  // quarter, not the one the story is written in.
  if (k == "this" && m.end + 1 < nw && c.words[m.end].key == "'" && c.words[m.end + 1].key == "s" &&
      !(c.words[m.end].flags & kSpaceBefore) && c.dct && c.dct->gran >= Gran::Month) {
    if (const Result* p = report_quarter(c); p && tense_near(c, m.begin, m.end) != Tense::Future) {
      auto q = timex::parse(p->value);
      auto prev = timex::shift(timex::coarsen(*c.dct, Gran::Quarter), -1, Unit::Quarter);
      if (q && prev && timex::format(*q) == timex::format(*prev)) {
        r = *p;
        r.mod.clear();
        r.end.clear();
        return true;
      }
    }
  }
  // A quarter just mentioned is the one meant.
  if (k == "the" || k == "latest" || k == "same") {
    if (const Result* p = report_quarter(c)) {
      r = *p;
      r.mod.clear();
      r.end.clear();
      return true;
    }
  }
  if (!c.dct || c.dct->gran < Gran::Month) {
    set_plain(r, k == "next" ? "FUTURE_REF" : "PAST_REF", "DATE");
    return k != "this" && k != "current";
  }
  CalValue v = timex::coarsen(*c.dct, Gran::Quarter);
  int off = 0;
  if (k == "last" || k == "past" || k == "previous" || k == "latest" || k == "the") off = -1;
  if (k == "next" || k == "coming") off = 1;
  auto s = timex::shift(v, off, Unit::Quarter);
  r.anchor = "dct";
  return s && set_value(r, *s);
}

Unit unit_of(const Capture& u) { return static_cast<Unit>(u.w->lex->unit); }

// "the first two quarters of 1990", "the last six months of 1989", "the
// first three months of 1990": a run of units from a year's edge that makes
// one of its halves or quarters is that half or quarter (1990-H1, 1989-H2,
// 1990-Q1); other runs ("the first nine months of 1989") are a length and a
// year, left to their own rules.
bool n_year_part(const Ctx&, const Match& m, Result& r) {
  const Capture &o = m['o'], &n = m['n'], &u = m['u'], &y = m['y'];
  const Unit unit = unit_of(u);
  long months = unit == Unit::Quarter ? n.value * 3 : unit == Unit::Month ? n.value : 0;
  if (months != 3 && months != 6) return false;
  const bool first = o.word == "first";
  CalValue v;
  v.year = static_cast<int>(y.value);
  v.gran = months == 6 ? Gran::Half : Gran::Quarter;
  v.index = first ? 1 : (months == 6 ? 2 : 4);
  return set_value(r, v);
}

// "a boost in the second half of September", "the first half of October 1996": a half of a month
// is that month's start or end, as TimeBank writes "the last half of the '80s" (the decade, mod
// END), not a half of the year.
bool n_month_half(const Ctx& c, const Match& m, Result& r) {
  Match month = m;
  month.at('o') = Capture{};
  month.begin = m['m'].first;
  if (!n_date(c, month, r)) return false;
  r.mod = m['o'].word == "first" ? "START" : "END";
  return true;
}

// "summers", "winters": a season's plural (the lexicon holds the singulars of kSeasons).
bool is_plural_season(std::string_view w) {
  if (!w.ends_with('s')) return false;
  w.remove_suffix(1);
  return std::any_of(std::begin(kSeasons), std::end(kSeasons), [&](const auto& s) { return s.first == w; });
}

// A unit word that is not a time: a title ("60 Minutes", "This Week"), a
// fraction ("three-quarters", "more than a quarter of").
bool unit_word_ok(const Ctx& c, const Match& m, const Capture& u) {
  const Word& w = *u.w;
  if (in_to_compound(c, u.first)) return false;
  if ((w.flags & kCapital) && !(w.flags & kBreakBefore) && u.first > 0 &&
      !clause_stop(c.words[u.first - 1]) && c.words[u.first - 1].key != "\"" && u.first != m.begin)
    return false;
  // "a second time", "a second term": the ordinal, not the unit.
  if (w.key == "second" && u.first + 1 < static_cast<int>(c.words.size())) {
    const Word& nx = c.words[u.first + 1];
    if (nx.mask != kPunct && !contains(kAfterSecondUnit, nx.key)) return false;
  }
  if (static_cast<Unit>(w.lex->unit) == Unit::Quarter) {
    if (!(w.flags & kSpaceBefore) && (w.flags & kPlural)) return false;  // three-quarters
    const Capture& n = m['n'];
    if (n.present() && (n.word == "a" || n.word == "one") &&
        !prev_is(c, m,
                 {"in", "for", "within", "over", "per", "every", "each", "the", "last", "past", "next"}))
      return false;
    if (n.present() && (n.word == "a" || n.word == "one" || n.word == "three") &&
        m.end < static_cast<int>(c.words.size()) && c.words[m.end].key == "of")
      return false;
  }
  return true;
}

Gran gran_of_unit(Unit u) {
  switch (u) {
    case Unit::Second:
    case Unit::Minute:
    case Unit::Hour:
      return Gran::Minute;
    case Unit::Day:
      return Gran::Day;
    case Unit::Weekend:
    case Unit::Week:
    case Unit::Fortnight:
      return Gran::Week;
    case Unit::Month:
      return Gran::Month;
    case Unit::Quarter:
      return Gran::Quarter;
    case Unit::Half:
      return Gran::Half;
    case Unit::Year:
      return Gran::Year;
    case Unit::Decade:
      return Gran::Decade;
    case Unit::Century:
      return Gran::Century;
  }
  return Gran::Day;
}

// "last year", "this week", "next month", "the following day", "the previous year".
bool n_rel_unit(const Ctx& c, const Match& m, Result& r) {
  const Capture &rel = m['r'], &u = m['u'];
  const Unit unit = unit_of(u);
  if (unit <= Unit::Hour) return false;
  if ((u.w->flags & kCapital) && (rel.present() && !(rel.w->flags & kCapital))) return false;
  if ((u.w->flags & kCapital) && m.begin > 0 && c.words[m.begin - 1].key == "\"") return false;
  std::string_view k = rel.present() ? rel.word : std::string_view("this");
  // "on the last day of the test", "30 days following the last day of trading", "the last day of
  // 1986": the final day of a period, not the day before the story.
  if (k == "last" && unit == Unit::Day && !(u.w->flags & kPlural) && rel.first > 0 &&
      c.words[rel.first - 1].key == "the" && m.end < static_cast<int>(c.words.size()) &&
      c.words[m.end].key == "of")
    return false;
  int off = relation_offset(k, Tense::Unknown);
  // "the following/previous year" is relative to a time just mentioned.
  const bool anaphoric =
      k == "following" || k == "previous" || k == "preceding" || k == "same" || k == "that";
  const Result* base_res = anaphoric ? last_time_within(c, 4) : nullptr;
  // "The following month" three sentences after "In March" still follows
  // March: an anaphoric phrase points back to a mentioned time, never to the
  // DCT (that would be "next month"), so look back through the document.
  if (anaphoric && !base_res) base_res = last_time_within(c, 1 << 30);
  std::optional<CalValue> base;
  if (base_res) {
    base = timex::parse(base_res->value);
  }
  if (!base) {
    if (!c.dct) {
      set_plain(r, off < 0 ? "PAST_REF" : off > 0 ? "FUTURE_REF" : "PRESENT_REF", "DATE");
      return true;
    }
    base = *c.dct;
    r.anchor = "dct";
  } else {
    r.anchor = "t";
  }
  Gran g = gran_of_unit(unit);
  // "In October 1998 ... that same day": a day of that month, which one
  // unknown (1998-10-XX), not the month itself.
  if (anaphoric && off == 0 && unit == Unit::Day && base_res &&
      (base->gran == Gran::Month || base->gran == Gran::Year)) {
    std::string val = timex::format(timex::coarsen(*base, base->gran));
    if (val.empty()) return false;
    set_plain(r, val + (base->gran == Gran::Month ? "-XX" : "-XX-XX"), "DATE");
    return true;
  }
  if (base->gran < g && !(g == Gran::Week && base->gran >= Gran::Day)) {
    if (base->gran < Gran::Year) return false;
    g = base->gran;  // a year-only anchor cannot give a week
  }
  if (g == Gran::Week && base->gran < Gran::Day) return false;
  CalValue v = timex::coarsen(*base, g);
  if (unit == Unit::Weekend) {
    // "staged rallies this weekend" in a Monday story: the weekend just gone, not the ISO week's
    // own, five days ahead, unless a future says so ("will meet this weekend"). Later in the
    // week the coming weekend is meant as often as the last, whatever the verbs (Reuters: "he
    // hoped a cargo could leave this weekend" on a Wednesday), so it stays this week's.
    if (k == "this" && !anaphoric && base->day && timex::iso_weekday(*base) == 1) {
      const Tense t = tense_near(c, m.begin, m.end);
      if (t != Tense::Future && t != Tense::Present) off = -1;
    }
    auto s = timex::shift(v, off, Unit::Week);
    if (!s) return false;
    std::string val = timex::format(*s);
    if (val.empty()) return false;
    set_plain(r, val + "-WE", "DATE");
    return true;
  }
  auto s = timex::shift(v, off, unit == Unit::Decade || unit == Unit::Century ? unit : unit);
  return s && set_value(r, *s);
}

// Holidays: Christmas (Dec 25), New Year's Day, US Thanksgiving (fourth
// Thursday of November), US Election Day (Tuesday after the first Monday of
// November), Independence Day (July 4); the year as for a month and day.
bool n_holiday(const Ctx& c, const Match& m, Result& r) {
  const Capture &h = m['h'], &e = m['e'], &rel = m['r'];
  // Words that are holidays only when written as names.
  if (!(h.w->flags & kCapital)) return false;
  // "illustrator Johnnie Christmas": a bare holiday word right after a
  // capitalised word outside the lexicon, inside a sentence, is a surname
  // (as "Theresa May" is for months).
  if (!e.present() && !rel.present() && m.begin == h.first && m.begin >= 2) {
    const Word& p = c.words[m.begin - 1];
    if ((p.flags & kCapital) && p.mask == 0 && !(h.w->flags & kBreakBefore) &&
        !clause_stop(c.words[m.begin - 2]) && c.words[m.begin - 2].key != "\"" &&
        c.words[m.begin - 2].key != "(")
      return false;
  }
  int month = 0, day = 0, nth_weekday = 0;
  if (h.word == "christmas") {
    month = 12;
    day = (e.present() && e.word == "eve") ? 24 : 25;
  } else if (h.word == "new") {
    month = e.word == "eve" ? 12 : 1;
    day = e.word == "eve" ? 31 : 1;
  } else if (h.word == "independence") {
    month = 7;
    day = 4;
  } else if (h.word == "thanksgiving") {
    month = 11;
    nth_weekday = 1;
  } else if (h.word == "election") {
    month = 11;
    nth_weekday = 2;
  } else if (h.word == "easter" || h.word == "good") {
    // Moves with the year; probed in March/April like the other moving feasts.
    month = 4;
    nth_weekday = 3;
  }
  if (!c.dct) {
    if (!day) return false;
    char buf[16];
    std::snprintf(buf, sizeof buf, "XXXX-%02d-%02d", month, day);
    set_plain(r, buf, "DATE");
    return true;
  }
  auto date_in = [&](int year) -> std::optional<CalValue> {
    if (day) return timex::make_day(year, month, day);
    if (nth_weekday == 3) {
      // Easter Sunday by the Gregorian computus (Meeus/Jones/Butcher);
      // Good Friday two days before, Easter Monday one after.
      const int a = year % 19, b = year / 100, cc = year % 100, d = b / 4, e2 = b % 4, f = (b + 8) / 25,
                g = (b - f + 1) / 3, hh = (19 * a + b - d - g + 15) % 30, i = cc / 4, k = cc % 4,
                l = (32 + 2 * e2 + 2 * i - hh - k) % 7, mm = (a + 11 * hh + 22 * l) / 451;
      auto sunday = timex::make_day(year, (hh + l - 7 * mm + 114) / 31, (hh + l - 7 * mm + 114) % 31 + 1);
      if (!sunday) return std::nullopt;
      if (h.word == "good") return timex::shift(*sunday, -2, Unit::Day);
      if (e.present() && e.word == "monday") return timex::shift(*sunday, 1, Unit::Day);
      return sunday;
    }
    auto first = timex::make_day(year, 11, 1);
    if (!first) return std::nullopt;
    const int wd = timex::iso_weekday(*first);
    int d;
    if (nth_weekday == 1)
      d = 1 + (4 - wd + 7) % 7 + 21;  // fourth Thursday
    else
      d = 1 + (1 - wd + 7) % 7 + 1;  // Tuesday after first Monday
    return timex::make_day(year, 11, d);
  };
  int year = c.dct->year;
  if (rel.present()) {
    auto this_year = date_in(year);
    if (!this_year) return false;
    const std::string v = timex::format(*this_year), dv = timex::format(c.dct_day());
    if (rel.word == "last" && v >= dv) --year;
    if (rel.word == "next" && v <= dv) ++year;
  } else {
    auto probe = date_in(year);
    if (!probe) return false;
    year = resolve_year(c, probe->month, probe->day, tense_near(c, m.begin, m.end));
  }
  auto v = date_in(year);
  r.anchor = "dct";
  // "Easter week": the week that ends on Easter Sunday (ISO weeks end on Sundays).
  if (v && e.present() && e.word == "week") *v = timex::coarsen(*v, Gran::Week);
  return v && set_value(r, *v);
}

// "July last year", "March 3 next year".
bool n_month_rel_year(const Ctx& c, const Match& m, Result& r) {
  if (!c.dct) return false;
  const Capture &mo = m['m'], &d = m['d'], &rel = m['r'];
  const int year = c.dct->year + relation_offset(rel.word, Tense::Unknown);
  if (d.present()) {
    auto v = timex::make_day(year, static_cast<int>(mo.value), static_cast<int>(d.value));
    r.anchor = "dct";
    return v && set_value(r, *v);
  }
  CalValue v;
  v.gran = Gran::Month;
  v.year = year;
  v.month = static_cast<int>(mo.value);
  r.anchor = "dct";
  return set_value(r, v);
}

// "a Fed discount rate increase in April of that year", "in June of that year": the year is the
// last one the story wrote out (a time with no anchor: "1985", "April 1989"), not the DCT's.
bool n_month_that_year(const Ctx& c, const Match& m, Result& r) {
  const Capture &mo = m['m'], &d = m['d'];
  for (auto it = c.done.rbegin(); it != c.done.rend(); ++it) {
    const Result& t = it->second;
    if (!t.calendar || t.derived || !t.anchor.empty() || t.gran < Gran::Year) continue;
    auto v = timex::parse(t.value);
    if (!v) continue;
    if (d.present()) {
      auto day = timex::make_day(v->year, static_cast<int>(mo.value), static_cast<int>(d.value));
      return day && set_value(r, *day);
    }
    CalValue month;
    month.gran = Gran::Month;
    month.year = v->year;
    month.month = static_cast<int>(mo.value);
    return set_value(r, month);
  }
  return false;
}

// "last Friday", "next March", "this Monday".
bool n_rel_named(const Ctx& c, const Match& m, Result& r) {
  const Capture &rel = m['r'], &w = m['w'], &mo = m['m'];
  const int off = relation_offset(rel.word, Tense::Unknown);
  if (w.present()) {
    const int wd = static_cast<int>(w.value);
    if (!c.has_dct_day()) {
      set_plain(r, "XXXX-WXX-" + std::to_string(wd), "DATE");
      return true;
    }
    CalValue day = c.dct_day();
    r.anchor = "dct";
    // "the previous Friday", "the following Monday" count from the day the
    // story is at, not from the DCT ("down 4.5% from the previous Friday"
    // after a Friday's trading was reported).
    if (rel.word == "previous" || rel.word == "following") {
      if (const Result* p = last_time_within(c, 1 << 30); p && p->gran == Gran::Day) {
        if (auto d = timex::parse(p->value)) {
          day = *d;
          r.anchor = "t";
        }
      }
    }
    const int dw = timex::iso_weekday(day);
    int delta;
    if (off < 0)
      delta = -((dw - wd + 7) % 7 == 0 ? 7 : (dw - wd + 7) % 7);
    else if (off > 0)
      delta = (wd - dw + 7) % 7 == 0 ? 7 : (wd - dw + 7) % 7;
    else
      delta = wd - dw;  // this week's
    auto v = timex::shift(day, delta, Unit::Day);
    return v && set_value(r, *v);
  }
  if (!mo.present()) return false;
  const int month = static_cast<int>(mo.value);
  if (!c.dct || c.dct->gran < Gran::Month) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "XXXX-%02d", month);
    set_plain(r, buf, "DATE");
    return true;
  }
  CalValue v;
  v.gran = Gran::Month;
  v.month = month;
  v.year = c.dct->year;
  // "last February" in a March story is a year back: the month just gone
  // would be "last month".
  if (off < 0 && month >= c.dct->month - 1) v.year -= 1;
  if (off > 0 && month <= c.dct->month) v.year += 1;
  r.anchor = "dct";
  return set_value(r, v);
}

long count_of(const Capture& n) {
  if (!n.present()) return 1;
  return n.value;
}

// "two days ago", "a year earlier", "three weeks later", "year-earlier".
bool n_ago(const Ctx& c, const Match& m, Result& r) {
  const Capture &n = m['n'], &u = m['u'], &rel = m['r'];
  const Unit unit = unit_of(u);
  long amount = count_of(n);
  // "3-4 years ago": a range of counts back, valued by its lower bound as a range of lengths is
  // ("5-3 years ago" is no range but a score before a length).
  if (n.present() && n.w && n.w->ndigits > 0 && m.begin == n.first && m.begin >= 2 &&
      c.words[m.begin - 1].key == "-" && glued_at(c.words, m.begin) && glued_at(c.words, m.begin - 1) &&
      c.words[m.begin - 2].ndigits > 0 && c.words[m.begin - 2].ndigits <= 3 &&
      c.words[m.begin - 2].num < amount) {
    amount = c.words[m.begin - 2].num;
    r.extra_begin = 2;
  }
  std::string_view k = rel.word;
  // "up from 260 mln dlrs a year before.": "before" ending its clause is
  // "earlier"; "two days before the vote" is a duration and a preposition.
  if (k == "before") {
    if (m.end < static_cast<int>(c.words.size()) && !(c.words[m.end].mask & kPunct)) return false;
    k = "earlier";
  }
  const int sign = (k == "later" || k == "after" || k == "hence" || k == "on") ? 1 : -1;
  if (amount < 0) {
    set_plain(r, sign < 0 ? "PAST_REF" : "FUTURE_REF", "DATE");
    return true;
  }
  std::optional<CalValue> base;
  Gran g = gran_of_unit(unit);
  if (g == Gran::Decade || g == Gran::Century) g = Gran::Year;
  const Result* ctx_time = last_time(c, true);
  // "a year ago/earlier" in a report about a quarter means that quarter a year before; "a year
  // later" compares nothing with it and follows the time just told ("In 1968, ... A year later").
  const Result* ctx_quarter = unit == Unit::Year && sign < 0 ? report_quarter(c) : nullptr;
  // "For the nine months, ... a year earlier": compared with a period just
  // named in the sentence, so a year back, not a quarter.
  const bool after_period = unit == Unit::Year && !c.done.empty() &&
                            c.done.back().first == c.sentence_of_match &&
                            c.done.back().second.type == "DURATION";
  if (after_period) ctx_quarter = nullptr;
  if (ctx_quarter) ctx_time = ctx_quarter;
  if ((k != "ago" || ctx_quarter) && ctx_time) base = timex::parse(ctx_time->value);
  if (!base) {
    if (!c.dct) {
      set_plain(r, sign < 0 ? "PAST_REF" : "FUTURE_REF", "DATE");
      return true;
    }
    base = *c.dct;
    r.anchor = "dct";
  }
  // "a year earlier" after "the third quarter": that quarter a year before.
  if (ctx_time && ctx_time->gran == Gran::Quarter && unit == Unit::Year && !after_period) g = Gran::Quarter;
  if (base->gran < g) {
    if (base->gran < Gran::Year) return false;
    g = base->gran;
  }
  CalValue v = timex::coarsen(*base, g);
  // "the year-ago quarter" with no quarter in sight: the last reported one.
  if (m['q'].present() && m['q'].word == "quarter" && g != Gran::Quarter && !ctx_quarter && c.dct &&
      c.dct->gran >= Gran::Month && r.anchor == "dct") {
    auto q = timex::shift(timex::coarsen(*c.dct, Gran::Quarter), -1, Unit::Quarter);
    if (q) v = *q;
  }
  auto s = timex::shift(v, sign * amount, unit);
  if (!s) return false;
  r.derived = true;
  return set_value(r, *s, g == Gran::Minute ? "TIME" : "DATE");
}

// An amount right before "a year" / "per second" makes a rate ("$500
// million a year", "358,000 a month", "four flights a week", "15 million
// instructions per second"), not a time.
bool is_amount(const Word& w) {
  return (w.mask & (kDigits | kOtherNum | kNumWord)) || w.key == "million" || w.key == "billion" ||
         w.key == "trillion" || w.key == "thousand" || w.key == "hundred" || w.key == "percent" ||
         w.key == "%" || w.key == "cents";
}
bool rate_of_amount(const Ctx& c, int b) {
  if (b <= 0) return false;
  const Word& p = c.words[b - 1];
  if (is_amount(p)) return true;
  // A counted plural noun between the amount and the unit.
  return b >= 2 && p.mask == 0 && p.key.size() > 3 && p.key.back() == 's' && is_amount(c.words[b - 2]);
}

// Durations: "five years", "the past two months", "48 hours", "two-year", "for months".
bool n_duration(const Ctx& c, const Match& m, Result& r) {
  const Capture &n = m['n'], &u = m['u'], &h = m['h'];
  const Unit unit = unit_of(u);
  long amount = n.present() ? n.value : (u.w->flags & kPlural) ? -1 : 1;
  if (m['x'].present()) amount = -1;  // "a few", "several"
  if (m['c'].present()) amount = 2;   // "a couple of"
  if (amount == 0 || amount > 100000) return false;
  if (!unit_word_ok(c, m, u)) return false;
  // "will last two days", "could last two or three weeks": the verb "last"
  // (after a modal, "to" or an adverb) is no relation; the length alone is
  // the time.
  if (c.words[m.begin].key == "last" && m.begin > 0) {
    const std::string_view p = c.words[m.begin - 1].key;
    if (contains(kBeforeVerbLast, p)) return false;
  }
  // "two to three weeks" rises; "increased from nine to seven days" is a
  // change of a value, one length.
  if (m['z'].present() && m['z'].value <= n.value) return false;
  // "more responsible than they were 12 or 18 months ago": a range of lengths back is one time,
  // valued by its lower bound as the range is.
  if (m['z'].present() && m.end < static_cast<int>(c.words.size())) {
    const Word& nx = c.words[m.end];
    if (nx.key == "ago" || nx.key == "earlier" || nx.key == "later") {
      Match back = m;
      back.at('z') = Capture{};
      Capture& rel = back.at('r');
      rel.first = m.end;
      rel.count = 1;
      rel.word = nx.key;
      rel.w = &nx;
      back.end = m.end + 1;
      if (!n_ago(c, back, r)) return false;
      r.extra_end = 1;
      return true;
    }
  }
  // "a NUM units" is "a hundred years", "a dozen years", not "a few" (its
  // own rule) nor "a couple".
  if (n.present() && n.first > m.begin && c.words[m.begin].key == "a" && n.value != 12 && n.value != 100)
    return false;
  // "won a year 2000 compliance contract": the year named, not a length.
  if (unit == Unit::Year && !(u.w->flags & kPlural) && m.end < static_cast<int>(c.words.size()) &&
      c.words[m.end].ndigits == 4 && c.words[m.end].num >= 1000 && c.words[m.end].num <= 2199)
    return false;
  // "FIFA World Cup 2018 day five", "the 1990 season": a year before a
  // singular unit names the year, it does not count units.
  if (n.present() && n.w && n.w->ndigits == 4 && n.value >= 1000 && n.value <= 2199 &&
      !(u.w->flags & kPlural) && (u.w->flags & kSpaceBefore))
    return false;
  // "Islam will one day be", "the hope he one day returns": "one day" right
  // after a modal or a subject is the adverb "someday", a vague future time
  // (a length of one day needs a preposition: "for one day", "in one day").
  if (n.present() && n.word == "one" && unit == Unit::Day && !(u.w->flags & kPlural) &&
      m.end - m.begin == 2 && m.begin > 0) {
    std::string_view p = c.words[m.begin - 1].key;
    if (contains(kModals, p) || is_subject_pronoun(p)) {
      set_plain(r, "FUTURE_REF", "DATE");
      return true;
    }
  }
  // Ages ("a 6-year-old", "52 years old") are not times.
  if (m.end < static_cast<int>(c.words.size())) {
    const Word& nx = c.words[m.end];
    // "eight-year-olds": the plural noun too.
    if (nx.key == "old" || nx.key == "olds" ||
        (nx.key == "-" && m.end + 1 < static_cast<int>(c.words.size()) &&
         (c.words[m.end + 1].key == "old" || c.words[m.end + 1].key == "olds")))
      return false;
    // "women 20 to 54 years of age".
    if (nx.key == "of" && m.end + 1 < static_cast<int>(c.words.size()) && c.words[m.end + 1].key == "age")
      return false;
    // "a year-earlier loss": the article belongs to the noun and the unit to
    // the compound "year-earlier", which its own rule reads as a date.
    if (nx.key == "-" && !(nx.flags & kSpaceBefore) && m.end + 1 < static_cast<int>(c.words.size())) {
      std::string_view after = c.words[m.end + 1].key;
      if (after == "earlier" || after == "ago" || after == "later") return false;
    }
  }
  // "twice a week": a frequency. "$500 million a year", "four flights a
  // week": a rate of an amount, which TimeBank leaves untagged (7 of 10).
  if (n.present() && (n.word == "a" || n.word == "an" || n.word == "per") && m.begin > 0) {
    if (rate_of_amount(c, m.begin)) return false;
    const Word& p = c.words[m.begin - 1];
    if (p.key == "once" || p.key == "twice" || p.key == "times") {
      set_plain(r, timex::duration(1, unit), "SET");
      return true;
    }
  }
  // "and possibly a second", "a second on March 12", "a second, smaller bid": "a second" is the
  // ordinal (the noun left out) unless a word that measures time comes before it ("for a second",
  // "within a second", "a fraction of a second", "just a second").
  if (unit == Unit::Second && n.present() && (n.word == "a" || n.word == "an") && m.end - m.begin == 2) {
    const std::string_view p = m.begin > 0 ? c.words[m.begin - 1].key : std::string_view{};
    if (!contains(kMeasureBeforeSecond, p)) return false;
  }
  // "a 4-1/2 year low", "a 1-1/2-year supply", "the 1987/88 year": a number after a slash glued to
  // digits is a fraction's denominator or the second year of a pair, no count. A mixed number's
  // whole part is the count and the fraction its part of the unit.
  bool half = h.present();
  if (n.present() && n.w && n.first >= 2 && n.w->ndigits > 0 && glued_at(c.words, n.first) &&
      c.words[n.first - 1].key == "/" && glued_at(c.words, n.first - 1) &&
      (c.words[n.first - 2].mask & kDigits)) {
    const int k = n.first - 2;  // the numerator
    if (k < 2 || !glued_at(c.words, k) || c.words[k - 1].key != "-" || !glued_at(c.words, k - 1) ||
        !(c.words[k - 2].mask & kDigits) || c.words[k - 2].ndigits > 3)
      return false;
    const long whole = c.words[k - 2].num, num = c.words[k].num, den = n.value;
    if (num <= 0 || den <= num || m.begin != n.first) return false;
    r.extra_begin = 4;
    if (num * 2 != den) {  // quarters and the like: in months, a year's only
      if (unit != Unit::Year || (12 * num) % den != 0) return false;
      set_plain(r, "P" + std::to_string(whole) + "Y" + std::to_string(12 * num / den) + "M", "DURATION");
      return true;
    }
    amount = whole;
    half = true;
  }
  if (half) {  // "two and a half years": in the next smaller whole unit
    if (unit == Unit::Year)
      set_plain(r, "P" + std::to_string(amount) + "Y6M", "DURATION");
    else if (unit == Unit::Hour)
      set_plain(r, "PT" + std::to_string(amount) + "H30M", "DURATION");
    else if (unit == Unit::Day)
      set_plain(r, "PT" + std::to_string(amount * 24 + 12) + "H", "DURATION");
    else if (unit == Unit::Month)
      set_plain(r, "P" + std::to_string(amount * 30 + 15) + "D", "DURATION");
    else if (unit == Unit::Minute)
      set_plain(r, "PT" + std::to_string(amount) + "M30S", "DURATION");
    else if (unit == Unit::Week)  // "two and a half weeks": 17 days and a half, in hours
      set_plain(r, "PT" + std::to_string(amount * 168 + 84) + "H", "DURATION");
    else
      return false;
    return true;
  }
  set_plain(r, timex::duration(amount, unit), "DURATION");
  return true;
}

// "recent years", "the past few months", "coming weeks": TimeBank reads
// these as vague references to the past or the future.
bool n_vague_period(const Ctx&, const Match& m, Result& r) {
  std::string_view k = m['r'].word;
  set_plain(r, (k == "coming" || k == "next" || k == "future") ? "FUTURE_REF" : "PAST_REF", "DATE");
  return true;
}

bool n_half_unit(const Ctx&, const Match& m, Result& r) {
  const Unit unit = unit_of(m['u']);
  switch (unit) {
    case Unit::Hour:
      set_plain(r, "PT30M", "DURATION");
      return true;
    case Unit::Day:
      set_plain(r, "PT12H", "DURATION");
      return true;
    case Unit::Year:
      set_plain(r, "P6M", "DURATION");
      return true;
    case Unit::Month:
      set_plain(r, "P2W", "DURATION");
      return true;
    case Unit::Century:
      set_plain(r, "P5E", "DURATION");
      return true;
    default:
      return false;
  }
}

std::string ref_value(int code) {
  switch (code) {
    case kPresentRef:
      return "PRESENT_REF";
    case kPastRef:
      return "PAST_REF";
    case kFutureRef:
      return "FUTURE_REF";
    default:
      return {};
  }
}

// The word at `i` is a verb in the simple past: by its tag when the tagger ran, else "was", "were",
// "had" or a past form of the tense cues that is no adverb of time.
bool past_verb_at(const Ctx& c, int i) {
  if (i < 0 || i >= static_cast<int>(c.words.size())) return false;
  const Word& w = c.words[i];
  std::string_view x = xpos_of(c, w);
  if (!x.empty()) return x == "VBD";
  return is_past_word(w.key) && !contains(kPastCuesNoVerb, w.key);
}

// "soon" is FUTURE_REF, after the story's time, only when the story looks ahead. "killed soon after
// being captured", "soon afterwards": soon after another event, whose relation to it the TimeML
// guidelines give to a SIGNAL, with no time of its own. "a trickle that soon became a flood", "he was
// soon released": a past verb beside it tells a narrative, soon after the narrative's time, not the
// story's.
bool soon_not_ahead(const Ctx& c, int i) {
  const int n = static_cast<int>(c.words.size());
  if (i + 1 < n) {
    std::string_view next = c.words[i + 1].key;
    if (contains(kRelationsAfterSoon, next)) return true;
  }
  return past_verb_at(c, i + 1) || past_verb_at(c, i - 1);
}

// now, recently, soon, today, yesterday, tomorrow, tonight.
bool n_ref(const Ctx& c, const Match& m, Result& r) {
  const Capture& w = m['r'];
  const int code = w.w->lex->ref;
  if (code == kFutureRef && prev_is(c, m, {"as", "how"})) return false;  // "as soon as"
  if (code == kFutureRef && soon_not_ahead(c, w.first)) return false;
  if (code <= kFutureRef) {
    set_plain(r, ref_value(code), "DATE");
    return true;
  }
  if (!c.has_dct_day()) {
    set_plain(r, code == kYesterday ? "PAST_REF" : code == kTomorrow ? "FUTURE_REF" : "PRESENT_REF", "DATE");
    return true;
  }
  CalValue d = c.dct_day();
  r.anchor = "dct";
  if (code == kTonight) {
    d.gran = Gran::PartOfDay;
    d.tag = "NI";
    return set_value(r, d, "TIME");
  }
  auto s = timex::shift(d, code == kYesterday ? -1 : code == kTomorrow ? 1 : 0, Unit::Day);
  return s && set_value(r, *s);
}

// A phrase with a fixed reference value; the value is in the literal captured as `r`.
bool n_ref_phrase(const Ctx& c, const Match& m, Result& r) {
  std::string_view k = m['r'].word;
  // "the short term" ends its noun phrase; "the short term debt" is an
  // adjective written without its hyphen.
  if ((k == "near" || k == "short" || k == "long") && m.end < static_cast<int>(c.words.size()) &&
      !(c.words[m.end].mask & (kPunct | kLit)))
    return false;
  // "the future of our peoples", "the past of the region": the noun, not a time.
  if ((k == "future" || k == "past") && m.end < static_cast<int>(c.words.size()) &&
      c.words[m.end].key == "of")
    return false;
  // "for the past 4-1/2 years", "in the past two sessions", "12 of the past 15 meetings": the
  // adjective before a count, a length or no time, never the vague past.
  // ("the past three summers" stays found: seasons are no unit the length rules count).
  if ((k == "future" || k == "past") && m.end < static_cast<int>(c.words.size()) &&
      (c.words[m.end].mask & (kDigits | kNumWord)) &&
      !(m.end + 1 < static_cast<int>(c.words.size()) && is_plural_season(c.words[m.end + 1].key)))
    return false;
  if (k == "while")
    set_plain(r, "PXX", "DURATION");  // "for a while": a length, of no stated unit
  else if (k == "past")
    set_plain(r, "PAST_REF", "DATE");
  else if (k == "future" || k == "near" || k == "short" || k == "long" || k == "later")
    set_plain(r, "FUTURE_REF", "DATE");
  else
    set_plain(r, "PRESENT_REF", "DATE");
  return true;
}

// Part of a day: "this morning", "Friday night", "last night", "yesterday afternoon".
// How the part of a named day is written ("Friday morning", "the next
// night"): by TimeBank's majority for each part, counted over its weekdays and
// "the next/following PART". Mornings are the bare day 6 times of 9
// ("Thursday morning" 1999-10-07; `TMO` 3); nights the bare day 5 times of
// 14, `TNI` 6 and `TEV` 3, so no form wins and the day is kept; evenings `TEV`
// 3 of 3. Afternoons (none there) carry the part, as the TimeML guidelines
// write every part. "this morning", "in the morning" keep the part (2 of 2).
bool part_written_as_day(std::string_view tag) { return tag == "MO" || tag == "NI"; }

bool n_part_of_day(const Ctx& c, const Match& m, Result& r) {
  const Capture &p = m['p'], &w = m['w'], &rel = m['r'];
  std::string tag = p.w->lex->part;
  std::optional<CalValue> day;
  std::string type = "TIME";
  // "Tuesday nights": every Tuesday night, a set (as "Mondays" is).
  if (w.present() && !p.w->key.empty() && p.w->key.back() == 's') {
    set_plain(r, "XXXX-WXX-" + std::to_string(w.value) + "T" + tag, "SET");
    return true;
  }
  if (w.present()) {
    type = "DATE";  // "Friday night" is annotated as a date in TimeBank
    Match mm;
    mm.begin = w.first;
    mm.end = w.first + w.count;
    mm.at('w') = w;
    Result tmp;
    if (!n_date(c, mm, tmp)) return false;
    if (!tmp.calendar) {
      set_plain(r, tmp.value + "T" + tag, type);
      return true;
    }
    // "Thursday evening", "Monday afternoon" name a part of that day
    // (2000-01-27TEV); "Friday morning", "Friday night" are written as the
    // day (see part_written_as_day).
    if (!part_written_as_day(tag)) {
      auto v = timex::parse(tmp.value);
      if (!v || v->gran != Gran::Day) return false;
      v->gran = Gran::PartOfDay;
      v->tag = tag;
      r.anchor = tmp.anchor;
      return set_value(r, *v, "TIME");
    }
    r = tmp;
    r.part = true;
    return true;
  } else if (c.has_dct_day()) {
    int off = 0;
    if (rel.present()) {
      if (rel.word == "yesterday" || rel.word == "last") off = -1;
      if (rel.word == "tomorrow") off = 1;
    }
    if (rel.word == "last" && tag != "NI") return false;  // "last morning" is not a phrase
    day = timex::shift(c.dct_day(), off, Unit::Day);
  } else {
    set_plain(r, "PRESENT_REF", "TIME");
    return true;
  }
  if (!day) return false;
  day->gran = Gran::PartOfDay;
  day->tag = tag;
  r.anchor = "dct";
  return set_value(r, *day, type);
}

// "the next morning", "the following evening", "that night": a part of the
// day after (or of) the last day the story named, else of the DCT's day.
// Written as "Friday morning" is (part_written_as_day).
bool n_part_anaphoric(const Ctx& c, const Match& m, Result& r) {
  const Capture &p = m['p'], &rel = m['r'];
  if (!p.w->key.empty() && p.w->key.back() == 's') return false;  // "the following nights"
  std::optional<CalValue> day;
  r.anchor = "dct";
  if (const Result* t = last_time_within(c, 1 << 30); t && t->gran >= Gran::Day) {
    day = timex::parse(t->value);
    if (day) day = timex::coarsen(*day, Gran::Day);
    r.anchor = "t";
  }
  if (!day) {
    if (!c.has_dct_day()) {
      set_plain(r, rel.word == "that" ? "PAST_REF" : "FUTURE_REF", "TIME");
      return true;
    }
    day = c.dct_day();
    r.anchor = "dct";
  }
  if (rel.word != "that") day = timex::shift(*day, 1, Unit::Day);
  if (!day) return false;
  const std::string tag = p.w->lex->part;
  if (part_written_as_day(tag)) {
    r.part = true;
    return set_value(r, *day);
  }
  day->gran = Gran::PartOfDay;
  day->tag = tag;
  return set_value(r, *day, "TIME");
}

// "in the morning", "during the evening": that part of the day the story is
// at (a day named in this or the previous sentence), else of the DCT's day.
// "in the mornings" is a habit, not a time.
bool n_part_in_the(const Ctx& c, const Match& m, Result& r) {
  const Capture& p = m['p'];
  if (p.w->key.back() == 's' || !c.has_dct_day()) return false;
  // "in the morning tomorrow": the day word belongs to it (its own rule).
  if (m.end < static_cast<int>(c.words.size()) && (c.words[m.end].mask & kRef)) return false;
  CalValue d = c.dct_day();
  r.anchor = "dct";
  if (const Result* t = last_time(c, true); t && (t->gran == Gran::Day || t->gran == Gran::PartOfDay)) {
    if (auto v = timex::parse(t->value)) {
      d = *v;
      r.anchor = "t";
    }
  }
  d.gran = Gran::PartOfDay;
  d.tag = p.w->lex->part;
  return set_value(r, d, "TIME");
}

// "By mid afternoon", "until late evening": a bounded part after a
// preposition, as above. (The preposition is checked here rather than in the
// pattern, so the common prepositions start no extra rules.)
bool n_part_bounded(const Ctx& c, const Match& m, Result& r) {
  if (!prev_is(c, m, {"by", "until", "till", "since", "before", "after", "from", "in", "at"})) return false;
  return n_part_in_the(c, m, r);
}

// Clock times: "3:54 pm IST", "10 a.m.", "0800 GMT", "noon".
bool n_clock(const Ctx& c, const Match& m, Result& r) {
  const Capture &k = m['k'], &h = m['h'], &z = m['z'];
  Capture ap = m['a'];
  // "4 in the morning", "9 in the evening": the part of the day says a.m. or p.m.
  if (const Capture& p = m['p']; p.present() && !ap.present()) {
    const std::string_view part = p.w->lex->part;
    if (p.w->key.back() == 's') return false;
    const bool pm = part == "AF" || part == "EV" || (part == "NI" && h.value >= 6);
    ap.first = p.first;
    ap.word = pm ? "pm" : "am";
  }
  // "high noon" is the idiom (and the film), not a time of day.
  if (k.present() && k.w && (k.w->mask & kClockWord) && m.begin > 0 && c.words[m.begin - 1].key == "high")
    return false;
  long minutes;
  if (k.present() && k.w && (k.w->mask & kDigits)) {  // "0800 GMT"
    if (k.w->ndigits != 4 || !z.present() || k.value / 100 > 23 || k.value % 100 > 59) return false;
    minutes = k.value / 100 * 60 + k.value % 100;
  } else if (k.present())
    minutes = k.value;
  else if (h.present()) {
    if (h.value < 1 || h.value > 12) return false;
    minutes = h.value * 60;
  } else
    return false;
  if (ap.present()) {
    if (minutes >= 13 * 60) return false;
    const bool pm = ap.word.size() && ap.word[0] == 'p';
    if (minutes >= 12 * 60) minutes -= 12 * 60;
    if (pm) minutes += 12 * 60;
  }
  if (minutes < 0 || minutes >= 24 * 60) return false;
  if (!c.has_dct_day()) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "T%02ld:%02ld", minutes / 60, minutes % 60);
    set_plain(r, buf, "TIME");
    return true;
  }
  CalValue v = c.dct_day();
  r.anchor = "dct";
  // A clock time after a date in the same sentence is on that date.
  // ("Friday morning at 9:30": the morning's day.)
  bool dated = false;
  if (const Result* p = last_time(c, false); p && (p->gran == Gran::Day || p->gran == Gran::PartOfDay)) {
    if (auto d = timex::parse(p->value)) {
      v = *d;
      v.tag.clear();
      r.anchor.clear();
      dated = true;
    }
  }
  // With no date in its sentence, a clock time told in the past tense is on
  // the day the sentence before named, when that day is before the story's
  // ("The bomb went off on Friday. It exploded at 10:35 a.m.").
  if (!dated) {
    if (const Result* p = last_time(c, true);
        p && p->gran == Gran::Day && tense_near(c, m.begin, m.end) == Tense::Past) {
      auto d = timex::parse(p->value);
      if (d && timex::format(*d) < timex::format(c.dct_day())) {
        v = *d;
        v.tag.clear();
        r.anchor.clear();
        dated = true;
      }
    }
  }
  // With no date, a small hour (before 6 a.m.) in the future tense is the
  // coming night's: news is written by day, so "will leave at 4 in the
  // morning" is tomorrow's 4 a.m.
  if (!dated && minutes < 6 * 60 && tense_near(c, m.begin, m.end) == Tense::Future) {
    if (auto t = timex::shift(v, 1, Unit::Day)) v = *t;
  }
  v.gran = Gran::Minute;
  v.minute = static_cast<int>(minutes);
  return set_value(r, v, "TIME");
}

// Sets: "every week", "each Monday", "every two years", "daily", "annually".
bool n_set(const Ctx& c, const Match& m, Result& r) {
  const Capture &u = m['u'], &w = m['w'], &mo = m['m'], &s = m['s'], &n = m['n'], &p = m['p'];
  if (u.present() && !n.present() && m.begin < static_cast<int>(c.words.size()) &&
      c.words[m.begin].key == "per" && rate_of_amount(c, m.begin))
    return false;
  if (s.present() && s.w->lex && (s.w->mask & kSetWord)) {
    if (rate_of_amount(c, m.begin)) return false;  // "to rise 8.5% annually", "10,000 units annually"
    // "Nasdaq's average daily volume", "the average monthly rent": an average per unit of time is a
    // rate of an amount, the measure's unit, not something that recurs.
    if (s.first > 0 && c.words[s.first - 1].key == "average") return false;
    // "the Zambia Daily Mail", "told LA Weekly": a capitalised frequency
    // word inside a sentence is part of a title.
    if ((s.w->flags & kCapital) && !(s.w->flags & kBreakBefore) && s.first > 0) {
      std::string_view p = c.words[s.first - 1].key;
      if (!clause_stop(c.words[s.first - 1]) && p != "\"" && p != "`" && p != "(" && p != "'" && p != ":")
        return false;
    }
    // "The English-language daily said", "the weekly reported": a frequency word a verb of
    // reporting follows is a newspaper (the TimeBank gold tags "the daily Granma", a title after it).
    if (s.first + 1 < static_cast<int>(c.words.size()) && contains(kReportVerbs, c.words[s.first + 1].key))
      return false;
    // "20 half-yearly instalments": every six months.
    if (s.first >= 2 && c.words[s.first - 1].key == "-" && c.words[s.first - 2].key == "half" &&
        !(s.w->flags & kSpaceBefore) && static_cast<Unit>(s.w->lex->unit) == Unit::Year) {
      set_plain(r, "P6M", "SET");
      return true;
    }
    set_plain(r, timex::duration(1, static_cast<Unit>(s.w->lex->unit)), "SET");
    return true;
  }
  if (w.present()) {
    std::string v = "XXXX-WXX-" + std::to_string(w.value);
    if (p.present()) v += std::string("T") + p.w->lex->part;
    set_plain(r, v, "SET");
    return true;
  }
  if (mo.present()) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "XXXX-%02ld", mo.value);
    set_plain(r, buf, "SET");
    return true;
  }
  if (s.present()) {
    set_plain(r, std::string("XXXX-") + s.w->lex->season, "SET");
    return true;
  }
  if (u.present()) {
    long amount = n.present() ? n.value : 1;
    if (amount < 1) return false;
    set_plain(r, timex::duration(amount, unit_of(u)), "SET");
    return true;
  }
  return false;
}

// Fiscal years: "fiscal 2016", "fiscal year 1989".
bool n_fiscal(const Ctx&, const Match& m, Result& r) {
  CalValue v;
  v.gran = Gran::Year;
  v.year = static_cast<int>(m['y'].value);
  return set_value(r, v);
}

// "the year", "the month": the current one.
// The year named after a comparison word ("up from 23.0 mln dlrs in 1985", "against 1.2 billion
// in 1985") later in the sentence of word `b`, 0 if none.
int compared_year_after(const Ctx& c, int b) {
  const int nw = static_cast<int>(c.words.size());
  int compared = -1;  // where the comparison word is
  for (int k = b; k < nw && k < b + 30; ++k) {
    const Word& w = c.words[k];
    if (w.sentence != c.words[b - 1].sentence || (w.flags & kBreakBefore)) break;
    if (compared < 0) {
      if (contains(kCompareBeforeYear, w.key)) compared = k;
    } else if (k - compared > 16) {
      break;
    } else if (w.ndigits == 4 && w.num >= 1000 && w.num <= 2199) {
      return static_cast<int>(w.num);
    }
  }
  return 0;
}

bool n_the_unit(const Ctx& c, const Match& m, Result& r) {
  const Unit unit = unit_of(m['u']);
  if (in_to_compound(c, m['u'].first)) return false;
  // "the year ended Sept. 30", "the year to September 1987": a period of one unit.
  const int nw = static_cast<int>(c.words.size());
  // "player of the year", "the goal of the month": an award's title, no time.
  if (m.begin >= 2 && c.words[m.begin - 1].key == "of" && contains(kAwards, c.words[m.begin - 2].key))
    return false;
  // "the year-old litigation", "the month-long strike": the unit is part of an adjective (an age,
  // a length) of the noun after it, not the story's year; a length as "a year-long strike" is.
  if (m.end + 1 < nw && c.words[m.end].key == "-" && glued_at(c.words, m.end) &&
      glued_at(c.words, m.end + 1)) {
    if (c.words[m.end + 1].key == "old") return false;
    if (c.words[m.end + 1].key == "long") {
      set_plain(r, timex::duration(1, unit), "DURATION");
      return true;
    }
  }
  // "2.4 pct above the year ago level", "in the year earlier period", "from 5.3 pct the year
  // earlier": "year ago" written without its hyphen is the compound "year-ago", the unit counted
  // back once as "a year ago" is ("the year-ago quarter" too when a quarter follows).
  if (m.end < nw && !m['r'].present() && (c.words[m.end].key == "ago" || c.words[m.end].key == "earlier")) {
    Match back = m;
    Capture& rel = back.at('r');
    rel.first = m.end;
    rel.count = 1;
    rel.word = c.words[m.end].key;
    rel.w = &c.words[m.end];
    if (m.end + 1 < nw && c.words[m.end + 1].key == "quarter") {
      Capture& q = back.at('q');
      q.first = m.end + 1;
      q.count = 1;
      q.word = c.words[m.end + 1].key;
      q.w = &c.words[m.end + 1];
    }
    back.end = m.end + 1;
    if (!n_ago(c, back, r)) return false;
    r.extra_end = 1;
    return true;
  }
  if (m.end < nw &&
      (c.words[m.end].key == "ended" || c.words[m.end].key == "ending" || c.words[m.end].key == "through" ||
       (c.words[m.end].key == "to" && m.end + 1 < nw && (c.words[m.end + 1].mask & kMonth)))) {
    set_plain(r, timex::duration(1, unit), "DURATION");
    return true;
  }
  if (unit != Unit::Year && unit != Unit::Month && unit != Unit::Week) return false;
  if (!c.dct) return false;
  Gran g = gran_of_unit(unit);
  if (c.dct->gran < g && !(g == Gran::Week && c.dct->gran >= Gran::Day)) return false;
  r.anchor = "dct";
  // "the latest fiscal year": the last one completed.
  int off = m['r'].present() && m['r'].word == "latest" ? -1 : 0;
  // "For the full year, it earned 284,000 dlrs, up from 271,000 dlrs in 1985", "revenues for the
  // year were 30.7 mln dlrs, up from 23.0 mln dlrs in 1985" (March 1987 stories): a year its
  // sentence compares with a year named after "from", "against", "compared" or "versus" is the one
  // after that year, the year reported (the DCT's or the one before it).
  if (unit == Unit::Year && (!m['r'].present() || m['r'].word == "full")) {
    const int y = compared_year_after(c, m.end);
    if (y && (y + 1 == c.dct->year || y + 2 == c.dct->year)) off = y + 1 - c.dct->year;
  }
  auto v = timex::shift(timex::coarsen(*c.dct, g), off, unit);
  return v && set_value(r, *v);
}

// "Today is the eighth day of the invasion", "It's the second day of
// protests": an ordinal day named by a present "is" is the story's day.
bool n_ordinal_day(const Ctx& c, const Match& m, Result& r) {
  const int nw = static_cast<int>(c.words.size());
  if (m.end >= nw || c.words[m.end].key != "of" || !c.has_dct_day()) return false;
  // The article stays out of the extent ("the eighth day": TimeBank has it
  // out once and in once), so the rule starts at the rarer ordinal.
  int b = m.begin;
  if (b < 2 || c.words[b - 1].key != "the") return false;
  --b;
  const Word& p = c.words[b - 1];
  const bool is = p.key == "is" || (p.key == "s" && !(p.flags & kSpaceBefore) && b >= 2 &&
                                    c.words[b - 2].key == "'" && !(c.words[b - 2].flags & kSpaceBefore));
  if (!is) return false;
  r.anchor = "dct";
  return set_value(r, c.dct_day());
}

// "the week of March 6": the ISO week holding that day.
bool n_week_of(const Ctx& c, const Match& m, Result& r) {
  Result day;
  if (!n_date(c, m, day) || !day.calendar) return false;
  auto v = timex::parse(day.value);
  if (!v || v->gran != Gran::Day) return false;
  r.anchor = day.anchor;
  return set_value(r, timex::coarsen(*v, Gran::Week));
}

// "the year two thousand", "the year two thousand and one": a year in words,
// as broadcast transcripts write it.
bool n_year_words(const Ctx&, const Match& m, Result& r) {
  const Capture& n = m['n'];
  if (n.present() && (n.value < 1 || n.value > 99)) return false;
  CalValue v;
  v.gran = Gran::Year;
  v.year = 2000 + static_cast<int>(n.present() ? n.value : 0);
  return set_value(r, v);
}

// "the 1988 period": the quarter under discussion, in that year.
bool n_year_period(const Ctx& c, const Match& m, Result& r) {
  CalValue v;
  v.gran = Gran::Year;
  v.year = static_cast<int>(m['y'].value);
  if (const Result* q = report_quarter(c)) {
    if (auto p = timex::parse(q->value)) {
      v.gran = p->gran;
      v.index = p->index;
      r.derived = true;
    }
  }
  return set_value(r, v);
}

// "year-end", "year end", "year's end": the end of a year, written as "the
// end of the year" is (the year, mod END). It is the DCT's year unless the
// clause looks back ("since year-end", "rose at year-end") before December:
// then the year-end already passed is last year's. A deadline ("by
// year-end", "until year end") is always the coming one, whatever the verb.
bool n_year_end(const Ctx& c, const Match& m, Result& r) {
  // The unit is matched as a class (not the literal "year") so that "end",
  // a common word, does not become an anchor the matcher stops at.
  if (unit_of(m['u']) != Unit::Year) return false;
  CalValue v;
  v.gran = Gran::Year;
  // "at year-end 1986", "the 1982 year-end inventory": the year written next to it is the one (a
  // year before it joins the extent in tag_times).
  const Word* before = m.begin > 0 && c.words[m.begin].key != "the" ? &c.words[m.begin - 1] : nullptr;
  if (before && !(before->ndigits == 4 && before->num >= 1000 && before->num <= 2199 &&
                  (c.words[m.begin].flags & kSpaceBefore)))
    before = nullptr;
  if (m['y'].present() || before) {
    v.year = static_cast<int>(m['y'].present() ? m['y'].value : static_cast<long>(before->num));
    r.year_before = !m['y'].present();
  } else {
    if (!c.dct) return false;
    v.year = c.dct->year;
    const bool since = prev_is(c, m, {"since"});
    const bool deadline = prev_is(c, m, {"by", "until", "till", "before"});
    if ((since || (!deadline && tense_near(c, m.begin, m.end) == Tense::Past)) && c.dct->month &&
        c.dct->month < 12)
      v.year -= 1;
    r.anchor = "dct";
  }
  // The compound "year-end" is the closing date itself, as in accounts ("by
  // year-end", "since year-end": December 31; TimeBank 2 of 2), while "year
  // end", "year's end" and "the end of the year" are the year's end (3 of 3).
  // Only the noun: "year-end accounts", "the year-end forecast" (often a
  // fiscal year's, "their year-end accounts on March 31") and "the March 31
  // fiscal year-end" keep the year's end.
  auto noun_use = [&] {
    if (m.end >= static_cast<int>(c.words.size())) return true;
    const Word& next = c.words[static_cast<std::size_t>(m.end)];
    if (next.mask & kPunct) return true;
    return contains(kFunctionAfterYearEnd, next.key);
  };
  if (c.words[static_cast<std::size_t>(m['u'].first + 1)].key == "-" &&
      !prev_is(c, m, {"fiscal", "financial"}) && noun_use()) {
    v.gran = Gran::Day;
    v.month = 12;
    v.day = 31;
    return set_value(r, v);
  }
  r.mod = "END";
  return set_value(r, v);
}

// "the weekend": the one before the DCT, or the coming one when the verb says so.
bool n_weekend(const Ctx& c, const Match& m, Result& r) {
  if (!c.has_dct_day()) {
    set_plain(r, "XXXX-WXX-WE", "DATE");
    return true;
  }
  CalValue d = c.dct_day();
  const int dw = timex::iso_weekday(d);
  const Tense t = tense_near(c, m.begin, m.end);
  int off = 0;
  if ((t == Tense::Future || t == Tense::Present) && dw < 6)
    off = 0;
  else if (dw < 6)
    off = -1;  // the weekend is over: last week's
  auto s = timex::shift(timex::coarsen(d, Gran::Week), off, Unit::Week);
  if (!s) return false;
  std::string v = timex::format(*s);
  if (v.empty()) return false;
  set_plain(r, v + "-WE", "DATE");
  r.anchor = "dct";
  return true;
}

// Q3 2015, 3Q 2015.
bool n_qnum(const Ctx& c, const Match& m, Result& r) {
  if (m['o'].w && m['o'].w->ndigits != 1) return false;
  return n_quarter(c, m, r);
}

// ---------------------------------------------------------------------------
// The rules. Order matters only for equally long candidates (earlier wins).
// ---------------------------------------------------------------------------

constexpr RuleDef kRules[] = {
    // --- explicit dates
    {"date", "ISODATE:i", n_iso},
    {"date", "SLASHDATE:i", n_iso},
    {"date", "WEEKDAY:w ,? MONTH:m DAY:d ,? YEAR:y", n_date},
    {"date", "WEEKDAY:w ,? the? DAY:d of? MONTH:m ,? YEAR:y", n_date},
    {"date", "MONTH:m DAY:d ,? YEAR:y", n_date},
    {"date", "MONTH:m the? DAY:d ,? YEAR:y", n_date},
    {"date", "the? DAY:d of? MONTH:m ,? YEAR:y", n_date},
    {"date", "WEEKDAY:w ,? MONTH:m DAY:d", n_date},
    {"date", "WEEKDAY:w ,? the? DAY:d of? MONTH:m", n_date},
    {"date", "MONTH:m DAY:d", n_date},
    // "payable May one", "record April three": a day in words.
    {"date", "MONTH:m NUM|ORD:d", n_date},
    {"date", "MONTH:m NUM|ORD:d ,? YEAR:y", n_date},
    // "Sunday, March eighth", "the eighth of March": a day as an ordinal word
    // (transcripts of broadcast news).
    {"date", "WEEKDAY:w ,? MONTH:m ORD:d", n_date},
    // "this coming Sunday, March eighth": the date named decides.
    {"date", "this? last|next|this|past|coming WEEKDAY:w ,? MONTH:m DAY|ORD:d", n_date},
    {"date", "the ORD:d of MONTH:m", n_date},
    {"date", "!last|next|this MONTH:m DAY:d", n_date},
    {"date", "the? DAY:d of? MONTH:m", n_date},
    {"date", "MONTH:m ,? YEAR:y", n_date},
    {"date", "MONTH:m of YEAR:y", n_date},
    {"date", "MONTH:m DAY:d? ,? last|next|this:r year", n_month_rel_year},
    {"date", "MONTH:m DAY:d? of that year", n_month_that_year},
    {"date", "MONTH:m", n_date},
    {"date", "YEAR:y", n_date},
    {"date", "WEEKDAY:w", n_date},
    // --- holidays with a fixed or computable date
    {"holiday", "christmas:h day|eve:e?", n_holiday},
    {"holiday", "new:h year ~' ~s day|eve:e", n_holiday},
    {"holiday", "thanksgiving:h day?", n_holiday},
    {"holiday", "election:h day", n_holiday},
    {"holiday", "independence:h day", n_holiday},
    {"holiday", "last|next:r christmas|thanksgiving:h day?", n_holiday},
    {"holiday", "easter:h sunday|monday|week:e?", n_holiday},
    {"holiday", "last|next:r easter:h", n_holiday},
    {"holiday", "good:h friday:e", n_holiday},
    // --- intervals: one time, value = start, end given
    {"interval", "YEAR:y ~- ~YEAR:z", n_year_interval},
    {"interval", "YEAR:y ~- ~DIGITS:z", n_year_interval},
    {"interval", "between YEAR:y and YEAR:z", n_year_interval},
    {"interval", "!from YEAR:y to|until|through|till YEAR:z", n_year_interval},
    {"interval", "!from MONTH:m to|until|through|till MONTH:n ,? YEAR:y?", n_month_interval},
    {"interval", "between MONTH:m and MONTH:n ,? YEAR:y?", n_month_interval},
    {"interval", "MONTH:m ~- ~MONTH:n ,? YEAR:y?", n_month_interval},
    // --- decades and centuries
    {"decade", "the? DECADE:c", n_decade},
    {"decade", "the twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties:c", n_decade_word},
    {"decade", "the? ORD:o century", n_century},
    {"decade", "the? ORD:o ~- ~century", n_century},
    // --- seasons
    {"season", "SEASON:s ,? of? YEAR:y", n_season},
    {"season", "this? last|this|next|past|coming:r SEASON:s", n_season},
    {"season", "the? SEASON:s", n_season},
    // --- quarters and halves
    {"quarter", "the? fiscal? ~-? ORD:o quarter|half:u ,? of? fiscal? YEAR:y", n_quarter},
    {"quarter", "the? YEAR:y fiscal? ORD:o quarter|half:u", n_quarter},
    {"quarter", "its|this|last|next:r year ~' ~s fiscal? ORD:o quarter|half:u", n_quarter},
    // "1985's fourth quarter": the year named, not the latest such quarter.
    {"quarter", "YEAR:y ~' ~s fiscal? ORD:o quarter|half:u", n_quarter},
    // "its fourth quarter": the possessive stays out of the extent (TimeML).
    // "its third fiscal quarter": the label, as "its fiscal third quarter".
    // (Two rules, so that no rule may start at a hyphen: every punctuation
    // mark near a time word would try it.)
    {"quarter", "the? fiscal ~-? ORD:o quarter|half:u", n_quarter},
    {"quarter", "the? ORD:o fiscal? quarter|half:u", n_quarter},
    {"quarter", "the last|final:o quarter|half:u of fiscal? YEAR:y", n_quarter},
    {"quarter", "the? first|last:o NUM:n UNITS:u of YEAR:y", n_year_part},
    {"quarter", "the? first|second|last|final:o half of MONTH:m ,? YEAR:y?", n_month_half},
    {"quarter", "ORD:o ~- ~quarter|half:u", n_quarter},
    {"quarter", "fiscal ~- ~ORD:o ~- ~quarter|half:u", n_quarter},
    {"quarter", "q ~DIGITS:o YEAR:y?", n_qnum},
    {"quarter", "the YEAR:y quarter|period", n_year_period},
    {"quarter", "the? latest|last|past|previous|current|this|next|same|coming|recent:r fiscal? quarter:u",
     n_quarter_rel},
    {"quarter", "the:r quarter:u", n_quarter_rel},
    {"quarter", "the latest|same:r period", n_quarter_rel},
    {"quarter", "the? comparable|corresponding|same? year:u ~- ~ago|earlier:r quarter|period:q", n_ago},
    {"quarter", "the same|corresponding|comparable period|quarter:q last year", n_year_ago_period},
    {"quarter", "last year ~' ~s period|quarter:q", n_year_ago_period},
    // "the third quarter last year", "the first half this year".
    {"quarter", "the? fiscal? ORD:o quarter|half:u last|this|next:r year", n_quarter},
    {"quarter", "the? year:u ~- ~ago|earlier:r ORD quarter|half", n_ago},
    {"quarter", "the:r quarter:u a year:u ago|earlier:r", n_ago},
    // --- fiscal years
    {"fiscal", "fiscal ~-? YEAR:y", n_fiscal},
    {"year", "the? year two thousand and? NUM:n?", n_year_words},
    // "by the year 2000": one expression, as "the year two thousand" is.
    {"year", "the? year YEAR:y", n_date},
    {"fiscal", "the? fiscal year YEAR:y", n_fiscal},
    {"fiscal", "the full year YEAR:y", n_fiscal},
    // --- deictic words and reference phrases
    {"ref", "REF:r", n_ref},
    {"ref", "the near? past|future:r", n_ref_phrase},
    {"ref", "!at present:r", n_ref_phrase},
    {"ref", "these days:r", n_ref_phrase},
    {"ref", "!for a while:r", n_ref_phrase},
    // "at a later date": an unnamed coming time (TimeBank: 1 of 1; "as soon
    // as possible" is tagged 1 time of 2 and left out).
    {"ref", "a later:r date", n_ref_phrase},
    // "in the near term", "in the short term": the coming time (FUTURE_REF);
    // the hyphenated adjective ("short-term debt") does not match.
    {"ref", "the near|short|long:r term", n_ref_phrase},
    // --- relative to the DCT or a time just mentioned
    {"relative", "the? last|next|this|past|previous|coming|current|following|preceding|same:r UNIT1:u",
     n_rel_unit},
    {"relative", "this? last|next|this|past|coming:r WEEKDAY:w", n_rel_named},
    {"relative", "the previous|following:r WEEKDAY:w", n_rel_named},
    {"relative", "this? last|next|this|past|coming:r MONTH:m", n_rel_named},
    // "a week or so ago": the hedge inside.
    {"relative", "NUM:n UNIT:u or? so? ago|earlier|later|hence|before:r", n_ago},
    {"relative", "a|an:n UNIT:u or? so? ago|earlier|later|before:r", n_ago},
    // "a few years ago", "a hundred years ago", "a couple of days later".
    {"relative", "a NUM:n of? UNIT:u ago|earlier|later:r", n_ago},
    // "down from 40 percent the year before.": the one before the time in view.
    {"relative", "the year|month|week|day:u before:r", n_ago},
    {"relative", "UNIT1:u ~- ~earlier|ago:r", n_ago},
    {"relative", "!the UNIT1:u ~- ~earlier|ago:r", n_ago},
    {"relative", "the year|month|week:u", n_the_unit},
    {"relative", "that:r same? UNIT1:u", n_rel_unit},
    {"relative", "the full|fiscal|current|latest:r fiscal? year:u", n_the_unit},
    {"relative", "the weekend:u", n_weekend},
    {"relative", "the? UNIT1:u ~- ~end YEAR:y?", n_year_end},
    {"relative", "the? UNIT1:u end YEAR:y?", n_year_end},
    {"relative", "the? UNIT1:u ~' ~s end", n_year_end},
    {"relative", "ORD:o day", n_ordinal_day},
    {"relative", "the week of MONTH:m DAY:d", n_week_of},
    {"relative", "the week of MONTH:m DAY:d ,? YEAR:y", n_week_of},
    {"relative", "the week of DAY:d MONTH:m", n_week_of},
    {"relative", "the week of DAY:d MONTH:m ,? YEAR:y", n_week_of},
    // --- durations
    {"duration",
     "the? past|last|next|first|coming|previous|final|following|initial|remaining? NUM:n more? UNIT:u",
     n_duration},
    // "an additional year", "a further month".
    {"duration",
     "the? past|last|next|first|coming|previous|following? a|an:n additional|extra|further? UNIT:u",
     n_duration},
    // "the year-earlier nine months": the comparison period, a length.
    {"duration", "the? year ~- ~ago|earlier NUM:n UNITS:u", n_duration},
    {"duration", "NUM:n and a half:h UNIT:u", n_duration},
    {"duration", "NUM:n 1 ~/ ~2:h UNIT:u", n_duration},
    {"duration", "a|an:n UNIT:u and a half:h", n_duration},
    // "over the last year and a half": one length, as "a year and a half", not "the last year".
    {"duration", "the? past|last|next|coming|previous UNIT:u and a half:h", n_duration},
    {"duration", "a couple:c of? UNIT:u", n_duration},
    {"duration", "the? past|last|next|coming|first couple:c of UNIT:u", n_duration},
    // "eight trading days", "five business days": counted days of a kind.
    {"duration", "NUM:n trading|business|working|calendar UNITS:u", n_duration},
    {"duration", "half a|an UNIT:u", n_half_unit},
    // "a hundred years", "a dozen years".
    {"duration", "a NUM:n UNITS:u", n_duration},
    // "two to three weeks", "the next 12 to 18 months", "two or three days":
    // one range, valued by its lower bound.
    {"duration", "the past|last|next|coming|first NUM:n to|or NUM:z more? UNITS:u", n_duration},
    {"duration", "next|past? NUM:n to|or NUM:z more? UNITS:u", n_duration},
    {"duration", "a few:x UNIT:u", n_duration},
    {"duration", "NUM:n ~- ~UNIT:u", n_duration},
    {"duration", "NUM:n ~- ~UNIT:u ~- ~long", n_duration},
    {"duration", "UNIT:u ~- ~long", n_duration},
    {"duration", "recent|coming UNITS:u", n_duration},
    // "the weeks ahead" is "the coming weeks".
    {"duration", "the UNITS:u ahead", n_duration},
    {"duration", "!over the years|decades:u", n_duration},
    {"duration", "the past|last|next|coming:r few|several|many? UNITS:u", n_vague_period},
    // "in past years", "tax payments in future quarters" (TimeBank: 2 of 2).
    {"duration", "past|future:r UNITS:u", n_vague_period},
    {"duration", "!for|over|within|lasting|took|take|takes|spent|spend|in UNITS:u", n_duration},
    // --- times of day
    {"time", "CLOCK:k AMPM:a? ZONE:z?", n_clock},
    {"time", "DIGITS:h AMPM:a ZONE:z?", n_clock},
    {"time", "DIGITS:k ZONE:z", n_clock},
    {"time", "DIGITS:h in the PART:p", n_clock},
    {"time", "!in|during the PART:p", n_part_in_the},
    // "By mid afternoon", "until late evening": a bounded part with a
    // preposition is that part of the day the story is at, as above.
    {"time", "mid|early|late PART:p", n_part_bounded},
    {"time", "mid|early|late ~- ~PART:p", n_part_bounded},
    {"time", "CLOCKWORD:k ZONE:z?", n_clock},
    {"time", "this|yesterday|tomorrow|last:r PART:p", n_part_of_day},
    {"time", "WEEKDAY:w PART:p", n_part_of_day},
    {"time", "PART:p yesterday|tomorrow:r", n_part_of_day},
    {"time", "the next|following:r PART:p", n_part_anaphoric},
    {"time", "that:r PART:p", n_part_anaphoric},
    // --- sets
    {"set", "SETWORD:s", n_set},
    {"set", "every|each|per NUM:n? UNIT:u", n_set},
    {"set", "every|each|per other:n UNIT:u", n_set},
    {"set", "every|each WEEKDAY:w PART:p?", n_set},
    {"set", "every|each MONTH:m", n_set},
    {"set", "every|each SEASON:s", n_set},
    {"set", "once|twice a|an|per UNIT:u", n_set},
};

// --- pattern compiler --------------------------------------------------------

Atom compile_atom(std::string_view s) {
  Atom a;
  static const std::pair<std::string_view, std::uint32_t> kClasses[] = {
      {"MONTH", kMonth},   {"WEEKDAY", kWeekday}, {"SEASON", kSeason},   {"UNIT", kUnit},
      {"UNITS", kUnit},    {"UNIT1", kUnit},      {"PART", kPart},       {"ZONE", kZone},
      {"AMPM", kAmPm},     {"REF", kRef},         {"SETWORD", kSetWord}, {"CLOCKWORD", kClockWord},
      {"DECADE", kDecade}, {"CLOCK", kClock},     {"DIGITS", kDigits},
  };
  static const std::pair<std::string_view, AtomKind> kKinds[] = {
      {"NUM", AtomKind::Num}, {"DAY", AtomKind::Day},         {"YEAR", AtomKind::Year},
      {"ORD", AtomKind::Ord}, {"ISODATE", AtomKind::IsoDate}, {"SLASHDATE", AtomKind::SlashDate},
  };
  for (auto& [name, kind] : kKinds)
    if (s == name) {
      a.kind = kind;
      return a;
    }
  for (auto& [name, mask] : kClasses)
    if (s == name) {
      a.kind = AtomKind::Class;
      a.mask = mask;
      if (name == "UNITS") a.need_flags = kPlural;
      if (name == "UNIT1") a.reject_flags = kPlural;
      return a;
    }
  if (s.size() == 1 && !is_alpha(static_cast<unsigned char>(s[0])) &&
      !is_digit(static_cast<unsigned char>(s[0]))) {
    a.kind = AtomKind::Punct;
    a.punct = s[0];
    return a;
  }
  a.kind = AtomKind::Literal;
  a.word = std::string(s);
  return a;
}

Element compile_element(std::string_view s) {
  Element e;
  if (!s.empty() && s[0] == '!') {
    e.context = true;
    s.remove_prefix(1);
  }
  if (!s.empty() && s[0] == '~') {
    e.glued = true;
    s.remove_prefix(1);
  }
  if (s.size() > 1 && s.back() == '?') {
    e.optional = true;
    s.remove_suffix(1);
  }
  if (s.size() > 2 && s[s.size() - 2] == ':' && s.back() >= 'a' && s.back() <= 'z') {
    e.name = s.back();
    s.remove_suffix(2);
  }
  size_t start = 0;
  while (start <= s.size()) {
    size_t bar = s.find('|', start);
    if (bar == std::string_view::npos) bar = s.size();
    e.alts.push_back(compile_atom(s.substr(start, bar - start)));
    start = bar + 1;
  }
  return e;
}

// A cheap hash for short lower-case words (FNV-1a).
struct WordHash {
  std::size_t operator()(std::string_view s) const noexcept {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char ch : s) h = (h ^ ch) * 1099511628211ull;
    return static_cast<std::size_t>(h);
  }
};

struct Tables {
  std::unordered_map<std::string_view, Lex, WordHash> lexicon;
  std::vector<std::string> literal_storage;
  std::vector<Rule> rules;
  std::uint32_t start_mask = 0;  // classes any rule may start with
  std::unordered_map<std::uint32_t, std::vector<std::uint16_t>>
      class_starts;  // for words outside the lexicon
  // Bit word_filter_bit(w): some lexicon word has w's length, first, middle
  // and last letters; most words of a text do not, and skip the lookup.
  std::array<std::uint64_t, 1024> word_filter{};
};

// Words of 1 to 15 letters only (the longest lexicon word has 13).
std::uint32_t word_filter_bit(std::string_view k) {
  const auto at = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(k[i])); };
  const std::size_t n = k.size();
  return (static_cast<std::uint32_t>(n) * 4099u + at(0) * 257u + at(n / 2) * 37u + at(n - 1)) & 0xFFFFu;
}

const Tables& tables() {
  static const Tables t = [] {
    Tables t;
    auto& L = t.lexicon;
    for (const auto& e : kMonths) {
      auto& x = L[e.word];
      x.mask |= kMonth;
      x.month = e.value;
      x.flags |= e.flags;
    }
    for (const auto& e : kWeekdays) {
      auto& x = L[e.word];
      x.mask |= kWeekday;
      x.weekday = e.value;
      x.flags |= e.flags;
    }
    for (const auto& [w, s] : kSeasons) {
      auto& x = L[w];
      x.mask |= kSeason;
      std::memcpy(x.season, s.data(), 2);
    }
    for (const auto& e : kUnits) {
      auto& x = L[e.word];
      x.mask |= kUnit;
      x.unit = e.value;
      x.flags |= e.flags;
    }
    for (const auto& e : kNumbers) {
      auto& x = L[e.word];
      x.mask |= kNumWord;
      x.num = e.value;
    }
    for (const auto& e : kOrdinals) {
      auto& x = L[e.word];
      x.mask |= kOrdWord;
      x.ord = e.value;
    }
    for (const auto& [w, p] : kParts) {
      auto& x = L[w];
      x.mask |= kPart;
      std::memcpy(x.part, p.data(), 2);
    }
    for (const auto& e : kZones) {
      auto& x = L[e.word];
      x.mask |= kZone;
      x.zone = e.value;
    }
    for (const auto& e : kRefs) {
      auto& x = L[e.word];
      x.mask |= kRef;
      x.ref = e.value;
    }
    for (const auto& e : kSetWords) {
      auto& x = L[e.word];
      x.mask |= kSetWord;
      x.unit = e.value;
    }
    for (const auto& e : kClockWords) {
      auto& x = L[e.word];
      x.mask |= kClockWord;
      x.clock = e.value;
    }
    for (std::string_view w : {"am", "pm", "a.m", "p.m"}) L[w].mask |= kAmPm;
    // Literals of the grammar are words the scanner must mark.
    std::vector<std::string> lits;
    for (const auto& def : kRules) {
      Rule r;
      r.norm = def.norm;
      std::string_view p = def.pattern;
      size_t pos = 0;
      while (pos < p.size()) {
        size_t sp = p.find(' ', pos);
        if (sp == std::string_view::npos) sp = p.size();
        if (sp > pos) r.elements.push_back(compile_element(p.substr(pos, sp - pos)));
        pos = sp + 1;
      }
      for (const auto& el : r.elements)
        for (const auto& at : el.alts)
          if (at.kind == AtomKind::Literal) lits.push_back(at.word);
      t.rules.push_back(std::move(r));
    }
    for (std::string_view w : {"the",
                               "end",
                               "beginning",
                               "start",
                               "middle",
                               "early",
                               "late",
                               "mid",
                               "about",
                               "around",
                               "approximately",
                               "roughly",
                               "nearly",
                               "almost",
                               "more",
                               "less",
                               "than",
                               "least",
                               "up",
                               "to",
                               "at",
                               "some",
                               "over",
                               "under",
                               "on",
                               "of",
                               "in",
                               "and",
                               "by"})
      lits.emplace_back(w);
    std::sort(lits.begin(), lits.end());
    lits.erase(std::unique(lits.begin(), lits.end()), lits.end());
    t.literal_storage = std::move(lits);
    for (const auto& w : t.literal_storage) L[w].mask |= kLit;
    // Which word classes can start each rule.
    auto atom_mask = [](const Atom& a) -> std::uint32_t {
      switch (a.kind) {
        case AtomKind::Class:
          return a.mask;
        case AtomKind::Literal:
          return kLit;
        case AtomKind::Punct:
          return kPunct;
        case AtomKind::Num:
          return kDigits | kNumWord;
        case AtomKind::Day:
          return kDigits | kOrdNum;
        case AtomKind::Year:
          return kDigits | kNumWord;
        case AtomKind::Ord:
          return kOrdWord | kOrdNum;
        case AtomKind::IsoDate:
          return kDigits;
        case AtomKind::SlashDate:
          return kDigits;
      }
      return 0;
    };
    for (auto& r : t.rules)
      for (auto& el : r.elements)
        for (auto& at : el.alts)
          if (at.kind == AtomKind::Literal && !at.word.empty() &&
              !is_digit(static_cast<unsigned char>(at.word[0])))
            at.lex = &L.at(at.word);
    // Anchors: words of a temporal class, and the literals a rule made only of
    // literals cannot do without (its last required element). The matcher
    // only starts near an anchor, which keeps the common words cheap.
    constexpr std::uint32_t kFunctionOnly = kLit | kPunct;
    for (auto& [word, lex] : L)
      if (lex.mask & ~kFunctionOnly) lex.anchor = true;
    for (auto& r : t.rules) {
      const Element* last = nullptr;
      bool has_class = false;
      for (const auto& el : r.elements) {
        for (const auto& at : el.alts)
          if (at.kind != AtomKind::Literal && at.kind != AtomKind::Punct) has_class = true;
        if (!el.optional && !el.context) last = &el;
      }
      if (!has_class && last)
        for (const auto& at : last->alts)
          if (at.lex) const_cast<Lex*>(at.lex)->anchor = true;
    }
    for (const auto& [word, lex] : L)
      if (!word.empty() && word.size() < 16) {
        const std::uint32_t bit = word_filter_bit(word);
        t.word_filter[bit >> 6] |= std::uint64_t{1} << (bit & 63);
      }
    // Which rules may start at which word: by the word itself (literals) or
    // by its classes; so the matcher tries only those (the hot path).
    for (std::size_t ri = 0; ri < t.rules.size(); ++ri) {
      Rule& r = t.rules[ri];
      std::vector<std::string_view> first_lits;
      for (const auto& el : r.elements) {
        for (const auto& at : el.alts) {
          if (at.kind == AtomKind::Literal)
            first_lits.push_back(at.word);
          else
            r.first_mask |= atom_mask(at);
        }
        if (!el.optional) break;
      }
      t.start_mask |= r.first_mask | (first_lits.empty() ? 0u : static_cast<std::uint32_t>(kLit));
      for (auto& [word, lex] : L) {
        const bool by_word = std::find(first_lits.begin(), first_lits.end(), word) != first_lits.end();
        if (by_word || (lex.mask & r.first_mask & ~static_cast<std::uint32_t>(kLit)))
          lex.starts.push_back(static_cast<std::uint16_t>(ri));
      }
      for (std::uint32_t m : {kDigits, kOrdNum, kDecade, kClock, kOtherNum, kPunct, kAmPm})
        if (r.first_mask & m) t.class_starts[m].push_back(static_cast<std::uint16_t>(ri));
    }
    // The next-word test of each rule (Rule::next_test): only where the
    // first element's atoms each take exactly one word, some later element
    // is required, and every literal before it is a lexicon word.
    for (Rule& r : t.rules) {
      if (r.elements.size() < 2) continue;
      bool testable = true;
      for (const Atom& a : r.elements[0].alts)
        testable = testable &&
                   (a.kind == AtomKind::Literal || a.kind == AtomKind::Class || a.kind == AtomKind::Punct);
      bool required = false;
      for (std::size_t k = 1; k < r.elements.size() && !required && testable; ++k) {
        for (const Atom& a : r.elements[k].alts) {
          if (a.kind != AtomKind::Literal)
            r.next_mask |= atom_mask(a);
          else if (a.lex)
            r.next_lits.push_back(a.lex);
          else
            testable = false;  // a literal number, compared by its text
        }
        required = !r.elements[k].optional;
      }
      r.next_test = testable && required;
    }
    return t;
  }();
  return t;
}

// --- scanner -----------------------------------------------------------------

std::vector<Word> scan(std::string_view text, std::string& lower, const Tables& t) {
  lower.assign(text.begin(), text.end());
  // Branch-free, so that the compiler vectorises it (the scanner's one pass
  // over every byte).
  for (char& ch : lower)
    ch = static_cast<char>(static_cast<unsigned char>(ch) |
                           (static_cast<unsigned char>(ch - 'A') < 26 ? 0x20 : 0));
  std::vector<Word> out;
  out.reserve(text.size() / 5);
  const size_t n = text.size();
  size_t i = 0;
  bool space = true, brk = true;
  // A paragraph break right after a sentence-final stop starts one sentence,
  // not two ("...dashed Friday.\n\nDealers bought in the morning": the
  // previous sentence is Friday's).
  bool ended = false;
  std::uint32_t sentence = 0;
  auto lookup = [&](Word& w) {
    const std::uint32_t bit = word_filter_bit(w.key);
    if (!(t.word_filter[bit >> 6] >> (bit & 63) & 1)) return;
    auto it = t.lexicon.find(w.key);
    if (it != t.lexicon.end()) {
      w.lex = &it->second;
      w.mask |= it->second.mask;
      w.flags |= it->second.flags & (kAbbr | kAmbiguous | kPlural);
    }
  };
  auto push = [&](Word w) {
    if (space) w.flags |= kSpaceBefore;
    if (brk) {
      w.flags |= kBreakBefore;
      if (!out.empty() && !ended) ++sentence;
    }
    w.sentence = sentence;
    out.push_back(w);
    space = brk = ended = false;
  };
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (space_at(text, i)) {
      int newlines = 0;
      while (i < n) {
        const size_t k = space_at(text, i);
        if (k == 0) break;
        newlines += text[i] == '\n';
        i += k;
      }
      space = true;
      if (newlines >= 2) brk = true;
      continue;
    }
    Word w;
    w.b = static_cast<Offset>(i);
    if (c == 0xE2 && i + 2 < n && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(text[i + 2]) == 0x93 ||
         static_cast<unsigned char>(text[i + 2]) == 0x94)) {
      // En and em dashes read as "-".
      i += 3;
      w.e = static_cast<Offset>(i);
      w.key = "-";
      w.mask = kPunct;
      push(w);
      continue;
    }
    if (is_alpha(c)) {
      size_t j = i;
      while (j < n) {
        const unsigned char cj = static_cast<unsigned char>(text[j]);
        if (cj < 0x80 ? !is_ascii_alpha(cj) : unicode_space(text, j) != 0) break;
        ++j;
      }
      // a.m. / p.m.
      if (j == i + 1 && (lower[i] == 'a' || lower[i] == 'p') && j + 1 < n && text[j] == '.' &&
          lower[j + 1] == 'm') {
        size_t k = j + 2;
        if (k < n && text[k] == '.') ++k;
        w.e = static_cast<Offset>(k);
        w.key = std::string_view(lower).substr(i, 3);
        w.mask = kAmPm;
        i = k;
        push(w);
        continue;
      }
      w.e = static_cast<Offset>(j);
      w.key = std::string_view(lower).substr(i, j - i);
      if (c >= 'A' && c <= 'Z') w.flags |= kCapital;
      // The longest lexicon word is "corresponding" (13 letters).
      if (w.key.size() <= 13) lookup(w);
      // "the quarter-finals": a unit hyphened to "final..." names a round of a tournament, no time.
      if (!space && w.key.starts_with("final") && out.size() >= 2 && out.back().key == "-" &&
          !(out.back().flags & kSpaceBefore) && (out[out.size() - 2].mask & kUnit)) {
        out[out.size() - 2].mask = 0;
        out[out.size() - 2].lex = nullptr;
      }
      // "Birmingham, Ala., killed", "Acme Inc. said", "John F. Kennedy",
      // "U.S. forces": a dot before a comma or a lower-case word, or after a
      // single letter, is an abbreviation's, not a sentence end.
      if (j < n && text[j] == '.' &&
          ((w.flags & kAbbr) || is_title_abbreviation(w.key) || j - i == 1 || abbreviation_dot(text, j))) {
        w.e = static_cast<Offset>(j + 1);
        w.flags |= kDot;
        j = j + 1;
      }
      i = j;
      push(w);
      continue;
    }
    if (is_digit(c)) {
      size_t j = i;
      std::int64_t v = 0;
      while (j < n && is_digit(static_cast<unsigned char>(text[j]))) {
        if (j - i < 12) v = v * 10 + (text[j] - '0');
        ++j;
      }
      const size_t nd = j - i;
      w.num = v;
      w.ndigits = static_cast<std::uint8_t>(std::min<size_t>(nd, 255));
      // 1,999 and 3.5 are quantities, never years or days.
      auto grouped = [&](size_t k) {  // ",ddd" not followed by another digit
        return k + 3 < n && text[k] == ',' && is_digit(static_cast<unsigned char>(text[k + 1])) &&
               is_digit(static_cast<unsigned char>(text[k + 2])) &&
               is_digit(static_cast<unsigned char>(text[k + 3])) &&
               !(k + 4 < n && is_digit(static_cast<unsigned char>(text[k + 4])));
      };
      const bool decimal = j + 1 < n && text[j] == '.' && is_digit(static_cast<unsigned char>(text[j + 1]));
      if ((nd <= 3 && grouped(j)) || decimal) {
        while (grouped(j)) j += 4;
        if (j + 1 < n && text[j] == '.' && is_digit(static_cast<unsigned char>(text[j + 1]))) {
          ++j;
          while (j < n && is_digit(static_cast<unsigned char>(text[j]))) ++j;
        }
        w.e = static_cast<Offset>(j);
        w.key = std::string_view(lower).substr(i, j - i);
        w.mask = kOtherNum;
        i = j;
        push(w);
        continue;
      }
      // 3:54, 15:54:10
      if (nd <= 2 && j + 2 < n && text[j] == ':' && is_digit(static_cast<unsigned char>(text[j + 1])) &&
          is_digit(static_cast<unsigned char>(text[j + 2])) &&
          !(j + 3 < n && is_digit(static_cast<unsigned char>(text[j + 3])))) {
        int mm = (text[j + 1] - '0') * 10 + (text[j + 2] - '0');
        size_t k = j + 3;
        if (k + 2 < n && text[k] == ':' && is_digit(static_cast<unsigned char>(text[k + 1])) &&
            is_digit(static_cast<unsigned char>(text[k + 2])))
          k += 3;
        // "3:51.01", "13:21.35": fractions of a second are a time measured (a race's), not
        // a time of day.
        const bool measured =
            k + 1 < n && text[k] == '.' && is_digit(static_cast<unsigned char>(text[k + 1]));
        if (measured)
          for (++k; k < n && is_digit(static_cast<unsigned char>(text[k]));) ++k;
        w.e = static_cast<Offset>(k);
        w.key = std::string_view(lower).substr(i, k - i);
        if (v < 24 && mm < 60 && !measured) {
          w.mask = kClock;
          w.num = v * 60 + mm;
        } else {
          w.mask = kOtherNum;
        }
        i = k;
        push(w);
        continue;
      }
      // "in the 1970's", "the early 1980's", "the mid-1970's": a decade written with an apostrophe
      // after an article or a decade's modifier; elsewhere "'s" is a year's possessive ("the
      // lowest level since 1980's 6.19 mln tonnes").
      if (nd == 4 && v % 10 == 0 && j + 1 < n && text[j] == '\'' && lower[j + 1] == 's' &&
          !(j + 2 < n && is_alpha(static_cast<unsigned char>(text[j + 2]))) && !out.empty()) {
        const std::string_view p = out.back().key;
        if (p == "the" || p == "early" || p == "mid" || p == "late" ||
            (p == "-" && out.size() >= 2 && out[out.size() - 2].key == "mid")) {
          w.e = static_cast<Offset>(j + 2);
          w.key = std::string_view(lower).substr(i, j + 2 - i);
          w.mask = kDecade;
          w.num = v;
          i = j + 2;
          push(w);
          continue;
        }
      }
      // Suffixes: 1990s, 15th, 3pm
      if (j < n && is_ascii_alpha(static_cast<unsigned char>(text[j]))) {
        size_t k = j;
        while (k < n && is_ascii_alpha(static_cast<unsigned char>(text[k]))) ++k;
        std::string_view suf = std::string_view(lower).substr(j, k - j);
        if ((suf == "am" || suf == "pm") && nd <= 2) {
          w.e = static_cast<Offset>(j);
          w.key = std::string_view(lower).substr(i, nd);
          w.mask = kDigits;
          push(w);
          Word a;
          a.b = static_cast<Offset>(j);
          a.e = static_cast<Offset>(k);
          a.key = suf;
          a.mask = kAmPm;
          out.push_back(a);
          out.back().sentence = sentence;
          i = k;
          continue;
        }
        w.e = static_cast<Offset>(k);
        w.key = std::string_view(lower).substr(i, k - i);
        if (suf == "s" && ((nd == 4 && v % 10 == 0) || (nd == 2 && v % 10 == 0))) {
          w.mask = kDecade;
          w.num = nd == 2 ? 1900 + v : v;
        } else if ((suf == "st" || suf == "nd" || suf == "rd" || suf == "th") && nd <= 2) {
          w.mask = kOrdNum;
        }
        i = k;
        push(w);
        continue;
      }
      w.e = static_cast<Offset>(j);
      w.key = std::string_view(lower).substr(i, nd);
      w.mask = kDigits;
      i = j;
      push(w);
      continue;
    }
    // '90s
    if ((c == '\'') && i + 3 < n && is_digit(static_cast<unsigned char>(text[i + 1])) &&
        is_digit(static_cast<unsigned char>(text[i + 2])) && lower[i + 3] == 's' && text[i + 2] == '0' &&
        !(i + 4 < n && is_alpha(static_cast<unsigned char>(text[i + 4])))) {
      w.e = static_cast<Offset>(i + 4);
      w.key = std::string_view(lower).substr(i, 4);
      w.mask = kDecade;
      w.num = 1900 + (text[i + 1] - '0') * 10;
      i += 4;
      push(w);
      continue;
    }
    w.e = static_cast<Offset>(i + 1);
    w.key = std::string_view(lower).substr(i, 1);
    w.mask = kPunct;
    ++i;
    push(w);
    if ((c == '.' || c == '!' || c == '?') && (i >= n || is_space(static_cast<unsigned char>(text[i])))) {
      brk = false;
      ++sentence;
      ended = true;
    }
  }
  return out;
}

// --- matcher -----------------------------------------------------------------

// Number words: "twenty four", "twenty-four", "a hundred"; returns words used.
int match_number(const std::vector<Word>& w, int i, long& value) {
  const Word& x = w[i];
  if (x.mask & kDigits) {
    if (x.ndigits > 6) return 0;
    value = static_cast<long>(x.num);
    return 1;
  }
  if (!(x.mask & kNumWord)) return 0;
  value = x.lex->num;
  if (value < 0) return 1;
  int used = 1;
  if (value >= 20 && value < 100 && value % 10 == 0) {
    int k = i + 1;
    if (k + 1 < static_cast<int>(w.size()) && w[k].key == "-" && !(w[k].flags & kSpaceBefore) &&
        !(w[k + 1].flags & kSpaceBefore))
      ++k;
    if (k < static_cast<int>(w.size()) && (w[k].mask & kNumWord) && w[k].lex->num > 0 && w[k].lex->num < 10) {
      value += w[k].lex->num;
      used = k - i + 1;
    }
  }
  return used;
}

bool glued_at(const std::vector<Word>& w, int i) { return !(w[i].flags & kSpaceBefore); }

// "the ECP2000 computer", "V2500s engines": digits glued to the letters before
// them are part of a model or product code, not a year or a decade.
bool in_code(const std::vector<Word>& w, int i) {
  if (i == 0 || !glued_at(w, i) || w[i - 1].key.empty()) return false;
  const unsigned char last = static_cast<unsigned char>(w[i - 1].key.back());
  return is_ascii_alpha(last);
}

// Tries one atom at word i: the number of words it covers (0: no match).
int match_atom(const Atom& a, const std::vector<Word>& w, int i, Capture& cap) {
  const Word& x = w[i];
  const int n = static_cast<int>(w.size());
  switch (a.kind) {
    case AtomKind::Literal:
      if (a.lex ? x.lex != a.lex : x.key != a.word) return 0;
      cap.value = 1;
      return 1;
    case AtomKind::Punct:
      return (x.mask & kPunct) && x.key.size() == 1 && x.key[0] == a.punct ? 1 : 0;
    case AtomKind::Class: {
      if (!(x.mask & a.mask)) return 0;
      if (a.need_flags && !(x.flags & a.need_flags)) return 0;
      if (a.reject_flags && (x.flags & a.reject_flags)) return 0;
      if (a.mask == kMonth) {
        if (!(x.flags & kCapital)) return 0;
        // "JUL7", "Mar8": a month glued to a digit is a futures contract's code (July 1987).
        if (i + 1 < n && (w[i + 1].mask & kDigits) && !(w[i + 1].flags & kSpaceBefore)) return 0;
        // "Mar" without its dot needs a day or year after it.
        if ((x.flags & kAbbr) && !(x.flags & kDot) && !(i + 1 < n && (w[i + 1].mask & kDigits))) return 0;
        cap.value = x.lex->month;
      } else if (a.mask == kWeekday) {
        if (!(x.flags & kCapital)) return 0;
        if ((x.flags & kAbbr) && !(x.flags & kDot)) return 0;
        cap.value = x.lex->weekday;
      } else if (a.mask == kDecade && in_code(w, i)) {
        return 0;
      } else if (a.mask == kClock || a.mask == kDecade || a.mask == kDigits) {
        cap.value = static_cast<long>(x.num);
      } else if (a.mask == kClockWord) {
        cap.value = x.lex->clock;
      } else if (a.mask == kZone) {
        // Zones are written in capitals ("IST", not "ist").
        if (!(x.flags & kCapital)) return 0;
      }
      return 1;
    }
    case AtomKind::Num: {
      long v = 0;
      int used = match_number(w, i, v);
      cap.value = v;
      return used;
    }
    case AtomKind::Day: {
      if ((x.mask & kDigits) && x.ndigits <= 2 && x.num >= 1 && x.num <= 31) {
        // Not the hour of "15:54" or part of "12/15/2016".
        if (i + 1 < n && glued_at(w, i + 1) && w[i + 1].key == "/") return 0;
        cap.value = static_cast<long>(x.num);
        return 1;
      }
      if ((x.mask & kOrdNum) && x.num >= 1 && x.num <= 31) {
        cap.value = static_cast<long>(x.num);
        return 1;
      }
      return 0;
    }
    case AtomKind::Year:
      if ((x.mask & kDigits) && x.ndigits == 4 && x.num >= 1000 && x.num <= 2199 && !in_code(w, i)) {
        cap.value = static_cast<long>(x.num);
        return 1;
      }
      // Spoken years in transcripts: "nineteen ninety-six".
      if (x.key == "nineteen" && i + 1 < n && (w[i + 1].mask & kNumWord)) {
        long v = 0;
        int used = match_number(w, i + 1, v);
        if (used && v >= 10 && v <= 99) {
          cap.value = 1900 + v;
          return 1 + used;
        }
      }
      return 0;
    case AtomKind::Ord:
      if (x.mask & kOrdWord) {
        cap.value = x.lex->ord;
        return 1;
      }
      if (x.mask & kOrdNum) {
        cap.value = static_cast<long>(x.num);
        return 1;
      }
      return 0;
    case AtomKind::IsoDate:
      // 2016-12-15
      if ((x.mask & kDigits) && x.ndigits == 4 && i + 4 < n && w[i + 1].key == "-" && glued_at(w, i + 1) &&
          (w[i + 2].mask & kDigits) && w[i + 2].ndigits <= 2 && glued_at(w, i + 2) && w[i + 3].key == "-" &&
          glued_at(w, i + 3) && (w[i + 4].mask & kDigits) && w[i + 4].ndigits <= 2 && glued_at(w, i + 4)) {
        cap.value = static_cast<long>(x.num * 10000 + w[i + 2].num * 100 + w[i + 4].num);
        return 5;
      }
      return 0;
    case AtomKind::SlashDate: {
      // d/m/y or m/d/y: the reading that is valid; when both are, month first.
      if (!((x.mask & kDigits) && x.ndigits <= 2 && i + 4 < n && w[i + 1].key == "/" && glued_at(w, i + 1) &&
            (w[i + 2].mask & kDigits) && w[i + 2].ndigits <= 2 && glued_at(w, i + 2) && w[i + 3].key == "/" &&
            glued_at(w, i + 3) && (w[i + 4].mask & kDigits) && glued_at(w, i + 4) &&
            (w[i + 4].ndigits == 4 || w[i + 4].ndigits == 2)))
        return 0;
      if (i + 5 < n && glued_at(w, i + 5) && w[i + 5].key == "/") return 0;  // 1/2/3/4
      long a1 = static_cast<long>(x.num), a2 = static_cast<long>(w[i + 2].num),
           y = static_cast<long>(w[i + 4].num);
      if (w[i + 4].ndigits == 2) y += y < 50 ? 2000 : 1900;
      long month = 0, day = 0;
      if (a1 <= 12 && a2 <= 31 &&
          timex::make_day(static_cast<int>(y), static_cast<int>(a1), static_cast<int>(a2))) {
        month = a1;
        day = a2;
      } else if (a2 <= 12 &&
                 timex::make_day(static_cast<int>(y), static_cast<int>(a2), static_cast<int>(a1))) {
        month = a2;
        day = a1;
      } else {
        return 0;
      }
      cap.value = y * 10000 + month * 100 + day;
      return 5;
    }
  }
  return 0;
}

// Whether rule r may match at word i, by a test much cheaper than matching:
// its first element takes one word, so the elements after it up to the first
// required one must begin on word i + 1 (or, the first being optional and
// skipped, on word i); when no atom of theirs matches there, nothing can.
bool may_match_at(const Rule& r, const std::vector<Word>& w, int i) {
  if (!r.next_test) return true;
  // A word some atom may accept: of one of their classes, or one of their
  // literals (atoms check more, e.g. capitals, so this only over-accepts).
  auto accepted = [&](const Word& x) {
    return (x.mask & r.next_mask) ||
           (x.lex && std::find(r.next_lits.begin(), r.next_lits.end(), x.lex) != r.next_lits.end());
  };
  return (i + 1 < static_cast<int>(w.size()) && accepted(w[i + 1])) ||
         (r.elements[0].optional && accepted(w[i]));
}

struct Candidate {
  int end;  // one past the last word of the whole match
  std::size_t rule;
  Match m;
};

void match_rule(const Rule& r, std::size_t rule_index, const std::vector<Word>& w, int start, std::size_t el,
                int pos, Match& m, std::vector<Candidate>& out) {
  if (el == r.elements.size()) {
    // Keep only the longest completion of each rule.
    if (!out.empty() && out.back().rule == rule_index) {
      if (out.back().end >= pos) return;
      out.back().end = pos;
      out.back().m = m;
      return;
    }
    Candidate c;
    c.end = pos;
    c.rule = rule_index;
    c.m = m;
    out.push_back(std::move(c));
    return;
  }
  const Element& e = r.elements[el];
  if (pos < static_cast<int>(w.size()) && (!e.glued || pos == start || glued_at(w, pos))) {
    for (const Atom& a : e.alts) {
      Capture cap;
      int used = match_atom(a, w, pos, cap);
      if (!used) continue;
      cap.first = pos;
      cap.count = used;
      cap.word = w[pos].key;
      cap.w = &w[pos];
      Capture saved;
      if (e.name) {
        saved = m.at(e.name);
        m.at(e.name) = cap;
      }
      match_rule(r, rule_index, w, start, el + 1, pos + used, m, out);
      if (e.name) m.at(e.name) = saved;
      break;  // first matching alternative
    }
  }
  if (e.optional) match_rule(r, rule_index, w, start, el + 1, pos, m, out);
}

// The extent of a candidate without its leading/trailing context elements.
void set_extent(const Rule& r, const std::vector<Word>& w, int start, Candidate& c) {
  // Walk again: the count of words matched by leading context elements is
  // recorded through the captures of context elements, which are unnamed;
  // recompute greedily (context elements are single words).
  int b = start, e = c.end;
  std::size_t k = 0;
  while (k < r.elements.size() && r.elements[k].context) {
    ++b;
    ++k;
  }
  std::size_t j = r.elements.size();
  while (j > k && r.elements[j - 1].context) {
    --e;
    --j;
  }
  // An optional comma before an optional year that is not there ("between May
  // and October, traders said") is not part of the time.
  while (e - 1 > b && w[static_cast<std::size_t>(e - 1)].key == ",") --e;
  c.m.begin = b;
  c.m.end = e;
}

// --- prefix modifiers ----------------------------------------------------------

struct ModDef {
  std::string_view words;  // space-separated, before the expression
  std::string_view mod;
  bool point_only;  // only for DATE/TIME (START/MID/END)
};

constexpr ModDef kMods[] = {
    {"the end of", "END", true},
    {"the beginning of", "START", true},
    {"the start of", "START", true},
    {"the middle of", "MID", true},
    {"end of", "END", true},
    {"beginning of", "START", true},
    {"early", "START", true},
    {"late", "END", true},
    {"mid", "MID", true},
    {"no more than", "EQUAL_OR_LESS", false},  // before "more than", which it contains
    {"more than", "MORE_THAN", false},
    {"less than", "LESS_THAN", false},
    {"at least", "EQUAL_OR_MORE", false},
    {"up to", "EQUAL_OR_LESS", false},
    {"about", "APPROX", false},
    {"around", "APPROX", false},
    {"approximately", "APPROX", false},
    {"roughly", "APPROX", false},
    {"nearly", "LESS_THAN", false},
    {"almost", "LESS_THAN", false},
};

// Extends [b, e) leftwards over a modifier; returns the new begin.
int apply_mods(const std::vector<Word>& w, int b, Result& r) {
  // Modifiers are one to three words; a quick test on the word before.
  if (b == 0) return b;
  {
    std::string_view prev = w[b - 1].key;
    if (prev == "-" && b >= 2) prev = w[b - 2].key;
    bool possible = false;
    for (const auto& md : kMods) {
      const size_t sp = md.words.rfind(' ');
      if (md.words.substr(sp == std::string_view::npos ? 0 : sp + 1) == prev) possible = true;
    }
    if (!possible) return b;
  }
  for (const auto& md : kMods) {
    if (md.point_only && r.type != "DATE" && r.type != "TIME") continue;
    // Quantity hedges go with durations, clock times and the "N units ago"
    // dates built from a duration ("more than four decades ago").
    if (!md.point_only && r.type != "DURATION" && r.type != "TIME" && !r.derived && md.mod != "APPROX")
      continue;
    std::vector<std::string_view> parts;
    std::string_view s = md.words;
    while (!s.empty()) {
      size_t sp = s.find(' ');
      parts.push_back(s.substr(0, sp));
      if (sp == std::string_view::npos) break;
      s.remove_prefix(sp + 1);
    }
    int k = b;
    // "mid-1990s": the hyphen between.
    if (md.words == "mid" && k > 0 && w[k - 1].key == "-" && glued_at(w, k)) --k;
    bool ok = k >= static_cast<int>(parts.size());
    for (int p = static_cast<int>(parts.size()) - 1; ok && p >= 0; --p) {
      --k;
      if (w[k].key != parts[p]) ok = false;
    }
    if (!ok) continue;
    r.mod = std::string(md.mod);
    // "about", "around" qualify the value but stay out of the extent, as
    // TimeBank mostly has it ("about five hours"), except in an "ago" phrase
    // ("about two years ago"). "nearly" and "almost" bound the quantity
    // itself, like "less than", and are part of it ("nearly two years",
    // "almost four years ago"; TimeBank: 10 of 13).
    if (md.mod == "APPROX" && !r.derived) return b;
    // "the late 1970s"
    if (md.point_only && k > 0 && w[k - 1].key == "the" && parts[0] != "the") --k;
    return k;
  }
  return b;
}

// "earlier this year", "later that day", "Earlier Sunday", "later
// yesterday": the adverb says where in that time the event falls, and the
// extent takes it in, as TimeML does ("earlier this year" value 1989); the
// value stays the time named. Only before a deictic time ("this", "that",
// "yesterday"...) or a weekday, so "three weeks later" stays its own phrase.
int take_earlier_later(const std::vector<Word>& w, int b) {
  if (b == 0) return b;
  std::string_view prev = w[b - 1].key;
  if (prev != "earlier" && prev != "later") return b;
  const Word& first = w[b];
  if ((first.mask & kWeekday) || contains(kDeicticAfterEarlierLater, first.key)) return b - 1;
  return b;
}

// "on April 24 and 25": a second day of the same month after a date ending
// in its day number is a date of its own (TimeML tags the two days). Only
// when nothing but punctuation or a function word follows the number, so
// "March 3 and 25 people" keeps its count. Returns the next word to scan.
int second_day(Ctx& c, int i, std::vector<std::pair<Span, Result>>& found) {
  const auto& w = c.words;
  const int n = static_cast<int>(w.size());
  const Result& r = found.back().second;
  if (!r.calendar || r.gran != Gran::Day || i + 1 >= n || i < 1) return i;
  const Word& last = w[i - 1];
  const bool ends_in_day = ((last.mask & kDigits) && last.ndigits <= 2) || (last.mask & kOrdNum);
  if (!ends_in_day || (w[i].key != "and" && w[i].key != "or")) return i;
  const Word& d = w[i + 1];
  if (!(((d.mask & kDigits) && d.ndigits <= 2) || (d.mask & kOrdNum)) || d.num < 1 || d.num > 31) return i;
  if (i + 2 < n && (!(w[i + 2].mask & (kPunct | kLit)) || (w[i + 2].mask & kUnit) || w[i + 2].key == "%" ||
                    (w[i + 2].key == ":" && !(w[i + 2].flags & kSpaceBefore))))
    return i;
  auto v = timex::parse(r.value);
  if (!v) return i;
  auto day = timex::make_day(v->year, v->month, static_cast<int>(d.num));
  if (!day || day->day <= v->day) return i;
  Result second = r;
  second.mod.clear();
  if (!set_value(second, *day)) return i;
  c.done.emplace_back(static_cast<int>(d.sentence), second);
  found.emplace_back(Span{d.b, d.e}, std::move(second));
  return i + 2;
}

bool overlaps_furniture(const Document& d, Offset b, Offset e) {
  for (const Span& s : d.furniture)
    if (b < s.end && s.start < e) return true;
  return false;
}

}  // namespace

std::string shift_timex(std::string_view value, std::string_view duration, int sign,
                        ShiftPrecision precision) {
  auto v = timex::parse(value);
  auto d = timex::parse_duration(duration);
  if (!v || !d || sign == 0) return {};
  const long amount = (sign > 0 ? 1 : -1) * d->first;
  if (precision == ShiftPrecision::Coarser) {
    // Week-based units name a count of days here, not a calendar week.
    Gran g = gran_of_unit(d->second);
    if (g == Gran::Week) g = Gran::Day;
    if (g < v->gran) *v = timex::coarsen(*v, g);
    if (!timex::shifts_exactly(*v, amount, d->second)) return {};
  }
  auto s = timex::shift(*v, amount, d->second);
  if (!s) return {};
  return timex::format(*s);
}

// "took two hours 40 minutes", "5 hours 51 minutes 52 seconds", "three years and six months": one
// length written in falling units is one duration (PT2H40M), as TimeML writes it, not a length per
// unit. Vague (PXY), hedged and week lengths stay as they are.
void join_compound_durations(const Ctx& c, std::vector<std::pair<Span, Result>>& found) {
  bool adjacent = false;
  for (std::size_t k = 0; k + 1 < found.size() && !adjacent; ++k)
    adjacent = found[k].second.type == "DURATION" && found[k + 1].second.type == "DURATION" &&
               found[k + 1].first.start - found[k].first.end <= 5;
  if (!adjacent) return;
  auto part_of = [](const Result& r) -> std::optional<std::pair<long, Unit>> {
    if (r.type != "DURATION") return std::nullopt;
    auto d = timex::parse_duration(r.value);
    if (!d) return std::nullopt;
    switch (d->second) {
      case Unit::Year:
      case Unit::Month:
      case Unit::Day:
      case Unit::Hour:
      case Unit::Minute:
      case Unit::Second:
        return d;
      default:
        return std::nullopt;
    }
  };
  std::vector<std::pair<Span, Result>> out;
  std::vector<std::pair<long, Unit>> parts;  // of out.back(), when it is such a length
  for (auto& cur : found) {
    auto p = part_of(cur.second);
    if (p && !parts.empty() && cur.second.mod.empty() && p->second < parts.back().second) {
      std::string_view gap = c.text.substr(out.back().first.end, cur.first.start - out.back().first.end);
      if (gap == " " || gap == ", " || gap == " and ") {
        parts.push_back(*p);
        std::string v = "P";
        bool time = false;
        for (const auto& [n, u] : parts) {
          if (u <= Unit::Hour && !time) {
            v += 'T';
            time = true;
          }
          v += std::to_string(n);
          v += u == Unit::Year     ? 'Y'
               : u == Unit::Month  ? 'M'
               : u == Unit::Day    ? 'D'
               : u == Unit::Hour   ? 'H'
               : u == Unit::Minute ? 'M'
                                   : 'S';
        }
        out.back().first.end = cur.first.end;
        out.back().second.value = std::move(v);
        continue;
      }
    }
    parts.clear();
    if (p) parts.push_back(*p);
    out.push_back(std::move(cur));
  }
  found = std::move(out);
}

// "Nov 26 - Dec 10", "May 10-June 10", "for April 15/May 10 shipment": two days joined by a dash
// or a slash are one interval, valued by its
// first day with its end given, as "May 11-21" is. The end comes after the start: "Dec 20 - Jan 5"
// ends in the next year. Not "from May 14 to June 22", which as often moves a date.
void join_day_ranges(const Ctx& c, std::vector<std::pair<Span, Result>>& found) {
  auto is_day = [](const Result& r) {
    return r.type == "DATE" && r.calendar && r.gran == Gran::Day && r.end.empty() && !r.part;
  };
  std::size_t out = 0;
  for (std::size_t k = 0; k < found.size(); ++k) {
    if (k + 1 < found.size() && is_day(found[k].second) && is_day(found[k + 1].second)) {
      std::string_view gap = c.text.substr(found[k].first.end, found[k + 1].first.start - found[k].first.end);
      auto a = timex::parse(found[k].second.value);
      auto b = timex::parse(found[k + 1].second.value);
      // Days with their month written ("Wednesday/Thursday" are two days of a money market table).
      auto dated = [&](const Span& sp) {
        std::string_view t = c.text.substr(sp.start, sp.end - sp.start);
        return t.find_first_of("0123456789") != std::string_view::npos;
      };
      if ((gap == "-" || gap == " - " || gap == "--" || gap == " -- " || gap == "/") && a && b &&
          dated(found[k].first) && dated(found[k + 1].first)) {
        // The end's own year was guessed from the story's date: it is the first such day after the start.
        if (timex::format(*b) <= timex::format(*a) && found[k + 1].second.anchor == "dct")
          b = timex::make_day(
              a->year + ((b->month < a->month || (b->month == a->month && b->day <= a->day)) ? 1 : 0),
              b->month, b->day);
        auto limit = timex::shift(*a, 1, Unit::Year);
        if (b && limit && timex::format(*b) > timex::format(*a) &&
            timex::format(*b) <= timex::format(*limit)) {
          Result r = std::move(found[k].second);
          r.end = timex::format(*b);
          r.begin_span = found[k].first;
          r.end_span = found[k + 1].first;
          found[out++] = {Span{found[k].first.start, found[k + 1].first.end}, std::move(r)};
          ++k;
          continue;
        }
      }
    }
    if (out != k) found[out] = std::move(found[k]);
    ++out;
  }
  found.resize(out);
}

void tag_times(Analysis& a) {
  const Tables& t = tables();
  Ctx c;
  c.a = &a;
  c.text = a.doc.text;
  if (a.doc.dct) {
    auto v = timex::parse(a.doc.dct->timex());
    if (v) c.dct = v;
  }
  std::string lower;
  c.words = scan(c.text, lower, t);
  const auto& w = c.words;
  const int n = static_cast<int>(w.size());
  std::vector<std::pair<Span, Result>> found;
  std::vector<Candidate> cands;
  Match scratch;
  // next_anchor[i]: the first anchor word at or after i.
  std::vector<int> next_anchor(static_cast<std::size_t>(n) + 1, n);
  constexpr std::uint32_t kAnchorClasses = kDigits | kOrdNum | kDecade | kClock | kAmPm;
  // next_word_anchor[i]: the same for anchors that are words (not numbers):
  // a number starts a time only near one, unless it looks like a year or a
  // numeric date.
  std::vector<int> next_word_anchor(static_cast<std::size_t>(n) + 1, n);
  for (int i = n - 1; i >= 0; --i) {
    const bool word_anchor =
        (w[i].lex && w[i].lex->anchor) || (w[i].mask & (kAmPm | kOrdNum | kDecade | kClock));
    next_word_anchor[i] = word_anchor ? i : next_word_anchor[i + 1];
    next_anchor[i] = (word_anchor || (w[i].mask & kAnchorClasses)) ? i : next_anchor[i + 1];
  }
  auto number_may_start = [&](int i) {
    const Word& x = w[i];
    if (x.ndigits == 4 && x.num >= 1000 && x.num <= 2199) return true;
    if (i + 1 < n && glued_at(w, i + 1) && (w[i + 1].key == "/" || w[i + 1].key == "-")) return true;
    return next_word_anchor[i + 1] - i <= 4;
  };
  for (int i = 0; i < n;) {
    if (!(w[i].mask & t.start_mask) || next_anchor[i] - i > 6 ||
        (w[i].mask == kDigits && !number_may_start(i))) {
      ++i;
      continue;
    }
    cands.clear();
    const std::vector<std::uint16_t>* starts = nullptr;
    if (w[i].lex) {
      starts = &w[i].lex->starts;
    } else {
      auto it = t.class_starts.find(w[i].mask);
      if (it != t.class_starts.end()) starts = &it->second;
    }
    if (starts)
      for (std::uint16_t r : *starts)
        if (may_match_at(t.rules[r], w, i)) match_rule(t.rules[r], r, w, i, 0, i, scratch, cands);
    if (cands.empty()) {
      ++i;
      continue;
    }
    for (auto& cd : cands) set_extent(t.rules[cd.rule], w, i, cd);
    std::stable_sort(cands.begin(), cands.end(), [](const Candidate& x, const Candidate& y) {
      if (x.m.end - x.m.begin != y.m.end - y.m.begin) return x.m.end - x.m.begin > y.m.end - y.m.begin;
      return x.rule < y.rule;
    });
    bool taken = false;
    for (const auto& cd : cands) {
      if (cd.m.end <= cd.m.begin) continue;
      Result r;
      c.sentence_of_match = static_cast<int>(w[cd.m.begin].sentence);
      if (!t.rules[cd.rule].norm(c, cd.m, r)) continue;
      int b = apply_mods(w, cd.m.begin, r);
      if (b == cd.m.begin) b = take_earlier_later(w, b);
      if (r.year_before && b == cd.m.begin) --b;
      if (r.extra_begin && b == cd.m.begin) b -= r.extra_begin;
      // Never reach back into the previous expression.
      if (!found.empty() && w[b].b < found.back().first.end) b = cd.m.begin;
      // "the next year or so", "the next two years or so": the hedge after a
      // unit is part of the expression (TimeBank: 3 of 3).
      int end = std::min(cd.m.end + r.extra_end, n);
      if (end + 1 < static_cast<int>(w.size()) && (w[end - 1].mask & kUnit) && w[end].key == "or" &&
          w[end + 1].key == "so") {
        end += 2;
        if (r.mod.empty()) r.mod = "APPROX";
      }
      Span span{w[b].b, w[end - 1].e};
      // "down 0.13 from Thursday's settlement price", "than last night's 90.78": a day named as
      // what today is compared with is not the day the story goes on with ("near midday"). Not
      // "with", which as often brings the story's own day ("with last year's profit").
      if (b > 0 && end + 1 < static_cast<int>(w.size()) && w[end].key == "'" && w[end + 1].key == "s" &&
          (r.gran == Gran::Day || r.gran == Gran::PartOfDay)) {
        const std::string_view p = w[b - 1].key;
        r.compared = p == "from" || p == "than" || p == "against" || p == "over";
      }
      r.at = b;
      c.done.emplace_back(c.sentence_of_match, r);
      found.emplace_back(span, std::move(r));
      i = end;
      taken = true;
      i = second_day(c, i, found);
      break;
    }
    if (!taken) ++i;
  }
  join_compound_durations(c, found);
  join_day_ranges(c, found);
  // "at 10:35 a.m. (0735 GMT) Friday": the day after a bracketed clock time
  // in another zone is the day of both clock times.
  for (std::size_t k = 0; k + 2 < found.size(); ++k) {
    auto& t1 = found[k].second;
    auto& t2 = found[k + 1].second;
    const auto& d = found[k + 2].second;
    if (t1.type != "TIME" || t1.gran != Gran::Minute || t2.type != "TIME" || t2.gran != Gran::Minute ||
        d.type != "DATE" || !d.calendar || d.gran != Gran::Day)
      continue;
    std::string_view g1 = c.text.substr(found[k].first.end, found[k + 1].first.start - found[k].first.end);
    std::string_view g2 =
        c.text.substr(found[k + 1].first.end, found[k + 2].first.start - found[k + 1].first.end);
    if ((g1 != " (" && g1 != ", (") || (g2 != ") " && g2 != "), ")) continue;
    auto dv = timex::parse(d.value);
    if (!dv) continue;
    for (Result* t : {&t1, &t2}) {
      auto cv = timex::parse(t->value);
      if (!cv) continue;
      CalValue v = *dv;
      v.gran = Gran::Minute;
      v.minute = cv->minute;
      set_value(*t, v, "TIME");
      t->anchor = d.anchor;
    }
  }
  // Join a time of day with the date next to it: "Dec 15, 2016, 3:54 pm IST",
  // "10 p.m. Wednesday", "noon Thursday".
  std::vector<std::pair<Span, Result>> joined;
  for (std::size_t k = 0; k < found.size(); ++k) {
    auto& cur = found[k];
    if (k + 1 < found.size()) {
      auto& nxt = found[k + 1];
      std::string_view gap = c.text.substr(cur.first.end, nxt.first.start - cur.first.end);
      bool short_gap = gap.size() <= 4 && gap.find_first_not_of(" ,") == std::string_view::npos &&
                       gap.find('\n') == std::string_view::npos;
      if (gap == " on " || gap == ", on " || gap == " at " || gap == ", at ") short_gap = true;
      auto is_clock = [](const Result& r) { return r.type == "TIME" && r.gran == Gran::Minute; };
      // "Tuesday morning at 9:30 a.m.": two times, as when the morning carried TMO.
      auto is_day = [](const Result& r) {
        return r.type == "DATE" && r.calendar && r.gran == Gran::Day && !r.part;
      };
      const Result* clock = nullptr;
      const Result* day = nullptr;
      if (short_gap && is_clock(cur.second) && is_day(nxt.second)) {
        clock = &cur.second;
        day = &nxt.second;
      }
      if (short_gap && is_day(cur.second) && is_clock(nxt.second)) {
        day = &cur.second;
        clock = &nxt.second;
      }
      if (clock && day) {
        auto cv = timex::parse(clock->value);
        auto dv = timex::parse(day->value);
        if (cv && dv) {
          dv->gran = Gran::Minute;
          dv->minute = cv->minute;
          Result r = *clock;
          set_value(r, *dv, "TIME");
          r.anchor = day->anchor;
          joined.emplace_back(Span{cur.first.start, nxt.first.end}, std::move(r));
          ++k;
          continue;
        }
      }
    }
    joined.push_back(std::move(cur));
  }
  a.times.clear();
  const std::string dct_value = a.doc.dct ? a.doc.dct->timex() : std::string();
  for (auto& [span, r] : joined) {
    // Page furniture yields a time only where it states the creation time itself.
    if (overlaps_furniture(a.doc, span.start, span.end)) {
      if (dct_value.size() < 10 || !r.calendar || r.value.size() < 10 ||
          r.value.compare(0, 10, dct_value, 0, 10) != 0)
        continue;
    }
    TimeExpr te;
    te.id = "t" + std::to_string(a.times.size() + 1);
    te.span = span;
    te.type = r.type;
    te.value = r.value;
    te.end = r.end;
    te.begin_span = r.begin_span;
    te.end_span = r.end_span;
    te.mod = r.mod;
    te.anchor = r.anchor == "t" ? std::string() : r.anchor;
    a.times.push_back(std::move(te));
  }
}

}  // namespace chronicle
