// Creation dates as pages write them, time zones included.
#include "core/dct.h"

#include <doctest/doctest.h>

#include "core/io.h"

using namespace chronicle;
using G = TimePoint::Granularity;

TEST_CASE("parse_date_time: news forms with zones") {
  auto tp = parse_date_time("Dec 15, 2016, 3:54 pm IST");
  REQUIRE(tp);
  CHECK(tp->timex() == "2016-12-15T15:54");
  CHECK(tp->utc_offset_minutes == 330);
  CHECK(tp->granularity == G::Minute);

  tp = parse_date_time("2016-12-15T15:54:00+05:30");
  REQUIRE(tp);
  CHECK(tp->timex() == "2016-12-15T15:54");
  CHECK(tp->utc_offset_minutes == 330);

  tp = parse_date_time("2016-12-15T10:24:00Z");
  CHECK(tp->utc_offset_minutes == 0);

  CHECK(parse_date_time("15 December 2016")->timex() == "2016-12-15");
  CHECK(parse_date_time("Thursday, 15th Dec. 2016")->timex() == "2016-12-15");
  CHECK(parse_date_time("12:05 AM EST, March 1, 2015")->timex() == "2015-03-01T00:05");
  CHECK(parse_date_time("12:05 AM EST, March 1, 2015")->utc_offset_minutes == -300);
  CHECK(parse_date_time("March 1, 2015 18:00 MSK")->utc_offset_minutes == 180);
  CHECK(parse_date_time("2015-03-01 18:00 Europe/Berlin")->utc_offset_minutes == 60);
  CHECK(parse_date_time("2015-07-01 18:00 Europe/Berlin")->utc_offset_minutes == 120);  // summer time
  CHECK(parse_date_time("2016-12-15")->granularity == G::Day);
  CHECK(parse_date_time("December 2016")->timex() == "2016-12");
  CHECK(parse_date_time("2016")->timex() == "2016");
  CHECK(parse_date_time("15/12/2016")->timex() == "2016-12-15");
  CHECK(parse_date_time("12/15/2016")->timex() == "2016-12-15");
  CHECK(parse_date_time("2016/12/15")->timex() == "2016-12-15");
}

TEST_CASE("parse_date_time: a date needs a year of four digits") {
  // The readers ask about every short line; lines without four digits in a row are
  // answered without parsing (core/dct.cc has_four_digits), so these must stay dateless.
  CHECK_FALSE(parse_date_time("March 5"));
  CHECK_FALSE(parse_date_time("Thursday, 15th Dec. at 3:54 pm IST"));
  CHECK_FALSE(parse_date_time("15/12/16"));
  CHECK_FALSE(parse_date_time("201 6-12-15"));
  CHECK_FALSE(parse_date_time("Shr 1.15 dlrs vs 98 cts"));
  CHECK(parse_date_time("March 5, 1987")->timex() == "1987-03-05");
  CHECK(parse_date_time("(1987)")->timex() == "1987");
}

TEST_CASE("parse_date_time: rejects what is no date") {
  CHECK_FALSE(parse_date_time(""));
  CHECK_FALSE(parse_date_time("yesterday"));
  CHECK_FALSE(parse_date_time("2016-02-30"));
  CHECK_FALSE(parse_date_time("Feb 30, 2016"));
  CHECK_FALSE(parse_date_time("15 December"));  // no year
  CHECK_FALSE(parse_date_time("3:54 pm IST"));
  CHECK_FALSE(parse_date_time(std::string(100000, '9')));
}

TEST_CASE("zone abbreviations and month names") {
  CHECK(zone_abbreviation_offset("IST") == 330);
  CHECK(zone_abbreviation_offset("EDT") == -240);
  CHECK(zone_abbreviation_offset("CET") == 60);
  CHECK_FALSE(zone_abbreviation_offset("XYZ"));
  CHECK(month_from_name("Sept") == 9);
  CHECK(month_from_name("dec.") == 12);
  CHECK(month_from_name("Mayday") == 0);
}

TEST_CASE("TimePoint::timex by granularity") {
  TimePoint t{2016, 10, 0, 0, 0, G::Month};
  CHECK(t.timex() == "2016-10");
  t = {2016, 0, 0, 0, 0, G::Year};
  CHECK(t.timex() == "2016");
  t = {2016, 12, 15, 15 * 60 + 54, 330, G::Minute};
  CHECK(t.timex() == "2016-12-15T15:54");
  t = {2016, 12, 5, 0, 0, G::Day};
  CHECK(t.timex() == "2016-12-05");
}
