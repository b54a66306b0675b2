// Segmentation: paragraphs, sentences and tokens with byte offsets.
//
// Method. Speed matters (the whole corpus goes through here), so tokens come
// from a hand-written UTF-8 scanner rather than a per-token break iterator:
// whitespace-separated chunks are split by rules that follow the UD English
// EWT conventions the tagger and parser are trained on (punctuation split
// off; "n't", "'s", "'re", "'ll", "'ve", "'d", "'m" split; "cannot" ->
// can not; hyphenated words, numbers 3.5 / 1,000 / 10:30, URLs, e-mail
// addresses and abbreviations with their period kept whole). ICU answers
// the Unicode questions for non-ASCII characters (letter, upper case,
// punctuation class, white space). Sentences are decided on the token
// stream: a sentence-final mark followed by closing quotes/brackets ends a
// sentence unless what follows continues it; an abbreviation's period ends
// one only before a typical sentence opener; a line break ends a sentence
// after an unpunctuated line (headlines, subheads) unless the paragraph is
// hard-wrapped; datelines ("Moscow:", "WASHINGTON (Reuters) -") are a unit
// of their own; an overlong run is cut so that cost stays linear.
#include "core/segment.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/utf8.h"

namespace chronicle {
namespace {

constexpr std::uint32_t kMaxSentenceTokens = 200;

enum Flag : std::uint32_t {
  kWord = 1u << 0,       // starts with a letter or digit
  kFinal = 1u << 1,      // . ! ? and runs of them, ellipsis
  kPeriod = 1u << 2,     // exactly "."
  kAbbrev = 1u << 3,     // a word that keeps its final period (U.S., Inc., J.)
  kNoBreak = 1u << 4,    // an abbreviation that never ends a sentence (Mr., J.)
  kClose = 1u << 5,      // closing quote or bracket
  kOpen = 1u << 6,       // opening quote or bracket
  kNewline = 1u << 7,    // a line break lies between this token and the previous one
  kUpper = 1u << 8,      // starts with an upper-case letter
  kLower = 1u << 9,      // starts with a lower-case letter
  kDigit = 1u << 10,     // starts with a digit
  kComma = 1u << 11,     // , or ;
  kColon = 1u << 12,     // :
  kDash = 1u << 13,      // - -- — –
  kAllCaps = 1u << 14,   // two or more letters, all upper case
  kEllipsis = 1u << 15,  // ... or …
  kBang = 1u << 16,      // ! or ? (or runs with them)
};

struct RawToken {
  Offset start, end;
  std::uint32_t flags;
};

struct CodePoint {
  char32_t c;
  std::size_t len;
};

inline CodePoint cp_at(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {b, 1};
  std::size_t len;
  const char32_t c = utf8::decode(s, i, len);
  return {c, len};
}

// Start of the code point that ends at byte `end` (exclusive).
inline std::size_t cp_start_before(std::string_view s, std::size_t end) {
  std::size_t i = end - 1;
  int back = 0;
  while (i > 0 && back < 3 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i, ++back;
  return i;
}

inline bool is_space_cp(char32_t c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  return c == 0x200B || c == 0xFEFF || u_isUWhiteSpace(static_cast<UChar32>(c));
}

inline bool is_alnum_cp(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  const auto t = u_charType(static_cast<UChar32>(c));
  return u_isalnum(static_cast<UChar32>(c)) || t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK ||
         t == U_ENCLOSING_MARK || t == U_OTHER_NUMBER || t == U_LETTER_NUMBER || c == 0xFFFD;
}

inline bool is_digit_cp(char32_t c) { return c >= '0' && c <= '9'; }

// ASCII white space by byte value.
constexpr std::array<bool, 128> kAsciiSpace = [] {
  std::array<bool, 128> t{};
  t[' '] = t['\t'] = t['\n'] = t['\r'] = t['\f'] = t['\v'] = true;
  return t;
}();

inline bool is_ascii_alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

inline bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019; }

inline bool is_dash_cp(char32_t c) { return c == 0x2014 || c == 0x2013 || c == 0x2012 || c == 0x2015; }

// Opening punctuation split off the front of a chunk.
inline bool is_leading_punct(char32_t c) {
  switch (c) {
    case '(':
    case '[':
    case '{':
    case '"':
    case '`':
    case '$':
    case '#':
    case '*':
    case '<':
    case 0x201C:
    case 0x2018:
    case 0xAB:
    case 0x2039:
    case 0xBF:
    case 0xA1:
    case 0xA3:
    case 0x20AC:
    case 0xA5:
    case 0x201E:
    case 0x2022:
    case 0xB7:
      return true;
    default:
      return false;
  }
}

// Closing punctuation split off the end of a chunk.
inline bool is_trailing_punct(char32_t c) {
  switch (c) {
    case ')':
    case ']':
    case '}':
    case '"':
    case '\'':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case '%':
    case '*':
    case '>':
    case '#':
    case '/':
    case 0x201D:
    case 0x2019:
    case 0xBB:
    case 0x203A:
    case 0x2026:
      return true;
    default:
      return false;
  }
}

// Punctuation that splits a chunk wherever it stands (besides the
// context-dependent , : . and dashes handled separately).
inline bool is_inner_split(char32_t c) {
  switch (c) {
    case '(':
    case ')':
    case '[':
    case ']':
    case '{':
    case '}':
    case '"':
    case ';':
    case '!':
    case '?':
    case 0x201C:
    case 0x201D:
    case 0x2026:
    case 0xAB:
    case 0xBB:
    case 0x2018:
      return true;
    default:
      return false;
  }
}

bool is_open_cp(char32_t c) {
  return c == '(' || c == '[' || c == '{' || c == 0x201C || c == 0x2018 || c == 0xAB || c == 0x2039 ||
         c == 0x201E || c == '`';
}
bool is_close_cp(char32_t c) {
  return c == ')' || c == ']' || c == '}' || c == 0x201D || c == 0x2019 || c == 0xBB || c == 0x203A;
}

// ---- abbreviations -------------------------------------------------------

// Titles and other abbreviations that are followed by what they qualify, so
// their period never ends a sentence (general English, news usage).
constexpr std::array<std::string_view, 48> kTitleAbbrevs{
    "Mr",   "Mrs", "Ms",  "Messrs", "Mme",  "Mlle", "Dr",  "Prof", "Gen",  "Lt",  "Col", "Maj",
    "Capt", "Sgt", "Cpl", "Pvt",    "Adm",  "Cmdr", "Cdr", "Brig", "Gov",  "Sen", "Rep", "Reps",
    "Rev",  "Fr",  "Hon", "Pres",   "Supt", "Insp", "Det", "Amb",  "Atty", "St",  "Ste", "Mt",
    "Ft",   "Sr",  "Jr",  "No",     "Nos",  "Nr",   "Vol", "vs",   "v",    "Fig", "cf",  "ca"};

// Abbreviations that may also end a sentence.
constexpr std::array<std::string_view, 76> kOtherAbbrevs{
    "Jan",  "Feb",  "Mar",  "Apr",  "Jun",  "Jul",   "Aug",  "Sep",  "Sept",  "Oct",  "Nov",  "Dec", "Mon",
    "Tue",  "Tues", "Wed",  "Thu",  "Thur", "Thurs", "Fri",  "Sat",  "Sun",   "Inc",  "Corp", "Co",  "Ltd",
    "Bros", "Plc",  "LLC",  "Assn", "Dept", "Univ",  "Govt", "Intl", "Ave",   "Blvd", "Rd",   "etc", "approx",
    "est",  "al",   "pp",   "ed",   "eds",  "Ala",   "Ariz", "Ark",  "Calif", "Colo", "Conn", "Del", "Fla",
    "Ga",   "Ill",  "Ind",  "Kan",  "Ky",   "La",    "Md",   "Mass", "Mich",  "Minn", "Miss", "Mo",  "Mont",
    "Neb",  "Nev",  "Okla", "Ore",  "Pa",   "Penn",  "Tenn", "Tex",  "Va",    "Wash", "Wis"};

bool in_list(std::string_view w, const auto& list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// Set of a list's words, built once (thread-safe static initialisation).
template <std::size_t N>
std::unordered_set<std::string_view> word_set(const std::array<std::string_view, N>& list) {
  return std::unordered_set<std::string_view>(list.begin(), list.end());
}

bool is_title_abbrev(std::string_view w) {
  static const auto set = word_set(kTitleAbbrevs);
  return set.count(w) > 0;
}

bool is_other_abbrev(std::string_view w) {
  static const auto set = word_set(kOtherAbbrevs);
  return set.count(w) > 0;
}

// "U.S", "e.g", "Ph.D", "a.m": letter groups of one or two joined by periods.
bool is_acronym_core(std::string_view w) {
  if (w.find('.') == std::string_view::npos) return false;
  std::size_t run = 0;
  for (char c : w) {
    if (c == '.') {
      if (run == 0) return false;
      run = 0;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      if (++run > 2) return false;
    } else {
      return false;
    }
  }
  return run > 0;
}

enum class AbbrevKind { None, NoBreak, MayEnd };

// What the word `core` (without its final period) is as an abbreviation.
AbbrevKind abbreviation_kind(std::string_view core) {
  if (core.empty() || core.size() > 12) return AbbrevKind::None;
  if (core.size() == 1 && ((core[0] >= 'A' && core[0] <= 'Z'))) return AbbrevKind::NoBreak;  // initial
  if (core.size() > 6 && core.find('.') == std::string_view::npos)
    return AbbrevKind::None;  // longest listed: 6
  if (is_title_abbrev(core)) return AbbrevKind::NoBreak;
  if (is_acronym_core(core)) return AbbrevKind::MayEnd;
  if (is_other_abbrev(core)) return AbbrevKind::MayEnd;
  // Upper-case forms of the titles ("MR.", "GEN.").
  if (core.size() <= 5 && core[0] >= 'A' && core[0] <= 'Z') {
    char buf[8] = {};
    buf[0] = core[0];
    for (std::size_t i = 1; i < core.size(); ++i) {
      const char c = core[i];
      buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    const std::string_view b(buf, core.size());
    if (b != core && is_title_abbrev(b)) return AbbrevKind::NoBreak;
  }
  return AbbrevKind::None;
}

// Capitalised words that typically open a sentence: after an abbreviation
// that may end one (U.S., Inc.), these say it did.
constexpr std::array<std::string_view, 64> kSentenceStarters{
    "The",       "A",         "An",      "He",    "She",   "It",    "They",   "We",    "I",     "You",
    "This",      "That",      "These",   "Those", "There", "In",    "On",     "At",    "But",   "And",
    "So",        "If",        "When",    "While", "As",    "After", "Before", "Its",   "His",   "Her",
    "Their",     "Our",       "My",      "Some",  "Many",  "Most",  "All",    "Now",   "Then",  "Also",
    "However",   "Meanwhile", "Still",   "Yet",   "For",   "With",  "By",     "From",  "Under", "Since",
    "Although",  "Though",    "What",    "Why",   "How",   "Who",   "Where",  "Other", "Both",  "Each",
    "According", "Last",      "Earlier", "Later"};

// ---- tokenizer -----------------------------------------------------------

class Tokenizer {
 public:
  Tokenizer(std::string_view text, std::vector<RawToken>& out, bool split_hyphens)
      : s_(text), out_(out), split_hyphens_(split_hyphens) {}

  // Tokenizes s_[begin, end).
  void run(std::size_t begin, std::size_t end) {
    std::size_t i = begin;
    bool newline = false;
    while (i < end) {
      const unsigned char b = static_cast<unsigned char>(s_[i]);
      if (b < 0x80) {
        if (b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == '\v') {
          ++i;
          continue;
        }
        if (b == '\n') {
          newline = true;
          ++i;
          continue;
        }
      } else {
        const CodePoint cp = cp_at(s_, i);
        if (is_space_cp(cp.c)) {
          i += cp.len;
          continue;
        }
      }
      // A chunk: maximal run of non-space. Hot loop: locals, one table look-up per ASCII byte.
      const char* const data = s_.data();
      std::size_t j = i;
      while (j < end) {
        const auto c = static_cast<unsigned char>(data[j]);
        if (c < 0x80) {
          if (kAsciiSpace[c]) break;
          ++j;
        } else {
          const CodePoint cp = cp_at(s_, j);
          if (is_space_cp(cp.c)) break;
          j += cp.len;
        }
      }
      const std::size_t first = out_.size();
      chunk(i, j);
      if (newline && out_.size() > first) out_[first].flags |= kNewline;
      newline = false;
      i = j;
    }
  }

 private:
  std::string_view s_;
  std::vector<RawToken>& out_;
  bool split_hyphens_;
  std::vector<RawToken> tail_;  // trailing tokens peeled off, in reverse order

  void emit(std::size_t a, std::size_t b, std::uint32_t extra = 0) {
    if (a >= b) return;
    out_.push_back({static_cast<Offset>(a), static_cast<Offset>(b), classify(a, b) | extra});
  }

  std::uint32_t classify(std::size_t a, std::size_t b) const {
    const std::string_view w = s_.substr(a, b - a);
    const CodePoint cp = cp_at(s_, a);
    std::uint32_t f = 0;
    if (is_alnum_cp(cp.c)) {
      f |= kWord;
      if (is_digit_cp(cp.c)) {
        f |= kDigit;
      } else if (cp.c < 0x80 ? (cp.c >= 'A' && cp.c <= 'Z') : u_isupper(static_cast<UChar32>(cp.c))) {
        f |= kUpper;
        std::size_t letters = 0;
        bool all = true;
        for (std::size_t k = a; k < b; ++k) {
          const char c = s_[k];
          if (c >= 'a' && c <= 'z') all = false;
          if ((c >= 'A' && c <= 'Z')) ++letters;
        }
        if (all && letters >= 2) f |= kAllCaps;
      } else if (cp.c < 0x80 ? (cp.c >= 'a' && cp.c <= 'z') : u_islower(static_cast<UChar32>(cp.c))) {
        f |= kLower;
      }
      if (w.size() > 1 && w.back() == '.') {
        f |= kAbbrev;
        if (abbreviation_kind(w.substr(0, w.size() - 1)) == AbbrevKind::NoBreak) f |= kNoBreak;
      }
      return f;
    }
    if (w.size() == 1) {
      switch (w[0]) {
        case '.':
          return kFinal | kPeriod;
        case ',':
        case ';':
          return kComma;
        case ':':
          return kColon;
        case '-':
          return kDash;
        case '!':
        case '?':
          return kFinal | kBang;
        default:
          break;
      }
    }
    bool final_run = true, bang = false, dots = true;
    for (char c : w) {
      if (c != '.' && c != '!' && c != '?') final_run = false;
      if (c == '!' || c == '?') bang = true;
      if (c != '.') dots = false;
    }
    if (w == "\xE2\x80\xA6" || (dots && w.size() >= 2)) return kFinal | kEllipsis;
    if (final_run) return kFinal | (bang ? std::uint32_t{kBang} : 0u);
    if (w == "," || w == ";") return kComma;
    if (w == ":") return kColon;
    if (w == "-" || w.find_first_not_of('-') == std::string_view::npos || is_dash_cp(cp.c)) return kDash;
    if (is_open_cp(cp.c)) return kOpen;
    if (is_close_cp(cp.c)) return kClose;
    return 0;
  }

  static bool starts_with_icase(std::string_view w, std::string_view p) {
    if (w.size() < p.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
      if ((w[i] | 0x20) != p[i]) return false;
    return true;
  }

  bool is_url_or_email(std::string_view w) const {
    if (w.size() < 5) return false;
    const char c0 = static_cast<char>(w[0] | 0x20);
    if ((c0 == 'h' || c0 == 'w' || c0 == 'f') &&
        (starts_with_icase(w, "http://") || starts_with_icase(w, "https://") ||
         starts_with_icase(w, "www.") || starts_with_icase(w, "ftp://")))
      return true;
    std::size_t at = std::string_view::npos;
    for (std::size_t k = 1; k < w.size(); ++k)
      if (w[k] == '@') {
        at = k;
        break;
      }
    if (at != std::string_view::npos && at > 0 && w.find('.', at) != std::string_view::npos &&
        (is_alnum_cp(static_cast<unsigned char>(w[at - 1])) || w[at - 1] == '.'))
      return true;
    return false;
  }

  static bool is_emoticon(std::string_view w) {
    static constexpr std::array<std::string_view, 14> kEmoticons{
        ":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":-P", ":/", ":-/", ":o)", "^_^"};
    return in_list(w, kEmoticons);
  }

  void chunk(std::size_t a, std::size_t b) {
    const std::string_view w = s_.substr(a, b - a);
    const char c0 = s_[a];
    if ((c0 == ':' || c0 == ';' || c0 == '^') && is_emoticon(w)) {
      emit(a, b);
      return;
    }
    // Front: opening punctuation, currency, dashes, ellipses.
    while (a < b && !is_ascii_alnum(static_cast<unsigned char>(s_[a]))) {
      const CodePoint cp = cp_at(s_, a);
      if (cp.c == '.' && b - a >= 3 && s_[a + 1] == '.' && s_[a + 2] == '.') {
        std::size_t e = a;
        while (e < b && s_[e] == '.') ++e;
        emit(a, e);
        a = e;
        continue;
      }
      if (cp.c == '-' && a + 1 < b && s_[a + 1] == '-') {
        std::size_t e = a;
        while (e < b && s_[e] == '-') ++e;
        emit(a, e);
        a = e;
        continue;
      }
      if (cp.c == '*' || cp.c == '=' || cp.c == '_' || cp.c == '~' || cp.c == '#' || cp.c == '$' ||
          cp.c == '<' || cp.c == '>' || cp.c == '^' || cp.c == '+') {
        // A run of one symbol is one token ("***", "<<", "$$$", "=====").
        std::size_t e = a + 1;
        while (e < b && s_[e] == s_[a]) ++e;
        if (e - a > 1 || cp.c != '_') {
          if (e == b || e - a > 1 || cp.c != '#') {
            emit(a, e);
            a = e;
            continue;
          }
        }
      }
      if (cp.c == '-' && a + 1 < b) {
        emit(a, a + 1, kDash);
        a += 1;
        continue;
      }
      if (is_dash_cp(cp.c) || cp.c == 0x2026) {
        emit(a, a + cp.len);
        a += cp.len;
        continue;
      }
      if (cp.c == '\'' || cp.c == 0x2018 || cp.c == 0x2019) {
        // A clitic written alone ('s, 're) or a year ('90s) stays.
        const std::string_view rest = s_.substr(a + cp.len, b - a - cp.len);
        if (!rest.empty() &&
            (is_alnum_cp(static_cast<unsigned char>(rest[0])) && clitic_length(s_.substr(a, b - a)) == b - a))
          break;
        if (!rest.empty() && is_digit_cp(static_cast<unsigned char>(rest[0]))) break;
        emit(a, a + cp.len, kOpen);
        a += cp.len;
        continue;
      }
      if (is_leading_punct(cp.c)) {
        emit(a, a + cp.len,
             (cp.c == '"' || cp.c == '`' || cp.c == 0x201C || cp.c == 0x201E) ? std::uint32_t{kOpen} : 0u);
        a += cp.len;
        continue;
      }
      break;
    }
    if (a >= b) return;
    if (is_url_or_email(s_.substr(a, b - a))) {
      std::size_t e = b;
      tail_.clear();
      while (e > a) {
        const char c = s_[e - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == '"' ||
            c == '\'' || c == '>' || c == ']') {
          tail_.push_back({static_cast<Offset>(e - 1), static_cast<Offset>(e), 0});
          --e;
        } else {
          break;
        }
      }
      emit(a, e);
      for (auto it = tail_.rbegin(); it != tail_.rend(); ++it)
        emit(it->start, it->end, tail_flags(it->start));
      return;
    }
    // Back: closing punctuation, final marks; an abbreviation keeps its period.
    tail_.clear();
    while (b > a && !is_ascii_alnum(static_cast<unsigned char>(s_[b - 1]))) {
      const std::size_t p = cp_start_before(s_, b);
      const CodePoint cp = cp_at(s_, p);
      if (cp.c == '.') {
        std::size_t q = b;
        while (q > a && s_[q - 1] == '.') --q;
        if (b - q == 2 && q > a && abbreviation_kind(last_word(a, q)) != AbbrevKind::None) {
          // "Inc.." : the abbreviation's period, then the sentence's.
          tail_.push_back({static_cast<Offset>(b - 1), static_cast<Offset>(b), 0});
          b -= 1;
          break;
        }
        if (b - q >= 2) {  // ellipsis
          tail_.push_back({static_cast<Offset>(q), static_cast<Offset>(b), 0});
          b = q;
          continue;
        }
        if (q > a && abbreviation_kind(last_word(a, q)) != AbbrevKind::None) break;
        tail_.push_back({static_cast<Offset>(p), static_cast<Offset>(b), 0});
        b = p;
        continue;
      }
      if (cp.c == '!' || cp.c == '?') {
        std::size_t q = p;
        while (q > a && (s_[q - 1] == '!' || s_[q - 1] == '?')) --q;
        tail_.push_back({static_cast<Offset>(q), static_cast<Offset>(b), 0});
        b = q;
        continue;
      }
      if (cp.c == '-' && p > a && s_[p - 1] == '-') {
        std::size_t q = p;
        while (q > a && s_[q - 1] == '-') --q;
        tail_.push_back({static_cast<Offset>(q), static_cast<Offset>(b), 0});
        b = q;
        continue;
      }
      if (is_dash_cp(cp.c)) {
        tail_.push_back({static_cast<Offset>(p), static_cast<Offset>(b), 0});
        b = p;
        continue;
      }
      if (is_trailing_punct(cp.c)) {
        // "s'" (plural possessive) and closing quotes split the same way.
        if (cp.c == ':' && is_emoticon(s_.substr(p, b - p))) break;
        tail_.push_back({static_cast<Offset>(p), static_cast<Offset>(b), kClose});
        b = p;
        continue;
      }
      break;
    }
    middle(a, b);
    for (auto it = tail_.rbegin(); it != tail_.rend(); ++it) {
      std::uint32_t f = it->flags;
      const CodePoint cp = cp_at(s_, it->start);
      if (!(cp.c == '"' || cp.c == '\'' || is_close_cp(cp.c))) f &= ~kClose;
      emit(it->start, it->end, f);
    }
  }

  std::uint32_t tail_flags(std::size_t) const { return 0; }

  // The word before a period at q: back to the last inner split character.
  std::string_view last_word(std::size_t a, std::size_t q) const {
    std::size_t k = q;
    while (k > a) {
      const char c = s_[k - 1];
      if (c == ',' || c == ';' || c == '(' || c == '"' || c == ')' || c == '/' || c == '-' ||
          static_cast<unsigned char>(c) >= 0x80)
        break;
      --k;
    }
    return s_.substr(k, q - k);
  }

  // Splits the inside of a chunk at punctuation that always separates, and
  // at , : when not between digits, then clitics off each word.
  void middle(std::size_t a, std::size_t b) {
    std::size_t start = a;
    std::size_t i = a;
    while (i < b) {
      const auto byte = static_cast<unsigned char>(s_[i]);
      if (is_ascii_alnum(byte) || byte == '\'') {  // the common case
        ++i;
        continue;
      }
      const CodePoint cp = cp_at(s_, i);
      std::size_t sep_len = 0;
      if (is_inner_split(cp.c) || is_dash_cp(cp.c)) {
        sep_len = cp.len;
        if (cp.c == 0x2013 && i > a && i + cp.len < b && is_digit_cp(static_cast<unsigned char>(s_[i - 1])) &&
            is_digit_cp(static_cast<unsigned char>(s_[i + cp.len])))
          sep_len = 0;
      } else if (cp.c == '/' || cp.c == '#') {
        // "and/or" -> and / or; dates and fractions (02/13/2001, 1/2) stay.
        const bool digits = i > a && i + 1 < b && is_digit_cp(static_cast<unsigned char>(s_[i - 1])) &&
                            is_digit_cp(static_cast<unsigned char>(s_[i + 1]));
        // "b/c", "w/o": single letters on both sides stay one token.
        const bool letters = cp.c == '/' && i == a + 1 && i + 2 == b &&
                             is_alnum_cp(static_cast<unsigned char>(s_[a])) &&
                             is_alnum_cp(static_cast<unsigned char>(s_[i + 1]));
        if (!digits && !letters && i > a) sep_len = 1;
      } else if (cp.c == ',' || cp.c == ':') {
        const bool digits = i > a && i + 1 < b && is_digit_cp(static_cast<unsigned char>(s_[i - 1])) &&
                            is_digit_cp(static_cast<unsigned char>(s_[i + 1]));
        if (!digits) sep_len = 1;
      } else if (cp.c == '-' && i + 1 < b && s_[i + 1] == '-') {
        sep_len = 2;
        while (i + sep_len < b && s_[i + sep_len] == '-') ++sep_len;
      } else if (cp.c == '.' && i + 1 < b && s_[i + 1] == '.') {
        sep_len = 2;
        while (i + sep_len < b && s_[i + sep_len] == '.') ++sep_len;
      }
      if (sep_len) {
        word(start, i);
        emit(i, i + sep_len, cp.c == '"' && i == start && i > a ? std::uint32_t{kClose} : 0u);
        i += sep_len;
        start = i;
      } else {
        i += cp.len;
      }
    }
    word(start, b);
  }

  // Length of a clitic at the start of w ("'s", "n't" is handled apart), or 0.
  static std::size_t clitic_length(std::string_view w) {
    std::size_t ap = 0;
    if (!w.empty() && w[0] == '\'')
      ap = 1;
    else if (w.substr(0, 3) == "\xE2\x80\x99")
      ap = 3;
    else
      return 0;
    const std::string_view rest = w.substr(ap);
    static constexpr std::array<std::string_view, 7> kClitics{"s", "re", "ve", "ll", "d", "m", "S"};
    for (std::string_view c : kClitics)
      if (rest.size() == c.size() && ((rest[0] | 0x20) == (c[0] | 0x20)) &&
          (c.size() == 1 || (rest[1] | 0x20) == c[1]))
        return w.size();
    return 0;
  }

  // A word piece: hyphenated compounds split the EWT way, then clitics.
  void word(std::size_t a, std::size_t b) {
    if (a >= b) return;
    if (split_hyphens_) {
      const std::string_view w = s_.substr(a, b - a);
      bool hyphen = false;
      for (std::size_t k = 1; k + 1 < w.size() && !hyphen; ++k) hyphen = w[k] == '-';
      if (hyphen && w.find_first_of(".#/@_") == std::string_view::npos) {
        std::size_t part = a;
        for (std::size_t k = a + 1; k + 1 < b; ++k) {
          if (s_[k] != '-') continue;
          const bool digits = is_digit_cp(static_cast<unsigned char>(s_[k - 1])) &&
                              is_digit_cp(static_cast<unsigned char>(s_[k + 1])) && number_code(w);
          if (digits || s_[k + 1] == '-' || s_[k - 1] == '-' || k == part ||
              is_prefix(s_.substr(part, k - part)))
            continue;
          clitics(part, k);
          emit(k, k + 1);
          part = k + 1;
        }
        clitics(part, b);
        return;
      }
    }
    clitics(a, b);
  }

  // Length of the digits of a number written together with its unit
  // ("375mm", "70k", "8gb"), which EWT splits; 0 when w is no such thing.
  static std::size_t number_unit_split(std::string_view w) {
    std::size_t k = 0;
    while (k < w.size() && (is_digit_cp(static_cast<unsigned char>(w[k])) || (k > 0 && w[k] == '.'))) ++k;
    if (k == 0 || k == w.size() || w[k - 1] == '.') return 0;
    char unit[5] = {};
    if (w.size() - k > 4) return 0;
    for (std::size_t i = k; i < w.size(); ++i) unit[i - k] = static_cast<char>(w[i] | 0x20);
    static constexpr std::array<std::string_view, 26> kUnits{
        "k",   "m",   "mm", "cm",  "km",   "kg", "g",  "gb",  "mb", "kb", "tb",  "hrs", "hr",
        "mph", "lbs", "lb", "min", "mins", "ml", "ft", "yrs", "yr", "bn", "ghz", "mhz", "kw"};
    return in_list(std::string_view(unit, w.size() - k), kUnits) ? k : 0;
  }

  // Numbers joined by hyphens that EWT keeps whole: phone numbers and dates
  // (713-853-3989, 853-3242, 11-20-2000); ranges (13-17, 1998-2000) split.
  static bool number_code(std::string_view w) {
    const std::size_t hyphens = static_cast<std::size_t>(std::count(w.begin(), w.end(), '-'));
    if (hyphens >= 2) return true;
    const std::size_t h = w.find('-');
    return h == 3 && w.size() - h - 1 == 4;
  }

  // Morphological prefixes that EWT keeps attached ("e-mail", "non-human").
  static bool is_prefix(std::string_view p) {
    static constexpr std::array<std::string_view, 40> kPrefixes{
        "e",     "non",   "co",    "pre",   "post", "re",     "semi",  "pro",   "multi",   "mid",
        "ex",    "anti",  "sub",   "un",    "vice", "psycho", "inter", "intra", "counter", "mis",
        "micro", "macro", "mega",  "mini",  "neo",  "pseudo", "quasi", "ultra", "bi",      "tri",
        "de",    "extra", "hyper", "cyber", "over", "under",  "out",   "trans", "x",       "uni"};
    if (p.size() > 7) return false;
    char buf[8] = {};
    for (std::size_t i = 0; i < p.size(); ++i) buf[i] = static_cast<char>(p[i] | 0x20);
    return in_list(std::string_view(buf, p.size()), kPrefixes);
  }

  void clitics(std::size_t a, std::size_t b) {
    if (a >= b) return;
    const std::string_view w = s_.substr(a, b - a);
    // n't: don't -> do n't, can't -> ca n't, won't -> wo n't.
    if (w.size() > 3) {
      const std::size_t n = w.size();
      if ((w[n - 1] | 0x20) == 't' && w[n - 2] == '\'' && (w[n - 3] | 0x20) == 'n') {
        emit(a, b - 3);
        emit(b - 3, b);
        return;
      }
      if (n > 5 && (w[n - 1] | 0x20) == 't' && w.substr(n - 4, 3) == "\xE2\x80\x99" &&
          (w[n - 5] | 0x20) == 'n') {
        emit(a, b - 5);
        emit(b - 5, b);
        return;
      }
    }
    // 's 're 've 'll 'd 'm
    const std::size_t tail_from = w.size() > 4 ? w.size() - 4 : 1;
    bool apostrophe = false;
    for (std::size_t k = tail_from; k < w.size(); ++k)
      apostrophe = apostrophe || w[k] == '\'' || w[k] == '\xE2';
    for (std::size_t k = tail_from; apostrophe && k < w.size(); ++k) {
      if ((w[k] == '\'' || (w[k] == '\xE2' && w.substr(k, 3) == "\xE2\x80\x99")) && k > 0 &&
          clitic_length(w.substr(k)) == w.size() - k) {
        emit(a, a + k);
        emit(a + k, b);
        return;
      }
    }
    const char first = static_cast<char>(w[0] | 0x20), last = static_cast<char>(w.back() | 0x20);
    if (is_digit_cp(static_cast<unsigned char>(w[0])) && !is_digit_cp(static_cast<unsigned char>(w.back()))) {
      if (const std::size_t k = number_unit_split(w)) {
        emit(a, a + k);
        emit(a + k, b);
        return;
      }
    }
    // cannot -> can not; gonna -> gon na; gotta -> got ta; wanna -> wan na;
    // contractions written without apostrophe (dont, cant, im), as EWT splits them.
    if (w.size() >= 2 && w.size() <= 8 &&
        (last == 't' || last == 's' || last == 'a' || (first == 'i' && (last == 'm' || last == 'e')) ||
         (first == 'a' && last == 't'))) {
      char lw[9] = {};
      for (std::size_t k = 0; k < w.size(); ++k) lw[k] = static_cast<char>(w[k] | 0x20);
      const std::string_view l(lw, w.size());
      static constexpr std::array<std::string_view, 17> kNoApostropheNt{
          "dont",    "doesnt",   "didnt",  "isnt",  "wasnt", "arent", "werent", "cant",  "couldnt",
          "wouldnt", "shouldnt", "havent", "hasnt", "hadnt", "aint",  "wont",   "mustnt"};
      if (in_list(l, kNoApostropheNt) && !(l == "wont" && w[0] == 'W')) {
        emit(a, b - 2);
        emit(b - 2, b);
        return;
      }
      if (l == "thats" || l == "whats") {
        emit(a, b - 1);
        emit(b - 1, b);
        return;
      }
      if (l == "im" || l == "ive" || l == "alot") {
        emit(a, a + 1);
        emit(a + 1, b);
        return;
      }
      if (l == "cannot") {
        emit(a, a + 3);
        emit(a + 3, b);
        return;
      }
      if (l == "gonna" || l == "gotta" || l == "wanna") {
        emit(a, a + 3);
        emit(a + 3, b);
        return;
      }
    }
    emit(a, b);
  }
};

// ---- sentences -----------------------------------------------------------

bool is_starter(std::string_view w) { return in_list(w, kSentenceStarters); }

struct ParagraphInfo {
  bool wrapped = false;
  std::size_t max_line = 0;
};

class SentenceSplitter {
 public:
  SentenceSplitter(std::string_view text, const std::vector<RawToken>& toks, const ParagraphInfo& info,
                   std::size_t paragraph_index)
      : s_(text), t_(toks), info_(info), paragraph_index_(paragraph_index) {}

  // Token indices where a new sentence starts (always including 0).
  void run(std::vector<std::uint32_t>& starts) {
    const std::size_t n = t_.size();
    if (n == 0) return;
    starts.push_back(0);
    std::size_t sent_start = 0;
    if (const std::size_t d = dateline_end(); d > 0 && d < n) {
      starts.push_back(static_cast<std::uint32_t>(d));
      sent_start = d;
    }
    for (std::size_t i = sent_start; i + 1 < n; ++i) {
      const bool cut = (i + 1 - sent_start) >= kMaxSentenceTokens;
      std::size_t next = boundary_after(i);
      if (next == 0 && cut) next = i + 1;
      if (next > i && next < n) {
        starts.push_back(static_cast<std::uint32_t>(next));
        sent_start = next;
        // A dateline after a sentence ("... contest: TEHRAN (AFP) - An international ...").
        if (const std::size_t d = caps_dateline_end(next); d > next && d < n) {
          starts.push_back(static_cast<std::uint32_t>(d));
          sent_start = d;
        }
        i = sent_start - 1;
      }
    }
  }

 private:
  std::string_view s_;
  const std::vector<RawToken>& t_;
  const ParagraphInfo& info_;
  std::size_t paragraph_index_;

  std::string_view text(std::size_t i) const { return s_.substr(t_[i].start, t_[i].end - t_[i].start); }
  std::uint32_t f(std::size_t i) const { return t_[i].flags; }

  // If a sentence ends after token i, the index of the next sentence's first
  // token; 0 otherwise.
  std::size_t boundary_after(std::size_t i) const {
    const std::size_t n = t_.size();
    const std::uint32_t fi = f(i);
    if (fi & kFinal) {
      std::size_t j = i + 1;
      // Closing quotes and brackets belong to the sentence they close.
      while (j < n && (f(j) & (kClose | kFinal)) && !(f(j) & kNewline)) ++j;
      if (j >= n) return 0;
      const std::uint32_t fj = f(j);
      if (fj & (kComma | kColon)) return 0;
      if (fj & kNewline) return j;
      if (fi & kPeriod) {
        // A real period: the sentence ends unless a lower-case word follows a number-like token ("No. 5").
        return j;
      }
      if (fi & kEllipsis) return (fj & (kUpper | kOpen)) ? j : 0;
      // '"Why?" he asked' continues; "where did you grow up? india?" does not.
      if ((fj & kLower) && j > i + 1) return 0;
      return j;
    }
    if ((fi & kAbbrev) && !(fi & kNoBreak)) {
      const std::size_t j = i + 1;
      if (j < n && (f(j) & kUpper) && is_starter(text(j))) return j;
      if (j < n && (f(j) & kNewline) && !info_.wrapped) return j;
      return 0;
    }
    // A line break after an unpunctuated line: headlines, subheads, lists.
    if (i + 1 < n && (f(i + 1) & kNewline) && !(fi & (kComma | kDash)) && line_ends_sentence(i)) return i + 1;
    return 0;
  }

  bool line_ends_sentence(std::size_t i) const {
    if (!info_.wrapped) return true;
    // Hard-wrapped text: only a short line (a heading or dateline) ends there.
    std::size_t line_start = t_[i].start;
    while (line_start > 0 && s_[line_start - 1] != '\n') --line_start;
    const std::size_t len = t_[i].end - line_start;
    return len * 2 < info_.max_line && (f(i + 1) & (kUpper | kDigit | kOpen));
  }

  // Tokens of a dateline at the paragraph start ("Moscow:", "WASHINGTON
  // (Reuters) -", "BEIRUT, Lebanon —"); 0 when there is none.
  std::size_t dateline_end() const {
    const std::size_t n = t_.size();
    if (n < 3) return 0;
    // "Moscow:" / "New York:" at the start of one of the first paragraphs.
    if (paragraph_index_ < 6) {
      std::size_t k = 0;
      while (k < n && k < 3 && (f(k) & kUpper) && !(f(k) & kAbbrev)) ++k;
      if (k > 0 && k < n && (f(k) & kColon) && k + 1 < n && (f(k + 1) & (kUpper | kOpen | kDigit)) &&
          !(f(k + 1) & kNewline))
        return k + 1;
    }
    return caps_dateline_end(0);
  }

  // "WASHINGTON (Reuters) -", "MOSCOW, Dec 15 (Reuters) -", "LONDON --" at token `from`.
  std::size_t caps_dateline_end(std::size_t from) const {
    const std::size_t n = t_.size();
    if (from >= n || !(f(from) & kAllCaps)) return 0;
    for (std::size_t k = from + 1; k < n && k < from + 16; ++k) {
      const std::uint32_t fk = f(k);
      if (fk & kDash) return k + 1 < n && (f(k + 1) & (kUpper | kOpen | kDigit)) ? k + 1 : 0;
      if (fk & kNewline) return 0;
      const bool ok = (fk & (kUpper | kDigit | kComma | kOpen | kClose)) || text(k) == "." || (fk & kAbbrev);
      if (!ok) return 0;
    }
    return 0;
  }
};

ParagraphInfo paragraph_info(std::string_view text, std::size_t a, std::size_t b,
                             std::vector<std::size_t>& lens) {
  ParagraphInfo info;
  lens.clear();
  std::size_t i = a;
  while (i < b) {
    const void* nl = std::memchr(text.data() + i, '\n', b - i);
    const std::size_t e = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) : b;
    lens.push_back(e - i);
    i = e + 1;
  }
  if (lens.size() < 3) {
    info.max_line = lens.empty() ? 0 : *std::max_element(lens.begin(), lens.end());
    return info;
  }
  info.max_line = *std::max_element(lens.begin(), lens.end());
  if (info.max_line < 40 || info.max_line > 120) return info;
  std::size_t full = 0;
  for (std::size_t k = 0; k + 1 < lens.size(); ++k) full += lens[k] * 10 >= info.max_line * 6;
  info.wrapped = full * 3 >= (lens.size() - 1) * 2;
  return info;
}

void segment_given(const Document& d, Segmentation& out) {
  out.tokens.assign(d.given_tokens.begin(), d.given_tokens.end());
  std::vector<std::uint32_t> starts = d.given_sentence_starts;
  if (starts.empty() || starts[0] != 0) starts.insert(starts.begin(), 0);
  const auto n = static_cast<std::uint32_t>(out.tokens.size());
  for (std::size_t k = 0; k < starts.size(); ++k) {
    const std::uint32_t first = starts[k];
    const std::uint32_t end = k + 1 < starts.size() ? std::min(starts[k + 1], n) : n;
    if (first >= end) continue;
    const Span span{out.tokens[first].start, out.tokens[end - 1].end};
    if (!out.sentences.empty() && out.sentences.back().span.end <= span.start) {
      const Offset prev_end = out.sentences.back().span.end;
      const std::string_view gap = std::string_view(d.text).substr(prev_end, span.start - prev_end);
      if (gap.find("\n\n") != std::string_view::npos)
        out.paragraphs.push_back({span});
      else
        out.paragraphs.back().span.end = span.end;
    } else if (out.paragraphs.empty()) {
      out.paragraphs.push_back({span});
    }
    out.sentences.push_back(
        Sentence{span, first, end, static_cast<std::uint32_t>(out.paragraphs.size() - 1)});
  }
}

}  // namespace

void segment_spans(const Document& d, Segmentation& out, const SegmentOptions& options) {
  out.tokens.clear();
  out.sentences.clear();
  out.paragraphs.clear();
  if (!d.given_tokens.empty()) {
    segment_given(d, out);
    return;
  }
  const std::string_view text = d.text;

  // Story regions: the text minus the furniture.
  std::vector<Span> furniture = d.furniture;
  std::sort(furniture.begin(), furniture.end(),
            [](const Span& x, const Span& y) { return x.start < y.start; });
  std::vector<std::pair<std::size_t, std::size_t>> regions;
  std::size_t pos = 0;
  for (const Span& f : furniture) {
    const std::size_t fs = std::min<std::size_t>(f.start, text.size());
    if (fs > pos) regions.emplace_back(pos, fs);
    pos = std::max<std::size_t>(pos, std::min<std::size_t>(f.end, text.size()));
  }
  if (pos < text.size()) regions.emplace_back(pos, text.size());

  out.tokens.reserve(text.size() / 5 + 16);
  std::vector<RawToken> raw;
  std::vector<std::uint32_t> starts;
  std::vector<std::size_t> line_lengths;
  Tokenizer tokenizer(text, raw, options.split_hyphens);
  auto do_paragraph = [&](std::size_t pa, std::size_t pb) {
    raw.clear();
    tokenizer.run(pa, pb);
    if (raw.empty()) return;
    const ParagraphInfo info = paragraph_info(text, pa, pb, line_lengths);
    starts.clear();
    SentenceSplitter(text, raw, info, out.paragraphs.size()).run(starts);
    const auto para = static_cast<std::uint32_t>(out.paragraphs.size());
    out.paragraphs.push_back({Span{raw.front().start, raw.back().end}});
    const auto base = static_cast<std::uint32_t>(out.tokens.size());
    for (const RawToken& r : raw) out.tokens.push_back(Span{r.start, r.end});
    for (std::size_t k = 0; k < starts.size(); ++k) {
      const std::uint32_t first = starts[k];
      const std::uint32_t end =
          k + 1 < starts.size() ? starts[k + 1] : static_cast<std::uint32_t>(raw.size());
      out.sentences.push_back(
          Sentence{Span{raw[first].start, raw[end - 1].end}, base + first, base + end, para});
    }
  };

  for (const auto& [ra, rb] : regions) {
    // Paragraphs: runs of lines separated by blank lines.
    std::size_t para_start = ra;
    std::size_t i = ra;
    while (i < rb) {
      const void* nl = std::memchr(text.data() + i, '\n', rb - i);
      if (!nl) break;
      const std::size_t e = static_cast<std::size_t>(static_cast<const char*>(nl) - text.data());
      // Is the next line blank?
      std::size_t k = e + 1;
      while (k < rb && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r')) ++k;
      if (k < rb && text[k] == '\n') {
        do_paragraph(para_start, e);
        // Skip all following blank lines.
        std::size_t m = k;
        while (m < rb && (text[m] == '\n' || text[m] == ' ' || text[m] == '\t' || text[m] == '\r')) ++m;
        para_start = m;
        i = m;
        continue;
      }
      i = e + 1;
    }
    if (para_start < rb) do_paragraph(para_start, rb);
  }
}

void segment(Analysis& a, const SegmentOptions& options) {
  Segmentation seg;
  segment_spans(a.doc, seg, options);
  a.tokens.clear();
  a.tokens.reserve(seg.tokens.size());
  for (const Span& span : seg.tokens) {
    Token t;  // default-initialised: value-initialising would zero the whole struct first
    t.span = span;
    a.tokens.push_back(std::move(t));
  }
  a.sentences = std::move(seg.sentences);
  a.paragraphs = std::move(seg.paragraphs);
}

}  // namespace chronicle
