#ifndef GUESTVOICE_ANALYSIS_INTERNAL_SENTIMENT_VOCABULARY_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_SENTIMENT_VOCABULARY_H_

#include <string_view>

#include "analysis/internal/vader_word_table.h"

namespace guestvoice::analysis {

// What aspect resolution (clause_aspects.h) asks about a word of a clause,
// in the clause's language: does it judge (a sentiment word), or negate?
class SentimentVocabulary {
 public:
  virtual ~SentimentVocabulary() = default;
  virtual bool IsSentimentWord(std::string_view lower_word) const = 0;
  virtual bool IsNegation(std::string_view lower_word) const = 0;
};

// English: VADER's lexicon (with the hotel supplement, as given) and its
// negations.
class VaderVocabulary final : public SentimentVocabulary {
 public:
  explicit VaderVocabulary(const VaderWordTable& words) : words_(words) {}
  bool IsSentimentWord(std::string_view lower_word) const override;
  bool IsNegation(std::string_view lower_word) const override;

 private:
  const VaderWordTable& words_;
};

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_SENTIMENT_VOCABULARY_H_
