// Entity resolution. The method is rule-based over the knowledge base and the
// closed classes below; see resolve.h for the rules and their order. Nothing
// here names a particular person, place or organisation: every such fact comes
// from the knowledge base file.
#include "extract/resolve.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace chronicle {

namespace {

// Closed classes of English (general knowledge, not facts about any entity).
constexpr std::array<std::string_view, 84> kTitles = {"president",
                                                      "president-elect",
                                                      "vice",
                                                      "prime",
                                                      "minister",
                                                      "premier",
                                                      "chancellor",
                                                      "king",
                                                      "queen",
                                                      "prince",
                                                      "princess",
                                                      "emperor",
                                                      "empress",
                                                      "sheikh",
                                                      "sheik",
                                                      "emir",
                                                      "sultan",
                                                      "ayatollah",
                                                      "imam",
                                                      "pope",
                                                      "cardinal",
                                                      "archbishop",
                                                      "bishop",
                                                      "rev",
                                                      "reverend",
                                                      "father",
                                                      "mr",
                                                      "mrs",
                                                      "ms",
                                                      "miss",
                                                      "dr",
                                                      "prof",
                                                      "professor",
                                                      "sir",
                                                      "dame",
                                                      "lord",
                                                      "lady",
                                                      "general",
                                                      "gen",
                                                      "lt",
                                                      "lieutenant",
                                                      "col",
                                                      "colonel",
                                                      "maj",
                                                      "major",
                                                      "capt",
                                                      "captain",
                                                      "adm",
                                                      "admiral",
                                                      "commander",
                                                      "sgt",
                                                      "sergeant",
                                                      "marshal",
                                                      "field",
                                                      "senator",
                                                      "sen",
                                                      "rep",
                                                      "congressman",
                                                      "congresswoman",
                                                      "governor",
                                                      "gov",
                                                      "mayor",
                                                      "secretary",
                                                      "secretary-general",
                                                      "ambassador",
                                                      "envoy",
                                                      "chairman",
                                                      "chairwoman",
                                                      "chief",
                                                      "leader",
                                                      "director",
                                                      "judge",
                                                      "justice",
                                                      "foreign",
                                                      "defence",
                                                      "defense",
                                                      "interior",
                                                      "deputy",
                                                      "former",
                                                      "state",
                                                      "opposition",
                                                      "speaker",
                                                      "crown"};

// Prepositions after which a place name is where something happens, not who acts.
constexpr std::array<std::string_view, 24> kLocative = {
    "in",     "at",      "near", "from",    "to",         "into",   "outside", "inside",
    "around", "across",  "over", "through", "throughout", "within", "toward",  "towards",
    "via",    "between", "of",   "off",     "along",      "beyond", "across",  "onto"};

// Function words that start sentences and are never names by themselves.
constexpr std::array<std::string_view, 48> kFunctionWords = {
    "a",        "an",     "the",   "this",    "that",  "these", "those",      "here", "there", "while",
    "although", "though", "with",  "without", "but",   "and",   "or",         "now",  "just",  "what",
    "when",     "where",  "why",   "how",     "who",   "on",    "as",         "in",   "for",   "it",
    "he",       "she",    "they",  "we",      "you",   "i",     "his",        "her",  "their", "its",
    "our",      "if",     "after", "before",  "since", "every", "everything", "some"};

// Verbs whose subject a place is as a place, not as an actor: "Athens lies", "Athens offers".
constexpr std::array<std::string_view, 22> kStativeVerbs = {
    "lie",     "lies", "sit",     "sits",  "stand",   "become",  "remain", "contain",
    "include", "host", "offer",   "boast", "feature", "attract", "border", "cover",
    "see",     "get",  "stretch", "span",  "enjoy",   "face"};

// Head nouns of organisation names.
constexpr std::array<std::string_view, 24> kOrgHeads = {
    "center",     "centre",  "institute",   "institution", "university",  "college",
    "foundation", "council", "committee",   "party",       "association", "agency",
    "ministry",   "bank",    "corporation", "company",     "group",       "inc",
    "corp",       "ltd",     "union",       "federation",  "society",     "commission"};

// Day and month names: times, not entities (the times stage reads them).
constexpr std::array<std::string_view, 31> kCalendarWords = {
    "monday",   "tuesday",  "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march",    "april",     "may",      "june",   "july",     "august", "september",
    "october",  "november", "december",  "jan",      "feb",    "mar",      "apr",    "jun",
    "jul",      "aug",      "sep",       "sept",     "oct",    "nov",      "dec"};

// Nouns for places that introduce a name: "the city of X".
constexpr std::array<std::string_view, 14> kPlaceNouns = {
    "city",     "town",     "village", "province", "region", "capital", "port",
    "district", "republic", "island",  "kingdom",  "county", "state",   "emirate"};

template <std::size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

std::string without_dots(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), '.'), s.end());
  return s;
}

bool is_upper_initial(std::string_view s) { return !s.empty() && s[0] >= 'A' && s[0] <= 'Z'; }

// An acronym: 2 to 6 capitals, dots allowed ("IS", "U.S.G.").
// Asked of every token: counts the capitals in place rather than copying the
// word without its dots (two strings a token).
bool is_all_caps(std::string_view dotted) {
  std::size_t capitals = 0;
  for (char c : dotted) {
    if (c == '.') continue;
    if (c < 'A' || c > 'Z') return false;
    ++capitals;
  }
  return capitals >= 2 && capitals <= 6;
}

bool is_possessive(std::string_view t) { return t == "'s" || t == "\xE2\x80\x99s" || t == "'" || t == "s"; }

// Opening punctuation that may precede the first word of a sentence.
bool is_opening_punct(std::string_view t) {
  return !t.empty() && t.find_first_not_of("\"'`([{-") == std::string_view::npos;
}

bool is_word(std::string_view t) {
  return !t.empty() && ((t[0] >= 'A' && t[0] <= 'Z') || (t[0] >= 'a' && t[0] <= 'z'));
}

std::uint64_t fnv1a64(std::string_view s, std::uint64_t h = 0xcbf29ce484222325ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

std::uint32_t dct_date(const Analysis& a) {
  if (!a.doc.dct) return 0;
  const TimePoint& t = *a.doc.dct;
  return static_cast<std::uint32_t>(t.year) * 10000 + (t.month ? t.month : 7) * 100 + (t.day ? t.day : 1);
}

int type_group(std::string_view t) {
  if (t == "PERSON") return 0;
  if (t == "ORGANIZATION" || t == "FACILITY") return 1;
  if (t == "GPE" || t == "LOCATION") return 2;
  if (t == "VEHICLE") return 3;
  return 4;
}

// What resolution learns about one mention.
struct Info {
  std::string core;                    // the name: no title, no possessive
  std::string key;                     // normalize_key(core)
  std::vector<std::string> last_keys;  // surname forms: "al assad", "assad"
  int kb = -1;                         // linked knowledge-base entry
  int cluster = -1;
};

class Resolver {
 public:
  Resolver(Analysis& a, const KnowledgeBase& kb) : a_(a), kb_(kb), date_(dct_date(a)) {}

  void run() {
    index_tokens();
    clean_mentions();
    info_.assign(a_.mentions.size(), {});
    for (std::size_t i = 0; i < a_.mentions.size(); ++i)
      if (a_.mentions[i].type == "GPE" || a_.mentions[i].type == "LOCATION")
        place_keys_.insert(normalize_key(
            a_.text(Span{a_.tokens[core_[i].first].span.start, a_.tokens[core_[i].second - 1].span.end})));
    for (std::size_t i = 0; i < a_.mentions.size(); ++i) link(i);
    cluster();
    build_entities();
  }

 private:
  std::string_view tok(std::uint32_t i) const { return a_.text(a_.tokens[i]); }
  std::string tok_lower(std::uint32_t i) const { return lower(tok(i)); }

  void index_tokens() {
    const std::size_t n = a_.tokens.size();
    initial_.assign(n, 0);
    for (const Sentence& s : a_.sentences) {
      for (std::uint32_t t = s.first_token; t < s.end_token && t < n; ++t) {
        initial_[t] = 1;
        if (!is_opening_punct(tok(t))) break;
      }
    }
    // A token that starts a line (a headline, a list item) is sentence-initial too.
    for (std::size_t t = 0; t < n; ++t) {
      std::uint32_t p = a_.tokens[t].span.start;
      while (p > 0 && (a_.doc.text[p - 1] == ' ' || a_.doc.text[p - 1] == '\t')) --p;
      if (p == 0 || a_.doc.text[p - 1] == '\n') initial_[t] = 1;
    }
    for (std::size_t t = 0; t < n; ++t)
      if (!initial_[t] && is_upper_initial(tok(t))) capitalised_inside_.insert(tok(t));
  }

  // A single capitalised common word at a sentence start that the document never capitalises
  // elsewhere and the KB does not know as a name: "Here", "Turning", "Key".
  bool dropped_as_common_word(std::uint32_t t, bool whole_mention) const {
    if (!whole_mention || t >= initial_.size() || !initial_[t]) return false;
    std::string_view w = tok(t);
    if (!is_upper_initial(w) || capitalised_inside_.count(w)) return false;
    std::string l = lower(w);
    bool common = in(kFunctionWords, l) || kb_.is_common_word(l);
    // Inflected forms: "Tags" -> tag, "Turning" -> turn.
    if (!common && l.size() > 3 && l.back() == 's') common = kb_.is_common_word(l.substr(0, l.size() - 1));
    if (!common && l.size() > 5 && l.ends_with("ing")) {
      std::string stem = l.substr(0, l.size() - 3);
      common = kb_.is_common_word(stem) || kb_.is_common_word(stem + "e") ||
               (stem.size() > 2 && stem[stem.size() - 1] == stem[stem.size() - 2] &&
                kb_.is_common_word(stem.substr(0, stem.size() - 1)));
    }
    if (!common) return false;
    // A common word that is also a name the KB knows ("Turkey", "Reading", "Sale") stays; a
    // surname alone ("Key") does not count.
    for (const KbHit& h : kb_.lookup(w))
      if (!h.partial) return false;
    return true;
  }

  // "Sunday", "Dec 15", "in October"; a month name alone typed PERSON ("May") stays.
  bool calendar_word(const Mention& m) const {
    std::uint32_t t = m.first_token;
    std::string w = without_dots(tok_lower(t));
    if (!in(kCalendarWords, w)) return false;
    if (std::find(kCalendarWords.begin(), kCalendarWords.begin() + 7, w) != kCalendarWords.begin() + 7)
      return true;
    auto digit = [&](std::uint32_t i) {
      return i < a_.tokens.size() && !tok(i).empty() && tok(i)[0] >= '0' && tok(i)[0] <= '9';
    };
    return m.type != "PERSON" || digit(t + 1) || (t > 0 && digit(t - 1));
  }

  bool vehicle_context(const Mention& m) const {
    std::uint32_t next = m.end_token;
    if (next < a_.tokens.size() && is_possessive(tok(next))) ++next;
    if (next < a_.tokens.size() && !is_upper_initial(tok(next)) && kb_.is_vehicle_noun(tok_lower(next)))
      return true;
    if (m.first_token > 0) {
      std::string prev = tok_lower(m.first_token - 1);
      if (!is_upper_initial(tok(m.first_token - 1)) && kb_.is_vehicle_noun(prev)) return true;
    }
    return false;
  }

  void set_span(Mention& m, std::uint32_t first, std::uint32_t end) {
    m.first_token = first;
    m.end_token = end;
    m.span = {a_.tokens[first].span.start, a_.tokens[end - 1].span.end};
  }

  // Spans stay as the recogniser gave them (the CoNLL output depends on them); the name used for
  // matching is the core: without a leading sentence-initial function word, titles or a possessive.
  struct Item {
    Mention m;
    std::uint32_t core_first = 0, core_end = 0;
  };

  void clean_mentions() {
    std::vector<Item> kept;
    kept.reserve(a_.mentions.size());
    std::vector<char> taken(a_.tokens.size() + 1, 0);
    for (const Mention& m : a_.mentions)
      for (std::uint32_t t = m.first_token; t < m.end_token && t < a_.tokens.size(); ++t) taken[t] = 1;
    for (Mention m : a_.mentions) {
      m.entity = -1;
      if (m.end_token <= m.first_token || m.end_token > a_.tokens.size()) continue;  // malformed: ignored
      Item it{m, m.first_token, m.end_token};
      if (m.kind != Mention::Kind::Name) {
        kept.push_back(std::move(it));
        continue;
      }
      // A name the recogniser cut short ("Islamic" of "Islamic State group"): extend it over the
      // following capitalised, untagged words while the KB knows the longer name.
      if (it.m.type == "ORGANIZATION" || it.m.type == "MISC") {
        std::uint32_t best = 0;
        for (std::uint32_t e = it.m.end_token + 1; e <= it.m.end_token + 3 && e <= a_.tokens.size(); ++e) {
          if (taken[e - 1] || !is_upper_initial(tok(e - 1))) break;
          std::string_view longer =
              std::string_view(a_.doc.text)
                  .substr(a_.tokens[it.m.first_token].span.start,
                          a_.tokens[e - 1].span.end - a_.tokens[it.m.first_token].span.start);
          for (const KbHit& h : kb_.lookup(longer))
            if (!h.partial && kb_.entry(h.entry).type == "ORGANIZATION") best = e;
        }
        if (best) {
          set_span(it.m, it.m.first_token, best);
          it.core_end = best;
          for (std::uint32_t t = it.m.first_token; t < best; ++t) taken[t] = 1;
        }
      }
      std::uint32_t& cf = it.core_first;
      std::uint32_t& ce = it.core_end;
      if (ce - cf > 1 && is_possessive(tok(ce - 1)) && tok(ce - 1) != "s") --ce;
      // "While Moscow", "Although Assad": a sentence-initial function word is not part of the name.
      if (ce - cf > 1 && initial_[cf] && in(kFunctionWords, tok_lower(cf))) ++cf;
      if (ce - cf == 1 && dropped_as_common_word(cf, it.m.end_token - it.m.first_token == 1)) continue;
      if (it.m.end_token - it.m.first_token == 1 && calendar_word(it.m)) continue;
      // A nationality the recogniser typed MISC ("Russian") acts for its country.
      if (ce - cf == 1 && it.m.type == "MISC" && kb_.demonym(tok(cf))) it.m.role = "demonym";
      // A ship or aircraft the recogniser took for a person or a thing: "Admiral Kuznetsov aircraft
      // carrier". Organisations stay ("El Al jet").
      if ((it.m.type == "PERSON" || it.m.type == "MISC") && vehicle_context(it.m)) it.m.type = "VEHICLE";
      // Titles: "President Vladimir Putin", "Dr. Pangborn".
      if (it.m.type == "PERSON")
        for (std::uint32_t t = cf; t + 1 < ce; ++t)
          if (in(kTitles, without_dots(tok_lower(t))) || kb_.demonym(tok(t))) cf = t + 1;
      kept.push_back(std::move(it));
    }
    // Demonyms the recogniser left untagged: "Russian warplanes", "the Syrian leader"; and acronyms
    // of a longer organisation name of the document ("IS" for "Islamic State").
    std::vector<char> covered(a_.tokens.size(), 0);
    std::unordered_set<std::string> acronyms;
    for (const Item& it : kept) {
      for (std::uint32_t t = it.m.first_token; t < it.m.end_token; ++t) covered[t] = 1;
      if ((it.m.type == "ORGANIZATION" || it.m.type == "MISC") && it.core_end - it.core_first > 1) {
        std::string init;
        for (std::uint32_t t = it.core_first; t < it.core_end; ++t)
          if (is_upper_initial(tok(t))) init.push_back(tok(t)[0]);
        if (init.size() > 1) acronyms.insert(init);
      }
    }
    for (std::uint32_t t = 0; t < a_.tokens.size(); ++t) {
      if (!covered[t] && is_all_caps(tok(t)) && acronyms.count(without_dots(std::string(tok(t))))) {
        Item d;
        set_span(d.m, t, t + 1);
        d.m.type = "ORGANIZATION";
        d.core_first = t;
        d.core_end = t + 1;
        kept.push_back(std::move(d));
        covered[t] = 1;
        continue;
      }
      if (covered[t] || !is_upper_initial(tok(t)) || !kb_.demonym(tok(t))) continue;
      // "Russian Federation" and the like are names, not demonyms.
      if (t + 1 < a_.tokens.size() && is_upper_initial(tok(t + 1)) &&
          !kb_.lookup(
                  std::string_view(a_.doc.text)
                      .substr(a_.tokens[t].span.start, a_.tokens[t + 1].span.end - a_.tokens[t].span.start))
               .empty())
        continue;
      Item d;
      set_span(d.m, t, t + 1);
      d.m.type = "MISC";  // as CoNLL and the recogniser type nationalities; the entity is the country
      d.m.role = "demonym";
      d.core_first = t;
      d.core_end = t + 1;
      kept.push_back(std::move(d));
    }
    std::stable_sort(kept.begin(), kept.end(), [](const Item& x, const Item& y) {
      return x.m.span.start != y.m.span.start ? x.m.span.start < y.m.span.start : x.m.span.end < y.m.span.end;
    });
    a_.mentions.clear();
    core_.clear();
    for (Item& it : kept) {
      a_.mentions.push_back(std::move(it.m));
      core_.push_back({it.core_first, it.core_end});
    }
  }

  // The knowledge-base reading of a mention, and the type it implies.
  void link(std::size_t i) {
    Mention& m = a_.mentions[i];
    Info& inf = info_[i];
    if (m.role == "demonym") {
      if (auto c = kb_.demonym(a_.text(m.span))) inf.kb = static_cast<int>(*c);
      inf.core = std::string(kb_.entry(static_cast<std::uint32_t>(std::max(inf.kb, 0))).name);
      inf.key = normalize_key(inf.core);
      return;
    }
    auto [cf, ce] = core_[i];
    inf.core = std::string(a_.text(Span{a_.tokens[cf].span.start, a_.tokens[ce - 1].span.end}));
    for (std::string_view suffix : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")})
      if (inf.core.size() > suffix.size() + 1 && inf.core.ends_with(suffix))
        inf.core.resize(inf.core.size() - suffix.size());
    inf.key = normalize_key(inf.core);
    {
      std::string last = normalize_key(
          inf.core.substr(inf.core.rfind(' ') == std::string::npos ? 0 : inf.core.rfind(' ') + 1));
      inf.last_keys.push_back(last);
      if (auto sp = last.find(' '); sp != std::string::npos && sp <= 3)
        inf.last_keys.push_back(last.substr(sp + 1));
    }
    if (m.kind != Mention::Kind::Name) return;

    std::vector<KbHit> hits = kb_.lookup(inf.core);
    if (hits.empty()) {
      // "Islamic State group": try without trailing lowercase words.
      std::uint32_t end = ce;
      while (end > cf + 1 && !is_upper_initial(tok(end - 1))) --end;
      if (end < ce) {
        std::string_view shorter =
            std::string_view(a_.doc.text)
                .substr(a_.tokens[cf].span.start, a_.tokens[end - 1].span.end - a_.tokens[cf].span.start);
        hits = kb_.lookup(shorter);
      }
    }
    auto best = [&](std::initializer_list<std::string_view> types, bool allow_partial) -> int {
      for (const KbHit& h : hits) {
        if (h.partial && !allow_partial) continue;
        KbEntry e = kb_.entry(h.entry);
        if (std::find(types.begin(), types.end(), e.type) != types.end()) return static_cast<int>(h.entry);
      }
      return -1;
    };
    const std::string t = m.type;
    int e = -1;
    if (t == "PERSON") {
      e = best({"PERSON"}, false);
      if (e < 0 && ce - cf == 1 && best({"PERSON"}, true) < 0) {
        // A known place the recogniser typed PERSON, given evidence in the text: it follows a
        // locative preposition, or the recogniser typed the same name a place elsewhere.
        int place = best({"GPE", "LOCATION"}, false);
        if (place >= 0 && (after_locative(m) || place_keys_.count(inf.key))) e = place;
      }
      if (e < 0 && after_place_noun(m)) m.type = "GPE";
    } else if (t == "GPE" || t == "LOCATION") {
      e = best({"GPE", "LOCATION"}, false);
      if (e < 0) {
        int f = best({"FACILITY", "ORGANIZATION"}, false);
        if (f >= 0 && (kb_.entry(static_cast<std::uint32_t>(f)).type == "FACILITY" ||
                       kb_.governs(static_cast<std::uint32_t>(f))))
          e = f;
      }
    } else if (t == "ORGANIZATION") {
      e = best({"ORGANIZATION", "FACILITY"}, false);
      if (e < 0) {
        int c = best({"GPE"}, false);
        if (c >= 0 && kb_.entry(static_cast<std::uint32_t>(c)).has(KbEntry::kCountry)) e = c;
      }
    } else if (t == "FACILITY") {
      e = best({"FACILITY", "ORGANIZATION", "GPE", "LOCATION"}, false);
    } else if (t == "VEHICLE") {
      e = best({"VEHICLE"}, false);
    } else {
      // MISC: a multi-word name the KB knows as an organisation ("Islamic State"); single words
      // typed MISC are mostly adjectives and events ("Welsh", "Wimbledon") and stay.
      if (ce - cf >= 2) e = best({"ORGANIZATION"}, false);
      if (e < 0 && after_place_noun(m)) m.type = "GPE";
    }
    // An unknown place whose last word names an organisation ("Carnegie Center") is an organisation.
    if (e < 0 && (t == "GPE" || t == "LOCATION") && in(kOrgHeads, lower(tok(ce - 1))))
      m.type = "ORGANIZATION";
    if (e < 0) return;
    KbEntry entry = kb_.entry(static_cast<std::uint32_t>(e));
    inf.kb = e;
    // An organisation housed in a facility the KB knows (a university, the Kremlin) stays an organisation.
    if (!(m.type == "ORGANIZATION" && entry.type == "FACILITY")) m.type = std::string(entry.type);
    // Metonymy: a seat of government acting for its country.
    if (auto gov = kb_.governs(static_cast<std::uint32_t>(e)); gov && acts_as_government(m, entry)) {
      // The mention keeps its type (the Kremlin stays ORGANIZATION); its entity is the country.
      m.role = "government";
      inf.kb = static_cast<int>(*gov);
    }
  }

  std::uint32_t core_len(std::size_t i) const { return core_[i].second - core_[i].first; }

  bool after_locative(const Mention& m) const {
    std::uint32_t p = m.first_token;
    while (p > 0 && tok_lower(p - 1) == "the") --p;
    return p > 0 && in(kLocative, tok_lower(p - 1));
  }

  bool after_place_noun(const Mention& m) const {
    return m.first_token >= 2 && tok_lower(m.first_token - 1) == "of" &&
           in(kPlaceNouns, tok_lower(m.first_token - 2));
  }

  bool acts_as_government(const Mention& m, const KbEntry& e) const {
    std::uint32_t f = m.first_token;
    std::uint32_t prev = f;
    while (prev > 0 && tok_lower(prev - 1) == "the") --prev;
    // "in Moscow", "in the Kremlin": the place itself.
    if (prev > 0 && in(kLocative, tok_lower(prev - 1))) return false;
    std::uint32_t next = m.end_token;
    // A dateline: "Moscow: ..." or "MOSCOW (Reuters) -".
    if (f < initial_.size() && initial_[f] && next < a_.tokens.size() &&
        (tok(next) == ":" || tok(next) == "(" || tok(next) == "-" || tok(next) == "\xE2\x80\x94"))
      return false;
    if (e.has(KbEntry::kGovernmentBody)) return true;
    const std::uint32_t last = m.end_token - 1;
    if (!a_.tokens[last].deprel.empty()) return governs_by_parse(m);
    // No parse. A noun modifier: "a Moscow court", "the Damascus suburbs".
    if (next < a_.tokens.size() && !is_possessive(tok(next))) {
      const Token& nt = a_.tokens[next];
      std::string_view w = tok(next);
      bool noun = !nt.upos.empty() ? nt.upos == "NOUN" : (prev < f && is_word(w) && !is_upper_initial(w));
      if (noun) return false;
      // A description of the place: "Athens is a city", "Athens has museums"; but "Damascus is celebrating".
      std::string lw = lower(w);
      if (in(kStativeVerbs, lw) || lw == "is" || lw == "was" || lw == "has" || lw == "had") {
        if (next + 1 >= a_.tokens.size()) return false;
        std::string after = tok_lower(next + 1);
        // "is celebrating", "has launched" are actions; "is a city", "has museums", "lies" descriptions.
        bool action = (lw == "has" || lw == "had") ? (after.ends_with("ed") || after == "been")
                                                   : (after.ends_with("ing") || after.ends_with("ed"));
        if (in(kStativeVerbs, lw) || !action) return false;
      }
    }
    return true;
  }

  // With a parse: the subject of an action (not of a description), the agent of a
  // passive, or a possessor acts; every other role is the place.
  bool governs_by_parse(const Mention& m) const {
    // The mention's syntactic head: its token whose head lies outside the mention.
    std::uint32_t h = m.end_token - 1;
    for (std::uint32_t t = m.first_token; t < m.end_token; ++t) {
      int hd = a_.tokens[t].head;
      if (hd < static_cast<int>(m.first_token) || hd >= static_cast<int>(m.end_token)) {
        h = t;
        break;
      }
    }
    // "Damascus and Moscow retook it": a conjunct takes the role of the first conjunct.
    std::uint32_t r = h;
    for (int hops = 0; hops < 4 && a_.tokens[r].deprel == "conj" && a_.tokens[r].head >= 0 &&
                       static_cast<std::size_t>(a_.tokens[r].head) < a_.tokens.size();
         ++hops)
      r = static_cast<std::uint32_t>(a_.tokens[r].head);
    const std::string& rel = a_.tokens[r].deprel;
    int head = a_.tokens[r].head;
    if (rel == "nmod:poss" || rel == "obl:agent") return true;
    if (rel == "obl" || rel == "nmod") {
      for (std::uint32_t t = (r >= 3 ? r - 3 : 0); t < r; ++t)
        if (a_.tokens[t].head == static_cast<int>(r) && a_.tokens[t].deprel == "case" && tok_lower(t) == "by")
          return true;
      return false;
    }
    if (!rel.starts_with("nsubj") || head < 0 || static_cast<std::size_t>(head) >= a_.tokens.size())
      return false;
    const Token& v = a_.tokens[static_cast<std::size_t>(head)];
    if (v.upos == "NOUN" || v.upos == "PROPN" || v.upos == "ADJ" || v.upos == "NUM" || v.upos == "PRON")
      return false;  // "Athens is a city", "Athens is beautiful"
    std::string lemma = v.lemma.empty() ? lower(a_.text(v)) : lower(v.lemma);
    return !(lemma == "be" || lemma == "have" || in(kStativeVerbs, lemma));
  }

  // True when a single-token mention repeats the last name of a full PERSON name of the document
  // (the recogniser may type a lone surname MISC or ORGANIZATION).
  // Whether a one-word ORGANIZATION or MISC mention is the surname of a full name of
  // the document (full_names_by_surname_ must be filled).
  bool person_surname(std::size_t i) const {
    if (a_.mentions[i].type != "MISC" && a_.mentions[i].type != "ORGANIZATION") return false;
    auto it = full_names_by_surname_.find(info_[i].key);
    if (it == full_names_by_surname_.end()) return false;
    return std::any_of(it->second.begin(), it->second.end(),
                       [&](std::size_t j) { return j != i && a_.mentions[j].role.empty(); });
  }

  // Indexes of the document's full names (PERSON mentions of two words or more; their
  // type does not change while clustering), so that a one-word mention finds its full
  // name by lookup: a scan of every mention for each was quadratic on long documents.
  void index_full_names() {
    full_names_by_surname_.clear();
    full_names_by_first_.clear();
    multi_word_by_initials_.clear();
    for (std::size_t j = 0; j < a_.mentions.size(); ++j) {
      if (core_len(j) < 2) continue;
      if (a_.mentions[j].role.empty()) multi_word_by_initials_.emplace(initials(j), j);  // the first keeps it
      if (a_.mentions[j].type != "PERSON") continue;
      for (const std::string& k : info_[j].last_keys) {
        auto& v = full_names_by_surname_[k];
        if (v.empty() || v.back() != j) v.push_back(j);
      }
      full_names_by_first_[normalize_key(tok(core_[j].first))].push_back(j);
    }
  }

  int new_cluster() {
    clusters_.push_back({});
    return static_cast<int>(clusters_.size() - 1);
  }

  void join(std::size_t i, int c) {
    info_[i].cluster = c;
    clusters_[c].mentions.push_back(static_cast<int>(i));
    if (clusters_[c].kb < 0 && info_[i].kb >= 0) {
      clusters_[c].kb = info_[i].kb;
      by_kb_[info_[i].kb] = c;
    }
    const Mention& m = a_.mentions[i];
    if (m.role.empty() && m.kind == Mention::Kind::Name) {
      if (core_len(i) > 1) clusters_[c].multi = true;
      by_key_[{type_group(m.type), info_[i].key}] = c;
    }
    if (clusters_[c].type.empty()) clusters_[c].type = m.type;
  }

  int find_by_key(std::size_t i) const {
    auto it = by_key_.find({type_group(a_.mentions[i].type), info_[i].key});
    return it == by_key_.end() ? -1 : it->second;
  }

  std::string initials(std::size_t i) const {
    std::string out;
    for (std::uint32_t t = core_[i].first; t < core_[i].second; ++t)
      if (is_upper_initial(tok(t))) out.push_back(tok(t)[0]);
    return out;
  }

  void cluster() {
    index_full_names();
    std::vector<std::size_t> deferred;
    for (std::size_t i = 0; i < a_.mentions.size(); ++i) {
      const Mention& m = a_.mentions[i];
      const Info& inf = info_[i];
      bool single = core_len(i) == 1;
      if (m.kind == Mention::Kind::Name && m.role.empty() && single && inf.kb < 0 &&
          (m.type == "PERSON" || is_all_caps(a_.text(m.span)) || person_surname(i))) {
        if (m.type != "PERSON" && !is_all_caps(a_.text(m.span))) a_.mentions[i].type = "PERSON";
        deferred.push_back(i);
        continue;
      }
      int c = -1;
      if (inf.kb >= 0) {
        auto it = by_kb_.find(inf.kb);
        if (it != by_kb_.end()) c = it->second;
      }
      if (c < 0 && m.role.empty()) {
        c = find_by_key(i);
        // A linked mention joins a same-named group only when that group is unlinked.
        if (c >= 0 && inf.kb >= 0 && clusters_[c].kb >= 0) c = -1;
      }
      // A single word the recogniser typed ORGANIZATION or MISC that names a place of the document.
      if (c < 0 && inf.kb < 0 && m.role.empty() && single && (m.type == "ORGANIZATION" || m.type == "MISC")) {
        auto it = by_key_.find({2, inf.key});
        // Only a place the KB does not know: a city's name typed ORGANIZATION is often its team.
        if (it != by_key_.end() && clusters_[it->second].kb < 0) {
          c = it->second;
          a_.mentions[i].type = clusters_[c].type;
        }
      }
      join(i, c >= 0 ? c : new_cluster());
    }
    for (std::size_t i : deferred) {
      const Mention& m = a_.mentions[i];
      Info& inf = info_[i];
      int c = -1;
      if (m.type == "PERSON") {
        // The full name in this document whose surname this is; the nearest one before wins.
        int best_pos = -1;
        auto surname = full_names_by_surname_.find(inf.key);
        for (std::size_t j : surname == full_names_by_surname_.end() ? kNone : surname->second) {
          if (j == i || info_[j].cluster < 0) continue;
          int pos = static_cast<int>(a_.mentions[j].span.start);
          bool before = a_.mentions[j].span.start < m.span.start;
          int score = before ? pos : -pos - 1;  // before: the later the better; after: the earlier
          if (c < 0 || score > best_pos) {
            c = info_[j].cluster;
            best_pos = score;
          }
        }
        if (c < 0) c = find_by_key(i);
        if (c < 0) {
          // A first name alone ("Isabel" after "Isabel Ruiz"), when one full name of the document has it.
          int only = -1, count = 0;
          auto first = full_names_by_first_.find(inf.key);
          for (std::size_t j : first == full_names_by_first_.end() ? kNone : first->second) {
            if (j == i || info_[j].cluster < 0) continue;
            if (info_[j].cluster != only) ++count;
            only = info_[j].cluster;
          }
          if (count == 1) c = only;
        }
        if (c < 0) {
          // The same word named a place or an organisation elsewhere in the document: one reading wins.
          for (int g : {2, 1}) {
            auto it = by_key_.find({g, inf.key});
            if (it != by_key_.end() && c < 0) {
              c = it->second;
              a_.mentions[i].type = clusters_[c].type;
            }
          }
        }
        if (c < 0) {
          // A lone surname: link only when one KB person of that name holds a role at the document date.
          int only = -1, count = 0;
          for (const KbHit& h : kb_.lookup(inf.core)) {
            if (kb_.entry(h.entry).type != "PERSON") continue;
            auto codes = kb_.codes(h.entry);
            bool active = date_ != 0 && std::any_of(codes.begin(), codes.end(), [&](const KbCode& k) {
                            return (k.from || k.to) && k.valid_on(date_);
                          });
            if (active) {
              only = static_cast<int>(h.entry);
              ++count;
            }
          }
          if (count == 1) {
            inf.kb = only;
            auto it = by_kb_.find(only);
            if (it != by_kb_.end()) c = it->second;
          }
        }
      } else {
        // An acronym of a longer name in the document: "IS" for "Islamic State group".
        std::string acr = without_dots(std::string(a_.text(m.span)));
        auto named = multi_word_by_initials_.find(acr);
        if (named != multi_word_by_initials_.end() && named->second != i && info_[named->second].cluster >= 0)
          c = info_[named->second].cluster;
        if (c >= 0) a_.mentions[i].type = clusters_[c].type;
        if (c < 0) c = find_by_key(i);
      }
      join(i, c >= 0 ? c : new_cluster());
    }
  }

  int entity_for_kb(std::uint32_t k) {
    auto it = entity_by_kb_.find(static_cast<int>(k));
    if (it != entity_by_kb_.end()) return it->second;
    Entity e;
    fill_from_kb(e, k);
    a_.entities.push_back(std::move(e));
    int idx = static_cast<int>(a_.entities.size() - 1);
    entity_by_kb_[static_cast<int>(k)] = idx;
    entity_kb_.resize(a_.entities.size(), -1);
    entity_kb_[idx] = static_cast<int>(k);
    return idx;
  }

  void fill_from_kb(Entity& e, std::uint32_t k) {
    KbEntry entry = kb_.entry(k);
    e.kb_id = kb_.id(k);
    e.id = e.kb_id;
    e.name = std::string(entry.name);
    e.type = std::string(entry.type);
    e.country = std::string(entry.country);
    // The file stores float degrees; round to the 1e-5 degrees (about 1 m) the sources give.
    auto round5 = [](std::optional<double> v) -> std::optional<double> {
      if (!v) return v;
      return std::round(*v * 1e5) / 1e5;
    };
    e.latitude = round5(entry.latitude);
    e.longitude = round5(entry.longitude);
    for (const KbCode& c : kb_.codes(k)) {
      if (!c.valid_on(date_)) continue;
      std::string code(c.code);
      if (std::find(e.codes.begin(), e.codes.end(), code) == e.codes.end())
        e.codes.push_back(std::move(code));
    }
  }

  void build_entities() {
    a_.entities.clear();
    // Clusters in order of their first mention (mentions are sorted, clusters were made in order
    // except deferred ones).
    std::vector<int> order(clusters_.size());
    for (std::size_t c = 0; c < clusters_.size(); ++c) order[c] = static_cast<int>(c);
    auto first = [&](int c) {
      return *std::min_element(clusters_[c].mentions.begin(), clusters_[c].mentions.end());
    };
    std::sort(order.begin(), order.end(), [&](int x, int y) { return first(x) < first(y); });
    for (int c : order) {
      Cluster& cl = clusters_[c];
      // A cluster linked to the KB late (a deferred surname) may meet an earlier one with that link.
      int idx;
      if (cl.kb >= 0 && entity_by_kb_.count(cl.kb)) {
        idx = entity_by_kb_[cl.kb];
      } else {
        Entity e;
        if (cl.kb >= 0) {
          fill_from_kb(e, static_cast<std::uint32_t>(cl.kb));
        } else {
          // The longest name form, earliest on ties.
          std::size_t best = 0;
          for (int mi : cl.mentions) {
            const Mention& m = a_.mentions[mi];
            if (!m.role.empty()) continue;
            if (e.name.empty() || info_[mi].core.size() > best) {
              e.name = info_[mi].core;
              best = e.name.size();
            }
          }
          if (e.name.empty()) e.name = info_[cl.mentions.front()].core;
          e.type = cl.type;
          bool lone = e.type == "PERSON" && e.name.find(' ') == std::string::npos;
          e.id =
              entity_id(e.name, e.type,
                        lone ? std::string_view(a_.doc.id.empty() ? "doc" : a_.doc.id) : std::string_view());
        }
        a_.entities.push_back(std::move(e));
        idx = static_cast<int>(a_.entities.size() - 1);
        entity_kb_.resize(a_.entities.size(), -1);
        if (cl.kb >= 0) {
          entity_by_kb_[cl.kb] = idx;
          entity_kb_[idx] = cl.kb;
        }
      }
      for (int mi : cl.mentions) {
        a_.mentions[mi].entity = idx;
        a_.entities[idx].mentions.push_back(mi);
      }
    }
    // Aliases: the other name forms the text uses (not metonyms, not demonyms).
    for (Entity& e : a_.entities) {
      std::sort(e.mentions.begin(), e.mentions.end());
      std::vector<std::string> al;
      for (int mi : e.mentions) {
        const Mention& m = a_.mentions[mi];
        if (!m.role.empty() || m.kind != Mention::Kind::Name) continue;
        if (info_[mi].core != e.name) al.push_back(info_[mi].core);
      }
      std::sort(al.begin(), al.end());
      al.erase(std::unique(al.begin(), al.end()), al.end());
      e.aliases = std::move(al);
    }
    // Containment from the KB. The direct container of a named place that is not a country is
    // added when the text does not name it (a city's country); containers of containers only link.
    const std::size_t named = a_.entities.size();
    for (std::size_t i = 0; i < a_.entities.size(); ++i) {
      int k = i < entity_kb_.size() ? entity_kb_[i] : -1;
      if (k < 0) continue;
      KbEntry entry = kb_.entry(static_cast<std::uint32_t>(k));
      if (entry.parent < 0) continue;
      int p = -1;
      if (auto it = entity_by_kb_.find(entry.parent); it != entity_by_kb_.end()) {
        p = it->second;
      } else if (i < named && !entry.has(KbEntry::kCountry)) {
        p = entity_for_kb(static_cast<std::uint32_t>(entry.parent));
      }
      if (p >= 0 && p != static_cast<int>(i)) a_.entities[i].part_of = p;
    }
  }

  struct Cluster {
    std::vector<int> mentions;
    std::string type;
    int kb = -1;
    bool multi = false;
  };

  Analysis& a_;
  const KnowledgeBase& kb_;
  std::uint32_t date_;
  std::vector<char> initial_;
  std::unordered_set<std::string_view> capitalised_inside_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> core_;  // per mention: core token range
  std::unordered_set<std::string> place_keys_;                 // names the recogniser typed as places
  std::vector<Info> info_;
  std::vector<Cluster> clusters_;
  std::map<std::pair<int, std::string>, int> by_key_;
  // index_full_names(): mention indexes, ascending.
  std::unordered_map<std::string, std::vector<std::size_t>> full_names_by_surname_, full_names_by_first_;
  std::unordered_map<std::string, std::size_t> multi_word_by_initials_;
  static inline const std::vector<std::size_t> kNone{};
  std::unordered_map<int, int> by_kb_;
  std::map<int, int> entity_by_kb_;
  std::vector<int> entity_kb_;  // entity index -> KB entry, -1 when unlinked
};

}  // namespace

std::string entity_id(std::string_view name, std::string_view type, std::string_view scope) {
  std::uint64_t h = fnv1a64(normalize_key(name));
  h = fnv1a64("|", h);
  h = fnv1a64(type, h);
  if (!scope.empty()) {
    h = fnv1a64("|", h);
    h = fnv1a64(scope, h);
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "h:%016llx", static_cast<unsigned long long>(h));
  return buf;
}

void resolve_entities(Analysis& a, const KnowledgeBase& kb) { Resolver(a, kb).run(); }

}  // namespace chronicle
