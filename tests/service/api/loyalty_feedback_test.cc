// LoyaltyService and feedback authorship: linking, merging and erasing guests
// re-attribute or scrub their authors' feedback in the same write.

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/insight_service.grpc.pb.h"
#include "guestvoice/v1/loyalty_service.grpc.pb.h"
#include "tests/testing/feedback_fixture.h"
#include "tests/testing/grpc_matchers.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::GrpcErrorIs;
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

  // Every page of `guest`'s export at `page_size`, asserting each is a
  // successful response; `between_pages` runs after each page but the last.
  std::vector<v1::ExportGuestResponse> ExportPages(
      const std::string& guest, int page_size,
      const std::function<void()>& between_pages = [] {}) {
    std::vector<v1::ExportGuestResponse> pages;
    v1::ExportGuestRequest request;
    request.set_name(guest);
    request.set_page_size(page_size);
    do {
      v1::ExportGuestResponse page;
      const grpc::Status status =
          loyalty_->ExportGuest(Admin().get(), request, &page);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      request.set_page_token(page.next_page_token());
      pages.push_back(std::move(page));
      if (pages.size() > 100) {
        ADD_FAILURE() << "the pages never end";
        break;
      }
      if (!request.page_token().empty()) between_pages();
    } while (!request.page_token().empty());
    return pages;
  }

  std::unique_ptr<v1::LoyaltyService::Stub> loyalty_;
};

// The names of the items in `pages`, asserting none repeats.
std::set<std::string> ExportedItems(
    const std::vector<v1::ExportGuestResponse>& pages) {
  std::set<std::string> names;
  for (const v1::ExportGuestResponse& page : pages) {
    for (const v1::Feedback& item : page.feedback()) {
      EXPECT_TRUE(names.insert(item.name()).second)
          << item.name() << " is exported twice";
    }
  }
  return names;
}

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

TEST_F(LoyaltyFeedbackTest, AnExportTooLargeForOneResponseComesInPages) {
  // ~0.2 MiB per review (every mention quotes its clause): 25 of them are
  // more than the 4 MiB a gRPC client accepts in one response by default.
  const std::string clause =
      "the dirty room, rude staff, cold breakfast, noisy street and slow "
      "wifi were awful. ";
  std::string text;
  while (text.size() + clause.size() <= 16 * 1024) text += clause;
  const std::string guest =
      NewGuest({TwitterHandle("anatravels"), TwitterHandle("ana_two")});
  std::set<std::string> ingested;
  for (int i = 0; i < 25; ++i) {
    v1::Feedback stored;
    ASSERT_TRUE(Ingest(Item(absl::StrCat("long-", i), "anatravels",
                            absl::StrCat(i, " ", text)),
                       &stored)
                    .ok());
    ingested.insert(stored.name());
  }
  for (int i = 0; i < 3; ++i) {
    v1::Feedback stored;
    ASSERT_TRUE(Ingest(Item(absl::StrCat("short-", i), "ana_two",
                            absl::StrCat("Noisy room ", i)),
                       &stored)
                    .ok());
    ingested.insert(stored.name());
  }

  // An item ingested between two pages neither repeats nor hides the rest.
  int later = 0;
  const std::vector<v1::ExportGuestResponse> pages =
      ExportPages(guest, /*page_size=*/0, [&] {
        ASSERT_TRUE(Ingest(Item(absl::StrCat("later-", later), "anatravels",
                                absl::StrCat("Cold shower ", later)))
                        .ok());
        ++later;
      });
  ASSERT_GT(pages.size(), 1u);
  for (const v1::ExportGuestResponse& page : pages) {
    EXPECT_LE(page.ByteSizeLong(), size_t{4} << 20);
  }
  EXPECT_EQ(pages[0].guest().name(), guest);
  EXPECT_EQ(pages[0].guest().identities_size(), 2);
  EXPECT_TRUE(pages[0].has_loyalty_status());
  for (size_t i = 1; i < pages.size(); ++i) {
    EXPECT_FALSE(pages[i].has_guest()) << "page " << i;
    EXPECT_FALSE(pages[i].has_loyalty_status()) << "page " << i;
  }
  const std::set<std::string> exported = ExportedItems(pages);
  for (const std::string& name : ingested) {
    EXPECT_TRUE(exported.count(name)) << name << " is missing";
  }
  EXPECT_LE(exported.size(), ingested.size() + later);
}

TEST_F(LoyaltyFeedbackTest, ExportPagesOfEverySizeHoldEveryItemOnce) {
  const std::string guest =
      NewGuest({TwitterHandle("anatravels"), TwitterHandle("ana_two")});
  std::set<std::string> ingested;
  for (int i = 0; i < 7; ++i) {
    v1::Feedback stored;
    // Posted at one time: items are ordered by name within it.
    ASSERT_TRUE(Ingest(Item(absl::StrCat("tw-", i),
                            i % 3 == 0 ? "ana_two" : "anatravels",
                            absl::StrCat("Noisy room ", i)),
                       &stored)
                    .ok());
    ingested.insert(stored.name());
  }
  const std::vector<v1::ExportGuestResponse> whole = ExportPages(guest, 0);
  ASSERT_EQ(whole.size(), 1u);
  EXPECT_EQ(ExportedItems(whole), ingested);
  for (int page_size = 1; page_size <= 7; ++page_size) {
    const std::vector<v1::ExportGuestResponse> pages =
        ExportPages(guest, page_size);
    EXPECT_EQ(ExportedItems(pages), ingested) << "page_size " << page_size;
    EXPECT_EQ(pages.size(), size_t{(7 + page_size - 1) / page_size})
        << "page_size " << page_size;
    std::vector<std::string> order;
    for (const auto& page : pages) {
      for (const auto& item : page.feedback()) order.push_back(item.name());
    }
    std::vector<std::string> whole_order;
    for (const auto& item : whole[0].feedback()) {
      whole_order.push_back(item.name());
    }
    EXPECT_EQ(order, whole_order) << "page_size " << page_size;
  }
}

TEST_F(LoyaltyFeedbackTest, AnExportTokenServesOnlyItsOwnGuest) {
  const std::string ana = NewGuest({TwitterHandle("anatravels")});
  const std::string bruno = NewGuest({TwitterHandle("bruno")});
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(Ingest(Item(absl::StrCat("tw-", i), "anatravels",
                            absl::StrCat("Noisy room ", i)))
                    .ok());
  }
  v1::ExportGuestRequest request;
  request.set_name(ana);
  request.set_page_size(1);
  v1::ExportGuestResponse page;
  ASSERT_TRUE(loyalty_->ExportGuest(Admin().get(), request, &page).ok());
  ASSERT_FALSE(page.next_page_token().empty());

  request.set_name(bruno);
  request.set_page_token(page.next_page_token());
  EXPECT_THAT(
      loyalty_->ExportGuest(Admin().get(), request, &page),
      GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "PAGE_TOKEN_INVALID"));
  request.set_name(ana);
  request.set_page_token("");
  request.set_page_size(-1);
  EXPECT_THAT(loyalty_->ExportGuest(Admin().get(), request, &page),
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
}

}  // namespace
}  // namespace guestvoice
