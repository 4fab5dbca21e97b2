// Forwarding (docs/cluster.md, "Forwarding"): a server whose router sends an
// organization's calls to another node forwards them there as they came and
// answers what that node answers; the platform's own calls, calls forwarded
// once already, and organizations it answers for stay with it. Two embedded
// servers stand in for two nodes: which one answered shows in whose keys and
// state the answer reflects.

#include <arpa/inet.h>
#include <grpcpp/grpcpp.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.grpc.pb.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "service/cluster/call_router.h"
#include "tests/testing/grpc_matchers.h"
#include "tests/testing/test_server.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::GrpcCodeIs;
using ::guestvoice::testing::GrpcErrorIs;
using ::guestvoice::testing::RetryDelayMillis;
using ::guestvoice::testing::TestServer;
using ::testing::HasSubstr;

// Sends each organization in `routes` to its address; answers the rest.
class FakeRouter final : public service::cluster::CallRouter {
 public:
  std::map<std::string, std::string, std::less<>> routes;

  bool AnswersEverything() const override { return routes.empty(); }
  std::optional<std::string> ForwardAddress(
      std::string_view organization) const override {
    auto route = routes.find(organization);
    if (route == routes.end()) return std::nullopt;
    return route->second;
  }
};

// A loopback port that takes connections (the kernel's backlog does) and
// never says a word: a node that hangs.
class SilentPort {
 public:
  SilentPort() {
    socket_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    EXPECT_EQ(
        ::bind(socket_, reinterpret_cast<sockaddr*>(&address), sizeof(address)),
        0);
    EXPECT_EQ(::listen(socket_, 16), 0);
    EXPECT_EQ(
        ::getsockname(socket_, reinterpret_cast<sockaddr*>(&address), &length),
        0);
    port_ = ntohs(address.sin_port);
  }
  ~SilentPort() { ::close(socket_); }

  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }

 private:
  int socket_ = -1;
  int port_ = 0;
};

std::string AddressOf(TestServer& server) {
  return absl::StrCat("127.0.0.1:", server.server().port());
}

v1::CreateHotelRequest CreateHotelRequest(const std::string& hotel_id) {
  v1::CreateHotelRequest request;
  request.set_parent("organizations/default");
  request.set_hotel_id(hotel_id);
  request.mutable_hotel()->set_display_name("Riverside");
  request.mutable_hotel()->set_time_zone("Europe/Lisbon");
  request.mutable_hotel()->set_region_code("PT");
  return request;
}

class CallForwardingTest : public ::testing::Test {
 protected:
  grpc::Status CreateHotel(TestServer& server, const std::string& key,
                           const std::string& hotel_id) {
    v1::Hotel hotel;
    return v1::HotelService::NewStub(server.channel())
        ->CreateHotel(TestServer::Context(key).get(),
                      CreateHotelRequest(hotel_id), &hotel);
  }
  grpc::Status GetHotel(TestServer& server, const std::string& key,
                        const std::string& hotel_id) {
    v1::GetHotelRequest request;
    request.set_name("organizations/default/hotels/" + hotel_id);
    v1::Hotel hotel;
    return v1::HotelService::NewStub(server.channel())
        ->GetHotel(TestServer::Context(key).get(), request, &hotel);
  }

  // The node that answers for "default" once routed there.
  TestServer owner_;
  FakeRouter router_;
  // The node calls are sent to.
  TestServer front_{{.call_router = &router_}};
};

TEST_F(CallForwardingTest, ACallIsAnsweredByTheNodeItsOrganizationIsRoutedTo) {
  router_.routes["default"] = AddressOf(owner_);

  // The owner's key works through the front, whose own store knows it not.
  ASSERT_THAT(CreateHotel(front_, owner_.admin_key(), "porto"), GrpcCodeIs(0));
  EXPECT_THAT(GetHotel(owner_, owner_.admin_key(), "porto"), GrpcCodeIs(0));
  EXPECT_THAT(GetHotel(front_, owner_.admin_key(), "porto"), GrpcCodeIs(0));
  // The front's own key is the owner's to judge, and the owner knows it not.
  EXPECT_THAT(
      GetHotel(front_, front_.admin_key(), "porto"),
      GrpcErrorIs(grpc::StatusCode::UNAUTHENTICATED, "API_KEY_INVALID"));

  // Routed back, the front answers from its own state: no hotel there.
  router_.routes.clear();
  EXPECT_THAT(GetHotel(front_, front_.admin_key(), "porto"),
              GrpcErrorIs(grpc::StatusCode::NOT_FOUND, "RESOURCE_NOT_FOUND"));
}

TEST_F(CallForwardingTest, AnErrorComesBackWithItsDetailsUnchanged) {
  const grpc::Status direct = GetHotel(owner_, owner_.admin_key(), "nowhere");
  ASSERT_THAT(direct,
              GrpcErrorIs(grpc::StatusCode::NOT_FOUND, "RESOURCE_NOT_FOUND"));
  router_.routes["default"] = AddressOf(owner_);

  const grpc::Status forwarded =
      GetHotel(front_, owner_.admin_key(), "nowhere");

  EXPECT_EQ(forwarded.error_code(), direct.error_code());
  EXPECT_EQ(forwarded.error_message(), direct.error_message());
  EXPECT_EQ(forwarded.error_details(), direct.error_details());
}

TEST_F(CallForwardingTest, AnInvalidRequestIsRefusedWhereItArrives) {
  router_.routes["default"] = AddressOf(owner_);
  v1::GetHotelRequest request;
  request.set_name("hotels/porto");
  v1::Hotel hotel;

  // It names no organization to route on; the front refuses it itself.
  EXPECT_THAT(v1::HotelService::NewStub(front_.channel())
                  ->GetHotel(TestServer::Context(front_.admin_key()).get(),
                             request, &hotel),
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
}

TEST_F(CallForwardingTest, TheCallsOfThePlatformAreAnsweredWhereTheyArrive) {
  router_.routes["default"] = AddressOf(owner_);
  auto admin = v1::AdminService::NewStub(front_.channel());

  v1::ListOrganizationsResponse organizations;
  EXPECT_THAT(
      admin->ListOrganizations(TestServer::Context(front_.admin_key()).get(),
                               v1::ListOrganizationsRequest(), &organizations),
      GrpcCodeIs(0));
  v1::ServerInfo info;
  EXPECT_THAT(
      admin->GetServerInfo(TestServer::Context(front_.admin_key()).get(),
                           v1::GetServerInfoRequest(), &info),
      GrpcCodeIs(0));
}

TEST_F(CallForwardingTest, ACallIsForwardedOnceAtMost) {
  // Two nodes whose maps disagree for a moment would pass the call back and
  // forth; here the front routes "default" to itself.
  router_.routes["default"] = AddressOf(front_);

  EXPECT_THAT(CreateHotel(front_, front_.admin_key(), "porto"), GrpcCodeIs(0));
  EXPECT_THAT(GetHotel(front_, front_.admin_key(), "porto"), GrpcCodeIs(0));
}

TEST_F(CallForwardingTest, ANodeThatDoesNotAnswerIsReportedUnavailable) {
  // Nothing listens on port 1 of the loopback.
  router_.routes["default"] = "127.0.0.1:1";

  const grpc::Status status = GetHotel(front_, owner_.admin_key(), "porto");

  EXPECT_THAT(status,
              GrpcErrorIs(grpc::StatusCode::UNAVAILABLE, "UNAVAILABLE"));
  EXPECT_THAT(status.error_message(), HasSubstr("127.0.0.1:1"));
  // Retryable, and said so.
  EXPECT_GT(RetryDelayMillis(status), 0);
}

TEST_F(CallForwardingTest, TheCallersDeadlineEndsACallToANodeThatHangs) {
  SilentPort hanging;
  router_.routes["default"] = hanging.address();
  v1::GetHotelRequest request;
  request.set_name("organizations/default/hotels/porto");
  v1::Hotel hotel;
  std::unique_ptr<grpc::ClientContext> context =
      TestServer::Context(owner_.admin_key());
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::milliseconds(300));

  EXPECT_THAT(v1::HotelService::NewStub(front_.channel())
                  ->GetHotel(context.get(), request, &hotel),
              GrpcCodeIs(grpc::StatusCode::DEADLINE_EXCEEDED));
  // The front lets go of the call: it shuts down without waiting on it.
  EXPECT_TRUE(front_.server().Shutdown(absl::Seconds(5)).ok());
}

}  // namespace
}  // namespace guestvoice
