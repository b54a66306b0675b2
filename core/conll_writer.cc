#include "core/conll_writer.h"

#include <vector>

namespace chronicle {

std::string_view conll_type(std::string_view t) {
  if (t == "PERSON") return "PER";
  if (t == "ORGANIZATION") return "ORG";
  if (t == "GPE" || t == "LOCATION" || t == "FACILITY") return "LOC";
  return "MISC";
}

std::string analysis_to_conll(const Analysis& a) {
  // Tokens: the analysed ones; the given ones when nothing was analysed.
  std::vector<Span> tokens;
  for (const Token& t : a.tokens) tokens.push_back(t.span);
  if (tokens.empty()) tokens = a.doc.given_tokens;
  std::vector<bool> starts(tokens.size() + 1, false);
  if (!a.tokens.empty()) {
    for (const Sentence& s : a.sentences)
      if (s.first_token < tokens.size()) starts[s.first_token] = true;
  } else {
    for (std::uint32_t s : a.doc.given_sentence_starts)
      if (s < tokens.size()) starts[s] = true;
  }
  std::vector<std::string> tags(tokens.size(), "O");
  if (!a.tokens.empty()) {
    for (const Mention& m : a.mentions) {
      if (m.kind != Mention::Kind::Name || m.first_token >= m.end_token || m.end_token > tokens.size())
        continue;
      bool free = true;
      for (std::uint32_t i = m.first_token; i < m.end_token; ++i) free = free && tags[i] == "O";
      if (!free) continue;  // the first of overlapping names wins
      const std::string type(conll_type(m.type));
      tags[m.first_token] = "B-" + type;
      for (std::uint32_t i = m.first_token + 1; i < m.end_token; ++i) tags[i] = "I-" + type;
    }
  }
  std::string out = "-DOCSTART- O\n";
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i == 0 || starts[i]) out += '\n';
    std::string_view text = a.text(tokens[i]);
    if (text.empty()) text = "_";
    // A token never holds whitespace in CoNLL: keep the columns readable.
    for (char c : text) out += (c == ' ' || c == '\t' || c == '\n' || c == '\r') ? '_' : c;
    out += ' ';
    out += tags[i];
    out += '\n';
  }
  if (!tokens.empty()) out += '\n';
  return out;
}

}  // namespace chronicle
