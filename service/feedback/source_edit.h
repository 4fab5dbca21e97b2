#ifndef GUESTVOICE_SERVICE_FEEDBACK_SOURCE_EDIT_H_
#define GUESTVOICE_SERVICE_FEEDBACK_SOURCE_EDIT_H_

// An edit at the source (Feedback.edit_time): a guest who changes their
// review from one star to four now says something else, and every figure
// should hear what they say now. The stored item takes the edit's words,
// rating and analysis, and its contributions to the pre-aggregates, its
// negative quotes, its attention entry and its place among the author's
// repeats move with them, in one WriteBatch. Name, hotel, author, post
// time (its day), guest and case stay as first stored.

#include <string_view>

#include "absl/status/statusor.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "guestvoice/v1/feedback.pb.h"
#include "service/core/domain_context.h"

namespace guestvoice::service {

// Whether `incoming` is a later version of the stored item: it has an
// edit_time later than the stored item's edit_time (or than its post_time,
// when it has none), it says something else (its text or rating differ: a
// source that moves its edit time for anything else, or an item edited
// before it was first imported, is not edited again), and
// the stored item's author is not erased (erasure clears the handle, and
// an erased guest's words never come back). Anything else sent again under
// the same (source, external_id) for the same hotel is a retry (for another
// hotel, FeedbackIngester refuses it).
bool IsLaterEdit(const v1::Feedback& stored, const v1::Feedback& incoming);

// The item an edit was sent for, as stored after it.
struct SourceEditOutcome {
  internal::v1::StoredFeedback item;
  // False when, under the locks, the stored item was no longer one the edit
  // is a later version of (another version came first): nothing was written.
  bool edited = false;
};

// Applies `edit`, prepared by FeedbackIngester::Prepare (analysed, its
// receive time set), to the item its
// (source, external_id) names in `organization`. The caller holds the
// organization's lock shared and no stripe: this takes the stripes of the
// dedupe key, the author and every item of the author, as the edit may
// change which of the author's items counts a text (a repeat of the old
// words counts once they are gone). Reads no clock.
absl::StatusOr<SourceEditOutcome> ApplySourceEdit(DomainContext deps,
                                                  std::string_view organization,
                                                  const v1::Feedback& edit);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_SOURCE_EDIT_H_
