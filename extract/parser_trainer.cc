#include "extract/parser_trainer.h"

#include <algorithm>
#include <bit>
#include <exception>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "core/conllu_writer.h"
#include "core/model_file.h"
#include "extract/lemmatizer.h"
#include "extract/parser.h"
#include "extract/parser_impl.h"
#include "extract/perceptron_trainer.h"
#include "extract/tagger.h"
#include "extract/tagger_trainer.h"
#include "extract/tree_revision.h"

namespace chronicle {

using namespace parser_detail;

namespace {

struct Example {
  Words words;
  int n = 0;
  std::vector<int> gold_head;  // n = root
  std::vector<int> gold_label;
};

// Transition costs of the arc-hybrid dynamic oracle (Goldberg & Nivre 2013):
// how many gold arcs each transition makes unreachable.
struct Costs {
  int shift = 1 << 20, left = 1 << 20, right = 1 << 20;
};

Costs costs(const State& st, const Example& ex) {
  Costs c;
  const int s0 = st.s(0), s1 = st.s(1), b = st.b, n = st.n;
  const auto& gh = ex.gold_head;
  if (st.can_shift()) {
    int k = 0;
    for (int x : st.stack) {
      if (gh[x] == b) ++k;
      if (gh[b] == x && x != s0) ++k;
    }
    c.shift = k;
  }
  if (st.can_left() || st.can_right()) {
    int deps = 0;
    for (int x = b; x < n; ++x)
      if (gh[x] == s0) ++deps;
    if (st.can_left()) c.left = deps + ((gh[s0] != b && (gh[s0] == s1 || gh[s0] > b)) ? 1 : 0);
    if (st.can_right()) c.right = deps + ((gh[s0] != s1 && gh[s0] >= b) ? 1 : 0);
  }
  return c;
}

// The static oracle's moves: at each step the cheapest move by the dynamic
// oracle's costs, arcs before SHIFT on ties (LEFT, RIGHT, SHIFT). For a
// projective tree that is the usual static oracle; for a non-projective one a
// sequence to one of the best reachable trees. `label_of(h, d)` names arcs.
template <class LabelOf>
std::vector<int> oracle_moves(const Example& ex, LabelOf&& label_of) {
  State st;
  st.reset(ex.n);
  std::vector<int> moves;
  while (!st.terminal()) {
    const Costs c = costs(st, ex);
    const int cost[kNumTransitions] = {c.shift, c.left, c.right};
    const bool valid[kNumTransitions] = {st.can_shift(), st.can_left(), st.can_right()};
    int best = -1;
    for (int t : {kLeft, kRight, kShift})
      if (valid[t] && (best < 0 || cost[t] < cost[best])) best = t;
    moves.push_back(best);
    st.apply(best, best == kShift ? -1 : label_of(st.arc_head(best), st.arc_dependent()));
  }
  return moves;
}

using TagCache = std::vector<std::vector<std::pair<std::string, std::string>>>;

std::string tag_cache_header(const ParserTrainOptions& o, std::size_t sentences) {
  return "# chronicle jackknifed tags: folds " + std::to_string(o.jackknife_folds) + ", seed " +
         std::to_string(o.seed) + ", tagger iterations " + std::to_string(o.tagger_iterations) +
         ", word classes " + std::to_string(o.word_classes.size()) + ", sentences " +
         std::to_string(sentences);
}

// Reads a tag cache written by write_tag_cache() for this corpus and these
// options; false when the file is absent. Throws when it does not match.
bool read_tag_cache(const std::string& path, const ParserTrainOptions& o,
                    const std::vector<CorpusSentence>& train, TagCache& tags) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  if (!std::getline(in, line) || line != tag_cache_header(o, train.size()))
    throw std::runtime_error(path + ": tag cache of other options or another corpus");
  for (std::size_t i = 0; i < train.size(); ++i)
    for (std::size_t k = 0; k <= train[i].tokens.size(); ++k) {
      if (!std::getline(in, line)) throw std::runtime_error(path + ": tag cache too short");
      if (k == train[i].tokens.size()) {
        if (!line.empty()) throw std::runtime_error(path + ": tag cache does not match the corpus");
        continue;
      }
      const std::size_t tab = line.find('\t');
      if (tab == std::string::npos || line.empty())
        throw std::runtime_error(path + ": tag cache does not match the corpus");
      tags[i][k] = {line.substr(0, tab), line.substr(tab + 1)};
    }
  return true;
}

void write_tag_cache(const std::string& path, const ParserTrainOptions& o, const TagCache& tags) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << tag_cache_header(o, tags.size()) << "\n";
  for (auto& s : tags) {
    for (auto& [u, x] : s) out << u << '\t' << x << '\n';
    out << '\n';
  }
  if (!out) throw std::runtime_error(path + ": cannot write the tag cache");
}

// The tags the parser will see on each training sentence: predicted by
// taggers trained on the other folds (options.jackknife_folds >= 2), or gold.
TagCache training_tags(const std::vector<CorpusSentence>& train, const ParserTrainOptions& options,
                       std::ostream* log) {
  TagCache tags(train.size());
  for (std::size_t i = 0; i < train.size(); ++i)
    for (auto& t : train[i].tokens) tags[i].emplace_back(t.upos, t.xpos);
  const int folds = options.jackknife_folds;
  const bool cached =
      folds >= 2 && !options.tag_cache.empty() && read_tag_cache(options.tag_cache, options, train, tags);
  if (cached && log) *log << "parser: jackknifed tags read from " << options.tag_cache << "\n";
  if (!cached && folds >= 2 && train.size() >= static_cast<std::size_t>(folds)) {
    std::size_t correct = 0, total = 0;
    for (int f = 0; f < folds; ++f) {
      std::vector<CorpusSentence> rest;
      for (std::size_t i = 0; i < train.size(); ++i)
        if (static_cast<int>(i % folds) != f) rest.push_back(train[i]);
      TaggerTrainOptions to;
      to.iterations = options.tagger_iterations;
      to.seed = options.seed + static_cast<std::uint64_t>(f);
      to.known_word_classes = options.word_classes;
      auto tagger = Tagger::from_bytes(train_tagger(rest, to, nullptr), "jackknife tagger");
      for (std::size_t i = f; i < train.size(); i += folds) {
        std::vector<std::string_view> forms;
        for (auto& t : train[i].tokens) forms.push_back(t.form);
        auto tagged = tagger->tag_words(forms);
        for (std::size_t k = 0; k < forms.size(); ++k) {
          correct += tagged[k].upos == train[i].tokens[k].upos && tagged[k].xpos == train[i].tokens[k].xpos;
          ++total;
          tags[i][k] = {tagged[k].upos, tagged[k].xpos};
        }
      }
      if (log) *log << "parser: jackknife fold " << f + 1 << "/" << folds << " tagged\n";
    }
    if (log)
      *log << "parser: jackknifed tag accuracy "
           << 100.0 * static_cast<double>(correct) / static_cast<double>(total) << "%\n";
    if (!options.tag_cache.empty()) write_tag_cache(options.tag_cache, options, tags);
  }
  return tags;
}

// The labeller's best relation for h -> d (never the root's) as the training
// perceptron stands; `feats` keeps the arc's features for an update.
int guess_label(const AveragedPerceptron& labels, const Kids& hk, const Kids& dk, const Example& ex, int h,
                int d, int root, std::vector<std::uint64_t>& feats, std::vector<float>& scores) {
  feats.clear();
  extract_label(hk, dk, ex.words, ex.n, h, d, feats);
  std::fill(scores.begin(), scores.end(), 0.0f);
  labels.score(feats, scores.data());
  int guess = -1;
  for (int l = 0; l < static_cast<int>(scores.size()); ++l)
    if (l != root && (guess < 0 || scores[l] > scores[guess])) guess = l;
  return guess;
}

}  // namespace

// Global training over the beam (Zhang & Clark 2008; Huang, Fayong & Guo
// 2012): each sentence is decoded with the current weights, the beam's best
// item is compared with the oracle's sequence at every step, and at the step
// of largest violation (best score minus gold prefix score, best item not on
// the gold path) the weights move toward the gold prefix and away from the
// best one. A gold arc in the search gets its gold relation, a wrong one the
// labeller's choice, as at run time (giving wrong arcs the dependent's gold
// relation leaks gold information into the label features: -2 UAS, stop 15);
// the labeller is trained greedily on the oracle's arcs.
void train_beam(const std::vector<Example>& examples, const ParserTrainOptions& options, int width, int root,
                const std::map<std::string, int>& label_id, AveragedPerceptron& transitions,
                AveragedPerceptron& arc_labels, std::ostream* log,
                const std::function<void(int)>& after_iteration) {
  // A non-root arc whose dependent is the gold root gets "dep" (or any other non-root label).
  int fallback = root == 0 ? 1 : 0;
  if (auto f = label_id.find("dep"); f != label_id.end()) fallback = f->second;
  const int num_labels = static_cast<int>(arc_labels.num_classes());
  TrainingRandom rng(options.seed);
  std::vector<std::size_t> order(examples.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<std::vector<int>> gold_moves(examples.size());
  for (std::size_t i = 0; i < examples.size(); ++i) {
    const Example& ex = examples[i];
    gold_moves[i] = oracle_moves(ex, [&](int h, int d) {
      return h == ex.n ? root : ex.gold_label[d] == root ? fallback : ex.gold_label[d];
    });
  }
  BeamScratch<double> sc;
  std::vector<std::uint64_t> feats, label_feats;
  std::vector<float> label_scores(num_labels);
  std::vector<double> gold_score, best_score;
  std::vector<int> best_hist, pred;
  std::vector<char> best_gold;
  State g, p;
  std::unordered_map<std::uint64_t, int> memo;
  auto score = [&](const std::vector<std::uint64_t>& f, double* out) {
    float s[kNumTransitions] = {0, 0, 0};
    transitions.score(f, s);
    for (int t = 0; t < kNumTransitions; ++t) out[t] += s[t];
  };
  for (int it = 0; it < options.iterations; ++it) {
    rng.shuffle(order);
    std::size_t updates = 0, steps_total = 0, labels_correct = 0, labels_total = 0, exact = 0;
    double update_at = 0;
    for (std::size_t ei : order) {
      const Example& ex = examples[ei];
      const std::vector<int>& moves = gold_moves[ei];
      auto gold_label_of = [&](int h, int d) {
        return h == ex.n ? root : ex.gold_label[d] == root ? fallback : ex.gold_label[d];
      };
      const int steps = 2 * ex.n;
      // The labeller learns the oracle's arcs.
      g.reset(ex.n);
      for (int step = 0; step < steps; ++step) {
        const int t = moves[step];
        int label = -1;
        if (t != kShift) {
          const int h = g.arc_head(t), d = g.arc_dependent();
          label = gold_label_of(h, d);
          if (h != ex.n && ex.gold_label[d] != root) {
            const int guess =
                guess_label(arc_labels, g.kids[h], g.kids[d], ex, h, d, root, label_feats, label_scores);
            ++labels_total;
            if (guess == ex.gold_label[d])
              ++labels_correct;
            else
              arc_labels.update(label_feats, ex.gold_label[d], guess);
            arc_labels.tick();
          }
        }
        g.apply(t, label);
      }
      // Labels of the arcs in the search: the gold relation on a gold arc;
      // on a wrong one what the labeller (fixed for this sentence) says, as
      // at run time (or the dependent's gold relation with beam_gold_labels).
      memo.clear();
      auto label_of = [&](const Kids& hk, const Kids& dk, int h, int d) {
        if (h == ex.n || options.beam_gold_labels || ex.gold_head[d] == h) return gold_label_of(h, d);
        const std::uint64_t key = label_memo_key(hk, dk, h, d);
        if (auto f = memo.find(key); f != memo.end()) return f->second;
        const int guess = guess_label(arc_labels, hk, dk, ex, h, d, root, label_feats, label_scores);
        memo.emplace(key, guess);
        return guess;
      };
      auto apply = [&](State& st, int t) {
        st.apply(t, t == kShift ? -1
                                : label_of(st.kids[st.arc_head(t)], st.kids[st.arc_dependent()],
                                           st.arc_head(t), st.arc_dependent()));
      };
      // The gold prefix scores.
      gold_score.assign(steps + 1, 0.0);
      g.reset(ex.n);
      for (int step = 0; step < steps; ++step) {
        const int t = moves[step];
        double s[kNumTransitions] = {0, 0, 0};
        if (g.can_shift() + g.can_left() + g.can_right() > 1) {
          feats.clear();
          extract(g.view(), ex.words, feats);
          score(feats, s);
        }
        gold_score[step + 1] = gold_score[step] + s[t];
        apply(g, t);
      }
      // The beam, and its best item at every step.
      best_score.assign(steps, 0.0);
      best_hist.assign(steps, -1);
      best_gold.assign(steps, 0);
      beam_search<double>(ex.words, ex.n, width, score, label_of, sc, &moves,
                          [&](int step, const std::vector<BeamItem<double>>& beam) {
                            best_score[step] = beam[0].score;
                            best_hist[step] = beam[0].hist;
                            best_gold[step] = beam[0].gold;
                          });
      steps_total += static_cast<std::size_t>(steps);
      int worst = -1;
      double most = -std::numeric_limits<double>::infinity();
      for (int step = 0; step < steps; ++step)
        if (!best_gold[step] && best_score[step] - gold_score[step + 1] > most) {
          most = best_score[step] - gold_score[step + 1];
          worst = step;
        }
      if (worst < 0) {
        ++exact;
      } else {
        ++updates;
        update_at += static_cast<double>(worst + 1) / steps;
        beam_moves(sc.steps, best_hist[worst], pred);
        g.reset(ex.n);
        int j = 0;
        for (; j <= worst && pred[j] == moves[j]; ++j) apply(g, moves[j]);
        p = g;
        for (auto [st, seq, delta] : {std::tuple<State*, const std::vector<int>*, float>{&g, &moves, 1.0f},
                                      std::tuple<State*, const std::vector<int>*, float>{&p, &pred, -1.0f}}) {
          for (int k = j; k <= worst; ++k) {
            const int t = (*seq)[k];
            if (st->can_shift() + st->can_left() + st->can_right() > 1) {
              feats.clear();
              extract(st->view(), ex.words, feats);
              transitions.add(feats, t, delta);
            }
            apply(*st, t);
          }
        }
      }
      transitions.tick();
    }
    if (log)
      *log << "parser: beam " << width << " iteration " << it + 1 << "/" << options.iterations << ": "
           << 100.0 * static_cast<double>(exact) / static_cast<double>(examples.size())
           << "% sentences without update, updates at "
           << (updates ? 100.0 * update_at / static_cast<double>(updates) : 0.0)
           << "% of the sentence, labels "
           << 100.0 * static_cast<double>(labels_correct) / static_cast<double>(labels_total) << "%, "
           << transitions.num_features() << " + " << arc_labels.num_features() << " features\n";
    if (after_iteration) after_iteration(it + 1);
  }
}

std::string train_parser(const std::vector<CorpusSentence>& train, const ParserTrainOptions& options,
                         std::ostream* log) {
  return train_parser(train, {}, options, log);
}

std::string train_parser(const std::vector<CorpusSentence>& train,
                         const std::vector<CorpusSentence>& pretagged, const ParserTrainOptions& options,
                         std::ostream* log) {
  if (train.empty()) throw std::runtime_error("train parser: the training corpus is empty");
  auto m = std::make_unique<Parser::Impl>();
  m->provenance = options.provenance;
  m->word_class.insert(options.word_classes.begin(), options.word_classes.end());

  // Tags the parser will see: jackknifed predictions, or gold.
  TagCache tags = training_tags(train, options, log);
  // The ambiguity classes below read `train`; everything else reads `corpus`.
  std::vector<CorpusSentence> joined;
  if (!pretagged.empty()) {
    joined.reserve(train.size() + pretagged.size());
    joined.insert(joined.end(), train.begin(), train.end());
    joined.insert(joined.end(), pretagged.begin(), pretagged.end());
    for (const CorpusSentence& s : pretagged) {
      tags.emplace_back();
      for (const CorpusToken& t : s.tokens) tags.back().emplace_back(t.upos, t.xpos);
    }
  }
  const std::vector<CorpusSentence>& corpus = pretagged.empty() ? train : joined;

  // Tag and label sets, sorted.
  std::set<std::string> tagset, labelset;
  for (std::size_t i = 0; i < corpus.size(); ++i)
    for (std::size_t k = 0; k < corpus[i].tokens.size(); ++k) {
      tagset.insert(tags[i][k].first + " " + tags[i][k].second);
      tagset.insert(corpus[i].tokens[k].upos + " " + corpus[i].tokens[k].xpos);
      labelset.insert(corpus[i].tokens[k].deprel.empty() ? "dep" : corpus[i].tokens[k].deprel);
    }
  labelset.insert("root");
  if (labelset.size() > 64) throw std::runtime_error("train parser: more than 64 dependency relations");
  m->tags.assign(tagset.begin(), tagset.end());
  m->labels.assign(labelset.begin(), labelset.end());
  m->root_label =
      static_cast<std::uint32_t>(std::find(m->labels.begin(), m->labels.end(), "root") - m->labels.begin());
  m->index_tags();
  std::map<std::string, int> label_id;
  for (std::size_t l = 0; l < m->labels.size(); ++l) label_id[m->labels[l]] = static_cast<int>(l);

  // Ambiguity classes from the gold tags of the training corpus.
  {
    std::map<std::string, std::map<std::uint32_t, int>> by_lower;
    for (const CorpusSentence& s : train)
      for (const CorpusToken& t : s.tokens) ++by_lower[ascii_lower(t.form)][m->tag_id(t.upos, t.xpos)];
    for (const auto& [lower, counts] : by_lower) {
      std::vector<std::pair<int, std::uint32_t>> v;
      for (const auto& [tag, n] : counts) v.emplace_back(n, tag);
      if (std::uint32_t a = pack_ambiguity(std::move(v)))
        m->ambiguity.emplace(features::hash_string(lower), a);
    }
  }

  std::vector<Example> examples(corpus.size());
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    Example& ex = examples[i];
    ex.n = static_cast<int>(corpus[i].tokens.size());
    Parser::Impl::prepare_words(ex.words, ex.n);
    for (int k = 0; k < ex.n; ++k) {
      const CorpusToken& t = corpus[i].tokens[k];
      m->set_word(ex.words, k, features::hash_string(ascii_lower(t.form)),
                  m->tag_id(tags[i][k].first, tags[i][k].second));
      ex.gold_head.push_back(t.head < 0 ? ex.n : t.head);
      // The root relation only on the root: a corpus that says otherwise is repaired.
      std::string rel = t.deprel.empty() ? "dep" : t.deprel;
      if (t.head < 0)
        rel = "root";
      else if (rel == "root")
        rel = "dep";
      ex.gold_label.push_back(label_id.at(rel));
    }
  }

  // Self-test sentences, re-parsed on every load.
  auto add_self_test = [&](Parser::Impl& mm) {
    for (std::size_t i = 0; i < corpus.size() && mm.self_test.size() < 3; ++i) {
      if (corpus[i].tokens.size() < 5) continue;
      Parser::Impl::SelfTest t;
      for (std::size_t k = 0; k < corpus[i].tokens.size(); ++k) {
        if (k) {
          t.forms += kSelfTestSep;
          t.tags += kSelfTestSep;
        }
        t.forms += corpus[i].tokens[k].form;
        t.tags += tags[i][k].first + " " + tags[i][k].second;
      }
      t.expected = parser_self_test_result(mm, t.forms, t.tags);
      mm.self_test.push_back(std::move(t));
    }
  };
  const int num_labels = static_cast<int>(m->labels.size());
  const int root = static_cast<int>(m->root_label);
  const int train_width = std::max(1, options.beam_width);
  m->beam_width = static_cast<std::uint32_t>(options.decode_width > 0 ? options.decode_width : train_width);
  if (m->beam_width > 256) throw std::runtime_error("train parser: beam width over 256");
  // One parser per shuffle seed, mixed when options.mix_seeds > 1.
  if (options.mix_seeds < 1) throw std::runtime_error("train parser: --mix-seeds must be at least 1");
  if (options.mix_seeds > 1 && options.on_iteration)
    throw std::runtime_error("train parser: no snapshots of a mixed parser");
  WeightMix transition_mix, label_mix;
  // A mixed table keeps as many weights as its first member's (see WeightMix::finish()).
  std::size_t max_transition_weights = SIZE_MAX, max_label_weights = SIZE_MAX;
  for (int member = 0; member < options.mix_seeds; ++member) {
    ParserTrainOptions member_options = options;
    member_options.seed = options.seed + static_cast<std::uint64_t>(member);
    AveragedPerceptron transitions(kNumTransitions);
    AveragedPerceptron arc_labels(static_cast<std::uint32_t>(num_labels));
    TrainingRandom rng(member_options.seed);
    std::vector<std::size_t> order(examples.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::vector<std::uint64_t> feats, label_feats;
    std::vector<float> label_scores(num_labels);
    State st;
    if (train_width > 1) {
      std::function<void(int)> snapshot;
      if (options.on_iteration)
        snapshot = [&](int iteration) {
          Parser::Impl copy;
          copy.provenance = m->provenance;
          copy.tags = m->tags;
          copy.labels = m->labels;
          copy.index_tags();
          copy.root_label = m->root_label;
          copy.beam_width = m->beam_width;
          copy.word_class = m->word_class;
          copy.ambiguity = m->ambiguity;
          copy.transitions = transitions.finish(options.max_features);
          copy.arc_labels = arc_labels.finish(options.max_label_features);
          add_self_test(copy);
          options.on_iteration(iteration, copy.serialize());
        };
      train_beam(examples, member_options, train_width, root, label_id, transitions, arc_labels, log,
                 snapshot);
    }
    for (int it = 0; train_width == 1 && it < options.iterations; ++it) {
      rng.shuffle(order);
      std::size_t correct = 0, total = 0, labels_correct = 0, labels_total = 0;
      for (std::size_t ei : order) {
        const Example& ex = examples[ei];
        st.reset(ex.n);
        while (!st.terminal()) {
          feats.clear();
          extract(st.view(), ex.words, feats);
          float scores[kNumTransitions] = {0, 0, 0};
          transitions.score(feats, scores);
          const Costs c = costs(st, ex);
          const int cost[kNumTransitions] = {c.shift, c.left, c.right};
          const bool valid[kNumTransitions] = {st.can_shift(), st.can_left(), st.can_right()};
          int best = -1, best_gold = -1, min_cost = 1 << 30;
          for (int t = 0; t < kNumTransitions; ++t)
            if (valid[t]) min_cost = std::min(min_cost, cost[t]);
          for (int t = 0; t < kNumTransitions; ++t) {
            if (!valid[t]) continue;
            if (best < 0 || scores[t] > scores[best]) best = t;
            if (cost[t] == min_cost && (best_gold < 0 || scores[t] > scores[best_gold])) best_gold = t;
          }
          ++total;
          if (cost[best] > min_cost) {
            transitions.update(feats, best_gold, best);
          } else {
            ++correct;
          }
          transitions.tick();
          int next = best_gold;
          if (cost[best] > min_cost && it > 0 && rng.uniform() < options.explore) next = best;

          // The labeller learns every arc the parser makes, named by the
          // dependent's gold relation: what it will be asked at run time.
          int label = -1;
          if (next != kShift) {
            const int h = st.arc_head(next), d = st.arc_dependent();
            if (h == ex.n) {
              label = root;
            } else {
              const int guess =
                  guess_label(arc_labels, st.kids[h], st.kids[d], ex, h, d, root, label_feats, label_scores);
              const int gold = ex.gold_label[d] == root ? guess : ex.gold_label[d];
              ++labels_total;
              if (guess == gold) {
                ++labels_correct;
              } else {
                arc_labels.update(label_feats, gold, guess);
              }
              arc_labels.tick();
              label = ex.gold_head[d] == h ? gold : guess;
            }
          }
          st.apply(next, label);
        }
      }
      if (log)
        *log << "parser: iteration " << it + 1 << "/" << options.iterations << ": oracle agreement "
             << 100.0 * static_cast<double>(correct) / static_cast<double>(total) << "%, labels "
             << 100.0 * static_cast<double>(labels_correct) / static_cast<double>(labels_total) << "%, "
             << transitions.num_features() << " + " << arc_labels.num_features() << " features\n";
    }
    if (options.mix_seeds == 1) {
      m->transitions = transitions.finish(options.max_features);
      m->arc_labels = arc_labels.finish(options.max_label_features);
    } else {
      if (member == 0) {
        max_transition_weights = transitions.finish(options.max_features).num_weights();
        max_label_weights = arc_labels.finish(options.max_label_features).num_weights();
      }
      transition_mix.add(transitions);
      label_mix.add(arc_labels);
      if (log) *log << "parser: model of seed " << member_options.seed << " mixed in\n";
    }
  }
  if (options.mix_seeds > 1) {
    m->transitions = transition_mix.finish(options.max_features, max_transition_weights);
    m->arc_labels = label_mix.finish(options.max_label_features, max_label_weights);
  }
  if (log)
    *log << "parser: " << m->transitions.num_features() << " transition features, "
         << m->arc_labels.num_features() << " label features (" << m->arc_labels.num_weights()
         << " weights) kept\n";

  add_self_test(*m);
  return m->serialize();
}

namespace {

// One document of `sentences` with their tags and trees as the tokens' annotations.
Analysis annotated_analysis(const std::vector<CorpusSentence>& sentences) {
  Analysis a = corpus_to_analysis(sentences);
  std::size_t t = 0;
  for (std::size_t i = 0; i < sentences.size(); ++i)
    for (const CorpusToken& tok : sentences[i].tokens) {
      Token& out = a.tokens[t++];
      out.upos = tok.upos;
      out.xpos = tok.xpos;
      out.head = tok.head < 0 ? -1 : static_cast<int>(a.sentences[i].first_token) + tok.head;
      out.deprel = tok.deprel;
    }
  return a;
}

// Each training sentence parsed by a parser trained on the other folds, with
// the tags the parser sees (`tags`); the tokens carry those tags and trees.
std::vector<CorpusSentence> jackknifed_parses(const std::vector<CorpusSentence>& train, const TagCache& tags,
                                              const ReviserTrainOptions& options, std::ostream* log) {
  std::vector<CorpusSentence> tagged = train;
  for (std::size_t i = 0; i < tagged.size(); ++i)
    for (std::size_t k = 0; k < tagged[i].tokens.size(); ++k)
      std::tie(tagged[i].tokens[k].upos, tagged[i].tokens[k].xpos) = tags[i][k];
  if (!options.parse_cache.empty() && std::filesystem::exists(options.parse_cache)) {
    auto cached = read_conllu_corpus(options.parse_cache);
    bool same = cached.size() == tagged.size();
    for (std::size_t i = 0; same && i < cached.size(); ++i) {
      same = cached[i].tokens.size() == tagged[i].tokens.size();
      for (std::size_t k = 0; same && k < cached[i].tokens.size(); ++k)
        same = cached[i].tokens[k].form == tagged[i].tokens[k].form &&
               cached[i].tokens[k].upos == tagged[i].tokens[k].upos;
    }
    if (!same)
      throw std::runtime_error(options.parse_cache + ": parse cache of another corpus or other tags");
    if (log) *log << "reviser: fold parses read from " << options.parse_cache << "\n";
    return cached;
  }
  const int folds = options.folds;
  if (folds < 2 || tagged.size() < static_cast<std::size_t>(folds))
    throw std::runtime_error("train reviser: at least 2 folds, and a sentence in each");
  std::vector<CorpusSentence> parsed = tagged;
  // Two folds at a time: the trainers share nothing, and the machine has two cores.
  auto run_fold = [&](int f) {
    std::vector<CorpusSentence> rest, held;
    std::vector<std::size_t> held_index;
    for (std::size_t i = 0; i < tagged.size(); ++i) {
      if (static_cast<int>(i % folds) != f) {
        rest.push_back(tagged[i]);
      } else {
        held.push_back(tagged[i]);
        held_index.push_back(i);
      }
    }
    ParserTrainOptions po = options.parser;
    po.jackknife_folds = 0;  // `rest` already carries the tags the parser sees
    po.tag_cache.clear();
    po.on_iteration = nullptr;
    auto parser = Parser::from_bytes(train_parser(rest, po, nullptr), "fold parser");
    Analysis a = annotated_analysis(held);
    parser->parse(a);
    for (std::size_t j = 0; j < held.size(); ++j) {
      const Sentence& s = a.sentences[j];
      CorpusSentence& out = parsed[held_index[j]];
      for (std::size_t k = 0; k < out.tokens.size(); ++k) {
        const Token& tok = a.tokens[s.first_token + k];
        out.tokens[k].head = tok.head < 0 ? -1 : tok.head - static_cast<int>(s.first_token);
        out.tokens[k].deprel = tok.deprel;
      }
    }
  };
  for (int f = 0; f < folds; f += 2) {
    // An error in either fold reaches the caller, as it would without the thread.
    std::exception_ptr failed[2];
    auto guarded = [&](int k) {
      try {
        run_fold(f + k);
      } catch (...) {
        failed[k] = std::current_exception();
      }
    };
    std::thread second;
    if (f + 1 < folds) second = std::thread(guarded, 1);
    guarded(0);
    if (second.joinable()) second.join();
    for (const std::exception_ptr& e : failed)
      if (e) std::rethrow_exception(e);
    if (log) *log << "reviser: folds parsed " << std::min(f + 2, folds) << "/" << folds << "\n";
  }
  if (!options.parse_cache.empty())
    write_binary_file(options.parse_cache, analysis_to_conllu(annotated_analysis(parsed)));
  return parsed;
}

// The reviser, learnt from the fold parsers' trees: for each word of a
// revised relation, its candidates are ranked (one score each, a ranking
// perceptron) toward the gold head, or toward the parser's head when the
// gold one is not among them.
void learn_revision(Parser::Impl& m, const std::vector<CorpusSentence>& train, const TagCache& tags,
                    const std::vector<CorpusSentence>& parsed, const ReviserTrainOptions& options,
                    std::ostream* log) {
  // An empty relation is read as "dep", as train_parser() does.
  auto id_of = [&](const std::string& rel) { return m.label_id(rel.empty() ? "dep" : rel); };
  // Which relations: those the fold parsers misattach often.
  std::vector<std::size_t> seen(m.labels.size()), wrong(m.labels.size());
  for (std::size_t i = 0; i < train.size(); ++i)
    for (std::size_t k = 0; k < train[i].tokens.size(); ++k) {
      const int l = id_of(parsed[i].tokens[k].deprel);
      if (l < 0 || parsed[i].tokens[k].upos == "PUNCT") continue;
      ++seen[l];
      wrong[l] += parsed[i].tokens[k].head != train[i].tokens[k].head;
    }
  m.revised = 0;
  for (std::size_t l = 0; l < m.labels.size() && l < 64; ++l)
    if (static_cast<int>(l) != static_cast<int>(m.root_label) && seen[l] >= options.min_count &&
        static_cast<double>(wrong[l]) >= options.error_rate * static_cast<double>(seen[l]))
      m.revised |= std::uint64_t{1} << l;
  // Examples: the candidates' features, and which candidate is right.
  struct Example {
    std::uint32_t first;  // offsets into `ends`
    std::uint32_t count;  // candidates
    std::uint32_t right;
  };
  std::vector<Example> examples;
  std::vector<std::uint32_t> ends;  // end of each candidate's features in `feats`
  std::vector<std::uint64_t> feats, kind;
  std::vector<int> head, label, cand;
  std::size_t fixable = 0, misattached = 0;
  Words words;
  TreeKids kids;
  for (std::size_t i = 0; i < train.size(); ++i) {
    const int n = static_cast<int>(train[i].tokens.size());
    Parser::Impl::prepare_words(words, n);
    head.assign(n, n);
    label.assign(n, 0);
    for (int k = 0; k < n; ++k) {
      m.set_word(words, k, features::hash_string(ascii_lower(train[i].tokens[k].form)),
                 m.tag_id(tags[i][k].first, tags[i][k].second));
      const CorpusToken& p = parsed[i].tokens[k];
      head[k] = p.head < 0 || p.head >= n ? n : p.head;
      label[k] = id_of(p.deprel);
    }
    kids.build(head, n);
    for (int d = 0; d < n; ++d) {
      if (head[d] == n || label[d] < 0 || !((m.revised >> label[d]) & 1)) continue;
      revision_candidates(words, m.tag_class, n, head, kids, d, (m.nominal_relations >> label[d]) & 1, cand,
                          kind);
      if (cand.size() < 2) continue;
      const int gold = train[i].tokens[d].head < 0 ? n : train[i].tokens[d].head;
      std::uint32_t right = 0;
      for (std::size_t c = 0; c < cand.size(); ++c)
        if (cand[c] == gold) right = static_cast<std::uint32_t>(c);
      misattached += gold != head[d];
      fixable += right != 0;
      Example ex{static_cast<std::uint32_t>(ends.size()), static_cast<std::uint32_t>(cand.size()), right};
      for (std::size_t c = 0; c < cand.size(); ++c) {
        extract_revision(words, m.tag_class, n, head, label, kids, d, cand[c], kind[c], feats);
        ends.push_back(static_cast<std::uint32_t>(feats.size()));
      }
      examples.push_back(ex);
    }
  }
  if (log)
    *log << "reviser: " << std::popcount(m.revised) << " relations, " << examples.size() << " words, "
         << misattached << " misattached, " << fixable
         << " of them with the right head among the candidates\n";
  AveragedPerceptron scorer(1);
  TrainingRandom rng(options.seed);
  std::vector<std::size_t> order(examples.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto span_of = [&](std::uint32_t cand_index) {
    const std::uint32_t begin = cand_index == 0 ? 0 : ends[cand_index - 1];
    return std::span<const std::uint64_t>(feats.data() + begin, ends[cand_index] - begin);
  };
  for (int it = 0; it < options.iterations; ++it) {
    rng.shuffle(order);
    std::size_t correct = 0;
    for (std::size_t e : order) {
      const Example& ex = examples[e];
      std::uint32_t guess = 0;
      float best = 0;
      for (std::uint32_t c = 0; c < ex.count; ++c) {
        float score = 0;
        scorer.score(span_of(ex.first + c), &score);
        if (c == 0 || score > best) guess = c, best = score;
      }
      if (guess == ex.right) {
        ++correct;
      } else {
        scorer.add(span_of(ex.first + ex.right), 0, 1.0f);
        scorer.add(span_of(ex.first + guess), 0, -1.0f);
      }
      scorer.tick();
    }
    if (log)
      *log << "reviser: iteration " << it + 1 << "/" << options.iterations << ": "
           << 100.0 * static_cast<double>(correct) /
                  static_cast<double>(std::max<std::size_t>(examples.size(), 1))
           << "% right, " << scorer.num_features() << " features\n";
  }
  m.revision = scorer.finish(options.max_features);
  if (m.revision.num_classes() == 0) m.revision = WeightTable::from_entries({}, 1);
}

}  // namespace

// What parts the reviser's provenance from the parser's in a model's header.
constexpr std::string_view kReviserProvenance = "; reviser: ";

std::string train_reviser(std::string_view parser_bytes, const std::vector<CorpusSentence>& train,
                          const ReviserTrainOptions& options, std::ostream* log) {
  if (train.empty()) throw std::runtime_error("train reviser: the training corpus is empty");
  std::unique_ptr<Parser::Impl> m = Parser::Impl::parse_model(parser_bytes, "parser model");
  const TagCache tags = training_tags(train, options.parser, log);
  const std::vector<CorpusSentence> parsed = jackknifed_parses(train, tags, options, log);
  learn_revision(*m, train, tags, parsed, options, log);
  // A model that had a reviser gets the new one: its provenance says so once.
  if (const std::size_t old = m->provenance.find(kReviserProvenance); old != std::string::npos)
    m->provenance.erase(old);
  if (!options.provenance.empty()) m->provenance += std::string(kReviserProvenance) + options.provenance;
  // The self-test sentences now parse with the reviser.
  for (auto& t : m->self_test) t.expected = parser_self_test_result(*m, t.forms, t.tags);
  return m->serialize();
}

}  // namespace chronicle
