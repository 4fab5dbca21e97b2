#ifndef GUESTVOICE_SERVICE_API_STREAM_CALL_REPORT_H_
#define GUESTVOICE_SERVICE_API_STREAM_CALL_REPORT_H_

#include <grpcpp/server_context.h>

#include <atomic>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "google/protobuf/descriptor.h"
#include "service/api/call_recorder.h"
#include "service/core/principal.h"

namespace guestvoice::service {

// What a streamed call (ImportFeedback, WatchFeedback) reports to the
// CallRecorder: once, as the stream ends, with its final status, the time
// since it arrived and, once authenticated, its caller. RunUnary does the
// same for a unary call. A reactor reports before it calls Finish, after
// which the context may be gone and the client may already look at the
// metrics. Finished is thread-safe; only its first call counts.
class StreamCallReport {
 public:
  // Starts the clock: construct it as the call arrives.
  StreamCallReport(const CallRecorder& calls,
                   const google::protobuf::Descriptor& request_type,
                   const grpc::ServerContextBase& context)
      : calls_(calls),
        request_type_(request_type),
        context_(context),
        arrived_(absl::Now()) {}

  // The authenticated caller, so the call counts for its key.
  void set_caller(Principal caller) { caller_.emplace(std::move(caller)); }
  // The node this node forwarded the call to (CallForwarder).
  void set_forwarded_to(std::string address) {
    forwarded_to_ = std::move(address);
  }

  void Finished(absl::StatusCode code) {
    if (reported_.exchange(true)) return;
    calls_.Finished({request_type_, context_,
                     caller_.has_value() ? &*caller_ : nullptr, code,
                     absl::Now() - arrived_, forwarded_to_});
  }

 private:
  const CallRecorder& calls_;
  const google::protobuf::Descriptor& request_type_;
  const grpc::ServerContextBase& context_;
  const absl::Time arrived_;
  std::optional<Principal> caller_;
  std::string forwarded_to_;
  std::atomic<bool> reported_ = false;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_STREAM_CALL_REPORT_H_
