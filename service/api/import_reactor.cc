#include "service/api/import_reactor.h"

#include <optional>
#include <string>

#include "common/status_macros.h"
#include "service/api/grpc_status.h"
#include "service/api/stream_call_report.h"
#include "service/api/unary_call.h"
#include "service/api/wire_messages.h"
#include "service/core/errors.h"

namespace guestvoice::service {
namespace {

class ImportReactor final : public grpc::ServerReadReactor<grpc::ByteBuffer> {
 public:
  // Authenticates and reads the first item on the write executor. Every
  // step runs there, one at a time: the next read starts only when the
  // previous item is durable, so the reactor's state needs no lock.
  ImportReactor(grpc::CallbackServerContext* context, const ServiceDeps& deps,
                ImportStreams& streams, grpc::ByteBuffer* wire_response)
      : context_(context),
        deps_(deps),
        streams_(streams),
        wire_response_(wire_response),
        report_(deps.calls, *v1::ImportFeedbackRequest::descriptor(),
                *context) {
    if (!streams_.TryOpen()) {
      End(ToGrpcStatus(LimitExceeded(
          "the server has as many ImportFeedback streams open as it allows; "
          "retry shortly",
          kBusyRetryDelay)));
      return;
    }
    holds_slot_ = true;
    if (!deps_.writes.TrySubmit([this] { Authenticate(); })) {
      End(ToGrpcStatus(Busy()));
    }
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      // The client went away: nobody reads the results, and the call counts
      // (and is logged) as cancelled.
      if (context_->IsCancelled()) {
        End(grpc::Status::CANCELLED);
        return;
      }
      // The client half-closed: every item has its result.
      FinishWithResults();
      return;
    }
    if (!deps_.writes.TrySubmit([this] { IngestItem(); })) {
      // The item is refused, not lost: its result says to retry it.
      RecordResult(Busy());
      ReadNextOrFinish();
    }
  }

  void OnDone() override {
    if (holds_slot_) streams_.Close();
    delete this;
  }

 private:
  // Ends the call, giving the stream's slot back and counting the call
  // first: a client that has seen its stream end may open the next one, or
  // scrape the metrics, at once.
  void End(const grpc::Status& status) {
    report_.Finished(static_cast<absl::StatusCode>(status.error_code()));
    if (holds_slot_) {
      holds_slot_ = false;
      streams_.Close();
    }
    Finish(status);
  }

  static absl::Status Busy() {
    return LimitExceeded(
        "the server is busy: too many writes are queued; retry shortly",
        kBusyRetryDelay);
  }

  void Authenticate() {
    absl::StatusOr<Principal> principal =
        deps_.authenticator.Authenticate(*context_, v1::SCOPE_FEEDBACK_WRITE);
    if (!principal.ok()) {
      End(ToGrpcStatus(principal.status()));
      return;
    }
    principal_.emplace(*std::move(principal));
    report_.set_caller(*principal_);
    StartRead(&wire_request_);
  }

  void IngestItem() {
    if (context_->IsCancelled()) {
      End(grpc::Status::CANCELLED);
      return;
    }
    if (absl::Status decoded = DecodeBuffer(wire_request_, request_);
        !decoded.ok()) {
      RecordResult(decoded);
    } else if (absl::Status parent = CheckParent(); !parent.ok()) {
      End(ToGrpcStatus(parent));
      return;
    } else {
      // The item as IngestFeedback would store it, through the mutation
      // table's ImportFeedback entry (the command log in the cluster mode).
      v1::ImportFeedbackResult result;
      const absl::StatusOr<std::string> ran =
          deps_.mutations.Run(*principal_, request_, result,
                              absl::FromChrono(context_->deadline()));
      RecordResult(ran.status(), std::move(result));
    }
    ReadNextOrFinish();
  }

  // Reads the next item, or answers once the stream carries as many items
  // as one response holds: the client sends the rest in a new stream.
  void ReadNextOrFinish() {
    if (static_cast<size_t>(next_index_) >= streams_.max_items_per_stream()) {
      FinishWithResults();
      return;
    }
    StartRead(&wire_request_);
  }

  void FinishWithResults() {
    *wire_response_ = EncodeBuffer(response_);
    End(grpc::Status::OK);
  }

  // The first message fixes the parent; later ones must repeat it.
  absl::Status CheckParent() {
    if (organization_.has_value()) {
      if (request_.parent() == parent_) return absl::OkStatus();
      return InvalidField("parent", "changed within the stream");
    }
    ASSIGN_OR_RETURN(
        std::string organization,
        FeedbackIngester::CheckParent(*principal_, request_.parent()));
    parent_ = request_.parent();
    organization_ = std::move(organization);
    return absl::OkStatus();
  }

  // `result`: the item's, as the ImportFeedback mutation filled it when
  // `status` is OK.
  void RecordResult(const absl::Status& status,
                    v1::ImportFeedbackResult result = {}) {
    if (!status.ok()) result.Clear();
    result.set_index(next_index_++);
    *result.mutable_status() = ToRpcStatus(status);
    if (!status.ok()) {
      response_.set_failed_count(response_.failed_count() + 1);
    } else if (result.duplicate()) {
      response_.set_duplicate_count(response_.duplicate_count() + 1);
    } else {
      response_.set_ingested_count(response_.ingested_count() + 1);
    }
    *response_.add_results() = std::move(result);
  }

  grpc::CallbackServerContext* const context_;
  const ServiceDeps& deps_;
  ImportStreams& streams_;
  bool holds_slot_ = false;
  grpc::ByteBuffer* const wire_response_;
  StreamCallReport report_;
  v1::ImportFeedbackResponse response_;
  std::optional<Principal> principal_;
  std::optional<std::string> organization_;
  std::string parent_;
  grpc::ByteBuffer wire_request_;
  v1::ImportFeedbackRequest request_;
  int64_t next_index_ = 0;
};

}  // namespace

grpc::ServerReadReactor<grpc::ByteBuffer>* StartImport(
    grpc::CallbackServerContext* context, const ServiceDeps& deps,
    ImportStreams& streams, grpc::ByteBuffer* wire_response) {
  return new ImportReactor(context, deps, streams, wire_response);
}

}  // namespace guestvoice::service
