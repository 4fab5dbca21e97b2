#ifndef GUESTVOICE_ANALYSIS_INTERNAL_LANGUAGE_ANALYZERS_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_LANGUAGE_ANALYZERS_H_

#include <string_view>
#include <vector>

#include "analysis/internal/lexical_sentiment.h"

namespace guestvoice::analysis {

// The sentiment analysers of the languages scored besides English (which
// keeps VADER itself), each on its published lexicon, our translations of
// VADER's entries for the words that lexicon lacks, and its hotel
// supplement, built once on first use from the embedded data.
const std::vector<const LexicalSentimentAnalyzer*>& LexicalAnalyzers();

// The analyser for `code`, or nullptr.
const LexicalSentimentAnalyzer* FindLexicalAnalyzer(std::string_view code);

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_LANGUAGE_ANALYZERS_H_
