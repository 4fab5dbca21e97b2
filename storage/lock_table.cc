#include "storage/lock_table.h"

#include <algorithm>
#include <utility>

#include "absl/hash/hash.h"

namespace guestvoice::storage {

LockTable::Guard::Guard(std::vector<absl::Mutex*> stripes)
    : stripes_(std::move(stripes)) {
  for (absl::Mutex* stripe : stripes_) stripe->Lock();
}

LockTable::Guard::Guard(Guard&& other) noexcept
    : stripes_(std::exchange(other.stripes_, {})) {}

LockTable::Guard::~Guard() {
  for (auto stripe = stripes_.rbegin(); stripe != stripes_.rend(); ++stripe) {
    (*stripe)->Unlock();
  }
}

LockTable::LockTable(size_t stripe_count)
    : stripes_(std::max<size_t>(stripe_count, 1)) {}

size_t LockTable::StripeOf(std::string_view key) const {
  return absl::Hash<std::string_view>()(key) % stripes_.size();
}

LockTable::Guard LockTable::Lock(std::string_view key) {
  return Guard({&stripes_[StripeOf(key)]});
}

LockTable::Guard LockTable::Lock(std::string_view first_key,
                                 std::string_view second_key) {
  size_t first = StripeOf(first_key);
  size_t second = StripeOf(second_key);
  if (first == second) return Guard({&stripes_[first]});
  if (first > second) std::swap(first, second);
  return Guard({&stripes_[first], &stripes_[second]});
}

LockTable::Guard LockTable::LockAll(absl::Span<const std::string> keys) {
  std::vector<size_t> indexes;
  indexes.reserve(keys.size());
  for (const std::string& key : keys) indexes.push_back(StripeOf(key));
  std::sort(indexes.begin(), indexes.end());
  indexes.erase(std::unique(indexes.begin(), indexes.end()), indexes.end());
  std::vector<absl::Mutex*> stripes;
  stripes.reserve(indexes.size());
  for (size_t index : indexes) stripes.push_back(&stripes_[index]);
  return Guard(std::move(stripes));
}

}  // namespace guestvoice::storage
