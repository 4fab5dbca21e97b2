#ifndef GUESTVOICE_STORAGE_DATA_DIR_H_
#define GUESTVOICE_STORAGE_DATA_DIR_H_

#include <string>

#include "absl/status/statusor.h"

namespace guestvoice::storage {

enum class DataDirContents {
  kEmpty,    // a new store goes here
  kRocksDb,  // holds a RocksDB CURRENT file: inspect before writing
};

struct PreparedDataDir {
  // Absolute, without symlinks or "..": RocksDB tells its own open databases
  // apart by path string, so "d", "d/" and a symlink to d must all be one.
  std::string canonical_path;
  DataDirContents contents;
};

// Checks the data directory before RocksDB touches it: creates it when it is
// missing (if `create_if_missing`), and requires a writable directory. A
// directory with files but no RocksDB CURRENT file is someone else's and is
// refused with FAILED_PRECONDITION, untouched. Filesystem errors keep their
// errno's code (PERMISSION_DENIED for an unwritable or read-only directory,
// FAILED_PRECONDITION for a path through a regular file, ...) and name the
// path.
[[nodiscard]] absl::StatusOr<PreparedDataDir> PrepareDataDir(
    const std::string& path, bool create_if_missing);

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_DATA_DIR_H_
