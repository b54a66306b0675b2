// Segmentation: tokens (UD EWT conventions), sentences (news rules), paragraphs, speed bounds.
#include "core/segment.h"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

using namespace chronicle;

namespace {

Analysis run(const std::string& text, const SegmentOptions& options = {}) {
  Analysis a;
  a.doc.text = text;
  segment(a, options);
  return a;
}

std::vector<std::string> tokens(const std::string& text, const SegmentOptions& options = {}) {
  const Analysis a = run(text, options);
  std::vector<std::string> out;
  for (const Token& t : a.tokens) out.emplace_back(a.text(t));
  return out;
}

std::vector<std::string> sentences(const std::string& text) {
  const Analysis a = run(text);
  std::vector<std::string> out;
  for (const Sentence& s : a.sentences) out.emplace_back(a.text(s.span));
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("tokens: punctuation, quotes, possessives and contractions the EWT way") {
  CHECK(tokens("\"Without Russia, nothing would have happened,\" he said.") ==
        V{"\"", "Without", "Russia", ",", "nothing", "would", "have", "happened", ",", "\"", "he", "said",
          "."});
  CHECK(tokens("Putin's forces don't stop; they can't.") ==
        V{"Putin", "'s", "forces", "do", "n't", "stop", ";", "they", "ca", "n't", "."});
  CHECK(tokens("I'm sure we'll see they've won, cannot lose.") ==
        V{"I", "'m", "sure", "we", "'ll", "see", "they", "'ve", "won", ",", "can", "not", "lose", "."});
  CHECK(tokens("Putin\xE2\x80\x99s \xE2\x80\x9Cvictory\xE2\x80\x9D") ==
        V{"Putin", "\xE2\x80\x99s", "\xE2\x80\x9C", "victory", "\xE2\x80\x9D"});
  CHECK(tokens("the parents' house (in 1999-2000)") ==
        V{"the", "parents", "'", "house", "(", "in", "1999", "-", "2000", ")"});
}

TEST_CASE("tokens: numbers, abbreviations, initials, URLs stay whole") {
  CHECK(tokens("It rose 3.5% to $1,000 at 10:30 a.m. on Dec. 15.") ==
        V{"It", "rose", "3.5", "%", "to", "$", "1,000", "at", "10:30", "a.m.", "on", "Dec.", "15", "."});
  CHECK(tokens("Mr. J. R. R. Tolkien of Smith Corp. and the U.S. Army") ==
        V{"Mr.", "J.", "R.", "R.", "Tolkien", "of", "Smith", "Corp.", "and", "the", "U.S.", "Army"});
  CHECK(tokens("See https://example.org/a-b?x=1, or mail news@example.org.") ==
        V{"See", "https://example.org/a-b?x=1", ",", "or", "mail", "news@example.org", "."});
  CHECK(tokens("Aleppo -- despite an outcry--was quiet... Then") ==
        V{"Aleppo", "--", "despite", "an", "outcry", "--", "was", "quiet", "...", "Then"});
}

TEST_CASE("tokens: hyphenated words split as EWT does, or kept whole on request") {
  CHECK(tokens("war-torn, hi-tech e-mail co-workers 713-853-3989") ==
        V{"war", "-", "torn", ",", "hi", "-", "tech", "e-mail", "co-workers", "713-853-3989"});
  SegmentOptions whole;
  whole.split_hyphens = false;
  CHECK(tokens("the war-torn country's hi-tech defences", whole) ==
        V{"the", "war-torn", "country", "'s", "hi-tech", "defences"});
}

TEST_CASE("tokens: offsets are byte offsets into the text as read, non-ASCII included") {
  const Analysis a = run("Caf\xC3\xA9 \xE2\x80\x94 na\xC3\xAFve\xC2\xA0text");
  REQUIRE(a.tokens.size() == 4);
  CHECK(a.tokens[0].span == Span{0, 5});
  CHECK(a.text(a.tokens[1]) == "\xE2\x80\x94");
  CHECK(a.text(a.tokens[2]) == "na\xC3\xAFve");
  CHECK(a.text(a.tokens[3]) == "text");  // U+00A0 separates
}

TEST_CASE("sentences: abbreviations and initials do not end a sentence; real ends do") {
  CHECK(sentences("Gen. Smith met Mr. Jones in the U.S. capital. They talked.") ==
        V{"Gen. Smith met Mr. Jones in the U.S. capital.", "They talked."});
  CHECK(sentences("He moved to the U.S. The move was hard.") ==
        V{"He moved to the U.S.", "The move was hard."});
  CHECK(sentences("\"Everything was focused on Aleppo.\" He left. Did he? Yes!") ==
        V{"\"Everything was focused on Aleppo.\"", "He left.", "Did he?", "Yes!"});
  CHECK(sentences("\"Why?\" he asked.") == V{"\"Why?\" he asked."});
  CHECK(sentences("It cost 3.5 million. Prices fell 1,000 points.") ==
        V{"It cost 3.5 million.", "Prices fell 1,000 points."});
}

TEST_CASE("sentences: datelines are their own unit") {
  CHECK(sentences("Moscow: When Russian President Vladimir Putin launched the campaign, it began.") ==
        V{"Moscow:", "When Russian President Vladimir Putin launched the campaign, it began."});
  CHECK(sentences("WASHINGTON (Reuters) - The Senate passed the bill.") ==
        V{"WASHINGTON (Reuters) -", "The Senate passed the bill."});
  CHECK(sentences("BEIRUT, Lebanon \xE2\x80\x94 Fighting resumed.") ==
        V{"BEIRUT, Lebanon \xE2\x80\x94", "Fighting resumed."});
}

TEST_CASE("sentences: headlines without final punctuation, paragraphs, hard-wrapped text") {
  const Analysis a =
      run("Turning the tables\nRussian warplanes played a role.\n\nA pyrrhic victory?\n\nNext one.");
  REQUIRE(a.sentences.size() == 4);
  CHECK(a.text(a.sentences[0].span) == "Turning the tables");
  CHECK(a.paragraphs.size() == 3);
  CHECK(a.sentences[3].paragraph == 2);
  // Wrapped lines are one sentence.
  const std::string wrapped =
      "Showers continued throughout the week in the Bahia cocoa zone,\n"
      "alleviating the drought since early January and improving\n"
      "prospects for the coming temporao, although normal humidity\n"
      "levels have not been restored, Comissaria Smith said.\n";
  CHECK(sentences(wrapped).size() == 1);
}

TEST_CASE("segmentation skips furniture and keeps given tokens") {
  Analysis a;
  a.doc.text = "Published : Dec 15, 2016\n\nThe story starts here.\n\nTags: a, b\n";
  const auto tags = static_cast<Offset>(a.doc.text.find("Tags"));
  a.doc.furniture = {{0, 24}, {tags, tags + 10}};
  segment(a);
  REQUIRE(a.sentences.size() == 1);
  CHECK(a.text(a.sentences[0].span) == "The story starts here.");

  Analysis g;
  g.doc.text = "U.S. troops left .\nOK";
  g.doc.given_tokens = {{0, 4}, {5, 11}, {12, 16}, {17, 18}, {19, 21}};
  g.doc.given_sentence_starts = {0, 4};
  segment(g);
  REQUIRE(g.tokens.size() == 5);
  REQUIRE(g.sentences.size() == 2);
  CHECK(g.sentences[1].first_token == 4);
  CHECK(g.text(g.sentences[0].span) == "U.S. troops left .");
}

TEST_CASE("a 10,000-word run without punctuation stays linear and is cut into bounded sentences") {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += (i % 7 == 0) ? "Aleppo " : "word ";
  const auto t0 = std::chrono::steady_clock::now();
  const Analysis a = run(text);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(a.tokens.size() == 10000);
  CHECK(a.sentences.size() >= 10000 / 200);
  for (const Sentence& s : a.sentences) CHECK(s.size() <= 200);
  CHECK(secs < 2.0);
  // Sentences cover every token exactly once, in order.
  std::uint32_t next = 0;
  for (const Sentence& s : a.sentences) {
    CHECK(s.first_token == next);
    next = s.end_token;
  }
  CHECK(next == a.tokens.size());
}

TEST_CASE("segmentation invariants hold on odd input") {
  const std::vector<std::string> inputs{"",
                                        "   \n\n  ",
                                        "...",
                                        "\"",
                                        "'s",
                                        "a.",
                                        "-",
                                        "--x--",
                                        "((((",
                                        "U.S.",
                                        "\xEF\xBF\xBD\xEF\xBF\xBD",
                                        "x\n\n\n\ny",
                                        "Mr.",
                                        "A.B.C.D.E.F.G"};
  for (const std::string& in : inputs) {
    const Analysis a = run(in);
    Offset last = 0;
    for (const Token& t : a.tokens) {
      CHECK(t.span.start < t.span.end);
      CHECK(t.span.start >= last);
      CHECK(t.span.end <= in.size());
      last = t.span.end;
    }
    for (const Sentence& s : a.sentences) CHECK(s.first_token < s.end_token);
  }
}
