// The temporal tagger: finds time expressions in an article and gives each a
// TIMEX3 type (DATE, TIME, DURATION, SET) and a normalised value anchored to
// the document's creation time (DCT).
//
//   Analysis a;  a.doc.text = "...";  a.doc.dct = TimePoint{2016, 12, 15};
//   tag_times(a);               // fills a.times: t1, t2, ... in text order
//   shift_timex("2016-12-15", "P8M", -1)  == "2016-04-15"
//
// Method (extract/timex.cc): a hand-written word scanner (no regular
// expressions) turns the text into words classified by a lookup table of
// closed-class temporal vocabulary (month and weekday names, units, number
// words, deictics); a declarative grammar of patterns over those words, one
// family of rules per kind of expression, proposes candidate extents; the
// longest candidate whose normaliser succeeds wins. Normalisers resolve
// relative expressions against the DCT (or, for "later"/"earlier" style
// expressions, against the last time mentioned in the same sentence), choosing
// past or future by the tense of nearby verbs: POS tags when the tagger ran,
// lexical cues otherwise. Calendar arithmetic uses Howard Hinnant's date.
//
// Without a DCT, relative expressions get unresolved TIMEX3 values
// ("XXXX-10", "PAST_REF", "XXXX-WXX-5"), never today's date. Page furniture
// (Document::furniture) never yields a time.
//
// Thread-safety: all functions are reentrant; the rule tables are immutable
// after their (thread-safe) first initialisation.
#pragma once

#include <string>
#include <string_view>

#include "core/document.h"

namespace chronicle {

// Fills a.times from a.doc.text and a.doc.dct. Uses a.tokens (upos/xpos) and
// a.sentences only as extra evidence when present; works on the text alone.
void tag_times(Analysis& a);

// Moves a TIMEX3 date value by a TIMEX3 duration: sign +1 forward, -1 back.
// The result keeps the granularity of `value` ("2016-12" - P8M = "2016-04",
// "2016-12-15" - P8M = "2016-04-15", "2016" + P2Y = "2018",
// "2016-W50" + P2W = "2016-W52", "2016-Q4" + P3M = "2017-Q1",
// "2016-12-15T10:00" + PT48H = "2016-12-17T10:00"). A duration finer than the
// value moves it only by whole units of the value's granularity (rounded
// toward zero), so "2016" - P8M stays "2016". Returns an empty string when
// either argument cannot be read (PAST_REF, PXY, ...).
//
// With ShiftPrecision::Coarser the result is instead no finer than the
// duration: an event "eight months before" a day is known to the month, not
// the day ("2016-12-15" - P8M = "2016-04"); weeks and hours count as days, so
// "2016-12-31" + P2W = "2017-01-14". A duration that is not a whole number of
// the result's units gives an empty string ("2016" - P2M, "2016-12-15" - PT3H)
// rather than a rounded guess.
enum class ShiftPrecision { KeepValue, Coarser };
std::string shift_timex(std::string_view value, std::string_view duration, int sign,
                        ShiftPrecision precision = ShiftPrecision::KeepValue);

}  // namespace chronicle
