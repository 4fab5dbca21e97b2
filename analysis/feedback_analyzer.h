#ifndef GUESTVOICE_ANALYSIS_FEEDBACK_ANALYZER_H_
#define GUESTVOICE_ANALYSIS_FEEDBACK_ANALYZER_H_

#include <string>
#include <string_view>
#include <vector>

#include "analysis/aspect_taxonomy.h"
#include "analysis/internal/aspect_matcher.h"
#include "analysis/sentiment_analyzer.h"

namespace guestvoice::analysis {

// One clause that mentions a hotel aspect.
struct AspectMention {
  std::string aspect;  // an id of the taxonomy, e.g. "cleanliness"
  // VADER compound (-1..1) of the clause, with the hotel supplement lexicon.
  double sentiment = 0;
  std::string text;  // the clause as written (valid UTF-8)
};

struct Analysis {
  SentimentScores scores;  // plain VADER of the whole text, unrounded
  // In text order; an aspect mentioned in several clauses appears once per
  // clause, and once per clause at most.
  std::vector<AspectMention> aspects;
};

// Sentiment and hotel aspects of a feedback text. Immutable after
// construction and thread-safe. Texts longer than kMaxTextBytes
// (text_limits.h) are analysed up to that limit; ill-formed UTF-8 is read
// with each bad sequence as U+FFFD, so mention texts are always valid UTF-8.
class FeedbackAnalyzer {
 public:
  explicit FeedbackAnalyzer(AspectTaxonomy taxonomy);

  // With AspectTaxonomy::Default().
  static const FeedbackAnalyzer& Default();

  Analysis Analyze(std::string_view text) const;

  const AspectTaxonomy& taxonomy() const { return taxonomy_; }

 private:
  AspectTaxonomy taxonomy_;
  AspectMatcher matcher_;
};

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_FEEDBACK_ANALYZER_H_
