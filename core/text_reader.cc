// Plain-text articles as saved from news pages, and the page furniture they
// carry. Method: one pass over the lines; a line is furniture when it matches
// a general shape of page furniture (a "Label :" line with a known label, a
// crawl stamp "Weekday, Month D, YYYY | Last Update : ...", a photo credit
// "(Photo: X)", a breadcrumb of short segments separated by wide gaps or
// ">"/"|", a caption line printed twice in a row, a bare date line, a
// boilerplate line such as "Advertisement", a wire's closing credit line or
// one-word sign-off such as "Reuter"). The text is never changed:
// furniture is recorded as spans and metadata.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "core/dct.h"
#include "core/io.h"
#include "core/readers.h"

namespace chronicle::detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  // Non-breaking spaces (U+00A0) pages like to pad with.
  while (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") s.remove_prefix(2);
  while (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") s.remove_suffix(2);
  return s;
}

// ASCII case folding: the labels compared are ASCII, and std::tolower's
// locale lookup per byte showed in profiles of ingest (every line is searched).
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

std::size_t ifind(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return 0;
  if (needle.size() > hay.size()) return std::string_view::npos;
  const char first = ascii_lower(needle[0]);
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i)
    if (ascii_lower(hay[i]) == first && iequals(hay.substr(i, needle.size()), needle)) return i;
  return std::string_view::npos;
}

std::size_t count_words(std::string_view s) {
  std::size_t n = 0;
  bool in = false;
  for (char c : s) {
    if (is_space(c))
      in = false;
    else if (!in)
      in = true, ++n;
  }
  return n;
}

struct Label {
  std::string_view text;
  std::string_view key;
  bool needs_colon;
};

// Labels of page furniture lines, as news pages print them.
constexpr std::array<Label, 24> kLabels{{
    {"First published", "published", false},
    {"Published on", "published", false},
    {"Published", "published", false},
    {"Posted on", "published", false},
    {"Posted", "published", false},
    {"Publication date", "published", true},
    {"Last updated", "updated", false},
    {"Last update", "updated", false},
    {"Last modified", "updated", false},
    {"Updated on", "updated", false},
    {"Updated", "updated", false},
    {"Modified", "updated", true},
    {"Date", "date", true},
    {"Tags", "tags", true},
    {"Topics", "tags", true},
    {"Keywords", "tags", true},
    {"Location", "location", true},
    {"Author", "author", true},
    {"Written by", "author", true},
    {"Source", "source", true},
    {"Category", "section", true},
    {"Section", "section", true},
    {"Filed under", "section", true},
    {"Related topics", "tags", true},
}};

constexpr std::array<std::string_view, 14> kBoilerplate{
    "advertisement", "also read",  "read more",        "share this article", "share",
    "subscribe",     "sign up",    "related articles", "most read",          "trending",
    "comments",      "click here", "follow us",        "related stories"};

constexpr std::array<std::string_view, 7> kWeekdays{"monday", "tuesday",  "wednesday", "thursday",
                                                    "friday", "saturday", "sunday"};

bool starts_with_weekday(std::string_view s) {
  for (std::string_view w : kWeekdays)
    if (istarts_with(s, w) ||
        (s.size() >= 4 && istarts_with(s, w.substr(0, 3)) && !std::isalpha(static_cast<unsigned char>(s[3]))))
      return true;
  return false;
}

// "Label : value" -> value (key set), or nullopt.
std::optional<std::pair<std::string_view, std::string_view>> match_label(std::string_view line) {
  if (line.size() > 1000) return std::nullopt;
  for (const Label& l : kLabels) {
    if (!istarts_with(line, l.text)) continue;
    std::string_view rest = line.substr(l.text.size());
    if (!rest.empty() && std::isalpha(static_cast<unsigned char>(rest[0]))) continue;
    rest = trim(rest);
    bool colon = false;
    if (!rest.empty() && (rest[0] == ':' || rest[0] == '-' || rest[0] == '|')) {
      colon = rest[0] == ':';
      rest = trim(rest.substr(1));
    }
    if (l.needs_colon && !colon) continue;
    if (rest.empty()) continue;
    // Without a colon a "Published ..." line must be a date, not a sentence.
    if (!colon) {
      auto tp = parse_date_time(rest);
      if (!tp || count_words(rest) > 10) continue;
    }
    return std::make_pair(l.key, rest);
  }
  return std::nullopt;
}

// "(Photo: AP)" and the like: returns the credit, or an empty view.
std::string_view photo_credit(std::string_view line) {
  static constexpr std::array<std::string_view, 7> kMarks{
      "(photo:", "(photo :", "(image:", "(picture:", "(photo credit:", "(file photo", "(pic:"};
  const bool paren = line.find('(') != std::string_view::npos;
  for (std::string_view m : kMarks) {
    const std::size_t p = paren ? ifind(line, m) : std::string_view::npos;
    if (p == std::string_view::npos) continue;
    const std::size_t close = line.find(')', p);
    std::string_view credit = line.substr(
        p + m.size(), close == std::string_view::npos ? std::string_view::npos : close - p - m.size());
    credit = trim(credit);
    if (!credit.empty() && credit[0] == ':') credit = trim(credit.substr(1));
    return credit.empty() ? line.substr(p, 1) : credit;
  }
  if (istarts_with(line, "photo:") || istarts_with(line, "photo credit:") || istarts_with(line, "image:"))
    return trim(line.substr(line.find(':') + 1));
  return {};
}

// Splits a navigation line into its segments: wide gaps (two or more spaces
// or a tab) and the separators > » › | /.
std::vector<std::string_view> nav_segments(std::string_view line) {
  std::vector<std::string_view> segs;
  std::size_t i = 0, start = 0;
  auto push = [&](std::size_t end) {
    std::string_view s = trim(line.substr(start, end - start));
    if (!s.empty()) segs.push_back(s);
  };
  // Length in bytes of the space-like character at k (space, tab, U+00A0), 0 if none.
  auto space_at = [&](std::size_t k) -> std::size_t {
    if (k >= line.size()) return 0;
    if (line[k] == ' ' || line[k] == '\t') return 1;
    if (line[k] == '\xC2' && k + 1 < line.size() && line[k + 1] == '\xA0') return 2;  // U+00A0
    return 0;
  };
  while (i < line.size()) {
    const char c = line[i];
    std::size_t sep = 0;
    if (space_at(i)) {
      std::size_t count = 0, k = i;
      bool tab = false;
      while (std::size_t l = space_at(k)) {
        tab = tab || line[k] == '\t';
        k += l;
        ++count;
      }
      if (count >= 2 || tab)
        sep = k - i;
      else {
        i = k;
        continue;
      }
    } else if ((c == '>' || c == '|') && i > 0 && line[i - 1] == ' ') {
      sep = 1;
    } else if ((c == '\xC2' ||
                c == '\xE2') &&  // the lead bytes of » and ›, tested first: most bytes are neither
               (line.substr(i, 2) == "\xC2\xBB" || line.substr(i, 3) == "\xE2\x80\xBA")) {
      sep = line.substr(i, 2) == "\xC2\xBB" ? 2 : 3;
    }
    if (sep) {
      push(i);
      i += sep;
      start = i;
    } else {
      ++i;
    }
  }
  push(line.size());
  return segs;
}

bool ends_with_sentence_punct(std::string_view s) {
  while (!s.empty() && (s.back() == '"' || s.back() == '\'' || s.back() == ')')) s.remove_suffix(1);
  if (s.size() >= 3 && (s.substr(s.size() - 3) == "\xE2\x80\x9D" || s.substr(s.size() - 3) == "\xE2\x80\x99"))
    s.remove_suffix(3);
  return !s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?' || s.back() == ':' ||
                        s.back() == ';' || s.back() == ',');
}

struct Line {
  Offset start, end;  // of the trimmed line
  std::string_view text;
  bool furniture = false;
};

void set_meta(Document& d, std::string_view key, std::string_view value) {
  d.metadata.emplace(std::string(key), std::string(value));
}

// A wire story's closing credit: "(Reporting by A; Editing by B)",
// "Additional reporting by C", "Writing by D". Its names are the newsroom's,
// not the story's.
bool is_credit_line(std::string_view t) {
  std::string_view u = t;
  if (u.starts_with('(') && u.ends_with(')')) u = trim(u.substr(1, u.size() - 2));
  if (u.size() > 300) return false;
  for (std::string_view lead : {"reporting by", "additional reporting by", "writing by", "editing by",
                                "compiled by", "reported by", "edited by"})
    if (istarts_with(u, lead)) return true;
  return false;
}

// A one-word sign-off after the story's last sentence: the agency's name on
// its own line ("Reuter", "AP"), an end mark ("-30-", "END", "###"). It reads as
// a headline to the segmenter and would become an entity in every story.
bool is_sign_off(std::string_view t) {
  if (t.empty() || t.size() > 16 || count_words(t) != 1) return false;
  return std::none_of(t.begin(), t.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || !(std::isalpha(u) || c == '-' || c == '#' || c == '*' || c == '=');
  });
}

// Columns of white space before the line starting at `start`.
std::size_t indent_of(std::string_view text, Offset start) {
  std::size_t n = 0;
  while (start > 0 && text[start - 1] != '\n') --start, ++n;
  return n;
}

// Whether the line `l` is set apart from the line `before`: a blank line
// between them, or a different indentation (wires indent paragraphs and
// table rows, not the sign-off).
bool set_apart(std::string_view text, const Line& before, const Line& l) {
  const std::string_view gap = text.substr(before.end, l.start - before.end);
  return std::count(gap.begin(), gap.end(), '\n') >= 2 ||
         indent_of(text, before.start) != indent_of(text, l.start);
}

// Marks the credit lines and sign-off at the end of the text, where wires put
// them. The line before must end a sentence, or the sign-off stand apart from
// it, so that a story's own last words (a one-word line in a list) stay story.
void mark_closing_lines(std::vector<Line>& lines, Document& d) {
  for (std::size_t k = lines.size(); k-- > 1 && k + 3 >= lines.size();) {
    Line& l = lines[k];
    if (l.furniture) continue;
    const bool credit = is_credit_line(l.text);
    const bool sign_off = !credit && k + 1 == lines.size() && is_sign_off(l.text);
    if (!credit && !sign_off) break;
    const Line* before = nullptr;
    for (std::size_t j = k; j-- > 0;)
      if (!lines[j].furniture && !is_credit_line(lines[j].text)) {
        before = &lines[j];
        break;
      }
    if (!before || !(ends_with_sentence_punct(before->text) || (sign_off && set_apart(d.text, *before, l))))
      break;
    l.furniture = true;
    set_meta(d, credit ? "credits" : "sign_off", l.text);
  }
}

}  // namespace

void find_furniture(Document& d) {
  const std::string_view text = d.text;
  std::vector<Line> lines;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t e = text.find('\n', i);
    if (e == std::string_view::npos) e = text.size();
    const std::string_view raw = text.substr(i, e - i);
    const std::string_view t = trim(raw);
    if (!t.empty()) {
      const auto s = static_cast<Offset>(t.data() - text.data());
      lines.push_back({s, static_cast<Offset>(s + t.size()), t, false});
    }
    i = e + 1;
  }

  std::string breadcrumb_title;
  std::optional<TimePoint> date_line_dct, breadcrumb_dct;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    Line& l = lines[k];
    const std::string_view t = l.text;
    if (auto lab = match_label(t)) {
      l.furniture = true;
      set_meta(d, lab->first, lab->second);
      continue;
    }
    if (t.size() < 300 && t.find('|') != std::string_view::npos &&
        (ifind(t, "last update") != std::string_view::npos ||
         (starts_with_weekday(t) && parse_date_time(t.substr(0, t.find('|')))))) {
      l.furniture = true;
      set_meta(d, "crawl_stamp", t);
      continue;
    }
    if (std::string_view credit = photo_credit(t); !credit.empty()) {
      l.furniture = true;
      set_meta(d, "photo_credit", credit);
      set_meta(d, "caption", t);
      continue;
    }
    if (k > 0 && t.size() > 20 && lines[k - 1].text == t) {
      l.furniture = lines[k - 1].furniture = true;
      set_meta(d, "caption", t);
      continue;
    }
    if (t.size() < 40) {
      std::string_view u = t;
      while (!u.empty() && (u.back() == ':' || u.back() == '|' || u.back() == '.')) u.remove_suffix(1);
      bool boiler = false;
      for (std::string_view b : kBoilerplate) boiler = boiler || iequals(trim(u), b);
      if (boiler) {
        l.furniture = true;
        continue;
      }
    }
    if (k < 30 && t.size() < 400) {
      const auto segs = nav_segments(t);
      // Sentences separated by two spaces (typewriter style) are no breadcrumb.
      const bool sentences =
          std::any_of(segs.begin(), segs.end() - (segs.empty() ? 0 : 1), [](std::string_view g) {
            return g.ends_with('.') || g.ends_with(',') || g.ends_with('!') || g.ends_with('?') ||
                   g.ends_with(';');
          });
      if (segs.size() >= 3 && !sentences && count_words(segs[0]) <= 3 && count_words(segs[1]) <= 4) {
        l.furniture = true;
        set_meta(d, "breadcrumb", t);
        for (std::string_view s : segs) {
          if (breadcrumb_dct) break;
          auto tp = parse_date_time(s);
          if (tp && tp->granularity >= TimePoint::Granularity::Day && count_words(s) <= 5)
            breadcrumb_dct = tp;
        }
        if (count_words(segs.back()) >= 3) breadcrumb_title = std::string(segs.back());
        continue;
      }
      if (t.size() < 60) {
        auto tp = parse_date_time(t);
        if (tp && tp->granularity >= TimePoint::Granularity::Day && count_words(t) <= 8 &&
            !ends_with_sentence_punct(t)) {
          l.furniture = true;
          set_meta(d, "date", t);
          if (!date_line_dct) date_line_dct = tp;
          continue;
        }
      }
    }
  }

  mark_closing_lines(lines, d);

  for (const Line& l : lines)
    if (l.furniture) d.furniture.push_back({l.start, l.end});

  // Title: the first story line near the top that reads as a headline.
  if (d.title.empty()) {
    for (std::size_t k = 0; k < lines.size() && k < 30; ++k) {
      const Line& l = lines[k];
      if (l.furniture) continue;
      const std::size_t words = count_words(l.text);
      if (l.text.size() >= 8 && l.text.size() <= 250 && words >= 2 && words <= 30 &&
          (l.text.back() != '.' || l.text.ends_with("..."))) {
        d.title = std::string(l.text);
      }
      break;
    }
    if (d.title.empty()) d.title = breadcrumb_title;
  }

  // Creation time: the Published line, else Updated, else a dated dateline,
  // a bare date line, a breadcrumb date. A crawl stamp is when the page was
  // saved, not written, so it never counts.
  if (!d.dct) {
    auto try_meta = [&](std::string_view key, std::string_view origin) {
      if (d.dct) return;
      auto it = d.metadata.find(std::string(key));
      if (it == d.metadata.end()) return;
      if (auto tp = parse_date_time(it->second)) {
        d.dct = tp;
        d.dct_origin = std::string(origin);
      }
    };
    try_meta("published", "published");
    try_meta("date", "date");
    try_meta("updated", "updated");
    if (!d.dct) {
      // Dateline: "WASHINGTON, Dec. 15, 2016 (Reuters) -" at the start of an early story line.
      std::size_t seen = 0;
      for (const Line& l : lines) {
        if (l.furniture) continue;
        if (++seen > 5) break;
        const std::string_view t = l.text;
        std::size_t cut = std::string_view::npos;
        for (std::string_view sep :
             {" - ", " -- ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", ": ", "(Reuters)", "(AP)", "(AFP)"}) {
          const std::size_t p = t.find(sep);
          if (p != std::string_view::npos && p < cut) cut = p;
        }
        if (cut == std::string_view::npos || cut > 80) continue;
        auto tp = parse_date_time(t.substr(0, cut));
        if (tp && tp->granularity >= TimePoint::Granularity::Day) {
          d.dct = tp;
          d.dct_origin = "dateline";
          break;
        }
      }
    }
    if (!d.dct && date_line_dct) {
      d.dct = date_line_dct;
      d.dct_origin = "date_line";
    }
    if (!d.dct && breadcrumb_dct) {
      d.dct = breadcrumb_dct;
      d.dct_origin = "breadcrumb";
    }
  }
}

Document read_text(const std::string& path, std::string content) {
  Document d;
  d.id = file_stem(path);
  d.source = path;
  d.text = std::move(content);
  find_furniture(d);
  return d;
}

}  // namespace chronicle::detail
