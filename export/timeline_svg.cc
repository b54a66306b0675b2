// The timeline drawing: one lane per actor, time running left to right.
//
// Method. The time scale is linear over the events' days, padded a little. Ticks come from the
// smallest calendar unit (day, month, quarter, half-year, year, 2/5/10/... years) that leaves
// about 90 px per label, with a finer unit as minor ticks when it has room. Each event is drawn
// by what is known of its date: a dot for a known day, a dashed box over the whole week, month
// or year when only that is known, a solid bar for an interval. Labels sit under their marks;
// within a lane, marks with their labels are packed into rows greedily in time order (interval
// partitioning: a label goes into the first row whose last label ends before it starts), so
// labels never overlap however dense the events. Text widths are estimated from Helvetica-like
// character classes with a safety margin, so no font is needed. With many actors, the lanes
// beyond the busiest ones merge into "Other actors" so 500 events stay readable.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <sstream>

#include "export/formats.h"

namespace chronicle::exporter {
namespace {

constexpr double kFont = 12;  // label font size, px
constexpr double kRow = 34;   // one row of marks + labels
constexpr double kLanePad = 8;
constexpr int kMaxLanes = 24;
constexpr std::size_t kMaxLabel = 64;  // bytes of headline shown; the full text is in <title>
const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Approximate advance width of UTF-8 text. The classes follow DejaVu Sans, the widest of the
// usual sans-serif fallbacks, so that labels measured here never overlap in Helvetica or Arial.
double text_width(std::string_view s, double size) {
  double em = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      if ((c & 0xC0) != 0x80) em += 0.65;  // count each code point once
      continue;
    }
    if (c == ' ')
      em += 0.32;
    else if (std::strchr("iljtfr.,;:'!|()[]", c))
      em += 0.36;
    else if (std::strchr("mwMW@%", c))
      em += 0.95;
    else if (std::isupper(c))
      em += 0.74;
    else if (std::isdigit(c))
      em += 0.64;
    else
      em += 0.62;
  }
  return em * size + 2;
}

// Cuts UTF-8 text to at most `max` bytes at a code-point boundary, adding an ellipsis.
std::string shorten(const std::string& s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  std::size_t space = s.rfind(' ', cut);
  if (space != std::string::npos && space > max / 2) cut = space;
  return s.substr(0, cut) + "\xE2\x80\xA6";
}

const char* quad_colour(int quad) {
  switch (quad) {
    case 1:
      return "#0072B2";  // verbal cooperation
    case 2:
      return "#009E73";  // material cooperation
    case 3:
      return "#E69F00";  // verbal conflict
    case 4:
      return "#D55E00";  // material conflict
    default:
      return "#555555";
  }
}
const char* quad_name(int quad) {
  switch (quad) {
    case 1:
      return "verbal cooperation";
    case 2:
      return "material cooperation";
    case 3:
      return "verbal conflict";
    case 4:
      return "material conflict";
    default:
      return "event (no CAMEO class)";
  }
}

std::string fmt(double v) {
  std::ostringstream o;
  o.imbue(std::locale::classic());
  o.setf(std::ios::fixed);
  o.precision(1);
  o << v;
  return o.str();
}

// Calendar tick units, finest first: (months per step) or (days per step) when months == 0.
struct Unit {
  int days;
  int months;
};
constexpr Unit kUnits[] = {{1, 0},  {7, 0},   {0, 1},   {0, 3},   {0, 6},    {0, 12},   {0, 24},
                           {0, 60}, {0, 120}, {0, 240}, {0, 600}, {0, 1200}, {0, 2400}, {0, 6000}};

double average_step(const Unit& u) { return u.months ? u.months * 30.44 : u.days; }

// Tick days of `u` within [lo, hi].
std::vector<std::int64_t> ticks(const Unit& u, std::int64_t lo, std::int64_t hi) {
  std::vector<std::int64_t> out;
  if (u.months == 0) {
    std::int64_t start = lo;
    if (u.days == 7) {  // Mondays
      Ymd d = civil(lo);
      std::int64_t wd = (days_from_civil(d.year, d.month, d.day) + 3) % 7;  // 1970-01-01 was a Thursday
      start = lo - wd + (wd ? 7 : 0);
    }
    for (std::int64_t d = start; d <= hi; d += u.days) out.push_back(d);
    return out;
  }
  Ymd d = civil(lo);
  long long m = static_cast<long long>(d.year) * 12 + (d.month - 1);
  m = ((m + u.months - 1) / u.months) * u.months;  // first multiple at or after lo's month
  if (days_from_civil(static_cast<int>(m / 12), static_cast<int>(m % 12) + 1, 1) < lo) m += u.months;
  for (;; m += u.months) {
    std::int64_t day = days_from_civil(static_cast<int>(m / 12), static_cast<int>(m % 12) + 1, 1);
    if (day > hi) break;
    out.push_back(day);
  }
  return out;
}

std::string tick_label(const Unit& u, std::int64_t day, bool first) {
  const Ymd d = civil(day);
  char buf[32];
  if (u.months >= 12) {
    std::snprintf(buf, sizeof buf, "%d", d.year);
  } else if (u.months > 0) {
    if (d.month == 1 || first)
      std::snprintf(buf, sizeof buf, "%s %d", kMonths[d.month - 1], d.year);
    else
      std::snprintf(buf, sizeof buf, "%s", kMonths[d.month - 1]);
  } else if ((d.month == 1 && d.day <= u.days) || first) {
    std::snprintf(buf, sizeof buf, "%d %s %d", d.day, kMonths[d.month - 1], d.year);
  } else {
    std::snprintf(buf, sizeof buf, "%d %s", d.day, kMonths[d.month - 1]);
  }
  return buf;
}

struct Placed {
  const TimelineEntry* entry;
  double mark_x0, mark_x1;  // mark extent
  double label_x;           // text anchor x
  bool anchor_end;
  std::string label;
  double x0, x1;  // whole extent (mark and label)
  int row = 0;
};

std::string svg_body(const Timeline& t) {
  std::ostringstream o;
  o.imbue(std::locale::classic());
  const std::string font = "font-family=\"Helvetica, Arial, sans-serif\"";
  if (t.entries.empty()) {
    o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"520\" height=\"90\" viewBox=\"0 0 520 90\" "
      << font
      << ">\n<rect width=\"520\" height=\"90\" fill=\"#ffffff\"/>\n<text x=\"20\" y=\"34\" font-size=\"18\" "
         "font-weight=\"bold\">"
      << xml_escape(t.title)
      << "</text>\n<text x=\"20\" y=\"62\" font-size=\"13\" fill=\"#555555\">No dated events"
      << (t.undated.empty() ? "" : " (" + std::to_string(t.undated.size()) + " undated)")
      << "</text>\n</svg>\n";
    return o.str();
  }
  // Lanes: the busiest actors get their own lane; the rest share one.
  std::map<std::string, int> count;
  for (const auto& e : t.entries) ++count[e.lane];
  std::vector<std::string> lanes = t.lanes;
  const std::string other = "Other actors";
  std::map<std::string, std::string> lane_of;
  for (const auto& l : lanes) lane_of[l] = l;
  if (static_cast<int>(lanes.size()) > kMaxLanes) {
    std::vector<std::string> busiest = lanes;
    std::stable_sort(busiest.begin(), busiest.end(),
                     [&](const std::string& a, const std::string& b) { return count[a] > count[b]; });
    busiest.resize(kMaxLanes - 1);
    std::vector<std::string> kept;
    for (const auto& l : lanes)
      if (std::find(busiest.begin(), busiest.end(), l) != busiest.end())
        kept.push_back(l);
      else
        lane_of[l] = other;
    kept.push_back(other);
    lanes = kept;
  }

  // Horizontal scale.
  std::int64_t lo = t.entries.front().begin_day(), hi = lo + 1;
  for (const auto& e : t.entries) {
    lo = std::min(lo, e.begin_day());
    hi = std::max(hi, e.end_day());
  }
  std::map<std::string, int> per_lane;
  int busiest_lane = 0;
  for (const auto& e : t.entries) busiest_lane = std::max(busiest_lane, ++per_lane[lane_of[e.lane]]);
  const double plot_w = std::clamp(700.0 + 14.0 * busiest_lane, 960.0, 3200.0);
  const double span = static_cast<double>(hi - lo);
  const double pad = std::max(span * 0.04, 1.0);
  const double d0 = static_cast<double>(lo) - pad, d1 = static_cast<double>(hi) + pad;
  double lane_w = 0;
  for (const auto& l : lanes) lane_w = std::max(lane_w, text_width(shorten(l, 28), 13) * 1.15);  // bold
  const double left = std::clamp(lane_w + 36, 110.0, 290.0);
  const double right_margin = 30;
  auto x_of = [&](double day) { return left + (day - d0) / (d1 - d0) * plot_w; };

  // Ticks: the finest unit with about 90 px per label.
  const double px_per_day = plot_w / (d1 - d0);
  std::size_t major = std::size(kUnits) - 1;
  for (std::size_t i = 0; i < std::size(kUnits); ++i)
    if (average_step(kUnits[i]) * px_per_day >= 90) {
      major = i;
      break;
    }
  std::optional<std::size_t> minor;
  if (major > 0 && average_step(kUnits[major - 1]) * px_per_day >= 9) minor = major - 1;
  const auto tick_lo = static_cast<std::int64_t>(std::ceil(d0)),
             tick_hi = static_cast<std::int64_t>(std::floor(d1));

  // Marks and labels, packed into rows per lane.
  std::map<std::string, std::vector<Placed>> placed;
  const double plot_right = left + plot_w;
  for (const auto& e : t.entries) {
    Placed p{&e, 0, 0, 0, false, shorten(e.headline, kMaxLabel), 0, 0, 0};
    const bool point =
        !e.interval() && (e.start.precision == Precision::Day || e.start.precision == Precision::Time);
    if (point) {
      double x = x_of(static_cast<double>(e.begin_day()) + 0.5);
      p.mark_x0 = x - 5;
      p.mark_x1 = x + 5;
    } else {
      p.mark_x0 = x_of(static_cast<double>(e.begin_day()));
      p.mark_x1 = std::max(x_of(static_cast<double>(e.end_day())), p.mark_x0 + 6);
    }
    const double w = text_width(p.label, kFont) + text_width(e.date_text(), kFont - 2) + 5;
    p.label_x = p.mark_x0;
    if (p.label_x + w > plot_right + right_margin - 4) {  // keep the label inside the picture
      p.anchor_end = true;
      p.label_x = std::max(p.mark_x1, left + w);
    }
    p.x0 = std::min(p.mark_x0, p.anchor_end ? p.label_x - w : p.label_x);
    p.x1 = std::max(p.mark_x1, p.anchor_end ? p.label_x : p.label_x + w);
    placed[lane_of[e.lane]].push_back(p);
  }
  std::map<std::string, int> rows;
  for (auto& [lane, items] : placed) {
    std::stable_sort(items.begin(), items.end(),
                     [](const Placed& a, const Placed& b) { return a.x0 < b.x0; });
    std::vector<double> row_end;
    for (auto& p : items) {
      std::size_t r = 0;
      while (r < row_end.size() && row_end[r] + 10 > p.x0) ++r;
      if (r == row_end.size()) row_end.push_back(0);
      row_end[r] = p.x1;
      p.row = static_cast<int>(r);
    }
    rows[lane] = static_cast<int>(row_end.size());
  }

  // Vertical layout.
  const double title_h = 62, axis_h = 34;
  double y = title_h + axis_h;
  std::vector<std::pair<double, double>> lane_y;  // top, height
  for (const auto& l : lanes) {
    double h = rows[l] * kRow + 2 * kLanePad;
    lane_y.push_back({y, h});
    y += h;
  }
  const double lanes_bottom = y;
  const double bottom_axis_h = 30;
  std::vector<int> quads;
  for (const auto& e : t.entries)
    if (std::find(quads.begin(), quads.end(), std::clamp(e.quad_class, 0, 4)) == quads.end())
      quads.push_back(std::clamp(e.quad_class, 0, 4));
  std::sort(quads.begin(), quads.end());
  const double legend_y = lanes_bottom + bottom_axis_h + 14;
  const double legend_h = 56 + (t.undated.empty() ? 0 : 22);
  const double width = left + plot_w + right_margin, height = legend_y + legend_h;

  o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << fmt(width) << "\" height=\"" << fmt(height)
    << "\" viewBox=\"0 0 " << fmt(width) << ' ' << fmt(height) << "\" " << font << " font-size=\"" << kFont
    << "\">\n";
  o << "<title>" << xml_escape(t.title) << "</title>\n";
  o << "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  // Title and summary.
  const TimelineEntry& first = t.entries.front();
  std::int64_t last_day = first.end_day();
  std::string last_text = first.end ? first.end->value : first.start.value;
  for (const auto& e : t.entries)
    if (e.end_day() > last_day) {
      last_day = e.end_day();
      last_text = e.end ? e.end->value : e.start.value;
    }
  o << "<text x=\"20\" y=\"30\" font-size=\"20\" font-weight=\"bold\" fill=\"#222222\">"
    << xml_escape(t.title) << "</text>\n";
  o << "<text x=\"20\" y=\"50\" font-size=\"12\" fill=\"#555555\">" << t.entries.size() << " dated event"
    << (t.entries.size() == 1 ? "" : "s") << " \xC2\xB7 " << t.lanes.size() << " actor"
    << (t.lanes.size() == 1 ? "" : "s") << " \xC2\xB7 " << xml_escape(first.start.value) << " to "
    << xml_escape(last_text);
  if (!t.undated.empty()) o << " \xC2\xB7 " << t.undated.size() << " undated (listed below)";
  o << "</text>\n";

  // Lane backgrounds and names.
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    auto [top, h] = lane_y[i];
    o << "<rect x=\"0\" y=\"" << fmt(top) << "\" width=\"" << fmt(width) << "\" height=\"" << fmt(h)
      << "\" fill=\"" << (i % 2 ? "#ffffff" : "#f3f5f8") << "\"/>\n";
    o << "<text x=\"14\" y=\"" << fmt(top + kLanePad + 14)
      << "\" font-size=\"13\" font-weight=\"bold\" fill=\"#222222\">"
      << "<title>" << xml_escape(lanes[i]) << " (" << (per_lane[lanes[i]]) << " events)</title>"
      << xml_escape(shorten(lanes[i], 28)) << "</text>\n";
  }
  o << "<line x1=\"" << fmt(left - 6) << "\" y1=\"" << fmt(title_h + axis_h) << "\" x2=\"" << fmt(left - 6)
    << "\" y2=\"" << fmt(lanes_bottom) << "\" stroke=\"#cccccc\"/>\n";

  // Grid and axes.
  if (minor) {
    for (std::int64_t d : ticks(kUnits[*minor], tick_lo, tick_hi)) {
      double x = x_of(static_cast<double>(d));
      o << "<line x1=\"" << fmt(x) << "\" y1=\"" << fmt(title_h + axis_h - 4) << "\" x2=\"" << fmt(x)
        << "\" y2=\"" << fmt(lanes_bottom) << "\" stroke=\"#eeeeee\" stroke-width=\"1\"/>\n";
    }
  }
  const auto major_ticks = ticks(kUnits[major], tick_lo, tick_hi);
  for (std::size_t i = 0; i < major_ticks.size(); ++i) {
    double x = x_of(static_cast<double>(major_ticks[i]));
    std::string label = xml_escape(tick_label(kUnits[major], major_ticks[i], i == 0));
    o << "<line x1=\"" << fmt(x) << "\" y1=\"" << fmt(title_h + axis_h - 8) << "\" x2=\"" << fmt(x)
      << "\" y2=\"" << fmt(lanes_bottom + 6) << "\" stroke=\"#c8c8c8\" stroke-width=\"1\"/>\n";
    o << "<text x=\"" << fmt(x) << "\" y=\"" << fmt(title_h + axis_h - 12)
      << "\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333333\">" << label << "</text>\n";
    o << "<text x=\"" << fmt(x) << "\" y=\"" << fmt(lanes_bottom + 20)
      << "\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333333\">" << label << "</text>\n";
  }
  o << "<line x1=\"" << fmt(left) << "\" y1=\"" << fmt(title_h + axis_h) << "\" x2=\"" << fmt(left + plot_w)
    << "\" y2=\"" << fmt(title_h + axis_h) << "\" stroke=\"#888888\"/>\n";
  o << "<line x1=\"" << fmt(left) << "\" y1=\"" << fmt(lanes_bottom) << "\" x2=\"" << fmt(left + plot_w)
    << "\" y2=\"" << fmt(lanes_bottom) << "\" stroke=\"#888888\"/>\n";

  // Events.
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    auto it = placed.find(lanes[i]);
    if (it == placed.end()) continue;
    for (const auto& p : it->second) {
      const TimelineEntry& e = *p.entry;
      const double row_top = lane_y[i].first + kLanePad + p.row * kRow;
      const double mid = row_top + 9;
      const char* colour = quad_colour(e.quad_class);
      std::string tip = e.headline + " \xE2\x80\x94 " + e.date_text();
      if (!e.actors.empty()) tip += " \xE2\x80\x94 " + join(e.actors, ", ");
      if (!e.places.empty()) tip += " \xE2\x80\x94 in " + join(e.places, ", ");
      if (!e.text.empty()) tip += "\n" + e.text;
      o << "<g class=\"event\" id=\"" << xml_escape("ev-" + e.id) << "\"><title>" << xml_escape(tip)
        << "</title>";
      if (e.interval()) {
        o << "<rect x=\"" << fmt(p.mark_x0) << "\" y=\"" << fmt(mid - 5) << "\" width=\""
          << fmt(p.mark_x1 - p.mark_x0) << "\" height=\"10\" rx=\"3\" fill=\"" << colour << "\"/>";
      } else if (e.start.precision == Precision::Day || e.start.precision == Precision::Time) {
        o << "<circle cx=\"" << fmt((p.mark_x0 + p.mark_x1) / 2) << "\" cy=\"" << fmt(mid)
          << "\" r=\"5\" fill=\"" << colour << "\" stroke=\"#ffffff\" stroke-width=\"1\"/>";
      } else {
        o << "<rect x=\"" << fmt(p.mark_x0) << "\" y=\"" << fmt(mid - 5) << "\" width=\""
          << fmt(p.mark_x1 - p.mark_x0) << "\" height=\"10\" rx=\"3\" fill=\"" << colour
          << "\" fill-opacity=\"0.22\" stroke=\"" << colour
          << "\" stroke-width=\"1.2\" stroke-dasharray=\"4 2\"/>";
      }
      o << "<text x=\"" << fmt(p.label_x) << "\" y=\"" << fmt(row_top + 28) << "\""
        << (p.anchor_end ? " text-anchor=\"end\"" : "") << " fill=\"#111111\">" << xml_escape(p.label)
        << "<tspan dx=\"5\" font-size=\"" << kFont - 2 << "\" fill=\"#666666\">" << xml_escape(e.date_text())
        << "</tspan></text></g>\n";
    }
  }

  // Legend.
  double lx = 20;
  const double ly = legend_y + 12;
  const char* day_text = "known to the day";
  const char* span_text = "known only to the week, month or year (drawn over it)";
  const char* interval_text = "interval (from \xE2\x80\x93 to)";
  o << "<g font-size=\"11\" fill=\"#333333\">\n";
  o << "<circle cx=\"" << fmt(lx + 5) << "\" cy=\"" << fmt(ly) << "\" r=\"5\" fill=\"#555555\"/><text x=\""
    << fmt(lx + 16) << "\" y=\"" << fmt(ly + 4) << "\">" << day_text << "</text>\n";
  lx += 16 + text_width(day_text, 11) + 24;
  o << "<rect x=\"" << fmt(lx) << "\" y=\"" << fmt(ly - 5)
    << "\" width=\"30\" height=\"10\" rx=\"3\" fill=\"#555555\" "
    << "fill-opacity=\"0.22\" stroke=\"#555555\" stroke-dasharray=\"4 2\"/><text x=\"" << fmt(lx + 38)
    << "\" y=\"" << fmt(ly + 4) << "\">" << span_text << "</text>\n";
  lx += 38 + text_width(span_text, 11) + 24;
  o << "<rect x=\"" << fmt(lx) << "\" y=\"" << fmt(ly - 5)
    << "\" width=\"30\" height=\"10\" rx=\"3\" fill=\"#555555\"/>"
    << "<text x=\"" << fmt(lx + 38) << "\" y=\"" << fmt(ly + 4) << "\">" << interval_text << "</text>\n";
  lx = 20;
  const double ly2 = ly + 22;
  for (int q : quads) {
    o << "<rect x=\"" << fmt(lx) << "\" y=\"" << fmt(ly2 - 5) << "\" width=\"10\" height=\"10\" fill=\""
      << quad_colour(q) << "\"/><text x=\"" << fmt(lx + 16) << "\" y=\"" << fmt(ly2 + 4) << "\">"
      << quad_name(q) << "</text>\n";
    lx += 30 + text_width(quad_name(q), 11);
  }
  if (!t.undated.empty()) {
    std::string list;
    for (std::size_t i = 0; i < t.undated.size() && list.size() < 400; ++i)
      list += (i ? "; " : "") + t.undated[i];
    if (list.size() >= 400) list += "; \xE2\x80\xA6";
    o << "<text x=\"20\" y=\"" << fmt(ly2 + 26) << "\">Undated: " << xml_escape(shorten(list, 420))
      << "</text>\n";
  }
  o << "</g>\n</svg>\n";
  return o.str();
}

}  // namespace

void write_timeline_svg(const Timeline& t, std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" << svg_body(t);
}

void write_timeline_html(const Timeline& t, std::ostream& out) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
      << xml_escape(t.title) << "</title>\n<style>\n"
      << "body{font-family:Helvetica,Arial,sans-serif;margin:1.5em;color:#222}\n"
      << ".chart{overflow-x:auto;border:1px solid #ddd}\n"
      << "table{border-collapse:collapse;margin-top:1.5em;font-size:14px}\n"
      << "th,td{border-bottom:1px solid #e3e3e3;padding:4px 10px;text-align:left;vertical-align:top}\n"
      << "th{background:#f3f5f8}\n.date{white-space:nowrap}\n.sentence{color:#555;max-width:48em}\n"
      << "</style>\n</head>\n<body>\n<h1>" << xml_escape(t.title) << "</h1>\n<div class=\"chart\">\n"
      << svg_body(t) << "</div>\n";
  out << "<table "
         "id=\"events\">\n<thead><tr><th>Date</th><th>Actor</th><th>Event</th><th>Place</th><th>Sentence</th>"
         "</tr></thead>\n<tbody>\n";
  for (const auto& e : t.entries) {
    out << "<tr id=\"" << xml_escape("row-" + e.id) << "\"><td class=\"date\">" << xml_escape(e.date_text())
        << "</td><td>" << xml_escape(e.lane) << "</td><td>" << xml_escape(e.headline) << "</td><td>"
        << xml_escape(join(e.places, ", ")) << "</td><td class=\"sentence\">" << xml_escape(e.text)
        << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n";
  if (!t.undated.empty()) {
    out << "<h2>Undated events</h2>\n<ul>\n";
    for (const auto& u : t.undated) out << "<li>" << xml_escape(u) << "</li>\n";
    out << "</ul>\n";
  }
  out << "</body>\n</html>\n";
}

}  // namespace chronicle::exporter
