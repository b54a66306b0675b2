#include "extract/ner_trainer.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "core/model_file.h"
#include "extract/ner_lexicon_builder.h"

namespace chronicle {

namespace {

using ner::kTags;
using ner::kTypes;

int conll_type_index(std::string_view t) {
  for (int k = 0; k < kTypes; ++k)
    if (ner::kConllTypes[k] == t) return k;
  return -1;
}

// Spans (start, end, type) of a BILOU sequence.
struct Chunk {
  std::size_t start, end;
  int type;
  bool operator==(const Chunk&) const = default;
};

std::vector<Chunk> chunks_of(const std::vector<int>& tags) {
  std::vector<Chunk> out;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    int b = ner::bilou_of(tags[i]);
    if (b == ner::kU) out.push_back({i, i + 1, ner::type_of(tags[i])});
    if (b == ner::kB) {
      std::size_t j = i;
      while (j + 1 < tags.size() && ner::bilou_of(tags[j]) != ner::kL) ++j;
      out.push_back({i, j + 1, ner::type_of(tags[i])});
      i = j;
    }
  }
  return out;
}

void score_sentence(const std::vector<int>& gold, const std::vector<int>& pred, NerScore& all,
                    NerScore* by_type) {
  std::vector<Chunk> g = chunks_of(gold), p = chunks_of(pred);
  all.gold += g.size();
  all.predicted += p.size();
  for (const Chunk& c : g) {
    if (by_type) ++by_type[c.type].gold;
  }
  for (const Chunk& c : p) {
    if (by_type) ++by_type[c.type].predicted;
    if (std::find(g.begin(), g.end(), c) != g.end()) {
      ++all.correct;
      if (by_type) ++by_type[c.type].correct;
    }
  }
}

ner::SentenceView view_of(const ConllSentence& s) {
  ner::SentenceView v;
  v.words.assign(s.words.begin(), s.words.end());
  v.xpos.assign(s.xpos.begin(), s.xpos.end());
  return v;
}

std::vector<ner::SentenceView> views_of(const ConllDocument& d) {
  std::vector<ner::SentenceView> out;
  out.reserve(d.size());
  for (const ConllSentence& s : d) out.push_back(view_of(s));
  return out;
}

void say(const NerTrainOptions& o, const std::string& line) {
  if (o.log) o.log(line);
}

std::string fixed(double v, int digits = 2) {
  std::ostringstream ss;
  ss.setf(std::ios::fixed);
  ss.precision(digits);
  ss << v;
  return ss.str();
}

// Deterministic Fisher-Yates with splitmix64 (the same on every platform).
void shuffle(std::vector<std::size_t>& v, std::uint64_t& state) {
  for (std::size_t i = v.size(); i > 1; --i) {
    state += 0x9E3779B97F4A7C15ull;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    std::swap(v[i - 1], v[z % i]);
  }
}

}  // namespace

std::vector<ConllDocument> parse_conll_tagged(std::string_view text, const std::string& what) {
  std::vector<ConllDocument> docs(1);
  ConllSentence cur;
  std::vector<std::string> raw;  // IOB tags of the current sentence
  auto flush = [&](std::size_t line) {
    if (cur.words.empty()) return;
    // IOB1/IOB2 -> chunks -> BILOU.
    cur.tags.assign(cur.words.size(), 0);
    std::size_t i = 0;
    while (i < raw.size()) {
      const std::string& t = raw[i];
      if (t == "O") {
        ++i;
        continue;
      }
      if (t.size() < 3 || (t[0] != 'I' && t[0] != 'B') || t[1] != '-')
        throw std::runtime_error(what + ":" + std::to_string(line) + ": bad tag '" + t + "'");
      int type = conll_type_index(std::string_view(t).substr(2));
      if (type < 0)
        throw std::runtime_error(what + ":" + std::to_string(line) + ": unknown entity type '" + t + "'");
      std::size_t j = i + 1;
      while (j < raw.size() && raw[j].size() > 2 && raw[j][0] == 'I' && raw[j].substr(2) == t.substr(2)) ++j;
      if (j == i + 1) {
        cur.tags[i] = ner::tag_of(type, ner::kU);
      } else {
        cur.tags[i] = ner::tag_of(type, ner::kB);
        for (std::size_t k = i + 1; k + 1 < j; ++k) cur.tags[k] = ner::tag_of(type, ner::kI);
        cur.tags[j - 1] = ner::tag_of(type, ner::kL);
      }
      i = j;
    }
    docs.back().push_back(std::move(cur));
    cur = ConllSentence{};
    raw.clear();
  };
  std::size_t line_no = 0, pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t a = line.find_first_not_of(" \t");
    if (a == std::string_view::npos) {
      flush(line_no);
      if (nl == text.size()) break;
      continue;
    }
    std::size_t b = line.find_first_of(" \t", a);
    std::string_view word = line.substr(a, b == std::string_view::npos ? std::string_view::npos : b - a);
    std::size_t e = line.find_last_not_of(" \t");
    std::size_t s = line.find_last_of(" \t", e);
    if (word == "-DOCSTART-") {
      flush(line_no);
      if (!docs.back().empty()) docs.emplace_back();
      continue;
    }
    if (b == std::string_view::npos || s == std::string_view::npos || s < a)
      throw std::runtime_error(what + ":" + std::to_string(line_no) + ": expected a token and a tag");
    cur.words.emplace_back(word);
    raw.emplace_back(line.substr(s + 1, e - s));
    if (nl == text.size()) break;
  }
  flush(line_no);
  if (docs.back().empty()) docs.pop_back();
  return docs;
}

std::vector<ConllDocument> read_conll_tagged(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open CoNLL file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_conll_tagged(ss.str(), path);
}

NerScore evaluate_ner(const EntityRecognizer& model, const std::vector<ConllDocument>& gold,
                      NerScore* by_type) {
  NerScore all;
  for (const ConllDocument& d : gold) {
    auto pred = model.tag(views_of(d));
    for (std::size_t k = 0; k < d.size(); ++k) score_sentence(d[k].tags, pred[k], all, by_type);
  }
  return all;
}

std::string train_ner_model(const std::vector<ConllDocument>& train, const std::vector<ConllDocument>& dev,
                            const ner::NerLexicon& built, const NerTrainOptions& o, NerTrainReport* report) {
  ner::NerLexicon lexicon = built;
  lexicon.freeze();  // lookups go through the flat table
  // POS features only when a tagger filled the sentences (CoNLL-2003 files
  // here carry no POS column).
  bool use_pos = false;
  for (const ConllDocument& d : train)
    for (const ConllSentence& s : d) use_pos = use_pos || !s.xpos.empty();
  // 1. Static features of every training token, counted, then indexed.
  struct Sent {
    std::size_t doc, first_token;  // first_token: index into token_offsets
    std::size_t size;
  };
  std::vector<std::vector<std::size_t>> doc_sents(train.size());
  std::vector<Sent> sents;
  std::vector<std::vector<std::uint64_t>> keys_per_token;
  std::vector<std::vector<ner::TokenInfo>> infos;  // per sentence, for history features
  std::unordered_map<std::uint64_t, std::uint32_t> counts;
  {
    std::vector<ner::TokenInfo> info;
    std::vector<std::uint64_t> feats;
    for (std::size_t d = 0; d < train.size(); ++d) {
      auto views = views_of(train[d]);
      ner::DocumentEvidence ev;
      for (auto& v : views) ner::gather_evidence(v, ev);
      for (std::size_t k = 0; k < views.size(); ++k) {
        ner::describe_tokens(views[k], lexicon, info);
        doc_sents[d].push_back(sents.size());
        sents.push_back({d, keys_per_token.size(), info.size()});
        for (std::size_t i = 0; i < info.size(); ++i) {
          feats.clear();
          ner::static_features(info, i, ev, use_pos, feats);
          for (auto f : feats) ++counts[f];
          keys_per_token.push_back(feats);
        }
        infos.push_back(info);
      }
    }
  }
  std::vector<std::uint64_t> keys;
  for (auto& [k, c] : counts)
    if (c >= static_cast<std::uint32_t>(std::max(1, o.min_feature_count))) keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  std::unordered_map<std::uint64_t, std::uint32_t> index;
  index.reserve(keys.size() * 2);
  for (std::size_t i = 0; i < keys.size(); ++i) index[keys[i]] = static_cast<std::uint32_t>(i);
  counts.clear();
  std::vector<std::vector<std::uint32_t>> idx_per_token(keys_per_token.size());
  for (std::size_t t = 0; t < keys_per_token.size(); ++t) {
    for (auto f : keys_per_token[t])
      if (auto it = index.find(f); it != index.end()) idx_per_token[t].push_back(it->second);
    std::vector<std::uint64_t>().swap(keys_per_token[t]);
  }
  say(o, "ner: " + std::to_string(keys.size()) + " features over " + std::to_string(idx_per_token.size()) +
             " training tokens");

  // 2. Perceptron state. History features get indices as they appear.
  auto feature_id = [&](std::uint64_t k) -> std::uint32_t {
    auto [it, fresh] = index.emplace(k, static_cast<std::uint32_t>(keys.size()));
    if (fresh) keys.push_back(k);
    return it->second;
  };
  std::vector<std::int32_t> w;
  std::vector<std::int64_t> u;
  constexpr std::size_t kTrans = (kTags + 1) * kTags;
  std::vector<std::int32_t> tw(kTrans, 0);
  std::vector<std::int64_t> tu(kTrans, 0);
  auto grow = [&] {
    if (w.size() < keys.size() * kTags) {
      w.resize(keys.size() * kTags, 0);
      u.resize(keys.size() * kTags, 0);
    }
  };
  grow();
  std::int64_t c = 1;
  std::vector<float> avg, avg_t(kTrans);
  auto average = [&] {
    grow();
    avg.resize(w.size());
    for (std::size_t i = 0; i < w.size(); ++i)
      avg[i] = static_cast<float>(w[i] - static_cast<double>(u[i]) / static_cast<double>(c));
    for (std::size_t i = 0; i < kTrans; ++i)
      avg_t[i] = static_cast<float>(tw[i] - static_cast<double>(tu[i]) / static_cast<double>(c));
  };
  auto eval_dev = [&](NerScore* by_type) {
    NerScore all;
    for (const ConllDocument& d : dev) {
      auto pred =
          ner::tag_document(views_of(d), lexicon, use_pos, ner::viterbi_transitions(avg_t.data()),
                            [&](const std::vector<std::uint64_t>& feats, float* out) {
                              for (auto f : feats) {
                                auto it = index.find(f);
                                if (it == index.end() || it->second * std::size_t{kTags} >= avg.size())
                                  continue;
                                const float* row = avg.data() + std::size_t{it->second} * kTags;
                                for (int t = 0; t < kTags; ++t) out[t] += row[t];
                              }
                            });
      for (std::size_t k = 0; k < d.size(); ++k) score_sentence(d[k].tags, pred[k], all, by_type);
    }
    return all;
  };

  std::vector<std::size_t> order(train.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::uint64_t rng = o.seed;
  std::vector<float> best_avg, best_avg_t;
  double best_f1 = -1;
  int best_epoch = 0;
  std::vector<std::uint32_t> token_feats;
  std::vector<std::vector<std::uint32_t>> sent_feats;
  std::vector<float> scores;
  std::vector<std::uint64_t> hist;
  for (int epoch = 1; epoch <= o.epochs; ++epoch) {
    shuffle(order, rng);
    std::size_t errors = 0, total = 0;
    for (std::size_t d : order) {
      ner::DocumentEvidence ev;  // history only: static evidence is already in the features
      for (std::size_t s : doc_sents[d]) {
        const Sent& st = sents[s];
        const std::vector<int>& gold = train[d][s - doc_sents[d][0]].tags;
        const auto& info = infos[s];
        sent_feats.assign(st.size, {});
        scores.assign(st.size * kTags, 0.0f);
        for (std::size_t i = 0; i < st.size; ++i) {
          auto& fs = sent_feats[i];
          fs = idx_per_token[st.first_token + i];
          hist.clear();
          ner::history_features(info, i, ev, hist);
          for (auto h : hist) fs.push_back(feature_id(h));
          grow();
          float* row = scores.data() + i * kTags;
          for (auto f : fs)
            for (int t = 0; t < kTags; ++t) row[t] += static_cast<float>(w[std::size_t{f} * kTags + t]);
        }
        std::vector<float> tf(tw.begin(), tw.end());
        std::vector<int> pred = ner::viterbi(scores, st.size, tf.data());
        total += st.size;
        if (pred != gold) {
          for (std::size_t i = 0; i < st.size; ++i) {
            if (pred[i] == gold[i]) continue;
            ++errors;
            for (auto f : sent_feats[i]) {
              std::size_t g = std::size_t{f} * kTags + gold[i], p = std::size_t{f} * kTags + pred[i];
              w[g] += 1;
              u[g] += c;
              w[p] -= 1;
              u[p] -= c;
            }
          }
          for (std::size_t i = 0; i < st.size; ++i) {
            std::size_t g = (i == 0 ? kTags : gold[i - 1]) * std::size_t{kTags} + gold[i];
            std::size_t p = (i == 0 ? kTags : pred[i - 1]) * std::size_t{kTags} + pred[i];
            tw[g] += 1;
            tu[g] += c;
            tw[p] -= 1;
            tu[p] -= c;
          }
        }
        ++c;
        ner::record_history(info, pred, ev);
      }
    }
    average();
    std::string line = "ner: epoch " + std::to_string(epoch) + " token errors " +
                       fixed(100.0 * errors / std::max<std::size_t>(1, total)) + "%";
    if (!dev.empty()) {
      NerScore s = eval_dev(nullptr);
      line += ", dev F1 " + fixed(s.f1());
      if (s.f1() > best_f1) {
        best_f1 = s.f1();
        best_epoch = epoch;
        best_avg = avg;
        best_avg_t = avg_t;
      }
    } else {
      best_epoch = epoch;
      best_avg = avg;
      best_avg_t = avg_t;
    }
    say(o, line);
  }
  avg = best_avg;
  avg_t = best_avg_t;
  if (report) report->best_epoch = best_epoch;

  // 3. Prune and write.
  ner::ModelData m;
  m.use_pos = use_pos;
  m.lexicon = lexicon;
  m.transition = avg_t;
  float max_abs = 0;
  for (float x : avg) max_abs = std::max(max_abs, std::fabs(x));
  const float cut = std::max(o.prune * max_abs, 1e-6f);
  for (std::size_t k = 0; k < keys.size() && (k + 1) * kTags <= avg.size(); ++k) {
    float mx = 0;
    for (int t = 0; t < kTags; ++t) mx = std::max(mx, std::fabs(avg[k * kTags + t]));
    if (mx < cut || keys[k] == 0) continue;
    m.keys.push_back(keys[k]);
    m.weights.insert(m.weights.end(), avg.begin() + k * kTags, avg.begin() + (k + 1) * kTags);
  }
  std::ostringstream prov;
  prov << "chronicle train ner: CoNLL-2003 eng.train (Reuters RCV1, research use), lexicon from "
          "Reuters-21578, "
          "WordNet 3.0, Phoenix dictionaries; averaged perceptron, BILOU, "
       << train.size() << " training documents, best epoch " << best_epoch << " of " << o.epochs << ", seed "
       << o.seed << ", " << m.keys.size() << " features";
  m.provenance = prov.str();
  std::string bytes = ner::encode_model(m);
  if (report) {
    report->features = m.keys.size();
    report->model_bytes = bytes.size();
    if (!dev.empty()) {
      auto model = EntityRecognizer::from_bytes(bytes, "trained model");
      report->dev = evaluate_ner(*model, dev, report->dev_by_type);
    }
  }
  return bytes;
}

NerTrainReport train_ner(const NerTrainOptions& options) {
  NerTrainOptions o = options;
  namespace fs = std::filesystem;
  const std::string data = o.data_dir;
  if (o.train_file.empty()) o.train_file = data + "/conll2003/eng.train";
  if (o.dev_file.empty()) o.dev_file = data + "/conll2003/eng.testa";
  if (!fs::exists(o.train_file))
    throw std::runtime_error(o.train_file + ": training data not found (CoNLL-2003 eng.train; see --data)");
  std::vector<ConllDocument> train = read_conll_tagged(o.train_file);
  std::vector<ConllDocument> dev;
  if (o.dev_file != "-" && fs::exists(o.dev_file)) dev = read_conll_tagged(o.dev_file);
  say(o, "ner: " + std::to_string(train.size()) + " training documents, " + std::to_string(dev.size()) +
             " dev documents");

  if (o.pos_tagger) {
    for (auto* set : {&train, &dev})
      for (ConllDocument& d : *set)
        for (ConllSentence& s : d) {
          std::vector<std::string_view> forms(s.words.begin(), s.words.end());
          s.xpos = o.pos_tagger(forms);
          if (s.xpos.size() != s.words.size()) throw std::runtime_error("ner: the POS tagger lost tokens");
        }
    say(o, "ner: training and dev sentences tagged for POS features");
  }

  ner::LexiconSources src;
  src.sentences = ner::read_reuters_sentences(data + "/reuters21578");
  say(o, "ner: " + std::to_string(src.sentences.size()) + " unlabeled Reuters-21578 sentences");
  for (const ConllDocument& d : train)
    for (const ConllSentence& s : d) src.sentences.push_back(s.words);
  src.wordnet_dir = o.wordnet_dir;
  src.petrarch_dir = data + "/petrarch2/dictionaries";
  src.clusters = o.clusters;
  src.cluster_iterations = o.cluster_iterations;
  src.log = o.log;
  ner::NerLexicon lex = ner::build_lexicon(src);
  src.sentences.clear();

  NerTrainReport report;
  std::string bytes = train_ner_model(train, dev, lex, o, &report);
  write_binary_file(o.output, bytes);
  return report;
}

}  // namespace chronicle
