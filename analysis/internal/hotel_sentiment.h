#ifndef GUESTVOICE_ANALYSIS_INTERNAL_HOTEL_SENTIMENT_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_HOTEL_SENTIMENT_H_

#include "analysis/sentiment_analyzer.h"

namespace guestvoice::analysis {

// VADER's rules over VADER's lexicon plus the hotel-domain supplement
// (analysis/data/hotel_supplement.tsv: filthy, cramped, overpriced...), for
// the sentiment of English feedback and of its aspect mentions. Plain VADER
// scores come from SentimentAnalyzer::Default(), which never sees the
// supplement.
const SentimentAnalyzer& HotelSentimentAnalyzer();

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_HOTEL_SENTIMENT_H_
