// Randomized check that every InsightService figure equals a brute-force
// recomputation from the raw feedback (ListFeedback), through random hotels
// and time zones, authors on two sources, repeats, ratings (some without
// words), links and merges.
// The brute force applies docs/insights.md directly: whole hotel-local days,
// one voice per (hotel, voice), fixed-point sums, VADER's thresholds.

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "analysis/aspect_taxonomy.h"
#include "gtest/gtest.h"
#include "service/loyalty/program.h"
#include "tests/testing/insight_fixture.h"

namespace guestvoice {
namespace {

constexpr int64_t kScale = 1'000'000;
constexpr double kTolerance = 1e-9;

int64_t Fixed(double value) { return std::llround(value * kScale); }

const char* const kSentences[] = {
    "The room was filthy.", "The staff were rude and unhelpful.",
    "Breakfast was delicious.",
    "The wifi kept dropping and was painfully slow.",
    "Lovely location near the beach.",
    "The bed was comfortable and the room spotless.",
    "Way too noisy at night, I could not sleep.", "Check-in took forever.",
    "Great value for money.", "The pool was dirty.", "Nothing special.",
    "The reception staff were wonderful.",
    // Languages without an analyser, and none at all: not scored.
    "房间很脏，服务员很粗鲁。", "🙂🙂🙂"};

struct Hotel {
  std::string id;
  std::string zone_name;
  absl::TimeZone zone;
};

// Brute-force per-voice totals.
struct Totals {
  int64_t count = 0, sum = 0, rated = 0, rating_sum = 0, negatives = 0,
          not_scored = 0;

  // An item's own sentiment: none when it was not scored.
  void AddItem(const v1::Feedback& item) {
    ++count;
    if (item.analysis().sentiment_state() == v1::SENTIMENT_STATE_NOT_SCORED) {
      EXPECT_FALSE(item.analysis().has_sentiment()) << item.name();
      ++not_scored;
    } else {
      sum += Fixed(item.analysis().sentiment().compound());
    }
  }
};

int64_t LocalDay(absl::Time time, absl::TimeZone zone) {
  return absl::ToCivilDay(time, zone) - absl::CivilDay(1970, 1, 1);
}

struct Range {
  int64_t first, last;
  bool Contains(int64_t day) const { return day >= first && day <= last; }
};

Range DaysOf(const google::type::Interval& interval, absl::TimeZone zone) {
  const absl::Time start = service::FromProtoTimestamp(interval.start_time());
  const absl::Time end = service::FromProtoTimestamp(interval.end_time());
  return {LocalDay(start, zone), LocalDay(end - absl::Nanoseconds(1), zone)};
}

Range PreviousOf(const Range& range) {
  const int64_t days = range.last - range.first + 1;
  return {range.first - days, range.first - 1};
}

// The expected VoiceStats of a set of voices.
// A voice none of whose items was scored has no sentiment: it counts as a
// voice, not in the means and shares.
struct Expected {
  int64_t feedback = 0, voices = 0, positive = 0, negative = 0, rated = 0,
          rated_voices = 0, not_scored = 0, not_scored_voices = 0;
  double mean_sum = 0, rating_mean_sum = 0;

  void Add(const Totals& t) {
    if (t.count == 0) return;
    feedback += t.count;
    not_scored += t.not_scored;
    ++voices;
    const int64_t scored = t.count - t.not_scored;
    if (scored == 0) {
      ++not_scored_voices;
    } else {
      mean_sum += static_cast<double>(t.sum) / kScale / scored;
      if (t.sum >= 50'000 * scored) ++positive;
      if (t.sum <= -50'000 * scored) ++negative;
    }
    if (t.rated > 0) {
      rated += t.rated;
      ++rated_voices;
      rating_mean_sum += static_cast<double>(t.rating_sum) / kScale / t.rated;
    }
  }
  int64_t ScoredVoices() const { return voices - not_scored_voices; }
  double Mean() const {
    return ScoredVoices() == 0 ? 0 : mean_sum / ScoredVoices();
  }

  void ExpectEq(const v1::VoiceStats& stats, const std::string& what) const {
    SCOPED_TRACE(what);
    EXPECT_EQ(stats.feedback_count(), feedback);
    EXPECT_EQ(stats.voice_count(), voices);
    EXPECT_EQ(stats.not_scored_count(), not_scored);
    EXPECT_EQ(stats.not_scored_voice_count(), not_scored_voices);
    EXPECT_NEAR(stats.mean_sentiment(), Mean(), kTolerance);
    const int64_t scored = ScoredVoices();
    const double n = scored == 0 ? 1 : scored;
    EXPECT_NEAR(stats.positive_share(), scored ? positive / n : 0, kTolerance);
    EXPECT_NEAR(stats.negative_share(), scored ? negative / n : 0, kTolerance);
    EXPECT_EQ(stats.rated_count(), rated);
    EXPECT_EQ(stats.rated_voice_count(), rated_voices);
    EXPECT_NEAR(stats.mean_rating(),
                rated_voices ? rating_mean_sum / rated_voices : 0, kTolerance);
  }
};

class InsightPropertyTest : public testing::InsightFixture {
 protected:
  void SetUp() override {
    hotels_ = {{"lisbon", "Europe/Lisbon", {}}, {"tokyo", "Asia/Tokyo", {}}};
    const char* const extra[] = {"America/Los_Angeles", "Pacific/Kiritimati",
                                 "Asia/Kolkata", "Pacific/Pago_Pago"};
    for (int i = 0; i < 2; ++i) {
      const std::string zone = extra[rng_() % 4];
      const std::string id = absl::StrCat("extra", i);
      CreateHotel("default", id, zone);
      hotels_.push_back({id, zone, {}});
    }
    for (Hotel& hotel : hotels_) {
      ASSERT_TRUE(absl::LoadTimeZone(hotel.zone_name, &hotel.zone));
    }
  }

  // `count` random items from `authors` over the 120 days before now.
  void IngestRandom(int count, int first_id) {
    for (int i = 0; i < count; ++i) {
      const int author = static_cast<int>(rng_() % 12);
      std::string text = kSentences[rng_() % std::size(kSentences)];
      if (rng_() % 2)
        absl::StrAppend(&text, " ", kSentences[rng_() % std::size(kSentences)]);
      v1::Feedback item =
          Item(absl::StrCat("e", first_id + i), absl::StrCat("author", author),
               text, hotels_[rng_() % hotels_.size()].id);
      item.set_source(author % 2 ? v1::SOURCE_TWITTER : v1::SOURCE_GOOGLE);
      // Distinct post times (quotes are ordered by them).
      *item.mutable_post_time() = service::ToProtoTimestamp(
          server_.clock().Now() - absl::Seconds(first_id + i) -
          absl::Hours(static_cast<int64_t>(rng_() % (24 * 120 / 7)) * 7));
      if (rng_() % 3 == 0) {
        item.mutable_rating()->set_value(1 + rng_() % 5);
        item.mutable_rating()->set_scale_min(1);
        item.mutable_rating()->set_scale_max(5);
        // Stars without words: not scored, a voice and a rating.
        if (rng_() % 4 == 0) item.clear_text();
      }
      ASSERT_TRUE(Ingest(item).ok());
    }
  }

  const Hotel& HotelOf(const v1::Feedback& item) const {
    for (const Hotel& hotel : hotels_) {
      if (item.hotel() == "organizations/default/hotels/" + hotel.id) {
        return hotel;
      }
    }
    ADD_FAILURE() << item.hotel();
    return hotels_[0];
  }

  static std::string VoiceOf(const v1::Feedback& item) {
    return item.guest().empty()
               ? absl::StrCat(item.source(), "/", item.author().handle())
               : item.guest();
  }

  // Per (hotel, voice) totals of the non-repeat items in each hotel's days;
  // `aspect` "" for whole items, else that aspect's mentions.
  std::map<std::pair<std::string, std::string>, Totals> VoiceTotals(
      const std::vector<std::string>& hotel_ids,
      const google::type::Interval& interval, bool previous,
      const std::string& aspect = "") {
    std::map<std::pair<std::string, std::string>, Totals> totals;
    for (const v1::Feedback& item : items_) {
      const Hotel& hotel = HotelOf(item);
      if (item.repeat() || std::find(hotel_ids.begin(), hotel_ids.end(),
                                     hotel.id) == hotel_ids.end()) {
        continue;
      }
      Range days = DaysOf(interval, hotel.zone);
      if (previous) days = PreviousOf(days);
      if (!days.Contains(LocalDay(service::FromProtoTimestamp(item.post_time()),
                                  hotel.zone))) {
        continue;
      }
      Totals& t = totals[{hotel.id, VoiceOf(item)}];
      if (aspect.empty()) {
        t.AddItem(item);
        if (item.has_rating()) {
          ++t.rated;
          t.rating_sum += Fixed(item.rating().normalized_value());
        }
        continue;
      }
      for (const v1::AspectMention& mention : item.analysis().aspects()) {
        if (mention.aspect() != aspect) continue;
        ++t.count;
        t.sum += Fixed(mention.sentiment());
        if (mention.sentiment() <= -0.05) ++t.negatives;
      }
    }
    return totals;
  }

  Expected ExpectedStats(const std::vector<std::string>& hotel_ids,
                         const google::type::Interval& interval,
                         bool previous = false) {
    Expected expected;
    for (const auto& [key, t] : VoiceTotals(hotel_ids, interval, previous)) {
      expected.Add(t);
    }
    return expected;
  }

  void ExpectAspect(const v1::AspectStats& stats,
                    const std::vector<std::string>& hotel_ids,
                    const google::type::Interval& interval, bool previous) {
    SCOPED_TRACE(stats.aspect());
    int64_t mentions = 0, voices = 0, negative = 0;
    double mean_sum = 0;
    for (const auto& [key, t] :
         VoiceTotals(hotel_ids, interval, previous, stats.aspect())) {
      if (t.count == 0) continue;  // the voice posted, not about the aspect
      mentions += t.count;
      ++voices;
      mean_sum += static_cast<double>(t.sum) / kScale / t.count;
      if (t.sum <= -50'000 * t.count) ++negative;
    }
    EXPECT_EQ(stats.mention_count(), mentions);
    EXPECT_EQ(stats.voice_count(), voices);
    EXPECT_NEAR(stats.mean_sentiment(), voices ? mean_sum / voices : 0,
                kTolerance);
    EXPECT_NEAR(stats.negative_share(),
                voices ? static_cast<double>(negative) / voices : 0,
                kTolerance);
  }

  int64_t NegativeVoices(const std::vector<std::string>& hotel_ids,
                         const google::type::Interval& interval, bool previous,
                         const std::string& aspect) {
    int64_t count = 0;
    for (const auto& [key, t] :
         VoiceTotals(hotel_ids, interval, previous, aspect)) {
      if (t.negatives > 0) ++count;
    }
    return count;
  }

  std::vector<std::string> AllHotelIds() const {
    std::vector<std::string> ids;
    for (const Hotel& hotel : hotels_) ids.push_back(hotel.id);
    return ids;
  }

  void CheckEverything(const google::type::Interval& interval);

  std::mt19937 rng_{20260115};
  std::vector<Hotel> hotels_;
  std::vector<v1::Feedback> items_;
  // Guest name -> the manual tier set on it.
  std::map<std::string, std::string> manual_tiers_;
};

void InsightPropertyTest::CheckEverything(
    const google::type::Interval& interval) {
  items_ = ListAll();
  const std::vector<std::string>& aspects =
      analysis::AspectTaxonomy::Default().aspects();
  const std::vector<std::string> all = AllHotelIds();

  // GetHotelSummary.
  for (const Hotel& hotel : hotels_) {
    const v1::HotelSummary summary = Summary(interval, hotel.id);
    ExpectedStats({hotel.id}, interval).ExpectEq(summary.current(), hotel.id);
    ExpectedStats({hotel.id}, interval, true)
        .ExpectEq(summary.previous(), hotel.id + " previous");
    ASSERT_EQ(summary.aspects_size(), static_cast<int>(aspects.size()));
    for (int a = 0; a < summary.aspects_size(); ++a) {
      ExpectAspect(summary.aspects(a), {hotel.id}, interval, false);
      ExpectAspect(summary.previous_aspects(a), {hotel.id}, interval, true);
    }
  }

  // CompareHotels.
  v1::CompareHotelsRequest compare;
  compare.set_parent("organizations/default");
  *compare.mutable_interval() = interval;
  v1::CompareHotelsResponse table;
  ASSERT_TRUE(insights_->CompareHotels(Admin().get(), compare, &table).ok());
  ExpectedStats(all, interval).ExpectEq(table.organization(), "organization");
  ASSERT_EQ(table.hotels_size(), static_cast<int>(hotels_.size()));
  double previous_score = 2;
  for (const v1::HotelComparison& row : table.hotels()) {
    const std::string id = row.hotel().substr(row.hotel().rfind('/') + 1);
    ExpectedStats({id}, interval).ExpectEq(row.stats(), row.hotel());
    for (const v1::AspectStats& aspect : row.aspects()) {
      ExpectAspect(aspect, {id}, interval, false);
    }
    if (row.stats().voice_count() > 0) {
      EXPECT_LE(row.stats().mean_sentiment(), previous_score);
      previous_score = row.stats().mean_sentiment();
    }
  }

  // ListTopIssues, hotel and organization.
  std::vector<std::pair<std::string, std::vector<std::string>>> scopes = {
      {"organizations/default", all}};
  for (const Hotel& hotel : hotels_) {
    scopes.push_back({"organizations/default/hotels/" + hotel.id, {hotel.id}});
  }
  for (const auto& [scope, ids] : scopes) {
    SCOPED_TRACE(scope);
    v1::ListTopIssuesRequest request;
    request.set_scope(scope);
    *request.mutable_interval() = interval;
    request.set_limit(50);
    v1::ListTopIssuesResponse response;
    ASSERT_TRUE(
        insights_->ListTopIssues(Admin().get(), request, &response).ok());
    std::vector<std::tuple<int64_t, size_t, std::string>> expected;
    for (size_t a = 0; a < aspects.size(); ++a) {
      const int64_t voices = NegativeVoices(ids, interval, false, aspects[a]);
      if (voices > 0) expected.emplace_back(-voices, a, aspects[a]);
    }
    std::sort(expected.begin(), expected.end());
    ASSERT_EQ(response.issues_size(), static_cast<int>(expected.size()));
    for (int i = 0; i < response.issues_size(); ++i) {
      const v1::TopIssue& issue = response.issues(i);
      const std::string& aspect = std::get<2>(expected[i]);
      EXPECT_EQ(issue.aspect(), aspect);
      EXPECT_EQ(issue.negative_voice_count(), -std::get<0>(expected[i]));
      EXPECT_EQ(issue.previous_negative_voice_count(),
                NegativeVoices(ids, interval, true, aspect));
      // Quotes: the newest negative clauses of the aspect in the days.
      std::vector<std::pair<absl::Time, std::string>> clauses;
      for (const v1::Feedback& item : items_) {
        const Hotel& hotel = HotelOf(item);
        const absl::Time posted = service::FromProtoTimestamp(item.post_time());
        if (item.repeat() ||
            std::find(ids.begin(), ids.end(), hotel.id) == ids.end() ||
            !DaysOf(interval, hotel.zone)
                 .Contains(LocalDay(posted, hotel.zone))) {
          continue;
        }
        for (const v1::AspectMention& mention : item.analysis().aspects()) {
          if (mention.aspect() == aspect && mention.sentiment() <= -0.05) {
            clauses.emplace_back(posted, mention.text());
          }
        }
      }
      std::stable_sort(
          clauses.begin(), clauses.end(),
          [](const auto& x, const auto& y) { return x.first > y.first; });
      ASSERT_EQ(issue.quotes_size(),
                static_cast<int>(std::min<size_t>(3, clauses.size())));
      for (int q = 0; q < issue.quotes_size(); ++q) {
        EXPECT_EQ(issue.quotes(q).text(), clauses[q].second);
      }
    }
  }

  // GetSentimentTrend, per hotel (every granularity) and organization.
  for (const auto& [scope, ids] : scopes) {
    for (v1::Granularity granularity :
         {v1::GRANULARITY_DAY, v1::GRANULARITY_WEEK, v1::GRANULARITY_MONTH}) {
      for (const std::string& aspect : {std::string(), aspects[1]}) {
        SCOPED_TRACE(absl::StrCat(scope, " ", granularity, " ", aspect));
        v1::GetSentimentTrendRequest request;
        request.set_scope(scope);
        *request.mutable_interval() = interval;
        request.set_granularity(granularity);
        request.set_aspect(aspect);
        v1::SentimentTrend trend;
        ASSERT_TRUE(
            insights_->GetSentimentTrend(Admin().get(), request, &trend).ok());
        // Each bucket's voices are distinct (hotel, voice) pairs of its days;
        // check each bucket by its date range.
        for (int b = 0; b < trend.buckets_size(); ++b) {
          const absl::CivilDay first(trend.buckets(b).date().year(),
                                     trend.buckets(b).date().month(),
                                     trend.buckets(b).date().day());
          const int64_t first_day = first - absl::CivilDay(1970, 1, 1);
          int64_t last_day = std::numeric_limits<int64_t>::max();
          if (b + 1 < trend.buckets_size()) {
            const auto& next = trend.buckets(b + 1).date();
            last_day = absl::CivilDay(next.year(), next.month(), next.day()) -
                       absl::CivilDay(1970, 1, 1) - 1;
          }
          std::map<std::pair<std::string, std::string>, Totals> totals;
          for (const v1::Feedback& item : items_) {
            const Hotel& hotel = HotelOf(item);
            const int64_t day = LocalDay(
                service::FromProtoTimestamp(item.post_time()), hotel.zone);
            if (item.repeat() ||
                std::find(ids.begin(), ids.end(), hotel.id) == ids.end() ||
                !DaysOf(interval, hotel.zone).Contains(day) ||
                day < first_day || day > last_day) {
              continue;
            }
            Totals& t = totals[{hotel.id, VoiceOf(item)}];
            if (aspect.empty()) t.AddItem(item);
            for (const v1::AspectMention& mention : item.analysis().aspects()) {
              if (!aspect.empty() && mention.aspect() == aspect) {
                ++t.count;
                t.sum += Fixed(mention.sentiment());
              }
            }
          }
          Expected expected;
          for (const auto& [key, t] : totals) expected.Add(t);
          EXPECT_EQ(trend.buckets(b).voice_count(), expected.voices) << b;
          EXPECT_EQ(trend.buckets(b).feedback_count(), expected.feedback) << b;
          EXPECT_EQ(trend.buckets(b).not_scored_voice_count(),
                    expected.not_scored_voices)
              << b;
          EXPECT_NEAR(trend.buckets(b).mean_sentiment(), expected.Mean(),
                      kTolerance);
        }
      }
    }
  }

  // GetLoyaltyInsights: voices per current tier (manual tiers only here).
  v1::GetLoyaltyInsightsRequest loyalty;
  loyalty.set_scope("organizations/default");
  *loyalty.mutable_interval() = interval;
  v1::LoyaltyInsights insights;
  ASSERT_TRUE(
      insights_->GetLoyaltyInsights(Admin().get(), loyalty, &insights).ok());
  std::map<std::string, Expected> by_tier;
  for (const auto& [key, t] : VoiceTotals(all, interval, false)) {
    const std::string& voice = key.second;
    std::string tier;
    if (voice.rfind("organizations/", 0) == 0) {
      auto manual = manual_tiers_.find(voice);
      tier = manual != manual_tiers_.end()
                 ? manual->second
                 : service::DefaultLoyaltyProgram().tiers(0).tier_id();
    }
    by_tier[tier].Add(t);
  }
  for (const v1::TierSentiment& tier : insights.tiers()) {
    by_tier[tier.tier()].ExpectEq(tier.stats(), "tier " + tier.tier());
  }
}

TEST_F(InsightPropertyTest, EveryFigureEqualsTheBruteForce) {
  IngestRandom(120, 0);
  const std::string top_tier =
      service::DefaultLoyaltyProgram().tiers().rbegin()->tier_id();
  std::vector<std::string> guests;
  for (int g = 0; g < 4; ++g) {
    guests.push_back(CreateGuest(absl::StrCat("Guest ", g)));
  }
  // Guest 0 holds a Twitter and a Google handle: two voices become one.
  ASSERT_TRUE(LinkHandle(guests[0], "author1", v1::SOURCE_TWITTER).ok());
  ASSERT_TRUE(LinkHandle(guests[0], "author2", v1::SOURCE_GOOGLE).ok());
  ASSERT_TRUE(LinkHandle(guests[1], "author3", v1::SOURCE_TWITTER).ok());
  ASSERT_TRUE(LinkHandle(guests[2], "author4", v1::SOURCE_GOOGLE).ok());
  ASSERT_TRUE(LinkHandle(guests[3], "author5", v1::SOURCE_TWITTER).ok());
  ASSERT_TRUE(SetTier(guests[1], top_tier).ok());
  manual_tiers_[guests[1]] = top_tier;
  IngestRandom(60, 1000);
  ASSERT_TRUE(Merge(guests[2], guests[3]).ok());

  const absl::Time now = server_.clock().Now();
  // Whole UTC days, and odd bounds that widen to whole local days.
  CheckEverything(RecentDays());
  CheckEverything(Interval(now - absl::Hours(24 * 50) - absl::Minutes(333),
                           now - absl::Hours(24 * 3) + absl::Minutes(71)));
}

}  // namespace
}  // namespace guestvoice
