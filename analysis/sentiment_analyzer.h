#ifndef GUESTVOICE_ANALYSIS_SENTIMENT_ANALYZER_H_
#define GUESTVOICE_ANALYSIS_SENTIMENT_ANALYZER_H_

#include <cstddef>
#include <string_view>

#include "analysis/internal/lexicons.h"
#include "analysis/internal/python_unicode.h"
#include "analysis/internal/vader_tokenizer.h"
#include "analysis/internal/vader_word_table.h"

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
  SentimentAnalyzer(const ValenceLexicon& lexicon, EmojiLexicon emojis,
                    const PythonUnicode& unicode = PythonUnicode::Default());
  // `base` with `supplement`'s words added, or revalued when `base` knows
  // them: the same as building on the base lexicon overlaid with the
  // supplement, without parsing the base lexicon again.
  // Its emoji of `emojis` weigh what that says, not what the words of
  // their description do.
  SentimentAnalyzer(const SentimentAnalyzer& base,
                    const ValenceLexicon& supplement,
                    const EmojiSupplement& emojis);

  // Plain VADER with the reference's lexicons (embedded at build time).
  static const SentimentAnalyzer& Default();

  SentimentScores PolarityScores(std::string_view text) const;

  // For scoring several parts of one text without tokenizing it again:
  // Tokenize once (valid UTF-8, at most kMaxTextBytes), then ScoreWords for
  // any run of whole words of it (VaderText::words), which equals
  // PolarityScores of the substring those words span. The VaderText views
  // the text, which must outlive its use. Analyzers built on the same emoji
  // lexicon can score each other's VaderText.
  void Tokenize(std::string_view valid_text, VaderText* out) const;
  SentimentScores ScoreWords(const VaderText& text, std::size_t first_word,
                             std::size_t end_word) const;

  // What the analyzer knows about each word (lexicon, boosters, negations).
  const VaderWordTable& words() const { return words_; }

 private:
  VaderWordTable words_;
  EmojiLexicon emojis_;
  const PythonUnicode* unicode_;
};

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_SENTIMENT_ANALYZER_H_
