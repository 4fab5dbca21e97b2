#include "service/api/key_rate_limiter.h"

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::StatusIs;

constexpr char kKey[] = "organizations/acme/apiKeys/k1";

TEST(KeyRateLimiterTest, ABurstThenOneCallPerRefill) {
  testing::FakeClock clock;
  KeyRateLimiter limiter({.calls_per_second = 10, .burst = 4}, clock);
  for (int call = 0; call < 4; ++call) EXPECT_OK(limiter.Admit(kKey));
  EXPECT_THAT(limiter.Admit(kKey),
              StatusIs(absl::StatusCode::kResourceExhausted));
  clock.Advance(absl::Milliseconds(100));
  EXPECT_OK(limiter.Admit(kKey));
  EXPECT_THAT(limiter.Admit(kKey),
              StatusIs(absl::StatusCode::kResourceExhausted));
}

TEST(KeyRateLimiterTest, AQuietKeyRefillsNoFurtherThanItsBurst) {
  testing::FakeClock clock;
  KeyRateLimiter limiter({.calls_per_second = 10, .burst = 2}, clock);
  EXPECT_OK(limiter.Admit(kKey));
  clock.Advance(absl::Hours(1));
  EXPECT_OK(limiter.Admit(kKey));
  EXPECT_OK(limiter.Admit(kKey));
  EXPECT_THAT(limiter.Admit(kKey),
              StatusIs(absl::StatusCode::kResourceExhausted));
}

TEST(KeyRateLimiterTest, AClockSteppingBackRefillsNothing) {
  testing::FakeClock clock;
  KeyRateLimiter limiter({.calls_per_second = 1, .burst = 1}, clock);
  EXPECT_OK(limiter.Admit(kKey));
  clock.Advance(absl::Seconds(-30));
  EXPECT_THAT(limiter.Admit(kKey),
              StatusIs(absl::StatusCode::kResourceExhausted));
  clock.Advance(absl::Seconds(1));
  EXPECT_OK(limiter.Admit(kKey));
}

TEST(KeyRateLimiterTest, ARefundGivesBackOneCallUpToTheBurst) {
  testing::FakeClock clock;
  KeyRateLimiter limiter({.calls_per_second = 1, .burst = 2}, clock);
  limiter.Refund(kKey);  // a key never admitted: nothing to give back
  EXPECT_OK(limiter.Admit(kKey));
  limiter.Refund(kKey);
  limiter.Refund(kKey);  // no further than the burst
  EXPECT_OK(limiter.Admit(kKey));
  EXPECT_OK(limiter.Admit(kKey));
  EXPECT_THAT(limiter.Admit(kKey),
              StatusIs(absl::StatusCode::kResourceExhausted));
  limiter.Refund(kKey);
  EXPECT_OK(limiter.Admit(kKey));
}

TEST(KeyRateLimiterTest, ZeroCallsPerSecondTurnsItOff) {
  testing::FakeClock clock;
  KeyRateLimiter limiter({.calls_per_second = 0, .burst = 0}, clock);
  for (int call = 0; call < 10'000; ++call) ASSERT_OK(limiter.Admit(kKey));
}

}  // namespace
}  // namespace guestvoice::service
