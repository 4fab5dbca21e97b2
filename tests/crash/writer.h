#ifndef GUESTVOICE_TESTS_CRASH_WRITER_H_
#define GUESTVOICE_TESTS_CRASH_WRITER_H_

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/loyalty_service.grpc.pb.h"
#include "tests/crash/ledger.h"

namespace guestvoice::crash {

// The items of one ImportFeedback stream.
struct ImportBatch {
  std::vector<v1::ImportFeedbackRequest> items;
};

// One write of the crash test, as the request it sends. Kept when the server
// dies before acknowledging it, to be sent again after the restart.
using Write = std::variant<v1::IngestFeedbackRequest, ImportBatch,
                           v1::CreateGuestRequest, v1::LinkIdentityRequest,
                           v1::RecordStayRequest, v1::RecordCheckInRequest,
                           v1::MergeGuestsRequest, v1::UpdateFeedbackRequest>;

// Whether a write's failure came from the channel, not from a server: no
// connection could be made, so the call never reached one.
bool NeverAnswered(const absl::Status& status);

// Sends writes to one server and records those it acknowledges. Each call
// gives up after `call_deadline` (DEADLINE_EXCEEDED: it may still land).
class Writer {
 public:
  Writer(const std::shared_ptr<grpc::Channel>& channel, std::string key,
         Ledger& ledger, absl::Duration call_deadline = absl::Seconds(20));

  // Sends `write`; once acknowledged, records it in the ledger and returns
  // the name of the resource written ("" for an import).
  absl::StatusOr<std::string> Apply(const Write& write);

  // Sends a write again after a restart: idempotency must make it succeed
  // without applying it twice. A merge the server already applied answers
  // NOT_FOUND for the merged guest; it counts as acknowledged when the
  // survivor records that merge.
  absl::StatusOr<std::string> Retry(const Write& write);

 private:
  std::unique_ptr<grpc::ClientContext> Context() const;
  absl::StatusOr<std::string> Send(const v1::IngestFeedbackRequest& request);
  absl::StatusOr<std::string> Send(const ImportBatch& batch);
  absl::StatusOr<std::string> Send(const v1::CreateGuestRequest& request);
  absl::StatusOr<std::string> Send(const v1::LinkIdentityRequest& request);
  absl::StatusOr<std::string> Send(const v1::RecordStayRequest& request);
  absl::StatusOr<std::string> Send(const v1::RecordCheckInRequest& request);
  absl::StatusOr<std::string> Send(const v1::MergeGuestsRequest& request);
  absl::StatusOr<std::string> Send(const v1::UpdateFeedbackRequest& request);

  std::unique_ptr<v1::FeedbackService::Stub> feedback_;
  std::unique_ptr<v1::LoyaltyService::Stub> loyalty_;
  std::string key_;
  Ledger& ledger_;
  absl::Duration call_deadline_;
};

}  // namespace guestvoice::crash

#endif  // GUESTVOICE_TESTS_CRASH_WRITER_H_
