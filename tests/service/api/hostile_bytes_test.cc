// Requests that protobuf's own parser refuses: strings that are not UTF-8
// (which a C++ client sends without complaint) and bytes that are no message
// at all. Every method decodes its request itself (wire_messages.h), so each
// gets INVALID_ARGUMENT naming the field, changes nothing, and a bad item in
// an import costs only that item.

#include <grpcpp/generic/generic_stub.h>

#include <string>

#include "absl/synchronization/notification.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"
#include "tests/testing/feedback_fixture.h"
#include "tests/testing/grpc_matchers.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::FeedbackFixture;
using ::guestvoice::testing::GrpcErrorIs;
using ::guestvoice::testing::TestServer;
using ::guestvoice::testing::ViolatedFields;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// "\xC3" opens a two-byte sequence that "(" does not continue.
constexpr char kNotUtf8[] = "caf\xC3(";

class HostileBytesTest : public FeedbackFixture {
 protected:
  // Calls `method` ("/guestvoice.v1.FeedbackService/IngestFeedback") with
  // `bytes` as its request, as a hand-rolled client could.
  grpc::Status CallWithBytes(const std::string& method,
                             const std::string& bytes) {
    grpc::GenericStub stub(server_.channel());
    auto context = TestServer::Context(server_.admin_key());
    grpc::Slice slice(bytes);
    const grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    grpc::Status status;
    absl::Notification done;
    stub.UnaryCall(context.get(), method, grpc::StubOptions(), &request,
                   &response, [&](grpc::Status result) {
                     status = std::move(result);
                     done.Notify();
                   });
    done.WaitForNotification();
    return status;
  }
};

TEST_F(HostileBytesTest, IngestNamesTheStringThatIsNotUtf8) {
  v1::Feedback bad_text = Item("t-1", "@ana", kNotUtf8);
  grpc::Status status = Ingest(bad_text);
  EXPECT_THAT(status,
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  EXPECT_THAT(ViolatedFields(status), ElementsAre("feedback.text"));

  status = Ingest(Item("t-2", kNotUtf8, "Lovely stay"));
  EXPECT_THAT(status,
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  EXPECT_THAT(ViolatedFields(status), ElementsAre("feedback.author.handle"));

  EXPECT_THAT(ListAll(), IsEmpty()) << "nothing was stored";
}

TEST_F(HostileBytesTest, ARequestInManySlicesIsDecodedWhole) {
  // ~1 MB arrives in many HTTP/2 frames, so in many slices: the bad bytes at
  // its very end are found only if the server reads all of them.
  v1::Feedback long_text =
      Item("t-1", "@ana", std::string(1 << 20, 'a') + kNotUtf8);
  const grpc::Status status = Ingest(long_text);
  EXPECT_THAT(status,
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  EXPECT_THAT(ViolatedFields(status), ElementsAre("feedback.text"));
}

TEST_F(HostileBytesTest, BytesThatAreNoMessageAreMalformed) {
  // A length-delimited field 2 (feedback) that claims more bytes than follow.
  const grpc::Status status = CallWithBytes(
      "/guestvoice.v1.FeedbackService/IngestFeedback", "\x12\x7f\x0a\x01");
  EXPECT_THAT(status, GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT,
                                  "REQUEST_MALFORMED"));
  EXPECT_THAT(status.error_message(),
              ::testing::HasSubstr("guestvoice.v1.IngestFeedbackRequest"));
  EXPECT_THAT(ListAll(), IsEmpty());
}

TEST_F(HostileBytesTest, EveryServiceDecodesItsRequestsAlike) {
  v1::Feedback item;
  ASSERT_TRUE(Ingest(Item("t-1", "@ana", "Broken lift"), &item).ok());
  v1::UpdateFeedbackRequest update;
  update.mutable_feedback()->set_name(item.name());
  update.mutable_feedback()->mutable_case_()->set_internal_note(kNotUtf8);
  v1::Feedback updated;
  grpc::Status status = stub_->UpdateFeedback(
      TestServer::Context(server_.admin_key()).get(), update, &updated);
  EXPECT_THAT(status,
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  EXPECT_THAT(ViolatedFields(status),
              ElementsAre("feedback.case.internal_note"));

  v1::CreateHotelRequest hotel;
  hotel.set_parent("organizations/default");
  hotel.set_hotel_id("porto");
  hotel.mutable_hotel()->set_display_name(kNotUtf8);
  hotel.mutable_hotel()->set_time_zone("Europe/Lisbon");
  v1::Hotel created;
  status = v1::HotelService::NewStub(server_.channel())
               ->CreateHotel(TestServer::Context(server_.admin_key()).get(),
                             hotel, &created);
  EXPECT_THAT(status,
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  EXPECT_THAT(ViolatedFields(status), ElementsAre("hotel.display_name"));

  v1::GetFeedbackRequest get;
  get.set_name(item.name() + kNotUtf8);
  v1::Feedback fetched;
  status = stub_->GetFeedback(TestServer::Context(server_.admin_key()).get(),
                              get, &fetched);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("name"));
}

TEST_F(HostileBytesTest, AnUnauthenticatedCallerLearnsNothingAboutItsBytes) {
  v1::IngestFeedbackRequest request;
  request.set_parent("organizations/default");
  *request.mutable_feedback() = Item("t-1", "@ana", kNotUtf8);
  v1::Feedback stored;
  EXPECT_THAT(
      stub_->IngestFeedback(TestServer::Context("not-a-key").get(), request,
                            &stored),
      GrpcErrorIs(grpc::StatusCode::UNAUTHENTICATED, "API_KEY_INVALID"));
}

TEST_F(HostileBytesTest, ImportRefusesTheBadItemAndGoesOn) {
  auto context = TestServer::Context(server_.admin_key());
  v1::ImportFeedbackResponse response;
  auto writer = stub_->ImportFeedback(context.get(), &response);
  for (const v1::Feedback& item :
       {Item("i1", "@ana", "Spotless room"), Item("i2", "@bob", kNotUtf8),
        Item("i3", "@cy", "Slow wifi")}) {
    v1::ImportFeedbackRequest request;
    request.set_parent("organizations/default");
    *request.mutable_feedback() = item;
    ASSERT_TRUE(writer->Write(request));
  }
  writer->WritesDone();
  ASSERT_TRUE(writer->Finish().ok());
  ASSERT_EQ(response.results_size(), 3);
  EXPECT_EQ(response.ingested_count(), 2);
  EXPECT_EQ(response.failed_count(), 1);
  EXPECT_EQ(response.results(0).status().code(), 0);
  EXPECT_EQ(response.results(2).status().code(), 0);

  const google::rpc::Status& refused = response.results(1).status();
  EXPECT_EQ(response.results(1).index(), 1);
  EXPECT_EQ(refused.code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ErrorReason(refused), "FIELD_INVALID");
  EXPECT_THAT(ViolatedFields(refused), ElementsAre("feedback.text"));
  EXPECT_EQ(ListAll().size(), 2u);
}

}  // namespace
}  // namespace guestvoice
