#include "analysis/score_rounding.h"

#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

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

}  // namespace
}  // namespace guestvoice::analysis
