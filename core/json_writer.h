// Writing an Analysis as the contract's JSON (../shared/docs/contract.md):
// {"document", "entities", "times", "events"} plus Chronicle's extra fields.
// Deterministic: the same Analysis gives byte-identical output.
#pragma once

#include <string>
#include <vector>

#include "core/document.h"

namespace chronicle {

// One JSON object for one analysis; `pretty` indents it.
std::string analysis_to_json(const Analysis& a, bool pretty);

}  // namespace chronicle
