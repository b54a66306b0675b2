// Tests of attach_punctuation(): UD's rule for where a punctuation mark hangs.
#include "extract/punctuation.h"

#include <doctest/doctest.h>

#include <sstream>

using namespace chronicle;

namespace {

// A sentence of space-separated words; marks are the words made of punctuation.
struct Sentence {
  std::vector<std::string> words;
  std::vector<std::string_view> forms;
  std::vector<bool> punct;
  explicit Sentence(const std::string& text) {
    std::istringstream in(text);
    for (std::string w; in >> w;) words.push_back(w);
    for (const std::string& w : words) {
      forms.push_back(w);
      punct.push_back(w.find_first_not_of(".,;:!?\"()-") == std::string::npos);
    }
  }
};

}  // namespace

TEST_CASE("a comma hangs from the head of the phrase it borders, not from a word inside another") {
  // He left , and she stayed .   ("," between two conjoined clauses: UD hangs it from "stayed")
  Sentence s("He left , and she stayed .");
  std::vector<int> heads = {1, -1, 0, 5, 5, 1, 1};  // the parser hung "," from "He"
  CHECK(attach_punctuation(heads, s.forms, s.punct) == std::vector<int>{2});
  CHECK(heads == std::vector<int>{1, -1, 5, 5, 5, 1, 1});
}

TEST_CASE("a mark keeps the parser's head when that head is one of the rule's candidates") {
  Sentence s("He left , and she stayed .");
  std::vector<int> heads = {1, -1, 3, 5, 5, 1, 1};  // "," on "and": on the way up to "stayed"
  CHECK(attach_punctuation(heads, s.forms, s.punct).empty());
  CHECK(heads[2] == 3);
  heads = {1, -1, 5, 5, 5, 1, 5};  // "." on "stayed": inside the clause it ends
  CHECK(attach_punctuation(heads, s.forms, s.punct).empty());
  CHECK(heads[6] == 5);
}

TEST_CASE("a final mark never hangs from what follows it, and climbs to the clause it ends") {
  Sentence s("He left . She stayed");
  std::vector<int> heads = {1, -1, 4, 4, 1};  // "." on the next sentence's verb
  CHECK(attach_punctuation(heads, s.forms, s.punct) == std::vector<int>{2});
  CHECK(heads[2] == 1);
  Sentence t("He left , she stayed .");
  heads = {1, -1, 4, 4, 1, 3};  // "." on "she": not on the way up from "stayed"
  attach_punctuation(heads, t.forms, t.punct);
  CHECK(heads[5] == 1);
}

TEST_CASE("quotes and brackets hang from the head of what they enclose") {
  Sentence s("He said \" yes \" ( twice ) .");
  std::vector<int> heads = {1, -1, 1, 1, 1, 1, 1, 1, 1};
  CHECK(attach_punctuation(heads, s.forms, s.punct) == std::vector<int>{2, 4, 5, 7});
  CHECK(heads == std::vector<int>{1, -1, 3, 1, 3, 6, 1, 6, 1});
}

TEST_CASE("a word the parser hung from a mark moves up to the mark's head") {
  Sentence s("He left - quickly");
  std::vector<int> heads = {1, -1, 1, 2};  // "quickly" under "-"
  attach_punctuation(heads, s.forms, s.punct);
  CHECK(heads[3] == 1);
  CHECK(heads[2] >= 0);
}

TEST_CASE("the root stays the root, and bad input neither hangs nor throws") {
  Sentence s(". , .");
  std::vector<int> heads = {-1, 0, 0};  // a sentence of marks
  attach_punctuation(heads, s.forms, s.punct);
  CHECK(heads[0] == -1);
  Sentence t("a , b");
  std::vector<int> cycle = {2, 0, 0};  // not a tree
  attach_punctuation(cycle, t.forms, t.punct);
  std::vector<int> short_heads = {-1};
  CHECK(attach_punctuation(short_heads, t.forms, t.punct).empty());
  CHECK(short_heads == std::vector<int>{-1});
}

TEST_CASE("on any tree, re-attaching marks leaves a tree with the same root and words' heads") {
  // Random trees (each word hangs from an earlier one; not always projective) and random marks:
  // whatever the input, the result is one tree, and only marks (or words under a mark) move.
  std::uint64_t state = 12345;
  auto next = [&](std::uint64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % bound;
  };
  const char* kForms[] = {"w", ",", ".", "\"", "(", ")", "-", "'"};
  for (int round = 0; round < 2000; ++round) {
    const int n = 1 + static_cast<int>(next(25));
    std::vector<std::string> words;
    std::vector<std::string_view> forms;
    std::vector<bool> punct;
    std::vector<int> heads(n);
    for (int i = 0; i < n; ++i) {
      words.push_back(kForms[next(8)]);
      heads[i] = i == 0 ? -1 : static_cast<int>(next(static_cast<std::uint64_t>(i)));
    }
    for (int i = 0; i < n; ++i) {
      forms.push_back(words[i]);
      punct.push_back(words[i] != "w");
    }
    const std::vector<int> before = heads;
    attach_punctuation(heads, forms, punct);
    int roots = 0;
    for (int i = 0; i < n; ++i) {
      roots += heads[i] == -1;
      int h = i, steps = 0;
      while (h >= 0 && steps <= n) h = heads[h], ++steps;
      CHECK(h == -1);  // no cycle
      if (!punct[i] && !punct[std::max(before[i], 0)]) CHECK(heads[i] == before[i]);
    }
    CHECK(roots == 1);
    CHECK(heads[0] == -1);
  }
}
