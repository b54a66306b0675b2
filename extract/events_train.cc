// Trainer for models/events.model. See events_train.h.
//
// CAMEO dictionary (PETRARCH2 format, see PETRreader.read_verb_dictionary):
// "--- NAME [code] ---" opens a verb block; plain lines list its verbs
// (optionally "{irregular forms}" and an own "[code]"; "+WORD_WORD" a phrasal
// verb); "- words * words [code]" lines are phrase patterns where "*" is the
// verb, "+" "$" "^" "%" mark the target, source and skipped phrases, and
// "&SET" names a synonym set defined at the top of the file. We keep the
// patterns whose words before "*" are only such markers, and reduce each to
// the literal words after the verb (synonym sets expanded).
//
// TimeML: the text between <TEXT> and </TEXT>, tags removed, split into
// words and sentences by a simple tokenizer; a word inside <EVENT class=C>
// gets C (a multi-word EVENT labels its last word).
#include "extract/events_train.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>

#include "extract/events.h"
#include "extract/parser.h"
#include "extract/tagger.h"
#include "extract/wordnet_lexnames.h"

namespace chronicle {

namespace {

std::string lower(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

std::vector<std::string> split_ws(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

// "[190]" "[040:040]" "[---]" -> "190" "040" "".
std::string parse_code(std::string_view bracket) {
  std::string c(bracket.substr(1, bracket.size() - 2));
  if (auto colon = c.find(':'); colon != std::string::npos) c.resize(colon);
  while (!c.empty() && c.back() == ' ') c.pop_back();
  if (c.empty() || c[0] == '-') return {};
  for (char ch : c)
    if (!std::isdigit(static_cast<unsigned char>(ch))) return {};
  return c;
}

// One dictionary word ("PULL_OUT", "KRONE_") -> pattern words.
void add_words(std::string_view w, CameoPattern& p) {
  bool exact = !w.empty() && w.back() == '_';
  if (exact) w.remove_suffix(1);
  std::size_t i = 0;
  while (i <= w.size()) {
    std::size_t j = w.find('_', i);
    if (j == std::string_view::npos) j = w.size();
    if (j > i) {
      p.words.push_back(lower(w.substr(i, j - i)));
      // Inner words of a joined phrase match exactly; the last keeps the stem rule.
      p.exact.push_back(j < w.size() ? 1 : exact ? 1 : 0);
    }
    i = j + 1;
  }
}

bool is_marker(std::string_view t) { return t == "+" || t == "$" || t == "^" || t == "%"; }
// Target, source and compound actor slots.
bool is_actor_slot(std::string_view t) { return t == "+" || t == "$" || t == "%"; }

// English prepositions and particles: a closed class of words that match nearly any sentence.
bool preposition(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "about",  "across", "after",   "against", "along", "among",  "around", "at",     "back",
      "before", "behind", "between", "by",      "down",  "during", "for",    "from",   "in",
      "into",   "near",   "of",      "off",     "on",    "onto",   "out",    "over",   "through",
      "to",     "toward", "towards", "under",   "up",    "upon",   "with",   "within", "without"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

}  // namespace

void compile_cameo_verbs(const std::string& path, EventLexicon& lex) {
  std::istringstream in(read_text_file(path));
  std::map<std::string, std::vector<std::string>> synsets;
  std::string line, current_set;
  bool in_verbs = false;
  std::string block_code;
  std::size_t block = 0;
  while (std::getline(in, line)) {
    if (line.rfind("####### VERB PATTERNS", 0) == 0) in_verbs = true;
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
    if (line.empty()) continue;
    if (!in_verbs) {
      if (line[0] == '&') {
        current_set = line.substr(1);
        if (!current_set.empty() && current_set.back() == '_') current_set.pop_back();
      } else if (line[0] == '+' && !current_set.empty()) {
        std::string w = line.substr(1);
        synsets[current_set].push_back(w);
      }
      continue;
    }
    if (line.rfind("---", 0) == 0) {
      auto lb = line.find('['), rb = line.find(']');
      block_code = (lb != std::string::npos && rb != std::string::npos && rb > lb)
                       ? parse_code(std::string_view(line).substr(lb, rb - lb + 1))
                       : std::string();
      block = lex.cameo_blocks.size();
      lex.cameo_blocks.emplace_back();
      continue;
    }
    if (lex.cameo_blocks.empty()) continue;
    if (line[0] == '-') {
      // A phrase pattern.
      auto lb = line.rfind('['), rb = line.rfind(']');
      if (lb == std::string::npos || rb == std::string::npos || rb < lb) continue;
      std::string code = parse_code(std::string_view(line).substr(lb, rb - lb + 1));
      std::vector<std::string> toks = split_ws(std::string_view(line).substr(1, lb - 1));
      auto star = std::find(toks.begin(), toks.end(), "*");
      if (star == toks.end()) continue;
      bool ok = std::all_of(toks.begin(), star, [](const std::string& t) { return is_marker(t); });
      if (!ok) continue;
      std::vector<CameoPattern> expanded(1);
      bool actor_slot = false;
      for (auto it = star + 1; it != toks.end() && ok; ++it) {
        const std::string& t = *it;
        actor_slot = actor_slot || is_actor_slot(t);
        if (is_marker(t)) continue;
        if (t.find('*') != std::string::npos) {
          ok = false;
        } else if (t[0] == '&') {
          std::string name = t.substr(1);
          if (!name.empty() && name.back() == '_') name.pop_back();
          auto s = synsets.find(name);
          if (s == synsets.end() || s->second.size() * expanded.size() > 64) {
            ok = false;
            break;
          }
          std::vector<CameoPattern> next;
          for (const auto& p : expanded)
            for (const auto& member : s->second) {
              CameoPattern q = p;
              add_words(member, q);
              next.push_back(std::move(q));
            }
          expanded = std::move(next);
        } else {
          for (auto& p : expanded) add_words(t, p);
        }
      }
      if (!ok || expanded.front().words.empty()) continue;
      for (auto& p : expanded) {
        // One preposition left once the actor slot is gone ("- * + IN [173]": hold SOMEONE in):
        // the pattern needs the actor we do not match, and the bare word would code "held the
        // election on Sunday" as an arrest.
        if (actor_slot && p.words.size() == 1 && preposition(p.words[0])) continue;
        p.code = code;
        lex.cameo_blocks[block].push_back(std::move(p));
      }
      continue;
    }
    // A verb line: VERB [{forms}] [[code]]
    std::string_view v = line;
    std::string own_code = block_code;
    if (auto lb = v.find('['); lb != std::string_view::npos) {
      auto rb = v.find(']', lb);
      if (rb != std::string_view::npos) own_code = parse_code(v.substr(lb, rb - lb + 1));
    }
    std::vector<std::string> toks = split_ws(v);
    if (toks.empty() || toks[0][0] == '{' || toks[0][0] == '[') continue;
    std::string word = toks[0];
    bool phrasal = word[0] == '+';
    if (phrasal) word.erase(0, 1);
    CameoPattern words;
    add_words(word, words);
    if (words.words.empty()) continue;
    std::string lemma = words.words[0];
    if (!std::all_of(lemma.begin(), lemma.end(),
                     [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '-'; }))
      continue;
    auto [it, fresh] = lex.verbs.try_emplace(lemma);
    if (words.words.size() == 1) {
      if (fresh || it->second.block == static_cast<std::uint32_t>(-1)) {
        it->second.code = own_code;
        it->second.block = static_cast<std::uint32_t>(block);
      }
    } else {
      if (fresh) it->second.block = static_cast<std::uint32_t>(-1);  // known only as part of phrases
      CameoPattern p;
      p.words.assign(words.words.begin() + 1, words.words.end());
      p.exact.assign(p.words.size(), 1);
      p.code = own_code;
      it->second.patterns.push_back(std::move(p));
    }
  }
}

}  // namespace chronicle

namespace chronicle {

namespace {

struct Synset {
  std::uint8_t lexfile = 0;
  std::vector<std::string> words;
  struct Deriv {
    unsigned source = 0;  // 1-based word number in this synset; 0 = all
    std::uint32_t target = 0;
    unsigned target_word = 0;
  };
  std::vector<Deriv> derivs;             // derivationally related verb forms
  std::vector<std::uint32_t> hypernyms;  // of the same part of speech
  struct Frame {
    unsigned frame = 0, word = 0;  // WordNet frame number; 1-based word number, 0 = all
  };
  std::vector<Frame> frames;  // verbs' sentence frames
};

std::map<std::uint32_t, Synset> read_wordnet_data(const std::string& path) {
  std::map<std::uint32_t, Synset> out;
  std::istringstream in(read_text_file(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == ' ') continue;  // licence header
    if (auto bar = line.find(" | "); bar != std::string::npos) line.resize(bar);
    std::vector<std::string> t = split_ws(line);
    if (t.size() < 6) continue;
    Synset s;
    std::uint32_t offset = static_cast<std::uint32_t>(std::stoul(t[0]));
    s.lexfile = static_cast<std::uint8_t>(std::stoi(t[1]));
    std::size_t k = 3;
    unsigned wc = static_cast<unsigned>(std::stoul(t[k++], nullptr, 16));
    for (unsigned i = 0; i < wc && k + 1 < t.size(); ++i, k += 2) {
      std::string w = lower(t[k]);
      if (auto paren = w.find('('); paren != std::string::npos) w.resize(paren);
      s.words.push_back(w);
    }
    if (k >= t.size()) continue;
    unsigned pc = static_cast<unsigned>(std::stoul(t[k++]));
    for (unsigned i = 0; i < pc && k + 3 < t.size(); ++i, k += 4) {
      if ((t[k] == "@" || t[k] == "@i") && t[k + 2] == t[2])
        s.hypernyms.push_back(static_cast<std::uint32_t>(std::stoul(t[k + 1])));
      if (t[k] != "+" || t[k + 2] != "v") continue;
      Synset::Deriv d;
      d.target = static_cast<std::uint32_t>(std::stoul(t[k + 1]));
      unsigned st = static_cast<unsigned>(std::stoul(t[k + 3], nullptr, 16));
      d.source = st >> 8;
      d.target_word = st & 0xff;
      s.derivs.push_back(d);
    }
    // Verbs: "f_cnt + f_num w_num ...".
    if (t[2] == "v" && k < t.size()) {
      unsigned fc = static_cast<unsigned>(std::stoul(t[k++]));
      for (unsigned i = 0; i < fc && k + 2 < t.size(); ++i, k += 3)
        if (t[k] == "+")
          s.frames.push_back({static_cast<unsigned>(std::stoul(t[k + 1])),
                              static_cast<unsigned>(std::stoul(t[k + 2], nullptr, 16))});
    }
    out.emplace(offset, std::move(s));
  }
  return out;
}

// lemma -> synset offsets in sense order.
std::map<std::string, std::vector<std::uint32_t>> read_wordnet_index(const std::string& path) {
  std::map<std::string, std::vector<std::uint32_t>> out;
  std::istringstream in(read_text_file(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == ' ') continue;
    std::vector<std::string> t = split_ws(line);
    if (t.size() < 6 || t[0].find('_') != std::string::npos) continue;
    std::size_t synsets = std::stoul(t[2]);
    if (synsets > t.size()) continue;
    std::vector<std::uint32_t> offs;
    for (std::size_t i = t.size() - synsets; i < t.size(); ++i)
      offs.push_back(static_cast<std::uint32_t>(std::stoul(t[i])));
    out.emplace(t[0], std::move(offs));
  }
  return out;
}

void read_exceptions(const std::string& path, EventLexicon::Map<std::string>& out) {
  std::istringstream in(read_text_file(path));
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> t = split_ws(line);
    if (t.size() >= 2 && t[0].find('_') == std::string::npos) out.emplace(t[0], t[1]);
  }
}

// Lexicographer files of nouns that name happenings.
bool eventive_lexfile(std::uint8_t f) {
  return f == wordnet::kNounAct || f == wordnet::kNounEvent || f == wordnet::kNounProcess;
}

}  // namespace

void compile_wordnet(const std::string& dir, EventLexicon& lex) {
  auto nouns = read_wordnet_data(dir + "/data.noun");
  auto verbs = read_wordnet_data(dir + "/data.verb");
  auto index_of = [&](const char* pos) { return read_wordnet_index(dir + "/index." + pos); };
  auto nidx = index_of("noun"), vidx = index_of("verb"), aidx = index_of("adj"), ridx = index_of("adv");
  for (const auto& [lemma, offs] : nidx) {
    WordClass& c = lex.words[lemma];
    c.pos |= WordClass::Noun;
    auto first = nouns.find(offs.front());
    if (first != nouns.end()) c.noun_lexfile = first->second.lexfile;
    std::string verb;
    for (std::size_t s = 0; s < offs.size() && s < 2; ++s) {
      auto it = nouns.find(offs[s]);
      if (it == nouns.end() || !eventive_lexfile(it->second.lexfile)) continue;
      c.event_noun = 1;
      if (!verb.empty()) continue;
      const Synset& syn = it->second;
      unsigned my = 0;
      for (unsigned w = 0; w < syn.words.size(); ++w)
        if (syn.words[w] == lemma) my = w + 1;
      for (const auto& d : syn.derivs) {
        if (d.source != 0 && d.source != my) continue;
        auto v = verbs.find(d.target);
        if (v == verbs.end() || v->second.words.empty()) continue;
        unsigned tw = d.target_word ? d.target_word - 1 : 0;
        if (tw < v->second.words.size() && v->second.words[tw].find('_') == std::string::npos) {
          verb = v->second.words[tw];
          break;
        }
      }
    }
    if (!verb.empty()) lex.noun_verbs.emplace(lemma, verb);
  }
  for (const auto& [lemma, offs] : vidx) {
    WordClass& c = lex.words[lemma];
    c.pos |= WordClass::Verb;
    auto first = verbs.find(offs.front());
    if (first != verbs.end()) c.verb_lexfile = first->second.lexfile;
    // The first sense and its first hypernym, that one's, ...
    EventLexicon::VerbSenses vs;
    std::uint32_t at = offs.front();
    for (std::size_t k = 0; k < vs.ancestors.size(); ++k) {
      vs.ancestors[k] = at;
      auto it = verbs.find(at);
      if (it == verbs.end() || it->second.hypernyms.empty()) break;
      at = it->second.hypernyms.front();
    }
    // The complements of the first three senses' frames (WordNet's frame list, wninput(5WN)):
    // 24 25 28 32 35 an infinitive, 26 34 a that-clause, 30 33 a gerund, 29 "whether".
    for (std::size_t sn = 0; sn < offs.size() && sn < 3; ++sn) {
      auto it = verbs.find(offs[sn]);
      if (it == verbs.end()) continue;
      unsigned my = 0;
      for (unsigned w = 0; w < it->second.words.size(); ++w)
        if (it->second.words[w] == lemma) my = w + 1;
      for (const auto& fr : it->second.frames) {
        if (fr.word != 0 && fr.word != my) continue;
        switch (fr.frame) {
          case 24:
          case 25:
          case 28:
          case 32:
          case 35:
            vs.frames |= EventLexicon::kFrameInfinitive;
            break;
          case 26:
          case 34:
            vs.frames |= EventLexicon::kFrameThat;
            break;
          case 30:
          case 33:
            vs.frames |= EventLexicon::kFrameIng;
            break;
          case 29:
            vs.frames |= EventLexicon::kFrameWhether;
            break;
          default:
            break;
        }
      }
    }
    lex.verb_senses.emplace(lemma, vs);
  }
  for (const auto& [lemma, offs] : aidx) lex.words[lemma].pos |= WordClass::Adj;
  for (const auto& [lemma, offs] : ridx) lex.words[lemma].pos |= WordClass::Adv;
  read_exceptions(dir + "/noun.exc", lex.noun_exceptions);
  read_exceptions(dir + "/verb.exc", lex.verb_exceptions);
}

// ---- TimeML ------------------------------------------------------------

namespace {

std::string unescape(std::string_view s) {
  std::string o;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      static const std::pair<std::string_view, char> kEnt[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
      bool done = false;
      for (auto [e, c] : kEnt)
        if (s.substr(i, e.size()) == e) {
          o.push_back(c);
          i += e.size() - 1;
          done = true;
          break;
        }
      if (done) continue;
    }
    o.push_back(s[i]);
  }
  return o;
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); }

// Splits plain text into words the way news tokenizers do, roughly: runs of
// letters and digits with inner . , ' - kept ("U.S.", "1,000", "war-torn"),
// clitics "'s" and "n't" split off, other punctuation one token each.
void tokenize(std::string_view s, std::vector<std::string>& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (!word_char(c)) {
      if ((c == '`' || c == '\'') && i + 1 < s.size() && s[i + 1] == c) {
        out.emplace_back(s.substr(i, 2));
        i += 2;
      } else if (c == '\'' && i + 1 < s.size() && std::isalpha(static_cast<unsigned char>(s[i + 1])) &&
                 !out.empty() && (s[i + 1] == 's' || s[i + 1] == 'S') &&
                 (i + 2 >= s.size() || !word_char(s[i + 2]))) {
        out.emplace_back(s.substr(i, 2));
        i += 2;
      } else {
        out.emplace_back(1, c);
        ++i;
      }
      continue;
    }
    std::size_t j = i;
    while (j < s.size()) {
      if (word_char(s[j])) {
        ++j;
      } else if ((s[j] == '.' || s[j] == ',' || s[j] == '-' || s[j] == '\'') && j + 1 < s.size() &&
                 word_char(s[j + 1]) && !(s[j] == '\'' && (s[j + 1] == 's' || s[j + 1] == 't'))) {
        ++j;
      } else if (s[j] == '.' && j > i && s.substr(i, j - i).find('.') != std::string_view::npos) {
        ++j;  // the final dot of "U.S."
        break;
      } else {
        break;
      }
    }
    std::string w(s.substr(i, j - i));
    if (w.size() > 1 && (w.back() == 'n' || w.back() == 'N') && j < s.size() && s[j] == '\'' &&
        j + 1 < s.size() && s[j + 1] == 't') {
      w.pop_back();
      out.push_back(w);
      out.emplace_back("n't");
      j += 2;
    } else {
      out.push_back(w);
    }
    i = j;
  }
}

}  // namespace

std::vector<TimemlSentence> read_timeml_events(const std::string& path) {
  std::string xml = read_text_file(path);
  auto a = xml.find("<TEXT>"), b = xml.find("</TEXT>");
  if (a == std::string::npos || b == std::string::npos || b < a)
    throw std::runtime_error(path + ": no <TEXT>");
  std::string_view text = std::string_view(xml).substr(a + 6, b - a - 6);
  std::vector<std::string> words;
  std::vector<std::uint8_t> labels;
  std::size_t i = 0;
  int open_class = -1;
  std::size_t open_start = 0;
  while (i < text.size()) {
    auto lt = text.find('<', i);
    std::string_view chunk = text.substr(i, lt == std::string_view::npos ? std::string_view::npos : lt - i);
    tokenize(unescape(chunk), words);
    labels.resize(words.size(), 0);
    if (lt == std::string_view::npos) break;
    auto gt = text.find('>', lt);
    if (gt == std::string_view::npos) break;
    std::string_view tag = text.substr(lt + 1, gt - lt - 1);
    if (tag.rfind("EVENT", 0) == 0) {
      auto c = tag.find("class=\"");
      open_class = -1;
      if (c != std::string_view::npos) {
        auto e = tag.find('"', c + 7);
        open_class = event_class_index(tag.substr(c + 7, e - c - 7));
      }
      open_start = words.size();
    } else if (tag == "/EVENT") {
      if (open_class > 0 && words.size() > open_start)
        labels[words.size() - 1] = static_cast<std::uint8_t>(open_class);
      open_class = -1;
    }
    i = gt + 1;
  }
  // Sentences: after . ? ! (and closing quotes) when the next word starts a sentence.
  std::vector<TimemlSentence> out(1);
  for (std::size_t k = 0; k < words.size(); ++k) {
    out.back().words.push_back(words[k]);
    out.back().labels.push_back(labels[k]);
    const std::string& w = words[k];
    bool end = w == "." || w == "?" || w == "!";
    if (end && k + 1 < words.size() && (words[k + 1] == "''" || words[k + 1] == "\"")) continue;
    if ((end || ((w == "''" || w == "\"") && k > 0 && (words[k - 1] == "." || words[k - 1] == "?"))) &&
        out.back().words.size() > 1)
      out.emplace_back();
  }
  if (out.back().words.empty()) out.pop_back();
  return out;
}

// ---- training ----------------------------------------------------------

double EventScores::f1() const {
  double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}
double EventScores::class_f1() const {
  double p = predicted ? double(class_correct) / double(predicted) : 0;
  double r = gold ? double(class_correct) / double(gold) : 0;
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}
double EventScores::class_precision(std::size_t c) const {
  std::size_t pred = 0;
  for (std::size_t g = 0; g < kNumEventClasses; ++g) pred += confusion[g][c];
  return pred ? double(confusion[c][c]) / double(pred) : 0;
}
double EventScores::class_recall(std::size_t c) const {
  std::size_t gold_c = 0;
  for (std::size_t p = 0; p < kNumEventClasses; ++p) gold_c += confusion[c][p];
  return gold_c ? double(confusion[c][c]) / double(gold_c) : 0;
}
void EventScores::add(const EventScores& o) {
  for (std::size_t g = 0; g < kNumEventClasses; ++g)
    for (std::size_t p = 0; p < kNumEventClasses; ++p) confusion[g][p] += o.confusion[g][p];
  gold += o.gold;
  predicted += o.predicted;
  correct += o.correct;
  class_correct += o.class_correct;
}

namespace {

struct Instance {
  std::vector<std::uint64_t> feats;
  std::uint8_t label = 0;
};

using Doc = std::vector<std::vector<Instance>>;  // sentences of instances

struct Syntax {
  std::shared_ptr<const Tagger> tagger;
  std::shared_ptr<const Parser> parser;
};

// The document's words as an Analysis (one line per sentence, words separated by spaces) for the
// tagger and parser, with the trainer's tokens and sentences kept exactly.
Analysis tagged(const std::vector<TimemlSentence>& sents, const Syntax& syn) {
  Analysis a;
  for (const auto& s : sents) {
    Sentence sent;
    sent.first_token = static_cast<std::uint32_t>(a.tokens.size());
    sent.span.start = static_cast<std::uint32_t>(a.doc.text.size());
    for (const auto& w : s.words) {
      if (a.doc.text.size() > sent.span.start) a.doc.text.push_back(' ');
      Token t;
      t.span.start = static_cast<std::uint32_t>(a.doc.text.size());
      a.doc.text += w;
      t.span.end = static_cast<std::uint32_t>(a.doc.text.size());
      a.tokens.push_back(std::move(t));
    }
    sent.span.end = static_cast<std::uint32_t>(a.doc.text.size());
    sent.end_token = static_cast<std::uint32_t>(a.tokens.size());
    a.sentences.push_back(sent);
    a.doc.text.push_back('\n');
  }
  syn.tagger->tag(a);
  syn.parser->parse(a);
  return a;
}

Doc featurize(const std::vector<TimemlSentence>& sents, const EventLexicon& lex, const Syntax& syn) {
  Doc d;
  const bool parse = syn.tagger && syn.parser;
  Analysis a;
  if (parse) a = tagged(sents, syn);
  std::size_t first = 0;
  for (const auto& s : sents) {
    std::vector<std::string_view> words(s.words.begin(), s.words.end());
    auto toks = prepare_tokens(words, lex);
    if (parse) add_syntax(toks, a, first);
    first += toks.size();
    std::vector<Instance> inst(toks.size());
    for (std::size_t i = 0; i < toks.size(); ++i) {
      event_features(toks, i, inst[i].feats);
      inst[i].label = s.labels[i];
    }
    d.push_back(std::move(inst));
  }
  return d;
}

// Averaged perceptron with lazy averaging (Daume's trick).
class Perceptron {
 public:
  using W = EventClassifier::Weights;
  void train(const std::vector<const Instance*>& data, int epochs) {
    std::uint64_t seed = 0x9e3779b97f4a7c15ull;
    std::vector<const Instance*> order = data;
    for (int e = 0; e < epochs; ++e) {
      for (std::size_t i = order.size(); i > 1;
           --i) {  // Fisher-Yates with a fixed LCG: same order everywhere
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        std::swap(order[i - 1], order[(seed >> 33) % i]);
      }
      for (const Instance* x : order) {
        ++t_;
        std::size_t guess = predict(x->feats);
        if (guess == x->label) continue;
        for (std::uint64_t h : x->feats) {
          Entry& en = w_[h];
          update(en, x->label, 1.0f);
          update(en, guess, -1.0f);
        }
      }
    }
  }
  std::size_t predict(const std::vector<std::uint64_t>& feats) const {
    W s{};
    for (std::uint64_t h : feats) {
      auto it = w_.find(h);
      if (it == w_.end()) continue;
      for (std::size_t c = 0; c < s.size(); ++c) s[c] += it->second.w[c];
    }
    return static_cast<std::size_t>(std::max_element(s.begin(), s.end()) - s.begin());
  }
  EventClassifier averaged() const {
    EventClassifier c;
    for (const auto& [h, en] : w_) {
      W avg{};
      bool any = false;
      for (std::size_t k = 0; k < avg.size(); ++k) {
        double total = en.total[k] + double(t_ - en.stamp[k]) * en.w[k];
        avg[k] = static_cast<float>(total / double(t_));
        any |=
            std::abs(avg[k]) > 0.02f;  // prunes features that barely moved: a smaller model, same decisions
      }
      if (any) c.weights.emplace(h, avg);
    }
    return c;
  }

 private:
  struct Entry {
    W w{};
    std::array<double, kNumEventClasses> total{};
    std::array<std::uint64_t, kNumEventClasses> stamp{};
  };
  void update(Entry& en, std::size_t c, float v) {
    en.total[c] += double(t_ - en.stamp[c]) * en.w[c];
    en.stamp[c] = t_;
    en.w[c] += v;
  }
  std::unordered_map<std::uint64_t, Entry> w_;
  std::uint64_t t_ = 0;
};

EventScores evaluate(const EventClassifier& clf, const Doc& d) {
  EventScores s;
  for (const auto& sent : d)
    for (const auto& x : sent) {
      std::uint8_t guess = clf.predict(x.feats);
      ++s.confusion[x.label][guess];
      if (x.label) ++s.gold;
      if (guess) ++s.predicted;
      if (guess && x.label) {
        ++s.correct;
        if (guess == x.label) ++s.class_correct;
      }
    }
  return s;
}

// Two averaged perceptrons: event or not (over all eight labels), and the
// class of the events (trained on the event tokens only).
EventClassifier train_on(const std::vector<Doc>& docs, int folds, int held_out, int epochs) {
  std::vector<const Instance*> data, events;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (folds > 0 && static_cast<int>(i % static_cast<std::size_t>(folds)) == held_out) continue;
    for (const auto& s : docs[i])
      for (const auto& x : s) {
        data.push_back(&x);
        if (x.label) events.push_back(&x);
      }
  }
  Perceptron p;
  p.train(data, epochs);
  EventClassifier c = p.averaged();
  Perceptron q;
  q.train(events, epochs);
  c.class_weights = q.averaged().weights;
  return c;
}

}  // namespace

EventsTrainReport train_events_model(const EventsTrainOptions& o, std::ostream* log) {
  namespace fs = std::filesystem;
  EventsTrainReport rep;
  EventLexicon lex;
  std::string cameo;
  if (fs::is_directory(o.petrarch_dir))
    for (const auto& e : fs::directory_iterator(o.petrarch_dir)) {
      std::string name = e.path().filename().string();
      if (name.rfind("CAMEO.verbpatterns", 0) == 0 && (cameo.empty() || e.path().string() > cameo))
        cameo = e.path().string();
    }
  if (cameo.empty()) throw std::runtime_error(o.petrarch_dir + ": no CAMEO.verbpatterns.*.txt found");
  compile_cameo_verbs(cameo, lex);
  compile_wordnet(o.wordnet_dir, lex);
  rep.cameo_verbs = lex.verbs.size();
  for (const auto& b : lex.cameo_blocks) rep.cameo_patterns += b.size();
  rep.event_nouns = lex.noun_verbs.size();
  rep.words = lex.words.size();
  if (log)
    *log << "events: " << rep.cameo_verbs << " CAMEO verbs, " << rep.cameo_patterns << " patterns, "
         << rep.event_nouns << " event nouns with verbs, " << rep.words << " WordNet lemmas\n";

  std::vector<std::string> files;
  if (!fs::is_directory(o.timebank_dir)) throw std::runtime_error(o.timebank_dir + ": not a directory");
  for (const auto& e : fs::recursive_directory_iterator(o.timebank_dir))
    if (e.is_regular_file() && e.path().extension() == ".tml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  {  // a document present twice (testpipeline/ repeats one) would leak across folds
    std::set<std::string> seen;
    std::vector<std::string> unique;
    for (auto& f : files)
      if (seen.insert(fs::path(f).filename().string()).second) unique.push_back(f);
    files = std::move(unique);
  }
  if (files.empty()) throw std::runtime_error(o.timebank_dir + ": no .tml files");
  Syntax syn;
  if (!o.models_dir.empty()) {
    syn.tagger = Tagger::load(o.models_dir + "/pos.model");
    syn.parser = Parser::load(o.models_dir + "/parser.model");
    if (log) *log << "events: tagging and parsing TimeBank with " << o.models_dir << "/{pos,parser}.model\n";
  }
  std::vector<Doc> docs;
  for (const auto& f : files) {
    docs.push_back(featurize(read_timeml_events(f), lex, syn));
    for (const auto& s : docs.back()) {
      rep.tokens += s.size();
      for (const auto& x : s) rep.events += x.label != 0;
    }
  }
  rep.documents = docs.size();
  if (log)
    *log << "events: " << rep.documents << " TimeML documents, " << rep.tokens << " tokens, " << rep.events
         << " events\n";

  auto held_out_docs = [&](int fold) {
    Doc all;
    for (std::size_t i = 0; i < docs.size(); ++i)
      if (static_cast<int>(i % static_cast<std::size_t>(o.folds)) == fold)
        all.insert(all.end(), docs[i].begin(), docs[i].end());
    return all;
  };
  for (int fold = 0; fold < o.folds; ++fold) {
    EventClassifier c = train_on(docs, o.folds, fold, o.epochs);
    c.build_index();
    EventScores s = evaluate(c, held_out_docs(fold));
    if (fold == 0) rep.dev = s;
    rep.cross_validation.add(s);
    if (log)
      *log << "events: fold " << fold << ": F1 " << 100 * s.f1() << ", class F1 " << 100 * s.class_f1()
           << "\n";
  }
  if (log && o.folds > 0) {
    // Error analysis by class: where each gold class goes (pooled over the folds).
    const EventScores& cv = rep.cross_validation;
    *log << "events: per class (CV): class gold P R F1 | predicted as: none OCC REP STA I_A I_S ASP PER\n";
    for (std::size_t c = 1; c < kNumEventClasses; ++c) {
      std::size_t gold_c = 0;
      for (std::size_t p = 0; p < kNumEventClasses; ++p) gold_c += cv.confusion[c][p];
      double p = cv.class_precision(c), r = cv.class_recall(c);
      *log << "events:   " << kEventClasses[c] << " " << gold_c << " " << 100 * p << " " << 100 * r << " "
           << (p + r > 0 ? 200 * p * r / (p + r) : 0.0) << " |";
      for (std::size_t q = 0; q < kNumEventClasses; ++q) *log << " " << cv.confusion[c][q];
      *log << "\n";
    }
  }
  if (o.output.empty()) return rep;
  EventClassifier final_clf = train_on(docs, 0, -1, o.epochs);
  std::string provenance =
      "CAMEO verbs: " + fs::path(cameo).filename().string() +
      " (PETRARCH2, Open Event Data Alliance, MIT); WordNet 3.0 (" + o.wordnet_dir +
      "); TimeML events: TimeBank 1.2 + AQUAINT, TempEval-3 cleaned (" + std::to_string(rep.documents) +
      " documents, " + std::to_string(o.epochs) + " perceptron epochs" +
      (syn.parser ? std::string(", syntactic features from pos.model and parser.model") : std::string()) +
      ")";
  std::string bytes = EventExtractor::to_bytes(lex, final_clf, provenance);
  rep.model_bytes = bytes.size();
  write_binary_file(o.output, bytes);
  if (log) *log << "events: wrote " << o.output << " (" << bytes.size() << " bytes)\n";
  return rep;
}

}  // namespace chronicle
