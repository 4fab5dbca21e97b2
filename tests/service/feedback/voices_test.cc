// Re-attribution and erasure of an author's feedback, as LoyaltyService
// drives them, checked through the API and the pre-aggregates.

#include "service/feedback/voices.h"

#include <map>
#include <string>

#include "common/status_macros.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/feedback/aggregates.h"
#include "storage/keys.h"
#include "tests/testing/feedback_fixture.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::FeedbackFixture;
using ::guestvoice::testing::TestServer;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct VoiceTotals {
  int64_t feedback = 0;
  int64_t sentiment = 0;
  int64_t mentions = 0;
  int64_t negative_mentions = 0;
  bool operator==(const VoiceTotals& other) const {
    return feedback == other.feedback && sentiment == other.sentiment &&
           mentions == other.mentions &&
           negative_mentions == other.negative_mentions;
  }
};

class VoiceAttributionTest : public FeedbackFixture {
 protected:
  // Every voice of the lisbon hotel with its summed counters.
  std::map<std::string, VoiceTotals> Voices() {
    std::map<std::string, VoiceTotals> voices;
    storage::Store& store = server_.server().store();
    EXPECT_TRUE(service::ScanVoiceDays(
                    store, "default", "lisbon", 0, 1 << 20,
                    [&](int64_t, std::string_view voice,
                        const service::VoiceDayCounters& counters) {
                      VoiceTotals& totals = voices[std::string(voice)];
                      totals.feedback += counters.feedback_count;
                      totals.sentiment += counters.sentiment_sum;
                    })
                    .ok());
    EXPECT_TRUE(service::ScanAspectDays(
                    store, "default", "lisbon", 0, 1 << 20,
                    [&](int64_t, std::string_view, std::string_view voice,
                        const service::AspectDayCounters& counters) {
                      VoiceTotals& totals = voices[std::string(voice)];
                      totals.mentions += counters.mention_count;
                      totals.negative_mentions +=
                          counters.negative_mention_count;
                    })
                    .ok());
    return voices;
  }

  absl::Status Attribute(const std::string& handle, const std::string& guest) {
    service::Server& server = server_.server();
    auto lock = server.attribution_locks().Lock("default");
    storage::WriteBatch batch;
    RETURN_IF_ERROR(service::AttributeAuthor(
        server.store(), "default", {v1::SOURCE_TWITTER, handle}, guest, batch));
    return server.store().Write(std::move(batch));
  }

  // Negative clauses of lisbon about cleanliness kept for top issues.
  int CleanlinessQuotes() {
    int quotes = 0;
    EXPECT_TRUE(server_.server()
                    .store()
                    .Scan(storage::ColumnFamily::kFeedback,
                          storage::NegativeQuotePrefix("default", "lisbon",
                                                       "cleanliness"),
                          "", 0,
                          [&](std::string_view, std::string_view) {
                            ++quotes;
                            return storage::ScanStep::kContinue;
                          })
                    .ok());
    return quotes;
  }

  absl::Status Erase(const std::string& handle) {
    service::Server& server = server_.server();
    auto lock = server.attribution_locks().Lock("default");
    storage::WriteBatch batch;
    RETURN_IF_ERROR(service::EraseAuthor(server.store(), "default",
                                         {v1::SOURCE_TWITTER, handle}, batch));
    return server.store().Write(std::move(batch));
  }
};

TEST_F(VoiceAttributionTest, LinkingMovesAnAuthorsContributionsExactly) {
  ASSERT_TRUE(Ingest(Item("1", "@ana", "Filthy room, rude staff")).ok());
  ASSERT_TRUE(Ingest(Item("2", "@ana", "Great breakfast")).ok());
  ASSERT_TRUE(Ingest(Item("3", "@ana", "Great breakfast")).ok());  // repeat
  ASSERT_TRUE(Ingest(Item("4", "@bob", "Noisy, no sleep")).ok());
  const auto before = Voices();
  ASSERT_EQ(before.size(), 2u);

  ASSERT_TRUE(Attribute("@ana", "guest-1").ok());
  const auto linked = Voices();
  const std::string guest_voice = service::GuestVoiceId("guest-1");
  ASSERT_EQ(linked.size(), 2u) << "the author's own voice must be emptied";
  ASSERT_TRUE(linked.count(guest_voice));
  EXPECT_EQ(linked.at(guest_voice).feedback, 2);
  VoiceTotals moved;
  for (const auto& [voice, totals] : before) {
    if (linked.count(voice)) {
      EXPECT_TRUE(totals == linked.at(voice)) << "bob's voice is untouched";
    } else {
      moved = totals;
    }
  }
  EXPECT_TRUE(moved == linked.at(guest_voice));

  auto items = service::ListAuthorFeedback(server_.server().store(), "default",
                                           {v1::SOURCE_TWITTER, "@ana"});
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 3u);
  for (const auto& item : *items) {
    EXPECT_EQ(item.guest(), "organizations/default/guests/guest-1");
  }

  // Later feedback of the author counts for the guest from the start.
  ASSERT_TRUE(Ingest(Item("5", "@ana", "Wifi kept dropping")).ok());
  EXPECT_EQ(Voices().at(guest_voice).feedback, 3);

  // Unlinking moves everything back, exactly.
  ASSERT_TRUE(Attribute("@ana", "").ok());
  const auto unlinked = Voices();
  EXPECT_FALSE(unlinked.count(guest_voice));
  EXPECT_EQ(unlinked.size(), 2u);
}

TEST_F(VoiceAttributionTest, TwoAuthorsOfOneGuestAreOneVoice) {
  ASSERT_TRUE(Attribute("@ana", "guest-1").ok());  // before any feedback
  ASSERT_TRUE(Ingest(Item("1", "@ana", "Dirty towels")).ok());
  ASSERT_TRUE(Ingest(Item("2", "@ana_alt", "Dirty carpet")).ok());
  ASSERT_TRUE(Attribute("@ana_alt", "guest-1").ok());
  const auto voices = Voices();
  ASSERT_EQ(voices.size(), 1u);
  EXPECT_EQ(voices.begin()->first, service::GuestVoiceId("guest-1"));
  EXPECT_EQ(voices.begin()->second.feedback, 2);
}

TEST_F(VoiceAttributionTest, ErasureScrubsTextButLeavesAggregates) {
  v1::Feedback stored;
  ASSERT_TRUE(
      Ingest(Item("1", "@ana", "Filthy bathroom, rude staff"), &stored).ok());
  ASSERT_TRUE(Ingest(Item("2", "@bob", "Lovely pool")).ok());
  const auto before = Voices();
  EXPECT_EQ(CleanlinessQuotes(), 1);
  ASSERT_TRUE(Erase("@ana").ok());
  EXPECT_EQ(Voices(), before);

  v1::GetFeedbackRequest get;
  get.set_name(stored.name());
  v1::Feedback fetched;
  ASSERT_TRUE(stub_
                  ->GetFeedback(TestServer::Context(server_.admin_key()).get(),
                                get, &fetched)
                  .ok());
  EXPECT_THAT(fetched.text(), IsEmpty());
  EXPECT_THAT(fetched.author().handle(), IsEmpty());
  ASSERT_GT(fetched.analysis().aspects_size(), 0);
  for (const auto& mention : fetched.analysis().aspects()) {
    EXPECT_THAT(mention.text(), IsEmpty());
  }
  EXPECT_EQ(fetched.analysis().sentiment().compound(),
            stored.analysis().sentiment().compound());
  auto items = service::ListAuthorFeedback(server_.server().store(), "default",
                                           {v1::SOURCE_TWITTER, "@ana"});
  ASSERT_TRUE(items.ok());
  EXPECT_THAT(*items, IsEmpty());
  // No negative quote of the erased text is left behind.
  EXPECT_EQ(CleanlinessQuotes(), 0);
}

}  // namespace
}  // namespace guestvoice
