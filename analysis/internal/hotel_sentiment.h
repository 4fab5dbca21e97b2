#ifndef GUESTVOICE_ANALYSIS_INTERNAL_HOTEL_SENTIMENT_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_HOTEL_SENTIMENT_H_

#include "analysis/internal/lexicons.h"
#include "analysis/sentiment_analyzer.h"

namespace guestvoice::analysis {

// VADER's rules over VADER's lexicon plus the hotel-domain supplement
// (analysis/data/hotel_supplement.tsv: filthy, cramped, overpriced...), for
// the sentiment of English feedback and of its aspect mentions. Plain VADER
// scores come from SentimentAnalyzer::Default(), which never sees the
// supplement.
// Its emoji weigh what the hotel emoji supplement says where it names them
// (analysis/data/emoji_supplement.tsv: "👍", "😡", "🔥"), as they do in the
// other languages (EmojiValences::Default).
const SentimentAnalyzer& HotelSentimentAnalyzer();

// analysis/data/emoji_supplement.tsv, parsed once.
const EmojiSupplement& HotelEmojiSupplement();

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_HOTEL_SENTIMENT_H_
