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

std::string read_all(const std::string& path) {
  if (path == "-") {
    std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    if (data.size() > kMaxFileBytes) throw InputError("-: input larger than 1 GiB");
    return data;
  }
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw InputError(path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    if (!fs::exists(path, ec)) throw InputError(path + ": no such file or directory");
    throw InputError(path + ": cannot read file (" + std::string(std::strerror(err ? err : EACCES)) + ")");
  }
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

std::vector<Document> read_documents(const std::string& path, InputFormat format,
                                     std::vector<std::string>& warnings) {
  const std::string name = path == "-" ? std::string("-") : path;
  check_size_before_reading(path, format);
  std::string raw = read_all(path);
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
  if (!bad.empty()) {
    std::string w = name + ": invalid UTF-8 at byte " + std::to_string(bad.front());
    if (bad.size() > 1)
      w += " (and " + std::string(bad.size() >= 16 ? "at least " : "") + std::to_string(bad.size() - 1) +
           " more)";
    w += ", replaced with U+FFFD";
    warnings.push_back(std::move(w));
  }
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
  std::erase_if(docs, [&](const Document& d) {
    if (d.text.size() <= kMaxDocumentBytes) return false;
    warnings.push_back(name + ": article \"" + d.id + "\" (" + std::to_string(d.text.size()) +
                       " bytes) is too large; skipped");
    return true;
  });
  if (docs.empty()) throw InputError(name + ": no article small enough to read");
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
