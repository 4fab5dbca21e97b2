// ComputeHotelComparison over ingested feedback: every hotel of the
// organization ranked by voice-weighted sentiment (or an aspect's), hotels
// without voices last, ties by name, and the organization's own figures
// counting every (hotel, voice) pair once.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "analysis/aspect_taxonomy.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/hotel.pb.h"
#include "service/core/resource_names.h"
#include "service/insights/queries.h"
#include "service/loyalty/records.h"
#include "storage/keys.h"
#include "tests/service/insights/insight_domain_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

constexpr char kDirty[] = "The bathroom was dirty.";
constexpr char kLovely[] = "The staff were wonderful and the room was lovely.";
// Positive overall, negative about the wifi; and the other way round.
constexpr char kBadWifi[] =
    "The wifi was terrible but the staff were wonderful.";
constexpr char kGoodWifi[] =
    "The wifi was great but the staff were awful and rude.";

// 2026-01-`day` `hour`:00 UTC, the same hour in Lisbon in winter.
absl::Time January(int day, int hour = 12) {
  return absl::FromCivil(absl::CivilSecond(2026, 1, day, hour, 0, 0),
                         absl::UTCTimeZone());
}

// The whole days 10 to 12 January (UTC, and Lisbon's).
TimeBounds TenthToTwelfth() { return {January(10, 0), January(13, 0)}; }

double CompoundOf(const v1::Feedback& item) {
  return item.analysis().sentiment().compound();
}

std::vector<std::string> Hotels(const v1::CompareHotelsResponse& response) {
  std::vector<std::string> hotels;
  for (const v1::HotelComparison& row : response.hotels()) {
    hotels.push_back(std::string(LastNameSegment(row.hotel())));
  }
  return hotels;
}

std::vector<int32_t> Ranks(const v1::CompareHotelsResponse& response) {
  std::vector<int32_t> ranks;
  for (const v1::HotelComparison& row : response.hotels()) {
    ranks.push_back(row.rank());
  }
  return ranks;
}

class ComparisonTest : public testing::InsightDomainFixture {
 protected:
  v1::CompareHotelsResponse Compare(const TimeBounds& bounds,
                                    const std::string& aspect = "") {
    auto response =
        ComputeHotelComparison(*store_, Scope("organizations/acme"), bounds,
                               aspect, CallCancellation::Never());
    EXPECT_OK(response.status());
    return response.ok() ? *std::move(response) : v1::CompareHotelsResponse();
  }

  // Adds acme's hotel `id` in Lisbon's time zone.
  void AddHotel(const std::string& id) {
    v1::Hotel hotel;
    hotel.set_name(FormatHotelName("acme", id));
    hotel.set_time_zone("Europe/Lisbon");
    storage::WriteBatch batch;
    batch.Put(storage::ColumnFamily::kEntities, storage::HotelKey("acme", id),
              hotel.SerializeAsString());
    ASSERT_OK(store_->Write(std::move(batch)));
  }
};

TEST_F(ComparisonTest, HotelsRankByVoiceWeightedSentiment) {
  // Lisbon: one voice each way. Tokyo: one voice posts ten happy items, two
  // are unhappy; by posts Tokyo would win, by voices it loses.
  const double lisbon_up =
      CompoundOf(Post("l-1", "@ana", kLovely, January(11)));
  const double lisbon_down =
      CompoundOf(Post("l-2", "@bea", kDirty, January(11)));
  double fan = 0;
  for (int i = 0; i < 10; ++i) {
    fan += CompoundOf(Post(absl::StrCat("t-fan-", i), "@cy",
                           absl::StrCat("Great stay number ", i, "."),
                           January(11, i), "tokyo"));
  }
  const double tokyo_down =
      CompoundOf(Post("t-1", "@dee", kDirty, January(11), "tokyo"));
  const double tokyo_down_too =
      CompoundOf(Post("t-2", "@eve", "Bad.", January(11), "tokyo"));

  ASSERT_GT((fan + tokyo_down + tokyo_down_too) / 12,
            (lisbon_up + lisbon_down) / 2);

  const v1::CompareHotelsResponse response = Compare(TenthToTwelfth());
  EXPECT_THAT(Hotels(response), ElementsAre("lisbon", "tokyo"));
  EXPECT_THAT(Ranks(response), ElementsAre(1, 2));
  const v1::VoiceStats& lisbon = response.hotels(0).stats();
  EXPECT_EQ(lisbon.voice_count(), 2);
  EXPECT_NEAR(lisbon.mean_sentiment(), (lisbon_up + lisbon_down) / 2, 1e-6);
  const v1::VoiceStats& tokyo = response.hotels(1).stats();
  EXPECT_EQ(tokyo.feedback_count(), 12);
  EXPECT_EQ(tokyo.voice_count(), 3);
  EXPECT_NEAR(tokyo.mean_sentiment(),
              (fan / 10 + tokyo_down + tokyo_down_too) / 3, 1e-6);
}

TEST_F(ComparisonTest, HotelsWithoutVoicesRankLast) {
  AddHotel("faro");
  Post("l-1", "@ana", kDirty, January(11));
  const v1::CompareHotelsResponse response = Compare(TenthToTwelfth());
  ASSERT_LT(response.hotels(0).stats().mean_sentiment(), 0);
  EXPECT_THAT(Hotels(response), ElementsAre("lisbon", "faro", "tokyo"))
      << "a negative hotel still ranks above those nobody spoke of";
  EXPECT_THAT(Ranks(response), ElementsAre(1, 2, 3));
  const v1::HotelComparison& tokyo = response.hotels(2);
  EXPECT_EQ(tokyo.stats().voice_count(), 0);
  EXPECT_EQ(
      tokyo.aspects_size(),
      static_cast<int>(analysis::AspectTaxonomy::Default().aspects().size()));
}

TEST_F(ComparisonTest, TiesGoByHotelName) {
  AddHotel("faro");
  AddHotel("braga");  // no voices: last, whatever its name
  Post("t-1", "@ana", kDirty, January(11), "tokyo");
  Post("l-1", "@bea", kDirty, January(11), "lisbon");
  Post("f-1", "@cy", kDirty, January(11), "faro");

  const v1::CompareHotelsResponse response = Compare(TenthToTwelfth());
  EXPECT_THAT(Hotels(response),
              ElementsAre("faro", "lisbon", "tokyo", "braga"));
  EXPECT_THAT(Ranks(response), ElementsAre(1, 2, 3, 4));
}

TEST_F(ComparisonTest, AnAspectRanksByThatAspectOnly) {
  // Lisbon is liked but its wifi is not; Tokyo the other way round.
  Post("l-1", "@ana", kBadWifi, January(11));
  Post("t-1", "@bea", kGoodWifi, January(11), "tokyo");
  AddHotel("faro");
  Post("f-1", "@cy", kLovely, January(11), "faro");  // voices, no wifi

  const v1::CompareHotelsResponse overall = Compare(TenthToTwelfth());
  EXPECT_THAT(Hotels(overall), ElementsAre("faro", "lisbon", "tokyo"));

  const v1::CompareHotelsResponse wifi =
      Compare(TenthToTwelfth(), "wifi_internet");
  EXPECT_THAT(Hotels(wifi), ElementsAre("tokyo", "lisbon", "faro"));
  for (const v1::HotelComparison& row : wifi.hotels()) {
    ASSERT_EQ(row.aspects_size(), 1) << row.hotel();
    EXPECT_EQ(row.aspects(0).aspect(), "wifi_internet");
  }
  EXPECT_EQ(wifi.hotels(2).aspects(0).voice_count(), 0);
  EXPECT_EQ(wifi.hotels(2).stats().voice_count(), 1)
      << "the overall figures are there all the same";
  ASSERT_EQ(wifi.organization_aspects_size(), 1);
  EXPECT_EQ(wifi.organization_aspects(0).aspect(), "wifi_internet");
  EXPECT_EQ(wifi.organization_aspects(0).voice_count(), 2);
}

TEST_F(ComparisonTest, TheOrganizationCountsEveryHotelAndVoicePairOnce) {
  const double ana_lisbon =
      CompoundOf(Post("a-l", "@ana", kDirty, January(11)));
  const double ana_tokyo =
      CompoundOf(Post("a-t", "@ana", kLovely, January(11), "tokyo"));
  const double bea_first = CompoundOf(Post("b-1", "@bea", "Bad.", January(11)));
  const double bea_second =
      CompoundOf(Post("b-2", "@bea", "Awful.", January(12)));

  const v1::CompareHotelsResponse response = Compare(TenthToTwelfth());
  const v1::VoiceStats& organization = response.organization();
  EXPECT_EQ(organization.feedback_count(), 4);
  EXPECT_EQ(organization.voice_count(), 3) << "ana at each hotel, and bea";
  EXPECT_NEAR(organization.mean_sentiment(),
              (ana_lisbon + ana_tokyo + (bea_first + bea_second) / 2) / 3,
              1e-6);
  EXPECT_DOUBLE_EQ(organization.positive_share(), 1.0 / 3);

  std::vector<std::string> aspects;
  for (const v1::AspectStats& stats : response.organization_aspects()) {
    aspects.push_back(stats.aspect());
  }
  EXPECT_THAT(aspects,
              ElementsAreArray(analysis::AspectTaxonomy::Default().aspects()));
  EXPECT_EQ(response.organization_aspects(0).aspect(), "cleanliness");
  EXPECT_EQ(response.organization_aspects(0).voice_count(), 1);
}

TEST_F(ComparisonTest, EachHotelReadsItsOwnLocalDays) {
  // 13 January UTC is the 13th and the morning of the 14th in Tokyo.
  Post("t-1", "@ana", kDirty, January(13, 20), "tokyo");  // 14th 05:00
  Post("l-1", "@bea", kDirty, January(14, 1));
  const v1::CompareHotelsResponse response =
      Compare({January(13, 0), January(14, 0)});
  EXPECT_THAT(Hotels(response), ElementsAre("tokyo", "lisbon"));
  EXPECT_EQ(response.hotels(0).stats().voice_count(), 1);
  EXPECT_EQ(response.hotels(1).stats().voice_count(), 0);
}

}  // namespace
}  // namespace guestvoice::service
