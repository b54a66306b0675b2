#include "core/dct.h"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "core/io.h"

namespace chronicle {
namespace {

struct ZoneAbbreviation {
  std::string_view name;
  int offset_minutes;
};

// Abbreviations news sites print after a clock time. Ambiguous ones take the
// reading most common in English-language news (IST: India, CST: US Central).
constexpr std::array<ZoneAbbreviation, 44> kZones{{
    {"UTC", 0},     {"GMT", 0},    {"Z", 0},      {"WET", 0},    {"BST", 60},   {"WEST", 60},  {"CET", 60},
    {"CEST", 120},  {"MET", 60},   {"MEST", 120}, {"EET", 120},  {"EEST", 180}, {"MSK", 180},  {"TRT", 180},
    {"AST", 180},   {"GST", 240},  {"IRST", 210}, {"PKT", 300},  {"IST", 330},  {"NPT", 345},  {"BDT", 360},
    {"ICT", 420},   {"WIB", 420},  {"CST", -360}, {"HKT", 480},  {"SGT", 480},  {"PHT", 480},  {"AWST", 480},
    {"JST", 540},   {"KST", 540},  {"ACST", 570}, {"AEST", 600}, {"AEDT", 660}, {"NZST", 720}, {"NZDT", 780},
    {"EST", -300},  {"EDT", -240}, {"CDT", -300}, {"MST", -420}, {"MDT", -360}, {"PST", -480}, {"PDT", -420},
    {"AKST", -540}, {"HST", -600},
}};

constexpr std::array<std::string_view, 12> kMonths{"january",   "february", "march",    "april",
                                                   "may",       "june",     "july",     "august",
                                                   "september", "october",  "november", "december"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) {
    if (v > 100000) return v;
    v = v * 10 + (c - '0');
  }
  return v;
}

bool valid_date(int y, unsigned m, unsigned d) {
  return y >= 1000 && y <= 9999 && date::year_month_day{date::year{y}, date::month{m}, date::day{d}}.ok();
}

// "+05:30", "+0530", "-05", "+5:30" -> minutes; nullopt when not an offset.
std::optional<int> parse_offset(std::string_view s) {
  if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  const int sign = s[0] == '-' ? -1 : 1;
  s.remove_prefix(1);
  std::string digits;
  for (char c : s) {
    if (c == ':') continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits.push_back(c);
  }
  int h = 0, m = 0;
  if (digits.size() == 1 || digits.size() == 2) {
    h = to_int(digits);
  } else if (digits.size() == 3 || digits.size() == 4) {
    h = to_int(std::string_view(digits).substr(0, digits.size() - 2));
    m = to_int(std::string_view(digits).substr(digits.size() - 2));
  } else {
    return std::nullopt;
  }
  if (h > 14 || m > 59) return std::nullopt;
  return sign * (h * 60 + m);
}

// Offset of an IANA zone ("Asia/Kolkata") at a local date and time, through
// the date library's time-zone database; nullopt when unknown.
std::optional<int> iana_offset(const std::string& name, int y, unsigned m, unsigned d, int minute) {
  if (name.find('/') == std::string::npos) return std::nullopt;
  try {
    const date::time_zone* zone = date::locate_zone(name);
    const auto local =
        date::local_days{date::year{y} / date::month{m} / date::day{d}} + std::chrono::minutes{minute};
    const date::local_info info = zone->get_info(local);
    return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(info.first.offset).count());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

struct Word {
  std::string_view text;
  std::size_t start;
};

// Splits into words at spaces and separators, keeping ':' '+' '-' '/' '.' inside words.
std::vector<Word> split_words(std::string_view s) {
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < s.size() && words.size() < 64) {
    const char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == '|' || c == '(' || c == ')' ||
        c == '[' || c == ']' || c == ';' || c == '"' || c == '\'') {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size()) {
      const char d = s[j];
      if (std::isspace(static_cast<unsigned char>(d)) || d == ',' || d == '|' || d == '(' || d == ')' ||
          d == '[' || d == ']' || d == ';' || d == '"' || d == '\'')
        break;
      ++j;
    }
    words.push_back({s.substr(i, j - i), i});
    i = j;
  }
  return words;
}

// ISO 8601 at position i of s: YYYY-MM-DD[(T| )HH:MM[:SS[.fff]][Z|±HH[:]MM]].
std::optional<TimePoint> parse_iso(std::string_view s) {
  for (std::size_t i = 0; i + 10 <= s.size(); ++i) {
    if (i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1]))) continue;
    const std::string_view y = s.substr(i, 4);
    const char sep = s[i + 4];
    if (!all_digits(y) || (sep != '-' && sep != '/') || s[i + 7] != sep) continue;
    const std::string_view mo = s.substr(i + 5, 2), da = s.substr(i + 8, 2);
    if (!all_digits(mo) || !all_digits(da)) continue;
    if (i + 10 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 10]))) continue;
    TimePoint tp;
    tp.year = to_int(y);
    tp.month = static_cast<unsigned>(to_int(mo));
    tp.day = static_cast<unsigned>(to_int(da));
    if (!valid_date(tp.year, tp.month, tp.day)) continue;
    tp.granularity = TimePoint::Granularity::Day;
    std::size_t k = i + 10;
    if (k + 5 <= s.size() && (s[k] == 'T' || s[k] == ' ') && all_digits(s.substr(k + 1, 2)) &&
        s[k + 3] == ':' && all_digits(s.substr(k + 4, 2))) {
      const int h = to_int(s.substr(k + 1, 2)), mi = to_int(s.substr(k + 4, 2));
      if (h < 24 && mi < 60) {
        tp.minute_of_day = h * 60 + mi;
        tp.granularity = TimePoint::Granularity::Minute;
        k += 6;
        if (k + 3 <= s.size() && s[k] == ':' && all_digits(s.substr(k + 1, 2))) k += 3;
        if (k < s.size() && s[k] == '.') {
          ++k;
          while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) ++k;
        }
        if (k < s.size() && s[k] == 'Z') {
          tp.utc_offset_minutes = 0;
        } else if (k < s.size() && (s[k] == '+' || s[k] == '-')) {
          std::size_t e = k + 1;
          while (e < s.size() && (std::isdigit(static_cast<unsigned char>(s[e])) || s[e] == ':')) ++e;
          if (auto off = parse_offset(s.substr(k, e - k))) tp.utc_offset_minutes = *off;
        } else {
          // A zone written after a space: "2016-12-15 15:54 IST".
          const auto rest = split_words(s.substr(k));
          if (!rest.empty()) {
            if (auto off = zone_abbreviation_offset(rest[0].text))
              tp.utc_offset_minutes = *off;
            else if (auto o2 =
                         iana_offset(std::string(rest[0].text), tp.year, tp.month, tp.day, tp.minute_of_day))
              tp.utc_offset_minutes = *o2;
          }
        }
      }
    }
    return tp;
  }
  return std::nullopt;
}

}  // namespace

std::optional<int> zone_abbreviation_offset(std::string_view abbreviation) {
  for (const auto& z : kZones)
    if (z.name == abbreviation) return z.offset_minutes;
  return std::nullopt;
}

unsigned month_from_name(std::string_view word) {
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);
  if (word.size() < 3 || word.size() > 9) return 0;
  const std::string w = lower(word);
  for (unsigned m = 0; m < 12; ++m) {
    const std::string_view full = kMonths[m];
    if (w == full) return m + 1;
    if (w.size() == 3 && full.substr(0, 3) == w) return m + 1;
  }
  if (w == "sept") return 9;
  return 0;
}

namespace {

// Whether `s` holds four digits in a row. Every date parse_date_time() finds has a year of
// four digits (ISO, numeric or a word of its own); the readers ask it about every short line of
// every story, and most lines have none.
bool has_four_digits(std::string_view s) {
  int run = 0;
  for (char c : s)
    if (c >= '0' && c <= '9') {
      if (++run == 4) return true;
    } else {
      run = 0;
    }
  return false;
}

}  // namespace

std::optional<TimePoint> parse_date_time(std::string_view text) {
  if (text.size() > 512) text = text.substr(0, 512);
  if (!has_four_digits(text)) return std::nullopt;
  if (auto iso = parse_iso(text)) return iso;

  const std::vector<Word> words = split_words(text);
  int year = 0;
  unsigned month = 0, day = 0;
  int minute = -1;
  std::optional<int> offset;
  std::string zone_name;
  std::size_t date_words = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words[i].text;
    if (!w.empty() && w.back() == '.' && w.size() > 1 && !month_from_name(w)) w.remove_suffix(1);
    // Numeric dates: 15/12/2016, 12/15/2016, 15.12.2016.
    {
      const char sep =
          w.find('/') != std::string_view::npos ? '/' : (w.find('.') != std::string_view::npos ? '.' : 0);
      if (sep && year == 0) {
        const auto a = w.find(sep), b = w.find(sep, a + 1);
        if (b != std::string_view::npos) {
          const auto p1 = w.substr(0, a), p2 = w.substr(a + 1, b - a - 1), p3 = w.substr(b + 1);
          if (all_digits(p1) && all_digits(p2) && all_digits(p3) && p3.size() == 4 && p1.size() <= 2 &&
              p2.size() <= 2) {
            int x = to_int(p1), y2 = to_int(p2);
            unsigned mm, dd;
            // Day-first when the first part cannot be a month or the separator is a dot (European).
            if (x > 12 || sep == '.')
              mm = static_cast<unsigned>(y2), dd = static_cast<unsigned>(x);
            else
              mm = static_cast<unsigned>(x), dd = static_cast<unsigned>(y2);
            if (valid_date(to_int(p3), mm, dd)) {
              year = to_int(p3), month = mm, day = dd;
              date_words += 3;
              continue;
            }
          }
        }
      }
    }
    if (unsigned m = month_from_name(w); m && month == 0) {
      month = m;
      ++date_words;
      continue;
    }
    // Clock time: 3:54, 15:54, 3:54pm, 3:54:10.
    if (const auto colon = w.find(':'); colon != std::string_view::npos && colon > 0 && colon <= 2 &&
                                        all_digits(w.substr(0, colon)) && minute < 0) {
      std::string_view rest = w.substr(colon + 1);
      if (rest.size() >= 2 && all_digits(rest.substr(0, 2))) {
        int h = to_int(w.substr(0, colon));
        const int mi = to_int(rest.substr(0, 2));
        rest.remove_prefix(2);
        if (rest.size() >= 3 && rest[0] == ':' && all_digits(rest.substr(1, 2))) rest.remove_prefix(3);
        std::string suffix = lower(rest);
        if (suffix.empty() && i + 1 < words.size()) {
          const std::string next = lower(words[i + 1].text);
          if (next == "am" || next == "pm" || next == "a.m." || next == "p.m.") {
            suffix = next;
            ++i;
          }
        }
        if (suffix == "pm" || suffix == "p.m.") {
          if (h < 12) h += 12;
        } else if ((suffix == "am" || suffix == "a.m.") && h == 12) {
          h = 0;
        }
        if (h < 24 && mi < 60) minute = h * 60 + mi;
        continue;
      }
    }
    if (all_digits(w)) {
      const int v = to_int(w);
      if (w.size() == 4 && v >= 1000 && year == 0) {
        year = v;
        ++date_words;
      } else if (w.size() <= 2 && v >= 1 && v <= 31 && day == 0) {
        day = static_cast<unsigned>(v);
        ++date_words;
      }
      continue;
    }
    // Ordinal day: 15th, 1st.
    if (w.size() >= 3 && w.size() <= 4 && all_digits(w.substr(0, w.size() - 2)) && day == 0) {
      const std::string suf = lower(w.substr(w.size() - 2));
      if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") {
        const int v = to_int(w.substr(0, w.size() - 2));
        if (v >= 1 && v <= 31) {
          day = static_cast<unsigned>(v);
          ++date_words;
          continue;
        }
      }
    }
    if (!offset) {
      if (auto o = zone_abbreviation_offset(w)) {
        offset = o;
        // "GMT+5:30", "UTC+03:00"
        continue;
      }
      if ((w.starts_with("GMT") || w.starts_with("UTC")) && w.size() > 3) {
        if (auto o = parse_offset(w.substr(3))) {
          offset = o;
          continue;
        }
      }
      if (auto o = parse_offset(w); o && (w.size() >= 5)) {
        offset = o;
        continue;
      }
      if (w.find('/') != std::string_view::npos && zone_name.empty()) zone_name = std::string(w);
    }
  }
  if (year == 0 || date_words == 0) return std::nullopt;
  TimePoint tp;
  tp.year = year;
  if (month == 0) {
    if (day != 0) return std::nullopt;
    tp.granularity = TimePoint::Granularity::Year;
    return tp;
  }
  tp.month = month;
  if (day == 0) {
    if (!valid_date(year, month, 1)) return std::nullopt;
    tp.granularity = TimePoint::Granularity::Month;
    return tp;
  }
  if (!valid_date(year, month, day)) return std::nullopt;
  tp.day = day;
  tp.granularity = TimePoint::Granularity::Day;
  if (minute >= 0) {
    tp.minute_of_day = minute;
    tp.granularity = TimePoint::Granularity::Minute;
    if (!offset && !zone_name.empty()) offset = iana_offset(zone_name, year, month, day, minute);
    tp.utc_offset_minutes = offset.value_or(0);
  }
  return tp;
}

}  // namespace chronicle
