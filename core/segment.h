// Segmentation of news text into paragraphs, sentences and tokens.
//
// Built on ICU's break iterators, with what news text needs on top:
// abbreviations (U.S., Dec., Mr., Gen.), initials, numbers (3.5, 1,000),
// quotes, datelines ("Moscow:", "WASHINGTON (Reuters) -"), headlines without
// final punctuation, hyphenated words and possessives ("Putin's" -> Putin 's).
// Document::furniture ranges are left out of the story. When the document
// carries a given tokenisation (CoNLL, CoNLL-U), it is kept exactly.
//
// Thread-safe: segment() keeps no state between calls.
#pragma once

#include "core/document.h"

namespace chronicle {

// Fills a.paragraphs, a.sentences and a.tokens from a.doc.
void segment(Analysis& a);

}  // namespace chronicle
