// LoyaltyService and feedback authorship: linking, merging and erasing guests
// re-attribute or scrub their authors' feedback in the same write.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/insight_service.grpc.pb.h"
#include "guestvoice/v1/loyalty_service.grpc.pb.h"
#include "tests/testing/feedback_fixture.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::TestServer;

v1::Identity TwitterHandle(const std::string& value) {
  v1::Identity identity;
  identity.set_kind(v1::IDENTITY_KIND_HANDLE);
  identity.set_source(v1::SOURCE_TWITTER);
  identity.set_value(value);
  return identity;
}

class LoyaltyFeedbackTest : public testing::FeedbackFixture {
 protected:
  LoyaltyFeedbackTest()
      : loyalty_(v1::LoyaltyService::NewStub(server_.channel())) {}

  std::unique_ptr<grpc::ClientContext> Admin() {
    return TestServer::Context(server_.admin_key());
  }

  std::string NewGuest(const std::vector<v1::Identity>& identities) {
    v1::CreateGuestRequest request;
    request.set_parent("organizations/default");
    request.mutable_guest();
    for (const v1::Identity& identity : identities) {
      *request.add_identities() = identity;
    }
    v1::Guest guest;
    const grpc::Status status =
        loyalty_->CreateGuest(Admin().get(), request, &guest);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return guest.name();
  }

  // The `guest` field of the only feedback item.
  std::string GuestOfTheItem() {
    const std::vector<v1::Feedback> items = ListAll();
    EXPECT_EQ(items.size(), 1u);
    return items.empty() ? "" : items[0].guest();
  }

  std::unique_ptr<v1::LoyaltyService::Stub> loyalty_;
};

TEST_F(LoyaltyFeedbackTest, LinkingAHandleAttributesItsFeedbackToTheGuest) {
  // Posted with the @ and capitals; linked as the normalised identity.
  ASSERT_TRUE(Ingest(Item("tw-1", "@AnaTravels", "Lovely staff")).ok());
  EXPECT_EQ(GuestOfTheItem(), "");
  const std::string guest = NewGuest({});

  v1::LinkIdentityRequest link;
  link.set_guest(guest);
  *link.mutable_identity() = TwitterHandle("@AnaTravels");
  v1::Guest linked;
  ASSERT_TRUE(loyalty_->LinkIdentity(Admin().get(), link, &linked).ok());
  EXPECT_EQ(GuestOfTheItem(), guest);

  v1::UnlinkIdentityRequest unlink;
  unlink.set_guest(guest);
  *unlink.mutable_identity() = TwitterHandle("anatravels");
  ASSERT_TRUE(loyalty_->UnlinkIdentity(Admin().get(), unlink, &linked).ok());
  EXPECT_EQ(GuestOfTheItem(), "");
}

// Ingest keeps authors in memory (Store::GetCached): each item must count
// for the voice its author has when it arrives.
TEST_F(LoyaltyFeedbackTest, EachNewItemCountsAsItsAuthorIsNow) {
  v1::Feedback stored;
  ASSERT_TRUE(
      Ingest(Item("tw-a", "@AnaTravels", "Lovely staff"), &stored).ok());
  EXPECT_EQ(stored.guest(), "");
  const std::string guest = NewGuest({});
  v1::LinkIdentityRequest link;
  link.set_guest(guest);
  *link.mutable_identity() = TwitterHandle("anatravels");
  v1::Guest linked;
  ASSERT_TRUE(loyalty_->LinkIdentity(Admin().get(), link, &linked).ok());
  ASSERT_TRUE(Ingest(Item("tw-b", "@AnaTravels", "Noisy bar"), &stored).ok());
  EXPECT_EQ(stored.guest(), guest);

  v1::UnlinkIdentityRequest unlink;
  unlink.set_guest(guest);
  *unlink.mutable_identity() = TwitterHandle("anatravels");
  ASSERT_TRUE(loyalty_->UnlinkIdentity(Admin().get(), unlink, &linked).ok());
  ASSERT_TRUE(Ingest(Item("tw-c", "@AnaTravels", "Cold pool"), &stored).ok());
  EXPECT_EQ(stored.guest(), "");

  // Erasure forgets the author: the same text again is a new author's first
  // item, not a repeat.
  ASSERT_TRUE(loyalty_->LinkIdentity(Admin().get(), link, &linked).ok());
  v1::EraseGuestRequest erase;
  erase.set_name(guest);
  google::protobuf::Empty empty;
  ASSERT_TRUE(loyalty_->EraseGuest(Admin().get(), erase, &empty).ok());
  ASSERT_TRUE(Ingest(Item("tw-d", "@AnaTravels", "Cold pool"), &stored).ok());
  EXPECT_EQ(stored.guest(), "");
  EXPECT_FALSE(stored.repeat());
  ASSERT_TRUE(Ingest(Item("tw-e", "@AnaTravels", "Cold pool"), &stored).ok());
  EXPECT_TRUE(stored.repeat());
}

TEST_F(LoyaltyFeedbackTest, MergeMovesAuthorshipToTheSurvivor) {
  const std::string survivor = NewGuest({});
  const std::string merged = NewGuest({TwitterHandle("anatravels")});
  ASSERT_TRUE(Ingest(Item("tw-2", "anatravels", "Noisy room")).ok());
  EXPECT_EQ(GuestOfTheItem(), merged);

  v1::MergeGuestsRequest request;
  request.set_survivor(survivor);
  request.set_merged(merged);
  v1::Guest result;
  ASSERT_TRUE(loyalty_->MergeGuests(Admin().get(), request, &result).ok());
  EXPECT_EQ(GuestOfTheItem(), survivor);
}

TEST_F(LoyaltyFeedbackTest, ExportHoldsTheFeedbackAndErasureScrubsIt) {
  const std::string guest = NewGuest({TwitterHandle("anatravels")});
  ASSERT_TRUE(Ingest(Item("tw-3", "anatravels", "Dirty bathroom")).ok());
  const auto insights = v1::InsightService::NewStub(server_.channel());
  auto attention_queue = [&] {
    v1::ListAttentionItemsRequest request;
    request.set_scope("organizations/default");
    v1::ListAttentionItemsResponse response;
    EXPECT_TRUE(
        insights->ListAttentionItems(Admin().get(), request, &response).ok());
    return response.items_size();
  };
  ASSERT_EQ(attention_queue(), 1);

  v1::ExportGuestRequest export_request;
  export_request.set_name(guest);
  v1::ExportGuestResponse exported;
  ASSERT_TRUE(
      loyalty_->ExportGuest(Admin().get(), export_request, &exported).ok());
  ASSERT_EQ(exported.feedback_size(), 1);
  EXPECT_EQ(exported.feedback(0).text(), "Dirty bathroom");

  v1::EraseGuestRequest erase;
  erase.set_name(guest);
  google::protobuf::Empty empty;
  ASSERT_TRUE(loyalty_->EraseGuest(Admin().get(), erase, &empty).ok());
  const std::vector<v1::Feedback> items = ListAll();
  ASSERT_EQ(items.size(), 1u) << "the item stays for anonymous aggregates";
  EXPECT_EQ(items[0].text(), "");
  EXPECT_EQ(items[0].author().handle(), "");
  EXPECT_EQ(items[0].guest(), "") << "nothing ties the erased items together";
  EXPECT_EQ(attention_queue(), 0) << "nobody can act on an erased item";
}

}  // namespace
}  // namespace guestvoice
