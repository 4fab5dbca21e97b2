#ifndef GUESTVOICE_SERVICE_FEEDBACK_FILTER_H_
#define GUESTVOICE_SERVICE_FEEDBACK_FILTER_H_

// The filters ListFeedback and WatchFeedback share, checked once and then
// applied to stored items.

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "guestvoice/v1/feedback.pb.h"
#include "storage/store.h"

namespace guestvoice::service {

struct FeedbackFilter {
  std::string organization;
  // Empty: every hotel.
  std::string hotel_id;
  // The organization the hotel filter's name is in; another than
  // `organization` is a hotel the caller cannot see.
  std::string hotel_organization;
  v1::Source source = v1::SOURCE_UNSPECIFIED;
  v1::SentimentBand band = v1::SENTIMENT_BAND_UNSPECIFIED;
  // Unspecified: any state; SCORED includes items without a recorded state
  // (IsScored).
  v1::SentimentState sentiment_state = v1::SENTIMENT_STATE_UNSPECIFIED;
  // Empty: any aspect.
  std::string aspect;
  v1::CaseState case_state = v1::CASE_STATE_UNSPECIFIED;
  // post_time in [start, end); unbounded when absent.
  std::optional<absl::Time> start;
  std::optional<absl::Time> end;
};

// The request fields a filter is made of; field paths name the request's own.
struct FeedbackFilterFields {
  std::string_view parent;
  std::string_view hotel;
  int source = 0;
  int band = 0;
  int sentiment_state = 0;
  std::string_view aspect;
  int case_state = 0;
  const google::protobuf::Timestamp* start_time = nullptr;
  const google::protobuf::Timestamp* end_time = nullptr;
};

// Parses and checks the fields: INVALID_ARGUMENT (FIELD_INVALID) naming each
// bad one (an unknown enum value or aspect, an inverted time range). The
// caller checks the organization against the principal, then the hotel with
// RequireFilterHotel.
absl::StatusOr<FeedbackFilter> ParseFeedbackFilter(
    const FeedbackFilterFields& fields);

// NOT_FOUND (RESOURCE_NOT_FOUND) naming `hotel_name` when the filter names a
// hotel the organization does not have.
absl::Status RequireFilterHotel(const storage::Store& store,
                                const FeedbackFilter& filter,
                                std::string_view hotel_name);

// Whether `feedback` passes every filter but the time range.
bool MatchesIgnoringTime(const FeedbackFilter& filter,
                         const v1::Feedback& feedback);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_FILTER_H_
