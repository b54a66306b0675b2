#include "extract/tagger_trainer.h"

#include <algorithm>
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

// One averaged perceptron over the corpus in the order of `seed`'s shuffles.
template <class ClassOf>
void train_tagger_weights(const std::vector<CorpusSentence>& train, const Tagger::Impl& m, ClassOf&& class_of,
                          std::uint64_t seed, const TaggerTrainOptions& options, AveragedPerceptron& model,
                          std::ostream* log) {
  TrainingRandom rng(seed);
  std::vector<std::size_t> order(train.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<tagger_detail::Word> words;
  std::vector<std::uint64_t> feats;
  std::vector<float> scores(m.upos.size());
  std::vector<std::string_view> forms;
  for (int it = 0; it < options.iterations; ++it) {
    rng.shuffle(order);
    std::size_t correct = 0, total = 0;
    for (std::size_t si : order) {
      const CorpusSentence& s = train[si];
      forms.clear();
      for (auto& t : s.tokens) forms.push_back(t.form);
      tagger_detail::prepare(forms, m.lexicon, m.lemmatizer, words);
      int prev = kStartTag, prev2 = kStartTag;
      for (std::size_t i = 0; i < forms.size(); ++i) {
        int gold = class_of(s.tokens[i]);
        int guess = words[i].dict;
        if (guess < 0) {
          feats.clear();
          tagger_detail::extract(words, i, prev, prev2, feats);
          std::fill(scores.begin(), scores.end(), 0.0f);
          model.score(feats, scores.data());
          guess = 0;
          for (std::size_t c = 1; c < scores.size(); ++c)
            if (scores[c] > scores[guess]) guess = static_cast<int>(c);
          model.update(feats, gold, guess);
          model.tick();
        }
        correct += guess == gold;
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

  // Lexicon: tag dictionary for frequent unambiguous forms, ambiguity classes.
  std::map<std::string, std::map<int, int>> by_form, by_lower;
  for (auto& s : train)
    for (auto& t : s.tokens) {
      int c = class_of(t);
      ++by_form[t.form][c];
      ++by_lower[ascii_lower(t.form)][c];
    }
  for (auto& [form, counts] : by_form) {
    int total = 0;
    for (auto& [c, n] : counts) total += n;
    auto [c, n] = mode(counts);
    if (total >= 20 && n >= 0.995 * total)
      m->lexicon.dict.emplace(features::hash_string(form), static_cast<std::uint16_t>(c));
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
    m->lexicon.amb.emplace(features::hash_string(lower), top1 | (top2 << 16));
  }

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

  // Averaged perceptron, greedy decoding with its own previous predictions;
  // one per shuffle seed, mixed when options.mix_seeds > 1.
  if (options.mix_seeds < 1) throw std::runtime_error("train pos: --mix-seeds must be at least 1");
  WeightMix mix;
  std::size_t max_weights = SIZE_MAX;  // a mixed table keeps as many weights as its first member's
  for (int member = 0; member < options.mix_seeds; ++member) {
    const std::uint64_t seed = options.seed + static_cast<std::uint64_t>(member);
    AveragedPerceptron model(static_cast<std::uint32_t>(m->upos.size()));
    train_tagger_weights(train, *m, class_of, seed, options, model, log);
    if (options.mix_seeds == 1) {
      m->weights = model.finish(options.max_features);
    } else {
      if (member == 0) max_weights = model.finish(options.max_features).num_weights();
      mix.add(model);
      if (log) *log << "pos: model of seed " << seed << " mixed in\n";
    }
  }
  if (options.mix_seeds > 1) m->weights = mix.finish(options.max_features, max_weights);

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
