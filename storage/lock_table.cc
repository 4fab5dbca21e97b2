#include "storage/lock_table.h"

#include <algorithm>
#include <utility>

#include "absl/hash/hash.h"

namespace guestvoice::storage {

LockTable::Guard::Guard(absl::Mutex* first, absl::Mutex* second)
    : first_(first), second_(second) {
  first_->Lock();
  if (second_ != nullptr) second_->Lock();
}

LockTable::Guard::Guard(Guard&& other) noexcept
    : first_(std::exchange(other.first_, nullptr)),
      second_(std::exchange(other.second_, nullptr)) {}

LockTable::Guard::~Guard() {
  if (second_ != nullptr) second_->Unlock();
  if (first_ != nullptr) first_->Unlock();
}

LockTable::LockTable(size_t stripe_count)
    : stripes_(std::max<size_t>(stripe_count, 1)) {}

size_t LockTable::StripeOf(std::string_view key) const {
  return absl::Hash<std::string_view>()(key) % stripes_.size();
}

LockTable::Guard LockTable::Lock(std::string_view key) {
  return Guard(&stripes_[StripeOf(key)], nullptr);
}

LockTable::Guard LockTable::Lock(std::string_view first_key,
                                 std::string_view second_key) {
  size_t first = StripeOf(first_key);
  size_t second = StripeOf(second_key);
  if (first == second) return Guard(&stripes_[first], nullptr);
  if (first > second) std::swap(first, second);
  return Guard(&stripes_[first], &stripes_[second]);
}

}  // namespace guestvoice::storage
