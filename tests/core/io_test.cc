// Readers: every input format, page furniture, DCT, and every kind of bad input.
#include "core/io.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/segment.h"

using namespace chronicle;
namespace fs = std::filesystem;

namespace {

std::string fixture(const std::string& name) { return std::string(CHRONICLE_FIXTURES) + "/io/" + name; }

std::vector<Document> read(const std::string& name, std::vector<std::string>& warnings,
                           InputFormat format = InputFormat::Auto) {
  return read_documents(fixture(name), format, warnings);
}

std::string error_of(const std::string& path, InputFormat format = InputFormat::Auto) {
  std::vector<std::string> warnings;
  try {
    read_documents(path, format, warnings);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

std::string_view span_text(const Document& d, Span s) {
  return std::string_view(d.text).substr(s.start, s.size());
}

bool is_furniture(const Document& d, std::string_view needle) {
  const auto p = d.text.find(needle);
  REQUIRE(p != std::string::npos);
  return std::any_of(d.furniture.begin(), d.furniture.end(),
                     [&](const Span& s) { return s.start <= p && p < s.end; });
}

// A fresh directory under the system temp dir, removed at scope end.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("chronicle_io_test_" + std::to_string(::getpid()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path, ec);
  }
};

}  // namespace

TEST_CASE("input format names") {
  CHECK(parse_input_format("auto") == InputFormat::Auto);
  CHECK(parse_input_format("conllu") == InputFormat::Conllu);
  CHECK(parse_input_format("timeml") == InputFormat::TimeML);
  CHECK_FALSE(parse_input_format("pdf").has_value());
}

TEST_CASE("plain text: furniture becomes metadata, title and DCT come from the page") {
  std::vector<std::string> warnings;
  const auto docs = read("article.txt", warnings);
  REQUIRE(docs.size() == 1);
  const Document& d = docs[0];
  CHECK(warnings.empty());
  CHECK(d.id == "article");
  CHECK(d.title == "Harbour city votes to rebuild its old bridge");
  REQUIRE(d.dct.has_value());
  CHECK(d.dct->timex() == "2019-02-10T18:30");  // Published, not Updated, not the 2020 crawl stamp
  CHECK(d.dct->utc_offset_minutes == 60);
  CHECK(d.dct_origin == "published");
  CHECK(d.metadata.at("crawl_stamp").starts_with("Tuesday, March 3, 2020"));
  CHECK(d.metadata.at("tags") == "lisbon, bridge, council");
  CHECK(d.metadata.at("location") == "Portugal, Lisbon");
  CHECK(d.metadata.at("photo_credit") == "Reuters");
  CHECK(d.metadata.count("updated") == 1);
  // The text is kept exactly; furniture is only marked.
  std::ifstream in(fixture("article.txt"), std::ios::binary);
  const std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(d.text == raw);
  CHECK(is_furniture(d, "Last Update"));
  CHECK(is_furniture(d, "Published :"));
  CHECK(is_furniture(d, "Tags:"));
  CHECK(is_furniture(d, "Location:"));
  CHECK(is_furniture(d, "Workers inspect"));
  CHECK(is_furniture(d, "News   Europe"));
  CHECK_FALSE(is_furniture(d, "The council approved"));
  CHECK_FALSE(is_furniture(d, "What happens next"));

  Analysis a;
  a.doc = d;
  segment(a);
  std::string story;
  for (const Sentence& s : a.sentences) story += std::string(span_text(a.doc, s.span)) + "\n";
  CHECK_FALSE(contains(story, "Last Update"));
  CHECK_FALSE(contains(story, "Workers inspect"));
  CHECK_FALSE(contains(story, "lisbon, bridge"));
  CHECK(contains(story, "Lisbon:\nThe city council voted"));  // dateline is its own unit
  CHECK(contains(story, "\nWhat happens next\n"));            // subhead without final punctuation
}

TEST_CASE("text without any date leaves the DCT empty") {
  TempDir tmp;
  const auto p = tmp.path / "nodate.txt";
  std::ofstream(p) << "Officials met again.\n\nNo agreement was reached.\n";
  std::vector<std::string> warnings;
  const auto docs = read_documents(p.string(), InputFormat::Auto, warnings);
  REQUIRE(docs.size() == 1);
  CHECK_FALSE(docs[0].dct.has_value());
  CHECK(docs[0].dct_origin.empty());
}

TEST_CASE("double-spaced sentences are story, not a breadcrumb") {
  TempDir tmp;
  const auto p = tmp.path / "typewriter.txt";
  std::ofstream(p) << "Prices rose.  Traders said so.  Demand was up.  Supply fell.\n";
  std::vector<std::string> warnings;
  const auto docs = read_documents(p.string(), InputFormat::Auto, warnings);
  CHECK(docs[0].furniture.empty());
}

TEST_CASE("a wire's closing credits and one-word sign-off are furniture, a story's last words are not") {
  TempDir tmp;
  const auto p = tmp.path / "wire_end.txt";
  std::ofstream(p) << "Rebels took the town on Monday.\n    Talks resume next week, officials said.\n"
                      "(Reporting by Ann Lee; Editing by Bo Park)\n\n Reuter\n";
  std::vector<std::string> warnings;
  const auto docs = read_documents(p.string(), InputFormat::Auto, warnings);
  REQUIRE(docs.size() == 1);
  const Document& d = docs[0];
  CHECK(is_furniture(d, "Reuter"));
  CHECK(is_furniture(d, "(Reporting by"));
  CHECK_FALSE(is_furniture(d, "Talks resume"));
  CHECK(d.metadata.at("sign_off") == "Reuter");
  CHECK(d.metadata.at("credits") == "(Reporting by Ann Lee; Editing by Bo Park)");
  Analysis a;
  a.doc = d;
  segment(a);
  REQUIRE(a.sentences.size() == 2);
  CHECK(span_text(a.doc, a.sentences.back().span) == "Talks resume next week, officials said.");

  // A one-word last line after an unpunctuated one is part of the story (a list,
  // a subhead's answer), and so is a one-word line in mid-text.
  const auto q = tmp.path / "list_end.txt";
  std::ofstream(q) << "The winners were named.\nFirst place\nNorway\n";
  const auto list = read_documents(q.string(), InputFormat::Auto, warnings);
  CHECK_FALSE(is_furniture(list[0], "Norway"));
  CHECK(list[0].metadata.count("sign_off") == 0);
  const auto r = tmp.path / "mid.txt";
  std::ofstream(r) << "Officials met.\nAgreed\nThe talks go on, they said.\n";
  const auto mid = read_documents(r.string(), InputFormat::Auto, warnings);
  CHECK_FALSE(is_furniture(mid[0], "Agreed"));

  // After a table, the sign-off stands apart by its indentation or a blank line.
  const auto t = tmp.path / "table_end.txt";
  std::ofstream(t) << "Qtly div 35 cts vs 35 cts prior\n    Pay March 31\n    Record March 13\n Reuter\n";
  const auto table = read_documents(t.string(), InputFormat::Auto, warnings);
  CHECK(is_furniture(table[0], "Reuter"));
  CHECK_FALSE(is_furniture(table[0], "Record March"));
}

TEST_CASE("dateline with a date gives the DCT") {
  TempDir tmp;
  const auto p = tmp.path / "wire.txt";
  std::ofstream(p) << "WASHINGTON, March 4, 2015 (Reuters) - The Senate passed the bill on Wednesday.\n";
  std::vector<std::string> warnings;
  const auto docs = read_documents(p.string(), InputFormat::Auto, warnings);
  REQUIRE(docs[0].dct.has_value());
  CHECK(docs[0].dct->timex() == "2015-03-04");
  CHECK(docs[0].dct_origin == "dateline");
}

TEST_CASE("html: article body without scripts, styles, navigation; meta DCT and title") {
  std::vector<std::string> warnings;
  const auto docs = read("article.html", warnings);
  REQUIRE(docs.size() == 1);
  const Document& d = docs[0];
  CHECK(d.title == "Storm closes port for two days");
  REQUIRE(d.dct.has_value());
  CHECK(d.dct->timex() == "2018-11-04T07:45");
  CHECK(d.dct->utc_offset_minutes == 60);
  CHECK(d.dct_origin == "html:article:published_time");
  CHECK(contains(d.text, "A storm forced the port of Hamburg"));
  CHECK(contains(d.text, "offshore & crews"));                // &amp; decoded
  CHECK(contains(d.text, "on board \xE2\x80\x94 some"));      // &mdash; decoded
  CHECK(contains(d.text, "40 hours.\n\nThe port reopened"));  // <br> breaks
  CHECK(contains(d.text, "stray < sign"));                    // malformed markup survives
  CHECK_FALSE(contains(d.text, "not text"));
  CHECK_FALSE(contains(d.text, "color"));
  CHECK_FALSE(contains(d.text, "Home"));
  CHECK_FALSE(contains(d.text, "Breaking news banner"));
  CHECK_FALSE(contains(d.text, "Copyright"));
  CHECK_FALSE(contains(d.text, "Related: other storms"));
  CHECK_FALSE(contains(d.text, "Waves hit the pier"));
}

TEST_CASE("html: malformed pages do not blow up") {
  TempDir tmp;
  const auto p = tmp.path / "bad.html";
  std::string page = "<html><body>";
  for (int i = 0; i < 20000; ++i) page += "<div><span>";  // deep nesting, never closed
  page += "Deep text &#x41;&#66;&#xFFFFFFFF; <a href=\"x>y\">link</a> <!-- unterminated comment";
  std::ofstream(p) << page;
  std::vector<std::string> warnings;
  const auto docs = read_documents(p.string(), InputFormat::Auto, warnings);
  REQUIRE(docs.size() == 1);
  CHECK(contains(docs[0].text, "Deep text AB"));
  CHECK(contains(docs[0].text, "link"));
}

TEST_CASE("jsonl: one article per line, malformed lines skipped with file:line warnings") {
  std::vector<std::string> warnings;
  const auto docs = read("articles.jsonl", warnings);
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].id == "a1");
  CHECK(docs[0].title == "Rains flood valley");
  CHECK(docs[0].source == "https://example.org/a1");
  CHECK(docs[0].dct->timex() == "2017-05-02");
  CHECK(docs[0].dct_origin == "jsonl");
  CHECK(docs[1].id == "a3");
  CHECK(docs[1].dct->timex() == "2017-05-03T10:00");
  CHECK(docs[1].dct->utc_offset_minutes == -240);
  REQUIRE(warnings.size() == 2);
  CHECK(contains(warnings[0], "articles.jsonl:2: malformed JSON"));
  CHECK(contains(warnings[1], "articles.jsonl:5: no \"text\" field"));
  CHECK(contains(error_of(fixture("malformed.jsonl")), "malformed.jsonl: no valid JSONL article"));
}

TEST_CASE("timeml: DOCID, DCT, TEXT with inline tags stripped and entities decoded") {
  std::vector<std::string> warnings;
  const auto docs = read("doc.tml", warnings);
  REQUIRE(docs.size() == 1);
  const Document& d = docs[0];
  CHECK(d.id == "test_doc_1");
  CHECK(d.title == "Test document");
  CHECK(d.dct->timex() == "1998-02-27");
  CHECK(d.dct_origin == "timeml");
  CHECK(d.text == "\nThe company said Thursday that profits & sales rose.\n");
}

TEST_CASE("timeml: hostile and broken XML give one clear error") {
  const std::string bomb = error_of(fixture("hostile.tml"));
  CHECK(contains(bomb, "hostile.tml:2: DOCTYPE with entity declarations"));
  CHECK(contains(error_of(fixture("unclosed.tml")), "unclosed.tml:4: <TEXT> element is not closed"));
  // Deep nesting inside TEXT costs linear time, no recursion.
  TempDir tmp;
  const auto p = tmp.path / "deep.tml";
  std::string doc = "<TimeML><DOCID>d</DOCID><TEXT>";
  for (int i = 0; i < 100000; ++i) doc += "<a>";
  doc += "deep&custom;";
  for (int i = 0; i < 100000; ++i) doc += "</a>";
  doc += "</TEXT></TimeML>";
  std::ofstream(p) << doc;
  std::vector<std::string> warnings;
  const auto docs = read_documents(p.string(), InputFormat::Auto, warnings);
  CHECK(docs[0].text == "deep&custom;");
  REQUIRE(warnings.size() == 1);
  CHECK(contains(warnings[0], "custom entities are not expanded"));
}

TEST_CASE("conll: given tokens and sentences kept exactly, documents split at -DOCSTART-") {
  std::vector<std::string> warnings;
  const auto docs = read("sample.conll", warnings);
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].text == "EU rejects German call .\nPeter Blackburn");
  CHECK(docs[0].given_tokens.size() == 7);
  CHECK(docs[0].given_sentence_starts == std::vector<std::uint32_t>{0, 5});
  CHECK(docs[1].text == "BRUSSELS 1996-08-22");
  REQUIRE(warnings.size() == 1);
  CHECK(contains(warnings[0], "sample.conll:14:"));

  Analysis a;
  a.doc = docs[1];
  segment(a);
  REQUIRE(a.tokens.size() == 2);
  CHECK(a.text(a.tokens[1]) == "1996-08-22");  // not split at the hyphens
}

TEST_CASE("conllu: word forms, multiword ranges and empty nodes skipped, metadata read") {
  std::vector<std::string> warnings;
  const auto docs = read("sample.conllu", warnings);
  REQUIRE(docs.size() == 1);
  const Document& d = docs[0];
  CHECK(d.id == "doc1");
  CHECK(d.title == "A tiny test");
  CHECK(d.dct->timex() == "2015-06-01");
  CHECK(d.text == "I do n't know .\nFine .");
  REQUIRE(warnings.size() == 1);
  CHECK(contains(warnings[0], "sample.conllu:18: expected 10 tab-separated columns"));
  Analysis a;
  a.doc = d;
  segment(a);
  REQUIRE(a.sentences.size() == 2);
  CHECK(a.sentences[0].size() == 5);
  CHECK(a.text(a.tokens[2]) == "n't");
}

TEST_CASE("bad input: missing, unreadable, empty, binary") {
  CHECK(expand_inputs({fixture("does-not-exist.txt")}) ==
        std::vector<std::string>{fixture("does-not-exist.txt")});
  CHECK(contains(error_of(fixture("does-not-exist.txt")), "does-not-exist.txt: no such file or directory"));
  CHECK(error_of(fixture("empty.txt")) == fixture("empty.txt") + ": empty");
  CHECK(error_of(fixture("blank.txt")) == fixture("blank.txt") + ": empty");
  CHECK(contains(error_of(fixture("binary.txt")), "binary.txt: binary file (NUL byte at byte 4)"));
  CHECK(contains(error_of(fixture("")), "is a directory"));

  TempDir tmp;
  const auto p = tmp.path / "secret.txt";
  std::ofstream(p) << "Some text.\n";
  fs::permissions(p, fs::perms::none);
  if (::geteuid() == 0) {
    MESSAGE("running as root: file permissions do not stop reading, unreadable-file check skipped");
  } else {
    CHECK(contains(error_of(p.string()), "secret.txt: cannot read file"));
  }
}

TEST_CASE("bad input: invalid UTF-8 is replaced and reported with its byte offset") {
  std::vector<std::string> warnings;
  const auto docs = read("invalid_utf8.txt", warnings);
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].text == "Caf\xEF\xBF\xBD au lait costs \xEF\xBF\xBD\xEF\xBF\xBD 3 euros.\n");
  REQUIRE(warnings.size() == 1);
  CHECK(contains(warnings[0], "invalid_utf8.txt: invalid UTF-8 at byte 3"));
}

TEST_CASE("expand_inputs: directories recursively, sorted, hidden files skipped") {
  TempDir tmp;
  fs::create_directories(tmp.path / "b" / "c");
  fs::create_directories(tmp.path / ".git");
  std::ofstream(tmp.path / "z.txt") << "z";
  std::ofstream(tmp.path / "b" / "c" / "a.txt") << "a";
  std::ofstream(tmp.path / ".hidden.txt") << "h";
  std::ofstream(tmp.path / ".git" / "config") << "g";
  const auto files = expand_inputs({tmp.path.string(), "-"});
  REQUIRE(files.size() == 3);
  CHECK(files[0] == (tmp.path / "b" / "c" / "a.txt").string());
  CHECK(files[1] == (tmp.path / "z.txt").string());
  CHECK(files[2] == "-");
}

TEST_CASE("bad input: a 100 MB file is refused quickly as one article; many articles are read") {
  TempDir tmp;
  const std::string paragraph =
      "The committee met on Tuesday to discuss the budget, and members agreed on a plan. "
      "Officials said the talks would continue next week in the capital.\n\n";
  const auto big = tmp.path / "big.txt";
  {
    std::ofstream out(big, std::ios::binary);
    std::string block;
    while (block.size() < (1 << 20)) block += paragraph;
    for (int i = 0; i < 100; ++i) out << block;
  }
  const auto t0 = std::chrono::steady_clock::now();
  const std::string err = error_of(big.string());
  CHECK(contains(err, "big.txt: "));
  CHECK(contains(err, "too large for one article"));
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(secs < 5);  // refused from its size, not read

  // Many articles in one file are fine (20 MB of JSONL keeps the test fast).
  const auto jl = tmp.path / "big.jsonl";
  {
    std::ofstream out(jl, std::ios::binary);
    std::string line = "{\"id\":\"x\",\"text\":\"";
    while (line.size() < 4000) line += "The committee met on Tuesday and agreed on a plan. ";
    line += "\"}\n";
    for (std::size_t n = 0; n * line.size() < (std::size_t{20} << 20); ++n) out << line;
  }
  std::vector<std::string> warnings;
  const auto docs = read_documents(jl.string(), InputFormat::Auto, warnings);
  CHECK(docs.size() > 5000);
  CHECK(warnings.empty());
}

namespace {

// Every document of a stream, read `batch` at a time.
std::vector<Document> stream_all(const std::string& path, std::size_t batch,
                                 std::vector<std::string>& warnings, InputFormat format = InputFormat::Auto) {
  DocumentStream in(path, format);
  std::vector<Document> all;
  for (auto docs = in.next(batch, warnings); !docs.empty(); docs = in.next(batch, warnings)) {
    if (path.ends_with(".jsonl")) CHECK(docs.size() <= std::max<std::size_t>(batch, 1));
    for (auto& d : docs) all.push_back(std::move(d));
  }
  return all;
}

std::string stream_error(const std::string& path, std::size_t batch = 2) {
  std::vector<std::string> warnings;
  try {
    stream_all(path, batch, warnings);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::string fields(const std::vector<Document>& docs) {
  std::string out;
  for (const auto& d : docs)
    out += d.id + "|" + d.title + "|" + d.source + "|" + (d.dct ? d.dct->timex() : "") + "|" + d.text + "\n";
  return out;
}

}  // namespace

TEST_CASE("stream: JSONL a batch at a time gives read_documents' articles and warnings, lines counted on") {
  TempDir tmp;
  const auto p = tmp.path / "mixed.jsonl";
  {
    std::ofstream out(p, std::ios::binary);
    out << "\xEF\xBB\xBF";  // byte-order mark
    for (int i = 1; i <= 25; ++i) {
      if (i == 7) out << "{\"id\": \"broken\", \"text\": \n";  // malformed, in the middle of a batch
      if (i == 12) out << "\r\n   \n";                         // blank lines
      if (i == 15) out << "{\"id\": \"no-text\"}\n";
      if (i == 18) out << "{\"id\": \"bad-utf8\", \"text\": \"Caf\xE9 prices rose.\"}\n";
      out << "{\"id\": \"a" << i << "\", \"title\": \"T" << i << "\", \"dct\": \"1987-03-0" << (i % 9 + 1)
          << "\", \"text\": \"Story " << i << " says the minister met the mayor.\"}"
          << (i % 4 == 0 ? "\r\n" : "\n");
    }
    out << "{\"id\": \"last\", \"text\": \"No newline at the end.\"}";
  }
  std::vector<std::string> whole_warnings;
  const auto whole = read_documents(p.string(), InputFormat::Auto, whole_warnings);
  REQUIRE(whole.size() == 27);
  for (std::size_t batch : {1, 2, 5, 256}) {
    CAPTURE(batch);
    std::vector<std::string> warnings;
    const auto streamed = stream_all(p.string(), batch, warnings);
    CHECK(fields(streamed) == fields(whole));
    // The same warnings; the UTF-8 summary comes last instead of first.
    auto sorted = [](std::vector<std::string> v) {
      std::sort(v.begin(), v.end());
      return v;
    };
    CHECK(sorted(warnings) == sorted(whole_warnings));
    REQUIRE(warnings.size() == 3);
    CHECK(contains(warnings[0], "mixed.jsonl:7: malformed JSON"));
    CHECK(contains(warnings[1], "mixed.jsonl:18: no \"text\" field"));
    CHECK(contains(warnings[2], "mixed.jsonl: invalid UTF-8 at byte "));
    CHECK(whole_warnings[0] == warnings[2]);  // same byte offset (after the byte-order mark)
  }
}

TEST_CASE("stream: bad JSONL files give read_documents' errors; other formats are read whole") {
  CHECK(stream_error(fixture("malformed.jsonl")) == error_of(fixture("malformed.jsonl")));
  CHECK(stream_error(fixture("does-not-exist.jsonl")) == error_of(fixture("does-not-exist.jsonl")));
  TempDir tmp;
  const auto blank = tmp.path / "blank.jsonl";
  std::ofstream(blank) << "\n  \n\n";
  CHECK(stream_error(blank.string()) == blank.string() + ": empty");
  CHECK(error_of(blank.string()) == blank.string() + ": empty");
  const auto binary = tmp.path / "binary.jsonl";
  {
    std::ofstream out(binary, std::ios::binary);
    out << "{\"id\": \"x\", \"te" << '\0' << "xt\": \"y\"}\n";
  }
  CHECK(stream_error(binary.string()) == error_of(binary.string()));
  CHECK(contains(stream_error(binary.string()), "binary file (NUL byte at byte 15)"));
  // A NUL byte after the first article skips its line only.
  const auto late = tmp.path / "late-nul.jsonl";
  {
    std::ofstream out(late, std::ios::binary);
    out << "{\"id\": \"a\", \"text\": \"First.\"}\n{\"id\": \"b\", \"text\": \"Bad" << '\0'
        << "\"}\n{\"id\": \"c\", \"text\": \"Third.\"}\n";
  }
  std::vector<std::string> warnings;
  const auto docs = stream_all(late.string(), 1, warnings);
  REQUIRE(docs.size() == 2);
  CHECK(docs[1].id == "c");
  REQUIRE(warnings.size() == 1);
  CHECK(contains(warnings[0], "late-nul.jsonl:2: NUL byte at byte 54; line skipped"));

  warnings.clear();
  const auto text = stream_all(fixture("article.txt"), 1, warnings);
  std::vector<std::string> whole_warnings;
  CHECK(fields(text) == fields(read_documents(fixture("article.txt"), InputFormat::Auto, whole_warnings)));
  CHECK(warnings == whole_warnings);
  warnings.clear();
  CHECK(stream_all(fixture("sample.conll"), 1, warnings).size() ==
        read_documents(fixture("sample.conll"), InputFormat::Auto, whole_warnings).size());
}

TEST_CASE("stream: a JSONL line longer than the limit is skipped without being held") {
  TempDir tmp;
  const auto p = tmp.path / "huge-line.jsonl";
  {
    std::ofstream out(p, std::ios::binary);
    out << "{\"id\": \"a\", \"text\": \"Before.\"}\n{\"id\": \"huge\", \"text\": \"";
    const std::string block(1 << 20, 'x');
    for (int i = 0; i < 65; ++i) out << block;
    out << "\"}\n{\"id\": \"b\", \"text\": \"After.\"}\n";
  }
  std::vector<std::string> warnings;
  const auto docs = stream_all(p.string(), 10, warnings);
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].id == "a");
  CHECK(docs[1].id == "b");
  REQUIRE(warnings.size() == 1);
  CHECK(contains(warnings[0], "huge-line.jsonl:2: longer than 64 MiB; line skipped"));
}
