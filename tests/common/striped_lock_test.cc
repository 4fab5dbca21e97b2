#include "common/striped_lock.h"

#include <algorithm>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace guestvoice {
namespace {

// Two keys guarded by different stripes of `table`.
std::pair<std::string, std::string> KeysOnDifferentStripes(
    const StripedLock& table) {
  const std::string first = "guest-0";
  for (int i = 1;; ++i) {
    std::string second = "guest-" + std::to_string(i);
    if (table.StripeOf(second) != table.StripeOf(first)) return {first, second};
  }
}

TEST(StripedLockTest, StripeOfIsStableAndInRange) {
  StripedLock table(16);
  for (int i = 0; i < 100; ++i) {
    const std::string key = std::to_string(i);
    EXPECT_LT(table.StripeOf(key), 16u);
    EXPECT_EQ(table.StripeOf(key), table.StripeOf(key));
  }
}

// Unsynchronized counters stay exact only if the guards exclude each other:
// single-key guards against each other and against two-key guards taken in
// both argument orders (which would deadlock if not ordered by stripe).
TEST(StripedLockTest, GuardsExcludeAndTwoKeyLocksDoNotDeadlock) {
  StripedLock table(64);
  const auto [a, b] = KeysOnDifferentStripes(table);
  constexpr int kIterations = 20000;
  int64_t count_a = 0;
  int64_t count_b = 0;
  std::vector<std::thread> threads;
  threads.emplace_back([&, a = a] {
    for (int i = 0; i < kIterations; ++i) {
      StripedLock::Guard guard = table.Lock(a);
      ++count_a;
    }
  });
  threads.emplace_back([&, b = b] {
    for (int i = 0; i < kIterations; ++i) {
      StripedLock::Guard guard = table.Lock(b);
      ++count_b;
    }
  });
  threads.emplace_back([&, a = a, b = b] {
    for (int i = 0; i < kIterations; ++i) {
      StripedLock::Guard guard = table.Lock(a, b);
      ++count_a;
      ++count_b;
    }
  });
  threads.emplace_back([&, a = a, b = b] {
    for (int i = 0; i < kIterations; ++i) {
      StripedLock::Guard guard = table.Lock(b, a);
      ++count_a;
      ++count_b;
    }
  });
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(count_a, 3 * kIterations);
  EXPECT_EQ(count_b, 3 * kIterations);
}

TEST(StripedLockTest, TwoKeysOnOneStripeLockItOnce) {
  StripedLock table(1);
  { StripedLock::Guard guard = table.Lock("x", "y"); }
  // Released exactly once: lockable again, by either form.
  StripedLock::Guard single = table.Lock("x");
}

// Three keys locked in every order by concurrent threads, with single-key
// guards on each: counters stay exact and nobody deadlocks, and keys sharing
// a stripe lock it once (a stripe taken twice would self-deadlock).
TEST(StripedLockTest, LockAllExcludesAndDoesNotDeadlock) {
  StripedLock table(8);
  const std::vector<std::string> keys = {"guest-a", "guest-b", "guest-c",
                                         "guest-d", "guest-e"};
  constexpr int kIterations = 5000;
  int64_t count = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&, t] {
      std::vector<std::string> mine = keys;
      std::rotate(mine.begin(), mine.begin() + t, mine.end());
      for (int i = 0; i < kIterations; ++i) {
        StripedLock::Guard guard = table.LockAll(mine);
        ++count;
      }
    });
  }
  threads.emplace_back([&] {
    for (int i = 0; i < kIterations; ++i) {
      StripedLock::Guard guard = table.Lock(keys[i % keys.size()]);
      ++count;
    }
  });
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(count, 4 * kIterations);
}

TEST(StripedLockTest, LockAllOfKeysOnOneStripeLocksItOnce) {
  StripedLock table(1);
  { StripedLock::Guard guard = table.LockAll({"x", "y", "z"}); }
  StripedLock::Guard single = table.Lock("x");
}

// A moved-from guard must not release the stripe its new owner holds.
TEST(StripedLockTest, MovedGuardKeepsTheStripeLocked) {
  StripedLock table(1);
  constexpr int kIterations = 20000;
  int64_t count = 0;
  auto increment = [&] {
    for (int i = 0; i < kIterations; ++i) {
      std::optional<StripedLock::Guard> holder;
      {
        StripedLock::Guard guard = table.Lock("k");
        holder.emplace(std::move(guard));
      }
      ++count;
    }
  };
  std::thread first(increment);
  std::thread second(increment);
  first.join();
  second.join();
  EXPECT_EQ(count, 2 * kIterations);
}

// Shared guards of one stripe coexist: the second is taken while the first is
// held (with exclusive guards this would never return).
TEST(StripedLockTest, SharedGuardsCoexist) {
  StripedLock table(1);
  StripedLock::Guard held = table.LockShared("org");
  bool taken = false;
  std::thread other([&] {
    StripedLock::Guard guard = table.LockShared("org");
    taken = true;
  });
  other.join();
  EXPECT_TRUE(taken);
}

// Readers under a shared guard never see a writer's half-done update.
TEST(StripedLockTest, ExclusiveGuardsExcludeSharedOnes) {
  StripedLock table(4);
  constexpr int kIterations = 20000;
  int64_t first = 0;
  int64_t second = 0;
  int64_t torn_reads = 0;
  std::thread writer([&] {
    for (int i = 0; i < kIterations; ++i) {
      StripedLock::Guard guard = table.Lock("org");
      ++first;
      ++second;
    }
  });
  std::thread reader([&] {
    for (int i = 0; i < kIterations; ++i) {
      StripedLock::Guard guard = table.LockShared("org");
      if (first != second) ++torn_reads;
    }
  });
  writer.join();
  reader.join();
  EXPECT_EQ(torn_reads, 0);
  EXPECT_EQ(first, kIterations);
}

}  // namespace
}  // namespace guestvoice
