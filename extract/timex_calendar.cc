// Calendar values of the temporal tagger; see timex_calendar.h.
#include "extract/timex_calendar.h"

#include <date/date.h>
#include <date/iso_week.h>

#include <charconv>
#include <cstdio>

namespace chronicle::timex {
namespace {

date::sys_days to_days(const CalValue& v) {
  return date::sys_days{date::year{v.year} / date::month{static_cast<unsigned>(v.month)} /
                        date::day{static_cast<unsigned>(v.day)}};
}

void set_days(CalValue& v, date::sys_days sd) {
  date::year_month_day ymd{sd};
  v.year = static_cast<int>(ymd.year());
  v.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  v.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
}

// Monday of ISO week `w` of ISO year `y`.
date::sys_days week_start(int y, int w) {
  using namespace iso_week;
  return date::sys_days{iso_week::year{y} / weeknum{static_cast<unsigned>(w)} / mon};
}

void set_week(CalValue& v, date::sys_days sd) {
  iso_week::year_weeknum_weekday yww{sd};
  v.year = static_cast<int>(yww.year());
  v.index = static_cast<int>(static_cast<unsigned>(yww.weeknum()));
}

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int x = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    x = x * 10 + (s[i] - '0');
  }
  out = x;
  return true;
}

// Months in a unit; 0 for day-based units.
long months_per(Unit u) {
  switch (u) {
    case Unit::Month:
      return 1;
    case Unit::Quarter:
      return 3;
    case Unit::Half:
      return 6;
    case Unit::Year:
      return 12;
    case Unit::Decade:
      return 120;
    case Unit::Century:
      return 1200;
    default:
      return 0;
  }
}

// Minutes in a day-or-finer unit.
long minutes_per(Unit u) {
  switch (u) {
    case Unit::Second:
      return 0;
    case Unit::Minute:
      return 1;
    case Unit::Hour:
      return 60;
    case Unit::Day:
      return 1440;
    case Unit::Weekend:
      return 2 * 1440;
    case Unit::Week:
      return 7 * 1440;
    case Unit::Fortnight:
      return 14 * 1440;
    default:
      return 0;
  }
}

bool in_range(const CalValue& v) { return v.year >= 0 && v.year <= 9999; }

}  // namespace

std::optional<CalValue> make_day(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 0 || year > 9999) return std::nullopt;
  date::year_month_day ymd{date::year{year} / date::month{static_cast<unsigned>(month)} /
                           date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  CalValue v;
  v.gran = Gran::Day;
  v.year = year;
  v.month = month;
  v.day = day;
  return v;
}

int iso_weekday(const CalValue& v) { return static_cast<int>(date::weekday{to_days(v)}.iso_encoding()); }

std::string format(const CalValue& v) {
  if (!in_range(v)) return {};
  char buf[40];
  switch (v.gran) {
    case Gran::Century:
      std::snprintf(buf, sizeof buf, "%02d", v.year / 100);
      break;
    case Gran::Decade:
      std::snprintf(buf, sizeof buf, "%03d", v.year / 10);
      break;
    case Gran::Year:
      std::snprintf(buf, sizeof buf, "%04d", v.year);
      break;
    case Gran::Half:
      std::snprintf(buf, sizeof buf, "%04d-H%d", v.year, v.index);
      break;
    case Gran::Quarter:
      std::snprintf(buf, sizeof buf, "%04d-Q%d", v.year, v.index);
      break;
    case Gran::Season:
      std::snprintf(buf, sizeof buf, "%04d-%s", v.year, v.tag.c_str());
      break;
    case Gran::Month:
      std::snprintf(buf, sizeof buf, "%04d-%02d", v.year, v.month);
      break;
    case Gran::Week:
      std::snprintf(buf, sizeof buf, "%04d-W%02d", v.year, v.index);
      break;
    case Gran::Day:
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", v.year, v.month, v.day);
      break;
    case Gran::PartOfDay:
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%s", v.year, v.month, v.day, v.tag.c_str());
      break;
    case Gran::Minute:
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", v.year, v.month, v.day, v.minute / 60,
                    v.minute % 60);
      break;
  }
  return buf;
}

std::optional<CalValue> parse(std::string_view s) {
  CalValue v;
  int y = 0;
  if (s.size() == 2 && digits(s, 0, 2, y)) {
    v.gran = Gran::Century;
    v.year = y * 100;
    return v;
  }
  if (s.size() == 3 && digits(s, 0, 3, y)) {
    v.gran = Gran::Decade;
    v.year = y * 10;
    return v;
  }
  if (!digits(s, 0, 4, y)) return std::nullopt;
  v.year = y;
  if (s.size() == 4) {
    v.gran = Gran::Year;
    return v;
  }
  if (s[4] != '-' || s.size() < 7) return std::nullopt;
  std::string_view rest = s.substr(5);
  int n = 0;
  if ((rest[0] == 'Q' || rest[0] == 'H' || rest[0] == 'W') && rest.size() >= 2) {
    const size_t len = rest.size() - 1;
    if (len > 2 || !digits(rest, 1, len, n)) return std::nullopt;
    v.index = n;
    v.gran = rest[0] == 'Q' ? Gran::Quarter : rest[0] == 'H' ? Gran::Half : Gran::Week;
    if ((v.gran == Gran::Quarter && (n < 1 || n > 4)) || (v.gran == Gran::Half && (n < 1 || n > 2)) ||
        (v.gran == Gran::Week && (n < 1 || n > 53)))
      return std::nullopt;
    return v;
  }
  if (rest == "SP" || rest == "SU" || rest == "FA" || rest == "WI") {
    v.gran = Gran::Season;
    v.tag = std::string(rest);
    return v;
  }
  if (!digits(rest, 0, 2, n) || n < 1 || n > 12) return std::nullopt;
  v.month = n;
  if (rest.size() == 2) {
    v.gran = Gran::Month;
    return v;
  }
  if (rest.size() < 5 || rest[2] != '-' || !digits(rest, 3, 2, n)) return std::nullopt;
  auto d = make_day(y, v.month, n);
  if (!d) return std::nullopt;
  v = *d;
  if (rest.size() == 5) return v;
  std::string_view t = rest.substr(5);
  if (t.size() == 3 && t[0] == 'T' && t[1] >= 'A' && t[1] <= 'Z') {
    v.gran = Gran::PartOfDay;
    v.tag = std::string(t.substr(1));
    return v;
  }
  int hh = 0, mm = 0;
  if (t.size() >= 3 && t[0] == 'T' && digits(t, 1, 2, hh) && hh < 24) {
    if (t.size() >= 6 && t[3] == ':' && digits(t, 4, 2, mm) && mm < 60) {
    } else if (t.size() != 3) {
      return std::nullopt;
    }
    v.gran = Gran::Minute;
    v.minute = hh * 60 + mm;
    return v;
  }
  return std::nullopt;
}

CalValue coarsen(const CalValue& v, Gran g) {
  CalValue out = v;
  if (g >= v.gran) return out;
  out.gran = g;
  out.tag.clear();
  if (v.gran == Gran::Week && g <= Gran::Month) {
    // The month/year of the week's Thursday.
    set_days(out, week_start(v.year, v.index) + date::days{3});
  }
  switch (g) {
    case Gran::Century:
      out.year = out.year / 100 * 100;
      break;
    case Gran::Decade:
      out.year = out.year / 10 * 10;
      break;
    case Gran::Quarter:
      out.index = (out.month + 2) / 3;
      break;
    case Gran::Half:
      out.index = (out.month + 5) / 6;
      break;
    case Gran::Week:
      set_week(out, to_days(v));
      break;
    default:
      break;
  }
  if (g == Gran::Quarter || g == Gran::Half) {
    if (v.gran == Gran::Quarter && g == Gran::Half) out.index = (v.index + 1) / 2;
  }
  return out;
}

std::optional<CalValue> shift(const CalValue& v, long amount, Unit unit) {
  CalValue out = v;
  const long months = months_per(unit) * amount;
  const long minutes = minutes_per(unit) * amount;
  switch (v.gran) {
    case Gran::Century:
    case Gran::Decade:
    case Gran::Year:
    case Gran::Season: {
      const long per = v.gran == Gran::Century ? 1200 : v.gran == Gran::Decade ? 120 : 12;
      long m = months != 0 ? months : minutes / (365L * 1440);
      if (months == 0 && minutes != 0) m *= 12;
      out.year += static_cast<int>(m / per * (per / 12));
      break;
    }
    case Gran::Half:
    case Gran::Quarter:
    case Gran::Month: {
      const long per = v.gran == Gran::Half ? 6 : v.gran == Gran::Quarter ? 3 : 1;
      long m = months != 0 ? months : minutes / (30L * 1440);
      long idx = v.gran == Gran::Month ? v.month - 1 : v.index - 1;
      long total = static_cast<long>(v.year) * (12 / per) + idx + m / per;
      out.year = static_cast<int>(total / (12 / per));
      long k = total % (12 / per);
      if (v.gran == Gran::Month)
        out.month = static_cast<int>(k + 1);
      else
        out.index = static_cast<int>(k + 1);
      break;
    }
    case Gran::Week: {
      date::sys_days sd = week_start(v.year, v.index);
      if (months != 0) {
        date::year_month_day ymd = date::year_month_day{sd} + date::months{months};
        if (!ymd.ok()) ymd = ymd.year() / ymd.month() / date::last;
        sd = date::sys_days{ymd};
      } else {
        sd += date::days{minutes / (7 * 1440) * 7};
      }
      set_week(out, sd);
      break;
    }
    case Gran::Day:
    case Gran::PartOfDay:
    case Gran::Minute: {
      if (months != 0) {
        date::year_month_day ymd = date::year_month_day{to_days(v)} + date::months{months};
        if (!ymd.ok()) ymd = ymd.year() / ymd.month() / date::last;
        set_days(out, date::sys_days{ymd});
      } else if (v.gran == Gran::Minute) {
        long total = v.minute + minutes;
        long days = total >= 0 ? total / 1440 : -((-total + 1439) / 1440);
        out.minute = static_cast<int>(total - days * 1440);
        set_days(out, to_days(v) + date::days{days});
      } else {
        set_days(out, to_days(v) + date::days{minutes / 1440});
      }
      break;
    }
  }
  if (!in_range(out)) return std::nullopt;
  return out;
}

bool shifts_exactly(const CalValue& v, long amount, Unit unit) {
  const long months = months_per(unit) * amount;
  const long minutes = minutes_per(unit) * amount;
  long per_month = 0, per_minute = 0;  // the value's own unit, in one of the two scales
  switch (v.gran) {
    case Gran::Century:
      per_month = 1200;
      break;
    case Gran::Decade:
      per_month = 120;
      break;
    case Gran::Year:
    case Gran::Season:
      per_month = 12;
      break;
    case Gran::Half:
      per_month = 6;
      break;
    case Gran::Quarter:
      per_month = 3;
      break;
    case Gran::Month:
      per_month = 1;
      break;
    case Gran::Week:
      per_minute = 7 * 1440;
      break;
    case Gran::Day:
    case Gran::PartOfDay:
      per_minute = 1440;
      break;
    case Gran::Minute:
      per_minute = 1;
      break;
  }
  if (months == 0 && minutes == 0) return amount == 0;  // seconds, or nothing to move
  // A month-based move of a day-or-finer value is calendar arithmetic (the
  // same day of another month), always whole; a day-based move of a
  // month-or-coarser value never is (months differ in length).
  if (months != 0) return per_month == 0 || months % per_month == 0;
  return per_minute != 0 && minutes % per_minute == 0;
}

std::string duration(long amount, Unit unit) {
  // Units written as multiples of another: weekends as days, quarters as months.
  long mult = 1;
  std::string_view prefix = "P", suffix;
  switch (unit) {
    case Unit::Second:
      prefix = "PT";
      suffix = "S";
      break;
    case Unit::Minute:
      prefix = "PT";
      suffix = "M";
      break;
    case Unit::Hour:
      prefix = "PT";
      suffix = "H";
      break;
    case Unit::Day:
      suffix = "D";
      break;
    case Unit::Weekend:
      suffix = "D";
      mult = 2;
      break;
    case Unit::Week:
      suffix = "W";
      break;
    case Unit::Fortnight:
      suffix = "W";
      mult = 2;
      break;
    case Unit::Month:
      suffix = "M";
      break;
    case Unit::Quarter:
      suffix = "M";
      mult = 3;
      break;
    case Unit::Half:
      suffix = "M";
      mult = 6;
      break;
    case Unit::Year:
      suffix = "Y";
      break;
    case Unit::Decade:
      suffix = "E";
      break;
    case Unit::Century:
      suffix = "C";
      break;
  }
  std::string out(prefix);
  if (amount < 0)
    out += 'X';
  else
    out += std::to_string(amount * mult);
  out += suffix;
  return out;
}

std::optional<std::pair<long, Unit>> parse_duration(std::string_view d) {
  if (d.size() < 3 || d[0] != 'P') return std::nullopt;
  bool time = d[1] == 'T';
  size_t pos = time ? 2 : 1;
  long n = 0;
  auto [p, ec] = std::from_chars(d.data() + pos, d.data() + d.size(), n);
  if (ec != std::errc() || p != d.data() + d.size() - 1) return std::nullopt;
  char u = d.back();
  if (time) {
    if (u == 'H') return std::pair{n, Unit::Hour};
    if (u == 'M') return std::pair{n, Unit::Minute};
    if (u == 'S') return std::pair{n, Unit::Second};
    return std::nullopt;
  }
  switch (u) {
    case 'Y':
      return std::pair{n, Unit::Year};
    case 'M':
      return std::pair{n, Unit::Month};
    case 'W':
      return std::pair{n, Unit::Week};
    case 'D':
      return std::pair{n, Unit::Day};
    case 'E':
      return std::pair{n, Unit::Decade};
    case 'C':
      return std::pair{n, Unit::Century};
    case 'Q':
      return std::pair{n, Unit::Quarter};
    default:
      return std::nullopt;
  }
}

}  // namespace chronicle::timex
