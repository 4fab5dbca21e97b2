#include "tests/testing/sample_requests.h"

#include <array>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace guestvoice::testing {
namespace {

constexpr std::array<absl::string_view, 4> kTexts = {
    "The room was spotless and the staff were wonderful, great breakfast too.",
    "Terrible noise all night and the shower was cold. Never again.",
    "Check-in was slow but the view from the balcony made up for it.",
    "Decent location, average food, the wifi kept dropping in the lobby.",
};

}  // namespace

v1::CreateHotelRequest SampleHotel(const std::string& hotel_id) {
  v1::CreateHotelRequest request;
  request.set_parent(kDefaultOrganization);
  request.set_hotel_id(hotel_id);
  request.set_request_id(absl::StrCat("create-", hotel_id));
  request.mutable_hotel()->set_display_name(absl::StrCat("Hotel ", hotel_id));
  request.mutable_hotel()->set_time_zone("Europe/Lisbon");
  return request;
}

v1::Feedback SampleFeedback(const std::string& hotel,
                            const std::string& external_id, int variant,
                            absl::Time post_time) {
  v1::Feedback feedback;
  feedback.set_hotel(hotel);
  feedback.set_source(v1::SOURCE_TRIPADVISOR);
  feedback.set_external_id(external_id);
  feedback.mutable_author()->set_handle(absl::StrCat("author-", external_id));
  feedback.set_text(
      absl::StrCat(kTexts[variant % kTexts.size()], " (", external_id, ")"));
  feedback.mutable_rating()->set_value(1 + variant % 5);
  feedback.mutable_rating()->set_scale_min(1);
  feedback.mutable_rating()->set_scale_max(5);
  const absl::Duration since_epoch = post_time - absl::UnixEpoch();
  feedback.mutable_post_time()->set_seconds(absl::ToInt64Seconds(since_epoch));
  return feedback;
}

}  // namespace guestvoice::testing
