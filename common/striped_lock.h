#ifndef GUESTVOICE_COMMON_STRIPED_LOCK_H_
#define GUESTVOICE_COMMON_STRIPED_LOCK_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"

namespace guestvoice {

// Serializes work on the same key without a mutex per key: keys hash onto a
// fixed set of reader/writer stripes. Unrelated keys may share a stripe and
// wait for each other; that costs throughput, never correctness. Stripes are
// not re-entrant: a thread that needs several keys takes them in one call,
// which locks their stripes in stripe order (so two callers locking the same
// keys in opposite argument order cannot deadlock), each stripe once.
//
// Used for read-modify-write sequences on one record (check-then-create for
// idempotency, two concurrent updates of one guest), and, in shared mode, to
// let many writers of single items proceed while a change that rewrites many
// of them holds the stripe exclusively.
class StripedLock {
 public:
  // Holds one or more stripes, shared or exclusive, until destroyed.
  class [[nodiscard]] Guard {
   public:
    Guard(Guard&& other) noexcept;
    Guard& operator=(Guard&&) = delete;
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;
    ~Guard();

   private:
    friend class StripedLock;
    // `stripes` must be distinct and in ascending stripe order.
    Guard(std::vector<absl::Mutex*> stripes, bool exclusive);

    std::vector<absl::Mutex*> stripes_;
    bool exclusive_;
  };

  explicit StripedLock(size_t stripe_count);

  // Exclusive locks.
  Guard Lock(std::string_view key);
  Guard Lock(std::string_view first_key, std::string_view second_key);
  Guard LockAll(absl::Span<const std::string> keys);

  // A shared lock: excludes only exclusive holders of the stripe.
  Guard LockShared(std::string_view key);

  // Which stripe guards `key`; lets tests pick keys that share one.
  size_t StripeOf(std::string_view key) const;

 private:
  Guard LockStripes(std::vector<size_t> indexes, bool exclusive);

  std::vector<absl::Mutex> stripes_;
};

}  // namespace guestvoice

#endif  // GUESTVOICE_COMMON_STRIPED_LOCK_H_
