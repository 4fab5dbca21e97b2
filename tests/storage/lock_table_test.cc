#include "storage/lock_table.h"

#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace guestvoice::storage {
namespace {

// Two keys guarded by different stripes of `table`.
std::pair<std::string, std::string> KeysOnDifferentStripes(
    const LockTable& table) {
  const std::string first = "guest-0";
  for (int i = 1;; ++i) {
    std::string second = "guest-" + std::to_string(i);
    if (table.StripeOf(second) != table.StripeOf(first)) return {first, second};
  }
}

TEST(LockTableTest, StripeOfIsStableAndInRange) {
  LockTable table(16);
  for (int i = 0; i < 100; ++i) {
    const std::string key = std::to_string(i);
    EXPECT_LT(table.StripeOf(key), 16u);
    EXPECT_EQ(table.StripeOf(key), table.StripeOf(key));
  }
}

// Unsynchronized counters stay exact only if the guards exclude each other:
// single-key guards against each other and against two-key guards taken in
// both argument orders (which would deadlock if not ordered by stripe).
TEST(LockTableTest, GuardsExcludeAndTwoKeyLocksDoNotDeadlock) {
  LockTable table(64);
  const auto [a, b] = KeysOnDifferentStripes(table);
  constexpr int kIterations = 20000;
  int64_t count_a = 0;
  int64_t count_b = 0;
  std::vector<std::thread> threads;
  threads.emplace_back([&, a = a] {
    for (int i = 0; i < kIterations; ++i) {
      LockTable::Guard guard = table.Lock(a);
      ++count_a;
    }
  });
  threads.emplace_back([&, b = b] {
    for (int i = 0; i < kIterations; ++i) {
      LockTable::Guard guard = table.Lock(b);
      ++count_b;
    }
  });
  threads.emplace_back([&, a = a, b = b] {
    for (int i = 0; i < kIterations; ++i) {
      LockTable::Guard guard = table.Lock(a, b);
      ++count_a;
      ++count_b;
    }
  });
  threads.emplace_back([&, a = a, b = b] {
    for (int i = 0; i < kIterations; ++i) {
      LockTable::Guard guard = table.Lock(b, a);
      ++count_a;
      ++count_b;
    }
  });
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(count_a, 3 * kIterations);
  EXPECT_EQ(count_b, 3 * kIterations);
}

TEST(LockTableTest, TwoKeysOnOneStripeLockItOnce) {
  LockTable table(1);
  { LockTable::Guard guard = table.Lock("x", "y"); }
  // Released exactly once: lockable again, by either form.
  LockTable::Guard single = table.Lock("x");
}

// A moved-from guard must not release the stripe its new owner holds.
TEST(LockTableTest, MovedGuardKeepsTheStripeLocked) {
  LockTable table(1);
  constexpr int kIterations = 20000;
  int64_t count = 0;
  auto increment = [&] {
    for (int i = 0; i < kIterations; ++i) {
      std::optional<LockTable::Guard> holder;
      {
        LockTable::Guard guard = table.Lock("k");
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

}  // namespace
}  // namespace guestvoice::storage
