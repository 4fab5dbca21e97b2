#include "tests/testing/temp_dir.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "gtest/gtest.h"

namespace guestvoice::testing {
namespace {

namespace fs = std::filesystem;

std::string TempRoot() {
  const char* root = std::getenv("TEST_TMPDIR");
  if (root != nullptr && *root != '\0') return root;
  return fs::temp_directory_path().string();
}

}  // namespace

TempDir::TempDir() {
  std::string pattern = TempRoot() + "/guestvoice_test_XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    ADD_FAILURE() << "mkdtemp(" << pattern << "): " << std::strerror(errno);
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code error;
  fs::remove_all(path_, error);
  if (error) ADD_FAILURE() << "removing " << path_ << ": " << error.message();
}

std::string TempDir::Child(const std::string& name) const {
  return path_ + "/" + name;
}

}  // namespace guestvoice::testing
