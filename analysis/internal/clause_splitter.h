#ifndef GUESTVOICE_ANALYSIS_INTERNAL_CLAUSE_SPLITTER_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_CLAUSE_SPLITTER_H_

#include <string_view>
#include <vector>

#include "analysis/internal/python_unicode.h"

namespace guestvoice::analysis {

// Splits feedback into the clauses that aspect mentions take their sentiment
// from: after sentence punctuation (. ! ? ; … and line breaks, keeping runs
// such as "!!!" with their clause) and before a contrastive conjunction
// following whitespace (but, however, although, though, whereas), which
// starts the next clause. A '.' inside a word or number ("booking.com",
// "3.5") does not split. Sets `clauses` to trimmed views into `text`, never
// empty, in text order. `text` must be valid UTF-8. Linear in its size.
void SplitClauses(std::string_view text, const PythonUnicode& unicode,
                  std::vector<std::string_view>* clauses);
// The same with another language's contrastive conjunctions (lowercase;
// LanguageRules::contrast_words) instead of English's.
void SplitClauses(std::string_view text, const PythonUnicode& unicode,
                  const std::vector<std::string_view>& conjunctions,
                  std::vector<std::string_view>* clauses);

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_CLAUSE_SPLITTER_H_
