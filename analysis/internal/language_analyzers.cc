#include "analysis/internal/language_analyzers.h"

#include <cstdlib>

#include "analysis/internal/embedded_data.h"
#include "analysis/internal/language_lexicon.h"
#include "analysis/internal/language_rules.h"

namespace guestvoice::analysis {
namespace {

const LexicalSentimentAnalyzer* Build(
    std::string_view code, const absl::StatusOr<WordValences>& lexicon,
    std::string_view supplement_file) {
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
          Build("fr", ParsePatternLexicon(embedded::FrenchLexicon()),
                embedded::HotelSupplementFrench()),
          Build("nl", ParsePatternLexicon(embedded::DutchLexicon()),
                embedded::HotelSupplementDutch()),
          Build("it", ParsePatternLexicon(embedded::ItalianLexicon()),
                embedded::HotelSupplementItalian()),
          Build("pt", ParseVaderFormatLexicon(embedded::PortugueseLexicon()),
                embedded::HotelSupplementPortuguese()),
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
