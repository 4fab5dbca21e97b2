#include "service/api/feedback_watchers.h"

#include <optional>
#include <utility>

#include "service/api/grpc_status.h"
#include "service/api/watch_buffer.h"

namespace guestvoice::service {
namespace {

class RefusedWatch final
    : public grpc::ServerWriteReactor<v1::WatchFeedbackResponse> {
 public:
  explicit RefusedWatch(const absl::Status& status) {
    Finish(ToGrpcStatus(status));
  }
  void OnDone() override { delete this; }
};

}  // namespace

grpc::ServerWriteReactor<v1::WatchFeedbackResponse>* RefuseWatch(
    const absl::Status& status) {
  return new RefusedWatch(status);
}

// One watch call. Decisions are made under mutex_, but StartWrite and Finish
// are called after releasing it, so a reaction that gRPC runs on this thread
// can never find the mutex held. At most one write is in flight; Finish waits
// for it, as the callback API requires.
class FeedbackWatchers::Watcher final
    : public grpc::ServerWriteReactor<v1::WatchFeedbackResponse> {
 public:
  Watcher(FeedbackWatchers& owner, FeedbackFilter filter, size_t capacity)
      : owner_(owner), filter_(std::move(filter)), buffer_(capacity) {
    // Tells the client the watch is registered: items ingested after its
    // initial metadata arrived reach it.
    StartSendInitialMetadata();
  }

  const FeedbackFilter& filter() const { return filter_; }

  void Offer(const v1::Feedback& feedback) {
    {
      absl::MutexLock lock(&mutex_);
      if (finishing_) return;
      buffer_.Push(feedback);
      if (!TakeNextWriteLocked()) return;
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
    Finish(final_status_);
  }

  void OnWriteDone(bool ok) override {
    bool finish = false;
    {
      absl::MutexLock lock(&mutex_);
      writing_ = false;
      if (!ok && !finishing_) {
        // The stream broke (the client went away); nothing more can be sent.
        finishing_ = true;
        final_status_ =
            grpc::Status(grpc::StatusCode::CANCELLED, "the watch stream broke");
      }
      if (finishing_) {
        finish = true;
      } else if (!TakeNextWriteLocked()) {
        return;
      }
    }
    if (finish) {
      Finish(final_status_);
    } else {
      StartWrite(&in_flight_);
    }
  }

  void OnCancel() override {
    RequestFinish(grpc::Status(grpc::StatusCode::CANCELLED,
                               "the client cancelled the watch"));
  }

  void OnDone() override {
    owner_.Remove(this);
    delete this;
  }

 private:
  // Moves the next buffered message into in_flight_ when no write is in
  // flight; true when the caller must start that write.
  bool TakeNextWriteLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (writing_) return false;
    std::optional<v1::WatchFeedbackResponse> next = buffer_.Pop();
    if (!next.has_value()) return false;
    in_flight_ = *std::move(next);
    writing_ = true;
    return true;
  }

  FeedbackWatchers& owner_;
  const FeedbackFilter filter_;
  absl::Mutex mutex_;
  WatchBuffer buffer_ ABSL_GUARDED_BY(mutex_);
  // Owned by gRPC while writing_.
  v1::WatchFeedbackResponse in_flight_;
  bool writing_ ABSL_GUARDED_BY(mutex_) = false;
  bool finishing_ ABSL_GUARDED_BY(mutex_) = false;
  grpc::Status final_status_;
};

FeedbackWatchers::FeedbackWatchers(size_t buffer_capacity)
    : buffer_capacity_(buffer_capacity) {}

FeedbackWatchers::~FeedbackWatchers() = default;

grpc::ServerWriteReactor<v1::WatchFeedbackResponse>* FeedbackWatchers::Watch(
    FeedbackFilter filter) {
  absl::MutexLock lock(&mutex_);
  if (shut_down_) {
    return RefuseWatch(absl::UnavailableError("the server is shutting down"));
  }
  auto* watcher = new Watcher(*this, std::move(filter), buffer_capacity_);
  watchers_.insert(watcher);
  return watcher;
}

void FeedbackWatchers::Publish(std::string_view organization,
                               const v1::Feedback& feedback) {
  absl::MutexLock lock(&mutex_);
  for (Watcher* watcher : watchers_) {
    if (watcher->filter().organization == organization &&
        MatchesIgnoringTime(watcher->filter(), feedback)) {
      watcher->Offer(feedback);
    }
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

void FeedbackWatchers::Remove(Watcher* watcher) {
  absl::MutexLock lock(&mutex_);
  watchers_.erase(watcher);
}

}  // namespace guestvoice::service
