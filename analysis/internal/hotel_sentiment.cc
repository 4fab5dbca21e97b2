#include "analysis/internal/hotel_sentiment.h"

#include <utility>

#include "analysis/internal/embedded_data.h"
#include "analysis/internal/embedded_data_check.h"
#include "analysis/internal/lexicons.h"

namespace guestvoice::analysis {

const SentimentAnalyzer& HotelSentimentAnalyzer() {
  static const SentimentAnalyzer* const kAnalyzer = [] {
    absl::StatusOr<ValenceLexicon> supplement =
        ValenceLexicon::ParseSupplement(embedded::HotelSupplement());
    if (!supplement.ok()) AbortOnBrokenEmbeddedData(supplement.status());
    // Plain VADER's lexicon and emoji, parsed once for both analyzers.
    return new SentimentAnalyzer(SentimentAnalyzer::Default(), *supplement,
                                 HotelEmojiSupplement());
  }();
  return *kAnalyzer;
}

const EmojiSupplement& HotelEmojiSupplement() {
  static const EmojiSupplement* const kSupplement = [] {
    absl::StatusOr<EmojiSupplement> supplement =
        EmojiSupplement::Parse(embedded::HotelEmojiSupplement());
    if (!supplement.ok()) AbortOnBrokenEmbeddedData(supplement.status());
    return new EmojiSupplement(*std::move(supplement));
  }();
  return *kSupplement;
}

}  // namespace guestvoice::analysis
