#include "core/document.h"

#include <cstdio>

namespace chronicle {

std::string TimePoint::timex() const {
  char buf[32];
  switch (granularity) {
    case Granularity::Year:
      std::snprintf(buf, sizeof buf, "%04d", year);
      break;
    case Granularity::Month:
      std::snprintf(buf, sizeof buf, "%04d-%02u", year, month);
      break;
    case Granularity::Day:
      std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, month, day);
      break;
    case Granularity::Minute:
      std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d", year, month, day, minute_of_day / 60,
                    minute_of_day % 60);
      break;
  }
  return buf;
}

}  // namespace chronicle
