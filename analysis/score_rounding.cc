#include "analysis/score_rounding.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace guestvoice::analysis {
namespace {

// Powers of ten that are exact doubles (up to 1e22); 1e15 is plenty here.
constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3, 1e4,  1e5,
                                   1e6,  1e7,  1e8,  1e9, 1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15};
constexpr int kMaxFastDigits = 15;

// The general case: glibc's printf converts the exact binary value and
// rounds half to even, as CPython's dtoa does, and strtod reads the decimal
// back correctly rounded: together they are Python's round().
double RoundThroughDecimalText(double value, int digits) {
  char buffer[400];  // "%.15f" of the largest double fits
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return std::strtod(buffer, nullptr);
}

}  // namespace

// The same result without text when value * 10^digits is below 2^52: the
// integer nearest to the exact product (ties to even) is found from the
// rounded product and its exact error, and dividing it by the exact power
// of ten gives the double nearest to the decimal, as strtod would.
double RoundLikePython(double value, int digits) {
  if (digits < 0 || digits > kMaxFastDigits || !std::isfinite(value)) {
    return RoundThroughDecimalText(value, digits);
  }
  const double scale = kPowersOfTen[digits];
  const double scaled = value * scale;
  if (!(std::fabs(scaled) < 0x1p52)) {
    return RoundThroughDecimalText(value, digits);
  }
  // value * scale == scaled + error exactly.
  const double error = std::fma(value, scale, -scaled);
  double nearest = std::nearbyint(scaled);  // ties to even
  // Exact: both are multiples of scaled's ulp. Below one half, the error
  // (at most half an ulp) cannot carry the exact product past a midpoint;
  // at one half, `scaled` is a midpoint the exact product may not be.
  const double offset = scaled - nearest;
  if (std::fabs(offset) == 0.5 && error != 0 && (error > 0) == (offset > 0)) {
    nearest += offset > 0 ? 1 : -1;
  }
  return nearest / scale;
}

SentimentScores RoundLikeReference(const SentimentScores& scores) {
  return {RoundLikePython(scores.neg, 3), RoundLikePython(scores.neu, 3),
          RoundLikePython(scores.pos, 3), RoundLikePython(scores.compound, 4)};
}

}  // namespace guestvoice::analysis
