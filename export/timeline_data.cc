// TIMEX3 values as day ranges, and the selection of dated events every timeline format draws.
// A value keeps its precision: "2016-10" covers 1-31 October and is drawn as that span, never
// silently as 2016-10-01.
#include <date/date.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <stdexcept>

#include "export/formats.h"

namespace chronicle::exporter {
namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return false;
  for (std::size_t i = pos; i < pos + n; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}
int number(std::string_view s, std::size_t pos, std::size_t n) {
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

DateSpan months(int year, int first_month, int count, Precision p, std::string_view value) {
  DateSpan d;
  d.begin = days_from_civil(year, first_month, 1);
  int end_month = first_month + count;
  int end_year = year + (end_month - 1) / 12;
  end_month = (end_month - 1) % 12 + 1;
  d.end = days_from_civil(end_year, end_month, 1);
  d.precision = p;
  d.year = year;
  d.month = count == 1 ? first_month : 0;
  d.value = std::string(value);
  return d;
}

// An event's participants by role. Lanes group events by actor, and an actor is any entity in an
// actor role, whatever its type: "Russia vetoed", "the army shelled" put the country (a Place
// node, GPE) or the organisation in their own lane like a person. `agent_places` keeps the places
// that act as agents so the place filter still finds "Syria attacked ..." under Syria.
struct Participants {
  std::vector<std::uint32_t> agents, others, places, agent_places;
  std::vector<std::uint32_t> place_roles;  // places as patient or other role ("sanctions on Russia")
};

Participants participants(const KnowledgeGraph& g, std::uint32_t event) {
  Participants p;
  for (std::uint32_t e : g.out_edges(event)) {
    const Edge& edge = g.edge(e);
    const NodeKind k = g.node(edge.target).kind;
    if (edge.kind == EdgeKind::MentionedIn || edge.kind == EdgeKind::SameAs || edge.kind == EdgeKind::PartOf)
      continue;
    auto add = [](std::vector<std::uint32_t>& v, std::uint32_t x) {
      if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
    };
    if (k == NodeKind::Place && edge.kind == EdgeKind::Agent) {
      add(p.agents, edge.target);
      add(p.agent_places, edge.target);
    } else if (k == NodeKind::Place) {
      add(p.places, edge.target);
      if (edge.kind != EdgeKind::Location) add(p.place_roles, edge.target);
    } else if (k == NodeKind::Actor) {
      add(edge.kind == EdgeKind::Agent ? p.agents : p.others, edge.target);
    }
  }
  return p;
}

}  // namespace

std::string_view to_string(Precision p) {
  switch (p) {
    case Precision::Time:
      return "time";
    case Precision::Day:
      return "day";
    case Precision::Week:
      return "week";
    case Precision::Month:
      return "month";
    case Precision::Season:
      return "season";
    case Precision::Quarter:
      return "quarter";
    case Precision::Half:
      return "half";
    case Precision::Year:
      return "year";
    case Precision::Decade:
      return "decade";
    case Precision::Century:
      return "century";
  }
  return "day";
}

std::int64_t days_from_civil(int year, int month, int day) {
  return date::sys_days{date::year{year} / static_cast<unsigned>(month) / static_cast<unsigned>(day)}
      .time_since_epoch()
      .count();
}

Ymd civil(std::int64_t days) {
  date::year_month_day ymd{date::sys_days{date::days{days}}};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::optional<DateSpan> parse_timex(std::string_view v) {
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
  if (v.size() == 2 && digits(v, 0, 2)) {
    int c = number(v, 0, 2);
    if (c == 0) return std::nullopt;
    DateSpan d;
    d.begin = days_from_civil(c * 100, 1, 1);
    d.end = days_from_civil(c * 100 + 100, 1, 1);
    d.precision = Precision::Century;
    d.year = c * 100;
    d.value = std::string(v);
    return d;
  }
  if (v.size() == 3 && digits(v, 0, 3)) {
    int dec = number(v, 0, 3);
    if (dec == 0) return std::nullopt;
    DateSpan d;
    d.begin = days_from_civil(dec * 10, 1, 1);
    d.end = days_from_civil(dec * 10 + 10, 1, 1);
    d.precision = Precision::Decade;
    d.year = dec * 10;
    d.value = std::string(v);
    return d;
  }
  if (!digits(v, 0, 4)) return std::nullopt;
  const int year = number(v, 0, 4);
  if (year < 1) return std::nullopt;
  if (v.size() == 4) return months(year, 1, 12, Precision::Year, v);
  if (v[4] != '-') return std::nullopt;
  std::string_view rest = v.substr(5);
  if (rest.size() == 2 && digits(rest, 0, 2)) {
    int m = number(rest, 0, 2);
    if (m < 1 || m > 12) return std::nullopt;
    return months(year, m, 1, Precision::Month, v);
  }
  if (rest.size() == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4')
    return months(year, (rest[1] - '1') * 3 + 1, 3, Precision::Quarter, v);
  if (rest.size() == 2 && rest[0] == 'H' && (rest[1] == '1' || rest[1] == '2'))
    return months(year, rest[1] == '1' ? 1 : 7, 6, Precision::Half, v);
  if (rest == "SP") return months(year, 3, 3, Precision::Season, v);
  if (rest == "SU") return months(year, 6, 3, Precision::Season, v);
  if (rest == "FA") return months(year, 9, 3, Precision::Season, v);
  if (rest == "WI") return months(year, 12, 3, Precision::Season, v);
  if (rest.size() == 3 && rest[0] == 'W' && digits(rest, 1, 2)) {
    int w = number(rest, 1, 2);
    // ISO 8601: week 1 holds 4 January; weeks start on Monday.
    auto week1_monday = [](int y) {
      std::int64_t jan4 = days_from_civil(y, 1, 4);
      return jan4 - (static_cast<int>(date::weekday{date::sys_days{date::days{jan4}}}.iso_encoding()) - 1);
    };
    const std::int64_t first = week1_monday(year);
    const std::int64_t weeks_in_year = (week1_monday(year + 1) - first) / 7;
    const std::int64_t monday = first + (w - 1) * 7;
    if (w < 1 || w > weeks_in_year) return std::nullopt;
    DateSpan d;
    d.begin = monday;
    d.end = monday + 7;
    d.precision = Precision::Week;
    d.year = year;
    d.value = std::string(v);
    return d;
  }
  if (rest.size() >= 5 && digits(rest, 0, 2) && rest[2] == '-' && digits(rest, 3, 2) &&
      (rest.size() == 5 || rest[5] == 'T')) {
    int m = number(rest, 0, 2), day = number(rest, 3, 2);
    date::year_month_day ymd{date::year{year} / static_cast<unsigned>(m) / static_cast<unsigned>(day)};
    if (!ymd.ok()) return std::nullopt;
    DateSpan d;
    d.begin = days_from_civil(year, m, day);
    d.end = d.begin + 1;
    d.precision = rest.size() == 5 ? Precision::Day : Precision::Time;
    d.year = year;
    d.month = m;
    d.day = day;
    d.value = std::string(v);
    return d;
  }
  return std::nullopt;
}

std::string TimelineEntry::date_text() const {
  if (!end) return start.value;
  return start.value + " \xE2\x80\x93 " + end->value;  // en dash
}

Timeline build_timeline(const KnowledgeGraph& g, const ExportOptions& options) {
  Timeline t;
  const auto n = static_cast<std::uint32_t>(g.node_count());
  // Place filter: the named place and every place part of it, transitively.
  std::vector<char> in_place(n, 0);
  const bool by_place = !options.place.empty();
  std::string place_name, actor_name;
  if (by_place) {
    auto p = find_place(g, options.place);
    if (!p) throw std::invalid_argument("no place matches '" + options.place + "'");
    place_name = g.node(*p).name;
    in_place[*p] = 1;
    for (bool changed = true; changed;) {
      changed = false;
      for (std::uint32_t e = 0; e < g.edge_count(); ++e) {
        const Edge& edge = g.edge(e);
        if (edge.kind == EdgeKind::PartOf && in_place[edge.target] && !in_place[edge.source]) {
          in_place[edge.source] = 1;
          changed = true;
        }
      }
    }
  }
  std::optional<std::uint32_t> actor;
  bool no_actor = false;  // the store loads only the actor's events: none means no actor node
  if (!options.actor.empty()) {
    try {
      actor = find_actor(g, options.actor);
      actor_name = g.node(*actor).name;
    } catch (const std::invalid_argument&) {
      // A country or city that acts ("Russia vetoed") is a Place node: it is an actor too.
      if (auto pl = find_place(g, options.actor)) {
        actor = *pl;
        actor_name = g.node(*pl).name;
      } else {
        no_actor = true;
        actor_name = options.actor;
      }
    }
  }
  std::optional<DateSpan> from, to;
  if (!options.from.empty() && !(from = parse_timex(options.from)))
    throw std::invalid_argument("--from: not a date: '" + options.from +
                                "' (use YYYY, YYYY-MM or YYYY-MM-DD)");
  if (!options.to.empty() && !(to = parse_timex(options.to)))
    throw std::invalid_argument("--to: not a date: '" + options.to + "' (use YYYY, YYYY-MM or YYYY-MM-DD)");

  for (std::uint32_t i = 0; i < n; ++i) {
    const Node& ev = g.node(i);
    if (ev.kind != NodeKind::Event || no_actor) continue;
    Participants p = participants(g, i);
    auto has = [](const std::vector<std::uint32_t>& v, std::uint32_t x) {
      return std::find(v.begin(), v.end(), x) != v.end();
    };
    // Taking part means any role but the place where it happened.
    if (actor && !has(p.agents, *actor) && !has(p.others, *actor) && !has(p.place_roles, *actor)) continue;
    auto placed = [&](const std::vector<std::uint32_t>& v) {
      return std::any_of(v.begin(), v.end(), [&](std::uint32_t x) { return in_place[x]; });
    };
    if (by_place && !placed(p.places) && !placed(p.agent_places)) continue;
    TimelineEntry entry;
    entry.node = i;
    entry.id = ev.id;
    entry.headline = !ev.name.empty() ? ev.name : !ev.lemma.empty() ? ev.lemma : ev.id;
    auto start = parse_timex(ev.time_value);
    if (!start) {
      if (!from && !to) t.undated.push_back(entry.headline);  // a date range leaves out unknown times
      continue;
    }
    entry.start = *start;
    if (!ev.time_end.empty()) {
      auto end = parse_timex(ev.time_end);
      if (end && end->end > start->begin) entry.end = *end;
    }
    if (from && entry.end_day() <= from->begin) continue;
    if (to && entry.begin_day() >= to->end) continue;
    for (auto a : p.agents) entry.actors.push_back(g.node(a).name);
    for (auto a : p.others) entry.actors.push_back(g.node(a).name);
    for (auto a : p.places) entry.places.push_back(g.node(a).name);
    entry.lane = !entry.actors.empty() ? entry.actors.front() : "(no actor)";
    entry.cameo = ev.cameo;
    entry.type = ev.type;
    entry.quad_class = ev.quad_class;
    entry.sources = ev.sources;
    for (const auto& prov : ev.provenance)
      if (!prov.sentence_text.empty()) {
        entry.text = prov.sentence_text;
        break;
      }
    t.entries.push_back(std::move(entry));
  }
  std::stable_sort(t.entries.begin(), t.entries.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
    if (a.begin_day() != b.begin_day()) return a.begin_day() < b.begin_day();
    if (a.end_day() != b.end_day()) return a.end_day() < b.end_day();
    if (a.headline != b.headline) return a.headline < b.headline;
    return a.id < b.id;
  });
  std::set<std::string> seen;
  for (const auto& e : t.entries)
    if (seen.insert(e.lane).second) t.lanes.push_back(e.lane);
  std::sort(t.undated.begin(), t.undated.end());
  if (!options.title.empty()) {
    t.title = options.title;
  } else {
    t.title = actor_name.empty() ? std::string("Timeline of events") : "Timeline of " + actor_name;
    if (!place_name.empty()) t.title += " in " + place_name;
  }
  return t;
}

}  // namespace chronicle::exporter
