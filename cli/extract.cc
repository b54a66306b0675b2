// chronicle extract: one document's entities, times and events, without a store.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <thread>

#include "cli/commands.h"
#include "core/conll_writer.h"
#include "core/conllu_writer.h"
#include "core/io.h"
#include "core/json_writer.h"
#include "core/timeml_writer.h"
#include "extract/pipeline.h"

namespace chronicle::cli {
namespace {

struct ExtractOptions {
  std::vector<std::string> inputs{"-"};
  std::string dct;
  std::string input = "auto";
  std::string format = "json";
  std::string output;
  std::string out_dir;
  std::string models;
  unsigned threads = 1;
};

std::string render(const Analysis& a, const std::string& format) {
  if (format == "json") return analysis_to_json(a, /*pretty=*/true) + "\n";
  if (format == "jsonl") return analysis_to_json(a, false) + "\n";
  if (format == "timeml") return analysis_to_timeml(a);
  if (format == "conll") return analysis_to_conll(a);
  if (format == "conllu") return analysis_to_conllu(a);
  throw UsageError("extract: unknown --format " + format);
}

// --out-dir: one output file per document, named after its input file with the
// output format's extension ("a/b.tml" -> "b.tml" for --format timeml), or after
// the document's id when the file held several (JSONL, CoNLL). Evaluation tools
// pair system and gold files by name, and one run loads the models once.
std::string output_name(const std::string& file, const Document& d, bool several, const std::string& format) {
  std::string ext = ".";
  ext += format == "timeml" ? std::string("tml") : format;
  std::string stem = file == "-" ? std::string() : std::filesystem::path(file).stem().string();
  if (several || stem.empty()) {
    stem = d.id.empty() ? std::string("document") : d.id;
    for (char& c : stem)
      if (c == '/' || c == '\\' || c == '\0') c = '_';
  }
  return stem + ext;
}

void write_each(const std::string& dir, const std::vector<std::string>& names,
                const std::vector<std::string>& rendered) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error(dir + ": cannot create directory (" + ec.message() + ")");
  std::set<std::string> seen;
  for (const auto& n : names)
    if (!seen.insert(n).second) throw UsageError("extract: two documents would both be written to " + n);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string path = (std::filesystem::path(dir) / names[i]).string();
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << rendered[i];
    f.flush();
    if (!f) throw std::runtime_error(path + ": write failed");
  }
}

void run_extract(const ExtractOptions& o) {
  if (!o.out_dir.empty() && !o.output.empty()) throw UsageError("extract: give -o or --out-dir, not both");
  auto input_format = parse_input_format(o.input);
  if (!input_format) throw UsageError("extract: unknown --input format '" + o.input + "'");
  std::optional<TimePoint> dct;
  if (!o.dct.empty()) {
    dct = parse_date_time(o.dct);
    if (!dct) throw UsageError("extract: cannot read --dct '" + o.dct + "' (try 2016-12-15)");
  }
  const bool many = o.inputs.size() > 1;
  std::vector<std::string> files = expand_inputs(o.inputs);
  const bool batch = many || files.size() > 1;

  std::vector<Document> docs;
  std::vector<std::string> names;  // --out-dir: each document's output file name
  std::vector<std::string> warnings;
  for (const auto& f : files) {
    try {
      std::vector<Document> read = read_documents(f, *input_format, warnings);
      for (std::size_t k = 0; k < read.size(); ++k) {
        names.push_back(output_name(f, read[k], read.size() > 1, o.format));
        docs.push_back(std::move(read[k]));
      }
    } catch (const InputError& e) {
      if (!batch) throw;
      std::cerr << "chronicle: warning: skipped " << e.what() << "\n";
    }
  }
  for (const auto& w : warnings) std::cerr << "chronicle: warning: " << w << "\n";
  if (docs.empty()) {
    if (batch) throw InputError("extract: no readable documents among the inputs");
  }
  for (auto& d : docs) {
    if (dct) {
      d.dct = dct;
      d.dct_origin = "--dct";
    }
  }

  PipelineOptions popts;
  popts.models_dir = o.models;
  if (o.format == "conll") popts.events = false;
  const Pipeline pipeline = Pipeline::load(popts);

  // Documents are independent: analyse them on `threads` workers, print in input order.
  std::vector<std::string> rendered(docs.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    PipelineScratch scratch;  // this worker's, kept across its documents
    for (std::size_t i; (i = next++) < docs.size();) {
      Analysis a = pipeline.run(std::move(docs[i]), scratch);
      rendered[i] = render(a, o.format);
      if (o.format == "json" && docs.size() > 1 && o.out_dir.empty()) {
        while (!rendered[i].empty() && rendered[i].back() == '\n') rendered[i].pop_back();
      }
    }
  };
  unsigned n = std::max(1u, std::min<unsigned>(o.threads, static_cast<unsigned>(docs.size())));
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < n; ++t) workers.emplace_back(work);
  work();
  for (auto& w : workers) w.join();

  if (!o.out_dir.empty()) {
    write_each(o.out_dir, names, rendered);
    return;
  }
  std::ofstream file;
  if (!o.output.empty()) {
    file.open(o.output, std::ios::binary | std::ios::trunc);
    if (!file) throw std::runtime_error(o.output + ": cannot write");
  }
  std::ostream& out = o.output.empty() ? std::cout : file;
  if (o.format == "json" && docs.size() > 1) {
    out << "[\n";
    for (std::size_t i = 0; i < rendered.size(); ++i)
      out << rendered[i] << (i + 1 < rendered.size() ? ",\n" : "\n");
    out << "]\n";
  } else {
    for (const auto& r : rendered) out << r;
  }
  out.flush();
  if (!out)
    throw std::runtime_error((o.output.empty() ? std::string("stdout") : o.output) + ": write failed");
}

}  // namespace

void add_extract_command(CLI::App& app) {
  auto o = std::make_shared<ExtractOptions>();
  auto* cmd = app.add_subcommand("extract", "Entities, times and events of documents, without a store");
  cmd->add_option("inputs", o->inputs, "Files, directories (read recursively) or - for stdin");
  cmd->add_option("--dct", o->dct, "Document creation time, overriding what the document says (2016-12-15)");
  cmd->add_option("--input", o->input, "Input format")
      ->check(CLI::IsMember({"auto", "text", "html", "jsonl", "timeml", "conll", "conllu"}));
  cmd->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"json", "jsonl", "timeml", "conll", "conllu"}));
  cmd->add_option("-o,--output", o->output, "Write here instead of stdout");
  cmd->add_option("--out-dir", o->out_dir,
                  "Write each document to its own file in this directory, named after its input file");
  cmd->add_option("--models", o->models, "Models directory (default: the shipped models/)");
  cmd->add_option("--threads", o->threads, "Worker threads for many documents")->check(CLI::Range(1u, 256u));
  cmd->callback([o] { run_extract(*o); });
}

}  // namespace chronicle::cli
