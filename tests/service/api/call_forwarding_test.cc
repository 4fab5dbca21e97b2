// Forwarding (docs/cluster.md, "Forwarding"): a server whose router sends an
// organization's calls to another node forwards them there as they came and
// answers what that node answers; the platform's own calls, calls forwarded
// once already, and organizations it answers for stay with it. Two embedded
// servers stand in for two nodes: which one answered shows in whose keys and
// state the answer reflects.

#include <arpa/inet.h>
#include <grpcpp/grpcpp.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.grpc.pb.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "service/cluster/call_router.h"
#include "service/core/proto_time.h"
#include "tests/testing/grpc_matchers.h"
#include "tests/testing/test_server.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::GrpcCodeIs;
using ::guestvoice::testing::GrpcErrorIs;
using ::guestvoice::testing::RetryDelayMillis;
using ::guestvoice::testing::TestServer;
using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

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

  // Opens a watch of organization "default" through `server` with `key`.
  std::unique_ptr<grpc::ClientReader<v1::WatchFeedbackResponse>> Watch(
      TestServer& server, grpc::ClientContext* context) {
    v1::WatchFeedbackRequest request;
    request.set_parent("organizations/default");
    return v1::FeedbackService::NewStub(server.channel())
        ->WatchFeedback(context, request);
  }

  // An item about hotel "porto" of organization "default".
  static v1::Feedback Item(TestServer& server, const std::string& external_id) {
    v1::Feedback feedback;
    feedback.set_hotel("organizations/default/hotels/porto");
    feedback.set_source(v1::SOURCE_TWITTER);
    feedback.set_external_id(external_id);
    feedback.mutable_author()->set_handle("@" + external_id);
    feedback.set_text("The breakfast was wonderful.");
    *feedback.mutable_post_time() =
        service::ToProtoTimestamp(server.clock().Now() - absl::Hours(1));
    return feedback;
  }

  grpc::Status Ingest(TestServer& server, const std::string& external_id) {
    v1::IngestFeedbackRequest request;
    request.set_parent("organizations/default");
    *request.mutable_feedback() = Item(server, external_id);
    v1::Feedback stored;
    return v1::FeedbackService::NewStub(server.channel())
        ->IngestFeedback(TestServer::Context(server.admin_key()).get(), request,
                         &stored);
  }

  // Imports the items `external_ids` name, made for `items_of`'s clock,
  // through `server` with `key`.
  grpc::Status Import(TestServer& server, const std::string& key,
                      TestServer& items_of,
                      const std::vector<std::string>& external_ids,
                      v1::ImportFeedbackResponse& response) {
    auto context = TestServer::Context(key);
    auto writer = v1::FeedbackService::NewStub(server.channel())
                      ->ImportFeedback(context.get(), &response);
    for (const std::string& external_id : external_ids) {
      v1::ImportFeedbackRequest request;
      request.set_parent("organizations/default");
      *request.mutable_feedback() = Item(items_of, external_id);
      if (!writer->Write(request)) break;
    }
    writer->WritesDone();
    return writer->Finish();
  }

  // The front's metrics: the samples of `metric` for ImportFeedback.
  std::vector<std::string> ImportSamples(const std::string& metric) {
    httplib::Client client("127.0.0.1", front_.server().metrics_port());
    const httplib::Result result = client.Get("/metrics");
    if (!result) {
      ADD_FAILURE() << "no answer from the metrics endpoint";
      return {};
    }
    std::vector<std::string> samples;
    for (absl::string_view line : absl::StrSplit(result->body, '\n')) {
      if (absl::StartsWith(line, absl::StrCat(metric, "{")) &&
          absl::StrContains(line, "method=\"ImportFeedback\"")) {
        samples.emplace_back(line);
      }
    }
    return samples;
  }

  // A context for a call that only a cancellation ends: its deadline is
  // far beyond the waits below, so the call ending in time shows the
  // cancellation reached it.
  static std::unique_ptr<grpc::ClientContext> LongContext(
      const std::string& key) {
    auto context = TestServer::Context(key);
    context->set_deadline(std::chrono::system_clock::now() +
                          std::chrono::minutes(10));
    return context;
  }

  // Waits (without sleeping a fixed time, for at most 10 s) until
  // `condition` holds.
  template <typename Condition>
  static bool Becomes(Condition condition) {
    const absl::Time deadline = absl::Now() + absl::Seconds(10);
    while (!condition()) {
      if (absl::Now() > deadline) return false;
      std::this_thread::yield();
    }
    return true;
  }

  static bool WatchersBecome(TestServer& server, size_t count) {
    return Becomes([&] {
      return server.server().feedback_watchers().watcher_count() == count;
    });
  }

  // How many items of organization "default" `server` holds (one page).
  static int StoredItems(TestServer& server) {
    v1::ListFeedbackRequest request;
    request.set_parent("organizations/default");
    v1::ListFeedbackResponse response;
    const grpc::Status status =
        v1::FeedbackService::NewStub(server.channel())
            ->ListFeedback(TestServer::Context(server.admin_key()).get(),
                           request, &response);
    return status.ok() ? response.feedback_size() : -1;
  }

  // The node that answers for "default" once routed there; one import
  // stream of an organization at a time.
  TestServer owner_{{.imports = {.max_streams_per_organization = 1}}};
  FakeRouter router_;
  // The node calls are sent to.
  TestServer front_{{.call_router = &router_, .metrics_listen = "127.0.0.1:0"}};
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

TEST_F(CallForwardingTest, AWatchIsServedByTheNodeItsOrganizationIsRoutedTo) {
  ASSERT_THAT(CreateHotel(owner_, owner_.admin_key(), "porto"), GrpcCodeIs(0));
  router_.routes["default"] = AddressOf(owner_);
  // The owner's key: the front's own store knows it not.
  auto context = LongContext(owner_.admin_key());
  auto watch = Watch(front_, context.get());
  // The owner's headers say the watch is registered there.
  watch->WaitForInitialMetadata();
  EXPECT_EQ(owner_.server().feedback_watchers().watcher_count(), 1u);
  EXPECT_EQ(front_.server().feedback_watchers().watcher_count(), 0u);

  ASSERT_THAT(Ingest(owner_, "first"), GrpcCodeIs(0));
  ASSERT_THAT(Ingest(owner_, "second"), GrpcCodeIs(0));
  v1::WatchFeedbackResponse item;
  ASSERT_TRUE(watch->Read(&item));
  EXPECT_EQ(item.feedback().external_id(), "first");
  ASSERT_TRUE(watch->Read(&item));
  EXPECT_EQ(item.feedback().external_id(), "second");

  // The caller's cancellation ends the watch on the owner too.
  context->TryCancel();
  EXPECT_THAT(watch->Finish(), GrpcCodeIs(grpc::StatusCode::CANCELLED));
  EXPECT_TRUE(WatchersBecome(owner_, 0));
}

TEST_F(CallForwardingTest, AWatchTheOwnerRefusesEndsWithItsErrorUnchanged) {
  router_.routes["default"] = AddressOf(owner_);
  // The front's key is the owner's to judge, and the owner knows it not.
  auto direct_context = TestServer::Context(front_.admin_key());
  auto direct = Watch(owner_, direct_context.get());
  v1::WatchFeedbackResponse item;
  EXPECT_FALSE(direct->Read(&item));
  const grpc::Status expected = direct->Finish();
  ASSERT_THAT(expected, GrpcErrorIs(grpc::StatusCode::UNAUTHENTICATED,
                                    "API_KEY_INVALID"));

  auto context = TestServer::Context(front_.admin_key());
  auto watch = Watch(front_, context.get());
  EXPECT_FALSE(watch->Read(&item));
  const grpc::Status forwarded = watch->Finish();

  EXPECT_EQ(forwarded.error_code(), expected.error_code());
  EXPECT_EQ(forwarded.error_message(), expected.error_message());
  EXPECT_EQ(forwarded.error_details(), expected.error_details());
}

TEST_F(CallForwardingTest, AWatchOfANodeThatDoesNotAnswerIsUnavailable) {
  router_.routes["default"] = "127.0.0.1:1";
  auto context = TestServer::Context(owner_.admin_key());
  auto watch = Watch(front_, context.get());

  v1::WatchFeedbackResponse item;
  EXPECT_FALSE(watch->Read(&item));
  const grpc::Status status = watch->Finish();

  EXPECT_THAT(status,
              GrpcErrorIs(grpc::StatusCode::UNAVAILABLE, "UNAVAILABLE"));
  EXPECT_THAT(status.error_message(), HasSubstr("127.0.0.1:1"));
  EXPECT_GT(RetryDelayMillis(status), 0);
}

TEST_F(CallForwardingTest, AWatchIsForwardedOnceAtMost) {
  ASSERT_THAT(CreateHotel(front_, front_.admin_key(), "porto"), GrpcCodeIs(0));
  router_.routes["default"] = AddressOf(front_);
  auto context = TestServer::Context(front_.admin_key());
  auto watch = Watch(front_, context.get());
  watch->WaitForInitialMetadata();

  // Registered on the front (on its second arrival, forwarded by itself).
  EXPECT_EQ(front_.server().feedback_watchers().watcher_count(), 1u);
  ASSERT_THAT(Ingest(front_, "first"), GrpcCodeIs(0));
  v1::WatchFeedbackResponse item;
  ASSERT_TRUE(watch->Read(&item));
  EXPECT_EQ(item.feedback().external_id(), "first");
  context->TryCancel();
  EXPECT_THAT(watch->Finish(), GrpcCodeIs(grpc::StatusCode::CANCELLED));
}

TEST_F(CallForwardingTest, AnImportIsAnsweredByTheNodeItsFirstItemRoutesTo) {
  ASSERT_THAT(CreateHotel(owner_, owner_.admin_key(), "porto"), GrpcCodeIs(0));
  router_.routes["default"] = AddressOf(owner_);

  // The owner's key, which the front's own store knows not.
  v1::ImportFeedbackResponse response;
  ASSERT_THAT(
      Import(front_, owner_.admin_key(), owner_, {"a", "b", "a"}, response),
      GrpcCodeIs(0));

  EXPECT_EQ(response.ingested_count(), 2);
  EXPECT_EQ(response.duplicate_count(), 1);
  ASSERT_EQ(response.results_size(), 3);
  EXPECT_EQ(response.results(2).index(), 2);
  EXPECT_TRUE(response.results(2).duplicate());
  // Stored on the owner: importing them there again finds them.
  v1::ImportFeedbackResponse again;
  ASSERT_THAT(Import(owner_, owner_.admin_key(), owner_, {"a", "b"}, again),
              GrpcCodeIs(0));
  EXPECT_EQ(again.duplicate_count(), 2);
  // The front counts the call once, as forwarded.
  EXPECT_THAT(ImportSamples("guestvoice_forwarded_calls_total"),
              ElementsAre(EndsWith("} 1")));
}

TEST_F(CallForwardingTest, ACancelledImportEndsOnTheOwnerToo) {
  ASSERT_THAT(CreateHotel(owner_, owner_.admin_key(), "porto"), GrpcCodeIs(0));
  router_.routes["default"] = AddressOf(owner_);
  auto context = LongContext(owner_.admin_key());
  v1::ImportFeedbackResponse response;
  auto writer = v1::FeedbackService::NewStub(front_.channel())
                    ->ImportFeedback(context.get(), &response);
  v1::ImportFeedbackRequest request;
  request.set_parent("organizations/default");
  *request.mutable_feedback() = Item(owner_, "a");
  ASSERT_TRUE(writer->Write(request));
  // The stream is open on the owner: its first item is stored there.
  ASSERT_TRUE(Becomes([&] { return StoredItems(owner_) == 1; }));

  context->TryCancel();

  EXPECT_THAT(writer->Finish(), GrpcCodeIs(grpc::StatusCode::CANCELLED));
  // The owner's stream ends (soon after the front's) and gives its slot
  // back: with one stream per organization allowed there, an import goes
  // through again. Left open, it would refuse them all.
  grpc::Status next;
  EXPECT_TRUE(Becomes([&] {
    next = Import(front_, owner_.admin_key(), owner_, {"b"}, response);
    return next.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED;
  }));
  ASSERT_THAT(next, GrpcCodeIs(0));
  EXPECT_EQ(response.ingested_count(), 1);
}

TEST_F(CallForwardingTest, AnImportTheOwnerRefusesEndsWithItsErrorUnchanged) {
  ASSERT_THAT(CreateHotel(owner_, owner_.admin_key(), "porto"), GrpcCodeIs(0));
  v1::ImportFeedbackResponse response;
  const grpc::Status expected =
      Import(owner_, front_.admin_key(), owner_, {"a"}, response);
  ASSERT_THAT(expected, GrpcErrorIs(grpc::StatusCode::UNAUTHENTICATED,
                                    "API_KEY_INVALID"));
  router_.routes["default"] = AddressOf(owner_);

  const grpc::Status forwarded =
      Import(front_, front_.admin_key(), owner_, {"a"}, response);

  EXPECT_EQ(forwarded.error_code(), expected.error_code());
  EXPECT_EQ(forwarded.error_message(), expected.error_message());
  EXPECT_EQ(forwarded.error_details(), expected.error_details());
}

TEST_F(CallForwardingTest, AnImportOfAnOrganizationAnsweredHereStaysHere) {
  ASSERT_THAT(CreateHotel(front_, front_.admin_key(), "porto"), GrpcCodeIs(0));
  // The front forwards another organization's calls, so it looks into
  // each stream; this one's first item says it is the front's.
  router_.routes["elsewhere"] = AddressOf(owner_);

  v1::ImportFeedbackResponse response;
  ASSERT_THAT(Import(front_, front_.admin_key(), front_, {"a", "b"}, response),
              GrpcCodeIs(0));
  EXPECT_EQ(response.ingested_count(), 2);
  // So is a stream without any item, which names no organization.
  v1::ImportFeedbackResponse empty;
  ASSERT_THAT(Import(front_, front_.admin_key(), front_, {}, empty),
              GrpcCodeIs(0));
  EXPECT_EQ(empty.results_size(), 0);
  // Each counted once, by the handler that answered it; neither forwarded.
  EXPECT_THAT(ImportSamples("guestvoice_calls_total"),
              ElementsAre(HasSubstr("code=\"OK\"} 2")));
  EXPECT_THAT(ImportSamples("guestvoice_forwarded_calls_total"), IsEmpty());
}

TEST_F(CallForwardingTest, AnImportToANodeThatDoesNotAnswerIsUnavailable) {
  router_.routes["default"] = "127.0.0.1:1";

  v1::ImportFeedbackResponse response;
  const grpc::Status status =
      Import(front_, owner_.admin_key(), owner_, {"a", "b"}, response);

  EXPECT_THAT(status,
              GrpcErrorIs(grpc::StatusCode::UNAVAILABLE, "UNAVAILABLE"));
  EXPECT_THAT(status.error_message(), HasSubstr("127.0.0.1:1"));
  EXPECT_GT(RetryDelayMillis(status), 0);
}

TEST_F(CallForwardingTest, AForwardedWatchEndsAtOnceWhenTheServerShutsDown) {
  ASSERT_THAT(CreateHotel(owner_, owner_.admin_key(), "porto"), GrpcCodeIs(0));
  router_.routes["default"] = AddressOf(owner_);
  auto context = LongContext(owner_.admin_key());
  auto watch = Watch(front_, context.get());
  watch->WaitForInitialMetadata();

  // Within a grace period longer than this test may take (as the front's
  // own watches do), the watch ends, and says to watch again.
  ASSERT_TRUE(front_.server().Shutdown(absl::Minutes(10)).ok());

  v1::WatchFeedbackResponse item;
  EXPECT_FALSE(watch->Read(&item));
  const grpc::Status status = watch->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(status.error_message(), HasSubstr("shutting down"));
  EXPECT_TRUE(WatchersBecome(owner_, 0));
}

}  // namespace
}  // namespace guestvoice
