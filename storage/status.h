#ifndef GUESTVOICE_STORAGE_STATUS_H_
#define GUESTVOICE_STORAGE_STATUS_H_

#include <string_view>

#include "absl/status/status.h"
#include "rocksdb/status.h"

namespace guestvoice::storage {

// THE rocksdb::Status -> absl::Status mapping; nothing else converts RocksDB
// statuses. `context` says what was being done (e.g. "get entities key") and
// prefixes the message, which keeps RocksDB's own text. The table and the
// reasoning behind each row are in status.cc.
[[nodiscard]] absl::Status FromRocksDb(const rocksdb::Status& status,
                                       std::string_view context);

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_STATUS_H_
