#include "core/model_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace chronicle {

static_assert(std::endian::native == std::endian::little, "model files are little-endian");

void BinaryWriter::u32(std::uint32_t v) { bytes(&v, sizeof v); }
void BinaryWriter::u64(std::uint64_t v) { bytes(&v, sizeof v); }
void BinaryWriter::f32(float v) { bytes(&v, sizeof v); }
void BinaryWriter::f64(double v) { bytes(&v, sizeof v); }
void BinaryWriter::str(std::string_view s) {
  u32(static_cast<std::uint32_t>(s.size()));
  bytes(s.data(), s.size());
}

void BinaryReader::fail(const std::string& why) const {
  throw ModelError(what_ + ": " + why + " (at byte " + std::to_string(pos_) + ")");
}

void BinaryReader::need(std::size_t n) {
  if (n > data_.size() - pos_) fail("truncated or corrupt file");
}

std::uint8_t BinaryReader::u8() {
  need(1);
  return static_cast<std::uint8_t>(data_[pos_++]);
}

template <class T>
static T read_raw(std::string_view data, std::size_t& pos) {
  T v;
  std::memcpy(&v, data.data() + pos, sizeof v);
  pos += sizeof v;
  return v;
}

std::uint32_t BinaryReader::u32() {
  need(4);
  return read_raw<std::uint32_t>(data_, pos_);
}
std::uint64_t BinaryReader::u64() {
  need(8);
  return read_raw<std::uint64_t>(data_, pos_);
}
float BinaryReader::f32() {
  need(4);
  return read_raw<float>(data_, pos_);
}
double BinaryReader::f64() {
  need(8);
  return read_raw<double>(data_, pos_);
}
std::string BinaryReader::str() {
  std::uint32_t n = u32();
  return std::string(bytes(n));
}
std::string_view BinaryReader::bytes(std::size_t n) {
  need(n);
  std::string_view s = data_.substr(pos_, n);
  pos_ += n;
  return s;
}

void write_model_header(BinaryWriter& w, const ModelHeader& h) {
  w.u32(kModelMagic);
  w.str(h.kind);
  w.u32(h.version);
  w.str(h.provenance);
}

ModelHeader read_model_header(BinaryReader& r, std::string_view kind, std::uint32_t version) {
  if (r.remaining() < 4 || r.u32() != kModelMagic) r.fail("not a Chronicle model file (bad magic)");
  ModelHeader h;
  h.kind = r.str();
  if (h.kind != kind) r.fail("model kind is '" + h.kind + "', expected '" + std::string(kind) + "'");
  h.version = r.u32();
  if (h.version != version)
    r.fail("model format version " + std::to_string(h.version) + ", this build reads version " +
           std::to_string(version) + " (retrain with `chronicle train`)");
  h.provenance = r.str();
  return h;
}

std::string read_binary_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ModelError(path + ": cannot open model file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

void write_binary_file(const std::string& path, std::string_view data) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw ModelError(path + ": cannot write");
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) throw ModelError(path + ": write failed");
  }
  std::filesystem::rename(tmp, path);
}

MappedFile::MappedFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw ModelError(path + ": cannot open (" + std::strerror(errno) + ")");
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    throw ModelError(path + ": cannot stat");
  }
  size_ = static_cast<std::size_t>(st.st_size);
  if (size_ > 0) {
    addr_ = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (addr_ == MAP_FAILED) {
      addr_ = nullptr;
      ::close(fd);
      throw ModelError(path + ": cannot map");
    }
  }
  ::close(fd);
}

MappedFile::MappedFile(MappedFile&& o) noexcept : addr_(o.addr_), size_(o.size_) {
  o.addr_ = nullptr;
  o.size_ = 0;
}

MappedFile& MappedFile::operator=(MappedFile&& o) noexcept {
  if (this != &o) {
    if (addr_) ::munmap(addr_, size_);
    addr_ = o.addr_;
    size_ = o.size_;
    o.addr_ = nullptr;
    o.size_ = 0;
  }
  return *this;
}

MappedFile::~MappedFile() {
  if (addr_) ::munmap(addr_, size_);
}

std::string default_models_dir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("CHRONICLE_MODELS"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path candidate : {exe.parent_path() / ".." / "models", exe.parent_path() / "models",
                               exe.parent_path() / ".." / "share" / "chronicle" / "models"}) {
      if (fs::exists(candidate / "README.md", ec)) return fs::weakly_canonical(candidate, ec).string();
    }
  }
  return std::string(CHRONICLE_SOURCE_DIR) + "/models";
}

}  // namespace chronicle
