// The document model: plain value types that every stage of the pipeline reads
// and fills. A Document is what a reader produced; an Analysis is the document
// plus the layers the stages add (sentences, tokens, mentions, entities, times,
// events). Every span is a byte range [start, end) into Document::text, the
// UTF-8 text exactly as read. Layers refer to each other by index.
//
// These types carry no behaviour beyond small accessors, so they are cheap to
// copy and safe to share read-only across threads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle {

using Offset = std::uint32_t;

// A byte range [start, end) into Document::text.
struct Span {
  Offset start = 0;
  Offset end = 0;
  Offset size() const { return end - start; }
  bool operator==(const Span&) const = default;
};

// A calendar point with the granularity it is known to: "2016" stays a year,
// "2016-10" a month. Fields finer than the granularity are zero.
struct TimePoint {
  enum class Granularity : std::uint8_t { Year, Month, Day, Minute };
  int year = 0;
  unsigned month = 0;          // 1..12 when granularity >= Month
  unsigned day = 0;            // 1..31 when granularity >= Day
  int minute_of_day = 0;       // 0..1439 when granularity == Minute (local time)
  int utc_offset_minutes = 0;  // of the zone the time was given in
  Granularity granularity = Granularity::Day;

  // TIMEX3 form: "2016", "2016-10", "2016-12-15", "2016-12-15T15:54".
  std::string timex() const;
  bool operator==(const TimePoint&) const = default;
};

// What a reader gives: the article text and what it knows about it.
struct Document {
  std::string id;                // stable: from the input (JSONL id, DOCID) or the file name
  std::string title;             // empty when unknown
  std::string source;            // path or URL
  std::string text;              // UTF-8, exactly as read (after invalid bytes are replaced)
  std::optional<TimePoint> dct;  // document creation time; empty when unknown
  std::string dct_origin;        // where the DCT came from: "published", "dateline", "--dct", ...
  // Page furniture and reader findings: "published", "updated", "tags",
  // "location", "crawl_stamp", "photo_credit", ...
  std::map<std::string, std::string> metadata;
  // Byte ranges of `text` that are page furniture (crawl stamps, Published
  // lines, tags, captions): segmentation leaves them out of the story.
  std::vector<Span> furniture;
  // Given tokenisation (CoNLL, CoNLL-U input): when non-empty, segmentation
  // keeps these tokens and sentences exactly instead of finding its own.
  std::vector<Span> given_tokens;
  std::vector<std::uint32_t> given_sentence_starts;  // token index of each sentence start
};

struct Paragraph {
  Span span;
};

struct Sentence {
  Span span;
  std::uint32_t first_token = 0;  // index into Analysis::tokens
  std::uint32_t end_token = 0;    // one past the last token
  std::uint32_t paragraph = 0;
  std::uint32_t size() const { return end_token - first_token; }
};

struct Token {
  Span span;
  std::string upos;  // Universal POS, empty until tagged
  std::string xpos;  // Penn Treebank tag
  std::string lemma;
  int head = -1;       // token index (into Analysis::tokens) of the head; -1 = root / unparsed
  std::string deprel;  // UD relation, empty until parsed
};

// Entity types of the contract.
inline constexpr std::string_view kEntityTypes[] = {"PERSON",   "ORGANIZATION", "GPE", "LOCATION",
                                                    "FACILITY", "VEHICLE",      "MISC"};

struct Mention {
  enum class Kind : std::uint8_t { Name, Nominal, Pronoun };
  Span span;
  std::uint32_t first_token = 0, end_token = 0;
  std::string type;  // one of kEntityTypes
  Kind kind = Kind::Name;
  int entity = -1;  // index into Analysis::entities
  // Set when the mention stands for something else than its literal referent:
  // "Moscow said" stands for the Russian government ("metonymy").
  std::string role;
};

struct Entity {
  std::string id;    // deterministic: knowledge-base id, or a hash of name and type
  std::string name;  // canonical name
  std::string type;
  std::vector<std::string> aliases;  // every other surface form seen, sorted
  std::string kb_id;                 // empty when the knowledge base does not know it
  std::string country;               // ISO code where known
  std::optional<double> latitude, longitude;
  std::vector<std::string> codes;  // CAMEO actor codes and the like
  std::vector<int> mentions;       // indices into Analysis::mentions
  int part_of = -1;                // containing place (index into entities), when known
};

// A TIMEX3 expression.
struct TimeExpr {
  std::string id;  // "t1", "t2", ... in text order
  Span span;
  std::string type;    // DATE, TIME, DURATION, SET
  std::string value;   // TIMEX3 value: 2016-12-15, P5Y, PRESENT_REF, XXXX-10 (unresolved)
  std::string end;     // for intervals ("1999-2000"): the end value; empty otherwise
  std::string mod;     // TIMEX3 mod: START, MID, END, APPROX, ...
  std::string anchor;  // what the value was computed from: "dct", a time id, or empty
  // For intervals whose ends are written apart ("between 1994 and 1997", "from
  // March to May 1990"): where the start and the end are written, each inside
  // `span`; empty otherwise. TimeML tags the two ends as two TIMEX3s.
  Span begin_span, end_span;
};

struct Argument {
  std::string role;  // agent, patient, location, with, against, to, for, ...
  int entity = -1;   // index into Analysis::entities
  int mention = -1;  // index into Analysis::mentions
};

struct Event {
  std::string id;
  std::uint32_t trigger = 0;  // token index of the trigger
  Span span;                  // the trigger's bytes
  std::string lemma;
  std::string type;          // event class or CAMEO name
  std::string cameo;         // CAMEO code, empty if none
  std::string timeml_class;  // OCCURRENCE, REPORTING, STATE, ...
  double goldstein = 0;
  int quad_class = -1;
  std::vector<Argument> arguments;
  int time = -1;               // index into Analysis::times, -1 when none
  std::string time_value;      // derived value when computed relative to another time
  bool time_from_dct = false;  // anchored by the DCT only (reporting events)
  std::uint32_t sentence = 0;
  bool negated = false;
  std::string modality;  // "", may, might, would, could, should, must, if...
  int source = -1;       // index into entities: who said it, for reported events
};

// The document plus every layer the pipeline adds.
struct Analysis {
  Document doc;
  std::vector<std::string> warnings;  // non-fatal findings ("no creation date found", ...)
  std::vector<Paragraph> paragraphs;
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::vector<Mention> mentions;
  std::vector<Entity> entities;
  std::vector<TimeExpr> times;
  std::vector<Event> events;

  std::string_view text(Span s) const { return std::string_view(doc.text).substr(s.start, s.size()); }
  std::string_view text(const Token& t) const { return text(t.span); }
};

}  // namespace chronicle
