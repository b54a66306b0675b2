// chronicle train ner: rebuilds models/ner.model from CoNLL-2003 (and the
// lexicon sources), printing the dev F1; `--eval MODEL` only scores a model.
#include <iostream>

#include "cli/commands.h"
#include "core/model_file.h"
#include "extract/ner_trainer.h"
#include "extract/tagger.h"

namespace chronicle::cli {

void add_train_ner_command(CLI::App& train) {
  auto* cmd = train.add_subcommand(
      "ner", "train the named-entity recogniser on CoNLL-2003 (eng.train, dev eng.testa)");
  auto opts = std::make_shared<NerTrainOptions>();
  auto eval = std::make_shared<std::string>();
  opts->output = default_models_dir() + "/ner.model";
  cmd->add_option("--data", opts->data_dir, "folder with conll2003/, reuters21578/, petrarch2/")
      ->capture_default_str();
  cmd->add_option("--train", opts->train_file, "training file (default <data>/conll2003/eng.train)");
  cmd->add_option("--dev", opts->dev_file, "dev file (default <data>/conll2003/eng.testa; - for none)");
  cmd->add_option("--wordnet", opts->wordnet_dir, "WordNet dict folder")->capture_default_str();
  cmd->add_option("--out", opts->output, "model file to write")->capture_default_str();
  cmd->add_option("--epochs", opts->epochs, "training epochs (the best on dev is kept)")
      ->capture_default_str();
  cmd->add_option("--clusters", opts->clusters, "word classes from unlabeled text (0: none)")
      ->capture_default_str();
  cmd->add_option("--prune", opts->prune, "drop features below this share of the largest weight")
      ->capture_default_str();
  cmd->add_option("--seed", opts->seed, "shuffling seed")->capture_default_str();
  cmd->add_option("--eval", *eval, "only score this model on the dev file");
  auto pos_model = std::make_shared<std::string>();
  cmd->add_option("--pos", *pos_model,
                  "add POS features from this tagger model (e.g. models/pos.model); the pipeline then "
                  "tags before recognising");
  cmd->callback([opts, eval, pos_model] {
    NerTrainOptions o = *opts;
    if (!pos_model->empty()) {
      std::shared_ptr<const Tagger> tagger = Tagger::load(*pos_model);
      o.pos_tagger = [tagger](const std::vector<std::string_view>& forms) {
        std::vector<std::string> xpos;
        for (const Tagger::Tagged& t : tagger->tag_words(forms)) xpos.push_back(t.xpos);
        return xpos;
      };
    }
    o.log = [](const std::string& line) { std::cerr << line << "\n"; };
    auto print = [](const NerScore& s, const NerScore* by_type) {
      std::cout << "dev entities " << s.gold << ", predicted " << s.predicted << ", correct " << s.correct
                << "\n";
      std::printf("dev precision %.2f recall %.2f F1 %.2f\n", s.precision(), s.recall(), s.f1());
      if (by_type)
        for (int k = 0; k < ner::kTypes; ++k)
          std::printf("  %-4s precision %.2f recall %.2f F1 %.2f\n", std::string(ner::kConllTypes[k]).c_str(),
                      by_type[k].precision(), by_type[k].recall(), by_type[k].f1());
    };
    if (!eval->empty()) {
      std::string dev = o.dev_file.empty() ? o.data_dir + "/conll2003/eng.testa" : o.dev_file;
      auto model = EntityRecognizer::load(*eval);
      NerScore by_type[ner::kTypes];
      std::vector<ConllDocument> docs = read_conll_tagged(dev);
      if (o.pos_tagger)
        for (ConllDocument& d : docs)
          for (ConllSentence& s : d) s.xpos = o.pos_tagger({s.words.begin(), s.words.end()});
      NerScore s = evaluate_ner(*model, docs, by_type);
      print(s, by_type);
      return;
    }
    NerTrainReport r = train_ner(o);
    std::cout << "wrote " << o.output << ": " << r.features << " features, " << r.model_bytes
              << " bytes, best epoch " << r.best_epoch << "\n";
    print(r.dev, r.dev_by_type);
  });
}

}  // namespace chronicle::cli
