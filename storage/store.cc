#include "storage/store.h"

#include <cstdarg>
#include <utility>
#include <vector>

#include "absl/cleanup/cleanup.h"
#include "absl/memory/memory.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/env.h"
#include "storage/counters_merge_operator.h"
#include "storage/data_dir.h"
#include "storage/key_codec.h"
#include "storage/keys.h"
#include "storage/status.h"

namespace guestvoice::storage {
namespace {

// All families share one WAL, so a rarely written family (default, requests)
// would keep old WAL files alive and make recovery replay them. Past this
// total, RocksDB flushes the families that pin the oldest WAL file.
constexpr uint64_t kMaxTotalWalBytes = uint64_t{256} << 20;
// Write finished SST data back in 1 MiB steps instead of one long fsync at
// the end of each flush or compaction, which would stall synced WAL writes.
constexpr uint64_t kBytesPerSync = uint64_t{1} << 20;

// Opening read-only to inspect a store must not write to its directory, and
// RocksDB's default info log would create or rotate LOG files there.
class DiscardingLogger final : public rocksdb::Logger {
 public:
  using rocksdb::Logger::Logv;
  void Logv(const char* /*format*/, va_list /*ap*/) override {}
};

rocksdb::DBOptions DbOptions() {
  rocksdb::DBOptions options;
  // PrepareDataDir has already decided whether a store may be created here.
  options.create_if_missing = true;
  // Families added to the registry later appear on the first open.
  options.create_missing_column_families = true;
  // Deployments have two shared cores; the default of 2 background jobs
  // (flushes + compactions) is stated here on purpose.
  options.max_background_jobs = 2;
  options.max_total_wal_size = kMaxTotalWalBytes;
  options.bytes_per_sync = kBytesPerSync;
  // Not set, on purpose: atomic_flush (every write goes through the WAL, so a
  // batch spanning families is recovered whole after a crash anyway) and
  // enable_pipelined_write (the default write path already groups concurrent
  // writers into one WAL write and one fsync; pipelining only overlaps
  // memtable inserts, which are cheap next to the fsync).
  return options;
}

rocksdb::ColumnFamilyDescriptor DescriptorFor(
    ColumnFamily family, const std::shared_ptr<rocksdb::Cache>& block_cache) {
  return rocksdb::ColumnFamilyDescriptor(
      std::string(ColumnFamilyName(family)),
      ColumnFamilyOptionsFor(family, block_cache));
}

std::string LockPath(const std::string& data_dir) {
  return absl::StrCat(data_dir, "/LOCK");
}

absl::Status InUseError(const std::string& data_dir,
                        const rocksdb::Status& lock_status) {
  return absl::FailedPreconditionError(absl::StrCat(
      "data dir ", data_dir, " is in use by another guestvoiced (lock file ",
      LockPath(data_dir),
      "): ", FromRocksDb(lock_status, "locking").message()));
}

// Whether another process (or another open Store in this one) holds the
// directory's lock. Only an existing LOCK file is tried, so nothing is created.
bool LockedByAnother(const std::string& data_dir,
                     rocksdb::Status* lock_status) {
  rocksdb::Env* env = rocksdb::Env::Default();
  const std::string lock_path = LockPath(data_dir);
  if (!env->FileExists(lock_path).ok()) return false;
  rocksdb::FileLock* lock = nullptr;
  *lock_status = env->LockFile(lock_path, &lock);
  if (!lock_status->ok()) return true;
  env->UnlockFile(lock).PermitUncheckedError();
  return false;
}

absl::Status NotGuestvoiceError(const std::string& data_dir,
                                absl::string_view why) {
  return absl::FailedPreconditionError(
      absl::StrCat("data dir ", data_dir,
                   " holds a RocksDB database that is not a guestvoice store (",
                   why, "); refusing to open it"));
}

absl::Status CheckSchemaStamp(const std::string& data_dir,
                              const SchemaStamp& stamp) {
  if (stamp.format != SchemaStamp::kFormat) {
    return NotGuestvoiceError(
        data_dir,
        absl::StrCat("its schema stamp names format '", stamp.format, "'"));
  }
  if (stamp.schema_version > Store::kSchemaVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat("data dir ", data_dir,
                     " was written by a newer guestvoice (schema "
                     "version ",
                     stamp.schema_version, "; this build reads version ",
                     Store::kSchemaVersion, "); refusing to open it"));
  }
  if (stamp.schema_version < Store::kSchemaVersion) {
    return absl::FailedPreconditionError(absl::StrCat(
        "data dir ", data_dir, " has schema version ", stamp.schema_version,
        ", which this build (version ", Store::kSchemaVersion,
        ") cannot migrate; refusing to open it"));
  }
  return absl::OkStatus();
}

// Decides, without writing anything, whether the RocksDB database in
// `data_dir` may be opened for writing. Returns its stamp, or nullopt for a
// database with no stamp and no data: a crash between creating a store and
// stamping it leaves exactly that, and Open finishes the job. The directory's
// lock is held meanwhile so no live writer changes the files being read.
absl::StatusOr<std::optional<SchemaStamp>> InspectExistingStore(
    const std::string& data_dir,
    const std::shared_ptr<rocksdb::Cache>& block_cache) {
  rocksdb::Env* env = rocksdb::Env::Default();
  rocksdb::FileLock* lock = nullptr;
  if (env->FileExists(LockPath(data_dir)).ok()) {
    rocksdb::Status locked = env->LockFile(LockPath(data_dir), &lock);
    if (!locked.ok()) return InUseError(data_dir, locked);
  }
  absl::Cleanup unlock = [env, lock] {
    if (lock != nullptr) env->UnlockFile(lock).PermitUncheckedError();
  };

  rocksdb::DBOptions options;
  options.info_log = std::make_shared<DiscardingLogger>();
  std::vector<std::string> names;
  rocksdb::Status status =
      rocksdb::DB::ListColumnFamilies(options, data_dir, &names);
  if (!status.ok()) {
    return FromRocksDb(status, absl::StrCat("data dir ", data_dir,
                                            ": reading the RocksDB metadata "
                                            "(CURRENT, MANIFEST)"));
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  size_t default_index = 0;
  for (const std::string& name : names) {
    std::optional<ColumnFamily> family = ColumnFamilyNamed(name);
    if (!family.has_value()) {
      return NotGuestvoiceError(
          data_dir, absl::StrCat("unknown column family '", name, "'"));
    }
    if (*family == ColumnFamily::kDefault) default_index = descriptors.size();
    descriptors.push_back(DescriptorFor(*family, block_cache));
  }

  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw_db = nullptr;
  status = rocksdb::DB::OpenForReadOnly(options, data_dir, descriptors,
                                        &handles, &raw_db);
  if (!status.ok()) {
    return FromRocksDb(status, absl::StrCat("data dir ", data_dir,
                                            ": opening read-only to check "
                                            "the schema stamp"));
  }
  std::unique_ptr<rocksdb::DB> db(raw_db);
  absl::Cleanup close = [&db, &handles] {
    for (rocksdb::ColumnFamilyHandle* handle : handles) {
      db->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
    }
    db->Close().PermitUncheckedError();
  };

  std::string encoded;
  status = db->Get(rocksdb::ReadOptions(), handles[default_index],
                   SchemaStampKey(), &encoded);
  if (status.IsNotFound()) {
    for (rocksdb::ColumnFamilyHandle* handle : handles) {
      std::unique_ptr<rocksdb::Iterator> it(
          db->NewIterator(rocksdb::ReadOptions(), handle));
      it->SeekToFirst();
      if (it->Valid()) {
        return NotGuestvoiceError(data_dir, "it has data but no schema stamp");
      }
      if (!it->status().ok()) {
        return FromRocksDb(it->status(),
                           absl::StrCat("data dir ", data_dir, ": reading"));
      }
    }
    return std::nullopt;
  }
  if (!status.ok()) {
    return FromRocksDb(status, absl::StrCat("data dir ", data_dir,
                                            ": reading the schema stamp"));
  }
  absl::StatusOr<SchemaStamp> stamp = DecodeSchemaStamp(encoded);
  if (!stamp.ok()) {
    return NotGuestvoiceError(data_dir, stamp.status().message());
  }
  if (absl::Status valid = CheckSchemaStamp(data_dir, *stamp); !valid.ok()) {
    return valid;
  }
  return *std::move(stamp);
}

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> Store::Open(
    const StoreOptions& options) {
  if (options.data_dir.empty()) {
    return absl::InvalidArgumentError("StoreOptions.data_dir is empty");
  }
  absl::StatusOr<PreparedDataDir> prepared =
      PrepareDataDir(options.data_dir, options.create_if_missing);
  if (!prepared.ok()) return prepared.status();
  const std::string& data_dir = prepared->canonical_path;

  std::shared_ptr<rocksdb::Cache> block_cache =
      rocksdb::NewLRUCache(options.block_cache_bytes);
  std::optional<SchemaStamp> stamp;
  if (prepared->contents == DataDirContents::kRocksDb) {
    absl::StatusOr<std::optional<SchemaStamp>> inspected =
        InspectExistingStore(data_dir, block_cache);
    if (!inspected.ok()) return inspected.status();
    stamp = *std::move(inspected);
  }

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (ColumnFamily family : kAllColumnFamilies) {
    descriptors.push_back(DescriptorFor(family, block_cache));
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handle_list;
  rocksdb::DB* raw_db = nullptr;
  rocksdb::Status status = rocksdb::DB::Open(DbOptions(), data_dir, descriptors,
                                             &handle_list, &raw_db);
  if (!status.ok()) {
    // Another process may have taken the lock since the inspection.
    rocksdb::Status lock_status;
    if (LockedByAnother(data_dir, &lock_status)) {
      return InUseError(data_dir, lock_status);
    }
    return FromRocksDb(status, absl::StrCat("opening data dir ", data_dir));
  }
  Handles handles;
  std::copy(handle_list.begin(), handle_list.end(), handles.begin());
  auto store = absl::WrapUnique(
      new Store(data_dir, options.sync_writes, std::move(block_cache),
                std::unique_ptr<rocksdb::DB>(raw_db), handles, SchemaStamp()));

  if (!stamp.has_value()) {
    stamp = NewSchemaStamp(kSchemaVersion, absl::Now());
    // Synced whatever sync_writes says: the stamp is what makes this a store.
    rocksdb::WriteOptions synced;
    synced.sync = true;
    status = store->db_->Put(synced, store->handle(ColumnFamily::kDefault),
                             SchemaStampKey(), EncodeSchemaStamp(*stamp));
    if (!status.ok()) {
      return FromRocksDb(status, absl::StrCat("data dir ", data_dir,
                                              ": writing the schema stamp"));
    }
  }
  store->schema_stamp_ = *std::move(stamp);
  return store;
}

Store::Store(std::string data_dir, bool sync_writes,
             std::shared_ptr<rocksdb::Cache> block_cache,
             std::unique_ptr<rocksdb::DB> db, Handles handles,
             SchemaStamp schema_stamp)
    : data_dir_(std::move(data_dir)),
      block_cache_(std::move(block_cache)),
      db_(std::move(db)),
      handles_(handles),
      schema_stamp_(std::move(schema_stamp)) {
  write_options_.sync = sync_writes;
}

Store::~Store() { Close().IgnoreError(); }

absl::Status Store::Close() {
  if (db_ == nullptr) return absl::OkStatus();
  absl::Status result;
  std::vector<rocksdb::ColumnFamilyHandle*> all(handles_.begin(),
                                                handles_.end());
  result.Update(FromRocksDb(db_->Flush(rocksdb::FlushOptions(), all),
                            absl::StrCat("flushing data dir ", data_dir_)));
  for (rocksdb::ColumnFamilyHandle*& handle : handles_) {
    result.Update(FromRocksDb(db_->DestroyColumnFamilyHandle(handle),
                              "releasing a column family"));
    handle = nullptr;
  }
  result.Update(
      FromRocksDb(db_->Close(), absl::StrCat("closing data dir ", data_dir_)));
  db_.reset();
  return result;
}

absl::Status Store::CheckOpen() const {
  if (db_ == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("store in ", data_dir_, " is closed"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::string>> Store::Get(
    ColumnFamily family, std::string_view key, const Snapshot* snapshot) const {
  if (absl::Status open = CheckOpen(); !open.ok()) return open;
  rocksdb::ReadOptions options;
  if (snapshot != nullptr) options.snapshot = snapshot->snapshot_;
  std::string value;
  rocksdb::Status status = db_->Get(options, handle(family), key, &value);
  if (status.IsNotFound()) return std::nullopt;
  if (!status.ok()) {
    return FromRocksDb(
        status,
        absl::StrCat("get from ", std::string(ColumnFamilyName(family))));
  }
  return value;
}

absl::Status Store::Write(WriteBatch&& batch) {
  if (absl::Status open = CheckOpen(); !open.ok()) return open;
  if (batch.empty()) return absl::OkStatus();
  rocksdb::WriteBatch updates;
  for (const WriteBatch::Update& update : batch.updates_) {
    // RocksDB accepts such a Merge into the WAL and fails only while applying
    // it, after earlier updates of the batch took effect (and again on every
    // recovery). Refuse the batch while nothing is written.
    if (update.operation == WriteBatch::Operation::kMerge &&
        !HasMergeOperator(update.family)) {
      return absl::InternalError(
          absl::StrCat("Merge into column family '",
                       std::string(ColumnFamilyName(update.family)),
                       "', which has no merge operator"));
    }
    // A malformed counters value would fail every later merge of its key, in
    // reads and in compactions (which would stop the store's writes).
    if (update.family == ColumnFamily::kAggregates &&
        update.operation != WriteBatch::Operation::kDelete &&
        !IsCountersValue(update.value)) {
      return absl::InternalError(
          absl::StrCat("a value of ", update.value.size(),
                       " bytes is not a counters value (8-byte slots)"));
    }
    rocksdb::ColumnFamilyHandle* family = handle(update.family);
    rocksdb::Status status;
    switch (update.operation) {
      case WriteBatch::Operation::kPut:
        status = updates.Put(family, update.key, update.value);
        break;
      case WriteBatch::Operation::kDelete:
        status = updates.Delete(family, update.key);
        break;
      case WriteBatch::Operation::kMerge:
        status = updates.Merge(family, update.key, update.value);
        break;
    }
    if (!status.ok()) return FromRocksDb(status, "building a write batch");
  }
  return FromRocksDb(db_->Write(write_options_, &updates),
                     absl::StrCat("writing ", batch.count(), " updates"));
}

absl::Status Store::Scan(
    ColumnFamily family, std::string_view prefix, std::string_view start_after,
    size_t limit,
    absl::FunctionRef<bool(std::string_view key, std::string_view value)> visit,
    const Snapshot* snapshot) const {
  if (absl::Status open = CheckOpen(); !open.ok()) return open;
  // The upper bound lets RocksDB stop at the end of the prefix without reading
  // (and skipping tombstones in) the next key range.
  const std::string upper_bound = PrefixSuccessor(prefix);
  const rocksdb::Slice upper_bound_slice(upper_bound);
  rocksdb::ReadOptions options;
  if (!upper_bound.empty()) options.iterate_upper_bound = &upper_bound_slice;
  if (snapshot != nullptr) options.snapshot = snapshot->snapshot_;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(options, handle(family)));

  if (start_after > prefix) {
    it->Seek(start_after);
    if (it->Valid() && it->key().ToStringView() == start_after) it->Next();
  } else {
    it->Seek(prefix);
  }
  for (size_t visited = 0; it->Valid() && (limit == 0 || visited < limit);
       it->Next(), ++visited) {
    const std::string_view key = it->key().ToStringView();
    if (key.substr(0, prefix.size()) != prefix) break;
    if (!visit(key, it->value().ToStringView())) break;
  }
  return FromRocksDb(
      it->status(),
      absl::StrCat("scanning ", std::string(ColumnFamilyName(family))));
}

std::unique_ptr<Snapshot> Store::GetSnapshot() const {
  return absl::WrapUnique(new Snapshot(db_.get(), db_->GetSnapshot()));
}

absl::Status Store::CompactAll() {
  if (absl::Status open = CheckOpen(); !open.ok()) return open;
  rocksdb::CompactRangeOptions options;
  // Rewrite the last level too, so every merge operand is folded in.
  options.bottommost_level_compaction =
      rocksdb::BottommostLevelCompaction::kForce;
  for (ColumnFamily family : kAllColumnFamilies) {
    rocksdb::Status status =
        db_->CompactRange(options, handle(family), nullptr, nullptr);
    if (!status.ok()) {
      return FromRocksDb(
          status,
          absl::StrCat("compacting ", std::string(ColumnFamilyName(family))));
    }
  }
  return absl::OkStatus();
}

}  // namespace guestvoice::storage
