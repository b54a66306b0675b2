// Event extraction over the UD parse. See events.h for what it does.
//
// Method. Per sentence: (1) the TimeML classifier and the CAMEO lexicon pick
// the trigger tokens; (2) light-verb constructions are found and read through;
// (3) for each trigger the dependency tree gives its subjects (own, else the
// controller's: xcomp takes the governor's object or subject, conj / advcl /
// participles the governor's subject, relative clauses the modified noun),
// objects and prepositional roles; each argument head becomes an entity via
// the mention covering it, else a name among its close dependents
// (compound, flat, appos, possessor, of-phrase, demonym), else pronoun or
// description resolution; (4) time, polarity, modality and source.
// Everything is a function of the Analysis: no state survives a call.
#include "extract/events.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <map>
#include <optional>
#include <span>

#include "core/literal.h"
#include "core/model_file.h"
#include "extract/event_classifier.h"
#include "extract/event_lexicon.h"
#include "extract/timex.h"
#include "extract/wordnet_lexnames.h"

namespace chronicle {

namespace {

constexpr std::string_view kModelKind = "events";
constexpr std::uint32_t kModelVersion = 2;  // 2: WordNet verb ancestors

// ---- closed-class knowledge (general English, not data-specific) ----------

// One compare of sizes, then of a few bytes, per literal (equals_literal), in place: a search of
// an initializer_list of string_views went through out-of-line find and compare calls.
template <std::size_t... N>
bool in(std::string_view w, const char (&... set)[N]) {
  return (equals_literal(w, set) || ...);
}

// Verbs of saying/reporting as a linguistic class.
bool reporting_lemma(std::string_view l) {
  return in(l, "say", "tell", "state", "add", "note", "claim", "insist", "admit", "report", "announce",
            "declare", "deny", "warn", "explain", "write", "argue", "acknowledge", "confirm", "assert",
            "reply", "comment", "remark", "stress", "suggest", "allege", "maintain", "contend", "predict");
}
bool negator(std::string_view w) { return in(w, "not", "n't", "never", "no"); }
bool modal(std::string_view w) {
  return in(w, "may", "might", "would", "could", "should", "must", "can", "will", "shall", "ought", "'d",
            "'ll");
}
bool location_prep(std::string_view w) {
  return in(w, "in", "at", "over", "near", "off", "on", "inside", "outside", "across", "throughout", "around",
            "within", "into", "towards", "toward", "along", "from", "beyond", "above", "under", "between",
            "among", "through");
}
bool place_type(std::string_view t) {
  return equals_literal(t, "GPE") || equals_literal(t, "LOCATION") || equals_literal(t, "FACILITY");
}
// Generic nouns that refer back to a place ("the city").
bool place_noun(std::string_view l) {
  return in(l, "city", "town", "country", "nation", "state", "capital", "region", "province", "village",
            "territory", "area", "republic", "kingdom");
}
// Generic nouns that refer back to a person ("the Syrian leader").
bool person_noun(std::string_view l) {
  return in(l, "leader", "president", "minister", "premier", "ruler", "king", "queen", "chancellor",
            "dictator", "spokesman", "spokeswoman", "official", "commander", "general", "chief", "man",
            "woman");
}
// Light verbs: little meaning of their own; the event is their object.
bool light_verb(std::string_view l) {
  return in(l, "make", "give", "take", "have", "do", "deal", "carry", "conduct", "stage", "mount", "deliver",
            "play");
}
// A few fixed light-verb + noun pairs whose reading is a different verb.
std::string_view light_reading(std::string_view verb, std::string_view noun) {
  struct Pair {
    std::string_view verb, noun, reading;
  };
  static constexpr Pair kPairs[] = {
      {"deal", "blow", "strike"},     {"deliver", "blow", "strike"},  {"strike", "blow", "strike"},
      {"take", "control", "control"}, {"give", "support", "support"}, {"pay", "visit", "visit"},
      {"take", "power", "take"},
  };
  for (const auto& p : kPairs)
    if (p.verb == verb && p.noun == noun) return p.reading;
  return {};
}
// "play a role in X", "take part in X": X is the event.
bool role_noun(std::string_view l) { return in(l, "role", "part"); }

// CAMEO root 17, "coerce" (seize or damage property, sanctions, arrest and detain, expel, ...).
// Like every CAMEO code it names what a source does to a target: a verb whose dictionary default
// is a coercion, with an abstract object and no actor to act on ("holds 5 pct", "curb spending",
// "vetoed the bill"), coerces nobody and gets no code (PETRARCH codes nothing without a target).
constexpr int kCoerceRoot = 17;
// WordNet noun files of abstractions, holdings and amounts, as against people, groups, places,
// artifacts and substances.
bool abstract_lexfile(std::uint8_t f) {
  using namespace wordnet;
  for (Lexname abstract :
       {kNounAct, kNounAttribute, kNounCognition, kNounCommunication, kNounEvent, kNounPossession,
        kNounProcess, kNounQuantity, kNounRelation, kNounState, kNounTime})
    if (f == abstract) return true;
  return false;
}
// CAMEO 010, "make statement, not specified below".
constexpr std::string_view kStatementCode = "010";
// CAMEO's material quad classes (cooperation 2, conflict 4), as against verbal ones (1, 3).
bool material(std::string_view code) {
  const int q = cameo_root(code).quad_class;
  return q == 2 || q == 4;
}

// std::tolower in the C locale (the only one Chronicle runs in: it never calls setlocale),
// without a library call per byte (every token of every argument sentence comes here).
std::string lowercase(std::string_view s) {
  std::string o(s);
  for (char& c : o)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return o;
}

// The DCT as a TIMEX3 date (no time of day: events are dated to the day).
std::string date_value(const TimePoint& t) {
  char buf[16];
  int y = std::clamp(t.year, 0, 9999);
  if (t.granularity == TimePoint::Granularity::Year)
    std::snprintf(buf, sizeof buf, "%04d", y);
  else if (t.granularity == TimePoint::Granularity::Month)
    std::snprintf(buf, sizeof buf, "%04d-%02u", y, t.month % 13);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, t.month % 13, t.day % 32);
  return buf;
}

std::string_view base_rel(std::string_view r) { return r.substr(0, r.find(':')); }

// The lemma events work with: the tagger's, else the lexicon's base form.
std::string event_lemma(const Token& t, const std::string& lower, const EventLexicon& lex) {
  if (!t.lemma.empty()) return lowercase(t.lemma);
  bool noun = t.upos == "NOUN" || t.upos == "PROPN";
  std::string b = lex.base_form(lower, noun ? WordClass::Noun : WordClass::Verb);
  if (b.empty()) b = lex.base_form(lower, noun ? WordClass::Verb : WordClass::Noun);
  return b.empty() ? lower : b;
}

// Pronouns resolve_pronoun() resolves, by the agreement they ask for.
bool person_pronoun(std::string_view w) {
  return in(w, "he", "him", "his", "she", "her", "himself", "herself");
}
bool thing_pronoun(std::string_view w) { return in(w, "it", "its", "itself"); }
bool plural_pronoun(std::string_view w) { return in(w, "they", "them", "their"); }

// ---- per-document work ----------------------------------------------------

struct Arg {
  std::string role;
  int token = -1;
  int mention = -1;
  int entity = -1;
};

class Work {
 public:
  // `words`: the caller's cache of what the lexicon says about words (this document's own when null).
  Work(Analysis& a, const EventLexicon& lex, const EventClassifier& clf, LexiconCache* words = nullptr)
      : a_(a), lex_(lex), clf_(clf), words_(words ? *words : own_words_) {}
  // Events of the sentences s with which[s] set (all when `which` is null).
  void run(const std::vector<std::uint8_t>* which = nullptr);

 private:
  // token helpers
  const Token& tok(int i) const { return a_.tokens[static_cast<std::size_t>(i)]; }
  std::string_view rel(int i) const { return tok(i).deprel; }
  std::string_view brel(int i) const { return base_rel(tok(i).deprel); }
  const std::string& low(int i) const { return lower_[static_cast<std::size_t>(i)]; }
  const std::string& lem(int i) const { return lemma_[static_cast<std::size_t>(i)]; }
  std::string_view upos(int i) const { return tok(i).upos; }
  int head(int i) const { return head_[static_cast<std::size_t>(i)]; }
  std::span<const int> kids(int i) const {
    const std::size_t k = static_cast<std::size_t>(i);
    return {kids_.data() + kid_start_[k], kids_.data() + kid_start_[k + 1]};
  }
  bool parsed() const { return parsed_; }
  // The classifier's weight for the word itself (else for its lemma) argues clearly against an
  // event. Measured on 1,500 Reuters stories: the nouns TimeBank names often and never as events
  // lean -2.5 to -3.7 ("government", "administration", "management", "trade", "holding"); event
  // nouns the classifier merely missed in context lean above -2 ("death" -1.9, "destruction" -0.5).
  bool word_says_no_event(int i) const {
    float lean = clf_.word_event_lean(low(i));
    if (lean == 0.0f) lean = clf_.word_event_lean(lem(i));
    return lean < -2.0f;
  }
  // Attached as a preposition or conjunction, with no dependents of a verb (a verb the parser
  // misread as a marker keeps its object: "did see Russia claim").
  bool used_as_function_word(int i) const {
    if (!in(brel(i), "case", "mark", "fixed")) return false;
    for (int k : kids(i))
      if (!in(brel(k), "fixed", "punct", "advmod")) return false;
    return true;
  }
  // The verb's object (a passive's subject) is a holding, an amount or an abstraction: "holds 5
  // pct", "took a stake", "the election was held".
  bool abstract_object(int p) const {
    for (int k : kids(p)) {
      if (!equals_literal(rel(k), "obj") && !equals_literal(rel(k), "nsubj:pass")) continue;
      if (!equals_literal(upos(k), "NOUN")) return false;  // a name, a pronoun: maybe an actor
      const WordClass* wc = lex_.word_class(lem(k));
      const std::uint8_t file = wc ? wc->noun_lexfile : 0;
      if (file == wordnet::kNounPerson || file == wordnet::kNounGroup)
        return false;  // "arrested four industrialists"
      for (int c : kids(k))
        if (equals_literal(brel(c), "nummod")) return true;  // an amount: "5 pct", "1.2 mln shares"
      return abstract_lexfile(file);
    }
    return false;
  }
  // An actor the event acts on: a patient or a party ("imposed duties on Japan").
  static bool has_target(const Event& ev) {
    for (const Argument& x : ev.arguments)
      if (x.role != "agent" && x.role != "location" && x.role != "source") return true;
    return false;
  }
  // The event's type: its CAMEO root's name, else the WordNet verb file of the verb, else its
  // TimeML class.
  void set_type(Event& ev, const std::string& cameo_verb) const {
    if (!ev.cameo.empty()) {
      CameoRoot r = cameo_root(ev.cameo);
      ev.type = std::string(r.name);
      ev.quad_class = r.quad_class;
      ev.goldstein = r.goldstein;
      return;
    }
    const WordClass* wc = lex_.word_class(cameo_verb.empty() ? ev.lemma : cameo_verb);
    if (wc && wc->verb_lexfile) ev.type = std::string(wordnet::verb_lexname(wc->verb_lexfile));
    if (ev.type.empty()) ev.type = ev.timeml_class;
  }
  // A reporting verb without an object: "..., it added", "he added that ...". (The clause it
  // reports is often parsed as an adverbial clause or not attached at all.)
  bool speech_use(int i, int event_class) const {
    return kEventClasses[static_cast<std::size_t>(event_class)] == "REPORTING" && parsed() &&
           child_base(i, "obj") < 0 && child_base(i, "iobj") < 0;
  }
  int child(int i, std::string_view r) const {
    for (int k : kids(i))
      if (rel(k) == r) return k;
    return -1;
  }
  int child_base(int i, std::string_view r) const {
    for (int k : kids(i))
      if (brel(k) == r) return k;
    return -1;
  }
  std::string case_of(int i) const {
    for (int k : kids(i))
      if (equals_literal(brel(k), "case")) return low(k);
    return {};
  }
  std::string mark_of(int i) const {
    for (int k : kids(i))
      if (equals_literal(brel(k), "mark")) return low(k);
    return {};
  }
  bool passive(int p) const {
    for (int k : kids(p))
      if (equals_literal(rel(k), "nsubj:pass") || equals_literal(rel(k), "aux:pass") ||
          equals_literal(rel(k), "csubj:pass"))
        return true;
    return false;
  }
  bool pronoun(int i) const {
    return equals_literal(upos(i), "PRON") ||
           in(low(i), "he", "she", "it", "they", "him", "her", "them", "his", "its", "their");
  }

  // A name fused into a modifier by a hyphen ("the Houston-based company", "U.S.-made cars",
  // "a CDU-led coalition") says where the referent is based or made or who leads it, not who
  // the referent is: the company that said something is not Houston.
  bool hyphenated_modifier(int m) const {
    const Mention& mm = a_.mentions[static_cast<std::size_t>(m)];
    // Names of people keep their hyphens ("Li Ka-shing", "Chang Chi-cheng").
    if (mm.entity < 0 || a_.entities[static_cast<std::size_t>(mm.entity)].type == "PERSON") return false;
    std::string_view t = a_.text(mm.span);
    std::size_t dash = t.rfind('-');
    if (dash == std::string_view::npos || dash == 0 || dash + 3 > t.size()) return false;
    for (char c : t.substr(dash + 1))
      if (c < 'a' || c > 'z') return false;
    return true;
  }

  void prepare();
  void sentence(std::size_t s);
  std::vector<int> subjects(int p, int depth) const;
  void add_with_conj(std::vector<int>& out, int h) const;
  std::optional<Arg> resolve(int h, bool allow_possessor, int pred) const;
  int entity_from_mention(int m) const;
  int resolve_pronoun(int h, int pred) const;
  // Index into mentions_by_start_ of the first mention in sentence `sn` or later.
  std::size_t first_mention_from(int sn) const {
    if (sn <= 0) return 0;
    if (static_cast<std::size_t>(sn) >= sentence_first_mention_.size()) return mentions_by_start_.size();
    return sentence_first_mention_[static_cast<std::size_t>(sn)];
  }
  int resolve_description(int h) const;
  int time_of(int p) const;
  // True when the time at token `x` is the date of a thing, not of an event: it modifies,
  // before it, a noun that is no event and not `p` ("breaching the 1972 treaty"), where
  // "the 1999 destruction" and "the March 5 meeting" date events.
  bool dates_a_thing(int x, int p) const;
  void collect_places(int h, int depth, std::vector<Arg>& out) const;

  Analysis& a_;
  const EventLexicon& lex_;
  const EventClassifier& clf_;
  bool parsed_ = false;
  std::vector<std::string> lower_, lemma_;
  // Dependents of each token, in token order: those of token i are
  // kids_[kid_start_[i] .. kid_start_[i + 1]) (one array for the document,
  // not a vector per token).
  std::vector<int> kids_;
  std::vector<std::size_t> kid_start_;
  std::vector<int> head_;  // sanitised: -1 for the root and for heads out of range or in a cycle
  std::vector<int> tok_mention_, tok_time_, tok_sentence_;
  std::vector<std::uint8_t> usable_;   // mention within the tokens, entity within the entities
  std::vector<int> light_controller_;  // token -> light verb whose subject it takes
  std::vector<std::uint8_t> suppressed_;
  std::vector<int> event_of_token_;
  std::vector<std::uint8_t> trigger_;  // token is an event's trigger (set a sentence at a time)
  std::vector<int> time_token_;        // time -> its first token, -1 when it covers none
  // Usable mentions by first token (ties in mention order), and the index of the first
  // of them in each sentence: antecedents are looked for a few sentences back only.
  std::vector<int> mentions_by_start_;
  std::vector<std::size_t> sentence_first_mention_;
  // Per entity, the end tokens (ascending) of its mentions a definite description
  // may refer back to: as a place (no role such as demonym) and as a person.
  std::vector<std::vector<std::uint32_t>> place_mention_ends_, person_mention_ends_;
  LexiconCache own_words_;
  LexiconCache& words_;  // words looked up once: this document's, or the caller's across documents
};

void Work::prepare() {
  const std::size_t n = a_.tokens.size();
  lower_.resize(n);
  lemma_.resize(n);
  tok_mention_.assign(n, -1);
  tok_time_.assign(n, -1);
  tok_sentence_.assign(n, -1);
  light_controller_.assign(n, -1);
  suppressed_.assign(n, 0);
  event_of_token_.assign(n, -1);
  trigger_.assign(n, 0);
  time_token_.assign(a_.times.size(), -1);
  for (std::size_t i = 0; i < n; ++i) {
    const Token& t = a_.tokens[i];
    if (!t.deprel.empty()) parsed_ = true;
    lower_[i] = lowercase(a_.text(t));
    lemma_[i] = event_lemma(t, lower_[i], lex_);
  }
  // Heads: a malformed parse (out of range, cycles) must not send a walk up
  // the tree astray, so every head chain is checked to reach a root.
  head_.assign(n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    int h = a_.tokens[i].head;
    if (h >= 0 && static_cast<std::size_t>(h) < n && h != static_cast<int>(i)) head_[i] = h;
  }
  for (std::size_t i = 0; i < n; ++i) {
    int x = static_cast<int>(i);
    std::size_t steps = 0;
    while (x >= 0 && steps <= n) x = head_[static_cast<std::size_t>(x)], ++steps;
    if (x >= 0) head_[i] = -1;  // on a cycle: cut it here
  }
  // Count each head's dependents, then place them in token order.
  kid_start_.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i)
    if (head_[i] >= 0) ++kid_start_[static_cast<std::size_t>(head_[i]) + 1];
  for (std::size_t i = 0; i < n; ++i) kid_start_[i + 1] += kid_start_[i];
  kids_.resize(kid_start_[n]);
  {
    std::vector<std::size_t> next(kid_start_.begin(), kid_start_.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
      if (head_[i] >= 0) kids_[next[static_cast<std::size_t>(head_[i])]++] = static_cast<int>(i);
  }
  for (std::size_t s = 0; s < a_.sentences.size(); ++s)
    for (std::uint32_t i = a_.sentences[s].first_token; i < a_.sentences[s].end_token && i < n; ++i)
      tok_sentence_[i] = static_cast<int>(s);
  usable_.assign(a_.mentions.size(), 0);
  for (std::size_t m = 0; m < a_.mentions.size(); ++m) {
    const Mention& mm = a_.mentions[m];
    usable_[m] = mm.first_token < mm.end_token && mm.end_token <= n && mm.entity >= 0 &&
                 static_cast<std::size_t>(mm.entity) < a_.entities.size();
    if (!usable_[m]) continue;
    for (std::uint32_t i = mm.first_token; i < mm.end_token; ++i) {
      int& cur = tok_mention_[i];
      // The narrowest mention wins: "Turkey" inside "Turkey's Recep Tayyip Erdogan" is its own.
      if (cur < 0 ||
          mm.end_token - mm.first_token < a_.mentions[static_cast<std::size_t>(cur)].end_token -
                                              a_.mentions[static_cast<std::size_t>(cur)].first_token)
        cur = static_cast<int>(m);
    }
  }
  mentions_by_start_.clear();
  for (std::size_t m = 0; m < a_.mentions.size(); ++m)
    if (usable_[m]) mentions_by_start_.push_back(static_cast<int>(m));
  std::stable_sort(mentions_by_start_.begin(), mentions_by_start_.end(), [&](int x, int y) {
    return a_.mentions[static_cast<std::size_t>(x)].first_token <
           a_.mentions[static_cast<std::size_t>(y)].first_token;
  });
  sentence_first_mention_.assign(a_.sentences.size() + 1, mentions_by_start_.size());
  for (std::size_t k = mentions_by_start_.size(); k-- > 0;) {
    const int ms = tok_sentence_[a_.mentions[static_cast<std::size_t>(mentions_by_start_[k])].first_token];
    if (ms >= 0) sentence_first_mention_[static_cast<std::size_t>(ms)] = k;
  }
  place_mention_ends_.assign(a_.entities.size(), {});
  person_mention_ends_.assign(a_.entities.size(), {});
  for (int m : mentions_by_start_) {
    const Mention& mm = a_.mentions[static_cast<std::size_t>(m)];
    const Entity& e = a_.entities[static_cast<std::size_t>(mm.entity)];
    if (place_type(e.type) && mm.role.empty())
      place_mention_ends_[static_cast<std::size_t>(mm.entity)].push_back(mm.end_token);
    if (e.type == "PERSON") person_mention_ends_[static_cast<std::size_t>(mm.entity)].push_back(mm.end_token);
  }
  for (auto* lists : {&place_mention_ends_, &person_mention_ends_})
    for (auto& v : *lists) std::sort(v.begin(), v.end());
  // A sentence without mentions starts where the next one does.
  for (std::size_t sn = a_.sentences.size(); sn-- > 0;)
    sentence_first_mention_[sn] = std::min(sentence_first_mention_[sn], sentence_first_mention_[sn + 1]);
  // Tokens are in text order: the tokens a time overlaps are found by binary search
  // (a scan of every token per time was quadratic on long documents).
  for (std::size_t t = 0; t < a_.times.size(); ++t) {
    const Span sp = a_.times[t].span;
    auto first = std::partition_point(a_.tokens.begin(), a_.tokens.end(),
                                      [&](const Token& tk) { return tk.span.end <= sp.start; });
    for (auto it = first; it != a_.tokens.end() && it->span.start < sp.end; ++it) {
      const std::size_t i = static_cast<std::size_t>(it - a_.tokens.begin());
      if (it->span.start < sp.end && sp.start < it->span.end && tok_time_[i] < 0) {
        tok_time_[i] = static_cast<int>(t);
        if (time_token_[t] < 0) time_token_[t] = static_cast<int>(i);
      }
    }
  }
}

int Work::entity_from_mention(int m) const {
  if (m < 0 || !usable_[static_cast<std::size_t>(m)]) return -1;
  return a_.mentions[static_cast<std::size_t>(m)].entity;
}

// Most recent compatible mention before `h` (this and the two previous
// sentences), skipping the subjects of `pred` (a pronoun object does not
// corefer with its own clause's subject).
int Work::resolve_pronoun(int h, int pred) const {
  const std::string& w = low(h);
  bool person = person_pronoun(w);
  bool thing = thing_pronoun(w);
  bool plural = plural_pronoun(w);
  if (!person && !thing && !plural) return -1;
  std::vector<int> excluded;
  if (pred >= 0 && !equals_literal(brel(h), "nsubj") && !equals_literal(rel(h), "nsubj:pass"))
    for (int s : subjects(pred, 0)) excluded.push_back(s);
  // "X said it would ...": the subject of a clause completing a verb is that verb's subject
  // again, whatever was named in between ("The company, which has systems in Minnesota and
  // Wisconsin, said it retained advisers": "it" is the company, not Wisconsin). A named X is
  // the antecedent; an unnamed X's antecedent, and so the pronoun's, comes before X.
  int limit = h;
  if (pred >= 0 && head(h) == pred && equals_literal(brel(h), "nsubj") &&
      equals_literal(brel(pred), "ccomp") && head(pred) >= 0) {
    std::vector<int> outer = subjects(head(pred), 0);
    if (outer.size() == 1 && outer[0] < h && !pronoun(outer[0])) {
      const int x = outer[0];
      if (std::optional<Arg> a = resolve(x, false, head(pred)); a && a->mention >= 0) {
        const std::string& type = a_.entities[static_cast<std::size_t>(a->entity)].type;
        if ((person && type == "PERSON") || (!person && type != "PERSON")) return a->mention;
      } else {
        std::vector<int> stack{x};
        while (!stack.empty()) {  // the first token of X with everything it governs
          int t = stack.back();
          stack.pop_back();
          limit = std::min(limit, t);
          for (int k : kids(t)) stack.push_back(k);
        }
      }
    }
  }
  int s0 = tok_sentence_[static_cast<std::size_t>(h)];
  int best = -1;
  constexpr int kWindow = EventExtractor::kPronounWindow;
  for (std::size_t k = first_mention_from(s0 - kWindow); k < mentions_by_start_.size(); ++k) {
    const auto m = static_cast<std::size_t>(mentions_by_start_[k]);
    const Mention& mm = a_.mentions[m];
    if (static_cast<int>(mm.first_token) > limit) break;
    if (static_cast<int>(mm.end_token) > limit || mm.kind == Mention::Kind::Pronoun) continue;
    int ms = tok_sentence_[mm.first_token];
    if (s0 - ms > kWindow) continue;
    const std::string& type = a_.entities[static_cast<std::size_t>(mm.entity)].type;
    if (person && type != "PERSON") continue;
    if (thing && type == "PERSON") continue;
    if (plural && type == "PERSON") continue;
    if (mm.role == "demonym") continue;  // "Russian" is no antecedent of "it"
    if (hyphenated_modifier(static_cast<int>(m))) continue;
    bool skip = false;
    for (int e : excluded)
      if (e >= static_cast<int>(mm.first_token) && e < static_cast<int>(mm.end_token)) skip = true;
    if (skip) continue;
    if (best < 0 || mm.first_token > a_.mentions[static_cast<std::size_t>(best)].first_token)
      best = static_cast<int>(m);
  }
  return best;
}

// "the city" -> the most often mentioned place so far (in the last five
// sentences); "the leader" -> likewise among persons.
int Work::resolve_description(int h) const {
  const std::string& l = lem(h);
  bool place = place_noun(l), person = person_noun(l);
  if (!place && !person) return -1;
  bool definite = false;
  for (int k : kids(h))
    if (equals_literal(brel(k), "det") && in(low(k), "the", "this", "that")) definite = true;
  if (!definite) return -1;
  int s0 = tok_sentence_[static_cast<std::size_t>(h)];
  // The candidates: entities mentioned in the last five sentences, with their latest
  // such mention; the most often mentioned so far wins, then the latest.
  std::map<int, int> latest;  // entity -> its latest mention in the window
  constexpr int kWindow = EventExtractor::kDescriptionWindow;
  for (std::size_t k = first_mention_from(s0 - kWindow); k < mentions_by_start_.size(); ++k) {
    const int m = mentions_by_start_[k];
    const Mention& mm = a_.mentions[static_cast<std::size_t>(m)];
    if (static_cast<int>(mm.first_token) > h) break;
    if (static_cast<int>(mm.end_token) > h || s0 - tok_sentence_[mm.first_token] > kWindow) continue;
    const Entity& e = a_.entities[static_cast<std::size_t>(mm.entity)];
    if (place && (!place_type(e.type) || !mm.role.empty())) continue;
    if (person && e.type != "PERSON") continue;
    int& l = latest.try_emplace(mm.entity, -1).first->second;
    l = std::max(l, m);
  }
  const auto& ends = place ? place_mention_ends_ : person_mention_ends_;
  int best = -1;
  std::ptrdiff_t best_count = -1;
  for (const auto& [entity, m] : latest) {
    const auto& v = ends[static_cast<std::size_t>(entity)];
    const std::ptrdiff_t count =
        std::upper_bound(v.begin(), v.end(), static_cast<std::uint32_t>(h)) - v.begin();
    if (count > best_count || (count == best_count && m > best)) {
      best = m;
      best_count = count;
    }
  }
  return best;
}

// The entity an argument head stands for.
std::optional<Arg> Work::resolve(int h, bool allow_possessor, int pred) const {
  Arg arg;
  arg.token = h;
  int m = tok_mention_[static_cast<std::size_t>(h)];
  // A demonym at the head ("Russian" taken for the head of "Russian President Vladimir
  // Putin", a parse a tagger's ADJ invites) names an attribute, not the referent: a name
  // below it is the argument, and the demonym only when there is none.
  std::optional<Arg> demonym;
  if (m >= 0 && entity_from_mention(m) >= 0 && !hyphenated_modifier(m)) {
    arg.mention = m;
    arg.entity = entity_from_mention(m);
    if (a_.mentions[static_cast<std::size_t>(m)].role != "demonym") return arg;
    demonym = arg;
  }
  // A name among the close dependents, nearest level first. Within a level a
  // name that is the head itself ("the capital Grozny": appos, flat) beats one
  // that only modifies it ("Chechen capital": compound, amod), and a demonym
  // ("Russian") is the weakest, since it names an attribute, not the referent.
  std::vector<int> frontier{h};
  for (int depth = 0; depth < 2 && !frontier.empty(); ++depth) {
    std::vector<int> next;
    int best = -1, best_rank = 1 << 20;
    for (int x : frontier)
      for (int k : kids(x)) {
        std::string_view r = rel(k), b = brel(k);
        bool close = equals_literal(b, "compound") || equals_literal(b, "flat") ||
                     equals_literal(b, "appos") || equals_literal(b, "amod") ||
                     (equals_literal(b, "nmod") && !equals_literal(r, "nmod:poss") &&
                      equals_literal(case_of(k), "of")) ||
                     (allow_possessor && equals_literal(r, "nmod:poss"));
        if (!close) continue;
        next.push_back(k);
        int km = tok_mention_[static_cast<std::size_t>(k)];
        if (km < 0 || entity_from_mention(km) < 0 ||
            a_.mentions[static_cast<std::size_t>(km)].kind == Mention::Kind::Pronoun)
          continue;
        if (hyphenated_modifier(km)) continue;
        int rank = (equals_literal(b, "appos") || equals_literal(b, "flat"))
                       ? 0
                       : (equals_literal(b, "compound") ? 1 : 2);
        if (a_.mentions[static_cast<std::size_t>(km)].role == "demonym") rank += 3;
        if (rank < best_rank) {
          best_rank = rank;
          best = k;
        }
      }
    if (best >= 0 && !(demonym && best_rank >= 3)) {
      int km = tok_mention_[static_cast<std::size_t>(best)];
      arg.mention = km;
      arg.entity = entity_from_mention(km);
      arg.token = best;
      return arg;
    }
    frontier = std::move(next);
  }
  if (demonym) return demonym;
  if (pronoun(h)) {
    int pm = resolve_pronoun(h, pred);
    if (pm >= 0) {
      arg.mention = pm;
      arg.entity = entity_from_mention(pm);
      return arg;
    }
    return std::nullopt;
  }
  if (equals_literal(upos(h), "NOUN") || upos(h).empty()) {
    int dm = resolve_description(h);
    if (dm >= 0) {
      arg.mention = dm;
      arg.entity = entity_from_mention(dm);
      return arg;
    }
  }
  if (allow_possessor) {
    int poss = child(h, "nmod:poss");
    if (poss >= 0 && pronoun(poss)) {
      int pm = resolve_pronoun(poss, pred);
      if (pm >= 0) {
        arg.mention = pm;
        arg.entity = entity_from_mention(pm);
        return arg;
      }
    }
  }
  return std::nullopt;
}

void Work::add_with_conj(std::vector<int>& out, int h) const {
  out.push_back(h);
  for (int k : kids(h))
    if (equals_literal(brel(k), "conj")) add_with_conj(out, k);
}

// Subjects (agent heads) of predicate p, through control and coordination.
std::vector<int> Work::subjects(int p, int depth) const {
  std::vector<int> out;
  if (depth > 6) return out;
  const bool pass = passive(p);
  for (int k : kids(p)) {
    std::string_view r = rel(k);
    if (!pass && (equals_literal(r, "nsubj") || equals_literal(r, "csubj"))) add_with_conj(out, k);
    if (equals_literal(r, "obl:agent") ||
        (pass && equals_literal(brel(k), "obl") && equals_literal(case_of(k), "by")))
      add_with_conj(out, k);
    if (equals_literal(upos(p), "NOUN") && equals_literal(r, "nmod:poss")) add_with_conj(out, k);
    if (equals_literal(upos(p), "NOUN") && equals_literal(brel(k), "nmod") &&
        !equals_literal(r, "nmod:poss") && equals_literal(case_of(k), "by"))
      add_with_conj(out, k);
  }
  // A relative pronoun stands for the noun the clause modifies.
  for (int& s : out)
    if (equals_literal(rel(p), "acl:relcl") && in(low(s), "who", "which", "that", "whom") && head(p) >= 0)
      s = head(p);
  if (!out.empty()) return out;
  if (pass && child(p, "nsubj:pass") >= 0) return out;  // agentless passive
  if (light_controller_[static_cast<std::size_t>(p)] >= 0)
    return subjects(light_controller_[static_cast<std::size_t>(p)], depth + 1);
  int h = head(p);
  if (h < 0) return out;
  std::string_view r = rel(p), b = brel(p);
  if (equals_literal(b, "xcomp")) {
    int o = child(h, "obj");
    if (o >= 0 && o < p) {
      add_with_conj(out, o);
      return out;
    }
    return subjects(h, depth + 1);
  }
  if (equals_literal(b, "conj") || equals_literal(b, "advcl")) {
    if (equals_literal(upos(h), "VERB") || equals_literal(upos(h), "AUX") || upos(h).empty())
      return subjects(h, depth + 1);
    return out;
  }
  if (equals_literal(b, "acl")) {
    if (equals_literal(r, "acl:relcl")) {
      if (!pass) out.push_back(h);
      return out;
    }
    // "advisors supporting Assad's forces": an active participle's subject is the noun.
    if (tok(p).xpos != "VBN" && !pass) out.push_back(h);
    return out;
  }
  return out;
}

// Places below an argument ("in the skies over Syria", "its Aleppo strikes").
void Work::collect_places(int h, int depth, std::vector<Arg>& out) const {
  if (depth > 3) return;
  for (int k : kids(h)) {
    std::string_view b = brel(k);
    bool prep =
        (equals_literal(b, "nmod") && !equals_literal(rel(k), "nmod:poss")) || equals_literal(b, "obl");
    const std::string c = prep ? case_of(k) : std::string();
    // "control of the bastion in the east of the city": of-phrases are looked through.
    if (!(prep && (c == "of" || location_prep(c))) && !equals_literal(b, "compound")) continue;
    auto r = resolve(k, false, -1);
    if (r && place_type(a_.entities[static_cast<std::size_t>(r->entity)].type) &&
        (r->mention < 0 || a_.mentions[static_cast<std::size_t>(r->mention)].role.empty())) {
      r->role = "location";
      out.push_back(*r);
      continue;
    }
    if (!equals_literal(b, "compound")) collect_places(k, depth + 1, out);
  }
}

// The time attached to p in the parse: a DATE/TIME among its dependents.
bool Work::dates_a_thing(int x, int p) const {
  const int t = tok_time_[static_cast<std::size_t>(x)];
  if (t < 0 || !parsed()) return false;
  while (head(x) >= 0 && tok_time_[static_cast<std::size_t>(head(x))] == t) x = head(x);
  int h = head(x);
  // "the 1972 Anti-Ballistic Missile treaty": the noun the time dates heads the compound.
  while (h >= 0 && h != p && equals_literal(brel(h), "compound") && head(h) > h) h = head(h);
  if (h < 0 || h == p || h < x || trigger_[static_cast<std::size_t>(h)]) return false;
  if (!equals_literal(upos(h), "NOUN") && !equals_literal(upos(h), "PROPN")) return false;
  const std::string_view b = brel(x);
  if (!(equals_literal(b, "nummod") || equals_literal(b, "amod") || equals_literal(b, "compound") ||
        equals_literal(rel(x), "nmod:poss")))
    return false;
  // Only nouns of documents, rules, plans, bodies and people (WordNet's first noun sense):
  // "the 1972 treaty", "the 1978 law", "1988 contenders". A measure's period dates the
  // change of the measure: "third-quarter profits rose", "a drop in January shipments".
  const WordClass* wc = lex_.word_class(lowercase(lem(h)));
  if (!wc) return false;
  using namespace wordnet;
  const std::uint8_t f = wc->noun_lexfile;
  return f == kNounCognition || f == kNounCommunication || f == kNounGroup || f == kNounPerson;
}

int Work::time_of(int p) const {
  for (int k : kids(p)) {
    std::string_view b = brel(k);
    // A "when" clause anchors its governor too ("approaches ... when he takes power in January").
    bool when_clause = false;
    if (equals_literal(b, "advcl"))
      for (int c : kids(k))
        if ((equals_literal(brel(c), "advmod") || equals_literal(brel(c), "mark")) &&
            (equals_literal(low(c), "when") || equals_literal(low(c), "as")))
          when_clause = true;
    if (!(equals_literal(b, "obl") || equals_literal(b, "nmod") || equals_literal(b, "advmod") ||
          equals_literal(b, "nummod") || equals_literal(b, "obj") || equals_literal(b, "compound") ||
          equals_literal(b, "appos") || when_clause))
      continue;
    if (equals_literal(b, "nmod") && equals_literal(rel(k), "nmod:poss")) continue;
    // the dependent itself or a word of its phrase
    std::vector<int> stack{k};
    int depth = 0;
    while (!stack.empty() && depth < 12) {
      int x = stack.back();
      stack.pop_back();
      ++depth;
      int t = tok_time_[static_cast<std::size_t>(x)];
      if (t >= 0 &&
          (a_.times[static_cast<std::size_t>(t)].type == "DATE" ||
           a_.times[static_cast<std::size_t>(t)].type == "TIME") &&
          !dates_a_thing(x, p))
        return t;
      for (int c : kids(x))
        if (!equals_literal(brel(c), "acl") && !equals_literal(brel(c), "advcl") &&
            !equals_literal(brel(c), "conj"))
          stack.push_back(c);
    }
  }
  return -1;
}

struct Candidate {
  int token;
  int cls;  // TimeML class index
  std::string lemma;
  std::string cameo_verb;  // verb whose CAMEO code applies
};

void Work::sentence(std::size_t s) {
  const Sentence& sent = a_.sentences[s];
  const int b = static_cast<int>(sent.first_token),
            e = static_cast<int>(std::min<std::size_t>(sent.end_token, a_.tokens.size()));
  if (e <= b) return;
  std::vector<std::string_view> words;
  for (int i = b; i < e; ++i) words.push_back(a_.text(tok(i)));
  std::vector<std::uint8_t> cls;
  // With tags, only content words can be triggers: the rest is not scored.
  // Without tags, words that start with a letter.
  std::vector<std::uint8_t> open_class(words.size(), 1);
  for (int i = b; i < e; ++i) {
    std::string_view up = upos(i), w = words[static_cast<std::size_t>(i - b)];
    bool word = !w.empty() && (std::isalpha(static_cast<unsigned char>(w[0])) || (w[0] & 0x80));
    open_class[static_cast<std::size_t>(i - b)] =
        up.empty() ? word
                   : (equals_literal(up, "VERB") || equals_literal(up, "NOUN") || equals_literal(up, "ADJ"));
  }
  if (!clf_.empty()) {
    std::vector<ClassifierToken> toks = prepare_tokens(words, lex_, &words_);
    add_syntax(toks, a_, static_cast<std::size_t>(b));
    cls = clf_.classify(toks, &open_class);
  } else
    cls.assign(words.size(), 0);

  // Light verbs first: they decide which tokens are events and whose subject flows where.
  std::vector<std::string> reading(static_cast<std::size_t>(e - b));
  for (int i = b; i < e && parsed(); ++i) {
    if (!equals_literal(upos(i), "VERB") || !light_verb(lem(i))) continue;
    int o = child(i, "obj");
    if (o < 0) continue;
    if (role_noun(lem(o))) {
      // "play a role in X-ing": X takes the light verb's subject; the light verb is no event.
      // The in-phrase may hang on the noun or on the verb.
      std::vector<int> cand(kids(o).begin(), kids(o).end());
      for (int k : kids(i))
        if (equals_literal(brel(k), "advcl") || equals_literal(brel(k), "obl")) cand.push_back(k);
      for (int k : cand) {
        if ((equals_literal(brel(k), "acl") || equals_literal(brel(k), "nmod") ||
             equals_literal(brel(k), "advcl") || equals_literal(brel(k), "obl")) &&
            (equals_literal(case_of(k), "in") || equals_literal(mark_of(k), "in")) &&
            (equals_literal(upos(k), "VERB") || equals_literal(upos(k), "NOUN"))) {
          light_controller_[static_cast<std::size_t>(k)] = i;
          suppressed_[static_cast<std::size_t>(i)] = 1;
          suppressed_[static_cast<std::size_t>(o)] = 1;
        }
      }
      continue;
    }
    std::string_view fixed = light_reading(lem(i), lem(o));
    std::string_view from_noun = lex_.noun_verb(lem(o));
    const WordClass* wc = lex_.word_class(lem(o));
    bool event_noun = (o - b >= 0 && cls[static_cast<std::size_t>(o - b)] != 0) || (wc && wc->event_noun);
    if (!fixed.empty()) {
      reading[static_cast<std::size_t>(i - b)] = std::string(fixed);
      suppressed_[static_cast<std::size_t>(o)] = 1;
    } else if (event_noun && !from_noun.empty() && !equals_literal(lem(i), "play")) {
      reading[static_cast<std::size_t>(i - b)] = std::string(from_noun);
      suppressed_[static_cast<std::size_t>(o)] = 1;
    }
  }

  std::vector<Candidate> cands;
  for (int i = b; i < e; ++i) {
    if (suppressed_[static_cast<std::size_t>(i)]) continue;
    int c = cls[static_cast<std::size_t>(i - b)];
    std::string_view up = upos(i);
    const std::string& l = lem(i);
    Candidate cd{i, c, l, {}};
    if (!reading[static_cast<std::size_t>(i - b)].empty()) {
      cd.lemma = reading[static_cast<std::size_t>(i - b)];
      cd.cameo_verb = cd.lemma;
      if (!cd.cls) cd.cls = 1;
    } else if (equals_literal(up, "VERB")) {
      if (!c && !lex_.has_verb(l) && !clf_.empty()) continue;
      if (in(l, "be", "have", "do", "get", "seem", "appear", "become") && !c) continue;
      // A verb the parse uses as a preposition or conjunction ("according to witnesses",
      // "following the attack", "including two children") reports no action of its own: TimeML
      // may still call it an event, but no CAMEO code applies.
      if (!used_as_function_word(i)) cd.cameo_verb = l;
    } else if (equals_literal(up, "NOUN")) {
      std::string_view v = lex_.noun_verb(l);
      const WordClass* wc = lex_.word_class(l);
      // A noun whose verb has a CAMEO code is an event even when the classifier missed it
      // ("the shelling"), unless the classifier's weight for the word itself says clearly no:
      // TimeBank never annotates "government" or "management", which WordNet also files as acts.
      bool coded = !v.empty() && lex_.coded_alone(v) && wc && wc->event_noun;
      if (!c && (!coded || word_says_no_event(i))) continue;
      cd.cameo_verb = std::string(v);
    } else if (up.empty()) {
      if (!c) continue;
      cd.cameo_verb = lex_.has_verb(l) ? l : std::string(lex_.noun_verb(l));
    } else if (equals_literal(up, "AUX") || equals_literal(up, "PROPN") || equals_literal(up, "PRON") ||
               equals_literal(up, "DET") || equals_literal(up, "ADP") || equals_literal(up, "PUNCT") ||
               equals_literal(up, "NUM") || equals_literal(up, "CCONJ") || equals_literal(up, "SCONJ") ||
               equals_literal(up, "PART")) {
      continue;
    } else if (!c) {
      continue;
    }
    if (!cd.cls) cd.cls = reporting_lemma(cd.lemma) ? 2 : 1;
    if (reporting_lemma(cd.lemma) && (equals_literal(up, "VERB") || up.empty())) cd.cls = 2;
    cands.push_back(std::move(cd));
  }

  for (const Candidate& cd : cands) trigger_[static_cast<std::size_t>(cd.token)] = 1;
  for (const Candidate& cd : cands) {
    const int p = cd.token;
    Event ev;
    ev.trigger = static_cast<std::uint32_t>(p);
    ev.span = tok(p).span;
    ev.lemma = cd.lemma;
    ev.timeml_class = std::string(kEventClasses[static_cast<std::size_t>(cd.cls)]);
    ev.sentence = static_cast<std::uint32_t>(s);
    if (!cd.cameo_verb.empty()) {
      std::vector<std::string_view> following;
      for (int k = p + 1; k < e && following.size() < 8; ++k) following.push_back(low(k));
      ev.cameo = lex_.cameo_code(cd.cameo_verb, following);
      // A speech verb used as speech ("..., it added"; "officials added that ...") states something:
      // the material reading of its dictionary group (ADD and ACCORD sit under GRANT) needs an object
      // it does not have. A pattern that matched the following words still wins.
      if (speech_use(p, cd.cls) && material(ev.cameo) && ev.cameo == lex_.default_code(cd.cameo_verb))
        ev.cameo = std::string(kStatementCode);
    }
    set_type(ev, cd.cameo_verb);

    if (parsed()) {
      std::vector<Arg> args;
      auto add = [&](const std::string& role, int h, bool poss) {
        if (auto r = resolve(h, poss, p)) {
          r->role = role;
          for (const Arg& x : args)
            if (x.role == role && x.entity == r->entity) return;
          args.push_back(*r);
        }
      };
      for (int h : subjects(p, 0)) add("agent", h, true);
      const bool pass = passive(p);
      for (int k : kids(p)) {
        std::string_view r = rel(k), bb = brel(k);
        std::vector<int> heads;
        add_with_conj(heads, k);
        if (equals_literal(r, "obj") || (pass && equals_literal(r, "nsubj:pass")) ||
            (equals_literal(upos(p), "NOUN") && equals_literal(bb, "nmod") &&
             equals_literal(case_of(k), "of"))) {
          for (int h : heads) {
            add("patient", h, false);
            std::vector<Arg> places;
            collect_places(h, 0, places);
            for (auto& pl : places) args.push_back(pl);
          }
          continue;
        }
        if (equals_literal(r, "iobj")) {
          for (int h : heads) add("to", h, false);
          continue;
        }
        if ((equals_literal(bb, "obl") || (equals_literal(upos(p), "NOUN") && equals_literal(bb, "nmod") &&
                                           !equals_literal(r, "nmod:poss"))) &&
            !equals_literal(r, "obl:agent")) {
          std::string prep = case_of(k);
          if (prep == "by") continue;
          for (int h : heads) {
            auto res = resolve(h, false, p);
            if (res && place_type(a_.entities[static_cast<std::size_t>(res->entity)].type) &&
                (res->mention < 0 || a_.mentions[static_cast<std::size_t>(res->mention)].role.empty()) &&
                location_prep(prep)) {
              res->role = "location";
              args.push_back(*res);
            } else if (res &&
                       in(prep, "with", "against", "to", "for", "from", "on", "into", "toward", "towards")) {
              res->role = prep == "into" || prep == "toward" || prep == "towards" ? "to" : prep;
              args.push_back(*res);
            } else if (!res) {
              std::vector<Arg> places;
              collect_places(h, 0, places);
              for (auto& pl : places) args.push_back(pl);
            }
          }
        }
      }
      // de-duplicate (role, entity)
      // An actor is seldom both sides of one event: when the agent comes back as the
      // patient or a partner ("the U.S. concerns included ... U.S. banking", "the firm
      // retained it" with "it" taken for the firm), that second reading is the error.
      // (A reflexive object never reaches here: pronouns skip their own clause's subject.)
      auto agent_again = [&](const Arg& x) {
        if (x.role == "agent" || x.role == "location" || x.role == "source") return false;
        for (const Arg& y : args)
          if (y.role == "agent" && y.entity == x.entity) return true;
        return false;
      };
      for (const Arg& x : args) {
        bool dup = false;
        for (const Argument& y : ev.arguments)
          if (y.role == x.role && y.entity == x.entity) dup = true;
        if (!dup && x.entity >= 0 && !agent_again(x)) ev.arguments.push_back({x.role, x.entity, x.mention});
      }
      // polarity and modality
      for (int k : kids(p)) {
        std::string_view bb = brel(k);
        if ((equals_literal(bb, "advmod") || equals_literal(rel(k), "neg") || equals_literal(bb, "det")) &&
            negator(low(k)) && (!equals_literal(bb, "det") || equals_literal(low(k), "no")))
          ev.negated = ev.negated || !equals_literal(bb, "det");
        if (equals_literal(bb, "aux") && modal(low(k)) && ev.modality.empty()) ev.modality = low(k);
        if (equals_literal(bb, "mark") && in(low(k), "if", "unless")) ev.modality = low(k);
      }
      ev.time = time_of(p);
      if (cameo_root(ev.cameo).root == kCoerceRoot && ev.cameo == lex_.default_code(cd.cameo_verb) &&
          abstract_object(p) && !has_target(ev)) {
        const Event uncoded;
        ev.cameo.clear();
        ev.type.clear();
        ev.quad_class = uncoded.quad_class;
        ev.goldstein = uncoded.goldstein;
        set_type(ev, cd.cameo_verb);
      }
    }
    event_of_token_[static_cast<std::size_t>(p)] = static_cast<int>(a_.events.size());
    a_.events.push_back(std::move(ev));
  }
}

void Work::run(const std::vector<std::uint8_t>* which) {
  prepare();
  a_.events.clear();
  for (std::size_t s = 0; s < a_.sentences.size(); ++s)
    if (!which || (s < which->size() && (*which)[s])) sentence(s);
  if (!parsed()) return;
  auto ev_at = [&](int tokidx) {
    return tokidx >= 0 ? event_of_token_[static_cast<std::size_t>(tokidx)] : -1;
  };
  // Time: own, else the governing clause's through xcomp/conj/advcl, else an
  // unattached one in the sentence, else the DCT for reporting events.
  std::vector<int> attached(a_.times.size(), 0);
  for (const Event& ev : a_.events)
    if (ev.time >= 0) attached[static_cast<std::size_t>(ev.time)] = 1;
  for (Event& ev : a_.events) {
    if (ev.time >= 0) continue;
    int p = static_cast<int>(ev.trigger);
    int x = p;
    while (ev.time < 0 && in(brel(x), "xcomp", "conj", "advcl") && head(x) >= 0) {
      x = head(x);
      if (ev_at(x) >= 0) ev.time = a_.events[static_cast<std::size_t>(ev_at(x))].time;
    }
  }
  // "stirred memories of the destruction of the city in 1999": a time phrase
  // after an event noun may hang on the noun or on the verb above it, and a
  // greedy parser picks either. An event noun without a time of its own, in
  // the phrase of an event whose time comes after the noun with no verb in
  // between, shares that time.
  for (Event& ev : a_.events) {
    const int p = static_cast<int>(ev.trigger);
    if (ev.time >= 0 || !equals_literal(upos(p), "NOUN")) continue;
    int x = p;
    for (int step = 0; step < 4 && ev.time < 0; ++step) {
      if (!in(brel(x), "nmod", "obj", "obl", "nsubj") || head(x) < 0) break;
      x = head(x);
      const int g = ev_at(x);
      if (g < 0) continue;
      const int t = a_.events[static_cast<std::size_t>(g)].time;
      if (t < 0) break;
      const TimeExpr& te = a_.times[static_cast<std::size_t>(t)];
      if (te.span.start <= tok(p).span.end || x > p) break;
      bool verb_between = false;
      for (int i = p + 1; i < static_cast<int>(a_.tokens.size()) && tok(i).span.start < te.span.start; ++i)
        if (equals_literal(upos(i), "VERB") || equals_literal(upos(i), "AUX")) verb_between = true;
      if (!verb_between) ev.time = t;
      break;
    }
  }
  // The times of each sentence (by where they start), so that events look at their
  // sentence's times only: all times for every event was quadratic on long documents.
  std::vector<std::vector<std::size_t>> sentence_times(a_.sentences.size());
  for (std::size_t t = 0; t < a_.times.size(); ++t) {
    const Offset start = a_.times[t].span.start;
    auto it = std::partition_point(a_.sentences.begin(), a_.sentences.end(),
                                   [&](const Sentence& sn) { return sn.span.end <= start; });
    if (it != a_.sentences.end())
      sentence_times[static_cast<std::size_t>(it - a_.sentences.begin())].push_back(t);
  }
  for (Event& ev : a_.events) {
    if (ev.time >= 0) continue;
    const Sentence& sent = a_.sentences[ev.sentence];
    int best = -1, dist = 1 << 30;
    for (std::size_t t : sentence_times[ev.sentence]) {
      const TimeExpr& te = a_.times[t];
      if (attached[t] || (te.type != "DATE" && te.type != "TIME")) continue;
      if (time_token_[t] >= 0 && dates_a_thing(time_token_[t], -1)) continue;
      if (te.span.start < sent.span.start || te.span.end > sent.span.end) continue;
      int d = std::abs(static_cast<int>(te.span.start) - static_cast<int>(ev.span.start));
      if (d < dist) best = static_cast<int>(t), dist = d;
    }
    ev.time = best;
    if (ev.time < 0 && ev.timeml_class == "REPORTING" && a_.doc.dct) {
      ev.time_value = date_value(*a_.doc.dct);
      ev.time_from_dct = true;
    }
  }
  // Relative time: "<duration> after/before <clause>".
  for (Event& ev : a_.events) {
    int p = static_cast<int>(ev.trigger);
    if (!equals_literal(brel(p), "advcl") && !equals_literal(brel(p), "obl")) continue;
    int mk = -1;
    for (int k : kids(p))
      if ((equals_literal(brel(k), "mark") || equals_literal(brel(k), "case")) &&
          in(low(k), "after", "before"))
        mk = k;
    if (mk < 1) continue;
    int dt = tok_time_[static_cast<std::size_t>(mk - 1)];
    if (dt < 0 || a_.times[static_cast<std::size_t>(dt)].type != "DURATION") continue;
    int g = ev_at(head(p));
    std::string anchor;
    if (g >= 0) {
      const Event& ge = a_.events[static_cast<std::size_t>(g)];
      anchor = !ge.time_value.empty() ? ge.time_value
               : ge.time >= 0         ? a_.times[static_cast<std::size_t>(ge.time)].value
                                      : std::string();
    }
    if (anchor.empty() && a_.doc.dct) anchor = date_value(*a_.doc.dct);
    std::string v = shift_timex(anchor, a_.times[static_cast<std::size_t>(dt)].value,
                                equals_literal(low(mk), "after") ? -1 : 1, ShiftPrecision::Coarser);
    if (!v.empty()) {
      ev.time = dt;
      ev.time_value = v;
      ev.time_from_dct = false;
    }
  }
  // Reported speech: events under a reporting event's clausal complement
  // (or the quote a post-posed "said X" attaches to) get its agent as source.
  for (std::size_t r = 0; r < a_.events.size(); ++r) {
    const Event& rep = a_.events[r];
    if (rep.timeml_class != "REPORTING") continue;
    int speaker = -1;
    for (const Argument& arg : rep.arguments)
      if (arg.role == "agent") {
        speaker = arg.entity;
        break;
      }
    if (speaker < 0) continue;
    int p = static_cast<int>(rep.trigger);
    int root = -1;
    if (equals_literal(brel(p), "parataxis") && head(p) >= 0 && head(p) < p) root = head(p);
    // Heads stay inside a sentence: only the reporting event's sentence can be under it
    // (events are in text order, so that sentence's events lie together).
    auto before = [&](const Event& ev) { return ev.sentence < rep.sentence; };
    auto from = std::partition_point(a_.events.begin(), a_.events.end(), before);
    for (auto it = from; it != a_.events.end() && it->sentence == rep.sentence; ++it) {
      Event& ev = *it;
      if (&ev == &rep || ev.source >= 0) continue;
      int x = static_cast<int>(ev.trigger);
      bool under = false;
      if (root >= 0) {
        // in the quote: under `root` but not under the reporting verb
        int y = x;
        bool below_rep = false;
        while (y >= 0) {
          if (y == p) below_rep = true;
          if (y == root) {
            under = !below_rep;
            break;
          }
          y = head(y);
        }
      } else {
        int y = x, last = -1;
        while (y >= 0 && y != p) last = y, y = head(y);
        under = y == p && last >= 0 && in(brel(last), "ccomp", "parataxis");
      }
      if (under) ev.source = speaker;
    }
  }
  // Ids in text order.
  // (Pushed and appended, not "v" + std::to_string(): GCC 12 warns of a false -Wrestrict
  // overlap there.)
  for (std::size_t i = 0; i < a_.events.size(); ++i) {
    std::string& id = a_.events[i].id;
    id.clear();
    id.push_back('v');
    id += std::to_string(i + 1);
  }
}

}  // namespace

EventExtractor::EventExtractor(std::shared_ptr<const EventLexicon> lex,
                               std::shared_ptr<const EventClassifier> clf)
    : lex_(std::move(lex)), clf_(std::move(clf)) {}
EventExtractor::~EventExtractor() = default;

std::string EventExtractor::to_bytes(const EventLexicon& lex, const EventClassifier& clf,
                                     const std::string& provenance) {
  std::string out;
  BinaryWriter w(out);
  write_model_header(w, {std::string(kModelKind), kModelVersion, provenance});
  lex.save(w);
  clf.save(w);
  return out;
}

std::shared_ptr<const EventExtractor> EventExtractor::from_bytes(std::string_view data,
                                                                 const std::string& what) {
  BinaryReader r(data, what);
  ModelHeader h = read_model_header(r, kModelKind, kModelVersion);
  auto lex = std::make_shared<EventLexicon>(EventLexicon::load(r));
  auto clf = std::make_shared<EventClassifier>(EventClassifier::load(r));
  if (!r.at_end()) r.fail("trailing bytes");
  auto ex = std::make_shared<EventExtractor>(std::move(lex), std::move(clf));
  ex->provenance_ = h.provenance;
  return ex;
}

std::shared_ptr<const EventExtractor> EventExtractor::load(const std::string& models_dir) {
  std::string path = models_dir;
  if (!(path.size() > 6 && path.ends_with(".model"))) {
    // Two appends: GCC 12 warns of a false -Wrestrict overlap in "/" + std::string(...).
    if (!path.empty() && path.back() != '/') path += '/';
    path += "events.model";
  }
  MappedFile f(path);
  return from_bytes(f.data(), path);
}

void EventExtractor::extract(Analysis& a) const {
  Work w(a, *lex_, *clf_);
  w.run();
}

void EventExtractor::extract(Analysis& a, const std::vector<std::uint8_t>& which) const {
  Work w(a, *lex_, *clf_);
  w.run(&which);
}

void EventExtractor::extract(Analysis& a, const std::vector<std::uint8_t>& which, LexiconCache& words) const {
  if (words.size() >= kMaxCachedWords) words.clear();
  Work w(a, *lex_, *clf_, &words);
  w.run(&which);
}

std::vector<std::uint8_t> EventExtractor::argument_sentences(const Analysis& a) const {
  const std::size_t ns = a.sentences.size(), n = a.tokens.size();
  std::vector<std::uint8_t> out(ns, 0);
  std::vector<int> tok_sentence(n, -1);
  for (std::size_t s = 0; s < ns; ++s)
    for (std::uint32_t i = a.sentences[s].first_token; i < a.sentences[s].end_token && i < n; ++i)
      tok_sentence[i] = static_cast<int>(s);
  // What the mentions of each sentence can be the antecedent of, by the tests of
  // resolve_pronoun() and resolve_description(); a mention counts for every sentence
  // it has a token in (a superset: those look at the sentence of its first token).
  enum : std::uint8_t { kAny = 1, kPerson = 2, kThing = 4, kPlace = 8 };
  std::vector<std::uint8_t> has(ns, 0);
  for (const Mention& m : a.mentions) {
    if (!(m.first_token < m.end_token && m.end_token <= n && m.entity >= 0 &&
          static_cast<std::size_t>(m.entity) < a.entities.size()))
      continue;
    const std::string& type = a.entities[static_cast<std::size_t>(m.entity)].type;
    std::uint8_t what = kAny;
    if (m.kind != Mention::Kind::Pronoun) {
      if (type == "PERSON") what |= kPerson;
      if (type != "PERSON" && m.role != "demonym") what |= kThing;
    }
    if (place_type(type) && m.role.empty()) what |= kPlace;
    for (std::uint32_t i = m.first_token; i < m.end_token; ++i) {
      // A mention outside every sentence: the windows cannot be told apart; all sentences.
      if (tok_sentence[i] < 0) return std::vector<std::uint8_t>(ns, 1);
      has[static_cast<std::size_t>(tok_sentence[i])] |= what;
    }
  }
  auto within = [&](std::size_t s, int window, std::uint8_t what) {
    for (int k = 1; k <= window && static_cast<int>(s) - k >= 0; ++k)
      if (has[s - static_cast<std::size_t>(k)] & what) return true;
    return false;
  };
  std::string lower;
  for (std::size_t s = 0; s < ns; ++s) {
    if (has[s]) {
      out[s] = 1;
      continue;
    }
    if (!within(s, kDescriptionWindow, kAny)) continue;
    const bool person2 = within(s, kPronounWindow, kPerson), thing2 = within(s, kPronounWindow, kThing);
    const bool person5 = within(s, kDescriptionWindow, kPerson),
               place5 = within(s, kDescriptionWindow, kPlace);
    const Sentence& sent = a.sentences[s];
    // A definite description needs its determiner ("the", "this", "that") among its dependents.
    bool determiner = false;
    for (std::uint32_t i = sent.first_token; i < sent.end_token && i < n && !determiner; ++i) {
      lower = lowercase(a.text(a.tokens[i]));
      determiner = lower == "the" || lower == "this" || lower == "that";
    }
    for (std::uint32_t i = sent.first_token; i < sent.end_token && i < n && !out[s]; ++i) {
      const Token& t = a.tokens[i];
      lower = lowercase(a.text(t));
      if ((person2 && person_pronoun(lower)) || (thing2 && (thing_pronoun(lower) || plural_pronoun(lower)))) {
        out[s] = 1;
      } else if (determiner && (place5 || person5) && (t.upos.empty() || t.upos == "NOUN")) {
        const std::string l = event_lemma(t, lower, *lex_);
        if ((place5 && place_noun(l)) || (person5 && person_noun(l))) out[s] = 1;
      }
    }
  }
  return out;
}

}  // namespace chronicle
