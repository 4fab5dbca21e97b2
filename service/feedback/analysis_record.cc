#include "service/feedback/analysis_record.h"

#include <string>

#include "analysis/language.h"
#include "analysis/score_rounding.h"
#include "analysis/sentiment_band.h"
#include "service/feedback/aggregates.h"
#include "service/feedback/text_fingerprint.h"

namespace guestvoice::service {
namespace {

v1::LanguageSource ToProto(analysis::LanguageSource source) {
  switch (source) {
    case analysis::LanguageSource::kDetected:
      return v1::LANGUAGE_SOURCE_DETECTED;
    case analysis::LanguageSource::kDeclared:
      return v1::LANGUAGE_SOURCE_DECLARED;
    case analysis::LanguageSource::kUndetermined:
      return v1::LANGUAGE_SOURCE_UNDETERMINED;
  }
  return v1::LANGUAGE_SOURCE_UNSPECIFIED;
}

v1::NotScoredReason NotScoredReasonOf(analysis::ScoringState scoring) {
  switch (scoring) {
    case analysis::ScoringState::kNoAnalyzerForLanguage:
      return v1::NOT_SCORED_REASON_LANGUAGE_UNSUPPORTED;
    case analysis::ScoringState::kLanguageUndetermined:
      return v1::NOT_SCORED_REASON_LANGUAGE_UNDETERMINED;
    case analysis::ScoringState::kScored:
      break;
  }
  return v1::NOT_SCORED_REASON_UNSPECIFIED;
}

}  // namespace

v1::FeedbackAnalysis AnalyzeFeedbackText(
    const analysis::FeedbackAnalyzer& analyzer, std::string_view text,
    std::string_view declared_language) {
  v1::FeedbackAnalysis proto;
  if (HasNoWords(text)) {
    // A rating left without words (ingest takes no other such text).
    proto.set_language_source(v1::LANGUAGE_SOURCE_UNDETERMINED);
    proto.set_taxonomy_version(std::string(analyzer.taxonomy().version()));
    proto.set_sentiment_state(v1::SENTIMENT_STATE_NOT_SCORED);
    proto.set_not_scored_reason(v1::NOT_SCORED_REASON_NO_TEXT);
    return proto;
  }
  const analysis::Analysis analysis = analyzer.Analyze(text, declared_language);
  // "und" is the analyser's word for no language; the API leaves it empty.
  if (analysis.language != analysis::kUndeterminedLanguage) {
    proto.set_language_code(analysis.language);
  }
  proto.set_language_source(ToProto(analysis.language_source));
  proto.set_taxonomy_version(std::string(analyzer.taxonomy().version()));
  if (analysis.scoring != analysis::ScoringState::kScored) {
    // No sentiment, band or aspects: nobody measured the text, and a 0.0
    // would read as a neutral opinion.
    proto.set_sentiment_state(v1::SENTIMENT_STATE_NOT_SCORED);
    proto.set_not_scored_reason(NotScoredReasonOf(analysis.scoring));
    return proto;
  }
  proto.set_sentiment_state(v1::SENTIMENT_STATE_SCORED);
  const analysis::SentimentScores scores =
      analysis::RoundLikeReference(analysis.scores);
  v1::SentimentScores& sentiment = *proto.mutable_sentiment();
  sentiment.set_negative(scores.neg);
  sentiment.set_neutral(scores.neu);
  sentiment.set_positive(scores.pos);
  sentiment.set_compound(scores.compound);
  switch (analysis::BandOf(scores.compound)) {
    case analysis::SentimentBand::kPositive:
      proto.set_band(v1::SENTIMENT_BAND_POSITIVE);
      break;
    case analysis::SentimentBand::kNegative:
      proto.set_band(v1::SENTIMENT_BAND_NEGATIVE);
      break;
    case analysis::SentimentBand::kNeutral:
      proto.set_band(v1::SENTIMENT_BAND_NEUTRAL);
      break;
  }
  for (const analysis::AspectMention& mention : analysis.aspects) {
    v1::AspectMention& out = *proto.add_aspects();
    out.set_aspect(mention.aspect);
    out.set_sentiment(analysis::RoundLikePython(mention.sentiment, 4));
    out.set_text(mention.text);
  }
  return proto;
}

}  // namespace guestvoice::service
