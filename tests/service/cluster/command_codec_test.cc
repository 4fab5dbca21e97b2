// Command records round-trip, carry their caller, and a record a node cannot
// read is refused with what is wrong with it.

#include "service/cluster/command_codec.h"

#include <string>

#include "absl/strings/str_cat.h"
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
}

TEST(CommandCodecTest,
     AHandleSpelledOtherwiseBeforeIsWrittenInAFormatOlderNodesRefuse) {
  // A node of format 7 would file the item under another author.
  internal::v1::Command command = Sample();
  command.set_method("guestvoice.v1.FeedbackService.IngestFeedback");
  v1::Feedback& item = *command.mutable_prepared_feedback()->mutable_feedback();
  item.set_source(v1::SOURCE_TRIPADVISOR);
  item.mutable_rating()->set_value(4);
  item.mutable_author()->set_handle(" @Jos\u00E9 Silva");
  ASSERT_OK_AND_ASSIGN(internal::v1::Command decoded,
                       DecodeCommand(EncodeCommand(command)));
  EXPECT_EQ(decoded.format(), 1u) << "spelled alike by every build";
  for (const char* handle : {"JOS\u00C9", "Jose\u0301", "Jos\u00E9\u00A0Silva",
                             "@@jose", "jo\u200Bse"}) {
    item.mutable_author()->set_handle(handle);
    ASSERT_OK_AND_ASSIGN(decoded, DecodeCommand(EncodeCommand(command)));
    EXPECT_EQ(decoded.format(), 8u) << handle;
  }

  // It would refuse the identity, or link it under another spelling.
  for (const char* method : {"CreateGuest", "LinkIdentity", "UnlinkIdentity"}) {
    command = Sample();
    command.set_method(absl::StrCat("guestvoice.v1.LoyaltyService.", method));
    v1::Identity identity;
    identity.set_kind(v1::IDENTITY_KIND_HANDLE);
    identity.set_source(v1::SOURCE_TWITTER);
    identity.set_value("@AnaTravels");
    auto encoded_format = [&]() -> uint32_t {
      if (command.method() == "guestvoice.v1.LoyaltyService.CreateGuest") {
        v1::CreateGuestRequest request;
        *request.add_identities() = identity;
        command.set_request(request.SerializeAsString());
      } else {
        v1::LinkIdentityRequest request;  // UnlinkIdentity's fields alike
        *request.mutable_identity() = identity;
        command.set_request(request.SerializeAsString());
      }
      return DecodeCommand(EncodeCommand(command))->format();
    };
    EXPECT_EQ(encoded_format(), 1u) << method;
    identity.set_value("\uFF20AnaTravels");
    EXPECT_EQ(encoded_format(), 8u) << method;
    // Email addresses are spelled as before.
    identity.set_kind(v1::IDENTITY_KIND_EMAIL);
    identity.clear_source();
    identity.set_value("ANA@EXAMPLE.COM");
    EXPECT_EQ(encoded_format(), 1u) << method;
  }
}

TEST(CommandCodecTest, AnUpdateOfACaseIsWrittenInAFormatOlderNodesRefuse) {
  // A node of format 8 would rewrite a case updated to the values it has.
  internal::v1::Command command = Sample();
  command.set_method("guestvoice.v1.FeedbackService.UpdateFeedback");
  ASSERT_OK_AND_ASSIGN(internal::v1::Command decoded,
                       DecodeCommand(EncodeCommand(command)));
  EXPECT_EQ(decoded.format(), 9u);
  EXPECT_EQ(kCommandFormat, 9u);
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
