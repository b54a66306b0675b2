#include "graph/builder.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <optional>
#include <set>
#include <unordered_set>

#include "extract/timex.h"

namespace chronicle {
namespace {

bool is_ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// A second, independent 64-bit hash (splitmix-style mixing of 8-byte words).
std::uint64_t mix64(std::string_view s) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
  for (std::size_t i = 0; i < s.size(); ++i) {
    h ^= static_cast<unsigned char>(s[i]) + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    if ((i & 7) == 7) {
      h ^= h >> 30;
      h *= 0xBF58476D1CE4E5B9ull;
      h ^= h >> 27;
    }
  }
  h ^= h >> 31;
  h *= 0x94D049BB133111EBull;
  h ^= h >> 29;
  return h;
}

// As "%016llx" without snprintf's format parsing (most of a short_hash's cost; the store's
// writer makes one per new event).
std::string hex64(std::uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = kDigits[v & 15];
  return out;
}

std::string fold_case(std::string_view s) {
  bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  std::string out;
  if (ascii) {
    out.assign(s);  // then lowered in place: one copy, not a push_back per byte
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.foldCase();
  u.toUTF8String(out);
  return out;
}

std::string type_class(std::string_view type) {
  if (entity_kind(type) == NodeKind::Place) return "PLACE";
  return std::string(type);
}

// std::isspace in the C locale (the only one Chronicle runs in), without a library call per byte.
bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  // Collapse inner runs of whitespace: surface forms are shown and compared. Runs of other
  // bytes are copied whole (every event's sentence passes through here).
  std::string out;
  out.reserve(e - b);
  for (std::size_t i = b; i < e;) {
    std::size_t j = i;
    while (j < e && !is_space(s[j])) ++j;
    out.append(s.substr(i, j - i));
    if (j == e) break;
    while (is_space(s[j])) ++j;  // ends before e: s[e - 1] is no space
    out.push_back(' ');
    i = j;
  }
  return out;
}

void sorted_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// The number written by the `n` characters at `pos`, when they are all digits.
std::optional<int> parse_digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

std::string normalise_name(std::string_view name) {
  const std::string folded = fold_case(name);
  // Split on ASCII punctuation and spaces; keep apostrophes inside words and non-ASCII letters.
  // Words go straight into the result (this runs for every name and for the sentence of every
  // one-participant event: a vector of word strings was most of its cost).
  std::string out;
  out.reserve(folded.size());
  std::size_t words = 0;
  bool first_is_the = false;
  auto add = [&](std::string_view w) {
    // Drop possessives ("pentagon's", "pentagon’s") and stray apostrophes at the ends.
    auto strip_suffix = [&](std::string_view suf) {
      if (w.size() > suf.size() && w.ends_with(suf)) w.remove_suffix(suf.size());
    };
    strip_suffix("'s");
    strip_suffix("\xE2\x80\x99s");
    while (!w.empty() && w.back() == '\'') w.remove_suffix(1);
    while (!w.empty() && w.front() == '\'') w.remove_prefix(1);
    if (w.empty()) return;
    if (words++ == 0) first_is_the = w == "the";
    if (!out.empty()) out.push_back(' ');
    out += w;
  };
  const std::string_view f = folded;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= f.size(); ++i) {
    const auto c = i < f.size() ? static_cast<unsigned char>(f[i]) : 0;
    if (i < f.size() && (c >= 0x80 || is_ascii_alnum(c) || c == '\'')) continue;
    if (i > start) add(f.substr(start, i - start));
    start = i + 1;
  }
  if (words > 1 && first_is_the) out.erase(0, 4);  // "the " of "the white house"
  return out;
}

std::vector<std::string> name_words(std::string_view normalised) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < normalised.size()) {
    std::size_t j = normalised.find(' ', i);
    if (j == std::string_view::npos) j = normalised.size();
    if (j > i) out.emplace_back(normalised.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool name_matches(std::string_view query, std::string_view name) {
  std::string q = normalise_name(query);
  if (q.empty()) return false;
  std::string n = " " + normalise_name(name) + " ";
  return n.find(" " + q + " ") != std::string::npos;
}

std::string content_hash(std::string_view text) { return hex64(fnv1a(text)) + hex64(mix64(text)); }
std::string short_hash(std::string_view text) { return hex64(fnv1a(text)); }

NodeKind entity_kind(std::string_view type) {
  if (type == "GPE" || type == "LOCATION" || type == "FACILITY") return NodeKind::Place;
  return NodeKind::Actor;
}

namespace {
// entity_key() of an entity whose name is already normalised.
std::string entity_key_of(std::string_view kb_id, std::string_view type, std::string_view normalised) {
  if (!kb_id.empty()) return std::string(kb_id);
  return "h" + short_hash(type_class(type) + "\t" + std::string(normalised));
}
}  // namespace

std::string entity_key(const Entity& e) {
  if (!e.kb_id.empty()) return e.kb_id;
  return entity_key_of({}, e.type, normalise_name(e.name));
}

namespace {

std::string iso_day(std::chrono::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

// The days of ISO week `week` of `y` (Monday to Sunday; week 1 holds 4 January), or of its
// weekend.
TimeRange iso_week_range(int y, int week, bool weekend) {
  using namespace std::chrono;
  const sys_days jan4{year{y} / January / 4};
  const sys_days monday = jan4 - (weekday{jan4} - Monday) + weeks{week - 1};
  return weekend ? TimeRange{iso_day(monday + days{5}), iso_day(monday + days{6})}
                 : TimeRange{iso_day(monday), iso_day(monday + days{6})};
}

}  // namespace

TimeRange time_range(std::string_view value, std::string_view end) {
  TimeRange r;
  if (parse_digits(value, 0, 4)) {
    const std::string year(value.substr(0, 4));
    std::string lo_md = "01-01", hi_md = "12-31";
    const std::string_view rest = value.substr(4);
    if (rest.size() >= 3 && rest[0] == '-' && parse_digits(rest, 1, 2)) {
      const std::string month(rest.substr(1, 2));
      std::string day;
      if (rest.size() >= 6 && rest[3] == '-' && parse_digits(rest, 4, 2))
        day = std::string(rest.substr(4, 2));
      lo_md = month + "-" + (day.empty() ? "01" : day);
      hi_md = month + "-" + (day.empty() ? "31" : day);  // "-31" bounds any month: only compared as text
    } else if (const auto week =
                   rest.size() >= 4 && rest.substr(0, 2) == "-W" ? parse_digits(rest, 2, 2) : std::nullopt) {
      if (*week >= 1 && *week <= 53)
        r = iso_week_range(*parse_digits(value, 0, 4), *week, rest.substr(4) == "-WE");
    } else if (rest.size() == 3 && rest[0] == '-' && (rest[1] == 'Q' || rest[1] == 'H') && rest[2] >= '1' &&
               rest[2] <= (rest[1] == 'Q' ? '4' : '2')) {
      const int months = rest[1] == 'Q' ? 3 : 6, first = (rest[2] - '1') * months + 1;
      char buf[16];
      std::snprintf(buf, sizeof buf, "%02d-01|%02d-31", first, first + months - 1);
      lo_md = std::string(buf, 5);
      hi_md = std::string(buf + 6, 5);
    } else if (rest == "-SP" || rest == "-SU" || rest == "-FA") {
      // Meteorological seasons; winter straddles two years and keeps the whole year.
      lo_md = rest == "-SP" ? "03-01" : rest == "-SU" ? "06-01" : "09-01";
      hi_md = rest == "-SP" ? "05-31" : rest == "-SU" ? "08-31" : "11-30";
    }
    if (!r.known()) r = TimeRange{year + "-" + lo_md, year + "-" + hi_md};
  } else if (parse_digits(value, 0, 2) &&
             (value.size() == 2 || (value.size() == 3 && parse_digits(value, 2, 1)))) {
    // A decade ("199": the 1990s) or a century ("19": the 1900s).
    const std::string from(value), to = from.size() == 3 ? from + "9" : from + "99";
    r = TimeRange{from + std::string(4 - from.size(), '0') + "-01-01", to + "-12-31"};
  } else {
    return r;
  }
  if (!end.empty()) {
    TimeRange e = time_range(end);
    if (e.known() && e.hi > r.hi) r.hi = e.hi;
  }
  return r;
}

namespace {

// "YYYY-MM-DD" moved by `delta` days; empty when `day_text` is not a valid day.
// The digits are read in place: the merge asks this of every candidate event,
// and three std::stoi of new strings were most of its cost.
std::string shift_day(std::string_view day_text, int delta) {
  if (day_text.size() != 10 || day_text[4] != '-' || day_text[7] != '-') return {};
  const auto y = parse_digits(day_text, 0, 4), m = parse_digits(day_text, 5, 2),
             d = parse_digits(day_text, 8, 2);
  if (!y || !m || !d) return {};
  using namespace std::chrono;
  const year_month_day ymd{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return {};
  return iso_day(year_month_day{sys_days{ymd} + days{delta}});
}

}  // namespace

TimeRange event_range(std::string_view value, std::string_view end, std::string_view first_day) {
  TimeRange r = time_range(value, end);
  const std::string from = shift_day(first_day, -kReportWindowDays);
  if (from.empty()) return r;
  if (!r.known()) return TimeRange{from, std::string(first_day)};
  // A time no finer than a year that holds the report's day ("this year", "2016" in a 2016
  // story) says little about when: it keeps to the quarter around the first report.
  const bool coarse = r.lo.substr(0, 7) != r.hi.substr(0, 7);
  if (coarse && r.lo <= first_day && first_day <= r.hi) {
    r.lo = std::max(r.lo, shift_day(first_day, -kCoarseWindowDays));
    r.hi = std::min(r.hi, shift_day(first_day, kCoarseWindowDays));
  }
  return r;
}

bool times_compatible(const TimeRange& a, const TimeRange& b) {
  if (!a.known() || !b.known()) return true;
  return a.lo <= b.hi && b.lo <= a.hi;
}

bool more_specific_time(std::string_view candidate, std::string_view current) {
  return candidate.size() > current.size();
}

int casing_slips(std::string_view name) {
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  int slips = 0, words = 0;
  bool any_lower = false;
  for (std::size_t i = 0; i <= name.size();) {
    std::size_t j = std::min(name.find(' ', i), name.size());
    const std::string_view w = name.substr(i, j - i);
    if (!w.empty()) ++words;
    // "YOrk", "INc" (but not the plural of an acronym: "TVs")
    if (w.size() >= 3 && upper(w[0]) && upper(w[1]) && lower(w[2]) && w.substr(2) != "s") ++slips;
    for (char c : w) any_lower = any_lower || lower(c);
    i = j + 1;
  }
  const bool letters = std::any_of(name.begin(), name.end(), upper);
  if (words >= 2 && letters && !any_lower) ++slips;  // "BANK OF KOREA"
  return slips;
}

bool better_name(std::string_view candidate, std::string_view current) {
  if (current.empty()) return !candidate.empty();
  if (candidate.size() != current.size()) return candidate.size() > current.size();
  const int a = casing_slips(candidate), b = casing_slips(current);
  if (a != b) return a < b;
  return candidate < current;
}

std::string day_of(const TimePoint& t) {
  std::string s = t.timex();
  return s.substr(0, std::min<std::size_t>(s.size(), 10));
}

bool is_counterpart_role(std::string_view role) {
  return role != "agent" && role != "patient" && role != "source" && role != "location";
}

namespace {
// event_signature() with the sentence given as short_hash(normalise_name(sentence)), "" when that
// is empty, by a callable that is asked only when the signature needs it: digest() gives the
// hash of each sentence once, whatever the number of its events.
template <class SentenceHash>
std::string signature_of(const std::string& what,
                         const std::vector<std::pair<std::string, std::string>>& args,
                         std::string_view report, SentenceHash&& sentence_hash) {
  std::string sig = what;
  bool agent = false, patient = false, counterpart = false, place = false;
  for (const auto& [role, key] : args) {
    agent |= role == "agent";
    patient |= role == "patient";
    counterpart |= is_counterpart_role(role);
    place |= role == "location";
  }
  // Who did it and to whom: the patient, else the other party ("meet with X", "sell to X"),
  // so that "the minister met Smith" and "the minister met Jones" are not one meeting.
  for (const auto& [role, key] : args)
    if (role == "agent" || role == "patient" || (!patient && is_counterpart_role(role)))
      sig += "|" + role + "=" + key;
  if (agent && (patient || counterpart)) return sig;
  // Who did it and where ("the army launched strikes in Chad"): the place is the second anchor,
  // so both reports must name one (the mark keeps them apart from placeless reports; places are
  // then compared as usual, a city inside its country).
  if (agent && place) return sig + "|placed";
  // One participant does not tell one event from another: "the United States said" and "Japan
  // rose" of two articles are two events, however close in time (a sample of such merges on
  // Reuters-21578 was mostly wrong). Only a retelling of the same sentence - a wire story sent
  // again or quoted - is recognisably the same report.
  std::string text;
  if (agent || patient || counterpart) text = sentence_hash();  // else nothing to recognise it by
  sig += text.empty() ? "|doc=" + std::string(report) : "|text=" + text;
  return sig;
}

std::string sentence_hash(std::string_view sentence) {
  const std::string text = normalise_name(sentence);
  return text.empty() ? std::string() : short_hash(text);
}
}  // namespace

std::string event_signature(const std::string& what,
                            const std::vector<std::pair<std::string, std::string>>& args,
                            std::string_view report, std::string_view sentence) {
  return signature_of(what, args, report, [&] { return sentence_hash(sentence); });
}

std::string event_key(const std::string& signature, const std::string& time_value, const std::string& place) {
  // short_hash(signature + "|" + time_value + "|" + place), hashed piece by piece (FNV-1a
  // is a stream hash) without building that string.
  std::uint64_t h = fnv1a(signature);
  h = fnv1a(place, fnv1a("|", fnv1a(time_value, fnv1a("|", h))));
  return "ev" + hex64(h);
}

EdgeKind edge_kind_for_role(std::string_view role) {
  if (role == "agent") return EdgeKind::Agent;
  if (role == "patient") return EdgeKind::Patient;
  if (role == "location") return EdgeKind::Location;
  return EdgeKind::Role;
}

void sort_provenance(std::vector<Provenance>& p) {
  std::sort(p.begin(), p.end(), [](const Provenance& a, const Provenance& b) {
    return std::tie(a.document_id, a.start, a.end, a.sentence) <
           std::tie(b.document_id, b.start, b.end, b.sentence);
  });
  p.erase(std::unique(p.begin(), p.end(),
                      [](const Provenance& a, const Provenance& b) {
                        return a.document_id == b.document_id && a.start == b.start && a.end == b.end;
                      }),
          p.end());
}

ArticleDigest digest(const Analysis& a) { return digest(a, content_hash(a.doc.text)); }

ArticleDigest digest(const Analysis& a, std::string text_hash) {
  ArticleDigest d;
  d.content_hash = std::move(text_hash);
  d.doc_id = a.doc.id.empty() ? d.content_hash.substr(0, 16) : a.doc.id;
  d.title = a.doc.title;
  auto url = a.doc.metadata.find("url");
  d.url = url != a.doc.metadata.end() ? url->second : a.doc.source;
  if (a.doc.dct) {
    d.dct = a.doc.dct->timex();
    d.day = day_of(*a.doc.dct);
  }

  // Entities -> keys; several analysis entities may share a key.
  std::vector<int> slot(a.entities.size(), -1);
  std::unordered_map<std::string, int> by_key;
  for (std::size_t i = 0; i < a.entities.size(); ++i) {
    const Entity& e = a.entities[i];
    std::string name = trim(e.name);
    if (name.empty()) {
      for (int m : e.mentions)
        if (m >= 0 && static_cast<std::size_t>(m) < a.mentions.size()) {
          name = trim(a.text(a.mentions[static_cast<std::size_t>(m)].span));
          if (!name.empty()) break;
        }
    }
    if (name.empty()) continue;
    std::string normalised = normalise_name(name);
    if (normalised.empty()) continue;
    std::string key = entity_key_of(e.kb_id, e.type, normalised);
    auto [it, added] = by_key.emplace(key, static_cast<int>(d.entities.size()));
    if (added) {
      DigestEntity de;
      de.key = key;
      de.kind = entity_kind(e.type);
      de.name = name;
      de.type = e.type;
      de.normalised = normalised;
      d.entities.push_back(std::move(de));
    }
    DigestEntity& de = d.entities[static_cast<std::size_t>(it->second)];
    slot[i] = it->second;
    if (!added && better_name(name, de.name)) {
      de.name = name;
      de.normalised = std::move(normalised);
    }
    if (de.kb_id.empty()) de.kb_id = e.kb_id;
    if (de.country.empty()) de.country = e.country;
    if (!de.latitude && e.latitude && e.longitude) {
      de.latitude = e.latitude;
      de.longitude = e.longitude;
    }
    de.forms.push_back(name);
    for (const auto& al : e.aliases) {
      std::string t = trim(al);
      if (!t.empty() && t.size() <= 200) de.forms.push_back(t);
    }
    for (int m : e.mentions) {
      if (m < 0 || static_cast<std::size_t>(m) >= a.mentions.size()) continue;
      const Mention& mm = a.mentions[static_cast<std::size_t>(m)];
      ++de.mentions;
      if (mm.kind != Mention::Kind::Name || mm.span.end > a.doc.text.size() || mm.span.start > mm.span.end)
        continue;
      std::string t = trim(a.text(mm.span));
      if (!t.empty() && t.size() <= 200) de.forms.push_back(t);
    }
    for (const auto& c : e.codes) de.codes.push_back(c);
  }
  for (std::size_t i = 0; i < a.entities.size(); ++i) {
    int p = a.entities[i].part_of;
    if (slot[i] < 0 || p < 0 || static_cast<std::size_t>(p) >= a.entities.size() ||
        slot[static_cast<std::size_t>(p)] < 0)
      continue;
    DigestEntity& de = d.entities[static_cast<std::size_t>(slot[i])];
    const DigestEntity& container = d.entities[static_cast<std::size_t>(slot[static_cast<std::size_t>(p)])];
    if (de.part_of.empty() && container.key != de.key) de.part_of = container.key;
  }
  for (auto& de : d.entities) {
    sorted_unique(de.forms);
    sorted_unique(de.codes);
  }

  auto key_of = [&](int entity) -> const std::string* {
    if (entity < 0 || static_cast<std::size_t>(entity) >= slot.size() ||
        slot[static_cast<std::size_t>(entity)] < 0)
      return nullptr;
    return &d.entities[static_cast<std::size_t>(slot[static_cast<std::size_t>(entity)])].key;
  };
  auto name_of = [&](const std::string& key) -> std::string {
    for (const auto& de : d.entities)
      if (de.key == key) return de.name;
    return key;
  };

  // What the events take from their sentence, made once per sentence: the hash of its
  // normalised text (signatures) and its trimmed text (provenance).
  struct SentenceFacts {
    bool hashed = false, trimmed = false;
    std::string hash, text;
  };
  std::vector<SentenceFacts> sentence_facts(a.sentences.size());
  auto sentence_of = [&](const Event& e) -> std::string_view {
    if (e.sentence >= a.sentences.size()) return {};
    const Span s = a.sentences[e.sentence].span;
    return s.start <= s.end && s.end <= a.doc.text.size() ? a.text(s) : std::string_view{};
  };

  for (const Event& e : a.events) {
    DigestEvent de;
    de.lemma = e.lemma;
    de.type = e.type;
    de.cameo = e.cameo;
    de.modality = e.modality;
    de.quad_class = e.quad_class;
    de.goldstein = e.goldstein;
    de.negated = e.negated;
    std::string value = e.time_value, end;
    if (e.time >= 0 && static_cast<std::size_t>(e.time) < a.times.size()) {
      const TimeExpr& t = a.times[static_cast<std::size_t>(e.time)];
      if (value.empty()) value = t.value;
      end = t.end;
    }
    if (time_range(value).known()) {
      de.time_value = value;
      if (time_range(end).known()) de.time_end = end;
    }
    for (const Argument& arg : e.arguments) {
      const std::string* k = key_of(arg.entity);
      if (!k || arg.role.empty()) continue;
      de.args.emplace_back(arg.role, *k);
      if (arg.role == "location" && de.place.empty()) de.place = *k;
    }
    if (const std::string* k = key_of(e.source)) de.args.emplace_back("source", *k);
    // The graph tells who did what to whom and where: an event that involves no entity
    // ("prices rose", "it seems") has nothing to connect it and no one to find it by, and
    // such events were half of those of a news corpus. The article's own output keeps them.
    if (de.args.empty()) continue;
    std::sort(de.args.begin(), de.args.end());
    de.args.erase(std::unique(de.args.begin(), de.args.end()), de.args.end());

    std::string cls =
        !e.cameo.empty() ? "cameo:" + e.cameo : "lemma:" + fold_case(e.lemma.empty() ? e.type : e.lemma);
    const std::string_view sentence = sentence_of(e);
    SentenceFacts* facts = e.sentence < sentence_facts.size() ? &sentence_facts[e.sentence] : nullptr;
    auto hash = [&] {
      if (!facts) return sentence_hash(sentence);
      if (!facts->hashed) facts->hash = sentence_hash(sentence), facts->hashed = true;
      return facts->hash;
    };
    de.signature = "s" + short_hash(signature_of(cls + (e.negated ? "|neg" : "|pos"), de.args,
                                                 d.content_hash + "@" + std::to_string(e.span.start), hash));

    std::vector<std::string> agents, patients;
    for (const auto& [role, key] : de.args) {
      if (role == "agent") agents.push_back(name_of(key));
      if (role == "patient") patients.push_back(name_of(key));
    }
    std::string head;
    for (const auto& n : agents) head += (head.empty() ? "" : ", ") + n;
    head += (head.empty() ? "" : " ") + (e.lemma.empty() ? e.type : e.lemma);
    std::string pats;
    for (const auto& n : patients) pats += (pats.empty() ? "" : ", ") + n;
    if (!pats.empty()) head += " " + pats;
    if (!de.place.empty()) head += " in " + name_of(de.place);
    de.name = head;

    Provenance& p = de.provenance;
    p.document_id = d.doc_id;
    p.source = d.url;
    p.sentence = e.sentence;
    p.start = e.span.start;
    p.end = e.span.end;
    auto trimmed = [&] {
      std::string t = trim(sentence);
      if (t.size() > 2000) t.resize(2000);
      return t;
    };
    if (!facts) {
      p.sentence_text = trimmed();
    } else {
      if (!facts->trimmed) facts->text = trimmed(), facts->trimmed = true;
      p.sentence_text = facts->text;
    }
    d.events.push_back(std::move(de));
  }
  return d;
}

// ---- GraphBuilder ----

struct GraphBuilder::State {
  KnowledgeGraph g;
  std::unordered_set<std::string> hashes;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_signature;  // creation order
  std::unordered_map<std::uint32_t, std::string> event_place;
  std::unordered_map<std::uint32_t, std::set<std::string>> event_docs;
  std::unordered_map<std::string, std::vector<std::uint32_t>> multi_by_surname;  // people, no kb id
  std::unordered_map<std::string, std::vector<std::uint32_t>> single_by_name;

  bool inside(const std::string& place, const std::string& container) const {
    auto from = g.find(place);
    auto to = g.find(container);
    if (!from || !to) return false;
    std::vector<std::uint32_t> frontier{*from};
    std::set<std::uint32_t> seen{*from};
    for (int depth = 0; depth < 12 && !frontier.empty(); ++depth) {
      std::vector<std::uint32_t> next;
      for (auto v : frontier)
        for (auto e : g.out_edges(v)) {
          const Edge& ed = g.edge(e);
          if (ed.kind != EdgeKind::PartOf) continue;
          if (ed.target == *to) return true;
          if (seen.insert(ed.target).second) next.push_back(ed.target);
        }
      frontier = std::move(next);
    }
    return false;
  }
  bool places_compatible(const std::string& a, const std::string& b) const {
    return a.empty() || b.empty() || a == b || inside(a, b) || inside(b, a);
  }
};

GraphBuilder::GraphBuilder() : s_(std::make_unique<State>()) {}
GraphBuilder::~GraphBuilder() = default;
GraphBuilder::GraphBuilder(GraphBuilder&&) noexcept = default;
GraphBuilder& GraphBuilder::operator=(GraphBuilder&&) noexcept = default;

const KnowledgeGraph& GraphBuilder::graph() const { return s_->g; }

KnowledgeGraph GraphBuilder::take() {
  KnowledgeGraph g = std::move(s_->g);
  s_ = std::make_unique<State>();
  return g;
}

bool GraphBuilder::add(const Analysis& a) { return add(digest(a)); }

bool GraphBuilder::add(const ArticleDigest& d) {
  State& s = *s_;
  if (!s.hashes.insert(d.content_hash).second) return false;
  KnowledgeGraph& g = s.g;

  std::string doc_id = d.doc_id;
  if (g.find(document_node_id(doc_id))) doc_id += "~" + d.content_hash.substr(0, 8);
  Node doc;
  doc.kind = NodeKind::Document;
  doc.id = document_node_id(doc_id);
  doc.name = doc_id;
  doc.title = d.title;
  doc.url = d.url;
  doc.dct = d.dct;
  doc.content_hash = d.content_hash;
  doc.first_date = doc.last_date = d.day;
  doc.sources = 1;
  const std::uint32_t doc_node = g.add_node(std::move(doc));

  auto min_date = [](std::string& cur, const std::string& d) {
    if (!d.empty() && (cur.empty() || d < cur)) cur = d;
  };
  auto max_date = [](std::string& cur, const std::string& d) {
    if (!d.empty() && d > cur) cur = d;
  };

  for (const DigestEntity& e : d.entities) {
    auto existing = g.find(e.key);
    std::uint32_t v;
    if (!existing) {
      Node n;
      n.kind = e.kind;
      n.id = e.key;
      n.type = e.type;
      v = g.add_node(std::move(n));
      if (e.type == "PERSON" && e.kb_id.empty()) {
        auto words = name_words(e.normalised);
        Edge same;
        same.kind = EdgeKind::SameAs;
        same.role = "same_as";
        if (words.size() >= 2) {
          for (auto single : s.single_by_name[words.back()]) {
            same.source = single;
            same.target = v;
            g.add_edge(same);
          }
          s.multi_by_surname[words.back()].push_back(v);
        } else if (words.size() == 1) {
          for (auto multi : s.multi_by_surname[words.back()]) {
            same.source = v;
            same.target = multi;
            g.add_edge(same);
          }
          s.single_by_name[words.back()].push_back(v);
        }
      }
    } else {
      v = *existing;
    }
    Node& n = g.node(v);
    std::vector<std::string> forms = n.aliases;
    if (!n.name.empty()) forms.push_back(n.name);
    forms.insert(forms.end(), e.forms.begin(), e.forms.end());
    if (better_name(e.name, n.name)) n.name = e.name;
    sorted_unique(forms);
    forms.erase(std::remove(forms.begin(), forms.end(), n.name), forms.end());
    n.aliases = std::move(forms);
    if (n.kb_id.empty()) n.kb_id = e.kb_id;
    if (n.country.empty()) n.country = e.country;
    if (!n.latitude && e.latitude) {
      n.latitude = e.latitude;
      n.longitude = e.longitude;
    }
    n.codes.insert(n.codes.end(), e.codes.begin(), e.codes.end());
    sorted_unique(n.codes);
    min_date(n.first_date, d.day);
    max_date(n.last_date, d.day);
    n.sources += 1;
    Edge m;
    m.kind = EdgeKind::MentionedIn;
    m.role = "mentioned_in";
    m.source = v;
    m.target = doc_node;
    g.add_edge(m);
  }
  for (const DigestEntity& e : d.entities) {
    if (e.part_of.empty()) continue;
    Edge p;
    p.kind = EdgeKind::PartOf;
    p.role = "part_of";
    p.source = *g.find(e.key);
    p.target = *g.find(e.part_of);
    g.add_edge(p);
  }

  std::set<std::tuple<std::uint32_t, std::string, std::uint32_t>> role_edges;
  std::set<std::uint32_t> touched;
  for (const DigestEvent& e : d.events) {
    const TimeRange tr = event_range(e.time_value, e.time_end, d.day);
    std::optional<std::uint32_t> match;
    // The same word first: one CAMEO code covers "back" and "deal with" alike.
    std::vector<std::uint32_t> cands = s.by_signature[e.signature];
    std::stable_partition(cands.begin(), cands.end(),
                          [&](std::uint32_t c) { return g.node(c).lemma == e.lemma; });
    for (auto cand : cands) {
      if (touched.count(cand)) continue;  // one article, two reports: two events (as the store)
      const Node& c = g.node(cand);
      if (times_compatible(tr, event_range(c.time_value, c.time_end, c.first_date)) &&
          s.places_compatible(e.place, s.event_place[cand])) {
        match = cand;
        break;
      }
    }
    std::uint32_t v;
    if (!match) {
      Node n;
      n.kind = NodeKind::Event;
      std::string id = event_key(e.signature, e.time_value, e.place);
      for (int i = 2; g.find(id); ++i)
        id = event_key(e.signature, e.time_value, e.place) + "#" + std::to_string(i);
      n.id = id;
      n.name = e.name;
      n.type = e.type;
      n.lemma = e.lemma;
      n.cameo = e.cameo;
      n.quad_class = e.quad_class;
      n.goldstein = e.goldstein;
      n.time_value = e.time_value;
      n.time_end = e.time_end;
      n.negated = e.negated;
      n.modality = e.modality;
      v = g.add_node(std::move(n));
      s.by_signature[e.signature].push_back(v);
      s.event_place[v] = e.place;
    } else {
      v = *match;
      Node& n = g.node(v);
      if (more_specific_time(e.time_value, n.time_value)) {
        n.time_value = e.time_value;
        n.time_end = e.time_end;
      }
      if (s.event_place[v].empty()) s.event_place[v] = e.place;
    }
    Node& n = g.node(v);
    Provenance p = e.provenance;
    p.document_id = doc_id;
    n.provenance.push_back(std::move(p));
    sort_provenance(n.provenance);
    auto& docs = s.event_docs[v];
    docs.insert(doc_id);
    n.sources = static_cast<int>(docs.size());
    min_date(n.first_date, d.day);
    max_date(n.last_date, d.day);
    for (const auto& [role, key] : e.args)
      if (auto t = g.find(key)) role_edges.emplace(v, role, *t);
    touched.insert(v);
  }
  for (const auto& [ev, role, target] : role_edges) {
    Edge r;
    r.kind = edge_kind_for_role(role);
    r.role = role;
    r.source = ev;
    r.target = target;
    g.add_edge(r);
  }
  for (auto ev : touched) {
    Edge m;
    m.kind = EdgeKind::MentionedIn;
    m.role = "mentioned_in";
    m.source = ev;
    m.target = doc_node;
    g.add_edge(m);
    // Edges carry their event's date; a merge may have made it more specific.
    const std::string date = g.node(ev).time_value;
    for (auto ei : g.out_edges(ev)) g.edge(ei).date = date;
  }
  return true;
}

}  // namespace chronicle
