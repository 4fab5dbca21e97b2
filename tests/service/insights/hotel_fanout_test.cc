#include "service/insights/hotel_fanout.h"

#include <atomic>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/cancelled_after_checks.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::StatusIs;

TEST(ReadHotelsOnTwoThreadsTest, ReadsEveryHotelOnce) {
  for (size_t count :
       {size_t{0}, size_t{1}, kFanoutHotels - 1, kFanoutHotels, size_t{200}}) {
    std::vector<std::atomic<int>> reads(count);
    ASSERT_OK(
        ReadHotelsOnTwoThreads(count, CallCancellation::Never(), [&](size_t i) {
          ++reads[i];
          return absl::OkStatus();
        }));
    for (size_t i = 0; i < count; ++i) {
      EXPECT_EQ(reads[i], 1) << i << " of " << count;
    }
  }
}

TEST(ReadHotelsOnTwoThreadsTest, ReturnsTheErrorOfTheFirstFailingHotel) {
  EXPECT_THAT(ReadHotelsOnTwoThreads(50, CallCancellation::Never(),
                                     [](size_t i) {
                                       if (i == 40) {
                                         return absl::InternalError("forty");
                                       }
                                       if (i == 7) {
                                         return absl::DataLossError("seven");
                                       }
                                       return absl::OkStatus();
                                     }),
              StatusIs(absl::StatusCode::kDataLoss));
}

TEST(ReadHotelsOnTwoThreadsTest, ReadsNoMoreHotelsOnceTheCallerHasGone) {
  constexpr size_t kHotels = 200;
  const testing::CancelledAfterChecks cancellation(5);
  std::atomic<int> reads{0};
  EXPECT_THAT(ReadHotelsOnTwoThreads(kHotels, cancellation,
                                     [&](size_t) {
                                       ++reads;
                                       return absl::OkStatus();
                                     }),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
  // One read per check that passed; the failed check stops both threads.
  EXPECT_EQ(reads, 5);
  EXPECT_LT(cancellation.checks(), 8);
}

}  // namespace
}  // namespace guestvoice::service
