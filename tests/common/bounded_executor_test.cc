#include "common/bounded_executor.h"

#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "gmock/gmock.h"
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

// Tasks one at a time all run on the worker that went idle last, warm,
// instead of on each worker in turn.
TEST(BoundedExecutorTest, TasksOneAtATimeRunOnTheWorkerIdleLast) {
  constexpr size_t kWorkers = 8;
  BoundedExecutor executor(kWorkers, 16);
  auto wait_until_all_idle = [&] {
    while (executor.idle_workers() < kWorkers) std::this_thread::yield();
  };
  std::set<std::thread::id> ran_on;
  for (int i = 0; i < 40; ++i) {
    wait_until_all_idle();
    absl::Notification ran;
    ASSERT_TRUE(executor.TrySubmit([&] {
      ran_on.insert(std::this_thread::get_id());
      ran.Notify();
    }));
    ran.WaitForNotification();
  }
  EXPECT_EQ(ran_on.size(), 1u);
  wait_until_all_idle();
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

using Submission = BoundedExecutor::Submission;

// One worker held busy while lane "a" queues three tasks and lane "b" two:
// the lanes take turns, each keeping its own order.
TEST(BoundedExecutorTest, LanesTakeTurns) {
  absl::Notification started;
  absl::Notification release;
  absl::Mutex mutex;
  std::vector<std::string> ran;
  {
    BoundedExecutor executor(1, 10);
    ASSERT_TRUE(executor.TrySubmit([&] {
      started.Notify();
      release.WaitForNotification();
    }));
    started.WaitForNotification();
    const auto record = [&](std::string task) {
      return [&mutex, &ran, task] {
        absl::MutexLock lock(&mutex);
        ran.push_back(task);
      };
    };
    for (const char* task : {"a1", "a2", "a3"}) {
      ASSERT_EQ(executor.TrySubmit("a", record(task)), Submission::kQueued);
    }
    for (const char* task : {"b1", "b2"}) {
      ASSERT_EQ(executor.TrySubmit("b", record(task)), Submission::kQueued);
    }
    release.Notify();
  }
  EXPECT_THAT(ran, ::testing::ElementsAre("a1", "b1", "a2", "b2", "a3"));
}

// A lane holds at most its capacity of the queue; the other lanes keep
// theirs, and the full queue refuses every lane.
TEST(BoundedExecutorTest, ALaneHoldsAtMostItsCapacity) {
  absl::Notification started;
  absl::Notification release;
  std::atomic<int> ran{0};
  {
    BoundedExecutor executor(1, 4, 2);
    ASSERT_EQ(executor.lane_capacity(), 2u);
    ASSERT_TRUE(executor.TrySubmit([&] {
      started.Notify();
      release.WaitForNotification();
    }));
    started.WaitForNotification();
    const auto count = [&ran] { ++ran; };
    EXPECT_EQ(executor.TrySubmit("a", count), Submission::kQueued);
    EXPECT_EQ(executor.TrySubmit("a", count), Submission::kQueued);
    EXPECT_EQ(executor.TrySubmit("a", count), Submission::kLaneFull);
    EXPECT_EQ(executor.TrySubmit("b", count), Submission::kQueued);
    EXPECT_EQ(executor.TrySubmit("c", count), Submission::kQueued);
    EXPECT_EQ(executor.queued(), 4u);
    EXPECT_EQ(executor.TrySubmit("d", count), Submission::kQueueFull);
    executor.Shutdown();
    EXPECT_EQ(executor.TrySubmit("d", count), Submission::kShutDown);
    release.Notify();
  }
  EXPECT_EQ(ran.load(), 4);
}

// A lane emptied by the workers gets its full capacity back.
TEST(BoundedExecutorTest, ALaneRunDryHasItsCapacityAgain) {
  BoundedExecutor executor(1, 2, 1);
  for (int i = 0; i < 3; ++i) {
    absl::Notification ran;
    ASSERT_EQ(executor.TrySubmit("a", [&ran] { ran.Notify(); }),
              Submission::kQueued);
    ran.WaitForNotification();
  }
}

}  // namespace
}  // namespace guestvoice
