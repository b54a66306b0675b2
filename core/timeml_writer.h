// Writing an Analysis as TimeML 1.2.1 in the TempEval-3 layout:
//
//   <?xml version="1.0" ?>
//   <TimeML ...>
//   <DOCID>id</DOCID>
//   <DCT><TIMEX3 tid="t0" type="DATE" value="2016-12-15" temporalFunction="false"
//        functionInDocument="CREATION_TIME">2016-12-15</TIMEX3></DCT>
//   <TITLE>title</TITLE>            (only when the document has one)
//   <TEXT>the text, unchanged, with <TIMEX3 tid type value> and <EVENT eid class> inline</TEXT>
//   </TimeML>
//
// Guarantees: the characters of the text between the tags are the input text
// exactly (XML-escaped); tags never overlap: an EVENT or TIMEX3 that would
// cross another tag's boundary is left out (TIMEX3 wins over EVENT), and an
// EVENT inside a TIMEX3 is nested. Deterministic. Thread-safe (pure function).
#pragma once

#include <string>

#include "core/document.h"

namespace chronicle {

std::string analysis_to_timeml(const Analysis& a);

}  // namespace chronicle
