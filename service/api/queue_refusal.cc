#include "service/api/queue_refusal.h"

#include "absl/strings/str_cat.h"
#include "service/core/errors.h"

namespace guestvoice::service {

absl::Status QueueRefusal(BoundedExecutor::Submission submission,
                          const BoundedExecutor& executor,
                          std::string_view lane) {
  if (submission == BoundedExecutor::Submission::kLaneFull && !lane.empty()) {
    return LimitExceeded(
        absl::StrCat("this organization has ", executor.lane_capacity(),
                     " calls queued, as many as one organization may, so "
                     "that the others' calls still get a place; retry "
                     "shortly"),
        kBusyRetryDelay);
  }
  return LimitExceeded(
      "the server is busy: too many calls are queued; retry shortly",
      kBusyRetryDelay);
}

}  // namespace guestvoice::service
