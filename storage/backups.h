#ifndef GUESTVOICE_STORAGE_BACKUPS_H_
#define GUESTVOICE_STORAGE_BACKUPS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "rocksdb/utilities/backup_engine.h"
#include "storage/store.h"

namespace guestvoice::storage {

// One backup in a backup directory.
struct BackupInfo {
  // Assigned by the directory, ascending, never reused.
  uint32_t id = 0;
  absl::Time create_time;
  // The bytes of every file the backup consists of. Table files are shared
  // with the other backups that hold them, so deleting a backup frees less.
  uint64_t size_bytes = 0;
  uint32_t file_count = 0;
  // The backed-up store's schema stamp, kept in the backup's metadata.
  uint32_t schema_version = 0;
  std::string store_id;
};

// Online backups of one open store into one directory, with RocksDB's
// BackupEngine: a backup is a consistent point-in-time copy taken while the
// store keeps serving, incremental (a table file already in the directory is
// not copied again), and every file's checksum is verified once written.
// Safe to call from several threads; backups are made one at a time.
class Backups {
 public:
  // Opens `backup_dir` for the backups of `store` (which must outlive this),
  // creating the directory when it is missing. Refuses:
  //  - FAILED_PRECONDITION: the directory holds backups of another store (a
  //    different store id) or files that are not backups, lies inside the
  //    data dir, or is in use: a Backups of this or another process holds its
  //    LOCK file's lock, which this one then holds until destroyed;
  //  - PERMISSION_DENIED (or the errno's code): it cannot be created or
  //    written.
  // Every message names the directory. Backups are written through
  // `backup_env` (which must outlive this): RocksDB's default Env, the local
  // file systems, when null; tests give one whose disk fills up.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<Backups>> Open(
      const std::string& backup_dir, Store& store,
      rocksdb::Env* backup_env = nullptr);

  ~Backups();

  // Backs the store up as it is now: every write acknowledged before the
  // call began is in the backup. Then deletes the oldest backups beyond
  // `keep` (0 keeps every backup). RESOURCE_EXHAUSTED when the directory's
  // disk is full, UNAVAILABLE for other I/O errors: what was partly written
  // is removed and the earlier backups stay as they were.
  [[nodiscard]] absl::StatusOr<BackupInfo> Create(uint32_t keep);

  // Every backup, oldest first.
  [[nodiscard]] absl::StatusOr<std::vector<BackupInfo>> List() const;

  // NOT_FOUND for an id the directory does not hold.
  [[nodiscard]] absl::Status Delete(uint32_t id);

  const std::string& backup_dir() const { return backup_dir_; }

 private:
  Backups(std::string backup_dir, Store& store,
          std::unique_ptr<rocksdb::BackupEngine> engine,
          rocksdb::FileLock* lock);

  const std::string backup_dir_;
  Store& store_;
  // The directory's LOCK, held while this writes into it.
  rocksdb::FileLock* const lock_;
  // BackupEngine is thread-safe, but Create's purge and the listing that
  // follows it must see one state.
  mutable absl::Mutex mutex_;
  std::unique_ptr<rocksdb::BackupEngine> engine_ ABSL_GUARDED_BY(mutex_);
};

// The checks Backups::Open makes that need no open store, for a server to
// make before it opens (or creates) its store, so that a bad --backup_dir
// leaves a new data dir uncreated: `backup_dir` is created when missing and
// must be writable, outside `data_dir` and hold nothing but backups; and when
// `data_dir` holds no store yet (missing or empty), it must hold no backup,
// which could only be another store's; and no other server may be writing
// into it (its lock is taken and given back). The same errors as
// Backups::Open.
[[nodiscard]] absl::Status CheckBackupDirBeforeStoreOpens(
    const std::string& backup_dir, const std::string& data_dir);

// Restores backup `id` of `backup_dir` into `data_dir`, after verifying the
// checksum of every file. `data_dir` must be missing or empty: restoring over
// a store, least of all a live one, is refused with FAILED_PRECONDITION before
// anything is written. NOT_FOUND for an unknown backup; DATA_LOSS for a
// backup whose files do not match their checksums.
[[nodiscard]] absl::Status RestoreBackup(const std::string& backup_dir,
                                         uint32_t id,
                                         const std::string& data_dir);

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_BACKUPS_H_
