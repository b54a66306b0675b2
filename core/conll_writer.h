// CoNLL-2003 output (`chronicle extract --format conll`): one token per line,
// the token then its predicted entity tag as the last column (IOB2: B-X starts
// a name, I-X continues it; X one of PER, ORG, LOC, MISC), a blank line after
// each sentence and a "-DOCSTART- O" line before each document, as in the
// CoNLL-2003 files, so that the output can be pasted next to gold columns and
// scored with conlleval (tools/ner_eval.py does that).
//
// Names are the mentions of kind Name; contract types map back to CoNLL's:
// PERSON -> PER, ORGANIZATION -> ORG, GPE/LOCATION/FACILITY -> LOC, the rest
// MISC. Pure function of the Analysis; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/document.h"

namespace chronicle {

std::string analysis_to_conll(const Analysis& a);

// CoNLL type of a contract type ("GPE" -> "LOC", "VEHICLE" -> "MISC").
std::string_view conll_type(std::string_view contract_type);

}  // namespace chronicle
