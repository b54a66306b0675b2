// CoNLL-2003 and CoNLL-U input: the given tokens and sentences are kept
// exactly. The document text is built from them: tokens joined by a space,
// sentences by a newline, paragraphs (CoNLL-U "# newpar") by a blank line;
// Document::given_tokens and given_sentence_starts point into it.
// A malformed line is skipped with a warning naming file and line.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/io.h"
#include "core/readers.h"

namespace chronicle::detail {
namespace {

struct Builder {
  std::string path;
  std::vector<Document> docs;
  Document cur;
  bool in_sentence = false;
  bool new_paragraph = false;
  int doc_index = 0;

  void start_doc(std::string id) {
    finish_doc();
    cur = Document{};
    cur.id = std::move(id);
    cur.source = path;
  }
  void finish_sentence() { in_sentence = false; }
  void add_token(std::string_view form) {
    if (cur.id.empty()) {
      ++doc_index;
      cur.id = file_stem(path);
      if (doc_index > 1) {
        cur.id += '-';
        cur.id += std::to_string(doc_index);
      }
      cur.source = path;
    }
    if (!in_sentence) {
      if (!cur.text.empty()) cur.text += new_paragraph ? "\n\n" : "\n";
      new_paragraph = false;
      cur.given_sentence_starts.push_back(static_cast<std::uint32_t>(cur.given_tokens.size()));
      in_sentence = true;
    } else {
      cur.text.push_back(' ');
    }
    const auto start = static_cast<Offset>(cur.text.size());
    cur.text.append(form);
    cur.given_tokens.push_back({start, static_cast<Offset>(cur.text.size())});
  }
  void finish_doc() {
    in_sentence = false;
    new_paragraph = false;
    if (!cur.given_tokens.empty()) docs.push_back(std::move(cur));
    cur = Document{};
  }
};

std::string_view trim_value(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// "# key = value" -> value when the comment has that key.
std::optional<std::string_view> comment_value(std::string_view line, std::string_view key) {
  std::string_view rest = trim_value(line.substr(1));
  if (!rest.starts_with(key)) return std::nullopt;
  rest = trim_value(rest.substr(key.size()));
  if (rest.empty()) return std::string_view{};
  if (rest[0] != '=') return std::nullopt;
  return trim_value(rest.substr(1));
}

}  // namespace

std::vector<Document> read_conll(const std::string& path, std::string_view content, bool conllu,
                                 std::vector<std::string>& warnings) {
  Builder b;
  b.path = path;
  std::size_t line_no = 0, skipped = 0;
  for (std::size_t i = 0; i <= content.size();) {
    std::size_t e = content.find('\n', i);
    if (e == std::string_view::npos) e = content.size();
    std::string_view line = content.substr(i, e - i);
    i = e + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto skip = [&](const std::string& why) {
      if (++skipped <= 20)
        warnings.push_back(path + ":" + std::to_string(line_no) + ": " + why + "; line skipped");
    };
    if (trim_value(line).empty()) {
      b.finish_sentence();
      if (e == content.size()) break;
      continue;
    }
    if (conllu) {
      if (line[0] == '#') {
        if (auto id = comment_value(line, "newdoc id")) {
          b.start_doc(std::string(*id));
        } else if (comment_value(line, "newdoc")) {
          b.start_doc(file_stem(path) + "-" + std::to_string(b.docs.size() + 1));
        } else if (comment_value(line, "newpar")) {
          b.new_paragraph = true;
        } else if (auto t = comment_value(line, "meta::title"); t && b.cur.title.empty()) {
          b.cur.title = std::string(*t);
        } else if (auto t2 = comment_value(line, "title"); t2 && b.cur.title.empty()) {
          b.cur.title = std::string(*t2);
        } else if (auto dc = comment_value(line, "meta::dateCreated"); dc && !b.cur.dct) {
          if (auto tp = parse_date_time(*dc)) {
            b.cur.dct = tp;
            b.cur.dct_origin = "conllu";
          }
        }
        continue;
      }
      // ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC
      const std::size_t tab1 = line.find('\t');
      if (tab1 == std::string_view::npos || std::count(line.begin(), line.end(), '\t') != 9) {
        skip("expected 10 tab-separated columns");
        continue;
      }
      const std::string_view id = line.substr(0, tab1);
      if (id.find('-') != std::string_view::npos || id.find('.') != std::string_view::npos) continue;
      if (id.empty() || !std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        skip("bad token id \"" + std::string(id.substr(0, 20)) + "\"");
        continue;
      }
      const std::size_t tab2 = line.find('\t', tab1 + 1);
      const std::string_view form = line.substr(tab1 + 1, tab2 - tab1 - 1);
      if (form.find_first_not_of(' ') == std::string_view::npos) {
        skip("empty FORM");
        continue;
      }
      b.add_token(form);
    } else {
      if (line.starts_with("-DOCSTART-")) {
        b.finish_doc();
        ++b.doc_index;
        b.cur.id = file_stem(path) + "-" + std::to_string(b.doc_index);
        b.cur.source = path;
        continue;
      }
      if (line[0] == ' ' || line[0] == '\t') {
        skip("line starts with whitespace (no token in the first column)");
        continue;
      }
      const std::size_t end = line.find_first_of(" \t");
      b.add_token(line.substr(0, end));
    }
  }
  b.finish_doc();
  if (skipped > 20)
    warnings.push_back(path + ": " + std::to_string(skipped) + " malformed lines skipped in all");
  if (b.docs.empty())
    throw InputError(path + ": no tokens found (not " + (conllu ? "CoNLL-U" : "CoNLL") + "?)");
  return std::move(b.docs);
}

}  // namespace chronicle::detail
