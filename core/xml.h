// Escaping text for XML (TimeML, GraphML, SVG, HTML), shared by every writer.
//
//   std::string out;
//   append_xml_escaped(out, text, XmlContext::Text);        // <TEXT>...</TEXT>
//   out += "value=\"" + xml_escaped(v, XmlContext::Attribute) + "\"";
//
// Text content escapes & < > only: quotes are legal there, and TimeML output keeps
// the article's text as close to the input bytes as XML allows. Attribute values
// also escape " and '. Control characters other than tab, newline and carriage
// return are not allowed in XML 1.0 even as references, so they become spaces.
#pragma once

#include <string>
#include <string_view>

namespace chronicle {

enum class XmlContext { Text, Attribute };

inline void append_xml_escaped(std::string& out, std::string_view s, XmlContext context) {
  const bool attribute = context == XmlContext::Attribute;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\'':
        out += attribute ? "&apos;" : "'";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
          out += ' ';
        else
          out += c;
    }
  }
}

inline std::string xml_escaped(std::string_view s, XmlContext context) {
  std::string out;
  out.reserve(s.size());
  append_xml_escaped(out, s, context);
  return out;
}

}  // namespace chronicle
