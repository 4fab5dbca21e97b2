#ifndef GUESTVOICE_ANALYSIS_VADER_SCORING_H_
#define GUESTVOICE_ANALYSIS_VADER_SCORING_H_

#include "analysis/lexicons.h"
#include "analysis/sentiment_analyzer.h"
#include "analysis/vader_tokenizer.h"

namespace guestvoice::analysis {

// The rules of the reference's polarity_scores after tokenization: word
// valences with boosters, negations, ALL CAPS, idioms and "least"
// (sentiment_valence and its helpers), the "but" rule, then score_valence.
SentimentScores ScoreVaderText(const VaderText& text,
                               const ValenceLexicon& lexicon);

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_VADER_SCORING_H_
