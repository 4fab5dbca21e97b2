// The attention queue: what needs attention (open, negative, no repeat, at
// the scope's hotels), its order (severity band, hotel-local day, the
// author's loyalty tier, exact severity, post time, id) and its pages, which
// resume after the last item's place in that order. Audience size is no
// input at all: no message carries one (tests/service/api/no_influence_test).

#include "service/insights/attention.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/pagination.h"
#include "service/core/proto_time.h"
#include "tests/service/insights/insight_domain_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

constexpr char kIdentity[] = "ListAttentionItems\norganizations/acme";

// 2026-01-`day` `hour`:00 UTC, the same hour in Lisbon in winter.
absl::Time January(int day, int hour = 12) {
  return absl::FromCivil(absl::CivilSecond(2026, 1, day, hour, 0, 0),
                         absl::UTCTimeZone());
}

// A stored item as the order key sees it.
internal::v1::StoredFeedback Queued(double compound, int64_t day,
                                    absl::Time post_time = January(10),
                                    const std::string& id = "f1") {
  internal::v1::StoredFeedback item;
  item.set_aggregate_day(day);
  v1::Feedback& feedback = *item.mutable_feedback();
  feedback.set_name("organizations/acme/feedback/" + id);
  feedback.mutable_analysis()->mutable_sentiment()->set_compound(compound);
  *feedback.mutable_post_time() = ToProtoTimestamp(post_time);
  return item;
}

// Whether `first` comes before `second` in the queue.
bool Before(const internal::v1::StoredFeedback& first, int first_tier,
            const internal::v1::StoredFeedback& second, int second_tier) {
  return AttentionOrderKey(first, first_tier) <
         AttentionOrderKey(second, second_tier);
}

constexpr int kUnknown = -1;

TEST(AttentionOrderKeyTest, TheSeverityBandComesFirst) {
  // Severity -compound in tenths: 0.75 is band 7, 0.65 band 6.
  EXPECT_TRUE(Before(Queued(-0.75, 1), kUnknown, Queued(-0.65, 10), 3));
  EXPECT_FALSE(Before(Queued(-0.65, 10), 3, Queued(-0.75, 1), kUnknown));
  // Each band starts at its tenth.
  for (int tenth = 1; tenth <= 9; ++tenth) {
    EXPECT_TRUE(Before(Queued(-tenth / 10.0, 1), kUnknown,
                       Queued(-tenth / 10.0 + 0.0001, 10), 3))
        << "severity " << tenth / 10.0;
  }
}

TEST(AttentionOrderKeyTest, WithinABandNewerDaysFirst) {
  EXPECT_TRUE(Before(Queued(-0.61, 10), kUnknown, Queued(-0.69, 9), 3));
  // Severities of 1 and more share the top band.
  EXPECT_TRUE(Before(Queued(-0.95, 10), kUnknown, Queued(-1.0, 9), 3));
  EXPECT_TRUE(Before(Queued(-1.0, 10), kUnknown, Queued(-1.2, 9), 3));
}

TEST(AttentionOrderKeyTest, WithinADayHigherTiersFirstThenBaseThenUnknown) {
  EXPECT_TRUE(Before(Queued(-0.61, 10), 2, Queued(-0.69, 10), 1));
  EXPECT_TRUE(Before(Queued(-0.61, 10), 1, Queued(-0.69, 10), 0));
  EXPECT_TRUE(Before(Queued(-0.61, 10), 0, Queued(-0.69, 10), kUnknown))
      << "a known guest at the base tier before an unknown author";
}

TEST(AttentionOrderKeyTest, ThenExactSeverityPostTimeAndId) {
  EXPECT_TRUE(Before(Queued(-0.69, 10, January(9)), 1,
                     Queued(-0.61, 10, January(10)), 1));
  EXPECT_TRUE(Before(Queued(-0.65, 10, January(10, 13)), 1,
                     Queued(-0.65, 10, January(10, 12)), 1))
      << "newer first";
  EXPECT_TRUE(Before(Queued(-0.65, 10, January(10), "a1"), 1,
                     Queued(-0.65, 10, January(10), "b1"), 1));
  EXPECT_EQ(AttentionOrderKey(Queued(-0.65, 10), 1),
            AttentionOrderKey(Queued(-0.65, 10), 1));
}

class ListAttentionPageTest : public testing::InsightDomainFixture {
 protected:
  absl::StatusOr<v1::ListAttentionItemsResponse> Page(
      const std::string& scope, int32_t page_size,
      const std::string& page_token = "",
      const std::string& identity = kIdentity) {
    GuestTiers tiers = Tiers();
    return ListAttentionPage(*store_, Scope(scope), tiers, page_size,
                             page_token, identity, CallCancellation::Never());
  }

  // The names of the items of one page of acme's queue.
  std::vector<std::string> Names(
      const std::string& scope = "organizations/acme", int32_t page_size = 0) {
    auto page = Page(scope, page_size);
    EXPECT_OK(page.status());
    return page.ok() ? NamesOf(*page) : std::vector<std::string>();
  }

  static std::vector<std::string> NamesOf(
      const v1::ListAttentionItemsResponse& page) {
    std::vector<std::string> names;
    for (const v1::AttentionItem& item : page.items()) {
      names.push_back(item.feedback().name());
    }
    return names;
  }
};

TEST_F(ListAttentionPageTest, OnlyOpenNegativeFeedbackOfTheScopeIsListed) {
  const v1::Feedback worst = Post(
      "a", "@ana", "Horrible, disgusting, filthy, terrible hotel, worst ever.",
      January(15, 8));
  const v1::Feedback bad = Post(
      "b", "@bea", "Filthy bathroom, rude staff, awful stay.", January(15, 8));
  const v1::Feedback dirty =
      Post("c", "@cy", "The bathroom was dirty.", January(15, 8));
  const v1::Feedback tokyo =
      Post("t", "@tom", "Terrible.", January(15, 8), "tokyo");
  Post("positive", "@dee", "The staff were wonderful.", January(15, 8));
  Post("neutral", "@eve", "It was ok.", January(15, 8));
  const v1::Feedback mild = Post("mild", "@meg", "Meh.", January(15, 8));
  ASSERT_TRUE(Post("repeat", "@cy", "The bathroom was dirty.", January(15, 9))
                  .repeat());
  SetCaseState(Post("seen", "@fay", "Bad.", January(15, 8)).name(),
               v1::CASE_STATE_ACKNOWLEDGED);
  SetCaseState(Post("done", "@gus", "Awful.", January(15, 8)).name(),
               v1::CASE_STATE_RESOLVED);

  // Tokyo's -0.4767 and Lisbon's -0.4404 share band 4 and the 15th: the
  // more severe first. "Meh." (-0.0772) is negative, in the last band.
  EXPECT_THAT(Names(), ElementsAre(worst.name(), bad.name(), tokyo.name(),
                                   dirty.name(), mild.name()));
  EXPECT_THAT(Names("organizations/acme/hotels/lisbon"),
              ElementsAre(worst.name(), bad.name(), dirty.name(), mild.name()));
  EXPECT_THAT(Names("organizations/acme/hotels/tokyo"),
              ElementsAre(tokyo.name()));
}

TEST_F(ListAttentionPageTest, ALowRatingSpeaksWhereNoWordsWereScored) {
  // Unscored items are judged by their rating, 2 * normalized_value - 1 on
  // the compound scale: 1 of 5 is severity 1, 2 of 5 is 0.5, 3 of 10 is 5/9.
  const v1::Feedback one_star = PostRated("r1", "@ana", "", 1, 5, January(14));
  const v1::Feedback two_stars =
      PostRated("r2", "@bea", "", 2, 5, January(15), "tokyo");
  const v1::Feedback three_of_ten =
      PostRated("r3", "@cy", "", 3, 10, January(15));
  // Chinese has no analyser: its words are kept, and its rating judged.
  const v1::Feedback chinese =
      PostRated("zh", "@dee", "房间很脏，服务员态度很差。", 1, 5, January(13));
  ASSERT_EQ(chinese.analysis().not_scored_reason(),
            v1::NOT_SCORED_REASON_LANGUAGE_UNSUPPORTED);
  // A scored text is judged by its words, whatever its rating.
  const v1::Feedback spanish = PostRated(
      "es", "@eve", "La habitación estaba sucia y el personal fue muy grosero.",
      5, 5, January(15));
  ASSERT_LE(spanish.analysis().sentiment().compound(), -0.05);
  PostRated("praise", "@fay", "The staff were wonderful.", 1, 5, January(15));
  // Not listed: the middle of the scale, a high rating, no rating and no
  // scored words, a resolved case, an erased guest's rating.
  PostRated("middle", "@gus", "", 3, 5, January(15));
  PostRated("top", "@hal", "", 5, 5, January(15));
  Post("unrated", "@ivy", "房间很脏，服务员态度很差。", January(15));
  SetCaseState(PostRated("done", "@jon", "", 1, 5, January(15)).name(),
               v1::CASE_STATE_RESOLVED);
  v1::EraseGuestRequest erase;
  erase.set_name(Guest("@kim", "gold"));
  PostRated("erased", "@kim", "", 1, 5, January(15));
  ASSERT_EQ(Names().size(), 6);
  ASSERT_OK(Guests(domain()).Erase(acme_, erase));

  ASSERT_OK_AND_ASSIGN(v1::ListAttentionItemsResponse page,
                       Page("organizations/acme", 0));
  // Band 9 (one star, then the Chinese complaint a day older), then band 7
  // (the Spanish complaint), band 5 (three of ten and two stars, the same
  // day: the more severe first).
  EXPECT_THAT(NamesOf(page),
              ElementsAre(one_star.name(), chinese.name(), spanish.name(),
                          three_of_ten.name(), two_stars.name()));
  ASSERT_EQ(page.items_size(), 5);
  EXPECT_DOUBLE_EQ(page.items(0).severity(), 1);
  EXPECT_EQ(page.items(0).feedback().text(), "");
  EXPECT_DOUBLE_EQ(page.items(1).severity(), 1);
  EXPECT_DOUBLE_EQ(page.items(2).severity(),
                   -spanish.analysis().sentiment().compound());
  EXPECT_DOUBLE_EQ(page.items(3).severity(), 1 - 2 * (2.0 / 9));
  EXPECT_DOUBLE_EQ(page.items(4).severity(), 0.5);
}

TEST_F(ListAttentionPageTest, ItemsCarryTheFeedbackSeverityAndTier) {
  Guest("@ana", "gold");
  const v1::Feedback ana = Post("a", "@ana", "Bad.", January(15, 8));
  const v1::Feedback bea = Post("b", "@bea", "Terrible.", January(15, 8));

  ASSERT_OK_AND_ASSIGN(v1::ListAttentionItemsResponse page,
                       Page("organizations/acme", 0));
  ASSERT_EQ(page.items_size(), 2);
  EXPECT_EQ(page.items(0).feedback().SerializeAsString(),
            ana.SerializeAsString());
  EXPECT_DOUBLE_EQ(page.items(0).severity(),
                   -ana.analysis().sentiment().compound());
  EXPECT_EQ(page.items(0).loyalty_tier(), "gold");
  EXPECT_EQ(page.items(1).feedback().name(), bea.name());
  EXPECT_EQ(page.items(1).loyalty_tier(), "") << "an unknown author";
  EXPECT_EQ(page.next_page_token(), "");
}

TEST_F(ListAttentionPageTest, WithinABandRecencyThenLoyaltyTier) {
  Guest("@gold", "gold");
  Guest("@member");
  Guest("@old", "platinum");  // the highest tier, but days come first
  // All in band 4 but the last, which is band 3 and the newest.
  const v1::Feedback old =
      Post("old", "@old", "The bathroom was dirty.", January(12));
  const v1::Feedback stranger =
      Post("stranger", "@stranger", "Terrible.", January(14));
  const v1::Feedback member =
      Post("member", "@member", "The wifi was terrible.", January(14));
  const v1::Feedback gold =
      Post("gold", "@gold", "The staff were rude.", January(14));
  const v1::Feedback mild =
      Post("mild", "@new", "The bed was uncomfortable.", January(15));
  ASSERT_EQ(stranger.analysis().sentiment().compound(),
            member.analysis().sentiment().compound());
  ASSERT_GT(gold.analysis().sentiment().compound(),
            member.analysis().sentiment().compound())
      << "gold's complaint is the milder one";

  EXPECT_THAT(Names(), ElementsAre(gold.name(), member.name(), stranger.name(),
                                   old.name(), mild.name()));
}

TEST_F(ListAttentionPageTest, PagesResumeAfterTheLastItemsPlace) {
  std::vector<std::string> queue;
  // Older days come later in the queue.
  for (int day = 14; day >= 10; --day) {
    queue.push_back(Post(absl::StrCat("d", day), absl::StrCat("@guest", day),
                         "The bathroom was dirty.", January(day))
                        .name());
  }
  ASSERT_THAT(Names(), ElementsAreArray(queue));

  ASSERT_OK_AND_ASSIGN(v1::ListAttentionItemsResponse first,
                       Page("organizations/acme", 2));
  EXPECT_THAT(NamesOf(first), ElementsAre(queue[0], queue[1]));
  ASSERT_NE(first.next_page_token(), "");

  // New items before the token's place are not on later pages; those after
  // it are.
  Post("new-before", "@new1", "The bathroom was dirty.", January(15));
  const std::string after =
      Post("new-after", "@new2", "The bathroom was dirty.", January(9)).name();

  ASSERT_OK_AND_ASSIGN(v1::ListAttentionItemsResponse second,
                       Page("organizations/acme", 2, first.next_page_token()));
  EXPECT_THAT(NamesOf(second), ElementsAre(queue[2], queue[3]));
  ASSERT_NE(second.next_page_token(), "");
  ASSERT_OK_AND_ASSIGN(v1::ListAttentionItemsResponse third,
                       Page("organizations/acme", 2, second.next_page_token()));
  EXPECT_THAT(NamesOf(third), ElementsAre(queue[4], after));
  EXPECT_EQ(third.next_page_token(), "") << "nothing follows";
}

TEST_F(ListAttentionPageTest, PagesOfEverySizeListTheQueueOnce) {
  // Groups (band and day) of several items whose order within the group is
  // the loyalty tier's, so pages end inside groups and between them.
  Guest("@gold", "gold");
  Guest("@member");
  const char* const handles[] = {"@gold", "@member", "@stranger"};
  const char* const texts[] = {"The bathroom was dirty.", "Terrible.",
                               "Filthy bathroom, rude staff, awful stay."};
  int posted = 0;
  for (int day = 10; day <= 13; ++day) {
    for (const char* handle : handles) {
      for (const char* text : texts) {
        // The day in the text keeps an author's texts apart (no repeats).
        Post(absl::StrCat("f", posted), handle,
             absl::StrCat(text, " Day ", day, "."),
             January(day, 8) + absl::Minutes(posted));
        ++posted;
      }
    }
  }
  const std::vector<std::string> queue =
      Names("organizations/acme", kMaxPageSize);
  ASSERT_EQ(queue.size(), 36);

  for (int32_t page_size : {1, 2, 5, 7, 35}) {
    std::vector<std::string> paged;
    std::string token;
    do {
      ASSERT_OK_AND_ASSIGN(v1::ListAttentionItemsResponse page,
                           Page("organizations/acme", page_size, token));
      ASSERT_LE(page.items_size(), page_size);
      for (const std::string& name : NamesOf(page)) paged.push_back(name);
      token = page.next_page_token();
    } while (!token.empty());
    EXPECT_EQ(paged, queue) << "pages of " << page_size;
  }
}

TEST_F(ListAttentionPageTest, ATokenServesOnlyItsOwnRequest) {
  Post("a", "@ana", "Bad.", January(15, 8));
  Post("b", "@bea", "Terrible.", January(15, 8));
  ASSERT_OK_AND_ASSIGN(v1::ListAttentionItemsResponse first,
                       Page("organizations/acme", 1));
  ASSERT_NE(first.next_page_token(), "");
  EXPECT_THAT(Page("organizations/acme", 1, first.next_page_token(),
                   "ListAttentionItems\norganizations/acme/hotels/lisbon"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid request: page_token: not issued by this "
                       "method for this request"));
  EXPECT_THAT(Page("organizations/acme", 1, "not-a-token"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(ListAttentionPageTest, PageSizesDefaultTo50AndAreNeverNegative) {
  for (int i = 0; i < 51; ++i) {
    Post(absl::StrCat("f", i), absl::StrCat("@guest", i),
         "The bathroom was dirty.", January(15, 8) + absl::Seconds(i));
  }
  ASSERT_OK_AND_ASSIGN(v1::ListAttentionItemsResponse page,
                       Page("organizations/acme", 0));
  EXPECT_EQ(page.items_size(), 50);
  EXPECT_NE(page.next_page_token(), "");
  ASSERT_OK_AND_ASSIGN(page, Page("organizations/acme", 51));
  EXPECT_EQ(page.items_size(), 51);
  EXPECT_EQ(page.next_page_token(), "");
  EXPECT_THAT(Page("organizations/acme", -1),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid request: page_size: must not be negative"));
}

}  // namespace
}  // namespace guestvoice::service
