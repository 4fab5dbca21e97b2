#ifndef GUESTVOICE_SERVICE_API_CALL_RECORDER_H_
#define GUESTVOICE_SERVICE_API_CALL_RECORDER_H_

#include <string_view>

#include "service/api/call_log.h"
#include "service/api/call_metrics.h"
#include "service/api/finished_call.h"

namespace guestvoice::service {

// Where each call reports as it finishes: counted in the metrics always, and
// logged when the server keeps a call log.
class CallRecorder {
 public:
  // `log` may be null (no call log); both must outlive this.
  CallRecorder(CallMetrics& metrics, const CallLog* log)
      : metrics_(metrics), log_(log) {}

  void Finished(const FinishedCall& call) const {
    const std::string_view method = metrics_.Record(call);
    if (log_ != nullptr) log_->Record(call, method);
  }

 private:
  CallMetrics& metrics_;
  const CallLog* const log_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_CALL_RECORDER_H_
