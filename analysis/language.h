#ifndef GUESTVOICE_ANALYSIS_LANGUAGE_H_
#define GUESTVOICE_ANALYSIS_LANGUAGE_H_

#include <string_view>

namespace guestvoice::analysis {

// The BCP-47 tag for "undetermined": the language of the text could not be
// told (no letters, a script CLD2 does not know, too little text and no
// usable declared code).
inline constexpr std::string_view kUndeterminedLanguage = "und";

// Where Analysis::language comes from (the rule: analysis/README.md,
// "Language").
enum class LanguageSource {
  kDetected,      // identified from the text itself
  kDeclared,      // the caller's declared code: the text was too short or
                  // ambiguous to tell, and did not contradict it
  kUndetermined,  // neither: the language is kUndeterminedLanguage
};

// Whether Analysis::scores and ::aspects mean anything. A text that is not
// scored has all-zero scores and no aspects, which must not be read as
// neutral: nobody measured it.
enum class ScoringState {
  kScored,
  kNoAnalyzerForLanguage,  // the language is known but not analysed here
  kLanguageUndetermined,   // the language could not be told
};

// Stable lowercase names, as guestvoice-analyze prints them: "detected",
// "declared", "undetermined"; "scored", "no_analyzer_for_language",
// "language_undetermined".
std::string_view LanguageSourceName(LanguageSource source);
std::string_view ScoringStateName(ScoringState state);

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_LANGUAGE_H_
