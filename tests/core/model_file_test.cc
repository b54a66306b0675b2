#include "core/model_file.h"

#include <doctest/doctest.h>

#include <filesystem>

using namespace chronicle;

TEST_CASE("model header round trip and rejection") {
  std::string bytes;
  BinaryWriter w(bytes);
  write_model_header(w, {"pos", 3, "trained on a fixture"});
  w.u32(42);
  w.f32(1.5f);
  w.str("hello");

  BinaryReader r(bytes, "fixture.model");
  ModelHeader h = read_model_header(r, "pos", 3);
  CHECK(h.provenance == "trained on a fixture");
  CHECK(r.u32() == 42);
  CHECK(r.f32() == 1.5f);
  CHECK(r.str() == "hello");
  CHECK(r.at_end());

  BinaryReader wrong_kind(bytes, "fixture.model");
  CHECK_THROWS_AS(read_model_header(wrong_kind, "parser", 3), ModelError);
  BinaryReader wrong_version(bytes, "fixture.model");
  CHECK_THROWS_AS(read_model_header(wrong_version, "pos", 4), ModelError);
  BinaryReader not_a_model(std::string_view("garbage!"), "x");
  CHECK_THROWS_AS(read_model_header(not_a_model, "pos", 3), ModelError);
}

TEST_CASE("truncated data throws instead of reading past the end") {
  std::string bytes;
  BinaryWriter w(bytes);
  w.str("a long enough string");
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    BinaryReader r(std::string_view(bytes).substr(0, cut), "cut");
    CHECK_THROWS_AS(r.str(), ModelError);
  }
}

TEST_CASE("files are written atomically and mapped read-only") {
  auto dir = std::filesystem::temp_directory_path() / "chronicle_model_file_test";
  std::filesystem::create_directories(dir);
  std::string path = (dir / "m.bin").string();
  write_binary_file(path, "abc\0def");
  CHECK(read_binary_file(path) == "abc");
  MappedFile m(path);
  CHECK(m.data() == "abc");
  MappedFile moved = std::move(m);
  CHECK(moved.data() == "abc");
  CHECK_THROWS_AS(MappedFile((dir / "missing").string()), ModelError);
  std::filesystem::remove_all(dir);
}
