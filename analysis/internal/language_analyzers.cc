#include "analysis/internal/language_analyzers.h"

#include <cstdlib>
#include <map>
#include <string>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "analysis/internal/diacritics.h"
#include "analysis/internal/embedded_data.h"
#include "analysis/internal/embedded_data_check.h"
#include "analysis/internal/language_lexicon.h"
#include "analysis/internal/language_rules.h"
#include "analysis/internal/lexicons.h"

namespace guestvoice::analysis {
namespace {

template <typename T>
T OrAbort(absl::StatusOr<T> parsed) {
  if (!parsed.ok()) AbortOnBrokenEmbeddedData(parsed.status());
  return *std::move(parsed);
}

const ValenceLexicon& Vader() {
  static const auto* const kVader = new ValenceLexicon(
      OrAbort(ValenceLexicon::ParseVader(embedded::VaderLexicon())));
  return *kVader;
}

// The words of a translation of VADER's lexicon left as VADER has them: the
// same word with the same valence ("meh", "bwahaha", "bamboozled").
absl::flat_hash_set<std::string> UntranslatedFromVader(
    const WordValences& translation) {
  absl::flat_hash_set<std::string> words;
  for (const auto& [word, valence] : translation) {
    const double* english = Vader().Find(word);
    if (english != nullptr && *english == valence) words.insert(word);
  }
  return words;
}

// The analyser of `code` on its published `lexicon`, completed by our
// translations of VADER's entries (which only add words the lexicon lacks:
// where both rate a word, the published rating stands) and overridden by the
// hotel supplement. `untranslated`: the lexicon's words taken over from
// English unchanged.
const LexicalSentimentAnalyzer* Build(
    std::string_view code, WordValences lexicon,
    std::string_view translations_file, std::string_view supplement_file,
    absl::flat_hash_set<std::string> untranslated = {}) {
  const LanguageRules* rules = FindLanguageRules(code);
  if (rules == nullptr) std::abort();
  VaderTranslations translations =
      OrAbort(ParseVaderTranslations(translations_file, Vader()));
  // Compared as the analyser looks words up: without diacritics where the
  // language folds them, so that LeIA's "dificil" keeps its rating against
  // a translated "difícil". In sorted order, so that of two translations
  // folding to one word the same one counts on every run.
  absl::flat_hash_set<std::string> folded_rated;
  std::string buffer;
  if (rules->fold_diacritics) {
    for (const auto& [word, valence] : lexicon) {
      folded_rated.emplace(FoldDiacritics(word, &buffer));
    }
  }
  const std::map<std::string, double> sorted(translations.valences.begin(),
                                             translations.valences.end());
  for (const auto& [word, valence] : sorted) {
    const bool lacked =
        rules->fold_diacritics
            ? folded_rated.emplace(FoldDiacritics(word, &buffer)).second
            : !lexicon.contains(word);
    if (!lacked) continue;
    lexicon.emplace(word, valence);
    if (translations.same_as_english.contains(word)) untranslated.insert(word);
  }
  return new LexicalSentimentAnalyzer(
      *rules, lexicon, OrAbort(ParseLanguageSupplement(supplement_file)),
      untranslated);
}

const LexicalSentimentAnalyzer* BuildPortuguese() {
  WordValences leia =
      OrAbort(ParseVaderFormatLexicon(embedded::PortugueseLexicon()));
  absl::flat_hash_set<std::string> untranslated = UntranslatedFromVader(leia);
  return Build("pt", std::move(leia), embedded::VaderTranslationsPortuguese(),
               embedded::HotelSupplementPortuguese(), std::move(untranslated));
}

}  // namespace

const std::vector<const LexicalSentimentAnalyzer*>& LexicalAnalyzers() {
  static const auto* const kAnalyzers =
      new std::vector<const LexicalSentimentAnalyzer*>{
          Build("fr", OrAbort(ParsePatternLexicon(embedded::FrenchLexicon())),
                embedded::VaderTranslationsFrench(),
                embedded::HotelSupplementFrench()),
          Build("nl", OrAbort(ParsePatternLexicon(embedded::DutchLexicon())),
                embedded::VaderTranslationsDutch(),
                embedded::HotelSupplementDutch()),
          Build("it", OrAbort(ParsePatternLexicon(embedded::ItalianLexicon())),
                embedded::VaderTranslationsItalian(),
                embedded::HotelSupplementItalian()),
          BuildPortuguese(),
          Build("de", OrAbort(ParsePatternLexicon(embedded::GermanLexicon())),
                embedded::VaderTranslationsGerman(),
                embedded::HotelSupplementGerman()),
          Build("es", OrAbort(ParseAfinnLexicon(embedded::SpanishLexicon())),
                embedded::VaderTranslationsSpanish(),
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
