#include "storage/store_inspection.h"

#include <cstdarg>
#include <utility>
#include <vector>

#include "absl/cleanup/cleanup.h"
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
  size_t default_index = 0;
  for (const std::string& name : names) {
    std::optional<ColumnFamily> family = ColumnFamilyNamed(name);
    if (!family.has_value()) {
      return NotGuestvoiceError(
          data_dir, absl::StrCat("unknown column family '", name, "'"));
    }
    if (*family == ColumnFamily::kDefault) default_index = descriptors.size();
    descriptors.push_back(ColumnFamilyDescriptorFor(*family, block_cache));
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
  if (absl::Status valid = CheckSchemaStamp(
          data_dir, *stamp, oldest_schema_version, schema_version);
      !valid.ok()) {
    return valid;
  }
  return *std::move(stamp);
}

}  // namespace guestvoice::storage
