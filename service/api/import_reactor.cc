#include "service/api/import_reactor.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "common/status_macros.h"
#include "service/api/consistency_token.h"
#include "service/api/grpc_call_cancellation.h"
#include "service/api/grpc_status.h"
#include "service/api/queue_refusal.h"
#include "service/api/stream_call_report.h"
#include "service/api/unary_call.h"
#include "service/api/wire_messages.h"
#include "service/cluster/applied_progress.h"
#include "service/core/errors.h"

namespace guestvoice::service {
namespace {

class ImportReactor final : public grpc::ServerReadReactor<grpc::ByteBuffer> {
 public:
  // Authenticates and reads the first item on the write executor, after
  // waiting (on no thread) for the consistency token the call carries, if
  // any. Each item is prepared and started there, one at a time and in
  // stream order
  // (the next read starts only once the previous item was started); items
  // complete on whatever thread their mutation completes on, so the state
  // they share is behind `mutex_`.
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
    {
      // Authenticating, and waiting for the token before it, is a step in
      // progress: the call cannot end under it.
      absl::MutexLock lock(&mutex_);
      preparing_ = true;
    }
    if (AwaitsConsistencyToken(*context_, deps_.applied)) {
      AwaitToken();
    } else {
      SubmitAuthentication();
    }
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      // The client half-closed (every item gets its result), or went away:
      // nobody reads the results, and the call counts (and is logged) as
      // cancelled.
      Advance([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
        reading_ = false;
        EndWithLocked(context_->IsCancelled() ? grpc::Status::CANCELLED
                                              : grpc::Status::OK);
      });
      return;
    }
    {
      absl::MutexLock lock(&mutex_);
      reading_ = false;
      preparing_ = true;
    }
    // In the organization's lane: a stream's items take their turn with
    // the other organizations' writes.
    const BoundedExecutor::Submission submission = deps_.writes.TrySubmit(
        principal_->organization(), [this] { StartItem(); });
    if (submission != BoundedExecutor::Submission::kQueued) {
      // The item is refused, not lost: its result says to retry it.
      Advance([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
        preparing_ = false;
        RecordLocked(
            next_index_++,
            QueueRefusal(submission, deps_.writes, principal_->organization()),
            {});
      });
    }
  }

  // The client cancelled or the deadline passed: the items waiting for the
  // cluster are abandoned (each may still be written), and the call ends
  // as soon as none is left.
  void OnCancel() override {
    std::vector<std::shared_ptr<cluster::MutationRun>> runs;
    {
      absl::MutexLock lock(&mutex_);
      cancelled_ = true;
      EndWithLocked(grpc::Status::CANCELLED);
      for (auto& [index, run] : runs_) runs.push_back(run);
    }
    // gRPC calls OnDone only after this returns, however the items end.
    for (const auto& run : runs) run->Abandon(CancellationReason());
    // A token wait taken back here never runs its callback, which would have
    // ended the step; one that ran or runs ends it itself.
    const bool forgot_wait = token_wait_.Cancel();
    Advance([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
      if (forgot_wait) preparing_ = false;
    });
  }

  void OnDone() override {
    if (holds_slot_) streams_.Close();
    GiveSlotsBack();
    delete this;
  }

 private:
  // One item from its start to its result.
  struct Item {
    v1::ImportFeedbackRequest request;
    v1::ImportFeedbackResult result;
  };

  // Ends the call, giving the stream's slot back and counting the call
  // first: a client that has seen its stream end may open the next one, or
  // scrape the metrics, at once.
  void End(const grpc::Status& status) {
    report_.Finished(static_cast<absl::StatusCode>(status.error_code()));
    GiveSlotsBack();
    Finish(status);
  }

  // Gives back the server's slot and the organization's the stream holds;
  // once.
  void GiveSlotsBack() {
    if (holds_slot_) {
      holds_slot_ = false;
      streams_.Close();
    }
    if (holds_organization_slot_) {
      holds_organization_slot_ = false;
      streams_.CloseFor(principal_->organization());
    }
  }

  // The stream is authenticated against the state its consistency token
  // names, as a unary call is (unary_call.h): its key may be one created
  // through another node, and the hotels of its items too.
  void AwaitToken() {
    absl::StatusOr<cluster::RecordPosition> token =
        ConsistencyTokenOf(*context_);
    if (!token.ok()) {
      End(ToGrpcStatus(token.status()));
      return;
    }
    token_wait_.Start(*deps_.applied, *token, [this](absl::Status applied) {
      if (applied.ok()) {
        SubmitAuthentication();
      } else {
        Advance([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
          preparing_ = false;
          EndWithLocked(ToGrpcStatus(applied));
        });
      }
    });
  }

  void SubmitAuthentication() {
    const BoundedExecutor::Submission submission =
        deps_.writes.TrySubmit("", [this] { Authenticate(); });
    if (submission != BoundedExecutor::Submission::kQueued) {
      Advance([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
        preparing_ = false;
        EndWithLocked(ToGrpcStatus(QueueRefusal(submission, deps_.writes, "")));
      });
    }
  }

  void Authenticate() {
    const uint64_t revocations = deps_.authenticator.revocations();
    absl::StatusOr<Principal> principal =
        deps_.authenticator.Authenticate(*context_, v1::SCOPE_FEEDBACK_WRITE);
    if (principal.ok() && !streams_.TryOpenFor(principal->organization())) {
      principal = LimitExceeded(
          "this organization has as many ImportFeedback streams open as one "
          "organization may; end one first",
          kBusyRetryDelay);
    }
    if (principal.ok()) {
      revocations_at_check_ = revocations;
      principal_.emplace(*std::move(principal));
      holds_organization_slot_ = true;
      report_.set_caller(*principal_);
    }
    // Reads the first item, or ends the call for its key.
    Advance([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
      preparing_ = false;
      if (!principal_.has_value()) {
        EndWithLocked(ToGrpcStatus(principal.status()));
      }
    });
  }

  // On a write worker: decodes and checks the item just read and starts
  // its mutation (the command log's produce in the cluster mode), which
  // completes in ItemDone. The call cannot end before this step's last
  // Advance: `preparing_` holds it.
  void StartItem() {
    if (context_->IsCancelled()) {
      Advance([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
        preparing_ = false;
        EndWithLocked(grpc::Status::CANCELLED);
      });
    } else if (absl::Status decoded = DecodeBuffer(wire_request_, request_);
               !decoded.ok()) {
      Advance([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
        preparing_ = false;
        RecordLocked(next_index_++, decoded, {});
      });
    } else if (absl::Status key = RecheckKey(); !key.ok()) {
      Advance([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
        preparing_ = false;
        EndWithLocked(ToGrpcStatus(key));
      });
    } else if (absl::Status parent = CheckParent(); !parent.ok()) {
      // The first item's parent decides the stream's; a later item naming
      // another is refused on its own, so the results of those stored
      // before it still reach the caller.
      const bool first = !organization_.has_value();
      Advance([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
        preparing_ = false;
        if (first) {
          EndWithLocked(ToGrpcStatus(parent));
        } else {
          RecordLocked(next_index_++, parent, {});
        }
      });
    } else {
      StartMutation();
    }
  }

  // The stream's key, checked again before an item when a key was revoked
  // since it was last checked or its expiry has passed: revoking a key, or
  // its expiry, ends an open import as it refuses the key's next unary call
  // (the items before have been stored; the client sends the rest with
  // another key, and those it sent again come back already present).
  absl::Status RecheckKey() {
    const uint64_t revocations = deps_.authenticator.revocations();
    const std::optional<absl::Time>& expire_time =
        principal_->key_expire_time();
    const bool expired =
        expire_time.has_value() && *expire_time <= deps_.domain.clock.Now();
    if (revocations == revocations_at_check_ && !expired) {
      return absl::OkStatus();
    }
    revocations_at_check_ = revocations;
    return deps_.authenticator.Recheck(*context_, v1::SCOPE_FEEDBACK_WRITE)
        .status();
  }

  void StartMutation() {
    auto item = std::make_shared<Item>();
    item->request = std::move(request_);
    int64_t index;
    {
      absl::MutexLock lock(&mutex_);
      index = next_index_++;
      ++in_flight_;
    }
    // The item as IngestFeedback would store it, through the mutation
    // table's ImportFeedback entry (the command log in the cluster mode).
    std::shared_ptr<cluster::MutationRun> run = deps_.mutations.Start(
        *principal_, item->request, item->result,
        [this, index, item](absl::StatusOr<std::string> ran) {
          ItemDone(index, ran.status(), std::move(item->result));
        });
    bool abandon = false;
    if (run != nullptr) {
      absl::MutexLock lock(&mutex_);
      if (!results_done_.contains(index)) {
        runs_[index] = run;
        abandon = cancelled_;
      }
    }
    if (abandon) run->Abandon(CancellationReason());
    Advance([&]()
                ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) { preparing_ = false; });
  }

  void ItemDone(int64_t index, const absl::Status& status,
                v1::ImportFeedbackResult result) {
    Advance([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
      runs_.erase(index);
      --in_flight_;
      RecordLocked(index, status, std::move(result));
    });
  }

  absl::Status CancellationReason() const {
    absl::Status reason = GrpcCallCancellation(*context_).Check();
    return reason.ok() ? absl::CancelledError("the call was cancelled")
                       : reason;
  }

  // Makes `change` to the call's state, then reads the next item while
  // fewer than max_items_in_flight_per_stream wait for the cluster (flow
  // control: the client's writes wait while the stream is not read), or
  // ends the call once it should end and nothing is in progress. A stream
  // that carried as many items as one response holds is answered: the
  // client sends the rest in a new stream. One critical section, so that
  // of the threads that complete steps exactly one ends the call, and none
  // touches it afterwards.
  template <typename Change>
  void Advance(Change change) {
    bool read = false;
    std::optional<grpc::Status> end;
    {
      absl::MutexLock lock(&mutex_);
      change();
      if (!end_status_.has_value() && !reading_ && !preparing_ &&
          static_cast<size_t>(next_index_) >= streams_.max_items_per_stream()) {
        EndWithLocked(grpc::Status::OK);
      }
      if (end_status_.has_value()) {
        if (!ended_ && !reading_ && !preparing_ && in_flight_ == 0) {
          ended_ = true;
          end = *end_status_;
        }
      } else if (!reading_ && !preparing_ &&
                 static_cast<size_t>(in_flight_) <
                     streams_.max_items_in_flight_per_stream()) {
        reading_ = true;
        read = true;
      }
    }
    if (read) StartRead(&wire_request_);
    if (!end.has_value()) return;
    if (!end->ok()) {
      End(*end);
      return;
    }
    // Encoding up to max_items_per_stream results is work for a worker, not
    // for the apply loop's thread the last item may have completed on.
    if (!deps_.writes.TrySubmit([this] { AnswerWithResults(); })) {
      AnswerWithResults();
    }
  }

  void AnswerWithResults() {
    *wire_response_ = EncodeBuffer(Response());
    End(grpc::Status::OK);
  }

  // The call ends with `status` once nothing is in progress; the first
  // reason to end wins.
  void EndWithLocked(const grpc::Status& status)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (!end_status_.has_value()) end_status_ = status;
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
  void RecordLocked(int64_t index, const absl::Status& status,
                    v1::ImportFeedbackResult result)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (!status.ok()) result.Clear();
    result.set_index(index);
    *result.mutable_status() = ToRpcStatus(status);
    if (results_.size() <= static_cast<size_t>(index)) {
      results_.resize(index + 1);
    }
    results_[index] = std::move(result);
    results_done_.insert(index);
  }

  // Every item's result, in stream order, and the counts.
  v1::ImportFeedbackResponse Response() {
    absl::MutexLock lock(&mutex_);
    v1::ImportFeedbackResponse response;
    for (v1::ImportFeedbackResult& result : results_) {
      if (result.status().code() != 0) {
        response.set_failed_count(response.failed_count() + 1);
      } else if (result.duplicate()) {
        response.set_duplicate_count(response.duplicate_count() + 1);
      } else if (result.edited()) {
        response.set_edited_count(response.edited_count() + 1);
      } else {
        response.set_ingested_count(response.ingested_count() + 1);
      }
      *response.add_results() = std::move(result);
    }
    return response;
  }

  grpc::CallbackServerContext* const context_;
  const ServiceDeps& deps_;
  ImportStreams& streams_;
  bool holds_slot_ = false;
  // Set with principal_, when the organization's share admitted the stream.
  bool holds_organization_slot_ = false;
  grpc::ByteBuffer* const wire_response_;
  StreamCallReport report_;
  // Touched by one step at a time (Authenticate, then each StartItem).
  std::optional<Principal> principal_;
  // authenticator().revocations() when principal_'s key was last checked.
  uint64_t revocations_at_check_ = 0;
  std::optional<std::string> organization_;
  std::string parent_;
  grpc::ByteBuffer wire_request_;
  v1::ImportFeedbackRequest request_;

  absl::Mutex mutex_;
  // A read is outstanding; a step runs on a worker (authenticating, or
  // starting the item just read). Either keeps the call from ending.
  bool reading_ ABSL_GUARDED_BY(mutex_) = false;
  bool preparing_ ABSL_GUARDED_BY(mutex_) = false;
  int64_t next_index_ ABSL_GUARDED_BY(mutex_) = 0;
  // Items started and not yet completed, and the runs that wait for the
  // cluster among them (to abandon on cancellation).
  int64_t in_flight_ ABSL_GUARDED_BY(mutex_) = 0;
  absl::flat_hash_map<int64_t, std::shared_ptr<cluster::MutationRun>> runs_
      ABSL_GUARDED_BY(mutex_);
  std::vector<v1::ImportFeedbackResult> results_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_set<int64_t> results_done_ ABSL_GUARDED_BY(mutex_);
  bool cancelled_ ABSL_GUARDED_BY(mutex_) = false;
  // The wait for the call's consistency token, if it carries one.
  TokenWait token_wait_;
  // Set: the call ends with it once nothing is in progress.
  std::optional<grpc::Status> end_status_ ABSL_GUARDED_BY(mutex_);
  bool ended_ ABSL_GUARDED_BY(mutex_) = false;
};

}  // namespace

grpc::ServerReadReactor<grpc::ByteBuffer>* StartImport(
    grpc::CallbackServerContext* context, const ServiceDeps& deps,
    ImportStreams& streams, grpc::ByteBuffer* wire_response) {
  return new ImportReactor(context, deps, streams, wire_response);
}

}  // namespace guestvoice::service
