#ifndef GUESTVOICE_SERVICE_API_COUNTING_PUBLISHER_H_
#define GUESTVOICE_SERVICE_API_COUNTING_PUBLISHER_H_

#include <atomic>
#include <cstdint>
#include <string_view>

#include "guestvoice/v1/feedback.pb.h"
#include "service/feedback/publisher.h"

namespace guestvoice::service {

// Counts the items ingest stores, the repeats among them and the edits of
// stored items, on their way to the next publisher (the watchers).
// Duplicates are never published, so they are not counted. Thread-safe.
class CountingPublisher final : public FeedbackPublisher {
 public:
  explicit CountingPublisher(FeedbackPublisher& next) : next_(next) {}

  void Publish(std::string_view organization, const v1::Feedback& feedback,
               FeedbackChange change) override {
    if (change == FeedbackChange::kEdited) {
      edits_.fetch_add(1, std::memory_order_relaxed);
    } else {
      items_.fetch_add(1, std::memory_order_relaxed);
      if (feedback.repeat()) repeats_.fetch_add(1, std::memory_order_relaxed);
    }
    next_.Publish(organization, feedback, change);
  }

  uint64_t items() const { return items_.load(std::memory_order_relaxed); }
  uint64_t repeats() const { return repeats_.load(std::memory_order_relaxed); }
  uint64_t edits() const { return edits_.load(std::memory_order_relaxed); }

 private:
  FeedbackPublisher& next_;
  std::atomic<uint64_t> items_ = 0;
  std::atomic<uint64_t> repeats_ = 0;
  std::atomic<uint64_t> edits_ = 0;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_COUNTING_PUBLISHER_H_
