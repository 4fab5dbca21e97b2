#ifndef GUESTVOICE_ANALYSIS_INTERNAL_VADER_SCORING_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_VADER_SCORING_H_

#include <cstddef>

#include "analysis/internal/vader_tokenizer.h"
#include "analysis/internal/vader_word_table.h"
#include "analysis/sentiment_analyzer.h"

namespace guestvoice::analysis {

// The rules of the reference's polarity_scores after tokenization: word
// valences with boosters, negations, ALL CAPS, idioms and "least"
// (sentiment_valence and its helpers), the "but" rule, then score_valence.
// Scores the words [first_word, end_word) of `text` exactly as the reference
// scores the substring they span.
SentimentScores ScoreVaderWords(const VaderText& text, std::size_t first_word,
                                std::size_t end_word,
                                const VaderWordTable& table);

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_VADER_SCORING_H_
