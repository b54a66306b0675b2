#include "core/conllu_writer.h"

namespace chronicle {

namespace {

// A CoNLL-U field may hold no tab or newline, and may not be empty.
void put_field(std::string& out, std::string_view s) {
  if (s.empty()) {
    out += '_';
    return;
  }
  for (char c : s) out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
}

// The sentence text for "# text": its bytes with newlines folded to spaces.
void put_text(std::string& out, std::string_view s) {
  for (char c : s) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
}

}  // namespace

std::string analysis_to_conllu(const Analysis& a) {
  std::string out;
  if (!a.doc.id.empty()) {
    out += "# newdoc id = ";
    put_text(out, a.doc.id);
    out += '\n';
  }
  std::size_t sent_no = 0;
  for (const Sentence& s : a.sentences) {
    if (s.end_token <= s.first_token || s.end_token > a.tokens.size()) continue;
    ++sent_no;
    out += "# sent_id = " + std::to_string(sent_no) + "\n# text = ";
    Span span{a.tokens[s.first_token].span.start, a.tokens[s.end_token - 1].span.end};
    put_text(out, a.text(span));
    out += '\n';
    for (std::uint32_t i = s.first_token; i < s.end_token; ++i) {
      const Token& t = a.tokens[i];
      out += std::to_string(i - s.first_token + 1);
      out += '\t';
      put_field(out, a.text(t));
      out += '\t';
      put_field(out, t.lemma);
      out += '\t';
      put_field(out, t.upos);
      out += '\t';
      put_field(out, t.xpos);
      out += "\t_\t";
      if (t.deprel.empty()) {
        out += '_';
      } else if (t.head < static_cast<int>(s.first_token) || t.head >= static_cast<int>(s.end_token)) {
        out += '0';
      } else {
        out += std::to_string(t.head - static_cast<int>(s.first_token) + 1);
      }
      out += '\t';
      put_field(out, t.deprel);
      out += "\t_\t";
      bool space_after = t.span.end >= a.doc.text.size() || a.doc.text[t.span.end] == ' ' ||
                         a.doc.text[t.span.end] == '\n' || a.doc.text[t.span.end] == '\t' ||
                         a.doc.text[t.span.end] == '\r';
      out += space_after ? "_" : "SpaceAfter=No";
      out += '\n';
    }
    out += '\n';
  }
  return out;
}

}  // namespace chronicle
