#include "common/striped_lock.h"

#include <algorithm>
#include <utility>

#include "absl/hash/hash.h"

namespace guestvoice {

StripedLock::Guard::Guard(std::vector<absl::Mutex*> stripes, bool exclusive)
    : stripes_(std::move(stripes)), exclusive_(exclusive) {
  for (absl::Mutex* stripe : stripes_) {
    if (exclusive_) {
      stripe->WriterLock();
    } else {
      stripe->ReaderLock();
    }
  }
}

StripedLock::Guard::Guard(Guard&& other) noexcept
    : stripes_(std::exchange(other.stripes_, {})),
      exclusive_(other.exclusive_) {}

StripedLock::Guard::~Guard() {
  for (auto stripe = stripes_.rbegin(); stripe != stripes_.rend(); ++stripe) {
    if (exclusive_) {
      (*stripe)->WriterUnlock();
    } else {
      (*stripe)->ReaderUnlock();
    }
  }
}

StripedLock::StripedLock(size_t stripe_count)
    : stripes_(std::max<size_t>(stripe_count, 1)) {}

size_t StripedLock::StripeOf(std::string_view key) const {
  return absl::Hash<std::string_view>()(key) % stripes_.size();
}

StripedLock::Guard StripedLock::LockStripes(std::vector<size_t> indexes,
                                            bool exclusive) {
  std::sort(indexes.begin(), indexes.end());
  indexes.erase(std::unique(indexes.begin(), indexes.end()), indexes.end());
  std::vector<absl::Mutex*> stripes;
  stripes.reserve(indexes.size());
  for (size_t index : indexes) stripes.push_back(&stripes_[index]);
  return Guard(std::move(stripes), exclusive);
}

StripedLock::Guard StripedLock::Lock(std::string_view key) {
  return LockStripes({StripeOf(key)}, /*exclusive=*/true);
}

StripedLock::Guard StripedLock::Lock(std::string_view first_key,
                                     std::string_view second_key) {
  return LockStripes({StripeOf(first_key), StripeOf(second_key)},
                     /*exclusive=*/true);
}

StripedLock::Guard StripedLock::LockAll(absl::Span<const std::string> keys) {
  std::vector<size_t> indexes;
  indexes.reserve(keys.size());
  for (const std::string& key : keys) indexes.push_back(StripeOf(key));
  return LockStripes(std::move(indexes), /*exclusive=*/true);
}

StripedLock::Guard StripedLock::LockShared(std::string_view key) {
  return LockStripes({StripeOf(key)}, /*exclusive=*/false);
}

}  // namespace guestvoice
