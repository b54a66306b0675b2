#include "extract/event_classifier.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace chronicle {

int event_class_index(std::string_view name) {
  for (std::size_t i = 1; i < kEventClasses.size(); ++i)
    if (kEventClasses[i] == name) return static_cast<int>(i);
  return -1;
}

namespace {

// std::tolower in the C locale (the only one Chronicle runs in), without a library call per byte.
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// FNV-1a, continued over several parts so a feature never needs a string.
struct Hasher {
  std::uint64_t h = 1469598103934665603ull;
  Hasher& add(std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;  // separator: "ab"+"c" != "a"+"bc"
    return *this;
  }
  Hasher& add(unsigned v) {
    char b[4] = {static_cast<char>(v), static_cast<char>(v >> 8), static_cast<char>(v >> 16), 0};
    return add(std::string_view(b, 3));
  }
};

std::uint64_t f(std::string_view tag, std::string_view v) { return Hasher{}.add(tag).add(v).h; }
std::uint64_t f(std::string_view tag, unsigned v) { return Hasher{}.add(tag).add(v).h; }

// std::isupper and friends in the C locale, without a library call per byte.
char shape_class(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return 'X';
  if (c >= 'a' && c <= 'z') return 'x';
  if (c >= '0' && c <= '9') return 'd';
  return static_cast<char>(c < 128 ? c : 'u');
}

// "Putin" -> "Xx", "1999-2000" -> "d-d": runs collapsed.
std::string shape(std::string_view w) {
  std::string s;
  for (unsigned char c : w) {
    char k = shape_class(c);
    if (s.empty() || s.back() != k) s.push_back(k);
    if (s.size() >= 6) break;
  }
  return s;
}

constexpr std::string_view kBos = "<s>", kEos = "</s>";

// The most features one token has: 43 lexical (with four verb ancestors) and 29 syntactic.
constexpr std::size_t kMaxEventFeatures = 96;

// A token's features, written into a fixed array and copied out once: as calls of
// std::vector::push_back (which GCC kept out of line) they cost a seventh of event_features().
struct FeatureKeys {
  std::array<std::uint64_t, kMaxEventFeatures> keys;
  std::size_t size = 0;
  void push_back(std::uint64_t h) { keys[size++] = h; }
};

// event_features()'s first keys, of the word alone (ClassifierToken::word_keys): at most eight.
std::size_t hash_word_keys(const ClassifierToken& t, std::uint64_t* out) {
  const std::string_view w = t.lower;
  std::size_t n = 0;
  out[n++] = f("b", "");
  out[n++] = f("w", w);
  if (!t.verb.empty()) out[n++] = f("v", t.verb);
  if (!t.noun.empty()) out[n++] = f("n", t.noun);
  for (std::size_t k : {2u, 3u, 4u})
    if (w.size() > k + 1) out[n++] = f(k == 2 ? "s2" : k == 3 ? "s3" : "s4", w.substr(w.size() - k));
  out[n++] = f("sh", shape(w));
  return n;
}

void set_word_keys(ClassifierToken& t) {
  t.num_word_keys = static_cast<std::uint8_t>(hash_word_keys(t, t.word_keys.data()));
}

// The tagger's and parser's view of token i (see ClassifierToken).
void syntax_features(const std::vector<ClassifierToken>& toks, std::size_t i, std::string_view base,
                     FeatureKeys& out) {
  const ClassifierToken& t = toks[i];
  auto upos_at = [&](long k) -> std::string_view {
    long j = static_cast<long>(i) + k;
    if (j < 0) return kBos;
    if (j >= static_cast<long>(toks.size())) return kEos;
    return toks[static_cast<std::size_t>(j)].upos;
  };
  out.push_back(f("up", t.upos));
  out.push_back(f("xp", t.xpos));
  out.push_back(Hasher{}.add("xpb").add(t.xpos).add(base).h);  // "said"/VBD vs "said"/VBN
  out.push_back(Hasher{}.add("up-1up").add(upos_at(-1)).add(t.upos).h);
  out.push_back(Hasher{}.add("upup+1").add(t.upos).add(upos_at(1)).h);
  if (t.deprel.empty()) return;
  // The relation to the head, with who the head is: a ccomp of "say", the obj of "begin", the
  // xcomp of "expect". The head's WordNet verb file generalises over heads never seen in training
  // (communication verbs govern reported events, cognition verbs believed ones).
  const ClassifierToken* h = t.head >= 0 ? &toks[static_cast<std::size_t>(t.head)] : nullptr;
  const std::string_view hl = h ? std::string_view(h->lemma.empty() ? h->lower : h->lemma) : kBos;
  out.push_back(f("dr", t.deprel));
  out.push_back(Hasher{}.add("drhl").add(t.deprel).add(hl).h);
  out.push_back(Hasher{}.add("drhup").add(t.deprel).add(h ? std::string_view(h->upos) : kBos).h);
  out.push_back(Hasher{}.add("drhvl").add(t.deprel).add(h ? h->cls.verb_lexfile : 0u).h);
  out.push_back(Hasher{}.add("drup").add(t.deprel).add(t.upos).h);
  // The word with its relation and its head: "war" as a subject vs as an object of "declare".
  out.push_back(Hasher{}.add("bdr").add(base).add(t.deprel).h);
  out.push_back(Hasher{}.add("bhl").add(base).add(hl).h);
  // The governing verb: the nearest verb above (a noun's verb, a clause's matrix verb).
  int g = t.head;
  for (int steps = 0; g >= 0 && steps < 4 && toks[static_cast<std::size_t>(g)].upos != "VERB"; ++steps)
    g = toks[static_cast<std::size_t>(g)].head;
  if (g >= 0 && toks[static_cast<std::size_t>(g)].upos == "VERB") {
    const ClassifierToken& gv = toks[static_cast<std::size_t>(g)];
    out.push_back(f("gv", gv.lemma));
    out.push_back(Hasher{}.add("gvdr").add(gv.lemma).add(t.deprel).h);
    out.push_back(Hasher{}.add("gvvlup").add(gv.cls.verb_lexfile).add(t.upos).h);
  }
  // The word's arguments: an event as object or oblique makes an I_ACTION or ASPECTUAL of
  // "approve", "block", "end", "call (for)"; a possession as object a STATE of "have".
  if (t.obj_ev != kArgNone) {
    out.push_back(f("oev", t.obj_ev));
    out.push_back(Hasher{}.add("oevb").add(base).add(t.obj_ev).h);
    out.push_back(Hasher{}.add("oevvl").add(t.cls.verb_lexfile).add(t.obj_ev).h);
    out.push_back(Hasher{}.add("onlb").add(base).add(t.obj_lexfile).h);
  }
  if (t.obl_ev != kArgNone) {
    out.push_back(Hasher{}.add("obl").add(t.obl_case).add(t.obl_ev).h);
    out.push_back(Hasher{}.add("oblb").add(base).add(t.obl_case).add(t.obl_ev).h);
  }
  // Copular predicates ("is responsible", "was a defendant") and the copula itself.
  if (t.pred != 0) {
    out.push_back(
        Hasher{}.add("pr").add(t.pred).add(t.pred == kPredHasCop ? t.cls.noun_lexfile : t.pred_lexfile).h);
    if (t.pred == kPredHasCop) out.push_back(Hasher{}.add("prb").add(base).h);
  }
  // Tense and aspect: "has been", "will", "was" (passive), "to" (infinitive).
  out.push_back(f("aux", t.aux));
  out.push_back(Hasher{}.add("auxxp").add(t.aux).add(t.xpos).h);
  out.push_back(f("mk", t.mark));
  // What the word governs: verbs with a clausal complement are REPORTING / I_ACTION / I_STATE.
  out.push_back(f("kids", t.kids));
  out.push_back(Hasher{}.add("kidsb").add(t.kids).add(base).h);
  out.push_back(Hasher{}.add("kidsvl").add(t.kids).add(t.cls.verb_lexfile).h);
}

}  // namespace

std::vector<ClassifierToken> prepare_tokens(const std::vector<std::string_view>& words,
                                            const EventLexicon& lex, LexiconCache* cache) {
  std::vector<ClassifierToken> out(words.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    ClassifierToken& t = out[i];
    t.lower.assign(words[i]);
    for (char& c : t.lower) c = ascii_lower(c);
    const bool capitalised = !words[i].empty() && std::isupper(static_cast<unsigned char>(words[i][0]));
    if (cache) {
      if (auto it = cache->find(t.lower); it != cache->end()) {
        // What is set below, nothing more: a cached token's other fields (the syntax's eight
        // strings among them) are as new as t's, and copying the whole token cost a third of
        // this function.
        const ClassifierToken& known = it->second;
        t.verb = known.verb;
        t.noun = known.noun;
        t.event_verb = known.event_verb;
        t.cls = known.cls;
        t.event_verb_lexfile = known.event_verb_lexfile;
        t.verb_senses = known.verb_senses;
        t.word_keys = known.word_keys;
        t.num_word_keys = known.num_word_keys;
        t.capitalised = capitalised;
        continue;
      }
    }
    t.capitalised = capitalised;
    t.verb = lex.base_form(t.lower, WordClass::Verb);
    t.noun = lex.base_form(t.lower, WordClass::Noun);
    if (const WordClass* c = lex.word_class(t.lower)) t.cls = *c;
    if (!t.verb.empty()) {
      t.cls.pos |= WordClass::Verb;
      if (const WordClass* c = lex.word_class(t.verb)) t.cls.verb_lexfile = c->verb_lexfile;
    }
    t.event_verb = !t.verb.empty()  ? t.verb
                   : t.noun.empty() ? std::string()
                                    : std::string(lex.noun_verb(t.noun));
    if (!t.verb.empty()) {
      t.event_verb_lexfile = t.cls.verb_lexfile;
    } else if (!t.event_verb.empty()) {
      if (const WordClass* c = lex.word_class(t.event_verb)) t.event_verb_lexfile = c->verb_lexfile;
    }
    if (!t.event_verb.empty())
      if (const EventLexicon::VerbSenses* v = lex.senses(t.event_verb)) t.verb_senses = *v;
    if (!t.noun.empty()) {
      t.cls.pos |= WordClass::Noun;
      if (const WordClass* c = lex.word_class(t.noun)) {
        t.cls.noun_lexfile = c->noun_lexfile;
        t.cls.event_noun = c->event_noun;
      }
    }
    set_word_keys(t);
    if (cache) cache->emplace(t.lower, t);
  }
  return out;
}

void add_syntax(std::vector<ClassifierToken>& toks, const Analysis& a, std::size_t first) {
  const std::size_t n = toks.size();
  if (first + n > a.tokens.size()) return;
  for (std::size_t i = 0; i < n; ++i) {
    const Token& t = a.tokens[first + i];
    ClassifierToken& c = toks[i];
    c.upos = t.upos;
    c.xpos = t.xpos;
    c.deprel = t.deprel;
    c.lemma.assign(t.lemma);
    for (char& ch : c.lemma) ch = ascii_lower(ch);
    const long h = static_cast<long>(t.head) - static_cast<long>(first);
    c.head = t.head >= 0 && h >= 0 && h < static_cast<long>(n) && h != static_cast<long>(i)
                 ? static_cast<int>(h)
                 : -1;
    c.aux.clear();
    c.mark.clear();
    c.kids = 0;
    c.obj_ev = c.obj_lexfile = c.obl_ev = c.pred = c.pred_lexfile = 0;
    c.obl_case.clear();
  }
  // An argument that is a clause or an event noun (WordNet: its first senses are acts, events,
  // processes) is an event; other nominals are things.
  auto arg_class = [](const ClassifierToken& d) -> std::uint8_t {
    if (d.upos == "VERB") return kArgClause;
    if (d.upos == "NOUN") return d.cls.event_noun ? kArgEventNoun : kArgThing;
    if (d.upos == "PROPN" || d.upos == "PRON") return kArgThing;
    return kArgNone;
  };
  std::vector<int> case_of(n, -1);  // each token's first case dependent
  for (std::size_t i = 0; i < n; ++i)
    if (toks[i].head >= 0 && toks[i].deprel == "case" && case_of[static_cast<std::size_t>(toks[i].head)] < 0)
      case_of[static_cast<std::size_t>(toks[i].head)] = static_cast<int>(i);
  for (std::size_t i = 0; i < n; ++i) {
    ClassifierToken& c = toks[i];
    if (c.head < 0) continue;
    ClassifierToken& p = toks[static_cast<std::size_t>(c.head)];
    const std::string_view r = c.deprel;
    if ((r == "obj" || r == "nsubj:pass") && p.obj_ev == kArgNone) {
      p.obj_ev = arg_class(c);
      p.obj_lexfile = c.cls.noun_lexfile;
    }
    if ((r == "obl" || r == "nmod") && p.obl_ev == kArgNone) {
      const std::uint8_t ev = arg_class(c);
      if (ev == kArgClause || ev == kArgEventNoun) {
        p.obl_ev = ev;
        if (case_of[i] >= 0) p.obl_case = toks[static_cast<std::size_t>(case_of[i])].lower;
      }
    }
    if (r == "cop") {
      p.pred = kPredHasCop;
      const bool nominal = p.upos == "NOUN" || p.upos == "PROPN" || p.upos == "PRON" || p.upos == "NUM";
      c.pred = nominal ? kPredCopNominal : kPredCopOther;
      c.pred_lexfile = p.cls.noun_lexfile;
    }
    if (r == "aux" || r == "aux:pass") {
      if (!p.aux.empty()) p.aux.push_back('+');
      p.aux += c.lemma.empty() ? c.lower : c.lemma;
    }
    if (r == "mark" && p.mark.empty()) p.mark = c.lower;
    if (r == "obj") p.kids |= kKidObj;
    if (r == "ccomp") p.kids |= kKidCcomp;
    if (r == "xcomp") p.kids |= kKidXcomp;
    if (r == "nsubj") p.kids |= kKidNsubj;
    if (r == "nsubj:pass" || r == "aux:pass") p.kids |= kKidPass;
    if (r == "acl") p.kids |= kKidAcl;
  }
}

namespace {

void event_features(const std::vector<ClassifierToken>& toks, std::size_t i, FeatureKeys& out) {
  const ClassifierToken& t = toks[i];
  const std::string_view w = t.lower;
  auto word_at = [&](long k) -> std::string_view {
    long j = static_cast<long>(i) + k;
    if (j < 0) return kBos;
    if (j >= static_cast<long>(toks.size())) return kEos;
    return toks[static_cast<std::size_t>(j)].lower;
  };
  auto pos_at = [&](long k) -> unsigned {
    long j = static_cast<long>(i) + k;
    if (j < 0 || j >= static_cast<long>(toks.size())) return 16;
    return toks[static_cast<std::size_t>(j)].cls.pos;
  };
  if (t.num_word_keys != 0) {
    std::copy_n(t.word_keys.begin(), t.num_word_keys,
                out.keys.begin() + static_cast<std::ptrdiff_t>(out.size));
    out.size += t.num_word_keys;
  } else {
    out.size += hash_word_keys(t, out.keys.data() + out.size);
  }
  out.push_back(f("cap", (t.capitalised ? 1u : 0u) + (i == 0 ? 2u : 0u)));
  out.push_back(f("p", t.cls.pos));
  out.push_back(f("nl", t.cls.noun_lexfile));
  out.push_back(f("vl", t.cls.verb_lexfile));
  out.push_back(f("ev", t.cls.event_noun));
  out.push_back(f("pvl", t.cls.pos * 64u + t.cls.verb_lexfile));
  out.push_back(f("w-1", word_at(-1)));
  out.push_back(f("w+1", word_at(1)));
  out.push_back(f("w-2", word_at(-2)));
  out.push_back(f("w+2", word_at(2)));
  out.push_back(Hasher{}.add("w-1w").add(word_at(-1)).add(w).h);
  out.push_back(Hasher{}.add("ww+1").add(w).add(word_at(1)).h);
  out.push_back(f("p-1", pos_at(-1)));
  out.push_back(f("p+1", pos_at(1)));
  out.push_back(f("p-1p", pos_at(-1) * 32u + t.cls.pos));
  out.push_back(Hasher{}.add("w-1p").add(word_at(-1)).add(t.cls.pos).h);
  out.push_back(Hasher{}.add("w-2p").add(word_at(-2)).add(t.cls.pos).h);
  out.push_back(Hasher{}.add("pw+1").add(t.cls.pos).add(word_at(1)).h);
  out.push_back(f("nlvl", t.cls.noun_lexfile * 64u + t.cls.verb_lexfile));
  // The base form with its neighbours: "decided to", "expected that", "the attack".
  const std::string_view base = !t.verb.empty()   ? std::string_view(t.verb)
                                : !t.noun.empty() ? std::string_view(t.noun)
                                                  : w;
  out.push_back(Hasher{}.add("bw+1").add(base).add(word_at(1)).h);
  out.push_back(Hasher{}.add("w-1b").add(word_at(-1)).add(base).h);
  out.push_back(Hasher{}.add("bw+2").add(base).add(word_at(2)).h);
  if (!t.event_verb.empty()) {
    out.push_back(f("ev", t.event_verb));
    out.push_back(Hasher{}.add("evw+1").add(t.event_verb).add(word_at(1)).h);
    out.push_back(f("evn", t.event_verb == t.verb ? 1u : 2u));
    // Its WordNet synset and hypernyms, whatever the depth: relatives share a class.
    for (std::size_t k = 0; k < t.verb_senses.ancestors.size() && t.verb_senses.ancestors[k]; ++k)
      out.push_back(f(k == 0 ? "vs" : "vh", t.verb_senses.ancestors[k]));
    // The complements its senses take, alone and with the one it has here.
    out.push_back(f("vfr", t.verb_senses.frames));
    out.push_back(Hasher{}.add("vfrk").add(t.verb_senses.frames).add(t.kids).h);
    // A nominalisation's verb's WordNet file: "investigation" is a cognition act as
    // "investigate" is, "approval" a communication like "approve".
    if (t.verb.empty())
      out.push_back(Hasher{}.add("evvl").add(t.event_verb_lexfile).add(t.cls.noun_lexfile).h);
  }
  out.push_back(Hasher{}.add("w-1w+1").add(word_at(-1)).add(word_at(1)).h);
  out.push_back(Hasher{}.add("w-2w-1").add(word_at(-2)).add(word_at(-1)).h);
  out.push_back(f("vlw+1", t.cls.verb_lexfile * 256u + (word_at(1) == "to"     ? 1u
                                                        : word_at(1) == "that" ? 2u
                                                                               : 0u)));
  if (!t.upos.empty()) syntax_features(toks, i, base, out);
}

}  // namespace

void event_features(const std::vector<ClassifierToken>& toks, std::size_t i,
                    std::vector<std::uint64_t>& out) {
  FeatureKeys keys;
  event_features(toks, i, keys);
  out.assign(keys.keys.begin(), keys.keys.begin() + static_cast<std::ptrdiff_t>(keys.size));
}

void FlatWeights::build(const std::unordered_map<std::uint64_t, Weights>& table) {
  build(Entries(table.begin(), table.end()));
}

void FlatWeights::build(Entries entries) {
  slots_.clear();
  keys_.clear();
  values_.clear();
  shift_ = 64;
  // Key order: the layout does not depend on a map's iteration order, and a feature given twice
  // (a corrupt file) keeps one entry.
  auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
  // A model file is written in key order (save()), so after load() this is only the check.
  if (!std::is_sorted(entries.begin(), entries.end(), by_key))
    std::sort(entries.begin(), entries.end(), by_key);
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [](const auto& a, const auto& b) { return a.first == b.first; }),
                entries.end());
  if (entries.empty()) return;
  // At most half full: probe runs stay short.
  unsigned bits = 1;
  while ((std::size_t{1} << bits) < 2 * entries.size()) ++bits;
  shift_ = 64 - bits;
  slots_.assign(std::size_t{1} << bits, Slot{});
  keys_.reserve(entries.size());
  values_.reserve(entries.size());
  const std::size_t mask = slots_.size() - 1;
  for (const auto& [h, w] : entries) {
    std::size_t slot = slot_of(h);
    while (slots_[slot].index != kEmpty) slot = (slot + 1) & mask;
    slots_[slot] = {static_cast<std::uint32_t>(values_.size()), tag_of(h)};
    keys_.push_back(h);
    values_.push_back(w);
  }
}

const FlatWeights::Weights* FlatWeights::find(std::uint64_t h) const {
  if (values_.empty()) return nullptr;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = slot_of(h);; slot = (slot + 1) & mask) {
    const Slot& sl = slots_[slot];
    if (sl.index == kEmpty) return nullptr;
    if (sl.tag == tag_of(h) && keys_[sl.index] == h) return &values_[sl.index];
  }
}

void FlatWeights::add_all(const std::vector<std::uint64_t>& feats, Weights& score) const {
  if (values_.empty()) return;
  const std::size_t mask = slots_.size() - 1;
  // Memory latency dominates: touch every slot first, then every weight row
  // found, so the misses overlap; then sum in feature order (the same floats
  // in the same order as a one-pass loop).
  constexpr std::size_t kBatch = 64;
  const Weights* found[kBatch];
  // Summed in a local: `score` might alias the rows, which kept every class's sum in memory.
  Weights sum = score;
  for (std::size_t base = 0; base < feats.size(); base += kBatch) {
    const std::size_t n = std::min(kBatch, feats.size() - base);
    for (std::size_t i = 0; i < n; ++i) __builtin_prefetch(&slots_[slot_of(feats[base + i])]);
    std::size_t k = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t h = feats[base + i];
      const std::uint16_t tag = tag_of(h);
      for (std::size_t slot = slot_of(h);; slot = (slot + 1) & mask) {
        const Slot& sl = slots_[slot];
        if (sl.index == kEmpty) break;
        if (sl.tag == tag) {
          found[k] = &values_[sl.index];
          __builtin_prefetch(found[k++]);
          break;
        }
      }
    }
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t c = 0; c < kNumEventClasses; ++c) sum[c] += (*found[i])[c];
  }
  score = sum;
}

const EventClassifier::Weights* EventClassifier::find(std::uint64_t h) const {
  if (auto it = weights.find(h); it != weights.end()) return &it->second;
  return indexed_ ? flat_weights_.find(h) : nullptr;
}

float EventClassifier::word_event_lean(std::string_view lower) const {
  const Weights* w = find(f("w", lower));
  if (!w) return 0.0f;
  return *std::max_element(w->begin() + 1, w->end()) - (*w)[0];
}

void EventClassifier::build_index() {
  flat_weights_.build(weights);
  flat_class_weights_.build(class_weights);
  indexed_ = true;
}

std::uint8_t EventClassifier::predict(const std::vector<std::uint64_t>& feats) const {
  auto add_map = [&](const std::unordered_map<std::uint64_t, Weights>& table, Weights& score) {
    for (std::uint64_t h : feats) {
      auto it = table.find(h);
      if (it == table.end()) continue;
      for (std::size_t c = 0; c < kNumEventClasses; ++c) score[c] += it->second[c];
    }
  };
  Weights score{};
  if (indexed_)
    flat_weights_.add_all(feats, score);
  else
    add_map(weights, score);
  auto best = static_cast<std::uint8_t>(std::max_element(score.begin(), score.end()) - score.begin());
  if (best == 0 || (indexed_ ? flat_class_weights_.empty() : class_weights.empty())) return best;
  // The class: the class model's scores on top of the detection model's.
  Weights cs = score;
  if (indexed_)
    flat_class_weights_.add_all(feats, cs);
  else
    add_map(class_weights, cs);
  return static_cast<std::uint8_t>(std::max_element(cs.begin() + 1, cs.end()) - cs.begin());
}

std::vector<std::uint8_t> EventClassifier::classify(const std::vector<ClassifierToken>& toks,
                                                    const std::vector<std::uint8_t>* only) const {
  std::vector<std::uint8_t> out(toks.size(), 0);
  std::vector<std::uint64_t> feats;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (only && (i >= only->size() || !(*only)[i])) continue;
    event_features(toks, i, feats);
    out[i] = predict(feats);
  }
  return out;
}

namespace {

// A table in ascending feature order, from the maps or (after load) the lookup table.
using Sorted = std::vector<std::pair<std::uint64_t, const EventClassifier::Weights*>>;
Sorted sorted(const std::unordered_map<std::uint64_t, EventClassifier::Weights>& table,
              const FlatWeights& flat) {
  Sorted v;
  if (!table.empty()) {
    v.reserve(table.size());
    for (const auto& [h, ws] : table) v.emplace_back(h, &ws);
    std::sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.first < b.first; });
  } else {
    v.reserve(flat.size());
    for (std::size_t i = 0; i < flat.size(); ++i) v.emplace_back(flat.key(i), &flat.value(i));
  }
  return v;
}

void save_table(BinaryWriter& w, const Sorted& v) {
  // Weights are stored as 16-bit fixed point with one scale: plenty for a
  // perceptron's argmax, and half the size of floats.
  float maxabs = 1e-6f;
  for (auto& [h, ws] : v)
    for (float x : *ws) maxabs = std::max(maxabs, std::abs(x));
  const float scale = maxabs / 32767.0f;
  w.u32(static_cast<std::uint32_t>(v.size()));
  w.f32(scale);
  for (auto& [h, ws] : v) {
    w.u64(h);
    for (float x : *ws) {
      auto q = static_cast<std::uint16_t>(static_cast<std::int16_t>(std::lround(x / scale)));
      w.u8(static_cast<std::uint8_t>(q & 0xff));
      w.u8(static_cast<std::uint8_t>(q >> 8));
    }
  }
}

FlatWeights::Entries load_table(BinaryReader& r) {
  FlatWeights::Entries table;
  std::uint32_t n = r.u32();
  if (n > r.remaining() / 8) r.fail("bad classifier size");
  float scale = r.f32();
  table.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::uint64_t h = r.u64();
    EventClassifier::Weights ws{};
    // One read per row: a byte at a time was a third of loading the events model.
    const std::string_view row = r.bytes(2 * ws.size());
    for (std::size_t k = 0; k < ws.size(); ++k) {
      const auto lo = static_cast<std::uint8_t>(row[2 * k]), hi = static_cast<std::uint8_t>(row[2 * k + 1]);
      ws[k] =
          static_cast<float>(static_cast<std::int16_t>(static_cast<std::uint16_t>(lo | (hi << 8)))) * scale;
    }
    table.emplace_back(h, ws);
  }
  return table;
}

}  // namespace

void EventClassifier::save(BinaryWriter& w) const {
  save_table(w, sorted(weights, flat_weights_));
  save_table(w, sorted(class_weights, flat_class_weights_));
}

EventClassifier EventClassifier::load(BinaryReader& r) {
  EventClassifier c;
  c.flat_weights_.build(load_table(r));
  c.flat_class_weights_.build(load_table(r));
  c.indexed_ = true;
  return c;
}

}  // namespace chronicle
