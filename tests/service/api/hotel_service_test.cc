// HotelService end to end: a real server on 127.0.0.1:0, generated stubs.

#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "tests/testing/grpc_matchers.h"
#include "tests/testing/test_server.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::ErrorReason;
using ::guestvoice::testing::GrpcCodeIs;
using ::guestvoice::testing::GrpcErrorIs;
using ::guestvoice::testing::TestServer;
using ::guestvoice::testing::ViolatedFields;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

class HotelServiceTest : public ::testing::Test {
 protected:
  HotelServiceTest() : stub_(v1::HotelService::NewStub(server_.channel())) {}

  v1::CreateHotelRequest CreateRequest(const std::string& hotel_id) {
    v1::CreateHotelRequest request;
    request.set_parent("organizations/default");
    request.set_hotel_id(hotel_id);
    request.mutable_hotel()->set_display_name("Riverside " + hotel_id);
    request.mutable_hotel()->set_time_zone("Europe/Lisbon");
    request.mutable_hotel()->set_region_code("PT");
    request.mutable_hotel()->set_locality("Lisbon");
    return request;
  }

  grpc::Status Create(const v1::CreateHotelRequest& request,
                      v1::Hotel* hotel = nullptr) {
    v1::Hotel ignored;
    return stub_->CreateHotel(TestServer::Context(server_.admin_key()).get(),
                              request, hotel != nullptr ? hotel : &ignored);
  }

  grpc::Status Get(const std::string& name, v1::Hotel* hotel) {
    v1::GetHotelRequest request;
    request.set_name(name);
    return stub_->GetHotel(TestServer::Context(server_.admin_key()).get(),
                           request, hotel);
  }

  grpc::Status List(int page_size, const std::string& token,
                    v1::ListHotelsResponse* response) {
    v1::ListHotelsRequest request;
    request.set_parent("organizations/default");
    request.set_page_size(page_size);
    request.set_page_token(token);
    return stub_->ListHotels(TestServer::Context(server_.admin_key()).get(),
                             request, response);
  }

  TestServer server_;
  std::unique_ptr<v1::HotelService::Stub> stub_;
};

TEST_F(HotelServiceTest, CreateThenGetReturnsTheStoredHotel) {
  v1::Hotel created;
  ASSERT_TRUE(Create(CreateRequest("lisbon"), &created).ok());
  EXPECT_EQ(created.name(), "organizations/default/hotels/lisbon");
  EXPECT_EQ(created.time_zone(), "Europe/Lisbon");
  EXPECT_EQ(created.create_time().seconds(),
            absl::ToUnixSeconds(server_.clock().Now()));

  v1::Hotel fetched;
  ASSERT_TRUE(Get(created.name(), &fetched).ok());
  EXPECT_EQ(fetched.SerializeAsString(), created.SerializeAsString());
}

TEST_F(HotelServiceTest, GeneratesAnIdWhenNoneIsGiven) {
  v1::Hotel created;
  ASSERT_TRUE(Create(CreateRequest(""), &created).ok());
  EXPECT_THAT(created.name(),
              ::testing::MatchesRegex(
                  "organizations/default/hotels/[a-z][a-z0-9]{19}"));
}

TEST_F(HotelServiceTest, DuplicateIdIsAlreadyExists) {
  ASSERT_TRUE(Create(CreateRequest("porto")).ok());
  EXPECT_THAT(
      Create(CreateRequest("porto")),
      GrpcErrorIs(grpc::StatusCode::ALREADY_EXISTS, "RESOURCE_ALREADY_EXISTS"));
}

TEST_F(HotelServiceTest, RetryWithRequestIdReturnsTheFirstResult) {
  v1::CreateHotelRequest request = CreateRequest("");
  request.set_request_id("5b0f3c2e-8d0e-4c61-a0a4-7c2b0b1d9f00");
  v1::Hotel first;
  v1::Hotel second;
  ASSERT_TRUE(Create(request, &first).ok());
  server_.clock().Advance(absl::Minutes(1));
  ASSERT_TRUE(Create(request, &second).ok());
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());

  v1::ListHotelsResponse listed;
  ASSERT_TRUE(List(0, "", &listed).ok());
  EXPECT_EQ(listed.hotels_size(), 1) << "a retry must not create a hotel";
}

TEST_F(HotelServiceTest, RequestIdReusedForAnotherRequestIsRejected) {
  v1::CreateHotelRequest request = CreateRequest("faro");
  request.set_request_id("req-1");
  ASSERT_TRUE(Create(request).ok());
  v1::CreateHotelRequest other = CreateRequest("braga");
  other.set_request_id("req-1");
  EXPECT_THAT(Create(other), GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT,
                                         "REQUEST_ID_REUSED"));
  v1::Hotel hotel;
  EXPECT_THAT(Get("organizations/default/hotels/braga", &hotel),
              GrpcCodeIs(grpc::StatusCode::NOT_FOUND));
}

TEST_F(HotelServiceTest, InvalidFieldsAreAllReportedAndNothingIsStored) {
  v1::CreateHotelRequest request = CreateRequest("Bad_Id");
  request.mutable_hotel()->set_display_name("");
  request.mutable_hotel()->set_time_zone("Mars/Olympus");
  request.mutable_hotel()->set_region_code("portugal");
  const grpc::Status status = Create(request);
  EXPECT_THAT(status,
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  EXPECT_THAT(ViolatedFields(status),
              UnorderedElementsAre("hotel_id", "hotel.display_name",
                                   "hotel.time_zone", "hotel.region_code"));
  v1::ListHotelsResponse listed;
  ASSERT_TRUE(List(0, "", &listed).ok());
  EXPECT_THAT(listed.hotels(), IsEmpty());
}

TEST_F(HotelServiceTest, MalformedNamesAreInvalidArgument) {
  v1::Hotel hotel;
  for (const std::string& name : std::vector<std::string>{
           "", "hotels/x", "organizations/default/hotels/",
           "organizations/default/hotels/X", std::string(1000, 'a')}) {
    const grpc::Status status = Get(name, &hotel);
    EXPECT_THAT(status, GrpcCodeIs(grpc::StatusCode::INVALID_ARGUMENT)) << name;
    EXPECT_THAT(ViolatedFields(status), Contains("name"));
  }
}

TEST_F(HotelServiceTest, UnknownHotelIsNotFound) {
  v1::Hotel hotel;
  const grpc::Status status =
      Get("organizations/default/hotels/nowhere", &hotel);
  EXPECT_THAT(status,
              GrpcErrorIs(grpc::StatusCode::NOT_FOUND, "RESOURCE_NOT_FOUND"));
}

TEST_F(HotelServiceTest, ListPagesThroughEveryHotelOnce) {
  std::set<std::string> created;
  for (int i = 0; i < 7; ++i) {
    v1::Hotel hotel;
    ASSERT_TRUE(Create(CreateRequest("h" + std::to_string(i)), &hotel).ok());
    created.insert(hotel.name());
  }
  std::set<std::string> listed;
  std::string token;
  int pages = 0;
  do {
    v1::ListHotelsResponse response;
    ASSERT_TRUE(List(3, token, &response).ok());
    for (const auto& hotel : response.hotels()) {
      EXPECT_TRUE(listed.insert(hotel.name()).second) << "listed twice";
    }
    token = response.next_page_token();
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(listed, created);
}

TEST_F(HotelServiceTest, BadPageTokenAndNegativePageSizeAreRejected) {
  v1::ListHotelsResponse response;
  EXPECT_THAT(
      List(2, "garbage", &response),
      GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "PAGE_TOKEN_INVALID"));
  EXPECT_THAT(List(-1, "", &response),
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
}

// Tokens are signed with the store's secret: one changed character is
// refused, and a token outlives a restart of the server.
TEST_F(HotelServiceTest, PageTokensAreSignedAndSurviveARestart) {
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(Create(CreateRequest("h" + std::to_string(i))).ok());
  }
  v1::ListHotelsResponse first;
  ASSERT_TRUE(List(2, "", &first).ok());
  const std::string token = first.next_page_token();
  ASSERT_FALSE(token.empty());

  std::string changed = token;
  changed[changed.size() / 2] = changed[changed.size() / 2] == 'A' ? 'B' : 'A';
  v1::ListHotelsResponse refused;
  EXPECT_THAT(
      List(2, changed, &refused),
      GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "PAGE_TOKEN_INVALID"));

  server_.Restart();
  stub_ = v1::HotelService::NewStub(server_.channel());
  v1::ListHotelsResponse second;
  ASSERT_TRUE(List(2, token, &second).ok());
  ASSERT_EQ(second.hotels_size(), 2);
  EXPECT_EQ(second.hotels(0).name(), "organizations/default/hotels/h2");
}

TEST_F(HotelServiceTest, UpdateChangesOnlyMaskedFields) {
  ASSERT_TRUE(Create(CreateRequest("cascais")).ok());
  server_.clock().Advance(absl::Hours(1));
  v1::UpdateHotelRequest request;
  request.mutable_hotel()->set_name("organizations/default/hotels/cascais");
  request.mutable_hotel()->set_display_name("Cascais Bay");
  request.mutable_hotel()->set_time_zone("Atlantic/Azores");
  request.mutable_update_mask()->add_paths("display_name");
  v1::Hotel updated;
  ASSERT_TRUE(stub_
                  ->UpdateHotel(TestServer::Context(server_.admin_key()).get(),
                                request, &updated)
                  .ok());
  EXPECT_EQ(updated.display_name(), "Cascais Bay");
  EXPECT_EQ(updated.time_zone(), "Europe/Lisbon");
  EXPECT_GT(updated.update_time().seconds(), updated.create_time().seconds());

  v1::Hotel fetched;
  ASSERT_TRUE(Get(updated.name(), &fetched).ok());
  EXPECT_EQ(fetched.display_name(), "Cascais Bay");
}

TEST_F(HotelServiceTest, UpdateWithEmptyMaskChangesTheFieldsThatAreSet) {
  ASSERT_TRUE(Create(CreateRequest("sintra")).ok());
  v1::UpdateHotelRequest request;
  request.mutable_hotel()->set_name("organizations/default/hotels/sintra");
  request.mutable_hotel()->set_time_zone("Europe/Madrid");
  v1::Hotel updated;
  ASSERT_TRUE(stub_
                  ->UpdateHotel(TestServer::Context(server_.admin_key()).get(),
                                request, &updated)
                  .ok());
  EXPECT_EQ(updated.time_zone(), "Europe/Madrid");
  EXPECT_EQ(updated.display_name(), "Riverside sintra");
}

TEST_F(HotelServiceTest, UpdateThatChangesNothingIsRefused) {
  ASSERT_TRUE(Create(CreateRequest("faro")).ok());
  v1::UpdateHotelRequest request;
  request.mutable_hotel()->set_name("organizations/default/hotels/faro");
  v1::Hotel updated;
  const grpc::Status status = stub_->UpdateHotel(
      TestServer::Context(server_.admin_key()).get(), request, &updated);
  EXPECT_THAT(status,
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  EXPECT_THAT(ViolatedFields(status), ElementsAre("update_mask"));
}

TEST_F(HotelServiceTest, UpdateRejectsUnknownPathsAndInvalidValuesUnchanged) {
  ASSERT_TRUE(Create(CreateRequest("evora")).ok());
  v1::UpdateHotelRequest request;
  request.mutable_hotel()->set_name("organizations/default/hotels/evora");
  request.mutable_hotel()->set_time_zone("Nowhere/Land");
  request.mutable_update_mask()->add_paths("time_zone");
  v1::Hotel updated;
  grpc::Status status = stub_->UpdateHotel(
      TestServer::Context(server_.admin_key()).get(), request, &updated);
  EXPECT_THAT(ViolatedFields(status), Contains("hotel.time_zone"));

  request.mutable_update_mask()->set_paths(0, "create_time");
  status = stub_->UpdateHotel(TestServer::Context(server_.admin_key()).get(),
                              request, &updated);
  EXPECT_THAT(ViolatedFields(status), Contains("update_mask"));

  v1::Hotel fetched;
  ASSERT_TRUE(Get("organizations/default/hotels/evora", &fetched).ok());
  EXPECT_EQ(fetched.time_zone(), "Europe/Lisbon");
}

TEST_F(HotelServiceTest, DeleteRemovesTheHotel) {
  ASSERT_TRUE(Create(CreateRequest("tavira")).ok());
  v1::DeleteHotelRequest request;
  request.set_name("organizations/default/hotels/tavira");
  google::protobuf::Empty empty;
  ASSERT_TRUE(stub_
                  ->DeleteHotel(TestServer::Context(server_.admin_key()).get(),
                                request, &empty)
                  .ok());
  v1::Hotel hotel;
  EXPECT_THAT(Get(request.name(), &hotel),
              GrpcCodeIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_THAT(stub_->DeleteHotel(TestServer::Context(server_.admin_key()).get(),
                                 request, &empty),
              GrpcCodeIs(grpc::StatusCode::NOT_FOUND));
}

TEST_F(HotelServiceTest, HotelsSurviveARestart) {
  v1::Hotel created;
  ASSERT_TRUE(Create(CreateRequest("lagos"), &created).ok());
  server_.Restart();
  stub_ = v1::HotelService::NewStub(server_.channel());
  v1::Hotel fetched;
  ASSERT_TRUE(Get(created.name(), &fetched).ok());
  EXPECT_EQ(fetched.display_name(), created.display_name());
}

TEST_F(HotelServiceTest, OversizedMessagesAreRejected) {
  v1::CreateHotelRequest request = CreateRequest("huge");
  request.mutable_hotel()->set_locality(std::string(5 << 20, 'a'));
  EXPECT_THAT(Create(request),
              GrpcCodeIs(grpc::StatusCode::RESOURCE_EXHAUSTED));
}

}  // namespace
}  // namespace guestvoice
