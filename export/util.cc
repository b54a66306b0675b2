// Small helpers shared by the exporters.
#include <cctype>

#include "core/xml.h"
#include "export/formats.h"

namespace chronicle::exporter {

// Exporters write names into both attributes and text; escaping quotes everywhere is always valid.
std::string xml_escape(std::string_view s) { return xml_escaped(s, XmlContext::Attribute); }

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
