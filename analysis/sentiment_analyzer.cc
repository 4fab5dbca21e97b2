#include "analysis/sentiment_analyzer.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "analysis/internal/embedded_data.h"
#include "analysis/internal/embedded_data_check.h"
#include "analysis/internal/vader_scoring.h"
#include "analysis/text_limits.h"
#include "common/utf8.h"

namespace guestvoice::analysis {
namespace {

// U+FE0F VARIATION SELECTOR-16, which asks for an emoji's colour
// presentation ("❤️" is U+2764 U+FE0F), and U+200D ZERO WIDTH JOINER, which
// joins emoji into one ("🤦‍♀️" is U+1F926 U+200D U+2640 U+FE0F).
constexpr char32_t kEmojiPresentationSelector = 0xFE0F;
constexpr char32_t kZeroWidthJoiner = 0x200D;

}  // namespace

SentimentAnalyzer::SentimentAnalyzer(const ValenceLexicon& lexicon,
                                     EmojiLexicon emojis,
                                     const PythonUnicode& unicode)
    : words_(lexicon), emojis_(std::move(emojis)), unicode_(&unicode) {}

SentimentAnalyzer::SentimentAnalyzer(const SentimentAnalyzer& base,
                                     const ValenceLexicon& supplement,
                                     const EmojiSupplement& emojis)
    : words_(base.words_), emojis_(base.emojis_), unicode_(base.unicode_) {
  words_.AddLexicon(supplement);
  words_.ReadTypographicApostrophes();
  words_.ReadRatings();
  words_.AddNegations({"nobody"});
  words_.AddSubjectNegations({"nobody", "noone", "no-one", "no one"});
  words_.AddContrasts({"however"});
  words_.AddNegationPhrases({"anything but", "far from"});
  for (const auto& [code_point, valence] : emojis.valences()) {
    // A word that no text writes stands for the emoji: VADER reads an emoji
    // as the words of its description.
    std::string word = absl::StrCat("emoji", absl::Hex(code_point));
    words_.AddEmojiWord(word, valence);
    emojis_.Describe(code_point, std::move(word));
  }
  // The emoji presentation selector and the joiner after an emoji ("❤️",
  // "🤦‍♀️") read as a space, so that the description's last word stays
  // one the table knows.
  emojis_.Describe(kEmojiPresentationSelector, "");
  emojis_.Describe(kZeroWidthJoiner, "");
}

const SentimentAnalyzer& SentimentAnalyzer::Default() {
  static const SentimentAnalyzer* const kDefault = [] {
    absl::StatusOr<ValenceLexicon> lexicon =
        ValenceLexicon::ParseVader(embedded::VaderLexicon());
    absl::StatusOr<EmojiLexicon> emojis =
        EmojiLexicon::Parse(embedded::VaderEmojiLexicon());
    if (!lexicon.ok()) AbortOnBrokenEmbeddedData(lexicon.status());
    if (!emojis.ok()) AbortOnBrokenEmbeddedData(emojis.status());
    return new SentimentAnalyzer(*lexicon, *std::move(emojis));
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
  // Per-thread scratch: tokenizing allocates nothing once warmed up.
  thread_local VaderText vader_text;
  Tokenize(text, &vader_text);
  return ScoreWords(vader_text, 0, vader_text.words.size());
}

void SentimentAnalyzer::Tokenize(std::string_view valid_text,
                                 VaderText* out) const {
  TokenizeForVader(valid_text, emojis_, *unicode_, out);
}

SentimentScores SentimentAnalyzer::ScoreWords(const VaderText& text,
                                              std::size_t first_word,
                                              std::size_t end_word) const {
  return ScoreVaderWords(text, first_word, end_word, words_);
}

}  // namespace guestvoice::analysis
