// Features of the part-of-speech tagger, shared by the runtime (tagger.cc)
// and the trainer (tagger_trainer.cc) so both see exactly the same ones
// (internal header).
//
// Per token: the lowercased word, prefixes and suffixes, a word shape, the
// words two to the left and right, the two previous predicted tags, and the
// "ambiguity class" (the two most frequent tags in training) of the word and
// of the next two words, which gives a left-to-right tagger some lookahead,
// and word classes learned from unlabeled text (exchange clustering), which
// tell a word unseen in the treebank by the company it keeps elsewhere.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/u64_map.h"
#include "extract/feature_hash.h"
#include "extract/lemmatizer.h"

namespace chronicle::tagger_detail {

inline constexpr std::uint32_t kNoAmb = 0xffffffffu;
inline constexpr int kStartTag = -1;

struct Lexicon {
  U64Map<std::uint16_t> dict;        // exact form hash -> its only tag
  U64Map<std::uint32_t> amb;         // lowercase hash -> top1 | top2 << 16
  U64Map<std::uint16_t> word_class;  // lowercase hash -> class + 1
};

struct Word {
  std::uint64_t lower = 0, shape = 0, form = 0;
  std::uint64_t suffix[4] = {0, 0, 0, 0};
  std::uint64_t prefix[3] = {0, 0, 0};
  std::uint32_t amb = kNoAmb;
  std::uint32_t wordnet = 0xffffffffu;  // Lemmatizer::wordnet_classes, for words without `amb`
  int dict = -1;                        // tag from the tag dictionary, or -1
  std::uint16_t word_class = 0;         // 0: none
  std::uint8_t flags = 0;
};

inline std::uint64_t word_shape(std::string_view s) {
  std::uint64_t h = features::kFnvOffset;
  char last = 0;
  int run = 0;
  for (unsigned char c : s) {
    char k = (c >= 'A' && c <= 'Z')   ? 'X'
             : (c >= 'a' && c <= 'z') ? 'x'
             : (c >= '0' && c <= '9') ? 'd'
             : (c >= 0x80)            ? 'u'
                                      : static_cast<char>(c);
    if (k == last) {
      if (++run > 2) continue;
    } else {
      run = 1;
      last = k;
    }
    h ^= static_cast<unsigned char>(k);
    h *= features::kFnvPrime;
  }
  return features::finalize(h);
}

// Prepares one word, `form` being features::hash_string(f); `lower` is scratch. Flag 8 (first
// in the sentence) is the caller's.
inline void prepare_word(std::string_view f, std::uint64_t form, const Lexicon& lex,
                         const Lemmatizer& lemmatizer, std::string& lower, Word& w) {
  lower.assign(f);
  bool has_upper = false, has_digit = false, has_hyphen = false;
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
      has_upper = true;
    } else if (c >= '0' && c <= '9') {
      has_digit = true;
    } else if (c == '-') {
      has_hyphen = true;
    }
  }
  w.flags = static_cast<std::uint8_t>((has_upper ? 1 : 0) | (has_digit ? 2 : 0) | (has_hyphen ? 4 : 0));
  std::string_view lv(lower);
  w.form = form;
  const std::uint16_t* d = lex.dict.find(w.form);
  w.dict = d ? *d : -1;
  w.lower = features::hash_string(lv);
  w.shape = word_shape(f);
  auto suffix = [&](int k) {
    return lv.size() > static_cast<std::size_t>(k + 1) ? features::hash_string(lv.substr(lv.size() - k - 1))
                                                       : 0;
  };
  const std::uint32_t* a = lex.amb.find(w.lower);
  w.amb = a ? *a : kNoAmb;
  const std::uint16_t* wc = lex.word_class.find(w.lower);
  w.word_class = wc ? *wc : 0;
  // Neighbours read a word's lowercase form, shape, third suffix,
  // ambiguity and word class; the rest only its own features, which a word
  // of the tag dictionary never has (extract() is not called for it), so
  // they stay at their defaults: half of prepare()'s hashing.
  w.suffix[2] = suffix(2);
  if (w.dict >= 0) {
    w.suffix[0] = w.suffix[1] = w.suffix[3] = 0;
    w.prefix[0] = w.prefix[1] = w.prefix[2] = 0;
    w.wordnet = 0xffffffffu;
    return;
  }
  for (int k : {0, 1, 3}) w.suffix[k] = suffix(k);
  // Each prefix's hash continues the one before it (FNV-1a runs forward).
  std::uint64_t prefix = features::kFnvOffset;
  for (int k = 0; k < 3; ++k) {
    const bool longer = lv.size() > static_cast<std::size_t>(k + 1);
    if (longer)
      prefix = (prefix ^ static_cast<unsigned char>(lv[static_cast<std::size_t>(k)])) * features::kFnvPrime;
    w.prefix[k] = longer ? features::finalize(prefix) : 0;
  }
  w.wordnet = w.amb == kNoAmb ? lemmatizer.wordnet_classes(lv) : 0xffffffffu;
}

// The words prepare() made before in the same text, by the hash of their form (the key the tag
// dictionary already goes by): a story repeats its words, and preparing one costs a dozen
// hashes and three or four lookups, finding it here one hash and one lookup.
struct WordCache {
  U64Map<std::uint32_t> index;  // form hash -> position in `words`
  std::vector<Word> words;      // without flag 8
};

inline void prepare(const std::vector<std::string_view>& forms, const Lexicon& lex,
                    const Lemmatizer& lemmatizer, std::vector<Word>& out, WordCache* cache = nullptr) {
  out.resize(forms.size());
  std::string lower;
  for (std::size_t i = 0; i < forms.size(); ++i) {
    Word& w = out[i];
    const std::uint64_t form = features::hash_string(forms[i]);
    if (cache == nullptr) {
      prepare_word(forms[i], form, lex, lemmatizer, lower, w);
    } else if (const std::uint32_t* known = cache->index.find(form)) {
      w = cache->words[*known];
    } else {
      prepare_word(forms[i], form, lex, lemmatizer, lower, w);
      cache->index.emplace(form, static_cast<std::uint32_t>(cache->words.size()));
      cache->words.push_back(w);
    }
    if (i == 0) w.flags |= 8;
  }
}

// At most this many features per token (51 when every optional template fires).
inline constexpr std::size_t kMaxFeatures = 64;

// Appends the features of token i given the two previous tags.
inline void extract(const std::vector<Word>& ws, std::size_t i, int prev, int prev2,
                    std::vector<std::uint64_t>& out) {
  using features::combine;
  static const std::uint64_t kPad = features::hash_string("<pad>");
  const Word& w = ws[i];
  const std::size_t n = ws.size();
  auto lw = [&](std::ptrdiff_t d) -> std::uint64_t {
    std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + d;
    return (j < 0 || j >= static_cast<std::ptrdiff_t>(n)) ? kPad + static_cast<std::uint64_t>(d)
                                                          : ws[j].lower;
  };
  auto amb = [&](std::ptrdiff_t d) -> std::uint64_t {
    std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + d;
    return (j < 0 || j >= static_cast<std::ptrdiff_t>(n)) ? 0xfffffffeu : ws[j].amb;
  };
  auto suf3 = [&](std::ptrdiff_t d) -> std::uint64_t {
    std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + d;
    return (j < 0 || j >= static_cast<std::ptrdiff_t>(n)) ? kPad
           : ws[j].suffix[2]                              ? ws[j].suffix[2]
                                                          : ws[j].lower;
  };
  auto shape = [&](std::ptrdiff_t d) -> std::uint64_t {
    std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + d;
    return (j < 0 || j >= static_cast<std::ptrdiff_t>(n)) ? kPad : ws[j].shape;
  };
  auto cls = [&](std::ptrdiff_t d) -> std::uint64_t {
    std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + d;
    return (j < 0 || j >= static_cast<std::ptrdiff_t>(n)) ? 0xffffu : ws[j].word_class;
  };
  const std::uint64_t p1 = static_cast<std::uint64_t>(prev + 2), p2 = static_cast<std::uint64_t>(prev2 + 2);
  // Written through a pointer into space made once (kMaxFeatures), then cut
  // to what was written: a push_back per feature was a fifth of extraction.
  const std::size_t first = out.size();
  out.resize(first + kMaxFeatures);
  std::uint64_t* o = out.data() + first;
  auto push = [&o](std::uint64_t f) __attribute__((always_inline)) { *o++ = f; };
  push(combine(1, 0));
  push(combine(2, w.lower));
  for (int k = 0; k < 4; ++k)
    if (w.suffix[k]) push(combine(3 + k, w.suffix[k]));
  for (int k = 0; k < 3; ++k)
    if (w.prefix[k]) push(combine(7 + k, w.prefix[k]));
  push(combine(10, w.shape));
  push(combine(11, w.flags));
  push(combine(12, p1));
  push(combine(13, p1, p2));
  push(combine(14, p1, w.lower));
  push(combine(15, lw(-1)));
  push(combine(16, suf3(-1)));
  push(combine(17, lw(-2)));
  push(combine(18, lw(1)));
  push(combine(19, suf3(1)));
  push(combine(20, lw(2)));
  push(combine(21, amb(0)));
  push(combine(22, amb(1)));
  push(combine(23, amb(2)));
  push(combine(24, lw(-1), w.lower));
  push(combine(25, w.lower, lw(1)));
  push(combine(26, p1, lw(1)));
  push(combine(27, p1, amb(1)));
  push(combine(28, amb(0), amb(1)));
  push(combine(29, p1, amb(0)));
  push(combine(30, shape(-1), w.shape, shape(1)));
  push(combine(31, p1, w.suffix[2] ? w.suffix[2] : w.lower));
  push(combine(32, amb(1), amb(2)));
  push(combine(33, p1, p2, amb(0)));
  push(combine(34, w.shape, w.flags & 8));
  push(combine(35, amb(-1)));
  push(combine(36, w.suffix[1] ? w.suffix[1] : w.lower, lw(1)));
  if (w.flags & 1) push(combine(41, w.form));
  push(combine(42, w.suffix[2] ? w.suffix[2] : w.lower, amb(1)));
  push(combine(43, w.lower, amb(1)));
  push(combine(44, shape(1), amb(1)));
  if (w.word_class) {
    push(combine(45, cls(0)));
    push(combine(46, p1, cls(0)));
    push(combine(47, cls(0), cls(1)));
    push(combine(48, w.suffix[1] ? w.suffix[1] : w.lower, cls(0)));
  }
  push(combine(49, cls(-1)));
  push(combine(50, cls(1)));
  push(combine(51, cls(1), cls(2)));
  if (w.amb == kNoAmb) {
    push(combine(37, w.wordnet));
    push(combine(38, w.wordnet, w.suffix[1] ? w.suffix[1] : w.lower));
    push(combine(39, p1, w.wordnet));
    push(combine(40, w.wordnet, w.flags));
  }
  out.resize(static_cast<std::size_t>(o - out.data()));
}

}  // namespace chronicle::tagger_detail
