#include "analysis/score_rounding.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>

#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

// Python's round() through text: printf rounds the exact binary value half
// to even, as CPython's dtoa does, and strtod reads the decimal back.
double RoundThroughText(double value, int digits) {
  char buffer[400];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return std::strtod(buffer, nullptr);
}

bool BitEqual(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Expected values are CPython's round() results.
TEST(ScoreRoundingTest, RoundsExactTiesToEvenLikePython) {
  EXPECT_EQ(RoundLikePython(0.0625, 3), 0.062);  // naive rounding: 0.063
  EXPECT_EQ(RoundLikePython(0.1875, 3), 0.188);
  EXPECT_EQ(RoundLikePython(-0.0625, 3), -0.062);
  EXPECT_EQ(RoundLikePython(0.03125, 4), 0.0312);
}

TEST(ScoreRoundingTest, RoundsTheExactBinaryValue) {
  // 2.675 and 0.5555 are stored slightly below the decimal.
  EXPECT_EQ(RoundLikePython(2.675, 2), 2.67);
  EXPECT_EQ(RoundLikePython(0.5555, 3), 0.555);
  EXPECT_EQ(RoundLikePython(0.4404499999, 4), 0.4404);
  EXPECT_EQ(RoundLikePython(1.0, 4), 1.0);
}

TEST(ScoreRoundingTest, RoundsEachScoreToTheReferencesPrecision) {
  const SentimentScores rounded =
      RoundLikeReference({0.12345, 0.54321, 0.33334, -0.123456});
  EXPECT_EQ(rounded.neg, 0.123);
  EXPECT_EQ(rounded.neu, 0.543);
  EXPECT_EQ(rounded.pos, 0.333);
  EXPECT_EQ(rounded.compound, -0.1235);
}

TEST(ScoreRoundingTest, KeepsTheSignOfZero) {
  EXPECT_TRUE(std::signbit(RoundLikePython(-0.00001, 4)));
  EXPECT_TRUE(std::signbit(RoundLikePython(-0.0, 3)));
  EXPECT_FALSE(std::signbit(RoundLikePython(0.00001, 4)));
}

// RoundLikePython computes without text; it must agree bit for bit with the
// text round trip on scores, on near-midpoints and on values far outside.
TEST(ScoreRoundingTest, EqualsTheTextRoundTripBitForBit) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> score(-1.0, 1.0);
  std::uniform_int_distribution<int> ulps(-3, 3);
  int checked = 0;
  auto check = [&](double value, int digits) {
    ASSERT_TRUE(BitEqual(RoundLikePython(value, digits),
                         RoundThroughText(value, digits)))
        << value << " to " << digits;
    ++checked;
  };
  for (int i = 0; i < 300000; ++i) check(score(random), 3 + i % 2);
  // Decimal midpoints (k + 0.5) / 10^digits and the doubles around them.
  for (int digits = 0; digits <= 6; ++digits) {
    const double scale = std::pow(10.0, digits);
    for (int k = -20000; k <= 20000; ++k) {
      double value = (k + 0.5) / scale;
      for (int step = ulps(random); step < 0; ++step) {
        value = std::nextafter(value, -INFINITY);
      }
      for (int step = ulps(random); step > 0; --step) {
        value = std::nextafter(value, INFINITY);
      }
      check(value, digits);
      check((k + 0.5) / scale, digits);
      check(std::nextafter((k + 0.5) / scale, INFINITY), digits);
      check(std::nextafter((k + 0.5) / scale, -INFINITY), digits);
    }
  }
  // Exact binary ties such as 0.0625, and magnitudes either side of 2^52.
  for (int denominator_bits = 1; denominator_bits <= 20; ++denominator_bits) {
    for (int numerator = -2000; numerator <= 2000; ++numerator) {
      check(std::ldexp(numerator, -denominator_bits), 3);
      check(std::ldexp(numerator, -denominator_bits), 4);
    }
  }
  for (double value : {1e-320, -1e-300, 4503599627370495.5, 4.5e15, 1e16,
                       -1e300, 123456789.123456789}) {
    for (int digits = 0; digits <= 17; ++digits) check(value, digits);
  }
  EXPECT_GT(checked, 1000000);
}

}  // namespace
}  // namespace guestvoice::analysis
