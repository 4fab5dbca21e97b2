#ifndef GUESTVOICE_SERVICE_FEEDBACK_PUBLISHER_H_
#define GUESTVOICE_SERVICE_FEEDBACK_PUBLISHER_H_

#include <string_view>

#include "guestvoice/v1/feedback.pb.h"

namespace guestvoice::service {

// What a published item is to its organization's feedback.
enum class FeedbackChange {
  kNew,
  // A later version of an item published before (Feedback.edit_time).
  kEdited,
};

// Where ingest announces each newly stored or edited item; the gRPC layer's
// WatchFeedback streams are the subscriber. Keeps the domain free of gRPC.
class FeedbackPublisher {
 public:
  virtual ~FeedbackPublisher() = default;

  // Offers a stored (durable) item of `organization` to subscribers. Never
  // blocks on a subscriber.
  virtual void Publish(std::string_view organization,
                       const v1::Feedback& feedback, FeedbackChange change) = 0;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_PUBLISHER_H_
