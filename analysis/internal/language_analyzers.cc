#include "analysis/internal/language_analyzers.h"

#include <cstdlib>
#include <string>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "analysis/internal/embedded_data.h"
#include "analysis/internal/language_lexicon.h"
#include "analysis/internal/language_rules.h"
#include "analysis/internal/lexicons.h"

namespace guestvoice::analysis {
namespace {

// The embedded files are tested; failing here means a broken build.
template <typename T>
T OrAbort(absl::StatusOr<T> parsed) {
  if (!parsed.ok()) std::abort();
  return *std::move(parsed);
}

const LexicalSentimentAnalyzer* Build(
    std::string_view code, const WordValences& lexicon,
    std::string_view supplement_file,
    const absl::flat_hash_set<std::string>& untranslated = {}) {
  const LanguageRules* rules = FindLanguageRules(code);
  if (rules == nullptr) std::abort();
  return new LexicalSentimentAnalyzer(
      *rules, lexicon, OrAbort(ParseLanguageSupplement(supplement_file)),
      untranslated);
}

// The words of a translation of VADER's lexicon left as VADER has them: the
// same word with the same valence ("meh", "bwahaha", "bamboozled").
absl::flat_hash_set<std::string> UntranslatedFromVader(
    const WordValences& translation) {
  const ValenceLexicon vader =
      OrAbort(ValenceLexicon::ParseVader(embedded::VaderLexicon()));
  absl::flat_hash_set<std::string> words;
  for (const auto& [word, valence] : translation) {
    const double* english = vader.Find(word);
    if (english != nullptr && *english == valence) words.insert(word);
  }
  return words;
}

const LexicalSentimentAnalyzer* BuildPortuguese() {
  const WordValences leia =
      OrAbort(ParseVaderFormatLexicon(embedded::PortugueseLexicon()));
  return Build("pt", leia, embedded::HotelSupplementPortuguese(),
               UntranslatedFromVader(leia));
}

}  // namespace

const std::vector<const LexicalSentimentAnalyzer*>& LexicalAnalyzers() {
  static const auto* const kAnalyzers =
      new std::vector<const LexicalSentimentAnalyzer*>{
          Build("fr", OrAbort(ParsePatternLexicon(embedded::FrenchLexicon())),
                embedded::HotelSupplementFrench()),
          Build("nl", OrAbort(ParsePatternLexicon(embedded::DutchLexicon())),
                embedded::HotelSupplementDutch()),
          Build("it", OrAbort(ParsePatternLexicon(embedded::ItalianLexicon())),
                embedded::HotelSupplementItalian()),
          BuildPortuguese(),
          Build("de", OrAbort(ParsePatternLexicon(embedded::GermanLexicon())),
                embedded::HotelSupplementGerman()),
          Build("es", OrAbort(ParseAfinnLexicon(embedded::SpanishLexicon())),
                embedded::HotelSupplementSpanish()),
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
