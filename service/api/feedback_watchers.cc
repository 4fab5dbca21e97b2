#include "service/api/feedback_watchers.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "service/api/grpc_status.h"
#include "service/api/wire_messages.h"
#include "service/core/errors.h"

namespace guestvoice::service {
namespace {

// How long a caller refused for too many watchers is asked to wait: until
// some watch of its ends, typically far longer than a busy queue drains.
constexpr absl::Duration kWatchRetryDelay = absl::Seconds(5);

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
// callback API requires.
class FeedbackWatchers::Watcher final
    : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  Watcher(FeedbackWatchers& owner, std::string api_key, FeedbackFilter filter,
          std::unique_ptr<StreamCallReport> report)
      : owner_(owner),
        api_key_(std::move(api_key)),
        filter_(std::move(filter)),
        report_(std::move(report)),
        cursor_(owner.log_.Follow(filter_.organization)) {
    // Tells the client the watch is registered: items ingested after its
    // initial metadata arrived reach it.
    StartSendInitialMetadata();
  }

  const std::string& api_key() const { return api_key_; }

  // Writes the next message the log holds for this watcher, unless a write
  // is in flight (its completion reads on) or the call is finishing.
  void ReadOn() {
    {
      absl::MutexLock lock(&mutex_);
      if (writing_ || finishing_) return;
      std::optional<v1::WatchFeedbackResponse> next =
          owner_.log_.Next(cursor_, filter_);
      if (!next.has_value()) return;
      in_flight_ = EncodeBuffer(*next);
      writing_ = true;
    }
    StartWrite(&in_flight_);
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
    RequestFinish(grpc::Status(grpc::StatusCode::CANCELLED,
                               "the client cancelled the watch"));
  }

  void OnDone() override {
    owner_.log_.Unfollow(filter_.organization);
    owner_.Remove(this);
    delete this;
  }

 private:
  // Finishes with final_status_, which is set for good once finishing_ is.
  // Counted first: the client may scrape the metrics as soon as it sees the
  // end.
  void FinishReported() {
    report_->Finished(
        static_cast<absl::StatusCode>(final_status_.error_code()));
    Finish(final_status_);
  }

  FeedbackWatchers& owner_;
  const std::string api_key_;
  const FeedbackFilter filter_;
  const std::unique_ptr<StreamCallReport> report_;
  absl::Mutex mutex_;
  WatchLog::Cursor cursor_ ABSL_GUARDED_BY(mutex_);
  // Owned by gRPC while writing_.
  grpc::ByteBuffer in_flight_;
  bool writing_ ABSL_GUARDED_BY(mutex_) = false;
  bool finishing_ ABSL_GUARDED_BY(mutex_) = false;
  grpc::Status final_status_;
};

FeedbackWatchers::FeedbackWatchers(Limits limits)
    : limits_(limits), log_(limits.log), dispatcher_([this] { Dispatch(); }) {}

FeedbackWatchers::~FeedbackWatchers() {
  {
    absl::MutexLock lock(&appended_mutex_);
    stopping_ = true;
  }
  dispatcher_.join();
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* FeedbackWatchers::Watch(
    const Principal& caller, FeedbackFilter filter,
    std::unique_ptr<StreamCallReport> report) {
  absl::MutexLock lock(&mutex_);
  if (shut_down_) {
    return RefuseWatch(absl::UnavailableError("the server is shutting down"),
                       *report);
  }
  if (watchers_.size() >= limits_.max_watchers) {
    return RefuseWatch(
        LimitExceeded(
            absl::StrCat("the server has ", watchers_.size(),
                         " open WatchFeedback streams, its limit; retry later"),
            kWatchRetryDelay),
        *report);
  }
  size_t& of_key = per_key_[caller.api_key_name()];
  if (of_key >= limits_.max_watchers_per_key) {
    return RefuseWatch(
        LimitExceeded(
            absl::StrCat(
                "this API key has ", of_key,
                " open WatchFeedback streams, its limit; end one first"),
            kWatchRetryDelay),
        *report);
  }
  ++of_key;
  auto* watcher = new Watcher(*this, caller.api_key_name(), std::move(filter),
                              std::move(report));
  watchers_.insert(watcher);
  return watcher;
}

void FeedbackWatchers::Publish(std::string_view organization,
                               const v1::Feedback& feedback) {
  if (!log_.Append(organization, feedback)) return;
  absl::MutexLock lock(&appended_mutex_);
  appended_ = true;
}

void FeedbackWatchers::Dispatch() {
  while (true) {
    {
      absl::MutexLock lock(&appended_mutex_);
      appended_mutex_.Await(
          absl::Condition(this, &FeedbackWatchers::AppendedOrStopping));
      if (stopping_) return;
      appended_ = false;
    }
    // Under mutex_ so that no watcher is deleted meanwhile (OnDone removes
    // it first). A watcher busy writing returns at once.
    absl::MutexLock lock(&mutex_);
    for (Watcher* watcher : watchers_) watcher->ReadOn();
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
  const auto of_key = per_key_.find(watcher->api_key());
  if (of_key != per_key_.end() && --of_key->second == 0) {
    per_key_.erase(of_key);
  }
}

}  // namespace guestvoice::service
