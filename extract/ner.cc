#include "extract/ner.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "core/model_file.h"
#include "extract/perceptron.h"

namespace chronicle {

namespace {
constexpr std::string_view kKind = "ner";
}

std::string_view contract_type(std::string_view t) {
  if (t == "PER") return "PERSON";
  if (t == "ORG") return "ORGANIZATION";
  if (t == "LOC") return "GPE";
  return "MISC";
}

std::string ner::encode_model(const ModelData& m) {
  if (m.transition.size() != static_cast<std::size_t>((kTags + 1) * kTags))
    throw std::invalid_argument("ner model: transition table of the wrong size");
  if (m.weights.size() != m.keys.size() * kTags)
    throw std::invalid_argument("ner model: weights do not match keys");
  float max_abs = 1e-6f;
  for (float w : m.weights) max_abs = std::max(max_abs, std::fabs(w));
  const float scale = 32767.0f / max_abs;
  std::vector<std::size_t> order(m.keys.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return m.keys[a] < m.keys[b]; });
  std::string out;
  BinaryWriter w(out);
  write_model_header(w, ModelHeader{std::string(kKind), EntityRecognizer::kFormatVersion, m.provenance});
  w.u32(m.use_pos ? 1u : 0u);
  w.u32(kTags);
  w.f32(scale);
  m.lexicon.write(w);
  for (float t : m.transition) w.f32(t);
  w.u32(static_cast<std::uint32_t>(order.size()));
  for (std::size_t i : order) w.u64(m.keys[i]);
  for (std::size_t i : order)
    for (int t = 0; t < kTags; ++t) {
      long q = std::lround(m.weights[i * kTags + t] * scale);
      std::int16_t v = static_cast<std::int16_t>(std::clamp(q, -32767L, 32767L));
      w.bytes(&v, sizeof v);
    }
  return out;
}

std::shared_ptr<const EntityRecognizer> EntityRecognizer::load(const std::string& path) {
  MappedFile file(path);
  return from_bytes(file.data(), path);
}

std::shared_ptr<const EntityRecognizer> EntityRecognizer::from_bytes(std::string_view bytes,
                                                                     const std::string& what) {
  BinaryReader r(bytes, what);
  ModelHeader h = read_model_header(r, kKind, kFormatVersion);
  std::shared_ptr<EntityRecognizer> m(new EntityRecognizer());
  m->provenance_ = h.provenance;
  std::uint32_t flags = r.u32();
  if (flags > 1) r.fail("unknown ner model flags");
  m->use_pos_ = flags & 1u;
  if (r.u32() != static_cast<std::uint32_t>(ner::kTags)) r.fail("tag set does not match this build");
  m->scale_ = r.f32();
  if (!(m->scale_ > 0.0f) || !std::isfinite(m->scale_)) r.fail("bad weight scale");
  m->lexicon_ = ner::NerLexicon::read(r);
  std::vector<float> transition((ner::kTags + 1) * ner::kTags);
  for (float& t : transition) {
    t = r.f32();
    if (!std::isfinite(t)) r.fail("bad transition weight");
  }
  m->transitions_ = ner::viterbi_transitions(transition.data());
  std::uint32_t n = r.u32();
  if (n > r.remaining() / (8 + 2 * ner::kTags)) r.fail("feature table larger than the file");
  std::size_t cap = 16;
  while (cap < 2 * static_cast<std::size_t>(n)) cap *= 2;
  m->slots_.assign(cap, Slot{});
  std::uint64_t prev = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    std::uint64_t k = r.u64();
    if (k == 0 || (i > 0 && k <= prev)) r.fail("feature keys not sorted or zero");
    prev = k;
    std::size_t slot = k & (cap - 1);
    while (m->slots_[slot].key != 0) slot = (slot + 1) & (cap - 1);
    m->slots_[slot] = Slot{k, i};
  }
  m->empty_slots_ = cap - n;
  std::string_view raw = r.bytes(static_cast<std::size_t>(n) * ner::kTags * 2);
  m->weights_.assign(n, Row{});
  for (std::size_t i = 0; i < n; ++i)
    std::memcpy(m->weights_[i].w, raw.data() + i * ner::kTags * 2, ner::kTags * 2);
  if (!r.at_end()) r.fail("trailing bytes after the weights");
  return m;
}

const std::int16_t* EntityRecognizer::row(std::uint64_t key) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = key & mask;
  while (true) {
    const std::uint64_t k = slots_[slot].key;
    if (k == key) return weights_[slots_[slot].row].w;
    if (k == 0) return nullptr;
    slot = (slot + 1) & mask;
  }
}

void EntityRecognizer::add_rows(const std::vector<std::uint64_t>& feats, std::int32_t* acc) const {
  // Memory latency dominates: the key slots of a batch (keys with their row indices) are
  // fetched together, then the rows of those found, so the misses overlap.
  if (slots_.empty()) return;
  const std::size_t mask = slots_.size() - 1;
  constexpr std::size_t kBatch = 64;
  const std::int16_t* found[kBatch];
  for (std::size_t base = 0; base < feats.size(); base += kBatch) {
    const std::size_t n = std::min(kBatch, feats.size() - base);
    for (std::size_t i = 0; i < n; ++i) __builtin_prefetch(&slots_[feats[base + i] & mask]);
    std::size_t k = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t key = feats[base + i];
      for (std::size_t slot = key & mask;; slot = (slot + 1) & mask) {
        const Slot& at = slots_[slot];
        if (at.key == key) {
          found[k] = weights_[at.row].w;
          __builtin_prefetch(found[k++]);
          break;
        }
        if (at.key == 0) break;
      }
    }
    add_int16_rows(found, k, kRowStride, acc);
  }
}

std::vector<std::vector<int>> EntityRecognizer::tag(const std::vector<ner::SentenceView>& doc) const {
  const float inv = 1.0f / scale_;
  return ner::tag_document(doc, lexicon_, use_pos_, transitions_,
                           [&](const std::vector<std::uint64_t>& feats, float* out) {
                             std::int32_t acc[kRowStride] = {};
                             add_rows(feats, acc);
                             for (int t = 0; t < ner::kTags; ++t) out[t] = static_cast<float>(acc[t]) * inv;
                           });
}

void EntityRecognizer::recognize(Analysis& a) const {
  if (a.tokens.empty()) return;
  // Sentences as the segmenter found them; one sentence over all tokens otherwise.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges;
  for (const Sentence& s : a.sentences)
    if (s.end_token > s.first_token && s.end_token <= a.tokens.size())
      ranges.emplace_back(s.first_token, s.end_token);
  if (ranges.empty()) ranges.emplace_back(0u, static_cast<std::uint32_t>(a.tokens.size()));
  // The model was trained on CoNLL tokens, which keep hyphenated words whole
  // ("al-Assad", "Anglo-French"); the segmenter may split them (UD style), so
  // adjacent "X - Y" runs are tagged as one word and mapped back to the tokens.
  std::vector<ner::SentenceView> doc(ranges.size());
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> units(ranges.size());
  const std::string_view text = a.doc.text;
  auto adjacent = [&](std::uint32_t i) { return a.tokens[i].span.start == a.tokens[i - 1].span.end; };
  for (std::size_t k = 0; k < ranges.size(); ++k) {
    auto [b, e] = ranges[k];
    // Room for every token at once: grown a push at a time, the three vectors cost some
    // twenty allocations a sentence.
    doc[k].words.reserve(e - b);
    if (use_pos_) doc[k].xpos.reserve(e - b);
    units[k].reserve(e - b);
    for (std::uint32_t i = b; i < e;) {
      std::uint32_t j = i + 1;
      while (j + 1 < e && a.text(a.tokens[j]) == "-" && adjacent(j) && adjacent(j + 1) &&
             a.text(a.tokens[j - 1]) != "-" && a.text(a.tokens[j + 1]) != "-")
        j += 2;
      units[k].emplace_back(i, j);
      const Offset start = a.tokens[i].span.start, end = a.tokens[j - 1].span.end;
      doc[k].words.push_back(end >= start && end <= text.size() ? text.substr(start, end - start)
                                                                : a.text(a.tokens[i]));
      if (use_pos_) doc[k].xpos.push_back(a.tokens[j - 1].xpos);
      i = j;
    }
  }
  // The tagging's per-token facts serve the vehicle test below (computing them again for
  // each sentence with a name cost a few percent of an ingest).
  std::vector<std::vector<ner::TokenInfo>> infos;
  infos.reserve(doc.size());
  const float inv = 1.0f / scale_;
  const std::vector<std::vector<int>> tags = ner::tag_document(
      doc, lexicon_, use_pos_, transitions_,
      [&](const std::vector<std::uint64_t>& feats, float* out) {
        std::int32_t acc[kRowStride] = {};
        add_rows(feats, acc);
        for (int t = 0; t < ner::kTags; ++t) out[t] = static_cast<float>(acc[t]) * inv;
      },
      &infos);
  for (std::size_t k = 0; k < ranges.size(); ++k) {
    const std::vector<int>& t = tags[k];
    const std::vector<ner::TokenInfo>& info = infos[k];
    for (std::uint32_t i = 0; i < t.size(); ++i) {
      int bl = ner::bilou_of(t[i]);
      if (bl != ner::kB && bl != ner::kU) continue;
      std::uint32_t j = i;
      while (j + 1 < t.size() && ner::bilou_of(t[j]) != ner::kL && ner::bilou_of(t[j]) != ner::kU) ++j;
      Mention m;
      m.first_token = units[k][i].first;
      m.end_token = units[k][j].second;
      m.span = Span{a.tokens[m.first_token].span.start, a.tokens[m.end_token - 1].span.end};
      m.type = std::string(contract_type(ner::kConllTypes[ner::type_of(t[i])]));
      m.kind = Mention::Kind::Name;
      // A name right after or before a vehicle noun ("the aircraft carrier X",
      // "X aircraft carrier") names a vehicle, whatever CoNLL's types said.
      auto vehicle = [&](std::size_t p) { return p < info.size() && info[p].gaz[ner::kGazVehicleNoun] != 0; };
      bool compound = j + 1 < info.size() && !info[j + 1].capitalised && vehicle(j + 2);
      if (vehicle(j + 1) || compound || (i > 0 && vehicle(i - 1))) m.type = "VEHICLE";
      // CoNLL's LOC covers both GPE and LOCATION: a name the gazetteer knows
      // only as a region, river or sea ("Middle East", "Euphrates") is a LOCATION.
      // The whole name as a gazetteer phrase (lowercased words joined by spaces).
      std::string phrase;
      for (std::uint32_t x = i; x <= j; ++x) {
        if (x > i) phrase += ' ';
        for (char ch : doc[k].words[x])
          phrase += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
      }
      const ner::NerLexicon::Entry* known = lexicon_.find(ner::hash_str(phrase));
      const unsigned bits = known ? known->gazetteer : 0u;
      auto whole = [&](int c) { return (bits & (1u << c)) != 0; };
      if (m.type == "GPE" && whole(ner::kGazRegion) && !whole(ner::kGazCountry) && !whole(ner::kGazPlace))
        m.type = "LOCATION";
      a.mentions.push_back(std::move(m));
      i = j;
    }
  }
}

}  // namespace chronicle
