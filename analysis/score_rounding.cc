#include "analysis/score_rounding.h"

#include <cstdio>
#include <cstdlib>

namespace guestvoice::analysis {

double RoundLikePython(double value, int digits) {
  // glibc's printf converts the exact binary value and rounds half to even,
  // as CPython's dtoa does, and strtod reads the decimal back correctly
  // rounded: together they are Python's round().
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return std::strtod(buffer, nullptr);
}

SentimentScores RoundLikeReference(const SentimentScores& scores) {
  return {RoundLikePython(scores.neg, 3), RoundLikePython(scores.neu, 3),
          RoundLikePython(scores.pos, 3), RoundLikePython(scores.compound, 4)};
}

}  // namespace guestvoice::analysis
