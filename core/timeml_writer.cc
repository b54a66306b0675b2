// TimeML writer; see timeml_writer.h.
#include "core/timeml_writer.h"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace chronicle {
namespace {

void escape(std::string& out, std::string_view s, bool attribute) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"':
        if (attribute) out += "&quot;";
        else out += c;
        break;
      default:
        // Control characters other than tab/newline/CR are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') out += ' ';
        else out += c;
    }
  }
}

std::string dct_value(const TimePoint& p) {
  char buf[40];
  switch (p.granularity) {
    case TimePoint::Granularity::Year: std::snprintf(buf, sizeof buf, "%04d", p.year); break;
    case TimePoint::Granularity::Month: std::snprintf(buf, sizeof buf, "%04d-%02u", p.year, p.month); break;
    case TimePoint::Granularity::Day: std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", p.year, p.month, p.day); break;
    case TimePoint::Granularity::Minute:
      std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d", p.year, p.month, p.day, p.minute_of_day / 60,
                    p.minute_of_day % 60);
      break;
  }
  return buf;
}

struct Tag {
  Span span;
  bool timex;  // TIMEX3 (outer) or EVENT
  std::size_t index;
};

}  // namespace

std::string analysis_to_timeml(const Analysis& a) {
  const std::string& text = a.doc.text;
  const Offset size = static_cast<Offset>(text.size());
  // Choose non-crossing tags: TIMEX3s first (in order, non-overlapping), then
  // EVENTs that nest inside one TIMEX3 or lie outside all.
  std::vector<Tag> tags;
  for (std::size_t i = 0; i < a.times.size(); ++i) {
    Span s = a.times[i].span;
    if (s.end <= s.start || s.end > size) continue;
    if (!tags.empty() && s.start < tags.back().span.end) continue;
    tags.push_back({s, true, i});
  }
  const std::size_t ntimex = tags.size();
  std::vector<Tag> events;
  for (std::size_t i = 0; i < a.events.size(); ++i) {
    Span s = a.events[i].span;
    if (s.end <= s.start || s.end > size) continue;
    bool ok = true;
    for (std::size_t k = 0; k < ntimex && ok; ++k) {
      const Span& t = tags[k].span;
      const bool overlap = s.start < t.end && t.start < s.end;
      const bool inside = s.start >= t.start && s.end <= t.end;
      if (overlap && !inside) ok = false;
    }
    for (const auto& e : events)
      if (s.start < e.span.end && e.span.start < s.end) ok = false;
    if (ok) events.push_back({s, false, i});
  }
  tags.insert(tags.end(), events.begin(), events.end());
  // Opening order: by start, outer (longer, TIMEX3) first; closing by end.
  std::sort(tags.begin(), tags.end(), [](const Tag& x, const Tag& y) {
    if (x.span.start != y.span.start) return x.span.start < y.span.start;
    if (x.span.end != y.span.end) return x.span.end > y.span.end;
    return x.timex && !y.timex;
  });

  std::string out;
  out.reserve(text.size() + text.size() / 4 + 512);
  out += "<?xml version=\"1.0\" ?>\n";
  out += "<TimeML xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:noNamespaceSchemaLocation=\"http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd\">\n\n";
  out += "<DOCID>";
  escape(out, a.doc.id, false);
  out += "</DOCID>\n\n";
  if (a.doc.dct) {
    const std::string v = dct_value(*a.doc.dct);
    out += "<DCT><TIMEX3 tid=\"t0\" type=\"";
    out += a.doc.dct->granularity == TimePoint::Granularity::Minute ? "TIME" : "DATE";
    out += "\" value=\"" + v + "\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">" + v +
           "</TIMEX3></DCT>\n\n";
  }
  if (!a.doc.title.empty()) {
    out += "<TITLE>";
    escape(out, a.doc.title, false);
    out += "</TITLE>\n\n";
  }
  out += "<TEXT>";
  std::vector<const Tag*> open;  // stack
  Offset pos = 0;
  auto close_until = [&](Offset upto) {
    while (!open.empty() && open.back()->span.end <= upto) {
      Offset e = open.back()->span.end;
      escape(out, std::string_view(text).substr(pos, e - pos), false);
      pos = e;
      out += open.back()->timex ? "</TIMEX3>" : "</EVENT>";
      open.pop_back();
    }
  };
  for (const Tag& t : tags) {
    close_until(t.span.start);
    escape(out, std::string_view(text).substr(pos, t.span.start - pos), false);
    pos = t.span.start;
    if (t.timex) {
      const TimeExpr& x = a.times[t.index];
      out += "<TIMEX3 tid=\"";
      if (x.id.empty()) {
        out += 't';
        out += std::to_string(t.index + 1);
      } else {
        escape(out, x.id, true);
      }
      out += "\" type=\"";
      escape(out, x.type, true);
      out += "\" value=\"";
      escape(out, x.value, true);
      out += "\"";
      if (!x.mod.empty()) {
        out += " mod=\"";
        escape(out, x.mod, true);
        out += "\"";
      }
      out += ">";
    } else {
      const Event& ev = a.events[t.index];
      out += "<EVENT eid=\"e";
      out += std::to_string(t.index + 1);
      out += "\" class=\"";
      escape(out, ev.timeml_class.empty() ? "OCCURRENCE" : ev.timeml_class, true);
      out += "\">";
    }
    open.push_back(&t);
  }
  close_until(size);
  escape(out, std::string_view(text).substr(pos), false);
  out += "</TEXT>\n\n</TimeML>\n";
  return out;
}

}  // namespace chronicle
