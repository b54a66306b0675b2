// Tests of the TimeML writer: text unchanged, tags inline, DCT, escaping, nesting.
#include "core/timeml_writer.h"

#include <doctest/doctest.h>

#include <string>

using namespace chronicle;

namespace {

// The TEXT content with every tag removed and entities unescaped.
std::string text_of(const std::string& xml) {
  auto b = xml.find("<TEXT>"), e = xml.find("</TEXT>");
  std::string body = xml.substr(b + 6, e - b - 6), out;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '<') {
      i = body.find('>', i);
      continue;
    }
    if (body.compare(i, 5, "&amp;") == 0) {
      out += '&';
      i += 4;
      continue;
    }
    if (body.compare(i, 4, "&lt;") == 0) {
      out += '<';
      i += 3;
      continue;
    }
    if (body.compare(i, 4, "&gt;") == 0) {
      out += '>';
      i += 3;
      continue;
    }
    out += body[i];
  }
  return out;
}

TimeExpr date(std::string id, Span span, std::string value, std::string end = {}) {
  TimeExpr t;
  t.id = std::move(id);
  t.span = span;
  t.type = "DATE";
  t.value = std::move(value);
  t.end = std::move(end);
  return t;
}

}  // namespace

TEST_CASE("timeml: inline TIMEX3 and EVENT tags, DCT, escaping") {
  Analysis a;
  a.doc.id = "doc<1>";
  a.doc.title = "A & B";
  a.doc.text = "Troops <left> & returned last year.";
  TimePoint dct;
  dct.year = 2016;
  dct.month = 12;
  dct.day = 15;
  a.doc.dct = dct;
  TimeExpr t;
  t.id = "t1";
  t.span = {25, 34};
  t.type = "DATE";
  t.value = "2015";
  a.times.push_back(t);
  Event e;
  e.span = {16, 24};
  e.timeml_class = "OCCURRENCE";
  a.events.push_back(e);
  const std::string x = analysis_to_timeml(a);
  CHECK(x.find("<DOCID>doc&lt;1&gt;</DOCID>") != std::string::npos);
  CHECK(x.find("<TITLE>A &amp; B</TITLE>") != std::string::npos);
  CHECK(x.find("functionInDocument=\"CREATION_TIME\"") != std::string::npos);
  CHECK(x.find("value=\"2016-12-15\"") != std::string::npos);
  CHECK(x.find("<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2015\">last year</TIMEX3>") != std::string::npos);
  CHECK(x.find("<EVENT eid=\"e1\" class=\"OCCURRENCE\">returned</EVENT>") != std::string::npos);
  CHECK(text_of(x) == a.doc.text);
}

TEST_CASE("timeml: an interval written apart is two TIMEX3s, one per end") {
  Analysis a;
  a.doc.text = "Output doubled between 2010 and 2012. Prices fell in 1999-2000.";
  TimeExpr t = date("t1", {15, 36}, "2010", "2012");  // "between 2010 and 2012"
  t.begin_span = {23, 27};
  t.end_span = {32, 36};
  a.times.push_back(t);
  a.times.push_back(date("t2", {53, 62}, "1999", "2000"));  // "1999-2000": written as one
  const std::string x = analysis_to_timeml(a);
  CHECK(x.find("between <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2010\">2010</TIMEX3> and "
               "<TIMEX3 tid=\"t1_end\" type=\"DATE\" value=\"2012\">2012</TIMEX3>.") != std::string::npos);
  CHECK(x.find("<TIMEX3 tid=\"t2\" type=\"DATE\" value=\"1999\">1999-2000</TIMEX3>") != std::string::npos);
  CHECK(text_of(x) == a.doc.text);
}

TEST_CASE("timeml: overlapping tags never cross") {
  Analysis a;
  a.doc.text = "the strike last week ended";
  a.times.push_back(date("t1", {11, 20}, "2016-W49"));  // "last week"
  Event inside, crossing, outside;
  inside.span = {16, 20};   // "week": nested inside the TIMEX3
  crossing.span = {4, 15};  // "strike last": crosses its start, dropped
  outside.span = {21, 26};  // "ended"
  a.events = {inside, crossing, outside};
  const std::string x = analysis_to_timeml(a);
  CHECK(text_of(x) == a.doc.text);
  CHECK(x.find("<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2016-W49\">last <EVENT eid=\"e1\" "
               "class=\"OCCURRENCE\">week</EVENT></TIMEX3>") != std::string::npos);
  CHECK(x.find("eid=\"e2\"") == std::string::npos);
  CHECK(x.find("<EVENT eid=\"e3\" class=\"OCCURRENCE\">ended</EVENT>") != std::string::npos);
  // Spans out of range are ignored, not a crash.
  a.times[0].span = {5, 500};
  CHECK(text_of(analysis_to_timeml(a)) == a.doc.text);
}
