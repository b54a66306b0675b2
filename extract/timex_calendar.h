// TIMEX3 calendar values inside the temporal tagger: a point of time with the
// granularity it is known to (a century, a decade, a year, a half, a quarter,
// a season, a month, an ISO week, a day, a part of a day, a minute), its TIMEX3
// text form and arithmetic on it with Howard Hinnant's date library. Keeping
// the granularity means "2016-10" never silently becomes "2016-10-01".
//
// Internal to extract/ (timex.cc and its tests). Value types; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace chronicle::timex {

enum class Gran : unsigned char {
  Century,
  Decade,
  Year,
  Half,
  Quarter,
  Season,
  Month,
  Week,
  Day,
  PartOfDay,
  Minute
};

// Units of durations, coarsest last.
enum class Unit : unsigned char {
  Second,
  Minute,
  Hour,
  Day,
  Weekend,
  Week,
  Fortnight,
  Month,
  Quarter,
  Half,
  Year,
  Decade,
  Century
};

struct CalValue {
  Gran gran = Gran::Day;
  int year = 0;     // ISO week-based year when gran == Week
  int month = 0;    // 1..12
  int day = 0;      // 1..31
  int index = 0;    // week number, quarter (1..4), half (1..2)
  int minute = 0;   // minute of day when gran == Minute
  std::string tag;  // season (SP, SU, FA, WI) or part of day (MO, AF, EV, NI)
};

// "2016", "2016-10", "2016-12-15", "2016-W50", "2016-Q3", "2016-H1",
// "2016-SU", "199", "19", "2016-12-15TMO", "2016-12-15T15:54". Empty when the
// value cannot be written (year outside 0..9999).
std::string format(const CalValue& v);

// The reverse of format(); nullopt for anything else (PAST_REF, XXXX-10, P5Y).
std::optional<CalValue> parse(std::string_view timex);

// A calendar date value, nullopt when invalid (February 30).
std::optional<CalValue> make_day(int year, int month, int day);

// The value moved by `amount` units, keeping its granularity: whole units of
// the value's own granularity only (a 45-day shift moves a month value by one
// month). Nullopt when the result leaves the representable range.
std::optional<CalValue> shift(const CalValue& v, long amount, Unit unit);

// Whether shift(v, amount, unit) moves `v` by whole units of its own
// granularity, so that it rounds nothing away: 24 months of a year value, 48
// hours of a day value, 8 months of a day value (calendar months), but not 2
// months of a year, 10 days of a month or 3 hours of a day. Season and
// part-of-day values count as their year and day.
bool shifts_exactly(const CalValue& v, long amount, Unit unit);

// The value at a coarser granularity ("2016-12-15" as a Month: "2016-12").
CalValue coarsen(const CalValue& v, Gran g);

// ISO weekday (1 = Monday .. 7 = Sunday) of a day value.
int iso_weekday(const CalValue& day);

// A TIMEX3 duration: "P5Y", "P8M", "PT48H", "P3E" (decades); `amount` < 0
// writes the unspecified "X" ("PXY").
std::string duration(long amount, Unit unit);

// Reads a duration written by duration() ("P8M", "PT48H", "P2W"):
// {amount, unit}; nullopt for vague ones ("PXY").
std::optional<std::pair<long, Unit>> parse_duration(std::string_view d);

}  // namespace chronicle::timex
