#include "extract/tagger_trainer.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>

#include "extract/ner_lexicon_builder.h"
#include "extract/perceptron_trainer.h"
#include "extract/tagger_impl.h"

namespace chronicle {

namespace {

using tagger_detail::kStartTag;

// Most frequent key of a count map; ties go to the smallest key.
template <class K>
std::pair<K, int> mode(const std::map<K, int>& counts) {
  std::pair<K, int> best{};
  bool first = true;
  for (auto& [k, c] : counts) {
    if (first || c > best.second) {
      best = {k, c};
      first = false;
    }
  }
  return best;
}

// Tag dictionary (frequent unambiguous forms) and ambiguity classes of the
// sentences `use` of the corpus.
void learn_lexicon(const std::vector<CorpusSentence>& train, const std::vector<std::vector<int>>& gold,
                   const std::vector<std::size_t>& use, tagger_detail::Lexicon& lex) {
  std::map<std::string, std::map<int, int>> by_form, by_lower;
  for (std::size_t si : use)
    for (std::size_t k = 0; k < gold[si].size(); ++k) {
      const std::string& form = train[si].tokens[k].form;
      ++by_form[form][gold[si][k]];
      ++by_lower[ascii_lower(form)][gold[si][k]];
    }
  for (auto& [form, counts] : by_form) {
    int total = 0;
    for (auto& [c, n] : counts) total += n;
    auto [c, n] = mode(counts);
    if (total >= 20 && n >= 0.995 * total)
      lex.dict.emplace(features::hash_string(form), static_cast<std::uint16_t>(c));
  }
  for (auto& [lower, counts] : by_lower) {
    int total = 0;
    for (auto& [c, n] : counts) total += n;
    if (total < 3) continue;
    std::vector<std::pair<int, int>> ranked;  // (-count, class)
    for (auto& [c, n] : counts) ranked.emplace_back(-n, c);
    std::sort(ranked.begin(), ranked.end());
    std::uint32_t top1 = static_cast<std::uint32_t>(ranked[0].second);
    std::uint32_t top2 = ranked.size() > 1 && -ranked[1].first * 10 >= total ? ranked[1].second : 0xffffu;
    lex.amb.emplace(features::hash_string(lower), top1 | (top2 << 16));
  }
}

// The first pass: averaged perceptron, greedy decoding with its own previous
// predictions, over the sentences `use`.
WeightTable train_first_pass(const std::vector<CorpusSentence>& train,
                             const std::vector<std::vector<int>>& gold, const std::vector<std::size_t>& use,
                             const tagger_detail::Lexicon& lexicon, const Lemmatizer& lemmatizer,
                             std::uint32_t num_classes, const TaggerTrainOptions& options, std::uint64_t seed,
                             std::ostream* log) {
  AveragedPerceptron model(num_classes);
  TrainingRandom rng(seed);
  std::vector<std::size_t> order = use;
  std::vector<tagger_detail::Word> words;
  std::vector<std::uint64_t> feats;
  std::vector<float> scores(num_classes);
  std::vector<std::string_view> forms;
  for (int it = 0; it < options.iterations; ++it) {
    rng.shuffle(order);
    std::size_t correct = 0, total = 0;
    for (std::size_t si : order) {
      const CorpusSentence& s = train[si];
      forms.clear();
      for (auto& t : s.tokens) forms.push_back(t.form);
      tagger_detail::prepare(forms, lexicon, lemmatizer, words);
      int prev = kStartTag, prev2 = kStartTag;
      for (std::size_t i = 0; i < forms.size(); ++i) {
        int g = gold[si][i];
        int guess = words[i].dict;
        if (guess < 0) {
          feats.clear();
          tagger_detail::extract(words, i, prev, prev2, feats);
          std::fill(scores.begin(), scores.end(), 0.0f);
          model.score(feats, scores.data());
          guess = 0;
          for (std::size_t c = 1; c < scores.size(); ++c)
            if (scores[c] > scores[guess]) guess = static_cast<int>(c);
          model.update(feats, g, guess);
          model.tick();
        }
        correct += guess == g;
        ++total;
        prev2 = prev;
        prev = guess;
      }
    }
    if (log)
      *log << "pos: iteration " << it + 1 << "/" << options.iterations << ": train accuracy "
           << 100.0 * static_cast<double>(correct) / static_cast<double>(total) << "%, "
           << model.num_features() << " features\n";
  }
  return model.finish(options.max_features);
}

}  // namespace

std::string train_tagger(const std::vector<CorpusSentence>& train, const TaggerTrainOptions& options,
                         std::ostream* log) {
  if (train.empty()) throw std::runtime_error("train pos: the training corpus is empty");
  auto m = std::make_unique<Tagger::Impl>();
  m->provenance = options.provenance;

  // The tag set: every UPOS+XPOS pair of the corpus, in sorted order.
  std::map<std::pair<std::string, std::string>, int> tagset;
  for (auto& s : train)
    for (auto& t : s.tokens) tagset.emplace(std::pair(t.upos, t.xpos), 0);
  if (tagset.size() > 65000) throw std::runtime_error("train pos: too many distinct tags");
  for (auto& [k, id] : tagset) {
    id = static_cast<int>(m->upos.size());
    m->upos.push_back(k.first);
    m->xpos.push_back(k.second);
  }
  auto class_of = [&](const CorpusToken& t) { return tagset.at(std::pair(t.upos, t.xpos)); };

  std::vector<std::vector<int>> gold(train.size());
  for (std::size_t i = 0; i < train.size(); ++i)
    for (auto& t : train[i].tokens) gold[i].push_back(class_of(t));
  const auto num_classes = static_cast<std::uint32_t>(m->upos.size());

  // Word classes from unlabeled text plus the corpus itself, lowercased.
  if (!options.known_word_classes.empty()) {
    m->lexicon.word_class.insert(options.known_word_classes.begin(), options.known_word_classes.end());
  } else if (!options.unlabeled.empty() && options.word_classes > 0) {
    std::vector<std::vector<std::string>> text;
    text.reserve(options.unlabeled.size() + train.size());
    for (const auto& sentence : options.unlabeled) {
      auto& out = text.emplace_back();
      for (const auto& w : sentence) out.push_back(ascii_lower(w));
    }
    for (const auto& sentence : train) {
      auto& out = text.emplace_back();
      for (const auto& t : sentence.tokens) out.push_back(ascii_lower(t.form));
    }
    auto say = [&](const std::string& line) {
      if (log) *log << "pos: " << line << "\n";
    };
    for (auto& [word, c] :
         ner::exchange_clusters(text, options.word_classes, options.word_class_iterations, 3, say))
      m->lexicon.word_class.emplace(features::hash_string(word), static_cast<std::uint16_t>(c + 1));
    if (log)
      *log << "pos: " << m->lexicon.word_class.size() << " words in " << options.word_classes << " classes\n";
  }

  // WordNet serves the tagger (word classes of unseen words) and the lemmatiser.
  if (!options.wordnet_dir.empty()) m->lemmatizer.load_wordnet(options.wordnet_dir);

  std::vector<std::size_t> all(train.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  learn_lexicon(train, gold, all, m->lexicon);
  m->weights =
      train_first_pass(train, gold, all, m->lexicon, m->lemmatizer, num_classes, options, options.seed, log);

  // The second pass learns from first-pass tags of sentences the first pass
  // did not train on (jackknife): tags as good as those it will see at run time.
  if (options.second_pass_folds >= 2 && train.size() >= static_cast<std::size_t>(options.second_pass_folds)) {
    const auto folds = static_cast<std::size_t>(options.second_pass_folds);
    std::vector<std::vector<int>> jk_tags(train.size());
    std::vector<std::vector<float>> jk_margin(train.size());
    std::vector<tagger_detail::Word> words;
    std::vector<std::string_view> forms;
    std::vector<std::int32_t> margins;
    for (std::size_t f = 0; f < folds; ++f) {
      std::vector<std::size_t> rest;
      for (std::size_t i = 0; i < train.size(); ++i)
        if (i % folds != f) rest.push_back(i);
      tagger_detail::Lexicon lex;
      lex.word_class = m->lexicon.word_class;
      learn_lexicon(train, gold, rest, lex);
      TaggerTrainOptions fo = options;
      WeightTable w = train_first_pass(train, gold, rest, lex, m->lemmatizer, num_classes, fo,
                                       options.seed + 1 + f, nullptr);
      const double scale = w.scale() > 0 ? w.scale() : 1.0;
      for (std::size_t si = f; si < train.size(); si += folds) {
        forms.clear();
        for (auto& t : train[si].tokens) forms.push_back(t.form);
        tagger_detail::prepare(forms, lex, m->lemmatizer, words);
        tagger_detail::first_pass(w, num_classes, words, jk_tags[si], &margins);
        for (std::int32_t mg : margins)
          jk_margin[si].push_back(mg == INT32_MAX ? 1e30f : static_cast<float>(mg / scale));
      }
      if (log) *log << "pos: second pass: jackknife fold " << f + 1 << "/" << folds << " tagged\n";
    }
    std::size_t jk_correct = 0, jk_total = 0, jk_low = 0, jk_low_correct = 0;
    for (std::size_t si = 0; si < train.size(); ++si)
      for (std::size_t k = 0; k < gold[si].size(); ++k) {
        jk_correct += jk_tags[si][k] == gold[si][k];
        ++jk_total;
        if (jk_margin[si][k] < options.second_pass_margin) {
          ++jk_low;
          jk_low_correct += jk_tags[si][k] == gold[si][k];
        }
      }
    if (log)
      *log << "pos: second pass: jackknifed tag accuracy "
           << 100.0 * static_cast<double>(jk_correct) / static_cast<double>(jk_total) << "%; " << jk_low
           << " tokens under the margin ("
           << 100.0 * static_cast<double>(jk_low) / static_cast<double>(jk_total) << "%), "
           << 100.0 * static_cast<double>(jk_low_correct) /
                  static_cast<double>(std::max<std::size_t>(jk_low, 1))
           << "% of them right\n";

    AveragedPerceptron model(num_classes);
    TrainingRandom rng(options.seed + 100);
    std::vector<std::size_t> order = all;
    std::vector<std::uint64_t> feats;
    std::vector<float> scores(num_classes);
    std::vector<int> tags;
    for (int it = 0; it < options.second_pass_iterations; ++it) {
      rng.shuffle(order);
      std::size_t correct = 0, total = 0;
      for (std::size_t si : order) {
        const CorpusSentence& s = train[si];
        forms.clear();
        for (auto& t : s.tokens) forms.push_back(t.form);
        tagger_detail::prepare(forms, m->lexicon, m->lemmatizer, words);
        tags = jk_tags[si];
        const int n = static_cast<int>(tags.size());
        for (int i = 0; i < n; ++i) {
          if (words[i].dict >= 0 || jk_margin[si][i] >= options.second_pass_train_margin) continue;
          const int prev = i > 0 ? tags[i - 1] : kStartTag;
          const int prev2 = i > 1 ? tags[i - 2] : kStartTag;
          feats.clear();
          tagger_detail::extract(words, static_cast<std::size_t>(i), prev, prev2, feats);
          tagger_detail::extract_right(words, static_cast<std::size_t>(i), tags[i],
                                       i + 1 < n ? tags[i + 1] : tagger_detail::kEndTag,
                                       i + 2 < n ? tags[i + 2] : tagger_detail::kEndTag, prev, feats);
          std::fill(scores.begin(), scores.end(), 0.0f);
          model.score(feats, scores.data());
          int guess = 0;
          for (std::size_t c = 1; c < scores.size(); ++c)
            if (scores[c] > scores[guess]) guess = static_cast<int>(c);
          model.update(feats, gold[si][i], guess);
          model.tick();
          correct += guess == gold[si][i];
          ++total;
          tags[i] = guess;
        }
      }
      if (log)
        *log << "pos: second pass iteration " << it + 1 << "/" << options.second_pass_iterations
             << ": train accuracy "
             << 100.0 * static_cast<double>(correct) / static_cast<double>(std::max<std::size_t>(total, 1))
             << "% of " << total << " tokens, " << model.num_features() << " features\n";
    }
    m->second = model.finish(options.second_pass_max_features);
    m->second_margin = static_cast<std::int32_t>(
        std::clamp(std::llround(options.second_pass_margin * m->weights.scale()), 0LL, 2000000000LL));
    if (log)
      *log << "pos: second pass: margin " << m->second_margin << " (quantised), " << m->second.num_features()
           << " features kept\n";
  }

  // Lemmatiser: WordNet lists and rules, then an exception lexicon of what
  // they get wrong on the training corpus.
  std::map<std::string, std::map<std::string, int>> lemma_counts;
  std::map<std::string, std::pair<std::string, std::string>> example;  // key -> (form, upos)
  for (auto& s : train)
    for (auto& t : s.tokens) {
      if (t.lemma.empty()) continue;
      std::string key = Lemmatizer::lexicon_key(t.form, t.xpos);
      ++lemma_counts[key][t.lemma];
      example.emplace(key, std::pair(t.form, t.upos));
    }
  for (auto& [key, counts] : lemma_counts) {
    std::string lemma = mode(counts).first;
    auto& [form, upos] = example.at(key);
    std::string xpos = key.substr(key.find('\t') + 1);
    if (m->lemmatizer.rule_lemma(form, upos, xpos) != lemma) m->lemmatizer.add_lexicon(form, xpos, lemma);
  }
  if (log)
    *log << "pos: " << m->weights.num_features() << " features kept, " << m->lemmatizer.lexicon_size()
         << " lemma exceptions learned\n";

  // Self-test sentences, re-tagged on every load.
  std::vector<std::string_view> forms;
  for (std::size_t i = 0; i < train.size() && m->self_test.size() < 3; ++i) {
    if (train[i].tokens.size() < 5) continue;
    std::string sentence;
    forms.clear();
    bool has_space = false;
    for (auto& t : train[i].tokens) {
      if (t.form.find(' ') != std::string::npos) has_space = true;
      if (!sentence.empty()) sentence += ' ';
      sentence += t.form;
      forms.push_back(t.form);
    }
    if (has_space) continue;
    std::string tags;
    for (int t : m->decode(forms)) {
      if (!tags.empty()) tags += ' ';
      tags += m->xpos[t];
    }
    m->self_test.emplace_back(sentence, tags);
  }
  return m->serialize();
}

}  // namespace chronicle
