#include "extract/conllu_corpus.h"

#include <charconv>
#include <fstream>
#include <sstream>

#include "core/io.h"

namespace chronicle {

namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      out.push_back(line.substr(start));
      return out;
    }
    out.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string field(std::string_view s) { return s == "_" ? std::string() : std::string(s); }

}  // namespace

std::vector<CorpusSentence> parse_conllu_corpus(std::string_view text, const std::string& name) {
  std::vector<CorpusSentence> out;
  CorpusSentence cur;
  std::vector<int> raw_heads;  // 1-based heads as read, checked at the sentence end
  std::size_t line_no = 0, sentence_line = 0;
  auto fail = [&](std::size_t line, const std::string& why) {
    throw InputError(name + ":" + std::to_string(line) + ": " + why);
  };
  auto finish = [&] {
    if (cur.tokens.empty()) {
      cur = CorpusSentence{};
      return;
    }
    const int n = static_cast<int>(cur.tokens.size());
    for (int i = 0; i < n; ++i) {
      if (raw_heads[i] < 0 || raw_heads[i] > n)
        fail(sentence_line, "head " + std::to_string(raw_heads[i]) + " outside the sentence");
      cur.tokens[i].head = raw_heads[i] - 1;
    }
    if (cur.text.empty()) {
      for (std::size_t i = 0; i < cur.tokens.size(); ++i) {
        if (i) cur.text += ' ';
        cur.text += cur.tokens[i].form;
      }
    }
    out.push_back(std::move(cur));
    cur = CorpusSentence{};
    raw_heads.clear();
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      finish();
      continue;
    }
    if (line[0] == '#') {
      if (line.starts_with("# text = ")) cur.text = std::string(line.substr(9));
      continue;
    }
    auto cols = split_tabs(line);
    if (cols.size() != 10)
      fail(line_no, "expected 10 tab-separated columns, found " + std::to_string(cols.size()));
    if (!all_digits(cols[0])) {
      if (cols[0].find('-') != std::string_view::npos || cols[0].find('.') != std::string_view::npos)
        continue;
      fail(line_no, "bad token id '" + std::string(cols[0]) + "'");
    }
    if (cur.tokens.empty()) sentence_line = line_no;
    int id = 0;
    std::from_chars(cols[0].data(), cols[0].data() + cols[0].size(), id);
    if (id != static_cast<int>(cur.tokens.size()) + 1) fail(line_no, "token ids must count 1, 2, 3, ...");
    int head = 0;
    if (cols[6] == "_") {
      head = 0;  // unannotated: attached to the root
    } else {
      if (!all_digits(cols[6])) fail(line_no, "bad head '" + std::string(cols[6]) + "'");
      auto r = std::from_chars(cols[6].data(), cols[6].data() + cols[6].size(), head);
      if (r.ec != std::errc()) fail(line_no, "bad head '" + std::string(cols[6]) + "'");
    }
    if (cols[1].empty()) fail(line_no, "empty form");
    CorpusToken t;
    t.form = std::string(cols[1]);
    t.lemma = field(cols[2]);
    if (cols[2] == "_" && cols[1] == "_") t.lemma = "_";
    t.upos = field(cols[3]);
    t.xpos = field(cols[4]);
    t.deprel = field(cols[7]);
    cur.tokens.push_back(std::move(t));
    raw_heads.push_back(head);
  }
  finish();
  return out;
}

std::vector<CorpusSentence> read_conllu_corpus(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_conllu_corpus(ss.str(), path);
}

Analysis corpus_to_analysis(const std::vector<CorpusSentence>& sentences) {
  Analysis a;
  std::string& text = a.doc.text;
  for (const CorpusSentence& s : sentences) {
    Sentence sent;
    sent.first_token = static_cast<std::uint32_t>(a.tokens.size());
    sent.span.start = static_cast<Offset>(text.size());
    for (std::size_t i = 0; i < s.tokens.size(); ++i) {
      if (i) text += ' ';
      Token t;
      t.span.start = static_cast<Offset>(text.size());
      text += s.tokens[i].form;
      t.span.end = static_cast<Offset>(text.size());
      a.tokens.push_back(std::move(t));
    }
    sent.span.end = static_cast<Offset>(text.size());
    sent.end_token = static_cast<std::uint32_t>(a.tokens.size());
    a.sentences.push_back(sent);
    text += '\n';
  }
  a.paragraphs.push_back(Paragraph{Span{0, static_cast<Offset>(text.size())}});
  return a;
}

}  // namespace chronicle
