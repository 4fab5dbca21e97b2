// Opens the store in argv[1] from a separate process and prints the status:
// lets tests see what a second guestvoiced on the same data dir gets.
#include <cstdio>

#include "storage/store.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DATA_DIR\n", argv[0]);
    return 2;
  }
  guestvoice::storage::StoreOptions options;
  options.data_dir = argv[1];
  options.block_cache_bytes = 1 << 20;
  absl::StatusOr<std::unique_ptr<guestvoice::storage::Store>> store =
      guestvoice::storage::Store::Open(options);
  std::printf("%s\n", store.status().ToString().c_str());
  return store.ok() ? 0 : 1;
}
