#ifndef GUESTVOICE_STORAGE_COLUMN_FAMILY_H_
#define GUESTVOICE_STORAGE_COLUMN_FAMILY_H_

// The one column-family registry: every family the store has, its on-disk
// name, and its options. The key layout inside each family is drawn in
// storage/key_codec.h.

#include <array>
#include <memory>
#include <optional>
#include <string_view>

#include "rocksdb/cache.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"

namespace guestvoice::storage {

enum class ColumnFamily : int {
  // "default": store metadata (schema stamp). RocksDB requires it.
  kDefault = 0,
  // "entities": org-scoped resource records (organizations, hotels, API keys,
  // guests, programs...), serialized protos; point lookups.
  kEntities,
  // "indexes": secondary index entries; prefix scans and point lookups.
  kIndexes,
  // "feedback": feedback items (bulk text; compressed hardest).
  kFeedback,
  // "aggregates": insight pre-aggregates, counter tables combined by
  // CounterTableMergeOperator.
  kAggregates,
  // "requests": request_id idempotency records.
  kRequests,
};
inline constexpr int kColumnFamilyCount = 6;

inline constexpr std::array<ColumnFamily, kColumnFamilyCount>
    kAllColumnFamilies = {ColumnFamily::kDefault,    ColumnFamily::kEntities,
                          ColumnFamily::kIndexes,    ColumnFamily::kFeedback,
                          ColumnFamily::kAggregates, ColumnFamily::kRequests};

// The name RocksDB stores; persisted, never change one.
std::string_view ColumnFamilyName(ColumnFamily family);
// The family with this on-disk name, if it is one of ours.
std::optional<ColumnFamily> ColumnFamilyNamed(std::string_view name);

// Whether the family combines Merge operands (only kAggregates does).
bool HasMergeOperator(ColumnFamily family);

// Options of one family. All families share `block_cache`, so the cache size
// bounds block memory for the whole store.
rocksdb::ColumnFamilyOptions ColumnFamilyOptionsFor(
    ColumnFamily family, const std::shared_ptr<rocksdb::Cache>& block_cache);
// Name and options together, as RocksDB's Open takes them.
rocksdb::ColumnFamilyDescriptor ColumnFamilyDescriptorFor(
    ColumnFamily family, const std::shared_ptr<rocksdb::Cache>& block_cache);

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_COLUMN_FAMILY_H_
