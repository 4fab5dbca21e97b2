#ifndef GUESTVOICE_STORAGE_STORE_INSPECTION_H_
#define GUESTVOICE_STORAGE_STORE_INSPECTION_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "rocksdb/cache.h"
#include "storage/schema_stamp.h"

namespace guestvoice::storage {

// Decides, without writing anything, whether the RocksDB database in
// `canonical_path` may be opened for writing by a build that writes
// `schema_version` and upgrades stores from `oldest_schema_version` on; the
// directory's lock is held meanwhile, so no live writer changes the files being
// read. Returns the database's stamp, or nullopt for one with neither stamp nor
// data: a crash between creating a store and stamping it leaves exactly that,
// and Store::Open finishes the job. FAILED_PRECONDITION for a database in use,
// with unknown column families, data but no stamp, another format's stamp or a
// schema version outside [oldest_schema_version, schema_version]; DATA_LOSS for
// unreadable CURRENT or MANIFEST files.
[[nodiscard]] absl::StatusOr<std::optional<SchemaStamp>> InspectExistingStore(
    const std::string& canonical_path,
    const std::shared_ptr<rocksdb::Cache>& block_cache,
    uint32_t oldest_schema_version, uint32_t schema_version);

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_STORE_INSPECTION_H_
