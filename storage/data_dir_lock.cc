#include "storage/data_dir_lock.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "storage/status.h"

namespace guestvoice::storage {

absl::StatusOr<DataDirLock> DataDirLock::AcquireIfPresent(
    const std::string& canonical_path) {
  rocksdb::Env* env = rocksdb::Env::Default();
  const std::string lock_path = absl::StrCat(canonical_path, "/LOCK");
  if (!env->FileExists(lock_path).ok()) return DataDirLock(nullptr);
  rocksdb::FileLock* lock = nullptr;
  const rocksdb::Status status = env->LockFile(lock_path, &lock);
  if (!status.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("data dir ", canonical_path,
                     " is in use by another guestvoiced (lock file ", lock_path,
                     "): ", FromRocksDb(status, "locking").message()));
  }
  return DataDirLock(lock);
}

DataDirLock::DataDirLock(DataDirLock&& other) noexcept
    : lock_(std::exchange(other.lock_, nullptr)) {}

DataDirLock::~DataDirLock() {
  if (lock_ != nullptr) {
    rocksdb::Env::Default()->UnlockFile(lock_).PermitUncheckedError();
  }
}

}  // namespace guestvoice::storage
