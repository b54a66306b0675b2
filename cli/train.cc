// chronicle train pos|parser|evaluate|ner|events: rebuilds the shipped models
// from their corpora, reproducibly; `evaluate` scores the syntax models on dev data.
//
// Each model kind registers itself as one sub-subcommand (kTrainers below);
// adding one (e.g. `train ner`) is a function of the same shape and a line in
// that list.
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "core/model_file.h"
#include "extract/conllu_corpus.h"
#include "extract/ner_lexicon_builder.h"
#include "extract/parser.h"
#include "extract/parser_trainer.h"
#include "extract/syntax_eval.h"
#include "extract/tagger.h"
#include "extract/tagger_trainer.h"

namespace chronicle::cli {

namespace {

std::string ewt_path(const std::string& split) {
  return std::string(CHRONICLE_SOURCE_DIR) + "/../shared/data/ud-english-ewt/en_ewt-ud-" + split + ".conllu";
}

// The date a model was trained, for its header: $SOURCE_DATE_EPOCH when set
// (reproducible builds), else the training file's modification date, so the
// same data gives the same bytes.
std::string training_date(const std::string& train_path, const std::string& given) {
  if (!given.empty()) return given;
  std::time_t t = 0;
  if (const char* e = std::getenv("SOURCE_DATE_EPOCH"); e && *e) {
    t = static_cast<std::time_t>(std::strtoll(e, nullptr, 10));
  } else {
    std::error_code ec;
    auto ft = std::filesystem::last_write_time(train_path, ec);
    if (!ec) t = std::chrono::system_clock::to_time_t(std::chrono::file_clock::to_sys(ft));
  }
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::ostringstream ss;
  ss << std::put_time(&tm, "%Y-%m-%d");
  return ss.str();
}

struct CommonOptions {
  std::string train = ewt_path("train");
  std::vector<std::string> extra;  // more training corpora, e.g. GUM's documents
  std::string dev = ewt_path("dev");
  std::string out;
  std::string date;
  int iterations = 0;
  std::uint64_t seed = 1;
  int mix_seeds = 1;
};

void add_common(CLI::App* cmd, CommonOptions& o, const std::string& model) {
  cmd->add_option("--train", o.train, "training corpus (CoNLL-U)")->capture_default_str();
  cmd->add_option("--extra", o.extra, "more training corpora (CoNLL-U files), read after --train");
  cmd->add_option("--dev", o.dev, "dev corpus (CoNLL-U) scored after training; '' to skip")
      ->capture_default_str();
  cmd->add_option("--out", o.out, "model file to write (default: <models>/" + model + ")");
  cmd->add_option("--iterations", o.iterations, "training passes over the corpus")->capture_default_str();
  cmd->add_option("--seed", o.seed, "seed of the shuffles and explorations")->capture_default_str();
  cmd->add_option("--mix-seeds", o.mix_seeds,
                  "train with seeds --seed, --seed + 1, ... this many times and ship the mean weights "
                  "(parameter mixing: same size and speed)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--date", o.date,
                  "training date for the header (default: $SOURCE_DATE_EPOCH or the corpus date)");
}

std::string provenance(const CommonOptions& o, const std::string& what) {
  std::string extra;
  if (!o.extra.empty()) extra = " + " + std::to_string(o.extra.size()) + " more CoNLL-U files (--extra)";
  return "UD English EWT (CC BY-SA 4.0) " + std::filesystem::path(o.train).filename().string() + extra +
         "; chronicle train " + what + " --iterations " + std::to_string(o.iterations) + " --seed " +
         std::to_string(o.seed) + (o.mix_seeds > 1 ? " --mix-seeds " + std::to_string(o.mix_seeds) : "") +
         "; trained " + training_date(o.train, o.date);
}

std::vector<CorpusSentence> read_corpus(const std::string& path, const char* role) {
  if (!std::filesystem::exists(path))
    throw UsageError(std::string("train: ") + role + " corpus " + path + " not found");
  return read_conllu_corpus(path);
}

// Writes a trained model to --out (default <models>/<name>) and says so; returns the path.
std::string write_model(const CommonOptions& o, const std::string& name, const std::string& bytes) {
  std::string out = o.out.empty() ? default_models_dir() + "/" + name : o.out;
  write_binary_file(out, bytes);
  std::cout << "wrote " << out << " (" << bytes.size() << " bytes)\n";
  return out;
}

// Every file's sentences, in the order given.
std::vector<CorpusSentence> read_corpora(const std::vector<std::string>& paths, const char* role) {
  std::vector<CorpusSentence> all;
  for (const auto& path : paths) {
    auto more = read_corpus(path, role);
    all.insert(all.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  return all;
}

// --train then every --extra file, in the order given.
std::vector<CorpusSentence> read_training(const CommonOptions& o) {
  std::vector<std::string> paths{o.train};
  paths.insert(paths.end(), o.extra.begin(), o.extra.end());
  return read_corpora(paths, "training");
}

void print_scores(const std::string& label, const SyntaxScores& s, bool tagger, bool parser) {
  std::cout << std::fixed << std::setprecision(2) << label << ": " << s.tokens << " tokens";
  if (tagger) std::cout << ", UPOS " << s.upos << "%, XPOS " << s.xpos << "%, lemma " << s.lemma << "%";
  if (parser) std::cout << ", UAS " << s.uas << "%, LAS " << s.las << "%";
  if (s.seconds > 0)
    std::cout << ", " << std::setprecision(0) << static_cast<double>(s.tokens) / s.seconds << " tokens/s";
  std::cout << "\n";
}

void add_train_pos_command(CLI::App& train) {
  auto o = std::make_shared<CommonOptions>();
  o->iterations = TaggerTrainOptions{}.iterations;
  auto wordnet = std::make_shared<std::string>(TaggerTrainOptions{}.wordnet_dir);
  auto max_features = std::make_shared<std::size_t>(TaggerTrainOptions{}.max_features);
  auto* cmd =
      train.add_subcommand("pos", "train the part-of-speech tagger and lemmatiser (models/pos.model)");
  add_common(cmd, *o, "pos.model");
  cmd->add_option("--wordnet", *wordnet, "WordNet 3.0 dictionary folder (wordnet-base)")
      ->capture_default_str();
  cmd->add_option("--max-features", *max_features, "features kept after pruning")->capture_default_str();
  auto unlabeled =
      std::make_shared<std::string>(std::string(CHRONICLE_SOURCE_DIR) + "/../shared/data/reuters21578");
  cmd->add_option("--unlabeled", *unlabeled,
                  "Reuters-21578 SGML folder: unlabeled text for word classes ('' for none)")
      ->capture_default_str();
  auto word_classes = std::make_shared<int>(TaggerTrainOptions{}.word_classes);
  cmd->add_option("--word-classes", *word_classes, "number of word classes learned from --unlabeled")
      ->capture_default_str();
  auto classes_from = std::make_shared<std::string>();
  cmd->add_option("--word-classes-from", *classes_from,
                  "reuse the word classes of this pos.model instead of clustering --unlabeled (faster; "
                  "for experiments)");
  cmd->callback([o, wordnet, max_features, unlabeled, word_classes, classes_from] {
    auto train_data = read_training(*o);
    TaggerTrainOptions t;
    t.iterations = o->iterations;
    t.seed = o->seed;
    t.mix_seeds = o->mix_seeds;
    t.wordnet_dir = *wordnet;
    t.max_features = *max_features;
    t.word_classes = *word_classes;
    if (!classes_from->empty()) {
      t.known_word_classes = Tagger::load(*classes_from)->word_classes();
      if (t.known_word_classes.empty())
        throw UsageError("train pos: " + *classes_from + " has no word classes to reuse");
    } else if (!unlabeled->empty()) {
      if (!std::filesystem::is_directory(*unlabeled))
        throw UsageError("train pos: unlabeled text folder " + *unlabeled + " not found");
      t.unlabeled = ner::read_reuters_sentences(*unlabeled);
    }
    t.provenance =
        provenance(*o, "pos") + (!t.known_word_classes.empty() ? "; word classes of " + *classes_from
                                 : t.unlabeled.empty()         ? ""
                                                               : "; word classes from Reuters-21578");
    std::string bytes = train_tagger(train_data, t, &std::cerr);
    const std::string out = write_model(*o, "pos.model", bytes);
    if (!o->dev.empty()) {
      auto tagger = Tagger::from_bytes(bytes, out);
      print_scores("dev", evaluate_syntax(tagger.get(), nullptr, read_corpus(o->dev, "dev")), true, false);
    }
  });
}

void add_train_parser_command(CLI::App& train) {
  auto o = std::make_shared<CommonOptions>();
  o->iterations = ParserTrainOptions{}.iterations;
  auto pos_model = std::make_shared<std::string>();
  auto folds = std::make_shared<int>(ParserTrainOptions{}.jackknife_folds);
  auto max_features = std::make_shared<std::size_t>(ParserTrainOptions{}.max_features);
  auto max_label_features = std::make_shared<std::size_t>(ParserTrainOptions{}.max_label_features);
  auto beam = std::make_shared<int>(ParserTrainOptions{}.beam_width);
  auto decode_beam = std::make_shared<int>(ParserTrainOptions{}.decode_width);
  auto tag_cache = std::make_shared<std::string>();
  auto snapshots = std::make_shared<bool>(false);
  auto gold_labels = std::make_shared<bool>(false);
  auto pretagged = std::make_shared<std::vector<std::string>>();
  auto* cmd = train.add_subcommand("parser", "train the dependency parser (models/parser.model)");
  add_common(cmd, *o, "parser.model");
  cmd->add_option(
      "--pos-model", *pos_model,
      "tagger whose word classes the parser shares, and for the dev score (default: <models>/pos.model)");
  cmd->add_option("--jackknife", *folds,
                  "train on tags predicted by taggers trained on N-1 of N folds (0: gold tags)")
      ->capture_default_str();
  cmd->add_option("--max-features", *max_features, "transition features kept after pruning")
      ->capture_default_str();
  cmd->add_option("--max-label-features", *max_label_features, "label features kept after pruning")
      ->capture_default_str();
  cmd->add_option("--beam", *beam,
                  "beam width of training (1: greedy with the dynamic oracle; wider: global beam training)")
      ->capture_default_str();
  cmd->add_option("--decode-beam", *decode_beam, "beam width stored in the model for parsing (0: --beam)")
      ->capture_default_str();
  cmd->add_option("--tag-cache", *tag_cache,
                  "file of jackknifed tags, read if present, written otherwise (for experiments)");
  cmd->add_flag("--snapshots", *snapshots,
                "beam training: score on --dev and write <out>.itN after each iteration (for experiments)");
  cmd->add_flag("--beam-gold-labels", *gold_labels,
                "beam training: wrong arcs get the dependent's gold relation, not the labeller's (stop 15's "
                "first run)");
  cmd->add_option("--pretagged", *pretagged,
                  "more training corpora (CoNLL-U files) whose tags are the shipped tagger's, e.g. "
                  "automatically parsed text: trained on as tagged, never jackknifed");
  cmd->callback([o, pos_model, folds, max_features, max_label_features, beam, decode_beam, tag_cache,
                 snapshots, gold_labels, pretagged] {
    auto train_data = read_training(*o);
    const auto pretagged_data = read_corpora(*pretagged, "pretagged");
    ParserTrainOptions p;
    p.iterations = o->iterations;
    p.seed = o->seed;
    p.mix_seeds = o->mix_seeds;
    p.jackknife_folds = *folds;
    p.max_features = *max_features;
    p.max_label_features = *max_label_features;
    p.beam_width = *beam;
    p.decode_width = *decode_beam;
    p.tag_cache = *tag_cache;
    p.beam_gold_labels = *gold_labels;
    // The parser shares the word classes of the tagger it will run after.
    std::string tagger_path = pos_model->empty() ? default_models_dir() + "/pos.model" : *pos_model;
    if (std::filesystem::exists(tagger_path))
      p.word_classes = Tagger::load(tagger_path)->word_classes();
    else
      std::cerr << "train parser: no tagger at " << tagger_path << ": training without word classes\n";
    if (*snapshots && !o->dev.empty() && std::filesystem::exists(tagger_path)) {
      auto dev = std::make_shared<std::vector<CorpusSentence>>(read_corpus(o->dev, "dev"));
      std::shared_ptr<const Tagger> tagger = Tagger::load(tagger_path);
      const std::string base = o->out.empty() ? std::string("parser.model") : o->out;
      p.on_iteration = [dev, tagger, base](int iteration, const std::string& bytes) {
        auto parser = Parser::from_bytes(bytes, "snapshot");
        print_scores("dev (predicted tags) after iteration " + std::to_string(iteration),
                     evaluate_syntax(tagger.get(), parser.get(), *dev), true, true);
        std::cout.flush();
        write_binary_file(base + ".it" + std::to_string(iteration), bytes);
      };
    }
    p.provenance = provenance(*o, "parser");
    if (!pretagged->empty())
      p.provenance.insert(p.provenance.find(';'), " + " + std::to_string(pretagged->size()) +
                                                      " automatically parsed CoNLL-U files (--pretagged)");
    std::string bytes = train_parser(train_data, pretagged_data, p, &std::cerr);
    const std::string out = write_model(*o, "parser.model", bytes);
    if (!o->dev.empty()) {
      auto parser = Parser::from_bytes(bytes, out);
      auto dev = read_corpus(o->dev, "dev");
      print_scores("dev (gold tags)", evaluate_syntax(nullptr, parser.get(), dev), false, true);
      if (std::filesystem::exists(tagger_path)) {
        auto tagger = Tagger::load(tagger_path);
        print_scores("dev (predicted tags)", evaluate_syntax(tagger.get(), parser.get(), dev), true, true);
      }
    }
  });
}

void add_train_reviser_command(CLI::App& train) {
  auto o = std::make_shared<CommonOptions>();
  o->iterations = ReviserTrainOptions{}.iterations;
  auto parser_model = std::make_shared<std::string>();
  auto pos_model = std::make_shared<std::string>();
  auto r = std::make_shared<ReviserTrainOptions>();
  r->parser.iterations = 10;  // the shipped parser's recipe (models/README.md)
  auto* cmd = train.add_subcommand(
      "reviser", "add the reviser, which moves words of a finished tree, to a trained parser");
  add_common(cmd, *o, "parser.model");
  cmd->add_option("--parser-model", *parser_model,
                  "the trained parser to add it to (default: <models>/parser.model)");
  cmd->add_option("--pos-model", *pos_model,
                  "tagger whose word classes the parser shares, and for the dev score (default: "
                  "<models>/pos.model)");
  cmd->add_option("--folds", r->folds, "fold parsers whose parses the reviser learns from")
      ->capture_default_str();
  cmd->add_option("--parser-iterations", r->parser.iterations, "training passes of each fold parser")
      ->capture_default_str();
  cmd->add_option("--jackknife", r->parser.jackknife_folds,
                  "tags predicted by taggers trained on N-1 of N folds")
      ->capture_default_str();
  cmd->add_option("--max-features", r->max_features, "reviser features kept after pruning")
      ->capture_default_str();
  cmd->add_option("--error-rate", r->error_rate,
                  "revise words of relations the fold parsers misattach at least this often")
      ->capture_default_str();
  cmd->add_option("--tag-cache", r->parser.tag_cache,
                  "file of jackknifed tags, read if present, written otherwise (for experiments)");
  cmd->add_option(
      "--parse-cache", r->parse_cache,
      "CoNLL-U file of the fold parsers' trees, read if present, written otherwise (for experiments)");
  cmd->callback([o, parser_model, pos_model, r] {
    const std::string parser_path =
        parser_model->empty() ? default_models_dir() + "/parser.model" : *parser_model;
    const std::string tagger_path = pos_model->empty() ? default_models_dir() + "/pos.model" : *pos_model;
    if (!std::filesystem::exists(parser_path)) throw UsageError("train reviser: no parser at " + parser_path);
    if (!std::filesystem::exists(tagger_path)) throw UsageError("train reviser: no tagger at " + tagger_path);
    const std::string parser_bytes = read_binary_file(parser_path);
    auto tagger = Tagger::load(tagger_path);
    auto train_data = read_training(*o);
    ReviserTrainOptions options = *r;
    options.iterations = o->iterations;
    options.seed = o->seed;
    options.parser.seed = o->seed;
    options.parser.word_classes = tagger->word_classes();
    options.provenance = provenance(*o, "reviser") + " --folds " + std::to_string(r->folds) +
                         " --parser-iterations " + std::to_string(r->parser.iterations);
    std::string bytes = train_reviser(parser_bytes, train_data, options, &std::cerr);
    const std::string out = write_model(*o, "parser.model", bytes);
    if (!o->dev.empty()) {
      auto parser = Parser::from_bytes(bytes, out);
      auto dev = read_corpus(o->dev, "dev");
      print_scores("dev (gold tags)", evaluate_syntax(nullptr, parser.get(), dev), false, true);
      print_scores("dev (predicted tags)", evaluate_syntax(tagger.get(), parser.get(), dev), true, true);
    }
  });
}

void add_train_evaluate_command(CLI::App& train) {
  auto dev = std::make_shared<std::string>(ewt_path("dev"));
  auto models = std::make_shared<std::string>();
  auto* cmd =
      train.add_subcommand("evaluate", "score the shipped tagger and parser on gold-tokenised CoNLL-U");
  cmd->add_option("--dev", *dev, "gold CoNLL-U to score against")->capture_default_str();
  cmd->add_option("--models", *models, "models folder (default: the installed one)");
  auto beam = std::make_shared<int>(0);
  cmd->add_option("--beam", *beam, "parser beam width (0: the model's)")->capture_default_str();
  cmd->callback([dev, models, beam] {
    std::string dir = models->empty() ? default_models_dir() : *models;
    auto gold = read_corpus(*dev, "dev");
    auto tagger = Tagger::load(dir + "/pos.model");
    auto parser = Parser::load(dir + "/parser.model");
    print_scores("tagger", evaluate_syntax(tagger.get(), nullptr, gold), true, false);
    print_scores("tagger+parser", evaluate_syntax(tagger.get(), parser.get(), gold, *beam), true, true);
  });
}

// The registration list: one entry per `chronicle train <kind>`.
using TrainRegistrar = void (*)(CLI::App& train);
constexpr TrainRegistrar kTrainers[] = {
    add_train_pos_command,    add_train_parser_command, add_train_reviser_command, add_train_evaluate_command,
    add_train_ner_command,     // cli/train_ner.cc
    add_train_events_command,  // cli/train_events.cc
};

}  // namespace

void add_train_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("train", "rebuild a shipped model from its corpus, reproducibly");
  cmd->require_subcommand(1);
  for (TrainRegistrar add : kTrainers) add(*cmd);
}

}  // namespace chronicle::cli
