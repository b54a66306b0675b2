// Merging Analyses into one KnowledgeGraph.
//
//   GraphBuilder builder;
//   for (const Analysis& a : analyses) builder.add(a);   // the same article twice adds nothing
//   KnowledgeGraph g = builder.take();
//
// The rules, shared with the store (graph/store.h) so that both give the same graph:
// - Documents: one node each, id "doc:" + Document::id (a different text under an id already
//   taken gets "~" + 8 hex of its content hash); an article whose content hash is known is skipped.
// - Actors and places: one node per entity key: the knowledge-base id when there is one, else a
//   hash of the normalised name and the type class (people, organisations, places, ...). Two people
//   who share only a surname are never merged: a one-word person name ("Putin") gets a same-as
//   edge (uncertain identity) to each multi-word person ending in that word.
// - Events: two reports are one event when they have the same signature (CAMEO code, else event
//   type, else lemma; the polarity; the agent and the patient or, without a patient, the other
//   parties, else a place; see event_signature()) and compatible time (the
//   ranges overlap or one is unknown; an untimed event lies in the week up to its reports, see
//   event_range()) and place (equal, one inside the other, or one unknown). An event with
//   only one participant merges across articles only with a retelling of the same sentence, one
//   with no participant never, and two reports in one article stay two
//   events (one article does not tell one event twice). A merged event keeps every Provenance
//   and counts its distinct documents in `sources`. An event that involves no entity (no role,
//   no place) is not part of the graph.
// - Ids are deterministic: the same Analyses in the same order give the same graph.
//
// Not thread-safe; build one graph per thread or feed a single builder from one thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/document.h"
#include "graph/knowledge_graph.h"

namespace chronicle {

// ---- Rules shared by the builder, the store and the queries ----

// Case-folded (ICU) words of a name, punctuation dropped, a leading "the" and a
// trailing possessive removed: "The Kremlin's" -> "kremlin".
std::string normalise_name(std::string_view name);
std::vector<std::string> name_words(std::string_view normalised);
// True when the query's words appear as consecutive words of the name:
// "putin" and "vladimir putin" match "Vladimir Putin"; "put" does not.
bool name_matches(std::string_view query, std::string_view name);

// 32 hex digits identifying the text (two independent 64-bit hashes).
std::string content_hash(std::string_view text);
// 16 hex digits of a 64-bit FNV-1a hash.
std::string short_hash(std::string_view text);

NodeKind entity_kind(std::string_view type);  // GPE, LOCATION, FACILITY -> Place; else Actor
std::string entity_key(const Entity& e);      // kb id, else "h" + hash(type class, normalised name)

// TIMEX3 value -> the days it covers as "YYYY-MM-DD" bounds: days, months, years, ISO weeks
// and weekends (2016-W12, 2016-W12-WE), quarters and halves (2016-Q3, 2016-H1), seasons but
// winter (2016-SU), decades and centuries (199, 19); `end` may widen it. Empty bounds when the
// value is not a calendar time (PRESENT_REF, P5Y, XXXX-10).
struct TimeRange {
  std::string lo, hi;
  bool known() const { return !lo.empty(); }
};
TimeRange time_range(std::string_view value, std::string_view end = {});
bool times_compatible(const TimeRange& a, const TimeRange& b);
// The days an event may lie in when two reports are compared: its own time when it has
// one; else, when its first report is dated, the week up to that report (news tells what has
// just happened: an untimed "the U.S. will supply" of March and one of June are not one event,
// and later reports do not widen the window, which would chain a month of reports into one);
// else unknown, which is compatible with anything.
// A time of a year or longer that holds the first report's day ("this year") is narrowed to
// the quarter before and after that report: otherwise every "this year" report of a year joins
// one event, whatever month it tells of.
inline constexpr int kReportWindowDays = 7;
inline constexpr int kCoarseWindowDays = 91;
TimeRange event_range(std::string_view value, std::string_view end, std::string_view first_day);
// The more specific of two compatible values (the longer; ties keep `current`).
bool more_specific_time(std::string_view candidate, std::string_view current);
// Casing slips of wire copy in a name: words typed with the shift key held a letter too
// long ("New YOrk STock Exchange", "FIrst Boston") and, once, a name of several words
// set in headline capitals ("BANK OF KOREA").
int casing_slips(std::string_view name);
// The better canonical name of two: the longer; of equal length the one with fewer
// casing slips, then the lexically smaller. A total order, so the name an entity ends
// with does not depend on the order its articles arrive in.
bool better_name(std::string_view candidate, std::string_view current);

std::string day_of(const TimePoint& t);  // the date part of TimePoint::timex()

// ---- One article in graph terms, before merging ----

struct DigestEntity {
  std::string key;
  NodeKind kind = NodeKind::Actor;
  std::string name, type, kb_id, country;
  std::optional<double> latitude, longitude;
  std::vector<std::string> forms;  // every surface form, the name included, sorted and unique
  std::vector<std::string> codes;  // sorted, unique
  int mentions = 0;
  std::string part_of;     // key of the containing place, or empty
  std::string normalised;  // normalise_name(name)
};

struct DigestEvent {
  std::string signature;  // what must agree for two reports to be one event
  std::string name, type, lemma, cameo, modality;
  int quad_class = -1;
  double goldstein = 0;
  std::string time_value, time_end;
  bool negated = false;
  std::string place;                                      // key of the first location argument
  std::vector<std::pair<std::string, std::string>> args;  // (role, entity key), sorted, unique
  Provenance provenance;                                  // document_id is set when the article is merged
};

struct ArticleDigest {
  std::string content_hash;
  std::string doc_id, title, url, dct, day;  // day: the DCT's date, empty when unknown
  std::vector<DigestEntity> entities;        // unique keys, in first-seen order
  std::vector<DigestEvent> events;
};

// Pure: what one analysis contributes. Thread-safe.
ArticleDigest digest(const Analysis& a);
// The same, with content_hash(a.doc.text) already computed (ingest hashes every text it reads).
ArticleDigest digest(const Analysis& a, std::string text_hash);

// What must agree for two reports to be one event: `what` (the CAMEO code, else the lemma, and
// the polarity) and the participants. An event with an agent and a patient or another party
// (with, to, against, for, from, on) is recognised by them; one with an agent and a place only
// by reports that name a place too; one with fewer participants only by the same sentence
// (`sentence`, compared case- and punctuation-blind); one with none never (`report` names the
// single report it stays). `args` as DigestEvent::args, sorted.
std::string event_signature(const std::string& what,
                            const std::vector<std::pair<std::string, std::string>>& args,
                            std::string_view report, std::string_view sentence);

// A new event's id: "ev" + hash of its signature, time and place.
std::string event_key(const std::string& signature, const std::string& time_value, const std::string& place);
// Role name -> edge kind: agent, patient, location, else Role.
EdgeKind edge_kind_for_role(std::string_view role);
// The document node's id for a Document::id.
inline std::string document_node_id(std::string_view doc_id) { return "doc:" + std::string(doc_id); }

// Canonical order of an event's provenance: by document id, then offsets.
void sort_provenance(std::vector<Provenance>& p);

// Merges articles into a graph, in memory. See the rules above.
class GraphBuilder {
 public:
  GraphBuilder();
  ~GraphBuilder();
  GraphBuilder(GraphBuilder&&) noexcept;
  GraphBuilder& operator=(GraphBuilder&&) noexcept;

  // Returns false (and changes nothing) when an article with the same text was added before.
  bool add(const Analysis& a);
  bool add(const ArticleDigest& d);

  const KnowledgeGraph& graph() const;
  KnowledgeGraph take();  // the builder is empty afterwards

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace chronicle
