#include "service/cluster/applied_times.h"

#include <algorithm>

#include "common/absl_view.h"

namespace guestvoice::service::cluster {

void AppliedTimes::Advance(std::string_view org_id, absl::Time receive_time) {
  absl::MutexLock lock(&mutex_);
  auto [latest, inserted] = latest_.try_emplace(AbslView(org_id), receive_time);
  if (!inserted) latest->second = std::max(latest->second, receive_time);
}

std::optional<absl::Time> AppliedTimes::ExpiryNow(
    std::string_view org_id) const {
  absl::MutexLock lock(&mutex_);
  auto latest = latest_.find(AbslView(org_id));
  if (latest == latest_.end()) return std::nullopt;
  return latest->second - kReceiveTimeSkew;
}

}  // namespace guestvoice::service::cluster
