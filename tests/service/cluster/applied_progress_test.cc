// AppliedProgress: a writer gets its own command's outcome, a read waits for
// an offset, and both learn at once when the partition stopped. Deadlines in
// the past make the waits return at once: nothing here sleeps.

#include "service/cluster/applied_progress.h"

#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/cluster/cluster_mutations.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::testing::StatusIs;
using ::testing::HasSubstr;

const absl::Time kPast = absl::UnixEpoch();

TEST(AppliedProgressTest, AWriterGetsItsOwnCommandsOutcome) {
  AppliedProgress progress;
  progress.Resumed(2, 0);
  progress.Expect("mine");
  progress.Applied(2, 0, {.id_seed = "someone else's"});
  progress.Applied(2, 1,
                   {.id_seed = "mine",
                    .status = absl::NotFoundError("no such hotel"),
                    .response = ""});
  ASSERT_OK_AND_ASSIGN(AppliedCommand applied,
                       progress.AwaitOutcome("mine", 2, kPast));
  EXPECT_THAT(applied.status, StatusIs(absl::StatusCode::kNotFound));
  // Taken once.
  EXPECT_THAT(progress.AwaitOutcome("mine", 2, kPast),
              StatusIs(absl::StatusCode::kInternal));
}

TEST(AppliedProgressTest, AWriterWaitsForItsCommandOnAnotherThread) {
  AppliedProgress progress;
  progress.Expect("mine");
  std::thread applier(
      [&] { progress.Applied(0, 5, {.id_seed = "mine", .response = "r"}); });
  ASSERT_OK_AND_ASSIGN(
      AppliedCommand applied,
      progress.AwaitOutcome("mine", 0, absl::InfiniteFuture()));
  applier.join();
  EXPECT_EQ(applied.response, "r");
}

TEST(AppliedProgressTest, AWriterPastItsDeadlineIsToldToRetry) {
  AppliedProgress progress;
  progress.Expect("mine");
  EXPECT_THAT(progress.AwaitOutcome("mine", 0, kPast),
              StatusIs(absl::StatusCode::kDeadlineExceeded,
                       HasSubstr("same request_id")));
}

TEST(AppliedProgressTest, AReadWaitsForItsOffset) {
  AppliedProgress progress;
  progress.Resumed(1, 4);
  EXPECT_OK(progress.AwaitOffset(1, 3, kPast));
  EXPECT_THAT(progress.AwaitOffset(1, 4, kPast),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_THAT(progress.AwaitOffset(7, 0, kPast),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
  progress.Applied(1, 4, {});
  EXPECT_OK(progress.AwaitOffset(1, 4, kPast));
}

TEST(AppliedProgressTest, AStoppedPartitionAnswersItsWaitersAtOnce) {
  AppliedProgress progress;
  progress.Resumed(3, 10);
  progress.Expect("mine");
  progress.Stopped(3, absl::DataLossError("command 3:10 is not a Command"));
  EXPECT_THAT(
      progress.AwaitOutcome("mine", 3, absl::InfiniteFuture()),
      StatusIs(absl::StatusCode::kUnavailable, HasSubstr("is not a Command")));
  EXPECT_THAT(progress.AwaitOffset(3, 10, absl::InfiniteFuture()),
              StatusIs(absl::StatusCode::kUnavailable));
  // What it applied before stopping is still there to read.
  EXPECT_OK(progress.AwaitOffset(3, 9, absl::InfiniteFuture()));
  EXPECT_THAT(progress.stopped().at(3), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(ConsistencyTokenTest, RoundTripsAndRefusesWhatIsNoToken) {
  ASSERT_OK_AND_ASSIGN(
      RecordPosition position,
      ParseConsistencyToken("x-guestvoice-consistency",
                            ConsistencyToken({.partition = 4, .offset = 99})));
  EXPECT_EQ(position.partition, 4);
  EXPECT_EQ(position.offset, 99);
  for (const char* bad : {"", "4", "4:", ":9", "a:b", "-1:3", "4:-2"}) {
    EXPECT_THAT(ParseConsistencyToken("x-guestvoice-consistency", bad),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("x-guestvoice-consistency")))
        << bad;
  }
}

}  // namespace
}  // namespace guestvoice::service::cluster
