// Segmentation of news text into paragraphs, sentences and tokens.
//
// Built on ICU's break iterators, with what news text needs on top:
// abbreviations (U.S., Dec., Mr., Gen.), initials, numbers (3.5, 1,000),
// quotes, datelines ("Moscow:", "WASHINGTON (Reuters) -"), headlines without
// final punctuation, hyphenated words (see SegmentOptions) and possessives
// ("Putin's" -> Putin 's), following the UD English EWT conventions.
// Document::furniture ranges are left out of the story. When the document
// carries a given tokenisation (CoNLL, CoNLL-U), it is kept exactly.
//
// Thread-safe: segment() keeps no state between calls.
#pragma once

#include <vector>

#include "core/document.h"

namespace chronicle {

// Choices where conventions differ.
struct SegmentOptions {
  // UD English EWT (what the tagger and parser are trained on) splits
  // hyphenated compounds ("war - torn", "al - Assad") but keeps prefixed
  // words ("e-mail", "non-human", "co-workers") and number ranges or phone
  // numbers ("1999-2000") whole. false keeps every hyphenated word whole.
  bool split_hyphens = true;
};

// Fills a.paragraphs, a.sentences and a.tokens from a.doc.
void segment(Analysis& a, const SegmentOptions& options = {});

// The segmentation as plain spans, for callers that need no Token objects
// (a Token carries room for every later layer, so building millions of them
// costs more than finding them). `out` is caller-owned scratch space that
// keeps its capacity between calls. Sentence::first_token/end_token index
// out.tokens.
struct Segmentation {
  std::vector<Span> tokens;
  std::vector<Sentence> sentences;
  std::vector<Paragraph> paragraphs;
};
void segment_spans(const Document& doc, Segmentation& out, const SegmentOptions& options = {});

}  // namespace chronicle
