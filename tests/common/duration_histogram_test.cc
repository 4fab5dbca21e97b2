#include "common/duration_histogram.h"

#include <array>
#include <thread>
#include <vector>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace guestvoice {
namespace {

constexpr std::array<double, 2> kBounds = {0.001, 0.01};

TEST(DurationHistogramTest, EachDurationFallsInTheFirstBucketThatHoldsIt) {
  DurationHistogram histogram(kBounds);
  histogram.Add(absl::Microseconds(250));
  histogram.Add(absl::Milliseconds(1));  // le is inclusive
  histogram.Add(absl::Milliseconds(5));
  histogram.Add(absl::Seconds(2));
  PrometheusText out;
  histogram.WriteTo(out, "work_seconds", {{"kind", "a"}});
  EXPECT_EQ(out.text(),
            "work_seconds_bucket{kind=\"a\",le=\"0.001\"} 2\n"
            "work_seconds_bucket{kind=\"a\",le=\"0.01\"} 3\n"
            "work_seconds_bucket{kind=\"a\",le=\"+Inf\"} 4\n"
            "work_seconds_sum{kind=\"a\"} 2.00625\n"
            "work_seconds_count{kind=\"a\"} 4\n");
  EXPECT_EQ(histogram.count(), 4);
}

TEST(DurationHistogramTest, ConcurrentAddsAreAllCounted) {
  DurationHistogram histogram(kBounds);
  constexpr int kThreads = 4;
  constexpr int kAddsEach = 10000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&histogram] {
      for (int i = 0; i < kAddsEach; ++i) {
        histogram.Add(absl::Microseconds(i % 20000));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(histogram.count(), uint64_t{kThreads} * kAddsEach);
}

}  // namespace
}  // namespace guestvoice
