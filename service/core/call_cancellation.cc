#include "service/core/call_cancellation.h"

namespace guestvoice::service {
namespace {

class NeverCancelled final : public CallCancellation {
 public:
  absl::Status Check() const override { return absl::OkStatus(); }
};

}  // namespace

const CallCancellation& CallCancellation::Never() {
  static const NeverCancelled never;
  return never;
}

}  // namespace guestvoice::service
