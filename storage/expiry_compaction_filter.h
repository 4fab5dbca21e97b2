#ifndef GUESTVOICE_STORAGE_EXPIRY_COMPACTION_FILTER_H_
#define GUESTVOICE_STORAGE_EXPIRY_COMPACTION_FILTER_H_

#include <memory>

#include "rocksdb/compaction_filter.h"
#include "storage/store_options.h"

namespace guestvoice::storage {

// Makes the compaction filters that drop the entries `is_expired` calls
// expired, so that expiry rides on compactions RocksDB runs anyway instead
// of a scan of its own.
std::shared_ptr<rocksdb::CompactionFilterFactory> NewExpiryFilterFactory(
    ExpiringFamily::IsExpired is_expired);

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_EXPIRY_COMPACTION_FILTER_H_
