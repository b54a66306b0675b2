#include "extract/event_lexicon.h"

#include <algorithm>
#include <array>
#include <map>

#include "extract/feature_hash.h"

namespace chronicle {

namespace {

// CAMEO's 20 root categories (CAMEO codebook 1.1b3, Schrodt 2012) with the
// Goldstein (1992) weight of each root code as the codebook's Goldstein
// mapping gives it; quad classes as GDELT groups them (01-05 verbal
// cooperation, 06-08 material cooperation, 09-13 verbal conflict, 14-20
// material conflict). Finer codes take their root's weight: the per-code
// Goldstein table is not in the PETRARCH2/Phoenix data this model is built
// from (see models/README.md), and typing it in by hand is not "from data".
struct RootInfo {
  std::string_view name;
  double goldstein;
};
constexpr std::array<RootInfo, 20> kRoots{{
    {"MAKE PUBLIC STATEMENT", 0.0},
    {"APPEAL", 3.0},
    {"EXPRESS INTENT TO COOPERATE", 4.0},
    {"CONSULT", 1.0},
    {"ENGAGE IN DIPLOMATIC COOPERATION", 3.5},
    {"ENGAGE IN MATERIAL COOPERATION", 6.0},
    {"PROVIDE AID", 7.0},
    {"YIELD", 5.0},
    {"INVESTIGATE", -2.0},
    {"DEMAND", -5.0},
    {"DISAPPROVE", -2.0},
    {"REJECT", -4.0},
    {"THREATEN", -4.4},
    {"PROTEST", -6.5},
    {"EXHIBIT FORCE POSTURE", -7.2},
    {"REDUCE RELATIONS", -4.0},
    {"COERCE", -7.0},
    {"ASSAULT", -9.0},
    {"FIGHT", -10.0},
    {"USE UNCONVENTIONAL MASS VIOLENCE", -10.0},
}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Does `word` satisfy pattern word `p` (prefix unless exact)?
bool word_matches(std::string_view word, std::string_view p, bool exact) {
  if (exact) return word == p;
  return word.size() >= p.size() && word.substr(0, p.size()) == p;
}

constexpr std::size_t kWindow = 8;  // a pattern's words lie within the first 8 following words

// Number of pattern words matched in order within `window` tokens; 0 if not all. The first
// `k` words are already matched, before following word `from`.
std::size_t match_pattern(const CameoPattern& pat, const std::vector<std::string_view>& following,
                          std::size_t from = 0, std::size_t k = 0) {
  const std::size_t n = std::min(following.size(), kWindow);
  for (std::size_t i = from; i < n && k < pat.words.size(); ++i)
    if (word_matches(following[i], pat.words[k], pat.exact[k])) ++k;
  return k == pat.words.size() ? k : 0;
}

// A phrasal verb's particles follow the verb at once: "stepped up", not "stepped down in".
std::size_t match_particles(const CameoPattern& pat, const std::vector<std::string_view>& following) {
  if (following.size() < pat.words.size()) return 0;
  for (std::size_t k = 0; k < pat.words.size(); ++k)
    if (!word_matches(following[k], pat.words[k], pat.exact[k])) return 0;
  return pat.words.size();
}

}  // namespace

CameoRoot cameo_root(std::string_view code) {
  CameoRoot r;
  if (code.size() < 2 || !is_digit(code[0]) || !is_digit(code[1])) return r;
  int root = (code[0] - '0') * 10 + (code[1] - '0');
  if (root < 1 || root > 20) return r;
  r.root = root;
  r.name = kRoots[static_cast<std::size_t>(root - 1)].name;
  r.goldstein = kRoots[static_cast<std::size_t>(root - 1)].goldstein;
  r.quad_class = root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4;
  return r;
}

std::string EventLexicon::cameo_code(std::string_view verb_lemma,
                                     const std::vector<std::string_view>& following) const {
  auto it = verbs.find(verb_lemma);
  if (it == verbs.end()) return {};
  const CameoPattern* best = nullptr;
  std::size_t best_len = 0;
  // A verb's block holds up to hundreds of patterns and nearly all fail; a pattern word can only
  // match a following word that starts with the same letter, so that check rejects most at once.
  std::array<bool, 256> initial{};
  std::uint64_t initial_bits = 0;
  std::array<unsigned char, 8> firsts{};  // the distinct initials
  std::size_t distinct = 0;
  for (std::size_t i = 0; i < following.size() && i < 8; ++i)
    if (!following[i].empty()) {
      const auto c = static_cast<unsigned char>(following[i][0]);
      if (!initial[c]) firsts[distinct++] = c;
      initial[c] = true;
      initial_bits |= std::uint64_t{1} << (c & 63);
    }
  auto possible = [&](const CameoPattern& p) {
    // Indexed: one test rejects most patterns without walking their words.
    if (indexed_ && (p.initials & ~initial_bits) != 0) return false;
    for (const auto& w : p.words)
      if (!w.empty() && !initial[static_cast<unsigned char>(w[0])]) return false;
    return true;
  };
  // `particles`: a phrasal verb's own particles, which must follow the verb at once.
  auto consider = [&](const CameoPattern& p, bool particles) {
    if (p.words.size() <= best_len) return;  // cannot be longer than the best: skip the matching
    if (!possible(p)) return;
    std::size_t len = particles ? match_particles(p, following) : match_pattern(p, following);
    if (len > best_len) best = &p, best_len = len;  // first longest wins: dictionary order
  };
  for (const CameoPattern& p : it->second.patterns) consider(p, true);
  const std::size_t b = it->second.block;
  if (b >= cameo_blocks.size()) return best ? best->code : it->second.code;
  const std::vector<CameoPattern>& block = cameo_blocks[b];
  if (!indexed_ || b >= block_index_.size()) {
    for (const CameoPattern& p : block) consider(p, false);
    return best ? best->code : it->second.code;
  }
  // The patterns whose first word matches a following word, in block order, each with the
  // place after the following word its first word took.
  const BlockIndex& index = block_index_[b];
  const std::size_t window = std::min<std::size_t>(following.size(), kWindow);
  struct Candidate {
    std::uint32_t pattern = 0, next = 0;
  };
  std::vector<Candidate> candidates;
  auto gather = [&](std::uint16_t first) {
    FirstWordGroup key;
    key.initial = first;
    auto run = std::equal_range(
        index.groups.begin(), index.groups.end(), key,
        [](const FirstWordGroup& x, const FirstWordGroup& y) { return x.initial < y.initial; });
    if (run.first == run.second) return;
    // The places whose word has the initial, found once for all the groups: a block has up to
    // hundreds of first words per initial, and testing each against every place cost as much
    // as the rest of cameo_code().
    std::array<std::uint8_t, kWindow> places;
    std::size_t num_places = 0;
    for (std::size_t i = 0; i < window; ++i)
      if (first == kAnyInitial ||
          (!following[i].empty() && static_cast<unsigned char>(following[i][0]) == first))
        places[num_places++] = static_cast<std::uint8_t>(i);
    for (auto g = run.first; g != run.second; ++g) {
      const std::string_view first_word = g->size != kLongWord ? std::string_view(g->word, g->size)
                                                               : std::string_view(block[g->pattern].words[0]);
      std::size_t k = 0;
      while (k < num_places && !word_matches(following[places[k]], first_word, g->exact != 0)) ++k;
      if (k == num_places) continue;
      const std::size_t i = places[k];
      for (std::uint32_t m = g->begin; m < g->end; ++m)
        if ((index.members[m].initials & ~initial_bits) == 0)
          candidates.push_back({index.members[m].pattern, static_cast<std::uint32_t>(i + 1)});
    }
  };
  for (std::size_t i = 0; i < distinct; ++i) gather(firsts[i]);
  gather(kAnyInitial);
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& x, const Candidate& y) { return x.pattern < y.pattern; });
  for (const Candidate& c : candidates) {
    const CameoPattern& p = block[c.pattern];
    if (p.words.size() <= best_len || !possible(p)) continue;
    const std::size_t len = match_pattern(p, following, c.next, 1);
    if (len > best_len) best = &p, best_len = len;
  }
  return best ? best->code : it->second.code;
}

std::string_view EventLexicon::default_code(std::string_view verb_lemma) const {
  auto it = verbs.find(verb_lemma);
  return it == verbs.end() ? std::string_view{} : std::string_view(it->second.code);
}

const EventLexicon::VerbSenses* EventLexicon::senses(std::string_view verb_lemma) const {
  auto it = verb_senses.find(verb_lemma);
  return it == verb_senses.end() ? nullptr : &it->second;
}

std::string_view EventLexicon::noun_verb(std::string_view noun_lemma) const {
  if (indexed_) {
    const std::string* verb = noun_verb_index_.find(noun_lemma);
    return verb ? std::string_view(*verb) : std::string_view{};
  }
  auto it = noun_verbs.find(noun_lemma);
  return it == noun_verbs.end() ? std::string_view{} : std::string_view(it->second);
}

bool EventLexicon::coded_alone(std::string_view verb_lemma) const {
  if (indexed_) {
    const bool* coded = coded_alone_.find(features::hash_string(verb_lemma));
    return coded && *coded;
  }
  return !cameo_code(verb_lemma, {}).empty();
}

void EventLexicon::index() {
  auto set_initials = [](std::vector<CameoPattern>& patterns) {
    for (CameoPattern& p : patterns) {
      p.initials = 0;
      for (const auto& w : p.words)
        if (!w.empty()) p.initials |= std::uint64_t{1} << (static_cast<unsigned char>(w[0]) & 63);
    }
  };
  for (auto& [lemma, v] : verbs) set_initials(v.patterns);
  for (auto& block : cameo_blocks) set_initials(block);
  block_index_.assign(cameo_blocks.size(), {});
  for (std::size_t b = 0; b < cameo_blocks.size(); ++b) {
    const std::vector<CameoPattern>& block = cameo_blocks[b];
    // Each distinct (first word, exact) with its patterns in block order; groups by initial.
    std::map<std::pair<std::string_view, bool>, std::vector<std::uint32_t>> by_first;
    for (std::size_t i = 0; i < block.size(); ++i)
      if (!block[i].words.empty())  // no words: matches nothing (match_pattern gives 0)
        by_first[{block[i].words[0], block[i].exact[0] != 0}].push_back(static_cast<std::uint32_t>(i));
    BlockIndex& index = block_index_[b];
    for (const auto& [first, patterns] : by_first) {
      FirstWordGroup g;
      g.initial = first.first.empty() ? kAnyInitial : static_cast<unsigned char>(first.first[0]);
      g.pattern = patterns.front();
      g.exact = first.second ? 1 : 0;
      if (first.first.size() <= kInlineWord) {
        g.size = static_cast<std::uint8_t>(first.first.size());
        std::copy(first.first.begin(), first.first.end(), g.word);
      } else {
        g.size = kLongWord;
      }
      g.begin = static_cast<std::uint32_t>(index.members.size());
      for (std::uint32_t i : patterns) index.members.push_back({i, block[i].initials});
      g.end = static_cast<std::uint32_t>(index.members.size());
      index.groups.push_back(g);
    }
    std::stable_sort(index.groups.begin(), index.groups.end(),
                     [](const FirstWordGroup& x, const FirstWordGroup& y) { return x.initial < y.initial; });
  }
  coded_alone_ = {};
  coded_alone_.reserve(verbs.size());
  for (const auto& [lemma, v] : verbs)
    coded_alone_.insert_or_assign(features::hash_string(lemma), !cameo_code(lemma, {}).empty());
  word_index_ = {};
  word_index_.reserve(words.size());
  for (const auto& [lemma, c] : words) word_index_.emplace(features::hash_string(lemma), c);
  noun_verb_index_.build(noun_verbs);
  noun_exception_index_.build(noun_exceptions);
  verb_exception_index_.build(verb_exceptions);
  indexed_ = true;
}

const WordClass* EventLexicon::word_class(std::string_view lemma) const {
  if (indexed_) return word_index_.find(features::hash_string(lemma));
  auto it = words.find(lemma);
  return it == words.end() ? nullptr : &it->second;
}

std::string EventLexicon::base_form(std::string_view word, WordClass::Pos pos) const {
  auto known = [&](std::string_view w) {
    const WordClass* c = word_class(w);
    return c && (c->pos & pos);
  };
  if (indexed_) {
    const StringIndex& exc = pos == WordClass::Noun ? noun_exception_index_ : verb_exception_index_;
    if (const std::string* base = exc.find(word)) return *base;
  } else {
    const auto& exc = pos == WordClass::Noun ? noun_exceptions : verb_exceptions;
    if (auto it = exc.find(word); it != exc.end()) return it->second;
  }
  if (known(word)) return std::string(word);
  struct Rule {
    std::string_view suffix, ending;
  };
  static constexpr Rule kNoun[] = {{"ses", "s"},   {"xes", "x"},   {"zes", "z"}, {"ches", "ch"},
                                   {"shes", "sh"}, {"men", "man"}, {"ies", "y"}, {"s", ""}};
  static constexpr Rule kVerb[] = {{"ies", "y"},    {"es", "e"},    {"es", ""},       {"ed", "e"},
                                   {"ed", ""},      {"ing", "e"},   {"ing", ""},      {"s", ""},
                                   {"ised", "ize"}, {"ise", "ize"}, {"ising", "ize"}, {"ises", "ize"}};
  auto try_rules = [&](auto& rules) -> std::string {
    for (const Rule& r : rules) {
      if (word.size() <= r.suffix.size() + 1 || !word.ends_with(r.suffix)) continue;
      std::string cand(word.substr(0, word.size() - r.suffix.size()));
      cand += r.ending;
      if (known(cand)) return cand;
    }
    return {};
  };
  return pos == WordClass::Noun ? try_rules(kNoun) : try_rules(kVerb);
}

// ---- serialisation -------------------------------------------------------

namespace {

template <class M>
std::vector<const typename M::value_type*> sorted_entries(const M& m) {
  std::vector<const typename M::value_type*> v;
  v.reserve(m.size());
  for (const auto& e : m) v.push_back(&e);
  std::sort(v.begin(), v.end(), [](auto* a, auto* b) { return a->first < b->first; });
  return v;  // sorted so that the same tables give the same bytes
}

void save_string_map(BinaryWriter& w, const EventLexicon::Map<std::string>& m) {
  auto v = sorted_entries(m);
  w.u32(static_cast<std::uint32_t>(v.size()));
  for (auto* e : v) {
    w.str(e->first);
    w.str(e->second);
  }
}

EventLexicon::Map<std::string> load_string_map(BinaryReader& r) {
  EventLexicon::Map<std::string> m;
  std::uint32_t n = r.u32();
  if (n > r.remaining()) r.fail("bad table size");
  m.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::string k = r.str();
    m.emplace(std::move(k), r.str());
  }
  return m;
}

}  // namespace

namespace {

void save_patterns(BinaryWriter& w, const std::vector<CameoPattern>& ps) {
  w.u32(static_cast<std::uint32_t>(ps.size()));
  for (const auto& p : ps) {
    w.str(p.code);
    w.u32(static_cast<std::uint32_t>(p.words.size()));
    for (std::size_t i = 0; i < p.words.size(); ++i) {
      w.str(p.words[i]);
      w.u8(p.exact[i]);
    }
  }
}

std::vector<CameoPattern> load_patterns(BinaryReader& r) {
  std::uint32_t np = r.u32();
  if (np > r.remaining()) r.fail("bad pattern count");
  std::vector<CameoPattern> ps(np);
  for (auto& p : ps) {
    p.code = r.str();
    std::uint32_t nw = r.u32();
    if (nw > r.remaining()) r.fail("bad pattern size");
    for (std::uint32_t k = 0; k < nw; ++k) {
      p.words.push_back(r.str());
      p.exact.push_back(r.u8());
    }
  }
  return ps;
}

}  // namespace

void EventLexicon::save(BinaryWriter& w) const {
  w.u32(static_cast<std::uint32_t>(cameo_blocks.size()));
  for (const auto& b : cameo_blocks) save_patterns(w, b);
  auto vs = sorted_entries(verbs);
  w.u32(static_cast<std::uint32_t>(vs.size()));
  for (auto* e : vs) {
    w.str(e->first);
    w.str(e->second.code);
    w.u32(e->second.block);
    save_patterns(w, e->second.patterns);
  }
  save_string_map(w, noun_verbs);
  auto ws = sorted_entries(words);
  w.u32(static_cast<std::uint32_t>(ws.size()));
  for (auto* e : ws) {
    w.str(e->first);
    w.u8(e->second.pos);
    w.u8(e->second.noun_lexfile);
    w.u8(e->second.verb_lexfile);
    w.u8(e->second.event_noun);
  }
  save_string_map(w, noun_exceptions);
  save_string_map(w, verb_exceptions);
  auto as = sorted_entries(verb_senses);
  w.u32(static_cast<std::uint32_t>(as.size()));
  for (auto* e : as) {
    w.str(e->first);
    for (std::uint32_t o : e->second.ancestors) w.u32(o);
    w.u8(e->second.frames);
  }
}

EventLexicon EventLexicon::load(BinaryReader& r) {
  EventLexicon lex;
  std::uint32_t nb = r.u32();
  if (nb > r.remaining()) r.fail("bad block count");
  for (std::uint32_t i = 0; i < nb; ++i) lex.cameo_blocks.push_back(load_patterns(r));
  std::uint32_t nv = r.u32();
  if (nv > r.remaining()) r.fail("bad verb table size");
  lex.verbs.reserve(nv);
  for (std::uint32_t i = 0; i < nv; ++i) {
    std::string lemma = r.str();
    CameoVerb v;
    v.code = r.str();
    v.block = r.u32();
    v.patterns = load_patterns(r);
    lex.verbs.emplace(std::move(lemma), std::move(v));
  }
  lex.noun_verbs = load_string_map(r);
  std::uint32_t nw = r.u32();
  if (nw > r.remaining()) r.fail("bad word table size");
  lex.words.reserve(nw);
  for (std::uint32_t i = 0; i < nw; ++i) {
    std::string lemma = r.str();
    WordClass c;
    c.pos = r.u8();
    c.noun_lexfile = r.u8();
    c.verb_lexfile = r.u8();
    c.event_noun = r.u8();
    lex.words.emplace(std::move(lemma), c);
  }
  lex.noun_exceptions = load_string_map(r);
  lex.verb_exceptions = load_string_map(r);
  std::uint32_t na = r.u32();
  if (na > r.remaining()) r.fail("bad verb sense table size");
  lex.verb_senses.reserve(na);
  for (std::uint32_t i = 0; i < na; ++i) {
    std::string lemma = r.str();
    VerbSenses v;
    for (auto& o : v.ancestors) o = r.u32();
    v.frames = r.u8();
    lex.verb_senses.emplace(std::move(lemma), v);
  }
  lex.index();
  return lex;
}

}  // namespace chronicle
