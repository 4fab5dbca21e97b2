#include "service/tenancy/api_key_verifier.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "common/status_macros.h"
#include "service/core/crypto.h"
#include "service/tenancy/organizations.h"

namespace guestvoice::service {

absl::StatusOr<Principal> ApiKeyVerifier::Verify(std::string_view key,
                                                 absl::Time now) {
  const std::string digest = Sha256(key);
  uint64_t generation = 0;
  {
    absl::MutexLock lock(&mutex_);
    if (auto found = verified_.find(digest); found != verified_.end()) {
      RETURN_IF_ERROR(CheckApiKeyExpiry(found->second, now));
      return found->second.principal;
    }
    generation = generation_.load(std::memory_order_relaxed);
  }
  ASSIGN_OR_RETURN(ApiKeyHolder holder, LookupApiKeyHolder(store_, key));
  RETURN_IF_ERROR(CheckApiKeyExpiry(holder, now));
  absl::MutexLock lock(&mutex_);
  if (generation == generation_.load(std::memory_order_relaxed)) {
    if (verified_.size() >= capacity_) verified_.clear();
    verified_.insert_or_assign(digest, holder);
  }
  return std::move(holder.principal);
}

void ApiKeyVerifier::Forget(std::string_view api_key_name) {
  {
    absl::MutexLock lock(&mutex_);
    generation_.fetch_add(1, std::memory_order_release);
    absl::erase_if(verified_, [&](const auto& entry) {
      return entry.second.principal.api_key_name() == api_key_name;
    });
  }
  if (forget_listener_) forget_listener_(api_key_name);
}

void ApiKeyVerifier::OnForget(
    absl::AnyInvocable<void(std::string_view api_key_name)> listener) {
  forget_listener_ = std::move(listener);
}

}  // namespace guestvoice::service
