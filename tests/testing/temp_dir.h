#ifndef GUESTVOICE_TESTS_TESTING_TEMP_DIR_H_
#define GUESTVOICE_TESTS_TESTING_TEMP_DIR_H_

#include <string>

namespace guestvoice::testing {

// A fresh, empty directory under $TEST_TMPDIR (or the system temp dir),
// removed with everything in it when destroyed, so tests never share state.
class TempDir {
 public:
  TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  const std::string& path() const { return path_; }
  // path() + "/" + name; nothing is created.
  std::string Child(const std::string& name) const;

 private:
  std::string path_;
};

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_TESTING_TEMP_DIR_H_
