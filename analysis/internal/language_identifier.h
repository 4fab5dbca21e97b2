#ifndef GUESTVOICE_ANALYSIS_INTERNAL_LANGUAGE_IDENTIFIER_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_LANGUAGE_IDENTIFIER_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/language.h"

namespace guestvoice::analysis {

struct IdentifiedLanguage {
  std::string language;  // BCP-47, or kUndeterminedLanguage
  LanguageSource source = LanguageSource::kUndetermined;
};

// Tells the language of a feedback text by the rule in analysis/README.md
// ("Language"):
//  1. CLD2's answer when it calls it reliable, unless the text is short
//     (under kShortTextBytes) and one analysed language knows at least two
//     more than twice as many of its words as CLD2's language does;
//  2. else the caller's declared code (its primary subtag, lowercased) when
//     the text does not contradict it: no letters of a script the declared
//     language is not written in, and no analysed language knows more of the
//     text's words than the declared one;
//  3. else the analysed language that knows the most of the text's words,
//     when exactly one does (short texts: "Great stay!");
//  4. else undetermined.
// Immutable and thread-safe.
class LanguageIdentifier {
 public:
  // Below this many bytes CLD2's reliable answer can still be overruled by
  // the words (rule 1).
  static constexpr std::size_t kShortTextBytes = 100;

  // A language analysed here, all written in Latin script, with the words
  // its lexicons know (lowercase).
  struct AnalysedLanguage {
    std::string code;
    std::function<bool(std::string_view lower_word)> knows_word;
  };

  explicit LanguageIdentifier(std::vector<AnalysedLanguage> analysed);

  // `valid_text` is valid UTF-8; `declared_language` any string (ignored
  // unless it starts with a 2-3 letter primary language subtag).
  IdentifiedLanguage Identify(std::string_view valid_text,
                              std::string_view declared_language) const;

  // For a text that may change language between sentences: the analysed
  // language `sentence` is in when its words clearly favour one other than
  // `text_language` (at least two more than twice as many known words) and
  // CLD2 reliably agrees; else `text_language`. CLD2 runs only on such
  // sentences, so a text in one language costs one word pass.
  std::string_view SentenceLanguage(std::string_view valid_sentence,
                                    std::string_view text_language) const;

 private:
  // How many of a text's words each analysed language knows.
  struct WordEvidence {
    std::string_view detected_code;  // CLD2's answer, if any
    int detected_known = 0;
    bool declared_is_analysed = false;
    int declared_known = 0;
    int best_known = 0;
    int languages_at_best = 0;
    const AnalysedLanguage* best = nullptr;
  };
  WordEvidence Weigh(std::string_view valid_text, std::string_view declared,
                     std::string_view detected) const;

  std::vector<AnalysedLanguage> analysed_;
};

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_LANGUAGE_IDENTIFIER_H_
