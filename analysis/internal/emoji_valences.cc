#include "analysis/internal/emoji_valences.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "analysis/internal/embedded_data.h"
#include "analysis/internal/embedded_data_check.h"
#include "analysis/internal/hotel_sentiment.h"
#include "common/utf8.h"

namespace guestvoice::analysis {
namespace {

constexpr std::size_t kLongestEmoticonBytes = 8;

// VADER splits tokens at whitespace; these are the ASCII ones.
bool IsTokenSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// ":)", ":-(", ":D", ";-P": ASCII punctuation and at most two letters, so
// that "cover-up" is none. No digit but in the heart, "<3" (and "</3"), the
// commonest of them in social posts: "(8" and "8)" are more often a number
// in brackets ("(8 nights)", "room 8)"), which VADER takes for faces in
// English.
bool IsEmoticon(std::string_view token) {
  if (token == "<3" || token == "</3") return true;
  if (token.empty() || token.size() > kLongestEmoticonBytes) return false;
  int letters = 0;
  bool punctuation = false;
  for (const char c : token) {
    if (absl::ascii_isalpha(static_cast<unsigned char>(c))) {
      ++letters;
    } else if (absl::ascii_ispunct(static_cast<unsigned char>(c))) {
      punctuation = true;
    } else {
      return false;
    }
  }
  return punctuation && letters <= 2;
}

}  // namespace

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
  for (const auto& [entry, valence] : words.entries()) {
    if (valence == 0 || !IsEmoticon(entry)) continue;
    emoticons_.emplace(entry, valence);
    for (const char c : entry) {
      if (absl::ascii_ispunct(static_cast<unsigned char>(c))) {
        emoticon_chars_.set(static_cast<unsigned char>(c));
      }
    }
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
  // Only a token holding a character some emoticon holds is looked at, and
  // each token once: a text of words and commas costs a table look-up per
  // byte (this runs for the text and for each clause scored).
  thread_local std::string lower;
  for (std::size_t pos = 0; pos < valid_text.size();) {
    if (!emoticon_chars_[static_cast<unsigned char>(valid_text[pos])]) {
      ++pos;
      continue;
    }
    std::size_t begin = pos;
    while (begin > 0 && !IsTokenSpace(valid_text[begin - 1])) --begin;
    std::size_t end = pos + 1;
    while (end < valid_text.size() && !IsTokenSpace(valid_text[end])) ++end;
    pos = end;
    const std::string_view token = valid_text.substr(begin, end - begin);
    if (!IsEmoticon(token)) continue;
    lower.assign(token);
    absl::AsciiStrToLower(&lower);
    if (const auto it = emoticons_.find(lower); it != emoticons_.end()) {
      valences->push_back(it->second);
    }
  }
}

}  // namespace guestvoice::analysis
