// JSONL articles: one JSON object per line, {"id","title","text","dct","url"}.
// A malformed line is skipped with a warning "file:LINE: ..."; the file is
// an error only when no line gives an article. Line by line, so that a stream
// (core/io.h DocumentStream) reads the same way as a whole file.
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/io.h"
#include "core/readers.h"

namespace chronicle::detail {

std::optional<Document> read_jsonl_line(const std::string& path, std::size_t line_no, std::string_view line,
                                        std::size_t& skipped, std::vector<std::string>& warnings) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
    line.remove_suffix(1);
  if (line.find_first_not_of(" \t") == std::string_view::npos) return std::nullopt;
  const std::string where = path + ":" + std::to_string(line_no) + ": ";
  auto skip = [&](const std::string& why) -> std::optional<Document> {
    skip_jsonl_line(path, line_no, why, skipped, warnings);
    return std::nullopt;
  };
  rapidjson::Document json;
  json.Parse<rapidjson::kParseStopWhenDoneFlag>(line.data(), line.size());
  if (json.HasParseError())
    return skip(std::string("malformed JSON (") + rapidjson::GetParseError_En(json.GetParseError()) +
                " at column " + std::to_string(json.GetErrorOffset() + 1) + ")");
  if (!json.IsObject()) return skip("expected a JSON object");
  auto get = [&](const char* key) -> std::optional<std::string> {
    auto it = json.FindMember(key);
    if (it == json.MemberEnd() || it->value.IsNull()) return std::nullopt;
    if (it->value.IsString()) return std::string(it->value.GetString(), it->value.GetStringLength());
    if (it->value.IsNumber() && (std::string_view(key) == "id")) {
      return it->value.IsInt64() ? std::to_string(it->value.GetInt64())
                                 : std::to_string(it->value.GetDouble());
    }
    return std::string("\x01");  // present, wrong type
  };
  const auto text = get("text");
  if (!text || *text == "\x01") return skip(text ? "\"text\" is not a string" : "no \"text\" field");
  Document d;
  d.text = *text;
  const auto id = get("id");
  d.id = id && *id != "\x01" ? *id : file_stem(path) + "-" + std::to_string(line_no);
  if (auto t = get("title"); t && *t != "\x01") d.title = *t;
  const auto url = get("url");
  d.source = url && *url != "\x01" ? *url : path + ":" + std::to_string(line_no);
  if (url && *url != "\x01") d.metadata.emplace("url", *url);
  if (auto dct = get("dct"); dct && *dct != "\x01" && !dct->empty()) {
    if (auto tp = parse_date_time(*dct)) {
      d.dct = tp;
      d.dct_origin = "jsonl";
    } else {
      warnings.push_back(where + "cannot read \"dct\" value \"" + dct->substr(0, 60) + "\"");
    }
  }
  // Strings from JSON may carry invalid UTF-8 escapes? RapidJSON produces
  // valid UTF-8 from \u escapes except lone surrogates, which it rejects.
  find_furniture(d);
  return d;
}

void skip_jsonl_line(const std::string& path, std::size_t line_no, const std::string& why,
                     std::size_t& skipped, std::vector<std::string>& warnings) {
  ++skipped;
  if (skipped <= 20) warnings.push_back(path + ":" + std::to_string(line_no) + ": " + why + "; line skipped");
}

void finish_jsonl(const std::string& path, std::size_t documents, std::size_t skipped,
                  std::vector<std::string>& warnings) {
  if (skipped > 20)
    warnings.push_back(path + ": " + std::to_string(skipped) + " malformed lines skipped in all");
  if (documents == 0)
    throw InputError(path + ": no valid JSONL article (" + std::to_string(skipped) + " malformed lines)");
}

std::vector<Document> read_jsonl(const std::string& path, std::string_view content,
                                 std::vector<std::string>& warnings) {
  std::vector<Document> docs;
  std::size_t line_no = 0, skipped = 0;
  for (std::size_t i = 0; i < content.size();) {
    std::size_t e = content.find('\n', i);
    if (e == std::string_view::npos) e = content.size();
    ++line_no;
    if (auto d = read_jsonl_line(path, line_no, content.substr(i, e - i), skipped, warnings))
      docs.push_back(std::move(*d));
    i = e + 1;
  }
  finish_jsonl(path, docs.size(), skipped, warnings);
  return docs;
}

}  // namespace chronicle::detail
