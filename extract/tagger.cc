#include "extract/tagger.h"

#include <algorithm>

#include "core/model_file.h"
#include "extract/tagger_impl.h"

namespace chronicle {

namespace {
constexpr std::string_view kKind = "pos";

std::vector<std::string_view> split_spaces(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t sp = s.find(' ', pos);
    if (sp == std::string_view::npos) sp = s.size();
    if (sp > pos) out.push_back(s.substr(pos, sp - pos));
    pos = sp + 1;
  }
  return out;
}
// A sentence needs a finite verb, which the greedy left-to-right decoder cannot see coming: it
// often reads a news sentence's only verb as a past participle after a noun (a reduced relative:
// "Government forces shelled the port", "A spokesman declined comment", "Official figures put the
// harvest at 7 mln tonnes"), and the parser then heads the sentence with the noun, so the event
// loses its agent. In a sentence with no finite verb, no auxiliary and no base-form verb, the first
// past participle that follows a nominal and precedes what can be its object is the past tense.
// (On the first 1,500 Reuters stories this changes 42 sentences, 39 of them rightly; on EWT's
// gold tags it would misfire on 4 of 14,545 sentences, fragments such as "an island called jejudo".)
void require_finite_verb(const std::vector<std::string>& upos, const std::vector<std::string>& xpos,
                         std::vector<int>& tags) {
  auto is = [&](int t, std::initializer_list<std::string_view> set) {
    return std::find(set.begin(), set.end(), xpos[t]) != set.end();
  };
  for (int t : tags)
    if (upos[t] == "AUX" || is(t, {"VBD", "VBZ", "VBP", "MD", "VB"})) return;
  for (std::size_t i = 1; i + 1 < tags.size(); ++i) {
    if (xpos[tags[i]] != "VBN" || upos[tags[i]] != "VERB") continue;
    if (!is(tags[i - 1], {"NN", "NNS", "NNP", "NNPS", "PRP"})) return;
    if (!is(tags[i + 1], {"DT", "NN", "NNS", "NNP", "NNPS", "CD", "PRP", "PRP$", "JJ", "JJR", "$"})) return;
    for (std::size_t c = 0; c < xpos.size(); ++c)
      if (xpos[c] == "VBD" && upos[c] == "VERB") tags[i] = static_cast<int>(c);
    return;
  }
}

}  // namespace

std::vector<int> Tagger::Impl::decode(const std::vector<std::string_view>& forms,
                                      tagger_detail::WordCache* cache) const {
  std::vector<tagger_detail::Word> words;
  tagger_detail::prepare(forms, lexicon, lemmatizer, words, cache);
  std::vector<int> tags(forms.size());
  std::vector<std::uint64_t> feats;
  std::vector<std::int32_t> scores(upos.size());
  int prev = tagger_detail::kStartTag, prev2 = tagger_detail::kStartTag;
  for (std::size_t i = 0; i < forms.size(); ++i) {
    int t = words[i].dict;
    if (t < 0) {
      feats.clear();
      tagger_detail::extract(words, i, prev, prev2, feats);
      std::fill(scores.begin(), scores.end(), 0);
      weights.add_all(feats, scores.data());
      t = best_of_all(scores.data(), scores.size());
    }
    tags[i] = t;
    prev2 = prev;
    prev = t;
  }
  return tags;
}

std::string Tagger::Impl::serialize() const {
  std::string out;
  BinaryWriter w(out);
  write_model_header(w, ModelHeader{std::string(kKind), kFormatVersion, provenance});
  w.u32(static_cast<std::uint32_t>(upos.size()));
  for (std::size_t c = 0; c < upos.size(); ++c) {
    w.str(upos[c]);
    w.str(xpos[c]);
  }
  write_hash_table(w, lexicon.dict);
  write_hash_table(w, lexicon.amb);
  write_hash_table(w, lexicon.word_class);
  weights.write(w);
  lemmatizer.write(w);
  w.u32(static_cast<std::uint32_t>(self_test.size()));
  for (auto& [s, t] : self_test) {
    w.str(s);
    w.str(t);
  }
  return out;
}

std::unique_ptr<Tagger::Impl> Tagger::Impl::parse(std::string_view bytes, const std::string& what) {
  BinaryReader r(bytes, what);
  auto m = std::make_unique<Impl>();
  m->provenance = read_model_header(r, kKind, kFormatVersion).provenance;
  std::uint32_t n = r.u32();
  if (n == 0 || n > 4096) r.fail("bad number of tags");
  for (std::uint32_t c = 0; c < n; ++c) {
    m->upos.push_back(r.str());
    m->xpos.push_back(r.str());
  }
  read_hash_table(r, m->lexicon.dict, "tag dictionary", [&](std::uint16_t c) { return c < n; });
  read_hash_table(r, m->lexicon.amb, "ambiguity classes", [](std::uint32_t) { return true; });
  read_hash_table(r, m->lexicon.word_class, "word classes", [](std::uint16_t c) { return c != 0; });
  m->weights = WeightTable::read(r);
  if (m->weights.num_classes() != n) r.fail("weight table does not match the tag set");
  m->lemmatizer = Lemmatizer::read(r);
  std::uint32_t ns = r.u32();
  if (ns > r.remaining() / 8) r.fail("corrupt self-test");
  for (std::uint32_t i = 0; i < ns; ++i) {
    std::string s = r.str();
    m->self_test.emplace_back(std::move(s), r.str());
  }
  if (!r.at_end()) r.fail("trailing bytes after the model");
  // The model carries sentences tagged at training time: a model that no
  // longer reproduces them was damaged or is read by an incompatible build.
  for (auto& [s, expected] : m->self_test) {
    std::string got;
    for (int t : m->decode(split_spaces(s))) {
      if (!got.empty()) got += ' ';
      got += m->xpos[t];
    }
    if (got != expected) throw ModelError(what + ": self-test failed (model damaged or incompatible)");
  }
  return m;
}

Tagger::Tagger(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tagger::~Tagger() = default;

std::shared_ptr<const Tagger> Tagger::from_bytes(std::string_view bytes, const std::string& what) {
  return std::make_shared<const Tagger>(Impl::parse(bytes, what));
}

std::shared_ptr<const Tagger> Tagger::load(const std::string& path) {
  MappedFile file(path);
  return from_bytes(file.data(), path);
}

const std::string& Tagger::provenance() const { return impl_->provenance; }
std::vector<std::pair<std::uint64_t, std::uint16_t>> Tagger::word_classes() const {
  std::vector<std::pair<std::uint64_t, std::uint16_t>> out(impl_->lexicon.word_class.begin(),
                                                           impl_->lexicon.word_class.end());
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t Tagger::num_features() const { return impl_->weights.num_features(); }

std::vector<Tagger::Tagged> Tagger::tag_words(const std::vector<std::string_view>& forms) const {
  std::vector<int> tags = impl_->decode(forms);
  require_finite_verb(impl_->upos, impl_->xpos, tags);
  std::vector<Tagged> out(forms.size());
  for (std::size_t i = 0; i < forms.size(); ++i) {
    out[i].upos = impl_->upos[tags[i]];
    out[i].xpos = impl_->xpos[tags[i]];
    out[i].lemma = impl_->lemmatizer.lemma(forms[i], out[i].upos, out[i].xpos);
  }
  return out;
}

void Tagger::tag(Analysis& a) const {
  std::vector<std::string_view> forms;
  tagger_detail::WordCache words;
  for (const Sentence& s : a.sentences) {
    if (s.end_token <= s.first_token || s.end_token > a.tokens.size()) continue;
    forms.clear();
    for (std::uint32_t i = s.first_token; i < s.end_token; ++i) forms.push_back(a.text(a.tokens[i]));
    std::vector<int> tags = impl_->decode(forms, &words);
    require_finite_verb(impl_->upos, impl_->xpos, tags);
    for (std::uint32_t i = s.first_token; i < s.end_token; ++i) {
      Token& t = a.tokens[i];
      int c = tags[i - s.first_token];
      t.upos = impl_->upos[c];
      t.xpos = impl_->xpos[c];
      t.lemma = impl_->lemmatizer.lemma(forms[i - s.first_token], t.upos, t.xpos);
    }
  }
}

}  // namespace chronicle
