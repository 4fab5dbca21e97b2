#ifndef GUESTVOICE_SERVICE_API_QUEUE_REFUSAL_H_
#define GUESTVOICE_SERVICE_API_QUEUE_REFUSAL_H_

#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/bounded_executor.h"

namespace guestvoice::service {

// How long a caller refused for a full queue is asked to wait (RetryInfo).
inline constexpr absl::Duration kBusyRetryDelay = absl::Milliseconds(50);

// The RESOURCE_EXHAUSTED (LIMIT_EXCEEDED, with a RetryInfo) of a call, or an
// import item, that `executor` refused as `submission` says: the server's
// queue is full, or the call's lane holds as many of its places as one lane
// may. The lane is the caller's organization, or "" for calls not yet
// authenticated, whose share is refused as the server being busy.
absl::Status QueueRefusal(BoundedExecutor::Submission submission,
                          const BoundedExecutor& executor,
                          std::string_view lane);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_QUEUE_REFUSAL_H_
