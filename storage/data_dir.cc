#include "storage/data_dir.h"

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace guestvoice::storage {
namespace {

namespace fs = std::filesystem;

absl::Status FilesystemError(const std::error_code& error,
                             absl::string_view path, absl::string_view action) {
  return absl::ErrnoToStatus(error.value(),
                             absl::StrCat("data dir ", path, ": ", action));
}

}  // namespace

absl::StatusOr<PreparedDataDir> PrepareDataDir(const std::string& path,
                                               bool create_if_missing) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (error && status.type() != fs::file_type::not_found) {
    return FilesystemError(error, path, "cannot inspect");
  }
  if (status.type() == fs::file_type::not_found) {
    if (!create_if_missing) {
      return absl::NotFoundError(absl::StrCat(
          "data dir ", path, " does not exist and create_if_missing is off"));
    }
    if (fs::create_directories(path, error); error) {
      return FilesystemError(error, path, "cannot create");
    }
  } else if (status.type() != fs::file_type::directory) {
    return absl::FailedPreconditionError(
        absl::StrCat("data dir ", path, " exists but is not a directory"));
  }
  // RocksDB would only fail later, on its first file; say so plainly now.
  if (access(path.c_str(), W_OK | X_OK) != 0) {
    return FilesystemError(std::error_code(errno, std::generic_category()),
                           path, "not writable");
  }

  PreparedDataDir prepared;
  prepared.canonical_path = fs::canonical(path, error).string();
  if (error) return FilesystemError(error, path, "cannot resolve");

  bool empty = true;
  for (fs::directory_iterator it(path, error), end; !error && it != end;
       it.increment(error)) {
    if (it->path().filename() == "CURRENT") {
      prepared.contents = DataDirContents::kRocksDb;
      return prepared;
    }
    empty = false;
  }
  if (error) return FilesystemError(error, path, "cannot list");
  if (!empty) {
    return absl::FailedPreconditionError(absl::StrCat(
        "data dir ", path,
        " is not empty and holds no RocksDB store (no CURRENT file); "
        "refusing to use another program's directory"));
  }
  if (!create_if_missing) {
    return absl::NotFoundError(absl::StrCat(
        "data dir ", path, " holds no store and create_if_missing is off"));
  }
  prepared.contents = DataDirContents::kEmpty;
  return prepared;
}

}  // namespace guestvoice::storage
