#include "analysis/internal/sentiment_vocabulary.h"

#include "analysis/internal/vader_rules.h"

namespace guestvoice::analysis {

bool VaderVocabulary::IsSentimentWord(std::string_view lower_word) const {
  const VaderWordTable::Facts* facts = words_.Find(lower_word);
  return facts != nullptr && facts->in_lexicon && !facts->negated_only;
}

bool VaderVocabulary::IsNegation(std::string_view lower_word) const {
  return vader::IsNegated(lower_word);
}

}  // namespace guestvoice::analysis
