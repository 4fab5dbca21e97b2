// Names are shown on one line (lists, tables, exports): every call that names
// something refuses a tab, a line break, a C1 control or a bidirectional
// override in the name it sets, end to end through a real server, and changes
// nothing; names in any script, with emoji or right-to-left marks, pass. A
// feedback author's name is joined on one line instead of refused.

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.grpc.pb.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "guestvoice/v1/loyalty_service.grpc.pb.h"
#include "tests/testing/feedback_fixture.h"
#include "tests/testing/grpc_matchers.h"
#include "tests/testing/test_server.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::FeedbackFixture;
using ::guestvoice::testing::GrpcErrorIs;
using ::guestvoice::testing::TestServer;
using ::guestvoice::testing::ViolatedFields;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Names that do not fit on one line, each with the code point the error
// names.
struct BrokenName {
  std::string name;
  std::string code_point;
};

std::vector<BrokenName> BrokenNames() {
  return {
      {"Riverside\nLisbon", "U+000A"},
      {"Riverside\r\nLisbon", "U+000D"},
      {"Riverside\tLisbon", "U+0009"},
      {"Riverside\u0085Lisbon", "U+0085"},         // NEL
      {"Riverside\u2028Lisbon", "U+2028"},         // line separator
      {"Riverside \u009b2J", "U+009B"},            // C1 CSI
      {"\u202Enobsil edisreviR", "U+202E"},        // right-to-left override
      {"Riverside \u2066Lisbon\u2069", "U+2066"},  // isolate
  };
}

// Names from every script that do fit on one line.
const std::vector<std::string>& GoodNames() {
  static const auto* const kNames = new std::vector<std::string>{
      "Hôtel du Lac ✨", "فندق \u200Fلشبونة", "東京ベイホテル", "Ξενοδοχείο"};
  return *kNames;
}

class NamesOnOneLineTest : public FeedbackFixture {
 protected:
  std::unique_ptr<grpc::ClientContext> Admin() {
    return TestServer::Context(server_.admin_key());
  }

  // Expects `status` to refuse `field` for `broken`, naming its code point.
  static void ExpectRefused(const grpc::Status& status,
                            const std::string& field,
                            const BrokenName& broken) {
    EXPECT_THAT(status, GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT,
                                    "FIELD_INVALID"))
        << field << " " << broken.code_point;
    EXPECT_THAT(ViolatedFields(status), ElementsAre(field));
    EXPECT_THAT(status.error_message(),
                HasSubstr("must be one line: " + broken.code_point));
  }

  std::unique_ptr<v1::AdminService::Stub> admin_ =
      v1::AdminService::NewStub(server_.channel());
  std::unique_ptr<v1::HotelService::Stub> hotels_ =
      v1::HotelService::NewStub(server_.channel());
  std::unique_ptr<v1::LoyaltyService::Stub> loyalty_ =
      v1::LoyaltyService::NewStub(server_.channel());
};

TEST_F(NamesOnOneLineTest, HotelNamesAndLocalities) {
  v1::ListHotelsRequest list;
  list.set_parent("organizations/default");
  v1::ListHotelsResponse listed_before;
  ASSERT_TRUE(hotels_->ListHotels(Admin().get(), list, &listed_before).ok());
  v1::Hotel before;
  v1::GetHotelRequest get;
  get.set_name("organizations/default/hotels/lisbon");
  ASSERT_TRUE(hotels_->GetHotel(Admin().get(), get, &before).ok());
  for (const BrokenName& broken : BrokenNames()) {
    v1::CreateHotelRequest create;
    create.set_parent("organizations/default");
    create.set_hotel_id("porto");
    create.mutable_hotel()->set_display_name(broken.name);
    create.mutable_hotel()->set_time_zone("Europe/Lisbon");
    v1::Hotel hotel;
    ExpectRefused(hotels_->CreateHotel(Admin().get(), create, &hotel),
                  "hotel.display_name", broken);
    create.mutable_hotel()->set_display_name("Porto");
    create.mutable_hotel()->set_locality(broken.name);
    ExpectRefused(hotels_->CreateHotel(Admin().get(), create, &hotel),
                  "hotel.locality", broken);

    v1::UpdateHotelRequest update;
    update.mutable_hotel()->set_name(before.name());
    update.mutable_hotel()->set_display_name(broken.name);
    update.mutable_update_mask()->add_paths("display_name");
    ExpectRefused(hotels_->UpdateHotel(Admin().get(), update, &hotel),
                  "hotel.display_name", broken);
  }
  v1::Hotel after;
  ASSERT_TRUE(hotels_->GetHotel(Admin().get(), get, &after).ok());
  EXPECT_EQ(after.SerializeAsString(), before.SerializeAsString());
  v1::ListHotelsResponse listed;
  ASSERT_TRUE(hotels_->ListHotels(Admin().get(), list, &listed).ok());
  EXPECT_EQ(listed.SerializeAsString(), listed_before.SerializeAsString())
      << "no hotel was created";

  // A name the update's mask leaves out is ignored, not checked: a caller
  // sending back a hotel read before names had to fit on one line is not
  // refused for it.
  v1::UpdateHotelRequest masked;
  *masked.mutable_hotel() = before;
  masked.mutable_hotel()->set_display_name("Riverside\nLisbon");
  masked.mutable_hotel()->set_time_zone("Europe/Madrid");
  masked.mutable_update_mask()->add_paths("time_zone");
  v1::Hotel moved;
  ASSERT_TRUE(hotels_->UpdateHotel(Admin().get(), masked, &moved).ok());
  EXPECT_EQ(moved.display_name(), before.display_name());
  EXPECT_EQ(moved.time_zone(), "Europe/Madrid");

  for (const std::string& name : GoodNames()) {
    v1::UpdateHotelRequest update;
    update.mutable_hotel()->set_name(before.name());
    update.mutable_hotel()->set_display_name(name);
    update.mutable_hotel()->set_locality(name);
    v1::Hotel updated;
    ASSERT_TRUE(hotels_->UpdateHotel(Admin().get(), update, &updated).ok())
        << name;
    EXPECT_EQ(updated.display_name(), name);
    EXPECT_EQ(updated.locality(), name);
  }
}

TEST_F(NamesOnOneLineTest, OrganizationAndApiKeyNames) {
  for (const BrokenName& broken : BrokenNames()) {
    v1::CreateOrganizationRequest organization;
    organization.set_organization_id("newco");
    organization.mutable_organization()->set_display_name(broken.name);
    v1::Organization created;
    ExpectRefused(
        admin_->CreateOrganization(Admin().get(), organization, &created),
        "organization.display_name", broken);

    v1::CreateApiKeyRequest key;
    key.set_parent("organizations/default");
    key.mutable_api_key()->set_display_name(broken.name);
    key.mutable_api_key()->add_scopes(v1::SCOPE_FEEDBACK_READ);
    v1::ApiKey minted;
    ExpectRefused(admin_->CreateApiKey(Admin().get(), key, &minted),
                  "api_key.display_name", broken);
    EXPECT_THAT(minted.key_string(), IsEmpty());
  }
  v1::GetOrganizationRequest get;
  get.set_name("organizations/newco");
  v1::Organization missing;
  EXPECT_EQ(admin_->GetOrganization(Admin().get(), get, &missing).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::ListApiKeysRequest list;
  list.set_parent("organizations/default");
  v1::ListApiKeysResponse keys;
  ASSERT_TRUE(admin_->ListApiKeys(Admin().get(), list, &keys).ok());
  EXPECT_EQ(keys.api_keys_size(), 1) << "only the bootstrap key";

  for (const std::string& name : GoodNames()) {
    v1::CreateApiKeyRequest key;
    key.set_parent("organizations/default");
    key.mutable_api_key()->set_display_name(name);
    key.mutable_api_key()->add_scopes(v1::SCOPE_FEEDBACK_READ);
    v1::ApiKey minted;
    ASSERT_TRUE(admin_->CreateApiKey(Admin().get(), key, &minted).ok()) << name;
    EXPECT_EQ(minted.display_name(), name);
  }
}

TEST_F(NamesOnOneLineTest, GuestNamesAndLoyaltyTiers) {
  v1::GetLoyaltyProgramRequest get_program;
  get_program.set_name("organizations/default/loyaltyProgram");
  v1::LoyaltyProgram program;
  ASSERT_TRUE(
      loyalty_->GetLoyaltyProgram(Admin().get(), get_program, &program).ok());
  ASSERT_GE(program.tiers_size(), 2);
  for (const BrokenName& broken : BrokenNames()) {
    v1::CreateGuestRequest guest;
    guest.set_parent("organizations/default");
    guest.mutable_guest()->set_display_name(broken.name);
    v1::Guest created;
    ExpectRefused(loyalty_->CreateGuest(Admin().get(), guest, &created),
                  "guest.display_name", broken);

    v1::UpdateLoyaltyProgramRequest update;
    *update.mutable_loyalty_program() = program;
    update.mutable_loyalty_program()->mutable_tiers(1)->set_display_name(
        broken.name);
    update.mutable_update_mask()->add_paths("tiers");
    v1::LoyaltyProgram updated;
    ExpectRefused(
        loyalty_->UpdateLoyaltyProgram(Admin().get(), update, &updated),
        "loyalty_program.tiers[1].display_name", broken);
    *update.mutable_loyalty_program() = program;
    update.mutable_loyalty_program()->mutable_tiers(1)->add_benefits(
        broken.name);
    const int benefit = program.tiers(1).benefits_size();
    ExpectRefused(
        loyalty_->UpdateLoyaltyProgram(Admin().get(), update, &updated),
        "loyalty_program.tiers[1].benefits[" + std::to_string(benefit) + "]",
        broken);
  }
  v1::LoyaltyProgram after;
  ASSERT_TRUE(
      loyalty_->GetLoyaltyProgram(Admin().get(), get_program, &after).ok());
  EXPECT_EQ(after.SerializeAsString(), program.SerializeAsString());

  // Tiers an update's mask leaves out are not checked.
  v1::UpdateLoyaltyProgramRequest masked;
  *masked.mutable_loyalty_program() = program;
  masked.mutable_loyalty_program()->mutable_tiers(1)->set_display_name(
      "Gold\nmembers");
  masked.mutable_loyalty_program()->set_points_per_night(
      program.points_per_night() + 1);
  masked.mutable_update_mask()->add_paths("points_per_night");
  v1::LoyaltyProgram updated;
  ASSERT_TRUE(
      loyalty_->UpdateLoyaltyProgram(Admin().get(), masked, &updated).ok());
  EXPECT_EQ(updated.tiers(1).display_name(), program.tiers(1).display_name());
  EXPECT_EQ(updated.points_per_night(), program.points_per_night() + 1);
  v1::ListGuestsRequest list;
  list.set_parent("organizations/default");
  v1::ListGuestsResponse guests;
  ASSERT_TRUE(loyalty_->ListGuests(Admin().get(), list, &guests).ok());
  EXPECT_THAT(guests.guests(), IsEmpty());
}

// A feedback item is never refused for its author's name, which the
// platform chose: the name is stored joined on one line instead.
TEST_F(NamesOnOneLineTest, AnAuthorsNameIsJoinedNotRefused) {
  v1::Feedback sent = Item("t-2", "@ana", "The shower was cold.");
  sent.mutable_author()->set_display_name("\u202Egnp.exe\r\n Ana\tSilva");
  v1::Feedback stored;
  ASSERT_TRUE(Ingest(sent, &stored).ok());
  EXPECT_EQ(stored.author().display_name(), "gnp.exe Ana Silva");
  v1::GetFeedbackRequest get;
  get.set_name(stored.name());
  v1::Feedback fetched;
  ASSERT_TRUE(stub_->GetFeedback(Admin().get(), get, &fetched).ok());
  EXPECT_EQ(fetched.author().display_name(), "gnp.exe Ana Silva");
}

TEST_F(NamesOnOneLineTest, CaseAssignees) {
  v1::Feedback item;
  ASSERT_TRUE(Ingest(Item("t-1", "@ana", "The shower was cold."), &item).ok());
  for (const BrokenName& broken : BrokenNames()) {
    v1::UpdateFeedbackRequest update;
    update.mutable_feedback()->set_name(item.name());
    update.mutable_feedback()->mutable_case_()->set_assignee(broken.name);
    update.mutable_update_mask()->add_paths("case.assignee");
    v1::Feedback updated;
    ExpectRefused(stub_->UpdateFeedback(Admin().get(), update, &updated),
                  "feedback.case.assignee", broken);
  }
  v1::GetFeedbackRequest get;
  get.set_name(item.name());
  v1::Feedback after;
  ASSERT_TRUE(stub_->GetFeedback(Admin().get(), get, &after).ok());
  EXPECT_THAT(after.case_().assignee(), IsEmpty());
}

}  // namespace
}  // namespace guestvoice
