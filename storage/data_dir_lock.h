#ifndef GUESTVOICE_STORAGE_DATA_DIR_LOCK_H_
#define GUESTVOICE_STORAGE_DATA_DIR_LOCK_H_

#include <string>

#include "absl/status/statusor.h"
#include "rocksdb/env.h"

namespace guestvoice::storage {

// Holds the lock RocksDB itself takes on <data dir>/LOCK (an fcntl lock,
// checked against this process's own open databases too), so Store can
// inspect a database with no writer changing it, and tell "in use" apart from
// other open failures.
class DataDirLock {
 public:
  // Locks `canonical_path`/LOCK if the file exists; when it does not, no
  // RocksDB has the directory open, and creating it would change a directory
  // that may yet be refused. FAILED_PRECONDITION "data dir ... is in use by
  // another guestvoiced (lock file ...)" when someone holds it.
  [[nodiscard]] static absl::StatusOr<DataDirLock> AcquireIfPresent(
      const std::string& canonical_path);

  DataDirLock(DataDirLock&& other) noexcept;
  DataDirLock& operator=(DataDirLock&&) = delete;
  ~DataDirLock();

 private:
  explicit DataDirLock(rocksdb::FileLock* lock) : lock_(lock) {}

  rocksdb::FileLock* lock_;  // null when there was no LOCK file
};

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_DATA_DIR_LOCK_H_
