// --page_token_secret_file: servers given the same secret accept each other's
// page tokens, as the nodes of a cluster must; any other server refuses them
// as it refuses a token it did not issue.

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "service/api/server.h"
#include "tests/testing/grpc_matchers.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/test_server.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::GrpcErrorIs;
using ::guestvoice::testing::StatusIs;
using ::guestvoice::testing::TempDir;
using ::guestvoice::testing::TestServer;
using ::testing::HasSubstr;

// A server with hotels h0..h3 in organization "default".
class Node {
 public:
  explicit Node(const std::string& page_token_secret_file)
      : server_(TestServer::Options{.page_token_secret_file =
                                        page_token_secret_file}),
        stub_(v1::HotelService::NewStub(server_.channel())) {
    for (int i = 0; i < 4; ++i) {
      v1::CreateHotelRequest request;
      request.set_parent("organizations/default");
      request.set_hotel_id("h" + std::to_string(i));
      request.mutable_hotel()->set_display_name("Hotel " + std::to_string(i));
      request.mutable_hotel()->set_time_zone("Europe/Lisbon");
      v1::Hotel hotel;
      EXPECT_TRUE(
          stub_
              ->CreateHotel(TestServer::Context(server_.admin_key()).get(),
                            request, &hotel)
              .ok());
    }
  }

  grpc::Status ListHotels(const std::string& page_token,
                          v1::ListHotelsResponse* response) {
    v1::ListHotelsRequest request;
    request.set_parent("organizations/default");
    request.set_page_size(2);
    request.set_page_token(page_token);
    return stub_->ListHotels(TestServer::Context(server_.admin_key()).get(),
                             request, response);
  }

 private:
  TestServer server_;
  std::unique_ptr<v1::HotelService::Stub> stub_;
};

class PageTokenSecretTest : public ::testing::Test {
 protected:
  std::string SecretFile(const std::string& name, const std::string& text) {
    const std::string path = dir_.Child(name);
    std::ofstream(path) << text;
    return path;
  }

  TempDir dir_;
};

TEST_F(PageTokenSecretTest,
       ATokenFromOneServerIsAcceptedByAnotherWithTheSameSecret) {
  const std::string shared =
      SecretFile("shared", "tdQ3bq0PZ2Ue9mJ3hY5xk1Vh7nC2sW8rL4aF6gE0jKo=\n");
  Node first(shared);
  Node second(shared);
  Node own_secret("");
  Node other_secret(
      SecretFile("other", "9Xo2Lr7cQm4Vt1Ws8Zb3Ny6Kd0Ph5Jf2Ga7Ue4Ri1Tl=\n"));

  v1::ListHotelsResponse page;
  ASSERT_TRUE(first.ListHotels("", &page).ok());
  const std::string token = page.next_page_token();
  ASSERT_FALSE(token.empty());

  v1::ListHotelsResponse next;
  ASSERT_TRUE(second.ListHotels(token, &next).ok());
  ASSERT_EQ(next.hotels_size(), 2);
  EXPECT_EQ(next.hotels(0).name(), "organizations/default/hotels/h2");
  EXPECT_EQ(next.hotels(1).name(), "organizations/default/hotels/h3");

  EXPECT_THAT(
      own_secret.ListHotels(token, &next),
      GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "PAGE_TOKEN_INVALID"));
  EXPECT_THAT(
      other_secret.ListHotels(token, &next),
      GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "PAGE_TOKEN_INVALID"));
}

TEST_F(PageTokenSecretTest, AShortOrUnreadableSecretFileRefusesTheStart) {
  const std::string data_dir = dir_.Child("data");
  const std::string short_file = SecretFile("short", "too short\n");
  EXPECT_THAT(service::Server::Start({.listen = "127.0.0.1:0",
                                      .data_dir = data_dir,
                                      .page_token_secret_file = short_file}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("holds 9 bytes, needs at least 32")));
  EXPECT_THAT(
      service::Server::Start({.listen = "127.0.0.1:0",
                              .data_dir = data_dir,
                              .page_token_secret_file = dir_.Child("missing")}),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("cannot be read")));
  // Refused before the store was opened: the data dir was never made.
  EXPECT_FALSE(std::filesystem::exists(data_dir));
}

}  // namespace
}  // namespace guestvoice
