#include "analysis/feedback_analyzer.h"

#include <utility>

#include "analysis/clause_aspects.h"
#include "analysis/clause_splitter.h"
#include "analysis/hotel_sentiment.h"
#include "analysis/python_unicode.h"
#include "analysis/text_limits.h"
#include "analysis/text_words.h"
#include "analysis/utf8.h"

namespace guestvoice::analysis {
FeedbackAnalyzer::FeedbackAnalyzer(AspectTaxonomy taxonomy)
    : taxonomy_(std::move(taxonomy)), matcher_(taxonomy_) {}

const FeedbackAnalyzer& FeedbackAnalyzer::Default() {
  static const FeedbackAnalyzer* const kDefault =
      new FeedbackAnalyzer(AspectTaxonomy::Default());
  return *kDefault;
}

Analysis FeedbackAnalyzer::Analyze(std::string_view text) const {
  text = LimitTextSize(text);
  std::string replaced;
  if (!utf8::IsValid(text)) {
    replaced = utf8::ReplaceInvalid(text);
    text = replaced;
  }
  Analysis analysis;
  analysis.scores = SentimentAnalyzer::Default().PolarityScores(text);

  const PythonUnicode& unicode = PythonUnicode::Default();
  const SentimentAnalyzer& clause_sentiment = HotelSentimentAnalyzer();
  TextWords words;
  std::vector<AspectMatcher::TermMatch> matches;
  for (std::string_view clause : SplitClauses(text, unicode)) {
    SplitTextWords(clause, unicode, &words);
    matcher_.FindTerms(words.words, &matches);
    if (matches.empty()) continue;
    const double sentiment = clause_sentiment.PolarityScores(clause).compound;
    for (int index :
         ResolveClauseAspects(clause, words.words, matches, sentiment,
                              clause_sentiment.lexicon())) {
      analysis.aspects.push_back(
          {taxonomy_.aspects()[index], sentiment, std::string(clause)});
    }
  }
  return analysis;
}

}  // namespace guestvoice::analysis
