#ifndef GUESTVOICE_SERVICE_API_FEEDBACK_WATCHERS_H_
#define GUESTVOICE_SERVICE_API_FEEDBACK_WATCHERS_H_

#include <grpcpp/support/server_callback.h>

#include <cstddef>
#include <string_view>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "guestvoice/v1/feedback_service.pb.h"
#include "service/feedback/filter.h"
#include "service/feedback/publisher.h"

namespace guestvoice::service {

// The open WatchFeedback streams: ingestion publishes each stored item here,
// and every watcher whose filter it passes gets it through its own bounded
// WatchBuffer. Publishing never blocks on a watcher: it only appends to
// buffers and starts writes.
class FeedbackWatchers final : public FeedbackPublisher {
 public:
  // Each watcher buffers at most `buffer_capacity` items.
  explicit FeedbackWatchers(size_t buffer_capacity);
  FeedbackWatchers(const FeedbackWatchers&) = delete;
  FeedbackWatchers& operator=(const FeedbackWatchers&) = delete;
  // Every watch call must be done (the gRPC server shut down) by then.
  ~FeedbackWatchers();

  // The reactor of a new watch call through `filter`; gRPC owns it until
  // the call is done. After Shutdown it finishes at once with UNAVAILABLE.
  grpc::ServerWriteReactor<v1::WatchFeedbackResponse>* Watch(
      FeedbackFilter filter);

  // Offers a newly stored item of `organization` to every watcher.
  void Publish(std::string_view organization,
               const v1::Feedback& feedback) override;

  // Finishes every watcher with UNAVAILABLE, and every later one at once.
  void Shutdown();

 private:
  class Watcher;
  void Remove(Watcher* watcher);

  const size_t buffer_capacity_;
  absl::Mutex mutex_;
  absl::flat_hash_set<Watcher*> watchers_ ABSL_GUARDED_BY(mutex_);
  bool shut_down_ ABSL_GUARDED_BY(mutex_) = false;
};

// A write reactor that finishes with `status` as soon as it starts, for watch
// calls refused before they begin.
grpc::ServerWriteReactor<v1::WatchFeedbackResponse>* RefuseWatch(
    const absl::Status& status);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_FEEDBACK_WATCHERS_H_
