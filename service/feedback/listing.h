#ifndef GUESTVOICE_SERVICE_FEEDBACK_LISTING_H_
#define GUESTVOICE_SERVICE_FEEDBACK_LISTING_H_

#include "absl/status/status.h"
#include "guestvoice/v1/feedback_service.pb.h"
#include "service/feedback/filter.h"
#include "storage/store.h"

namespace guestvoice::service {

// One page of ListFeedback, newest post_time first: scans the narrowest
// newest-first index the filter allows (the hotel's, the case state's, or the
// organization's), from the end of the time range, and checks the other
// filters on each item.
absl::Status ListFeedbackPage(const storage::Store& store,
                              const FeedbackFilter& filter,
                              const v1::ListFeedbackRequest& request,
                              v1::ListFeedbackResponse& response);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_LISTING_H_
