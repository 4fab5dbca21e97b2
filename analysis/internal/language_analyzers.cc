#include "analysis/internal/language_analyzers.h"

#include <cstdlib>

#include "analysis/internal/embedded_data.h"
#include "analysis/internal/language_lexicon.h"
#include "analysis/internal/language_rules.h"

namespace guestvoice::analysis {
namespace {

const LexicalSentimentAnalyzer* Build(std::string_view code,
                                      std::string_view lexicon_file,
                                      std::string_view supplement_file) {
  absl::StatusOr<WordValences> lexicon = ParsePatternLexicon(lexicon_file);
  absl::StatusOr<WordValences> supplement =
      ParseLanguageSupplement(supplement_file);
  const LanguageRules* rules = FindLanguageRules(code);
  // The embedded files are tested; failing here means a broken build.
  if (!lexicon.ok() || !supplement.ok() || rules == nullptr) std::abort();
  return new LexicalSentimentAnalyzer(*rules, *lexicon, *supplement);
}

}  // namespace

const std::vector<const LexicalSentimentAnalyzer*>& LexicalAnalyzers() {
  static const auto* const kAnalyzers =
      new std::vector<const LexicalSentimentAnalyzer*>{
          Build("fr", embedded::FrenchLexicon(),
                embedded::HotelSupplementFrench()),
          Build("nl", embedded::DutchLexicon(),
                embedded::HotelSupplementDutch()),
          Build("it", embedded::ItalianLexicon(),
                embedded::HotelSupplementItalian()),
          Build("de", embedded::GermanLexicon(),
                embedded::HotelSupplementGerman()),
      };
  return *kAnalyzers;
}

const LexicalSentimentAnalyzer* FindLexicalAnalyzer(std::string_view code) {
  for (const LexicalSentimentAnalyzer* analyzer : LexicalAnalyzers()) {
    if (analyzer->language() == code) return analyzer;
  }
  return nullptr;
}

}  // namespace guestvoice::analysis
