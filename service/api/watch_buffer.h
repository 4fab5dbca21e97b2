#ifndef GUESTVOICE_SERVICE_API_WATCH_BUFFER_H_
#define GUESTVOICE_SERVICE_API_WATCH_BUFFER_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>

#include "guestvoice/v1/feedback_service.pb.h"

namespace guestvoice::service {

// The bounded queue between ingestion and one slow WatchFeedback stream.
// When full, the oldest waiting item is dropped, so a watcher that catches up
// sees the freshest feedback, and the next message says how many items fell
// out since the previous one (they all lie between the two). Memory stays
// bounded by `capacity` items; pushing never waits. Not thread-safe.
class WatchBuffer {
 public:
  explicit WatchBuffer(size_t capacity);

  void Push(v1::Feedback feedback);
  // The next message to send, with the drops since the previous one, or
  // nullopt when nothing waits.
  std::optional<v1::WatchFeedbackResponse> Pop();

  size_t size() const { return items_.size(); }

 private:
  size_t capacity_;
  std::deque<v1::Feedback> items_;
  int64_t missed_ = 0;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_WATCH_BUFFER_H_
