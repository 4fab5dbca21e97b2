#include "service/api/watch_buffer.h"

#include <algorithm>
#include <utility>

namespace guestvoice::service {

WatchBuffer::WatchBuffer(size_t capacity)
    : capacity_(std::max<size_t>(capacity, 1)) {}

void WatchBuffer::Push(v1::Feedback feedback) {
  if (items_.size() == capacity_) {
    items_.pop_front();
    ++missed_;
  }
  items_.push_back(std::move(feedback));
}

std::optional<v1::WatchFeedbackResponse> WatchBuffer::Pop() {
  if (items_.empty()) return std::nullopt;
  v1::WatchFeedbackResponse response;
  *response.mutable_feedback() = std::move(items_.front());
  items_.pop_front();
  response.set_missed_count(std::exchange(missed_, 0));
  return response;
}

}  // namespace guestvoice::service
