// google.protobuf.Timestamp and absl::Time.

#include "service/core/proto_time.h"

#include "gtest/gtest.h"

namespace guestvoice::service {
namespace {

TEST(ProtoTimeTest, TheEpochIsZero) {
  const google::protobuf::Timestamp timestamp =
      ToProtoTimestamp(absl::UnixEpoch());
  EXPECT_EQ(timestamp.seconds(), 0);
  EXPECT_EQ(timestamp.nanos(), 0);
  EXPECT_EQ(FromProtoTimestamp(google::protobuf::Timestamp()),
            absl::UnixEpoch());
}

TEST(ProtoTimeTest, KeepsNanoseconds) {
  const absl::Time time = absl::FromUnixNanos(1'768'478'400'123'456'789);
  const google::protobuf::Timestamp timestamp = ToProtoTimestamp(time);
  EXPECT_EQ(timestamp.seconds(), 1'768'478'400);
  EXPECT_EQ(timestamp.nanos(), 123'456'789);
  EXPECT_EQ(FromProtoTimestamp(timestamp), time);
}

TEST(ProtoTimeTest, BeforeTheEpochNanosStayPositive) {
  // A Timestamp counts nanos forward from its (floored) second.
  const google::protobuf::Timestamp timestamp =
      ToProtoTimestamp(absl::UnixEpoch() - absl::Milliseconds(1500));
  EXPECT_EQ(timestamp.seconds(), -2);
  EXPECT_EQ(timestamp.nanos(), 500'000'000);
  EXPECT_EQ(FromProtoTimestamp(timestamp),
            absl::UnixEpoch() - absl::Milliseconds(1500));

  const google::protobuf::Timestamp just_before =
      ToProtoTimestamp(absl::UnixEpoch() - absl::Nanoseconds(1));
  EXPECT_EQ(just_before.seconds(), -1);
  EXPECT_EQ(just_before.nanos(), 999'999'999);
}

TEST(ProtoTimeTest, DropsWhatIsFinerThanANanosecond) {
  // absl::Time resolves quarter nanoseconds; a Timestamp does not.
  const absl::Time after = absl::FromUnixSeconds(7) + absl::Nanoseconds(1) / 4;
  EXPECT_EQ(ToProtoTimestamp(after).seconds(), 7);
  EXPECT_EQ(ToProtoTimestamp(after).nanos(), 0);
  const google::protobuf::Timestamp before =
      ToProtoTimestamp(absl::FromUnixSeconds(7) - absl::Nanoseconds(1) / 4);
  EXPECT_EQ(before.seconds(), 6);
  EXPECT_GE(before.nanos(), 0);
  EXPECT_LE(before.nanos(), 999'999'999);
}

TEST(ProtoTimeTest, ReadsTheTimestampAsGiven) {
  google::protobuf::Timestamp timestamp;
  timestamp.set_seconds(-62'135'596'800);  // 0001-01-01T00:00:00Z
  timestamp.set_nanos(1);
  EXPECT_EQ(FromProtoTimestamp(timestamp),
            absl::FromCivil(absl::CivilSecond(1, 1, 1, 0, 0, 0),
                            absl::UTCTimeZone()) +
                absl::Nanoseconds(1));
}

TEST(ProtoTimeTest, DurationsSplitIntoSecondsAndNanos) {
  const google::protobuf::Duration duration =
      ToProtoDuration(absl::Seconds(90) + absl::Nanoseconds(7));
  EXPECT_EQ(duration.seconds(), 90);
  EXPECT_EQ(duration.nanos(), 7);
}

}  // namespace
}  // namespace guestvoice::service
