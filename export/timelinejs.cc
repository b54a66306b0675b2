// Timeline JSON: TimelineJS3's format (https://timeline.knightlab.com/docs/json-format.html) and
// Chronicle's own flat event list. TimelineJS dates are {year, month, day} strings carrying only
// the parts that are known, so "2016-10" shows as October 2016; spans (weeks, quarters, seasons,
// decades, intervals) get an end_date.
#include <cctype>
#include <cstdio>
#include <set>

#include "export/formats.h"
#include "export/json_util.h"

namespace chronicle::exporter {
namespace {

void date_object(JsonWriter& w, const char* key, const Ymd& d, Precision p) {
  w.Key(key);
  w.StartObject();
  put(w, "year", std::to_string(d.year));
  if (p != Precision::Year && p != Precision::Decade && p != Precision::Century) {
    put(w, "month", std::to_string(d.month));
    if (p == Precision::Day || p == Precision::Time || p == Precision::Week)
      put(w, "day", std::to_string(d.day));
  }
  w.EndObject();
}

// The precision TimelineJS can show for the first or last unit of a span.
Precision shown(Precision p) {
  switch (p) {
    case Precision::Season:
    case Precision::Quarter:
    case Precision::Half:
      return Precision::Month;
    case Precision::Decade:
    case Precision::Century:
      return Precision::Year;
    default:
      return p;
  }
}

// True when one TimelineJS date cannot say the whole span (a week, quarter, season, decade).
bool needs_end(Precision p) { return shown(p) != p || p == Precision::Week; }

// Start of a span's last unit, in the span's shown precision.
Ymd last_unit(const DateSpan& s) { return civil(s.end - 1); }

std::string unique_id(const std::string& id, std::set<std::string>& used) {
  std::string out = "ev-";
  for (char c : id) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
  std::string candidate = out;
  for (int k = 2; !used.insert(candidate).second; ++k) candidate = out + "-" + std::to_string(k);
  return candidate;
}

std::string html_text(const TimelineEntry& e) {
  std::string t;
  if (!e.text.empty()) t += "<p>" + xml_escape(e.text) + "</p>";
  std::string facts;
  if (!e.actors.empty()) facts += "Actors: " + xml_escape(join(e.actors, ", "));
  if (!e.places.empty())
    facts += std::string(facts.empty() ? "" : "; ") + "Places: " + xml_escape(join(e.places, ", "));
  facts += std::string(facts.empty() ? "" : "; ") + "Date: " + xml_escape(e.date_text());
  if (!e.cameo.empty()) facts += "; CAMEO " + xml_escape(e.cameo);
  if (e.sources > 0) facts += "; " + std::to_string(e.sources) + " source(s)";
  return t + "<p>" + facts + "</p>";
}

}  // namespace

void write_timelinejs(const Timeline& t, std::ostream& out) {
  rapidjson::OStreamWrapper os(out);
  JsonWriter w(os);
  w.SetIndent(' ', 1);
  w.StartObject();
  w.Key("title");
  w.StartObject();
  w.Key("text");
  w.StartObject();
  put(w, "headline", t.title);
  put(w, "text",
      "<p>" + std::to_string(t.entries.size()) + " dated events, " + std::to_string(t.lanes.size()) +
          " actors, read from news articles by Chronicle.</p>");
  w.EndObject();
  w.EndObject();
  w.Key("events");
  w.StartArray();
  std::set<std::string> used;
  for (const auto& e : t.entries) {
    w.StartObject();
    const Precision sp = e.start.precision;
    date_object(w, "start_date", civil(e.start.begin), shown(sp));
    if (e.end) {
      date_object(w, "end_date", last_unit(*e.end), shown(e.end->precision));
    } else if (needs_end(sp)) {
      date_object(w, "end_date", last_unit(e.start), shown(sp));
    }
    put(w, "display_date", e.date_text());
    w.Key("text");
    w.StartObject();
    put(w, "headline", e.headline);
    put(w, "text", html_text(e));
    w.EndObject();
    put(w, "group", e.lane);
    put(w, "unique_id", unique_id(e.id, used));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  os.Flush();
  out << '\n';
}

void write_timeline_json(const Timeline& t, std::ostream& out) {
  rapidjson::OStreamWrapper os(out);
  JsonWriter w(os);
  w.SetIndent(' ', 1);
  auto iso = [](std::int64_t day) {
    Ymd d = civil(day);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return std::string(buf);
  };
  w.StartObject();
  put(w, "title", t.title);
  w.Key("events");
  w.StartArray();
  for (const auto& e : t.entries) {
    w.StartObject();
    put(w, "id", e.id);
    put(w, "headline", e.headline);
    put(w, "date", e.start.value);
    put_nonempty(w, "end", e.end ? e.end->value : "");
    put(w, "precision", to_string(e.start.precision));
    put(w, "first_day", iso(e.begin_day()));
    put(w, "last_day", iso(e.end_day() - 1));
    put(w, "lane", e.lane);
    w.Key("actors");
    w.StartArray();
    for (const auto& a : e.actors) str(w, a);
    w.EndArray();
    w.Key("places");
    w.StartArray();
    for (const auto& p : e.places) str(w, p);
    w.EndArray();
    put_nonempty(w, "type", e.type);
    put_nonempty(w, "cameo", e.cameo);
    put_int(w, "quad_class", e.quad_class);
    put_int(w, "sources", e.sources);
    put_nonempty(w, "text", e.text);
    w.EndObject();
  }
  w.EndArray();
  w.Key("undated");
  w.StartArray();
  for (const auto& u : t.undated) str(w, u);
  w.EndArray();
  w.EndObject();
  os.Flush();
  out << '\n';
}

}  // namespace chronicle::exporter
