#include "extract/parser_trainer.h"

#include <algorithm>
#include <map>
#include <set>

#include "extract/lemmatizer.h"
#include "extract/parser_impl.h"
#include "extract/perceptron_trainer.h"
#include "extract/tagger.h"
#include "extract/tagger_trainer.h"

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

}  // namespace

std::string train_parser(const std::vector<CorpusSentence>& train, const ParserTrainOptions& options,
                         std::ostream* log) {
  if (train.empty()) throw std::runtime_error("train parser: the training corpus is empty");
  auto m = std::make_unique<Parser::Impl>();
  m->provenance = options.provenance;
  m->word_class.insert(options.word_classes.begin(), options.word_classes.end());

  // Tags the parser will see: jackknifed predictions, or gold.
  std::vector<std::vector<std::pair<std::string, std::string>>> tags(train.size());
  for (std::size_t i = 0; i < train.size(); ++i)
    for (auto& t : train[i].tokens) tags[i].emplace_back(t.upos, t.xpos);
  const int folds = options.jackknife_folds;
  if (folds >= 2 && train.size() >= static_cast<std::size_t>(folds)) {
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
  }

  // Tag and label sets, sorted.
  std::set<std::string> tagset, labelset;
  for (std::size_t i = 0; i < train.size(); ++i)
    for (std::size_t k = 0; k < train[i].tokens.size(); ++k) {
      tagset.insert(tags[i][k].first + " " + tags[i][k].second);
      tagset.insert(train[i].tokens[k].upos + " " + train[i].tokens[k].xpos);
      labelset.insert(train[i].tokens[k].deprel.empty() ? "dep" : train[i].tokens[k].deprel);
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

  std::vector<Example> examples(train.size());
  for (std::size_t i = 0; i < train.size(); ++i) {
    Example& ex = examples[i];
    ex.n = static_cast<int>(train[i].tokens.size());
    Parser::Impl::prepare_words(ex.words, ex.n);
    for (int k = 0; k < ex.n; ++k) {
      const CorpusToken& t = train[i].tokens[k];
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

  const int num_labels = static_cast<int>(m->labels.size());
  const int root = static_cast<int>(m->root_label);
  AveragedPerceptron transitions(kNumTransitions);
  AveragedPerceptron arc_labels(static_cast<std::uint32_t>(num_labels));
  TrainingRandom rng(options.seed);
  std::vector<std::size_t> order(examples.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<std::uint64_t> feats, label_feats;
  std::vector<float> label_scores(num_labels);
  State st;
  for (int it = 0; it < options.iterations; ++it) {
    rng.shuffle(order);
    std::size_t correct = 0, total = 0, labels_correct = 0, labels_total = 0;
    for (std::size_t ei : order) {
      const Example& ex = examples[ei];
      st.reset(ex.n);
      while (!st.terminal()) {
        feats.clear();
        extract(st, ex.words, feats);
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
            label_feats.clear();
            extract_label(st, ex.words, h, d, label_feats);
            std::fill(label_scores.begin(), label_scores.end(), 0.0f);
            arc_labels.score(label_feats, label_scores.data());
            int guess = -1;
            for (int l = 0; l < num_labels; ++l)
              if (l != root && (guess < 0 || label_scores[l] > label_scores[guess])) guess = l;
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
  m->transitions = transitions.finish(options.max_features);
  m->arc_labels = arc_labels.finish(options.max_label_features);
  if (log)
    *log << "parser: " << m->transitions.num_features() << " transition features, "
         << m->arc_labels.num_features() << " label features (" << m->arc_labels.num_weights()
         << " weights) kept\n";

  // Self-test sentences, re-parsed on every load.
  for (std::size_t i = 0; i < train.size() && m->self_test.size() < 3; ++i) {
    if (train[i].tokens.size() < 5) continue;
    Parser::Impl::SelfTest t;
    for (std::size_t k = 0; k < train[i].tokens.size(); ++k) {
      if (k) {
        t.forms += kSelfTestSep;
        t.tags += kSelfTestSep;
      }
      t.forms += train[i].tokens[k].form;
      t.tags += tags[i][k].first + " " + tags[i][k].second;
    }
    t.expected = parser_self_test_result(*m, t.forms, t.tags);
    m->self_test.push_back(std::move(t));
  }
  return m->serialize();
}

}  // namespace chronicle
