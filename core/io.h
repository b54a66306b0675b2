// Reading articles: files, directories and stdin, in every input format of
// the contract (text, html, jsonl, timeml, conll, conllu).
//
//   std::vector<std::string> files = expand_inputs({"samples/"});
//   std::vector<std::string> warnings;
//   for (auto& f : files) for (Document& d : read_documents(f, InputFormat::Auto, warnings)) ...
//
// Errors: InputError carries one clear line naming the file (and line or byte).
// Invalid UTF-8 is not an error: it is replaced with U+FFFD and reported as a
// warning with its byte offset. Thread-safe (no shared state).
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace chronicle {

enum class InputFormat { Auto, Text, Html, Jsonl, TimeML, Conll, Conllu };

// "auto", "text", "html", "jsonl", "timeml", "conll", "conllu"; nullopt otherwise.
std::optional<InputFormat> parse_input_format(std::string_view name);

// Bad input: the message is the whole line to show ("file:line: what").
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The largest article text accepted (bytes). A news article is tens of
// kilobytes; a bigger single-article input is refused with an InputError
// (multi-article files: the oversized record is skipped with a warning) so
// that memory stays bounded whatever the input.
inline constexpr std::size_t kMaxDocumentBytes = std::size_t{8} << 20;

// Files to read: a file as given, a directory's regular files recursively in
// sorted order (hidden files and Markdown documentation skipped), "-" for stdin. A path that does not
// exist is passed through, so that read_documents() reports it in turn (and
// a caller with many inputs can skip it); a directory that cannot be listed
// throws InputError.
std::vector<std::string> expand_inputs(const std::vector<std::string>& args);

// Reads one file ("-": stdin) into one or more documents. Throws InputError
// when the file cannot be used at all; recoverable findings (a malformed JSONL
// line skipped, invalid UTF-8 replaced) are appended to `warnings`, each one
// line naming the file.
std::vector<Document> read_documents(const std::string& path, InputFormat format,
                                     std::vector<std::string>& warnings);

// Reads one file ("-": stdin) a batch of documents at a time, so that memory holds a
// batch, not the file: JSONL is read line by line (memory: one batch of articles and a
// 1 MiB buffer, whatever the file's size; a line longer than 64 MiB is skipped unread).
// Other formats hold one article per file or are read whole, as read_documents.
//
//   DocumentStream in(path, InputFormat::Auto);
//   std::vector<std::string> warnings;
//   for (auto docs = in.next(256, warnings); !docs.empty(); docs = in.next(256, warnings)) ...
//
// The documents and warnings are read_documents', with two differences for JSONL: the
// invalid-UTF-8 summary comes last, and a NUL byte after the first article skips its line
// (before it, the file is refused as binary). The errors of read_documents come as
// InputError from the constructor (cannot open) or from next() (e.g. no valid line at all,
// known only at the end: then the earlier batches held no document either).
// Not thread-safe; one stream per thread.
class DocumentStream {
 public:
  DocumentStream(const std::string& path, InputFormat format);
  ~DocumentStream();
  DocumentStream(DocumentStream&&) noexcept;
  DocumentStream& operator=(DocumentStream&&) noexcept;

  // The next documents, empty at the end: JSONL up to `max` (at least one) a call, other
  // formats all of the file in the first call.
  std::vector<Document> next(std::size_t max, std::vector<std::string>& warnings);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Parses a creation date/time as users and pages write it: "2016-12-15",
// "Dec 15, 2016, 3:54 pm IST", "2016-12-15T15:54:00+05:30", "15 December 2016".
std::optional<TimePoint> parse_date_time(std::string_view text);

}  // namespace chronicle
