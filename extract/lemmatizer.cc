#include "extract/lemmatizer.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <span>
#include <vector>

#include "extract/feature_hash.h"

namespace chronicle {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

namespace {

bool is_proper(std::string_view xpos) { return xpos == "NNP" || xpos == "NNPS"; }

int word_class(std::string_view upos, std::string_view xpos) {
  if (xpos == "NNS") return Lemmatizer::kNoun;
  if (xpos.starts_with("VB")) return Lemmatizer::kVerb;
  if (xpos == "JJR" || xpos == "JJS") return Lemmatizer::kAdj;
  if (xpos == "RBR" || xpos == "RBS") return Lemmatizer::kAdv;
  (void)upos;
  return -1;
}

bool ends_with(std::string_view s, std::string_view suf) { return s.size() > suf.size() && s.ends_with(suf); }

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Plain suffix rules for words WordNet does not know.
std::string fallback(const std::string& w, int cls, std::string_view xpos) {
  if (cls == Lemmatizer::kNoun) {
    if (ends_with(w, "ies") && w.size() > 4) return w.substr(0, w.size() - 3) + "y";
    if (ends_with(w, "sses") || ends_with(w, "xes") || ends_with(w, "zes") || ends_with(w, "ches") ||
        ends_with(w, "shes"))
      return w.substr(0, w.size() - 2);
    if (ends_with(w, "s") && !ends_with(w, "ss") && !ends_with(w, "us") && !ends_with(w, "is"))
      return w.substr(0, w.size() - 1);
    return w;
  }
  if (cls == Lemmatizer::kVerb) {
    if (xpos == "VBZ") {
      if (ends_with(w, "ies") && w.size() > 4) return w.substr(0, w.size() - 3) + "y";
      if (ends_with(w, "sses") || ends_with(w, "xes") || ends_with(w, "zes") || ends_with(w, "ches") ||
          ends_with(w, "shes"))
        return w.substr(0, w.size() - 2);
      if (ends_with(w, "s") && !ends_with(w, "ss")) return w.substr(0, w.size() - 1);
      return w;
    }
    std::string stem;
    if ((xpos == "VBG") && ends_with(w, "ing") && w.size() > 4)
      stem = w.substr(0, w.size() - 3);
    else if ((xpos == "VBD" || xpos == "VBN") && ends_with(w, "ied") && w.size() > 4)
      return w.substr(0, w.size() - 3) + "y";
    else if ((xpos == "VBD" || xpos == "VBN") && ends_with(w, "ed") && w.size() > 3)
      stem = w.substr(0, w.size() - 2);
    else
      return w;
    std::size_t n = stem.size();
    if (n >= 2 && stem[n - 1] == stem[n - 2] && !is_vowel(stem[n - 1]) && stem[n - 1] != 'l' &&
        stem[n - 1] != 's' && stem[n - 1] != 'z')
      return stem.substr(0, n - 1);  // stopped -> stop
    if (n >= 2 && !is_vowel(stem[n - 1]) && is_vowel(stem[n - 2]) && (n < 3 || !is_vowel(stem[n - 3])) &&
        stem[n - 1] != 'w' && stem[n - 1] != 'x' && stem[n - 1] != 'y')
      return stem + "e";  // hoped -> hope (a guess; WordNet knows most verbs)
    return stem;
  }
  if (cls == Lemmatizer::kAdj) {
    if (ends_with(w, "iest") && w.size() > 5) return w.substr(0, w.size() - 4) + "y";
    if (ends_with(w, "ier") && w.size() > 4) return w.substr(0, w.size() - 3) + "y";
    if (ends_with(w, "est") && w.size() > 4) return w.substr(0, w.size() - 3);
    if (ends_with(w, "er") && w.size() > 3) return w.substr(0, w.size() - 2);
    return w;
  }
  return w;
}

struct Detach {
  std::string_view suffix, ending;
};

// WordNet's morphy detachment rules.
constexpr Detach kNounRules[] = {{"s", ""},      {"ses", "s"},   {"xes", "x"},   {"zes", "z"},
                                 {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};
constexpr Detach kVerbRules[] = {{"s", ""},   {"ies", "y"}, {"es", "e"},  {"es", ""},
                                 {"ed", "e"}, {"ed", ""},   {"ing", "e"}, {"ing", ""}};
constexpr Detach kAdjRules[] = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};

}  // namespace

std::string Lemmatizer::lexicon_key(std::string_view form, std::string_view xpos) {
  std::string key = is_proper(xpos) ? std::string(form) : ascii_lower(form);
  key += '\t';
  key += xpos;
  return key;
}

void Lemmatizer::add_lexicon(std::string_view form, std::string_view xpos, std::string lemma) {
  lexicon_[lexicon_key(form, xpos)] = std::move(lemma);
  drop_index();
}

std::string Lemmatizer::rule_lemma(std::string_view form, std::string_view upos,
                                   std::string_view xpos) const {
  if (xpos == "NNP") return std::string(form);
  if (xpos == "NNPS") {
    if (ends_with(form, "s") && !ends_with(form, "ss")) return std::string(form.substr(0, form.size() - 1));
    return std::string(form);
  }
  std::string w = ascii_lower(form);
  int cls = word_class(upos, xpos);
  if (cls < 0) return w;
  if (const std::string* base = exception(cls, w)) return *base;
  if (known(cls, w) && (xpos == "VB" || xpos == "VBP")) return w;
  std::span<const Detach> rules;
  if (cls == kNoun)
    rules = kNounRules;
  else if (cls == kVerb)
    rules = kVerbRules;
  else if (cls == kAdj)
    rules = kAdjRules;
  for (const Detach& d : rules) {
    if (!ends_with(w, d.suffix)) continue;
    std::string cand = w.substr(0, w.size() - d.suffix.size());
    cand += d.ending;
    if (known(cls, cand)) return cand;
  }
  if (known(cls, w)) return w;
  return fallback(w, cls, xpos);
}

std::string Lemmatizer::lemma(std::string_view form, std::string_view upos, std::string_view xpos) const {
  if (indexed_) {
    // features::hash_string(lexicon_key(form, xpos)), hashed as the key is read instead of
    // built as a string first: this runs for every token the tagger tags.
    const auto lower = [](unsigned char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c;
    };
    std::uint64_t h = is_proper(xpos) ? features::fnv1a(features::kFnvOffset, form)
                                      : features::fnv1a(features::kFnvOffset, form, lower);
    h = features::fnv1a(features::fnv1a(h, "\t"), xpos);
    if (const std::string* l = lexicon_index_.find_hashed(features::finalize(h))) return *l;
  } else if (!lexicon_.empty()) {
    if (auto it = lexicon_.find(lexicon_key(form, xpos)); it != lexicon_.end()) return it->second;
  }
  return rule_lemma(form, upos, xpos);
}

std::uint32_t Lemmatizer::wordnet_classes(std::string_view lower) const {
  std::uint32_t mask = 0;
  std::string w(lower);
  if (indexed_) {
    // The word's index entry holds both answers (classes in bits 0-3, exception forms in 4-6):
    // one hash and one lookup for the seven known() / exception_form() would make.
    if (const std::uint8_t* bits = word_bits_.find(features::hash_string(w))) mask = *bits & 0x7Fu;
  } else {
    for (int c = 0; c < kNumClasses; ++c)
      if (known(c, w)) mask |= 1u << c;
    for (int c = 0; c < 3; ++c)
      if (exception_form(c, w)) mask |= 1u << (4 + c);
  }
  auto hit = [&](int cls, std::string_view suffix, std::string_view ending) {
    if (!ends_with(w, suffix)) return false;
    const std::string_view stem = std::string_view(w).substr(0, w.size() - suffix.size());
    if (indexed_) {
      // known(cls, stem + ending), hashed without building the candidate.
      const std::uint64_t h = features::fnv1a(features::fnv1a(features::kFnvOffset, stem), ending);
      const std::uint8_t* bits = word_bits_.find(features::finalize(h));
      return bits && (*bits >> cls & 1);
    }
    std::string cand(stem);
    cand += ending;
    return known(cls, cand);
  };
  if (hit(kNoun, "s", "") || hit(kNoun, "es", "") || hit(kNoun, "ies", "y") || hit(kNoun, "men", "man"))
    mask |= 1u << 7;
  if (hit(kVerb, "s", "") || hit(kVerb, "es", "") || hit(kVerb, "ies", "y")) mask |= 1u << 8;
  if (hit(kVerb, "ed", "") || hit(kVerb, "ed", "e") || hit(kVerb, "ied", "y") ||
      (w.size() > 4 && ends_with(w, "ed") && w[w.size() - 3] == w[w.size() - 4] &&
       hit(kVerb, w.substr(w.size() - 3), std::string(1, w[w.size() - 3]))))
    mask |= 1u << 9;
  if (hit(kVerb, "ing", "") || hit(kVerb, "ing", "e") ||
      (w.size() > 5 && ends_with(w, "ing") && w[w.size() - 4] == w[w.size() - 5] &&
       hit(kVerb, w.substr(w.size() - 4), std::string(1, w[w.size() - 4]))))
    mask |= 1u << 10;
  if (hit(kAdj, "er", "") || hit(kAdj, "est", "") || hit(kAdj, "er", "e") || hit(kAdj, "est", "e") ||
      hit(kAdj, "ier", "y") || hit(kAdj, "iest", "y"))
    mask |= 1u << 11;
  return mask;
}

void Lemmatizer::load_wordnet(const std::string& dir) {
  static constexpr const char* kNames[] = {"noun", "verb", "adj", "adv"};
  for (int c = 0; c < kNumClasses; ++c) {
    for (bool exc : {true, false}) {
      std::string path =
          dir + "/" + (exc ? std::string(kNames[c]) + ".exc" : "index." + std::string(kNames[c]));
      std::ifstream in(path);
      if (!in) throw ModelError(path + ": cannot read WordNet file (install wordnet-base)");
      std::string line;
      while (std::getline(in, line)) {
        if (line.empty() || line[0] == ' ') continue;  // index files open with a licence block
        std::size_t sp = line.find(' ');
        if (sp == std::string::npos) continue;
        std::string first = line.substr(0, sp);
        if (first.find('_') != std::string::npos) continue;
        if (exc) {
          std::size_t sp2 = line.find(' ', sp + 1);
          std::string base = line.substr(sp + 1, sp2 == std::string::npos ? std::string::npos : sp2 - sp - 1);
          if (base.find('_') == std::string::npos) exceptions_[c].emplace(first, base);
        } else {
          known_[c].insert(first);
        }
        drop_index();
      }
    }
  }
}

namespace {
template <class Map>
std::vector<std::pair<std::string, std::string>> sorted_pairs(const Map& m) {
  std::vector<std::pair<std::string, std::string>> v(m.begin(), m.end());
  std::sort(v.begin(), v.end());
  return v;
}
}  // namespace

void Lemmatizer::write(BinaryWriter& w) const {
  auto lex = sorted_pairs(lexicon_);
  w.u32(static_cast<std::uint32_t>(lex.size()));
  for (auto& [k, v] : lex) {
    w.str(k);
    w.str(v);
  }
  for (int c = 0; c < kNumClasses; ++c) {
    auto exc = sorted_pairs(exceptions_[c]);
    w.u32(static_cast<std::uint32_t>(exc.size()));
    for (auto& [k, v] : exc) {
      w.str(k);
      w.str(v);
    }
    std::vector<std::string> known(known_[c].begin(), known_[c].end());
    std::sort(known.begin(), known.end());
    w.u32(static_cast<std::uint32_t>(known.size()));
    for (auto& k : known) w.str(k);
  }
}

Lemmatizer Lemmatizer::read(BinaryReader& r) {
  Lemmatizer l;
  auto count = [&] {
    std::uint32_t n = r.u32();
    if (n > r.remaining() / 4) r.fail("corrupt lemmatiser tables");
    return n;
  };
  std::uint32_t n = count();
  l.lexicon_.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::string k = r.str();
    l.lexicon_.emplace(std::move(k), r.str());
  }
  for (int c = 0; c < kNumClasses; ++c) {
    n = count();
    l.exceptions_[c].reserve(n);
    for (std::uint32_t i = 0; i < n; ++i) {
      std::string k = r.str();
      l.exceptions_[c].emplace(std::move(k), r.str());
    }
    n = count();
    l.known_[c].reserve(n);
    for (std::uint32_t i = 0; i < n; ++i) l.known_[c].insert(r.str());
  }
  l.index();
  return l;
}

void Lemmatizer::index() {
  word_bits_ = {};
  lexicon_index_.build(lexicon_);
  for (int c = 0; c < kNumClasses; ++c) exception_index_[c].build(exceptions_[c]);
  indexed_ = true;
  auto mark = [&](const std::string& w, int bit) {
    const std::uint64_t h = features::hash_string(w);
    const std::uint8_t* old = word_bits_.find(h);
    word_bits_.insert_or_assign(h, static_cast<std::uint8_t>((old ? *old : 0) | (1u << bit)));
  };
  for (int c = 0; c < kNumClasses; ++c) {
    for (const auto& w : known_[c]) mark(w, c);
    for (const auto& [w, base] : exceptions_[c]) mark(w, 4 + c);
  }
}

bool Lemmatizer::known(int cls, std::string_view w) const {
  if (!indexed_) return known_[cls].count(std::string(w)) > 0;
  const std::uint8_t* bits = word_bits_.find(features::hash_string(w));
  return bits && (*bits >> cls & 1);
}

bool Lemmatizer::exception_form(int cls, std::string_view w) const {
  if (!indexed_) return exceptions_[cls].count(std::string(w)) > 0;
  const std::uint8_t* bits = word_bits_.find(features::hash_string(w));
  return bits && (*bits >> (4 + cls) & 1);
}

const std::string* Lemmatizer::exception(int cls, std::string_view w) const {
  if (indexed_) return exception_index_[cls].find(w);
  auto it = exceptions_[cls].find(std::string(w));
  return it == exceptions_[cls].end() ? nullptr : &it->second;
}

}  // namespace chronicle
