// Segmentation quality against gold CoNLL-U (UD English EWT dev):
//
//   build/tools/segment_eval ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu
//
// The raw text is rebuilt from the "# text" lines: sentences of a paragraph
// joined by a space, paragraphs ("# newpar", "# newdoc") by a blank line, so
// that sentence boundaries inside a paragraph must be found, not read off
// line breaks. Gold token spans come from aligning the word forms to the
// text (a multiword token whose words do not spell it counts as one token).
// Prints token and sentence precision, recall and F1 (a boundary pair must
// match exactly). `--dump FILE` prints the segmentation of any input file.
// SEGMENT_EVAL_ICU=1 adds ICU's own sentence iterator for comparison;
// SEGMENT_EVAL_ERRORS=N prints N missed sentences and tokens;
// SEGMENT_EVAL_KEEP_HYPHENS=1 keeps hyphenated words whole.
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/io.h"
#include "core/segment.h"

using namespace chronicle;

namespace {

struct Gold {
  std::string text;
  std::set<std::pair<Offset, Offset>> tokens, sentences;
};

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> cols;
  std::size_t i = 0;
  while (true) {
    const std::size_t e = line.find('\t', i);
    cols.push_back(line.substr(i, e == std::string::npos ? std::string::npos : e - i));
    if (e == std::string::npos) break;
    i = e + 1;
  }
  return cols;
}

Gold read_gold(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open (is ../shared/data present?)");
  Gold g;
  std::string line, sent_text;
  bool newpar = false;
  std::vector<std::pair<std::string, int>> forms;  // (form, words it covers: 0 plain word, >0 MWT)
  std::vector<std::string> mwt_words;
  std::size_t mwt_remaining = 0;
  std::string mwt_surface;
  auto flush = [&]() {
    if (sent_text.empty()) return;
    if (!g.text.empty()) g.text += newpar ? "\n\n" : " ";
    newpar = false;
    const auto base = static_cast<Offset>(g.text.size());
    g.text += sent_text;
    std::size_t pos = 0;
    for (const auto& [form, _] : forms) {
      const std::size_t p = sent_text.find(form, pos);
      if (p == std::string::npos) continue;
      g.tokens.insert({static_cast<Offset>(base + p), static_cast<Offset>(base + p + form.size())});
      pos = p + form.size();
    }
    g.sentences.insert({base, static_cast<Offset>(base + sent_text.size())});
    sent_text.clear();
    forms.clear();
  };
  while (std::getline(in, line)) {
    if (line.empty()) {
      flush();
      continue;
    }
    if (line[0] == '#') {
      if (line.rfind("# text = ", 0) == 0) sent_text = line.substr(9);
      if (line.rfind("# newpar", 0) == 0 || line.rfind("# newdoc", 0) == 0) newpar = true;
      continue;
    }
    const auto cols = split_tabs(line);
    if (cols.size() < 2) continue;
    const std::string& id = cols[0];
    if (id.find('.') != std::string::npos) continue;
    if (const auto dash = id.find('-'); dash != std::string::npos) {
      mwt_remaining = std::stoul(id.substr(dash + 1)) - std::stoul(id.substr(0, dash)) + 1;
      mwt_surface = cols[1];
      mwt_words.clear();
      continue;
    }
    if (mwt_remaining > 0) {
      mwt_words.push_back(cols[1]);
      if (--mwt_remaining == 0) {
        std::string joined;
        for (const auto& w : mwt_words) joined += w;
        if (joined == mwt_surface) {
          for (const auto& w : mwt_words) forms.emplace_back(w, 0);
        } else {
          forms.emplace_back(mwt_surface, 1);
        }
      }
      continue;
    }
    forms.emplace_back(cols[1], 0);
  }
  flush();
  return g;
}

void report(const char* what, const std::set<std::pair<Offset, Offset>>& gold,
            const std::set<std::pair<Offset, Offset>>& sys) {
  std::size_t tp = 0;
  for (const auto& s : sys) tp += gold.count(s);
  const double p = sys.empty() ? 0 : double(tp) / sys.size();
  const double r = gold.empty() ? 0 : double(tp) / gold.size();
  const double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
  std::printf("%-9s gold %7zu  system %7zu  P %.2f%%  R %.2f%%  F1 %.2f%%\n", what, gold.size(), sys.size(),
              100 * p, 100 * r, 100 * f);
}

int dump(const std::string& path) {
  std::vector<std::string> warnings;
  for (Document& d : read_documents(path, InputFormat::Auto, warnings)) {
    Analysis a;
    a.doc = std::move(d);
    segment(a);
    std::printf("# id=%s title=%s dct=%s (%s)\n", a.doc.id.c_str(), a.doc.title.c_str(),
                a.doc.dct ? a.doc.dct->timex().c_str() : "-", a.doc.dct_origin.c_str());
    for (const auto& [k, v] : a.doc.metadata) std::printf("# meta %s = %s\n", k.c_str(), v.c_str());
    for (const Sentence& s : a.sentences) {
      std::printf("[p%u]", s.paragraph);
      for (std::uint32_t t = s.first_token; t < s.end_token; ++t)
        std::printf(" %.*s", int(a.tokens[t].span.size()), a.text(a.tokens[t]).data());
      std::printf("\n");
    }
  }
  for (const auto& w : warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  return 0;
}

}  // namespace

// ICU's sentence break iterator with abbreviation suppression (en@ss=standard),
// for comparison: its sentences (trimmed of white space) and its speed.
std::set<std::pair<Offset, Offset>> icu_sentences(const std::string& text, double& seconds) {
  std::set<std::pair<Offset, Offset>> out;
  UErrorCode status = U_ZERO_ERROR;
  const auto t0 = std::chrono::steady_clock::now();
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU sentence iterator unavailable");
  it->setText(ut, status);
  std::int32_t start = it->first();
  for (std::int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
    auto a = static_cast<std::size_t>(start), b = static_cast<std::size_t>(end);
    while (a < b && std::isspace(static_cast<unsigned char>(text[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(text[b - 1]))) --b;
    if (a < b) out.insert({static_cast<Offset>(a), static_cast<Offset>(b)});
  }
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  utext_close(ut);
  return out;
}

int main(int argc, char** argv) {
  try {
    if (argc == 3 && std::string(argv[1]) == "--dump") return dump(argv[2]);
    if (argc != 2) {
      std::fprintf(stderr, "usage: segment_eval GOLD.conllu | --dump FILE\n");
      return 2;
    }
    const Gold g = read_gold(argv[1]);
    Analysis a;
    a.doc.text = g.text;
    SegmentOptions options;
    options.split_hyphens = std::getenv("SEGMENT_EVAL_KEEP_HYPHENS") == nullptr;
    segment(a, options);
    std::set<std::pair<Offset, Offset>> toks, sents;
    for (const Token& t : a.tokens) toks.insert({t.span.start, t.span.end});
    for (const Sentence& s : a.sentences) sents.insert({s.span.start, s.span.end});
    report("tokens", g.tokens, toks);
    report("sentences", g.sentences, sents);
    if (std::getenv("SEGMENT_EVAL_ICU")) {
      double icu_secs = 0;
      const auto icu = icu_sentences(g.text, icu_secs);
      report("ICU sent.", g.sentences, icu);
      const auto t0 = std::chrono::steady_clock::now();
      for (int k = 0; k < 10; ++k) {
        Analysis b;
        b.doc.text = g.text;
        segment(b);
      }
      const double ours = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / 10;
      std::printf("speed on this text: ICU sentence iterator %.1f MB/s, segment() %.1f MB/s\n",
                  g.text.size() / icu_secs / 1e6, g.text.size() / ours / 1e6);
    }
    if (const char* errs = std::getenv("SEGMENT_EVAL_ERRORS")) {
      // Print missed sentence boundaries for inspection.
      int shown = 0;
      for (const auto& s : g.sentences)
        if (!sents.count(s) && shown++ < std::atoi(errs))
          std::printf("MISS %s\n", g.text.substr(s.first, s.second - s.first).c_str());
      shown = 0;
      for (const auto& s : g.tokens)
        if (!toks.count(s) && shown++ < std::atoi(errs)) {
          const std::size_t a0 = s.first > 30 ? s.first - 30 : 0;
          std::printf("TOK %s   [[%s]]\n", g.text.substr(s.first, s.second - s.first).c_str(),
                      g.text.substr(a0, 60).c_str());
        }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "segment_eval: %s\n", e.what());
    return 1;
  }
  return 0;
}
