// The C++ client against a live guestvoiced: every service, both stream
// directions, error details, and failure modes that must give their status
// code quickly, never a hang.
#include "guestvoice/client.h"

#include <arpa/inet.h>
#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <set>
#include <sstream>

#include "quickstart.h"
#include "test_server.h"

namespace guestvoice {
namespace {

using google::protobuf::util::TimeUtil;
constexpr char kParent[] = "organizations/default";

// An RPC the server does not implement yet is reported as skipped, naming it.
#define SKIP_IF_UNIMPLEMENTED(rpc, status)                        \
  if ((status).error_code() == grpc::StatusCode::UNIMPLEMENTED) { \
    GTEST_SKIP() << "server answers UNIMPLEMENTED for " << (rpc); \
  }

std::unique_ptr<grpc::ClientContext> WithDeadline(
    std::chrono::milliseconds timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + timeout);
  return context;
}

class ClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = testing::TestServer::Start().release();
    ClientOptions plaintext;
    plaintext.plaintext = true;
    if (server_ != nullptr)
      client_ = new Client(
          Connect(server_->address(), server_->admin_key(), plaintext));
  }
  static void TearDownTestSuite() {
    delete client_;
    delete server_;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr); }

  static v1::Hotel NewHotel(const std::string& time_zone = "Europe/Lisbon",
                            grpc::Status* status = nullptr) {
    v1::CreateHotelRequest request;
    request.set_parent(kParent);
    request.mutable_hotel()->set_display_name("Porto Ribeira");
    request.mutable_hotel()->set_time_zone(time_zone);
    v1::Hotel hotel;
    grpc::Status result = client_->hotels->CreateHotel(
        WithDeadline(std::chrono::seconds(10)).get(), request, &hotel);
    if (status != nullptr) {
      *status = result;
    } else {
      EXPECT_TRUE(result.ok()) << result.error_message();
    }
    return hotel;
  }

  static v1::Feedback FeedbackItem(const std::string& hotel,
                                   const std::string& text) {
    v1::Feedback item;
    item.set_hotel(hotel);
    item.set_source(v1::SOURCE_TRIPADVISOR);
    item.set_external_id(NewRequestId());
    item.mutable_author()->set_handle("@rui");
    item.set_text(text);
    *item.mutable_post_time() = TimeUtil::GetCurrentTime();
    return item;
  }

  static ClientOptions Plaintext() {
    ClientOptions options;
    options.plaintext = true;
    return options;
  }

  static grpc::StatusCode ListHotelsCode(Client& target,
                                         std::chrono::milliseconds deadline) {
    v1::ListHotelsRequest request;
    request.set_parent(kParent);
    v1::ListHotelsResponse response;
    return target.hotels
        ->ListHotels(WithDeadline(deadline).get(), request, &response)
        .error_code();
  }

  static testing::TestServer* server_;
  static Client* client_;
};

testing::TestServer* ClientTest::server_ = nullptr;
Client* ClientTest::client_ = nullptr;

TEST_F(ClientTest, AdminServiceReadsTheBootstrapOrganization) {
  v1::GetOrganizationRequest request;
  request.set_name(kParent);
  v1::Organization organization;
  ASSERT_TRUE(
      client_->admin
          ->GetOrganization(WithDeadline(std::chrono::seconds(10)).get(),
                            request, &organization)
          .ok());
  EXPECT_EQ(organization.name(), kParent);
}

TEST_F(ClientTest, RetryWithTheSameRequestIdReturnsTheFirstHotel) {
  v1::CreateHotelRequest request;
  request.set_parent(kParent);
  request.mutable_hotel()->set_display_name("Faro Marina");
  request.mutable_hotel()->set_time_zone("Europe/Lisbon");
  request.set_request_id(NewRequestId());
  v1::Hotel first, again;
  ASSERT_TRUE(client_->hotels
                  ->CreateHotel(WithDeadline(std::chrono::seconds(10)).get(),
                                request, &first)
                  .ok());
  ASSERT_TRUE(client_->hotels
                  ->CreateHotel(WithDeadline(std::chrono::seconds(10)).get(),
                                request, &again)
                  .ok());
  EXPECT_EQ(again.name(), first.name());
}

// The server refuses calls over its limit with RESOURCE_EXHAUSTED and gRPC's
// retry pushback; the client's retry policy waits that long and tries again.
TEST(ClientLimitsTest, CallsOverTheRateLimitWaitTheirTurn) {
  const std::unique_ptr<testing::TestServer> limited =
      testing::TestServer::Start(
          {"--rate_limit_calls_per_second=20", "--rate_limit_burst=1"});
  ASSERT_NE(limited, nullptr);
  ClientOptions plaintext;
  plaintext.plaintext = true;
  Client client = Connect(limited->address(), limited->admin_key(), plaintext);
  v1::GetOrganizationRequest request;
  request.set_name(kParent);
  for (int call = 0; call < 5; ++call) {
    v1::Organization organization;
    const grpc::Status status = client.admin->GetOrganization(
        WithDeadline(std::chrono::seconds(10)).get(), request, &organization);
    ASSERT_TRUE(status.ok())
        << "call " << call << ": " << status.error_message();
  }
}

TEST_F(ClientTest, InvalidFieldIsDecodedAsBadRequest) {
  grpc::Status status;
  NewHotel("Mars/Olympus_Mons", &status);
  ErrorDetails details = DecodeError(status);
  EXPECT_EQ(details.code, grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_TRUE(details.error_info.has_value());
  EXPECT_EQ(details.error_info->domain(), "guestvoice.v1");
  EXPECT_EQ(details.Reason(), "FIELD_INVALID");
  EXPECT_EQ(details.FieldViolations().count("hotel.time_zone"), 1u);
}

TEST_F(ClientTest, InvalidKeyIsUnauthenticatedWithItsReason) {
  Client stranger = Connect(server_->address(), "not-a-key", Plaintext());
  v1::ListHotelsRequest request;
  request.set_parent(kParent);
  v1::ListHotelsResponse response;
  ErrorDetails details = DecodeError(stranger.hotels->ListHotels(
      WithDeadline(std::chrono::seconds(5)).get(), request, &response));
  EXPECT_EQ(details.code, grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(details.Reason(), "API_KEY_INVALID");
}

// A loopback TCP socket; listening but never accepting when `listen` is set.
int LoopbackSocket(bool listen_on_it, int* port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  *port = ntohs(address.sin_port);
  if (listen_on_it) listen(fd, 1);
  return fd;
}

TEST_F(ClientTest, WrongAddressFailsWithUnavailableNotAHang) {
  int port = 0;
  // Bound but not listening: connections are refused, and the port stays
  // ours through the call (closed first, another server could be given it).
  const int unlistened = LoopbackSocket(false, &port);
  Client lost =
      Connect("127.0.0.1:" + std::to_string(port), "key", Plaintext());
  // Long enough for the retries of UNAVAILABLE to run out.
  EXPECT_EQ(ListHotelsCode(lost, std::chrono::seconds(5)),
            grpc::StatusCode::UNAVAILABLE);
  close(unlistened);
}

TEST_F(ClientTest, TlsAgainstAPlaintextServerFailsWithUnavailable) {
  Client mismatched = Connect(server_->address(), server_->admin_key());
  EXPECT_EQ(ListHotelsCode(mismatched, std::chrono::seconds(5)),
            grpc::StatusCode::UNAVAILABLE);
}

TEST_F(ClientTest, UnresponsiveServerHitsTheDeadline) {
  // Accepts TCP but never speaks HTTP/2: only the deadline can end the call.
  int port = 0;
  int silent = LoopbackSocket(true, &port);
  Client stalled =
      Connect("127.0.0.1:" + std::to_string(port), "key", Plaintext());
  EXPECT_EQ(ListHotelsCode(stalled, std::chrono::milliseconds(500)),
            grpc::StatusCode::DEADLINE_EXCEEDED);
  close(silent);
}

TEST_F(ClientTest, QuickstartExampleRunsAgainstTheServer) {
  std::ostringstream out;
  grpc::Status status = examples::RunQuickstart(*client_, out);
  // RunQuickstart prefixes the message with the RPC that failed.
  SKIP_IF_UNIMPLEMENTED("the quickstart's " + status.error_message(), status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_NE(out.str().find("summary: "), std::string::npos) << out.str();
}

TEST_F(ClientTest, ImportFeedbackReportsEachItem) {
  v1::Hotel hotel = NewHotel();
  auto context = WithDeadline(std::chrono::seconds(30));
  v1::ImportFeedbackResponse response;
  auto stream = client_->feedback->ImportFeedback(context.get(), &response);
  for (const char* text : {"Lovely breakfast.", "", "Friendly staff."}) {
    v1::ImportFeedbackRequest request;
    request.set_parent(kParent);
    *request.mutable_feedback() = FeedbackItem(hotel.name(), text);
    if (!stream->Write(request))
      break;  // the server ended the call; Finish says why
  }
  stream->WritesDone();
  grpc::Status status = stream->Finish();
  SKIP_IF_UNIMPLEMENTED("FeedbackService/ImportFeedback", status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.ingested_count(), 2);
  EXPECT_EQ(response.failed_count(), 1);
  ASSERT_EQ(response.results_size(), 3);
  EXPECT_EQ(response.results(1).status().code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ClientTest, WatchFeedbackStreamsNewlyIngestedItems) {
  v1::Hotel hotel = NewHotel();
  grpc::ClientContext watch;
  watch.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(30));
  v1::WatchFeedbackRequest request;
  request.set_parent(kParent);
  request.set_hotel(hotel.name());
  auto reader = client_->feedback->WatchFeedback(&watch, request);
  std::future<bool> first = std::async(std::launch::async, [&] {
    v1::WatchFeedbackResponse message;
    return reader->Read(&message) && message.feedback().hotel() == hotel.name();
  });
  // The watch has no "registered" signal, so keep ingesting until the
  // watcher sees an item: a bounded number of attempts, not a sleep.
  bool received = false;
  for (int attempt = 0; attempt < 50 && !received; ++attempt) {
    v1::IngestFeedbackRequest ingest;
    ingest.set_parent(kParent);
    *ingest.mutable_feedback() =
        FeedbackItem(hotel.name(), "Great view from the terrace.");
    v1::Feedback stored;
    grpc::Status status = client_->feedback->IngestFeedback(
        WithDeadline(std::chrono::seconds(10)).get(), ingest, &stored);
    if (!status.ok()) {
      watch.TryCancel();
      first.wait();
      SKIP_IF_UNIMPLEMENTED("FeedbackService/IngestFeedback", status);
      FAIL() << status.error_message();
    }
    if (first.wait_for(std::chrono::milliseconds(200)) ==
        std::future_status::ready) {
      received = first.get();
      if (!received) {
        grpc::Status ended = reader->Finish();
        SKIP_IF_UNIMPLEMENTED("FeedbackService/WatchFeedback", ended);
        FAIL() << "WatchFeedback ended: " << ended.error_message();
      }
    }
  }
  watch.TryCancel();
  EXPECT_TRUE(received)
      << "WatchFeedback delivered nothing for 50 ingested items";
  if (first.valid()) first.wait();
  reader->Finish();
}

TEST_F(ClientTest, LoyaltyServiceCountsARecordedStay) {
  v1::Hotel hotel = NewHotel();
  v1::CreateGuestRequest create;
  create.set_parent(kParent);
  create.mutable_guest()->set_display_name("Marta");
  v1::Guest guest;
  grpc::Status status = client_->loyalty->CreateGuest(
      WithDeadline(std::chrono::seconds(10)).get(), create, &guest);
  SKIP_IF_UNIMPLEMENTED("LoyaltyService/CreateGuest", status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::RecordStayRequest record;
  record.set_parent(guest.name());
  record.mutable_stay()->set_hotel(hotel.name());
  record.mutable_stay()->set_nights(2);
  record.mutable_stay()->set_booking_reference(NewRequestId());
  std::time_t when = std::time(nullptr) - 5 * 86400;
  std::tm utc{};
  gmtime_r(&when, &utc);
  record.mutable_stay()->mutable_arrival_date()->set_year(utc.tm_year + 1900);
  record.mutable_stay()->mutable_arrival_date()->set_month(utc.tm_mon + 1);
  record.mutable_stay()->mutable_arrival_date()->set_day(utc.tm_mday);
  v1::Stay stay;
  status = client_->loyalty->RecordStay(
      WithDeadline(std::chrono::seconds(10)).get(), record, &stay);
  SKIP_IF_UNIMPLEMENTED("LoyaltyService/RecordStay", status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::GetLoyaltyStatusRequest get;
  get.set_guest(guest.name());
  v1::LoyaltyStatus loyalty;
  status = client_->loyalty->GetLoyaltyStatus(
      WithDeadline(std::chrono::seconds(10)).get(), get, &loyalty);
  SKIP_IF_UNIMPLEMENTED("LoyaltyService/GetLoyaltyStatus", status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(loyalty.qualifying_nights(), 2);
}

TEST_F(ClientTest, InsightServiceSummarisesAHotel) {
  v1::Hotel hotel = NewHotel();
  v1::GetHotelSummaryRequest request;
  request.set_hotel(hotel.name());
  auto now = TimeUtil::GetCurrentTime();
  *request.mutable_interval()->mutable_start_time() =
      now - TimeUtil::HoursToDuration(24);
  *request.mutable_interval()->mutable_end_time() = now;
  v1::HotelSummary summary;
  grpc::Status status = client_->insights->GetHotelSummary(
      WithDeadline(std::chrono::seconds(10)).get(), request, &summary);
  SKIP_IF_UNIMPLEMENTED("InsightService/GetHotelSummary", status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(summary.hotel(), hotel.name());
}

}  // namespace
}  // namespace guestvoice
