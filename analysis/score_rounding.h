#ifndef GUESTVOICE_ANALYSIS_SCORE_ROUNDING_H_
#define GUESTVOICE_ANALYSIS_SCORE_ROUNDING_H_

#include "analysis/sentiment_analyzer.h"

namespace guestvoice::analysis {

// Python's round(value, digits): the double nearest to the decimal that is
// closest to value's exact binary value, ties to even (round(0.0625, 3) is
// 0.062, not 0.063). Naive value * 1000 rounding gets such cases wrong.
double RoundLikePython(double value, int digits);

// The scores exactly as the reference prints them: neg, neu and pos rounded
// to 3 decimals, compound to 4.
SentimentScores RoundLikeReference(const SentimentScores& scores);

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_SCORE_ROUNDING_H_
