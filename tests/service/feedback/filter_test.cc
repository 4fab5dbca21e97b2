// The ListFeedback / WatchFeedback filter: parsed and checked once, every
// bad field named together, then matched against stored items.

#include "service/feedback/filter.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/proto_time.h"
#include "tests/service/feedback/domain_fixture.h"
#include "tests/testing/status_details.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::ErrorMetadata;
using ::guestvoice::testing::FieldViolationsOf;
using ::guestvoice::testing::HasErrorReason;
using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::StatusIs;
using ::testing::_;
using ::testing::ElementsAre;
using ::testing::Optional;
using ::testing::Pair;

FeedbackFilterFields Parent(std::string_view parent = "organizations/acme") {
  FeedbackFilterFields fields;
  fields.parent = parent;
  return fields;
}

TEST(ParseFeedbackFilterTest, NoFiltersButTheParent) {
  ASSERT_OK_AND_ASSIGN(FeedbackFilter filter, ParseFeedbackFilter(Parent()));
  EXPECT_EQ(filter.organization, "acme");
  EXPECT_EQ(filter.hotel_id, "");
  EXPECT_EQ(filter.source, v1::SOURCE_UNSPECIFIED);
  EXPECT_EQ(filter.band, v1::SENTIMENT_BAND_UNSPECIFIED);
  EXPECT_EQ(filter.aspect, "");
  EXPECT_EQ(filter.case_state, v1::CASE_STATE_UNSPECIFIED);
  EXPECT_EQ(filter.start, std::nullopt);
  EXPECT_EQ(filter.end, std::nullopt);
}

TEST(ParseFeedbackFilterTest, ReadsEveryField) {
  const google::protobuf::Timestamp start =
      ToProtoTimestamp(absl::FromUnixSeconds(100));
  const google::protobuf::Timestamp end =
      ToProtoTimestamp(absl::FromUnixSeconds(200));
  FeedbackFilterFields fields = Parent();
  fields.hotel = "organizations/acme/hotels/lisbon";
  fields.source = v1::SOURCE_GOOGLE;
  fields.band = v1::SENTIMENT_BAND_NEGATIVE;
  fields.aspect = "cleanliness";
  fields.case_state = v1::CASE_STATE_ACKNOWLEDGED;
  fields.start_time = &start;
  fields.end_time = &end;
  ASSERT_OK_AND_ASSIGN(FeedbackFilter filter, ParseFeedbackFilter(fields));
  EXPECT_EQ(filter.organization, "acme");
  EXPECT_EQ(filter.hotel_id, "lisbon");
  EXPECT_EQ(filter.hotel_organization, "acme");
  EXPECT_EQ(filter.source, v1::SOURCE_GOOGLE);
  EXPECT_EQ(filter.band, v1::SENTIMENT_BAND_NEGATIVE);
  EXPECT_EQ(filter.aspect, "cleanliness");
  EXPECT_EQ(filter.case_state, v1::CASE_STATE_ACKNOWLEDGED);
  EXPECT_THAT(filter.start, Optional(absl::FromUnixSeconds(100)));
  EXPECT_THAT(filter.end, Optional(absl::FromUnixSeconds(200)));
}

TEST(ParseFeedbackFilterTest, AnEmptyTimeRangeIsAllowed) {
  const google::protobuf::Timestamp time =
      ToProtoTimestamp(absl::FromUnixSeconds(100));
  FeedbackFilterFields fields = Parent();
  fields.start_time = &time;
  fields.end_time = &time;
  EXPECT_THAT(ParseFeedbackFilter(fields), IsOk());
  // Either end alone is a half-open range.
  fields.start_time = nullptr;
  ASSERT_OK_AND_ASSIGN(FeedbackFilter until, ParseFeedbackFilter(fields));
  EXPECT_EQ(until.start, std::nullopt);
  EXPECT_THAT(until.end, Optional(absl::FromUnixSeconds(100)));
}

TEST(ParseFeedbackFilterTest, NamesEveryBadFieldAtOnce) {
  const google::protobuf::Timestamp start =
      ToProtoTimestamp(absl::FromUnixSeconds(200));
  const google::protobuf::Timestamp end =
      ToProtoTimestamp(absl::FromUnixSeconds(100));
  FeedbackFilterFields fields = Parent("acme");
  fields.hotel = "hotels/lisbon";
  fields.source = 99;
  fields.band = 9;
  fields.aspect = "spaceship";
  fields.case_state = 7;
  fields.start_time = &start;
  fields.end_time = &end;
  const absl::Status status = ParseFeedbackFilter(fields).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(status, HasErrorReason(v1::ERROR_REASON_FIELD_INVALID));
  EXPECT_THAT(FieldViolationsOf(status),
              ElementsAre(Pair("parent", _), Pair("hotel", _),
                          Pair("source", "unknown source 99"),
                          Pair("band", "unknown band 9"),
                          Pair("case_state", "unknown case state 7"),
                          Pair("aspect", "not an aspect of the taxonomy"),
                          Pair("end_time", "before start_time")));
}

TEST(ParseFeedbackFilterTest, RefusesTimesNoTimestampHolds) {
  google::protobuf::Timestamp start;
  start.set_seconds(int64_t{1} << 62);
  google::protobuf::Timestamp end;
  end.set_seconds(1);
  end.set_nanos(-5);
  FeedbackFilterFields fields = Parent();
  fields.start_time = &start;
  fields.end_time = &end;
  EXPECT_THAT(FieldViolationsOf(ParseFeedbackFilter(fields).status()),
              ElementsAre(Pair("start_time", "not a valid timestamp"),
                          Pair("end_time", "not a valid timestamp")));
}

TEST(ParseFeedbackFilterTest, RefusesNegativeEnumValues) {
  FeedbackFilterFields fields = Parent();
  fields.source = -1;
  fields.band = -1;
  fields.case_state = -1;
  EXPECT_THAT(FieldViolationsOf(ParseFeedbackFilter(fields).status()),
              ElementsAre(Pair("source", "unknown source -1"),
                          Pair("band", "unknown band -1"),
                          Pair("case_state", "unknown case state -1")));
}

class FilterHotelTest : public testing::FeedbackDomainFixture {
 protected:
  absl::Status Require(std::string_view parent, std::string_view hotel) {
    FeedbackFilterFields fields = Parent(parent);
    fields.hotel = hotel;
    absl::StatusOr<FeedbackFilter> filter = ParseFeedbackFilter(fields);
    if (!filter.ok()) return filter.status();
    return RequireFilterHotel(*store_, *filter, hotel);
  }
};

TEST_F(FilterHotelTest, AKnownHotelOfTheOrganizationOrNoneAtAll) {
  EXPECT_THAT(Require("organizations/acme", "organizations/acme/hotels/tokyo"),
              IsOk());
  EXPECT_THAT(Require("organizations/acme", ""), IsOk());
}

TEST_F(FilterHotelTest, AnUnknownHotelIsNotFound) {
  const absl::Status status =
      Require("organizations/acme", "organizations/acme/hotels/nowhere");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kNotFound,
                               "organizations/acme/hotels/nowhere not found"));
  EXPECT_THAT(status, HasErrorReason(v1::ERROR_REASON_RESOURCE_NOT_FOUND));
}

TEST_F(FilterHotelTest, AnotherOrganizationsHotelDoesNotExist) {
  // porto exists, but not for acme; nor is acme's lisbon rival's to filter
  // by.
  const absl::Status status =
      Require("organizations/acme", "organizations/rival/hotels/porto");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kNotFound,
                               "organizations/rival/hotels/porto not found"));
  EXPECT_EQ(ErrorMetadata(status, "resource"),
            "organizations/rival/hotels/porto");
  EXPECT_THAT(
      Require("organizations/rival", "organizations/acme/hotels/lisbon"),
      StatusIs(absl::StatusCode::kNotFound));
}

// A negative Google review of acme's lisbon hotel about cleanliness and
// staff, whose case is acknowledged.
v1::Feedback Review() {
  v1::Feedback feedback;
  feedback.set_name("organizations/acme/feedback/f1");
  feedback.set_hotel("organizations/acme/hotels/lisbon");
  feedback.set_source(v1::SOURCE_GOOGLE);
  feedback.mutable_analysis()->set_band(v1::SENTIMENT_BAND_NEGATIVE);
  feedback.mutable_analysis()->add_aspects()->set_aspect("cleanliness");
  feedback.mutable_analysis()->add_aspects()->set_aspect("staff_service");
  feedback.mutable_case_()->set_state(v1::CASE_STATE_ACKNOWLEDGED);
  *feedback.mutable_post_time() = ToProtoTimestamp(absl::FromUnixSeconds(50));
  return feedback;
}

FeedbackFilter Filter() {
  FeedbackFilter filter;
  filter.organization = "acme";
  return filter;
}

TEST(MatchesIgnoringTimeTest, NoFilterMatchesEverything) {
  EXPECT_TRUE(MatchesIgnoringTime(Filter(), Review()));
  EXPECT_TRUE(MatchesIgnoringTime(Filter(), v1::Feedback()));
}

TEST(MatchesIgnoringTimeTest, EachFilterMustMatch) {
  FeedbackFilter filter = Filter();
  filter.hotel_id = "lisbon";
  filter.hotel_organization = "acme";
  filter.source = v1::SOURCE_GOOGLE;
  filter.band = v1::SENTIMENT_BAND_NEGATIVE;
  filter.aspect = "staff_service";
  filter.case_state = v1::CASE_STATE_ACKNOWLEDGED;
  EXPECT_TRUE(MatchesIgnoringTime(filter, Review()));

  FeedbackFilter other_hotel = filter;
  other_hotel.hotel_id = "tokyo";
  EXPECT_FALSE(MatchesIgnoringTime(other_hotel, Review()));
  FeedbackFilter other_source = filter;
  other_source.source = v1::SOURCE_TWITTER;
  EXPECT_FALSE(MatchesIgnoringTime(other_source, Review()));
  FeedbackFilter other_band = filter;
  other_band.band = v1::SENTIMENT_BAND_NEUTRAL;
  EXPECT_FALSE(MatchesIgnoringTime(other_band, Review()));
  FeedbackFilter other_aspect = filter;
  other_aspect.aspect = "location";
  EXPECT_FALSE(MatchesIgnoringTime(other_aspect, Review()));
  FeedbackFilter other_state = filter;
  other_state.case_state = v1::CASE_STATE_OPEN;
  EXPECT_FALSE(MatchesIgnoringTime(other_state, Review()));
}

TEST(MatchesIgnoringTimeTest, AnAspectMatchesAnyMention) {
  FeedbackFilter filter = Filter();
  filter.aspect = "cleanliness";
  EXPECT_TRUE(MatchesIgnoringTime(filter, Review()));
  v1::Feedback unmentioned = Review();
  unmentioned.mutable_analysis()->clear_aspects();
  EXPECT_FALSE(MatchesIgnoringTime(filter, unmentioned));
}

TEST(MatchesIgnoringTimeTest, TheTimeRangeIsLeftToTheCaller) {
  FeedbackFilter filter = Filter();
  filter.start = absl::FromUnixSeconds(100);
  filter.end = absl::FromUnixSeconds(200);
  EXPECT_TRUE(MatchesIgnoringTime(filter, Review()));
}

}  // namespace
}  // namespace guestvoice::service
