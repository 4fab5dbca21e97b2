#include "service/api/feedback_watchers.h"

#include <memory>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "service/api/consistency_token.h"
#include "service/api/grpc_status.h"
#include "service/api/queue_refusal.h"
#include "service/api/wire_messages.h"
#include "service/core/errors.h"

namespace guestvoice::service {
namespace {

// How long a caller refused for too many watchers is asked to wait: until
// some watch of its ends, typically far longer than a busy queue drains.
constexpr absl::Duration kWatchRetryDelay = absl::Seconds(5);

absl::Status KeyExpired() {
  return Unauthenticated(v1::ERROR_REASON_API_KEY_EXPIRED,
                         "the API key of this watch has expired");
}

absl::Status KeyRevoked() {
  return Unauthenticated(v1::ERROR_REASON_API_KEY_INVALID,
                         "the API key of this watch was revoked");
}

class RefusedWatch final : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  explicit RefusedWatch(const absl::Status& status) {
    Finish(ToGrpcStatus(status));
  }
  void OnDone() override { delete this; }
};

}  // namespace

grpc::ServerWriteReactor<grpc::ByteBuffer>* RefuseWatch(
    const absl::Status& status, StreamCallReport& report) {
  report.Finished(status.code());
  return new RefusedWatch(status);
}

// One watch call: a cursor in the shared log and at most one write in
// flight. Decisions are made under mutex_, but StartWrite and Finish are
// called after releasing it, so a reaction that gRPC runs on this thread can
// never find the mutex held. Finish waits for the write in flight, as the
// callback API requires. A watch starts (authenticates, reads its filter's
// hotel, registers) on a read worker, never on gRPC's callback thread; one
// that carries a consistency token this node has not applied waits for it
// first, holding no thread.
class FeedbackWatchers::Watcher final
    : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  explicit Watcher(FeedbackWatchers& owner,
                   std::unique_ptr<StreamCallReport> report)
      : owner_(owner), report_(std::move(report)) {}

  // Follows the log for `caller`'s call through `filter`: the watch is
  // registered (FeedbackWatchers::Register, under its mutex).
  // The start is over: a cancellation meanwhile finishes the watch now.
  void Activate(const Principal& caller, FeedbackFilter filter) {
    bool cancelled;
    {
      absl::MutexLock lock(&mutex_);
      api_key_ = caller.api_key_name();
      key_expire_time_ = caller.key_expire_time();
      filter_ = std::move(filter);
      cursor_ = owner_.log_.Follow(filter_.organization);
      active_ = true;
      starting_ = false;
      cancelled = cancelled_;
    }
    // Tells the client the watch is registered: items ingested after its
    // initial metadata arrived reach it.
    StartSendInitialMetadata();
    if (cancelled) {
      RequestFinish(grpc::Status(grpc::StatusCode::CANCELLED,
                                 "the client cancelled the watch"));
    }
  }

  // Starts the watch: once `applied` has applied `token` (when there is
  // one), `start` runs on `executor` and says who watches what, and the
  // watch registers or finishes with its error. Before gRPC has the
  // reactor: what it does to the call meanwhile waits for the binding.
  void Begin(BoundedExecutor& executor, cluster::AppliedProgress* applied,
             const std::optional<cluster::RecordPosition>& token,
             StartWatch start) {
    executor_ = &executor;
    start_ = std::move(start);
    if (token.has_value()) {
      // gRPC calls OnCancel only once the reactor is returned, after this.
      awaits_token_ = true;
      token_wait_.Start(*applied, *token,
                        [this](absl::Status status) { TokenApplied(status); });
      return;
    }
    {
      absl::MutexLock lock(&mutex_);
      starting_ = true;
    }
    SubmitStart();
  }

  const std::string& api_key() const { return api_key_; }
  const std::string& organization() const { return filter_.organization; }

  // Writes the next message the log holds for this watcher, unless a write
  // is in flight (its completion reads on) or the call is finishing; or
  // ends the watch instead when its key has expired.
  void ReadOn() {
    bool expired = false;
    {
      absl::MutexLock lock(&mutex_);
      if (!active_ || writing_ || finishing_) return;
      std::optional<v1::WatchFeedbackResponse> next =
          owner_.log_.Next(cursor_, filter_);
      if (!next.has_value()) return;
      expired = key_expire_time_.has_value() &&
                *key_expire_time_ <= owner_.clock_.Now();
      if (!expired) {
        in_flight_ = EncodeBuffer(*next);
        writing_ = true;
      }
    }
    if (expired) {
      RequestFinish(ToGrpcStatus(KeyExpired()));
      return;
    }
    StartWrite(&in_flight_);
  }

  // Ends the watch if its key has expired by `now`, whether or not an item
  // waits for it.
  void EndIfKeyExpired(absl::Time now) {
    {
      absl::MutexLock lock(&mutex_);
      if (!active_ || finishing_ || !key_expire_time_.has_value() ||
          *key_expire_time_ > now) {
        return;
      }
    }
    RequestFinish(ToGrpcStatus(KeyExpired()));
  }

  // Finishes the call with `status` once no write is in flight.
  void RequestFinish(grpc::Status status) {
    {
      absl::MutexLock lock(&mutex_);
      if (finishing_) return;
      finishing_ = true;
      final_status_ = std::move(status);
      if (writing_) return;
    }
    FinishReported();
  }

  void OnWriteDone(bool ok) override {
    bool finish = false;
    {
      absl::MutexLock lock(&mutex_);
      writing_ = false;
      in_flight_.Clear();
      if (!ok && !finishing_) {
        // The stream broke (the client went away); nothing more can be sent.
        finishing_ = true;
        final_status_ =
            grpc::Status(grpc::StatusCode::CANCELLED, "the watch stream broke");
      }
      finish = finishing_;
    }
    if (finish) {
      FinishReported();
    } else {
      ReadOn();
    }
  }

  void OnCancel() override {
    bool awaiting_token;
    {
      absl::MutexLock lock(&mutex_);
      cancelled_ = true;
      // A start in progress finishes the call itself.
      if (starting_) return;
      awaiting_token = awaits_token_ && !token_done_;
    }
    // A token callback that could not be taken back runs now, and sees
    // cancelled_.
    if (awaiting_token && !token_wait_.Cancel()) return;
    RequestFinish(grpc::Status(grpc::StatusCode::CANCELLED,
                               "the client cancelled the watch"));
  }

  void OnDone() override {
    bool active;
    {
      absl::MutexLock lock(&mutex_);
      active = active_;
    }
    if (active) {
      owner_.log_.Unfollow(filter_.organization);
      owner_.Remove(this);
    }
    delete this;
  }

 private:
  void TokenApplied(absl::Status applied) {
    {
      absl::MutexLock lock(&mutex_);
      token_done_ = true;
      starting_ = true;
    }
    if (applied.ok()) {
      SubmitStart();
    } else {
      FailStart(applied);
    }
  }

  // Runs the start on a worker (starting_ is set: a cancellation meanwhile
  // leaves the finish to the start), or ends it refused by a full queue.
  void SubmitStart() {
    const BoundedExecutor::Submission submission =
        executor_->TrySubmit("", [this] { Start(); });
    if (submission != BoundedExecutor::Submission::kQueued) {
      FailStart(QueueRefusal(submission, *executor_, ""));
    }
  }

  void Start() {
    bool cancelled;
    {
      absl::MutexLock lock(&mutex_);
      cancelled = cancelled_;
    }
    if (cancelled) {
      FailStart(absl::CancelledError("the client cancelled the watch"));
      return;
    }
    absl::StatusOr<WatchStart> started = std::move(start_)();
    if (!started.ok()) {
      FailStart(started.status());
      return;
    }
    report_->set_caller(started->caller);
    const absl::Status registered =
        owner_.Register(this, started->caller, std::move(started->filter));
    // Registered (Activate ended the start), the watch is finished by other
    // threads, and may be gone already: nothing here touches it again.
    if (!registered.ok()) FailStart(registered);
  }

  // Ends a start that did not register the watch with `status`.
  void FailStart(const absl::Status& status) {
    {
      absl::MutexLock lock(&mutex_);
      starting_ = false;
    }
    RequestFinish(ToGrpcStatus(status));
  }

  // Finishes with final_status_, which is set for good once finishing_ is.
  // Counted first: the client may scrape the metrics as soon as it sees the
  // end.
  void FinishReported() {
    report_->Finished(
        static_cast<absl::StatusCode>(final_status_.error_code()));
    Finish(final_status_);
  }

  FeedbackWatchers& owner_;
  std::unique_ptr<StreamCallReport> report_;
  // Set once, by Activate, before the watcher is registered.
  std::string api_key_;
  std::optional<absl::Time> key_expire_time_;
  FeedbackFilter filter_;
  // Set by Begin, before the start is submitted or its wait registered.
  BoundedExecutor* executor_ = nullptr;
  bool awaits_token_ = false;
  StartWatch start_;
  TokenWait token_wait_;
  absl::Mutex mutex_;
  bool active_ ABSL_GUARDED_BY(mutex_) = false;
  // The token callback has begun.
  bool token_done_ ABSL_GUARDED_BY(mutex_) = false;
  // The start is queued or running (after the token wait, if any): it
  // finishes a call cancelled meanwhile.
  bool starting_ ABSL_GUARDED_BY(mutex_) = false;
  bool cancelled_ ABSL_GUARDED_BY(mutex_) = false;
  WatchLog::Cursor cursor_ ABSL_GUARDED_BY(mutex_);
  // Owned by gRPC while writing_.
  grpc::ByteBuffer in_flight_;
  bool writing_ ABSL_GUARDED_BY(mutex_) = false;
  bool finishing_ ABSL_GUARDED_BY(mutex_) = false;
  grpc::Status final_status_;
};

FeedbackWatchers::FeedbackWatchers(Limits limits, const Clock& clock)
    : limits_(limits),
      clock_(clock),
      log_(limits.log),
      dispatcher_([this] { Dispatch(); }) {}

FeedbackWatchers::~FeedbackWatchers() {
  {
    absl::MutexLock lock(&appended_mutex_);
    stopping_ = true;
  }
  dispatcher_.join();
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* FeedbackWatchers::Watch(
    BoundedExecutor& executor, cluster::AppliedProgress* applied,
    const std::optional<cluster::RecordPosition>& token, StartWatch start,
    std::unique_ptr<StreamCallReport> report) {
  auto* watcher = new Watcher(*this, std::move(report));
  watcher->Begin(executor, applied, token, std::move(start));
  return watcher;
}

absl::Status FeedbackWatchers::Register(Watcher* watcher,
                                        const Principal& caller,
                                        FeedbackFilter filter) {
  absl::MutexLock lock(&mutex_);
  if (shut_down_) return absl::UnavailableError("the server is shutting down");
  if (revoked_keys_.contains(caller.api_key_name())) return KeyRevoked();
  if (watchers_.size() >= limits_.max_watchers) {
    return LimitExceeded(
        absl::StrCat("the server has ", watchers_.size(),
                     " open WatchFeedback streams, its limit; retry later"),
        kWatchRetryDelay);
  }
  if (const size_t of_key = per_key_.Of(caller.api_key_name());
      of_key >= limits_.max_watchers_per_key) {
    return LimitExceeded(
        absl::StrCat("this API key has ", of_key,
                     " open WatchFeedback streams, its limit; end one first"),
        kWatchRetryDelay);
  }
  if (const size_t of_organization =
          per_organization_.Of(caller.organization());
      of_organization >= limits_.max_watchers_per_organization) {
    return LimitExceeded(
        absl::StrCat("this organization has ", of_organization,
                     " open WatchFeedback streams, its limit; end one first"),
        kWatchRetryDelay);
  }
  per_key_.Take(caller.api_key_name());
  per_organization_.Take(caller.organization());
  watchers_.insert(watcher);
  watcher->Activate(caller, std::move(filter));
  return absl::OkStatus();
}

void FeedbackWatchers::Publish(std::string_view organization,
                               const v1::Feedback& feedback, FeedbackChange) {
  if (!log_.Append(organization, feedback)) return;
  absl::MutexLock lock(&appended_mutex_);
  appended_ = true;
}

void FeedbackWatchers::Dispatch() {
  while (true) {
    bool appended;
    {
      absl::MutexLock lock(&appended_mutex_);
      appended_mutex_.AwaitWithTimeout(
          absl::Condition(this, &FeedbackWatchers::AppendedOrStopping),
          limits_.key_expiry_check_interval);
      if (stopping_) return;
      appended = appended_;
      appended_ = false;
    }
    const absl::Time now = clock_.Now();
    // Under mutex_ so that no watcher is deleted meanwhile (OnDone removes
    // it first). A watcher busy writing returns at once.
    absl::MutexLock lock(&mutex_);
    for (Watcher* watcher : watchers_) {
      watcher->EndIfKeyExpired(now);
      if (appended) watcher->ReadOn();
    }
  }
}

void FeedbackWatchers::EndWatchesOfKey(std::string_view api_key_name) {
  const grpc::Status revoked = ToGrpcStatus(KeyRevoked());
  absl::MutexLock lock(&mutex_);
  // A start authenticates before it registers, both on a worker: one that
  // authenticated before the revocation registers after it, and is refused
  // by this name.
  revoked_keys_.emplace(api_key_name);
  for (Watcher* watcher : watchers_) {
    if (watcher->api_key() == api_key_name) watcher->RequestFinish(revoked);
  }
}

void FeedbackWatchers::Shutdown() {
  absl::MutexLock lock(&mutex_);
  shut_down_ = true;
  for (Watcher* watcher : watchers_) {
    watcher->RequestFinish(ToGrpcStatus(
        absl::UnavailableError("the server is shutting down; watch again")));
  }
}

size_t FeedbackWatchers::watcher_count() const {
  absl::MutexLock lock(&mutex_);
  return watchers_.size();
}

void FeedbackWatchers::Remove(Watcher* watcher) {
  absl::MutexLock lock(&mutex_);
  watchers_.erase(watcher);
  per_key_.Give(watcher->api_key());
  per_organization_.Give(watcher->organization());
}

}  // namespace guestvoice::service
