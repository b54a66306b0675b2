#include "extract/tagger.h"

#include <algorithm>
#include <climits>
#include <cstdlib>

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
}  // namespace

namespace tagger_detail {
void first_pass(const WeightTable& weights, std::uint32_t num_classes, const std::vector<Word>& words,
                std::vector<int>& tags, std::vector<std::int32_t>* margins) {
  tags.resize(words.size());
  if (margins) margins->assign(words.size(), INT32_MAX);
  std::vector<std::uint64_t> feats;
  std::vector<std::int32_t> scores(num_classes);
  int prev = kStartTag, prev2 = kStartTag;
  for (std::size_t i = 0; i < words.size(); ++i) {
    int t = words[i].dict;
    if (t < 0) {
      feats.clear();
      extract(words, i, prev, prev2, feats);
      std::fill(scores.begin(), scores.end(), 0);
      weights.add_all(feats, scores.data());
      // Best (lowest index on ties) and runner-up scores.
      t = 0;
      std::int32_t second = INT32_MIN;
      for (std::uint32_t c = 1; c < num_classes; ++c) {
        if (scores[c] > scores[t]) {
          second = scores[t];
          t = static_cast<int>(c);
        } else if (scores[c] > second) {
          second = scores[c];
        }
      }
      if (margins) (*margins)[i] = second == INT32_MIN ? INT32_MAX : scores[t] - second;
    }
    tags[i] = t;
    prev2 = prev;
    prev = t;
  }
}
}  // namespace tagger_detail

std::vector<int> Tagger::Impl::decode(const std::vector<std::string_view>& forms) const {
  std::vector<tagger_detail::Word> words;
  tagger_detail::prepare(forms, lexicon, lemmatizer, words);
  std::vector<int> tags;
  const bool two = second.num_features() > 0;
  std::vector<std::int32_t> margins;
  tagger_detail::first_pass(weights, static_cast<std::uint32_t>(upos.size()), words, tags,
                            two ? &margins : nullptr);
  if (!two) return tags;
  std::vector<std::uint64_t> feats;
  std::vector<std::int32_t> scores(upos.size());
  const int n = static_cast<int>(tags.size());
  for (int i = 0; i < n; ++i) {
    if (margins[i] >= second_margin) continue;
    const int prev = i > 0 ? tags[i - 1] : tagger_detail::kStartTag;
    const int prev2 = i > 1 ? tags[i - 2] : tagger_detail::kStartTag;
    feats.clear();
    tagger_detail::extract(words, static_cast<std::size_t>(i), prev, prev2, feats);
    tagger_detail::extract_right(words, static_cast<std::size_t>(i), tags[i],
                                 i + 1 < n ? tags[i + 1] : tagger_detail::kEndTag,
                                 i + 2 < n ? tags[i + 2] : tagger_detail::kEndTag, prev, feats);
    std::fill(scores.begin(), scores.end(), 0);
    second.add_all(feats, scores.data());
    int t = 0;
    for (std::size_t c = 1; c < scores.size(); ++c)
      if (scores[c] > scores[t]) t = static_cast<int>(c);
    tags[i] = t;
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
  w.u8(second.num_features() > 0 ? 1 : 0);
  if (second.num_features() > 0) {
    w.u32(static_cast<std::uint32_t>(second_margin));
    second.write(w);
  }
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
  if (const std::uint8_t has_second = r.u8(); has_second > 1) {
    r.fail("corrupt second-pass flag");
  } else if (has_second) {
    m->second_margin = static_cast<std::int32_t>(r.u32());
    if (m->second_margin < 0) r.fail("corrupt second-pass margin");
    m->second = WeightTable::read(r);
    if (m->second.num_classes() != n) r.fail("second-pass table does not match the tag set");
  }
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
  for (const Sentence& s : a.sentences) {
    if (s.end_token <= s.first_token || s.end_token > a.tokens.size()) continue;
    forms.clear();
    for (std::uint32_t i = s.first_token; i < s.end_token; ++i) forms.push_back(a.text(a.tokens[i]));
    std::vector<int> tags = impl_->decode(forms);
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
