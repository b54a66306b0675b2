// Tests of the temporal tagger, one case per rule family, on hand-written text.
#include "extract/timex.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "extract/timex_calendar.h"

using namespace chronicle;

namespace {

TimePoint day(int y, unsigned m, unsigned d) {
  TimePoint p;
  p.year = y;
  p.month = m;
  p.day = d;
  p.granularity = TimePoint::Granularity::Day;
  return p;
}

Analysis tag(const std::string& text, std::optional<TimePoint> dct = day(2016, 12, 15)) {
  Analysis a;
  a.doc.text = text;
  a.doc.dct = dct;
  tag_times(a);
  return a;
}

// The time whose text is exactly `s`, or nullptr.
const TimeExpr* find(const Analysis& a, std::string_view s) {
  for (const auto& t : a.times)
    if (a.text(t.span) == s) return &t;
  return nullptr;
}

// "text -> value" for one expression that must be found with that extent.
void expect(const std::string& text, std::string_view extent, std::string_view value,
            std::string_view type = "DATE", std::optional<TimePoint> dct = day(2016, 12, 15)) {
  Analysis a = tag(text, dct);
  const TimeExpr* t = find(a, extent);
  INFO("text: " << text);
  std::string all;
  for (const auto& x : a.times) {
    all += '[';
    all += a.text(x.span);
    all += '=';
    all += x.value;
    all += "] ";
  }
  INFO("found: " << all);
  REQUIRE(t != nullptr);
  CHECK(t->value == value);
  CHECK(t->type == type);
}

// No time at all in `text`.
void no_times(const std::string& text) {
  Analysis a = tag(text);
  std::string all;
  for (const auto& x : a.times) {
    all += '[';
    all += a.text(x.span);
    all += ']';
  }
  INFO(text << " -> " << all);
  CHECK(a.times.empty());
}

}  // namespace

TEST_CASE("timex: absolute dates in every common form") {
  expect("It happened on Dec 15, 2016 in the city.", "Dec 15, 2016", "2016-12-15");
  expect("It happened on 15 Dec 2016 in the city.", "15 Dec 2016", "2016-12-15");
  expect("It happened on 15th December 2016.", "15th December 2016", "2016-12-15");
  expect("The vote is on December 20th.", "December 20th", "2016-12-20");
  expect("Filed 2016-12-15 by the court.", "2016-12-15", "2016-12-15");
  expect("Filed 15/12/2016 by the court.", "15/12/2016", "2016-12-15");
  expect("Filed 12/15/2016 by the court.", "12/15/2016", "2016-12-15");
  expect("Prices fell in December 2016.", "December 2016", "2016-12");
  expect("Prices fell in 2014 and rose later.", "2014", "2014");
  expect("Sales rose on Monday, Oct. 26, 1998.", "Monday, Oct. 26, 1998", "1998-10-26");
  expect("Sales rose in Sept. 1998.", "Sept. 1998", "1998-09");
}

TEST_CASE("timex: intervals are one time with start value and end") {
  Analysis a = tag("the destruction of the city in 1999-2000 was total.");
  const TimeExpr* t = find(a, "1999-2000");
  REQUIRE(t);
  CHECK(t->value == "1999");
  CHECK(t->end == "2000");
  a = tag("Output doubled between 2010 and 2012.");
  t = find(a, "between 2010 and 2012");
  REQUIRE(t);
  CHECK(t->value == "2010");
  CHECK(t->end == "2012");
  a = tag("The talks ran from March to May 2015.");
  t = find(a, "March to May 2015");
  REQUIRE(t);
  CHECK(t->value == "2015-03");
  CHECK(t->end == "2015-05");
}

namespace {

// The interval with extent `extent` has its ends written at `begin` and `end`
// (both empty: written as one, "1999-2000").
void expect_ends(const std::string& text, std::string_view extent, std::string_view begin,
                 std::string_view end) {
  Analysis a = tag(text);
  const TimeExpr* t = find(a, extent);
  REQUIRE_MESSAGE(t != nullptr, text);
  CHECK(a.text(t->begin_span) == begin);
  CHECK(a.text(t->end_span) == end);
}

}  // namespace

TEST_CASE("timex: where an interval's ends are written, for TimeML's two TIMEX3s") {
  expect_ends("The talks ran from March to May 2015.", "March to May 2015", "March", "May 2015");
  expect_ends("Output doubled between 2010 and 2012.", "between 2010 and 2012", "2010", "2012");
  expect_ends("He drank from 1991 to 1997.", "1991 to 1997", "1991", "1997");
  // No comma after the end, nor in the extent, when no year follows.
  expect_ends("Ships load between May and October, traders said.", "between May and October", "May",
              "October");
  expect_ends("the destruction of the city in 1999-2000 was total.", "1999-2000", "", "");
}

TEST_CASE("timex: decades, seasons, quarters, fiscal years, modifiers") {
  expect("Growth slowed in the 1990s.", "the 1990s", "199");
  expect("It peaked in mid-2015.", "mid-2015", "2015");
  CHECK(find(tag("It peaked in mid-2015."), "mid-2015")->mod == "MID");
  expect("Snow fell in early October.", "early October", "2016-10");
  CHECK(find(tag("Snow fell in early October."), "early October")->mod == "START");
  expect("Profit rose in fiscal 2016.", "fiscal 2016", "2016");
  expect("Profit rose in Q3 2015.", "Q3 2015", "2015-Q3");
  expect("Profit rose in the third quarter.", "the third quarter", "2016-Q3");
  expect("Profit rose in summer 2015.", "summer 2015", "2015-SU");
  expect("Crops failed last spring.", "last spring", "2016-SP");
  expect("The council met in the previous decade.", "the previous decade", "200");
}

TEST_CASE("timex: relative to the DCT") {
  expect("Troops arrived yesterday.", "yesterday", "2016-12-14");
  expect("Troops arrived last year.", "last year", "2015");
  expect("Troops arrive this week.", "this week", "2016-W50");
  expect("Troops arrive next month.", "next month", "2017-01");
  expect("Troops arrived two days ago.", "two days ago", "2016-12-13");
  expect("The strike ended last Friday.", "last Friday", "2016-12-09");
  // A bare weekday in a past-tense sentence: the last one.
  expect("The minister resigned on Monday.", "Monday", "2016-12-12");
  // ... and in a future sentence: the next one.
  expect("The minister will resign on Monday.", "Monday", "2016-12-19");
}

TEST_CASE("timex: a month without a year takes the tense of its verb") {
  // Past tense, December article: this year's October.
  expect("Moscow said it halted air strikes on the city in October.", "October", "2016-10");
  // Present tense about the future: next January.
  expect("Much depends on how she handles the crisis when she takes office in January.", "January",
         "2017-01");
  // Future tense, far ahead: still the coming one.
  expect("The treaty will be signed in June.", "June", "2017-06");
  // Past tense, month after the DCT's: last year's.
  Analysis a = tag("Rebels captured the town in May.", day(2016, 3, 1));
  REQUIRE(find(a, "May"));
  CHECK(find(a, "May")->value == "2015-05");
}

TEST_CASE("timex: POS tags from the tagger decide the tense when present") {
  Analysis a;
  a.doc.text = "Officials meet in March.";
  a.doc.dct = day(2016, 12, 15);
  // A tagger says "meet" is a present verb (VBP): the coming March.
  auto add = [&](Offset b, Offset e, const char* xpos) {
    Token t;
    t.span = {b, e};
    t.xpos = xpos;
    a.tokens.push_back(t);
  };
  add(0, 9, "NNS");
  add(10, 14, "VBP");
  add(15, 17, "IN");
  add(18, 23, "NNP");
  tag_times(a);
  REQUIRE(a.times.size() == 1);
  CHECK(a.times[0].value == "2017-03");
  a.tokens[1].xpos = "VBD";  // "met"
  tag_times(a);
  CHECK(a.times[0].value == "2016-03");
}

TEST_CASE("timex: relative to another time in the text") {
  expect("The plant opened in 2010. Two years later it closed.", "Two years later", "2012");
  expect("The war began in 1939; the following year France fell.", "the following year", "1940");
  // "eight months after [an event]": a duration the events stage anchors.
  expect("Rebels seized the town eight months after the army retook it.", "eight months", "P8M", "DURATION");
  CHECK(shift_timex("2016-12-15", "P8M", -1) == "2016-04-15");
}

TEST_CASE("timex: durations") {
  expect("It was the end of five years of war.", "five years", "P5Y", "DURATION");
  expect("The carrier suffered two mishaps within a month of its arrival.", "a month", "P1M", "DURATION");
  expect("Bombers had pounded the city for months.", "months", "PXM", "DURATION");
  expect("The region has been at war for three decades.", "three decades", "P3E", "DURATION");
  expect("They were held for 48 hours.", "48 hours", "PT48H", "DURATION");
  expect("She signed a two-year contract.", "two-year", "P2Y", "DURATION");
  expect("The strike lasted twenty-four days.", "twenty-four days", "P24D", "DURATION");
  expect("Shares rose over the past two months.", "the past two months", "P2M", "DURATION");
}

TEST_CASE("timex: times of day with zones") {
  expect("The blast came at 3:54 pm IST on the coast.", "3:54 pm IST", "2016-12-15T15:54", "TIME");
  expect("Markets opened at 0800 GMT.", "0800 GMT", "2016-12-15T08:00", "TIME");
  expect("The deadline is midnight.", "midnight", "2016-12-15T00:00", "TIME");
  expect("He spoke this morning.", "this morning", "2016-12-15TMO", "TIME");
  expect("Published : Dec 15, 2016, 3:54 pm IST", "Dec 15, 2016, 3:54 pm IST", "2016-12-15T15:54", "TIME");
}

TEST_CASE("timex: sets") {
  expect("Inspectors visit every week.", "every week", "P1W", "SET");
  expect("Dividends are paid annually.", "annually", "P1Y", "SET");
  expect("The market closes each Monday.", "each Monday", "XXXX-WXX-1", "SET");
}

TEST_CASE("timex: reference values") {
  expect("Prices are now falling.", "now", "PRESENT_REF");
  expect("Prices are currently falling.", "currently", "PRESENT_REF");
  expect("Prices recently fell.", "recently", "PAST_REF");
  expect("Such wars were common in the past.", "the past", "PAST_REF");
  expect("Prices will soon fall.", "soon", "FUTURE_REF");
}

TEST_CASE("timex: non-times stay out") {
  no_times("Russia was about to hail the fall of Aleppo.");
  no_times("With the city captured for a second time, talks stalled.");
  no_times("Theresa May met the press.");
  no_times("Protesters march to the square; they may stay.");
  no_times("The account number is 2882015.");
  no_times("Some 1,999 troops and 3.5 tonnes of aid arrived.");
  no_times("He is a 6-year-old boy.");
  no_times("Shares rose 2015% in a freak trade of $1999 each.");
  no_times("They left as soon as they could.");
  // An impossible date: no crash, no impossible value.
  Analysis a = tag("It was due on February 30, 2016.");
  for (const auto& t : a.times) CHECK(t.value.find("02-30") == std::string::npos);
}

TEST_CASE("timex: without a DCT relative values stay unresolved") {
  std::optional<TimePoint> none;
  expect("It happened in October.", "October", "XXXX-10", "DATE", none);
  expect("It happened yesterday.", "yesterday", "PAST_REF", "DATE", none);
  expect("It happened last year.", "last year", "PAST_REF", "DATE", none);
  expect("It happened on Friday.", "Friday", "XXXX-WXX-5", "DATE", none);
  expect("It happened on Dec 15, 2016.", "Dec 15, 2016", "2016-12-15", "DATE", none);
}

TEST_CASE("timex: page furniture yields no time unless it states the DCT") {
  Analysis a;
  a.doc.text =
      "Sunday, May 22, 2022 | Last Update : 11:06 PM IST\nPublished : Dec 15, 2016\nIt rained in 2015.";
  a.doc.dct = day(2016, 12, 15);
  a.doc.furniture.push_back({0, 50});
  a.doc.furniture.push_back({51, 75});
  tag_times(a);
  for (const auto& t : a.times) CHECK(t.value.rfind("2022", 0) == std::string::npos);
  CHECK(find(a, "Dec 15, 2016"));
  CHECK(find(a, "2015"));
}

TEST_CASE("timex: no-break spaces separate words; a clock time takes the date before it") {
  const std::string nbsp = "\xC2\xA0";
  expect("World" + nbsp + "Europe" + nbsp + nbsp + "15 Dec 2016" + nbsp + nbsp + "Vladimir", "15 Dec 2016",
         "2016-12-15");
  Analysis a = tag("Sunday, May 22, 2022 | Last Update : 11:06 PM IST");
  REQUIRE(find(a, "11:06 PM IST"));
  CHECK(find(a, "11:06 PM IST")->value == "2022-05-22T23:06");
}

TEST_CASE("timex: ids in text order and spans inside the text") {
  Analysis a = tag("In 2015 and in 2016, and last year, prices rose for two years.");
  REQUIRE(a.times.size() == 4);
  for (size_t i = 0; i < a.times.size(); ++i) {
    std::string id(1, 't');
    id += std::to_string(i + 1);
    CHECK(a.times[i].id == id);
    CHECK(a.times[i].span.end <= a.doc.text.size());
    if (i) CHECK(a.times[i - 1].span.end <= a.times[i].span.start);
  }
}

TEST_CASE("timex: a news article in the style of the sample") {
  const std::string text =
      "Kiev: When the president launched the offensive in the east last year, the rebels were advancing.\n\n"
      "Now the army is celebrating its biggest victory in over three years of war.\n\n"
      "The siege recalled the shelling of the city in 2008-2009.\n\n"
      "Although the rebels gave up after the army said it stopped shelling the port in September, the "
      "artillery had done its work.\n\n"
      "The government claimed to stop its strikes in September as a sign of goodwill.\n\n"
      "The ship suffered two accidents within a month of sailing.\n\n"
      "Militants retook the fort six months after the army seized it.\n\n"
      "All will depend on how the new governor acts when she takes office in February.\n\n"
      "Published : Nov 20, 2016";
  Analysis a = tag(text, day(2016, 11, 20));
  auto value_of = [&](std::string_view s) {
    const TimeExpr* t = find(a, s);
    return t ? t->value : "(none)";
  };
  CHECK(value_of("last year") == "2015");
  int septembers = 0;
  for (const auto& t : a.times)
    if (a.text(t.span) == "September" && t.value == "2016-09") ++septembers;
  CHECK(septembers == 2);
  CHECK(value_of("2008-2009") == "2008");
  CHECK(value_of("February") == "2017-02");
  CHECK(value_of("three years") == "P3Y");
  CHECK(value_of("a month") == "P1M");
  CHECK(value_of("six months") == "P6M");
  CHECK(value_of("Nov 20, 2016") == "2016-11-20");
}

TEST_CASE("timex: shift_timex keeps the granularity") {
  CHECK(shift_timex("2016-12-15", "P8M", -1) == "2016-04-15");
  CHECK(shift_timex("2016-12", "P8M", -1) == "2016-04");
  CHECK(shift_timex("2016", "P2Y", 1) == "2018");
  CHECK(shift_timex("2016", "P8M", -1) == "2016");
  CHECK(shift_timex("2016-W50", "P2W", 1) == "2016-W52");
  CHECK(shift_timex("2016-W52", "P2W", 1) == "2017-W02");
  CHECK(shift_timex("2016-Q4", "P3M", 1) == "2017-Q1");
  CHECK(shift_timex("2016-12-15T10:00", "PT48H", 1) == "2016-12-17T10:00");
  CHECK(shift_timex("2016-03-31", "P1M", -1) == "2016-02-29");
  CHECK(shift_timex("199", "P1E", 1) == "200");
  CHECK(shift_timex("PAST_REF", "P1Y", 1).empty());
  CHECK(shift_timex("2016", "PXY", 1).empty());
}

TEST_CASE("timex: shift_timex with the precision of the duration") {
  using timex::Unit;
  constexpr auto kCoarser = ShiftPrecision::Coarser;
  CHECK(shift_timex("2016-12-15", "P8M", -1, kCoarser) == "2016-04");
  CHECK(shift_timex("2016-12-15T10:00", "P1D", 1, kCoarser) == "2016-12-16");
  CHECK(shift_timex("2016-12-15", "PT48H", 1, kCoarser) == "2016-12-17");
  CHECK(shift_timex("2016-12-15T10:00", "PT3H", 1, kCoarser) == "2016-12-15T13:00");
  CHECK(shift_timex("2016", "P24M", -1, kCoarser) == "2014");
  CHECK(shift_timex("2016-Q4", "P6M", 1, kCoarser) == "2017-Q2");
  CHECK(shift_timex("2016-Q4", "P1M", 1, kCoarser).empty());   // not whole quarters
  CHECK(shift_timex("2016-10", "P10D", 1, kCoarser).empty());  // months differ in length
  // The calendar check behind it.
  auto year = timex::parse("2016");
  REQUIRE(year);
  CHECK(timex::shifts_exactly(*year, 36, Unit::Month));
  CHECK_FALSE(timex::shifts_exactly(*year, 2, Unit::Month));
  CHECK_FALSE(timex::shifts_exactly(*year, 400, Unit::Day));
  auto d = timex::parse("2016-12-15");
  REQUIRE(d);
  CHECK(timex::shifts_exactly(*d, 8, Unit::Month));
  CHECK(timex::shifts_exactly(*d, 2, Unit::Week));
  CHECK_FALSE(timex::shifts_exactly(*d, 30, Unit::Hour));
}

TEST_CASE("timex: calendar values round-trip") {
  for (std::string v : {"19", "199", "2016", "2016-H1", "2016-Q3", "2016-SU", "2016-10", "2016-W05",
                        "2016-12-15", "2016-12-15TMO", "2016-12-15T15:54"}) {
    auto p = timex::parse(v);
    REQUIRE(p);
    CHECK(timex::format(*p) == v);
  }
  CHECK_FALSE(timex::parse("2016-02-30"));
  CHECK_FALSE(timex::parse("XXXX-10"));
  CHECK_FALSE(timex::make_day(2015, 2, 29));
  CHECK(timex::make_day(2016, 2, 29));
  CHECK(timex::duration(3, timex::Unit::Decade) == "P3E");
  CHECK(timex::duration(-1, timex::Unit::Month) == "PXM");
  CHECK(timex::duration(48, timex::Unit::Hour) == "PT48H");
}

TEST_CASE("timex: odd input never crashes") {
  std::string junk;
  for (int i = 0; i < 2000; ++i) junk += static_cast<char>((i * 7919) % 256);
  Analysis a = tag(junk);
  for (const auto& t : a.times) CHECK(t.span.end <= a.doc.text.size());
  tag("");
  tag("2016-");
  tag("12/");
  tag("Dec.");
  tag("'9");
  tag("3:5");
  tag("every");
  tag("the end of");
  tag("99999999999999999999 years ago");
}

TEST_CASE("timex: the last or final half and quarter of a year") {
  expect("Sales rose in the last half of 1989.", "the last half of 1989", "1989-H2");
  expect("Profit fell in the final quarter of 1990.", "the final quarter of 1990", "1990-Q4");
  // Without "of YEAR", "the last quarter" is the previous one, not the fourth.
  expect("Profit fell in the last quarter.", "the last quarter", "2016-Q3");
}

TEST_CASE("timex: the week of a date is that date's ISO week") {
  expect("The hearing is set for the week of March 6, 2000.", "the week of March 6, 2000", "2000-W10");
  expect("The hearing is set for the week of March 6.", "the week of March 6", "2017-W10");
  expect("It was decided the week of 5 December.", "the week of 5 December", "2016-W49");
}

TEST_CASE("timex: a year written in words") {
  expect("Computers may fail in the year two thousand.", "the year two thousand", "2000");
  expect("The plan runs to the year two thousand and five.", "the year two thousand and five", "2005");
}

TEST_CASE("timex: an anaphoric unit follows a time several sentences back") {
  const std::string text =
      "In March, the company received an offer. It considered a restructuring. A group of holders "
      "urged it to act. Analysts agreed. The following month, the company put itself up for sale.";
  expect(text, "The following month", "2016-04");
  // With no earlier time at all, the DCT is the only anchor left.
  expect("The following month, the company put itself up for sale.", "The following month", "2017-01");
}

TEST_CASE("timex: a weekday with a plural part of the day is a set") {
  expect("Flights leave Bombay on Tuesday nights.", "Tuesday nights", "XXXX-WXX-2TNI", "SET");
  expect("Flights leave Bombay on Sunday mornings.", "Sunday mornings", "XXXX-WXX-7TMO", "SET");
  // One night is a date (TimeBank's convention: the day itself).
  expect("The flight left on Tuesday night.", "Tuesday night", "2016-12-13");
}

TEST_CASE("timex: a weekday's afternoon or evening carries the part of the day, a morning is the day") {
  // TimeBank: weekday mornings are the bare day 6 times of 9, evenings TEV 3 of 3.
  expect("The flight left on Tuesday morning.", "Tuesday morning", "2016-12-13", "DATE");
  expect("They met on Monday afternoon.", "Monday afternoon", "2016-12-12TAF", "TIME");
  expect("Police said Wednesday evening that two died.", "Wednesday evening", "2016-12-14TEV", "TIME");
  // A clock time after it is on that day.
  expect("The flight left on Tuesday morning at 9:30 a.m.", "9:30 a.m.", "2016-12-13T09:30", "TIME");
}

TEST_CASE("timex: \"year end\" is the end of the year, \"year-end\" its closing date") {
  Analysis a = tag("The company expects to complete the sale by year end.");
  const TimeExpr* t = find(a, "year end");
  REQUIRE(t != nullptr);
  CHECK(t->value == "2016");
  CHECK(t->mod == "END");
  expect("The deal should be in place by year's end.", "year's end", "2016");
  // The compound is December 31, as in accounts.
  a = tag("The company expects to complete the sale by year-end.");
  t = find(a, "year-end");
  REQUIRE(t != nullptr);
  CHECK(t->value == "2016-12-31");
  CHECK(t->mod.empty());
  // Looking back, the year-end already passed (a mid-year story).
  expect("The index has risen 12% since year-end.", "year-end", "2015-12-31", "DATE", day(2016, 10, 20));
  // Before a noun ("year-end accounts", often a fiscal year's) and after
  // "fiscal", the year's end, as before.
  a = tag("Banks need funds for their year-end accounts.", day(2016, 2, 20));
  t = find(a, "year-end");
  REQUIRE(t != nullptr);
  CHECK(t->value == "2016");
  CHECK(t->mod == "END");
  a = tag("Banks need funds ahead of the March 31 fiscal year-end.", day(2016, 2, 20));
  t = find(a, "year-end");
  REQUIRE(t != nullptr);
  CHECK(t->value == "2016");
  CHECK(t->mod == "END");
  // A deadline is the coming one even after a past verb.
  expect("It said it would cut 600 jobs by year end.", "year end", "2016", "DATE", day(2016, 10, 20));
}

TEST_CASE("timex: \"one day\" after a modal or a subject is \"someday\"") {
  expect("Islam will one day be the second largest religion.", "one day", "FUTURE_REF");
  expect("He expressed the hope he one day returns to space.", "one day", "FUTURE_REF");
  expect("The strike lasted one day.", "one day", "P1D", "DURATION");
}

TEST_CASE("timex: a year right after a name inside a sentence is part of the name") {
  Analysis a = tag("It formed a joint venture called Orion 1980, making tools.");
  CHECK(find(a, "1980") == nullptr);
  expect("Since 1993, three doctors were shot.", "1993", "1993");
  expect("The plant opened. Sales in 1993 rose.", "1993", "1993");
}

TEST_CASE("timex: digits glued to letters are a product code, not a year or a decade") {
  Analysis a = tag("It showed the Tempest version of the ECP2000 and sold V2500s engines.");
  CHECK(find(a, "2000") == nullptr);
  CHECK(a.times.empty());
  expect("Asia will grow by the year 2000, it said.", "the year 2000", "2000");
  expect("The year 1986 was good for the company.", "The year 1986", "1986");
}

TEST_CASE("timex: a clock reading with fractions of a second is a measured time, not a time of day") {
  Analysis a = tag("2. Venuste Niyongabo (Burundi) 3:51.01\n3. William Tanui (Kenya) 13:21.35");
  CHECK(a.times.empty());
  expect("The vote closed at 3:51 pm.", "3:51 pm", "2016-12-15T15:51", "TIME");
  expect("Trading ended at 10:15:30 in London.", "10:15:30", "2016-12-15T10:15", "TIME");
}

TEST_CASE("timex: a month quoted for shipment or delivery is one to come, whatever the tense") {
  const auto feb = day(1987, 2, 26);
  expect("Cake sold at 785 dlrs for July shipment.", "July", "1987-07", "DATE", feb);
  expect("Traders bought sugar for March delivery.", "March", "1987-03", "DATE", feb);
  expect("The December futures fell two cents.", "December", "1987-12", "DATE", feb);
  Analysis a = tag("They took 75,000 tonnes of wheat for April/May shipment.", feb);
  REQUIRE(a.times.size() == 2);
  CHECK(a.times[0].value == "1987-04");
  CHECK(a.times[1].value == "1987-05");
  // Without a trade's term the verbs date the month as before.
  expect("Shipments fell in July.", "July", "1986-07", "DATE", feb);
  expect("The July shipments fell.", "July", "1986-07", "DATE", feb);
  expect("Soybeans sold at 14.20 dlrs for May to September shipment.", "September", "1987-09", "DATE", feb);
  expect("It was up from 13.80 for the last May to September shipment.", "September", "1986-09", "DATE", feb);
}

TEST_CASE("timex: a fraction before a month is a coupon or a quantity, not a day") {
  expect("Cash: 4-1/2 Apr 2006 bond 101.80.", "Apr 2006", "2006-04");
  expect("Prices fell 2-1/2 points May 15 after the report.", "May 15", "2016-05-15");
  expect("Talks resumed on 12 Jan 2001 in Oslo.", "12 Jan 2001", "2001-01-12");
  // A month glued to a digit is a contract's code ("JUL7": July 1987), no day of it.
  Analysis a = tag("MINNEAPOLIS WHEAT MAY7 285 UP 1 1/2 JUL7 280 3/4 UNCH");
  CHECK(find(a, "JUL7") == nullptr);
  CHECK(find(a, "1/2 JUL7") == nullptr);
}

TEST_CASE("timex: the quarter-finals are a round of a tournament, not a quarter") {
  Analysis a = tag("He meets Todd Martin in the quarter-finals on Friday.");
  CHECK(find(a, "the quarter") == nullptr);
  expect("Profit rose in the quarter.", "the quarter", "2016-Q3");
}

TEST_CASE("timex: a day named as what today is compared with does not date the story's times") {
  Analysis a = tag(
      "The future was down 0.13 from Wednesday's settlement price. Prices were trading lower near midday.");
  const TimeExpr* t = find(a, "midday");
  REQUIRE(t != nullptr);
  CHECK(t->value == "2016-12-15T12:00");
  // The story's own day still dates them.
  a = tag("The bomb went off on Wednesday. It exploded at 10:35 a.m.");
  t = find(a, "10:35 a.m.");
  REQUIRE(t != nullptr);
  CHECK(t->value == "2016-12-14T10:35");
}

TEST_CASE("timex: \"this weekend\" in a Monday story is the weekend just gone, unless told ahead") {
  const auto monday = day(2016, 12, 12);  // ISO week 50
  expect("Farmers staged protest rallies this weekend.", "this weekend", "2016-W49-WE", "DATE", monday);
  expect("OPEC will meet this weekend in Vienna.", "this weekend", "2016-W50-WE", "DATE", monday);
  expect("The minister is flying to Washington this weekend.", "this weekend", "2016-W50-WE", "DATE", monday);
  // Later in the week the verbs do not tell which: this week's weekend.
  expect("He hoped a cargo could leave this weekend.", "this weekend", "2016-W50-WE");
}

TEST_CASE("timex: the halves of a match told by its minutes are not the year's") {
  Analysis a =
      tag("Mertens's attempt in the 18th minute failed. The first half ended 0-0. In the second half, "
          "Lukaku scored twice.");
  CHECK(find(a, "The first half") == nullptr);
  CHECK(find(a, "the second half") == nullptr);
  expect("Profit rose in the second half, the company said.", "the second half", "2016-H2");
}

TEST_CASE("timex: \"a year later\" follows the year just told, even in a story about a quarter") {
  Analysis a =
      tag("The unit will add to results in the second quarter of 2017, the companies said. "
          "In 1968, the unit introduced its first device. A year later it improved the system.");
  const TimeExpr* t = find(a, "A year later");
  REQUIRE(t != nullptr);
  CHECK(t->value == "1969");
  expect("Profit rose in the third quarter. A year earlier it had fallen.", "A year earlier", "2015-Q3");
}

TEST_CASE("timex: \"earlier\" or \"later\" before a deictic time or a weekday is in the extent") {
  expect("Earlier this year, the company cut jobs.", "Earlier this year", "2016");
  expect("The firm said later this month it would sell.", "later this month", "2016-12");
  expect("Earlier Tuesday, police arrested two men.", "Earlier Tuesday", "2016-12-13");
  // "three weeks later" is its own phrase and not taken in.
  expect("The talks began Dec. 1. Three days later they ended.", "Three days later", "2016-12-04");
  // "earlier" of a phrase already found stays in it.
  expect("A day earlier Tuesday, shares fell.", "A day earlier", "2016-12-14");
}

TEST_CASE("timex: \"a year-earlier loss\" is the compound, not a one-year duration") {
  expect("It compared with a year-earlier loss of $6.2 million.", "year-earlier", "2015");
  expect("The third-quarter loss compared with a year-earlier loss of $6.2 million.", "year-earlier",
         "2015-Q3");
  expect("It lasted a year.", "a year", "P1Y", "DURATION");
}

TEST_CASE("timex: an earnings report's quarter is the first one it names") {
  const std::string text =
      "Kimberly-Clark posted a 20% gain in third-quarter net income. After a flat second quarter, "
      "sales rose. In the 1989 period also, tax rates were lower than a year ago.";
  expect(text, "the 1989 period", "1989-Q3", "DATE", day(1989, 11, 1));
  expect(text, "a year ago", "1988-Q3", "DATE", day(1989, 11, 1));
  // A quarter of years past is history, not the report's topic.
  const std::string old =
      "Profit last peaked in the third quarter of 1984. Third-quarter profit rose from a year ago.";
  expect(old, "a year ago", "1988-Q3", "DATE", day(1989, 11, 1));
}

TEST_CASE("timex: a unit in a \"-to-\" compound is not a time") {
  Analysis a = tag("The quarter-to-quarter comparison improved, and day-to-day trading was calm.");
  CHECK(a.times.empty());
  expect("Profit rose in the quarter.", "the quarter", "2016-Q3");
}

TEST_CASE("timex: a possessive weekday looks back") {
  // DCT Thursday 2016-12-15. The present tense "follows" would point ahead.
  expect("The move follows Tuesday's declaration by Ford.", "Tuesday", "2016-12-13");
  expect("Friday's trading was calm.", "Friday", "2016-12-09");
  expect("Thursday's session is the last.", "Thursday", "2016-12-15");
  // Without the possessive the present tense still looks ahead.
  expect("He meets the board Tuesday.", "Tuesday", "2016-12-20");
}

TEST_CASE("timex: a part of the day before its day word") {
  expect("Trading halted in the afternoon yesterday.", "afternoon yesterday", "2016-12-14TAF", "TIME");
  expect("Shares fell in mid-afternoon yesterday.", "mid-afternoon yesterday", "2016-12-14TAF", "TIME");
  expect("They meet in the morning tomorrow.", "morning tomorrow", "2016-12-16TMO", "TIME");
}

// Whitespace tokens with the given Penn tags, as the tagger would give them.
Analysis tag_with_pos(const std::string& text, const std::vector<std::string>& xpos,
                      std::optional<TimePoint> dct) {
  Analysis a;
  a.doc.text = text;
  a.doc.dct = dct;
  std::size_t k = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    Token t;
    t.span = Span{static_cast<Offset>(i), static_cast<Offset>(j)};
    t.xpos = k < xpos.size() ? xpos[k] : "NN";
    a.tokens.push_back(t);
    ++k;
    i = j;
  }
  tag_times(a);
  return a;
}

// The value of the time `extent` of `text` tagged with the given Penn tags, "(none)" if not found.
// The analysis lives until the value is copied out.
std::string value_with_pos(const std::string& text, const std::vector<std::string>& xpos,
                           std::string_view extent, std::optional<TimePoint> dct) {
  const Analysis a = tag_with_pos(text, xpos, dct);
  const TimeExpr* t = find(a, extent);
  return t ? t->value : std::string("(none)");
}

TEST_CASE("timex: a bare past participle is past, a participle after \"be\" takes the auxiliary's tense") {
  // DCT Monday 2000-04-17: "the injunction issued Thursday" is the past Thursday.
  Analysis a = tag_with_pos("the injunction issued Thursday", {"DT", "NN", "VBN", "NNP"}, day(2000, 4, 17));
  REQUIRE(find(a, "Thursday"));
  CHECK(find(a, "Thursday")->value == "2000-04-13");
  // "a meeting is planned for Thursday": a plan, the coming one.
  a = tag_with_pos("a meeting is planned for Thursday", {"DT", "NN", "VBZ", "VBN", "IN", "NNP"},
                   day(2000, 4, 17));
  REQUIRE(find(a, "Thursday"));
  CHECK(find(a, "Thursday")->value == "2000-04-20");
  // "is supposed to" is a plan whatever the tag: the coming Thursday despite "said".
  a = tag_with_pos("the vote is supposed to happen Thursday , officials said",
                   {"DT", "NN", "VBZ", "VBN", "TO", "VB", "NNP", ",", "NNS", "VBD"}, day(2000, 4, 17));
  REQUIRE(find(a, "Thursday"));
  CHECK(find(a, "Thursday")->value == "2000-04-20");
  // A present tag on an irregular past form is a slip: "tore" is past.
  a = tag_with_pos("the bullet that tore into his back Thursday",
                   {"DT", "NN", "WDT", "VBZ", "IN", "PRP$", "NN", "NNP"}, day(2000, 4, 17));
  REQUIRE(find(a, "Thursday"));
  CHECK(find(a, "Thursday")->value == "2000-04-13");
  // "were planning to ... Thursday": a plan, the coming one, despite the past auxiliary.
  a = tag_with_pos("protesters were planning to drive around on Thursday",
                   {"NNS", "VBD", "VBG", "TO", "VB", "RB", "IN", "NNP"}, day(2000, 4, 17));
  REQUIRE(find(a, "Thursday"));
  CHECK(find(a, "Thursday")->value == "2000-04-20");
  // "will be signed Thursday": the future auxiliary decides.
  a = tag_with_pos("it will be signed Thursday", {"PRP", "MD", "VB", "VBN", "NNP"}, day(2000, 4, 17));
  REQUIRE(find(a, "Thursday"));
  CHECK(find(a, "Thursday")->value == "2000-04-20");
}

TEST_CASE("timex: \"last\" with the month just gone is a year back") {
  expect("Two helicopters crashed last February.", "last February", "1997-02", "DATE", day(1998, 3, 1));
  expect("The presidents signed it last May.", "last May", "1997-05", "DATE", day(1998, 2, 27));
  expect("Bankers were told last June.", "last June", "1989-06", "DATE", day(1989, 10, 30));
}

TEST_CASE("timex: a fiscal quarter is a label; a nine-month period is compared with its year") {
  // Delta's fiscal first quarter (reported in October) does not say which
  // quarter the next story, America West's third quarter, compares with.
  const std::string text =
      "Delta's earnings soared in the fiscal first quarter. Separately, America West reported "
      "third-quarter profit of $5.8 million, up from $4 million a year earlier.";
  expect(text, "a year earlier", "1988-Q3", "DATE", day(1989, 10, 26));
  const std::string nine =
      "Third-quarter profit rose. For the nine months, it earned $19 million, compared with a loss a year "
      "earlier.";
  expect(nine, "a year earlier", "1988", "DATE", day(1989, 10, 26));
}

TEST_CASE("timex: \"the previous Friday\" counts from the day the story is at") {
  // DCT Monday 1989-10-30; the story is about Friday 10-27.
  const std::string text =
      "London share prices closed lower Friday. The index shed 47 points, down 4.5% from the previous "
      "Friday.";
  expect(text, "the previous Friday", "1989-10-20", "DATE", day(1989, 10, 30));
  // With no day in the text, the DCT.
  expect("Shares fell from the previous Friday.", "the previous Friday", "1989-10-27", "DATE",
         day(1989, 10, 30));
}

TEST_CASE("timex: \"the quarter ended July 31\" is the calendar quarter of its middle month") {
  expect("In the quarter ended July 31, Jayark had 5.6 million shares.", "the quarter", "1989-Q2", "DATE",
         day(1989, 10, 30));
  expect("For the quarter ended Sept. 30, sales rose.", "the quarter", "1989-Q3", "DATE", day(1989, 10, 26));
  // After a fiscal label, the story's own quarter.
  expect("Sun earned $5 million in the fiscal first quarter. Sales for the quarter ended Sept. 29 rose.",
         "the quarter", "1989-Q1", "DATE", day(1989, 10, 26));
}

TEST_CASE("timex: \"nearly\", \"almost\" and \"more than\" are part of the quantity; \"about\" is not") {
  Analysis a = tag("The siege lasted nearly two years.");
  const TimeExpr* t = find(a, "nearly two years");
  REQUIRE(t != nullptr);
  CHECK(t->value == "P2Y");
  CHECK(t->mod == "LESS_THAN");
  expect("He fled almost four years ago.", "almost four years ago", "2012");
  expect("The blockade began more than four decades ago.", "more than four decades ago", "1976");
  expect("The stay is for no more than sixty days.", "no more than sixty days", "P60D", "DURATION");
  Analysis b = tag("They spent about five hours there.");
  const TimeExpr* u = find(b, "five hours");
  REQUIRE(u != nullptr);
  CHECK(u->mod == "APPROX");
}

TEST_CASE("timex: a possessive before a quarter stays out of the extent") {
  expect("The company reported its fourth quarter results.", "fourth quarter", "2016-Q4");
}

TEST_CASE("timex: \"the near term\" is the coming time; the unhyphenated adjective is not a time") {
  expect("We don't minimize the challenges of the near term.", "the near term", "FUTURE_REF");
  // "at a later date" is an unnamed coming time too; "as soon as possible" is not tagged.
  expect("The rest will be sold at a later date.", "a later date", "FUTURE_REF");
  CHECK(tag("Return the boy as soon as possible.").times.empty());
  expect("It will placate holders in the short term, analysts said.", "the short term", "FUTURE_REF");
  Analysis a = tag("It will repay the short term debt.");
  CHECK(find(a, "the short term") == nullptr);
}

TEST_CASE("timex: \"a few years ago\" is one expression") {
  expect("A few years ago, the plant closed.", "A few years ago", "PAST_REF");
  expect("The town was founded a hundred years ago.", "a hundred years ago", "1916");
}

TEST_CASE("timex: weeks are ISO 8601 weeks (Monday first), across year ends") {
  // A Sunday is the last day of its ISO week: "last week" is the one before.
  expect("He left last week.", "last week", "1998-W11", "DATE", day(1998, 3, 22));
  expect("They meet this week.", "this week", "2000-W06", "DATE", day(2000, 2, 10));
  expect("He left last week.", "last week", "1999-W52", "DATE", day(2000, 1, 5));
  // 2020 has 53 ISO weeks.
  expect("They meet next week.", "next week", "2021-W01", "DATE", day(2020, 12, 28));
  expect("They met this week.", "this week", "2020-W53", "DATE", day(2020, 12, 28));
}

TEST_CASE("timex: \"in the morning\" is a part of the day the story is at") {
  // The day named in the sentence before, even across a paragraph break.
  expect("Hopes were dashed Friday.\n\nDealers placed heavy buy orders in the morning.", "the morning",
         "1989-10-27TMO", "TIME", day(1989, 10, 30));
  expect("Dealers placed heavy buy orders in the morning.", "the morning", "1989-10-30TMO", "TIME",
         day(1989, 10, 30));
  // A habit is not a time; "in the morning tomorrow" keeps its day.
  CHECK(find(tag("He runs in the mornings."), "the mornings") == nullptr);
  expect("They meet in the morning tomorrow.", "morning tomorrow", "2016-12-16TMO", "TIME");
}

TEST_CASE("timex: \"4 in the morning\" is a clock time; a future small hour is the coming night's") {
  expect("He will leave at 4 in the morning.", "4 in the morning", "2016-12-16T04:00", "TIME");
  expect("He left at 4 in the morning.", "4 in the morning", "2016-12-15T04:00", "TIME");
  expect("The rally began at 9 in the evening.", "9 in the evening", "2016-12-15T21:00", "TIME");
}

TEST_CASE("timex: \"the next couple of years\", \"eight trading days\" are durations") {
  expect("Over the next couple of years we would not be surprised.", "the next couple of years", "P2Y",
         "DURATION");
  expect("Eight trading days after Oct. 12, the index fell.", "Eight trading days", "P8D", "DURATION");
  expect("Payment is due within five business days.", "five business days", "P5D", "DURATION");
}

TEST_CASE("timex: a second day of the same month after a date is a date of its own") {
  // (Also: "will be held" is future; an irregular participle after "be" is no past cue.)
  expect("The summit will be held on April 24 and 25.", "25", "2017-04-25");
  expect("The summit will be held on April 24 and 25.", "April 24", "2017-04-24");
  // A count after the date is not a day.
  Analysis a = tag("On Dec. 3 and 25 people were hurt.");
  CHECK(find(a, "25") == nullptr);
  Analysis b = tag("Sales rose on Dec. 3 and 25% of them were online.");
  CHECK(find(b, "25") == nullptr);
}

TEST_CASE("timex: a rate of an amount per unit is not a time; a frequency is a set") {
  CHECK(find(tag("The stock would have a dividend rate of $1.76 a year."), "a year") == nullptr);
  CHECK(find(tag("It should help it save $500 million a year in costs."), "a year") == nullptr);
  CHECK(find(tag("The economy created 358,000 jobs a month."), "a month") == nullptr);
  CHECK(find(tag("Qantas will add four flights a week."), "a week") == nullptr);
  CHECK(find(tag("The chip runs 15 million instructions per second."), "per second") == nullptr);
  expect("Inspectors come twice a week.", "twice a week", "P1W", "SET");
  expect("It lasted a year.", "a year", "P1Y", "DURATION");
}

TEST_CASE("timex: a decade after a possessive is an age") {
  CHECK(find(tag("His stepmother married his father when Kopp was in his 30s."), "30s") == nullptr);
  CHECK(find(tag("She was in her early 40s."), "40s") == nullptr);
  expect("Prices soared in the 30s.", "the 30s", "193");
}

TEST_CASE("timex: \"for a while\" is a duration of no stated unit") {
  expect("They are going to have to live without it for a while.", "a while", "PXX", "DURATION");
  CHECK(find(tag("He read while she slept."), "while") == nullptr);
}

TEST_CASE("timex: Easter and its week move with the year") {
  // Easter Sunday 2000 was April 23, the last day of ISO week 16.
  expect("Protesters prayed as Easter week began.", "Easter week", "2000-W16", "DATE", day(2000, 4, 17));
  expect("They will meet on Easter Sunday.", "Easter Sunday", "2000-04-23", "DATE", day(2000, 4, 17));
  expect("The shops close on Good Friday.", "Good Friday", "2019-04-19", "DATE", day(2019, 4, 1));
  expect("He returned home last Easter.", "last Easter", "2016-03-27");
}

TEST_CASE("timex: a bounded part of the day after a preposition is that part of the story's day") {
  expect("By mid afternoon, officials said the operation was over.", "mid afternoon", "1998-03-06TAF", "TIME",
         day(1998, 3, 6));
  CHECK(find(tag("The late night show was cancelled."), "late night") == nullptr);
}

TEST_CASE("timex: \"the weeks ahead\", \"an additional year\" are durations") {
  expect("Funds may sell junk bonds in the weeks ahead.", "the weeks ahead", "PXW", "DURATION");
  expect("The offer may be extended for an additional year.", "an additional year", "P1Y", "DURATION");
}

TEST_CASE("timex: a plan in the past perfect is past; an untagged base verb is present") {
  // Monday October 30: the Friday before.
  expect("A rival bid had been due to expire Friday evening.", "Friday evening", "1989-10-27TEV", "TIME",
         day(1989, 10, 30));
  expect("A rival bid is due to expire Friday evening.", "Friday evening", "1989-11-03TEV", "TIME",
         day(1989, 10, 30));
}

TEST_CASE("timex: a base-form verb heading its clause is a present tense") {
  // DCT Friday 1998-05-01: "they meet Monday" is the coming Monday.
  Analysis a = tag_with_pos("Netanyahu and Arafat meet separately Monday with Albright",
                            {"NNP", "CC", "NNP", "VB", "RB", "NNP", "IN", "NNP"}, day(1998, 5, 1));
  REQUIRE(find(a, "Monday"));
  CHECK(find(a, "Monday")->value == "1998-05-04");
  // After "to" the base form says nothing: "said" decides.
  a = tag_with_pos("they agreed to meet Monday , he said",
                   {"PRP", "VBD", "TO", "VB", "NNP", ",", "PRP", "VBD"}, day(1998, 5, 1));
  REQUIRE(find(a, "Monday"));
  CHECK(find(a, "Monday")->value == "1998-04-27");
}

TEST_CASE("timex: \"high noon\" is an idiom; \"over the years\" a vague duration") {
  CHECK(find(tag("For the people of Poland, high noon comes today."), "noon") == nullptr);
  expect("The talks resume at noon.", "noon", "2016-12-15T12:00", "TIME");
  expect("Over the years many more patients survived.", "the years", "PXY", "DURATION");
}

TEST_CASE("timex: a rate adverb after an amount is not a time") {
  CHECK(find(tag("Sales should rise 8.5% annually."), "annually") == nullptr);
  CHECK(find(tag("The plant would produce about 10,000 units annually."), "annually") == nullptr);
  expect("The commemorations are held here annually.", "annually", "P1Y", "SET");
}

TEST_CASE("timex: \"or so\" after a unit is part of the expression") {
  expect("The plants will be closed over the next year or so.", "the next year or so", "2017");
  expect("Its share may grow over the next two years or so.", "the next two years or so", "P2Y", "DURATION");
  // The value as for "a week ago" (a week, the hedge in its mod).
  expect("Then, a week or so ago, the general picked a date.", "a week or so ago", "2016-W49");
}

TEST_CASE("timex: a time phrase fronted before a comma takes the tense of its main clause") {
  // October 25: the bombing was this year's January, told in the past well after the comma.
  expect(
      "In January, a week after the 25th anniversary of the decision, a clinic bombing in Birmingham killed "
      "a guard.",
      "January", "1998-01", "DATE", day(1998, 10, 25));
  expect("On Friday, after weeks of talks in Geneva and Rome, the two sides will sign the pact.", "Friday",
         "1998-10-30", "DATE", day(1998, 10, 25));
}

TEST_CASE("timex: \"the future of\" is the noun") {
  CHECK(find(tag("That is very important to the future of our peoples."), "the future") == nullptr);
  expect("Prices may fall in the future.", "the future", "FUTURE_REF");
}

TEST_CASE("timex: a title's dot does not end the sentence") {
  // "will" reaches "Friday" across "Mr.": the coming Friday of a Sunday story.
  Analysis a = tag("The pact will be signed by Mr. Jones on Friday.", day(1998, 10, 25));
  REQUIRE(find(a, "Friday"));
  CHECK(find(a, "Friday")->value == "1998-10-30");
  expect(
      "In January, a week after the anniversary of Roe vs. Wade, a bombing in Birmingham, Ala., killed a "
      "guard.",
      "January", "1998-01", "DATE", day(1998, 10, 25));
}

TEST_CASE("timex: a dot before a lower-case word or after an initial does not end the sentence") {
  // "will" reaches "Friday" across "Inc." and "U.S.": the coming Friday of a Sunday story.
  Analysis a = tag("The unit will be sold to Acme Inc. and its U.S. partner on Friday.", day(1998, 10, 25));
  REQUIRE(find(a, "Friday"));
  CHECK(find(a, "Friday")->value == "1998-10-30");
  // A real sentence end still stops the scan: "will" is in the sentence before.
  a = tag("The unit will be sold. Acme met on Friday.", day(1998, 10, 25));
  REQUIRE(find(a, "Friday"));
  CHECK(find(a, "Friday")->value == "1998-10-23");
}

TEST_CASE("timex: \"next to\" is a place, not a future cue") {
  // Saturday August 8: the bomb went off the day before.
  expect(
      "A bomb ripped through an office building next to the U.S. embassy in Nairobi, Kenya Friday morning.",
      "Friday morning", "1998-08-07", "DATE", day(1998, 8, 8));
}

TEST_CASE("timex: a period that ended is never after the story") {
  // Jan. 31 is three months ahead of an October 31 story, but it ended.
  expect("In the fiscal year ended Jan. 31, the company reported sales of $59.5 million.", "Jan. 31",
         "1989-01-31", "DATE", day(1989, 10, 31));
  expect("In the second quarter ended Oct. 31, it had a loss.", "Oct. 31", "1988-10-31", "DATE",
         day(1989, 10, 27));
  // A payment date ahead keeps the coming year.
  expect("The dividend is payable Jan. 31.", "Jan. 31", "1990-01-31", "DATE", day(1989, 10, 31));
}

TEST_CASE("timex: \"due to\" a noun and \"than expected\" are no future cues; \"is to be\" is one") {
  // March 1987: January and February are this year's, not the coming ones.
  Analysis a = tag(
      "Shipments were lower than expected due to snowstorms in January and February that forced closings.",
      day(1987, 3, 20));
  REQUIRE(find(a, "January"));
  CHECK(find(a, "January")->value == "1987-01");
  REQUIRE(find(a, "February"));
  CHECK(find(a, "February")->value == "1987-02");
  expect("Prior results were not comparable due to its August 15 issue of shares.", "August 15", "1986-08-15",
         "DATE", day(1987, 3, 20));
  // "due to expire" is still a plan.
  expect("The offer is due to expire in November.", "November", "1987-11", "DATE", day(1987, 3, 20));
  // "is to be held": the coming November, six months ahead of a May story.
  expect("The first referendum is to be held from November 20 to December 11.", "November 20", "2015-11-20",
         "DATE", day(2015, 5, 7));
}

TEST_CASE("timex: a capitalised frequency word inside a sentence is a title") {
  Analysis a = tag("The state-owned Zambia Daily Mail newspaper said today. Whitmore told LA Weekly so.");
  CHECK(find(a, "Daily") == nullptr);
  CHECK(find(a, "Weekly") == nullptr);
  expect("Prices are checked daily.", "daily", "P1D", "SET");
  expect("\"Weekly checks are enough,\" he said.", "Weekly", "P1W", "SET");
}

TEST_CASE("timex: a year's possessive quarter, year-on-year, and a year before a singular unit") {
  expect("Net was 36.5 mln dlrs in 1985's fourth quarter.", "1985's fourth quarter", "1985-Q4", "DATE",
         day(1987, 3, 2));
  Analysis a = tag("Prices showed a year-on-year rise of 10 pct and a month-on-month fall.");
  CHECK(find(a, "a year") == nullptr);
  CHECK(a.times.empty());
  a = tag("It was the 2018 day five of the cup.", day(2018, 6, 18));
  CHECK(find(a, "2018 day") == nullptr);
  CHECK(a.times.empty());
  expect("The site holds 2018 days of records.", "2018 days", "P2018D", "DURATION");
}

TEST_CASE("timex: \"a year before\" ending its clause is \"a year earlier\"") {
  expect("Sales rose to 327.0 mln dlrs from 260.2 mln dlrs a year before.", "a year before", "1986", "DATE",
         day(1987, 3, 2));
  // Before a noun phrase "before" is a preposition: the duration alone.
  expect("He arrived two days before the vote.", "two days", "P2D", "DURATION");
}

TEST_CASE("timex: \"the fall in\" a quantity is the noun") {
  CHECK(tag("The fall in unemployment is bottoming out.").times.empty());
  CHECK(tag("Prices saw a fall to 3 pct.").times.empty());
  expect("The election will be held in the fall in Paris.", "the fall", "2017-FA");
}

TEST_CASE("timex: a number far from the story's time before a plural noun counts things") {
  CHECK(find(tag("A survey of 1709 pupils was carried out.", day(2006, 2, 23)), "1709") == nullptr);
  expect("The treaty of 1709 ended the war.", "1709", "1709", "DATE", day(2006, 2, 23));
  expect("Sales fell below 2000 levels.", "2000", "2000", "DATE", day(2014, 7, 28));
}

TEST_CASE("timex: a clock time in another zone in brackets shares the day after it") {
  Analysis a =
      tag("The blast occurred at about 10:35 a.m. (0735 GMT) Friday, toppling a building.", day(1998, 8, 8));
  REQUIRE(find(a, "10:35 a.m."));
  CHECK(find(a, "10:35 a.m.")->value == "1998-08-07T10:35");
  REQUIRE(find(a, "0735 GMT"));
  CHECK(find(a, "0735 GMT")->value == "1998-08-07T07:35");
}

TEST_CASE("timex: \"is the eighth day of\" is the story's day") {
  expect("In Saudi Arabia, today is the eighth day of the crisis.", "eighth day", "1990-08-15", "DATE",
         day(1990, 8, 15));
  expect("It's the second day of fighting in the province.", "second day", "1998-03-06", "DATE",
         day(1998, 3, 6));
  // Not after a past "was", nor without "of".
  CHECK(tag("He said it was the first day of trading.").times.empty());
  CHECK(tag("This is the first day.").times.empty());
}

TEST_CASE("timex: \"the year-earlier nine months\" is one period") {
  expect("Net for the year-earlier nine months included a gain.", "the year-earlier nine months", "P9M",
         "DURATION", day(1989, 10, 26));
  // The compound alone still dates the comparison.
  expect("It posted a year-earlier loss.", "year-earlier", "1988", "DATE", day(1989, 10, 26));
}

TEST_CASE("timex: a capitalised month and a day in words (wire style)") {
  expect("The dividend will be paid May one to holders of record April three.", "May one", "1987-05-01",
         "DATE", day(1987, 3, 11));
  expect("The dividend will be paid May one to holders of record April three.", "April three", "1987-04-03",
         "DATE", day(1987, 3, 11));
  expect("As of March One it is in technical default.", "March One", "1987-03-01", "DATE", day(1987, 3, 11));
  expect("The warrant may be used until September one 1989.", "September one 1989", "1989-09-01", "DATE",
         day(1987, 3, 11));
  expect("It covers the period from November three, 1986, when the fund began.", "November three, 1986",
         "1986-11-03", "DATE", day(1987, 3, 11));
  // Not the modal, a count of units, or a pronoun "one".
  Analysis a =
      tag("He may one day return. In January two years ago it fell. It was the March one.", day(1987, 3, 11));
  CHECK(find(a, "may one") == nullptr);
  CHECK(find(a, "January two") == nullptr);
  CHECK(find(a, "March one") == nullptr);
}

TEST_CASE("timex: \"the full year 1986\" is the year") {
  expect("It lost 68 mln dlrs for the full year 1986.", "the full year 1986", "1986", "DATE",
         day(1987, 3, 11));
}

TEST_CASE("timex: \"the year before\" ending its clause is the one before the time in view") {
  expect("Sales were 5 mln dlrs last year, down from 4 mln dlrs the year before.", "the year before", "1996",
         "DATE", day(1998, 9, 7));
  expect("They met on May 3; he had arrived the day before.", "the day before", "1998-05-02", "DATE",
         day(1998, 9, 7));
  // Before a noun phrase "before" is a preposition.
  CHECK(find(tag("He left the day before the vote."), "the day before") == nullptr);
}

TEST_CASE("timex: a month before a noun names a reporting period, undated by the verbs around it") {
  // "due" after the comma would make it the coming February.
  expect("The market is awaiting U.S. February trade data, due on April 14.", "February", "1987-02", "DATE",
         day(1987, 4, 7));
  expect("Exports could fall to 185,000 tonnes in the year to September 1987.", "the year", "P1Y", "DURATION",
         day(1987, 4, 7));
}

TEST_CASE("timex: a month abbreviation in capitals is a name, except in a headline") {
  CHECK(tag("It faces rivals from IBM and DEC.\nReuter", day(1987, 6, 1)).times.empty());
  expect("EXPORTS ROSE IN MAY\nExports rose.", "MAY", "1987-05", "DATE", day(1987, 6, 1));
  expect("Sales rose in Dec. to a record.", "Dec.", "1986-12", "DATE", day(1987, 6, 1));
}

TEST_CASE("timex: a range of old years with no preposition is a range of amounts") {
  CHECK(tag("Steers choice 2-3 1075-1100 lbs 69.25.").times.empty());
  expect("The church was built in 1075-1100.", "1075-1100", "1075", "DATE");
  expect("It grew in 1985-87.", "1985-87", "1985", "DATE");
}

TEST_CASE("timex: a holiday word after a name is a surname; half-yearly is every six months") {
  CHECK(tag("Atwood launched her novel with illustrator Johnnie Christmas on Friday.").times.size() == 1);
  expect("The shops close on Christmas.", "Christmas", "2016-12-25");
  expect("Repayments are in 20 half-yearly instalments.", "yearly", "P6M", "SET");
}

TEST_CASE("timex: a past clock time with no date is on the day the sentence before named") {
  Analysis a = tag("The bomb went off in the capital on Friday.\nIt exploded at 10:35 a.m. near the embassy.",
                   day(1998, 8, 8));
  REQUIRE(find(a, "10:35 a.m."));
  CHECK(find(a, "10:35 a.m.")->value == "1998-08-07T10:35");
  // A future clock time keeps the story's day.
  a = tag("The talks broke up on Friday. They will resume at 9 a.m.", day(1998, 8, 8));
  REQUIRE(find(a, "9 a.m."));
  CHECK(find(a, "9 a.m.")->value == "1998-08-08T09:00");
}

TEST_CASE("timex: a year-ago comparison names the report's period a year back") {
  const std::string report = "Acme posted a loss of $3 million for the second quarter ended June 30. ";
  expect(report + "That compares with a profit of $1 million for the corresponding period last year.",
         "the corresponding period last year", "2015-Q2", "DATE", day(2016, 7, 20));
  expect(report + "Sales for last year's quarter were $9 million.", "last year's quarter", "2015-Q2", "DATE",
         day(2016, 7, 20));
  expect(report + "Revenue was flat against the comparable year-ago quarter.",
         "the comparable year-ago quarter", "2015-Q2", "DATE", day(2016, 7, 20));
  // After a length named in the sentence, the year before.
  expect("For the nine months, profit rose 5% from the same period last year.", "the same period last year",
         "2015", "DATE", day(2016, 10, 20));
  // With no quarter named, the year before.
  expect("Wang earned 21 cts a share in the same quarter last year.", "the same quarter last year", "2015",
         "DATE", day(2016, 3, 16));
  // "This quarter's" figures in a report on the quarter just ended are that quarter's.
  expect(report + "This quarter's loss includes charges of $2 million.", "This quarter", "2016-Q2", "DATE",
         day(2016, 7, 20));
  expect(report + "This quarter's sales will rise.", "This quarter", "2016-Q3", "DATE", day(2016, 7, 20));
  // "third fiscal quarter" is "fiscal third quarter".
  expect("Wang would not predict what it would earn in its third fiscal quarter.", "third fiscal quarter",
         "2016-Q3", "DATE", day(2016, 3, 16));
  expect("It earned $3 million in its third fiscal quarter.", "third fiscal quarter", "2015-Q3", "DATE",
         day(2016, 3, 16));
  // A quarter with "last year" is that year's quarter.
  expect("Sales fell in the third quarter last year.", "the third quarter last year", "2015-Q3", "DATE",
         day(2016, 7, 20));
}

TEST_CASE("timex: a time something is put off to is the coming one") {
  // 2016-12-15 is a Thursday.
  expect("The judge postponed until Tuesday any ruling on the case.", "Tuesday", "2016-12-20");
  expect("The vote was put off until Monday.", "Monday", "2016-12-19");
  expect("Officials delayed the launch until Friday morning.", "Friday morning", "2016-12-16", "DATE");
  // Without a deferral, a past verb keeps the past day.
  expect("The talks were called off Monday.", "Monday", "2016-12-12");
}

TEST_CASE("timex: that same day after a month is a day of that month") {
  expect("The doctor was shot in October 1998. Earlier that same day, police had been warned.",
         "Earlier that same day", "1998-10-XX", "DATE");
  // After a day it is that day.
  expect("He landed on March 3. That same day he left.", "That same day", "2016-03-03", "DATE",
         day(2016, 6, 1));
}

TEST_CASE("timex: a day in ordinal words; ranges and round counts of units") {
  expect("The vote is this coming Sunday, March eighth.", "this coming Sunday, March eighth", "1998-03-08",
         "DATE", day(1998, 3, 3));
  expect("It closes on the tenth of March.", "the tenth of March", "1998-03-10", "DATE", day(1998, 3, 3));
  // Not before a unit, nor with an article before the month.
  CHECK(find(tag("Its March third quarter ended.", day(1998, 3, 3)), "March third") == nullptr);
  expect("Repairs will take two to three weeks.", "two to three weeks", "P2W", "DURATION");
  expect("It expects a bid in the next 12 to 18 months.", "the next 12 to 18 months", "P12M", "DURATION");
  expect("They waited two or three days.", "two or three days", "P2D", "DURATION");
  expect("There had been almost a hundred years of peace.", "almost a hundred years", "P100Y", "DURATION");
  expect("The feud lasted a dozen years.", "a dozen years", "P12Y", "DURATION");
  CHECK(find(tag("It took a two weeks."), "a two weeks") == nullptr);
  // A change of a value is no range; the verb "last" is no relation; ages are no times.
  expect("Sailings increased from nine to seven days.", "seven days", "P7D", "DURATION");
  expect("The hearings will probably last two or three days.", "two or three days", "P2D", "DURATION");
  expect("The strike will last two days.", "two days", "P2D", "DURATION");
  CHECK(tag("The risk fell for women 20 to 54 years of age.").times.empty());
}

TEST_CASE("timex: the next morning, that night, shared plural parts, runs of units that make a half") {
  // 2000-02-24 is a Thursday; "Tuesday" is the 22nd.
  expect("He was released Tuesday and appeared in court the next morning.", "the next morning", "2000-02-23",
         "DATE", day(2000, 2, 24));
  expect("He was released Tuesday and spoke the following evening.", "the following evening", "2000-02-23TEV",
         "TIME", day(2000, 2, 24));
  expect("He was released Tuesday. That night he slept at home.", "That night", "2000-02-22", "DATE",
         day(2000, 2, 24));
  expect("Two flights will leave on Monday and Tuesday nights.", "Monday", "XXXX-WXX-1TNI", "SET",
         day(2000, 2, 24));
  expect("Sales will be weak through the first two quarters of 1990.", "the first two quarters of 1990",
         "1990-H1", "DATE", day(1989, 10, 26));
  expect("Output fell in the first three months of 1990.", "the first three months of 1990", "1990-Q1",
         "DATE", day(1990, 6, 1));
  // Nine months make no half or quarter: a length and a year.
  expect("Profit rose in the first nine months of 1989.", "the first nine months", "P9M", "DURATION",
         day(1989, 10, 26));
}

TEST_CASE("timex: an ambiguous month name between a determiner and a noun is the month") {
  expect("He spoke on Monday. The March accession will let them sign.", "March", "1999-03", "DATE",
         day(1999, 2, 10));
  expect("NATO will hold the May elections.", "May", "1999-05", "DATE", day(1999, 2, 10));
  CHECK(tag("The march on Washington ended.", day(1999, 2, 10)).times.empty());
  CHECK(tag("They met at the March Hare.", day(1999, 2, 10)).times.empty());
}

TEST_CASE("timex: a bare plural unit after past or future is a vague reference") {
  expect("There were sell programs in past years, too.", "past years", "PAST_REF");
  expect("The losses will cut tax payments in future quarters.", "future quarters", "FUTURE_REF");
  // With "the" and a count it stays a length.
  expect("Sales rose over the past few years.", "the past few years", "PXY", "DURATION");
}

TEST_CASE("timex: a time after the preposition since lies before the story") {
  struct Case {
    const char *text, *extent, *value;
    TimePoint dct;
  };
  for (const Case& k : {
           // 1996-08-28 is a Wednesday: not the day after it, as a bare past "Thursday" is.
           Case{"The prime minister, in office since May 18, will be the first to meet him.", "May 18",
                "1996-05-18", day(1996, 8, 28)},
           Case{"The stock was down about four since Thursday, when it announced lower earnings.", "Thursday",
                "1996-08-22", day(1996, 8, 28)},
           // Not the month just ahead, nor a day within four months ahead.
           Case{"National has not been ahead in this poll since April.", "April", "1986-04", day(1987, 3, 5)},
           Case{"It holds an interest in Rosecraft Inc since June 4.", "June 4", "1986-06-04",
                day(1987, 3, 31)},
           Case{"Plans follow a probe since mid-December by a lawyer.", "mid-December", "1986-12",
                day(1987, 3, 12)},
           // The conjunction: the time begins a clause of its own.
           Case{"March sales may not rise, since Easter falls late in April this year.", "Easter",
                "1987-04-19", day(1987, 3, 9)},
           Case{"Such a delay would not help, since spring planting will be underway.", "spring", "1987-SP",
                day(1987, 3, 5)},
       })
    expect(k.text, k.extent, k.value, "DATE", k.dct);
}

TEST_CASE("timex: a year written next to year-end is its year") {
  struct Case {
    const char *text, *extent, *value;
    int dct_month;
  };
  // Reuters stories of 1987: the noun "year-end" is the closing day, as without a year.
  for (const Case& k :
       {Case{"Debt fell to 1.3 billion dlrs at year-end 1985.", "year-end 1985", "1985-12-31", 3},
        Case{"Northgate said year-end 1986 ore reserves fell.", "year-end 1986", "1986", 3},
        Case{"Loans to Brazil at 1986 year end totaled 474 mln.", "1986 year end", "1986", 3},
        Case{"He inflated Windsor's 1982 year-end inventory.", "1982 year-end", "1982", 6}})
    expect(k.text, k.extent, k.value, "DATE", day(1987, static_cast<unsigned>(k.dct_month), 2));
  const Analysis a = tag("Aaxis, with year-end 1996 assets of $10.9 million, will list.", day(1996, 8, 28));
  const TimeExpr* t = find(a, "year-end 1996");
  REQUIRE(t != nullptr);
  CHECK(t->mod == "END");
  CHECK(a.times.size() == 1);
}

TEST_CASE("timex: a length in falling units is one duration") {
  expect("Chang took two hours 40 minutes to defeat Oncins.", "two hours 40 minutes", "PT2H40M", "DURATION");
  expect("All three clocked five hours 51 minutes, 52 seconds.", "five hours 51 minutes, 52 seconds",
         "PT5H51M52S", "DURATION");
  expect("He served three years and six months in jail.", "three years and six months", "P3Y6M", "DURATION");
  // Rising or equal units are separate lengths ("seven-day 14-day" in a table).
  const Analysis a = tag("Rates for seven-day 14-day paper rose.");
  CHECK(a.times.size() == 2);
}

TEST_CASE("timex: a half of a month is its start or end, not a half of the year") {
  const Analysis a =
      tag("Dealers expect a boost in the second half of September from demand for October cargoes.",
          day(1996, 8, 29));
  const TimeExpr* t = find(a, "the second half of September");
  REQUIRE(t != nullptr);
  CHECK(t->value == "1996-09");
  CHECK(t->mod == "END");
  expect("Output fell in the first half of October 1995.", "the first half of October 1995", "1995-10",
         "DATE", day(1996, 8, 29));
  // A year's half stays one.
  expect("Profit rose in the first half of 1996.", "the first half of 1996", "1996-H1", "DATE",
         day(1996, 8, 29));
}

TEST_CASE("timex: a plural age is no length") {
  CHECK(tag("Police found the bodies of eight-year-olds Julie and Melissa.").times.empty());
}

TEST_CASE("timex: the past before a count is no vague past") {
  CHECK(find(tag("The Mariners have beaten the Yankees 12 of the past 15 meetings."), "the past") == nullptr);
  CHECK(find(tag("The index soared to records in the past two sessions."), "the past") == nullptr);
  expect("Costs were 8.28 dlrs during the past three-year period.", "three-year", "P3Y", "DURATION");
  // Seasons are no unit a length is counted in: the vague past is what is found.
  expect("Violence spread for the past three summers.", "the past", "PAST_REF");
}

TEST_CASE("timex: a slash date valid both ways follows the document's convention") {
  expect("Stocks on 29/8/96, 22/8/96 and 1/9/95 were higher.", "1/9/95", "1995-09-01", "DATE",
         day(1996, 8, 29));
  // Without a day-first date the month comes first.
  expect("Stocks on 1/9/95 were higher.", "1/9/95", "1995-01-09", "DATE", day(1996, 8, 29));
}

TEST_CASE("timex: a year before a year number is the year named") {
  const Analysis a = tag("Keane said it had won a year 2000 compliance contract.", day(1996, 8, 29));
  CHECK(find(a, "a year") == nullptr);
  expect("Keane said it had won a year 2000 compliance contract.", "year 2000", "2000", "DATE",
         day(1996, 8, 29));
}

TEST_CASE("timex: the last day of a period is no yesterday") {
  CHECK(find(tag("Delegates hope to agree today, the last day of the council meeting."), "the last day") ==
        nullptr);
  CHECK(find(tag("Certificates expire nine months from the last day of the month of issuance."),
             "the last day") == nullptr);
  CHECK(tag("Scoreboard on the last day of the third test at the Oval on Monday:").times.size() == 1);
  expect("He left on the last day.", "the last day", "2016-12-14");
}

TEST_CASE("timex: a day told in the present tense up to half a year ahead is the coming one") {
  // (Without the tagger's tags a present tense is seen after a subject pronoun.) Further ahead, or
  // told in the past, it stays the past one.
  const std::pair<const char*, TimePoint> cases[][2] = {
      {{"It expires September 15.", day(1987, 3, 31)}, {"1987-09-15", {}}},
      {{"It ends on December 30.", day(1996, 8, 27)}, {"1996-12-30", {}}},
      {{"It expired September 15.", day(1987, 3, 31)}, {"1986-09-15", {}}},
      {{"It ends on December 30.", day(1996, 5, 27)}, {"1995-12-30", {}}},
  };
  for (const auto& k : cases) {
    const Analysis a = tag(k[0].first, k[0].second);
    REQUIRE(a.times.size() == 1);
    CHECK(a.times[0].value == k[1].first);
  }
}

TEST_CASE("timex: a run of days after a month is one interval") {
  const Analysis a = tag("The soybeans were for Oct 15-30 shipment.", day(1996, 8, 29));
  const TimeExpr* t = find(a, "Oct 15-30");
  REQUIRE(t != nullptr);
  CHECK(t->value == "1996-10-15");
  CHECK(t->end == "1996-10-30");
  // Falling numbers are no run of days ("a 3-1 win").
  CHECK(find(tag("It won on May 3-1 over Leeds.", day(1996, 8, 29)), "May 3-1") == nullptr);
}

// Stop 23: errors found reading the times of a random sample of Reuters-21578 stories.

TEST_CASE("timex: a plan word after an article is an adjective, no tense of the clause") {
  // "an expected 1.324 mln" made the months after it the coming ones (February 1988 in a March story).
  const Analysis a = tag("Exports rose to 1.3 mln after an expected 1.324 mln this month, 1.323 in February.",
                         day(1987, 3, 30));
  const TimeExpr* t = find(a, "February");
  REQUIRE(t != nullptr);
  CHECK(t->value == "1987-02");
  expect("Exports are expected to rise in February.", "February", "1988-02", "DATE", day(1987, 3, 30));
}

TEST_CASE("timex: a number hyphened to a unit after a month is no day") {
  const Analysis a = tag("The coupon of the April 10-year bond was set.", day(1987, 3, 30));
  CHECK(find(a, "April 10") == nullptr);
  CHECK(find(a, "10-year") != nullptr);
  expect("The bond was sold on April 10.", "April 10", "1987-04-10", "DATE", day(1987, 3, 30));
}

TEST_CASE("timex: a mixed number of years is one length, a slash pair of years no count") {
  expect("Prices hit a 4-1/2 year low.", "4-1/2 year", "P4Y6M", "DURATION");
  expect("It has a 1-1/2-year supply.", "1-1/2-year", "P1Y6M", "DURATION");
  expect("It took a 3-3/4 year loan.", "3-3/4 year", "P3Y9M", "DURATION");
  const Analysis a = tag("Growth in the 1987/88 year could be three pct.");
  CHECK(find(a, "88 year") == nullptr);
}

TEST_CASE("timex: a wire story code in brackets is no year") {
  const Analysis a = tag("(NYFD 2044) WASHINGTON - Credit rose. (MRUA 2019, NYFK 2123) NEW YORK - It fell.",
                         day(1987, 4, 7));
  CHECK(a.times.empty());
  expect("The plan (phase 2019) starts in 2019.", "2019", "2019");
}

TEST_CASE("timex: the unit of an age or a length before a noun is not the story's year") {
  const Analysis a = tag("It settled the year-old litigation with the doctors.");
  CHECK(a.times.empty());
  expect("It ended the month-long strike.", "the month", "P1M", "DURATION");
  expect("Profit rose in the year.", "the year", "2016");
}

TEST_CASE("timex: the second month of a slash pair is not before the first") {
  const Analysis a = tag("Estimates of the coming May/September harvest rose.", day(1987, 3, 31));
  const TimeExpr* t = find(a, "September");
  REQUIRE(t != nullptr);
  CHECK(t->value == "1987-09");
}

TEST_CASE("timex: a range of lengths back is one time, valued by its lower bound") {
  expect("It was less protectionist than it was 12 or 18 months ago.", "12 or 18 months ago", "1986-03",
         "DATE", day(1987, 3, 22));
  expect("It happened 3-4 years ago.", "3-4 years ago", "1984", "DATE", day(1987, 3, 22));
}

TEST_CASE("timex: a newspaper named by its frequency is no set") {
  const Analysis a = tag("The English-language daily said exports must grow. The weekly reported it.");
  CHECK(a.times.empty());
  expect("It was reported by the Communist Party daily Granma.", "daily", "P1D", "SET");
  expect("The paper is printed daily.", "daily", "P1D", "SET");
}

TEST_CASE("timex: an award of the year is no time") {
  const Analysis a = tag("He was named player of the year and coach of the month.");
  CHECK(a.times.empty());
  expect("It was the best month of the year.", "the year", "2016");
}

TEST_CASE("timex: two days joined by a dash or a slash are one interval") {
  const Analysis a =
      tag("Shipments for Nov 26 - Dec 10 and May 10-June 10 and for April 15/May 10 rose.", day(1987, 3, 27));
  const TimeExpr* t = find(a, "Nov 26 - Dec 10");
  REQUIRE(t != nullptr);
  CHECK(t->value.substr(4) == "-11-26");
  CHECK(t->end == t->value.substr(0, 4) + "-12-10");
  t = find(a, "May 10-June 10");
  REQUIRE(t != nullptr);
  CHECK(t->end == "1987-06-10");
  t = find(a, "April 15/May 10");
  REQUIRE(t != nullptr);
  CHECK(t->end == "1987-05-10");
  // The analysis must outlive the pointer find() returns into it.
  const Analysis wrap = tag("It runs Dec 20 - Jan 5.", day(1987, 3, 27));
  t = find(wrap, "Dec 20 - Jan 5");
  REQUIRE(t != nullptr);
  CHECK(t->end.substr(0, 4) == std::to_string(std::stoi(t->value.substr(0, 4)) + 1));
  // Weekdays are not joined ("Overnight, Wednesday/Thursday and week-fixed closed at 6-5/16").
  CHECK(find(tag("Overnight, Wednesday/Thursday and week-fixed closed.", day(1987, 4, 7)), "Wednesday") !=
        nullptr);
  // A date moved is two days.
  CHECK(find(tag("It moved the meeting from May 14 to June 22.", day(1987, 3, 27)), "May 14") != nullptr);
}

TEST_CASE("timex: a schedule looks ahead whatever its tense") {
  expect("Unrest was slated for the autumn.", "autumn", "1996-FA", "DATE", day(1996, 8, 27));
  expect("Stockholders met at a special meeting set for December 31.", "December 31", "1987-12-31", "DATE",
         day(1987, 3, 6));
  expect("Sales fell in the fourth quarter.", "the fourth quarter", "1995-Q4", "DATE", day(1996, 8, 27));
}

TEST_CASE("timex: a possessive month names a period already reported, whatever the verbs") {
  expect("Unemployment is expected to climb from January's three pct record.", "January", "1987-01", "DATE",
         day(1987, 3, 3));
  expect("The nations agreed under February's Louvre Accord to stabilise currencies.", "February", "1987-02",
         "DATE", day(1987, 10, 20));
}

TEST_CASE("timex: the fall with no preposition of time is a decline") {
  for (const char* text :
       {"Earnings were hit by the fall in crude oil prices.",
        "The fall was largely due to lower energy prices.", "Nothing would stop the fall.",
        "It is no result of the fall on Wall Street.", "Despite a sharp early fall in bonds, it rose.",
        "U.S. officials gave no details of the fall-out."}) {
    INFO(text);
    CHECK(tag(text, day(1987, 3, 13)).times.empty());
  }
  expect("Deliveries are expected to begin in the fall.", "the fall", "1987-FA", "DATE", day(1987, 3, 13));
  expect("A bill should be completed by the fall.", "the fall", "1987-FA", "DATE", day(1987, 3, 13));
  const Analysis a = tag("Feed needs rose because of the fall and winter.", day(1987, 3, 13));
  REQUIRE(!a.times.empty());
  CHECK(a.times[0].value == "1986-FA");
}

TEST_CASE("timex: a year ago is compared with the first quarter its sentence names") {
  // Unless a comparison word comes before that quarter: then the document's quarter, as before.
  struct Case {
    const char* text;
    TimePoint dct;
    const char* value;
  };
  const Case cases[] = {
      {"He said results in the second quarter should be ahead. First quarter net income fell to 7.3 mln dlrs "
       "from 7.4 mln dlrs a year ago.",
       day(1987, 6, 2), "1986-Q1"},
      {"It reported a loss for the first quarter. GDP rose 1.1 pct in the fourth quarter of 1986, after 0.2 "
       "pct "
       "in the third quarter and a fall of 1.1 pct a year earlier.",
       day(1987, 3, 19), "1985-Q4"},
      {"GDP rose 1.1 pct in the fourth quarter. Farm product rose 4.3 pct compared with rises of 2.6 pct in "
       "the "
       "third quarter and 2.8 pct a year earlier.",
       day(1987, 3, 18), "1985-Q4"},
  };
  for (const auto& k : cases) {
    INFO(k.text);
    const Analysis a = tag(k.text, k.dct);
    const TimeExpr* t = find(a, k.text[0] == 'H' ? "a year ago" : "a year earlier");
    REQUIRE(t != nullptr);
    CHECK(t->value == k.value);
  }
}

TEST_CASE("timex: \"the year ago\" without its hyphen is the year-ago compound") {
  expect("Manufacturing was 2.4 pct above the year ago level.", "the year ago", "1986", "DATE",
         day(1987, 3, 13));
  expect("It earned 2.3 billion dlrs in 1986, up from 2.0 billion dlrs the year earlier.", "the year earlier",
         "1985", "DATE", day(1987, 3, 5));
  expect("First quarter profit was 9.7 mln dlrs compared to 7.4 mln dlrs in the year ago quarter.",
         "the year ago", "1986-Q1", "DATE", day(1987, 4, 21));
  // "the year" alone stays the story's year.
  expect("Sales rose in the year, the company said.", "the year", "1987", "DATE", day(1987, 3, 5));
}

TEST_CASE("timex: the year compared with a year named after it is the one after that year") {
  expect("For the full year, it earned 284,000 dlrs, up from 271,000 dlrs, or 10 cts, in 1985.",
         "the full year", "1986", "DATE", day(1987, 4, 7));
  expect("Revenues for the year were 30.7 mln dlrs, up from 23.0 mln dlrs in 1985.", "the year", "1986",
         "DATE", day(1987, 4, 7));
  // Compared with the year before the DCT's: the DCT's year, as without the comparison.
  expect("Sales for the year should reach 5 mln dlrs, against 4 mln dlrs in 1986.", "the year", "1987",
         "DATE", day(1987, 4, 7));
  // A year too far back for a report says nothing about it.
  expect("Output for the year rose, up from a low in 1979.", "the year", "1987", "DATE", day(1987, 4, 7));
}

TEST_CASE("timex: a decade written with an apostrophe after an article or a modifier") {
  expect("Woolworth was hard hit in the 1970's by discount stores.", "the 1970's", "197", "DATE",
         day(1987, 3, 3));
  expect("Reserves were built up during the late 1970's.", "the late 1970's", "197", "DATE",
         day(1987, 3, 19));
  expect("The rule has been in effect since the mid-1970's.", "the mid-1970's", "197", "DATE",
         day(1987, 3, 13));
  // Elsewhere "'s" is a year's possessive.
  expect("It was the lowest level since 1980's 6.19 mln tonnes.", "1980", "1980", "DATE", day(1987, 3, 13));
}

TEST_CASE("timex: \"a second\" is the ordinal unless a word measuring time comes before it") {
  for (const char* text : {"There will be one loan this year, and possibly a second.",
                           "Moscow responded with a blast on February 26 and a second on March 12.",
                           "It destroyed one platform and struck at a second on Monday."}) {
    INFO(text);
    const Analysis a = tag(text, day(1987, 4, 29));
    for (const auto& t : a.times) CHECK(t.value != "PT1S");
  }
  expect("The price held for a second before it fell.", "a second", "PT1S", "DURATION", day(1987, 4, 29));
  expect("It takes a fraction of a second.", "a second", "PT1S", "DURATION", day(1987, 4, 29));
}

TEST_CASE("timex: a plan verb in the present or the present perfect looks ahead under POS tags too") {
  // "expects" tagged VBZ is a plan, as the word is without tags; "said" before it no longer decides.
  CHECK(value_with_pos("the company said it expects to hold a special meeting in May",
                       {"DT", "NN", "VBD", "PRP", "VBZ", "TO", "VB", "DT", "JJ", "NN", "IN", "NNP"}, "May",
                       day(1987, 3, 30)) == "1987-05");
  // "has scheduled": the plan still stands, the coming June; "had scheduled": its time has passed.
  CHECK(value_with_pos("OPEC has scheduled a regular meeting in June",
                       {"NNP", "VBZ", "VBN", "DT", "JJ", "NN", "IN", "NNP"}, "June",
                       day(1987, 4, 28)) == "1987-06");
  CHECK(value_with_pos("OPEC had scheduled a regular meeting in June",
                       {"NNP", "VBD", "VBN", "DT", "JJ", "NN", "IN", "NNP"}, "June",
                       day(1987, 4, 28)) == "1986-06");
}

TEST_CASE("timex: what expires or matures, and a plan in the passive, lie ahead") {
  expect("The present pact, which expires in October, required that governments agree.", "October", "1987-10",
         "DATE", day(1987, 3, 18));
  expect("It borrowed 100 mln stg to refinance a loan maturing in June, the minister said.", "June",
         "1987-06", "DATE", day(1987, 3, 16));
  expect("Closing of the transaction is anticipated in August, the companies said.", "August", "1987-08",
         "DATE", day(1987, 6, 1));
  // A past verb "anticipated" stays past: the weekend just gone in a Monday story.
  expect("Traders said investors anticipated an announcement this weekend.", "this weekend", "1987-W10-WE",
         "DATE", day(1987, 3, 9));
}

TEST_CASE("timex: the present verb of a relative or \"when\" clause holding the time decides its tense") {
  CHECK(value_with_pos("buyers were active for the season , which begins August 1",
                       {"NNS", "VBD", "JJ", "IN", "DT", "NN", ",", "WDT", "VBZ", "NNP", "CD"}, "August 1",
                       day(1987, 3, 5)) == "1987-08-01");
  CHECK(value_with_pos("Whipple , here to attend the show which opens on Thursday , said",
                       {"NNP", ",", "RB", "TO", "VB", "DT", "NN", "WDT", "VBZ", "IN", "NNP", ",", "VBD"},
                       "Thursday", day(1987, 3, 2)) == "1987-03-05");
  // A "when" clause too: OPEC's coming meeting, not the past one "expected" would give.
  CHECK(value_with_pos(
            "He said he expected OPEC to raise prices when it meets on December 9",
            {"PRP", "VBD", "PRP", "VBD", "NNP", "TO", "VB", "NNS", "WRB", "PRP", "VBZ", "IN", "NNP", "CD"},
            "December 9", day(1987, 6, 29)) == "1987-12-09");
}

TEST_CASE("timex: a futures contract named by its month is a month ahead") {
  expect("Discounts in the October and December contracts take into account higher farrowing.", "December",
         "1987-12", "DATE", day(1987, 4, 1));
  // "May" before "contract" is the month, found like "May delivery".
  expect("Speculators bought silver on hopes it would hit seven dlrs an ounce in the May contract.", "May",
         "1987-05", "DATE", day(1987, 4, 7));
  // "under the January contract": the terms of an agreement made then, not a month quoted ahead.
  expect("Under the January contract Aramco was to purchase 1.34 mln bpd.", "January", "1987-01", "DATE",
         day(1987, 6, 1));
}

TEST_CASE("timex: a month told in the present up to half a year ahead is the coming one") {
  expect("The auction is in August, the ministry says.", "August", "1987-08", "DATE", day(1987, 3, 1));
  // Seven months ahead stays the one before, as with no tense.
  expect("The auction is in October, the ministry says.", "October", "1986-10", "DATE", day(1987, 3, 1));
}

TEST_CASE("timex: \"likely to\" and \"unlikely to\" with a verb look ahead") {
  expect("Prices are likely to recover in June, traders said.", "June", "1987-06", "DATE", day(1987, 3, 10));
  expect("Output was unlikely to resume before June, he said.", "June", "1987-06", "DATE", day(1987, 3, 10));
}

TEST_CASE("timex: what is put off lies ahead, what it was put off from lies back") {
  expect("The vote was rescheduled for June, officials said.", "June", "1987-06", "DATE", day(1987, 3, 10));
  expect("The meeting, postponed from March, will be held later.", "March", "1987-03", "DATE",
         day(1987, 4, 10));
}

TEST_CASE("timex: half weeks and \"the last year and a half\" are one length") {
  expect("Every two and a half weeks an American dies of it.", "two and a half weeks", "PT420H", "DURATION");
  expect("The bank has cut its rate five times over the last year and a half.", "the last year and a half",
         "P1Y6M", "DURATION");
}

TEST_CASE("timex: \"MONTH of that year\" is in the last year the story wrote out") {
  expect("Rates rose in 1984. Banks raised the rate after an increase in April of that year.",
         "April of that year", "1984-04", "DATE", day(1987, 3, 20));
}

TEST_CASE("timex: \"the current January-March quarter\" is the months the story is in") {
  expect("Output will bottom out in the current January-March quarter, the ministry said.", "January-March",
         "1987-01", "DATE", day(1987, 3, 16));
}

TEST_CASE("timex: \"soon\" is FUTURE_REF only when the story looks ahead") {
  expect("The budget will soon move into surplus, he said.", "soon", "FUTURE_REF");
  expect("The group may soon seek an indictment.", "soon", "FUTURE_REF");
  // Soon after another event: a relation (a TimeML SIGNAL), no time of its own.
  no_times("He had probably been killed soon after being captured.");
  no_times("The rebels left soon afterwards.");
  // A past verb beside it: soon after the narrative's time, not the story's.
  no_times("A trickle of cash soon became a flood.");
  no_times("He was soon released from hospital.");
}

TEST_CASE("timex: an average per unit of time is a rate, not a set") {
  no_times("That is less than 5% of Nasdaq's average daily volume of 133 million shares.");
  expect("Qantas plans daily flights between Sydney and Bombay.", "daily", "P1D", "SET");
}
