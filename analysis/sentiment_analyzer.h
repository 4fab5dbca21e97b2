#ifndef GUESTVOICE_ANALYSIS_SENTIMENT_ANALYZER_H_
#define GUESTVOICE_ANALYSIS_SENTIMENT_ANALYZER_H_

#include <string_view>

#include "analysis/lexicons.h"
#include "analysis/python_unicode.h"

namespace guestvoice::analysis {

// VADER's four scores, unrounded. neg + neu + pos == 1 (up to floating point)
// unless the text has no tokens (all four are 0); compound is in [-1, 1].
// Use RoundLikeReference (score_rounding.h) to get the reference's output.
struct SentimentScores {
  double neg = 0;
  double neu = 0;
  double pos = 0;
  double compound = 0;
};

// A port of vaderSentiment 3.3.2's SentimentIntensityAnalyzer, quirks
// included (analysis/VADER_QUIRKS.md). Immutable and thread-safe.
//
// Input is UTF-8; the first kMaxTextBytes (text_limits.h) are analysed and
// ill-formed sequences count as U+FFFD, as Python's
// bytes.decode("utf-8", "replace") reads them. Linear time in the text size.
class SentimentAnalyzer {
 public:
  SentimentAnalyzer(ValenceLexicon lexicon, EmojiLexicon emojis,
                    const PythonUnicode& unicode = PythonUnicode::Default());

  // Plain VADER with the reference's lexicons (embedded at build time).
  static const SentimentAnalyzer& Default();

  SentimentScores PolarityScores(std::string_view text) const;

  const ValenceLexicon& lexicon() const { return lexicon_; }

 private:
  ValenceLexicon lexicon_;
  EmojiLexicon emojis_;
  const PythonUnicode* unicode_;
};

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_SENTIMENT_ANALYZER_H_
