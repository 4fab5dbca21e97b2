#ifndef GUESTVOICE_STORAGE_STORE_OPTIONS_H_
#define GUESTVOICE_STORAGE_STORE_OPTIONS_H_

#include <cstddef>
#include <string>

namespace guestvoice::storage {

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
  // Create the directory and an empty store when there is none.
  bool create_if_missing = true;
};

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_STORE_OPTIONS_H_
