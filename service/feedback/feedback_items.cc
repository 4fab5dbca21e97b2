#include "service/feedback/feedback_items.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "common/status_macros.h"
#include "google/protobuf/util/message_differencer.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "service/core/errors.h"
#include "service/feedback/attention_index.h"
#include "service/feedback/cases.h"
#include "service/feedback/listing.h"
#include "service/feedback/names.h"
#include "service/feedback/records.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

absl::StatusOr<internal::v1::StoredFeedback> ReadFeedbackOrNotFound(
    const storage::Store& store, const FeedbackName& name,
    std::string_view resource_name) {
  ASSIGN_OR_RETURN(std::optional<internal::v1::StoredFeedback> item,
                   ReadStoredFeedback(store, name.organization, name.feedback));
  if (!item.has_value()) return ResourceNotFound(resource_name);
  return *std::move(item);
}

// The filter `fields` make, checked against the caller: its own
// organization, and a hotel that organization has.
absl::StatusOr<FeedbackFilter> CallersFilter(
    const Principal& caller, const storage::Store& store,
    const FeedbackFilterFields& fields) {
  ASSIGN_OR_RETURN(FeedbackFilter filter, ParseFeedbackFilter(fields));
  RETURN_IF_ERROR(caller.RequireTenant(filter.organization, fields.parent));
  RETURN_IF_ERROR(RequireFilterHotel(store, filter, fields.hotel));
  return filter;
}

}  // namespace

absl::Status FeedbackItems::Get(const Principal& caller,
                                const v1::GetFeedbackRequest& request,
                                v1::Feedback& response) const {
  ASSIGN_OR_RETURN(FeedbackName name,
                   ParseFeedbackName("name", request.name()));
  RETURN_IF_ERROR(caller.RequireTenant(name.organization, request.name()));
  ASSIGN_OR_RETURN(internal::v1::StoredFeedback item,
                   ReadFeedbackOrNotFound(deps_.store, name, request.name()));
  response = std::move(*item.mutable_feedback());
  return absl::OkStatus();
}

absl::Status FeedbackItems::List(const Principal& caller,
                                 const v1::ListFeedbackRequest& request,
                                 v1::ListFeedbackResponse& response) const {
  ASSIGN_OR_RETURN(
      FeedbackFilter filter,
      CallersFilter(
          caller, deps_.store,
          {
              .parent = request.parent(),
              .hotel = request.hotel(),
              .source = request.source(),
              .band = request.band(),
              .sentiment_state = request.sentiment_state(),
              .aspect = request.aspect(),
              .case_state = request.case_state(),
              .start_time =
                  request.has_start_time() ? &request.start_time() : nullptr,
              .end_time =
                  request.has_end_time() ? &request.end_time() : nullptr,
          }));
  return ListFeedbackPage(deps_.store, filter, request, response);
}

absl::Status FeedbackItems::Update(const Principal& caller,
                                   const v1::UpdateFeedbackRequest& request,
                                   v1::Feedback& response,
                                   SameValues same_values) const {
  const std::string& resource_name = request.feedback().name();
  ASSIGN_OR_RETURN(FeedbackName name,
                   ParseFeedbackName("feedback.name", resource_name));
  RETURN_IF_ERROR(caller.RequireTenant(name.organization, resource_name));

  // Attribution rewrites items too; the reader side keeps it out.
  auto attribution_guard =
      deps_.organization_locks.LockShared(name.organization);
  auto guard =
      deps_.locks.Lock(storage::FeedbackKey(name.organization, name.feedback));
  ASSIGN_OR_RETURN(internal::v1::StoredFeedback item,
                   ReadFeedbackOrNotFound(deps_.store, name, resource_name));
  const v1::CaseState old_state = item.feedback().case_().state();
  const v1::FeedbackCase old_case = item.feedback().case_();
  const google::protobuf::Timestamp old_update_time =
      item.feedback().update_time();
  storage::WriteBatch batch;
  // The entry of the case as it was; the put below restores it while the
  // case stays open.
  DeleteAttentionEntry(batch, name.organization, item);
  RETURN_IF_ERROR(
      ApplyCaseUpdate(request, deps_.clock.Now(), *item.mutable_feedback()));
  // Values the case has already (a retried update) change nothing, its
  // update_time included.
  if (same_values == SameValues::kChangeNothing &&
      google::protobuf::util::MessageDifferencer::Equals(
          old_case, item.feedback().case_())) {
    *item.mutable_feedback()->mutable_update_time() = old_update_time;
    response = std::move(*item.mutable_feedback());
    return absl::OkStatus();
  }
  PutStoredFeedback(batch, name.organization, item);
  MoveCaseIndexEntry(batch, name.organization, item, old_state);
  PutAttentionEntry(batch, name.organization, item);
  RETURN_IF_ERROR(deps_.store.Write(std::move(batch)));
  response = std::move(*item.mutable_feedback());
  return absl::OkStatus();
}

absl::StatusOr<FeedbackFilter> FeedbackItems::WatchFilter(
    const Principal& caller, const v1::WatchFeedbackRequest& request) const {
  return CallersFilter(caller, deps_.store,
                       {
                           .parent = request.parent(),
                           .hotel = request.hotel(),
                           .source = request.source(),
                           .band = request.band(),
                           .sentiment_state = request.sentiment_state(),
                           .aspect = request.aspect(),
                       });
}

}  // namespace guestvoice::service
