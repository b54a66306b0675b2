// TempEval-3 style TimeML: <DOCID>, <DCT><TIMEX3 ... value=...>, <TITLE>,
// <TEXT>. The document text is the content of <TEXT> with inline tags
// removed and the five XML entities and character references decoded;
// everything between tags is kept exactly. Hostile XML is refused rather
// than interpreted: a DOCTYPE with an internal subset or entity declarations
// is an error, custom entities are never expanded (kept literally, with a
// warning), and the scan is linear with no nesting stack to overflow.
#include <string>
#include <string_view>
#include <vector>

#include "core/io.h"
#include "core/readers.h"

namespace chronicle::detail {
namespace {

std::size_t line_of(std::string_view s, std::size_t pos) {
  std::size_t n = 1;
  for (std::size_t i = 0; i < pos && i < s.size(); ++i) n += s[i] == '\n';
  return n;
}

// Content of the first <name ...>...</name> element, or nullopt; `at` gets its start.
std::optional<std::string_view> element(std::string_view s, std::string_view name, std::size_t& at) {
  std::string open = "<";
  open += name;
  std::size_t p = 0;
  while ((p = s.find(open, p)) != std::string_view::npos) {
    const std::size_t after = p + open.size();
    if (after < s.size() && (s[after] == '>' || s[after] == ' ' || s[after] == '\t' || s[after] == '\n'))
      break;
    p = after;
  }
  if (p == std::string_view::npos) return std::nullopt;
  const std::size_t gt = s.find('>', p);
  if (gt == std::string_view::npos) return std::nullopt;
  std::string end_tag = "</";
  end_tag += name;
  end_tag += '>';
  const std::size_t close = s.find(end_tag, gt + 1);
  if (close == std::string_view::npos) return std::nullopt;
  at = gt + 1;
  return s.substr(gt + 1, close - gt - 1);
}

std::string attribute(std::string_view tag, std::string_view name) {
  std::string key(name);
  key += '=';
  std::size_t p = 0;
  while ((p = tag.find(key, p)) != std::string_view::npos) {
    if (p == 0 || tag[p - 1] == ' ' || tag[p - 1] == '\t' || tag[p - 1] == '\n') break;
    p += key.size();
  }
  if (p == std::string_view::npos || p + key.size() >= tag.size()) return {};
  const char q = tag[p + key.size()];
  if (q != '"' && q != '\'') return {};
  const std::size_t e = tag.find(q, p + key.size() + 1);
  if (e == std::string_view::npos) return {};
  return std::string(tag.substr(p + key.size() + 1, e - p - key.size() - 1));
}

}  // namespace

std::vector<Document> read_timeml(const std::string& path, std::string_view s,
                                  std::vector<std::string>& warnings) {
  // Entity declarations are how "billion laughs" and external-entity attacks start.
  if (const std::size_t dt = s.find("<!DOCTYPE"); dt != std::string_view::npos) {
    const std::size_t gt = s.find('>', dt);
    const std::string_view decl =
        s.substr(dt, gt == std::string_view::npos ? std::string_view::npos : gt - dt);
    if (decl.find('[') != std::string_view::npos || s.find("<!ENTITY") != std::string_view::npos)
      throw InputError(path + ":" + std::to_string(line_of(s, dt)) +
                       ": DOCTYPE with entity declarations is not accepted in TimeML input");
  }
  if (const std::size_t ent = s.find("<!ENTITY"); ent != std::string_view::npos)
    throw InputError(path + ":" + std::to_string(line_of(s, ent)) + ": entity declarations are not accepted");

  std::size_t text_at = 0;
  const auto body = element(s, "TEXT", text_at);
  if (!body) {
    if (s.find("<TEXT") != std::string_view::npos)
      throw InputError(path + ":" + std::to_string(line_of(s, s.find("<TEXT"))) +
                       ": <TEXT> element is not closed");
    throw InputError(path + ": no <TEXT> element (not TimeML?)");
  }
  Document d;
  d.source = path;
  std::size_t at = 0;
  if (auto id = element(s, "DOCID", at)) d.id = std::string(*id);
  while (!d.id.empty() && (d.id.back() == ' ' || d.id.back() == '\n')) d.id.pop_back();
  while (!d.id.empty() && (d.id.front() == ' ' || d.id.front() == '\n')) d.id.erase(0, 1);
  if (d.id.empty()) d.id = file_stem(path);
  if (auto title = element(s, "TITLE", at)) {
    std::string t;
    for (char c : *title) {
      if (c == '\n' || c == '\t') c = ' ';
      if (!(c == ' ' && (t.empty() || t.back() == ' '))) t.push_back(c);
    }
    while (!t.empty() && t.back() == ' ') t.pop_back();
    d.title = t;
  }
  if (auto dct = element(s, "DCT", at)) {
    const std::size_t p = dct->find("<TIMEX3");
    if (p != std::string_view::npos) {
      const std::size_t gt = dct->find('>', p);
      const std::string value = attribute(dct->substr(p, gt - p), "value");
      if (auto tp = parse_date_time(value)) {
        d.dct = tp;
        d.dct_origin = "timeml";
        d.metadata.emplace("dct", value);
      } else {
        warnings.push_back(path + ":" + std::to_string(line_of(s, at)) + ": cannot read DCT value \"" +
                           value + "\"");
      }
    }
  }

  // Strip tags, decode entities.
  const std::string_view t = *body;
  std::string text;
  text.reserve(t.size());
  std::size_t unknown_entities = 0;
  for (std::size_t i = 0; i < t.size();) {
    const char c = t[i];
    if (c == '<') {
      std::size_t gt = t.find('>', i);
      if (gt == std::string_view::npos)
        throw InputError(path + ":" + std::to_string(line_of(s, text_at + i)) +
                         ": unterminated tag in <TEXT>");
      if (t.substr(i, 4) == "<!--") {
        const std::size_t e = t.find("-->", i);
        gt = e == std::string_view::npos ? t.size() - 1 : e + 2;
      } else if (t.substr(i, 9) == "<![CDATA[") {
        const std::size_t e = t.find("]]>", i);
        const std::size_t end = e == std::string_view::npos ? t.size() : e;
        text.append(t.substr(i + 9, end - i - 9));
        i = e == std::string_view::npos ? t.size() : e + 3;
        continue;
      }
      i = gt + 1;
      continue;
    }
    if (c == '&') {
      if (const std::size_t n = decode_entity(t, i, text)) {
        i += n;
        continue;
      }
      if (++unknown_entities == 1)
        warnings.push_back(path + ":" + std::to_string(line_of(s, text_at + i)) +
                           ": unknown entity kept as written (custom entities are not expanded)");
    }
    text.push_back(c);
    ++i;
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) throw InputError(path + ": <TEXT> is empty");
  d.text = std::move(text);
  std::vector<Document> docs;
  docs.push_back(std::move(d));
  return docs;
}

}  // namespace chronicle::detail
