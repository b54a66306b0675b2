// Tests of apply_label_definitions(): relations UD defines by their head.
#include "extract/ud_rules.h"

#include <doctest/doctest.h>

using namespace chronicle;

TEST_CASE("an oblique phrase is obl under a predicate and nmod under a nominal without a copula") {
  // troops in Kosovo attacked towns near Pristina ; she is president of France
  std::vector<int> heads = {3, 2, 0, -1, 3, 6, 4};
  std::vector<std::string_view> upos = {"NOUN", "ADP", "PROPN", "VERB", "NOUN", "ADP", "PROPN"};
  std::vector<std::string> rels = {"nsubj", "case", "obl", "root", "obj", "case", "obl"};
  apply_label_definitions(heads, upos, rels);
  CHECK(rels[2] == "nmod");  // "in Kosovo" under "troops"
  CHECK(rels[6] == "nmod");  // "near Pristina" under "towns"
  // she is a president of France: the copula makes "president" a predicate
  std::vector<int> h2 = {3, 3, 3, -1, 5, 3};
  std::vector<std::string_view> u2 = {"PRON", "AUX", "DET", "NOUN", "ADP", "PROPN"};
  std::vector<std::string> r2 = {"nsubj", "cop", "det", "root", "case", "obl"};
  apply_label_definitions(h2, u2, r2);
  CHECK(r2[5] == "obl");
  r2[5] = "nmod";
  apply_label_definitions(h2, u2, r2);
  CHECK(r2[5] == "nmod");  // no verb to be oblique to: left as the labeller said
}

TEST_CASE("a subject is passive exactly when its head has a passive auxiliary") {
  // Pristina was bombed ; they bombed Pristina
  std::vector<int> heads = {2, 2, -1};
  std::vector<std::string_view> upos = {"PROPN", "AUX", "VERB"};
  std::vector<std::string> rels = {"nsubj", "aux:pass", "root"};
  apply_label_definitions(heads, upos, rels);
  CHECK(rels[0] == "nsubj:pass");
  std::vector<int> h2 = {1, -1, 1};
  std::vector<std::string_view> u2 = {"PRON", "VERB", "PROPN"};
  std::vector<std::string> r2 = {"nsubj:pass", "root", "obj"};
  apply_label_definitions(h2, u2, r2);
  CHECK(r2[0] == "nsubj");
  CHECK(r2[2] == "obj");
}

TEST_CASE("label definitions leave subtypes, the root and mismatched input alone") {
  std::vector<int> heads = {1, -1, 1};
  std::vector<std::string_view> upos = {"PROPN", "VERB", "NOUN"};
  std::vector<std::string> rels = {"nmod:poss", "root", "obl:tmod"};
  apply_label_definitions(heads, upos, rels);
  CHECK(rels == std::vector<std::string>{"nmod:poss", "root", "obl:tmod"});
  std::vector<std::string> short_rels = {"obl"};
  apply_label_definitions(heads, upos, short_rels);
  CHECK(short_rels[0] == "obl");
}

TEST_CASE("a case marker hung from a compound modifier moves to the nominal's head") {
  // talks with Japan 's Trade Minister Tamura: "with" on "Trade", a compound of "Tamura"
  std::vector<int> heads = {-1, 6, 6, 2, 6, 6, 0};
  std::vector<std::string> rels = {"root", "case", "nmod:poss", "case", "compound", "compound", "obl"};
  heads[1] = 4;
  attach_case_to_nominal_head(heads, rels);
  CHECK(heads[1] == 6);
  CHECK(heads[3] == 2);  // the possessive marker of "Turkey" stays: "Turkey" is a nominal of its own
  std::vector<int> left = {1, -1,
                           1};  // a compound whose head is to its left is no English compound: left alone
  std::vector<std::string> lrels = {"case", "root", "compound"};
  left[0] = 2;
  attach_case_to_nominal_head(left, lrels);
  CHECK(left[0] == 2);
}
