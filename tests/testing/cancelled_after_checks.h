#ifndef GUESTVOICE_TESTS_TESTING_CANCELLED_AFTER_CHECKS_H_
#define GUESTVOICE_TESTS_TESTING_CANCELLED_AFTER_CHECKS_H_

#include <atomic>

#include "absl/status/status.h"
#include "service/core/call_cancellation.h"

namespace guestvoice::testing {

// A call whose deadline passes after its first `allowed_checks` checks: every
// later check fails with DEADLINE_EXCEEDED. checks() tells how far the work
// went, so a test can show that it stopped instead of running to the end.
class CancelledAfterChecks final : public service::CallCancellation {
 public:
  explicit CancelledAfterChecks(int allowed_checks)
      : allowed_checks_(allowed_checks) {}

  absl::Status Check() const override {
    if (++checks_ <= allowed_checks_) return absl::OkStatus();
    return absl::DeadlineExceededError("deadline passed (test)");
  }

  int checks() const { return checks_; }

 private:
  const int allowed_checks_;
  mutable std::atomic<int> checks_{0};
};

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_TESTING_CANCELLED_AFTER_CHECKS_H_
