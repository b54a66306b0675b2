// Small helpers shared by the exporters.
#include <cctype>

#include "export/formats.h"

namespace chronicle::exporter {

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
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
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 forbids most control characters even when escaped: keep tab/newline only.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

KindStyle style_of(NodeKind k) {
  // Colour-blind-safe pairs (Okabe-Ito hues, lightened for fills so black labels stay readable).
  switch (k) {
    case NodeKind::Actor:
      return {"#a6cee3", "#1f78b4", "ellipse", "ellipse"};
    case NodeKind::Place:
      return {"#b2df8a", "#33a02c", "house", "hexagon"};
    case NodeKind::Event:
      return {"#fdbf6f", "#e66101", "box", "roundrectangle"};
    case NodeKind::Document:
      return {"#e0e0e0", "#757575", "note", "rectangle"};
  }
  return {"#ffffff", "#000000", "ellipse", "ellipse"};
}

}  // namespace chronicle::exporter
