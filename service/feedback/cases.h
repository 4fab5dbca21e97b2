#ifndef GUESTVOICE_SERVICE_FEEDBACK_CASES_H_
#define GUESTVOICE_SERVICE_FEEDBACK_CASES_H_

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "guestvoice/v1/feedback.pb.h"
#include "guestvoice/v1/feedback_service.pb.h"

namespace guestvoice::service {

// Applies the case fields of an UpdateFeedbackRequest to `feedback`: the
// update_mask paths "case.state", "case.assignee", "case.internal_note" and
// "case.public_response" ("*" for all four; an empty mask means those set in
// the request). States only move forward: OPEN -> ACKNOWLEDGED -> RESOLVED,
// or OPEN -> RESOLVED; the same state again changes nothing.
// Errors: INVALID_ARGUMENT (FIELD_INVALID) for another path, an unset or
// unknown state, or an oversized value or one not UTF-8 (not the checks of
// CheckCaseTexts); FAILED_PRECONDITION for a state that
// moves backwards. `feedback` is unchanged on error.
absl::Status ApplyCaseUpdate(const v1::UpdateFeedbackRequest& request,
                             absl::Time now, v1::Feedback& feedback);

// The checks of an UpdateFeedbackRequest's case texts added after the first
// command format, made where the call is received (the mutation's prepare),
// never when a command is applied: a node of an earlier build applies the
// same commands without them, and every node must reach the same state
// (docs/cluster.md, "Record formats"). INVALID_ARGUMENT (FIELD_INVALID) for
// an assignee not on one line (CheckOneLine), and an internal_note or
// public_response with a control character other than tab, line feed and
// carriage return.
absl::Status CheckCaseTexts(const v1::UpdateFeedbackRequest& request);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_CASES_H_
