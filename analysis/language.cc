#include "analysis/language.h"

namespace guestvoice::analysis {

std::string_view LanguageSourceName(LanguageSource source) {
  switch (source) {
    case LanguageSource::kDetected:
      return "detected";
    case LanguageSource::kDeclared:
      return "declared";
    case LanguageSource::kUndetermined:
      return "undetermined";
  }
  return "undetermined";
}

std::string_view ScoringStateName(ScoringState state) {
  switch (state) {
    case ScoringState::kScored:
      return "scored";
    case ScoringState::kNoAnalyzerForLanguage:
      return "no_analyzer_for_language";
    case ScoringState::kLanguageUndetermined:
      return "language_undetermined";
  }
  return "language_undetermined";
}

}  // namespace guestvoice::analysis
