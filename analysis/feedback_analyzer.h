#ifndef GUESTVOICE_ANALYSIS_FEEDBACK_ANALYZER_H_
#define GUESTVOICE_ANALYSIS_FEEDBACK_ANALYZER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/aspect_taxonomy.h"
#include "analysis/internal/aspect_matcher.h"
#include "analysis/internal/clause_segments.h"
#include "analysis/internal/language_identifier.h"
#include "analysis/internal/lexical_sentiment.h"
#include "analysis/internal/text_words.h"
#include "analysis/language.h"
#include "analysis/sentiment_analyzer.h"

namespace guestvoice::analysis {

// One clause that mentions a hotel aspect.
struct AspectMention {
  std::string aspect;  // an id of the taxonomy, e.g. "cleanliness"
  // VADER compound (-1..1) of the clause, with the hotel supplement lexicon.
  double sentiment = 0;
  std::string text;  // the clause as written (valid UTF-8)
};

struct Analysis {
  // BCP-47 ("en", "es", "zh-Hant"), or kUndeterminedLanguage ("und").
  std::string language{kUndeterminedLanguage};
  LanguageSource language_source = LanguageSource::kUndetermined;
  // Unless kScored, `scores` are all zero and `aspects` empty: the text was
  // not measured, which is not the same as neutral.
  ScoringState scoring = ScoringState::kLanguageUndetermined;
  // The whole text: VADER with the hotel supplement for English, the
  // language's analyser for the others (analysis/README.md, "Languages"), each
  // sentence in its own language when the text changes language ("Mixed
  // languages"); unrounded.
  SentimentScores scores;
  // In text order; an aspect mentioned in several clauses appears once per
  // clause, and once per clause at most.
  std::vector<AspectMention> aspects;
};

// The language, sentiment and hotel aspects of a feedback text (the scored
// languages: analysis/README.md, "Languages"). Immutable after
// construction and thread-safe. Texts longer than kMaxTextBytes
// (text_limits.h) are analysed up to that limit; ill-formed UTF-8 is read
// with each bad sequence as U+FFFD, so mention texts are always valid UTF-8.
class FeedbackAnalyzer {
 public:
  explicit FeedbackAnalyzer(AspectTaxonomy taxonomy);

  // With AspectTaxonomy::Default().
  static const FeedbackAnalyzer& Default();

  // `declared_language` is the caller's BCP-47 code for the text, if it has
  // one ("pt-BR"); it decides only when the text itself cannot (the rule:
  // analysis/README.md, "Language").
  Analysis Analyze(std::string_view text,
                   std::string_view declared_language = {}) const;

  const AspectTaxonomy& taxonomy() const { return taxonomy_; }

 private:
  // The text being analysed and its words, split once for all the sentences
  // and clauses looked at (SplitPartWords).
  struct WholeText {
    std::string_view text;
    const TextWords& words;
  };

  // Scores and aspects of `part` (of `whole`, or all of it) in `language`;
  // false if it has no analyser.
  bool Score(const WholeText& whole, std::string_view part,
             std::string_view language, Analysis* analysis) const;
  // A text whose language is undetermined, scored in each of its
  // `candidates` (IdentifiedLanguage): when every one reads it in the same
  // band, positive or negative, it takes the weakest reading's scores and the
  // mentions of the aspects every reading found, and true; else nothing and
  // false.
  bool ScoreInEveryCandidate(const WholeText& whole,
                             const std::vector<std::string_view>& candidates,
                             Analysis* analysis) const;
  // Each run of sentences in one language scored in it, when some sentence
  // is in another scored language than the text's; false (nothing done) if
  // none is.
  bool ScoreBySentence(const WholeText& whole, Analysis* analysis) const;
  void FindEnglishAspects(const WholeText& whole, std::string_view part,
                          Analysis* analysis) const;
  // `plain_words`: lexical.IsTypedWithoutDiacritics of the whole text.
  void FindAspects(const WholeText& whole, std::string_view part,
                   const LexicalSentimentAnalyzer& lexical, bool plain_words,
                   const AspectMatcher& matcher, Analysis* analysis) const;
  // Adds a clause's mentions with its `sentiment`: of `aspects`, and first
  // of the aspect it `carried` from the clause before (ClauseSubject; -1
  // for none), which replaces that clause's mention of it when
  // `carried_from_neutral`. Where the clause has `segments`
  // (SegmentClause), an aspect takes the text and sentiment of the segment
  // that names it. `previous_mentions` is where the clause before began its
  // mentions, and becomes where this one began them.
  void AddClauseMentions(std::string_view clause, double sentiment,
                         const std::vector<ClauseSegment>& segments,
                         const std::vector<int>& aspects, int carried,
                         bool carried_from_neutral,
                         std::size_t* previous_mentions,
                         Analysis* analysis) const;

  AspectTaxonomy taxonomy_;
  AspectMatcher matcher_;  // English
  // The other scored languages' terms, in LexicalAnalyzers() order.
  std::vector<AspectMatcher> language_matchers_;
  LanguageIdentifier language_identifier_;
};

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_FEEDBACK_ANALYZER_H_
