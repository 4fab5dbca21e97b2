#include "analysis/sentiment_analyzer.h"

#include <cstdlib>
#include <string>
#include <utility>

#include "analysis/embedded_data.h"
#include "analysis/text_limits.h"
#include "analysis/utf8.h"
#include "analysis/vader_scoring.h"
#include "analysis/vader_tokenizer.h"

namespace guestvoice::analysis {

SentimentAnalyzer::SentimentAnalyzer(ValenceLexicon lexicon,
                                     EmojiLexicon emojis,
                                     const PythonUnicode& unicode)
    : lexicon_(std::move(lexicon)),
      emojis_(std::move(emojis)),
      unicode_(&unicode) {}

const SentimentAnalyzer& SentimentAnalyzer::Default() {
  static const SentimentAnalyzer* const kDefault = [] {
    absl::StatusOr<ValenceLexicon> lexicon =
        ValenceLexicon::ParseVader(embedded::VaderLexicon());
    absl::StatusOr<EmojiLexicon> emojis =
        EmojiLexicon::Parse(embedded::VaderEmojiLexicon());
    // The embedded files are tested; failing here means a broken build.
    if (!lexicon.ok() || !emojis.ok()) std::abort();
    return new SentimentAnalyzer(*std::move(lexicon), *std::move(emojis));
  }();
  return *kDefault;
}

SentimentScores SentimentAnalyzer::PolarityScores(std::string_view text) const {
  text = LimitTextSize(text);
  std::string replaced;
  if (!utf8::IsValid(text)) {
    replaced = utf8::ReplaceInvalid(text);
    text = replaced;
  }
  VaderText vader_text;
  TokenizeForVader(text, emojis_, *unicode_, &vader_text);
  return ScoreVaderText(vader_text, lexicon_);
}

}  // namespace guestvoice::analysis
