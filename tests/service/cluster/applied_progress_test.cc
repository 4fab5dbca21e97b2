// AppliedProgress: a writer hears its own command's outcome, a read hears
// that its offset is applied, both once, from the thread that reports it,
// and both at once when the partition stopped; a forgotten registration is
// never called. Nothing here sleeps.

#include "service/cluster/applied_progress.h"

#include <optional>
#include <thread>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/cluster/cluster_mutations.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::testing::StatusIs;
using ::testing::HasSubstr;

const absl::Time kPast = absl::UnixEpoch();

// What a registration's callback received, if it ran.
struct Heard {
  std::optional<absl::StatusOr<AppliedProgress::Outcome>> outcome;
  std::optional<absl::Status> offset;

  AppliedProgress::OutcomeCallback Outcome() {
    return [this](absl::StatusOr<AppliedProgress::Outcome> heard) {
      ASSERT_FALSE(outcome.has_value()) << "called twice";
      outcome = std::move(heard);
    };
  }
  AppliedProgress::OffsetCallback Offset() {
    return [this](absl::Status heard) {
      ASSERT_FALSE(offset.has_value()) << "called twice";
      offset = std::move(heard);
    };
  }
};

TEST(AppliedProgressTest, AWriterHearsItsOwnCommandsOutcomeOnce) {
  AppliedProgress progress;
  progress.Resumed(2, 0);
  Heard mine;
  progress.WhenOutcome("mine", 2, mine.Outcome());
  EXPECT_EQ(progress.waiting(), 1u);
  progress.Applied(2, 0,
                   {.id_seed = "someone else's",
                    .status = absl::OkStatus(),
                    .response = ""});
  EXPECT_FALSE(mine.outcome.has_value());
  progress.Applied(2, 1,
                   {.id_seed = "mine",
                    .status = absl::NotFoundError("no such hotel"),
                    .response = ""});
  ASSERT_TRUE(mine.outcome.has_value());
  ASSERT_OK(*mine.outcome);
  EXPECT_EQ((*mine.outcome)->offset, 1);
  EXPECT_THAT((*mine.outcome)->command.status,
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(progress.waiting(), 0u);
  // A replay of the same seed reaches nobody.
  progress.Applied(
      2, 2, {.id_seed = "mine", .status = absl::OkStatus(), .response = ""});
}

TEST(AppliedProgressTest, AForgottenWriterIsNeverCalled) {
  AppliedProgress progress;
  Heard mine;
  const AppliedProgress::WaitId wait =
      progress.WhenOutcome("mine", 0, mine.Outcome());
  EXPECT_TRUE(progress.Forget(wait));
  EXPECT_FALSE(progress.Forget(wait));
  EXPECT_EQ(progress.waiting(), 0u);
  progress.Applied(
      0, 5, {.id_seed = "mine", .status = absl::OkStatus(), .response = "r"});
  progress.Stopped(0, absl::DataLossError("broken"));
  EXPECT_FALSE(mine.outcome.has_value());
}

TEST(AppliedProgressTest, AReadIsCalledWhenItsOffsetIsApplied) {
  AppliedProgress progress;
  progress.Resumed(1, 4);
  EXPECT_TRUE(progress.HasApplied(1, 3));
  EXPECT_FALSE(progress.HasApplied(1, 4));
  Heard applied_already;
  progress.WhenApplied(1, 3, applied_already.Offset());
  ASSERT_TRUE(applied_already.offset.has_value());
  EXPECT_OK(*applied_already.offset);

  Heard at_4;
  Heard at_5;
  Heard elsewhere;
  progress.WhenApplied(1, 5, at_5.Offset());
  progress.WhenApplied(1, 4, at_4.Offset());
  progress.WhenApplied(7, 0, elsewhere.Offset());
  EXPECT_EQ(progress.waiting(), 3u);
  progress.Applied(1, 4, {});
  ASSERT_TRUE(at_4.offset.has_value());
  EXPECT_OK(*at_4.offset);
  EXPECT_FALSE(at_5.offset.has_value());
  EXPECT_FALSE(elsewhere.offset.has_value());
  EXPECT_EQ(progress.waiting(), 2u);
  // A restart that resumes further on answers the reads it passed.
  progress.Resumed(1, 9);
  ASSERT_TRUE(at_5.offset.has_value());
  EXPECT_EQ(progress.waiting(), 1u);
}

TEST(AppliedProgressTest, AStoppedPartitionAnswersItsWaitersAtOnce) {
  AppliedProgress progress;
  progress.Resumed(3, 10);
  Heard writer;
  Heard read;
  Heard other_partition;
  progress.WhenOutcome("mine", 3, writer.Outcome());
  progress.WhenApplied(3, 10, read.Offset());
  progress.WhenApplied(4, 0, other_partition.Offset());
  progress.Stopped(3, absl::DataLossError("command 3:10 is not a Command"));
  ASSERT_TRUE(writer.outcome.has_value());
  EXPECT_THAT(*writer.outcome, StatusIs(absl::StatusCode::kUnavailable,
                                        HasSubstr("is not a Command")));
  ASSERT_TRUE(read.offset.has_value());
  EXPECT_THAT(*read.offset, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_FALSE(other_partition.offset.has_value());
  EXPECT_EQ(progress.waiting(), 1u);
  // Later registrations hear it at once; what it applied before stopping
  // is still there to read.
  Heard late;
  progress.WhenOutcome("late", 3, late.Outcome());
  ASSERT_TRUE(late.outcome.has_value());
  EXPECT_THAT(*late.outcome, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(progress.PartitionStatus(3),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_OK(progress.AwaitOffset(3, 9, absl::InfiniteFuture()));
  EXPECT_THAT(progress.stopped().at(3), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(AppliedProgressTest, ABlockingWaitEndsAtItsDeadlineAndLeavesNothing) {
  AppliedProgress progress;
  progress.Resumed(1, 4);
  EXPECT_OK(progress.AwaitOffset(1, 3, kPast));
  EXPECT_THAT(progress.AwaitOffset(1, 4, kPast),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_EQ(progress.waiting(), 0u);
  std::thread applier([&] {
    // Applies once the waiter below is registered.
    ASSERT_TRUE(progress.AwaitWaiting(1, absl::InfiniteFuture()));
    progress.Applied(1, 4, {});
  });
  EXPECT_OK(progress.AwaitOffset(1, 4, absl::InfiniteFuture()));
  applier.join();
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
