// Internal to export/: the per-format writers behind write_export, and the pieces they share
// (graph selection, TIMEX3 date spans, timeline entries, escaping). Not part of the public
// surface; tests include it to check the pieces one by one. All functions are pure readers of
// their arguments and safe to call from several threads, except render_graphviz (serialised).
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "export/exporter.h"
#include "graph/knowledge_graph.h"

namespace chronicle::exporter {

// ---- selection (select.cc) ----
// Index of the actor `query` names: exact (case-insensitive) id, kb id, name or alias first,
// then a unique substring of a name; several substring matches pick the actor in most events.
// Throws std::invalid_argument when nothing matches.
std::uint32_t find_actor(const KnowledgeGraph& g, std::string_view query);
// Index of the place `query` names, same rules; nullopt when none.
std::optional<std::uint32_t> find_place(const KnowledgeGraph& g, std::string_view query);
// Number of distinct events an actor takes part in (any role).
int event_count(const KnowledgeGraph& g, std::uint32_t actor);
// The subgraph ExportOptions::actor and ::top_actors select (documents kept when attached to a
// kept node and `documents` is true). Node and edge order follow the input graph.
KnowledgeGraph select_subgraph(const KnowledgeGraph& g, const ExportOptions& options, bool documents);
// `g` itself when the options select everything (and documents are wanted), else the subgraph
// stored in `storage`.
const KnowledgeGraph& selected(const KnowledgeGraph& g, const ExportOptions& options, bool documents,
                               std::optional<KnowledgeGraph>& storage);

// ---- dates (timeline_data.cc) ----
// How precisely a TIMEX3 value is known; a value known to the month spans the whole month.
enum class Precision : std::uint8_t { Time, Day, Week, Month, Season, Quarter, Half, Year, Decade, Century };
std::string_view to_string(Precision p);

// A TIMEX3 date value as the half-open range of days it covers (days since 1970-01-01).
struct DateSpan {
  std::int64_t begin = 0, end = 0;  // end exclusive: "2016" is [2016-01-01, 2017-01-01)
  Precision precision = Precision::Day;
  int year = 0, month = 0, day = 0;  // as written (month/day 0 when not given)
  std::string value;                 // the TIMEX3 value parsed
};
// Parses YYYY, YYYY-MM, YYYY-MM-DD[THH[:MM[:SS]]], YYYY-Www, YYYY-Qn, YYYY-H1/H2,
// YYYY-SP/SU/FA/WI, YYY (decade), YY (century). nullopt for anything else (PRESENT_REF,
// durations, XXXX-10, ...).
std::optional<DateSpan> parse_timex(std::string_view value);
// Civil date of a day number.
struct Ymd {
  int year, month, day;
};
Ymd civil(std::int64_t days);
std::int64_t days_from_civil(int year, int month, int day);

// One dated event, ready to draw or list.
struct TimelineEntry {
  std::uint32_t node = 0;
  std::string id, headline, text, lane, cameo, type;
  std::vector<std::string> actors, places;
  int quad_class = -1;
  int sources = 0;
  DateSpan start;
  std::optional<DateSpan> end;  // an interval "1999"-"2000" ends with its end's last day
  std::int64_t begin_day() const { return start.begin; }
  std::int64_t end_day() const { return end ? end->end : start.end; }
  bool interval() const { return end.has_value(); }
  std::string date_text() const;  // "2016-10", "1999 – 2000"
};
struct Timeline {
  std::vector<TimelineEntry> entries;  // sorted by start, then end, then id
  std::vector<std::string> lanes;      // lane order: by first event, then name
  std::vector<std::string> undated;    // headlines of selected events without a usable date
  std::string title;
};
// The events ExportOptions selects (actor, place, from, to), dated, in time order.
// Throws std::invalid_argument for a malformed from/to date or an unknown place.
Timeline build_timeline(const KnowledgeGraph& g, const ExportOptions& options);

// ---- writers, one file each ----
void write_graphml(const KnowledgeGraph& g, const ExportOptions& options, std::ostream& out);
std::string make_dot(const KnowledgeGraph& g, const ExportOptions& options);
// Lays `dot` out with libgvc's dot engine and renders it as `format` ("svg", "png", ...).
std::string render_graphviz(const std::string& dot, std::string_view format);
// Positions (points, y up) of the nodes of `dot` after layout, keyed by node name, in file order.
struct LayoutPoint {
  std::string name;
  double x, y, width, height;
};
std::vector<LayoutPoint> layout_graphviz(const std::string& dot);
void write_cytoscape(const KnowledgeGraph& g, std::ostream& out);
void write_geojson(const KnowledgeGraph& g, std::ostream& out);
void write_neo4j(const KnowledgeGraph& g, const std::string& dir);
void write_timelinejs(const Timeline& t, std::ostream& out);
void write_timeline_json(const Timeline& t, std::ostream& out);
void write_timeline_svg(const Timeline& t, std::ostream& out);
void write_timeline_html(const Timeline& t, std::ostream& out);

// ---- helpers (util.cc) ----
std::string xml_escape(std::string_view s);
std::string lower(std::string_view s);
std::string join(const std::vector<std::string>& items, std::string_view sep);
// Colour (#rrggbb fill) and Graphviz shape per node kind, shared by DOT, yEd and legends.
struct KindStyle {
  const char* fill;
  const char* border;
  const char* shape;      // Graphviz shape
  const char* yed_shape;  // yEd y:Shape type
};
KindStyle style_of(NodeKind k);

}  // namespace chronicle::exporter
