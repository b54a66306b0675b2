// Training side of the linear classifiers: an averaged perceptron (Collins
// 2002; Freund & Schapire 1999) over hashed features with lazy averaging, as
// in Honnibal's "A good part-of-speech tagger in about 200 lines of Python".
// Only features that take part in an update get weights, which keeps the
// model sparse. Not thread-safe; used only by the trainers.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "extract/perceptron.h"

namespace chronicle {

class AveragedPerceptron {
 public:
  explicit AveragedPerceptron(std::uint32_t num_classes) : num_classes_(num_classes) {}

  std::uint32_t num_classes() const { return num_classes_; }

  // scores[0..num_classes) += current weights of `features`.
  void score(std::span<const std::uint64_t> features, float* scores) const {
    for (std::uint64_t f : features) {
      auto it = weights_.find(f);
      if (it == weights_.end()) continue;
      for (const W& w : it->second) scores[w.cls] += w.w;
    }
  }

  // One training example seen: advances the averaging clock.
  void tick() { ++now_; }

  // Moves weights toward `truth` and away from `guess` (no-op when equal).
  void update(std::span<const std::uint64_t> features, int truth, int guess) {
    if (truth == guess) return;
    for (std::uint64_t f : features) {
      auto& ws = weights_[f];
      bump(ws, truth, 1.0f);
      bump(ws, guess, -1.0f);
    }
  }

  // Adds `delta` to the weight of class `cls` for every feature (structured
  // updates: + for the gold sequence's moves, - for the predicted one's).
  void add(std::span<const std::uint64_t> features, int cls, float delta) {
    for (std::uint64_t f : features) bump(weights_[f], cls, delta);
  }

  // The averaged weights, quantised and pruned to `max_features`, for the runtime.
  WeightTable finish(std::size_t max_features = SIZE_MAX) const {
    return WeightTable::from_entries(averaged(), num_classes_, max_features);
  }

  // The non-zero averaged weights, unquantised and unpruned, in no order.
  std::vector<WeightTable::Entry> averaged() const {
    std::vector<WeightTable::Entry> entries;
    entries.reserve(weights_.size());
    for (const auto& [f, ws] : weights_) {
      WeightTable::Entry e;
      e.feature = f;
      for (const W& w : ws) {
        double total = w.total + static_cast<double>(now_ - w.stamp) * w.w;
        double avg = now_ > 0 ? total / static_cast<double>(now_) : 0.0;
        if (avg != 0) e.weights.emplace_back(w.cls, static_cast<float>(avg));
      }
      if (!e.weights.empty()) entries.push_back(std::move(e));
    }
    return entries;
  }

  std::size_t num_features() const { return weights_.size(); }

 private:
  struct W {
    std::uint16_t cls;
    float w;
    double total;
    std::int64_t stamp;
  };

  void bump(std::vector<W>& ws, int cls, float delta) {
    for (W& w : ws) {
      if (w.cls == cls) {
        w.total += static_cast<double>(now_ - w.stamp) * w.w;
        w.stamp = now_;
        w.w += delta;
        return;
      }
    }
    ws.push_back(W{static_cast<std::uint16_t>(cls), delta, 0.0, now_});
  }

  std::uint32_t num_classes_;
  std::unordered_map<std::uint64_t, std::vector<W>> weights_;
  std::int64_t now_ = 0;
};

// Parameter mixing (McDonald, Hall & Mann 2010): the mean of the averaged
// weights of perceptrons trained alike on different shuffles of the corpus.
// Scoring with the mean ranks classes as the sum of their scores does, so it
// is an ensemble that costs no more at run time than one of its members (the
// table is pruned to the same number of features), and the choice of one
// shuffle seed stops mattering as much. The mean of one perceptron is its
// own averaged weights, bit for bit.
class WeightMix {
 public:
  void add(const AveragedPerceptron& p) {
    if (members_ == 0) num_classes_ = p.num_classes();
    if (p.num_classes() != num_classes_) throw std::logic_error("WeightMix: perceptrons of other classes");
    ++members_;
    for (WeightTable::Entry& e : p.averaged()) {
      auto& sums = sums_[e.feature];
      for (auto [cls, w] : e.weights) {
        auto it = std::find_if(sums.begin(), sums.end(), [cls](const auto& s) { return s.first == cls; });
        if (it == sums.end())
          sums.emplace_back(cls, static_cast<double>(w));
        else
          it->second += static_cast<double>(w);
      }
    }
  }

  int members() const { return members_; }

  // The mean weights, quantised and pruned to `max_features`, as
  // AveragedPerceptron::finish(), and to `max_weights`: the mean of K members
  // carries the union of their classes per feature, so a table of as many
  // features as one member's is bigger and its runs longer to read, unless
  // the weakest weights go.
  WeightTable finish(std::size_t max_features = SIZE_MAX, std::size_t max_weights = SIZE_MAX) const {
    std::vector<WeightTable::Entry> entries;
    entries.reserve(sums_.size());
    for (const auto& [f, sums] : sums_) {
      WeightTable::Entry e;
      e.feature = f;
      for (auto [cls, sum] : sums)
        if (sum != 0) e.weights.emplace_back(cls, static_cast<float>(sum / members_));
      if (!e.weights.empty()) entries.push_back(std::move(e));
    }
    return WeightTable::from_entries(std::move(entries), num_classes_, max_features, max_weights);
  }

 private:
  std::uint32_t num_classes_ = 0;
  int members_ = 0;
  std::unordered_map<std::uint64_t, std::vector<std::pair<std::uint16_t, double>>> sums_;
};

// A deterministic random source for training (splitmix64): the same seed gives
// the same shuffles and explorations on every platform.
class TrainingRandom {
 public:
  explicit TrainingRandom(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  template <class T>
  void shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[next() % i]);
  }

 private:
  std::uint64_t state_;
};

}  // namespace chronicle
