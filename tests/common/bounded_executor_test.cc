#include "common/bounded_executor.h"

#include <atomic>
#include <memory>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace guestvoice {
namespace {

TEST(BoundedExecutorTest, RunsEveryAcceptedTaskBeforeItIsDestroyed) {
  std::atomic<int> ran{0};
  int accepted = 0;
  {
    BoundedExecutor executor(4, 1000);
    for (int i = 0; i < 500; ++i) {
      accepted += executor.TrySubmit([&ran] { ++ran; }) ? 1 : 0;
    }
  }
  EXPECT_EQ(accepted, 500);
  EXPECT_EQ(ran.load(), 500);
}

// One worker held busy: the queue takes exactly its capacity, then refuses.
TEST(BoundedExecutorTest, RefusesTasksWhenTheQueueIsFull) {
  absl::Notification started;
  absl::Notification release;
  std::atomic<int> ran{0};
  {
    BoundedExecutor executor(1, 2);
    ASSERT_TRUE(executor.TrySubmit([&] {
      started.Notify();
      release.WaitForNotification();
    }));
    started.WaitForNotification();
    EXPECT_TRUE(executor.TrySubmit([&ran] { ++ran; }));
    EXPECT_TRUE(executor.TrySubmit([&ran] { ++ran; }));
    EXPECT_EQ(executor.queued(), 2u);
    EXPECT_FALSE(executor.TrySubmit([&ran] { ++ran; }));
    release.Notify();
  }
  EXPECT_EQ(ran.load(), 2);
}

TEST(BoundedExecutorTest, AfterShutdownRefusesNewTasksButRunsQueuedOnes) {
  absl::Notification started;
  absl::Notification release;
  std::atomic<int> ran{0};
  {
    BoundedExecutor executor(1, 10);
    ASSERT_TRUE(executor.TrySubmit([&] {
      started.Notify();
      release.WaitForNotification();
    }));
    started.WaitForNotification();
    ASSERT_TRUE(executor.TrySubmit([&ran] { ++ran; }));
    executor.Shutdown();
    EXPECT_FALSE(executor.TrySubmit([&ran] { ++ran; }));
    release.Notify();
  }
  EXPECT_EQ(ran.load(), 1);
}

// Two tasks that each wait for the other finish only if two workers run them
// at once.
TEST(BoundedExecutorTest, RunsTasksOnSeveralThreadsAtOnce) {
  absl::Notification first_running;
  absl::Notification second_running;
  {
    BoundedExecutor executor(2, 10);
    ASSERT_TRUE(executor.TrySubmit([&] {
      first_running.Notify();
      second_running.WaitForNotification();
    }));
    ASSERT_TRUE(executor.TrySubmit([&] {
      second_running.Notify();
      first_running.WaitForNotification();
    }));
  }
  EXPECT_TRUE(first_running.HasBeenNotified());
  EXPECT_TRUE(second_running.HasBeenNotified());
}

TEST(BoundedExecutorTest, TasksMayOwnMoveOnlyState) {
  std::atomic<int> seen{0};
  {
    BoundedExecutor executor(1, 1);
    auto value = std::make_unique<int>(7);
    ASSERT_TRUE(executor.TrySubmit(
        [value = std::move(value), &seen] { seen = *value; }));
  }
  EXPECT_EQ(seen.load(), 7);
}

}  // namespace
}  // namespace guestvoice
