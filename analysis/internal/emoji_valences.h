#ifndef GUESTVOICE_ANALYSIS_INTERNAL_EMOJI_VALENCES_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_EMOJI_VALENCES_H_

#include <bitset>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "analysis/internal/lexicons.h"

namespace guestvoice::analysis {

// What an emoji weighs in the languages scored besides English, whose
// lexicons have none: what VADER's English reading gives it, the sum of the
// VADER valences of the words of its description ("😍", "smiling face with
// heart-eyes": smiling, 2.0), or what the hotel emoji supplement says where
// it names the emoji ("😡", "pouting face", -2.3, where VADER reads 0), as
// English feedback's scores weigh them (HotelSentimentAnalyzer). Only emoji
// with a valence are kept. Emoticons (":)", ":-(", ":D") weigh what VADER's
// lexicon says, added as emoji are (no rule for words reaches them): a
// smiley means the same in every language, and the other languages'
// lexicons have none that their words reach. Immutable and thread-safe.
class EmojiValences {
 public:
  EmojiValences(const EmojiLexicon& emojis, const ValenceLexicon& words,
                const EmojiSupplement& supplement);

  // From vaderSentiment's embedded emoji and word lexicons and the hotel
  // emoji supplement, built once.
  static const EmojiValences& Default();

  // The valence of each emoji of `valid_text` that has one, in text order,
  // then of each emoticon (a token between spaces that VADER lists, of
  // punctuation and at most two letters, no digit but "<3"), into `valences`
  // (cleared first). One pass over the bytes for the emoji, which skips ASCII,
  // and one over the tokens.
  void Collect(std::string_view valid_text,
               std::vector<double>* valences) const;

  std::size_t size() const { return valences_.size(); }

 private:
  absl::flat_hash_map<char32_t, double> valences_;
  // VADER's entries of ASCII punctuation with at most two letters and no
  // digit, lowercase (VADER looks tokens up lowercased).
  absl::flat_hash_map<std::string, double> emoticons_;
  // The punctuation characters of emoticons_: a token without one is none.
  std::bitset<256> emoticon_chars_;
  // The smallest code point with a valence: below it nothing is looked up
  // (accented letters).
  char32_t first_ = 0;
};

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_EMOJI_VALENCES_H_
