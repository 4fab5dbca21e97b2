#include "storage/store_inspection.h"

#include <cstdarg>
#include <memory>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "storage/column_family.h"
#include "storage/data_dir_lock.h"
#include "storage/keys.h"
#include "storage/status.h"

namespace guestvoice::storage {
namespace {

// Opening read-only to inspect a store must not write to its directory, and
// RocksDB's default info log would create or rotate LOG files there.
class DiscardingLogger final : public rocksdb::Logger {
 public:
  using rocksdb::Logger::Logv;
  void Logv(const char* /*format*/, va_list /*ap*/) override {}
};

absl::Status NotGuestvoiceError(const std::string& data_dir,
                                absl::string_view why) {
  return absl::FailedPreconditionError(
      absl::StrCat("data dir ", data_dir,
                   " holds a RocksDB database that is not a guestvoice store (",
                   why, "); refusing to open it"));
}

absl::Status CheckSchemaStamp(const std::string& data_dir,
                              const SchemaStamp& stamp,
                              uint32_t oldest_schema_version,
                              uint32_t schema_version) {
  if (stamp.format != SchemaStamp::kFormat) {
    return NotGuestvoiceError(
        data_dir,
        absl::StrCat("its schema stamp names format '", stamp.format, "'"));
  }
  if (stamp.schema_version > schema_version) {
    return absl::FailedPreconditionError(
        absl::StrCat("data dir ", data_dir,
                     " was written by a newer guestvoice (schema version ",
                     stamp.schema_version, "; this build reads version ",
                     schema_version, "); refusing to open it"));
  }
  if (stamp.schema_version < oldest_schema_version) {
    return absl::FailedPreconditionError(absl::StrCat(
        "data dir ", data_dir, " has schema version ", stamp.schema_version,
        ", which this build (version ", schema_version,
        ") cannot upgrade (oldest: ", oldest_schema_version,
        "); refusing to open it"));
  }
  return absl::OkStatus();
}

// A database opened read-only, closed when this goes away.
struct ReadOnlyDb {
  ReadOnlyDb() = default;
  ReadOnlyDb(ReadOnlyDb&&) = default;
  ~ReadOnlyDb() {
    if (db == nullptr) return;
    for (rocksdb::ColumnFamilyHandle* handle : handles) {
      db->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
    }
    db->Close().PermitUncheckedError();
  }

  std::unique_ptr<rocksdb::DB> db;
  // In the order of the descriptors it was opened with.
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
};

absl::StatusOr<ReadOnlyDb> OpenReadOnly(
    const rocksdb::DBOptions& options, const std::string& data_dir,
    const std::vector<rocksdb::ColumnFamilyDescriptor>& descriptors) {
  ReadOnlyDb opened;
  rocksdb::DB* raw_db = nullptr;
  rocksdb::Status status = rocksdb::DB::OpenForReadOnly(
      options, data_dir, descriptors, &opened.handles, &raw_db);
  if (!status.ok()) {
    return FromRocksDb(status, absl::StrCat("data dir ", data_dir,
                                            ": opening read-only to check "
                                            "the schema stamp"));
  }
  opened.db.reset(raw_db);
  return opened;
}

}  // namespace

absl::StatusOr<std::optional<SchemaStamp>> InspectExistingStore(
    const std::string& data_dir,
    const std::shared_ptr<rocksdb::Cache>& block_cache,
    uint32_t oldest_schema_version, uint32_t schema_version) {
  absl::StatusOr<DataDirLock> lock = DataDirLock::AcquireIfPresent(data_dir);
  if (!lock.ok()) return lock.status();

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
  for (const std::string& name : names) {
    std::optional<ColumnFamily> family = ColumnFamilyNamed(name);
    if (!family.has_value()) {
      return NotGuestvoiceError(
          data_dir, absl::StrCat("unknown column family '", name, "'"));
    }
    descriptors.push_back(ColumnFamilyDescriptorFor(*family, block_cache));
  }

  // Only the default family, which holds the stamp: a read-only open replays
  // the WAL into the memtables of the families it opens, and after a crash
  // that would be the whole WAL a second time (Store::Open replays it again),
  // and it opens the table files of those families. Records of the other
  // families are read and skipped.
  absl::StatusOr<ReadOnlyDb> stamp_db = OpenReadOnly(
      options, data_dir,
      {ColumnFamilyDescriptorFor(ColumnFamily::kDefault, block_cache)});
  if (!stamp_db.ok()) return stamp_db.status();
  std::string encoded;
  status = stamp_db->db->Get(rocksdb::ReadOptions(), stamp_db->handles[0],
                             SchemaStampKey(), &encoded);
  if (status.IsNotFound()) {
    absl::StatusOr<ReadOnlyDb> db =
        OpenReadOnly(options, data_dir, descriptors);
    if (!db.ok()) return db.status();
    for (rocksdb::ColumnFamilyHandle* handle : db->handles) {
      std::unique_ptr<rocksdb::Iterator> it(
          db->db->NewIterator(rocksdb::ReadOptions(), handle));
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
  if (absl::Status valid = CheckSchemaStamp(
          data_dir, *stamp, oldest_schema_version, schema_version);
      !valid.ok()) {
    return valid;
  }
  return *std::move(stamp);
}

}  // namespace guestvoice::storage
