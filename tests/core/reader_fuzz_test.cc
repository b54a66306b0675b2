// Randomised robustness: every reader and the segmenter on deterministic random
// mixes of markup, punctuation, multi-byte text and junk. Nothing may crash
// (the sanitizer build runs this too); spans must stay inside the text.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/io.h"
#include "core/readers.h"
#include "core/segment.h"
#include "core/utf8.h"

using namespace chronicle;

namespace {

std::string random_input(std::mt19937& rng) {
  static constexpr std::array<const char*, 40> kPieces{"<p>",
                                                       "</p>",
                                                       "<article>",
                                                       "</article>",
                                                       "<script>",
                                                       "</script>",
                                                       "<!--",
                                                       "-->",
                                                       "&amp;",
                                                       "&#x",
                                                       "&#",
                                                       ";",
                                                       "<TEXT>",
                                                       "</TEXT>",
                                                       "<DCT>",
                                                       "<TIMEX3 value=\"2016-12-15\">",
                                                       "</TIMEX3>",
                                                       "<!DOCTYPE",
                                                       "{\"text\":\"",
                                                       "\"}",
                                                       "\n",
                                                       "\n\n",
                                                       "\t",
                                                       " ",
                                                       "-DOCSTART-",
                                                       "1\tx\t_\t_\t_\t_\t0\troot\t_\t_",
                                                       "# text = a",
                                                       "U.S.",
                                                       "Mr.",
                                                       "don't",
                                                       "Putin's",
                                                       "\"",
                                                       "...",
                                                       "--",
                                                       "\xE2\x80\x94",
                                                       "\xC2\xA0",
                                                       "Published : Dec 15, 2016, 3:54 pm IST",
                                                       "(Photo: AP)",
                                                       "Word",
                                                       "\xE2\x80\x99s"};
  std::uniform_int_distribution<int> n_pieces(0, 60), pick(0, kPieces.size() - 1), junk(0, 9), byte(1, 255);
  std::string s;
  const int n = n_pieces(rng);
  for (int i = 0; i < n; ++i) {
    if (junk(rng) == 0)
      s.push_back(static_cast<char>(byte(rng)));
    else
      s += kPieces[pick(rng)];
  }
  return s;
}

void check_spans(const Analysis& a) {
  const auto n = a.doc.text.size();
  Offset last = 0;
  for (const Token& t : a.tokens) {
    REQUIRE(t.span.start < t.span.end);
    REQUIRE(t.span.end <= n);
    REQUIRE(t.span.start >= last);
    last = t.span.end;
  }
  for (const Sentence& s : a.sentences) {
    REQUIRE(s.first_token < s.end_token);
    REQUIRE(s.end_token <= a.tokens.size());
  }
}

}  // namespace

TEST_CASE("readers and segmentation survive random input") {
  std::mt19937 rng(20161215);
  for (int round = 0; round < 3000; ++round) {
    std::vector<std::size_t> bad;
    const std::string input = utf8::sanitize(random_input(rng), bad);
    std::vector<std::string> warnings;
    std::vector<Document> docs;
    auto collect = [&](auto&& read) {
      try {
        for (Document& d : read()) docs.push_back(std::move(d));
      } catch (const InputError&) {
        // A clear refusal is fine.
      }
    };
    collect([&] { return std::vector<Document>{detail::read_text("f.txt", input)}; });
    collect([&] { return detail::read_html("f.html", input, warnings); });
    collect([&] { return detail::read_jsonl("f.jsonl", input, warnings); });
    collect([&] { return detail::read_timeml("f.tml", input, warnings); });
    collect([&] { return detail::read_conll("f.conll", input, false, warnings); });
    collect([&] { return detail::read_conll("f.conllu", input, true, warnings); });
    for (Document& d : docs) {
      for (const Span& f : d.furniture) REQUIRE(f.end <= d.text.size());
      for (const Span& t : d.given_tokens) REQUIRE(t.end <= d.text.size());
      Analysis a;
      a.doc = std::move(d);
      segment(a);
      check_spans(a);
    }
    (void)parse_date_time(input);
  }
}
