#ifndef GUESTVOICE_SERVICE_API_QUEUE_REFUSAL_H_
#define GUESTVOICE_SERVICE_API_QUEUE_REFUSAL_H_

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/bounded_executor.h"

namespace guestvoice::service {

// How long a caller refused for a full queue is asked to wait (RetryInfo).
inline constexpr absl::Duration kBusyRetryDelay = absl::Milliseconds(50);

// The RESOURCE_EXHAUSTED (LIMIT_EXCEEDED, with a RetryInfo) of a call, or an
// import item, that `executor` refused as `submission` says: the server's
// queue is full, or the caller's organization (the call's lane) holds as
// many of its places as one organization may.
absl::Status QueueRefusal(BoundedExecutor::Submission submission,
                          const BoundedExecutor& executor);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_QUEUE_REFUSAL_H_
