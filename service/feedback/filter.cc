#include "service/feedback/filter.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "analysis/aspect_taxonomy.h"
#include "common/status_macros.h"
#include "service/core/errors.h"
#include "service/core/proto_time.h"
#include "service/core/resource_names.h"
#include "service/feedback/aggregates.h"
#include "service/feedback/records.h"
#include "service/feedback/validation.h"
#include "service/tenancy/hotels.h"
#include "storage/keys.h"

namespace guestvoice::service {

absl::StatusOr<FeedbackFilter> ParseFeedbackFilter(
    const FeedbackFilterFields& fields) {
  FeedbackFilter filter;
  FieldViolations violations;
  absl::StatusOr<std::string> organization =
      ParseOrganizationName("parent", fields.parent);
  violations.AddAll(organization.status());
  if (!fields.hotel.empty()) {
    absl::StatusOr<HotelName> hotel = ParseHotelName("hotel", fields.hotel);
    violations.AddAll(hotel.status());
    if (hotel.ok()) {
      filter.hotel_id = hotel->hotel;
      filter.hotel_organization = hotel->organization;
    }
  }
  if (fields.source != v1::SOURCE_UNSPECIFIED &&
      !IsKnownSource(fields.source)) {
    violations.Add("source", absl::StrCat("unknown source ", fields.source));
  }
  if (!v1::SentimentBand_IsValid(fields.band)) {
    violations.Add("band", absl::StrCat("unknown band ", fields.band));
  }
  if (!v1::SentimentState_IsValid(fields.sentiment_state)) {
    violations.Add("sentiment_state", absl::StrCat("unknown sentiment state ",
                                                   fields.sentiment_state));
  }
  // Such a filter could only ever be empty: say so rather than answer it.
  if (fields.band != v1::SENTIMENT_BAND_UNSPECIFIED &&
      fields.sentiment_state == v1::SENTIMENT_STATE_NOT_SCORED) {
    violations.Add("band",
                   "only scored feedback has a band: not with sentiment_state "
                   "SENTIMENT_STATE_NOT_SCORED");
  }
  if (!v1::CaseState_IsValid(fields.case_state)) {
    violations.Add("case_state",
                   absl::StrCat("unknown case state ", fields.case_state));
  }
  if (!fields.aspect.empty() &&
      !analysis::AspectTaxonomy::Default().Contains(fields.aspect)) {
    violations.Add("aspect", "not an aspect of the taxonomy");
  }
  if (fields.start_time != nullptr) {
    if (IsValidTimestamp(*fields.start_time)) {
      filter.start = FromProtoTimestamp(*fields.start_time);
    } else {
      violations.Add("start_time", "not a valid timestamp");
    }
  }
  if (fields.end_time != nullptr) {
    if (IsValidTimestamp(*fields.end_time)) {
      filter.end = FromProtoTimestamp(*fields.end_time);
    } else {
      violations.Add("end_time", "not a valid timestamp");
    }
  }
  if (filter.start.has_value() && filter.end.has_value() &&
      *filter.end < *filter.start) {
    violations.Add("end_time", "before start_time");
  }
  RETURN_IF_ERROR(violations.ToStatus());
  filter.organization = *std::move(organization);
  filter.source = static_cast<v1::Source>(fields.source);
  filter.band = static_cast<v1::SentimentBand>(fields.band);
  filter.sentiment_state =
      static_cast<v1::SentimentState>(fields.sentiment_state);
  filter.aspect = std::string(fields.aspect);
  filter.case_state = static_cast<v1::CaseState>(fields.case_state);
  return filter;
}

absl::Status RequireFilterHotel(const storage::Store& store,
                                const FeedbackFilter& filter,
                                std::string_view hotel_name) {
  if (filter.hotel_id.empty()) return absl::OkStatus();
  if (filter.hotel_organization != filter.organization) {
    return ResourceNotFound(hotel_name);
  }
  return ReadHotel(store, {filter.organization, filter.hotel_id}, hotel_name)
      .status();
}

bool MatchesIgnoringTime(const FeedbackFilter& filter,
                         const v1::Feedback& feedback) {
  if (!filter.hotel_id.empty() && HotelIdOf(feedback) != filter.hotel_id) {
    return false;
  }
  if (filter.source != v1::SOURCE_UNSPECIFIED &&
      feedback.source() != filter.source) {
    return false;
  }
  if (filter.band != v1::SENTIMENT_BAND_UNSPECIFIED &&
      feedback.analysis().band() != filter.band) {
    return false;
  }
  if (filter.sentiment_state != v1::SENTIMENT_STATE_UNSPECIFIED &&
      IsScored(feedback.analysis()) !=
          (filter.sentiment_state == v1::SENTIMENT_STATE_SCORED)) {
    return false;
  }
  if (filter.case_state != v1::CASE_STATE_UNSPECIFIED &&
      feedback.case_().state() != filter.case_state) {
    return false;
  }
  if (!filter.aspect.empty()) {
    const auto& mentions = feedback.analysis().aspects();
    return std::any_of(mentions.begin(), mentions.end(),
                       [&](const v1::AspectMention& mention) {
                         return mention.aspect() == filter.aspect;
                       });
  }
  return true;
}

}  // namespace guestvoice::service
