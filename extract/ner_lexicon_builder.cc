#include "extract/ner_lexicon_builder.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "extract/wordnet_lexnames.h"

namespace chronicle::ner {

namespace {

namespace fs = std::filesystem;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool has_lower(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

void say(const LexiconSources& s, const std::string& line) {
  if (s.log) s.log(line);
}

// CoNLL-style tokens of a text line: punctuation apart, "'s" and "n't" apart,
// abbreviations with inner dots kept ("U.S.").
void tokenize(std::string_view text, std::vector<std::vector<std::string>>& out) {
  std::vector<std::string> sent;
  auto end_sentence = [&] {
    if (!sent.empty()) out.push_back(std::move(sent));
    sent.clear();
  };
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) {
      // A blank line ends a paragraph and a sentence.
      if (text[i] == '\n' && i + 1 < text.size() && text[i + 1] == '\n') end_sentence();
      ++i;
    }
    std::size_t j = i;
    while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j]))) ++j;
    std::string_view w = text.substr(i, j - i);
    i = j;
    if (w.empty()) continue;
    std::vector<std::string> tail;
    static const std::string_view kOpen = "\"'([{<", kClose = "\"')]}>,;:?!.";
    while (!w.empty() && kOpen.find(w.front()) != std::string_view::npos) {
      sent.emplace_back(1, w.front());
      w.remove_prefix(1);
    }
    while (!w.empty() && kClose.find(w.back()) != std::string_view::npos) {
      if (w.back() == '.' && w.size() > 1 && w.substr(0, w.size() - 1).find('.') != std::string_view::npos)
        break;
      if (w.back() == '.' && w.size() == 2 && std::isupper(static_cast<unsigned char>(w[0])))
        break;  // initials
      tail.emplace_back(1, w.back());
      w.remove_suffix(1);
    }
    if (w.size() > 2 && (w.substr(w.size() - 2) == "'s" || w.substr(w.size() - 2) == "'S")) {
      sent.emplace_back(w.substr(0, w.size() - 2));
      sent.emplace_back(w.substr(w.size() - 2));
    } else if (w.size() > 3 && w.substr(w.size() - 3) == "n't") {
      sent.emplace_back(w.substr(0, w.size() - 3));
      sent.emplace_back("n't");
    } else if (!w.empty()) {
      sent.emplace_back(w);
    }
    for (auto it = tail.rbegin(); it != tail.rend(); ++it) {
      bool stop = *it == "." || *it == "?" || *it == "!";
      sent.push_back(*it);
      if (stop) end_sentence();
    }
  }
  end_sentence();
}

std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      std::size_t semi = s.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 6) {
        std::string_view e = s.substr(i + 1, semi - i - 1);
        if (e == "lt")
          out += '<';
        else if (e == "gt")
          out += '>';
        else if (e == "amp")
          out += '&';
        else if (e == "quot")
          out += '"';
        // numeric control characters (&#3;) are dropped
        i = semi;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

double xlogx(double x) { return x > 0 ? x * std::log(x) : 0.0; }

// ---------------------------------------------------------------- WordNet
struct Synset {
  int lexfile = 0;
  std::vector<std::string> words;
  std::vector<std::pair<std::string, std::uint32_t>> pointers;  // symbol, target offset (same pos only)
};

std::map<std::uint32_t, Synset> read_wordnet(const fs::path& file) {
  std::map<std::uint32_t, Synset> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == ' ') continue;
    std::istringstream ss(line.substr(0, line.find(" | ")));
    std::uint32_t offset;
    std::string lexfile, type, wcnt_hex;
    if (!(ss >> offset >> lexfile >> type >> wcnt_hex)) continue;
    Synset s;
    s.lexfile = std::atoi(lexfile.c_str());
    int wcnt = static_cast<int>(std::strtol(wcnt_hex.c_str(), nullptr, 16));
    for (int k = 0; k < wcnt; ++k) {
      std::string w, lexid;
      ss >> w >> lexid;
      if (auto p = w.find('('); p != std::string::npos) w.resize(p);  // adjective markers "(a)"
      s.words.push_back(w);
    }
    int pcnt = 0;
    ss >> pcnt;
    for (int k = 0; k < pcnt; ++k) {
      std::string sym, pos, st;
      std::uint32_t target;
      ss >> sym >> target >> pos >> st;
      if (pos == type || (type == "s" && pos == "a")) s.pointers.emplace_back(sym, target);
    }
    out.emplace(offset, std::move(s));
  }
  return out;
}

std::string wn_phrase(const std::string& w) {
  std::string out = w;
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

}  // namespace

std::vector<std::vector<std::string>> tokenize_plain(std::string_view text) {
  std::vector<std::vector<std::string>> out;
  tokenize(text, out);
  return out;
}

std::vector<std::vector<std::string>> read_reuters_sentences(const std::string& dir) {
  std::vector<std::vector<std::string>> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  std::vector<fs::path> files;
  for (auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".sgm") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::string text = slurp(f);
    std::size_t pos = 0;
    while ((pos = text.find("<BODY>", pos)) != std::string::npos) {
      std::size_t end = text.find("</BODY>", pos);
      if (end == std::string::npos) break;
      tokenize(unescape(std::string_view(text).substr(pos + 6, end - pos - 6)), out);
      pos = end;
    }
  }
  return out;
}

std::vector<std::pair<std::string, int>> exchange_clusters(
    const std::vector<std::vector<std::string>>& sentences, int classes, int iterations, int min_count,
    const std::function<void(const std::string&)>& log) {
  std::vector<std::pair<std::string, int>> result;
  if (classes < 2) return result;
  // Vocabulary: frequent words by count (ties by spelling); the rest share one id.
  std::unordered_map<std::string, std::uint32_t> freq;
  for (auto& s : sentences)
    for (auto& w : s) ++freq[w];
  std::vector<std::pair<std::string, std::uint32_t>> vocab;
  for (auto& [w, n] : freq)
    if (n >= static_cast<std::uint32_t>(min_count)) vocab.emplace_back(w, n);
  std::sort(vocab.begin(), vocab.end(),
            [](auto& a, auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  std::unordered_map<std::string, std::uint32_t> id;
  for (std::size_t i = 0; i < vocab.size(); ++i) id[vocab[i].first] = static_cast<std::uint32_t>(i);
  const std::uint32_t kRare = static_cast<std::uint32_t>(vocab.size()), kBoundary = kRare + 1;
  const std::size_t V = vocab.size() + 2;
  std::vector<std::map<std::uint32_t, std::uint32_t>> next(V), prev(V);
  std::vector<double> count(V, 0);
  for (auto& s : sentences) {
    std::uint32_t p = kBoundary;
    count[kBoundary] += 1;
    for (std::size_t k = 0; k <= s.size(); ++k) {
      std::uint32_t cur = kBoundary;
      if (k < s.size()) {
        auto it = id.find(s[k]);
        cur = it == id.end() ? kRare : it->second;
        count[cur] += 1;
      }
      ++next[p][cur];
      ++prev[cur][p];
      p = cur;
    }
  }
  const int C = classes;
  std::vector<int> cls(V);
  for (std::size_t w = 0; w < V; ++w) cls[w] = static_cast<int>(w % C);
  std::vector<double> N(C * C, 0), Nc(C, 0);
  for (std::size_t w = 0; w < V; ++w) {
    Nc[cls[w]] += count[w];
    for (auto& [v, n] : next[w]) N[cls[w] * C + cls[v]] += n;
  }
  std::vector<double> out_d(C), in_d(C);
  std::vector<int> out_nz, in_nz;
  for (int iter = 0; iter < iterations; ++iter) {
    std::size_t moved = 0;
    for (std::size_t w = 0; w < V; ++w) {
      const int a = cls[w];
      double self = 0;
      std::fill(out_d.begin(), out_d.end(), 0.0);
      std::fill(in_d.begin(), in_d.end(), 0.0);
      out_nz.clear();
      in_nz.clear();
      for (auto& [v, n] : next[w]) {
        if (v == w) {
          self = n;
          continue;
        }
        if (out_d[cls[v]] == 0) out_nz.push_back(cls[v]);
        out_d[cls[v]] += n;
      }
      for (auto& [v, n] : prev[w]) {
        if (v == w) continue;
        if (in_d[cls[v]] == 0) in_nz.push_back(cls[v]);
        in_d[cls[v]] += n;
      }
      // Take w out of its class.
      for (int d : out_nz) N[a * C + d] -= out_d[d];
      for (int d : in_nz) N[d * C + a] -= in_d[d];
      N[a * C + a] -= self;
      Nc[a] -= count[w];
      int best = a;
      double best_gain = -1e300;
      for (int b = 0; b < C; ++b) {
        double g = 0;
        for (int d : out_nz)
          if (d != b) g += xlogx(N[b * C + d] + out_d[d]) - xlogx(N[b * C + d]);
        for (int d : in_nz)
          if (d != b) g += xlogx(N[d * C + b] + in_d[d]) - xlogx(N[d * C + b]);
        g += xlogx(N[b * C + b] + out_d[b] + in_d[b] + self) - xlogx(N[b * C + b]);
        g -= 2 * (xlogx(Nc[b] + count[w]) - xlogx(Nc[b]));
        if (g > best_gain + 1e-9 || (b == a && g >= best_gain - 1e-9)) {
          best_gain = g;
          best = b;
        }
      }
      for (int d : out_nz) N[best * C + d] += out_d[d];
      for (int d : in_nz) N[d * C + best] += in_d[d];
      N[best * C + best] += self;
      Nc[best] += count[w];
      if (best != a) ++moved;
      cls[w] = best;
    }
    if (log)
      log("ner: clusters " + std::to_string(C) + " iteration " + std::to_string(iter + 1) + ": " +
          std::to_string(moved) + " words moved");
  }
  for (std::size_t i = 0; i < vocab.size(); ++i) result.emplace_back(vocab[i].first, cls[i]);
  return result;
}

NerLexicon build_lexicon(const LexiconSources& src) {
  NerLexicon lex;
  // Capitalisation ratios: how often a word is capitalised mid-sentence.
  {
    std::unordered_map<std::string, std::pair<std::uint32_t, std::uint32_t>> cap;  // capitalised, lowercase
    for (auto& s : src.sentences) {
      for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string& w = s[i];
        if (w.empty() || !has_lower(w)) continue;
        if (w[0] >= 'a' && w[0] <= 'z') {
          ++cap[lower(w)].second;
        } else if (w[0] >= 'A' && w[0] <= 'Z' && i > 0 && s[i - 1] != "\"" && s[i - 1] != ":") {
          ++cap[lower(w)].first;
        }
      }
    }
    for (auto& [w, c] : cap) {
      double total = c.first + c.second;
      if (total < 3) continue;
      double r = c.first / total;
      std::uint8_t b = r < 0.02 ? 1 : r < 0.2 ? 2 : r < 0.5 ? 3 : r < 0.8 ? 4 : r < 0.98 ? 5 : 6;
      lex.case_ratio[hash_str(w)] = b;
    }
    say(src, "ner: capitalisation ratios for " + std::to_string(lex.case_ratio.size()) + " words");
  }
  // Word clusters at two granularities.
  if (src.clusters > 0 && !src.sentences.empty()) {
    auto fine = exchange_clusters(src.sentences, src.clusters, src.cluster_iterations, 3, src.log);
    auto coarse =
        exchange_clusters(src.sentences, std::max(2, src.clusters / 8), src.cluster_iterations, 3, src.log);
    std::unordered_map<std::string, int> coarse_of(coarse.begin(), coarse.end());
    for (auto& [w, c] : fine) {
      std::uint32_t id =
          static_cast<std::uint32_t>(c + 1) | (static_cast<std::uint32_t>(coarse_of[w] + 1) << 16);
      lex.clusters[hash_str(w)] = id;
    }
    say(src, "ner: " + std::to_string(lex.clusters.size()) + " clustered words");
  }
  std::map<std::string, std::uint8_t> gaz;  // ordered: deterministic max length
  auto add = [&](const std::string& phrase, int category) {
    std::string p = lower(phrase);
    // Split possessives and collapse spaces, as the tokens will be.
    std::vector<std::string> toks;
    std::istringstream ss(p);
    for (std::string t; ss >> t;) {
      if (t.size() > 2 && t.substr(t.size() - 2) == "'s") {
        toks.push_back(t.substr(0, t.size() - 2));
        toks.push_back("'s");
      } else {
        toks.push_back(t);
      }
    }
    if (toks.empty() || toks.size() > 6) return;
    std::string key;
    for (auto& t : toks) key += (key.empty() ? "" : " ") + t;
    if (key.size() < 2) return;
    gaz[key] |= static_cast<std::uint8_t>(1u << category);
    if (category == kGazPerson && toks.size() >= 2 && toks[0].size() > 1 && toks[0].back() != '.')
      gaz[toks[0]] |= static_cast<std::uint8_t>(1u << kGazFirstName);
  };
  // WordNet: instance nouns by lexicographer file; vehicle nouns; common words.
  std::set<std::string> common;
  if (!src.wordnet_dir.empty() && fs::exists(fs::path(src.wordnet_dir) / "data.noun")) {
    auto nouns = read_wordnet(fs::path(src.wordnet_dir) / "data.noun");
    std::size_t instances = 0;
    for (auto& [off, s] : nouns) {
      bool instance = false, region = false;
      int category = kGazOther;
      for (auto& [sym, target] : s.pointers) {
        if (sym != "@i") continue;
        instance = true;
        auto it = nouns.find(target);
        if (it == nouns.end()) continue;
        for (auto& hw : it->second.words) {
          if (hw == "country" || hw == "state" || hw == "nation" || hw == "kingdom" ||
              hw == "sovereign_state")
            category = kGazCountry;
          static const std::set<std::string> kRegion = {"continent",
                                                        "region",
                                                        "geographical_area",
                                                        "geographic_area",
                                                        "river",
                                                        "mountain",
                                                        "mountain_range",
                                                        "range",
                                                        "sea",
                                                        "ocean",
                                                        "lake",
                                                        "desert",
                                                        "valley",
                                                        "peninsula",
                                                        "gulf",
                                                        "bay",
                                                        "strait",
                                                        "plain",
                                                        "plateau",
                                                        "volcano",
                                                        "waterfall",
                                                        "canal",
                                                        "channel"};
          if (kRegion.count(hw)) region = true;
        }
      }
      if (!instance) {
        for (auto& w : s.words)
          if (w.find('_') == std::string::npos && !w.empty() && w == lower(w)) common.insert(w);
        continue;
      }
      if (category != kGazCountry) {
        category = s.lexfile == wordnet::kNounPerson     ? kGazPerson
                   : s.lexfile == wordnet::kNounLocation ? kGazPlace
                   : s.lexfile == wordnet::kNounGroup    ? kGazOrg
                                                         : kGazOther;
        if (category == kGazPlace && region) category = kGazRegion;
        if (s.lexfile == wordnet::kNounObject) category = kGazRegion;  // continents, rivers, mountains
      }
      for (auto& w : s.words) add(wn_phrase(w), category);
      ++instances;
    }
    // Vehicle nouns: hyponyms of "vessel, watercraft".
    std::vector<std::uint32_t> stack;
    for (auto& [off, s] : nouns) {
      bool vessel = std::find(s.words.begin(), s.words.end(), "vessel") != s.words.end();
      bool watercraft = std::find(s.words.begin(), s.words.end(), "watercraft") != s.words.end();
      if (vessel && watercraft) stack.push_back(off);
    }
    std::set<std::uint32_t> seen;
    std::size_t vehicles = 0;
    while (!stack.empty()) {
      std::uint32_t off = stack.back();
      stack.pop_back();
      if (!seen.insert(off).second) continue;
      auto it = nouns.find(off);
      if (it == nouns.end()) continue;
      for (auto& w : it->second.words)
        if (w.find('_') == std::string::npos && w == lower(w)) {
          gaz[w] |= static_cast<std::uint8_t>(1u << kGazVehicleNoun);
          ++vehicles;
        }
      for (auto& [sym, target] : it->second.pointers)
        if (sym == "~") stack.push_back(target);
    }
    for (const char* f : {"data.verb", "data.adj", "data.adv"}) {
      for (auto& [off, s] : read_wordnet(fs::path(src.wordnet_dir) / f))
        for (auto& w : s.words)
          if (w.find('_') == std::string::npos && !w.empty() && w == lower(w)) common.insert(w);
    }
    say(src, "ner: WordNet: " + std::to_string(instances) + " instance synsets, " + std::to_string(vehicles) +
                 " vehicle nouns, " + std::to_string(common.size()) + " common words");
  }
  // Keep the common words the unlabeled text uses (the rest would only bloat the model).
  {
    std::set<std::string> used;
    for (auto& s : src.sentences)
      for (auto& w : s) {
        std::string l = lower(w);
        if (common.count(l)) used.insert(l);
      }
    if (src.sentences.empty()) used = common;
    for (auto& w : used) lex.common_words[hash_str(w)] = 1;
  }
  // Phoenix actor dictionaries.
  if (!src.petrarch_dir.empty() && fs::is_directory(src.petrarch_dir)) {
    std::size_t entries = 0;
    for (const char* name : {"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                             "Phoenix.MilNonState.actors.txt"}) {
      const bool countries = std::string_view(name) == "Phoenix.Countries.actors.txt";
      std::ifstream in(fs::path(src.petrarch_dir) / name);
      std::string line;
      std::vector<std::string> names;
      std::vector<std::string> codes;
      bool info = false;
      auto flush = [&] {
        if (!names.empty()) {
          bool person = info, country = false;
          for (auto& c : codes) {
            if (c.find_first_of("0123456789<>") != std::string::npos) person = true;
            std::string head = c.substr(0, c.find(' '));
            if (countries && head.size() == 3 && std::all_of(head.begin(), head.end(), ::isupper))
              country = true;
          }
          int category = country ? kGazCountry : person ? kGazPerson : kGazOrg;
          for (auto& n : names) add(n, category);
          ++entries;
        }
        names.clear();
        codes.clear();
        info = false;
      };
      auto clean = [](std::string s) {
        std::string out;
        int depth = 0;
        for (char c : s) {
          if (c == '(')
            ++depth;
          else if (c == ')')
            depth = std::max(0, depth - 1);
          else if (depth == 0)
            out += (c == '_' ? ' ' : c);
        }
        return out;
      };
      while (std::getline(in, line)) {
        std::string comment;
        if (auto h = line.find('#'); h != std::string::npos) {
          comment = line.substr(h);
          line.resize(h);
        }
        std::size_t a = line.find_first_not_of(" \t\r");
        if (a == std::string::npos) continue;
        // Codes in brackets anywhere on the line.
        std::string body = line;
        std::vector<std::string> line_codes;
        for (std::size_t p = body.find('['); p != std::string::npos; p = body.find('[', p)) {
          std::size_t q = body.find(']', p);
          if (q == std::string::npos) break;
          line_codes.push_back(body.substr(p + 1, q - p - 1));
          body.erase(p, q - p + 1);
        }
        std::size_t b = body.find_first_not_of(" \t\r");
        std::string head = b == std::string::npos ? "" : body.substr(b, body.find_first_of(" \t\r", b) - b);
        if (!head.empty() && head[0] != '+' && a == 0) {
          flush();  // a new entry: what came before belongs to the previous one
          names.push_back(clean(head));
          info = comment.find("CountryInfo") != std::string::npos;
        } else if (!head.empty() && head[0] == '+') {
          names.push_back(clean(head.substr(1)));
        }
        codes.insert(codes.end(), line_codes.begin(), line_codes.end());
      }
      flush();
    }
    say(src, "ner: Phoenix: " + std::to_string(entries) + " actor entries");
  }
  for (auto& [k, bits] : gaz) {
    lex.gazetteer[hash_str(k)] = bits;
    std::uint32_t len = 1 + static_cast<std::uint32_t>(std::count(k.begin(), k.end(), ' '));
    lex.max_gazetteer_tokens = std::max(lex.max_gazetteer_tokens, len);
  }
  say(src, "ner: gazetteer of " + std::to_string(gaz.size()) + " phrases");
  lex.freeze();
  return lex;
}

}  // namespace chronicle::ner
