// HTML articles: the text of the article body, scripts, styles and page
// chrome left out. Method: a forgiving linear scan of tags (no DOM, no
// recursion, so malformed or deeply nested pages cost linear time); the
// story region is the first <article>, else <main>, else <body>, else the
// whole page; block elements become paragraph breaks; entities are decoded.
// Title and creation time come from <meta> tags, JSON-LD, <time>, <title>, <h1>.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "core/dct.h"
#include "core/io.h"
#include "core/readers.h"
#include "core/utf8.h"

namespace chronicle::detail {
namespace {

struct NamedEntity {
  std::string_view name;
  char32_t cp;
};

constexpr std::array<NamedEntity, 40> kEntities{{
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},        {"quot", '"'},      {"apos", '\''},
    {"nbsp", 0xA0},    {"ndash", 0x2013}, {"mdash", 0x2014},  {"lsquo", 0x2018},  {"rsquo", 0x2019},
    {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"hellip", 0x2026}, {"copy", 0xA9},     {"reg", 0xAE},
    {"trade", 0x2122}, {"laquo", 0xAB},   {"raquo", 0xBB},    {"middot", 0xB7},   {"bull", 0x2022},
    {"eacute", 0xE9},  {"egrave", 0xE8},  {"aacute", 0xE1},   {"agrave", 0xE0},   {"oacute", 0xF3},
    {"iacute", 0xED},  {"uacute", 0xFA},  {"ntilde", 0xF1},   {"ouml", 0xF6},     {"uuml", 0xFC},
    {"auml", 0xE4},    {"ccedil", 0xE7},  {"szlig", 0xDF},    {"euro", 0x20AC},   {"pound", 0xA3},
    {"deg", 0xB0},     {"times", 0xD7},   {"shy", 0xAD},      {"thinsp", 0x2009}, {"zwj", 0x200D},
}};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Tag {
  std::string name;  // lower case, without '/'
  bool closing = false;
  std::size_t begin = 0, end = 0;  // of the whole tag in the page
  std::string_view attrs;
};

// Reads the tag at s[i] == '<'; returns false when it is not a tag.
bool read_tag(std::string_view s, std::size_t i, Tag& tag) {
  std::size_t j = i + 1;
  if (j >= s.size()) return false;
  if (s.substr(i, 4) == "<!--") {
    const std::size_t e = s.find("-->", i + 4);
    tag = {"!--", false, i, e == std::string_view::npos ? s.size() : e + 3, {}};
    return true;
  }
  tag.closing = s[j] == '/';
  if (tag.closing) ++j;
  if (j >= s.size() || !(std::isalpha(static_cast<unsigned char>(s[j])) || s[j] == '!' || s[j] == '?'))
    return false;
  std::size_t k = j;
  while (k < s.size() && (std::isalnum(static_cast<unsigned char>(s[k])) || s[k] == '!' || s[k] == '?' ||
                          s[k] == '-' || s[k] == ':'))
    ++k;
  tag.name = lower(s.substr(j, k - j));
  // The tag ends at the first '>' outside a quoted attribute value.
  char quote = 0;
  std::size_t e = k;
  for (; e < s.size(); ++e) {
    const char c = s[e];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      break;
    }
  }
  if (e >= s.size()) {
    // Unterminated quote: fall back to the first '>'.
    e = s.find('>', k);
    if (e == std::string_view::npos) e = s.size();
  }
  tag.begin = i;
  tag.end = std::min(e + 1, s.size());
  tag.attrs = s.substr(k, e - k);
  return true;
}

// Value of attribute `name` in a tag's attribute text ("" when absent).
std::string attribute(std::string_view attrs, std::string_view name) {
  std::size_t i = 0;
  while (i < attrs.size()) {
    while (i < attrs.size() && (std::isspace(static_cast<unsigned char>(attrs[i])) || attrs[i] == '/')) ++i;
    std::size_t k = i;
    while (k < attrs.size() && attrs[k] != '=' && !std::isspace(static_cast<unsigned char>(attrs[k])) &&
           attrs[k] != '>')
      ++k;
    const std::string key = lower(attrs.substr(i, k - i));
    while (k < attrs.size() && std::isspace(static_cast<unsigned char>(attrs[k]))) ++k;
    std::string value;
    if (k < attrs.size() && attrs[k] == '=') {
      ++k;
      while (k < attrs.size() && std::isspace(static_cast<unsigned char>(attrs[k]))) ++k;
      if (k < attrs.size() && (attrs[k] == '"' || attrs[k] == '\'')) {
        const char q = attrs[k];
        const std::size_t e = attrs.find(q, k + 1);
        value = std::string(attrs.substr(k + 1, (e == std::string_view::npos ? attrs.size() : e) - k - 1));
        k = e == std::string_view::npos ? attrs.size() : e + 1;
      } else {
        const std::size_t s = k;
        while (k < attrs.size() && !std::isspace(static_cast<unsigned char>(attrs[k]))) ++k;
        value = std::string(attrs.substr(s, k - s));
      }
    }
    if (key == name) return value;
    if (k == i) ++k;
    i = k;
  }
  return {};
}

std::string decode_all(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '&') {
      if (const std::size_t n = decode_entity(s, i, out)) {
        i += n;
        continue;
      }
    }
    out.push_back(s[i++]);
  }
  return out;
}

bool is_skipped(const std::string& n) {
  return n == "script" || n == "style" || n == "nav" || n == "header" || n == "footer" || n == "aside" ||
         n == "noscript" || n == "template" || n == "svg" || n == "form" || n == "iframe" || n == "button" ||
         n == "select" || n == "figcaption" || n == "head" || n == "menu" || n == "object";
}

bool is_block(const std::string& n) {
  static constexpr std::array<std::string_view, 30> kBlocks{
      "p",   "div", "br", "h1",    "h2", "h3",   "h4",      "h5",      "h6",         "li",
      "ul",  "ol",  "tr", "table", "td", "th",   "article", "section", "blockquote", "figure",
      "pre", "hr",  "dt", "dd",    "dl", "main", "address", "body",    "center",     "title"};
  return std::find(kBlocks.begin(), kBlocks.end(), n) != kBlocks.end();
}

// Raw-text elements: their content is not markup.
bool is_raw(const std::string& n) { return n == "script" || n == "style" || n == "textarea"; }

}  // namespace

std::size_t decode_entity(std::string_view s, std::size_t i, std::string& out) {
  const std::size_t semi = s.find(';', i + 1);
  if (semi == std::string_view::npos || semi - i > 12 || semi == i + 1) return 0;
  const std::string_view body = s.substr(i + 1, semi - i - 1);
  if (body[0] == '#') {
    char32_t cp = 0;
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    for (char c : digits) {
      int v;
      if (c >= '0' && c <= '9')
        v = c - '0';
      else if (hex && c >= 'a' && c <= 'f')
        v = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F')
        v = c - 'A' + 10;
      else
        return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v);
      if (cp > 0x10FFFF) return 0;
    }
    if (cp == 0) cp = 0xFFFD;
    utf8::append(out, cp);
    return semi - i + 1;
  }
  for (const NamedEntity& e : kEntities) {
    if (body == e.name) {
      utf8::append(out, e.cp);
      return semi - i + 1;
    }
  }
  return 0;
}

std::vector<Document> read_html(const std::string& path, std::string_view page,
                                std::vector<std::string>& warnings) {
  (void)warnings;
  Document d;
  d.id = file_stem(path);
  d.source = path;

  // Pass 1: the tags, meta data and where the story region lies.
  std::vector<Tag> tags;
  std::string title_tag, h1, og_title, og_url;
  std::vector<std::pair<std::string, std::string>> dates;  // (origin, value) in preference order found
  std::size_t region_begin = 0, region_end = page.size();
  std::size_t article_open = std::string_view::npos, article_close = std::string_view::npos;
  std::size_t main_open = std::string_view::npos, main_close = std::string_view::npos;
  std::size_t body_open = std::string_view::npos, body_close = std::string_view::npos;
  int article_depth = 0;
  for (std::size_t i = 0; i < page.size();) {
    const std::size_t lt = page.find('<', i);
    if (lt == std::string_view::npos) break;
    Tag tag;
    if (!read_tag(page, lt, tag)) {
      i = lt + 1;
      continue;
    }
    i = tag.end;
    if (!tag.closing && is_raw(tag.name)) {
      // Skip to the matching end tag; JSON-LD carries the publication date.
      const std::string close = "</" + tag.name;
      std::size_t e = i;
      while (e < page.size()) {
        e = page.find("</", e);
        if (e == std::string_view::npos) break;
        if (lower(page.substr(e, close.size())) == close) break;
        e += 2;
      }
      if (e == std::string_view::npos) e = page.size();
      const std::string_view body = page.substr(i, e - i);
      if (tag.name == "script" && lower(attribute(tag.attrs, "type")) == "application/ld+json") {
        const std::size_t p = body.find("\"datePublished\"");
        if (p != std::string_view::npos) {
          const std::size_t q1 = body.find('"', body.find(':', p + 15));
          const std::size_t q2 = q1 == std::string_view::npos ? q1 : body.find('"', q1 + 1);
          if (q2 != std::string_view::npos)
            dates.emplace_back("json-ld", std::string(body.substr(q1 + 1, q2 - q1 - 1)));
        }
      }
      tags.push_back(tag);
      Tag end_tag;
      if (e < page.size() && read_tag(page, e, end_tag)) {
        tags.push_back(end_tag);
        i = end_tag.end;
      } else {
        i = page.size();
      }
      continue;
    }
    if (tag.name == "meta") {
      std::string key = lower(attribute(tag.attrs, "property"));
      if (key.empty()) key = lower(attribute(tag.attrs, "name"));
      if (key.empty()) key = lower(attribute(tag.attrs, "itemprop"));
      const std::string content = decode_all(attribute(tag.attrs, "content"));
      if (key == "og:title" || key == "twitter:title") {
        if (og_title.empty()) og_title = content;
      } else if (key == "og:url") {
        og_url = content;
      } else if (key == "article:published_time" || key == "og:published_time" || key == "datepublished" ||
                 key == "pubdate" || key == "publishdate" || key == "publish-date" || key == "date" ||
                 key == "dc.date.issued" || key == "dc.date" || key == "sailthru.date" ||
                 key == "parsely-pub-date" || key == "article.published" || key == "dcterms.created") {
        dates.emplace_back(key, content);
      } else if (key == "article:modified_time" || key == "og:updated_time" || key == "datemodified") {
        d.metadata.emplace("updated", content);
      } else if (key == "keywords" || key == "news_keywords") {
        d.metadata.emplace("tags", content);
      } else if (key == "author" || key == "article:author") {
        d.metadata.emplace("author", content);
      }
    } else if (tag.name == "time" && !tag.closing) {
      const std::string dt = attribute(tag.attrs, "datetime");
      if (!dt.empty()) dates.emplace_back("time", dt);
    } else if (tag.name == "article") {
      if (!tag.closing) {
        if (article_open == std::string_view::npos) article_open = tag.end;
        ++article_depth;
      } else if (article_depth > 0 && --article_depth == 0 && article_close == std::string_view::npos) {
        article_close = tag.begin;
      }
    } else if (tag.name == "main") {
      if (!tag.closing && main_open == std::string_view::npos)
        main_open = tag.end;
      else if (tag.closing && main_close == std::string_view::npos)
        main_close = tag.begin;
    } else if (tag.name == "body") {
      if (!tag.closing && body_open == std::string_view::npos)
        body_open = tag.end;
      else if (tag.closing)
        body_close = tag.begin;
    }
    tags.push_back(std::move(tag));
  }
  if (article_open != std::string_view::npos) {
    region_begin = article_open;
    region_end = article_close == std::string_view::npos ? page.size() : article_close;
  } else if (main_open != std::string_view::npos) {
    region_begin = main_open;
    region_end = main_close == std::string_view::npos || main_close < main_open ? page.size() : main_close;
  } else if (body_open != std::string_view::npos) {
    region_begin = body_open;
    region_end = body_close == std::string_view::npos || body_close < body_open ? page.size() : body_close;
  }

  // Pass 2: text of the region, skipping chrome; <title> and <h1> are read anywhere.
  std::string text;
  text.reserve(region_end - region_begin);
  bool pending_break = false, pending_space = false;
  int skip_depth = 0;
  std::string skip_name;
  enum class Capture { None, Title, H1 } capture = Capture::None;
  std::string captured;
  auto emit = [&](std::string_view chunk) {
    for (std::size_t i = 0; i < chunk.size();) {
      const unsigned char c = static_cast<unsigned char>(chunk[i]);
      if (std::isspace(c)) {
        pending_space = true;
        ++i;
        continue;
      }
      if (!text.empty()) {
        if (pending_break)
          text += "\n\n";
        else if (pending_space)
          text += ' ';
      }
      pending_break = pending_space = false;
      if (c == '&') {
        if (const std::size_t n = decode_entity(chunk, i, text)) {
          // A decoded no-break space stays in the text, as the page has it.
          i += n;
          continue;
        }
      }
      text.push_back(chunk[i++]);
    }
  };
  std::size_t pos = 0;
  for (const Tag& tag : tags) {
    if (tag.begin < pos) continue;
    const std::string_view between = page.substr(pos, tag.begin - pos);
    const bool in_region = pos >= region_begin && tag.begin <= region_end;
    if (capture != Capture::None) captured.append(between);
    if (skip_depth == 0 && in_region) emit(between);
    pos = tag.end;
    if (tag.name == "title") {
      if (!tag.closing)
        capture = Capture::Title, captured.clear();
      else if (capture == Capture::Title)
        title_tag = decode_all(captured), capture = Capture::None;
    } else if (tag.name == "h1") {
      if (!tag.closing && h1.empty())
        capture = Capture::H1, captured.clear();
      else if (tag.closing && capture == Capture::H1)
        h1 = decode_all(captured), capture = Capture::None;
    }
    if (is_skipped(tag.name) && tag.name != "head") {
      if (!tag.closing) {
        if (skip_depth == 0) skip_name = tag.name;
        if (tag.name == skip_name) ++skip_depth;
      } else if (skip_depth > 0 && tag.name == skip_name) {
        --skip_depth;
      }
    }
    if (is_block(tag.name) && !text.empty()) pending_break = true;
  }
  if (pos < region_end && skip_depth == 0)
    emit(page.substr(std::max(pos, region_begin), region_end - std::max(pos, region_begin)));
  d.text = std::move(text);

  auto clean = [](std::string s) {
    std::string out;
    bool space = false;
    for (char c : s) {
      if (std::isspace(static_cast<unsigned char>(c))) {
        space = !out.empty();
      } else {
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c);
      }
    }
    return out;
  };
  d.title = clean(!og_title.empty() ? og_title : !h1.empty() ? h1 : title_tag);
  if (!og_url.empty()) d.metadata.emplace("url", og_url);
  for (const auto& [origin, value] : dates) {
    if (auto tp = parse_date_time(value)) {
      d.dct = tp;
      d.dct_origin = "html:" + origin;
      d.metadata.emplace("published", value);
      break;
    }
  }
  find_furniture(d);
  if (d.text.empty()) throw InputError(path + ": no text in the HTML body");
  std::vector<Document> docs;
  docs.push_back(std::move(d));
  return docs;
}

}  // namespace chronicle::detail
