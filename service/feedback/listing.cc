#include "service/feedback/listing.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "service/core/pagination.h"
#include "service/feedback/records.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

std::string IndexPrefix(const FeedbackFilter& filter) {
  if (!filter.hotel_id.empty()) {
    return storage::FeedbackHotelTimeIndexPrefix(filter.organization,
                                                 filter.hotel_id);
  }
  // Open items have no case-index entries (HasCaseIndexEntry): the time
  // index lists them, and the state check below skips the others.
  if (filter.case_state != v1::CASE_STATE_UNSPECIFIED &&
      HasCaseIndexEntry(filter.case_state)) {
    return storage::FeedbackCaseIndexPrefix(filter.organization,
                                            filter.case_state);
  }
  return storage::FeedbackTimeIndexPrefix(filter.organization);
}

// Every field of the request but the page ones: a token is only good for
// the same filters.
std::string RequestIdentity(const v1::ListFeedbackRequest& request) {
  v1::ListFeedbackRequest identity = request;
  identity.clear_page_size();
  identity.clear_page_token();
  return absl::StrCat("ListFeedback|", identity.SerializeAsString());
}

}  // namespace

absl::Status ListFeedbackPage(const storage::Store& store,
                              const FeedbackFilter& filter,
                              const v1::ListFeedbackRequest& request,
                              v1::ListFeedbackResponse& response) {
  PageQuery query{
      .family = storage::ColumnFamily::kFeedback,
      .prefix = IndexPrefix(filter),
      .request_identity = RequestIdentity(request),
      .page_size = request.page_size(),
      .page_token = request.page_token(),
  };
  const std::string first_start_after =
      filter.end.has_value()
          ? storage::NewestFirstStartBefore(query.prefix, *filter.end)
          : "";
  size_t page_bytes = 0;
  ASSIGN_OR_RETURN(
      *response.mutable_next_page_token(),
      VisitFilteredPage(
          store, query, first_start_after,
          [&](std::string_view,
              std::string_view feedback_id) -> absl::StatusOr<EntryVerdict> {
            ASSIGN_OR_RETURN(
                std::optional<internal::v1::StoredFeedback> item,
                ReadStoredFeedback(store, filter.organization, feedback_id));
            if (!item.has_value()) {
              return absl::DataLossError(
                  "a feedback index names an item that is not stored");
            }
            const v1::Feedback& feedback = item->feedback();
            const absl::Time post_time = PostTimeOf(feedback);
            if (filter.start.has_value() && post_time < *filter.start) {
              // Index keys hold whole microseconds and order one
              // microsecond's items by id, not time: only an item of an
              // earlier microsecond proves every later entry older.
              return absl::ToUnixMicros(post_time) <
                             absl::ToUnixMicros(*filter.start)
                         ? EntryVerdict::kPastEnd
                         : EntryVerdict::kSkipped;
            }
            if ((filter.end.has_value() && post_time >= *filter.end) ||
                !MatchesIgnoringTime(filter, feedback)) {
              return EntryVerdict::kSkipped;
            }
            page_bytes += feedback.ByteSizeLong();
            *response.add_feedback() = std::move(*item->mutable_feedback());
            return page_bytes >= kMaxPageBytes ? EntryVerdict::kTakenPageFull
                                               : EntryVerdict::kTaken;
          }));
  return absl::OkStatus();
}

}  // namespace guestvoice::service
