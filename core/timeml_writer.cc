// TimeML writer; see timeml_writer.h.
#include "core/timeml_writer.h"

#include <algorithm>
#include <vector>

#include "core/xml.h"

namespace chronicle {
namespace {

struct Tag {
  Span span;
  bool timex;  // TIMEX3 (outer) or EVENT
  std::size_t index;
  bool interval_end = false;  // the end of an interval written apart: value = end
};

// An interval whose ends are written apart ("between 1994 and 1997") is one
// time in the analysis; TimeML has no TIMEX3 for it and tags the two ends.
bool written_apart(const TimeExpr& t) {
  const Span &b = t.begin_span, &e = t.end_span;
  return !t.end.empty() && b.end > b.start && e.end > e.start && b.start >= t.span.start &&
         b.end <= e.start && e.end <= t.span.end;
}

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
    if (written_apart(a.times[i])) {
      tags.push_back({a.times[i].begin_span, true, i});
      tags.push_back({a.times[i].end_span, true, i, true});
      continue;
    }
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
  out +=
      "<TimeML xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:noNamespaceSchemaLocation=\"http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd\">\n\n";
  out += "<DOCID>";
  append_xml_escaped(out, a.doc.id, XmlContext::Text);
  out += "</DOCID>\n\n";
  if (a.doc.dct) {
    const std::string v = a.doc.dct->timex();
    out += "<DCT><TIMEX3 tid=\"t0\" type=\"";
    out += a.doc.dct->granularity == TimePoint::Granularity::Minute ? "TIME" : "DATE";
    out += "\" value=\"" + v + "\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">" + v +
           "</TIMEX3></DCT>\n\n";
  }
  if (!a.doc.title.empty()) {
    out += "<TITLE>";
    append_xml_escaped(out, a.doc.title, XmlContext::Text);
    out += "</TITLE>\n\n";
  }
  out += "<TEXT>";
  std::vector<const Tag*> open;  // stack
  Offset pos = 0;
  auto close_until = [&](Offset upto) {
    while (!open.empty() && open.back()->span.end <= upto) {
      Offset e = open.back()->span.end;
      append_xml_escaped(out, std::string_view(text).substr(pos, e - pos), XmlContext::Text);
      pos = e;
      out += open.back()->timex ? "</TIMEX3>" : "</EVENT>";
      open.pop_back();
    }
  };
  for (const Tag& t : tags) {
    close_until(t.span.start);
    append_xml_escaped(out, std::string_view(text).substr(pos, t.span.start - pos), XmlContext::Text);
    pos = t.span.start;
    if (t.timex) {
      const TimeExpr& x = a.times[t.index];
      out += "<TIMEX3 tid=\"";
      if (x.id.empty()) {
        out += 't';
        out += std::to_string(t.index + 1);
      } else {
        append_xml_escaped(out, x.id, XmlContext::Attribute);
      }
      if (t.interval_end) out += "_end";
      out += "\" type=\"";
      append_xml_escaped(out, x.type, XmlContext::Attribute);
      out += "\" value=\"";
      append_xml_escaped(out, t.interval_end ? x.end : x.value, XmlContext::Attribute);
      out += "\"";
      if (!x.mod.empty()) {
        out += " mod=\"";
        append_xml_escaped(out, x.mod, XmlContext::Attribute);
        out += "\"";
      }
      out += ">";
    } else {
      const Event& ev = a.events[t.index];
      out += "<EVENT eid=\"e";
      out += std::to_string(t.index + 1);
      out += "\" class=\"";
      append_xml_escaped(out, ev.timeml_class.empty() ? "OCCURRENCE" : ev.timeml_class,
                         XmlContext::Attribute);
      out += "\">";
    }
    open.push_back(&t);
  }
  close_until(size);
  append_xml_escaped(out, std::string_view(text).substr(pos), XmlContext::Text);
  out += "</TEXT>\n\n</TimeML>\n";
  return out;
}

}  // namespace chronicle
