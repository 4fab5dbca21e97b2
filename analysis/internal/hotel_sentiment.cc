#include "analysis/internal/hotel_sentiment.h"

#include <cstdlib>
#include <utility>

#include "analysis/internal/embedded_data.h"
#include "analysis/internal/lexicons.h"

namespace guestvoice::analysis {

const SentimentAnalyzer& HotelSentimentAnalyzer() {
  static const SentimentAnalyzer* const kAnalyzer = [] {
    absl::StatusOr<ValenceLexicon> lexicon =
        ValenceLexicon::ParseVader(embedded::VaderLexicon());
    absl::StatusOr<ValenceLexicon> supplement =
        ValenceLexicon::ParseSupplement(embedded::HotelSupplement());
    absl::StatusOr<EmojiLexicon> emojis =
        EmojiLexicon::Parse(embedded::VaderEmojiLexicon());
    // The embedded files are tested; failing here means a broken build.
    if (!lexicon.ok() || !supplement.ok() || !emojis.ok()) std::abort();
    lexicon->Overlay(*supplement);
    return new SentimentAnalyzer(*lexicon, *std::move(emojis));
  }();
  return *kAnalyzer;
}

}  // namespace guestvoice::analysis
