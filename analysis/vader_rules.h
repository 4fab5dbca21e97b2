#ifndef GUESTVOICE_ANALYSIS_VADER_RULES_H_
#define GUESTVOICE_ANALYSIS_VADER_RULES_H_

#include <optional>
#include <string_view>

// The constants and word lists of vaderSentiment 3.3.2, with the reference's
// names in comments so the port can be read side by side with it.
namespace guestvoice::analysis::vader {

inline constexpr double kBoosterIncrement = 0.293;   // B_INCR
inline constexpr double kBoosterDecrement = -0.293;  // B_DECR
inline constexpr double kAllCapsIncrement = 0.733;   // C_INCR
inline constexpr double kNegationScalar = -0.74;     // N_SCALAR
inline constexpr double kNormalizationAlpha = 15;    // normalize(alpha=15)

// Words of NEGATE (already lowercase).
bool IsNegationWord(std::string_view lower_word);

// negated([word]): a NEGATE word, or any word containing "n't".
bool IsNegated(std::string_view lower_word);

// BOOSTER_DICT entries that are one word (the only ones a token can equal).
std::optional<double> BoosterValue(std::string_view lower_word);

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

#endif  // GUESTVOICE_ANALYSIS_VADER_RULES_H_
