// Command records round-trip, carry their caller, and a record a node cannot
// read is refused with what is wrong with it.

#include "service/cluster/command_codec.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "guestvoice/v1/loyalty_service.pb.h"
#include "service/core/proto_time.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::testing::StatusIs;
using ::testing::HasSubstr;

internal::v1::Command Sample() {
  internal::v1::Command command;
  command.set_organization("acme");
  command.set_method("guestvoice.v1.HotelService.CreateHotel");
  command.mutable_caller()->set_organization("acme");
  *command.mutable_receive_time() = ToProtoTimestamp(absl::FromUnixSeconds(7));
  command.set_id_seed("seed");
  command.set_request("request bytes");
  return command;
}

TEST(CommandCodecTest, RoundTripsStampedWithTheFormat) {
  ASSERT_OK_AND_ASSIGN(internal::v1::Command decoded,
                       DecodeCommand(EncodeCommand(Sample())));
  EXPECT_EQ(decoded.format(), 1u);
  EXPECT_EQ(decoded.organization(), "acme");
  EXPECT_EQ(decoded.request(), "request bytes");
}

TEST(CommandCodecTest, AnEditAtTheSourceIsWrittenInAFormatOlderNodesRefuse) {
  // A rating without words, which no node judges a repeat.
  internal::v1::Command command = Sample();
  command.set_method("guestvoice.v1.FeedbackService.IngestFeedback");
  v1::Feedback& item = *command.mutable_prepared_feedback()->mutable_feedback();
  item.mutable_rating()->set_value(4);
  ASSERT_OK_AND_ASSIGN(internal::v1::Command decoded,
                       DecodeCommand(EncodeCommand(command)));
  EXPECT_EQ(decoded.format(), 1u);

  // A node of format 1 would store the edit as a duplicate.
  *item.mutable_edit_time() = ToProtoTimestamp(absl::FromUnixSeconds(9));
  ASSERT_OK_AND_ASSIGN(decoded, DecodeCommand(EncodeCommand(command)));
  EXPECT_EQ(decoded.format(), 2u);
}

TEST(CommandCodecTest, AnItemWithWordsIsWrittenInAFormatOlderNodesRefuse) {
  // A node of format 3 would judge its repeat by the words alone.
  internal::v1::Command command = Sample();
  command.set_method("guestvoice.v1.FeedbackService.IngestFeedback");
  v1::Feedback& item = *command.mutable_prepared_feedback()->mutable_feedback();
  item.set_text(" \xC2\xA0");
  ASSERT_OK_AND_ASSIGN(internal::v1::Command decoded,
                       DecodeCommand(EncodeCommand(command)));
  EXPECT_EQ(decoded.format(), 1u) << "white space is no words";
  item.set_text("Lovely stay.");
  ASSERT_OK_AND_ASSIGN(decoded, DecodeCommand(EncodeCommand(command)));
  EXPECT_EQ(decoded.format(), 4u);
  *item.mutable_edit_time() = ToProtoTimestamp(absl::FromUnixSeconds(9));
  ASSERT_OK_AND_ASSIGN(decoded, DecodeCommand(EncodeCommand(command)));
  EXPECT_EQ(decoded.format(), 4u);
}

TEST(CommandCodecTest,
     AnOrganizationsIdDecidedOnReceiptIsWrittenInAFormatOlderNodesRefuse) {
  internal::v1::Command command = Sample();
  command.set_method("guestvoice.v1.AdminService.CreateOrganization");
  v1::CreateOrganizationRequest request;
  request.set_organization_id("acme");
  request.mutable_organization()->set_display_name("Acme");
  command.set_request(request.SerializeAsString());
  ASSERT_OK_AND_ASSIGN(internal::v1::Command decoded,
                       DecodeCommand(EncodeCommand(command)));
  EXPECT_EQ(decoded.format(), 1u);

  // A node of format 2 would remember the request id in the caller's
  // organization, in another partition.
  request.set_request_id("onboarding");
  command.set_request(request.SerializeAsString());
  ASSERT_OK_AND_ASSIGN(decoded, DecodeCommand(EncodeCommand(command)));
  EXPECT_EQ(decoded.format(), 3u);
  request.clear_request_id();

  // A node of format 2 would draw the id itself, another than the others'.
  request.clear_organization_id();
  command.set_request(request.SerializeAsString());
  ASSERT_OK_AND_ASSIGN(decoded, DecodeCommand(EncodeCommand(command)));
  EXPECT_EQ(decoded.format(), 3u);
}

TEST(CommandCodecTest, AMergeIsWrittenInAFormatOlderNodesRefuse) {
  // A node of format 4 would forget the merged guest's CreateGuest request,
  // and create the guest again on its retry.
  internal::v1::Command command = Sample();
  command.set_method("guestvoice.v1.LoyaltyService.MergeGuests");
  ASSERT_OK_AND_ASSIGN(internal::v1::Command decoded,
                       DecodeCommand(EncodeCommand(command)));
  EXPECT_EQ(decoded.format(), 5u);
}

TEST(CommandCodecTest,
     AGuestCreatedWithAStayIsWrittenInAFormatOlderNodesRefuse) {
  internal::v1::Command command = Sample();
  command.set_method("guestvoice.v1.LoyaltyService.CreateGuest");
  v1::CreateGuestRequest request;
  request.set_parent("organizations/acme");
  command.set_request(request.SerializeAsString());
  ASSERT_OK_AND_ASSIGN(internal::v1::Command decoded,
                       DecodeCommand(EncodeCommand(command)));
  EXPECT_EQ(decoded.format(), 1u);

  // A node of format 5 would create the guest without its stay.
  request.mutable_stay()->set_booking_reference("BK-1");
  command.set_request(request.SerializeAsString());
  ASSERT_OK_AND_ASSIGN(decoded, DecodeCommand(EncodeCommand(command)));
  EXPECT_EQ(decoded.format(), 6u);
}

TEST(CommandCodecTest, AnUpdateOfAStayIsWrittenInAFormatOlderNodesRefuse) {
  // A node of format 6 would rewrite a stay updated to the values it has.
  internal::v1::Command command = Sample();
  command.set_method("guestvoice.v1.LoyaltyService.UpdateStay");
  ASSERT_OK_AND_ASSIGN(internal::v1::Command decoded,
                       DecodeCommand(EncodeCommand(command)));
  EXPECT_EQ(decoded.format(), 7u);
  EXPECT_EQ(kCommandFormat, 7u);
}

TEST(CommandCodecTest, RefusesANewerFormat) {
  internal::v1::Command command = Sample();
  command.set_format(kCommandFormat + 1);
  EXPECT_THAT(DecodeCommand(command.SerializeAsString()),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("upgrade this node")));
}

TEST(CommandCodecTest, RefusesBytesThatAreNoCommand) {
  EXPECT_THAT(
      DecodeCommand("\xff\xff\xff"),
      StatusIs(absl::StatusCode::kDataLoss, HasSubstr("is not a Command")));
}

TEST(CommandCodecTest, RefusesACommandMissingWhatApplyingNeeds) {
  internal::v1::Command unstamped = Sample();
  EXPECT_THAT(DecodeCommand(unstamped.SerializeAsString()),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("format")));
  internal::v1::Command no_seed = Sample();
  no_seed.clear_id_seed();
  EXPECT_THAT(DecodeCommand(EncodeCommand(no_seed)),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("id_seed")));
  internal::v1::Command no_time = Sample();
  no_time.clear_receive_time();
  EXPECT_THAT(DecodeCommand(EncodeCommand(no_time)),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("receive_time")));
}

TEST(CommandCodecTest, CarriesTheCallersScopes) {
  google::protobuf::RepeatedField<int> scopes;
  scopes.Add(v1::SCOPE_FEEDBACK_WRITE);
  scopes.Add(v1::SCOPE_ADMIN);
  const Principal caller("acme", "organizations/acme/apiKeys/k", scopes);
  const Principal back = CallerOf(CallerRecord(caller));
  EXPECT_EQ(back.organization(), "acme");
  EXPECT_EQ(back.api_key_name(), "organizations/acme/apiKeys/k");
  EXPECT_TRUE(back.HasScope(v1::SCOPE_FEEDBACK_WRITE));
  EXPECT_TRUE(back.HasScope(v1::SCOPE_ADMIN));
  EXPECT_FALSE(back.HasScope(v1::SCOPE_PLATFORM_ADMIN));
}

}  // namespace
}  // namespace guestvoice::service::cluster
