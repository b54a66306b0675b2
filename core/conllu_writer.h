// CoNLL-U output (`chronicle extract --format conllu`): one block per
// sentence with a "# text" comment, then one line per token with Chronicle's
// UPOS, XPOS, lemma, HEAD (1-based within the sentence, 0 for the root) and
// DEPREL; FEATS, DEPS and MISC are "_" (MISC says SpaceAfter=No where the
// text has no space after the token). Unfilled fields are written as "_".
// A "# newdoc id" line opens each document. Free function, thread-safe.
#pragma once

#include <string>

#include "core/document.h"

namespace chronicle {

std::string analysis_to_conllu(const Analysis& a);

}  // namespace chronicle
