// Creation dates as users and pages write them, and the zone abbreviations
// news sites use. parse_date_time() (declared in core/io.h) lives in dct.cc.
//
// Method: a small hand-written scanner finds the date parts (ISO forms,
// "Dec 15, 2016", "15 December 2016", "12/15/2016", a clock time with am/pm,
// a zone as an abbreviation, an offset or an IANA name); Howard Hinnant's
// date library validates the calendar date and resolves IANA zones.
// Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "core/document.h"

namespace chronicle {

// UTC offset in minutes of a common news time-zone abbreviation ("IST" ->
// 330, "EST" -> -300, "GMT" -> 0); nullopt when unknown. Case-sensitive
// upper case, as pages print them.
std::optional<int> zone_abbreviation_offset(std::string_view abbreviation);

// Month number of an English month name or abbreviation ("Dec", "dec.",
// "December", "Sept"); 0 when it is none.
unsigned month_from_name(std::string_view word);

}  // namespace chronicle
