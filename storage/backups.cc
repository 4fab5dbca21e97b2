#include "storage/backups.h"

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/cleanup/cleanup.h"
#include "absl/memory/memory.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "storage/schema_stamp.h"
#include "storage/status.h"

namespace guestvoice::storage {
namespace {

namespace fs = std::filesystem;

absl::Status FilesystemError(const std::error_code& error,
                             absl::string_view what, absl::string_view path,
                             absl::string_view action) {
  return absl::ErrnoToStatus(error.value(),
                             absl::StrCat(what, " ", path, ": ", action));
}

// What BackupEngine keeps in every backup directory it made.
constexpr char kBackupMetaDir[] = "meta";
// The file whose lock the server that writes into a backup directory holds:
// two servers' BackupEngines in one directory hand out the same backup ids
// and purge each other's files.
constexpr char kLockFile[] = "LOCK";

rocksdb::BackupEngineOptions EngineOptions(const std::string& backup_dir) {
  rocksdb::BackupEngineOptions options(backup_dir);
  // The defaults, stated because backups rely on them: table files are
  // shared between backups (incremental) under names that include their
  // checksum, and every file is fsynced before the backup counts as made.
  options.share_table_files = true;
  options.share_files_with_checksum = true;
  options.sync = true;
  // One copying thread: deployments have two shared cores, and the server
  // keeps serving while a backup is made.
  options.max_background_operations = 1;
  return options;
}

absl::StatusOr<BackupInfo> Describe(const rocksdb::BackupInfo& backup,
                                    absl::string_view backup_dir) {
  absl::StatusOr<SchemaStamp> stamp = DecodeSchemaStamp(backup.app_metadata);
  if (!stamp.ok()) {
    return absl::DataLossError(absl::StrCat(
        "backup ", backup.backup_id, " in ", backup_dir,
        " has no readable schema stamp: ", stamp.status().message()));
  }
  return BackupInfo{.id = backup.backup_id,
                    .create_time = absl::FromUnixSeconds(backup.timestamp),
                    .size_bytes = backup.size,
                    .file_count = backup.number_files,
                    .schema_version = stamp->schema_version,
                    .store_id = stamp->store_id};
}

absl::StatusOr<std::vector<BackupInfo>> DescribeAll(
    const rocksdb::BackupEngineReadOnlyBase& engine,
    absl::string_view backup_dir) {
  std::vector<rocksdb::BackupInfo> backups;
  engine.GetBackupInfo(&backups);
  std::vector<BackupInfo> described;
  described.reserve(backups.size());
  for (const rocksdb::BackupInfo& backup : backups) {
    absl::StatusOr<BackupInfo> info = Describe(backup, backup_dir);
    if (!info.ok()) return info.status();
    described.push_back(*std::move(info));
  }
  return described;
}

// Whether `dir` has no entries but one named `ignored` (when not empty); an
// error when it cannot be listed.
absl::StatusOr<bool> IsEmptyDirectory(const std::string& dir,
                                      absl::string_view what,
                                      absl::string_view ignored = "") {
  std::error_code error;
  for (fs::directory_iterator entry(dir, error), end; !error && entry != end;
       entry.increment(error)) {
    if (ignored.empty() || entry->path().filename().string() != ignored) {
      return false;
    }
  }
  if (error) return FilesystemError(error, what, dir, "cannot list");
  return true;
}

// Creates `backup_dir` when missing and returns its canonical path, refusing
// a directory that cannot be written, holds something other than backups, or
// lies inside the data dir (whose files the backups copy).
absl::StatusOr<std::string> PrepareBackupDir(const std::string& backup_dir,
                                             const std::string& data_dir) {
  constexpr absl::string_view kWhat = "backup dir";
  std::error_code error;
  if (fs::create_directories(backup_dir, error); error) {
    return FilesystemError(error, kWhat, backup_dir, "cannot create");
  }
  if (!fs::is_directory(backup_dir, error)) {
    return absl::FailedPreconditionError(
        absl::StrCat("backup dir ", backup_dir, " is not a directory"));
  }
  if (access(backup_dir.c_str(), W_OK | X_OK) != 0) {
    return FilesystemError(std::error_code(errno, std::generic_category()),
                           kWhat, backup_dir, "not writable");
  }
  const std::string canonical = fs::canonical(backup_dir, error).string();
  if (error) return FilesystemError(error, kWhat, backup_dir, "cannot resolve");
  if (canonical == data_dir || absl::StartsWith(canonical, data_dir + "/")) {
    return absl::FailedPreconditionError(absl::StrCat(
        "backup dir ", canonical, " lies inside data dir ", data_dir,
        "; give a directory outside it, ideally on "
        "another disk"));
  }
  // The lock file alone: a server stopped between taking the lock and
  // opening the directory's backups.
  absl::StatusOr<bool> empty = IsEmptyDirectory(canonical, kWhat, kLockFile);
  if (!empty.ok()) return empty.status();
  if (!*empty && !fs::is_directory(fs::path(canonical) / kBackupMetaDir)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "backup dir ", canonical,
        " is not empty and holds no guestvoice backups (no meta/ directory); "
        "refusing to write into another program's directory"));
  }
  return canonical;
}

// Takes the lock of `backup_dir`'s LOCK file, which the server writing into
// it holds (a FileLock of rocksdb::Env::Default()); FAILED_PRECONDITION when
// another process, or another Backups of this one, holds it.
absl::StatusOr<rocksdb::FileLock*> LockBackupDir(
    const std::string& backup_dir) {
  rocksdb::FileLock* lock = nullptr;
  const std::string lock_path = absl::StrCat(backup_dir, "/", kLockFile);
  if (const rocksdb::Status locked =
          rocksdb::Env::Default()->LockFile(lock_path, &lock);
      !locked.ok()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "backup dir ", backup_dir,
        " is in use by another guestvoiced, or cannot be locked (",
        locked.ToString(), "); give each server a backup dir of its own"));
  }
  return lock;
}

// Whether `backup_dir`'s meta/ names at least one backup (BackupEngine's
// meta files are named by the backup id).
bool HoldsABackup(const std::string& backup_dir) {
  std::error_code error;
  for (fs::directory_iterator
           entry(fs::path(backup_dir) / kBackupMetaDir, error),
       end;
       !error && entry != end; entry.increment(error)) {
    const std::string name = entry->path().filename().string();
    if (!name.empty() &&
        name.find_first_not_of("0123456789") == std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace

absl::Status CheckBackupDirBeforeStoreOpens(const std::string& backup_dir,
                                            const std::string& data_dir) {
  std::error_code error;
  const fs::path data_path = fs::weakly_canonical(data_dir, error);
  if (error) {
    return FilesystemError(error, "data dir", data_dir, "cannot resolve");
  }
  absl::StatusOr<std::string> canonical =
      PrepareBackupDir(backup_dir, data_path.string());
  if (!canonical.ok()) return canonical.status();
  // A directory another server writes into refuses this one before its
  // store is created (Backups::Open takes the lock for good).
  absl::StatusOr<rocksdb::FileLock*> lock = LockBackupDir(*canonical);
  if (!lock.ok()) return lock.status();
  rocksdb::Env::Default()->UnlockFile(*lock).PermitUncheckedError();
  const bool new_store =
      !fs::exists(data_path, error) || fs::is_empty(data_path, error);
  if (new_store && HoldsABackup(*canonical)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "backup dir ", *canonical, " holds backups of another store (data dir ",
        data_path.string(),
        " holds no store yet); give each store a backup dir of its own, or "
        "restore a backup with --restore_from first"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Backups>> Backups::Open(
    const std::string& backup_dir, Store& store, rocksdb::Env* backup_env) {
  absl::StatusOr<std::string> canonical =
      PrepareBackupDir(backup_dir, store.data_dir());
  if (!canonical.ok()) return canonical.status();
  absl::StatusOr<rocksdb::FileLock*> locked = LockBackupDir(*canonical);
  if (!locked.ok()) return locked.status();
  rocksdb::FileLock* lock = *locked;
  // Unlocks on every return below that does not hand the lock over.
  auto unlock = absl::MakeCleanup([&lock] {
    rocksdb::Env::Default()->UnlockFile(lock).PermitUncheckedError();
  });
  rocksdb::BackupEngineOptions options = EngineOptions(*canonical);
  // The store's files are read through the default Env; only the backup
  // directory is written through backup_env.
  options.backup_env = backup_env;
  rocksdb::BackupEngine* raw_engine = nullptr;
  rocksdb::IOStatus status = rocksdb::BackupEngine::Open(
      options, rocksdb::Env::Default(), &raw_engine);
  if (!status.ok()) {
    return FromRocksDb(status, absl::StrCat("opening backup dir ", *canonical));
  }
  std::unique_ptr<rocksdb::BackupEngine> engine(raw_engine);
  absl::StatusOr<std::vector<BackupInfo>> existing =
      DescribeAll(*engine, *canonical);
  if (!existing.ok()) return existing.status();
  const std::string& store_id = store.schema_stamp().store_id;
  for (const BackupInfo& backup : *existing) {
    // Backups of two stores in one directory would be pruned as one series,
    // and a restore could bring back the wrong organization's data.
    if (backup.store_id != store_id) {
      return absl::FailedPreconditionError(absl::StrCat(
          "backup dir ", *canonical, " holds backups of another store (backup ",
          backup.id, " is of store ", backup.store_id, ", this store is ",
          store_id, "); give each store a backup dir of its own"));
    }
  }
  std::move(unlock).Cancel();
  return absl::WrapUnique(
      new Backups(*std::move(canonical), store, std::move(engine), lock));
}

Backups::Backups(std::string backup_dir, Store& store,
                 std::unique_ptr<rocksdb::BackupEngine> engine,
                 rocksdb::FileLock* lock)
    : backup_dir_(std::move(backup_dir)),
      store_(store),
      lock_(lock),
      engine_(std::move(engine)) {}

Backups::~Backups() {
  {
    absl::MutexLock lock(&mutex_);
    engine_.reset();
  }
  rocksdb::Env::Default()->UnlockFile(lock_).PermitUncheckedError();
}

absl::StatusOr<BackupInfo> Backups::Create(uint32_t keep) {
  if (absl::Status open = store_.CheckOpen(); !open.ok()) return open;
  absl::MutexLock lock(&mutex_);
  // No flush first: the backup copies the live WAL files too, so every
  // acknowledged (synced) write is in it without stalling writers.
  rocksdb::CreateBackupOptions options;
  options.flush_before_backup = false;
  rocksdb::BackupID id = 0;
  rocksdb::IOStatus status = engine_->CreateNewBackupWithMetadata(
      options, store_.db_.get(), EncodeSchemaStamp(store_.schema_stamp()), &id);
  if (!status.ok()) {
    // Free what the failed backup wrote now (a full disk stays full
    // otherwise) rather than on the next backup.
    engine_->GarbageCollect().PermitUncheckedError();
    return FromRocksDb(status, absl::StrCat("backing up to ", backup_dir_));
  }
  status = engine_->VerifyBackup(id, /*verify_with_checksum=*/true);
  if (!status.ok()) {
    engine_->DeleteBackup(id).PermitUncheckedError();
    return absl::DataLossError(absl::StrCat(
        "backup ", id, " in ", backup_dir_,
        " does not match its checksums and was deleted: ", status.ToString()));
  }
  if (keep > 0) {
    status = engine_->PurgeOldBackups(keep);
    if (!status.ok()) {
      return FromRocksDb(status,
                         absl::StrCat("deleting old backups in ", backup_dir_));
    }
  }
  rocksdb::BackupInfo made;
  rocksdb::Status described = engine_->GetBackupInfo(id, &made);
  if (!described.ok()) {
    return FromRocksDb(
        described, absl::StrCat("describing backup ", id, " in ", backup_dir_));
  }
  return Describe(made, backup_dir_);
}

absl::StatusOr<std::vector<BackupInfo>> Backups::List() const {
  absl::MutexLock lock(&mutex_);
  return DescribeAll(*engine_, backup_dir_);
}

absl::Status Backups::Delete(uint32_t id) {
  absl::MutexLock lock(&mutex_);
  rocksdb::BackupInfo backup;
  if (!engine_->GetBackupInfo(id, &backup).ok()) {
    return absl::NotFoundError(
        absl::StrCat("backup ", id, " not found in ", backup_dir_));
  }
  return FromRocksDb(engine_->DeleteBackup(id),
                     absl::StrCat("deleting backup ", id, " in ", backup_dir_));
}

absl::Status RestoreBackup(const std::string& backup_dir, uint32_t id,
                           const std::string& data_dir) {
  std::error_code error;
  if (!fs::is_directory(fs::path(backup_dir) / kBackupMetaDir, error)) {
    return absl::NotFoundError(
        absl::StrCat("backup dir ", backup_dir, " holds no backups"));
  }
  if (fs::exists(data_dir, error)) {
    absl::StatusOr<bool> empty = IsEmptyDirectory(data_dir, "data dir");
    if (!empty.ok()) return empty.status();
    if (!*empty) {
      return absl::FailedPreconditionError(absl::StrCat(
          "data dir ", data_dir,
          " is not empty; restore into a new or empty directory (a store, "
          "live or not, is never overwritten)"));
    }
  } else if (fs::create_directories(data_dir, error); error) {
    return FilesystemError(error, "data dir", data_dir, "cannot create");
  }

  rocksdb::BackupEngineReadOnly* raw_engine = nullptr;
  rocksdb::IOStatus status = rocksdb::BackupEngineReadOnly::Open(
      EngineOptions(backup_dir), rocksdb::Env::Default(), &raw_engine);
  if (!status.ok()) {
    return FromRocksDb(status, absl::StrCat("opening backup dir ", backup_dir));
  }
  std::unique_ptr<rocksdb::BackupEngineReadOnly> engine(raw_engine);
  rocksdb::BackupInfo backup;
  if (!engine->GetBackupInfo(id, &backup).ok()) {
    return absl::NotFoundError(
        absl::StrCat("backup ", id, " not found in ", backup_dir));
  }
  status = engine->VerifyBackup(id, /*verify_with_checksum=*/true);
  if (!status.ok()) {
    return absl::DataLossError(
        absl::StrCat("backup ", id, " in ", backup_dir,
                     " does not match its checksums: ", status.ToString()));
  }
  return FromRocksDb(engine->RestoreDBFromBackup(rocksdb::RestoreOptions(), id,
                                                 data_dir, data_dir),
                     absl::StrCat("restoring backup ", id, " of ", backup_dir,
                                  " into ", data_dir));
}

}  // namespace guestvoice::storage
