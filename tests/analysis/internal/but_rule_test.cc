#include "analysis/internal/but_rule.h"

#include <cstddef>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

// The reference's loop, transcribed literally (quadratic):
//   for sentiment in sentiments:
//       si = sentiments.index(sentiment)
//       if si < bi: sentiments[si] = sentiment * 0.5
//       elif si > bi: sentiments[si] = sentiment * 1.5
std::vector<double> ReferenceButCheck(std::size_t but_index,
                                      std::vector<double> values) {
  for (std::size_t k = 0; k < values.size(); ++k) {
    const double sentiment = values[k];
    std::size_t si = 0;
    while (values[si] != sentiment) ++si;
    if (si < but_index) {
      values[si] = sentiment * 0.5;
    } else if (si > but_index) {
      values[si] = sentiment * 1.5;
    }
  }
  return values;
}

TEST(ButRuleTest, ScalesBeforeAndAfterByPosition) {
  std::vector<double> values = {1.9, -2.5, 0, 3.1, 0};
  ApplyButRule(2, &values);
  EXPECT_EQ(values, (std::vector<double>{0.95, -1.25, 0, 3.1 * 1.5, 0}));
}

// A value equal to an earlier (already halved) one scales the earlier one
// again and stays unscaled itself.
TEST(ButRuleTest, UpdatesTheFirstEqualValue) {
  std::vector<double> values = {3.0, 1.5, 0, 2.0};
  ApplyButRule(2, &values);
  EXPECT_EQ(values, (std::vector<double>{0.75, 1.5, 0, 3.0}));
  EXPECT_EQ(values, ReferenceButCheck(2, {3.0, 1.5, 0, 2.0}));

  std::vector<double> after = {0, 2.0, 3.0};
  ApplyButRule(0, &after);
  EXPECT_EQ(after, (std::vector<double>{0, 4.5, 3.0}));
}

TEST(ButRuleTest, MatchesTheReferenceLoopOnRandomLists) {
  std::mt19937 random(7);
  // Few distinct values and their halves and 1.5 multiples, so collisions
  // across the but index are frequent.
  const std::vector<double> pool = {0,    0,    0,    1.0, 2.0,  1.5,
                                    3.0,  0.5,  0.75, 4.5, -1.0, -2.0,
                                    -0.5, -1.5, 2.25, 6.75};
  for (int trial = 0; trial < 3000; ++trial) {
    const std::size_t size = 1 + random() % 24;
    std::vector<double> values(size);
    for (double& value : values) value = pool[random() % pool.size()];
    const std::size_t but_index = random() % size;
    values[but_index] = 0;  // the "but" token itself scores 0
    std::vector<double> actual = values;
    ApplyButRule(but_index, &actual);
    ASSERT_EQ(actual, ReferenceButCheck(but_index, values))
        << "trial " << trial;
  }
}

}  // namespace
}  // namespace guestvoice::analysis
