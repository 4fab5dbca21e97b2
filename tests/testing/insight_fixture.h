#ifndef GUESTVOICE_TESTS_TESTING_INSIGHT_FIXTURE_H_
#define GUESTVOICE_TESTS_TESTING_INSIGHT_FIXTURE_H_

// Shared by the InsightService tests: FeedbackFixture's server and hotels,
// plus InsightService and LoyaltyService calls with the bootstrap key.

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/insight_service.grpc.pb.h"
#include "guestvoice/v1/loyalty_service.grpc.pb.h"
#include "service/core/proto_time.h"
#include "tests/testing/feedback_fixture.h"

namespace guestvoice::testing {

class InsightFixture : public FeedbackFixture {
 protected:
  InsightFixture()
      : insights_(v1::InsightService::NewStub(server_.channel())),
        loyalty_(v1::LoyaltyService::NewStub(server_.channel())) {}

  std::unique_ptr<grpc::ClientContext> Admin() {
    return TestServer::Context(server_.admin_key());
  }

  static google::type::Interval Interval(absl::Time start, absl::Time end) {
    google::type::Interval interval;
    *interval.mutable_start_time() = service::ToProtoTimestamp(start);
    *interval.mutable_end_time() = service::ToProtoTimestamp(end);
    return interval;
  }

  // The 30 days up to and including the fake clock's day, in UTC.
  google::type::Interval RecentDays() {
    const absl::Time today = absl::FromCivil(
        absl::ToCivilDay(server_.clock().Now(), absl::UTCTimeZone()),
        absl::UTCTimeZone());
    return Interval(today - absl::Hours(24 * 29), today + absl::Hours(24));
  }

  v1::HotelSummary Summary(const google::type::Interval& interval,
                           const std::string& hotel = "lisbon") {
    v1::GetHotelSummaryRequest request;
    request.set_hotel("organizations/default/hotels/" + hotel);
    *request.mutable_interval() = interval;
    v1::HotelSummary summary;
    const grpc::Status status =
        insights_->GetHotelSummary(Admin().get(), request, &summary);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return summary;
  }

  // Creates a guest and returns its name.
  std::string CreateGuest(const std::string& display_name) {
    v1::CreateGuestRequest request;
    request.set_parent("organizations/default");
    request.mutable_guest()->set_display_name(display_name);
    v1::Guest guest;
    const grpc::Status status =
        loyalty_->CreateGuest(Admin().get(), request, &guest);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return guest.name();
  }

  grpc::Status LinkHandle(const std::string& guest, const std::string& handle,
                          v1::Source source = v1::SOURCE_TWITTER) {
    v1::LinkIdentityRequest request;
    request.set_guest(guest);
    request.mutable_identity()->set_kind(v1::IDENTITY_KIND_HANDLE);
    request.mutable_identity()->set_source(source);
    request.mutable_identity()->set_value(handle);
    v1::Guest response;
    return loyalty_->LinkIdentity(Admin().get(), request, &response);
  }

  grpc::Status Merge(const std::string& survivor, const std::string& merged) {
    v1::MergeGuestsRequest request;
    request.set_survivor(survivor);
    request.set_merged(merged);
    v1::Guest response;
    return loyalty_->MergeGuests(Admin().get(), request, &response);
  }

  grpc::Status Erase(const std::string& guest) {
    v1::EraseGuestRequest request;
    request.set_name(guest);
    google::protobuf::Empty response;
    return loyalty_->EraseGuest(Admin().get(), request, &response);
  }

  grpc::Status SetTier(const std::string& guest, const std::string& tier) {
    v1::SetManualTierRequest request;
    request.set_guest(guest);
    request.set_tier(tier);
    v1::LoyaltyStatus response;
    return loyalty_->SetManualTier(Admin().get(), request, &response);
  }

  grpc::Status SetCaseState(const std::string& feedback, v1::CaseState state) {
    v1::UpdateFeedbackRequest request;
    request.mutable_feedback()->set_name(feedback);
    request.mutable_feedback()->mutable_case_()->set_state(state);
    request.mutable_update_mask()->add_paths("case.state");
    v1::Feedback response;
    return stub_->UpdateFeedback(Admin().get(), request, &response);
  }

  std::unique_ptr<v1::InsightService::Stub> insights_;
  std::unique_ptr<v1::LoyaltyService::Stub> loyalty_;
};

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_TESTING_INSIGHT_FIXTURE_H_
