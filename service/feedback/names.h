#ifndef GUESTVOICE_SERVICE_FEEDBACK_NAMES_H_
#define GUESTVOICE_SERVICE_FEEDBACK_NAMES_H_

// Resource names of feedback, and of the guests feedback is attributed to.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace guestvoice::service {

struct FeedbackName {
  std::string organization;
  std::string feedback;
};

// `organizations/{organization}/feedback/{feedback}`.
std::string FormatFeedbackName(std::string_view organization,
                               std::string_view feedback);
// INVALID_ARGUMENT (FIELD_INVALID) naming `field` when malformed.
absl::StatusOr<FeedbackName> ParseFeedbackName(std::string_view field,
                                               std::string_view name);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_NAMES_H_
