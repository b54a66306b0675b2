#include "extract/parser.h"

#include <algorithm>
#include <atomic>
#include <limits>

#include "core/literal.h"
#include "core/model_file.h"
#include "extract/lemmatizer.h"
#include "extract/parser_impl.h"
#include "extract/punctuation.h"
#include "extract/tree_revision.h"
#include "extract/ud_rules.h"

namespace chronicle {

namespace {
constexpr std::string_view kKind = "parser";
constexpr char kSep = kSelfTestSep;

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (true) {
    std::size_t e = s.find(sep, pos);
    if (e == std::string_view::npos) {
      out.push_back(s.substr(pos));
      return out;
    }
    out.push_back(s.substr(pos, e - pos));
    pos = e + 1;
  }
}
}  // namespace

using namespace parser_detail;

void Parser::Impl::index_tags() {
  tag_ids = {};
  punct_label = label_id("punct");
  tag_class.assign(kFirstTag + tags.size(), 0);
  for (std::size_t i = 0; i < tags.size(); ++i) {
    std::string_view t = tags[i];
    std::size_t sp = t.find(' ');
    const std::string_view upos = t.substr(0, sp);
    tag_ids.emplace(tag_key(upos, sp == std::string_view::npos ? "" : t.substr(sp + 1)),
                    kFirstTag + static_cast<std::uint32_t>(i));
    std::uint8_t& c = tag_class[kFirstTag + i];
    for (std::string_view closed : {"ADP", "AUX", "CCONJ", "DET", "PART", "PRON", "SCONJ"})
      if (upos == closed) c |= kFunctionWord;
    for (std::string_view nominal : {"NOUN", "PROPN", "PRON", "NUM"})
      if (upos == nominal) c |= kNominal;
    if (upos == "PUNCT") c |= kMark;
  }
  nominal_relations = 0;
  for (std::size_t l = 0; l < labels.size() && l < 64; ++l)
    for (std::string_view rel : {"appos", "acl", "acl:relcl"})
      if (labels[l] == rel) nominal_relations |= std::uint64_t{1} << l;
}

void Parser::Impl::revise_tree(const Words& words, int n, std::vector<int>& heads,
                               const std::vector<int>& labels_of) const {
  std::vector<int> head(n);
  for (int i = 0; i < n; ++i) head[i] = heads[i] < 0 ? n : heads[i];
  TreeKids kids;
  kids.build(head, n);
  std::vector<int> cand, marks_before;
  count_marks_before(words, tag_class, n, marks_before);
  std::vector<std::uint64_t> kind, feats;
  // Every choice is made on the parser's tree; moves are then made one by one
  // unless one would close a cycle (two siblings each moving under the other).
  std::vector<std::pair<int, int>> moves;
  for (int d = 0; d < n; ++d) {
    if (head[d] == n || labels_of[d] < 0 || !((revised >> labels_of[d]) & 1)) continue;
    revision_candidates(words, tag_class, n, head, kids, d, (nominal_relations >> labels_of[d]) & 1, cand,
                        kind);
    if (cand.size() < 2) continue;
    std::size_t best = 0;
    std::int32_t best_score = 0;
    for (std::size_t c = 0; c < cand.size(); ++c) {
      feats.clear();
      extract_revision(words, tag_class, n, head, labels_of, kids, d, cand[c], kind[c], feats, &marks_before);
      std::int32_t score[kNumTransitions] = {0, 0, 0};
      revision.add_all(feats, score);
      if (c == 0 || score[0] > best_score) best = c, best_score = score[0];
    }
    if (best != 0) moves.emplace_back(d, cand[best]);
  }
  for (auto [d, to] : moves) {
    bool cycle = false;
    for (int x = to, steps = 0; x != n && !cycle && steps <= n; x = heads[x] < 0 ? n : heads[x], ++steps)
      cycle = x == d;
    if (!cycle) heads[d] = to;
  }
}

void Parser::Impl::prepare_words(Words& words, int n) {
  static const std::uint64_t kRootWord = features::hash_string("<root>");
  words.word.resize(n + 1);
  words.tag.resize(n + 1);
  words.cls.resize(n + 1);
  words.amb.resize(n + 1);
  words.word[n] = kRootWord;
  words.tag[n] = kTagRoot;
  words.cls[n] = kClassRoot;
  words.amb[n] = kAmbRoot;
}

namespace {

// Sets scores[0..classes) to the weights of the shape features of h -> d.
void set_shape_scores(const Parser::Impl& m, const Words& words, int n, int h, int d, std::int32_t* scores,
                      LabelShapeMemo* memo) {
  const std::uint32_t classes = m.arc_labels.num_classes();
  auto sum_features = [&](std::int32_t* out) {
    std::fill(out, out + classes, 0);
    std::uint64_t f[kLabelShapeFeatures];
    const std::uint64_t* end = extract_label_parts<kLabelShape>(kNoKids, kNoKids, words, n, h, d, f);
    m.arc_labels.add_all({f, end}, out);
  };
  if (!memo) return sum_features(scores);
  const std::uint64_t key = label_shape_key(words, n, h, d);
  const std::size_t line =
      static_cast<std::size_t>((key * 0x9e3779b97f4a7c15ULL) >> (64 - LabelShapeMemo::kLineBits));
  std::int32_t* sums = memo->sums.data() + line * classes;
  if (memo->keys[line] != key) {
    memo->keys[line] = key;
    sum_features(sums);
  }
  std::copy(sums, sums + classes, scores);
}

}  // namespace

int Parser::Impl::arc_label(const Kids& hk, const Kids& dk, const Words& words, int n, int h, int d,
                            std::vector<std::uint64_t>& feats, std::vector<std::int32_t>& label_scores,
                            LabelShapeMemo* shapes) const {
  const int root = static_cast<int>(root_label);
  if (h == n) return root;
  // A mark's relation is punct (in EWT every PUNCT word's but a root's): the
  // labeller, an eighth of the parse's cost, need not be asked.
  if (punct_label >= 0 && (tag_class[words.tag[d]] & kMark)) return punct_label;
  label_scores.resize(arc_labels.num_classes());
  set_shape_scores(*this, words, n, h, d, label_scores.data(), shapes);
  constexpr std::size_t kRest = kLabelFeatures - kLabelShapeFeatures;
  feats.resize(kRest);
  check_feature_count(extract_label_parts<kLabelRest>(hk, dk, words, n, h, d, feats.data()), feats, kRest);
  arc_labels.add_all(feats, label_scores.data());
  // The best label but the root's (its score put out of the running), the
  // lowest id among equal scores, as the tagger picks its tag.
  const int num_labels = static_cast<int>(labels.size());
  if (num_labels == 0) return -1;
  std::int32_t* scores = label_scores.data();
  if (root >= 0 && root < num_labels) scores[root] = std::numeric_limits<std::int32_t>::min();
  const int best = best_of_all(scores, static_cast<std::size_t>(num_labels));
  return best == root ? -1 : best;
}

void Parser::Impl::parse_sentence(const Words& words, int n, std::vector<int>& heads,
                                  std::vector<int>& out_labels, int width,
                                  ParserScratch::Impl* scratch) const {
  if (width > 1) return parse_beam(words, n, heads, out_labels, width, scratch);
  WeightTable::Cache* cache = scratch ? scratch->transitions.get() : nullptr;
  LabelShapeMemo* shapes = scratch ? &scratch->shapes : nullptr;
  State st;
  st.reset(n);
  TransitionMemo memo;
  memo.reset(n);
  std::vector<std::uint64_t> feats;
  std::vector<std::int32_t> label_scores(arc_labels.num_classes());
  while (!st.terminal()) {
    const bool ok[kNumTransitions] = {st.can_shift(), st.can_left(), st.can_right()};
    std::int32_t scores[kNumTransitions] = {0, 0, 0};
    // Scoring costs ~135 table lookups (fewer through the memo); when one move
    // is possible (an empty stack, the end of the buffer) the scores cannot change it.
    if (ok[kShift] + ok[kLeft] + ok[kRight] > 1)
      memo.score(st.view(), words, scores,
                 [&](std::span<const std::uint64_t> f, std::int32_t* s) { score_transitions(f, s, cache); });
    int best = -1;
    for (int t : {kShift, kLeft, kRight})
      if (ok[t] && (best < 0 || scores[t] > scores[best])) best = t;
    int label = -1;
    if (best != kShift) {
      const int h = st.arc_head(best), d = st.arc_dependent();
      label = arc_label(st.kids[h], st.kids[d], words, n, h, d, feats, label_scores, shapes);
    }
    st.apply(best, label);
  }
  heads.resize(n);
  out_labels.resize(n);
  for (int i = 0; i < n; ++i) {
    heads[i] = st.head[i] == n ? -1 : st.head[i];
    out_labels[i] = st.label[i];
  }
}

void Parser::Impl::parse_beam(const Words& words, int n, std::vector<int>& heads,
                              std::vector<int>& out_labels, int width, ParserScratch::Impl* scratch) const {
  WeightTable::Cache* cache = scratch ? scratch->transitions.get() : nullptr;
  LabelShapeMemo* shapes = scratch ? &scratch->shapes : nullptr;
  BeamScratch<std::int64_t> sc;
  std::vector<std::uint64_t> label_feats;
  std::vector<std::int32_t> label_scores;
  // Items of a beam often make the same arc over the same children (they
  // differ elsewhere), and the label depends on nothing else: a small
  // per-sentence memo of (arc, the children the labeller reads) -> label.
  std::size_t cap = 64;
  // At most 2n x width arcs are labelled: the memo stays at most half full.
  while (cap < static_cast<std::size_t>(width) * static_cast<std::size_t>(n) * 4) cap *= 2;
  std::vector<std::pair<std::uint64_t, int>> memo(cap, {0, -1});  // key 0: empty (keys are odd)
  auto label_fn = [&](const Kids& hk, const Kids& dk, int h, int d) {
    const std::uint64_t key = label_memo_key(hk, dk, h, d);
    for (std::size_t i = static_cast<std::size_t>(key) & (cap - 1);; i = (i + 1) & (cap - 1)) {
      if (memo[i].first == key) return memo[i].second;
      if (memo[i].first == 0) {
        memo[i] = {key, arc_label(hk, dk, words, n, h, d, label_feats, label_scores, shapes)};
        return memo[i].second;
      }
    }
  };
  beam_search<std::int64_t>(
      words, n, width,
      [&](const std::vector<std::uint64_t>& feats, std::int64_t* out) {
        std::int32_t s[kNumTransitions] = {0, 0, 0};
        score_transitions(feats, s, cache);
        for (int t = 0; t < kNumTransitions; ++t) out[t] += s[t];
      },
      label_fn, sc, nullptr, [](int, const auto&) {});
  heads.assign(n, -1);
  out_labels.assign(n, static_cast<int>(root_label));
  if (n == 0) return;
  for (int h = sc.beam[0].hist; h >= 0; h = sc.steps[h].parent) {
    const BeamStep& s = sc.steps[h];
    if (s.t == kShift) continue;
    heads[s.d] = s.h == n ? -1 : s.h;
    out_labels[s.d] = s.label;
  }
}

std::string Parser::Impl::serialize() const {
  std::string out;
  BinaryWriter w(out);
  write_model_header(w, ModelHeader{std::string(kKind), kFormatVersion, provenance});
  w.u32(static_cast<std::uint32_t>(tags.size()));
  for (auto& t : tags) w.str(t);
  w.u32(static_cast<std::uint32_t>(labels.size()));
  for (auto& l : labels) w.str(l);
  w.u32(root_label);
  w.u32(beam_width);
  write_hash_table(w, word_class);
  write_hash_table(w, ambiguity);
  transitions.write(w);
  arc_labels.write(w);
  w.u8(has_reviser() ? 1 : 0);
  if (has_reviser()) {
    w.u64(revised);
    revision.write(w);
  }
  w.u32(static_cast<std::uint32_t>(self_test.size()));
  for (auto& t : self_test) {
    w.str(t.forms);
    w.str(t.tags);
    w.str(t.expected);
  }
  return out;
}

namespace {

std::string describe(const std::vector<int>& heads, const std::vector<int>& labels,
                     const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < heads.size(); ++i) {
    if (i) out += ' ';
    out += std::to_string(heads[i] + 1) + ":" + names[labels[i]];
  }
  return out;
}

// Words of a self-test sentence: forms and "UPOS XPOS" tags joined by kSep.
void self_test_words(const Parser::Impl& m, const std::string& forms, const std::string& tags, Words& words,
                     int& n) {
  auto fs = split(forms, kSep);
  auto ts = split(tags, kSep);
  n = static_cast<int>(fs.size());
  Parser::Impl::prepare_words(words, n);
  for (int i = 0; i < n; ++i) {
    std::string_view t = i < static_cast<int>(ts.size()) ? ts[i] : std::string_view();
    std::size_t sp = t.find(' ');
    m.set_word(words, i, features::hash_string(ascii_lower(fs[i])),
               m.tag_id(t.substr(0, sp), sp == std::string_view::npos ? "" : t.substr(sp + 1)));
  }
}

}  // namespace

std::string parser_self_test_result(const Parser::Impl& m, const std::string& forms,
                                    const std::string& tags) {
  Words words;
  int n = 0;
  self_test_words(m, forms, tags, words, n);
  std::vector<int> heads, labels;
  m.parse_sentence(words, n, heads, labels, static_cast<int>(m.beam_width));
  if (m.has_reviser()) m.revise_tree(words, n, heads, labels);
  return describe(heads, labels, m.labels);
}

std::unique_ptr<Parser::Impl> Parser::Impl::parse_model(std::string_view bytes, const std::string& what) {
  BinaryReader r(bytes, what);
  auto m = std::make_unique<Impl>();
  // Formats 3 (no beam width) and 4 (no reviser) are read too: models
  // of stops 13-18 keep working.
  std::uint32_t version = kFormatVersion;
  try {
    BinaryReader probe(bytes, what);
    if (probe.u32() == kModelMagic && probe.str() == kKind) {
      const std::uint32_t v = probe.u32();
      if (v == 3 || v == 4) version = v;
    }
  } catch (const ModelError&) {
    // read_model_header() below says what is wrong.
  }
  m->provenance = read_model_header(r, kKind, version).provenance;
  std::uint32_t nt = r.u32();
  if (nt > 65535) r.fail("bad number of tags");
  for (std::uint32_t i = 0; i < nt; ++i) m->tags.push_back(r.str());
  std::uint32_t nl = r.u32();
  if (nl == 0 || nl > 64) r.fail("bad number of labels");
  for (std::uint32_t i = 0; i < nl; ++i) m->labels.push_back(r.str());
  m->root_label = r.u32();
  if (m->root_label >= nl) r.fail("bad root label");
  if (version >= 4) {
    m->beam_width = r.u32();
    if (m->beam_width < 1 || m->beam_width > 256) r.fail("bad beam width");
  }
  read_hash_table(r, m->word_class, "word classes", [](std::uint16_t c) { return c != 0; });
  read_hash_table(r, m->ambiguity, "ambiguity classes", [](std::uint32_t a) { return a != 0; });
  m->transitions = WeightTable::read(r);
  if (m->transitions.num_classes() != kNumTransitions) r.fail("transition table has the wrong classes");
  m->arc_labels = WeightTable::read(r);
  if (m->arc_labels.num_classes() != nl) r.fail("label table does not match the label set");
  if (version >= 5) {
    const std::uint8_t has_reviser = r.u8();
    if (has_reviser > 1) r.fail("bad reviser flag");
    if (has_reviser) {
      m->revised = r.u64();
      m->revision = WeightTable::read(r);
      if (m->revision.num_classes() != 1) r.fail("revision table has the wrong classes");
    }
  }
  std::uint32_t ns = r.u32();
  if (ns > r.remaining() / 12) r.fail("corrupt self-test");
  for (std::uint32_t i = 0; i < ns; ++i) {
    SelfTest t;
    t.forms = r.str();
    t.tags = r.str();
    t.expected = r.str();
    m->self_test.push_back(std::move(t));
  }
  if (!r.at_end()) r.fail("trailing bytes after the model");
  m->index_tags();
  // Sentences parsed at training time must parse the same way now.
  for (auto& t : m->self_test)
    if (parser_self_test_result(*m, t.forms, t.tags) != t.expected)
      throw ModelError(what + ": self-test failed (model damaged or incompatible)");
  return m;
}

Parser::Parser(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
  static std::atomic<std::uint64_t> parsers{0};
  impl_->serial = ++parsers;
}
Parser::~Parser() = default;

ParserScratch::ParserScratch() : impl_(std::make_unique<Impl>()) {}
ParserScratch::~ParserScratch() = default;
ParserScratch::ParserScratch(ParserScratch&&) noexcept = default;
ParserScratch& ParserScratch::operator=(ParserScratch&&) noexcept = default;

void ParserScratch::Impl::prepare(const Parser::Impl& m, std::size_t words) {
  if (transitions && serial == m.serial) return;
  serial = m.serial;
  transitions = std::make_unique<WeightTable::Cache>(m.transitions, words);
  shapes.keys.assign(std::size_t{1} << LabelShapeMemo::kLineBits, 0);
  shapes.sums.assign(shapes.keys.size() * m.arc_labels.num_classes(), 0);
}

std::shared_ptr<const Parser> Parser::from_bytes(std::string_view bytes, const std::string& what) {
  return std::make_shared<const Parser>(Impl::parse_model(bytes, what));
}

std::shared_ptr<const Parser> Parser::load(const std::string& path) {
  MappedFile file(path);
  return from_bytes(file.data(), path);
}

const std::string& Parser::provenance() const { return impl_->provenance; }
std::size_t Parser::num_features() const {
  return impl_->transitions.num_features() + impl_->arc_labels.num_features() +
         impl_->revision.num_features();
}

int Parser::beam_width() const { return static_cast<int>(impl_->beam_width); }

void Parser::parse(Analysis& a) const { parse(a, beam_width()); }

void Parser::parse(Analysis& a, int width) const {
  parse(a, std::vector<std::uint8_t>(a.sentences.size(), 1), width);
}

void Parser::parse(Analysis& a, const std::vector<std::uint8_t>& which) const {
  parse(a, which, beam_width());
}

void Parser::parse(Analysis& a, const std::vector<std::uint8_t>& which, int width) const {
  // A scratch for this call alone, its cache sized to the text.
  std::size_t words_to_parse = 0;
  for (std::size_t si = 0; si < a.sentences.size() && si < which.size(); ++si)
    if (which[si]) words_to_parse += a.sentences[si].size();
  ParserScratch::Impl scratch;
  scratch.prepare(*impl_, words_to_parse);
  parse(a, which, width, scratch);
}

void Parser::parse(Analysis& a, const std::vector<std::uint8_t>& which, ParserScratch& scratch) const {
  // Kept across calls: full size from the start (set up once per thread, not
  // paid back by one text); the tag features of a text come back in the next.
  constexpr std::size_t kManyWords = std::size_t{1} << 20;
  scratch.impl_->prepare(*impl_, kManyWords);
  parse(a, which, beam_width(), *scratch.impl_);
}

void Parser::parse(Analysis& a, const std::vector<std::uint8_t>& which, int width,
                   ParserScratch::Impl& scratch) const {
  Words words;
  std::vector<int> heads, labels;
  std::vector<std::string_view> forms, upos;
  std::vector<bool> punct;
  std::vector<std::string> deprels;
  const int punct_label = impl_->punct_label;
  std::string lower;
  for (std::size_t si = 0; si < a.sentences.size() && si < which.size(); ++si) {
    const Sentence& s = a.sentences[si];
    if (!which[si] || s.end_token <= s.first_token || s.end_token > a.tokens.size()) continue;
    const int n = static_cast<int>(s.size());
    Impl::prepare_words(words, n);
    for (int i = 0; i < n; ++i) {
      const Token& t = a.tokens[s.first_token + i];
      std::string_view form = a.text(t);
      lower.assign(form);
      for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      impl_->set_word(words, i, features::hash_string(lower), impl_->tag_id(t.upos, t.xpos));
    }
    impl_->parse_sentence(words, n, heads, labels, width, &scratch);
    // The tree as the UD guidelines define it: marks where the rule puts them,
    // relations defined by their head made consistent with it; then revised
    // where the model has a reviser.
    forms.resize(n);
    punct.assign(n, false);
    upos.resize(n);
    for (int i = 0; i < n; ++i) {
      const Token& t = a.tokens[s.first_token + i];
      forms[i] = a.text(t);
      upos[i] = t.upos;
      punct[i] = equals_literal(t.upos, "PUNCT");
    }
    for (int i : attach_punctuation(heads, forms, punct))
      if (punct[i] && punct_label >= 0) labels[i] = punct_label;
    deprels.resize(n);
    for (int i = 0; i < n; ++i) deprels[i] = impl_->labels[labels[i]];
    apply_label_definitions(heads, upos, deprels);
    attach_case_to_nominal_head(heads, deprels);
    if (impl_->has_reviser()) {
      // The reviser reads the relations as the rules left them; a relation
      // outside the model's set (none today) is read as unknown.
      for (int i = 0; i < n; ++i)
        if (deprels[i] != impl_->labels[labels[i]]) labels[i] = impl_->label_id(deprels[i]);
      impl_->revise_tree(words, n, heads, labels);
      // A moved word may now hang from a noun or a verb instead.
      apply_label_definitions(heads, upos, deprels);
    }
    for (int i = 0; i < n; ++i) {
      Token& t = a.tokens[s.first_token + i];
      t.head = heads[i] < 0 ? -1 : static_cast<int>(s.first_token) + heads[i];
      t.deprel = std::move(deprels[i]);
    }
  }
}

}  // namespace chronicle
