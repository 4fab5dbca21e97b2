#include "analysis/internal/emoji_valences.h"

#include <string>

#include "absl/strings/str_split.h"
#include "analysis/internal/embedded_data.h"
#include "analysis/internal/embedded_data_check.h"
#include "analysis/internal/hotel_sentiment.h"
#include "common/utf8.h"

namespace guestvoice::analysis {

EmojiValences::EmojiValences(const EmojiLexicon& emojis,
                             const ValenceLexicon& words,
                             const EmojiSupplement& supplement) {
  for (const auto& [code_point, description] : emojis.entries()) {
    double valence = 0;
    if (const auto listed = supplement.valences().find(code_point);
        listed != supplement.valences().end()) {
      valence = listed->second;
    } else {
      for (absl::string_view word :
           absl::StrSplit(description, ' ', absl::SkipEmpty())) {
        if (const double* word_valence =
                words.Find(std::string_view(word.data(), word.size()))) {
          valence += *word_valence;
        }
      }
    }
    if (valence == 0) continue;
    valences_.emplace(code_point, valence);
    if (first_ == 0 || code_point < first_) first_ = code_point;
  }
}

const EmojiValences& EmojiValences::Default() {
  static const EmojiValences* const kDefault = [] {
    absl::StatusOr<EmojiLexicon> emojis =
        EmojiLexicon::Parse(embedded::VaderEmojiLexicon());
    absl::StatusOr<ValenceLexicon> words =
        ValenceLexicon::ParseVader(embedded::VaderLexicon());
    if (!emojis.ok()) AbortOnBrokenEmbeddedData(emojis.status());
    if (!words.ok()) AbortOnBrokenEmbeddedData(words.status());
    return new EmojiValences(*emojis, *words, HotelEmojiSupplement());
  }();
  return *kDefault;
}

void EmojiValences::Collect(std::string_view valid_text,
                            std::vector<double>* valences) const {
  valences->clear();
  for (std::size_t pos = 0; pos < valid_text.size();) {
    if (static_cast<unsigned char>(valid_text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const utf8::Step step = utf8::Decode(valid_text, pos);
    pos += step.length;
    if (step.code_point < first_) continue;
    if (const auto it = valences_.find(step.code_point);
        it != valences_.end()) {
      valences->push_back(it->second);
    }
  }
}

}  // namespace guestvoice::analysis
