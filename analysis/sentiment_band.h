#ifndef GUESTVOICE_ANALYSIS_SENTIMENT_BAND_H_
#define GUESTVOICE_ANALYSIS_SENTIMENT_BAND_H_

namespace guestvoice::analysis {

// VADER's band thresholds on compound scores (its authors' recommendation):
// positive from kPositiveThreshold up, negative from kNegativeThreshold down,
// neutral between.
inline constexpr double kNegativeThreshold = -0.05;
inline constexpr double kPositiveThreshold = 0.05;

enum class SentimentBand { kNegative, kNeutral, kPositive };

// The band of a compound score as the API reports it (rounded first:
// RoundLikeReference).
constexpr SentimentBand BandOf(double compound) {
  if (compound >= kPositiveThreshold) return SentimentBand::kPositive;
  if (compound <= kNegativeThreshold) return SentimentBand::kNegative;
  return SentimentBand::kNeutral;
}

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_SENTIMENT_BAND_H_
