#ifndef GUESTVOICE_STORAGE_LOCK_TABLE_H_
#define GUESTVOICE_STORAGE_LOCK_TABLE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"

namespace guestvoice::storage {

// Serializes read-modify-write sequences on the same key (check-then-create
// for idempotency, two concurrent updates of one guest) without a lock per
// key: keys hash onto a fixed set of mutex stripes. Unrelated keys may share
// a stripe and wait for each other; that costs throughput, never
// correctness. Hold a guard only around the read and the Store::Write.
class LockTable {
 public:
  // Holds one or more stripes until destroyed.
  class [[nodiscard]] Guard {
   public:
    Guard(Guard&& other) noexcept;
    Guard& operator=(Guard&&) = delete;
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;
    ~Guard();

   private:
    friend class LockTable;
    // `stripes` must be distinct and in ascending stripe order.
    explicit Guard(std::vector<absl::Mutex*> stripes);

    std::vector<absl::Mutex*> stripes_;
  };

  explicit LockTable(size_t stripe_count = 1024);

  Guard Lock(std::string_view key);
  // Locks both keys' stripes, always in stripe order, so two callers locking
  // the same pair in opposite argument order cannot deadlock (e.g. merging
  // guest A into B while B is merged into A). Keys on one stripe lock it once.
  Guard Lock(std::string_view first_key, std::string_view second_key);
  // Locks the stripes of every key at once, in stripe order, each stripe
  // once. Stripes are not re-entrant, so a handler that needs several keys
  // (a guest and all its identities) must take them in one call.
  Guard LockAll(absl::Span<const std::string> keys);

  // Which stripe guards `key`; lets tests pick keys that share one.
  size_t StripeOf(std::string_view key) const;

 private:
  std::vector<absl::Mutex> stripes_;
};

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_LOCK_TABLE_H_
