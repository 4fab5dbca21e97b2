#ifndef GUESTVOICE_ANALYSIS_INTERNAL_LANGUAGE_LEXICON_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_LANGUAGE_LEXICON_H_

#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "analysis/internal/lexicons.h"
#include "analysis/internal/word_hash.h"

namespace guestvoice::analysis {

// Lowercase word -> valence on VADER's scale (-4..4). A valence of 0 marks a
// word the language knows that carries no sentiment.
using WordValences = absl::flat_hash_map<std::string, double, WordHash, WordEq>;

// Pattern (CLiPS) polarity runs -1..1, VADER valence -4..4.
inline constexpr double kPatternToVader = 4.0;

// A sentiment lexicon of the Pattern project, either as Pattern ships it
// (XML, one <word form=".." polarity=".."/> per line) or as the npm package
// "natural" converted it (pretty-printed JSON, "form" and "polarity" keys on
// lines of their own); XML comments are skipped. A form listed for several
// senses gets their mean polarity, as Pattern does. Forms are lowercased as
// Python's str.lower() does (PythonUnicode), like the texts looked up in them.
absl::StatusOr<WordValences> ParsePatternLexicon(std::string_view contents);

// A lexicon in VADER's own format ("<word>\t<mean>\t<sd>\t<ratings>" lines),
// as LeIA ships its Portuguese translation of VADER's lexicon, read as
// vaderSentiment and LeIA read it (a later duplicate wins). Entries of
// several words ("muito feliz") are kept but never match: words are looked
// up one at a time.
absl::StatusOr<WordValences> ParseVaderFormatLexicon(std::string_view contents);

// AFINN's integer valence (-5..5) on VADER's scale, by magnitude: the mean
// VADER valence of the 2,650 English words that both AFINN-165 and VADER
// 3.3.2 rate, per AFINN magnitude (517, 1537, 490, 85 and 21 words: 1.03,
// 1.64, 2.18, 2.62, 2.56), to one decimal. The fit is concave, not linear:
// VADER's raters seldom go past 3, so AFINN's 4 and 5 both land at 2.6.
inline constexpr double kAfinnToVader[] = {0, 1.0, 1.6, 2.2, 2.6, 2.6};

// An AFINN translation as a JSON object of "word": integer lines (lorca's
// Spanish list, data/lexicons/afinnShortSortedSpanish.json; CRLF or LF),
// each valence mapped by kAfinnToVader. Entries of several words ("por
// favor") and emoji are kept but never match: words are looked up one at a
// time.
absl::StatusOr<WordValences> ParseAfinnLexicon(std::string_view contents);

// A hand-written hotel-domain supplement (data/hotel_supplement_<lang>.tsv):
// "<word>\t<valence>" lines, '#' comments, one "version" line; words are
// lowercase UTF-8, each inflection listed separately. An entry may be an
// idiom of several words separated by single spaces ("pas terrible"), whose
// valence stands for the whole phrase (LexicalSentimentAnalyzer). A third
// field "negated" makes a single word count only where a negation reaches
// it, as in the English supplement: "cambiaron" says nothing in "nos
// cambiaron de habitación", and "no cambiaron las toallas" complains.
struct LanguageSupplement {
  WordValences valences;
  absl::flat_hash_set<std::string> negated_only;
};
absl::StatusOr<LanguageSupplement> ParseLanguageSupplement(
    std::string_view contents);

// guestvoice's own translations of VADER's English entries into a language
// (data/vader_translations_<lang>.tsv): "<word>\t<english>" lines, '#'
// comments, one "version" line. Each word takes the valence VADER's raters
// gave its English source, so that a word the published lexicon lacks is
// scored on English's own scale ("asqueroso" as "disgusting", -2.4). Words
// are single lowercase words; an English source VADER does not rate, or a
// word listed twice, is an error.
struct VaderTranslations {
  WordValences valences;
  // Words spelled as their English source ("horrible"): scored, but no
  // evidence that a text is in the language.
  absl::flat_hash_set<std::string> same_as_english;
};
absl::StatusOr<VaderTranslations> ParseVaderTranslations(
    std::string_view contents, const ValenceLexicon& vader);

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_LANGUAGE_LEXICON_H_
