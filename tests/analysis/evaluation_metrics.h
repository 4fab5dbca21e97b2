#ifndef GUESTVOICE_TESTS_ANALYSIS_EVALUATION_METRICS_H_
#define GUESTVOICE_TESTS_ANALYSIS_EVALUATION_METRICS_H_

// What the evaluations against labelled sets count: polarity bands and
// precision and recall of found against labelled items.

#include <string>

namespace guestvoice::analysis {

// The band of a compound score, by the VADER paper's +-0.05 thresholds.
inline std::string PolarityBand(double compound) {
  if (compound >= 0.05) return "positive";
  if (compound <= -0.05) return "negative";
  return "neutral";
}

// Found items against labelled ones. With nothing found (or nothing
// labelled) precision (recall) is 1: nothing was wrong.
struct MatchCounts {
  int true_positives = 0;
  int false_positives = 0;
  int false_negatives = 0;

  double Precision() const {
    const int found = true_positives + false_positives;
    return found == 0 ? 1.0 : static_cast<double>(true_positives) / found;
  }
  double Recall() const {
    const int labelled = true_positives + false_negatives;
    return labelled == 0 ? 1.0 : static_cast<double>(true_positives) / labelled;
  }
};

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_TESTS_ANALYSIS_EVALUATION_METRICS_H_
