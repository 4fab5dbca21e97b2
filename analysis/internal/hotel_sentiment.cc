#include "analysis/internal/hotel_sentiment.h"

#include <cstdlib>

#include "analysis/internal/embedded_data.h"
#include "analysis/internal/lexicons.h"

namespace guestvoice::analysis {

const SentimentAnalyzer& HotelSentimentAnalyzer() {
  static const SentimentAnalyzer* const kAnalyzer = [] {
    absl::StatusOr<ValenceLexicon> supplement =
        ValenceLexicon::ParseSupplement(embedded::HotelSupplement());
    // The embedded file is tested; failing here means a broken build.
    if (!supplement.ok()) std::abort();
    // Plain VADER's lexicon and emoji, parsed once for both analyzers.
    return new SentimentAnalyzer(SentimentAnalyzer::Default(), *supplement);
  }();
  return *kAnalyzer;
}

}  // namespace guestvoice::analysis
