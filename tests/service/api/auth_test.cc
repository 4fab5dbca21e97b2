// Authentication, scopes and tenant isolation for every RPC: no key, an
// unknown key, a key without the method's scope, and another organization's
// key.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.grpc.pb.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "guestvoice/v1/insight_service.grpc.pb.h"
#include "guestvoice/v1/loyalty_service.grpc.pb.h"
#include "tests/testing/grpc_matchers.h"
#include "tests/testing/test_server.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::ErrorReason;
using ::guestvoice::testing::GrpcErrorIs;
using ::guestvoice::testing::TestServer;

// Every scope but `excluded`.
std::vector<v1::Scope> AllScopesBut(std::optional<v1::Scope> excluded) {
  std::vector<v1::Scope> scopes;
  for (int scope = v1::Scope_MIN; scope <= v1::Scope_MAX; ++scope) {
    if (scope != v1::SCOPE_UNSPECIFIED && scope != v1::SCOPE_PLATFORM_ADMIN &&
        (!excluded.has_value() || scope != *excluded)) {
      scopes.push_back(static_cast<v1::Scope>(scope));
    }
  }
  return scopes;
}

struct RpcCase {
  std::string name;
  // The scope the method needs; nullopt when any key of the organization may
  // call it.
  std::optional<v1::Scope> scope;
  // Calls the method on resources of organization "default" (hotel "lisbon",
  // the bootstrap key's organization).
  std::function<grpc::Status(TestServer&, grpc::ClientContext*)> call;
};

// FeedbackService's methods; every call names organization "default".
std::vector<RpcCase> FeedbackRpcs() {
  auto feedback = [](TestServer& server) {
    return v1::FeedbackService::NewStub(server.channel());
  };
  auto item = [] {
    v1::Feedback item;
    item.set_hotel("organizations/default/hotels/lisbon");
    item.set_source(v1::SOURCE_GOOGLE);
    item.set_external_id("review-1");
    item.mutable_author()->set_handle("ana");
    item.set_text("Lovely stay");
    item.mutable_post_time()->set_seconds(1'700'000'000);
    return item;
  };
  const std::string name = "organizations/default/feedback/somefeedback";
  return {
      {"FeedbackService.IngestFeedback", v1::SCOPE_FEEDBACK_WRITE,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::IngestFeedbackRequest request;
         request.set_parent("organizations/default");
         *request.mutable_feedback() = item();
         v1::Feedback response;
         return feedback(server)->IngestFeedback(context, request, &response);
       }},
      {"FeedbackService.ImportFeedback", v1::SCOPE_FEEDBACK_WRITE,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::ImportFeedbackResponse response;
         auto writer = feedback(server)->ImportFeedback(context, &response);
         v1::ImportFeedbackRequest request;
         request.set_parent("organizations/default");
         *request.mutable_feedback() = item();
         writer->Write(request);
         writer->WritesDone();
         return writer->Finish();
       }},
      {"FeedbackService.GetFeedback", v1::SCOPE_FEEDBACK_READ,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::GetFeedbackRequest request;
         request.set_name(name);
         v1::Feedback response;
         return feedback(server)->GetFeedback(context, request, &response);
       }},
      {"FeedbackService.ListFeedback", v1::SCOPE_FEEDBACK_READ,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::ListFeedbackRequest request;
         request.set_parent("organizations/default");
         v1::ListFeedbackResponse response;
         return feedback(server)->ListFeedback(context, request, &response);
       }},
      {"FeedbackService.WatchFeedback", v1::SCOPE_FEEDBACK_READ,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::WatchFeedbackRequest request;
         request.set_parent("organizations/default");
         auto reader = feedback(server)->WatchFeedback(context, request);
         v1::WatchFeedbackResponse response;
         while (reader->Read(&response)) {
         }
         return reader->Finish();
       }},
      {"FeedbackService.UpdateFeedback", v1::SCOPE_FEEDBACK_WRITE,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::UpdateFeedbackRequest request;
         request.mutable_feedback()->set_name(name);
         request.mutable_feedback()->mutable_case_()->set_state(
             v1::CASE_STATE_RESOLVED);
         request.mutable_update_mask()->add_paths("case.state");
         v1::Feedback response;
         return feedback(server)->UpdateFeedback(context, request, &response);
       }},
  };
}

// InsightService's methods; every call names organization "default".
std::vector<RpcCase> InsightRpcs() {
  auto insights = [](TestServer& server) {
    return v1::InsightService::NewStub(server.channel());
  };
  auto interval = [] {
    google::type::Interval interval;
    interval.mutable_start_time()->set_seconds(1'700'000'000);
    interval.mutable_end_time()->set_seconds(1'700'086'400);
    return interval;
  };
  const std::string org = "organizations/default";
  const std::string hotel = "organizations/default/hotels/lisbon";
  return {
      {"InsightService.GetHotelSummary", v1::SCOPE_INSIGHTS_READ,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::GetHotelSummaryRequest request;
         request.set_hotel(hotel);
         *request.mutable_interval() = interval();
         v1::HotelSummary response;
         return insights(server)->GetHotelSummary(context, request, &response);
       }},
      {"InsightService.GetSentimentTrend", v1::SCOPE_INSIGHTS_READ,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::GetSentimentTrendRequest request;
         request.set_scope(org);
         *request.mutable_interval() = interval();
         request.set_granularity(v1::GRANULARITY_DAY);
         v1::SentimentTrend response;
         return insights(server)->GetSentimentTrend(context, request,
                                                    &response);
       }},
      {"InsightService.ListTopIssues", v1::SCOPE_INSIGHTS_READ,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::ListTopIssuesRequest request;
         request.set_scope(hotel);
         *request.mutable_interval() = interval();
         v1::ListTopIssuesResponse response;
         return insights(server)->ListTopIssues(context, request, &response);
       }},
      {"InsightService.CompareHotels", v1::SCOPE_INSIGHTS_READ,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::CompareHotelsRequest request;
         request.set_parent(org);
         *request.mutable_interval() = interval();
         v1::CompareHotelsResponse response;
         return insights(server)->CompareHotels(context, request, &response);
       }},
      {"InsightService.ListAttentionItems", v1::SCOPE_INSIGHTS_READ,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::ListAttentionItemsRequest request;
         request.set_scope(org);
         v1::ListAttentionItemsResponse response;
         return insights(server)->ListAttentionItems(context, request,
                                                     &response);
       }},
      {"InsightService.GetLoyaltyInsights", v1::SCOPE_INSIGHTS_READ,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::GetLoyaltyInsightsRequest request;
         request.set_scope(hotel);
         *request.mutable_interval() = interval();
         v1::LoyaltyInsights response;
         return insights(server)->GetLoyaltyInsights(context, request,
                                                     &response);
       }},
  };
}

std::vector<RpcCase> AllRpcs() {
  auto hotel = [](TestServer& server) {
    return v1::HotelService::NewStub(server.channel());
  };
  auto admin = [](TestServer& server) {
    return v1::AdminService::NewStub(server.channel());
  };
  auto loyalty = [](TestServer& server) {
    return v1::LoyaltyService::NewStub(server.channel());
  };
  const std::string guest = "organizations/default/guests/someone";
  auto email = [] {
    v1::Identity identity;
    identity.set_kind(v1::IDENTITY_KIND_EMAIL);
    identity.set_value("ana@example.com");
    return identity;
  };
  std::vector<RpcCase> cases = {
      {"HotelService.CreateHotel", v1::SCOPE_ADMIN,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::CreateHotelRequest request;
         request.set_parent("organizations/default");
         request.set_hotel_id("porto");
         request.mutable_hotel()->set_display_name("Porto");
         request.mutable_hotel()->set_time_zone("Europe/Lisbon");
         v1::Hotel response;
         return hotel(server)->CreateHotel(context, request, &response);
       }},
      {"HotelService.GetHotel", std::nullopt,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::GetHotelRequest request;
         request.set_name("organizations/default/hotels/lisbon");
         v1::Hotel response;
         return hotel(server)->GetHotel(context, request, &response);
       }},
      {"HotelService.ListHotels", std::nullopt,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::ListHotelsRequest request;
         request.set_parent("organizations/default");
         v1::ListHotelsResponse response;
         return hotel(server)->ListHotels(context, request, &response);
       }},
      {"HotelService.UpdateHotel", v1::SCOPE_ADMIN,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::UpdateHotelRequest request;
         request.mutable_hotel()->set_name(
             "organizations/default/hotels/lisbon");
         request.mutable_hotel()->set_display_name("Renamed");
         v1::Hotel response;
         return hotel(server)->UpdateHotel(context, request, &response);
       }},
      {"HotelService.DeleteHotel", v1::SCOPE_ADMIN,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::DeleteHotelRequest request;
         request.set_name("organizations/default/hotels/lisbon");
         google::protobuf::Empty response;
         return hotel(server)->DeleteHotel(context, request, &response);
       }},
      {"AdminService.CreateOrganization", v1::SCOPE_PLATFORM_ADMIN,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::CreateOrganizationRequest request;
         request.set_organization_id("newco");
         request.mutable_organization()->set_display_name("NewCo");
         v1::Organization response;
         return admin(server)->CreateOrganization(context, request, &response);
       }},
      {"AdminService.GetOrganization", std::nullopt,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::GetOrganizationRequest request;
         request.set_name("organizations/default");
         v1::Organization response;
         return admin(server)->GetOrganization(context, request, &response);
       }},
      {"AdminService.ListOrganizations", v1::SCOPE_PLATFORM_ADMIN,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::ListOrganizationsRequest request;
         v1::ListOrganizationsResponse response;
         return admin(server)->ListOrganizations(context, request, &response);
       }},
      {"AdminService.CreateApiKey", v1::SCOPE_ADMIN,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::CreateApiKeyRequest request;
         request.set_parent("organizations/default");
         request.mutable_api_key()->set_display_name("k");
         request.mutable_api_key()->add_scopes(v1::SCOPE_FEEDBACK_READ);
         v1::ApiKey response;
         return admin(server)->CreateApiKey(context, request, &response);
       }},
      {"AdminService.ListApiKeys", v1::SCOPE_ADMIN,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::ListApiKeysRequest request;
         request.set_parent("organizations/default");
         v1::ListApiKeysResponse response;
         return admin(server)->ListApiKeys(context, request, &response);
       }},
      {"AdminService.GetApiKey", v1::SCOPE_ADMIN,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::GetApiKeyRequest request;
         request.set_name("organizations/default/apiKeys/somekey");
         v1::ApiKey response;
         return admin(server)->GetApiKey(context, request, &response);
       }},
      {"AdminService.RevokeApiKey", v1::SCOPE_ADMIN,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::RevokeApiKeyRequest request;
         request.set_name("organizations/default/apiKeys/somekey");
         v1::ApiKey response;
         return admin(server)->RevokeApiKey(context, request, &response);
       }},
      {"LoyaltyService.CreateGuest", v1::SCOPE_LOYALTY_WRITE,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::CreateGuestRequest request;
         request.set_parent("organizations/default");
         request.mutable_guest();
         *request.add_identities() = email();
         v1::Guest response;
         return loyalty(server)->CreateGuest(context, request, &response);
       }},
      {"LoyaltyService.GetGuest", v1::SCOPE_LOYALTY_READ,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::GetGuestRequest request;
         request.set_name(guest);
         v1::Guest response;
         return loyalty(server)->GetGuest(context, request, &response);
       }},
      {"LoyaltyService.LookupGuest", v1::SCOPE_LOYALTY_READ,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::LookupGuestRequest request;
         request.set_parent("organizations/default");
         *request.mutable_identity() = email();
         v1::Guest response;
         return loyalty(server)->LookupGuest(context, request, &response);
       }},
      {"LoyaltyService.ListGuests", v1::SCOPE_LOYALTY_READ,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::ListGuestsRequest request;
         request.set_parent("organizations/default");
         v1::ListGuestsResponse response;
         return loyalty(server)->ListGuests(context, request, &response);
       }},
      {"LoyaltyService.LinkIdentity", v1::SCOPE_LOYALTY_WRITE,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::LinkIdentityRequest request;
         request.set_guest(guest);
         *request.mutable_identity() = email();
         v1::Guest response;
         return loyalty(server)->LinkIdentity(context, request, &response);
       }},
      {"LoyaltyService.UnlinkIdentity", v1::SCOPE_LOYALTY_WRITE,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::UnlinkIdentityRequest request;
         request.set_guest(guest);
         *request.mutable_identity() = email();
         v1::Guest response;
         return loyalty(server)->UnlinkIdentity(context, request, &response);
       }},
      {"LoyaltyService.MergeGuests", v1::SCOPE_LOYALTY_WRITE,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::MergeGuestsRequest request;
         request.set_survivor(guest);
         request.set_merged("organizations/default/guests/another");
         v1::Guest response;
         return loyalty(server)->MergeGuests(context, request, &response);
       }},
      {"LoyaltyService.EraseGuest", v1::SCOPE_LOYALTY_WRITE,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::EraseGuestRequest request;
         request.set_name(guest);
         google::protobuf::Empty response;
         return loyalty(server)->EraseGuest(context, request, &response);
       }},
      {"LoyaltyService.ExportGuest", v1::SCOPE_LOYALTY_READ,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::ExportGuestRequest request;
         request.set_name(guest);
         v1::ExportGuestResponse response;
         return loyalty(server)->ExportGuest(context, request, &response);
       }},
      {"LoyaltyService.RecordStay", v1::SCOPE_LOYALTY_WRITE,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::RecordStayRequest request;
         request.set_parent(guest);
         request.mutable_stay()->set_hotel(
             "organizations/default/hotels/lisbon");
         request.mutable_stay()->mutable_arrival_date()->set_year(2026);
         request.mutable_stay()->mutable_arrival_date()->set_month(1);
         request.mutable_stay()->mutable_arrival_date()->set_day(2);
         request.mutable_stay()->set_nights(2);
         request.mutable_stay()->set_booking_reference("BK-1");
         v1::Stay response;
         return loyalty(server)->RecordStay(context, request, &response);
       }},
      {"LoyaltyService.UpdateStay", v1::SCOPE_LOYALTY_WRITE,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::UpdateStayRequest request;
         request.mutable_stay()->set_name(guest + "/stays/somestay");
         request.mutable_stay()->set_nights(2);
         v1::Stay response;
         return loyalty(server)->UpdateStay(context, request, &response);
       }},
      {"LoyaltyService.CancelStay", v1::SCOPE_LOYALTY_WRITE,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::CancelStayRequest request;
         request.set_name(guest + "/stays/somestay");
         v1::Stay response;
         return loyalty(server)->CancelStay(context, request, &response);
       }},
      {"LoyaltyService.ListStays", v1::SCOPE_LOYALTY_READ,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::ListStaysRequest request;
         request.set_parent(guest);
         v1::ListStaysResponse response;
         return loyalty(server)->ListStays(context, request, &response);
       }},
      {"LoyaltyService.RecordCheckIn", v1::SCOPE_LOYALTY_WRITE,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::RecordCheckInRequest request;
         request.set_parent(guest);
         request.mutable_check_in()->set_hotel(
             "organizations/default/hotels/lisbon");
         request.mutable_check_in()->set_source(v1::SOURCE_FOURSQUARE);
         request.mutable_check_in()->set_external_id("4sq-1");
         request.mutable_check_in()->mutable_check_in_time()->set_seconds(
             1700000000);
         v1::CheckIn response;
         return loyalty(server)->RecordCheckIn(context, request, &response);
       }},
      {"LoyaltyService.ListCheckIns", v1::SCOPE_LOYALTY_READ,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::ListCheckInsRequest request;
         request.set_parent(guest);
         v1::ListCheckInsResponse response;
         return loyalty(server)->ListCheckIns(context, request, &response);
       }},
      {"LoyaltyService.GetLoyaltyProgram", v1::SCOPE_LOYALTY_READ,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::GetLoyaltyProgramRequest request;
         request.set_name("organizations/default/loyaltyProgram");
         v1::LoyaltyProgram response;
         return loyalty(server)->GetLoyaltyProgram(context, request, &response);
       }},
      {"LoyaltyService.UpdateLoyaltyProgram", v1::SCOPE_ADMIN,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::UpdateLoyaltyProgramRequest request;
         request.mutable_loyalty_program()->set_name(
             "organizations/default/loyaltyProgram");
         request.mutable_loyalty_program()->set_points_per_night(5);
         v1::LoyaltyProgram response;
         return loyalty(server)->UpdateLoyaltyProgram(context, request,
                                                      &response);
       }},
      {"LoyaltyService.GetLoyaltyStatus", v1::SCOPE_LOYALTY_READ,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::GetLoyaltyStatusRequest request;
         request.set_guest(guest);
         v1::LoyaltyStatus response;
         return loyalty(server)->GetLoyaltyStatus(context, request, &response);
       }},
      {"LoyaltyService.SetManualTier", v1::SCOPE_LOYALTY_WRITE,
       [=](TestServer& server, grpc::ClientContext* context) {
         v1::SetManualTierRequest request;
         request.set_guest(guest);
         request.set_tier("gold");
         v1::LoyaltyStatus response;
         return loyalty(server)->SetManualTier(context, request, &response);
       }},
  };
  for (RpcCase& rpc : FeedbackRpcs()) cases.push_back(std::move(rpc));
  for (RpcCase& rpc : InsightRpcs()) cases.push_back(std::move(rpc));
  return cases;
}

class AuthTest : public ::testing::TestWithParam<RpcCase> {
 protected:
  void SetUp() override {
    v1::CreateHotelRequest request;
    request.set_parent("organizations/default");
    request.set_hotel_id("lisbon");
    request.mutable_hotel()->set_display_name("Lisbon");
    request.mutable_hotel()->set_time_zone("Europe/Lisbon");
    v1::Hotel hotel;
    ASSERT_TRUE(
        v1::HotelService::NewStub(server_.channel())
            ->CreateHotel(TestServer::Context(server_.admin_key()).get(),
                          request, &hotel)
            .ok());
  }

  grpc::Status CallWith(const std::string& key) {
    return GetParam().call(server_, TestServer::Context(key).get());
  }

  TestServer server_;
};

TEST_P(AuthTest, NoKeyIsUnauthenticated) {
  EXPECT_THAT(CallWith(""), GrpcErrorIs(grpc::StatusCode::UNAUTHENTICATED,
                                        "API_KEY_MISSING"));
}

TEST_P(AuthTest, UnknownKeyIsUnauthenticated) {
  EXPECT_THAT(
      CallWith("gv_not-a-real-key"),
      GrpcErrorIs(grpc::StatusCode::UNAUTHENTICATED, "API_KEY_INVALID"));
}

TEST_P(AuthTest, MalformedAuthorizationIsUnauthenticated) {
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Basic dXNlcjpwYXNz");
  EXPECT_THAT(
      GetParam().call(server_, &context),
      GrpcErrorIs(grpc::StatusCode::UNAUTHENTICATED, "API_KEY_MISSING"));
}

TEST_P(AuthTest, TwoAuthorizationEntriesAreUnauthenticated) {
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + server_.admin_key());
  context.AddMetadata("authorization", "Bearer gv_not-a-real-key");
  EXPECT_THAT(
      GetParam().call(server_, &context),
      GrpcErrorIs(grpc::StatusCode::UNAUTHENTICATED, "API_KEY_MISSING"));
}

TEST_P(AuthTest, KeyWithoutTheScopeIsPermissionDenied) {
  if (!GetParam().scope.has_value()) {
    // Any key of the organization may call it: a key with the fewest rights
    // must get through.
    const std::string key =
        server_.CreateKey("default", {v1::SCOPE_FEEDBACK_READ});
    EXPECT_TRUE(CallWith(key).ok());
    return;
  }
  const std::string key =
      server_.CreateKey("default", AllScopesBut(GetParam().scope));
  EXPECT_THAT(CallWith(key), GrpcErrorIs(grpc::StatusCode::PERMISSION_DENIED,
                                         "SCOPE_MISSING"));
}

TEST_P(AuthTest, AnotherOrganizationSeesNothing) {
  const std::string other_key =
      server_.CreateOrganizationWithKey("other", AllScopesBut(std::nullopt));
  const grpc::Status status = CallWith(other_key);
  if (GetParam().scope == v1::SCOPE_PLATFORM_ADMIN) {
    EXPECT_THAT(status, GrpcErrorIs(grpc::StatusCode::PERMISSION_DENIED,
                                    "SCOPE_MISSING"));
  } else {
    EXPECT_THAT(status,
                GrpcErrorIs(grpc::StatusCode::NOT_FOUND, "RESOURCE_NOT_FOUND"));
  }
}

INSTANTIATE_TEST_SUITE_P(EveryRpc, AuthTest, ::testing::ValuesIn(AllRpcs()),
                         [](const ::testing::TestParamInfo<RpcCase>& info) {
                           std::string name = info.param.name;
                           name.erase(
                               std::remove(name.begin(), name.end(), '.'),
                               name.end());
                           return name;
                         });

}  // namespace
}  // namespace guestvoice
