#ifndef GUESTVOICE_STORAGE_STORE_OPTIONS_H_
#define GUESTVOICE_STORAGE_STORE_OPTIONS_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/column_family.h"

namespace guestvoice::storage {

// A family whose entries expire. Compactions drop the entries `is_expired`
// calls expired (a RocksDB compaction filter), so expiry costs no scan; but
// a compaction reaches an entry at its own pace, so readers must also treat
// an expired entry they meet as absent.
struct ExpiringFamily {
  // Called with an entry's key and value, from RocksDB's compaction
  // threads.
  using IsExpired =
      std::function<bool(std::string_view key, std::string_view value)>;

  ColumnFamily family;
  IsExpired is_expired;
};

struct StoreOptions {
  // Directory holding the RocksDB files; one guestvoiced per directory.
  std::string data_dir;
  // Whether a write is fsynced to the WAL before it is acknowledged. Concurrent
  // synced writers share one fsync (RocksDB's group commit), so throughput
  // grows with the number of callers. Off: a machine crash may lose the last
  // writes (a process crash does not).
  bool sync_writes = true;
  // One LRU block cache shared by every column family.
  size_t block_cache_bytes = size_t{256} << 20;
  // Decoded aggregate blocks, per-interval sums and recent quotes kept in
  // memory (read_cache.h); 0 turns the cache off.
  size_t read_cache_bytes = size_t{128} << 20;
  // Create the directory and an empty store when there is none.
  bool create_if_missing = true;
  // Families whose entries expire; none unless the owner says so.
  std::vector<ExpiringFamily> expiring_families;
  // When not empty, Store::secret is this instead of the store's own: the
  // nodes of a cluster, each with a store of its own, share one, so that
  // what one node signs (page tokens) another accepts. At least
  // kMinSharedSecretBytes. The store's own secret stays on disk, unused.
  std::string shared_secret;
};

// The shortest StoreOptions::shared_secret accepted: 256 bits of a random
// secret's text is more than that many bytes.
inline constexpr size_t kMinSharedSecretBytes = 32;

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_STORE_OPTIONS_H_
