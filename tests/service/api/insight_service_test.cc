// InsightService: the "one guest, one voice" pins, attention order, loyalty
// insights and bad input. insight_property_test.cc checks figures against a
// brute force on random data.

#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/errors.h"
#include "service/loyalty/program.h"
#include "tests/testing/grpc_matchers.h"
#include "tests/testing/insight_fixture.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::GrpcErrorIs;
using ::guestvoice::testing::ViolatedFields;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

constexpr char kNegative[] = "The room was filthy and the staff were rude.";
constexpr char kPositive[] =
    "The staff were wonderful and the room was lovely.";

class InsightServiceTest : public testing::InsightFixture {
 protected:
  v1::Feedback IngestText(const std::string& id, const std::string& handle,
                          const std::string& text,
                          const std::string& hotel = "lisbon") {
    v1::Feedback stored;
    const grpc::Status status = Ingest(Item(id, handle, text, hotel), &stored);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return stored;
  }
};

TEST_F(InsightServiceTest, OneLoudAuthorDoesNotOutweighTenGuests) {
  for (int i = 0; i < 100; ++i) {
    // Distinct texts, so none is a repeat: the author still counts once.
    IngestText(absl::StrCat("angry-", i), "angry",
               absl::StrCat(kNegative, " Visit ", i, "."));
  }
  for (int i = 0; i < 10; ++i) {
    IngestText(absl::StrCat("happy-", i), absl::StrCat("happy", i), kPositive);
  }
  const v1::HotelSummary summary = Summary(RecentDays());
  EXPECT_EQ(summary.current().feedback_count(), 110);
  EXPECT_EQ(summary.current().voice_count(), 11);
  EXPECT_GT(summary.current().mean_sentiment(), 0.05);
  EXPECT_NEAR(summary.current().positive_share(), 10.0 / 11, 1e-12);
  EXPECT_NEAR(summary.current().negative_share(), 1.0 / 11, 1e-12);
}

// Chinese has no analyser: the item is a voice and a rating, never a neutral
// opinion.
TEST_F(InsightServiceTest, ANotScoredVoiceIsCountedButHasNoSentiment) {
  IngestText("en-1", "ana", kNegative);
  v1::Feedback chinese = Item("zh-1", "li",
                              "房间非常脏，床单上有污渍，前台服务员态度很粗鲁，"
                              "我们等了一个小时才拿到钥匙。");
  chinese.mutable_rating()->set_value(1);
  chinese.mutable_rating()->set_scale_min(1);
  chinese.mutable_rating()->set_scale_max(5);
  v1::Feedback stored;
  ASSERT_TRUE(Ingest(chinese, &stored).ok());
  const v1::FeedbackAnalysis& analysis = stored.analysis();
  EXPECT_EQ(analysis.sentiment_state(), v1::SENTIMENT_STATE_NOT_SCORED);
  EXPECT_NE(analysis.not_scored_reason(), v1::NOT_SCORED_REASON_UNSPECIFIED);
  EXPECT_FALSE(analysis.has_sentiment());
  EXPECT_EQ(analysis.band(), v1::SENTIMENT_BAND_UNSPECIFIED);

  const v1::HotelSummary summary = Summary(RecentDays());
  EXPECT_EQ(summary.current().feedback_count(), 2);
  EXPECT_EQ(summary.current().voice_count(), 2);
  EXPECT_EQ(summary.current().not_scored_count(), 1);
  EXPECT_EQ(summary.current().not_scored_voice_count(), 1);
  EXPECT_EQ(summary.current().negative_share(), 1) << "of the scored voice";
  EXPECT_EQ(summary.current().neutral_share(), 0);
  EXPECT_LT(summary.current().mean_sentiment(), -0.05);
  EXPECT_EQ(summary.current().rated_voice_count(), 1);
  EXPECT_EQ(summary.current().mean_rating(), 0);
}

// "Top! 👍" is in words several languages share, so its language cannot be
// told, but each of them reads it as praise: a scored voice with no language,
// while a post whose languages disagree ("Brutal!": praise in Spanish, blame
// in English) stays not scored.
TEST_F(InsightServiceTest, AShortPostItsLanguagesAgreeOnIsAScoredVoice) {
  const v1::FeedbackAnalysis top =
      IngestText("top-1", "ana", "Top! 👍").analysis();
  EXPECT_EQ(top.language_code(), "");
  EXPECT_EQ(top.language_source(), v1::LANGUAGE_SOURCE_UNDETERMINED);
  EXPECT_EQ(top.sentiment_state(), v1::SENTIMENT_STATE_SCORED);
  EXPECT_EQ(top.not_scored_reason(), v1::NOT_SCORED_REASON_UNSPECIFIED);
  EXPECT_EQ(top.band(), v1::SENTIMENT_BAND_POSITIVE);
  const v1::FeedbackAnalysis brutal =
      IngestText("brutal-1", "bo", "Brutal!").analysis();
  EXPECT_EQ(brutal.sentiment_state(), v1::SENTIMENT_STATE_NOT_SCORED);
  EXPECT_EQ(brutal.not_scored_reason(),
            v1::NOT_SCORED_REASON_LANGUAGE_UNDETERMINED);
  EXPECT_FALSE(brutal.has_sentiment());

  const v1::HotelSummary summary = Summary(RecentDays());
  EXPECT_EQ(summary.current().voice_count(), 2);
  EXPECT_EQ(summary.current().not_scored_voice_count(), 1);
  EXPECT_EQ(summary.current().positive_share(), 1) << "of the scored voice";
}

// Google and Booking.com let a guest leave stars without words: a voice and a
// rating, not a neutral opinion, and two such ratings are no repeat.
TEST_F(InsightServiceTest, ARatingWithoutWordsIsAVoiceAndARating) {
  IngestText("en-1", "ana", kNegative);
  // Some exports leave white space where the words would be: no words.
  const auto stars_only = [&](const std::string& id, double stars,
                              const std::string& blank = "") {
    v1::Feedback item = Item(id, "bo", blank);
    item.mutable_rating()->set_value(stars);
    item.mutable_rating()->set_scale_min(1);
    item.mutable_rating()->set_scale_max(5);
    v1::Feedback stored;
    const grpc::Status status = Ingest(item, &stored);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return stored;
  };
  const v1::Feedback first = stars_only("g-1", 1);
  const v1::Feedback second = stars_only("g-2", 2, " \n\xC2\xA0\xE2\x80\x8B ");
  EXPECT_EQ(first.analysis().sentiment_state(), v1::SENTIMENT_STATE_NOT_SCORED);
  EXPECT_EQ(first.analysis().not_scored_reason(),
            v1::NOT_SCORED_REASON_NO_TEXT);
  EXPECT_FALSE(first.analysis().has_sentiment());
  EXPECT_EQ(second.analysis().not_scored_reason(),
            v1::NOT_SCORED_REASON_NO_TEXT);
  EXPECT_FALSE(second.repeat()) << "the same (no) words are no repeat";

  const v1::HotelSummary summary = Summary(RecentDays());
  EXPECT_EQ(summary.current().feedback_count(), 3);
  EXPECT_EQ(summary.current().voice_count(), 2);
  EXPECT_EQ(summary.current().not_scored_count(), 2);
  EXPECT_EQ(summary.current().not_scored_voice_count(), 1);
  EXPECT_EQ(summary.current().rated_count(), 2);
  EXPECT_EQ(summary.current().rated_voice_count(), 1);
  // Bo's mean: 1 and 2 stars of 1-5 are 0 and 0.25.
  EXPECT_DOUBLE_EQ(summary.current().mean_rating(), 0.125);
  EXPECT_EQ(summary.current().negative_share(), 1) << "of the scored voice";

  // Bo's low stars need attention as Ana's words do: 1 star is severity 1,
  // 2 stars 0.5, on either side of Ana's complaint (compound -0.7579).
  v1::ListAttentionItemsRequest attention;
  attention.set_scope("organizations/default");
  v1::ListAttentionItemsResponse queue;
  ASSERT_TRUE(
      insights_->ListAttentionItems(Admin().get(), attention, &queue).ok());
  ASSERT_EQ(queue.items_size(), 3);
  EXPECT_EQ(queue.items(0).feedback().name(), first.name());
  EXPECT_EQ(queue.items(0).severity(), 1);
  EXPECT_EQ(queue.items(1).feedback().text(), kNegative);
  EXPECT_EQ(queue.items(1).severity(), 0.7579);
  EXPECT_EQ(queue.items(2).feedback().name(), second.name());
  EXPECT_EQ(queue.items(2).severity(), 0.5);

  // Without a rating, no words are no feedback.
  for (const std::string blank : {"", "  \t"}) {
    v1::Feedback nothing = Item("g-3", "cy", blank);
    EXPECT_THAT(ViolatedFields(Ingest(nothing, nullptr)),
                ElementsAre("feedback.text"));
  }
}

TEST_F(InsightServiceTest, RepeatsCountOnce) {
  const v1::Feedback first = IngestText("a-1", "ana", kNegative);
  const v1::Feedback again = IngestText("a-2", "ana", kNegative);
  ASSERT_TRUE(again.repeat());
  const v1::HotelSummary summary = Summary(RecentDays());
  EXPECT_EQ(summary.current().feedback_count(), 1);
  EXPECT_EQ(summary.current().voice_count(), 1);
  EXPECT_NEAR(summary.current().mean_sentiment(),
              first.analysis().sentiment().compound(), 1e-6);
}

TEST_F(InsightServiceTest, AnEditAtTheSourceMovesTheFiguresAndTheQueue) {
  v1::Feedback complaint = Item("e-1", "ana", kNegative);
  complaint.mutable_rating()->set_value(1);
  complaint.mutable_rating()->set_scale_min(1);
  complaint.mutable_rating()->set_scale_max(5);
  v1::Feedback stored;
  ASSERT_TRUE(Ingest(complaint, &stored).ok());
  v1::HotelSummary summary = Summary(RecentDays());
  EXPECT_EQ(summary.current().negative_share(), 1);
  EXPECT_EQ(summary.current().mean_rating(), 0);

  v1::Feedback praise = complaint;
  praise.set_text(kPositive);
  praise.mutable_rating()->set_value(5);
  *praise.mutable_edit_time() = complaint.post_time();
  praise.mutable_edit_time()->set_seconds(complaint.post_time().seconds() + 1);
  v1::Feedback edited;
  ASSERT_TRUE(Ingest(praise, &edited).ok());
  EXPECT_EQ(edited.name(), stored.name());

  summary = Summary(RecentDays());
  EXPECT_EQ(summary.current().feedback_count(), 1);
  EXPECT_EQ(summary.current().voice_count(), 1);
  EXPECT_EQ(summary.current().negative_share(), 0);
  EXPECT_EQ(summary.current().mean_rating(), 1);
  EXPECT_NEAR(summary.current().mean_sentiment(),
              edited.analysis().sentiment().compound(), 1e-6);
  v1::ListAttentionItemsRequest attention;
  attention.set_scope("organizations/default");
  v1::ListAttentionItemsResponse queue;
  ASSERT_TRUE(
      insights_->ListAttentionItems(Admin().get(), attention, &queue).ok());
  EXPECT_EQ(queue.items_size(), 0);
}

TEST_F(InsightServiceTest, LinkingTwoHandlesMakesOneVoice) {
  IngestText("t-1", "ana_tw", kNegative);
  IngestText("t-2", "ana_other", kPositive);
  EXPECT_EQ(Summary(RecentDays()).current().voice_count(), 2);

  const std::string guest = CreateGuest("Ana");
  ASSERT_TRUE(LinkHandle(guest, "ana_tw").ok());
  ASSERT_TRUE(LinkHandle(guest, "ana_other").ok());
  const v1::HotelSummary summary = Summary(RecentDays());
  EXPECT_EQ(summary.current().voice_count(), 1);
  EXPECT_EQ(summary.current().feedback_count(), 2);
}

TEST_F(InsightServiceTest, MergeAndEraseKeepFiguresExact) {
  IngestText("m-1", "first", kNegative);
  IngestText("m-2", "second", kPositive);
  IngestText("m-3", "third", kPositive);
  const std::string survivor = CreateGuest("Survivor");
  const std::string merged = CreateGuest("Merged");
  ASSERT_TRUE(LinkHandle(survivor, "first").ok());
  ASSERT_TRUE(LinkHandle(merged, "second").ok());
  EXPECT_EQ(Summary(RecentDays()).current().voice_count(), 3);

  ASSERT_TRUE(Merge(survivor, merged).ok());
  const v1::HotelSummary merged_summary = Summary(RecentDays());
  EXPECT_EQ(merged_summary.current().voice_count(), 2);
  EXPECT_EQ(merged_summary.current().feedback_count(), 3);

  ASSERT_TRUE(Erase(survivor).ok());
  const v1::HotelSummary erased = Summary(RecentDays());
  EXPECT_EQ(erased.current().DebugString(),
            merged_summary.current().DebugString());
}

TEST_F(InsightServiceTest, PreviousIntervalIsTheDaysJustBefore) {
  IngestText("now", "ana", kPositive);
  server_.clock().Advance(absl::Hours(24 * 30));
  IngestText("later", "bea", kNegative);
  const v1::HotelSummary summary = Summary(RecentDays());
  EXPECT_EQ(summary.current().voice_count(), 1);
  EXPECT_EQ(summary.previous().voice_count(), 1);
  EXPECT_GT(summary.previous().mean_sentiment(), 0);
  EXPECT_LT(summary.current().mean_sentiment(), 0);
  // Lisbon is UTC+0 in January: the previous 30 days end where these begin.
  EXPECT_EQ(summary.previous_interval().end_time().seconds(),
            RecentDays().start_time().seconds());
}

TEST_F(InsightServiceTest, WeeklyTrendFollowsIsoWeeksInTheHotelZone) {
  IngestText("w-1", "ana", kPositive, "tokyo");
  v1::GetSentimentTrendRequest request;
  request.set_scope("organizations/default/hotels/tokyo");
  // Thursday 2026-01-01 to Thursday 2026-01-15 (local Tokyo midnights).
  const absl::TimeZone tokyo = [] {
    absl::TimeZone zone;
    EXPECT_TRUE(absl::LoadTimeZone("Asia/Tokyo", &zone));
    return zone;
  }();
  *request.mutable_interval() =
      Interval(absl::FromCivil(absl::CivilDay(2026, 1, 1), tokyo),
               absl::FromCivil(absl::CivilDay(2026, 1, 16), tokyo));
  request.set_granularity(v1::GRANULARITY_WEEK);
  v1::SentimentTrend trend;
  ASSERT_TRUE(
      insights_->GetSentimentTrend(Admin().get(), request, &trend).ok());
  ASSERT_EQ(trend.buckets_size(), 3);
  EXPECT_EQ(trend.buckets(0).date().day(), 1);   // Thu 1 .. Sun 4
  EXPECT_EQ(trend.buckets(1).date().day(), 5);   // Mon 5 .. Sun 11
  EXPECT_EQ(trend.buckets(2).date().day(), 12);  // Mon 12 .. Thu 15
  EXPECT_EQ(trend.buckets(2).voice_count(), 1);  // posted 2026-01-15 11:00
  EXPECT_EQ(trend.buckets(0).voice_count() + trend.buckets(1).voice_count(), 0);
}

TEST_F(InsightServiceTest, AttentionPutsTheLoyalGuestFirstAmongEquals) {
  const v1::Feedback unknown = IngestText("x-1", "stranger", kNegative);
  const v1::Feedback loyal = IngestText("x-2", "regular", kNegative);
  IngestText("x-3", "fan", kPositive);
  const std::string guest = CreateGuest("Regular");
  ASSERT_TRUE(LinkHandle(guest, "regular").ok());
  const std::string top_tier =
      service::DefaultLoyaltyProgram().tiers().rbegin()->tier_id();
  ASSERT_TRUE(SetTier(guest, top_tier).ok());

  v1::ListAttentionItemsRequest request;
  request.set_scope("organizations/default");
  request.set_page_size(1);
  std::vector<std::string> names;
  std::vector<std::string> tiers;
  do {
    v1::ListAttentionItemsResponse response;
    ASSERT_TRUE(
        insights_->ListAttentionItems(Admin().get(), request, &response).ok());
    for (const v1::AttentionItem& item : response.items()) {
      names.push_back(item.feedback().name());
      tiers.push_back(item.loyalty_tier());
    }
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  EXPECT_THAT(names, ElementsAre(loyal.name(), unknown.name()));
  EXPECT_THAT(tiers, ElementsAre(top_tier, ""));
}

TEST_F(InsightServiceTest, AttentionLeavesResolvedAndPositiveOut) {
  const v1::Feedback resolved = IngestText("r-1", "ana", kNegative);
  const v1::Feedback open = IngestText("r-2", "bea", kNegative);
  IngestText("r-3", "cid", kPositive);
  ASSERT_TRUE(SetCaseState(resolved.name(), v1::CASE_STATE_RESOLVED).ok());
  v1::ListAttentionItemsRequest request;
  request.set_scope("organizations/default/hotels/lisbon");
  v1::ListAttentionItemsResponse response;
  ASSERT_TRUE(
      insights_->ListAttentionItems(Admin().get(), request, &response).ok());
  ASSERT_EQ(response.items_size(), 1);
  EXPECT_EQ(response.items(0).feedback().name(), open.name());
  EXPECT_NEAR(response.items(0).severity(),
              -open.analysis().sentiment().compound(), 1e-12);
}

TEST_F(InsightServiceTest, LoyaltyInsightsFindLoyalGuestsAtRisk) {
  const v1::Feedback complaint = IngestText("l-1", "regular", kNegative);
  IngestText("l-2", "other", kNegative);
  const v1::Feedback handled = IngestText("l-3", "handled", kNegative);
  const std::string regular = CreateGuest("Regular");
  const std::string base = CreateGuest("Base");
  const std::string handled_guest = CreateGuest("Handled");
  ASSERT_TRUE(LinkHandle(regular, "regular").ok());
  ASSERT_TRUE(LinkHandle(base, "other").ok());
  ASSERT_TRUE(LinkHandle(handled_guest, "handled").ok());
  const v1::LoyaltyProgram program = service::DefaultLoyaltyProgram();
  ASSERT_GE(program.tiers_size(), 2);
  ASSERT_TRUE(SetTier(regular, program.tiers(1).tier_id()).ok());
  ASSERT_TRUE(SetTier(handled_guest, program.tiers(1).tier_id()).ok());
  ASSERT_TRUE(SetCaseState(handled.name(), v1::CASE_STATE_RESOLVED).ok());

  v1::GetLoyaltyInsightsRequest request;
  request.set_scope("organizations/default");
  *request.mutable_interval() = RecentDays();
  v1::LoyaltyInsights insights;
  ASSERT_TRUE(
      insights_->GetLoyaltyInsights(Admin().get(), request, &insights).ok());
  ASSERT_EQ(insights.tiers_size(), program.tiers_size() + 1);
  EXPECT_EQ(insights.tiers(0).stats().voice_count(), 1);
  EXPECT_EQ(insights.tiers(1).stats().voice_count(), 2);
  EXPECT_EQ(insights.tiers().rbegin()->tier(), "");
  ASSERT_EQ(insights.guests_at_risk_size(), 1);
  EXPECT_EQ(insights.guests_at_risk(0).guest(), regular);
  EXPECT_THAT(insights.guests_at_risk(0).feedback(),
              ElementsAre(complaint.name()));
}

TEST_F(InsightServiceTest, IntervalsOutsideTheCalendarAreRefused) {
  // West of UTC, midnight UTC of 0001-01-01 is a day of year 0, which a
  // google.type.Date cannot hold; east of UTC, 9999-12-31T23:00Z is a day of
  // year 10000.
  CreateHotel("default", "honolulu", "Pacific/Honolulu");
  CreateHotel("default", "kiritimati", "Pacific/Kiritimati");
  const absl::Time year_1 =
      absl::FromCivil(absl::CivilDay(1, 1, 1), absl::UTCTimeZone());
  const absl::Time year_1900 =
      absl::FromCivil(absl::CivilDay(1900, 1, 1), absl::UTCTimeZone());
  const absl::Time year_9999_end = absl::FromCivil(
      absl::CivilSecond(9999, 12, 31, 23, 0, 0), absl::UTCTimeZone());
  v1::GetSentimentTrendRequest request;
  request.set_granularity(v1::GRANULARITY_DAY);
  v1::SentimentTrend trend;
  for (const auto& [hotel, interval, field] :
       {std::tuple{"honolulu", Interval(year_1, year_1 + absl::Hours(48)),
                   "interval.start_time"},
        std::tuple{"honolulu",
                   Interval(year_1900 - absl::Seconds(1), year_1900),
                   "interval.start_time"},
        std::tuple{"kiritimati",
                   Interval(year_9999_end - absl::Hours(48), year_9999_end),
                   "interval.end_time"}}) {
    SCOPED_TRACE(interval.DebugString());
    request.set_scope(std::string("organizations/default/hotels/") + hotel);
    *request.mutable_interval() = interval;
    const grpc::Status status =
        insights_->GetSentimentTrend(Admin().get(), request, &trend);
    EXPECT_THAT(status, GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT,
                                    "FIELD_INVALID"));
    EXPECT_THAT(ViolatedFields(status), ElementsAre(field));
    v1::GetHotelSummaryRequest summary_request;
    summary_request.set_hotel(request.scope());
    *summary_request.mutable_interval() = interval;
    v1::HotelSummary summary;
    EXPECT_THAT(ViolatedFields(insights_->GetHotelSummary(
                    Admin().get(), summary_request, &summary)),
                ElementsAre(field));
  }

  // The first and last intervals accepted give dates of years 1899..9999.
  request.set_scope("organizations/default/hotels/honolulu");
  *request.mutable_interval() =
      Interval(year_1900, year_1900 + absl::Hours(48));
  ASSERT_TRUE(
      insights_->GetSentimentTrend(Admin().get(), request, &trend).ok());
  ASSERT_GT(trend.buckets_size(), 0);
  EXPECT_EQ(trend.buckets(0).date().year(), 1899);
  request.set_scope("organizations/default/hotels/kiritimati");
  const absl::Time last_end =
      absl::FromCivil(absl::CivilDay(9999, 12, 31), absl::UTCTimeZone());
  *request.mutable_interval() = Interval(last_end - absl::Hours(48), last_end);
  ASSERT_TRUE(
      insights_->GetSentimentTrend(Admin().get(), request, &trend).ok());
  ASSERT_GT(trend.buckets_size(), 0);
  EXPECT_EQ(trend.buckets(trend.buckets_size() - 1).date().year(), 9999);
  EXPECT_EQ(trend.buckets(trend.buckets_size() - 1).date().day(), 31);
}

TEST_F(InsightServiceTest, BadIntervalsAspectsAndBuckets) {
  v1::GetSentimentTrendRequest request;
  request.set_scope("organizations/default/hotels/lisbon");
  request.set_granularity(v1::GRANULARITY_DAY);
  const absl::Time now = server_.clock().Now();
  v1::SentimentTrend trend;

  for (const google::type::Interval& bad :
       {Interval(now, now), Interval(now, now - absl::Hours(1)),
        Interval(now - absl::Hours(24 * 1097), now),
        google::type::Interval()}) {
    *request.mutable_interval() = bad;
    const grpc::Status status =
        insights_->GetSentimentTrend(Admin().get(), request, &trend);
    EXPECT_THAT(status, GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT,
                                    "FIELD_INVALID"));
    EXPECT_THAT(ViolatedFields(status), ElementsAre("interval"));
  }

  *request.mutable_interval() = Interval(now - absl::Hours(24 * 1001), now);
  grpc::Status status =
      insights_->GetSentimentTrend(Admin().get(), request, &trend);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("granularity"));
  request.set_granularity(v1::GRANULARITY_WEEK);
  EXPECT_TRUE(
      insights_->GetSentimentTrend(Admin().get(), request, &trend).ok());

  request.set_aspect("ambience");
  request.set_granularity(v1::GRANULARITY_UNSPECIFIED);
  status = insights_->GetSentimentTrend(Admin().get(), request, &trend);
  EXPECT_THAT(ViolatedFields(status),
              UnorderedElementsAre("aspect", "granularity"));

  // An error echoes only the start of what it is about: the whole of it
  // would not fit the trailers a client accepts (8 KiB), and the caller
  // would see RESOURCE_EXHAUSTED instead of this error.
  request.set_aspect(std::string(100000, 'a'));
  request.set_granularity(v1::GRANULARITY_DAY);
  status = insights_->GetSentimentTrend(Admin().get(), request, &trend);
  EXPECT_THAT(status,
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  EXPECT_THAT(ViolatedFields(status), ElementsAre("aspect"));
  EXPECT_LE(status.error_message().size(), service::kMaxErrorMessageBytes + 30);

  v1::GetHotelSummaryRequest summary_request;
  summary_request.set_hotel("organizations/default/hotels/nowhere");
  *summary_request.mutable_interval() = RecentDays();
  v1::HotelSummary summary;
  EXPECT_THAT(
      insights_->GetHotelSummary(Admin().get(), summary_request, &summary),
      GrpcErrorIs(grpc::StatusCode::NOT_FOUND, "RESOURCE_NOT_FOUND"));

  v1::ListAttentionItemsRequest attention;
  attention.set_scope("organizations/default");
  attention.set_page_token("bm90LWEtdG9rZW4");
  v1::ListAttentionItemsResponse items;
  EXPECT_THAT(
      insights_->ListAttentionItems(Admin().get(), attention, &items),
      GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "PAGE_TOKEN_INVALID"));
}

TEST_F(InsightServiceTest, TopIssuesRankByVoicesAndQuoteNewestFirst) {
  IngestText("q-1", "ana", "The room was filthy.");
  server_.clock().Advance(absl::Minutes(5));
  IngestText("q-2", "bea", "The room was dirty and smelly.");
  IngestText("q-3", "bea", "The wifi was terrible and slow.");
  v1::ListTopIssuesRequest request;
  request.set_scope("organizations/default/hotels/lisbon");
  *request.mutable_interval() = RecentDays();
  v1::ListTopIssuesResponse response;
  ASSERT_TRUE(insights_->ListTopIssues(Admin().get(), request, &response).ok());
  ASSERT_GE(response.issues_size(), 1);
  const v1::TopIssue& top = response.issues(0);
  EXPECT_EQ(top.negative_voice_count(), 2);
  ASSERT_EQ(top.quotes_size(), 2);
  EXPECT_THAT(top.quotes(0).text(), ::testing::HasSubstr("dirty"));
  EXPECT_THAT(top.quotes(1).text(), ::testing::HasSubstr("filthy"));
}

}  // namespace
}  // namespace guestvoice
