#ifndef GUESTVOICE_SERVICE_FEEDBACK_FEEDBACK_ITEMS_H_
#define GUESTVOICE_SERVICE_FEEDBACK_FEEDBACK_ITEMS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "guestvoice/v1/feedback.pb.h"
#include "guestvoice/v1/feedback_service.pb.h"
#include "service/core/domain_context.h"
#include "service/core/principal.h"
#include "service/feedback/filter.h"

namespace guestvoice::service {

// Stored feedback items as a caller sees them: GetFeedback, ListFeedback,
// UpdateFeedback (an item's case) and the filter of a WatchFeedback stream.
// Another organization's items and hotels do not exist for the caller
// (NOT_FOUND, as Principal::RequireTenant). Ingest is FeedbackIngester's.
class FeedbackItems {
 public:
  explicit FeedbackItems(DomainContext deps) : deps_(deps) {}

  // The item `request.name` names. INVALID_ARGUMENT (FIELD_INVALID) naming
  // "name" when malformed; NOT_FOUND when it is not stored.
  absl::Status Get(const Principal& caller,
                   const v1::GetFeedbackRequest& request,
                   v1::Feedback& response) const;

  // One page of the parent's items through the request's filters, newest
  // post_time first (ListFeedbackPage). INVALID_ARGUMENT naming each bad
  // filter field, PAGE_TOKEN_INVALID for a token of another request;
  // NOT_FOUND for an unknown hotel.
  absl::Status List(const Principal& caller,
                    const v1::ListFeedbackRequest& request,
                    v1::ListFeedbackResponse& response) const;

  // What an update to the values the case has already does: nothing (the
  // commands of format 9 on: a retried update), or store the item with a
  // new update_time (earlier builds' commands, applied alike on every
  // node).
  enum class SameValues { kChangeNothing, kRewrite };
  // Applies the case update (ApplyCaseUpdate: states move forward only) and
  // stores the item with its case-state index entry in one batch. Errors as
  // ApplyCaseUpdate's, with "feedback.name" for a malformed name and
  // NOT_FOUND for an item that is not stored.
  absl::Status Update(
      const Principal& caller, const v1::UpdateFeedbackRequest& request,
      v1::Feedback& response,
      SameValues same_values = SameValues::kChangeNothing) const;

  // The checked filter a WatchFeedback stream delivers new items through;
  // errors as List's. The stream itself is the gRPC layer's.
  absl::StatusOr<FeedbackFilter> WatchFilter(
      const Principal& caller, const v1::WatchFeedbackRequest& request) const;

 private:
  DomainContext deps_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_FEEDBACK_ITEMS_H_
