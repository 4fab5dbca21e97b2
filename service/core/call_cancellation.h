#ifndef GUESTVOICE_SERVICE_CORE_CALL_CANCELLATION_H_
#define GUESTVOICE_SERVICE_CORE_CALL_CANCELLATION_H_

// Lets long domain work notice that the call it serves is over: the caller
// cancelled it or its deadline passed. Without it a query keeps running after
// its caller gave up, and a client that retries with short deadlines
// multiplies the load (issue 12, defect 7). Long work polls Check() between
// units of work (a hotel, a bucket, a stored item) and returns its error.

#include "absl/status/status.h"

namespace guestvoice::service {

class CallCancellation {
 public:
  virtual ~CallCancellation() = default;

  // OK while the caller still waits for an answer; otherwise CANCELLED or
  // DEADLINE_EXCEEDED. Thread-safe: fan-out threads poll it too.
  virtual absl::Status Check() const = 0;

  // Never over: for work that no remote caller waits on (tools, benchmarks,
  // rebuilds).
  static const CallCancellation& Never();
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_CALL_CANCELLATION_H_
