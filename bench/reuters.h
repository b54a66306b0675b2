// The Reuters-21578 stories every benchmark reads: one reader, so that each stage
// is measured on the same texts as tools/reuters_to_jsonl.py gives `chronicle ingest`.
//
//   for (const ReutersStory& s : reuters_stories(2000)) ...   // the first 2,000 with a body
//
// The corpus stays outside the repository: $CHRONICLE_DATA/reuters21578 (CHRONICLE_DATA
// names the shared data directory), else ../shared/data/reuters21578 next to the source
// tree. When it is absent the list is empty and the benchmark skips itself.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle::bench {

struct ReutersStory {
  std::string id;     // "reuters-" + NEWID
  std::string title;  // may be empty
  std::string text;   // the body, entities decoded, the trailing "Reuter" signature removed
  std::string dct;    // "1987-03-26" from <DATE>, empty when unreadable
};

inline std::filesystem::path reuters_dir() {
  const char* env = std::getenv("CHRONICLE_DATA");
  const std::filesystem::path data =
      env && *env ? std::filesystem::path(env)
                  : std::filesystem::path(CHRONICLE_SOURCE_DIR) / ".." / "shared" / "data";
  return data / "reuters21578";
}

namespace reuters_detail {

// The SGML files escape only these; &#3; is the end-of-text mark, dropped.
inline std::string unescape(std::string_view s) {
  static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}, {"&quot;", "\""}, {"&#3;", ""}, {"&#127;", ""}};
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool replaced = false;
    if (s[i] == '&') {
      for (const auto& [entity, text] : kEntities) {
        if (s.substr(i, entity.size()) == entity) {
          out += text;
          i += entity.size() - 1;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced && s[i] != '\x03') out.push_back(s[i]);
  }
  return out;
}

inline std::string field(std::string_view story, std::string_view tag) {
  std::string open = "<", close = "</";  // appended, not "<" + ...: see date_of
  open.append(tag).push_back('>');
  close.append(tag).push_back('>');
  const std::size_t b = story.find(open);
  if (b == std::string_view::npos) return {};
  const std::size_t e = story.find(close, b);
  if (e == std::string_view::npos) return {};
  return unescape(story.substr(b + open.size(), e - b - open.size()));
}

inline std::string trim(std::string s) {
  const auto space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!s.empty() && space(s.back())) s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && space(s[b])) ++b;
  return s.substr(b);
}

// " 26-FEB-1987 15:01:01.79" -> "1987-02-26".
inline std::string date_of(std::string_view d) {
  static constexpr std::string_view kMonths = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";
  std::size_t i = 0;
  while (i < d.size() && d[i] == ' ') ++i;
  d.remove_prefix(i);
  const std::size_t dash = d.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash > 2 || d.size() < dash + 9 || d[dash + 4] != '-')
    return {};
  const std::size_t month = kMonths.find(d.substr(dash + 1, 3));
  if (month == std::string_view::npos || month % 3 != 0) return {};
  const int m = static_cast<int>(month / 3) + 1;
  // Appended piece by piece: GCC 12 warns (-Wrestrict, wrongly) on "literal" + std::string here.
  std::string out(d.substr(dash + 5, 4));
  out += m < 10 ? "-0" : "-";
  out += std::to_string(m);
  out += dash == 1 ? "-0" : "-";
  out += d.substr(0, dash);
  return out;
}

}  // namespace reuters_detail

// The stories with a non-empty body, in file order, at most `limit` of them (0: all).
inline std::vector<ReutersStory> reuters_stories(std::size_t limit = 0) {
  using namespace reuters_detail;
  std::vector<ReutersStory> out;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(reuters_dir(), ec))
    if (e.path().extension() == ".sgm") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    const std::string sgml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (std::size_t p = sgml.find("<REUTERS"); p != std::string::npos; p = sgml.find("<REUTERS", p)) {
      const std::size_t end = sgml.find("</REUTERS>", p);
      if (end == std::string::npos) break;
      const std::string_view story = std::string_view(sgml).substr(p, end - p);
      p = end;
      std::string body = field(story, "BODY");
      // The signature line that ends most stories is furniture, not text.
      for (std::size_t r; (r = body.find(" Reuter\n")) != std::string::npos;) body.erase(r, 7);
      body = trim(std::move(body));
      if (body.empty()) continue;
      ReutersStory s;
      const std::size_t id = story.find("NEWID=\"");
      s.id = "reuters-" + (id == std::string_view::npos
                               ? std::to_string(out.size())
                               : std::string(story.substr(id + 7, story.find('"', id + 7) - id - 7)));
      s.title = trim(field(story, "TITLE"));
      s.dct = date_of(field(story, "DATE"));
      s.text = std::move(body);
      out.push_back(std::move(s));
      if (limit > 0 && out.size() >= limit) return out;
    }
  }
  return out;
}

}  // namespace chronicle::bench
