// Internal interface between core/io.cc and the per-format readers. Not part
// of the public surface: callers use core/io.h.
//
// Every reader gets the file's content already checked (not empty, no NUL
// bytes) and with invalid UTF-8 replaced, and returns documents whose text
// is what segmentation and every offset refer to. Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace chronicle::detail {

// Plain text: furniture (crawl stamps, Published/Updated/Tags/Location lines,
// photo credits, repeated captions, breadcrumbs) marked, title and DCT found.
Document read_text(const std::string& path, std::string content);

// Marks page furniture of d.text as metadata and Document::furniture spans,
// fills title and DCT when not already set. Used for text, HTML and JSONL.
void find_furniture(Document& d);

std::vector<Document> read_html(const std::string& path, std::string_view content,
                                std::vector<std::string>& warnings);
std::vector<Document> read_jsonl(const std::string& path, std::string_view content,
                                 std::vector<std::string>& warnings);
// One JSONL line (its newline removed): a document, or nullopt for a blank line or a
// malformed one (skip_jsonl_line counts it and warns). finish_jsonl adds the summary of
// skipped lines and throws InputError when the file gave no document.
std::optional<Document> read_jsonl_line(const std::string& path, std::size_t line_no, std::string_view line,
                                        std::size_t& skipped, std::vector<std::string>& warnings);
// A skipped line: counted, and one of the first 20 gets the warning "path:LINE: why; line skipped".
void skip_jsonl_line(const std::string& path, std::size_t line_no, const std::string& why,
                     std::size_t& skipped, std::vector<std::string>& warnings);
void finish_jsonl(const std::string& path, std::size_t documents, std::size_t skipped,
                  std::vector<std::string>& warnings);
std::vector<Document> read_timeml(const std::string& path, std::string_view content,
                                  std::vector<std::string>& warnings);
// CoNLL-2003 (conllu = false) or CoNLL-U (conllu = true).
std::vector<Document> read_conll(const std::string& path, std::string_view content, bool conllu,
                                 std::vector<std::string>& warnings);

// Appends the decoded form of the HTML/XML entity starting at s[i] ('&') to
// `out` and returns its length, or 0 when it is not a known entity (numeric
// or one of the common named ones). Custom entities are never expanded.
std::size_t decode_entity(std::string_view s, std::size_t i, std::string& out);

// "dir/name.ext" -> "name" (the document id when the input names none).
std::string file_stem(const std::string& path);

}  // namespace chronicle::detail
