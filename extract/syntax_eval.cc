#include "extract/syntax_eval.h"

#include <time.h>

#include "extract/parser.h"
#include "extract/tagger.h"

namespace chronicle {

SyntaxScores evaluate_syntax(const Tagger* tagger, const Parser* parser,
                             const std::vector<CorpusSentence>& gold, int beam_width) {
  Analysis a = corpus_to_analysis(gold);
  // CPU time of this thread: on a shared machine wall time says more about
  // the neighbours than about the tagger.
  auto cpu_seconds = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  };
  const double start = cpu_seconds();
  if (tagger) {
    tagger->tag(a);
  } else {
    std::size_t k = 0;
    for (auto& s : gold)
      for (auto& t : s.tokens) {
        a.tokens[k].upos = t.upos;
        a.tokens[k].xpos = t.xpos;
        a.tokens[k].lemma = t.lemma;
        ++k;
      }
  }
  if (parser) parser->parse(a, beam_width > 0 ? beam_width : parser->beam_width());
  SyntaxScores r;
  r.seconds = cpu_seconds() - start;
  std::size_t upos = 0, xpos = 0, lemma = 0, uas = 0, las = 0, k = 0;
  for (std::size_t si = 0; si < gold.size(); ++si) {
    const std::uint32_t first = a.sentences[si].first_token;
    for (auto& g : gold[si].tokens) {
      const Token& t = a.tokens[k++];
      upos += t.upos == g.upos;
      xpos += t.xpos == g.xpos;
      lemma += t.lemma == g.lemma;
      int head = t.head < 0 ? -1 : t.head - static_cast<int>(first);
      if (head == g.head) {
        ++uas;
        las += t.deprel == g.deprel;
      }
    }
  }
  r.tokens = k;
  if (k) {
    double n = static_cast<double>(k) / 100.0;
    if (tagger) {
      r.upos = static_cast<double>(upos) / n;
      r.xpos = static_cast<double>(xpos) / n;
      r.lemma = static_cast<double>(lemma) / n;
    }
    if (parser) {
      r.uas = static_cast<double>(uas) / n;
      r.las = static_cast<double>(las) / n;
    }
  }
  return r;
}

}  // namespace chronicle
