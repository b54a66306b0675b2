#include "core/io.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "core/readers.h"
#include "core/utf8.h"

namespace chronicle {
namespace fs = std::filesystem;

std::optional<InputFormat> parse_input_format(std::string_view name) {
  if (name == "auto") return InputFormat::Auto;
  if (name == "text" || name == "txt") return InputFormat::Text;
  if (name == "html") return InputFormat::Html;
  if (name == "jsonl") return InputFormat::Jsonl;
  if (name == "timeml") return InputFormat::TimeML;
  if (name == "conll") return InputFormat::Conll;
  if (name == "conllu") return InputFormat::Conllu;
  return std::nullopt;
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  for (const std::string& arg : args) {
    if (arg == "-") {
      files.push_back(arg);
      continue;
    }
    std::error_code ec;
    const fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st) || !fs::is_directory(st)) {
      files.push_back(arg);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) throw InputError(arg + ": cannot read directory (" + ec.message() + ")");
    for (; it != end; it.increment(ec)) {
      if (ec) throw InputError(arg + ": cannot read directory (" + ec.message() + ")");
      const std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      // A folder of articles often carries its own documentation (README.md,
      // ATTRIBUTION.md); those are not news and are left out.
      if (it->path().extension() == ".md") continue;
      if (it->is_regular_file(ec)) found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

namespace {

// Files larger than this are refused rather than read into memory.
constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{1} << 30;
// A JSONL line longer than this is skipped without being held (a record's text is at most
// kMaxDocumentBytes, which JSON escapes may make a few times longer).
constexpr std::size_t kMaxLineBytes = 8 * kMaxDocumentBytes;

// A file opened for reading, or InputError saying why not.
std::ifstream open_file(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw InputError(path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    if (!fs::exists(path, ec)) throw InputError(path + ": no such file or directory");
    throw InputError(path + ": cannot read file (" + std::string(std::strerror(err ? err : EACCES)) + ")");
  }
  return in;
}

std::string read_all(const std::string& path) {
  if (path == "-") {
    std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    if (data.size() > kMaxFileBytes) throw InputError("-: input larger than 1 GiB");
    return data;
  }
  std::ifstream in = open_file(path);
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > kMaxFileBytes) throw InputError(path + ": file larger than 1 GiB");
  std::string data;
  if (!ec) data.reserve(static_cast<std::size_t>(size));
  data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) throw InputError(path + ": read error");
  return data;
}

std::string lower_ext(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

bool contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

bool contains_icase(std::string_view hay, std::string_view needle) {
  const auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
  return it != hay.end();
}

InputFormat sniff(std::string_view content) {
  const std::string_view head = content.substr(0, 4096);
  std::size_t i = 0;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  const std::string_view start = head.substr(i);
  if (contains(head, "<TimeML") || (contains(head, "<DOCID>") && contains(head, "<TEXT>")) ||
      (contains(head, "<DCT>") && contains(head, "<TEXT>")))
    return InputFormat::TimeML;
  if (start.starts_with("<") && (contains_icase(head, "<html") || contains_icase(head, "<body") ||
                                 contains_icase(head, "<!doctype html") || contains_icase(head, "<p>") ||
                                 contains_icase(head, "<div") || contains_icase(head, "<article")))
    return InputFormat::Html;
  if (start.starts_with("{")) return InputFormat::Jsonl;
  if (start.starts_with("-DOCSTART-")) return InputFormat::Conll;
  if (start.starts_with("# sent_id") || start.starts_with("# text") || start.starts_with("# newdoc"))
    return InputFormat::Conllu;
  // Token-per-line CoNLL-U: the first line has ten tab-separated columns.
  const std::string_view first_line = start.substr(0, start.find('\n'));
  if (std::count(first_line.begin(), first_line.end(), '\t') == 9 && !first_line.empty() &&
      std::isdigit(static_cast<unsigned char>(first_line[0])))
    return InputFormat::Conllu;
  return InputFormat::Text;
}

// The format a file's extension names; Auto when it names none.
InputFormat format_from_extension(const std::string& path) {
  const std::string ext = lower_ext(path);
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return InputFormat::Html;
  if (ext == ".jsonl" || ext == ".ndjson") return InputFormat::Jsonl;
  if (ext == ".tml" || ext == ".timeml") return InputFormat::TimeML;
  if (ext == ".conll" || ext == ".iob" || ext == ".bio") return InputFormat::Conll;
  if (ext == ".conllu") return InputFormat::Conllu;
  if (ext == ".txt") return InputFormat::Text;
  return InputFormat::Auto;
}

// Refuses an oversized single-article file before reading it: a page may
// carry up to four times its text in markup.
void check_size_before_reading(const std::string& path, InputFormat format) {
  if (path == "-") return;
  if (format == InputFormat::Auto) format = format_from_extension(path);
  std::size_t limit = 0;
  if (format == InputFormat::Text || format == InputFormat::TimeML)
    limit = kMaxDocumentBytes;
  else if (format == InputFormat::Html)
    limit = 4 * kMaxDocumentBytes;
  else
    return;
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > limit)
    throw InputError(path + ": " + std::to_string(size) + " bytes is too large for one article (limit " +
                     std::to_string(limit >> 20) + " MiB); split it or use JSONL");
}

}  // namespace

namespace {

// Multi-article formats: an oversized record is skipped with a warning.
bool too_large(const Document& d, const std::string& name, std::vector<std::string>& warnings) {
  if (d.text.size() <= kMaxDocumentBytes) return false;
  warnings.push_back(name + ": article \"" + d.id + "\" (" + std::to_string(d.text.size()) +
                     " bytes) is too large; skipped");
  return true;
}

// The "invalid UTF-8" warning: the first offset, and how many more there were.
std::string invalid_utf8_warning(const std::string& name, std::size_t first, std::size_t more,
                                 bool at_least) {
  std::string w = name + ": invalid UTF-8 at byte " + std::to_string(first);
  if (more > 0) w += " (and " + std::string(at_least ? "at least " : "") + std::to_string(more) + " more)";
  return w + ", replaced with U+FFFD";
}

// A whole file's bytes as documents (read_documents after reading).
std::vector<Document> documents_from_raw(const std::string& path, InputFormat format, std::string raw,
                                         std::vector<std::string>& warnings) {
  const std::string name = path == "-" ? std::string("-") : path;
  if (raw.size() >= 3 && raw.compare(0, 3, "\xEF\xBB\xBF") == 0) raw.erase(0, 3);  // byte-order mark
  if (const void* nul = std::memchr(raw.data(), 0, raw.size()))
    throw InputError(name + ": binary file (NUL byte at byte " +
                     std::to_string(static_cast<const char*>(nul) - raw.data()) + ")");
  if (std::all_of(raw.begin(), raw.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); }))
    throw InputError(name + ": empty");

  std::vector<std::size_t> bad;
  std::string content;
  if (utf8::first_invalid(raw) == std::string_view::npos)
    content = std::move(raw);
  else
    content = utf8::sanitize(raw, bad);
  if (!bad.empty())
    warnings.push_back(invalid_utf8_warning(name, bad.front(), bad.size() - 1, bad.size() >= 16));
  raw.clear();
  raw.shrink_to_fit();
  if (format == InputFormat::Auto) format = format_from_extension(path);
  if (format == InputFormat::Auto) format = sniff(content);

  const bool single =
      format == InputFormat::Text || format == InputFormat::Html || format == InputFormat::TimeML;
  if (single && content.size() > kMaxDocumentBytes)
    throw InputError(name + ": " + std::to_string(content.size()) +
                     " bytes is too large for one article (limit " + std::to_string(kMaxDocumentBytes >> 20) +
                     " MiB); split it or use JSONL");

  std::vector<Document> docs;
  switch (format) {
    case InputFormat::Html:
      docs = detail::read_html(name, content, warnings);
      break;
    case InputFormat::Jsonl:
      docs = detail::read_jsonl(name, content, warnings);
      break;
    case InputFormat::TimeML:
      docs = detail::read_timeml(name, content, warnings);
      break;
    case InputFormat::Conll:
      docs = detail::read_conll(name, content, false, warnings);
      break;
    case InputFormat::Conllu:
      docs = detail::read_conll(name, content, true, warnings);
      break;
    case InputFormat::Auto:
    case InputFormat::Text:
      docs.push_back(detail::read_text(name, std::move(content)));
      break;
  }
  // Multi-article formats: an oversized record is skipped, the rest kept.
  std::erase_if(docs, [&](const Document& d) { return too_large(d, name, warnings); });
  if (docs.empty()) throw InputError(name + ": no article small enough to read");
  return docs;
}

}  // namespace

std::vector<Document> read_documents(const std::string& path, InputFormat format,
                                     std::vector<std::string>& warnings) {
  check_size_before_reading(path, format);
  return documents_from_raw(path, format, read_all(path), warnings);
}

// ---- DocumentStream ----

struct DocumentStream::Impl {
  std::string path, name;
  InputFormat format = InputFormat::Auto;
  std::ifstream file;
  std::istream* in = nullptr;
  std::string buf;  // bytes read and not yet consumed: buf[pos..]
  std::size_t pos = 0;
  bool eof = false, done = false;
  // JSONL.
  std::uint64_t offset = 0;  // byte offset of buf[pos] in the file, after a byte-order mark
  std::size_t line_no = 0, skipped = 0, documents = 0, oversized = 0;
  bool seen_content = false;
  std::size_t bad_utf8 = 0, first_bad_utf8 = 0;

  static constexpr std::size_t kBlock = std::size_t{1} << 20;

  // Reads one more block; false at the end of the input.
  bool fill() {
    if (eof) return false;
    if (pos > 0) {
      buf.erase(0, pos);
      pos = 0;
    }
    const std::size_t old = buf.size();
    buf.resize(old + kBlock);
    in->read(buf.data() + old, static_cast<std::streamsize>(kBlock));
    buf.resize(old + static_cast<std::size_t>(in->gcount()));
    if (in->bad()) throw InputError(name + ": read error");
    if (!*in) eof = true;
    return buf.size() > old;
  }

  // The next line without its newline; false at the end. A line longer than kMaxLineBytes is
  // consumed without being kept: `too_long` is set and the line is empty.
  bool next_line(std::string& line, bool& too_long) {
    too_long = false;
    std::size_t scanned = pos;  // buf[pos, scanned) holds no newline
    while (true) {
      const std::size_t nl = buf.find('\n', scanned);
      if (nl != std::string::npos) {
        line.assign(buf, pos, too_long ? 0 : nl - pos);
        offset += nl + 1 - pos;
        pos = nl + 1;
        return true;
      }
      if (buf.size() - pos > kMaxLineBytes) {  // too long: drop what is held, skip to the newline
        too_long = true;
        offset += buf.size() - pos;
        pos = buf.size();
      }
      const std::size_t held = buf.size() - pos;
      if (!fill()) {  // a last line without a newline
        if (held == 0 && !too_long) return false;
        line.assign(buf, pos, too_long ? 0 : held);
        offset += held;
        pos = buf.size();
        return true;
      }
      scanned = pos + held;  // fill() moved the held bytes to the front
    }
  }
};

DocumentStream::DocumentStream(const std::string& path, InputFormat format)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.path = path;
  m.name = path == "-" ? std::string("-") : path;
  if (path == "-") {
    m.in = &std::cin;
  } else {
    m.file = open_file(path);
    m.in = &m.file;
  }
  if (format == InputFormat::Auto) format = format_from_extension(path);
  if (format == InputFormat::Auto) {
    // Enough of the start to tell the format, kept for reading.
    while (m.buf.size() < 4096 + 3 && m.fill()) {
    }
    std::string_view head(m.buf);
    if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
    if (sniff(head) == InputFormat::Jsonl) format = InputFormat::Jsonl;
  }
  m.format = format;
}

DocumentStream::~DocumentStream() = default;
DocumentStream::DocumentStream(DocumentStream&&) noexcept = default;
DocumentStream& DocumentStream::operator=(DocumentStream&&) noexcept = default;

std::vector<Document> DocumentStream::next(std::size_t max, std::vector<std::string>& warnings) {
  Impl& m = *impl_;
  std::vector<Document> docs;
  if (m.done) return docs;
  if (m.format != InputFormat::Jsonl) {
    // One article per file, or a format read whole: as read_documents.
    m.done = true;
    if (m.path != "-") {
      m.file.close();
      return read_documents(m.path, m.format, warnings);
    }
    std::string raw = m.buf.substr(m.pos);
    raw.append(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    if (raw.size() > kMaxFileBytes) throw InputError("-: input larger than 1 GiB");
    return documents_from_raw(m.path, m.format, std::move(raw), warnings);
  }
  std::string line;
  bool too_long = false;
  while (docs.size() < std::max<std::size_t>(max, 1)) {
    const std::uint64_t start = m.offset;
    if (!m.next_line(line, too_long)) {
      m.done = true;
      if (m.bad_utf8 > 0)
        warnings.push_back(invalid_utf8_warning(m.name, m.first_bad_utf8, m.bad_utf8 - 1, m.bad_utf8 >= 16));
      if (!m.seen_content) throw InputError(m.name + ": empty");
      detail::finish_jsonl(m.name, m.documents + m.oversized, m.skipped, warnings);
      if (m.documents == 0) throw InputError(m.name + ": no article small enough to read");
      break;
    }
    ++m.line_no;
    if (m.line_no == 1 && line.starts_with("\xEF\xBB\xBF")) {  // byte-order mark
      line.erase(0, 3);
      m.offset -= 3;
    }
    if (too_long) {
      m.seen_content = true;
      detail::skip_jsonl_line(m.name, m.line_no,
                              "longer than " + std::to_string(kMaxLineBytes >> 20) + " MiB", m.skipped,
                              warnings);
      continue;
    }
    if (const std::size_t nul = line.find('\0'); nul != std::string::npos) {
      const std::string at = "NUL byte at byte " + std::to_string(start + nul);
      if (!m.seen_content) throw InputError(m.name + ": binary file (" + at + ")");
      detail::skip_jsonl_line(m.name, m.line_no, at, m.skipped, warnings);
      continue;
    }
    if (line.find_first_not_of(" \t\r\n\v\f") != std::string::npos) m.seen_content = true;
    if (utf8::first_invalid(line) != std::string::npos) {
      std::vector<std::size_t> bad;
      line = utf8::sanitize(line, bad);
      if (m.bad_utf8 == 0 && !bad.empty()) m.first_bad_utf8 = static_cast<std::size_t>(start) + bad.front();
      m.bad_utf8 = std::min<std::size_t>(16, m.bad_utf8 + bad.size());
    }
    auto d = detail::read_jsonl_line(m.name, m.line_no, line, m.skipped, warnings);
    if (!d) continue;
    if (too_large(*d, m.name, warnings)) {
      ++m.oversized;
      continue;
    }
    ++m.documents;
    docs.push_back(std::move(*d));
  }
  return docs;
}

namespace detail {

std::string file_stem(const std::string& path) {
  if (path == "-") return "stdin";
  const std::string stem = fs::path(path).stem().string();
  return stem.empty() ? path : stem;
}

}  // namespace detail
}  // namespace chronicle
