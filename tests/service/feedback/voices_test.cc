// Re-attribution and erasure of an author's feedback, as LoyaltyService
// drives them, checked through the stored items and the pre-aggregates.

#include "service/feedback/voices.h"

#include <map>
#include <string>
#include <string_view>

#include "common/status_macros.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/feedback/aggregates.h"
#include "service/feedback/feedback_items.h"
#include "storage/keys.h"
#include "tests/service/feedback/domain_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice {
namespace {

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

class VoiceAttributionTest : public testing::FeedbackDomainFixture {
 protected:
  // Every voice of acme's lisbon hotel with its summed counters.
  std::map<std::string, VoiceTotals> Voices() {
    std::map<std::string, VoiceTotals> voices;
    // All of its history: 1970 to 2106, beyond any test's days.
    auto blocks = [&](storage::AggregateTable table) {
      auto read =
          service::ReadBlocks(store(), "acme", table, "lisbon", 0, 1 << 20,
                              service::BlockCover::kFewestBlocks, nullptr);
      EXPECT_TRUE(read.ok()) << read.status();
      return read.ok() ? *std::move(read)
                       : std::vector<service::AggregateBlock>{};
    };
    EXPECT_TRUE(service::SumVoices(blocks(storage::AggregateTable::kVoices),
                                   [&](std::string_view voice,
                                       const service::VoiceCounters& counters) {
                                     VoiceTotals& totals =
                                         voices[std::string(voice)];
                                     totals.feedback += counters.feedback_count;
                                     totals.sentiment += counters.sentiment_sum;
                                   })
                    .ok());
    EXPECT_TRUE(service::SumAspectVoices(
                    blocks(storage::AggregateTable::kAspects),
                    [&](std::string_view, std::string_view voice,
                        const service::AspectCounters& counters) {
                      VoiceTotals& totals = voices[std::string(voice)];
                      totals.mentions += counters.mention_count;
                      totals.negative_mentions +=
                          counters.negative_mention_count;
                    })
                    .ok());
    return voices;
  }

  // Links (or with "" unlinks) acme's author `handle` to `guest` as
  // LoyaltyService does: under the organization's lock.
  absl::Status Attribute(const std::string& handle, const std::string& guest) {
    auto lock = organization_locks_.Lock("acme");
    storage::WriteBatch batch;
    RETURN_IF_ERROR(service::AttributeAuthor(
        store(), ids_, "acme", {v1::SOURCE_TWITTER, handle}, guest, batch));
    return store().Write(std::move(batch));
  }

  // Negative clauses of lisbon about cleanliness kept for top issues.
  int CleanlinessQuotes() {
    int quotes = 0;
    EXPECT_TRUE(
        store()
            .Scan(storage::ColumnFamily::kFeedback,
                  storage::NegativeQuotePrefix("acme", "lisbon", "cleanliness"),
                  "", 0,
                  [&](std::string_view, std::string_view) {
                    ++quotes;
                    return storage::ScanStep::kContinue;
                  })
            .ok());
    return quotes;
  }

  // Erases acme's author `handle`, under the organization's lock like
  // Attribute.
  absl::Status Erase(const std::string& handle) {
    auto lock = organization_locks_.Lock("acme");
    storage::WriteBatch batch;
    RETURN_IF_ERROR(service::EraseAuthor(store(), "acme",
                                         {v1::SOURCE_TWITTER, handle}, batch));
    return store().Write(std::move(batch));
  }
};

TEST_F(VoiceAttributionTest, LinkingMovesAnAuthorsContributionsExactly) {
  ASSERT_OK(
      IngestAs(acme_, kAcme, Item("1", "@ana", "Filthy room, rude staff")));
  ASSERT_OK(IngestAs(acme_, kAcme, Item("2", "@ana", "Great breakfast")));
  // The same text again, as another post.
  ASSERT_OK(IngestAs(acme_, kAcme, Item("3", "@ana", "Great breakfast")));
  ASSERT_OK(IngestAs(acme_, kAcme, Item("4", "@bob", "Noisy, no sleep")));
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

  auto items = service::ListAuthorFeedback(store(), "acme",
                                           {v1::SOURCE_TWITTER, "@ana"});
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 3u);
  for (const auto& item : *items) {
    EXPECT_EQ(item.guest(), "organizations/acme/guests/guest-1");
  }

  // Later feedback of the author counts for the guest from the start.
  ASSERT_OK(IngestAs(acme_, kAcme, Item("5", "@ana", "Wifi kept dropping")));
  EXPECT_EQ(Voices().at(guest_voice).feedback, 3);

  // Unlinking moves everything back, exactly.
  ASSERT_TRUE(Attribute("@ana", "").ok());
  const auto unlinked = Voices();
  EXPECT_FALSE(unlinked.count(guest_voice));
  EXPECT_EQ(unlinked.size(), 2u);
}

TEST_F(VoiceAttributionTest, TwoAuthorsOfOneGuestAreOneVoice) {
  ASSERT_TRUE(Attribute("@ana", "guest-1").ok());  // before any feedback
  ASSERT_OK(IngestAs(acme_, kAcme, Item("1", "@ana", "Dirty towels")));
  ASSERT_OK(IngestAs(acme_, kAcme, Item("2", "@ana_alt", "Dirty carpet")));
  ASSERT_TRUE(Attribute("@ana_alt", "guest-1").ok());
  const auto voices = Voices();
  ASSERT_EQ(voices.size(), 1u);
  EXPECT_EQ(voices.begin()->first, service::GuestVoiceId("guest-1"));
  EXPECT_EQ(voices.begin()->second.feedback, 2);
}

TEST_F(VoiceAttributionTest, ErasureScrubsTextButLeavesAggregates) {
  v1::Feedback stored;
  ASSERT_OK(IngestAs(
      acme_, kAcme, Item("1", "@ana", "Filthy bathroom, rude staff"), &stored));
  ASSERT_OK(IngestAs(acme_, kAcme, Item("2", "@bob", "Lovely pool")));
  const auto before = Voices();
  EXPECT_EQ(CleanlinessQuotes(), 1);
  ASSERT_TRUE(Erase("@ana").ok());
  EXPECT_EQ(Voices(), before);

  v1::GetFeedbackRequest get;
  get.set_name(stored.name());
  v1::Feedback fetched;
  ASSERT_OK(service::FeedbackItems(domain()).Get(acme_, get, fetched));
  EXPECT_THAT(fetched.text(), IsEmpty());
  EXPECT_THAT(fetched.author().handle(), IsEmpty());
  ASSERT_GT(fetched.analysis().aspects_size(), 0);
  for (const auto& mention : fetched.analysis().aspects()) {
    EXPECT_THAT(mention.text(), IsEmpty());
  }
  EXPECT_EQ(fetched.analysis().sentiment().compound(),
            stored.analysis().sentiment().compound());
  auto items = service::ListAuthorFeedback(store(), "acme",
                                           {v1::SOURCE_TWITTER, "@ana"});
  ASSERT_TRUE(items.ok());
  EXPECT_THAT(*items, IsEmpty());
  // No negative quote of the erased text is left behind.
  EXPECT_EQ(CleanlinessQuotes(), 0);
}

}  // namespace
}  // namespace guestvoice
