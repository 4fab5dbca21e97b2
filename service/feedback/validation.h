#ifndef GUESTVOICE_SERVICE_FEEDBACK_VALIDATION_H_
#define GUESTVOICE_SERVICE_FEEDBACK_VALIDATION_H_

// The checks a feedback item passes before anything about it is stored.

#include <cstddef>
#include <string_view>

#include "absl/time/time.h"
#include "guestvoice/v1/feedback.pb.h"
#include "service/core/errors.h"

namespace guestvoice::service {

inline constexpr size_t kMaxFeedbackTextBytes = 16 * 1024;
inline constexpr size_t kMaxExternalIdBytes = 256;
inline constexpr size_t kMaxAuthorHandleBytes = 256;
inline constexpr size_t kMaxAuthorDisplayNameChars = 200;
inline constexpr size_t kMaxLanguageCodeBytes = 35;
// Clocks at the source and here disagree a little; more is a bad timestamp.
inline constexpr absl::Duration kMaxPostTimeSkew = absl::Minutes(5);

// Adds a violation, under `prefix` + the Feedback field path (e.g.
// "feedback.text"), for each input field of `feedback` that is missing or
// invalid. The hotel name is checked by the caller, which also needs it
// parsed. Output-only fields are ignored.
void CheckFeedbackInput(FieldViolations& violations, std::string_view prefix,
                        const v1::Feedback& feedback, absl::Time now);

// Whether `source` names a channel (not UNSPECIFIED, not an unknown number).
bool IsKnownSource(int source);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_VALIDATION_H_
