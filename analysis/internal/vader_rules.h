#ifndef GUESTVOICE_ANALYSIS_INTERNAL_VADER_RULES_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_VADER_RULES_H_

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

// The constants and word lists of vaderSentiment 3.3.2, with the reference's
// names in comments so the port can be read side by side with it.
namespace guestvoice::analysis::vader {

inline constexpr double kBoosterIncrement = 0.293;   // B_INCR
inline constexpr double kBoosterDecrement = -0.293;  // B_DECR
inline constexpr double kAllCapsIncrement = 0.733;   // C_INCR
inline constexpr double kNegationScalar = -0.74;     // N_SCALAR
inline constexpr double kNormalizationAlpha = 15;    // normalize(alpha=15)

// NEGATE (lowercase words).
const std::vector<std::string_view>& NegationWords();

// negated([word]): a NEGATE word, or any word containing "n't".
bool IsNegated(std::string_view lower_word);

// The "n't" half of IsNegated.
inline bool ContainsNt(std::string_view lower_word) {
  for (std::size_t i = 1; i + 1 < lower_word.size(); ++i) {
    if (lower_word[i] == '\'' && lower_word[i - 1] == 'n' &&
        lower_word[i + 1] == 't') {
      return true;
    }
  }
  return false;
}

struct Booster {
  std::string_view word;
  double value;
};
// BOOSTER_DICT entries that are one word (the only ones a token can equal).
const std::vector<Booster>& OneWordBoosters();

// BOOSTER_DICT entries of two words ("kind of", "sort of", "just enough"),
// which the reference only consults as bigrams in _special_idioms_check.
std::optional<double> BigramBoosterValue(std::string_view first,
                                         std::string_view second);

// SPECIAL_CASES ("the shit", "kiss of death", ...) for 2 or 3 lowercase words;
// `third` empty means a bigram.
std::optional<double> SpecialCaseValue(std::string_view first,
                                       std::string_view second,
                                       std::string_view third = {});

}  // namespace guestvoice::analysis::vader

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_VADER_RULES_H_
